//! Reading a request (docs/rulebook.md §0, §5): every field checked by the engine
//! itself, every mistake returned as a structured error that names the field —
//! by its key path for programs (`field`), by its label for people (`label`,
//! and the messages), with the figures in `params`. List rows count from 1.
#![forbid(unsafe_code)]

use crate::date::Date;
use crate::json::Json;
use crate::schema::{self, FieldSpec};
use rust_decimal::Decimal;
use serde::Serialize;

/// The error codes of docs/rulebook.md §5 (`invalidType` added for a value of the wrong JSON type).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ErrorCode {
    InvalidJson,
    UnknownCalculator,
    UnknownField,
    MissingField,
    InvalidNumber,
    OutOfRange,
    ConflictingFields,
    InvalidDate,
    InvalidEnum,
    InvalidType,
}

/// A field's label in both languages, as the page shows it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Label {
    #[serde(skip_serializing_if = "crate::explain::codes_only")]
    pub zh: String,
    #[serde(skip_serializing_if = "crate::explain::codes_only")]
    pub en: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InputError {
    pub code: ErrorCode,
    /// The field's path in the request (`areaMu`, `scores.contract`,
    /// `candidates[1].name`); `None` when the error is about the request as a whole.
    pub field: Option<String>,
    /// The field's label (with its row, for list elements), for people.
    pub label: Option<Box<Label>>,
    /// The figures of the message (`min`, `max`, `places`, `got`, `allowed`…).
    pub params: Params,
    #[serde(skip_serializing_if = "crate::explain::codes_only")]
    pub message_zh: String,
    #[serde(skip_serializing_if = "crate::explain::codes_only")]
    pub message_en: String,
}

impl InputError {
    pub fn new(code: ErrorCode, field: Option<String>, zh: String, en: String) -> InputError {
        InputError { code, field, label: None, params: Params::default(), message_zh: zh, message_en: en }
    }

    /// Adds a figure to `params`.
    pub fn param(mut self, key: &'static str, value: impl Into<Param>) -> InputError {
        self.params.0.push((key, value.into()));
        self
    }
}

