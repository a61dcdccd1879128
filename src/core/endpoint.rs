//! Turns what the learner typed as "Token endpoint" into the token endpoint URL the command uses, the
//! issuer the token should come from, and the provider family.
//!
//! Learners arrive with many things in hand: the full token URL, their Auth0 domain, the issuer URL
//! from the introduction exercise, a custom domain, or a neighbouring address copied from a
//! discovery document (the authorize endpoint, the discovery URL itself, the JWKS URL). The first
//! kinds are resolved; the others get an [`EndpointProblem`] that names the right address and, where
//! it can be worked out, offers it as a one-click fix. Surrounding spaces and line breaks are
//! trimmed here (only here): the endpoint is resolved anyway, and the widget shows the URL used.
//!
//! The URL is parsed by hand — a URL crate would weigh more than the rest of the widget's wasm — with
//! care never to panic: no indexing, only `get`, `split_once` and `strip_*`.

use super::facts::{is_blank, is_guid, is_hidden};
use super::provider::Provider;

/// The token endpoint actually used, and what follows from it.
#[derive(Clone, Debug, PartialEq)]
pub struct ResolvedEndpoint {
    /// The token endpoint URL that goes into the command.
    pub url: String,
    /// The issuer derived from the endpoint, to compare with the token's `iss` (modulo one trailing
    /// slash). Auth0: `https://<domain>/`. For some providers it is only a best guess — see
    /// [`ResolvedEndpoint::issuer_is_certain`]; the discovery document, when it can be fetched, has
    /// the final word.
    pub issuer: String,
    pub provider: Provider,
    /// Plain-text notes to show beside the field (for example, why `http://` is accepted, or which
    /// assumption turned a bare domain into a token URL).
    pub notes: Vec<String>,
}

impl ResolvedEndpoint {
    /// Whether [`ResolvedEndpoint::issuer`] follows from the endpoint by the provider's documented
    /// rules. False for Amazon Cognito (its issuer, `https://cognito-idp.<region>.amazonaws.com/<user
    /// pool ID>`, names the pool, which the token endpoint's domain does not reveal), for Entra when
    /// the tenant was given by domain name (the issuer names the tenant's GUID), and for servers not
    /// recognised (their issuer is guessed by stripping a final `/token`-like path).
    pub fn issuer_is_certain(&self) -> bool {
        match self.provider {
            Provider::Auth0 | Provider::Okta | Provider::Keycloak | Provider::Hydra => true,
            Provider::Entra => entra_tenant_of_issuer(&self.issuer).is_some_and(is_guid),
            Provider::Cognito | Provider::Generic => false,
        }
    }
}

/// Why the typed value cannot be used as a token endpoint; `message` is shown to the learner.
/// An empty `message` means the field is empty: the widget shows its placeholder instead.
#[derive(Clone, Debug, PartialEq)]
pub struct EndpointProblem {
    pub message: String,
    /// A corrected value the learner can apply with one click.
    pub fix: Option<String>,
}

fn problem(message: impl Into<String>, fix: Option<String>) -> EndpointProblem {
    EndpointProblem {
        message: message.into(),
        fix,
    }
}

/// Resolves what was typed into the token endpoint. See the module documentation for the forms
/// accepted; everything else gets a kind [`EndpointProblem`]. A `fix`, when offered, is a token
/// endpoint that resolves to itself.
pub fn resolve_endpoint(raw: &str) -> Result<ResolvedEndpoint, EndpointProblem> {
    // Far longer than any address; it also bounds how deep the fixes for wrappers (quotes within
    // quotes, label after label) can recurse.
    if raw.len() > MAX_ENDPOINT_BYTES {
        return Err(problem(
            format!(
                "This is far too long for an address ({} characters). Paste only the token \
                 endpoint URL or your domain.",
                raw.chars().count()
            ),
            None,
        ));
    }
    resolve_inner(raw).map_err(|mut p| {
        p.fix = p.fix.and_then(|f| resolve_inner(&f).ok()).map(|r| r.url);
        p
    })
}

/// The longest text read as an address.
pub const MAX_ENDPOINT_BYTES: usize = 1024;

/// Quote marks that come along when an address or value is copied from a command or a sentence.
pub(crate) const QUOTE_CHARS: [char; 9] = [
    '"', '\'', '`', '\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}', '\u{00AB}', '\u{00BB}',
];

fn resolve_inner(raw: &str) -> Result<ResolvedEndpoint, EndpointProblem> {
    let t = raw.trim_matches(is_blank);
    if t.is_empty() {
        return Err(problem("", None));
    }
    if let Some(inner) = strip_wrapping_quotes(t) {
        return Err(problem(
            "Remove the quotes or brackets around the address: they are not part of it.",
            fix_from(inner),
        ));
    }
    // A line-continuation mark copied from a multi-line command: `… \`, `… ^`, `` … ` ``.
    if let Some(before) = t
        .strip_suffix(['\\', '^', '`'])
        .filter(|b| b.ends_with(is_blank))
        .map(|b| b.trim_end_matches(is_blank))
    {
        if !before.contains(is_blank) {
            return Err(problem(
                "Remove the line-continuation mark at the end: it belongs to the command the \
                 address was copied from.",
                fix_from(before),
            ));
        }
    }
    // Autocorrect (phones, word processors, chat) turns `-` into a dash.
    const DASHES: [char; 5] = ['\u{2010}', '\u{2011}', '\u{2013}', '\u{2014}', '\u{2212}'];
    if let Some(d) = t.chars().find(|c| DASHES.contains(c)) {
        return Err(problem(
            format!(
                "There is a “{d}” where a hyphen (-) belongs, probably put there by autocorrect; \
                 addresses use the plain hyphen."
            ),
            fix_from(&t.replace(DASHES, "-")),
        ));
    }
    if let Some((name, value)) = labelled(t) {
        return Err(problem(
            format!("Paste only the address: {name} came with it and is not part of it."),
            fix_from(value),
        ));
    }
    if t.chars().any(is_blank) {
        return Err(inner_space_problem(t));
    }
    // (`"…",` comes from a JSON body or a line of code: the comma goes with the quotes.)
    let unended = t.trim_end_matches([',', ';']);
    if t.starts_with(QUOTE_CHARS) || unended.ends_with(QUOTE_CHARS) {
        return Err(problem(
            if unended.len() < t.len() {
                "Remove the quotes and the punctuation after them: they were copied with the \
                 address and are not part of it."
            } else {
                "Remove the quote: it was copied with the address and is not part of it."
            },
            fix_from(unended.trim_matches(QUOTE_CHARS)),
        ));
    }
    // A sentence's punctuation after a path: `…/oauth/token.` or `…/oauth/token,` (also before an
    // empty `?` or `#`, which the resolved address drops).
    let unended = t.trim_end_matches(['?', '#']);
    if let Some(end) = unended
        .chars()
        .last()
        .filter(|c| matches!(c, '.' | ',' | ';' | ')' | '!'))
    {
        let before = unended.trim_end_matches(['.', ',', ';', ')', '!']);
        // (Only a leading scheme is skipped: `://` further on is part of the path.)
        let lower = before.to_ascii_lowercase();
        let scheme_len = ["https://", "http://"]
            .iter()
            .find(|p| lower.starts_with(*p))
            .map_or(0, |p| p.len());
        let has_path = before.get(scheme_len..).unwrap_or("").contains('/');
        if has_path && !before.ends_with('/') {
            return Err(problem(
                format!(
                    "Remove the “{end}” at the end: it belongs to the sentence the address was \
                     copied from."
                ),
                fix_from(before),
            ));
        }
    }
    if t.contains('{') || t.contains('}') {
        return Err(placeholder_problem(t));
    }
    if t.contains('<') || t.contains('>') {
        let inner: String = t.chars().filter(|c| !matches!(c, '<' | '>')).collect();
        let fix = if looks_like_placeholder_word(&inner) {
            None
        } else {
            fix_from(&inner)
        };
        return Err(problem(
            if t.to_ascii_lowercase().contains("login.microsoftonline.com") {
                "Replace the part in angle brackets < > (brackets included) with your tenant's \
                 Directory (tenant) ID or its domain (…onmicrosoft.com)."
            } else {
                "Replace the part in angle brackets < > (brackets included) with your own domain, \
                 for example dev-abc123.us.auth0.com."
            },
            fix,
        ));
    }
    let parts = parse(t)?;
    classify(&parts)
}

