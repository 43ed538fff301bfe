// Shared pieces of the calculator views: building elements, form fields that
// turn what a person types into a request (and back, for the URL), showing an
// engine error next to its field, and rendering the explanation every result
// carries. Every text is a t('中文', 'English') pair.

import { articleText } from './articles.js';
import { lang, msg, t, withLang } from './i18n.js';

/** Creates an element: h('p', {class: 'x'}, 'text', child). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, value);
  }
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** "13959.49" → "13,959.49": thousands separators on an exact decimal string. */
export function yuan(amount) {
  const [int, frac] = String(amount).split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + grouped + (frac !== undefined ? '.' + frac : '');
}

/** Whether an exact decimal string is zero ("0", "0.00"). */
export const isZero = (amount) => Number(amount) === 0;

/** An amount in yuan, in words of the current language. */
export const money = (amount) => t(`${yuan(amount)} 元`, `¥${yuan(amount)}`);

/** "86.5" (percent) → "0.865" (fraction), exactly, by moving the decimal point.
 *  Anything that is not a plain number is passed on for the engine to refuse. */
export function percentToFraction(text) {
  const v = text.trim();
  if (!/^\d+(\.\d+)?$/.test(v)) return v;
  const [int, frac = ''] = v.split('.');
  const padded = int.replace(/^0+/, '').padStart(3, '0');
  const fraction = `${padded.slice(0, -2)}.${padded.slice(-2)}${frac}`;
  return fraction.replace(/\.?0+$/, '') || '0';
}

/** Today as YYYY-MM-DD in local time. */
export function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

let uid = 0;
const nextId = (name) => `f-${name}-${++uid}`;

// ── Field kinds ────────────────────────────────────────────────────────────
// Each field renders itself, names the request keys whose errors it shows,
// writes its value into the request, and gets / sets its raw entry (for the
// URL) and shows it in words (for the printed estimate).

function wrap(field, id, control) {
  const hint = field.hint ? h('p', { class: 'hint', id: `${id}-hint` }, field.hint) : null;
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const box = h('div', { class: `field field-${field.kind}`, 'data-keys': field.keys.join(' ') },
    h('label', { for: id }, field.label, field.optional ? h('span', { class: 'optional' }, t('（选填）', ' (optional)')) : null),
    control, hint, error);
  const input = control.matches('input,select') ? control : control.querySelector('input,select');
  if (hint) input.setAttribute('aria-describedby', hint.id);
  box.focusTarget = input;
  return box;
}

/** A decimal number; `unit` is shown after it; `percent` converts to a fraction;
 *  `into` nests it in an object of the request (`scores.contract`). */
export function numberField({ name, label, hint, unit, percent = false, optional = false, integer = false, value = '', into }) {
  const field = { kind: 'number', key: into ? `${into}.${name}` : name, keys: [into ? `${into}.${name}` : name], label, hint, optional };
  const id = nextId(name);
  const input = h('input', { id, name, type: 'text', inputmode: integer ? 'numeric' : 'decimal', autocomplete: 'off', value, spellcheck: 'false' });
  const control = h('span', { class: 'with-unit' }, input, unit || percent ? h('span', { class: 'unit' }, percent ? '%' : unit) : null);
  field.element = wrap(field, id, control);
  if (percent) field.element.dataset.percent = 'true';
  field.write = (req) => {
    const v = input.value.trim();
    if (v === '') return;
    const target = into ? (req[into] ??= {}) : req;
    target[name] = percent ? percentToFraction(v) : v;
  };
  field.get = () => input.value.trim();
  field.set = (v) => { input.value = v ?? ''; };
  field.show = () => (input.value.trim() ? `${input.value.trim()}${percent ? '%' : unit ? ` ${unit}` : ''}` : '');
  field.input = input;
  return field;
}

/** A choice from a list; `convert` turns the option's value into the request's (e.g. 'true' → true);
 *  an option with the value '' means "not said" and sends nothing. */
