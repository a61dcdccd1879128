#![cfg(not(target_arch = "wasm32"))]
//! Native tests of the token response checker: every class of paste from the facts file, the
//! error responses, the success rules, token shapes, claims, and the correct responses of the
//! common providers (which must never get a failing finding). Fixtures are generated here.

#[path = "check/fixtures.rs"]
mod fixtures;
#[path = "check/props.rs"]
mod props;

use fixtures::*;
use oauth_cc_widget::core::check::{check, Expectations, MAX_PASTE_BYTES};
use oauth_cc_widget::core::provider::Provider;
use oauth_cc_widget::core::report::{Status, Verdict};
use serde_json::json;

// ---------------------------------------------------------------------------------------------
// Correct responses

#[test]
fn correct_responses_of_every_provider_pass_once_the_signature_verifies() {
    for case in provider_cases() {
        let mut r = check(&case.paste, &case.expect, NOW);
        assert_no_fail(&r);
        assert_eq!(
            r.verdict,
            Verdict::Fail,
            "{}: waits for the signature\n{}",
            case.name,
            describe(&r)
        );
        assert_eq!(
            status(&r, "signature"),
            Some(Status::Pending),
            "{}",
            case.name
        );
        assert_eq!(
            finding(&r, "signature").detail.split(':').next(),
            Some("Not checked yet")
        );
        assert!(
            r.headline.contains("signature"),
            "{}: {}",
            case.name,
            r.headline
        );
        assert!(
            r.headline.contains("Everything else checks out"),
            "{}: {}",
            case.name,
            r.headline
        );
        let sig = r
            .signature
            .as_ref()
            .unwrap_or_else(|| panic!("{}: no signature input", case.name));
        assert_eq!(sig.alg, "RS256");
        assert_eq!(sig.signature.len(), 256, "{}", case.name);
        assert_eq!(sig.signing_input.matches('.').count(), 1);
        assert!(sig.iss.is_some());
        assert!(
            r.token.as_ref().is_some_and(|t| !t.claims.is_empty()),
            "{}",
            case.name
        );
        for id in [
            "access_token",
            "token_type",
            "refresh_token",
            "id_token",
            "token_format",
            "alg",
            "iss",
            "grant",
            "exp",
        ] {
            assert_eq!(
                status(&r, id),
                Some(Status::Pass),
                "{}: {}\n{}",
                case.name,
                id,
                describe(&r)
            );
        }
        r.apply_signature(signature_pass());
        assert_eq!(r.verdict, Verdict::Pass, "{}\n{}", case.name, describe(&r));
        assert!(
            r.headline.starts_with("Well done"),
            "{}: {}",
            case.name,
            r.headline
        );
    }
}

#[test]
fn provider_specific_evidence_is_recognised() {
    let cases = provider_cases();
    let by = |name: &str| {
        cases
            .iter()
            .find(|c| c.name == name)
            .map(|c| check(&c.paste, &c.expect, NOW))
    };
    let r = by("Auth0 RFC 9068 profile").unwrap_or_else(|| panic!("case"));
    assert!(finding(&r, "grant").detail.contains("RFC 9068"));
    let r = by("Okta").unwrap_or_else(|| panic!("case"));
    assert_eq!(
        finding(&r, "grant").rule.key,
        "claims.grant.okta_application"
    );
    assert_eq!(status(&r, "client_id"), Some(Status::Pass));
    let r = by("Keycloak").unwrap_or_else(|| panic!("case"));
    let other = finding(&r, "other_members");
    assert!(
        other.detail.contains("refresh_expires_in") && other.detail.contains("not-before-policy")
    );
    assert_eq!(status(&r, "refresh_token"), Some(Status::Pass));
    let r = by("Entra ID v1").unwrap_or_else(|| panic!("case"));
    assert_eq!(
        finding(&r, "expires_in").rule.key,
        "response.expires_in.string"
    );
    let r = by("Entra ID v2").unwrap_or_else(|| panic!("case"));
    assert!(finding(&r, "aud")
        .detail
        .contains("same Entra ID application"));
    let r = by("Cognito").unwrap_or_else(|| panic!("case"));
    assert_eq!(finding(&r, "aud").rule.key, "claims.aud.cognito_scope");
    assert_eq!(
        r.signature.as_ref().and_then(|s| s.kid.as_deref()),
        Some("Ab+cD/eF9gHiJkLmNoPqRsTuVwXyZ0123456789ab=")
    );
    let r = by("Ory Hydra (JWT)").unwrap_or_else(|| panic!("case"));
    assert!(finding(&r, "token_type").detail.contains("`bearer`"));
    // Kinde's gty is a list; it is not mistaken for Auth0's.
    let r = by("Kinde").unwrap_or_else(|| panic!("case"));
    assert!(finding(&r, "grant")
        .detail
        .contains("gty names `client_credentials`"));
    assert!(!words(finding(&r, "grant")).contains("Auth0"));
    // Spring Authorization Server names the client only as the subject.
    let r = by("Spring Authorization Server").unwrap_or_else(|| panic!("case"));
    assert_eq!(
        status(&r, "client_id"),
        Some(Status::Pass),
        "{}",
        describe(&r)
    );
    assert!(finding(&r, "client_id")
        .detail
        .contains("sub `messaging-client`"));
    // A token that names no client passes, but the headline does not claim it is the learner's.
    let mut r = by("FusionAuth").unwrap_or_else(|| panic!("case"));
    r.apply_signature(signature_pass());
    assert_eq!(r.verdict, Verdict::Pass);
    assert!(
        r.headline.contains("does not name the application") && !r.headline.contains("enter"),
        "{}",
        r.headline
    );
}

#[test]
fn apigee_bearer_token_wording_is_only_a_warning() {
    let r = run(
        &json!({"token_type": "BearerToken", "client_id": "ck", "access_token": "Ac8dGzP4bPCtyj0GGNDvSVeMNbQD",
                "scope": "", "expires_in": "3599", "status": "approved"})
        .to_string(),
    );
    assert_eq!(
        status(&r, "token_type"),
        Some(Status::Warn),
        "{}",
        describe(&r)
    );
    assert!(finding(&r, "token_type").detail.contains("Apigee"));
}

#[test]
fn entra_v1_token_passes_against_the_v2_issuer_of_the_same_tenant() {
    let cases = provider_cases();
    let Some(case) = cases.iter().find(|c| c.name == "Entra ID v1") else {
        panic!("case")
    };
    let mut expect = case.expect.clone();
    expect.issuer =
        Some("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0".into());
    expect.issuer_discovered = false;
    let r = check(&case.paste, &expect, NOW);
    assert_no_fail(&r);
    assert!(finding(&r, "iss").detail.contains("v1"));
}

#[test]
fn inferred_provider_when_generic() {
    let mut expect = auth0_expect();
    expect.provider = Provider::Generic;
    let r = check(&auth0_response(&auth0_token()), &expect, NOW);
    assert_no_fail(&r);
    assert!(finding(&r, "grant").detail.contains("client-credentials"));
    let r = check(&auth0_response(&auth0_rfc9068_token()), &expect, NOW);
    assert_no_fail(&r);
}

#[test]
fn time_details_are_readable() {
    let r = run(&auth0_response(&auth0_token()));
    let exp = finding(&r, "exp");
    assert!(exp.detail.contains("Expires in 23 h"), "{}", exp.detail);
    assert!(
        exp.detail.contains("2026-11-29 10:32:20 UTC"),
        "{}",
        exp.detail
    );
    let Some(token) = &r.token else {
        panic!("decoded token")
    };
    let row = token
        .claims
        .iter()
        .find(|c| c.name == "exp")
        .unwrap_or_else(|| panic!("exp row"));
    assert_eq!(row.unix_time, Some(NOW - 60 + 86400));
    assert!(
        row.meaning.contains("UTC") && row.meaning.contains("in 23 h"),
        "{}",
        row.meaning
    );
    let sub = token
        .claims
        .iter()
        .find(|c| c.name == "sub")
        .unwrap_or_else(|| panic!("sub row"));
    assert_eq!(sub.value, format!("{}@clients", CLIENT_ID));
    assert!(!sub.meaning.is_empty());
    assert!(token
        .header
        .iter()
        .any(|h| h.name == "kid" && h.value == "Xc9kTjT9nqbP0ZUeYh2Rb"));
    // The claims' lifetime agrees with expires_in: said once, by the expires_in finding.
    assert!(r.finding("lifetime").is_none(), "{}", describe(&r));
    // Without expires_in, the claims tell the lifetime.
    let r = run(&json!({"access_token": auth0_token(), "token_type": "Bearer"}).to_string());
    let life = finding(&r, "lifetime");
    assert_eq!(life.status(), Status::Info);
    assert!(life.detail.contains("86400"), "{}", life.detail);
}

#[test]
fn skipped_checks_give_hints_and_still_pass() {
    let expect = Expectations {
        provider: Provider::Auth0,
        ..Expectations::default()
    };
    let mut r = check(&auth0_response(&auth0_token()), &expect, NOW);
    assert_no_fail(&r);
    for id in ["iss", "aud", "client_id"] {
        let f = finding(&r, id);
        assert_eq!(f.status(), Status::Skip, "{}", id);
        assert!(
            f.fix.as_deref().is_some_and(|x| x.contains("Enter")),
            "{}: {:?}",
            id,
            f.fix
        );
    }
    r.apply_signature(signature_pass());
    assert_eq!(r.verdict, Verdict::Pass);
    assert!(r.headline.contains("enter"), "{}", r.headline);
}

// ---------------------------------------------------------------------------------------------
// Extraction

fn assert_extracted(paste: &str, expect_in_set_aside: &str) {
    let r = run(paste);
    assert_no_fail(&r);
    assert_eq!(status(&r, "signature"), Some(Status::Pending));
    assert!(
        r.set_aside.iter().any(|s| s.contains(expect_in_set_aside)),
        "set aside {:?} should mention {:?}",
        r.set_aside,
        expect_in_set_aside
    );
}

#[test]
fn bom_crlf_and_whitespace() {
    let body = auth0_response(&auth0_token());
    let paste = format!("\u{FEFF}  \r\n{}\r\n\r\n", body.replace(",", ",\r\n"));
    assert_extracted(&paste, "byte order mark");
    assert_extracted(&paste, "CR LF");
}

#[test]
fn curl_i_headers() {
    let paste = format!(
        "HTTP/2 200 \ndate: Sat, 28 Nov 2026 10:33:20 GMT\ncontent-type: application/json\ncache-control: no-store\n\n{}",
        auth0_response(&auth0_token())
    );
    assert_extracted(&paste, "HTTP/2 200");
    assert_extracted(&paste, "3 headers");
}

#[test]
fn curl_v_with_connection_note_glued() {
    let paste = format!(
        "* Host dev-abc123.us.auth0.com:443 was resolved.\n*   Trying 104.16.1.1:443...\n* Connected to {d} port 443\n> POST /oauth/token HTTP/2\n> Host: {d}\n> content-type: application/x-www-form-urlencoded\n>\n* Request completely sent off\n< HTTP/2 200\n< content-type: application/json\n<\n{{ [1096 bytes data]\n{b}* Connection #0 to host {d} left intact\n",
        d = AUTH0_DOMAIN,
        b = auth0_response(&auth0_token())
    );
    assert_extracted(&paste, "Connection #0");
    assert_extracted(&paste, "verbose output");
}