/// `AUTH0_DOMAIN=…` (a .env file), `"token_endpoint": "…",` (a discovery document or a JSON
/// body), `Domain dev-abc…` (the dashboard's label, copied with a space or line break): the
/// label, quoted for a message, and the value after it.
fn labelled(t: &str) -> Option<(String, &str)> {
    const NAMES: [&str; 6] = ["domain", "issuer", "endpoint", "url", "host", "authority"];
    let (name, rest) = match t.find(['=', ':']) {
        // (Not `https://…`, and not a host before its port: `localhost:8443`.)
        Some(k)
            if !t.get(k..).is_some_and(|r| r.starts_with("://"))
                && !t
                    .get(k + 1..)
                    .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit())) =>
        {
            (t.get(..k)?, t.get(k + 1..)?)
        }
        _ => {
            let k = t.find(is_blank)?;
            (t.get(..k)?, t.get(k..)?)
        }
    };
    let bare = name.trim_matches(|c: char| is_blank(c) || QUOTE_CHARS.contains(&c));
    let lower = bare.to_ascii_lowercase();
    let is_name = !bare.is_empty()
        && bare.len() <= 40
        && bare
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b' '))
        && NAMES.iter().any(|n| lower.contains(n))
        && !lower.starts_with("http")
        && !lower.starts_with("curl")
        && !lower.ends_with("localhost");
    let value = rest
        .trim_matches(|c: char| is_blank(c) || matches!(c, ',' | ';'))
        .trim_matches(QUOTE_CHARS);
    (is_name && !value.is_empty() && !value.contains(is_blank))
        .then(|| (crate::core::markup::code_span(bare), value))
}

thread_local! {
    /// How many [`fix_from`] calls are under way: a fix resolves the corrected text, which may
    /// need a fix of its own (quotes inside quotes, a label before a label), and so on.
    static FIX_DEPTH: std::cell::Cell<u8> = const { std::cell::Cell::new(0) };
}

/// The token endpoint that a corrected value resolves to, for a one-click fix. Four corrections
/// deep at most: past that no fix is offered (and the stack stays small for any input).
fn fix_from(candidate: &str) -> Option<String> {
    let depth = FIX_DEPTH.with(|d| d.get());
    if depth >= 4 {
        return None;
    }
    FIX_DEPTH.with(|d| d.set(depth + 1));
    let fixed = resolve_inner(candidate).ok().map(|r| r.url);
    FIX_DEPTH.with(|d| d.set(depth));
    fixed
}

/// Quote marks in the pairs they wrap a value in.
pub(crate) const QUOTE_PAIRS: [(char, char); 6] = [
    ('"', '"'),
    ('\'', '\''),
    ('`', '`'),
    ('\u{201C}', '\u{201D}'),
    ('\u{2018}', '\u{2019}'),
    ('\u{00AB}', '\u{00BB}'),
];

/// What is inside the first of `pairs` that wraps all of `t`.
pub(crate) fn unwrap_pair<'a>(t: &'a str, pairs: &[(char, char)]) -> Option<&'a str> {
    pairs.iter().find_map(|&(open, close)| {
        t.strip_prefix(open)
            .and_then(|rest| rest.strip_suffix(close))
    })
}

/// An address in quotes or angle brackets (`<https://…>`, as in mail and Markdown).
/// Also `(…)` and `[…]` around it, a Markdown link `[text](address)` and Slack's
/// `<address|text>`.
fn strip_wrapping_quotes(t: &str) -> Option<&str> {
    let markdown = t
        .strip_prefix('[')
        .and_then(|r| r.split_once("]("))
        .and_then(|(_, r)| r.strip_suffix(')'));
    markdown
        .or_else(|| unwrap_pair(t, &QUOTE_PAIRS))
        .or_else(|| {
            unwrap_pair(t, &[('<', '>')]).map(|inner| inner.split('|').next().unwrap_or(inner))
        })
        .or_else(|| unwrap_pair(t, &[('(', ')'), ('[', ']')]))
        .map(|inner| inner.trim_matches(is_blank))
}

fn inner_space_problem(t: &str) -> EndpointProblem {
    let first = t.split(is_blank).next().unwrap_or("");
    let looks_like_command = first.eq_ignore_ascii_case("curl")
        || first.eq_ignore_ascii_case("curl.exe")
        || t.contains(" --")
        || t.contains(" -X ");
    if looks_like_command {
        let words: Vec<&str> = t
            .split(is_blank)
            .map(|w| w.trim_matches(|c| matches!(c, '"' | '\'' | '`' | '\\' | '^')))
            .filter(|w| !w.is_empty())
            .collect();
        let at = words.iter().position(|w| {
            let lower = w.to_ascii_lowercase();
            lower.starts_with("https://") || lower.starts_with("http://")
        });
        let url = at.and_then(|k| {
            let w = words.get(k)?;
            // The lesson's example breaks the domain after `https://dev-`: the next word is the
            // rest of it.
            match words.get(k + 1) {
                Some(next) if w.ends_with(['-', '.']) && !next.starts_with('-') => {
                    Some(format!("{w}{next}"))
                }
                _ => Some(w.to_string()),
            }
        });
        if url
            .as_deref()
            .is_some_and(|u| u.contains(LESSON_EXAMPLE_TENANT))
        {
            return problem(
                "This is the lesson's example command. Put only your own Auth0 domain here (it \
                 is on your application's Settings tab); the command below is built from it.",
                None,
            );
        }
        return problem(
            "This looks like a whole command. Paste only the token endpoint URL.",
            url.as_deref().and_then(fix_from),
        );
    }
    // `POST https://…/oauth/token` (as API docs show it), `Domain: dev-abc.us.auth0.com`: one
    // word is the address.
    let words: Vec<&str> = t.split(is_blank).filter(|w| !w.is_empty()).collect();
    // (After a first word only: `https://dev abc.auth0.com` is a space inside an address.)
    let url_word = words.iter().skip(1).find(|w| {
        let lower = w.to_ascii_lowercase();
        lower.starts_with("https://") || lower.starts_with("http://")
    });
    let label_then_domain = match words.as_slice() {
        // (`https: //…` is a broken address, not a label.)
        [label, domain]
            if (label.ends_with(':') && !label.to_ascii_lowercase().starts_with("http"))
                || label.eq_ignore_ascii_case("post") =>
        {
            Some(domain)
        }
        _ => None,
    };
    if let Some(word) = url_word.or(label_then_domain) {
        return problem(
            "Paste only the address: the other words are not part of it.",
            fix_from(word),
        );
    }
    let joined: String = t.chars().filter(|&c| !is_blank(c)).collect();
    problem(
        if t.chars().any(is_hidden) {
            "There is an invisible character (such as a zero-width space) inside the address; \
             it came with the copy and cannot be part of an address."
        } else {
            "There is a space or line break inside the address; an address cannot contain one."
        },
        fix_from(&joined),
    )
}

/// True for the placeholder words of tutorials: `YOUR_DOMAIN`, `your-tenant`, `TENANT`, …
fn looks_like_placeholder_word(s: &str) -> bool {
    let upper = s.to_ascii_uppercase();
    upper.contains("YOUR")
        || upper.contains("TENANT")
        || upper.contains("DOMAIN")
        || upper.contains("REGION")
        || upper.contains("REALM_NAME")
        || upper.contains("ISSUER")
}

