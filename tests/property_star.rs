//! `property-star` (docs/rulebook.md §3): every band boundary, the per-category tests,
//! disqualifiers, eligibility to apply, consequences, and the next star.

mod common;
use common::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::{json, Value};
use std::str::FromStr;

const ID: &str = "property-star";
const MAX: [Decimal; 4] = [dec!(50), dec!(30), dec!(20), dec!(10)];

fn scores(c: &str, s: &str, g: &str, r: &str) -> Value {
    json!({"asOf": "2025-10-01", "scores": {"contract": c, "satisfaction": s, "governance": g, "rectification": r}})
}

fn rate(c: &str, s: &str, g: &str, r: &str) -> Value {
    ok(ID, &scores(c, s, g, r))
}

fn stars(r: &Value) -> i64 {
    r["stars"].as_i64().unwrap()
}

fn d(v: &Value) -> Decimal {
    Decimal::from_str(s(v)).unwrap()
}

#[test]
fn the_spec_example_is_five_stars() {
    let r = rate("46", "27", "18", "9");
    assert_eq!(stars(&r), 5);
    assert_eq!(s(&r["total"]), "100");
    assert_eq!(r["creditPoints"], json!(4));
    assert_eq!(s(&r["ratedBy"]), "districtAuthority");
    assert_eq!(r["nextStar"], Value::Null);
    assert_eq!(r["disqualified"], json!(false));
    let shares: Vec<&str> = r["categories"].as_array().unwrap().iter().map(|c| s(&c["share"])).collect();
    assert_eq!(shares, ["0.92", "0.9", "0.9", "0.9"]);
    assert!(!codes(&r, "warnings").contains(&"ruleNotInForce".to_string()));
}

#[test]
fn every_band_boundary_and_one_hundredth_below() {
    for (at, below, stars_at, stars_below) in [
        (["44", "25.5", "17", "8.5"], ["43.99", "25.5", "17", "8.5"], 5, 4), // 95.0, each ≥ 85%
        (["48", "21", "14", "7"], ["47.99", "21", "14", "7"], 4, 3),         // 90.0, each ≥ 70%
        (["45", "20", "13", "7"], ["44.99", "20", "13", "7"], 3, 2),         // 85.0
        (["40", "20", "13", "7"], ["39.99", "20", "13", "7"], 2, 1),         // 80.0
        (["35", "20", "10", "5"], ["34.99", "20", "10", "5"], 1, 0),         // 70.0
    ] {
        let r = rate(at[0], at[1], at[2], at[3]);
        assert_eq!(stars(&r), stars_at, "{at:?}");
        let r = rate(below[0], below[1], below[2], below[3]);
        assert_eq!(stars(&r), stars_below, "{below:?}");
    }
    let r = rate("0", "0", "0", "0");
    assert_eq!(stars(&r), 0);
    assert_eq!(s(&r["label"]["messageZh"]), "不达标");
    let r = rate("50", "30", "20", "10");
    assert_eq!((stars(&r), s(&r["total"])), (5, "110"));
}

#[test]
fn total_over_95_with_one_category_just_under_85_percent_is_4_stars() {
    let just_under = ["42.49", "25.49", "16.99", "8.49"];
    let full = ["50", "30", "20", "10"];
    for i in 0..4 {
        let mut v = full;
        v[i] = just_under[i];
        let r = rate(v[0], v[1], v[2], v[3]);
        assert!(d(&r["total"]) >= dec!(95));
        assert_eq!(stars(&r), 4, "{v:?}");
        assert!(codes(&r, "interpretations").contains(&"bandFallThrough".to_string()));
        // At exactly 85% the category passes.
        let mut v = full;
        v[i] = ["42.5", "25.5", "17", "8.5"][i];
        assert_eq!(stars(&rate(v[0], v[1], v[2], v[3])), 5, "{v:?}");
    }
}

