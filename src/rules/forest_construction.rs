//! `forest-construction`: the one-time construction compensation (SPEC §1).
//!
//! 银川市社会力量投资建设生态公益林建设补偿办法（银政规发〔2022〕1号）.

use super::forest::{self, Articles, RatedAs, Stand, STAND_FIELDS};
use crate::date::{Date, Period};
use crate::explain::{text, Document, DocumentKind, Explanation, Note, Reason, Text};
use crate::input::{Checked, Fields};
use crate::json::Json;
use crate::money::{plain, round_yuan};
use crate::place::Payer;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::Serialize;

// ── Parameters ──────────────────────────────────────────────────────────────

/// 第十七条: 本办法自 2022 年 6 月 23 日起施行，有效期至 2027 年 6 月 22 日.
pub const DOCUMENT: Document = Document {
    title_zh: "银川市社会力量投资建设生态公益林建设补偿办法",
    title_en: "Yinchuan Measures on Construction Compensation for Ecological Public-Welfare Forests Built by Private Investment",
    number: "银政规发〔2022〕1号",
    in_force: Period { from: Date::ymd(2022, 6, 23), to: Some(Date::ymd(2027, 6, 22)) },
    validity_article: Some("第十七条"),
    kind: DocumentKind::Measures,
    predecessor: Some("《银川市社会力量投资建设生态公益林补偿暂行办法》（银政发〔2017〕197号）"),
};

/// 第九条: 按乔木林（或乔灌混交林）500 元 / 亩、灌木林 150 元 / 亩的标准给予一次性建设补偿.
pub const RATE_ARBOR_PER_MU: Decimal = dec!(500);
pub const RATE_SHRUB_PER_MU: Decimal = dec!(150);
pub const RATE_ARTICLE: &str = "第九条";

/// 第六条: 建设年限在 10 年以上的生态公益林总面积需在 500 亩及以上（含林区通道两侧）.
/// 以上 includes the number (SPEC §0; the same article writes "大于 3 年" where it
/// means strictly greater): the rule applies from age 10 (interpretation `minimumAreaAge`).
pub const MIN_AREA_FROM_AGE: i32 = 10;
pub const MIN_AREA_MU: Decimal = dec!(500);
pub const MIN_AREA_ARTICLE: &str = "第六条";

/// 第九条: 已享受过中央、自治区、市本级等财政相关造林补贴、项目补贴或通过各类政策性贷款建设的 … 不享受本办法建设补偿.
pub const PRIOR_FUNDING_ARTICLE: &str = "第九条";

const ARTICLES: Articles = Articles {
    mixed_definition: "第三条",
    joint_application: "第二条、第七条",
    land_rights: "第五条",
    technical_standards: "第五条",
    technical_requirement: text(
        "须符合《造林技术规程》（GB/T 15776—2016）、《森林抚育规程》（GB/T 15781—2015）、《生态公益林建设导则》（GB/T 18337.1—2001）及银川市相关规划。",
        "Must meet GB/T 15776-2016 (afforestation), GB/T 15781-2015 (forest tending), GB/T 18337.1-2001 (ecological public-welfare forest construction) and Yinchuan's plans.",
    ),
    compartment: "第六条",
    survival_retention: "第六条",
    documents: "第七条",
    approval_route: "第八条",
    payer: "第十条",
};

/// 第十二条 publicity; 第十四条 recovery of funds obtained by fraud.
const NOTES: &[(&str, &str, Text)] = &[
    (
        "publicity",
        "第十二条",
        text(
            "补偿资金确定后，将在自然资源行政主管部门（林草部门）网站或相关媒体公示，接受社会监督。",
            "Once fixed, the compensation is publicised on the natural resources (forestry) department's website or in the media.",
        ),
    ),
    (
        "fraudRecovery",
        "第十四条",
        text(
            "提供虚假数据、材料或以其他不正当手段骗取补偿资金的，一经发现即追回资金并依法追究责任。",
            "Compensation obtained with false data or materials or other improper means is recovered and those responsible are held liable.",
        ),
    ),
];

/// The request fields: the stand, plus 第九条's prior-funding exclusion.
pub const FIELDS: &[&[&str]] = &[STAND_FIELDS, &["priorPublicFunding"]];