fn placeholder_problem(t: &str) -> EndpointProblem {
    let inner: String = t.chars().filter(|c| !matches!(c, '{' | '}')).collect();
    let fix = if looks_like_placeholder_word(&inner) {
        None
    } else {
        fix_from(&inner)
    };
    problem(
        if t.to_ascii_lowercase().contains("login.microsoftonline.com") {
            "Replace the placeholder in braces { } — braces included — with your tenant: its \
             Directory (tenant) ID, shown on the app registration's Overview page, or its \
             domain (…onmicrosoft.com)."
        } else {
            "Replace the placeholder in braces { } — braces included — with your own domain, for \
             example dev-abc123.us.auth0.com (Auth0 shows it as \"Domain\" on the application's \
             Settings tab)."
        },
        fix,
    )
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scheme {
    Https,
    Http,
}

/// A URL taken apart. `host` is lower-cased (host names are case-insensitive, RFC 3986 §3.2.2);
/// `path` and `query` are kept exactly as typed.
#[derive(Clone, Debug)]
struct Parts {
    scheme: Scheme,
    scheme_given: bool,
    host: String,
    port: Option<String>,
    path: String,
    query: Option<String>,
}

impl Parts {
    fn origin(&self) -> String {
        let scheme = match self.scheme {
            Scheme::Https => "https",
            Scheme::Http => "http",
        };
        match &self.port {
            Some(p) => format!("{scheme}://{}:{p}", self.host),
            None => format!("{scheme}://{}", self.host),
        }
    }

    fn url_with_path(&self, path: &str) -> String {
        format!("{}{path}", self.origin())
    }

    fn typed_url(&self) -> String {
        match &self.query {
            Some(q) => format!("{}{}?{q}", self.origin(), self.path),
            None => format!("{}{}", self.origin(), self.path),
        }
    }

    /// The path without trailing slashes: "" for the root.
    fn trimmed_path(&self) -> &str {
        self.path.trim_end_matches('/')
    }

    fn is_loopback(&self) -> bool {
        is_loopback_host(&self.host)
    }
}

fn is_loopback_host(host: &str) -> bool {
    // (`*.localhost` is loopback too: RFC 6761 §6.3, and curl and browsers treat it so.)
    if host == "localhost" || host == "[::1]" || host.ends_with(".localhost") {
        return true;
    }
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4
        && octets.first() == Some(&"127")
        && octets
            .iter()
            .all(|o| !o.is_empty() && o.len() <= 3 && o.bytes().all(|b| b.is_ascii_digit()))
}

/// Takes a (trimmed, space-free, brace-free) string apart into a URL, or says kindly why not.
fn parse(t: &str) -> Result<Parts, EndpointProblem> {
    let (scheme, scheme_given, rest) = split_scheme(t)?;
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = rest.get(..authority_end).unwrap_or("");
    let after = rest.get(authority_end..).unwrap_or("");
    if authority.contains('@') {
        return Err(userinfo(authority, after, scheme_given));
    }
    if authority.is_empty() {
        return Err(problem(
            "The address has no host name. It should look like \
             https://dev-abc123.us.auth0.com/oauth/token.",
            None,
        ));
    }
    let (host, port) = split_host_port(authority)?;
    console_host(&host)?;
    // The default port is the same address without it (RFC 3986 §6.2.3); dropping it keeps the
    // issuer comparable with the token's `iss`.
    let port = port.filter(|p| {
        !((scheme == Scheme::Https && p == "443") || (scheme == Scheme::Http && p == "80"))
    });
    check_host(&host, scheme_given, port.is_some(), after)?;

    // RFC 6749 §3.2: the token endpoint URI MAY have a query component, which is kept, and MUST NOT
    // have a fragment.
    let (before_fragment, fragment) = match after.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (after, None),
    };
    // An empty query (a lone `?`) is no query.
    let (path, query) = match before_fragment.split_once('?') {
        Some((p, q)) => (p, Some(q).filter(|q| !q.is_empty())),
        None => (before_fragment, None),
    };
    let parts = Parts {
        scheme,
        scheme_given,
        host,
        port,
        path: path.to_string(),
        query: query.map(str::to_string),
    };
    if let Some(problem) = fragment.and_then(|f| keycloak_console(&parts, f)) {
        return Err(problem);
    }
    if fragment.is_some() {
        return Err(problem(
            "Remove the part from # on: a token endpoint cannot have a fragment (RFC 6749 §3.2), \
             and it is never sent to the server.",
            fix_from(&parts.typed_url()),
        ));
    }
    check_url_text(&parts.path, "path")?;
    if let Some(q) = &parts.query {
        check_url_text(q, "query")?;
    }
    callable(parts)
}

/// `user:password@host`, or an e-mail address.
fn userinfo(authority: &str, after: &str, scheme_given: bool) -> EndpointProblem {
    if !scheme_given {
        return problem(
            "This looks like an email address. The token endpoint is a web address such as \
             https://dev-abc123.us.auth0.com/oauth/token.",
            None,
        );
    }
    let fix = authority
        .rsplit_once('@')
        .and_then(|(_, host)| fix_from(&format!("https://{host}{after}")));
    problem(
        "Remove the part before @: a token endpoint has no user name or password in it \
         (the client ID and secret go in the request, not in the address).",
        fix,
    )
}

/// The Keycloak admin console keeps the realm in its fragment:
/// https://kc/admin/master/console/#/demo (older: /auth/admin/master/console/#/realms/demo).
fn keycloak_console(parts: &Parts, fragment: &str) -> Option<EndpointProblem> {
    let k = parts.path.find("/admin/")?;
    let mut segments = fragment.split('/').filter(|s| !s.is_empty());
    let realm = match segments.next() {
        Some("realms") => segments.next(),
        other => other,
    }
    .filter(|r| {
        r.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
    })?;
    let base = Parts {
        path: format!(
            "{}/realms/{realm}/protocol/openid-connect/token",
            parts.path.get(..k).unwrap_or("")
        ),
        query: None,
        ..parts.clone()
    };
    Some(problem(
        format!(
            "This is the Keycloak admin console. Tokens for the realm “{realm}” come from \
             its token endpoint."
        ),
        fix_from(&base.typed_url()),
    ))
}

/// An address requests may be sent to: not `0.0.0.0`, and https unless on the learner's own
/// computer.
fn callable(parts: Parts) -> Result<Parts, EndpointProblem> {
    // `0.0.0.0` is where a local server listens (its log says so), not an address to call.
    if parts.host == "0.0.0.0" {
        let local = Parts {
            host: "localhost".to_string(),
            ..parts.clone()
        };
        return Err(problem(
            "0.0.0.0 is where a server listens (its log prints it), not an address to send \
             requests to. On your own computer, use localhost.",
            fix_from(&local.typed_url()),
        ));
    }
    if parts.scheme == Scheme::Http && !parts.is_loopback() {
        let https = Parts {
            scheme: Scheme::Https,
            ..parts.clone()
        };
        return Err(problem(
            "Use https://. Over plain http:// the client secret would cross the network \
             unencrypted, and authorization servers refuse such requests (RFC 6749 §3.2 requires \
             TLS). http:// is accepted only for a server on your own computer (localhost).",
            fix_from(&https.typed_url()),
        ));
    }
    Ok(parts)
}

