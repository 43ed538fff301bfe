// The batch estimate's worker (www/views/batch.js): a module worker that loads
// the same engine as the page (www/engine.js), reads a pasted sheet, maps its
// columns to the calculator's catalog fields (docs/rulebook.md §5, "Catalog =
// the schema"), evaluates every row and adds up the totals, so that the page
// never blocks while a thousand rows compute. Nothing leaves the browser.
//
// Messages in: {type: 'run', job, calculator, text}; {type: 'export', job, lang}.
// Messages out: 'start' (the columns), 'rows' (a slice of results with the
// totals so far), 'done', 'failed' (the sheet cannot be read), 'csv' (an export).
// A newer 'run' supersedes an older one at its next slice.

import { codeOf, formatCsv, headerKey, parseCsv } from './csv.js';
import { createEngine } from './engine.js';
import { normalizeNumber, percentToFraction } from './ui/numbers.js';

const engine = createEngine();
/** The job being computed: an older one stops at its next slice. */
let current = 0;
/** The last job computed to its end, for its export. */
let last = null;

/** A slice of the work: rows are posted at least this often (ms), so that progress shows. */
const SLICE_MS = 40;

/** The columns of each calculator's results: `key` in the row summary, `kind` how it is written. */
const RESULTS = {
  'forest-construction': [
    { key: 'eligible', zh: '是否符合条件', en: 'Meets the conditions', kind: 'yesno' },
    { key: 'areaMu', zh: '面积（亩）', en: 'Area (mu)', kind: 'number' },
    { key: 'ratePerMu', zh: '标准（元/亩）', en: 'Rate (yuan/mu)', kind: 'number' },
    { key: 'amount', zh: '补偿金额（元）', en: 'Compensation (yuan)', kind: 'money' },
  ],
  'forest-maintenance': [
    { key: 'eligible', zh: '是否符合条件', en: 'Meets the conditions', kind: 'yesno' },
    { key: 'areaMu', zh: '面积（亩）', en: 'Area (mu)', kind: 'number' },
    { key: 'firstFundedYear', zh: '首个补偿年度', en: 'First funded year', kind: 'number' },
    { key: 'yearsWithinValidity', zh: '有效期内年数', en: 'Years within validity', kind: 'number' },
    { key: 'totalWithinValidity', zh: '有效期内合计（元）', en: 'Total within validity (yuan)', kind: 'money' },
    { key: 'total', zh: '含预测合计（元）', en: 'Total including projection (yuan)', kind: 'money' },
  ],
  'property-star': [
    { key: 'stars', zh: '星级', en: 'Stars', kind: 'number' },
    { key: 'label', zh: '评定结果', en: 'Rating', kind: 'message' },
    { key: 'score', zh: '总分', en: 'Total score', kind: 'number' },
  ],
};

/** Headers of a column that names the row (a stand, an estate), not a field. */
const NAME_HEADERS = ['name', '名称', '小班', '小班号', '小区', '小区名称', '林地', '林地名称', '地块', '编号', 'id', 'stand', 'estate'];
/** Headers of the columns an export adds: read back, they are skipped without a word. */
const EXPORT_HEADERS = new Set(['行', 'row', '说明', 'notes', ...Object.values(RESULTS).flat().flatMap((c) => [c.zh, c.en])].map((x) => x.replace(/\s+/g, '').toLowerCase()));

const squash = (s) => String(s ?? '').replace(/\s+/g, '').toLowerCase();
/** The unit in a header's last bracket: "面积（亩）" → "亩". */
const bracketOf = (header) => /[（(]([^）)]*)[）)]\s*$/.exec(header)?.[1]?.trim() ?? '';

/** The catalog's fields as columns: nested fields (the four scores) by their path, `scores.contract`. */
function leavesOf(entry) {
  const out = [];
  for (const f of entry.fields) {
    if (f.kind === 'object') for (const g of f.fields ?? []) out.push({ ...g, path: `${f.key}.${g.key}`, parent: f });
    else out.push({ ...f, path: f.key });
  }
  return out;
}

