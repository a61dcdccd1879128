//! The report: the verdict headline, every check with what it found and how to fix it, what the
//! extraction set aside, and the decoded token. Everything pasted is rendered as text.

use std::rc::Rc;

use yew::prelude::*;

use super::rich;
use crate::browser::clock;
use crate::core::markup;
use crate::core::report::{ClaimRow, Status};
use crate::core::wire::{FindingView, View};

/// When the checker cannot be loaded at all (a network or a policy that blocks its files).
const UNAVAILABLE: &str = "The checker could not be loaded, so your response cannot be checked here right now. \
    The request form and the command above still work. \
    Check your connection and reload the page; if it still fails, the page's settings may block the exercise's files.";

#[derive(Properties, PartialEq)]
pub struct ReportViewProps {
    pub report: Option<Rc<View>>,
    /// The explainer could not be loaded: no check can run.
    pub unavailable: bool,
    pub checking: bool,
    /// The form changed since this report was made.
    pub stale: bool,
}

fn status_word(status: Status) -> &'static str {
    match status {
        Status::Pass => "Pass",
        Status::Fail => "Fail",
        Status::Warn => "Warning",
        Status::Skip => "Skipped",
        Status::Info => "Note",
        Status::Pending => "Not checked yet",
    }
}

fn finding(f: &FindingView) -> Html {
    html! {
        <li class="occ-check" data-check-id={f.id.clone()} data-rule={f.rule.clone()} data-status={f.status.as_str()}>
            <div class="occ-check-head">
                <span class="occ-status">{ status_word(f.status) }</span>
                <strong>{ f.title.clone() }</strong>
            </div>
            <p>{ rich(&f.detail) }</p>
            if let Some(fix) = &f.fix {
                <p><strong>{ "How to fix: " }</strong>{ rich(fix) }</p>
            }
            if let Some(reference) = &f.reference {
                <p class="occ-ref">{ "Reference: " }{ reference.clone() }</p>
            }
        </li>
    }
}

fn claims_table(caption: &'static str, rows: &[ClaimRow]) -> Html {
    html! {
        <div class="occ-table-wrap">
            <table>
                <caption class="occ-sr-only">{ caption }</caption>
                <thead>
                    <tr><th scope="col">{ "Name" }</th><th scope="col">{ "Value" }</th><th scope="col">{ "Meaning" }</th></tr>
                </thead>
                <tbody>
                    { for rows.iter().map(|row| html! {
                        <tr>
                            <th scope="row"><code>{ row.name.clone() }</code></th>
                            <td class="occ-value">{ row.value.clone() }</td>
                            <td>
                                { rich(&row.meaning) }
                                if let Some(t) = row.unix_time {
                                    <span class="occ-help">{ "Your local time: " }{ clock::local_time(t) }</span>
                                }
                            </td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// Moves the keyboard focus (and the view) to the headline of a finished report — unless the
/// learner is busy in a text field, which a late signature result must not interrupt.
fn focus_headline(headline: &NodeRef) {
    let busy_typing = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
    if busy_typing {
        return;
    }
    if let Some(el) = headline.cast::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}

#[component]
pub fn ReportView(props: &ReportViewProps) -> Html {
    let headline = use_node_ref();
    {
        // Once per finished report: after "Check", the result is where the learner lands.
        let headline = headline.clone();
        let finished = match (&props.report, props.checking) {
            (Some(r), false) => Some(Rc::as_ptr(r) as usize),
            _ => None,
        };
        use_effect_with(finished, move |finished| {
            if finished.is_some() {
                focus_headline(&headline);
            }
        });
    }
    let announcement = match (&props.report, props.checking) {
        (_, true) => "Checking your response…".to_string(),
        (Some(r), false) => markup::plain(&r.headline),
        (None, false) => String::new(),
    };
    html! {
        <div data-testid="report" class="occ-report">
            // Screen readers hear the headline once; the details are there to be read at will.
            <p class="occ-sr-only" role="status" aria-live="polite">{ announcement }</p>
            {
                match &props.report {
                    None if props.unavailable => html! {
                        <p class="occ-hint" data-testid="unavailable">
                            { UNAVAILABLE }
                        </p>
                    },
                    None => html! {
                        <p class="occ-muted">
                            { "Your report appears here after you check a response." }
                        </p>
                    },
                    Some(report) => html! {
                        <>
                            <p class="occ-verdict" data-verdict={report.verdict.as_str()} data-testid="headline"
                                tabindex="-1" ref={headline.clone()}>
                                { rich(&report.headline) }
                            </p>
                            if props.stale {
                                <p class="occ-hint" data-testid="stale">
                                    { "You changed the form since this check: check again to compare \
                                       the response with the new values." }
                                </p>
                            }
                            if !report.set_aside.is_empty() {
                                <div class="occ-set-aside" data-testid="set-aside">
                                    <p>{ "Before checking, this was set aside because it is not part of the response body:" }</p>
                                    <ul>{ for report.set_aside.iter().map(|s| html! { <li>{ rich(s) }</li> }) }</ul>
                                </div>
                            }
                            <h4>{ "Checks" }</h4>
                            <ul class="occ-checks">{ for report.findings.iter().map(finding) }</ul>
                            if let Some(token) = &report.token {
                                <h4>{ "The access token, decoded" }</h4>
                                <p class="occ-muted">
                                    { "A JWT carries its claims in plain sight: anyone holding it can read them, \
                                       which is why the signature matters." }
                                </p>
                                <h5>{ "Header" }</h5>
                                { claims_table("Token header", &token.header) }
                                <h5>{ "Claims" }</h5>
                                { claims_table("Token claims", &token.claims) }
                            }
                        </>
                    },
                }
            }
        </div>
    }
}
