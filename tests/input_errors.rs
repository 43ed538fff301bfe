//! docs/rulebook.md §5: every error code produced by a real bad input, and no input that
//! makes the engine panic.

mod common;
use common::*;
use policy_calc::evaluate_json;
use serde_json::{json, Value};

#[test]
fn invalid_json() {
    for text in ["", "{", "{\"areaMu\": }", "nonsense", "[1,2", "{\"a\":1}}"] {
        let r: Value = serde_json::from_str(&evaluate_json("forest-construction", text, TODAY)).unwrap();
        assert_eq!(r["ok"], json!(false));
        assert_eq!(r["error"]["code"], json!("invalidJson"), "{text:?}");
        assert_eq!(r["error"]["field"], Value::Null);
    }
    // Valid JSON that is not an object.
    for v in [json!([]), json!(1), json!("x"), json!(null), json!(true)] {
        assert_eq!(err("forest-maintenance", &v)["code"], json!("invalidJson"), "{v}");
    }
}

#[test]
fn unknown_calculator() {
    assert_error("forest", &construction_base(), "unknownCalculator", "calculator");
    assert_error("", &construction_base(), "unknownCalculator", "calculator");
}

#[test]
fn unknown_field() {
    assert_error(
        "forest-construction",
        &with(&construction_base(), &[("areaMU", json!("1"))]),
        "unknownField",
        "areaMU",
    );
    assert_error(
        "forest-maintenance",
        &with(&maintenance_example(), &[("zones", json!("sandy"))]),
        "unknownField",
        "zones",
    );
    // A misspelt field is reported as unknown, not as the missing field it was meant to be.
    let misspelt = with(&construction_base(), &[("areaMu", Value::Null), ("area_mu", json!("600"))]);
    assert_error("forest-construction", &misspelt, "unknownField", "area_mu");
}

#[test]
fn missing_field() {
    for field in [
        "location",
        "forestType",
        "jointApplication",
        "landRightsClear",
        "meetsTechnicalStandards",
        "compartmentManaged",
        "priorPublicFunding",
    ] {
        assert_error(
            "forest-construction",
            &with(&construction_base(), &[(field, Value::Null)]),
            "missingField",
            field,
        );
    }
    assert_error(
        "forest-construction",
        &with(&construction_base(), &[("areaMu", Value::Null)]),
        "missingField",
        "areaMu",
    );
    assert_error("forest-maintenance", &with(&maintenance_example(), &[("zone", Value::Null)]), "missingField", "zone");
}

#[test]
fn invalid_number() {
    for bad in [
        json!("abc"),
        json!("NaN"),
        json!("Infinity"),
        json!("1,5"),
        json!("0.12345"),
        json!(""),
        json!(true),
        json!([1]),
        json!("1e999"),
    ] {
        assert_error(
            "forest-construction",
            &with(&construction_base(), &[("areaMu", Value::Null), ("areaHectares", bad.clone())]),
            "invalidNumber",
            "areaHectares",
        );
    }
    // A JSON null counts as given but not a number (JavaScript turns NaN into null).
    let null_area = {
        let mut v = construction_base();
        v["areaMu"] = Value::Null;
        v
    };
    assert_error("forest-construction", &null_area, "invalidNumber", "areaMu");
    assert_error(
        "forest-construction",
        &with(&construction_base(), &[("plantingYear", json!(2019.5))]),
        "invalidNumber",
        "plantingYear",
    );
    // More than four decimal places, as a JSON number too.
    let mut input = construction_base();
    input["areaMu"] = serde_json::from_str("120.12345").unwrap();
    assert_error("forest-construction", &input, "invalidNumber", "areaMu");
}

#[test]
fn numbers_as_json_numbers_or_strings_agree() {
    let as_number = ok(
        "forest-maintenance",
        &with(&maintenance_example(), &[("areaMu", json!(120.5)), ("retentionRate", json!(0.86))]),
    );
    let as_string = ok("forest-maintenance", &maintenance_example());
    assert_eq!(as_number, as_string);
    // Exponents within range are fine.
    let text = r#"{"zone":"sandy","forestType":"shrub","areaMu":1.205e2,"plantingYear":"2014","applicationDate":"2026-05-10","asOf":"2026-05-10","horizonYears":3,"retentionRate":8.6E-1,"jointApplication":false,"landRightsClear":true,"meetsTechnicalStandards":true,"compartmentManaged":true,"location":"lingwu"}"#;
    let r: Value = serde_json::from_str(&evaluate_json("forest-maintenance", text, TODAY)).unwrap();
    assert_eq!(r["result"]["total"], json!("13959.49"), "{r}");
}