/**
 * What a header cell names: {leaf} (a field: by its key path, its key, or its
 * Chinese or English label, units in brackets allowed), {name} (the row's own
 * name), {skip} (a column an export added) or {unknown}.
 */
function matchColumn(header, leaves) {
  const h = squash(header);
  if (!h) return { unknown: true };
  const one = (list) => (list.length === 1 ? list[0] : null);
  let leaf = one(leaves.filter((f) => [f.path, f.labelZh, f.labelEn].some((n) => n && squash(n) === h)))
    ?? one(leaves.filter((f) => squash(f.key) === h));
  if (!leaf) {
    // Units in brackets: "面积（亩）", "Area (ha)", "成活率（%）".
    const key = squash(headerKey(header));
    const unit = squash(bracketOf(header));
    const unitFits = (f) => !unit || (f.unitZh || f.unitEn ? [f.unitZh, f.unitEn].some((u) => u && squash(u) === unit) : /^[%％]$|百分/.test(unit) ? Boolean(f.percent) : true);
    const named = leaves.filter((f) => [f.labelZh, f.labelEn].some((n) => n && squash(headerKey(n)) === key));
    leaf = one(named.filter(unitFits)) ?? one(named.filter((f) => unitFits(f) && !/[（(]/.test(f.labelZh)));
    if (!leaf && unit) leaf = one(leaves.filter((f) => (f.unitZh || f.unitEn) && unitFits(f) && [f.labelZh, f.labelEn].some((n) => n && squash(n).startsWith(key))));
  }
  if (leaf) return { leaf, percentHeader: /[%％]|百分/.test(bracketOf(header)) };
  const bare = squash(headerKey(header));
  if (NAME_HEADERS.includes(bare) || /(名称|名)$/.test(bare)) return { name: true };
  if (EXPORT_HEADERS.has(h) || EXPORT_HEADERS.has(bare)) return { skip: true };
  return { unknown: true };
}

const TRUE = /^(是|对|有|√|✓|true|yes|y|1)$/i;
const FALSE = /^(否|不|无|没有|×|✗|false|no|n|0)$/i;

/** "2026/5/10", "2026.5.10", "2026年5月10日" → "2026-05-10"; anything else as typed, for the engine to name. */
function isoDate(text) {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : text;
}

/** A choice by its value or its option's label exactly (any case, spaces aside), else as csv.js reads a choice (a part of one label). */
function optionOf(text, f) {
  const options = f.options ?? [];
  const v = squash(text);
  const exact = options.find((o) => [o.value, o.labelZh, o.labelEn].some((n) => n && squash(n) === v));
  return exact ? exact.value : codeOf(text, options.map((o) => [o.value, o.labelZh, o.labelEn]));
}

/**
 * A cell as the request's value: a decimal as a string (full-width digits and
 * thousands separators tidied; a share given in percent as its fraction), a
 * choice by its value or its option's label, a yes/no, a list of codes, a
 * date. Blank is absent (undefined). {error} when a yes/no is neither.
 */
function cellValue(cell, column) {
  const f = column.leaf;
  const text = String(cell ?? '').trim();
  if (text === '') return { value: undefined };
  switch (f.kind) {
    case 'decimal':
    case 'integer': {
      const v = normalizeNumber(text).replace(/[,，\s]/g, '');
      if (!f.percent) return { value: v };
      // A share: "86%", or "86" in a column headed (%), is percent; else a fraction, as written
      // (a bare 1.5 is refused by the engine, never read as 1.5%).
      if (/[%％]$/.test(v) || column.percentHeader) return { value: percentToFraction(v.replace(/％$/, '%')) };
      return { value: v };
    }
    case 'boolean':
      if (TRUE.test(text)) return { value: true };
      if (FALSE.test(text)) return { value: false };
      return { error: { messageZh: `须为“是”或“否”（实际为“${text}”）。`, messageEn: `must be yes or no (it is "${text}").` } };
    case 'enum':
      return { value: optionOf(text, f) };
    case 'codes':
      return { value: text.split(/[;；,，、\s]+/).filter(Boolean).map((x) => optionOf(x, f)) };
    case 'date':
      return { value: isoDate(text) };
    default:
      return { value: text };
  }
}

function setPath(request, path, value) {
  const keys = path.split('.');
  let o = request;
  for (const k of keys.slice(0, -1)) o = (o[k] ??= {});
  o[keys.at(-1)] = value;
}

/** A value the engine accepts for a field, to look past an error at the rest of the row (never used for a result). */
function standIn(f) {
  switch (f.kind) {
    case 'boolean': return false;
    case 'enum': return f.options?.[0]?.value;
    case 'codes': return [];
    case 'decimal':
    case 'integer': return f.min ?? f.max ?? '1';
    default: return undefined;
  }
}

/** Exact sums of decimal strings, in hundredths (money is rounded to 0.01 by the engine). */
const toCents = (amount) => {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(String(amount));
  if (!m) return 0n;
  const cents = BigInt(`${m[2] || '0'}${(m[3] ?? '').padEnd(2, '0').slice(0, 2)}`);
  return m[1] ? -cents : cents;
};
const fromCents = (c) => {
  const sign = c < 0n ? '-' : '';
  const s = (c < 0n ? -c : c).toString().padStart(3, '0');
  return `${sign}${s.slice(0, -2)}.${s.slice(-2)}`;
};

const messages = (list) => (list ?? []).filter((x) => x.messageZh).map(({ messageZh, messageEn }) => ({ messageZh, messageEn }));

/** One row: its request, its errors (each naming the field), or the parts of its result the batch shows. */
function evaluateRow(api, calculator, cells, columns, leaves, n) {
  const request = {};
  const errors = [];
  const seen = new Set();
  let name = '';
  columns.forEach((col, i) => {
    if (col.name) { name ||= String(cells[i] ?? '').trim(); return; }
    if (!col.leaf) return;
    const { value, error } = cellValue(cells[i], col);
    if (error) {
      errors.push({ field: col.leaf.path, labelZh: col.leaf.labelZh, labelEn: col.leaf.labelEn, ...error });
      seen.add(col.leaf.path);
      const v = standIn(col.leaf);
      if (v !== undefined) setPath(request, col.leaf.path, v);
    } else if (value !== undefined) setPath(request, col.leaf.path, value);
  });
  let response = api.evaluate(calculator, request);
  // Every refused or missing entry of the row, not only the first: each one found is stood in for, and the row asked again.
  for (let i = 0; i < 12 && (!response.ok || errors.length); i++) {
    if (response.ok) break;
    const e = response.error;
    if (e.field && seen.has(e.field)) break;
    errors.push({ field: e.field, labelZh: e.label?.zh ?? null, labelEn: e.label?.en ?? null, messageZh: e.messageZh, messageEn: e.messageEn });
    const leaf = leaves.find((f) => f.path === e.field);
    const v = leaf && standIn(leaf);
    if (!e.field || v === undefined) break;
    seen.add(e.field);
    setPath(request, e.field, v);
    response = api.evaluate(calculator, request);
  }
  if (errors.length) return { row: { n, name, ok: false, errors } };
  const r = response.result;
  const row = { n, name, ok: true, errors: [], reasons: messages(r.reasons) };
  if (calculator === 'property-star') {
    Object.assign(row, { stars: r.stars, label: r.label ? { messageZh: r.label.messageZh, messageEn: r.label.messageEn } : null, score: r.total, eligible: !r.disqualified && r.stars > 0 });
  } else {
    Object.assign(row, { eligible: r.eligible, areaMu: r.areaMu });
    if (calculator === 'forest-construction') Object.assign(row, { amount: r.amount, ratePerMu: r.ratePerMu });
    else Object.assign(row, { firstFundedYear: r.firstFundedYear, yearsWithinValidity: r.yearsWithinValidity, totalWithinValidity: r.totalWithinValidity, total: r.total });
  }
  return { row, result: r };
}

/** The running totals of a job. */
function totals(calculator) {
  const t = { rows: 0, errors: 0, eligible: 0, ineligible: 0, amount: 0n, total: 0n, totalWithinValidity: 0n, stars: {}, labels: {}, years: new Map() };
  return {
    add(row, r) {
      t.rows++;
      if (!row.ok) { t.errors++; return; }
      if (calculator === 'property-star') {
        t.stars[r.stars] = (t.stars[r.stars] ?? 0) + 1;
        if (r.label) t.labels[r.stars] ??= { messageZh: r.label.messageZh, messageEn: r.label.messageEn };
        return;
      }
      if (!r.eligible) { t.ineligible++; return; }
      t.eligible++;
      if (calculator === 'forest-construction') { t.amount += toCents(r.amount); return; }
      t.total += toCents(r.total);
      t.totalWithinValidity += toCents(r.totalWithinValidity);
      for (const y of r.schedule) {
        const sums = t.years.get(y.year) ?? { within: 0n, beyond: 0n };
        sums[y.beyondValidity ? 'beyond' : 'within'] += toCents(y.amount);
        t.years.set(y.year, sums);
      }
    },
    /** The totals as the page reads them: amounts as exact decimal strings; the cash flow by year (eligible rows only). */
    snapshot() {
      return {
        rows: t.rows, errors: t.errors, eligible: t.eligible, ineligible: t.ineligible,
        amount: fromCents(t.amount), total: fromCents(t.total), totalWithinValidity: fromCents(t.totalWithinValidity), totalBeyond: fromCents(t.total - t.totalWithinValidity),
        stars: { ...t.stars }, labels: { ...t.labels },
        years: [...t.years].sort(([a], [b]) => a - b).map(([year, s]) => ({ year, within: fromCents(s.within), beyond: fromCents(s.beyond), total: fromCents(s.within + s.beyond) })),
      };
    },
  };
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 0));

