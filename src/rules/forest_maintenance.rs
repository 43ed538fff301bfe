//! `forest-maintenance`: the yearly maintenance compensation (SPEC §2).
//!
//! 银川市生态公益林养护管理补偿办法（银政规发〔2022〕1号）.

use super::forest::{self, Articles, RatedAs, Stand, STAND_FIELDS};
use crate::date::{Date, Period};
use crate::explain::{article_en, text, Document, DocumentKind, Explanation, Note, Reason, Text};
use crate::input::{Checked, Fields};
use crate::json::Json;
use crate::money::{plain, round_yuan, total};
use crate::place::{Location, Payer};
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

/// One row of 第十条's rates, in 元/亩/年.
pub struct RateRow {
    pub zone: Zone,
    pub rated_as: RatedAs,
    pub clause: &'static str,
    /// 建设年限在 10 年（含）以内.
    pub base: Decimal,
    /// 建设年限在 16 年至 20 年（含）; and 大于 20 年、未能达到自然生长条件.
    pub later: Decimal,
}

/// 第十条: the rate table.
pub const RATES: [RateRow; 4] = [
    // （一）1. 乔木林（乔灌混交林）… 10 年（含）以内 400 元/亩/年 … 16 年至 20 年（含）100 元/亩/年 … 大于 20 年，未能达到自然生长条件 100 元/亩/年
    RateRow {
        zone: Zone::Sandy, rated_as: RatedAs::Arbor, clause: "第十条（一）1", base: dec!(400), later: dec!(100)
    },
    // （一）2. 灌木林 … 10 年及以内 130 元/亩/年 … 16 至 20 年（含）20 元/亩/年 … 大于 20 年 … 20 元/亩/年
    RateRow {
        zone: Zone::Sandy, rated_as: RatedAs::Shrub, clause: "第十条（一）2", base: dec!(130), later: dec!(20)
    },
    // （二）1. 乔木林（乔灌混交林）… 10 年（含）以内 240 元/亩/年 … 16 年至 20 年（含）70 元/亩/年 … 大于 20 年 … 70 元/亩/年
    RateRow {
        zone: Zone::Oasis, rated_as: RatedAs::Arbor, clause: "第十条（二）1", base: dec!(240), later: dec!(70)
    },
    // （二）2. 灌木林 … 10 年及以内 100 元/亩/年 … 16 至 20 年（含）15 元/亩/年 … 大于 20 年 … 15 元/亩/年
    RateRow {
        zone: Zone::Oasis, rated_as: RatedAs::Shrub, clause: "第十条（二）2", base: dec!(100), later: dec!(15)
    },
];

/// 第十条: 建设年限在 10 年（含）以内 → base rate.
pub const BASE_LAST_AGE: i32 = 10;
/// 第十条: 建设年限在 11 年至 15 年（含）的 … 养护资金逐年递减 20% (compound, interpretation `compoundDecline`).
pub const DECLINE_LAST_AGE: i32 = 15;
pub const YEARLY_DECLINE_FACTOR: Decimal = dec!(0.8);
/// 第十条: 建设年限在 16 年至 20 年（含）→ the later rate; 大于 20 年 → the later rate, or none when self-sustaining.
pub const REDUCED_LAST_AGE: i32 = 20;

/// 第六条: 每年 6 月底前 … 申请下一年度养护补偿资金 … 自 … 提出申请之日的下一年度开始计算，不进行追溯补偿.
pub const DEADLINE_MONTH: u8 = 6;
pub const DEADLINE_DAY: u8 = 30;
pub const TIMING_ARTICLE: &str = "第六条";

/// The schedule's length: default and range (SPEC §2).
pub const DEFAULT_HORIZON_YEARS: i64 = 10;
pub const MAX_HORIZON_YEARS: i64 = 50;

const ARTICLES: Articles = Articles {
    mixed_definition: "第二条",
    joint_application: "第五条",
    land_rights: "第四条",
    technical_standards: "第四条",
    technical_requirement: text(
        "种植密度、树种、规格等须符合造林作业设计要求，并符合《造林技术规程》（GB/T 15776—2016）、《森林抚育规程》（GB/T 15781—2015）、《生态公益林建设导则》（GB/T 18337.1—2001）。",
        "Planting density, species and specification must follow the afforestation design, and the forest must meet GB/T 15776-2016, GB/T 15781-2015 and GB/T 18337.1-2001.",
    ),
    compartment: "第四条",
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

/// The request fields: the stand, plus zone, self-sustaining, timing and horizon.
pub const FIELDS: &[&[&str]] =
    &[STAND_FIELDS, &["zone", "selfSustaining", "applicationDate", "horizonYears", "cityDirectedTask"]];

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
    pub approval_route: Vec<Text>,
    pub documents: &'static [Text],
    pub notes: Vec<Reason>,
}

// ── The rules ───────────────────────────────────────────────────────────────

