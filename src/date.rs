//! Calendar dates (ISO `YYYY-MM-DD`) and periods of validity.
//!
//! Only what the rules need: parsing, ordering, the year, and whether a date
//! falls inside a document's period of validity.
#![forbid(unsafe_code)]

use serde::{Serialize, Serializer};
use std::fmt;

/// A proleptic Gregorian calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// A checked date; `None` when the day does not exist.
    pub const fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if year < 1 || year > 9999 || month < 1 || month > 12 {
            return None;
        }
        if day < 1 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// For dates written in the source as constants; an impossible date
    /// fails the build, never a run.
    pub const fn ymd(year: i32, month: u8, day: u8) -> Date {
        match Date::new(year, month, day) {
            Some(d) => d,
            None => panic!("impossible constant date"),
        }
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |s: &[u8]| -> Option<u32> {
            s.iter().try_fold(0u32, |acc, &c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
        };
        let year = num(&b[0..4])?;
        let month = num(&b[5..7])?;
        let day = num(&b[8..10])?;
        Date::new(year as i32, month as u8, day as u8)
    }

    pub const fn year(self) -> i32 {
        self.year
    }
    pub const fn month(self) -> u8 {
        self.month
    }
    pub const fn day(self) -> u8 {
        self.day
    }
}

const fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

const fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A document's period of validity, both ends included (`to: None` = no end date).
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Period {
    pub from: Date,
    pub to: Option<Date>,
}

impl Period {
    pub fn contains(&self, date: Date) -> bool {
        date >= self.from && self.to.map_or(true, |to| date <= to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_real_iso_dates() {
        assert_eq!(Date::parse("2026-05-10"), Some(Date::ymd(2026, 5, 10)));
        assert_eq!(Date::parse("2024-02-29"), Some(Date::ymd(2024, 2, 29)));
        for bad in [
            "2023-02-29",
            "1900-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "2026-5-10",
            "2026/05/10",
            "20260510",
            "",
            "0000-01-01",
            "2026-05-1x",
            "+026-05-10",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert_eq!(Date::parse("2000-02-29"), Some(Date::ymd(2000, 2, 29)));
    }

    #[test]
    fn periods_include_both_ends() {
        let p = Period { from: Date::ymd(2022, 6, 23), to: Some(Date::ymd(2027, 6, 22)) };
        assert!(!p.contains(Date::ymd(2022, 6, 22)));
        assert!(p.contains(Date::ymd(2022, 6, 23)));
        assert!(p.contains(Date::ymd(2027, 6, 22)));
        assert!(!p.contains(Date::ymd(2027, 6, 23)));
        let open = Period { from: Date::ymd(2022, 5, 25), to: None };
        assert!(open.contains(Date::ymd(2999, 1, 1)));
    }
}
