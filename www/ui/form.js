// A calculator form: the fields in groups, a submit button, the error
// component, a live result region and a status line for screen readers. It
// reads the fields into a request, asks the engine, and shows the result or
// the error; after the first calculation the result follows every change. It
// reads and restores the entries for the URL fragment.

import { afterNextPaint, beforePrint, h, hiddenWithin, liveStatus } from './elements.js';
import { sheetFoot, sheetHead } from './sheet.js';

/**
 * The error component (ui/errors.js), imported when a form first has
 * something to report: a visit whose entries all compute never loads it. A
 * failed import is forgotten, so that the next report tries again.
 */
let errorModule = null;
function loadErrors() {
  errorModule ??= import('./errors.js');
  errorModule.catch(() => { errorModule = null; });
  return errorModule;
}

/**
 * Puts a result into its region: `parts` are nodes, and functions that return
 * nodes (a view's parts under the headline: the schedule, the explanation).
 * With `later` (a result restored as the view is mounted: a link, a reload,
 * the other language, when the page has the whole form to lay out and paint)
 * the nodes go in at once and the functions' parts after the next paint (or
 * before printing, should that come first: `beforePrint`), in their places, so
 * that the headline is on screen without waiting for them; the region is
 * aria-busy meanwhile. Otherwise it is built whole at once. `current()` says
 * whether this result is still the one to show when its parts are built.
 */
function fillResult(region, parts, current, later) {
  const items = parts.flat(Infinity).filter(Boolean);
  const nodes = (x) => [typeof x === 'function' ? x() : x].flat(Infinity).filter(Boolean);
  region.removeAttribute('aria-busy');
  if (!later) return region.replaceChildren(...items.flatMap(nodes));
  const slots = items.map((x) => (typeof x === 'function' ? document.createComment('') : x));
  region.replaceChildren(...slots);
  region.setAttribute('aria-busy', 'true');
  const build = () => {
    beforePrint.delete(build);
    if (!current()) return;
    items.forEach((x, i) => { if (slots[i] !== x && slots[i].parentNode === region) slots[i].replaceWith(...nodes(x)); });
    region.removeAttribute('aria-busy');
  };
  beforePrint.add(build);
  afterNextPaint(build);
}

/** The field that shows an error's path: `scores.contract`, then `disqualifiers` for `disqualifiers[1]`, then the first segment. */
export function fieldForPath(fields, path) {
  const candidates = [path, path.replace(/\[\d+\]$/, ''), path.split('.')[0]].filter(Boolean);
  return candidates.map((k) => fields.find((f) => f.keys.includes(k))).find(Boolean) ?? null;
}

const getPath = (request, path) => path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), request);
const lowerFirst = (s) => s.charAt(0).toLowerCase() + s.slice(1);

/** Whether a field has an entry in the request. */
export const given = (field, request) => field.keys.some((k) => getPath(request, k) !== undefined);

/** "请选择…" / "请填写…": the error of a field the form lacks. */
export function missingError(field, _tr) {
  const choice = field.kind === 'radio' || field.kind === 'select';
  return choice
    ? { messageZh: `请选择${field.label}。`, messageEn: `Choose the ${lowerFirst(field.label)}.` }
    : { messageZh: `请填写${field.label}。`, messageEn: `Enter the ${lowerFirst(field.label)}.` };
}

/**
 * Builds a calculator: `groups` [{title, fields}], `render(result)` → nodes
 * (and functions that return nodes: parts under the headline, which a result
 * restored as the view is mounted shows once the headline is painted: `fillResult`).
 * `live`: computes from the first change (else from the first submit);
 * `ready(request)`: whether a live computation is worth it yet; `check(request,
 * fields)`: the entries the view knows to be missing in this situation,
 * [{field, error}] (those the catalog always requires are found here); `onState`
 * hears of every change of the entries; `announce(result)` is what the status
 * line says.
 */
