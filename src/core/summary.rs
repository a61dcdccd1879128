//! The summary a host page receives when a check finishes (the `oauth-cc-widget:checked` event's
//! `detail`). It carries the verdict and each check's id, rule and status — never the token, the
//! pasted text or the secret, so a host can log it without leaking credentials.

use super::report::Report;

/// Appends `"name":` and `value` as a JSON string (escaped by serde_json), with a comma before
/// the member unless `out` ends with `{`. Building the few small objects the widget writes by hand
/// keeps their member order and avoids serde's derive, which costs WebAssembly.
pub(crate) fn push_json_member(out: &mut String, name: &str, value: Option<&str>) {
    if !out.ends_with('{') {
        out.push(',');
    }
    out.push('"');
    out.push_str(name);
    out.push_str("\":");
    if let Some(v) = value {
        out.push_str(&serde_json::Value::from(v).to_string());
    }
}

/// `{"verdict": "...", "headline": "...", "checks": [{"id": "...", "rule": "...", "status":
/// "..."}]}`, the headline as plain text.
pub fn summary_json(report: &Report) -> String {
    let mut out = String::from("{");
    push_json_member(&mut out, "verdict", Some(report.verdict.as_str()));
    // Plain text for the host: the headline without its code-span backticks.
    push_json_member(
        &mut out,
        "headline",
        Some(&super::markup::plain(&report.headline)),
    );
    push_json_member(&mut out, "checks", None);
    out.push('[');
    for (i, f) in report.findings.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('{');
        push_json_member(&mut out, "id", Some(f.id()));
        push_json_member(&mut out, "rule", Some(f.rule.key));
        push_json_member(&mut out, "status", Some(f.status().as_str()));
        out.push('}');
    }
    out.push_str("]}");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::report::{Status, Verdict};
    use crate::core::rule::Rule;

    static JSON: Rule = Rule {
        key: "json.syntax",
        check: "json",
        status: Status::Fail,
        ..Rule::BLANK
    };
    static AUD: Rule = Rule {
        key: "claims.aud.yours",
        check: "aud",
        status: Status::Pass,
        ..Rule::BLANK
    };

    #[test]
    fn the_summary_keeps_its_member_order_and_escapes_strings() {
        let report = Report {
            verdict: Verdict::Fail,
            headline: "A \"quoted\"\nline \\ é".to_string(),
            set_aside: Vec::new(),
            findings: vec![JSON.finding(), AUD.finding()],
            token: None,
            signature: None,
        };
        assert_eq!(
            summary_json(&report),
            r#"{"verdict":"fail","headline":"A \"quoted\"\nline \\ é","checks":[{"id":"json","rule":"json.syntax","status":"fail"},{"id":"aud","rule":"claims.aud.yours","status":"pass"}]}"#
        );
        let empty = Report {
            findings: Vec::new(),
            ..report
        };
        assert!(summary_json(&empty).ends_with(r#""checks":[]}"#));
    }
}
