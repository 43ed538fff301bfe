// Chinese first, English too. Every text on the page is written as a pair,
// tr.t('中文', 'English'); the engine's texts come as {messageZh, messageEn},
// the catalog's as {labelZh, labelEn}, {hintZh, hintEn}, ….
//
// There is no page-wide language: each mounted calculator gets a translator of
// its own (translator(lang)) in its mount context and keeps it for its life, so
// that two calculators in different languages can share a page.

export const LANGS = ['zh', 'en'];

/** The HTML lang attribute for a language. */
export const htmlLang = (l) => (l === 'en' ? 'en' : 'zh-CN');

const DIGITS = '一二三四五六七八九';

/** A Chinese numeral up to 九十九 as a number: 十 → 10, 二十三 → 23. */
function numeral(s) {
  const ten = s.indexOf('十');
  if (ten < 0) return DIGITS.indexOf(s) + 1;
  const tens = ten === 0 ? 1 : DIGITS.indexOf(s[0]) + 1;
  const ones = s[ten + 1] ? DIGITS.indexOf(s[ten + 1]) + 1 : 0;
  return tens * 10 + ones;
}

const N = '([一二三四五六七八九十]+)';

/** An article as cited in Chinese, named in English: 第十条（一）→ Art. 10(1), 二（四）→ 2(4), 第十六条第1项 → Art. 16 item 1. */
export function articleEn(article) {
  return article
    .replace(new RegExp(`第${N}条`, 'g'), (_, n) => `Art. ${numeral(n)}`)
    .replace(new RegExp(`^${N}(?=（|$)`), (_, n) => String(numeral(n)))
    .replace(new RegExp(`（${N}）`, 'g'), (_, n) => `(${numeral(n)})`)
    .replace(/第(\d+)项/g, ' item $1')
    .replace(/、/g, ', ');
}

/**
 * The texts of one language:
 * - `t(zh, en)`: one of a pair;
 * - `msg(o)`: an engine text, {messageZh, messageEn};
 * - `of(o, 'label')`: a catalog text, {labelZh, labelEn} (also 'unit', 'hint', 'title');
 * - `pair(o)`: {zh, en} (an error's label);
 * - `article(a)`: an article number as this language names it.
 */
export function translator(lang) {
  const en = lang === 'en';
  return Object.freeze({
    lang: en ? 'en' : 'zh',
    html: htmlLang(en ? 'en' : 'zh'),
    t: (zh, english) => (en ? english : zh),
    msg: (o) => (!o ? '' : en ? (o.messageEn ?? o.messageZh) : o.messageZh),
    of: (o, name) => (!o ? '' : (en ? (o[`${name}En`] ?? o[`${name}Zh`]) : o[`${name}Zh`]) ?? ''),
    pair: (o) => (!o ? '' : en ? (o.en ?? o.zh) : o.zh),
    article: (a) => (!a ? '' : en ? articleEn(a) : a),
  });
}