export function selectField({ name, label, hint, options, value, convert = (v) => v, optional = false }) {
  const field = { kind: 'select', key: name, keys: [name], label, hint, optional };
  const id = nextId(name);
  const select = h('select', { id, name },
    options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
  field.element = wrap(field, id, select);
  field.write = (req) => { if (select.value !== '') req[name] = convert(select.value); };
  field.get = () => select.value;
  field.set = (v) => { if ([...select.options].some((o) => o.value === v)) select.value = v; };
  field.show = () => (select.value === '' ? '' : select.selectedOptions[0]?.textContent ?? '');
  field.input = select;
  return field;
}

export function dateField({ name, label, hint, value = '', optional = false }) {
  const field = { kind: 'date', key: name, keys: [name], label, hint, optional };
  const id = nextId(name);
  const input = h('input', { id, name, type: 'date', value });
  field.element = wrap(field, id, input);
  field.write = (req) => {
    // A half-typed date has an empty value: send it on so the engine names the field.
    if (input.validity.badInput) req[name] = 'incomplete';
    else if (input.value) req[name] = input.value;
  };
  field.get = () => input.value;
  field.set = (v) => { input.value = v ?? ''; };
  field.show = () => input.value;
  return field;
}

/** A yes/no statement as a checkbox. */
export function checkField({ name, label, hint, checked = false }) {
  const field = { kind: 'check', key: name, keys: [name], label, hint };
  const id = nextId(name);
  const input = h('input', { id, name, type: 'checkbox', checked });
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintEl) input.setAttribute('aria-describedby', hintEl.id);
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  field.element = h('div', { class: 'field field-check', 'data-keys': name },
    h('span', { class: 'check' }, input, h('label', { for: id }, label)), hintEl, error);
  field.element.focusTarget = input;
  field.write = (req) => { req[name] = input.checked; };
  field.get = () => (input.checked ? '1' : '');
  field.set = (v) => { input.checked = v === '1'; };
  field.show = () => (input.checked ? t('是', 'yes') : t('否', 'no'));
  field.input = input;
  return field;
}

/** Several yes/no statements whose ticked codes form an array (`disqualifiers`). */
export function multiCheckField({ name, label, hint, options }) {
  const field = { kind: 'multi', key: name, keys: [name], label, hint };
  const id = nextId(name);
  const inputs = options.map(([code, text, detail], i) => {
    const cid = `${id}-${i}`;
    return h('div', { class: 'check' },
      h('input', { type: 'checkbox', id: cid, value: code }),
      h('label', { for: cid }, text, detail ? h('span', { class: 'detail' }, detail) : null));
  });
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  field.element = h('fieldset', { class: 'field field-multi', 'data-keys': name },
    h('legend', {}, label), hint ? h('p', { class: 'hint' }, hint) : null, inputs, error);
  field.element.focusTarget = field.element.querySelector('input');
  const ticked = () => [...field.element.querySelectorAll('input:checked')];
  field.write = (req) => {
    const codes = ticked().map((i) => i.value);
    if (codes.length) req[name] = codes;
  };
  field.get = () => ticked().map((i) => i.value).join(',');
  field.set = (v) => {
    const codes = (v ?? '').split(',');
    for (const i of field.element.querySelectorAll('input')) i.checked = codes.includes(i.value);
  };
  field.show = () => ticked().map((i) => i.nextElementSibling.firstChild.textContent).join(t('；', '; '));
  return field;
}

/** A group of radio buttons in a fieldset. */
export function radioField({ name, label, options, value, hint }) {
  const field = { kind: 'radio', key: name, keys: [name], label, hint };
  const id = nextId(name);
  const inputs = options.map(([v, text, detail], i) => {
    const rid = `${id}-${i}`;
    return h('div', { class: 'radio' },
      h('input', { type: 'radio', id: rid, name: id, value: v, checked: v === value }),
      h('label', { for: rid }, text, detail ? h('span', { class: 'detail' }, detail) : null));
  });
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  field.element = h('fieldset', { class: 'field field-radio', 'data-keys': name },
    h('legend', {}, label), hint ? h('p', { class: 'hint' }, hint) : null, inputs, error);
  field.element.focusTarget = field.element.querySelector('input');
  field.value = () => field.element.querySelector('input:checked')?.value;
  field.write = (req) => { const v = field.value(); if (v) req[name] = v; };
  field.get = () => field.value() ?? '';
  field.set = (v) => {
    const input = [...field.element.querySelectorAll('input')].find((i) => i.value === v);
    if (input) input.checked = true;
  };
  field.show = () => field.element.querySelector('input:checked + label')?.firstChild.textContent ?? '';
  return field;
}

