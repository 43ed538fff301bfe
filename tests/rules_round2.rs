//! The settled readings of the rulebook's second round (docs: forest §1–§2,
//! star rating §3, “五强” §4), each at and around its threshold.

mod common;
use common::*;
use serde_json::{json, Value};

const CONSTRUCTION: &str = "forest-construction";
const MAINTENANCE: &str = "forest-maintenance";
const STAR: &str = "property-star";
const ONE: &str = "five-strong";
const RANK: &str = "five-strong-ranking";

fn note<'a>(r: &'a Value, list: &str, code: &str) -> &'a Value {
    r[list]
        .as_array()
        .expect("a list")
        .iter()
        .find(|n| n["code"] == json!(code))
        .unwrap_or_else(|| panic!("no {code} in {list}: {}", r[list]))
}

fn cites(r: &Value, article: &str) -> bool {
    r["citations"].as_array().unwrap().iter().any(|c| c["article"] == json!(article))
}

// ── 3. Arbor shares belong to mixed stands ──────────────────────────────────

#[test]
fn arbor_shares_with_arbor_or_shrub_conflict() {
    for id in [CONSTRUCTION, MAINTENANCE] {
        let base = if id == CONSTRUCTION { construction_base() } else { maintenance_example() };
        for forest_type in ["arbor", "shrub"] {
            for share in ["arborShareByArea", "arborShareByStems"] {
                let input = with(&base, &[("forestType", json!(forest_type)), (share, json!("0.7"))]);
                assert_error(id, &input, "conflictingFields", share);
            }
        }
        // With `mixed` the shares are what decide the rate.
        let mixed = with(&base, &[("forestType", json!("mixed")), ("arborShareByStems", json!("0.65"))]);
        assert_eq!(s(&ok(id, &mixed)["ratedAs"]), "arbor");
    }
}

// ── 2. A mixed stand below 65% is shrub forest in every respect (construction) ──

#[test]
fn construction_mixed_below_65_percent_passes_only_as_shrub() {
    let mixed = with(
        &construction_base(),
        &[("forestType", json!("mixed")), ("arborShareByArea", json!("0.6499")), ("retentionRate", json!("0.5"))],
    );
    // Canopy closure would pass an arbor stand; it does not count here.
    let r = ok(CONSTRUCTION, &with(&mixed, &[("canopyClosure", json!("0.5")), ("shrubCoverage", json!("0.2999"))]));
    assert_eq!(s(&r["ratedAs"]), "shrub");
    assert_eq!(s(&r["ratePerMu"]), "150");
    assert_eq!(reason_codes(&r), ["retention"]);
    assert!(!s(&r["reasons"][0]["messageZh"]).contains("郁闭度"));
    let interpretation = note(&r, "interpretations", "mixedBelowThreshold");
    assert!(s(&interpretation["messageZh"]).contains("郁闭度"), "the reading says canopy closure does not count");
    let r = ok(CONSTRUCTION, &with(&mixed, &[("shrubCoverage", json!("0.3"))]));
    assert_eq!(r["eligible"], json!(true));
    // At 65% the stand is arbor forest: canopy closure passes it.
    let r = ok(CONSTRUCTION, &with(&mixed, &[("arborShareByArea", json!("0.65")), ("canopyClosure", json!("0.2"))]));
    assert_eq!((s(&r["ratedAs"]), r["eligible"].clone()), ("arbor", json!(true)));
}

// ── 4. Typing slips are not ages ────────────────────────────────────────────

