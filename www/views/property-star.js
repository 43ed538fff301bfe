// 住宅小区物业服务质量星级评定 — property-star (SPEC §3).

import { msg, t } from '../i18n.js';
import { calculatorForm, checkField, dateField, explanation, h, multiCheckField, numberField, selectField, today, withArticle } from '../ui.js';
import { locations } from './forest-fields.js';

export const id = 'property-star';
export const title = () => t('物业服务星级', 'Property stars');

const categories = () => [
  ['contract', t('物业服务合同履行情况', 'Performance of the service contract'), 50],
  ['satisfaction', t('业主满意度', "Owners' satisfaction"), 30],
  ['governance', t('融入基层治理、红色物业及重大决策部署执行', 'Community governance, Party-led service, city campaigns'), 20],
  ['rectification', t('各级检查反馈问题整改情况', 'Rectification of problems found in inspections'), 10],
];

const contractItems = () => [
  ['basicManagement', t('基础管理', 'Basic management')], ['publicDisclosure', t('公开公示', 'Public disclosure')],
  ['sanitation', t('环境卫生管理', 'Sanitation')], ['orderMaintenance', t('秩序维护管理', 'Order and security')],
  ['greening', t('绿化管理', 'Greening')], ['sharedFacilities', t('共用设施设备维护', 'Shared facilities')],
  ['renovation', t('装修管理', 'Renovation management')], ['bonus', t('加分项目', 'Bonus items')],
];

const disqualifiers = () => [
  ['safetyAccident', t('发生一般及以上安全生产责任事故', 'A general or worse work-safety accident'),
    t('截止申报前一年内，经调查属物业服务企业原因', 'in the year before the deadline, caused by the company')],
  ['groupPetition', t('因物业服务管理不善引发业主群体上访事件', 'A group petition by owners caused by poor management')],
  ['majorDecisionFailure', t('在文明城市、卫生城市建设等重大决策部署中严重失误，影响考评结果', 'A serious failure in the civilised / hygienic city campaigns that affected the appraisal')],
  ['blacklisted', t('申报项目已导致企业列入行业“黑名单”', 'The project put the company on the industry blacklist')],
  ['noIntegrityRecord', t('未签订诚信经营信用承诺、未建立信用信息档案', 'No integrity commitment and no credit file')],
  ['falseMaterials', t('申报材料弄虚作假', 'False application materials')],
  ['privacyBreach', t('工作人员出售或非法提供业主、物业使用人个人信息，经查证属实', "Staff sold or leaked owners' personal information")],
  ['otherSerious', t('其他严重影响物业服务品质、损害行业形象及业主权益的情形', "Other serious harm to service quality, the industry's image or owners' rights")],
];

const yesNo = () => [['', t('未填写', 'not given')], ['true', t('是', 'yes')], ['false', t('否', 'no')]];
const toBool = (v) => v === 'true';
const starWords = () => [t('不达标', 'not up to standard'), t('一星级', '1 star'), t('二星级', '2 stars'), t('三星级', '3 stars'), t('四星级', '4 stars'), t('五星级', '5 stars')];

