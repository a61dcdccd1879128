//! Choosing the signing key from a JSON Web Key Set (RFC 7517) and preparing what WebCrypto
//! verifies; reading the issuer's discovery document (RFC 8414, OpenID Connect Discovery 1.0).
//!
//! Nothing here touches the network or the browser: the browser layer fetches (or the learner
//! pastes) the texts, this module decides which key may check which token and how, and the
//! browser layer hands the result to `crypto.subtle.importKey("jwk", …)` and `verify(…)`.
//!
//! Security rules, and where they come from:
//! * the algorithm comes from an allowlist, never from the token alone, and `alg: none` is never
//!   accepted (RFC 8725 §3.1, §2.1);
//! * an HMAC (`HS*`) token cannot be checked with published keys, and from an issuer that publishes
//!   RSA or EC keys it is the mark of a key-confusion attack (RFC 8725 §2.1, §3.1);
//! * the key is chosen by `kid` among signing keys only (RFC 7517 §4.2 `use`, §4.3 `key_ops`,
//!   §4.5 `kid`), its type must fit the algorithm (RFC 7518 §3.3–§3.5) and its own `alg`, when
//!   present, must be the token's (RFC 7517 §4.4);
//! * the token header's `jku`, `x5u`, `jwk` and `x5c` are never used: they would let the token
//!   name its own key (RFC 8725 §3.10). [`SignatureInput`] does not even carry them;
//! * WebCrypto gets a clean JWK (`kty,n,e` or `kty,crv,x,y`), because a JWK whose `alg`, `use` or
//!   `key_ops` disagree with the import is refused by the browser.

use super::facts::is_hidden;
use super::report::SignatureInput;
use super::rule::fill;
use serde_json::{Map, Value};

/// The largest key set accepted, in bytes. Real ones are a few KiB (Auth0: 2 keys, about 3 KiB;
/// Entra: about 10 keys with certificates, under 20 KiB); a bigger text is not a key set and would
/// only make the page slow.
pub const MAX_JWKS_BYTES: usize = 256 * 1024;

/// The most keys accepted in one set. Providers publish a handful; more is not a real JWKS.
pub const MAX_KEYS: usize = 100;

/// The largest discovery document accepted, in bytes. Real ones are 1–10 KiB.
pub const MAX_DISCOVERY_BYTES: usize = 128 * 1024;

/// Longest piece of pasted or fetched text quoted back in a message, in characters.
const SHOWN_CHARS: usize = 80;

/// How many key ids a message lists before saying "and N more".
const SHOWN_KIDS: usize = 10;

// ---------------------------------------------------------------------------------------------
// Algorithms
// ---------------------------------------------------------------------------------------------

/// The signature algorithms this widget verifies: the RFC 7518 §3.1 asymmetric ones that
/// WebCrypto implements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    Rs256,
    Rs384,
    Rs512,
    Ps256,
    Ps384,
    Ps512,
    Es256,
    Es384,
    Es512,
}

/// The elliptic curves of RFC 7518 §6.2.1.1 that WebCrypto implements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Curve {
    P256,
    P384,
    P521,
}

impl Curve {
    /// The JWK `crv` name, which is also WebCrypto's `namedCurve`.
    pub fn name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
        }
    }

    fn from_name(name: &str) -> Option<Curve> {
        match name {
            "P-256" => Some(Curve::P256),
            "P-384" => Some(Curve::P384),
            "P-521" => Some(Curve::P521),
            _ => None,
        }
    }

    /// Length of one coordinate (`x`, `y`) and of one half of a signature (`r`, `s`) in bytes:
    /// RFC 7518 §6.2.1.2 requires the full length, leading zeros included.
    fn coordinate_bytes(self) -> usize {
        match self {
            Curve::P256 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }
}

/// Everything WebCrypto needs to import the key and verify with it:
/// `importKey("jwk", clean_jwk, {name, hash, namedCurve}, false, ["verify"])`, then
/// `verify({name, hash, saltLength}, key, signature, signing_input)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WebCryptoImport {
    /// `"RSASSA-PKCS1-v1_5"`, `"RSA-PSS"` or `"ECDSA"`.
    pub name: &'static str,
    /// `"SHA-256"`, `"SHA-384"` or `"SHA-512"` (for ECDSA it goes into the `verify` parameters).
    pub hash: &'static str,
    /// For ECDSA: `"P-256"`, `"P-384"` or `"P-521"`.
    pub named_curve: Option<&'static str>,
    /// For RSA-PSS: the salt length in bytes, equal to the hash length (RFC 7518 §3.5).
    pub salt_length: Option<u32>,
}

impl Algorithm {
    /// Every allowed algorithm.
    pub const ALL: [Algorithm; 9] = [
        Algorithm::Rs256,
        Algorithm::Rs384,
        Algorithm::Rs512,
        Algorithm::Ps256,
        Algorithm::Ps384,
        Algorithm::Ps512,
        Algorithm::Es256,
        Algorithm::Es384,
        Algorithm::Es512,
    ];

    /// The JWS `alg` name (RFC 7518 §3.1).
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Rs256 => "RS256",
            Algorithm::Rs384 => "RS384",
            Algorithm::Rs512 => "RS512",
            Algorithm::Ps256 => "PS256",
            Algorithm::Ps384 => "PS384",
            Algorithm::Ps512 => "PS512",
            Algorithm::Es256 => "ES256",
            Algorithm::Es384 => "ES384",
            Algorithm::Es512 => "ES512",
        }
    }

    /// The allowed algorithm with exactly this name. Names are case-sensitive (RFC 7515 §4.1.1).
    pub fn from_name(name: &str) -> Option<Algorithm> {
        Algorithm::ALL.into_iter().find(|a| a.name() == name)
    }

    /// The key type the algorithm needs (RFC 7518 §6.1).
    pub fn kty(self) -> &'static str {
        match self.curve() {
            Some(_) => "EC",
            None => "RSA",
        }
    }

    /// For ECDSA, the one curve the algorithm is defined with (RFC 7518 §3.4).
    pub fn curve(self) -> Option<Curve> {
        match self {
            Algorithm::Es256 => Some(Curve::P256),
            Algorithm::Es384 => Some(Curve::P384),
            Algorithm::Es512 => Some(Curve::P521),
            _ => None,
        }
    }

    fn hash(self) -> (&'static str, u32) {
        match self {
            Algorithm::Rs256 | Algorithm::Ps256 | Algorithm::Es256 => ("SHA-256", 32),
            Algorithm::Rs384 | Algorithm::Ps384 | Algorithm::Es384 => ("SHA-384", 48),
            Algorithm::Rs512 | Algorithm::Ps512 | Algorithm::Es512 => ("SHA-512", 64),
        }
    }

    /// How WebCrypto imports a key for this algorithm and verifies with it.
    pub fn import(self) -> WebCryptoImport {
        let (hash, hash_len) = self.hash();
        match self {
            Algorithm::Rs256 | Algorithm::Rs384 | Algorithm::Rs512 => WebCryptoImport {
                name: "RSASSA-PKCS1-v1_5",
                hash,
                named_curve: None,
                salt_length: None,
            },
            Algorithm::Ps256 | Algorithm::Ps384 | Algorithm::Ps512 => WebCryptoImport {
                name: "RSA-PSS",
                hash,
                named_curve: None,
                salt_length: Some(hash_len),
            },
            Algorithm::Es256 | Algorithm::Es384 | Algorithm::Es512 => WebCryptoImport {
                name: "ECDSA",
                hash,
                named_curve: self.curve().map(Curve::name),
                salt_length: None,
            },
        }
    }

    /// For ECDSA, the exact signature length in bytes: `r || s`, each the curve's length
    /// (RFC 7518 §3.4). That is already the format WebCrypto verifies.
    pub fn ecdsa_signature_len(self) -> Option<usize> {
        self.curve().map(|c| 2 * c.coordinate_bytes())
    }
}

