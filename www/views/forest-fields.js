// The stand description both forest calculators share (SPEC §1, §2).

import { checkField, dateField, h, numberField, radioField, selectField, unitNumberField } from '../ui.js';

export const LOCATIONS = [
  ['xingqing', '兴庆区（市辖区）'],
  ['jinfeng', '金凤区（市辖区）'],
  ['xixia', '西夏区（市辖区）'],
  ['yongning', '永宁县'],
  ['helan', '贺兰县'],
  ['lingwu', '灵武市'],
];

export const RATED_AS = { arbor: '乔木林（含乔灌混交林）', shrub: '灌木林' };

/** Today as YYYY-MM-DD in local time. */
export function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The stand's fields in groups; the mixed-forest shares show only for mixed forest. */
export function standGroups({ conditionsArticle, technicalLabel, extraConditions = [] }) {
  const location = selectField({ name: 'location', label: '所在县（市）区', options: LOCATIONS, value: 'xingqing',
    hint: '市辖区由市级财政承担，县（市）由县（市）级财政承担。' });
  const forestType = radioField({ name: 'forestType', label: '林种', value: 'arbor', options: [
    ['arbor', '乔木林'],
    ['mixed', '乔灌混交林', '乔木占总面积或总株数 65% 及以上'],
    ['shrub', '灌木林'],
  ] });
  const shareArea = numberField({ name: 'arborShareByArea', label: '乔木占总面积比例', percent: true, optional: true });
  const shareStems = numberField({ name: 'arborShareByStems', label: '乔木占总株数比例', percent: true, optional: true,
    hint: '两项至少填写一项；任一项达到 65% 即按乔木林标准计算。' });
  const area = unitNumberField({ label: '面积', units: [['areaMu', '亩'], ['areaHectares', '公顷']],
    hint: '1 公顷 = 15 亩。最多 4 位小数。' });
  const age = ageField();

  const syncMixed = () => {
    const mixed = forestType.value() === 'mixed';
    shareArea.element.hidden = !mixed;
    shareStems.element.hidden = !mixed;
  };
  forestType.element.addEventListener('change', syncMixed);
  syncMixed();

  return [
    { title: '林地与林种', fields: [location, forestType, shareArea, shareStems, area, age] },
    { title: `成活与保存情况（${conditionsArticle}）`, fields: [
      numberField({ name: 'survivalRate', label: '成活率', percent: true, optional: true,
        hint: '建设年限 1—3 年时必填，须≥ 85%。' }),
      numberField({ name: 'retentionRate', label: '株数保存率', percent: true, optional: true,
        hint: '建设年限大于 3 年时，保存率≥ 80%，或乔木（乔灌混交）林郁闭度≥ 0.2，或灌木林覆盖度≥ 30%，满足其一即可。' }),
      numberField({ name: 'canopyClosure', label: '郁闭度（0—1）', optional: true, hint: '乔木林、乔灌混交林适用。' }),
      numberField({ name: 'shrubCoverage', label: '灌木林覆盖度', percent: true, optional: true, hint: '灌木林适用。' }),
    ] },
    { title: '申报条件', fields: [
      checkField({ name: 'jointApplication', label: '联合申报（两个及以上主体共同申报）', hint: '须由独立经营的自然人、法人或其他组织申报，不可联合申报。' }),
      checkField({ name: 'landRightsClear', label: '土地权属清晰，持有合法的土地经营（承包、租赁、流转等）证明，无纠纷及权利瑕疵' }),
      checkField({ name: 'meetsTechnicalStandards', label: technicalLabel }),
      checkField({ name: 'compartmentManaged', label: '已落实到林地小班，实行小班经营' }),
      ...extraConditions,
    ] },
  ];
}

/** Planting year, or the stand age in the year of the estimate date. */
function ageField() {
  const mode = h('select', { 'aria-label': '建设年限的填写方式' },
    h('option', { value: 'plantingYear' }, '种植年份'), h('option', { value: 'standAgeYears' }, '建设年限（年）'));
  const field = numberField({ name: 'plantingYear', label: '种植年份或建设年限', integer: true,
    hint: '种植当年计为第 1 年；建设年限指估算日期所在年份的年限。' });
  field.keys.push('standAgeYears');
  field.element.dataset.keys = field.keys.join(' ');
  const input = field.element.querySelector('input');
  input.after(mode);
  field.write = (req) => { const v = input.value.trim(); if (v !== '') req[mode.value] = v; };
  return field;
}

export function asOfField() {
  return dateField({ name: 'asOf', label: '估算日期', value: today(), hint: '按该日期判断办法是否有效、计算建设年限。' });
}
