// frame.html?calculator=forest-maintenance&lang=zh&origin=https://portal.example
// One calculator for an <iframe>. It tells the host page its height with
// postMessage, addressed to the host's origin only: the `origin` parameter,
// or else the origin of the page that framed it (document.referrer).

import { mountView, viewById, VIEWS } from './calculators.js';
import { loadOne } from './one.js';
import { translator } from './i18n.js';

const params = new URLSearchParams(location.search);
const language = params.get('lang')?.startsWith('en') ? 'en' : 'zh';
const { t: say, html } = translator(language);
document.documentElement.lang = html;
document.title = say('银川政策计算器', 'Yinchuan policy calculators');

function hostOrigin() {
  for (const candidate of [params.get('origin'), document.referrer, location.ancestorOrigins?.[0]]) {
    try {
      const origin = new URL(candidate).origin;
      if (origin !== 'null') return origin;
    } catch {
      // not a URL: try the next
    }
  }
  return null;
}

async function main() {
  const main = document.getElementById('main');
  main.textContent = say('正在加载…', 'Loading…');
  const view = viewById(params.get('calculator'));
  if (!view) {
    main.textContent = say(`calculator 须为以下之一：${VIEWS.map((v) => v.id).join('、')}`, `calculator must be one of ${VIEWS.map((v) => v.id).join(', ')}`);
    return;
  }
  // The engine and this calculator's view (only this one) load side by side.
  const loaded = await loadOne(view, main, language);
  if (!loaded) return;
  mountView(loaded.module, main, { ...loaded.engine, language, onState: () => {} });

  const target = hostOrigin();
  if (window.parent !== window && target) {
    let last = 0;
    const report = () => {
      // The content's own height (scrollHeight never falls below the frame's).
      const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (height === last) return;
      last = height;
      window.parent.postMessage({ type: 'policy-calculator:height', calculator: view.id, height }, target);
    };
    new ResizeObserver(report).observe(document.body);
    report();
  }
  document.body.dataset.ready = 'true';
}

main();
