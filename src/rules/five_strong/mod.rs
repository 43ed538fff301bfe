//! `five-strong` and `five-strong-ranking`: the “五强” recognition rewards (docs/rulebook.md §4).
//!
//! This module holds the scheme's figures and lists; [`rewards`] answers for
//! one candidate, [`ranking`] estimates who makes the quota.
//!
//! 银川市经济领域“五强”认定工作方案（试行）（银党办〔2022〕83号）.

use crate::date::{Date, Period};
use crate::explain::{article_en, text, Document, DocumentKind, Explanation, Note, Reason, Text};
use crate::input::MAX_DECIMAL_PLACES;
use crate::input::{Checked, ErrorCode, Fields, InputError, Label};
use crate::json::Json;
use crate::money::{grouped, plain, round_yuan};
use crate::param::{Dated, Described, Parameter};
use crate::place::LOCATION_CHOICES;
use crate::place::{Location, LOCATIONS};
use crate::schema::{choice, field, Bound, Choice, FieldSpec, Figure, Kind};
use rust_decimal::{Decimal, RoundingStrategy};
use rust_decimal_macros::dec;
use serde::Serialize;

// ── Parameters ──────────────────────────────────────────────────────────────

/// Issued 2022-05-25; a trial scheme with no end date.
pub const DOCUMENT: Document = Document {
    title_zh: "银川市经济领域“五强”认定工作方案（试行）",
    title_en: "Yinchuan Scheme for Recognising the Economy's “Five Strong” (Trial)",
    number: "银党办〔2022〕83号",
    in_force: Period { from: Date::ymd(2022, 5, 25), to: None },
    validity_article: None,
    kind: DocumentKind::Scheme,
    predecessor: None,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Level {
    County,
    District,
    Town,
    Village,
    Enterprise,
}

const LEVEL_CODES: &[(&str, Level)] = &[
    ("county", Level::County),
    ("district", Level::District),
    ("town", Level::Town),
    ("village", Level::Village),
    ("enterprise", Level::Enterprise),
];

/// 二（一）: 主要评价 … 居民人均可支配收入等 7 项指标 — it names five of the seven.
pub const COUNTY_INDICATOR_COUNT: Parameter<u32> = Parameter::new(
    (ID, "countyIndicatorCount"),
    &DOCUMENT,
    "二（一）",
    &["居民人均可支配收入等 7 项指标"],
    &[Dated::over(SINCE_2022, 7)],
);

impl LevelRule {
    /// How many indicators of the user's own naming a ranking may add on `on`:
    /// those the text counts but does not name (county and district), else none.
    pub fn own_indicators(&self, on: Date) -> usize {
        self.counted_indicators.map_or(0, |p| (p.at(on) as usize).saturating_sub(self.indicators.len()))
    }
}

/// The figures of one level.
#[derive(Debug, Clone, Copy)]
pub struct LevelFigures {
    /// How many can be candidates at all (e.g. 282 villages); `None` for enterprises.
    pub pool: Option<u32>,
    /// How many are recognised.
    pub quota: u32,
    /// 原则上每个县（市）区推荐 min—max 个候选.
    pub per_unit: Option<PerUnit>,
    /// 四（三）: the cash reward, in yuan.
    pub reward: Decimal,
}

const ID: &str = "five-strong";
const SINCE_2022: Period = DOCUMENT.in_force;

pub struct LevelRule {
    pub level: Level,
    pub name: Text,
    /// 一: the scope and quota clause.
    pub scope_clause: &'static str,
    /// 二: the clause naming the indicators.
    pub standard_clause: &'static str,
    pub pool_text: Text,
    /// “100 家左右”: the enterprise quota is approximate.
    pub approximate: bool,
    /// Pool, quota, recommendations per unit (一) and the cash reward (四（三）).
    pub figures: Parameter<LevelFigures>,
    /// The indicators the text names, ranked “根据指标高低综合排名赋分” (the
    /// catalog's fields of a candidate's `indicators`).
    pub indicators: &'static [FieldSpec],
    /// County / district: the text counts its indicators ([`COUNTY_INDICATOR_COUNT`]) and
    /// names fewer; the rest may be of the user's own naming.
    pub counted_indicators: Option<&'static Parameter<u32>>,
}

/// What to enter for an indicator. The text names the indicators (二（一）—（三）)
/// but gives no units or measures: the units and guidance below are this
/// calculator's reading. The estimate ranks candidates on each indicator, so
/// any unit serves that every candidate shares.
const MONEY: (&str, &str) = ("万元", "10,000 yuan");
const MONEY_HINT: (&str, &str) = (
    "本计算器的读法：方案未规定单位，建议填万元；各候选须用同一单位，估算只比较候选之间的高低。",
    "This calculator's reading: the scheme states no unit; 10,000 yuan is suggested, and every candidate must use the same unit (the estimate only compares candidates).",
);

/// An indicator given as an amount of money, in the suggested unit.
const fn indicator(key: &'static str, zh: &'static str, en: &'static str) -> FieldSpec {
    field(key, Kind::Decimal, zh, en)
        .required()
        .places(MAX_DECIMAL_PLACES)
        .unit(MONEY.0, MONEY.1)
        .hint(MONEY_HINT.0, MONEY_HINT.1)
}

const COUNTY_INDICATORS: &[FieldSpec] = &[
    indicator("gdp", "地区生产总值", "GDP").article("二（一）"),
    indicator("fiscalRevenue", "地方公共财政收入", "Local public fiscal revenue").article("二（一）"),
    indicator("fixedAssetInvestment", "固定资产投资", "Fixed-asset investment").article("二（一）"),
    indicator("energyIntensityCompletion", "能耗强度目标任务完成情况", "Energy-intensity target completion")
        .unit("%", "%")
        .hint(
            "本计算器的读法：填目标任务的完成率，如完成 105% 填 105；各候选用同一口径，估算只比较候选之间的高低。",
            "This calculator's reading: the completion rate of the target in percent, e.g. 105 for 105%; the same basis for every candidate (the estimate only compares candidates).",
        )
        .article("二（一）"),
    indicator("disposableIncome", "居民人均可支配收入", "Per-capita disposable income")
        .unit("元", "yuan")
        .hint(
            "本计算器的读法：方案未规定单位，建议填每人每年的元数；各候选须用同一单位，估算只比较候选之间的高低。",
            "This calculator's reading: the scheme states no unit; yuan per person per year is suggested, and every candidate must use the same unit (the estimate only compares candidates).",
        )
        .article("二（一）"),
];
const TOWN_INDICATORS: &[FieldSpec] = &[
    indicator("featuredIndustry", "特色产业优势", "Featured-industry strength")
        .unit("分", "points")
        .hint(
            "方案未给出数值口径。本计算器的读法：按同一标准给每个候选评分（如 0—100 分）后填入；估算只比较候选之间的高低。",
            "The scheme gives no measure. This calculator's reading: score every candidate on one scale of your own (e.g. 0–100) and enter the score; the estimate only compares candidates.",
        )
        .article("二（二）"),
    indicator("projectFunding", "项目资金投入", "Project funding").article("二（二）"),
    indicator("collectiveIncome", "村集体经济收入", "Collective economic income").article("二（二）"),
    indicator("integrationEntities", "产业融合经营主体情况", "Industry-integration businesses")
        .unit("家", "count")
        .hint(
            "方案未给出数值口径。本计算器的读法：填产业融合经营主体的数量，各候选按同一口径统计；估算只比较候选之间的高低。",
            "The scheme gives no measure. This calculator's reading: the number of industry-integration businesses, counted the same way for every candidate; the estimate only compares candidates.",
        )
        .article("二（二）"),
];
const ENTERPRISE_INDICATORS: &[FieldSpec] = &[
    indicator("outputValue", "企业产值", "Output value").article("二（三）"),
    indicator("mainRevenue", "主营业务收入", "Main business revenue").article("二（三）"),
    indicator("taxesPaid", "实缴税收", "Taxes paid").article("二（三）"),
    indicator("rdSpending", "研发经费投入", "R&D spending").article("二（三）"),
    indicator("wageGrowth", "从业人员工资收入增速", "Employee wage growth")
        .unit("%", "%")
        .hint(
            "增速的百分数，如 6.5；可为负数。各候选用同一口径，估算只比较候选之间的高低。",
            "The growth in percent, e.g. 6.5; may be negative. The same basis for every candidate (the estimate only compares candidates).",
        )
        .article("二（三）"),
];

/// 一（一）—（五）: scope and quota; 二（一）—（三）: indicators; 四（三）: the cash rewards
/// (经济强县（市）、经济强区 500 万元，经济强镇（乡）100 万元，经济强村 50 万元).
pub const LEVELS: [LevelRule; 5] = [
    LevelRule {
        level: Level::County,
        name: text("经济强县（市）", "Economically strongest county"),
        scope_clause: "一（一）",
        standard_clause: "二（一）",
        pool_text: text("永宁县、贺兰县、灵武市", "Yongning, Helan, Lingwu"),
        approximate: false,
        indicators: COUNTY_INDICATORS,
        counted_indicators: Some(&COUNTY_INDICATOR_COUNT),
        figures: Parameter::new(
            (ID, "county"),
            &DOCUMENT,
            "一（一）",
            &["永宁县、贺兰县、灵武市，认定 1 个经济强县（市）", "给予经济强县（市）、经济强区 500 万元奖励"],
            &[Dated::over(SINCE_2022, LevelFigures { pool: Some(3), quota: 1, per_unit: None, reward: dec!(5000000) })],
        ),
    },
    LevelRule {
        level: Level::District,
        name: text("经济强区", "Economically strongest district"),
        scope_clause: "一（二）",
        standard_clause: "二（一）",
        pool_text: text("兴庆区、金凤区、西夏区", "Xingqing, Jinfeng, Xixia"),
        approximate: false,
        indicators: COUNTY_INDICATORS,
        counted_indicators: Some(&COUNTY_INDICATOR_COUNT),
        figures: Parameter::new(
            (ID, "district"),
            &DOCUMENT,
            "一（二）",
            &["兴庆区、金凤区、西夏区，认定 1 个经济强区", "给予经济强县（市）、经济强区 500 万元奖励"],
            &[Dated::over(SINCE_2022, LevelFigures { pool: Some(3), quota: 1, per_unit: None, reward: dec!(5000000) })],
        ),
    },
    LevelRule {
        level: Level::Town,
        name: text("经济强镇（乡）", "Economically strong town (township)"),
        scope_clause: "一（三）",
        standard_clause: "二（二）",
        pool_text: text("全市 26 个乡镇", "the city's 26 towns and townships"),
        approximate: false,
        indicators: TOWN_INDICATORS,
        counted_indicators: None,
        figures: Parameter::new(
            (ID, "town"),
            &DOCUMENT,
            "一（三）",
            &[
                "全市 26 个乡镇，认定 6 个经济强镇（乡），原则上每个县（市）区推荐 1—2 个候选镇（乡）",
                "经济强镇（乡）100 万元奖励",
            ],
            &[Dated::over(
                SINCE_2022,
                LevelFigures {
                    pool: Some(26),
                    quota: 6,
                    per_unit: Some(PerUnit { min: 1, max: 2 }),
                    reward: dec!(1000000),
                },
            )],
        ),
    },
    LevelRule {
        level: Level::Village,
        name: text("经济强村", "Economically strong village"),
        scope_clause: "一（四）",
        standard_clause: "二（二）",
        pool_text: text("全市 282 个行政村", "the city's 282 administrative villages"),
        approximate: false,
        indicators: TOWN_INDICATORS,
        counted_indicators: None,
        figures: Parameter::new(
            (ID, "village"),
            &DOCUMENT,
            "一（四）",
            &["全市 282 个行政村，认定 20个经济强村，原则上每个县（市）区推荐 4—5 个候选村", "经济强村 50 万元奖励"],
            &[Dated::over(
                SINCE_2022,
                LevelFigures {
                    pool: Some(282),
                    quota: 20,
                    per_unit: Some(PerUnit { min: 4, max: 5 }),
                    reward: dec!(500000),
                },
            )],
        ),
    },
    LevelRule {
        level: Level::Enterprise,
        name: text("百强企业", "Top-100 enterprise"),
        scope_clause: "一（五）",
        standard_clause: "二（三）",
        pool_text: text(
            "全市工业、农业、服务业和建筑业（房地产）企业",
            "the city's industrial, agricultural, service and construction / real-estate enterprises",
        ),
        approximate: true,
        indicators: ENTERPRISE_INDICATORS,
        counted_indicators: None,
        figures: Parameter::new(
            (ID, "enterprise"),
            &DOCUMENT,
            "一（五）",
            &["认定 100 家左右优秀企业"],
            &[Dated::over(SINCE_2022, LevelFigures { pool: None, quota: 100, per_unit: None, reward: dec!(0) })],
        ),
    },
];
pub const REWARD_CLAUSE: &str = "四（三）";

/// 一（五）: the enterprise sectors.
pub const ENTERPRISE_SECTORS: [(&str, Text); 4] = [
    ("industry", text("规模以上工业企业", "Industrial enterprises above designated size")),
    ("services", text("规模以上服务业企业", "Service enterprises above designated size")),
    ("agriculture", text("农业龙头企业", "Leading agricultural enterprises")),
    ("construction", text("资质等级建筑业和房地产开发企业", "Qualified construction and real-estate developers")),
];

/// 一（五）: 农业龙头企业认定 10 家左右、规模以上工业企业认定 40 家左右、规模以上服务业企业认定 35 家左右、
/// 资质等级建筑业和房地产开发企业认定 15 家左右 — in the order of [`ENTERPRISE_SECTORS`].
pub const SECTOR_QUOTAS: Parameter<[u32; 4]> = Parameter::new(
    (ID, "sectorQuotas"),
    &DOCUMENT,
    "一（五）",
    &["农业龙头企业认定 10 家左右", "规模以上工业企业认定 40 家左右"],
    &[Dated::over(SINCE_2022, [40, 35, 10, 15])],
);

/// The sector codes accepted for an enterprise candidate's `sector`.
const SECTOR_CODES: [(&str, usize); 4] = {
    let mut codes = [("", 0); 4];
    let mut i = 0;
    while i < 4 {
        codes[i] = (ENTERPRISE_SECTORS[i].0, i);
        i += 1;
    }
    codes
};

/// 三: 每 3 年组织认定一次，到期后重新认定.
pub const RECOGNITION_CYCLE_YEARS: u32 = 3;
pub const CYCLE_CLAUSE: &str = "三";

/// 二（四）: the negative list; any one excludes.
pub struct NegativeItem {
    pub code: &'static str,
    pub levels: &'static [Level],
    pub text: Text,
}
const ALL_LEVELS: &[Level] = &[Level::County, Level::District, Level::Town, Level::Village, Level::Enterprise];
pub const NEGATIVE_LIST: [NegativeItem; 7] = [
    NegativeItem {
        code: "vetoed",
        levels: ALL_LEVELS,
        text: text(
            "参评年度被平安建设、安全生产、重大生态破坏事件“一票否决”",
            "Vetoed in the year for public security, work safety or major ecological damage",
        ),
    },
    NegativeItem {
        code: "badCredit",
        levels: &[Level::Town, Level::Village],
        text: text("镇（乡）、村存在不良信用记录", "The town or village has a bad credit record"),
    },
    NegativeItem {
        code: "ecologicalDamage",
        levels: &[Level::Enterprise],
        text: text("企业发生重大生态破坏事件", "The enterprise caused major ecological damage"),
    },
    NegativeItem {
        code: "safetyAccident",
        levels: &[Level::Enterprise],
        text: text("企业发生重大生产安全事故", "The enterprise had a major work-safety accident"),
    },
    NegativeItem {
        code: "wageArrears",
        levels: &[Level::Enterprise],
        text: text("企业发生恶意欠薪事件", "The enterprise maliciously withheld wages"),
    },
    NegativeItem {
        code: "seriousDishonesty",
        levels: &[Level::Enterprise],
        text: text(
            "企业有严重失信行为或其他违反法律法规行为被追究责任",
            "Serious dishonesty or other violations for which the enterprise was held liable",
        ),
    },
    NegativeItem {
        code: "excludedByLeadingGroup",
        levels: &[Level::Enterprise],
        text: text("经“五强”认定工作领导小组研究不予纳入认定范围", "Excluded by the “Five Strong” leading group"),
    },
];
pub const NEGATIVE_CLAUSE: &str = "二（四）";

/// 四（三）: the non-cash benefits and the levels they go to.
pub struct Benefit {
    pub code: &'static str,
    pub levels: &'static [Level],
    pub text: Text,
}
const PLACES: &[Level] = &[Level::County, Level::District, Level::Town, Level::Village];
const ENTERPRISES: &[Level] = &[Level::Enterprise];
pub const BENEFITS: [Benefit; 7] = [
    Benefit {
        code: "certificateAndPlaque",
        levels: ALL_LEVELS,
        text: text("颁发证书和奖牌，并通过各种途径广泛宣传。", "A certificate and a plaque, and publicity through many channels."),
    },
    Benefit {
        code: "appraisalPoints",
        levels: &[Level::County, Level::District],
        text: text(
            "认定结果纳入全市效能考核，在年终绩效考评中适当加分。",
            "Bonus points in the city's year-end performance appraisal.",
        ),
    },
    Benefit {
        code: "leadershipEvaluation",
        levels: PLACES,
        text: text(
            "认定结果作为党政领导班子和领导干部综合考核评价、干部奖惩任免和政策激励的重要依据。",
            "The result weighs in evaluating the leadership team and cadres, their rewards and appointments, and policy incentives.",
        ),
    },
    Benefit {
        code: "creditRedList",
        levels: ENTERPRISES,
        text: text(
            "列入信用红名单企业，在“信用银川”网站公示，纳入企业信用报告。",
            "Put on the credit red list, published on 信用银川 and noted in the enterprise's credit report.",
        ),
    },
    Benefit {
        code: "fundingPriority",
        levels: ENTERPRISES,
        text: text("相关部门在政策、资金申报等方面优先推荐。", "Recommended first in policy and funding applications."),
    },
    Benefit {
        code: "financing",
        levels: ENTERPRISES,
        text: text(
            "鼓励各类金融机构在企业融资方面给予适当倾斜。",
            "Financial institutions are encouraged to favour the enterprise in financing.",
        ),
    },
    Benefit {
        code: "greenChannel",
        levels: ENTERPRISES,
        text: text("企业负责人享受优秀企业家相关待遇（绿色通道）。", "A green channel for the entrepreneur."),
    },
];
/// The levels as options of a form, with the clause defining each.
pub const LEVEL_CHOICES: [Choice; 5] = {
    let mut out = [choice("", "", ""); 5];
    let mut i = 0;
    while i < 5 {
        let l = &LEVELS[i];
        out[i] = choice(LEVEL_CODES[i].0, l.name.message_zh, l.name.message_en).article(l.scope_clause);
        i += 1;
    }
    out
};

/// The negative list as request fields: a yes/no each (二（四）).
pub const NEGATIVE_FIELDS: [FieldSpec; NEGATIVE_LIST.len()] = {
    let mut out = [field("", Kind::Boolean, "", ""); NEGATIVE_LIST.len()];
    let mut i = 0;
    while i < NEGATIVE_LIST.len() {
        let n = &NEGATIVE_LIST[i];
        out[i] = field(n.code, Kind::Boolean, n.text.message_zh, n.text.message_en).article(NEGATIVE_CLAUSE);
        i += 1;
    }
    out
};

pub const BENEFITS_CLAUSE: &str = "四（三）";

// ── Shared by both calculators ──────────────────────────────────────────────

/// The rule of a level, by key.
pub fn rule(level: Level) -> &'static LevelRule {
    LEVELS.iter().find(|r| r.level == level).unwrap_or(&LEVELS[0])
}

