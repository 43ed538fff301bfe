// 生态公益林建设补偿（一次性）— forest-construction (docs/rulebook.md §1).

import { schema } from '../ui/catalog.js';
import { h } from '../ui/elements.js';
import { eligibility, explanation, route } from '../ui/explanation.js';
import { checkField } from '../ui/fields.js';
import { calculatorForm } from '../ui/form.js';
import { money } from '../ui/numbers.js';
import { asOfField, ratedAs, standCheck, standGroups } from './forest-fields.js';

export const id = 'forest-construction';
export const title = (tr) => tr.t('建设补偿', 'Forest construction');

export function mount(panel, { api, entry, tr, onState }) {
  const s = schema(entry, tr);
  const funding = s.field('priorPublicFunding');
  const groups = standGroups(s, tr, {
    extraConditions: [checkField(tr, funding, { note: tr.t(`已享受上述资金的，不享受本办法建设补偿（${funding.article}）。`,
      `Such forests receive no construction compensation (${tr.article(funding.article)}).`) })],
  });
  groups.push({ title: tr.t('估算', 'Estimate'), fields: [asOfField(s, tr)] });
  const calc = calculatorForm({ api, tr, calculator: id, groups, check: standCheck(s, tr, groups), render: (r) => render(r, tr), entry, onState,
    announce: (r) => `${money(r.amount, tr)}${tr.t(r.eligible ? '，符合条件。' : '，暂不符合条件。', r.eligible ? '; meets the conditions.' : '; does not meet the conditions yet.')}` });
  const [arbor, shrub] = [s.fig('rateArborPerMu'), s.fig('rateShrubPerMu')];
  panel.append(
    h('p', { class: 'intro' }, tr.t(`社会力量投资建设的生态公益林，经审核符合条件的，按乔木林（乔灌混交林）${arbor}、灌木林 ${shrub}给予一次性建设补偿。`,
      `Ecological forests planted by private investors that qualify receive a one-time construction compensation: ${arbor} for arbor (and mixed) forest, ${shrub} for shrub forest.`)),
    calc.form, calc.result);
  return calc;
}

function render(r, tr) {
  return [
    h('h2', {}, tr.t('估算结果', 'Estimate')),
    eligibility(r, tr.t('符合建设补偿条件', 'Meets the conditions for construction compensation'), tr.t('暂不符合建设补偿条件', 'Does not meet the conditions yet')),
    h('dl', { class: 'figures' },
      h('dt', {}, r.eligible ? tr.t('一次性建设补偿', 'One-time compensation') : tr.t('如符合条件，一次性建设补偿为', 'If it qualified, the compensation would be')),
      h('dd', { class: 'amount', 'data-testid': 'amount' }, money(r.amount, tr)),
      h('dt', {}, tr.t('计算', 'Calculation')),
      h('dd', {}, tr.t(`${ratedAs(r.ratedAs, tr)} ${r.ratePerMu} 元/亩 × ${r.areaMu} 亩`, `${ratedAs(r.ratedAs, tr)}: ${r.ratePerMu} yuan/mu × ${r.areaMu} mu`)),
      h('dt', {}, tr.t('建设年限', 'Stand age')),
      h('dd', {}, tr.t(`${r.standAge} 年（${r.asOf.slice(0, 4)} 年）`, `${r.standAge} years (in ${r.asOf.slice(0, 4)})`))),
    explanation(r, tr),
    route(r, tr),
  ];
}
