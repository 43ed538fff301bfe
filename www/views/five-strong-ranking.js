// “五强”排名估算 — five-strong-ranking (docs/rulebook.md §4): who would make the
// quota, by the transparent rank-based estimate. Candidates are typed in a
// table or pasted as CSV, and the ranking can be copied back out as CSV.

import { formatCsv, readCandidates } from '../csv.js';
import { schema } from '../ui/catalog.js';
import { h, liveStatus } from '../ui/elements.js';
import { errorDisplay } from '../ui/errors.js';
import { explanation } from '../ui/explanation.js';
import { choiceField, hintText, labelText, numberField, requiredMarker } from '../ui/fields.js';
import { isZero, money } from '../ui/numbers.js';
import { sheetFoot, sheetHead } from '../ui/sheet.js';
import { APPLIES_TO, appliesTo } from './five-strong.js';

export const id = 'five-strong-ranking';
export const title = (tr) => tr.t('“五强”排名估算', 'Ranking estimate');

/** Levels whose candidates may carry indicators of the user's own naming, and how many (the engine's bound; the catalog does not state it). */
let instances = 0;

export function mount(panel, { api, entry, tr, onState = () => {} }) {
  const s = schema(entry, tr);
  const n = ++instances;
  const uid = (name) => `rank${n}-${name}`;
  const levelCodes = s.field('level').options.map((o) => o.value);
  // The indicators, quota and reward of each level come from the engine itself.
  const levelInfo = Object.fromEntries(levelCodes.map((code) => [code, api.evaluate('five-strong', { level: code }).result]));
  const flagFields = s.field('candidates').fields.filter((f) => f.kind === 'boolean');
  const flagLabel = Object.fromEntries(flagFields.map((f) => [f.key, tr.of(f, 'label')]));
  /** [code, name shown, Chinese name, English name] */
  const choicesOf = (path) => s.field(path).options.map((o) => [o.value, tr.of(o, 'label'), o.labelZh, o.labelEn]);
  const sectorChoices = choicesOf('candidates.sector');
  const locationChoices = choicesOf('candidates.location');
  const state = { level: 'village', quota: '', sectorQuotas: {}, weights: {}, extraKeys: [], rows: [blankRow(), blankRow(), blankRow()] };
  let live = false;
  let timer;

  const errors = errorDisplay(tr);
  const status = liveStatus();
  const level = choiceField(tr, s.field('level'), { value: state.level });
  const quota = numberField(tr, s.field('quota'));
  const sectorQuotas = s.field('sectorQuotas');
  const sectorFields = Object.fromEntries(sectorQuotas.fields.map((f) => {
    const field = numberField(tr, s.field(`sectorQuotas.${f.key}`), { hint: false, marker: false });
    field.input.dataset.sectorQuota = f.key;
    return [f.key, field];
  }));
  const sectorBox = h('fieldset', { class: 'sector-quotas' },
    h('legend', {}, labelText(sectorQuotas, tr), h('span', { class: 'optional' }, requiredMarker(sectorQuotas.required, tr))),
    h('p', { class: 'hint' }, hintText(sectorQuotas, tr, { note: tr.t('每个候选都选了所属行业时，按行业分别排名；各行业名额不填则按方案（框内灰色数字）。填写行业名额时不要再填“名额”。',
      'When every candidate has a sector, each sector is ranked against its own quota; left empty, the scheme\'s figure (greyed in the box) applies. Give sector quotas or the quota, not both.') })),
    h('div', { class: 'weights' }, Object.values(sectorFields).map((f) => f.element)));
  const weightsBox = h('div', { class: 'weights' });
  const extraBox = h('div', { class: 'extra-keys' });
  const table = h('table', { class: 'candidates' });
  const hintsBox = h('ul', { class: 'indicator-hints' });
  const csvNotice = h('p', { class: 'hint csv-notice', role: 'status', 'data-testid': 'csv-notice' });
  const csvIn = h('textarea', { id: uid('csv-in'), rows: '6', spellcheck: 'false' });
  const result = h('section', { class: 'result', 'aria-label': tr.t('排名结果', 'Ranking') });

  const info = () => levelInfo[state.level];
  const keys = () => [...info().indicators.map((i) => i.key), ...state.extraKeys.filter(Boolean)];
  const label = (key) => {
    const i = info().indicators.find((x) => x.key === key);
    return i ? tr.msg(i) : key;
  };
  // Each indicator's unit and what to enter: the catalog's (the scheme gives none; the engine words its reading).
  const specOf = (key) => (s.has(`candidates.indicators.${key}`) ? s.field(`candidates.indicators.${key}`) : null);
  const headed = (key) => {
    const unit = tr.of(specOf(key), 'unit');
    return unit ? tr.t(`${label(key)}（${unit}）`, `${label(key)} (${unit})`) : label(key);
  };
  const negatives = () => flagFields.filter((f) => appliesTo(APPLIES_TO[f.key], state.level));
  // Enterprises have sectors with quotas of their own; towns and villages are recommended per county or district.
  const sectorsOf = () => info().quota.sectors;
  const byLocation = () => Boolean(info().quota.recommendedPerUnit);
  // Indicators of the user's own naming: as many as the scheme counts but does not name (catalog figure).
  const ownOf = (lvl) => (s.hasFigure(`${lvl}.ownIndicators`) ? Number(s.figure(`${lvl}.ownIndicators`)) : 0);
  const own = () => ownOf(state.level);

  function renderSetup() {
    level.set(state.level);
    quota.set(state.quota);
    quota.input.placeholder = String(info().quota.recognised);
    weightsBox.replaceChildren(...keys().map((key) => {
      const wid = uid(`weight-${key}`);
      return h('div', { class: 'field' }, h('label', { for: wid }, label(key)),
        h('input', { id: wid, type: 'text', inputmode: 'decimal', autocomplete: 'off', placeholder: '1', 'data-weight': key, value: state.weights[key] ?? '' }));
    }));
    const sectors = sectorsOf();
    sectorBox.hidden = !sectors;
    for (const x of sectors ?? []) {
      const f = sectorFields[x.code];
      f.set(state.sectorQuotas[x.code] ?? '');
      f.input.placeholder = String(x.approximately);
    }
    extraBox.hidden = own() === 0;
    extraBox.replaceChildren(...(own() ? [
      h('p', { class: 'hint' }, tr.t(`方案称强县（市）、强区的评价指标不止列明的 ${info().indicators.length} 项：可自拟至多 ${own()} 项（填写指标名称，名称即 CSV 表头）。`,
        `The scheme names ${info().indicators.length} of the indicators for counties and districts: you may add up to ${own()} of your own (the name is also the CSV header).`)),
      ...Array.from({ length: own() }, (_, i) => h('div', { class: 'field' }, h('label', { for: uid(`extra-${i}`) }, tr.t(`自拟指标 ${i + 1}`, `Own indicator ${i + 1}`)),
        h('input', { id: uid(`extra-${i}`), type: 'text', autocomplete: 'off', value: state.extraKeys[i] ?? '', 'data-extra': String(i) }))),
    ] : []));
    renderTable();
  }

  /** A choice in a row: 'not given', the choices, and a pasted value that is none of them (for the engine to name). */
  const choice = (r, key, value, choices, name, shown) => h('td', { 'data-label': shown }, h('select', { 'data-row': r, 'data-key': key, 'aria-label': name },
    h('option', { value: '' }, tr.t('未选择', 'not given')),
    choices.map(([code, text]) => h('option', { value: code, selected: code === value }, text)),
    value && !choices.some(([code]) => code === value) ? h('option', { value, selected: true }, value) : null));

  function renderTable() {
    const ks = keys();
    const negs = negatives();
    const sectors = sectorsOf() ? sectorChoices : null;
    const places = byLocation() ? locationChoices : null;
    const sectorLabel = tr.of(s.field('candidates.sector'), 'label');
    const locationLabel = tr.of(s.field('candidates.location'), 'label');
    const nameLabel = tr.of(s.field('candidates.name'), 'label');
    const negativeLabel = tr.t('负面清单', 'Negative list');
    const row = (r, what) => tr.t(`第 ${r + 1} 行 ${what}`, `Row ${r + 1} ${what}`);
    // What to enter for each indicator, once above the table; each cell is described by its own.
    const hintId = Object.fromEntries(ks.map((k, i) => [k, specOf(k) && tr.of(specOf(k), 'hint') ? uid(`hint-${i}`) : null]));
    hintsBox.replaceChildren(...ks.filter((k) => hintId[k]).map((k) => h('li', { id: hintId[k] },
      h('strong', {}, headed(k)), tr.t('：', ': '), tr.of(specOf(k), 'hint'))));
    hintsBox.hidden = hintsBox.childElementCount === 0;
    const col = (cls, ...text) => h('th', { scope: 'col', class: cls }, ...text);
    table.replaceChildren(
      h('caption', {}, tr.t(`候选名单（${state.rows.length} 行）`, `Candidates (${state.rows.length} rows)`)),
      h('thead', {}, h('tr', {}, col('col-name', nameLabel), ks.map((k) => col('col-figure', headed(k))),
        sectors ? col('col-choice', sectorLabel) : null,
        places ? col('col-choice', locationLabel) : null,
        col('col-choice', negativeLabel), col('col-remove', h('span', { class: 'visually-hidden' }, tr.t('操作', 'Actions'))))),
      h('tbody', {}, state.rows.map((cand, r) => h('tr', {},
        h('td', { 'data-label': nameLabel }, h('input', { type: 'text', value: cand.name, 'data-row': r, 'data-key': 'name', 'aria-label': row(r, tr.t(nameLabel, nameLabel.toLowerCase())), autocomplete: 'off' })),
        ks.map((k) => h('td', { 'data-label': headed(k) }, h('input', { type: 'text', inputmode: 'decimal', value: cand.values[k] ?? '', 'data-row': r, 'data-key': k,
          'aria-label': row(r, headed(k)), 'aria-describedby': hintId[k], autocomplete: 'off' }))),
        sectors ? choice(r, 'sector', cand.sector, sectors, row(r, tr.t(sectorLabel, sectorLabel.toLowerCase())), sectorLabel) : null,
        places ? choice(r, 'location', cand.location, places, row(r, tr.t(locationLabel, locationLabel.toLowerCase())), locationLabel) : null,
        h('td', { 'data-label': negativeLabel }, h('select', { 'data-row': r, 'data-key': 'flag', 'aria-label': row(r, tr.t('负面清单', 'negative list')) },
          h('option', { value: '' }, tr.t('无', 'none')), negs.map((f) => h('option', { value: f.key, selected: cand.flags.includes(f.key) }, flagLabel[f.key])))),
        h('td', { class: 'remove' }, h('button', { type: 'button', class: 'link', 'data-remove': r, 'aria-label': tr.t(`删除第 ${r + 1} 行`, `Remove row ${r + 1}`) }, tr.t('删除', 'Remove')))))));
  }

  // Edits in the table and the set-up update the state; structure changes re-render.
  panel.addEventListener('input', (e) => {
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
    } else if (el === quota.input) {
      state.quota = el.value;
    } else {
      return;
    }
    changed();
  });
  panel.addEventListener('change', (e) => {
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
    setTimeout(() => {
      keepFocus(renderSetup, { [before]: after });
      changed();
    });
  });
  panel.addEventListener('click', (e) => {
    const r = e.target.dataset?.remove;
    if (r === undefined) return;
    state.rows.splice(Number(r), 1);
    if (state.rows.length === 0) state.rows.push(blankRow());
    renderTable();
    // Keep the keyboard where it was: the same row's button, or the last one.
    const next = Math.min(Number(r), state.rows.length - 1);
    table.querySelector(`[data-remove="${next}"]`)?.focus();
    changed();
  });
  level.input.addEventListener('change', () => {
    if (!ownOf(level.input.value) || !ownOf(state.level)) state.extraKeys = [];
    state.level = level.input.value;
    renderSetup();
    changed();
  });

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

  const clearButton = h('button', { type: 'button', class: 'secondary', onclick: () => { keepForUndo(); state.rows = [blankRow()]; renderTable(); changed(); } },
    tr.t('清空名单', 'Clear the list'));

  /** Import and clearing replace the list: the list before can be brought back. */
  const undoButton = h('button', { type: 'button', class: 'secondary', hidden: true, onclick: () => {
    if (!state.undo) return;
    Object.assign(state, state.undo, { undo: null });
    clearButton.focus();
    undoButton.hidden = true;
    renderSetup();
    changed();
  } }, tr.t('撤销（恢复之前的名单）', 'Undo (bring the list back)'));
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
    timer = setTimeout(() => rankNow(), 300);
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
    const given = Object.fromEntries(Object.entries(state.sectorQuotas)
      .filter(([code, v]) => v.trim() !== '' && sectors?.some((x) => x.code === code)).map(([code, v]) => [code, v.trim()]));
    if (Object.keys(given).length) req.sectorQuotas = given;
    const weights = Object.fromEntries(Object.entries(state.weights).filter(([k, v]) => v.trim() !== '' && ks.includes(k)).map(([k, v]) => [k, v.trim()]));
    if (Object.keys(weights).length) req.weights = weights;
    return { req, rowOf };
  }

  function rankNow(fromButton = false) {
    const { req, rowOf } = request();
    errors.clear();
    const response = api.evaluate(id, req);
    if (!response.ok) {
      result.replaceChildren();
      const message = showError(response.error, rowOf);
      if (fromButton) errors.focus();
      else status.say(`${tr.t('请检查：', 'Please check: ')}${message}`);
      return;
    }
    const r = response.result;
    status.say(tr.t(`排名已更新：估算认定 ${r.recognisedCount} 个。`, `Ranking updated: ${r.recognisedCount} recognised in the estimate.`));
    const inputs = [
      { label: level.label, show: () => level.input.selectedOptions[0].textContent },
      { label: quota.label, show: () => String(r.quota) },
      { label: labelText(sectorQuotas, tr), show: () => (r.sectors ?? []).map((x) => `${tr.msg(x)} ${x.quota}`).join(tr.t('；', '; ')) },
      { label: tr.t('候选数', 'Candidates'), show: () => String(req.candidates.length) },
      { label: labelText(s.field('weights'), tr), show: () => r.weights.map(([k, w]) => `${label(k)} ${w}`).join(tr.t('；', '; ')) },
    ];
    const names = {
      sector: tr.of(s.field('candidates.sector'), 'label'),
      location: tr.of(s.field('candidates.location'), 'label'),
      place: Object.fromEntries(locationChoices.map(([code, text]) => [code, text])),
      pool: tr.msg(levelInfo[r.level]?.quota.poolDescription),
    };
    result.replaceChildren(sheetHead(entry, r, inputs, tr),
      ...renderResult(r, { keys: keys(), label, headed, names, uid, req, tr, flagLabel }).flat(Infinity).filter(Boolean), sheetFoot(tr));
  }

  /** The engine's error on the control it names: a cell of the table (by the candidate's row), the quota, a weight. */
  function showError(error, rowOf) {
    const path = error.field ?? '';
    let target = {};
    const m = /^candidates\[(\d+)\](?:\.(?:indicators\.)?([^.[]+))?/.exec(path);
    if (m) {
      const key = m[2] && !flagLabel[m[2]] ? m[2] : 'name';
      target = { control: table.querySelector(`[data-row="${rowOf[Number(m[1])]}"][data-key="${CSS.escape(key)}"]`) };
    } else if (path === 'quota') target = { control: quota.input, slot: quota.errorSlot };
    else if (path.startsWith('sectorQuotas')) {
      const f = sectorFields[path.slice('sectorQuotas.'.length)] ?? Object.values(sectorFields)[0];
      target = { control: f.input, slot: f.errorSlot };
    } else if (path.startsWith('weights.')) target = { control: weightsBox.querySelector(`[data-weight="${CSS.escape(path.slice(8))}"]`) };
    else if (path === 'level') target = { control: level.input, slot: level.errorSlot };
    return errors.show(error, target.control ? target : {});
  }

  function importCsv() {
    errors.clear();
    csvNotice.textContent = '';
    const named = info().indicators;
    const read = readCandidates(csvIn.value, {
      indicators: named.map((x) => ({ key: x.key, labelZh: x.messageZh, labelEn: x.messageEn })),
      flags: flagFields.map((f) => ({ code: f.key, labelZh: f.labelZh, labelEn: f.labelEn })),
      sectors: Boolean(sectorsOf()),
      locations: byLocation(),
      extrasAllowed: own(),
      sectorChoices: sectorChoices.map(([code, , zh, en]) => [code, zh, en]),
      locationChoices: locationChoices.map(([code, , zh, en]) => [code, zh, en]),
    });
    if (read.notice) csvNotice.textContent = tr.msg(read.notice);
    if (read.error) {
      errors.show(read.error, { control: csvIn });
      errors.focus();
      return;
    }
    keepForUndo();
    state.extraKeys = read.extras;
    state.rows = read.rows;
    renderSetup();
    live = true;
    rankNow(true);
    onState();
  }

  const weights = s.field('weights');
  const form = h('form', { class: 'calculator ranking-form', novalidate: true, onsubmit: (e) => { e.preventDefault(); live = true; rankNow(true); onState(); } },
    errors.summary,
    h('fieldset', { class: 'group' }, h('legend', {}, tr.t('类别与名额', 'Level and quota')),
      level.element, quota.element, sectorBox, extraBox),
    h('fieldset', { class: 'group' }, h('legend', {}, labelText(weights, tr), h('span', { class: 'optional' }, requiredMarker(weights.required, tr))),
      h('p', { class: 'hint' }, tr.of(weights, 'hint')), weightsBox),
    h('fieldset', { class: 'group' }, h('legend', {}, labelText(s.field('candidates'), tr)),
      hintsBox,
      h('div', { class: 'table-wrap candidates-wrap' }, table),
      h('div', { class: 'row-actions' },
        h('button', { type: 'button', class: 'secondary', onclick: () => {
          state.rows.push(blankRow());
          renderTable();
          table.querySelector(`[data-row="${state.rows.length - 1}"]`)?.focus();
        } }, tr.t('添加候选', 'Add a candidate')),
        clearButton,
        undoButton),
      h('details', { class: 'csv-in' }, h('summary', {}, tr.t('从表格粘贴 CSV', 'Paste CSV from a spreadsheet')),
        h('label', { for: uid('csv-in') }, tr.t('粘贴 CSV（首行为表头：name 与各指标键名或中文名；可含负面清单列，如 badCredit，值为 1/是；百强企业可含所属行业列 sector，镇、村可含所在县（市）区列 location；其他列忽略并提示）',
          'Paste CSV (first row the header: name and each indicator key or name; negative-list columns such as badCredit with 1/yes; a sector column for enterprises, a location column for towns and villages; other columns are left out, with a notice)')),
        csvIn,
        h('button', { type: 'button', class: 'secondary', onclick: importCsv }, tr.t('导入并排名', 'Import and rank')),
        csvNotice)),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, tr.t('排名', 'Rank'))),
    status.element);

  panel.append(h('p', { class: 'intro' }, tr.t('输入各候选的指标，估算谁会进入认定名额。方案未公布各指标权重与赋分办法，本估算采用公开、可复核的排名赋分法，不代表官方认定结果。',
    'Enter each candidate\'s figures to estimate who would make the quota. The scheme publishes no weights or scoring rules; this estimate uses an open, checkable rank-based method and is not the official result.')), form, result);
  renderSetup();

  return {
    getState() {
      const st = { level: state.level };
      if (state.quota.trim()) st.quota = state.quota.trim();
      const given = Object.fromEntries(Object.entries(state.sectorQuotas).filter(([, v]) => v.trim()));
      if (Object.keys(given).length) st.sectorQuotas = JSON.stringify(given);
      const w = Object.fromEntries(Object.entries(state.weights).filter(([, v]) => v.trim()));
      if (Object.keys(w).length) st.weights = JSON.stringify(w);
      if (state.extraKeys.some(Boolean)) st.extra = JSON.stringify(state.extraKeys);
      const ks = keys();
      const rows = state.rows.filter((r) => r.name.trim() || ks.some((k) => (r.values[k] ?? '').trim()) || r.flags.length || r.sector || r.location);
      // Each row: name, the figures, the flags, then (only when given, so older links read the same) sector and location.
      if (rows.length) {
        st.rows = JSON.stringify(rows.map((r) => [r.name, ...ks.map((k) => r.values[k] ?? ''), r.flags.join(';'), ...(r.sector || r.location ? [r.sector, r.location] : [])]));
      }
      if (live) st.go = '1';
      return st;
    },
    setState(st) {
      if (levelInfo[st.level]) state.level = st.level;
      state.quota = st.quota ?? '';
      try {
        state.sectorQuotas = st.sectorQuotas ? JSON.parse(st.sectorQuotas) : {};
        state.weights = st.weights ? JSON.parse(st.weights) : {};
        state.extraKeys = st.extra ? JSON.parse(st.extra) : [];
        const ks = keys();
        const rows = st.rows ? JSON.parse(st.rows) : [];
        if (rows.length) {
          state.rows = rows.map((r) => ({ name: String(r[0] ?? ''), values: Object.fromEntries(ks.map((k, i) => [k, String(r[i + 1] ?? '')])),
            flags: String(r[ks.length + 1] ?? '').split(';').filter(Boolean), sector: String(r[ks.length + 2] ?? ''), location: String(r[ks.length + 3] ?? '') }));
        }
      } catch {
        // A hand-edited link that no longer parses: keep what could be read.
      }
      renderSetup();
      if (st.go === '1') { live = true; rankNow(); }
    },
    compute: () => rankNow(),
    hasResult: () => result.childElementCount > 0,
  };
}

