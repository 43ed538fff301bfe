// Each calculator's view is loaded when it is first shown — on the page, in
// the custom element and in the iframe — never all five at once: what the
// registry (www/calculators.js) says, what the browser fetches, the loading
// state and a view that fails to load.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWS } from '../../www/calculators.js';
import { translator } from '../../www/i18n.js';
import { launch, openPage, serveWww } from './browser.mjs';

let server;
let browser;
before(async () => { server = await serveWww(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('the registry lists the calculators in the tabs\' order, with the titles their view modules give', async () => {
  assert.deepEqual(VIEWS.map((v) => v.id), ['forest-maintenance', 'forest-construction', 'forest-stand', 'property-star', 'five-strong', 'five-strong-ranking', 'batch']);
  for (const view of VIEWS) {
    const module = await view.module();
    assert.equal(module.id, view.id);
    assert.equal(typeof module.mount, 'function', view.id);
    assert.deepEqual([view.titleZh, view.titleEn], [module.title(translator('zh')), module.title(translator('en'))], view.id);
  }
});

/** Collects the paths of the views' bundles (scripts/bundle.mjs: pkg/view-<id>.js, and pkg/view-<id>.css for a view with styles of its own) that a page fetches. */
function viewRequests(page) {
  const seen = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (/^\/(views\/|csv\.js|chart\.js|pkg\/view-)/.test(path)) seen.push(path);
  });
  return {
    all: () => [...new Set(seen)].sort(),
    clear: () => { seen.length = 0; },
  };
}

test('the page fetches a calculator\'s view when it is first shown: by its tab, or by a link naming it', async () => {
  const page = await openPage(browser, 'about:blank', {}, { ready: false });
  const views = viewRequests(page);
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.locator('#panel-forest-maintenance form').waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(views.all(), ['/pkg/view-forest-maintenance.js']);
  // The tabs and their panels are all there; only the open one is filled.
  assert.equal(await page.getByRole('tab').count(), VIEWS.length);
  assert.equal(await page.locator('[role=tabpanel]').count(), VIEWS.length);
  assert.equal(await page.locator('[role=tabpanel]:empty').count(), VIEWS.length - 1);

  views.clear();
  await page.getByRole('tab', { name: '“五强”排名估算' }).click();
  await page.locator('#panel-five-strong-ranking form').waitFor();
  // The ranking uses the five-strong view's lists, and CSV; its styles come with it, and apply as its form appears.
  assert.deepEqual(views.all(), ['/pkg/view-five-strong-ranking.css', '/pkg/view-five-strong-ranking.js', '/pkg/view-five-strong.js']);
  assert.equal(await page.locator('#panel-five-strong-ranking .weights').first().evaluate((el) => getComputedStyle(el).display), 'flex');
  assert.equal(await page.getByRole('tab', { selected: true }).textContent(), '“五强”排名估算');
  // Back to a view already shown: nothing fetched again, the entries still there.
  await page.locator('#panel-five-strong-ranking').getByLabel('名额').fill('3');
  views.clear();
  await page.getByRole('tab', { name: '养护管理补偿' }).click();
  await page.getByRole('tab', { name: '“五强”排名估算' }).click();
  assert.equal(await page.locator('#panel-five-strong-ranking').getByLabel('名额').inputValue(), '3');
  assert.deepEqual(views.all(), []);

  // A link pasted into the same tab, naming a calculator not shown yet: it loads, and the keyboard stays on its tab.
  await page.evaluate(() => { location.hash = '#v=property-star&scores.contract=46'; });
  await page.locator('#panel-property-star form').waitFor();
  assert.deepEqual(views.all(), ['/pkg/view-property-star.css', '/pkg/view-property-star.js']);
  assert.equal(await page.locator('#panel-property-star').getByRole('textbox', { name: '物业服务合同履行情况' }).inputValue(), '46');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-property-star');

  // A link opening on another calculator fetches that one's view (the first tab's module is preloaded by index.html).
  const other = await openPage(browser, 'about:blank', {}, { ready: false });
  const otherViews = viewRequests(other);
  await other.goto(`${server.url}#v=forest-construction`);
  await other.waitForSelector('body[data-ready="true"]');
  await other.locator('#panel-forest-construction form').waitFor();
  await other.waitForLoadState('networkidle');
  assert.deepEqual(otherViews.all().filter((p) => p !== '/pkg/view-forest-maintenance.js'), ['/pkg/view-forest-construction.js']);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(other.errors, []);
  await other.close();
  await page.close();
});

test('a view that is still loading shows the loading state, then its form', async () => {
  const page = await openPage(browser, server.url);
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/pkg/view-property-star.js', async (route) => { await held; await route.continue(); });
  const tab = page.getByRole('tab', { name: '物业服务星级' });
  await tab.click();
  const panel = page.locator('#panel-property-star');
  await panel.locator('.loading').waitFor();
  assert.equal(await panel.textContent(), '正在加载…');
  assert.equal(await panel.getAttribute('aria-busy'), 'true');
  assert.equal(await tab.getAttribute('aria-selected'), 'true');
  assert.equal(await panel.isVisible(), true);
  release();
  await panel.getByRole('textbox', { name: '物业服务合同履行情况' }).waitFor();
  assert.equal(await panel.getAttribute('aria-busy'), null);
  assert.equal(await panel.locator('.loading').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a view that fails to load says so in its panel, in both languages; the other tabs work, and it loads when shown again', async () => {
  const page = await openPage(browser, server.url);
  await page.route('**/pkg/view-property-star.js', (route) => route.abort());
  const tab = page.getByRole('tab', { name: '物业服务星级' });
  await tab.click();
  const panel = page.locator('#panel-property-star');
  const alert = panel.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /^此计算器加载失败，请检查网络连接后刷新页面重试。 This calculator failed to load; please check your connection and reload the page\.$/);
  assert.equal(await alert.locator('[lang=en]').count(), 1);
  assert.equal(await panel.getAttribute('aria-busy'), null);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-property-star');
  // The keyboard still moves along the tabs, and the next calculator works.
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-five-strong');
  await page.locator('#panel-five-strong form').waitFor();
  // The network is back: showing it again loads it.
  await page.unroute('**/pkg/view-property-star.js');
  await page.keyboard.press('ArrowLeft');
  await panel.getByRole('textbox', { name: '物业服务合同履行情况' }).waitFor();
  assert.equal(await panel.getByRole('alert').count(), 0);
  // In English, the English first.
  await page.route('**/pkg/view-five-strong-ranking.js', (route) => route.abort());
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('tab', { name: 'Ranking estimate' }).click();
  assert.match(await page.locator('#panel-five-strong-ranking').getByRole('alert').textContent(), /^This calculator failed to load; .* 此计算器加载失败/);
  // Only the failed fetches were errors.
  assert.deepEqual(page.errors.map((e) => e.message).filter((m) => !/Failed to load resource/.test(m)), []);
  await page.close();
});

test('the iframe and the custom element fetch only the calculator they show, and say so when it fails to load', async () => {
  const frame = await openPage(browser, 'about:blank', {}, { ready: false });
  const frameViews = viewRequests(frame);
  await frame.goto(`${server.url}frame.html?calculator=five-strong&lang=en`);
  await frame.waitForSelector('body[data-ready="true"]');
  await frame.locator('main form').waitFor();
  await frame.waitForLoadState('networkidle');
  // Its labels and lists come from its own catalog entry: no other view's module is needed.
  assert.deepEqual(frameViews.all(), ['/pkg/view-five-strong.js']);
  assert.deepEqual(frame.errors, []);
  await frame.close();

  const failing = await openPage(browser, 'about:blank', {}, { ready: false });
  await failing.route('**/pkg/view-five-strong.js', (route) => route.abort());
  await failing.goto(`${server.url}frame.html?calculator=five-strong&lang=zh`);
  assert.match(await failing.getByRole('alert').textContent(), /^此计算器加载失败.*This calculator failed to load/);
  await failing.close();

  // The embed demo: two custom elements and two iframes, maintenance and property stars.
  const page = await openPage(browser, 'about:blank', {}, { ready: false });
  const views = viewRequests(page);
  await page.goto(`${server.url}embed-demo.html`);
  await page.waitForLoadState('networkidle');
  const element = page.locator('#element-star policy-calculator');
  await element.getByRole('textbox', { name: 'Performance of the service contract' }).waitFor();
  assert.deepEqual(views.all(), ['/pkg/view-forest-maintenance.js', '/pkg/view-property-star.css', '/pkg/view-property-star.js']);
  // The star view's styles are in each shadow root that shows it, not in the host page's document.
  assert.equal(await element.locator('.star-layout').evaluate((el) => getComputedStyle(el).display), 'grid');
  assert.equal(await page.evaluate(() => document.querySelectorAll('link[href*="view-"]').length), 0);
  // Another calculator named by the attribute: its view loads then.
  views.clear();
  const ready = page.evaluate(() => new Promise((resolve) => {
    document.querySelector('#element-star policy-calculator').addEventListener('policy-calculator-ready', () => resolve(), { once: true });
  }));
  await element.evaluate((el) => el.setAttribute('calculator', 'forest-construction'));
  await ready;
  await element.getByRole('textbox', { name: 'Area' }).waitFor();
  assert.deepEqual(views.all(), ['/pkg/view-forest-construction.js']);
  // And one that fails to load.
  await page.route('**/pkg/view-five-strong-ranking.js', (route) => route.abort());
  await element.evaluate((el) => el.setAttribute('calculator', 'five-strong-ranking'));
  assert.match(await element.getByRole('alert').textContent(), /^This calculator failed to load; .* 此计算器加载失败/);
  assert.deepEqual(page.errors.map((e) => e.message).filter((m) => !/Failed to load resource/.test(m)), []);
  await page.close();
});
