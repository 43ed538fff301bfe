// A calculator's catalog entry (docs/rulebook.md §5, "Catalog = the schema")
// as the views read it: its fields by key path, and its named figures worded
// in one language. The page writes no rule figure of its own: every rate,
// threshold, quota and limit it shows comes from here.

import { fractionToPercent, readable, withUnit } from './numbers.js';

/**
 * `schema(entry, tr)`:
 * - `field('scores.contract')`: the catalog field, with `path` (its key path in
 *   the request; a list's row fields as `candidates.name`);
 * - `figure('minSurvivalRate')`: the figure's value as the engine writes it ("0.6");
 * - `fig('minSurvivalRate')`: the figure worded with its unit ("60%", "12 元/亩");
 * - `figureLabel(key)`: the figure's label; `hasFigure(key)`: whether there is one.
 * A key the catalog does not have is a bug of the page: it throws.
 */
export function schema(entry, tr) {
  const fields = new Map();
  const walk = (list, prefix) => {
    for (const f of list ?? []) {
      const path = prefix ? `${prefix}.${f.key}` : f.key;
      fields.set(path, { ...f, path });
      walk(f.fields, path);
    }
  };
  walk(entry.fields, '');
  const figures = new Map((entry.figures ?? []).map((f) => [f.key, f]));
  const figureOf = (key) => {
    const f = figures.get(key);
    if (!f) throw new Error(`${entry.id}: the catalog has no figure ${key}`);
    return f;
  };
  return {
    entry,
    field(path) {
      const f = fields.get(path);
      if (!f) throw new Error(`${entry.id}: the catalog has no field ${path}`);
      return f;
    },
    has: (path) => fields.has(path),
    hasFigure: (key) => figures.has(key),
    figure: (key) => figureOf(key).value,
    fig: (key) => figureText(figureOf(key), tr),
    figureLabel: (key) => tr.of(figureOf(key), 'label'),
  };
}

/** A figure in words: a share as a percentage ("60%"), else the value with its unit ("12 元/亩"). */
export function figureText(figure, tr) {
  if (figure.percent) return `${fractionToPercent(figure.value)}%`;
  return withUnit(readable(figure.value), tr.of(figure, 'unit'));
}
