//! `policy-calc`: the command-line face of the rules engine (docs/rulebook.md §5).
//!
//! ```text
//! policy-calc eval <calculator-id> [FILE]   one JSON object, or JSON Lines
//! policy-calc batch [--lang zh|en] <calculator-id> [FILE.csv]   CSV in, CSV out
//! policy-calc catalog
//! ```
//!
//! JSON Lines and CSV rows are answered as a stream: a line read, a line
//! written, in constant memory whatever the number of lines (docs/rulebook.md §5).

use policy_calc::batch::{self, Batch, Lang, RecordEnd, RowError};
use policy_calc::date::Date;
use policy_calc::json::MAX_BYTES;
use policy_calc::Detail;
use std::ffi::OsString;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage:
  policy-calc eval [--detail full|codes] <calculator-id> [FILE]
      Reads FILE (or standard input, also as -) as one JSON object or as JSON
      Lines and writes one JSON response per request: one per non-blank line,
      whatever the lines before it held. Exit 0 when every request was
      evaluated, including those answered with \"ok\": false.
      --detail codes leaves out the human texts (the same figures, codes and
      articles), for batch callers.
  policy-calc batch [--lang zh|en] <calculator-id> [FILE.csv]
      Reads FILE.csv (or standard input, also as -): a header naming request
      fields (by key or Chinese/English label, scores.contract for a nested
      one; a header beginning with # is carried through), then one request a
      row, comma or tab separated. Writes CSV (UTF-8 with BOM): the input
      columns, the calculator's result columns, the error of the row if any,
      and a totals line. Exit 0 when every row was answered, including rows
      with errors. --lang gives Chinese or English headers and yes/no words.
  policy-calc catalog
      Prints the calculators as JSON.";

fn main() -> ExitCode {
    let Some(args) = std::env::args_os().skip(1).map(OsString::into_string).collect::<Result<Vec<String>, _>>().ok()
    else {
        return usage_error("the arguments must be UTF-8 text");
    };
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["catalog"] => finish(write_lines(&[policy_calc::catalog_json(today())])),
        ["eval", "--detail", detail, rest @ ..] => match (parse_detail(detail), rest) {
            (Some(d), [id]) => run(id, None, d),
            (Some(d), [id, file]) => run(id, Some(file), d),
            (None, _) => usage_error("--detail takes full or codes"),
            _ => usage_error("expected `eval [--detail full|codes] <calculator-id> [FILE]`"),
        },
        ["batch", rest @ ..] => batch_args(rest),
        ["eval", id] => run(id, None, Detail::Full),
        ["eval", id, file] => run(id, Some(file), Detail::Full),
        ["-h" | "--help" | "help"] => finish(writeln!(io::stdout().lock(), "{USAGE}")),
        _ => usage_error("expected `eval <calculator-id> [FILE]`, `batch <calculator-id> [FILE.csv]` or `catalog`"),
    }
}

/// A usage error: the message goes to standard error if it can; exit 2 either way.
fn usage_error(problem: &str) -> ExitCode {
    let _ = writeln!(io::stderr().lock(), "policy-calc: {problem}\n{USAGE}");
    ExitCode::from(2)
}

/// Exit 0, or 1 when the output could not be written (a closed pipe, a full disk).
fn finish(written: io::Result<()>) -> ExitCode {
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr().lock(), "policy-calc: cannot write the output: {e}");
            ExitCode::from(1)
        }
    }
}

fn write_lines(lines: &[String]) -> io::Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    for line in lines {
        writeln!(out, "{line}")?;
    }
    out.flush()
}

fn parse_detail(text: &str) -> Option<Detail> {
    match text {
        "full" => Some(Detail::Full),
        "codes" => Some(Detail::Codes),
        _ => None,
    }
}

/// FILE, or standard input for `-` or no FILE; a file that cannot be opened is a usage error.
fn open_input(file: Option<&str>) -> Result<Box<dyn Read>, ExitCode> {
    match file {
        Some("-") | None => Ok(Box::new(io::stdin().lock())),
        Some(path) => match std::fs::File::open(path) {
            Ok(f) => Ok(Box::new(f)),
            Err(e) => Err(usage_error(&format!("cannot read {path}: {e}"))),
        },
    }
}

fn run(id: &str, file: Option<&str>, detail: Detail) -> ExitCode {
    let input = match open_input(file) {
        Ok(input) => input,
        Err(code) => return code,
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let ctx = Ctx { id, today: today(), detail };
    let result = answer_stream(&ctx, BufReader::new(input), &mut out).and_then(|()| out.flush());
    finish(result)
}

/// One line of input as read: its bytes without the line break, or a note that
/// it ran past [`MAX_BYTES`] (the rest of it was read and dropped).
enum Line {
    Text(Vec<u8>),
    TooLong,
}

/// Reads one line of at most [`MAX_BYTES`] bytes; `None` at the end of input.
fn read_line(input: &mut impl BufRead, buf: &mut Vec<u8>) -> io::Result<Option<Line>> {
    buf.clear();
    let mut too_long = false;
    let mut read_any = false;
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            break;
        }
        read_any = true;
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if !too_long {
            if buf.len() + take > MAX_BYTES + 2 {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(&chunk[..take]);
            }
        }
        input.consume(take);
        if done {
            break;
        }
    }
    if !read_any {
        return Ok(None);
    }
    if too_long {
        return Ok(Some(Line::TooLong));
    }
    while matches!(buf.last(), Some(b'\n' | b'\r')) {
        buf.pop();
    }
    Ok(Some(Line::Text(std::mem::take(buf))))
}

