//! `forest-maintenance` (docs/rulebook.md §2): the rate table, the timing rule, the
//! schedule and the conditions, at and around every threshold.

mod common;
use common::*;
use serde_json::{json, Value};

const ID: &str = "forest-maintenance";

/// A request whose first funded year (2027) finds the stand at `age`.
fn at_age(zone: &str, forest_type: &str, age: i64, self_sustaining: bool) -> Value {
    with(
        &maintenance_example(),
        &[
            ("zone", json!(zone)),
            ("forestType", json!(forest_type)),
            ("areaMu", json!("1")),
            ("plantingYear", json!(2028 - age)),
            ("horizonYears", json!(1)),
            ("selfSustaining", json!(self_sustaining)),
            ("canopyClosure", json!("0.5")),
            ("survivalRate", json!("0.9")),
        ],
    )
}

#[test]
fn every_cell_of_the_rate_table() {
    // (zone, type, rates at ages 10, 11, 15, 16, 20, 21) — 第十条, docs/rulebook.md §2.
    let table = [
        ("sandy", "arbor", ["400", "320", "131.072", "100", "100", "100"]),
        ("sandy", "mixed", ["400", "320", "131.072", "100", "100", "100"]),
        ("sandy", "shrub", ["130", "104", "42.5984", "20", "20", "20"]),
        ("oasis", "arbor", ["240", "192", "78.6432", "70", "70", "70"]),
        ("oasis", "mixed", ["240", "192", "78.6432", "70", "70", "70"]),
        ("oasis", "shrub", ["100", "80", "32.768", "15", "15", "15"]),
    ];
    let ages = [10, 11, 15, 16, 20, 21];
    let bands = ["base", "declining", "declining", "reduced", "reduced", "mature"];
    for (zone, forest_type, rates) in table {
        for ((age, rate), band) in ages.iter().zip(rates).zip(bands) {
            for self_sustaining in [false, true] {
                let mut input = at_age(zone, forest_type, *age, self_sustaining);
                if forest_type == "mixed" {
                    input = with(&input, &[("arborShareByArea", json!("0.7"))]);
                }
                let r = ok(ID, &input);
                let ctx = format!("{zone} {forest_type} age {age} selfSustaining {self_sustaining}");
                if *age > 20 && self_sustaining {
                    // 能够自然生长且生态系统趋于稳定的生态公益林不再进行养护补偿.
                    assert_eq!(r["schedule"], json!([]), "{ctx}");
                    assert_eq!(s(&r["total"]), "0.00", "{ctx}");
                    assert!(codes(&r, "warnings").contains(&"compensationEnds".to_string()), "{ctx}");
                    assert_eq!(r["eligible"], json!(false), "{ctx}");
                    assert_eq!(reason_codes(&r), ["selfSustaining"], "{ctx}");
                    continue;
                }
                let row = &r["schedule"][0];
                assert_eq!(row["age"], json!(age), "{ctx}");
                assert_eq!(s(&row["ratePerMu"]), rate, "{ctx}");
                assert_eq!(s(&row["band"]), band, "{ctx}");
            }
        }
    }
}

#[test]
fn the_decline_is_compound_year_by_year() {
    let expected = [
        ("sandy", "arbor", ["320", "256", "204.8", "163.84", "131.072"]),
        ("sandy", "shrub", ["104", "83.2", "66.56", "53.248", "42.5984"]),
        ("oasis", "arbor", ["192", "153.6", "122.88", "98.304", "78.6432"]),
        ("oasis", "shrub", ["80", "64", "51.2", "40.96", "32.768"]),
    ];
    for (zone, forest_type, rates) in expected {
        let r = ok(ID, &with(&at_age(zone, forest_type, 11, false), &[("horizonYears", json!(5))]));
        let got: Vec<&str> = r["schedule"].as_array().unwrap().iter().map(|row| s(&row["ratePerMu"])).collect();
        assert_eq!(got, rates, "{zone} {forest_type}");
        assert!(codes(&r, "interpretations").contains(&"compoundDecline".to_string()));
    }
}

