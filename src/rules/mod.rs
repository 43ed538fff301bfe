//! The rules: one module per regulation, parameters at the top with their
//! citations, then small functions that read like the articles.
#![forbid(unsafe_code)]

pub mod five_strong;
pub mod forest;
pub mod forest_construction;
pub mod forest_maintenance;
pub mod property_star;

/// Every dated parameter of every measure (docs/rulebook.md, “Parameters”).
pub fn parameters() -> Vec<&'static dyn crate::param::Described> {
    let mut all = forest_construction::parameters();
    all.extend(forest_maintenance::parameters());
    all.extend(property_star::parameters());
    all.extend(five_strong::parameters());
    all
}
