// The page's CSV reader and writer (www/csv.js) in Node, without a browser:
// what spreadsheets paste (quoting, a byte-order mark, tabs or commas, CRLF,
// blank lines) and how a header names the columns of a list of candidates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeOf, formatCsv, headerKey, matchHeader, parseCsv, readCandidates } from '../../www/csv.js';

test('commas, with cells trimmed', () => {
  assert.deepEqual(parseCsv('name, a ,b\nx,1, 2 '), [['name', 'a', 'b'], ['x', '1', '2']]);
});

test('quoted cells: commas, doubled quotes, line breaks inside; quotes only open at the start of a cell', () => {
  assert.deepEqual(parseCsv('name,note\n"甲村, 一组","他说""好"""\n"two\nlines",x'),
    [['name', 'note'], ['甲村, 一组', '他说"好"'], ['two\nlines', 'x']]);
  assert.deepEqual(parseCsv('a,b\n5" pipe,x'), [['a', 'b'], ['5" pipe', 'x']]);
  assert.deepEqual(parseCsv('a,b\n  "q" ,x'), [['a', 'b'], ['q', 'x']]);
});

test('a byte-order mark is dropped', () => {
  assert.deepEqual(parseCsv('\uFEFFname,a\nx,1'), [['name', 'a'], ['x', '1']]);
});

test('tab-separated when the first line has a tab (as a spreadsheet copies), commas then stay in the cell', () => {
  assert.deepEqual(parseCsv('name\ta\n甲村\t1,200'), [['name', 'a'], ['甲村', '1,200']]);
  // A tab further down does not make a comma-separated sheet tab-separated.
  assert.deepEqual(parseCsv('name,a\nx\ty,1'), [['name', 'a'], ['x\ty', '1']]);
});

test('CRLF, CR and LF line ends; blank lines and rows of empty cells are dropped; a last line without an end counts', () => {
  assert.deepEqual(parseCsv('a,b\r\n1,2\r\n\r\n,\r\n3,4'), [['a', 'b'], ['1', '2'], ['3', '4']]);
  assert.deepEqual(parseCsv('a,b\r1,2\r'), [['a', 'b'], ['1', '2']]);
  assert.deepEqual(parseCsv('\n\na\n\n'), [['a']]);
  assert.deepEqual(parseCsv(''), []);
  // An empty cell inside a row is kept.
  assert.deepEqual(parseCsv('a,b,c\n1,,3'), [['a', 'b', 'c'], ['1', '', '3']]);
});

test('formatCsv quotes what needs it, ends lines with CRLF, and reads back the same', () => {
  const rows = [['name', 'note'], ['甲村, 一组', '他说"好"'], ['two\nlines', ' padded '], [1, true], [null, undefined]];
  const text = formatCsv(rows);
  assert.equal(text.split('\r\n')[0], 'name,note');
  assert.ok(text.endsWith('\r\n'));
  assert.match(text, /"甲村, 一组","他说""好"""/);
  // Cells read back trimmed; empty rows are dropped.
  assert.deepEqual(parseCsv(text), [['name', 'note'], ['甲村, 一组', '他说"好"'], ['two\nlines', 'padded'], ['1', 'true']]);
});

const village = {
  indicators: [
    { key: 'featuredIndustry', labelZh: '特色产业优势', labelEn: 'Featured-industry strength' },
    { key: 'projectFunding', labelZh: '项目资金投入', labelEn: 'Project funding' },
  ],
  flags: [
    { code: 'vetoed', labelZh: '参评年度被平安建设、安全生产、重大生态破坏事件“一票否决”', labelEn: 'Vetoed in the year' },
    { code: 'badCredit', labelZh: '镇（乡）、村存在不良信用记录', labelEn: 'The town or village has a bad credit record' },
  ],
  sectors: false,
  locations: true,
  extrasAllowed: 0,
  locationChoices: [['helan', '贺兰县', 'Helan County'], ['yongning', '永宁县', 'Yongning County']],
};

test('header cells are compared without units in brackets and spaces', () => {
  assert.equal(headerKey('项目资金投入（万元）'), '项目资金投入');
  assert.equal(headerKey(' Project funding (10,000 yuan) '), 'Projectfunding');
  assert.equal(headerKey('所在县（市）区'), '所在县区');
});

test('matchHeader: the name column, indicators by key or by either language\'s name, flags, location, and columns to skip', () => {
  const { nameCol, columns } = matchHeader(['序号', '村名', '特色产业优势', 'Project Funding (万元)', 'badCredit', '不良信用记录', '所在县（市）区', 'sector', 'rank', 'featuredIndustryScore', 'excludedBy'], village);
  assert.equal(nameCol, 1);
  assert.deepEqual(columns, [null, { name: true }, { key: 'featuredIndustry' }, { key: 'projectFunding' }, { flag: 'badCredit' }, { flag: 'badCredit' },
    { location: true }, null, null, null, { flags: true }]);
  // Accepted names for the name column.
  for (const name of ['name', 'Name', '名称', '候选', '企业名称', '单位']) assert.equal(matchHeader([name, 'x'], village).nameCol, 0, name);
  assert.equal(matchHeader(['x', 'y'], village).nameCol, -1);
  // A column nobody knows is the user's own indicator.
  assert.deepEqual(matchHeader(['name', '人口'], village).columns[1], { key: '人口', extra: true });
});

