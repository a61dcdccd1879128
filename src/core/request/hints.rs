//! Kind, precise remarks about what the learner typed, each next to its field, each with a fix the
//! learner may apply with one click. Nothing here changes a value: the command always carries the
//! values exactly as typed.

use super::{Field, Hint, RequestInput};
use crate::core::endpoint::{resolve_endpoint, unwrap_pair, QUOTE_CHARS, QUOTE_PAIRS};
use crate::core::facts::{is_blank, is_guid, is_hidden};
use crate::core::provider::Provider;

fn hint(field: Field, message: impl Into<String>, fix: Option<String>) -> Hint {
    Hint {
        field,
        message: message.into(),
        fix,
    }
}

/// How a field is named inside a sentence.
fn what(field: Field) -> &'static str {
    match field {
        Field::Endpoint => "token endpoint",
        Field::ClientId => "client ID",
        Field::ClientSecret => "client secret",
        Field::Audience => "audience",
        Field::Scope => "scope",
    }
}

/// Auth0 client IDs are 32 ASCII letters and digits; Microsoft Entra's are GUIDs; Okta's are 20
/// characters starting with `0oa`.
pub(crate) fn looks_like_client_id(v: &str) -> bool {
    let alnum = |s: &str| s.bytes().all(|b| b.is_ascii_alphanumeric());
    (v.len() == 32 && alnum(v)) || is_guid(v) || (v.len() == 20 && v.starts_with("0oa") && alnum(v))
}

/// Auth0 client secrets are 64 characters of base64url (letters, digits, `-`, `_`); Okta's are 40
/// or more, Entra's 40 with `~` and `.`. Anything that long in that alphabet, and not shaped like a
/// client ID, is taken for a secret.
pub(crate) fn looks_like_client_secret(v: &str) -> bool {
    v.len() >= 40
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'~' | b'.'))
        && !looks_like_client_id(v)
}

/// Placeholder words of tutorials and of this lesson: `YOUR_CLIENT_ID`, `your-api-identifier`, …
fn is_placeholder_word(v: &str) -> bool {
    let upper = v.to_ascii_uppercase();
    upper.contains("YOUR_")
        || upper.contains("YOUR-")
        // (`YOUR API ID`, but not a sentence such as "Read your messages".)
        || (upper.contains("YOUR ") && v == upper)
        || matches!(
            upper.as_str(),
            "CLIENT_ID" | "CLIENT_SECRET" | "API_IDENTIFIER" | "AUDIENCE" | "CLIENTID" | "SECRET"
        )
}

/// Whether `v` could be a real value of `field` (used before offering a fix that removes brackets
/// or spaces).
fn plausible(field: Field, v: &str) -> bool {
    if v.is_empty() || is_placeholder_word(v) || v.contains(['{', '}', '<', '>']) {
        return false;
    }
    match field {
        Field::ClientId => !v.chars().any(is_blank) && v.len() >= 8,
        Field::ClientSecret => !v.chars().any(is_blank) && v.len() >= 16,
        Field::Audience => !v.chars().any(is_blank),
        Field::Endpoint | Field::Scope => true,
    }
}

fn blank_name(c: char) -> &'static str {
    match c {
        '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => "a line break",
        '\t' => "a tab",
        ' ' => "a space",
        '\u{A0}' | '\u{2007}' | '\u{202F}' => "a non-breaking space",
        c if is_hidden(c) => "an invisible character (such as a zero-width space)",
        _ => "a space-like character",
    }
}

/// The most telling kind of blank among `chars`: a line break, then a tab, an invisible
/// character, a non-breaking space, a space.
fn worst_blank(chars: impl Iterator<Item = char>) -> &'static str {
    const ORDER: [&str; 6] = [
        "a line break",
        "a tab",
        "an invisible character (such as a zero-width space)",
        "a non-breaking space",
        "a space-like character",
        "a space",
    ];
    let found: Vec<&str> = chars.map(blank_name).collect();
    ORDER
        .iter()
        .find(|k| found.contains(k))
        .copied()
        .unwrap_or("a space")
}

