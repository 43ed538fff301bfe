// “五强”排名估算 — five-strong-ranking (SPEC §4): who would make the quota,
// by the transparent rank-based estimate. Candidates are typed in a table or
// pasted as CSV, and the ranking can be copied back out as CSV.

import { formatCsv, parseCsv } from '../csv.js';
import { explanation, h, yuan } from '../ui.js';
import { LEVELS, NEGATIVE_LIST } from './five-strong.js';

export const id = 'five-strong-ranking';
export const title = '“五强”排名估算';

const RESULT_COLUMNS = new Set(['rank', 'composite', 'recognised', 'tiedAtCutoff']);
const TRUE = /^(1|true|yes|y|是|√|✓)$/i;

export function mount(panel, api) {
  // The indicators, quota and reward of each level come from the engine itself.
  const levelInfo = Object.fromEntries(LEVELS.map(([code]) => [code, api.evaluate('five-strong', { level: code }).result]));
  const state = { level: 'village', extraKeys: [], rows: [blankRow(), blankRow(), blankRow()] };
  let live = false;
  let timer;

  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
  const levelSelect = h('select', { id: 'rank-level' }, LEVELS.map(([code, name]) => h('option', { value: code, selected: code === state.level }, name)));
  const quotaInput = h('input', { id: 'rank-quota', type: 'text', inputmode: 'numeric', autocomplete: 'off' });
  const weightsBox = h('div', { class: 'weights' });
  const extraBox = h('div', { class: 'extra-keys' });
  const table = h('table', { class: 'candidates' });
  const csvIn = h('textarea', { id: 'rank-csv-in', rows: '6', spellcheck: 'false' });
  const result = h('section', { class: 'result', 'aria-live': 'polite', 'aria-label': '排名结果' });

  const keys = () => [...levelInfo[state.level].indicators.map((i) => i.key), ...state.extraKeys.filter(Boolean)];
  const label = (key) => levelInfo[state.level].indicators.find((i) => i.key === key)?.messageZh ?? key;
  const negatives = () => NEGATIVE_LIST.filter(([, , levels]) => levels.includes(state.level));

  function renderSetup() {
    const info = levelInfo[state.level];
    quotaInput.placeholder = String(info.quota.recognised);
    weightsBox.replaceChildren(...keys().map((key) => {
      const wid = `rank-weight-${key}`;
      const input = h('input', { id: wid, type: 'text', inputmode: 'decimal', autocomplete: 'off', placeholder: '1', 'data-weight': key, value: state.weights?.[key] ?? '' });
      return h('div', { class: 'field' }, h('label', { for: wid }, label(key)), input);
    }));
    const custom = info.level === 'county' || info.level === 'district';
    extraBox.hidden = !custom;
    if (custom) {
      extraBox.replaceChildren(h('p', { class: 'hint' }, '方案称强县（市）、强区评价 7 项指标，只列明 5 项：可自拟至多 2 项（填写指标名称，名称即 CSV 表头）。'),
        ...[0, 1].map((i) => h('div', { class: 'field' }, h('label', { for: `rank-extra-${i}` }, `自拟指标 ${i + 1}`),
          h('input', { id: `rank-extra-${i}`, type: 'text', autocomplete: 'off', value: state.extraKeys[i] ?? '', 'data-extra': String(i) }))));
    }
    renderTable();
  }

  function renderTable() {
    const ks = keys();
    const negs = negatives();
    table.replaceChildren(
      h('caption', {}, `候选名单（${state.rows.length} 行）`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '名称'), ks.map((k) => h('th', { scope: 'col' }, label(k))),
        h('th', { scope: 'col' }, '负面清单'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, '操作')))),
      h('tbody', {}, state.rows.map((row, r) => h('tr', {},
        h('td', {}, h('input', { type: 'text', value: row.name, 'data-row': r, 'data-key': 'name', 'aria-label': `第 ${r + 1} 行 名称`, autocomplete: 'off' })),
        ks.map((k) => h('td', {}, h('input', { type: 'text', inputmode: 'decimal', value: row.values[k] ?? '', 'data-row': r, 'data-key': k, 'aria-label': `第 ${r + 1} 行 ${label(k)}`, autocomplete: 'off' }))),
        h('td', {}, h('select', { 'data-row': r, 'data-key': 'flag', 'aria-label': `第 ${r + 1} 行 负面清单` },
          h('option', { value: '' }, '无'), negs.map(([code, text]) => h('option', { value: code, selected: row.flags.includes(code) }, text)))),
        h('td', {}, h('button', { type: 'button', class: 'link', 'data-remove': r, 'aria-label': `删除第 ${r + 1} 行` }, '删除'))))));
  }

  // Edits in the table and the set-up update the state; structure changes re-render.
  panel.addEventListener('input', (e) => {
    const t = e.target;
    if (t.dataset.row !== undefined) {
      const row = state.rows[Number(t.dataset.row)];
      if (t.dataset.key === 'name') row.name = t.value;
      else if (t.dataset.key === 'flag') row.flags = t.value ? [t.value] : [];
      else row.values[t.dataset.key] = t.value;
    } else if (t.dataset.weight) {
      (state.weights ??= {})[t.dataset.weight] = t.value;
    } else if (t.dataset.extra !== undefined) {
      state.extraKeys[Number(t.dataset.extra)] = t.value.trim();
      clearTimeout(state.extraTimer);
      state.extraTimer = setTimeout(renderSetupKeepFocus, 400);
    } else if (t === csvIn) {
      return;
    }
    scheduled();
  });
  panel.addEventListener('change', (e) => { if (e.target.dataset.key === 'flag') scheduled(); });
  panel.addEventListener('click', (e) => {
    const r = e.target.dataset?.remove;
    if (r === undefined) return;
    state.rows.splice(Number(r), 1);
    if (state.rows.length === 0) state.rows.push(blankRow());
    renderTable();
    scheduled();
  });
  levelSelect.addEventListener('change', () => { state.level = levelSelect.value; state.extraKeys = []; renderSetup(); scheduled(); });

  function renderSetupKeepFocus() {
    const active = document.activeElement?.id;
    renderSetup();
    if (active) document.getElementById(active)?.focus();
  }

  function scheduled() {
    if (!live) return;
    clearTimeout(timer);
    timer = setTimeout(rankNow, 300);
  }

  /** The request, and which table row each candidate came from. */
  function request() {
    const ks = keys();
    const rowOf = [];
    const candidates = [];
    state.rows.forEach((row, r) => {
      const blank = !row.name.trim() && ks.every((k) => !(row.values[k] ?? '').trim());
      if (blank) return;
      const c = { name: row.name, indicators: {} };
      for (const k of ks) if ((row.values[k] ?? '').trim() !== '') c.indicators[k] = row.values[k].trim();
      for (const f of row.flags) c[f] = true;
      candidates.push(c);
      rowOf.push(r);
    });
    const req = { level: state.level, candidates };
    if (quotaInput.value.trim()) req.quota = quotaInput.value.trim();
    const weights = Object.fromEntries(Object.entries(state.weights ?? {}).filter(([k, v]) => v.trim() !== '' && ks.includes(k)).map(([k, v]) => [k, v.trim()]));
    if (Object.keys(weights).length) req.weights = weights;
    return { req, rowOf };
  }

  function rankNow(fromButton = false) {
    const { req, rowOf } = request();
    clearMarks();
    let response;
    try {
      response = api.evaluate(id, req);
    } catch (e) {
      console.error(e);
      response = { ok: false, error: { field: null, messageZh: '计算引擎出错，请刷新页面后重试；所填内容仍保留。' } };
    }
    if (!response.ok) {
      result.replaceChildren();
      showError(response.error, rowOf);
      if (fromButton) summary.focus();
      return;
    }
    result.replaceChildren(...renderResult(response.result, keys(), label).flat().filter(Boolean));
  }

  function clearMarks() {
    summary.hidden = true;
    summary.replaceChildren();
    for (const el of panel.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  }

  function showError(error, rowOf) {
    const path = error.field ?? '';
    let target = null;
    const m = /^candidates\[(\d+)\](?:\.(?:indicators\.)?([^.]+))?/.exec(path);
    if (m) {
      const row = rowOf[Number(m[1])];
      const key = m[2] && !NEGATIVE_LIST.some(([c]) => c === m[2]) ? m[2] : 'name';
      target = table.querySelector(`[data-row="${row}"][data-key="${CSS.escape(key)}"]`);
    } else if (path === 'quota') target = quotaInput;
    else if (path.startsWith('weights.')) target = weightsBox.querySelector(`[data-weight="${CSS.escape(path.slice(8))}"]`);
    else if (path === 'level') target = levelSelect;
    if (target) target.setAttribute('aria-invalid', 'true');
    summary.hidden = false;
    summary.append(h('h3', {}, '请检查填写内容'), h('p', {}, target
      ? h('a', { href: '#', onclick: (e) => { e.preventDefault(); target.focus(); } }, error.messageZh)
      : error.messageZh));
  }

  function importCsv() {
    const rows = parseCsv(csvIn.value);
    clearMarks();
    if (rows.length < 2) {
      showError({ messageZh: 'CSV 至少需要一行表头和一行候选。' }, []);
      return;
    }
    const [header, ...body] = rows;
    const nameCol = header.findIndex((c) => ['name', '名称', '候选', '候选名称'].includes(c));
    if (nameCol < 0) {
      showError({ messageZh: 'CSV 表头须有 name（或“名称”）列。' }, []);
      return;
    }
    const named = levelInfo[state.level].indicators;
    const columns = header.map((c, i) => {
      if (i === nameCol) return null;
      const known = named.find((n) => n.key === c || n.messageZh === c);
      if (known) return { key: known.key };
      if (c === 'excludedBy') return { flags: true };
      if (NEGATIVE_LIST.some(([code]) => code === c)) return { flag: c };
      if (RESULT_COLUMNS.has(c) || c.endsWith('Score')) return null;
      return { key: c, extra: true };
    });
    const extras = [...new Set(columns.filter((c) => c?.extra).map((c) => c.key))];
    state.extraKeys = extras;
    state.rows = body.map((cells) => {
      const row = { name: cells[nameCol] ?? '', values: {}, flags: [] };
      columns.forEach((col, i) => {
        const v = cells[i] ?? '';
        if (!col) return;
        if (col.key) row.values[col.key] = v.replace(/[,\s]/g, '');
        else if (col.flag && TRUE.test(v)) row.flags.push(col.flag);
        else if (col.flags) row.flags.push(...v.split(/[;；\s]+/).filter(Boolean));
      });
      return row;
    });
    renderSetup();
    live = true;
    rankNow(true);
  }

  const form = h('form', { class: 'calculator', novalidate: true, onsubmit: (e) => { e.preventDefault(); live = true; rankNow(true); } },
    summary,
    h('fieldset', { class: 'group' }, h('legend', {}, '类别与名额'),
      h('div', { class: 'field' }, h('label', { for: 'rank-level' }, '认定类别'), levelSelect),
      h('div', { class: 'field' }, h('label', { for: 'rank-quota' }, '名额', h('span', { class: 'optional' }, '（选填，默认按方案）')), quotaInput),
      extraBox),
    h('fieldset', { class: 'group' }, h('legend', {}, '指标权重（选填，默认均为 1）'), weightsBox),
    h('fieldset', { class: 'group' }, h('legend', {}, '候选名单'),
      h('div', { class: 'table-wrap' }, table),
      h('div', { class: 'row-actions' },
        h('button', { type: 'button', class: 'secondary', onclick: () => { state.rows.push(blankRow()); renderTable(); table.querySelector(`[data-row="${state.rows.length - 1}"]`)?.focus(); } }, '添加候选'),
        h('button', { type: 'button', class: 'secondary', onclick: () => { state.rows = [blankRow()]; renderTable(); scheduled(); } }, '清空名单')),
      h('details', { class: 'csv-in' }, h('summary', {}, '从表格粘贴 CSV'),
        h('label', { for: 'rank-csv-in' }, '粘贴 CSV（首行为表头：name 与各指标键名或中文名；可含负面清单列，如 badCredit，值为 1/是）'),
        csvIn,
        h('button', { type: 'button', class: 'secondary', onclick: importCsv }, '导入并排名'))),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, '排名')));

  panel.append(h('p', { class: 'intro' }, '输入各候选的指标，估算谁会进入认定名额。方案未公布各指标权重与赋分办法，本估算采用公开、可复核的排名赋分法，不代表官方认定结果。'), form, result);
  renderSetup();
}

