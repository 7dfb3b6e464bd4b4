//! botocore's client-side `min` checks, handed to the deserializer as newtype-struct hints.
//!
//! botocore refuses, before sending, a string or list shorter than its shape's `min`, a
//! number below it, and a map key too short (`Invalid length for parameter ...`). The
//! encoder asks the deserializer for a newtype struct named by the shape's hint (see
//! [`crate::wire::model::Min`]): a deserializer that knows the hints (the bindings' Python
//! one) checks the value it holds, in Python's terms, and words the error as botocore
//! does; any other (serde_json) passes the value through.

use std::fmt;

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
    fn the_table_hints_are_ones_a_reader_knows() {
        for shape in &crate::wire::generated::SHAPES {
            if let Some(min) = shape.min {
                assert!(hint(min.hint()).is_some(), "{}", shape.name);
                if let crate::wire::model::Min::Length(_, _, key) = min {
                    assert!(
                        matches!(hint(key), Some(Min::KeyLength(_))),
                        "{}",
                        shape.name
                    );
                }
            }
        }
    }
}
