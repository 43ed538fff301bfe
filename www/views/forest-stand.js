// 一块林地·两项补偿 — one stand, both forest measures (docs/rulebook.md §1, §2):
// the stand is described once, and the page asks the engine twice, once per
// measure (forest-construction, forest-maintenance), each with only the fields
// that calculator's catalog lists. The result shows both, side by side with
// what they would pay together and what each still lacks.

import { schema } from '../ui/catalog.js';
import { bookTitle, h, uniqueId } from '../ui/elements.js';
import { eligibility, explanation, route } from '../ui/explanation.js';
import { checkField, choiceField, dateField, numberField } from '../ui/fields.js';
import { calculatorForm } from '../ui/form.js';
import { addDecimals, money, yuan } from '../ui/numbers.js';
import { inForceText } from '../ui/sheet.js';
import { asOfField, ratedAs, standCheck, standGroups } from './forest-fields.js';

export const id = 'forest-stand';
export const title = (tr) => tr.t('一块林地·两项补偿', 'One stand, both measures');

const CONSTRUCTION = 'forest-construction';
const MAINTENANCE = 'forest-maintenance';

/** The request's entries that a calculator's catalog lists (the engine refuses any other). */
const keysOf = (entry) => new Set(entry.fields.map((f) => f.key));
const pick = (request, keys) => Object.fromEntries(Object.entries(request).filter(([k]) => keys.has(k)));

/**
 * The engine as the form sees it: one request for the stand, two evaluations,
 * each with its calculator's own fields. The first refusal answers (the form
 * then checks the rest); else {construction, maintenance}.
 */
function bothMeasures(api, construction, maintenance) {
  const [cKeys, mKeys] = [keysOf(construction), keysOf(maintenance)];
  return {
    evaluate(_id, request) {
      const c = api.evaluate(CONSTRUCTION, pick(request, cKeys));
      if (!c.ok) return c;
      const m = api.evaluate(MAINTENANCE, pick(request, mKeys));
      if (!m.ok) return m;
      return { ok: true, result: { asOf: m.result.asOf, construction: c.result, maintenance: m.result } };
    },
  };
}

/**
 * The stand's fields as both measures know them: the maintenance measure's,
 * and where the construction measure words a condition otherwise, its words
 * in the hint (one answer serves both).
 */
function sharedSchema(sm, sc, tr, construction) {
  const strip = (s) => String(s ?? '').replace(/[。.]$/, '');
  return {
    ...sm,
    field(path) {
      const m = sm.field(path);
      if (!sc.has(path)) return m;
      const c = sc.field(path);
      if (c.labelZh === m.labelZh && c.labelEn === m.labelEn) return m;
      const name = tr.of(construction, 'title');
      return { ...m,
        hintZh: [m.hintZh, `${name}（${c.article}）的表述：${strip(c.labelZh)}。`].filter(Boolean).join(''),
        hintEn: [m.hintEn, `As the ${name.toLowerCase()} words it (${tr.article(c.article)}): ${strip(c.labelEn)}.`].filter(Boolean).join(' ') };
    },
  };
}

/**
 * The estimate sheet's head names both measures: 《甲》《乙》（文号） when they share
 * a document number and a period of validity, else the construction measure's
 * (each measure's section names its own).
 */
function sheetEntry(construction, maintenance) {
  const at = (d) => d.lastIndexOf('（');
  const [c, m] = [construction.document, maintenance.document];
  const same = at(c) > 0 && at(m) > 0 && c.slice(at(c)) === m.slice(at(m))
    && construction.inForce.from === maintenance.inForce.from && construction.inForce.to === maintenance.inForce.to;
  return { titleZh: title({ t: (zh) => zh }), titleEn: title({ t: (_, en) => en }), inForce: construction.inForce,
    document: same ? `${c.slice(0, at(c))}》《${m}` : c };
}

/** "依据：《…》，有效期 … 至 …" for one measure. */
const sourceLine = (entry, tr, cls) => h('p', { class: cls }, tr.t('依据：', 'Source: '), bookTitle(entry.document), tr.t('，', ', '), inForceText(entry, tr, { trial: true }));

