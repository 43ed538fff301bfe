//! CSV batches (docs/rulebook.md §5, "Batch"): a spreadsheet of requests, one a
//! row, answered as a spreadsheet of results — the pure part of
//! `policy-calc batch`, without I/O, so that any front end can use it.
//!
//! - reading: [`detect_separator`] (comma or tab, from the header line),
//!   [`RecordEnd`] (where a record ends: a quoted cell may hold line breaks),
//!   [`split_record`];
//! - meaning: [`Batch::new`] maps each header cell to a request field of the
//!   calculator through its catalog (key, or Chinese or English label; a
//!   `scores.contract` path for a nested field), [`Batch::request`] turns a
//!   row into the request JSON by each field's kind;
//! - answering: [`Batch::answer`] evaluates a row and writes its output line —
//!   the input cells, the calculator's result columns ([`result_columns`]),
//!   the error — and adds its amounts to the totals ([`Batch::totals_line`]).
#![forbid(unsafe_code)]

use crate::date::Date;
use crate::explain::Detail;
use crate::json::{self, Json};
use crate::schema::{FieldSpec, Kind};
use rust_decimal::Decimal;
use std::str::FromStr;

/// A UTF-8 byte-order mark: written first, so that spreadsheets read the output as UTF-8.
pub const BOM: &str = "\u{feff}";

/// The longest record read, in bytes (a longer one is most likely an unclosed quote).
pub const MAX_RECORD_BYTES: usize = json::MAX_BYTES;

/// The words of the output's headers and values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Keys for headers, `true`/`false`, Chinese error messages.
    #[default]
    Keys,
    /// Chinese headers, 是/否, Chinese error messages.
    Zh,
    /// English headers, yes/no, English error messages.
    En,
}

/// A problem that stops the batch before its first row (a usage error), in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message_zh: String,
    pub message_en: String,
}

fn problem(zh: String, en: String) -> Problem {
    Problem { message_zh: zh, message_en: en }
}

// ── Reading CSV ───────────────────────────────────────────────────────────────

/// The separator of a file, from its header line: a tab when the line holds a
/// tab outside quotes (a range pasted from a spreadsheet), else a comma.
pub fn detect_separator(header_line: &[u8]) -> u8 {
    let mut quoted = false;
    for &b in header_line {
        match b {
            b'"' => quoted = !quoted,
            b'\t' if !quoted => return b'\t',
            _ => {}
        }
    }
    b','
}

/// Follows the quotes of a record line by line, to tell where the record ends:
/// a line break inside a quoted cell belongs to the cell.
#[derive(Debug, Clone)]
pub struct RecordEnd {
    sep: u8,
    quoted: bool,
    field_start: bool,
    /// A quote just closed, unless the next byte is a second quote (`""`).
    maybe_closed: bool,
}

impl RecordEnd {
    pub fn new(sep: u8) -> RecordEnd {
        RecordEnd { sep, quoted: false, field_start: true, maybe_closed: false }
    }

    /// Reads one line (without its line break); true when the record ends with it.
    pub fn line(&mut self, line: &[u8]) -> bool {
        for &b in line {
            if self.maybe_closed {
                self.maybe_closed = false;
                if b == b'"' {
                    continue; // a doubled quote: still inside
                }
                self.quoted = false;
            }
            if self.quoted {
                if b == b'"' {
                    self.maybe_closed = true;
                }
            } else if b == self.sep {
                self.field_start = true;
            } else if b == b'"' && self.field_start {
                self.quoted = true;
                self.field_start = false;
            } else {
                self.field_start = false;
            }
        }
        if self.maybe_closed {
            self.maybe_closed = false;
            self.quoted = false;
        }
        if self.quoted {
            false
        } else {
            self.field_start = true;
            true
        }
    }

    /// Starts afresh (after a record too long to keep).
    pub fn reset(&mut self) {
        *self = RecordEnd::new(self.sep);
    }
}

/// The cells of one record (its lines joined by `\n`, without the final line
/// break): a cell that begins with a quote runs to the closing quote, `""`
/// standing for a quote; anything else is taken as written. An unclosed quote
/// runs to the end of the record.
pub fn split_record(text: &str, sep: u8) -> Vec<String> {
    let sep = char::from(sep);
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut field_start = true;
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cell.push('"');
                } else {
                    quoted = false;
                }
            } else {
                cell.push(c);
            }
        } else if c == sep {
            cells.push(std::mem::take(&mut cell));
            field_start = true;
            continue;
        } else if c == '"' && field_start {
            quoted = true;
        } else {
            cell.push(c);
        }
        field_start = false;
    }
    cells.push(cell);
    cells
}

