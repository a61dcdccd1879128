//! Reading JSON text into a [`Value`], as `serde_json::from_str::<Value>` does, optionally without
//! building what the checker never reads. The one `Value` reader of the crate (so serde_json's own
//! is not in the WebAssembly too).
//!
//! A token response holds a few dozen values. A paste can hold far more — a proxy's diagnostics
//! or a log record around the response — and building every one of them as a `Value` (then freeing
//! it) is what made a 1 MB paste slow. So [`read`] keeps every member of the top-level object, and
//! inside each member builds at most [`KEPT`] values: the rest of a long list or object is read by
//! serde_json's skipping reader, which finds the same syntax errors at the same place (with a
//! plainer message for a few, such as "expected value" for a trailing comma) but does not reject
//! lone surrogate escapes, out-of-range numbers or nesting past 128 levels. Within the limit the
//! result is exactly the `Value` serde_json gives, and errors keep serde_json's line and column.

use std::cell::Cell;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// How many values [`read`] builds inside one top-level member (or in a top-level array) before
/// the rest are only read through. Far above any token response, error response, JWKS or
/// discovery document a learner pastes.
#[cfg(not(fuzzing))]
pub(crate) const KEPT: usize = 4096;
/// Under cargo-fuzz: small, so that the fuzzer's short inputs reach the trimming too.
#[cfg(fuzzing)]
pub(crate) const KEPT: usize = 6;

/// A parsed paste and whether values were left out.
pub(crate) struct Read {
    pub value: Value,
    /// Some nested values were read through but not kept (see the module documentation).
    pub trimmed: bool,
}

/// Parses `text` as one JSON value, exactly as `serde_json::from_str::<Value>` does.
pub(crate) fn parse(text: &str) -> Result<Value, serde_json::Error> {
    read_keeping(text, usize::MAX).map(|r| r.value)
}

/// Parses a paste: as [`parse`], but inside each top-level member only the first [`KEPT`] values
/// are built.
pub(crate) fn read(text: &str) -> Result<Read, serde_json::Error> {
    read_keeping(text, KEPT)
}

/// One whole value read as [`parse`] reads it, for serde_json's stream reader (pastes holding two
/// JSON texts).
pub(crate) struct Whole(pub Value);

impl<'de> serde::Deserialize<'de> for Whole {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Whole, D::Error> {
        let budget = Budget::new(usize::MAX);
        Ok(Whole(budget.paste().deserialize(d)?.unwrap_or(Value::Null)))
    }
}

fn read_keeping(text: &str, kept: usize) -> Result<Read, serde_json::Error> {
    let budget = Budget::new(kept);
    let mut de = serde_json::Deserializer::from_str(text);
    let value = budget.paste().deserialize(&mut de)?.unwrap_or(Value::Null);
    de.end()?;
    Ok(Read {
        value,
        trimmed: budget.trimmed.get(),
    })
}

/// How many more values may be built, shared by the nodes of one read.
struct Budget {
    kept: usize,
    left: Cell<usize>,
    trimmed: Cell<bool>,
}

impl Budget {
    fn new(kept: usize) -> Budget {
        Budget {
            kept,
            left: Cell::new(kept),
            trimmed: Cell::new(false),
        }
    }

