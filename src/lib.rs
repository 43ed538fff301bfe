//! Yinchuan policy calculators: a pure rules engine (no I/O) behind one JSON
//! contract (docs/rulebook.md §5), shared by the WebAssembly binding and the `policy-calc`
//! command-line tool.
//!
//! - shared pieces: [`money`], [`date`], [`explain`], [`input`], [`place`];
//! - the rules, one module per regulation: [`rules`];
//! - the contract: [`evaluate`], [`evaluate_json`], [`catalog`].
// A WebAssembly module carries one group of calculators (scripts/build-wasm):
// the shared pieces the other groups use are then unused, by design.
#![cfg_attr(
    not(all(feature = "forest", feature = "star", feature = "five")),
    allow(dead_code, unused_imports, unused_variables)
)]

// CSV batches (`policy-calc batch`): not carried by the WebAssembly modules.
#[cfg(not(target_arch = "wasm32"))]
pub mod batch;
pub mod date;
pub mod explain;
pub mod input;
pub mod json;
pub mod json_write;
pub mod money;
pub mod param;
pub mod place;
pub mod rules;
pub mod schema;

#[cfg(target_arch = "wasm32")]
mod wasm;

use date::Date;
pub use explain::Detail;
use explain::{Document, Explanation};
use input::{Checked, ErrorCode, InputError};
use json::Json;
#[cfg(feature = "five")]
use rules::five_strong;
#[cfg(feature = "star")]
use rules::property_star;
#[cfg(feature = "forest")]
use rules::{forest_construction, forest_maintenance};
use schema::{FieldSpec, Figure};
use serde::Serialize;

/// One calculator of the catalog.
pub struct Calculator {
    pub id: &'static str,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    pub document: &'static Document,
    /// Its request fields: the schema the readers apply and the catalog states.
    pub fields: &'static [FieldSpec],
    /// The figures a form shows beside the fields, on a date.
    pub figures: fn(Date) -> Vec<Figure>,
}

/// Every calculator's id, whichever of them this build carries (the WebAssembly
/// modules carry a group each; the browser API routes an id to its module).
pub const ALL_CALCULATOR_IDS: &[&str] =
    &["forest-construction", "forest-maintenance", "property-star", "five-strong", "five-strong-ranking"];

pub const CALCULATORS: &[Calculator] = &[
    #[cfg(feature = "forest")]
    Calculator {
        id: "forest-construction",
        title_zh: "生态公益林建设补偿（一次性）",
        title_en: "Ecological forest construction compensation (one-time)",
        document: &forest_construction::DOCUMENT,
        fields: &forest_construction::FIELDS,
        figures: forest_construction::figures,
    },
    #[cfg(feature = "forest")]
    Calculator {
        id: "forest-maintenance",
        title_zh: "生态公益林养护管理补偿（逐年）",
        title_en: "Ecological forest maintenance compensation (yearly)",
        document: &forest_maintenance::DOCUMENT,
        fields: &forest_maintenance::FIELDS,
        figures: forest_maintenance::figures,
    },
    #[cfg(feature = "star")]
    Calculator {
        id: "property-star",
        title_zh: "住宅小区物业服务质量星级评定",
        title_en: "Residential property-service star rating",
        document: &property_star::DOCUMENT,
        fields: property_star::FIELDS,
        figures: property_star::figures,
    },
    #[cfg(feature = "five")]
    Calculator {
        id: "five-strong",
        title_zh: "经济领域“五强”认定奖励",
        title_en: "“Five Strong” recognition rewards",
        document: &five_strong::DOCUMENT,
        fields: &five_strong::FIELDS,
        figures: five_strong::figures,
    },
    #[cfg(feature = "five")]
    Calculator {
        id: "five-strong-ranking",
        title_zh: "“五强”排名估算",
        title_en: "“Five Strong” ranking estimate",
        document: &five_strong::DOCUMENT,
        fields: &five_strong::RANKING_FIELDS,
        figures: five_strong::figures,
    },
];

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CatalogEntry<'a> {
    id: &'static str,
    title_zh: &'static str,
    title_en: &'static str,
    document: String,
    in_force: date::Period,
    /// The crate's version: what an embedded copy is (docs/rulebook.md §5).
    version: &'static str,
    fields: schema::FieldsOn<'a>,
    figures: Vec<Figure>,
}

