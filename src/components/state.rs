//! The widget's state: one reducer per widget instance.

use std::rc::Rc;

use yew::Reducible;

use crate::browser::storage::Saved;
use crate::core::config::{parse_shell, shell_name, WidgetConfig};
use crate::core::request::{ClientAuth, Field, RequestInput, Shell};
use crate::core::wire::View;

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The five values exactly as typed (the secret lives only here, in memory).
    pub input: RequestInput,
    pub shell: Shell,
    pub auth: ClientAuth,
    /// Whether the secret is shown in the field and in the command.
    pub reveal_secret: bool,
    pub paste: String,
    /// The report of the last check, as the explainer rendered it.
    pub report: Option<Rc<View>>,
    /// The explainer could not be loaded: checks cannot run (the form and command still work).
    pub unavailable: bool,
    /// True while a check (including its key fetch) is running.
    pub checking: bool,
    /// Counts checks, so the answer of an older check that finishes late is ignored.
    pub generation: u32,
    /// Signing keys pasted by the learner when the fetch was not possible (public data).
    pub keys_paste: String,
    /// The learner has passed this exercise (remembered locally).
    pub completed: bool,
    /// The form changed since the report was made: it may no longer match the values shown.
    pub stale: bool,
    /// What the last one-click action did, said in the form's live region.
    pub notice: Option<Notice>,
    /// An element (by its id's suffix) to focus after the next render, numbered so that asking
    /// twice for the same element focuses it twice.
    pub focus: Option<(u32, &'static str)>,
}

/// A sentence about what just happened, with the values to bring back when it was "Forget my
/// values" (kept in memory only, until the learner types again).
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub undo: Option<Rc<Undo>>,
}

/// The values "Forget my values" cleared.
#[derive(Clone, Debug, PartialEq)]
pub struct Undo {
    input: RequestInput,
    shell: Shell,
    auth: ClientAuth,
}

const FORGOTTEN: &str = "Your values are forgotten: the form is back to its start, and nothing of them is kept in this browser.";
const RESTORED: &str = "Your values are back.";
const STARTED_OVER: &str =
    "Started over: the pasted response and its report are cleared; your values stay.";

/// The id suffixes of the elements focused after an action (`<prefix>-<suffix>`).
pub mod focus {
    pub const PASTE: &str = "paste";
    pub const UNDO: &str = "undo";
    pub const ENDPOINT: &str = "endpoint";
}

impl State {
    /// Host configuration first, then what the learner saved last time on top.
    pub fn initial(config: &WidgetConfig, saved: &Saved, platform_shell: Shell) -> State {
        let pick = |saved: &str, host: &str| {
            if saved.is_empty() {
                host.to_string()
            } else {
                saved.to_string()
            }
        };
        State {
            input: RequestInput {
                endpoint: pick(&saved.endpoint, &config.endpoint),
                client_id: pick(&saved.client_id, &config.client_id),
                client_secret: String::new(),
                audience: pick(&saved.audience, &config.audience),
                scope: saved.scope.clone(),
            },
            shell: parse_shell(&saved.shell)
                .or(config.shell)
                .unwrap_or(platform_shell),
            auth: if saved.auth == "basic" {
                ClientAuth::Basic
            } else {
                ClientAuth::Body
            },
            reveal_secret: false,
            paste: String::new(),
            report: None,
            unavailable: false,
            checking: false,
            generation: 0,
            keys_paste: String::new(),
            completed: saved.completed,
            stale: false,
            notice: None,
            focus: None,
        }
    }

    /// A field's new value: a report about the old values goes stale, and new typing ends the
    /// chance to bring back forgotten values (it would overwrite what was typed).
    fn set_field(&mut self, field: Field, value: String) {
        let slot = match field {
            Field::Endpoint => &mut self.input.endpoint,
            Field::ClientId => &mut self.input.client_id,
            Field::ClientSecret => &mut self.input.client_secret,
            Field::Audience => &mut self.input.audience,
            Field::Scope => &mut self.input.scope,
        };
        if *slot != value {
            *slot = value;
            self.stale = self.report.is_some();
            self.notice = None;
        }
    }

    fn focus_on(&mut self, suffix: &'static str) {
        let n = self.focus.map_or(0, |(n, _)| n.wrapping_add(1));
        self.focus = Some((n, suffix));
    }

