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
  assert.equal(await panel.getByTestId('stars').getAttribute('data-stars'), '5');
  assert.match(await panel.getByTestId('stars').textContent(), /五星级/);
  assert.equal(await panel.getByTestId('total').textContent(), '100 / 110');
  assert.match(await panel.locator('.explain.warnings').textContent(), /不在《银川市住宅小区物业服务质量星级化评定实施办法（试行）》的有效期内/);

  // Lower one category below 85%: 4 stars, and the gap to 5.
  await panel.getByRole('textbox', { name: '物业服务合同履行情况' }).fill('40');
  await page.waitForFunction(() => document.querySelector('#panel-property-star [data-testid=stars]')?.dataset.stars === '4');
  assert.match(await panel.getByTestId('next-star').textContent(), /2\.5 分.*物业服务合同履行情况须≥ 42\.5 分（\+2\.5）/s);

  // A disqualifier makes it 不达标 whatever the score.
  await panel.getByLabel('申报材料弄虚作假').check();
  await page.waitForFunction(() => document.querySelector('#panel-property-star [data-testid=stars]')?.dataset.stars === '0');

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

test('five-strong: a recognised village brings 500,000 元; the negative list excludes', async () => {
  const page = await openPage(browser, server.url);
  await page.getByRole('tab', { name: '“五强”奖励' }).click();
  const panel = page.locator('#panel-five-strong');
  await panel.getByRole('radio', { name: /^经济强村/ }).check();
  await panel.getByTestId('reward').waitFor();
  assert.equal(await panel.getByTestId('reward').textContent(), '500,000 元');
  assert.match(await panel.locator('.result').textContent(), /26,000,000 元/);
  await panel.getByLabel('镇（乡）、村存在不良信用记录').check();
  await page.waitForFunction(() => /不予认定/.test(document.querySelector('#panel-five-strong .badge')?.textContent ?? ''));
  // Enterprises: no cash, and the village-only flag is not offered.
  await panel.getByRole('radio', { name: /^百强企业/ }).check();
  await page.waitForFunction(() => document.querySelector('#panel-five-strong [data-testid=reward]')?.textContent === '无现金奖励');
  assert.equal(await panel.getByLabel('镇（乡）、村存在不良信用记录').isVisible(), false);
  assert.deepEqual(page.errors, []);
  await page.close();
});

async function pasteCsv(panel, text) {
  const details = panel.locator('details.csv-in');
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  await panel.getByLabel(/^粘贴 CSV/).fill(text);
  await panel.getByRole('button', { name: '导入并排名' }).click();
  await panel.getByTestId('ranking').waitFor();
}

const rankingRows = (panel) => panel.locator('[data-testid=ranking] tbody tr').allTextContents();

test('five-strong-ranking: pasted CSV ranks, and the CSV copied out pastes back to the same ranking', async () => {
  const page = await openPage(browser, server.url);
  await page.getByRole('tab', { name: '“五强”排名估算' }).click();
  const panel = page.locator('#panel-five-strong-ranking');
  await panel.getByLabel('名额').fill('2');
  await pasteCsv(panel, [
    '名称,特色产业优势,projectFunding,collectiveIncome,integrationEntities,badCredit',
    '甲村,90,500,"1,200",8,0',
    '乙村,80,700,1000,6,',
    '丙村,80,700,1000,6,否',
    '丁村,99,900,3000,9,是',
  ].join('\r\n'));
  const rows = await rankingRows(panel);
  assert.equal(rows.length, 4);
  assert.match(rows[0], /^1甲村.*✓ 认定$/);
  assert.match(rows[1], /^2乙村.*名额线并列$/);
  assert.match(rows[2], /^2丙村.*名额线并列$/);
  assert.match(rows[3], /^—丁村.*排除（镇（乡）、村存在不良信用记录）$/);
  assert.match(await panel.locator('.result').textContent(), /并列/);
  // The table editor holds what was pasted.
  assert.equal(await panel.getByLabel('第 1 行 村集体经济收入').inputValue(), '1200');

  const out = await panel.getByLabel(/^排名结果 CSV/).inputValue();
  assert.match(out.split('\r\n')[0], /^name,featuredIndustry,projectFunding,collectiveIncome,integrationEntities,excludedBy,rank,composite/);
  await panel.getByRole('button', { name: '清空名单' }).click();
  await pasteCsv(panel, out);
  assert.deepEqual(await rankingRows(panel), rows);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('five-strong-ranking: a bad figure is marked in its cell, and 300 pasted rows rank', async () => {
  const page = await openPage(browser, server.url);
  await page.getByRole('tab', { name: '“五强”排名估算' }).click();
  const panel = page.locator('#panel-five-strong-ranking');
  await pasteCsv(panel, 'name,featuredIndustry,projectFunding,collectiveIncome,integrationEntities\nA,1,2,3,4\nB,4,3,2,1\n');
  const cell = panel.getByLabel('第 2 行 项目资金投入');
  await cell.fill('-3');
  await panel.locator('.error-summary:not([hidden])').waitFor();
  assert.equal(await cell.getAttribute('aria-invalid'), 'true');
  assert.match(await panel.locator('.error-summary').textContent(), /candidates\[1\]\.indicators\.projectFunding/);
  assert.equal(await cell.inputValue(), '-3');

  const lines = ['name,featuredIndustry,projectFunding,collectiveIncome,integrationEntities'];
  for (let i = 0; i < 300; i++) lines.push(`村${i},${(i * 37) % 101},${(i * 53) % 97},${(i * 7919) % 1000},${i % 13}`);
  await pasteCsv(panel, lines.join('\n'));
  assert.equal((await rankingRows(panel)).length, 300);
  assert.equal(await panel.locator('tr.recognised').count() + 0 >= 1, true);
  assert.deepEqual(page.errors, []);
  await page.close();
});