#[test]
fn total_over_90_with_one_category_just_under_70_percent_is_3_stars() {
    let just_under = ["34.99", "20.99", "13.99", "6.99"];
    let at = ["35", "21", "14", "7"];
    let full = ["50", "30", "20", "10"];
    for i in 0..4 {
        let mut v = full;
        v[i] = just_under[i];
        let r = rate(v[0], v[1], v[2], v[3]);
        assert!(d(&r["total"]) >= dec!(90), "{v:?}");
        assert_eq!(stars(&r), 3, "{v:?}");
        assert!(codes(&r, "interpretations").contains(&"bandFallThrough".to_string()));
        let mut v = full;
        v[i] = at[i];
        assert_eq!(stars(&rate(v[0], v[1], v[2], v[3])), 4, "{v:?}");
    }
    // No interpretation when the total itself decides.
    assert!(codes(&rate("45", "20", "13", "7"), "interpretations").is_empty());
}

#[test]
fn every_disqualifier_makes_it_below_standard() {
    let all = [
        "safetyAccident",
        "groupPetition",
        "majorDecisionFailure",
        "blacklisted",
        "noIntegrityRecord",
        "falseMaterials",
        "privacyBreach",
        "otherSerious",
    ];
    for code in all {
        let r = ok(ID, &with(&scores("50", "30", "20", "10"), &[("disqualifiers", json!([code]))]));
        assert_eq!(stars(&r), 0, "{code}");
        assert_eq!(r["disqualified"], json!(true));
        assert_eq!(r["scoreStars"], json!(5));
        assert_eq!(reason_codes(&r), [code]);
        assert!(s(&r["reasons"][0]["article"]).starts_with("第十六条"));
        assert_eq!(r["nextStar"], Value::Null);
        assert!(codes(&r, "consequences").contains(&"cityNotice".to_string()));
        assert!(codes(&r, "warnings").contains(&"disqualifiedRegardlessOfScore".to_string()));
    }
    let r = ok(ID, &with(&scores("50", "30", "20", "10"), &[("disqualifiers", json!(all))]));
    assert_eq!(reason_codes(&r), all);
    let r = ok(ID, &with(&scores("50", "30", "20", "10"), &[("disqualifiers", json!([]))]));
    assert_eq!(stars(&r), 5);
    // Below 5 stars by score, the next star is still shown, for the scores alone.
    let r = ok(ID, &with(&scores("45", "20", "13", "7"), &[("disqualifiers", json!(["groupPetition"]))]));
    assert_eq!((stars(&r), r["scoreStars"].clone()), (0, json!(3)));
    assert_eq!(r["nextStar"]["stars"], json!(4));
}

/// (scores, stars, credit points, rated by, consequences without previousStars)
type ConsequenceCase = ([&'static str; 4], i64, Value, &'static str, &'static [&'static str]);

#[test]
fn consequences_by_stars() {
    let cases: [ConsequenceCase; 6] = [
        (["50", "30", "20", "10"], 5, json!(4), "districtAuthority", &["priorityForAwards", "directRenewal"]),
        (["48", "21", "14", "7"], 4, json!(3), "districtAuthority", &["priorityForAwards"]),
        (["45", "20", "13", "7"], 3, json!(0), "streetOffice", &[]),
        (["40", "20", "13", "7"], 2, json!(-3), "streetOffice", &["moreInspections"]),
        (["35", "20", "10", "5"], 1, json!(-4), "streetOffice", &["moreInspections"]),
        (["30", "20", "10", "5"], 0, Value::Null, "streetOffice", &["cityNotice", "moreInspections", "reminderLetter"]),
    ];
    for (v, n, credit, by, consequences) in cases {
        let r = rate(v[0], v[1], v[2], v[3]);
        assert_eq!(stars(&r), n);
        assert_eq!(r["creditPoints"], credit, "{n}");
        assert_eq!(s(&r["ratedBy"]), by, "{n}");
        assert_eq!(codes(&r, "consequences"), consequences, "{n}");
        // Who rates and the credit points are fields of their own, with their words beside them.
        assert_eq!(r["ratedByNote"]["article"], json!("第十三条"));
        assert_eq!(r["creditPointsNote"]["article"], json!("第二十三条"));
        assert!(!s(&r["creditPointsNote"]["messageEn"]).is_empty());
        for c in r["consequences"].as_array().unwrap() {
            assert!(s(&c["article"]).starts_with('第'));
        }
        assert_eq!(codes(&r, "warnings").contains(&"previousRatingUnknown".to_string()), n == 1 || n == 2, "{n}");
    }
}

