//! Browser tests: the widget mounted into a real page in headless Chromium.
//! Run with `cargo test --target wasm32-unknown-unknown --test web` (the test command does).
#![cfg(target_arch = "wasm32")]

use oauth_cc_widget::components::mount_into;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

mod friction;
mod signature;
#[path = "../support/webcrypto.rs"]
mod webcrypto;

pub(crate) fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts a widget into a fresh host element with the given attributes and waits for rendering.
/// The explainer runs linked into this test's WebAssembly (the built site starts it as a worker;
/// the end-to-end suite tests that).
pub(crate) async fn mount(attributes: &[(&str, &str)]) -> Element {
    oauth_cc_widget::browser::explainer::run_here(oauth_cc_widget::explainer::handle);
    let host = document().create_element("div").unwrap();
    host.set_attribute("data-oauth-cc-widget", "").unwrap();
    for (name, value) in attributes {
        host.set_attribute(name, value).unwrap();
    }
    document().body().unwrap().append_child(&host).unwrap();
    mount_into(host.clone());
    yew::scheduler::flush().await;
    host
}

pub(crate) fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

pub(crate) fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

pub(crate) fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default()
}

/// The control that the label with exactly this text names (asserting there is exactly one).
pub(crate) fn control(root: &Element, label: &str) -> Element {
    let labels: Vec<Element> = all(root, "label")
        .into_iter()
        .filter(|l| text(l).trim() == label)
        .collect();
    assert_eq!(labels.len(), 1, "exactly one label reads {label:?}");
    let id = labels[0].get_attribute("for").expect("label has a for");
    let matches = all(root, &format!("#{id}"));
    assert_eq!(
        matches.len(),
        1,
        "label {label:?} names one control in this widget"
    );
    matches[0].clone()
}

pub(crate) async fn type_into(root: &Element, label: &str, value: &str) {
    let el = control(root, label);
    if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
        input.set_value(value);
    } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
        area.set_value(value);
    }
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    el.dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;
}

/// Clicks as a pointer would: the element takes the focus, then the click.
pub(crate) async fn click(el: &Element) {
    let el = el.dyn_ref::<HtmlElement>().unwrap();
    let _ = el.focus();
    el.click();
    yew::scheduler::flush().await;
}

pub(crate) fn button(root: &Element, name: &str) -> Element {
    all(root, "button")
        .into_iter()
        .find(|b| text(b).trim() == name)
        .unwrap_or_else(|| panic!("no button named {name:?}"))
}

pub(crate) fn command(root: &Element) -> String {
    text(&one(root, "[data-testid=token-request]"))
}

#[wasm_bindgen_test]
async fn the_exercise_page_renders_every_step_and_section() {
    let host = mount(&[]).await;
    let headings: Vec<String> = all(&host, "h2, h3").iter().map(text).collect();
    for expected in [
        "Client Credentials Flow for Service Apps",
        "Steps",
        "Your token request",
        "Check your token response",
        "Report",
    ] {
        assert!(
            headings.iter().any(|h| h == expected),
            "heading {expected:?} in {headings:?}"
        );
    }
    let steps = all(&host, "ol[data-testid=steps] > li");
    assert!(
        steps.len() >= 7,
        "the seven steps of the exercise, got {}",
        steps.len()
    );
    let all_steps: String = steps.iter().map(text).collect::<Vec<_>>().join(" ");
    for name in [
        "Applications",
        "Create Application",
        "Machine to Machine Applications",
        "Authorize",
        "Settings",
        "Getting Started",
        "token endpoint",
    ] {
        assert!(all_steps.contains(name), "the steps mention {name:?}");
    }
}

