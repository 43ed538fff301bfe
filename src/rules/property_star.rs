//! `property-star`: the star rating of a residential estate's property service (docs/rulebook.md §3).
//!
//! 银川市住宅小区物业服务质量星级化评定实施办法（试行）（银住建规发〔2022〕2号）.

use crate::date::{Date, Period};
use crate::explain::{
    article_en, codes_only, percent, text, texts, Document, DocumentKind, Explanation, Message, Note, Reason, Step,
    Text,
};
use crate::input::MAX_DECIMAL_PLACES;
use crate::input::{lower_first, Checked, Fields};
use crate::json::Json;
use crate::money::plain;
use crate::param::{Dated, Described, Parameter};
use crate::place::{Location, LOCATIONS, LOCATION_CHOICES};
use crate::schema::{choice, field, Bound, Choice, FieldSpec, Figure, Kind};
use rust_decimal::{Decimal, RoundingStrategy};
use rust_decimal_macros::dec;
use serde::Serialize;

// ── Parameters ──────────────────────────────────────────────────────────────

/// 第二十七条: 本办法自 2022 年 6 月 1 日起施行，有效期至 2025 年 12 月 31 日.
pub const DOCUMENT: Document = Document {
    title_zh: "银川市住宅小区物业服务质量星级化评定实施办法（试行）",
    title_en: "Yinchuan Measures for the Star Rating of Property Service Quality in Residential Estates (Trial)",
    number: "银住建规发〔2022〕2号",
    in_force: Period { from: Date::ymd(2022, 6, 1), to: Some(Date::ymd(2025, 12, 31)) },
    validity_article: Some("第二十七条"),
    kind: DocumentKind::Measures,
    predecessor: None,
};

#[derive(Debug, Clone, Copy)]
pub struct Category {
    pub key: &'static str,
    pub name: Text,
    /// The name in the steps' formulas: 合同履行, 满意度 ….
    pub short: Text,
    pub max: Decimal,
}

/// 第十一条: 物业服务合同履行情况评价 … 50 分；业主对物业服务工作的满意度 30 分；融入基层治理、党建引领红色物业开展情况，
/// 执行文明城市、卫生城市建设及生活垃圾分类等市委、市政府重大决策部署 20 分；各级检查反馈问题的整改情况 10 分（总分共 110 分）.
const CATEGORIES_2022: [Category; 4] = [
    Category {
        key: "contract",
        name: text("物业服务合同履行情况", "Performance of the service contract"),
        short: text("合同履行", "Contract"),
        max: dec!(50),
    },
    Category {
        key: "satisfaction",
        name: text("业主满意度", "Owners' satisfaction"),
        short: text("满意度", "Satisfaction"),
        max: dec!(30),
    },
    Category {
        key: "governance",
        name: text(
            "融入基层治理、红色物业及重大决策部署执行",
            "Community governance, Party-led service, major city campaigns",
        ),
        short: text("基层治理", "Governance"),
        max: dec!(20),
    },
    Category {
        key: "rectification",
        name: text("检查反馈问题整改情况", "Rectification of problems found in inspections"),
        short: text("整改", "Rectification"),
        max: dec!(10),
    },
];
pub const SCORES_ARTICLE: &str = "第十一条";
/// docs/rulebook.md §3: scores have at most 2 decimal places.
pub const SCORE_DECIMAL_PLACES: u32 = 2;

/// 第十一条: 基础管理、公开公示、环境卫生管理、秩序维护管理、绿化管理、共用设施设备维护、装修管理、加分项目.
/// Their per-item maxima are in the official scoring sheet, not published with the text: only the sum (≤ 50) is checked.
pub const CONTRACT_ITEMS: [(&str, Text); 8] = [
    ("basicManagement", text("基础管理", "Basic management")),
    ("publicDisclosure", text("公开公示", "Public disclosure")),
    ("sanitation", text("环境卫生管理", "Sanitation")),
    ("orderMaintenance", text("秩序维护管理", "Order and security")),
    ("greening", text("绿化管理", "Greening")),
    ("sharedFacilities", text("共用设施设备维护", "Shared facilities and equipment")),
    ("renovation", text("装修管理", "Renovation management")),
    ("bonus", text("加分项目", "Bonus items")),
];

#[derive(Debug, Clone, Copy)]
pub struct Band {
    pub stars: u8,
    pub min_total: Decimal,
    /// Every category at least this share of its maximum.
    pub min_share: Option<Decimal>,
    pub label: Text,
}

/// 第十一条: 95.0 分及以上，且各单项得分均在该项分值 85% 以上的为五星级；90.0（含）— 95.0 分，且各单项得分均在该项分值
/// 70% 以上的为四星级；85.0（含）— 90.0 分的为三星级；80.0（含）— 85.0 分的为二星级；70.0（含）— 80.0 分的为一星级；
/// 70.0 分以下的为物业服务质量不达标.
const BANDS_2022: [Band; 5] = [
    Band { stars: 5, min_total: dec!(95.0), min_share: Some(dec!(0.85)), label: text("五星级", "5 stars") },
    Band { stars: 4, min_total: dec!(90.0), min_share: Some(dec!(0.70)), label: text("四星级", "4 stars") },
    Band { stars: 3, min_total: dec!(85.0), min_share: None, label: text("三星级", "3 stars") },
    Band { stars: 2, min_total: dec!(80.0), min_share: None, label: text("二星级", "2 stars") },
    Band { stars: 1, min_total: dec!(70.0), min_share: None, label: text("一星级", "1 star") },
];
pub const BELOW_STANDARD: Text = text("不达标", "Not up to standard");

const ID: &str = "property-star";
const P2022: Period = DOCUMENT.in_force;

