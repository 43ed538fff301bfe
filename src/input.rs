//! Reading a request (docs/rulebook.md §0, §5): every field checked by the engine itself,
//! every mistake returned as a structured error that names the field.
#![forbid(unsafe_code)]

use crate::date::Date;
use crate::json::Json;
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

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InputError {
    pub code: ErrorCode,
    /// The field's path in the request (`areaMu`, `scores.contract`); `None`
    /// when the error is about the request as a whole.
    pub field: Option<String>,
    pub message_zh: String,
    pub message_en: String,
}

impl InputError {
    pub fn new(code: ErrorCode, field: Option<String>, zh: String, en: String) -> InputError {
        InputError { code, field, message_zh: zh, message_en: en }
    }
}

pub type Checked<T> = Result<T, InputError>;

/// At most this many decimal places in any decimal input (docs/rulebook.md §0).
pub const MAX_DECIMAL_PLACES: u32 = 4;

/// The fields of one JSON object of a request.
pub struct Fields<'a> {
    object: &'a [(String, Json)],
    prefix: String,
}

impl<'a> Fields<'a> {
    /// Accepts `value` only as an object whose every key is in one of the `allowed` lists.
    pub fn new(value: &'a Json, path: &str, allowed: &[&[&str]]) -> Checked<Fields<'a>> {
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
                    format!("字段 {path} 必须是一个对象（{{…}}）。"),
                    format!("Field {path} must be an object ({{…}})."),
                )
            });
        };
        let prefix = if path.is_empty() { String::new() } else { format!("{path}.") };
        let allowed = allowed.concat();
        if let Some(unknown) = object.iter().map(|(k, _)| k).find(|k| !allowed.contains(&k.as_str())) {
            let field = format!("{prefix}{unknown}");
            return Err(InputError::new(
                ErrorCode::UnknownField,
                Some(field.clone()),
                format!("未知字段 {field}。可用字段：{}。", allowed.join("、")),
                format!("Unknown field {field}. Accepted fields: {}.", allowed.join(", ")),
            ));
        }
        Ok(Fields { object, prefix })
    }

    /// The full path of a field, for error messages.
    pub fn path(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    pub fn has(&self, name: &str) -> bool {
        self.raw(name).is_some()
    }

    pub fn raw(&self, name: &str) -> Option<&'a Json> {
        self.object.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    fn error(&self, code: ErrorCode, name: &str, zh: String, en: String) -> InputError {
        InputError::new(code, Some(self.path(name)), zh, en)
    }

    pub fn missing(&self, name: &str) -> InputError {
        let f = self.path(name);
        self.error(ErrorCode::MissingField, name, format!("缺少必填字段 {f}。"), format!("Missing required field {f}."))
    }

    pub fn out_of_range(&self, name: &str, zh_rule: &str, en_rule: &str) -> InputError {
        let f = self.path(name);
        self.error(
            ErrorCode::OutOfRange,
            name,
            format!("字段 {f} 超出范围：{zh_rule}。"),
            format!("Field {f} is out of range: {en_rule}."),
        )
    }

    /// `conflictingFields`: `a` and `b` (paths below this object) may not both be given; names `b`.
    pub fn conflicting(&self, a: &str, b: &str) -> InputError {
        let (fa, fb) = (self.path(a), self.path(b));
        self.error(
            ErrorCode::ConflictingFields,
            b,
            format!("{fa} 与 {fb} 只能填写其中一个。"),
            format!("Give either {fa} or {fb}, not both."),
        )
    }

    /// Fails with `conflictingFields` when both are given, `missingField` when neither.
    pub fn exactly_one(&self, a: &str, b: &str) -> Checked<bool> {
        match (self.has(a), self.has(b)) {
            (true, true) => Err(self.conflicting(a, b)),
            (false, false) => {
                let (fa, fb) = (self.path(a), self.path(b));
                Err(self.error(
                    ErrorCode::MissingField,
                    a,
                    format!("请填写 {fa} 或 {fb}（二者之一）。"),
                    format!("Give one of {fa} or {fb}."),
                ))
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
            Err(DecimalProblem::TooManyPlaces) => {
                let f = self.path(name);
                Err(self.error(
                    ErrorCode::InvalidNumber,
                    name,
                    format!("字段 {f} 最多保留 {places} 位小数。"),
                    format!("Field {f} takes at most {places} decimal places."),
                ))
            }
        }
    }

    fn not_a_number(&self, name: &str) -> InputError {
        let f = self.path(name);
        self.error(
            ErrorCode::InvalidNumber,
            name,
            format!("字段 {f} 必须是一个十进制数（如 120.5 或 \"120.5\"）。"),
            format!("Field {f} must be a decimal number (such as 120.5 or \"120.5\")."),
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
            return Err(self.out_of_range(
                name,
                &format!("应在 [{min}, {max}] 之内，实际为 {d}"),
                &format!("must be within [{min}, {max}], got {d}"),
            ));
        }
        Ok(Some(d))
    }

    /// A fraction in [0, 1] (rates and proportions; the UI shows percentages).
    pub fn fraction(&self, name: &str) -> Checked<Option<Decimal>> {
        self.decimal_in(name, Decimal::ZERO, Decimal::ONE)
    }

    /// A whole number within `[min, max]`, as a JSON number or a string.
    pub fn integer(&self, name: &str, min: i64, max: i64) -> Checked<Option<i64>> {
        self.integer_explained(name, min, max, |got| {
            (format!("应在 {min} 至 {max} 之间，实际为 {got}"), format!("must be between {min} and {max}, got {got}"))
        })
    }

    /// Like [`Fields::integer`], with the out-of-range rule in words of the
    /// caller's choosing (given the value as written).
    pub fn integer_explained(
        &self,
        name: &str,
        min: i64,
        max: i64,
        rule: impl Fn(&str) -> (String, String),
    ) -> Checked<Option<i64>> {
        let Some(d) = self.decimal(name)? else { return Ok(None) };
        let f = self.path(name);
        if !d.fract().is_zero() {
            return Err(self.error(
                ErrorCode::InvalidNumber,
                name,
                format!("字段 {f} 必须是整数。"),
                format!("Field {f} must be a whole number."),
            ));
        }
        let n = i64::try_from(d).ok().filter(|n| (min..=max).contains(n));
        match n {
            Some(n) => Ok(Some(n)),
            None => {
                let (zh, en) = rule(&d.normalize().to_string());
                Err(self.out_of_range(name, &zh, &en))
            }
        }
    }

    /// `conflictingFields` naming `name`: it is only accepted when `other` is `value`.
    pub fn only_with(&self, name: &str, other: &str, value: &str) -> InputError {
        let (f, o) = (self.path(name), self.path(other));
        self.error(
            ErrorCode::ConflictingFields,
            name,
            format!("字段 {f} 仅在 {o} 为 {value} 时填写；请删除该字段或改选 {value}。"),
            format!("Field {f} is given only when {o} is {value}; remove it or choose {value}."),
        )
    }

    pub fn boolean(&self, name: &str) -> Checked<Option<bool>> {
        match self.raw(name) {
            None => Ok(None),
            Some(Json::Bool(b)) => Ok(Some(*b)),
            Some(_) => {
                let f = self.path(name);
                Err(self.error(
                    ErrorCode::InvalidType,
                    name,
                    format!("字段 {f} 必须是 true 或 false。"),
                    format!("Field {f} must be true or false."),
                ))
            }
        }
    }

    pub fn date(&self, name: &str) -> Checked<Option<Date>> {
        match self.raw(name) {
            None => Ok(None),
            Some(v) => match v.as_str().and_then(Date::parse) {
                Some(d) => Ok(Some(d)),
                None => {
                    let f = self.path(name);
                    Err(self.error(
                        ErrorCode::InvalidDate,
                        name,
                        format!("字段 {f} 必须是有效日期，格式 YYYY-MM-DD（如 2026-05-10）。"),
                        format!("Field {f} must be a real date written YYYY-MM-DD (such as 2026-05-10)."),
                    ))
                }
            },
        }
    }

    /// One of a fixed set of codes.
    pub fn choice<T: Copy>(&self, name: &str, options: &[(&str, T)]) -> Checked<Option<T>> {
        let Some(value) = self.raw(name) else { return Ok(None) };
        one_of(value, &self.path(name), options).map(Some)
    }

    /// A nested object whose keys must all be in `allowed`.
    pub fn object(&self, name: &str, allowed: &[&[&str]]) -> Checked<Option<Fields<'a>>> {
        match self.raw(name) {
            None => Ok(None),
            Some(value) => Fields::new(value, &self.path(name), allowed).map(Some),
        }
    }

    /// An array (`invalidType` when the value is something else).
    pub fn array(&self, name: &str) -> Checked<Option<&'a [Json]>> {
        match self.raw(name) {
            None => Ok(None),
            Some(value) => value.as_array().map(Some).ok_or_else(|| {
                let f = self.path(name);
                self.error(
                    ErrorCode::InvalidType,
                    name,
                    format!("字段 {f} 必须是一个数组（[…]）。"),
                    format!("Field {f} must be an array ([…])."),
                )
            }),
        }
    }

    /// An array of codes from a fixed set; an element's error names it as `name[i]`.
    pub fn codes<T: Copy>(&self, name: &str, options: &[(&str, T)]) -> Checked<Option<Vec<T>>> {
        let Some(items) = self.array(name)? else { return Ok(None) };
        let f = self.path(name);
        items
            .iter()
            .enumerate()
            .map(|(i, item)| one_of(item, &format!("{f}[{i}]"), options))
            .collect::<Checked<_>>()
            .map(Some)
    }

    /// Turns an absent optional value into `missingField`.
    pub fn required<T>(&self, name: &str, value: Option<T>) -> Checked<T> {
        value.ok_or_else(|| self.missing(name))
    }
}

