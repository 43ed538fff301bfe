//! Runs the named cases of `tests/cases/` (one file per calculator) through the
//! engine and checks the parts of each response the case names.

mod common;
use common::eval;
use serde_json::Value;
use std::fs;
use std::path::Path;

/// `expected` holds only what it names: objects by key, arrays element by element.
fn matches(expected: &Value, got: &Value, path: &str, problems: &mut Vec<String>) {
    match (expected, got) {
        (Value::Object(e), Value::Object(g)) => {
            for (k, v) in e {
                match g.get(k) {
                    Some(gv) => matches(v, gv, &format!("{path}.{k}"), problems),
                    None => problems.push(format!("{path}.{k}: missing")),
                }
            }
        }
        (Value::Array(e), Value::Array(g)) => {
            if e.len() != g.len() {
                problems.push(format!("{path}: {} elements expected, {} found", e.len(), g.len()));
                return;
            }
            for (i, (ev, gv)) in e.iter().zip(g).enumerate() {
                matches(ev, gv, &format!("{path}[{i}]"), problems);
            }
        }
        _ if expected == got => {}
        _ => problems.push(format!("{path}: expected {expected}, got {got}")),
    }
}

pub fn all_cases() -> Vec<(String, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut files: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut out = Vec::new();
    for path in files.into_iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
        let calculator = path.file_stem().unwrap().to_string_lossy().to_string();
        let cases: Vec<Value> = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        for case in cases {
            let id = case["calculator"].as_str().map_or_else(|| calculator.clone(), str::to_string);
            out.push((id, case));
        }
    }
    out
}

#[test]
fn every_named_case_gives_what_it_expects() {
    let cases = all_cases();
    assert!(cases.len() >= 30, "{} cases", cases.len());
    let mut failures = Vec::new();
    for (calculator, case) in &cases {
        let name = case["name"].as_str().expect("every case has a name");
        assert!(case["article"].is_string(), "{name}: every case names the article it exercises");
        let response = eval(calculator, &case["input"]);
        let mut problems = Vec::new();
        matches(&case["expect"], &response, "", &mut problems);
        if !problems.is_empty() {
            failures.push(format!("{calculator} · {name}:\n  {}", problems.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn case_names_are_unique() {
    let mut seen = std::collections::HashSet::new();
    for (calculator, case) in all_cases() {
        assert!(seen.insert(format!("{calculator}/{}", case["name"])), "{} twice", case["name"]);
    }
}
