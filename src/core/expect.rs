//! What the learner's own form values lead the checker to expect.

use super::check::Expectations;
use super::endpoint::resolve_endpoint;
use super::request::RequestInput;

/// Expectations from the request form: the endpoint gives the issuer and the provider; the client
/// ID and audience are compared exactly as typed (they are what the command sent).
pub fn from_request(input: &RequestInput) -> Expectations {
    let resolved = resolve_endpoint(&input.endpoint).ok();
    Expectations {
        provider: resolved.as_ref().map(|r| r.provider).unwrap_or_default(),
        issuer_guessed: resolved.as_ref().is_some_and(|r| !r.issuer_is_certain()),
        issuer: resolved.map(|r| r.issuer),
        issuer_discovered: false,
        client_id: input.client_id.clone(),
        audience: input.audience.clone(),
    }
}