#[test]
fn out_of_range() {
    let c = construction_base();
    for (field, value) in [
        ("areaMu", json!("0")),
        ("areaMu", json!("-5")),
        ("areaMu", json!("13600000.0001")),
        ("retentionRate", json!("1.01")),
        ("retentionRate", json!("-0.1")),
        ("canopyClosure", json!("1.5")),
        ("plantingYear", json!(0)),
        ("plantingYear", json!(10000)),
    ] {
        assert_error("forest-construction", &with(&c, &[(field, value)]), "outOfRange", field);
    }
    assert_error(
        "forest-construction",
        &with(&c, &[("areaMu", Value::Null), ("areaHectares", json!("906667"))]),
        "outOfRange",
        "areaHectares",
    );
    // The city's land area itself is accepted.
    let r = ok("forest-construction", &with(&c, &[("areaMu", json!("13600000"))]));
    assert_eq!(s(&r["amount"]), "6800000000.00");
}

#[test]
fn conflicting_fields() {
    assert_error(
        "forest-construction",
        &with(&construction_base(), &[("areaHectares", json!("1"))]),
        "conflictingFields",
        "areaHectares",
    );
}

#[test]
fn invalid_date() {
    for bad in [json!("2026-02-30"), json!("2026/05/10"), json!("10 May 2026"), json!(20260510), json!("")] {
        assert_error(
            "forest-maintenance",
            &with(&maintenance_example(), &[("applicationDate", bad.clone())]),
            "invalidDate",
            "applicationDate",
        );
        assert_error("forest-construction", &with(&construction_base(), &[("asOf", bad)]), "invalidDate", "asOf");
    }
}

#[test]
fn invalid_enum() {
    assert_error(
        "forest-maintenance",
        &with(&maintenance_example(), &[("zone", json!("desert"))]),
        "invalidEnum",
        "zone",
    );
    assert_error(
        "forest-construction",
        &with(&construction_base(), &[("forestType", json!("Arbor"))]),
        "invalidEnum",
        "forestType",
    );
    assert_error(
        "forest-construction",
        &with(&construction_base(), &[("location", json!("yinchuan"))]),
        "invalidEnum",
        "location",
    );
    assert_error(
        "forest-construction",
        &with(&construction_base(), &[("location", json!(3))]),
        "invalidEnum",
        "location",
    );
}

#[test]
fn invalid_type() {
    assert_error(
        "forest-construction",
        &with(&construction_base(), &[("jointApplication", json!("false"))]),
        "invalidType",
        "jointApplication",
    );
    assert_error(
        "forest-maintenance",
        &with(&maintenance_example(), &[("selfSustaining", json!(0))]),
        "invalidType",
        "selfSustaining",
    );
}

/// A small deterministic generator, so that the run is the same every time.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