export function mount(panel, { api, entry, onState }) {
  const scoreFields = categories().map(([key, label, max]) =>
    numberField({ name: key, into: 'scores', label, unit: t(`/ ${max} 分`, `/ ${max}`), hint: key === 'contract'
      ? t('含基础管理、公开公示、环境卫生、秩序维护、绿化、共用设施设备、装修管理、加分项目。', 'Basic management, disclosure, sanitation, order, greening, shared facilities, renovation, bonus items.') : null }));
  const itemsToggle = checkField({ name: 'useItems', label: t('按八个分项填写合同履行得分（分项之和即该项得分）', 'Enter the contract score as its eight sub-items (their sum is the score)') });
  itemsToggle.write = () => {};
  itemsToggle.show = () => '';
  const itemFields = contractItems().map(([key, label]) => numberField({ name: key, into: 'contractItems', label, unit: t('分', 'pts') }));
  const items = h('div', { class: 'sub-items', hidden: true });
  const syncItems = () => {
    const on = itemsToggle.input.checked;
    items.hidden = !on;
    scoreFields[0].element.hidden = on;
  };
  itemsToggle.element.addEventListener('change', syncItems);

  const newly = selectField({ name: 'newlyDelivered', label: t('是否为新交付或新更换物业服务企业的小区', 'Newly delivered estate, or newly changed company?'), options: yesNo(), convert: toBool });
  const occupancy = numberField({ name: 'occupancyRate', label: t('业主入住率', 'Owner occupancy'), percent: true,
    hint: t('新交付、新更换企业的小区须达到 50% 以上（第五条）。', 'Must be at least 50% for such estates (Art. 5).') });
  const syncNew = () => { occupancy.element.hidden = newly.input.value !== 'true'; };
  newly.element.addEventListener('change', syncNew);
  syncNew();

  const w = starWords();
  const groups = [
    { title: t('评分（第十一条，总分 110 分）', 'Scores (Art. 11, out of 110)'), fields: [...scoreFields, itemsToggle, ...itemFields] },
    { title: t('不达标情形（第十六条）', 'Disqualifying situations (Art. 16)'), fields: [multiCheckField({ name: 'disqualifiers',
      label: t('存在以下任一情形的，无论得分均评定为不达标', 'Any one of these makes the project not up to standard, whatever the score'), options: disqualifiers() })] },
    { title: t('申报条件（第八条、第五条）：仅作提示，不影响星级估算', 'Conditions to apply (Arts. 8, 5): reported only, the stars are unaffected'), fields: [
      selectField({ name: 'hasContract', label: t('申报项目有物业服务合同约定', 'The project has a service contract'), options: yesNo(), convert: toBool }),
      numberField({ name: 'serviceMonths', label: t('已服务月数', 'Months served'), integer: true, unit: t('个月', 'months'), optional: true,
        hint: t('须服务满一年（12 个月）以上。', 'At least one year (12 months).') }),
      selectField({ name: 'platformRegistered', label: t('已在物业行业监管平台完成信用建档、小区信息登记并公示服务事项', 'Registered on the supervision platform, with services publicised'), options: yesNo(), convert: toBool }),
      newly, occupancy,
    ] },
    { title: t('其他', 'Other'), fields: [
      selectField({ name: 'location', label: t('小区所在县（市）区', 'County or district of the estate'), optional: true,
        options: [['', t('未选择', 'not given')], ...locations()], value: '',
        hint: t('灵武市、贺兰县、永宁县参照执行本办法，当地规定可能不同（第二十六条）。', 'Lingwu, Helan and Yongning apply the measure by reference; local rules may differ (Art. 26).') }),
      selectField({ name: 'previousStars', label: t('上次评定结果', 'Previous rating'),
        options: [['', t('未填写', 'not given')], ['0', w[0]], ...[1, 2, 3, 4, 5].map((n) => [String(n), w[n]])], convert: Number,
        hint: t('连续两次评定为二星级及以下的，将收到提醒函（第二十五条）。', 'Two ratings of 2 stars or below in a row bring a reminder letter (Art. 25).') }),
      dateField({ name: 'asOf', label: t('估算日期', 'Estimate date'), value: today() }),
    ] },
  ];
  const calc = calculatorForm({
    api, calculator: id, groups, render, entry, onState, live: true, submitLabel: t('评定', 'Rate'),
    announce: (r) => `${msg(r.label)}${t('，总分 ', ', total ')}${r.total}`,
    // Rate once every category has a score, so that nobody is told off mid-typing.
    ready: (req) => ['satisfaction', 'governance', 'rectification'].every((k) => req.scores?.[k] !== undefined)
      && (req.scores?.contract !== undefined || Object.keys(req.contractItems ?? {}).length === contractItems().length),
  });
  // The sub-items sit inside the score group, right after the toggle.
  itemsToggle.element.after(items);
  for (const f of itemFields) items.append(f.element);

  const expired = entry?.inForce?.to && entry.inForce.to < today();
  panel.append(
    expired ? h('p', { class: 'expired', role: 'note' },
      h('strong', {}, t(`本办法已于 ${entry.inForce.to} 有效期届满。`, `This measure expired on ${entry.inForce.to}.`)), ' ',
      t('以下按该办法最后公布的规则估算，仅供参考；现行评定请以主管部门最新规定为准。', 'The estimate applies its last published rules, for reference only; current ratings follow the authority\'s latest rules.')) : null,
    h('p', { class: 'intro' }, t('输入四项得分，即时查看星级、各单项达标情况、评定结果带来的影响，以及升到下一星级还差多少分。',
      'Type the four scores to see the stars at once, each category against its thresholds, what the result brings, and what the next star would take.')),
    calc.form, calc.result);
  return calc;
}

function starsText(n) {
  return n === 0 ? t('不达标', 'Not up to standard') : '★'.repeat(n) + '☆'.repeat(5 - n);
}