#[test]
fn planting_year_from_1949_and_stand_age_to_100() {
    for id in [CONSTRUCTION, MAINTENANCE] {
        let base = if id == CONSTRUCTION { construction_base() } else { maintenance_example() };
        for (year, accepted) in [(16, false), (1948, false), (1949, true), (2014, true), (10000, false)] {
            let input = with(&base, &[("plantingYear", json!(year))]);
            if accepted {
                assert_eq!(eval(id, &input)["ok"], json!(true), "{id} {year}");
            } else {
                let e = err(id, &input);
                assert_eq!((e["code"].clone(), e["field"].clone()), (json!("outOfRange"), json!("plantingYear")));
                assert!(s(&e["messageZh"]).contains("1949"), "{e}");
                assert!(s(&e["messageEn"]).contains("full year"), "{e}");
            }
        }
        let by_age = with(&base, &[("plantingYear", Value::Null)]);
        for (age, accepted) in [(0, false), (4, true), (100, true), (101, false), (2011, false)] {
            let input = with(&by_age, &[("standAgeYears", json!(age))]);
            if accepted {
                assert_eq!(eval(id, &input)["ok"], json!(true), "{id} {age}");
            } else {
                assert_error(id, &input, "outOfRange", "standAgeYears");
            }
        }
    }
    // "16" as a string is the same slip.
    assert_error(
        CONSTRUCTION,
        &with(&construction_base(), &[("plantingYear", json!("16"))]),
        "outOfRange",
        "plantingYear",
    );
}

// ── 5. Within-validity total ────────────────────────────────────────────────

#[test]
fn total_within_validity_is_the_rows_the_measure_covers() {
    let r = ok(MAINTENANCE, &maintenance_example());
    assert_eq!(s(&r["total"]), "13959.49");
    assert_eq!(s(&r["totalWithinValidity"]), "6416.38");
    assert_eq!(r["yearsWithinValidity"], json!(1));
    assert!(codes(&r, "warnings").contains(&"beyondValidity".to_string()));
    assert!(cites(&r, "第二十三条"), "the validity article is cited when rows are flagged");
    // Applied on 30 June 2026: funded from 2027, still within validity.
    let r = ok(MAINTENANCE, &with(&maintenance_example(), &[("applicationDate", json!("2026-06-30"))]));
    assert_eq!(r["firstFundedYear"], json!(2027));
    assert_eq!(s(&r["totalWithinValidity"]), "6416.38");
    // Applied on 1 July 2026: funded from 2028, beyond the measure's end on 2027-06-22.
    for date in ["2026-07-01", "2027-05-10"] {
        let r = ok(MAINTENANCE, &with(&maintenance_example(), &[("applicationDate", json!(date))]));
        assert_eq!(r["firstFundedYear"], json!(2028), "{date}");
        assert_eq!(s(&r["totalWithinValidity"]), "0.00", "{date}");
        assert_eq!(r["yearsWithinValidity"], json!(0));
        assert_ne!(s(&r["total"]), "0.00", "the projection is still given");
        let w = note(&r, "warnings", "noYearWithinValidity");
        assert!(s(&w["messageZh"]).contains("2028") && s(&w["messageZh"]).contains("2027-06-22"), "{w}");
        assert!(s(&w["messageEn"]).contains("Article 23"), "{w}");
    }
    // With every row within validity the two totals agree and nothing is flagged.
    let early =
        with(&maintenance_example(), &[("applicationDate", json!("2024-05-10")), ("asOf", json!("2024-05-10"))]);
    let r = ok(MAINTENANCE, &with(&early, &[("horizonYears", json!(3))]));
    assert_eq!(
        r["schedule"].as_array().unwrap().iter().map(|row| row["year"].as_i64().unwrap()).collect::<Vec<_>>(),
        [2025, 2026, 2027]
    );
    assert_eq!(r["total"], r["totalWithinValidity"]);
    assert!(!codes(&r, "warnings").contains(&"noYearWithinValidity".to_string()));
}

// ── 6. City-directed greening tasks ─────────────────────────────────────────

