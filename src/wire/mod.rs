//! Wire shapes: the Converse shapes in boto3's dict layout, and their SDK conversions.
//!
//! [`generated`] holds one serde type per botocore shape reachable from Converse,
//! ConverseStream and CountTokens (written by `codegen/gen_wire.py`), each with
//! `into_sdk`/`from_sdk`. This file holds the hand-written pieces they rely on: [`Blob`],
//! [`Document`], [`WireError`], [`Unsupported`] and the [`required`] field helper.
//! Everything here is plain serde: no Python, no I/O.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};

pub mod generated;
pub mod unsupported;

pub use generated::*;
pub use unsupported::Unsupported;

#[cfg(test)]
mod tests;

/// Why a wire shape could not be converted to or from the SDK's types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WireError {
    /// An SDK builder refused the value (a member the SDK requires is missing).
    Build(String),
    /// The SDK reported a union member it does not know (its `Unknown` variant).
    UnknownUnionMember {
        /// The botocore union shape, e.g. `ContentBlock`.
        shape: &'static str,
    },
    /// A member that the wire shape requires is absent from the SDK's value.
    MissingMember {
        /// The botocore structure shape.
        shape: &'static str,
        /// The botocore member name (camelCase).
        member: &'static str,
    },
}

impl fmt::Display for WireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WireError::Build(message) => write!(f, "invalid request: {message}"),
            WireError::UnknownUnionMember { shape } => write!(
                f,
                "the response holds a {shape} member that this version of the AWS SDK does not know; \
                 upgrade fastconverse"
            ),
            WireError::MissingMember { shape, member } => write!(
                f,
                "the response lacks {shape}.{member}, which is required; \
                 this version of fastconverse cannot represent it"
            ),
        }
    }
}

impl std::error::Error for WireError {}

impl From<aws_smithy_types::error::operation::BuildError> for WireError {
    fn from(error: aws_smithy_types::error::operation::BuildError) -> Self {
        WireError::Build(error.to_string())
    }
}

/// `deserialize_with` helper for an `Option` field that botocore requires: the field must be
/// present (serde reports "missing field" otherwise) and is then `Some`.
pub fn required<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

// ---------------------------------------------------------------------------------------------
// Blob
// ---------------------------------------------------------------------------------------------

/// A botocore `blob`: raw bytes. Deserializes from bytes, or from a string (its UTF-8 bytes, as
/// boto3 does); a sequence of integers is refused. Serializes as bytes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Blob(pub Vec<u8>);

impl Blob {
    /// Converts to the SDK's blob, moving the bytes.
    pub fn into_sdk(self) -> aws_smithy_types::Blob {
        aws_smithy_types::Blob::new(self.0)
    }

    /// Converts from the SDK's blob, moving the bytes.
    pub fn from_sdk(value: aws_smithy_types::Blob) -> Self {
        Blob(value.into_inner())
    }
}

impl Serialize for Blob {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.0)
    }
}

impl<'de> Deserialize<'de> for Blob {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BlobVisitor;

        impl Visitor<'_> for BlobVisitor {
            type Value = Blob;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("bytes, bytearray or str")
            }

            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Blob, E> {
                Ok(Blob(v.to_vec()))
            }

            fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Blob, E> {
                Ok(Blob(v))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Blob, E> {
                Ok(Blob(v.as_bytes().to_vec()))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Blob, E> {
                Ok(Blob(v.into_bytes()))
            }
        }

        deserializer.deserialize_bytes(BlobVisitor)
    }
}

impl From<Vec<u8>> for Blob {
    fn from(value: Vec<u8>) -> Self {
        Blob(value)
    }
}

// ---------------------------------------------------------------------------------------------
// Document
// ---------------------------------------------------------------------------------------------

/// A botocore document (free-form JSON: `additionalModelRequestFields`, tool input, ...).
///
/// Integers stay integers both ways (`PosInt(u64)` / `NegInt(i64)`); an integer that does not
/// fit in 64 bits is refused rather than rounded. Objects serialize with their keys sorted, so
/// that output does not depend on hash order.
#[derive(Debug, Clone, PartialEq)]
pub struct Document(pub aws_smithy_types::Document);

impl Document {
    /// Converts to the SDK's document.
    pub fn into_sdk(self) -> aws_smithy_types::Document {
        self.0
    }

    /// Converts from the SDK's document.
    pub fn from_sdk(value: aws_smithy_types::Document) -> Self {
        Document(value)
    }
}

impl From<aws_smithy_types::Document> for Document {
    fn from(value: aws_smithy_types::Document) -> Self {
        Document(value)
    }
}

/// Serializes a borrowed SDK document.
struct DocRef<'a>(&'a aws_smithy_types::Document);

impl Serialize for DocRef<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use aws_smithy_types::{Document as D, Number as N};
        match self.0 {
            D::Null => serializer.serialize_unit(),
            D::Bool(b) => serializer.serialize_bool(*b),
            D::Number(N::PosInt(n)) => serializer.serialize_u64(*n),
            D::Number(N::NegInt(n)) => serializer.serialize_i64(*n),
            D::Number(N::Float(x)) => serializer.serialize_f64(*x),
            D::String(s) => serializer.serialize_str(s),
            D::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&DocRef(item))?;
                }
                seq.end()
            }
            D::Object(entries) => {
                let mut sorted: Vec<_> = entries.iter().collect();
                sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
                let mut map = serializer.serialize_map(Some(sorted.len()))?;
                for (key, value) in sorted {
                    map.serialize_entry(key, &DocRef(value))?;
                }
                map.end()
            }
        }
    }
}

impl Serialize for Document {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        DocRef(&self.0).serialize(serializer)
    }
}

/// Deserializes an SDK document with `deserialize_any`.
struct DocSeed;

impl<'de> de::DeserializeSeed<'de> for DocSeed {
    type Value = aws_smithy_types::Document;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(DocVisitor)
    }
}

struct DocVisitor;

fn too_big<E: de::Error>(n: impl fmt::Display) -> E {
    E::custom(format_args!("integer {n} does not fit in 64 bits"))
}

impl<'de> Visitor<'de> for DocVisitor {
    type Value = aws_smithy_types::Document;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value (None, bool, int, float, str, list or dict with str keys)")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(aws_smithy_types::Document::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(aws_smithy_types::Document::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(DocVisitor)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(aws_smithy_types::Document::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        use aws_smithy_types::Number;
        Ok(aws_smithy_types::Document::Number(if v < 0 {
            Number::NegInt(v)
        } else {
            Number::PosInt(v as u64)
        }))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(aws_smithy_types::Document::Number(
            aws_smithy_types::Number::PosInt(v),
        ))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Self::Value, E> {
        if let Ok(n) = i64::try_from(v) {
            self.visit_i64(n)
        } else if let Ok(n) = u64::try_from(v) {
            self.visit_u64(n)
        } else {
            Err(too_big(v))
        }
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Self::Value, E> {
        match u64::try_from(v) {
            Ok(n) => self.visit_u64(n),
            Err(_) => Err(too_big(v)),
        }
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(aws_smithy_types::Document::Number(
            aws_smithy_types::Number::Float(v),
        ))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(aws_smithy_types::Document::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(aws_smithy_types::Document::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element_seed(DocSeed)? {
            items.push(item);
        }
        Ok(aws_smithy_types::Document::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries =
            std::collections::HashMap::with_capacity(map.size_hint().unwrap_or(0).min(4096));
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(DocSeed)?;
            entries.insert(key, value);
        }
        Ok(aws_smithy_types::Document::Object(entries))
    }
}

impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DocVisitor).map(Document)
    }
}
