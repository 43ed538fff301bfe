// One stand, both forest measures (www/views/forest-stand.js): the stand typed
// once, the engine asked once per measure with that calculator's own fields,
// both results with what they pay together; a link restores it, it prints
// both, axe-core finds nothing, the keyboard reaches everything.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { yuan } from '../../www/ui/numbers.js';
import { launch, openPage, serveWww } from './browser.mjs';
import { workedExample } from './cases.mjs';
import { catalog, evaluate } from './engine.mjs';
import { fillRequest } from './forms.mjs';

let server;
let browser;
before(async () => { server = await serveWww(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const shown = (amount) => `${yuan(amount)} 元`;
/** Exact sum of two amounts in yuan with two decimals ("18075.00" + "6416.38"). */
function plus(a, b) {
  const cents = BigInt(a.replace('.', '')) + BigInt(b.replace('.', ''));
  const s = cents.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}
const keysOf = (id) => new Set(catalog().find((c) => c.id === id).fields.map((f) => f.key));
const only = (id, input) => Object.fromEntries(Object.entries(input).filter(([k]) => keysOf(id).has(k)));

/** The worked example's stand (the first case of tests/cases/forest-maintenance.json) and the construction measure's own field. */
const stand = { ...workedExample.input, priorPublicFunding: false };
const expected = workedExample.expect.result;
/** What the engine says of the same stand under the construction measure alone. */
const alone = evaluate('forest-construction', only('forest-construction', stand));

const panelOf = (page) => page.locator('#panel-forest-stand');

/** Opens the combined view and types the stand into it once (the shared fields by the maintenance catalog's labels). */
async function typeStand(page, input = stand) {
  await page.getByRole('tab', { name: '一块林地·两项补偿' }).click();
  const panel = panelOf(page);
  await panel.locator('form').waitFor();
  await fillRequest(panel, 'forest-maintenance', only('forest-maintenance', input));
  await fillRequest(panel, 'forest-construction', { priorPublicFunding: input.priorPublicFunding });
  await panel.getByRole('button', { name: '计算' }).click();
  await panel.getByTestId('combined').waitFor();
  return panel;
}

test('the worked example\'s stand: both measures, each as the engine gives it alone, and what they pay together', async () => {
  assert.equal(alone.ok, true, JSON.stringify(alone));
  assert.equal(alone.result.eligible, false, 'the worked example\'s stand is under the construction measure\'s minimum area');
  const page = await openPage(browser, server.url);
  const panel = await typeStand(page);
  const construction = panel.getByTestId('construction');
  const maintenance = panel.getByTestId('maintenance');
  // Each measure as its own calculator computes it.
  assert.equal(await construction.getByTestId('construction-amount').textContent(), shown(alone.result.amount));
  assert.equal(await maintenance.getByTestId('maintenance-within').textContent(), shown(expected.totalWithinValidity));
  assert.equal(await maintenance.getByTestId('maintenance-total').textContent(), shown(expected.total));
  assert.equal(shown(expected.totalWithinValidity), '6,416.38 元');
  assert.equal(shown(expected.total), '13,959.49 元');
  // Together: the construction amount and the maintenance total within validity; the projection labelled as such.
  assert.equal(await panel.getByTestId('combined').textContent(), shown(plus(alone.result.amount, expected.totalWithinValidity)));
  assert.equal(await panel.getByTestId('combined-projection').textContent(), shown(plus(alone.result.amount, expected.total)));
  assert.match(await panel.getByTestId('combined-projection').evaluate((dd) => dd.previousElementSibling.textContent), /超出有效期的预测/);
  assert.match(await panel.getByTestId('combined').evaluate((dd) => dd.previousElementSibling.textContent), /^如两项均符合条件/);
  // What the measures whose conditions are met pay now: maintenance only.
  assert.equal(await panel.getByTestId('combined-payable').textContent(), shown(expected.totalWithinValidity));
  // The area typed once reached both.
  for (const part of [construction, maintenance]) assert.match(await part.locator('dl.figures').textContent(), new RegExp(`${stand.areaMu} 亩`));
  // A construction-only condition (the minimum area, 第六条) is listed under construction only.
  const [reason] = alone.result.reasons;
  assert.equal(reason.code, 'minimumArea');
  assert.match(await construction.locator('.badge').textContent(), /暂不符合建设补偿条件/);
  assert.equal(await construction.locator('.explain.reasons li').allTextContents().then((x) => x.join('|')), `${reason.article} ${reason.messageZh}`);
  assert.match(await maintenance.locator('.badge').textContent(), /^符合养护补偿条件/);
  assert.equal(await maintenance.locator('.explain.reasons').count(), 0);
  const lacking = await panel.locator('.stand-lacking li').allTextContents();
  assert.deepEqual(lacking.map((x) => x.split('：')[0]), ['生态公益林建设补偿（一次性）', '生态公益林养护管理补偿（逐年）']);
  assert.match(lacking[0], new RegExp(`尚缺 1 项条件（${reason.article}）`));
  assert.match(lacking[1], /条件均已满足/);
  // The schedule with each year's validity in words.
  const rows = await maintenance.locator('table.schedule tbody tr').allTextContents();
  assert.equal(rows.length, expected.schedule.length);
  expected.schedule.forEach((row, i) => {
    assert.ok(rows[i].startsWith(String(row.year)) && rows[i].includes(yuan(row.amount)), rows[i]);
    assert.ok(rows[i].endsWith(row.beyondValidity ? '超出有效期（预测）' : '有效期内'), rows[i]);
  });

  // Prior public funding, asked by the construction measure only: its reason appears under construction only.
  await panel.getByRole('checkbox', { name: /^已享受过中央、自治区/ }).check();
  await page.waitForFunction(() => document.querySelectorAll('#panel-forest-stand [data-testid=construction] .explain.reasons li').length === 2);
  const funded = evaluate('forest-construction', only('forest-construction', { ...stand, priorPublicFunding: true })).result;
  assert.deepEqual(await construction.locator('.explain.reasons li').allTextContents(), funded.reasons.map((r) => `${r.article} ${r.messageZh}`));
  assert.equal(await maintenance.locator('.explain.reasons').count(), 0);
  assert.equal(await maintenance.getByTestId('maintenance-within').textContent(), shown(expected.totalWithinValidity));

  // On paper: one sheet naming both measures, with both results.
  await page.emulateMedia({ media: 'print' });
  const head = panel.locator('.sheet-head');
  assert.equal(await head.isVisible(), true);
  const sheet = await head.textContent();
  assert.match(sheet, /估算单 · 一块林地·两项补偿/);
  assert.match(sheet, /《银川市社会力量投资建设生态公益林建设补偿办法》《银川市生态公益林养护管理补偿办法》（银政规发〔2022〕1号）/);
  assert.ok(sheet.includes(`面积${stand.areaMu} 亩`), sheet);
  for (const part of [construction, maintenance, panel.getByTestId('combined'), panel.locator('.sheet-foot')]) assert.equal(await part.isVisible(), true);
  for (const part of [construction, maintenance]) assert.equal(await part.locator('.measure-source').isVisible(), true);
  assert.equal(await panel.locator('form').isVisible(), false);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a stand that meets both: the combined amount is what both pay', async () => {
  const input = { ...stand, forestType: 'arbor', areaMu: '600' };
  const c = evaluate('forest-construction', only('forest-construction', input)).result;
  const m = evaluate('forest-maintenance', only('forest-maintenance', input)).result;
  assert.equal(c.eligible && m.eligible, true);
  const page = await openPage(browser, server.url);
  const panel = await typeStand(page, input);
  assert.equal(await panel.getByTestId('construction-amount').textContent(), shown(c.amount));
  assert.equal(await panel.getByTestId('combined').textContent(), shown(plus(c.amount, m.totalWithinValidity)));
  assert.match(await panel.getByTestId('combined').evaluate((dd) => dd.previousElementSibling.textContent), /^两项合计/);
  assert.equal(await panel.getByTestId('combined-payable').count(), 0);
  assert.equal(await panel.locator('.result > .badge').textContent(), '两项均符合条件');
  assert.equal(await panel.locator('[role=status]').textContent(), `两项合计 ${shown(plus(c.amount, m.totalWithinValidity))}（有效期内）；建设补偿符合条件，养护补偿符合条件。`);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the link restores the stand and its result, in either language; every field is reachable by keyboard', async () => {
  const page = await openPage(browser, server.url);
  await typeStand(page);
  const url = page.url();
  const hash = new URLSearchParams(new URL(url).hash.slice(1));
  assert.equal(hash.get('v'), 'forest-stand');
  assert.equal(hash.get('area'), `${stand.areaMu}:areaMu`);
  assert.equal(hash.get('zone'), stand.zone);
  await page.close();

  for (const lang of ['zh', 'en']) {
    const linked = await openPage(browser, lang === 'en' ? url.replace('#', '#lang=en&') : url);
    const panel = panelOf(linked);
    await panel.getByTestId('combined').waitFor();
    assert.equal(await linked.getByRole('tab', { selected: true }).textContent(), lang === 'en' ? 'One stand, both measures' : '一块林地·两项补偿');
    assert.equal(await panel.getByTestId('maintenance-within').textContent(), lang === 'en' ? `¥${yuan(expected.totalWithinValidity)}` : shown(expected.totalWithinValidity));
    assert.equal(await panel.getByTestId('construction-amount').textContent(), lang === 'en' ? `¥${yuan(alone.result.amount)}` : shown(alone.result.amount));
    assert.equal(await panel.getByRole('textbox', { name: lang === 'en' ? 'Area' : '面积', exact: true }).inputValue(), stand.areaMu);
    assert.deepEqual(linked.errors, []);
    await linked.close();
  }

  // Keyboard only: from the tab, Tab visits every control of the form (a radio group once) up to the button, and Enter computes.
  const page2 = await openPage(browser, `${server.url}#${new URLSearchParams([...hash].filter(([k]) => k !== 'go'))}`);
  const panel = panelOf(page2);
  await panel.locator('form').waitFor();
  await page2.getByRole('tab', { selected: true }).focus();
  // Every control a person can use, numbered (a radio group is one stop: the arrows move within it).
  const controls = await panel.locator('form').evaluate((form) => {
    const seen = new Set();
    const list = [...form.querySelectorAll('input, select, button')].filter((el) => {
      if (el.closest('[hidden]') || el.disabled) return false;
      if (el.type === 'radio') {
        if (seen.has(el.name)) return false;
        seen.add(el.name);
      }
      return true;
    });
    list.forEach((el, i) => { el.dataset.stop = String(i); });
    return list.length;
  });
  const visited = new Set();
  for (let i = 0; i < 200 && !visited.has(String(controls - 1)); i++) {
    await page2.keyboard.press('Tab');
    const at = await page2.evaluate(() => {
      const el = document.activeElement;
      const radio = el.type === 'radio' ? el.closest('fieldset').querySelector('[data-stop]') : null;
      return el.closest('#panel-forest-stand form') ? (radio ?? el).dataset.stop ?? 'unnumbered' : 'outside';
    });
    assert.notEqual(at, 'outside', `Tab left the form after ${[...visited].length} controls`);
    visited.add(at);
  }
  assert.deepEqual([...visited].sort((a, b) => a - b), Array.from({ length: controls }, (_, i) => String(i)));
  assert.equal(await page2.evaluate(() => document.activeElement.type), 'submit');
  await page2.keyboard.press('Enter');
  await panel.getByTestId('combined').waitFor();
  assert.equal(await panel.getByTestId('maintenance-within').textContent(), shown(expected.totalWithinValidity));
  assert.deepEqual(page2.errors, []);
  await page2.close();
});

test('axe-core: no WCAG 2.1 AA violation, with a result and with an error, in either language', async () => {
  const found = [];
  const page = await openPage(browser, server.url);
  await typeStand(page);
  const result = page.url();
  await page.close();
  for (const lang of ['zh', 'en']) {
    for (const [kind, url] of [['result', result], ['error', `${server.url}#v=forest-stand&area=abc%3AareaMu&horizonYears=0&go=1`]]) {
      const p = await openPage(browser, lang === 'en' ? url.replace('#', '#lang=en&') : url);
      await panelOf(p).locator(kind === 'result' ? '[data-testid=combined]' : '.error-summary:not([hidden])').waitFor();
      const r = await new AxeBuilder({ page: p }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
      for (const x of r.violations) found.push(`${lang} ${kind}: ${x.id} (${x.nodes.length}) ${x.nodes[0].target.join(' ')}`);
      await p.close();
    }
  }
  assert.deepEqual(found, []);
});
