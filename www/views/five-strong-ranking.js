// “五强”排名估算 — five-strong-ranking (SPEC §4): who would make the quota,
// by the transparent rank-based estimate. Candidates are typed in a table or
// pasted as CSV, and the ranking can be copied back out as CSV.

import { formatCsv, parseCsv } from '../csv.js';
import { inLang, lang, msg, t, withLang } from '../i18n.js';
import { explanation, h, isZero, liveStatus, money, sheetFoot, sheetHead } from '../ui.js';
import { locations } from './forest-fields.js';
import { levels, negativeList } from './five-strong.js';

export const id = 'five-strong-ranking';
export const title = () => t('“五强”排名估算', 'Ranking estimate');

const RESULT_COLUMNS = new Set(['rank', 'composite', 'recognised', 'tiedAtCutoff', '名次', '综合得分', '结果']);
const NAME_HEADERS = ['name', '名称', '候选', '候选名称', '单位'];
/** Columns a pasted sheet may carry that the estimate does not use. */
const IGNORED_HEADERS = ['序号', 'no', '#'];
/** The sector (enterprises) and the county or district (towns, villages); ignored at other levels. */
const SECTOR_HEADERS = ['sector', '行业', '所属行业'];
const LOCATION_HEADERS = ['location', '所在县区', '县区']; // brackets are dropped first: 所在县（市）区 → 所在县区
const TRUE = /^(1|true|yes|y|是|√|✓)$/i;
let instances = 0;

