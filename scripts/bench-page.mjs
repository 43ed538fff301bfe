// The page sections of scripts/bench: the first result against the floor page
// (loopback, throttled, Lighthouse) and the bytes of a first load. Measures,
// not tests: each figure is printed beside its target.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { launch } from '../tests/js/browser.mjs';
import { fileIn, startServer } from './bench-server.mjs';
import { workedExample } from '../tests/js/cases.mjs';
import { stateOf } from '../tests/js/forms.mjs';

const REPO = new URL('../', import.meta.url).pathname;
const WWW = join(REPO, 'www/');
const FLOOR = join(REPO, 'tests/bench/');

/** The throttled profile: 150 ms round trip, 1.6 Mbps down, 750 kbps up, the CPU 4× slower. */
export const THROTTLED = { latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8, cpu: 4 };

/**
 * A static server on loopback, www/ at `/`, tests/bench/ at `/bench/`, every
 * file the same way (scripts/bench-server.mjs: in a thread of its own, from
 * memory, gzip -9 when the browser accepts it, as a static host would).
 */
export async function serveBench() {
  const roots = { www: WWW, bench: FLOOR };
  const { url, close } = await startServer(roots);
  return { url, fileOf: (pathname) => fileIn(roots, pathname), close };
}

/** The two pages of the first-result benchmark, as URLs on `server`. */
export function firstResultUrls(server) {
  const state = { v: 'forest-maintenance', ...stateOf('forest-maintenance', workedExample.input) };
  return {
    page: `${server.url}#${new URLSearchParams(state)}`,
    floor: `${server.url}bench/floor.html#${encodeURIComponent(JSON.stringify(workedExample.input))}`,
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** A new browser context and page with the cache disabled, and its DevTools session: one cold visit. */
async function coldPage(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return { context, page, cdp };
}

/**
 * One cold load (a new browser context, the cache disabled) of `url`: the
 * time from navigation to the total on screen ([data-testid=total] in the DOM),
 * the text it shows, and the resource timings; beside them (reported, not
 * judged) the first contentful paint and the moment the frame that first
 * shows the total has been painted (the task after its next animation frame).
 */
async function coldLoad(browser, url, { throttle = null } = {}) {
  const { context, page, cdp } = await coldPage(browser);
  const timers = [];
  try {
    if (throttle) {
      const { latency, downloadThroughput, uploadThroughput, cpu } = throttle;
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency, downloadThroughput, uploadThroughput });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    }
    // The page tells when the total appears (a console message: no polling in the page).
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        const total = document.querySelector('[data-testid=total]');
        if (total) {
          observer.disconnect();
          console.debug(`bench:first ${performance.now()} ${total.textContent}`);
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => console.debug(`bench:painted ${performance.now()}`);
            channel.port2.postMessage(null);
          });
        }
      }).observe(document, { childList: true, subtree: true });
    });
    const said = (prefix) => new Promise((resolve, reject) => {
      page.on('console', (m) => { if (m.text().startsWith(prefix)) resolve(m.text()); });
      page.on('pageerror', reject);
      timers.push(setTimeout(() => reject(new Error(`no ${prefix} within 120 s: ${url}`)), 120_000));
    });
    const shown = said('bench:first ');
    const painted = said('bench:painted ');
    // A load that fails rejects both: the first is awaited (the section reports the failure), this one only after it.
    painted.catch(() => {});
    await page.goto(url, { waitUntil: 'commit' });
    const [, ms, ...text] = (await shown).split(' ');
    const paintedMs = Number((await painted).split(' ')[1]);
    const fcp = await page.evaluate(() => new Promise((resolve) => {
      new PerformanceObserver((list, observer) => {
        const entry = list.getEntriesByName('first-contentful-paint')[0];
        if (entry) { observer.disconnect(); resolve(entry.startTime); }
      }).observe({ type: 'paint', buffered: true });
      setTimeout(() => resolve(NaN), 10_000);
    }));
    const timings = await page.evaluate(() => ({
      nav: performance.getEntriesByType('navigation').map((e) => ({ name: e.name, start: e.startTime, end: e.responseEnd, type: 'navigation' })),
      resources: performance.getEntriesByType('resource').map((e) => ({ name: e.name, start: e.startTime, end: e.responseEnd, type: e.initiatorType })),
      domContentLoaded: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd,
    }));
    return { ms: Number(ms), text: text.join(' '), timings, painted: paintedMs, fcp };
  } finally {
    for (const t of timers) clearTimeout(t);
    await context.close();
  }
}