/// 第十一条: the four categories and their maxima (总分共 110 分).
pub const CATEGORIES: Parameter<[Category; 4]> = Parameter::new(
    (ID, "categories"),
    &DOCUMENT,
    SCORES_ARTICLE,
    &[
        "装修管理、加分项目等）50 分",
        "业主对物业服务工作的满意度 30 分",
        "市委、市政府重大决策部署 20分",
        "各级检查反馈问题的整改情况 10 分",
        "（总分共 110 分）",
    ],
    &[Dated::over(P2022, CATEGORIES_2022)],
);

/// 第十一条: the star bands, highest first.
pub const BANDS: Parameter<[Band; 5]> = Parameter::new(
    (ID, "bands"),
    &DOCUMENT,
    SCORES_ARTICLE,
    &[
        "考评总得分在 95.0 分及以上，且各单项得分均在该项分值 85% 以上的为五星级",
        "总得分在 90.0（含）— 95.0 分，且各单项得分均在该项分值 70% 以上的为四星级",
        "85.0（含）— 90.0 分的为三星级",
        "80.0（含）— 85.0分的为二星级",
        "70.0（含）— 80.0 分的为一星级",
        "70.0 分以下的为物业服务质量不达标",
    ],
    &[Dated::over(P2022, BANDS_2022)],
);

/// The scoring scale on one date: categories and bands.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub categories: [Category; 4],
    pub bands: [Band; 5],
}

impl Scale {
    pub fn at(date: Date) -> Scale {
        Scale { categories: CATEGORIES.at(date), bands: BANDS.at(date) }
    }

    /// The band of `stars`, if any (0 = 不达标 has none).
    pub fn band(&self, stars: u8) -> Option<&Band> {
        self.bands.iter().find(|b| b.stars == stars)
    }

    /// 第十一条: 70.0 分以下的为物业服务质量不达标 — the lowest band's floor.
    pub fn min_total_for_stars(&self) -> Decimal {
        self.bands.iter().map(|b| b.min_total).min().unwrap_or(Decimal::ZERO)
    }

    pub fn label(&self, stars: u8) -> Text {
        self.band(stars).map_or(BELOW_STANDARD, |b| b.label)
    }
}
/// 第二十六条: 灵武市、贺兰县、永宁县可结合实际，参照执行.
pub const COUNTY_REFERENCE_ARTICLE: &str = "第二十六条";

/// 第十六条: any one of these makes the project 不达标 whatever its score.
pub const DISQUALIFIERS: [(&str, &str, Text); 8] = [
    (
        "safetyAccident",
        "第十六条第1项",
        text(
            "截止申报前一年内，因物业服务企业原因发生一般及以上安全生产责任事故",
            "A general or more serious work-safety accident caused by the company in the year before the deadline",
        ),
    ),
    (
        "groupPetition",
        "第十六条第1项",
        text("因物业服务管理不善引发业主群体上访事件", "A group petition by owners caused by poor management"),
    ),
    (
        "majorDecisionFailure",
        "第十六条第1项",
        text(
            "在文明城市、卫生城市建设等重大决策部署中严重失误影响考评结果",
            "A serious failure in the civilised-city / hygienic-city campaigns that affected the appraisal",
        ),
    ),
    (
        "blacklisted",
        "第十六条第2项",
        text("申报项目已导致物业服务企业列入行业“黑名单”", "The project has put the company on the industry blacklist"),
    ),
    (
        "noIntegrityRecord",
        "第十六条第3项",
        text("未签订诚信经营信用承诺，未建立信用信息档案", "No integrity commitment signed and no credit file set up"),
    ),
    ("falseMaterials", "第十六条第4项", text("申报材料弄虚作假", "False application materials")),
    (
        "privacyBreach",
        "第十六条第5项",
        text(
            "工作人员出售或者非法提供业主、物业使用人的个人信息，经查证属实",
            "Staff sold or illegally provided owners' or occupants' personal information",
        ),
    ),
    (
        "otherSerious",
        "第十六条第6项",
        text(
            "其他严重影响物业服务品质、损害行业形象及业主权益的情形",
            "Other serious harm to service quality, the industry's image or owners' rights",
        ),
    ),
];

/// 第八条第1项: 申报项目有合同约定，且服务满一年以上; 第五条: 服务满一年.
pub const MIN_SERVICE_MONTHS: Parameter<i64> = Parameter::new(
    (ID, "minServiceMonths"),
    &DOCUMENT,
    "第八条",
    &["申报项目有合同约定，且服务满一年以上的"],
    &[Dated::over(P2022, 12)],
);
/// 第五条: 新交付、新更换物业服务企业的住宅小区 … 业主入住率达到 50%以上.
pub const MIN_OCCUPANCY_RATE: Parameter<Decimal> = Parameter::new(
    (ID, "minOccupancyRate"),
    &DOCUMENT,
    "第五条",
    &["业主入住率达到 50%以上"],
    &[Dated::over(P2022, dec!(0.5))],
);

/// 第二十三条: 四星级加 3 分，五星级加 4 分；一星级减 4 分，二星级减 3 分.
/// (stars, points); 3★ gets none.
pub const CREDIT_POINTS: Parameter<[(u8, i32); 5]> = Parameter::new(
    (ID, "creditPoints"),
    &DOCUMENT,
    CREDIT_ARTICLE,
    &["四星级加 3 分，五星级加 4 分", "一星级减 4 分，二星级减 3 分"],
    &[Dated::over(P2022, [(5, 4), (4, 3), (3, 0), (2, -3), (1, -4)])],
);

