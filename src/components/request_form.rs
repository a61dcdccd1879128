//! The five request values, with a kind hint beside each field that looks wrong, and the shell
//! and client-authentication choices. Values are stored exactly as typed; a hint may offer a
//! one-click fix, but nothing is changed silently.

use yew::prelude::*;

use super::rich;
use super::state::{Action, Notice, State};
use std::rc::Rc;

use crate::core::endpoint::{EndpointProblem, ResolvedEndpoint};
use crate::core::request::{ClientAuth, Field, Hint, RequestInput, Shell};

pub struct RequestFormProps {
    pub id_prefix: AttrValue,
    pub input: RequestInput,
    pub shell: Shell,
    pub auth: ClientAuth,
    pub reveal_secret: bool,
    pub dispatch: UseReducerDispatcher<State>,
    pub on_forget: Callback<MouseEvent>,
    /// Brings back the values "Forget my values" cleared.
    pub on_undo: Callback<MouseEvent>,
    /// What the last one-click action did.
    pub notice: Option<Notice>,
    /// `field_hints(input)`, memoised by the app.
    pub hints: Rc<Vec<Hint>>,
    /// `resolve_endpoint(input.endpoint)`, memoised by the app.
    pub resolved: Rc<Result<ResolvedEndpoint, EndpointProblem>>,
}

struct FieldSpec {
    field: Field,
    key: &'static str,
    label: &'static str,
    help: &'static str,
    placeholder: &'static str,
}

const FIELDS: [FieldSpec; 5] = [
    FieldSpec {
        field: Field::Endpoint,
        key: "endpoint",
        label: "Token endpoint",
        help: "The token endpoint URL, your Auth0 domain (dev-….auth0.com) or the issuer URL from \
               the introduction exercise.",
        placeholder: "dev-abc123.us.auth0.com",
    },
    FieldSpec {
        field: Field::ClientId,
        key: "client-id",
        label: "Client ID",
        help: "From the Settings tab of your Machine to Machine application.",
        placeholder: "",
    },
    FieldSpec {
        field: Field::ClientSecret,
        key: "client-secret",
        label: "Client secret",
        help: "From the same Settings tab. This page never sends it anywhere and never saves it; \
               only the command you run sends it, to your token endpoint.",
        placeholder: "",
    },
    FieldSpec {
        field: Field::Audience,
        key: "audience",
        label: "Audience",
        help: "The Identifier of the API you created in the Getting Started exercise (for \
               example https://api.example.com). Auth0 needs it to issue a JWT for your API; \
               other servers may not use it.",
        placeholder: "https://api.example.com",
    },
    FieldSpec {
        field: Field::Scope,
        key: "scope",
        label: "Scope",
        help: "Optional: space-separated scopes your API defines. Leave it empty to receive the \
               scopes granted to the application.",
        placeholder: "read:messages",
    },
];

fn value_of(input: &RequestInput, field: Field) -> &str {
    match field {
        Field::Endpoint => &input.endpoint,
        Field::ClientId => &input.client_id,
        Field::ClientSecret => &input.client_secret,
        Field::Audience => &input.audience,
        Field::Scope => &input.scope,
    }
}