/// What the city pays when every cash place is filled: Σ quota × reward.
pub fn city_total_when_full(on: Date) -> Decimal {
    city_total_terms(on).1
}

/// [`city_total_when_full`] with its terms: (reward, quota) of each level with a cash reward.
pub fn city_total_terms(on: Date) -> (Vec<(Decimal, u32)>, Decimal) {
    let terms: Vec<(Decimal, u32)> =
        LEVELS.iter().map(|l| l.figures.at(on)).filter(|f| !f.reward.is_zero()).map(|f| (f.reward, f.quota)).collect();
    let total = terms.iter().map(|(reward, quota)| Decimal::from(*quota) * reward).sum();
    (terms, total)
}

/// The figures a form shows, on `on`: per level the pool, quota, recommendations
/// per unit and reward; the sector quotas; the cycle; the city's total when full.
pub fn figures(on: Date) -> Vec<Figure> {
    let mut all = Vec::new();
    for (code, l) in LEVEL_CODES.iter().map(|(c, _)| *c).zip(&LEVELS) {
        let f = l.figures.at(on);
        let key = |part: &str| format!("{code}.{part}");
        all.push(Figure::new(key("quota"), Decimal::from(f.quota), l.name, l.scope_clause));
        if let Some(pool) = f.pool {
            all.push(Figure::new(key("pool"), Decimal::from(pool), l.pool_text, l.scope_clause));
        }
        if let Some(pu) = f.per_unit {
            all.push(Figure::new(key("perUnitMin"), Decimal::from(pu.min), l.name, l.scope_clause));
            all.push(Figure::new(key("perUnitMax"), Decimal::from(pu.max), l.name, l.scope_clause));
        }
        all.push(Figure::new(key("reward"), f.reward, l.name, REWARD_CLAUSE).unit("元", "yuan"));
        if l.counted_indicators.is_some() {
            let own = Decimal::from(l.own_indicators(on) as u64);
            all.push(Figure::new(
                key("ownIndicators"),
                own,
                text("可自拟的指标数", "Indicators of your own naming"),
                l.standard_clause,
            ));
        }
    }
    for ((code, name), q) in ENTERPRISE_SECTORS.iter().zip(SECTOR_QUOTAS.at(on)) {
        all.push(Figure::new(format!("sectorQuota.{code}"), Decimal::from(q), *name, "一（五）"));
    }
    all.push(
        Figure::new(
            "recognitionCycleYears",
            Decimal::from(RECOGNITION_CYCLE_YEARS),
            text("认定周期", "Recognition cycle"),
            CYCLE_CLAUSE,
        )
        .unit("年", "years"),
    );
    all.push(
        Figure::new(
            "cityTotalWhenFull",
            city_total_when_full(on),
            text("全部名额认定时市财政奖励合计", "The city's total when every place is filled"),
            REWARD_CLAUSE,
        )
        .unit("元", "yuan"),
    );
    all
}

