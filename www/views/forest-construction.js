// 生态公益林建设补偿（一次性）— forest-construction (SPEC §1).

import { t } from '../i18n.js';
import { calculatorForm, checkField, eligibility, explanation, h, money, route } from '../ui.js';
import { asOfField, ratedAs, standGroups } from './forest-fields.js';

export const id = 'forest-construction';
export const title = () => t('建设补偿', 'Construction');

export function mount(panel, { api, entry, onState }) {
  const groups = standGroups({
    conditionsArticle: t('第六条', 'Art. 6'),
    technicalLabel: t('符合造林技术规程、森林抚育规程、生态公益林建设导则等技术标准及银川市相关规划（第五条）',
      'Meets the afforestation, forest-tending and ecological-forest standards and Yinchuan\'s plans (Art. 5)'),
    extraConditions: [checkField({ name: 'priorPublicFunding',
      label: t('已享受过中央、自治区、市本级财政造林补贴、项目补贴，或通过政策性贷款建设', 'Already funded by central, regional or city afforestation or project subsidies, or built with policy loans'),
      hint: t('已享受上述资金的，不享受本办法建设补偿（第九条）。', 'Such forests receive no construction compensation (Art. 9).') })],
  });
  groups.push({ title: t('估算', 'Estimate'), fields: [asOfField()] });
  const calc = calculatorForm({ api, calculator: id, groups, render, entry, onState,
    announce: (r) => `${money(r.amount)}${t(r.eligible ? '，符合条件。' : '，暂不符合条件。', r.eligible ? '; meets the conditions.' : '; does not meet the conditions yet.')}` });
  panel.append(
    h('p', { class: 'intro' }, t('社会力量投资建设的生态公益林，经审核符合条件的，按乔木林（乔灌混交林）500 元/亩、灌木林 150 元/亩给予一次性建设补偿。',
      'Ecological forests planted by private investors that qualify receive a one-time construction compensation: 500 yuan per mu for arbor (and mixed) forest, 150 yuan per mu for shrub forest.')),
    calc.form, calc.result);
  return calc;
}

function render(r) {
  return [
    h('h2', {}, t('估算结果', 'Estimate')),
    eligibility(r, t('符合建设补偿条件', 'Meets the conditions for construction compensation'), t('暂不符合建设补偿条件', 'Does not meet the conditions yet')),
    h('dl', { class: 'figures' },
      h('dt', {}, r.eligible ? t('一次性建设补偿', 'One-time compensation') : t('如符合条件，一次性建设补偿为', 'If it qualified, the compensation would be')),
      h('dd', { class: 'amount', 'data-testid': 'amount' }, money(r.amount)),
      h('dt', {}, t('计算', 'Calculation')),
      h('dd', {}, t(`${ratedAs(r.ratedAs)} ${r.ratePerMu} 元/亩 × ${r.areaMu} 亩`, `${ratedAs(r.ratedAs)}: ${r.ratePerMu} yuan/mu × ${r.areaMu} mu`)),
      h('dt', {}, t('建设年限', 'Stand age')),
      h('dd', {}, t(`${r.standAge} 年（${r.asOf.slice(0, 4)} 年）`, `${r.standAge} years (in ${r.asOf.slice(0, 4)})`))),
    explanation(r),
    route(r),
  ];
}
