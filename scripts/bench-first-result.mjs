// Benchmark: time from navigation to the first computed result, on loopback,
// in headless Chromium with a cold cache each run (a new browser context).
// Not a test: it prints the median and the spread.
//
//   node scripts/bench-first-result.mjs [runs]
import { launch, serveWww } from '../tests/js/browser.mjs';
import { workedExample } from '../tests/js/cases.mjs';
import { stateOf } from '../tests/js/forms.mjs';

const runs = Number(process.argv[2] || 11);
// The worked example of the maintenance measure (tests/cases/forest-maintenance.json, its first case), as a link.
const state = { v: 'forest-maintenance', ...stateOf('forest-maintenance', workedExample.input) };

const server = await serveWww();
const browser = await launch();
const times = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('[data-testid=total]')) {
        window.__firstResult = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${server.url}#${new URLSearchParams(state)}`);
  await page.waitForFunction(() => window.__firstResult !== undefined);
  times.push(await page.evaluate(() => window.__firstResult));
  await context.close();
}
await browser.close();
await server.close();
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`navigation → first computed result, ${runs} cold runs on loopback: median ${median.toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times.at(-1).toFixed(0)})`);