#[test]
fn the_worked_example_of_spec_section_2() {
    let r = ok(ID, &maintenance_example());
    assert_eq!(r["eligible"], json!(true));
    assert_eq!(s(&r["ratedAs"]), "shrub");
    assert_eq!(r["firstFundedYear"], json!(2027));
    let rows: Vec<(i64, i64, &str, &str, bool)> = r["schedule"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row["year"].as_i64().unwrap(),
                row["age"].as_i64().unwrap(),
                s(&row["ratePerMu"]),
                s(&row["amount"]),
                row["beyondValidity"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (2027, 14, "53.248", "6416.38", false),
            (2028, 15, "42.5984", "5133.11", true),
            (2029, 16, "20", "2410.00", true),
        ]
    );
    assert_eq!(s(&r["total"]), "13959.49");
    assert_eq!(s(&r["payer"]), "county");
    let warnings = codes(&r, "warnings");
    assert!(warnings.contains(&"beyondValidity".to_string()));
    assert!(warnings.contains(&"yearlyReapplication".to_string()));
    assert!(!warnings.contains(&"ruleNotInForce".to_string()));
}

#[test]
fn the_30_june_rule() {
    for (date, first) in [
        ("2026-01-01", 2027),
        ("2026-06-30", 2027),
        ("2026-07-01", 2028),
        ("2026-12-31", 2028),
        ("2024-06-30", 2025),
        ("2024-07-01", 2026),
    ] {
        let r = ok(ID, &with(&maintenance_example(), &[("applicationDate", json!(date))]));
        assert_eq!(r["firstFundedYear"], json!(first), "{date}");
        assert_eq!(r["schedule"][0]["year"], json!(first), "{date}");
    }
    // The application date defaults to asOf.
    let r = ok(ID, &with(&maintenance_example(), &[("applicationDate", Value::Null), ("asOf", json!("2026-07-01"))]));
    assert_eq!(r["firstFundedYear"], json!(2028));
    assert_eq!(s(&r["applicationDate"]), "2026-07-01");
}

#[test]
fn conditions_are_judged_at_the_age_in_the_application_year() {
    // Planted 2023: age 4 in 2026 (retention needed), age 3 in 2025 (survival needed).
    let base = with(&maintenance_example(), &[("plantingYear", json!(2023)), ("retentionRate", Value::Null)]);
    assert_error(ID, &base, "missingField", "retentionRate");
    let young = with(&base, &[("applicationDate", json!("2025-05-10"))]);
    assert_error(ID, &young, "missingField", "survivalRate");
    let r = ok(ID, &with(&young, &[("survivalRate", json!("0.85"))]));
    assert_eq!(r["standAge"], json!(3));
    assert_eq!(r["eligible"], json!(true));
    let r = ok(ID, &with(&young, &[("survivalRate", json!("0.8499"))]));
    assert_eq!(reason_codes(&r), ["survival"]);
    // Not yet planted in the application year.
    assert_error(ID, &with(&base, &[("applicationDate", json!("2022-05-10"))]), "outOfRange", "applicationDate");
}

