// 批量估算 — many stands or estates at once, for forest construction, forest
// maintenance and the star rating. A sheet is pasted (tab- or comma-separated,
// headers as the catalog's field labels or keys: docs/rulebook.md §5) or a CSV
// file chosen; www/batch-worker.js computes it row by row with the same engine,
// off the page's thread, and the page shows each row's result or errors, the
// totals, the maintenance cash flow by year, and exports them as CSV. Nothing
// leaves the browser: the pasted text is kept in this tab's sessionStorage (not
// the URL), downloads are Blob links.

import { viewById, viewTitle } from '../calculators.js';
import { barChart } from '../chart.js';
import { formatCsv } from '../csv.js';
import { h, liveStatus } from '../ui/elements.js';
import { groupDigits, money, yuan } from '../ui/numbers.js';

export const id = 'batch';
export const title = (tr) => tr.t('批量估算', 'Batch');

/** The calculators a batch can run, in the picker's order. */
const CALCULATORS = ['forest-maintenance', 'forest-construction', 'property-star'];
/** Rows per page of the results table. */
const PAGE = 100;
/** Rows added to the table a frame while it fills. */
const ROWS_A_FRAME = 25;
/** How often the page is redrawn while rows come in (ms). */
const REDRAW_MS = 250;
/** Problems listed above the table (the rest are in it). */
const LISTED = 50;
const STORE = 'policy-calc:batch';
/** A sheet longer than this (lines) is held beside the box, not put in it: a textarea of thousands of lines slows the whole page. */
const LARGE = 500;

