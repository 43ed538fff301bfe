//! How every result explains itself (docs/rulebook.md §0): the documents and articles
//! used, every unmet condition, warnings and interpretations, in Chinese and
//! English.
#![forbid(unsafe_code)]

use crate::date::{Date, Period};
use rust_decimal::Decimal;
use serde::Serialize;
use std::borrow::Cow;

/// A regulation the calculators implement.
#[derive(Debug)]
pub struct Document {
    /// Full title with its document number, as cited.
    pub title_zh: &'static str,
    pub title_en: &'static str,
    /// e.g. 银政规发〔2022〕1号
    pub number: &'static str,
    pub in_force: Period,
    /// The article that sets the period of validity (建设办法 第十七条 …), cited
    /// whenever a validity date is used; `None` when no article sets one.
    pub validity_article: Option<&'static str>,
    /// 办法 (measures) or 方案 (a scheme): how messages refer to it.
    pub kind: DocumentKind,
    /// What governed before this document took effect, if the text names it.
    pub predecessor: Option<&'static str>,
}

/// 办法 or 方案: "该办法" / "该方案" in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Measures,
    Scheme,
}

impl DocumentKind {
    pub const fn zh(self) -> &'static str {
        match self {
            DocumentKind::Measures => "办法",
            DocumentKind::Scheme => "方案",
        }
    }
    pub const fn en(self) -> &'static str {
        match self {
            DocumentKind::Measures => "measures",
            DocumentKind::Scheme => "scheme",
        }
    }
}

impl Document {
    /// The citation string: title and document number.
    pub fn cited(&self) -> String {
        // Written by hand: every citation of every result goes through here.
        let mut out = String::with_capacity(self.title_zh.len() + self.number.len() + 6);
        out.push_str(self.title_zh);
        out.push('（');
        out.push_str(self.number);
        out.push('）');
        out
    }

    /// The period of validity in words: ("2022-06-23 至 2027-06-22", "2022-06-23 to 2027-06-22").
    pub fn in_force_text(&self) -> (String, String) {
        let from = self.in_force.from;
        match self.in_force.to {
            Some(to) => (format!("{from} 至 {to}"), format!("{from} to {to}")),
            None => (format!("{from} 起，无终止日期"), format!("{from} onward")),
        }
    }

    /// Cites the article that sets the period of validity: every use of a
    /// validity date goes through here.
    pub fn cite_validity(&'static self, ex: &mut Explanation) {
        if let Some(article) = self.validity_article {
            ex.cite(self, article);
        }
    }

    /// `ruleNotYetInForce` before the start, `ruleNotInForce` after the end
    /// (docs/rulebook.md §0); nothing while `as_of` lies within the period of validity.
    pub fn validity_warning(&'static self, as_of: Date, ex: &mut Explanation) {
        if self.in_force.contains(as_of) {
            return;
        }
        self.cite_validity(ex);
        let code = if as_of < self.in_force.from { "ruleNotYetInForce" } else { "ruleNotInForce" };
        // The texts only: at codes detail nothing here is formatted.
        let (zh, en) = texts(|| self.validity_texts(as_of));
        ex.warn(Note::new(code, zh, en));
    }

    /// The words of [`Document::validity_warning`], in both languages.
    fn validity_texts(&self, as_of: Date) -> (String, String) {
        let (zh, en) = self.in_force_text();
        let (kind_zh, kind_en) = (self.kind.zh(), self.kind.en());
        let (where_zh, where_en) = match self.validity_article {
            Some(a) => (format!("{a}，"), format!("{}; ", article_en(a))),
            None => (String::new(), String::new()),
        };
        if as_of < self.in_force.from {
            let from = self.in_force.from;
            let (before_zh, before_en) = match self.predecessor {
                Some(p) => (format!("此前适用《{p}》。"), format!(" Until then {p} governed.")),
                None => (String::new(), String::new()),
            };
            (
                format!(
                    "估算日期 {as_of} 早于《{}》的施行日期（{where_zh}有效期 {zh}）。以下结果按该{kind_zh}自 {from} 起施行的规则计算，仅供参考。{before_zh}",
                    self.title_zh
                ),
                format!(
                    "The estimate date {as_of} is before {} took effect ({where_en}in force {en}). The result is computed under the rules as they took effect on {from} (the {kind_en} as first issued) and is for reference only.{before_en}",
                    self.title_en
                ),
            )
        } else {
            (
                format!(
                    "估算日期 {as_of} 已超出《{}》的有效期（{where_zh}有效期 {zh}）。以下结果按该{kind_zh}最后有效的规则计算，仅供参考。",
                    self.title_zh
                ),
                format!(
                    "The estimate date {as_of} is after the period of validity of {} ({where_en}in force {en}). The result is computed under the last rules in force of these {kind_en} and is for reference only.",
                    self.title_en
                ),
            )
        }
    }
}

