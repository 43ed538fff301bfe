//! What the two forest measures of 银政规发〔2022〕1号 share: the description
//! of a stand, the qualifying conditions (建设补偿办法 第五条–第七条 and
//! 养护管理补偿办法 第四条、第五条 state them in the same words), the payer and
//! the approval route, and the documents to prepare. Each measure passes its
//! own article numbers in an [`Articles`] table.

use crate::date::{Date, Period};
use crate::explain::{article_en, percent, text, Document, Explanation, Note, Reason, Text};
use crate::input::{lower_first, Checked, ErrorCode, Fields, MAX_DECIMAL_PLACES};
use crate::money::{grouped, round_yuan};
use crate::param::{Dated, Described, Parameter};
use crate::place::{Location, Payer, LOCATIONS, LOCATION_CHOICES};
use crate::schema::{choice, field, Bound, Choice, FieldSpec, Figure, Kind};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::Serialize;

// ── Parameters (both measures, same words) ──────────────────────────────────

/// The stand's thresholds, which both measures state in the same words
/// (建设补偿办法 第三条、第六条; 养护办法 第二条、第四条): each measure
/// defines its own [`StandRules`], with its articles.
pub struct StandRules {
    /// 乔灌混交林 = 乔木林占总面积或总株数 65% 及以上.
    pub mixed_min_arbor_share: Parameter<Decimal>,
    /// 建设年限在 1—3 年 … 成活率≥ 85%: the last age of a young stand.
    pub young_stand_max_age: Parameter<i32>,
    pub min_survival_rate: Parameter<Decimal>,
    /// 建设年限大于 3 年 … 株数保存率≥ 80% 或乔木（乔灌混交）林郁闭度≥ 0.2（灌木林覆盖度≥ 30%）.
    pub min_retention_rate: Parameter<Decimal>,
    pub min_canopy_closure: Parameter<Decimal>,
    pub min_shrub_coverage: Parameter<Decimal>,
}

/// The figures of [`StandRules`] on one date.
#[derive(Debug, Clone, Copy)]
pub struct Thresholds {
    pub mixed_min_arbor_share: Decimal,
    pub young_stand_max_age: i32,
    pub min_survival_rate: Decimal,
    pub min_retention_rate: Decimal,
    pub min_canopy_closure: Decimal,
    pub min_shrub_coverage: Decimal,
}

impl StandRules {
    pub fn at(&self, date: Date) -> Thresholds {
        Thresholds {
            mixed_min_arbor_share: self.mixed_min_arbor_share.at(date),
            young_stand_max_age: self.young_stand_max_age.at(date),
            min_survival_rate: self.min_survival_rate.at(date),
            min_retention_rate: self.min_retention_rate.at(date),
            min_canopy_closure: self.min_canopy_closure.at(date),
            min_shrub_coverage: self.min_shrub_coverage.at(date),
        }
    }

    /// The thresholds as the figures a form shows, with their articles (`a`).
    pub fn figures(&self, on: Date, a: &Articles) -> Vec<Figure> {
        let t = self.at(on);
        let p = |key, value, zh, en| Figure::new(key, value, text(zh, en), a.survival_retention);
        vec![
            Figure::new(
                "mixedMinArborShare",
                t.mixed_min_arbor_share,
                text("乔灌混交林的乔木比例下限", "Smallest arbor share of a mixed forest"),
                a.mixed_definition,
            )
            .percent(),
            p(
                "youngStandMaxAge",
                Decimal::from(t.young_stand_max_age),
                "考核成活率的最高建设年限",
                "Last stand age judged on survival",
            )
            .unit("年", "years"),
            p("minSurvivalRate", t.min_survival_rate, "成活率下限", "Smallest survival rate").percent(),
            p("minRetentionRate", t.min_retention_rate, "株数保存率下限", "Smallest stem retention rate").percent(),
            p("minCanopyClosure", t.min_canopy_closure, "郁闭度下限", "Smallest canopy closure"),
            p("minShrubCoverage", t.min_shrub_coverage, "灌木林覆盖度下限", "Smallest shrub coverage").percent(),
        ]
    }

