//! The catalog is the schema (docs/rulebook.md §5): every request field of every
//! calculator described once — kind, bilingual label, unit, limits, places,
//! when it is required, options with their articles, hints — from the same
//! constants the rules use. The page builds its forms from it; the readers in
//! `input` name fields by these labels in their errors; `tests/schema.rs`
//! checks that every stated limit is the one the engine applies.
#![forbid(unsafe_code)]

use crate::date::Date;
use crate::explain::Text;
use rust_decimal::Decimal;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Kind {
    Decimal,
    Integer,
    Boolean,
    Date,
    Enum,
    /// An array of codes from `options`.
    Codes,
    /// An array of objects described by `fields`.
    List,
    /// An object described by `fields`.
    Object,
    /// Free text (a candidate's name).
    Text,
}

/// A limit: a fixed figure, or one read from a dated parameter on a date.
#[derive(Clone, Copy)]
pub enum Bound {
    Fixed(Decimal),
    Dated(fn(Date) -> Decimal),
}

impl std::fmt::Debug for Bound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Bound::Fixed(d) => write!(f, "Fixed({d})"),
            Bound::Dated(_) => write!(f, "Dated"),
        }
    }
}

impl Bound {
    pub fn at(&self, date: Date) -> Decimal {
        match self {
            Bound::Fixed(d) => *d,
            Bound::Dated(at) => at(date),
        }
    }
}

/// When a field must be given.
#[derive(Debug, Clone, Copy)]
pub enum Required {
    Always,
    Optional,
    /// Required in a situation the words describe.
    When(Text),
}

/// One option of an enum or codes field.
#[derive(Debug, Clone, Copy)]
pub struct Choice {
    pub value: &'static str,
    pub label: Text,
    pub article: Option<&'static str>,
}

pub const fn choice(value: &'static str, zh: &'static str, en: &'static str) -> Choice {
    Choice { value, label: Text { message_zh: zh, message_en: en }, article: None }
}

impl Choice {
    pub const fn article(mut self, article: &'static str) -> Choice {
        self.article = Some(article);
        self
    }
}

/// One request field.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    pub key: &'static str,
    pub kind: Kind,
    pub label: Text,
    pub unit: Option<Text>,
    pub min: Option<Bound>,
    pub max: Option<Bound>,
    pub places: Option<u32>,
    pub required: Required,
    pub options: &'static [Choice],
    pub hint: Option<Text>,
    pub article: Option<&'static str>,
    /// A fraction in [0, 1] that a form shows as a percentage.
    pub percent: bool,
    /// The fields of an object, or of each element of a list.
    pub fields: &'static [FieldSpec],
}

/// A field with its key, kind and label; the rest added with the builders below.
pub const fn field(key: &'static str, kind: Kind, zh: &'static str, en: &'static str) -> FieldSpec {
    FieldSpec {
        key,
        kind,
        label: Text { message_zh: zh, message_en: en },
        unit: None,
        min: None,
        max: None,
        places: None,
        required: Required::Optional,
        options: &[],
        hint: None,
        article: None,
        percent: false,
        fields: &[],
    }
}

impl FieldSpec {
    pub const fn required(mut self) -> Self {
        self.required = Required::Always;
        self
    }
    pub const fn required_when(mut self, zh: &'static str, en: &'static str) -> Self {
        self.required = Required::When(Text { message_zh: zh, message_en: en });
        self
    }
    pub const fn unit(mut self, zh: &'static str, en: &'static str) -> Self {
        self.unit = Some(Text { message_zh: zh, message_en: en });
        self
    }
    pub const fn range(mut self, min: Bound, max: Bound) -> Self {
        self.min = Some(min);
        self.max = Some(max);
        self
    }
    pub const fn places(mut self, places: u32) -> Self {
        self.places = Some(places);
        self
    }
    pub const fn options(mut self, options: &'static [Choice]) -> Self {
        self.options = options;
        self
    }
    pub const fn hint(mut self, zh: &'static str, en: &'static str) -> Self {
        self.hint = Some(Text { message_zh: zh, message_en: en });
        self
    }
    pub const fn article(mut self, article: &'static str) -> Self {
        self.article = Some(article);
        self
    }
    /// A fraction in [0, 1], shown as a percentage.
    pub const fn fraction(mut self) -> Self {
        self.percent = true;
        self.min = Some(Bound::Fixed(Decimal::ZERO));
        self.max = Some(Bound::Fixed(Decimal::ONE));
        self
    }
    pub const fn fields(mut self, fields: &'static [FieldSpec]) -> Self {
        self.fields = fields;
        self
    }
}

