// The self-check page (www/self-check.html): every named case of tests/cases/
// (as scripts/build-wasm copies them to www/pkg/cases.json) run in the browser
// through the page's engine, each shown with what it expects and what it got;
// a tampered expectation shows as the one failure.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { launch, openPage, serveWww } from './browser.mjs';
import { caseFiles, cases, workedExample } from './cases.mjs';

let server;
let browser;
before(async () => { server = await serveWww(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const BUILT = new URL('../../www/pkg/cases.json', import.meta.url);

test('the build copies every named case to www/pkg/cases.json', () => {
  assert.ok(existsSync(BUILT), 'www/pkg/cases.json is missing: run scripts/build-wasm');
  assert.deepEqual(JSON.parse(readFileSync(BUILT, 'utf8')), caseFiles, 'www/pkg/cases.json is stale: run scripts/build-wasm');
});

test('every case passes in the browser, each shown with its article, what it expects and what it got', async () => {
  const N = cases.length;
  assert.ok(N >= 30, `${N} cases`);
  const page = await openPage(browser, `${server.url}self-check.html`);
  assert.equal(await page.getByTestId('summary').textContent(), `${N}/${N} 通过`);
  const table = page.getByRole('table', { name: `命名样例（共 ${N} 项）：预期与本机计算结果` });
  assert.deepEqual(await table.locator('thead th').allTextContents(), ['序号', '样例', '计算器', '条文', '预期', '本机结果', '结果']);
  assert.equal(await table.locator('thead th[scope=col]').count(), 7);
  const rows = table.locator('tbody tr');
  assert.equal(await rows.count(), N);
  assert.deepEqual(await rows.locator('th[scope=row]').allTextContents(), cases.map((c) => c.name));
  // The status is words, not a colour.
  assert.deepEqual([...new Set(await table.getByTestId('status').allTextContents())], ['✓ 通过']);
  // The worked example: its article, its expected total and the same from the engine.
  const worked = rows.filter({ has: page.getByRole('rowheader', { name: workedExample.name, exact: true }) });
  const cells = await worked.locator('td').allTextContents();
  assert.equal(cells[2], workedExample.article);
  const line = `result.total: "${workedExample.expect.result.total}"`;
  assert.ok(cells[3].includes(line) && cells[4].includes(line), cells.join(' | '));
  assert.deepEqual(page.errors, []);

  // In English too, from the fragment.
  await page.goto(`${server.url}self-check.html#lang=en`);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.getByTestId('summary').textContent(), `${N}/${N} passed`);
  assert.deepEqual([...new Set(await page.getByTestId('status').allTextContents())], ['✓ passed']);
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  assert.deepEqual(axe.violations.map((v) => `${v.id} ${v.nodes[0].target.join(' ')}`), []);
  await page.close();
});

test('a tampered expected value shows as one failure, with what differs', async () => {
  const N = cases.length;
  const page = await openPage(browser, 'about:blank', {}, { ready: false });
  // The worked example's expected total, one cent off.
  await page.route('**/pkg/cases.json', async (route) => {
    const files = await (await route.fetch()).json();
    files['forest-maintenance'][0].expect.result.total = '13959.50';
    await route.fulfill({ json: files });
  });
  await page.goto(`${server.url}self-check.html`);
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.getByTestId('summary').textContent(), `${N - 1}/${N} 通过`);
  assert.match(await page.locator('.self-check-summary').textContent(), /1 项未通过/);
  const failed = page.locator('tbody tr.fail');
  assert.equal(await failed.count(), 1);
  assert.equal(await failed.locator('th').textContent(), workedExample.name);
  assert.match(await failed.getByTestId('status').textContent(), /^✗ 未通过/);
  assert.match(await failed.getByTestId('status').textContent(), /\.result\.total: expected "13959\.50", got "13959\.49"/);
  assert.match(await failed.locator('li.differs').textContent(), /不一致 result\.total: "13959\.49"/);
  // The summary links to the failing row.
  await page.locator('.self-check-failures a').click();
  assert.match(page.url(), /#case-\d+$/);
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  assert.deepEqual(axe.violations.map((v) => `${v.id} ${v.nodes[0].target.join(' ')}`), []);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the calculators\' footer links to the self-check', async () => {
  const page = await openPage(browser, server.url);
  await page.getByRole('link', { name: '自检：用本机浏览器核对全部样例' }).click();
  await page.waitForSelector('body[data-ready="true"]');
  assert.match(page.url(), /self-check\.html$/);
  assert.equal(await page.getByTestId('summary').textContent(), `${cases.length}/${cases.length} 通过`);
  await page.close();
});