/// Appends one CSV record (comma-separated, CRLF, quoted where needed).
pub fn write_record<S: AsRef<str>>(out: &mut String, cells: &[S]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let cell = cell.as_ref();
        if cell.contains([',', '"', '\r', '\n']) || cell.starts_with(char::is_whitespace) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    out.push_str("\r\n");
}

// ── The result columns ────────────────────────────────────────────────────────

/// Where a result column's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// A member of the result, as written.
    Member(&'static str),
    /// A member of a member (`quota.recognised`).
    Nested(&'static str, &'static str),
    /// The codes of `reasons`, joined by `;`.
    ReasonCodes,
    /// The articles of `reasons`, in the same order, joined by `;`.
    ReasonArticles,
}

/// One result column of a calculator.
#[derive(Debug, Clone, Copy)]
pub struct ResultColumn {
    pub key: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    pub pick: Pick,
    /// An amount in yuan: added up in the totals line.
    pub summed: bool,
}

const fn col(key: &'static str, zh: &'static str, en: &'static str) -> ResultColumn {
    ResultColumn { key, label_zh: zh, label_en: en, pick: Pick::Member(key), summed: false }
}

const fn amount(key: &'static str, zh: &'static str, en: &'static str) -> ResultColumn {
    ResultColumn { summed: true, ..col(key, zh, en) }
}

const REASONS: ResultColumn =
    ResultColumn { pick: Pick::ReasonCodes, ..col("reasons", "原因代码", "Reason codes") };
const ARTICLES: ResultColumn =
    ResultColumn { pick: Pick::ReasonArticles, ..col("articles", "依据条款", "Articles") };
const ELIGIBLE: ResultColumn = col("eligible", "符合条件", "Eligible");
const RATED_AS: ResultColumn = col("ratedAs", "按林种计", "Rated as");
const PAYER: ResultColumn = col("payer", "资金承担", "Payer");

const FOREST_CONSTRUCTION: &[ResultColumn] = &[
    ELIGIBLE,
    RATED_AS,
    col("ratePerMu", "每亩补偿标准（元）", "Rate per mu (yuan)"),
    col("areaMu", "面积（亩）", "Area (mu)"),
    amount("amount", "补偿金额（元）", "Amount (yuan)"),
    PAYER,
    REASONS,
    ARTICLES,
];

const FOREST_MAINTENANCE: &[ResultColumn] = &[
    ELIGIBLE,
    RATED_AS,
    col("firstFundedYear", "首个补偿年度", "First funded year"),
    amount("total", "预测合计（元）", "Total (yuan)"),
    amount("totalWithinValidity", "有效期内合计（元）", "Total within validity (yuan)"),
    PAYER,
    REASONS,
    ARTICLES,
];

const PROPERTY_STAR: &[ResultColumn] = &[
    col("stars", "星级", "Stars"),
    col("total", "总分", "Total score"),
    col("disqualified", "不达标情形成立", "Disqualified"),
    col("eligibleToApply", "符合申报条件", "Eligible to apply"),
    col("creditPoints", "信用加分", "Credit points"),
    REASONS,
    ARTICLES,
];

const FIVE_STRONG: &[ResultColumn] = &[
    ELIGIBLE,
    amount("reward", "奖励金额（元）", "Reward (yuan)"),
    ResultColumn { pick: Pick::Nested("quota", "recognised"), ..col("quota", "认定名额", "Places") },
    REASONS,
    ARTICLES,
];

/// The error columns that follow the result columns: code, field path, message.
const ERROR_COLUMNS: [(&str, &str, &str); 3] = [
    ("error", "错误代码", "Error"),
    ("errorField", "错误字段", "Error field"),
    ("errorMessage", "错误说明", "Error message"),
];

/// The result columns of a calculator, in order (docs/rulebook.md §5, "Batch");
/// `None` for a calculator whose requests are not one a row.
pub fn result_columns(calculator: &str) -> Option<&'static [ResultColumn]> {
    match calculator {
        "forest-construction" => Some(FOREST_CONSTRUCTION),
        "forest-maintenance" => Some(FOREST_MAINTENANCE),
        "property-star" => Some(PROPERTY_STAR),
        "five-strong" => Some(FIVE_STRONG),
        _ => None,
    }
}

// ── The header ────────────────────────────────────────────────────────────────

