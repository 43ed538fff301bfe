// The page: loads the engine, then shows one calculator view per tab.

import init, { catalog, evaluate } from './pkg/policy_calc.js';
import * as construction from './views/forest-construction.js';
import * as maintenance from './views/forest-maintenance.js';
import * as propertyStar from './views/property-star.js';
import * as fiveStrong from './views/five-strong.js';
import * as fiveStrongRanking from './views/five-strong-ranking.js';
import { bookTitle, h } from './ui.js';

const VIEWS = [maintenance, construction, propertyStar, fiveStrong, fiveStrongRanking];

async function main() {
  const main = document.getElementById('main');
  try {
    await init({ module_or_path: new URL('./pkg/policy_calc_bg.wasm', import.meta.url) });
  } catch (e) {
    main.replaceChildren(h('p', { class: 'fatal', role: 'alert' }, '计算引擎加载失败，请刷新页面重试。'));
    throw e;
  }
  const api = { evaluate, catalog };
  const entries = new Map(catalog().map((c) => [c.id, c]));

  const tabs = h('div', { role: 'tablist', 'aria-label': '选择计算器' });
  const panels = [];
  VIEWS.forEach((view, i) => {
    const entry = entries.get(view.id);
    const tab = h('button', { type: 'button', role: 'tab', id: `tab-${view.id}`, 'aria-controls': `panel-${view.id}`,
      'aria-selected': String(i === 0), tabindex: i === 0 ? '0' : '-1' }, view.title);
    const panel = h('section', { role: 'tabpanel', id: `panel-${view.id}`, 'aria-labelledby': tab.id, hidden: i !== 0 },
      h('h2', { class: 'view-title' }, entry.titleZh),
      h('p', { class: 'source' }, `依据：${bookTitle(entry.document)}，${entry.inForce.to ? `有效期 ${entry.inForce.from} 至 ${entry.inForce.to}` : `${entry.inForce.from} 起施行（试行，未规定终止日期）`}`));
    view.mount(panel, api, entry);
    tab.addEventListener('click', () => select(i));
    tab.addEventListener('keydown', (e) => {
      const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: VIEWS.length - 1 }[e.key];
      if (to !== undefined) { e.preventDefault(); select((to + VIEWS.length) % VIEWS.length, true); }
    });
    tabs.append(tab);
    panels.push([tab, panel]);
  });

  function select(index, focus = false) {
    panels.forEach(([tab, panel], i) => {
      tab.setAttribute('aria-selected', String(i === index));
      tab.tabIndex = i === index ? 0 : -1;
      panel.hidden = i !== index;
    });
    if (focus) panels[index][0].focus();
  }

  main.replaceChildren(h('nav', { 'aria-label': '计算器' }, tabs), ...panels.map(([, panel]) => panel));
  document.body.dataset.ready = 'true';
}

main();