/// Every parameter of the scheme (tests/parameters.rs checks their words).
pub fn parameters() -> Vec<&'static dyn Described> {
    let mut all: Vec<&'static dyn Described> = LEVELS.iter().map(|l| &l.figures as &dyn Described).collect();
    all.push(&SECTOR_QUOTAS);
    all.push(&COUNTY_INDICATOR_COUNT);
    all
}

/// Reads the negative-list flags of one candidate; returns the items that
/// apply (and that exclude), warning about flags this level does not have.
fn read_negative_flags(
    f: &Fields,
    level: Level,
    who: &str,
    ex: &mut Explanation,
) -> Checked<Vec<&'static NegativeItem>> {
    let mut applied = Vec::new();
    for item in &NEGATIVE_LIST {
        if f.boolean(item.code)? != Some(true) {
            continue;
        }
        if item.levels.contains(&level) {
            applied.push(item);
        } else {
            ex.warn(Note::new(
                "flagNotApplicable",
                format!("{who}{}：负面清单中该项不适用于{}，已忽略。", f.path(item.code), rule(level).name.message_zh),
                format!(
                    "{who}{}: this negative-list item does not apply to {}; ignored.",
                    f.path(item.code),
                    rule(level).name.message_en
                ),
            ));
        }
    }
    Ok(applied)
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Quota {
    pub recognised: u32,
    pub approximate: bool,
    pub candidate_pool: Option<u32>,
    #[serde(skip_serializing_if = "crate::explain::codes_only")]
    pub pool_description: Text,
    pub recommended_per_unit: Option<PerUnit>,
    pub sectors: Option<Vec<Sector>>,
}