/// `catalog()` as JSON (docs/rulebook.md §5, "Catalog = the schema"): per calculator
/// `{id, titleZh, titleEn, document, inForce: {from, to}, version, fields, figures}`,
/// with limits and figures as they stand on `on`.
pub fn catalog_json(on: Date) -> String {
    let entries: Vec<CatalogEntry> = CALCULATORS
        .iter()
        .map(|c| CatalogEntry {
            id: c.id,
            title_zh: c.title_zh,
            title_en: c.title_en,
            document: c.document.cited(),
            in_force: c.document.in_force,
            version: env!("CARGO_PKG_VERSION"),
            fields: schema::FieldsOn { specs: c.fields, date: on },
            figures: (c.figures)(on),
        })
        .collect();
    to_json(&entries)
}

/// A result with the fields common to every calculator (docs/rulebook.md §5).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Report<'a, T: Serialize> {
    calculator: &'a str,
    as_of: Date,
    #[serde(flatten)]
    body: T,
    #[serde(flatten)]
    explanation: Explanation,
}

#[derive(Serialize)]
struct Success<T: Serialize> {
    ok: bool,
    result: T,
}

#[derive(Serialize)]
struct Failure {
    ok: bool,
    error: InputError,
}

fn report<T: Serialize>(out: &mut String, calculator: &str, outcome: Checked<(Date, T, Explanation)>, only: Only) {
    let written = match outcome {
        Ok((as_of, body, explanation)) => {
            let response = Success { ok: true, result: Report { calculator, as_of, body, explanation } };
            json_write::append_only(out, &response, only)
        }
        Err(error) => json_write::append_only(out, &Failure { ok: false, error }, None),
    };
    if written.is_err() {
        out.push_str(INTERNAL);
    }
}

fn failure(error: InputError) -> String {
    to_json(&Failure { ok: false, error })
}

fn to_json<T: Serialize>(value: &T) -> String {
    // Our own types serialise infallibly (string keys, no maps of non-strings); should
    // that ever fail, the caller still gets an answer of the promised shape.
    json_write::to_string(value).unwrap_or_else(|_| INTERNAL.to_string())
}

/// The answer when a response cannot be written (our types always can be).
const INTERNAL: &str = r#"{"ok":false,"error":{"code":"internal","field":null,"messageZh":"内部错误：结果无法输出。","messageEn":"Internal error: the result could not be written."}}"#;

/// Evaluates one request already parsed as JSON; returns the response as JSON text.
/// `today` is the default for `asOf`.
pub fn evaluate(calculator: &str, input: &Json, today: Date) -> String {
    evaluate_at(calculator, input, today, Detail::Full)
}

/// Like [`evaluate`], written at `detail` (docs/rulebook.md §5, "Detail").
pub fn evaluate_at(calculator: &str, input: &Json, today: Date, detail: Detail) -> String {
    explain::with_detail(detail, || evaluate_full(calculator, input, today, None))
}

/// The result's keys a caller asked for (`fields`, docs/rulebook.md §5), or all of them.
type Only<'a> = Option<&'a [String]>;

fn evaluate_full(calculator: &str, input: &Json, today: Date, only: Only) -> String {
    let mut out = String::with_capacity(1024);
    evaluate_into(&mut out, calculator, input, today, only);
    out
}

/// Like [`evaluate_full`], the response appended to `out`.
fn evaluate_into(out: &mut String, calculator: &str, input: &Json, today: Date, only: Only) {
    match calculator {
        #[cfg(feature = "forest")]
        "forest-construction" => report(out, calculator, forest_construction::evaluate(input, today), only),
        #[cfg(feature = "forest")]
        "forest-maintenance" => report(out, calculator, forest_maintenance::evaluate(input, today), only),
        #[cfg(feature = "star")]
        "property-star" => report(out, calculator, property_star::evaluate(input, today), only),
        #[cfg(feature = "five")]
        "five-strong" => report(out, calculator, five_strong::evaluate(input, today), only),
        #[cfg(feature = "five")]
        "five-strong-ranking" => report(out, calculator, five_strong::evaluate_ranking(input, today), only),
        _ => {
            let ids = ALL_CALCULATOR_IDS;
            out.push_str(&failure(
                InputError::new(
                    ErrorCode::UnknownCalculator,
                    Some("calculator".into()),
                    format!("未知的计算器“{calculator}”。可用：{}。", ids.join("、")),
                    format!("Unknown calculator “{calculator}”. Available: {}.", ids.join(", ")),
                )
                .param("got", calculator)
                .param("allowed", ids.to_vec()),
            ))
        }
    }
}

