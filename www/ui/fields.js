// Form fields built from catalog fields (docs/rulebook.md §5): the label, the
// unit, the limits (as attributes of the input and in words in the hint), the
// options, the hint and the "optional / required when …" marker all come from
// the calculator's catalog entry; a view adds only layout and prose (`note`).
//
// Each field: `element` (its box), `input` (what takes the focus), `keys` (the
// request paths whose errors it shows), `errorSlot`, `percent`; `write(request)`
// puts its value into a request; `get()` / `set(v)` read and restore its raw
// entry (for the URL fragment, keyed by `key`); `show()` words it for the
// printed estimate sheet. A list of codes (ticked boxes) is ui/codes-field.js:
// only the star rating asks for one, so the first tab's visit does not load it.

import { afterNextPaint, h, uniqueId } from './elements.js';
import { fractionToPercent, likelyPercent, normalizeNumber, percentToFraction, readable, readNumber, shiftDecimal, withUnit } from './numbers.js';

/** Sets a value at a key path of a request: setPath(req, 'scores.contract', '46'). */
export function setPath(request, path, value) {
  const keys = path.split('.');
  let o = request;
  for (const k of keys.slice(0, -1)) o = (o[k] ??= {});
  o[keys.at(-1)] = value;
}

const lowerFirst = (s) => s.charAt(0).toLowerCase() + s.slice(1);
const upperFirst = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/** Sentences of one language joined: Chinese ones end with 。 and need no space. */
export const sentences = (tr, parts) => parts.filter(Boolean).join(tr.t('', ' '));

/**
 * The label's marker: "（选填）" for an optional field; for one required in
 * some cases, when (the catalog's condition, in brackets); nothing
 * when always required.
 */
export function requiredMarker(required, tr) {
  if (required === false) return tr.t('（选填）', ' (optional)');
  if (required && typeof required === 'object') return tr.t(`（${required.messageZh}）`, ` (required: ${required.messageEn})`);
  return '';
}

/** The marker of a choice that starts with nothing chosen and must be made. */
export const chooseMarker = (tr) => tr.t('（请选择）', ' (choose one)');

/** When a field is required, in words (the catalog's condition): '' unless it is required in some cases only. */
export function requiredText(required, tr) {
  if (!required || typeof required !== 'object') return '';
  return tr.t(`${required.messageZh}。`, `Required: ${required.messageEn}.`);
}

/** The limits of a number field in the units a person types: a percentage field's as percent. */
export function limits(field) {
  const percent = Boolean(field.percent);
  const scale = (v) => (v == null ? null : percent ? fractionToPercent(String(v)) : String(v));
  const places = field.maxPlaces == null ? null : Math.max(0, field.maxPlaces - (percent ? 2 : 0));
  return { min: scale(field.min), max: scale(field.max), places };
}

/** The limits in words: "0—100%，最多 2 位小数。" / "0 to 100%, at most 2 decimals." `range: false`: the decimals only (the range shows beside the field). */
export function limitsText(field, tr, { range = true } = {}) {
  const { min, max, places } = limits(field);
  const unit = field.percent ? '%' : tr.of(field, 'unit');
  const n = (v) => withUnit(readable(v), unit);
  const parts = [];
  // The smallest step above zero (0.0001 with 4 places) reads as "more than 0".
  const aboveZero = min !== null && field.kind === 'decimal' && places && min === `0.${'0'.repeat(places - 1)}1`;
  if (!range) {
    // Only the decimals.
  } else if (aboveZero && max !== null) parts.push(tr.t(`大于 0，至多 ${n(max)}`, `more than 0, at most ${n(max)}`));
  else if (min !== null && max !== null) parts.push(tr.t(`${readable(min)}—${n(max)}`, `${readable(min)} to ${n(max)}`));
  else if (min !== null) parts.push(tr.t(`不小于 ${n(min)}`, `at least ${n(min)}`));
  else if (max !== null) parts.push(tr.t(`至多 ${n(max)}`, `at most ${n(max)}`));
  if (field.kind === 'decimal' && places !== null) {
    parts.push(places > 0 ? tr.t(`最多 ${places} 位小数`, `at most ${places} decimal${places === 1 ? '' : 's'}`) : tr.t('整数', 'a whole number'));
  }
  if (!parts.length) return '';
  return tr.t(`${parts.join('，')}。`, `${upperFirst(parts.join(', '))}.`);
}

