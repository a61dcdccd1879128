//! One widget instance: the instructions, the request form and command, the response check and
//! the report, with the host contract (`data-verdict`, `aria-busy`) kept on the mount element.

use yew::prelude::*;

use super::command_view::{command_view, use_command, CommandViewProps};
use super::instructions::instructions;
use super::keys_fallback::{keys_fallback, KeysFallbackProps};
use super::report_view::ReportView;
use super::request_form::{request_form, RequestFormProps};
use super::response_check::{response_check, ResponseCheckProps};
use super::state::{Action, State};
use super::Levels;
use crate::browser::explainer::{self, Heard};
use crate::browser::{clock, events, platform, storage};
use crate::core::config::{shell_name, WidgetConfig};
use crate::core::endpoint::{discovery_candidates, resolve_endpoint};
use crate::core::request::{field_hints, RequestInput};
use crate::core::wire::{Endpoint, Request};
use crate::core::{expect, summary};

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The host element carrying `data-oauth-cc-widget`; verdict attributes are set on it.
    pub host: web_sys::Element,
    pub config: WidgetConfig,
    /// Unique per instance, so `<label for>` never points into another widget.
    pub id_prefix: AttrValue,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let platform_shell = *use_memo((), |_| platform::default_shell());
    let state = {
        let config = props.config.clone();
        use_reducer(move || {
            State::initial(&config, &storage::load(&config.namespace), platform_shell)
        })
    };

    // Remember the non-secret values (State::to_saved has no place for the secret).
    {
        let namespace = props.config.namespace.clone();
        // A shell or authentication choice alone is worth remembering too; the defaults are not.
        let default_shell = shell_name(props.config.shell.unwrap_or(platform_shell));
        use_effect_with(state.to_saved(), move |saved| {
            let untouched = saved.endpoint.is_empty()
                && saved.client_id.is_empty()
                && saved.audience.is_empty()
                && saved.scope.is_empty()
                && saved.shell == default_shell
                && saved.auth == "body"
                && !saved.completed;
            if untouched {
                storage::forget(&namespace);
            } else {
                storage::save(&namespace, saved);
            }
        });
    }

    // The host contract: `aria-busy` while checking; `data-verdict` and the `checked` event only
    // once a check is complete (key fetch included), so hosts never see a stale verdict.
    {
        let host = props.host.clone();
        let finished = match (&state.report, state.checking) {
            (Some(report), false) => Some(report.clone()),
            _ => None,
        };
        use_effect_with((finished, state.checking), move |(finished, checking)| {
            match finished {
                Some(report) => {
                    let _ = host.set_attribute("data-verdict", report.verdict.as_str());
                    events::dispatch_checked(&host, &summary::summary(report));
                }
                None => {
                    let _ = host.remove_attribute("data-verdict");
                }
            }
            if *checking {
                let _ = host.set_attribute("aria-busy", "true");
            } else {
                let _ = host.remove_attribute("aria-busy");
            }
        });
    }

    let on_check = {
        let state = state.clone();
        Callback::from(move |_: ()| {
            let generation = state.generation.wrapping_add(1);
            state.dispatch(Action::CheckStarted);
            ask(
                state.dispatcher(),
                generation,
                &state.input,
                &state.paste,
                KeysFrom::Issuer,
            );
        })
    };

    // The explainer loads once the form is up and the browser is idle.
    use_effect_with((), |_| explainer::warm_up());

    // The signature again, with the keys the learner pasted, or with those of the host the token
    // names (the learner's explicit choice; only the host the report offered).
    let on_check_keys = {
        let state = state.clone();
        Callback::from(move |_: ()| {
            if state.report.as_ref().is_some_and(|r| r.keys_help.is_some()) {
                recheck_signature(&state, KeysFrom::Pasted(state.keys_paste.clone()));
            }
        })
    };
    let on_check_host = {
        let state = state.clone();
        Callback::from(move |host: String| {
            let named = state.report.as_ref().and_then(|r| r.other_host.as_deref());
            if named == Some(host.as_str()) {
                recheck_signature(&state, KeysFrom::Host(host));
            }
        })
    };

    let on_forget = {
        let state = state.clone();
        let config = props.config.clone();
        Callback::from(move |_: MouseEvent| {
            storage::forget(&config.namespace);
            state.dispatch(Action::Forget(config.clone(), platform_shell));
        })
    };
    let on_undo = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Undo))
    };
    // After a one-click action, the focus stays in the widget (the button pressed may be gone).
    {
        let prefix = props.id_prefix.clone();
        use_effect_with(state.focus, move |focus| {
            if let Some((_, suffix)) = focus {
                let el = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id(&format!("{prefix}-{suffix}")));
                if let Some(el) =
                    el.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
                {
                    let _ = el.focus();
                }
            }
        });
    }
    let on_start_over = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::StartOver))
    };

    // The request form's derived values, recomputed only when the typed values change.
    let hints = use_memo(state.input.clone(), field_hints);
    let resolved = use_memo(state.input.endpoint.clone(), |e| resolve_endpoint(e));
    let command = use_command(&state.input, state.shell, state.auth, state.reveal_secret);

    // Static markup, made once per widget (see instructions.rs).
    let levels = Levels::new(props.config.heading_level);
    let steps = use_memo((props.id_prefix.clone(), levels), |(prefix, levels)| {
        instructions(prefix, levels.section())
    });
    let id = |suffix: &str| format!("{}-{suffix}", props.id_prefix);
    let dispatch = state.dispatcher();

    html! {
        <div class="occ-widget">
            if props.config.show_title {
                <@{levels.title()} class="occ-h-title" id={id("title")}>{ "Client Credentials Flow for Service Apps" }</@>
            }
            if state.completed {
                <p class="occ-verdict" data-verdict="pass" data-testid="completed">
                    { "You have completed this exercise. " }
                    <button type="button" class="occ-link" onclick={on_start_over}>{ "Start over" }</button>
                </p>
            }
            if props.config.show_instructions {
                { (*steps).clone() }
            }
            <section class="occ-section" aria-labelledby={id("request-h")} data-section="request">
                <@{levels.section()} class="occ-h-section" id={id("request-h")}>{ "Your token request" }</@>
                { request_form(&RequestFormProps {
                    id_prefix: props.id_prefix.clone(),
                    input: state.input.clone(),
                    shell: state.shell,
                    auth: state.auth,
                    reveal_secret: state.reveal_secret,
                    dispatch: dispatch.clone(),
                    on_forget,
                    on_undo,
                    notice: state.notice.clone(),
                    hints,
                    resolved,
                }) }
                { command_view(
                    &CommandViewProps {
                        id_prefix: props.id_prefix.clone(),
                        levels,
                        input: state.input.clone(),
                        shell: state.shell,
                        auth: state.auth,
                        reveal_secret: state.reveal_secret,
                        dispatch: dispatch.clone(),
                    },
                    &command,
                ) }
            </section>
            <section class="occ-section" aria-labelledby={id("check-h")} data-section="check">
                <@{levels.section()} class="occ-h-section" id={id("check-h")}>{ "Check your token response" }</@>
                { response_check(&ResponseCheckProps {
                    id_prefix: props.id_prefix.clone(),
                    paste: state.paste.clone(),
                    checking: state.checking,
                    dispatch,
                    on_check,
                }) }
            </section>
            <section class="occ-section" aria-labelledby={id("report-h")} data-section="report">
                <@{levels.section()} class="occ-h-section" id={id("report-h")}>{ "Report" }</@>
                <ReportView report={state.report.clone()} checking={state.checking} stale={state.stale}
                    unavailable={state.unavailable} {levels} />
                { keys_fallback(&KeysFallbackProps {
                    id_prefix: props.id_prefix.clone(),
                    levels,
                    report: state.report.clone(),
                    checking: state.checking,
                    keys: state.keys_paste.clone(),
                    dispatch: state.dispatcher(),
                    on_check_keys,
                    on_check_host,
                }) }
            </section>
        </div>
    }
}