/// Checks the token's `alg` against the allowlist, before any key is looked at: `none` and the
/// HMAC algorithms are refused, anything else not in [`Algorithm::ALL`] is not supported.
///
/// `none` is matched without regard to case, because `None` and `NONE` are known attempts to slip
/// past filters (RFC 8725 §2.1, §3.1). An HMAC token is reported without knowing the keys; use
/// [`choose_key`] to say whether the issuer publishes public keys.
pub fn allowed_algorithm(alg: &str) -> Result<Algorithm, KeyProblem> {
    if let Some(a) = Algorithm::from_name(alg) {
        return Ok(a);
    }
    if alg.eq_ignore_ascii_case("none") {
        return Err(KeyProblem::AlgNone { alg: shown(alg) });
    }
    if matches!(alg, "HS256" | "HS384" | "HS512") {
        return Err(KeyProblem::Hmac {
            alg: alg.to_string(),
            issuer_publishes_public_keys: false,
        });
    }
    Err(KeyProblem::UnsupportedAlg { alg: shown(alg) })
}

// ---------------------------------------------------------------------------------------------
// Key sets
// ---------------------------------------------------------------------------------------------

/// The public part of one usable key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyMaterial {
    /// RFC 7518 §6.3.1: modulus and exponent, base64url; `bits` is the modulus length.
    Rsa { n: String, e: String, bits: u32 },
    /// RFC 7518 §6.2.1: curve and point, base64url.
    Ec { curve: Curve, x: String, y: String },
}

/// A key whose shape WebCrypto can import. It may still be unfit for a given token (an
/// encryption key, another type); [`choose_key`] decides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Jwk {
    /// 1-based position in the set, to point at it in messages.
    pub position: usize,
    pub kid: Option<String>,
    /// The `use` member (RFC 7517 §4.2): `"sig"`, `"enc"`, or absent.
    pub key_use: Option<String>,
    /// The `key_ops` member (RFC 7517 §4.3), when present.
    pub key_ops: Option<Vec<String>>,
    /// The `alg` member (RFC 7517 §4.4), when present.
    pub alg: Option<String>,
    pub material: KeyMaterial,
}

impl Jwk {
    /// The JWK `kty`.
    pub fn kty(&self) -> &'static str {
        match self.material {
            KeyMaterial::Rsa { .. } => "RSA",
            KeyMaterial::Ec { .. } => "EC",
        }
    }

    /// True when the key may verify signatures: `use` absent or `"sig"` (RFC 7517 §4.2), and
    /// `key_ops`, when present, lists `"verify"` (RFC 7517 §4.3). Keycloak, for one, publishes
    /// an encryption key in the same set, sometimes first.
    pub fn is_for_signing(&self) -> bool {
        let use_ok = matches!(self.key_use.as_deref(), None | Some("sig"));
        let ops_ok = self
            .key_ops
            .as_ref()
            .is_none_or(|ops| ops.iter().any(|o| o == "verify"));
        use_ok && ops_ok
    }

    /// True when the key's type (and curve) fit the algorithm (RFC 7518 §3.3–§3.5).
    pub fn fits(&self, alg: Algorithm) -> bool {
        match (&self.material, alg.curve()) {
            (KeyMaterial::Rsa { .. }, None) => true,
            (KeyMaterial::Ec { curve, .. }, Some(c)) => *curve == c,
            _ => false,
        }
    }

    /// The key as compact JSON with only the public members WebCrypto needs: `kty,n,e` or
    /// `kty,crv,x,y`. Everything else (`alg`, `use`, `key_ops`, `x5c`, …) is dropped, because the
    /// browser refuses a JWK whose members disagree with the import.
    pub fn clean_jwk(&self) -> String {
        let mut m = Map::new();
        m.insert("kty".into(), Value::from(self.kty()));
        match &self.material {
            KeyMaterial::Rsa { n, e, .. } => {
                m.insert("n".into(), Value::from(n.as_str()));
                m.insert("e".into(), Value::from(e.as_str()));
            }
            KeyMaterial::Ec { curve, x, y } => {
                m.insert("crv".into(), Value::from(curve.name()));
                m.insert("x".into(), Value::from(x.as_str()));
                m.insert("y".into(), Value::from(y.as_str()));
            }
        }
        Value::Object(m).to_string()
    }

    /// How the key is named in messages: its `kid`, or its position when it has none.
    pub fn label(&self) -> String {
        key_label(self.kid.as_deref(), self.position)
    }

    fn describe(&self) -> String {
        let what = match &self.material {
            KeyMaterial::Rsa { bits, .. } => format!("an RSA key of {bits} bits"),
            KeyMaterial::Ec { curve, .. } => format!("an EC key on {}", curve.name()),
        };
        let mut s = format!("{} is {what}", self.label());
        if let Some(alg) = &self.alg {
            s.push_str(&format!(" for {}", shown(alg)));
        }
        if !self.is_for_signing() {
            s.push_str(" (not for signatures)");
        }
        s
    }
}