/// 原则上每个县（市）区推荐 min—max 个候选.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct PerUnit {
    pub min: u32,
    pub max: u32,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Sector {
    pub code: &'static str,
    #[serde(flatten)]
    pub name: Text,
    pub approximately: u32,
}

fn quota(r: &LevelRule, on: Date) -> Quota {
    let f = r.figures.at(on);
    Quota {
        recognised: f.quota,
        approximate: r.approximate,
        candidate_pool: f.pool,
        pool_description: r.pool_text,
        recommended_per_unit: f.per_unit,
        sectors: (r.level == Level::Enterprise).then(|| {
            ENTERPRISE_SECTORS
                .iter()
                .zip(SECTOR_QUOTAS.at(on))
                .map(|((code, name), n)| Sector { code, name: *name, approximately: n })
                .collect()
        }),
    }
}

/// What both calculators open with: the level's rule, the validity warning, and
/// the scope and standard clauses cited.
fn start(level: Level, as_of: Date) -> (&'static LevelRule, Explanation) {
    let r = rule(level);
    let mut ex = Explanation::default();
    DOCUMENT.validity_warning(as_of, &mut ex);
    ex.cite(&DOCUMENT, r.scope_clause);
    ex.cite(&DOCUMENT, r.standard_clause);
    (r, ex)
}

