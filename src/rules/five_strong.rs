//! `five-strong` and `five-strong-ranking`: the “五强” recognition rewards (SPEC §4).
//!
//! 银川市经济领域“五强”认定工作方案（试行）（银党办〔2022〕83号）.

use crate::date::{Date, Period};
use crate::explain::{article_en, text, Document, DocumentKind, Explanation, Note, Reason, Text};
use crate::input::{Checked, ErrorCode, Fields, InputError};
use crate::json::Json;
use crate::money::{plain, round_yuan};
use crate::place::{Location, LOCATIONS};
use crate::rules::forest::grouped;
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

pub struct LevelRule {
    pub level: Level,
    pub name: Text,
    /// 一: the scope and quota clause.
    pub scope_clause: &'static str,
    /// 二: the clause naming the indicators.
    pub standard_clause: &'static str,
    /// How many can be candidates at all (e.g. 282 villages); `None` for enterprises.
    pub pool: Option<u32>,
    pub pool_text: Text,
    /// How many are recognised.
    pub quota: u32,
    /// “100 家左右”: the enterprise quota is approximate.
    pub approximate: bool,
    /// 原则上每个县（市）区推荐 min—max 个候选.
    pub recommended_per_unit: Option<PerUnit>,
    /// 四（三）: the cash reward, in yuan.
    pub reward: Decimal,
    /// The indicators the text names, ranked “根据指标高低综合排名赋分”.
    pub indicators: &'static [(&'static str, Text)],
    /// County / district: the text says 7 indicators and names 5; up to 2 more of the user's own naming.
    pub extra_indicators: usize,
}

const COUNTY_INDICATORS: &[(&str, Text)] = &[
    ("gdp", text("地区生产总值", "GDP")),
    ("fiscalRevenue", text("地方公共财政收入", "Local public fiscal revenue")),
    ("fixedAssetInvestment", text("固定资产投资", "Fixed-asset investment")),
    ("energyIntensityCompletion", text("能耗强度目标任务完成情况", "Energy-intensity target completion")),
    ("disposableIncome", text("居民人均可支配收入", "Per-capita disposable income")),
];
const TOWN_INDICATORS: &[(&str, Text)] = &[
    ("featuredIndustry", text("特色产业优势", "Featured-industry strength")),
    ("projectFunding", text("项目资金投入", "Project funding")),
    ("collectiveIncome", text("村集体经济收入", "Collective economic income")),
    ("integrationEntities", text("产业融合经营主体情况", "Industry-integration businesses")),
];
const ENTERPRISE_INDICATORS: &[(&str, Text)] = &[
    ("outputValue", text("企业产值", "Output value")),
    ("mainRevenue", text("主营业务收入", "Main business revenue")),
    ("taxesPaid", text("实缴税收", "Taxes paid")),
    ("rdSpending", text("研发经费投入", "R&D spending")),
    ("wageGrowth", text("从业人员工资收入增速", "Employee wage growth")),
];

/// 一（一）—（五）: scope and quota; 二（一）—（三）: indicators; 四（三）: the cash rewards
/// (经济强县（市）、经济强区 500 万元，经济强镇（乡）100 万元，经济强村 50 万元).
pub const LEVELS: [LevelRule; 5] = [
    LevelRule {
        level: Level::County,
        name: text("经济强县（市）", "Economically strongest county"),
        scope_clause: "一（一）",
        standard_clause: "二（一）",
        pool: Some(3),
        pool_text: text("永宁县、贺兰县、灵武市", "Yongning, Helan, Lingwu"),
        quota: 1,
        approximate: false,
        recommended_per_unit: None,
        reward: dec!(5000000),
        indicators: COUNTY_INDICATORS,
        extra_indicators: 2,
    },
    LevelRule {
        level: Level::District,
        name: text("经济强区", "Economically strongest district"),
        scope_clause: "一（二）",
        standard_clause: "二（一）",
        pool: Some(3),
        pool_text: text("兴庆区、金凤区、西夏区", "Xingqing, Jinfeng, Xixia"),
        quota: 1,
        approximate: false,
        recommended_per_unit: None,
        reward: dec!(5000000),
        indicators: COUNTY_INDICATORS,
        extra_indicators: 2,
    },
    LevelRule {
        level: Level::Town,
        name: text("经济强镇（乡）", "Economically strong town (township)"),
        scope_clause: "一（三）",
        standard_clause: "二（二）",
        pool: Some(26),
        pool_text: text("全市 26 个乡镇", "the city's 26 towns and townships"),
        quota: 6,
        approximate: false,
        recommended_per_unit: Some(PerUnit { min: 1, max: 2 }),
        reward: dec!(1000000),
        indicators: TOWN_INDICATORS,
        extra_indicators: 0,
    },
    LevelRule {
        level: Level::Village,
        name: text("经济强村", "Economically strong village"),
        scope_clause: "一（四）",
        standard_clause: "二（二）",
        pool: Some(282),
        pool_text: text("全市 282 个行政村", "the city's 282 administrative villages"),
        quota: 20,
        approximate: false,
        recommended_per_unit: Some(PerUnit { min: 4, max: 5 }),
        reward: dec!(500000),
        indicators: TOWN_INDICATORS,
        extra_indicators: 0,
    },
    LevelRule {
        level: Level::Enterprise,
        name: text("百强企业", "Top-100 enterprise"),
        scope_clause: "一（五）",
        standard_clause: "二（三）",
        pool: None,
        pool_text: text(
            "全市工业、农业、服务业和建筑业（房地产）企业",
            "the city's industrial, agricultural, service and construction / real-estate enterprises",
        ),
        quota: 100,
        approximate: true,
        recommended_per_unit: None,
        reward: dec!(0),
        indicators: ENTERPRISE_INDICATORS,
        extra_indicators: 0,
    },
];
pub const REWARD_CLAUSE: &str = "四（三）";