/// Every hint about the form's values, in field order.
pub fn field_hints(input: &RequestInput) -> Vec<Hint> {
    let mut out = Vec::new();
    let resolved = resolve_endpoint(&input.endpoint);
    if let Err(p) = &resolved {
        if !p.message.is_empty() {
            out.push(hint(Field::Endpoint, p.message.clone(), p.fix.clone()));
        }
    }
    let resolved = resolved.ok();
    let provider = resolved.as_ref().map(|r| r.provider);
    // `https://quickstarts/api` (the API's identifier) typed as the endpoint: a host with no dot
    // is no public server. Then the audience's own hints must not call the right value wrong.
    let identifier_as_endpoint = resolved
        .as_ref()
        .and_then(|r| r.url.split_once("://"))
        .map(|(_, rest)| rest.split(['/', ':', '?']).next().unwrap_or(""))
        .filter(|host| !host.contains('.') && !host.contains('[') && *host != "localhost")
        .map(str::to_string);
    if let Some(host) = &identifier_as_endpoint {
        out.push(hint(
            Field::Endpoint,
            format!(
                "“{host}” has no dot, so it is not a server's public address. If this is your \
                 API's identifier, it belongs in the Audience field; the token endpoint is your \
                 Auth0 domain, for example dev-abc123.us.auth0.com."
            ),
            None,
        ));
    }
    // An address with a path that is not a token endpoint's: an issuer (`…/oidc`, `…/as`,
    // `…/oauth2/default`), or an API's URL typed here instead of in the Audience field.
    let not_a_token_path = resolved.as_ref().is_some_and(|r| {
        let path = r.url.split_once("://").map_or("", |(_, rest)| {
            rest.split(['?', '#'])
                .next()
                .unwrap_or("")
                .split_once('/')
                .map_or("", |(_, p)| p)
        });
        let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        !last.is_empty() && !last.to_ascii_lowercase().contains("token")
    });
    if not_a_token_path && identifier_as_endpoint.is_none() {
        out.push(hint(
            Field::Endpoint,
            "This address does not end like a token endpoint, which usually ends in `/token` \
             (Auth0: `https://YOUR-DOMAIN/oauth/token`). If it is your server's issuer, its \
             discovery document (the issuer followed by `/.well-known/openid-configuration`) gives \
             the token endpoint as `token_endpoint`; if it is your API's address, it belongs in \
             the Audience field.",
            None,
        ));
    }

    for field in [
        Field::ClientId,
        Field::ClientSecret,
        Field::Audience,
        Field::Scope,
    ] {
        single_value_hints(field, input.get(field), &mut out);
    }
    credential_hints(input, provider, &mut out);
    audience_hints(
        input,
        resolved
            .as_ref()
            .filter(|_| identifier_as_endpoint.is_none())
            .map(|r| (r.url.as_str(), r.issuer.as_str())),
        &mut out,
    );
    scope_hints(&input.scope, provider, &mut out);
    // Auth0 issues a client-credentials token for a named API; said once the credentials are in,
    // so a learner filling the form from the top is not told off for a field not reached yet.
    if provider == Some(Provider::Auth0)
        && input.audience.trim_matches(is_blank).is_empty()
        && !input.client_id.trim_matches(is_blank).is_empty()
        && !input.client_secret.trim_matches(is_blank).is_empty()
    {
        out.push(hint(
            Field::Audience,
            "Put your API's Identifier here (Applications → APIs → your API → Settings tab → Identifier). Without \
             it Auth0 refuses the request, or gives a token for no API that this exercise cannot \
             check.",
            None,
        ));
    }
    for field in [Field::ClientId, Field::ClientSecret, Field::Audience] {
        sentence_end_hint(
            field,
            input.get(field).trim_matches(is_blank),
            provider,
            &mut out,
        );
    }
    // (Entra's v2 endpoint; v1 takes `resource=` and no scope.)
    if provider == Some(Provider::Entra)
        && resolved
            .as_ref()
            .is_some_and(|r| r.url.contains("/oauth2/v2.0/"))
    {
        entra_scope_hint(input, &mut out);
    }

    // Keep the order of the form: endpoint, client ID, secret, audience, scope (a stable
    // grouping by field; cheaper in WebAssembly than a sort).
    let mut sorted = Vec::with_capacity(out.len());
    for field in [
        Field::Endpoint,
        Field::ClientId,
        Field::ClientSecret,
        Field::Audience,
        Field::Scope,
    ] {
        let (now, later) = out.into_iter().partition(|h| h.field == field);
        sorted.extend::<Vec<Hint>>(now);
        out = later;
    }
    sorted
}

/// One typed value, as the single-value checks read it.
struct Typed<'a> {
    field: Field,
    value: &'a str,
    /// The value without blank space at either end (never empty).
    trimmed: &'a str,
    /// The field's name in a sentence ("client ID").
    name: &'static str,
}