async function run({ job, calculator, text }) {
  const started = performance.now();
  const api = await engine;
  await api.ensure(calculator);
  if (job !== current) return;
  const entry = api.catalog().find((c) => c.id === calculator);
  if (!entry || !RESULTS[calculator]) {
    postMessage({ type: 'failed', job, messageZh: '无法批量估算此计算器。', messageEn: 'This calculator cannot be estimated in a batch.' });
    return;
  }
  const leaves = leavesOf(entry);
  const table = parseCsv(text);
  if (table.length === 0) {
    postMessage({ type: 'failed', job, empty: true, messageZh: '请先粘贴表格或选择 CSV 文件。', messageEn: 'Paste a sheet or choose a CSV file first.' });
    return;
  }
  const header = table[0];
  const columns = header.map((cell) => matchColumn(cell, leaves));
  if (!columns.some((c) => c.leaf)) {
    postMessage({ type: 'failed', job, messageZh: '首行须为表头，列名用计算器的字段名称（如“下载模板”所示）或字段键名；未能识别任何一列。',
      messageEn: 'The first row must be a header naming the calculator\'s fields (as in the template) or their keys; no column was recognised.' });
    return;
  }
  const used = new Map();
  const duplicates = [];
  columns.forEach((c, i) => {
    if (!c.leaf) return;
    if (used.has(c.leaf.path)) { duplicates.push(header[i]); columns[i] = { skip: true }; } else used.set(c.leaf.path, i);
  });
  const rows = table.slice(1);
  postMessage({
    type: 'start', job, calculator, count: rows.length, results: RESULTS[calculator],
    named: columns.some((c) => c.name),
    fields: columns.filter((c) => c.leaf).map((c) => ({ path: c.leaf.path, labelZh: c.leaf.labelZh, labelEn: c.leaf.labelEn })),
    unknown: header.filter((_, i) => columns[i].unknown && header[i] !== ''),
    duplicates,
    missing: leaves.filter((f) => f.required === true && f.parent?.required !== false && !used.has(f.path)).map((f) => ({ labelZh: f.labelZh, labelEn: f.labelEn })),
  });
  const sum = totals(calculator);
  const summaries = [];
  let slice = [];
  let sliceStart = performance.now();
  for (let i = 0; i < rows.length; i++) {
    const { row, result } = evaluateRow(api, calculator, rows[i], columns, leaves, i + 1);
    sum.add(row, result);
    summaries.push(row);
    slice.push(row);
    if (performance.now() - sliceStart > SLICE_MS || i === rows.length - 1) {
      postMessage({ type: 'rows', job, rows: slice, done: i + 1, totals: sum.snapshot() });
      slice = [];
      // Lets a newer job in.
      await pause();
      if (job !== current) return;
      sliceStart = performance.now();
    }
  }
  if (rows.length === 0) postMessage({ type: 'rows', job, rows: [], done: 0, totals: sum.snapshot() });
  last = { job, calculator, header, columns, rows, summaries };
  postMessage({ type: 'done', job, totals: sum.snapshot(), ms: Math.round(performance.now() - started) });
}

