// 住宅小区物业服务质量星级评定 — property-star (docs/rulebook.md §3).

import { schema } from '../ui/catalog.js';
import { h, today } from '../ui/elements.js';
import { explanation, withArticle } from '../ui/explanation.js';
import { codesField } from '../ui/codes-field.js';
import { checkField, choiceField, dateField, numberField } from '../ui/fields.js';
import { calculatorForm } from '../ui/form.js';
import { addDecimals, compareDecimals, fractionToPercent, readNumber } from '../ui/numbers.js';

export const id = 'property-star';
export const title = (tr) => tr.t('物业服务星级', 'Property stars');

const NUMERALS = '一二三四五';

/** A rating in words: 0 is 不达标 (not up to standard). */
const starWord = (n, tr) => (n === 0 ? tr.t('不达标', 'not up to standard') : tr.t(`${NUMERALS[n - 1]}星级`, `${n} star${n === 1 ? '' : 's'}`));

export function mount(panel, { api, entry, tr, onState }) {
  const s = schema(entry, tr);
  const scores = s.field('scores');
  const items = s.field('contractItems');
  const scoreFields = scores.fields.map((f) => numberField(tr, s.field(`scores.${f.key}`), { outOf: true, note: f.key === 'contract'
    ? tr.t(`含${items.fields.map((x) => x.labelZh).join('、')}。`, `${items.fields.map((x) => x.labelEn).join(', ')}.`) : '' }));
  const itemsToggle = checkField(tr, { path: 'useItems', kind: 'boolean', required: false,
    labelZh: '按分项填写合同履行得分（分项之和即该项得分）', labelEn: 'Enter the contract score as its sub-items (their sum is the score)',
    hintZh: items.hintZh, hintEn: items.hintEn }, { send: false });
  const itemFields = items.fields.map((f) => numberField(tr, s.field(`contractItems.${f.key}`)));
  const itemsBox = h('div', { class: 'sub-items', hidden: true });
  const contractField = scoreFields[scores.fields.findIndex((f) => f.key === 'contract')];
  const syncItems = () => {
    const on = itemsToggle.input.checked;
    itemsBox.hidden = !on;
    contractField.element.hidden = on;
  };
  itemsToggle.element.addEventListener('change', syncItems);

  const newly = choiceField(tr, s.field('newlyDelivered'));
  const occupancy = numberField(tr, s.field('occupancyRate'), { note: tr.t(`须达到 ${s.fig('minOccupancyRate')} 以上。`, `Must be at least ${s.fig('minOccupancyRate')}.`) });
  const syncNew = () => { occupancy.element.hidden = newly.input.value !== 'true'; };
  newly.element.addEventListener('change', syncNew);
  syncNew();

  const previous = s.field('previousStars');
  const ratings = [];
  for (let n = Number(previous.min); n <= Number(previous.max); n++) ratings.push([String(n), starWord(n, tr)]);
  const disqualifiers = s.field('disqualifiers');
  const art = (key) => tr.article(s.field(key).article);
  const groups = [
    { title: tr.t(`评分（${art('scores')}，总分 ${s.fig('maxTotal')}）`, `Scores (${art('scores')}, out of ${s.figure('maxTotal')})`), fields: [...scoreFields, itemsToggle, ...itemFields] },
    { title: tr.t(`${disqualifiers.labelZh}（${art('disqualifiers')}）`, `${disqualifiers.labelEn} (${art('disqualifiers')})`),
      fields: [codesField(tr, disqualifiers, { legend: tr.of(disqualifiers, 'hint') })] },
    { title: tr.t(`申报条件（${art('hasContract')}、${art('newlyDelivered')}）：仅作提示，不影响星级估算`,
      `Conditions to apply (${art('hasContract')}, ${art('newlyDelivered')}): reported only, the stars are unaffected`), fields: [
      choiceField(tr, s.field('hasContract')),
      numberField(tr, s.field('serviceMonths'), { note: tr.t(`申报须服务满 ${s.fig('minServiceMonths')}。`, `Needs ${s.fig('minServiceMonths')} of service to apply.`) }),
      choiceField(tr, s.field('platformRegistered')),
      newly, occupancy,
    ] },
    { title: tr.t('其他', 'Other'), fields: [
      choiceField(tr, s.field('location')),
      choiceField(tr, previous, { options: ratings }),
      dateField(tr, s.field('asOf'), { value: today() }),
    ] },
  ];
  // Rate once every required category has a score (the contract one, or all its sub-items), so that nobody is told off mid-typing.
  const required = scores.fields.filter((f) => f.required === true).map((f) => f.key);
  const calc = calculatorForm({
    api, tr, calculator: id, groups, render: (r) => render(r, s, tr), entry, onState, live: true, submitLabel: tr.t('评定', 'Rate'),
    announce: (r) => `${tr.msg(r.label)}${tr.t('，总分 ', ', total ')}${r.total}`,
    ready: (req) => required.every((k) => req.scores?.[k] !== undefined)
      && (req.scores?.contract !== undefined || Object.keys(req.contractItems ?? {}).length === items.fields.length),
  });
  // The sub-items sit inside the score group, right after the toggle, with their running total.
  itemsToggle.element.after(itemsBox);
  for (const f of itemFields) itemsBox.append(f.element);
  const running = runningTotal(itemFields, s.field('scores.contract'), tr);
  itemsBox.append(running.element);
  itemsBox.addEventListener('input', running.update);
  itemsBox.addEventListener('change', running.update);
  const summary = starSummary(calc.result, s, tr);

  const expired = entry.inForce.to && entry.inForce.to < today();
  panel.append(
    expired ? h('p', { class: 'expired', role: 'note' },
      h('strong', {}, tr.t(`本办法已于 ${entry.inForce.to} 有效期届满。`, `This measure expired on ${entry.inForce.to}.`)), ' ',
      tr.t('以下按该办法最后公布的规则估算，仅供参考；现行评定请以主管部门最新规定为准。', 'The estimate applies its last published rules, for reference only; current ratings follow the authority\'s latest rules.')) : null,
    h('p', { class: 'intro' }, tr.t('输入四项得分，即时查看星级、各单项达标情况、评定结果带来的影响，以及升到下一星级还差多少分。',
      'Type the four scores to see the stars at once, each category against its thresholds, what the result brings, and what the next star would take.')),
    // The form with the stars and total beside it (a wide screen) or held at the foot of the screen (a phone).
    h('div', { class: 'star-layout' }, calc.form, summary.element), calc.result);
  const setState = calc.setState;
  return { ...calc, setState(state) { setState(state); running.update(); } };
}

