//! `forest-maintenance`: the yearly maintenance compensation (docs/rulebook.md §2).
//!
//! 银川市生态公益林养护管理补偿办法（银政规发〔2022〕1号）.

use super::forest::{self, Articles, RatedAs, Stand, StandRules, StandValues, STAND_FIELD_COUNT};
use crate::date::{Date, Period};
use crate::explain::{
    article_en, codes_only, sum_text, superscript, text, texts, Document, DocumentKind, Explanation, Note, Reason,
    Step, Text,
};
use crate::input::{capitalise, Checked, Fields};
use crate::json::Json;
use crate::money::{grouped, plain, round_yuan, total};
use crate::param::{Dated, Described, Parameter};
use crate::place::{Location, Payer};
use crate::schema::{choice, field, Bound, Choice, FieldSpec, Figure, Kind};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::Serialize;

// ── Parameters ──────────────────────────────────────────────────────────────

/// 第二十三条: 本办法自 2022 年 6 月 23 日起施行，有效期至 2027 年 6 月 22 日.
pub const DOCUMENT: Document = Document {
    title_zh: "银川市生态公益林养护管理补偿办法",
    title_en: "Yinchuan Measures on Maintenance Compensation for Ecological Public-Welfare Forests",
    number: "银政规发〔2022〕1号",
    in_force: Period { from: Date::ymd(2022, 6, 23), to: Some(Date::ymd(2027, 6, 22)) },
    validity_article: Some("第二十三条"),
    kind: DocumentKind::Measures,
    predecessor: None,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Zone {
    /// 第十条（一）风沙、荒漠区和山地丘陵区.
    Sandy,
    /// 第十条（二）绿洲（河套灌区）和河岸水渠道路居民区.
    Oasis,
}

const ZONES: &[(&str, Zone)] = &[("sandy", Zone::Sandy), ("oasis", Zone::Oasis)];

const P2022: Period = DOCUMENT.in_force;
const ID: &str = "forest-maintenance";

/// One row of 第十条's rates, in 元/亩/年.
#[derive(Debug, Clone, Copy)]
pub struct RateRow {
    /// 建设年限在 10 年（含）以内.
    pub base: Decimal,
    /// 建设年限在 16 年至 20 年（含）; and 大于 20 年、未能达到自然生长条件.
    pub later: Decimal,
}

/// A row of the rate table with its key (zone × rated as) and clause.
pub struct Rates {
    pub zone: Zone,
    pub rated_as: RatedAs,
    pub clause: &'static str,
    pub row: Parameter<RateRow>,
}

/// 第十条: the rate table, looked up by (zone, rated as).
pub const RATES: [Rates; 4] = [
    Rates {
        zone: Zone::Sandy,
        rated_as: RatedAs::Arbor,
        clause: "第十条（一）1",
        row: Parameter::new(
            (ID, "rate.sandy.arbor"),
            &DOCUMENT,
            "第十条（一）1",
            &[
                "建设年限在 10 年（含）以内的补偿标准为 400 元 / 亩 / 年",
                "建设年限在 16 年至 20 年（含）的生态公益林养护补偿资金为 100 元 / 亩 / 年",
                "未能达到自然生长条件的生态公益林养护补偿资金为 100 元 / 亩 / 年",
            ],
            &[Dated::over(P2022, RateRow { base: dec!(400), later: dec!(100) })],
        ),
    },
    Rates {
        zone: Zone::Sandy,
        rated_as: RatedAs::Shrub,
        clause: "第十条（一）2",
        row: Parameter::new(
            (ID, "rate.sandy.shrub"),
            &DOCUMENT,
            "第十条（一）2",
            &[
                "建设年限在 10 年及以内的补偿标准为130 元 / 亩 / 年",
                "建设年限在 16 至 20 年（含）的补偿标准为 20 元 / 亩 / 年",
                "未能达到自然生长条件的生态公益林养护补偿资金为 20 元 / 亩 / 年",
            ],
            &[Dated::over(P2022, RateRow { base: dec!(130), later: dec!(20) })],
        ),
    },
    Rates {
        zone: Zone::Oasis,
        rated_as: RatedAs::Arbor,
        clause: "第十条（二）1",
        row: Parameter::new(
            (ID, "rate.oasis.arbor"),
            &DOCUMENT,
            "第十条（二）1",
            &[
                "建设年限在 10 年（含）以内的补偿标准为 240 元 / 亩 / 年",
                "建设年限在 16 年至 20 年（含）的生态公益林养护补偿标准为 70 元 / 亩 / 年",
                "未能达到自然生长条件的生态公益林养护补偿标准为 70 元 / 亩 / 年",
            ],
            &[Dated::over(P2022, RateRow { base: dec!(240), later: dec!(70) })],
        ),
    },
    Rates {
        zone: Zone::Oasis,
        rated_as: RatedAs::Shrub,
        clause: "第十条（二）2",
        row: Parameter::new(
            (ID, "rate.oasis.shrub"),
            &DOCUMENT,
            "第十条（二）2",
            &[
                "建设年限在 10 年及以内的补偿标准为100 元 / 亩 / 年",
                "建设年限在 16 至 20 年（含）的补偿标准为 15 元 / 亩 / 年",
                "未能达到自然生长条件的生态公益林养护补偿资金为 15 元 / 亩 / 年",
            ],
            &[Dated::over(P2022, RateRow { base: dec!(100), later: dec!(15) })],
        ),
    },
];

/// 第十条's age bands, the same in every row.
#[derive(Debug, Clone, Copy)]
pub struct AgeBands {
    /// 建设年限在 10 年（含）以内 → the base rate.
    pub base_last_age: i32,
    /// 建设年限在 11 年至 15 年（含）的 … 逐年递减 20% (compound, interpretation `compoundDecline`).
    pub decline_last_age: i32,
    pub yearly_decline: Decimal,
    /// 建设年限在 16 年至 20 年（含）→ the later rate; 大于 20 年 → the later rate, or none when self-sustaining.
    pub reduced_last_age: i32,
}

pub const AGE_BANDS: Parameter<AgeBands> = Parameter::new(
    (ID, "ageBands"),
    &DOCUMENT,
    "第十条",
    &[
        "建设年限在 10 年（含）以内",
        "建设年限在 11年至 15 年（含）的生态公益林养护资金逐年递减20%",
        "建设年限在 16 年至 20 年（含）",
        "建设年限大于20 年，未能达到自然生长条件",
        "能够自然生长且生态系统趋于稳定的生态公益林不再进行养护补偿",
    ],
    &[Dated::over(
        P2022,
        AgeBands { base_last_age: 10, decline_last_age: 15, yearly_decline: dec!(0.20), reduced_last_age: 20 },
    )],
);

/// 第六条: 每年 6 月底前 … 申请下一年度养护补偿资金 … 自 … 提出申请之日的下一年度开始计算，不进行追溯补偿.
/// The last (month, day) of an application for the next year's funds.
pub const APPLICATION_DEADLINE: Parameter<(u8, u8)> = Parameter::new(
    (ID, "applicationDeadline"),
    &DOCUMENT,
    TIMING_ARTICLE,
    &["每年 6 月底前向市辖区自然资源行政主管部门（林草部门）申请下一年度养护补偿资金", "不进行追溯补偿"],
    &[Dated::over(P2022, (6, 30))],
);
pub const TIMING_ARTICLE: &str = "第六条";

/// The figures a form shows beside the fields, on `on`: every rate of 第十条, the
/// age bands and the application deadline.
pub fn figures(on: Date) -> Vec<Figure> {
    let mut all = Vec::new();
    for r in &RATES {
        let row = r.row.at(on);
        let key = |part: &str| format!("rate.{}.{}.{part}", zone_code(r.zone), rated_code(r.rated_as));
        all.push(
            Figure::new(key("base"), row.base, text("建设年限 10 年（含）以内的标准", "Rate up to age 10"), r.clause)
                .unit("元/亩/年", "yuan/mu/year"),
        );
        all.push(
            Figure::new(key("later"), row.later, text("建设年限 16 年起的标准", "Rate from age 16"), r.clause)
                .unit("元/亩/年", "yuan/mu/year"),
        );
    }
    let b = AGE_BANDS.at(on);
    let band =
        |key, value: i32, zh, en| Figure::new(key, Decimal::from(value), text(zh, en), "第十条").unit("年", "years");
    all.push(band("baseLastAge", b.base_last_age, "按基础标准补偿的最高建设年限", "Last age at the base rate"));
    all.push(band("declineLastAge", b.decline_last_age, "逐年递减的最高建设年限", "Last age of the yearly decline"));
    all.push(
        Figure::new("yearlyDecline", b.yearly_decline, text("逐年递减比例", "Yearly decline"), "第十条").percent(),
    );
    all.push(band(
        "reducedLastAge",
        b.reduced_last_age,
        "此后须未达自然生长条件方可补偿的建设年限",
        "Age after which only stands not yet self-sustaining are paid",
    ));
    let (month, day) = APPLICATION_DEADLINE.at(on);
    all.push(Figure::new(
        "deadlineMonth",
        Decimal::from(month),
        text("申请截止月份", "Application deadline: month"),
        TIMING_ARTICLE,
    ));
    all.push(Figure::new(
        "deadlineDay",
        Decimal::from(day),
        text("申请截止日", "Application deadline: day"),
        TIMING_ARTICLE,
    ));
    all.extend(STAND_RULES.figures(on, &ARTICLES));
    all
}

/// Every parameter of this measure (tests/parameters.rs checks their words).
pub fn parameters() -> Vec<&'static dyn Described> {
    let mut all: Vec<&'static dyn Described> = RATES.iter().map(|r| &r.row as &dyn Described).collect();
    all.extend([&AGE_BANDS as &dyn Described, &APPLICATION_DEADLINE]);
    all.extend(STAND_RULES.parameters());
    all
}

