// Offline use for the page (app.js): registers the service worker (sw.js),
// which keeps the files after one visit, and shows the notice of a new release
// (a new build of the worker waits until the visitor reloads onto it).

import { translator } from './i18n.js';
import { h } from './ui/elements.js';

/**
 * The notice of a new release, at the foot of the window: a polite live
 * region, empty until a new build of the service worker is waiting (there from
 * the start, so that screen readers hear what comes into it). What it says,
 * with its buttons and its styles, is update-notice.js: imported only when a
 * new build offers itself, which a first visit never sees.
 */
export function updateNotice() {
  const box = h('div', { class: 'update-notice', role: 'status' });
  document.body.append(box);
  let tr = translator('zh');
  let notice = null;
  return {
    render(to = tr) {
      tr = to;
      notice?.then((n) => n.render(tr), () => {});
    },
    offer(fn) {
      notice ??= import('./update-notice.js').then(({ fillNotice }) => fillNotice(box));
      notice.then((n) => n.offer(fn, tr), (e) => {
        notice = null;
        console.warn('policy-calc: the notice of a new release failed to load:', e);
      });
    },
  };
}

/**
 * Offline use: the service worker (sw.js) keeps the page, the views, the
 * engine's modules and the texts once the page has loaded (so that it does not
 * slow the first result); from the next load on they come from it, network or
 * not. Not where service workers are unavailable or forbidden (a sandboxed
 * frame, blocked storage): the page works as before.
 */
export function keepOffline(notice) {
  let sw;
  try {
    if (!('serviceWorker' in navigator)) return;
    sw = navigator.serviceWorker;
  } catch {
    return;
  }
  // A page that a worker controls: when a new build takes over (this tab's
  // button or another tab's), reload onto it; the fragment keeps the entries.
  const controlled = Boolean(sw.controller);
  let reloading = false;
  sw.addEventListener('controllerchange', () => {
    if (!controlled || reloading) return;
    reloading = true;
    location.reload();
  });
  const offer = (worker) => {
    if (worker && sw.controller) notice.offer(() => worker.postMessage({ type: 'policy-calc:activate' }));
  };
  const watch = (worker) => worker?.addEventListener('statechange', () => { if (worker.state === 'installed') offer(worker); });
  const register = () => sw.register('sw.js', { updateViaCache: 'none' }).then((registration) => {
    // A build already waiting, or one installing since this page's navigation looked for it.
    offer(registration.waiting);
    watch(registration.installing);
    registration.addEventListener('updatefound', () => watch(registration.installing));
    // A tab left open: look for a new release when it is shown again, at most hourly.
    let checked = Date.now();
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState !== 'visible' || Date.now() - checked < 3600e3) return;
      checked = Date.now();
      registration.update().catch(() => {});
    });
  }, (e) => console.warn('policy-calc: offline use is unavailable:', e));
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
