//! The messages between the page and the explainer (the checker in a Web Worker, or in the page
//! when no worker can start): a [`Request`] from the page, an [`Answer`] for each step of a check,
//! and the [`View`] of a report the page renders. Both ends are this pure Rust, so the page needs
//! no JSON parser to read an answer, and the format is tested natively (a round trip).
//!
//! The text format is a sequence of fields, each `<length in bytes>:<bytes>`, so any text —
//! a 2 MB paste, a claim with control characters — travels as it is, with no escaping. A list is
//! its length, then its items; an absent optional value is `-`, a present one `+` then the value.
//! Decoding never panics: a malformed message is `None`.

use super::check::Expectations;
use super::provider::Provider;
use super::report::{ClaimRow, DecodedToken, Status, Verdict};

/// What the page asks the explainer. The page has already read the form (the endpoint resolved,
/// the issuer derived from it), so the explainer needs no endpoint parser of its own.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Request {
    /// Chosen by the page; every answer repeats it.
    pub id: u32,
    /// The pasted text.
    pub paste: String,
    /// What the learner's values lead the check to expect (never the client secret).
    pub expect: Expectations,
    /// The token endpoint entered, when it resolves: where the signing keys are looked for.
    pub endpoint: Option<Endpoint>,
    /// The time of the check, in seconds since the epoch (the page's clock).
    pub now: i64,
    /// Signing keys the learner pasted: the signature is checked with them instead of fetching.
    pub keys: Option<String>,
    /// A host the learner chose to trust for the signing keys: the one the token's issuer is on,
    /// when it is neither the endpoint's nor paired with it (`core::keyhosts`).
    pub trust_host: Option<String>,
}

/// The token endpoint the learner entered, and the addresses on its host where its discovery
/// document may be, in the order to try (`endpoint::discovery_candidates`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Endpoint {
    pub url: String,
    pub discovery: Vec<String>,
}

/// One finding as the page shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct FindingView {
    /// `data-check-id`.
    pub id: String,
    /// `data-rule`.
    pub rule: String,
    pub status: Status,
    pub title: String,
    pub detail: String,
    pub fix: Option<String>,
    pub reference: Option<String>,
}

/// A report as the page shows it: everything a learner reads, and nothing the page would have to
/// work out with the checker.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    pub verdict: Verdict,
    pub headline: String,
    pub set_aside: Vec<String>,
    pub findings: Vec<FindingView>,
    pub token: Option<DecodedToken>,
    /// When the signature could not be checked with fetched keys: where the learner finds the
    /// keys to paste (the page then offers the box).
    pub keys_help: Option<String>,
    /// The host the token's issuer is on, when the keys were not looked for there (neither the
    /// endpoint's host nor paired with it): the page offers to check with its keys.
    pub other_host: Option<String>,
}

/// One step of a check: `done` once nothing is pending (the signature's keys included).
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    pub id: u32,
    pub done: bool,
    pub view: View,
}

// ---------------------------------------------------------------------------------------------
// Writing

struct Writer(String);

impl Writer {
    fn text(&mut self, s: &str) -> &mut Self {
        self.0.push_str(&s.len().to_string());
        self.0.push(':');
        self.0.push_str(s);
        self
    }
    fn number(&mut self, n: i64) -> &mut Self {
        self.text(&n.to_string())
    }
    fn flag(&mut self, b: bool) -> &mut Self {
        self.text(if b { "1" } else { "0" })
    }
    fn option(&mut self, s: Option<&str>) -> &mut Self {
        match s {
            Some(s) => self.text("+").text(s),
            None => self.text("-"),
        }
    }
    fn count(&mut self, n: usize) -> &mut Self {
        self.number(i64::try_from(n).unwrap_or(0))
    }
}

impl Request {
    pub fn encode(&self) -> String {
        let e = &self.expect;
        let mut w = Writer(String::with_capacity(self.paste.len() + 256));
        w.number(i64::from(self.id))
            .text(&self.paste)
            .text(e.provider.key())
            .option(e.issuer.as_deref())
            .flag(e.issuer_discovered)
            .flag(e.issuer_guessed)
            .text(&e.client_id)
            .text(&e.audience);
        match &self.endpoint {
            Some(ep) => {
                w.text("+").text(&ep.url).count(ep.discovery.len());
                for url in &ep.discovery {
                    w.text(url);
                }
            }
            None => {
                w.text("-");
            }
        }
        w.number(self.now)
            .option(self.keys.as_deref())
            .option(self.trust_host.as_deref());
        w.0
    }

