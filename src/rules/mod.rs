//! The rules: one module per regulation, parameters at the top with their
//! citations, then small functions that read like the articles.
#![forbid(unsafe_code)]

#[cfg(feature = "five")]
pub mod five_strong;
#[cfg(feature = "forest")]
pub mod forest;
#[cfg(feature = "forest")]
pub mod forest_construction;
#[cfg(feature = "forest")]
pub mod forest_maintenance;
#[cfg(feature = "star")]
pub mod property_star;

/// Every dated parameter of every measure (docs/rulebook.md, “Parameters”).
pub fn parameters() -> Vec<&'static dyn crate::param::Described> {
    #[allow(unused_mut)]
    let mut all: Vec<&'static dyn crate::param::Described> = Vec::new();
    #[cfg(feature = "forest")]
    {
        all.extend(forest_construction::parameters());
        all.extend(forest_maintenance::parameters());
    }
    #[cfg(feature = "star")]
    all.extend(property_star::parameters());
    #[cfg(feature = "five")]
    all.extend(five_strong::parameters());
    all
}