#[test]
fn reminder_letter_the_second_time_running() {
    let two = scores("40", "20", "13", "7");
    let one = scores("35", "20", "10", "5");
    let three = scores("45", "20", "13", "7");
    for (base, previous, letter) in [
        (&two, 2, true),
        (&two, 1, true),
        (&two, 0, true),
        (&one, 2, true),
        (&two, 3, false),
        (&one, 5, false),
        (&three, 0, false),
    ] {
        let r = ok(ID, &with(base, &[("previousStars", json!(previous))]));
        assert_eq!(
            codes(&r, "consequences").contains(&"reminderLetter".to_string()),
            letter,
            "{base} after {previous}"
        );
    }
    assert_error(ID, &with(&two, &[("previousStars", json!(6))]), "outOfRange", "previousStars");
}

#[test]
fn eligibility_to_apply_is_reported_without_changing_the_stars() {
    let base = with(
        &scores("46", "27", "18", "9"),
        &[
            ("hasContract", json!(true)),
            ("serviceMonths", json!(12)),
            ("platformRegistered", json!(true)),
            ("newlyDelivered", json!(false)),
        ],
    );
    let r = ok(ID, &base);
    assert_eq!(r["eligibleToApply"], json!(true));
    assert!(reason_codes(&r).is_empty());
    for (change, code) in [
        (("hasContract", json!(false)), "hasContract"),
        (("serviceMonths", json!(11)), "serviceMonths"),
        (("platformRegistered", json!(false)), "platformRegistered"),
    ] {
        let r = ok(ID, &with(&base, &[change]));
        assert_eq!(r["eligibleToApply"], json!(false), "{code}");
        assert_eq!(reason_codes(&r), [code]);
        assert_eq!(stars(&r), 5);
    }
    let new = with(&base, &[("newlyDelivered", json!(true))]);
    assert_eq!(ok(ID, &with(&new, &[("occupancyRate", json!("0.5"))]))["eligibleToApply"], json!(true));
    let r = ok(ID, &with(&new, &[("occupancyRate", json!("0.4999"))]));
    assert_eq!((r["eligibleToApply"].clone(), reason_codes(&r)), (json!(false), vec!["occupancy".to_string()]));
    assert_eq!(r["reasons"][0]["article"], json!("第五条"));
    // Unknown when not said.
    assert_eq!(ok(ID, &new)["eligibleToApply"], Value::Null);
    // An estate not said to be new needs no occupancy figure.
    assert_eq!(ok(ID, &with(&base, &[("newlyDelivered", Value::Null)]))["eligibleToApply"], json!(true));
    assert_eq!(rate("46", "27", "18", "9")["eligibleToApply"], Value::Null);
}

#[test]
fn the_measure_has_expired() {
    for (date, warning) in [
        ("2022-05-31", Some("ruleNotYetInForce")),
        ("2022-06-01", None),
        ("2025-12-31", None),
        ("2026-01-01", Some("ruleNotInForce")),
    ] {
        let r = ok(ID, &with(&scores("46", "27", "18", "9"), &[("asOf", json!(date))]));
        let warnings = codes(&r, "warnings");
        assert_eq!(warnings.iter().find(|c| c.starts_with("ruleNot")).map(String::as_str), warning, "{date}");
        let cites_27 = r["citations"].as_array().unwrap().iter().any(|c| c["article"] == json!("第二十七条"));
        assert_eq!(cites_27, warning.is_some(), "{date}");
        assert_eq!(stars(&r), 5, "the estimate is still given");
    }
    // Today (the default) is after 2025-12-31.
    let r = ok(ID, &with(&scores("46", "27", "18", "9"), &[("asOf", Value::Null)]));
    let warning = &r["warnings"][0];
    assert_eq!(warning["code"], json!("ruleNotInForce"));
    assert!(s(&warning["messageZh"]).contains("2025-12-31"));
    assert_eq!(codes(&r, "timing"), ["ratingSeason", "publicity", "rectification"]);
}

