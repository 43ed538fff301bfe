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
  // No choice that changes the amount or the payer is made for the visitor (links of old meant the defaults of old).
  const location = choiceField(tr, f('location'), { legacy: 'xingqing' });
  const share = s.fig('mixedMinArborShare');
  const forestType = choiceField(tr, f('forestType'), { widget: 'radio', legacy: 'arbor', details: {
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
  const young = s.figure('youngStandMaxAge');
  const retentionLabel = tr.of(f('retentionRate'), 'label');
  // Canopy closure and coverage stand in for the retention rate above the young age: needed then, one of the three.
  const alternative = tr.t(`（建设年限大于 ${young} 年时，与${retentionLabel}等至少填一项）`,
    ` (required over stand age ${young}: this, the ${retentionLabel.toLowerCase()} or the other measure, at least one)`);
  return [
    { title: tr.t('林地与林种', 'Land and forest type'), fields: [location, forestType, shareArea, shareStems, area, ageField] },
    { title: tr.t(`成活与保存情况（${survival.article}）`, `Survival and retention (${tr.article(survival.article)})`), fields: [
      numberField(tr, survival, { note: tr.t(`须≥ ${s.fig('minSurvivalRate')}。`, `Must be ≥ ${s.fig('minSurvivalRate')}.`) }),
      numberField(tr, f('retentionRate'), { note: tr.t(
        `须保存率≥ ${retention}，或乔木（乔灌混交）林郁闭度≥ ${canopy}，或灌木林覆盖度≥ ${coverage}，满足其一即可。`,
        `Needs retention ≥ ${retention}, or canopy closure ≥ ${canopy} (arbor / mixed), or shrub coverage ≥ ${coverage}; any one suffices.`) }),
      numberField(tr, f('canopyClosure'), { marker: alternative }),
      numberField(tr, f('shrubCoverage'), { marker: alternative }),
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

const year = (date) => Number((date || today()).slice(0, 4));

/**
 * What the stand's description lacks in the situation typed, as far as the
 * page can judge it (docs/rulebook.md §1): the arbor share of a mixed forest,
 * and the survival rate (age 1–`youngStandMaxAge`) or one of retention /
 * canopy closure / coverage (older), the age counted in the year of `ageDate`
 * (the planting year is year 1; a stand age is as of `asOf`).
 */
export function standCheck(s, tr, groups, { ageDate = (r) => r.asOf } = {}) {
  const all = groups.flatMap((g) => g.fields);
  const byKey = (k) => all.find((x) => x.key === k);
  const young = Number(s.figure('youngStandMaxAge'));
  const condition = (key) => {
    const field = byKey(key);
    const when = s.field(key).required;
    const text = (zh, en) => ({ messageZh: `${field.label}：${zh}。`, messageEn: `${field.label}: required ${en}.` });
    return { field, error: when && typeof when === 'object' ? text(when.messageZh, when.messageEn) : text(`请填写${field.label}`, '') };
  };
  return (request, present) => {
    const shown = (k) => present.includes(byKey(k));
    const out = [];
    if (request.forestType === 'mixed' && shown('arborShareByArea') && request.arborShareByArea === undefined && request.arborShareByStems === undefined) {
      out.push(condition('arborShareByArea'));
    }
    const planted = request.plantingYear !== undefined ? Number(request.plantingYear)
      : request.standAgeYears !== undefined ? year(request.asOf) - Number(request.standAgeYears) + 1 : NaN;
    const age = year(ageDate(request)) - planted + 1;
    if (!Number.isInteger(age) || age < 1) return out;
    if (age <= young) {
      if (request.survivalRate === undefined) out.push(condition('survivalRate'));
    } else if (request.forestType && !['retentionRate', 'canopyClosure', 'shrubCoverage'].some((k) => request[k] !== undefined)) {
      out.push(condition('retentionRate'));
    }
    return out;
  };
}