#[wasm_bindgen_test]
async fn instructions_can_be_hidden_by_the_host() {
    let host = mount(&[("data-instructions", "hide")]).await;
    assert!(all(&host, "ol[data-testid=steps]").is_empty());
    assert!(!all(&host, "[data-testid=token-request]").is_empty());
    // The lesson shows its own heading: the widget's title goes with the steps.
    assert!(all(&host, ".occ-h-title").is_empty());
    let shown = mount(&[("data-instructions", "hide"), ("data-title", "show")]).await;
    assert_eq!(all(&shown, ".occ-h-title").len(), 1);
    let no_title = mount(&[("data-title", "hide")]).await;
    assert!(all(&no_title, ".occ-h-title").is_empty());
    assert!(!all(&no_title, "ol[data-testid=steps]").is_empty());
}

#[wasm_bindgen_test]
async fn headings_start_at_the_hosts_level() {
    let tags = |host: &Element, class: &str| -> Vec<String> {
        all(host, class).iter().map(|e| e.tag_name()).collect()
    };
    let host = mount(&[("data-heading-level", "4")]).await;
    assert_eq!(tags(&host, ".occ-h-title"), ["H4"]);
    assert!(tags(&host, ".occ-h-section").iter().all(|t| t == "H5"));
    assert!(tags(&host, ".occ-h-part").iter().all(|t| t == "H6"));
    // Never past <h6>.
    let deep = mount(&[("data-heading-level", "6")]).await;
    assert!(tags(&deep, ".occ-h-section").iter().all(|t| t == "H6"));
    // The default: <h2>, sections <h3>.
    let plain = mount(&[]).await;
    assert_eq!(tags(&plain, ".occ-h-title"), ["H2"]);
    assert!(tags(&plain, ".occ-h-section").iter().all(|t| t == "H3"));
}

#[wasm_bindgen_test]
async fn each_label_names_exactly_one_control_and_ids_are_unique_per_widget() {
    let first = mount(&[]).await;
    let second = mount(&[]).await;
    for label in [
        "Token endpoint",
        "Client ID",
        "Client secret",
        "Audience",
        "Scope",
        "Token response",
    ] {
        let a = control(&first, label);
        let b = control(&second, label);
        assert_ne!(a.id(), b.id(), "{label} has its own id in each widget");
        assert_eq!(
            all(
                &document().document_element().unwrap(),
                &format!("#{}", a.id())
            )
            .len(),
            1
        );
    }
}

