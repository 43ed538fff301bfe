// The page in headless Chromium: fill the forms as a person would and read the
// results off the page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, serveWww } from './browser.mjs';

let server;
let browser;
before(async () => { server = await serveWww(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function fillWorkedExample(panel) {
  await panel.getByRole('radio', { name: /^风沙、荒漠区和山地丘陵区/ }).check();
  await panel.getByLabel('所在县（市）区').selectOption('lingwu');
  await panel.getByRole('radio', { name: '灌木林', exact: true }).check();
  await panel.getByRole('textbox', { name: '面积' }).fill('120.5');
  await panel.getByRole('textbox', { name: '种植年份或建设年限' }).fill('2014');
  await panel.getByRole('textbox', { name: /^株数保存率/ }).fill('86');
  await panel.getByLabel('已落实到林地小班，实行小班经营').check();
  await panel.getByLabel(/^土地权属清晰/).check();
  await panel.getByLabel(/^种植密度、树种、规格/).check();
  await panel.getByLabel(/^申请日期/).fill('2026-05-10');
  await panel.getByRole('textbox', { name: '预测年数' }).fill('3');
  await panel.getByLabel('估算日期').fill('2026-05-10');
}

test('maintenance: the SPEC worked example yields 13,959.49 元 with its schedule', async () => {
  const page = await openPage(browser, server.url);
  const panel = page.locator('#panel-forest-maintenance');
  await fillWorkedExample(panel);
  await panel.getByRole('button', { name: '计算' }).click();
  await assert.doesNotReject(panel.getByTestId('total').waitFor());
  assert.equal(await panel.getByTestId('total').textContent(), '13,959.49 元');
  const rows = await panel.locator('table.schedule tbody tr').allTextContents();
  assert.equal(rows.length, 3);
  assert.match(rows[0], /2027.*14.*53\.248.*6,416\.38/);
  assert.match(rows[2], /2029.*16.*20.*2,410\.00/);
  assert.equal(await panel.locator('tr.beyond').count(), 2);
  assert.match(await panel.locator('.result').textContent(), /符合养护补偿条件/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('maintenance: a bad entry shows its error next to the field and keeps every entry', async () => {
  const page = await openPage(browser, server.url);
  const panel = page.locator('#panel-forest-maintenance');
  await fillWorkedExample(panel);
  const area = panel.getByRole('textbox', { name: '面积' });
  await area.fill('12.345678');
  await panel.getByRole('button', { name: '计算' }).click();
  await panel.locator('.error-summary:not([hidden])').waitFor();
  assert.equal(await area.getAttribute('aria-invalid'), 'true');
  const fieldError = panel.locator('.field', { has: page.getByRole('textbox', { name: '面积' }) }).locator('.field-error');
  assert.match(await fieldError.textContent(), /最多保留 4 位小数/);
  assert.equal(await area.inputValue(), '12.345678');
  assert.equal(await panel.getByRole('textbox', { name: /^株数保存率/ }).inputValue(), '86');
  // The summary links to the field.
  await panel.locator('.error-summary a').click();
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-invalid')), 'true');
  // Correcting it recomputes as one types.
  await area.fill('120.5');
  await panel.getByTestId('total').waitFor();
  assert.equal(await panel.getByTestId('total').textContent(), '13,959.49 元');
  assert.equal(await area.getAttribute('aria-invalid'), null);
  await page.close();
});

test('construction: an old small stand is refused with its reason and the amount shown', async () => {
  const page = await openPage(browser, server.url);
  await page.getByRole('tab', { name: '建设补偿' }).click();
  const panel = page.locator('#panel-forest-construction');
  await panel.getByRole('textbox', { name: '面积' }).fill('300');
  await panel.getByRole('textbox', { name: '种植年份或建设年限' }).fill('2010');
  await panel.getByRole('textbox', { name: /^株数保存率/ }).fill('90');
  await panel.getByLabel(/^土地权属清晰/).check();
  await panel.getByLabel(/^符合造林技术规程/).check();
  await panel.getByLabel('已落实到林地小班，实行小班经营').check();
  await panel.getByLabel('估算日期').fill('2026-05-10');
  await panel.getByRole('button', { name: '计算' }).click();
  await panel.getByTestId('amount').waitFor();
  assert.equal(await panel.getByTestId('amount').textContent(), '150,000.00 元');
  const reasons = await panel.locator('.explain.reasons li').allTextContents();
  assert.equal(reasons.length, 1);
  assert.match(reasons[0], /第六条.*500 亩/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('property-star: the SPEC example rates 5 stars, with the expiry shown plainly', async () => {
  const page = await openPage(browser, server.url);
  await page.getByRole('tab', { name: '物业服务星级' }).click();
  const panel = page.locator('#panel-property-star');
  assert.match(await panel.locator('.expired').textContent(), /2025-12-31 有效期届满/);
  await panel.getByRole('textbox', { name: '物业服务合同履行情况' }).fill('46');
  await panel.getByRole('textbox', { name: '业主满意度' }).fill('27');
  await panel.getByRole('textbox', { name: /^融入基层治理/ }).fill('18');
  await panel.getByRole('textbox', { name: /^各级检查反馈/ }).fill('9');
  // No button: the rating follows the typing.
  await panel.getByTestId('stars').waitFor();
  assert.equal(await panel.getByTestId('stars').getAttribute('aria-label'), '五星级');
  assert.equal(await panel.getByTestId('total').textContent(), '100 / 110');
  assert.match(await panel.locator('.explain.warnings').textContent(), /不在《银川市住宅小区物业服务质量星级化评定实施办法（试行）》的有效期内/);

  // Lower one category below 85%: 4 stars, and the gap to 5.
  await panel.getByRole('textbox', { name: '物业服务合同履行情况' }).fill('40');
  await page.waitForFunction(() => document.querySelector('#panel-property-star [data-testid=stars]')?.getAttribute('aria-label') === '四星级');
  assert.match(await panel.getByTestId('next-star').textContent(), /2\.5 分.*物业服务合同履行情况须≥ 42\.5 分（\+2\.5）/s);

  // A disqualifier makes it 不达标 whatever the score.
  await panel.getByLabel('申报材料弄虚作假').check();
  await page.waitForFunction(() => document.querySelector('#panel-property-star [data-testid=stars]')?.getAttribute('aria-label') === '不达标');

  // An out-of-range score: the error sits by the field and nothing typed is lost.
  await panel.getByLabel('申报材料弄虚作假').uncheck();
  const rect = panel.getByRole('textbox', { name: /^各级检查反馈/ });
  await rect.fill('10.5');
  await panel.locator('.field-error:not([hidden])').waitFor();
  assert.match(await panel.locator('.field', { has: page.getByRole('textbox', { name: /^各级检查反馈/ }) }).locator('.field-error').textContent(), /超出范围/);
  assert.equal(await rect.inputValue(), '10.5');
  assert.equal(await panel.getByRole('textbox', { name: '业主满意度' }).inputValue(), '27');
  assert.equal(await panel.getByTestId('stars').count(), 0, 'no stale result beside an error');
  assert.deepEqual(page.errors, []);
  await page.close();
});
