//! The request reader: any bytes are read or refused, never a panic, never
//! unbounded recursion; what it reads, serde_json reads the same way.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match policy_calc::json::parse(text) {
        Ok(_) => {
            // Ours refuses duplicate keys and deep nesting that serde_json allows,
            // and skips a leading byte-order mark (RFC 8259 §8.1 allows it), but
            // never accepts what serde_json refuses.
            let body = text.strip_prefix('\u{feff}').unwrap_or(text);
            assert!(serde_json::from_str::<serde_json::Value>(body).is_ok(), "accepted non-JSON: {text:?}");
        }
        Err(e) => assert!(e.line >= 1 && e.column >= 1),
    }
});
