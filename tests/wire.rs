#![cfg(not(target_arch = "wasm32"))]
//! The messages between the page and the explainer (`core::wire`): whatever a request or an
//! answer holds comes back unchanged, and a damaged message is refused, never misread.

use oauth_cc_widget::core::check::{check, view, Expectations};
use oauth_cc_widget::core::provider::Provider;
use oauth_cc_widget::core::report::{ClaimRow, DecodedToken, Status, Verdict};
use oauth_cc_widget::core::wire::{Answer, Endpoint, FindingView, Request, View};
use proptest::prelude::*;

/// Text with the characters that could confuse a length-prefixed format: digits, colons, the
/// option marks, line breaks, control characters and multi-byte characters.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just('0'),
            Just('9'),
            Just(':'),
            Just('+'),
            Just('-'),
            Just('\n'),
            Just('\u{0}'),
            Just('\u{1f}'),
            Just('é'),
            Just('😀'),
            any::<char>(),
        ],
        0..40,
    )
    .prop_map(|v| v.into_iter().collect())
}

fn status() -> impl Strategy<Value = Status> {
    prop_oneof![
        Just(Status::Pass),
        Just(Status::Fail),
        Just(Status::Warn),
        Just(Status::Skip),
        Just(Status::Info),
        Just(Status::Pending),
    ]
}

fn finding() -> impl Strategy<Value = FindingView> {
    (
        text(),
        text(),
        status(),
        text(),
        text(),
        proptest::option::of(text()),
        proptest::option::of(text()),
    )
        .prop_map(
            |(id, rule, status, title, detail, fix, reference)| FindingView {
                id,
                rule,
                status,
                title,
                detail,
                fix,
                reference,
            },
        )
}

fn row() -> impl Strategy<Value = ClaimRow> {
    (text(), text(), text(), proptest::option::of(any::<i64>())).prop_map(
        |(name, value, meaning, unix_time)| ClaimRow {
            name,
            value,
            meaning,
            unix_time,
        },
    )
}

fn answer() -> impl Strategy<Value = Answer> {
    let verdict = prop_oneof![
        Just(Verdict::Pass),
        Just(Verdict::Fail),
        Just(Verdict::ErrorResponse)
    ];
    let token = proptest::option::of(
        (
            proptest::collection::vec(row(), 0..4),
            proptest::collection::vec(row(), 0..6),
        )
            .prop_map(|(header, claims)| DecodedToken { header, claims }),
    );
    (
        any::<u32>(),
        any::<bool>(),
        verdict,
        text(),
        proptest::collection::vec(text(), 0..4),
        proptest::collection::vec(finding(), 0..6),
        token,
        proptest::option::of(text()),
        proptest::option::of(text()),
    )
        .prop_map(
            |(id, done, verdict, headline, set_aside, findings, token, keys_help, other_host)| {
                Answer {
                    id,
                    done,
                    view: View {
                        verdict,
                        headline,
                        set_aside,
                        findings,
                        token,
                        keys_help,
                        other_host,
                    },
                }
            },
        )
}

fn expectations() -> impl Strategy<Value = Expectations> {
    (
        proptest::sample::select(Provider::ALL.to_vec()),
        proptest::option::of(text()),
        any::<bool>(),
        any::<bool>(),
        text(),
        text(),
    )
        .prop_map(
            |(provider, issuer, issuer_discovered, issuer_guessed, client_id, audience)| {
                Expectations {
                    provider,
                    issuer,
                    issuer_discovered,
                    issuer_guessed,
                    client_id,
                    audience,
                }
            },
        )
}

fn endpoint() -> impl Strategy<Value = Option<Endpoint>> {
    proptest::option::of(
        (text(), proptest::collection::vec(text(), 0..4))
            .prop_map(|(url, discovery)| Endpoint { url, discovery }),
    )
}

proptest! {
    #[test]
    fn a_request_comes_back_unchanged(
        id in any::<u32>(),
        paste in text(),
        expect in expectations(),
        endpoint in endpoint(),
        now in any::<i64>(),
        keys in proptest::option::of(text()),
        trust_host in proptest::option::of(text()),
    ) {
        let request = Request { id, paste, expect, endpoint, now, keys, trust_host };
        prop_assert_eq!(Request::decode(&request.encode()), Some(request));
    }

    #[test]
    fn an_answer_comes_back_unchanged(a in answer()) {
        prop_assert_eq!(Answer::decode(&a.encode()), Some(a));
    }

    #[test]
    fn a_cut_or_lengthened_answer_is_refused(a in answer(), cut in 1usize..64) {
        let encoded = a.encode();
        let mut end = encoded.len().saturating_sub(cut);
        while !encoded.is_char_boundary(end) {
            end -= 1;
        }
        prop_assert_eq!(Answer::decode(&encoded[..end]), None);
        prop_assert_eq!(Answer::decode(&format!("{encoded}1:x")), None);
    }
}

#[test]
fn every_report_of_the_paste_table_travels_unchanged() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/rules/cases.jsonl"
    ))
    .unwrap_or_default();
    let mut n = 0;
    for line in text.lines() {
        let case: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
        let paste = case["paste"].as_str().unwrap_or("");
        let report = check(paste, &Expectations::default(), 1_795_862_000);
        let answer = Answer {
            id: n,
            done: n % 2 == 0,
            view: view(&report),
        };
        assert_eq!(Answer::decode(&answer.encode()), Some(answer), "{paste}");
        n += 1;
    }
    assert!(n > 150);
}
