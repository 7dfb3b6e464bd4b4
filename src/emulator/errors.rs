//! Errors in Bedrock's wire form: a code, a message and a status, plus fresh request ids.

use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

/// An error answer: `x-amzn-ErrorType: <code>:...`, a status and `{"message": ...}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceError {
    /// The error code, such as `ThrottlingException`.
    pub code: String,
    /// The message in the JSON body.
    pub message: String,
    /// The HTTP status.
    pub status: u16,
}

impl ServiceError {
    /// An error with the status Bedrock uses for `code` (see [`default_status`]).
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        let code = code.into();
        let status = default_status(&code);
        Self {
            code,
            message: message.into(),
            status,
        }
    }

    /// An error with an explicit status.
    pub fn with_status(code: impl Into<String>, message: impl Into<String>, status: u16) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
            status,
        }
    }

    /// A `ValidationException` (400).
    pub fn validation(message: impl Into<String>) -> Self {
        Self::new("ValidationException", message)
    }

    /// The value of the `x-amzn-ErrorType` header. Errors raised by AWS's front end
    /// (authentication, serialization, routing) carry Coral's own namespace, the rest
    /// Bedrock's, as the real service does; SDKs read only the part before the colon.
    pub fn error_type_header(&self) -> String {
        let namespace = if FRONT_END_CODES.contains(&self.code.as_str()) {
            "com.amazon.coral.service"
        } else {
            "com.amazon.bedrock"
        };
        format!(
            "{}:http://internal.amazon.com/coral/{namespace}/",
            self.code
        )
    }

    /// The JSON body: `{"message": ...}`.
    pub fn body(&self) -> Vec<u8> {
        serde_json::json!({ "message": self.message })
            .to_string()
            .into_bytes()
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.code, self.status, self.message)
    }
}

const FRONT_END_CODES: &[&str] = &[
    "UnrecognizedClientException",
    "InvalidSignatureException",
    "MissingAuthenticationTokenException",
    "IncompleteSignatureException",
    "SerializationException",
    "UnknownOperationException",
];

/// The status Bedrock answers with for an error code; 400 for codes it does not know.
pub fn default_status(code: &str) -> u16 {
    match code {
        "AccessDeniedException"
        | "UnrecognizedClientException"
        | "InvalidSignatureException"
        | "MissingAuthenticationTokenException" => 403,
        "ResourceNotFoundException" | "UnknownOperationException" => 404,
        "ModelTimeoutException" => 408,
        "ModelErrorException" | "ModelStreamErrorException" => 424,
        "ThrottlingException" | "ModelNotReadyException" => 429,
        "InternalServerException" => 500,
        "ServiceUnavailableException" => 503,
        _ => 400,
    }
}

/// A fresh request id in UUID v4 layout (`xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`).
pub fn request_id() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    // RandomState is seeded randomly per process and varied per instance; mixing in a
    // counter keeps ids unique even if two states were to collide.
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut hi = RandomState::new().build_hasher();
    hi.write_u64(n);
    let mut lo = RandomState::new().build_hasher();
    lo.write_u64(!n);
    let (hi, lo) = (hi.finish(), lo.finish());
    let hi = (hi & 0xffff_ffff_ffff_0fff) | 0x4000; // version 4
    let lo = (lo & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000; // RFC 4122 variant
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xffff,
        hi & 0xffff,
        lo >> 48,
        lo & 0xffff_ffff_ffff
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_follow_bedrock() {
        assert_eq!(ServiceError::new("ThrottlingException", "x").status, 429);
        assert_eq!(ServiceError::new("ModelErrorException", "x").status, 424);
        assert_eq!(
            ServiceError::new("ServiceQuotaExceededException", "x").status,
            400
        );
        assert_eq!(ServiceError::new("SomethingNewException", "x").status, 400);
        assert_eq!(
            ServiceError::with_status("ThrottlingException", "x", 503).status,
            503
        );
    }

    #[test]
    fn error_type_header_names_the_code_first() {
        let err = ServiceError::validation("bad");
        assert_eq!(
            err.error_type_header(),
            "ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/"
        );
        assert_eq!(err.body(), br#"{"message":"bad"}"#);
    }

    #[test]
    fn request_ids_are_uuid_shaped_and_fresh() {
        let a = request_id();
        let b = request_id();
        assert_ne!(a, b);
        let groups: Vec<usize> = a.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert_eq!(&a[14..15], "4");
        assert!(a.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
    }
}