export function mount(panel, { api, entries, tr, onState }) {
  const construction = entries.get(CONSTRUCTION);
  const maintenance = entries.get(MAINTENANCE);
  const [sc, sm] = [schema(construction, tr), schema(maintenance, tr)];
  const [cName, mName] = [tr.of(construction, 'title'), tr.of(maintenance, 'title')];

  // What both measures ask of the stand: once.
  const groups = standGroups(sharedSchema(sm, sc, tr, construction), tr);
  const both = tr.t('（两项共用）', ' (both measures)');
  const [cSurvival, mSurvival] = [sc.field('survivalRate'), sm.field('survivalRate')];
  groups[0].title = tr.t(`林地与林种${both}`, `Land and forest type${both}`);
  groups[1].title = tr.t(`成活与保存情况（建设补偿${cSurvival.article}，养护补偿${mSurvival.article}）`,
    `Survival and retention (construction ${tr.article(cSurvival.article)}, maintenance ${tr.article(mSurvival.article)})`);
  groups[2].title = tr.t(`申报条件${both}`, `Conditions to apply${both}`);

  // What only one measure asks, in a section of its own.
  const funding = sc.field('priorPublicFunding');
  groups.push({ title: tr.t(`仅${cName}`, `${cName} only`), fields: [
    checkField(tr, funding, { note: tr.t(`已享受上述资金的，不享受建设补偿（${funding.article}）。`,
      `Such forests receive no construction compensation (${tr.article(funding.article)}).`) }),
  ] });
  groups.push({ title: tr.t(`仅${mName}`, `${mName} only`), fields: [
    choiceField(tr, sm.field('zone'), { widget: 'radio', article: true }),
    checkField(tr, sm.field('cityDirectedTask'), { article: true }),
    checkField(tr, sm.field('selfSustaining')),
    dateField(tr, sm.field('applicationDate')),
    numberField(tr, sm.field('horizonYears')),
  ] });
  groups.push({ title: tr.t(`估算${both}`, `Estimate${both}`), fields: [asOfField(sm, tr)] });

  // Each measure's own checks of what the stand's description lacks (its stand age counted in its own year).
  const checks = [standCheck(sc, tr, groups), standCheck(sm, tr, groups, { ageDate: (r) => r.applicationDate ?? r.asOf })];
  const calc = calculatorForm({ api: bothMeasures(api, construction, maintenance), tr, calculator: id, groups,
    check: (request, present) => checks.flatMap((c) => c(request, present)),
    entry: sheetEntry(construction, maintenance), onState,
    render: (r) => render(r, tr, { construction, maintenance, sm }),
    announce: (r) => announce(r, tr) });
  panel.append(
    h('h2', { class: 'view-title' }, title(tr)),
    sourceLine(construction, tr, 'source'),
    sourceLine(maintenance, tr, 'source'),
    h('p', { class: 'intro' }, tr.t(`同一块林地只填一次，同时估算${cName}和${mName}：两项共用的情况填一次，各项特有的条件分列在各自的部分。`,
      `Describe the stand once to estimate both the ${cName.toLowerCase()} and the ${mName.toLowerCase()}: what both ask is entered once, what only one asks in its own section.`)),
    calc.form, calc.result);
  return calc;
}

const years = (n, tr) => tr.t(`${n} 年`, `${n} year${n === 1 ? '' : 's'}`);

/** The two amounts together: the construction amount and the maintenance total within validity (and with the projection). */
function totals(r) {
  const { construction: c, maintenance: m } = r;
  const projected = m.schedule.some((row) => row.beyondValidity);
  const payable = [c.eligible ? c.amount : '0', m.eligible ? m.totalWithinValidity : '0'];
  return {
    within: addDecimals(c.amount, m.totalWithinValidity),
    projection: projected ? addDecimals(c.amount, m.total) : null,
    payable: addDecimals(...payable),
    both: c.eligible && m.eligible,
    any: c.eligible || m.eligible,
  };
}

function announce(r, tr) {
  const t = totals(r);
  const state = (x) => (x.eligible ? tr.t('符合条件', 'meets the conditions') : tr.t('暂不符合条件', 'does not meet the conditions yet'));
  return tr.t(`两项合计 ${money(t.within, tr)}（有效期内）；建设补偿${state(r.construction)}，养护补偿${state(r.maintenance)}。`,
    `Both together ${money(t.within, tr)} (within validity); construction ${state(r.construction)}, maintenance ${state(r.maintenance)}.`);
}