    pub fn parameters(&'static self) -> Vec<&'static dyn Described> {
        vec![
            &self.mixed_min_arbor_share,
            &self.young_stand_max_age,
            &self.min_survival_rate,
            &self.min_retention_rate,
            &self.min_canopy_closure,
            &self.min_shrub_coverage,
        ]
    }
}

/// The [`StandRules`] of one measure: the same words under its own articles.
/// `mixed` is the article defining 乔灌混交林, `conditions` the one with the
/// survival and retention tests; `period` the measure's period of validity.
pub const fn stand_rules(
    scope: &'static str,
    doc: &'static Document,
    mixed: &'static str,
    conditions: &'static str,
    values: &'static StandValues,
) -> StandRules {
    StandRules {
        mixed_min_arbor_share: Parameter::new(
            (scope, "mixedMinArborShare"),
            doc,
            mixed,
            &["乔灌混交林是指乔木林占总面积或总株数 65% 及以上"],
            &values.mixed_min_arbor_share,
        ),
        young_stand_max_age: Parameter::new(
            (scope, "youngStandMaxAge"),
            doc,
            conditions,
            &["建设年限在 1—3 年生态公益林成活率≥ 85%", "建设年限大于 3 年"],
            &values.young_stand_max_age,
        ),
        min_survival_rate: Parameter::new(
            (scope, "minSurvivalRate"),
            doc,
            conditions,
            &["建设年限在 1—3 年生态公益林成活率≥ 85%"],
            &values.min_survival_rate,
        ),
        min_retention_rate: Parameter::new(
            (scope, "minRetentionRate"),
            doc,
            conditions,
            &["建设年限大于 3 年生态公益林株数保存率≥ 80%"],
            &values.min_retention_rate,
        ),
        min_canopy_closure: Parameter::new(
            (scope, "minCanopyClosure"),
            doc,
            conditions,
            &["乔木（乔灌混交）林郁闭度≥ 0.2"],
            &values.min_canopy_closure,
        ),
        min_shrub_coverage: Parameter::new(
            (scope, "minShrubCoverage"),
            doc,
            conditions,
            &["灌木林覆盖度≥ 30%"],
            &values.min_shrub_coverage,
        ),
    }
}

/// The values of a measure's [`StandRules`], by period (data only).
pub struct StandValues {
    pub mixed_min_arbor_share: [Dated<Decimal>; 1],
    pub young_stand_max_age: [Dated<i32>; 1],
    pub min_survival_rate: [Dated<Decimal>; 1],
    pub min_retention_rate: [Dated<Decimal>; 1],
    pub min_canopy_closure: [Dated<Decimal>; 1],
    pub min_shrub_coverage: [Dated<Decimal>; 1],
}

/// The 2022 figures, the same in both measures, over `period`.
pub const fn stand_values_2022(period: Period) -> StandValues {
    StandValues {
        mixed_min_arbor_share: [Dated::over(period, dec!(0.65))],
        young_stand_max_age: [Dated::over(period, 3)],
        min_survival_rate: [Dated::over(period, dec!(0.85))],
        min_retention_rate: [Dated::over(period, dec!(0.80))],
        min_canopy_closure: [Dated::over(period, dec!(0.2))],
        min_shrub_coverage: [Dated::over(period, dec!(0.30))],
    }
}

/// docs/rulebook.md §0: area > 0 and ≤ the city's land area, about 9,025 km² (13,600,000 亩).
pub const MAX_AREA_MU: Decimal = dec!(13600000);
/// docs/rulebook.md §0: 1 公顷 = 15 亩 exactly.
pub const MU_PER_HECTARE: Decimal = dec!(15);
/// docs/rulebook.md §1: a planting year is a four-digit year from 1949, the first
/// afforestation records of the People's Republic; anything earlier is a
/// typing slip ("16" for 2016). An input bound, not a rule.
pub const EARLIEST_PLANTING_YEAR: i64 = 1949;
pub const LATEST_YEAR: i64 = 9999;
/// docs/rulebook.md §1: a stand age above 100 years is a typing slip. An input bound, not a rule.
pub const MAX_STAND_AGE_YEARS: i64 = 100;

/// Where each shared rule sits in one measure.
pub struct Articles {
    pub document: &'static Document,
    pub mixed_definition: &'static str,
    pub joint_application: &'static str,
    pub land_rights: &'static str,
    pub technical_standards: &'static str,
    /// What the measure's technical-standards condition asks, for the reason.
    pub technical_requirement: Text,
    pub compartment: &'static str,
    pub survival_retention: &'static str,
    pub rules: &'static StandRules,
    pub documents: &'static str,
    pub approval_route: &'static str,
    pub payer: &'static str,
}

// ── The stand as entered ────────────────────────────────────────────────────

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForestType {
    Arbor,
    Mixed,
    Shrub,
}

const FOREST_TYPES: &[(&str, ForestType)] =
    &[("arbor", ForestType::Arbor), ("mixed", ForestType::Mixed), ("shrub", ForestType::Shrub)];

/// The rate row a stand is paid on: arbor and qualifying mixed forest share one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum RatedAs {
    Arbor,
    Shrub,
}

impl RatedAs {
    /// The rate row's name in steps: ("乔木林（乔灌混交林）", "arbor (or mixed) forest").
    pub const fn name(self) -> (&'static str, &'static str) {
        match self {
            RatedAs::Arbor => ("乔木林（乔灌混交林）", "arbor (or mixed) forest"),
            RatedAs::Shrub => ("灌木林", "shrub forest"),
        }
    }
}

