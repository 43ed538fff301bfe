//! `five-strong-ranking`: a transparent estimate of who falls within the quota
//! (docs/rulebook.md §4, interpretation `rankingMethod`).

use super::*;
use crate::explain::Step;
use crate::input::lower_first;

/// The request fields (the catalog's schema).
pub const RANKING_FIELDS: [FieldSpec; 6] = [
    AS_OF,
    LEVEL,
    field("quota", Kind::Integer, "名额", "Places")
        .range(Bound::Fixed(Decimal::ONE), Bound::Fixed(Decimal::from_parts(MAX_CANDIDATES as u32, 0, 0, false, 0)))
        .hint("不填按方案规定的名额；不能多于候选数。按行业排名的企业改填各行业名额。", "The scheme's quota unless given; not more than the candidates. Enterprises ranked by sector take sector quotas instead.")
        .article("一"),
    field("sectorQuotas", Kind::Object, "各行业名额", "Places per sector")
        .fields(&SECTOR_QUOTA_FIELDS)
        .hint("仅百强企业按行业排名时使用；不填的行业按方案规定的约数。", "Only for enterprises ranked by sector; a sector not given keeps the scheme's figure.")
        .article("一（五）"),
    field("weights", Kind::Object, "指标权重", "Indicator weights")
        .fields(&ALL_INDICATORS)
        .hint("方案未公布权重：默认各指标等权（均为 1），可按需调整，不能全部为 0。", "The scheme publishes no weights: every indicator weighs 1 unless changed; not all 0."),
    field("candidates", Kind::List, "候选名单", "Candidates").required().fields(&CANDIDATE_FIELDS),
];

const SECTOR_QUOTA_FIELDS: [FieldSpec; 4] = {
    let mut out = [field("", Kind::Integer, "", ""); 4];
    let mut i = 0;
    while i < 4 {
        let (code, name) = ENTERPRISE_SECTORS[i];
        out[i] = field(code, Kind::Integer, name.message_zh, name.message_en)
            .unit("家", "enterprises")
            .range(
                Bound::Fixed(Decimal::ZERO),
                Bound::Fixed(Decimal::from_parts(MAX_SECTOR_QUOTA as u32, 0, 0, false, 0)),
            )
            .article("一（五）");
        i += 1;
    }
    out
};

const SECTOR_CHOICES: [Choice; 4] = {
    let mut out = [choice("", "", ""); 4];
    let mut i = 0;
    while i < 4 {
        let (code, name) = ENTERPRISE_SECTORS[i];
        out[i] = choice(code, name.message_zh, name.message_en).article("一（五）");
        i += 1;
    }
    out
};