/// The last year a date may have (an input bound, not a rule).
const LAST_YEAR: i32 = 9999;

/// The schedule's length: default and range (docs/rulebook.md §2).
pub const DEFAULT_HORIZON_YEARS: i64 = 10;
pub const MAX_HORIZON_YEARS: i64 = 50;

/// 第二条、第四条: the stand's thresholds (the same words in both forest measures).
const STAND_VALUES: StandValues = forest::stand_values_2022(DOCUMENT.in_force);
pub const STAND_RULES: StandRules =
    forest::stand_rules("forest-maintenance", &DOCUMENT, "第二条", "第四条", &STAND_VALUES);

const ARTICLES: Articles = Articles {
    document: &DOCUMENT,
    mixed_definition: "第二条",
    joint_application: "第五条",
    land_rights: "第四条",
    technical_standards: "第四条",
    technical_requirement: text(
        "种植密度、树种、规格等须符合造林作业设计要求，并符合《造林技术规程》（GB/T 15776—2016）、《森林抚育规程》（GB/T 15781—2015）、《生态公益林建设导则》（GB/T 18337.1—2001）。",
        "Planting density, species and specification must follow the afforestation design, and the forest must meet GB/T 15776-2016, GB/T 15781-2015 and GB/T 18337.1-2001.",
    ),
    compartment: "第四条",
    rules: &STAND_RULES,
    survival_retention: "第四条",
    documents: "第五条",
    approval_route: "第六条",
    payer: "第九条",
};