    /// What may be remembered: never the secret, never the paste.
    pub fn to_saved(&self) -> Saved {
        Saved {
            endpoint: self.input.endpoint.clone(),
            client_id: self.input.client_id.clone(),
            audience: self.input.audience.clone(),
            scope: self.input.scope.clone(),
            shell: shell_name(self.shell).to_string(),
            auth: match self.auth {
                ClientAuth::Body => "body",
                ClientAuth::Basic => "basic",
            }
            .to_string(),
            completed: self.completed,
        }
    }
}

pub enum Action {
    SetField(Field, String),
    SetShell(Shell),
    SetAuth(ClientAuth),
    ToggleReveal,
    SetPaste(String),
    SetKeysPaste(String),
    /// A check started: the old verdict is gone until the new one is complete.
    CheckStarted,
    /// A signature check with pasted keys started: the report stays (it is the same token) until
    /// the signature's result replaces it.
    KeysCheckStarted,
    /// A step of check number `generation` produced `report`; `done` when nothing is pending.
    Checked {
        report: View,
        done: bool,
        generation: u32,
    },
    /// The explainer could not be loaded for check number `generation`.
    Unavailable {
        generation: u32,
    },
    /// A hint's one-click fix: the field gets `value`, the focus returns to the field (`focus`,
    /// its id's suffix), and `said` is announced.
    ApplyFix {
        field: Field,
        value: String,
        focus: &'static str,
        said: String,
    },
    /// Forget every typed value (the host's prefilled values stay); they can be brought back.
    Forget(WidgetConfig, Shell),
    /// Bring back the values "Forget my values" cleared.
    Undo,
    /// Start the exercise over: forget the completion mark and the report.
    StartOver,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetField(field, value) => next.set_field(field, value),
            Action::ApplyFix {
                field,
                value,
                focus,
                said,
            } => {
                next.set_field(field, value);
                next.notice = Some(Notice {
                    text: said,
                    undo: None,
                });
                next.focus_on(focus);
            }
            Action::SetShell(shell) => next.shell = shell,
            Action::SetAuth(auth) => next.auth = auth,
            Action::ToggleReveal => next.reveal_secret = !next.reveal_secret,
            Action::SetPaste(paste) => {
                // A report about a paste that is no longer in the box would mislead (and its
                // token would be the one the keys check verifies): it goes, and a check still
                // running is ignored when it ends.
                if paste != self.paste && (next.report.is_some() || next.checking) {
                    next.report = None;
                    next.checking = false;
                    next.stale = false;
                    next.generation = next.generation.wrapping_add(1);
                }
                next.paste = paste;
            }
            Action::SetKeysPaste(keys) => next.keys_paste = keys,
            Action::CheckStarted => {
                next.checking = true;
                next.report = None;
                next.stale = false;
                next.generation = next.generation.wrapping_add(1);
            }
            Action::KeysCheckStarted => {
                next.checking = true;
                next.generation = next.generation.wrapping_add(1);
            }
            Action::Checked {
                report,
                done,
                generation,
            } => {
                if generation != self.generation {
                    return self;
                }
                if done && report.verdict == crate::core::report::Verdict::Pass {
                    next.completed = true;
                }
                next.report = Some(Rc::new(report));
                next.checking = !done;
            }
            Action::Unavailable { generation } => {
                if generation != self.generation {
                    return self;
                }
                next.unavailable = true;
                next.checking = false;
            }
            Action::Forget(config, platform_shell) => {
                next = State::initial(&config, &Saved::default(), platform_shell);
                next.paste = self.paste.clone();
                // A check still running belongs to the forgotten values: its answer is ignored.
                next.generation = self.generation.wrapping_add(1);
                next.notice = Some(Notice {
                    text: FORGOTTEN.to_string(),
                    undo: Some(Rc::new(Undo {
                        input: self.input.clone(),
                        shell: self.shell,
                        auth: self.auth,
                    })),
                });
                next.focus = self.focus;
                next.focus_on(focus::UNDO);
            }
            Action::Undo => {
                let Some(undo) = self.notice.as_ref().and_then(|n| n.undo.clone()) else {
                    return self;
                };
                next.input = undo.input.clone();
                next.shell = undo.shell;
                next.auth = undo.auth;
                next.notice = Some(Notice {
                    text: RESTORED.to_string(),
                    undo: None,
                });
                next.focus_on(focus::ENDPOINT);
            }
            Action::StartOver => {
                next.completed = false;
                next.report = None;
                next.stale = false;
                next.checking = false;
                next.paste.clear();
                next.generation = next.generation.wrapping_add(1);
                next.notice = Some(Notice {
                    text: STARTED_OVER.to_string(),
                    undo: None,
                });
                next.focus_on(focus::PASTE);
            }
        }
        Rc::new(next)
    }
}
