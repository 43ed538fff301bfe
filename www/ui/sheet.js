// The printed estimate sheet: a head (title, estimate date and the calculators'
// version, the rules' version, the inputs) and a foot, shown on paper only
// (style.css, @media print).

import { bookTitle, h } from './elements.js';

/** The measure and its period of validity, in words. */
export function inForceText(entry, tr, { trial = false } = {}) {
  const { from, to } = entry.inForce;
  if (to) return tr.t(`有效期 ${from} 至 ${to}`, `in force ${from} to ${to}`);
  return trial
    ? tr.t(`${from} 起施行（试行，未规定终止日期）`, `in force from ${from} (a trial, no end date)`)
    : tr.t(`${from} 起施行`, `in force from ${from}`);
}

/** Title, as-of date with the calculators' version, rule version and inputs (`fields`: [{label, show()}]). */
export function sheetHead(entry, result, fields, tr) {
  const rows = fields.map((f) => [f.label, f.show?.()]).filter(([, v]) => v);
  return h('div', { class: 'sheet-head print-only' },
    h('p', { class: 'sheet-title' }, tr.t('估算单', 'Estimate sheet'), ' · ', entry ? tr.of(entry, 'title') : ''),
    h('p', {}, tr.t('估算日期：', 'Estimate date: '), result.asOf,
      entry?.version ? tr.t(` · 计算器版本：${entry.version}`, ` · Calculator version ${entry.version}`) : null),
    entry ? h('p', {}, tr.t('规则版本：', 'Rules: '), bookTitle(entry.document), tr.t('，', ', '), inForceText(entry, tr)) : null,
    rows.length ? [h('p', { class: 'sheet-inputs-title' }, tr.t('输入', 'Inputs')),
      h('dl', { class: 'sheet-inputs' }, rows.map(([label, v]) => h('div', {}, h('dt', {}, label), h('dd', {}, v))))] : null);
}

export function sheetFoot(tr) {
  return h('p', { class: 'sheet-foot print-only' },
    tr.t('本单为依据公开规则的估算，不构成行政决定；以主管部门审核、审批结果为准。',
      'This sheet is an estimate under the published rules, not a decision; the competent authority\'s review and approval prevail.'));
}