#[test]
fn city_directed_tasks_are_paid_by_the_city() {
    let county = maintenance_example(); // Lingwu
    let r = ok(MAINTENANCE, &county);
    assert_eq!((s(&r["payer"]), r["approvalRoute"].as_array().unwrap().len()), ("county", 3));
    assert_eq!(r["cityDirectedTask"], json!(false));
    let r = ok(MAINTENANCE, &with(&county, &[("cityDirectedTask", json!(true))]));
    assert_eq!(s(&r["payer"]), "city");
    assert_eq!(r["approvalRoute"].as_array().unwrap().len(), 4);
    assert!(s(&r["approvalRoute"][3]["messageZh"]).contains("市人民政府"));
    assert!(cites(&r, "第九条"));
    assert!(codes(&r, "interpretations").contains(&"cityDirectedRoute".to_string()));
    // In a city district the city pays anyway; no reading needed.
    let district = with(&county, &[("location", json!("jinfeng")), ("cityDirectedTask", json!(true))]);
    let r = ok(MAINTENANCE, &district);
    assert_eq!(s(&r["payer"]), "city");
    assert!(!codes(&r, "interpretations").contains(&"cityDirectedRoute".to_string()));
    assert_error(MAINTENANCE, &with(&county, &[("cityDirectedTask", json!("yes"))]), "invalidType", "cityDirectedTask");
    // Not a field of the construction measure.
    assert_error(
        CONSTRUCTION,
        &with(&construction_base(), &[("cityDirectedTask", json!(true))]),
        "unknownField",
        "cityDirectedTask",
    );
}

// ── 7. Funded years before the measure existed ──────────────────────────────

#[test]
fn applications_before_the_measure_get_before_validity() {
    for (date, warned) in [("2021-05-10", true), ("2022-06-22", true), ("2022-06-23", false)] {
        let input = with(&maintenance_example(), &[("applicationDate", json!(date)), ("asOf", json!("2026-05-10"))]);
        let r = ok(MAINTENANCE, &input);
        assert_eq!(codes(&r, "warnings").contains(&"beforeValidity".to_string()), warned, "{date}");
        if warned {
            let w = note(&r, "warnings", "beforeValidity");
            assert!(s(&w["messageZh"]).contains("不进行追溯补偿"), "{w}");
            assert!(s(&w["messageEn"]).contains("Article 23") && s(&w["messageEn"]).contains("Article 6"), "{w}");
            assert!(cites(&r, "第二十三条") && cites(&r, "第六条"));
        }
    }
}

// ── 8. Star rating ──────────────────────────────────────────────────────────

fn star(c: &str, s_: &str, g: &str, r: &str) -> Value {
    json!({"scores": {"contract": c, "satisfaction": s_, "governance": g, "rectification": r}, "asOf": "2025-10-01"})
}

#[test]
fn a_total_below_70_is_a_reason() {
    let r = ok(STAR, &star("34.99", "21", "10", "4")); // 69.99
    assert_eq!(r["stars"], json!(0));
    assert_eq!(reason_codes(&r), ["belowMinimumScore"]);
    let reason = &r["reasons"][0];
    assert_eq!(reason["article"], json!("第十一条"));
    assert!(s(&reason["messageZh"]).contains("69.99") && s(&reason["messageEn"]).contains("Article 11"));
    let r = ok(STAR, &star("35", "21", "10", "4")); // 70
    assert_eq!(r["stars"], json!(1));
    assert!(reason_codes(&r).is_empty());
    // With a disqualifier too, both are reasons.
    let mut input = star("30", "20", "10", "5");
    input["disqualifiers"] = json!(["groupPetition"]);
    assert_eq!(reason_codes(&ok(STAR, &input)), ["belowMinimumScore", "groupPetition"]);
}

