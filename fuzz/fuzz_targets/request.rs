//! Fuzz target: the request side — `resolve_endpoint`, `field_hints` and `build_command` for
//! every shell and authentication method — must never panic on anything typed into the form, and
//! keep its promises: a resolved endpoint resolves to itself, an offered fix resolves to itself,
//! and a hint's fix is never the value it is about. Run it with (from the repository root):
//!
//!     cargo +nightly fuzz run request -- -max_total_time=600
//!
//! The input is split at the first four `\x1f` bytes into the five fields (endpoint, client ID,
//! secret, audience, scope), read lossily as UTF-8.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oauth_cc_widget::core::endpoint::resolve_endpoint;
use oauth_cc_widget::core::request::{
    build_command, field_hints, ClientAuth, Field, RequestInput, SecretDisplay, Shell,
};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(5, '\u{1f}').map(str::to_string);
    let mut next = || parts.next().unwrap_or_default();
    let input = RequestInput {
        endpoint: next(),
        client_id: next(),
        client_secret: next(),
        audience: next(),
        scope: next(),
    };

    match resolve_endpoint(&input.endpoint) {
        Ok(r) => {
            let again = resolve_endpoint(&r.url).expect("a resolved endpoint resolves again");
            assert_eq!(again.url, r.url);
        }
        Err(p) => {
            if let Some(fix) = p.fix {
                let r = resolve_endpoint(&fix).expect("a fix resolves");
                assert_eq!(r.url, fix);
            }
        }
    }
    for h in field_hints(&input) {
        assert!(!h.message.is_empty());
        if let Some(fix) = &h.fix {
            assert_ne!(fix, input.get(h.field), "a fix that changes nothing: {:?}", h.message);
            if h.field == Field::Endpoint {
                assert!(resolve_endpoint(fix).is_ok(), "endpoint fix {fix:?}");
            }
        }
    }
    for shell in [Shell::Bash, Shell::PowerShell, Shell::Cmd] {
        for auth in [ClientAuth::Body, ClientAuth::Basic] {
            for display in [SecretDisplay::Mask, SecretDisplay::Reveal] {
                let _ = build_command(&input, shell, auth, display);
            }
        }
    }
});