/// Why one entry of a key set cannot be used. The rest of the set still can.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RejectReason {
    /// No `kty` member, or not a string (RFC 7517 §4.1).
    MissingKty,
    /// A key type WebCrypto verification here does not cover (`OKP`, …).
    UnsupportedKty { kty: String },
    /// `kty: "oct"`: a symmetric secret. It has no public part and must never be published.
    SymmetricKey,
    /// Private members (`d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`, `k`): RFC 7517 §9.2, RFC 7518 §6.
    PrivateKey { members: Vec<&'static str> },
    /// A member the key type requires is missing (RFC 7518 §6.2.1, §6.3.1).
    MissingMember { member: &'static str },
    /// A member has the wrong JSON type (`kid` a number, `key_ops` not a list, …).
    WrongMemberType {
        member: &'static str,
        expected: &'static str,
    },
    /// A member that must be base64url (RFC 7518 §6) is not.
    NotBase64url { member: &'static str },
    /// An RSA `n` or `e` that encodes the number zero.
    ZeroNumber { member: &'static str },
    /// An EC curve WebCrypto does not implement.
    UnsupportedCurve { crv: String },
    /// An EC coordinate of the wrong length (RFC 7518 §6.2.1.2 wants the full length).
    CoordinateLength {
        member: &'static str,
        expected: usize,
        found: usize,
    },
}

impl RejectReason {
    /// A plain-text explanation for the learner.
    pub fn message(&self) -> String {
        match self {
            RejectReason::MissingKty => {
                "it has no \"kty\" (key type) member, so it is not a JSON Web Key (RFC 7517 §4.1)."
                    .into()
            }
            RejectReason::UnsupportedKty { kty } => format!(
                "its key type \"{}\" is not one this widget checks (it checks RSA and EC keys).",
                shown(kty)
            ),
            RejectReason::SymmetricKey => {
                                "it is a symmetric secret (\"kty\": \"oct\"). \
                 A secret key has no public part: it should never be published or pasted anywhere; if it is real, rotate it."
                    .into()
            }
            RejectReason::PrivateKey { members } => format!(
                                "it contains private-key members ({}). \
                 A private key should never be pasted or published: anyone who has it can sign tokens. \
                 Paste only the public key set, and if this key is real, replace it.",
                members.join(", ")
            ),
            RejectReason::MissingMember { member } => {
                format!("it has no \"{member}\" member, which its key type requires.")
            }
            RejectReason::WrongMemberType { member, expected } => {
                format!("its \"{member}\" member should be {expected}.")
            }
            RejectReason::NotBase64url { member } => format!(
                "its \"{member}\" member is not base64url text (letters, digits, - and _ only)."
            ),
            RejectReason::ZeroNumber { member } => {
                format!("its \"{member}\" member encodes the number zero, which no real key has.")
            }
            RejectReason::UnsupportedCurve { crv } => format!(
                "its curve \"{}\" is not one WebCrypto checks (P-256, P-384, P-521).",
                shown(crv)
            ),
            RejectReason::CoordinateLength {
                member,
                expected,
                found,
            } => format!(
                                "its \"{member}\" coordinate is {found} characters long, but its curve needs exactly {expected}."
            ),
        }
    }
}

/// An entry of the set that was set aside, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RejectedKey {
    /// 1-based position in the set.
    pub position: usize,
    /// Its `kid`, when it had one as a string.
    pub kid: Option<String>,
    pub reason: RejectReason,
}

impl RejectedKey {
    /// One sentence: which key and why it was set aside.
    pub fn message(&self) -> String {
        format!(
            "{} was set aside: {}",
            key_label(self.kid.as_deref(), self.position),
            self.reason.message()
        )
    }
}

/// A parsed key set: the keys of a usable shape, in their order, and the entries set aside.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeySet {
    pub keys: Vec<Jwk>,
    pub rejected: Vec<RejectedKey>,
    /// True when the text was one JWK rather than a `{"keys": [...]}` set.
    pub single_key: bool,
}

impl KeySet {
    /// True when an entry held private-key material: the UI should warn loudly.
    pub fn has_private_key(&self) -> bool {
        self.rejected.iter().any(|r| {
            matches!(
                r.reason,
                RejectReason::PrivateKey { .. } | RejectReason::SymmetricKey
            )
        })
    }

    /// True when the set publishes at least one RSA or EC key.
    pub fn has_public_keys(&self) -> bool {
        !self.keys.is_empty()
    }

    /// The `kid`s of the signing keys, in order (the ones a token may name).
    pub fn signing_kids(&self) -> Vec<String> {
        self.keys
            .iter()
            .filter(|k| k.is_for_signing())
            .filter_map(|k| k.kid.clone())
            .collect()
    }
}

/// Why a text is not a key set at all. [`KeySetProblem::message`] explains it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeySetProblem {
    /// Nothing but whitespace.
    Empty,
    /// Over [`MAX_JWKS_BYTES`].
    TooLarge { bytes: usize },
    /// It starts with `<`: an HTML page (a login page, a 404 page, a proxy's error).
    Html,
    /// Not valid JSON.
    NotJson(JsonSyntax),
    /// Valid JSON, but not an object (`found` names what it is).
    NotObject { found: &'static str },
    /// An object that is neither a JWKS nor a JWK.
    NoKeys,
    /// The discovery document was given instead of the key set it points to.
    DiscoveryDocument { jwks_uri: Option<String> },
    /// `keys` is there but is not an array.
    KeysNotArray { found: &'static str },
    /// `keys` is an empty array.
    EmptyKeys,
    /// More than [`MAX_KEYS`] entries.
    TooManyKeys { count: usize },
    /// An entry of `keys` is not an object (1-based position).
    EntryNotObject {
        position: usize,
        found: &'static str,
    },
}

impl KeySetProblem {
    /// A plain-text explanation for the learner.
    pub fn message(&self) -> String {
        match self {
            KeySetProblem::Empty => "The key set is empty: there is nothing to read.".into(),
            KeySetProblem::TooLarge { bytes } => format!(
                                "The key set is at least {} KiB; a real one is a few KiB, and this widget reads at most {} KiB. \
                 This is probably not a JSON Web Key Set.",
                bytes.div_ceil(1024),
                MAX_JWKS_BYTES / 1024
            ),
                        KeySetProblem::Html => "This is an HTML page, not a JSON Web Key Set: the address probably answers with an error or login page. \
                 Keys look like {\"keys\": [{\"kty\": \"RSA\", \"kid\": \"…\", \"n\": \"…\", \"e\": \"AQAB\"}]}."
                .into(),
            KeySetProblem::NotJson(syntax) => format!("The key set is not valid JSON: {syntax}"),
            KeySetProblem::NotObject { found } => format!(
                                "The key set should be a JSON object, {{\"keys\": [ … ]}}, but this is {found}. \
                 If you copied only the list of keys, copy the whole document."
            ),
                        KeySetProblem::NoKeys => "This JSON object has no \"keys\" member and is not a single key (it has no \"kty\"). \
                 A JSON Web Key Set looks like {\"keys\": [ … ]} (RFC 7517 §5)."
                .into(),
            KeySetProblem::DiscoveryDocument { jwks_uri } => match jwks_uri {
                Some(uri) => format!(
                                        "This is the discovery document, not the key set. \
                     The keys are at the address in its \"jwks_uri\": {}",
                    shown(uri)
                ),
                                None => "This is a discovery document, not a key set, and it names no \"jwks_uri\" where the keys would be."
                    .into(),
            },
            KeySetProblem::KeysNotArray { found } => format!(
                "The \"keys\" member should be a list of keys ([ … ]), but it is {found} \
                 (RFC 7517 §5.1)."
            ),
                        KeySetProblem::EmptyKeys => "The key set lists no keys (\"keys\": []), so no signature can be checked with it."
                .into(),
            KeySetProblem::TooManyKeys { count } => format!(
                                "The key set lists {count} keys; real ones list a handful and this widget reads at most {MAX_KEYS}. \
                 This is probably not your issuer's key set."
            ),
            KeySetProblem::EntryNotObject { position, found } => format!(
                                "Entry {position} of \"keys\" is {found}, but every key must be a JSON object {{\"kty\": …}} (RFC 7517 §5.1)."
            ),
        }
    }
}

/// Where and why a text is not valid JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonSyntax {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// The character found there, when there is one.
    pub found: Option<char>,
    /// True when the text ends before the JSON does (cut off while copying).
    pub ended_early: bool,
}

impl core::fmt::Display for JsonSyntax {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if self.ended_early {
            return write!(
                f,
                "it ends before the JSON is complete (line {}, column {}). \
                 Was part of it cut off while copying?",
                self.line, self.column
            );
        }
        write!(
            f,
            "something unexpected at line {}, column {}",
            self.line, self.column
        )?;
        match self.found {
            Some(c) if c.is_control() || c.is_whitespace() || is_hidden(c) => {
                write!(f, " (the invisible character U+{:04X}).", u32::from(c))
            }
            Some(c) => write!(f, " (the character {c})."),
            None => write!(f, "."),
        }
    }
}

/// What a text starts as, before JSON parsing: empty, HTML, or something to parse.
enum Lead<'a> {
    Empty,
    Html,
    Text(&'a str),
}

fn lead(text: &str) -> Lead<'_> {
    let t = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if t.is_empty() {
        Lead::Empty
    } else if t.starts_with('<') {
        Lead::Html
    } else {
        Lead::Text(t)
    }
}

