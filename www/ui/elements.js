// Building elements: h('p', {class: 'x'}, 'text', child), and the few small
// DOM helpers every view uses. No texts of their own.

/**
 * Creates an element: h('p', {class: 'x'}, 'text', child). `on…` attributes are
 * listeners; false and null are left out. The children go in with one append (a
 * form and its result are hundreds of elements, built on the way to the first result).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const key in attrs) {
    const value = attrs[key];
    if (value === false || value == null) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : value);
  }
  el.append(...children.flat(Infinity).filter((child) => child != null && child !== false));
  return el;
}

let uid = 0;

/** An id no other element of the page has: uniqueId('area') → "f-area-7". */
export const uniqueId = (name) => `f-${String(name).replace(/[^\w-]/g, '-')}-${++uid}`;

/** A visually hidden live status line that speaks only when its text changes. */
export function liveStatus() {
  const element = h('p', { class: 'visually-hidden', role: 'status', 'aria-atomic': 'true' });
  return {
    element,
    say(text) {
      if (element.textContent !== text) element.textContent = text;
    },
  };
}

/**
 * Runs `fn` once what the page holds now has been painted: in a task after the
 * next animation frame; should no frame come (a hidden page paints none), a
 * quarter of a second on all the same.
 */
export function afterNextPaint(fn) {
  let done = false;
  const run = () => {
    if (!done) {
      done = true;
      fn();
    }
  };
  requestAnimationFrame(() => setTimeout(run));
  setTimeout(run, 250);
}

/** What waits to be built after the next paint and is needed on paper (a result's parts: ui/form.js): printing builds it first (ui/explanation.js). */
export const beforePrint = new Set();

/** Today as YYYY-MM-DD in local time. */
export function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "办法（银政规发〔2022〕1号）" → "《办法》（银政规发〔2022〕1号）": the number is the last bracket. */
export function bookTitle(document) {
  const i = document.lastIndexOf('（');
  return i > 0 ? `《${document.slice(0, i)}》${document.slice(i)}` : `《${document}》`;
}

/** Whether `el` is hidden by itself or by an ancestor inside `root` (a hidden tab panel outside `root` does not count). */
export function hiddenWithin(el, root) {
  for (let e = el; e && e !== root; e = e.parentElement) if (e.hidden) return true;
  return false;
}
