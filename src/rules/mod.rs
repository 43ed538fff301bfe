//! The rules: one module per regulation, parameters at the top with their
//! citations, then small functions that read like the articles.
#![forbid(unsafe_code)]

pub mod five_strong;
pub mod forest;
pub mod forest_construction;
pub mod forest_maintenance;
pub mod property_star;
