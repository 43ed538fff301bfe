//! `policy-calc`: the command-line face of the rules engine (docs/rulebook.md §5).
//!
//! ```text
//! policy-calc eval <calculator-id> [FILE]   one JSON object, or JSON Lines
//! policy-calc catalog
//! ```

use policy_calc::date::Date;
use std::io::{self, Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage:
  policy-calc eval <calculator-id> [FILE]
      Reads FILE (or standard input) as one JSON object or as JSON Lines and
      writes one JSON response per request. Exit 0 when every request was
      evaluated, including those answered with \"ok\": false.
  policy-calc catalog
      Prints the calculators as JSON.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["catalog"] => emit(&[policy_calc::catalog_json()]),
        ["eval", id] => run(id, None),
        ["eval", id, file] => run(id, Some(file)),
        ["-h" | "--help" | "help"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => usage_error("expected `eval <calculator-id> [FILE]` or `catalog`"),
    }
}

fn usage_error(problem: &str) -> ExitCode {
    eprintln!("policy-calc: {problem}\n{USAGE}");
    ExitCode::from(2)
}

fn run(id: &str, file: Option<&str>) -> ExitCode {
    let mut bytes = Vec::new();
    let read = match file {
        Some("-") | None => io::stdin().read_to_end(&mut bytes).map(|_| ()),
        Some(path) => std::fs::read(path).map(|b| bytes = b),
    };
    if let Err(e) = read {
        return usage_error(&format!("cannot read {}: {e}", file.unwrap_or("standard input")));
    }
    // Bytes that are not UTF-8 become U+FFFD, which the JSON reader then refuses.
    let text = String::from_utf8_lossy(&bytes);
    emit(&responses(id, &text, today()))
}

/// One response for a whole-text JSON value; otherwise one per non-blank line
/// (JSON Lines). A text whose first line is not JSON by itself is taken as one
/// broken object, and answered once.
fn responses(id: &str, text: &str, today: Date) -> Vec<String> {
    use policy_calc::json::parse;
    if let Ok(value) = parse(text) {
        return vec![policy_calc::evaluate(id, &value, today)];
    }
    let first_line = text.lines().find(|line| !line.trim().is_empty()).unwrap_or("");
    if parse(first_line).is_err() {
        return vec![policy_calc::evaluate_json(id, text, today)];
    }
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| policy_calc::evaluate_json(id, line, today))
        .collect()
}

fn emit(lines: &[String]) -> ExitCode {
    let mut out = io::stdout().lock();
    for line in lines {
        if writeln!(out, "{line}").is_err() {
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}

/// Today's date in local time, the default for `asOf` (portable: chrono
/// reads the system's time zone on Unix, macOS and Windows alike).
fn today() -> Date {
    use chrono::Datelike;
    let now = chrono::Local::now().date_naive();
    Date::new(now.year(), now.month() as u8, now.day() as u8).unwrap_or(Date::ymd(1970, 1, 1))
}