/// Blank: nothing but JSON's own whitespace (space, tab, carriage return). A
/// line of NBSP or U+3000 is not blank: it is a request, answered `invalidJson`.
fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r'))
}

/// What every answer of one run shares.
struct Ctx<'a> {
    id: &'a str,
    today: Date,
    detail: Detail,
}

impl Ctx<'_> {
    fn answer(&self, bytes: &[u8]) -> String {
        policy_calc::evaluate_bytes_at(self.id, bytes, self.today, self.detail)
    }

    /// Writes the answer to `line` and a line break, by way of `answer` (one buffer for every line).
    fn write_answer(&self, line: &Line, answer: &mut String, out: &mut impl Write) -> io::Result<()> {
        answer.clear();
        match line {
            Line::Text(bytes) => policy_calc::evaluate_bytes_into(answer, self.id, bytes, self.today, self.detail),
            Line::TooLong => answer.push_str(&answer_line(self, line)),
        }
        answer.push('\n');
        out.write_all(answer.as_bytes())
    }
}

fn answer_line(ctx: &Ctx, line: &Line) -> String {
    match line {
        Line::Text(bytes) => ctx.answer(bytes),
        Line::TooLong => ctx.answer(&vec![b' '; MAX_BYTES + 1]),
    }
}

/// The stream: one response per non-blank line. While the first non-blank line
/// is not JSON by itself, lines are held (at most [`MAX_BYTES`] of them) to see
/// whether the whole input is one pretty-printed value; if it is not, each held
/// line is answered by itself and the rest streams as usual.
fn answer_stream(ctx: &Ctx, mut input: impl BufRead, out: &mut impl Write) -> io::Result<()> {
    let mut buf = Vec::new();
    let mut answer = String::new();
    let mut held: Vec<Line> = Vec::new();
    let mut held_bytes = 0usize;
    let mut holding = false;
    let mut first = true;
    while let Some(mut line) = read_line(&mut input, &mut buf)? {
        if first {
            // A byte-order mark from a Windows editor is not part of the request.
            if let Line::Text(bytes) = &mut line {
                if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
                    bytes.drain(..3);
                }
            }
        }
        if let Line::Text(bytes) = &line {
            if is_blank(bytes) && !holding {
                continue;
            }
        }
        if first {
            first = false;
            let alone = matches!(&line, Line::Text(b) if std::str::from_utf8(b).is_ok_and(|t| policy_calc::json::parse(t).is_ok()));
            if !alone {
                holding = true;
            }
        }
        if holding {
            held_bytes += match &line {
                Line::Text(b) => b.len() + 1,
                Line::TooLong => MAX_BYTES + 1,
            };
            held.push(line);
            if held_bytes > MAX_BYTES {
                answer_each(ctx, &held, out)?;
                held.clear();
                holding = false;
            }
            continue;
        }
        ctx.write_answer(&line, &mut answer, out)?;
        // The line's bytes hold the next line: no new buffer a line.
        if let Line::Text(bytes) = line {
            buf = bytes;
        }
    }
    if holding {
        let whole: Option<Vec<u8>> = held
            .iter()
            .map(|l| match l {
                Line::Text(b) => Some(b.as_slice()),
                Line::TooLong => None,
            })
            .collect::<Option<Vec<&[u8]>>>()
            .map(|parts| parts.join(&b'\n'));
        match whole {
            Some(text) if std::str::from_utf8(&text).is_ok_and(|t| policy_calc::json::parse(t).is_ok()) => {
                writeln!(out, "{}", ctx.answer(&text))?;
            }
            _ => answer_each(ctx, &held, out)?,
        }
    }
    Ok(())
}

fn answer_each(ctx: &Ctx, lines: &[Line], out: &mut impl Write) -> io::Result<()> {
    for line in lines {
        if matches!(line, Line::Text(b) if is_blank(b)) {
            continue;
        }
        writeln!(out, "{}", answer_line(ctx, line))?;
    }
    Ok(())
}

fn batch_args(args: &[&str]) -> ExitCode {
    let (lang, rest) = match args {
        ["--lang", "zh", rest @ ..] => (Lang::Zh, rest),
        ["--lang", "en", rest @ ..] => (Lang::En, rest),
        ["--lang", ..] => return usage_error("--lang takes zh or en"),
        rest => (Lang::Keys, rest),
    };
    match rest {
        [id] => run_batch(id, None, lang),
        [id, file] => run_batch(id, Some(file), lang),
        _ => usage_error("expected `batch [--lang zh|en] <calculator-id> [FILE.csv]`"),
    }
}