/** The hint under a field: when it is required, the catalog's hint, the view's note, the limits (`limits`: true, false or 'places'). */
export function hintText(field, tr, { note = '', when = true, limits: withLimits = true } = {}) {
  const numeric = field.kind === 'decimal' || field.kind === 'integer';
  return sentences(tr, [when ? requiredText(field.required, tr) : '', tr.of(field, 'hint'), note,
    withLimits && numeric ? limitsText(field, tr, { range: withLimits !== 'places' }) : '']);
}

/** A field's label; `article` adds its article: "属于市直相关国土绿化建设任务（第九条）". */
export function labelText(field, tr, { article = false } = {}) {
  const label = tr.of(field, 'label');
  if (!article || !field.article) return label;
  return tr.t(`${label}（${field.article}）`, `${label} (${tr.article(field.article)})`);
}

/** The box of a field with one control: label and marker, the control, the hint, the error slot. */
function box(kind, { id, keys, label, marker, hint, control, input }) {
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  const errorSlot = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const element = h('div', { class: `field field-${kind}`, 'data-keys': keys.join(' ') },
    h('label', { for: id }, label, marker ? h('span', { class: 'optional' }, marker) : null),
    control, hintEl, errorSlot);
  if (hintEl) input.setAttribute('aria-describedby', hintEl.id);
  return { element, errorSlot, hintEl };
}

/**
 * A value the engine takes for a number field, in the request's units: put in
 * for a missing or refused entry so that the engine can check the others
 * (www/ui/form.js); never shown.
 */
function probeValue(field) {
  const ok = (v) => v != null && Number(v) > 0;
  if (field.percent) return ok(field.max) && Number(field.max) < 0.9 ? String(field.max) : '0.9';
  if (ok(field.min)) return String(field.min);
  if (ok(field.max) && Number(field.max) < 1) return String(field.max);
  return '1';
}

/** Limits as attributes of the input, in the units typed (type=text inputs take no min/max: data-*). */
function limitAttributes(field) {
  const { min, max, places } = limits(field);
  return { 'data-min': min, 'data-max': max, 'data-places': field.kind === 'decimal' ? places : null };
}

/** The units a number field takes typed after its digits: the catalog's (both languages), or % for a percentage. */
const unitsOf = (field) => (field.percent ? ['%'] : [field.unitZh, field.unitEn].filter(Boolean));

/**
 * The page's refusal of what was typed in a number box, saying what to type
 * (commas out of their groups of three, a unit that is not the field's), or
 * null: anything else that is no number goes to the engine, which names it.
 * `units`: the field's units in words of `tr`'s language.
 */
export function typedRefusal(read, label, units) {
  if (read.refused === 'grouping') {
    const digits = read.number.replace(/[^\d.+-]/g, '') || '1200';
    return { messageZh: `${label}：“${read.number}”中的逗号位置不对。请不写逗号（如 ${digits}），或每三位一组（如 1,200）。`,
      messageEn: `${label}: the comma in "${read.number}" is misplaced. Type the number without commas (such as ${digits}), or with one every three digits (such as 1,200).` };
  }
  if (read.refused === 'unit') {
    const n = read.number;
    if (!units.length) return { messageZh: `${label}请只填数字，如 ${n}。`, messageEn: `${label}: type the number only, such as ${n}.` };
    const [zh, en] = [units.map((u) => `“${u.zh}”`).join('或'), units.map((u) => `"${u.en}"`).join(' or ')];
    return { messageZh: `${label}以${zh}计：请只填数字，如 ${n}；也可写作 ${n}${units[0].zh}。`,
      messageEn: `${label} is in ${en}: type the number only, such as ${n}, or ${n} ${units[0].en}.` };
  }
  return null;
}