fn parse_json(text: &str) -> Result<Value, JsonSyntax> {
    crate::core::value::parse(text).map_err(|e| {
        let line = e.line();
        let byte_col = e.column();
        let line_text = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
        // serde_json counts bytes and points at the last byte it read; find that character.
        let mut column = byte_col;
        let mut found = None;
        if byte_col > 0 {
            let mut last = None;
            for (i, (start, c)) in line_text.char_indices().enumerate() {
                if start >= byte_col {
                    break;
                }
                last = Some((i + 1, c));
            }
            if let Some((col, c)) = last {
                column = col;
                found = Some(c);
            }
        }
        JsonSyntax {
            line,
            column,
            found,
            ended_early: e.is_eof(),
        }
    })
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Reads a JSON Web Key Set (RFC 7517 §5) — or a single JWK (RFC 7517 §4), which is what the
/// paste-the-keys fallback often gets. Surrounding whitespace is ignored.
///
/// The whole text is refused only when it is not a key set at all; an entry of an unusable
/// shape (a wrong `kty`, a missing member, private-key material) is kept in
/// [`KeySet::rejected`] with its reason, since a set commonly mixes key kinds and one odd key
/// must not hide the good ones.
pub fn parse_key_set(text: &str) -> Result<KeySet, KeySetProblem> {
    if text.len() > MAX_JWKS_BYTES {
        return Err(KeySetProblem::TooLarge { bytes: text.len() });
    }
    let t = match lead(text) {
        Lead::Empty => return Err(KeySetProblem::Empty),
        Lead::Html => return Err(KeySetProblem::Html),
        Lead::Text(t) => t,
    };
    let value = parse_json(t).map_err(KeySetProblem::NotJson)?;
    let Value::Object(obj) = value else {
        return Err(KeySetProblem::NotObject {
            found: json_kind(&value),
        });
    };
    let mut set = KeySet::default();
    match obj.get("keys") {
        Some(Value::Array(entries)) => {
            if entries.is_empty() {
                return Err(KeySetProblem::EmptyKeys);
            }
            if entries.len() > MAX_KEYS {
                return Err(KeySetProblem::TooManyKeys {
                    count: entries.len(),
                });
            }
            for (i, entry) in entries.iter().enumerate() {
                let Value::Object(key) = entry else {
                    return Err(KeySetProblem::EntryNotObject {
                        position: i + 1,
                        found: json_kind(entry),
                    });
                };
                set.add(i + 1, key);
            }
        }
        Some(other) => {
            return Err(KeySetProblem::KeysNotArray {
                found: json_kind(other),
            })
        }
        None if obj.contains_key("kty") => {
            set.single_key = true;
            set.add(1, &obj);
        }
        None if obj.contains_key("jwks_uri") || obj.contains_key("issuer") => {
            return Err(KeySetProblem::DiscoveryDocument {
                jwks_uri: obj
                    .get("jwks_uri")
                    .and_then(Value::as_str)
                    .map(str::to_string),
            })
        }
        None => return Err(KeySetProblem::NoKeys),
    }
    Ok(set)
}

impl KeySet {
    fn add(&mut self, position: usize, key: &Map<String, Value>) {
        let kid = key.get("kid").and_then(Value::as_str).map(str::to_string);
        match read_key(position, key) {
            Ok(jwk) => self.keys.push(jwk),
            Err(reason) => self.rejected.push(RejectedKey {
                position,
                kid,
                reason,
            }),
        }
    }
}

/// Private members of RSA (RFC 7518 §6.3.2), EC (§6.2.2) and symmetric (§6.4.1) keys.
const PRIVATE_MEMBERS: [&str; 8] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

fn read_key(position: usize, key: &Map<String, Value>) -> Result<Jwk, RejectReason> {
    let private: Vec<&'static str> = PRIVATE_MEMBERS
        .into_iter()
        .filter(|m| key.contains_key(*m))
        .collect();
    let kty = match key.get("kty") {
        Some(Value::String(k)) => k.as_str(),
        _ => return Err(RejectReason::MissingKty),
    };
    if kty == "oct" {
        return Err(RejectReason::SymmetricKey);
    }
    if !private.is_empty() {
        return Err(RejectReason::PrivateKey { members: private });
    }
    let kid = optional_string(key, "kid")?;
    let key_use = optional_string(key, "use")?;
    let alg = optional_string(key, "alg")?;
    let key_ops = match key.get("key_ops") {
        None | Some(Value::Null) => None,
        Some(Value::Array(ops)) => {
            let mut out = Vec::with_capacity(ops.len());
            for op in ops {
                match op {
                    Value::String(s) => out.push(s.clone()),
                    _ => {
                        return Err(RejectReason::WrongMemberType {
                            member: "key_ops",
                            expected: "a list of strings",
                        })
                    }
                }
            }
            Some(out)
        }
        Some(_) => {
            return Err(RejectReason::WrongMemberType {
                member: "key_ops",
                expected: "a list of strings",
            })
        }
    };
    let material = match kty {
        "RSA" => {
            let n = base64url_member(key, "n")?;
            let e = base64url_member(key, "e")?;
            let bits = bit_length(n);
            if bits == 0 {
                return Err(RejectReason::ZeroNumber { member: "n" });
            }
            if bit_length(e) == 0 {
                return Err(RejectReason::ZeroNumber { member: "e" });
            }
            KeyMaterial::Rsa {
                n: n.to_string(),
                e: e.to_string(),
                bits,
            }
        }
        "EC" => {
            let crv = match key.get("crv") {
                None | Some(Value::Null) => {
                    return Err(RejectReason::MissingMember { member: "crv" })
                }
                Some(Value::String(c)) => c.as_str(),
                Some(_) => {
                    return Err(RejectReason::WrongMemberType {
                        member: "crv",
                        expected: "a string",
                    })
                }
            };
            let curve = Curve::from_name(crv).ok_or_else(|| RejectReason::UnsupportedCurve {
                crv: crv.to_string(),
            })?;
            let x = base64url_member(key, "x")?;
            let y = base64url_member(key, "y")?;
            let expected = base64url_len(curve.coordinate_bytes());
            for (member, v) in [("x", x), ("y", y)] {
                if v.len() != expected {
                    return Err(RejectReason::CoordinateLength {
                        member,
                        expected,
                        found: v.chars().count(),
                    });
                }
            }
            KeyMaterial::Ec {
                curve,
                x: x.to_string(),
                y: y.to_string(),
            }
        }
        other => {
            return Err(RejectReason::UnsupportedKty {
                kty: other.to_string(),
            })
        }
    };
    Ok(Jwk {
        position,
        kid,
        key_use,
        key_ops,
        alg,
        material,
    })
}

fn optional_string(
    key: &Map<String, Value>,
    member: &'static str,
) -> Result<Option<String>, RejectReason> {
    match key.get(member) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(RejectReason::WrongMemberType {
            member,
            expected: "a string",
        }),
    }
}

fn base64url_member<'a>(
    key: &'a Map<String, Value>,
    member: &'static str,
) -> Result<&'a str, RejectReason> {
    match key.get(member) {
        None | Some(Value::Null) => Err(RejectReason::MissingMember { member }),
        Some(Value::String(s)) if is_base64url(s) => Ok(s.as_str()),
        Some(Value::String(_)) => Err(RejectReason::NotBase64url { member }),
        Some(_) => Err(RejectReason::WrongMemberType {
            member,
            expected: "a base64url string",
        }),
    }
}