#[test]
fn band_fall_through_names_every_band_and_category_with_figures() {
    // Total 100, rectification 0: 5★ passed over (整改 0 < 8.5) and 4★ (整改 0 < 7) → 3★.
    let r = ok(STAR, &star("50", "30", "20", "0"));
    assert_eq!(r["stars"], json!(3));
    let n = note(&r, "interpretations", "bandFallThrough");
    let zh = s(&n["messageZh"]);
    let en = s(&n["messageEn"]);
    for part in ["五星级", "四星级", "检查反馈问题整改情况 0 < 8.5", "检查反馈问题整改情况 0 < 7", "三星级"]
    {
        assert!(zh.contains(part), "{part} missing: {zh}");
    }
    for part in ["5 stars", "4 stars", "0 < 8.5", "0 < 7", "3 stars", "Article 11"] {
        assert!(en.contains(part), "{part} missing: {en}");
    }
    // Two categories short of 85%, both named; 4★ met.
    let r = ok(STAR, &star("42", "25", "20", "10")); // 97
    assert_eq!(r["stars"], json!(4));
    let zh = s(&note(&r, "interpretations", "bandFallThrough")["messageZh"]).to_string();
    assert!(zh.contains("42 < 42.5") && zh.contains("25 < 25.5"), "{zh}");
    assert!(!zh.contains("< 35"), "4★ is not passed over: {zh}");
    // Exactly at the share: no fall-through.
    let r = ok(STAR, &star("42.5", "25.5", "17", "10"));
    assert_eq!(r["stars"], json!(5));
    assert!(!codes(&r, "interpretations").contains(&"bandFallThrough".to_string()));
}

#[test]
fn counties_get_the_county_reference_note() {
    for (location, noted) in [
        ("lingwu", true),
        ("helan", true),
        ("yongning", true),
        ("xingqing", false),
        ("jinfeng", false),
        ("xixia", false),
    ] {
        let mut input = star("46", "27", "18", "9");
        input["location"] = json!(location);
        let r = ok(STAR, &input);
        assert_eq!(r["location"], json!(location));
        assert_eq!(codes(&r, "warnings").contains(&"countyReference".to_string()), noted, "{location}");
        assert_eq!(cites(&r, "第二十六条"), noted, "{location}");
        assert_eq!(r["stars"], json!(5), "the note does not change the stars");
    }
    let mut input = star("46", "27", "18", "9");
    input["location"] = json!("beijing");
    assert_error(STAR, &input, "invalidEnum", "location");
}

#[test]
fn consequences_hold_only_consequences() {
    for scores in [["50", "30", "20", "10"], ["45", "20", "13", "7"], ["30", "20", "10", "5"]] {
        let r = ok(STAR, &star(scores[0], scores[1], scores[2], scores[3]));
        let c = codes(&r, "consequences");
        assert!(!c.contains(&"ratedBy".to_string()) && !c.contains(&"creditPoints".to_string()), "{c:?}");
        assert_eq!(r["ratedByNote"]["code"], json!("ratedBy"));
        assert_eq!(r["creditPointsNote"]["code"], json!("creditPoints"));
    }
}

// ── 9. 五强 ranking: sectors and recommendation limits ───────────────────────

fn enterprise(name: &str, sector: Option<&str>, v: i64) -> Value {
    let mut c = json!({"name": name, "indicators": {"outputValue": v, "mainRevenue": v, "taxesPaid": v, "rdSpending": v, "wageGrowth": v}});
    if let Some(sector) = sector {
        c["sector"] = json!(sector);
    }
    c
}

