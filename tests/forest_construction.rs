//! `forest-construction` (docs/rulebook.md §1): amount, forest type, stand age and every
//! condition at its threshold and just past it.

mod common;
use common::*;
use serde_json::{json, Value};

const ID: &str = "forest-construction";

#[test]
fn arbor_and_shrub_rates() {
    let r = ok(ID, &construction_base());
    assert_eq!(r["eligible"], json!(true), "{r}");
    assert_eq!(reason_codes(&r), Vec::<String>::new());
    assert_eq!(s(&r["ratedAs"]), "arbor");
    assert_eq!(s(&r["ratePerMu"]), "500");
    assert_eq!(s(&r["amount"]), "300000.00");
    assert_eq!(r["standAge"], json!(8));
    let r = ok(ID, &with(&construction_base(), &[("forestType", json!("shrub"))]));
    assert_eq!(s(&r["ratePerMu"]), "150");
    assert_eq!(s(&r["amount"]), "90000.00");
    assert_eq!(s(&r["areaMu"]), "600");
}

#[test]
fn hectares_are_fifteen_mu() {
    let r = ok(ID, &with(&construction_base(), &[("areaMu", Value::Null), ("areaHectares", json!("40"))]));
    assert_eq!(s(&r["areaMu"]), "600");
    assert_eq!(s(&r["amount"]), "300000.00");
}

#[test]
fn rounding_is_half_up_not_bankers() {
    // 150 元/亩 × 0.0003 亩 = 0.045 元: banker's rounding would give 0.04.
    let r = ok(ID, &with(&construction_base(), &[("forestType", json!("shrub")), ("areaMu", json!("0.0003"))]));
    assert_eq!(s(&r["amount"]), "0.05");
    // 150 × 0.0001 = 0.015 → 0.02 (banker's: 0.02 as well); 150 × 0.0007 = 0.105 → 0.11 (banker's: 0.10).
    let r = ok(ID, &with(&construction_base(), &[("forestType", json!("shrub")), ("areaMu", json!("0.0007"))]));
    assert_eq!(s(&r["amount"]), "0.11");
}

#[test]
fn mixed_forest_needs_65_percent_arbor_by_area_or_stems() {
    let mixed = with(&construction_base(), &[("forestType", json!("mixed"))]);
    assert_error(ID, &mixed, "missingField", "arborShareByArea");
    for (area, stems, rated) in [
        (Some("0.65"), None, "arbor"),
        (Some("0.6499"), None, "shrub"),
        (None, Some("0.65"), "arbor"),
        (None, Some("0.6499"), "shrub"),
        (Some("0.2"), Some("0.65"), "arbor"),
        (Some("0.6499"), Some("0.6499"), "shrub"),
    ] {
        let mut input = mixed.clone();
        if let Some(a) = area {
            input = with(&input, &[("arborShareByArea", json!(a))]);
        }
        if let Some(st) = stems {
            input = with(&input, &[("arborShareByStems", json!(st))]);
        }
        let r = ok(ID, &input);
        assert_eq!(s(&r["ratedAs"]), rated, "{area:?} {stems:?}");
        let interpreted = codes(&r, "interpretations").contains(&"mixedBelowThreshold".to_string());
        assert_eq!(interpreted, rated == "shrub");
        assert!(r["citations"].as_array().unwrap().iter().any(|c| c["article"] == json!("第三条")));
    }
}

