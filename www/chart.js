// A small inline SVG bar chart of a yearly schedule (no chart library).
// Presentation attributes only, so it renders under a strict style-src policy.

const NS = 'http://www.w3.org/2000/svg';

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) el.setAttribute(k, String(v));
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/**
 * rows: [{label, value (number for drawing), text (exact figure), marked}]
 * `marked` bars (e.g. beyond the measure's validity) are hatched.
 */
export function barChart({ rows, title, description, markedLabel }) {
  const width = 640;
  const height = 220;
  const pad = { top: 16, right: 8, bottom: 40, left: 8 };
  const max = Math.max(...rows.map((r) => r.value), 1);
  const slot = (width - pad.left - pad.right) / Math.max(rows.length, 1);
  const barWidth = Math.max(4, Math.min(48, slot * 0.7));
  const plotHeight = height - pad.top - pad.bottom;
  const id = `hatch-${Math.random().toString(36).slice(2, 8)}`;

  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-labelledby': `${id}-t ${id}-d` },
    s('title', { id: `${id}-t` }, title),
    s('desc', { id: `${id}-d` }, description),
    s('defs', {}, s('pattern', { id, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
      s('rect', { width: 6, height: 6, fill: '#fff6e5' }),
      s('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#8a5300', 'stroke-width': 2.5 }))),
    s('line', { x1: pad.left, x2: width - pad.right, y1: height - pad.bottom, y2: height - pad.bottom, stroke: '#1d2329' }));

  rows.forEach((r, i) => {
    const h = (r.value / max) * plotHeight;
    const x = pad.left + slot * i + (slot - barWidth) / 2;
    const y = height - pad.bottom - h;
    svg.append(s('rect', { x, y, width: barWidth, height: h, fill: r.marked ? `url(#${id})` : '#1f6b45',
      stroke: r.marked ? '#8a5300' : 'none', 'stroke-width': 1.5 }, s('title', {}, `${r.label}: ${r.text}${r.marked ? ` (${markedLabel})` : ''}`)));
    if (rows.length <= 20 || i % Math.ceil(rows.length / 20) === 0) {
      svg.append(s('text', { x: x + barWidth / 2, y: height - pad.bottom + 16, 'text-anchor': 'middle', 'font-size': 12, fill: '#1d2329' }, r.label));
    }
  });
  const firstMarked = rows.findIndex((r) => r.marked);
  if (firstMarked > 0) {
    const x = pad.left + slot * firstMarked;
    svg.append(s('line', { x1: x, x2: x, y1: pad.top - 8, y2: height - pad.bottom, stroke: '#8a5300', 'stroke-dasharray': '4 3', 'stroke-width': 1.5 }));
  }
  svg.append(s('text', { x: width - pad.right, y: height - 6, 'text-anchor': 'end', 'font-size': 12, fill: '#8a5300' },
    firstMarked >= 0 ? `▨ ${markedLabel}` : ''));
  return svg;
}