/// 第七条 publicity, 第十八条 fraud recovery (第八条's agreement depends on the location: [`responsibility_agreement`]).
const NOTES: &[(&str, &str, Text)] = &[
    (
        "publicity",
        "第七条",
        text(
            "养护管理补偿资金确定后，将在自然资源行政主管部门（林草部门）网站或相关媒体公示，接受社会监督。",
            "Once fixed, the maintenance compensation is publicised on the natural resources (forestry) department's website or in the media.",
        ),
    ),
    (
        "fraudRecovery",
        "第十八条",
        text(
            "提供虚假数据、材料或以其他不正当手段骗取补偿资金的，一经发现即追回资金并依法追究责任。",
            "Compensation obtained with false data or materials or other improper means is recovered and those responsible are held liable.",
        ),
    ),
];

/// The request fields (the catalog's schema): the stand, plus zone, self-sustaining,
/// timing, horizon and 第九条's city-directed tasks.
pub const FIELDS: [FieldSpec; STAND_FIELD_COUNT + 5] = {
    let stand = forest::stand_fields(&ARTICLES);
    let mut all = [stand[0]; STAND_FIELD_COUNT + 5];
    let mut i = 0;
    while i < STAND_FIELD_COUNT {
        all[i] = stand[i];
        i += 1;
    }
    let own = [
        field("zone", Kind::Enum, "区域", "Zone").required().options(ZONE_CHOICES).article("第十条"),
        field("selfSustaining", Kind::Boolean, "林分已能自然生长，生态系统趋于稳定", "The stand is self-sustaining with a stable ecosystem")
            .hint("只影响建设年限大于 20 年的年度：此时不再补偿。不填按“未能达到自然生长条件”计算。", "Matters only for years past age 20: no compensation then. Unless given, the stand is taken as not yet self-sustaining.")
            .article("第十条"),
        field("applicationDate", Kind::Date, "申请日期", "Application date")
            .hint("不填则按估算日期。6 月 30 日（含）前申请，自下一年度起补偿；之后申请，自再下一年度起。", "The estimate date unless given. By 30 June: funded from next year; later: from the year after.")
            .article(TIMING_ARTICLE),
        field("horizonYears", Kind::Integer, "预测年数", "Years to project")
            .unit("年", "years")
            .range(Bound::Fixed(Decimal::ONE), Bound::Fixed(Decimal::from_parts(MAX_HORIZON_YEARS as u32, 0, 0, false, 0)))
            .hint("不填为 10 年。", "10 unless given."),
        field("cityDirectedTask", Kind::Boolean, "属于市直相关国土绿化建设任务", "Part of a city-directed greening task")
            .hint("此类生态公益林即使位于县（市），也由市级财政承担，按市级途径申报。", "The city then pays, even for a forest in a county, along the city route.")
            .article(PAYER_ARTICLE),
    ];
    let mut j = 0;
    while j < own.len() {
        all[STAND_FIELD_COUNT + j] = own[j];
        j += 1;
    }
    all
};

