// A small inline SVG bar chart of a yearly schedule (no chart library).
// Presentation attributes only, so it renders under a strict style-src policy.

const NS = 'http://www.w3.org/2000/svg';

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) el.setAttribute(k, String(v));
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/** The smallest of 1, 2, 5, 10, 20, 25, 50 years between labels that leaves each label `room` units. */
function labelStep(slot, room) {
  return [1, 2, 5, 10, 20, 25, 50].find((k) => k * slot >= room) ?? 100;
}

/**
 * rows: [{label, value (number for drawing), text (exact figure), marked}]
 * `marked` bars (e.g. beyond the measure's validity) are hatched.
 * `bands`: [{text, marked}], lines written under the bars (a total per band of
 * years, say), so that the figures read without hovering a bar.
 * `width` and `fontSize` in the drawing's units: a narrow drawing with larger
 * text for a phone, where it is shown about as wide as it is drawn.
 */
export function barChart({ rows, title, description, markedLabel, bands = [], width = 640, fontSize = 12, className = '' }) {
  const pad = { top: 12, right: 8, bottom: fontSize + 12, left: 8 };
  const plotHeight = 150;
  const line = Math.round(fontSize * 1.6);
  const firstMarked = rows.findIndex((r) => r.marked);
  const legend = [...bands, ...(firstMarked >= 0 ? [{ text: markedLabel, marked: true, note: true }] : [])];
  const axisY = pad.top + plotHeight;
  const height = axisY + pad.bottom + legend.length * line + 4;
  const max = Math.max(...rows.map((r) => r.value), 1);
  const slot = (width - pad.left - pad.right) / Math.max(rows.length, 1);
  const barWidth = Math.max(4, Math.min(48, slot * 0.7));
  // A year label is four digits wide (about .6 em each) and a little room.
  const every = labelStep(slot, fontSize * 2.6 + 10);
  const id = `hatch-${Math.random().toString(36).slice(2, 8)}`;

  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: `chart ${className}`.trim(), role: 'img', 'aria-labelledby': `${id}-t ${id}-d` },
    s('title', { id: `${id}-t` }, title),
    s('desc', { id: `${id}-d` }, description),
    s('defs', {}, s('pattern', { id, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
      s('rect', { width: 6, height: 6, fill: '#fff6e5' }),
      s('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#8a5300', 'stroke-width': 2.5 }))),
    s('line', { x1: pad.left, x2: width - pad.right, y1: axisY, y2: axisY, stroke: '#1d2329' }));

  const fill = (marked) => (marked ? `url(#${id})` : '#1f6b45');
  rows.forEach((r, i) => {
    const h = (r.value / max) * plotHeight;
    const x = pad.left + slot * i + (slot - barWidth) / 2;
    svg.append(s('rect', { x, y: axisY - h, width: barWidth, height: h, fill: fill(r.marked),
      stroke: r.marked ? '#8a5300' : 'none', 'stroke-width': 1.5 }, s('title', {}, `${r.label}: ${r.text}${r.marked ? ` (${markedLabel})` : ''}`)));
    if (i % every === 0) {
      svg.append(s('text', { x: x + barWidth / 2, y: axisY + fontSize + 4, 'text-anchor': i === 0 && slot < fontSize * 2.6 ? 'start' : 'middle',
        'font-size': fontSize, fill: '#1d2329' }, r.label));
    }
  });
  if (firstMarked > 0) {
    const x = pad.left + slot * firstMarked;
    svg.append(s('line', { x1: x, x2: x, y1: pad.top - 8, y2: axisY, stroke: '#8a5300', 'stroke-dasharray': '4 3', 'stroke-width': 1.5 }));
  }
  // The legend: a swatch and a line of text each.
  legend.forEach((b, i) => {
    const y = axisY + pad.bottom + i * line + fontSize;
    const size = Math.round(fontSize * 0.75);
    if (!b.note || b.marked) {
      svg.append(s('rect', { x: pad.left, y: y - size, width: size, height: size, fill: fill(b.marked),
        stroke: b.marked ? '#8a5300' : 'none', 'stroke-width': 1.5 }));
    }
    svg.append(s('text', { x: pad.left + size + 6, y, 'font-size': fontSize, fill: b.note ? '#8a5300' : '#1d2329' }, b.text));
  });
  return svg;
}
