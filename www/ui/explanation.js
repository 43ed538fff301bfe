// What every result carries, rendered: the eligibility badge, the unmet
// conditions (reasons), warnings, interpretations, notes, the working (the
// engine's steps, docs/rulebook.md §5), the articles cited (each opens its
// verbatim text in place: the module that finds it, articles.js, is imported
// when a reader first opens one) and the approval route.

import { beforePrint, bookTitle, h } from './elements.js';

export function eligibility(result, yes, no) {
  return h('p', { class: `badge ${result.eligible ? 'ok' : 'no'}` }, result.eligible ? yes : no);
}

function list(title, items, cls, item) {
  if (!items || items.length === 0) return null;
  return h('section', { class: `explain ${cls}` }, h('h3', {}, title), h('ul', {}, items.map((x) => h('li', {}, item(x)))));
}

/** An article number followed by the message, for reasons, notes and consequences. */
export const withArticle = (r, tr) => [h('strong', {}, tr.article(r.article)), ' ', tr.msg(r)];

/** Reasons, warnings, interpretations, notes, the working and citations, in that order. */
export function explanation(result, tr) {
  return [
    list(tr.t('未满足的条件', 'Conditions not met'), result.reasons, 'reasons', (r) => withArticle(r, tr)),
    list(tr.t('提示', 'Warnings'), result.warnings, 'warnings', tr.msg),
    list(tr.t('本计算器的理解（解释）', 'How this calculator reads the text (interpretations)'), result.interpretations, 'interpretations', tr.msg),
    list(tr.t('须知', 'Notes'), result.notes, 'notes', (r) => withArticle(r, tr)),
    working(result, tr),
    citations(result.citations, tr),
  ];
}

/** An article of `doc` as a chip that opens its verbatim text (in Chinese) in place, loaded when first opened. */
function articleChip(doc, a, tr) {
  const text = h('blockquote', { class: 'article-text', lang: 'zh-CN' }, tr.t('正在载入…', 'Loading…'));
  const details = h('details', {}, h('summary', {}, tr.article(a)), text);
  details.addEventListener('toggle', () => {
    if (!details.open || details.dataset.loaded) return;
    details.dataset.loaded = '1';
    import('../articles.js').then(({ articleText }) => articleText(doc, a)).then((body) => {
      text.replaceChildren(...(body ?? tr.t('未找到该条文。', 'Article not found.')).split(/\n+/).map((p) => h('p', {}, p)),
        ...(tr.lang === 'en' ? [h('p', { class: 'hint', lang: 'en' }, 'Official text, in Chinese.')] : []));
    }).catch(() => {
      delete details.dataset.loaded;
      text.textContent = tr.t('原文载入失败：收起后再次展开即可重试。', 'Could not load the text: close it and open it again to retry.');
    });
  });
  return details;
}

/** The articles used, grouped by document; each opens its verbatim text (in Chinese) in place. */
function citations(items, tr) {
  const byDoc = new Map();
  for (const c of items) byDoc.set(c.document, [...(byDoc.get(c.document) || []), c.article]);
  return h('section', { class: 'explain citations' }, h('h3', {}, tr.t('依据', 'Sources'),
    h('span', { class: 'screen-only' }, tr.t('（点击条文查看原文）', ' (open an article to read its text)'))),
    [...byDoc].map(([doc, articles]) => h('div', { class: 'source-doc' },
      h('p', {}, bookTitle(doc)),
      h('div', { class: 'articles' }, articles.map((a) => articleChip(doc, a, tr))))));
}

/**
 * The working (docs/rulebook.md §5 "Steps"): the engine's steps in order, each its formula in the
 * page's language and its article as a chip, in a section closed until the reader opens it (and
 * open from then on for that calculator's results). The list is built when the section is first
 * opened, or when the page is printed (the sheet carries the working, open or not), so a ranking
 * of hundreds of candidates costs nothing until read.
 */
function working(result, tr) {
  const steps = result.steps ?? [];
  if (steps.length === 0) return null;
  // A step names its article; the document is the one the result cites it from (a result cites one measure).
  const documentOf = (a) => (result.citations.find((c) => c.article === a) ?? result.citations[0])?.document;
  const details = h('details', { class: 'explain working', 'data-testid': 'working' },
    h('summary', {}, h('h3', {}, tr.t('计算过程', 'How it was worked out'))));
  const fill = () => {
    if (details.dataset.built) return;
    details.dataset.built = '1';
    details.append(h('ol', { class: 'steps' }, steps.map((s) => {
      const doc = documentOf(s.article);
      return h('li', {}, h('span', { class: 'formula' }, tr.t(s.formulaZh, s.formulaEn) ?? s.value ?? ''), ' ',
        s.article ? (doc ? articleChip(doc, s.article, tr) : h('span', { class: 'article' }, tr.article(s.article))) : null);
    })));
  };
  details.addEventListener('toggle', () => {
    if (details.open) fill();
    // The reader's choice (not the printer's) holds for the next result of the same calculator.
    if (!details.dataset.openedForPrint) keptOpen[details.open ? 'add' : 'delete'](result.calculator);
  });
  if (keptOpen.has(result.calculator)) {
    fill();
    details.open = true;
  }
  builders.set(details, fill);
  for (const ref of forPrint) if (!ref.deref()) forPrint.delete(ref);
  forPrint.add(new WeakRef(details));
  return details;
}

/** The calculators whose working the reader left open: a new result (another input, the other language) opens it too. */
const keptOpen = new Set();

/**
 * Every working section built, held weakly (a result replaced is forgotten): printing builds and
 * opens each closed one on the page (the parts of a result still waiting to be built first), and
 * closes it again afterwards. `beforeprint` / `afterprint`
 * for a real print; the print media query's change as well, which an emulated print medium raises.
 */
const forPrint = new Set();
const builders = new WeakMap();
let printing = false;
function onPrint(now) {
  if (now === printing) return;
  printing = now;
  // What waits to be built first (a result's parts under its headline), its working with it.
  if (now) for (const build of [...beforePrint]) build();
  for (const ref of forPrint) {
    const details = ref.deref();
    if (!details) {
      forPrint.delete(ref);
    } else if (now && !details.open && details.isConnected) {
      builders.get(details)();
      details.dataset.openedForPrint = '1';
      details.open = true;
    } else if (!now && details.dataset.openedForPrint) {
      delete details.dataset.openedForPrint;
      details.open = false;
    }
  }
}
if (typeof window !== 'undefined') {
  window.addEventListener('beforeprint', () => onPrint(true));
  window.addEventListener('afterprint', () => onPrint(false));
  window.matchMedia?.('print').addEventListener?.('change', (e) => onPrint(e.matches));
}

/** Who pays, the approval route and the documents to prepare (the forest measures). */
export function route(result, tr) {
  return [
    h('section', { class: 'explain route' }, h('h3', {}, tr.t('申报与审批流程', 'Application and approval')),
      h('p', {}, result.payer === 'city'
        ? tr.t('补偿资金由市级财政承担。', 'Paid by the city budget.')
        : tr.t('补偿资金由县（市）级财政承担。', 'Paid by the county budget.')),
      h('ol', {}, result.approvalRoute.map((s) => h('li', {}, tr.msg(s))))),
    h('section', { class: 'explain documents' }, h('h3', {}, tr.t('需准备的材料', 'Documents to prepare')),
      h('ul', {}, result.documents.map((d) => h('li', {}, tr.msg(d))))),
  ];
}
