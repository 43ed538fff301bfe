//! How every result explains itself (SPEC §0): the documents and articles
//! used, every unmet condition, warnings and interpretations, in Chinese and
//! English.

use crate::date::{Date, Period};
use serde::Serialize;

/// A regulation the calculators implement.
#[derive(Debug)]
pub struct Document {
    /// Full title with its document number, as cited.
    pub title_zh: &'static str,
    pub title_en: &'static str,
    /// e.g. 银政规发〔2022〕1号
    pub number: &'static str,
    pub in_force: Period,
}

impl Document {
    /// The citation string: title and document number.
    pub fn cited(&self) -> String {
        format!("{}（{}）", self.title_zh, self.number)
    }

    /// The period of validity in words: ("2022-06-23 至 2027-06-22", "2022-06-23 to 2027-06-22").
    pub fn in_force_text(&self) -> (String, String) {
        let from = self.in_force.from;
        match self.in_force.to {
            Some(to) => (format!("{from} 至 {to}"), format!("{from} to {to}")),
            None => (format!("{from} 起，无终止日期"), format!("{from} onward")),
        }
    }

    /// `ruleNotInForce` when `as_of` lies outside the period of validity.
    pub fn validity_warning(&self, as_of: Date) -> Option<Note> {
        if self.in_force.contains(as_of) {
            return None;
        }
        let (zh, en) = self.in_force_text();
        Some(Note::new(
            "ruleNotInForce",
            format!(
                "估算日期 {as_of} 不在《{}》的有效期内（{zh}）。以下结果按该办法最后公布的规则计算，仅供参考。",
                self.title_zh
            ),
            format!(
                "The estimate date {as_of} is outside the period of validity of {} ({en}). The result applies the last published rules and is for reference only.",
                self.title_en
            ),
        ))
    }
}

/// One article of one document used for a figure or a condition.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Citation {
    pub document: String,
    pub article: &'static str,
}

/// A text in both languages.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Text {
    pub message_zh: &'static str,
    pub message_en: &'static str,
}

pub const fn text(message_zh: &'static str, message_en: &'static str) -> Text {
    Text { message_zh, message_en }
}

/// An unmet condition, or a consequence, with the article it comes from.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reason {
    pub code: &'static str,
    pub article: &'static str,
    pub message_zh: String,
    pub message_en: String,
}

impl Reason {
    pub fn fixed(code: &'static str, article: &'static str, t: Text) -> Reason {
        Reason { code, article, message_zh: t.message_zh.to_string(), message_en: t.message_en.to_string() }
    }
}

/// A warning or an interpretation.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Note {
    pub code: &'static str,
    pub message_zh: String,
    pub message_en: String,
}

impl Note {
    pub fn new(code: &'static str, message_zh: String, message_en: String) -> Note {
        Note { code, message_zh, message_en }
    }
    pub fn fixed(code: &'static str, t: Text) -> Note {
        Note::new(code, t.message_zh.to_string(), t.message_en.to_string())
    }
}

/// The explanation that travels with every result.
#[derive(Debug, Default, Serialize)]
pub struct Explanation {
    pub citations: Vec<Citation>,
    pub reasons: Vec<Reason>,
    pub warnings: Vec<Note>,
    pub interpretations: Vec<Note>,
}

impl Explanation {
    /// Records that `article` of `doc` was used (once).
    pub fn cite(&mut self, doc: &Document, article: &'static str) {
        let c = Citation { document: doc.cited(), article };
        if !self.citations.contains(&c) {
            self.citations.push(c);
        }
    }

    /// Records an unmet condition; its article is cited as well.
    pub fn unmet(&mut self, doc: &Document, code: &'static str, article: &'static str, zh: String, en: String) {
        self.cite(doc, article);
        self.reasons.push(Reason { code, article, message_zh: zh, message_en: en });
    }

    pub fn warn(&mut self, note: Note) {
        self.warnings.push(note);
    }

    pub fn interpret(&mut self, note: Note) {
        if !self.interpretations.iter().any(|n| n.code == note.code) {
            self.interpretations.push(note);
        }
    }
}

/// Formats a fraction as a percentage for messages: 0.855 → "85.5%".
pub fn percent(fraction: rust_decimal::Decimal) -> String {
    format!("{}%", (fraction * rust_decimal::Decimal::ONE_HUNDRED).normalize())
}