const ZONE_CHOICES: &[Choice] = &[
    choice("sandy", "风沙、荒漠区和山地丘陵区", "Sandy, desert and hill areas").article("第十条（一）"),
    choice(
        "oasis",
        "绿洲（河套灌区）和河岸水渠道路居民区",
        "Oasis (Hetao irrigation area), banks, canals, roads and settlements",
    )
    .article("第十条（二）"),
];

/// 第八条: 辖区自然资源行政主管部门（林草部门）… 签订生态公益林养护管理责任书.
pub const AGREEMENT_ARTICLE: &str = "第八条";
/// 第九条: 市辖区（包括市直相关国土绿化建设任务的生态公益林）和县（市）生态公益林的养护补偿资金由市级和县（市）级财政分别承担.
pub const PAYER_ARTICLE: &str = "第九条";

// ── The result ──────────────────────────────────────────────────────────────

/// Which part of 第十条's scale a year falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Band {
    /// age ≤ 10
    Base,
    /// age 11–15, 逐年递减 20%
    Declining,
    /// age 16–20
    Reduced,
    /// age > 20, not yet self-sustaining
    Mature,
    /// age > 20, self-sustaining: no compensation
    SelfSustaining,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleRow {
    pub year: i32,
    pub age: i32,
    pub band: Band,
    pub rate_per_mu: Decimal,
    pub amount: Decimal,
    pub beyond_validity: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Maintenance {
    pub eligible: bool,
    pub rated_as: RatedAs,
    pub zone: Zone,
    pub area_mu: Decimal,
    pub application_date: Date,
    /// The stand age in the application year, at which the conditions are judged.
    pub stand_age: i32,
    pub first_funded_year: i32,
    pub schedule: Vec<ScheduleRow>,
    /// Sum of every row: a projection where rows lie beyond validity.
    pub total: Decimal,
    /// Sum of the rows the measure in force covers (not beyond validity).
    pub total_within_validity: Decimal,
    /// Years of the schedule the measure in force covers.
    pub years_within_validity: usize,
    pub city_directed_task: bool,
    pub payer: Payer,
    #[serde(skip_serializing_if = "codes_only")]
    pub approval_route: Vec<Text>,
    #[serde(skip_serializing_if = "codes_only")]
    pub documents: &'static [Text],
    pub notes: Vec<Reason>,
}

// ── The rules ───────────────────────────────────────────────────────────────

/// 第十条's rate for one age, with how it was reached.
#[derive(Debug, Clone, Copy)]
pub struct Rate {
    pub band: Band,
    pub per_mu: Decimal,
    /// Age 11–15: the base rate, the yearly factor (0.8) and how many times it applies.
    pub decline: Option<(Decimal, Decimal, u32)>,
}

/// 第十条: the rate per mu per year for one age.
pub fn rate(row: RateRow, bands: AgeBands, age: i32, self_sustaining: bool) -> Rate {
    let flat = |band, per_mu| Rate { band, per_mu, decline: None };
    if age <= bands.base_last_age {
        flat(Band::Base, row.base)
    } else if age <= bands.decline_last_age {
        // Each year 20% below the year before: base × 0.8^(age − 10).
        let factor = Decimal::ONE - bands.yearly_decline;
        let declined = (bands.base_last_age..age).fold(row.base, |r, _| r * factor);
        let times = (age - bands.base_last_age) as u32;
        Rate { band: Band::Declining, per_mu: declined, decline: Some((row.base, factor, times)) }
    } else if age <= bands.reduced_last_age {
        flat(Band::Reduced, row.later)
    } else if self_sustaining {
        flat(Band::SelfSustaining, Decimal::ZERO)
    } else {
        flat(Band::Mature, row.later)
    }
}

/// What the rate of a band is called in steps: "10 年内", "16—20 年", "大于 20 年、未能达到自然生长条件".
fn band_words(band: Band, bands: AgeBands) -> (String, String) {
    match band {
        Band::Base | Band::Declining => {
            (format!("{} 年内", bands.base_last_age), format!("first {} years", bands.base_last_age))
        }
        Band::Reduced => (
            format!("{}—{} 年", bands.decline_last_age + 1, bands.reduced_last_age),
            format!("years {}–{},", bands.decline_last_age + 1, bands.reduced_last_age),
        ),
        Band::Mature | Band::SelfSustaining => (
            format!("大于 {} 年、未能达到自然生长条件", bands.reduced_last_age),
            format!("over {} years and not self-sustaining,", bands.reduced_last_age),
        ),
    }
}

/// The request codes of a zone and of a rated type, for figure keys.
fn zone_code(zone: Zone) -> &'static str {
    ZONES.iter().find(|(_, z)| *z == zone).map_or("", |(c, _)| c)
}