/// Whether the next check in [`SINGLE_VALUE`] runs.
#[derive(PartialEq)]
enum Then {
    Go,
    Stop,
}

/// The checks of one value, in order of precedence: a check that explains the whole value stops
/// the ones after it.
const SINGLE_VALUE: &[fn(&Typed, &mut Vec<Hint>) -> Then] = &[
    not_a_secret,
    blank_edges,
    label_copied_along,
    json_item,
    quotes_around,
    stray_quote,
    hidden_dots,
    placeholder,
    blank_inside,
];

/// Hints that look at one value alone: control characters, blanks around or inside, quotes,
/// placeholders.
fn single_value_hints(field: Field, value: &str, out: &mut Vec<Hint>) {
    if value.is_empty() {
        return;
    }
    let name = what(field);
    if value.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        let cleaned: String = value
            .chars()
            .filter(|c| !c.is_control() || c.is_whitespace())
            .collect();
        out.push(hint(
            field,
            format!(
                "The {name} contains an invisible control character, which would be sent as part \
                 of it. It was probably copied by accident."
            ),
            Some(cleaned),
        ));
    }
    let trimmed = value.trim_matches(is_blank);
    if trimmed.is_empty() {
        out.push(hint(
            field,
            format!("The {name} holds only blank space."),
            Some(String::new()),
        ));
        return;
    }
    let typed = Typed {
        field,
        value,
        trimmed,
        name,
    };
    for check in SINGLE_VALUE {
        if check(&typed, out) == Then::Stop {
            return;
        }
    }
}

/// Not a secret at all: an access token (with or without `Bearer `), or a PEM certificate or key
/// (for private_key_jwt, which this exercise does not use).
fn not_a_secret(v: &Typed, out: &mut Vec<Hint>) -> Then {
    if v.field != Field::ClientSecret {
        return Then::Go;
    }
    let t = v
        .trimmed
        .strip_prefix("Bearer ")
        .unwrap_or(v.trimmed)
        .trim_start();
    let what = if t.starts_with("eyJ") && t.matches('.').count() >= 2 {
        "an access token (a JWT), the result of a token request"
    } else if v.trimmed.starts_with("-----BEGIN") {
        "a certificate or key in PEM form"
    } else {
        return Then::Go;
    };
    out.push(hint(
        v.field,
        format!(
            "This is {what}, not the client secret. Copy the secret from the Client Secret \
             box on the application's Settings tab."
        ),
        None,
    ));
    Then::Stop
}

/// Blank space before or after the value.
fn blank_edges(v: &Typed, out: &mut Vec<Hint>) -> Then {
    let (value, name) = (v.value, v.name);
    if v.trimmed.len() == value.len() {
        return Then::Go;
    }
    let lead = value.len() - value.trim_start_matches(is_blank).len();
    let trail = value.len() - value.trim_end_matches(is_blank).len();
    let where_ = match (lead > 0, trail > 0) {
        (true, true) => "before and after it",
        (true, false) => "before it",
        _ => "after it",
    };
    let blanks = value
        .chars()
        .take_while(|&c| is_blank(c))
        .chain(value.chars().rev().take_while(|&c| is_blank(c)));
    let kind = worst_blank(blanks);
    out.push(hint(
        v.field,
        format!("There is {kind} {where_}: it would be sent as part of the {name}. Remove it."),
        Some(v.trimmed.to_string()),
    ));
    Then::Go
}

/// A name copied with the value: `audience=…` from an example command, `"client_secret": "…",`
/// from a JSON body, `AUTH0_CLIENT_ID=…` from a .env file, or the dashboard's own label (`Client
/// Secret` and the value on the next line). Only the value goes here.
fn label_copied_along(v: &Typed, out: &mut Vec<Hint>) -> Then {
    let Some((label, rest)) = copied_label(v.field, v.trimmed) else {
        return Then::Go;
    };
    out.push(hint(
        v.field,
        format!(
            "This starts with {label}, copied along with the value. The command adds the \
             parameter's name itself, so only the value goes here."
        ),
        plausible(v.field, rest).then(|| rest.to_string()),
    ));
    Then::Stop
}

/// `"…",` selected from a JSON body or a line of code: the quotes and what ends the item.
fn json_item(v: &Typed, out: &mut Vec<Hint>) -> Then {
    let Some(inner) = v
        .trimmed
        .strip_suffix([',', ';'])
        .and_then(|t| wrapped_in_quotes(t.trim_end_matches(is_blank)))
    else {
        return Then::Go;
    };
    let ending = if v.trimmed.ends_with(',') {
        "comma"
    } else {
        "semicolon"
    };
    out.push(hint(
        v.field,
        format!(
            "The quotes around the {} and the {ending} after them come from the JSON or code it \
             was copied from; they would be sent with it. Remove them.",
            v.name
        ),
        Some(inner.to_string()),
    ));
    Then::Stop
}

