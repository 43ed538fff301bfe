//! Every parameter is data with its document, article, verbatim words and
//! values by date (docs/rulebook.md, “Parameters”); the words are checked
//! against the repository's copies of the texts, and a renewed measure is a
//! data change.

use policy_calc::date::Date;
use policy_calc::param::{Dated, Parameter};
use policy_calc::rules::forest::RatedAs;
use policy_calc::rules::forest_maintenance::{self as maintenance, AgeBands, RateRow, ScheduleRequest};
use rust_decimal_macros::dec;
use std::collections::HashSet;
use std::fs;
use std::path::Path;

/// The repository's copy of the text whose heading is `title`.
fn regulation_text(title: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/regulations");
    for entry in fs::read_dir(&dir).expect("www/regulations") {
        let text = fs::read_to_string(entry.unwrap().path()).unwrap();
        if text.lines().next().is_some_and(|l| l.trim_start_matches("# ").trim() == title) {
            return text;
        }
    }
    panic!("no copy of {title} in www/regulations");
}

/// Whitespace differs between the gazette's lines and our quotes; nothing else may.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_parameters_words_are_in_the_text() {
    let all = policy_calc::rules::parameters();
    assert!(all.len() >= 25, "{} parameters", all.len());
    let mut names = HashSet::new();
    for p in &all {
        assert!(names.insert(p.name()), "{} is named twice", p.name());
        let text = squeeze(&regulation_text(p.document().title_zh));
        assert!(!p.words().is_empty(), "{} quotes no words", p.name());
        for words in p.words() {
            assert!(
                text.contains(&squeeze(words)),
                "{}: “{words}” is not in the text of {}",
                p.name(),
                p.document().title_zh
            );
        }
        // The article itself is there too (第十条（一）1 → 第十条).
        if let Some(article) = p.article().split('（').next().filter(|a| a.starts_with('第')) {
            assert!(text.contains(article), "{}: {article} not found", p.name());
        }
    }
}

#[test]
fn every_parameters_periods_are_in_order_and_start_with_the_measure() {
    for p in policy_calc::rules::parameters() {
        let periods = p.periods();
        assert!(!periods.is_empty(), "{}", p.name());
        assert_eq!(
            periods[0].0,
            p.document().in_force.from,
            "{}: the first values are those the measure took effect with",
            p.name()
        );
        for pair in periods.windows(2) {
            let (end, next) = (pair[0].1.expect("only the last period may be open"), pair[1].0);
            assert!(end < next, "{}: periods overlap", p.name());
        }
    }
}

#[test]
fn rate_rows_are_found_by_key() {
    for zone in [maintenance::Zone::Sandy, maintenance::Zone::Oasis] {
        for rated_as in [RatedAs::Arbor, RatedAs::Shrub] {
            let r = maintenance::rates_for(zone, rated_as);
            assert_eq!((r.zone, r.rated_as), (zone, rated_as));
        }
    }
}

/// A renewed maintenance measure (hypothetical figures, for the test only): new
/// rates from 2027-06-23 are one more `Dated` entry, and the schedule uses them
/// for the funded years they cover.
const RENEWED: Parameter<RateRow> = Parameter::new(
    ("test", "rate.sandy.shrub"),
    &maintenance::DOCUMENT,
    "第十条（一）2",
    &["灌木林补偿标准"],
    &[
        Dated {
            from: Date::ymd(2022, 6, 23),
            to: Some(Date::ymd(2027, 6, 22)),
            value: RateRow { base: dec!(130), later: dec!(20) },
        },
        Dated { from: Date::ymd(2027, 6, 23), to: None, value: RateRow { base: dec!(150), later: dec!(25) } },
    ],
);

#[test]
fn a_renewed_measure_is_a_data_change() {
    let request = ScheduleRequest {
        planting_year: 2014,
        area_mu: dec!(120.5),
        first_year: 2027,
        horizon: 3,
        self_sustaining: false,
        last_valid_year: 2027,
    };
    // Today's figures: the worked example.
    let (rows, _) = maintenance::schedule(
        &maintenance::rates_for(maintenance::Zone::Sandy, RatedAs::Shrub).row,
        &maintenance::AGE_BANDS,
        &request,
    );
    let amounts: Vec<String> = rows.iter().map(|r| r.amount.to_string()).collect();
    assert_eq!(amounts, ["6416.38", "5133.11", "2410.00"]);
    // Renewed from 2027-06-23: 2027 still under the old figures (its funds were
    // applied for by 2026-06-30); 2028 and 2029 under the new ones.
    let (rows, _) = maintenance::schedule(&RENEWED, &maintenance::AGE_BANDS, &request);
    let rates: Vec<String> = rows.iter().map(|r| r.rate_per_mu.to_string()).collect();
    assert_eq!(rates, ["53.248", "49.152", "25"], "150 × 0.8⁵ = 49.152 in 2028; 25 from age 16");
    // The age bands are a parameter too.
    let bands: AgeBands = maintenance::AGE_BANDS.at(Date::ymd(2026, 1, 1));
    assert_eq!((bands.base_last_age, bands.decline_last_age, bands.reduced_last_age), (10, 15, 20));
}
