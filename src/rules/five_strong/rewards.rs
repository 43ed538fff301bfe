//! `five-strong`: what recognition brings one candidate (docs/rulebook.md §4).

use super::*;
use crate::explain::texts;
use crate::input::lower_first;

/// The request fields (the catalog's schema).
pub const FIELDS: [FieldSpec; 3 + NEGATIVE_LIST.len()] = join(&[&[AS_OF, LEVEL, LOCATION], &NEGATIVE_FIELDS]);

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FiveStrong {
    pub eligible: bool,
    pub level: Level,
    #[serde(skip_serializing_if = "crate::explain::codes_only")]
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
    let f = Fields::new(input, "", &FIELDS)?;
    let as_of = f.date("asOf")?.unwrap_or(today);
    let level = f.required("level", f.choice("level", LEVEL_CODES)?)?;
    let location = read_location(&f, level)?;
    let (r, mut ex) = start(level, as_of);
    let doc = &DOCUMENT;

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
    let benefits = benefits(level, as_of, &mut ex);
    ex.cite(doc, CYCLE_CLAUSE);
    ex.interpret(Note::new(
        "trialScheme",
        format!("本方案为试行，未规定有效期；每 {RECOGNITION_CYCLE_YEARS} 年组织认定一次。"),
        format!(
            "The scheme is a trial with no end date; recognition takes place every {RECOGNITION_CYCLE_YEARS} years."
        ),
    ));

    // 四（三）: the reward of the level, and the city's total when every place is filled.
    let reward = round_yuan(r.figures.at(as_of).reward);
    ex.step(REWARD_CLAUSE, Some(reward), || {
        let (zh, en) = (r.name.message_zh, r.name.message_en);
        if reward.is_zero() {
            (
                format!("{REWARD_CLAUSE} 未给予{zh}现金奖励：0 元"),
                format!("{} gives no cash reward to a {}: 0 yuan", article_en(REWARD_CLAUSE), lower_first(en)),
            )
        } else {
            let amount = grouped(plain(reward));
            (
                format!("{REWARD_CLAUSE} {zh}奖励 {amount} 元"),
                format!("{} {}: a reward of {amount} yuan", article_en(REWARD_CLAUSE), lower_first(en)),
            )
        }
    });
    let (terms, full) = city_total_terms(as_of);
    let city_total = round_yuan(full);
    ex.step(REWARD_CLAUSE, Some(city_total), || {
        let sum: Vec<String> =
            terms.iter().map(|(reward, quota)| format!("{} × {quota}", grouped(plain(*reward)))).collect();
        let (sum, total) = (sum.join(" + "), grouped(plain(full)));
        (
            format!("全部名额认定时市财政奖励合计：{sum} = {total} 元"),
            format!("The city's total when every place is filled: {sum} = {total} yuan"),
        )
    });

    let result = FiveStrong {
        eligible: ex.reasons.is_empty(),
        level,
        level_name: r.name,
        location,
        reward,
        quota: quota(r, as_of),
        benefits,
        indicators: r.indicators.iter().map(|s| Indicator { key: s.key, name: s.label }).collect(),
        recognition_cycle_years: RECOGNITION_CYCLE_YEARS,
        city_total_when_full: city_total,
    };
    Ok((as_of, result, ex))
}

/// 四（三）: the cash reward (from [`LEVELS`]) and these benefits, by level.
fn benefits(level: Level, on: Date, ex: &mut Explanation) -> Vec<Reason> {
    ex.cite(&DOCUMENT, BENEFITS_CLAUSE);
    let r = rule(level);
    let reward = r.figures.at(on).reward;
    let cash = (reward > Decimal::ZERO).then(|| {
        let (zh, en) = texts(|| {
            (
                format!("市财政给予 {} 元奖励。", grouped(plain(reward))),
                format!("A reward of {} yuan from the city budget.", grouped(plain(reward))),
            )
        });
        Reason::new("cashReward", BENEFITS_CLAUSE, zh, en)
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