fn quotes_around(v: &Typed, out: &mut Vec<Hint>) -> Then {
    if let Some(inner) = wrapped_in_quotes(v.trimmed) {
        out.push(hint(
            v.field,
            format!(
                "The quotes around the {} are not part of it and would be sent with it. \
                 Remove them.",
                v.name
            ),
            Some(inner.to_string()),
        ));
    }
    Then::Go
}

/// A quote at one end only, left from where the value was copied.
fn stray_quote(v: &Typed, out: &mut Vec<Hint>) -> Then {
    let t = v.trimmed;
    if wrapped_in_quotes(t).is_some()
        || t.chars().count() <= 1
        || !(t.starts_with(QUOTE_CHARS) || t.ends_with(QUOTE_CHARS))
    {
        return Then::Go;
    }
    let where_ = if t.starts_with(QUOTE_CHARS) {
        "before"
    } else {
        "after"
    };
    out.push(hint(
        v.field,
        format!(
            "There is a quote {where_} the {}, left from where it was copied; it would be \
             sent as part of it. Remove it.",
            v.name
        ),
        Some(t.trim_matches(QUOTE_CHARS).to_string()),
    ));
    Then::Go
}

/// The secret as the dashboard hides it.
fn hidden_dots(v: &Typed, out: &mut Vec<Hint>) -> Then {
    let dots = v.field == Field::ClientSecret
        && v.trimmed.chars().count() >= 4
        && v.trimmed
            .chars()
            .all(|c| matches!(c, '•' | '*' | '●' | '·' | '∙'));
    if dots {
        out.push(hint(
            v.field,
            "This is the secret as the dashboard hides it (dots), not the secret itself. Use the \
             copy button next to Client Secret on the application's Settings tab.",
            None,
        ));
    }
    Then::Go
}

/// A placeholder's brackets, or the lesson's placeholder word.
fn placeholder(v: &Typed, out: &mut Vec<Hint>) -> Then {
    let (t, name) = (v.trimmed, v.name);
    let braces = t.contains('{') && t.contains('}');
    let angle = t.starts_with('<') && t.ends_with('>') && t.len() > 2;
    if braces || angle {
        let without: String = t
            .chars()
            .filter(|c| !matches!(c, '{' | '}' | '<' | '>'))
            .collect();
        let fix = plausible(v.field, &without).then_some(without);
        let message = if v.field == Field::ClientSecret {
            format!(
                "The {name} contains brackets {{ }} or < >. If they are left from the lesson's \
                 placeholder, replace the whole placeholder, brackets included, with your own \
                 {name}."
            )
        } else {
            format!(
                "This still has the placeholder's brackets. Replace the whole placeholder, \
                 brackets included, with your own {name}."
            )
        };
        out.push(hint(v.field, message, fix));
    } else if is_placeholder_word(t) {
        out.push(hint(
            v.field,
            format!("This is the placeholder from the lesson: put your own {name} here."),
            None,
        ));
    }
    Then::Go
}

/// Blank space inside a value that never has any (a scope list has spaces by design).
fn blank_inside(v: &Typed, out: &mut Vec<Hint>) -> Then {
    let trimmed = v.trimmed;
    let inner_blank: Vec<char> = trimmed.chars().filter(|&c| is_blank(c)).collect();
    if inner_blank.is_empty() || v.field == Field::Scope {
        return Then::Go;
    }
    let kind = worst_blank(inner_blank.into_iter());
    let joined: String = trimmed.chars().filter(|&c| !is_blank(c)).collect();
    let (message, fix) = match v.field {
        Field::ClientId => (
            format!(
                "There is {kind} inside the client ID, and client IDs never contain one. \
                 Copy it again with the copy button next to it."
            ),
            looks_like_client_id(&joined).then_some(joined),
        ),
        Field::ClientSecret => (
            format!(
                "There is {kind} inside the client secret, and generated secrets never \
                 contain one. Copy it again with the copy button next to it."
            ),
            looks_like_client_secret(&joined).then_some(joined),
        ),
        // `My Example API`: the API's name, not its identifier.
        _ if !trimmed.contains("://") && trimmed.contains(' ') => (
            "This looks like the API's name. The audience is its Identifier (Applications → \
             APIs → your API → Settings tab → Identifier), such as https://api.example.com."
                .to_string(),
            None,
        ),
        _ => (
            format!(
                "There is {kind} inside the audience. API identifiers rarely contain one: \
                 compare it with the Identifier on your API's Settings tab."
            ),
            None,
        ),
    };
    out.push(hint(v.field, message, fix));
    Then::Go
}