/// A money line as a clerk writes it: `exact` (rate × area) and the amount it
/// is rounded to — "6,416.384 → 6,416.38 元（四舍五入到分）", or "2,410.00 元"
/// when rounding changes nothing.
pub fn money_line(exact: Decimal, amount: Decimal) -> (String, String) {
    let amount_text = grouped(amount);
    if exact == amount {
        (format!("{amount_text} 元"), format!("{amount_text} yuan"))
    } else {
        let exact_text = grouped(exact.normalize());
        (
            format!("{exact_text} → {amount_text} 元（四舍五入到分）"),
            format!("{exact_text} → {amount_text} yuan (rounded to the nearest fen)"),
        )
    }
}

/// How many request fields describe a stand.
pub const STAND_FIELD_COUNT: usize = 17;

/// The request fields every forest calculator reads (the catalog's schema), with
/// the articles of the measure `a`.
pub const fn stand_fields(a: &Articles) -> [FieldSpec; STAND_FIELD_COUNT] {
    [
        field("asOf", Kind::Date, "估算日期", "Estimate date").hint(
            "不填为今天。在办法有效期以外的日期仍按规则计算，并予提示。",
            "Today unless given. A date outside the measure's period of validity is still computed, with a warning.",
        ),
        field("location", Kind::Enum, "所在县（市）区", "County or district")
            .required()
            .options(LOCATION_CHOICES)
            .article(a.payer)
            .hint("决定由市级还是县（市）级财政承担，以及申报途径。", "Decides whether the city or the county pays, and the route."),
        field("forestType", Kind::Enum, "林种", "Forest type").required().options(FOREST_TYPE_CHOICES).article(a.mixed_definition),
        field("arborShareByArea", Kind::Decimal, "乔木占总面积比例", "Arbor share of the area")
            .fraction()
            .places(MAX_DECIMAL_PLACES)
            .required_when("乔灌混交林须填此项或按株数的比例（至少一项）", "for a mixed forest, this or the share of stems (at least one)")
            .article(a.mixed_definition),
        field("arborShareByStems", Kind::Decimal, "乔木占总株数比例", "Arbor share of the stems")
            .fraction()
            .places(MAX_DECIMAL_PLACES)
            .required_when("乔灌混交林须填此项或按面积的比例（至少一项）", "for a mixed forest, this or the share of the area (at least one)")
            .article(a.mixed_definition),
        field("areaMu", Kind::Decimal, "面积", "Area")
            .unit("亩", "mu")
            .range(Bound::Fixed(SMALLEST_AREA), Bound::Fixed(MAX_AREA_MU))
            .places(MAX_DECIMAL_PLACES)
            .required_when("填写面积（亩）或面积（公顷）之一", "this or the area in hectares"),
        field("areaHectares", Kind::Decimal, "面积（公顷）", "Area in hectares")
            .unit("公顷", "ha")
            .range(Bound::Fixed(SMALLEST_AREA), Bound::Fixed(MAX_AREA_HECTARES))
            .places(MAX_DECIMAL_PLACES)
            .required_when("填写面积（亩）或面积（公顷）之一", "this or the area in mu")
            .hint("1 公顷 = 15 亩。", "1 ha = 15 mu."),
        field("plantingYear", Kind::Integer, "种植年份", "Planting year")
            .range(Bound::Fixed(Decimal::from_parts(EARLIEST_PLANTING_YEAR as u32, 0, 0, false, 0)), Bound::Fixed(Decimal::from_parts(LATEST_YEAR as u32, 0, 0, false, 0)))
            .required_when("填写种植年份或建设年限之一", "this or the stand age")
            .hint("四位数年份，种植当年为建设年限第 1 年。", "A four-digit year; the planting year counts as year 1."),
        field("standAgeYears", Kind::Integer, "建设年限", "Stand age")
            .unit("年", "years")
            .range(Bound::Fixed(Decimal::ONE), Bound::Fixed(Decimal::from_parts(MAX_STAND_AGE_YEARS as u32, 0, 0, false, 0)))
            .required_when("填写种植年份或建设年限之一", "this or the planting year")
            .hint("估算日期所在年份的建设年限。", "The stand age in the year of the estimate date."),
        field("survivalRate", Kind::Decimal, "成活率", "Survival rate")
            .fraction()
            .places(MAX_DECIMAL_PLACES)
            .required_when("建设年限 1—3 年时必填", "at stand age 1–3")
            .article(a.survival_retention),
        field("retentionRate", Kind::Decimal, "株数保存率", "Stem retention rate")
            .fraction()
            .places(MAX_DECIMAL_PLACES)
            .required_when(
                "建设年限大于 3 年时，与郁闭度（乔木林）或覆盖度（灌木林）至少填一项",
                "over stand age 3: this, or canopy closure (arbor) or shrub coverage (shrub), at least one",
            )
            .article(a.survival_retention),
        field("canopyClosure", Kind::Decimal, "郁闭度", "Canopy closure")
            .range(Bound::Fixed(Decimal::ZERO), Bound::Fixed(Decimal::ONE))
            .places(MAX_DECIMAL_PLACES)
            .hint("0—1 之间的数。适用于乔木林和达标的乔灌混交林。", "A number from 0 to 1. For arbor forest and qualifying mixed forest.")
            .article(a.survival_retention),
        field("shrubCoverage", Kind::Decimal, "灌木林覆盖度", "Shrub coverage")
            .fraction()
            .places(MAX_DECIMAL_PLACES)
            .hint("适用于灌木林（含不足比例、按灌木林对待的混交林）。", "For shrub forest (and mixed forest rated as shrub).")
            .article(a.survival_retention),
        field("jointApplication", Kind::Boolean, "联合申报（两个及以上主体共同申报）", "Joint application (two or more applicants together)")
            .required()
            .article(a.joint_application),
        field(
            "landRightsClear",
            Kind::Boolean,
            "土地权属清晰，持有合法的土地经营（承包、租赁、流转等）证明，无纠纷及权利瑕疵",
            "Clear land rights, with legal proof of land management (contract, lease, transfer…), no disputes or defects",
        )
        .required()
        .article(a.land_rights),
        field("meetsTechnicalStandards", Kind::Boolean, a.technical_requirement.message_zh, a.technical_requirement.message_en)
            .required()
            .article(a.technical_standards),
        field("compartmentManaged", Kind::Boolean, "已落实到林地小班，实行小班经营", "Managed down to forest sub-compartments (小班)")
            .required()
            .article(a.compartment),
    ]
}