/**
 * The question beside a percentage box when what was typed reads like a
 * fraction ("0.9": 90%?), with a button for each answer; `answer(percent)`
 * hears the one taken ("90", or the value as typed). Returns {element, ask(value)}.
 */
function percentQuestion(tr, id, answer) {
  const element = h('div', { class: 'percent-question', id: `${id}-question`, 'data-testid': 'percent-question', role: 'group' });
  return {
    element,
    ask(value) {
      const pct = value == null ? null : likelyPercent(value);
      if (!pct) {
        element.remove();
        return null;
      }
      const text = tr.t(`是否指 ${pct}%？`, `Did you mean ${pct}%?`);
      element.setAttribute('aria-label', text);
      element.replaceChildren(h('span', { class: 'question' }, text), ' ',
        h('button', { type: 'button', class: 'secondary', onclick: () => answer(pct) }, tr.t(`是，改为 ${pct}%`, `Yes, ${pct}%`)), ' ',
        h('button', { type: 'button', class: 'link', onclick: () => answer(value) }, tr.t(`否，就是 ${value}%`, `No, ${value}%`)));
      return pct;
    },
  };
}

/**
 * A number (`decimal` or `integer`): its unit after it, a percentage field in
 * percent (sent as a fraction). `outOf` shows the maximum as the unit ("/ max 分");
 * `hint: false` leaves the hint out (the limits stay on the input), `marker: false` the "optional" marker.
 */
