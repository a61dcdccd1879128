//! Reading the clock happens here, once per check, and the value is passed into the pure core.
//! (`std::time::SystemTime::now()` does not work on wasm32-unknown-unknown.)

/// Seconds since the Unix epoch, from `Date.now()`.
pub fn now_unix() -> i64 {
    (js_sys::Date::now() / 1000.0).floor() as i64
}

/// The learner's local date and time for a Unix time, as the browser formats it.
pub fn local_time(unix: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix as f64 * 1000.0));
    String::from(date.to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED))
}