const FOREST_TYPE_CHOICES: &[Choice] = &[
    choice("arbor", "乔木林", "Arbor forest"),
    choice("mixed", "乔灌混交林", "Arbor–shrub mixed forest"),
    choice("shrub", "灌木林", "Shrub forest"),
];

/// The smallest area a 4-place decimal can state above 0 (area must be over 0).
const SMALLEST_AREA: Decimal = Decimal::from_parts(1, 0, 0, false, 4);
/// [`MAX_AREA_MU`] in hectares, to the 4 places an input may have, never rounded up:
/// 13,600,000 ÷ 15 = 906,666.666… → 906,666.6666.
pub const MAX_AREA_HECTARES: Decimal = Decimal::from_parts(476_732_074, 2, 0, false, 4);

#[derive(Debug, Clone)]
pub struct Stand {
    pub location: Location,
    pub forest_type: ForestType,
    pub arbor_share_by_area: Option<Decimal>,
    pub arbor_share_by_stems: Option<Decimal>,
    pub area_mu: Decimal,
    pub planting_year: i32,
    /// Which field the age came from, for messages.
    pub age_field: &'static str,
    pub survival_rate: Option<Decimal>,
    pub retention_rate: Option<Decimal>,
    pub canopy_closure: Option<Decimal>,
    pub shrub_coverage: Option<Decimal>,
    pub joint_application: bool,
    pub land_rights_clear: bool,
    pub meets_technical_standards: bool,
    pub compartment_managed: bool,
}

