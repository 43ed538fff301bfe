// The verbatim texts of the measures, opened in place from a citation. The
// texts are the repository's own copies (www/regulations/), fetched only when
// a reader asks for one.

const FILES = [
  ['银川市社会力量投资建设生态公益林建设补偿办法', 'forest-construction-compensation.md'],
  ['银川市生态公益林养护管理补偿办法', 'forest-maintenance-compensation.md'],
  ['银川市住宅小区物业服务质量星级化评定实施办法', 'property-star-rating.md'],
  ['银川市经济领域“五强”认定工作方案', 'five-strong-recognition.md'],
];

const cache = new Map();

function fileFor(documentTitle) {
  return FILES.find(([title]) => documentTitle.startsWith(title))?.[1];
}

async function load(file) {
  if (!cache.has(file)) {
    cache.set(file, fetch(new URL(`./regulations/${file}`, import.meta.url)).then((r) => {
      if (!r.ok) throw new Error(`${file}: ${r.status}`);
      return r.text();
    }));
    // A failed load is forgotten: the next reader who opens the text tries again.
    cache.get(file).catch(() => cache.delete(file));
  }
  return cache.get(file);
}

const NUM = '[一二三四五六七八九十百]+';

/**
 * The paragraphs of one article: "第九条" (or "第十条（一）1", "第十六条第1项":
 * the whole article), or a clause of a scheme numbered "四（三）", "二", "一（四）".
 */
export function extract(text, article) {
  const body = text.replace(/^>.*$/gm, '').replace(/^#.*$/gm, '');
  const art = new RegExp(`^(第${NUM}条)`).exec(article);
  if (art) {
    const start = body.search(new RegExp(`^${art[1]}[\\s\u3000]`, 'm'));
    if (start < 0) return null;
    const rest = body.slice(start);
    const end = rest.slice(1).search(new RegExp(`^(第${NUM}条|第${NUM}章)`, 'm'));
    return (end < 0 ? rest : rest.slice(0, end + 1)).trim();
  }
  const clause = new RegExp(`^(${NUM})(?:（(${NUM})）)?$`).exec(article);
  if (!clause) return null;
  const sectionStart = body.search(new RegExp(`^${clause[1]}、`, 'm'));
  if (sectionStart < 0) return null;
  let section = body.slice(sectionStart);
  const next = section.slice(1).search(new RegExp(`^${NUM}、`, 'm'));
  if (next >= 0) section = section.slice(0, next + 1);
  if (!clause[2]) return section.trim();
  const subStart = section.search(new RegExp(`^（${clause[2]}）`, 'm'));
  if (subStart < 0) return section.trim();
  const sub = section.slice(subStart);
  const subEnd = sub.slice(1).search(new RegExp(`^（${NUM}）`, 'm'));
  return (subEnd < 0 ? sub : sub.slice(0, subEnd + 1)).trim();
}

/** The verbatim text of `article` of the cited document, or null; a citation of several ("第二条、第七条") gives each, in turn. */
export async function articleText(documentTitle, article) {
  const file = fileFor(documentTitle);
  if (!file) return null;
  const text = await load(file);
  const parts = article.split('、').map((a) => a.trim()).filter(Boolean).map((a) => extract(text, a));
  return parts.some((p) => p !== null) ? parts.filter((p) => p !== null).join('\n') : null;
}
