// A calculator form: the fields in groups, a submit button, the error
// component, a live result region and a status line for screen readers. It
// reads the fields into a request, asks the engine, and shows the result or
// the error; after the first calculation the result follows every change. It
// reads and restores the entries for the URL fragment.

import { h, hiddenWithin, liveStatus } from './elements.js';
import { errorDisplay } from './errors.js';
import { sheetFoot, sheetHead } from './sheet.js';

/** The field that shows an error's path: `scores.contract`, then `disqualifiers` for `disqualifiers[1]`, then the first segment. */
export function fieldForPath(fields, path) {
  const candidates = [path, path.replace(/\[\d+\]$/, ''), path.split('.')[0]].filter(Boolean);
  return candidates.map((k) => fields.find((f) => f.keys.includes(k))).find(Boolean) ?? null;
}

/**
 * Builds a calculator: `groups` [{title, fields}], `render(result)` → nodes.
 * `live`: computes from the first change (else from the first submit);
 * `ready(request)`: whether a live computation is worth it yet; `onState`
 * hears of every change of the entries; `announce(result)` is what the status
 * line says.
 */
export function calculatorForm({ api, tr, calculator, entry, groups, render, live: alwaysLive = false, ready = () => true,
  submitLabel = tr.t('计算', 'Calculate'), onState = () => {}, announce = () => tr.t('计算结果已更新。', 'The result is updated.') }) {
  const fields = groups.flatMap((g) => g.fields);
  const errors = errorDisplay(tr);
  // The error summary is focused on submit; while typing, a one-line status speaks instead
  // (the whole result in a live region would be read out after every keystroke).
  const status = liveStatus();
  const result = h('section', { class: 'result', 'aria-label': tr.t('计算结果', 'Result') });
  const form = h('form', { class: 'calculator', novalidate: true },
    errors.summary,
    groups.map((g) => h('fieldset', { class: 'group' }, h('legend', {}, g.title), g.fields.map((f) => f.element))),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, submitLabel)),
    status.element);
  let live = alwaysLive;
  let shown = false;
  let timer;

  const visible = () => fields.filter((f) => !hiddenWithin(f.element, form));

  function compute(fromSubmit) {
    const present = visible();
    const request = {};
    for (const f of present) f.write(request);
    if (!fromSubmit && !ready(request)) {
      errors.clear();
      result.replaceChildren();
      status.say('');
      return;
    }
    const response = api.evaluate(calculator, request);
    errors.clear();
    if (!response.ok) {
      // An old result would read as the answer to what is now typed: take it away.
      result.replaceChildren();
      shown = false;
      const field = fieldForPath(present, response.error.field ?? '');
      const message = errors.show(response.error, field ? { control: field.input, slot: field.errorSlot, percent: field.percent } : {});
      if (fromSubmit) errors.focus();
      else status.say(`${tr.t('请检查：', 'Please check: ')}${message}`);
      return;
    }
    shown = true;
    status.say(announce(response.result));
    result.replaceChildren(
      sheetHead(entry, response.result, present, tr),
      ...render(response.result).flat(Infinity).filter(Boolean),
      sheetFoot(tr));
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
