//! A small, strict JSON reader (RFC 8259) for requests.
//!
//! The engine reads requests itself instead of through serde_json's
//! deserializer: numbers stay as their own digits (never a binary float), a
//! key given twice is refused instead of the last one silently winning, and
//! the WebAssembly module stays small. Nesting is limited so that no input
//! can exhaust the stack.
#![forbid(unsafe_code)]

/// A JSON value. Numbers keep their text; objects keep their order.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    pub fn as_object(&self) -> Option<&[(String, Json)]> {
        match self {
            Json::Object(members) => Some(members),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }
    /// A member of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.as_object()?.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

/// Where and why a text is not JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub problem_zh: String,
    pub problem_en: String,
}

/// How deeply arrays and objects may nest.
pub const MAX_DEPTH: usize = 64;

/// The largest request read, in bytes: far above any real one (300 candidates
/// take about 50 KB), low enough that no request can stall a browser tab.
pub const MAX_BYTES: usize = 4 * 1024 * 1024;

pub fn parse(text: &str) -> Result<Json, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut p = Parser { text, src: text.as_bytes(), pos: 0 };
    if text.len() > MAX_BYTES {
        return Err(p.error(
            &format!("输入超过 {} MB", MAX_BYTES / 1024 / 1024),
            &format!("the input is larger than {} MB", MAX_BYTES / 1024 / 1024),
        ));
    }
    p.skip_ws();
    let value = p.value(0)?;
    p.skip_ws();
    if p.pos < p.src.len() {
        return Err(p.error("JSON 值之后还有多余的内容", "unexpected content after the JSON value"));
    }
    Ok(value)
}

/// Objects with up to this many members are checked for a repeated key pair
/// by pair, with nothing allocated; larger ones by sorting.
const SMALL_OBJECT: usize = 16;

/// The first member (by position) whose key an earlier member already has.
fn duplicate_key(members: &[(String, Json)]) -> Option<usize> {
    if members.len() <= SMALL_OBJECT {
        return (1..members.len()).find(|&i| members[..i].iter().any(|(k, _)| *k == members[i].0));
    }
    // Sorting, so that a huge object costs n log n: a heap sort of the positions by
    // (key, position), a few lines where the standard sorts add kilobytes to the module.
    let mut order: Vec<usize> = (0..members.len()).collect();
    let before = |a: usize, b: usize| (&members[a].0, a) < (&members[b].0, b);
    let sift = |order: &mut [usize], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && before(order[child], order[child + 1]) {
            child += 1;
        }
        if !before(order[root], order[child]) {
            break;
        }
        order.swap(root, child);
        root = child;
    };
    for root in (0..order.len() / 2).rev() {
        sift(&mut order, root, members.len());
    }
    for end in (1..order.len()).rev() {
        order.swap(0, end);
        sift(&mut order, 0, end);
    }
    order.windows(2).filter(|w| members[w[0]].0 == members[w[1]].0).map(|w| w[1]).min()
}