impl Stand {
    /// Reads the stand. `standAgeYears` is the age in the calendar year of `as_of`.
    pub fn read(f: &Fields, as_of: Date) -> Checked<Stand> {
        let location = f.required("location", f.choice("location", LOCATIONS)?)?;
        let forest_type = f.required("forestType", f.choice("forestType", FOREST_TYPES)?)?;
        let arbor_share_by_area = f.fraction("arborShareByArea")?;
        let arbor_share_by_stems = f.fraction("arborShareByStems")?;
        if forest_type == ForestType::Mixed && arbor_share_by_area.is_none() && arbor_share_by_stems.is_none() {
            let stems = f.label("arborShareByStems");
            return Err(f
                .error(
                    ErrorCode::MissingField,
                    "arborShareByArea",
                    &|l| format!("乔灌混交林须填写{l}或{}（至少一项）。", stems.zh),
                    &|l| {
                        format!(
                            "A mixed forest needs the {} or the {} (at least one).",
                            lower_first(l),
                            lower_first(&stems.en)
                        )
                    },
                )
                .param("or", f.path("arborShareByStems")));
        }
        // docs/rulebook.md §1 (settled reading): the arbor shares describe a mixed stand only.
        if forest_type != ForestType::Mixed {
            for share in ["arborShareByArea", "arborShareByStems"] {
                if f.has(share) {
                    return Err(f.only_with(share, "forestType", "mixed"));
                }
            }
        }
        let area_mu = if f.exactly_one("areaMu", "areaHectares")? {
            check_area(f, "areaMu", f.required("areaMu", f.decimal("areaMu")?)?, Decimal::ONE, "亩", "mu")?
        } else {
            let ha = f.required("areaHectares", f.decimal("areaHectares")?)?;
            check_area(f, "areaHectares", ha, MU_PER_HECTARE, "公顷", "ha")?
        };
        let (planting_year, age_field) = if f.exactly_one("plantingYear", "standAgeYears")? {
            (f.required("plantingYear", planting_year(f)?)? as i32, "plantingYear")
        } else {
            let age = f.required("standAgeYears", stand_age_years(f)?)? as i32;
            (as_of.year() - age + 1, "standAgeYears")
        };
        Ok(Stand {
            location,
            forest_type,
            arbor_share_by_area,
            arbor_share_by_stems,
            area_mu,
            planting_year,
            age_field,
            survival_rate: f.fraction("survivalRate")?,
            retention_rate: f.fraction("retentionRate")?,
            // 郁闭度 is a measure of its own, also from 0 to 1 (docs/rulebook.md §0).
            canopy_closure: f.fraction("canopyClosure")?,
            shrub_coverage: f.fraction("shrubCoverage")?,
            joint_application: f.required("jointApplication", f.boolean("jointApplication")?)?,
            land_rights_clear: f.required("landRightsClear", f.boolean("landRightsClear")?)?,
            meets_technical_standards: f.required("meetsTechnicalStandards", f.boolean("meetsTechnicalStandards")?)?,
            compartment_managed: f.required("compartmentManaged", f.boolean("compartmentManaged")?)?,
        })
    }

