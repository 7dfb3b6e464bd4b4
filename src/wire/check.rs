//! botocore's client-side `min` checks, handed to the deserializer as newtype-struct hints.
//!
//! botocore refuses, before sending, a string or list shorter than its shape's `min`, a
//! number below it, and a map key too short (`Invalid length for parameter ...`). The
//! generated shapes route such members through [`min`], [`min_items`] or [`min_keys`],
//! which ask the deserializer for a newtype struct named by [`hint`]: a deserializer that
//! knows the hints (the bindings' Python one) checks the value it holds, in Python's terms,
//! and words the error as botocore does; any other (serde_json) passes the value through.

use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

/// The prefix of every hint name.
pub const HINT_PREFIX: &str = "fastconverse::min::";

/// A `min` constraint of botocore's model, as a deserializer applies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Min {
    /// A string must be at least this long (in code points, as Python's `len`).
    Length(i64),
    /// A list must have at least this many items.
    Items(i64),
    /// A number must be at least this.
    Value(i64),
    /// A map key (a string) must be at least this long.
    KeyLength(i64),
}

/// The constraint a hint name stands for, or `None` for any other newtype name.
///
/// Names are `fastconverse::min::length::N`, `...::items::N`, `...::value::N` and
/// `...::key-length::N`,
/// written out by the generator as string literals (serde wants `&'static str`).
pub fn hint(name: &str) -> Option<Min> {
    let rest = name.strip_prefix(HINT_PREFIX)?;
    let (kind, n) = rest.split_once("::")?;
    let n: i64 = n.parse().ok()?;
    match kind {
        "length" => Some(Min::Length(n)),
        "items" => Some(Min::Items(n)),
        "value" => Some(Min::Value(n)),
        "key-length" => Some(Min::KeyLength(n)),
        _ => None,
    }
}

/// Deserializes `T` through the newtype hint `name`.
struct Hinted<T> {
    name: &'static str,
    marker: PhantomData<T>,
}

impl<T> Hinted<T> {
    fn new(name: &'static str) -> Self {
        Self {
            name,
            marker: PhantomData,
        }
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Hinted<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }

    /// A map key, handed over as the string it is (so that serde_path_to_error records it).
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        T::deserialize(de::value::StrDeserializer::<E>::new(v))
    }
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Hinted<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        let name = self.name;
        deserializer.deserialize_newtype_struct(name, self)
    }
}

/// A value whose own length or size botocore checks against `min`.
pub fn min<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
    name: &'static str,
) -> Result<T, D::Error> {
    Hinted::<T>::new(name).deserialize(deserializer)
}

/// A list whose items botocore checks against `min`.
pub fn min_items<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
    name: &'static str,
) -> Result<Vec<T>, D::Error> {
    struct Items<T> {
        name: &'static str,
        marker: PhantomData<T>,
    }

    impl<'de, T: Deserialize<'de>> Visitor<'de> for Items<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
            while let Some(item) = seq.next_element_seed(Hinted::<T>::new(self.name))? {
                items.push(item);
            }
            Ok(items)
        }
    }

    deserializer.deserialize_seq(Items {
        name,
        marker: PhantomData,
    })
}

/// A map whose keys botocore checks against `min`.
pub fn min_keys<'de, D: Deserializer<'de>, V: Deserialize<'de>>(
    deserializer: D,
    name: &'static str,
) -> Result<HashMap<String, V>, D::Error> {
    struct Entries<V> {
        name: &'static str,
        marker: PhantomData<V>,
    }

    impl<'de, V: Deserialize<'de>> Visitor<'de> for Entries<V> {
        type Value = HashMap<String, V>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a map")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut entries = HashMap::with_capacity(map.size_hint().unwrap_or(0).min(4096));
            while let Some(key) = map.next_key_seed(Hinted::<String>::new(self.name))? {
                let value = map.next_value()?;
                entries.insert(key, value);
            }
            Ok(entries)
        }
    }

    deserializer.deserialize_map(Entries {
        name,
        marker: PhantomData,
    })
}

/// `deserialize_with` helper for an optional JSON document nested in a request: `None` is
/// the JSON `null` (botocore sends it as such).
pub fn nullable<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<super::Document>, D::Error> {
    super::Document::deserialize(deserializer).map(Some)
}

/// `deserialize_with` helper for an optional JSON document at the top level of a request:
/// `None` leaves the member out (botocore drops top-level members given as `None`).
pub fn null_as_absent<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<super::Document>, D::Error> {
    let document = super::Document::deserialize(deserializer)?;
    Ok(match document.0 {
        aws_smithy_types::Document::Null => None,
        _ => Some(document),
    })
}

/// For messages: a hint's constraint in botocore's words.
impl fmt::Display for Min {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Min::Length(n) | Min::Items(n) | Min::KeyLength(n) => {
                write!(f, "valid min length: {n}")
            }
            Min::Value(n) => write!(f, "valid min value: {n}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_hint_names() {
        assert_eq!(hint("fastconverse::min::length::1"), Some(Min::Length(1)));
        assert_eq!(hint("fastconverse::min::items::2"), Some(Min::Items(2)));
        assert_eq!(hint("fastconverse::min::value::0"), Some(Min::Value(0)));
        assert_eq!(
            hint("fastconverse::min::key-length::3"),
            Some(Min::KeyLength(3))
        );
        assert_eq!(hint("fastconverse::min::width::3"), None);
        assert_eq!(hint("fastconverse::min::length::x"), None);
        assert_eq!(hint("Blob"), None);
    }

    #[test]
    fn other_deserializers_pass_values_through() {
        let s: String = min(json!(""), "fastconverse::min::length::1").unwrap();
        assert_eq!(s, "");
        let n: i32 = min(json!(-5), "fastconverse::min::value::0").unwrap();
        assert_eq!(n, -5);
        let v: Vec<String> = min_items(json!(["", "a"]), "fastconverse::min::length::1").unwrap();
        assert_eq!(v, ["", "a"]);
        let m: HashMap<String, String> =
            min_keys(json!({"": "v"}), "fastconverse::min::key-length::1").unwrap();
        assert_eq!(m[""], "v");
    }

    #[test]
    fn documents_take_null() {
        assert_eq!(
            nullable(json!(null)).unwrap(),
            Some(super::super::Document(aws_smithy_types::Document::Null))
        );
        assert_eq!(null_as_absent(json!(null)).unwrap(), None);
        assert!(null_as_absent(json!({"a": 1})).unwrap().is_some());
    }
}