#[test]
fn enterprises_are_ranked_within_sector_quotas() {
    let list = json!([
        enterprise("I1", Some("industry"), 100),
        enterprise("I2", Some("industry"), 90),
        enterprise("I3", Some("industry"), 80),
        enterprise("A1", Some("agriculture"), 5),
        enterprise("A2", Some("agriculture"), 4),
    ]);
    let r = ok(RANK, &json!({"level": "enterprise", "candidates": list}));
    // Defaults 40/35/10/15: everyone listed is within their sector's quota.
    assert_eq!(r["quota"], json!(100));
    let sectors = r["sectors"].as_array().unwrap();
    assert_eq!(sectors.iter().map(|x| x["quota"].as_i64().unwrap()).collect::<Vec<_>>(), [40, 35, 10, 15]);
    assert!(r["ranking"].as_array().unwrap().iter().all(|row| row["recognised"] == json!(true)));
    // Scores are computed within the sector: A1 leads agriculture with 100.
    let a1 = r["ranking"].as_array().unwrap().iter().find(|row| row["name"] == json!("A1")).unwrap();
    assert_eq!(
        (a1["sector"].clone(), a1["rank"].clone(), a1["composite"].clone()),
        (json!("agriculture"), json!(1), json!("100"))
    );
    assert!(codes(&r, "interpretations").contains(&"sectorRanking".to_string()));
    // Overridden quotas: 2 industry places, 1 agriculture place.
    let r = ok(
        RANK,
        &json!({"level": "enterprise", "candidates": list, "sectorQuotas": {"industry": 2, "agriculture": 1}}),
    );
    let recognised: Vec<&str> = r["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|row| row["recognised"] == json!(true))
        .map(|row| s(&row["name"]))
        .collect();
    assert_eq!(recognised, ["I1", "I2", "A1"]);
    let industry = &r["sectors"][0];
    assert_eq!(
        (industry["quota"].clone(), industry["candidates"].clone(), industry["recognisedCount"].clone()),
        (json!(2), json!(3), json!(2))
    );
    // A quota of 0 recognises none of that sector.
    let r = ok(RANK, &json!({"level": "enterprise", "candidates": list, "sectorQuotas": {"agriculture": 0}}));
    assert_eq!(r["sectors"][2]["recognisedCount"], json!(0));
    // Ties are judged within the sector.
    let tied = json!([
        enterprise("X", Some("services"), 5),
        enterprise("Y", Some("services"), 5),
        enterprise("Z", Some("industry"), 1)
    ]);
    let r = ok(RANK, &json!({"level": "enterprise", "candidates": tied, "sectorQuotas": {"services": 1}}));
    assert_eq!(r["sectors"][1]["tieAtCutoff"], json!(true));
    assert_eq!(r["sectors"][0]["tieAtCutoff"], json!(false));
    assert_eq!(r["tieAtCutoff"], json!(true));
}

#[test]
fn sector_inputs_that_do_not_fit() {
    let with_sectors = json!([enterprise("I1", Some("industry"), 1), enterprise("S1", Some("services"), 2)]);
    assert_error(
        RANK,
        &json!({"level": "enterprise", "quota": 1, "candidates": with_sectors}),
        "conflictingFields",
        "quota",
    );
    let mixed = json!([enterprise("I1", Some("industry"), 1), enterprise("N", None, 2)]);
    assert_error(RANK, &json!({"level": "enterprise", "candidates": mixed}), "missingField", "candidates[1].sector");
    let bad = json!([enterprise("I1", Some("mining"), 1)]);
    assert_error(RANK, &json!({"level": "enterprise", "candidates": bad}), "invalidEnum", "candidates[0].sector");
    let over = json!({"level": "enterprise", "candidates": with_sectors, "sectorQuotas": {"industry": -1}});
    assert_error(RANK, &over, "outOfRange", "sectorQuotas.industry");
    let unknown = json!({"level": "enterprise", "candidates": with_sectors, "sectorQuotas": {"mining": 1}});
    assert_error(RANK, &unknown, "unknownField", "sectorQuotas.mining");
    // Without sectors: ranked together, with a warning.
    let none = json!([enterprise("A", None, 1), enterprise("B", None, 2)]);
    let r = ok(RANK, &json!({"level": "enterprise", "candidates": none}));
    assert!(codes(&r, "warnings").contains(&"sectorQuotasIgnored".to_string()));
    assert_eq!(r["sectors"], Value::Null);
    // A sector on a village.
    let village = json!([{"name": "V", "sector": "industry", "indicators": {"featuredIndustry": 1, "projectFunding": 1, "collectiveIncome": 1, "integrationEntities": 1}}]);
    assert_error(
        RANK,
        &json!({"level": "village", "candidates": village}),
        "conflictingFields",
        "candidates[0].sector",
    );
    let village = json!([{"name": "V", "indicators": {"featuredIndustry": 1, "projectFunding": 1, "collectiveIncome": 1, "integrationEntities": 1}}]);
    assert_error(
        RANK,
        &json!({"level": "village", "candidates": village, "sectorQuotas": {"industry": 1}}),
        "conflictingFields",
        "sectorQuotas",
    );
}

fn place(name: &str, location: &str) -> Value {
    json!({"name": name, "location": location, "indicators": {"featuredIndustry": 1, "projectFunding": 2, "collectiveIncome": 3, "integrationEntities": 4}})
}

#[test]
fn recommendation_limits_per_county_level_unit() {
    for (level, max) in [("town", 2), ("village", 5)] {
        for count in [max, max + 1] {
            let mut list: Vec<Value> = (0..count).map(|i| place(&format!("H{i}"), "helan")).collect();
            list.push(place("L", "lingwu"));
            let r = ok(RANK, &json!({"level": level, "quota": 1, "candidates": list}));
            let warned = codes(&r, "warnings").iter().filter(|c| *c == "recommendationLimit").count();
            assert_eq!(warned, usize::from(count > max), "{level} {count}");
            if count > max {
                let w = note(&r, "warnings", "recommendationLimit");
                assert!(
                    s(&w["messageZh"]).contains("贺兰县") && s(&w["messageZh"]).contains(&count.to_string()),
                    "{w}"
                );
                assert!(s(&w["messageEn"]).contains("Helan"), "{w}");
            }
        }
    }
}

// ── 10–11. Validity: the article, before and after ──────────────────────────

#[test]
fn before_a_measure_starts_the_rules_as_they_took_effect() {
    let r =
        ok(CONSTRUCTION, &with(&construction_base(), &[("asOf", json!("2022-06-22")), ("plantingYear", json!(2019))]));
    let w = note(&r, "warnings", "ruleNotYetInForce");
    assert!(s(&w["messageZh"]).contains("银政发〔2017〕197号"), "the predecessor is named: {w}");
    assert!(s(&w["messageZh"]).contains("该办法") && s(&w["messageZh"]).contains("2022-06-23"));
    assert!(
        s(&w["messageEn"]).contains("as they took effect on 2022-06-23") && s(&w["messageEn"]).contains("Article 17")
    );
    // After the end: the last rules in force.
    let r = ok(CONSTRUCTION, &with(&construction_base(), &[("asOf", json!("2027-06-23"))]));
    let w = note(&r, "warnings", "ruleNotInForce");
    assert!(s(&w["messageZh"]).contains("最后有效的规则") && s(&w["messageEn"]).contains("last rules in force"));
    // The maintenance measure names no predecessor; it cites 第二十三条.
    let r = ok(
        MAINTENANCE,
        &with(&maintenance_example(), &[("asOf", json!("2022-01-01")), ("applicationDate", json!("2022-07-01"))]),
    );
    assert!(!s(&note(&r, "warnings", "ruleNotYetInForce")["messageZh"]).contains("197"));
    assert!(cites(&r, "第二十三条"));
    // The 五强 scheme is a 方案.
    let r = ok(ONE, &json!({"level": "town", "asOf": "2022-05-24"}));
    let w = note(&r, "warnings", "ruleNotYetInForce");
    assert!(s(&w["messageZh"]).contains("该方案") && s(&w["messageEn"]).contains("scheme"), "{w}");
    assert!(ok(ONE, &json!({"level": "town", "asOf": "2022-05-25"}))["warnings"].as_array().unwrap().is_empty());
}

// ── 12. English texts, agreements, bounds, money ────────────────────────────

/// `第` followed by a Chinese numeral and `条`: an article number in Chinese.
fn has_chinese_article(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(2).any(|w| w[0] == '第' && "一二三四五六七八九十".contains(w[1]))
}

fn english_texts(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                if k == "messageEn" || k == "titleEn" {
                    out.push(x.as_str().unwrap_or("").to_string());
                } else {
                    english_texts(x, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|x| english_texts(x, out)),
        _ => {}
    }
}

#[test]
fn english_texts_name_articles_in_english() {
    let mut star_low = star("50", "30", "20", "0");
    star_low["disqualifiers"] = json!(["groupPetition", "privacyBreach"]);
    star_low["location"] = json!("helan");
    let requests = vec![
        (
            CONSTRUCTION,
            with(
                &construction_base(),
                &[
                    ("forestType", json!("mixed")),
                    ("arborShareByArea", json!("0.5")),
                    ("shrubCoverage", json!("0.1")),
                    ("asOf", json!("2022-01-01")),
                    ("plantingYear", json!(2016)),
                    ("priorPublicFunding", json!(true)),
                    ("jointApplication", json!(true)),
                ],
            ),
        ),
        (
            MAINTENANCE,
            with(
                &maintenance_example(),
                &[
                    ("applicationDate", json!("2021-05-10")),
                    ("cityDirectedTask", json!(true)),
                    ("horizonYears", json!(30)),
                ],
            ),
        ),
        (
            MAINTENANCE,
            with(
                &maintenance_example(),
                &[
                    ("applicationDate", json!("2027-08-10")),
                    ("asOf", json!("2027-08-10")),
                    ("selfSustaining", json!(true)),
                    ("plantingYear", json!(2000)),
                ],
            ),
        ),
        (STAR, star_low),
        (STAR, star("20", "20", "10", "5")),
        (ONE, json!({"level": "enterprise", "vetoed": true, "badCredit": true})),
        (RANK, json!({"level": "enterprise", "candidates": [enterprise("A", None, 1)]})),
        (
            RANK,
            json!({"level": "enterprise", "candidates": [enterprise("A", Some("industry"), 1), enterprise("B", Some("industry"), 1)], "sectorQuotas": {"industry": 1}}),
        ),
    ];
    for (id, input) in requests {
        let response = eval(id, &input);
        assert_eq!(response["ok"], json!(true), "{id}: {response}");
        let mut texts = Vec::new();
        english_texts(&response, &mut texts);
        for t in texts {
            assert!(!has_chinese_article(&t), "{id}: an English text names an article in Chinese: {t}");
        }
    }
}

#[test]
fn the_responsibility_agreement_names_the_local_department() {
    for (location, zh, en) in [("lingwu", "灵武市", "Lingwu county"), ("jinfeng", "金凤区", "Jinfeng district")] {
        let r = ok(MAINTENANCE, &with(&maintenance_example(), &[("location", json!(location))]));
        let n = note(&r, "notes", "responsibilityAgreement");
        assert_eq!(n["article"], json!("第八条"));
        assert!(s(&n["messageZh"]).contains(zh), "{n}");
        assert!(s(&n["messageEn"]).contains(en), "{n}");
    }
}

#[test]
fn the_hectare_limit_states_the_true_bound() {
    for (value, accepted) in [("906666.6666", true), ("906666.6667", false), ("906666.67", false)] {
        let input = with(&construction_base(), &[("areaMu", Value::Null), ("areaHectares", json!(value))]);
        if accepted {
            assert_eq!(s(&ok(CONSTRUCTION, &input)["areaMu"]), "13599999.999");
        } else {
            let e = err(CONSTRUCTION, &input);
            assert_eq!(e["field"], json!("areaHectares"));
            let en = s(&e["messageEn"]);
            assert!(en.contains("13,600,000 mu (906,666.67 ha)"), "{en}");
            assert!(en.contains("mu") && en.contains("that is 13,600,000."), "the refused value in mu shows why: {en}");
            assert!(
                !en.contains("at most 906,666.6667") && !en.contains("at most 906666"),
                "no rounded-up bound: {en}"
            );
        }
    }
    let e = err(CONSTRUCTION, &with(&construction_base(), &[("areaMu", json!("13600000.0001"))]));
    assert!(s(&e["messageZh"]).contains("13,600,000 亩"), "{e}");
}
