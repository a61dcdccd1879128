//! A bug (a Rust panic) in the browser: its own test binary, because a panic stops the page's
//! WebAssembly for good — as it would for a learner — and every test after it in the same
//! binary would fail. Run with `cargo test --target wasm32-unknown-unknown --test web_panic`.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The learner must then see a sentence, not a form that silently ignores them. Mounting another
/// widget later must not swap the hook back for yew's default one (which logs the panic message,
/// and could quote a typed value).
#[wasm_bindgen_test]
async fn a_bug_replaces_the_widgets_with_a_sentence() {
    let document = web_sys::window().unwrap().document().unwrap();
    oauth_cc_widget::components::mount_all();
    let host = document.create_element("div").unwrap();
    host.set_attribute("data-oauth-cc-widget", "").unwrap();
    host.set_attribute("data-storage-namespace", "web-panic")
        .unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    oauth_cc_widget::components::mount_into(host.clone());
    yew::scheduler::flush().await;
    // A panic in a callback of its own, as a bug in an event handler would be.
    let bug = wasm_bindgen::closure::Closure::once_into_js::<_, _, ()>(|| panic!("a bug"));
    web_sys::window()
        .unwrap()
        .set_timeout_with_callback_and_timeout_and_arguments_0(bug.unchecked_ref(), 0)
        .unwrap();
    sleep(100).await;
    let said = host.text_content().unwrap_or_default();
    assert!(
        said.starts_with("Something went wrong in this exercise and it stopped."),
        "the widget shows: {said:?}"
    );
    assert!(!said.contains("a bug"), "the panic's message is not shown");
}