#[test]
fn contract_sub_items_add_up_to_the_contract_score() {
    let items = json!({"basicManagement": "8", "publicDisclosure": "5", "sanitation": "8", "orderMaintenance": "7.5",
        "greening": "5", "sharedFacilities": "7", "renovation": "4", "bonus": "1.5"});
    let base = json!({"asOf": "2025-10-01", "scores": {"satisfaction": "27", "governance": "18", "rectification": "9"}, "contractItems": items});
    let r = ok(ID, &base);
    assert_eq!(s(&r["categories"][0]["score"]), "46");
    assert_eq!(stars(&r), 5);
    let mut over = base.clone();
    over["contractItems"]["bonus"] = json!("5.51");
    assert_error(ID, &over, "outOfRange", "contractItems");
    let mut missing = base.clone();
    missing["contractItems"].as_object_mut().unwrap().remove("bonus");
    assert_error(ID, &missing, "missingField", "contractItems.bonus");
    let mut both = base.clone();
    both["scores"]["contract"] = json!("46");
    assert_error(ID, &both, "conflictingFields", "contractItems");
    let mut unknown = base.clone();
    unknown["contractItems"]["cleaning"] = json!("1");
    assert_error(ID, &unknown, "unknownField", "contractItems.cleaning");
}

#[test]
fn bad_scores_are_clear_errors() {
    let base = scores("46", "27", "18", "9");
    let set = |k: &str, v: Value| {
        let mut x = base.clone();
        x["scores"][k] = v;
        x
    };
    assert_error(ID, &set("contract", json!("50.01")), "outOfRange", "scores.contract");
    assert_error(ID, &set("rectification", json!("10.5")), "outOfRange", "scores.rectification");
    assert_error(ID, &set("satisfaction", json!(-1)), "outOfRange", "scores.satisfaction");
    assert_error(ID, &set("governance", json!("18.123")), "invalidNumber", "scores.governance");
    assert_error(ID, &set("governance", json!("high")), "invalidNumber", "scores.governance");
    assert_error(ID, &set("cleanliness", json!("5")), "unknownField", "scores.cleanliness");
    let mut missing = base.clone();
    missing["scores"].as_object_mut().unwrap().remove("satisfaction");
    assert_error(ID, &missing, "missingField", "scores.satisfaction");
    assert_error(ID, &json!({"asOf": "2025-10-01"}), "missingField", "scores");
    assert_error(ID, &json!({"scores": [46, 27, 18, 9]}), "invalidType", "scores");
    assert_error(
        ID,
        &with(&base, &[("disqualifiers", json!(["blacklisted", "late"]))]),
        "invalidEnum",
        "disqualifiers[1]",
    );
    assert_error(ID, &with(&base, &[("disqualifiers", json!("blacklisted"))]), "invalidType", "disqualifiers");
    assert_error(ID, &with(&base, &[("occupancyRate", json!("1.2"))]), "outOfRange", "occupancyRate");
}

// ── Next star, checked by brute force ──────────────────────────────────────

/// docs/rulebook.md §3's bands, written again independently as the test's oracle.
fn oracle_stars(v: &[Decimal; 4]) -> i64 {
    let total: Decimal = v.iter().sum();
    let each = |p: Decimal| v.iter().zip(MAX).all(|(s, m)| *s >= p * m);
    if total >= dec!(95) && each(dec!(0.85)) {
        5
    } else if total >= dec!(90) && each(dec!(0.7)) {
        4
    } else if total >= dec!(85) {
        3
    } else if total >= dec!(80) {
        2
    } else if total >= dec!(70) {
        1
    } else {
        0
    }
}

fn next_of(v: &[Decimal; 4]) -> Value {
    let r = rate(&v[0].to_string(), &v[1].to_string(), &v[2].to_string(), &v[3].to_string());
    assert_eq!(stars(&r), oracle_stars(v), "{v:?}");
    r["nextStar"].clone()
}