/// The value of the code `value` names among `options`, or `invalidEnum` for the field at `path`.
fn one_of<T: Copy>(value: &Json, path: &str, options: &[(&str, T)]) -> Checked<T> {
    let found = value.as_str().and_then(|s| options.iter().find(|(code, _)| *code == s));
    found.map(|(_, t)| *t).ok_or_else(|| {
        let list: Vec<&str> = options.iter().map(|(code, _)| *code).collect();
        InputError::new(
            ErrorCode::InvalidEnum,
            Some(path.to_string()),
            format!("字段 {path} 的取值必须是以下之一：{}。", list.join("、")),
            format!("Field {path} must be one of: {}.", list.join(", ")),
        )
    })
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
    let mut digits: String = int_part.trim_start_matches('0').to_string();
    if digits.is_empty() {
        digits = frac.trim_start_matches('0').to_string();
    } else {
        digits.push_str(frac);
    }
    if digits.is_empty() {
        return Ok(Decimal::ZERO);
    }
    let zeros = usize::try_from((-scale).max(0)).map_err(|_| DecimalProblem::Format)?;
    if digits.len() + zeros > MAX_DIGITS {
        return Err(DecimalProblem::Format);
    }
    digits.push_str(&"0".repeat(zeros));
    let n: i128 = digits.parse().map_err(|_| DecimalProblem::Format)?;
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
