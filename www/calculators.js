// What every host of the calculators shares — the page, the custom element
// and the iframe: loading the engine once, the list of calculators, loading a
// calculator's view on demand, and mounting it.
//
// The list below does not import the views: each view module (and the helpers
// it imports) is fetched with import() the first time it is shown, so a visit
// downloads only the calculator it shows.

import { createEngine } from './engine.js';
import { translator } from './i18n.js';
import { bookTitle, h } from './ui/elements.js';
import { inForceText } from './ui/sheet.js';

/**
 * The calculators, in the order of the page's tabs; the titles are the tabs'
 * labels. `styled`: the view has styles of its own (www/views/<id>.css, built
 * into pkg/view-<id>.css), linked when it is first shown.
 */
export const VIEWS = [
  { id: 'forest-maintenance', titleZh: '养护管理补偿', titleEn: 'Forest maintenance', module: () => import('./views/forest-maintenance.js') },
  { id: 'forest-construction', titleZh: '建设补偿', titleEn: 'Forest construction', module: () => import('./views/forest-construction.js') },
  { id: 'forest-stand', titleZh: '一块林地·两项补偿', titleEn: 'One stand, both measures', calculators: ['forest-construction', 'forest-maintenance'], styled: true, module: () => import('./views/forest-stand.js') },
  { id: 'property-star', titleZh: '物业服务星级', titleEn: 'Property stars', styled: true, module: () => import('./views/property-star.js') },
  { id: 'five-strong', titleZh: '“五强”奖励', titleEn: '“Five Strong”', module: () => import('./views/five-strong.js') },
  { id: 'five-strong-ranking', titleZh: '“五强”排名估算', titleEn: 'Ranking estimate', styled: true, module: () => import('./views/five-strong-ranking.js') },
  { id: 'batch', titleZh: '批量估算', titleEn: 'Batch', calculators: ['forest-maintenance', 'forest-construction', 'property-star'], styled: true, module: () => import('./views/batch.js') },
];

export const viewById = (id) => VIEWS.find((v) => v.id === id);

/** A calculator's tab label in `tr`'s language. */
export const viewTitle = (view, tr) => tr.t(view.titleZh, view.titleEn);

/**
 * The page's one engine for this copy of the calculators, kept on the window:
 * the bundles the pages load (www/pkg/, scripts/bundle.mjs) and these modules,
 * imported as they are, share it.
 */
const ENGINE = Symbol.for(`policy-calc engine ${new URL('./pkg/', import.meta.url)}`);

/**
 * The engine (once): {api, entries}. The api never throws (www/engine.js); the
 * module of each calculator loads with its view (loadView), and `entries`
 * (id → catalog entry) grows as they do.
 */
export function loadEngine() {
  globalThis[ENGINE] ??= createEngine().then((api) => ({ api, entries: new Map() }));
  return globalThis[ENGINE];
}

/** Loads the engine's module for a view's calculators (`calculators`, else its own id), and adds their catalog entries. */
async function loadRules(view) {
  const e = await loadEngine();
  await Promise.all((view.calculators ?? [view.id]).map((id) => e.api.ensure(id)));
  for (const c of e.api.catalog()) e.entries.set(c.id, c);
  return e;
}

/**
 * A styled view's stylesheet, linked in `root` (a document: in its head; a
 * custom element's shadow root: in it) once per root. Returns the link, whose
 * `loaded` resolves once its rules apply, or null for a view with no styles of
 * its own. One that fails to load is taken out again, so that a later try
 * links it anew.
 */
function linkStyle(view, root) {
  if (!view?.styled) return null;
  const href = new URL(`./pkg/view-${view.id}.css`, import.meta.url).href;
  const parent = root.head ?? root;
  let link = [...parent.querySelectorAll('link[rel="stylesheet"]')].find((l) => l.href === href && l.loaded);
  if (!link) {
    link = h('link', { rel: 'stylesheet', href });
    link.loaded = new Promise((resolve, reject) => {
      link.addEventListener('load', () => resolve(), { once: true });
      link.addEventListener('error', () => {
        link.remove();
        reject(new Error(`${href}: the view's stylesheet did not load`));
      }, { once: true });
    });
    link.loaded.catch(() => {});
    parent.append(link);
  }
  return link;
}

/** id → {promise, module}: each view module is imported once; `module` is set once it has loaded. */
const modules = new Map();

/**
 * Loads a calculator's view module (once), with its stylesheet linked in
 * `root` (the page's document unless a custom element's shadow root), so that
 * it mounts styled; a failed load is forgotten, so that a later call tries again.
 */
export function loadView(view, root = document) {
  let loading = modules.get(view.id);
  if (!loading) {
    // The view's code, its rules and its styles, side by side.
    loading = { promise: Promise.all([view.module(), loadRules(view), linkStyle(view, root)?.loaded]).then(([module]) => module), module: null };
    modules.set(view.id, loading);
    loading.promise.then((module) => { loading.module = module; }, () => { modules.delete(view.id); });
  }
  return loading.promise;
}

/** The view module if it has already loaded (mounting it can then be synchronous), else null. */
export const loadedView = (view) => modules.get(view.id)?.module ?? null;

/** What a panel says while its view loads. */
export function loadingNotice(language) {
  return h('p', { class: 'loading' }, translator(language).t('正在加载…', 'Loading…'));
}

/**
 * What a panel says when its view could not be loaded: in both languages, the
 * current one first. A `reason` with texts of its own (the engine's, when the
 * page's Content-Security-Policy forbids WebAssembly) says those instead.
 */
export function viewFailedNotice(language, reason) {
  const zh = reason?.messageZh ?? '此计算器加载失败，请检查网络连接后刷新页面重试。';
  const en = reason?.messageEn ?? 'This calculator failed to load; please check your connection and reload the page.';
  return h('p', { class: 'fatal', role: 'alert' }, ...(language === 'en'
    ? [en, ' ', h('span', { lang: 'zh-CN' }, zh)]
    : [zh, ' ', h('span', { lang: 'en' }, en)]));
}

/**
 * Mounts one loaded calculator view module in `panel`, in language `language`:
 * the view gets a translator of its own (`tr`), which it keeps for its life.
 * Returns its controller.
 */
export function mountView(view, panel, { api, entries, language, onState }) {
  // Its styles where it is mounted: already there when loadView linked them in the same root; else
  // (another custom element's shadow root) the panel stays invisible until they apply.
  const link = linkStyle(viewById(view.id), panel.getRootNode());
  if (link && !link.sheet) {
    panel.style.visibility = 'hidden';
    const show = () => { panel.style.visibility = ''; };
    link.loaded.then(show, show);
  }
  const tr = translator(language);
  const entry = entries.get(view.id);
  // A view over several calculators (one stand, both forest measures) heads itself from their entries.
  if (!entry) return view.mount(panel, { api, entries, tr, onState });
  panel.append(
    h('h2', { class: 'view-title' }, tr.of(entry, 'title')),
    h('p', { class: 'source' }, tr.t('依据：', 'Source: '), bookTitle(entry.document), tr.t('，', ', '), inForceText(entry, tr, { trial: true })));
  return view.mount(panel, { api, entry, tr, onState });
}
