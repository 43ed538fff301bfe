//! `policy-calc` (docs/rulebook.md §5): one JSON object or JSON Lines in, one response a
//! line out; exit 0 when every line was evaluated, 2 on a usage error.

mod common;
use common::*;
use serde_json::{json, Value};
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    run_cli(args, stdin.as_bytes())
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
fn a_broken_pretty_printed_object_is_answered_line_by_line() {
    // docs/rulebook.md §5: a request spans lines only when the whole input is one
    // JSON value; otherwise every non-blank line is a request of its own.
    let pretty = serde_json::to_string_pretty(&maintenance_example()).unwrap().replace("\"zone\"", "zone");
    let r = lines(&run(&["eval", "forest-maintenance"], &pretty));
    assert_eq!(r.len(), pretty.lines().count());
    assert!(r.iter().all(|x| x["error"]["code"] == json!("invalidJson")));
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

// ── Robustness: each finding of the robustness issue, reproduced ─────────────

#[test]
fn a_broken_first_line_does_not_swallow_the_batch() {
    let out = run(&["eval", "five-strong"], "{bad\n{\"level\":\"village\"}\n{\"level\":\"town\"}\n");
    let r = lines(&out);
    assert_eq!(r.len(), 3);
    assert_eq!(r[0]["error"]["code"], json!("invalidJson"));
    assert_eq!(r[1]["result"]["level"], json!("village"));
    assert_eq!(r[2]["result"]["level"], json!("town"));
    // Broken lines anywhere: every non-blank line answered, in order.
    let mut input = String::new();
    let mut expected = Vec::new();
    for i in 0..20 {
        if i % 3 == 0 {
            input.push_str("{\"level\": \n");
            expected.push(false);
        } else {
            input.push_str("{\"level\":\"town\"}\n");
            expected.push(true);
        }
        if i % 5 == 0 {
            input.push_str("   \t\n");
        }
    }
    let r = lines(&run(&["eval", "five-strong"], &input));
    assert_eq!(r.iter().map(|x| x["ok"].as_bool().unwrap()).collect::<Vec<_>>(), expected);
}

#[test]
fn lines_that_are_only_unicode_spaces_are_answered() {
    // Blank means JSON whitespace only; NBSP and U+3000 lines are requests.
    let out = run(&["eval", "five-strong"], "{\"level\":\"town\"}\n\u{a0}\n\u{3000}\n\n");
    let r = lines(&out);
    assert_eq!(r.len(), 3);
    assert_eq!(r[1]["error"]["code"], json!("invalidJson"));
    assert_eq!(r[2]["error"]["code"], json!("invalidJson"));
}

#[test]
fn invalid_utf8_is_invalid_json_not_a_replacement_character() {
    let mut input = b"{\"level\":\"village\",\"candidates\":1}\n".to_vec();
    input.extend_from_slice(b"{\"level\":\"v\xffillage\"}\n{\"level\":\"town\"}\n");
    let r = lines(&run_cli(&["eval", "five-strong"], &input));
    assert_eq!(r.len(), 3);
    assert_eq!(r[1]["error"]["code"], json!("invalidJson"));
    assert!(r[1]["error"]["messageEn"].as_str().unwrap().contains("UTF-8"));
    assert_eq!(r[2]["ok"], json!(true));
    // Two names that differ only in their broken bytes never collide as duplicates.
    let ranking = b"{\"level\":\"village\",\"candidates\":[{\"name\":\"A\xff\",\"indicators\":{}},{\"name\":\"A\xfe\",\"indicators\":{}}]}";
    let r = lines(&run_cli(&["eval", "five-strong-ranking"], ranking));
    assert_eq!(r[0]["error"]["code"], json!("invalidJson"));
}

#[cfg(unix)]
#[test]
fn arguments_that_are_not_utf8_are_a_usage_error() {
    use std::os::unix::ffi::OsStrExt;
    let out = Command::new(env!("CARGO_BIN_EXE_policy-calc"))
        .arg("eval")
        .arg(std::ffi::OsStr::from_bytes(b"forest-\xff"))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[cfg(target_os = "linux")]
#[test]
fn output_that_cannot_be_written_is_an_exit_code_not_an_abort() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_policy-calc")).arg("--help").stdout(full).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_policy-calc")).arg("nonsense").stderr(full).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    // A reader that goes away: the tool stops with an exit code, no abort.
    let mut child = Command::new(env!("CARGO_BIN_EXE_policy-calc"))
        .args(["eval", "five-strong"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let line = "{\"level\":\"town\"}\n".repeat(200_000);
    let _ = child.stdin.take().unwrap().write_all(line.as_bytes());
    let status = child.wait().unwrap();
    assert!(matches!(status.code(), Some(0 | 1)), "{status:?}");
}

#[test]
fn json_lines_stream_an_answer_per_line_read() {
    // The first answer arrives while the input is still open: nothing waits for the end.
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_policy-calc"))
        .args(["eval", "five-strong"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    // Enough lines to pass the output buffer, so that answers must be flowing.
    let batch = "{\"level\":\"town\"}\n".repeat(2_000);
    stdin.write_all(batch.as_bytes()).unwrap();
    stdin.flush().unwrap();
    let mut first = String::new();
    reader.read_line(&mut first).unwrap();
    assert!(first.contains("\"ok\":true"), "{first}");
    drop(stdin);
    let rest = reader.lines().count();
    assert_eq!(rest, 1_999);
    child.wait().unwrap();
}

#[test]
fn numeric_strings_follow_the_number_rule() {
    let base = maintenance_example();
    for bad in ["007", ".5", "5.", "1.00000", "+1", " 1"] {
        let r = eval("forest-maintenance", &with(&base, &[("areaMu", json!(bad))]));
        assert_eq!(r["error"]["code"], json!("invalidNumber"), "{bad}: {r}");
        assert_eq!(r["error"]["field"], json!("areaMu"));
    }
    // The same spellings as JSON numbers are not JSON at all.
    for bad in ["007", ".5", "5.", "+1"] {
        let text = base.to_string().replace("\"120.5\"", bad);
        let r: Value = serde_json::from_str(&policy_calc::evaluate_json("forest-maintenance", &text, TODAY)).unwrap();
        assert_eq!(r["error"]["code"], json!("invalidJson"), "{bad}");
    }
    // Four places as written are fine, as a string or a number.
    let r = eval("forest-maintenance", &with(&base, &[("areaMu", json!("120.5000"))]));
    assert_eq!(r["ok"], json!(true));
    let text = base.to_string().replace("\"120.5\"", "120.5000");
    let r: Value = serde_json::from_str(&policy_calc::evaluate_json("forest-maintenance", &text, TODAY)).unwrap();
    assert_eq!(r["result"]["total"], json!("13959.49"));
}

#[test]
fn leading_zeros_never_overflow_the_stack() {
    let zeros = format!("0.{}1", "0".repeat(50_000));
    let r = eval("forest-maintenance", &with(&maintenance_example(), &[("areaMu", json!(zeros))]));
    assert_eq!(r["error"]["code"], json!("invalidNumber"));
    let zeros = format!("{}46", "0".repeat(50_000));
    let input = json!({"scores": {"contract": zeros, "satisfaction": "27", "governance": "18", "rectification": "9"}});
    let out = run(&["eval", "property-star"], &input.to_string());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(lines(&out)[0]["error"]["code"], json!("invalidNumber"));
}

#[test]
fn the_last_date_gives_no_year_past_the_calendar() {
    let input = with(&maintenance_example(), &[("asOf", json!("9999-12-31")), ("applicationDate", Value::Null)]);
    let e = eval("forest-maintenance", &input);
    assert_eq!(e["error"]["code"], json!("outOfRange"), "{e}");
    assert_eq!(e["error"]["field"], json!("asOf"));
    let input = with(&maintenance_example(), &[("applicationDate", json!("9998-01-01")), ("horizonYears", json!(2))]);
    assert_eq!(eval("forest-maintenance", &input)["error"]["field"], json!("applicationDate"));
    let input = with(&maintenance_example(), &[("applicationDate", json!("9998-01-01")), ("horizonYears", json!(1))]);
    assert_eq!(eval("forest-maintenance", &input)["result"]["schedule"][0]["year"], json!(9999));
}
