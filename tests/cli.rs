//! `policy-calc` (docs/rulebook.md §5): one JSON object or JSON Lines in, one response a
//! line out; exit 0 when every line was evaluated, 2 on a usage error.

mod common;
use common::*;
use serde_json::{json, Value};
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_policy-calc"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn one_object_one_response() {
    let out = run(&["eval", "forest-maintenance"], &maintenance_example().to_string());
    assert_eq!(out.status.code(), Some(0));
    let responses = lines(&out);
    assert_eq!(responses.len(), 1);
    assert_eq!(responses[0]["result"]["total"], json!("13959.49"));
    // The same as the library's answer.
    assert_eq!(responses[0], eval("forest-maintenance", &maintenance_example()));
}

#[test]
fn a_pretty_printed_object_is_one_request() {
    let pretty = serde_json::to_string_pretty(&maintenance_example()).unwrap();
    let responses = lines(&run(&["eval", "forest-maintenance"], &pretty));
    assert_eq!(responses.len(), 1);
    assert_eq!(responses[0]["ok"], json!(true));
}

#[test]
fn a_broken_pretty_printed_object_is_one_error() {
    let pretty = serde_json::to_string_pretty(&maintenance_example()).unwrap().replace("\"zone\"", "zone");
    let r = lines(&run(&["eval", "forest-maintenance"], &pretty));
    assert_eq!(r.len(), 1);
    assert_eq!(r[0]["error"]["code"], json!("invalidJson"));
    // Bytes that are not UTF-8 are invalid JSON, not a usage error.
    let mut child = Command::new(env!("CARGO_BIN_EXE_policy-calc"))
        .args(["eval", "forest-maintenance"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"{\"zone\": \xff}").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(lines(&out)[0]["error"]["code"], json!("invalidJson"));
}

#[test]
fn json_lines_one_response_per_line() {
    let input = format!(
        "{}\n\n{}\nnot json\n{}\n",
        maintenance_example(),
        with(&maintenance_example(), &[("zone", json!("desert"))]),
        with(&maintenance_example(), &[("applicationDate", json!("2026-07-01"))])
    );
    let out = run(&["eval", "forest-maintenance"], &input);
    assert_eq!(out.status.code(), Some(0), "lines answered with ok:false still exit 0");
    let r = lines(&out);
    assert_eq!(r.len(), 4);
    assert_eq!(r[0]["ok"], json!(true));
    assert_eq!(r[1]["error"]["code"], json!("invalidEnum"));
    assert_eq!(r[2]["error"]["code"], json!("invalidJson"));
    assert_eq!(r[3]["result"]["firstFundedYear"], json!(2028));
}

#[test]
fn reads_a_file() {
    let dir = std::env::temp_dir().join(format!("policy-calc-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("request.json");
    std::fs::write(&file, construction_base().to_string()).unwrap();
    let out = run(&["eval", "forest-construction", file.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(lines(&out)[0]["result"]["amount"], json!("300000.00"));
    let missing = run(&["eval", "forest-construction", dir.join("nope.json").to_str().unwrap()], "");
    assert_eq!(missing.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn unknown_calculator_is_a_response_not_a_usage_error() {
    let out = run(&["eval", "nope"], "{}");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(lines(&out)[0]["error"]["code"], json!("unknownCalculator"));
}

#[test]
fn usage_errors_exit_2() {
    for args in [&[][..], &["eval"], &["evaluate", "x"], &["catalog", "extra"], &["eval", "a", "b", "c"]] {
        let out = run(args, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("usage"));
    }
    assert_eq!(run(&["--help"], "").status.code(), Some(0));
}

#[test]
fn catalog() {
    let out = run(&["catalog"], "");
    assert_eq!(out.status.code(), Some(0));
    let catalog = &lines(&out)[0];
    let ids: Vec<&str> = catalog.as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["forest-construction", "forest-maintenance", "property-star", "five-strong", "five-strong-ranking"]
    );
    assert_eq!(catalog[3]["inForce"], json!({"from": "2022-05-25", "to": null}));
    assert_eq!(catalog[2]["inForce"], json!({"from": "2022-06-01", "to": "2025-12-31"}));
    assert_eq!(catalog[0]["inForce"], json!({"from": "2022-06-23", "to": "2027-06-22"}));
    assert!(catalog[1]["document"].as_str().unwrap().contains("银政规发〔2022〕1号"));
}
