//! The summary a host page receives when a check finishes (the `oauth-cc-widget:checked` event's
//! `detail`). It carries the verdict and each check's id and status — never the token, the
//! pasted text or the secret, so a host can log it without leaking credentials.

use serde::Serialize;

use super::report::Report;

#[derive(Serialize)]
struct CheckSummary<'a> {
    id: &'a str,
    status: &'a str,
}

#[derive(Serialize)]
struct Summary<'a> {
    verdict: &'a str,
    headline: &'a str,
    checks: Vec<CheckSummary<'a>>,
}

/// `{"verdict": "...", "headline": "...", "checks": [{"id": "...", "status": "..."}]}`.
pub fn summary_json(report: &Report) -> String {
    let summary = Summary {
        verdict: report.verdict.as_str(),
        headline: &report.headline,
        checks: report
            .findings
            .iter()
            .map(|f| CheckSummary {
                id: f.id,
                status: f.status.as_str(),
            })
            .collect(),
    };
    serde_json::to_string(&summary).unwrap_or_else(|_| "{}".to_string())
}
