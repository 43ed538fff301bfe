//! The catalog is the schema (docs/rulebook.md §5): every field has its labels,
//! every stated limit and option is the one the engine applies, and every error
//! speaks of the field by its label.

mod common;
use common::*;
use serde_json::{json, Value};

fn catalog() -> Value {
    serde_json::from_str(&policy_calc::catalog_json(TODAY)).unwrap()
}

fn walk_fields<'a>(fields: &'a Value, path: &str, out: &mut Vec<(String, &'a Value)>) {
    for f in fields.as_array().unwrap() {
        let key = f["key"].as_str().unwrap();
        let p = if path.is_empty() { key.to_string() } else { format!("{path}.{key}") };
        out.push((p.clone(), f));
        if f["fields"].is_array() {
            walk_fields(&f["fields"], &p, out);
        }
    }
}

#[test]
fn every_field_of_every_calculator_has_labels_and_a_kind() {
    let c = catalog();
    assert_eq!(c.as_array().unwrap().len(), 5);
    for calc in c.as_array().unwrap() {
        let mut fields = Vec::new();
        walk_fields(&calc["fields"], "", &mut fields);
        assert!(fields.len() >= 6, "{}", calc["id"]);
        for (path, f) in fields {
            for k in ["labelZh", "labelEn", "kind"] {
                assert!(f[k].as_str().is_some_and(|s| !s.is_empty()), "{} {path}: no {k}", calc["id"]);
            }
            assert!(f["required"].is_boolean() || f["required"]["messageZh"].is_string(), "{path}");
            for o in f["options"].as_array().into_iter().flatten() {
                assert!(o["labelZh"].is_string() && o["labelEn"].is_string(), "{path} option {o}");
            }
        }
        for fig in calc["figures"].as_array().unwrap() {
            assert!(fig["article"].as_str().is_some_and(|a| !a.is_empty()), "{} figure {fig}", calc["id"]);
            assert!(fig["value"].is_string() && fig["labelZh"].is_string(), "{fig}");
        }
        assert_eq!(calc["version"], json!(env!("CARGO_PKG_VERSION")));
    }
}

/// A valid request per calculator to vary one field of.
fn base(id: &str) -> Value {
    match id {
        "forest-construction" => construction_base(),
        "forest-maintenance" => maintenance_example(),
        "property-star" => {
            json!({"scores": {"contract": "46", "satisfaction": "27", "governance": "18", "rectification": "9"}, "asOf": "2025-10-01", "serviceMonths": 24, "occupancyRate": "0.6", "previousStars": 3})
        }
        "five-strong" => json!({"level": "village"}),
        _ => json!({"level": "village", "candidates": [
            {"name": "A", "indicators": {"featuredIndustry": 1, "projectFunding": 2, "collectiveIncome": 3, "integrationEntities": 4}},
            {"name": "B", "indicators": {"featuredIndustry": 2, "projectFunding": 1, "collectiveIncome": 1, "integrationEntities": 1}}]}),
    }
}

fn set(v: &Value, path: &str, value: Value) -> Value {
    let mut out = v.clone();
    let mut cur = &mut out;
    let parts: Vec<&str> = path.split('.').collect();
    for part in &parts[..parts.len() - 1] {
        if !cur[*part].is_object() {
            cur[*part] = json!({});
        }
        cur = &mut cur[*part];
    }
    cur[parts[parts.len() - 1]] = value;
    out
}

/// Requests that must drop another field when this one is set (exactly-one pairs).
fn without(id: &str, path: &str, v: Value) -> Value {
    let mut v = v;
    let o = v.as_object_mut().unwrap();
    match (id, path) {
        (_, "areaHectares") => {
            o.remove("areaMu");
        }
        (_, "standAgeYears") => {
            o.remove("plantingYear");
        }
        (_, "arborShareByArea" | "arborShareByStems") => {
            o.insert("forestType".into(), json!("mixed"));
        }
        (_, p) if p.starts_with("sectorQuotas") => {
            let e = |name: &str, sector: &str| json!({"name": name, "sector": sector, "indicators": {"outputValue": 1, "mainRevenue": 2, "taxesPaid": 3, "rdSpending": 4, "wageGrowth": 5}});
            o.insert("level".into(), json!("enterprise"));
            o.insert("candidates".into(), json!([e("A", "industry"), e("B", "services")]));
        }
        _ => {}
    }
    v
}