export function mount(panel, { api, entry, onState = () => {} }) {
  const language = lang();
  const on = (fn) => inLang(language, fn);
  const n = ++instances;
  const uid = (name) => `rank${n}-${name}`;
  // The indicators, quota and reward of each level come from the engine itself.
  const levelInfo = Object.fromEntries(levels().map(([code]) => [code, api.evaluate('five-strong', { level: code }).result]));
  const state = { level: 'village', quota: '', sectorQuotas: {}, weights: {}, extraKeys: [], rows: [blankRow(), blankRow(), blankRow()] };
  let live = false;
  let timer;

  const summary = h('div', { class: 'error-summary', tabindex: '-1', hidden: true });
  const status = liveStatus();
  const levelSelect = h('select', { id: uid('level') }, levels().map(([code, name]) => h('option', { value: code }, name)));
  const quotaInput = h('input', { id: uid('quota'), type: 'text', inputmode: 'numeric', autocomplete: 'off' });
  const sectorBox = h('fieldset', { class: 'sector-quotas' });
  const weightsBox = h('div', { class: 'weights' });
  const extraBox = h('div', { class: 'extra-keys' });
  const table = h('table', { class: 'candidates' });
  const csvIn = h('textarea', { id: uid('csv-in'), rows: '6', spellcheck: 'false' });
  const result = h('section', { class: 'result', 'aria-label': t('排名结果', 'Ranking') });

  const keys = () => [...levelInfo[state.level].indicators.map((i) => i.key), ...state.extraKeys.filter(Boolean)];
  const label = (key) => {
    const i = levelInfo[state.level].indicators.find((x) => x.key === key);
    return i ? msg(i) : key;
  };
  const negatives = () => negativeList().filter(([, , applies]) => applies.includes(state.level));
  // Enterprises have sectors with quotas of their own; towns and villages are recommended per county or district.
  const sectorsOf = () => levelInfo[state.level].quota.sectors;
  const byLocation = () => Boolean(levelInfo[state.level].quota.recommendedPerUnit);
  /** [code, name shown, Chinese name, English name] */
  const sectorChoices = () => (sectorsOf() ?? []).map((x) => [x.code, msg(x), x.messageZh, x.messageEn]);
  const locationChoices = () => {
    const [zh, en] = [withLang('zh', locations), withLang('en', locations)];
    return locations().map(([code, text], i) => [code, text, zh[i][1], en[i][1]]);
  };

  function renderSetup() {
    levelSelect.value = state.level;
    quotaInput.value = state.quota;
    quotaInput.placeholder = String(levelInfo[state.level].quota.recognised);
    weightsBox.replaceChildren(...keys().map((key) => {
      const wid = uid(`weight-${key}`);
      return h('div', { class: 'field' }, h('label', { for: wid }, label(key)),
        h('input', { id: wid, type: 'text', inputmode: 'decimal', autocomplete: 'off', placeholder: '1', 'data-weight': key, value: state.weights[key] ?? '' }));
    }));
    const sectors = sectorsOf();
    sectorBox.hidden = !sectors;
    sectorBox.replaceChildren(...(sectors ? [
      h('legend', {}, t('分行业名额（选填）', 'Sector quotas (optional)')),
      h('p', { class: 'hint' }, t('每个候选都选了所属行业时，按行业分别排名；各行业名额不填则按方案（框内灰色数字）。填写行业名额时不要再填“名额”。',
        'When every candidate has a sector, each sector is ranked against its own quota; left empty, the scheme\'s figure (greyed in the box) applies. Give sector quotas or the quota, not both.')),
      h('div', { class: 'weights' }, sectors.map((x) => {
        const sid = uid(`sector-quota-${x.code}`);
        return h('div', { class: 'field' }, h('label', { for: sid }, msg(x)),
          h('input', { id: sid, type: 'text', inputmode: 'numeric', autocomplete: 'off', placeholder: String(x.approximately), 'data-sector-quota': x.code, value: state.sectorQuotas[x.code] ?? '' }));
      })),
    ] : []));
    const custom = state.level === 'county' || state.level === 'district';
    extraBox.hidden = !custom;
    extraBox.replaceChildren(...(custom ? [
      h('p', { class: 'hint' }, t('方案称强县（市）、强区评价 7 项指标，只列明 5 项：可自拟至多 2 项（填写指标名称，名称即 CSV 表头）。',
        'The scheme names 5 of the 7 indicators for counties and districts: you may add up to 2 of your own (the name is also the CSV header).')),
      ...[0, 1].map((i) => h('div', { class: 'field' }, h('label', { for: uid(`extra-${i}`) }, t(`自拟指标 ${i + 1}`, `Own indicator ${i + 1}`)),
        h('input', { id: uid(`extra-${i}`), type: 'text', autocomplete: 'off', value: state.extraKeys[i] ?? '', 'data-extra': String(i) }))),
    ] : []));
    renderTable();
  }

  /** A choice in a row: 'not given', the choices, and a pasted value that is none of them (for the engine to name). */
  const choice = (r, key, value, choices, name) => h('td', {}, h('select', { 'data-row': r, 'data-key': key, 'aria-label': name },
    h('option', { value: '' }, t('未选择', 'not given')),
    choices.map(([code, text]) => h('option', { value: code, selected: code === value }, text)),
    value && !choices.some(([code]) => code === value) ? h('option', { value, selected: true }, value) : null));

  function renderTable() {
    const ks = keys();
    const negs = negatives();
    const sectors = sectorsOf() ? sectorChoices() : null;
    const places = byLocation() ? locationChoices() : null;
    table.replaceChildren(
      h('caption', {}, t(`候选名单（${state.rows.length} 行）`, `Candidates (${state.rows.length} rows)`)),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('名称', 'Name')), ks.map((k) => h('th', { scope: 'col' }, label(k))),
        sectors ? h('th', { scope: 'col' }, t('所属行业', 'Sector')) : null,
        places ? h('th', { scope: 'col' }, t('所在县（市）区', 'County or district')) : null,
        h('th', { scope: 'col' }, t('负面清单', 'Negative list')), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('操作', 'Actions'))))),
      h('tbody', {}, state.rows.map((row, r) => h('tr', {},
        h('td', {}, h('input', { type: 'text', value: row.name, 'data-row': r, 'data-key': 'name', 'aria-label': t(`第 ${r + 1} 行 名称`, `Row ${r + 1} name`), autocomplete: 'off' })),
        ks.map((k) => h('td', {}, h('input', { type: 'text', inputmode: 'decimal', value: row.values[k] ?? '', 'data-row': r, 'data-key': k,
          'aria-label': t(`第 ${r + 1} 行 ${label(k)}`, `Row ${r + 1} ${label(k)}`), autocomplete: 'off' }))),
        sectors ? choice(r, 'sector', row.sector, sectors, t(`第 ${r + 1} 行 所属行业`, `Row ${r + 1} sector`)) : null,
        places ? choice(r, 'location', row.location, places, t(`第 ${r + 1} 行 所在县（市）区`, `Row ${r + 1} county or district`)) : null,
        h('td', {}, h('select', { 'data-row': r, 'data-key': 'flag', 'aria-label': t(`第 ${r + 1} 行 负面清单`, `Row ${r + 1} negative list`) },
          h('option', { value: '' }, t('无', 'none')), negs.map(([code, text]) => h('option', { value: code, selected: row.flags.includes(code) }, text)))),
        h('td', {}, h('button', { type: 'button', class: 'link', 'data-remove': r, 'aria-label': t(`删除第 ${r + 1} 行`, `Remove row ${r + 1}`) }, t('删除', 'Remove')))))));
  }

  // Edits in the table and the set-up update the state; structure changes re-render.
  panel.addEventListener('input', on((e) => {
    const el = e.target;
    if (el.dataset.row !== undefined) {
      const row = state.rows[Number(el.dataset.row)];
      if (el.dataset.key === 'name') row.name = el.value;
      else if (el.dataset.key === 'flag') row.flags = el.value ? [el.value] : [];
      else if (el.dataset.key === 'sector' || el.dataset.key === 'location') row[el.dataset.key] = el.value;
      else row.values[el.dataset.key] = el.value;
    } else if (el.dataset.sectorQuota) {
      state.sectorQuotas[el.dataset.sectorQuota] = el.value;
    } else if (el.dataset.weight) {
      state.weights[el.dataset.weight] = el.value;
    } else if (el === quotaInput) {
      state.quota = el.value;
    } else {
      return;
    }
    changed();
  }));
  panel.addEventListener('change', on((e) => {
    const el = e.target;
    if (el.dataset.key === 'flag') changed();
    if (el.dataset.extra === undefined) return;
    // An own indicator renamed once typing is done: its figures and weight follow it.
    const i = Number(el.dataset.extra);
    const before = state.extraKeys[i];
    const after = el.value.trim();
    if (before === after) return;
    for (const row of state.rows) {
      if (before && after) row.values[after] = row.values[before];
      delete row.values[before];
    }
    if (before && after) state.weights[after] = state.weights[before];
    delete state.weights[before];
    state.extraKeys[i] = after;
    // Once the keyboard has moved on (Tab fires change first), rebuild and keep it where it went.
    setTimeout(on(() => {
      keepFocus(renderSetup, { [before]: after });
      changed();
    }));
  }));
  panel.addEventListener('click', on((e) => {
    const r = e.target.dataset?.remove;
    if (r === undefined) return;
    state.rows.splice(Number(r), 1);
    if (state.rows.length === 0) state.rows.push(blankRow());
    renderTable();
    // Keep the keyboard where it was: the same row's button, or the last one.
    const next = Math.min(Number(r), state.rows.length - 1);
    table.querySelector(`[data-remove="${next}"]`)?.focus();
    changed();
  }));
  levelSelect.addEventListener('change', on(() => {
    const custom = (l) => l === 'county' || l === 'district';
    if (!custom(levelSelect.value) || !custom(state.level)) state.extraKeys = [];
    state.level = levelSelect.value;
    renderSetup();
    changed();
  }));

  /** Runs a re-render and puts the focus back on the same control (renamed keys followed). */
  function keepFocus(render, renamed = {}) {
    const a = panel.getRootNode().activeElement;
    const follow = (key) => renamed[key] ?? key;
    const selector = !a || !panel.contains(a) ? null
      : a.id ? `#${CSS.escape(a.id)}`
        : a.dataset.row !== undefined ? `[data-row="${a.dataset.row}"][data-key="${CSS.escape(follow(a.dataset.key))}"]`
          : a.dataset.weight ? `[data-weight="${CSS.escape(follow(a.dataset.weight))}"]` : null;
    render();
    if (selector) panel.querySelector(selector)?.focus();
  }

  const clearButton = h('button', { type: 'button', class: 'secondary', onclick: on(() => { keepForUndo(); state.rows = [blankRow()]; renderTable(); changed(); }) },
    t('清空名单', 'Clear the list'));

  /** Import and clearing replace the list: the list before can be brought back. */
  const undoButton = h('button', { type: 'button', class: 'secondary', hidden: true, onclick: on(() => {
    if (!state.undo) return;
    Object.assign(state, state.undo, { undo: null });
    clearButton.focus();
    undoButton.hidden = true;
    renderSetup();
    changed();
  }) }, t('撤销（恢复之前的名单）', 'Undo (bring the list back)'));
  const keepForUndo = () => {
    const { rows, extraKeys, weights } = state;
    const filled = rows.some((r) => r.name.trim() || Object.values(r.values).some((v) => v.trim()));
    state.undo = filled ? structuredClone({ rows, extraKeys, weights }) : null;
    undoButton.hidden = !filled;
  };

  function changed() {
    onState();
    if (!live) return;
    clearTimeout(timer);
    timer = setTimeout(on(() => rankNow()), 300);
  }

  /** The request, and which table row each candidate came from. */
  function request() {
    const ks = keys();
    const sectors = sectorsOf();
    const rowOf = [];
    const candidates = [];
    state.rows.forEach((row, r) => {
      const blank = !row.name.trim() && ks.every((k) => !(row.values[k] ?? '').trim());
      if (blank) return;
      const c = { name: row.name, indicators: {} };
      for (const k of ks) if ((row.values[k] ?? '').trim() !== '') c.indicators[k] = row.values[k].trim();
      for (const f of row.flags) c[f] = true;
      if (sectors && row.sector) c.sector = row.sector;
      if (byLocation() && row.location) c.location = row.location;
      candidates.push(c);
      rowOf.push(r);
    });
    const req = { level: state.level, candidates };
    if (state.quota.trim()) req.quota = state.quota.trim();
    const sectorQuotas = Object.fromEntries(Object.entries(state.sectorQuotas)
      .filter(([code, v]) => v.trim() !== '' && sectors?.some((x) => x.code === code)).map(([code, v]) => [code, v.trim()]));
    if (Object.keys(sectorQuotas).length) req.sectorQuotas = sectorQuotas;
    const weights = Object.fromEntries(Object.entries(state.weights).filter(([k, v]) => v.trim() !== '' && ks.includes(k)).map(([k, v]) => [k, v.trim()]));
    if (Object.keys(weights).length) req.weights = weights;
    return { req, rowOf };
  }

  function rankNow(fromButton = false) {
    const { req, rowOf } = request();
    clearMarks();
    const response = api.evaluate(id, req);
    if (!response.ok) {
      result.replaceChildren();
      showError(response.error, rowOf);
      if (fromButton) summary.focus();
      else status.say(`${t('请检查：', 'Please check: ')}${msg(response.error)}`);
      return;
    }
    status.say(t(`排名已更新：估算认定 ${response.result.recognisedCount} 个。`, `Ranking updated: ${response.result.recognisedCount} recognised in the estimate.`));
    const inputs = [
      { label: t('认定类别', 'Level'), show: () => levelSelect.selectedOptions[0].textContent },
      { label: t('名额', 'Quota'), show: () => String(response.result.quota) },
      { label: t('分行业名额', 'Sector quotas'), show: () => (response.result.sectors ?? []).map((x) => `${msg(x)} ${x.quota}`).join(t('；', '; ')) },
      { label: t('候选数', 'Candidates'), show: () => String(req.candidates.length) },
      { label: t('权重', 'Weights'), show: () => response.result.weights.map(([k, w]) => `${label(k)} ${w}`).join(t('；', '; ')) },
    ];
    result.replaceChildren(sheetHead(entry, response.result, inputs), ...renderResult(response.result, keys(), label, uid, req).flat(Infinity).filter(Boolean), sheetFoot());
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
      const key = m[2] && !negativeList().some(([c]) => c === m[2]) ? m[2] : 'name';
      target = table.querySelector(`[data-row="${row}"][data-key="${CSS.escape(key)}"]`);
    } else if (path === 'quota') target = quotaInput;
    else if (path.startsWith('sectorQuotas')) target = sectorBox.querySelector(`[data-sector-quota="${CSS.escape(path.slice(13))}"]`) ?? sectorBox.querySelector('input');
    else if (path.startsWith('weights.')) target = weightsBox.querySelector(`[data-weight="${CSS.escape(path.slice(8))}"]`);
    else if (path === 'level') target = levelSelect;
    if (target) target.setAttribute('aria-invalid', 'true');
    summary.hidden = false;
    summary.append(h('h3', {}, t('请检查填写内容', 'Please check your entries')), h('p', {}, target
      ? h('a', { href: '#', onclick: (e) => { e.preventDefault(); target.focus(); } }, msg(error))
      : msg(error)));
  }

  function importCsv() {
    const rows = parseCsv(csvIn.value);
    clearMarks();
    if (rows.length < 2) {
      showError({ messageZh: 'CSV 至少需要一行表头和一行候选。', messageEn: 'The CSV needs a header row and at least one candidate.' }, []);
      return;
    }
    // Headers as spreadsheets write them: units in brackets and spaces dropped.
    const header = rows[0].map((c) => c.replace(/[（(][^）)]*[）)]/g, '').replace(/\s+/g, ''));
    const body = rows.slice(1);
    const nameCol = header.findIndex((c) => NAME_HEADERS.includes(c.toLowerCase()) || /(名称|名)$/.test(c));
    if (nameCol < 0) {
      showError({ messageZh: 'CSV 表头须有名称列（如 name、名称、村名、企业名称）。', messageEn: 'The CSV header needs a name column (such as name).' }, []);
      return;
    }
    const named = levelInfo[state.level].indicators;
    const negatives = negativeList();
    const columns = header.map((c, i) => {
      if (i === nameCol) return null;
      const known = named.find((x) => [x.key, x.messageZh, x.messageEn].some((n) => n.replace(/\s+/g, '').toLowerCase() === c.toLowerCase()));
      if (known) return { key: known.key };
      if (SECTOR_HEADERS.includes(c.toLowerCase())) return sectorsOf() ? { sector: true } : null;
      if (LOCATION_HEADERS.includes(c.toLowerCase())) return byLocation() ? { location: true } : null;
      if (c === 'excludedBy' || c === '负面清单') return { flags: true };
      const negative = negatives.find(([code, label]) => code === c || label.includes(c));
      if (negative && c.length >= 4) return { flag: negative[0] };
      if (RESULT_COLUMNS.has(c) || c.endsWith('Score') || c.endsWith('得分') || IGNORED_HEADERS.includes(c)) return null;
      return { key: c, extra: true };
    });
    const extras = [...new Set(columns.filter((c) => c?.extra).map((c) => c.key))];
    const allowed = levelInfo[state.level].level === 'county' || levelInfo[state.level].level === 'district' ? 2 : 0;
    if (extras.length > allowed) {
      const list = named.map((x) => `${x.key}（${x.messageZh}）`).join('、');
      showError({ messageZh: `无法识别的列：${extras.join('、')}。可用的指标列：${list}。`,
        messageEn: `Columns not recognised: ${extras.join(', ')}. Indicator columns: ${named.map((x) => `${x.key} (${x.messageEn})`).join(', ')}.` }, []);
      return;
    }
    keepForUndo();
    state.extraKeys = extras;
    state.rows = body.map((cells) => {
      const row = { ...blankRow(), name: cells[nameCol] ?? '' };
      columns.forEach((col, i) => {
        const v = cells[i] ?? '';
        if (!col) return;
        if (col.key) row.values[col.key] = v.replace(/[,\s]/g, '');
        else if (col.sector) row.sector = codeOf(v, sectorChoices());
        else if (col.location) row.location = codeOf(v, locationChoices());
        else if (col.flag && TRUE.test(v)) row.flags.push(col.flag);
        else if (col.flags) row.flags.push(...v.split(/[;；\s]+/).filter(Boolean));
      });
      return row;
    });
    renderSetup();
    live = true;
    rankNow(true);
    onState();
  }

  const form = h('form', { class: 'calculator', novalidate: true, onsubmit: on((e) => { e.preventDefault(); live = true; rankNow(true); onState(); }) },
    summary,
    h('fieldset', { class: 'group' }, h('legend', {}, t('类别与名额', 'Level and quota')),
      h('div', { class: 'field' }, h('label', { for: uid('level') }, t('认定类别', 'Level')), levelSelect),
      h('div', { class: 'field' }, h('label', { for: uid('quota') }, t('名额', 'Quota'), h('span', { class: 'optional' }, t('（选填，默认按方案）', ' (optional; the scheme\'s by default)'))), quotaInput),
      sectorBox,
      extraBox),
    h('fieldset', { class: 'group' }, h('legend', {}, t('指标权重（选填，默认均为 1）', 'Indicator weights (optional, 1 each by default)')), weightsBox),
    h('fieldset', { class: 'group' }, h('legend', {}, t('候选名单', 'Candidates')),
      h('div', { class: 'table-wrap' }, table),
      h('div', { class: 'row-actions' },
        h('button', { type: 'button', class: 'secondary', onclick: on(() => {
          state.rows.push(blankRow());
          renderTable();
          table.querySelector(`[data-row="${state.rows.length - 1}"]`)?.focus();
        }) }, t('添加候选', 'Add a candidate')),
        clearButton,
        undoButton),
      h('details', { class: 'csv-in' }, h('summary', {}, t('从表格粘贴 CSV', 'Paste CSV from a spreadsheet')),
        h('label', { for: uid('csv-in') }, t('粘贴 CSV（首行为表头：name 与各指标键名或中文名；可含负面清单列，如 badCredit，值为 1/是；百强企业可含所属行业列 sector，镇、村可含所在县（市）区列 location）',
          'Paste CSV (first row the header: name and each indicator key or name; negative-list columns such as badCredit with 1/yes; a sector column for enterprises, a location column for towns and villages)')),
        csvIn,
        h('button', { type: 'button', class: 'secondary', onclick: on(importCsv) }, t('导入并排名', 'Import and rank')))),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('排名', 'Rank'))),
    status.element);

  panel.append(h('p', { class: 'intro' }, t('输入各候选的指标，估算谁会进入认定名额。方案未公布各指标权重与赋分办法，本估算采用公开、可复核的排名赋分法，不代表官方认定结果。',
    'Enter each candidate\'s figures to estimate who would make the quota. The scheme publishes no weights or scoring rules; this estimate uses an open, checkable rank-based method and is not the official result.')), form, result);
  renderSetup();

  return {
    getState() {
      const s = { level: state.level };
      if (state.quota.trim()) s.quota = state.quota.trim();
      const sectorQuotas = Object.fromEntries(Object.entries(state.sectorQuotas).filter(([, v]) => v.trim()));
      if (Object.keys(sectorQuotas).length) s.sectorQuotas = JSON.stringify(sectorQuotas);
      const weights = Object.fromEntries(Object.entries(state.weights).filter(([, v]) => v.trim()));
      if (Object.keys(weights).length) s.weights = JSON.stringify(weights);
      if (state.extraKeys.some(Boolean)) s.extra = JSON.stringify(state.extraKeys);
      const ks = keys();
      const rows = state.rows.filter((r) => r.name.trim() || ks.some((k) => (r.values[k] ?? '').trim()) || r.flags.length || r.sector || r.location);
      // Each row: name, the figures, the flags, then (only when given, so older links read the same) sector and location.
      if (rows.length) {
        s.rows = JSON.stringify(rows.map((r) => [r.name, ...ks.map((k) => r.values[k] ?? ''), r.flags.join(';'), ...(r.sector || r.location ? [r.sector, r.location] : [])]));
      }
      if (live) s.go = '1';
      return s;
    },
    setState: on((s) => {
      if (levelInfo[s.level]) state.level = s.level;
      state.quota = s.quota ?? '';
      try {
        state.sectorQuotas = s.sectorQuotas ? JSON.parse(s.sectorQuotas) : {};
        state.weights = s.weights ? JSON.parse(s.weights) : {};
        state.extraKeys = s.extra ? JSON.parse(s.extra) : [];
        const ks = keys();
        const rows = s.rows ? JSON.parse(s.rows) : [];
        if (rows.length) {
          state.rows = rows.map((r) => ({ name: String(r[0] ?? ''), values: Object.fromEntries(ks.map((k, i) => [k, String(r[i + 1] ?? '')])),
            flags: String(r[ks.length + 1] ?? '').split(';').filter(Boolean), sector: String(r[ks.length + 2] ?? ''), location: String(r[ks.length + 3] ?? '') }));
        }
      } catch {
        // A hand-edited link that no longer parses: keep what could be read.
      }
      renderSetup();
      if (s.go === '1') { live = true; rankNow(); }
    }),
    compute: on(() => rankNow()),
    hasResult: () => result.childElementCount > 0,
  };
}

