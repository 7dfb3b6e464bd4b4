//! [`Value`]: a response, an event or a document as boto3 holds it, before it is Python.
//!
//! The decoder reads the service's bytes into a `Value` that already has boto3's layout
//! (members in botocore's order, blobs as bytes, unknown union members as
//! `SDK_UNKNOWN_MEMBER`); the bindings turn it into dicts, lists, str, int, float and
//! bytes one for one, and the core reads streamed events from it to assemble a reply.

/// A JSON value as `json.loads` gives it, plus bytes (a decoded blob).
///
/// Objects keep their keys in order, as Python dicts do. Integers keep every digit: those
/// outside `i64` are held as their decimal text.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null` (`None`).
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer that fits in `i64`.
    Int(i64),
    /// An integer that does not fit in `i64`: its decimal text, sign included
    /// (`-9223372036854775809`, `18446744073709551616`).
    BigInt(Box<str>),
    /// A float (NaN and the infinities included, as `json.loads` reads them).
    Float(f64),
    /// A string.
    Str(String),
    /// Bytes: a blob, base64-decoded.
    Bytes(Vec<u8>),
    /// An array (`list`).
    List(Vec<Value>),
    /// An object (`dict`), keys in order.
    Map(Vec<(String, Value)>),
}

impl Value {
    /// The value under `key`, when this is a map that has it (the last one, as
    /// `json.loads` keeps the last of repeated keys).
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Map(entries) => entries.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, when this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The integer, when this is one that fits in `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Int(n) => Some(*n),
            _ => None,
        }
    }

    /// The entries, when this is a map.
    pub fn as_map(&self) -> Option<&[(String, Value)]> {
        match self {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The items, when this is a list.
    pub fn as_list(&self) -> Option<&[Value]> {
        match self {
            Value::List(items) => Some(items),
            _ => None,
        }
    }

    /// The only entry of a map of one entry (a union's member or an event), else `None`.
    pub fn single_entry(&self) -> Option<(&str, &Value)> {
        match self {
            Value::Map(entries) if entries.len() == 1 => {
                Some((entries[0].0.as_str(), &entries[0].1))
            }
            _ => None,
        }
    }
}