#[test]
fn no_input_makes_the_engine_panic() {
    let odd = [
        json!(null),
        json!(""),
        json!("-1"),
        json!(-1),
        json!(0),
        json!("0"),
        json!(1),
        json!(2026),
        json!("99999999999999999999999999999999"),
        json!("79228162514264337593543950335"),
        json!("-79228162514264337593543950335"),
        json!("1e28"),
        json!("1e-28"),
        json!(9999),
        json!(i64::MAX),
        json!(i64::MIN),
        json!(u64::MAX),
        json!(true),
        json!([]),
        json!({}),
        json!("2026-02-29"),
        json!("9999-12-31"),
        json!("0001-01-01"),
        json!("sandy"),
        json!("mixed"),
        json!("shrub"),
        json!("xingqing"),
        json!("0.65"),
        json!("1"),
        json!("\u{0}"),
        json!("１２３"),
    ];
    let mut rng = Lcg(7);
    let property = json!({"scores": {"contract": "40", "satisfaction": "28", "governance": "18", "rectification": "9"},
        "disqualifiers": [], "hasContract": true, "serviceMonths": 12, "platformRegistered": true, "newlyDelivered": true,
        "occupancyRate": "0.6", "previousStars": 2, "asOf": "2025-10-01"});
    let mut property_items = property.clone();
    property_items["scores"].as_object_mut().unwrap().remove("contract");
    property_items["contractItems"] = json!({"basicManagement": "8", "publicDisclosure": "5", "sanitation": "8",
        "orderMaintenance": "7.5", "greening": "5", "sharedFacilities": "7", "renovation": "4", "bonus": "1.5"});
    for (id, base) in [
        ("forest-construction", construction_base()),
        ("forest-maintenance", maintenance_example()),
        ("property-star", property),
        ("property-star", property_items),
        ("five-strong", json!({"level": "village", "location": "helan", "badCredit": false, "asOf": "2026-01-01"})),
        (
            "five-strong-ranking",
            json!({"level": "county", "quota": 1, "weights": {"gdp": 2}, "candidates": [
            {"name": "永宁县", "indicators": {"gdp": 1, "fiscalRevenue": 2, "fixedAssetInvestment": 3, "energyIntensityCompletion": 4, "disposableIncome": 5, "exports": 1}},
            {"name": "贺兰县", "vetoed": true, "indicators": {"gdp": 5, "fiscalRevenue": 4, "fixedAssetInvestment": 3, "energyIntensityCompletion": 2, "disposableIncome": 1, "exports": 2}}]}),
        ),
    ] {
        let mut fields: Vec<String> = base.as_object().unwrap().keys().cloned().collect();
        fields.extend(
            [
                "zone",
                "selfSustaining",
                "horizonYears",
                "standAgeYears",
                "areaHectares",
                "survivalRate",
                "canopyClosure",
                "shrubCoverage",
                "arborShareByArea",
                "arborShareByStems",
            ]
            .map(String::from),
        );
        // Every field with every odd value.
        for field in &fields {
            for value in &odd {
                let r = eval(id, &with(&base, &[(field.as_str(), value.clone())]));
                assert!(r["ok"].is_boolean(), "{field}={value}: {r}");
            }
        }
        // Random combinations of several odd values.
        for _ in 0..3000 {
            let mut input = base.clone();
            for _ in 0..(1 + rng.next() % 4) {
                let field = &fields[rng.next() % fields.len()];
                input[field.as_str()] = odd[rng.next() % odd.len()].clone();
            }
            let r = eval(id, &input);
            assert!(r["ok"].is_boolean(), "{input}: {r}");
        }
    }
    // Odd values inside the nested objects and arrays of property-star.
    let property = json!({"scores": {"contract": "40", "satisfaction": "28", "governance": "18", "rectification": "9"}, "asOf": "2025-10-01"});
    for key in ["contract", "satisfaction", "governance", "rectification"] {
        for value in &odd {
            let mut input = property.clone();
            input["scores"][key] = value.clone();
            assert!(eval("property-star", &input)["ok"].is_boolean(), "{input}");
            let mut input = property.clone();
            input["disqualifiers"] = json!([value.clone()]);
            assert!(eval("property-star", &input)["ok"].is_boolean(), "{input}");
        }
    }

    // Odd values inside a ranking candidate.
    let ranking = json!({"level": "village", "candidates": [
        {"name": "A", "indicators": {"featuredIndustry": 1, "projectFunding": 2, "collectiveIncome": 3, "integrationEntities": 4}},
        {"name": "B", "indicators": {"featuredIndustry": 4, "projectFunding": 3, "collectiveIncome": 2, "integrationEntities": 1}}]});
    for value in &odd {
        for pointer in [
            "/candidates/0/name",
            "/candidates/1/indicators/projectFunding",
            "/candidates/0/indicators",
            "/candidates/1",
            "/candidates/0/vetoed",
            "/weights",
        ] {
            let mut input = ranking.clone();
            match input.pointer_mut(pointer) {
                Some(slot) => *slot = value.clone(),
                None => input["weights"] = value.clone(),
            }
            assert!(eval("five-strong-ranking", &input)["ok"].is_boolean(), "{input}");
        }
    }

    // Arbitrary text.
    let alphabet: Vec<char> = "{}[]\":,0123456789.-eE truefalsnl\\u亩".chars().collect();
    for _ in 0..3000 {
        let text: String = (0..rng.next() % 40).map(|_| alphabet[rng.next() % alphabet.len()]).collect();
        let r: Value = serde_json::from_str(&evaluate_json("forest-maintenance", &text, TODAY)).unwrap();
        assert!(r["ok"].is_boolean());
    }
}

/// Found by the fuzzer (evaluate_forest_construction, evaluate_forest_maintenance):
/// a refused percentage too large to show as a percentage overflowed while the
/// error message was written.
#[test]
fn a_huge_refused_percentage_is_an_error_not_a_panic() {
    for id in ["forest-construction", "forest-maintenance"] {
        let base = if id == "forest-construction" { construction_base() } else { maintenance_example() };
        for value in ["882888888888888888868888880.9", "888888888888888888888888886", "-888888888888888888888888886"] {
            let e = err(id, &with(&base, &[("retentionRate", json!(value))]));
            assert_eq!(
                (e["code"].clone(), e["field"].clone()),
                (json!("outOfRange"), json!("retentionRate")),
                "{value}"
            );
        }
    }
}