/// An error's figures, in the order they were added: `{"min": …, "max": …}`.
#[derive(Debug, Clone, Default)]
pub struct Params(pub Vec<(&'static str, Param)>);

impl Serialize for Params {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// One figure of an error: a text, a whole number, a yes/no or a list of texts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Param {
    Text(String),
    Integer(i64),
    Bool(bool),
    List(Vec<String>),
}

impl From<&str> for Param {
    fn from(v: &str) -> Param {
        Param::Text(v.to_string())
    }
}
impl From<String> for Param {
    fn from(v: String) -> Param {
        Param::Text(v)
    }
}
impl From<bool> for Param {
    fn from(v: bool) -> Param {
        Param::Bool(v)
    }
}
impl From<Vec<String>> for Param {
    fn from(v: Vec<String>) -> Param {
        Param::List(v)
    }
}
impl From<Vec<&str>> for Param {
    fn from(v: Vec<&str>) -> Param {
        Param::List(v.into_iter().map(String::from).collect())
    }
}
macro_rules! integer_param {
    ($($t:ty),*) => {$(
        impl From<$t> for Param {
            fn from(v: $t) -> Param {
                Param::Integer(i64::try_from(v).unwrap_or(i64::MAX))
            }
        }
    )*};
}
integer_param!(i32, i64, u8, u32, u64, usize);

pub type Checked<T> = Result<T, InputError>;

/// At most this many decimal places in any decimal input (docs/rulebook.md §0).
pub const MAX_DECIMAL_PLACES: u32 = 4;

/// Where an object sits, for people: nothing at the top, "第 2 行" / "Row 2" in a list.
#[derive(Debug, Clone, Default)]
struct Place {
    zh: String,
    en: String,
}

/// The fields of one JSON object of a request, with their specs (`schema`).
pub struct Fields<'a> {
    object: &'a [(String, Json)],
    prefix: String,
    specs: &'a [FieldSpec],
    /// Keys accepted besides the specs' own (indicators of the user's naming).
    extra: Vec<String>,
    place: Place,
}

impl<'a> Fields<'a> {
    /// Accepts `value` only as an object whose every key has a spec.
    pub fn new(value: &'a Json, path: &str, specs: &'a [FieldSpec]) -> Checked<Fields<'a>> {
        Fields::open(value, path, specs, &[], Place::default())
    }

    /// Element `index` (from 0) of the list at `path`: errors name its row, counted from 1.
    pub fn row(value: &'a Json, path: &str, specs: &'a [FieldSpec], index: usize) -> Checked<Fields<'a>> {
        let place = Place { zh: format!("第 {} 行", index + 1), en: format!("Row {}", index + 1) };
        Fields::open(value, path, specs, &[], place)
    }

    fn open(
        value: &'a Json,
        path: &str,
        specs: &'a [FieldSpec],
        extra: &[String],
        place: Place,
    ) -> Checked<Fields<'a>> {
        let Some(object) = value.as_object() else {
            return Err(if path.is_empty() {
                InputError::new(
                    ErrorCode::InvalidJson,
                    None,
                    "输入必须是一个 JSON 对象（{…}）。".into(),
                    "The input must be a JSON object ({…}).".into(),
                )
            } else {
                InputError::new(
                    ErrorCode::InvalidType,
                    Some(path.to_string()),
                    format!("{}“{}”须是一个对象（{{…}}）。", place.zh, last_key(path)),
                    format!("{}“{}” must be an object ({{…}}).", with_comma(&place.en), last_key(path)),
                )
            });
        };
        let prefix = if path.is_empty() { String::new() } else { format!("{path}.") };
        let f = Fields { object, prefix, specs, extra: extra.to_vec(), place };
        if let Some(unknown) = object.iter().map(|(k, _)| k).find(|k| !f.accepts(k)) {
            let field = f.path(unknown);
            let mut keys: Vec<&str> = specs.iter().map(|s| s.key).collect();
            keys.extend(f.extra.iter().map(String::as_str));
            return Err(InputError::new(
                ErrorCode::UnknownField,
                Some(field.clone()),
                format!("{}未知字段 {unknown}（可能是拼写有误）。可用字段：{}。", f.place.zh, keys.join("、")),
                format!(
                    "{}Unknown field {unknown} (a misspelling?). Accepted fields: {}.",
                    with_comma(&f.place.en),
                    keys.join(", ")
                ),
            )
            .param("got", unknown.as_str())
            .param("allowed", keys));
        }
        Ok(f)
    }

    fn accepts(&self, key: &str) -> bool {
        schema::find(self.specs, key).is_some() || self.extra.iter().any(|k| k == key)
    }

    /// The full path of a field, for programs.
    pub fn path(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    pub fn has(&self, name: &str) -> bool {
        self.raw(name).is_some()
    }

    pub fn raw(&self, name: &str) -> Option<&'a Json> {
        self.object.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// The spec of a field, if it has one; `scores.contract` looks inside `scores`.
    pub fn spec(&self, name: &str) -> Option<&'a FieldSpec> {
        let mut parts = name.split('.');
        let mut spec = schema::find(self.specs, parts.next()?)?;
        for part in parts {
            spec = schema::find(spec.fields, part)?;
        }
        Some(spec)
    }

    /// The field's label for people, with its row: ("第 2 行“项目资金投入”", "Row 2, Project funding").
    pub fn label(&self, name: &str) -> Label {
        let (zh, en) = self.spec(name).map_or((name, name), |s| (s.label.message_zh, s.label.message_en));
        if self.place.zh.is_empty() {
            Label { zh: zh.to_string(), en: en.to_string() }
        } else {
            Label { zh: format!("{}“{zh}”", self.place.zh), en: format!("{}, {en}", self.place.en) }
        }
    }

    /// An error about field `name`: the messages are `zh(label)` and `en(label)`.
    pub fn error(
        &self,
        code: ErrorCode,
        name: &str,
        zh: &dyn Fn(&str) -> String,
        en: &dyn Fn(&str) -> String,
    ) -> InputError {
        let label = self.label(name);
        let mut e = InputError::new(code, Some(self.path(name)), zh(&label.zh), en(&capitalise(&label.en)));
        e.label = Some(Box::new(label));
        e
    }

    pub fn missing(&self, name: &str) -> InputError {
        let when = self.spec(name).and_then(|s| match s.required {
            schema::Required::When(t) => Some(t),
            _ => None,
        });
        match when {
            Some(t) => {
                self.error(ErrorCode::MissingField, name, &|l| format!("请填写{l}（{}）。", t.message_zh), &|l| {
                    format!("{l} is required ({}).", t.message_en)
                })
            }
            None => self.error(ErrorCode::MissingField, name, &|l| format!("请填写{l}。"), &|l| {
                format!("{l} is required.")
            }),
        }
    }

    /// `outOfRange` with the rule in words (the value as given goes into `params.got`).
    pub fn out_of_range(&self, name: &str, zh_rule: &str, en_rule: &str) -> InputError {
        let e = self.error(ErrorCode::OutOfRange, name, &|l| format!("{l}超出范围：{zh_rule}。"), &|l| {
            format!("{l} is out of range: {en_rule}.")
        });
        match self.raw(name) {
            Some(Json::Number(n)) | Some(Json::String(n)) if n.len() <= 64 => e.param("got", n.as_str()),
            _ => e,
        }
    }

    /// `conflictingFields`: `a` and `b` (below this object) may not both be given; names `b`.
    pub fn conflicting(&self, a: &str, b: &str) -> InputError {
        let la = self.label(a);
        self.error(
            ErrorCode::ConflictingFields,
            b,
            &|lb| format!("{}与{lb}只能填写其中一个。", la.zh),
            &|lb| format!("Give either {} or {}, not both.", la.en, lower_first(lb)),
        )
        .param("with", self.path(a))
    }

    /// Fails with `conflictingFields` when both are given, `missingField` when neither.
    pub fn exactly_one(&self, a: &str, b: &str) -> Checked<bool> {
        match (self.has(a), self.has(b)) {
            (true, true) => Err(self.conflicting(a, b)),
            (false, false) => {
                let lb = self.label(b);
                Err(self
                    .error(
                        ErrorCode::MissingField,
                        a,
                        &|la| format!("请填写{la}或{}（二者之一）。", lb.zh),
                        &|la| format!("Give {la} or {} (one of them).", lb.en),
                    )
                    .param("or", self.path(b)))
            }
            (has_a, _) => Ok(has_a),
        }
    }

    /// A decimal with at most [`MAX_DECIMAL_PLACES`] places.
    pub fn decimal(&self, name: &str) -> Checked<Option<Decimal>> {
        self.decimal_places(name, MAX_DECIMAL_PLACES)
    }

    /// A decimal with at most `places` decimal places.
    pub fn decimal_places(&self, name: &str, places: u32) -> Checked<Option<Decimal>> {
        let Some(value) = self.raw(name) else { return Ok(None) };
        let text = match value {
            Json::String(s) => s.as_str(),
            Json::Number(n) => n.as_str(),
            _ => return Err(self.not_a_number(name)),
        };
        match parse_decimal(text, places) {
            Ok(d) => Ok(Some(d)),
            Err(DecimalProblem::Format) => Err(self.not_a_number(name)),
            Err(DecimalProblem::TooManyPlaces) => Err(self
                .error(ErrorCode::InvalidNumber, name, &|l| format!("{l}最多保留 {places} 位小数。"), &|l| {
                    format!("{l}: at most {places} decimal places.")
                })
                .param("places", places)),
        }
    }

    fn not_a_number(&self, name: &str) -> InputError {
        self.error(
            ErrorCode::InvalidNumber,
            name,
            &|l| format!("{l}须是一个数（如 120.5），不带单位和空格。"),
            &|l| format!("{l} must be a number (such as 120.5), without units or spaces."),
        )
    }

    /// A decimal within `[min, max]`.
    pub fn decimal_in(&self, name: &str, min: Decimal, max: Decimal) -> Checked<Option<Decimal>> {
        let d = self.decimal(name)?;
        self.in_range(name, d, min, max)
    }

    /// A decimal within `[0, max]` with at most `places` decimal places (scores).
    pub fn decimal_up_to(&self, name: &str, max: Decimal, places: u32) -> Checked<Option<Decimal>> {
        let d = self.decimal_places(name, places)?;
        self.in_range(name, d, Decimal::ZERO, max)
    }

    fn in_range(&self, name: &str, d: Option<Decimal>, min: Decimal, max: Decimal) -> Checked<Option<Decimal>> {
        let Some(d) = d else { return Ok(None) };
        if d < min || d > max {
            let percent = self.spec(name).is_some_and(|s| s.percent);
            let show = |v: Decimal| {
                if percent {
                    // A refused value may be huge: never let showing it overflow.
                    match v.checked_mul(Decimal::ONE_HUNDRED) {
                        Some(p) => format!("{}%", p.normalize()),
                        None => v.normalize().to_string(),
                    }
                } else {
                    v.normalize().to_string()
                }
            };
            return Err(self
                .out_of_range(
                    name,
                    &format!("应在 {} 至 {} 之间，实际为 {}", show(min), show(max), show(d)),
                    &format!("it must be from {} to {}, got {}", show(min), show(max), show(d)),
                )
                .param("min", min.normalize().to_string())
                .param("max", max.normalize().to_string()));
        }
        Ok(Some(d))
    }

    /// A fraction in [0, 1] (rates and proportions; the UI shows percentages).
    pub fn fraction(&self, name: &str) -> Checked<Option<Decimal>> {
        self.decimal_in(name, Decimal::ZERO, Decimal::ONE)
    }

    /// A whole number within `[min, max]`, as a JSON number or a string.
    pub fn integer(&self, name: &str, min: i64, max: i64) -> Checked<Option<i64>> {
        self.integer_explained(name, min, max, &|got| {
            (format!("应在 {min} 至 {max} 之间，实际为 {got}"), format!("it must be from {min} to {max}, got {got}"))
        })
    }

    /// Like [`Fields::integer`], with the out-of-range rule in words of the
    /// caller's choosing (given the value as written).
    pub fn integer_explained(
        &self,
        name: &str,
        min: i64,
        max: i64,
        rule: &dyn Fn(&str) -> (String, String),
    ) -> Checked<Option<i64>> {
        let Some(d) = self.decimal(name)? else { return Ok(None) };
        if !d.fract().is_zero() {
            return Err(self.error(ErrorCode::InvalidNumber, name, &|l| format!("{l}须是整数。"), &|l| {
                format!("{l} must be a whole number.")
            }));
        }
        let n = i64::try_from(d).ok().filter(|n| (min..=max).contains(n));
        match n {
            Some(n) => Ok(Some(n)),
            None => {
                let (zh, en) = rule(&d.normalize().to_string());
                Err(self.out_of_range(name, &zh, &en).param("min", min).param("max", max))
            }
        }
    }

    /// `conflictingFields` naming `name`: it is only accepted when `other` is `value`.
    pub fn only_with(&self, name: &str, other: &str, value: &str) -> InputError {
        let lo = self.label(other);
        let (vzh, ven) = self
            .spec(other)
            .and_then(|s| s.options.iter().find(|c| c.value == value))
            .map_or((value, value), |c| (c.label.message_zh, c.label.message_en));
        self.error(
            ErrorCode::ConflictingFields,
            name,
            &|l| format!("{l}只在{}为“{vzh}”时填写；请删除该项或改选“{vzh}”。", lo.zh),
            &|l| format!("{l} is given only when {} is “{ven}”; remove it or choose “{ven}”.", lower_first(&lo.en)),
        )
        .param("with", self.path(other))
        .param("value", value)
    }

    pub fn boolean(&self, name: &str) -> Checked<Option<bool>> {
        match self.raw(name) {
            None => Ok(None),
            Some(Json::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(self.error(
                ErrorCode::InvalidType,
                name,
                &|l| format!("{l}须为是或否（true 或 false）。"),
                &|l| format!("{l} must be yes or no (true or false)."),
            )),
        }
    }

    pub fn date(&self, name: &str) -> Checked<Option<Date>> {
        match self.raw(name) {
            None => Ok(None),
            Some(v) => match v.as_str().and_then(Date::parse) {
                Some(d) => Ok(Some(d)),
                None => Err(self.error(
                    ErrorCode::InvalidDate,
                    name,
                    &|l| format!("{l}须是有效日期，格式 YYYY-MM-DD（如 2026-05-10）。"),
                    &|l| format!("{l} must be a real date written YYYY-MM-DD (such as 2026-05-10)."),
                )),
            },
        }
    }

    /// One of a fixed set of codes.
    pub fn choice<T: Copy>(&self, name: &str, options: &[(&str, T)]) -> Checked<Option<T>> {
        let Some(value) = self.raw(name) else { return Ok(None) };
        self.one_of(value, name, None, options).map(Some)
    }

    /// `value` must be one of `options`; an error names `name` (element `index` of it, if given).
    fn one_of<T: Copy>(&self, value: &Json, name: &str, index: Option<usize>, options: &[(&str, T)]) -> Checked<T> {
        let found = value.as_str().and_then(|s| options.iter().find(|(code, _)| *code == s));
        found.map(|(_, t)| *t).ok_or_else(|| {
            let codes: Vec<&str> = options.iter().map(|(code, _)| *code).collect();
            let labels = |zh: bool| -> Vec<String> {
                codes
                    .iter()
                    .map(|code| {
                        let c = self.spec(name).and_then(|s| s.options.iter().find(|c| c.value == *code));
                        match c {
                            Some(c) if zh => format!("{}（{code}）", c.label.message_zh),
                            Some(c) => format!("{} ({code})", c.label.message_en),
                            None => (*code).to_string(),
                        }
                    })
                    .collect()
            };
            let (zh_list, en_list) = (labels(true).join("、"), labels(false).join(", "));
            let mut e = self.error(
                ErrorCode::InvalidEnum,
                name,
                &|l| format!("{l}的取值须为以下之一：{zh_list}。"),
                &|l| format!("{l} must be one of: {en_list}."),
            );
            if let Some(i) = index {
                e.field = Some(format!("{}[{i}]", self.path(name)));
            }
            e.param("allowed", codes)
        })
    }

    /// A nested object described by the spec of `name`.
    pub fn object(&self, name: &str) -> Checked<Option<Fields<'a>>> {
        let specs = self.spec(name).map_or(&[][..], |s| s.fields);
        self.object_with(name, specs, &[])
    }

    /// A nested object that also accepts `extra` keys (indicators of the user's own naming).
    pub fn object_with(&self, name: &str, specs: &'a [FieldSpec], extra: &[String]) -> Checked<Option<Fields<'a>>> {
        match self.raw(name) {
            None => Ok(None),
            Some(value) => Fields::open(value, &self.path(name), specs, extra, self.place.clone()).map(Some),
        }
    }

    /// An array (`invalidType` when the value is something else).
    pub fn array(&self, name: &str) -> Checked<Option<&'a [Json]>> {
        match self.raw(name) {
            None => Ok(None),
            Some(value) => value.as_array().map(Some).ok_or_else(|| {
                self.error(ErrorCode::InvalidType, name, &|l| format!("{l}须是一个列表（[…]）。"), &|l| {
                    format!("{l} must be a list ([…]).")
                })
            }),
        }
    }

    /// An array of codes from a fixed set; an element's error names it as `name[i]`.
    pub fn codes<T: Copy>(&self, name: &str, options: &[(&str, T)]) -> Checked<Option<Vec<T>>> {
        let Some(items) = self.array(name)? else { return Ok(None) };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| self.one_of(item, name, Some(i), options))
            .collect::<Checked<_>>()
            .map(Some)
    }

    /// Turns an absent optional value into `missingField`.
    pub fn required<T>(&self, name: &str, value: Option<T>) -> Checked<T> {
        value.ok_or_else(|| self.missing(name))
    }
}

