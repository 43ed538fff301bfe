// 经济领域“五强”认定奖励 — five-strong (SPEC §4): one candidate.

import { calculatorForm, checkField, dateField, explanation, h, radioField, selectField, yuan } from '../ui.js';
import { LOCATIONS, today } from './forest-fields.js';

export const id = 'five-strong';
export const title = '“五强”奖励';

export const LEVELS = [
  ['county', '经济强县（市）', '永宁县、贺兰县、灵武市中认定 1 个'],
  ['district', '经济强区', '兴庆区、金凤区、西夏区中认定 1 个'],
  ['town', '经济强镇（乡）', '全市 26 个乡镇中认定 6 个'],
  ['village', '经济强村', '全市 282 个行政村中认定 20 个'],
  ['enterprise', '百强企业', '认定 100 家左右'],
];

/** 二（四）: code, label, the levels it applies to. */
export const NEGATIVE_LIST = [
  ['vetoed', '参评年度被平安建设、安全生产、重大生态破坏事件“一票否决”', ['county', 'district', 'town', 'village', 'enterprise']],
  ['badCredit', '镇（乡）、村存在不良信用记录', ['town', 'village']],
  ['ecologicalDamage', '企业发生重大生态破坏事件', ['enterprise']],
  ['safetyAccident', '企业发生重大生产安全事故', ['enterprise']],
  ['wageArrears', '企业发生恶意欠薪事件', ['enterprise']],
  ['seriousDishonesty', '企业有严重失信或其他违法违规行为被追究责任', ['enterprise']],
  ['excludedByLeadingGroup', '经领导小组研究不予纳入认定范围', ['enterprise']],
];

export function mount(panel, api) {
  const level = radioField({ name: 'level', label: '认定类别', value: 'village', options: LEVELS });
  const location = selectField({ name: 'location', label: '所在县（市）区', options: [['', '不填写'], ...LOCATIONS] });
  const negatives = NEGATIVE_LIST.map(([code, label]) => [code, checkField({ name: code, label })]);
  const syncLevel = () => {
    const l = level.value();
    for (const [code, f] of negatives) {
      f.element.hidden = !NEGATIVE_LIST.find(([c]) => c === code)[2].includes(l);
    }
    // A county must be a county, a district a district.
    for (const option of location.input.options) {
      const districts = ['xingqing', 'jinfeng', 'xixia'];
      option.hidden = option.value !== '' && ((l === 'county' && districts.includes(option.value)) || (l === 'district' && !districts.includes(option.value)));
    }
    if (location.input.selectedOptions[0]?.hidden) location.input.value = '';
  };
  level.element.addEventListener('change', syncLevel);
  syncLevel();

  const groups = [
    { title: '候选', fields: [level, location] },
    { title: '负面清单（二（四））：存在任一情形的，不再进行认定', fields: negatives.map(([, f]) => f) },
    { title: '估算', fields: [dateField({ name: 'asOf', label: '估算日期', value: today() })] },
  ];
  const { form, result, compute } = calculatorForm({ api, calculator: id, groups, render, live: true, submitLabel: '查看' });
  panel.append(h('p', { class: 'intro' }, '选择类别，查看认定后的奖励、名额与候选范围、其他激励措施，以及会导致不予认定的负面清单。'), form, result);
  compute(false);
}

function render(r) {
  const q = r.quota;
  return [
    h('h2', {}, '认定后可获得'),
    h('p', { class: `badge ${r.eligible ? 'ok' : 'no'}` }, r.eligible ? '可参加认定' : '不予认定（负面清单）'),
    h('dl', { class: 'figures' },
      h('dt', {}, r.eligible ? '现金奖励' : '如获认定，现金奖励为'),
      h('dd', { class: 'amount', 'data-testid': 'reward' }, r.reward === '0' ? '无现金奖励' : `${yuan(r.reward)} 元`),
      h('dt', {}, '名额'),
      h('dd', {}, `${q.approximate ? '约 ' : ''}${q.recognised} 个（${q.poolDescription.messageZh}${q.candidatePool ? `，共 ${q.candidatePool} 个` : ''}）`),
      q.recommendedPerUnit ? [h('dt', {}, '推荐'), h('dd', {}, `原则上每个县（市）区推荐 ${q.recommendedPerUnit.min}—${q.recommendedPerUnit.max} 个候选`)] : null,
      q.sectors ? [h('dt', {}, '分行业'), h('dd', {}, q.sectors.map((s) => `${s.messageZh}约 ${s.approximately} 家`).join('；'))] : null,
      h('dt', {}, '认定周期'), h('dd', {}, `每 ${r.recognitionCycleYears} 年认定一次，到期重新认定`),
      h('dt', {}, '全市奖励总额'), h('dd', {}, `各类名额全部认定时，市财政共奖励 ${yuan(r.cityTotalWhenFull)} 元`)),
    h('section', { class: 'explain benefits' }, h('h3', {}, '激励措施'),
      h('ul', {}, r.benefits.map((b) => h('li', {}, h('strong', {}, b.article), ' ', b.messageZh)))),
    h('section', { class: 'explain indicators' }, h('h3', {}, '评价指标（根据指标高低综合排名赋分）'),
      h('p', {}, r.indicators.map((i) => i.messageZh).join('、'))),
    ...explanation(r),
  ];
}