#[test]
fn curl_v_with_its_note_and_the_progress_meter_glued_to_a_verbose_line() {
    // `curl -v -X POST` prints a note first; with the meter on, its last state ends without a
    // line break, so the next `-v` line follows it on the same line. The `...` of "Trying" is
    // curl's, not a shortened response.
    let body = auth0_response(&auth0_token());
    let noted = format!(
        "Note: Unnecessary use of -X or --request, POST is already inferred.\n*   Trying 104.18.1.1:443...\n< HTTP/2 200\n<\n{body}"
    );
    assert_extracted(&noted, "Note: Unnecessary use of -X");
    assert_extracted(&noted, "verbose output");
    let glued = format!(
        "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0*   Trying 104.18.1.1:443...\n< HTTP/2 200\n<\n{body}"
    );
    assert_extracted(&glued, "progress meter");
    // Text before the JSON that is not a known wrapper is not taken for left-out members either.
    let r = run(&format!("Resolving host... done\n{body}"));
    assert!(r.finding("paste_placeholder").is_none(), "{}", describe(&r));
    // Inside the JSON, `...` still is.
    let r = run(r#"{"access_token": "eyJ...", "token_type": "Bearer", ...}"#);
    assert_eq!(first_fail(&r), "paste_placeholder");
}

#[test]
fn httpie_output() {
    let paste = format!(
        "HTTP/1.1 200 OK\nCache-Control: no-store\nContent-Type: application/json\n\n{}\n\n",
        serde_json::to_string_pretty(
            &serde_json::from_str::<serde_json::Value>(&auth0_response(&auth0_token()))
                .unwrap_or_default()
        )
        .unwrap_or_default()
    );
    assert_extracted(&paste, "HTTP/1.1 200 OK");
}

#[test]
fn markdown_fence_and_prose() {
    let paste = format!(
        "Here is what I got:\n\n```json\n{}\n```\n",
        auth0_response(&auth0_token())
    );
    assert_extracted(&paste, "code fence");
}

#[test]
fn shell_transcript_with_prompt_and_continuations() {
    let paste = format!(
        "me@laptop:~/oauth$ curl --request POST \\\n  --url https://{d}/oauth/token \\\n  --data-urlencode grant_type=client_credentials \\\n  --data-urlencode client_id={c}\n{b}\nme@laptop:~/oauth$ ",
        d = AUTH0_DOMAIN,
        c = CLIENT_ID,
        b = auth0_response(&auth0_token())
    );
    assert_extracted(&paste, "the command `curl --request POST");
    let paste2 = format!(
        "$ curl -s https://{}/oauth/token -d x=y\n{}\n$ echo done\ndone",
        AUTH0_DOMAIN,
        auth0_response(&auth0_token())
    );
    assert_extracted(&paste2, "after the response");
    // Git Bash on Windows prints its prompt on two lines: user@host MINGW64 path, then `$ `.
    let body = auth0_response(&auth0_token());
    let git_bash = format!(
        "me@LAPTOP-1 MINGW64 ~/oauth (main)\n$ curl -s --request POST --url https://{AUTH0_DOMAIN}/oauth/token --data x=y\n{body}\nme@LAPTOP-1 MINGW64 ~/oauth (main)\n$ "
    );
    assert_extracted(&git_bash, "Git Bash's prompt line `me@LAPTOP-1 MINGW64");
    assert_extracted(&git_bash, "after the response");
    assert_extracted(
        &format!("{body}\nme@LAPTOP-1 MINGW64 ~/oauth\n$ "),
        "after the response",
    );
}

#[test]
fn a_session_with_several_attempts_is_judged_by_the_last_response() {
    let body = auth0_response(&auth0_token());
    let cmd = format!("curl -s --request POST --url https://{AUTH0_DOMAIN}/oauth/token --data x=y");
    let session = format!(
        "$ {cmd}\n{{\"error\":\"access_denied\",\"error_description\":\"Unauthorized\"}}\n$ {cmd}\n{body}\n$ "
    );
    assert_extracted(&session, "only the last response is checked");
    // And the other way round: a success, then a failed retry, is judged by the failure.
    let session = format!(
        "$ {cmd}\n{body}\n$ {cmd}\n{{\"error\":\"access_denied\",\"error_description\":\"Unauthorized\"}}\n"
    );
    let r = run(&session);
    assert_eq!(r.verdict, Verdict::ErrorResponse, "{}", describe(&r));
    // A first try that printed only an error text still counts as a try.
    let session = format!(
        "$ {cmd}\ncurl: (6) Could not resolve host: dev-abc123.us.auth0.con\n$ {cmd}\n{body}\n$ "
    );
    assert_extracted(&session, "only the last response is checked");
    // A command that only looks at the response (decoding the token) is not a new try.
    let decode = format!(
        "$ {cmd}\n{body}\n$ echo $TOKEN | cut -d. -f2 | base64 -d\n{{\"iss\":\"https://x/\",\"sub\":\"a@clients\"}}\n"
    );
    let r = run(&decode);
    assert_no_fail(&r);
    // One command with one response is not affected.
    let single = format!("$ {cmd}\n{body}\n$ echo done\ndone");
    let r = run(&single);
    assert!(
        !r.set_aside.iter().any(|s| s.contains("earlier command")),
        "{:?}",
        r.set_aside
    );
}

#[test]
fn status_code_printed_by_curl_w_after_the_body() {
    let body = auth0_response(&auth0_token());
    assert_extracted(&format!("{body}200"), "curl's `-w '%{http_code}'`");
    assert_extracted(&format!("{body}\n200\n"), "HTTP status code 200");
    let r = run(r#"{"error":"access_denied","error_description":"Unauthorized"}401"#);
    assert_eq!(r.verdict, Verdict::ErrorResponse, "{}", describe(&r));
    assert!(finding(&r, "error_response")
        .detail
        .contains("HTTP status 401"));
}

#[test]
fn zsh_percent_mark() {
    let paste = format!("{}%", auth0_response(&auth0_token()));
    assert_extracted(&paste, "zsh");
    let paste = format!("{}%\n", auth0_response(&auth0_token()));
    assert_extracted(&paste, "zsh");
}

#[test]
fn glued_prompt_after_body() {
    let paste = format!("{}me@box ~ % ", auth0_response(&auth0_token()));
    assert_extracted(&paste, "shell prompt");
}

#[test]
fn no_break_spaces_between_members() {
    let body = json!({"access_token": auth0_token(), "token_type": "Bearer", "expires_in": 86400})
        .to_string();
    let paste = body
        .replace("\":", "\":\u{00A0}")
        .replace(",\"", ",\u{00A0}\"");
    assert_extracted(&paste, "no-break space");
}

#[test]
fn powershell_error_record_around_an_error_response() {
    let paste = "Invoke-RestMethod : {\"error\":\"access_denied\",\"error_description\":\"Unauthorized\"}\nAt line:1 char:1\n+ Invoke-RestMethod -Method Post -Uri https://x/oauth/token ...\n+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n    + CategoryInfo          : InvalidOperation";
    let r = run(paste);
    assert_eq!(r.verdict, Verdict::ErrorResponse, "{}", describe(&r));
    assert!(r.set_aside.iter().any(|s| s.contains("PowerShell")));
}

#[test]
fn windows_powershell_error_records_keep_their_first_line() {
    // Windows PowerShell 5.1 prints the cmdlet's name, then the message, on the first line of an
    // error record; it is the error, not the command, so its advice must still be given.
    let tail = "\nAt line:1 char:1\n+ Invoke-RestMethod -Method Post -Uri https://x/oauth/token ...\n+ ~~~~~~~~~~~~~~~~~\n    + CategoryInfo          : InvalidOperation: (System.Net.HttpWebRequest:HttpWebRequest) [Invoke-RestMethod], WebException\n    + FullyQualifiedErrorId : WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeRestMethodCommand";
    for (first, advice) in [
        (
            "Invoke-RestMethod : The remote server returned an error: (401) Unauthorized.",
            "ErrorDetails.Message",
        ),
        (
            "Invoke-RestMethod : The remote name could not be resolved: 'dev-abc123.us.auth0.con'",
            "misspelled",
        ),
        (
            "Invoke-WebRequest : A parameter cannot be found that matches parameter name 'X'.",
            "curl.exe",
        ),
    ] {
        let r = run(&format!("{first}{tail}"));
        assert_eq!(r.verdict, Verdict::Fail, "{}", describe(&r));
        let f = r
            .failures()
            .next()
            .unwrap_or_else(|| panic!("{}", describe(&r)));
        assert!(words(f).contains(advice), "{first}: {}", words(f));
        assert!(
            !r.set_aside.iter().any(|s| s.contains("the command")),
            "{:?}",
            r.set_aside
        );
    }
    // PowerShell 7 puts the error response in a `|` margin under the command, wrapped at the
    // window's width.
    let ps7 = "Invoke-RestMethod: \nLine |\n   1 |  Invoke-RestMethod -Method Post -Uri \"https://dev-abc123.us.auth0.com/oauth/token\" -Body @{ …\n     |  ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n     | {\"error\":\"access_denied\",\"error_description\":\"Unau\n     | thorized\"}\n";
    let r = run(ps7);
    assert_eq!(r.verdict, Verdict::ErrorResponse, "{}", describe(&r));
    assert!(
        finding(&r, "error_response")
            .detail
            .contains("`Unauthorized`"),
        "{}",
        describe(&r)
    );
    assert!(r.set_aside.iter().any(|s| s.contains("PowerShell 7")));
}

// ---------------------------------------------------------------------------------------------
// Pastes that are not a token response

#[test]
fn smaller_shapes_of_the_wrong_paste_are_named() {
    let token = auth0_token();
    // One member line, without the braces.
    let r = run(&format!("\"access_token\": \"{token}\","));
    assert_eq!(first_fail(&r), "paste_not_token_response");
    assert!(finding(&r, "paste_not_token_response")
        .detail
        .contains("one member"));
    // Python's requests prints the response object, not its body.
    let r = run("<Response [401]>");
    assert_eq!(first_fail(&r), "paste_python");
    assert_eq!(
        finding(&r, "paste_python").rule.key,
        "paste.python.response_object"
    );
    // HTTPie's own error line.
    let r = run("http: error: ConnectionError: HTTPSConnectionPool(host='dev-abc123.us.auth0.con', port=443): Max retries exceeded");
    assert_eq!(first_fail(&r), "paste_curl_error");
    assert_eq!(
        finding(&r, "paste_curl_error").rule.key,
        "paste.httpie.error"
    );
    // Only the token, with zsh's `%` after it: still read as the token.
    let r = run(&format!("{token}%"));
    assert_eq!(first_fail(&r), "paste_token_only");
    assert!(
        r.set_aside.iter().any(|s| s.contains("zsh")),
        "{:?}",
        r.set_aside
    );
    assert_eq!(status(&r, "token_format"), Some(Status::Pass));
}

#[test]
fn empty_input_asks_for_the_response() {
    for paste in ["", "   ", "\n\n\t", "\u{FEFF}"] {
        let r = run(paste);
        assert_eq!(r.verdict, Verdict::Fail);
        assert_eq!(first_fail(&r), "paste_empty");
        assert!(
            r.headline.contains("Paste the whole token response"),
            "{}",
            r.headline
        );
    }
}

#[test]
fn too_large_paste_gets_a_size_message() {
    // Text of any size with no JSON object in it holds no response, and says so.
    let log = "2026-12-07T08:00:01Z INFO request served\n".repeat(MAX_PASTE_BYTES / 30);
    assert_eq!(first_fail(&run(&log)), "paste_not_token_response");
    assert!(finding(&run(&log), "paste_not_token_response")
        .detail
        .contains("no token response"));
    let paste = format!("{{\"x\": \"{}\"}}", "x".repeat(MAX_PASTE_BYTES));
    let r = run(&paste);
    assert_eq!(first_fail(&r), "paste_size");
    assert!(
        finding(&r, "paste_size").detail.contains("2.0 MB"),
        "{}",
        finding(&r, "paste_size").detail
    );
}

#[test]
fn a_one_megabyte_paste_is_checked() {
    // A huge curl -v log before a correct response.
    let mut paste = String::new();
    while paste.len() < 1_000_000 {
        paste.push_str("< x-noise: 0123456789abcdef0123456789abcdef0123456789abcdef\n");
    }
    paste.push_str("<\n");
    paste.push_str(&auth0_response(&auth0_token()));
    assert!(paste.len() > 1_000_000);
    let r = run(&paste);
    assert_no_fail(&r);
    // One megabyte of garbage on one line, and a huge JSON object.
    let junk = "ab\"{[".repeat(220_000);
    let r = run(&junk);
    assert_eq!(r.verdict, Verdict::Fail);
    assert!(!r.headline.is_empty());
    let big = json!({"access_token": auth0_token(), "token_type": "Bearer", "padding": "p".repeat(1_100_000)}).to_string();
    let r = run(&big);
    assert_no_fail(&r);
    assert!(finding(&r, "other_members").detail.contains("padding"));
    assert!(
        r.finding("paste_trimmed").is_none(),
        "one long string is kept whole"
    );
}

#[test]
fn a_response_wrapped_in_thousands_of_values_is_checked_and_says_what_was_left_out() {
    let records: Vec<_> = (0..20_000)
        .map(|i| json!({"id": i, "ok": true, "tags": ["a", "b"]}))
        .collect();
    let mut response: serde_json::Value =
        serde_json::from_str(&auth0_response(&auth0_token())).unwrap();
    response["diagnostics"] = json!(records);
    let paste = response.to_string();
    assert!(paste.len() > 500_000);
    let r = run(&paste);
    // Every check of the response itself, exactly as for the small response.
    let small = run(&auth0_response(&auth0_token()));
    for f in &small.findings {
        assert_eq!(finding(&r, f.id()).status(), f.status(), "{}", f.id());
    }
    assert_no_fail(&r);
    let trimmed = finding(&r, "paste_trimmed");
    assert_eq!(trimmed.status(), Status::Info);
    assert!(trimmed.detail.contains("first 4096"), "{}", trimmed.detail);
    assert!(finding(&r, "other_members").detail.contains("diagnostics"));
    // A response within the budget says nothing about it.
    assert!(small.finding("paste_trimmed").is_none());

    // An error response after a long trace is explained as without it.
    let mut error: serde_json::Value = serde_json::from_str(
        r#"{"error":"access_denied","error_description":"Service not enabled within domain: https://api.example.com"}"#,
    )
    .unwrap();
    let plain = run(&error.to_string());
    error["trace"] = json!((0..10_000).collect::<Vec<_>>());
    let r = run(&error.to_string());
    assert_eq!(r.verdict, Verdict::ErrorResponse);
    assert_eq!(
        finding(&r, "error_response").title(),
        finding(&plain, "error_response").title()
    );
    assert_eq!(
        finding(&r, "error_response").detail,
        finding(&plain, "error_response").detail
    );

    // A trailing comma deep in the part that is only read through is still named as such.
    let numbers: Vec<String> = (0..5000).map(|i| i.to_string()).collect();
    let broken = format!(
        "{{\"trace\":[{},\n{{\"a\":1,}}],\"access_token\":\"x\"}}",
        numbers.join(",")
    );
    let r = run(&broken);
    assert_eq!(first_fail(&r), "json_trailing_comma");
    assert!(
        finding(&r, "json_trailing_comma").detail.contains("line 2"),
        "{}",
        finding(&r, "json_trailing_comma").detail
    );
}

#[test]
fn only_the_access_token() {
    let r = run(&auth0_token());
    assert_eq!(first_fail(&r), "paste_token_only");
    assert!(
        r.headline.contains("only the access token"),
        "{}",
        r.headline
    );
    assert!(r.token.is_some(), "the token is still decoded");
    assert!(r.signature.is_some());
    assert_eq!(status(&r, "grant"), Some(Status::Pass));
    assert_eq!(status(&r, "aud"), Some(Status::Pass));
    // Quoted token, and an opaque token.
    let r = run(&format!("\"{}\"", auth0_token()));
    assert_eq!(first_fail(&r), "paste_token_only");
    let r = run("eyJ...");
    assert_eq!(first_fail(&r), "paste_token_only");
    assert_eq!(status(&r, "token_redacted"), Some(Status::Fail));
    let r = run("ory_at_Zk3l1Zb0Y9a8X7w6V5u4T3s2R1qPoNmLkJ.hGfEdCbA0123456789abcdefghij");
    assert_eq!(first_fail(&r), "paste_token_only");
    assert_eq!(status(&r, "token_format"), Some(Status::Warn));
}

#[test]
fn authorization_bearer_line() {
    for paste in [
        format!("Authorization: Bearer {}", auth0_token()),
        format!("-H \"Authorization: Bearer {}\"", auth0_token()),
        format!("Bearer {}", auth0_token()),
    ] {
        let r = run(&paste);
        assert_eq!(first_fail(&r), "paste_bearer_header", "{}", describe(&r));
        assert_eq!(
            finding(&r, "paste_bearer_header").rule.key,
            "paste.bearer_header"
        );
        assert!(r.token.is_some());
        assert_eq!(status(&r, "signature"), Some(Status::Pending));
    }
}

#[test]
fn the_curl_command_itself() {
    let paste = format!(
        "curl --request POST \\\n  --url 'https://{}/oauth/token' \\\n  --header 'content-type: application/x-www-form-urlencoded' \\\n  --data grant_type=client_credentials",
        AUTH0_DOMAIN
    );
    let r = run(&paste);
    assert_eq!(first_fail(&r), "paste_curl_command", "{}", describe(&r));
    assert!(words(finding(&r, "paste_curl_command")).contains("Run the command"));
    let r = run("curl.exe -X POST https://x/oauth/token -d grant_type=client_credentials");
    assert_eq!(first_fail(&r), "paste_curl_command");
}

#[test]
fn curl_error_text() {
    let cases = [
        ("curl: (6) Could not resolve host: dev-abc123.us.auth0.co", "host name could not be found"),
        ("curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server", "Nothing answered"),
        ("curl: (60) SSL certificate problem: unable to get local issuer certificate", "TLS"),
        ("curl: (3) URL using bad/illegal format or missing URL", "URL is malformed"),
        ("curl: (22) The requested URL returned error: 401", "--fail"),
        ("curl: (6) Could not resolve host: YOUR_DOMAIN", "placeholder"),
    ];
    for (paste, word) in cases {
        let r = run(&format!("$ curl -X POST https://x/oauth/token\n{}", paste));
        assert_eq!(first_fail(&r), "paste_curl_error", "{}", describe(&r));
        assert!(
            words(finding(&r, "paste_curl_error")).contains(word),
            "{}: {}",
            paste,
            describe(&r)
        );
        assert!(
            r.headline.contains("not the server's response"),
            "{}",
            r.headline
        );
    }
    let r = run("curl : A parameter cannot be found that matches parameter name 'X'.\nAt line:1 char:6\n+ curl -X POST https://x\n    + CategoryInfo          : InvalidArgument: (:) [Invoke-WebRequest], ParameterBindingException\n    + FullyQualifiedErrorId : NamedParameterNotFound,Microsoft.PowerShell.Commands.InvokeWebRequestCommand");
    assert_eq!(first_fail(&r), "paste_curl_error", "{}", describe(&r));
    assert_eq!(
        finding(&r, "paste_curl_error").rule.key,
        "paste.powershell.error"
    );
}

#[test]
fn the_lines_of_a_command_run_one_by_one() {
    // The lesson's own example has spaces after its backslashes and breaks the domain: each line
    // runs alone, in every shell.
    for (paste, cut) in [
        ("curl: (6) Could not resolve host: dev-\nbash: lyx6hvf82sns21u1.us.auth0.com/oauth/token: No such file or directory\nbash: -d: command not found\nbash: -d: command not found", true),
        ("$ curl -X POST https://dev-  \ncurl: (6) Could not resolve host: dev-\n$ -d grant_type=client_credentials \\  \n-bash: -d: command not found", true),
        ("zsh: no such file or directory: lyx6hvf82sns21u1.us.auth0.com/oauth/token\nzsh: command not found: -d", false),
        ("-d: The term '-d' is not recognized as a name of a cmdlet, function, script file, or executable program.", false),
        ("'-d' is not recognized as an internal or external command,\noperable program or batch file.", false),
        ("sh: 1: --data: not found", false),
    ] {
        let r = run(paste);
        assert_eq!(first_fail(&r), "paste_curl_error", "{}", describe(&r));
        let w = words(finding(&r, "paste_curl_error"));
        assert!(w.contains("lines one by one") && w.contains("not even a space"), "{w}");
        assert_eq!(w.contains("cut at a line break"), cut, "{w}");
    }
    // curl's error alone, for an address cut where the line broke.
    let r = run("curl: (6) Could not resolve host: dev-");
    assert_eq!(
        finding(&r, "paste_curl_error").rule.key,
        "paste.curl.host_cut"
    );
}

#[test]
fn a_response_after_text_that_names_the_secret_is_checked_with_a_warning() {
    let response = auth0_response(&auth0_token());
    for before in [
        // Postman's console: the request body, then the response.
        "POST https://dev-abc123.us.auth0.com/oauth/token\nRequest Body\ngrant_type: \"client_credentials\"\nclient_secret: \"s3cr3tXyZs3cr3tXyZs3cr3tXyZs3cr3tXyZ\"\nResponse Body",
        // A script and what it printed.
        "r = requests.post(url, data={\"grant_type\": \"client_credentials\", \"client_secret\": \"s3cr3tXyZs3cr3tXyZs3cr3tXyZs3cr3tXyZ\"})\nprint(r.text)",
    ] {
        let r = run(&format!("{before}\n{response}"));
        assert_no_fail(&r);
        assert_eq!(status(&r, "grant"), Some(Status::Pass), "{}", describe(&r));
        assert_eq!(status(&r, "paste_secret"), Some(Status::Warn));
        assert!(r.set_aside.iter().any(|s| s.contains("names your client secret")));
    }
    // Without a response after it, the paste is still named for what it is.
    let r = run("Domain: dev-abc123.us.auth0.com\nClient ID: a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuV\nClient Secret: s3cr3tXyZs3cr3tXyZs3cr3tXyZs3cr3tXyZ");
    assert_eq!(
        first_fail(&r),
        "paste_not_token_response",
        "{}",
        describe(&r)
    );
    // A broken response after it is located in the paste's own lines.
    let r = run("client_secret: s3cr3tXyZs3cr3tXyZs3cr3tXyZs3cr3tXyZ\n{\"access_token\": \"a\" \"error\": 1}");
    assert_eq!(
        first_fail(&r),
        "paste_not_token_response",
        "{}",
        describe(&r)
    );
}

#[test]
fn an_error_status_without_json_is_explained() {
    for (paste, word) in [
        ("Unauthorized", "client ID or secret is wrong"),
        ("Too Many Requests", "Wait a minute"),
        ("Cannot POST /oauth/tokens", "path is wrong"),
        (
            "HTTP/1.1 405 Method Not Allowed\nAllow: GET\n\nMethod Not Allowed",
            "POST",
        ),
        (
            "HTTP/2 401 \ncontent-length: 0\nwww-authenticate: Basic realm=\"auth0\"\n",
            "client ID or secret is wrong",
        ),
        ("HTTP/1.1 500 Internal Server Error", "problem of its own"),
    ] {
        let r = run(paste);
        assert_eq!(first_fail(&r), "paste_error_status", "{}", describe(&r));
        let w = words(finding(&r, "paste_error_status"));
        assert!(w.contains(word), "{paste}: {w}");
        assert!(r.headline.contains("HTTP status"), "{}", r.headline);
    }
}

#[test]
fn an_id_token_is_named_for_what_it_is() {
    // A sign-in's ID token in the response: its audience is the client ID.
    let id_token = jwt(
        &auth0_header(),
        &json!({"iss": AUTH0_ISS, "sub": "auth0|65f0c1", "aud": CLIENT_ID, "iat": NOW - 60,
                "exp": NOW + 36000, "email": "ada@example.com", "nonce": "n-0S6_WzA2Mj"}),
    );
    let r = run(&auth0_response(&id_token));
    let aud = finding(&r, "aud");
    assert_eq!(aud.status(), Status::Fail);
    assert!(aud.detail.contains("ID token"), "{}", describe(&r));
    assert!(words(finding(&r, "grant")).contains("an email claim"));
    // Spring Authorization Server's access tokens name the client as audience: not an ID token.
    let spring = provider_cases()
        .into_iter()
        .find(|c| c.name == "Spring Authorization Server")
        .unwrap_or_else(|| panic!("case"));
    let mut expect = spring.expect.clone();
    expect.audience = String::new();
    let r = check(&spring.paste, &expect, NOW);
    assert!(
        !finding(&r, "aud").detail.contains("ID token"),
        "{}",
        describe(&r)
    );
}

#[test]
fn jwt_io_pastes() {
    // jwt.io's layout with the encoded token above the decoded panels: the token is checked.
    let t = auth0_token();
    let paste = format!(
        "JSON WEB TOKEN (JWT)\n{t}\nValid JWT\nDECODED HEADER\n{}\nDECODED PAYLOAD\n{}",
        serde_json::to_string_pretty(&auth0_header()).unwrap_or_default(),
        serde_json::to_string_pretty(&auth0_claims()).unwrap_or_default()
    );
    let r = run(&paste);
    assert_eq!(first_fail(&r), "paste_token_only", "{}", describe(&r));
    assert_eq!(status(&r, "grant"), Some(Status::Pass));
    assert!(r.signature.is_some(), "the pasted token can be verified");
    // jwt.io's own example token.
    let sample = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    let r = run(&auth0_response(sample));
    assert_eq!(first_fail(&r), "token_redacted", "{}", describe(&r));
    assert!(finding(&r, "token_redacted")
        .detail
        .contains("jwt.io's example"));
}

#[test]
fn powershell_7_status_without_a_body_and_nginx_405() {
    let r = run(
        "Invoke-RestMethod: Response status code does not indicate success: 401 (Unauthorized).",
    );
    assert_eq!(first_fail(&r), "paste_curl_error", "{}", describe(&r));
    let w = words(finding(&r, "paste_curl_error"));
    assert!(
        w.contains("no body") && w.contains("client ID or secret is wrong"),
        "{w}"
    );
    let r = run("<html>\r\n<head><title>405 Not Allowed</title></head>\r\n<body>\r\n<center><h1>405 Not Allowed</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>");
    assert!(
        words(finding(&r, "paste_html")).contains("POST"),
        "{}",
        describe(&r)
    );
}

#[test]
fn browser_node_and_python_errors() {
    for (paste, word) in [
        ("Access to fetch at 'https://dev-abc123.us.auth0.com/oauth/token' from origin 'http://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\nPOST https://dev-abc123.us.auth0.com/oauth/token net::ERR_FAILED", "terminal"),
        ("Uncaught (in promise) TypeError: Failed to fetch\n    at <anonymous>:1:1", "CORS"),
        ("Promise { <pending> }", "await"),
        ("AxiosError: Request failed with status code 401\n    at settle (/app/node_modules/axios/dist/node/axios.cjs:1966:12) {\n  code: 'ERR_BAD_REQUEST',\n  response: {\n    status: 401,\n    data: { error: 'access_denied', error_description: 'Unauthorized' }\n  }\n}", "error.response.data"),
        ("Traceback (most recent call last):\n  File \"get_token.py\", line 9, in <module>\n    r.raise_for_status()\nrequests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://dev-abc123.us.auth0.com/oauth/token", "print(r.text)"),
    ] {
        let r = run(paste);
        assert_eq!(first_fail(&r), "paste_curl_error", "{}", describe(&r));
        let w = words(finding(&r, "paste_curl_error"));
        assert!(w.contains(word), "{paste}: {w}");
    }
}

#[test]
fn html_page() {
    let r = run("<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>");
    assert_eq!(first_fail(&r), "paste_html");
    let d = &finding(&r, "paste_html").detail;
    assert!(d.contains("`404 Not Found`") && d.contains("path"), "{}", d);
    assert!(r.headline.contains("web page"), "{}", r.headline);
    // A login page whose script names happen to contain 404 is a login page.
    let r = run("<!doctype html><html><head><title>Log in | Acme</title><script src=\"/assets/app-404a1b.js\"></script></head><body><form>Sign in</form></body></html>");
    let d = &finding(&r, "paste_html").detail;
    assert!(
        d.contains("login page") && !d.contains("does not exist"),
        "{}",
        d
    );
    // An XML error (cloud storage, a gateway) is not called an HTML page.
    let r = run("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>");
    let d = &finding(&r, "paste_html").detail;
    assert!(
        d.starts_with("This is an XML document") && d.contains("cloud storage"),
        "{}",
        d
    );
}

#[test]
fn placeholder_text() {
    for paste in [
        "{\n  \"token_type\": \"Bearer\",\n  ...\n}",
        "{ \"token_type\": \"Bearer\", ... }",
        "{\n  \"access_token\": \"eyJ...\",\n  \"token_type\": \"Bearer\",\n  …\n}",
    ] {
        let r = run(paste);
        assert_eq!(first_fail(&r), "paste_placeholder", "{}", describe(&r));
        assert_eq!(
            finding(&r, "paste_placeholder").rule.key,
            "paste.placeholder"
        );
    }
}

#[test]
fn powershell_display() {
    let list = "\naccess_token : eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6Ilhj...\nscope        : read:messages\nexpires_in   : 86400\ntoken_type   : Bearer\n";
    let r = run(list);
    assert_eq!(first_fail(&r), "paste_powershell", "{}", describe(&r));
    assert!(words(finding(&r, "paste_powershell")).contains("ConvertTo-Json"));
    let table = "access_token                                       scope         expires_in token_type\n------------                                       -----         ---------- ----------\neyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6Ilhj… read:messages      86400 Bearer";
    assert_eq!(first_fail(&run(table)), "paste_powershell");
    let hash =
        "@{access_token=eyJhbGciOi; scope=read:messages; expires_in=86400; token_type=Bearer}";
    assert_eq!(first_fail(&run(hash)), "paste_powershell");
}

#[test]
fn python_and_node_print_outs() {
    let py = format!("{{'access_token': '{}', 'scope': 'read:messages', 'expires_in': 86400, 'token_type': 'Bearer', 'refresh_token': None}}", auth0_token());
    let r = run(&py);
    assert_eq!(first_fail(&r), "paste_python", "{}", describe(&r));
    assert!(words(finding(&r, "paste_python")).contains("response.text"));
    let node = format!("{{\n  access_token: '{}',\n  scope: 'read:messages',\n  expires_in: 86400,\n  token_type: 'Bearer'\n}}", auth0_token());
    let r = run(&node);
    assert_eq!(first_fail(&r), "paste_node", "{}", describe(&r));
    assert_eq!(finding(&r, "paste_node").rule.key, "paste.node.print");
}

#[test]
fn decoded_claims_from_a_jwt_debugger() {
    let r = run(&serde_json::to_string_pretty(&auth0_claims()).unwrap_or_default());
    assert_eq!(first_fail(&r), "paste_decoded_claims");
    assert!(words(finding(&r, "paste_decoded_claims")).contains("jwt.io"));
    assert!(r
        .token
        .as_ref()
        .is_some_and(|t| t.claims.iter().any(|c| c.name == "gty")));
    // jwt.io's header and payload pasted together.
    let r = run(&format!("{}\n{}", auth0_header(), auth0_claims()));
    assert_eq!(first_fail(&r), "paste_decoded_claims", "{}", describe(&r));
    // ... and copied with jwt.io's panel labels and its signature panel.
    let labelled = format!(
        "HEADER:ALGORITHM & TOKEN TYPE\n{}\nPAYLOAD:DATA\n{}\nVERIFY SIGNATURE\nRSASHA256(\n  base64UrlEncode(header) + \".\" +\n  base64UrlEncode(payload),\n)",
        serde_json::to_string_pretty(&auth0_header()).unwrap_or_default(),
        serde_json::to_string_pretty(&auth0_claims()).unwrap_or_default()
    );
    let r = run(&labelled);
    assert_eq!(first_fail(&r), "paste_decoded_claims", "{}", describe(&r));
    assert!(r.set_aside.iter().any(|s| s.contains("HEADER, PAYLOAD")));
    assert!(r
        .token
        .as_ref()
        .is_some_and(|t| t.claims.iter().any(|c| c.name == "gty")));
}

#[test]
fn other_json() {
    let cases = [
        (json!({"keys": [{"kty": "RSA"}]}).to_string(), "Key Set"),
        (
            json!({"issuer": AUTH0_ISS, "token_endpoint": "x", "jwks_uri": "y"}).to_string(),
            "discovery document",
        ),
        (
            json!({"grant_type": "client_credentials", "client_id": "x", "client_secret": "y"})
                .to_string(),
            "request you send",
        ),
        ("[1, 2]".to_string(), "array"),
        (format!("https://{}/oauth/token", AUTH0_DOMAIN), "address"),
        (json!({"hello": "world"}).to_string(), "`hello`"),
    ];
    for (paste, word) in cases {
        let r = run(&paste);
        assert_eq!(
            first_fail(&r),
            "paste_not_token_response",
            "{}",
            describe(&r)
        );
        assert!(
            finding(&r, "paste_not_token_response")
                .detail
                .contains(word),
            "{}",
            describe(&r)
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Broken JSON: located, named, never repaired

#[test]
fn curly_quotes() {
    let paste = "{“access_token”: “abc”, “token_type”: “Bearer”}";
    let r = run(paste);
    assert_eq!(first_fail(&r), "json_curly_quotes");
    let d = &finding(&r, "json_curly_quotes").detail;
    assert!(d.contains("line 1, column 2"), "{}", d);
    assert!(d.contains("U+201C LEFT DOUBLE QUOTATION MARK"), "{}", d);
    assert!(d.contains("8 curly quotes"), "{}", d);
    // Position counted in the paste, after headers that were set aside.
    let r =
        run("HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\n  \"access_token\": ‘abc’\n}");
    assert!(
        finding(&r, "json_curly_quotes")
            .detail
            .contains("line 5, column 19"),
        "{}",
        describe(&r)
    );
    assert!(finding(&r, "json_curly_quotes")
        .detail
        .contains("U+2018 LEFT SINGLE QUOTATION MARK"));
}

#[test]
fn truncated_json() {
    let full = auth0_response(&auth0_token());
    let cut = &full[..full.len() / 2];
    let r = run(cut);
    assert_eq!(first_fail(&r), "json_truncated", "{}", describe(&r));
    let d = &finding(&r, "json_truncated").detail;
    assert!(
        d.contains("a string is still open") && d.contains("opening `{` not closed"),
        "{}",
        d
    );
    assert!(r.headline.contains("cut off"));
}

#[test]
fn trailing_comma() {
    let r = run("{\n  \"access_token\": \"abc\",\n  \"token_type\": \"Bearer\",\n}");
    assert_eq!(first_fail(&r), "json_trailing_comma");
    assert!(
        finding(&r, "json_trailing_comma")
            .detail
            .contains("line 3, column 25"),
        "{}",
        describe(&r)
    );
}

#[test]
fn pasted_twice() {
    let body = auth0_response(&auth0_token());
    let r = run(&format!("{}{}", body, body));
    assert_eq!(first_fail(&r), "json_duplicate");
    assert!(finding(&r, "json_duplicate")
        .detail
        .contains("pasted twice"));
    let r = run(&format!("{}\n\n{}", body, auth0_response("other")));
    assert_eq!(first_fail(&r), "json_duplicate");
    assert!(finding(&r, "json_duplicate")
        .detail
        .contains("two were pasted"));
}

#[test]
fn json_inside_a_string() {
    let body = auth0_response(&auth0_token());
    let paste = serde_json::to_string(&body).unwrap_or_default();
    assert!(paste.starts_with("\"{\\\"access_token\\\""));
    let r = run(&paste);
    assert_eq!(first_fail(&r), "json_in_string", "{}", describe(&r));
    assert!(r.headline.contains("encoded twice"));
    // The response inside is still checked.
    assert_eq!(status(&r, "grant"), Some(Status::Pass));
}

#[test]
fn invisible_characters() {
    let r = run("{\"access_token\":\u{200B} \"abc\"}");
    assert_eq!(first_fail(&r), "json_invisible");
    let d = &finding(&r, "json_invisible").detail;
    assert!(
        d.contains("U+200B ZERO WIDTH SPACE") && d.contains("line 1, column 17"),
        "{}",
        d
    );
    let r = run("{\"a\":1,\u{FEFF}\"b\":2}");
    assert_eq!(first_fail(&r), "json_invisible");

    // Inside the token: the JSON is fine, the token is not.
    let token = auth0_token();
    let (a, b) = token.split_at(57);
    for ch in ['\u{200B}', '\u{FEFF}', '\u{00A0}'] {
        let r = run(&auth0_response(&format!("{}{}{}", a, ch, b)));
        assert_eq!(first_fail(&r), "token_chars", "{}", describe(&r));
        let d = &finding(&r, "token_chars").detail;
        assert!(
            d.contains("Character 58 of the access token is U+"),
            "{}",
            d
        );
        // Read without it: everything else still checks out.
        assert_eq!(status(&r, "grant"), Some(Status::Pass));
        assert_eq!(r.failures().count(), 1, "{}", describe(&r));
    }
}

#[test]
fn line_break_inside_the_token() {
    let token = auth0_token();
    let (a, b) = token.split_at(80);
    let r = run(&format!(
        "{{\"access_token\":\"{}\n{}\",\"token_type\":\"Bearer\"}}",
        a, b
    ));
    assert_eq!(first_fail(&r), "json_line_break", "{}", describe(&r));
    assert!(finding(&r, "json_line_break").detail.contains("line 1"));
}

#[test]
fn generic_json_error_is_located() {
    let r = run("{\"access_token\": \"abc\" \"token_type\": \"Bearer\"}");
    assert_eq!(first_fail(&r), "json");
    let d = &finding(&r, "json").detail;
    assert!(
        d.contains("line 1, column 24") && d.contains("comma"),
        "{}",
        d
    );
    // A paragraph before the JSON is not a short label: the JSON's start is located.
    let r = run("I ran the command from the lesson.\nIt printed a lot.\nThen this.\nAnd this:\nOK\n{\"access_token\": \"abc\"}");
    assert_eq!(first_fail(&r), "json");
    assert!(
        finding(&r, "json").detail.contains("line 6"),
        "{}",
        describe(&r)
    );
}

#[test]
fn the_learners_own_words_around_the_response_are_set_aside() {
    let response = auth0_response(&auth0_token());
    for (paste, note) in [
        (
            format!("Here is my token response:\n{response}"),
            "`Here is my token response:`",
        ),
        (format!("Response Body\n\n{response}"), "`Response Body`"),
        (format!("Response: {response}"), "`Response:`"),
        (format!("{response}\n\nIs this right?"), "`Is this right?`"),
    ] {
        let r = run(&paste);
        assert_no_fail(&r);
        assert_eq!(status(&r, "grant"), Some(Status::Pass), "{}", describe(&r));
        assert!(
            r.set_aside.iter().any(|s| s.contains(note)),
            "{note}: {}",
            describe(&r)
        );
    }
    // jwt.io's one-word label before the decoded claims.
    let claims = serde_json::to_string_pretty(&auth0_claims()).unwrap_or_default();
    let r = run(&format!("Payload\n{claims}"));
    assert_eq!(first_fail(&r), "paste_decoded_claims", "{}", describe(&r));
    // A line that names the client secret is never set aside unseen.
    let r = run(&format!(
        "Client secret: s3cr3tXyZs3cr3tXyZs3cr3tXyZ\n{response}"
    ));
    assert_eq!(
        status(&r, "paste_secret"),
        Some(Status::Warn),
        "{}",
        describe(&r)
    );
}

#[test]
fn terminal_colour_codes_are_set_aside() {
    // `jq -C` output saved to a file and opened elsewhere keeps its ESC sequences.
    let coloured = format!(
        "\u{1b}[1;39m{{\n  \u{1b}[0m\u{1b}[34;1m\"access_token\"\u{1b}[0m\u{1b}[1;39m:\u{1b}[0m\u{1b}[0;32m\"{}\"\u{1b}[0m\u{1b}[1;39m,\n  \u{1b}[0m\u{1b}[34;1m\"expires_in\"\u{1b}[0m:\u{1b}[0;39m86400\u{1b}[0m,\n  \"token_type\":\"Bearer\"\n\u{1b}[1;39m}}\u{1b}[0m",
        auth0_token()
    );
    let r = run(&coloured);
    assert_no_fail(&r);
    assert_eq!(status(&r, "access_token"), Some(Status::Pass));
    assert!(
        r.set_aside.iter().any(|s| s.contains("colour codes")),
        "{}",
        describe(&r)
    );
}

#[test]
fn wget_output() {
    let chatter = "--2026-12-04 15:40:12--  https://dev-abc123.us.auth0.com/oauth/token\n\
        Resolving dev-abc123.us.auth0.com (dev-abc123.us.auth0.com)... 104.18.10.1\n\
        Connecting to dev-abc123.us.auth0.com (dev-abc123.us.auth0.com)|104.18.10.1|:443... connected.\n";
    // Saved to a file: where the response is, and how to show it.
    let saved = format!(
        "{chatter}HTTP request sent, awaiting response... 200 OK\nLength: 1045 (1.0K) [application/json]\n\
         Saving to: \u{2018}token\u{2019}\n\n\
         token               100%[===================>]   1.02K  --.-KB/s    in 0s\n\n\
         2026-12-04 15:40:13 (18.2 MB/s) - \u{2018}token\u{2019} saved [1045/1045]\n"
    );
    let r = run(&saved);
    assert_eq!(first_fail(&r), "paste_wget", "{}", describe(&r));
    let w = words(finding(&r, "paste_wget"));
    assert!(
        w.contains("the file `token`") && w.contains("cat token") && w.contains("-qO-"),
        "{w}"
    );
    // An error: wget drops the body, and 401 is the client's credentials.
    let r = run(&format!(
        "{chatter}HTTP request sent, awaiting response... 401 Unauthorized\n\nUsername/Password Authentication Failed.\n"
    ));
    assert_eq!(first_fail(&r), "paste_wget", "{}", describe(&r));
    let w = words(finding(&r, "paste_wget"));
    assert!(
        w.contains("401") && w.contains("client ID and secret") && w.contains("--content-on-error"),
        "{w}"
    );
    // `wget -O -` prints the response among its messages: that is checked.
    let r = run(&format!(
        "{chatter}HTTP request sent, awaiting response... 200 OK\nSaving to: \u{2018}STDOUT\u{2019}\n{}\n\
         2026-12-04 15:40:13 (18.2 MB/s) - written to stdout [1045/1045]\n",
        auth0_response(&auth0_token())
    ));
    assert_no_fail(&r);
    assert!(
        r.set_aside.iter().any(|s| s.contains("wget")),
        "{}",
        describe(&r)
    );
    // `wget -S` indents the status line and the headers.
    let r = run(&format!(
        "  HTTP/1.1 200 OK\n  Date: Fri, 04 Dec 2026 15:40:13 GMT\n  Content-Type: application/json\n{}",
        auth0_response(&auth0_token())
    ));
    assert_no_fail(&r);
}

#[test]
fn redacted_tokens() {
    for t in [
        "eyJ...",
        "eyJhbGciOiJSUzI1NiIs…",
        "<access_token>",
        "REDACTED",
        "xxxxx",
        "XXXXXXXXXXXXXXXXXXXX",
        "your_access_token",
        "hidden",
        "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.xxx.yyy",
    ] {
        let r = run(&auth0_response(t));
        assert_eq!(first_fail(&r), "token_redacted", "{}: {}", t, describe(&r));
        assert_eq!(finding(&r, "token_redacted").rule.key, "token.redacted");
    }
}

// ---------------------------------------------------------------------------------------------
// Error responses (RFC 6749 §5.2)

/// An error response: its verdict, the rule that explains it, and the values from the response
/// that the explanation quotes.
fn error_case(body: serde_json::Value, expect: &Expectations, rule: &str, quoted: &[&str]) {
    let r = check(&body.to_string(), expect, NOW);
    assert_eq!(r.verdict, Verdict::ErrorResponse, "{}", describe(&r));
    assert!(
        r.headline.starts_with("The server answered with an error"),
        "{}",
        r.headline
    );
    let f = finding(&r, "error_response");
    assert_eq!(f.rule.key, rule, "{}", describe(&r));
    let all = words(f);
    for w in quoted {
        assert!(all.contains(w), "{:?} missing in {}", w, all);
    }
    if let Some(code) = body.get("error").and_then(|e| e.as_str()) {
        assert!(
            f.detail.contains(&format!("`{}`", code)),
            "error quoted: {}",
            f.detail
        );
    }
    assert!(f.reference().is_some());
}

#[test]
fn auth0_errors() {
    let e = auth0_expect();
    error_case(
        json!({"error": "access_denied", "error_description": "Client is not authorized to access \"https://api.example.com\". You need to create a \"client-grant\" associated to this API. See: https://auth0.com/docs/api/v2#!/Client_Grants/post_client_grants"}),
        &e,
        "errors.auth0.not_authorized",
        &["`https://api.example.com`"],
    );
    // The same error for another API than the one entered: the audience sent is what to fix.
    error_case(
        json!({"error": "access_denied", "error_description": "Client is not authorized to access \"https://dev-abc123.us.auth0.com/api/v2/\". You need to create a \"client-grant\" associated to this API."}),
        &e,
        "errors.auth0.other_api",
        &["`https://api.example.com`"],
    );
    error_case(
        json!({"error": "access_denied", "error_description": "Client \"abc\" is not authorized to access resource server \"https://api.example.com\"."}),
        &e,
        "errors.auth0.not_authorized",
        &[],
    );
    // Auth0's wording for an identifier the domain does not know (another tenant's API, a
    // custom domain in the identifier).
    error_case(
        json!({"error": "access_denied", "error_description": "Service not enabled within domain: https://api.example.org/"}),
        &e,
        "errors.auth0.unknown_audience",
        &["`https://api.example.org/`"],
    );
    error_case(
        json!({"error": "unauthorized_client", "error_description": "Grant type 'client_credentials' not allowed for the client.", "error_uri": "https://auth0.com/docs/clients/client-grant-types"}),
        &e,
        "errors.auth0.grant_not_allowed",
        &[],
    );
    error_case(
        json!({"error": "access_denied", "error_description": "Unauthorized"}),
        &e,
        "errors.auth0.wrong_credentials",
        &[],
    );
    error_case(
        json!({"error": "invalid_client", "error_description": "Client authentication failed."}),
        &e,
        "errors.auth0.wrong_credentials",
        &[],
    );
    error_case(
        json!({"error": "access_denied", "error_description": "Service not found: https://api.exmaple.com"}),
        &e,
        "errors.auth0.unknown_audience",
        &["`https://api.exmaple.com`"],
    );
    error_case(
        json!({"error": "invalid_request", "error_description": "No audience parameter was provided, and no default audience has been configured"}),
        &e,
        "errors.no_audience",
        &[],
    );
    error_case(
        json!({"error": "Rate limit reached", "error_description": "Too many requests"}),
        &e,
        "errors.rate_limited",
        &[],
    );
    error_case(
        json!({"error": "too_many_requests", "error_description": "Global limit has been reached"}),
        &e,
        "errors.rate_limited",
        &[],
    );
}

#[test]
fn errors_whose_wording_tells_the_cause() {
    let entra = Expectations {
        provider: Provider::Entra,
        ..Expectations::default()
    };
    // The parameter is named in the first line, not taken from the timestamp at the end.
    error_case(
        json!({"error": "invalid_request", "error_description": "AADSTS90014: The required field 'scope' is missing from the credential. Ensure that you have all the necessary parameters for the login request.\r\nTrace ID: 0c1d\r\nCorrelation ID: 9f8e\r\nTimestamp: 2026-11-28 10:33:09Z"}),
        &entra,
        "errors.entra.scope_missing",
        &[],
    );
    // The parameter or the grant type the description names.
    error_case(
        json!({"error": "invalid_request", "error_description": "Invalid request: client_id is required"}),
        &Expectations::default(),
        "errors.parameter_missing",
        &["`client_id`"],
    );
    error_case(
        json!({"error": "unsupported_grant_type", "error_description": "Unsupported grant type: client_credential"}),
        &auth0_expect(),
        "errors.grant_type_misspelled",
        &["`client_credential`", "exactly `client_credentials`"],
    );
    // Scopes for signing users in cannot be granted: the fix is to leave them out.
    error_case(
        json!({"error": "access_denied", "error_description": "Client has not been granted scopes: openid profile"}),
        &auth0_expect(),
        "errors.auth0.user_scopes",
        &[],
    );
    // A server that read the grant correctly and does not offer it.
    error_case(
        json!({"error": "unsupported_grant_type", "error_description": "Invalid grant_type: client_credentials"}),
        &Expectations::default(),
        "errors.grant_not_offered",
        &[],
    );
    // Windows PowerShell 5.1 and TLS 1.2.
    let r = run("Invoke-RestMethod : The underlying connection was closed: An unexpected error occurred on a send.\nAt line:1 char:1\n+ Invoke-RestMethod -Method Post -Uri https://dev-abc123.us.auth0.com/oauth/token ...\n    + CategoryInfo          : InvalidOperation: (System.Net.HttpWebRequest:HttpWebRequest) [Invoke-RestMethod], WebException");
    assert_eq!(first_fail(&r), "paste_curl_error", "{}", describe(&r));
    assert_eq!(
        finding(&r, "paste_curl_error").rule.key,
        "paste.powershell.old_tls"
    );
}

#[test]
fn okta_keycloak_entra_errors() {
    let okta = Expectations {
        provider: Provider::Okta,
        ..Expectations::default()
    };
    // Okta lists error_description before error.
    let r = check("{\"error_description\":\"Client authentication failed. Either the client or the client credentials are invalid.\",\"error\":\"invalid_client\"}", &okta, NOW);
    assert_eq!(r.verdict, Verdict::ErrorResponse);
    assert!(
        words(finding(&r, "error_response")).contains("Okta")
            || words(finding(&r, "error_response")).contains("Applications → your app")
    );
    error_case(
        json!({"error": "invalid_scope", "error_description": "The authorization server resource does not have any configured default scopes, 'scope' must be provided."}),
        &okta,
        "errors.okta.no_default_scope",
        &[],
    );
    error_case(
        json!({"error": "unauthorized_client", "error_description": "The client is not authorized to use the provided grant type. Configured grant types: [authorization_code]."}),
        &okta,
        "errors.okta.grant_not_enabled",
        &[],
    );
    let kc = Expectations {
        provider: Provider::Keycloak,
        ..Expectations::default()
    };
    error_case(
        json!({"error": "unauthorized_client", "error_description": "Client not enabled to retrieve service account"}),
        &kc,
        "errors.keycloak.service_accounts_off",
        &[],
    );
    error_case(
        json!({"error": "unauthorized_client", "error_description": "Client secret not provided in request"}),
        &kc,
        "errors.secret_not_provided",
        &[],
    );
    // Keycloak says unauthorized_client for a wrong secret, too: that is not a grant problem.
    for desc in [
        "Invalid client secret",
        "Invalid client or Invalid client credentials",
    ] {
        error_case(
            json!({"error": "unauthorized_client", "error_description": desc}),
            &kc,
            "errors.keycloak.wrong_credentials",
            &[],
        );
    }
    error_case(
        json!({"error": "access_denied", "error_description": "Policy evaluation failed for this request, please check the policy configurations."}),
        &okta,
        "errors.okta.no_access_policy",
        &[],
    );
    error_case(
        json!({"error": "invalid_client", "error_description": "Client Credentials requests to the Org Authorization Server must use the private_key_jwt token_endpoint_auth_method."}),
        &okta,
        "errors.okta.org_server",
        &[],
    );
    // Okta's API error format (a wrong method or path) is an error response too.
    let r = check(
        &json!({"errorCode": "E0000022", "errorSummary": "The endpoint does not support the provided HTTP method", "errorLink": "E0000022", "errorId": "oae1", "errorCauses": []}).to_string(),
        &okta,
        NOW,
    );
    assert_eq!(r.verdict, Verdict::ErrorResponse, "{}", describe(&r));
    assert!(words(finding(&r, "error_response")).contains("E0000022"));
    assert!(
        words(finding(&r, "error_response")).contains("does not support the provided HTTP method")
    );
    // An empty error code is said in words, not as empty quotes.
    let r = run(r#"{"error":""}"#);
    let f = finding(&r, "error_response");
    assert!(!words(f).contains("``"), "{}", words(f));
    assert!(f.detail.contains("empty error code"), "{}", f.detail);
    let entra = Expectations {
        provider: Provider::Entra,
        ..Expectations::default()
    };
    error_case(
        json!({"error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.\r\nTrace ID: 1\r\nCorrelation ID: 2\r\nTimestamp: 2026-11-28 10:00:00Z", "error_codes": [7000215], "timestamp": "2026-11-28 10:00:00Z", "trace_id": "1", "correlation_id": "2"}),
        &entra,
        "errors.entra.wrong_secret",
        &[],
    );
    error_case(
        json!({"error": "invalid_grant", "error_description": "AADSTS501051: Application '3f2e' (school-client) is not assigned to a role for the application 'api://school-api' (school-api).\r\nTrace ID: 1", "error_codes": [501051]}),
        &entra,
        "errors.entra.app_not_assigned",
        &[],
    );
    // Generic provider: inferred as Entra from the body.
    error_case(
        json!({"error": "unauthorized_client", "error_description": "AADSTS700016: Application with identifier 'x' was not found in the directory 'y'.", "error_codes": [700016]}),
        &Expectations::default(),
        "errors.entra.app_not_found",
        &[],
    );
    error_case(
        json!({"error": "invalid_scope", "error_description": "AADSTS1002012: The provided value for scope api://x is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).", "error_codes": [1002012]}),
        &entra,
        "errors.entra.scope_form",
        &[],
    );
}

#[test]
fn rfc_fallbacks_and_extra_members() {
    let g = Expectations::default();
    error_case(
        json!({"error": "unsupported_grant_type"}),
        &g,
        "errors.unsupported_grant_type",
        &[],
    );
    error_case(
        json!({"error": "invalid_grant", "error_description": "x"}),
        &g,
        "errors.invalid_grant",
        &[],
    );
    error_case(
        json!({"trace_id": "abc", "error": "invalid_scope", "error_codes": [1]}),
        &g,
        "errors.entra.invalid_scope",
        &[],
    );
    error_case(
        json!({"error": "weird_thing"}),
        &g,
        "errors.non_standard_code",
        &[],
    );
    // With the HTTP status from curl -i.
    let r = check(
        "HTTP/2 429\ncontent-type: application/json\n\n{\"error\":\"x\"}",
        &g,
        NOW,
    );
    assert_eq!(r.verdict, Verdict::ErrorResponse);
    assert!(finding(&r, "error_response")
        .detail
        .contains("HTTP status 429"));
    assert_eq!(
        finding(&r, "error_response").rule.key,
        "errors.rate_limited"
    );
    // A nested, non-standard error object.
    let r = check(
        "{\"error\":{\"code\":\"unauthorized\",\"message\":\"Bad credentials\"}}",
        &g,
        NOW,
    );
    assert_eq!(r.verdict, Verdict::ErrorResponse);
    assert!(finding(&r, "error_response")
        .detail
        .contains("Bad credentials"));
    // Auth0's 404 for a wrong path.
    let r = check(
        "{\"statusCode\":404,\"error\":\"Not Found\",\"message\":\"Not Found\"}",
        &g,
        NOW,
    );
    assert!(finding(&r, "error_response").detail.contains("404"));
}

// ---------------------------------------------------------------------------------------------
// Success members (RFC 6749 §5.1, §4.4.3)

#[test]
fn refresh_and_id_tokens_mean_another_flow() {
    let t = auth0_token();
    // A refresh token beside a client-credentials token: a warning whose reason names the grant
    // check, and a verdict that follows the findings (the grant check passes here).
    let mut r = run(&json!({"access_token": t, "token_type": "Bearer", "refresh_token": "v1.MrAbC", "expires_in": 86400}).to_string());
    assert_eq!(status(&r, "refresh_token"), Some(Status::Warn));
    assert_eq!(status(&r, "grant"), Some(Status::Pass));
    assert!(finding(&r, "refresh_token").detail.contains("grant check"));
    assert_no_fail(&r);
    r.apply_signature(signature_pass());
    assert_eq!(r.verdict, Verdict::Pass);
    assert!(r.headline.contains("One warning below"), "{}", r.headline);
    // Beside a user's token, the grant check fails and says why; the refresh token only warns.
    let user = jwt(
        &auth0_header(),
        &json!({"iss": AUTH0_ISS, "sub": "auth0|64f1", "aud": API, "azp": CLIENT_ID, "gty": "password", "iat": NOW - 5, "exp": NOW + 3600}),
    );
    let r = run(
        &json!({"access_token": user, "token_type": "Bearer", "refresh_token": "v1.MrAbC"})
            .to_string(),
    );
    assert_eq!(first_fail(&r), "grant", "{}", describe(&r));
    assert_eq!(status(&r, "refresh_token"), Some(Status::Warn));
    let r = run(&json!({"access_token": t, "token_type": "Bearer", "id_token": "eyJ.x.y", "expires_in": 86400}).to_string());
    assert_eq!(first_fail(&r), "id_token");
    // Other servers may add one to a client credentials response (authentik always does, with a
    // uid claim for its service account): a warning, never a failure.
    let iss = "https://auth.example.org/application/o/cc-lesson/";
    let claims = json!({"iss": iss, "sub": "svc", "aud": "cc-lesson", "uid": "9f2c", "iat": NOW - 5, "exp": NOW + 295});
    let at = jwt(&json!({"alg": "RS256", "kid": "k1", "typ": "JWT"}), &claims);
    let authentik = json!({"access_token": at, "token_type": "Bearer", "scope": "", "expires_in": 300, "id_token": at}).to_string();
    let generic = Expectations {
        provider: Provider::Generic,
        issuer: Some(iss.to_string()),
        issuer_discovered: true,
        ..Expectations::default()
    };
    let r = check(&authentik, &generic, NOW);
    assert_no_fail(&r);
    assert_eq!(status(&r, "id_token"), Some(Status::Warn));
    assert!(finding(&r, "id_token")
        .fix
        .as_deref()
        .is_some_and(|f| f.contains("openid")));
    // null members count as absent, and are listed.
    let r = run(&json!({"access_token": t, "token_type": "Bearer", "refresh_token": null, "id_token": null, "expires_in": 86400}).to_string());
    assert_no_fail(&r);
    assert_eq!(
        finding(&r, "other_members").rule.key,
        "response.null_members"
    );
}

#[test]
fn response_members_rules() {
    let t = auth0_token();
    let r = run(&json!({"access_token": t, "token_type": "bearer"}).to_string());
    assert_no_fail(&r);
    assert_eq!(status(&r, "expires_in"), Some(Status::Info));
    let r = run(&json!({"access_token": t, "token_type": "MAC"}).to_string());
    assert_eq!(first_fail(&r), "token_type");
    let r = run(&json!({"access_token": t}).to_string());
    assert_eq!(first_fail(&r), "token_type");
    let r = run(&json!({"access_token": "", "token_type": "Bearer"}).to_string());
    assert_eq!(first_fail(&r), "access_token");
    let r = run(&json!({"access_token": 42, "token_type": "Bearer"}).to_string());
    assert_eq!(first_fail(&r), "access_token");
    let r = run(&json!({"token_type": "Bearer", "expires_in": 3600}).to_string());
    assert_eq!(first_fail(&r), "access_token");
    let r = run(
        &json!({"access_token": t, "token_type": "Bearer", "expires_in": "soon", "x_custom": 1})
            .to_string(),
    );
    assert_eq!(status(&r, "expires_in"), Some(Status::Warn));
    assert!(finding(&r, "other_members").detail.contains("x_custom"));
    assert_no_fail(&r);
}

// ---------------------------------------------------------------------------------------------
// Token shapes

#[test]
fn auth0_opaque_token_without_audience() {
    let r = run(&auth0_response(
        "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIiwiaXNzIjoiaHR0cHM6Ly9kZXYtYWJjMTIzLnVzLmF1dGgwLmNvbS8ifQ..Zk3l1Zb0Y9a8X7w6.V5u4T3s2R1qPoNmLkJ.hGfEdCbA0123456789",
    ));
    assert_eq!(first_fail(&r), "token_format", "{}", describe(&r));
    let f = finding(&r, "token_format");
    assert!(
        words(f).contains("audience=") && words(f).contains("Default Audience"),
        "{}",
        words(f)
    );
    assert!(r.headline.contains("audience"));
    assert!(r
        .token
        .as_ref()
        .is_some_and(|t| t.header.iter().any(|h| h.name == "alg" && h.value == "dir")));
    assert!(r.signature.is_none());
}

#[test]
fn encrypted_and_opaque_tokens() {
    let r = run(&auth0_response(
        "eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMjU2R0NNIn0.a2V5.aXY.Y2lwaGVy.dGFn",
    ));
    assert_no_fail(&r);
    assert_eq!(status(&r, "token_format"), Some(Status::Warn));
    assert!(finding(&r, "token_format").detail.contains("encrypts"));
    assert_eq!(r.verdict, Verdict::Fail);
    assert!(r.headline.contains("cannot be inspected"), "{}", r.headline);

    let hydra = Expectations {
        provider: Provider::Hydra,
        ..Expectations::default()
    };
    let r = check(&json!({"access_token": "ory_at_Zk3l1Zb0Y9a8X7w6V5u4T3s2R1q.PoNmLkJhGfEdCbA", "token_type": "bearer", "expires_in": 3599}).to_string(), &hydra, NOW);
    assert_no_fail(&r);
    assert_eq!(
        finding(&r, "token_format").rule.key,
        "token.format.opaque_hydra"
    );

    // Google's opaque tokens can have two dots; decoding must fail gracefully.
    let r = check(&json!({"access_token": "ya29.a0AfB_byC1.d2E3f4G5", "token_type": "Bearer", "expires_in": 3599}).to_string(), &Expectations::default(), NOW);
    assert_no_fail(&r);
    assert_eq!(
        finding(&r, "token_format").rule.key,
        "token.format.opaque_google"
    );
}

#[test]
fn a_signature_cut_while_copying_is_named_before_any_key_is_fetched() {
    let t = auth0_token();
    let (head, sig) = t.rsplit_once('.').unwrap_or_default();
    for cut in [format!("{head}."), format!("{head}.{}", &sig[..40])] {
        let r = run(&auth0_response(&cut));
        let f = finding(&r, "signature");
        assert_eq!(f.status(), Status::Fail, "{}", describe(&r));
        assert!(f.detail.contains("cut off"), "{}", f.detail);
        assert!(r.signature.is_none(), "nothing left to verify");
    }
    // An ES256 signature has one length only.
    let es = jwt(
        &json!({"alg": "ES256", "typ": "at+jwt", "kid": "k1"}),
        &auth0_claims(),
    );
    let (es_head, _) = es.rsplit_once('.').unwrap_or_default();
    let r = run(&auth0_response(&format!("{es_head}.{}", "A".repeat(80))));
    assert!(
        finding(&r, "signature").detail.contains("always 64 bytes"),
        "{}",
        describe(&r)
    );
    // The whole token is untouched by this.
    assert_eq!(
        status(&run(&auth0_response(&t)), "signature"),
        Some(Status::Pending)
    );
}

#[test]
fn a_jwt_cut_while_copying_is_not_taken_for_an_opaque_token() {
    let t = auth0_token();
    let parts: Vec<&str> = t.split('.').collect();
    for (cut, n) in [
        (
            format!("{}.{}", parts[0], parts[1]),
            "2 dot-separated parts",
        ),
        (
            format!("{}.{}", parts[0], &parts[1][..20]),
            "2 dot-separated parts",
        ),
        (parts[0][..30].to_string(), "1 dot-separated part "),
    ] {
        let r = run(&auth0_response(&cut));
        assert_eq!(first_fail(&r), "token_format", "{cut}: {}", describe(&r));
        let f = finding(&r, "token_format");
        assert!(
            f.detail.contains("cut off") && f.detail.contains(n),
            "{}",
            f.detail
        );
        assert!(f
            .fix
            .as_deref()
            .is_some_and(|x| x.contains("-o response.json")));
        assert_eq!(r.verdict, Verdict::Fail);
        assert!(!r.headline.contains("valid"), "{}", r.headline);
    }
}

#[test]
fn broken_jwt_is_located() {
    let t = auth0_token();
    let parts: Vec<&str> = t.split('.').collect();
    let mut payload = parts[1].to_string();
    payload.replace_range(56..57, "+");
    let r = run(&auth0_response(&format!(
        "{}.{}.{}",
        parts[0], payload, parts[2]
    )));
    assert_eq!(first_fail(&r), "jwt_decode", "{}", describe(&r));
    let d = &finding(&r, "jwt_decode").detail;
    assert!(
        d.contains("character 57 of the payload (part 2) is `+`, which base64url does not use"),
        "{}",
        d
    );
    assert_eq!(status(&r, "signature"), Some(Status::Skip));
    // Padding and a wrong length.
    let r = run(&auth0_response(&format!(
        "{}=.{}.{}",
        parts[0], parts[1], parts[2]
    )));
    assert!(
        finding(&r, "jwt_decode").detail.contains("padding"),
        "{}",
        describe(&r)
    );
    let r = run(&auth0_response(&format!(
        "{}.{}x.{}",
        parts[0], parts[1], parts[2]
    )));
    assert_eq!(first_fail(&r), "jwt_decode", "{}", describe(&r));
    // A payload that is not JSON.
    let r = run(&auth0_response(&format!(
        "{}.{}.{}",
        parts[0],
        b64url(b"{\"iss\": nope}"),
        parts[2]
    )));
    assert!(
        finding(&r, "jwt_decode").detail.contains("not valid JSON"),
        "{}",
        describe(&r)
    );
}

#[test]
fn algorithms() {
    let none = jwt(&json!({"alg": "none", "typ": "JWT"}), &auth0_claims());
    let none = format!("{}.", none.rsplit_once('.').map(|(a, _)| a).unwrap_or(""));
    let r = run(&auth0_response(&none));
    assert_eq!(first_fail(&r), "alg", "{}", describe(&r));
    let hs = jwt(&json!({"alg": "HS256", "typ": "JWT"}), &auth0_claims());
    let mut r = run(&auth0_response(&hs));
    assert_no_fail(&r);
    assert_eq!(status(&r, "alg"), Some(Status::Warn));
    assert!(r.headline.contains("shared secret"), "{}", r.headline);
    r.apply_signature(signature_unchecked());
    assert!(r.headline.contains("shared secret"));
    r.apply_signature(signature_hmac_refused());
    assert!(r.headline.contains("shared secret"), "{}", r.headline);
}

// ---------------------------------------------------------------------------------------------
// Claims

fn token_with(f: impl FnOnce(&mut serde_json::Map<String, serde_json::Value>)) -> String {
    let mut claims = auth0_claims();
    if let Some(m) = claims.as_object_mut() {
        f(m);
    }
    auth0_response(&jwt(&auth0_header(), &claims))
}

#[test]
fn issuer_comparison() {
    // One trailing slash of difference is fine.
    let mut e = auth0_expect();
    e.issuer = Some(AUTH0_ISS.trim_end_matches('/').to_string());
    assert_no_fail(&check(&auth0_response(&auth0_token()), &e, NOW));
    // Another tenant.
    let r = run(&token_with(|m| {
        m.insert("iss".into(), json!("https://dev-other.eu.auth0.com/"));
    }));
    assert_eq!(first_fail(&r), "iss");
    assert!(finding(&r, "iss")
        .detail
        .contains("two different Auth0 tenants"));
    // A custom domain.
    let r = run(&token_with(|m| {
        m.insert("iss".into(), json!("https://login.example.com/"));
    }));
    assert!(
        finding(&r, "iss").detail.contains("custom domain"),
        "{}",
        describe(&r)
    );
    // Unknown expectation: skipped with a hint.
    let mut e = auth0_expect();
    e.issuer = None;
    let r = check(&auth0_response(&auth0_token()), &e, NOW);
    assert_eq!(status(&r, "iss"), Some(Status::Skip));
}

#[test]
fn a_guessed_issuer_only_warns_until_the_discovery_document_decides() {
    // An unrecognised server at https://login.example.com/oauth/token: the issuer is a guess.
    let guess = Expectations {
        provider: Provider::Generic,
        issuer: Some("https://login.example.com/".into()),
        issuer_discovered: false,
        issuer_guessed: true,
        ..auth0_expect()
    };
    let token = token_with(|m| {
        m.insert("iss".into(), json!("https://login.example.com/realms/demo"));
    });
    let r = check(&token, &guess, NOW);
    assert_eq!(status(&r, "iss"), Some(Status::Warn), "{}", describe(&r));
    assert!(finding(&r, "iss").detail.contains("only a warning"));
    // Once the document named the issuer, a mismatch fails.
    let discovered = Expectations {
        issuer_discovered: true,
        ..guess.clone()
    };
    assert_eq!(
        status(&check(&token, &discovered, NOW), "iss"),
        Some(Status::Fail)
    );
    // A certain issuer (an Auth0 tenant) fails at once.
    let certain = Expectations {
        issuer_guessed: false,
        ..guess
    };
    assert_eq!(
        status(&check(&token, &certain, NOW), "iss"),
        Some(Status::Fail)
    );
    // The form says when the issuer is a guess.
    let input = oauth_cc_widget::core::request::RequestInput {
        endpoint: "https://login.example.com/oauth/token".into(),
        ..Default::default()
    };
    assert!(oauth_cc_widget::core::expect::from_request(&input).issuer_guessed);
    let input = oauth_cc_widget::core::request::RequestInput {
        endpoint: AUTH0_DOMAIN.into(),
        ..Default::default()
    };
    assert!(!oauth_cc_widget::core::expect::from_request(&input).issuer_guessed);
}

#[test]
fn cognito_and_entra_responses_are_not_failed_for_how_those_servers_name_things() {
    let cases = provider_cases();
    let case = |name: &str| {
        cases
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("no case {name}"))
    };
    // Cognito, with what the form derives from the domain's token endpoint: the token names the
    // user pool (same region) as issuer, which the domain never reveals.
    let cog = case("Cognito");
    let input = oauth_cc_widget::core::request::RequestInput {
        endpoint: "https://school.auth.us-east-1.amazoncognito.com/oauth2/token".into(),
        client_id: cog.expect.client_id.clone(),
        audience: cog.expect.audience.clone(),
        ..Default::default()
    };
    let expect = oauth_cc_widget::core::expect::from_request(&input);
    let r = check(&cog.paste, &expect, NOW);
    assert_eq!(status(&r, "iss"), Some(Status::Pass), "{}", describe(&r));
    assert!(finding(&r, "iss").detail.contains("user pool"));
    assert_no_fail(&r);
    // A pool in another region is still questioned.
    let other_region = oauth_cc_widget::core::request::RequestInput {
        endpoint: "https://school.auth.eu-west-1.amazoncognito.com/oauth2/token".into(),
        ..input
    };
    let r = check(
        &cog.paste,
        &oauth_cc_widget::core::expect::from_request(&other_region),
        NOW,
    );
    assert_eq!(status(&r, "iss"), Some(Status::Warn), "{}", describe(&r));

    // Entra ID v2 with a custom Application ID URI entered: the token carries the API's
    // application ID, which this page cannot map to the URI, so it warns instead of failing.
    let entra = case("Entra ID v2");
    let custom = Expectations {
        audience: "https://contoso.onmicrosoft.com/school-api".into(),
        ..entra.expect.clone()
    };
    let r = check(&entra.paste, &custom, NOW);
    assert_eq!(status(&r, "aud"), Some(Status::Warn), "{}", describe(&r));
    assert_eq!(
        finding(&r, "aud").rule.key,
        "claims.aud.entra_application_id"
    );
    // A token for Microsoft Graph is still a mismatch, whatever URI was entered.
    let graph = Expectations {
        audience: "api://school-api".into(),
        ..entra.expect.clone()
    };
    let graph_token = jwt(
        &json!({"alg": "RS256", "typ": "JWT", "kid": "k1"}),
        &json!({
            "aud": "00000003-0000-0000-c000-000000000000",
            "iss": entra.expect.issuer.clone().unwrap_or_default(),
            "iat": NOW - 60, "nbf": NOW - 60, "exp": NOW + 3600,
            "azp": entra.expect.client_id.clone(), "idtyp": "app", "ver": "2.0"
        }),
    );
    let r = check(
        &json!({"token_type": "Bearer", "expires_in": 3599, "access_token": graph_token})
            .to_string(),
        &graph,
        NOW,
    );
    assert_eq!(status(&r, "aud"), Some(Status::Fail), "{}", describe(&r));
    assert_eq!(finding(&r, "aud").rule.key, "claims.aud.microsoft_graph");
    // Another GUID entered is a real mismatch.
    let other_app = Expectations {
        audience: "api://6f5e4d3c-2b1a-4098-8765-43210fedcba9".into(),
        ..entra.expect.clone()
    };
    assert_eq!(
        status(&check(&entra.paste, &other_app, NOW), "aud"),
        Some(Status::Fail)
    );
}

#[test]
fn keycloak_audience_problems_point_to_the_audience_mapper() {
    let kc = Expectations {
        provider: Provider::Keycloak,
        issuer: Some(AUTH0_ISS.to_string()),
        issuer_discovered: true,
        audience: API.to_string(),
        ..Expectations::default()
    };
    for aud in [json!("account"), serde_json::Value::Null] {
        let token = token_with(|m| {
            if aud.is_null() {
                m.remove("aud");
            } else {
                m.insert("aud".into(), aud.clone());
            }
        });
        let r = check(&token, &kc, NOW);
        let f = finding(&r, "aud");
        assert_eq!(f.status(), Status::Fail, "{}", describe(&r));
        assert!(words(f).contains("Add mapper"), "{}", words(f));
        assert!(!words(f).contains("`resource` parameter"), "{}", words(f));
    }
}

#[test]
fn audience_comparison() {
    let r = run(&token_with(|m| {
        m.insert(
            "aud".into(),
            json!([API, "https://dev-abc123.us.auth0.com/userinfo"]),
        );
    }));
    assert_eq!(status(&r, "aud"), Some(Status::Pass));
    let r = run(&token_with(|m| {
        m.insert(
            "aud".into(),
            json!("https://dev-abc123.us.auth0.com/api/v2/"),
        );
    }));
    assert_eq!(first_fail(&r), "aud");
    assert!(finding(&r, "aud").detail.contains("Management API"));
    assert!(r.headline.contains("audience"));
    let r = run(&token_with(|m| {
        m.insert("aud".into(), json!("https://api.example.com/"));
    }));
    assert_eq!(finding(&r, "aud").rule.key, "claims.aud.trailing_slash");
    let r = run(&token_with(|m| {
        m.insert("aud".into(), json!("https://other.example.com"));
    }));
    assert_eq!(first_fail(&r), "aud");
    let r = run(&token_with(|m| {
        m.remove("aud");
    }));
    assert_eq!(first_fail(&r), "aud");
    let mut e = auth0_expect();
    e.audience = "  ".into();
    let r = check(&auth0_response(&auth0_token()), &e, NOW);
    assert_eq!(status(&r, "aud"), Some(Status::Skip));
    assert!(finding(&r, "aud").detail.contains(API));
}

#[test]
fn times_with_leeway() {
    let r = run(&token_with(|m| {
        m.insert("exp".into(), json!(NOW - 3 * 3600));
        m.insert("iat".into(), json!(NOW - 27 * 3600));
    }));
    assert_eq!(first_fail(&r), "exp");
    assert!(
        finding(&r, "exp").detail.contains("expired 3 h ago"),
        "{}",
        describe(&r)
    );
    assert_eq!(finding(&r, "exp").rule.key, "claims.exp.expired");
    // Within the leeway.
    let r = run(&token_with(|m| {
        m.insert("exp".into(), json!(NOW - 30));
    }));
    assert_no_fail(&r);
    // Issued in the future: the clock.
    let r = run(&token_with(|m| {
        m.insert("iat".into(), json!(NOW + 600));
    }));
    assert_eq!(status(&r, "iat"), Some(Status::Warn));
    assert_eq!(finding(&r, "iat").rule.key, "claims.iat.future");
    // Not valid yet.
    let r = run(&token_with(|m| {
        m.insert("nbf".into(), json!(NOW + 600));
    }));
    assert_eq!(first_fail(&r), "nbf");
    let r = run(&token_with(|m| {
        m.insert("nbf".into(), json!(NOW + 30));
    }));
    assert_eq!(status(&r, "nbf"), Some(Status::Pass));
    // Fractional and absurd times do not break anything.
    let r = run(&token_with(|m| {
        m.insert("exp".into(), json!(1.8e9));
        m.insert("iat".into(), json!(1e300));
    }));
    assert!(!r.headline.is_empty());
}

#[test]
fn client_credentials_evidence() {
    // A user token from Auth0.
    for sub in [
        "auth0|64f1c2d3e4b5a6978899aabb",
        "google-oauth2|109876543210987654321",
    ] {
        let r = run(&token_with(|m| {
            m.insert("sub".into(), json!(sub));
            m.remove("gty");
        }));
        assert_eq!(first_fail(&r), "grant", "{}", describe(&r));
        assert!(
            finding(&r, "grant").detail.contains("user"),
            "{}",
            describe(&r)
        );
        assert!(r.headline.contains("client credentials"));
    }
    let r = run(&token_with(|m| {
        m.insert("gty".into(), json!("password"));
    }));
    assert_eq!(first_fail(&r), "grant");
    // Neither profile.
    let r = run(&token_with(|m| {
        m.remove("gty");
    }));
    assert_eq!(first_fail(&r), "grant");
    assert_eq!(
        finding(&r, "grant").rule.key,
        "claims.grant.auth0_no_evidence"
    );
    // Another application (the dashboard's test application, say).
    let r = run(&token_with(|m| {
        m.insert("sub".into(), json!("ZZZtestAppZZZ@clients"));
        m.insert("azp".into(), json!("ZZZtestAppZZZ"));
    }));
    assert_eq!(first_fail(&r), "client_id");
    assert!(finding(&r, "client_id").detail.contains("Test Application"));

    // Okta: uid means a user; cid must equal sub.
    let okta = Expectations {
        provider: Provider::Okta,
        client_id: "0oa1".into(),
        ..Expectations::default()
    };
    let t = jwt(
        &json!({"alg": "RS256", "kid": "k"}),
        &json!({"cid": "0oa1", "sub": "me@example.com", "uid": "00u1", "exp": NOW + 60, "iss": "https://x.okta.com/oauth2/default"}),
    );
    let r = check(&auth0_response(&t), &okta, NOW);
    assert_eq!(first_fail(&r), "grant");
    assert!(finding(&r, "grant").detail.contains("uid"));
    let t = jwt(
        &json!({"alg": "RS256", "kid": "k"}),
        &json!({"cid": "0oa1", "sub": "0oa2", "exp": NOW + 60, "iss": "https://x.okta.com/oauth2/default"}),
    );
    let r = check(&auth0_response(&t), &okta, NOW);
    assert_eq!(first_fail(&r), "grant");

    // Other providers: a client claim, when present, must equal the client ID.
    let g = Expectations {
        client_id: "mine".into(),
        ..Expectations::default()
    };
    let t = jwt(
        &json!({"alg": "RS256", "kid": "k"}),
        &json!({"client_id": "theirs", "sub": "theirs", "exp": NOW + 60, "iss": "https://op.example"}),
    );
    let r = check(&auth0_response(&t), &g, NOW);
    assert_eq!(first_fail(&r), "client_id");
    // Entra delegated token.
    let e = Expectations {
        provider: Provider::Entra,
        ..Expectations::default()
    };
    let t = jwt(
        &json!({"alg": "RS256", "kid": "k"}),
        &json!({"scp": "User.Read", "upn": "me@contoso.com", "exp": NOW + 60, "iss": "https://sts.windows.net/t/"}),
    );
    let r = check(&auth0_response(&t), &e, NOW);
    assert_eq!(first_fail(&r), "grant");
}

// ---------------------------------------------------------------------------------------------
// The verdict after the signature check

#[test]
fn apply_signature_recomputes_the_verdict() {
    let mut r = run(&auth0_response(&auth0_token()));
    r.apply_signature(signature_mismatch());
    assert_eq!(r.verdict, Verdict::Fail);
    assert!(
        r.headline.contains("signature check failed"),
        "{}",
        r.headline
    );
    r.apply_signature(signature_unchecked());
    assert_eq!(r.verdict, Verdict::Fail);
    assert!(
        r.headline.contains("Everything else checks out") && r.headline.contains("public keys"),
        "{}",
        r.headline
    );
    r.apply_signature(signature_weak_key());
    assert_eq!(r.verdict, Verdict::Fail);
    assert!(r.headline.contains("holds"), "{}", r.headline);
    r.apply_signature(signature_pass());
    assert_eq!(r.verdict, Verdict::Pass);
    assert_eq!(
        r.findings.iter().filter(|f| f.id() == "signature").count(),
        1
    );

    // A failing check elsewhere keeps the verdict at fail even with a valid signature.
    let mut r = run(&token_with(|m| {
        m.insert("aud".into(), json!("https://other.example.com"));
    }));
    r.apply_signature(signature_pass());
    assert_eq!(r.verdict, Verdict::Fail);
    assert!(r.headline.contains("audience"));

    // Error responses stay error responses.
    let mut r = run("{\"error\":\"invalid_client\"}");
    r.apply_signature(signature_pass());
    assert_eq!(r.verdict, Verdict::ErrorResponse);
}

#[test]
fn several_failures_are_all_reported() {
    let r = run(&json!({
        "access_token": jwt(&auth0_header(), &json!({"iss": "https://dev-other.eu.auth0.com/", "sub": "auth0|1", "aud": "x", "exp": NOW - 7200})),
        "token_type": "Bearer",
        "refresh_token": "abc"
    })
    .to_string());
    let ids: Vec<&str> = r.failures().map(|f| f.id()).collect();
    for id in ["iss", "aud", "grant", "exp"] {
        assert!(ids.contains(&id), "{} missing in {:?}", id, ids);
    }
    assert!(r.headline.contains("more problems below"), "{}", r.headline);
}

#[test]
fn every_finding_is_complete() {
    let mut pastes: Vec<String> = provider_cases().into_iter().map(|c| c.paste).collect();
    pastes.extend(
        [
            "",
            "curl: (6) x",
            "<html><title>x</title></html>",
            "{",
            "{'a': 1}",
            "[]",
            "null",
            "\"x\"",
            "{\"error\":\"x\"}",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    for p in pastes {
        let r = run(&p);
        assert!(r.headline.ends_with('.'), "{}", r.headline);
        assert!(!r.findings.is_empty());
        for f in &r.findings {
            assert!(
                !f.id().is_empty() && !f.title().is_empty() && !f.detail.is_empty(),
                "{:?}",
                f
            );
            if f.status() == Status::Fail {
                assert!(
                    f.fix.is_some() || f.id() == "signature",
                    "a failing check says what to do: {:?}",
                    f
                );
            }
        }
    }
}

#[test]
fn two_curl_i_outputs_are_judged_by_the_last_response() {
    let body = auth0_response(&auth0_token());
    let failed = "HTTP/1.1 401 Unauthorized\ncontent-type: application/json\n\n{\"error\":\"access_denied\",\"error_description\":\"Unauthorized\"}";
    let ok = format!("HTTP/2 200\ncontent-type: application/json\n\n{body}");
    assert_extracted(&format!("{failed}\n{ok}\n"), "an earlier response");
    // A success, then a failed retry, is judged by the failure.
    let r = run(&format!("{ok}\n{failed}\n"));
    assert_eq!(r.verdict, Verdict::ErrorResponse, "{}", describe(&r));
    // curl -v twice: the status lines are `< HTTP/2 200`.
    let verbose = |status: &str, b: &str| {
        format!("> POST /oauth/token HTTP/2\n> Host: {AUTH0_DOMAIN}\n>\n< HTTP/2 {status}\n< content-type: application/json\n<\n{b}\n")
    };
    let twice = verbose(
        "401",
        r#"{"error":"access_denied","error_description":"Unauthorized"}"#,
    ) + &verbose("200", &body);
    assert_extracted(&twice, "only the last response is checked");
    // `http -v` prints the JSON request body before the response: one try, not two.
    let httpie = format!("POST /oauth/token HTTP/1.1\nContent-Type: application/json\nHost: {AUTH0_DOMAIN}\n\n{{\"grant_type\": \"client_credentials\", \"audience\": \"{API}\"}}\n\n{ok}\n");
    let r = run(&httpie);
    assert_no_fail(&r);
    assert!(
        !r.set_aside.iter().any(|s| s.contains("earlier")),
        "{:?}",
        r.set_aside
    );
    // Many status lines and one body: read in one pass, not once per status line (this paste,
    // 1.3 MB, ran over two minutes in the test build when every status line rescanned the lines
    // after it).
    let many = format!("{}{ok}\n", "HTTP/1.1 100 Continue\n".repeat(60_000));
    assert_no_fail(&run(&many));
    // One response after `100 Continue` is one try, not two.
    let single = format!(
        "HTTP/1.1 100 Continue\n\nHTTP/1.1 200 OK\ncontent-type: application/json\n\n{body}"
    );
    let r = run(&single);
    assert_no_fail(&r);
    assert!(
        !r.set_aside.iter().any(|s| s.contains("earlier")),
        "{:?}",
        r.set_aside
    );
}

#[test]
fn curl_fail_with_body_prints_the_response_then_its_message() {
    let err = r#"{"error":"access_denied","error_description":"Unauthorized"}"#;
    let msg = "curl: (22) The requested URL returned error: 401";
    for paste in [format!("{err}\n{msg}\n"), format!("{err}{msg}\n")] {
        let r = run(&paste);
        assert_eq!(r.verdict, Verdict::ErrorResponse, "{}", describe(&r));
        assert!(
            r.set_aside.iter().any(|s| s.contains("--fail-with-body")),
            "{:?}",
            r.set_aside
        );
        assert!(
            finding(&r, "error_response").detail.contains("401"),
            "{}",
            describe(&r)
        );
    }
    // With plain -f there is no body: curl's message alone still says the body was hidden.
    let r = run(msg);
    assert_eq!(first_fail(&r), "paste_curl_error");
    let said = &finding(&r, "paste_curl_error").detail;
    assert!(
        said.contains("server answered") && !said.contains("never reached"),
        "{said}"
    );
}

#[test]
fn the_client_id_or_secret_alone_is_named_as_a_credential() {
    for paste in [CLIENT_ID.to_string(), format!("\"{CLIENT_ID}\"")] {
        let r = run(&paste);
        assert_eq!(first_fail(&r), "paste_credential", "{}", describe(&r));
        assert_eq!(finding(&r, "paste_credential").rule.key, "paste.client_id");
        assert!(
            r.findings.iter().all(|f| f.id() != "token_format"),
            "{}",
            describe(&r)
        );
    }
    let secret = "q8Xk2m_Zr4VbN7pL1wQe9Tj3Hs6Yd0Uc-Fa5Gi2Ko8Mn4Pr7St1Vx3Zb6Cd9Ef0Gh";
    let r = run(secret);
    assert_eq!(first_fail(&r), "paste_credential", "{}", describe(&r));
    let f = finding(&r, "paste_credential");
    assert!(f.detail.contains("client secret"), "{}", describe(&r));
    assert!(
        f.fix.as_deref().is_some_and(|x| x.contains("rotate")),
        "{}",
        describe(&r)
    );
    // On another server a long one-part string may be a real opaque token: still the token path.
    let other = Expectations {
        provider: Provider::Generic,
        ..Expectations::default()
    };
    let r = check(secret, &other, NOW);
    assert_eq!(first_fail(&r), "paste_token_only", "{}", describe(&r));
}

#[test]
fn auth0_permission_not_granted_names_the_permissions_and_both_fixes() {
    error_case(
        json!({"error": "access_denied", "error_description": "Client has not been granted scopes: write:messages openid"}),
        &auth0_expect(),
        "errors.auth0.scope_not_granted",
        &["`write:messages openid`"],
    );
    // No audience: the fix leads with sending it, and says a Default Audience may not apply.
    error_case(
        json!({"error": "access_denied", "error_description": "No audience parameter was provided, and no default audience has been configured"}),
        &auth0_expect(),
        "errors.no_audience",
        &[],
    );
    error_case(
        json!({"error": "access_denied", "error_description": "Non-global clients are not allowed access to APIv1"}),
        &auth0_expect(),
        "errors.auth0.no_audience_api_v1",
        &[],
    );
}

#[test]
fn a_response_in_single_quotes_is_checked_inside() {
    let body = auth0_response(&auth0_token());
    for (paste, word) in [
        (format!("'{body}'"), "browser console"),
        (format!(">>> r.text\n'{body}'"), "browser console"),
        (format!(">>> r.content\nb'{body}'"), "r.content"),
    ] {
        let r = run(&paste);
        assert_eq!(first_fail(&r), "json_in_string", "{}", describe(&r));
        assert!(
            finding(&r, "json_in_string").detail.contains(word),
            "{}",
            describe(&r)
        );
        // The response inside was checked: its token was decoded and its claims compared.
        assert_eq!(status(&r, "aud"), Some(Status::Pass), "{}", describe(&r));
    }
    // Edge shapes do not panic and do not pretend.
    for paste in ["'{}'", "'{'", "b'", "'{\"a\":1}'", ">>> x\n'{'"] {
        let r = run(paste);
        assert_ne!(r.verdict, Verdict::Pass, "{paste}: {}", describe(&r));
    }
}

#[test]
fn a_browser_console_object_preview_is_named() {
    let r = run("{access_token: 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6Ik…', scope: 'read:messages', expires_in: 86400, token_type: 'Bearer'}");
    assert_eq!(first_fail(&r), "paste_node", "{}", describe(&r));
    assert_eq!(
        finding(&r, "paste_node").rule.key,
        "paste.node.console_preview"
    );
    // The example text with `...` is still the example text.
    let r = run("{\"access_token\": \"eyJhbGc\", ...}");
    assert_eq!(first_fail(&r), "paste_placeholder", "{}", describe(&r));
}

#[test]
fn line_numbers_copied_from_an_editor_are_named() {
    let body = serde_json::to_string_pretty(
        &serde_json::from_str::<serde_json::Value>(&auth0_response(&auth0_token())).unwrap(),
    )
    .unwrap();
    let beside: String = body
        .lines()
        .zip(1..)
        .map(|(l, k)| format!("{k:>3}  {l}\n"))
        .collect();
    let between: String = body
        .lines()
        .zip(1..)
        .map(|(l, k)| format!("{k}\n{l}\n"))
        .collect();
    // Found by the fuzzer: the largest number a line can start with.
    let r = run("18446744073709551615 {\n1\n2");
    assert_eq!(r.verdict, Verdict::Fail, "{}", describe(&r));
    for paste in [beside, between] {
        let r = run(&paste);
        assert_eq!(first_fail(&r), "json", "{}", describe(&r));
        assert!(
            finding(&r, "json").detail.contains("line number"),
            "{}",
            describe(&r)
        );
    }
}

#[test]
fn a_token_alone_wrapped_over_lines_is_joined_and_decoded() {
    let t = auth0_token();
    let wrapped: String = t
        .as_bytes()
        .chunks(76)
        .map(|c| format!("{}\n", std::str::from_utf8(c).unwrap()))
        .collect();
    let r = run(&wrapped);
    assert_eq!(first_fail(&r), "paste_token_only", "{}", describe(&r));
    assert!(
        r.set_aside.iter().any(|s| s.contains("line breaks")),
        "{:?}",
        r.set_aside
    );
    // Decoded and compared: the audience is the learner's API.
    assert_eq!(status(&r, "aud"), Some(Status::Pass), "{}", describe(&r));
    // An Authorization header followed by other lines was not wrapped by a terminal.
    let r = run(&format!(
        "Authorization: Bearer {t}\nContent-Type: application/json"
    ));
    assert_eq!(first_fail(&r), "paste_bearer_header", "{}", describe(&r));
    assert!(
        !r.set_aside.iter().any(|s| s.contains("line breaks")),
        "{:?}",
        r.set_aside
    );
}

#[test]
fn small_slips_are_named_precisely() {
    let t = auth0_token();
    let r =
        run(&json!({"access_token": t, "token_type": "Bearer ", "expires_in": 86400}).to_string());
    assert_eq!(first_fail(&r), "token_type");
    assert!(
        finding(&r, "token_type").detail.contains("space"),
        "{}",
        describe(&r)
    );
    let r = run("401");
    assert_eq!(first_fail(&r), "paste_not_token_response");
    assert!(
        finding(&r, "paste_not_token_response")
            .detail
            .contains("HTTP status code (401)"),
        "{}",
        describe(&r)
    );
}

#[test]
fn a_missing_parameter_names_it_and_the_usual_causes() {
    error_case(
        json!({"error": "invalid_request", "error_description": "Missing required parameter: grant_type"}),
        &auth0_expect(),
        "errors.parameter_missing",
        &["`grant_type`"],
    );
}

#[test]
fn settings_or_env_files_naming_the_secret_are_named() {
    for paste in [
        "AUTH0_DOMAIN=dev-abc123.us.auth0.com\nAUTH0_CLIENT_ID=abc\nAUTH0_CLIENT_SECRET=q8Xk2m_Zr4Vb9Tj3Hs6Yd0Uc",
        "Domain: dev-abc123.us.auth0.com\nClient ID: abc\nClient Secret: q8Xk2m_Zr4Vb9Tj3Hs6Yd0Uc",
    ] {
        let r = run(paste);
        assert_eq!(first_fail(&r), "paste_not_token_response", "{}", describe(&r));
        let f = finding(&r, "paste_not_token_response");
        assert!(f.detail.contains("client secret"), "{}", describe(&r));
        assert!(f.fix.as_deref().is_some_and(|x| x.contains("rotate")), "{}", describe(&r));
    }
    // A plain-text error that only mentions the secret is not taken for settings.
    let r = run("Unauthorized: invalid client secret");
    assert!(
        r.findings
            .iter()
            .all(|f| !f.detail.contains("rotate")
                && !f.fix.as_deref().unwrap_or("").contains("rotate")),
        "{}",
        describe(&r)
    );
    // A response whose JSON mentions the words is still read as JSON.
    let r = run(r#"{"error":"invalid_client","error_description":"Invalid client_secret"}"#);
    assert_eq!(r.verdict, Verdict::ErrorResponse, "{}", describe(&r));
}

// ---------------------------------------------------------------------------------------------
// Headlines that claim no more than the checks found

#[test]
fn headlines_say_what_was_not_compared() {
    let paste = auth0_response(&auth0_token());
    // The form is empty: nothing was compared and no keys were looked for.
    let mut r = check(&paste, &Expectations::default(), NOW);
    r.apply_signature(signature_no_endpoint());
    assert_eq!(r.verdict, Verdict::Fail);
    assert!(!r.headline.contains("checks out"), "{}", r.headline);
    assert!(
        r.headline
            .contains("your token endpoint, your audience and your client ID above"),
        "{}",
        r.headline
    );
    // Only the audience is missing, the signature still being checked.
    let mut e = auth0_expect();
    e.audience.clear();
    let r = check(&paste, &e, NOW);
    assert!(
        r.headline.starts_with("Nothing has failed so far"),
        "{}",
        r.headline
    );
    assert!(
        r.headline.contains("enter your audience above"),
        "{}",
        r.headline
    );
    // The token's issuer is on another host than the endpoint entered.
    let mut e = auth0_expect();
    e.provider = Provider::Generic;
    e.issuer = Some("https://login.example.org/".into());
    e.issuer_discovered = false;
    e.issuer_guessed = true;
    let mut r = check(&paste, &e, NOW);
    r.apply_signature(signature_issuer_elsewhere());
    assert!(r.headline.contains("another issuer"), "{}", r.headline);
    assert!(!r.headline.contains("checks out"), "{}", r.headline);
    // Everything compared and passed: the old sentence stands.
    let mut r = run(&paste);
    r.apply_signature(signature_unchecked());
    assert!(
        r.headline.starts_with("Everything else checks out"),
        "{}",
        r.headline
    );
    r.apply_signature(signature_pass());
    assert!(r.headline.starts_with("Well done"), "{}", r.headline);
    assert!(!r.headline.contains("warning"), "{}", r.headline);
}

// ---------------------------------------------------------------------------------------------
// Windows shells, and pastes once misread

#[test]
fn a_command_run_in_another_shell_names_both_shells_and_the_choice() {
    let ps_nr =
        "is not recognized as the name of a cmdlet, function, script file, or operable program.";
    let cmd_nr =
        "is not recognized as an internal or external command,\noperable program or batch file.";
    for (paste, written, ran, choice) in [
        (
            "Invoke-WebRequest : A parameter cannot be found that matches parameter name 'sS'.\nAt line:1 char:6\n+ curl -sS -w '\\n' https://dev-abc123.us.auth0.com/oauth/token \\".to_string(),
            "bash or zsh",
            "PowerShell",
            "PowerShell (Windows)",
        ),
        (format!("^ : The term '^' {ps_nr}"), "cmd", "PowerShell", "PowerShell (Windows)"),
        (
            format!("curl: (6) Could not resolve host: `\n'--data' {cmd_nr}"),
            "PowerShell",
            "cmd, the Windows Command Prompt",
            "cmd (Windows Command Prompt)",
        ),
        (
            format!("C:\\Users\\amira>curl -sS https://dev-abc123.us.auth0.com/oauth/token \\\n'--data' {cmd_nr}"),
            "bash or zsh",
            "cmd, the Windows Command Prompt",
            "cmd (Windows Command Prompt)",
        ),
    ] {
        let r = run(&paste);
        let f = finding(&r, "paste_curl_error");
        assert_eq!(f.rule.key, "paste.shell.wrong_shell", "{}", describe(&r));
        let said = words(f);
        assert!(said.contains(&format!("written for {written}")), "{said}");
        assert!(said.contains(&format!("ran in {ran}")), "{said}");
        assert!(said.contains(choice), "{said}");
        assert!(r.headline.contains("another shell"), "{}", r.headline);
    }
    // The lesson's own example keeps its explanation.
    let r = run("Invoke-WebRequest : A parameter cannot be found that matches parameter name 'request'.\n+ curl --request POST \\");
    assert!(words(finding(&r, "paste_curl_error")).contains("lesson's example"));
    // curl.exe missing is not a Python print-out nor broken JSON.
    for paste in [
        format!("'curl.exe' {cmd_nr}"),
        format!("curl.exe : The term 'curl.exe' {ps_nr}\nAt line:1 char:1\n+ curl.exe -sS `"),
    ] {
        let r = run(&paste);
        assert_eq!(
            finding(&r, "paste_curl_error").rule.key,
            "paste.shell.curl_exe_missing",
            "{}",
            describe(&r)
        );
        assert!(words(finding(&r, "paste_curl_error")).contains("1803"));
    }
}

#[test]
fn pastes_once_misread_say_what_they_are() {
    // jq's null names the member the filter meant.
    let r = run("$ curl -s https://dev-abc123.us.auth0.com/oauth/token -d grant_type=client_credentials | jq -r '.acess_token'\nnull");
    assert!(words(finding(&r, "paste_not_token_response")).contains("`.access_token`"));
    // A log holds no response, whatever its size.
    let log = "GET /health 200 1 ms\n".repeat(5000);
    assert!(finding(&run(&log), "paste_not_token_response")
        .detail
        .contains("5000 lines hold no token response"));
    // A browser address after a user's sign-in.
    let r = run(&format!(
        "https://app.example.com/cb#access_token={}&token_type=Bearer",
        auth0_token()
    ));
    assert_eq!(
        finding(&r, "paste_not_token_response").rule.key,
        "paste.address.user_token"
    );
    // zsh's and fish's marks with the next prompt are set aside; the response passes.
    for tail in ["%\nme@laptop ~ % ", "⏎\nme@laptop ~> "] {
        let r = run(&format!("{}{tail}", auth0_response(&auth0_token())));
        assert_no_fail(&r);
        assert!(
            r.set_aside.iter().any(|s| s.contains("end-of-line mark")),
            "{:?}",
            r.set_aside
        );
    }
    // The Preview pane.
    let preview = format!(
        "{{access_token: \"{}\", token_type: \"Bearer\"}}",
        auth0_token()
    );
    assert!(words(finding(&run(&preview), "paste_node")).contains("Response tab"));
    // An opaque token with no audience entered: send the audience.
    let generic = Expectations {
        provider: Provider::Generic,
        ..Expectations::default()
    };
    let r = check(
        r#"{"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer"}"#,
        &generic,
        NOW,
    );
    assert!(finding(&r, "token_format")
        .fix
        .as_deref()
        .unwrap_or("")
        .contains("audience="));
    // expires_in of zero or less fails.
    for e in ["0", "-30", "\"0\""] {
        let body = format!(
            "{{\"access_token\":\"{}\",\"token_type\":\"Bearer\",\"expires_in\":{e}}}",
            auth0_token()
        );
        let mut r = run(&body);
        r.apply_signature(signature_pass());
        assert_eq!(r.verdict, Verdict::Fail, "{e}");
        assert_eq!(first_fail(&r), "expires_in", "{e}");
    }
    // The secret in a pasted command: the response is still checked, with a reminder.
    let r = run(&format!(
        "$ curl -sS https://dev-abc123.us.auth0.com/oauth/token --data client_secret=Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe\n{}",
        auth0_response(&auth0_token())
    ));
    assert_no_fail(&r);
    assert_eq!(status(&r, "paste_secret"), Some(Status::Warn));
}
