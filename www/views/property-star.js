// 住宅小区物业服务质量星级评定 — property-star (SPEC §3).

import { calculatorForm, checkField, dateField, explanation, h, multiCheckField, numberField, selectField } from '../ui.js';
import { today } from './forest-fields.js';

export const id = 'property-star';
export const title = '物业服务星级';

const CATEGORIES = [
  ['contract', '物业服务合同履行情况', 50],
  ['satisfaction', '业主满意度', 30],
  ['governance', '融入基层治理、红色物业及重大决策部署执行', 20],
  ['rectification', '各级检查反馈问题整改情况', 10],
];

const CONTRACT_ITEMS = [
  ['basicManagement', '基础管理'], ['publicDisclosure', '公开公示'], ['sanitation', '环境卫生管理'],
  ['orderMaintenance', '秩序维护管理'], ['greening', '绿化管理'], ['sharedFacilities', '共用设施设备维护'],
  ['renovation', '装修管理'], ['bonus', '加分项目'],
];

const DISQUALIFIERS = [
  ['safetyAccident', '发生一般及以上安全生产责任事故', '截止申报前一年内，经调查属物业服务企业原因'],
  ['groupPetition', '因物业服务管理不善引发业主群体上访事件'],
  ['majorDecisionFailure', '在文明城市、卫生城市建设等重大决策部署中严重失误，影响考评结果'],
  ['blacklisted', '申报项目已导致企业列入行业“黑名单”'],
  ['noIntegrityRecord', '未签订诚信经营信用承诺、未建立信用信息档案'],
  ['falseMaterials', '申报材料弄虚作假'],
  ['privacyBreach', '工作人员出售或非法提供业主、物业使用人个人信息，经查证属实'],
  ['otherSerious', '其他严重影响物业服务品质、损害行业形象及业主权益的情形'],
];

const YES_NO = [['', '未填写'], ['true', '是'], ['false', '否']];
const toBool = (v) => v === 'true';
const STATUS = { met: ['✓', '已满足'], unmet: ['✗', '未满足'], unknown: ['?', '未填写'] };
const STAR_WORDS = ['不达标', '一星级', '二星级', '三星级', '四星级', '五星级'];

export function mount(panel, api, entry) {
  const scoreFields = CATEGORIES.map(([key, label, max]) =>
    numberField({ name: key, into: 'scores', label, unit: `/ ${max} 分`, hint: key === 'contract' ? '含基础管理、公开公示、环境卫生、秩序维护、绿化、共用设施设备、装修管理、加分项目。' : null }));
  const itemsToggle = checkField({ name: 'useItems', label: '按八个分项填写合同履行得分（分项之和即该项得分）' });
  itemsToggle.write = () => {};
  const itemFields = CONTRACT_ITEMS.map(([key, label]) => numberField({ name: key, into: 'contractItems', label, unit: '分' }));
  const items = h('div', { class: 'sub-items', hidden: true }, itemFields.map((f) => f.element));
  const syncItems = () => {
    const on = itemsToggle.element.querySelector('input').checked;
    items.hidden = !on;
    scoreFields[0].element.hidden = on;
  };
  itemsToggle.element.addEventListener('change', syncItems);

  const newly = selectField({ name: 'newlyDelivered', label: '是否为新交付或新更换物业服务企业的小区', options: YES_NO, convert: toBool });
  const occupancy = numberField({ name: 'occupancyRate', label: '业主入住率', percent: true, hint: '新交付、新更换企业的小区须达到 50% 以上（第五条）。' });
  const syncNew = () => { occupancy.element.hidden = newly.input.value !== 'true'; };
  newly.input.addEventListener('change', syncNew);
  syncNew();

  const groups = [
    { title: '评分（第十一条，总分 110 分）', fields: [...scoreFields, itemsToggle, ...itemFields] },
    { title: '不达标情形（第十六条）', fields: [multiCheckField({ name: 'disqualifiers', label: '存在以下任一情形的，无论得分均评定为不达标',
      options: DISQUALIFIERS })] },
    { title: '申报条件（第八条、第五条）：仅作提示，不影响星级估算', fields: [
      selectField({ name: 'hasContract', label: '申报项目有物业服务合同约定', options: YES_NO, convert: toBool }),
      numberField({ name: 'serviceMonths', label: '已服务月数', integer: true, unit: '个月', optional: true, hint: '须服务满一年（12 个月）以上。' }),
      selectField({ name: 'platformRegistered', label: '已在物业行业监管平台完成信用建档、小区信息登记并公示服务事项', options: YES_NO, convert: toBool }),
      newly, occupancy,
    ] },
    { title: '其他', fields: [
      selectField({ name: 'previousStars', label: '上次评定结果', options: [['', '未填写'], ['0', '不达标'], ...[1, 2, 3, 4, 5].map((n) => [String(n), STAR_WORDS[n]])], convert: Number,
        hint: '连续两次评定为二星级及以下的，将收到提醒函（第二十五条）。' }),
      dateField({ name: 'asOf', label: '估算日期', value: today() }),
    ] },
  ];
  const { form, result } = calculatorForm({
    api, calculator: id, groups, render, live: true, submitLabel: '评定',
    // Rate once every category has a score, so that nobody is told off mid-typing.
    ready: (req) => ['satisfaction', 'governance', 'rectification'].every((k) => req.scores?.[k] !== undefined)
      && (req.scores?.contract !== undefined || req.contractItems !== undefined),
  });
  // The sub-items sit inside the score group, right after the toggle.
  itemsToggle.element.after(items);
  for (const f of itemFields) items.append(f.element);

  const expired = entry?.inForce?.to && entry.inForce.to < today();
  panel.append(
    expired ? h('p', { class: 'expired', role: 'note' },
      h('strong', {}, '本办法已于 ', entry.inForce.to, ' 有效期届满。'),
      ' 以下按该办法最后公布的规则估算，仅供参考；现行评定请以主管部门最新规定为准。') : null,
    h('p', { class: 'intro' }, '输入四项得分，即时查看星级、各单项达标情况、评定结果带来的影响，以及升到下一星级还差多少分。'),
    form, result);
}

