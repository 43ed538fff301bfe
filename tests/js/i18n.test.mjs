// Languages in Node, without a browser (www/i18n.js): each translator keeps
// its own language (no page-wide setting to capture), and English names the
// articles in English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articleEn, translator } from '../../www/i18n.js';

test('two translators side by side each keep their language', () => {
  const zh = translator('zh');
  const en = translator('en');
  assert.equal(zh.t('面积', 'Area'), '面积');
  assert.equal(en.t('面积', 'Area'), 'Area');
  assert.equal(zh.t('面积', 'Area'), '面积');
  assert.equal(translator('fr').lang, 'zh', 'anything but English is Chinese');
  assert.deepEqual([zh.html, en.html], ['zh-CN', 'en']);
  assert.ok(Object.isFrozen(en));
});

test('engine texts, catalog texts and error labels in one language', () => {
  const en = translator('en');
  const zh = translator('zh');
  assert.equal(en.msg({ messageZh: '甲', messageEn: 'A' }), 'A');
  assert.equal(en.msg({ messageZh: '甲' }), '甲', 'Chinese when no English is given');
  assert.equal(zh.msg(null), '');
  assert.equal(en.of({ labelZh: '面积', labelEn: 'Area', unitZh: '亩', unitEn: 'mu' }, 'unit'), 'mu');
  assert.equal(zh.of({ labelZh: '面积' }, 'hint'), '');
  assert.equal(en.pair({ zh: '第 2 行“项目资金投入”', en: 'Row 2, Project funding' }), 'Row 2, Project funding');
});

test('articles: cited in Chinese, named in English', () => {
  const cases = [['第九条', 'Art. 9'], ['第二十三条', 'Art. 23'], ['第十条（一）1', 'Art. 10(1)1'], ['第十六条第1项', 'Art. 16 item 1'],
    ['第二条、第七条', 'Art. 2, Art. 7'], ['二（四）', '2(4)'], ['一（五）', '1(5)'], ['三', '3'], ['四（三）', '4(3)']];
  for (const [zh, en] of cases) assert.equal(articleEn(zh), en, zh);
  assert.equal(translator('zh').article('第九条'), '第九条');
  assert.equal(translator('en').article('第九条'), 'Art. 9');
});
