//! Dated parameters (docs/rulebook.md, “Parameters”): every rate, threshold and
//! amount the rules use, with the document and article it comes from, the
//! verbatim words, and its values by date — one entry per period of validity,
//! looked up at the request's date (`asOf`, or a schedule row's funded year).
//!
//! A renewed measure with new figures is a data change: add a [`Dated`] entry
//! to each parameter that changed (and extend the document's period). Before
//! the first period the first values apply ("the rules as they took effect"),
//! after the last the last ("the last rules in force"); the validity warnings
//! say so.
#![forbid(unsafe_code)]

use crate::date::{Date, Period};
use crate::explain::Document;
use std::fmt::Debug;

/// A value and the period it applies to.
#[derive(Debug, Clone, Copy)]
pub struct Dated<T: 'static> {
    pub from: Date,
    /// The last day it applies to; `None` while no end is set.
    pub to: Option<Date>,
    pub value: T,
}

impl<T> Dated<T> {
    /// The value for a whole period of validity.
    pub const fn over(period: Period, value: T) -> Dated<T> {
        Dated { from: period.from, to: period.to, value }
    }
}

/// One figure of a measure.
#[derive(Debug)]
pub struct Parameter<T: 'static> {
    /// The calculator (or measure) it belongs to, e.g. `forest-construction`.
    pub scope: &'static str,
    /// Its key within the scope, e.g. `rateArborPerMu`.
    pub key: &'static str,
    pub document: &'static Document,
    pub article: &'static str,
    /// The words of the article it comes from, verbatim (tests/parameters.rs
    /// finds each in the repository's copy of the text). Kept out of the
    /// WebAssembly build, which never shows them: they stay in the source.
    #[cfg(not(target_arch = "wasm32"))]
    pub words: &'static [&'static str],
    /// In date order, not overlapping; never empty.
    values: &'static [Dated<T>],
}

impl<T: Copy> Parameter<T> {
    /// A parameter; a table without values fails the build (parameters are constants).
    pub const fn new(
        (scope, key): (&'static str, &'static str),
        document: &'static Document,
        article: &'static str,
        words: &'static [&'static str],
        values: &'static [Dated<T>],
    ) -> Parameter<T> {
        assert!(!values.is_empty(), "a parameter needs at least one value");
        #[cfg(target_arch = "wasm32")]
        let _ = words;
        Parameter {
            scope,
            key,
            document,
            article,
            #[cfg(not(target_arch = "wasm32"))]
            words,
            values,
        }
    }

    /// The value that applies on `date`: the latest entry that began on or
    /// before it, or the first entry for a date before them all.
    pub fn at(&self, date: Date) -> T {
        let mut chosen = self.values.first().map(|d| d.value);
        for entry in self.values {
            if entry.from <= date {
                chosen = Some(entry.value);
            }
        }
        // `new` refuses an empty table at build time, so this always holds a value.
        match chosen {
            Some(v) => v,
            None => unreachable!("Parameter::new refuses an empty table"),
        }
    }
}

/// What a parameter says about itself, whatever its type: for the tests that
/// check words against the texts, and for the catalog.
pub trait Described {
    /// `scope.key`, e.g. `forest-construction.rateArborPerMu`.
    fn name(&self) -> String;
    fn document(&self) -> &'static Document;
    fn article(&self) -> &'static str;
    fn words(&self) -> &'static [&'static str];
    /// `(from, to, value in Rust notation)` per entry.
    fn periods(&self) -> Vec<(Date, Option<Date>, String)>;
}

impl<T: Copy + Debug> Described for Parameter<T> {
    fn name(&self) -> String {
        format!("{}.{}", self.scope, self.key)
    }
    fn document(&self) -> &'static Document {
        self.document
    }
    fn article(&self) -> &'static str {
        self.article
    }
    fn words(&self) -> &'static [&'static str] {
        #[cfg(not(target_arch = "wasm32"))]
        return self.words;
        #[cfg(target_arch = "wasm32")]
        &[]
    }
    fn periods(&self) -> Vec<(Date, Option<Date>, String)> {
        self.values.iter().map(|d| (d.from, d.to, format!("{:?}", d.value))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::DocumentKind;

    const DOC: Document = Document {
        title_zh: "测试办法",
        title_en: "Test measures",
        number: "测〔2022〕1号",
        in_force: Period { from: Date::ymd(2022, 6, 23), to: Some(Date::ymd(2027, 6, 22)) },
        validity_article: Some("第二条"),
        kind: DocumentKind::Measures,
        predecessor: None,
    };

    /// A renewed measure: the same parameter with a second period.
    const RATE: Parameter<i32> = Parameter::new(
        ("test", "rate"),
        &DOC,
        "第一条",
        &["500 元"],
        &[
            Dated { from: Date::ymd(2022, 6, 23), to: Some(Date::ymd(2027, 6, 22)), value: 500 },
            Dated { from: Date::ymd(2027, 6, 23), to: None, value: 600 },
        ],
    );

    #[test]
    fn values_by_date() {
        assert_eq!(RATE.at(Date::ymd(2020, 1, 1)), 500, "before the first period: the rules as they took effect");
        assert_eq!(RATE.at(Date::ymd(2022, 6, 23)), 500);
        assert_eq!(RATE.at(Date::ymd(2027, 6, 22)), 500);
        assert_eq!(RATE.at(Date::ymd(2027, 6, 23)), 600, "the renewed figure from its first day");
        assert_eq!(RATE.at(Date::ymd(2099, 1, 1)), 600, "after the last period: the last rules in force");
        assert_eq!(RATE.periods().len(), 2);
    }
}