#[test]
fn survival_for_ages_one_to_three() {
    for year in [2026, 2025, 2024] {
        // ages 1, 2, 3 as of 2026-05-10
        let young = with(&construction_base(), &[("plantingYear", json!(year)), ("retentionRate", Value::Null)]);
        assert_error(ID, &young, "missingField", "survivalRate");
        let r = ok(ID, &with(&young, &[("survivalRate", json!("0.85"))]));
        assert_eq!(r["eligible"], json!(true));
        let r = ok(ID, &with(&young, &[("survivalRate", json!("0.8499"))]));
        assert_eq!(reason_codes(&r), ["survival"]);
    }
    // Age 4 needs retention (or canopy / coverage) instead.
    let four = with(
        &construction_base(),
        &[("plantingYear", json!(2023)), ("retentionRate", Value::Null), ("survivalRate", json!("1"))],
    );
    assert_error(ID, &four, "missingField", "retentionRate");
    // Not yet planted.
    assert_error(ID, &with(&construction_base(), &[("plantingYear", json!(2027))]), "outOfRange", "plantingYear");
}

#[test]
fn stand_age_may_be_given_instead_of_planting_year() {
    let r = ok(ID, &with(&construction_base(), &[("plantingYear", Value::Null), ("standAgeYears", json!(8))]));
    assert_eq!(r["standAge"], json!(8));
    assert!(codes(&r, "interpretations").contains(&"standAgeAsOf".to_string()));
    assert_error(ID, &with(&construction_base(), &[("standAgeYears", json!(8))]), "conflictingFields", "standAgeYears");
    assert_error(ID, &with(&construction_base(), &[("plantingYear", Value::Null)]), "missingField", "plantingYear");
    assert_error(
        ID,
        &with(&construction_base(), &[("plantingYear", Value::Null), ("standAgeYears", json!(0))]),
        "outOfRange",
        "standAgeYears",
    );
}

#[test]
fn retention_canopy_and_coverage() {
    let arbor = with(&construction_base(), &[("retentionRate", Value::Null)]);
    let shrub = with(&arbor, &[("forestType", json!("shrub"))]);
    for (base, field, value, eligible) in [
        (&arbor, "retentionRate", "0.8", true),
        (&arbor, "retentionRate", "0.7999", false),
        (&arbor, "canopyClosure", "0.2", true),
        (&arbor, "canopyClosure", "0.1999", false),
        (&shrub, "shrubCoverage", "0.3", true),
        (&shrub, "shrubCoverage", "0.2999", false),
        (&shrub, "retentionRate", "0.8", true),
    ] {
        let r = ok(ID, &with(base, &[(field, json!(value))]));
        assert_eq!(r["eligible"], json!(eligible), "{field} {value}");
    }
}

#[test]
fn the_500_mu_rule_from_age_10() {
    // 以上 includes the number: age 10 (planted 2017) needs 500 mu, with the reading stated.
    let ten = with(&construction_base(), &[("plantingYear", json!(2017))]);
    let r = ok(ID, &with(&ten, &[("areaMu", json!("499.9999"))]));
    assert_eq!(reason_codes(&r), ["minimumArea"]);
    assert_eq!(r["reasons"][0]["article"], json!("第六条"));
    assert!(codes(&r, "interpretations").contains(&"minimumAreaAge".to_string()));
    let note = r["interpretations"].as_array().unwrap().iter().find(|n| n["code"] == json!("minimumAreaAge")).unwrap();
    assert!(s(&note["messageZh"]).contains("包括本数"));
    assert!(s(&note["messageEn"]).contains("includes 10"));
    let r = ok(ID, &with(&ten, &[("areaMu", json!("500"))]));
    assert_eq!(r["eligible"], json!(true));
    // Age 9 (planted 2018): no area requirement.
    let nine = with(&construction_base(), &[("plantingYear", json!(2018)), ("areaMu", json!("100"))]);
    let r = ok(ID, &nine);
    assert_eq!(r["eligible"], json!(true));
    assert!(!codes(&r, "interpretations").contains(&"minimumAreaAge".to_string()));
    // Age 11 (planted 2016): 500 mu and above.
    let eleven = with(&construction_base(), &[("plantingYear", json!(2016))]);
    let r = ok(ID, &with(&eleven, &[("areaMu", json!("500"))]));
    assert_eq!(r["eligible"], json!(true));
    let r = ok(ID, &with(&eleven, &[("areaMu", json!("499.9999"))]));
    assert_eq!(reason_codes(&r), ["minimumArea"]);
    // The amount is still shown.
    assert_eq!(s(&r["amount"]), "249999.95");
}

