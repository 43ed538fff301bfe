// 生态公益林养护管理补偿（逐年）— forest-maintenance (docs/rulebook.md §2).

import { barChart } from '../chart.js';
import { schema } from '../ui/catalog.js';
import { h } from '../ui/elements.js';
import { eligibility, explanation, route } from '../ui/explanation.js';
import { checkField, choiceField, dateField, numberField } from '../ui/fields.js';
import { calculatorForm } from '../ui/form.js';
import { addDecimals, money, yuan } from '../ui/numbers.js';
import { asOfField, ratedAs, standCheck, standGroups } from './forest-fields.js';

export const id = 'forest-maintenance';
export const title = (tr) => tr.t('养护管理补偿', 'Forest maintenance');

/**
 * The months' names in English, for the deadline in the intro. Written out: a
 * first Intl.DateTimeFormat costs a fresh page some 10 ms of loading locale
 * data, on the way to the first result.
 */
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The schedule's age bands, in words, from the catalog's figures (第十条). */
function bands(s, tr) {
  const [base, decline, reduced] = ['baseLastAge', 'declineLastAge', 'reducedLastAge'].map((k) => Number(s.figure(k)));
  const less = s.fig('yearlyDecline');
  return {
    base: tr.t(`${base} 年（含）以内`, `up to ${base} years`),
    declining: tr.t(`${base + 1}—${decline} 年，逐年递减 ${less}`, `${base + 1}–${decline} years, ${less} less each year`),
    reduced: tr.t(`${decline + 1}—${reduced} 年`, `${decline + 1}–${reduced} years`),
    mature: tr.t(`大于 ${reduced} 年，未达自然生长条件`, `over ${reduced}, not self-sustaining`),
    selfSustaining: tr.t(`大于 ${reduced} 年，已自然生长`, `over ${reduced}, self-sustaining`),
  };
}

export function mount(panel, { api, entry, tr, onState }) {
  const s = schema(entry, tr);
  const zone = choiceField(tr, s.field('zone'), { widget: 'radio', legacy: 'sandy', article: true, details: {
    sandy: tr.t('毛乌素沙地分布区、绿洲外围沙漠、戈壁、剥蚀山地，贺兰山等浅山坡地丘陵区：防风固沙、水源涵养、水土保持林',
      'Mu Us sands, deserts and gobi around the oasis, eroded hills, the Helan foothills: wind-break, sand-fixing, water and soil conservation forests'),
    oasis: tr.t('农田防护、护岸护路等防护型生态公益林', 'Farmland shelter, bank and road protection forests'),
  } });
  const groups = standGroups(s, tr);
  // 第九条: a city-directed task is paid by the city even in a county (the engine decides; this only asks).
  const cityDirected = checkField(tr, s.field('cityDirectedTask'), { article: true });
  groups[0].fields.splice(1, 0, cityDirected, zone);
  groups[0].fields.push(checkField(tr, s.field('selfSustaining')));
  groups.push({ title: tr.t('申请与估算', 'Application and estimate'), fields: [
    dateField(tr, s.field('applicationDate')),
    numberField(tr, s.field('horizonYears')),
    asOfField(s, tr),
  ] });
  const b = bands(s, tr);
  const calc = calculatorForm({ api, tr, calculator: id, groups,
    check: standCheck(s, tr, groups, { ageDate: (r) => r.applicationDate ?? r.asOf }), render: (r) => render(r, tr, b, s), entry, onState, announce: (r) => announce(r, tr) });
  const month = Number(s.figure('deadlineMonth'));
  const monthEn = MONTHS_EN[month - 1];
  panel.append(
    h('p', { class: 'intro' }, tr.t(`符合条件的生态公益林，按区域、林种和建设年限逐年给予养护管理补偿；须每年 ${month} 月底前申请下一年度资金。`,
      `Qualifying ecological forests receive a yearly maintenance compensation by zone, forest type and stand age; apply by the end of ${monthEn} each year for the next year.`)),
    calc.form, calc.result);
  return calc;
}

const years = (n, tr) => tr.t(`${n} 年`, `${n} year${n === 1 ? '' : 's'}`);
const projected = (r) => r.schedule.some((row) => row.beyondValidity);

