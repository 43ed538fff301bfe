// Browser test support: a static server for www/ on a free loopback port and
// Debian's headless Chromium driven by playwright-core.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { ensureBundled } from '../../scripts/bundle.mjs';

const ROOT = new URL('../../www/', import.meta.url).pathname;
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml' };

export async function serveWww() {
  // The pages load the bundles of www/pkg/: made again first if a source of www/ is newer.
  await ensureBundled();
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(ROOT, path.endsWith('/') ? `${path}index.html` : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) };
}

const EXECUTABLE = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
/**
 * Chromium's own toolbar pages, left out: each new context opens a window, for
 * which Chromium would otherwise load the address bar's popup (hundreds of its
 * own requests, on the same two cores, during every cold load the bench
 * times), which a visitor's browser, long open, has done once and for all.
 */
const OFF = ['PreloadTopChromeWebUI', 'WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

/**
 * Playwright's own `--disable-features` switch, as it launches Chromium, read
 * once from a launch of its own: Chromium honours only the last such switch,
 * so ours carries Playwright's features as well as OFF.
 */
let playwrightSwitch;
function playwrightDisabled() {
  playwrightSwitch ??= chromium.launchServer({ executablePath: EXECUTABLE, args: ARGS }).then(async (server) => {
    const arg = server.process().spawnargs.find((a) => a.startsWith('--disable-features='));
    await server.close();
    return arg ?? null;
  });
  return playwrightSwitch;
}

/** Headless Chromium with a fresh profile (playwright makes a new one per launch). */
export async function launch() {
  const own = await playwrightDisabled();
  const features = new Set([...(own ? own.slice('--disable-features='.length).split(',') : []), ...OFF]);
  return chromium.launch({
    executablePath: EXECUTABLE,
    args: [...ARGS, `--disable-features=${[...features].join(',')}`],
    ignoreDefaultArgs: own ? [own] : [],
  });
}

/** Opens the page and (unless `ready: false`) waits for the engine; page errors are collected. */
export async function openPage(browser, url, options = {}, { ready = true } = {}) {
  // A context of its own per page (axe-core needs one), closed with the page.
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.on('close', () => context.close().catch(() => {}));
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(new Error(m.text())); });
  await page.goto(url);
  if (ready) await page.waitForSelector('body[data-ready="true"]');
  page.errors = errors;
  return page;
}
