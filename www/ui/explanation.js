// What every result carries, rendered: the eligibility badge, the unmet
// conditions (reasons), warnings, interpretations, notes, the articles cited
// (each opens its verbatim text in place) and the approval route.

import { articleText } from '../articles.js';
import { bookTitle, h } from './elements.js';

export function eligibility(result, yes, no) {
  return h('p', { class: `badge ${result.eligible ? 'ok' : 'no'}` }, result.eligible ? yes : no);
}

function list(title, items, cls, item) {
  if (!items || items.length === 0) return null;
  return h('section', { class: `explain ${cls}` }, h('h3', {}, title), h('ul', {}, items.map((x) => h('li', {}, item(x)))));
}

/** An article number followed by the message, for reasons, notes and consequences. */
export const withArticle = (r, tr) => [h('strong', {}, tr.article(r.article)), ' ', tr.msg(r)];

/** Reasons, warnings, interpretations, notes and citations, in that order. */
export function explanation(result, tr) {
  return [
    list(tr.t('未满足的条件', 'Conditions not met'), result.reasons, 'reasons', (r) => withArticle(r, tr)),
    list(tr.t('提示', 'Warnings'), result.warnings, 'warnings', tr.msg),
    list(tr.t('本计算器的理解（解释）', 'How this calculator reads the text (interpretations)'), result.interpretations, 'interpretations', tr.msg),
    list(tr.t('须知', 'Notes'), result.notes, 'notes', (r) => withArticle(r, tr)),
    citations(result.citations, tr),
  ];
}

/** The articles used, grouped by document; each opens its verbatim text (in Chinese) in place. */
function citations(items, tr) {
  const byDoc = new Map();
  for (const c of items) byDoc.set(c.document, [...(byDoc.get(c.document) || []), c.article]);
  return h('section', { class: 'explain citations' }, h('h3', {}, tr.t('依据', 'Sources'),
    h('span', { class: 'screen-only' }, tr.t('（点击条文查看原文）', ' (open an article to read its text)'))),
    [...byDoc].map(([doc, articles]) => h('div', { class: 'source-doc' },
      h('p', {}, bookTitle(doc)),
      h('div', { class: 'articles' }, articles.map((a) => {
        const text = h('blockquote', { class: 'article-text', lang: 'zh-CN' }, tr.t('正在载入…', 'Loading…'));
        const details = h('details', {}, h('summary', {}, tr.article(a)), text);
        details.addEventListener('toggle', () => {
          if (!details.open || details.dataset.loaded) return;
          details.dataset.loaded = '1';
          articleText(doc, a).then((body) => {
            text.replaceChildren(...(body ?? tr.t('未找到该条文。', 'Article not found.')).split(/\n+/).map((p) => h('p', {}, p)),
              ...(tr.lang === 'en' ? [h('p', { class: 'hint', lang: 'en' }, 'Official text, in Chinese.')] : []));
          }).catch(() => {
            delete details.dataset.loaded;
            text.textContent = tr.t('原文载入失败：收起后再次展开即可重试。', 'Could not load the text: close it and open it again to retry.');
          });
        });
        return details;
      })))));
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