/** The engine's own statement when the schedule has years but none within the measure's validity; else null. */
function noYearWithin(r) {
  if (r.schedule.length === 0 || r.yearsWithinValidity > 0) return null;
  return r.warnings.find((w) => w.code === 'noYearWithinValidity')
    ?? { messageZh: '本办法有效期内没有可补偿的年度；以下金额均为预测。', messageEn: 'No funded year falls within the measure\'s validity; every amount below is a projection.' };
}

/** What the live region says: the same headline as the page. */
function announce(r, tr) {
  const none = noYearWithin(r);
  if (none) {
    return `${tr.msg(none)}${tr.t(`含预测合计 ${yuan(r.total)} 元。`, ` Including projection: ¥${yuan(r.total)}.`)}${r.eligible ? '' : tr.t('暂不符合条件。', ' Does not meet the conditions yet.')}`;
  }
  const n = r.yearsWithinValidity;
  return tr.t(`有效期内合计 ${yuan(r.totalWithinValidity)} 元（${n} 年）${projected(r) ? `，含预测合计 ${yuan(r.total)} 元` : ''}；${r.eligible ? '符合条件' : '暂不符合条件'}。`,
    `Total within the measure's validity ¥${yuan(r.totalWithinValidity)} (${years(n, tr)})${projected(r) ? `; including projection ¥${yuan(r.total)}` : ''}; ${r.eligible ? 'meets the conditions' : 'does not meet the conditions yet'}.`);
}

function render(r, tr, bands, s) {
  const zone = s.field('zone').options.find((o) => o.value === r.zone);
  const none = noYearWithin(r);
  const n = r.yearsWithinValidity;
  const all = r.schedule.length;
  return [
    h('h2', {}, tr.t('估算结果', 'Estimate')),
    // Conditions met but nothing due within the validity: a notice, not the green banner.
    none && r.eligible
      ? h('p', { class: 'badge notice' }, tr.t('申报条件均已满足，但本办法有效期内没有可补偿的年度', 'The conditions are met, but no funded year falls within the measure\'s validity'))
      : eligibility(r, tr.t('符合养护补偿条件', 'Meets the conditions for maintenance compensation'), tr.t('暂不符合养护补偿条件', 'Does not meet the conditions yet')),
    none ? h('p', { class: 'headline-notice', 'data-testid': 'no-year-within' }, tr.msg(none)) : null,
    h('dl', { class: 'figures' },
      none ? null : [
        h('dt', {}, r.eligible ? tr.t(`有效期内合计（${n} 年）`, `Total within the measure's validity (${years(n, tr)})`)
          : tr.t(`如符合条件，有效期内合计（${n} 年）`, `If it qualified, total within the measure's validity (${years(n, tr)})`)),
        h('dd', { class: 'amount', 'data-testid': 'total-within' }, money(r.totalWithinValidity, tr))],
      projected(r) ? [
        h('dt', {}, tr.t(`含预测合计（${all} 年）`, `Including projection (${years(all, tr)})`)),
        h('dd', { class: 'projection', 'data-testid': 'total' }, money(r.total, tr))] : null,
      h('dt', {}, tr.t('计算', 'Calculation')),
      h('dd', {}, `${ratedAs(r.ratedAs, tr)}${tr.t('，', ', ')}${zone ? tr.of(zone, 'label') : r.zone}${tr.t('，', ', ')}${r.areaMu} ${tr.t('亩', 'mu')}`),
      h('dt', {}, tr.t('首个补偿年度', 'First funded year')),
      h('dd', {}, tr.t(`${r.firstFundedYear} 年（申请日期 ${r.applicationDate}，当年建设年限 ${r.standAge} 年）`,
        `${r.firstFundedYear} (applied ${r.applicationDate}, stand age ${r.standAge} that year)`))),
    // Under the headline, built once it is on screen (ui/form.js).
    () => [
      schedule(r, tr, bands),
      // The statement above is the headline: not repeated among the warnings.
      explanation(none ? { ...r, warnings: r.warnings.filter((w) => w !== none) } : r, tr),
      route(r, tr),
    ],
  ];
}