#[wasm_bindgen_test]
async fn typing_updates_the_command_and_the_secret_is_masked_until_shown() {
    let host = mount(&[
        ("data-shell", "bash"),
        ("data-storage-namespace", "web-typing"),
    ])
    .await;
    let before = command(&host);
    type_into(&host, "Client ID", "my-client-id-123").await;
    type_into(&host, "Client secret", "s3cr3t-value").await;
    let after = command(&host);
    assert_ne!(before, after);
    assert!(
        after.contains("my-client-id-123"),
        "the command has the client ID: {after}"
    );
    assert!(
        !after.contains("s3cr3t-value"),
        "the secret is masked by default: {after}"
    );
    let toggle = button(&host, "Show secret");
    assert_eq!(
        toggle.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    click(&toggle).await;
    assert_eq!(
        toggle.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    assert!(
        command(&host).contains("s3cr3t-value"),
        "revealed: {}",
        command(&host)
    );
}

#[wasm_bindgen_test]
async fn an_empty_paste_gets_a_fail_verdict_on_the_root() {
    let host = mount(&[]).await;
    assert!(host.get_attribute("data-verdict").is_none());
    click(&button(&host, "Check your response")).await;
    assert_eq!(host.get_attribute("data-verdict").as_deref(), Some("fail"));
    let report = text(&one(&host, "[data-testid=report]"));
    assert!(
        report.to_lowercase().contains("paste"),
        "the report asks for the response: {report}"
    );
}

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
async fn copy_confirms_or_selects_the_real_command() {
    let host = mount(&[
        ("data-shell", "bash"),
        ("data-storage-namespace", "web-copy"),
    ])
    .await;
    type_into(&host, "Token endpoint", "dev-copy.us.auth0.com").await;
    type_into(&host, "Client ID", "copy-client").await;
    type_into(&host, "Client secret", "copy-me-secret").await;
    click(&button(&host, "Show secret")).await;
    click(&button(&host, "Copy")).await;
    let status = one(&host, "[data-testid=copy-status]");
    for _ in 0..40 {
        if !text(&status).is_empty() {
            break;
        }
        signature::sleep(25).await;
        yew::scheduler::flush().await;
    }
    let said = text(&status);
    if said != "Copied" {
        // No clipboard permission in this browser: the command is selected instead.
        assert!(said.contains("selected"), "copy status: {said:?}");
        let selection = web_sys::window().unwrap().get_selection().unwrap().unwrap();
        let selected = String::from(selection.to_string());
        assert_eq!(selected, command(&host));
        assert!(selected.contains("copy-me-secret"));
    }
    // A new command makes the old confirmation untrue, so it goes.
    type_into(&host, "Scope", "read:copy").await;
    assert!(command(&host).contains("read:copy"));
    assert_eq!(
        text(&status),
        "",
        "the copy status after the command changed"
    );
}

#[wasm_bindgen_test]
async fn copying_the_masked_command_by_hand_says_it_will_not_run() {
    let host = mount(&[
        ("data-shell", "bash"),
        ("data-storage-namespace", "web-copy-hand"),
    ])
    .await;
    type_into(&host, "Client secret", "by-hand-secret").await;
    let pre = one(&host, "[data-testid=token-request]");
    assert!(
        !command(&host).contains("by-hand-secret"),
        "masked on screen"
    );
    oauth_cc_widget::browser::clipboard::select_contents(&pre);
    // A copy event as the browser fires it for Ctrl+C, with its own clipboard data.
    let data = web_sys::DataTransfer::new().unwrap();
    let init = web_sys::ClipboardEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_clipboard_data(Some(&data));
    let event = web_sys::ClipboardEvent::new_with_event_init_dict("copy", &init).unwrap();
    pre.dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;
    // The secret is never put on the clipboard behind the learner's back ...
    assert!(!event.default_prevented());
    assert!(!data
        .get_data("text/plain")
        .unwrap()
        .contains("by-hand-secret"));
    // ... they are told why this copy will not run, and what to do.
    let said = text(&one(&host, "[data-testid=copy-status]"));
    assert!(
        said.contains("will not run") && said.contains("Show secret"),
        "{said}"
    );
    // Revealed, a copy by hand is an ordinary copy.
    click(&button(&host, "Show secret")).await;
    assert!(!text(&one(&host, "[data-testid=copy-status]")).contains("will not run"));
}

#[wasm_bindgen_test]
async fn shell_and_client_authentication_choices_change_the_command() {
    let host = mount(&[
        ("data-shell", "bash"),
        ("data-storage-namespace", "web-choices"),
    ])
    .await;
    type_into(&host, "Client ID", "id-1").await;
    type_into(&host, "Client secret", "pa ss&word").await;
    click(&button(&host, "Show secret")).await;
    let bash = command(&host);
    assert!(bash.starts_with("curl "), "{bash}");
    assert!(bash.contains("client_secret=pa ss&word'"), "{bash}");
    let radio = |label: &str| {
        all(&host, "label")
            .into_iter()
            .find(|l| text(l).contains(label))
            .and_then(|l| l.get_attribute("for"))
            .map(|id| one(&host, &format!("#{id}")))
            .unwrap()
    };
    click(&radio("PowerShell")).await;
    let ps = command(&host);
    assert!(
        ps.starts_with("curl.exe "),
        "PowerShell must not use the curl alias: {ps}"
    );
    assert!(
        ps.lines()
            .take(ps.lines().count() - 1)
            .all(|l| l.ends_with('`')),
        "{ps}"
    );
    click(&radio("cmd")).await;
    let cmd = command(&host);
    assert!(
        cmd.lines()
            .take(cmd.lines().count() - 1)
            .all(|l| l.ends_with('^')),
        "{cmd}"
    );
    assert!(cmd.contains("^&"), "cmd escapes & with a caret: {cmd}");
    click(&radio("bash")).await;
    click(&radio("Basic")).await;
    let basic = command(&host);
    assert!(
        !basic.contains("client_secret="),
        "never both Basic and body: {basic}"
    );
    assert!(
        basic.contains("pa+ss%26word"),
        "id and secret are form-encoded first: {basic}"
    );
    for line in basic.lines() {
        assert_eq!(line, line.trim_end(), "no trailing spaces");
    }
}

#[wasm_bindgen_test]
async fn non_secret_values_are_remembered_and_forgotten_but_never_the_secret() {
    let ns = "web-persist";
    let key = format!("oauth-cc-widget:{ns}:v1");
    local_storage().remove_item(&key).unwrap();
    let host = mount(&[("data-storage-namespace", ns)]).await;
    type_into(&host, "Token endpoint", "dev-persist.us.auth0.com").await;
    type_into(&host, "Client secret", "never-store-this").await;
    let stored = local_storage()
        .get_item(&key)
        .unwrap()
        .expect("values are saved");
    assert!(stored.contains("dev-persist.us.auth0.com"), "{stored}");
    assert!(!stored.contains("never-store-this"), "{stored}");

    let again = mount(&[("data-storage-namespace", ns)]).await;
    let endpoint: HtmlInputElement = control(&again, "Token endpoint").dyn_into().unwrap();
    assert_eq!(endpoint.value(), "dev-persist.us.auth0.com");
    let secret: HtmlInputElement = control(&again, "Client secret").dyn_into().unwrap();
    assert_eq!(secret.value(), "", "the secret is never restored");

    click(&button(&again, "Forget my values")).await;
    assert_eq!(local_storage().get_item(&key).unwrap(), None);
    let endpoint: HtmlInputElement = control(&again, "Token endpoint").dyn_into().unwrap();
    assert_eq!(endpoint.value(), "");

    // A shell chosen on its own is remembered too (the default alone is not stored).
    let shells = mount(&[("data-storage-namespace", ns), ("data-shell", "bash")]).await;
    assert_eq!(local_storage().get_item(&key).unwrap(), None);
    click(&control(&shells, "cmd (Windows Command Prompt)")).await;
    let stored = local_storage().get_item(&key).unwrap().unwrap_or_default();
    assert!(stored.contains("\"shell\":\"cmd\""), "{stored}");
}

#[wasm_bindgen_test]
async fn a_pasted_error_response_gets_its_own_verdict_and_explanation() {
    let host = mount(&[("data-storage-namespace", "web-error")]).await;
    type_into(&host, "Token endpoint", "dev-err.us.auth0.com").await;
    let body = r#"{"error":"access_denied","error_description":"Unauthorized"}"#;
    type_into(&host, "Token response", body).await;
    click(&button(&host, "Check your response")).await;
    assert_eq!(
        host.get_attribute("data-verdict").as_deref(),
        Some("error-response")
    );
    let report = text(&one(&host, "[data-testid=report]"));
    assert!(
        report.contains("access_denied") && report.contains("Unauthorized"),
        "{report}"
    );
    assert!(
        report.contains("secret"),
        "the fix mentions the credentials: {report}"
    );
    assert!(!all(&host, "[data-check-id][data-status]").is_empty());
    // The rule that explains it is named, for hosts that count learners' mistakes.
    let error = one(&host, "[data-check-id=error_response]");
    assert_eq!(
        error.get_attribute("data-rule").as_deref(),
        Some("errors.auth0.wrong_credentials")
    );
    assert_eq!(
        all(&host, "[data-check-id]").len(),
        all(&host, "[data-check-id][data-rule]").len(),
        "every check names its rule"
    );
}

#[wasm_bindgen_test]
async fn the_report_takes_the_focus_and_goes_stale_or_away_when_its_inputs_change() {
    let host = mount(&[("data-storage-namespace", "web-stale")]).await;
    type_into(&host, "Token endpoint", "dev-stale.us.auth0.com").await;
    let body = r#"{"error":"access_denied","error_description":"Unauthorized"}"#;
    type_into(&host, "Token response", body).await;
    click(&button(&host, "Check your response")).await;
    // After "Check", the keyboard focus is on the result, which a screen reader then reads.
    let headline = one(&host, "[data-testid=headline]");
    let active = document()
        .active_element()
        .expect("something has the focus");
    assert!(
        active.is_same_node(Some(&headline)),
        "focus is on {}",
        active.tag_name()
    );
    assert!(all(&host, "[data-testid=stale]").is_empty());
    // Editing the form keeps the report but says it may no longer match.
    type_into(&host, "Audience", "https://api.example.com").await;
    let stale = text(&one(&host, "[data-testid=stale]"));
    assert!(stale.contains("check again"), "{stale}");
    assert_eq!(
        host.get_attribute("data-verdict").as_deref(),
        Some("error-response")
    );
    // A new paste removes the report about the old one (and its verdict on the host).
    type_into(&host, "Token response", "{}").await;
    assert!(all(&host, "[data-testid=headline]").is_empty());
    assert_eq!(host.get_attribute("data-verdict"), None);
    // Checking again clears the stale mark.
    click(&button(&host, "Check your response")).await;
    assert!(!all(&host, "[data-testid=headline]").is_empty());
    assert!(all(&host, "[data-testid=stale]").is_empty());
}

#[wasm_bindgen_test]
async fn broken_json_is_located_and_pasted_markup_stays_text() {
    let host = mount(&[("data-storage-namespace", "web-broken")]).await;
    let paste = "{\n  \u{201c}access_token\u{201d}: \"<img src=x onerror=alert(1)>\"\n}";
    type_into(&host, "Token response", paste).await;
    click(&button(&host, "Check your response")).await;
    assert_eq!(host.get_attribute("data-verdict").as_deref(), Some("fail"));
    let report = one(&host, "[data-testid=report]");
    let said = text(&report);
    assert!(said.contains("line 2"), "points at the line: {said}");
    assert!(said.contains("U+201C"), "names the character: {said}");
    assert!(
        all(&report, "img").is_empty(),
        "pasted markup is never rendered as HTML"
    );
    let failing = all(&host, "[data-status=fail]");
    assert!(!failing.is_empty() && failing.iter().all(|f| !text(f).trim().is_empty()));
    // Quoted text is shown as code (monospace), not between backticks, and stays text.
    let paste = "{\"access_token\": \"<b>x</b>\" \"token_type\": \"Bearer\"}";
    type_into(&host, "Token response", paste).await;
    click(&button(&host, "Check your response")).await;
    let report = one(&host, "[data-testid=report]");
    let said = text(&report);
    assert!(
        all(&report, "[data-check-id] code")
            .iter()
            .any(|c| text(c).contains("<b>x</b>")),
        "the quoted paste is a code element: {said}"
    );
    assert!(all(&report, "b").is_empty(), "and its markup stays text");
    assert!(!said.contains('`'), "no backticks left: {said}");
}

#[wasm_bindgen_test]
async fn a_one_megabyte_paste_is_checked_and_an_oversized_one_gets_a_size_message() {
    let host = mount(&[("data-storage-namespace", "web-big")]).await;
    // A 1 MB log: curl -v noise around nothing useful.
    let line = "< x-request-id: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789\n";
    let big = line.repeat(1_048_576 / line.len() + 1);
    type_into(&host, "Token response", &big).await;
    click(&button(&host, "Check your response")).await;
    assert_eq!(host.get_attribute("data-verdict").as_deref(), Some("fail"));
    assert!(!text(&one(&host, "[data-testid=headline]")).is_empty());

    // Over the limit, with JSON in it (text of any size with no `{` holds no response, and
    // says that instead).
    let huge = format!(
        "{{\"x\": \"{}\"}}",
        "x".repeat(oauth_cc_widget::core::check::MAX_PASTE_BYTES)
    );
    type_into(&host, "Token response", &huge).await;
    click(&button(&host, "Check your response")).await;
    let size = one(&host, "[data-check-id=paste_size]");
    assert_eq!(size.get_attribute("data-status").as_deref(), Some("fail"));
}