/// A plain function rather than a component (a component type costs WebAssembly of its own): the
/// app holds the memoised hints and endpoint, and `on_forget` changes on every app render anyway.
pub fn request_form(props: &RequestFormProps) -> Html {
    let hints = &*props.hints;
    let resolved = &*props.resolved;
    let id = |suffix: &str| format!("{}-{suffix}", props.id_prefix);

    let fields = FIELDS.iter().map(|spec| {
        let field_id = id(spec.key);
        let help_id = id(&format!("{}-help", spec.key));
        let hint_id = id(&format!("{}-hint", spec.key));
        let own_hints: Vec<&Hint> = hints.iter().filter(|h| h.field == spec.field).collect();
        let oninput = {
            let dispatch = props.dispatch.clone();
            let field = spec.field;
            Callback::from(move |e: InputEvent| {
                let el: web_sys::HtmlInputElement = e.target_unchecked_into();
                dispatch.dispatch(Action::SetField(field, el.value()));
            })
        };
        let secret = spec.field == Field::ClientSecret;
        let kind = if secret && !props.reveal_secret { "password" } else { "text" };
        let describedby = if own_hints.is_empty() {
            help_id.clone()
        } else {
            format!("{help_id} {hint_id}")
        };
        let endpoint_used = (spec.field == Field::Endpoint).then(|| match resolved {
            Ok(r) => html! {
                <span class="occ-help" data-testid="endpoint-used">
                    { "Requests go to " }<code>{ r.url.clone() }</code>
                    { for r.notes.iter().map(|n| html! { <span class="occ-help">{ n.clone() }</span> }) }
                </span>
            },
            // The problem itself comes through `field_hints` as an Endpoint hint, with its fix.
            Err(_) => html! {},
        });
        html! {
            <div class="occ-field" key={spec.key}>
                <label for={field_id.clone()}>{ spec.label }</label>
                <input
                    id={field_id}
                    type={kind}
                    value={value_of(&props.input, spec.field).to_string()}
                    placeholder={spec.placeholder}
                    autocomplete="off"
                    autocapitalize="off"
                    autocorrect="off"
                    spellcheck="false"
                    aria-describedby={describedby}
                    aria-invalid={(!own_hints.is_empty()).then_some("true")}
                    {oninput}
                />
                <span class="occ-help" id={help_id}>{ spec.help }</span>
                { endpoint_used.unwrap_or_default() }
                if !own_hints.is_empty() {
                    <div id={hint_id} data-testid={format!("hint-{}", spec.key)}>
                        { for own_hints.iter().map(|h| html! {
                            <p class="occ-hint">
                                { rich(&h.message) }
                                if let Some(fix) = h.fix.clone() {
                                    { " " }{ fix_button(&props.dispatch, spec, fix) }
                                }
                            </p>
                        }) }
                    </div>
                }
            </div>
        }
    });

    // One radio button; both groups share it (one copy of the markup code in the wasm).
    let choice = |group: &str, key: &str, label: &'static str, checked: bool, pick: Pick| {
        let dispatch = props.dispatch.clone();
        let onchange = Callback::from(move |_: Event| dispatch.dispatch(pick.action()));
        let input_id = id(&format!("{group}-{key}"));
        html! {
            <span class="occ-choice">
                <input type="radio" id={input_id.clone()} name={id(group)} {checked} {onchange} />
                <label for={input_id}>{ label }</label>
            </span>
        }
    };
    let shell_choice = |shell: Shell, key: &str, label: &'static str| {
        choice(
            "shell",
            key,
            label,
            props.shell == shell,
            Pick::Shell(shell),
        )
    };
    let auth_choice = |auth: ClientAuth, key: &str, label: &'static str| {
        choice("auth", key, label, props.auth == auth, Pick::Auth(auth))
    };

    html! {
        <form class="occ-form" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            { for fields }
            <fieldset>
                <legend>{ "Your shell" }</legend>
                { shell_choice(Shell::Bash, "bash", "bash / zsh (macOS, Linux, WSL)") }
                { shell_choice(Shell::PowerShell, "powershell", "PowerShell (Windows)") }
                { shell_choice(Shell::Cmd, "cmd", "cmd (Windows Command Prompt)") }
            </fieldset>
            <fieldset>
                <legend>{ "How your application sends its secret" }</legend>
                { auth_choice(ClientAuth::Body, "body", "In the form body (client_secret_post, Auth0's default)") }
                { auth_choice(ClientAuth::Basic, "basic", "HTTP Basic header (client_secret_basic)") }
            </fieldset>
            <div class="occ-row">
                <button type="button" onclick={props.on_forget.clone()}>{ "Forget my values" }</button>
                <span class="occ-help">
                    { "Only the endpoint, client ID, audience, scope and your choices are remembered \
                       in this browser; the secret never is." }
                </span>
            </div>
            // What the last one-click action did (always present, so that it is announced).
            <p class="occ-notice" role="status" aria-live="polite" data-testid="notice">
                if let Some(notice) = &props.notice {
                    { notice.text.clone() }
                    if notice.undo.is_some() {
                        { " " }
                        <button type="button" class="occ-link" id={id("undo")} onclick={props.on_undo.clone()}>
                            { "Undo" }
                        </button>
                    }
                }
            </p>
        </form>
    }
}

/// What a radio button sets.
#[derive(Clone, Copy)]
enum Pick {
    Shell(Shell),
    Auth(ClientAuth),
}

impl Pick {
    fn action(self) -> Action {
        match self {
            Pick::Shell(s) => Action::SetShell(s),
            Pick::Auth(a) => Action::SetAuth(a),
        }
    }
}

/// A button that replaces a field's value with the hint's suggested fix; the focus returns to
/// the field and the change is announced.
fn fix_button(dispatch: &UseReducerDispatcher<State>, spec: &FieldSpec, fix: String) -> Html {
    let dispatch = dispatch.clone();
    let field = spec.field;
    // Never print the secret in a button label: the field may be masked.
    let (label, said) = if field == Field::ClientSecret {
        (
            "Apply this fix".to_string(),
            "Applied the fix to the client secret.".to_string(),
        )
    } else if fix.is_empty() {
        let label = if field == Field::Scope {
            "Remove them"
        } else {
            "Clear the field"
        };
        (label.to_string(), format!("{} is now empty.", spec.label))
    } else {
        (
            format!("Use “{fix}”"),
            format!("{} is now “{fix}”.", spec.label),
        )
    };
    let focus = spec.key;
    let onclick = Callback::from(move |_: MouseEvent| {
        dispatch.dispatch(Action::ApplyFix {
            field,
            value: fix.clone(),
            focus,
            said: said.clone(),
        });
    });
    html! { <button type="button" class="occ-link" {onclick}>{ label }</button> }
}