/// Every vector of increases on the 0.5 grid whose sum is `steps` × 0.5 or less.
fn any_increase_reaches(v: &[Decimal; 4], max_steps: i64, target: i64) -> bool {
    let half = dec!(0.5);
    let room: Vec<i64> = v.iter().zip(MAX).map(|(s, m)| i64::try_from((m - s) / half).unwrap()).collect();
    for a in 0..=room[0].min(max_steps) {
        for b in 0..=room[1].min(max_steps - a) {
            for c in 0..=room[2].min(max_steps - a - b) {
                // The fourth category takes all that is left: more never hurts.
                let e = room[3].min(max_steps - a - b - c);
                let w = [
                    v[0] + half * Decimal::from(a),
                    v[1] + half * Decimal::from(b),
                    v[2] + half * Decimal::from(c),
                    v[3] + half * Decimal::from(e),
                ];
                if oracle_stars(&w) >= target {
                    return true;
                }
            }
        }
    }
    false
}

#[test]
fn next_star_is_the_least_increase_that_reaches_the_next_band() {
    // The docs/rulebook.md example.
    let n = next_of(&[dec!(40), dec!(28), dec!(18), dec!(9)]);
    assert_eq!((n["stars"].clone(), s(&n["pointsNeeded"])), (json!(5), "2.5"));
    assert_eq!(n["categoryMinimums"][0], json!({"key": "contract", "minimum": "42.5", "increase": "2.5"}));

    // A grid of starting points on the 0.5 grid; every threshold is a multiple of 0.5,
    // so the least increase lies on the grid too.
    let mut seed: u64 = 11;
    let mut rand = |n: i64| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seed >> 33) as i64) % n
    };
    let mut checked = 0;
    while checked < 150 {
        // Bias towards the upper part of each range, where the bands are.
        let v: [Decimal; 4] = [0, 1, 2, 3].map(|i| {
            let steps = i64::try_from(MAX[i] / dec!(0.5)).unwrap();
            let low = steps * 55 / 100;
            Decimal::from(low + rand(steps - low + 1)) * dec!(0.5)
        });
        let stars_now = oracle_stars(&v);
        let next = next_of(&v);
        if stars_now == 5 {
            assert_eq!(next, Value::Null);
            continue;
        }
        let target = next["stars"].as_i64().unwrap();
        assert_eq!(target, stars_now + 1);
        let needed = d(&next["pointsNeeded"]);
        let total: Decimal = v.iter().sum();
        assert_eq!(d(&next["totalNeeded"]), total + needed);

        // The increase given reaches the band: minimums first, free points where there is room.
        let mut w: [Decimal; 4] = [0, 1, 2, 3].map(|i| d(&next["categoryMinimums"][i]["minimum"]));
        for (i, x) in w.iter().enumerate() {
            assert!(*x >= v[i] && *x <= MAX[i], "minimum within [score, max]");
        }
        let mut free = d(&next["freePoints"]);
        for i in 0..4 {
            let add = free.min(MAX[i] - w[i]);
            w[i] += add;
            free -= add;
        }
        assert_eq!(free, Decimal::ZERO);
        assert_eq!(w.iter().sum::<Decimal>() - total, needed, "{v:?}");
        assert!(oracle_stars(&w) >= target, "{v:?} + {needed} → {w:?}");

        // No smaller increase reaches it.
        let steps = i64::try_from(needed / dec!(0.5)).unwrap();
        assert!(!any_increase_reaches(&v, steps - 1, target), "{v:?}: less than {needed} suffices");
        assert!(any_increase_reaches(&v, steps, target), "{v:?}: the search itself finds {needed}");
        checked += 1;
    }

    // Below 70: the next band is 1 star, by total alone.
    let n = next_of(&[dec!(20), dec!(10.25), dec!(5), dec!(1)]);
    assert_eq!((n["stars"].clone(), s(&n["pointsNeeded"]), s(&n["freePoints"])), (json!(1), "33.75", "33.75"));
}