/// Names that come before a value where it was copied from, written without `_`, `-` or
/// spaces, in lower case: request parameters, JSON members, .env variables, dashboard labels.
const LABELS: [&str; 19] = [
    "audience",
    "clientid",
    "clientsecret",
    "scope",
    "resource",
    "secret",
    "identifier",
    "apiidentifier",
    "apiaudience",
    "domain",
    "tokenendpoint",
    "issuer",
    "auth0domain",
    "auth0clientid",
    "auth0clientsecret",
    "auth0audience",
    "auth0scope",
    "auth0issuerbaseurl",
    "auth0issuer",
];

/// The dashboard's labels, which are copied with a space or a line break instead of `:`.
const SPACED_LABELS: [&str; 6] = [
    "client id",
    "client secret",
    "secret",
    "identifier",
    "domain",
    "audience",
];

/// `NAME=value`, `"name": "value",`, `NAME: value` or a dashboard label and the value, when the
/// name is one of [`LABELS`]: returns how to name the label and the bare value.
fn copied_label(field: Field, v: &str) -> Option<(String, &str)> {
    let cut = v.find(['=', ':']).filter(|&k| k <= 40);
    let (name, rest) = match cut {
        // `https://…` is a value, not a name followed by `:`.
        Some(k) if !v.get(k..).is_some_and(|r| r.starts_with("://")) => {
            (v.get(..=k)?, v.get(k + 1..)?)
        }
        _ => {
            // A dashboard label, then blanks (not for the scope, whose values have spaces).
            if field == Field::Scope {
                return None;
            }
            let lower = v.to_ascii_lowercase();
            let label = SPACED_LABELS
                .iter()
                .filter(|l| {
                    lower.starts_with(*l)
                        && v.get(l.len()..).is_some_and(|r| r.starts_with(is_blank))
                })
                .max_by_key(|l| l.len())?;
            (v.get(..label.len())?, v.get(label.len()..)?)
        }
    };
    let key: String = name
        .trim_end_matches(['=', ':'])
        .trim_matches(|c: char| is_blank(c) || QUOTE_CHARS.contains(&c))
        .chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .collect::<String>()
        .to_ascii_lowercase();
    if !LABELS.contains(&key.as_str()) {
        return None;
    }
    // (`client_id=…&client_secret=…` from a form body: the next parameter is not part of it.)
    let value = rest
        .split('&')
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| is_blank(c) || matches!(c, ',' | ';'))
        .trim_matches(QUOTE_CHARS);
    (!value.is_empty()).then(|| (crate::core::markup::code_span(name.trim()), value))
}

/// A sentence's `.`, `,` or `;` copied after a value that never ends with one.
fn sentence_end_hint(field: Field, v: &str, provider: Option<Provider>, out: &mut Vec<Hint>) {
    let Some(end) = v.chars().last().filter(|c| matches!(c, '.' | ',' | ';')) else {
        return;
    };
    let before = v.trim_end_matches(['.', ',', ';']);
    let fits = match field {
        Field::ClientId => looks_like_client_id(before),
        // Entra's secrets may end with `.`; Auth0's are 64 characters of letters, digits, - and _.
        Field::ClientSecret => {
            (end != '.' || provider == Some(Provider::Auth0))
                && before.len() == 64
                && before
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
        }
        _ => {
            let lower = before.to_ascii_lowercase();
            (lower.starts_with("https://") || lower.starts_with("http://"))
                && !before.contains(is_blank)
        }
    };
    if fits {
        out.push(hint(
            field,
            format!(
                "There is a “{end}” at the end, probably from the sentence the {} was copied \
                 from; it would be sent as part of it.",
                what(field)
            ),
            Some(before.to_string()),
        ));
    }
}

fn wrapped_in_quotes(v: &str) -> Option<&str> {
    unwrap_pair(v, &QUOTE_PAIRS).filter(|inner| !inner.is_empty())
}