fn rated_code(rated_as: RatedAs) -> &'static str {
    match rated_as {
        RatedAs::Arbor => "arbor",
        RatedAs::Shrub => "shrub",
    }
}

/// The rate table's row for a zone and a rated type, by key.
pub fn rates_for(zone: Zone, rated_as: RatedAs) -> &'static Rates {
    RATES.iter().find(|r| r.zone == zone && r.rated_as == rated_as).unwrap_or(&RATES[0])
}

/// 第六条: on or before the deadline (30 June) → funded from next year; later → the year after.
pub fn first_funded_year(application: Date) -> i32 {
    let deadline = APPLICATION_DEADLINE.at(application);
    if (application.month(), application.day()) <= deadline {
        application.year() + 1
    } else {
        application.year() + 2
    }
}

/// The date a funded year's figures are looked up at: its first day (the
/// funds of a year are those of the rules in force when it begins).
fn funded_year_date(year: i32) -> Date {
    Date::new(year, 1, 1).unwrap_or(Date::ymd(9999, 12, 31))
}

/// What a schedule needs to know about the stand and the request.
pub struct ScheduleRequest {
    pub planting_year: i32,
    pub area_mu: Decimal,
    pub first_year: i32,
    pub horizon: i32,
    pub self_sustaining: bool,
    pub last_valid_year: i32,
}

/// 第十条: the yearly rows from the first funded year, each at the figures of
/// its own year; stops at the first year with no compensation, which it returns.
pub fn schedule(
    rates: &Parameter<RateRow>,
    bands: &Parameter<AgeBands>,
    req: &ScheduleRequest,
) -> (Vec<ScheduleRow>, Option<(i32, i32)>) {
    schedule_written(rates, bands, req, RatedAs::Arbor, &mut Vec::new())
}

/// [`schedule`], writing each row's computation into `steps` (`rated_as` names
/// the forest in them): the rate (base × 0.8ⁿ in the declining years) and the
/// amount, or flat rate × area in one step.
pub fn schedule_written(
    rates: &Parameter<RateRow>,
    bands: &Parameter<AgeBands>,
    req: &ScheduleRequest,
    rated_as: RatedAs,
    steps: &mut Vec<Step>,
) -> (Vec<ScheduleRow>, Option<(i32, i32)>) {
    let clause = rates.article();
    let (name_zh, name_en) = rated_as.name();
    let clause_en = || article_en(clause);
    let area = || grouped(plain(req.area_mu));
    let mut rows = Vec::new();
    for year in req.first_year..req.first_year + req.horizon {
        let on = funded_year_date(year);
        let age = year - req.planting_year + 1;
        let (row, age_bands) = (rates.at(on), bands.at(on));
        let found = rate(row, age_bands, age, req.self_sustaining);
        if found.per_mu.is_zero() {
            steps.push(Step::new(clause, None, || {
                let over = age_bands.reduced_last_age;
                (
                    format!("{clause} 建设年限大于 {over} 年且能够自然生长、生态系统趋于稳定：第 {age} 年（{year} 年）起不再补偿"),
                    format!("{} over {over} years and self-sustaining with a stable ecosystem: no compensation from year {age} ({year})", clause_en()),
                )
            }));
            return (rows, Some((year, age)));
        }
        let exact = found.per_mu * req.area_mu;
        let amount = round_yuan(exact);
        let per_mu = plain(found.per_mu);
        match found.decline {
            Some((base, factor, times)) => {
                steps.push(Step::new(clause, Some(per_mu), || {
                    let (band_zh, band_en) = band_words(found.band, age_bands);
                    let power = if times == 1 { String::new() } else { superscript(times) };
                    let (base, factor, rate) = (grouped(plain(base)), plain(factor), grouped(per_mu));
                    let times_en = if times == 1 { "once".to_string() } else { format!("{times} times") };
                    (
                        format!("{clause} {name_zh} {band_zh} {base} 元/亩/年；第 {age} 年递减 {times} 次：{base} × {factor}{power} = {rate} 元/亩/年"),
                        format!("{} {name_en}, {band_en} {base} yuan/mu/year; year {age}, reduced {times_en}: {base} × {factor}{power} = {rate} yuan/mu/year", clause_en()),
                    )
                }));
                steps.push(Step::new(clause, Some(amount), || {
                    let (line_zh, line_en) = forest::money_line(exact, amount);
                    (format!("× {} 亩 = {line_zh}", area()), format!("× {} mu = {line_en}", area()))
                }));
            }
            None => steps.push(Step::new(clause, Some(amount), || {
                let (band_zh, band_en) = band_words(found.band, age_bands);
                let rate = grouped(per_mu);
                let (line_zh, line_en) = forest::money_line(exact, amount);
                (
                    format!(
                        "{clause} {name_zh} {band_zh} {rate} 元/亩/年；第 {age} 年：{rate} × {} 亩 = {line_zh}",
                        area()
                    ),
                    format!(
                        "{} {name_en}, {band_en} {rate} yuan/mu/year; year {age}: {rate} × {} mu = {line_en}",
                        clause_en(),
                        area()
                    ),
                )
            })),
        }
        rows.push(ScheduleRow {
            year,
            age,
            band: found.band,
            rate_per_mu: per_mu,
            amount,
            beyond_validity: year > req.last_valid_year,
        });
    }
    (rows, None)
}