/// 一（五）: 农业龙头企业 10 家左右、规模以上工业企业 40 家左右、规模以上服务业企业 35 家左右、资质等级建筑业和房地产开发企业 15 家左右.
pub const ENTERPRISE_SECTORS: [(&str, Text, u32); 4] = [
    ("industry", text("规模以上工业企业", "Industrial enterprises above designated size"), 40),
    ("services", text("规模以上服务业企业", "Service enterprises above designated size"), 35),
    ("agriculture", text("农业龙头企业", "Leading agricultural enterprises"), 10),
    ("construction", text("资质等级建筑业和房地产开发企业", "Qualified construction and real-estate developers"), 15),
];

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
/// The negative list's codes: the request fields that carry it.
const NEGATIVE_CODES: [&str; NEGATIVE_LIST.len()] = {
    let mut codes = [""; NEGATIVE_LIST.len()];
    let mut i = 0;
    while i < codes.len() {
        codes[i] = NEGATIVE_LIST[i].code;
        i += 1;
    }
    codes
};
pub const BENEFITS_CLAUSE: &str = "四（三）";

// ── Shared by both calculators ──────────────────────────────────────────────

pub fn rule(level: Level) -> &'static LevelRule {
    match level {
        Level::County => &LEVELS[0],
        Level::District => &LEVELS[1],
        Level::Town => &LEVELS[2],
        Level::Village => &LEVELS[3],
        Level::Enterprise => &LEVELS[4],
    }
}

