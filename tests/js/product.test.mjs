// The page as a product: language switch, state in the URL fragment, the
// printed estimate, keyboard-only use, axe-core, the embed demo under its
// CSP, and the first-load size budget. Headless Debian Chromium throughout.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { yuan } from '../../www/ui/numbers.js';
import { cspHash } from '../../scripts/release.mjs';
import { launch, openPage, serveWww } from './browser.mjs';
import { workedExample } from './cases.mjs';
import { fillRequest, stateOf } from './forms.mjs';

let server;
let browser;
before(async () => { server = await serveWww(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const hash = (params) => `#${new URLSearchParams(params)}`;

/** Each view with entries that give a result, and entries that give an error. */
const VIEWS = {
  'forest-maintenance': {
    // The worked example (tests/cases/forest-maintenance.json, its first case) as a link.
    result: stateOf('forest-maintenance', workedExample.input),
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
  await panel.getByRole('textbox', { name: '面积' }).fill('88.5');
  await page.getByRole('button', { name: 'English' }).click();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.locator('h1').textContent(), 'Yinchuan policy calculators');
  assert.deepEqual(await page.getByRole('tab').allTextContents(), ['Forest maintenance', 'Forest construction', 'One stand, both measures', 'Property stars', '“Five Strong”', 'Ranking estimate', 'Batch']);
  assert.equal(await panel.getByRole('textbox', { name: 'Area' }).inputValue(), '88.5');
  assert.match(page.url(), /lang=en/);
  // A result and its explanation in English.
  await page.goto(`${server.url}${hash({ v: 'forest-maintenance', lang: 'en', ...VIEWS['forest-maintenance'].result })}`);
  await page.waitForSelector('body[data-ready="true"]');
  await resultShown(page, 'forest-maintenance');
  const text = await panel.locator('.result').textContent();
  assert.match(text, /Meets the conditions for maintenance compensation/);
  assert.ok(text.includes(`¥${yuan(workedExample.expect.result.total)}`));
  assert.match(text, /The measure expires on 2027-06-22/);
  assert.doesNotMatch(text.replace(/《[^》]*》|（[^）]*）|第[一二三四五六七八九十]+条[（）一二三四五六七八九十0-9]*/g, ''), /[\u4e00-\u9fff]{4,}/, 'no Chinese sentences left but titles and article numbers');
  // And back.
  await page.getByRole('button', { name: '中文' }).click();
  assert.equal(await page.getByRole('tab', { selected: true }).textContent(), '养护管理补偿');
  assert.equal(await panel.getByTestId('total').textContent(), `${yuan(workedExample.expect.result.total)} 元`);
  await page.close();
});

test('the fragment round trip: fill, reload, the same result', async () => {
  const page = await openPage(browser, server.url);
  await page.getByRole('tab', { name: '建设补偿' }).click();
  const panel = panelOf(page, 'forest-construction');
  await panel.getByLabel(/^所在县（市）区/).selectOption('helan');
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
  assert.ok(sheet.includes(`估算日期：${workedExample.input.asOf}`), sheet);
  assert.match(sheet, /规则版本：《银川市生态公益林养护管理补偿办法》（银政规发〔2022〕1号），有效期 2022-06-23 至 2027-06-22/);
  assert.ok(sheet.includes(`面积${workedExample.input.areaMu} 亩`), sheet);
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

test('links written before the page read its catalog still open with every entry in place', async () => {
  // Fragments in the format the page has always written (keys and values as before).
  const star = hash({ v: 'property-star', useItems: '1', 'contractItems.basicManagement': '6', 'contractItems.publicDisclosure': '6', 'contractItems.sanitation': '6',
    'contractItems.orderMaintenance': '6', 'contractItems.greening': '6', 'contractItems.sharedFacilities': '6', 'contractItems.renovation': '6', 'contractItems.bonus': '4',
    'scores.satisfaction': '27', 'scores.governance': '18', 'scores.rectification': '9', disqualifiers: 'falseMaterials,privacyBreach', hasContract: 'true',
    serviceMonths: '24', newlyDelivered: 'true', occupancyRate: '55', previousStars: '2', location: 'helan', asOf: '2025-10-01' });
  const page = await openPage(browser, `${server.url}${star}`);
  const panel = panelOf(page, 'property-star');
  await panel.getByTestId('stars').waitFor();
  assert.equal(await panel.getByTestId('stars').getAttribute('data-stars'), '0');
  assert.equal(await panel.getByRole('textbox', { name: /^装修管理/ }).inputValue(), '6');
  assert.equal(await panel.getByRole('textbox', { name: /^物业服务合同履行情况/ }).isVisible(), false);
  assert.equal(await panel.getByLabel('申报材料弄虚作假').isChecked(), true);
  assert.equal(await panel.getByLabel(/^工作人员出售/).isChecked(), true);
  assert.equal(await panel.getByLabel(/^申报项目有物业服务合同约定/).inputValue(), 'true');
  assert.equal(await panel.getByRole('textbox', { name: /^业主入住率/ }).inputValue(), '55');
  assert.equal(await panel.getByLabel(/^上次评定结果/).inputValue(), '2');
  assert.equal(await panel.getByLabel(/^小区所在县（市）区/).inputValue(), 'helan');
  assert.equal(await panel.getByTestId('total').textContent(), '100 / 110');
  // Back into the URL as it came.
  const again = new URLSearchParams(new URL(page.url()).hash.slice(1));
  for (const [k, v] of new URLSearchParams(star.slice(1))) assert.equal(again.get(k), v, k);

  await page.goto(`${server.url}${hash({ v: 'five-strong', level: 'town', location: 'helan', badCredit: '1' })}`);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  const five = panelOf(page, 'five-strong');
  await page.waitForFunction(() => /不予认定/.test(document.querySelector('#panel-five-strong .badge')?.textContent ?? ''));
  assert.equal(await five.getByRole('radio', { name: /^经济强镇/ }).isChecked(), true);
  assert.equal(await five.getByLabel(/^所在县（市）区/).inputValue(), 'helan');
  assert.deepEqual(page.errors, []);
  await page.close();
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
  // The choices that change the amount or the payer are made, not pre-filled: a list by arrow keys, radio groups by Space.
  await tabTo(page, /^所在县（市）区/); await k.press('ArrowDown');
  await tabTo(page, /^风沙、荒漠区/); await k.press('Space');
  await tabTo(page, '乔木林'); await k.press('Space');
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
  await tabTo(page, /^所在县（市）区/); await k.press('ArrowDown');
  await tabTo(page, '乔木林'); await k.press('Space');
  await tabTo(page, '面积'); await k.type('600');
  await tabTo(page, '种植年份或建设年限'); await k.type('2019');
  await tabTo(page, /^株数保存率/); await k.type('90');
  await tabTo(page, /^土地权属清晰/); await k.press('Space');
  await tabTo(page, /^须符合《造林技术规程》/); await k.press('Space');
  await tabTo(page, '已落实到林地小班，实行小班经营'); await k.press('Space');
  await tabTo(page, '计算'); await k.press('Enter');
  await panelOf(page, 'forest-construction').getByTestId('amount').waitFor();
  assert.equal(await panelOf(page, 'forest-construction').getByTestId('amount').textContent(), '300,000.00 元');

  // Property stars: typing rates at once (past the combined forest view, tests/js/stand.test.mjs).
  await tabTo(page, '建设补偿', 200);
  await k.press('ArrowRight');
  await k.press('ArrowRight');
  await tabTo(page, /^物业服务合同履行情况/); await k.type('46');
  await tabTo(page, '业主满意度'); await k.type('27');
  await tabTo(page, /^融入基层治理/); await k.type('18');
  await tabTo(page, /^检查反馈问题整改/); await k.type('9');
  await page.waitForFunction(() => document.querySelector('#panel-property-star [data-testid=stars]')?.dataset.stars === '5');

  // Five strong: arrow keys in the radio group.
  await tabTo(page, '物业服务星级', 200);
  await k.press('ArrowRight');
  await tabTo(page, /^经济强县/);
  await k.press('Space');
  await k.press('ArrowUp');
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
          page = await openPage(browser, `${server.url}${hash({ v, ...(lang === 'en' ? { lang } : {}), level: 'village' })}`);
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

test('the page carries its stylesheet (pkg/style.css, byte for byte) in its <style>, allowed by its hash alone: it applies, with no violation and no request', async () => {
  const www = new URL('../../www/', import.meta.url).pathname;
  const html = readFileSync(`${www}index.html`, 'utf8');
  const css = readFileSync(`${www}pkg/style.css`, 'utf8').trim();
  const styles = [...html.matchAll(/<style>([^<]*)<\/style>/g)].map((m) => m[1]);
  assert.deepEqual(styles, [css], 'index.html has one <style>, and it is pkg/style.css (scripts/bundle.mjs writes it)');
  const policy = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)[1];
  assert.ok(policy.split('; ').includes(`style-src 'self' ${cspHash(css)}`), policy);
  assert.doesNotMatch(policy, /unsafe-inline/);
  const page = await openPage(browser, 'about:blank', {}, { ready: false });
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"] form');
  // The site's title in the accent colour, the shell's width: the inline styles apply under the policy.
  assert.equal(await page.locator('#site-title').evaluate((e) => getComputedStyle(e).color), 'rgb(31, 107, 69)');
  assert.equal(await page.locator('header.site').evaluate((e) => getComputedStyle(e).maxWidth), '960px');
  assert.deepEqual(requested.filter((p) => p.endsWith('.css')), [], 'a plain visit of the first tab fetches no stylesheet');
  assert.deepEqual(page.errors, []);
  await page.close();
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
  await fillRequest(el, 'forest-maintenance', workedExample.input);
  await el.getByRole('button', { name: '计算' }).click();
  assert.equal(await el.getByTestId('total').textContent(), `${yuan(workedExample.expect.result.total)} 元`);

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
  await frame.getByRole('textbox', { name: /^检查反馈问题整改/ }).fill('9');
  await frame.getByTestId('next-star').waitFor();
  const fm = page.frameLocator('#frame-maintenance iframe');
  await fm.getByLabel(/^所在县（市）区/).selectOption('helan');
  await fm.getByRole('radio', { name: /^绿洲/ }).check();
  await fm.getByRole('radio', { name: '灌木林', exact: true }).check();
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

test('two custom elements in different languages on one page each keep their language, through typing, errors, re-renders and loaded texts', async () => {
  const page = await openPage(browser, `${server.url}embed-demo.html`, {}, { ready: false });
  const en = page.locator('#element-star policy-calculator');
  const zh = page.locator('#element-star-zh policy-calculator');
  /** Waits until each element's `selector` (in its shadow root) is there ('present'), not hidden ('shown'), or shows the stars given by element. */
  const bothShow = (selector, want) => page.waitForFunction(([sel, w]) => ['#element-star', '#element-star-zh'].every((id) => {
    const el = document.querySelector(`${id} policy-calculator`).shadowRoot.querySelector(sel);
    if (w === 'present') return Boolean(el);
    if (w === 'shown') return Boolean(el && !el.hidden);
    return el?.dataset.stars === w[id];
  }), [selector, want]);
  await en.getByRole('textbox', { name: 'Performance of the service contract' }).waitFor();
  await zh.getByRole('textbox', { name: /^物业服务合同履行情况/ }).waitFor();
  // Typing into both, interleaved, so that their live computations (each after a short pause) cross.
  const scores = [['46', '27', '18', '9'], ['40', '28', '18', '9']];
  const boxes = {
    en: [/^Performance of the service contract/, /^Owners' satisfaction/, /^Community governance/, /^Rectification/],
    zh: [/^物业服务合同履行情况/, /^业主满意度/, /^融入基层治理/, /^检查反馈问题整改/],
  };
  for (let i = 0; i < 4; i++) {
    await en.getByRole('textbox', { name: boxes.en[i] }).fill(scores[0][i]);
    await zh.getByRole('textbox', { name: boxes.zh[i] }).fill(scores[1][i]);
  }
  await bothShow('[data-testid=stars]', { '#element-star': '5', '#element-star-zh': '4' });
  assert.match(await en.getByTestId('stars').textContent(), /5 stars/);
  assert.match(await zh.getByTestId('stars').textContent(), /四星级/);
  assert.match(await zh.getByTestId('next-star').textContent(), /^升至五星级/);
  assert.match(await en.locator('.explain.consequences').textContent(), /^What the result brings/);
  assert.match(await zh.locator('.explain.consequences').textContent(), /^评定结果的影响/);
  assert.match(await en.locator('[role=status]').first().textContent(), /^5 stars, total 100$/i);
  assert.match(await zh.locator('[role=status]').first().textContent(), /^四星级，总分 95$/);

  // An error in each: each in its own words.
  await en.getByRole('textbox', { name: boxes.en[3] }).fill('10.5');
  await zh.getByRole('textbox', { name: boxes.zh[3] }).fill('10.5');
  await bothShow('.error-summary', 'shown');
  assert.match(await en.locator('.error-summary').textContent(), /^Please check your entries.*is out of range/);
  assert.match(await zh.locator('.error-summary').textContent(), /^请检查填写内容.*超出范围/);
  await en.getByRole('textbox', { name: boxes.en[3] }).fill('9');
  await zh.getByRole('textbox', { name: boxes.zh[3] }).fill('9');
  await bothShow('[data-testid=stars]', 'present');

  // Re-rendered (an attribute set again), each comes back in its language with its entries and result.
  for (const id of ['#element-star', '#element-star-zh']) {
    const ready = page.evaluate((sel) => new Promise((resolve) => {
      document.querySelector(`${sel} policy-calculator`).addEventListener('policy-calculator-ready', () => resolve(), { once: true });
    }), id);
    await page.locator(`${id} policy-calculator`).evaluate((el) => el.setAttribute('calculator', 'property-star'));
    await ready;
  }
  await bothShow('[data-testid=stars]', 'present');
  assert.equal(await en.getByRole('textbox', { name: boxes.en[0] }).inputValue(), '46');
  assert.equal(await zh.getByRole('textbox', { name: boxes.zh[0] }).inputValue(), '40');
  assert.match(await en.getByTestId('stars').textContent(), /5 stars/);
  assert.match(await zh.getByTestId('stars').textContent(), /四星级/);
  assert.equal(await en.locator('section.embedded').getAttribute('lang'), 'en');
  assert.equal(await zh.locator('section.embedded').getAttribute('lang'), 'zh-CN');

  // Texts that arrive later (an article's verbatim text, fetched on opening) come in each one's language.
  await en.locator('.explain.citations summary').first().click();
  await zh.locator('.explain.citations summary').first().click();
  await en.locator('.explain.citations details[open] blockquote p').first().waitFor();
  await zh.locator('.explain.citations details[open] blockquote p').first().waitFor();
  assert.match(await en.locator('.explain.citations summary').first().textContent(), /^Art\. /);
  assert.match(await zh.locator('.explain.citations summary').first().textContent(), /^第.+条/);
  assert.equal(await en.locator('details[open] .hint[lang=en]').count(), 1);
  assert.equal(await zh.locator('details[open] .hint[lang=en]').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('budget: the first load of the main page is at most 100 KB gzip-compressed (the target of scripts/bench sizes), its own files (all but the .wasm) at most 28 KB', async () => {
  // What the browser itself fetches on a plain visit, until the form is shown and then the network has been
  // quiet for 1.5 s (as scripts/bench sizes counts it: a file put off until the page is idle still counts):
  // every successful response, by URL (a file fetched twice, e.g. under another query, counts twice).
  const page = await openPage(browser, 'about:blank', {}, { ready: false });
  const fetched = [];
  let inFlight = 0;
  let last = Date.now();
  page.on('request', () => { inFlight++; last = Date.now(); });
  for (const done of ['requestfinished', 'requestfailed']) page.on(done, () => { inFlight--; last = Date.now(); });
  page.on('response', (r) => { if (r.ok()) fetched.push(new URL(r.url())); });
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"] form');
  while (inFlight > 0 || Date.now() - last < 1500) await new Promise((resolve) => setTimeout(resolve, 100));
  const root = new URL('../../www/', import.meta.url).pathname;
  let total = 0;
  let own = 0;
  const sizes = [];
  for (const url of fetched) {
    assert.equal(url.origin, new URL(server.url).origin, `${url} is not the site's own`);
    const file = url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname;
    const gz = gzipSync(readFileSync(root + file.slice(1)), { level: 9 }).length;
    total += gz;
    if (!file.endsWith('.wasm')) own += gz;
    sizes.push(`${file}${url.search} ${gz}`);
  }
  console.log(`first load: ${fetched.length} files, ${total} bytes gzip (${own} without the .wasm)\n  ${sizes.join('\n  ')}`);
  // Only the calculator shown (the first tab) and what it imports; the others load when opened.
  assert.deepEqual(fetched.map((u) => u.pathname).filter((p) => /^\/(views\/|pkg\/view-)/.test(p)).sort(),
    ['/pkg/view-forest-maintenance.js']);
  // What a reader's action needs comes then: an article's text, the error component, the notice of a new
  // release, a replacement copy of the engine's glue after a trap (engine.js).
  assert.deepEqual(fetched.filter((u) => /^\/pkg\/(articles|ui-errors|update-notice)\.|^\/regulations\//.test(u.pathname) || u.search).map(String), []);
  // The forest module of the engine is most of it (about 71 KB here); the page's own bundles, its HTML
  // with its styles written in, and its icon about 27.9 KB (scripts/bundle.mjs): 98.7 KB in all.
  assert.ok(own <= 28 * 1024, `${own} bytes gzip of the page's own files is over their 28 KB budget`);
  assert.ok(total <= 100 * 1024, `${total} bytes gzip is over the 100 KB budget`);
  await page.close();
});