/** `runs` cold loads of each page, interleaved (the machine's noise falls on both), after one warm-up each. */
async function series(browser, urls, runs, throttle) {
  const times = { page: [], floor: [] };
  const painted = { page: [], floor: [] };
  const fcp = { page: [], floor: [] };
  const last = {};
  for (let i = -1; i < runs; i++) {
    for (const which of i % 2 ? ['page', 'floor'] : ['floor', 'page']) {
      const r = await coldLoad(browser, urls[which], { throttle });
      last[which] = r;
      if (i >= 0) {
        times[which].push(r.ms);
        painted[which].push(r.painted);
        fcp[which].push(r.fcp);
      }
    }
  }
  return { times, painted, fcp, last };
}

const spread = (xs) => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}, n ${xs.length})`;

/** The requests of one load in start order, in waves (a gap of more than half a round trip starts a new one). */
function waterfall(timings, rtt) {
  const rows = [...timings.nav, ...timings.resources].sort((a, b) => a.start - b.start);
  let wave = 0;
  let prev = null;
  const lines = rows.map((r) => {
    if (prev !== null && r.start - prev > rtt / 2) wave++;
    prev = r.start;
    const url = new URL(r.name);
    const path = url.pathname + url.search;
    return { wave, text: `    wave ${wave}  ${r.start.toFixed(0).padStart(5)} → ${r.end.toFixed(0).padStart(5)} ms  ${r.type.padEnd(10)} ${path}`, path };
  });
  return lines;
}

/** Section `first`: the page against the floor, on loopback and throttled; then Lighthouse. */
export async function benchFirst({ quick, report, benchNode }) {
  // 21 cold loads of each: the median of 11 moved by up to ±0.1× in the ratio from one run to the next.
  const runs = quick ? 5 : 21;
  const server = await serveBench();
  const urls = firstResultUrls(server);
  const browser = await launch();
  try {
    console.log(`Served from loopback by the bench's static server (www/ at /, tests/bench/ at /bench/; gzip -9 for both).`);
    console.log(`Page : ${urls.page.replace(server.url, '/')}`);
    console.log(`Floor: ${urls.floor.replace(server.url, '/').slice(0, 60)}… (the forest module alone, the same request)`);

    const loop = await series(browser, urls, runs, null);
    const same = loop.last.page.text.replace(/[^0-9.]/g, '') === loop.last.floor.text.replace(/[^0-9.]/g, '');
    console.log(`\nLoopback, ${runs} cold loads each (new context, cache disabled), navigation → total in the DOM:`);
    console.log(`  page : ${spread(loop.times.page)}   shows "${loop.last.page.text}"`);
    console.log(`  floor: ${spread(loop.times.floor)}   shows "${loop.last.floor.text}"`);
    if (!same) console.log('  !! the page and the floor show different totals');
    const ratio = median(loop.times.page) / median(loop.times.floor);
    console.log(`  ratio page/floor: ${ratio.toFixed(2)}×  (target ≤ 1.5×: ${ratio <= 1.5 ? 'met' : 'NOT met'})`);
    report('first', 'loopback page median', `${median(loop.times.page).toFixed(0)} ms`, '', null);
    report('first', 'loopback floor median', `${median(loop.times.floor).toFixed(0)} ms`, '', null);
    report('first', 'page / floor (loopback)', `${ratio.toFixed(2)}×`, '≤ 1.5×', ratio <= 1.5);
    const paintedRatio = median(loop.painted.page) / median(loop.painted.floor);
    console.log(`  beside it: the frame that shows the total painted at ${median(loop.painted.page).toFixed(0)} / ${median(loop.painted.floor).toFixed(0)} ms ` +
      `(page / floor, ${paintedRatio.toFixed(2)}×: the page lays out its whole form in that frame); first contentful paint ` +
      `${median(loop.fcp.page).toFixed(0)} / ${median(loop.fcp.floor).toFixed(0)} ms`);
    report('first', 'loopback total painted, page / floor', `${paintedRatio.toFixed(2)}×`, '', null);
    report('first', 'loopback first contentful paint, page', `${median(loop.fcp.page).toFixed(0)} ms`, '', null);

    const t = THROTTLED;
    const throttled = await series(browser, urls, quick ? 3 : 11, t);
    console.log(`\nThrottled (${t.latency} ms RTT, ${t.downloadThroughput * 8 / 1e6} Mbps down, ${t.uploadThroughput * 8 / 1e3} kbps up, CPU ${t.cpu}× slower; CDP emulation), ${throttled.times.page.length} cold loads each:`);
    console.log(`  page : ${spread(throttled.times.page)}`);
    console.log(`  floor: ${spread(throttled.times.floor)}`);
    const tm = median(throttled.times.page);
    console.log(`  page median ${tm.toFixed(0)} ms (target ≤ 1200 ms: ${tm <= 1200 ? 'met' : 'NOT met'}); page/floor ${(tm / median(throttled.times.floor)).toFixed(2)}×`);
    console.log(`  beside it: the page's first contentful paint ${median(throttled.fcp.page).toFixed(0)} ms (its shell, before the engine); ` +
      `the total painted ${median(throttled.painted.page).toFixed(0)} ms (floor ${median(throttled.painted.floor).toFixed(0)} ms)`);
    report('first', 'throttled first contentful paint, page', `${median(throttled.fcp.page).toFixed(0)} ms`, '', null);
    report('first', 'throttled page median', `${tm.toFixed(0)} ms`, '≤ 1200 ms', tm <= 1200);
    report('first', 'throttled floor median', `${median(throttled.times.floor).toFixed(0)} ms`, '', null);

    for (const which of ['page', 'floor']) {
      const last = throttled.last[which];
      const rows = waterfall(last.timings, t.latency);
      const wasm = rows.find((r) => /\.wasm($|\?)/.test(r.path));
      console.log(`\n  Waterfall of the last throttled ${which} load (resource timing; waves split at gaps > ${t.latency / 2} ms):`);
      for (const r of rows) console.log(r.text);
      console.log(`    DOMContentLoaded ${last.timings.domContentLoaded?.toFixed(0)} ms; total in the DOM at ${last.ms.toFixed(0)} ms; ` +
        `${rows.length} requests; the .wasm requested in wave ${wasm?.wave ?? '?'} of ${rows.at(-1).wave}`);
    }
  } finally {
    await browser.close();
  }
  try {
    await lighthouse({ server, quick, report, benchNode });
  } finally {
    await server.close();
  }
}