/// What the city pays when every cash place is filled: Σ quota × reward.
pub fn city_total_when_full() -> Decimal {
    LEVELS.iter().map(|l| Decimal::from(l.quota) * l.reward).sum()
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

fn quota(r: &LevelRule) -> Quota {
    Quota {
        recognised: r.quota,
        approximate: r.approximate,
        candidate_pool: r.pool,
        pool_description: r.pool_text,
        recommended_per_unit: r.recommended_per_unit,
        sectors: (r.level == Level::Enterprise).then(|| {
            ENTERPRISE_SECTORS.iter().map(|(code, name, n)| Sector { code, name: *name, approximately: *n }).collect()
        }),
    }
}

// ── five-strong: one candidate ──────────────────────────────────────────────

pub const FIELDS: &[&[&str]] = &[&["asOf", "level", "location"], &NEGATIVE_CODES];

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FiveStrong {
    pub eligible: bool,
    pub level: Level,
    pub level_name: Text,
    pub location: Option<Location>,
    /// The cash reward if recognised, in yuan (`"0"` for enterprises).
    pub reward: Decimal,
    pub quota: Quota,
    pub benefits: Vec<Reason>,
    pub indicators: Vec<Indicator>,
    pub recognition_cycle_years: u32,
    pub city_total_when_full: Decimal,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Indicator {
    pub key: &'static str,
    #[serde(flatten)]
    pub name: Text,
}

pub fn evaluate(input: &Json, today: Date) -> Checked<(Date, FiveStrong, Explanation)> {
    let f = Fields::new(input, "", FIELDS)?;
    let as_of = f.date("asOf")?.unwrap_or(today);
    let level = f.required("level", f.choice("level", LEVEL_CODES)?)?;
    let location = read_location(&f, level)?;
    let r = rule(level);
    let doc = &DOCUMENT;
    let mut ex = Explanation::default();
    doc.validity_warning(as_of, &mut ex);
    ex.cite(doc, r.scope_clause);
    ex.cite(doc, r.standard_clause);

    ex.cite(doc, NEGATIVE_CLAUSE);
    for item in read_negative_flags(&f, level, "", &mut ex)? {
        ex.unmet(
            doc,
            item.code,
            NEGATIVE_CLAUSE,
            format!("负面清单：{}，不再进行“五强”认定。", item.text.message_zh),
            format!("Negative list: {}; not considered for recognition.", item.text.message_en),
        );
    }
    let benefits = benefits(level, &mut ex);
    ex.cite(doc, CYCLE_CLAUSE);
    ex.interpret(Note::new(
        "trialScheme",
        format!("本方案为试行，未规定有效期；每 {RECOGNITION_CYCLE_YEARS} 年组织认定一次。"),
        format!(
            "The scheme is a trial with no end date; recognition takes place every {RECOGNITION_CYCLE_YEARS} years."
        ),
    ));

    let result = FiveStrong {
        eligible: ex.reasons.is_empty(),
        level,
        level_name: r.name,
        location,
        reward: round_yuan(r.reward),
        quota: quota(r),
        benefits,
        indicators: r.indicators.iter().map(|(key, name)| Indicator { key, name: *name }).collect(),
        recognition_cycle_years: RECOGNITION_CYCLE_YEARS,
        city_total_when_full: round_yuan(city_total_when_full()),
    };
    Ok((as_of, result, ex))
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

/// 四（三）: the cash reward (from [`LEVELS`]) and these benefits, by level.
fn benefits(level: Level, ex: &mut Explanation) -> Vec<Reason> {
    ex.cite(&DOCUMENT, BENEFITS_CLAUSE);
    let r = rule(level);
    let cash = (r.reward > Decimal::ZERO).then(|| Reason {
        code: "cashReward",
        article: BENEFITS_CLAUSE,
        message_zh: format!("市财政给予 {} 元奖励。", grouped(plain(r.reward))),
        message_en: format!("A reward of {} yuan from the city budget.", grouped(plain(r.reward))),
    });
    let others =
        BENEFITS.iter().filter(|b| b.levels.contains(&level)).map(|b| Reason::fixed(b.code, BENEFITS_CLAUSE, b.text));
    if level == Level::Enterprise {
        ex.interpret(Note::fixed(
            "truncatedText",
            text(
                "公报文本在“认定的“百强”企业负责人，享受优秀企……”处中断；按规则说明书理解为企业家绿色通道。",
                "The gazette text breaks off at “the heads of recognised top-100 enterprises enjoy …”; following the rulebook it is read as a green channel for the entrepreneur.",
            ),
        ));
    }
    cash.into_iter().chain(others).collect()
}

// ── five-strong-ranking: an estimate of who makes the quota ─────────────────

pub const RANKING_FIELDS: &[&[&str]] = &[&["asOf", "level", "quota", "sectorQuotas", "weights", "candidates"]];
const CANDIDATE_FIELDS: &[&[&str]] = &[&["name", "indicators", "location", "sector"], &NEGATIVE_CODES];
/// An input bound, not a rule: a sector quota above the longest list says nothing more.
const MAX_SECTOR_QUOTA: i64 = MAX_CANDIDATES as i64;
/// An input bound, not a rule: larger lists are refused rather than slowing the page.
pub const MAX_CANDIDATES: usize = 5000;
pub const MAX_NAME_CHARS: usize = 100;
/// Likewise for the name of an indicator of the user's own.
pub const MAX_INDICATOR_NAME_CHARS: usize = 40;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ranked {
    pub name: String,
    /// The enterprise's sector, when the ranking is by sector (一（五）).
    pub sector: Option<&'static str>,
    /// Overall rank among the candidates ranked (ties share the better rank); `null` when excluded.
    pub rank: Option<usize>,
    /// Weighted mean of the indicator scores, 0–100, to 2 decimal places.
    pub composite: Option<Decimal>,
    /// Per indicator: the candidate's rank and score.
    pub scores: Vec<IndicatorScore>,
    pub recognised: bool,
    /// Tied with others across the cut-off: the leading group decides.
    pub tied_at_cutoff: bool,
    pub excluded_by: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorScore {
    pub key: String,
    pub value: Decimal,
    pub rank: Option<usize>,
    pub score: Option<Decimal>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ranking {
    pub level: Level,
    pub level_name: Text,
    pub quota: u32,
    pub reward: Decimal,
    pub indicators: Vec<String>,
    pub weights: Vec<(String, Decimal)>,
    pub ranking: Vec<Ranked>,
    pub recognised_count: usize,
    pub tie_at_cutoff: bool,
    /// Places the tied candidates compete for.
    pub places_left_for_tied: usize,
    /// The reward for every place the estimate fills (ties included), in yuan.
    pub total_reward: Decimal,
    /// Ranked within sectors against each sector's quota (enterprises, 一（五）); `null` otherwise.
    pub sectors: Option<Vec<SectorResult>>,
    pub estimate: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SectorResult {
    pub sector: &'static str,
    #[serde(flatten)]
    pub name: Text,
    pub quota: u32,
    pub candidates: usize,
    pub recognised_count: usize,
    pub tie_at_cutoff: bool,
    pub places_left_for_tied: usize,
}

struct Candidate {
    name: String,
    location: Option<Location>,
    sector: Option<usize>,
    values: Vec<Decimal>,
    excluded_by: Vec<&'static str>,
}

pub fn evaluate_ranking(input: &Json, today: Date) -> Checked<(Date, Ranking, Explanation)> {
    let f = Fields::new(input, "", RANKING_FIELDS)?;
    let as_of = f.date("asOf")?.unwrap_or(today);
    let level = f.required("level", f.choice("level", LEVEL_CODES)?)?;
    let r = rule(level);
    let doc = &DOCUMENT;
    let mut ex = Explanation::default();
    doc.validity_warning(as_of, &mut ex);
    ex.cite(doc, r.scope_clause);
    ex.cite(doc, r.standard_clause);
    ex.cite(doc, NEGATIVE_CLAUSE);
    ex.cite(doc, REWARD_CLAUSE);

    let items = f.required("candidates", f.array("candidates")?)?;
    if items.is_empty() || items.len() > MAX_CANDIDATES {
        return Err(f.out_of_range(
            "candidates",
            &format!("候选名单须有 1 至 {MAX_CANDIDATES} 个候选，实际为 {} 个", items.len()),
            &format!("the list must have 1 to {MAX_CANDIDATES} candidates, got {}", items.len()),
        ));
    }
    let keys = indicator_keys(items, r)?;
    let candidates = read_candidates(items, &keys, level, &mut ex)?;
    let sector_mode = read_sector_mode(&f, level, &candidates, &mut ex)?;
    if sector_mode && f.has("quota") {
        return Err(f.conflicting("sectorQuotas", "quota"));
    }
    let quota = match f.integer("quota", 1, i64::from(u32::MAX))? {
        None => r.quota,
        Some(q) if q as usize > candidates.len() => {
            return Err(f.out_of_range(
                "quota",
                &format!("名额 {q} 多于候选名单中的 {} 个候选", candidates.len()),
                &format!("a quota of {q} is larger than the {} candidates listed", candidates.len()),
            ))
        }
        Some(q) => q as u32,
    };
    let weights = read_weights(&f, &keys)?;
    if let Some(pool) = r.pool.filter(|p| candidates.len() > *p as usize) {
        ex.warn(Note::new(
            "moreCandidatesThanPool",
            format!(
                "候选数 {} 多于{}的范围（{}，共 {pool} 个）。",
                candidates.len(),
                r.name.message_zh,
                r.pool_text.message_zh
            ),
            format!(
                "{} candidates are more than the {pool} that can take part at this level ({}).",
                candidates.len(),
                r.pool_text.message_en
            ),
        ));
    }
    recommendation_limits(r, &candidates, &mut ex);
    explain_method(r, &mut ex);

    let (ranking, quota, sectors, places_filled) = if sector_mode {
        let sector_quotas = read_sector_quotas(&f)?;
        let mut rows = Vec::new();
        let mut results = Vec::new();
        let mut filled = 0;
        for (index, (code, name, _)) in ENTERPRISE_SECTORS.iter().enumerate() {
            let members: Vec<&Candidate> = candidates.iter().filter(|c| c.sector == Some(index)).collect();
            let q = sector_quotas[index];
            let mut ranked = rank(&members, &keys, &weights, q as usize);
            for row in &mut ranked {
                row.sector = Some(code);
            }
            let outcome = outcome(&ranked, q);
            if !members.is_empty() {
                explain_outcome(q, &outcome, Some(name), &mut ex);
            }
            filled += outcome.places_filled;
            results.push(SectorResult {
                sector: code,
                name: *name,
                quota: q,
                candidates: members.len(),
                recognised_count: outcome.recognised,
                tie_at_cutoff: outcome.tied > 0,
                places_left_for_tied: outcome.places_left_for_tied,
            });
            rows.extend(ranked);
        }
        ex.interpret(Note::new(
            "sectorRanking",
            format!(
                "企业按所属行业分别排名（{}各行业名额为“左右”，默认 {}），各行业的得分只在本行业候选之间计算。",
                r.scope_clause,
                ENTERPRISE_SECTORS.iter().map(|(_, n, q)| format!("{} {q} 家", n.message_zh)).collect::<Vec<_>>().join("、")
            ),
            format!(
                "Enterprises are ranked within their sector ({}: each sector's quota is “about” a figure — by default {}); scores are computed among that sector's candidates only.",
                article_en(r.scope_clause),
                ENTERPRISE_SECTORS.iter().map(|(_, n, q)| format!("{q} {}", n.message_en)).collect::<Vec<_>>().join(", ")
            ),
        ));
        let total_quota = sector_quotas.iter().sum();
        (rows, total_quota, Some(results), filled)
    } else {
        let all: Vec<&Candidate> = candidates.iter().collect();
        let ranked = rank(&all, &keys, &weights, quota as usize);
        let outcome = outcome(&ranked, quota);
        explain_outcome(quota, &outcome, None, &mut ex);
        let filled = outcome.places_filled;
        (ranked, quota, None, filled)
    };
    let recognised_count = ranking.iter().filter(|c| c.recognised).count();
    let places_left_for_tied = places_filled.saturating_sub(recognised_count);
    let tie_at_cutoff = ranking.iter().any(|c| c.tied_at_cutoff);

    let result = Ranking {
        level,
        level_name: r.name,
        quota,
        reward: round_yuan(r.reward),
        indicators: keys.clone(),
        weights: keys.iter().cloned().zip(weights.iter().map(|w| plain(*w))).collect(),
        ranking,
        recognised_count,
        tie_at_cutoff,
        places_left_for_tied,
        total_reward: round_yuan(r.reward * Decimal::from(places_filled as u64)),
        sectors,
        estimate: true,
    };
    Ok((as_of, result, ex))
}

/// Enterprises: ranked by sector when every candidate has one (一（五）), together
/// with a warning when none has; a mix is an error naming the first without one.
fn read_sector_mode(f: &Fields, level: Level, candidates: &[Candidate], ex: &mut Explanation) -> Checked<bool> {
    if level != Level::Enterprise {
        if let Some(i) = candidates.iter().position(|c| c.sector.is_some()) {
            let field = format!("candidates[{i}].sector");
            return Err(InputError::new(
                ErrorCode::ConflictingFields,
                Some(field.clone()),
                format!("第 {} 个候选：所属行业 {field} 只适用于百强企业（level 为 enterprise）。", i + 1),
                format!(
                    "Candidate {}: the sector {field} applies to top-100 enterprises only (level enterprise).",
                    i + 1
                ),
            ));
        }
        if f.has("sectorQuotas") {
            return Err(f.only_with("sectorQuotas", "level", "enterprise"));
        }
        return Ok(false);
    }
    let with = candidates.iter().filter(|c| c.sector.is_some()).count();
    if with == candidates.len() {
        return Ok(true);
    }
    if with > 0 {
        let i = candidates.iter().position(|c| c.sector.is_none()).unwrap_or(0);
        let field = format!("candidates[{i}].sector");
        return Err(InputError::new(
            ErrorCode::MissingField,
            Some(field.clone()),
            format!("第 {} 个候选缺少所属行业 {field}：按行业排名时每个企业都须填写行业。", i + 1),
            format!("Candidate {} has no sector ({field}): ranking by sector needs every enterprise's sector.", i + 1),
        ));
    }
    ex.warn(Note::new(
        "sectorQuotasIgnored",
        format!(
            "未填写企业所属行业：全部企业合并排名，不按{}各行业名额（工业 40、服务业 35、农业 10、建筑业和房地产 15 家左右）分别认定{}。",
            rule(level).scope_clause,
            if f.has("sectorQuotas") { "，已忽略 sectorQuotas" } else { "" }
        ),
        format!(
            "No sectors given: all enterprises are ranked together, not within the sector quotas of {} (about 40 industry, 35 services, 10 agriculture, 15 construction and real estate){}.",
            article_en(rule(level).scope_clause),
            if f.has("sectorQuotas") { "; sectorQuotas is ignored" } else { "" }
        ),
    ));
    Ok(false)
}

/// The sector quotas: 一（五）'s defaults, each overridable.
fn read_sector_quotas(f: &Fields) -> Checked<[u32; 4]> {
    let mut quotas = ENTERPRISE_SECTORS.map(|(_, _, q)| q);
    let codes: Vec<&str> = ENTERPRISE_SECTORS.iter().map(|(c, _, _)| *c).collect();
    if let Some(given) = f.object("sectorQuotas", &[&codes])? {
        for (slot, code) in quotas.iter_mut().zip(&codes) {
            if let Some(q) = given.integer(code, 0, MAX_SECTOR_QUOTA)? {
                *slot = q as u32;
            }
        }
    }
    Ok(quotas)
}

/// 一（三）、一（四）: 原则上每个县（市）区推荐 min—max 个候选 — a warning, not an error.
fn recommendation_limits(r: &LevelRule, candidates: &[Candidate], ex: &mut Explanation) {
    let Some(per_unit) = r.recommended_per_unit else { return };
    for (_, location) in LOCATIONS {
        let count = candidates.iter().filter(|c| c.location == Some(*location)).count();
        if count > per_unit.max as usize {
            ex.warn(Note::new(
                "recommendationLimit",
                format!(
                    "{}有 {count} 个候选，多于{}“原则上每个县（市）区推荐 {}—{} 个”的数量。",
                    location.name_zh(),
                    r.scope_clause,
                    per_unit.min,
                    per_unit.max
                ),
                format!(
                    "{} has {count} candidates, more than the {}–{} each county or district recommends “in principle” ({}).",
                    location.name_en(),
                    per_unit.min,
                    per_unit.max,
                    article_en(r.scope_clause)
                ),
            ));
        }
    }
}

/// The indicator keys: those the text names for the level, plus (county and
/// district) up to two more that the candidates carry, in order of appearance.
fn indicator_keys(items: &[Json], r: &LevelRule) -> Checked<Vec<String>> {
    let mut keys: Vec<String> = r.indicators.iter().map(|(k, _)| k.to_string()).collect();
    for (i, item) in items.iter().enumerate() {
        let Some(indicators) = item.get("indicators").and_then(Json::as_object) else { continue };
        for (key, _) in indicators {
            if keys.contains(key) {
                continue;
            }
            if keys.len() - r.indicators.len() >= r.extra_indicators
                || key.is_empty()
                || key.chars().count() > MAX_INDICATOR_NAME_CHARS
            {
                let field = format!("candidates[{i}].indicators.{key}");
                let named: Vec<&str> = r.indicators.iter().map(|(k, _)| *k).collect();
                let more = if r.extra_indicators > 0 {
                    format!("，另可自拟至多 {} 项", r.extra_indicators)
                } else {
                    String::new()
                };
                let more_en = if r.extra_indicators > 0 {
                    format!(", plus up to {} of your own", r.extra_indicators)
                } else {
                    String::new()
                };
                return Err(InputError::new(
                    ErrorCode::UnknownField,
                    Some(field.clone()),
                    format!("未知指标 {field}。{}的指标为：{}{more}。", r.name.message_zh, named.join("、")),
                    format!(
                        "Unknown indicator {field}. The indicators for this level are: {}{more_en}.",
                        named.join(", ")
                    ),
                ));
            }
            keys.push(key.clone());
        }
    }
    Ok(keys)
}

fn read_candidates(items: &[Json], keys: &[String], level: Level, ex: &mut Explanation) -> Checked<Vec<Candidate>> {
    let key_refs: Vec<&str> = keys.iter().map(String::as_str).collect();
    let mut out: Vec<Candidate> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = format!("candidates[{i}]");
        let c = Fields::new(item, &path, CANDIDATE_FIELDS)?;
        let name = match c.raw("name") {
            None => return Err(c.missing("name")),
            Some(Json::String(s)) if !s.trim().is_empty() && s.chars().count() <= MAX_NAME_CHARS => {
                s.trim().to_string()
            }
            Some(_) => {
                return Err(InputError::new(
                    ErrorCode::InvalidType,
                    Some(c.path("name")),
                    format!("{path}.name 必须是 1 至 {MAX_NAME_CHARS} 个字的名称。"),
                    format!("{path}.name must be a name of 1 to {MAX_NAME_CHARS} characters."),
                ))
            }
        };
        if let Some(first) = out.iter().position(|o| o.name == name) {
            return Err(InputError::new(
                ErrorCode::ConflictingFields,
                Some(c.path("name")),
                format!("候选名称“{name}”重复（candidates[{first}] 与 {path}）。"),
                format!("The name “{name}” appears twice (candidates[{first}] and {path})."),
            ));
        }
        let location = read_location(&c, level)?;
        let sector = c.choice("sector", &SECTOR_CODES)?;
        let ind = c.object("indicators", &[&key_refs])?.ok_or_else(|| c.missing("indicators"))?;
        let mut values = Vec::with_capacity(keys.len());
        for key in keys {
            let value = ind.decimal(key)?.ok_or_else(|| missing_indicator(&ind, key, keys, named_count(level)))?;
            if value.is_sign_negative() && !value.is_zero() && !MAY_BE_NEGATIVE.contains(&key.as_str()) {
                return Err(ind.out_of_range(
                    key,
                    &format!("指标不能为负数，实际为 {value}"),
                    &format!("the figure cannot be negative, got {value}"),
                ));
            }
            values.push(value);
        }
        let excluded_by = read_negative_flags(&c, level, &format!("{name}："), ex)?.iter().map(|n| n.code).collect();
        out.push(Candidate { name, location, sector, values, excluded_by });
    }
    Ok(out)
}

/// Growth rates can fall below zero; every other figure is a quantity.
const MAY_BE_NEGATIVE: &[&str] = &["wageGrowth"];

fn named_count(level: Level) -> usize {
    rule(level).indicators.len()
}

/// `missingField`; where the list has indicators of its own, one of them may be a misspelling.
fn missing_indicator(ind: &Fields, key: &str, keys: &[String], named: usize) -> InputError {
    let own: Vec<&str> = keys.iter().skip(named).map(String::as_str).collect();
    if own.is_empty() || !keys.iter().take(named).any(|k| k == key) {
        return ind.missing(key);
    }
    let f = ind.path(key);
    InputError::new(
        ErrorCode::MissingField,
        Some(f.clone()),
        format!("缺少指标 {f}。名单中另有自拟指标 {}：是否拼写有误？", own.join("、")),
        format!(
            "Missing indicator {f}. The list also has indicators of its own: {}; is one of them a misspelling?",
            own.join(", ")
        ),
    )
}

/// An input bound, not a rule: a weight beyond this says nothing more than a large one.
const MAX_WEIGHT: Decimal = dec!(1000000);

/// Weights per indicator: 1 unless given; non-negative, not all zero.
fn read_weights(f: &Fields, keys: &[String]) -> Checked<Vec<Decimal>> {
    let key_refs: Vec<&str> = keys.iter().map(String::as_str).collect();
    let Some(w) = f.object("weights", &[&key_refs])? else {
        return Ok(vec![Decimal::ONE; keys.len()]);
    };
    let weights = keys
        .iter()
        .map(|k| w.decimal_in(k, Decimal::ZERO, MAX_WEIGHT).map(|v| v.unwrap_or(Decimal::ONE)))
        .collect::<Checked<Vec<Decimal>>>()?;
    if weights.iter().all(|w| w.is_zero()) {
        return Err(f.out_of_range("weights", "权重不能全部为 0", "the weights cannot all be 0"));
    }
    Ok(weights)
}

/// Competition ranks, higher first: ties share the better rank (1, 2, 2, 4).
fn ranks_desc(values: &[Decimal]) -> Vec<usize> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    values.iter().map(|v| 1 + sorted.partition_point(|x| x > v)).collect()
}

/// SPEC §4 (interpretation `rankingMethod`): per indicator, score = (n − rank + 1) / n × 100;
/// composite = weighted mean; the top `quota` are recognised; a tie across the cut-off is flagged.
fn rank(candidates: &[&Candidate], keys: &[String], weights: &[Decimal], quota: usize) -> Vec<Ranked> {
    let ranked: Vec<&Candidate> = candidates.iter().copied().filter(|c| c.excluded_by.is_empty()).collect();
    let n = ranked.len();
    let n_dec = Decimal::from(n as u64);
    let weight_sum: Decimal = weights.iter().sum();
    // Per indicator, each ranked candidate's rank.
    let indicator_ranks: Vec<Vec<usize>> =
        (0..keys.len()).map(|k| ranks_desc(&ranked.iter().map(|c| c.values[k]).collect::<Vec<_>>())).collect();
    // Exact points Σ w × (n − rank + 1): the composite's order without any division.
    let points: Vec<Decimal> = (0..n)
        .map(|i| (0..keys.len()).map(|k| weights[k] * Decimal::from((n + 1 - indicator_ranks[k][i]) as u64)).sum())
        .collect();
    let overall = ranks_desc(&points);
    let mut places_taken = vec![0usize; n + 1];
    for r in &overall {
        places_taken[*r] += 1;
    }
    let round2 = |d: Decimal| d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero).normalize();

    let mut out: Vec<Ranked> = ranked
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let rank = overall[i];
            // Candidates sharing this rank occupy places rank .. rank + ties − 1.
            let last_place = rank + places_taken[rank] - 1;
            let tied_at_cutoff = rank <= quota && last_place > quota;
            let scores = keys
                .iter()
                .enumerate()
                .map(|(k, key)| {
                    let r = indicator_ranks[k][i];
                    let score = Decimal::from((n + 1 - r) as u64) * Decimal::ONE_HUNDRED / n_dec;
                    IndicatorScore {
                        key: key.clone(),
                        value: plain(c.values[k]),
                        rank: Some(r),
                        score: Some(round2(score)),
                    }
                })
                .collect();
            let composite = points[i] * Decimal::ONE_HUNDRED / (n_dec * weight_sum);
            Ranked {
                name: c.name.clone(),
                sector: None,
                rank: Some(rank),
                composite: Some(round2(composite)),
                scores,
                recognised: last_place <= quota,
                tied_at_cutoff,
                excluded_by: Vec::new(),
            }
        })
        .collect();
    // Best first; equal ranks keep the order they were listed in.
    out.sort_by_key(|c| c.rank);
    out.extend(candidates.iter().filter(|c| !c.excluded_by.is_empty()).map(|c| {
        Ranked {
            name: c.name.clone(),
            sector: None,
            rank: None,
            composite: None,
            scores: keys
                .iter()
                .enumerate()
                .map(|(k, key)| IndicatorScore { key: key.clone(), value: plain(c.values[k]), rank: None, score: None })
                .collect(),
            recognised: false,
            tied_at_cutoff: false,
            excluded_by: c.excluded_by.clone(),
        }
    }));
    out
}

/// What a ranking against one quota came to.
struct Outcome {
    recognised: usize,
    tied: usize,
    ranked: usize,
    places_filled: usize,
    places_left_for_tied: usize,
}

fn outcome(rows: &[Ranked], quota: u32) -> Outcome {
    let recognised = rows.iter().filter(|c| c.recognised).count();
    let ranked = rows.iter().filter(|c| c.rank.is_some()).count();
    let places_filled = (quota as usize).min(ranked);
    Outcome {
        recognised,
        tied: rows.iter().filter(|c| c.tied_at_cutoff).count(),
        ranked,
        places_filled,
        // Never negative: a recognised row sits within the quota and among the ranked.
        places_left_for_tied: places_filled.saturating_sub(recognised),
    }
}

fn explain_method(r: &LevelRule, ex: &mut Explanation) {
    ex.warn(Note::fixed(
        "estimateOnly",
        text(
            "这是估算，不是官方认定方法：方案只规定“根据指标高低综合排名赋分”，未公布各指标权重和赋分办法；正式认定由专业机构量化赋分、领导小组审定。",
            "This is an estimate, not the official method: the scheme says only “scores by ranking on the indicators” and publishes no weights or scoring rules; the official result comes from a professional body's scoring and the leading group's decision.",
        ),
    ));
    ex.interpret(Note::fixed(
        "rankingMethod",
        text(
            "每项指标由高到低排名（并列者取较好名次），得分 = (n − 名次 + 1) ÷ n × 100（n 为参与排名的候选数）；综合得分为各指标得分的加权平均（默认等权，可调整）；负面清单候选先行排除；综合得分前“名额”名视为认定。",
            "Each indicator is ranked from high to low (ties share the better rank); score = (n − rank + 1) ÷ n × 100, n being the number ranked; the composite is the weighted mean of the scores (equal weights unless adjusted); negative-list candidates are excluded first; the top “quota” by composite are taken as recognised.",
        ),
    ));
    if r.approximate {
        ex.interpret(Note::fixed(
            "approximateQuota",
            text(
                "百强企业名额为“100 家左右”，各行业名额亦为“左右”，默认按所列数字估算。",
                "The top-100 quota is “about 100” and each sector's quota is “about” its figure too; the estimate uses the figures unless told otherwise.",
            ),
        ));
    }
}

/// Tie and shortfall warnings for one quota (`sector`: the sector's name, when ranking by sector).
fn explain_outcome(quota: u32, o: &Outcome, sector: Option<&Text>, ex: &mut Explanation) {
    let (in_zh, in_en) = match sector {
        Some(t) => (format!("{}：", t.message_zh), format!("{}: ", t.message_en)),
        None => (String::new(), String::new()),
    };
    let (tied, places_left, ranked) = (o.tied, o.places_left_for_tied, o.ranked);
    if tied > 0 {
        ex.warn(Note::new(
            "tieAtCutoff",
            format!("{in_zh}名额线上有 {tied} 个候选综合得分并列，争夺剩余 {places_left} 个名额：估算不作裁决，由领导小组审定。"),
            format!("{in_en}{tied} candidates tie across the cut-off for the {places_left} remaining place(s): the estimate does not break the tie; the leading group decides."),
        ));
    }
    if ranked < quota as usize {
        ex.warn(Note::new(
            "fewerThanQuota",
            format!("{in_zh}排除负面清单后仅有 {ranked} 个候选，少于名额 {quota} 个。"),
            format!("{in_en}Only {ranked} candidates remain after the negative list, fewer than the quota of {quota}."),
        ));
    }
}
