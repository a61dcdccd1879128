//! The copy-ready command. Its element's text is exactly the runnable command for the chosen
//! shell (real newlines, no prompt); the secret is masked on screen unless revealed, and Copy
//! always copies the real command.

use yew::prelude::*;

use super::rich;
use super::state::{Action, State};
use crate::browser::clipboard;
use crate::core::request::{
    build_command, unfilled, ClientAuth, CommandError, Field, RequestInput, SecretDisplay, Shell,
    MASK,
};

pub struct CommandViewProps {
    pub id_prefix: AttrValue,
    pub levels: super::Levels,
    pub input: RequestInput,
    pub shell: Shell,
    pub auth: ClientAuth,
    pub reveal_secret: bool,
    pub dispatch: UseReducerDispatcher<State>,
}

#[derive(Clone, Copy, PartialEq)]
pub enum CopyState {
    Idle,
    Copied,
    Selected,
    /// The learner copied the command by hand while the secret showed as dots.
    CopiedMasked,
    /// Copy was pressed while the command still held placeholders: nothing was copied.
    Unfilled,
}

/// "the token endpoint, the client ID and the client secret", from the fields' labels.
fn field_list(fields: &[Field]) -> String {
    let names: Vec<String> = fields
        .iter()
        .map(|f| match f {
            Field::Endpoint => "the token endpoint",
            Field::ClientId => "the client ID",
            Field::ClientSecret => "the client secret",
            Field::Audience => "the audience",
            Field::Scope => "the scope",
        })
        .map(str::to_string)
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [head @ .., last] => format!("{} and {last}", head.join(", ")),
    }
}

/// The command view's hooks, called by the app (the view itself is a plain function: a component
/// type costs WebAssembly of its own).
pub struct CommandHooks {
    shown: std::rc::Rc<Result<String, CommandError>>,
    copy_state: UseStateHandle<CopyState>,
    pre_ref: NodeRef,
}

/// The shown command (rebuilt only when its inputs change), the copy status and the `<pre>`.
#[hook]
pub fn use_command(
    input: &RequestInput,
    shell: Shell,
    auth: ClientAuth,
    reveal_secret: bool,
) -> CommandHooks {
    let display = if reveal_secret {
        SecretDisplay::Reveal
    } else {
        SecretDisplay::Mask
    };
    let shown = use_memo(
        (input.clone(), shell, auth, display),
        |(input, shell, auth, display)| build_command(input, *shell, *auth, *display),
    );
    // `_eq`: setting the state it already has must not render again. With plain `use_state`
    // the effect below re-rendered the whole widget once at start and once per keystroke.
    let copy_state = use_state_eq(|| CopyState::Idle);
    let pre_ref = use_node_ref();

    // A new command makes an old "Copied" untrue.
    {
        let copy_state = copy_state.clone();
        use_effect_with(shown.clone(), move |_| copy_state.set(CopyState::Idle));
    }
    CommandHooks {
        shown,
        copy_state,
        pre_ref,
    }
}

pub fn command_view(props: &CommandViewProps, hooks: &CommandHooks) -> Html {
    let CommandHooks {
        shown,
        copy_state,
        pre_ref,
    } = hooks;
    let on_copy = {
        let input = props.input.clone();
        let (shell, auth) = (props.shell, props.auth);
        let copy_state = copy_state.clone();
        let pre_ref = pre_ref.clone();
        let reveal = props.reveal_secret;
        Callback::from(move |_: MouseEvent| {
            if !unfilled(&input).is_empty() {
                copy_state.set(CopyState::Unfilled);
                return;
            }
            let Ok(real) = build_command(&input, shell, auth, SecretDisplay::Reveal) else {
                return;
            };
            let copy_state = copy_state.clone();
            let pre_ref = pre_ref.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if clipboard::write_text(&real).await.is_ok() {
                    copy_state.set(CopyState::Copied);
                } else if let Some(el) = pre_ref.cast::<web_sys::Element>() {
                    // Selecting the masked text would copy dots: only select when revealed.
                    if reveal {
                        clipboard::select_contents(&el);
                    }
                    copy_state.set(CopyState::Selected);
                }
            });
        })
    };
    // Copying the masked command by hand (select, Ctrl+C) copies the dots, and such a request
    // fails. The secret is not slipped in behind the learner's back (they may be copying the
    // command to ask for help in a forum): they are told instead.
    let on_copy_by_hand = {
        let copy_state = copy_state.clone();
        let masked = !props.reveal_secret;
        Callback::from(move |_: Event| {
            let selected = web_sys::window()
                .and_then(|w| w.get_selection().ok().flatten())
                .map(|s| String::from(s.to_string()))
                .unwrap_or_default();
            if masked && selected.contains(MASK) {
                copy_state.set(CopyState::CopiedMasked);
            }
        })
    };
    // Ctrl+A (⌘A) in the command selects the command, not the whole page.
    let on_keydown = {
        let pre_ref = pre_ref.clone();
        Callback::from(move |e: KeyboardEvent| {
            let select_all = (e.ctrl_key() || e.meta_key()) && e.key().eq_ignore_ascii_case("a");
            if select_all {
                if let Some(el) = pre_ref.cast::<web_sys::Element>() {
                    e.prevent_default();
                    clipboard::select_contents(&el);
                }
            }
        })
    };
    let on_toggle = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ToggleReveal))
    };

    // (What is missing is worked out only after Copy said so, not on every keystroke.)
    let missing = match **copy_state {
        CopyState::Unfilled => field_list(&unfilled(&props.input)),
        _ => String::new(),
    };
    let status = match (**copy_state, props.reveal_secret) {
        (CopyState::Idle, _) => "",
        (CopyState::Unfilled, _) if !missing.is_empty() => &format!(
            "Not copied: fill in {missing} first. The command still holds placeholders where they go, and it cannot work with them."
        ),
        (CopyState::Unfilled, _) => "",
        (CopyState::Copied, _) => "Copied",
        (CopyState::Selected, true) => {
            "Your browser did not allow copying: the command is selected, press Ctrl+C (⌘C on a Mac)."
        }
        (CopyState::Selected, false) => {
            "Your browser did not allow copying. Select Show secret, then copy the selected command with Ctrl+C (⌘C on a Mac)."
        }
        (CopyState::CopiedMasked, _) => {
            "You copied the command with the secret hidden as dots, so it will not run. Use Copy, or Show secret first."
        }
    };
    let heading = format!("{}-command-h", props.id_prefix);

    html! {
        <div class="occ-command-block">
            <@{props.levels.part()} class="occ-h-part" id={heading.clone()}>{ "Run this command" }</@>
            {
                match &**shown {
                    Ok(text) => html! {
                        <pre class="occ-command" ref={pre_ref.clone()} data-testid="token-request"
                            aria-labelledby={heading} tabindex="0" oncopy={on_copy_by_hand}
                            onkeydown={on_keydown}>{ text.clone() }</pre>
                    },
                    Err(err) => html! {
                        <p class="occ-hint occ-hint-error" role="alert" data-testid="token-request-error">
                            { rich(&err.message) }
                        </p>
                    },
                }
            }
            <div class="occ-row">
                <button type="button" class="occ-primary" onclick={on_copy} disabled={shown.is_err()}>
                    { "Copy" }
                </button>
                <button type="button" aria-pressed={if props.reveal_secret { "true" } else { "false" }}
                    onclick={on_toggle}>
                    { "Show secret" }
                </button>
                <span role="status" aria-live="polite" data-testid="copy-status">{ status }</span>
            </div>
        </div>
    }
}
