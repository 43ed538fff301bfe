//! `five-strong` and `five-strong-ranking` (docs/rulebook.md §4).

mod common;
use common::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::{json, Value};
use std::str::FromStr;

const ONE: &str = "five-strong";
const RANK: &str = "five-strong-ranking";

fn d(v: &Value) -> Decimal {
    Decimal::from_str(s(v)).unwrap()
}

/// (level, reward, quota, pool, per-unit recommendation, benefits)
type LevelCase = (&'static str, &'static str, i64, Value, Value, &'static [&'static str]);

#[test]
fn each_level_reward_quota_and_benefits() {
    let cases: [LevelCase; 5] = [
        (
            "county",
            "5000000.00",
            1,
            json!(3),
            Value::Null,
            &["cashReward", "certificateAndPlaque", "appraisalPoints", "leadershipEvaluation"],
        ),
        (
            "district",
            "5000000.00",
            1,
            json!(3),
            Value::Null,
            &["cashReward", "certificateAndPlaque", "appraisalPoints", "leadershipEvaluation"],
        ),
        (
            "town",
            "1000000.00",
            6,
            json!(26),
            json!({"min": 1, "max": 2}),
            &["cashReward", "certificateAndPlaque", "leadershipEvaluation"],
        ),
        (
            "village",
            "500000.00",
            20,
            json!(282),
            json!({"min": 4, "max": 5}),
            &["cashReward", "certificateAndPlaque", "leadershipEvaluation"],
        ),
        (
            "enterprise",
            "0.00",
            100,
            Value::Null,
            Value::Null,
            &["certificateAndPlaque", "creditRedList", "fundingPriority", "financing", "greenChannel"],
        ),
    ];
    for (level, reward, quota, pool, per_unit, benefits) in cases {
        let r = ok(ONE, &json!({"level": level, "asOf": "2026-11-26"}));
        assert_eq!(r["eligible"], json!(true), "{level}");
        assert_eq!(s(&r["reward"]), reward, "{level}");
        assert_eq!(r["quota"]["recognised"], json!(quota), "{level}");
        assert_eq!(r["quota"]["candidatePool"], pool, "{level}");
        assert_eq!(r["quota"]["recommendedPerUnit"], per_unit, "{level}");
        assert_eq!(codes(&r, "benefits"), benefits, "{level}");
        assert_eq!(r["recognitionCycleYears"], json!(3));
        assert_eq!(s(&r["cityTotalWhenFull"]), "26000000.00");
        assert!(r["benefits"].as_array().unwrap().iter().all(|b| b["article"] == json!("四（三）")));
        assert!(r["warnings"].as_array().unwrap().is_empty(), "a trial scheme with no end date is in force");
    }
    let r = ok(ONE, &json!({"level": "enterprise"}));
    assert_eq!(r["quota"]["approximate"], json!(true));
    let sectors: Vec<i64> =
        r["quota"]["sectors"].as_array().unwrap().iter().map(|x| x["approximately"].as_i64().unwrap()).collect();
    assert_eq!(sectors, [40, 35, 10, 15]);
    assert_eq!(sectors.iter().sum::<i64>(), 100);
}

#[test]
fn the_city_pays_26_million_when_every_place_is_filled() {
    let total: Decimal = [("county", 1i64), ("district", 1), ("town", 6), ("village", 20)]
        .iter()
        .map(|(level, n)| Decimal::from(*n) * d(&ok(ONE, &json!({"level": level}))["reward"]))
        .sum::<Decimal>();
    assert_eq!(total, Decimal::from(26_000_000));
    assert_eq!(s(&ok(ONE, &json!({"level": "village"}))["cityTotalWhenFull"]), "26000000.00");
}

