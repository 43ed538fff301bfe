// No rule figure is written in the page (docs/rulebook.md §5, "Catalog = the
// schema"): rates, thresholds, shares, quotas, maxima and limits reach
// www/ from the engine's catalog (entry.figures, field min/max) or its
// results. This reads every script and page of www/ (not the built engine in
// www/pkg/) and fails on any figure of the measures written into them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const WWW = new URL('../../www/', import.meta.url).pathname;

/** www/**\/*.js, www/*.html and www/*.css, without www/pkg/. */
function pageFiles(dir = WWW) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'pkg' || d.name === 'regulations' ? [] : pageFiles(path);
    return /\.(js|css)$/.test(d.name) || (dir === WWW && d.name.endsWith('.html')) ? [path] : [];
  });
}

/** What a rule figure looks like when someone types it into the page. */
const FIGURES = [
  ['a rate of the construction measure (500 / 150 元)', /(?<![\d.,])(500|150)\s*(元|yuan)/],
  ['a maintenance rate (400 / 130 / 240 元/亩/年)', /(?<![\d.,])(400|130|240)\s*(元|yuan)/],
  ['a share or a threshold in percent (65%, 85%, 80%, 70%, 50%, 30%, 20%)', /(?<![\d.])(65|85|80|70|50|30|20)\s*%/],
  ['a share as a fraction (0.65, 0.85, 0.8, 0.3, 0.2)', /(?<![\d.])0\.(65|85|8|3|2)(?![\d])/],
  ['the hectare (1 公顷 = 15 亩)', /(?<![\d.])15\s*(亩|mu\b)|1\s*(公顷|hectare)\s*=/],
  ['the projection\'s limits (1—50 years)', /(?<![\d.])1\s*[—–-]\s*50(?![\d])|1 to 50\b/],
  ['a category minimum (42.5, 25.5, 8.5)', /(?<![\d.])(42\.5|25\.5|8\.5)(?![\d]|pt|px|r?em)/],
  ['a score maximum next to 分 (50 / 30 / 20 / 10 / 110 分)', /(?<![\d.])(110|50|30|20|10)\s*分/],
  ['a score maximum as "/ 50 分" or "out of 110"', /\/\s*(110|50|30|20|10)\s*(分|points)|out of (110|50|30|20|10)\b/],
  ['a band line of the star rating (the 70 / 85 lines)', /\bl(70|85)\b|(>=|<=|<|>)\s*(70|85|95|90)\b/],
  ['a total of a star band (95 / 90 / 85 / 80 / 70 分)', /(?<![\d.])(95|90|85|80|70)(\.0)?\s*分/],
  ['a reward (5,000,000 / 1,000,000 / 500,000 / 26,000,000 元)', /(?<![\d,])(5,?000,?000|1,?000,?000|500,?000|26,?000,?000)(?![\d,])/],
  ['a quota or pool (1 个, 6 of 26, 20 of 282, 100 家, 40/35/10/15)', /(?<![\d.])(26|282)\s*个|(?<![\d.])(6|20)\s*个|(?<![\d.])100\s*家|(?<![\d.])(40|35)\s*家/],
  ['the application deadline (6 月 30 日, 6 月底)', /(?<![\d.])6\s*月\s*(30|底)|30 June/],
  ['the months of service (12 个月)', /(?<![\d.])12\s*(个月|months)/],
  ['an age band (1—3 年, 10 年, 11—15, 16—20, 20 年)', /(?<![\d.])(1\s*[—–-]\s*3|11\s*[—–-]\s*15|16\s*[—–-]\s*20)(?![\d])|(?<![\d.])(3|10|20)\s*年/],
  ['an input bound (1949, 13,600,000 亩, 906,666 公顷)', /1949|13,?600,?000|906,?666/],
  ['the recognition cycle (every 3 years)', /每\s*3\s*年|every 3 years/i],
];

test('no rule figure is written in www/: the page reads them from the catalog', () => {
  const files = pageFiles();
  assert.ok(files.some((f) => f.endsWith('/views/property-star.js')) && files.some((f) => f.endsWith('index.html')), files.join(' '));
  const found = [];
  for (const file of files) {
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      for (const [what, pattern] of FIGURES) {
        const m = pattern.exec(line);
        if (m) found.push(`www/${relative(WWW, file)}:${i + 1}: "${m[0]}" (${what})\n    ${line.trim().slice(0, 160)}`);
      }
    });
  }
  assert.deepEqual(found, []);
});

test('the check finds a figure written into a view', () => {
  // The patterns are not vacuous: what the page used to say is caught.
  const before = ['按乔木林（乔灌混交林）500 元/亩、灌木林 150 元/亩', '乔木占总面积或总株数 65% 及以上', '须≥ 85%。', '保存率≥ 80%',
    '郁闭度≥ 0.2', '覆盖度≥ 30%', "'1 公顷 = 15 亩。最多 4 位小数。'", "hint: t('1—50 年。', '1 to 50.')", '须≥ 42.5 分',
    '评分（第十一条，总分 110 分）', '.bar .l70 { left: 70%; }',
    "const level = pct >= 85 ? 'high' : pct >= 70 ? 'mid' : 'low';", '全市 26 个乡镇中认定 6 个', '须每年 6 月底前申请', '须服务满一年（12 个月）以上',
    "t('10 年（含）以内', 'up to 10 years')"];
  for (const text of before) assert.ok(FIGURES.some(([, p]) => p.test(text)), text);
});
