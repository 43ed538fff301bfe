// The page's numbers in Node, without a browser (www/ui/numbers.js, and the
// limits and hints www/ui/fields.js words from a catalog field): a percentage
// field is shown in percent and sent as a fraction, exactly; money reads with
// thousands separators; a figure of the catalog is worded with its unit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { translator } from '../../www/i18n.js';
import { figureText } from '../../www/ui/catalog.js';
import { errorText } from '../../www/ui/errors.js';
import { hintText, limits, limitsText, requiredMarker, setPath, typedRefusal } from '../../www/ui/fields.js';
import { addDecimals, compareDecimals, fractionToPercent, groupDigits, isZero, likelyPercent, money, normalizeNumber, percentToFraction, readable, readNumber,
  shiftDecimal, yuan } from '../../www/ui/numbers.js';

const zh = translator('zh');
const en = translator('en');

test('a percentage typed becomes the exact fraction the engine takes', () => {
  const cases = [['86', '0.86'], ['86.5', '0.865'], ['100', '1'], ['5', '0.05'], ['0', '0'], ['0.25', '0.0025'], ['.5', '0.005'], ['86.', '0.86'],
    ['007', '0.07'], ['86.50', '0.865'], ['-5', '-0.05'], [' 86 ', '0.86'], ['86%', '0.86'], ['８６．５', '0.865'], ['150', '1.5']];
  for (const [typed, sent] of cases) assert.equal(percentToFraction(typed), sent, typed);
  // Anything that is not a plain number goes to the engine as typed, to be named there.
  for (const typed of ['abc', '8 6', '1e2', '86,5', '--5', '']) assert.equal(percentToFraction(typed), typed.trim(), typed);
});

test('a fraction is shown as a percentage, and back again, with no float in between', () => {
  assert.equal(fractionToPercent('0.865'), '86.5');
  assert.equal(fractionToPercent('0.2'), '20');
  assert.equal(fractionToPercent('1'), '100');
  assert.equal(fractionToPercent('0.0001'), '0.01');
  assert.equal(fractionToPercent('0.07'), '7');
  for (const f of ['0.1', '0.29', '0.57', '0.123456789']) assert.equal(percentToFraction(fractionToPercent(f)), f, f);
  // 0.29 × 100 is 28.999999999999996 in floating point; here it stays exact.
  assert.equal(fractionToPercent('0.29'), '29');
});

test('shiftDecimal moves the point either way, or says the text is no plain decimal', () => {
  assert.equal(shiftDecimal('12.5', 3), '12500');
  assert.equal(shiftDecimal('12.5', -3), '0.0125');
  assert.equal(shiftDecimal('-0', 2), '0');
  assert.equal(shiftDecimal('+3', 0), '3');
  assert.equal(shiftDecimal('.', 1), null);
  assert.equal(shiftDecimal('1.2.3', 1), null);
});

test('what is typed is tidied: full-width digits (a Chinese input method) as ASCII, spaces trimmed', () => {
  assert.equal(normalizeNumber(' １２０．５ '), '120.5');
  assert.equal(normalizeNumber('－３'), '-3');
  assert.equal(normalizeNumber(null), '');
  // 。 (the Chinese full stop) typed for the point; a full-width space trimmed.
  assert.equal(normalizeNumber('120。5'), '120.5');
  assert.equal(normalizeNumber('\u3000９０．５\u3000'), '90.5');
});