pub fn evaluate(input: &Json, today: Date) -> Checked<(Date, Maintenance, Explanation)> {
    let f = Fields::new(input, "", &FIELDS)?;
    let as_of = f.date("asOf")?.unwrap_or(today);
    let stand = Stand::read(&f, as_of)?;
    let zone = f.required("zone", f.choice("zone", ZONES)?)?;
    let self_sustaining_given = f.boolean("selfSustaining")?;
    let self_sustaining = self_sustaining_given.unwrap_or(false);
    let application_date = f.date("applicationDate")?.unwrap_or(as_of);
    let city_directed_task = f.boolean("cityDirectedTask")?.unwrap_or(false);
    let horizon = f.integer("horizonYears", 1, MAX_HORIZON_YEARS)?.unwrap_or(DEFAULT_HORIZON_YEARS) as i32;
    let age =
        stand.checked_age_in(&f, application_date.year(), f.has("applicationDate").then_some("applicationDate"))?;

    let doc = &DOCUMENT;
    let mut ex = Explanation::default();
    doc.validity_warning(as_of, &mut ex);
    if application_date < doc.in_force.from {
        before_validity(application_date, &mut ex);
    } else if !doc.in_force.contains(application_date) && doc.in_force.contains(as_of) {
        doc.cite_validity(&mut ex);
        let (zh, en) = doc.in_force_text();
        ex.warn(Note::new(
            "applicationOutsideValidity",
            format!("申请日期 {application_date} 不在本办法有效期内（{VALIDITY_ARTICLE}：{zh}）。"),
            format!(
                "The application date {application_date} is outside the measure's period of validity ({}: {en}).",
                article_en(VALIDITY_ARTICLE)
            ),
        ));
    }

    // The conditions are those of the application date (第六条).
    let rated_as = stand.rated_as(&ARTICLES, application_date, &mut ex);
    stand.check_conditions(&f, age, rated_as, &ARTICLES, application_date, &mut ex)?;

    // Timing (第六条).
    ex.cite(doc, TIMING_ARTICLE);
    ex.interpret(Note::fixed(
        "applicationDeadline",
        text(
            "“每年 6 月底前”按 6 月 30 日（含）以前理解：此前提出申请的，自下一年度起计算补偿；7 月 1 日及以后提出的，视为申请再下一年度的资金。补偿不追溯。",
            "“By the end of June” is read as on or before 30 June: an application by then is funded from the next year; one made on 1 July or later counts for the year after next. Nothing is backdated.",
        ),
    ));
    let first_year = first_funded_year(application_date);
    // The schedule stays within the calendar the tool reads (to 9999).
    if first_year + horizon - 1 > LAST_YEAR {
        let field = if f.has("applicationDate") { "applicationDate" } else { "asOf" };
        return Err(f.out_of_range(
            field,
            &format!("补偿计划须在 {LAST_YEAR} 年以内，而首个补偿年度 {first_year} 年起 {horizon} 年将超出"),
            &format!("the schedule must end by {LAST_YEAR}, but {horizon} years from {first_year} go beyond it"),
        ));
    }

    // The schedule (第十条).
    let rates = rates_for(zone, rated_as);
    ex.cite(doc, rates.clause);
    // Funded years after the year the measure ends in are beyond validity (docs/rulebook.md §2).
    let request = ScheduleRequest {
        planting_year: stand.planting_year,
        area_mu: stand.area_mu,
        first_year,
        horizon,
        self_sustaining,
        last_valid_year: DOCUMENT_END.year(),
    };
    let (schedule, ended_at) = schedule_written(&rates.row, &AGE_BANDS, &request, rated_as, &mut ex.steps);
    let reduced_last_age = AGE_BANDS.at(application_date).reduced_last_age;
    explain_schedule(&schedule, ended_at, self_sustaining_given.is_none(), first_year, reduced_last_age, &mut ex);
    if let (true, Some((year, age))) = (schedule.is_empty(), ended_at) {
        ex.unmet(
            doc,
            "selfSustaining",
            rates.clause,
            format!("{year} 年建设年限 {age} 年：大于 {reduced_last_age} 年且能够自然生长、生态系统趋于稳定的生态公益林不再进行养护补偿。"),
            format!("In {year} the stand is {age} years old: a forest over {reduced_last_age} years old that is self-sustaining with a stable ecosystem receives no further maintenance compensation."),
        );
    }

    let payer = payer(stand.location, city_directed_task, &mut ex);
    let mut notes = forest::procedure(doc, &ARTICLES, NOTES, &mut ex);
    notes.insert(1, responsibility_agreement(stand.location, &mut ex));
    // The totals: sums of the rounded lines (docs/rulebook.md §0).
    let lines: Vec<Decimal> = schedule.iter().map(|r| r.amount).collect();
    let sum = total(lines.iter().copied());
    ex.step(TOTAL_ARTICLE, Some(sum), || {
        (format!("{} 元", sum_text(&lines, sum)), format!("{} yuan", sum_text(&lines, sum)))
    });
    let within: Vec<Decimal> = schedule.iter().filter(|r| !r.beyond_validity).map(|r| r.amount).collect();
    let sum_within = total(within.iter().copied());
    if within.len() < lines.len() {
        let last = DOCUMENT_END.year();
        ex.step(VALIDITY_ARTICLE, Some(sum_within), || {
            (
                format!(
                    "其中有效期内（{VALIDITY_ARTICLE}，{last} 年及以前的年度）：{} 元",
                    sum_text(&within, sum_within)
                ),
                format!(
                    "Of which within the period of validity ({}, years up to {last}): {} yuan",
                    article_en(VALIDITY_ARTICLE),
                    sum_text(&within, sum_within)
                ),
            )
        });
    }

    let result = Maintenance {
        eligible: ex.reasons.is_empty(),
        rated_as,
        zone,
        area_mu: stand.area_mu,
        application_date,
        stand_age: age,
        first_funded_year: first_year,
        total: sum,
        years_within_validity: within.len(),
        total_within_validity: sum_within,
        schedule,
        city_directed_task,
        payer,
        approval_route: forest::approval_route(payer),
        documents: forest::DOCUMENTS,
        notes,
    };
    Ok((as_of, result, ex))
}

