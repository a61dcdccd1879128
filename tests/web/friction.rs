//! Issue 14 §5–§6 in the browser: Copy with placeholders, Ctrl+A in the command, the focus and
//! the announcement after one-click actions (with an undo for "Forget my values"), the passing
//! checks collapsed, references as links, and the headline heard once.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlDetailsElement, HtmlInputElement};

use super::{all, button, click, command, control, document, mount, one, text, type_into};

fn focused() -> web_sys::Element {
    document()
        .active_element()
        .expect("something has the focus")
}

/// Lets the widget's effects run (the focus moves after the render).
async fn settle() {
    for _ in 0..3 {
        super::signature::sleep(10).await;
        yew::scheduler::flush().await;
    }
}

#[wasm_bindgen_test]
async fn copy_with_placeholders_says_what_to_fill_in_and_copies_nothing() {
    let host = mount(&[
        ("data-shell", "bash"),
        ("data-storage-namespace", "web-unfilled"),
    ])
    .await;
    type_into(&host, "Client ID", "some-client").await;
    click(&button(&host, "Copy")).await;
    settle().await;
    let said = text(&one(&host, "[data-testid=copy-status]"));
    assert!(said.starts_with("Not copied"), "{said}");
    assert!(
        said.contains("the token endpoint and the client secret"),
        "{said}"
    );
    assert!(!said.contains("client ID"), "{said}");
}

#[wasm_bindgen_test]
async fn ctrl_a_in_the_command_selects_the_command_only() {
    let host = mount(&[
        ("data-shell", "bash"),
        ("data-storage-namespace", "web-ctrl-a"),
    ])
    .await;
    type_into(&host, "Token endpoint", "dev-select.us.auth0.com").await;
    let pre = one(&host, "[data-testid=token-request]");
    pre.dyn_ref::<web_sys::HtmlElement>()
        .unwrap()
        .focus()
        .unwrap();
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("a");
    init.set_ctrl_key(true);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    pre.dispatch_event(&event).unwrap();
    assert!(
        event.default_prevented(),
        "the page-wide select-all is replaced"
    );
    let selection = web_sys::window().unwrap().get_selection().unwrap().unwrap();
    assert_eq!(String::from(selection.to_string()), command(&host));
}

#[wasm_bindgen_test]
async fn a_one_click_fix_keeps_the_focus_on_its_field_and_says_what_changed() {
    let host = mount(&[("data-storage-namespace", "web-fix")]).await;
    type_into(&host, "Token endpoint", "dev-fix.us.auth0.com").await;
    type_into(&host, "Scope", "openid profile").await;
    // The fix empties the field: its button names the action, not an empty value.
    let fix = button(&host, "Remove them");
    click(&fix).await;
    settle().await;
    let scope: HtmlInputElement = control(&host, "Scope").dyn_into().unwrap();
    assert_eq!(scope.value(), "");
    assert!(
        focused().is_same_node(Some(&scope)),
        "focus on {}",
        focused().tag_name()
    );
    let notice = text(&one(&host, "[data-testid=notice]"));
    assert_eq!(notice, "Scope is now empty.");
    assert!(all(&host, "button").iter().all(|b| text(b) != "Use “”"));
}

#[wasm_bindgen_test]
async fn forget_my_values_can_be_undone_and_keeps_the_focus_in_the_widget() {
    let host = mount(&[("data-storage-namespace", "web-undo")]).await;
    type_into(&host, "Token endpoint", "dev-undo.us.auth0.com").await;
    type_into(&host, "Client secret", "undo-secret").await;
    click(&button(&host, "Forget my values")).await;
    settle().await;
    let endpoint: HtmlInputElement = control(&host, "Token endpoint").dyn_into().unwrap();
    assert_eq!(endpoint.value(), "");
    let notice = one(&host, "[data-testid=notice]");
    assert!(text(&notice).contains("forgotten"), "{}", text(&notice));
    let undo = button(&host, "Undo");
    assert!(
        focused().is_same_node(Some(&undo)),
        "focus on {}",
        focused().tag_name()
    );
    click(&undo).await;
    settle().await;
    let endpoint: HtmlInputElement = control(&host, "Token endpoint").dyn_into().unwrap();
    assert_eq!(endpoint.value(), "dev-undo.us.auth0.com");
    let secret: HtmlInputElement = control(&host, "Client secret").dyn_into().unwrap();
    assert_eq!(secret.value(), "undo-secret");
    assert!(focused().is_same_node(Some(&endpoint)));
    assert_eq!(text(&notice), "Your values are back.");
}

#[wasm_bindgen_test]
async fn start_over_moves_the_focus_to_the_response_box() {
    let ns = "web-start-over";
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .set_item(&format!("oauth-cc-widget:{ns}:v1"), r#"{"completed":true}"#)
        .unwrap();
    let host = mount(&[("data-storage-namespace", ns)]).await;
    click(&button(&host, "Start over")).await;
    settle().await;
    assert!(all(&host, "[data-testid=completed]").is_empty());
    let paste = control(&host, "Token response");
    assert!(
        focused().is_same_node(Some(&paste)),
        "focus on {}",
        focused().tag_name()
    );
    assert!(text(&one(&host, "[data-testid=notice]")).starts_with("Started over"));
}

#[wasm_bindgen_test]
async fn passing_checks_are_collapsed_under_the_ones_that_need_attention() {
    let host = mount(&[("data-storage-namespace", "web-collapse")]).await;
    // A well-formed response with a refresh token: passing checks, a warning, and a signature
    // that cannot be checked (no endpoint entered).
    let body = r#"{"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer","expires_in":3600,"refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA"}"#;
    type_into(&host, "Token response", body).await;
    click(&button(&host, "Check your response")).await;
    settle().await;
    let details: HtmlDetailsElement = one(&host, "[data-testid=passed-checks]")
        .dyn_into()
        .unwrap();
    assert!(!details.open(), "passing checks start collapsed");
    let inside = all(&details, "[data-check-id]");
    assert!(inside.iter().all(|c| matches!(
        c.get_attribute("data-status").as_deref(),
        Some("pass" | "info")
    )));
    assert!(inside
        .iter()
        .any(|c| c.get_attribute("data-check-id").as_deref() == Some("token_type")));
    let warning = one(&host, "[data-check-id=refresh_token]");
    assert!(!details.contains(Some(&warning)), "a warning stays open");
    let tally = text(&one(&host, "[data-testid=tally]"));
    assert!(
        tally.contains("2 warnings") && tally.contains("passed"),
        "{tally}"
    );
    // References with a stable address are links.
    let links = all(&host, ".occ-ref a");
    assert!(links.iter().any(|a| a
        .get_attribute("href")
        .unwrap_or_default()
        .starts_with("https://www.rfc-editor.org/rfc/rfc6749")));
    // The headline has the focus, so the live region does not read it a second time.
    let headline = one(&host, "[data-testid=headline]");
    assert!(focused().is_same_node(Some(&headline)));
    let live = one(&host, "[data-testid=report] [role=status]");
    assert_eq!(text(&live), "");
}
