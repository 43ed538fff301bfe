// 生态公益林建设补偿（一次性）— forest-construction (SPEC §1).

import { calculatorForm, checkField, eligibility, explanation, h, route, yuan } from '../ui.js';
import { asOfField, RATED_AS, standGroups } from './forest-fields.js';

export const id = 'forest-construction';
export const title = '建设补偿';

export function mount(panel, api) {
  const groups = standGroups({
    conditionsArticle: '第六条',
    technicalLabel: '符合造林技术规程、森林抚育规程、生态公益林建设导则等技术标准及银川市相关规划（第五条）',
    extraConditions: [checkField({ name: 'priorPublicFunding', label: '已享受过中央、自治区、市本级财政造林补贴、项目补贴，或通过政策性贷款建设',
      hint: '已享受上述资金的，不享受本办法建设补偿（第九条）。' })],
  });
  groups.push({ title: '估算', fields: [asOfField()] });
  const { form, result } = calculatorForm({ api, calculator: id, groups, render });
  panel.append(
    h('p', { class: 'intro' }, '社会力量投资建设的生态公益林，经审核符合条件的，按乔木林（乔灌混交林）500 元/亩、灌木林 150 元/亩给予一次性建设补偿。'),
    form, result);
}

function render(r) {
  return [
    h('h2', {}, '估算结果'),
    eligibility(r, '符合建设补偿条件', '暂不符合建设补偿条件'),
    h('dl', { class: 'figures' },
      h('dt', {}, r.eligible ? '一次性建设补偿' : '如符合条件，一次性建设补偿为'),
      h('dd', { class: 'amount', 'data-testid': 'amount' }, `${yuan(r.amount)} 元`),
      h('dt', {}, '计算'),
      h('dd', {}, `${RATED_AS[r.ratedAs]} ${r.ratePerMu} 元/亩 × ${r.areaMu} 亩`),
      h('dt', {}, '建设年限'),
      h('dd', {}, `${r.standAge} 年（${r.asOf.slice(0, 4)} 年）`)),
    ...explanation(r),
    ...route(r),
  ];
}
