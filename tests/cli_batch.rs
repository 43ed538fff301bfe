//! `policy-calc batch` (docs/rulebook.md §5, "Batch"): a CSV of requests in, a CSV
//! of results out — the input columns, the result columns, the error of each
//! row — with a totals line; exit 0 when every row was answered, 2 on a usage
//! error (an unknown calculator, an unreadable file, a header naming no field).

use std::io::{Read, Write};
use std::process::{Command, Output, Stdio};

mod common;
use common::run_cli;

/// The output as rows of cells: a BOM first, CRLF line ends, quoted cells as
/// RFC 4180 writes them (read here independently of the tool's own reader).
fn table(out: &Output) -> Vec<Vec<String>> {
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("the output begins with a BOM");
    assert!(text.ends_with("\r\n"));
    let mut rows = Vec::new();
    let (mut row, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}

/// The cell of `row` under the header `column`.
fn at<'a>(rows: &'a [Vec<String>], row: usize, column: &str) -> &'a str {
    let i = rows[0].iter().position(|h| h == column).unwrap_or_else(|| panic!("no column {column}: {:?}", rows[0]));
    &rows[row][i]
}

/// The worked example of docs/rulebook.md §2 (tests/cases/forest-maintenance.json),
/// under Chinese labels: 13959.49 in all, 6416.38 within the period of validity.
const MAINTENANCE_ZH: &str = "#申报单位,区域,林种,面积（亩）,种植年份,申请日期,估算日期,预测年数,株数保存率,\
联合申报（两个及以上主体共同申报）,landRightsClear,meetsTechnicalStandards,compartmentManaged,所在县（市）区\r\n";
const EXAMPLE_ZH: &str = "风沙、荒漠区和山地丘陵区,灌木林,120.5,2014,2026-05-10,2026-05-10,3,0.86,否,是,是,是,灵武市";

#[test]
fn chinese_labels_with_a_bom_one_row_per_request_and_totals_to_the_cent() {
    let mut csv = format!("\u{feff}{MAINTENANCE_ZH}");
    for name in ["甲", "乙", "丙"] {
        csv.push_str(&format!("{name},{EXAMPLE_ZH}\r\n"));
    }
    // Broken rows: each gets its own error, the rows after still compute.
    csv.push_str(
        "坏数,风沙、荒漠区和山地丘陵区,灌木林,120.5亩,2014,2026-05-10,2026-05-10,3,0.86,否,是,是,是,灵武市\r\n",
    );
    csv.push_str("坏区,戈壁,灌木林,120.5,2014,2026-05-10,2026-05-10,3,0.86,否,是,是,是,灵武市\r\n");
    csv.push_str("缺林种,风沙、荒漠区和山地丘陵区,,120.5,2014,2026-05-10,2026-05-10,3,0.86,否,是,是,是,灵武市\r\n");
    // Evaluated, not eligible: shown, not added up.
    csv.push_str(
        "不符合,风沙、荒漠区和山地丘陵区,灌木林,120.5,2014,2026-05-10,2026-05-10,3,0.86,否,否,是,是,灵武市\r\n",
    );
    csv.push_str(&format!("丁,{EXAMPLE_ZH}\r\n,,,\r\n"));
    let rows = table(&run_cli(&["batch", "forest-maintenance", "-"], csv.as_bytes()));
    assert_eq!(rows.len(), 1 + 8 + 1, "header, eight rows (the blank one skipped), totals: {rows:?}");
    let header: Vec<&str> = rows[0].iter().map(String::as_str).collect();
    assert_eq!(header[0], "#申报单位", "the input headers as written");
    assert_eq!(
        &header[14..],
        [
            "eligible",
            "ratedAs",
            "firstFundedYear",
            "total",
            "totalWithinValidity",
            "payer",
            "reasons",
            "articles",
            "error",
            "errorField",
            "errorMessage"
        ]
    );
    for row in [1, 2, 3, 8] {
        assert_eq!(at(&rows, row, "eligible"), "true");
        assert_eq!(at(&rows, row, "total"), "13959.49");
        assert_eq!(at(&rows, row, "totalWithinValidity"), "6416.38");
        assert_eq!(at(&rows, row, "firstFundedYear"), "2027");
        assert_eq!(at(&rows, row, "payer"), "county");
        assert_eq!(at(&rows, row, "error"), "");
    }
    assert_eq!(rows[1][0], "甲", "the input cells carried through");
    assert_eq!(rows[4][3], "120.5亩");
    assert_eq!((at(&rows, 4, "error"), at(&rows, 4, "errorField")), ("invalidNumber", "areaMu"));
    assert!(at(&rows, 4, "errorMessage").starts_with("面积须是一个数"), "{:?}", rows[4]);
    assert_eq!(at(&rows, 4, "total"), "");
    assert_eq!((at(&rows, 5, "error"), at(&rows, 5, "errorField")), ("invalidEnum", "zone"));
    assert_eq!((at(&rows, 6, "error"), at(&rows, 6, "errorField")), ("missingField", "forestType"));
    assert_eq!(at(&rows, 7, "eligible"), "false");
    assert_eq!(at(&rows, 7, "total"), "13959.49", "the amount if approved, as the engine states it");
    assert_eq!(at(&rows, 7, "reasons"), "landRights");
    assert!(!at(&rows, 7, "articles").is_empty());
    // Four eligible rows: 4 × 13959.49 and 4 × 6416.38, exactly.
    let totals = &rows[9];
    assert_eq!(totals[0], "total");
    assert_eq!(at(&rows, 9, "total"), "55837.96");
    assert_eq!(at(&rows, 9, "totalWithinValidity"), "25665.52");
    assert_eq!(at(&rows, 9, "eligible"), "");
}