/** Runs the Lighthouse CLI (mobile, simulated throttling) against index.html; says why if it cannot. */
async function lighthouse({ server, quick, report, benchNode }) {
  const bin = join(benchNode, 'node_modules/.bin/lighthouse');
  console.log('\nLighthouse (mobile, default simulated throttling), performance category, index.html:');
  if (!existsSync(bin)) {
    console.log(`  skipped: lighthouse is not installed (scripts/bench installs lighthouse@12.2.3 into ${benchNode.replace(REPO, '')})`);
    report('first', 'Lighthouse performance', 'not run', '≥ 98', null);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-lh-'));
  const scores = [];
  try {
    for (let i = 0; i < (quick ? 1 : 3); i++) {
      const out = join(dir, `lh${i}.json`);
      const args = [server.url, '--only-categories=performance', '--output=json', `--output-path=${out}`, '--quiet',
        '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-background-networking --disable-component-update --disable-sync --disable-quic'];
      const { code, stderr } = await run(bin, args, { CHROME_PATH: process.env.CHROMIUM || '/usr/bin/chromium' });
      if (code !== 0 || !existsSync(out)) {
        console.log(`  lighthouse could not run (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
        break;
      }
      const lhr = JSON.parse(readFileSync(out, 'utf8'));
      if (lhr.runtimeError) console.log(`  runtime error: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      const a = (id) => lhr.audits[id]?.numericValue;
      const score = Math.round((lhr.categories.performance.score ?? 0) * 100);
      scores.push(score);
      console.log(`  run ${i + 1}: score ${score}  FCP ${a('first-contentful-paint')?.toFixed(0)} ms  LCP ${a('largest-contentful-paint')?.toFixed(0)} ms  ` +
        `TBT ${a('total-blocking-time')?.toFixed(0)} ms  SI ${a('speed-index')?.toFixed(0)} ms  CLS ${a('cumulative-layout-shift')?.toFixed(3)}  (lighthouse ${lhr.lighthouseVersion})`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (!scores.length) {
    report('first', 'Lighthouse performance', 'not run', '≥ 98', null);
    return;
  }
  const m = median(scores);
  console.log(`  median score ${m} (target ≥ 98: ${m >= 98 ? 'met' : 'NOT met'})`);
  report('first', 'Lighthouse performance (median)', String(m), '≥ 98', m >= 98);
}

function run(bin, args, env) {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', (e) => resolve({ code: -1, stderr: String(e) }));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** How long the network must be quiet (no request of the page or its service worker in flight or begun) to call a load finished. */
const QUIET_MS = 1500;

/**
 * One cold visit of `url` (a new context, the cache disabled): every response
 * the page itself received (its frames, scripts, styles, fetches, dynamic
 * imports, the favicon), in the order they arrived, until `until` is in the DOM
 * and then the network has been quiet for QUIET_MS: so a file put off until the
 * page is idle is still counted; only one fetched on a user's action is not.
 * The service worker's own traffic (its script, its list, and the files it
 * keeps for offline use after the load) is returned apart.
 */
async function visit(browser, url, until) {
  const { context, page } = await coldPage(browser);
  try {
    const t0 = Date.now();
    let shownAt = null;
    let inFlight = 0;
    let last = Date.now();
    const fetched = [];
    const worker = [];
    const entry = (r) => {
      const u = new URL(r.url());
      return { path: u.pathname, shown: u.pathname + u.search, status: r.status(), type: r.request().resourceType(), ms: Date.now() - t0, afterShown: shownAt !== null };
    };
    // Every request of the context: the page's and its service worker's (playwright reports the worker's on the context).
    context.on('request', () => { inFlight++; last = Date.now(); });
    for (const done of ['requestfinished', 'requestfailed']) context.on(done, () => { inFlight = Math.max(0, inFlight - 1); last = Date.now(); });
    context.on('response', (r) => {
      last = Date.now();
      if (r.request().serviceWorker()) worker.push(entry(r));
    });
    page.on('response', (r) => fetched.push(entry(r)));
    await page.goto(url);
    await page.waitForSelector(until, { timeout: 120_000 });
    shownAt = Date.now() - t0;
    const deadline = Date.now() + 60_000;
    while (inFlight > 0 || Date.now() - last < QUIET_MS) {
      if (Date.now() > deadline) throw new Error(`the network was not quiet for ${QUIET_MS} ms within 60 s of ${until}: ${url}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { fetched: [...fetched], worker: [...worker], shownAt };
  } finally {
    await context.close();
  }
}

/**
 * Section `sizes`: every file the worked example's link and a plain visit of
 * index.html fetch until the total (the form) is on screen and the network is
 * quiet after it, compressed two ways.
 */
export async function benchSizes({ report }) {
  const { stale } = await import('./bundle.mjs');
  if (stale()) console.log('  !! www/pkg/ is older than the sources of www/: these are the sizes of the bundles as built (node scripts/bundle.mjs rebuilds them)');
  const server = await serveBench();
  const urls = firstResultUrls(server);
  const browser = await launch();
  const visits = {};
  try {
    visits.link = await visit(browser, urls.page, '[data-testid=total]');
    visits.plain = await visit(browser, server.url, 'body[data-ready="true"] form');
  } finally {
    await browser.close();
    await server.close();
  }
  const cache = new Map();
  const sizeOf = (path) => {
    if (!cache.has(path)) {
      const body = readFileSync(server.fileOf(path));
      cache.set(path, {
        raw: body.length,
        gzip: execFileSync('gzip', ['-9', '-c'], { input: body, maxBuffer: 1 << 28 }).length,
        brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }).length,
      });
    }
    return cache.get(path);
  };
  const sum = (files) => {
    const total = { raw: 0, gzip: 0, brotli: 0, files: 0 };
    for (const f of files) {
      if (f.status !== 200) continue;
      const s = sizeOf(f.path);
      for (const k of ['raw', 'gzip', 'brotli']) total[k] += s[k];
      total.files++;
    }
    return total;
  };
  const row = (name, type, s, note = '') => `  ${name.padEnd(44)} ${type.padEnd(10)} ${String(s.raw).padStart(9)} ${String(s.gzip).padStart(9)} ${String(s.brotli).padStart(9)}${note}`;
  const table = (v) => {
    console.log(`  ${'file'.padEnd(44)} ${'type'.padEnd(10)} ${'raw'.padStart(9)} ${'gzip -9'.padStart(9)} ${'brotli 11'.padStart(9)}`);
    for (const f of v.fetched) {
      if (f.status !== 200) console.log(`  ${f.shown.padEnd(44)} ${f.type.padEnd(10)} (status ${f.status}, not counted)`);
      else console.log(row(f.shown, f.type, sizeOf(f.path), f.afterShown ? `   after it was shown (${f.ms} ms)` : ''));
    }
    const s = sum(v.fetched);
    console.log(row(`total (${s.files} files)`, '', s));
    return s;
  };
  const code = (s) => /\.wasm$/.test(s.path);
  console.log(`Files fetched by the page, in the order they arrived, until what it shows is on screen and then the network has been quiet for ${QUIET_MS / 1000} s`);
  console.log('(a file put off until the page is idle counts; one fetched only on a user\'s action does not); sizes of the files as served from www/,');
  console.log('compressed here with gzip -9 and brotli quality 11.');
  const totals = {};
  for (const [name, title] of [['link', 'The worked example\'s link (index.html#…), until its total is shown'], ['plain', 'A plain visit to index.html, until its form is shown']]) {
    const v = visits[name];
    console.log(`\n${title} (at ${v.shownAt} ms):`);
    const s = table(v);
    const wasm = sum(v.fetched.filter(code));
    const rest = sum(v.fetched.filter((f) => !code(f)));
    const met = s.gzip <= 102_400;
    console.log(`  gzip total ${s.gzip} B = ${(s.gzip / 1024).toFixed(1)} KB (target ≤ 100 KB = 102,400 B: ${met ? 'met' : 'NOT met'}); brotli ${(s.brotli / 1024).toFixed(1)} KB`);
    console.log(`  of which the engine's .wasm ${wasm.gzip} B gzip, and the page's HTML, scripts, styles and icon ${rest.gzip} B gzip (${rest.files} files)`);
    totals[name] = { s, rest };
  }
  // The offline copy: after the load the service worker fetches what its list names (www/pkg/precache.js).
  const sw = visits.plain.worker;
  const swSum = sum(sw);
  console.log(`\nAfter the load the service worker (sw.js) keeps a copy for offline use: ${swSum.files} files, ${swSum.gzip} B gzip, fetched by the worker in the background`);
  console.log('  (its script and list, then every file of its list; not counted above: a visit shows its result without them)');
  const paths = (v) => v.fetched.filter((f) => f.status === 200).map((f) => f.shown);
  const onlyLink = paths(visits.link).filter((p) => !paths(visits.plain).includes(p));
  const onlyPlain = paths(visits.plain).filter((p) => !paths(visits.link).includes(p));
  if (onlyLink.length) console.log(`  only the link fetches ${onlyLink.join(', ')}`);
  if (onlyPlain.length) console.log(`  only the plain visit fetches ${onlyPlain.join(', ')}`);
  const { s, rest } = totals.link;
  report('sizes', 'first load (link), gzip -9', `${s.gzip} B (${s.files} files)`, '≤ 102,400 B', s.gzip <= 102_400);
  report('sizes', 'first load (link), without .wasm, gzip', `${rest.gzip} B (${rest.files} files)`, '', null);
  report('sizes', 'first load (link), brotli 11', `${s.brotli} B`, '', null);
  report('sizes', 'first load (link), raw', `${s.raw} B`, '', null);
  const p = totals.plain.s;
  report('sizes', 'first load (plain visit), gzip -9', `${p.gzip} B (${p.files} files)`, '≤ 102,400 B', p.gzip <= 102_400);
  report('sizes', 'offline copy (service worker), gzip', `${swSum.gzip} B (${swSum.files} files)`, '', null);
}
