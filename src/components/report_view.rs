//! The report: the verdict headline, every check with what it found and how to fix it, what the
//! extraction set aside, and the decoded token. Everything pasted is rendered as text.

use std::rc::Rc;

use yew::prelude::*;

use super::{rich, Levels};
use crate::browser::clock;
use crate::core::markup;
use crate::core::report::{reference_url, ClaimRow, Status};
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
    pub levels: Levels,
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
                <p class="occ-ref">{ "Reference: " }{ reference_link(reference) }</p>
            }
        </li>
    }
}

/// A reference as a link when it has a stable address (it opens in a new tab: the learner's
/// values stay in this one).
fn reference_link(reference: &str) -> Html {
    match reference_url(reference) {
        Some(href) => html! {
            <a {href} target="_blank" rel="noopener noreferrer">{ reference.to_string() }</a>
        },
        None => html! { reference.to_string() },
    }
}

/// Whether a finding is open in the report: everything but passing checks and notes, which go
/// in the collapsed list.
fn stays_open(f: &FindingView) -> bool {
    !matches!(f.status, Status::Pass | Status::Info)
}

/// The line under the headline: how many checks of each kind.
fn tally(findings: &[FindingView]) -> String {
    let count = |s: Status| findings.iter().filter(|f| f.status == s).count();
    let kinds = [
        (Status::Fail, "failed", "failed"),
        (Status::Warn, "warning", "warnings"),
        (Status::Skip, "skipped", "skipped"),
        (Status::Pending, "not checked yet", "not checked yet"),
        (Status::Pass, "passed", "passed"),
        (Status::Info, "note", "notes"),
    ];
    let parts: Vec<String> = kinds
        .iter()
        .filter_map(|(s, one, many)| match count(*s) {
            0 => None,
            1 => Some(format!("1 {one}")),
            n => Some(format!("{n} {many}")),
        })
        .collect();
    format!("{} checks: {}.", findings.len(), parts.join(", "))
}

/// The checks: what needs attention first, open; passing checks and notes collapsed below.
fn checks(findings: &[FindingView]) -> Html {
    let open: Vec<&FindingView> = findings.iter().filter(|f| stays_open(f)).collect();
    let passed: Vec<&FindingView> = findings.iter().filter(|f| !stays_open(f)).collect();
    let summary = format!("Show what passed ({})", passed.len());
    html! {
        <>
            <p class="occ-muted" data-testid="tally">{ tally(findings) }</p>
            if !open.is_empty() {
                <ul class="occ-checks">{ for open.into_iter().map(finding) }</ul>
            }
            if !passed.is_empty() {
                <details class="occ-passed" data-testid="passed-checks">
                    <summary>{ summary }</summary>
                    <ul class="occ-checks">{ for passed.into_iter().map(finding) }</ul>
                </details>
            }
        </>
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

/// Is the learner typing in a text field? A late signature result must not take the focus
/// from there.
fn busy_typing() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// Moves the keyboard focus (and the view) to the headline of a finished report, unless the
/// learner is typing.
fn focus_headline(headline: &NodeRef) {
    if busy_typing() {
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
    // The headline is heard once: read where the focus lands on it, or, when the learner is
    // typing (the focus stays), announced by the live region.
    let announcement = match (&props.report, props.checking) {
        (_, true) => "Checking your response…".to_string(),
        (Some(r), false) if busy_typing() => markup::plain(&r.headline),
        _ => String::new(),
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
                            <@{props.levels.part()} class="occ-h-part">{ "Checks" }</@>
                            { checks(&report.findings) }
                            if let Some(token) = &report.token {
                                <@{props.levels.part()} class="occ-h-part">{ "The access token, decoded" }</@>
                                <p class="occ-muted">
                                    { "A JWT carries its claims in plain sight: anyone holding it can read them, \
                                       which is why the signature matters." }
                                </p>
                                <@{props.levels.minor()} class="occ-h-minor">{ "Header" }</@>
                                { claims_table("Token header", &token.header) }
                                <@{props.levels.minor()} class="occ-h-minor">{ "Claims" }</@>
                                { claims_table("Token claims", &token.claims) }
                            }
                        </>
                    },
                }
            }
        </div>
    }
}