/// The figures a form shows beside the fields, on `on`: each band's total and share,
/// the credit points and the conditions to apply (the category maxima are the fields' own).
pub fn figures(on: Date) -> Vec<Figure> {
    let sc = Scale::at(on);
    let mut all = Vec::new();
    for b in &sc.bands {
        let (total_key, share_key, credit_key) = match b.stars {
            5 => ("band5MinTotal", "band5MinShare", "creditPoints5"),
            4 => ("band4MinTotal", "band4MinShare", "creditPoints4"),
            3 => ("band3MinTotal", "band3MinShare", "creditPoints3"),
            2 => ("band2MinTotal", "band2MinShare", "creditPoints2"),
            _ => ("band1MinTotal", "band1MinShare", "creditPoints1"),
        };
        all.push(Figure::new(total_key, b.min_total, b.label, SCORES_ARTICLE).unit("分", "points"));
        if let Some(share) = b.min_share {
            all.push(Figure::new(share_key, share, b.label, SCORES_ARTICLE).percent());
        }
        if let Some((_, points)) = CREDIT_POINTS.at(on).iter().find(|(s, _)| *s == b.stars) {
            all.push(Figure::new(credit_key, Decimal::from(*points), b.label, CREDIT_ARTICLE).unit("分", "points"));
        }
    }
    all.push(
        Figure::new("maxTotal", sc.categories.iter().map(|c| c.max).sum(), text("总分", "Total"), SCORES_ARTICLE)
            .unit("分", "points"),
    );
    all.push(
        Figure::new(
            "minServiceMonths",
            Decimal::from(MIN_SERVICE_MONTHS.at(on)),
            text("申报须服务满", "Months of service to apply"),
            "第八条",
        )
        .unit("个月", "months"),
    );
    all.push(
        Figure::new(
            "minOccupancyRate",
            MIN_OCCUPANCY_RATE.at(on),
            text("新交付小区申报须达到的入住率", "Occupancy a new estate needs to apply"),
            "第五条",
        )
        .percent(),
    );
    all
}

/// Every parameter of this measure (tests/parameters.rs checks their words).
pub fn parameters() -> Vec<&'static dyn Described> {
    vec![&CATEGORIES, &BANDS, &MIN_SERVICE_MONTHS, &MIN_OCCUPANCY_RATE, &CREDIT_POINTS]
}
/// 第四条、第十三条: 四星级、五星级由辖区物业主管部门复评认定；一至三星级由街道办事处（乡镇人民政府）评定.
pub const DISTRICT_RATES_FROM: u8 = 4;
pub const RATED_BY_ARTICLE: &str = "第十三条";
pub const CREDIT_ARTICLE: &str = "第二十三条";
/// 第二十五条: 二星级及以下 → 增加巡查检查频次；不达标或连续两次二星级及以下 → 提醒函.
pub const CLOSER_WATCH_UP_TO: u8 = 2;
/// 第二十四条: 四星级、五星级优先推荐评优；五星级时效届满复检仍达五星级的直接评定授牌.
pub const PRIORITY_FROM: u8 = 4;

/// The request fields (the catalog's schema).
pub const FIELDS: &[FieldSpec] = &[
    field("asOf", Kind::Date, "估算日期", "Estimate date")
        .hint("不填为今天。有效期以外的日期仍按最后有效的规则估算，并予提示。", "Today unless given. A date outside the period of validity is estimated under the last rules in force, with a warning.")
        .article("第二十七条"),
    field("location", Kind::Enum, "小区所在县（市）区", "County or district of the estate")
        .options(LOCATION_CHOICES)
        .hint("灵武市、贺兰县、永宁县可结合实际参照执行。", "Lingwu, Helan and Yongning may adapt the measure.")
        .article(COUNTY_REFERENCE_ARTICLE),
    field("scores", Kind::Object, "四项得分", "The four scores").required().fields(SCORE_FIELDS).article(SCORES_ARTICLE),
    field("contractItems", Kind::Object, "合同履行情况的八个分项", "The eight sub-items of the contract score")
        .fields(&CONTRACT_ITEM_FIELDS)
        .hint("填写分项时，八项之和即合同履行情况得分（不超过 50），不再另填该项得分。", "With the sub-items, their sum is the contract score (at most 50); the score itself is then not given.")
        .article(SCORES_ARTICLE),
    field("disqualifiers", Kind::Codes, "不达标情形", "Disqualifying situations")
        .options(&DISQUALIFIER_CHOICES)
        .hint("存在任一情形，无论得分多少均为不达标。", "Any one makes the project not up to standard whatever its score.")
        .article("第十六条"),
    field("hasContract", Kind::Boolean, "申报项目有物业服务合同约定", "The project has a service contract").article("第八条"),
    field("serviceMonths", Kind::Integer, "已服务月数", "Months served")
        .unit("个月", "months")
        .range(Bound::Fixed(Decimal::ZERO), Bound::Fixed(Decimal::from_parts(MAX_SERVICE_MONTHS as u32, 0, 0, false, 0)))
        .article("第八条"),
    field("platformRegistered", Kind::Boolean, "已在物业行业监管平台完成信用建档、小区信息登记并公示服务事项", "Registered on the supervision platform, with services publicised")
        .article("第八条"),
    field("newlyDelivered", Kind::Boolean, "新交付或新更换物业服务企业的小区", "Newly delivered estate, or newly changed company").article("第五条"),
    field("occupancyRate", Kind::Decimal, "业主入住率", "Owner occupancy")
        .fraction()
        .places(MAX_DECIMAL_PLACES)
        .required_when("新交付或新更换物业服务企业的小区判断申报条件时需要", "to judge the conditions of a newly delivered estate or changed company")
        .article("第五条"),
    field("previousStars", Kind::Integer, "上次评定结果（星级，0 为不达标）", "Previous rating (stars, 0 = not up to standard)")
        .range(Bound::Fixed(Decimal::ZERO), Bound::Fixed(Decimal::from_parts(5, 0, 0, false, 0)))
        .hint("连续两次二星级及以下将收到提醒函。", "Two ratings running at 2 stars or below bring a reminder letter.")
        .article("第二十五条"),
];

