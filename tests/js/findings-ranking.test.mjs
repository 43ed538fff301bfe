// Findings of real users on the ranking estimate and on embedding (Chromium
// at 1366×768 and 360×740, Chinese and English): each test failed on the page
// before its fix.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { launch, openPage, serveWww } from './browser.mjs';

let server;
let browser;
before(async () => { server = await serveWww(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const hash = (params) => `#${new URLSearchParams(params)}`;
const VILLAGES = [['甲村', '90', '500', '1200', '8', ''], ['乙村', '80', '700', '1000', '6', ''], ['丙村', '70', '300', '900', '5', 'badCredit'],
  ['丁村', '60', '200', '800', '4', ''], ['戊村', '50', '100', '700', '3', '']];
const ranked = (params) => hash({ v: 'five-strong-ranking', level: 'village', rows: JSON.stringify(VILLAGES), go: '1', ...params });

test('7. each indicator says its unit and what to enter, from the catalog', async () => {
  const page = await openPage(browser, `${server.url}${hash({ v: 'five-strong-ranking', level: 'village' })}`);
  const panel = page.locator('#panel-five-strong-ranking');
  const heads = await panel.locator('table.candidates thead th').allTextContents();
  assert.ok(heads.includes('特色产业优势（分）'), heads.join(' | '));
  assert.ok(heads.includes('项目资金投入（万元）'), heads.join(' | '));
  assert.ok(heads.includes('产业融合经营主体情况（家）'), heads.join(' | '));
  // What to enter, shown and read out with each cell: the calculator's reading, said as one.
  const cell = panel.getByLabel('第 1 行 项目资金投入');
  const described = await cell.evaluate((el) => el.getAttribute('aria-describedby').split(' ').map((id) => el.getRootNode().getElementById(id).textContent).join(' '));
  assert.match(described, /本计算器的读法.*万元.*同一单位/);
  assert.match(await panel.locator('.indicator-hints').textContent(), /特色产业优势（分）.*评分/);
  assert.equal(await panel.locator('.indicator-hints').isVisible(), true);
  await page.getByRole('button', { name: 'English' }).click();
  const en = await panel.locator('table.candidates thead th').allTextContents();
  assert.ok(en.includes('Project funding (10,000 yuan)'), en.join(' | '));
  assert.match(await panel.locator('.indicator-hints').textContent(), /This calculator's reading/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('7. the candidates table fits at 1366×768, delete buttons in view; on a phone one candidate per card, labelled', async () => {
  const cases = [['village'], ['town'], ['enterprise'], ['county', { extra: JSON.stringify(['人口', '面积']) }]];
  for (const lang of ['zh', 'en']) {
    for (const [level, more] of cases) {
      const page = await openPage(browser, `${server.url}${hash({ v: 'five-strong-ranking', level, ...(lang === 'en' ? { lang } : {}), ...more })}`,
        { viewport: { width: 1366, height: 768 } });
      const m = await page.locator('#panel-five-strong-ranking table.candidates').evaluate((t) => {
        const wrap = t.parentElement.getBoundingClientRect();
        return { table: t.scrollWidth, wrap: t.parentElement.clientWidth, doc: document.documentElement.scrollWidth,
          buttons: [...t.querySelectorAll('[data-remove]')].map((b) => b.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right, in: r.left >= wrap.left && r.right <= wrap.right + 0.5 })) };
      });
      assert.ok(m.table <= m.wrap, `${lang} ${level}: the table is ${m.table}px in ${m.wrap}px`);
      assert.ok(m.doc <= 1366, `${lang} ${level}: the page is ${m.doc}px wide`);
      assert.ok(m.buttons.every((b) => b.in), `${lang} ${level}: ${JSON.stringify(m.buttons)}`);
      await page.close();
    }
  }
  for (const lang of ['zh', 'en']) {
    const phone = await openPage(browser, `${server.url}${ranked(lang === 'en' ? { lang } : {})}`, { viewport: { width: 360, height: 740 } });
    const panel = phone.locator('#panel-five-strong-ranking');
    await panel.getByTestId('ranking').waitFor();
    const cards = await panel.locator('table.candidates tbody tr').evaluateAll((rows) => rows.map((tr) => {
      const controls = [...tr.querySelectorAll('input, select, button')].map((el) => el.getBoundingClientRect());
      const labels = [...tr.querySelectorAll('td')].map((td) => getComputedStyle(td, '::before').content);
      return { display: getComputedStyle(tr).display, rect: tr.getBoundingClientRect().toJSON(), controls: controls.map((r) => r.toJSON()), labels };
    }));
    assert.equal(cards.length, 5);
    for (const c of cards) {
      assert.notEqual(c.display, 'table-row');
      assert.ok(c.rect.left >= 0 && c.rect.right <= 360, JSON.stringify(c.rect));
      // Stacked: each control below the one before, all inside the screen.
      c.controls.forEach((r, i) => {
        assert.ok(r.left >= 0 && r.right <= 360, `${lang}: a control at ${r.left}–${r.right}`);
        if (i > 0) assert.ok(r.top >= c.controls[i - 1].bottom - 1, `${lang}: control ${i} is beside the one before`);
      });
    }
    // Each field is labelled in its card, with its unit.
    const labels = cards[0].labels.join(' ');
    assert.match(labels, lang === 'en' ? /Project funding \(10,000 yuan\)/ : /项目资金投入（万元）/);
    assert.match(labels, lang === 'en' ? /Negative list/ : /负面清单/);
    // The cards follow one another, the keyboard in the same order.
    assert.ok(cards[1].rect.top >= cards[0].rect.bottom - 1, `${lang}: ${JSON.stringify([cards[0].rect, cards[1].rect])}`);
    const wide = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 360, `${lang}: the page is ${wide}px wide`);
    await panel.getByLabel(lang === 'en' ? 'Row 1 name' : '第 1 行 名称').focus();
    await phone.keyboard.press('Tab');
    assert.match(await phone.evaluate(() => document.activeElement.getAttribute('aria-label')), lang === 'en' ? /^Row 1 Featured-industry strength/ : /^第 1 行 特色产业优势/);
    assert.deepEqual(phone.errors, []);
    await phone.close();
  }
});

test('8. a few villages against the city-wide quota: the headline says only these were compared', async () => {
  for (const lang of ['zh', 'en']) {
    const page = await openPage(browser, `${server.url}${ranked(lang === 'en' ? { lang } : {})}`);
    const result = page.locator('#panel-five-strong-ranking .result');
    await result.getByTestId('ranking').waitFor();
    const notice = result.getByTestId('partial-list');
    const text = await notice.textContent();
    assert.match(text, lang === 'en' ? /compares only the 5 candidates entered/ : /只在所填的 5 个候选之间比较/);
    assert.match(text, lang === 'en' ? /not a ranking of the whole city/ : /不是全市排名/);
    // Before the figures of the headline.
    assert.ok(await notice.evaluate((el) => Boolean(el.compareDocumentPosition(el.parentElement.querySelector('dl.figures')) & Node.DOCUMENT_POSITION_FOLLOWING)));
    await page.close();
  }
  // As many candidates as places: no such notice.
  const full = await openPage(browser, `${server.url}${ranked({ quota: '2' })}`);
  await full.locator('#panel-five-strong-ranking [data-testid=ranking]').waitFor();
  assert.equal(await full.getByTestId('partial-list').count(), 0);
  await full.close();
});

async function pasteCsv(panel, label, button, text) {
  const details = panel.locator('details.csv-in');
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  await panel.getByLabel(label).fill(text);
  await panel.getByRole('button', { name: button }).click();
}

test('8. the CSV speaks the page\'s language and pastes back; an extra column is ignored with a notice; the printed sheet has the figures', async () => {
  for (const lang of ['zh', 'en']) {
    const page = await openPage(browser, `${server.url}${ranked({ quota: '2', ...(lang === 'en' ? { lang } : {}) })}`);
    const panel = page.locator('#panel-five-strong-ranking');
    await panel.getByTestId('ranking').waitFor();
    const rows = await panel.locator('[data-testid=ranking] tbody tr').allTextContents();
    const out = await panel.getByLabel(lang === 'en' ? /^The ranking as CSV/ : /^排名结果 CSV/).inputValue();
    const [head, first] = out.split(/\r?\n/);
    if (lang === 'zh') {
      assert.match(head, /^名称,特色产业优势（分）,项目资金投入（万元）,村集体经济收入（万元）,产业融合经营主体情况（家）,负面清单,名次,综合得分,特色产业优势得分,/);
      assert.match(first, /^甲村,90,500,1200,8,,1,.*,是,否$/);
      assert.match(out, /丙村,.*镇（乡）、村存在不良信用记录/);
    } else {
      assert.match(head, /^Name,Featured-industry strength \(points\),"Project funding \(10,000 yuan\)",.*,Negative list,Rank,Composite,Featured-industry strength score,/);
      assert.match(first, /^甲村,90,500,1200,8,,1,.*,yes,no$/);
    }
    await panel.getByRole('button', { name: lang === 'en' ? 'Clear the list' : '清空名单' }).click();
    await pasteCsv(panel, lang === 'en' ? /^Paste CSV/ : /^粘贴 CSV/, lang === 'en' ? 'Import and rank' : '导入并排名', out);
    await page.waitForFunction(() => document.querySelectorAll('#panel-five-strong-ranking [data-testid=ranking] tbody tr').length === 5);
    assert.deepEqual(await panel.locator('[data-testid=ranking] tbody tr').allTextContents(), rows);
    // The negative list came back by its names.
    assert.deepEqual(await panel.locator('select[data-key=flag]').evaluateAll((els) => els.map((el) => el.value)), ['', '', '', '', 'badCredit']);
    assert.deepEqual(page.errors, []);
    await page.close();
  }

  // A sheet with a column the estimate does not use: read, with a notice, not refused.
  const page = await openPage(browser, `${server.url}${hash({ v: 'five-strong-ranking', level: 'village' })}`);
  const panel = page.locator('#panel-five-strong-ranking');
  await pasteCsv(panel, /^粘贴 CSV/, '导入并排名', ['名称,所属乡镇,特色产业优势,项目资金投入,村集体经济收入,产业融合经营主体情况',
    '甲村,习岗镇,90,500,1200,8', '乙村,金贵镇,80,700,1000,6'].join('\n'));
  await panel.getByTestId('ranking').waitFor();
  assert.equal(await panel.locator('.error-summary:not([hidden])').count(), 0);
  assert.match(await panel.getByTestId('csv-notice').textContent(), /已忽略.*所属乡镇/);
  assert.equal((await panel.locator('[data-testid=ranking] tbody tr').allTextContents()).length, 2);

  // On paper: each candidate's figures beside its scores.
  await page.emulateMedia({ media: 'print' });
  const sheet = page.locator('#panel-five-strong-ranking [data-testid=ranking]');
  assert.equal(await sheet.isVisible(), true);
  const printed = await sheet.locator('tbody tr').first().innerText();
  for (const figure of ['90', '500', '1200', '8', '87.5', '50']) assert.match(printed, new RegExp(`(^|\\s)${figure.replace('.', '\\.')}(\\s|$|（|\\()`), printed);
  assert.match(await sheet.locator('thead').innerText(), /项目资金投入（万元）/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

/** www/ served with a Content-Security-Policy header that lacks 'wasm-unsafe-eval', and a host page of its own. */
async function serveWithStrictCsp() {
  const root = new URL('../../www/', import.meta.url).pathname;
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml' };
  const csp = "default-src 'self'; script-src 'self'; style-src 'self'; frame-src 'self'";
  const host = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>host</title>
<script type="module" src="/embed.js"></script></head><body>
<policy-calculator id="zh" calculator="forest-maintenance" lang="zh"></policy-calculator>
<policy-calculator id="en" calculator="five-strong-ranking" lang="en"></policy-calculator>
<iframe id="frame-zh" title="zh" src="/frame.html?calculator=property-star&amp;lang=zh"></iframe>
<iframe id="frame-en" title="en" src="/frame.html?calculator=five-strong&amp;lang=en"></iframe>
</body></html>`;
  const s = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    if (path === '/host.html') {
      res.writeHead(200, { 'content-type': types['.html'], 'content-security-policy': csp });
      res.end(host);
      return;
    }
    try {
      const body = await readFile(join(root, path));
      const type = types[extname(path)] || 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, ...(path.endsWith('.html') ? { 'content-security-policy': csp } : {}) });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => s.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${s.address().port}/`, close: () => new Promise((r) => s.close(r)) };
}

test('10. a host whose Content-Security-Policy lacks \'wasm-unsafe-eval\': the element and the iframe say so, naming the directive', async () => {
  const strict = await serveWithStrictCsp();
  try {
    const page = await openPage(browser, `${strict.url}host.html`, {}, { ready: false });
    const zh = page.locator('#zh').getByRole('alert');
    const en = page.locator('#en').getByRole('alert');
    await zh.waitFor({ timeout: 10000 });
    await en.waitFor({ timeout: 10000 });
    assert.match(await zh.textContent(), /^[^A-Za-z]*内容安全策略.*script-src.*'wasm-unsafe-eval'/);
    assert.match(await en.textContent(), /^This page's Content-Security-Policy .*'wasm-unsafe-eval'.*script-src/);
    for (const [id, re] of [['#frame-zh', /内容安全策略.*'wasm-unsafe-eval'/], ['#frame-en', /^This page's Content-Security-Policy .*'wasm-unsafe-eval'/]]) {
      const alert = page.frameLocator(id).getByRole('alert');
      await alert.waitFor({ timeout: 10000 });
      assert.match(await alert.textContent(), re);
      assert.doesNotMatch(await alert.textContent(), /网络|connection/);
    }
    assert.equal(await page.locator('#zh').evaluate((el) => el.shadowRoot.querySelector('.loading')), null);
    await page.close();
  } finally {
    await strict.close();
  }
});