/// Hints that compare the client ID with the secret: swapped, equal, a secret in the ID field.
fn credential_hints(input: &RequestInput, provider: Option<Provider>, out: &mut Vec<Hint>) {
    let id = input.client_id.trim_matches(is_blank);
    let secret = input.client_secret.trim_matches(is_blank);
    let id_is_secret = looks_like_client_secret(id);

    if id_is_secret && looks_like_client_id(secret) {
        out.push(hint(
            Field::ClientId,
            "The client ID and the client secret look swapped: this value has the shape of a \
             secret, and the secret field holds what looks like a client ID.",
            Some(secret.to_string()),
        ));
        out.push(hint(
            Field::ClientSecret,
            "This looks like a client ID; the secret is probably in the Client ID field.",
            Some(id.to_string()),
        ));
        return;
    }
    if id_is_secret && (secret.is_empty() || secret == id) {
        out.push(hint(
            Field::ClientId,
            "This looks like a client secret, not the client ID. On the application's Settings \
             tab the client ID is the shorter value, above the secret. (This field is remembered \
             in your browser, so keep the secret out of it.)",
            None,
        ));
        return;
    }
    // The domain in the Client ID field.
    let lower_id = id.to_ascii_lowercase();
    if lower_id.contains(".auth0.com") || lower_id.starts_with("https://") {
        out.push(hint(
            Field::ClientId,
            "This is an address, not a client ID. The client ID is the shorter value at the top \
             of your application's Settings tab; the domain goes in Token endpoint, the API's \
             identifier in Audience.",
            None,
        ));
        return;
    }
    // The client ID pasted twice in a row.
    if let Some((a, b)) = id.split_at_checked(id.len() / 2) {
        if a == b && looks_like_client_id(a) {
            out.push(hint(
                Field::ClientId,
                "The client ID is in here twice, one copy after the other. Keep one.",
                Some(a.to_string()),
            ));
        }
    }
    if !id.is_empty() && id == secret {
        out.push(hint(
            Field::ClientSecret,
            "The client secret is the same as the client ID. Copy the secret from the Client \
             Secret box on the application's Settings tab (it is hidden behind dots until you \
             reveal or copy it).",
            None,
        ));
        return;
    }
    if provider == Some(Provider::Entra) && is_guid(secret) {
        out.push(hint(
            Field::ClientSecret,
            "This is the secret's ID (a GUID), not the secret itself. Under Certificates & \
             secrets, copy the Value column instead; Microsoft shows it only right after the \
             secret is created, so make a new secret if it is hidden.",
            None,
        ));
    }
    if provider == Some(Provider::Auth0) {
        if id.is_empty() && looks_like_client_id(secret) {
            out.push(hint(
                Field::ClientSecret,
                "This looks like a client ID, not the secret. Put it in the Client ID field, and \
                 the longer Client Secret here.",
                None,
            ));
        }
        // Auth0's secrets are 64 characters: a few more or less is a slip of the selection, and
        // 128 the secret pasted twice.
        let b64url = |s: &str| {
            s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        };
        if b64url(secret) && secret.len() == 128 && secret.get(..64) == secret.get(64..) {
            out.push(hint(
                Field::ClientSecret,
                "The client secret is in here twice, one copy after the other. Keep one.",
                secret.get(..64).map(str::to_string),
            ));
        } else if b64url(secret) && (56..=72).contains(&secret.len()) && secret.len() != 64 {
            out.push(hint(
                Field::ClientSecret,
                format!(
                    "Auth0 client secrets are 64 characters long, and this one has {}. Copy it \
                     again with the copy button next to Client Secret.",
                    secret.len()
                ),
                None,
            ));
        }
        if id.bytes().all(|b| b.is_ascii_alphanumeric())
            && (20..=44).contains(&id.len())
            && id.len() != 32
        {
            out.push(hint(
                Field::ClientId,
                format!(
                    "Auth0 client IDs are 32 characters long, and this one has {}. Copy it again \
                     with the copy button next to it.",
                    id.len()
                ),
                None,
            ));
        }
    }
}