/// Why a batch stopped: a usage error or input that could not be read (exit 2),
/// or output that could not be written (exit 1).
enum Stop {
    Read(io::Error),
    Write(io::Error),
    Usage(String),
}

fn run_batch(id: &str, file: Option<&str>, lang: Lang) -> ExitCode {
    if let Err(p) = batch::batch_calculator(id) {
        return usage_error(&format!("{}\n  {}", p.message_en, p.message_zh));
    }
    let name = file.unwrap_or("-");
    let input = match open_input(file) {
        Ok(input) => input,
        Err(code) => return code,
    };
    let mut out = BufWriter::new(io::stdout().lock());
    match answer_csv(id, lang, BufReader::new(input), &mut out).and_then(|()| out.flush().map_err(Stop::Write)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Stop::Write(e)) => finish(Err(e)),
        Err(Stop::Read(e)) => usage_error(&format!("cannot read {name}: {e}")),
        Err(Stop::Usage(problem)) => usage_error(&problem),
    }
}

/// One record of the CSV: its lines (joined by `\n`), or a note that it ran
/// past [`batch::MAX_RECORD_BYTES`] (it was read and dropped).
enum Record {
    Bytes(Vec<u8>),
    TooLong,
    /// The input ended inside a quoted cell: the lines after the quote are not rows of their own.
    Unclosed,
}

/// Reads the record that begins with `first`: more lines while a quoted cell is open.
fn read_record(input: &mut impl BufRead, buf: &mut Vec<u8>, end: &mut RecordEnd, first: Line) -> io::Result<Record> {
    let Line::Text(mut record) = first else {
        end.reset();
        return Ok(Record::TooLong);
    };
    let mut done = end.line(&record);
    while !done {
        match read_line(input, buf)? {
            None => return Ok(Record::Unclosed),
            Some(Line::Text(more)) if record.len() + more.len() < batch::MAX_RECORD_BYTES => {
                done = end.line(&more);
                record.push(b'\n');
                record.extend_from_slice(&more);
            }
            Some(_) => {
                end.reset();
                return Ok(Record::TooLong);
            }
        }
    }
    Ok(Record::Bytes(record))
}

/// The batch: the header read and checked, then a row read, a row answered
/// (docs/rulebook.md §5, "Batch"), then the totals.
fn answer_csv(id: &str, lang: Lang, mut input: impl BufRead, out: &mut impl Write) -> Result<(), Stop> {
    let mut buf = Vec::new();
    let mut first = true;
    let header_line = loop {
        match read_line(&mut input, &mut buf).map_err(Stop::Read)? {
            None => return Err(Stop::Usage("the CSV is empty: its first line names the fields".into())),
            Some(Line::TooLong) => return Err(Stop::Usage("the header line is too long".into())),
            Some(Line::Text(mut bytes)) => {
                if std::mem::take(&mut first) && bytes.starts_with(batch::BOM.as_bytes()) {
                    bytes.drain(..batch::BOM.len());
                }
                if !is_blank(&bytes) {
                    break bytes;
                }
            }
        }
    };
    let sep = batch::detect_separator(&header_line);
    let mut end = RecordEnd::new(sep);
    let header = match read_record(&mut input, &mut buf, &mut end, Line::Text(header_line)).map_err(Stop::Read)? {
        Record::Bytes(bytes) => bytes,
        Record::TooLong => return Err(Stop::Usage("the header is too long (an unclosed quote?)".into())),
        Record::Unclosed => return Err(Stop::Usage("the header has a quote that is never closed".into())),
    };
    let mut batch = Batch::new(id, &header, sep, lang, today())
        .map_err(|p| Stop::Usage(format!("{}\n  {}", p.message_en, p.message_zh)))?;
    out.write_all(batch.header_line().as_bytes()).map_err(Stop::Write)?;
    while let Some(line) = read_line(&mut input, &mut buf).map_err(Stop::Read)? {
        let answer = match read_record(&mut input, &mut buf, &mut end, line).map_err(Stop::Read)? {
            Record::Bytes(bytes) => batch.answer(&bytes),
            Record::TooLong => Some(batch.unread(RowError::too_long())),
            Record::Unclosed => Some(batch.unread(RowError::unclosed())),
        };
        if let Some(answer) = answer {
            out.write_all(answer.as_bytes()).map_err(Stop::Write)?;
        }
    }
    if let Some(totals) = batch.totals_line() {
        out.write_all(totals.as_bytes()).map_err(Stop::Write)?;
    }
    Ok(())
}

/// Today's date in local time, the default for `asOf` (portable: chrono
/// reads the system's time zone on Unix, macOS and Windows alike).
fn today() -> Date {
    use chrono::Datelike;
    let now = chrono::Local::now().date_naive();
    Date::new(now.year(), now.month() as u8, now.day() as u8).unwrap_or(Date::ymd(1970, 1, 1))
}