test('a number is read as a Chinese input method types it; only what is unambiguous is taken', () => {
  const mu = { units: ['亩', 'mu'] };
  const taken = [
    ['１２０', {}, '120'], ['９０．５', {}, '90.5'], ['120。5', {}, '120.5'], ['１２０。５', {}, '120.5'],
    ['320亩', mu, '320'], ['320 亩', mu, '320'], ['320 MU', mu, '320'], ['2026年', { units: ['年'] }, '2026'], ['86%', { units: ['%'] }, '86'],
    ['８６％', { units: ['%'] }, '86'], ['45分', { units: ['分'] }, '45'], ['12个月', { units: ['个月'] }, '12'], ['3万元', { units: ['元', '万元'] }, '3'],
    // Thousands separators only in proper groups of three (the full-width comma too).
    ['1,200', {}, '1200'], ['12,345.6', {}, '12345.6'], ['1,234,567', {}, '1234567'], ['１，２００亩', mu, '1200'], ['-1,200', {}, '-1200'],
    ['.5', {}, '.5'], ['86.', {}, '86.'],
  ];
  for (const [typed, options, value] of taken) assert.equal(readNumber(typed, options).value, value, typed);
  assert.equal(readNumber('320亩', mu).unit, '亩');
  assert.equal(readNumber('320', mu).unit, null);
  // Commas out of their groups: refused, to be said what to type.
  for (const typed of ['1,20', '12,34,5', '1,2345', ',5', '1,200,00', '1.200,5', '1,,200']) assert.equal(readNumber(typed).refused, 'grouping', typed);
  // A unit that is not the field's (or any, for a field without one): refused.
  assert.deepEqual(readNumber('320米', mu), { refused: 'unit', number: '320', typed: '米' });
  assert.equal(readNumber('320公顷', mu).refused, 'unit');
  assert.equal(readNumber('2026年').refused, 'unit');
  assert.equal(readNumber('5万元', { units: ['元'] }).refused, 'unit', '万元 is no 元');
  // Anything else is no number: left for the engine to name.
  for (const typed of ['abc', '1 200', '1e3', '--5', '亩']) assert.ok('other' in readNumber(typed, mu), typed);
  assert.deepEqual(readNumber('  '), { empty: true });
});

test('the page\'s refusals say what to type', () => {
  const units = [{ zh: '亩', en: 'mu' }, { zh: '公顷', en: 'ha' }];
  assert.equal(typedRefusal(readNumber('1,20'), '面积', units).messageZh, '面积：“1,20”中的逗号位置不对。请不写逗号（如 120），或每三位一组（如 1,200）。');
  assert.equal(typedRefusal(readNumber('1,20'), 'Area', units).messageEn,
    'Area: the comma in "1,20" is misplaced. Type the number without commas (such as 120), or with one every three digits (such as 1,200).');
  assert.equal(typedRefusal(readNumber('320米'), '面积', units).messageZh, '面积以“亩”或“公顷”计：请只填数字，如 320；也可写作 320亩。');
  assert.equal(typedRefusal(readNumber('2014AD'), '种植年份', []).messageZh, '种植年份请只填数字，如 2014。');
  assert.equal(typedRefusal(readNumber('120'), '面积', units), null);
  assert.equal(typedRefusal(readNumber('abc'), '面积', units), null, 'no number at all: the engine\'s words');
});

test('a percentage typed like a fraction is asked about: 0.9 most likely means 90%', () => {
  // Values up to 1 with a decimal point; and "1" alone, which is how a fraction writes 100% (a person meaning 1% answers "no" once).
  const asked = [['0.9', '90'], ['0.86', '86'], ['.5', '50'], ['0.05', '5'], ['0.005', '0.5'], ['1.0', '100'], ['1.00', '100'], ['1', '100'], ['00.9', '90']];
  for (const [typed, pct] of asked) assert.equal(likelyPercent(typed), pct, typed);
  // Not asked: zero (the same either way), more than 1, whole numbers but 1.
  for (const typed of ['0', '0.0', '0.00', '1.5', '1.01', '86', '2', '100', '-0.5', 'abc', '']) assert.equal(likelyPercent(typed), null, typed);
});

test('decimal strings add and compare exactly', () => {
  assert.equal(addDecimals('6416.38', '5633.62'), '12050.00');
  assert.equal(addDecimals('10', '10.5', '0.25', '-1'), '19.75');
  assert.equal(addDecimals('0.1', '0.2'), '0.3');
  assert.equal(addDecimals('-0.5', '0.25'), '-0.25');
  assert.equal(addDecimals('1', 'x'), null);
  assert.equal(compareDecimals('55', '50'), 1);
  assert.equal(compareDecimals('50.00', '50'), 0);
  assert.equal(compareDecimals('49.99', '50'), -1);
  assert.equal(compareDecimals('-1', '0.5'), -1);
});

test('money and amounts read with thousands separators, exactly as the engine wrote them', () => {
  assert.equal(yuan('13959.49'), '13,959.49');
  assert.equal(yuan('26000000.00'), '26,000,000.00');
  assert.equal(yuan('999.5'), '999.5');
  assert.equal(yuan('-1234567.891'), '-1,234,567.891');
  assert.equal(groupDigits('0'), '0');
  assert.equal(money('6416.38', zh), '6,416.38 元');
  assert.equal(money('6416.38', en), '¥6,416.38');
  assert.ok(isZero('0') && isZero('0.00') && isZero('-0.0'));
  assert.ok(!isZero('0.01') && !isZero('') && !isZero('10'));
  // A figure in a sentence: separators from five digits on (years and small counts as they are).
  assert.deepEqual(['13600000', '1949', '1200', '906666.6666'].map(readable), ['13,600,000', '1949', '1200', '906,666.6666']);
});

