// A list of codes as ticked boxes (a `codes` field of the catalog, docs/rulebook.md
// §5), a field as ui/fields.js builds them: kept apart from those, as only the
// star rating asks for one (it comes with its view, not with the first tab).

import { h, uniqueId } from './elements.js';
import { labelText, sentences, setPath } from './fields.js';

/** Several yes/no statements whose ticked codes form a list (a `codes` field); `legend` words the question. */
export function codesField(tr, field, { legend, note, key } = {}) {
  const id = uniqueId(field.path);
  const boxes = (field.options ?? []).map((o, i) => {
    const cid = `${id}-${i}`;
    return h('div', { class: 'check' },
      h('input', { type: 'checkbox', id: cid, value: o.value }),
      h('label', { for: cid }, tr.of(o, 'label')));
  });
  const label = legend ?? labelText(field, tr);
  const hint = sentences(tr, [legend ? '' : tr.of(field, 'hint'), note]);
  const errorSlot = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const element = h('fieldset', { class: 'field field-multi', 'data-keys': field.path },
    h('legend', {}, label), hint ? h('p', { class: 'hint' }, hint) : null, boxes, errorSlot);
  const inputs = [...element.querySelectorAll('input')];
  const ticked = () => inputs.filter((i) => i.checked);
  return {
    kind: 'multi', key: key ?? field.path, keys: [field.path], label, element, input: inputs[0], errorSlot, percent: false,
    write(request) {
      const codes = ticked().map((i) => i.value);
      if (codes.length) setPath(request, field.path, codes);
    },
    get: () => ticked().map((i) => i.value).join(','),
    set(v) {
      const codes = (v ?? '').split(',');
      for (const i of inputs) i.checked = codes.includes(i.value);
    },
    show: () => ticked().map((i) => i.nextElementSibling.textContent).join(tr.t('；', '; ')),
  };
}