/// One article of one document used for a figure or a condition.
#[derive(Debug, Clone, Serialize)]
pub struct Citation {
    /// The document's full title and number (`Document::cited`); at
    /// [`Detail::Codes`] its number alone, the code a program joins on.
    #[serde(serialize_with = "cited_document")]
    pub document: &'static Document,
    pub article: &'static str,
}

/// A citation's document, written straight into the response (nothing is
/// allocated per citation): "title（number）", or the number at codes detail.
fn cited_document<S: serde::Serializer>(doc: &&'static Document, s: S) -> Result<S::Ok, S::Error> {
    if texts_wanted() {
        s.collect_str(&format_args!("{}（{}）", doc.title_zh, doc.number))
    } else {
        s.serialize_str(doc.number)
    }
}

/// How much a response says (docs/rulebook.md §5, "Detail"): everything, or the
/// figures, codes and articles without the human texts (for batch callers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Detail {
    #[default]
    Full,
    Codes,
}

thread_local! {
    static DETAIL: std::cell::Cell<Detail> = const { std::cell::Cell::new(Detail::Full) };
}

/// Runs `f` (the serialisation of one response) at `detail`.
pub fn with_detail<T>(detail: Detail, f: impl FnOnce() -> T) -> T {
    let before = DETAIL.with(|d| d.replace(detail));
    let out = f();
    DETAIL.with(|d| d.set(before));
    out
}

/// For `skip_serializing_if`: true while a response is written without its texts.
pub fn codes_only<T: ?Sized>(_: &T) -> bool {
    !texts_wanted()
}

/// Whether the response being computed carries its human texts: false at
/// [`Detail::Codes`], where no text need be formatted at all.
pub fn texts_wanted() -> bool {
    DETAIL.with(|d| d.get() == Detail::Full)
}

/// A text in both languages.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Text {
    #[serde(skip_serializing_if = "codes_only")]
    pub message_zh: &'static str,
    #[serde(skip_serializing_if = "codes_only")]
    pub message_en: &'static str,
}

pub const fn text(message_zh: &'static str, message_en: &'static str) -> Text {
    Text { message_zh, message_en }
}

/// A message: a fixed text is borrowed, a composed one owned.
pub type Message = Cow<'static, str>;

/// The texts `f` writes, or two empty ones without calling it at
/// [`Detail::Codes`] (where they would not be written out).
pub fn texts(f: impl FnOnce() -> (String, String)) -> (Message, Message) {
    if texts_wanted() {
        let (zh, en) = f();
        (Cow::Owned(zh), Cow::Owned(en))
    } else {
        (Cow::Borrowed(""), Cow::Borrowed(""))
    }
}

/// An unmet condition, or a consequence, with the article it comes from.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reason {
    pub code: &'static str,
    pub article: &'static str,
    #[serde(skip_serializing_if = "codes_only")]
    pub message_zh: Message,
    #[serde(skip_serializing_if = "codes_only")]
    pub message_en: Message,
}

impl Reason {
    pub fn new(
        code: &'static str,
        article: &'static str,
        message_zh: impl Into<Message>,
        message_en: impl Into<Message>,
    ) -> Reason {
        Reason { code, article, message_zh: message_zh.into(), message_en: message_en.into() }
    }
    pub fn fixed(code: &'static str, article: &'static str, t: Text) -> Reason {
        Reason::new(code, article, t.message_zh, t.message_en)
    }
}