/// 第十条: the rate per mu per year for one age.
pub fn rate(row: &RateRow, age: i32, self_sustaining: bool) -> (Band, Decimal) {
    if age <= BASE_LAST_AGE {
        (Band::Base, row.base)
    } else if age <= DECLINE_LAST_AGE {
        // Each year 20% below the year before: base × 0.8^(age − 10).
        let declined = (BASE_LAST_AGE..age).fold(row.base, |r, _| r * YEARLY_DECLINE_FACTOR);
        (Band::Declining, declined)
    } else if age <= REDUCED_LAST_AGE {
        (Band::Reduced, row.later)
    } else if self_sustaining {
        (Band::SelfSustaining, Decimal::ZERO)
    } else {
        (Band::Mature, row.later)
    }
}

pub fn rate_row(zone: Zone, rated_as: RatedAs) -> &'static RateRow {
    match (zone, rated_as) {
        (Zone::Sandy, RatedAs::Arbor) => &RATES[0],
        (Zone::Sandy, RatedAs::Shrub) => &RATES[1],
        (Zone::Oasis, RatedAs::Arbor) => &RATES[2],
        (Zone::Oasis, RatedAs::Shrub) => &RATES[3],
    }
}

/// 第六条: on or before 30 June → funded from next year; later → the year after.
pub fn first_funded_year(application: Date) -> i32 {
    if (application.month(), application.day()) <= (DEADLINE_MONTH, DEADLINE_DAY) {
        application.year() + 1
    } else {
        application.year() + 2
    }
}

pub fn evaluate(input: &Json, today: Date) -> Checked<(Date, Maintenance, Explanation)> {
    let f = Fields::new(input, "", FIELDS)?;
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

    let rated_as = stand.rated_as(doc, &ARTICLES, &mut ex);
    stand.check_conditions(&f, age, rated_as, doc, &ARTICLES, &mut ex)?;

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

    // The schedule (第十条).
    let row = rate_row(zone, rated_as);
    ex.cite(doc, row.clause);
    // Funded years after the year the measure ends in are beyond validity (SPEC §2).
    let last_valid_year = DOCUMENT_END.year();
    let mut schedule = Vec::new();
    let mut ended_at = None;
    for year in first_year..first_year + horizon {
        let age = stand.age_in(year);
        let (band, rate_per_mu) = rate(row, age, self_sustaining);
        if rate_per_mu.is_zero() {
            ended_at = Some((year, age));
            break;
        }
        schedule.push(ScheduleRow {
            year,
            age,
            band,
            rate_per_mu: plain(rate_per_mu),
            amount: round_yuan(rate_per_mu * stand.area_mu),
            beyond_validity: year > last_valid_year,
        });
    }
    explain_schedule(&schedule, ended_at, self_sustaining_given.is_none(), first_year, &mut ex);
    if let (true, Some((year, age))) = (schedule.is_empty(), ended_at) {
        ex.unmet(
            doc,
            "selfSustaining",
            row.clause,
            format!("{year} 年建设年限 {age} 年：大于 {REDUCED_LAST_AGE} 年且能够自然生长、生态系统趋于稳定的生态公益林不再进行养护补偿。"),
            format!("In {year} the stand is {age} years old: a forest over {REDUCED_LAST_AGE} years old that is self-sustaining with a stable ecosystem receives no further maintenance compensation."),
        );
    }

    let payer = payer(stand.location, city_directed_task, &mut ex);
    let mut notes = forest::procedure(doc, &ARTICLES, NOTES, &mut ex);
    notes.insert(1, responsibility_agreement(stand.location, &mut ex));
    let within: Vec<Decimal> = schedule.iter().filter(|r| !r.beyond_validity).map(|r| r.amount).collect();

    let result = Maintenance {
        eligible: ex.reasons.is_empty(),
        rated_as,
        zone,
        area_mu: stand.area_mu,
        application_date,
        stand_age: age,
        first_funded_year: first_year,
        total: total(schedule.iter().map(|r| r.amount)),
        years_within_validity: within.len(),
        total_within_validity: total(within),
        schedule,
        city_directed_task,
        payer,
        approval_route: forest::approval_route(payer),
        documents: forest::DOCUMENTS,
        notes,
    };
    Ok((as_of, result, ex))
}

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
    let (dept_zh, dept_en) = if location.is_city_district() {
        (
            format!("{zh}自然资源行政主管部门（林草部门）"),
            format!("the {en} district natural resources (forestry) department"),
        )
    } else {
        (
            format!("{zh}自然资源行政主管部门（林草部门）"),
            format!("the {en} county natural resources (forestry) department"),
        )
    };
    Reason {
        code: "responsibilityAgreement",
        article: AGREEMENT_ARTICLE,
        message_zh: format!("{dept_zh}将按界定的范围与面积，与所有者或经营者签订生态公益林养护管理责任书。"),
        message_en: format!(
            "{} signs a maintenance responsibility agreement with the owner or operator for the defined area.",
            capitalise(&dept_en)
        ),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |first| first.to_uppercase().chain(c).collect())
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
            format!("建设年限大于 {REDUCED_LAST_AGE} 年的年度按“未能达到自然生长条件”计算；如林分已能自然生长且生态系统趋于稳定，则不再补偿。"),
            format!("Years past age {REDUCED_LAST_AGE} assume the forest is not yet self-sustaining; a self-sustaining forest with a stable ecosystem receives no further compensation."),
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