/// A county-level candidate must be one of that level's three units.
fn read_location(f: &Fields, level: Level) -> Checked<Option<Location>> {
    let allowed: Vec<(&str, Location)> = LOCATIONS
        .iter()
        .copied()
        .filter(|(_, l)| match level {
            Level::County => !l.is_city_district(),
            Level::District => l.is_city_district(),
            _ => true,
        })
        .collect();
    f.choice("location", &allowed)
}

mod ranking;
mod rewards;

pub use ranking::{evaluate_ranking, Ranked, Ranking, SectorResult, MAX_CANDIDATES, RANKING_FIELDS};
pub use rewards::{evaluate, FiveStrong, Indicator, FIELDS};

/// Concatenates field lists at build time.
const fn join<const N: usize>(parts: &[&[FieldSpec]]) -> [FieldSpec; N] {
    let mut out = [field("", Kind::Boolean, "", ""); N];
    let mut n = 0;
    let mut p = 0;
    while p < parts.len() {
        let mut i = 0;
        while i < parts[p].len() {
            out[n] = parts[p][i];
            n += 1;
            i += 1;
        }
        p += 1;
    }
    assert!(n == N, "the lengths add up");
    out
}

const AS_OF: FieldSpec =
    field("asOf", Kind::Date, "估算日期", "Estimate date").hint("不填为今天。", "Today unless given.");
const LEVEL: FieldSpec = field("level", Kind::Enum, "认定类别", "Level").required().options(&LEVEL_CHOICES);
const LOCATION: FieldSpec =
    field("location", Kind::Enum, "所在县（市）区", "County or district").options(LOCATION_CHOICES).hint(
        "经济强县（市）只能是三个县（市）之一，经济强区只能是三个区之一。",
        "A county candidate is one of the three counties, a district candidate one of the three districts.",
    );

/// Every indicator of every level: what a candidate's `indicators` may hold (by level).
pub const ALL_INDICATORS: [FieldSpec; 14] = join(&[COUNTY_INDICATORS, TOWN_INDICATORS, ENTERPRISE_INDICATORS]);