function blankRow() {
  return { name: '', values: {}, flags: [], sector: '', location: '' };
}

/** A pasted choice as its code: the code or a name (either language, brackets dropped), or a part of exactly one name.
 *  Anything else is kept as typed, for the engine to name. */
function codeOf(value, choices) {
  const v = value.trim().toLowerCase();
  if (!v) return '';
  const names = ([code, ...texts]) => [code, ...texts.map((x) => x.replace(/[（(][^）)]*[）)]/g, '').trim())].map((x) => x.toLowerCase());
  const exact = choices.find((c) => names(c).includes(v));
  if (exact) return exact[0];
  const part = choices.filter((c) => names(c).some((x) => x.includes(v)));
  return part.length === 1 ? part[0][0] : value.trim();
}

/** The ranking does not repeat each candidate's location: find it from the candidate with the same name and figures. */
function locationsOf(ranking, candidates) {
  const left = [...candidates];
  return ranking.map((row) => {
    const i = left.findIndex((c) => c && c.name.trim() === row.name.trim()
      && row.scores.every((x) => Number(c.indicators[x.key]) === Number(x.value)));
    if (i < 0) return '';
    const { location = '' } = left[i];
    left[i] = null;
    return location;
  });
}

function renderResult(r, keys, label, uid, req) {
  const rows = r.ranking;
  const bySector = rows.some((c) => c.sector);
  const sectorName = Object.fromEntries((r.sectors ?? []).map((x) => [x.sector, msg(x)]));
  const located = req.candidates.some((c) => c.location) ? locationsOf(rows, req.candidates) : null;
  // The sector and location columns only when used, so that a plain list reads as before.
  const csv = formatCsv([
    ['name', ...(bySector ? ['sector'] : []), ...(located ? ['location'] : []), ...keys, 'excludedBy', 'rank', 'composite', ...keys.map((k) => `${k}Score`), 'recognised', 'tiedAtCutoff'],
    ...rows.map((c, i) => [c.name, ...(bySector ? [c.sector ?? ''] : []), ...(located ? [located[i]] : []), ...c.scores.map((s) => s.value), c.excludedBy.join(';'),
      c.rank ?? '', c.composite ?? '', ...c.scores.map((s) => s.score ?? ''), c.recognised, c.tiedAtCutoff]),
  ]);
  const csvOut = h('textarea', { id: uid('csv-out'), rows: '4', readonly: true, spellcheck: 'false' });
  csvOut.value = csv;
  const copied = h('span', { class: 'copied', role: 'status' });
  const labels = Object.fromEntries(negativeList().map(([code, text]) => [code, text]));
  const reasons = (c) => c.excludedBy.map((code) => labels[code] ?? code).join(t('；', '; '));
  // Worded now: after the await below, another embed's language may be current.
  const done = t('已复制', 'Copied');
  const manual = t('请按 Ctrl+C 复制已选中的内容', 'Press Ctrl+C to copy the selection');
  return [
    h('h2', {}, t(`${r.levelName.messageZh}排名估算`, `Ranking estimate: ${r.levelName.messageEn}`)),
    h('dl', { class: 'figures' },
      h('dt', {}, t('名额', 'Quota')), h('dd', {}, String(r.quota)),
      h('dt', {}, t('估算认定', 'Recognised (estimate)')), h('dd', { 'data-testid': 'recognised-count' },
        t(`${r.recognisedCount} 个${r.tieAtCutoff ? `，另有 ${r.placesLeftForTied} 个名额由并列者竞争` : ''}`,
          `${r.recognisedCount}${r.tieAtCutoff ? `, and ${r.placesLeftForTied} place(s) contested by tied candidates` : ''}`)),
      h('dt', {}, t('奖励合计', 'Total reward')), h('dd', { class: 'amount' }, isZero(r.reward) ? t('无现金奖励', 'No cash reward') : money(r.totalReward))),
    r.sectors ? h('section', { class: 'explain sectors', 'data-testid': 'sector-summary' }, h('h3', {}, t('分行业估算', 'By sector')),
      h('ul', {}, r.sectors.map((x) => h('li', {}, h('strong', {}, msg(x)), t(
        `：名额 ${x.quota}，候选 ${x.candidates} 个，估算认定 ${x.recognisedCount} 个${x.tieAtCutoff ? `，另有 ${x.placesLeftForTied} 个名额由并列者竞争` : ''}`,
        `: quota ${x.quota}, ${x.candidates} candidate(s), ${x.recognisedCount} recognised${x.tieAtCutoff ? `, ${x.placesLeftForTied} place(s) contested by tied candidates` : ''}`))))) : null,
    explanation(r),
    h('div', { class: 'table-wrap' }, h('table', { class: 'ranking', 'data-testid': 'ranking' },
      h('caption', {}, t('排名（标 ✓ 者为估算认定）', 'Ranking (✓ = recognised in the estimate)')),
      h('thead', {}, h('tr', {}, [t('名次', 'Rank'), t('名称', 'Name'), bySector ? t('所属行业', 'Sector') : null, t('综合得分', 'Composite'), ...keys.map((k) => t(`${label(k)}得分`, `${label(k)} score`)), t('结果', 'Result')]
        .filter(Boolean).map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, rows.map((c) => h('tr', { class: c.recognised ? 'recognised' : c.tiedAtCutoff ? 'tied' : c.excludedBy.length ? 'excluded' : null },
        h('td', { class: 'num' }, c.rank ?? '—'),
        h('th', { scope: 'row' }, c.name),
        bySector ? h('td', {}, sectorName[c.sector] ?? c.sector ?? '') : null,
        h('td', { class: 'num' }, c.composite ?? '—'),
        c.scores.map((s) => h('td', { class: 'num' }, s.score ?? '—')),
        h('td', {}, c.recognised ? t('✓ 认定', '✓ recognised') : c.tiedAtCutoff ? t('名额线并列', 'tied at the cut-off')
          : c.excludedBy.length ? t(`排除（${reasons(c)}）`, `excluded (${reasons(c)})`) : '')))))),
    h('div', { class: 'csv-out' },
      h('label', { for: uid('csv-out') }, t('排名结果 CSV（可复制到表格软件）', 'The ranking as CSV (to paste into a spreadsheet)')), csvOut,
      h('button', { type: 'button', class: 'secondary', onclick: async () => {
        csvOut.select();
        try {
          await navigator.clipboard.writeText(csv);
          copied.textContent = done;
        } catch {
          copied.textContent = manual;
        }
      } }, t('复制 CSV', 'Copy CSV')), copied),
  ];
}
