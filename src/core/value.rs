//! Reading JSON text into a [`Value`], as `serde_json::from_str::<Value>` does, optionally without
//! building what the checker never reads. The one `Value` reader of the crate (so serde_json's own
//! is not in the WebAssembly too).
//!
//! A token response holds a few dozen values. A paste can hold far more — a proxy's diagnostics
//! or a log record around the response — and building every one of them as a `Value` (then freeing
//! it) is what made a 1 MB paste slow. So [`read`] keeps every member of the top-level object, with
//! its value; below that, values are kept until [`KEPT`] of them have been built, and the rest are
//! still read and checked for valid JSON but not stored. Within the limit the result is exactly the
//! `Value` serde_json gives, and errors keep serde_json's line and column.

use std::cell::Cell;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// How many values below the top level are built before the rest are only validated. Far above
/// any token response, error response, JWKS or discovery document a learner pastes.
pub(crate) const KEPT: usize = 4096;

/// A parsed paste and whether values were left out.
pub(crate) struct Read {
    pub value: Value,
    /// Some nested values were validated but not kept (see the module documentation).
    pub trimmed: bool,
}

/// Parses `text` as one JSON value, exactly as `serde_json::from_str::<Value>` does.
pub(crate) fn parse(text: &str) -> Result<Value, serde_json::Error> {
    read_keeping(text, usize::MAX).map(|r| r.value)
}

/// Parses a paste: as [`parse`], but nested values past the first [`KEPT`] are only validated.
pub(crate) fn read(text: &str) -> Result<Read, serde_json::Error> {
    read_keeping(text, KEPT)
}

/// One whole value read as [`parse`] reads it, for serde_json's stream reader (pastes holding two
/// JSON texts).
pub(crate) struct Whole(pub Value);

impl<'de> serde::Deserialize<'de> for Whole {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Whole, D::Error> {
        let left = Cell::new(usize::MAX);
        let trimmed = Cell::new(false);
        let seed = Node {
            left: &left,
            trimmed: &trimmed,
            depth: 0,
        };
        Ok(Whole(seed.deserialize(d)?.unwrap_or(Value::Null)))
    }
}

fn read_keeping(text: &str, kept: usize) -> Result<Read, serde_json::Error> {
    let left = Cell::new(kept);
    let trimmed = Cell::new(false);
    let mut de = serde_json::Deserializer::from_str(text);
    let seed = Node {
        left: &left,
        trimmed: &trimmed,
        depth: 0,
    };
    let value = seed.deserialize(&mut de)?.unwrap_or(Value::Null);
    de.end()?;
    Ok(Read {
        value,
        trimmed: trimmed.get(),
    })
}

/// Builds one value, or skips it (returning `None`) once the budget is spent.
#[derive(Clone, Copy)]
struct Node<'b> {
    left: &'b Cell<usize>,
    trimmed: &'b Cell<bool>,
    /// 0 for the paste itself, 1 for the top-level object's members and array's elements.
    depth: u8,
}

impl Node<'_> {
    fn child(self, of_object: bool) -> Self {
        Node {
            // Members of the top-level object are always kept (depth 1 below an object); array
            // elements and anything deeper count against the budget.
            depth: if self.depth == 0 && of_object { 1 } else { 2 },
            ..self
        }
    }

    fn always_kept(self) -> bool {
        self.depth < 2
    }
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = Option<Value>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<Value>, D::Error> {
        if !self.always_kept() {
            if self.left.get() == 0 {
                self.trimmed.set(true);
                d.deserialize_ignored_any(IgnoredAny)?;
                return Ok(None);
            }
            self.left.set(self.left.get() - 1);
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
        let child = self.child(false);
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(child)? {
            items.extend(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let child = self.child(true);
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
        let ours = read(text).map(|r| (r.value, r.trimmed));
        let theirs = serde_json::from_str::<Value>(text);
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

    #[test]
    fn large_pastes_keep_every_top_level_member_and_trim_the_rest() {
        let records: Vec<String> = (0..5000).map(|i| format!(r#"{{"id":{i}}}"#)).collect();
        let text = format!(
            r#"{{"diagnostics":[{}],"access_token":"a.b.c","token_type":"Bearer"}}"#,
            records.join(",")
        );
        let r = read(&text).expect("valid JSON");
        assert!(r.trimmed);
        let map = r.value.as_object().expect("an object");
        assert_eq!(map["access_token"], "a.b.c");
        assert_eq!(map["token_type"], "Bearer");
        let kept = map["diagnostics"].as_array().expect("an array").len();
        assert!(kept > 100 && kept < 5000, "kept {kept} records");
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