fn split_scheme(t: &str) -> Result<(Scheme, bool, &str), EndpointProblem> {
    if let Some((scheme, rest)) = t.split_once("://") {
        let plausible = scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        let rest_lower = rest.to_ascii_lowercase();
        if plausible && (rest_lower.starts_with("https:") || rest_lower.starts_with("http:")) {
            return Err(problem(
                "The address has https:// twice; keep one.",
                fix_from(rest),
            ));
        }
        if plausible {
            return if scheme.eq_ignore_ascii_case("https") {
                Ok((Scheme::Https, true, rest))
            } else if scheme.eq_ignore_ascii_case("http") {
                Ok((Scheme::Http, true, rest))
            } else {
                Err(problem(
                    "A token endpoint address starts with https://.",
                    fix_from(rest),
                ))
            };
        }
    }
    let lower = t.to_ascii_lowercase();
    for prefix in ["https", "http"] {
        // `https//host`: the colon went missing.
        if let Some(rest) = lower
            .strip_prefix(prefix)
            .and_then(|r| r.strip_prefix("//"))
            .and_then(|_| t.get(prefix.len() + 2..))
        {
            return Err(problem(
                "The address should start with https:// (a colon and two slashes).",
                fix_from(&format!("{prefix}://{rest}")),
            ));
        }
    }
    for prefix in ["https:", "http:"] {
        if lower.starts_with(prefix) {
            // `https:/host`, `https:host`, `https:://host`, `https:\\host`: the slashes are
            // missing, doubled or turned around.
            let rest = t
                .get(prefix.len()..)
                .unwrap_or("")
                .trim_start_matches(['/', '\\', ':'])
                .replace('\\', "/");
            let fixed = format!("{prefix}//{rest}");
            return Err(problem(
                "The address should start with https:// (a colon and two slashes).",
                fix_from(&fixed),
            ));
        }
    }
    Ok((Scheme::Https, false, t))
}

fn split_host_port(authority: &str) -> Result<(String, Option<String>), EndpointProblem> {
    let bad_port = || {
        problem(
            "The port after the colon should be a number from 1 to 65535, or leave it out.",
            None,
        )
    };
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (inside, after) = v6
            .split_once(']')
            .ok_or_else(|| problem("The address has a [ without its closing ].", None))?;
        if inside.is_empty()
            || !inside
                .chars()
                .all(|c| c.is_ascii_hexdigit() || matches!(c, ':' | '.'))
        {
            return Err(problem(
                "Between [ and ] there should be an IPv6 address such as ::1.",
                None,
            ));
        }
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':').ok_or_else(bad_port)?),
        };
        (format!("[{}]", inside.to_ascii_lowercase()), port)
    } else {
        match authority.split_once(':') {
            Some((h, p)) => (h.to_ascii_lowercase(), Some(p)),
            None => (authority.to_ascii_lowercase(), None),
        }
    };
    let port = match port {
        None => None,
        Some(p) => {
            let valid = !p.is_empty()
                && p.len() <= 5
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u32>().is_ok_and(|n| (1..=65535).contains(&n));
            if !valid {
                return Err(bad_port());
            }
            Some(p.to_string())
        }
    };
    Ok((host, port))
}

fn check_host(
    host: &str,
    scheme_given: bool,
    has_port: bool,
    after: &str,
) -> Result<(), EndpointProblem> {
    if host.starts_with('[') {
        return Ok(());
    }
    if host.is_empty() {
        return Err(problem(
            "The address has no host name. It should look like \
             https://dev-abc123.us.auth0.com/oauth/token.",
            None,
        ));
    }
    if let Some(c) = host.chars().find(|c| !c.is_ascii()) {
        return Err(problem(
            format!(
                "The host name contains “{c}”. If it is really part of the name, type the \
                 name's xn-- form (its punycode) instead."
            ),
            None,
        ));
    }
    if let Some(c) = host
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_')))
    {
        return Err(problem(
            format!("A host name cannot contain “{c}”. Check the address for a typo."),
            None,
        ));
    }
    if let Some(stripped) = host.strip_suffix('.') {
        let rest = after;
        return Err(problem(
            "Remove the dot at the end of the host name.",
            fix_from(&format!("https://{stripped}{rest}")),
        ));
    }
    if host.starts_with('.') || host.contains("..") {
        return Err(problem(
            "The host name has an empty part between two dots. Check the address for a typo.",
            None,
        ));
    }
    // An Auth0 domain with its end cut off or mistyped: `….us.auth0`, `….auth0.co`, `….autho.com`.
    for typo in [
        ".auth0",
        ".auth0.co",
        ".auth0.cm",
        ".auth0.con",
        ".auth0.om",
        ".autho.com",
    ] {
        if let Some(tenant) = host.strip_suffix(typo) {
            return Err(problem(
                "Auth0 domains end in .auth0.com; this one looks cut off or mistyped. Copy the \
                 Domain from your application's Settings tab.",
                fix_from(&format!("https://{tenant}.auth0.com{after}")),
            ));
        }
    }
    // `dev-abc123.us`: the domain stops after the region.
    if let Some((tenant, region)) = host.split_once('.') {
        if tenant.starts_with("dev-") && AUTH0_REGIONS.contains(&region) {
            return Err(problem(
                "Auth0 domains end in .auth0.com; this one stops before it. Copy the Domain from \
                 your application's Settings tab.",
                fix_from(&format!("https://{host}.auth0.com{after}")),
            ));
        }
    }
    let path = after.split(['?', '#']).next().unwrap_or("");
    if !host.contains('.')
        && host != "localhost"
        && !scheme_given
        && !has_port
        && path.trim_matches('/').is_empty()
    {
        return Err(problem(
            "This looks like only part of the domain. An Auth0 domain looks like \
             dev-abc123.us.auth0.com (Applications → your application → Settings → Domain).",
            None,
        ));
    }
    Ok(())
}

