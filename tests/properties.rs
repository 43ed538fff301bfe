//! Invariants that hold for every request, checked on generated ones (proptest).

mod common;
use common::*;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

fn dec(v: &Value) -> Decimal {
    Decimal::from_str(v.as_str().expect("money is a string")).expect("a decimal")
}

/// Money strings: exactly two decimals, never negative.
fn assert_money(v: &Value, what: &str) {
    let s = v.as_str().unwrap_or_else(|| panic!("{what} is not a string: {v}"));
    let (int, frac) = s.split_once('.').unwrap_or_else(|| panic!("{what} = {s} has no decimals"));
    assert!(frac.len() == 2 && frac.bytes().all(|b| b.is_ascii_digit()), "{what} = {s}");
    assert!(!int.starts_with('-') && int.bytes().all(|b| b.is_ascii_digit()), "{what} = {s} is negative or odd");
}

fn fraction() -> impl Strategy<Value = String> {
    (0u32..=10_000).prop_map(|n| (Decimal::new(n.into(), 4)).normalize().to_string())
}

fn area() -> impl Strategy<Value = String> {
    (1u64..=2_000_000_000).prop_map(|n| Decimal::new(n as i64, 4).normalize().to_string())
}

prop_compose! {
    fn stand()(
        zone in prop::sample::select(vec!["sandy", "oasis"]),
        forest_type in prop::sample::select(vec!["arbor", "shrub", "mixed"]),
        share in fraction(),
        area in area(),
        planted in 1990i32..=2026,
        survival in fraction(),
        retention in fraction(),
        canopy in fraction(),
        coverage in fraction(),
        location in prop::sample::select(vec!["xingqing", "jinfeng", "xixia", "yongning", "helan", "lingwu"]),
        horizon in 1i32..=50,
        app_month in 1u32..=12,
        app_year in 2020i32..=2030,
        flags in prop::array::uniform5(any::<bool>()),
    ) -> Value {
        let mut v = json!({
            "zone": zone, "forestType": forest_type, "areaMu": area, "plantingYear": planted,
            "survivalRate": survival, "retentionRate": retention, "canopyClosure": canopy, "shrubCoverage": coverage,
            "location": location, "horizonYears": horizon,
            "applicationDate": format!("{app_year}-{app_month:02}-15"), "asOf": format!("{app_year}-{app_month:02}-15"),
            "jointApplication": flags[0], "landRightsClear": flags[1], "meetsTechnicalStandards": flags[2],
            "compartmentManaged": flags[3], "selfSustaining": flags[4], "priorPublicFunding": false,
        });
        if forest_type == "mixed" {
            v["arborShareByArea"] = json!(share);
        }
        if planted > app_year {
            v["plantingYear"] = json!(app_year);
        }
        v
    }
}

fn construction(stand: &Value) -> Value {
    let mut v = stand.clone();
    let o = v.as_object_mut().unwrap();
    for k in ["zone", "horizonYears", "applicationDate", "selfSustaining"] {
        o.remove(k);
    }
    v
}

fn maintenance(stand: &Value) -> Value {
    let mut v = stand.clone();
    v.as_object_mut().unwrap().remove("priorPublicFunding");
    v
}

fn score(max: u32) -> impl Strategy<Value = Decimal> {
    (0..=max * 100).prop_map(|n| Decimal::new(n.into(), 2))
}