export function numberField(tr, field, { value = '', outOf = false, placeholder, note, hint = true, marker = true, key } = {}) {
  // The marker says when the field is needed (`marker`: true, false or the words themselves); the hint does not repeat it.
  const markerText = typeof marker === 'string' ? marker : marker ? requiredMarker(field.required, tr) : '';
  const id = uniqueId(field.path);
  const percent = Boolean(field.percent);
  const unit = percent ? '%' : tr.of(field, 'unit');
  const shownUnit = outOf ? `/ ${withUnit(limits(field).max, unit)}` : unit;
  const input = h('input', { id, name: field.path, type: 'text', inputmode: field.kind === 'integer' ? 'numeric' : 'decimal',
    autocomplete: 'off', spellcheck: 'false', value, placeholder, ...limitAttributes(field) });
  const control = h('span', { class: 'with-unit' }, input, shownUnit ? h('span', { class: 'unit' }, shownUnit) : null);
  const label = labelText(field, tr);
  const hintWords = hint ? hintText(field, tr, { note, when: !markerText, limits: outOf ? 'places' : true }) : '';
  const { element, errorSlot } = box('number', { id, keys: [field.path], label, marker: markerText, hint: hintWords, control, input });
  if (percent) element.dataset.percent = 'true';
  const units = unitsOf(field);
  const read = () => readNumber(input.value, { units });
  /** What the box holds, as the page sends it and writes it in the link: "１２０亩" → "120". */
  const normal = () => { const r = read(); return r.value ?? normalizeNumber(input.value); };
  // A percentage that reads like a fraction is asked about, unless it came from a link or was said to be meant (`meant`).
  let meant = null;
  const question = percentQuestion(tr, id, (v) => {
    if (v === normal()) meant = v; else input.value = v;
    question.ask(null);
    input.focus();
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  const pending = () => {
    const r = read();
    if (!percent || !r.value || r.unit || r.value === meant) return null;
    return likelyPercent(r.value) ? r.value : null;
  };
  const follow = () => {
    const asked = question.ask(pending());
    if (asked && !question.element.isConnected) control.after(question.element);
    const ids = (input.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && x !== question.element.id);
    if (asked) ids.unshift(question.element.id);
    if (ids.length) input.setAttribute('aria-describedby', ids.join(' ')); else input.removeAttribute('aria-describedby');
  };
  input.addEventListener('input', () => {
    const r = read();
    if (r.unit === '%') meant = r.value;
    follow();
  });
  // Leaving the box shows what was understood: "１２０亩" becomes "120" (the unit is beside it).
  input.addEventListener('change', () => {
    const v = read().value;
    if (v && v !== input.value) input.value = v;
  });
  const unitWords = percent ? [{ zh: '%', en: '%' }] : field.unitZh ? [{ zh: field.unitZh, en: field.unitEn ?? field.unitZh }] : [];
  return {
    kind: 'number', key: key ?? field.path, keys: [field.path], label, element, input, errorSlot, percent, required: field.required,
    write(request) {
      const r = read();
      if (r.empty) return;
      const v = r.value ?? normalizeNumber(input.value);
      setPath(request, field.path, percent ? (r.value ? shiftDecimal(r.value, -2) : percentToFraction(v)) : v);
    },
    probe(request) { setPath(request, field.path, probeValue(field)); },
    /** The page's own refusal of what was typed (or its question about a percentage), or null. */
    refusal() {
      const asked = pending();
      if (asked) {
        const pct = likelyPercent(asked);
        return { messageZh: `请确认${label}：是 ${asked}% 还是 ${pct}%？`, messageEn: `Confirm the ${lowerFirst(label)}: ${asked}% or ${pct}%?` };
      }
      return typedRefusal(read(), label, unitWords);
    },
    get: () => normal(),
    set(v) {
      input.value = v ?? '';
      // A link says what was meant: it is not asked about.
      meant = read().value ?? null;
      follow();
    },
    show: () => (normal() ? (outOf ? `${normal()} ${shownUnit}` : withUnit(normal(), unit)) : ''),
  };
}

/**
 * One number given as one of several request keys, picked by a list beside
 * it: the area in 亩 or in 公顷 (`via: 'unit'`), the planting year or the stand
 * age (`via: 'mode'`). The hint and the limits follow the one picked.
 */
export function alternativesField(tr, alternatives, { key, label, via = 'unit', note } = {}) {
  const id = uniqueId(key);
  const input = h('input', { id, type: 'text', autocomplete: 'off', spellcheck: 'false' });
  const name = (f) => {
    if (via === 'unit') return tr.of(f, 'unit');
    const unit = tr.of(f, 'unit');
    return unit ? tr.t(`${tr.of(f, 'label')}（${unit}）`, `${tr.of(f, 'label')} (${unit})`) : tr.of(f, 'label');
  };
  const select = h('select', { 'aria-label': via === 'unit' ? tr.t(`${label}的单位`, `Unit of ${lowerFirst(label)}`) : tr.t(`${label}的填写方式`, `How the ${lowerFirst(label)} is given`) },
    alternatives.map((f) => h('option', { value: f.path }, name(f))));
  const control = h('span', { class: 'with-unit' }, input, select);
  const keys = alternatives.map((f) => f.path);
  const { element, errorSlot, hintEl } = box('number', { id, keys, label, marker: '', hint: ' ', control, input });
  const picked = () => alternatives.find((f) => f.path === select.value) ?? alternatives[0];
  const follow = () => {
    const f = picked();
    input.inputMode = f.kind === 'integer' ? 'numeric' : 'decimal';
    for (const [attr, v] of Object.entries(limitAttributes(f))) {
      if (v == null) input.removeAttribute(attr); else input.setAttribute(attr, v);
    }
    hintEl.textContent = hintText(f, tr, { note, when: false });
  };
  select.addEventListener('change', follow);
  follow();
  const units = alternatives.flatMap(unitsOf);
  const read = () => readNumber(input.value, { units });
  const normal = () => { const r = read(); return r.value ?? normalizeNumber(input.value); };
  // A unit typed that names one of the alternatives picks it ("8公顷").
  input.addEventListener('input', () => {
    const { unit } = read();
    if (!unit || via !== 'unit') return;
    const f = alternatives.find((x) => unitsOf(x).some((u) => u.toLowerCase() === unit.toLowerCase()));
    if (f && f.path !== select.value) {
      select.value = f.path;
      follow();
    }
  });
  input.addEventListener('change', () => {
    const v = read().value;
    if (v && v !== input.value) input.value = v;
  });
  const unitWords = alternatives.filter((f) => f.unitZh).map((f) => ({ zh: f.unitZh, en: f.unitEn ?? f.unitZh }));
  return {
    kind: 'number', key, keys, label, element, input, errorSlot, percent: false, required: true,
    write(request) {
      const v = normal();
      if (v !== '') request[select.value] = v;
    },
    refusal: () => typedRefusal(read(), label, via === 'unit' ? unitWords : []),
    probe(request) {
      for (const k of keys) delete request[k];
      request[picked().path] = probeValue(picked());
    },
    get: () => (normal() ? `${normal()}:${select.value}` : ''),
    set(v) {
      const [n, k] = (v ?? '').split(':');
      input.value = n ?? '';
      if (keys.includes(k)) select.value = k;
      follow();
    },
    show() {
      const v = normal();
      if (!v) return '';
      return via === 'unit' ? `${v} ${name(picked())}` : tr.t(`${v}（${name(picked())}）`, `${v} (${name(picked())})`);
    },
  };
}

/** The options of a choice: the catalog's (value, label), or yes / no for a boolean. */
function optionsOf(tr, field) {
  if (field.kind === 'boolean') return [['true', tr.t('是', 'yes')], ['false', tr.t('否', 'no')]];
  return (field.options ?? []).map((o) => [o.value, tr.of(o, 'label')]);
}

/**
 * A choice among the catalog's options: radio buttons (`widget: 'radio'`) or
 * a list. An optional list starts with "not given", which sends nothing; a
 * boolean offered as a list sends true or false. `details` adds a line of
 * prose under an option (by value); `options` replaces the catalog's (an
 * integer's choices, say).
 */
export function choiceField(tr, field, { widget = 'select', value = '', details = {}, options, article = false, note, key, legacy } = {}) {
  const id = uniqueId(field.path);
  const choices = options ?? optionsOf(tr, field);
  const convert = field.kind === 'boolean' ? (v) => v === 'true' : (v) => v;
  const label = labelText(field, tr, { article });
  // A required choice with nothing chosen at the start says that one must be made.
  const choose = field.required === true && value === '';
  const marker = choose ? chooseMarker(tr) : requiredMarker(field.required, tr);
  const hint = hintText(field, tr, { note, limits: false });
  // `legacy`: what a link written before the choice had to be made meant when it did not name it.
  const common = { key: key ?? field.path, keys: [field.path], label, percent: false, required: field.required, legacy, choose };
  if (widget === 'radio') {
    const radios = choices.map(([v, text], i) => {
      const rid = `${id}-${i}`;
      return h('div', { class: 'radio' },
        h('input', { type: 'radio', id: rid, name: id, value: v, checked: v === value }),
        h('label', { for: rid }, text, details[v] ? h('span', { class: 'detail' }, details[v]) : null));
    });
    const errorSlot = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    const element = h('fieldset', { class: 'field field-radio', 'data-keys': field.path },
      h('legend', {}, label, marker ? h('span', { class: 'optional' }, marker) : null),
      hint ? h('p', { class: 'hint' }, hint) : null, radios, errorSlot);
    const inputs = [...element.querySelectorAll('input')];
    const checked = () => inputs.find((i) => i.checked);
    return {
      ...common, kind: 'radio', element, errorSlot,
      get input() { return checked() ?? inputs[0]; },
      value: () => checked()?.value,
      write(request) { const v = checked()?.value; if (v) setPath(request, field.path, convert(v)); },
      probe(request) { setPath(request, field.path, convert(inputs[0].value)); },
      get: () => checked()?.value ?? '',
      set(v) {
        const input = inputs.find((i) => i.value === v);
        if (input) input.checked = true;
        else if (!v) for (const i of inputs) i.checked = false;
      },
      show: () => (checked() ? checked().nextElementSibling.firstChild.textContent : ''),
    };
  }
  const empty = field.required !== true ? [['', tr.t('未填写', 'not given')]] : choose ? [['', tr.t('请选择', 'Choose one')]] : [];
  const select = h('select', { id, name: field.path },
    [...empty, ...choices].map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
  const { element, errorSlot } = box('select', { id, keys: [field.path], label, marker, hint, control: select, input: select });
  return {
    ...common, kind: 'select', element, errorSlot, input: select,
    value: () => select.value,
    write(request) { if (select.value !== '') setPath(request, field.path, convert(select.value)); },
    probe(request) {
      const o = [...select.options].find((x) => x.value !== '' && !x.disabled);
      if (o) setPath(request, field.path, convert(o.value));
    },
    get: () => select.value,
    set(v) { if ([...select.options].some((o) => o.value === (v ?? ''))) select.value = v ?? ''; },
    show: () => (select.value === '' ? '' : select.selectedOptions[0]?.textContent ?? ''),
  };
}

/** A yes/no statement as a checkbox (a boolean field); `send: false` for a box that only shows or hides others. */
export function checkField(tr, field, { note, article = false, send = true, key } = {}) {
  const id = uniqueId(field.path);
  const input = h('input', { id, name: field.path, type: 'checkbox' });
  const hint = hintText(field, tr, { note, when: false });
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintEl) input.setAttribute('aria-describedby', hintEl.id);
  const errorSlot = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const label = labelText(field, tr, { article });
  const element = h('div', { class: 'field field-check', 'data-keys': field.path },
    h('span', { class: 'check' }, input, h('label', { for: id }, label)), hintEl, errorSlot);
  return {
    kind: 'check', key: key ?? field.path, keys: [field.path], label, element, input, errorSlot, percent: false,
    write(request) { if (send) setPath(request, field.path, input.checked); },
    get: () => (input.checked ? '1' : ''),
    set(v) { input.checked = v === '1'; },
    show: () => (send ? (input.checked ? tr.t('是', 'yes') : tr.t('否', 'no')) : ''),
  };
}

/**
 * Whether a date control keeps `value` as it is: YYYY-MM-DD, a day of the
 * calendar (of the years 1 to 9999: a control would keep later years too,
 * which no entry of these calculators means). Anything else it drops.
 */
function isDate(value) {
  const date = new Date(`${value}T00:00Z`);
  return /^\d{4}-\d\d-\d\d$/.test(value) && value > '0001' && !isNaN(date) && date.toISOString().startsWith(value);
}

/**
 * A date. A half-typed date is sent as such, so that the engine names the
 * field. The browser's date control costs a page several milliseconds the
 * first time one is made (it loads its locale's formats for dates): the box
 * starts as a plain one holding what a date control would, and becomes a date
 * control once the page has painted, so that a link's result shows sooner.
 */
export function dateField(tr, field, { value = '', note, key } = {}) {
  const id = uniqueId(field.path);
  const input = h('input', { id, name: field.path, type: 'text', value: isDate(value) ? value : '' });
  afterNextPaint(() => { input.type = 'date'; });
  const label = labelText(field, tr);
  const { element, errorSlot } = box('date', { id, keys: [field.path], label, marker: requiredMarker(field.required, tr),
    hint: hintText(field, tr, { note }), control: input, input });
  return {
    kind: 'date', key: key ?? field.path, keys: [field.path], label, element, input, errorSlot, percent: false, required: field.required,
    write(request) {
      if (input.validity.badInput) setPath(request, field.path, 'incomplete');
      else if (input.value) setPath(request, field.path, input.value);
    },
    get: () => input.value,
    set(v) { input.value = isDate(v) ? v : ''; },
    show: () => input.value,
  };
}
