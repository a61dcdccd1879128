//! What a host page hears when a check finishes (the `oauth-cc-widget:checked` event's
//! `detail`): the verdict, the headline as plain text, and each check's id, rule and status —
//! never the token, the pasted text or the secret, so a host can log it without leaking
//! credentials. The browser layer (`browser::events`) turns it into a JavaScript object.

use super::markup;
use super::wire::View;

/// The event's detail.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub verdict: &'static str,
    /// The headline without its code-span backticks.
    pub headline: String,
    /// `(id, rule, status)` of each check, in report order.
    pub checks: Vec<(String, String, &'static str)>,
}

pub fn summary(view: &View) -> Summary {
    Summary {
        verdict: view.verdict.as_str(),
        headline: markup::plain(&view.headline),
        checks: view
            .findings
            .iter()
            .map(|f| (f.id.clone(), f.rule.clone(), f.status.as_str()))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::report::{Status, Verdict};
    use crate::core::wire::FindingView;

    #[test]
    fn the_summary_holds_statuses_and_rules_but_no_texts() {
        let finding = |id: &str, rule: &str, status| FindingView {
            id: id.to_string(),
            rule: rule.to_string(),
            status,
            title: "t".to_string(),
            detail: "the pasted `secret` quoted".to_string(),
            fix: Some("f".to_string()),
            reference: None,
        };
        let view = View {
            verdict: Verdict::Fail,
            headline: "The token is for `x`.".to_string(),
            set_aside: vec!["a line".to_string()],
            findings: vec![
                finding("json", "json.syntax", Status::Fail),
                finding("aud", "claims.aud.yours", Status::Pass),
            ],
            token: None,
            keys_help: None,
            other_host: None,
        };
        let s = summary(&view);
        assert_eq!(s.verdict, "fail");
        assert_eq!(s.headline, "The token is for x.");
        assert_eq!(
            s.checks,
            vec![
                ("json".to_string(), "json.syntax".to_string(), "fail"),
                ("aud".to_string(), "claims.aud.yours".to_string(), "pass"),
            ]
        );
    }
}