#[test]
fn english_labels_tab_separated_as_pasted_from_a_sheet() {
    let tsv = "Forest type\tArea (mu)\tPlanting year\tStem retention rate\tlandRightsClear\tmeetsTechnicalStandards\tcompartmentManaged\tEstimate date\tCounty or district\tjointApplication\tpriorPublicFunding\n\
               Arbor forest\t600\t2019\t90%\tyes\tTRUE\t1\t2026-05-10\tXingqing District\tno\tno\n\
               arbor\t\"1,000.5\"\t2019\t0.9\tyes\tyes\tyes\t2026/5/10\txingqing\tFALSE\t0\n";
    let rows = table(&run_cli(&["batch", "--lang", "en", "forest-construction", "-"], tsv.as_bytes()));
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0][11..14], ["Eligible", "Rated as", "Rate per mu (yuan)"]);
    assert_eq!(rows[1][11..17], ["yes", "arbor", "500", "600", "300000.00", "city"]);
    assert_eq!(rows[2][11..17], ["yes", "arbor", "500", "1000.5", "500250.00", "city"]);
    assert_eq!(rows[3][0], "Total");
    assert_eq!(at(&rows, 3, "Amount (yuan)"), "800250.00");
}

#[test]
fn nested_fields_by_path_with_chinese_headers() {
    let csv = "#小区,scores.contract,scores.satisfaction,四项得分.融入基层治理、红色物业及重大决策部署执行,检查反馈问题整改情况,不达标情形,估算日期\n\
               甲,46,27,18,9,,2025-10-01\n\
               乙,46,27,18,9,因物业服务管理不善引发业主群体上访事件;blacklisted,2025-10-01\n\
               丙,46,27,18,,,2025-10-01\n";
    let rows = table(&run_cli(&["batch", "--lang", "zh", "property-star"], csv.as_bytes()));
    assert_eq!(rows.len(), 4, "no totals line: property-star has no amounts");
    assert_eq!(
        rows[0][7..],
        [
            "星级",
            "总分",
            "不达标情形成立",
            "符合申报条件",
            "信用加分",
            "原因代码",
            "依据条款",
            "错误代码",
            "错误字段",
            "错误说明"
        ]
    );
    assert_eq!(rows[1][7..12], ["5", "100", "否", "", "4"]);
    assert_eq!(rows[2][7..10], ["0", "100", "是"]);
    assert_eq!(rows[3][14..16], ["missingField", "scores.rectification"]);
}

#[test]
fn five_strong_rewards_add_up() {
    let csv = "level,location\nvillage,helan\ntown,helan\nnot-a-level,helan\n";
    let rows = table(&run_cli(&["batch", "five-strong", "-"], csv.as_bytes()));
    assert_eq!(
        rows[0][2..],
        ["eligible", "reward", "quota", "reasons", "articles", "error", "errorField", "errorMessage"]
    );
    assert_eq!(rows[1][2..5], ["true", "500000.00", "20"]);
    assert_eq!(rows[3][7], "invalidEnum");
    let reward = |r: usize| rows[r][3].replace(".00", "").parse::<u64>().unwrap();
    assert_eq!(rows[4][3], format!("{}.00", reward(1) + reward(2)));
}