function starsText(n) {
  return n === 0 ? '不达标' : '★'.repeat(n) + '☆'.repeat(5 - n);
}

function render(r) {
  return [
    h('h2', {}, '估算结果'),
    h('p', { class: `stars stars-${r.stars}`, 'data-testid': 'stars', 'aria-label': `${r.label.messageZh}` },
      h('span', { class: 'glyphs', 'aria-hidden': 'true' }, starsText(r.stars)), ' ', h('span', { class: 'label' }, r.label.messageZh)),
    h('dl', { class: 'figures' },
      h('dt', {}, '总分'), h('dd', { 'data-testid': 'total' }, `${r.total} / ${r.maxTotal}`),
      h('dt', {}, '评定机关'), h('dd', {}, r.ratedBy === 'districtAuthority' ? '辖区物业主管部门复评认定' : '街道办事处（乡镇人民政府）'),
      h('dt', {}, '信用分'), h('dd', {}, r.creditPoints === null ? '第二十三条未规定（不达标）' : r.creditPoints > 0 ? `+${r.creditPoints} 分` : `${r.creditPoints} 分`)),
    categoryBars(r),
    nextStar(r),
    h('section', { class: 'explain consequences' }, h('h3', {}, '评定结果的影响'),
      h('ul', {}, r.consequences.map((c) => h('li', {}, h('strong', {}, c.article), ' ', c.messageZh)))),
    conditions(r),
    ...explanation(r),
    h('section', { class: 'explain timing' }, h('h3', {}, '时间安排'),
      h('ul', {}, r.timing.map((t) => h('li', {}, h('strong', {}, t.article), ' ', t.messageZh)))),
  ];
}

/** Each category's share of its maximum against the 70% and 85% lines. */
function categoryBars(r) {
  return h('section', { class: 'explain categories' }, h('h3', {}, '各单项得分（虚线：70% 与 85%）'),
    h('ul', { class: 'bars' }, r.categories.map((c) => {
      const pct = Number(c.share) * 100;
      const level = pct >= 85 ? 'high' : pct >= 70 ? 'mid' : 'low';
      const fill = h('span', { class: `fill ${level}` });
      fill.style.width = `${Math.min(100, pct)}%`;
      const shown = `${(Math.round(pct * 100) / 100)}%`;
      return h('li', {},
        h('span', { class: 'name' }, c.messageZh),
        h('span', { class: 'bar', role: 'img', 'aria-label': `${c.score} / ${c.max} 分，${shown}` }, fill,
          h('span', { class: 'line l70' }), h('span', { class: 'line l85' })),
        h('span', { class: 'value' }, `${c.score} / ${c.max}（${shown}）`));
    })));
}

function nextStar(r) {
  const n = r.nextStar;
  if (!n) {
    return r.stars === 5 ? h('p', { class: 'next' }, '已是最高星级。') : null;
  }
  const names = Object.fromEntries(CATEGORIES.map(([key, label]) => [key, label]));
  const raises = n.categoryMinimums.filter((m) => m.increase !== '0');
  return h('section', { class: 'explain next', 'data-testid': 'next-star' },
    h('h3', {}, `升至${STAR_WORDS[n.stars]}`),
    h('p', {}, '总分至少还需增加 ', h('strong', {}, `${n.pointsNeeded} 分`), `（达到 ${n.totalNeeded} 分）。`),
    raises.length ? h('ul', {}, raises.map((m) => h('li', {}, `${names[m.key]}须≥ ${m.minimum} 分（+${m.increase}）`))) : null,
    n.freePoints !== '0' ? h('p', {}, `其余 ${n.freePoints} 分可来自任一尚未满分的单项。`) : null);
}

function conditions(r) {
  return h('section', { class: 'explain conditions' }, h('h3', {}, '申报条件（不影响星级估算）'),
    h('ul', {}, r.applicationConditions.map((c) => {
      const [mark, word] = STATUS[c.status];
      return h('li', { class: `status-${c.status}` }, h('span', { 'aria-hidden': 'true' }, mark), ' ', h('strong', {}, c.article), ' ', c.messageZh, `（${word}）`);
    })),
    h('p', {}, r.eligibleToApply === true ? '可以申报星级评定。' : r.eligibleToApply === false ? '暂不符合申报条件；街道办事处仍可依第九条对未申报的小区进行评定。' : '申报条件信息不全，无法判断能否申报。'));
}