/// base64url without padding (RFC 7515 §2, RFC 4648 §5): a non-empty run of the 64 characters,
/// of a length that some byte string has (never 4k + 1).
fn is_base64url(s: &str) -> bool {
    !s.is_empty()
        && s.len() % 4 != 1
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn base64url_value(b: u8) -> u32 {
    match b {
        b'A'..=b'Z' => u32::from(b - b'A'),
        b'a'..=b'z' => u32::from(b - b'a') + 26,
        b'0'..=b'9' => u32::from(b - b'0') + 52,
        b'-' => 62,
        _ => 63,
    }
}

/// The number of characters that `bytes` bytes take in base64url without padding.
fn base64url_len(bytes: usize) -> usize {
    (bytes * 4).div_ceil(3)
}

/// The bit length of the big-endian unsigned integer that a base64url text encodes (leading
/// zeros do not count), read from the characters without decoding the rest. 0 for zero.
/// For an RSA modulus this is the key size (RFC 7518 §6.3.1.1).
fn bit_length(s: &str) -> u32 {
    let total_bytes = s.len() * 6 / 8;
    let total_bits = (total_bytes * 8) as u64;
    // Bits past the last full byte are padding; the integer occupies the first `total_bits`.
    let mut seen = 0u64;
    for b in s.bytes() {
        let v = base64url_value(b);
        for shift in (0..6).rev() {
            if seen >= total_bits {
                return 0;
            }
            if (v >> shift) & 1 == 1 {
                return u32::try_from(total_bits - seen).unwrap_or(u32::MAX);
            }
            seen += 1;
        }
    }
    0
}

// ---------------------------------------------------------------------------------------------
// Choosing the key
// ---------------------------------------------------------------------------------------------

/// A key that may have signed the token, prepared for WebCrypto.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChosenKey {
    pub kid: Option<String>,
    /// The token's algorithm, from the allowlist.
    pub alg: String,
    /// Compact JSON with only `kty,n,e` or `kty,crv,x,y`.
    pub clean_jwk: String,
    pub import: WebCryptoImport,
    /// For RSA keys, the modulus length in bits.
    pub rsa_bits: Option<u32>,
    /// Warning-level notes to show with the result (for example, an RSA key under 2048 bits).
    pub notes: Vec<String>,
}

/// The smallest RSA modulus considered strong (RFC 7518 §3.3 requires 2048 bits or more).
pub const MIN_RSA_BITS: u32 = 2048;

impl ChosenKey {
    fn new(key: &Jwk, alg: Algorithm) -> ChosenKey {
        let rsa_bits = match key.material {
            KeyMaterial::Rsa { bits, .. } => Some(bits),
            KeyMaterial::Ec { .. } => None,
        };
        let mut notes = Vec::new();
        if let Some(bits) = rsa_bits.filter(|b| *b < MIN_RSA_BITS) {
            notes.push(format!(
                "The key {} is only {bits} bits long. RFC 7518 §3.3 asks for at least {MIN_RSA_BITS} \
                 bits: shorter RSA keys can be broken, so a real issuer should not use one.",
                key.label()
            ));
        }
        ChosenKey {
            kid: key.kid.clone(),
            alg: alg.name().to_string(),
            clean_jwk: key.clean_jwk(),
            import: alg.import(),
            rsa_bits,
            notes,
        }
    }
}

/// Why no key can check the token. [`KeyProblem::message`] explains it; [`KeyProblem::is_refusal`]
/// tells a refused token apart from a key set that does not fit it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyProblem {
    /// `alg: none` (in any letter case): an unsigned token (RFC 8725 §3.1).
    AlgNone { alg: String },
    /// `HS256`, `HS384`, `HS512`: an HMAC needs the shared secret; a red flag when the issuer
    /// publishes public keys (RFC 8725 §2.1, §3.1).
    Hmac {
        alg: String,
        issuer_publishes_public_keys: bool,
    },
    /// Any other algorithm (or an empty one).
    UnsupportedAlg { alg: String },
    /// The token's signature part is empty.
    EmptySignature,
    /// An ECDSA signature of the wrong length (RFC 7518 §3.4: `r || s`, fixed size).
    SignatureLength {
        alg: &'static str,
        expected: usize,
        found: usize,
    },
    /// No key in the set has the token's `kid`.
    UnknownKid { kid: String, present: Vec<String> },
    /// Keys with this `kid` exist, but none is for signatures (`use: enc`, or no `verify`).
    KidNotForSigning { kid: String },
    /// The key with this `kid` was set aside when the set was read.
    KidUnusable { kid: String, reason: RejectReason },
    /// The key with this `kid` is of another type or curve than the algorithm needs.
    KidWrongType {
        kid: String,
        alg: &'static str,
        key: String,
    },
    /// The key with this `kid` declares another `alg` than the token's (RFC 7517 §4.4).
    KidAlgMismatch {
        kid: String,
        key_alg: String,
        token_alg: &'static str,
    },
    /// The token has no `kid` and no signing key in the set fits its algorithm.
    NoCompatibleKey {
        alg: &'static str,
        keys: Vec<String>,
    },
    /// Every entry of the set was set aside when it was read (a private key pasted, for one):
    /// the messages of [`RejectedKey::message`].
    NoUsableKeys { set_aside: Vec<String> },
}

impl KeyProblem {
    /// True when the token itself is refused (its algorithm), whatever the keys.
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            KeyProblem::AlgNone { .. }
                | KeyProblem::Hmac { .. }
                | KeyProblem::UnsupportedAlg { .. }
                | KeyProblem::EmptySignature
                | KeyProblem::SignatureLength { .. }
        )
    }

    /// A plain-text explanation for the learner.
    pub fn message(&self) -> String {
        match self {
            KeyProblem::AlgNone { alg } => fill(ALG_NONE, &[("alg", alg)]),
            KeyProblem::Hmac {
                alg,
                issuer_publishes_public_keys,
            } => {
                let red_flag = if *issuer_publishes_public_keys {
                    HMAC_PUBLIC_KEYS
                } else {
                    HMAC_USUALLY_PUBLIC
                };
                fill(HMAC, &[("alg", alg), ("red_flag", red_flag)])
            }
            KeyProblem::UnsupportedAlg { alg } if alg.is_empty() => NO_ALG.to_string(),
            KeyProblem::UnsupportedAlg { alg } => {
                let case = Algorithm::ALL
                    .into_iter()
                    .find(|a| a.name().eq_ignore_ascii_case(alg))
                    .map(|a| fill(CASE_SENSITIVE, &[("alg", alg), ("name", a.name())]))
                    .unwrap_or_default();
                fill(UNSUPPORTED_ALG, &[("alg", alg), ("case", &case)])
            }
            KeyProblem::EmptySignature => EMPTY_SIGNATURE.to_string(),
            KeyProblem::SignatureLength {
                alg,
                expected,
                found,
            } => fill(
                SIGNATURE_LENGTH,
                &[
                    ("alg", alg),
                    ("expected", &expected.to_string()),
                    ("found", &found.to_string()),
                ],
            ),
            KeyProblem::UnknownKid { kid, present } => {
                let there = if present.is_empty() {
                    NO_KID_AT_ALL.to_string()
                } else {
                    fill(SIGNING_KEYS_THERE, &[("kids", &list_kids(present))])
                };
                fill(UNKNOWN_KID, &[("kid", &shown(kid)), ("there", &there)])
            }
            KeyProblem::KidNotForSigning { kid } => {
                fill(KID_NOT_FOR_SIGNING, &[("kid", &shown(kid))])
            }
            KeyProblem::KidUnusable { kid, reason } => fill(
                KID_UNUSABLE,
                &[("kid", &shown(kid)), ("reason", &reason.message())],
            ),
            KeyProblem::KidWrongType { kid, alg, key } => fill(
                KID_WRONG_TYPE,
                &[("kid", &shown(kid)), ("alg", alg), ("key", key)],
            ),
            KeyProblem::KidAlgMismatch {
                kid,
                key_alg,
                token_alg,
            } => fill(
                KID_ALG_MISMATCH,
                &[
                    ("kid", &shown(kid)),
                    ("key_alg", &shown(key_alg)),
                    ("token_alg", token_alg),
                ],
            ),
            KeyProblem::NoUsableKeys { set_aside } => no_usable_keys(set_aside),
            KeyProblem::NoCompatibleKey { alg, keys } => {
                let held = if keys.is_empty() {
                    String::new()
                } else {
                    let shown_keys: Vec<&str> =
                        keys.iter().take(SHOWN_KIDS).map(String::as_str).collect();
                    fill(THE_SET_HOLDS, &[("keys", &shown_keys.join("; "))])
                };
                fill(NO_COMPATIBLE_KEY, &[("alg", alg), ("held", &held)])
            }
        }
    }
}