#[test]
fn header_problems_are_usage_errors_naming_the_column() {
    let out = run_cli(&["batch", "forest-maintenance", "-"], b"zone,areaMu,acreage\nsandy,1,2\n");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("column 3 “acreage” names no field"), "{err}");
    assert!(err.contains("第 3 列“acreage”"), "{err}");
    assert!(out.stdout.is_empty(), "nothing written before the header is understood");
    for (args, stdin, says) in [
        (&["batch", "nope", "-"][..], &b"a\n"[..], "unknown calculator"),
        (&["batch", "five-strong-ranking", "-"], b"name\n", "not separate requests"),
        (&["batch", "five-strong", "-"], b"", "empty"),
        (&["batch", "five-strong", "-"], b"level,\xc9\xfa\xcc\xac\n", "CSV UTF-8"),
        (&["batch", "property-star", "-"], b"scores\n", "scores.contract"),
        (&["batch", "five-strong", "-"], b"level,Level\n", "same field"),
        (&["batch", "--lang", "fr", "five-strong"], b"level\n", "--lang"),
        (&["batch", "five-strong", "/nonexistent/rows.csv"], b"", "cannot read"),
    ] {
        let out = run_cli(args, stdin);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

#[test]
fn rows_that_are_not_csv_get_their_own_error() {
    let mut csv = b"level,#note\n".to_vec();
    csv.extend_from_slice(b"town,\"two\nlines, one cell\"\n");
    csv.extend_from_slice(b"v\xffillage,x\n");
    csv.extend_from_slice(b"town,x,extra\n");
    csv.extend_from_slice(b"village,\"say \"\"hi\"\"\"\n");
    let rows = table(&run_cli(&["batch", "five-strong"], &csv));
    assert_eq!(rows.len(), 6);
    assert_eq!(rows[1][1], "two\nlines, one cell");
    assert_eq!(rows[1][2], "true");
    assert_eq!(rows[2][7], "invalidCsv");
    assert!(rows[2][9].contains("UTF-8"));
    assert_eq!(rows[3][7], "invalidCsv");
    assert_eq!(rows[4][1], "say \"hi\"");
    assert_eq!(rows[4][3], "500000.00");
}

#[test]
fn reads_a_file() {
    let dir = std::env::temp_dir().join(format!("policy-calc-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("rows.csv");
    std::fs::write(&file, "level\ncounty\n").unwrap();
    let rows = table(&run_cli(&["batch", "five-strong", file.to_str().unwrap()], b""));
    assert_eq!(rows[1][1], "true");
    std::fs::remove_dir_all(&dir).ok();
}

#[cfg(target_os = "linux")]
#[test]
fn output_that_cannot_be_written_exits_1() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_policy-calc"))
        .args(["batch", "five-strong"])
        .stdin(Stdio::piped())
        .stdout(full)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"level\ntown\n").unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(1));
}

#[test]
fn rows_stream_a_row_read_a_row_answered() {
    // A 100,000-row input, written only as fast as the tool reads it (a pipe
    // holds some 64 KB): the first answers arrive while most of it is still
    // unwritten, so the tool holds no rows back and its memory does not grow
    // with them. The input then ends where it got to; every row written is answered.
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::Arc;
    const ROWS: usize = 100_000;
    let mut child = Command::new(env!("CARGO_BIN_EXE_policy-calc"))
        .args(["batch", "five-strong", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let (written, stop) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicBool::new(false)));
    let (count, stopped) = (written.clone(), stop.clone());
    let writer = std::thread::spawn(move || {
        stdin.write_all(b"level,#row\n").unwrap();
        for i in 0..ROWS {
            if stopped.load(Ordering::SeqCst) {
                break;
            }
            stdin.write_all(format!("village,{i}\n").as_bytes()).unwrap();
            count.store(i + 1, Ordering::SeqCst);
        }
    });
    let mut first = [0u8; 4096];
    stdout.read_exact(&mut first).unwrap();
    let when_first = written.load(Ordering::SeqCst);
    assert!(when_first < ROWS / 4, "output began after {when_first} of {ROWS} rows were written");
    stop.store(true, Ordering::SeqCst);
    let mut rest = Vec::new();
    stdout.read_to_end(&mut rest).unwrap();
    writer.join().unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(0));
    let rows = written.load(Ordering::SeqCst) as u64;
    let mut all = first.to_vec();
    all.extend(rest);
    let text = String::from_utf8(all).unwrap();
    assert_eq!(text.lines().count() as u64, 1 + rows + 1);
    assert!(text.ends_with(&format!("total,,,{}.00,,,,,,\r\n", 500_000 * rows)), "{}", &text[text.len() - 80..]);
}

#[test]
fn a_quote_left_open_and_a_header_without_fields_are_said_not_swallowed() {
    let csv = "区域,林种,面积（亩）\nsandy,shrub,120.5\n\"sandy,shrub,1\nsandy,arbor,2\n";
    let out = run_cli(&["batch", "forest-maintenance", "-"], csv.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("invalidCsv"), "{text}");
    assert!(text.contains("引号没有闭合"), "{text}");
    for header in ["\"\n", ",\n1\n", "#note\nx\n"] {
        let out = run_cli(&["batch", "forest-maintenance", "-"], header.as_bytes());
        assert_eq!(out.status.code(), Some(2), "{header:?}");
    }
}