export function calculatorForm({ api, tr, calculator, entry, groups, render, live: alwaysLive = false, ready = () => true,
  check = () => [], submitLabel = tr.t('计算', 'Calculate'), onState = () => {}, announce = () => tr.t('计算结果已更新。', 'The result is updated.') }) {
  const fields = groups.flatMap((g) => g.fields);
  // The summary's box from the start (where it goes in the form); the component that fills it once there are errors.
  const summary = h('div', { class: 'error-summary', tabindex: '-1', hidden: true });
  let errors = null;
  /** Takes the errors shown away (the plain list shown when the component could not load, too). */
  const clearErrors = () => {
    if (errors) errors.clear();
    else if (!summary.hidden) { summary.hidden = true; summary.replaceChildren(); }
  };
  /** Each computation's number: errors that arrive after a later one started are not shown. */
  let computations = 0;
  // The error summary is focused on submit; while typing, a one-line status speaks instead
  // (the whole result in a live region would be read out after every keystroke).
  const status = liveStatus();
  const result = h('section', { class: 'result', 'aria-label': tr.t('计算结果', 'Result') });
  const form = h('form', { class: 'calculator', novalidate: true },
    summary,
    groups.map((g) => h('fieldset', { class: 'group' }, h('legend', {}, g.title), g.fields.map((f) => f.element))),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, submitLabel)),
    status.element);
  let live = alwaysLive;
  let shown = false;
  let timer;

  const clearResult = () => {
    result.removeAttribute('aria-busy');
    result.replaceChildren();
  };

  const visible = () => fields.filter((f) => !hiddenWithin(f.element, form));

  /**
   * Every missing and refused entry at once, before the result: the fields the
   * catalog always requires and the view's situational ones (`check`), then
   * each value the engine refuses. The engine is asked again with a stand-in
   * for every field already reported, so that it checks the rest. [] when the
   * engine can compute, with the engine's answer to `request` itself when
   * its first look needed no stand-in (so that it is not asked twice).
   */
  function findProblems(present, request) {
    const found = [];
    const add = (field, error) => { if (!found.some((x) => x.field === field)) found.push({ field, error }); };
    for (const f of present) if (f.required === true && f.kind !== 'check' && f.kind !== 'multi' && !given(f, request)) add(f, missingError(f, tr));
    for (const { field, error } of check(request, present)) add(field, error);
    // What a box holds that the page itself refuses or asks about (fields.js `refusal`).
    for (const f of present) { const refused = f.refusal?.(); if (refused) add(f, refused); }
    const probed = structuredClone(request);
    for (const { field } of found) field.probe?.(probed);
    let standIns = found.length > 0;
    let answer = null;
    for (let i = 0; i < 40; i++) {
      const response = api.evaluate(calculator, probed);
      if (response.ok) {
        if (!standIns) answer = response;
        break;
      }
      const field = fieldForPath(present, response.error.field ?? '');
      // The engine's own refusal of what was typed, or of the whole, once the page finds nothing.
      if (!field || !field.probe) {
        if (!found.length || (field && given(field, request))) add(field, response.error);
        break;
      }
      if (found.some((x) => x.field === field)) break;
      // A value typed and refused; or one the engine needs in this situation (only when no stand-in decided it).
      if (given(field, request) || !standIns) add(field, response.error);
      const before = JSON.stringify(probed);
      field.probe(probed);
      standIns = true;
      if (JSON.stringify(probed) === before) break;
    }
    // In the order of the form.
    const at = (x) => (x.field ? present.indexOf(x.field) : -1);
    return { problems: found.sort((a, b) => at(a) - at(b)), answer };
  }

  /** Shows `problems` (with the error component, once it has loaded): marked, listed, focused or said. */
  function report(problems, fromSubmit, computation) {
    const show = () => {
      if (computation !== computations) return;
      const messages = errors.showAll(problems.map(({ field, error }) => ({ error,
        ...(field ? { control: field.input, slot: field.errorSlot, percent: field.percent } : {}) })));
      if (fromSubmit) errors.focus();
      else status.say(`${tr.t('请检查：', 'Please check: ')}${messages.join(tr.t('', ' '))}`);
    };
    if (errors) return show();
    loadErrors().then(({ errorDisplay }) => {
      errors ??= errorDisplay(tr, summary);
      show();
    }, () => {
      // No component (the network failed): the messages as they are, without the marks.
      if (computation !== computations) return;
      summary.hidden = false;
      summary.replaceChildren(h('ul', {}, problems.map(({ error }) => h('li', {}, tr.msg(error)))));
      if (fromSubmit) summary.focus();
    });
  }

  /** `restoring`: the entries were just restored as the view is mounted (`setState`). */
  function compute(fromSubmit, restoring = false) {
    const computation = ++computations;
    const present = visible();
    const request = {};
    for (const f of present) f.write(request);
    if (!fromSubmit && !ready(request)) {
      clearErrors();
      clearResult();
      status.say('');
      return;
    }
    const { problems, answer } = findProblems(present, request);
    clearErrors();
    if (problems.length) {
      // An old result would read as the answer to what is now typed: take it away.
      clearResult();
      shown = false;
      report(problems, fromSubmit, computation);
      return;
    }
    const response = answer ?? api.evaluate(calculator, request);
    shown = true;
    status.say(announce(response.result));
    const parts = render(response.result);
    // The printed sheet's head and foot show on paper only: built with the parts under the headline, if any wait.
    fillResult(result, [() => sheetHead(entry, response.result, present, tr), parts, () => sheetFoot(tr)],
      () => computation === computations, restoring && [parts].flat(Infinity).some((x) => typeof x === 'function'));
  }

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
  const initial = new Map(fields.map((f) => [f, f.get()]));

  return {
    form,
    result,
    compute,
    /** The entries that differ from the form's start, for the URL; `go` when a result was asked for. */
    getState() {
      const state = {};
      for (const f of fields) {
        const v = f.get();
        if (v !== initial.get(f)) state[f.key] = v;
      }
      if (live && !alwaysLive) state.go = '1';
      // A choice not made yet is written as such beside other entries: a link without it was written when it had a default (`legacy`).
      if (Object.keys(state).length) for (const f of fields) if (f.legacy && !(f.key in state)) state[f.key] = '';
      return state;
    },
    setState(state) {
      // Links written before a choice had to be made meant its old default when they left it out.
      if (Object.keys(state).length) state = { ...Object.fromEntries(fields.filter((f) => f.legacy).map((f) => [f.key, f.legacy])), ...state };
      for (const f of fields) {
        if (!(f.key in state)) continue;
        f.set(state[f.key]);
        // Lets a field's own listeners (showing or hiding other fields) follow.
        f.element.dispatchEvent(new Event('change'));
      }
      if (state.go === '1') live = true;
      if (live) compute(false, true);
    },
    hasResult: () => shown,
  };
}
