// Chinese first, English too. Every text on the page is written as a pair,
// t('中文', 'English'); the engine's texts come as {messageZh, messageEn}.
//
// The language is a module-level setting so that call sites stay short; a
// calculator embedded with its own language runs its (synchronous) rendering
// inside withLang(), so that two embeds in different languages can share a page.

let current = 'zh';

export const LANGS = ['zh', 'en'];

export function lang() {
  return current;
}

export function setLang(l) {
  current = LANGS.includes(l) ? l : 'zh';
}

export function t(zh, en) {
  return current === 'en' ? en : zh;
}

/** The current language's text of an engine message. */
export function msg(o) {
  if (!o) return '';
  return current === 'en' ? (o.messageEn ?? o.messageZh) : o.messageZh;
}

/** Runs fn with language l, then restores the previous one. */
export function withLang(l, fn) {
  const previous = current;
  current = l;
  try {
    return fn();
  } finally {
    current = previous;
  }
}

/** Wraps a handler so that it always runs in language l. */
export function inLang(l, fn) {
  return (...args) => withLang(l, () => fn(...args));
}

/** The HTML lang attribute for a language. */
export const htmlLang = (l) => (l === 'en' ? 'en' : 'zh-CN');