/** The results as CSV (UTF-8 with a byte-order mark, so that spreadsheets read the Chinese): the row, its name, its entries, its results. */
function exportCsv({ job, lang }) {
  if (!last || last.job !== job) {
    postMessage({ type: 'csv', job, text: null });
    return;
  }
  const en = lang === 'en';
  const t = (zh, english) => (en ? english : zh);
  const msg = (o) => (o ? (en ? o.messageEn ?? o.messageZh : o.messageZh) : '');
  const { header, columns, rows, summaries, calculator } = last;
  const results = RESULTS[calculator];
  const named = columns.findIndex((c) => c.name);
  const inputs = columns.map((c, i) => [c, i]).filter(([c]) => c.leaf);
  const head = [t('行', 'Row'), ...(named >= 0 ? [header[named]] : []), ...inputs.map(([c]) => (en ? c.leaf.labelEn : c.leaf.labelZh)),
    ...results.map((c) => (en ? c.en : c.zh)), t('说明', 'Notes')];
  const cell = (row, c) => {
    if (!row.ok) return '';
    const v = row[c.key];
    if (c.kind === 'yesno') return v ? t('是', 'yes') : t('否', 'no');
    if (c.kind === 'message') return msg(v);
    return v ?? '';
  };
  const note = (row) => (row.ok ? row.reasons.map(msg) : row.errors.map((e) => errorLine(e, en))).join(t('；', '; '));
  const lines = summaries.map((row, r) => [String(row.n), ...(named >= 0 ? [rows[r][named] ?? ''] : []), ...inputs.map(([, i]) => rows[r][i] ?? ''),
    ...results.map((c) => cell(row, c)), note(row)]);
  postMessage({ type: 'csv', job, text: `\uFEFF${formatCsv([head, ...lines])}` });
}

/** An error of a row without its row number: "“面积”：…" / "Area: …". */
function errorLine(e, en) {
  const label = en ? e.labelEn : e.labelZh;
  const message = en ? e.messageEn : e.messageZh;
  if (!label) return message;
  return en ? `${label}: ${message}` : `“${label}”：${message}`;
}

self.addEventListener('message', (e) => {
  const m = e.data;
  if (m.type === 'run') {
    current = m.job;
    run(m).catch((err) => {
      console.error('policy-calc batch:', err);
      postMessage({ type: 'failed', job: m.job, messageZh: '批量估算出错，请再试一次。', messageEn: 'The batch failed; please try again.' });
    });
  } else if (m.type === 'export') {
    exportCsv(m);
  } else if (m.type === 'stop') {
    current = m.job;
  }
});
