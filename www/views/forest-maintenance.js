// 生态公益林养护管理补偿（逐年）— forest-maintenance (SPEC §2).

import { barChart } from '../chart.js';
import { msg, t } from '../i18n.js';
import { calculatorForm, checkField, dateField, eligibility, explanation, h, money, numberField, radioField, route, yuan } from '../ui.js';
import { asOfField, ratedAs, standGroups } from './forest-fields.js';

export const id = 'forest-maintenance';
export const title = () => t('养护管理补偿', 'Maintenance');

const bands = () => ({
  base: t('10 年（含）以内', 'up to 10 years'),
  declining: t('11—15 年，逐年递减 20%', '11–15 years, 20% less each year'),
  reduced: t('16—20 年', '16–20 years'),
  mature: t('大于 20 年，未达自然生长条件', 'over 20, not self-sustaining'),
  selfSustaining: t('大于 20 年，已自然生长', 'over 20, self-sustaining'),
});

export function mount(panel, { api, entry, onState }) {
  const zone = radioField({ name: 'zone', label: t('区域（第十条）', 'Zone (Art. 10)'), value: 'sandy', options: [
    ['sandy', t('风沙、荒漠区和山地丘陵区', 'Sandy, desert and hill areas'),
      t('毛乌素沙地分布区、绿洲外围沙漠、戈壁、剥蚀山地，贺兰山等浅山坡地丘陵区：防风固沙、水源涵养、水土保持林',
        'Mu Us sands, deserts and gobi around the oasis, eroded hills, the Helan foothills: wind-break, sand-fixing, water and soil conservation forests')],
    ['oasis', t('绿洲（河套灌区）和河岸水渠道路居民区', 'Oasis (Hetao irrigation area), river banks, canals, roads and settlements'),
      t('农田防护、护岸护路等防护型生态公益林', 'Farmland shelter, bank and road protection forests')],
  ] });
  const groups = standGroups({
    conditionsArticle: t('第四条', 'Art. 4'),
    technicalLabel: t('种植密度、树种、规格等符合造林作业设计要求，并符合造林技术规程、森林抚育规程、生态公益林建设导则（第四条）',
      'Planting density, species and specification follow the afforestation design, and the forest meets the afforestation, tending and ecological-forest standards (Art. 4)'),
  });
  // 第九条: a city-directed task is paid by the city even in a county (the engine decides; this only asks).
  const cityDirected = checkField({ name: 'cityDirectedTask', label: t('属于市直相关国土绿化建设任务（第九条）', 'Part of a city-directed greening task (Art. 9)'),
    hint: t('属于此类任务的生态公益林，即使位于县（市），也由市级财政承担，按市级途径申报。', 'The city then pays, even for a forest in a county, and the city route applies.') });
  groups[0].fields.splice(1, 0, cityDirected, zone);
  groups[0].fields.push(checkField({ name: 'selfSustaining', label: t('林分已能自然生长，生态系统趋于稳定', 'The stand is self-sustaining with a stable ecosystem'),
    hint: t('仅对建设年限大于 20 年的年度有影响：此时不再补偿。', 'Matters only for years past age 20: no compensation then.') }));
  groups.push({ title: t('申请与估算', 'Application and estimate'), fields: [
    dateField({ name: 'applicationDate', label: t('申请日期', 'Application date'), optional: true,
      hint: t('6 月 30 日（含）前申请，自下一年度起补偿；之后申请，自再下一年度起。不填则按估算日期。',
        'By 30 June: funded from next year; later: from the year after. Defaults to the estimate date.') }),
    numberField({ name: 'horizonYears', label: t('预测年数', 'Years to project'), integer: true, value: '10', unit: t('年', 'years'), hint: t('1—50 年。', '1 to 50.') }),
    asOfField(),
  ] });
  const calc = calculatorForm({ api, calculator: id, groups, render, entry, onState, announce });
  panel.append(
    h('p', { class: 'intro' }, t('符合条件的生态公益林，按区域、林种和建设年限逐年给予养护管理补偿；须每年 6 月底前申请下一年度资金。',
      'Qualifying ecological forests receive a yearly maintenance compensation by zone, forest type and stand age; apply by the end of June each year for the next year.')),
    calc.form, calc.result);
  return calc;
}

const years = (n) => t(`${n} 年`, `${n} year${n === 1 ? '' : 's'}`);
const projected = (r) => r.schedule.some((row) => row.beyondValidity);

/** The engine's own statement when the schedule has years but none within the measure's validity; else null. */
function noYearWithin(r) {
  if (r.schedule.length === 0 || r.yearsWithinValidity > 0) return null;
  return r.warnings.find((w) => w.code === 'noYearWithinValidity')
    ?? { messageZh: '本办法有效期内没有可补偿的年度；以下金额均为预测。', messageEn: 'No funded year falls within the measure\'s validity; every amount below is a projection.' };
}

/** What the live region says: the same headline as the page. */
function announce(r) {
  const none = noYearWithin(r);
  if (none) {
    return `${msg(none)}${t(`含预测合计 ${yuan(r.total)} 元。`, ` Including projection: ¥${yuan(r.total)}.`)}${r.eligible ? '' : t('暂不符合条件。', ' Does not meet the conditions yet.')}`;
  }
  const n = r.yearsWithinValidity;
  return t(`有效期内合计 ${yuan(r.totalWithinValidity)} 元（${n} 年）${projected(r) ? `，含预测合计 ${yuan(r.total)} 元` : ''}；${r.eligible ? '符合条件' : '暂不符合条件'}。`,
    `Total within the measure's validity ¥${yuan(r.totalWithinValidity)} (${years(n)})${projected(r) ? `; including projection ¥${yuan(r.total)}` : ''}; ${r.eligible ? 'meets the conditions' : 'does not meet the conditions yet'}.`);
}