/**
 * The sub-items' running total against the contract score's maximum (the
 * catalog's), and a mark beside the item that takes it over: {element, update}.
 */
function runningTotal(itemFields, contract, tr) {
  const max = String(contract.max);
  const unit = tr.of(contract, 'unit');
  const element = h('p', { class: 'items-total', 'data-testid': 'items-total' });
  let mark = null;
  function update() {
    mark?.remove();
    mark = null;
    let sum = '0';
    let typed = 0;
    for (const f of itemFields) {
      const v = readNumber(f.input.value).value;
      if (v === undefined) continue;
      typed += 1;
      sum = addDecimals(sum, v) ?? sum;
      if (!mark && compareDecimals(sum, max) > 0) {
        mark = h('p', { class: 'items-overflow', 'data-testid': 'items-overflow' },
          tr.t(`加上此项，分项合计 ${readableSum(sum)} ${unit}，超过上限 ${max} ${unit}。`,
            `With this item the sub-items add up to ${readableSum(sum)} ${unit}, over the maximum of ${max}.`));
        f.input.closest('.with-unit').after(mark);
      }
    }
    const over = compareDecimals(sum, max) > 0;
    element.classList.toggle('over', over);
    element.replaceChildren(tr.t(`分项合计（已填 ${typed} / ${itemFields.length} 项）：`, `Sub-items so far (${typed} of ${itemFields.length}): `),
      h('strong', {}, `${readableSum(sum)} / ${max} ${unit}`),
      over ? tr.t('，超过上限。', ', over the maximum.') : '');
  }
  update();
  return { element, update };
}

/** A sum as people write it: "55.00" → "55", "45.50" → "45.5". */
const readableSum = (sum) => (sum.includes('.') ? sum.replace(/\.?0+$/, '') : sum);

/**
 * The stars and total kept in sight while typing: a copy of the result's
 * headline, following it (the status line of the form is what speaks).
 */
