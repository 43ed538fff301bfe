// The stand description both forest calculators share (docs/rulebook.md §1, §2):
// layout, grouping and prose; labels, options, limits and figures come from
// the calculator's catalog entry (`s`, from schema()).

import { today } from '../ui/elements.js';
import { alternativesField, checkField, choiceField, dateField, numberField } from '../ui/fields.js';

export const ratedAs = (code, tr) => (code === 'arbor'
  ? tr.t('乔木林（含乔灌混交林）', 'arbor forest (incl. arbor–shrub mixed)')
  : tr.t('灌木林', 'shrub forest'));

/** The stand's fields in groups; the mixed-forest shares show only for mixed forest. */
export function standGroups(s, tr, { extraConditions = [] } = {}) {
  const f = (key) => s.field(key);
  const location = choiceField(tr, f('location'), { value: 'xingqing' });
  const share = s.fig('mixedMinArborShare');
  const forestType = choiceField(tr, f('forestType'), { widget: 'radio', value: 'arbor', details: {
    mixed: tr.t(`乔木占总面积或总株数 ${share} 及以上`, `arbor trees ≥ ${share} of the area or of the stems`),
  } });
  const shareArea = numberField(tr, f('arborShareByArea'));
  const shareStems = numberField(tr, f('arborShareByStems'),
    { note: tr.t(`任一项达到 ${share} 即按乔木林标准计算。`, `Either at ${share} or more rates the stand as arbor forest.`) });
  const areaMu = f('areaMu');
  const area = alternativesField(tr, [areaMu, f('areaHectares')], { key: 'area', label: tr.of(areaMu, 'label'), via: 'unit' });
  const [year, age] = [f('plantingYear'), f('standAgeYears')];
  const ageField = alternativesField(tr, [year, age], { key: 'age', via: 'mode',
    label: tr.t(`${year.labelZh}或${age.labelZh}`, `${year.labelEn} or ${age.labelEn.toLowerCase()}`) });

  const syncMixed = () => {
    const mixed = forestType.value() === 'mixed';
    shareArea.element.hidden = !mixed;
    shareStems.element.hidden = !mixed;
  };
  forestType.element.addEventListener('change', syncMixed);
  syncMixed();

  const [retention, canopy, coverage] = ['minRetentionRate', 'minCanopyClosure', 'minShrubCoverage'].map((k) => s.fig(k));
  const survival = f('survivalRate');
  return [
    { title: tr.t('林地与林种', 'Land and forest type'), fields: [location, forestType, shareArea, shareStems, area, ageField] },
    { title: tr.t(`成活与保存情况（${survival.article}）`, `Survival and retention (${tr.article(survival.article)})`), fields: [
      numberField(tr, survival, { note: tr.t(`须≥ ${s.fig('minSurvivalRate')}。`, `Must be ≥ ${s.fig('minSurvivalRate')}.`) }),
      numberField(tr, f('retentionRate'), { note: tr.t(
        `须保存率≥ ${retention}，或乔木（乔灌混交）林郁闭度≥ ${canopy}，或灌木林覆盖度≥ ${coverage}，满足其一即可。`,
        `Needs retention ≥ ${retention}, or canopy closure ≥ ${canopy} (arbor / mixed), or shrub coverage ≥ ${coverage}; any one suffices.`) }),
      numberField(tr, f('canopyClosure')),
      numberField(tr, f('shrubCoverage')),
    ] },
    { title: tr.t('申报条件', 'Conditions to apply'), fields: [
      checkField(tr, f('jointApplication'), { note: tr.t('须由独立经营的自然人、法人或其他组织申报，不可联合申报。',
        'The applicant must operate independently; joint applications are not accepted.') }),
      checkField(tr, f('landRightsClear')),
      checkField(tr, f('meetsTechnicalStandards')),
      checkField(tr, f('compartmentManaged')),
      ...extraConditions,
    ] },
  ];
}

/** The estimate date, today unless changed. */
export const asOfField = (s, tr) => dateField(tr, s.field('asOf'), { value: today() });
