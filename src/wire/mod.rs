//! Wire shapes: the Converse shapes in boto3's dict layout, and their SDK conversions.
//!
//! [`generated`] holds one serde type per botocore shape reachable from Converse,
//! ConverseStream and CountTokens (written by `codegen/gen_wire.py`), each with
//! `into_sdk`/`from_sdk`. This file holds the hand-written pieces they rely on: [`Blob`],
//! [`Document`], [`WireError`], [`Unsupported`] and the [`required`] field helper;
//! [`check`] carries botocore's client-side `min` checks to the deserializer.
//! Everything here is plain serde: no Python, no I/O.
//!
//! # Known differences from boto3
//!
//! Every member is carried both ways (tests/test_completeness.py proves it against boto3),
//! but the pinned SDK's types impose these differences; each is tested there, and the
//! first three are predicted exactly by `tests/helpers.py::as_sdk_sends`:
//!
//! - **Defaults the SDK fills in.** These members are plain values, not `Option`, in the
//!   SDK, so a request that leaves one out reaches Bedrock with the default where boto3
//!   sends nothing, and a response that leaves one out comes back with it:
//!   `DocumentBlock.format` = `"txt"`; `GuardrailConfiguration` and
//!   `GuardrailStreamConfiguration`: `guardrailIdentifier` = `""`, `guardrailVersion` = `""`,
//!   `trace` = `"disabled"`; `GuardrailStreamConfiguration.streamProcessingMode` = `"sync"`;
//!   `PerformanceConfiguration.latency` = `"standard"`. The SDK's types have no "absent"
//!   for them, so no conversion here can avoid it; only a serializer of our own could.
//! - **float32 members.** botocore `float` members (`InferenceConfiguration.temperature`,
//!   `topP`) are `f32` in the SDK: 0.7 is sent as 0.699999988079071 (the float32 nearest
//!   0.7), where boto3 sends 0.7.
//! - **Key order of JSON documents.** The SDK holds a document object as a `HashMap`, so
//!   `additionalModelRequestFields`, tool input schemas and tool inputs are sent with
//!   their keys in hash order, which varies from call to call; the JSON is equal to
//!   boto3's, its bytes are not.
//! - **Members the SDK lacks** ([`UNSUPPORTED_MEMBERS`]: `projectIdentifier` of Converse
//!   and ConverseStream) are refused with `ParamValidationError` ("not supported by this
//!   version"), never dropped.
//! - **Refused earlier than boto3** (boto3 sends them and the service fails, or sends
//!   something else): `bool` for integer and float members; NaN and infinities in a JSON
//!   document (boto3 writes invalid JSON); dict keys that are not `str` in a document
//!   (`json.dumps` would turn `1` into `"1"`).
//! - **A union member the SDK does not know** in a response raises
//!   ([`WireError::UnknownUnionMember`], naming the shape) where boto3 returns
//!   `{"SDK_UNKNOWN_MEMBER": {"name": ...}}`: the SDK has dropped its value by then.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};

pub mod check;
pub mod decode;
pub mod generated;
pub mod json;
pub mod model;
mod typed;
pub mod unsupported;
pub mod value;

pub use typed::*;
pub use unsupported::Unsupported;
pub use value::Value;

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
                "the response holds a {shape} that this version of fastconverse cannot read: \
                 a kind the service added later, or a response that is not Bedrock's"
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
    /// Whether this is the JSON `null`.
    pub fn is_null(&self) -> bool {
        self.0.is_null()
    }

    /// `skip_serializing_if` of an optional document member: absent or `null`, which
    /// boto3 leaves out of a response dict as it does any member that is `null`.
    pub fn is_absent(value: &Option<Document>) -> bool {
        value.as_ref().is_none_or(Document::is_null)
    }

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
