// The page as a product: language switch, state in the URL fragment, the
// printed estimate, keyboard-only use, axe-core, the embed demo under its
// CSP, and the first-load size budget. Headless Debian Chromium throughout.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { launch, openPage, serveWww } from './browser.mjs';

let server;
let browser;
before(async () => { server = await serveWww(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const hash = (params) => `#${new URLSearchParams(params)}`;

/** Each view with entries that give a result, and entries that give an error. */
const VIEWS = {
  'forest-maintenance': {
    result: { zone: 'sandy', location: 'lingwu', forestType: 'shrub', area: '120.5:areaMu', age: '2014:plantingYear', retentionRate: '86',
      landRightsClear: '1', meetsTechnicalStandards: '1', compartmentManaged: '1', applicationDate: '2026-05-10', horizonYears: '3', asOf: '2026-05-10', go: '1' },
    error: { area: 'abc:areaMu', go: '1' },
  },
  'forest-construction': {
    result: { location: 'xingqing', forestType: 'arbor', area: '600:areaMu', age: '2019:plantingYear', retentionRate: '90',
      landRightsClear: '1', meetsTechnicalStandards: '1', compartmentManaged: '1', asOf: '2026-05-10', go: '1' },
    error: { area: '600:areaMu', age: '2019:plantingYear', retentionRate: '150', go: '1' },
  },
  'property-star': {
    result: { 'scores.contract': '40', 'scores.satisfaction': '28', 'scores.governance': '18', 'scores.rectification': '9', asOf: '2025-10-01' },
    error: { 'scores.contract': '40', 'scores.satisfaction': '28', 'scores.governance': '18', 'scores.rectification': '10.5' },
  },
  'five-strong': {
    result: { level: 'village', location: 'helan' },
    error: null, // every entry is a choice: no input the page offers is refused (a half-typed date is tested below)
  },
  'five-strong-ranking': {
    result: { level: 'village', quota: '1', rows: JSON.stringify([['甲村', '9', '8', '7', '6', ''], ['乙村', '1', '2', '3', '4', ''], ['丙村', '5', '5', '5', '5', 'badCredit']]), go: '1' },
    error: { level: 'village', rows: JSON.stringify([['甲村', '9', '-8', '7', '6', ''], ['乙村', '1', '2', '3', '4', '']]), go: '1' },
  },
};

const panelOf = (page, v) => page.locator(`#panel-${v}`);
const resultShown = (page, v) => panelOf(page, v).locator('.result h2').waitFor();
const errorShown = (page, v) => panelOf(page, v).locator('.error-summary:not([hidden])').waitFor();

test('the language switch: English throughout, the choice in the URL, the entries kept', async () => {
  const page = await openPage(browser, server.url);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  const panel = panelOf(page, 'forest-maintenance');
  await panel.getByRole('textbox', { name: '面积' }).fill('120.5');
  await page.getByRole('button', { name: 'English' }).click();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.locator('h1').textContent(), 'Yinchuan policy calculators');
  assert.deepEqual(await page.getByRole('tab').allTextContents(), ['Maintenance', 'Construction', 'Property stars', '“Five Strong”', 'Ranking estimate']);
  assert.equal(await panel.getByRole('textbox', { name: 'Area' }).inputValue(), '120.5');
  assert.match(page.url(), /lang=en/);
  // A result and its explanation in English.
  await page.goto(`${server.url}${hash({ v: 'forest-maintenance', lang: 'en', ...VIEWS['forest-maintenance'].result })}`);
  await page.waitForSelector('body[data-ready="true"]');
  await resultShown(page, 'forest-maintenance');
  const text = await panel.locator('.result').textContent();
  assert.match(text, /Meets the conditions for maintenance compensation/);
  assert.match(text, /¥13,959\.49/);
  assert.match(text, /The measure expires on 2027-06-22/);
  assert.doesNotMatch(text.replace(/《[^》]*》|（[^）]*）|第[一二三四五六七八九十]+条[（）一二三四五六七八九十0-9]*/g, ''), /[\u4e00-\u9fff]{4,}/, 'no Chinese sentences left but titles and article numbers');
  // And back.
  await page.getByRole('button', { name: '中文' }).click();
  assert.equal(await page.getByRole('tab', { selected: true }).textContent(), '养护管理补偿');
  assert.equal(await panel.getByTestId('total').textContent(), '13,959.49 元');
  await page.close();
});

test('the fragment round trip: fill, reload, the same result', async () => {
  const page = await openPage(browser, server.url);
  await page.getByRole('tab', { name: '建设补偿' }).click();
  const panel = panelOf(page, 'forest-construction');
  await panel.getByRole('radio', { name: '灌木林', exact: true }).check();
  await panel.getByRole('textbox', { name: '面积' }).fill('40');
  await panel.getByLabel('面积的单位').selectOption('areaHectares');
  await panel.getByRole('textbox', { name: '种植年份或建设年限' }).fill('8');
  await panel.getByLabel('建设年限的填写方式').selectOption('standAgeYears');
  await panel.getByRole('textbox', { name: /^株数保存率/ }).fill('81');
  await panel.getByLabel(/^土地权属清晰/).check();
  await panel.getByRole('button', { name: '计算' }).click();
  await panel.getByTestId('amount').waitFor();
  const before = await panel.locator('.result').textContent();
  assert.match(before, /90,000\.00 元/);
  assert.match(page.url(), /#v=forest-construction&/);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await panel.getByTestId('amount').waitFor();
  assert.equal(await panel.locator('.result').textContent(), before);
  assert.equal(await panel.getByRole('textbox', { name: '面积' }).inputValue(), '40');
  assert.equal(await panel.getByLabel('面积的单位').inputValue(), 'areaHectares');
  assert.equal(await panel.getByLabel(/^土地权属清晰/).isChecked(), true);
  // The same link in a new page reproduces it.
  const other = await openPage(browser, page.url());
  await panelOf(other, 'forest-construction').getByTestId('amount').waitFor();
  assert.equal(await panelOf(other, 'forest-construction').locator('.result').textContent(), before);
  await other.close();

  // Entries in another tab survive too, and a cleared default stays cleared.
  await page.getByRole('tab', { name: '养护管理补偿' }).click();
  const m = panelOf(page, 'forest-maintenance');
  await m.getByRole('textbox', { name: '面积' }).fill('77');
  await m.getByRole('textbox', { name: '预测年数' }).fill('');
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await m.getByRole('textbox', { name: '面积' }).inputValue(), '77');
  assert.equal(await m.getByRole('textbox', { name: '预测年数' }).inputValue(), '');
  await page.getByRole('tab', { name: '建设补偿' }).click();
  assert.equal(await panel.locator('.result').textContent(), before);
  await page.close();
});

test('print: the result becomes a one-page estimate sheet', async () => {
  const page = await openPage(browser, `${server.url}${hash({ v: 'forest-maintenance', ...VIEWS['forest-maintenance'].result })}`);
  const panel = panelOf(page, 'forest-maintenance');
  await resultShown(page, 'forest-maintenance');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await panel.locator('form').isVisible(), false);
  assert.equal(await page.getByRole('tablist').isVisible(), false);
  const head = panel.locator('.sheet-head');
  assert.equal(await head.isVisible(), true);
  const sheet = await head.textContent();
  assert.match(sheet, /估算单/);
  assert.match(sheet, /估算日期：2026-05-10/);
  assert.match(sheet, /规则版本：《银川市生态公益林养护管理补偿办法》（银政规发〔2022〕1号），有效期 2022-06-23 至 2027-06-22/);
  assert.match(sheet, /面积120\.5 亩/);
  assert.match(await panel.locator('.sheet-foot').textContent(), /不构成行政决定/);
  for (const part of ['.explain.warnings', '.explain.interpretations', '.explain.citations', 'table.schedule']) {
    assert.equal(await panel.locator(part).isVisible(), true, part);
  }
  await page.close();
  // Every calculator's result fits one A4 page.
  const counts = [];
  for (const [v, states] of Object.entries(VIEWS)) {
    for (const lang of ['zh', 'en']) {
      const p = await openPage(browser, `${server.url}${hash({ v, ...(lang === 'en' ? { lang } : {}), ...states.result })}`);
      await resultShown(p, v);
      await p.emulateMedia({ media: 'print' });
      const pdf = await p.pdf({ format: 'A4' });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
      counts.push(`${v} (${lang}): ${pages}`);
      await p.close();
    }
  }
  assert.deepEqual(counts.filter((c) => !c.endsWith(': 1')), [], counts.join(', '));
});

/** Presses Tab until the focused element (inside shadow roots too) has the accessible name `name`. */
async function tabTo(page, name, max = 120) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const current = await page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      if (!el) return '';
      return (el.getAttribute('aria-label') || el.labels?.[0]?.textContent || el.textContent || '').trim();
    });
    if (name instanceof RegExp ? name.test(current) : current === name) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

