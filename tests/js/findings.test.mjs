// Findings of real users (Chromium at 1366×768 and 360×740, Chinese and
// English): each test failed on the page before its fix.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, serveWww } from './browser.mjs';

let server;
let browser;
before(async () => { server = await serveWww(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const hash = (params) => `#${new URLSearchParams(params)}`;

test('1. no choice that changes the amount or the payer is pre-filled; each says to choose; a link restores it, an old link its old default', async () => {
  const page = await openPage(browser, server.url);
  const m = page.locator('#panel-forest-maintenance');
  assert.equal(await m.getByLabel(/^所在县（市）区/).inputValue(), '');
  assert.match(await m.getByLabel(/^所在县（市）区/).evaluate((el) => el.labels[0].textContent), /请选择/);
  assert.equal(await m.locator('fieldset.field-radio input:checked').count(), 0, 'neither zone nor forest type is chosen');
  for (const legend of await m.locator('fieldset.field-radio legend').allTextContents()) assert.match(legend, /（请选择）/);
  await page.getByRole('tab', { name: '建设补偿' }).click();
  const c = page.locator('#panel-forest-construction');
  assert.equal(await c.getByLabel(/^所在县（市）区/).inputValue(), '');
  assert.equal(await c.locator('input[type=radio]:checked').count(), 0);
  await page.getByRole('tab', { name: '“五强”奖励' }).click();
  const five = page.locator('#panel-five-strong');
  assert.equal(await five.locator('input[type=radio]:checked').count(), 0);
  assert.equal(await five.getByTestId('reward').count(), 0, 'no reward before a level is chosen');
  await page.getByRole('button', { name: 'English' }).click();
  assert.match(await page.locator('#panel-five-strong fieldset.field-radio legend').textContent(), /\(choose one\)/);
  await page.close();

  // A link that carries the choices restores them.
  const link = await openPage(browser, `${server.url}${hash({ v: 'forest-construction', location: 'helan', forestType: 'shrub', area: '40:areaHectares' })}`);
  const lc = link.locator('#panel-forest-construction');
  assert.equal(await lc.getByLabel(/^所在县（市）区/).inputValue(), 'helan');
  assert.equal(await lc.getByRole('radio', { name: '灌木林', exact: true }).isChecked(), true);
  // A choice left open stays open through a reload.
  await lc.getByLabel(/^所在县（市）区/).selectOption('');
  await link.reload();
  await link.waitForSelector('body[data-ready="true"]');
  assert.equal(await lc.getByLabel(/^所在县（市）区/).inputValue(), '');
  assert.equal(await lc.getByRole('radio', { name: '灌木林', exact: true }).isChecked(), true);
  // A link written when the choices had defaults still means them.
  await link.goto(`${server.url}${hash({ v: 'forest-maintenance', area: '100:areaMu' })}`);
  await link.reload();
  await link.waitForSelector('body[data-ready="true"]');
  const lm = link.locator('#panel-forest-maintenance');
  assert.equal(await lm.getByLabel(/^所在县（市）区/).inputValue(), 'xingqing');
  assert.equal(await lm.getByRole('radio', { name: '乔木林', exact: true }).isChecked(), true);
  assert.equal(await lm.getByRole('radio', { name: /^风沙/ }).isChecked(), true);
  assert.deepEqual(link.errors, []);
  await link.close();
});

test('2. every missing and refused entry is reported at once, each marked and linked; fields say when they are needed', async () => {
  const page = await openPage(browser, `${server.url}#v=forest-construction`);
  const panel = page.locator('#panel-forest-construction');
  const summary = panel.locator('.error-summary');
  await panel.getByRole('button', { name: '计算' }).click();
  await summary.waitFor();
  assert.deepEqual(await summary.locator('li').allTextContents(), ['请选择所在县（市）区。', '请选择林种。', '请填写面积。', '请填写种植年份或建设年限。']);
  assert.equal(await panel.locator('[aria-invalid=true]').count(), 4);
  // Each entry links to its field.
  await summary.getByRole('link', { name: '请填写面积。' }).click();
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-invalid')), 'true');

  // A bad number and a measurement the age makes necessary (1–youngStandMaxAge), with the rest, at once.
  await panel.getByRole('radio', { name: '乔灌混交林' }).check();
  await panel.getByRole('textbox', { name: '面积', exact: true }).fill('abc');
  await panel.getByRole('textbox', { name: '种植年份或建设年限' }).fill(String(new Date().getFullYear() - 1));
  await panel.getByRole('button', { name: '计算' }).click();
  await page.waitForFunction(() => /面积须是一个数/.test(document.querySelector('#panel-forest-construction .error-summary')?.textContent ?? ''));
  const items = await summary.locator('li').allTextContents();
  assert.equal(items.length, 4, items.join(' | '));
  assert.match(items[0], /请选择所在县/);
  assert.match(items[1], /^乔木占总面积比例：乔灌混交林须填此项/);
  assert.match(items[2], /面积须是一个数/);
  assert.match(items[3], /成活率：建设年限 1—3 年时必填/);

  // Above the young age, one of retention / canopy / coverage.
  await panel.getByLabel(/^所在县（市）区/).selectOption('helan');
  await panel.getByRole('radio', { name: '乔木林', exact: true }).check();
  await panel.getByRole('textbox', { name: '面积', exact: true }).fill('600');
  await panel.getByRole('textbox', { name: '种植年份或建设年限' }).fill('2015');
  await panel.getByRole('button', { name: '计算' }).click();
  await page.waitForFunction(() => /株数保存率：/.test(document.querySelector('#panel-forest-construction .error-summary')?.textContent ?? ''));
  assert.equal(await summary.locator('li').count(), 1);
  // The engine's own refusal once the page finds nothing missing.
  await panel.getByRole('textbox', { name: /^株数保存率/ }).fill('150');
  await panel.getByRole('button', { name: '计算' }).click();
  await page.waitForFunction(() => /超出范围/.test(document.querySelector('#panel-forest-construction .error-summary')?.textContent ?? ''));

  // Labels say when a field is needed, never "optional" for one the engine may ask for.
  const label = (re) => panel.getByRole('textbox', { name: re }).evaluate((el) => el.labels[0].textContent);
  assert.match(await label(/^成活率/), /建设年限 1—3 年时必填/);
  for (const re of [/^成活率/, /^株数保存率/, /^郁闭度/, /^灌木林覆盖度/]) assert.doesNotMatch(await label(re), /选填/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('2b. the error component is fetched when the form first has something to report; without it the messages still show', async () => {
  const page = await openPage(browser, 'about:blank', {}, { ready: false });
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(`${server.url}#v=forest-construction`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForLoadState('networkidle');
  assert.equal(fetched.filter((p) => /ui-errors\.js$/.test(p)).length, 0, 'not fetched by the visit');
  const panel = page.locator('#panel-forest-construction');
  await panel.getByRole('button', { name: '计算' }).click();
  const summary = panel.locator('.error-summary:not([hidden])');
  await summary.locator('li a').first().waitFor();
  assert.equal(fetched.filter((p) => /ui-errors\.js$/.test(p)).length, 1);
  // Focused on submit, once there.
  await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary'));
  await page.close();

  // The network fails as the first error comes: the page's own words, unmarked but there.
  const failing = await openPage(browser, `${server.url}#v=forest-construction`);
  await failing.route('**/pkg/ui-errors.js', (route) => route.abort());
  const fp = failing.locator('#panel-forest-construction');
  await fp.getByRole('button', { name: '计算' }).click();
  await fp.locator('.error-summary:not([hidden]) li').first().waitFor();
  assert.deepEqual(await fp.locator('.error-summary li').allTextContents(), ['请选择所在县（市）区。', '请选择林种。', '请填写面积。', '请填写种植年份或建设年限。']);
  // Back online: the next report is the component's, and the plain list is gone.
  await failing.unroute('**/pkg/ui-errors.js');
  await fp.getByRole('button', { name: '计算' }).click();
  await fp.locator('.error-summary:not([hidden]) li a').first().waitFor();
  assert.equal(await fp.locator('.error-summary ul').count(), 1);
  assert.equal(await fp.locator('[aria-invalid=true]').count(), 4);
  await failing.close();
});

const CONSTRUCTION = { v: 'forest-construction', location: 'xingqing', forestType: 'arbor', area: '600:areaMu', age: '2019:plantingYear', retentionRate: '90',
  landRightsClear: '1', meetsTechnicalStandards: '1', compartmentManaged: '1', asOf: '2026-05-10', go: '1' };

test('3. article texts: no trailing "null"; a combined chip opens every article it names; a failed load is retried when opened again', async () => {
  const page = await openPage(browser, `${server.url}${hash(CONSTRUCTION)}`);
  const panel = page.locator('#panel-forest-construction');
  await panel.getByTestId('amount').waitFor();
  // The first load fails; opening the chip again fetches it again.
  let fail = true;
  await page.route('**/regulations/*.md', (route) => (fail ? route.fulfill({ status: 503, body: '' }) : route.continue()));
  const chip = panel.locator('.articles details', { has: page.locator('summary', { hasText: '第二条、第七条' }) });
  await chip.locator('summary').click();
  await page.waitForFunction(() => /载入失败/.test(document.querySelector('#panel-forest-construction .articles details[open] blockquote')?.textContent ?? ''));
  fail = false;
  await chip.locator('summary').click();
  await chip.locator('summary').click();
  await page.waitForFunction(() => /第七条/.test(document.querySelector('#panel-forest-construction .articles details[open] blockquote')?.textContent ?? ''));
  const text = await chip.locator('blockquote').textContent();
  assert.match(text, /^第二条/);
  assert.match(text, /第七条/);
  assert.doesNotMatch(text, /null\s*$/);
  await page.close();
});

test('5. paper, intro, English titles and the phone\'s first screen', async () => {
  const page = await openPage(browser, `${server.url}${hash(CONSTRUCTION)}`);
  const panel = page.locator('#panel-forest-construction');
  await panel.getByTestId('amount').waitFor();
  assert.doesNotMatch(await page.locator('#site-intro').textContent(), /现行/);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await panel.locator('.explain.citations h3').innerText(), '依据');
  // The route's steps start clear of their numbers: room for "10." at the printed size.
  const room = await panel.locator('.explain.route ol').evaluate((ol) => parseFloat(getComputedStyle(ol).paddingLeft) / parseFloat(getComputedStyle(ol).fontSize));
  assert.ok(room >= 2, `padding ${room}em`);
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: 'English' }).click();
  assert.deepEqual((await page.getByRole('tab').allTextContents()).slice(0, 2), ['Forest maintenance', 'Forest construction']);
  assert.doesNotMatch(await page.locator('#site-intro').textContent(), /current/i);
  await page.close();
  for (const lang of ['zh', 'en']) {
    for (const v of ['forest-maintenance', 'forest-construction', 'property-star', 'five-strong', 'five-strong-ranking']) {
      const phone = await openPage(browser, `${server.url}${hash({ v, ...(lang === 'en' ? { lang } : {}) })}`, { viewport: { width: 360, height: 740 } });
      await phone.locator(`#panel-${v} form`).waitFor();
      const bottom = await phone.locator(`#panel-${v} form`).locator('input, select, textarea').first().evaluate((el) => el.getBoundingClientRect().bottom);
      assert.ok(bottom <= 740, `${lang} ${v}: the first input ends at ${bottom}px`);
      await phone.close();
    }
  }
});

test('9. 不达标 says so once, its reason first, and no bar stays green', async () => {
  const { launch, openPage, serveWww } = await import('./browser.mjs');
  const server = await serveWww();
  const browser = await launch();
  try {
    const page = await openPage(browser, `${server.url}#v=property-star`);
    const panel = page.locator('#panel-property-star');
    await panel.waitFor();
    const scores = [['物业服务合同履行情况', '50'], ['业主满意度', '30'], ['融入基层治理', '20'], ['检查反馈问题整改情况', '10']];
    for (const [label, value] of scores) await panel.getByRole('textbox', { name: new RegExp(`^${label}`) }).first().fill(value);
    await panel.getByLabel(/因物业服务管理不善引发业主群体上访事件/).check();
    const stars = panel.getByTestId('stars');
    await stars.waitFor();
    await page.waitForFunction(() => document.querySelector('#panel-property-star [data-testid="stars"]')?.dataset.stars === '0');
    const text = await stars.textContent();
    assert.equal(text.match(/不达标/g).length, 1, text);
    // The reason comes first, right after the rating.
    const why = panel.getByTestId('why');
    assert.match(await why.textContent(), /第十六条.*群体上访/);
    const order = await panel.evaluate((el) => [...el.querySelectorAll('[data-testid="stars"], [data-testid="why"], .explain.categories')].map((x) => x.dataset.testid ?? 'bars'));
    assert.deepEqual(order, ['stars', 'why', 'bars']);
    // No green bar, and no article named twice in a row.
    assert.equal(await panel.locator('.bars .fill.high').count(), 0);
    assert.doesNotMatch(await panel.locator('.result').textContent(), /第二十三条\s*第二十三条/);
  } finally {
    await browser.close();
    await server.close();
  }
});