/// Checks the same paste again with other keys: the report stays until the new one replaces it.
fn recheck_signature(state: &UseReducerHandle<State>, keys: KeysFrom) {
    let generation = state.generation.wrapping_add(1);
    state.dispatch(Action::KeysCheckStarted);
    ask(
        state.dispatcher(),
        generation,
        &state.input,
        &state.paste,
        keys,
    );
}

/// Where the signature's keys come from.
enum KeysFrom {
    /// Looked for from the endpoint entered (`core::keyhosts`).
    Issuer,
    /// Pasted by the learner.
    Pasted(String),
    /// Published by the host the token names, which the learner chose to trust.
    Host(String),
}

/// Asks the explainer to run check number `generation`, its keys from `keys`; every answer it
/// gives goes to the reducer, which ignores those of an older check.
fn ask(
    dispatch: UseReducerDispatcher<State>,
    generation: u32,
    input: &RequestInput,
    paste: &str,
    keys: KeysFrom,
) {
    // What the form leads the check to expect (never the client secret: the checks do not need
    // it), and where the signing keys are looked for.
    let endpoint = resolve_endpoint(&input.endpoint).ok().map(|r| Endpoint {
        discovery: discovery_candidates(&r),
        url: r.url,
    });
    let request = Request {
        id: 0,
        paste: paste.to_string(),
        expect: expect::from_request(input),
        endpoint,
        now: clock::now_unix(),
        keys: match &keys {
            KeysFrom::Pasted(k) => Some(k.clone()),
            _ => None,
        },
        trust_host: match keys {
            KeysFrom::Host(h) => Some(h),
            _ => None,
        },
    };
    explainer::ask(
        request,
        std::rc::Rc::new(move |heard| match heard {
            Heard::Answer(answer) => dispatch.dispatch(Action::Checked {
                report: answer.view,
                done: answer.done,
                generation,
            }),
            Heard::Unavailable => dispatch.dispatch(Action::Unavailable { generation }),
        }),
    );
}