/// An input bound, not a rule: 100 years of service.
const MAX_SERVICE_MONTHS: i64 = 1200;

/// A category's maximum on a date, by key.
fn category_max(key: &str, on: Date) -> Decimal {
    CATEGORIES.at(on).iter().find(|c| c.key == key).map_or(Decimal::ZERO, |c| c.max)
}
fn contract_max(on: Date) -> Decimal {
    category_max("contract", on)
}
fn satisfaction_max(on: Date) -> Decimal {
    category_max("satisfaction", on)
}
fn governance_max(on: Date) -> Decimal {
    category_max("governance", on)
}
fn rectification_max(on: Date) -> Decimal {
    category_max("rectification", on)
}

const fn score(key: &'static str, zh: &'static str, en: &'static str, max: fn(Date) -> Decimal) -> FieldSpec {
    field(key, Kind::Decimal, zh, en)
        .unit("分", "points")
        .range(Bound::Fixed(Decimal::ZERO), Bound::Dated(max))
        .places(SCORE_DECIMAL_PLACES)
        .article(SCORES_ARTICLE)
}

/// 第十一条's four categories, in the order of [`CATEGORIES`].
const SCORE_FIELDS: &[FieldSpec] = &[
    score("contract", "物业服务合同履行情况", "Performance of the service contract", contract_max)
        .required_when("不按分项填写时必填", "unless given as its eight sub-items"),
    score("satisfaction", "业主满意度", "Owners' satisfaction", satisfaction_max).required(),
    score(
        "governance",
        "融入基层治理、红色物业及重大决策部署执行",
        "Community governance, Party-led service, major city campaigns",
        governance_max,
    )
    .required(),
    score("rectification", "检查反馈问题整改情况", "Rectification of problems found in inspections", rectification_max)
        .required(),
];

const CONTRACT_ITEM_FIELDS: [FieldSpec; 8] = {
    let mut out = [field("", Kind::Decimal, "", ""); 8];
    let mut i = 0;
    while i < 8 {
        let (key, t) = CONTRACT_ITEMS[i];
        out[i] = score(key, t.message_zh, t.message_en, contract_max)
            .required_when("按分项填写时八项都须填写", "all eight when the sub-items are used");
        i += 1;
    }
    out
};

const DISQUALIFIER_CHOICES: [Choice; 8] = {
    let mut out = [choice("", "", ""); 8];
    let mut i = 0;
    while i < 8 {
        let (code, clause, t) = DISQUALIFIERS[i];
        out[i] = choice(code, t.message_zh, t.message_en).article(clause);
        i += 1;
    }
    out
};