fn star_request(s: &[Decimal; 4]) -> Value {
    json!({"scores": {"contract": s[0].to_string(), "satisfaction": s[1].to_string(),
        "governance": s[2].to_string(), "rectification": s[3].to_string()}, "asOf": "2025-10-01"})
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn maintenance_totals_are_sums_of_rounded_lines(stand in stand()) {
        let r = eval("forest-maintenance", &maintenance(&stand));
        prop_assume!(r["ok"] == json!(true));
        let r = &r["result"];
        let rows = r["schedule"].as_array().unwrap();
        let mut sum = Decimal::ZERO;
        let mut within = Decimal::ZERO;
        for row in rows {
            assert_money(&row["amount"], "amount");
            sum += dec(&row["amount"]);
            if row["beyondValidity"] == json!(false) {
                within += dec(&row["amount"]);
            }
        }
        assert_money(&r["total"], "total");
        assert_money(&r["totalWithinValidity"], "totalWithinValidity");
        prop_assert_eq!(dec(&r["total"]), sum);
        prop_assert_eq!(dec(&r["totalWithinValidity"]), within);
    }

    #[test]
    fn construction_money_is_rate_times_area_rounded(stand in stand()) {
        let r = eval("forest-construction", &construction(&stand));
        prop_assume!(r["ok"] == json!(true));
        let r = &r["result"];
        assert_money(&r["amount"], "amount");
        let exact = dec(&r["ratePerMu"]) * dec(&r["areaMu"]);
        let diff = (dec(&r["amount"]) - exact).abs();
        prop_assert!(diff <= Decimal::new(5, 3), "{} vs {}", r["amount"], exact);
    }

    #[test]
    fn raising_a_measured_rate_never_loses_eligibility(stand in stand(), which in 0usize..4, by in 1u32..=5000) {
        let field = ["survivalRate", "retentionRate", "canopyClosure", "shrubCoverage"][which];
        for (id, input) in [("forest-construction", construction(&stand)), ("forest-maintenance", maintenance(&stand))] {
            let before = eval(id, &input);
            prop_assume!(before["ok"] == json!(true));
            let old = Decimal::from_str(input[field].as_str().unwrap()).unwrap();
            let new = (old + Decimal::new(by.into(), 4)).min(Decimal::ONE).normalize();
            let mut raised = input.clone();
            raised[field] = json!(new.to_string());
            let after = eval(id, &raised);
            prop_assert_eq!(&after["ok"], &json!(true));
            if before["result"]["eligible"] == json!(true) {
                prop_assert_eq!(&after["result"]["eligible"], &json!(true), "{} raised to {}", field, new);
            }
        }
    }

    #[test]
    fn stars_never_fall_when_a_score_rises(
        c in score(50), s in score(30), g in score(20), r in score(10), which in 0usize..4, by in 1u32..=2000,
    ) {
        let scores = [c, s, g, r];
        let before = eval("property-star", &star_request(&scores));
        let max = [50, 30, 20, 10][which];
        let mut raised = scores;
        raised[which] = (raised[which] + Decimal::new(by.into(), 2)).min(Decimal::from(max));
        let after = eval("property-star", &star_request(&raised));
        let (b, a) = (before["result"]["stars"].as_u64().unwrap(), after["result"]["stars"].as_u64().unwrap());
        prop_assert!(a >= b, "{:?} → {:?}: {} → {}", scores, raised, b, a);
        // The total is the sum of the scores.
        let total: Decimal = scores.iter().sum();
        prop_assert_eq!(dec(&before["result"]["total"]), total);
    }

    #[test]
    fn the_same_input_gives_the_same_bytes(stand in stand()) {
        let text = maintenance(&stand).to_string();
        let a = policy_calc::evaluate_json("forest-maintenance", &text, TODAY);
        let b = policy_calc::evaluate_json("forest-maintenance", &text, TODAY);
        prop_assert_eq!(a, b);
    }

    #[test]
    fn ranking_rewards_are_money(n in 1usize..12, quota in 1u32..6, seed in any::<u64>()) {
        let candidates: Vec<Value> = (0..n).map(|i| {
            let v = |k: u64| ((seed >> ((i * 3 + k as usize) % 60)) % 7).to_string();
            json!({"name": format!("村{i}"), "indicators": {"featuredIndustry": v(0), "projectFunding": v(1), "collectiveIncome": v(2), "integrationEntities": v(3)}})
        }).collect();
        let quota = quota.min(n as u32);
        let r = eval("five-strong-ranking", &json!({"level": "village", "quota": quota, "candidates": candidates}));
        prop_assert_eq!(&r["ok"], &json!(true));
        assert_money(&r["result"]["totalReward"], "totalReward");
        assert_money(&r["result"]["reward"], "reward");
        let recognised = r["result"]["recognisedCount"].as_u64().unwrap();
        prop_assert!(recognised <= u64::from(quota));
    }
}