function schedule(r, tr, b) {
  if (r.schedule.length === 0) return h('p', {}, tr.t('预测期内没有可补偿的年度。', 'No year in the projection receives compensation.'));
  const beyond = r.schedule.some((row) => row.beyondValidity);
  const markedLabel = tr.t('超出有效期（预测）', 'beyond validity (projection)');
  const chart = (size) => barChart({
    rows: r.schedule.map((row) => ({ label: String(row.year), value: Number(row.amount), text: money(row.amount, tr), marked: row.beyondValidity })),
    title: tr.t('逐年补偿金额', 'Compensation by year'),
    description: tr.t(`${r.schedule[0].year}—${r.schedule.at(-1).year} 年逐年金额，有效期内合计 ${yuan(r.totalWithinValidity)} 元，含预测合计 ${yuan(r.total)} 元；斜线为超出办法有效期的预测年度。`,
      `Yearly amounts ${r.schedule[0].year}–${r.schedule.at(-1).year}: ¥${yuan(r.totalWithinValidity)} within the measure's validity, ¥${yuan(r.total)} including projection; hatched years are beyond the validity.`),
    markedLabel,
    bands: bandTotals(r.schedule, tr),
    ...size,
  });
  // Drawn twice: wide for a screen, narrow with larger text for a phone (style.css shows one).
  const charts = [chart({ className: 'chart-wide' }), chart({ className: 'chart-narrow', width: 320, fontSize: 14 })];
  return h('div', { class: 'schedule-block' },
    h('figure', { class: 'chart-wrap' }, charts),
    h('div', { class: 'table-wrap' },
      h('table', { class: 'schedule' },
        h('caption', {}, tr.t('逐年补偿预测', 'Year-by-year projection')),
        h('thead', {}, h('tr', {},
          [tr.t('年度', 'Year'), tr.t('建设年限', 'Age'), tr.t('阶段', 'Band'), tr.t('标准（元/亩/年）', 'Rate (yuan/mu/yr)'), tr.t('金额（元）', 'Amount (yuan)')].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, r.schedule.map((row) => h('tr', { class: row.beyondValidity ? 'beyond' : null },
          h('th', { scope: 'row' }, String(row.year), row.beyondValidity ? h('span', { class: 'mark', title: markedLabel }, '＊') : null),
          h('td', { class: 'age', 'data-label': tr.t('建设年限', 'Age') }, String(row.age)),
          h('td', { class: 'band' }, b[row.band]),
          h('td', { class: 'num rate', 'data-label': tr.t('标准（元/亩/年）', 'Rate (yuan/mu/yr)') }, row.ratePerMu),
          h('td', { class: 'num amount' }, yuan(row.amount))))),
        h('tfoot', {}, h('tr', {},
          h('th', { scope: 'row', colspan: '4' }, beyond ? tr.t('含预测合计', 'Total including projection') : tr.t('合计', 'Total')),
          h('td', { class: 'num' }, yuan(r.total)))))),
    beyond ? h('p', { class: 'hint' }, tr.t('＊ 超出办法有效期的年度：假设办法按原标准延续的预测（见下方提示）。',
      '* Years beyond the measure\'s validity: a projection assuming it is renewed unchanged (see the warnings below).')) : null);
}

/** The schedule's runs of years in one band (and on one side of the validity), each with its total: lines under the chart. */
function bandTotals(schedule, tr) {
  const runs = [];
  for (const row of schedule) {
    const last = runs.at(-1);
    if (last && last.band === row.band && last.marked === row.beyondValidity) {
      last.to = row.year;
      last.total = addDecimals(last.total, row.amount);
    } else runs.push({ band: row.band, marked: row.beyondValidity, from: row.year, to: row.year, total: row.amount });
  }
  return runs.map((x) => ({ marked: x.marked, text: x.from === x.to
    ? tr.t(`${x.from} 年：${money(x.total, tr)}`, `${x.from}: ${money(x.total, tr)}`)
    : tr.t(`${x.from}—${x.to} 年：${money(x.total, tr)}`, `${x.from}–${x.to}: ${money(x.total, tr)}`) }));
}