/// What an input column holds.
#[derive(Debug, Clone)]
enum Column {
    /// A request field: its path from the top (`scores`, `contract`).
    Field(Vec<&'static FieldSpec>),
    /// A header beginning with `#`: carried to the output, not part of the request.
    Carried,
    /// A blank header: its cells must be blank too.
    Unnamed,
}

/// Letters, digits and the rest, compared without case, spaces or the width of brackets.
fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Does `header` name `spec`: by key, label, or label with its unit in brackets?
fn names(spec: &FieldSpec, header: &str) -> bool {
    let h = fold(header);
    if h == fold(spec.key) || h == fold(spec.label.message_zh) || h == fold(spec.label.message_en) {
        return true;
    }
    spec.unit.is_some_and(|u| {
        h == fold(&format!("{}({})", spec.label.message_zh, u.message_zh))
            || h == fold(&format!("{}({})", spec.label.message_en, u.message_en))
    })
}

/// Every field at any depth below `specs`, with its path.
fn all_paths(specs: &'static [FieldSpec], prefix: &[&'static FieldSpec], out: &mut Vec<Vec<&'static FieldSpec>>) {
    for spec in specs {
        let mut path = prefix.to_vec();
        path.push(spec);
        if spec.kind == Kind::Object {
            all_paths(spec.fields, &path, out);
        }
        out.push(path);
    }
}

fn dotted(path: &[&FieldSpec]) -> String {
    path.iter().map(|s| s.key).collect::<Vec<_>>().join(".")
}

/// The field a header names: a top-level field; else a `a.b` path, each part
/// by key or label; else a nested field by its own name, when only one has it.
fn resolve(specs: &'static [FieldSpec], header: &str) -> Result<Vec<&'static FieldSpec>, Vec<String>> {
    if let Some(spec) = specs.iter().find(|s| names(s, header)) {
        return Ok(vec![spec]);
    }
    if header.contains('.') {
        let mut path = Vec::new();
        let mut level = specs;
        for part in header.split('.') {
            match level.iter().find(|s| names(s, part)) {
                Some(spec) => {
                    path.push(spec);
                    level = spec.fields;
                }
                None => {
                    path.clear();
                    break;
                }
            }
        }
        if !path.is_empty() {
            return Ok(path);
        }
    }
    let mut every = Vec::new();
    all_paths(specs, &[], &mut every);
    let found: Vec<Vec<&'static FieldSpec>> =
        every.into_iter().filter(|p| p.len() > 1 && p.last().is_some_and(|s| names(s, header))).collect();
    match found.len() {
        1 => Ok(found.into_iter().next().unwrap_or_default()),
        _ => Err(found.iter().map(|p| dotted(p)).collect()),
    }
}

/// The keys a header may use: every field that takes a cell.
fn usable_keys(specs: &'static [FieldSpec]) -> Vec<String> {
    let mut every = Vec::new();
    all_paths(specs, &[], &mut every);
    every
        .iter()
        .filter(|p| p.last().is_some_and(|s| !matches!(s.kind, Kind::Object | Kind::List)))
        .map(|p| dotted(p))
        .collect()
}

// ── A row's request ───────────────────────────────────────────────────────────

/// Why a row has no result: the engine's error, or a row that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub code: String,
    pub field: Option<String>,
    pub message_zh: String,
    pub message_en: String,
}

impl RowError {
    /// A row that cannot be read as CSV (`invalidCsv`).
    pub fn csv(zh: String, en: String) -> RowError {
        RowError { code: "invalidCsv".into(), field: None, message_zh: zh, message_en: en }
    }

    /// A quoted cell still open when the input ends: what follows the quote was not read as rows.
    pub fn unclosed() -> RowError {
        RowError::csv(
            "这一行的引号没有闭合，其后各行都被当作这一格的内容，未读取。请检查引号。".to_string(),
            "A quote in this row is never closed, so every line after it was taken into this cell and not read. Check the quotes.".to_string(),
        )
    }

    /// A record longer than [`MAX_RECORD_BYTES`].
    pub fn too_long() -> RowError {
        let mb = MAX_RECORD_BYTES / 1024 / 1024;
        RowError::csv(
            format!("这一行超过 {mb} MB（可能有未闭合的引号），未读取。"),
            format!("This row is longer than {mb} MB (an unclosed quote?) and was not read."),
        )
    }
}

fn is_blank(cell: &str) -> bool {
    cell.trim().is_empty()
}

/// `yes`/`no` in the words a spreadsheet may hold.
fn boolean(cell: &str) -> Option<bool> {
    match cell.to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "是" | "对" => Some(true),
        "false" | "no" | "n" | "0" | "否" | "不是" => Some(false),
        _ => None,
    }
}

/// `2026/5/10`, `2026.5.10`, `2026年5月10日` as `2026-05-10`; anything else as written.
fn date(cell: &str) -> String {
    let parts: Vec<&str> = cell.trim_end_matches('日').split(['-', '/', '.', '年', '月']).collect::<Vec<_>>();
    let digits =
        |s: &str, n: std::ops::RangeInclusive<usize>| n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y, m, d] if digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2) => format!("{y}-{m:0>2}-{d:0>2}"),
        _ => cell.to_string(),
    }
}