test('readCandidates: rows with figures (separators dropped), flags, location names as codes', () => {
  const read = readCandidates(['名称,所在县（市）区,特色产业优势,projectFunding,badCredit,负面清单', '甲村,贺兰县,90,"1,200",是,', '乙村,永宁,80, 700 ,0,vetoed'].join('\r\n'), village);
  assert.deepEqual(read, { extras: [], ignored: [], notice: null, rows: [
    { name: '甲村', values: { featuredIndustry: '90', projectFunding: '1200' }, flags: ['badCredit'], sector: '', location: 'helan' },
    { name: '乙村', values: { featuredIndustry: '80', projectFunding: '700' }, flags: ['vetoed'], sector: '', location: 'yongning' },
  ] });
});

test('readCandidates: what it cannot read, it says, in both languages', () => {
  assert.match(readCandidates('name,featuredIndustry', village).error.messageZh, /至少需要一行表头和一行候选/);
  assert.match(readCandidates('x,featuredIndustry\n1,2', village).error.messageEn, /needs a name column/);
});

test('readCandidates: a column the estimate does not use is left out with a notice, not refused', () => {
  const read = readCandidates('name,所属乡镇,featuredIndustry,人口\n甲村,习岗镇,1,2', village);
  assert.equal(read.error, undefined);
  assert.deepEqual(read.ignored, ['所属乡镇', '人口']);
  assert.deepEqual(read.rows[0].values, { featuredIndustry: '1' });
  assert.match(read.notice.messageZh, /已忽略无法识别的列：所属乡镇、人口。.*指标列：特色产业优势（featuredIndustry）、项目资金投入（projectFunding）。/);
  assert.match(read.notice.messageEn, /Columns not recognised were left out: 所属乡镇, 人口\..*Featured-industry strength \(featuredIndustry\)/);
  // A level that takes indicators of one's own reads a column of figures as one; a column of words stays out.
  const own = readCandidates('name,所属乡镇,featuredIndustry,人口\n甲村,习岗镇,1,"2,000"', { ...village, extrasAllowed: 2 });
  assert.deepEqual([own.extras, own.ignored], [['人口'], ['所属乡镇']]);
  assert.equal(own.rows[0].values['人口'], '2000');
  // No more than the level takes.
  assert.deepEqual(readCandidates('name,a,b,c\nx,1,2,3', { ...village, extrasAllowed: 2 }).ignored, ['c']);
});

test('readCandidates: a ranking the page wrote out, in Chinese or English, reads back (results left out, flags by name)', () => {
  const zh = readCandidates(['名称,所在县（市）区,特色产业优势（分）,项目资金投入（万元）,负面清单,名次,综合得分,特色产业优势得分,估算认定,名额线并列',
    '甲村,贺兰县,90,500,,1,100,100,是,否', '乙村,永宁县,80,700,镇（乡）、村存在不良信用记录,,,,否,否'].join('\r\n'), village);
  assert.deepEqual(zh.ignored, []);
  assert.deepEqual(zh.rows.map((r) => [r.name, r.location, r.values, r.flags]), [
    ['甲村', 'helan', { featuredIndustry: '90', projectFunding: '500' }, []],
    ['乙村', 'yongning', { featuredIndustry: '80', projectFunding: '700' }, ['badCredit']]]);
  const en = readCandidates(['Name,County or district,Featured-industry strength (points),"Project funding (10,000 yuan)",Negative list,Rank,Composite,Featured-industry strength score,Recognised,Tied at the cut-off',
    '甲村,Helan County,90,500,,1,100,100,yes,no', '乙村,Yongning County,80,700,The town or village has a bad credit record; Vetoed in the year,,,,no,no'].join('\r\n'), village);
  assert.deepEqual(en.ignored, []);
  assert.deepEqual(en.rows.map((r) => [r.location, r.values, r.flags]), [
    ['helan', { featuredIndustry: '90', projectFunding: '500' }, []],
    ['yongning', { featuredIndustry: '80', projectFunding: '700' }, ['badCredit', 'vetoed']]]);
  // Codes, as older sheets have them: by ; or by spaces.
  assert.deepEqual(readCandidates('name,excludedBy\nx,badCredit vetoed', village).rows[0].flags, ['badCredit', 'vetoed']);
});

test('codeOf: a code, a name in either language (brackets dropped), or part of exactly one name; else as typed', () => {
  const choices = [['industry', '规模以上工业企业', 'Industrial enterprises above designated size'], ['services', '规模以上服务业企业', 'Service enterprises above designated size'],
    ['helan', '贺兰县（县）', 'Helan County']];
  assert.equal(codeOf('services', choices), 'services');
  assert.equal(codeOf('规模以上工业企业', choices), 'industry');
  assert.equal(codeOf('service enterprises above designated size', choices), 'services');
  assert.equal(codeOf('贺兰县', choices), 'helan');
  assert.equal(codeOf('工业', choices), 'industry');
  assert.equal(codeOf('规模以上', choices), '规模以上', 'part of two names: left for the engine to name');
  assert.equal(codeOf(' 农业 ', choices), '农业');
  assert.equal(codeOf('', choices), '');
});