#[test]
fn each_negative_list_flag_excludes() {
    for (level, flag) in [
        ("county", "vetoed"),
        ("village", "vetoed"),
        ("town", "badCredit"),
        ("village", "badCredit"),
        ("enterprise", "vetoed"),
        ("enterprise", "ecologicalDamage"),
        ("enterprise", "safetyAccident"),
        ("enterprise", "wageArrears"),
        ("enterprise", "seriousDishonesty"),
        ("enterprise", "excludedByLeadingGroup"),
    ] {
        let r = ok(ONE, &json!({"level": level, flag: true}));
        assert_eq!(r["eligible"], json!(false), "{level} {flag}");
        assert_eq!(reason_codes(&r), [flag]);
        assert_eq!(r["reasons"][0]["article"], json!("二（四）"));
        // The reward if recognised is still shown.
        let r = ok(ONE, &json!({"level": level, flag: false}));
        assert_eq!(r["eligible"], json!(true));
    }
    // A flag the level does not have is ignored, with a warning.
    let r = ok(ONE, &json!({"level": "county", "badCredit": true, "wageArrears": true}));
    assert_eq!(r["eligible"], json!(true));
    assert_eq!(codes(&r, "warnings"), ["flagNotApplicable", "flagNotApplicable"]);
}

#[test]
fn county_and_district_candidates_are_named_places() {
    assert_eq!(ok(ONE, &json!({"level": "county", "location": "lingwu"}))["location"], json!("lingwu"));
    assert_error(ONE, &json!({"level": "county", "location": "jinfeng"}), "invalidEnum", "location");
    assert_error(ONE, &json!({"level": "district", "location": "helan"}), "invalidEnum", "location");
    assert_eq!(ok(ONE, &json!({"level": "village", "location": "xixia"}))["location"], json!("xixia"));
    assert_error(ONE, &json!({"level": "province"}), "invalidEnum", "level");
    assert_error(ONE, &json!({}), "missingField", "level");
    assert_error(ONE, &json!({"level": "town", "vetoed": "yes"}), "invalidType", "vetoed");
}

// ── Ranking ────────────────────────────────────────────────────────────────

fn village(name: &str, v: [&str; 4]) -> Value {
    json!({"name": name, "indicators": {"featuredIndustry": v[0], "projectFunding": v[1], "collectiveIncome": v[2], "integrationEntities": v[3]}})
}

fn names(r: &Value, pred: impl Fn(&Value) -> bool) -> Vec<String> {
    r["ranking"].as_array().unwrap().iter().filter(|c| pred(c)).map(|c| s(&c["name"]).to_string()).collect()
}