/// A decimal as the engine reads it: thousands separators (`1,234.5`) dropped,
/// and a percentage (`86%`) written as a fraction for a field that is one. A
/// text that is neither goes as written, for the engine to refuse by name.
fn decimal(spec: &FieldSpec, cell: &str) -> String {
    let plain = |s: &str| {
        let (int, frac) = s.split_once('.').unwrap_or((s, "0"));
        !int.is_empty() && !frac.is_empty() && (int.bytes().chain(frac.bytes())).all(|b| b.is_ascii_digit())
    };
    let grouped = |s: &str| {
        let int = s.split_once('.').map_or(s, |(i, _)| i);
        let groups: Vec<&str> = int.split(',').collect();
        groups.len() > 1
            && (1..=3).contains(&groups[0].len())
            && groups[1..].iter().all(|g| g.len() == 3)
            && plain(&s.replace(',', ""))
    };
    let text = if grouped(cell) { cell.replace(',', "") } else { cell.to_string() };
    if spec.percent {
        if let Some(number) = text.strip_suffix('%') {
            let number = number.trim_end();
            if plain(number) {
                if let Ok(d) = Decimal::from_str(number) {
                    return (d / Decimal::ONE_HUNDRED).normalize().to_string();
                }
            }
        }
    }
    text
}

/// An option by its value, or by its Chinese or English label.
fn option(spec: &FieldSpec, cell: &str) -> String {
    let found = spec.options.iter().find(|c| c.value == cell).or_else(|| {
        let f = fold(cell);
        spec.options
            .iter()
            .find(|c| f == fold(c.value) || f == fold(c.label.message_zh) || f == fold(c.label.message_en))
    });
    found.map_or_else(|| cell.to_string(), |c| c.value.to_string())
}