function starSummary(result, s, tr) {
  const most = Number(s.field('previousStars').max);
  const waiting = tr.t('填写四项得分后，此处即时显示星级和总分。', 'The stars and the total show here as soon as the four scores are in.');
  const body = h('p', { class: 'summary-body' }, waiting);
  const details = h('button', { type: 'button', class: 'link', hidden: true, onclick: () => {
    result.scrollIntoView({ block: 'start' });
    const heading = result.querySelector('h2');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus({ preventScroll: true });
  } }, tr.t('查看详情', 'Details'));
  const element = h('aside', { class: 'star-summary empty', 'data-testid': 'star-summary', 'aria-label': tr.t('星级与总分', 'Stars and total') }, body, details);
  let shown = '';
  const follow = () => {
    const stars = result.querySelector('[data-testid=stars]');
    const total = result.querySelector('[data-testid=total]');
    const key = stars && total ? `${stars.dataset.stars}|${stars.textContent}|${total.textContent}` : '';
    if (key === shown) return;
    shown = key;
    element.classList.toggle('empty', !key);
    details.hidden = !key;
    if (!key) {
      body.replaceChildren(waiting);
      return;
    }
    const n = Number(stars.dataset.stars);
    body.replaceChildren(
      n ? h('span', { class: 'glyphs', 'aria-hidden': 'true' }, starsText(n, most)) : null, n ? ' ' : null,
      h('strong', { class: 'label' }, stars.querySelector('.label').textContent),
      h('span', { class: 'total' }, tr.t(` · 总分 ${total.textContent}`, ` · total ${total.textContent}`)));
    clear();
  };
  // On a phone the summary sits at the foot of the screen: the box being typed in is not left under it.
  const clear = () => {
    const active = element.getRootNode().activeElement;
    if (!active || active === document.body || !element.parentElement.contains(active)) return;
    const box = active.getBoundingClientRect();
    const bar = element.getBoundingClientRect();
    const under = box.bottom - bar.top + 8;
    const across = box.left < bar.right && bar.left < box.right;
    if (across && under > 0 && box.top < bar.bottom) window.scrollBy(0, under);
  };
  new MutationObserver(follow).observe(result, { childList: true });
  return { element };
}

/** The stars as glyphs; 不达标 has none (its label says it once). */
function starsText(n, most) {
  return n === 0 ? '' : '★'.repeat(n) + '☆'.repeat(most - n);
}

/** 不达标: why, first — the disqualifying situations and a total below the lowest band, with their articles. */
const whyReasons = (r) => (r.stars === 0 ? r.reasons.filter((x) => x.code === 'belowMinimumScore' || r.disqualifiers.includes(x.code)) : []);

function whyNotUpToStandard(r, tr) {
  const why = whyReasons(r);
  if (!why.length) return null;
  return h('section', { class: 'explain why', 'data-testid': 'why' }, h('h3', {}, tr.t('不达标的原因', 'Why it is not up to standard')),
    h('ul', {}, why.map((x) => h('li', {}, withArticle(x, tr)))));
}

function render(r, s, tr) {
  const most = Number(s.field('previousStars').max);
  return [
    h('h2', {}, tr.t('估算结果', 'Estimate')),
    h('p', { class: `stars stars-${r.stars}`, 'data-testid': 'stars', 'data-stars': String(r.stars) },
      r.stars ? [h('span', { class: 'glyphs', 'aria-hidden': 'true' }, starsText(r.stars, most)), ' '] : null,
      h('span', { class: 'label' }, tr.msg(r.label))),
    whyNotUpToStandard(r, tr),
    h('dl', { class: 'figures' },
      h('dt', {}, tr.t('总分', 'Total')), h('dd', { 'data-testid': 'total' }, `${r.total} / ${r.maxTotal}`),
      h('dt', {}, tr.t('评定机关', 'Rated by')), h('dd', {}, r.ratedBy === 'districtAuthority'
        ? tr.t('辖区物业主管部门复评认定', 'the district property authority, after the street office')
        : tr.t('街道办事处（乡镇人民政府）', 'the street office (township government)')),
      h('dt', {}, tr.t('信用分', 'Credit points')), h('dd', {}, r.creditPoints === null
        ? tr.t(`${r.creditPointsNote.article}未规定（不达标）`, `none given by ${tr.article(r.creditPointsNote.article)} (not up to standard)`)
        : r.creditPoints > 0 ? `+${r.creditPoints}` : `${r.creditPoints}`)),
    categoryBars(r, s, tr),
    nextStar(r, s, tr, most),
    h('section', { class: 'explain consequences' }, h('h3', {}, tr.t('评定结果的影响', 'What the result brings')),
      h('ul', {}, [r.ratedByNote, r.creditPointsNote, ...r.consequences].filter(Boolean).map((c) => h('li', {}, withArticle(c, tr))))),
    conditions(r, tr),
    // The reasons shown first are not listed again.
    explanation({ ...r, reasons: r.reasons.filter((x) => !whyReasons(r).includes(x)) }, tr),
    h('section', { class: 'explain timing' }, h('h3', {}, tr.t('时间安排', 'Timing')),
      h('ul', {}, r.timing.map((x) => h('li', {}, withArticle(x, tr))))),
  ];
}