/// Hints about the audience: a token endpoint, a tenant address, the Management API or the client
/// ID put where the API identifier belongs.
fn audience_hints(input: &RequestInput, endpoint: Option<(&str, &str)>, out: &mut Vec<Hint>) {
    let aud = input.audience.trim_matches(is_blank);
    if aud.is_empty() {
        return;
    }
    let lower = aud.to_ascii_lowercase();
    let is_url = lower.starts_with("https://") || lower.starts_with("http://");
    // Addresses compared without a trailing slash, a query, or case.
    let same = |a: &str, b: &str| {
        let norm = |s: &str| {
            s.split(['?', '#'])
                .next()
                .unwrap_or("")
                .trim_end_matches('/')
                .to_ascii_lowercase()
        };
        norm(a) == norm(b)
    };
    let issuer_host = endpoint.map(|(_, issuer)| {
        let rest = issuer.split_once("://").map_or(issuer, |(_, r)| r);
        rest.split('/').next().unwrap_or("").to_ascii_lowercase()
    });

    // `https%3A%2F%2F…`: encoded by hand (or copied from a URL); the command encodes it itself.
    if lower.contains("%3a%2f%2f") {
        let decoded = aud
            .replace("%3A", ":")
            .replace("%3a", ":")
            .replace("%2F", "/")
            .replace("%2f", "/");
        out.push(hint(
            Field::Audience,
            "This is percent-encoded (`%3A%2F%2F` stands for `://`). Type the identifier as the \
             API's Settings tab shows it: the command encodes it for you.",
            Some(decoded),
        ));
        return;
    }
    // The same value in two fields: the hint goes to the field it does not belong in.
    let api_like = is_url && !lower.contains("token") && !lower.contains(".auth0.com");
    if api_like && same(aud, input.endpoint.trim_matches(is_blank)) {
        out.push(hint(
            Field::Endpoint,
            "This is the same address as the Audience, your API's identifier, which is not where \
             tokens come from. The token endpoint is your Auth0 domain (for example \
             dev-abc123.us.auth0.com) or its /oauth/token URL.",
            None,
        ));
        return;
    }
    // (An address in the Client ID field has its own hint there.)
    if is_url && aud == input.client_id.trim_matches(is_blank) {
        return;
    }
    let message = if endpoint.is_some_and(|(url, _)| same(aud, url)) {
        Some(
            "This is the token endpoint, not an audience. The audience is your API's identifier \
             (Applications → APIs → your API → Settings tab → Identifier), for example https://quickstarts/api.",
        )
    } else if is_url && (lower.ends_with("/oauth/token") || lower.ends_with("/token")) {
        Some(
            "This looks like a token endpoint, not an audience. The audience is your API's \
             identifier (Applications → APIs → your API → Settings tab → Identifier).",
        )
    } else if is_url && lower.trim_end_matches('/').ends_with("/userinfo") {
        Some(
            "This is Auth0's /userinfo address, the audience of tokens for signed-in users. For \
             this exercise, use the identifier of the API you created in the Getting Started \
             exercise.",
        )
    } else if is_url && lower.contains(".auth0.com/api/v2") {
        Some(
            "This is the Auth0 Management API. For this exercise, use the identifier of the API \
             you created in the Getting Started exercise.",
        )
    } else if endpoint.is_some_and(|(_, issuer)| same(aud, issuer))
        || issuer_host.is_some_and(|h| !h.is_empty() && lower.trim_end_matches('/') == h)
    {
        Some(
            "This is your tenant's address (the issuer), not an API identifier. The audience is \
             your API's Identifier, on its Settings tab.",
        )
    } else if aud == input.client_id.trim_matches(is_blank) {
        Some("This is the client ID. The audience is your API's Identifier, on its Settings tab.")
    } else {
        None
    };
    if let Some(m) = message {
        out.push(hint(Field::Audience, m, None));
    }
}

/// Scope syntax, RFC 6749 §3.3: scope tokens separated by single spaces, each made of printable
/// ASCII without `"` and `\`.
/// Entra ID takes the API from `scope=<Application ID URI>/.default` in a client-credentials
/// request; it ignores `audience`.
fn entra_scope_hint(input: &RequestInput, out: &mut Vec<Hint>) {
    let scope = input.scope.trim_matches(is_blank);
    if scope
        .split_ascii_whitespace()
        .any(|s| s.ends_with("/.default"))
    {
        return;
    }
    let audience = input.audience.trim_matches(is_blank).trim_end_matches('/');
    let base = if scope.is_empty() {
        audience.strip_suffix("/.default").unwrap_or(audience)
    } else {
        // `api://x/Files.Read` names a permission of `api://x`: the resource is what precedes it.
        let scope = scope.trim_end_matches('/');
        match scope.rsplit_once('/') {
            Some((resource, permission))
                if permission.contains('.')
                    && resource.contains("://")
                    && !resource.ends_with('/') =>
            {
                resource
            }
            _ => scope,
        }
    };
    // A bare permission name (`User.Read`) names no API: the audience may.
    let names_api = |s: &str| s.contains("://") || is_guid(s);
    let base = if names_api(base) {
        base
    } else {
        audience.strip_suffix("/.default").unwrap_or(audience)
    };
    let fix = (names_api(base) && !base.contains(char::is_whitespace))
        .then(|| format!("{base}/.default"));
    out.push(hint(
        Field::Scope,
        "Microsoft Entra ID needs the scope to be your API's Application ID URI followed by \
         /.default (for example api://<application ID>/.default) in this flow; it does not read \
         the audience.",
        fix,
    ));
}

