// 经济领域“五强”认定奖励 — five-strong (docs/rulebook.md §4): one candidate.

import { schema } from '../ui/catalog.js';
import { h, today } from '../ui/elements.js';
import { explanation, withArticle } from '../ui/explanation.js';
import { checkField, choiceField, dateField } from '../ui/fields.js';
import { calculatorForm } from '../ui/form.js';
import { isZero, money, yuan } from '../ui/numbers.js';

export const id = 'five-strong';
export const title = (tr) => tr.t('“五强”奖励', '“Five Strong”');

/** 二（四）: the levels each flag of the negative list applies to (null: every level); the catalog words the flags. */
export const APPLIES_TO = {
  vetoed: null,
  badCredit: ['town', 'village'],
  ecologicalDamage: ['enterprise'],
  safetyAccident: ['enterprise'],
  wageArrears: ['enterprise'],
  seriousDishonesty: ['enterprise'],
  excludedByLeadingGroup: ['enterprise'],
};

/** Whether a flag of the negative list applies at a level. */
export const appliesTo = (levels, level) => !levels || levels.includes(level);

const DISTRICTS = ['xingqing', 'jinfeng', 'xixia'];

export function mount(panel, { api, entry, tr, onState }) {
  const s = schema(entry, tr);
  const details = Object.fromEntries(s.field('level').options.map(({ value: l }) => {
    const quota = s.figure(`${l}.quota`);
    return [l, s.hasFigure(`${l}.pool`)
      ? tr.t(`${s.figureLabel(`${l}.pool`)}中认定 ${quota} 个`, `${quota} of ${s.figureLabel(`${l}.pool`)}`)
      : tr.t(`认定 ${quota} 家左右`, `about ${quota}`)];
  }));
  const level = choiceField(tr, s.field('level'), { widget: 'radio', legacy: 'village', details });
  const location = choiceField(tr, s.field('location'));
  const negatives = Object.entries(APPLIES_TO).map(([code, applies]) => [applies, checkField(tr, s.field(code))]);
  const syncLevel = () => {
    const l = level.value();
    for (const [applies, f] of negatives) f.element.hidden = !appliesTo(applies, l);
    // A county must be a county, a district a district.
    for (const option of location.input.options) {
      option.hidden = option.value !== '' && ((l === 'county' && DISTRICTS.includes(option.value)) || (l === 'district' && !DISTRICTS.includes(option.value)));
      option.disabled = option.hidden;
    }
    if (location.input.selectedOptions[0]?.hidden) location.input.value = '';
  };
  level.element.addEventListener('change', syncLevel);
  syncLevel();

  const article = tr.article(s.field('vetoed').article);
  const groups = [
    { title: tr.t('候选', 'Candidate'), fields: [level, location] },
    { title: tr.t(`负面清单（${article}）：存在任一情形的，不再进行认定`, `Negative list (${article}): any one excludes`), fields: negatives.map(([, f]) => f) },
    { title: tr.t('估算', 'Estimate'), fields: [dateField(tr, s.field('asOf'), { value: today() })] },
  ];
  const calc = calculatorForm({ api, tr, calculator: id, groups, render: (r) => render(r, tr), entry, onState, live: true,
    // Nothing to show until a level is chosen.
    ready: (request) => request.level !== undefined, submitLabel: tr.t('查看', 'Show'),
    announce: (r) => (isZero(r.reward) ? tr.t('无现金奖励。', 'No cash reward.') : `${money(r.reward, tr)}${tr.t('。', '.')}`) });
  panel.append(h('p', { class: 'intro' }, tr.t('选择类别，查看认定后的奖励、名额与候选范围、其他激励措施，以及会导致不予认定的负面清单。',
    'Choose a level to see the reward, the quota and who may take part, the other benefits, and the negative list that excludes.')), calc.form, calc.result);
  calc.compute(false);
  return calc;
}

function render(r, tr) {
  const q = r.quota;
  const pool = q.poolDescription;
  return [
    h('h2', {}, tr.t('认定后可获得', 'If recognised')),
    h('p', { class: `badge ${r.eligible ? 'ok' : 'no'}` }, r.eligible ? tr.t('可参加认定', 'May be considered') : tr.t('不予认定（负面清单）', 'Excluded (negative list)')),
    h('dl', { class: 'figures' },
      h('dt', {}, r.eligible ? tr.t('现金奖励', 'Cash reward') : tr.t('如获认定，现金奖励为', 'If recognised, the reward would be')),
      h('dd', { class: 'amount', 'data-testid': 'reward' }, isZero(r.reward) ? tr.t('无现金奖励', 'No cash reward') : money(r.reward, tr)),
      h('dt', {}, tr.t('名额', 'Quota')),
      h('dd', {}, tr.t(`${q.approximate ? '约 ' : ''}${q.recognised} 个（${pool.messageZh}${q.candidatePool ? `，共 ${q.candidatePool} 个` : ''}）`,
        `${q.approximate ? 'about ' : ''}${q.recognised} (${pool.messageEn}${q.candidatePool ? `, ${q.candidatePool} in all` : ''})`)),
      q.recommendedPerUnit ? [h('dt', {}, tr.t('推荐', 'Nominations')), h('dd', {}, tr.t(`原则上每个县（市）区推荐 ${q.recommendedPerUnit.min}—${q.recommendedPerUnit.max} 个候选`,
        `${q.recommendedPerUnit.min}–${q.recommendedPerUnit.max} candidates from each county or district, in principle`))] : null,
      q.sectors ? [h('dt', {}, tr.t('分行业', 'By sector')), h('dd', {}, q.sectors.map((s) => tr.t(`${s.messageZh}约 ${s.approximately} 家`, `${s.messageEn}: about ${s.approximately}`)).join(tr.t('；', '; ')))] : null,
      h('dt', {}, tr.t('认定周期', 'Cycle')), h('dd', {}, tr.t(`每 ${r.recognitionCycleYears} 年认定一次，到期重新认定`, `Every ${r.recognitionCycleYears} years`)),
      h('dt', {}, tr.t('全市奖励总额', 'City total')), h('dd', {}, tr.t(`各类名额全部认定时，市财政共奖励 ${yuan(r.cityTotalWhenFull)} 元`,
        `¥${yuan(r.cityTotalWhenFull)} from the city when every place is filled`))),
    h('section', { class: 'explain benefits' }, h('h3', {}, tr.t('激励措施', 'Benefits')),
      h('ul', {}, r.benefits.map((b) => h('li', {}, withArticle(b, tr))))),
    h('section', { class: 'explain indicators' }, h('h3', {}, tr.t('评价指标（根据指标高低综合排名赋分）', 'Indicators (scored by ranking)')),
      h('p', {}, r.indicators.map((i) => tr.msg(i)).join(tr.t('、', ', ')))),
    explanation(r, tr),
  ];
}