function render(r) {
  return [
    h('h2', {}, t('估算结果', 'Estimate')),
    h('p', { class: `stars stars-${r.stars}`, 'data-testid': 'stars', 'data-stars': String(r.stars) },
      h('span', { class: 'glyphs', 'aria-hidden': 'true' }, starsText(r.stars)), ' ', h('span', { class: 'label' }, msg(r.label))),
    h('dl', { class: 'figures' },
      h('dt', {}, t('总分', 'Total')), h('dd', { 'data-testid': 'total' }, `${r.total} / ${r.maxTotal}`),
      h('dt', {}, t('评定机关', 'Rated by')), h('dd', {}, r.ratedBy === 'districtAuthority'
        ? t('辖区物业主管部门复评认定', 'the district property authority, after the street office')
        : t('街道办事处（乡镇人民政府）', 'the street office (township government)')),
      h('dt', {}, t('信用分', 'Credit points')), h('dd', {}, r.creditPoints === null ? t('第二十三条未规定（不达标）', 'none given by Art. 23 (not up to standard)')
        : r.creditPoints > 0 ? `+${r.creditPoints}` : `${r.creditPoints}`)),
    categoryBars(r),
    nextStar(r),
    h('section', { class: 'explain consequences' }, h('h3', {}, t('评定结果的影响', 'What the result brings')),
      h('ul', {}, [r.ratedByNote, r.creditPointsNote, ...r.consequences].filter(Boolean).map((c) => h('li', {}, withArticle(c))))),
    conditions(r),
    explanation(r),
    h('section', { class: 'explain timing' }, h('h3', {}, t('时间安排', 'Timing')),
      h('ul', {}, r.timing.map((x) => h('li', {}, withArticle(x))))),
  ];
}

/** Each category's share of its maximum against the 70% and 85% lines. */
function categoryBars(r) {
  return h('section', { class: 'explain categories' }, h('h3', {}, t('各单项得分（虚线：70% 与 85%）', 'Each category (dashed lines: 70% and 85%)')),
    h('ul', { class: 'bars' }, r.categories.map((c) => {
      const pct = Number(c.share) * 100;
      const level = pct >= 85 ? 'high' : pct >= 70 ? 'mid' : 'low';
      const fill = h('span', { class: `fill ${level}` });
      fill.style.width = `${Math.min(100, pct)}%`;
      const shown = `${Math.round(pct * 100) / 100}%`;
      return h('li', {},
        h('span', { class: 'name' }, msg(c)),
        h('span', { class: 'bar', role: 'img', 'aria-label': `${c.score} / ${c.max}${t('，', ', ')}${shown}` }, fill,
          h('span', { class: 'line l70' }), h('span', { class: 'line l85' })),
        h('span', { class: 'value' }, `${c.score} / ${c.max}${t(`（${shown}）`, ` (${shown})`)}`));
    })));
}

function nextStar(r) {
  const n = r.nextStar;
  if (!n) return r.stars === 5 ? h('p', { class: 'next' }, t('已是最高星级。', 'This is the highest rating.')) : null;
  const names = Object.fromEntries(categories().map(([key, label]) => [key, label]));
  const raises = n.categoryMinimums.filter((m) => m.increase !== '0');
  const w = starWords();
  return h('section', { class: 'explain next', 'data-testid': 'next-star' },
    h('h3', {}, t(`升至${w[n.stars]}`, `To reach ${w[n.stars]}`)),
    h('p', {}, t('总分至少还需增加 ', 'The total must rise by at least '), h('strong', {}, t(`${n.pointsNeeded} 分`, `${n.pointsNeeded} points`)),
      t(`（达到 ${n.totalNeeded} 分）。`, ` (to ${n.totalNeeded}).`)),
    raises.length ? h('ul', {}, raises.map((m) => h('li', {}, t(`${names[m.key]}须≥ ${m.minimum} 分（+${m.increase}）`, `${names[m.key]} ≥ ${m.minimum} (+${m.increase})`)))) : null,
    n.freePoints !== '0' ? h('p', {}, t(`其余 ${n.freePoints} 分可来自任一尚未满分的单项。`, `The other ${n.freePoints} points may come from any category with room left.`)) : null);
}

function conditions(r) {
  const status = { met: ['✓', t('已满足', 'met')], unmet: ['✗', t('未满足', 'not met')], unknown: ['?', t('未填写', 'not given')] };
  return h('section', { class: 'explain conditions' }, h('h3', {}, t('申报条件（不影响星级估算）', 'Conditions to apply (the stars are unaffected)')),
    h('ul', {}, r.applicationConditions.map((c) => {
      const [mark, word] = status[c.status];
      return h('li', { class: `status-${c.status}` }, h('span', { 'aria-hidden': 'true' }, mark), ' ', h('strong', {}, c.article), ' ', msg(c), t(`（${word}）`, ` (${word})`));
    })),
    h('p', {}, r.eligibleToApply === true ? t('可以申报星级评定。', 'The project may apply for a rating.')
      : r.eligibleToApply === false ? t('暂不符合申报条件；街道办事处仍可依第九条对未申报的小区进行评定。', 'It cannot apply yet; the street office may still rate it under Art. 9.')
        : t('申报条件信息不全，无法判断能否申报。', 'Not enough information to tell whether it may apply.')));
}
