//! `evaluate` on five-strong: any bytes give one JSON response of the promised shape.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policy_calc::date::Date;

fuzz_target!(|data: &[u8]| {
    let response = policy_calc::evaluate_bytes("five-strong", data, Date::ymd(2026, 5, 10));
    let value: serde_json::Value = serde_json::from_str(&response).expect("the response is JSON");
    match value["ok"].as_bool() {
        Some(true) => assert!(value["result"].is_object()),
        Some(false) => assert!(value["error"]["code"].is_string() && value["error"]["messageZh"].is_string()),
        None => panic!("a response without ok: {response}"),
    }
});
