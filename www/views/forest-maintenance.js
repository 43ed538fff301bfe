// 生态公益林养护管理补偿（逐年）— forest-maintenance (SPEC §2).

import { calculatorForm, checkField, dateField, eligibility, explanation, h, numberField, radioField, route, yuan } from '../ui.js';
import { asOfField, RATED_AS, standGroups } from './forest-fields.js';

export const id = 'forest-maintenance';
export const title = '养护管理补偿';

const BANDS = {
  base: '10 年（含）以内',
  declining: '11—15 年，逐年递减 20%',
  reduced: '16—20 年',
  mature: '大于 20 年，未达自然生长条件',
  selfSustaining: '大于 20 年，已自然生长',
};

export function mount(panel, api) {
  const zone = radioField({ name: 'zone', label: '区域（第十条）', value: 'sandy', options: [
    ['sandy', '风沙、荒漠区和山地丘陵区', '毛乌素沙地分布区、绿洲外围沙漠、戈壁、剥蚀山地，贺兰山等浅山坡地丘陵区：防风固沙、水源涵养、水土保持林'],
    ['oasis', '绿洲（河套灌区）和河岸水渠道路居民区', '农田防护、护岸护路等防护型生态公益林'],
  ] });
  const groups = standGroups({
    conditionsArticle: '第四条',
    technicalLabel: '种植密度、树种、规格等符合造林作业设计要求，并符合造林技术规程、森林抚育规程、生态公益林建设导则（第四条）',
  });
  groups[0].fields.splice(1, 0, zone);
  groups[0].fields.push(checkField({ name: 'selfSustaining', label: '林分已能自然生长，生态系统趋于稳定',
    hint: '仅对建设年限大于 20 年的年度有影响：此时不再补偿。' }));
  groups.push({ title: '申请与估算', fields: [
    dateField({ name: 'applicationDate', label: '申请日期', optional: true,
      hint: '6 月 30 日（含）前申请，自下一年度起补偿；之后申请，自再下一年度起。不填则按估算日期。' }),
    numberField({ name: 'horizonYears', label: '预测年数', integer: true, value: '10', unit: '年', hint: '1—50 年。' }),
    asOfField(),
  ] });
  const { form, result } = calculatorForm({ api, calculator: id, groups, render });
  panel.append(
    h('p', { class: 'intro' }, '符合条件的生态公益林，按区域、林种和建设年限逐年给予养护管理补偿；须每年 6 月底前申请下一年度资金。'),
    form, result);
}

function render(r) {
  return [
    h('h2', {}, '估算结果'),
    eligibility(r, '符合养护补偿条件', '暂不符合养护补偿条件'),
    h('dl', { class: 'figures' },
      h('dt', {}, r.eligible ? `${r.schedule.length} 年合计` : `如符合条件，${r.schedule.length} 年合计`),
      h('dd', { class: 'amount', 'data-testid': 'total' }, `${yuan(r.total)} 元`),
      h('dt', {}, '计算'),
      h('dd', {}, `${RATED_AS[r.ratedAs]}，${r.zone === 'sandy' ? '风沙、荒漠及山地丘陵区' : '绿洲及河岸水渠道路居民区'}，${r.areaMu} 亩`),
      h('dt', {}, '首个补偿年度'),
      h('dd', {}, `${r.firstFundedYear} 年（申请日期 ${r.applicationDate}，当年建设年限 ${r.standAge} 年）`)),
    schedule(r),
    ...explanation(r),
    ...route(r),
  ];
}

function schedule(r) {
  if (r.schedule.length === 0) return h('p', {}, '预测期内没有可补偿的年度。');
  const beyond = r.schedule.some((row) => row.beyondValidity);
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'schedule' },
      h('caption', {}, '逐年补偿预测'),
      h('thead', {}, h('tr', {},
        ['年度', '建设年限', '阶段', '标准（元/亩/年）', '金额（元）'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, r.schedule.map((row) => h('tr', { class: row.beyondValidity ? 'beyond' : null },
        h('th', { scope: 'row' }, String(row.year), row.beyondValidity ? h('span', { class: 'mark', title: '超出办法有效期的预测' }, '＊') : null),
        h('td', {}, String(row.age)),
        h('td', {}, BANDS[row.band]),
        h('td', { class: 'num' }, row.ratePerMu),
        h('td', { class: 'num' }, yuan(row.amount))))),
      h('tfoot', {}, h('tr', {},
        h('th', { scope: 'row', colspan: '4' }, '合计'),
        h('td', { class: 'num' }, yuan(r.total))))),
    beyond ? h('p', { class: 'hint' }, '＊ 超出办法有效期的年度：假设办法按原标准延续的预测（见下方提示）。') : null);
}
