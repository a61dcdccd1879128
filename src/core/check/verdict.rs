//! The verdict and the one-sentence headline, computed from the findings alone, so that the same
//! function serves [`super::check`] and [`Report::apply_signature`].

use super::text;
use crate::core::report::{Finding, Report, Status, Verdict};

/// The headline sentence for a failing finding, by id (without the final period).
fn problem(f: &Finding) -> String {
    let s = match f.id {
        "paste_size" => "The paste is too large to check; paste only the token response",
        "paste_empty" => "Paste the whole token response — the JSON your token endpoint returned — first",
        "paste_html" => "This is a web page, not the JSON token response",
        "paste_curl_command" => "This is the command itself; run it and paste what it prints",
        "paste_curl_error" => "This is an error message from your tools, not the server's response, so there is nothing to check yet",
        "paste_placeholder" => "This is the example text (or a shortened response), not a real response",
        "paste_powershell" => "This is PowerShell's display of the response, not its JSON text",
        "paste_python" => "This is a Python print-out of the response, not its JSON text",
        "paste_node" => "This is a JavaScript print-out of the response, not its JSON text",
        "paste_token_only" => "You pasted only the access token; paste the whole JSON response",
        "paste_credential" => "This is one of your application's credentials, not the token response",
        "paste_bearer_header" => "You pasted an Authorization header; paste the whole JSON response",
        "paste_decoded_claims" => "These are a token's decoded contents, not the token response",
        "paste_wget" => "This is wget's report of the request; the server's response is not in it",
        "paste_not_token_response" => "This is not a token response",
        "paste_error_status" => "The server refused the request without a JSON error; see below what its HTTP status means",
        "json" => "The response is not valid JSON",
        "json_curly_quotes" => "Curly quotes break the JSON; paste it straight from the terminal",
        "json_truncated" => "The response is cut off before the JSON ends",
        "json_trailing_comma" => "A comma before a closing bracket breaks the JSON",
        "json_duplicate" => "The paste holds more than one JSON value; paste the response once",
        "json_in_string" => "The response is wrapped in a JSON string (encoded twice)",
        "json_invisible" => "An invisible character breaks the JSON",
        "json_line_break" => "A line break inside a string breaks the JSON (a long value was wrapped)",
        "access_token" => "The response has no usable access token",
        "token_type" => "The token type is not Bearer",
        "refresh_token" => "The response carries a refresh token, so it did not come from the client credentials grant",
        "id_token" => "The response carries an ID token, so it did not come from the client credentials grant",
        "token_chars" => "The access token contains characters that do not belong in it",
        "token_redacted" => "The access token is shortened; paste it whole",
        "token_format" if f.detail.contains("cut off") => {
            "The access token was cut off while it was copied; paste it whole"
        }
        "token_format" => "Auth0 gave a token for no API: send your API's Identifier as the audience",
        "jwt_decode" => "The access token looks like a JWT but cannot be decoded",
        "alg" => "The token's signing algorithm is not acceptable",
        "iss" => "The token comes from another server or tenant than the one you entered",
        "aud" => "The token is not for the API (audience) you entered",
        "grant" => "The token was not issued through the client credentials grant",
        "client_id" => "The token was issued to another application than the client ID you entered",
        "exp" if f.detail.starts_with("The token expired") => {
            "The token has expired; request a new one"
        }
        "exp" => "The token has no valid expiry (exp)",
        "nbf" => "The token is not valid yet",
        "iat" => "The token's issue time is not valid",
        "signature" => "The signature check failed (see below for why)",
        _ => return format!("{}: check failed", f.title),
    };
    s.to_string()
}

/// Sets `verdict` and `headline` from the findings.
pub(crate) fn conclude(r: &mut Report) {
    let (verdict, headline) = judge(r);
    r.verdict = verdict;
    r.headline = headline;
}