#[test]
fn every_stated_limit_is_the_one_applied() {
    let c = catalog();
    let mut checked = 0;
    for calc in c.as_array().unwrap() {
        let id = calc["id"].as_str().unwrap();
        let mut fields = Vec::new();
        walk_fields(&calc["fields"], "", &mut fields);
        for (path, f) in fields {
            // Inside lists the rows are checked by the ranking tests.
            if path.starts_with("candidates.") || path.starts_with("weights.") || path.starts_with("contractItems.") {
                continue;
            }
            let (Some(min), Some(max)) = (f["min"].as_str(), f["max"].as_str()) else { continue };
            let integer = f["kind"] == json!("integer");
            let places = f["maxPlaces"].as_u64().unwrap_or(if integer { 0 } else { 4 }) as u32;
            let step = rust_decimal::Decimal::new(1, places);
            let min: rust_decimal::Decimal = min.parse().unwrap();
            let max: rust_decimal::Decimal = max.parse().unwrap();
            let mut request = without(id, &path, base(id));
            if path == "plantingYear" {
                // A stand planted in 9999 exists only from 9999 on.
                request["asOf"] = json!("9999-01-01");
                if id == "forest-maintenance" {
                    request["applicationDate"] = json!("9999-01-01");
                }
            }
            for (value, inside) in [(min, true), (max, true), (min - step, false), (max + step, false)] {
                // A quota is also at most the candidates listed: a rule between two fields.
                if path == "quota" && value == max {
                    continue;
                }
                let r = eval(id, &set(&request, &path, json!(value.to_string())));
                let out_of_range = r["error"]["code"] == json!("outOfRange") && r["error"]["field"] == json!(path);
                if inside {
                    assert!(!out_of_range, "{id} {path} = {value} is within the stated limits but refused: {r}");
                } else {
                    assert!(
                        out_of_range,
                        "{id} {path} = {value} is beyond the stated limits but not refused as such: {}",
                        r["error"]
                    );
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 15, "{checked} limits checked");
}

#[test]
fn every_option_is_accepted_and_nothing_else() {
    let c = catalog();
    for calc in c.as_array().unwrap() {
        let id = calc["id"].as_str().unwrap();
        for f in calc["fields"].as_array().unwrap() {
            if f["kind"] != json!("enum") {
                continue;
            }
            let key = f["key"].as_str().unwrap();
            let request = base(id);
            for o in f["options"].as_array().unwrap() {
                let r = eval(id, &set(&request, key, o["value"].clone()));
                assert!(r["error"]["code"] != json!("invalidEnum"), "{id} {key}={}: {r}", o["value"]);
            }
            let r = eval(id, &set(&request, key, json!("nonsense")));
            assert_eq!(r["error"]["code"], json!("invalidEnum"), "{id} {key}");
            // The message lists the options by their labels.
            let first = &f["options"][0];
            assert!(r["error"]["messageZh"].as_str().unwrap().contains(first["labelZh"].as_str().unwrap()), "{r}");
        }
    }
}

#[test]
fn errors_name_the_field_by_its_label_never_its_key() {
    let cases = [
        ("forest-construction", with(&construction_base(), &[("areaMu", json!("1.23456"))]), "面积", "Area"),
        ("forest-construction", with(&construction_base(), &[("areaMu", Value::Null)]), "面积", "Area"),
        ("forest-construction", with(&construction_base(), &[("survivalRate", json!(2))]), "成活率", "Survival rate"),
        (
            "forest-construction",
            with(&construction_base(), &[("jointApplication", json!("no"))]),
            "联合申报",
            "Joint application",
        ),
        (
            "forest-maintenance",
            with(&maintenance_example(), &[("applicationDate", json!("2026-13-01"))]),
            "申请日期",
            "Application date",
        ),
        (
            "property-star",
            json!({"scores": {"contract": "51", "satisfaction": "27", "governance": "18", "rectification": "9"}}),
            "物业服务合同履行情况",
            "Performance of the service contract",
        ),
        ("five-strong", json!({"level": "town", "location": "mars"}), "所在县（市）区", "County or district"),
    ];
    for (id, input, zh, en) in cases {
        let e = err(id, &input);
        let (mzh, men) = (s(&e["messageZh"]), s(&e["messageEn"]));
        assert!(mzh.contains(zh), "{mzh}");
        assert!(men.contains(en), "{men}");
        assert!(s(&e["label"]["zh"]).starts_with(zh), "{e}");
        let key = e["field"].as_str().unwrap().rsplit('.').next().unwrap().to_string();
        // A camelCase key never appears; a one-word key may be an English word of the label.
        let camel = key.chars().any(char::is_uppercase);
        assert!(!mzh.contains(&key), "the key {key} in {mzh}");
        assert!(!camel || !men.contains(&key), "the key {key} in {men}");
        assert!(e["params"].is_object());
    }
    // Rows count from 1.
    let ranking = json!({"level": "village", "candidates": [
        {"name": "A", "indicators": {"featuredIndustry": 1, "projectFunding": 2, "collectiveIncome": 3, "integrationEntities": 4}},
        {"name": "B", "indicators": {"featuredIndustry": 1, "collectiveIncome": 3, "integrationEntities": 4}}]});
    let e = err("five-strong-ranking", &ranking);
    assert_eq!(e["field"], json!("candidates[1].indicators.projectFunding"));
    assert_eq!(e["label"]["zh"], json!("第 2 行“项目资金投入”"));
    assert!(s(&e["messageZh"]).contains("第 2 行“项目资金投入”"), "{e}");
    assert!(s(&e["messageEn"]).contains("Row 2, Project funding"), "{e}");
    // Limits travel in params.
    let e = err("forest-maintenance", &with(&maintenance_example(), &[("horizonYears", json!(51))]));
    assert_eq!(
        (e["params"]["min"].clone(), e["params"]["max"].clone(), e["params"]["got"].clone()),
        (json!(1), json!(50), json!("51"))
    );
    let e = err("forest-construction", &with(&construction_base(), &[("areaMu", json!("1.23456"))]));
    assert_eq!(e["params"]["places"], json!(4));
}

#[test]
fn detail_codes_keeps_figures_codes_and_articles_without_texts() {
    let full: Value = serde_json::from_str(&policy_calc::evaluate_json(
        "forest-maintenance",
        &maintenance_example().to_string(),
        TODAY,
    ))
    .unwrap();
    let text = policy_calc::evaluate_json_at(
        "forest-maintenance",
        &maintenance_example().to_string(),
        TODAY,
        policy_calc::Detail::Codes,
    );
    let codes: Value = serde_json::from_str(&text).unwrap();
    for k in ["messageZh", "messageEn", "approvalRoute", "documents"] {
        assert!(!text.contains(&format!("\"{k}\"")), "{k} in {text}");
    }
    let r = &codes["result"];
    assert_eq!(r["total"], full["result"]["total"]);
    assert_eq!(r["schedule"], full["result"]["schedule"]);
    // Citations: the same articles; the document by its number (the code a program joins on).
    let cited = |v: &Value| -> Vec<(String, String)> {
        v["citations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["document"].as_str().unwrap().to_string(), c["article"].as_str().unwrap().to_string()))
            .collect()
    };
    let (ours, theirs) = (cited(r), cited(&full["result"]));
    assert_eq!(ours.len(), theirs.len());
    for ((number, article), (document, full_article)) in ours.iter().zip(&theirs) {
        assert_eq!(article, full_article);
        assert!(document.ends_with(&format!("（{number}）")), "{document} is cited as {number}");
    }
    assert_eq!(ours[0].0, "银政规发〔2022〕1号");
    let reason_codes = |v: &Value, list: &str| -> Vec<Value> {
        v[list].as_array().unwrap().iter().map(|x| x["code"].clone()).collect()
    };
    for list in ["warnings", "interpretations", "reasons", "notes"] {
        assert_eq!(reason_codes(r, list), reason_codes(&full["result"], list), "{list}");
    }
    assert!(text.len() * 2 < serde_json::to_string(&full).unwrap().len(), "codes are much shorter");
    // Errors too.
    let e = policy_calc::evaluate_json_at("forest-maintenance", "{}", TODAY, policy_calc::Detail::Codes);
    assert!(!e.contains("message"), "{e}");
    assert!(e.contains("\"code\":\"missingField\""));
}

#[test]
fn every_ranking_indicator_says_its_unit_and_what_to_enter() {
    // The scheme names the indicators without units (银党办〔2022〕83号 二（一）—（三））: each
    // field carries the unit and guidance of this calculator's reading (docs/rulebook.md §4).
    let c = catalog();
    let ranking = c.as_array().unwrap().iter().find(|x| x["id"] == "five-strong-ranking").unwrap();
    let mut fields = Vec::new();
    walk_fields(&ranking["fields"], "", &mut fields);
    let indicators: Vec<_> = fields.iter().filter(|(p, _)| p.starts_with("candidates.indicators.")).collect();
    assert_eq!(indicators.len(), 14);
    for (path, f) in indicators {
        for k in ["unitZh", "unitEn", "hintZh", "hintEn"] {
            assert!(f[k].as_str().is_some_and(|s| !s.is_empty()), "{path}: no {k}");
        }
        let hint = f["hintZh"].as_str().unwrap();
        assert!(hint.contains("本计算器的读法") || hint.contains("同一口径"), "{path}: {hint}");
        assert!(f["hintEn"].as_str().unwrap().contains("only compares candidates"), "{path}");
    }
}

#[test]
fn many_requests_at_once_answer_as_each_alone_and_fields_keep_only_what_is_asked() {
    let star = |c: &str| json!({"scores": {"contract": c, "satisfaction": "27", "governance": "18", "rectification": "9"}, "asOf": "2025-10-01"});
    let inputs = json!([star("46"), star("forty"), star("40")]);
    let many: Value = serde_json::from_str(&policy_calc::evaluate_many_json_at(
        "property-star",
        &inputs.to_string(),
        TODAY,
        policy_calc::Detail::Codes,
        None,
    ))
    .unwrap();
    let alone: Vec<Value> = inputs
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            serde_json::from_str(&policy_calc::evaluate_json_at(
                "property-star",
                &i.to_string(),
                TODAY,
                policy_calc::Detail::Codes,
            ))
            .unwrap()
        })
        .collect();
    assert_eq!(many, Value::Array(alone));

    // `fields`: only those keys of a result; an error stays whole.
    let fields = ["stars".to_string(), "total".to_string()];
    let some: Value = serde_json::from_str(&policy_calc::evaluate_many_json_at(
        "property-star",
        &inputs.to_string(),
        TODAY,
        policy_calc::Detail::Codes,
        Some(&fields),
    ))
    .unwrap();
    assert_eq!(some[0], json!({"ok": true, "result": {"stars": 5, "total": "100"}}));
    assert_eq!(some[1]["error"]["code"], "invalidNumber");
    assert_eq!(some[2], json!({"ok": true, "result": {"stars": 4, "total": "94"}}));
    let one: Value = serde_json::from_str(&policy_calc::evaluate_json_fields_at(
        "property-star",
        &star("46").to_string(),
        TODAY,
        policy_calc::Detail::Full,
        Some(&fields),
    ))
    .unwrap();
    assert_eq!(one, some[0]);

    // Not a list: one error in the list.
    let odd: Value = serde_json::from_str(&policy_calc::evaluate_many_json_at(
        "property-star",
        "{}",
        TODAY,
        policy_calc::Detail::Full,
        None,
    ))
    .unwrap();
    assert_eq!(odd.as_array().unwrap().len(), 1);
    assert_eq!(odd[0]["error"]["code"], "invalidType");
}
