//! Helpers shared by the integration tests: build requests, evaluate them
//! through the public JSON contract, and read the responses.
#![allow(dead_code)]

use policy_calc::date::Date;
use serde_json::{json, Value};
use std::io::Write;
use std::process::{Command, Output, Stdio};

/// The default `asOf` when a request gives none.
pub const TODAY: Date = Date::ymd(2026, 5, 10);

pub fn eval(calculator: &str, input: &Value) -> Value {
    let text = policy_calc::evaluate_json(calculator, &input.to_string(), TODAY);
    serde_json::from_str(&text).expect("the engine always answers with JSON")
}

/// The result of a request that must succeed.
pub fn ok(calculator: &str, input: &Value) -> Value {
    let response = eval(calculator, input);
    assert_eq!(response["ok"], json!(true), "expected ok for {input}: {response}");
    response["result"].clone()
}

/// The error of a request that must fail.
pub fn err(calculator: &str, input: &Value) -> Value {
    let response = eval(calculator, input);
    assert_eq!(response["ok"], json!(false), "expected an error for {input}: {response}");
    response["error"].clone()
}

/// Asserts the error's code and field.
pub fn assert_error(calculator: &str, input: &Value, code: &str, field: &str) {
    let e = err(calculator, input);
    assert_eq!(e["code"], json!(code), "{input} → {e}");
    assert_eq!(e["field"], json!(field), "{input} → {e}");
    assert!(!e["messageZh"].as_str().unwrap_or("").is_empty());
    assert!(!e["messageEn"].as_str().unwrap_or("").is_empty());
}

/// `base` with some fields set (a `null` value removes the field).
pub fn with(base: &Value, changes: &[(&str, Value)]) -> Value {
    let mut v = base.clone();
    let object = v.as_object_mut().expect("an object");
    for (key, value) in changes {
        if value.is_null() {
            object.remove(*key);
        } else {
            object.insert((*key).to_string(), value.clone());
        }
    }
    v
}

pub fn codes(result: &Value, list: &str) -> Vec<String> {
    result[list].as_array().expect("a list").iter().map(|r| r["code"].as_str().unwrap_or("").to_string()).collect()
}

pub fn reason_codes(result: &Value) -> Vec<String> {
    codes(result, "reasons")
}

pub fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("expected a string, got {v}"))
}

/// A construction request that meets every condition: an 8-year-old arbor
/// stand of 600 mu in Xingqing.
pub fn construction_base() -> Value {
    json!({
        "asOf": "2026-05-10",
        "location": "xingqing",
        "forestType": "arbor",
        "areaMu": "600",
        "plantingYear": 2019,
        "retentionRate": "0.9",
        "jointApplication": false,
        "landRightsClear": true,
        "meetsTechnicalStandards": true,
        "compartmentManaged": true,
        "priorPublicFunding": false
    })
}

/// docs/rulebook.md §2's worked example.
pub fn maintenance_example() -> Value {
    json!({"zone":"sandy","forestType":"shrub","areaMu":"120.5","plantingYear":2014,
        "applicationDate":"2026-05-10","asOf":"2026-05-10","horizonYears":3,
        "retentionRate":"0.86","jointApplication":false,"landRightsClear":true,
        "meetsTechnicalStandards":true,"compartmentManaged":true,"location":"lingwu"})
}

/// Runs the `policy-calc` binary with `args`, writing `stdin` to it from
/// another thread (so that a large input cannot deadlock against its output).
pub fn run_cli(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_policy-calc"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut pipe = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}
