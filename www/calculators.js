// What every host of the calculators shares — the page, the custom element
// and the iframe: loading the engine once, and mounting one calculator view.

import init, { catalog, evaluate } from './pkg/policy_calc.js';
import { t, withLang } from './i18n.js';
import { bookTitle, h } from './ui.js';
import * as construction from './views/forest-construction.js';
import * as maintenance from './views/forest-maintenance.js';
import * as propertyStar from './views/property-star.js';
import * as fiveStrong from './views/five-strong.js';
import * as fiveStrongRanking from './views/five-strong-ranking.js';

export const VIEWS = [maintenance, construction, propertyStar, fiveStrong, fiveStrongRanking];

let engine;

/** The engine never throws for bad input; should it fail all the same, the page gets an answer it can show. */
function safeEvaluate(calculator, input) {
  try {
    return evaluate(calculator, input);
  } catch (e) {
    console.error(e);
    return { ok: false, error: { code: 'internal', field: null,
      messageZh: '计算引擎出错，请刷新页面后重试；所填内容仍保留在表单中。',
      messageEn: 'The engine failed. Please reload the page; your entries are kept in the form.' } };
  }
}

/** Loads the WebAssembly engine (once): {api, entries}. */
export function loadEngine() {
  engine ??= init({ module_or_path: new URL('./pkg/policy_calc_bg.wasm', import.meta.url) }).then(() => ({
    api: { evaluate: safeEvaluate, catalog },
    entries: new Map(catalog().map((c) => [c.id, c])),
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