/** A number whose unit picks the request key: e.g. 亩 → areaMu, 公顷 → areaHectares. */
export function unitNumberField({ key, label, hint, units, value = '' }) {
  const field = { kind: 'number', key, keys: units.map(([k]) => k), label, hint };
  const id = nextId(key);
  const input = h('input', { id, type: 'text', inputmode: 'decimal', autocomplete: 'off', value, spellcheck: 'false' });
  const unit = h('select', { 'aria-label': t(`${label}的单位`, `Unit of ${label.toLowerCase()}`) },
    units.map(([k, text]) => h('option', { value: k }, text)));
  const control = h('span', { class: 'with-unit' }, input, unit);
  field.element = wrap(field, id, control);
  field.write = (req) => { const v = input.value.trim(); if (v !== '') req[unit.value] = v; };
  field.get = () => (input.value.trim() ? `${input.value.trim()}:${unit.value}` : '');
  field.set = (v) => {
    const [n, k] = (v ?? '').split(':');
    input.value = n ?? '';
    if (units.some(([u]) => u === k)) unit.value = k;
  };
  field.show = () => (input.value.trim() ? `${input.value.trim()} ${unit.selectedOptions[0].textContent}` : '');
  field.input = input;
  return field;
}

// ── Errors ─────────────────────────────────────────────────────────────────

/** Whether `el` is hidden by itself or by an ancestor inside `form` (a hidden tab panel does not count). */
function hiddenWithin(el, form) {
  for (let e = el; e && e !== form; e = e.parentElement) if (e.hidden) return true;
  return false;
}

