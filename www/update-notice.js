// The notice of a new release (offline.js makes its empty box at the start):
// what it says, its buttons and its styles (update-notice.css), imported once
// a new build of the service worker is waiting.

import { h } from './ui/elements.js';

const STYLES = new URL('./pkg/update-notice.css', import.meta.url).href;

/** Links the notice's styles once; resolves when they apply (or could not load: the notice is still shown). */
function styled() {
  let link = [...document.querySelectorAll('link[rel="stylesheet"]')].find((l) => l.href === STYLES);
  if (link?.sheet) return Promise.resolve();
  if (!link) {
    link = h('link', { rel: 'stylesheet', href: STYLES });
    document.head.append(link);
  }
  return new Promise((resolve) => {
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', resolve, { once: true });
  });
}

/**
 * The notice in `box`, once its styles apply: `offer(fn, tr)` shows it (its
 * button calls `fn`, which lets the new build take over), `render(tr)` says it
 * again in `tr`'s language; "Later" empties it until the next offer.
 */
export async function fillNotice(box) {
  await styled();
  let tr = null;
  let activate = null;
  let dismissed = false;
  function render(to = tr) {
    tr = to;
    if (!activate || dismissed) {
      box.replaceChildren();
      return;
    }
    box.replaceChildren(
      h('p', {}, tr.t('有新版本，刷新后使用。', 'A new version is available — reload to use it.')),
      h('button', { type: 'button', onclick: activate }, tr.t('刷新', 'Reload')),
      h('button', { type: 'button', class: 'secondary', onclick: () => { dismissed = true; render(); } }, tr.t('稍后', 'Later')));
  }
  return {
    render,
    offer(fn, to) {
      activate = fn;
      dismissed = false;
      render(to);
    },
  };
}