function blankRow() {
  return { name: '', values: {}, flags: [], sector: '', location: '' };
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

function renderResult(r, { keys, label, headed, names, uid, req, tr, flagLabel }) {
  const rows = r.ranking;
  const bySector = rows.some((c) => c.sector);
  const sectorName = Object.fromEntries((r.sectors ?? []).map((x) => [x.sector, tr.msg(x)]));
  const located = req.candidates.some((c) => c.location) ? locationsOf(rows, req.candidates) : null;
  const reasons = (c) => c.excludedBy.map((code) => flagLabel[code] ?? code).join(tr.t('；', '; '));
  const yesNo = (b) => (b ? tr.t('是', 'yes') : tr.t('否', 'no'));
  // The CSV in the page's language (the import reads either): the sector and location columns only when used.
  const csv = formatCsv([
    [tr.t('名称', 'Name'), ...(bySector ? [names.sector] : []), ...(located ? [names.location] : []), ...keys.map(headed), tr.t('负面清单', 'Negative list'),
      tr.t('名次', 'Rank'), tr.t('综合得分', 'Composite'), ...keys.map((k) => tr.t(`${label(k)}得分`, `${label(k)} score`)),
      tr.t('估算认定', 'Recognised'), tr.t('名额线并列', 'Tied at the cut-off')],
    ...rows.map((c, i) => [c.name, ...(bySector ? [sectorName[c.sector] ?? c.sector ?? ''] : []), ...(located ? [names.place[located[i]] ?? located[i]] : []),
      ...c.scores.map((x) => x.value), reasons(c), c.rank ?? '', c.composite ?? '', ...c.scores.map((x) => x.score ?? ''), yesNo(c.recognised), yesNo(c.tiedAtCutoff)]),
  ]);
  const csvOut = h('textarea', { id: uid('csv-out'), rows: '4', readonly: true, spellcheck: 'false' });
  csvOut.value = csv;
  const copied = h('span', { class: 'copied', role: 'status' });
  // No more candidates than places: every one not excluded is "recognised" — among these only, not the city.
  const n = req.candidates.length;
  const partial = n <= r.quota ? h('p', { class: 'headline-notice', 'data-testid': 'partial-list' }, tr.t(
    `所填候选 ${n} 个，不多于名额 ${r.quota} 个：本估算只在所填的 ${n} 个候选之间比较，不是全市排名，未被排除的都落在名额之内。能否真正认定，要看与${names.pool}中其他候选的比较；下列奖励合计只是这些候选都被认定时的数额。`,
    `${n} candidate(s) entered, no more than the ${r.quota} places: this estimate compares only the ${n} candidates entered — it is not a ranking of the whole city, and every one not excluded falls within the quota. Whether they would be recognised depends on how they compare with the others among ${names.pool}; the total reward below is only what these candidates would receive if all were recognised.`)) : null;
  return [
    h('h2', {}, tr.t(`${r.levelName.messageZh}排名估算`, `Ranking estimate: ${r.levelName.messageEn}`)),
    partial,
    h('dl', { class: 'figures' },
      h('dt', {}, tr.t('名额', 'Quota')), h('dd', {}, String(r.quota)),
      h('dt', {}, tr.t('估算认定', 'Recognised (estimate)')), h('dd', { 'data-testid': 'recognised-count' },
        tr.t(`${r.recognisedCount} 个${r.tieAtCutoff ? `，另有 ${r.placesLeftForTied} 个名额由并列者竞争` : ''}`,
          `${r.recognisedCount}${r.tieAtCutoff ? `, and ${r.placesLeftForTied} place(s) contested by tied candidates` : ''}`)),
      h('dt', {}, partial ? tr.t('奖励合计（仅所填候选）', 'Total reward (these candidates only)') : tr.t('奖励合计', 'Total reward')),
      h('dd', { class: 'amount' }, isZero(r.reward) ? tr.t('无现金奖励', 'No cash reward') : money(r.totalReward, tr))),
    r.sectors ? h('section', { class: 'explain sectors', 'data-testid': 'sector-summary' }, h('h3', {}, tr.t('分行业估算', 'By sector')),
      h('ul', {}, r.sectors.map((x) => h('li', {}, h('strong', {}, tr.msg(x)), tr.t(
        `：名额 ${x.quota}，候选 ${x.candidates} 个，估算认定 ${x.recognisedCount} 个${x.tieAtCutoff ? `，另有 ${x.placesLeftForTied} 个名额由并列者竞争` : ''}`,
        `: quota ${x.quota}, ${x.candidates} candidate(s), ${x.recognisedCount} recognised${x.tieAtCutoff ? `, ${x.placesLeftForTied} place(s) contested by tied candidates` : ''}`))))) : null,
    explanation(r, tr),
    // Each indicator's score with the figure entered beneath it: the sheet on paper carries both.
    // Wider than a phone: the box scrolls, and the keyboard can scroll it.
    h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': tr.t('排名表', 'Ranking table') }, h('table', { class: 'ranking', 'data-testid': 'ranking' },
      h('caption', {}, tr.t('排名（标 ✓ 者为估算认定；各指标列为得分，其下为所填数值）', 'Ranking (✓ = recognised in the estimate; each indicator: the score, with the figure entered beneath)')),
      h('thead', {}, h('tr', {}, [tr.t('名次', 'Rank'), tr.t('名称', 'Name'), bySector ? tr.t('所属行业', 'Sector') : null, tr.t('综合得分', 'Composite'),
        ...keys.map((k) => [headed(k), h('span', { class: 'sub' }, tr.t('得分 / 数值', 'score / figure'))]), tr.t('结果', 'Result')]
        .filter(Boolean).map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, rows.map((c) => h('tr', { class: c.recognised ? 'recognised' : c.tiedAtCutoff ? 'tied' : c.excludedBy.length ? 'excluded' : null },
        h('td', { class: 'num' }, c.rank ?? '—'),
        h('th', { scope: 'row' }, c.name),
        bySector ? h('td', {}, sectorName[c.sector] ?? c.sector ?? '') : null,
        h('td', { class: 'num' }, c.composite ?? '—'),
        c.scores.map((x) => h('td', { class: 'num' }, h('span', { class: 'score' }, x.score ?? '—'), h('span', { class: 'figure' }, x.value))),
        h('td', {}, c.recognised ? tr.t('✓ 认定', '✓ recognised') : c.tiedAtCutoff ? tr.t('名额线并列', 'tied at the cut-off')
          : c.excludedBy.length ? tr.t(`排除（${reasons(c)}）`, `excluded (${reasons(c)})`) : '')))))),
    h('div', { class: 'csv-out' },
      h('label', { for: uid('csv-out') }, tr.t('排名结果 CSV（可复制到表格软件）', 'The ranking as CSV (to paste into a spreadsheet)')), csvOut,
      h('button', { type: 'button', class: 'secondary', onclick: async () => {
        csvOut.select();
        try {
          await navigator.clipboard.writeText(csv);
          copied.textContent = tr.t('已复制', 'Copied');
        } catch {
          copied.textContent = tr.t('请按 Ctrl+C 复制已选中的内容', 'Press Ctrl+C to copy the selection');
        }
      } }, tr.t('复制 CSV', 'Copy CSV')), copied),
  ];
}