#[test]
fn ties_share_the_better_rank() {
    let r = ok(
        RANK,
        &json!({"level": "village", "quota": 3, "candidates": [
            village("A", ["10", "10", "10", "10"]),
            village("B", ["20", "20", "20", "20"]),
            village("C", ["20", "20", "20", "20"]),
            village("D", ["5", "5", "5", "5"]),
        ]}),
    );
    let ranks: Vec<(String, i64, String)> = r["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (s(&c["name"]).to_string(), c["rank"].as_i64().unwrap(), s(&c["composite"]).to_string()))
        .collect();
    assert_eq!(
        ranks,
        vec![
            ("B".into(), 1, "100".into()),
            ("C".into(), 1, "100".into()),
            ("A".into(), 3, "50".into()),
            ("D".into(), 4, "25".into())
        ]
    );
    // Per indicator too: B and C share rank 1, A is 3rd: (4 − 3 + 1) / 4 × 100 = 50.
    assert_eq!(
        r["ranking"][2]["scores"][0],
        json!({"key": "featuredIndustry", "value": "10", "rank": 3, "score": "50"})
    );
    assert_eq!(names(&r, |c| c["recognised"] == json!(true)), ["B", "C", "A"]);
    assert_eq!(r["tieAtCutoff"], json!(false));
    assert_eq!(s(&r["totalReward"]), "1500000.00");
}

#[test]
fn exclusions_happen_before_ranking() {
    let mut excluded = village("X", ["999", "999", "999", "999"]);
    excluded["badCredit"] = json!(true);
    let list = json!([village("A", ["10", "1", "1", "1"]), village("B", ["5", "2", "2", "2"]), excluded]);
    let r = ok(RANK, &json!({"level": "village", "quota": 1, "candidates": list}));
    // Only two are ranked: n = 2, so the scores are 100 and 50.
    assert_eq!(s(&r["ranking"][0]["name"]), "B");
    assert_eq!(s(&r["ranking"][0]["scores"][0]["score"]), "50");
    assert_eq!(s(&r["ranking"][0]["composite"]), "87.5");
    let x = &r["ranking"][2];
    assert_eq!(
        (x["rank"].clone(), x["composite"].clone(), x["recognised"].clone()),
        (Value::Null, Value::Null, json!(false))
    );
    assert_eq!(x["excludedBy"], json!(["badCredit"]));
    assert_eq!(names(&r, |c| c["recognised"] == json!(true)), ["B"]);
}

#[test]
fn weights_change_the_order() {
    let list = json!([village("A", ["100", "1", "1", "1"]), village("B", ["1", "100", "100", "100"])]);
    let equal = ok(RANK, &json!({"level": "village", "quota": 1, "candidates": list}));
    assert_eq!(names(&equal, |c| c["recognised"] == json!(true)), ["B"]);
    let weighted = ok(
        RANK,
        &json!({"level": "village", "quota": 1, "candidates": list,
            "weights": {"featuredIndustry": 10, "projectFunding": 1, "collectiveIncome": 1, "integrationEntities": 1}}),
    );
    assert_eq!(names(&weighted, |c| c["recognised"] == json!(true)), ["A"]);
    // (10 × 100 + 3 × 50) / 13 = 88.46…
    assert_eq!(s(&weighted["ranking"][0]["composite"]), "88.46");
    // A weight left out counts 1; a zero weight drops the indicator.
    let only_first = ok(
        RANK,
        &json!({"level": "village", "quota": 1, "candidates": list,
            "weights": {"projectFunding": 0, "collectiveIncome": 0, "integrationEntities": 0}}),
    );
    assert_eq!(names(&only_first, |c| c["recognised"] == json!(true)), ["A"]);
    assert_error(
        RANK,
        &json!({"level": "village", "candidates": list, "weights": {"gdp": 1}}),
        "unknownField",
        "weights.gdp",
    );
    assert_error(
        RANK,
        &json!({"level": "village", "candidates": list, "weights": {"projectFunding": -1}}),
        "outOfRange",
        "weights.projectFunding",
    );
    let zero = json!({"featuredIndustry": 0, "projectFunding": 0, "collectiveIncome": 0, "integrationEntities": 0});
    assert_error(RANK, &json!({"level": "village", "candidates": list, "weights": zero}), "outOfRange", "weights");
}

#[test]
fn a_tie_across_the_cut_off_is_flagged() {
    let list = json!([
        village("A", ["9", "9", "9", "9"]),
        village("B", ["5", "5", "5", "5"]),
        village("C", ["5", "5", "5", "5"]),
        village("D", ["1", "1", "1", "1"])
    ]);
    let r = ok(RANK, &json!({"level": "village", "quota": 2, "candidates": list}));
    assert_eq!(r["tieAtCutoff"], json!(true));
    assert_eq!(r["placesLeftForTied"], json!(1));
    assert_eq!(names(&r, |c| c["recognised"] == json!(true)), ["A"]);
    assert_eq!(names(&r, |c| c["tiedAtCutoff"] == json!(true)), ["B", "C"]);
    assert!(codes(&r, "warnings").contains(&"tieAtCutoff".to_string()));
    assert_eq!(s(&r["totalReward"]), "1000000.00", "two places are filled, whoever takes the second");
    // The same tie inside the quota is no tie at the cut-off.
    let r = ok(RANK, &json!({"level": "village", "quota": 3, "candidates": list}));
    assert_eq!(r["tieAtCutoff"], json!(false));
    assert_eq!(names(&r, |c| c["recognised"] == json!(true)), ["A", "B", "C"]);
}

#[test]
fn the_result_says_it_is_an_estimate() {
    let r = ok(
        RANK,
        &json!({"level": "town", "candidates": [json!({"name": "甲镇", "indicators": {"featuredIndustry": 1, "projectFunding": 1, "collectiveIncome": 1, "integrationEntities": 1}})], "quota": 1}),
    );
    assert_eq!(r["estimate"], json!(true));
    let w = r["warnings"].as_array().unwrap().iter().find(|w| w["code"] == json!("estimateOnly")).unwrap();
    assert!(s(&w["messageZh"]).contains("估算") && s(&w["messageZh"]).contains("未公布"));
    assert!(s(&w["messageEn"]).contains("estimate") && s(&w["messageEn"]).contains("not the official method"));
    assert!(codes(&r, "interpretations").contains(&"rankingMethod".to_string()));
}

#[test]
fn counties_may_add_two_indicators_of_their_own() {
    let county = |name: &str, extra: &[(&str, i64)]| {
        let mut ind = json!({"gdp": 1, "fiscalRevenue": 1, "fixedAssetInvestment": 1, "energyIntensityCompletion": 1, "disposableIncome": 1});
        for (k, v) in extra {
            ind[*k] = json!(v);
        }
        json!({"name": name, "indicators": ind})
    };
    let r = ok(
        RANK,
        &json!({"level": "county", "candidates": [county("永宁县", &[("exports", 5), ("tourism", 1)]), county("贺兰县", &[("exports", 1), ("tourism", 9)])]}),
    );
    assert_eq!(r["indicators"].as_array().unwrap().len(), 7);
    assert_eq!(r["quota"], json!(1));
    // Every candidate must carry every indicator, the user's own included.
    let e = err(
        RANK,
        &json!({"level": "county", "candidates": [county("永宁县", &[("exports", 5)]), county("贺兰县", &[])]}),
    );
    assert_eq!(
        (e["code"].clone(), e["field"].clone()),
        (json!("missingField"), json!("candidates[1].indicators.exports"))
    );
    // A third of one's own is too many.
    let e = err(RANK, &json!({"level": "county", "candidates": [county("永宁县", &[("a", 1), ("b", 1), ("c", 1)])]}));
    assert_eq!((e["code"].clone(), e["field"].clone()), (json!("unknownField"), json!("candidates[0].indicators.c")));
    // Villages take none of their own.
    assert_error(
        RANK,
        &json!({"level": "village", "candidates": [json!({"name": "A", "indicators": {"featuredIndustry": 1, "projectFunding": 1, "collectiveIncome": 1, "integrationEntities": 1, "gdp": 1}})]}),
        "unknownField",
        "candidates[0].indicators.gdp",
    );
}

#[test]
fn bad_ranking_input_names_the_field() {
    let list = json!([village("A", ["1", "2", "3", "4"]), village("B", ["4", "3", "2", "1"])]);
    assert_error(RANK, &json!({"level": "hamlet", "candidates": list}), "invalidEnum", "level");
    assert_error(RANK, &json!({"level": "village"}), "missingField", "candidates");
    assert_error(RANK, &json!({"level": "village", "candidates": []}), "outOfRange", "candidates");
    assert_error(RANK, &json!({"level": "village", "candidates": {"A": 1}}), "invalidType", "candidates");
    assert_error(RANK, &json!({"level": "village", "candidates": list, "quota": 3}), "outOfRange", "quota");
    assert_error(RANK, &json!({"level": "village", "candidates": list, "quota": 0}), "outOfRange", "quota");
    let mut missing = list.clone();
    missing[1]["indicators"].as_object_mut().unwrap().remove("collectiveIncome");
    assert_error(
        RANK,
        &json!({"level": "village", "candidates": missing}),
        "missingField",
        "candidates[1].indicators.collectiveIncome",
    );
    let mut negative = list.clone();
    negative[0]["indicators"]["projectFunding"] = json!("-5");
    assert_error(
        RANK,
        &json!({"level": "village", "candidates": negative}),
        "outOfRange",
        "candidates[0].indicators.projectFunding",
    );
    let mut text = list.clone();
    text[1]["indicators"]["featuredIndustry"] = json!("强");
    assert_error(
        RANK,
        &json!({"level": "village", "candidates": text}),
        "invalidNumber",
        "candidates[1].indicators.featuredIndustry",
    );
    let dup = json!([village("A", ["1", "2", "3", "4"]), village("A", ["4", "3", "2", "1"])]);
    assert_error(RANK, &json!({"level": "village", "candidates": dup}), "conflictingFields", "candidates[1].name");
    let mut nameless = list.clone();
    nameless[0].as_object_mut().unwrap().remove("name");
    assert_error(RANK, &json!({"level": "village", "candidates": nameless}), "missingField", "candidates[0].name");
    let mut blank = list.clone();
    blank[0]["name"] = json!("  ");
    assert_error(RANK, &json!({"level": "village", "candidates": blank}), "invalidType", "candidates[0].name");
    let mut odd = list.clone();
    odd[0]["colour"] = json!("red");
    assert_error(RANK, &json!({"level": "village", "candidates": odd}), "unknownField", "candidates[0].colour");
    assert_error(RANK, &json!({"level": "village", "candidates": [1, 2]}), "invalidType", "candidates[0]");
}

/// An independent oracle: composites as exact fractions compared by cross-multiplication.
fn oracle_order(values: &[Vec<i64>]) -> Vec<(usize, usize)> {
    let n = values.len();
    let k = values[0].len();
    let rank = |j: usize, v: i64| 1 + values.iter().filter(|c| c[j] > v).count();
    let points: Vec<usize> = values.iter().map(|c| (0..k).map(|j| n + 1 - rank(j, c[j])).sum()).collect();
    let mut order: Vec<(usize, usize)> =
        points.iter().enumerate().map(|(i, p)| (i, 1 + points.iter().filter(|q| *q > p).count())).collect();
    order.sort_by_key(|(i, r)| (*r, *i));
    order
}

#[test]
fn three_hundred_candidates_rank_correctly() {
    let mut seed: u64 = 42;
    let mut next = |m: i64| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seed >> 33) as i64) % m
    };
    let values: Vec<Vec<i64>> = (0..300).map(|_| (0..4).map(|_| next(50)).collect()).collect();
    let candidates: Vec<Value> = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            json!({"name": format!("村{i:03}"), "indicators": {"featuredIndustry": v[0], "projectFunding": v[1], "collectiveIncome": v[2], "integrationEntities": v[3]}})
        })
        .collect();
    let r = ok(RANK, &json!({"level": "village", "candidates": candidates}));
    let got: Vec<(String, i64)> = r["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (s(&c["name"]).to_string(), c["rank"].as_i64().unwrap()))
        .collect();
    let want: Vec<(String, i64)> =
        oracle_order(&values).into_iter().map(|(i, rank)| (format!("村{i:03}"), rank as i64)).collect();
    assert_eq!(got, want);
    // Composites never increase down the table; recognised rows are a prefix.
    let composites: Vec<Decimal> = r["ranking"].as_array().unwrap().iter().map(|c| d(&c["composite"])).collect();
    assert!(composites.windows(2).all(|w| w[0] >= w[1]));
    let recognised = r["recognisedCount"].as_u64().unwrap() as usize;
    let tied = r["placesLeftForTied"].as_u64().unwrap() as usize;
    assert_eq!(recognised + tied, 20);
    assert!(r["ranking"].as_array().unwrap().iter().take(recognised).all(|c| c["recognised"] == json!(true)));
    assert_eq!(d(&r["totalReward"]), dec!(10000000));
}