function render(r, tr, { construction, maintenance, sm }) {
  const { construction: c, maintenance: m } = r;
  const t = totals(r);
  const n = m.yearsWithinValidity;
  const [cName, mName] = [tr.of(construction, 'title'), tr.of(maintenance, 'title')];
  const verdict = t.both ? tr.t('两项均符合条件', 'Both measures: conditions met')
    : c.eligible ? tr.t('建设补偿符合条件，养护补偿暂不符合', 'Construction: met; maintenance: not yet')
      : m.eligible ? tr.t('养护补偿符合条件，建设补偿暂不符合', 'Maintenance: met; construction: not yet')
        : tr.t('两项均暂不符合条件', 'Neither measure\'s conditions are met yet');
  const lacking = (x, name) => h('li', {}, h('strong', {}, name), tr.t('：', ': '),
    x.reasons.length
      ? tr.t(`尚缺 ${x.reasons.length} 项条件（${[...new Set(x.reasons.map((q) => q.article))].join('、')}），见下文。`,
        `${x.reasons.length} condition${x.reasons.length === 1 ? '' : 's'} not met yet (${[...new Set(x.reasons.map((q) => tr.article(q.article)))].join(', ')}), see below.`)
      : tr.t('条件均已满足。', 'every condition is met.'));
  return [
    h('h2', {}, tr.t('估算结果', 'Estimate')),
    h('p', { class: `badge ${t.both ? 'ok' : 'no'}` }, verdict),
    h('dl', { class: 'figures stand-totals' },
      h('dt', {}, t.both ? tr.t(`两项合计（建设补偿 + 养护补偿有效期内 ${years(n, tr)}）`, `Both together (construction + maintenance within validity, ${years(n, tr)})`)
        : tr.t(`如两项均符合条件，合计（建设补偿 + 养护补偿有效期内 ${years(n, tr)}）`, `If both qualified, together (construction + maintenance within validity, ${years(n, tr)})`)),
      h('dd', { class: 'amount', 'data-testid': 'combined' }, money(t.within, tr)),
      !t.both && t.any ? [
        h('dt', {}, tr.t('其中按目前所填符合条件的部分', 'Of which the measures whose conditions are met now')),
        h('dd', { 'data-testid': 'combined-payable' }, money(t.payable, tr))] : null,
      t.projection ? [
        h('dt', {}, tr.t(`含养护补偿超出有效期的预测（共 ${years(m.schedule.length, tr)}）`, `Including the maintenance projection beyond validity (${years(m.schedule.length, tr)} in all)`)),
        h('dd', { class: 'projection', 'data-testid': 'combined-projection' }, money(t.projection, tr))] : null),
    h('section', { class: 'explain stand-lacking' }, h('h3', {}, tr.t('各项尚缺的条件', 'What each measure still lacks')),
      h('ul', {}, lacking(c, cName), lacking(m, mName))),
    constructionSection(c, tr, construction),
    maintenanceSection(m, tr, maintenance, sm),
  ];
}

/** A measure's part of the result: its heading, source, eligibility, figures and explanation. */
function measureSection(entry, result, tr, testid, body) {
  const headingId = uniqueId(testid);
  return h('section', { class: 'measure', 'data-testid': testid, 'aria-labelledby': headingId },
    h('h3', { class: 'measure-title', id: headingId }, tr.of(entry, 'title')),
    sourceLine(entry, tr, 'measure-source'),
    body,
    explanation(result, tr),
    route(result, tr));
}

function constructionSection(c, tr, entry) {
  return measureSection(entry, c, tr, 'construction', [
    eligibility(c, tr.t('符合建设补偿条件', 'Meets the conditions for construction compensation'), tr.t('暂不符合建设补偿条件', 'Does not meet the conditions for construction compensation yet')),
    h('dl', { class: 'figures' },
      h('dt', {}, c.eligible ? tr.t('一次性建设补偿', 'One-time compensation') : tr.t('如符合条件，一次性建设补偿为', 'If it qualified, the compensation would be')),
      h('dd', { class: 'amount', 'data-testid': 'construction-amount' }, money(c.amount, tr)),
      h('dt', {}, tr.t('计算', 'Calculation')),
      h('dd', {}, tr.t(`${ratedAs(c.ratedAs, tr)} ${c.ratePerMu} 元/亩 × ${c.areaMu} 亩`, `${ratedAs(c.ratedAs, tr)}: ${c.ratePerMu} yuan/mu × ${c.areaMu} mu`)),
      h('dt', {}, tr.t('建设年限', 'Stand age')),
      h('dd', {}, tr.t(`${years(c.standAge, tr)}（${c.asOf.slice(0, 4)} 年）`, `${years(c.standAge, tr)} (in ${c.asOf.slice(0, 4)})`))),
  ]);
}