#[test]
fn retention_canopy_and_coverage_thresholds() {
    let shrub = with(&maintenance_example(), &[("retentionRate", Value::Null)]);
    let arbor = with(&shrub, &[("forestType", json!("arbor"))]);
    let cases = [
        (&shrub, "retentionRate", "0.8", true),
        (&shrub, "retentionRate", "0.7999", false),
        (&shrub, "shrubCoverage", "0.3", true),
        (&shrub, "shrubCoverage", "0.2999", false),
        (&arbor, "retentionRate", "0.80", true),
        (&arbor, "retentionRate", "0.7999", false),
        (&arbor, "canopyClosure", "0.2", true),
        (&arbor, "canopyClosure", "0.1999", false),
    ];
    for (base, field, value, eligible) in cases {
        let r = ok(ID, &with(base, &[(field, json!(value))]));
        assert_eq!(r["eligible"], json!(eligible), "{field} {value}");
        if !eligible {
            assert_eq!(reason_codes(&r), ["retention"], "{field} {value}");
        }
    }
    // Any one alternative met suffices.
    let r = ok(ID, &with(&arbor, &[("retentionRate", json!("0.5")), ("canopyClosure", json!("0.2"))]));
    assert_eq!(r["eligible"], json!(true));
    // Canopy closure is the arbor test; a shrub forest needs retention or coverage.
    assert_error(ID, &with(&shrub, &[("canopyClosure", json!("0.9"))]), "missingField", "retentionRate");
}

#[test]
fn no_500_mu_rule_and_no_prior_funding_rule_here() {
    // A 13-year-old stand of 1 mu is eligible for maintenance compensation.
    let r = ok(ID, &with(&maintenance_example(), &[("areaMu", json!("1"))]));
    assert_eq!(r["eligible"], json!(true));
    assert!(!reason_codes(&r).contains(&"minimumArea".to_string()));
    assert_error(
        ID,
        &with(&maintenance_example(), &[("priorPublicFunding", json!(true))]),
        "unknownField",
        "priorPublicFunding",
    );
}

#[test]
fn every_unmet_condition_is_reported() {
    let r = ok(
        ID,
        &with(
            &maintenance_example(),
            &[
                ("jointApplication", json!(true)),
                ("landRightsClear", json!(false)),
                ("meetsTechnicalStandards", json!(false)),
                ("compartmentManaged", json!(false)),
                ("retentionRate", json!("0.1")),
            ],
        ),
    );
    assert_eq!(r["eligible"], json!(false));
    assert_eq!(reason_codes(&r), ["jointApplication", "landRights", "technicalStandards", "compartment", "retention"]);
    for reason in r["reasons"].as_array().unwrap() {
        assert!(s(&reason["article"]).starts_with('第'), "{reason}");
        assert!(!s(&reason["messageZh"]).is_empty() && !s(&reason["messageEn"]).is_empty());
    }
    // The schedule is still shown: the amount if approved.
    assert_eq!(s(&r["total"]), "13959.49");
}

#[test]
fn the_schedule_horizon_and_its_end() {
    let r = ok(ID, &with(&maintenance_example(), &[("horizonYears", Value::Null)]));
    assert_eq!(r["schedule"].as_array().unwrap().len(), 10);
    let r = ok(ID, &with(&maintenance_example(), &[("horizonYears", json!(50))]));
    assert_eq!(r["schedule"].as_array().unwrap().len(), 50);
    assert!(codes(&r, "warnings").contains(&"selfSustainingAssumed".to_string()));
    for bad in [0, 51] {
        assert_error(ID, &with(&maintenance_example(), &[("horizonYears", json!(bad))]), "outOfRange", "horizonYears");
    }
    // Self-sustaining: the schedule stops once the rate is 0 (after age 20).
    let r = ok(ID, &with(&at_age("sandy", "arbor", 18, true), &[("horizonYears", json!(10))]));
    let ages: Vec<i64> = r["schedule"].as_array().unwrap().iter().map(|row| row["age"].as_i64().unwrap()).collect();
    assert_eq!(ages, [18, 19, 20]);
    assert_eq!(s(&r["total"]), "300.00");
}

#[test]
fn validity_of_the_measure() {
    let r = ok(
        ID,
        &with(&maintenance_example(), &[("asOf", json!("2027-06-23")), ("applicationDate", json!("2027-06-22"))]),
    );
    assert!(codes(&r, "warnings").contains(&"ruleNotInForce".to_string()));
    let r = ok(
        ID,
        &with(&maintenance_example(), &[("asOf", json!("2027-06-22")), ("applicationDate", json!("2027-06-22"))]),
    );
    assert!(!codes(&r, "warnings").contains(&"ruleNotInForce".to_string()));
    assert_eq!(r["schedule"][0]["year"], json!(2028));
    assert_eq!(r["schedule"][0]["beyondValidity"], json!(true));
}

