//! Where the learner pastes the whole token response. The button is always clickable: an empty
//! box gets its own message from the checker.

use yew::prelude::*;

use super::state::{Action, State};

pub struct ResponseCheckProps {
    pub id_prefix: AttrValue,
    pub paste: String,
    pub checking: bool,
    pub dispatch: UseReducerDispatcher<State>,
    pub on_check: Callback<()>,
}

/// The lesson's own placeholder; the checker recognises it when it is pasted back.
const PLACEHOLDER: &str = "{\n  \"token_type\": \"Bearer\",\n  ...\n}";

/// A plain function rather than a component: it has no hooks, and its props (a fresh callback
/// each time) changed on every render of the app anyway.
pub fn response_check(props: &ResponseCheckProps) -> Html {
    let id = format!("{}-paste", props.id_prefix);
    let help_id = format!("{}-paste-help", props.id_prefix);
    let oninput = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            // A check is coming: the explainer need not wait for an idle moment.
            crate::browser::explainer::prepare();
            dispatch.dispatch(Action::SetPaste(el.value()));
        })
    };
    let onclick = {
        let on_check = props.on_check.clone();
        Callback::from(move |_: MouseEvent| on_check.emit(()))
    };
    html! {
        <div class="occ-field">
            <label for={id.clone()}>{ "Token response" }</label>
            <textarea
                id={id}
                value={props.paste.clone()}
                placeholder={PLACEHOLDER}
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                aria-describedby={help_id.clone()}
                {oninput}
            />
            <span class="occ-help" id={help_id}>
                { "Paste everything the command printed — the whole JSON response, not only the \
                   access token. It is checked here in your browser and never sent anywhere." }
            </span>
            <div class="occ-row">
                <button type="button" class="occ-primary" {onclick}>{ "Check your response" }</button>
                if props.checking {
                    <span class="occ-muted">{ "Checking…" }</span>
                }
            </div>
        </div>
    }
}