/// The spec of `key` among `specs`.
pub fn find<'a>(specs: &'a [FieldSpec], key: &str) -> Option<&'a FieldSpec> {
    specs.iter().find(|s| s.key == key)
}

/// A figure a form shows beside a field (a threshold, a rate, a quota, a maximum), with its article.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Figure {
    pub key: String,
    pub value: Decimal,
    #[serde(rename = "labelZh")]
    pub label_zh: &'static str,
    #[serde(rename = "labelEn")]
    pub label_en: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_zh: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_en: Option<&'static str>,
    /// A fraction shown as a percentage.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub percent: bool,
    pub article: &'static str,
}

impl Figure {
    pub fn new(key: impl Into<String>, value: Decimal, label: Text, article: &'static str) -> Figure {
        Figure {
            key: key.into(),
            value: value.normalize(),
            label_zh: label.message_zh,
            label_en: label.message_en,
            unit_zh: None,
            unit_en: None,
            percent: false,
            article,
        }
    }
    pub fn unit(mut self, zh: &'static str, en: &'static str) -> Figure {
        self.unit_zh = Some(zh);
        self.unit_en = Some(en);
        self
    }
    pub fn percent(mut self) -> Figure {
        self.percent = true;
        self
    }
}

/// The fields as the catalog states them on `date`.
pub struct FieldsOn<'a> {
    pub specs: &'a [FieldSpec],
    pub date: Date,
}

impl Serialize for FieldsOn<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.specs.iter().map(|spec| DescribedField { spec, date: self.date }))
    }
}

struct DescribedField<'a> {
    spec: &'a FieldSpec,
    date: Date,
}

impl Serialize for DescribedField<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let f = self.spec;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("key", f.key)?;
        m.serialize_entry("kind", &f.kind)?;
        m.serialize_entry("labelZh", f.label.message_zh)?;
        m.serialize_entry("labelEn", f.label.message_en)?;
        if let Some(u) = f.unit {
            m.serialize_entry("unitZh", u.message_zh)?;
            m.serialize_entry("unitEn", u.message_en)?;
        }
        if let Some(min) = f.min {
            m.serialize_entry("min", &min.at(self.date).normalize())?;
        }
        if let Some(max) = f.max {
            m.serialize_entry("max", &max.at(self.date).normalize())?;
        }
        if let Some(p) = f.places {
            m.serialize_entry("maxPlaces", &p)?;
        }
        match f.required {
            Required::Always => m.serialize_entry("required", &true)?,
            Required::Optional => m.serialize_entry("required", &false)?,
            Required::When(t) => m.serialize_entry("required", &t)?,
        }
        if f.percent {
            m.serialize_entry("percent", &true)?;
        }
        if !f.options.is_empty() {
            m.serialize_entry("options", &Options(f.options))?;
        }
        if let Some(h) = f.hint {
            m.serialize_entry("hintZh", h.message_zh)?;
            m.serialize_entry("hintEn", h.message_en)?;
        }
        if let Some(a) = f.article {
            m.serialize_entry("article", a)?;
        }
        if !f.fields.is_empty() {
            m.serialize_entry("fields", &FieldsOn { specs: f.fields, date: self.date })?;
        }
        m.end()
    }
}

struct Options(&'static [Choice]);

impl Serialize for Options {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        /// One option as the catalog writes it.
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Option_<'a> {
            value: &'a str,
            label_zh: &'a str,
            label_en: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            article: Option<&'a str>,
        }
        s.collect_seq(self.0.iter().map(|c| Option_ {
            value: c.value,
            label_zh: c.label.message_zh,
            label_en: c.label.message_en,
            article: c.article,
        }))
    }
}