#[test]
fn wage_growth_may_fall_below_zero_other_figures_may_not() {
    let firm = |name: &str, growth: &str| json!({"name": name, "indicators": {"outputValue": 10, "mainRevenue": 10, "taxesPaid": 1, "rdSpending": 1, "wageGrowth": growth}});
    let r =
        ok(RANK, &json!({"level": "enterprise", "quota": 1, "candidates": [firm("甲", "-0.02"), firm("乙", "0.03")]}));
    assert_eq!(names(&r, |c| c["recognised"] == json!(true)), ["乙"]);
    assert_eq!(s(&r["ranking"][1]["scores"][4]["value"]), "-0.02");
    let mut bad = firm("甲", "0.1");
    bad["indicators"]["taxesPaid"] = json!(-1);
    let e = err(RANK, &json!({"level": "enterprise", "candidates": [bad]}));
    assert_eq!(e["field"], json!("candidates[0].indicators.taxesPaid"));
    assert!(s(&e["messageZh"]).contains("不能为负数"), "{e}");
}

#[test]
fn a_misspelt_county_indicator_is_pointed_out() {
    let e = err(
        RANK,
        &json!({"level": "county", "candidates": [{"name": "永宁县", "indicators": {"gpd": 1, "fiscalRevenue": 1,
            "fixedAssetInvestment": 1, "energyIntensityCompletion": 1, "disposableIncome": 1}}]}),
    );
    assert_eq!(e["field"], json!("candidates[0].indicators.gdp"));
    assert!(s(&e["messageEn"]).contains("gpd") && s(&e["messageEn"]).contains("misspelling"), "{e}");
}
