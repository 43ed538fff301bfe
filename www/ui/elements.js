// Building elements: h('p', {class: 'x'}, 'text', child), and the few small
// DOM helpers every view uses. No texts of their own.

/** Creates an element: h('p', {class: 'x'}, 'text', child). `on…` attributes are listeners; false and null are left out. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, value);
  }
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
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