/// 第十条: the schedule's total is the sum of its yearly lines.
const TOTAL_ARTICLE: &str = "第十条";

const VALIDITY_ARTICLE: &str = match DOCUMENT.validity_article {
    Some(a) => a,
    None => panic!("the maintenance measure names its period of validity"),
};

const DOCUMENT_END: Date = match DOCUMENT.in_force.to {
    Some(d) => d,
    None => panic!("the maintenance measure has an end date"),
};

/// 第九条: the city pays for the city districts and for forests of city-directed
/// greening tasks wherever they lie; the county pays for the rest.
fn payer(location: Location, city_directed_task: bool, ex: &mut Explanation) -> Payer {
    ex.cite(&DOCUMENT, PAYER_ARTICLE);
    if !city_directed_task {
        return location.payer();
    }
    if !location.is_city_district() {
        ex.interpret(Note::new(
            "cityDirectedRoute",
            format!(
                "{PAYER_ARTICLE}将“市直相关国土绿化建设任务的生态公益林”纳入市级财政承担，即使林地位于县（市）；第六条未单列其申报途径，本计算器按市辖区（市级）途径列出，具体受理部门请向市自然资源行政主管部门（林草部门）确认。"
            ),
            format!(
                "{} puts forests of city-directed greening tasks on the city budget even inside a county; Article 6 gives no separate route for them, so the city route is shown — confirm with the city natural resources (forestry) department which office takes the application.",
                article_en(PAYER_ARTICLE)
            ),
        ));
    }
    Payer::City
}

/// 第八条: the agreement is signed by the department of the district or county
/// (辖区) where the forest lies.
fn responsibility_agreement(location: Location, ex: &mut Explanation) -> Reason {
    ex.cite(&DOCUMENT, AGREEMENT_ARTICLE);
    let (zh, en) = (location.name_zh(), location.name_en());
    let kind = if location.is_city_district() { "district" } else { "county" };
    let (message_zh, message_en) = texts(|| {
        let (dept_zh, dept_en) = (
            format!("{zh}自然资源行政主管部门（林草部门）"),
            format!("the {en} {kind} natural resources (forestry) department"),
        );
        (
            format!("{dept_zh}将按界定的范围与面积，与所有者或经营者签订生态公益林养护管理责任书。"),
            format!(
                "{} signs a maintenance responsibility agreement with the owner or operator for the defined area.",
                capitalise(&dept_en)
            ),
        )
    });
    Reason::new("responsibilityAgreement", AGREEMENT_ARTICLE, message_zh, message_en)
}