/// Checks a path or query for characters that cannot appear in a URL as typed (RFC 3986 §2): spaces,
/// quotes, `< > \ ^ ` { | } [ ]`, control and non-ASCII characters, and `%` not followed by two hex
/// digits. They would be sent differently by different tools, so the learner should see them.
fn check_url_text(s: &str, what: &str) -> Result<(), EndpointProblem> {
    let bytes = s.as_bytes();
    for (i, c) in s.char_indices() {
        if !c.is_ascii() || c.is_ascii_control() || " \"<>\\^`{|}[]".contains(c) {
            let shown = if c.is_ascii_control() {
                "a control character".to_string()
            } else {
                format!("“{c}”")
            };
            return Err(problem(
                format!(
                    "The {what} of the address contains {shown}, which must be percent-encoded \
                     in a URL. Copy the token endpoint again from your provider."
                ),
                None,
            ));
        }
        if c == '%' {
            let hex = |k: usize| bytes.get(i + k).is_some_and(u8::is_ascii_hexdigit);
            if !(hex(1) && hex(2)) {
                return Err(problem(
                    format!(
                        "The {what} of the address has a % that is not followed by two hex \
                         digits. Copy the token endpoint again from your provider."
                    ),
                    None,
                ));
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Provider families, by host and path.

/// Auth0's own sites that are not a tenant: the dashboard, the website, the community forum, …
const AUTH0_NOT_TENANT: [&str; 9] = [
    "auth0.com",
    "www.auth0.com",
    "manage.auth0.com",
    "community.auth0.com",
    "support.auth0.com",
    "cdn.auth0.com",
    "marketplace.auth0.com",
    "status.auth0.com",
    "login.auth0.com",
];

/// Auth0's region labels: `<tenant>.<region>.auth0.com`; tenants created before regions existed
/// are `<tenant>.auth0.com`.
const AUTH0_REGIONS: [&str; 6] = ["us", "eu", "au", "jp", "uk", "ca"];

fn is_auth0_tenant_host(host: &str) -> bool {
    let Some(prefix) = host.strip_suffix(".auth0.com") else {
        return false;
    };
    !AUTH0_NOT_TENANT.contains(&host) && !AUTH0_REGIONS.contains(&prefix) && !prefix.is_empty()
}

fn is_okta_host(host: &str) -> bool {
    [
        ".okta.com",
        ".oktapreview.com",
        ".okta-emea.com",
        ".okta-gov.com",
    ]
    .iter()
    .any(|s| host.ends_with(s))
}

fn is_entra_host(host: &str) -> bool {
    matches!(
        host,
        "login.microsoftonline.com" | "login.microsoftonline.us" | "login.windows.net"
    )
}

fn is_cognito_domain(host: &str) -> bool {
    host.ends_with(".amazoncognito.com")
}

fn is_ory_host(host: &str) -> bool {
    host.ends_with(".oryapis.com")
}

/// The tenant named in an Entra issuer (`https://login.microsoftonline.com/<tenant>/v2.0` or
/// `https://sts.windows.net/<tenant>/`).
fn entra_tenant_of_issuer(issuer: &str) -> Option<&str> {
    let rest = issuer.strip_prefix("https://")?;
    let (_, path) = rest.split_once('/')?;
    path.split('/').next().filter(|t| !t.is_empty())
}

fn resolved(url: String, issuer: String, provider: Provider) -> ResolvedEndpoint {
    ResolvedEndpoint {
        url,
        issuer,
        provider,
        notes: Vec::new(),
    }
}

/// The token endpoint of an issuer whose path is `issuer_path` on this host, when the provider's
/// rules determine it. Used for a typed issuer and for fixes from discovery and JWKS URLs.
fn from_issuer_path(p: &Parts, issuer_path: &str) -> Option<ResolvedEndpoint> {
    let ip = issuer_path.trim_end_matches('/');
    let origin = p.origin();
    if is_auth0_tenant_host(&p.host) {
        return (ip.is_empty()).then(|| {
            resolved(
                format!("{origin}/oauth/token"),
                format!("{origin}/"),
                Provider::Auth0,
            )
        });
    }
    if let Some(r) = keycloak_from_issuer(p, ip) {
        return Some(r);
    }
    if let Some(server) = ip.strip_prefix("/oauth2/") {
        if is_okta_server_id(&p.host, server) {
            return Some(resolved(
                format!("{origin}{ip}/v1/token"),
                format!("{origin}{ip}"),
                Provider::Okta,
            ));
        }
    }
    if is_okta_host(&p.host) && ip.is_empty() {
        // The org server's issuer: as for the bare domain, the default custom server, since the
        // org server gives client-credentials tokens only for Okta's own APIs (private_key_jwt).
        return Some(resolved(
            format!("{origin}/oauth2/default/v1/token"),
            format!("{origin}/oauth2/default"),
            Provider::Okta,
        ));
    }
    if is_entra_host(&p.host) {
        let segs: Vec<&str> = ip.split('/').filter(|s| !s.is_empty()).collect();
        if segs.first().is_some_and(|t| is_shared_tenant(t)) {
            return None;
        }
        return match segs.as_slice() {
            [tenant, "v2.0"] => Some(entra_v2(p, tenant)),
            [tenant] => Some(entra_v1(p, tenant)),
            _ => None,
        };
    }
    if p.host == "sts.windows.net" {
        let segs: Vec<&str> = ip.split('/').filter(|s| !s.is_empty()).collect();
        return match segs.as_slice() {
            [tenant] if !is_shared_tenant(tenant) => Some(entra_v1_from_sts(tenant)),
            _ => None,
        };
    }
    if ip.is_empty() && (is_cognito_domain(&p.host) || is_ory_host(&p.host)) {
        let provider = if is_ory_host(&p.host) {
            Provider::Hydra
        } else {
            Provider::Cognito
        };
        return Some(resolved(
            format!("{origin}/oauth2/token"),
            format!("{origin}/"),
            provider,
        ));
    }
    if ip.is_empty() {
        return Some(generic_root(p));
    }
    None
}

/// Okta authorization server IDs are `default` or start with `aus`; on Okta's own domains any
/// name is accepted.
fn is_okta_server_id(host: &str, server: &str) -> bool {
    !server.is_empty()
        && server != "v1"
        && !server.contains('/')
        && (is_okta_host(host) || server == "default" || server.starts_with("aus"))
}

fn keycloak_from_issuer(p: &Parts, ip: &str) -> Option<ResolvedEndpoint> {
    let (base, realm) = ip.rsplit_once("/realms/")?;
    // (`/admin/realms/<realm>` is the admin REST API, not an issuer.)
    if realm.is_empty()
        || realm.contains('/')
        || base.contains("/realms/")
        || base.ends_with("/admin")
    {
        return None;
    }
    let issuer = format!("{}{base}/realms/{realm}", p.origin());
    Some(resolved(
        format!("{issuer}/protocol/openid-connect/token"),
        issuer,
        Provider::Keycloak,
    ))
}

fn entra_v2(p: &Parts, tenant: &str) -> ResolvedEndpoint {
    let origin = p.origin();
    resolved(
        format!("{origin}/{tenant}/oauth2/v2.0/token"),
        format!("{origin}/{tenant}/v2.0"),
        Provider::Entra,
    )
}

fn entra_v1(p: &Parts, tenant: &str) -> ResolvedEndpoint {
    resolved(
        format!("{}/{tenant}/oauth2/token", p.origin()),
        format!("https://sts.windows.net/{tenant}/"),
        Provider::Entra,
    )
}

fn entra_v1_from_sts(tenant: &str) -> ResolvedEndpoint {
    resolved(
        format!("https://login.microsoftonline.com/{tenant}/oauth2/token"),
        format!("https://sts.windows.net/{tenant}/"),
        Provider::Entra,
    )
}

const GENERIC_ROOT_NOTE: &str =
    "Only a domain was given, so the token endpoint is assumed to be at \
    /oauth/token, as on Auth0 custom domains. If your server uses another path, paste its full \
    token endpoint (the token_endpoint of its discovery document).";

/// A bare domain that no rule recognises: most learners in this exercise use Auth0, whose custom
/// domains serve the token endpoint at `/oauth/token`. The provider stays `Generic` because the
/// domain alone does not prove it is Auth0; the token's own claims will tell.
fn generic_root(p: &Parts) -> ResolvedEndpoint {
    let origin = p.origin();
    let mut r = resolved(
        format!("{origin}/oauth/token"),
        format!("{origin}/"),
        Provider::Generic,
    );
    r.notes.push(GENERIC_ROOT_NOTE.to_string());
    r
}

/// The issuer of a token endpoint on a server no rule recognises: strip a final token path
/// (`/oauth/token`, `/oauth2/token`, `/connect/token`, `/token`, …); what remains of the path is
/// appended to the origin, and an empty remainder gives `<origin>/`. A best guess, by the common
/// conventions: the discovery document corrects it when it can be fetched.
fn generic_issuer(p: &Parts) -> String {
    const SUFFIXES: [&str; 9] = [
        "/protocol/openid-connect/token",
        "/oauth2/v2.0/token",
        "/oauth2/v1/token",
        "/oauth/v2/token",
        "/v1/token",
        "/oauth2/token",
        "/oauth/token",
        "/connect/token",
        "/token",
    ];
    let path = p.trimmed_path();
    let prefix = SUFFIXES
        .iter()
        .find_map(|s| path.strip_suffix(s))
        .unwrap_or("");
    if prefix.is_empty() {
        format!("{}/", p.origin())
    } else {
        format!("{}{prefix}", p.origin())
    }
}

fn classify(p: &Parts) -> Result<ResolvedEndpoint, EndpointProblem> {
    let mut r = classify_inner(p)?;
    if p.query.is_some() && !r.url.contains('?') {
        return Err(problem(
            "Remove the part from ? on: this token endpoint takes no query string.",
            Some(r.url),
        ));
    }
    if p.scheme == Scheme::Http {
        r.notes.insert(
            0,
            "Plain http:// is accepted because this server is on your own computer: the secret \
             does not cross the network. Any other server needs https://."
                .to_string(),
        );
    } else if !p.scheme_given && p.is_loopback() {
        r.notes.insert(
            0,
            "No scheme was typed, so https:// is used. If your local server speaks plain http, \
             type http:// in front."
                .to_string(),
        );
    }
    Ok(r)
}

/// Host names that are still the example's words: `YOUR-DOMAIN`, `your-tenant.us.auth0.com`,
/// `tenant.region.auth0.com`, `domain`.
fn placeholder_host(host: &str) -> bool {
    host.split('.').any(|label| {
        let l = label.to_ascii_lowercase().replace('_', "-");
        l.starts_with("your-")
            || l.starts_with("yourdomain")
            || matches!(l.as_str(), "domain" | "tenant" | "region" | "your")
    })
}

/// The tenant in the lesson's own example command.
const LESSON_EXAMPLE_TENANT: &str = "dev-lyx6hvf82sns21u1.";

/// How an address resolves, or why it cannot be used.
type Resolution = Result<ResolvedEndpoint, EndpointProblem>;

/// The readings of an address, in order of precedence: the first that knows the address
/// resolves it (or explains why not); an address none of them knows is a generic server's.
const READINGS: &[fn(&Parts) -> Option<Resolution>] = &[
    lesson_example,
    still_a_placeholder,
    special,
    not_the_token_endpoint,
    auth0,
    okta_paths,
    okta_host,
    // Entra before Keycloak: a tenant may be named anything, "realms" included, and the Keycloak
    // readings must not take it for a realm path.
    entra_host,
    keycloak,
    keycloak_page,
    entra_v1_issuer,
    cognito_or_ory,
];

fn classify_inner(p: &Parts) -> Resolution {
    READINGS
        .iter()
        .find_map(|read| read(p))
        .unwrap_or_else(|| Ok(generic(p)))
}

fn lesson_example(p: &Parts) -> Option<Resolution> {
    p.host.starts_with(LESSON_EXAMPLE_TENANT).then(|| {
        Err(problem(
            "This is the domain of the lesson's example, not yours: put your own Auth0 domain \
             here (it is on your application's Settings tab, for example dev-abc123.us.auth0.com).",
            None,
        ))
    })
}

fn still_a_placeholder(p: &Parts) -> Option<Resolution> {
    placeholder_host(&p.host).then(|| {
        Err(problem(
            format!(
                "“{}” is still the example's wording: put your own domain in its place (for \
                 Auth0 it is on your application's Settings tab, for example \
                 dev-abc123.us.auth0.com).",
                p.host
            ),
            None,
        ))
    })
}

fn special(p: &Parts) -> Option<Resolution> {
    special_hosts(p).err().map(Err)
}

fn not_the_token_endpoint(p: &Parts) -> Option<Resolution> {
    wrong_endpoint(p).err().map(Err)
}

fn auth0(p: &Parts) -> Option<Resolution> {
    if !is_auth0_tenant_host(&p.host) {
        return None;
    }
    let origin = p.origin();
    Some(match p.path.as_str() {
        "" | "/" | "/oauth/token" => Ok(resolved(
            format!("{origin}/oauth/token"),
            format!("{origin}/"),
            Provider::Auth0,
        )),
        _ if p.trimmed_path() == "/api/v2" => Err(problem(
            "This is the identifier of the Auth0 Management API, an audience — not the token \
             endpoint. The token endpoint is shown below; for the audience, use the \
             identifier of the API you created in the Getting Started exercise.",
            Some(format!("{origin}/oauth/token")),
        )),
        _ => Err(problem(
            "Auth0's token endpoint is always /oauth/token on your domain.",
            Some(format!("{origin}/oauth/token")),
        )),
    })
}

/// Okta: `/oauth2/<server>/v1/token` (a custom authorization server, issuer
/// `https://host/oauth2/<server>`) or `/oauth2/v1/token` (the org server, issuer `https://host`).
fn okta_paths(p: &Parts) -> Option<Resolution> {
    let path = p.trimmed_path();
    let origin = p.origin();
    if path == "/oauth2/v1/token" {
        return Some(Ok(resolved(p.typed_url(), origin, Provider::Okta)));
    }
    let server = path
        .strip_prefix("/oauth2/")
        .and_then(|rest| rest.strip_suffix("/v1/token"))
        .filter(|server| !server.is_empty() && !server.contains('/'))?;
    Some(Ok(resolved(
        p.typed_url(),
        format!("{origin}/oauth2/{server}"),
        Provider::Okta,
    )))
}

fn okta_host(p: &Parts) -> Option<Resolution> {
    is_okta_host(&p.host).then(|| okta_other(p))
}

fn entra_host(p: &Parts) -> Option<Resolution> {
    is_entra_host(&p.host).then(|| entra(p))
}

/// Keycloak: `<base>/realms/<realm>/protocol/openid-connect/token`, issuer `<base>/realms/<realm>`;
/// or the realm's address itself (its issuer).
fn keycloak(p: &Parts) -> Option<Resolution> {
    let path = p.trimmed_path();
    if let Some(realm_path) = path.strip_suffix("/protocol/openid-connect/token") {
        if let Some(mut r) = keycloak_from_issuer(p, realm_path) {
            r.url = p.typed_url();
            return Some(Ok(r));
        }
    }
    let mut r = keycloak_from_issuer(p, path)?;
    r.notes.push(
        "This is the realm's address (its issuer); the request goes to the realm's token \
         endpoint."
            .to_string(),
    );
    Some(Ok(r))
}

/// Another page of a Keycloak realm.
fn keycloak_page(p: &Parts) -> Option<Resolution> {
    let (base, rest) = p.trimmed_path().split_once("/realms/")?;
    let realm = rest.split('/').next().filter(|r| !r.is_empty())?;
    Some(Err(problem(
        "This is a Keycloak page, not the token endpoint. A realm's token endpoint is \
         /realms/<realm>/protocol/openid-connect/token.",
        Some(format!(
            "{}{base}/realms/{realm}/protocol/openid-connect/token",
            p.origin()
        )),
    )))
}

/// A Microsoft Entra v1.0 issuer, `https://sts.windows.net/<tenant>/`.
fn entra_v1_issuer(p: &Parts) -> Option<Resolution> {
    if p.host != "sts.windows.net" {
        return None;
    }
    let path = p.trimmed_path();
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let [tenant] = segs.as_slice() else {
        return Some(Err(problem(
            "For Microsoft Entra ID, paste the token endpoint from your app registration's \
             Endpoints page: https://login.microsoftonline.com/<tenant ID>/oauth2/v2.0/token.",
            None,
        )));
    };
    if let Some(problem) = shared_tenant_problem(tenant) {
        return Some(Err(problem));
    }
    let mut r = entra_v1_from_sts(tenant);
    r.notes.push(
        "This is a Microsoft Entra v1.0 issuer; the request goes to that tenant's v1.0 \
         token endpoint."
            .to_string(),
    );
    Some(Ok(r))
}

/// Amazon Cognito's and Ory's hosted domains: the token endpoint is `/oauth2/token`.
fn cognito_or_ory(p: &Parts) -> Option<Resolution> {
    let provider = if is_ory_host(&p.host) {
        Provider::Hydra
    } else if is_cognito_domain(&p.host) {
        Provider::Cognito
    } else {
        return None;
    };
    let path = p.trimmed_path();
    if !(path.is_empty() || path == "/oauth2/token") {
        return Some(Err(problem(
            format!(
                "{}'s token endpoint is /oauth2/token on this domain.",
                provider.name()
            ),
            Some(p.url_with_path("/oauth2/token")),
        )));
    }
    let mut r = resolved(
        p.url_with_path("/oauth2/token"),
        format!("{}/", p.origin()),
        provider,
    );
    if path == "/oauth2/token" {
        r.url = p.typed_url();
    }
    if provider == Provider::Cognito {
        r.notes.push(
            "Amazon Cognito's issuer is https://cognito-idp.<region>.amazonaws.com/<user \
             pool ID>, which cannot be worked out from this domain, so the token's issuer \
             is not compared with it."
                .to_string(),
        );
    }
    Some(Ok(r))
}

/// Any other server: its root, or the address as typed (with a note when it does not look like
/// a token endpoint).
fn generic(p: &Parts) -> ResolvedEndpoint {
    if p.trimmed_path().is_empty() && p.query.is_none() {
        return generic_root(p);
    }
    let mut r = resolved(p.typed_url(), generic_issuer(p), Provider::Generic);
    // Token endpoints end in `token` by every convention; say so when this one does not, without
    // refusing it (a server may name it otherwise).
    if !p.trimmed_path().to_ascii_lowercase().ends_with("token") {
        r.notes.push(
            "This address does not end in /token as token endpoints usually do: check that it is \
             the token endpoint (the \"token_endpoint\" of your server's \
             /.well-known/openid-configuration)."
                .to_string(),
        );
    }
    r
}

/// Hosts that are recognisably *not* where tokens come from.
/// Cloud consoles, where learners find their values but not a token endpoint (checked before
/// anything else about the address: their URLs carry fragments and paths of their own).
fn console_host(host: &str) -> Result<(), EndpointProblem> {
    for (console, name, where_) in [
        (
            "portal.azure.com",
            "the Azure portal",
            "App registrations → your app → Endpoints: OAuth 2.0 token endpoint (v2)",
        ),
        (
            "entra.microsoft.com",
            "the Microsoft Entra admin center",
            "App registrations → your app → Endpoints: OAuth 2.0 token endpoint (v2)",
        ),
        (
            "console.aws.amazon.com",
            "the AWS console",
            "your user pool → App integration → Domain, then add /oauth2/token",
        ),
    ] {
        if host == console || host.ends_with(&format!(".{console}")) {
            return Err(problem(
                format!(
                    "This is {name}, not a token endpoint. The token endpoint is under {where_}."
                ),
                None,
            ));
        }
    }
    Ok(())
}

fn special_hosts(p: &Parts) -> Result<(), EndpointProblem> {
    // Keycloak's admin REST API: `…/admin/realms/<realm>/…` (the realm's tokens are elsewhere).
    if let Some((base, rest)) = p.path.split_once("/admin/realms/") {
        let realm = rest.split('/').next().unwrap_or("");
        if !realm.is_empty() && !base.contains("/realms/") {
            return Err(problem(
                format!(
                    "This is Keycloak's admin API. Tokens for the realm “{realm}” come from its \
                     own token endpoint, under /realms/{realm}."
                ),
                fix_from(&format!(
                    "{}{base}/realms/{realm}/protocol/openid-connect/token",
                    p.origin()
                )),
            ));
        }
    }
    if p.host == "manage.auth0.com" {
        // The dashboard's address names the region and the tenant:
        // https://manage.auth0.com/dashboard/<region>/<tenant>/…
        let mut segments = p.path.split('/').filter(|s| !s.is_empty());
        let fix = match (segments.next(), segments.next(), segments.next()) {
            (Some("dashboard"), Some(region), Some(tenant))
                if AUTH0_REGIONS.contains(&region)
                    && tenant
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-') =>
            {
                fix_from(&format!("https://{tenant}.{region}.auth0.com/oauth/token"))
            }
            _ => None,
        };
        return Err(problem(
            "This is the Auth0 dashboard. Your tenant's own domain is on the application's \
             Settings tab, under \"Domain\" (it looks like dev-abc123.us.auth0.com).",
            fix,
        ));
    }
    if let Some(prefix) = p.host.strip_suffix(".auth0.com") {
        if AUTH0_REGIONS.contains(&prefix) {
            return Err(problem(
                "Add your tenant name in front: an Auth0 domain looks like \
                 dev-abc123.us.auth0.com.",
                None,
            ));
        }
    }
    if AUTH0_NOT_TENANT.contains(&p.host.as_str()) {
        return Err(problem(
            "This is one of Auth0's own sites, not your tenant. Your domain is on the \
             application's Settings tab, under \"Domain\" (it looks like dev-abc123.us.auth0.com).",
            None,
        ));
    }
    if p.host.starts_with("cognito-idp.") && p.host.ends_with(".amazonaws.com") {
        return Err(problem(
            "This is your Cognito user pool's issuer, not its token endpoint. The token endpoint \
             is on the user pool's domain (App integration → Domain): \
             https://<your domain>.auth.<region>.amazoncognito.com/oauth2/token.",
            None,
        ));
    }
    if is_okta_host(&p.host) {
        let first = p.host.split('.').next().unwrap_or("");
        if let Some(org) = first.strip_suffix("-admin") {
            let rest = p.host.get(first.len()..).unwrap_or("");
            let fixed = format!("https://{org}{rest}/oauth2/default/v1/token");
            return Err(problem(
                "This is the Okta Admin Console. Tokens come from your org's own domain, without \
                 -admin.",
                fix_from(&fixed),
            ));
        }
    }
    Ok(())
}

fn okta_other(p: &Parts) -> Result<ResolvedEndpoint, EndpointProblem> {
    let path = p.trimmed_path();
    let origin = p.origin();
    if path.is_empty() {
        let mut r = resolved(
            format!("{origin}/oauth2/default/v1/token"),
            format!("{origin}/oauth2/default"),
            Provider::Okta,
        );
        r.notes.push(
            "Only the Okta domain was given, so the \"default\" custom authorization server is \
             used. If you created another one, paste its token endpoint \
             (Security → API → Authorization Servers)."
                .to_string(),
        );
        return Ok(r);
    }
    if let Some(server) = path.strip_prefix("/oauth2/") {
        if is_okta_server_id(&p.host, server) {
            let mut r = resolved(
                format!("{origin}{path}/v1/token"),
                format!("{origin}{path}"),
                Provider::Okta,
            );
            r.notes.push(
                "This is the authorization server's issuer; the request goes to its token \
                 endpoint."
                    .to_string(),
            );
            return Ok(r);
        }
    }
    Err(problem(
        "This is an Okta page, not a token endpoint. For the \"default\" authorization server it \
         is /oauth2/default/v1/token on your Okta domain.",
        Some(format!("{origin}/oauth2/default/v1/token")),
    ))
}

/// `common`, `organizations` and `consumers` stand for many tenants; a client credentials token is
/// always issued by one tenant, so Entra requires the tenant's own ID or domain here.
fn is_shared_tenant(tenant: &str) -> bool {
    matches!(
        tenant.to_ascii_lowercase().as_str(),
        "common" | "organizations" | "consumers"
    )
}

fn shared_tenant_problem(tenant: &str) -> Option<EndpointProblem> {
    is_shared_tenant(tenant).then(|| {
        problem(
            format!(
                "The client credentials flow needs your own tenant: replace \"{tenant}\" with \
                 your tenant (directory) ID, shown on the app registration's Overview page."
            ),
            None,
        )
    })
}

fn entra(p: &Parts) -> Result<ResolvedEndpoint, EndpointProblem> {
    let path = p.trimmed_path();
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let Some(tenant) = segs.first().copied() else {
        return Err(problem(
            "Add your tenant (directory) ID: Microsoft Entra's token endpoint is \
             https://login.microsoftonline.com/<tenant ID>/oauth2/v2.0/token (app registration → \
             Endpoints).",
            None,
        ));
    };
    if let Some(problem) = shared_tenant_problem(tenant) {
        return Err(problem);
    }
    match segs.get(1..).unwrap_or(&[]) {
        ["oauth2", "v2.0", "token"] => {
            let mut r = entra_v2(p, tenant);
            r.url = p.typed_url();
            Ok(r)
        }
        ["oauth2", "token"] => {
            let mut r = entra_v1(p, tenant);
            r.url = p.typed_url();
            r.notes.push(
                "This is the older v1.0 endpoint: it names the API with resource= rather than \
                 scope=, so the command sends your audience as resource=. The v2.0 endpoint is \
                 /oauth2/v2.0/token."
                    .to_string(),
            );
            Ok(r)
        }
        ["v2.0"] => {
            let mut r = entra_v2(p, tenant);
            r.notes.push(
                "This is the tenant's issuer; the request goes to its v2.0 token endpoint."
                    .to_string(),
            );
            Ok(r)
        }
        [] => {
            let mut r = entra_v2(p, tenant);
            r.notes
                .push("Only the tenant was given, so the v2.0 token endpoint is used.".to_string());
            Ok(r)
        }
        _ => Err(problem(
            "This is not Microsoft Entra's token endpoint, which is \
             /<tenant>/oauth2/v2.0/token.",
            Some(entra_v2(p, tenant).url),
        )),
    }
}

/// Addresses of the right server that are not its token endpoint: the discovery document, the
/// signing keys, the authorization endpoint (for browser sign-in, which this flow does not use) and
/// other neighbours. Each gets a message naming what it is, and the token endpoint as the fix when
/// the provider's rules determine it.
fn wrong_endpoint(p: &Parts) -> Result<(), EndpointProblem> {
    let found = [
        discovery_address,
        keys_address,
        authorize_address,
        neighbour_address,
    ]
    .iter()
    .find_map(|neighbour| neighbour(p));
    match found {
        Some(problem) => Err(problem),
        None => Ok(()),
    }
}

/// Discovery: `<issuer>/.well-known/openid-configuration` (OpenID Connect Discovery §4) or
/// `<origin>/.well-known/oauth-authorization-server<issuer path>` (RFC 8414 §3). Okta serves the
/// RFC 8414 document appended to the issuer, like the OpenID one.
fn discovery_address(p: &Parts) -> Option<EndpointProblem> {
    let path = p.trimmed_path();
    let ip = path
        .strip_suffix("/.well-known/openid-configuration")
        .or_else(|| path.strip_suffix("/.well-known/oauth-authorization-server"))
        .or_else(|| path.strip_prefix("/.well-known/oauth-authorization-server"))?;
    let fix = from_issuer_path(p, ip).map(|r| r.url);
    let how = if fix.is_some() {
        "Its token_endpoint is offered below."
    } else {
        "Open it and copy the value of token_endpoint."
    };
    Some(problem(
        format!(
            "This is the discovery document, which lists the server's addresses. The request \
             goes to the token endpoint. {how}"
        ),
        fix,
    ))
}

/// Signing keys (JWKS): Auth0 and most servers `/.well-known/jwks.json`, Okta `…/v1/keys`,
/// Keycloak `…/protocol/openid-connect/certs`, Entra `…/discovery/v2.0/keys` (v1:
/// `…/discovery/keys`).
fn keys_address(p: &Parts) -> Option<EndpointProblem> {
    let path = p.trimmed_path();
    let origin = p.origin();
    let fix = if let Some(ip) = path.strip_suffix("/.well-known/jwks.json") {
        from_issuer_path(p, ip).map(|r| r.url)
    } else {
        let beside = [
            ("/v1/keys", "/v1/token"),
            (
                "/protocol/openid-connect/certs",
                "/protocol/openid-connect/token",
            ),
            ("/discovery/v2.0/keys", "/oauth2/v2.0/token"),
            ("/discovery/keys", "/oauth2/token"),
        ];
        let (prefix, token) = beside
            .iter()
            .find_map(|(suffix, token)| path.strip_suffix(suffix).map(|prefix| (prefix, token)))?;
        Some(format!("{origin}{prefix}{token}"))
    };
    Some(problem(
        "This is the address of the server's signing keys (its JWKS), used to check a \
         token's signature — not to ask for a token. The request goes to the token endpoint.",
        fix,
    ))
}

/// The authorization endpoint: where a user signs in through a browser.
fn authorize_address(p: &Parts) -> Option<EndpointProblem> {
    let path = p.trimmed_path();
    let origin = p.origin();
    let beside = [
        ("/oauth2/v2.0/authorize", "/oauth2/v2.0/token"),
        ("/v1/authorize", "/v1/token"),
        (
            "/protocol/openid-connect/auth",
            "/protocol/openid-connect/token",
        ),
        ("/oauth2/authorize", "/oauth2/token"),
        ("/oauth2/auth", "/oauth2/token"),
        ("/oauth/authorize", "/oauth/token"),
        ("/connect/authorize", "/connect/token"),
        ("/authorize", "/token"),
    ];
    let fix = beside.iter().find_map(|(suffix, token)| {
        path.strip_suffix(suffix).map(|prefix| {
            if prefix.is_empty() && *suffix == "/authorize" {
                // Auth0 (and Auth0-style custom domains): /authorize sits beside /oauth/token.
                from_issuer_path(p, "").map(|r| r.url)
            } else {
                Some(format!("{origin}{prefix}{token}"))
            }
        })
    })?;
    Some(problem(
        "This is the authorization endpoint, where a person signs in through a browser. The \
         client credentials flow has no person and no browser: the request goes straight to \
         the token endpoint.",
        fix,
    ))
}

/// Other neighbours of the token endpoint: userinfo, revocation, introspection, logout, keys.
fn neighbour_address(p: &Parts) -> Option<EndpointProblem> {
    let path = p.trimmed_path();
    let last = path.rsplit('/').next().unwrap_or("");
    let name = match last {
        "userinfo" => "the userinfo endpoint (it returns a signed-in user's profile)",
        "revoke" => "the revocation endpoint (it cancels a token)",
        "introspect" => "the introspection endpoint (it describes a token)",
        "logout" => "the logout endpoint",
        "jwks" | "certs" | "keys" => "the address of the signing keys",
        _ => return None,
    };
    let dir = path
        .get(..path.len().saturating_sub(last.len() + 1))
        .unwrap_or("");
    let fix = if dir.is_empty() || dir == "/v2" || dir == "/oidc" {
        from_issuer_path(p, "").map(|r| r.url)
    } else if ["/oauth", "/oauth2", "/v1", "/openid-connect", "/connect"]
        .iter()
        .any(|end| dir.ends_with(end))
    {
        Some(format!("{}{dir}/token", p.origin()))
    } else {
        None
    };
    Some(problem(
        format!("This is {name}, not the token endpoint."),
        fix,
    ))
}

/// Where the discovery document may be, in the order to try: the OpenID Connect form
/// `<issuer>/.well-known/openid-configuration` first (OpenID Connect Discovery §4: appended to the
/// issuer, never a double slash); then, for every provider but Auth0 (whose issuer is certain), the
/// same document at each path prefix of the token endpoint, longest first, since the issuer was
/// only derived; then the RFC 8414 §3 form `<origin>/.well-known/oauth-authorization-server<issuer
/// path>`. Duplicates are removed. Only addresses on the token endpoint's own host and scheme are
/// returned (https, or http on your own computer): the widget never sends requests elsewhere.
pub fn discovery_candidates(resolved: &ResolvedEndpoint) -> Vec<String> {
    let Ok(ep) = parse_own(&resolved.url) else {
        return Vec::new();
    };
    let origin = ep.origin();
    let issuer = resolved.issuer.trim_end_matches('/');
    let issuer_path = issuer
        .strip_prefix(origin.as_str())
        .filter(|rest| rest.is_empty() || rest.starts_with('/'));

    let mut out: Vec<String> = Vec::new();
    let mut push = |url: String| {
        if !out.contains(&url) {
            out.push(url);
        }
    };
    if issuer_path.is_some() {
        push(format!("{issuer}/.well-known/openid-configuration"));
    }
    if resolved.provider != Provider::Auth0 {
        let mut prefix = ep.trimmed_path();
        while let Some((shorter, _)) = prefix.rsplit_once('/') {
            push(format!(
                "{origin}{shorter}/.well-known/openid-configuration"
            ));
            prefix = shorter;
        }
    }
    if let Some(ip) = issuer_path {
        push(format!(
            "{origin}/.well-known/oauth-authorization-server{ip}"
        ));
    }
    out
}

/// Parses a URL this module produced (always with a scheme, already validated).
fn parse_own(url: &str) -> Result<Parts, EndpointProblem> {
    let p = parse(url)?;
    if p.scheme_given {
        Ok(p)
    } else {
        Err(problem("", None))
    }
}
