// The working under each result (docs/rulebook.md §5 "Steps"; www/ui/explanation.js): a
// "计算过程" / "How it was worked out" section, closed until opened, listing the engine's
// steps in order, word for word, each with its article; built when first opened; on the
// printed sheet whether open or not; reached and opened with the keyboard; axe-core clean.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { articleEn } from '../../www/i18n.js';
import { launch, openPage, serveWww } from './browser.mjs';
import { cases, workedExample } from './cases.mjs';
import { catalog, evaluate } from './engine.mjs';
import { stateOf } from './forms.mjs';

let server;
let browser;
before(async () => { server = await serveWww(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const link = (params) => `${server.url}#${new URLSearchParams(params)}`;
/** A calculator's request as a link that computes it (the page's URL fragment). */
const linkTo = (v, calculator, input, more = {}) => link({ v, ...stateOf(calculator, input), ...more });
const pages = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;

/** The steps as the engine gives them, as the page should show them in `lang`. */
const expectedSteps = (steps, lang) => steps.map((s) => ({
  formula: lang === 'en' ? s.formulaEn : s.formulaZh,
  article: lang === 'en' ? articleEn(s.article) : s.article,
}));

/** The steps a working section shows: each item's formula and its article chip. */
const shownSteps = (working) => working.locator('ol.steps > li').evaluateAll((items) => items.map((li) => ({
  formula: li.querySelector('.formula').textContent,
  article: li.querySelector(':scope > details > summary, :scope > .article').textContent,
})));

const summaryOf = (working) => working.locator(':scope > summary');
async function open(working) {
  await summaryOf(working).click();
  await working.locator('ol.steps').waitFor();
}

const maintenanceSteps = evaluate('forest-maintenance', workedExample.input).result.steps;
const maintenanceLink = () => linkTo('forest-maintenance', 'forest-maintenance', workedExample.input);

test('the engine gives the worked example seven steps (docs/rulebook.md §2)', () => {
  assert.deepEqual(maintenanceSteps.map((s) => s.formulaZh), [
    '第十条（一）2 灌木林 10 年内 130 元/亩/年；第 14 年递减 4 次：130 × 0.8⁴ = 53.248 元/亩/年',
    '× 120.5 亩 = 6,416.384 → 6,416.38 元（四舍五入到分）',
    '第十条（一）2 灌木林 10 年内 130 元/亩/年；第 15 年递减 5 次：130 × 0.8⁵ = 42.5984 元/亩/年',
    '× 120.5 亩 = 5,133.1072 → 5,133.11 元（四舍五入到分）',
    '第十条（一）2 灌木林 16—20 年 20 元/亩/年；第 16 年：20 × 120.5 亩 = 2,410.00 元',
    '6,416.38 + 5,133.11 + 2,410.00 = 13,959.49 元',
    '其中有效期内（第二十三条，2027 年及以前的年度）：6,416.38 元',
  ]);
});

test('maintenance worked example: 计算过程 is closed, built when opened, the seven steps word for word; in English too, still open', async () => {
  const page = await openPage(browser, maintenanceLink());
  const panel = page.locator('#panel-forest-maintenance');
  await panel.getByTestId('total').waitFor();
  const working = panel.getByTestId('working');
  assert.equal(await summaryOf(working).textContent(), '计算过程');
  assert.equal(await working.evaluate((d) => d.tagName === 'DETAILS' && d.open), false, 'closed by default');
  assert.equal(await working.locator('ol.steps').count(), 0, 'nothing built before it is opened');
  // After the notes, before the sources.
  assert.deepEqual(await working.evaluate((d) => [d.previousElementSibling.className, d.nextElementSibling.className]), ['explain notes', 'explain citations']);

  await open(working);
  assert.equal(await working.locator('ol.steps > li').count(), 7);
  assert.deepEqual(await shownSteps(working), expectedSteps(maintenanceSteps, 'zh'));
  assert.equal(await working.locator('ol.steps > li').first().isVisible(), true);
  // A step's article opens its text, like the citations.
  const chip = working.locator('ol.steps > li').last().locator('details');
  await chip.locator('summary').click();
  await page.waitForFunction(() => /^第二十三条/.test(document.querySelector('#panel-forest-maintenance [data-testid=working] li:last-child blockquote')?.textContent ?? ''));

  // The other language: the result is written again, the working left open as the reader had it.
  await page.getByRole('button', { name: 'English' }).click();
  const en = panel.getByTestId('working');
  await summaryOf(en).filter({ hasText: 'How it was worked out' }).waitFor();
  assert.equal(await en.evaluate((d) => d.open), true);
  assert.deepEqual(await shownSteps(en), expectedSteps(maintenanceSteps, 'en'));
  assert.equal((await shownSteps(en))[0].formula.startsWith('Article 10(1)2 shrub forest, first 10 years 130 yuan/mu/year; year 14, reduced 4 times'), true);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('keyboard: Tab reaches the summary, Enter opens it and shows the steps', async () => {
  const page = await openPage(browser, maintenanceLink());
  const panel = page.locator('#panel-forest-maintenance');
  await panel.getByTestId('total').waitFor();
  await panel.getByRole('button', { name: '计算' }).focus();
  const onSummary = () => page.evaluate(() => document.activeElement?.matches('[data-testid=working] > summary') ?? false);
  let presses = 0;
  while (!(await onSummary()) && presses < 30) {
    await page.keyboard.press('Tab');
    presses += 1;
  }
  assert.equal(await onSummary(), true, `not reached in ${presses} presses of Tab`);
  await page.keyboard.press('Enter');
  const working = panel.getByTestId('working');
  await working.locator('ol.steps > li').first().waitFor();
  assert.equal(await working.evaluate((d) => d.open), true);
  assert.equal(await working.locator('ol.steps > li').count(), maintenanceSteps.length);
  await page.keyboard.press('Enter');
  assert.equal(await working.evaluate((d) => d.open), false);
  await page.close();
});

test('printed: the sheet carries the steps though the section is closed, and the English sheet stays one A4 page', async () => {
  const page = await openPage(browser, maintenanceLink());
  const panel = page.locator('#panel-forest-maintenance');
  await panel.getByTestId('total').waitFor();
  const working = panel.getByTestId('working');
  for (const lang of ['zh', 'en']) {
    if (lang === 'en') {
      await page.getByRole('button', { name: 'English' }).click();
      await summaryOf(working).filter({ hasText: 'How it was worked out' }).waitFor();
    }
    assert.equal(await working.evaluate((d) => d.open), false);
    await page.emulateMedia({ media: 'print' });
    await working.locator('ol.steps > li').last().waitFor({ state: 'visible' });
    assert.deepEqual(await shownSteps(working), expectedSteps(maintenanceSteps, lang));
    for (const li of await working.locator('ol.steps > li').all()) assert.equal(await li.isVisible(), true);
    assert.equal(await summaryOf(working).isVisible(), true, 'its heading is printed');
    // The verbatim texts stay off paper; the articles print as plain text.
    assert.equal(await working.locator('blockquote').first().isVisible(), false);
    assert.equal(pages(await page.pdf({ format: 'A4' })), 1, `${lang}: one page`);
    await page.emulateMedia({ media: 'screen' });
    await page.waitForFunction(() => !document.querySelector('#panel-forest-maintenance [data-testid=working]').open);
  }
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('star rating 46/27/18/9: the total and each category against its line, then the band; open while scores change', async () => {
  const star = cases.find((c) => c.calculator === 'property-star' && c.name.startsWith('worked example: 46/27/18/9'));
  const { steps } = evaluate('property-star', star.input).result;
  const page = await openPage(browser, linkTo('property-star', 'property-star', star.input));
  const panel = page.locator('#panel-property-star');
  await panel.getByTestId('stars').waitFor();
  const working = panel.getByTestId('working');
  await open(working);
  const shown = await shownSteps(working);
  assert.deepEqual(shown, expectedSteps(steps, 'zh'));
  assert.equal(shown[0].formula, '合同履行 46 + 满意度 27 + 基层治理 18 + 整改 9 = 100 分（满分 110 分）');
  assert.deepEqual(shown.slice(1, 5).map((s) => s.formula), ['合同履行 46 ≥ 42.5（50 × 85%）', '满意度 27 ≥ 25.5（30 × 85%）', '基层治理 18 ≥ 17（20 × 85%）', '整改 9 ≥ 8.5（10 × 85%）']);
  assert.match(shown.at(-1).formula, /^总分 100 ≥ 95 且各项均 ≥ 85% → 五星级$/);
  // Another score: the new result's working, still open, says the new figures.
  const other = { ...star.input, scores: { ...star.input.scores, contract: '40' } };
  await panel.getByRole('textbox', { name: /^物业服务合同履行情况/ }).first().fill('40');
  await page.waitForFunction(() => /^合同履行 40 \+/.test(document.querySelector('#panel-property-star [data-testid=working] .formula')?.textContent ?? ''));
  assert.equal(await working.evaluate((d) => d.open), true);
  assert.deepEqual(await shownSteps(working), expectedSteps(evaluate('property-star', other).result.steps, 'zh'));
  assert.deepEqual(page.errors, []);
  await page.close();
});

/** Village candidates as the ranking view's link carries them: name, the four indicators, the negative-list flags. */
const villageKeys = ['featuredIndustry', 'projectFunding', 'collectiveIncome', 'integrationEntities'];
const villages = (n) => Array.from({ length: n }, (_, i) => [`村${i + 1}`, String(50 + (i * 37) % 50), String(100 + (i * 53) % 900), String(500 + (i * 71) % 1000), String(1 + (i % 9)), i % 17 === 5 ? 'badCredit' : '']);
const rankingRequest = (rows) => ({ level: 'village', candidates: rows.map(([name, ...rest]) => ({
  name, indicators: Object.fromEntries(villageKeys.map((k, i) => [k, rest[i]])), ...(rest[4] ? { [rest[4]]: true } : {}),
})) });

test('ranking: one step per candidate, in the engine\'s order; hundreds of candidates are built only when opened', async () => {
  for (const n of [5, 240]) {
    const rows = villages(n);
    const { steps } = evaluate('five-strong-ranking', rankingRequest(rows)).result;
    const page = await openPage(browser, link({ v: 'five-strong-ranking', level: 'village', rows: JSON.stringify(rows), go: '1' }));
    const panel = page.locator('#panel-five-strong-ranking');
    await panel.getByTestId('ranking').waitFor();
    const working = panel.getByTestId('working');
    assert.equal(await working.locator('li').count(), 0, `${n}: no step built while closed`);
    await open(working);
    const shown = await shownSteps(working);
    assert.deepEqual(shown, expectedSteps(steps, 'zh'), `${n} candidates`);
    // Every candidate has its step, named first.
    for (const [name] of rows) assert.equal(shown.filter((s) => s.formula.startsWith(`${name}：`)).length, 1, name);
    assert.ok(shown.length > n);
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});

test('every calculator view shows its working; the combined stand view one per measure', async () => {
  const first = (calculator) => cases.find((c) => c.calculator === calculator && c.expect.ok);
  const construction = first('forest-construction');
  const five = first('five-strong');
  for (const [v, calculator, input] of [['forest-construction', 'forest-construction', construction.input], ['five-strong', 'five-strong', five.input]]) {
    const { steps } = evaluate(calculator, input).result;
    assert.ok(steps.length > 0, v);
    const page = await openPage(browser, linkTo(v, calculator, input));
    const working = page.locator(`#panel-${v}`).getByTestId('working');
    await working.waitFor();
    await open(working);
    assert.deepEqual(await shownSteps(working), expectedSteps(steps, 'zh'), v);
    assert.deepEqual(page.errors, []);
    await page.close();
  }
  // One stand, both measures: each measure's own steps under its own heading.
  const keysOf = (id) => new Set(catalog().find((c) => c.id === id).fields.map((f) => f.key));
  const only = (id, input) => Object.fromEntries(Object.entries(input).filter(([k]) => keysOf(id).has(k)));
  const stand = { ...workedExample.input, priorPublicFunding: false };
  const page = await openPage(browser, link({ ...stateOf('forest-maintenance', workedExample.input), ...stateOf('forest-construction', only('forest-construction', stand)), v: 'forest-stand' }));
  const panel = page.locator('#panel-forest-stand');
  await panel.getByTestId('combined').waitFor();
  assert.equal(await panel.getByTestId('working').count(), 2);
  for (const [part, id] of [['construction', 'forest-construction'], ['maintenance', 'forest-maintenance']]) {
    const working = panel.getByTestId(part).getByTestId('working');
    await open(working);
    assert.deepEqual(await shownSteps(working), expectedSteps(evaluate(id, only(id, stand)).result.steps, 'zh'), part);
  }
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('axe-core: no WCAG 2.1 AA violation with the working open, in either language', async () => {
  const found = [];
  for (const lang of ['zh', 'en']) {
    const page = await openPage(browser, linkTo('forest-maintenance', 'forest-maintenance', workedExample.input, lang === 'en' ? { lang } : {}));
    const working = page.locator('#panel-forest-maintenance').getByTestId('working');
    await working.waitFor();
    await open(working);
    await working.locator('ol.steps details').first().locator('summary').click();
    const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
    for (const x of r.violations) found.push(`${lang}: ${x.id} (${x.nodes.length}) ${x.nodes[0].target.join(' ')}`);
    await page.close();
  }
  assert.deepEqual(found, []);
});