    pub fn decode(s: &str) -> Option<Request> {
        let mut r = Reader(s);
        let id = r.number().and_then(|n| u32::try_from(n).ok())?;
        let paste = r.text()?.to_string();
        let expect = Expectations {
            provider: Provider::from_key(r.text()?)?,
            issuer: r.option()?.map(str::to_string),
            issuer_discovered: r.flag()?,
            issuer_guessed: r.flag()?,
            client_id: r.text()?.to_string(),
            audience: r.text()?.to_string(),
        };
        let endpoint = match r.text()? {
            "+" => Some(Endpoint {
                url: r.text()?.to_string(),
                discovery: r.list(|r| r.text().map(str::to_string))?,
            }),
            "-" => None,
            _ => return None,
        };
        let request = Request {
            id,
            paste,
            expect,
            endpoint,
            now: r.number()?,
            keys: r.option()?.map(str::to_string),
            trust_host: r.option()?.map(str::to_string),
        };
        r.0.is_empty().then_some(request)
    }
}

fn rows(w: &mut Writer, rows: &[ClaimRow]) {
    w.count(rows.len());
    for row in rows {
        w.text(&row.name).text(&row.value).text(&row.meaning);
        match row.unix_time {
            Some(t) => w.text("+").number(t),
            None => w.text("-"),
        };
    }
}

impl Answer {
    pub fn encode(&self) -> String {
        let v = &self.view;
        let mut w = Writer(String::new());
        w.number(i64::from(self.id))
            .flag(self.done)
            .text(v.verdict.as_str())
            .text(&v.headline)
            .count(v.set_aside.len());
        for s in &v.set_aside {
            w.text(s);
        }
        w.count(v.findings.len());
        for f in &v.findings {
            w.text(&f.id)
                .text(&f.rule)
                .text(f.status.as_str())
                .text(&f.title)
                .text(&f.detail)
                .option(f.fix.as_deref())
                .option(f.reference.as_deref());
        }
        match &v.token {
            Some(t) => {
                w.text("+");
                rows(&mut w, &t.header);
                rows(&mut w, &t.claims);
            }
            None => {
                w.text("-");
            }
        }
        w.option(v.keys_help.as_deref())
            .option(v.other_host.as_deref());
        w.0
    }

    pub fn decode(s: &str) -> Option<Answer> {
        let mut r = Reader(s);
        let id = r.number().and_then(|n| u32::try_from(n).ok())?;
        let done = r.flag()?;
        let verdict = Verdict::from_name(r.text()?)?;
        let headline = r.text()?.to_string();
        let set_aside = r.list(|r| r.text().map(str::to_string))?;
        let findings = r.list(Reader::finding)?;
        let token = match r.text()? {
            "+" => Some(DecodedToken {
                header: r.list(Reader::row)?,
                claims: r.list(Reader::row)?,
            }),
            "-" => None,
            _ => return None,
        };
        let keys_help = r.option()?.map(str::to_string);
        let other_host = r.option()?.map(str::to_string);
        let view = View {
            verdict,
            headline,
            set_aside,
            findings,
            token,
            keys_help,
            other_host,
        };
        r.0.is_empty().then_some(Answer { id, done, view })
    }
}

// ---------------------------------------------------------------------------------------------
// Reading

struct Reader<'a>(&'a str);

impl<'a> Reader<'a> {
    fn text(&mut self) -> Option<&'a str> {
        let (len, rest) = self.0.split_once(':')?;
        if len.is_empty() || len.len() > 10 || !len.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let len: usize = len.parse().ok()?;
        let value = rest.get(..len)?;
        self.0 = rest.get(len..)?;
        Some(value)
    }
    fn number(&mut self) -> Option<i64> {
        self.text()?.parse().ok()
    }
    fn flag(&mut self) -> Option<bool> {
        match self.text()? {
            "1" => Some(true),
            "0" => Some(false),
            _ => None,
        }
    }
    fn option(&mut self) -> Option<Option<&'a str>> {
        match self.text()? {
            "+" => self.text().map(Some),
            "-" => Some(None),
            _ => None,
        }
    }
    /// A counted list (at most one item per remaining byte, so a bad count cannot allocate much).
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = usize::try_from(self.number()?).ok()?;
        if n > self.0.len() {
            return None;
        }
        (0..n).map(|_| item(self)).collect()
    }
    fn finding(&mut self) -> Option<FindingView> {
        Some(FindingView {
            id: self.text()?.to_string(),
            rule: self.text()?.to_string(),
            status: Status::from_name(self.text()?)?,
            title: self.text()?.to_string(),
            detail: self.text()?.to_string(),
            fix: self.option()?.map(str::to_string),
            reference: self.option()?.map(str::to_string),
        })
    }
    fn row(&mut self) -> Option<ClaimRow> {
        Some(ClaimRow {
            name: self.text()?.to_string(),
            value: self.text()?.to_string(),
            meaning: self.text()?.to_string(),
            unix_time: match self.text()? {
                "+" => Some(self.number()?),
                "-" => None,
                _ => return None,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_malformed_message_is_none() {
        for bad in ["", "x", "3:ab", "1:5", "99999999999:x", "1:1-1:0"] {
            assert_eq!(Answer::decode(bad), None, "{bad:?}");
            assert_eq!(Request::decode(bad), None, "{bad:?}");
        }
    }
}
