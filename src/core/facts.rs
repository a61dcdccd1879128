//! Facts that many parts of the core share, written once: character classes, the shape of an
//! identifier, and the phrases many messages use (dashboard paths).

/// Invisible characters that are not whitespace by Unicode's definition: zero-width space and
/// friends, the direction marks and embeddings, word joiner, byte-order mark and soft hyphen.
/// They ride along when text is copied from chat apps and web pages.
pub(crate) fn is_hidden(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{061C}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{00AD}'
    )
}

/// Characters that look like a plain space but are not one: no-break, figure, thin, narrow
/// no-break and ideographic spaces, and the line and paragraph separators.
pub(crate) fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{2007}' | '\u{2009}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{3000}'
    )
}

/// What the checker calls invisible in a paste: [`is_hidden`] or [`is_odd_space`].
pub(crate) fn is_invisible(c: char) -> bool {
    is_hidden(c) || is_odd_space(c)
}

/// Whitespace, or a [hidden](is_hidden) character: what a typed value may not contain.
pub(crate) fn is_blank(c: char) -> bool {
    c.is_whitespace() || is_hidden(c)
}

/// A GUID such as `0b5d4e2f-1111-2222-3333-444455556666` (Entra application and tenant IDs).
pub(crate) fn is_guid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8usize, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Phrases that many messages share: a text names one as a slot (`{auth0_apis}`), see
/// [`crate::core::rule`].
pub const PHRASES: &[(&str, &str)] = &[
    ("auth0_apis", "Applications → APIs"),
    ("auth0_api_settings", "Applications → APIs → your API → Settings"),
    ("auth0_m2m_tab", "Applications → APIs → your API → Machine to Machine Applications"),
    ("auth0_app_settings", "Applications → Applications → your Machine to Machine application → Settings tab"),
    ("auth0_default_audience", "the tenant's Settings → General → API Authorization Settings"),
    ("auth0_create_m2m", "Applications → Applications → Create Application → Machine to Machine Applications"),
    ("entra_secrets", "App registrations → your app → Certificates & secrets"),
    ("opaque_limit", "That is a valid OAuth response, but this exercise checks whom a token was issued to and for which API by reading a JWT, so it cannot go further."),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_hidden('\u{200B}') && !is_hidden('\u{00A0}') && !is_hidden(' '));
        assert!(is_odd_space('\u{00A0}') && !is_odd_space(' '));
        assert!(is_invisible('\u{FEFF}') && is_invisible('\u{3000}') && !is_invisible('a'));
        assert!(is_guid("0b5d4e2f-1111-2222-3333-444455556666"));
        assert!(!is_guid("0b5d4e2f-1111-2222-3333-44445555666"));
    }
}
