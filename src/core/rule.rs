//! Rules: every finding a check can report is a named, static [`Rule`] written beside the small
//! predicate that fires it, the way clippy keeps each lint's message beside its detection.
//!
//! A rule holds everything about a finding that does not depend on the paste: its stable key (the
//! `data-rule` contract with hosts), the check it reports on (`data-check-id`), its status, its
//! title, the detail and fix texts with `{slot}`s for what the paste supplies, its reference, and
//! the headline it gives when its failure decides the verdict. The verdict and the tests decide
//! on rule identity, never on message text.
//!
//! Texts are written one sentence per source line (a `\` ends each line of a literal only after a
//! sentence), so that `grep` finds every sentence a learner can read. Their slots:
//! * `{name}` — filled from the arguments given where the rule fires, else from
//!   [`PHRASES`], the phrases many rules share (a dashboard path); a name is lowercase letters,
//!   digits and `_`;
//! * `{{` — a literal `{` (any other brace is literal already).
//!
//! To add a rule, see the README ("How to add a rule").

use super::facts::PHRASES;
use super::report::{Finding, Status};

/// A finding's static part: see the module documentation.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable key, `area.subject.case` (for example `errors.auth0.scope_not_granted`): hosts see
    /// it as `data-rule` and in the `oauth-cc-widget:checked` event. Never reuse a retired key.
    pub key: &'static str,
    /// The check it reports on (`data-check-id`), shared by the rules of one check.
    pub check: &'static str,
    pub status: Status,
    /// The check's short name, such as "Audience (aud)".
    pub title: &'static str,
    /// What was found, with slots.
    pub detail: &'static str,
    /// What to do about it, with slots ("" when nothing is to be done).
    pub fix: &'static str,
    /// The standard or provider documentation behind the rule ("" when none).
    pub reference: &'static str,
    /// The headline sentence (without its full stop) when this rule decides the verdict: every
    /// rule with status [`Status::Fail`] has one, for when its failure is the first in the
    /// report; a skipped signature rule may have one, for when nothing failed (its `{missing}`
    /// slot names the values still to enter).
    pub headline: &'static str,
}

impl Rule {
    /// A rule with every text empty, to start a record from (`..Rule::BLANK`).
    pub const BLANK: Rule = Rule {
        key: "",
        check: "",
        status: Status::Info,
        title: "",
        detail: "",
        fix: "",
        reference: "",
        headline: "",
    };

    /// The finding this rule reports, for a rule whose texts have no slots to fill.
    pub fn finding(&'static self) -> Finding {
        self.with(&[])
    }

    /// The finding this rule reports, its slots filled from `args` (`(name, value)`; values are
    /// plain text with code spans, see `markup`).
    pub fn with(&'static self, args: &[(&str, &str)]) -> Finding {
        debug_assert!(
            args.iter().all(|(name, _)| self.has_slot(name)),
            "rule {}: an argument fills no slot",
            self.key
        );
        Finding {
            rule: self,
            detail: fill(self.detail, args),
            fix: (!self.fix.is_empty()).then(|| fill(self.fix, args)),
        }
    }

    /// [`Rule::with`], its detail after `lead`: a sentence about what was pasted, given by the
    /// recogniser that fired (it ends with its own space).
    pub fn after(&'static self, lead: &str, args: &[(&str, &str)]) -> Finding {
        let mut f = self.with(args);
        f.detail.insert_str(0, lead);
        f
    }

    /// The headline this rule gives when it decides the verdict (see [`Rule::headline`]): only
    /// failing rules and skipped signature rules decide it; other rules inherit a base's text
    /// that is never shown.
    pub fn deciding_headline(&self) -> Option<&'static str> {
        let decides = self.status == Status::Fail
            || (self.status == Status::Skip && self.check == super::signature::ID);
        (decides && !self.headline.is_empty()).then_some(self.headline)
    }

    /// The slot names its texts use, in order of appearance, shared phrases included.
    pub fn slots(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        for text in [self.detail, self.fix, self.headline] {
            for name in slot_names(text) {
                if !out.contains(&name) {
                    out.push(name);
                }
            }
        }
        out
    }

    fn has_slot(&self, name: &str) -> bool {
        [self.detail, self.fix, self.headline]
            .iter()
            .any(|t| slot_names(t).any(|n| n == name))
    }
}

/// A `{name}` slot at the start of `s`: the name and the slot's length in bytes.
fn slot_at(s: &str) -> Option<(&str, usize)> {
    let rest = s.strip_prefix('{')?;
    let end = rest.find('}')?;
    let name = rest.get(..end)?;
    let valid = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    valid.then_some((name, end + 2))
}

/// The slot names of a text, in order (with repeats).
pub fn slot_names(text: &'static str) -> impl Iterator<Item = &'static str> {
    let mut rest = text;
    std::iter::from_fn(move || loop {
        let k = rest.find('{')?;
        let at = rest.get(k..).unwrap_or("");
        if at.starts_with("{{") {
            rest = at.get(2..).unwrap_or("");
            continue;
        }
        match slot_at(at) {
            Some((name, len)) => {
                rest = at.get(len..).unwrap_or("");
                return Some(name);
            }
            None => rest = at.get(1..).unwrap_or(""),
        }
    })
}

/// The value of slot `name`: an argument, else a shared phrase.
fn value<'a>(name: &str, args: &[(&str, &'a str)]) -> Option<&'a str> {
    args.iter()
        .chain(PHRASES.iter())
        .find(|(n, _)| *n == name)
        .map(|(_, v)| *v)
}

/// `template` with its slots filled (see the module documentation). A slot that neither the
/// arguments nor the phrases fill is kept as written (a bug that debug builds and tests stop at).
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(k) = rest.find('{') {
        out.push_str(rest.get(..k).unwrap_or(""));
        let at = rest.get(k..).unwrap_or("");
        if at.starts_with("{{") {
            out.push('{');
            rest = at.get(2..).unwrap_or("");
            continue;
        }
        match slot_at(at) {
            Some((name, len)) => {
                let v = value(name, args);
                debug_assert!(v.is_some(), "slot {{{name}}} is not filled");
                out.push_str(v.unwrap_or(at.get(..len).unwrap_or("")));
                rest = at.get(len..).unwrap_or("");
            }
            None => {
                out.push('{');
                rest = at.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_filled_from_arguments_then_phrases() {
        assert_eq!(
            fill("See {auth0_apis} for {api}.", &[("api", "`x`")]),
            "See Applications → APIs for `x`."
        );
        // Other braces are text; `{{` writes one brace.
        assert_eq!(
            fill("From `{` to `}`, {YOUR_DOMAIN}, %{{http_code}.", &[]),
            "From `{` to `}`, {YOUR_DOMAIN}, %{http_code}."
        );
        assert_eq!(
            slot_names("{a} {{b} {c_1} {D}").collect::<Vec<_>>(),
            ["a", "c_1"]
        );
    }
}