/// A warning or an interpretation.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Note {
    pub code: &'static str,
    #[serde(skip_serializing_if = "codes_only")]
    pub message_zh: Message,
    #[serde(skip_serializing_if = "codes_only")]
    pub message_en: Message,
}

impl Note {
    pub fn new(code: &'static str, message_zh: impl Into<Message>, message_en: impl Into<Message>) -> Note {
        Note { code, message_zh: message_zh.into(), message_en: message_en.into() }
    }
    pub fn fixed(code: &'static str, t: Text) -> Note {
        Note::new(code, t.message_zh, t.message_en)
    }
}

/// One line of the computation as a careful clerk writes it on paper
/// (docs/rulebook.md §5, "Steps"): the article it applies, the formula with the
/// figures put in, in both languages, and the figure it comes to (`None` for a
/// decision, such as a band). A step is made where its figure is computed, from
/// the very values the computation uses; at [`Detail::Codes`] it is
/// `{article, value}` and no formula is formatted.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    pub article: &'static str,
    #[serde(skip_serializing_if = "codes_only")]
    pub formula_zh: String,
    #[serde(skip_serializing_if = "codes_only")]
    pub formula_en: String,
    pub value: Option<Decimal>,
}

impl Step {
    /// A step resulting in `value`; `formula` writes it (zh, en) and runs only when texts are wanted.
    pub fn new(article: &'static str, value: Option<Decimal>, formula: impl FnOnce() -> (String, String)) -> Step {
        let (formula_zh, formula_en) = if texts_wanted() { formula() } else { (String::new(), String::new()) };
        Step { article, formula_zh, formula_en, value }
    }
}

/// The explanation that travels with every result.
#[derive(Debug, Default, Serialize)]
pub struct Explanation {
    pub citations: Vec<Citation>,
    pub reasons: Vec<Reason>,
    pub warnings: Vec<Note>,
    pub interpretations: Vec<Note>,
    /// The computation, in order (docs/rulebook.md §5, "Steps").
    pub steps: Vec<Step>,
}

impl Explanation {
    /// Records that `article` of `doc` was used (once).
    pub fn cite(&mut self, doc: &'static Document, article: &'static str) {
        if !self.citations.iter().any(|c| c.article == article && std::ptr::eq(c.document, doc)) {
            self.citations.push(Citation { document: doc, article });
        }
    }

    /// Records an unmet condition; its article is cited as well.
    pub fn unmet(
        &mut self,
        doc: &'static Document,
        code: &'static str,
        article: &'static str,
        zh: impl Into<Message>,
        en: impl Into<Message>,
    ) {
        self.cite(doc, article);
        self.reasons.push(Reason::new(code, article, zh, en));
    }

    pub fn warn(&mut self, note: Note) {
        self.warnings.push(note);
    }

    /// Records the next step of the computation (see [`Step::new`]).
    pub fn step(&mut self, article: &'static str, value: Option<Decimal>, formula: impl FnOnce() -> (String, String)) {
        self.steps.push(Step::new(article, value, formula));
    }

    pub fn interpret(&mut self, note: Note) {
        if !self.interpretations.iter().any(|n| n.code == note.code) {
            self.interpretations.push(note);
        }
    }
}

/// Formats a fraction as a percentage for messages: 0.855 → "85.5%".
pub fn percent(fraction: Decimal) -> String {
    match fraction.checked_mul(Decimal::ONE_HUNDRED) {
        Some(p) => format!("{}%", p.normalize()),
        None => fraction.normalize().to_string(),
    }
}

/// An exponent as superscript digits: 4 → "⁴".
pub fn superscript(n: u32) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string().chars().map(|c| c.to_digit(10).map_or(c, |d| DIGITS[d as usize])).collect()
}

