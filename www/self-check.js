// The self-check page: every named case of tests/cases/ (copied to
// pkg/cases.json by scripts/build-wasm) run in the visitor's browser through
// the engine the calculators use (www/engine.js), each held against what it
// expects by the same matching as the tests (www/cases.js). A table shows
// each case, what it expects, what the engine gave and whether they agree.

import { namedCases, runCase } from './cases.js';
import { createEngine } from './engine.js';
import { translator } from './i18n.js';
import { h } from './ui/elements.js';

/** The value at a key path (a list of keys) of `value`; undefined when it is not there. */
function at(value, path) {
  let v = value;
  for (const k of path) {
    if (v === null || typeof v !== 'object' || !(k in v)) return undefined;
    v = v[k];
  }
  return v;
}

/** What a case expects, as [path, value] for each value it names (an empty list or object is a value). */
function leaves(expected, path = []) {
  if (expected !== null && typeof expected === 'object' && Object.keys(expected).length) {
    return Object.entries(expected).flatMap(([k, v]) => leaves(v, [...path, Array.isArray(expected) ? Number(k) : k]));
  }
  return [[path, expected]];
}

const pathText = (path) => path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i ? `.${k}` : k)).join('');
const json = (v) => {
  const text = v === undefined ? '—' : JSON.stringify(v);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
};

/** The lines of one side of a case: `path: value`; on the engine's side, a line that differs says so in words. */
function lines(pairs, tr, { got } = {}) {
  return h('ul', { class: 'case-values' }, pairs.map(([path, expected]) => {
    const value = got === undefined ? expected : at(got, path);
    const differs = got !== undefined && JSON.stringify(value) !== JSON.stringify(expected);
    return h('li', { class: differs ? 'differs' : null },
      differs ? h('strong', {}, tr.t('不一致 ', 'differs ')) : null,
      h('code', {}, `${pathText(path) || tr.t('（整体）', '(whole)')}: ${value === undefined && got !== undefined ? tr.t('（无）', '(missing)') : json(value)}`));
  }));
}

function readLang() {
  const p = new URLSearchParams(location.hash.slice(1));
  return p.get('lang') === 'en' ? 'en' : 'zh';
}

function render(main, runs, titles, tr) {
  const { t } = tr;
  document.documentElement.lang = tr.html;
  document.title = t('自检 · 银川政策计算器', 'Self-check · Yinchuan policy calculators');
  document.getElementById('site-title').textContent = t('自检：用本机浏览器核对全部样例', 'Self-check: every named case, in this browser');
  document.getElementById('site-intro').textContent = t('本页在您的浏览器内，用计算器页面所用的同一计算引擎，逐一运行本项目的全部命名样例，并与每个样例的预期结果核对。',
    'This page runs every named case of the project in your browser, through the same engine the calculators use, and checks each against what it expects.');
  document.getElementById('back').textContent = t('返回计算器', 'Back to the calculators');
  document.getElementById('back').setAttribute('href', tr.lang === 'en' ? './#lang=en' : './');
  document.getElementById('site-foot').textContent = t('样例与预期结果见项目仓库的 tests/cases/ 目录；全部计算在本机完成，不发送任何内容。',
    'The cases and what they expect are in the repository\'s tests/cases/; everything is computed here and nothing is sent anywhere.');
  const other = tr.lang === 'en' ? 'zh' : 'en';
  document.getElementById('lang-switch').replaceChildren(h('button', { type: 'button', class: 'secondary', lang: translator(other).html,
    'aria-label': other === 'en' ? 'English version' : '中文版',
    onclick: () => {
      history.replaceState(null, '', other === 'en' ? '#lang=en' : location.pathname);
      render(main, runs, titles, translator(other));
      document.querySelector('#lang-switch button')?.focus();
    } }, other === 'en' ? 'English' : '中文'));

  const total = runs.length;
  const failed = runs.filter((r) => r.problems.length);
  const passed = total - failed.length;
  const rowId = (i) => `case-${i + 1}`;
  const summary = h('p', { class: `self-check-summary ${failed.length ? 'bad' : 'ok'}`, role: 'status' },
    h('strong', { 'data-testid': 'summary' }, t(`${passed}/${total} 通过`, `${passed}/${total} passed`)),
    failed.length ? t(`，${failed.length} 项未通过：`, `; ${failed.length} failed:`) : t('：本机计算与全部样例的预期一致。', ': this browser computes what every case expects.'));
  const failures = failed.length ? h('ul', { class: 'self-check-failures' }, failed.map((r) => h('li', {},
    h('a', { href: `#${rowId(runs.indexOf(r))}` }, r.c.name)))) : null;
  const table = h('table', { class: 'self-check-table' },
    h('caption', {}, t(`命名样例（共 ${total} 项）：预期与本机计算结果`, `Named cases (${total}): expected and computed here`)),
    h('thead', {}, h('tr', {}, [t('序号', 'No.'), t('样例', 'Case'), t('计算器', 'Calculator'), t('条文', 'Article'),
      t('预期', 'Expected'), t('本机结果', 'Got'), t('结果', 'Status')].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, runs.map((r, i) => {
      const pairs = leaves(r.c.expect);
      const ok = r.problems.length === 0;
      return h('tr', { id: rowId(i), class: ok ? 'pass' : 'fail' },
        h('td', { class: 'num' }, String(i + 1)),
        h('th', { scope: 'row' }, r.c.name),
        h('td', {}, titles.get(r.c.calculator) ? tr.of(titles.get(r.c.calculator), 'title') : h('code', {}, String(r.c.calculator))),
        h('td', {}, tr.article(r.c.article)),
        h('td', {}, lines(pairs, tr)),
        h('td', {}, lines(pairs, tr, { got: r.got })),
        h('td', { class: 'status', 'data-testid': 'status' }, ok ? t('✓ 通过', '✓ passed') : t('✗ 未通过', '✗ failed'),
          ok ? null : h('ul', { class: 'case-problems' }, r.problems.map((p) => h('li', {}, h('code', {}, p))))));
    })));
  main.replaceChildren(summary, failures, h('div', { class: 'table-wrap' }, table));
}

async function main() {
  const main = document.getElementById('main');
  let runs;
  const titles = new Map();
  try {
    const response = await fetch(new URL('./pkg/cases.json', import.meta.url));
    if (!response.ok) throw new Error(`pkg/cases.json: ${response.status}`);
    const cases = namedCases(await response.json());
    const engine = await createEngine();
    // Each case's calculator loads its module (an unknown id loads nothing; a loaded module answers it).
    await Promise.all([...new Set(cases.map((c) => c.calculator))].map((id) => engine.ensure(id)));
    for (const entry of engine.catalog()) titles.set(entry.id, entry);
    runs = cases.map((c) => ({ c, ...runCase(engine.evaluate, c) }));
  } catch (e) {
    main.replaceChildren(h('p', { class: 'fatal', role: 'alert' }, '样例或计算引擎加载失败，请刷新页面重试。',
      h('span', { lang: 'en' }, ' The cases or the engine failed to load; please reload.')));
    throw e;
  }
  render(main, runs, titles, translator(readLang()));
  document.body.dataset.ready = 'true';
}

main();
