//! `forest-construction`: the one-time construction compensation (docs/rulebook.md §1).
//!
//! 银川市社会力量投资建设生态公益林建设补偿办法（银政规发〔2022〕1号）.

use super::forest::{self, Articles, RatedAs, Stand, StandRules, StandValues, STAND_FIELD_COUNT};
use crate::date::{Date, Period};
use crate::explain::{article_en, codes_only, text, Document, DocumentKind, Explanation, Note, Reason, Text};
use crate::input::{Checked, Fields};
use crate::json::Json;
use crate::money::{grouped, plain, round_yuan};
use crate::param::{Dated, Described, Parameter};
use crate::place::Payer;
use crate::schema::{field, FieldSpec, Figure, Kind};
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

const P2022: Period = DOCUMENT.in_force;

/// 第九条: 按乔木林（或乔灌混交林）500 元 / 亩、灌木林 150 元 / 亩的标准给予一次性建设补偿.
pub const RATE_ARBOR_PER_MU: Parameter<Decimal> = Parameter::new(
    (ID, "rateArborPerMu"),
    &DOCUMENT,
    RATE_ARTICLE,
    &["按乔木林（或乔灌混交林）500 元 / 亩"],
    &[Dated::over(P2022, dec!(500))],
);
pub const RATE_SHRUB_PER_MU: Parameter<Decimal> = Parameter::new(
    (ID, "rateShrubPerMu"),
    &DOCUMENT,
    RATE_ARTICLE,
    &["灌木林 150 元 / 亩"],
    &[Dated::over(P2022, dec!(150))],
);
pub const RATE_ARTICLE: &str = "第九条";

/// 第六条: 建设年限在 10 年以上的生态公益林总面积需在 500 亩及以上（含林区通道两侧）.
/// 以上 includes the number (docs/rulebook.md §0; the same article writes "大于 3 年"
/// where it means strictly greater): the rule applies from age 10 (interpretation `minimumAreaAge`).
pub const MIN_AREA_FROM_AGE: Parameter<i32> = Parameter::new(
    (ID, "minimumAreaFromAge"),
    &DOCUMENT,
    MIN_AREA_ARTICLE,
    &["建设年限在 10 年以上的生态公益林总面积需在 500 亩及以上"],
    &[Dated::over(P2022, 10)],
);
pub const MIN_AREA_MU: Parameter<Decimal> = Parameter::new(
    (ID, "minimumAreaMu"),
    &DOCUMENT,
    MIN_AREA_ARTICLE,
    &["建设年限在 10 年以上的生态公益林总面积需在 500 亩及以上（含林区通道两侧）"],
    &[Dated::over(P2022, dec!(500))],
);
pub const MIN_AREA_ARTICLE: &str = "第六条";

/// The figures a form shows beside the fields, on `on`.
pub fn figures(on: Date) -> Vec<Figure> {
    let mut all = vec![
        Figure::new(
            "rateArborPerMu",
            RATE_ARBOR_PER_MU.at(on),
            text("乔木林（乔灌混交林）补偿标准", "Rate for arbor (and mixed) forest"),
            RATE_ARTICLE,
        )
        .unit("元/亩", "yuan/mu"),
        Figure::new(
            "rateShrubPerMu",
            RATE_SHRUB_PER_MU.at(on),
            text("灌木林补偿标准", "Rate for shrub forest"),
            RATE_ARTICLE,
        )
        .unit("元/亩", "yuan/mu"),
        Figure::new(
            "minimumAreaFromAge",
            Decimal::from(MIN_AREA_FROM_AGE.at(on)),
            text("须达最小面积的建设年限", "Stand age from which the smallest area applies"),
            MIN_AREA_ARTICLE,
        )
        .unit("年", "years"),
        Figure::new("minimumAreaMu", MIN_AREA_MU.at(on), text("最小总面积", "Smallest total area"), MIN_AREA_ARTICLE)
            .unit("亩", "mu"),
    ];
    all.extend(STAND_RULES.figures(on, &ARTICLES));
    all
}

/// Every parameter of this measure (tests/parameters.rs checks their words).
pub fn parameters() -> Vec<&'static dyn Described> {
    let mut all: Vec<&'static dyn Described> =
        vec![&RATE_ARBOR_PER_MU, &RATE_SHRUB_PER_MU, &MIN_AREA_FROM_AGE, &MIN_AREA_MU];
    all.extend(STAND_RULES.parameters());
    all
}

const ID: &str = "forest-construction";

/// 第九条: 已享受过中央、自治区、市本级等财政相关造林补贴、项目补贴或通过各类政策性贷款建设的 … 不享受本办法建设补偿.
pub const PRIOR_FUNDING_ARTICLE: &str = "第九条";

/// 第三条、第六条: the stand's thresholds (the same words in both forest measures).
const STAND_VALUES: StandValues = forest::stand_values_2022(DOCUMENT.in_force);
pub const STAND_RULES: StandRules =
    forest::stand_rules("forest-construction", &DOCUMENT, "第三条", "第六条", &STAND_VALUES);

