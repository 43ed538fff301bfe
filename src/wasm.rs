//! The browser binding (docs/rulebook.md §5): `evaluate(calculatorId, input)` and
//! `catalog()`, returning plain JS objects. It never throws: anything odd the
//! page passes in comes back as `{ok: false, error}`.
//!
//! The request crosses as JSON text (`JSON.stringify`), so the engine sees
//! exactly what the CLI sees and numbers keep their digits.

use crate::date::Date;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = stringify, catch)]
    fn json_stringify(value: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &str) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = Array, js_name = isArray)]
    fn js_sys_is_array(value: &JsValue) -> bool;

    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    fn reflect_get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_name = Date)]
    type JsDate;
    #[wasm_bindgen(constructor, js_class = Date)]
    fn new() -> JsDate;
    #[wasm_bindgen(method, js_name = getFullYear)]
    fn full_year(this: &JsDate) -> u32;
    #[wasm_bindgen(method, js_name = getMonth)]
    fn month0(this: &JsDate) -> u32;
    #[wasm_bindgen(method, js_name = getDate)]
    fn day_of_month(this: &JsDate) -> u32;
}

/// Runs once when the module is instantiated: a panic (there should be none)
/// is written to the console with its message and place. The small build of
/// scripts/build-wasm traps at once instead (no message is kept to write).
#[cfg(not(panic = "immediate-abort"))]
#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// Today in the visitor's local time: the default `asOf`.
fn today() -> Date {
    let d = JsDate::new();
    Date::new(d.full_year() as i32, (d.month0() + 1) as u8, d.day_of_month() as u8).unwrap_or(Date::ymd(1970, 1, 1))
}

/// `target[key]` for an object; `undefined` for anything else (never throws).
fn js_get(target: &JsValue, key: &str) -> JsValue {
    if !target.is_object() {
        return JsValue::UNDEFINED;
    }
    reflect_get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn to_js(json: &str) -> JsValue {
    json_parse(json).unwrap_or_else(|_| JsValue::from_str(json))
}

/// `options.detail`: `"full"` (the default) or `"codes"`.
fn detail_of(options: &JsValue) -> crate::Detail {
    match js_get(options, "detail").as_string().as_deref() {
        Some("codes") => crate::Detail::Codes,
        _ => crate::Detail::Full,
    }
}

/// `options.fields`: the result's keys to keep, when it is a list of names.
fn fields_of(options: &JsValue) -> Option<Vec<String>> {
    let fields = js_get(options, "fields");
    if !js_sys_is_array(&fields) {
        return None;
    }
    match crate::json::parse(&json_text(&fields)) {
        Ok(crate::json::Json::Array(items)) => Some(
            items
                .into_iter()
                .filter_map(|v| match v {
                    crate::json::Json::String(s) => Some(s),
                    _ => None,
                })
                .collect(),
        ),
        _ => None,
    }
}

/// A JS value as JSON text (a string is taken as the text itself).
fn json_text(value: &JsValue) -> String {
    match value.as_string() {
        Some(text) => text,
        None => json_stringify(value).ok().and_then(|v| v.as_string()).unwrap_or_default(),
    }
}

/// `evaluate(calculatorId, input, options?)`: `input` is a plain object (or its
/// JSON text); `options.detail` is `"full"` (the default) or `"codes"`;
/// `options.fields` keeps only those keys of the result.
#[wasm_bindgen]
pub fn evaluate(calculator_id: JsValue, input: JsValue, options: JsValue) -> JsValue {
    let id = calculator_id.as_string().unwrap_or_default();
    let text = json_text(&input);
    let fields = fields_of(&options);
    to_js(&crate::evaluate_json_fields_at(&id, &text, today(), detail_of(&options), fields.as_deref()))
}

/// `evaluateMany(calculatorId, inputs, options?)`: `inputs` is an array of
/// requests (or its JSON text); one response per request, in order, crossing
/// the boundary once each way.
#[wasm_bindgen(js_name = "evaluateMany")]
pub fn evaluate_many(calculator_id: JsValue, inputs: JsValue, options: JsValue) -> JsValue {
    to_js(&evaluate_many_text(calculator_id, inputs, options))
}

/// `evaluateManyText(calculatorId, inputs, options?)`: `evaluateMany`'s answers
/// as the engine writes them, one JSON text (always a list: `inputs` that is
/// not one is answered with a one-element list holding its error), for callers
/// that pass them on as text (www/pool.js posts them from its workers):
/// nothing is turned into JS objects here.
#[wasm_bindgen(js_name = "evaluateManyText")]
pub fn evaluate_many_text(calculator_id: JsValue, inputs: JsValue, options: JsValue) -> String {
    let id = calculator_id.as_string().unwrap_or_default();
    let fields = fields_of(&options);
    crate::evaluate_many_json_at(&id, &json_text(&inputs), today(), detail_of(&options), fields.as_deref())
}

/// `catalog()`: `[{id, titleZh, titleEn, document, inForce}]`.
#[wasm_bindgen]
pub fn catalog() -> JsValue {
    to_js(&crate::catalog_json(today()))
}

/// For the tests of the page's recovery only: traps the module on purpose, as
/// a bug in the engine would. `www/engine.js` answers the call with an
/// `internal` error and replaces the instance; nothing else calls it.
#[wasm_bindgen(js_name = "__trapForTests")]
pub fn trap_for_tests() {
    panic!("a trap forced by a test");
}