function blankRow() {
  return { name: '', values: {}, flags: [] };
}

function renderResult(r, keys, label) {
  const rows = r.ranking;
  const csv = formatCsv([
    ['name', ...keys, 'excludedBy', 'rank', 'composite', ...keys.map((k) => `${k}Score`), 'recognised', 'tiedAtCutoff'],
    ...rows.map((c) => [c.name, ...c.scores.map((s) => s.value), c.excludedBy.join(';'), c.rank ?? '', c.composite ?? '',
      ...c.scores.map((s) => s.score ?? ''), c.recognised, c.tiedAtCutoff]),
  ]);
  const csvOut = h('textarea', { id: 'rank-csv-out', rows: '4', readonly: true, spellcheck: 'false' });
  csvOut.value = csv;
  const copied = h('span', { class: 'copied', role: 'status' });
  return [
    h('h2', {}, `${r.levelName.messageZh}排名估算`),
    h('dl', { class: 'figures' },
      h('dt', {}, '名额'), h('dd', {}, `${r.quota} 个`),
      h('dt', {}, '估算认定'), h('dd', { 'data-testid': 'recognised-count' }, `${r.recognisedCount} 个${r.tieAtCutoff ? `，另有 ${r.placesLeftForTied} 个名额由并列者竞争` : ''}`),
      h('dt', {}, '奖励合计'), h('dd', { class: 'amount' }, r.reward === '0' ? '无现金奖励' : `${yuan(r.totalReward)} 元`)),
    ...explanation(r),
    h('div', { class: 'table-wrap' }, h('table', { class: 'ranking', 'data-testid': 'ranking' },
      h('caption', {}, '排名（标 ✓ 者为估算认定）'),
      h('thead', {}, h('tr', {}, ['名次', '名称', '综合得分', ...keys.map((k) => `${label(k)}得分`), '结果'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows.map((c) => h('tr', { class: c.recognised ? 'recognised' : c.tiedAtCutoff ? 'tied' : c.excludedBy.length ? 'excluded' : null },
        h('td', { class: 'num' }, c.rank ?? '—'),
        h('th', { scope: 'row' }, c.name),
        h('td', { class: 'num' }, c.composite ?? '—'),
        c.scores.map((s) => h('td', { class: 'num' }, s.score ?? '—')),
        h('td', {}, c.recognised ? '✓ 认定' : c.tiedAtCutoff ? '名额线并列' : c.excludedBy.length ? `排除（${c.excludedBy.join('、')}）` : '')))))),
    h('div', { class: 'csv-out' },
      h('label', { for: 'rank-csv-out' }, '排名结果 CSV（可复制到表格软件）'), csvOut,
      h('button', { type: 'button', class: 'secondary', onclick: async () => {
        csvOut.select();
        try { await navigator.clipboard.writeText(csv); copied.textContent = '已复制'; } catch { copied.textContent = '请按 Ctrl+C 复制已选中的内容'; }
      } }, '复制 CSV'), copied),
  ];
}
