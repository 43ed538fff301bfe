// The page: the five calculators as tabs, Chinese by default with a switch to
// English. What is typed lives in the URL fragment (never sent to a server),
// so a reload restores it and a link reproduces it. After one visit the page
// works offline (sw.js); a new release waits until the visitor reloads.

import { loadedView, loadEngine, loadingNotice, loadView, mountView, VIEWS, viewById, viewFailedNotice, viewTitle } from './calculators.js';
import { translator } from './i18n.js';
import { keepOffline, updateNotice } from './offline.js';
import { afterNextPaint, h } from './ui/elements.js';

const RESERVED = new Set(['v', 'lang']);

/**
 * The fragment: `v` (the open calculator), `lang`, the open calculator's
 * entries as plain keys, and every other calculator's as `id:key`.
 */
function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  const view = viewById(p.get('v'))?.id ?? VIEWS[0].id;
  const states = new Map(VIEWS.map((v) => [v.id, {}]));
  for (const [k, value] of p) {
    if (RESERVED.has(k)) continue;
    const i = k.indexOf(':');
    const [id, key] = i > 0 && states.has(k.slice(0, i)) ? [k.slice(0, i), k.slice(i + 1)] : [view, k];
    states.get(id)[key] = value;
  }
  return { view, lang: p.get('lang') === 'en' ? 'en' : 'zh', states };
}