const ALG_NONE: &str = "The token's header says \"alg\": \"{alg}\": it claims to need no signature at all. \
    Such a token proves nothing, since anyone can write one, so it is never accepted (RFC 8725 §3.1). \
    A real access token from your authorization server is signed.";
const HMAC: &str = "The token is signed with {alg}, an HMAC: the same shared secret signs and checks it. \
    Only the issuer and the API hold that secret, so it cannot be checked with published keys (and should never be pasted here).{red_flag}";
const HMAC_PUBLIC_KEYS: &str = " Your issuer publishes RSA or EC public keys, which makes an HMAC token a red flag: it is what a key-confusion attack looks like, where a public key is misused as the HMAC secret (RFC 8725 §2.1).";
const HMAC_USUALLY_PUBLIC: &str = " If your issuer normally signs with public keys (Auth0 uses RS256 by default), an HMAC token is a red flag for a key-confusion attack (RFC 8725 §2.1).";
const NO_ALG: &str = "The token's header has no \"alg\", so there is no way to know how it was signed (RFC 7515 §4.1.1).";
const UNSUPPORTED_ALG: &str =
    "The token is signed with \"{alg}\", which this widget does not check. \
    It checks RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384 and ES512.{case}";
const CASE_SENSITIVE: &str =
    " Algorithm names are case-sensitive (RFC 7515 §4.1.1): \"{alg}\" is not \"{name}\".";
const EMPTY_SIGNATURE: &str = "The token's third part, the signature, is empty: the token is unsigned or its signature was removed, so it proves nothing (RFC 7515 §5.2).";
const SIGNATURE_LENGTH: &str = "An {alg} signature is exactly {expected} bytes (the two numbers r and s side by side, RFC 7518 §3.4), but this one is {found} bytes. \
    The token was damaged, or its signer used another encoding (DER), which JWTs do not allow.";
const UNKNOWN_KID: &str = "The token names the key \"{kid}\" (its \"kid\"), but the key set has no key with that id. \
    {there}Either the keys were rotated since the token was issued (request a new token), or the token comes from another tenant or issuer than these keys.";
const NO_KID_AT_ALL: &str = "The set has no signing key with a \"kid\" at all. ";
const SIGNING_KEYS_THERE: &str = "The signing keys there are: {kids}. ";
const KID_NOT_FOR_SIGNING: &str = "The key \"{kid}\" that the token names is marked for encryption, not signatures (\"use\": \"enc\", or \"key_ops\" without \"verify\", RFC 7517 §4.2–4.3). \
    An issuer signs tokens with its signing keys only, so this token was not signed by this issuer as published.";
const KID_UNUSABLE: &str = "The key \"{kid}\" that the token names cannot be used: {reason}";
const KID_WRONG_TYPE: &str = "The token says it is signed with {alg}, but the key \"{kid}\" it names is {key}, which cannot make {alg} signatures (RFC 7518 §3). \
    The header's algorithm and the issuer's key do not go together: the token was altered, or comes from elsewhere.";
const KID_ALG_MISMATCH: &str = "The key \"{kid}\" is published for {key_alg} only (its \"alg\"), but the token says it is signed with {token_alg}. \
    A key is used with its one algorithm (RFC 7517 §4.4), so the token's header was altered or the token comes from elsewhere.";
const NO_USABLE_KEYS: &str = "None of the keys in the set can be used.";
const MORE_SET_ASIDE: &str = " ({count} more set aside.)";
const NO_COMPATIBLE_KEY: &str = "The token has no \"kid\" and is signed with {alg}, but the key set has no signing key that can check {alg}.{held}";
const THE_SET_HOLDS: &str = " The set holds: {keys}.";

/// [`KeyProblem::NoUsableKeys`]: why each entry was set aside (the first few).
fn no_usable_keys(set_aside: &[String]) -> String {
    let mut s = NO_USABLE_KEYS.to_string();
    for m in set_aside.iter().take(SHOWN_KIDS) {
        s.push(' ');
        s.push_str(m);
    }
    if set_aside.len() > SHOWN_KIDS {
        let more = (set_aside.len() - SHOWN_KIDS).to_string();
        s.push_str(&fill(MORE_SET_ASIDE, &[("count", &more)]));
    }
    s
}

/// Chooses the keys that may have signed the token, in the order to try them (usually one), and
/// prepares each for WebCrypto.
///
/// * The algorithm must pass [`allowed_algorithm`]; the token's own header never decides alone.
/// * With a `kid`, only keys with that exact `kid` are candidates (RFC 7517 §4.5; `kid`s are
///   case-sensitive and may contain `+/=`, as Cognito's do). When no key in the set has any
///   `kid` — a single key pasted by hand — the keys without one are tried instead.
/// * Without a `kid`, every signing key of the right type is a candidate.
/// * A candidate must be a signing key (RFC 7517 §4.2–4.3: not `use: enc`), fit the algorithm
///   (RFC 7518 §3.3–3.5, including the EC curve) and, if it declares an `alg`, declare this one
///   (RFC 7517 §4.4). Entra's keys declare none, which is fine.
pub fn choose_key(input: &SignatureInput, keys: &KeySet) -> Result<Vec<ChosenKey>, KeyProblem> {
    let alg = refusal(input, keys)?;
    if keys.keys.is_empty() {
        let named = input
            .kid
            .as_deref()
            .and_then(|kid| keys.rejected.iter().find(|r| r.kid.as_deref() == Some(kid)));
        return Err(match (named, input.kid.as_deref()) {
            (Some(r), Some(kid)) => KeyProblem::KidUnusable {
                kid: kid.to_string(),
                reason: r.reason.clone(),
            },
            _ => KeyProblem::NoUsableKeys {
                set_aside: keys.rejected.iter().map(RejectedKey::message).collect(),
            },
        });
    }
    let Some(kid) = input.kid.as_deref() else {
        let chosen = usable_keys(keys, alg);
        if chosen.is_empty() {
            return Err(KeyProblem::NoCompatibleKey {
                alg: alg.name(),
                keys: keys.keys.iter().map(Jwk::describe).collect(),
            });
        }
        return Ok(chosen);
    };
    let named: Vec<&Jwk> = keys
        .keys
        .iter()
        .filter(|k| k.kid.as_deref() == Some(kid))
        .collect();
    let chosen: Vec<ChosenKey> = named
        .iter()
        .copied()
        .filter(|k| usable(k, alg))
        .map(|k| ChosenKey::new(k, alg))
        .collect();
    if !chosen.is_empty() {
        return Ok(chosen);
    }
    if let Some(problem) = named_keys_unfit(kid, &named, keys, alg) {
        return Err(problem);
    }
    // A hand-pasted single key often has no `kid`: when no key has one, try those keys.
    let any_kid =
        keys.keys.iter().any(|k| k.kid.is_some()) || keys.rejected.iter().any(|r| r.kid.is_some());
    if !any_kid {
        let chosen = usable_keys(keys, alg);
        if !chosen.is_empty() {
            return Ok(chosen);
        }
    }
    Err(KeyProblem::UnknownKid {
        kid: kid.to_string(),
        present: keys.signing_kids(),
    })
}