/** Each category's share of its maximum against the lines of the 4- and 5-star bands (the catalog's shares). */
function categoryBars(r, s, tr) {
  const [lower, upper] = ['band4MinShare', 'band5MinShare'].map((k) => Number(fractionToPercent(s.figure(k))));
  return h('section', { class: 'explain categories' }, h('h3', {}, tr.t(`各单项得分（虚线：${lower}% 与 ${upper}%）`, `Each category (dashed lines: ${lower}% and ${upper}%)`)),
    h('ul', { class: 'bars' }, r.categories.map((c) => {
      const pct = Number(fractionToPercent(c.share));
      // Not up to standard: no bar is green, whatever its share.
      const level = r.stars === 0 ? 'void' : pct >= upper ? 'high' : pct >= lower ? 'mid' : 'low';
      const fill = h('span', { class: `fill ${level}` });
      fill.style.width = `${Math.min(100, pct)}%`;
      const line = (at) => {
        const el = h('span', { class: 'line' });
        el.style.left = `${at}%`;
        return el;
      };
      const shown = `${Math.round(pct * 100) / 100}%`;
      return h('li', {},
        h('span', { class: 'name' }, tr.msg(c)),
        h('span', { class: 'bar', role: 'img', 'aria-label': `${c.score} / ${c.max}${tr.t('，', ', ')}${shown}` }, fill, line(lower), line(upper)),
        h('span', { class: 'value' }, `${c.score} / ${c.max}${tr.t(`（${shown}）`, ` (${shown})`)}`));
    })));
}

function nextStar(r, s, tr, most) {
  const n = r.nextStar;
  if (!n) return r.stars === most ? h('p', { class: 'next' }, tr.t('已是最高星级。', 'This is the highest rating.')) : null;
  const name = (key) => tr.of(s.field(`scores.${key}`), 'label');
  const raises = n.categoryMinimums.filter((m) => m.increase !== '0');
  return h('section', { class: 'explain next', 'data-testid': 'next-star' },
    h('h3', {}, tr.t(`升至${starWord(n.stars, tr)}`, `To reach ${starWord(n.stars, tr)}`)),
    h('p', {}, tr.t('总分至少还需增加 ', 'The total must rise by at least '), h('strong', {}, tr.t(`${n.pointsNeeded} 分`, `${n.pointsNeeded} points`)),
      tr.t(`（达到 ${n.totalNeeded} 分）。`, ` (to ${n.totalNeeded}).`)),
    raises.length ? h('ul', {}, raises.map((m) => h('li', {}, tr.t(`${name(m.key)}须≥ ${m.minimum} 分（+${m.increase}）`, `${name(m.key)} ≥ ${m.minimum} (+${m.increase})`)))) : null,
    n.freePoints !== '0' ? h('p', {}, tr.t(`其余 ${n.freePoints} 分可来自任一尚未满分的单项。`, `The other ${n.freePoints} points may come from any category with room left.`)) : null);
}

function conditions(r, tr) {
  const status = { met: ['✓', tr.t('已满足', 'met')], unmet: ['✗', tr.t('未满足', 'not met')], unknown: ['?', tr.t('未填写', 'not given')] };
  return h('section', { class: 'explain conditions' }, h('h3', {}, tr.t('申报条件（不影响星级估算）', 'Conditions to apply (the stars are unaffected)')),
    h('ul', {}, r.applicationConditions.map((c) => {
      const [mark, word] = status[c.status];
      return h('li', { class: `status-${c.status}` }, h('span', { 'aria-hidden': 'true' }, mark), ' ', h('strong', {}, tr.article(c.article)), ' ', tr.msg(c), tr.t(`（${word}）`, ` (${word})`));
    })),
    h('p', {}, r.eligibleToApply === true ? tr.t('可以申报星级评定。', 'The project may apply for a rating.')
      : r.eligibleToApply === false ? tr.t('暂不符合申报条件；街道办事处仍可依第九条对未申报的小区进行评定。', 'It cannot apply yet; the street office may still rate it under Art. 9.')
        : tr.t('申报条件信息不全，无法判断能否申报。', 'Not enough information to tell whether it may apply.')));
}