async function main() {
  const main = document.getElementById('main');
  // The engine and the open calculator's view load side by side (the view's
  // failure is shown in its panel, below).
  const enginePromise = loadEngine();
  const firstView = loadView(viewById(readHash().view)).catch(() => {});
  let engine;
  try {
    [engine] = await Promise.all([enginePromise, firstView]);
  } catch (e) {
    main.replaceChildren(h('p', { class: 'fatal', role: 'alert' }, '计算引擎加载失败，请刷新页面重试。Engine failed to load; please reload.'));
    throw e;
  }
  const notice = updateNotice();
  let active;
  /** The page's language: its own words, and the language each calculator is mounted in. */
  let tr = translator('zh');
  let controllers = new Map();
  /** Entries per view, kept while the page is open (the URL holds the active one). */
  const kept = new Map();

  function writeHash() {
    // A calculator whose view is still loading keeps the entries it was given.
    kept.set(active, controllers.get(active)?.getState() ?? kept.get(active) ?? {});
    const p = new URLSearchParams({ v: active, ...(tr.lang === 'en' ? { lang: 'en' } : {}), ...kept.get(active) });
    for (const [id, state] of kept) {
      if (id !== active) for (const [k, v] of Object.entries(state)) p.append(`${id}:${k}`, v);
    }
    history.replaceState(null, '', `#${p}`);
  }

  // The page's own words: in Chinese as index.html has them (written once, there), and in English.
  const words = [
    ['site-title', 'Yinchuan policy calculators'],
    ['site-intro', 'Self-service estimates under Yinchuan city measures as published (each calculator gives its measure\'s dates). Everything is computed in your browser; nothing you type is sent anywhere.'],
    ['site-foot', 'Estimates are for reference and are not decisions; the competent authorities\' review and approval prevail.'],
  ].map(([id, en]) => {
    const element = document.getElementById(id);
    return [element, element.textContent, en];
  });

  function build() {
    const { t } = tr;
    document.documentElement.lang = tr.html;
    for (const [element, zh, en] of words) element.textContent = t(zh, en);
    document.title = words[0][0].textContent;
    const other = tr.lang === 'en' ? 'zh' : 'en';
    const switcher = document.getElementById('lang-switch');
    switcher.replaceChildren(h('button', { type: 'button', lang: translator(other).html, class: 'secondary',
      'aria-label': other === 'en' ? 'English version' : '中文版', onclick: () => switchLang(other) }, other === 'en' ? 'English' : '中文'));
    showVersion();
    notice.render(tr);

    const tabs = h('div', { role: 'tablist', 'aria-label': t('选择计算器', 'Choose a calculator') });
    const panels = [];
    const built = new Map();
    controllers = built;
    const language = tr.lang;
    const shown = new Set();

    /** Mounts a calculator in its panel the first time it is shown: at once if its view has loaded, else once it has. */
    function show(view, panel) {
      if (shown.has(view.id)) return;
      shown.add(view.id);
      const mount = (module) => {
        panel.removeAttribute('aria-busy');
        panel.replaceChildren();
        const controller = mountView(module, panel, { ...engine, language, onState: () => { if (view.id === active) writeHash(); } });
        built.set(view.id, controller);
        if (kept.has(view.id)) controller.setState(kept.get(view.id));
        showVersion();
      };
      const module = loadedView(view);
      if (module) {
        mount(module);
        return;
      }
      panel.setAttribute('aria-busy', 'true');
      panel.replaceChildren(loadingNotice(language));
      loadView(view).then((m) => {
        // A page rebuilt meanwhile (language, link) has panels of its own.
        if (controllers === built) mount(m);
      }, (e) => {
        console.warn(`policy-calc: the ${view.id} view failed to load:`, e);
        if (controllers !== built) return;
        panel.removeAttribute('aria-busy');
        // Shown again, it tries again.
        shown.delete(view.id);
        panel.replaceChildren(viewFailedNotice(language, e));
      });
    }

    VIEWS.forEach((view, i) => {
      const selected = view.id === active;
      const tab = h('button', { type: 'button', role: 'tab', id: `tab-${view.id}`, 'aria-controls': `panel-${view.id}`,
        'aria-selected': String(selected), tabindex: selected ? '0' : '-1' }, viewTitle(view, tr));
      const panel = h('section', { role: 'tabpanel', id: `panel-${view.id}`, 'aria-labelledby': tab.id, hidden: !selected });
      // A pointer on its way to a tab starts fetching that calculator's view.
      tab.addEventListener('pointerenter', () => { loadView(view).catch(() => {}); });
      tab.addEventListener('click', () => select(view.id));
      tab.addEventListener('keydown', (e) => {
        const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: VIEWS.length - 1 }[e.key];
        if (to === undefined) return;
        e.preventDefault();
        select(VIEWS[(to + VIEWS.length) % VIEWS.length].id, true);
      });
      tabs.append(tab);
      panels.push([view, tab, panel]);
    });
    main.replaceChildren(h('nav', { 'aria-label': t('计算器', 'Calculators') }, tabs), ...panels.map(([, , panel]) => panel));
    for (const [view, , panel] of panels) if (view.id === active) show(view, panel);

    function select(id, focus = false) {
      active = id;
      for (const [view, tab, panel] of panels) {
        const selected = view.id === id;
        tab.setAttribute('aria-selected', String(selected));
        tab.tabIndex = selected ? 0 : -1;
        panel.hidden = !selected;
        if (selected) show(view, panel);
        if (selected && focus) tab.focus();
      }
      writeHash();
    }
  }

  /** The footer names the version (the engine's catalog carries it: docs/rulebook.md §5), once a module has loaded. */
  function showVersion() {
    const version = engine.entries.values().next().value?.version;
    const footer = document.querySelector('footer.site');
    if (!version || !footer) return;
    const p = document.getElementById('site-version') ?? footer.appendChild(h('p', { id: 'site-version' }));
    p.textContent = tr.t(`版本 ${version}`, `Version ${version}`);
  }

  function switchLang(to) {
    for (const [id, c] of controllers) kept.set(id, c.getState());
    tr = translator(to);
    build();
    writeHash();
    document.querySelector('#lang-switch button')?.focus();
  }

  function fromHash() {
    const h0 = readHash();
    tr = translator(h0.lang);
    active = h0.view;
    kept.clear();
    for (const [id, state] of h0.states) if (Object.keys(state).length) kept.set(id, state);
    build();
  }

  fromHash();
  // A link pasted into the same tab: follow it (our own replaceState fires no hashchange),
  // and keep the keyboard on the open calculator's tab.
  window.addEventListener('hashchange', () => {
    fromHash();
    document.getElementById(`tab-${active}`)?.focus();
  });
  // Ready once the first result is whole (its parts under the headline are built after the first paint: ui/form.js).
  // Offline use waits for that paint as well: the service worker is nothing the first result needs.
  afterNextPaint(() => {
    keepOffline(notice);
    document.body.dataset.ready = 'true';
  });
}

main();