/** Removes every error mark; the values typed stay as they are. */
export function clearErrors(form) {
  for (const el of form.querySelectorAll('.field-error')) { el.hidden = true; el.textContent = ''; }
  for (const el of form.querySelectorAll('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    const ids = (el.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && !x.endsWith('-error'));
    if (ids.length) el.setAttribute('aria-describedby', ids.join(' ')); else el.removeAttribute('aria-describedby');
  }
  const summary = form.querySelector('.error-summary');
  summary.hidden = true;
  summary.replaceChildren();
}

/** Shows an engine error next to its field and in the summary above the form. */
export function showError(form, error) {
  // The most specific field that shows this path: `scores.contract`, then
  // `disqualifiers` for `disqualifiers[1]`, then the first segment.
  const path = error.field || '';
  const candidates = [path, path.replace(/\[\d+\]$/, ''), path.split('.')[0]].filter(Boolean);
  const boxes = [...form.querySelectorAll('[data-keys]')].filter((b) => !hiddenWithin(b, form));
  const box = candidates.map((k) => boxes.find((b) => b.dataset.keys.split(' ').includes(k))).find(Boolean);
  const summary = form.querySelector('.error-summary');
  summary.hidden = false;
  // The engine speaks in fractions; a percentage field speaks in percent.
  const percentProblem = box?.dataset.percent && ['invalidNumber', 'outOfRange'].includes(error.code);
  const message = percentProblem
    ? t('请输入 0 至 100 之间的百分数，最多 2 位小数（如 86 或 85.5）。', 'Enter a percentage from 0 to 100 with at most 2 decimals (such as 86 or 85.5).')
    : msg(error);
  if (!box) {
    summary.append(h('h3', {}, t('无法计算', 'Cannot calculate')), h('p', {}, message));
    return;
  }
  const errorEl = box.querySelector('.field-error');
  errorEl.textContent = message;
  errorEl.hidden = false;
  const target = box.focusTarget;
  target.setAttribute('aria-invalid', 'true');
  const ids = (target.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
  target.setAttribute('aria-describedby', [...ids, errorEl.id].join(' '));
  const label = box.querySelector('legend, label')?.textContent ?? path;
  summary.append(h('h3', {}, t('请检查填写内容', 'Please check your entries')),
    h('ul', {}, h('li', {}, h('a', { href: `#${target.id}`, onclick: (e) => { e.preventDefault(); target.focus(); } }, `${label}${t('：', ': ')}${message}`))));
}

// ── A calculator form ──────────────────────────────────────────────────────

/**
 * Builds a calculator: the fields in groups, a submit button, an error
 * summary, and a live result region. After the first calculation the result
 * follows every change. `onState` hears of every change of the entries.
 */
export function calculatorForm({ api, calculator, groups, render, entry, live: alwaysLive = false, ready = () => true,
  submitLabel = t('计算', 'Calculate'), onState = () => {}, announce = () => t('计算结果已更新。', 'The result is updated.') }) {
  const language = lang();
  const fields = groups.flatMap((g) => g.fields);
  // The error summary is focused on submit; while typing, a one-line status speaks instead
  // (the whole result in a live region would be read out after every keystroke).
  const summary = h('div', { class: 'error-summary', tabindex: '-1', hidden: true });
  const status = liveStatus();
  const result = h('section', { class: 'result', 'aria-label': t('计算结果', 'Result') });
  const form = h('form', { class: 'calculator', novalidate: true },
    summary,
    groups.map((g) => h('fieldset', { class: 'group' }, h('legend', {}, g.title), g.fields.map((f) => f.element))),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, submitLabel)),
    status.element);
  let live = alwaysLive;
  let shown = false;
  let timer;

  const compute = (fromSubmit) => withLang(language, () => {
    const request = {};
    for (const f of fields) if (!hiddenWithin(f.element, form)) f.write(request);
    if (!fromSubmit && !ready(request)) {
      clearErrors(form);
      result.replaceChildren();
      status.say('');
      return;
    }
    const response = api.evaluate(calculator, request);
    clearErrors(form);
    if (!response.ok) {
      // An old result would read as the answer to what is now typed: take it away.
      result.replaceChildren();
      shown = false;
      showError(form, response.error);
      if (fromSubmit) summary.focus();
      else status.say(`${t('请检查：', 'Please check: ')}${summary.textContent}`);
      return;
    }
    shown = true;
    status.say(announce(response.result));
    result.replaceChildren(
      sheetHead(entry, response.result, fields.filter((f) => !hiddenWithin(f.element, form))),
      ...render(response.result).flat(Infinity).filter(Boolean),
      sheetFoot());
  });
  form.addEventListener('submit', (e) => { e.preventDefault(); live = true; compute(true); onState(); });
  const changed = () => {
    onState();
    if (!live) return;
    clearTimeout(timer);
    timer = setTimeout(() => compute(false), alwaysLive ? 120 : 250);
  };
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  // What each field starts with: the URL holds only what differs (a cleared default too).
  for (const f of fields) f.initial = f.get?.() ?? '';

  return {
    form,
    result,
    compute,
    /** The entries that differ from the form's start, for the URL; `go` when a result was asked for. */
    getState() {
      const state = {};
      for (const f of fields) {
        const v = f.get?.() ?? '';
        if (v !== f.initial) state[f.key] = v;
      }
      if (live && !alwaysLive) state.go = '1';
      return state;
    },
    setState(state) {
      for (const f of fields) {
        if (!(f.key in state)) continue;
        f.set(state[f.key]);
        // Lets a field's own listeners (showing or hiding other fields) follow.
        f.element.dispatchEvent(new Event('change'));
      }
      if (state.go === '1') live = true;
      if (live) compute(false);
    },
    hasResult: () => shown,
  };
}

/** A visually hidden live status line that speaks only when its text changes. */
export function liveStatus() {
  const element = h('p', { class: 'visually-hidden', role: 'status', 'aria-atomic': 'true' });
  return {
    element,
    say(text) {
      if (element.textContent !== text) element.textContent = text;
    },
  };
}

// ── The printed estimate sheet ─────────────────────────────────────────────

/** Title, as-of date, rule version and inputs: shown on paper only. */
export function sheetHead(entry, result, fields) {
  const rows = fields.map((f) => [f.label, f.show?.()]).filter(([, v]) => v);
  return h('div', { class: 'sheet-head print-only' },
    h('p', { class: 'sheet-title' }, t('估算单', 'Estimate sheet'), ' · ', entry ? msg({ messageZh: entry.titleZh, messageEn: entry.titleEn }) : ''),
    h('p', {}, t('估算日期：', 'Estimate date: '), result.asOf),
    entry ? h('p', {}, t('规则版本：', 'Rules: '), bookTitle(entry.document), t('，', ', '),
      entry.inForce.to ? t(`有效期 ${entry.inForce.from} 至 ${entry.inForce.to}`, `in force ${entry.inForce.from} to ${entry.inForce.to}`)
        : t(`${entry.inForce.from} 起施行`, `in force from ${entry.inForce.from}`)) : null,
    rows.length ? [h('p', { class: 'sheet-inputs-title' }, t('输入', 'Inputs')),
      h('dl', { class: 'sheet-inputs' }, rows.map(([label, v]) => h('div', {}, h('dt', {}, label), h('dd', {}, v))))] : null);
}