#[test]
fn prior_public_funding_excludes() {
    let r = ok(ID, &with(&construction_base(), &[("priorPublicFunding", json!(true))]));
    assert_eq!(reason_codes(&r), ["priorFunding"]);
    assert_eq!(r["reasons"][0]["article"], json!("第九条"));
    assert_error(
        ID,
        &with(&construction_base(), &[("priorPublicFunding", Value::Null)]),
        "missingField",
        "priorPublicFunding",
    );
}

#[test]
fn every_unmet_condition_is_reported_together() {
    let r = ok(
        ID,
        &with(
            &construction_base(),
            &[
                ("plantingYear", json!(2010)),
                ("areaMu", json!("20")),
                ("retentionRate", json!("0.5")),
                ("jointApplication", json!(true)),
                ("landRightsClear", json!(false)),
                ("meetsTechnicalStandards", json!(false)),
                ("compartmentManaged", json!(false)),
                ("priorPublicFunding", json!(true)),
            ],
        ),
    );
    assert_eq!(r["eligible"], json!(false));
    assert_eq!(
        reason_codes(&r),
        [
            "jointApplication",
            "landRights",
            "technicalStandards",
            "compartment",
            "retention",
            "minimumArea",
            "priorFunding"
        ]
    );
    assert_eq!(s(&r["amount"]), "10000.00");
}

#[test]
fn payer_route_documents_and_notes() {
    let r = ok(ID, &construction_base());
    assert_eq!(s(&r["payer"]), "city");
    assert_eq!(r["approvalRoute"].as_array().unwrap().len(), 4);
    assert!(s(&r["approvalRoute"][3]["messageZh"]).contains("市人民政府"));
    let r = ok(ID, &with(&construction_base(), &[("location", json!("helan"))]));
    assert_eq!(s(&r["payer"]), "county");
    assert!(s(&r["approvalRoute"][2]["messageZh"]).contains("县（市）人民政府"));
    assert_eq!(r["documents"].as_array().unwrap().len(), 4);
    assert_eq!(codes(&r, "notes"), ["publicity", "fraudRecovery"]);
    let articles: Vec<&str> = r["citations"].as_array().unwrap().iter().map(|c| s(&c["article"])).collect();
    for a in ["第五条", "第六条", "第七条", "第八条", "第九条", "第十条", "第十二条", "第十四条"]
    {
        assert!(articles.contains(&a), "{a} missing from {articles:?}");
    }
    assert!(s(&r["citations"][0]["document"]).contains("银政规发〔2022〕1号"));
}

#[test]
fn as_of_defaults_to_today_and_validity_is_checked() {
    let r = ok(ID, &with(&construction_base(), &[("asOf", Value::Null)]));
    assert_eq!(s(&r["asOf"]), "2026-05-10");
    for (date, warning) in [
        ("2022-06-22", Some("ruleNotYetInForce")),
        ("2022-06-23", None),
        ("2027-06-22", None),
        ("2027-06-23", Some("ruleNotInForce")),
    ] {
        let r = ok(ID, &with(&construction_base(), &[("asOf", json!(date)), ("plantingYear", json!(2015))]));
        let warnings = codes(&r, "warnings");
        let validity: Vec<&String> = warnings.iter().filter(|c| c.starts_with("ruleNot")).collect();
        assert_eq!(validity.first().map(|c| c.as_str()), warning, "{date}");
        // The article that sets the period is cited whenever the period is used.
        let cites_17 = r["citations"].as_array().unwrap().iter().any(|c| c["article"] == json!("第十七条"));
        assert_eq!(cites_17, warning.is_some(), "{date}");
    }
}