fn last_key(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}

fn with_comma(place_en: &str) -> String {
    if place_en.is_empty() {
        String::new()
    } else {
        format!("{place_en}: ")
    }
}

/// "area" → "Area": English messages start with a capital. ASCII only: the
/// labels are English, and Unicode case tables would weigh on the WebAssembly.
pub fn capitalise(s: &str) -> String {
    let mut out = s.to_string();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

/// "Area in hectares" → "area in hectares", inside a sentence (a row stays "Row 2").
pub fn lower_first(s: &str) -> String {
    let mut out = s.to_string();
    let acronym = s.as_bytes().get(1).is_some_and(u8::is_ascii_uppercase);
    if !s.starts_with("Row ") && !acronym {
        if let Some(first) = out.get_mut(..1) {
            first.make_ascii_lowercase();
        }
    }
    out
}

#[derive(Debug, PartialEq)]
enum DecimalProblem {
    Format,
    TooManyPlaces,
}

/// The most significant digits a decimal input may have (a `Decimal` holds 28).
const MAX_DIGITS: usize = 28;
/// The longest exponent accepted (`1e-999` is refused for its places, `1e999` for its size).
const MAX_EXPONENT_DIGITS: usize = 3;

/// Parses a decimal written as JSON writes numbers — `120.5`, `-3`, `0.86`,
/// `1.2e3` — whether it came as a JSON number or as a string (docs/rulebook.md §0:
/// one rule for both): no leading zeros (`007`), a digit on each side of the
/// point (`.5`, `5.` are refused), no `+`, no spaces. The places are counted as
/// written, trailing zeros included (`1.00000` has five), less the exponent.
///
/// The digits are checked and normalised here, without recursion and in one
/// pass, before a `Decimal` is made from at most [`MAX_DIGITS`] of them: no input
/// length can exhaust the stack.
fn parse_decimal(text: &str, places: u32) -> Result<Decimal, DecimalProblem> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let negative = unsigned.len() != text.len();
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
        None => (unsigned, None),
    };
    let (int_part, frac_part) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let digits_only = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    let int_ok = digits_only(int_part) && (int_part == "0" || !int_part.starts_with('0'));
    let frac_ok = frac_part.map_or(true, digits_only);
    if !int_ok || !frac_ok {
        return Err(DecimalProblem::Format);
    }
    let exp: i64 = match exponent {
        None => 0,
        Some(e) => {
            let (sign, digits) = match e.as_bytes().first() {
                Some(b'-') => (-1, &e[1..]),
                Some(b'+') => (1, &e[1..]),
                _ => (1, e),
            };
            if !digits_only(digits) || digits.len() > MAX_EXPONENT_DIGITS {
                return Err(DecimalProblem::Format);
            }
            sign * digits.parse::<i64>().map_err(|_| DecimalProblem::Format)?
        }
    };
    let frac = frac_part.unwrap_or("");
    let scale = frac.len() as i64 - exp;
    if scale > i64::from(places) {
        return Err(DecimalProblem::TooManyPlaces);
    }
    // The significant digits, then zeros for a positive power of ten.
    let int_digits = int_part.trim_start_matches('0');
    let (first, second) = if int_digits.is_empty() { (frac.trim_start_matches('0'), "") } else { (int_digits, frac) };
    let count = first.len() + second.len();
    if count == 0 {
        return Ok(Decimal::ZERO);
    }
    let zeros = usize::try_from((-scale).max(0)).map_err(|_| DecimalProblem::Format)?;
    if count + zeros > MAX_DIGITS {
        return Err(DecimalProblem::Format);
    }
    // At most MAX_DIGITS digits: well within an i128.
    let mut n: i128 = 0;
    for b in first.bytes().chain(second.bytes()) {
        n = n * 10 + i128::from(b - b'0');
    }
    for _ in 0..zeros {
        n *= 10;
    }
    let n = if negative { -n } else { n };
    let value = Decimal::try_from_i128_with_scale(n, scale.max(0) as u32).map_err(|_| DecimalProblem::Format)?;
    Ok(value.normalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn decimals_parse_exactly() {
        assert_eq!(parse_decimal("120.5", 4), Ok(dec!(120.5)));
        assert_eq!(parse_decimal("-3", 4), Ok(dec!(-3)));
        assert_eq!(parse_decimal("0.5", 4), Ok(dec!(0.5)));
        assert_eq!(parse_decimal("0", 4), Ok(dec!(0)));
        assert_eq!(parse_decimal("-0", 4), Ok(dec!(0)));
        assert_eq!(parse_decimal("0.0000", 4), Ok(dec!(0)));
        assert_eq!(parse_decimal("1.50e-1", 4), Ok(dec!(0.15)));
        assert_eq!(parse_decimal("1E+2", 4), Ok(dec!(100)));
        assert_eq!(parse_decimal("1.2e3", 4), Ok(dec!(1200)));
        assert_eq!(parse_decimal("1.5E-2", 4), Ok(dec!(0.015)));
        assert_eq!(parse_decimal("120.5000", 4), Ok(dec!(120.5)));
        assert_eq!(parse_decimal("9999999999999999999999999999", 4), Ok(dec!(9999999999999999999999999999)));
        assert_eq!(parse_decimal("0.1234", 4), Ok(dec!(0.1234)));
    }

    #[test]
    fn bad_decimals_are_refused() {
        for bad in [
            "",
            "-",
            ".",
            "NaN",
            "Infinity",
            "-Infinity",
            "1,5",
            "1.2.3",
            " 1",
            "1 ",
            "0x10",
            "1e",
            "1e999",
            "1e1000",
            "e5",
            "+1",
            "１２",
            // One rule for strings and numbers: what JSON refuses as a number is refused as a string.
            "007",
            "00",
            ".5",
            "5.",
            "-.5",
            "1.e3",
            "99999999999999999999999999999",
        ] {
            assert_eq!(parse_decimal(bad, 4), Err(DecimalProblem::Format), "{bad:?}");
        }
        assert_eq!(parse_decimal("0.12345", 4), Err(DecimalProblem::TooManyPlaces));
        assert_eq!(parse_decimal("0.12345678901234567890123456789", 4), Err(DecimalProblem::TooManyPlaces));
        assert_eq!(parse_decimal("1e-5", 4), Err(DecimalProblem::TooManyPlaces));
        assert_eq!(parse_decimal("1e-99", 4), Err(DecimalProblem::TooManyPlaces));
        // Places as written: trailing zeros count.
        assert_eq!(parse_decimal("1.00000", 4), Err(DecimalProblem::TooManyPlaces));
        assert_eq!(parse_decimal("0.50e-3", 4), Err(DecimalProblem::TooManyPlaces));
    }

    #[test]
    fn long_inputs_never_recurse() {
        // Leading zeros are not allowed; a long fraction of zeros is too many places;
        // a long run of digits is too large — each answered at once.
        let zeros = format!("{}46", "0".repeat(100_000));
        assert_eq!(parse_decimal(&zeros, 4), Err(DecimalProblem::Format));
        let frac = format!("0.{}1", "0".repeat(100_000));
        assert_eq!(parse_decimal(&frac, 4), Err(DecimalProblem::TooManyPlaces));
        let big = "9".repeat(100_000);
        assert_eq!(parse_decimal(&big, 4), Err(DecimalProblem::Format));
        assert_eq!(parse_decimal("99999999999999999999999999999999999", 4), Err(DecimalProblem::Format));
    }
}