export function sheetFoot() {
  return h('p', { class: 'sheet-foot print-only' },
    t('本单为依据公开规则的估算，不构成行政决定；以主管部门审核、审批结果为准。',
      'This sheet is an estimate under the published rules, not a decision; the competent authority\'s review and approval prevail.'));
}

// ── Rendering the explanation ──────────────────────────────────────────────

export function eligibility(result, yes, no) {
  return h('p', { class: `badge ${result.eligible ? 'ok' : 'no'}` }, result.eligible ? yes : no);
}

function list(title, items, cls, item) {
  if (!items || items.length === 0) return null;
  return h('section', { class: `explain ${cls}` }, h('h3', {}, title), h('ul', {}, items.map((x) => h('li', {}, item(x)))));
}

/** An article number followed by the message, for reasons, notes and consequences. */
export const withArticle = (r) => [h('strong', {}, r.article), ' ', msg(r)];

/** Reasons, warnings, interpretations, notes and citations, in that order. */
export function explanation(result) {
  return [
    list(t('未满足的条件', 'Conditions not met'), result.reasons, 'reasons', withArticle),
    list(t('提示', 'Warnings'), result.warnings, 'warnings', msg),
    list(t('本计算器的理解（解释）', 'How this calculator reads the text (interpretations)'), result.interpretations, 'interpretations', msg),
    list(t('须知', 'Notes'), result.notes, 'notes', withArticle),
    citations(result.citations),
  ];
}

/** The articles used, grouped by document; each opens its verbatim text in place. */
function citations(items) {
  const language = lang();
  const byDoc = new Map();
  for (const c of items) byDoc.set(c.document, [...(byDoc.get(c.document) || []), c.article]);
  return h('section', { class: 'explain citations' }, h('h3', {}, t('依据（点击条文查看原文）', 'Sources (open an article to read its text)')),
    [...byDoc].map(([doc, articles]) => h('div', { class: 'source-doc' },
      h('p', {}, bookTitle(doc)),
      h('div', { class: 'articles' }, articles.map((a) => {
        const text = h('blockquote', { class: 'article-text', lang: 'zh-CN' }, t('正在载入…', 'Loading…'));
        const details = h('details', {}, h('summary', {}, a), text);
        details.addEventListener('toggle', () => {
          if (!details.open || details.dataset.loaded) return;
          details.dataset.loaded = '1';
          articleText(doc, a).then((body) => withLang(language, () => {
            text.replaceChildren(...(body ?? t('未找到该条文。', 'Article not found.')).split(/\n+/).map((p) => h('p', {}, p)),
              language === 'en' ? h('p', { class: 'hint', lang: 'en' }, 'Official text, in Chinese.') : null);
          })).catch(() => withLang(language, () => { delete details.dataset.loaded; text.textContent = t('原文载入失败，请重试。', 'Could not load the text; try again.'); }));
        });
        return details;
      })))));
}

/** "办法（银政规发〔2022〕1号）" → "《办法》（银政规发〔2022〕1号）": the number is the last bracket. */
export function bookTitle(document) {
  const i = document.lastIndexOf('（');
  return i > 0 ? `《${document.slice(0, i)}》${document.slice(i)}` : `《${document}》`;
}

export function route(result) {
  return [
    h('section', { class: 'explain route' }, h('h3', {}, t('申报与审批流程', 'Application and approval')),
      h('p', {}, result.payer === 'city'
        ? t('补偿资金由市级财政承担。', 'Paid by the city budget.')
        : t('补偿资金由县（市）级财政承担。', 'Paid by the county budget.')),
      h('ol', {}, result.approvalRoute.map((s) => h('li', {}, msg(s))))),
    h('section', { class: 'explain documents' }, h('h3', {}, t('需准备的材料', 'Documents to prepare')),
      h('ul', {}, result.documents.map((d) => h('li', {}, msg(d))))),
  ];
}