/// Evaluates one request given as bytes: text that is not UTF-8 is `invalidJson`
/// (never read with replacement characters, which could make two names equal).
pub fn evaluate_bytes(calculator: &str, input: &[u8], today: Date) -> String {
    evaluate_bytes_at(calculator, input, today, Detail::Full)
}

/// Like [`evaluate_bytes`], written at `detail`.
pub fn evaluate_bytes_at(calculator: &str, input: &[u8], today: Date, detail: Detail) -> String {
    let mut out = String::with_capacity(1024);
    evaluate_bytes_into(&mut out, calculator, input, today, detail);
    out
}

/// Like [`evaluate_bytes_at`], the response appended to `out`: a caller that
/// answers many requests (the CLI, a line at a time) keeps one buffer for all.
pub fn evaluate_bytes_into(out: &mut String, calculator: &str, input: &[u8], today: Date, detail: Detail) {
    explain::with_detail(detail, || match std::str::from_utf8(input) {
        Ok(text) => evaluate_json_into(out, calculator, text, today, None),
        Err(e) => out.push_str(&failure(InputError::new(
            ErrorCode::InvalidJson,
            None,
            format!("输入不是有效的 UTF-8 文本（第 {} 个字节起）。", e.valid_up_to() + 1),
            format!("The input is not valid UTF-8 text (from byte {}).", e.valid_up_to() + 1),
        ))),
    })
}

/// Like [`evaluate_json_at`], the result holding only the keys in `fields`
/// when they are given (docs/rulebook.md §5, `fields`).
pub fn evaluate_json_fields_at(
    calculator: &str,
    input: &str,
    today: Date,
    detail: Detail,
    fields: Option<&[String]>,
) -> String {
    explain::with_detail(detail, || evaluate_json_full(calculator, input, today, fields))
}

/// Evaluates many requests of one calculator at once (docs/rulebook.md §5,
/// `evaluateMany`): `inputs` is the JSON text of an array of requests; the
/// answer is the JSON text of an array with one response per request, each
/// result holding only the keys in `fields` when they are given. Anything but
/// an array is answered with a one-element array holding its error.
pub fn evaluate_many_json_at(
    calculator: &str,
    inputs: &str,
    today: Date,
    detail: Detail,
    fields: Option<&[String]>,
) -> String {
    explain::with_detail(detail, || {
        let items = match json::parse(inputs) {
            Ok(Json::Array(items)) => items,
            Ok(_) => {
                let e = InputError::new(
                    ErrorCode::InvalidType,
                    None,
                    "须是一组请求（数组）。".to_string(),
                    "Must be a list (array) of requests.".to_string(),
                );
                return format!("[{}]", failure(e));
            }
            Err(_) => return format!("[{}]", evaluate_json_full(calculator, inputs, today, None)),
        };
        let mut out = String::with_capacity(items.len() * 256 + 2);
        out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            evaluate_into(&mut out, calculator, item, today, fields);
        }
        out.push(']');
        out
    })
}

/// Evaluates one request given as JSON text.
pub fn evaluate_json(calculator: &str, input: &str, today: Date) -> String {
    evaluate_json_at(calculator, input, today, Detail::Full)
}

/// Like [`evaluate_json`], written at `detail`.
pub fn evaluate_json_at(calculator: &str, input: &str, today: Date, detail: Detail) -> String {
    explain::with_detail(detail, || evaluate_json_full(calculator, input, today, None))
}

fn evaluate_json_full(calculator: &str, input: &str, today: Date, only: Only) -> String {
    let mut out = String::with_capacity(1024);
    evaluate_json_into(&mut out, calculator, input, today, only);
    out
}

/// Like [`evaluate_json_full`], the response appended to `out`.
fn evaluate_json_into(out: &mut String, calculator: &str, input: &str, today: Date, only: Only) {
    match json::parse(input) {
        Ok(value) => evaluate_into(out, calculator, &value, today, only),
        Err(e) => out.push_str(&failure(InputError::new(
            ErrorCode::InvalidJson,
            None,
            format!("输入不是有效的 JSON：{}（第 {} 行第 {} 列）。", e.problem_zh, e.line, e.column),
            format!("The input is not valid JSON: {} (line {}, column {}).", e.problem_en, e.line, e.column),
        ))),
    }
}