/// Lines added up as a clerk writes them: "6,416.38 + 5,133.11 = 11,549.49";
/// one line is just itself, none is "0.00" (`sum` is what the engine added up).
pub fn sum_text(lines: &[Decimal], sum: Decimal) -> String {
    use crate::money::grouped;
    match lines {
        [] | [_] => grouped(sum),
        _ => {
            let terms: Vec<String> = lines.iter().map(|l| grouped(*l)).collect();
            format!("{} = {}", terms.join(" + "), grouped(sum))
        }
    }
}

/// An article reference in English (docs/rulebook.md §5: English texts say "Article 3";
/// the `article` fields stay in Chinese): `第十条（一）2` → `Article 10(1)2`,
/// `第二条、第七条` → `Articles 2 and 7`, `第十六条第1项` → `Article 16 item 1`,
/// and the scheme's sections `四（三）` → `Section 4(3)`.
pub fn article_en(article: &str) -> String {
    let parts: Vec<String> = article.split('、').map(one_article_en).collect();
    match parts.as_slice() {
        [one] => one.clone(),
        _ if parts.iter().all(|p| p.starts_with("Article ")) => {
            let numbers: Vec<&str> = parts.iter().map(|p| &p["Article ".len()..]).collect();
            format!("Articles {}", join_and(&numbers))
        }
        _ => join_and(&parts.iter().map(String::as_str).collect::<Vec<_>>()),
    }
}

fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn one_article_en(article: &str) -> String {
    let mut out = String::new();
    let mut rest = article;
    if let Some(after) = rest.strip_prefix('第') {
        if let Some((number, tail)) = after.split_once('条') {
            out.push_str(&format!("Article {}", chinese_number(number)));
            rest = tail;
        }
    } else {
        // The scheme's numbered sections: 一、二… at the start.
        let lead: String = rest.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).collect();
        if !lead.is_empty() {
            out.push_str(&format!("Section {}", chinese_number(&lead)));
            rest = &rest[lead.len()..];
        }
    }
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('（') {
            let (inner, tail) = after.split_once('）').unwrap_or((after, ""));
            out.push_str(&format!("({})", chinese_number(inner)));
            rest = tail;
        } else if let Some(after) = rest.strip_prefix('第') {
            let (inner, tail) = after.split_once('项').unwrap_or((after, ""));
            out.push_str(&format!(" item {}", chinese_number(inner)));
            rest = tail;
        } else {
            let c = rest.chars().next().map_or(0, char::len_utf8);
            out.push_str(&rest[..c]);
            rest = &rest[c..];
        }
    }
    out
}

/// 一 … 九十九 as digits; anything else is returned as written.
fn chinese_number(text: &str) -> String {
    const DIGITS: &str = "一二三四五六七八九";
    let digit = |c: char| DIGITS.chars().position(|d| d == c).map(|i| i as u32 + 1);
    let chars: Vec<char> = text.chars().collect();
    let value = match chars.as_slice() {
        [d] => digit(*d).or((*d == '十').then_some(10)),
        ['十', u] => digit(*u).map(|u| 10 + u),
        [t, '十'] => digit(*t).map(|t| t * 10),
        [t, '十', u] => digit(*t).zip(digit(*u)).map(|(t, u)| t * 10 + u),
        _ => None,
    };
    value.map_or_else(|| text.to_string(), |v| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::article_en;

    #[test]
    fn articles_in_english() {
        assert_eq!(article_en("第三条"), "Article 3");
        assert_eq!(article_en("第十条（一）2"), "Article 10(1)2");
        assert_eq!(article_en("第二十七条"), "Article 27");
        assert_eq!(article_en("第二条、第七条"), "Articles 2 and 7");
        assert_eq!(article_en("第十六条第1项"), "Article 16 item 1");
        assert_eq!(article_en("四（三）"), "Section 4(3)");
        assert_eq!(article_en("二（四）"), "Section 2(4)");
        assert_eq!(article_en("三"), "Section 3");
        assert_eq!(article_en("第十一条"), "Article 11");
        assert_eq!(article_en("第二十条"), "Article 20");
    }
}