test('a catalog figure is worded with its unit, a share as a percentage', () => {
  assert.equal(figureText({ value: '0.85', percent: true, unitZh: undefined }, zh), '85%');
  assert.equal(figureText({ value: '500', unitZh: '元/亩', unitEn: 'yuan/mu' }, zh), '500 元/亩');
  assert.equal(figureText({ value: '500', unitZh: '元/亩', unitEn: 'yuan/mu' }, en), '500 yuan/mu');
  assert.equal(figureText({ value: '26000000', unitZh: '元', unitEn: 'yuan' }, zh), '26,000,000 元');
  assert.equal(figureText({ value: '0.2' }, en), '0.2');
});

const share = { key: 'survivalRate', kind: 'decimal', min: '0', max: '1', maxPlaces: 4, percent: true, labelZh: '成活率', labelEn: 'Survival rate',
  required: { messageZh: '建设年限 1—3 年时必填', messageEn: 'at stand age 1–3' } };
const area = { key: 'areaMu', kind: 'decimal', min: '0.0001', max: '13600000', maxPlaces: 4, unitZh: '亩', unitEn: 'mu', required: true };
const years = { key: 'horizonYears', kind: 'integer', min: '1', max: '50', unitZh: '年', unitEn: 'years', required: false, hintZh: '不填为 10 年。', hintEn: '10 unless given.' };

test('a percentage field\'s limits are in percent; the limits are worded in the hint', () => {
  assert.deepEqual(limits(share), { min: '0', max: '100', places: 2 });
  assert.equal(limitsText(share, zh), '0—100%，最多 2 位小数。');
  assert.equal(limitsText(share, en), '0 to 100%, at most 2 decimals.');
  assert.equal(limitsText(area, zh), '大于 0，至多 13,600,000 亩，最多 4 位小数。');
  assert.equal(limitsText(area, en), 'More than 0, at most 13,600,000 mu, at most 4 decimals.');
  assert.equal(limitsText(years, zh), '1—50 年。');
  assert.equal(limitsText({ ...area, min: '0', max: '50', unitZh: '分' }, zh, { range: false }), '最多 4 位小数。');
  assert.equal(hintText(share, zh, { note: '须≥ 85%。' }), '建设年限 1—3 年时必填。须≥ 85%。0—100%，最多 2 位小数。');
  assert.equal(hintText(years, en), '10 unless given. 1 to 50 years.');
  assert.equal(hintText(share, en, { when: false, limits: false }), '');
});

test('the marker says optional, when the field is required (the catalog\'s condition), or nothing', () => {
  assert.equal(requiredMarker(false, zh), '（选填）');
  assert.equal(requiredMarker(true, zh), '');
  assert.equal(requiredMarker(share.required, zh), `（${share.required.messageZh}）`);
  assert.equal(requiredMarker(share.required, en), ` (required: ${share.required.messageEn})`);
});

test('a value goes to its key path in the request', () => {
  const req = {};
  setPath(req, 'scores.contract', '46');
  setPath(req, 'scores.satisfaction', '27');
  setPath(req, 'areaMu', '1');
  assert.deepEqual(req, { scores: { contract: '46', satisfaction: '27' }, areaMu: '1' });
});

test('an error on a percentage field counts its decimals in percent; other errors are the engine\'s words', () => {
  const label = { zh: '株数保存率', en: 'Stem retention rate' };
  const places = { code: 'invalidNumber', field: 'retentionRate', label, params: { places: 4 }, messageZh: '株数保存率最多保留 4 位小数。', messageEn: 'Stem retention rate: at most 4 decimal places.' };
  assert.equal(errorText(places, zh, { percent: true }), '株数保存率最多保留 2 位小数（按百分数）。');
  assert.equal(errorText(places, en, { percent: true }), 'Stem retention rate: at most 2 decimal places (as a percentage).');
  assert.equal(errorText(places, zh), '株数保存率最多保留 4 位小数。');
  const range = { code: 'outOfRange', field: 'retentionRate', label, params: { min: '0', max: '1', got: '1.5' }, messageZh: '株数保存率超出范围：应在 0% 至 100% 之间，实际为 150%。', messageEn: 'x' };
  assert.equal(errorText(range, zh, { percent: true }), range.messageZh);
});
