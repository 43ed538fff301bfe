// A request of the case table (tests/cases/) as the page takes it: typed into
// a calculator's form by the labels its catalog gives (as a person would), or
// written as the page's URL fragment. The named cases stay the one statement
// of their inputs; the tests and the benchmark do not restate them.
import { catalog } from './engine.mjs';
import { fractionToPercent } from '../../www/ui/numbers.js';

/** Catalog fields of a calculator by key path (a nested field as `scores.contract`). */
export function fieldsOf(calculator) {
  const entry = catalog().find((c) => c.id === calculator);
  if (!entry) throw new Error(`no catalog entry ${calculator}`);
  const byPath = new Map();
  const walk = (fields, prefix) => {
    for (const f of fields ?? []) {
      const path = prefix ? `${prefix}.${f.key}` : f.key;
      byPath.set(path, f);
      if (f.kind === 'object') walk(f.fields, path);
    }
  };
  walk(entry.fields, '');
  return byPath;
}

/** Two request keys the page takes in one box, with a list beside it picking which. */
const ALTERNATIVES = { areaMu: 'area', areaHectares: 'area', plantingYear: 'age', standAgeYears: 'age' };
/** Booleans the page asks as a yes / no / not-given list rather than a checkbox. */
const LISTED_BOOLEANS = new Set(['hasContract', 'platformRegistered', 'newlyDelivered']);

/** The request's entries, flattened to key paths: {scores: {contract: 46}} → [['scores.contract', 46]]. */
function entries(input, prefix = '') {
  return Object.entries(input).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v)
    ? entries(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v]]));
}

/** The page's URL fragment entries for a request (docs: www/app.js); `go` asks for the result. */
export function stateOf(calculator, input, { go = true } = {}) {
  const fields = fieldsOf(calculator);
  const state = {};
  for (const [path, v] of entries(input)) {
    const f = fields.get(path);
    if (ALTERNATIVES[path]) state[ALTERNATIVES[path]] = `${v}:${path}`;
    else if (f?.kind === 'boolean') state[path] = LISTED_BOOLEANS.has(path) ? String(v) : (v ? '1' : '');
    else if (f?.percent) state[path] = fractionToPercent(String(v));
    else if (Array.isArray(v)) state[path] = v.join(',');
    else state[path] = String(v);
  }
  if (go) state.go = '1';
  return state;
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const starting = (s) => new RegExp(`^${escape(s)}`);

/**
 * Types a request into a calculator's form (`panel`: a Playwright locator of
 * its panel, custom element or frame) by the catalog's labels in `lang`.
 * Choices first, so that the boxes they show are there to type into.
 */
export async function fillRequest(panel, calculator, input, { lang = 'zh' } = {}) {
  const fields = fieldsOf(calculator);
  const label = (f) => (lang === 'en' ? f.labelEn : f.labelZh);
  const order = (path) => (fields.get(path)?.kind === 'enum' ? 0 : 1);
  const list = entries(input).sort(([a], [b]) => order(a) - order(b));
  for (const [path, v] of list) {
    const f = fields.get(path);
    if (ALTERNATIVES[path]) {
      const [first, second] = Object.keys(ALTERNATIVES).filter((k) => ALTERNATIVES[k] === ALTERNATIVES[path]).map((k) => fields.get(k));
      const boxLabel = ALTERNATIVES[path] === 'area' ? label(first)
        : lang === 'en' ? `${first.labelEn} or ${second.labelEn.toLowerCase()}` : `${first.labelZh}或${second.labelZh}`;
      await panel.getByRole('textbox', { name: starting(boxLabel) }).fill(String(v));
      await panel.getByRole('combobox', { name: starting(ALTERNATIVES[path] === 'area'
        ? (lang === 'en' ? `Unit of ${boxLabel.toLowerCase()}` : `${boxLabel}的单位`)
        : (lang === 'en' ? `How the ${boxLabel.toLowerCase()}` : `${boxLabel}的填写方式`)) }).selectOption(path);
    } else if (f.kind === 'enum') {
      const option = f.options.find((o) => o.value === v);
      const radio = panel.getByRole('radio', { name: starting(lang === 'en' ? option.labelEn : option.labelZh) });
      if (await radio.count()) await radio.check();
      else await panel.getByRole('combobox', { name: starting(label(f)) }).selectOption(v);
    } else if (f.kind === 'boolean') {
      const box = panel.getByRole('checkbox', { name: starting(label(f)) });
      if (await box.count()) await box.setChecked(v);
      else await panel.getByRole('combobox', { name: starting(label(f)) }).selectOption(String(v));
    } else if (f.kind === 'date') {
      await panel.getByLabel(starting(label(f))).fill(v);
    } else {
      await panel.getByRole('textbox', { name: starting(label(f)) }).fill(f.percent ? fractionToPercent(String(v)) : String(v));
    }
  }
}