/// One candidate of the list.
const CANDIDATE_FIELDS: [FieldSpec; 4 + NEGATIVE_LIST.len()] = join(&[
    &[
        field("name", Kind::Text, "名称", "Name")
            .required()
            .hint("每个候选的名称须不同。", "Each candidate's name must differ."),
        LOCATION,
        field("sector", Kind::Enum, "所属行业", "Sector")
            .options(&SECTOR_CHOICES)
            .required_when("百强企业按行业排名时每个企业都须填写", "for every enterprise when ranking by sector")
            .article("一（五）"),
        field("indicators", Kind::Object, "指标", "Indicators").required().fields(&ALL_INDICATORS),
    ],
    &NEGATIVE_FIELDS,
]);
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
    #[serde(skip_serializing_if = "crate::explain::codes_only")]
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
    let f = Fields::new(input, "", &RANKING_FIELDS)?;
    let as_of = f.date("asOf")?.unwrap_or(today);
    let level = f.required("level", f.choice("level", LEVEL_CODES)?)?;
    let (r, mut ex) = start(level, as_of);
    let doc = &DOCUMENT;
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
    let keys = indicator_keys(items, r, as_of)?;
    let candidates = read_candidates(items, &keys, r, &mut ex)?;
    let sector_mode = read_sector_mode(&f, level, &candidates, SECTOR_QUOTAS.at(as_of), &mut ex)?;
    if sector_mode && f.has("quota") {
        return Err(f.conflicting("sectorQuotas", "quota"));
    }
    let figures = r.figures.at(as_of);
    let quota = match f.integer("quota", 1, i64::from(u32::MAX))? {
        None => figures.quota,
        Some(q) if q as usize > candidates.len() => {
            return Err(f.out_of_range(
                "quota",
                &format!("名额 {q} 多于候选名单中的 {} 个候选", candidates.len()),
                &format!("a quota of {q} is larger than the {} candidates listed", candidates.len()),
            ))
        }
        Some(q) => q as u32,
    };
    let weights = read_weights(&f, &keys, r)?;
    if let Some(pool) = figures.pool.filter(|p| candidates.len() > *p as usize) {
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
    recommendation_limits(r, figures.per_unit, &candidates, &mut ex);
    explain_method(r, &mut ex);

    let (ranking, quota, sectors, places_filled) = if sector_mode {
        let sector_quotas = read_sector_quotas(&f, SECTOR_QUOTAS.at(as_of))?;
        let mut rows = Vec::new();
        let mut results = Vec::new();
        let mut filled = 0;
        for (index, (code, name)) in ENTERPRISE_SECTORS.iter().enumerate() {
            let members: Vec<&Candidate> = candidates.iter().filter(|c| c.sector == Some(index)).collect();
            let q = sector_quotas[index];
            let mut ranked = rank(&members, &keys, &weights, q as usize, r, &mut ex.steps);
            for row in &mut ranked {
                row.sector = Some(code);
            }
            let outcome = outcome(&ranked, q);
            if !members.is_empty() {
                explain_outcome(q, &outcome, Some(name), &mut ex);
                cutoff_step(r, q, &outcome, &ranked, Some(name), &mut ex);
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
                sector_list_zh(&sector_quotas)
            ),
            format!(
                "Enterprises are ranked within their sector ({}: each sector's quota is “about” a figure — by default {}); scores are computed among that sector's candidates only.",
                article_en(r.scope_clause),
                sector_list_en(&sector_quotas)
            ),
        ));
        let total_quota = sector_quotas.iter().sum();
        (rows, total_quota, Some(results), filled)
    } else {
        let all: Vec<&Candidate> = candidates.iter().collect();
        let ranked = rank(&all, &keys, &weights, quota as usize, r, &mut ex.steps);
        let outcome = outcome(&ranked, quota);
        explain_outcome(quota, &outcome, None, &mut ex);
        cutoff_step(r, quota, &outcome, &ranked, None, &mut ex);
        let filled = outcome.places_filled;
        (ranked, quota, None, filled)
    };
    let recognised_count = ranking.iter().filter(|c| c.recognised).count();
    let places_left_for_tied = places_filled.saturating_sub(recognised_count);
    let tie_at_cutoff = ranking.iter().any(|c| c.tied_at_cutoff);

    // 四（三）: the reward for every place the estimate fills.
    let total_reward = round_yuan(figures.reward * Decimal::from(places_filled as u64));
    ex.step(REWARD_CLAUSE, Some(total_reward), || {
        let (reward, total) = (grouped(plain(figures.reward)), grouped(plain(total_reward)));
        if figures.reward.is_zero() {
            (
                format!("{REWARD_CLAUSE} 未给予{}现金奖励：0 元", r.name.message_zh),
                format!(
                    "{} gives no cash reward to a {}: 0 yuan",
                    article_en(REWARD_CLAUSE),
                    lower_first(r.name.message_en)
                ),
            )
        } else {
            (
                format!("{REWARD_CLAUSE} {reward} 元 × {places_filled} 个名额 = {total} 元"),
                format!(
                    "{} {reward} yuan × {places_filled} {} = {total} yuan",
                    article_en(REWARD_CLAUSE),
                    if places_filled == 1 { "place" } else { "places" }
                ),
            )
        }
    });

    let result = Ranking {
        level,
        level_name: r.name,
        quota,
        reward: round_yuan(figures.reward),
        indicators: keys.clone(),
        weights: keys.iter().cloned().zip(weights.iter().map(|w| plain(*w))).collect(),
        ranking,
        recognised_count,
        tie_at_cutoff,
        places_left_for_tied,
        total_reward,
        sectors,
        estimate: true,
    };
    Ok((as_of, result, ex))
}