/// The verdict and headline that the findings call for.
fn judge(r: &Report) -> (Verdict, String) {
    if let Some(e) = r.finding("error_response") {
        return (
            Verdict::ErrorResponse,
            format!(
                "The server answered with an error instead of a token: {}.",
                text::lower_first(&e.title)
            ),
        );
    }
    // An HMAC-signed token (HS256…) cannot be verified without the shared secret.
    let hmac = r
        .signature
        .as_ref()
        .is_some_and(|s| s.alg.starts_with("HS"))
        || r.finding("alg")
            .is_some_and(|f| f.status == Status::Warn && f.detail.contains("HMAC"));
    const HMAC: &str = "the token is signed with a shared secret (HMAC), so its signature cannot \
                        be checked here";
    let fails: Vec<&Finding> = r.failures().collect();
    if let Some(first) = fails.first() {
        let sentence = if first.id == "signature" && hmac {
            "The token is signed with a shared secret (HMAC), so its signature cannot be checked here"
                .to_string()
        } else {
            problem(first)
        };
        let more = fails.len() - 1;
        let headline = if more == 0 {
            format!("{}.", sentence)
        } else {
            format!(
                "{} ({} below).",
                sentence,
                text::plural(more, "more problem", "more problems")
            )
        };
        return (Verdict::Fail, headline);
    }
    // Skipped for want of a value the learner can enter (those skips say how, in their fix).
    let skipped: Vec<&str> = ["iss", "aud", "client_id"]
        .iter()
        .filter(|id| {
            r.finding(id)
                .is_some_and(|f| f.status == Status::Skip && f.fix.is_some())
        })
        .map(|id| match *id {
            "iss" => "your token endpoint",
            "aud" => "your audience",
            _ => "your client ID",
        })
        .collect();
    let headline = match r.finding("signature").map(|f| f.status) {
        Some(Status::Pass) => {
            // A token that names no client cannot be matched with the learner's application.
            let client_known = r
                .finding("client_id")
                .is_none_or(|f| f.status != Status::Skip);
            let h = if skipped.is_empty() && client_known {
                "Well done: this is a client-credentials token for your API, issued to your \
                 application, and its signature verifies."
                    .to_string()
            } else if skipped.is_empty() {
                "Well done: this is a client-credentials token for your API, and its signature \
                 verifies (the token does not name the application it was issued to)."
                    .to_string()
            } else {
                format!(
                    "Everything that could be checked passes, signature included; enter {} above to \
                     check the rest too.",
                    join_and(&skipped)
                )
            };
            return (Verdict::Pass, h);
        }
        Some(_) if hmac => format!("Everything else checks out, but {}.", HMAC),
        Some(Status::Pending) => "Everything else checks out; only the signature is left, and it \
            is checked with your server's public keys."
            .to_string(),
        Some(Status::Warn) => "Everything checks out and the signature holds, but the signature \
            check raised a warning (see below)."
            .to_string(),
        Some(_) => "Everything else checks out; only the signature is still unchecked, because \
            your server's public keys could not be fetched or used (see below)."
            .to_string(),
        None if r.finding("token_format").is_some_and(|f| f.status == Status::Warn) => {
            "The response is valid, but its access token cannot be inspected, so the exercise cannot \
             check whom it was issued to (see below)."
                .to_string()
        }
        None => "The paste could not be checked completely (see below).".to_string(),
    };
    (Verdict::Fail, headline)
}

fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [head @ .., last] => format!("{} and {}", head.join(", "), last),
    }
}

impl Report {
    /// Replaces the `signature` finding with the browser layer's outcome and recomputes the verdict
    /// and headline. The finding's id is set to `"signature"`. When the report has no signature
    /// finding (no JWT was found) but has a signature input, the finding is added.
    pub fn apply_signature(&mut self, mut finding: Finding) {
        finding.id = "signature";
        if let Some(f) = self.findings.iter_mut().find(|f| f.id == "signature") {
            *f = finding;
        } else if self.signature.is_some() {
            self.findings.push(finding);
        }
        conclude(self);
    }
}