    fn paste(&self) -> Node<'_> {
        Node {
            budget: self,
            level: Level::Paste,
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Level {
    /// The whole paste: always built.
    Paste,
    /// A member of the top-level object: always built, with a fresh budget for what it holds.
    Member,
    /// Anything else: built while the budget lasts.
    Nested,
}

/// Builds one value, or reads it through (returning `None`) once the budget is spent.
#[derive(Clone, Copy)]
struct Node<'b> {
    budget: &'b Budget,
    level: Level,
}

impl<'b> Node<'b> {
    fn at(self, level: Level) -> Node<'b> {
        Node { level, ..self }
    }
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = Option<Value>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<Value>, D::Error> {
        let budget = self.budget;
        match self.level {
            Level::Paste => {}
            Level::Member => budget.left.set(budget.kept),
            Level::Nested => match budget.left.get().checked_sub(1) {
                Some(left) => budget.left.set(left),
                None => {
                    budget.trimmed.set(true);
                    d.deserialize_ignored_any(IgnoredAny)?;
                    return Ok(None);
                }
            },
        }
        d.deserialize_any(self).map(Some)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let child = self.at(Level::Nested);
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(child)? {
            items.extend(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let child = self.at(if self.level == Level::Paste {
            Level::Member
        } else {
            Level::Nested
        });
        let mut members = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if let Some(value) = map.next_value_seed(child)? {
                members.insert(key, value);
            }
        }
        Ok(Value::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_as_serde(text: &str) {
        let theirs = serde_json::from_str::<Value>(text);
        match (parse(text), &theirs) {
            (Ok(v), Ok(w)) => assert_eq!(&v, w, "{text}"),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{text}"),
            (a, b) => panic!("{text}: parse {:?}, serde_json {:?}", a.is_ok(), b.is_ok()),
        }
        let ours = read(text).map(|r| (r.value, r.trimmed));
        match (ours, theirs) {
            (Ok((v, trimmed)), Ok(w)) => {
                assert_eq!(v, w, "{text}");
                assert!(!trimmed);
            }
            (Err(a), Err(b)) => {
                assert_eq!((a.line(), a.column()), (b.line(), b.column()), "{text}");
                assert_eq!(a.classify(), b.classify(), "{text}");
            }
            (a, b) => panic!("{text}: ours {:?}, serde_json {:?}", a.is_ok(), b.is_ok()),
        }
    }

    #[test]
    fn small_pastes_read_exactly_as_serde_json_does() {
        for text in [
            r#"{"access_token":"a.b.c","token_type":"Bearer","expires_in":86400,"scope":"x y"}"#,
            r#"{"a":{"b":[1,2.5,-3,true,null,"s\u00e9"]},"a":"last wins"}"#,
            r#"[{"k":[]},{},[[[]]]]"#,
            "\"just a string\"",
            "12345678901234567890123",
            " null ",
            r#"{"a":1,}"#,
            r#"{"a":1} {"b":2}"#,
            "{\"a\":\"\u{1}\"}",
            r#"{"a":"\x"}"#,
            "[1,2",
            "",
        ] {
            same_as_serde(text);
        }
        // Past serde_json's nesting limit (128): the same error, at the same place.
        same_as_serde(&format!("{}{}", "[".repeat(200), "]".repeat(200)));
        same_as_serde(&format!(
            "{{\"a\":{}{}}}",
            "{\"b\":".repeat(150),
            "}".repeat(150)
        ));
    }

    /// Property tests run natively only (proptest is a native dev-dependency).
    #[cfg(not(target_arch = "wasm32"))]
    fn json() -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            ".{0,12}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 64, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::vec((".{0,6}", inner), 0..6)
                    .prop_map(|v| Value::Object(v.into_iter().collect())),
            ]
        })
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Below the budget the reader is serde_json itself: the same value for valid JSON, and
        /// the same error class, line and column once the text is cut or a byte is changed.
        #[test]
        fn reads_as_serde_json_does(value in json(), cut in 0usize..400, byte in 0u8..128) {
            let text = value.to_string();
            same_as_serde(&text);
            let at = cut.min(text.len());
            if let Some(head) = text.get(..at) {
                same_as_serde(head);
                same_as_serde(&format!("{head}{}{}", char::from(byte), &text[at..]));
            }
        }
    }

    fn numbers(n: usize) -> String {
        let items: Vec<String> = (0..n).map(|i| i.to_string()).collect();
        format!("[{}]", items.join(","))
    }

    #[test]
    fn large_pastes_keep_every_top_level_member_and_trim_inside_each() {
        let records: Vec<String> = (0..5000).map(|i| format!(r#"{{"id":{i}}}"#)).collect();
        let text = format!(
            r#"{{"diagnostics":[{}],"trace":{},"access_token":"a.b.c","error":{{"code":"x"}}}}"#,
            records.join(","),
            numbers(5000)
        );
        let r = read(&text).expect("valid JSON");
        assert!(r.trimmed);
        let map = r.value.as_object().expect("an object");
        assert_eq!(map["access_token"], "a.b.c");
        // Each member has a budget of its own: members after a long one are whole.
        assert_eq!(map["error"]["code"], "x");
        // An object and its number count two values each.
        assert_eq!(map["diagnostics"].as_array().map(Vec::len), Some(KEPT / 2));
        assert_eq!(map["trace"].as_array().map(Vec::len), Some(KEPT));
        assert_eq!(map["trace"][KEPT - 1], KEPT - 1);
        // Exactly at the limit nothing is left out.
        let at_limit = format!(r#"{{"trace":{}}}"#, numbers(KEPT));
        assert!(!read(&at_limit).expect("valid JSON").trimmed);
        // A top-level array shares one budget.
        let array = read(&numbers(KEPT + 1)).expect("valid JSON");
        assert!(array.trimmed);
        assert_eq!(array.value.as_array().map(Vec::len), Some(KEPT));
    }

    #[test]
    fn broken_json_in_the_skipped_part_is_still_an_error() {
        let records: Vec<String> = (0..5000).map(|i| format!("[{i}]")).collect();
        let text = format!(r#"{{"d":[{}],"access_token":"a",}}"#, records.join(","));
        let err = read(&text).err().expect("the trailing comma is an error");
        let serde = serde_json::from_str::<Value>(&text).expect_err("serde agrees");
        assert_eq!(err.column(), serde.column());
        let text = format!(r#"{{"d":[{},tru],"access_token":"a"}}"#, records.join(","));
        assert!(read(&text).is_err());
    }
}
