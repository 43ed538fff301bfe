// What every host of the calculators shares — the page, the custom element
// and the iframe: loading the engine once, and mounting one calculator view.

import { createEngine } from './engine.js';
import { t, withLang } from './i18n.js';
import { bookTitle, h } from './ui.js';
import * as construction from './views/forest-construction.js';
import * as maintenance from './views/forest-maintenance.js';
import * as propertyStar from './views/property-star.js';
import * as fiveStrong from './views/five-strong.js';
import * as fiveStrongRanking from './views/five-strong-ranking.js';

export const VIEWS = [maintenance, construction, propertyStar, fiveStrong, fiveStrongRanking];

let engine;

/** Loads the WebAssembly engine (once): {api, entries}. The api never throws (www/engine.js). */
export function loadEngine() {
  engine ??= createEngine().then((api) => ({
    api,
    entries: new Map(api.catalog().map((c) => [c.id, c])),
  }));
  return engine;
}

export const viewById = (id) => VIEWS.find((v) => v.id === id);

/** Mounts one calculator view in `panel`, in language `language`; returns its controller. */
export function mountView(view, panel, { api, entries, language, onState }) {
  return withLang(language, () => {
    const entry = entries.get(view.id);
    panel.append(
      h('h2', { class: 'view-title' }, t(entry.titleZh, entry.titleEn)),
      h('p', { class: 'source' }, t('依据：', 'Source: '), bookTitle(entry.document), t('，', ', '),
        entry.inForce.to
          ? t(`有效期 ${entry.inForce.from} 至 ${entry.inForce.to}`, `in force ${entry.inForce.from} to ${entry.inForce.to}`)
          : t(`${entry.inForce.from} 起施行（试行，未规定终止日期）`, `in force from ${entry.inForce.from} (a trial, no end date)`)));
    return view.mount(panel, { api, entry, onState });
  });
}
