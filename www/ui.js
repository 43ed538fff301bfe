// Shared pieces of the calculator views: building elements, form fields that
// turn what a person types into a request, showing an engine error next to
// its field, and rendering the explanation every result carries.

/** Creates an element: h('p', {class: 'x'}, 'text', child). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, value);
  }
  for (const child of children.flat()) {
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

/** "86.5" (percent) → "0.865" (fraction), exactly, by moving the decimal point.
 *  Anything that is not a plain number is passed on for the engine to refuse. */
export function percentToFraction(text) {
  const t = text.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) return t;
  const [int, frac = ''] = t.split('.');
  const padded = int.replace(/^0+/, '').padStart(3, '0');
  const fraction = `${padded.slice(0, -2)}.${padded.slice(-2)}${frac}`;
  return fraction.replace(/\.?0+$/, '') || '0';
}

let uid = 0;
const nextId = (name) => `f-${name}-${++uid}`;

// ── Field kinds ────────────────────────────────────────────────────────────
// Each field renders itself, names the request keys whose errors it shows,
// and writes its value into the request.

function wrap(field, id, control, extra = []) {
  const hint = field.hint ? h('p', { class: 'hint', id: `${id}-hint` }, field.hint) : null;
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const box = h('div', { class: `field field-${field.kind}`, 'data-keys': field.keys.join(' ') },
    h('label', { for: id }, field.label, field.optional ? h('span', { class: 'optional' }, '（选填）') : null),
    control, ...extra, hint, error);
  const described = [hint && hint.id].filter(Boolean).join(' ');
  const input = control.matches('input,select') ? control : control.querySelector('input,select');
  if (described) input.setAttribute('aria-describedby', described);
  box.focusTarget = input;
  return box;
}

/** A decimal number; `unit` is shown after it; `percent` converts to a fraction;
 *  `into` nests it in an object of the request (`scores.contract`). */
export function numberField({ name, label, hint, unit, percent = false, optional = false, integer = false, value = '', into }) {
  const field = { kind: 'number', keys: [into ? `${into}.${name}` : name], label, hint, optional };
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
  field.input = input;
  return field;
}

/** A choice from a list; `convert` turns the option's value into the request's (e.g. 'true' → true);
 *  an option with the value '' means "not said" and sends nothing. */
export function selectField({ name, label, hint, options, value, convert = (v) => v }) {
  const field = { kind: 'select', keys: [name], label, hint };
  const id = nextId(name);
  const select = h('select', { id, name },
    options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
  field.element = wrap(field, id, select);
  field.write = (req) => { if (select.value !== '') req[name] = convert(select.value); };
  field.input = select;
  return field;
}

export function dateField({ name, label, hint, value = '', optional = false }) {
  const field = { kind: 'date', keys: [name], label, hint, optional };
  const id = nextId(name);
  const input = h('input', { id, name, type: 'date', value });
  field.element = wrap(field, id, input);
  field.write = (req) => {
    // A half-typed date has an empty value: send it on so the engine names the field.
    if (input.validity.badInput) req[name] = 'incomplete';
    else if (input.value) req[name] = input.value;
  };
  return field;
}

/** A yes/no statement as a checkbox. */
export function checkField({ name, label, hint, checked = false }) {
  const field = { kind: 'check', keys: [name], label, hint };
  const id = nextId(name);
  const input = h('input', { id, name, type: 'checkbox', checked });
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintEl) input.setAttribute('aria-describedby', hintEl.id);
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  field.element = h('div', { class: 'field field-check', 'data-keys': name },
    h('span', { class: 'check' }, input, h('label', { for: id }, label)), hintEl, error);
  field.element.focusTarget = input;
  field.write = (req) => { req[name] = input.checked; };
  return field;
}

/** Several yes/no statements whose ticked codes form an array (`disqualifiers`). */
export function multiCheckField({ name, label, hint, options }) {
  const field = { kind: 'multi', keys: [name], label, hint };
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
  field.write = (req) => {
    const codes = [...field.element.querySelectorAll('input:checked')].map((i) => i.value);
    if (codes.length) req[name] = codes;
  };
  return field;
}

/** A group of radio buttons in a fieldset. */
export function radioField({ name, label, options, value, hint }) {
  const field = { kind: 'radio', keys: [name], label, hint };
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
  return field;
}