/// The token refused whatever the keys — its algorithm (allowlisted, never `none` or HMAC) or
/// its signature's length — or the algorithm to check it with.
fn refusal(input: &SignatureInput, keys: &KeySet) -> Result<Algorithm, KeyProblem> {
    let alg = match allowed_algorithm(&input.alg) {
        Err(KeyProblem::Hmac { alg, .. }) => {
            return Err(KeyProblem::Hmac {
                alg,
                issuer_publishes_public_keys: keys.has_public_keys(),
            })
        }
        other => other?,
    };
    if input.signature.is_empty() {
        return Err(KeyProblem::EmptySignature);
    }
    match alg.ecdsa_signature_len() {
        Some(expected) if input.signature.len() != expected => Err(KeyProblem::SignatureLength {
            alg: alg.name(),
            expected,
            found: input.signature.len(),
        }),
        _ => Ok(alg),
    }
}

/// A signing key of the right type and curve that declares no other algorithm.
fn usable(k: &Jwk, alg: Algorithm) -> bool {
    k.is_for_signing() && k.fits(alg) && k.alg.as_deref().is_none_or(|a| a == alg.name())
}

/// Every usable key of the set, prepared for WebCrypto.
fn usable_keys(keys: &KeySet, alg: Algorithm) -> Vec<ChosenKey> {
    keys.keys
        .iter()
        .filter(|k| usable(k, alg))
        .map(|k| ChosenKey::new(k, alg))
        .collect()
}

/// Why the keys named by the token's `kid` do not fit it, most telling reason first (`None` when
/// no key has that `kid`).
fn named_keys_unfit(
    kid: &str,
    named: &[&Jwk],
    keys: &KeySet,
    alg: Algorithm,
) -> Option<KeyProblem> {
    let signing: Vec<&&Jwk> = named.iter().filter(|k| k.is_for_signing()).collect();
    if let Some(k) = signing.iter().find(|k| !k.fits(alg)) {
        return Some(KeyProblem::KidWrongType {
            kid: kid.to_string(),
            alg: alg.name(),
            key: match &k.material {
                KeyMaterial::Rsa { .. } => "an RSA key".to_string(),
                KeyMaterial::Ec { curve, .. } => format!("an EC key on {}", curve.name()),
            },
        });
    }
    if let Some(key_alg) = signing.iter().find_map(|k| k.alg.as_deref()) {
        return Some(KeyProblem::KidAlgMismatch {
            kid: kid.to_string(),
            key_alg: key_alg.to_string(),
            token_alg: alg.name(),
        });
    }
    if !named.is_empty() {
        return Some(KeyProblem::KidNotForSigning {
            kid: kid.to_string(),
        });
    }
    keys.rejected
        .iter()
        .find(|r| r.kid.as_deref() == Some(kid))
        .map(|r| KeyProblem::KidUnusable {
            kid: kid.to_string(),
            reason: r.reason.clone(),
        })
}

// ---------------------------------------------------------------------------------------------
// Discovery
// ---------------------------------------------------------------------------------------------

/// What the widget needs from the discovery document (RFC 8414 §2, OpenID Connect Discovery 1.0
/// §3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Discovery {
    /// The issuer the document speaks for; the token's `iss` must equal it (RFC 8414 §3.3).
    pub issuer: String,
    /// Where the signing keys are.
    pub jwks_uri: String,
}

/// Why a discovery document cannot be used. [`DiscoveryProblem::message`] explains it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiscoveryProblem {
    Empty,
    /// Over [`MAX_DISCOVERY_BYTES`].
    TooLarge {
        bytes: usize,
    },
    /// An HTML page: usually a 404 or login page served with status 200.
    Html,
    NotJson(JsonSyntax),
    NotObject {
        found: &'static str,
    },
    /// No `issuer`, or not a string.
    MissingIssuer,
    /// No `jwks_uri`, or not a string: the server publishes no signing keys.
    MissingJwksUri,
    /// `jwks_uri` is not an http(s) URL with a host.
    JwksUriInvalid {
        uri: String,
    },
    /// `jwks_uri` uses `http:` on a host other than the learner's own machine.
    JwksUriNotHttps {
        uri: String,
    },
    /// `jwks_uri` is on another host than the endpoint the learner entered.
    JwksUriOtherHost {
        uri: String,
        host: String,
        endpoint_host: String,
    },
}

impl DiscoveryProblem {
    /// A plain-text explanation for the learner.
    pub fn message(&self) -> String {
        match self {
            DiscoveryProblem::Empty => "The discovery document is empty.".into(),
            DiscoveryProblem::TooLarge { bytes } => format!(
                                "The discovery document is at least {} KiB; real ones are a few KiB and this widget reads at most {} KiB.",
                bytes.div_ceil(1024),
                MAX_DISCOVERY_BYTES / 1024
            ),
                        DiscoveryProblem::Html => "The discovery address answered with an HTML page instead of JSON: this server probably has no discovery document at that address."
                .into(),
            DiscoveryProblem::NotJson(syntax) => {
                format!("The discovery document is not valid JSON: {syntax}")
            }
            DiscoveryProblem::NotObject { found } => format!(
                "The discovery document should be a JSON object, but it is {found} (RFC 8414 §3.2)."
            ),
                        DiscoveryProblem::MissingIssuer => "The discovery document has no \"issuer\" string, so it cannot be matched with the token's \"iss\" (RFC 8414 §2)."
                .into(),
                        DiscoveryProblem::MissingJwksUri => "The discovery document has no \"jwks_uri\": this server does not say where its signing keys are (RFC 8414 §2)."
                .into(),
            DiscoveryProblem::JwksUriInvalid { uri } => format!(
                "The discovery document's \"jwks_uri\" is not a web address the widget can fetch: \
                 {}",
                shown(uri)
            ),
            DiscoveryProblem::JwksUriNotHttps { uri } => format!(
                                "The discovery document's \"jwks_uri\" uses plain http: {}. \
                 Keys fetched without https could be swapped on the way, so the widget only fetches https (plain http only from your own machine: localhost, 127.0.0.1, [::1]).",
                shown(uri)
            ),
            DiscoveryProblem::JwksUriOtherHost {
                uri,
                host,
                endpoint_host,
            } => format!(
                                "The discovery document's \"jwks_uri\" is on {}, not on {} where your token endpoint is: {}. \
                 The widget fetches only from the host you entered, so it did not follow it. \
                 You can open that address yourself and paste the keys.",
                shown(host),
                shown(endpoint_host),
                shown(uri)
            ),
        }
    }
}