const ARTICLES: Articles = Articles {
    document: &DOCUMENT,
    mixed_definition: "第三条",
    joint_application: "第二条、第七条",
    land_rights: "第五条",
    technical_standards: "第五条",
    technical_requirement: text(
        "须符合《造林技术规程》（GB/T 15776—2016）、《森林抚育规程》（GB/T 15781—2015）、《生态公益林建设导则》（GB/T 18337.1—2001）及银川市相关规划。",
        "Must meet GB/T 15776-2016 (afforestation), GB/T 15781-2015 (forest tending), GB/T 18337.1-2001 (ecological public-welfare forest construction) and Yinchuan's plans.",
    ),
    compartment: "第六条",
    rules: &STAND_RULES,
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

/// The request fields (the catalog's schema): the stand, plus 第九条's prior-funding exclusion.
pub const FIELDS: [FieldSpec; STAND_FIELD_COUNT + 1] = {
    let stand = forest::stand_fields(&ARTICLES);
    let mut all = [stand[0]; STAND_FIELD_COUNT + 1];
    let mut i = 0;
    while i < STAND_FIELD_COUNT {
        all[i] = stand[i];
        i += 1;
    }
    all[STAND_FIELD_COUNT] = field(
        "priorPublicFunding",
        Kind::Boolean,
        "已享受过中央、自治区、市本级财政造林补贴、项目补贴，或通过政策性贷款建设",
        "Already funded by central, regional or city afforestation or project subsidies, or built with policy loans",
    )
    .required()
    .article(PRIOR_FUNDING_ARTICLE);
    all
};
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
    #[serde(skip_serializing_if = "codes_only")]
    pub approval_route: Vec<Text>,
    #[serde(skip_serializing_if = "codes_only")]
    pub documents: &'static [Text],
    pub notes: Vec<Reason>,
}

// ── The rules ───────────────────────────────────────────────────────────────

pub fn evaluate(input: &Json, today: Date) -> Checked<(Date, Construction, Explanation)> {
    let f = Fields::new(input, "", &FIELDS)?;
    let as_of = f.date("asOf")?.unwrap_or(today);
    let stand = Stand::read(&f, as_of)?;
    let prior_public_funding = f.required("priorPublicFunding", f.boolean("priorPublicFunding")?)?;
    let age = stand.checked_age_in(&f, as_of.year(), None)?;

    let doc = &DOCUMENT;
    let mut ex = Explanation::default();
    doc.validity_warning(as_of, &mut ex);

    let rated_as = stand.rated_as(&ARTICLES, as_of, &mut ex);
    stand.check_conditions(&f, age, rated_as, &ARTICLES, as_of, &mut ex)?;
    check_minimum_area(&stand, age, as_of, &mut ex);
    ex.cite(doc, PRIOR_FUNDING_ARTICLE);
    if prior_public_funding {
        ex.unmet(
            doc,
            "priorFunding",
            PRIOR_FUNDING_ARTICLE,
            "已享受过中央、自治区、市本级等财政造林补贴、项目补贴或通过政策性贷款建设的生态公益林，不享受本办法建设补偿。",
            "Forests already funded by central, autonomous-region or city afforestation or project subsidies, or built with policy loans, receive no construction compensation under this measure.",
        );
    }

    let rate_per_mu = match rated_as {
        RatedAs::Arbor => RATE_ARBOR_PER_MU.at(as_of),
        RatedAs::Shrub => RATE_SHRUB_PER_MU.at(as_of),
    };
    ex.cite(doc, RATE_ARTICLE);
    // 第九条: rate × area, rounded once (docs/rulebook.md §0).
    let exact = rate_per_mu * stand.area_mu;
    let amount = round_yuan(exact);
    ex.step(RATE_ARTICLE, Some(amount), || {
        let (name_zh, name_en) = rated_as.name();
        let (rate, area) = (grouped(plain(rate_per_mu)), grouped(plain(stand.area_mu)));
        let (line_zh, line_en) = forest::money_line(exact, amount);
        (
            format!("{RATE_ARTICLE} {name_zh} {rate} 元/亩 × {area} 亩 = {line_zh}"),
            format!("{} {name_en} {rate} yuan/mu × {area} mu = {line_en}", article_en(RATE_ARTICLE)),
        )
    });
    let notes = forest::procedure(doc, &ARTICLES, NOTES, &mut ex);

    let result = Construction {
        eligible: ex.reasons.is_empty(),
        rated_as,
        rate_per_mu: plain(rate_per_mu),
        area_mu: stand.area_mu,
        stand_age: age,
        amount,
        payer: stand.location.payer(),
        approval_route: forest::approval_route(stand.location.payer()),
        documents: forest::DOCUMENTS,
        notes,
    };
    Ok((as_of, result, ex))
}

/// 第六条: from age 10 (以上 includes 10) → at least 500 mu in all (forest corridors included).
fn check_minimum_area(stand: &Stand, age: i32, on: Date, ex: &mut Explanation) {
    let doc = &DOCUMENT;
    let (from_age, min_mu) = (MIN_AREA_FROM_AGE.at(on), MIN_AREA_MU.at(on));
    ex.cite(doc, MIN_AREA_ARTICLE);
    if age == from_age {
        ex.interpret(Note::new(
            "minimumAreaAge",
            format!(
                "第六条“建设年限在 {from_age} 年以上”的“以上”包括本数（同条另写“大于 3 年”表示不含本数）：建设年限满 {from_age} 年起，总面积须在 {min_mu} 亩及以上。"
            ),
            format!(
                "In Article 6, “建设年限在 {from_age} 年以上” includes {from_age} (以上 includes the number; the same article writes “大于 3 年” where it means strictly greater): from stand age {from_age} on, the forest must cover at least {min_mu} mu in all."
            ),
        ));
    }
    if age >= from_age && stand.area_mu < min_mu {
        ex.unmet(
            doc,
            "minimumArea",
            MIN_AREA_ARTICLE,
            format!(
                "建设年限在 {from_age} 年以上（含 {from_age} 年）的生态公益林总面积须在 {min_mu} 亩及以上（含林区通道两侧）；建设年限 {age} 年，面积 {} 亩。",
                stand.area_mu
            ),
            format!(
                "From stand age {from_age} (included) a forest must cover at least {min_mu} mu in all (forest corridors included); this one is {age} years old and covers {} mu.",
                stand.area_mu
            ),
        );
    }
}