// ── The result ──────────────────────────────────────────────────────────────

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CategoryScore {
    pub key: &'static str,
    #[serde(flatten)]
    pub name: Text,
    pub score: Decimal,
    pub max: Decimal,
    /// score ÷ max, to 4 decimal places.
    pub share: Decimal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum RatedBy {
    StreetOffice,
    DistrictAuthority,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Status {
    Met,
    Unmet,
    Unknown,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Condition {
    pub code: &'static str,
    pub article: &'static str,
    pub status: Status,
    #[serde(skip_serializing_if = "codes_only")]
    pub message_zh: Message,
    #[serde(skip_serializing_if = "codes_only")]
    pub message_en: Message,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CategoryMinimum {
    pub key: &'static str,
    pub minimum: Decimal,
    pub increase: Decimal,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NextStar {
    pub stars: u8,
    /// The least increase of the total that reaches the band.
    pub points_needed: Decimal,
    pub total_needed: Decimal,
    /// What each category must reach at least (never above its maximum).
    pub category_minimums: Vec<CategoryMinimum>,
    /// Points beyond the category minimums, which may go to any category with room left.
    pub free_points: Decimal,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PropertyStar {
    pub stars: u8,
    #[serde(skip_serializing_if = "codes_only")]
    pub label: Text,
    pub total: Decimal,
    pub max_total: Decimal,
    pub categories: Vec<CategoryScore>,
    pub disqualified: bool,
    pub disqualifiers: Vec<&'static str>,
    /// The stars the scores alone would give, disqualifiers aside.
    pub score_stars: u8,
    pub eligible_to_apply: Option<bool>,
    pub application_conditions: Vec<Condition>,
    pub location: Option<Location>,
    pub credit_points: Option<i32>,
    /// 第二十三条 in words: the credit points, or that the text gives none.
    pub credit_points_note: Reason,
    pub rated_by: RatedBy,
    /// 第十三条 in words: who rates.
    pub rated_by_note: Reason,
    pub consequences: Vec<Reason>,
    pub next_star: Option<NextStar>,
    pub timing: Vec<Reason>,
}

// ── The rules ───────────────────────────────────────────────────────────────

/// 第十一条: the highest band whose conditions the scores meet (0 = 不达标),
/// written into `steps` as it is decided: every band the total reaches, each
/// category against that band's line, and the band. A project that misses a
/// band's per-category test falls to the next band whose conditions it meets
/// (interpretation `bandFallThrough`).
pub fn stars_for(sc: &Scale, scores: &[Decimal; 4], total: Decimal, steps: &mut Vec<Step>) -> u8 {
    // The figures of the texts are normalised only where a text is written.
    let shown = || plain(total);
    for band in &sc.bands {
        if total < band.min_total {
            continue;
        }
        let min_total = || plain(band.min_total);
        let Some(share) = band.min_share else {
            steps.push(Step::new(SCORES_ARTICLE, None, || {
                let (shown, min_total) = (shown().to_string(), min_total().to_string());
                (
                    format!("总分 {shown} ≥ {min_total} → {}", band.label.message_zh),
                    format!("Total {shown} ≥ {min_total} → {}", band.label.message_en),
                )
            }));
            return band.stars;
        };
        let mut every = true;
        for (score, c) in scores.iter().zip(&sc.categories) {
            let line = share * c.max;
            let met = *score >= line;
            every &= met;
            steps.push(Step::new(SCORES_ARTICLE, Some(plain(line)), || {
                let sign = if met { "≥" } else { "<" };
                let (score, line, max, share) =
                    (plain(*score).to_string(), plain(line).to_string(), plain(c.max).to_string(), percent(share));
                (
                    format!("{} {score} {sign} {line}（{max} × {share}）", c.short.message_zh),
                    format!("{} {score} {sign} {line} ({max} × {share})", c.short.message_en),
                )
            }));
        }
        if every {
            steps.push(Step::new(SCORES_ARTICLE, None, || {
                let (shown, min_total, share_text) = (shown().to_string(), min_total().to_string(), percent(share));
                (
                    format!("总分 {shown} ≥ {min_total} 且各项均 ≥ {share_text} → {}", band.label.message_zh),
                    format!(
                        "Total {shown} ≥ {min_total} and every category ≥ {share_text} → {}",
                        band.label.message_en
                    ),
                )
            }));
            return band.stars;
        }
        steps.push(Step::new(SCORES_ARTICLE, None, || {
            let (shown, min_total, share_text) = (shown().to_string(), min_total().to_string(), percent(share));
            (
                format!("总分 {shown} ≥ {min_total}，但并非各项均 ≥ {share_text} → 不是{}", band.label.message_zh),
                format!(
                    "Total {shown} ≥ {min_total} but not every category ≥ {share_text} → not {}",
                    band.label.message_en
                ),
            )
        }));
    }
    steps.push(Step::new(SCORES_ARTICLE, None, || {
        let (shown, floor) = (shown().to_string(), plain(sc.min_total_for_stars()).to_string());
        (
            format!("总分 {shown} < {floor} → {}", BELOW_STANDARD.message_zh),
            format!("Total {shown} < {floor} → {}", lower_first(BELOW_STANDARD.message_en)),
        )
    }));
    0
}

/// The next band up: the least total increase that reaches it, each category
/// raised at least to the band's per-category floor and never above its maximum.
pub fn next_star(sc: &Scale, scores: &[Decimal; 4], stars: u8) -> Option<NextStar> {
    let target = sc.band(stars + 1)?;
    let total: Decimal = scores.iter().sum();
    let minimums: Vec<CategoryMinimum> = scores
        .iter()
        .zip(&sc.categories)
        .map(|(score, c)| {
            let floor = target.min_share.map_or(Decimal::ZERO, |share| share * c.max);
            let minimum = (*score).max(floor).min(c.max);
            CategoryMinimum { key: c.key, minimum: plain(minimum), increase: plain(minimum - *score) }
        })
        .collect();
    let sum_of_minimums: Decimal = minimums.iter().map(|m| m.minimum).sum();
    let total_needed = sum_of_minimums.max(target.min_total);
    Some(NextStar {
        stars: target.stars,
        points_needed: plain(total_needed - total),
        total_needed: plain(total_needed),
        free_points: plain(total_needed - sum_of_minimums),
        category_minimums: minimums,
    })
}

pub fn evaluate(input: &Json, today: Date) -> Checked<(Date, PropertyStar, Explanation)> {
    let f = Fields::new(input, "", FIELDS)?;
    let as_of = f.date("asOf")?.unwrap_or(today);
    let location = f.choice("location", LOCATIONS)?;
    let sc = Scale::at(as_of);
    let (scores, contract_items) = read_scores(&f, &sc)?;
    let disqualifiers = f.codes("disqualifiers", &DISQUALIFIER_CODES)?.unwrap_or_default();
    let previous_stars = f.integer("previousStars", 0, 5)?.map(|n| n as u8);

    let doc = &DOCUMENT;
    let mut ex = Explanation::default();
    doc.validity_warning(as_of, &mut ex);
    ex.cite(doc, SCORES_ARTICLE);

    if let Some((items, i)) = contract_items.zip(sc.categories.iter().position(|c| c.key == "contract")) {
        let contract = scores[i];
        ex.step(SCORES_ARTICLE, Some(plain(contract)), || {
            let values: Vec<String> = items.iter().map(|v| plain(*v).to_string()).collect();
            let terms = |name: fn(&Text) -> &'static str| -> String {
                let terms: Vec<String> =
                    CONTRACT_ITEMS.iter().zip(&values).map(|((_, t), v)| format!("{} {v}", name(t))).collect();
                terms.join(" + ")
            };
            let (c, sum) = (&sc.categories[i].short, plain(contract).to_string());
            (
                format!("{} = {} = {sum}", c.message_zh, terms(|t| t.message_zh)),
                format!("{} = {} = {sum}", c.message_en, terms(|t| t.message_en)),
            )
        });
    }
    let total: Decimal = scores.iter().sum();
    ex.step(SCORES_ARTICLE, Some(plain(total)), || {
        let values: Vec<String> = scores.iter().map(|s| plain(*s).to_string()).collect();
        let terms = |name: fn(&Text) -> &'static str| -> String {
            let terms: Vec<String> =
                sc.categories.iter().zip(&values).map(|(c, v)| format!("{} {v}", name(&c.short))).collect();
            terms.join(" + ")
        };
        let max: Decimal = sc.categories.iter().map(|c| c.max).sum();
        let (max, sum) = (max.to_string(), plain(total).to_string());
        (
            format!("{} = {sum} 分（满分 {max} 分）", terms(|t| t.message_zh)),
            format!("{} = {sum} points (of {max})", terms(|t| t.message_en)),
        )
    });
    let score_stars = stars_for(&sc, &scores, total, &mut ex.steps);
    explain_fall_through(&sc, &scores, total, score_stars, &mut ex);
    let min_total_for_stars = sc.min_total_for_stars();
    if total < min_total_for_stars {
        ex.unmet(
            doc,
            "belowMinimumScore",
            SCORES_ARTICLE,
            format!(
                "总分 {} 分低于 {} 分：第十一条规定“70.0 分以下的为物业服务质量不达标”。",
                plain(total),
                min_total_for_stars
            ),
            format!(
                "The total of {} is below {}: under Article 11 a total below 70.0 is not up to standard.",
                plain(total),
                min_total_for_stars
            ),
        );
    }
    if let Some(l) = location.filter(|l| !l.is_city_district()) {
        ex.cite(doc, COUNTY_REFERENCE_ARTICLE);
        ex.warn(Note::new(
            "countyReference",
            format!(
                "{}不属市辖区：{COUNTY_REFERENCE_ARTICLE}规定“灵武市、贺兰县、永宁县可结合实际，参照执行”，当地可能对本办法有所调整，请以当地主管部门的规定为准。",
                l.name_zh()
            ),
            format!(
                "{} is not a city district: under {} Lingwu, Helan and Yongning “may adapt the measure to local conditions and apply it by reference”, so local rules may differ; check with the local property authority.",
                l.name_en(),
                article_en(COUNTY_REFERENCE_ARTICLE)
            ),
        ));
    }

    // 第十六条: disqualifiers.
    let mut applied: Vec<&'static str> = Vec::new();
    for index in disqualifiers {
        let (code, clause, t) = &DISQUALIFIERS[index];
        if applied.contains(code) {
            continue;
        }
        applied.push(code);
        ex.step(clause, None, || {
            (
                format!("{clause}：{} → {}（不论得分）", t.message_zh, BELOW_STANDARD.message_zh),
                format!(
                    "{}: {} → {} (whatever the score)",
                    article_en(clause),
                    lower_first(t.message_en),
                    lower_first(BELOW_STANDARD.message_en)
                ),
            )
        });
        ex.unmet(
            doc,
            code,
            clause,
            format!("{}：评定为物业服务质量不达标。", t.message_zh),
            format!("{}: rated not up to standard.", t.message_en),
        );
    }
    let disqualified = !applied.is_empty();
    let stars = if disqualified { 0 } else { score_stars };

    let application_conditions = application_conditions(&f, as_of, &mut ex)?;
    let eligible_to_apply = if application_conditions.iter().any(|c| c.status == Status::Unmet) {
        Some(false)
    } else if application_conditions.iter().all(|c| c.status == Status::Met) {
        Some(true)
    } else {
        None
    };

    let credit_points = CREDIT_POINTS.at(as_of).iter().find(|(s, _)| *s == stars).map(|(_, p)| *p);
    let rated_by = if stars >= DISTRICT_RATES_FROM { RatedBy::DistrictAuthority } else { RatedBy::StreetOffice };
    let rated_by_note = rated_by_note(rated_by, &mut ex);
    let credit_points_note = credit_points_note(credit_points, &mut ex);
    let consequences = consequences(stars, previous_stars, &mut ex);
    let next_star = if disqualified {
        ex.warn(Note::new(
            "disqualifiedRegardlessOfScore",
            format!(
                "存在第十六条所列情形，无论得分多少均评定为不达标；仅按得分将为{}（下一星级的差距亦仅按得分计算，须先消除该情形）。",
                sc.label(score_stars).message_zh
            ),
            format!(
                "A situation listed in Article 16 applies, so the project is not up to standard whatever its score; the scores alone would give {} (the next-star gap is for the scores alone too, once the situation is gone).",
                sc.label(score_stars).message_en
            ),
        ));
        // The next band for the scores alone: it counts only once the situation is gone.
        next_star(&sc, &scores, score_stars)
    } else {
        next_star(&sc, &scores, stars)
    };

    let categories = scores
        .iter()
        .zip(&sc.categories)
        .map(|(score, c)| CategoryScore {
            key: c.key,
            name: c.name,
            score: plain(*score),
            max: c.max,
            share: (*score / c.max).round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero).normalize(),
        })
        .collect();

    let result = PropertyStar {
        stars,
        label: sc.label(stars),
        total: plain(total),
        max_total: sc.categories.iter().map(|c| c.max).sum(),
        categories,
        disqualified,
        disqualifiers: applied,
        score_stars,
        eligible_to_apply,
        application_conditions,
        location,
        credit_points,
        credit_points_note,
        rated_by,
        rated_by_note,
        consequences,
        next_star,
        timing: timing(&mut ex),
    };
    Ok((as_of, result, ex))
}

const DISQUALIFIER_CODES: [(&str, usize); 8] = {
    let mut codes = [("", 0); 8];
    let mut i = 0;
    while i < 8 {
        codes[i] = (DISQUALIFIERS[i].0, i);
        i += 1;
    }
    codes
};

/// The four category scores; `contract` may come as the sum of its eight sub-items.
fn read_scores(f: &Fields, sc: &Scale) -> Checked<([Decimal; 4], Option<[Decimal; 8]>)> {
    let s = f.object("scores")?.ok_or_else(|| f.missing("scores"))?;
    let item_keys: Vec<&str> = CONTRACT_ITEMS.iter().map(|(k, _)| *k).collect();
    let items = f.object("contractItems")?;
    let mut scores = [Decimal::ZERO; 4];
    let mut item_scores = None;
    for (slot, c) in scores.iter_mut().zip(&sc.categories) {
        if c.key == "contract" {
            if let Some(items) = &items {
                if s.has("contract") {
                    return Err(f.conflicting("scores.contract", "contractItems"));
                }
                let mut sum = Decimal::ZERO;
                let mut values = [Decimal::ZERO; 8];
                for (value, key) in values.iter_mut().zip(&item_keys) {
                    let v = items.decimal_up_to(key, c.max, SCORE_DECIMAL_PLACES)?;
                    *value = items.required(key, v)?;
                    sum += *value;
                }
                item_scores = Some(values);
                if sum > c.max {
                    return Err(f.out_of_range(
                        "contractItems",
                        &format!("八个分项之和不得超过 {}，实际为 {}", c.max, plain(sum)),
                        &format!("the eight sub-items must add up to at most {}, got {}", c.max, plain(sum)),
                    ));
                }
                *slot = sum;
                continue;
            }
        }
        let v = s.decimal_up_to(c.key, c.max, SCORE_DECIMAL_PLACES)?;
        *slot = s.required(c.key, v)?;
    }
    Ok((scores, item_scores))
}

/// `bandFallThrough`: every band the total reaches but the categories do not,
/// with every category short of that band's share, its score and the share's figure.
fn explain_fall_through(sc: &Scale, scores: &[Decimal; 4], total: Decimal, stars: u8, ex: &mut Explanation) {
    let passed_over: Vec<&Band> = sc.bands.iter().filter(|b| b.stars > stars && total >= b.min_total).collect();
    if passed_over.is_empty() {
        return;
    }
    // The texts only: at codes detail nothing here is formatted.
    let (zh, en) = texts(|| {
        let mut zh_parts = Vec::new();
        let mut en_parts = Vec::new();
        for b in &passed_over {
            let share = b.min_share.unwrap_or(Decimal::ZERO);
            let short: Vec<(&Category, Decimal, Decimal)> = scores
                .iter()
                .zip(&sc.categories)
                .map(|(s, c)| (c, *s, plain(share * c.max)))
                .filter(|(_, s, needed)| s < needed)
                .collect();
            let zh: Vec<String> =
                short.iter().map(|(c, s, n)| format!("{} {} < {}", c.name.message_zh, plain(*s), n)).collect();
            let en: Vec<String> =
                short.iter().map(|(c, s, n)| format!("{} {} < {}", c.name.message_en, plain(*s), n)).collect();
            zh_parts.push(format!("{}（各单项须≥ {}）：{}", b.label.message_zh, percent(share), zh.join("，")));
            en_parts.push(format!("{} (each category ≥ {}): {}", b.label.message_en, percent(share), en.join(", ")));
        }
        let result = sc.label(stars);
        (
            format!(
                "总分 {} 达到{}的分数段，但单项得分未达到该星级的比例要求——{}。第十一条未规定此种情形，本计算器按满足全部条件的最高星级评定：{}。",
                plain(total),
                passed_over[0].label.message_zh,
                zh_parts.join("；"),
                result.message_zh
            ),
            format!(
                "The total {} is in the {} range, but categories miss the per-category share — {}. Article 11 does not say what then, so the project is rated at the highest band whose conditions it all meets: {}.",
                plain(total),
                passed_over[0].label.message_en,
                en_parts.join("; "),
                result.message_en
            ),
        )
    });
    ex.interpret(Note::new("bandFallThrough", zh, en));
}

fn application_conditions(f: &Fields, on: Date, ex: &mut Explanation) -> Checked<Vec<Condition>> {
    let doc = &DOCUMENT;
    let status = |v: Option<bool>| match v {
        None => Status::Unknown,
        Some(true) => Status::Met,
        Some(false) => Status::Unmet,
    };
    let service_months = f.integer("serviceMonths", 0, MAX_SERVICE_MONTHS)?;
    let newly_delivered = f.boolean("newlyDelivered")?;
    let occupancy = f.fraction("occupancyRate")?;
    let months = MIN_SERVICE_MONTHS.at(on);
    let cond = |code, article, status, (zh, en): (Message, Message)| Condition {
        code,
        article,
        status,
        message_zh: zh,
        message_en: en,
    };
    let fixed = |t: Text| (Message::Borrowed(t.message_zh), Message::Borrowed(t.message_en));
    let mut conditions = vec![
        cond(
            "hasContract",
            "第八条",
            status(f.boolean("hasContract")?),
            fixed(text("申报项目有物业服务合同约定", "The project has a property service contract")),
        ),
        cond(
            "serviceMonths",
            "第八条",
            status(service_months.map(|m| m >= months)),
            texts(|| (format!("服务满一年以上（{months} 个月）"), format!("Served for at least one year ({months} months)"))),
        ),
        cond(
            "platformRegistered",
            "第八条",
            status(f.boolean("platformRegistered")?),
            fixed(text(
                "已在物业行业监管平台完成企业信用建档、小区信息登记，并公示服务事项、人员、标准、公共收益等",
                "Credit file and estate information registered on the supervision platform, with services, staff, standards and common income publicised",
            )),
        ),
    ];
    if newly_delivered == Some(true) {
        let met = occupancy.map(|o| o >= MIN_OCCUPANCY_RATE.at(on));
        conditions.push(cond(
            "occupancy",
            "第五条",
            status(met),
            texts(|| {
                let occupancy_min = percent(MIN_OCCUPANCY_RATE.at(on));
                (
                    format!("新交付或新更换物业服务企业的小区：业主入住率达到 {occupancy_min} 以上"),
                    format!(
                        "Newly delivered estate or newly changed company: owner occupancy of at least {occupancy_min}"
                    ),
                )
            }),
        ));
    }
    for c in &conditions {
        ex.cite(doc, c.article);
        if c.status == Status::Unmet {
            let (zh, en) = texts(|| {
                (
                    format!("申报条件未满足：{}。（不影响按得分估算的星级）", c.message_zh),
                    format!(
                        "Condition to apply not met: {}. (The star estimate from the scores is unaffected.)",
                        c.message_en
                    ),
                )
            });
            ex.unmet(doc, c.code, c.article, zh, en);
        }
    }
    Ok(conditions)
}

/// 第十三条: who rates.
fn rated_by_note(rated_by: RatedBy, ex: &mut Explanation) -> Reason {
    ex.cite(&DOCUMENT, RATED_BY_ARTICLE);
    let t = match rated_by {
        RatedBy::DistrictAuthority => text(
            "由街道办事处（乡镇人民政府）初评，辖区物业主管部门复评并认定。",
            "Rated first by the street office (township government), then re-rated and confirmed by the district property authority.",
        ),
        RatedBy::StreetOffice => text("由街道办事处（乡镇人民政府）评定。", "Rated by the street office (township government)."),
    };
    Reason::fixed("ratedBy", RATED_BY_ARTICLE, t)
}

/// 第二十三条: the credit points in words (none at 3★; the text gives no figure for 不达标).
fn credit_points_note(credit: Option<i32>, ex: &mut Explanation) -> Reason {
    ex.cite(&DOCUMENT, CREDIT_ARTICLE);
    let (zh, en): (Message, Message) = match credit {
        Some(0) => ("三星级不加分也不减分。".into(), "3 stars: no credit points added or deducted.".into()),
        Some(p) if p > 0 => texts(|| {
            (
                format!("物业服务企业及项目经理信用加 {p} 分。"),
                format!("The company and the project manager gain {p} credit points."),
            )
        }),
        Some(p) => texts(|| {
            (
                format!("物业服务企业及项目经理信用减 {} 分。", -p),
                format!("The company and the project manager lose {} credit points.", -p),
            )
        }),
        None => (
            "本条未规定不达标项目的信用分值；不达标的后果见全市通报与限期整改。".into(),
            "This article gives no credit figure for a project not up to standard; see the city-wide notice and rectification."
                .into(),
        ),
    };
    Reason::new("creditPoints", CREDIT_ARTICLE, zh, en)
}

fn consequences(stars: u8, previous: Option<u8>, ex: &mut Explanation) -> Vec<Reason> {
    let doc = &DOCUMENT;
    let mut out = Vec::new();
    let mut add = |ex: &mut Explanation, code: &'static str, article: &'static str, zh: Message, en: Message| {
        ex.cite(doc, article);
        out.push(Reason::new(code, article, zh, en));
    };
    if stars == 0 {
        add(
            ex,
            "cityNotice",
            "第十六条",
            "上报市物业主管部门全市通报，并限期整改（原则上不超过 30 日），整改完成后重新申报。".into(),
            "Reported to the city property authority for a city-wide notice; rectification within 30 days in principle, then re-apply.".into(),
        );
    }
    if stars <= CLOSER_WATCH_UP_TO {
        add(
            ex,
            "moreInspections",
            "第二十五条",
            "物业主管部门、街道办事处等增加日常巡查检查频次。".into(),
            "The property authority and the street office inspect the estate more often.".into(),
        );
        let second_time = previous.is_some_and(|p| p <= CLOSER_WATCH_UP_TO);
        if stars == 0 || second_time {
            let (zh, en) = if stars == 0 {
                ("评定为不达标", "rated not up to standard")
            } else {
                ("连续两次评定为二星级及以下", "rated 2 stars or below for the second time running")
            };
            let (zh, en) = texts(|| {
                (
                    format!("{zh}：评定部门向物业服务委托方发提醒函，建议按法定程序重新选聘物业服务企业。"),
                    format!("{en}: the rating body sends the client a reminder letter recommending re-selection of the property company."),
                )
            });
            add(ex, "reminderLetter", "第二十五条", zh, en);
        } else if previous.is_none() {
            ex.warn(Note::fixed(
                "previousRatingUnknown",
                text(
                    "未填写上次评定结果：如上次也为二星级及以下（或不达标），本次将收到提醒函（第二十五条）。",
                    "No previous rating given: if the previous rating was also 2 stars or below (or not up to standard), a reminder letter follows (Article 25).",
                ),
            ));
        }
    }
    if stars >= PRIORITY_FROM {
        add(
            ex,
            "priorityForAwards",
            "第二十四条",
            "项目及其项目经理、物业服务企业优先推荐参与各类评优评先活动。".into(),
            "The project, its manager and company are recommended first for awards.".into(),
        );
    }
    if stars == 5 {
        add(
            ex,
            "directRenewal",
            "第二十四条",
            "时效届满时可由辖区物业主管部门复检，仍达五星级的直接评定并授牌，无需重新申报。".into(),
            "At expiry the district authority may re-inspect; if still 5 stars, it is re-awarded without a new application.".into(),
        );
    }
    out
}

fn timing(ex: &mut Explanation) -> Vec<Reason> {
    let doc = &DOCUMENT;
    let items = [
        ("ratingSeason", "第五条", text("一年一评，原则上每年九月至十一月完成；四星级、五星级可延长至十二月。", "Rated every year, in principle September to November; 4- and 5-star ratings may run into December.")),
        ("publicity", "第十四条", text("评定结果公示 7 个工作日，异议须在公示期内向评定部门提出。", "Results are publicised for 7 working days; objections must be made to the rating body within that time.")),
        ("rectification", "第十二条", text("初评未达到申报星级的，限期整改，原则上不超过 30 日，期满后复核。", "A project below the star it applied for gets up to 30 days to rectify, then is re-checked.")),
    ];
    items
        .into_iter()
        .map(|(code, article, t)| {
            ex.cite(doc, article);
            Reason::fixed(code, article, t)
        })
        .collect()
}
