// The one error component of every view: a summary above the form (focused on
// submit, each entry a link to its field) and the message beside the field
// itself, marked aria-invalid. The words are the engine's (its messages name
// the field by its label, list rows counted from 1: docs/rulebook.md §5,
// "Errors speak to people"); only a percentage field, which the engine sees as
// a fraction, has its number of decimals restated in percent from `params`.

import { h, uniqueId } from './elements.js';

/** An error in words of `tr`'s language; `percent`: the field shows a percentage. */
export function errorText(error, tr, { percent = false } = {}) {
  if (percent && error.code === 'invalidNumber' && error.label) {
    const label = tr.pair(error.label);
    const places = error.params?.places;
    if (places == null) return tr.t(`${label}须是一个百分数（如 86 或 92.5），不带其他符号。`, `${label} must be a percentage (such as 86 or 92.5), without other signs.`);
    const p = Math.max(0, Number(places) - 2);
    return p > 0
      ? tr.t(`${label}最多保留 ${p} 位小数（按百分数）。`, `${label}: at most ${p} decimal place${p === 1 ? '' : 's'} (as a percentage).`)
      : tr.t(`${label}须是整数百分数。`, `${label} must be a whole percentage.`);
  }
  return tr.msg(error);
}

/**
 * The component: `summary` goes at the top of the form (given: the box already
 * there, for a form that loads this module only when it first has something to
 * report, ui/form.js); `show(error, {control, slot, percent})` marks
 * the control (and fills its slot beside the field, if it has one) and lists
 * the message in the summary, or, without a control, says that nothing could
 * be computed; `clear()` takes every mark away. Returns the message shown.
 */
export function errorDisplay(tr, summary = h('div', { class: 'error-summary', tabindex: '-1', hidden: true })) {
  let marks = [];

  function clear() {
    summary.hidden = true;
    summary.replaceChildren();
    for (const { control, slot } of marks) {
      control.removeAttribute('aria-invalid');
      if (!slot) continue;
      slot.hidden = true;
      slot.textContent = '';
      const ids = (control.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && x !== slot.id);
      if (ids.length) control.setAttribute('aria-describedby', ids.join(' ')); else control.removeAttribute('aria-describedby');
    }
    marks = [];
  }

  /** Marks one control and fills its slot; returns the link to it for the summary. */
  function mark(message, control, slot) {
    control.setAttribute('aria-invalid', 'true');
    if (slot) {
      slot.textContent = message;
      slot.hidden = false;
      const ids = (control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
      control.setAttribute('aria-describedby', [...ids, slot.id].join(' '));
    }
    marks.push({ control, slot });
    control.id ||= uniqueId('invalid');
    return h('li', {}, h('a', { href: `#${control.id}`, onclick: (e) => { e.preventDefault(); control.focus(); } }, message));
  }

  function show(error, target = {}) {
    return showAll([{ error, ...target }])[0];
  }

  /**
   * Every error at once: [{error, control, slot, percent}]. Those with a
   * control are listed together, each a link to its field; one without says
   * that nothing could be computed. Returns the messages shown.
   */
  function showAll(list) {
    const messages = list.map(({ error, percent = false }) => errorText(error, tr, { percent }));
    if (!list.length) return messages;
    summary.hidden = false;
    const items = [];
    list.forEach(({ control = null, slot = null }, i) => {
      if (control) items.push(mark(messages[i], control, slot));
      else summary.append(h('h3', {}, tr.t('无法计算', 'Cannot calculate')), h('p', {}, messages[i]));
    });
    if (items.length) {
      summary.append(h('h3', {}, items.length > 1
        ? tr.t(`请检查填写内容（${items.length} 处）`, `Please check your entries (${items.length})`)
        : tr.t('请检查填写内容', 'Please check your entries')), h('ul', {}, items));
    }
    return messages;
  }

  return { summary, show, showAll, clear, focus: () => summary.focus() };
}
