// Offline use (www/sw.js): after one visit the page loads and computes with no
// network — the page, another calculator (another WebAssembly module) and the
// iframe — and a new build offers itself with a notice. Headless Chromium
// against a server of www/ that can go down and can serve a changed build.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { runInNewContext } from 'node:vm';
import { yuan } from '../../www/ui/numbers.js';
import { cargoVersion, precacheFiles, precacheList, WWW } from '../../scripts/release.mjs';
import { launch } from './browser.mjs';
import { cases, workedExample } from './cases.mjs';
import { fillRequest, stateOf } from './forms.mjs';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml', '.md': 'text/markdown; charset=utf-8' };

/** www/ on a loopback port; `down` refuses every request (the server is gone), `override` serves other bytes for a path. */
async function serve() {
  const state = { down: false, requests: 0, override: new Map() };
  const server = createServer(async (req, res) => {
    if (state.down) {
      req.socket.destroy();
      return;
    }
    state.requests += 1;
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(WWW, path.endsWith('/') ? `${path}index.html` : path);
    try {
      const body = state.override.get(path) ?? await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    state,
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => { server.closeAllConnections(); return new Promise((r) => server.close(r)); },
  };
}

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const PRECACHE = 'pkg/precache.js';
/** The list the build wrote, as the worker reads it. */
const written = () => {
  const self = {};
  runInNewContext(readFileSync(join(WWW, PRECACHE), 'utf8'), { self });
  return JSON.parse(JSON.stringify(self.PRECACHE));
};

const fragment = (calculator, input) => `#${new URLSearchParams({ v: calculator, ...stateOf(calculator, input) })}`;
const starCase = cases.find((c) => c.calculator === 'property-star');

/** Resolves once a service worker is active for the page (a list out of date with www/ fails its install). */
const activeWorker = (page) => page.evaluate(() => Promise.race([
  navigator.serviceWorker.ready.then(async ({ active }) => {
    if (active.state !== 'activated') await new Promise((resolve) => active.addEventListener('statechange', () => { if (active.state === 'activated') resolve(); }));
    return active.scriptURL;
  }),
  new Promise((resolve) => setTimeout(() => resolve('no service worker activated within 20 s'), 20000)),
]));

test('the build lists every file a visit may need, with its hash, under the version of Cargo.toml', () => {
  const list = written();
  assert.deepEqual(list, precacheList(), `${PRECACHE} is out of date with www/: run scripts/build-wasm`);
  assert.equal(list.version, cargoVersion());
  assert.match(list.build, /^[0-9a-f]{16}$/);
  const urls = list.files.map((f) => f.url);
  assert.deepEqual(urls, precacheFiles());
  for (const url of ['index.html', 'frame.html', 'pkg/app.js', 'pkg/frame.js', 'pkg/core.js', 'pkg/style.css', 'pkg/view-property-star.js',
    'pkg/forest/policy_calc_bg.wasm', 'pkg/star/policy_calc_bg.wasm', 'pkg/five/glue.js', 'regulations/property-star-rating.md']) {
    assert.ok(urls.includes(url), url);
  }
  for (const url of urls) {
    assert.doesNotMatch(url, /^embed-demo\.|\.d\.ts$|\.map$|^sw\.js$|^pkg\/precache\.js$/);
  }
  for (const f of list.files) assert.match(f.hash, /^sha384-[A-Za-z0-9+/]{64}$/, f.url);
});

test('after one visit: the page, another calculator and the iframe load and compute with no network; a new build offers a reload', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  const expected = workedExample.expect.result;
  const total = page.locator('#panel-forest-maintenance').getByTestId('total');

  // One visit, online, with the worked example in the fragment.
  await page.goto(`${server.url}${fragment('forest-maintenance', workedExample.input)}`);
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await total.textContent(), `${yuan(expected.total)} 元`);
  assert.equal(await activeWorker(page), `${server.url}sw.js`);
  const cacheNames = () => page.evaluate(() => caches.keys());
  const list = written();
  assert.deepEqual(await cacheNames(), [`policy-calc / ${list.version} ${list.build}`]);

  // No network: the browser is offline and the server is gone.
  await context.setOffline(true);
  server.state.down = true;
  const served = server.state.requests;
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), true);
  await total.waitFor();
  assert.equal(await total.textContent(), `${yuan(expected.total)} 元`, 'the entries come back from the fragment and compute');
  assert.equal(await page.locator('#site-version').textContent(), `版本 ${cargoVersion()}`);

  // What the first visit did not need comes from the cache as well: the error component on a first error,
  // an article's text when a reader opens it.
  const fm = page.locator('#panel-forest-maintenance');
  const area = fm.getByRole('textbox', { name: /^面积/ }).first();
  await area.fill('abc');
  await fm.locator('.error-summary:not([hidden]) li a').first().waitFor();
  await area.fill(workedExample.input.areaMu);
  await total.waitFor();
  await fm.locator('.explain.citations summary').first().click();
  await fm.locator('.explain.citations details[open] blockquote p').first().waitFor();

  // Another calculator: its view and its own WebAssembly module come from the cache.
  await page.evaluate((h) => { location.hash = h; }, fragment('property-star', starCase.input));
  const stars = page.locator('#panel-property-star').getByTestId('stars');
  await stars.waitFor();
  assert.equal(await stars.getAttribute('data-stars'), String(starCase.expect.result.stars));

  // The iframe (frame.html, same scope), English, typed into.
  await page.evaluate(() => {
    const frame = document.createElement('iframe');
    frame.title = 'frame';
    frame.src = 'frame.html?calculator=property-star&lang=en';
    document.body.append(frame);
  });
  const frame = page.frameLocator('iframe[title=frame]');
  await fillRequest(frame.locator('main'), 'property-star', { scores: starCase.input.scores }, { lang: 'en' });
  await frame.locator('[data-testid=stars][data-stars="5"]').waitFor();
  assert.equal(await page.frames()[1].evaluate(() => Boolean(navigator.serviceWorker.controller)), true);
  assert.equal(server.state.requests, served, 'nothing reached the server');

  // Back online, the server has a new build: the page offers it, politely, and reloads onto it.
  server.state.down = false;
  await context.setOffline(false);
  const next = readFileSync(join(WWW, PRECACHE), 'utf8').replace(`"build": "${list.build}"`, '"build": "0000000000000000"');
  assert.notEqual(next, readFileSync(join(WWW, PRECACHE), 'utf8'));
  server.state.override.set(`/${PRECACHE}`, next);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  const notice = page.locator('.update-notice');
  const reload = notice.getByRole('button', { name: '刷新' });
  await reload.waitFor();
  assert.equal(await notice.getAttribute('role'), 'status');
  assert.equal(await notice.locator('p').textContent(), '有新版本，刷新后使用。');
  // In English too, when the page is.
  await page.getByRole('button', { name: 'English' }).click();
  assert.equal(await notice.locator('p').textContent(), 'A new version is available — reload to use it.');
  await page.getByRole('button', { name: '中文' }).click();
  // Reached from the keyboard, and pressed.
  await reload.focus();
  assert.equal(await page.evaluate(() => document.activeElement.textContent), '刷新');
  const reloaded = page.waitForEvent('load');
  await page.keyboard.press('Enter');
  await reloaded;
  await page.waitForSelector('body[data-ready="true"]');
  // The new build is in control, the old cache is gone, and the entries are back.
  assert.deepEqual(await cacheNames(), [`policy-calc / ${list.version} 0000000000000000`]);
  await stars.waitFor();
  assert.equal(await stars.getAttribute('data-stars'), String(starCase.expect.result.stars));
  assert.equal(await notice.textContent(), '');
  assert.deepEqual(errors, []);
  server.state.override.clear();
  await context.close();
});

test('the printed sheet names the version beside the estimate date', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}${fragment('forest-maintenance', workedExample.input)}`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.emulateMedia({ media: 'print' });
  const head = page.locator('#panel-forest-maintenance .sheet-head');
  assert.match(await head.innerText(), new RegExp(`估算日期：${workedExample.input.asOf} · 计算器版本：${cargoVersion().replace(/\./g, '\\.')}`));
  await page.close();
});