test('keyboard only: every calculator can be completed without a mouse', async () => {
  const page = await openPage(browser, server.url);
  const k = page.keyboard;
  // Forest maintenance (the first tab).
  await tabTo(page, '养护管理补偿');
  await tabTo(page, '面积'); await k.type('100');
  await tabTo(page, '种植年份或建设年限'); await k.type('2020');
  await tabTo(page, /^株数保存率/); await k.type('90');
  await tabTo(page, /^土地权属清晰/); await k.press('Space');
  await tabTo(page, /^种植密度、树种、规格/); await k.press('Space');
  await tabTo(page, '已落实到林地小班，实行小班经营'); await k.press('Space');
  await tabTo(page, '计算'); await k.press('Enter');
  await panelOf(page, 'forest-maintenance').getByTestId('total').waitFor();
  // Applied today: whether a funded year still falls within the measure's validity depends on the date.
  assert.match(await panelOf(page, 'forest-maintenance').locator('.badge').textContent(), /符合养护补偿条件|申报条件均已满足/);

  // Construction: arrow keys along the tabs.
  await tabTo(page, '养护管理补偿', 200);
  await k.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), '建设补偿');
  await tabTo(page, '面积'); await k.type('600');
  await tabTo(page, '种植年份或建设年限'); await k.type('2019');
  await tabTo(page, /^株数保存率/); await k.type('90');
  await tabTo(page, /^土地权属清晰/); await k.press('Space');
  await tabTo(page, /^符合造林技术规程/); await k.press('Space');
  await tabTo(page, '已落实到林地小班，实行小班经营'); await k.press('Space');
  await tabTo(page, '计算'); await k.press('Enter');
  await panelOf(page, 'forest-construction').getByTestId('amount').waitFor();
  assert.equal(await panelOf(page, 'forest-construction').getByTestId('amount').textContent(), '300,000.00 元');

  // Property stars: typing rates at once.
  await tabTo(page, '建设补偿', 200);
  await k.press('ArrowRight');
  await tabTo(page, '物业服务合同履行情况'); await k.type('46');
  await tabTo(page, '业主满意度'); await k.type('27');
  await tabTo(page, /^融入基层治理/); await k.type('18');
  await tabTo(page, /^各级检查反馈/); await k.type('9');
  await page.waitForFunction(() => document.querySelector('#panel-property-star [data-testid=stars]')?.dataset.stars === '5');

  // Five strong: arrow keys in the radio group.
  await tabTo(page, '物业服务星级', 200);
  await k.press('ArrowRight');
  await tabTo(page, /^经济强村/);
  await k.press('ArrowDown');
  await page.waitForFunction(() => /无现金奖励|No cash/.test(document.querySelector('#panel-five-strong [data-testid=reward]')?.textContent ?? ''));

  // Ranking: type two candidates and press Enter.
  await tabTo(page, '“五强”奖励', 200);
  await k.press('ArrowRight');
  for (const [row, values] of [[1, ['甲村', '9', '8', '7', '6']], [2, ['乙村', '1', '2', '3', '4']]]) {
    await tabTo(page, `第 ${row} 行 名称`);
    await k.type(values[0]);
    for (const v of values.slice(1)) { await k.press('Tab'); await k.type(v); }
  }
  await tabTo(page, '排名'); await k.press('Enter');
  await panelOf(page, 'five-strong-ranking').getByTestId('ranking').waitFor();
  assert.match((await panelOf(page, 'five-strong-ranking').locator('[data-testid=ranking] tbody tr').first().textContent()), /^1甲村/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('axe-core: no WCAG 2.1 AA violation on any view, in either language, with a result and with an error', async () => {
  const found = [];
  for (const lang of ['zh', 'en']) {
    for (const [v, states] of Object.entries(VIEWS)) {
      for (const kind of ['result', 'error']) {
        let page;
        if (states[kind]) {
          page = await openPage(browser, `${server.url}${hash({ v, ...(lang === 'en' ? { lang } : {}), ...states[kind] })}`);
          await (kind === 'result' ? resultShown(page, v) : errorShown(page, v));
        } else {
          // five-strong: the one entry that can be wrong is a half-typed date.
          page = await openPage(browser, `${server.url}${hash({ v, ...(lang === 'en' ? { lang } : {}) })}`);
          const date = panelOf(page, v).locator('input[type=date]');
          await date.focus();
          await page.keyboard.press('Backspace');
          await errorShown(page, v);
        }
        const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
        for (const x of r.violations) found.push(`${lang} ${v} ${kind}: ${x.id} (${x.nodes.length}) ${x.nodes[0].target.join(' ')}`);
        await page.close();
      }
    }
  }
  assert.deepEqual(found, []);
});

test('narrow screens: usable at 360 px and at 200% zoom, nothing scrolls sideways', async () => {
  for (const options of [{ viewport: { width: 360, height: 740 } }, { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 }]) {
    for (const v of Object.keys(VIEWS)) {
      const page = await openPage(browser, `${server.url}${hash({ v, ...VIEWS[v].result })}`, options);
      await resultShown(page, v);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${v} at ${options.viewport.width}px overflows by ${overflow}px`);
      await page.close();
    }
  }
});

test('embed demo under its CSP: both calculators work both ways, no violation, no foreign request', async () => {
  const page = await openPage(browser, `${server.url}embed-demo.html`, {}, { ready: false });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const consoleCsp = [];
  page.on('console', (m) => { if (/Content[- ]Security[- ]Policy/i.test(m.text())) consoleCsp.push(m.text()); });
  await page.reload();
  await page.waitForLoadState('networkidle');

  // Custom element, Chinese: the worked example.
  const el = page.locator('#element-maintenance policy-calculator');
  await el.getByRole('radio', { name: '灌木林', exact: true }).check();
  await el.getByLabel('所在县（市）区').selectOption('lingwu');
  await el.getByRole('textbox', { name: '面积' }).fill('120.5');
  await el.getByRole('textbox', { name: '种植年份或建设年限' }).fill('2014');
  await el.getByRole('textbox', { name: /^株数保存率/ }).fill('86');
  await el.getByLabel(/^申请日期/).fill('2026-05-10');
  await el.getByRole('textbox', { name: '预测年数' }).fill('3');
  await el.getByRole('button', { name: '计算' }).click();
  assert.equal(await el.getByTestId('total').textContent(), '13,959.49 元');

  // Custom element, English.
  const star = page.locator('#element-star policy-calculator');
  await star.getByRole('textbox', { name: 'Performance of the service contract' }).fill('46');
  await star.getByRole('textbox', { name: "Owners' satisfaction" }).fill('27');
  await star.getByRole('textbox', { name: /^Community governance/ }).fill('18');
  await star.getByRole('textbox', { name: /^Rectification/ }).fill('9');
  await page.waitForFunction(() => document.querySelector('#element-star policy-calculator').shadowRoot.querySelector('[data-testid=stars]')?.dataset.stars === '5');

  // The iframes: compute, and the host resizes them to their content.
  const frame = page.frameLocator('#frame-star iframe');
  await frame.getByRole('textbox', { name: '物业服务合同履行情况' }).fill('40');
  await frame.getByRole('textbox', { name: '业主满意度' }).fill('28');
  await frame.getByRole('textbox', { name: /^融入基层治理/ }).fill('18');
  await frame.getByRole('textbox', { name: /^各级检查反馈/ }).fill('9');
  await frame.getByTestId('next-star').waitFor();
  const fm = page.frameLocator('#frame-maintenance iframe');
  await fm.getByRole('textbox', { name: '面积' }).fill('10');
  await fm.getByRole('textbox', { name: '种植年份或建设年限' }).fill('2024');
  await fm.getByRole('textbox', { name: '成活率' }).fill('90');
  await fm.getByRole('button', { name: '计算' }).click();
  await fm.getByTestId('total').waitFor();
  await page.waitForFunction(() => {
    const f = document.querySelector('#frame-maintenance iframe');
    return f.style.height && Math.abs(parseFloat(f.style.height) - f.contentDocument.documentElement.getBoundingClientRect().height) <= 2;
  });

  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(consoleCsp, []);
  const origin = new URL(server.url).origin;
  const foreign = requests.filter((u) => new URL(u).origin !== origin);
  assert.deepEqual(foreign, [], 'no request leaves the site');
  const afterLoad = requests.filter((u) => !/\.(html|js|css|wasm|svg|md)(\?|$)/.test(new URL(u).pathname));
  assert.deepEqual(afterLoad, [], 'only the site\'s own static files');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('budget: the first load of the main page is at most 150 KB gzip-compressed', async () => {
  // What the browser itself fetches on a plain visit, until the page is ready and the network idle:
  // every successful response, by URL (a file fetched twice, e.g. under another query, counts twice).
  const page = await openPage(browser, 'about:blank', {}, { ready: false });
  const fetched = [];
  page.on('response', (r) => { if (r.ok()) fetched.push(new URL(r.url())); });
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForLoadState('networkidle');
  const root = new URL('../../www/', import.meta.url).pathname;
  let total = 0;
  const sizes = [];
  for (const url of fetched) {
    assert.equal(url.origin, new URL(server.url).origin, `${url} is not the site's own`);
    const file = url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname;
    const gz = gzipSync(readFileSync(root + file.slice(1)), { level: 9 }).length;
    total += gz;
    sizes.push(`${file}${url.search} ${gz}`);
  }
  console.log(`first load: ${fetched.length} files, ${total} bytes gzip\n  ${sizes.join('\n  ')}`);
  // Only the calculator shown (the first tab) and what it imports; the others load when opened.
  assert.deepEqual(fetched.map((u) => u.pathname).filter((p) => p.startsWith('/views/')).sort(),
    ['/views/forest-fields.js', '/views/forest-maintenance.js']);
  assert.ok(total <= 150 * 1024, `${total} bytes gzip is over the 150 KB budget`);
  await page.close();
});
