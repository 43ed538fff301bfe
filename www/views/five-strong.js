// 经济领域“五强”认定奖励 — five-strong (SPEC §4): one candidate.

import { t } from '../i18n.js';
import { calculatorForm, checkField, dateField, explanation, h, isZero, money, radioField, selectField, today, withArticle, yuan } from '../ui.js';
import { locations } from './forest-fields.js';

export const id = 'five-strong';
export const title = () => t('“五强”奖励', '“Five Strong”');

export const levels = () => [
  ['county', t('经济强县（市）', 'Strongest county'), t('永宁县、贺兰县、灵武市中认定 1 个', '1 of Yongning, Helan, Lingwu')],
  ['district', t('经济强区', 'Strongest district'), t('兴庆区、金凤区、西夏区中认定 1 个', '1 of Xingqing, Jinfeng, Xixia')],
  ['town', t('经济强镇（乡）', 'Strong town'), t('全市 26 个乡镇中认定 6 个', '6 of the 26 towns')],
  ['village', t('经济强村', 'Strong village'), t('全市 282 个行政村中认定 20 个', '20 of the 282 villages')],
  ['enterprise', t('百强企业', 'Top-100 enterprise'), t('认定 100 家左右', 'about 100')],
];

/** 二（四）: code, label, the levels it applies to. */
export const negativeList = () => [
  ['vetoed', t('参评年度被平安建设、安全生产、重大生态破坏事件“一票否决”', 'Vetoed in the year (public security, work safety, major ecological damage)'), ['county', 'district', 'town', 'village', 'enterprise']],
  ['badCredit', t('镇（乡）、村存在不良信用记录', 'The town or village has a bad credit record'), ['town', 'village']],
  ['ecologicalDamage', t('企业发生重大生态破坏事件', 'Major ecological damage by the enterprise'), ['enterprise']],
  ['safetyAccident', t('企业发生重大生产安全事故', 'A major work-safety accident'), ['enterprise']],
  ['wageArrears', t('企业发生恶意欠薪事件', 'Malicious wage arrears'), ['enterprise']],
  ['seriousDishonesty', t('企业有严重失信或其他违法违规行为被追究责任', 'Serious dishonesty or other violations held liable'), ['enterprise']],
  ['excludedByLeadingGroup', t('经领导小组研究不予纳入认定范围', 'Excluded by the leading group'), ['enterprise']],
];

const DISTRICTS = ['xingqing', 'jinfeng', 'xixia'];

export function mount(panel, { api, entry, onState }) {
  const level = radioField({ name: 'level', label: t('认定类别', 'Level'), value: 'village', options: levels() });
  const location = selectField({ name: 'location', label: t('所在县（市）区', 'County or district'), options: [['', t('不填写', 'not given')], ...locations()] });
  const negatives = negativeList().map(([code, label, applies]) => [applies, checkField({ name: code, label })]);
  const syncLevel = () => {
    const l = level.value();
    for (const [applies, f] of negatives) f.element.hidden = !applies.includes(l);
    // A county must be a county, a district a district.
    for (const option of location.input.options) {
      option.hidden = option.value !== '' && ((l === 'county' && DISTRICTS.includes(option.value)) || (l === 'district' && !DISTRICTS.includes(option.value)));
      option.disabled = option.hidden;
    }
    if (location.input.selectedOptions[0]?.hidden) location.input.value = '';
  };
  level.element.addEventListener('change', syncLevel);
  syncLevel();

  const groups = [
    { title: t('候选', 'Candidate'), fields: [level, location] },
    { title: t('负面清单（二（四））：存在任一情形的，不再进行认定', 'Negative list (2(4)): any one excludes'), fields: negatives.map(([, f]) => f) },
    { title: t('估算', 'Estimate'), fields: [dateField({ name: 'asOf', label: t('估算日期', 'Estimate date'), value: today() })] },
  ];
  const calc = calculatorForm({ api, calculator: id, groups, render, entry, onState, live: true, submitLabel: t('查看', 'Show'),
    announce: (r) => (isZero(r.reward) ? t('无现金奖励。', 'No cash reward.') : `${money(r.reward)}${t('。', '.')}`) });
  panel.append(h('p', { class: 'intro' }, t('选择类别，查看认定后的奖励、名额与候选范围、其他激励措施，以及会导致不予认定的负面清单。',
    'Choose a level to see the reward, the quota and who may take part, the other benefits, and the negative list that excludes.')), calc.form, calc.result);
  calc.compute(false);
  return calc;
}

function render(r) {
  const q = r.quota;
  const pool = q.poolDescription;
  return [
    h('h2', {}, t('认定后可获得', 'If recognised')),
    h('p', { class: `badge ${r.eligible ? 'ok' : 'no'}` }, r.eligible ? t('可参加认定', 'May be considered') : t('不予认定（负面清单）', 'Excluded (negative list)')),
    h('dl', { class: 'figures' },
      h('dt', {}, r.eligible ? t('现金奖励', 'Cash reward') : t('如获认定，现金奖励为', 'If recognised, the reward would be')),
      h('dd', { class: 'amount', 'data-testid': 'reward' }, isZero(r.reward) ? t('无现金奖励', 'No cash reward') : money(r.reward)),
      h('dt', {}, t('名额', 'Quota')),
      h('dd', {}, t(`${q.approximate ? '约 ' : ''}${q.recognised} 个（${pool.messageZh}${q.candidatePool ? `，共 ${q.candidatePool} 个` : ''}）`,
        `${q.approximate ? 'about ' : ''}${q.recognised} (${pool.messageEn}${q.candidatePool ? `, ${q.candidatePool} in all` : ''})`)),
      q.recommendedPerUnit ? [h('dt', {}, t('推荐', 'Nominations')), h('dd', {}, t(`原则上每个县（市）区推荐 ${q.recommendedPerUnit.min}—${q.recommendedPerUnit.max} 个候选`,
        `${q.recommendedPerUnit.min}–${q.recommendedPerUnit.max} candidates from each county or district, in principle`))] : null,
      q.sectors ? [h('dt', {}, t('分行业', 'By sector')), h('dd', {}, q.sectors.map((s) => t(`${s.messageZh}约 ${s.approximately} 家`, `${s.messageEn}: about ${s.approximately}`)).join(t('；', '; ')))] : null,
      h('dt', {}, t('认定周期', 'Cycle')), h('dd', {}, t(`每 ${r.recognitionCycleYears} 年认定一次，到期重新认定`, `Every ${r.recognitionCycleYears} years`)),
      h('dt', {}, t('全市奖励总额', 'City total')), h('dd', {}, t(`各类名额全部认定时，市财政共奖励 ${yuan(r.cityTotalWhenFull)} 元`,
        `¥${yuan(r.cityTotalWhenFull)} from the city when every place is filled`))),
    h('section', { class: 'explain benefits' }, h('h3', {}, t('激励措施', 'Benefits')),
      h('ul', {}, r.benefits.map((b) => h('li', {}, withArticle(b))))),
    h('section', { class: 'explain indicators' }, h('h3', {}, t('评价指标（根据指标高低综合排名赋分）', 'Indicators (scored by ranking)')),
      h('p', {}, r.indicators.map((i) => t(i.messageZh, i.messageEn)).join(t('、', ', ')))),
    explanation(r),
  ];
}