/// An application before the measure took effect: the funded year would fall
/// before it existed, and nothing is backdated (第二十三条, 第六条).
fn before_validity(application_date: Date, ex: &mut Explanation) {
    let doc = &DOCUMENT;
    doc.cite_validity(ex);
    ex.cite(doc, TIMING_ARTICLE);
    let from = doc.in_force.from;
    ex.warn(Note::new(
        "beforeValidity",
        format!(
            "申请日期 {application_date} 早于本办法施行日期 {from}（{VALIDITY_ARTICLE}）：当时本办法尚不存在，且{TIMING_ARTICLE}规定“不进行追溯补偿”，此前的申请不能据本办法获得补偿；下表仅按本办法标准推算。"
        ),
        format!(
            "The application date {application_date} is before the measure took effect on {from} ({}): the measure did not exist then, and {} says nothing is backdated (不进行追溯补偿), so an earlier application earns nothing under it; the schedule only applies its rates.",
            article_en(VALIDITY_ARTICLE),
            article_en(TIMING_ARTICLE)
        ),
    ));
}

fn explain_schedule(
    schedule: &[ScheduleRow],
    ended_at: Option<(i32, i32)>,
    self_sustaining_assumed: bool,
    first_year: i32,
    reduced_last_age: i32,
    ex: &mut Explanation,
) {
    ex.warn(Note::fixed(
        "yearlyReapplication",
        text(
            "养护补偿须每年 6 月底前申请下一年度资金；下表是假设每年按时申请并获批准的预测。",
            "Maintenance compensation must be applied for every year, by the end of June, for the next year's funds; the schedule assumes every yearly application is made on time and approved.",
        ),
    ));
    if schedule.iter().any(|r| r.band == Band::Declining) {
        ex.interpret(Note::fixed(
            "compoundDecline",
            text(
                "第 11—15 年“逐年递减 20%”按复利理解：每年比上一年减少 20%（基数 × 0.8^(年限 − 10)）。若按基数的 20% 线性递减，第 15 年将降为 0，低于第 16—20 年的标准，故不采用。",
                "“Decreasing by 20% year by year” in years 11–15 is read as compound: each year 20% below the year before (base × 0.8^(age − 10)). The linear reading (20% of the base a year) would reach 0 in year 15, below the later floor, so the text cannot mean it.",
            ),
        ));
    }
    if let Some(first_beyond) = schedule.iter().find(|r| r.beyond_validity) {
        DOCUMENT.cite_validity(ex);
        ex.warn(Note::new(
            "beyondValidity",
            format!(
                "本办法有效期至 {DOCUMENT_END}（{VALIDITY_ARTICLE}）：{} 年及以后各年度的金额是假设办法按原标准延续的预测。",
                first_beyond.year
            ),
            format!(
                "The measure expires on {DOCUMENT_END} ({}): the amounts for {} and later assume it is renewed unchanged.",
                article_en(VALIDITY_ARTICLE),
                first_beyond.year
            ),
        ));
    }
    if !schedule.is_empty() && schedule.iter().all(|r| r.beyond_validity) {
        ex.warn(Note::new(
            "noYearWithinValidity",
            format!(
                "本办法有效期内无可补偿年度：首个补偿年度 {first_year} 年晚于 {DOCUMENT_END}（{VALIDITY_ARTICLE}）。以下金额均为假设办法按原标准延续的预测。"
            ),
            format!(
                "No funded year falls within the measure's validity: the first funded year, {first_year}, is after {DOCUMENT_END} ({}). Every amount below assumes the measure is renewed unchanged.",
                article_en(VALIDITY_ARTICLE)
            ),
        ));
    }
    if self_sustaining_assumed && schedule.iter().any(|r| r.band == Band::Mature) {
        ex.warn(Note::new(
            "selfSustainingAssumed",
            format!("建设年限大于 {reduced_last_age} 年的年度按“未能达到自然生长条件”计算；如林分已能自然生长且生态系统趋于稳定，则不再补偿。"),
            format!("Years past age {reduced_last_age} assume the forest is not yet self-sustaining; a self-sustaining forest with a stable ecosystem receives no further compensation."),
        ));
    }
    if let Some((year, age)) = ended_at {
        ex.warn(Note::new(
            "compensationEnds",
            format!("{year} 年林分建设年限 {age} 年，已能自然生长且生态系统趋于稳定，不再进行养护补偿，补偿计划至此结束。"),
            format!("In {year} the stand is {age} years old and self-sustaining with a stable ecosystem: no further maintenance compensation, so the schedule ends there."),
        ));
    }
}
