//! `Unsupported`: the type of botocore members that the pinned AWS SDK cannot carry.
//!
//! Such a member is an `Option<Unsupported>` field (or an `Unsupported` union variant) whose
//! generated `deserialize_with` function calls [`reject`], naming the member. The type has no
//! values, so a field of it is always `None` and the conversions ignore it.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value that cannot exist: the type of members this version of fastconverse cannot send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsupported {}

impl fmt::Display for Unsupported {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {}
    }
}

impl Serialize for Unsupported {
    fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        match *self {}
    }
}

impl<'de> Deserialize<'de> for Unsupported {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        reject(
            deserializer,
            "this member is not supported by this version of fastconverse",
        )
    }
}

/// Fails with `message`, whatever the input: the body of every generated
/// `deserialize_with` function of an unsupported member.
pub fn reject<'de, D: Deserializer<'de>, T>(
    _deserializer: D,
    message: &str,
) -> Result<T, D::Error> {
    Err(serde::de::Error::custom(message))
}