// ── The result ──────────────────────────────────────────────────────────────

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Construction {
    pub eligible: bool,
    pub rated_as: RatedAs,
    pub rate_per_mu: Decimal,
    pub area_mu: Decimal,
    pub stand_age: i32,
    /// The amount if approved; shown also when a condition is unmet.
    pub amount: Decimal,
    pub payer: Payer,
    pub approval_route: Vec<Text>,
    pub documents: &'static [Text],
    pub notes: Vec<Reason>,
}

// ── The rules ───────────────────────────────────────────────────────────────

pub fn evaluate(input: &Json, today: Date) -> Checked<(Date, Construction, Explanation)> {
    let f = Fields::new(input, "", FIELDS)?;
    let as_of = f.date("asOf")?.unwrap_or(today);
    let stand = Stand::read(&f, as_of)?;
    let prior_public_funding = f.required("priorPublicFunding", f.boolean("priorPublicFunding")?)?;
    let age = stand.checked_age_in(&f, as_of.year(), None)?;

    let doc = &DOCUMENT;
    let mut ex = Explanation::default();
    doc.validity_warning(as_of, &mut ex);

    let rated_as = stand.rated_as(doc, &ARTICLES, &mut ex);
    stand.check_conditions(&f, age, rated_as, doc, &ARTICLES, &mut ex)?;
    check_minimum_area(&stand, age, &mut ex);
    ex.cite(doc, PRIOR_FUNDING_ARTICLE);
    if prior_public_funding {
        ex.unmet(
            doc,
            "priorFunding",
            PRIOR_FUNDING_ARTICLE,
            "已享受过中央、自治区、市本级等财政造林补贴、项目补贴或通过政策性贷款建设的生态公益林，不享受本办法建设补偿。".into(),
            "Forests already funded by central, autonomous-region or city afforestation or project subsidies, or built with policy loans, receive no construction compensation under this measure.".into(),
        );
    }

    let rate_per_mu = match rated_as {
        RatedAs::Arbor => RATE_ARBOR_PER_MU,
        RatedAs::Shrub => RATE_SHRUB_PER_MU,
    };
    ex.cite(doc, RATE_ARTICLE);
    let notes = forest::procedure(doc, &ARTICLES, NOTES, &mut ex);

    let result = Construction {
        eligible: ex.reasons.is_empty(),
        rated_as,
        rate_per_mu: plain(rate_per_mu),
        area_mu: stand.area_mu,
        stand_age: age,
        amount: round_yuan(rate_per_mu * stand.area_mu),
        payer: stand.location.payer(),
        approval_route: forest::approval_route(stand.location.payer()),
        documents: forest::DOCUMENTS,
        notes,
    };
    Ok((as_of, result, ex))
}

/// 第六条: from age 10 (以上 includes 10) → at least 500 mu in all (forest corridors included).
fn check_minimum_area(stand: &Stand, age: i32, ex: &mut Explanation) {
    let doc = &DOCUMENT;
    ex.cite(doc, MIN_AREA_ARTICLE);
    if age == MIN_AREA_FROM_AGE {
        ex.interpret(Note::new(
            "minimumAreaAge",
            format!(
                "第六条“建设年限在 {MIN_AREA_FROM_AGE} 年以上”的“以上”包括本数（同条另写“大于 3 年”表示不含本数）：建设年限满 {MIN_AREA_FROM_AGE} 年起，总面积须在 {MIN_AREA_MU} 亩及以上。"
            ),
            format!(
                "In Article 6, “建设年限在 {MIN_AREA_FROM_AGE} 年以上” includes {MIN_AREA_FROM_AGE} (以上 includes the number; the same article writes “大于 3 年” where it means strictly greater): from stand age {MIN_AREA_FROM_AGE} on, the forest must cover at least {MIN_AREA_MU} mu in all."
            ),
        ));
    }
    if age >= MIN_AREA_FROM_AGE && stand.area_mu < MIN_AREA_MU {
        ex.unmet(
            doc,
            "minimumArea",
            MIN_AREA_ARTICLE,
            format!(
                "建设年限在 {MIN_AREA_FROM_AGE} 年以上（含 {MIN_AREA_FROM_AGE} 年）的生态公益林总面积须在 {MIN_AREA_MU} 亩及以上（含林区通道两侧）；建设年限 {age} 年，面积 {} 亩。",
                stand.area_mu
            ),
            format!(
                "From stand age {MIN_AREA_FROM_AGE} (included) a forest must cover at least {MIN_AREA_MU} mu in all (forest corridors included); this one is {age} years old and covers {} mu.",
                stand.area_mu
            ),
        );
    }
}
