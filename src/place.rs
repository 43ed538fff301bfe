//! Yinchuan's county-level units (docs/rulebook.md §0, `location`).
#![forbid(unsafe_code)]

use crate::schema::{choice, Choice};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Location {
    Xingqing,
    Jinfeng,
    Xixia,
    Yongning,
    Helan,
    Lingwu,
}

/// The codes accepted for `location`.
pub const LOCATIONS: &[(&str, Location)] = &[
    ("xingqing", Location::Xingqing),
    ("jinfeng", Location::Jinfeng),
    ("xixia", Location::Xixia),
    ("yongning", Location::Yongning),
    ("helan", Location::Helan),
    ("lingwu", Location::Lingwu),
];

/// Who pays: the city for the three city districts (市辖区), the county for
/// the counties (县（市）).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Payer {
    City,
    County,
}

/// (code, 中文名, English name) of each county-level unit.
const NAMES: [(Location, &str, &str); 6] = [
    (Location::Xingqing, "兴庆区", "Xingqing"),
    (Location::Jinfeng, "金凤区", "Jinfeng"),
    (Location::Xixia, "西夏区", "Xixia"),
    (Location::Yongning, "永宁县", "Yongning"),
    (Location::Helan, "贺兰县", "Helan"),
    (Location::Lingwu, "灵武市", "Lingwu"),
];

impl Location {
    pub fn name_zh(self) -> &'static str {
        NAMES.iter().find(|(l, _, _)| *l == self).map_or("", |(_, zh, _)| zh)
    }

    pub fn name_en(self) -> &'static str {
        NAMES.iter().find(|(l, _, _)| *l == self).map_or("", |(_, _, en)| en)
    }

    pub fn is_city_district(self) -> bool {
        matches!(self, Location::Xingqing | Location::Jinfeng | Location::Xixia)
    }

    pub fn payer(self) -> Payer {
        if self.is_city_district() {
            Payer::City
        } else {
            Payer::County
        }
    }
}

/// The six units as options of a form (the catalog), in the order of [`LOCATIONS`].
pub const LOCATION_CHOICES: &[Choice] = &[
    choice("xingqing", "兴庆区", "Xingqing District"),
    choice("jinfeng", "金凤区", "Jinfeng District"),
    choice("xixia", "西夏区", "Xixia District"),
    choice("yongning", "永宁县", "Yongning County"),
    choice("helan", "贺兰县", "Helan County"),
    choice("lingwu", "灵武市", "Lingwu City"),
];
