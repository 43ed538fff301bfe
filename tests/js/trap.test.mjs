// A trap inside the engine (a bug, never an input) in the real page: the call
// answers `internal`, the module is replaced, the next call works, and what the
// visitor typed stays in the form and in the URL.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, serveWww } from './browser.mjs';
import { workedExample } from './cases.mjs';

let server;
let browser;
before(async () => { server = await serveWww(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('a trap in the page: internal error, entries kept, the next evaluation works', async () => {
  const page = await openPage(browser, 'about:blank', {}, { ready: false });
  // The engine's glue is fetched once: a replacement after a trap is a fresh instance from the same factory (no fetch).
  const glues = [];
  page.on('request', (r) => { if (/\/glue\.js/.test(r.url())) glues.push(new URL(r.url()).search); });
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForLoadState('networkidle');
  const panel = page.locator('#panel-forest-maintenance');
  const area = panel.getByRole('textbox', { name: /^面积/ }).first();
  await area.fill('120.5');
  await area.blur();
  const before = await page.evaluate(() => location.hash);
  assert.deepEqual(glues, [''], 'no copy of the glue fetched before the trap');
  const trapped = await page.evaluate(async () => {
    const { loadEngine } = await import('/calculators.js');
    const { api } = await loadEngine();
    return api.trapForTests('forest-maintenance');
  });
  assert.equal(trapped.ok, false);
  assert.equal(trapped.error.code, 'internal');
  assert.match(trapped.error.messageZh, /所填内容仍保留/);
  // The entries are where they were.
  assert.equal(await area.inputValue(), '120.5');
  assert.equal(await page.evaluate(() => location.hash), before);
  // The replacement answers the very next call, with nothing fetched.
  const total = await page.evaluate(async (input) => {
    const { loadEngine } = await import('/calculators.js');
    const { api } = await loadEngine();
    return api.evaluate('forest-maintenance', input).result.total;
  }, workedExample.input);
  assert.equal(total, '13959.49');
  // And a second trap is recovered from the same way.
  const again = await page.evaluate(async (input) => {
    const { loadEngine } = await import('/calculators.js');
    const { api } = await loadEngine();
    const trap = api.trapForTests('forest-maintenance').error.code;
    return [trap, api.evaluate('forest-maintenance', input).result.total];
  }, workedExample.input);
  assert.deepEqual(again, ['internal', '13959.49']);
  assert.deepEqual(glues, [''], 'the glue is fetched once, traps or not');
  // Only the forced trap reached the console.
  assert.ok(page.errors.every((e) => /trap|unreachable|forced by a test/i.test(String(e))), page.errors.join('\n'));
});