/** A number whose unit picks the request key: e.g. 亩 → areaMu, 公顷 → areaHectares. */
export function unitNumberField({ label, hint, units, value = '' }) {
  const field = { kind: 'number', keys: units.map(([key]) => key), label, hint };
  const id = nextId(units[0][0]);
  const input = h('input', { id, type: 'text', inputmode: 'decimal', autocomplete: 'off', value, spellcheck: 'false' });
  const unit = h('select', { 'aria-label': `${label}的单位` }, units.map(([key, text]) => h('option', { value: key }, text)));
  const control = h('span', { class: 'with-unit' }, input, unit);
  field.element = wrap(field, id, control);
  field.write = (req) => { const v = input.value.trim(); if (v !== '') req[unit.value] = v; };
  field.setUnit = (key) => { unit.value = key; };
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
  const key = path;
  const summary = form.querySelector('.error-summary');
  summary.hidden = false;
  // The engine speaks in fractions; a percentage field speaks in percent.
  const percentProblem = box?.dataset.percent && ['invalidNumber', 'outOfRange'].includes(error.code);
  const message = percentProblem ? '请输入 0 至 100 之间的百分数，最多 2 位小数（如 86 或 85.5）。' : error.messageZh;
  if (box) {
    const errorEl = box.querySelector('.field-error');
    errorEl.textContent = message;
    errorEl.hidden = false;
    const target = box.focusTarget;
    target.setAttribute('aria-invalid', 'true');
    const ids = (target.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
    target.setAttribute('aria-describedby', [...ids, errorEl.id].join(' '));
    const label = box.querySelector('legend, label')?.textContent ?? key;
    summary.append(h('h3', {}, '请检查填写内容'),
      h('ul', {}, h('li', {}, h('a', { href: `#${target.id}`, onclick: (e) => { e.preventDefault(); target.focus(); } }, `${label}：${message}`))));
  } else {
    summary.append(h('h3', {}, '无法计算'), h('p', {}, message));
  }
}

// ── A calculator form ──────────────────────────────────────────────────────

/**
 * Builds a calculator: the fields in groups, a submit button, an error
 * summary, and a live result region. After the first calculation the result
 * follows every change.
 */
export function calculatorForm({ api, calculator, groups, extra = () => {}, render, onChange = () => {}, live: alwaysLive = false, ready = () => true, submitLabel = '计算' }) {
  const fields = groups.flatMap((g) => g.fields);
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
  const result = h('section', { class: 'result', 'aria-live': 'polite', 'aria-label': '计算结果' });
  const form = h('form', { class: 'calculator', novalidate: true },
    summary,
    groups.map((g) => h('fieldset', { class: 'group' }, h('legend', {}, g.title), g.fields.map((f) => f.element))),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, submitLabel)));
  let live = alwaysLive;
  let timer;

  const compute = (fromSubmit) => {
    const request = {};
    for (const f of fields) if (!hiddenWithin(f.element, form)) f.write(request);
    extra(request);
    if (!fromSubmit && !ready(request)) {
      clearErrors(form);
      result.replaceChildren();
      return;
    }
    let response;
    try {
      response = api.evaluate(calculator, request);
    } catch (e) {
      response = { ok: false, error: { code: 'internal', field: null, messageZh: '计算引擎出错，请刷新页面后重试；所填内容仍保留在表单中。' } };
      console.error(e);
    }
    clearErrors(form);
    if (!response.ok) {
      // An old result would read as the answer to what is now typed: take it away.
      result.replaceChildren();
      showError(form, response.error);
      if (fromSubmit) summary.focus();
      return;
    }
    result.replaceChildren(...render(response.result).flat().filter(Boolean));
  };
  form.addEventListener('submit', (e) => { e.preventDefault(); live = true; compute(true); });
  const changed = () => {
    onChange();
    if (!live) return;
    clearTimeout(timer);
    timer = setTimeout(() => compute(false), alwaysLive ? 120 : 250);
  };
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  return { form, result, compute };
}

// ── Rendering the explanation ──────────────────────────────────────────────

export function eligibility(result, yes, no) {
  return h('p', { class: `badge ${result.eligible ? 'ok' : 'no'}` }, result.eligible ? yes : no);
}

function list(title, items, cls, item) {
  if (!items || items.length === 0) return null;
  return h('section', { class: `explain ${cls}` }, h('h3', {}, title), h('ul', {}, items.map((x) => h('li', {}, item(x)))));
}

/** Reasons, warnings, interpretations, notes and citations, in that order. */
export function explanation(result) {
  return [
    list('未满足的条件', result.reasons, 'reasons', (r) => [h('strong', {}, r.article), ' ', r.messageZh]),
    list('提示', result.warnings, 'warnings', (w) => w.messageZh),
    list('本计算器的理解（解释）', result.interpretations, 'interpretations', (n) => n.messageZh),
    list('须知', result.notes, 'notes', (n) => [h('strong', {}, n.article), ' ', n.messageZh]),
    citations(result.citations),
  ];
}

function citations(items) {
  const byDoc = new Map();
  for (const c of items) byDoc.set(c.document, [...(byDoc.get(c.document) || []), c.article]);
  return h('section', { class: 'explain citations' }, h('h3', {}, '依据'),
    h('ul', {}, [...byDoc].map(([doc, articles]) => h('li', {}, `${bookTitle(doc)} ${articles.join('、')}`))));
}

/** "办法（银政规发〔2022〕1号）" → "《办法》（银政规发〔2022〕1号）": the number is the last bracket. */
export function bookTitle(document) {
  const i = document.lastIndexOf('（');
  return i > 0 ? `《${document.slice(0, i)}》${document.slice(i)}` : `《${document}》`;
}

export function route(result) {
  return [
    h('section', { class: 'explain route' }, h('h3', {}, '申报与审批流程'),
      h('p', {}, '补偿资金由', h('strong', {}, result.payer === 'city' ? '市级财政' : '县（市）级财政'), '承担。'),
      h('ol', {}, result.approvalRoute.map((s) => h('li', {}, s.messageZh)))),
    h('section', { class: 'explain documents' }, h('h3', {}, '需准备的材料'),
      h('ul', {}, result.documents.map((d) => h('li', {}, d.messageZh)))),
  ];
}