    /// Which alternative tests a stand older than three years may pass (第六条 /
    /// 第四条): retention always; canopy closure for stands rated as arbor forest;
    /// shrub coverage for stands rated as shrub forest. A mixed stand below 65%
    /// is shrub forest in every respect (`mixedBelowThreshold`): canopy closure
    /// does not count for it.
    fn older_stand_tests(&self, rated_as: RatedAs, t: &Thresholds) -> Vec<Measure> {
        [
            Some(Measure::new(
                self.retention_rate,
                t.min_retention_rate,
                true,
                "株数保存率",
                "stem retention rate",
                "retentionRate",
            )),
            (rated_as == RatedAs::Arbor).then(|| {
                Measure::new(
                    self.canopy_closure,
                    t.min_canopy_closure,
                    false,
                    "郁闭度",
                    "canopy closure",
                    "canopyClosure",
                )
            }),
            (rated_as == RatedAs::Shrub).then(|| {
                Measure::new(
                    self.shrub_coverage,
                    t.min_shrub_coverage,
                    true,
                    "灌木林覆盖度",
                    "shrub coverage",
                    "shrubCoverage",
                )
            }),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// 建设年限 in calendar year `year`: the planting year counts as year 1
    /// (interpretation `ageCounting`).
    pub fn age_in(&self, year: i32) -> i32 {
        year - self.planting_year + 1
    }

    /// The age in `year`, refused when the stand was not yet planted; the
    /// error names `blame` (the date that set `year`) or else the age field.
    pub fn checked_age_in(&self, f: &Fields, year: i32, blame: Option<&str>) -> Checked<i32> {
        let age = self.age_in(year);
        if age < 1 {
            return Err(f.out_of_range(
                blame.unwrap_or(self.age_field),
                &format!("{year} 年时林分尚未种植（建设年限须至少为 1 年）"),
                &format!("the stand is not yet planted in {year} (the stand age must be at least 1)"),
            ));
        }
        Ok(age)
    }

    /// Arbor and mixed stands that meet 65% are paid as arbor forest; anything
    /// else as shrub (interpretation `mixedBelowThreshold`).
    pub fn rated_as(&self, a: &Articles, on: Date, ex: &mut Explanation) -> RatedAs {
        let doc = a.document;
        let t = a.rules.at(on);
        match self.forest_type {
            ForestType::Arbor => RatedAs::Arbor,
            ForestType::Shrub => RatedAs::Shrub,
            ForestType::Mixed => {
                ex.cite(doc, a.mixed_definition);
                let min = t.mixed_min_arbor_share;
                let shares = [
                    (self.arbor_share_by_area, "占总面积", "of the area"),
                    (self.arbor_share_by_stems, "占总株数", "of the stems"),
                ];
                let qualifies = shares.iter().filter_map(|(share, ..)| *share).any(|share| share >= min);
                let rated_as = if qualifies { RatedAs::Arbor } else { RatedAs::Shrub };
                ex.step(a.mixed_definition, None, || {
                    let compared = |share: Decimal| if share >= min { "≥" } else { "<" };
                    let given = shares.iter().filter_map(|(share, zh, en)| share.map(|s| (s, zh, en)));
                    let zh: Vec<String> = given
                        .clone()
                        .map(|(s, zh, _)| format!("{zh} {} {} {}", percent(s), compared(s), percent(min)))
                        .collect();
                    let en: Vec<String> = given
                        .map(|(s, _, en)| format!("{en} {} {} {}", percent(s), compared(s), percent(min)))
                        .collect();
                    let (name_zh, name_en) = rated_as.name();
                    let (then_zh, then_en) = if qualifies {
                        (
                            format!("属乔灌混交林，按{name_zh}计"),
                            format!("an arbor–shrub mixed forest, rated as {name_en}"),
                        )
                    } else {
                        (
                            format!("不属乔灌混交林，按{name_zh}计"),
                            format!("not an arbor–shrub mixed forest, rated as {name_en}"),
                        )
                    };
                    (format!("乔木{}：{then_zh}", zh.join("，")), format!("Arbor share {}: {then_en}", en.join(", ")))
                });
                if qualifies {
                    RatedAs::Arbor
                } else {
                    ex.interpret(Note::new(
                        "mixedBelowThreshold",
                        format!(
                            "乔木占总面积或总株数均不足 {}，不属于{}所称乔灌混交林，在各方面均按灌木林对待：按灌木林标准补偿；建设年限大于 3 年的，仅能以株数保存率≥ {} 或灌木林覆盖度≥ {} 达标（郁闭度是乔木林的标准，不适用）。建议将乔木与灌木分别区划为小班申报。",
                            percent(t.mixed_min_arbor_share),
                            a.mixed_definition,
                            percent(t.min_retention_rate),
                            percent(t.min_shrub_coverage)
                        ),
                        format!(
                            "Arbor trees are below {} of both the total area and the stem count, so this is not an arbor–shrub mixed forest under {}: it is shrub forest in every respect — paid the shrub rate, and past age 3 it passes only on stem retention ≥ {} or shrub coverage ≥ {} (canopy closure, the arbor test, does not count). Consider splitting arbor and shrub parts into separate sub-compartments (小班).",
                            percent(t.mixed_min_arbor_share),
                            article_en(a.mixed_definition),
                            percent(t.min_retention_rate),
                            percent(t.min_shrub_coverage)
                        ),
                    ));
                    RatedAs::Shrub
                }
            }
        }
    }

    /// The conditions both measures share, judged at `age`. Every unmet one is
    /// a reason. Fails only when a measurement the age requires is missing.
    pub fn check_conditions(
        &self,
        f: &Fields,
        age: i32,
        rated_as: RatedAs,
        a: &Articles,
        on: Date,
        ex: &mut Explanation,
    ) -> Checked<()> {
        let doc = a.document;
        let t = a.rules.at(on);
        ex.interpret(Note::fixed(
            "ageCounting",
            text(
                "建设年限按种植当年为第 1 年计算：某年的建设年限 = 该年 − 种植年份 + 1。",
                "Stand age counts the planting year as year 1: age in year Y = Y − planting year + 1.",
            ),
        ));
        if self.age_field == "standAgeYears" {
            ex.interpret(Note::fixed(
                "standAgeAsOf",
                text(
                    "填写的建设年限视为估算日期所在年份的年限，由此推算种植年份。",
                    "The stand age entered is taken as the age in the year of the estimate date; the planting year is derived from it.",
                ),
            ));
        }

        // The yes/no conditions: (met, code, article, what the article asks).
        let yes_no = [
            (
                !self.joint_application,
                "jointApplication",
                a.joint_application,
                text(
                    "申报人须为独立经营的自然人、法人或其他组织，不可联合申报。",
                    "The applicant must operate independently (a natural person, legal person or other organisation); joint applications are not accepted.",
                ),
            ),
            (
                self.land_rights_clear,
                "landRights",
                a.land_rights,
                text(
                    "土地权属须清晰，持有合法的土地经营（承包、租赁、流转等）证明，无法律纠纷及权利瑕疵。",
                    "Land ownership must be clear, with legal proof of land management (contracting, lease, transfer…) and no disputes or defects of title.",
                ),
            ),
            (self.meets_technical_standards, "technicalStandards", a.technical_standards, a.technical_requirement),
            (
                self.compartment_managed,
                "compartment",
                a.compartment,
                text("生态公益林必须落实到林地小班，实行小班经营。", "The forest must be managed down to forest sub-compartments (小班)."),
            ),
        ];
        for (met, code, article, asks) in yes_no {
            ex.cite(doc, article);
            if !met {
                ex.unmet(doc, code, article, asks.message_zh, asks.message_en);
            }
        }

        ex.cite(doc, a.survival_retention);
        let young = t.young_stand_max_age;
        if age <= young {
            let survival = self.survival_rate.ok_or_else(|| {
                f.error(
                    ErrorCode::MissingField,
                    "survivalRate",
                    &|l| format!("建设年限为 {age} 年（1—{young} 年），须填写{l}。"),
                    &|l| format!("At stand age {age} (1–{young} years) the {} is required.", lower_first(l)),
                )
                .param("age", age)
            })?;
            if survival < t.min_survival_rate {
                ex.unmet(
                    doc,
                    "survival",
                    a.survival_retention,
                    format!(
                        "建设年限 1—{young} 年的生态公益林成活率须≥ {}，实际为 {}。",
                        percent(t.min_survival_rate),
                        percent(survival)
                    ),
                    format!(
                        "At stand age 1–{young} the survival rate must be ≥ {}; it is {}.",
                        percent(t.min_survival_rate),
                        percent(survival)
                    ),
                );
            }
            return Ok(());
        }

        // Older than 3 years: retention, or canopy closure (stands rated as
        // arbor), or shrub coverage (stands rated as shrub): any one met suffices.
        let tests = self.older_stand_tests(rated_as, &t);
        if tests.iter().all(|m| m.value.is_none()) {
            let zh: Vec<String> = tests.iter().map(|m| f.label(m.field).zh).collect();
            let en: Vec<String> = tests.iter().map(|m| format!("the {}", lower_first(&f.label(m.field).en))).collect();
            let alternatives: Vec<String> = tests.iter().skip(1).map(|m| f.path(m.field)).collect();
            let (why_zh, why_en) = if rated_as == RatedAs::Shrub && self.canopy_closure.is_some() {
                (
                    "郁闭度是乔木林的标准，不适用于按灌木林对待的林分。",
                    " Canopy closure is the arbor test and does not count for a stand rated as shrub forest.",
                )
            } else {
                ("", "")
            };
            return Err(f
                .error(
                    ErrorCode::MissingField,
                    "retentionRate",
                    &|_| {
                        format!("建设年限为 {age} 年（大于 {young} 年），须填写{}（至少一项）。{why_zh}", zh.join("或"))
                    },
                    &|_| {
                        format!(
                            "At stand age {age} (over {young} years) give {} (at least one).{why_en}",
                            en.join(" or ")
                        )
                    },
                )
                .param("age", age)
                .param("or", alternatives));
        }
        if !tests.iter().any(Measure::met) {
            let zh: Vec<String> = tests
                .iter()
                .map(|m| format!("{}≥ {}（实际 {}）", m.zh, m.show(m.min), m.shown_value("未填写")))
                .collect();
            let en: Vec<String> = tests
                .iter()
                .map(|m| format!("the {} ≥ {} (it is {})", m.en, m.show(m.min), m.shown_value("not given")))
                .collect();
            ex.unmet(
                doc,
                "retention",
                a.survival_retention,
                format!("建设年限大于 {young} 年的生态公益林须{}，均未达到。", zh.join("，或")),
                format!("Over stand age {young} one of these must hold, and none does: {}.", en.join("; or ")),
            );
        }
        Ok(())
    }
}

/// One of the alternative tests for stands older than three years.
struct Measure {
    value: Option<Decimal>,
    min: Decimal,
    as_percent: bool,
    zh: &'static str,
    en: &'static str,
    field: &'static str,
}

impl Measure {
    fn new(
        value: Option<Decimal>,
        min: Decimal,
        as_percent: bool,
        zh: &'static str,
        en: &'static str,
        field: &'static str,
    ) -> Self {
        Measure { value, min, as_percent, zh, en, field }
    }
    fn met(&self) -> bool {
        self.value.is_some_and(|v| v >= self.min)
    }
    fn show(&self, v: Decimal) -> String {
        if self.as_percent {
            percent(v)
        } else {
            v.normalize().to_string()
        }
    }
    fn shown_value(&self, missing: &str) -> String {
        self.value.map_or_else(|| missing.to_string(), |v| self.show(v))
    }
}

/// Area in `unit` (`mu_per_unit` mu each): over 0 and at most [`MAX_AREA_MU`] mu.
/// The message states the true bound in mu; in hectares the bound (906,666.666… ha)
/// is shown to two places only beside it, and the refused value is converted to
/// mu, so that the figure stated is never one the refused value equals unexplained.
fn check_area(
    f: &Fields,
    field: &str,
    value: Decimal,
    mu_per_unit: Decimal,
    unit_zh: &str,
    unit_en: &str,
) -> Checked<Decimal> {
    match value.checked_mul(mu_per_unit) {
        Some(mu) if mu > Decimal::ZERO && mu <= MAX_AREA_MU => Ok(mu.normalize()),
        as_mu => {
            let max_mu = grouped(MAX_AREA_MU);
            let (bound_zh, bound_en) = if mu_per_unit == Decimal::ONE {
                (format!("{max_mu} 亩"), format!("{max_mu} mu"))
            } else {
                let max_ha = grouped(round_yuan(MAX_AREA_MU / mu_per_unit));
                (format!("{max_mu} 亩（约 {max_ha} {unit_zh}）"), format!("{max_mu} mu ({max_ha} {unit_en})"))
            };
            let got = value.normalize();
            let (got_zh, got_en) = match as_mu {
                Some(mu) if mu_per_unit != Decimal::ONE => (
                    format!("{got} {unit_zh}，即 {} 亩", grouped(mu.normalize())),
                    format!("{got} {unit_en}, that is {} mu", grouped(mu.normalize())),
                ),
                _ => (format!("{got} {unit_zh}"), format!("{got} {unit_en}")),
            };
            Err(f.out_of_range(
                field,
                &format!("面积须大于 0 且不超过 {bound_zh}（银川市土地面积），实际为 {got_zh}"),
                &format!("the area must be over 0 and at most {bound_en} (the city's land area); got {got_en}"),
            ))
        }
    }
}

/// Reads `plantingYear`: a four-digit year from [`EARLIEST_PLANTING_YEAR`].
fn planting_year(f: &Fields) -> Checked<Option<i64>> {
    f.integer_explained("plantingYear", EARLIEST_PLANTING_YEAR, LATEST_YEAR, &|got| {
        (
            format!("种植年份须为 {EARLIEST_PLANTING_YEAR} 年及以后的四位数年份，实际为 {got}；请填写完整年份（如 2016，而不是 16）"),
            format!("the planting year must be a four-digit year from {EARLIEST_PLANTING_YEAR}, got {got}; write the full year (2016, not 16)"),
        )
    })
}

/// Reads `standAgeYears`: 1 to [`MAX_STAND_AGE_YEARS`].
fn stand_age_years(f: &Fields) -> Checked<Option<i64>> {
    f.integer_explained("standAgeYears", 1, MAX_STAND_AGE_YEARS, &|got| {
        (
            format!("建设年限须为 1 至 {MAX_STAND_AGE_YEARS} 年，实际为 {got}；如填的是种植年份，请改填“种植年份”"),
            format!("the stand age must be 1 to {MAX_STAND_AGE_YEARS} years, got {got}; if this is the planting year, enter it as the planting year"),
        )
    })
}

// ── Payer, approval route, documents ────────────────────────────────────────

/// Cites where the documents, the approval route and the payer come from, and
/// returns the measure's notes (publicity, agreements, fraud recovery) with their articles.
pub fn procedure(
    doc: &'static Document,
    a: &Articles,
    notes: &[(&'static str, &'static str, Text)],
    ex: &mut Explanation,
) -> Vec<Reason> {
    for article in [a.documents, a.approval_route, a.payer] {
        ex.cite(doc, article);
    }
    notes
        .iter()
        .map(|(code, article, t)| {
            ex.cite(doc, article);
            Reason::fixed(code, article, *t)
        })
        .collect()
}

/// Approval route: the city route (city districts, and forests of city-directed
/// greening tasks) goes through the district and the city; counties stay in the county.
pub fn approval_route(payer: Payer) -> Vec<Text> {
    if payer == Payer::City {
        vec![
            text("向所在市辖区自然资源行政主管部门（林草部门）提出申请", "Apply to the district natural resources (forestry and grassland) department"),
            text("辖区自然资源主管部门出具审核意见，并向市自然资源行政主管部门（林草部门）提出申请", "The district department gives its review opinion and applies to the city natural resources (forestry and grassland) department"),
            text("市自然资源行政主管部门会同市财政、审计部门审核", "The city natural resources department reviews it with city finance and audit"),
            text("报市人民政府审批", "The city government approves"),
        ]
    } else {
        vec![
            text(
                "向所在县（市）自然资源行政主管部门（林草部门）提出申请",
                "Apply to the county natural resources (forestry and grassland) department",
            ),
            text(
                "县（市）自然资源行政主管部门会同县（市）财政、审计部门审核",
                "The county natural resources department reviews it with county finance and audit",
            ),
            text("报县（市）人民政府审批", "The county government approves"),
        ]
    }
}

/// Documents to prepare.
pub const DOCUMENTS: &[Text] = &[
    text("营业执照或社会机构统一代码证", "Business licence or unified social credit code certificate"),
    text("法定代表人身份证", "ID of the legal representative"),
    text("土地使用证明", "Proof of land use"),
    text("建设情况的自查报告", "Self-inspection report on the construction"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_largest_area_in_hectares_is_never_rounded_up() {
        assert_eq!(MAX_AREA_HECTARES.to_string(), "906666.6666");
        assert!(MAX_AREA_HECTARES * MU_PER_HECTARE <= MAX_AREA_MU);
        assert!((MAX_AREA_HECTARES + SMALLEST_AREA) * MU_PER_HECTARE > MAX_AREA_MU);
    }
}