/** The number of lines of a text. */
function lineCount(text) {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < text.length - 1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

// ── The worker, shared by every mounted batch view (a language switch mounts a new one) ──

let worker = null;
let jobs = 0;
/** job → the handler of the view that started it. */
const handlers = new Map();

function batchWorker() {
  if (worker) return worker;
  worker = new Worker(new URL('../batch-worker.js', import.meta.url), { type: 'module' });
  worker.addEventListener('message', (e) => handlers.get(e.data.job)?.(e.data));
  worker.addEventListener('error', (e) => {
    console.error('policy-calc batch worker:', e.message ?? e);
    for (const [job, handle] of handlers) handle({ type: 'failed', job, messageZh: '批量估算加载失败，请刷新页面重试。', messageEn: 'The batch failed to load; please reload the page.' });
    worker = null;
  });
  return worker;
}

// ── What this tab keeps: the pasted text per calculator, never sent anywhere ──

/** What this tab kept: {calc, ran, held} and each calculator's sheet (its own key, as typed: no JSON around a long text). */
function readStore() {
  try {
    const meta = JSON.parse(sessionStorage.getItem(STORE) ?? '{}') ?? {};
    const texts = {};
    for (const c of CALCULATORS) {
      const text = sessionStorage.getItem(`${STORE}:${c}`);
      if (text != null) texts[c] = text;
    }
    return { ...meta, texts };
  } catch {
    return {};
  }
}

/** The sheets as last written, so that only a changed one is written again. */
const written = {};
/** The latest entries of this page (ahead of storage), and the write still to be made. */
let kept = null;
let pending = null;
// A reload or a closed tab does not wait for the idle moment.
globalThis.addEventListener?.('pagehide', () => pending?.());

function writeStore({ texts, ...meta }) {
  try {
    sessionStorage.setItem(STORE, JSON.stringify(meta));
    for (const [c, text] of Object.entries(texts)) {
      if (written[c] === text) continue;
      sessionStorage.setItem(`${STORE}:${c}`, text);
      written[c] = text;
    }
    return true;
  } catch {
    return false;
  }
}

/** The catalog's fields as columns: a nested field (one of the four scores) under its own label, its key as `scores.contract`. */
function leavesOf(entry) {
  return entry.fields.flatMap((f) => (f.kind === 'object' ? (f.fields ?? []).map((g) => ({ ...g, path: `${f.key}.${g.key}` })) : [{ ...f, path: f.key }]));
}

/** An error of row `n` in words: "第 3 行“面积”：…" / "Row 3, Area: …". */
function errorLine(n, e, tr) {
  const label = tr.t(e.labelZh, e.labelEn);
  const message = tr.msg(e);
  if (n == null) return label ? tr.t(`“${label}”：${message}`, `${label}: ${message}`) : message;
  return label ? tr.t(`第 ${n} 行“${label}”：${message}`, `Row ${n}, ${label}: ${message}`) : tr.t(`第 ${n} 行：${message}`, `Row ${n}: ${message}`);
}

/** The nodes given, without the nulls of parts left out (replaceChildren would write them as text). */
const present = (...nodes) => nodes.filter(Boolean);

let instances = 0;

export function mount(panel, { api, tr, onState = () => {} }) {
  const n = ++instances;
  const uid = (name) => `batch${n}-${name}`;
  const stored = kept ?? readStore();
  if (!kept) Object.assign(written, stored.texts);
  const state = {
    calc: CALCULATORS.includes(stored.calc) ? stored.calc : CALCULATORS[0],
    texts: { ...stored.texts },
    ran: { ...stored.ran },
    /** calc → the name of the file (or '' when pasted) of a large sheet held outside the box. */
    held: { ...stored.held },
  };
  /** id → catalog entry, once the engine's modules have loaded. */
  let entries = null;
  /** The run shown: its job, columns, rows as they come, totals. */
  let shown = null;
  let page = 0;
  let onlyProblems = false;
  let saveTimer;
  let rerunTimer;
  let frame = 0;
  let tick = 0;
  /** The results table's parts, rebuilt for a new page or filter; rows are appended as they come (a fixed layout: appending lays out only the new rows). */
  let table = null;

  const status = liveStatus();
  const picker = h('fieldset', { class: 'field batch-picker' }, h('legend', {}, tr.t('计算器', 'Calculator')),
    CALCULATORS.map((c) => h('label', { class: 'radio' },
      h('input', { type: 'radio', name: uid('calc'), value: c, checked: c === state.calc }),
      h('span', {}, viewTitle(viewById(c), tr)))));
  const textarea = h('textarea', { id: uid('text'), rows: '8', spellcheck: 'false', autocomplete: 'off', 'aria-describedby': uid('text-hint'), wrap: 'off' });
  const storeNote = h('p', { class: 'hint', hidden: true });
  const heldText = h('span', {});
  const heldBox = h('p', { class: 'batch-held', hidden: true }, heldText, ' ',
    h('button', { type: 'button', class: 'link', onclick: () => { forget(); textarea.focus(); } }, tr.t('清除', 'Clear')));
  const file = h('input', { type: 'file', id: uid('file'), accept: '.csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain' });
  const runButton = h('button', { type: 'button', class: 'primary' }, tr.t('计算', 'Calculate'));
  const templateButton = h('button', { type: 'button', class: 'secondary', disabled: true }, tr.t('下载模板', 'Download template'));
  const exportButton = h('button', { type: 'button', class: 'secondary', disabled: true }, tr.t('下载结果（CSV）', 'Download results (CSV)'));
  const reference = h('details', { class: 'batch-columns' });
  const progressText = h('p', { id: uid('progress'), class: 'batch-progress-text' });
  const progress = h('progress', { max: '1', value: '0', 'aria-labelledby': progressText.id });
  const progressBox = h('div', { class: 'batch-progress', hidden: true }, progress, progressText);
  const notices = h('div', { class: 'batch-notices' });
  const totalsBox = h('div', { class: 'batch-totals' });
  const problems = h('div', { class: 'batch-problems' });
  const tableBox = h('div', { class: 'batch-table' });
  const flowBox = h('div', { class: 'batch-flow' });
  const result = h('section', { class: 'result batch-result', 'aria-label': tr.t('批量估算结果', 'Batch results'), 'data-state': 'idle' });

  panel.append(
    h('h2', { class: 'view-title' }, title(tr)),
    h('p', { class: 'intro' }, tr.t('一次估算多个林地小班或住宅小区：从表格中复制多行粘贴到下面（首行为表头，每行一个小班或小区），或选择 CSV 文件。计算全部在您的浏览器内完成，表格内容不会上传，只保存在本浏览器标签页中。',
      'Estimate many stands or estates at once: copy rows from a spreadsheet and paste them below (a header first, then one stand or estate a row), or choose a CSV file. Everything is computed in your browser; the sheet is not uploaded and is kept only in this browser tab.')),
    h('div', { class: 'calculator batch-form' },
      picker,
      h('div', { class: 'field' },
        h('label', { for: textarea.id }, tr.t('粘贴表格（制表符或逗号分隔）', 'Paste the sheet (tab- or comma-separated)')),
        heldBox,
        textarea,
        h('p', { class: 'hint', id: uid('text-hint') }, tr.t('表头用字段名称（中文或英文，与“下载模板”一致）或字段键名（如 areaMu、scores.contract）；可另加“名称”列。选项可填名称或代码；是否类填 是/否；比例可填 86%、86 或 0.86；留空即未填。行号从表头下第一行起算。',
          'Headers: the fields\' names (Chinese or English, as in the template) or keys (such as areaMu, scores.contract); a "name" column may be added. Choices by name or code; yes/no as yes/no, 是/否, true/false or 1/0; a share as 86%, 86 or 0.86; a blank cell is not given. Rows are counted from 1 below the header.')),
        storeNote),
      h('div', { class: 'field' }, h('label', { for: file.id }, tr.t('或选择 CSV 文件', 'Or choose a CSV file')), file),
      reference,
      h('div', { class: 'actions batch-actions' }, runButton, templateButton),
      progressBox,
      status.element),
    result);

  const entry = () => entries?.get(state.calc);
  const label = (o) => tr.t(o.zh, o.en);

  /** Keeps the sheets in this tab, a moment after the last change (when the page is idle: a large sheet takes a while to write). */
  function save() {
    // At once for a view mounted again on this page (a language switch); in storage a moment later.
    kept = { calc: state.calc, texts: { ...state.texts }, ran: { ...state.ran }, held: { ...state.held } };
    const snapshot = kept;
    clearTimeout(saveTimer);
    pending = () => {
      pending = null;
      const ok = writeStore(snapshot);
      storeNote.hidden = ok;
      storeNote.textContent = ok ? '' : tr.t('内容太大，本标签页无法保存：刷新后需要重新粘贴。', 'Too large to keep in this tab: after a reload it must be pasted again.');
    };
    saveTimer = setTimeout(() => {
      if (globalThis.requestIdleCallback) requestIdleCallback(() => pending?.(), { timeout: 2000 });
      else pending?.();
    }, 250);
  }

  const isHeld = () => Object.hasOwn(state.held, state.calc);

  /** Says which large sheet is held (if one is). */
  function showHeld() {
    heldBox.hidden = !isHeld();
    if (!isHeld()) return;
    const rows = count(Math.max(0, lineCount(state.texts[state.calc] ?? '') - 1));
    const name = state.held[state.calc];
    heldText.textContent = name
      ? tr.t(`已载入文件“${name}”：表头和 ${rows} 行。表格较大，不在文本框中显示；在文本框中粘贴或输入即替换它。`,
        `File "${name}" loaded: a header and ${rows} rows. Too large to show in the box; paste or type in the box to replace it.`)
      : tr.t(`已粘贴表头和 ${rows} 行。表格较大，不在文本框中显示；在文本框中粘贴或输入即替换它。`,
        `A header and ${rows} rows pasted. Too large to show in the box; paste or type in the box to replace it.`);
  }

  /** Holds a large sheet outside the box. */
  function hold(text, name) {
    state.texts[state.calc] = text;
    state.held[state.calc] = name ?? '';
    textarea.value = '';
    showHeld();
    save();
  }

  /** Lets go of a held sheet: the box's text is the sheet again. */
  function forget() {
    if (!isHeld()) return;
    delete state.held[state.calc];
    state.texts[state.calc] = textarea.value;
    showHeld();
    save();
  }

  /** The columns the calculator's catalog entry names, for the reference list. */
  function renderReference() {
    const e = entry();
    if (!e) return;
    const leaves = leavesOf(e);
    const option = (o) => `${tr.of(o, 'label')}（${o.value}）`;
    reference.replaceChildren(
      h('summary', {}, tr.t(`可识别的列（${leaves.length} 个）`, `Columns recognised (${leaves.length})`)),
      h('ul', {}, leaves.map((f) => h('li', {},
        h('span', { class: 'batch-col-name' }, tr.of(f, 'label')), ' ', h('code', {}, f.path),
        f.required === true ? tr.t('（必填）', ' (required)') : '',
        f.options ? h('span', { class: 'hint' }, tr.t('：', ': '), f.options.map(option).join(tr.t('、', ', '))) : null,
        f.kind === 'boolean' ? h('span', { class: 'hint' }, tr.t('：是/否', ': yes/no')) : null))));
  }

  function select(calc) {
    if (!CALCULATORS.includes(calc)) return;
    const changed = calc !== state.calc;
    state.calc = calc;
    for (const input of picker.querySelectorAll('input')) input.checked = input.value === calc;
    textarea.value = Object.hasOwn(state.held, calc) ? '' : state.texts[calc] ?? '';
    showHeld();
    renderReference();
    if (changed) {
      save();
      clear();
    }
    if (entries && state.ran[calc] && (state.texts[calc] ?? '').trim()) run();
  }

  function clear() {
    if (shown) handlers.delete(shown.job);
    shown = null;
    table = null;
    result.dataset.state = 'idle';
    result.replaceChildren();
    progressBox.hidden = true;
    exportButton.disabled = true;
  }

  function run() {
    clearTimeout(rerunTimer);
    if (!entries) return;
    const text = isHeld() ? state.texts[state.calc] ?? '' : textarea.value;
    state.texts[state.calc] = text;
    state.ran[state.calc] = true;
    save();
    if (shown) handlers.delete(shown.job);
    const job = ++jobs;
    shown = { job, calc: state.calc, start: null, rows: [], totals: null, done: 0, count: 0, ms: null, problems: [], drawn: 0, listedDrawn: 0 };
    page = 0;
    handlers.set(job, handle);
    result.dataset.state = 'running';
    result.removeAttribute('data-ms');
    result.replaceChildren(notices, totalsBox, problems, tableBox, flowBox);
    for (const box of [notices, totalsBox, problems, tableBox, flowBox]) box.replaceChildren();
    table = null;
    exportButton.disabled = true;
    progressBox.hidden = false;
    progress.value = 0;
    progressText.textContent = tr.t('正在读取表格…', 'Reading the sheet…');
    try {
      batchWorker().postMessage({ type: 'run', job, calculator: state.calc, text });
    } catch (e) {
      handle({ type: 'failed', job, messageZh: '此浏览器无法进行批量估算。', messageEn: 'This browser cannot run the batch.' });
      console.error('policy-calc batch:', e);
    }
  }

  function handle(m) {
    if (!shown || m.job !== shown.job) return;
    if (m.type === 'failed') {
      result.dataset.state = 'failed';
      progressBox.hidden = true;
      // An alert speaks for itself; only the quiet hint goes through the status line.
      result.replaceChildren(h('p', { class: m.empty ? 'hint' : 'error-summary', role: m.empty ? null : 'alert' }, tr.msg(m)));
      if (m.empty) status.say(tr.msg(m));
    } else if (m.type === 'start') {
      shown.start = m;
      shown.count = m.count;
      renderNotices();
      progress.max = Math.max(m.count, 1);
      progressText.textContent = tr.t(`正在计算：0 / ${groupDigits(String(m.count))} 行`, `Computing: 0 of ${groupDigits(String(m.count))} rows`);
    } else if (m.type === 'rows') {
      for (const row of m.rows) {
        shown.rows.push(row);
        if (!row.ok && shown.problems.length < LISTED) shown.problems.push(row);
      }
      shown.done = m.done;
      shown.totals = m.totals;
      schedule();
    } else if (m.type === 'done') {
      shown.totals = m.totals;
      shown.ms = m.ms;
      cancelAnimationFrame(frame);
      clearTimeout(tick);
      frame = 0;
      tick = 0;
      finish(shown);
    } else if (m.type === 'csv') {
      downloadResults(m);
    }
  }

  /**
   * While rows come in, the page is redrawn a few times a second (each redraw
   * is work for the page's thread): the progress, the totals, the errors so
   * far; the table's first page fills a few rows a frame.
   */
  function schedule(soon = false) {
    if (frame || tick) return;
    const wait = soon ? 0 : Math.max(0, shown.drawn + REDRAW_MS - performance.now());
    tick = setTimeout(() => {
      tick = 0;
      frame = requestAnimationFrame(redraw);
    }, wait);
  }

  function redraw() {
    frame = 0;
    if (!shown?.start || shown.ms != null) return;
    if (!table) renderTable();
    if (performance.now() - shown.drawn >= REDRAW_MS) {
      shown.drawn = performance.now();
      progress.value = shown.done;
      progressText.textContent = tr.t(`正在计算：${count(shown.done)} / ${count(shown.count)} 行`, `Computing: ${count(shown.done)} of ${count(shown.count)} rows`);
      renderTotals(false);
      if (shown.problems.length !== shown.listedDrawn) renderProblems();
      tableInfo();
    }
    if (fillTable(ROWS_A_FRAME)) schedule(true);
  }

  const nextFrame = () => new Promise((resolve) => { requestAnimationFrame(() => resolve()); });

  /** The end of a run, a part a frame (each a short task): totals, the rest of the table's page, the cash flow. */
  async function finish(run) {
    const t = run.totals;
    renderTotals(true);
    renderProblems();
    progressBox.hidden = true;
    if (!table) renderTable();
    while (fillTable(ROWS_A_FRAME)) {
      await nextFrame();
      if (shown !== run) return;
    }
    tableInfo();
    await nextFrame();
    if (shown !== run) return;
    renderFlow();
    exportButton.disabled = false;
    result.dataset.state = 'done';
    result.dataset.ms = String(run.ms);
    const seconds = (run.ms / 1000).toFixed(1);
    status.say(tr.t(`已完成 ${groupDigits(String(t.rows))} 行（用时 ${seconds} 秒）${t.errors ? `，其中 ${t.errors} 行有错误` : ''}。`,
      `Done: ${groupDigits(String(t.rows))} row${t.rows === 1 ? '' : 's'} in ${seconds} s${t.errors ? `, ${t.errors} with errors` : ''}.`));
  }

  function renderNotices() {
    const { unknown, duplicates, missing } = shown.start;
    const list = (xs) => xs.join(tr.t('、', ', '));
    notices.replaceChildren(...present(
      unknown.length ? h('p', { class: 'hint' }, tr.t(`未能识别的列（已忽略）：${list(unknown)}。`, `Columns not recognised (ignored): ${list(unknown)}.`)) : null,
      duplicates.length ? h('p', { class: 'hint' }, tr.t(`重复的列（只用第一列）：${list(duplicates)}。`, `Repeated columns (the first is used): ${list(duplicates)}.`)) : null,
      missing.length ? h('p', { class: 'hint' }, tr.t(`表中没有必填列：${list(missing.map((f) => f.labelZh))}。`, `Required columns not in the sheet: ${list(missing.map((f) => f.labelEn))}.`)) : null));
  }

  const count = (k) => groupDigits(String(k));
  const rowsText = (k) => tr.t(`${count(k)} 行`, `${count(k)} row${k === 1 ? '' : 's'}`);

  function renderTotals(final) {
    const t = shown.totals;
    if (!t) return;
    const calc = shown.calc;
    const items = [
      [tr.t('已计算', 'Computed'), final ? rowsText(t.rows) : `${count(t.rows)} / ${rowsText(shown.count)}`, null],
      [tr.t('有错误', 'With errors'), rowsText(t.errors), 'batch-errors'],
    ];
    if (calc !== 'property-star') {
      items.push([tr.t('符合条件', 'Meet the conditions'), rowsText(t.eligible), 'batch-eligible'],
        [tr.t('暂不符合条件', 'Do not meet them yet'), rowsText(t.ineligible), null]);
    }
    if (calc === 'forest-construction') items.push([tr.t('补偿合计（符合条件的行）', 'Total compensation (rows that meet the conditions)'), money(t.amount, tr), 'batch-amount']);
    if (calc === 'forest-maintenance') {
      items.push([tr.t('有效期内合计（符合条件的行）', 'Total within the measure\'s validity (rows that meet the conditions)'), money(t.totalWithinValidity, tr), 'batch-total-within'],
        [tr.t('含预测合计', 'Total including projection'), money(t.total, tr), 'batch-total']);
    }
    totalsBox.replaceChildren(...present(
      h('h2', {}, final ? tr.t('估算结果', 'Estimate') : tr.t('估算结果（计算中）', 'Estimate (computing)')),
      h('dl', { class: 'figures' }, items.map(([dt, dd, testid]) => [h('dt', {}, dt),
        h('dd', { class: testid === 'batch-total-within' || testid === 'batch-amount' ? 'amount' : null, 'data-testid': testid }, dd)])),
      calc === 'property-star' ? bands(t) : null));
  }

  /** The star rating: how many estates in each band, from the most stars down to "not up to standard". */
  function bands(t) {
    const e = entries.get('property-star');
    const top = Number(leavesOf(e).find((f) => f.key === 'previousStars')?.max ?? Math.max(0, ...Object.keys(t.stars).map(Number)));
    const bandName = (s) => (t.labels[s] ? tr.msg(t.labels[s]) : s === 0 ? tr.t('不达标', 'Not up to standard') : tr.t(`${s} 星级`, `${s} stars`));
    const list = Array.from({ length: top + 1 }, (_, i) => top - i);
    return h('div', { class: 'table-wrap' }, h('table', { class: 'batch-bands' },
      h('caption', {}, tr.t('各星级小区数', 'Estates per star band')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, tr.t('评定结果', 'Rating')), h('th', { scope: 'col', class: 'num' }, tr.t('小区数', 'Estates')))),
      h('tbody', {}, list.map((s) => h('tr', { 'data-stars': String(s) }, h('th', { scope: 'row' }, bandName(s)), h('td', { class: 'num' }, count(t.stars[s] ?? 0))))),
      h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, tr.t('有错误', 'With errors')), h('td', { class: 'num' }, count(t.errors))))));
  }

  function renderProblems() {
    const listed = shown.problems;
    shown.listedDrawn = listed.length;
    if (!listed.length) {
      problems.replaceChildren();
      return;
    }
    const lines = listed.flatMap((row) => row.errors.map((e) => errorLine(row.n, e, tr)));
    const more = shown.totals.errors - listed.length;
    problems.replaceChildren(h('div', { class: 'error-summary' },
      h('h3', {}, tr.t(`${count(shown.totals.errors)} 行有错误，未计算（其余各行照常计算）`, `${count(shown.totals.errors)} row${shown.totals.errors === 1 ? '' : 's'} with errors, not computed (the other rows are)`)),
      h('ul', {}, lines.map((x) => h('li', {}, x))),
      more > 0 ? h('p', {}, tr.t(`另有 ${count(more)} 行有错误，见下表（可只看有错误的行）。`, `${count(more)} more rows with errors: see the table (it can show only those).`)) : null));
  }

  function visibleRows() {
    return onlyProblems ? shown.rows.filter((r) => !r.ok) : shown.rows;
  }

  function cellText(row, c) {
    if (!row.ok) return '—';
    const v = row[c.key];
    if (v == null) return '—';
    if (c.kind === 'yesno') return v ? tr.t('是', 'Yes') : tr.t('否', 'No');
    if (c.kind === 'money') return yuan(v);
    if (c.kind === 'message') return tr.msg(v);
    return String(v);
  }

  const numeric = (c) => c.kind === 'money' || c.kind === 'number';

  /** A row of results, and under it (the table's full width) its errors or the conditions it does not meet. */
  function rowNodes(row) {
    const { results, named } = shown.start;
    const notes = row.ok ? row.reasons.map((x) => tr.msg(x)) : row.errors.map((e) => errorLine(null, e, tr));
    return [
      h('tr', { class: [row.ok ? (row.eligible === false ? 'batch-no' : null) : 'batch-error', notes.length ? 'batch-noted' : null].filter(Boolean).join(' ') || null, 'data-row': String(row.n) },
        h('th', { scope: 'row' }, String(row.n)),
        named ? h('td', {}, row.name) : null,
        results.map((c) => h('td', { class: numeric(c) ? 'num' : null }, cellText(row, c)))),
      notes.length ? h('tr', { class: `batch-note${row.ok ? '' : ' batch-error'}`, 'data-note': String(row.n) },
        h('td', { colspan: String((named ? 2 : 1) + results.length) }, notes.join(tr.t('', ' ')))) : null,
    ];
  }

  /** Builds the table for the current page and filter, with the rows that have come. */
  function renderTable() {
    const { results, named } = shown.start;
    const tbody = h('tbody', {});
    const caption = h('caption', {});
    const pager = h('span', { class: 'batch-pages' });
    const foot = h('tfoot', {});
    table = { tbody, caption, pager, foot, drawn: 0 };
    tableBox.replaceChildren(
      h('div', { class: 'batch-pager' },
        h('label', { class: 'check' }, h('input', { type: 'checkbox', checked: onlyProblems, onchange: (e) => { onlyProblems = e.target.checked; page = 0; renderTable(); } }),
          h('span', {}, tr.t('只看有错误的行', 'Only rows with errors'))),
        pager),
      h('div', { class: 'table-wrap' }, h('table', { class: `batch-rows batch-${shown.calc}` },
        caption,
        h('colgroup', {}, h('col', { class: 'batch-c-row' }), named ? h('col', { class: 'batch-c-name' }) : null,
          results.map((c) => h('col', { class: c.kind === 'money' ? 'batch-c-money' : 'batch-c-value' }))),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, tr.t('行', 'Row')),
          named ? h('th', { scope: 'col' }, tr.t('名称', 'Name')) : null,
          results.map((c) => h('th', { scope: 'col', class: numeric(c) ? 'num' : null }, label(c))))),
        tbody,
        foot)),
      h('div', { class: 'actions batch-actions' }, exportButton));
    fillTable(Infinity);
    tableInfo();
  }

  /** Appends up to `limit` rows that have come for the current page; whether more are waiting. */
  function fillTable(limit) {
    const rows = visibleRows();
    const end = Math.min(rows.length, (page + 1) * PAGE);
    const from = page * PAGE + table.drawn;
    const to = Math.min(end, from + limit);
    if (to > from) table.tbody.append(...rows.slice(from, to).flatMap(rowNodes).filter(Boolean));
    table.drawn += Math.max(0, to - from);
    return to < end;
  }

  /** The caption, the pages and the totals row, as the rows stand. */
  function tableInfo() {
    const { results, named } = shown.start;
    const rows = visibleRows();
    const pages = Math.max(1, Math.ceil(rows.length / PAGE));
    const t = shown.totals;
    table.caption.textContent = tr.t(`逐行结果（${rowsText(rows.length)}${pages > 1 ? `，第 ${page + 1} 页` : ''}）`,
      `Results by row (${rowsText(rows.length)}${pages > 1 ? `, page ${page + 1}` : ''})`);
    const turn = (to) => () => { page = to; renderTable(); };
    table.pager.replaceChildren(...(pages > 1 ? [
      h('button', { type: 'button', class: 'secondary', disabled: page === 0, onclick: turn(page - 1) }, tr.t('上一页', 'Previous')),
      h('span', { class: 'batch-page' }, tr.t(`第 ${page + 1} / ${pages} 页`, `Page ${page + 1} of ${pages}`)),
      h('button', { type: 'button', class: 'secondary', disabled: page >= pages - 1, onclick: turn(page + 1) }, tr.t('下一页', 'Next')),
    ] : []));
    const firstMoney = results.findIndex((c) => c.kind === 'money');
    if (shown.calc === 'property-star' || !t || firstMoney < 0) return;
    const footFor = (c) => {
      if (c.kind !== 'money') return '';
      return yuan(shown.calc === 'forest-construction' ? t.amount : t[c.key]);
    };
    table.foot.replaceChildren(h('tr', {},
      h('th', { scope: 'row', colspan: String((named ? 2 : 1) + firstMoney) }, tr.t(`合计（符合条件的 ${rowsText(t.eligible)}）`, `Total (${rowsText(t.eligible)} that meet the conditions)`)),
      results.slice(firstMoney).map((c) => h('td', { class: 'num' }, footFor(c)))));
  }

  /** Forest maintenance: the money of every stand that meets the conditions, year by year, within the validity and projected. */
  function renderFlow() {
    const t = shown.totals;
    if (shown.calc !== 'forest-maintenance' || !t.years.length) {
      flowBox.replaceChildren();
      return;
    }
    const beyond = (y) => Number(y.beyond) > 0;
    const markedLabel = tr.t('超出有效期（预测）', 'beyond validity (projection)');
    const first = t.years[0].year;
    const lastYear = t.years.at(-1).year;
    const chart = barChart({
      rows: t.years.map((y) => ({ label: String(y.year), value: Number(y.total), text: money(y.total, tr), marked: beyond(y) })),
      title: tr.t('逐年资金（全部符合条件的小班）', 'Money by year (every stand that meets the conditions)'),
      description: tr.t(`${first}—${lastYear} 年逐年合计：有效期内 ${yuan(t.totalWithinValidity)} 元，含预测 ${yuan(t.total)} 元；斜线为超出办法有效期的预测年度。`,
        `Yearly totals ${first}–${lastYear}: ¥${yuan(t.totalWithinValidity)} within the measure's validity, ¥${yuan(t.total)} including projection; hatched years are beyond the validity.`),
      markedLabel,
    });
    flowBox.replaceChildren(
      h('h3', {}, tr.t('逐年现金流', 'Cash flow by year')),
      h('figure', { class: 'chart-wrap' }, chart),
      h('div', { class: 'table-wrap' }, h('table', { class: 'batch-flow-table' },
        h('caption', {}, tr.t('逐年资金（全部符合条件的小班）', 'Money by year (every stand that meets the conditions)')),
        h('thead', {}, h('tr', {}, [tr.t('年度', 'Year'), tr.t('有效期内（元）', 'Within validity (yuan)'), tr.t('超出有效期，预测（元）', 'Beyond validity, projection (yuan)'), tr.t('合计（元）', 'Total (yuan)')]
          .map((x, i) => h('th', { scope: 'col', class: i ? 'num' : null }, x)))),
        h('tbody', {}, t.years.map((y) => h('tr', { class: beyond(y) ? 'beyond' : null },
          h('th', { scope: 'row' }, String(y.year), beyond(y) ? h('span', { class: 'mark', title: markedLabel }, '＊') : null),
          h('td', { class: 'num' }, yuan(y.within)), h('td', { class: 'num' }, yuan(y.beyond)), h('td', { class: 'num' }, yuan(y.total))))),
        h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, tr.t('合计', 'Total')),
          h('td', { class: 'num' }, yuan(t.totalWithinValidity)), h('td', { class: 'num' }, yuan(t.totalBeyond)), h('td', { class: 'num' }, yuan(t.total)))))),
      h('p', { class: 'hint' }, tr.t('＊ 超出办法有效期的年度：假设办法按原标准延续的预测。', '* Years beyond the measure\'s validity: a projection assuming it is renewed unchanged.')));
  }

  function download(text, name) {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    const a = h('a', { href: url, download: name, hidden: true });
    panel.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  function downloadResults(m) {
    if (m.text) download(m.text, `${shown.calc}-${tr.t('结果', 'results')}.csv`);
  }

  function downloadTemplate() {
    const e = entry();
    if (!e) return;
    const header = [tr.t('名称', 'Name'), ...leavesOf(e).map((f) => tr.of(f, 'label'))];
    download(`\uFEFF${formatCsv([header])}`, `${state.calc}-${tr.t('模板', 'template')}.csv`);
  }

  /** A chosen file as text: UTF-8 (with or without a byte-order mark), else GB18030, as spreadsheets in Chinese save it. */
  async function readChosen(f) {
    const bytes = await f.arrayBuffer();
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return new TextDecoder('gb18030').decode(bytes);
    }
  }

  picker.addEventListener('change', (e) => {
    if (e.target.name !== uid('calc')) return;
    select(e.target.value);
    onState();
  });
  textarea.addEventListener('paste', (e) => {
    const text = e.clipboardData?.getData('text/plain') ?? '';
    if (lineCount(text) <= LARGE) return;
    e.preventDefault();
    hold(text, null);
    run();
  });
  textarea.addEventListener('input', () => {
    if (isHeld()) delete state.held[state.calc];
    showHeld();
    state.texts[state.calc] = textarea.value;
    save();
    // After a first run the results follow the sheet.
    if (state.ran[state.calc]) {
      clearTimeout(rerunTimer);
      rerunTimer = setTimeout(run, 500);
    }
  });
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    if (!f) return;
    const text = await readChosen(f);
    if (lineCount(text) > LARGE) hold(text, f.name);
    else {
      forget();
      textarea.value = text;
      state.texts[state.calc] = text;
    }
    file.value = '';
    run();
  });
  runButton.addEventListener('click', run);
  templateButton.addEventListener('click', downloadTemplate);
  exportButton.addEventListener('click', () => {
    if (shown?.ms != null) batchWorker().postMessage({ type: 'export', job: shown.job, lang: tr.lang });
  });

  textarea.value = isHeld() ? '' : state.texts[state.calc] ?? '';
  showHeld();
  // The forest and star modules, for the catalog (the worker loads its own).
  Promise.all(CALCULATORS.map((c) => api.ensure(c))).then(() => {
    entries = new Map(api.catalog().map((e) => [e.id, e]));
    templateButton.disabled = false;
    renderReference();
    if (state.ran[state.calc] && (state.texts[state.calc] ?? '').trim()) run();
  }, (e) => {
    console.warn('policy-calc batch: the engine failed to load:', e);
    result.replaceChildren(h('p', { class: 'fatal', role: 'alert' }, tr.t('计算引擎加载失败，请刷新页面重试。', 'The engine failed to load; please reload the page.')));
  });

  return {
    /** Only the calculator picked goes to the URL: the sheet stays in this tab's sessionStorage. */
    getState: () => (state.calc === CALCULATORS[0] ? {} : { calc: state.calc }),
    setState(s) {
      if (s.calc) select(s.calc);
    },
    hasResult: () => result.dataset.state === 'done',
  };
}