/// Enterprises: ranked by sector when every candidate has one (一（五）), together
/// with a warning when none has; a mix is an error naming the first without one.
fn read_sector_mode(
    f: &Fields,
    level: Level,
    candidates: &[Candidate],
    defaults: [u32; 4],
    ex: &mut Explanation,
) -> Checked<bool> {
    if level != Level::Enterprise {
        if let Some(i) = candidates.iter().position(|c| c.sector.is_some()) {
            return Err(row_error(
                ErrorCode::ConflictingFields,
                i,
                "sector",
                &|l| format!("{l}只适用于百强企业；其他类别的候选不填行业。"),
                &|l| format!("{l} applies to top-100 enterprises only; leave it out for other levels."),
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
        return Err(row_error(
            ErrorCode::MissingField,
            i,
            "sector",
            &|l| format!("请填写{l}：按行业排名时每个企业都须填写行业（或全部不填，合并排名）。"),
            &|l| {
                format!("{l} is required: ranking by sector needs every enterprise's sector (or none, to rank them together).")
            },
        ));
    }
    ex.warn(Note::new(
        "sectorQuotasIgnored",
        format!(
            "未填写企业所属行业：全部企业合并排名，不按{}各行业名额（{}，均为“左右”）分别认定{}。",
            rule(level).scope_clause,
            sector_list_zh(&defaults),
            if f.has("sectorQuotas") { "，已忽略 sectorQuotas" } else { "" }
        ),
        format!(
            "No sectors given: all enterprises are ranked together, not within the sector quotas of {} (about {}){}.",
            article_en(rule(level).scope_clause),
            sector_list_en(&defaults),
            if f.has("sectorQuotas") { "; sectorQuotas is ignored" } else { "" }
        ),
    ));
    Ok(false)
}

fn sector_list_zh(quotas: &[u32; 4]) -> String {
    ENTERPRISE_SECTORS
        .iter()
        .zip(quotas)
        .map(|((_, n), q)| format!("{} {q} 家", n.message_zh))
        .collect::<Vec<_>>()
        .join("、")
}

fn sector_list_en(quotas: &[u32; 4]) -> String {
    ENTERPRISE_SECTORS
        .iter()
        .zip(quotas)
        .map(|((_, n), q)| format!("{q} {}", n.message_en))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An error about field `key` of the candidate in row `index` (from 0), named by its label.
fn row_error(
    code: ErrorCode,
    index: usize,
    key: &str,
    zh: &dyn Fn(&str) -> String,
    en: &dyn Fn(&str) -> String,
) -> InputError {
    let (lzh, len) =
        crate::schema::find(&CANDIDATE_FIELDS, key).map_or((key, key), |s| (s.label.message_zh, s.label.message_en));
    let label = Label { zh: format!("第 {} 行“{lzh}”", index + 1), en: format!("Row {}, {len}", index + 1) };
    let mut e = InputError::new(code, Some(format!("candidates[{index}].{key}")), zh(&label.zh), en(&label.en))
        .param("row", index + 1);
    e.label = Some(Box::new(label));
    e
}

/// The sector quotas: 一（五）'s defaults, each overridable.
fn read_sector_quotas(f: &Fields, defaults: [u32; 4]) -> Checked<[u32; 4]> {
    let mut quotas = defaults;
    let codes: Vec<&str> = ENTERPRISE_SECTORS.iter().map(|(c, _)| *c).collect();
    if let Some(given) = f.object("sectorQuotas")? {
        for (slot, code) in quotas.iter_mut().zip(&codes) {
            if let Some(q) = given.integer(code, 0, MAX_SECTOR_QUOTA)? {
                *slot = q as u32;
            }
        }
    }
    Ok(quotas)
}

/// 一（三）、一（四）: 原则上每个县（市）区推荐 min—max 个候选 — a warning, not an error.
fn recommendation_limits(r: &LevelRule, per_unit: Option<PerUnit>, candidates: &[Candidate], ex: &mut Explanation) {
    let Some(per_unit) = per_unit else { return };
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
fn indicator_keys(items: &[Json], r: &LevelRule, on: Date) -> Checked<Vec<String>> {
    let own = r.own_indicators(on);
    let mut keys: Vec<String> = r.indicators.iter().map(|s| s.key.to_string()).collect();
    for (i, item) in items.iter().enumerate() {
        let Some(indicators) = item.get("indicators").and_then(Json::as_object) else { continue };
        for (key, _) in indicators {
            if keys.contains(key) {
                continue;
            }
            if keys.len() - r.indicators.len() >= own
                || key.is_empty()
                || key.chars().count() > MAX_INDICATOR_NAME_CHARS
            {
                let field = format!("candidates[{i}].indicators.{key}");
                let named: Vec<&str> = r.indicators.iter().map(|s| s.label.message_zh).collect();
                let named_en: Vec<&str> = r.indicators.iter().map(|s| s.label.message_en).collect();
                let more = if own > 0 { format!("，另可自拟至多 {own} 项") } else { String::new() };
                let more_en = if own > 0 { format!(", plus up to {own} of your own") } else { String::new() };
                let mut e = InputError::new(
                    ErrorCode::UnknownField,
                    Some(field),
                    format!(
                        "第 {} 行：未知指标“{key}”。{}的指标为：{}{more}。",
                        i + 1,
                        r.name.message_zh,
                        named.join("、")
                    ),
                    format!(
                        "Row {}: unknown indicator “{key}”. The indicators for this level are: {}{more_en}.",
                        i + 1,
                        named_en.join(", ")
                    ),
                )
                .param("row", i + 1)
                .param("got", key.as_str());
                e.label = Some(Box::new(Label {
                    zh: format!("第 {} 行“{key}”", i + 1),
                    en: format!("Row {}, {key}", i + 1),
                }));
                return Err(e);
            }
            keys.push(key.clone());
        }
    }
    Ok(keys)
}

fn read_candidates(items: &[Json], keys: &[String], r: &LevelRule, ex: &mut Explanation) -> Checked<Vec<Candidate>> {
    let level = r.level;
    let extra: Vec<String> = keys.iter().skip(r.indicators.len()).cloned().collect();
    let mut out: Vec<Candidate> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = format!("candidates[{i}]");
        let c = Fields::row(item, &path, &CANDIDATE_FIELDS, i)?;
        let name = match c.raw("name") {
            None => return Err(c.missing("name")),
            Some(Json::String(s)) if !s.trim().is_empty() && s.chars().count() <= MAX_NAME_CHARS => {
                s.trim().to_string()
            }
            Some(_) => {
                return Err(c
                    .error(
                        ErrorCode::InvalidType,
                        "name",
                        &|l| format!("{l}须是 1 至 {MAX_NAME_CHARS} 个字的名称。"),
                        &|l| format!("{l} must be a name of 1 to {MAX_NAME_CHARS} characters."),
                    )
                    .param("max", MAX_NAME_CHARS))
            }
        };
        if let Some(first) = out.iter().position(|o| o.name == name) {
            return Err(c
                .error(
                    ErrorCode::ConflictingFields,
                    "name",
                    &|l| format!("{l}“{name}”与第 {} 行重复：每个候选的名称须不同。", first + 1),
                    &|l| format!("{l} “{name}” is the same as row {}: each candidate's name must differ.", first + 1),
                )
                .param("sameAsRow", first + 1));
        }
        let location = read_location(&c, level)?;
        let sector = c.choice("sector", &SECTOR_CODES)?;
        let ind = c.object_with("indicators", r.indicators, &extra)?.ok_or_else(|| c.missing("indicators"))?;
        let mut values = Vec::with_capacity(keys.len());
        for key in keys {
            let value = ind.decimal(key)?.ok_or_else(|| missing_indicator(&ind, key, keys, named_count(level)))?;
            if value.is_sign_negative() && !value.is_zero() && !MAY_BE_NEGATIVE.contains(&key.as_str()) {
                return Err(ind
                    .out_of_range(
                        key,
                        &format!("指标不能为负数，实际为 {value}"),
                        &format!("the figure cannot be negative, got {value}"),
                    )
                    .param("min", 0));
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
    ind.error(
        ErrorCode::MissingField,
        key,
        &|l| format!("请填写{l}。名单中另有自拟指标 {}：是否拼写有误？", own.join("、")),
        &|l| {
            format!(
                "{l} is required. The list also has indicators of its own: {}; is one of them a misspelling?",
                own.join(", ")
            )
        },
    )
}

/// An input bound, not a rule: a weight beyond this says nothing more than a large one.
const MAX_WEIGHT: Decimal = dec!(1000000);

/// Weights per indicator: 1 unless given; non-negative, not all zero.
fn read_weights(f: &Fields, keys: &[String], r: &LevelRule) -> Checked<Vec<Decimal>> {
    let extra: Vec<String> = keys.iter().skip(r.indicators.len()).cloned().collect();
    let Some(w) = f.object_with("weights", r.indicators, &extra)? else {
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

/// docs/rulebook.md §4 (interpretation `rankingMethod`): per indicator, score = (n − rank + 1) / n × 100;
/// composite = weighted mean; the top `quota` are recognised; a tie across the cut-off is flagged.
/// Each candidate's computation is one step (its indicator ranks and scores and
/// the composite), in the order of the ranking, so that a list of thousands stays
/// one step per candidate; an excluded candidate's step names the negative list.
fn rank(
    candidates: &[&Candidate],
    keys: &[String],
    weights: &[Decimal],
    quota: usize,
    r: &LevelRule,
    steps: &mut Vec<Step>,
) -> Vec<Ranked> {
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

    let mut out: Vec<(Ranked, Step)> = ranked
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let rank = overall[i];
            // Candidates sharing this rank occupy places rank .. rank + ties − 1.
            let last_place = rank + places_taken[rank] - 1;
            let tied_at_cutoff = rank <= quota && last_place > quota;
            let scores: Vec<IndicatorScore> = keys
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
            let shown = round2(composite);
            let step = Step::new(r.standard_clause, Some(shown), || {
                let (zh, en) = indicator_parts(r, keys, &scores);
                let equal = weights.iter().all(|w| *w == Decimal::ONE);
                let terms: Vec<String> = (0..keys.len())
                    .map(|k| {
                        let p = n + 1 - indicator_ranks[k][i];
                        if equal {
                            p.to_string()
                        } else {
                            format!("{} × {p}", plain(weights[k]))
                        }
                    })
                    .collect();
                let sign = if shown == composite { "=" } else { "≈" };
                let formula = format!("100 × ({}) ÷ ({n} × {}) {sign} {shown}", terms.join(" + "), plain(weight_sum));
                (
                    format!("{}：{}；综合 = {formula} 分", c.name, zh.join("，")),
                    format!("{}: {}; composite = {formula}", c.name, en.join(", ")),
                )
            });
            (
                Ranked {
                    name: c.name.clone(),
                    sector: None,
                    rank: Some(rank),
                    composite: Some(shown),
                    scores,
                    recognised: last_place <= quota,
                    tied_at_cutoff,
                    excluded_by: Vec::new(),
                },
                step,
            )
        })
        .collect();
    // Best first; equal ranks keep the order they were listed in.
    out.sort_by_key(|(c, _)| c.rank);
    let mut out: Vec<Ranked> = out
        .into_iter()
        .map(|(row, step)| {
            steps.push(step);
            row
        })
        .collect();
    out.extend(candidates.iter().filter(|c| !c.excluded_by.is_empty()).map(|c| {
        steps.push(Step::new(NEGATIVE_CLAUSE, None, || {
            let items = NEGATIVE_LIST.iter().filter(|item| c.excluded_by.contains(&item.code));
            let zh: Vec<&str> = items.clone().map(|item| item.text.message_zh).collect();
            let en: Vec<String> = items.map(|item| lower_first(item.text.message_en)).collect();
            (
                format!("{}：{}（负面清单）→ 不参与排名", c.name, zh.join("；")),
                format!("{}: {} (negative list) → not ranked", c.name, en.join("; ")),
            )
        }));
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

/// A candidate's indicators in a step: "特色产业优势 第 1 名 100 分" / "Featured-industry strength rank 1, 100".
fn indicator_parts(r: &LevelRule, keys: &[String], scores: &[IndicatorScore]) -> (Vec<String>, Vec<String>) {
    keys.iter()
        .zip(scores)
        .map(|(key, s)| {
            let (zh, en) = r
                .indicators
                .iter()
                .find(|f| f.key == key)
                .map_or((key.as_str(), key.as_str()), |f| (f.label.message_zh, f.label.message_en));
            let rank = s.rank.unwrap_or(0);
            let score = s.score.unwrap_or(Decimal::ZERO);
            (format!("{zh} 第 {rank} 名 {score} 分"), format!("{en} rank {rank} ({score})"))
        })
        .unzip()
}

/// The cut-off at the quota, as a step: how many the quota takes, the last
/// place taken, and any tie across it (`sector`: the sector's name, when ranking by sector).
fn cutoff_step(r: &LevelRule, quota: u32, o: &Outcome, rows: &[Ranked], sector: Option<&Text>, ex: &mut Explanation) {
    ex.step(r.scope_clause, None, || {
        let (head_zh, head_en) = match sector {
            Some(t) => (format!("{}名额 {quota} 个", t.message_zh), format!("{}, quota {quota}", t.message_en)),
            None => (format!("名额 {quota} 个"), format!("Quota {quota}")),
        };
        let last = rows.iter().rfind(|c| c.recognised);
        let (mut zh, mut en) = (
            format!("{head_zh}：取综合得分前 {quota} 名，认定 {} 个", o.recognised),
            format!("{head_en}: the top {quota} by composite; {} recognised", o.recognised),
        );
        if let Some(c) = last {
            let score = c.composite.unwrap_or(Decimal::ZERO);
            zh.push_str(&format!("（末位 {} {score} 分）", c.name));
            en.push_str(&format!(" (the last, {}, at {score})", c.name));
        }
        if o.tied > 0 {
            let score = rows.iter().find(|c| c.tied_at_cutoff).and_then(|c| c.composite).unwrap_or(Decimal::ZERO);
            zh.push_str(&format!(
                "；{} 个候选并列 {score} 分，争夺剩余 {} 个名额，由领导小组审定",
                o.tied, o.places_left_for_tied
            ));
            en.push_str(&format!(
                "; {} candidates tie at {score} for the {} remaining place(s): the leading group decides",
                o.tied, o.places_left_for_tied
            ));
        }
        if o.ranked < quota as usize {
            zh.push_str(&format!("；参与排名的仅 {} 个", o.ranked));
            en.push_str(&format!("; only {} ranked", o.ranked));
        }
        (zh, en)
    });
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