struct Parser<'a> {
    text: &'a str,
    src: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, zh: &str, en: &str) -> ParseError {
        let upto = &self.src[..self.pos.min(self.src.len())];
        let line = 1 + upto.iter().filter(|&&b| b == b'\n').count();
        let line_start = upto.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = 1 + String::from_utf8_lossy(&upto[line_start..]).chars().count();
        ParseError { line, column, problem_zh: zh.to_string(), problem_en: en.to_string() }
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), ParseError> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            let c = byte as char;
            Err(self.error(&format!("此处应为“{c}”"), &format!("expected '{c}'")))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, ParseError> {
        match self.peek() {
            None => Err(self.error("JSON 不完整", "the JSON ends too early")),
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Json::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => {
                for (word, value) in [("true", Json::Bool(true)), ("false", Json::Bool(false)), ("null", Json::Null)] {
                    if self.src[self.pos..].starts_with(word.as_bytes()) {
                        self.pos += word.len();
                        return Ok(value);
                    }
                }
                Err(self.error("此处应为一个 JSON 值", "expected a JSON value"))
            }
        }
    }

    fn nest(&self, depth: usize) -> Result<(), ParseError> {
        if depth > MAX_DEPTH {
            return Err(
                self.error(&format!("嵌套超过 {MAX_DEPTH} 层"), &format!("nested more than {MAX_DEPTH} levels deep"))
            );
        }
        Ok(())
    }

    fn object(&mut self, depth: usize) -> Result<Json, ParseError> {
        self.nest(depth)?;
        self.pos += 1;
        let mut members: Vec<(String, Json)> = Vec::new();
        // Where each key starts (for the error of a key given twice): the first
        // few on the stack, the rest in a list only when an object has that many.
        let mut first_positions = [0usize; SMALL_OBJECT];
        let mut more_positions: Vec<usize> = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Json::Object(members));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.error("此处应为带引号的键名", "expected a quoted key"));
            }
            match first_positions.get_mut(members.len()) {
                Some(slot) => *slot = self.pos,
                None => more_positions.push(self.pos),
            }
            let key = self.string()?;
            self.skip_ws();
            self.expect(b':')?;
            self.skip_ws();
            let value = self.value(depth)?;
            members.push((key, value));
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    if let Some(i) = duplicate_key(&members) {
                        self.pos = first_positions.get(i).copied().unwrap_or_else(|| more_positions[i - SMALL_OBJECT]);
                        let key = &members[i].0;
                        return Err(
                            self.error(&format!("键“{key}”重复出现"), &format!("the key \"{key}\" appears twice"))
                        );
                    }
                    return Ok(Json::Object(members));
                }
                _ => return Err(self.error("此处应为“,”或“}”", "expected ',' or '}'")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, ParseError> {
        self.nest(depth)?;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Json::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value(depth)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.error("此处应为“,”或“]”", "expected ',' or ']'")),
            }
        }
    }

    fn number(&mut self) -> Result<Json, ParseError> {
        let start = self.pos;
        let digits = |p: &mut Self| {
            let from = p.pos;
            while matches!(p.peek(), Some(b'0'..=b'9')) {
                p.pos += 1;
            }
            p.pos > from
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        if self.peek() == Some(b'0') {
            self.pos += 1;
        } else if !digits(self) {
            return Err(self.error("数字格式不正确", "malformed number"));
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !digits(self) {
                return Err(self.error("小数点后应有数字", "expected digits after the decimal point"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !digits(self) {
                return Err(self.error("指数应有数字", "expected digits in the exponent"));
            }
        }
        // The bytes matched are ASCII, so this is valid UTF-8.
        Ok(Json::Number(self.text[start..self.pos].to_owned()))
    }

    fn string(&mut self) -> Result<String, ParseError> {
        self.pos += 1; // the opening quote
        let mut out = String::new();
        loop {
            // Runs of plain bytes are copied whole: most strings have no escape at all. A run
            // ends at a quote, a backslash or a control character, all ASCII: a char boundary.
            let run = self.src[self.pos..].iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
            let end = run.map_or(self.src.len(), |r| self.pos + r);
            out.push_str(&self.text[self.pos..end]);
            self.pos = end;
            let Some(b) = self.peek() else {
                return Err(self.error("字符串缺少结束引号", "unterminated string"));
            };
            self.pos += 1;
            match b {
                b'"' => return Ok(out),
                b'\\' => {
                    let Some(e) = self.peek() else {
                        return Err(self.error("字符串缺少结束引号", "unterminated string"));
                    };
                    self.pos += 1;
                    out.push(match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return Err(self.error("无效的转义字符", "invalid escape")),
                    });
                }
                _ => {
                    self.pos -= 1;
                    return Err(self.error("字符串中有未转义的控制字符", "unescaped control character in a string"));
                }
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let Some(hex) = self.src.get(self.pos..self.pos + 4) else {
            return Err(self.error("\\u 后应有 4 位十六进制数", "expected 4 hex digits after \\u"));
        };
        let mut n = 0u32;
        for &h in hex {
            let d = (h as char)
                .to_digit(16)
                .ok_or_else(|| self.error("\\u 后应有 4 位十六进制数", "expected 4 hex digits after \\u"))?;
            n = n * 16 + d;
        }
        self.pos += 4;
        Ok(n)
    }

    fn unicode_escape(&mut self) -> Result<char, ParseError> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) {
            if !self.src[self.pos..].starts_with(b"\\u") {
                return Err(self.error("不成对的代理字符", "unpaired surrogate"));
            }
            self.pos += 2;
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(self.error("不成对的代理字符", "unpaired surrogate"));
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code).ok_or_else(|| self.error("不成对的代理字符", "unpaired surrogate"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Json {
        Json::Number(s.to_string())
    }

    #[test]
    fn parses_json() {
        assert_eq!(parse(" 120.5 "), Ok(num("120.5")));
        assert_eq!(parse("-0.86e-1"), Ok(num("-0.86e-1")));
        assert_eq!(parse("[true,false,null]"), Ok(Json::Array(vec![Json::Bool(true), Json::Bool(false), Json::Null])));
        assert_eq!(
            parse(r#"{"a":{"b":[1,"x"]},"c":"\u4ea9\n\"\\\/"}"#),
            Ok(Json::Object(vec![
                ("a".into(), Json::Object(vec![("b".into(), Json::Array(vec![num("1"), Json::String("x".into())]))])),
                ("c".into(), Json::String("亩\n\"\\/".into())),
            ]))
        );
        assert_eq!(parse(r#""\ud83c\udf32""#), Ok(Json::String("🌲".into())));
        assert_eq!(parse("{}"), Ok(Json::Object(vec![])));
        assert_eq!(parse("[ ]"), Ok(Json::Array(vec![])));
    }

    #[test]
    fn refuses_what_is_not_json() {
        for bad in [
            "",
            " ",
            "{",
            "}",
            "[1,]",
            "{\"a\":1,}",
            "{a:1}",
            "'x'",
            "01",
            "1.",
            ".5",
            "+1",
            "1e",
            "--1",
            "NaN",
            "Infinity",
            "tru",
            "nul",
            "\"abc",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"a\u{1}\"",
            "[1 2]",
            "{\"a\" 1}",
            "1 2",
            "{\"a\":1}}",
            "{\"a\":1,\"a\":2}",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn reports_where() {
        let e = parse("{\n  \"a\": 1,\n  \"a\": 2\n}").unwrap_err();
        assert_eq!((e.line, e.column), (3, 3));
        assert!(e.problem_en.contains("appears twice"));
        // Past the objects checked pair by pair, the place is still the repeated key's.
        let keys: Vec<String> = (10..30).map(|i| format!("\"k{i}\":1")).collect();
        let e = parse(&format!("{{{},\"k12\":2}}", keys.join(","))).unwrap_err();
        assert_eq!((e.line, e.column), (1, 2 + 20 * 8));
        assert!(e.problem_en.contains("\"k12\" appears twice"));
    }

    #[test]
    fn many_keys_are_checked_quickly() {
        let keys: Vec<String> = (0..100_000).map(|i| format!("\"k{i}\":1")).collect();
        assert!(parse(&format!("{{{}}}", keys.join(","))).is_ok());
        let e = parse(&format!("{{{},\"k5\":2}}", keys.join(","))).unwrap_err();
        assert!(e.problem_en.contains("\"k5\" appears twice"));
        assert!(parse("\u{feff}{}").is_ok());
        assert!(parse(&" ".repeat(MAX_BYTES + 1)).is_err());
    }

    #[test]
    fn nesting_is_limited() {
        let deep = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&deep).is_ok());
        let deeper = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert!(parse(&deeper).is_err());
        let abyss = "[".repeat(1_000_000);
        assert!(parse(&abyss).is_err());
        let objects = "{\"a\":".repeat(100_000);
        assert!(parse(&objects).is_err());
    }
}
