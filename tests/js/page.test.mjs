// The page in headless Chromium: fill the forms as a person would and read the
// results off the page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fractionToPercent, yuan } from '../../www/ui/numbers.js';
import { launch, openPage, serveWww } from './browser.mjs';
import { workedExample } from './cases.mjs';
import { fillRequest, stateOf } from './forms.mjs';

let server;
let browser;
before(async () => { server = await serveWww(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The worked example of the maintenance measure, the first case of tests/cases/forest-maintenance.json, typed into the form. */
const fillWorkedExample = (panel) => fillRequest(panel, 'forest-maintenance', workedExample.input);
const expected = workedExample.expect.result;
/** An amount as the page shows it: "13959.49" → "13,959.49 元". */
const shown = (amount) => `${yuan(amount)} 元`;
const rowsWithin = expected.schedule.filter((row) => !row.beyondValidity).length;

test('maintenance: the worked example of docs/rulebook.md §2 (the case table\'s first) yields its total with its schedule', async () => {
  const page = await openPage(browser, server.url);
  const panel = page.locator('#panel-forest-maintenance');
  await fillWorkedExample(panel);
  await panel.getByRole('button', { name: '计算' }).click();
  await assert.doesNotReject(panel.getByTestId('total').waitFor());
  assert.equal(await panel.getByTestId('total').textContent(), shown(expected.total));
  const rows = await panel.locator('table.schedule tbody tr').allTextContents();
  assert.equal(rows.length, expected.schedule.length);
  expected.schedule.forEach((row, i) => {
    assert.ok(rows[i].startsWith(String(row.year)), rows[i]);
    assert.ok(rows[i].includes(row.ratePerMu) && rows[i].endsWith(yuan(row.amount)), rows[i]);
  });
  assert.equal(await panel.locator('tr.beyond').count(), expected.schedule.length - rowsWithin);
  assert.match(await panel.locator('.result').textContent(), /符合养护补偿条件/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('maintenance: the worked example headlines the amount within the validity, with the whole schedule labelled as projection', async () => {
  const page = await openPage(browser, server.url);
  const panel = page.locator('#panel-forest-maintenance');
  await fillWorkedExample(panel);
  await panel.getByRole('button', { name: '计算' }).click();
  await panel.getByTestId('total-within').waitFor();
  const figures = panel.locator('.result dl.figures');
  // The headline: the first figure, the amount within the measure's validity, with its number of years.
  assert.equal(await figures.locator('dt').first().textContent(), `有效期内合计（${rowsWithin} 年）`);
  assert.equal(await figures.locator('dd').first().textContent(), shown(expected.totalWithinValidity));
  assert.equal(await panel.getByTestId('total-within').textContent(), shown(expected.totalWithinValidity));
  // Beside it, the whole schedule, named a projection.
  const projection = panel.getByTestId('total');
  assert.equal(await projection.textContent(), shown(expected.total));
  assert.equal(await projection.evaluate((dd) => dd.previousElementSibling.textContent), `含预测合计（${expected.schedule.length} 年）`);
  assert.match(await panel.locator('.badge').textContent(), /符合养护补偿条件/);
  assert.equal(await panel.locator('table.schedule tfoot').textContent(), `含预测合计${yuan(expected.total)}`);
  // The live region says the same.
  assert.equal(await panel.locator('[role=status]').textContent(),
    `有效期内合计 ${shown(expected.totalWithinValidity)}（${rowsWithin} 年），含预测合计 ${shown(expected.total)}；符合条件。`);
  // The responsibility agreement (第八条) names Lingwu's department.
  assert.match(await panel.locator('.explain.notes').textContent(), /第八条 灵武市自然资源行政主管部门/);
  // And in English.
  await page.getByRole('button', { name: 'English' }).click();
  await panel.getByTestId('total-within').waitFor();
  assert.equal(await panel.locator('.result dl.figures dt').first().textContent(), `Total within the measure's validity (${rowsWithin} year${rowsWithin === 1 ? '' : 's'})`);
  assert.equal(await panel.getByTestId('total-within').textContent(), `¥${yuan(expected.totalWithinValidity)}`);
  assert.equal(await panel.getByTestId('total').evaluate((dd) => dd.previousElementSibling.textContent), `Including projection (${expected.schedule.length} years)`);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('maintenance: applied 2027-05-10, the headline says plainly that no funded year falls within the validity, without the eligible banner', async () => {
  const page = await openPage(browser, server.url);
  const panel = page.locator('#panel-forest-maintenance');
  await fillWorkedExample(panel);
  await panel.getByLabel(/^申请日期/).fill('2027-05-10');
  await panel.getByRole('button', { name: '计算' }).click();
  const headline = panel.getByTestId('no-year-within');
  await headline.waitFor();
  // The engine's own words (noYearWithinValidity) are the headline.
  assert.match(await headline.textContent(), /^本办法有效期内无可补偿年度：首个补偿年度 2028 年晚于 2027-06-22（第二十三条）。/);
  assert.equal(await panel.getByTestId('total-within').count(), 0, 'no amount within the validity is headlined');
  assert.equal(await panel.locator('.badge.ok').count(), 0, 'no green banner');
  const result = await panel.locator('.result').textContent();
  assert.doesNotMatch(result, /符合养护补偿条件/);
  assert.match(await panel.locator('.badge.notice').textContent(), /申报条件均已满足/);
  assert.equal(await panel.locator('.explain.reasons').count(), 0, 'no condition is unmet');
  assert.equal(await panel.getByTestId('total').textContent(), '9,953.11 元');
  assert.match(await panel.getByTestId('total').evaluate((dd) => dd.previousElementSibling.textContent), /^含预测合计（3 年）$/);
  // The live region says the same, and never "meets the conditions".
  const said = await panel.locator('[role=status]').textContent();
  assert.match(said, /^本办法有效期内无可补偿年度/);
  assert.doesNotMatch(said, /符合条件/);
  // The printed sheet leads with the same statement, and still fits one page.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await headline.isVisible(), true);
  assert.equal(await panel.locator('.badge.ok').count(), 0);
  const pdf = await page.pdf({ format: 'A4' });
  assert.equal((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length, 1);
  await page.emulateMedia({ media: 'screen' });
  // In English too.
  await page.getByRole('button', { name: 'English' }).click();
  await headline.waitFor();
  assert.match(await headline.textContent(), /^No funded year falls within the measure's validity: the first funded year, 2028, is after 2027-06-22/);
  assert.doesNotMatch(await panel.locator('.result').textContent(), /Meets the conditions/);
  await page.emulateMedia({ media: 'print' });
  const pdfEn = await page.pdf({ format: 'A4' });
  assert.equal((pdfEn.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length, 1);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('maintenance: a city-directed task in Lingwu is paid by the city along the city route, and the tick survives a reload', async () => {
  const page = await openPage(browser, server.url);
  const panel = page.locator('#panel-forest-maintenance');
  await fillWorkedExample(panel);
  await panel.getByRole('button', { name: '计算' }).click();
  await panel.getByTestId('total-within').waitFor();
  const route = panel.locator('.explain.route');
  assert.match(await route.textContent(), /补偿资金由县（市）级财政承担。.*报县（市）人民政府审批/);
  const tick = panel.getByLabel('属于市直相关国土绿化建设任务（第九条）');
  assert.match(await tick.evaluate((el) => el.closest('.field').querySelector('.hint').textContent), /即使位于县（市），也由市级财政承担/);
  await tick.check();
  await page.waitForFunction(() => /市级财政/.test(document.querySelector('#panel-forest-maintenance .explain.route')?.textContent ?? ''));
  const text = await route.textContent();
  assert.match(text, /补偿资金由市级财政承担。/);
  assert.match(text, /市自然资源行政主管部门会同市财政、审计部门审核/);
  assert.match(text, /报市人民政府审批/);
  assert.match(await panel.locator('.explain.interpretations').textContent(), /第九条将“市直相关国土绿化建设任务的生态公益林”纳入市级财政承担/);
  assert.match(page.url(), /[#&]cityDirectedTask=1(&|$)/);
  const before = await panel.locator('.result').textContent();
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await panel.getByTestId('total-within').waitFor();
  assert.equal(await tick.isChecked(), true);
  assert.equal(await panel.getByLabel('所在县（市）区').inputValue(), workedExample.input.location);
  assert.equal(await panel.locator('.result').textContent(), before);
  // A link from before the tick existed still opens, unticked, on the county's route.
  await page.goto(`${server.url}#${new URLSearchParams({ v: 'forest-maintenance', ...stateOf('forest-maintenance', workedExample.input) })}`);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await panel.getByTestId('total-within').waitFor();
  assert.equal(await tick.isChecked(), false);
  assert.match(await route.textContent(), /补偿资金由县（市）级财政承担。/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

/** The worked example as a link (the bench's first result: scripts/bench first). */
const workedLink = (extra = {}) => `${server.url}#${new URLSearchParams({ v: 'forest-maintenance', ...stateOf('forest-maintenance', workedExample.input), ...extra })}`;

test('maintenance: a link\'s result shows its headline first, then the rest once painted; the live region speaks once, whole', async () => {
  const page = await openPage(browser, 'about:blank', {}, { ready: false });
  // What the page holds when the total first appears, and every text the live region is given.
  await page.addInitScript(() => {
    window.seen = { said: [] };
    new MutationObserver((_, observer) => {
      const total = document.querySelector('#panel-forest-maintenance [data-testid=total]');
      if (!total) return;
      observer.disconnect();
      const result = total.closest('.result');
      Object.assign(window.seen, { busy: result.getAttribute('aria-busy'), schedule: result.querySelectorAll('table.schedule').length,
        explained: result.querySelectorAll('.explain').length, dateType: document.querySelector('#panel-forest-maintenance input[name=asOf]').type });
      const status = document.querySelector('#panel-forest-maintenance [role=status]');
      if (status.textContent) window.seen.said.push(status.textContent);
      new MutationObserver(() => { if (status.textContent) window.seen.said.push(status.textContent); }).observe(status, { childList: true, characterData: true, subtree: true });
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(workedLink());
  await page.waitForSelector('body[data-ready="true"]');
  const panel = page.locator('#panel-forest-maintenance');
  const seen = await page.evaluate(() => window.seen);
  // The headline came on its own, the region busy; the schedule, the explanation and the date controls after it.
  assert.deepEqual({ busy: seen.busy, schedule: seen.schedule, explained: seen.explained, dateType: seen.dateType },
    { busy: 'true', schedule: 0, explained: 0, dateType: 'text' });
  // Once the page is ready, the result is whole, and in the order of a result computed at once.
  assert.equal(await panel.locator('.result').getAttribute('aria-busy'), null);
  assert.equal(await panel.locator('table.schedule tbody tr').count(), expected.schedule.length);
  assert.deepEqual(await panel.locator('.result').evaluate((r) => [...r.children].map((c) => c.localName + (c.className ? `.${c.className.split(' ')[0]}` : ''))),
    ['div.sheet-head', 'h2', 'p.badge', 'dl.figures', 'div.schedule-block', 'section.explain', 'section.explain', 'section.explain', 'details.explain',
      'section.explain', 'section.explain', 'section.explain', 'p.sheet-foot']);
  assert.equal(await panel.locator('input[name=asOf]').getAttribute('type'), 'date');
  assert.equal(await panel.locator('input[name=asOf]').inputValue(), workedExample.input.asOf);
  // Said once, the headline whole.
  assert.deepEqual(seen.said, [`有效期内合计 ${shown(expected.totalWithinValidity)}（${rowsWithin} 年），含预测合计 ${shown(expected.total)}；符合条件。`]);
  assert.equal(await panel.locator('[role=status]').textContent(), seen.said[0]);
  // A result asked for on the page is built whole at once.
  await panel.getByRole('textbox', { name: '面积' }).fill('100');
  await panel.getByRole('button', { name: '计算' }).click();
  assert.equal(await panel.locator('table.schedule').count(), 1);
  assert.equal(await panel.locator('.result').getAttribute('aria-busy'), null);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('maintenance: printing before the rest of a link\'s result is built builds it for the sheet, the working open', async () => {
  const page = await openPage(browser, 'about:blank', {}, { ready: false });
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const total = document.querySelector('#panel-forest-maintenance [data-testid=total]');
      if (!total) return;
      observer.disconnect();
      const result = total.closest('.result');
      window.dispatchEvent(new Event('beforeprint'));
      window.printed = { schedule: result.querySelectorAll('table.schedule').length, head: result.querySelectorAll('.sheet-head').length,
        working: result.querySelector('details.working')?.open, busy: result.getAttribute('aria-busy') };
      window.dispatchEvent(new Event('afterprint'));
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(workedLink());
  await page.waitForSelector('body[data-ready="true"]');
  assert.deepEqual(await page.evaluate(() => window.printed), { schedule: 1, head: 1, working: true, busy: null });
  // Back on screen the working is closed again, as the reader left it.
  assert.equal(await page.locator('#panel-forest-maintenance details.working').evaluate((d) => d.open), false);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('dates: a date field is a date control once the page has painted, keeping what a link gave it as the control would', async () => {
  // A day that does not exist is dropped, as a date control drops it: the result is the one without an application date.
  const page = await openPage(browser, workedLink({ applicationDate: '' }));
  const panel = page.locator('#panel-forest-maintenance');
  const without = await panel.locator('.result').textContent();
  await page.goto(workedLink({ applicationDate: '2026-02-30' }));
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  const applied = panel.getByLabel(/^申请日期/);
  assert.equal(await applied.getAttribute('type'), 'date');
  assert.equal(await applied.inputValue(), '');
  assert.equal(await panel.locator('.result').textContent(), without);
  // A real day is kept, and is typed into the control as before.
  await page.goto(workedLink({ applicationDate: '2024-02-29' }));
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await applied.getAttribute('type'), 'date');
  assert.equal(await applied.inputValue(), '2024-02-29');
  await applied.fill(workedExample.input.applicationDate);
  await panel.getByRole('button', { name: '计算' }).click();
  assert.equal(await panel.getByTestId('total').textContent(), shown(expected.total));
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
  assert.equal(await panel.getByRole('textbox', { name: /^株数保存率/ }).inputValue(), fractionToPercent(workedExample.input.retentionRate));
  // The summary links to the field.
  await panel.locator('.error-summary a').click();
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-invalid')), 'true');
  // Correcting it recomputes as one types.
  await area.fill(workedExample.input.areaMu);
  await panel.getByTestId('total').waitFor();
  assert.equal(await panel.getByTestId('total').textContent(), shown(expected.total));
  assert.equal(await area.getAttribute('aria-invalid'), null);
  await page.close();
});

test('construction: an old small stand is refused with its reason and the amount shown', async () => {
  const page = await openPage(browser, server.url);
  await page.getByRole('tab', { name: '建设补偿' }).click();
  const panel = page.locator('#panel-forest-construction');
  await panel.getByLabel(/^所在县（市）区/).selectOption('xingqing');
  await panel.getByRole('radio', { name: '乔木林', exact: true }).check();
  await panel.getByRole('textbox', { name: '面积' }).fill('300');
  await panel.getByRole('textbox', { name: '种植年份或建设年限' }).fill('2010');
  await panel.getByRole('textbox', { name: /^株数保存率/ }).fill('90');
  await panel.getByLabel(/^土地权属清晰/).check();
  await panel.getByLabel(/^须符合《造林技术规程》/).check();
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

test('property-star: the example of docs/rulebook.md §5 rates 5 stars, with the expiry shown plainly', async () => {
  const page = await openPage(browser, server.url);
  await page.getByRole('tab', { name: '物业服务星级' }).click();
  const panel = page.locator('#panel-property-star');
  assert.match(await panel.locator('.expired').textContent(), /2025-12-31 有效期届满/);
  await panel.getByRole('textbox', { name: '物业服务合同履行情况' }).fill('46');
  await panel.getByRole('textbox', { name: '业主满意度' }).fill('27');
  await panel.getByRole('textbox', { name: /^融入基层治理/ }).fill('18');
  await panel.getByRole('textbox', { name: /^检查反馈问题整改/ }).fill('9');
  // No button: the rating follows the typing.
  await panel.getByTestId('stars').waitFor();
  assert.equal(await panel.getByTestId('stars').getAttribute('data-stars'), '5');
  assert.match(await panel.getByTestId('stars').textContent(), /五星级/);
  assert.equal(await panel.getByTestId('total').textContent(), '100 / 110');
  assert.match(await panel.locator('.explain.warnings').textContent(), /已超出《银川市住宅小区物业服务质量星级化评定实施办法（试行）》的有效期（第二十七条/);

  // Lower one category below 85%: 4 stars, and the gap to 5.
  await panel.getByRole('textbox', { name: '物业服务合同履行情况' }).fill('40');
  await page.waitForFunction(() => document.querySelector('#panel-property-star [data-testid=stars]')?.dataset.stars === '4');
  assert.match(await panel.getByTestId('next-star').textContent(), /2\.5 分.*物业服务合同履行情况须≥ 42\.5 分（\+2\.5）/s);

  // A disqualifier makes it 不达标 whatever the score.
  await panel.getByLabel('申报材料弄虚作假').check();
  await page.waitForFunction(() => document.querySelector('#panel-property-star [data-testid=stars]')?.dataset.stars === '0');

  // An out-of-range score: the error sits by the field and nothing typed is lost.
  await panel.getByLabel('申报材料弄虚作假').uncheck();
  const rect = panel.getByRole('textbox', { name: /^检查反馈问题整改/ });
  await rect.fill('10.5');
  await panel.locator('.field-error:not([hidden])').waitFor();
  assert.match(await panel.locator('.field', { has: page.getByRole('textbox', { name: /^检查反馈问题整改/ }) }).locator('.field-error').textContent(), /超出范围/);
  assert.equal(await rect.inputValue(), '10.5');
  assert.equal(await panel.getByRole('textbox', { name: '业主满意度' }).inputValue(), '27');
  assert.equal(await panel.getByTestId('stars').count(), 0, 'no stale result beside an error');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('property-star: 灵武市 brings the county-reference warning, a total below 70 its reason, and who rates and the credit points are still shown', async () => {
  const page = await openPage(browser, server.url);
  await page.getByRole('tab', { name: '物业服务星级' }).click();
  const panel = page.locator('#panel-property-star');
  const location = panel.getByLabel(/^小区所在县（市）区/);
  // Optional, and not given by default.
  assert.equal(await location.inputValue(), '');
  assert.match(await location.evaluate((el) => el.labels[0].textContent), /（选填）/);
  await panel.getByRole('textbox', { name: '物业服务合同履行情况' }).fill('46');
  await panel.getByRole('textbox', { name: '业主满意度' }).fill('27');
  await panel.getByRole('textbox', { name: /^融入基层治理/ }).fill('18');
  await panel.getByRole('textbox', { name: /^检查反馈问题整改/ }).fill('9');
  await panel.getByTestId('stars').waitFor();
  assert.doesNotMatch(await panel.locator('.result').textContent(), /第二十六条规定/);
  // Who rates and the credit points: the engine's notes, where the consequences are.
  const consequences = panel.locator('.explain.consequences');
  assert.match(await consequences.textContent(), /第十三条 由街道办事处（乡镇人民政府）初评，辖区物业主管部门复评并认定。/);
  assert.match(await consequences.textContent(), /第二十三条 物业服务企业及项目经理信用加 4 分。/);

  await location.selectOption('lingwu');
  await page.waitForFunction(() => /第二十六条/.test(document.querySelector('#panel-property-star .explain.warnings')?.textContent ?? ''));
  assert.match(await panel.locator('.explain.warnings').textContent(), /灵武市不属市辖区：第二十六条规定/);

  // Below 70 in all: not up to standard, with the reason.
  await panel.getByRole('textbox', { name: '物业服务合同履行情况' }).fill('30');
  await panel.getByRole('textbox', { name: '业主满意度' }).fill('20');
  await panel.getByRole('textbox', { name: /^融入基层治理/ }).fill('10');
  await panel.getByRole('textbox', { name: /^检查反馈问题整改/ }).fill('5');
  await page.waitForFunction(() => document.querySelector('#panel-property-star [data-testid=total]')?.textContent === '65 / 110');
  assert.equal(await panel.getByTestId('stars').getAttribute('data-stars'), '0');
  // The reason comes first, in its own section (and is not listed again below).
  assert.match(await panel.getByTestId('why').textContent(), /第十一条 总分 65 分低于 70\.0 分/);
  assert.match(await consequences.textContent(), /第十三条 由街道办事处（乡镇人民政府）评定。/);
  assert.match(await consequences.textContent(), /第二十三条 本条未规定不达标项目的信用分值/);
  assert.match(await panel.locator('.explain.warnings').textContent(), /灵武市不属市辖区/);
  // The choice is kept in the link.
  assert.match(page.url(), /[#&]location=lingwu(&|$)/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('five-strong: a recognised village brings 500,000.00 元; the negative list excludes', async () => {
  const page = await openPage(browser, server.url);
  await page.getByRole('tab', { name: '“五强”奖励' }).click();
  const panel = page.locator('#panel-five-strong');
  await panel.getByRole('radio', { name: /^经济强村/ }).check();
  await panel.getByTestId('reward').waitFor();
  assert.equal(await panel.getByTestId('reward').textContent(), '500,000.00 元');
  assert.match(await panel.locator('.result').textContent(), /26,000,000\.00 元/);
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
  assert.match(out.split(/\r?\n/)[0], /^名称,特色产业优势（分）,项目资金投入（万元）,村集体经济收入（万元）,产业融合经营主体情况（家）,负面清单,名次,综合得分/);
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
  assert.match(await panel.locator('.error-summary').textContent(), /第 2 行“项目资金投入”/);
  assert.equal(await cell.inputValue(), '-3');

  const lines = ['name,featuredIndustry,projectFunding,collectiveIncome,integrationEntities'];
  for (let i = 0; i < 300; i++) lines.push(`村${i},${(i * 37) % 101},${(i * 53) % 97},${(i * 7919) % 1000},${i % 13}`);
  await pasteCsv(panel, lines.join('\n'));
  assert.equal((await rankingRows(panel)).length, 300);
  assert.equal(await panel.locator('tr.recognised').count() + 0 >= 1, true);
  assert.deepEqual(page.errors, []);
  await page.close();
});

const enterprise = (name, sector, output) => [name, String(output), '50', '20', '5', '8', sector];

test('five-strong-ranking: enterprises with a sector each rank by sector, with the sector column and a per-sector summary', async () => {
  const page = await openPage(browser, server.url);
  await page.getByRole('tab', { name: '“五强”排名估算' }).click();
  const panel = page.locator('#panel-five-strong-ranking');
  await panel.getByLabel('认定类别').selectOption('enterprise');
  // The sector quotas are optional; their placeholders are the engine's defaults.
  const quota = panel.getByLabel('规模以上工业企业', { exact: true });
  assert.equal(await quota.inputValue(), '');
  assert.equal(await quota.getAttribute('placeholder'), '40');
  await quota.fill('1');
  // Type three enterprises in the table, each with its sector.
  const rows = [enterprise('甲厂', 'industry', 90), enterprise('乙厂', 'industry', 80), enterprise('丙店', 'services', 70)];
  for (const [r, [name, ...rest]] of rows.entries()) {
    await panel.getByLabel(`第 ${r + 1} 行 名称`).fill(name);
    const cells = panel.locator(`input[data-row="${r}"]:not([data-key=name])`);
    for (let i = 0; i < 5; i++) await cells.nth(i).fill(rest[i]);
    await panel.getByLabel(`第 ${r + 1} 行 所属行业`).selectOption(rest[5]);
  }
  await panel.getByRole('button', { name: '排名', exact: true }).click();
  await panel.getByTestId('sector-summary').waitFor();
  const ranking = await rankingRows(panel);
  assert.equal(ranking.length, 3);
  assert.match(ranking[0], /^1甲厂规模以上工业企业.*✓ 认定$/);
  assert.match(ranking[1], /^2乙厂规模以上工业企业/);
  assert.doesNotMatch(ranking[1], /认定$/);
  assert.match(ranking[2], /^1丙店规模以上服务业企业.*✓ 认定$/);
  assert.deepEqual(await panel.locator('[data-testid=ranking] thead th').allTextContents().then((h) => h.slice(0, 3)), ['名次', '名称', '所属行业']);
  const summary = await panel.locator('[data-testid=sector-summary] li').allTextContents();
  assert.deepEqual(summary, ['规模以上工业企业：名额 1，候选 2 个，估算认定 1 个', '规模以上服务业企业：名额 35，候选 1 个，估算认定 1 个',
    '农业龙头企业：名额 10，候选 0 个，估算认定 0 个', '资质等级建筑业和房地产开发企业：名额 15，候选 0 个，估算认定 0 个']);
  assert.match(await panel.locator('.explain.interpretations').textContent(), /企业按所属行业分别排名/);

  // The CSV out carries the sector and pastes back to the same ranking.
  const out = await panel.getByLabel(/^排名结果 CSV/).inputValue();
  assert.match(out.split(/\r?\n/)[0], /^名称,所属行业,企业产值（万元）,/);
  await panel.getByRole('button', { name: '清空名单' }).click();
  await pasteCsv(panel, out);
  assert.deepEqual(await rankingRows(panel), ranking);
  assert.equal(await panel.getByLabel('第 3 行 所属行业').inputValue(), 'services');

  // A pasted sheet with Chinese headers and sector names, and one enterprise without a sector: the engine names the row.
  await panel.getByLabel(/^粘贴 CSV/).fill(['企业名称,所属行业,企业产值,主营业务收入,实缴税收,研发经费投入,从业人员工资收入增速',
    '甲厂,工业,90,50,20,5,8', '丙店,规模以上服务业企业,70,50,20,5,8', '丁社,,60,50,20,5,8'].join('\n'));
  await panel.getByRole('button', { name: '导入并排名' }).click();
  assert.equal(await panel.getByLabel('第 1 行 所属行业').inputValue(), 'industry');
  assert.equal(await panel.getByLabel('第 2 行 所属行业').inputValue(), 'services');
  await panel.locator('.error-summary:not([hidden])').waitFor();
  assert.match(await panel.locator('.error-summary').textContent(), /第 3 行“所属行业”/);
  assert.equal(await panel.getByLabel('第 3 行 所属行业').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('five-strong-ranking: six villages of one county bring the recommendation-limit warning, and the location survives CSV and the link', async () => {
  const page = await openPage(browser, server.url);
  await page.getByRole('tab', { name: '“五强”排名估算' }).click();
  const panel = page.locator('#panel-five-strong-ranking');
  // Villages: a location column, optional; enterprises' sector column is not offered.
  assert.equal(await panel.getByLabel('第 1 行 所在县（市）区').inputValue(), '');
  assert.equal(await panel.getByLabel('第 1 行 所属行业').count(), 0);
  const lines = ['名称,所在县（市）区,featuredIndustry,projectFunding,collectiveIncome,integrationEntities'];
  for (let i = 0; i < 6; i++) lines.push(`${'甲乙丙丁戊己'[i]}村,贺兰县,${10 + i},5,5,5`);
  await pasteCsv(panel, lines.join('\n'));
  assert.equal(await panel.getByLabel('第 6 行 所在县（市）区').inputValue(), 'helan');
  assert.match(await panel.locator('.explain.warnings').textContent(), /贺兰县有 6 个候选，多于一（四）“原则上每个县（市）区推荐 4—5 个”的数量。/);
  assert.equal(await panel.getByTestId('sector-summary').count(), 0);
  const ranking = await rankingRows(panel);
  assert.match(ranking[0], /^1己村/);
  // The CSV out keeps each village's location, whatever its rank.
  const out = await panel.getByLabel(/^排名结果 CSV/).inputValue();
  const [head, ...body] = out.trim().split(/\r?\n/);
  assert.match(head, /^名称,所在县（市）区,特色产业优势（分）,/);
  assert.ok(body.every((l) => /^.村,贺兰县,/.test(l)), out);
  // One village moved to another county: no warning.
  await panel.getByLabel('第 6 行 所在县（市）区').selectOption('yongning');
  await page.waitForFunction(() => !/推荐 4—5 个/.test(document.querySelector('#panel-five-strong-ranking .result')?.textContent ?? 'x'));
  // The link keeps the locations.
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await panel.getByTestId('ranking').waitFor();
  assert.equal(await panel.getByLabel('第 6 行 所在县（市）区').inputValue(), 'yongning');
  assert.equal(await panel.getByLabel('第 1 行 所在县（市）区').inputValue(), 'helan');
  assert.deepEqual(page.errors, []);
  await page.close();
});
