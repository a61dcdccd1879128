//! When the widget cannot fetch the issuer's signing keys (or they do not fit the token), the
//! learner can paste the JWKS by hand. Keys are public data; they are never stored.

use std::rc::Rc;

use yew::prelude::*;

use super::state::{Action, State};
use crate::core::report::Status;
use crate::core::wire::View;

pub struct KeysFallbackProps {
    pub id_prefix: AttrValue,
    pub levels: super::Levels,
    pub report: Option<Rc<View>>,
    pub checking: bool,
    pub keys: String,
    pub dispatch: UseReducerDispatcher<State>,
    pub on_check_keys: Callback<()>,
    /// Check with the keys of the host the token names (the learner's explicit choice).
    pub on_check_host: Callback<String>,
}

/// A plain function rather than a component: it has no hooks, and its props (a fresh callback
/// each time) changed on every render of the app anyway.
pub fn keys_fallback(props: &KeysFallbackProps) -> Html {
    let Some(report) = &props.report else {
        return html! {};
    };
    let Some(help) = &report.keys_help else {
        return html! {};
    };
    let needs_keys = report
        .findings
        .iter()
        .any(|f| f.id == "signature" && matches!(f.status, Status::Skip | Status::Fail));
    if !needs_keys && props.keys.is_empty() {
        return html! {};
    }
    let id = format!("{}-keys", props.id_prefix);
    let help_id = format!("{}-keys-help", props.id_prefix);
    let oninput = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            dispatch.dispatch(Action::SetKeysPaste(el.value()));
        })
    };
    let onclick = {
        let on_check_keys = props.on_check_keys.clone();
        Callback::from(move |_: MouseEvent| on_check_keys.emit(()))
    };
    let other_host = report.other_host.as_ref().map(|host| {
        let onclick = {
            let on_check_host = props.on_check_host.clone();
            let host = host.clone();
            Callback::from(move |_: MouseEvent| on_check_host.emit(host.clone()))
        };
        html! {
            <div class="occ-keys-host" data-testid="keys-other-host">
                <p class="occ-help">
                    { "The token names its issuer on " }<code>{ host.clone() }</code>
                    { ", not on the host of your token endpoint. Use that host's keys only if that server is yours:                        any server can sign a token that names itself." }
                </p>
                <button type="button" class="occ-primary" {onclick} disabled={props.checking}>
                    { "Check with the keys published by " }<code>{ host.clone() }</code>
                </button>
            </div>
        }
    });
    html! {
        <div class="occ-field occ-keys" data-testid="keys-fallback">
            { for other_host }
            <@{props.levels.part()} class="occ-h-part">{ "Check the signature with keys you paste" }</@>
            <label for={id.clone()}>{ "Signing keys (JWKS)" }</label>
            <textarea id={id} value={props.keys.clone()} spellcheck="false" autocomplete="off"
                aria-describedby={help_id.clone()} {oninput} />
            <span class="occ-help" id={help_id}>{ help.clone() }</span>
            <div class="occ-row">
                <button type="button" class="occ-primary" {onclick} disabled={props.checking}>
                    { "Check the signature with these keys" }
                </button>
            </div>
        </div>
    }
}
