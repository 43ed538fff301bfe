// Every article any result cites opens in place: the repository's copy of the
// measure has it, and extract() finds it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { extract } from '../../www/articles.js';
import { evaluate } from './engine.mjs';
import { cases } from './cases.mjs';

const FILES = {
  '银川市社会力量投资建设生态公益林建设补偿办法': 'forest-construction-compensation.md',
  '银川市生态公益林养护管理补偿办法': 'forest-maintenance-compensation.md',
  '银川市住宅小区物业服务质量星级化评定实施办法': 'property-star-rating.md',
  '银川市经济领域“五强”认定工作方案': 'five-strong-recognition.md',
};
const text = (file) => readFileSync(new URL(`../../www/regulations/${file}`, import.meta.url), 'utf8');

test('every cited article is found in the repository copy of its measure', () => {
  const seen = new Set();
  for (const { calculator, input } of cases) {
    const r = evaluate(calculator, input);
    if (!r.ok) continue;
    for (const { document, article } of r.result.citations) {
      const key = `${document} ${article}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const file = Object.entries(FILES).find(([title]) => document.startsWith(title))?.[1];
      assert.ok(file, `no copy of ${document}`);
      const body = extract(text(file), article);
      assert.ok(body, `${key} not found`);
      const head = /^第[一二三四五六七八九十]+条/.exec(article)?.[0];
      if (head) assert.ok(body.startsWith(head), `${key} → ${body.slice(0, 20)}`);
    }
  }
  assert.ok(seen.size >= 40, `only ${seen.size} citations checked`);
});

test('the copies are the measures verbatim, with their numbers', () => {
  assert.match(text('forest-construction-compensation.md'), /第九条\u3000符合本办法建设补偿条件的生态公益林，按乔木林（或乔灌混交林）500 元 \/ 亩、灌木林 150 元 \/ 亩/);
  assert.match(text('forest-maintenance-compensation.md'), /第二十三条\u3000本办法自 2022 年 6 月 23 日起施行，有效期至 2027 年 6 月 22 日。/);
  assert.match(text('property-star-rating.md'), /第二十七条\u3000本办法自 2022 年 6 月 1 日起施行，有效期至 2025 年 12 月 31 日。/);
  assert.match(text('five-strong-recognition.md'), /经济强村50 万元奖励/);
});