/// Reads a discovery document and checks its `jwks_uri` can be fetched: https (http only for
/// the learner's own machine), on the same host as the endpoint the learner entered
/// (`endpoint_host`, as [`host_of`] returns it; a full URL is accepted too).
///
/// The widget fetches only from that host so that a document can never send the page to fetch
/// elsewhere; RFC 8414 §3.3 lets the issuer's document be trusted only for that issuer.
pub fn parse_discovery(text: &str, endpoint_host: &str) -> Result<Discovery, DiscoveryProblem> {
    if text.len() > MAX_DISCOVERY_BYTES {
        return Err(DiscoveryProblem::TooLarge { bytes: text.len() });
    }
    let t = match lead(text) {
        Lead::Empty => return Err(DiscoveryProblem::Empty),
        Lead::Html => return Err(DiscoveryProblem::Html),
        Lead::Text(t) => t,
    };
    let value = parse_json(t).map_err(DiscoveryProblem::NotJson)?;
    let Value::Object(obj) = value else {
        return Err(DiscoveryProblem::NotObject {
            found: json_kind(&value),
        });
    };
    let issuer = match obj.get("issuer") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        _ => return Err(DiscoveryProblem::MissingIssuer),
    };
    let jwks_uri = match obj.get("jwks_uri") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        _ => return Err(DiscoveryProblem::MissingJwksUri),
    };
    let Some(url) = HttpUrl::parse(&jwks_uri) else {
        return Err(DiscoveryProblem::JwksUriInvalid { uri: jwks_uri });
    };
    if !url.https && !url.is_loopback() {
        return Err(DiscoveryProblem::JwksUriNotHttps { uri: jwks_uri });
    }
    let endpoint = normalize_host(endpoint_host);
    let host = url.host_port();
    if host != endpoint {
        return Err(DiscoveryProblem::JwksUriOtherHost {
            uri: jwks_uri,
            host,
            endpoint_host: endpoint,
        });
    }
    Ok(Discovery { issuer, jwks_uri })
}

/// True when two issuer identifiers are the same, allowing one trailing slash on either side:
/// Auth0's issuer is `https://<domain>/` while people (and some libraries) write it without the
/// slash. Otherwise the comparison is exact, as RFC 8414 §3.3 and OpenID Connect Discovery §4.3
/// require.
pub fn same_issuer(a: &str, b: &str) -> bool {
    fn strip(s: &str) -> &str {
        s.strip_suffix('/').unwrap_or(s)
    }
    strip(a) == strip(b)
}

/// The host of an http(s) URL, lower-cased, with `:port` when a port other than the scheme's
/// default is given (`https://Example.COM:443/x` → `example.com`, `http://127.0.0.1:3000/` →
/// `127.0.0.1:3000`, `http://[::1]:8080` → `[::1]:8080`). `None` for anything else, including
/// URLs with user names or passwords, which `fetch` refuses anyway.
pub fn host_of(url: &str) -> Option<String> {
    HttpUrl::parse(url).map(|u| u.host_port())
}

/// True when the URL is https, or http on the learner's own machine (`localhost`, `127.0.0.1`,
/// `[::1]`): the only addresses the widget fetches from.
pub fn is_fetchable(url: &str) -> bool {
    HttpUrl::parse(url).is_some_and(|u| u.https || u.is_loopback())
}

/// True when `url` is on the host (and port) `endpoint_host` — as [`host_of`] returns it, or a
/// full URL. Used to explain, rather than follow, a token whose `iss` is elsewhere.
pub fn on_host(url: &str, endpoint_host: &str) -> bool {
    host_of(url).is_some_and(|h| h == normalize_host(endpoint_host))
}

/// A parsed http(s) URL: only what the widget needs.
struct HttpUrl {
    https: bool,
    /// Lower case; IPv6 addresses keep their brackets.
    host: String,
    /// Only when given and not the scheme's default.
    port: Option<u16>,
}

impl HttpUrl {
    fn parse(url: &str) -> Option<HttpUrl> {
        let url = url.trim();
        let (https, rest) = if let Some(r) = strip_prefix_ignore_case(url, "https://") {
            (true, r)
        } else if let Some(r) = strip_prefix_ignore_case(url, "http://") {
            (false, r)
        } else {
            return None;
        };
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let authority = rest.get(..end)?;
        if authority.contains('@') {
            return None;
        }
        let (host, port_text) = if let Some(after) = authority.strip_prefix('[') {
            let close = after.find(']')?;
            let inside = after.get(..close)?;
            if inside.is_empty()
                || !inside
                    .chars()
                    .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
            {
                return None;
            }
            let tail = after.get(close + 1..)?;
            let port = match tail {
                "" => None,
                t => Some(t.strip_prefix(':')?),
            };
            (format!("[{}]", inside.to_ascii_lowercase()), port)
        } else {
            let (h, p) = match authority.rsplit_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (authority, None),
            };
            if h.is_empty()
                || !h
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'))
            {
                return None;
            }
            (h.to_ascii_lowercase(), p)
        };
        let port = match port_text {
            None | Some("") => None,
            Some(p) => {
                if !p.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let n: u16 = p.parse().ok()?;
                let default = if https { 443 } else { 80 };
                (n != default).then_some(n)
            }
        };
        Some(HttpUrl { https, host, port })
    }

    fn host_port(&self) -> String {
        match self.port {
            Some(p) => format!("{}:{p}", self.host),
            None => self.host.clone(),
        }
    }

    fn is_loopback(&self) -> bool {
        matches!(self.host.as_str(), "localhost" | "127.0.0.1" | "[::1]")
    }
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        s.get(prefix.len()..)
    } else {
        None
    }
}

/// The endpoint host as given: a host (with port), or a whole URL, compared lower-cased and
/// without a default port.
fn normalize_host(endpoint_host: &str) -> String {
    let t = endpoint_host.trim();
    if let Some(h) = host_of(t) {
        return h;
    }
    // A bare host: parse it as if it were https.
    host_of(&format!("https://{t}")).unwrap_or_else(|| t.to_ascii_lowercase())
}

// ---------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------

/// Text from outside, made safe to quote in a message: at most [`SHOWN_CHARS`] characters,
/// control characters replaced, cut on a character boundary.
pub(crate) fn shown(s: &str) -> String {
    let mut out: String = s
        .chars()
        .take(SHOWN_CHARS)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if s.chars().nth(SHOWN_CHARS).is_some() {
        out.push('…');
    }
    out
}

fn key_label(kid: Option<&str>, position: usize) -> String {
    match kid {
        Some(k) => format!("the key \"{}\"", shown(k)),
        None => format!("key number {position} (it has no \"kid\")"),
    }
}

fn list_kids(kids: &[String]) -> String {
    let mut parts: Vec<String> = kids
        .iter()
        .take(SHOWN_KIDS)
        .map(|k| format!("\"{}\"", shown(k)))
        .collect();
    if kids.len() > SHOWN_KIDS {
        parts.push(format!("and {} more", kids.len() - SHOWN_KIDS));
    }
    parts.join(", ")
}