/// The JSON value of a (non-blank, trimmed) cell, by the kind of its field.
/// A decimal stays text, so that no figure passes through binary floating point.
pub fn cell_value(spec: &FieldSpec, cell: &str) -> Json {
    match spec.kind {
        Kind::Decimal => Json::String(decimal(spec, cell)),
        Kind::Integer | Kind::Text | Kind::Object | Kind::List => Json::String(cell.to_string()),
        Kind::Boolean => boolean(cell).map_or_else(|| Json::String(cell.to_string()), Json::Bool),
        Kind::Date => Json::String(date(cell)),
        Kind::Enum => Json::String(option(spec, cell)),
        Kind::Codes => Json::Array(
            cell.split([';', '；', '、'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| Json::String(option(spec, s)))
                .collect(),
        ),
    }
}

/// Puts `value` at `path` in an object's members, making the objects on the way.
fn insert(members: &mut Vec<(String, Json)>, path: &[&FieldSpec], value: Json) {
    let Some((first, rest)) = path.split_first() else { return };
    if rest.is_empty() {
        members.push((first.key.to_string(), value));
        return;
    }
    let at = match members.iter().position(|(k, v)| k == first.key && matches!(v, Json::Object(_))) {
        Some(i) => i,
        None => {
            members.push((first.key.to_string(), Json::Object(Vec::new())));
            members.len() - 1
        }
    };
    if let Json::Object(inner) = &mut members[at].1 {
        insert(inner, rest, value);
    }
}

/// The calculator of a batch and its result columns; an unknown id, or one
/// whose rows are not separate requests (five-strong-ranking), is a [`Problem`].
pub fn batch_calculator(id: &str) -> Result<(&'static crate::Calculator, &'static [ResultColumn]), Problem> {
    let ids: Vec<&str> = crate::CALCULATORS.iter().map(|c| c.id).filter(|id| result_columns(id).is_some()).collect();
    let Some(calc) = crate::CALCULATORS.iter().find(|c| c.id == id) else {
        return Err(problem(
            format!("未知的计算器“{id}”。可用：{}。", ids.join("、")),
            format!("unknown calculator “{id}”; available: {}", ids.join(", ")),
        ));
    };
    match result_columns(calc.id) {
        Some(results) => Ok((calc, results)),
        None => Err(problem(
            format!(
                "“{}”把一份名单里的候选者放在一起排名，各行不是彼此独立的请求，不能逐行计算；请用 eval 提交一个 JSON 请求。",
                calc.id
            ),
            format!(
                "{} ranks the candidates of one list together: its rows are not separate requests, so it has no batch; send one JSON request with `eval`",
                calc.id
            ),
        )),
    }
}

// ── The batch ─────────────────────────────────────────────────────────────────

/// One batch: the header read, the totals so far.
#[derive(Debug)]
pub struct Batch {
    calculator: &'static str,
    sep: u8,
    header: Vec<String>,
    columns: Vec<Column>,
    results: &'static [ResultColumn],
    lang: Lang,
    today: Date,
    /// Per result column, the sum of a summed one.
    sums: Vec<Decimal>,
}

impl Batch {
    /// Reads the header record (its bytes, a BOM allowed) of a file separated
    /// by `sep`. A header that is not UTF-8 or names no field is a [`Problem`].
    pub fn new(calculator: &str, header: &[u8], sep: u8, lang: Lang, today: Date) -> Result<Batch, Problem> {
        let (calc, results) = batch_calculator(calculator)?;
        let header = header.strip_prefix(BOM.as_bytes()).unwrap_or(header);
        let text = std::str::from_utf8(header).map_err(|e| {
            problem(
                format!("表头不是 UTF-8 文本（第 {} 个字节起）；在电子表格中另存为“CSV UTF-8”。", e.valid_up_to() + 1),
                format!(
                    "the header is not UTF-8 text (from byte {}); save the sheet as “CSV UTF-8”",
                    e.valid_up_to() + 1
                ),
            )
        })?;
        let header = split_record(text, sep);
        let mut columns = Vec::with_capacity(header.len());
        for (i, name) in header.iter().enumerate() {
            let name = name.trim();
            let n = i + 1;
            let column = if name.is_empty() {
                Column::Unnamed
            } else if name.starts_with('#') {
                Column::Carried
            } else {
                match resolve(calc.fields, name) {
                    Ok(path) => {
                        let last = path[path.len() - 1];
                        if matches!(last.kind, Kind::Object | Kind::List) {
                            let inner: Vec<String> =
                                usable_keys(last.fields).iter().map(|k| format!("{}.{k}", dotted(&path))).collect();
                            return Err(problem(
                                format!(
                                    "第 {n} 列“{name}”是一组字段，不能填在一个单元格里；请分列填写：{}。",
                                    inner.join("、")
                                ),
                                format!(
                                    "column {n} “{name}” is a group of fields, not one cell; give a column each: {}",
                                    inner.join(", ")
                                ),
                            ));
                        }
                        Column::Field(path)
                    }
                    Err(candidates) if !candidates.is_empty() => {
                        return Err(problem(
                            format!("第 {n} 列“{name}”可指多个字段：{}；请写完整路径。", candidates.join("、")),
                            format!(
                                "column {n} “{name}” could be any of {}; write the full path",
                                candidates.join(", ")
                            ),
                        ))
                    }
                    Err(_) => {
                        let keys = usable_keys(calc.fields);
                        return Err(problem(
                            format!(
                                "第 {n} 列“{name}”不是“{}”的字段。可用（键或中英文名称）：{}；以 # 开头的列原样保留。",
                                calc.title_zh,
                                keys.join("、")
                            ),
                            format!(
                                "column {n} “{name}” names no field of {}; fields (by key or Chinese/English label): {}; a column whose header begins with # is carried through",
                                calc.id,
                                keys.join(", ")
                            ),
                        ));
                    }
                }
            };
            if let Column::Field(path) = &column {
                let same = columns.iter().position(|c| matches!(c, Column::Field(p) if dotted(p) == dotted(path)));
                if let Some(j) = same {
                    return Err(problem(
                        format!(
                            "第 {} 列“{}”与第 {n} 列“{name}”是同一字段 {}。",
                            j + 1,
                            header[j].trim(),
                            dotted(path)
                        ),
                        format!(
                            "columns {} “{}” and {n} “{name}” are the same field, {}",
                            j + 1,
                            header[j].trim(),
                            dotted(path)
                        ),
                    ));
                }
            }
            columns.push(column);
        }
        if !columns.iter().any(|c| matches!(c, Column::Field(_))) {
            return Err(problem(
                "表头没有列出任何字段：第一行须写出字段名（如“面积（亩）”或 areaMu）。".to_string(),
                "the header names no field: its first line must name the fields (such as “Area (mu)” or areaMu)"
                    .to_string(),
            ));
        }
        Ok(Batch {
            calculator: calc.id,
            sep,
            header,
            columns,
            results,
            lang,
            today,
            sums: vec![Decimal::ZERO; results.len()],
        })
    }

    /// The output's first line: the BOM, the input headers as written, the result and error headers.
    pub fn header_line(&self) -> String {
        let mut cells: Vec<&str> = self.header.iter().map(String::as_str).collect();
        for c in self.results {
            cells.push(match self.lang {
                Lang::Keys => c.key,
                Lang::Zh => c.label_zh,
                Lang::En => c.label_en,
            });
        }
        for (key, zh, en) in ERROR_COLUMNS {
            cells.push(match self.lang {
                Lang::Keys => key,
                Lang::Zh => zh,
                Lang::En => en,
            });
        }
        let mut out = String::from(BOM);
        write_record(&mut out, &cells);
        out
    }

    /// The request of a row: each non-blank cell under a field's header, by the
    /// field's kind; a blank cell leaves its field out.
    pub fn request(&self, cells: &[String]) -> Result<Json, RowError> {
        if let Some(extra) = cells.iter().skip(self.columns.len()).position(|c| !is_blank(c)) {
            let n = self.columns.len() + extra + 1;
            return Err(RowError::csv(
                format!("第 {n} 个单元格超出表头的 {} 列。", self.columns.len()),
                format!("Cell {n} is beyond the header's {} columns.", self.columns.len()),
            ));
        }
        let mut members = Vec::new();
        for (i, column) in self.columns.iter().enumerate() {
            let cell = cells.get(i).map_or("", |c| c.trim());
            if cell.is_empty() {
                continue;
            }
            match column {
                Column::Carried => {}
                Column::Unnamed => {
                    return Err(RowError::csv(
                        format!("第 {} 列没有表头，却填了“{cell}”。", i + 1),
                        format!("Column {} has no header but holds “{cell}”.", i + 1),
                    ))
                }
                Column::Field(path) => insert(&mut members, path, cell_value(path[path.len() - 1], cell)),
            }
        }
        Ok(Json::Object(members))
    }

    /// Answers one record (its bytes): the output line, or `None` for a row of
    /// blank cells. A record that is not UTF-8 gets an `invalidCsv` error line.
    pub fn answer(&mut self, record: &[u8]) -> Option<String> {
        let (cells, outcome) = match std::str::from_utf8(record) {
            Ok(text) => {
                let cells = split_record(text, self.sep);
                if cells.iter().all(|c| is_blank(c)) {
                    return None;
                }
                let outcome = self.request(&cells).and_then(|request| self.evaluate(&request));
                (cells, outcome)
            }
            Err(e) => (
                split_record(&String::from_utf8_lossy(record), self.sep),
                Err(RowError::csv(
                    format!("这一行不是 UTF-8 文本（第 {} 个字节起）。", e.valid_up_to() + 1),
                    format!("This row is not UTF-8 text (from byte {}).", e.valid_up_to() + 1),
                )),
            ),
        };
        Some(self.line(&cells, outcome))
    }

    /// The line of a record that could not be kept (see [`RowError::too_long`]).
    pub fn unread(&mut self, error: RowError) -> String {
        self.line(&[], Err(error))
    }

    /// Evaluates a request: its result, or the engine's error.
    fn evaluate(&self, request: &Json) -> Result<Json, RowError> {
        let response = crate::evaluate_at(self.calculator, request, self.today, Detail::Codes);
        if let Ok(Json::Object(members)) = json::parse(&response) {
            if members.first().is_some_and(|(k, v)| k == "ok" && *v == Json::Bool(true)) {
                return Ok(members.into_iter().find(|(k, _)| k == "result").map_or(Json::Null, |(_, v)| v));
            }
        }
        // The error again with its messages (the short answer leaves texts out).
        let full =
            json::parse(&crate::evaluate_at(self.calculator, request, self.today, Detail::Full)).unwrap_or(Json::Null);
        let error = full.get("error");
        let text = |key: &str| error.and_then(|e| e.get(key)).and_then(Json::as_str).unwrap_or("").to_string();
        Err(RowError {
            code: text("code"),
            field: error.and_then(|e| e.get("field")).and_then(Json::as_str).map(str::to_string),
            message_zh: text("messageZh"),
            message_en: text("messageEn"),
        })
    }

    fn value(&self, json: Option<&Json>) -> String {
        match json {
            Some(Json::Bool(b)) => match (self.lang, b) {
                (Lang::Zh, true) => "是".into(),
                (Lang::Zh, false) => "否".into(),
                (Lang::En, true) => "yes".into(),
                (Lang::En, false) => "no".into(),
                (Lang::Keys, b) => b.to_string(),
            },
            Some(Json::Number(n)) => n.clone(),
            Some(Json::String(s)) => s.clone(),
            _ => String::new(),
        }
    }

    fn reasons(result: &Json, key: &str) -> String {
        result
            .get("reasons")
            .and_then(Json::as_array)
            .unwrap_or(&[])
            .iter()
            .map(|r| r.get(key).and_then(Json::as_str).unwrap_or(""))
            .collect::<Vec<_>>()
            .join(";")
    }

    /// The output line of a row: its cells (as many as the header), the result
    /// columns, the error columns. A result counts in the totals when it is
    /// eligible (or the calculator has no `eligible`).
    fn line(&mut self, cells: &[String], outcome: Result<Json, RowError>) -> String {
        let mut out: Vec<String> = (0..self.header.len()).map(|i| cells.get(i).cloned().unwrap_or_default()).collect();
        match outcome {
            Ok(result) => {
                let counted = result.get("eligible") != Some(&Json::Bool(false));
                for (i, c) in self.results.iter().enumerate() {
                    let value = match c.pick {
                        Pick::Member(key) => self.value(result.get(key)),
                        Pick::Nested(a, b) => self.value(result.get(a).and_then(|v| v.get(b))),
                        Pick::ReasonCodes => Batch::reasons(&result, "code"),
                        Pick::ReasonArticles => Batch::reasons(&result, "article"),
                    };
                    if c.summed && counted {
                        if let Ok(d) = Decimal::from_str(&value) {
                            self.sums[i] += d;
                        }
                    }
                    out.push(value);
                }
                out.extend([String::new(), String::new(), String::new()]);
            }
            Err(e) => {
                out.extend(self.results.iter().map(|_| String::new()));
                let message = if self.lang == Lang::En { e.message_en } else { e.message_zh };
                out.extend([e.code, e.field.unwrap_or_default(), message]);
            }
        }
        let mut line = String::new();
        write_record(&mut line, &out);
        line
    }

    /// The totals line: "total" (合计) in the first column, and under each
    /// amount the sum, to the cent, of the rows that evaluated and are
    /// eligible. `None` for a calculator without amounts (property-star).
    pub fn totals_line(&self) -> Option<String> {
        if !self.results.iter().any(|c| c.summed) {
            return None;
        }
        let mut out: Vec<String> = vec![String::new(); self.header.len()];
        out[0] = match self.lang {
            Lang::Keys => "total",
            Lang::Zh => "合计",
            Lang::En => "Total",
        }
        .into();
        for (i, c) in self.results.iter().enumerate() {
            out.push(if c.summed {
                let mut sum = self.sums[i];
                sum.rescale(2);
                sum.to_string()
            } else {
                String::new()
            });
        }
        out.extend([String::new(), String::new(), String::new()]);
        let mut line = String::new();
        write_record(&mut line, &out);
        Some(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: Date = Date::ymd(2026, 5, 10);

    fn batch(id: &str, header: &str) -> Result<Batch, Problem> {
        Batch::new(id, header.as_bytes(), detect_separator(header.as_bytes()), Lang::Keys, TODAY)
    }

    fn request(b: &Batch, row: &str) -> String {
        let cells = split_record(row, b.sep);
        format!("{:?}", b.request(&cells).unwrap())
    }

    #[test]
    fn records_split_and_join() {
        assert_eq!(split_record("a,\"b,c\",\"say \"\"hi\"\"\",", b','), ["a", "b,c", "say \"hi\"", ""]);
        assert_eq!(split_record("a\tb c\t\"x\ty\"", b'\t'), ["a", "b c", "x\ty"]);
        assert_eq!(split_record("5\" pipe,x", b','), ["5\" pipe", "x"]);
        let mut out = String::new();
        write_record(&mut out, &["a", "b,c", "say \"hi\"", "two\nlines", " lead"]);
        assert_eq!(out, "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",\" lead\"\r\n");
    }

    #[test]
    fn a_quoted_line_break_continues_the_record() {
        let mut end = RecordEnd::new(b',');
        assert!(end.line(b"a,b,c"));
        assert!(!end.line(b"a,\"two"));
        assert!(end.line(b"lines\",c"));
        assert!(!end.line(b"\"a \"\"quoted\"\""));
        assert!(end.line(b"\""));
        assert!(end.line(b"5\" pipe,x"), "a quote inside a cell opens nothing");
        assert!(end.line(b"\"\""), "an empty quoted cell");
    }

    #[test]
    fn the_separator_comes_from_the_header() {
        assert_eq!(detect_separator(b"a,b,c"), b',');
        assert_eq!(detect_separator(b"a\tb,c"), b'\t');
        assert_eq!(detect_separator(b"\"a\tb\",c"), b',');
        assert_eq!(detect_separator(b"alone"), b',');
    }

    #[test]
    fn headers_name_fields_by_key_label_or_path() {
        let b = batch("property-star", "#name,scores.contract,业主满意度,四项得分.融入基层治理、红色物业及重大决策部署执行,Rectification of problems found in inspections").unwrap();
        assert_eq!(
            request(&b, "甲,46,27,18,9"),
            format!(
                "{:?}",
                Json::Object(vec![(
                    "scores".into(),
                    Json::Object(vec![
                        ("contract".into(), Json::String("46".into())),
                        ("satisfaction".into(), Json::String("27".into())),
                        ("governance".into(), Json::String("18".into())),
                        ("rectification".into(), Json::String("9".into())),
                    ])
                )])
            )
        );
        // A label with its unit in brackets, either width.
        assert!(batch("forest-maintenance", "面积（亩）,Area (mu)")
            .unwrap_err()
            .message_en
            .contains("same field, areaMu"));
        assert!(batch("forest-maintenance", "面积(公顷)").is_ok());
    }

    #[test]
    fn header_problems_name_the_column() {
        let e = batch("forest-maintenance", "zone,areaMu,acreage").unwrap_err();
        assert!(e.message_en.starts_with("column 3 “acreage” names no field"), "{e:?}");
        assert!(e.message_zh.contains("第 3 列“acreage”"));
        let e = batch("property-star", "scores").unwrap_err();
        assert!(e.message_en.contains("scores.contract, scores.satisfaction"), "{e:?}");
        assert!(batch("five-strong-ranking", "name").unwrap_err().message_en.contains("not separate requests"));
        assert!(batch("nope", "a").unwrap_err().message_en.contains("unknown calculator"));
        let not_utf8 = Batch::new("five-strong", b"level,\xff", b',', Lang::Keys, TODAY).unwrap_err();
        assert!(not_utf8.message_en.contains("CSV UTF-8"));
    }

    #[test]
    fn cells_become_values_by_kind() {
        let b = batch(
            "forest-maintenance",
            "jointApplication,applicationDate,zone,forestType,retentionRate,areaMu,plantingYear,#note,",
        )
        .unwrap();
        let r = request(&b, "是,2026/5/10,绿洲（河套灌区）和河岸水渠道路居民区,灌木林,86%,\"1,234.5\",2014,x,");
        for part in ["Bool(true)", "\"2026-05-10\"", "\"oasis\"", "\"shrub\"", "\"0.86\"", "\"1234.5\"", "\"2014\""] {
            assert!(r.contains(part), "{part} in {r}");
        }
        let r = request(&b, "否,2026年5月1日,sandy,Shrub forest,86%,\"1,234.5\",2014,x,");
        for part in ["Bool(false)", "\"2026-05-01\"", "\"sandy\"", "\"shrub\"", "\"0.86\"", "\"1234.5\"", "\"2014\""] {
            assert!(r.contains(part), "{part} in {r}");
        }
        assert!(!r.contains("note"));
        // A blank header with a value is an error of that row.
        let cells = split_record("否,,,,,,,,oops", b',');
        assert_eq!(b.request(&cells).unwrap_err().code, "invalidCsv");
        let b = batch("property-star", "disqualifiers").unwrap();
        assert!(request(&b, "groupPetition；blacklisted、safetyAccident")
            .contains("Array([String(\"groupPetition\"), String(\"blacklisted\"), String(\"safetyAccident\")])"));
    }

    #[test]
    fn rows_answer_and_amounts_add_up() {
        let mut b = batch("forest-construction", "forestType,areaMu,plantingYear,retentionRate,landRightsClear,meetsTechnicalStandards,compartmentManaged,asOf,location,jointApplication,priorPublicFunding").unwrap();
        assert_eq!(
            b.header_line(),
            "\u{feff}forestType,areaMu,plantingYear,retentionRate,landRightsClear,meetsTechnicalStandards,compartmentManaged,asOf,location,jointApplication,priorPublicFunding,eligible,ratedAs,ratePerMu,areaMu,amount,payer,reasons,articles,error,errorField,errorMessage\r\n"
        );
        let ok = b.answer(b"arbor,600,2018,0.9,yes,yes,yes,2026-05-10,xingqing,no,no").unwrap();
        assert!(ok.contains(",true,arbor,500,600,300000.00,city,,,,,"), "{ok}");
        let bad = b.answer(b"arbor,six hundred,2018,0.9,yes,yes,yes,2026-05-10,xingqing,no,no").unwrap();
        assert!(bad.contains(",invalidNumber,areaMu,面积须是一个数"), "{bad}");
        let ineligible = b.answer(b"arbor,499.99,2018,0.9,no,yes,yes,2026-05-10,xingqing,no,no").unwrap();
        assert!(ineligible.contains(",false,arbor,500,499.99,249995.00,city,landRights,第五条,"), "{ineligible}");
        assert_eq!(b.answer(b" , ,"), None, "a blank row is skipped");
        let not_utf8 = b.answer(b"arbor,\xff").unwrap();
        assert!(not_utf8.contains("invalidCsv"));
        let total = b.totals_line().unwrap();
        assert_eq!(total, "total,,,,,,,,,,,,,,,300000.00,,,,,,\r\n");
        assert!(batch("property-star", "scores.contract").unwrap().totals_line().is_none());
    }
}
