//! The boundaries inside `src/` (docs/architecture.md): the rules core is pure,
//! safe Rust — no I/O, no wasm-bindgen, no `unsafe` — and only the thin
//! bindings (`src/wasm.rs`, `src/bin/`) touch the outside world.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn core_files() -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.retain(|p| {
        let rel = p.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        rel != "wasm.rs" && !rel.starts_with("bin/")
    });
    files
}

#[test]
fn the_core_has_no_io_no_bindings_and_no_unsafe() {
    let files = core_files();
    assert!(files.len() >= 10, "found the core's files: {files:?}");
    for path in files {
        let text = fs::read_to_string(&path).unwrap();
        // Code only: comments may mention what the code must not do.
        let code: String = text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
        for banned in [
            "std::io",
            "std::fs",
            "std::net",
            "std::env",
            "std::process",
            "wasm_bindgen",
            "unsafe ",
            "unsafe{",
            "println!",
            "eprintln!",
        ] {
            assert!(!code.contains(banned), "{} uses {banned}", path.display());
        }
    }
}

#[test]
fn every_core_module_forbids_unsafe() {
    for path in core_files() {
        let rel = path.to_string_lossy().replace('\\', "/");
        // lib.rs holds the contract; rules/ is covered by rules/mod.rs.
        if rel.ends_with("src/lib.rs") || (rel.contains("/rules/") && !rel.ends_with("rules/mod.rs")) {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains("#![forbid(unsafe_code)]"), "{} does not forbid unsafe code", path.display());
    }
}

#[test]
fn lints_live_in_cargo_toml() {
    let manifest = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    assert!(manifest.contains("[lints.rust]") && manifest.contains("unsafe_code = \"deny\""));
    assert!(manifest.contains("[lints.clippy]"));
    assert!(!manifest.contains("libc"), "the CLI's date needs no C library");
}

#[test]
fn every_calculator_is_in_the_list_of_ids() {
    let ids: Vec<&str> = policy_calc::CALCULATORS.iter().map(|c| c.id).collect();
    assert_eq!(ids, policy_calc::ALL_CALCULATOR_IDS);
}
