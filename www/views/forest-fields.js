// The stand description both forest calculators share (SPEC §1, §2).

import { t } from '../i18n.js';
import { checkField, dateField, h, numberField, radioField, selectField, today, unitNumberField } from '../ui.js';

export const locations = () => [
  ['xingqing', t('兴庆区（市辖区）', 'Xingqing District (city district)')],
  ['jinfeng', t('金凤区（市辖区）', 'Jinfeng District (city district)')],
  ['xixia', t('西夏区（市辖区）', 'Xixia District (city district)')],
  ['yongning', t('永宁县', 'Yongning County')],
  ['helan', t('贺兰县', 'Helan County')],
  ['lingwu', t('灵武市', 'Lingwu City')],
];

export const ratedAs = (code) => (code === 'arbor'
  ? t('乔木林（含乔灌混交林）', 'arbor forest (incl. arbor–shrub mixed)')
  : t('灌木林', 'shrub forest'));

/** The stand's fields in groups; the mixed-forest shares show only for mixed forest. */
export function standGroups({ conditionsArticle, technicalLabel, extraConditions = [] }) {
  const location = selectField({ name: 'location', label: t('所在县（市）区', 'County or district'), options: locations(), value: 'xingqing',
    hint: t('市辖区由市级财政承担，县（市）由县（市）级财政承担。', 'City districts are paid by the city, counties by the county.') });
  const forestType = radioField({ name: 'forestType', label: t('林种', 'Forest type'), value: 'arbor', options: [
    ['arbor', t('乔木林', 'Arbor forest')],
    ['mixed', t('乔灌混交林', 'Arbor–shrub mixed forest'), t('乔木占总面积或总株数 65% 及以上', 'arbor trees ≥ 65% of the area or of the stems')],
    ['shrub', t('灌木林', 'Shrub forest')],
  ] });
  const shareArea = numberField({ name: 'arborShareByArea', label: t('乔木占总面积比例', 'Arbor share of the area'), percent: true, optional: true });
  const shareStems = numberField({ name: 'arborShareByStems', label: t('乔木占总株数比例', 'Arbor share of the stems'), percent: true, optional: true,
    hint: t('两项至少填写一项；任一项达到 65% 即按乔木林标准计算。', 'Give at least one; either at 65% or more rates the stand as arbor forest.') });
  const area = unitNumberField({ key: 'area', label: t('面积', 'Area'), units: [['areaMu', t('亩', 'mu')], ['areaHectares', t('公顷', 'hectares')]],
    hint: t('1 公顷 = 15 亩。最多 4 位小数。', '1 hectare = 15 mu. At most 4 decimals.') });
  const age = ageField();

  const syncMixed = () => {
    const mixed = forestType.value() === 'mixed';
    shareArea.element.hidden = !mixed;
    shareStems.element.hidden = !mixed;
  };
  forestType.element.addEventListener('change', syncMixed);
  syncMixed();

  return [
    { title: t('林地与林种', 'Land and forest type'), fields: [location, forestType, shareArea, shareStems, area, age] },
    { title: t(`成活与保存情况（${conditionsArticle}）`, `Survival and retention (${conditionsArticle})`), fields: [
      numberField({ name: 'survivalRate', label: t('成活率', 'Survival rate'), percent: true, optional: true,
        hint: t('建设年限 1—3 年时必填，须≥ 85%。', 'Required at stand age 1–3; must be ≥ 85%.') }),
      numberField({ name: 'retentionRate', label: t('株数保存率', 'Stem retention rate'), percent: true, optional: true,
        hint: t('建设年限大于 3 年时，保存率≥ 80%，或乔木（乔灌混交）林郁闭度≥ 0.2，或灌木林覆盖度≥ 30%，满足其一即可。',
          'Over stand age 3: retention ≥ 80%, or canopy closure ≥ 0.2 (arbor / mixed), or shrub coverage ≥ 30%; any one suffices.') }),
      numberField({ name: 'canopyClosure', label: t('郁闭度（0—1）', 'Canopy closure (0–1)'), optional: true, hint: t('乔木林、乔灌混交林适用。', 'For arbor and mixed forest.') }),
      numberField({ name: 'shrubCoverage', label: t('灌木林覆盖度', 'Shrub coverage'), percent: true, optional: true, hint: t('灌木林适用。', 'For shrub forest.') }),
    ] },
    { title: t('申报条件', 'Conditions to apply'), fields: [
      checkField({ name: 'jointApplication', label: t('联合申报（两个及以上主体共同申报）', 'Joint application (two or more applicants together)'),
        hint: t('须由独立经营的自然人、法人或其他组织申报，不可联合申报。', 'The applicant must operate independently; joint applications are not accepted.') }),
      checkField({ name: 'landRightsClear', label: t('土地权属清晰，持有合法的土地经营（承包、租赁、流转等）证明，无纠纷及权利瑕疵',
        'Clear land rights, with legal proof of land management (contract, lease, transfer…), no disputes or defects') }),
      checkField({ name: 'meetsTechnicalStandards', label: technicalLabel }),
      checkField({ name: 'compartmentManaged', label: t('已落实到林地小班，实行小班经营', 'Managed down to forest sub-compartments (小班)') }),
      ...extraConditions,
    ] },
  ];
}

/** Planting year, or the stand age in the year of the estimate date. */
function ageField() {
  const mode = h('select', { 'aria-label': t('建设年限的填写方式', 'How the stand age is given') },
    h('option', { value: 'plantingYear' }, t('种植年份', 'planting year')), h('option', { value: 'standAgeYears' }, t('建设年限（年）', 'stand age (years)')));
  const field = numberField({ name: 'plantingYear', label: t('种植年份或建设年限', 'Planting year or stand age'), integer: true,
    hint: t('种植当年计为第 1 年；建设年限指估算日期所在年份的年限。', 'The planting year counts as year 1; a stand age is the age in the year of the estimate date.') });
  field.key = 'age';
  field.keys.push('standAgeYears');
  field.element.dataset.keys = field.keys.join(' ');
  const input = field.input;
  input.after(mode);
  field.write = (req) => { const v = input.value.trim(); if (v !== '') req[mode.value] = v; };
  field.get = () => (input.value.trim() ? `${input.value.trim()}:${mode.value}` : '');
  field.set = (v) => {
    const [n, m] = (v ?? '').split(':');
    input.value = n ?? '';
    if (m === 'plantingYear' || m === 'standAgeYears') mode.value = m;
  };
  field.show = () => (input.value.trim() ? `${input.value.trim()}${t(`（${mode.selectedOptions[0].textContent}）`, ` (${mode.selectedOptions[0].textContent})`)}` : '');
  return field;
}

export function asOfField() {
  return dateField({ name: 'asOf', label: t('估算日期', 'Estimate date'), value: today(),
    hint: t('按该日期判断办法是否有效、计算建设年限。', 'Used to check whether the measure is in force and to count the stand age.') });
}