#[test]
fn city_districts_are_paid_by_the_city() {
    for (location, payer, steps) in [
        ("xingqing", "city", 4),
        ("jinfeng", "city", 4),
        ("xixia", "city", 4),
        ("yongning", "county", 3),
        ("helan", "county", 3),
        ("lingwu", "county", 3),
    ] {
        let r = ok(ID, &with(&maintenance_example(), &[("location", json!(location))]));
        assert_eq!(s(&r["payer"]), payer);
        assert_eq!(r["approvalRoute"].as_array().unwrap().len(), steps);
        assert_eq!(r["documents"].as_array().unwrap().len(), 4);
    }
}

#[test]
fn a_mixed_stand_below_65_percent_is_shrub_forest_in_every_respect() {
    let mixed = with(
        &maintenance_example(),
        &[("forestType", json!("mixed")), ("arborShareByArea", json!("0.5")), ("retentionRate", Value::Null)],
    );
    for (extra, eligible) in [
        (vec![("shrubCoverage", "0.3")], true),
        (vec![("shrubCoverage", "0.2999")], false),
        (vec![("retentionRate", "0.8")], true),
        (vec![("retentionRate", "0.7999")], false),
        // Canopy closure is the arbor test: it does not rescue a stand rated as shrub.
        (vec![("canopyClosure", "0.9"), ("shrubCoverage", "0.2999")], false),
        (vec![("canopyClosure", "0.9"), ("retentionRate", "0.7999")], false),
    ] {
        let changes: Vec<(&str, Value)> = extra.iter().map(|(k, v)| (*k, json!(v))).collect();
        let r = ok(ID, &with(&mixed, &changes));
        assert_eq!(s(&r["ratedAs"]), "shrub");
        assert_eq!(r["eligible"], json!(eligible), "{extra:?}");
        if !eligible {
            // The reason lists only the ways open to a shrub stand.
            let reason = &r["reasons"][0];
            assert_eq!(reason["code"], json!("retention"));
            assert!(!s(&reason["messageZh"]).contains("郁闭度"), "{reason}");
            assert!(!s(&reason["messageEn"]).contains("canopy"), "{reason}");
            assert!(s(&reason["messageEn"]).contains("shrub coverage"), "{reason}");
        }
    }
    // Canopy closure alone is not a measurement this stand can pass on.
    let e = err(ID, &with(&mixed, &[("canopyClosure", json!("0.9"))]));
    assert_eq!(e["code"], json!("missingField"));
    assert!(s(&e["messageEn"]).contains("stem retention rate") && s(&e["messageEn"]).contains("shrub coverage"), "{e}");
    assert_eq!(e["params"]["or"], json!(["shrubCoverage"]));
    assert!(!s(&e["messageEn"]).contains("give the canopy"), "{e}");
    // A qualifying mixed stand (≥ 65%) is arbor forest and may pass on canopy closure.
    let qualifying = with(&mixed, &[("arborShareByArea", json!("0.65")), ("canopyClosure", json!("0.2"))]);
    let r = ok(ID, &qualifying);
    assert_eq!(s(&r["ratedAs"]), "arbor");
    assert_eq!(r["eligible"], json!(true));
    let below = with(&qualifying, &[("arborShareByArea", json!("0.6499"))]);
    assert_eq!(err(ID, &below)["code"], json!("missingField"));
    let r = ok(ID, &with(&below, &[("shrubCoverage", json!("0.1"))]));
    assert_eq!(s(&r["ratedAs"]), "shrub");
    assert_eq!(reason_codes(&r), ["retention"]);
}