function render(r) {
  const none = noYearWithin(r);
  const n = r.yearsWithinValidity;
  const all = r.schedule.length;
  return [
    h('h2', {}, t('估算结果', 'Estimate')),
    // Conditions met but nothing due within the validity: a notice, not the green banner.
    none && r.eligible
      ? h('p', { class: 'badge notice' }, t('申报条件均已满足，但本办法有效期内没有可补偿的年度', 'The conditions are met, but no funded year falls within the measure\'s validity'))
      : eligibility(r, t('符合养护补偿条件', 'Meets the conditions for maintenance compensation'), t('暂不符合养护补偿条件', 'Does not meet the conditions yet')),
    none ? h('p', { class: 'headline-notice', 'data-testid': 'no-year-within' }, msg(none)) : null,
    h('dl', { class: 'figures' },
      none ? null : [
        h('dt', {}, r.eligible ? t(`有效期内合计（${n} 年）`, `Total within the measure's validity (${years(n)})`)
          : t(`如符合条件，有效期内合计（${n} 年）`, `If it qualified, total within the measure's validity (${years(n)})`)),
        h('dd', { class: 'amount', 'data-testid': 'total-within' }, money(r.totalWithinValidity))],
      projected(r) ? [
        h('dt', {}, t(`含预测合计（${all} 年）`, `Including projection (${years(all)})`)),
        h('dd', { class: 'projection', 'data-testid': 'total' }, money(r.total))] : null,
      h('dt', {}, t('计算', 'Calculation')),
      h('dd', {}, `${ratedAs(r.ratedAs)}${t('，', ', ')}${r.zone === 'sandy' ? t('风沙、荒漠及山地丘陵区', 'sandy, desert and hill areas') : t('绿洲及河岸水渠道路居民区', 'oasis, banks, canals, roads and settlements')}${t('，', ', ')}${r.areaMu} ${t('亩', 'mu')}`),
      h('dt', {}, t('首个补偿年度', 'First funded year')),
      h('dd', {}, t(`${r.firstFundedYear} 年（申请日期 ${r.applicationDate}，当年建设年限 ${r.standAge} 年）`,
        `${r.firstFundedYear} (applied ${r.applicationDate}, stand age ${r.standAge} that year)`))),
    schedule(r),
    // The statement above is the headline: not repeated among the warnings.
    explanation(none ? { ...r, warnings: r.warnings.filter((w) => w !== none) } : r),
    route(r),
  ];
}

function schedule(r) {
  if (r.schedule.length === 0) return h('p', {}, t('预测期内没有可补偿的年度。', 'No year in the projection receives compensation.'));
  const beyond = r.schedule.some((row) => row.beyondValidity);
  const b = bands();
  const markedLabel = t('超出有效期（预测）', 'beyond validity (projection)');
  const chart = barChart({
    rows: r.schedule.map((row) => ({ label: String(row.year), value: Number(row.amount), text: money(row.amount), marked: row.beyondValidity })),
    title: t('逐年补偿金额', 'Compensation by year'),
    description: t(`${r.schedule[0].year}—${r.schedule.at(-1).year} 年逐年金额，有效期内合计 ${yuan(r.totalWithinValidity)} 元，含预测合计 ${yuan(r.total)} 元；斜线为超出办法有效期的预测年度。`,
      `Yearly amounts ${r.schedule[0].year}–${r.schedule.at(-1).year}: ¥${yuan(r.totalWithinValidity)} within the measure's validity, ¥${yuan(r.total)} including projection; hatched years are beyond the validity.`),
    markedLabel,
  });
  return h('div', { class: 'schedule-block' },
    h('figure', { class: 'chart-wrap' }, chart),
    h('div', { class: 'table-wrap' },
      h('table', { class: 'schedule' },
        h('caption', {}, t('逐年补偿预测', 'Year-by-year projection')),
        h('thead', {}, h('tr', {},
          [t('年度', 'Year'), t('建设年限', 'Age'), t('阶段', 'Band'), t('标准（元/亩/年）', 'Rate (yuan/mu/yr)'), t('金额（元）', 'Amount (yuan)')].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, r.schedule.map((row) => h('tr', { class: row.beyondValidity ? 'beyond' : null },
          h('th', { scope: 'row' }, String(row.year), row.beyondValidity ? h('span', { class: 'mark', title: markedLabel }, '＊') : null),
          h('td', {}, String(row.age)),
          h('td', {}, b[row.band]),
          h('td', { class: 'num' }, row.ratePerMu),
          h('td', { class: 'num' }, yuan(row.amount))))),
        h('tfoot', {}, h('tr', {},
          h('th', { scope: 'row', colspan: '4' }, beyond ? t('含预测合计', 'Total including projection') : t('合计', 'Total')),
          h('td', { class: 'num' }, yuan(r.total)))))),
    beyond ? h('p', { class: 'hint' }, t('＊ 超出办法有效期的年度：假设办法按原标准延续的预测（见下方提示）。',
      '* Years beyond the measure\'s validity: a projection assuming it is renewed unchanged (see the warnings below).')) : null);
}
