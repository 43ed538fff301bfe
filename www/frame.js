// frame.html?calculator=forest-maintenance&lang=zh&origin=https://portal.example
// One calculator for an <iframe>. It tells the host page its height with
// postMessage, addressed to the host's origin only: the `origin` parameter,
// or else the origin of the page that framed it (document.referrer).

import { loadEngine, mountView, viewById, VIEWS } from './calculators.js';
import { htmlLang } from './i18n.js';

const params = new URLSearchParams(location.search);
const language = params.get('lang') === 'en' ? 'en' : 'zh';
document.documentElement.lang = htmlLang(language);

function hostOrigin() {
  for (const candidate of [params.get('origin'), document.referrer]) {
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
  const view = viewById(params.get('calculator'));
  if (!view) {
    main.textContent = `calculator must be one of ${VIEWS.map((v) => v.id).join(', ')}`;
    return;
  }
  const engine = await loadEngine();
  main.replaceChildren();
  mountView(view, main, { ...engine, language, onState: () => {} });

  const target = hostOrigin();
  if (window.parent !== window && target) {
    let last = 0;
    const report = () => {
      const height = Math.ceil(document.documentElement.scrollHeight);
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