/// Scopes for signing users in (OpenID Connect), which an application acting for itself never
/// gets.
const USER_SCOPES: [&str; 5] = ["openid", "profile", "email", "offline_access", "address"];

fn scope_hints(scope: &str, provider: Option<Provider>, out: &mut Vec<Hint>) {
    let trimmed = scope.trim_matches(is_blank);
    if trimmed.is_empty() {
        return;
    }
    // A row (or rows) of the Permissions table: the permission, a tab, its description.
    let rows: Vec<(&str, &str)> = trimmed.lines().filter_map(|l| l.split_once('\t')).collect();
    if rows.len() == trimmed.lines().count() && rows.iter().any(|(_, rest)| rest.contains(' ')) {
        let fixed = rows
            .iter()
            .map(|(name, _)| name.trim_matches(is_blank))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        out.push(hint(
            Field::Scope,
            "This looks like a row of the API's Permissions table, with the description after the \
             permission. Only the permission's name goes here.",
            Some(fixed),
        ));
        return;
    }
    // An API's identifier in Scope (Auth0 takes the API from the audience; Entra's
    // `…/.default` is a scope of its own).
    if provider == Some(Provider::Auth0)
        && trimmed.split(is_blank).any(|s| {
            let l = s.to_ascii_lowercase();
            (l.starts_with("https://") || l.starts_with("http://")) && !l.ends_with("/.default")
        })
    {
        out.push(hint(
            Field::Scope,
            "This is an address, like an API's identifier, which goes in the Audience field. \
             Scope lists permissions, such as read:messages, or stays empty for all the \
             application was granted.",
            None,
        ));
        return;
    }
    let user_scopes: Vec<&str> = trimmed
        .split(is_blank)
        .filter(|s| USER_SCOPES.contains(s))
        .collect();
    if !user_scopes.is_empty() && matches!(provider, Some(Provider::Auth0) | Some(Provider::Okta)) {
        let rest = trimmed
            .split(is_blank)
            .filter(|s| !s.is_empty() && !USER_SCOPES.contains(s))
            .collect::<Vec<_>>()
            .join(" ");
        let (is, it) = if user_scopes.len() == 1 {
            ("is", "it")
        } else {
            ("are", "them")
        };
        out.push(hint(
            Field::Scope,
            format!(
                "{} {is} for signing users in: an application acting for itself never gets {it}, \
                 and the server refuses a client credentials request that asks for {it}. Leave \
                 {it} out.",
                user_scopes.join(", "),
            ),
            Some(rest),
        ));
    }
    if trimmed.contains(',') {
        let fixed = trimmed
            .split(|c: char| c == ',' || is_blank(c))
            .map(|s| s.trim_matches(|c: char| matches!(c, '[' | ']') || QUOTE_CHARS.contains(&c)))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        out.push(hint(
            Field::Scope,
            "Scopes are separated by spaces, not commas (RFC 6749 §3.3).",
            Some(fixed),
        ));
    } else if trimmed.chars().any(|c| is_blank(c) && c != ' ') || trimmed.contains("  ") {
        let fixed = trimmed
            .split(is_blank)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        out.push(hint(
            Field::Scope,
            "Scopes are separated by single spaces (RFC 6749 §3.3); this has other blank space \
             between them.",
            Some(fixed),
        ));
    }
    if !trimmed.contains(',') && (trimmed.contains(['+', ';']) || trimmed.contains("%20")) {
        let fixed = trimmed
            .replace("%20", " ")
            .split(|c: char| c == '+' || c == ';' || is_blank(c))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        out.push(hint(
            Field::Scope,
            "If these are separate scopes, separate them with spaces (RFC 6749 §3.3): a `+` or \
             `%20` is how a space looks inside an encoded request, and the command encodes spaces \
             itself.",
            Some(fixed),
        ));
    }
    if trimmed.contains(['"', '\\']) {
        out.push(hint(
            Field::Scope,
            "A scope cannot contain \" or \\ (RFC 6749 §3.3). Check the scope names on your \
             API's Permissions tab.",
            None,
        ));
    }
}