function maintenanceSection(m, tr, entry, sm) {
  const zone = sm.field('zone').options.find((o) => o.value === m.zone);
  const n = m.yearsWithinValidity;
  const projected = m.schedule.some((row) => row.beyondValidity);
  const beyondText = tr.t('超出有效期（预测）', 'beyond validity (projection)');
  return measureSection(entry, m, tr, 'maintenance', [
    eligibility(m, tr.t('符合养护补偿条件', 'Meets the conditions for maintenance compensation'), tr.t('暂不符合养护补偿条件', 'Does not meet the conditions for maintenance compensation yet')),
    h('dl', { class: 'figures' },
      h('dt', {}, m.eligible ? tr.t(`有效期内合计（${years(n, tr)}）`, `Total within the measure's validity (${years(n, tr)})`)
        : tr.t(`如符合条件，有效期内合计（${years(n, tr)}）`, `If it qualified, total within the measure's validity (${years(n, tr)})`)),
      h('dd', { class: 'amount', 'data-testid': 'maintenance-within' }, money(m.totalWithinValidity, tr)),
      projected ? [
        h('dt', {}, tr.t(`含预测合计（${years(m.schedule.length, tr)}）`, `Including projection (${years(m.schedule.length, tr)})`)),
        h('dd', { class: 'projection', 'data-testid': 'maintenance-total' }, money(m.total, tr))] : null,
      h('dt', {}, tr.t('计算', 'Calculation')),
      h('dd', {}, `${ratedAs(m.ratedAs, tr)}${tr.t('，', ', ')}${zone ? tr.of(zone, 'label') : m.zone}${tr.t('，', ', ')}${m.areaMu} ${tr.t('亩', 'mu')}`),
      m.firstFundedYear ? [
        h('dt', {}, tr.t('首个补偿年度', 'First funded year')),
        h('dd', {}, tr.t(`${m.firstFundedYear} 年（申请日期 ${m.applicationDate}，当年建设年限 ${years(m.standAge, tr)}）`,
          `${m.firstFundedYear} (applied ${m.applicationDate}, stand age ${years(m.standAge, tr)} that year)`))] : null),
    m.schedule.length === 0 ? h('p', {}, tr.t('预测期内没有可补偿的年度。', 'No year in the projection receives compensation.'))
      : h('div', { class: 'table-wrap' },
        h('table', { class: 'schedule' },
          h('caption', {}, tr.t('逐年补偿预测', 'Year-by-year projection')),
          h('thead', {}, h('tr', {},
            [tr.t('年度', 'Year'), tr.t('建设年限', 'Age'), tr.t('标准（元/亩/年）', 'Rate (yuan/mu/yr)'), tr.t('金额（元）', 'Amount (yuan)'), tr.t('有效期', 'Validity')]
              .map((x) => h('th', { scope: 'col' }, x)))),
          h('tbody', {}, m.schedule.map((row) => h('tr', { class: row.beyondValidity ? 'beyond' : null },
            h('th', { scope: 'row' }, String(row.year)),
            h('td', {}, String(row.age)),
            h('td', { class: 'num' }, row.ratePerMu),
            h('td', { class: 'num' }, yuan(row.amount)),
            h('td', {}, row.beyondValidity ? beyondText : tr.t('有效期内', 'within'))))),
          h('tfoot', {}, h('tr', {},
            h('th', { scope: 'row', colspan: '3' }, projected ? tr.t('含预测合计', 'Total including projection') : tr.t('合计', 'Total')),
            h('td', { class: 'num' }, yuan(m.total)),
            h('td', {}, ''))))),
  ]);
}
