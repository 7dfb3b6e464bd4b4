//! The one error mapping: every SDK failure becomes a `CoreError` the bindings can raise.

use std::error::Error as StdError;
use std::fmt;

use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_bedrockruntime::error::{ProvideErrorMetadata, SdkError};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;

use super::guard::{find_in_chain, ReadTimeout};
use super::metadata::ResponseMetadata;
use crate::wire::decode;

/// An error answered by Bedrock (or LocalBedrock), as boto3 reports it.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceError {
    /// The error as boto3 reads it: `Error` (code and message), the modelled error's
    /// members, and whether it was a generic (empty or HTML 5xx) response.
    pub body: decode::ErrorBody,
    /// boto3's `ResponseMetadata` of the failed response (of the stream's response, for
    /// an exception event).
    pub metadata: ResponseMetadata,
    /// Whether this is an exception event in the middle of a stream: boto3 reports it
    /// (`EventStreamError`) without `ResponseMetadata` in its response dict.
    pub in_stream: bool,
}

impl ServiceError {
    /// The error a response with `status`, headers and `body` stands for.
    pub fn from_response(status: u16, body: &[u8], metadata: ResponseMetadata) -> Self {
        Self {
            body: decode::error(status, &metadata.http_headers, body),
            metadata,
            in_stream: false,
        }
    }

    /// The error of an exception event of a stream whose response had `metadata`.
    pub fn from_event(body: decode::ErrorBody, metadata: ResponseMetadata) -> Self {
        Self {
            body,
            metadata,
            in_stream: true,
        }
    }

    /// The error code, e.g. `ThrottlingException` (an exception event's name, e.g.
    /// `throttlingException`, for an error in the middle of a stream).
    pub fn code(&self) -> &str {
        &self.body.code
    }

    /// The service's message.
    pub fn message(&self) -> &str {
        &self.body.message
    }
}

/// Every way a call can fail.
#[derive(Clone, Debug, PartialEq)]
pub enum CoreError {
    /// The service answered with an error.
    /// (Boxed: it is much the largest variant, and errors travel through every `Result`.)
    Service(Box<ServiceError>),
    /// No credentials could be found by any provider.
    NoCredentials(String),
    /// No region is configured anywhere.
    NoRegion(String),
    /// The client's own configuration is inconsistent.
    InvalidConfig(String),
    /// The request could not be built from what the caller gave.
    InvalidRequest(String),
    /// A field the caller gave fails botocore's checks: its path and the whole message.
    InvalidParameter {
        /// Dotted path of the field (`messages[0].content`); empty for the top level.
        path: String,
        /// The message, path included.
        message: String,
    },
    /// The connection could not be made or broke before a response arrived.
    Connect(String),
    /// A connect or read timeout expired.
    Timeout(String),
    /// A response arrived that the client could not read.
    InvalidResponse(String),
    /// A bug: a panic in a task, or a state that should not be reachable.
    Internal(String),
}

impl fmt::Display for CoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Service(err) => write!(f, "{}: {}", err.code(), err.message()),
            Self::InvalidParameter { message, .. } => f.write_str(message),
            Self::NoCredentials(msg)
            | Self::NoRegion(msg)
            | Self::InvalidConfig(msg)
            | Self::InvalidRequest(msg)
            | Self::Connect(msg)
            | Self::Timeout(msg)
            | Self::InvalidResponse(msg)
            | Self::Internal(msg) => f.write_str(msg),
        }
    }
}

impl StdError for CoreError {}

impl CoreError {
    /// Maps an SDK error of any operation; `metadata` is what the interceptor captured.
    pub fn from_sdk<E>(err: SdkError<E, HttpResponse>, metadata: Option<ResponseMetadata>) -> Self
    where
        E: ProvideErrorMetadata + StdError + Send + Sync + 'static,
    {
        if let Some(found) = credentials_problem(&err) {
            return found;
        }
        let detail = error_chain(&err);
        if let Some(timeout) = find_in_chain::<ReadTimeout>(&err) {
            return Self::Timeout(format!("the call timed out: {timeout}"));
        }
        match &err {
            SdkError::ServiceError(context) if context.raw().status().is_success() => {
                // A 2xx whose body the SDK could not read as the operation's output.
                Self::InvalidResponse(format!(
                    "the response (HTTP {}) could not be read: {detail}",
                    context.raw().status().as_u16()
                ))
            }
            SdkError::ServiceError(context) => {
                let service_error = context.err();
                let attempts = metadata.as_ref().map_or(1, |m| m.retry_attempts + 1);
                let reached = metadata.as_ref().is_some_and(|m| m.max_attempts_reached);
                let raw = context.raw();
                let mut metadata = ResponseMetadata::from_response(raw, attempts);
                metadata.max_attempts_reached = reached;
                if metadata.request_id.is_empty() {
                    metadata.request_id = service_error
                        .meta()
                        .extra("aws_request_id")
                        .unwrap_or_default()
                        .to_owned();
                }
                let body = raw.body().bytes().unwrap_or_default();
                Self::Service(Box::new(ServiceError::from_response(
                    raw.status().as_u16(),
                    body,
                    metadata,
                )))
            }
            SdkError::TimeoutError(_) => Self::Timeout(format!("the call timed out: {detail}")),
            SdkError::DispatchFailure(failure) if failure.is_timeout() => {
                Self::Timeout(format!("the connection timed out: {detail}"))
            }
            SdkError::DispatchFailure(_) => {
                Self::Connect(format!("could not reach the endpoint: {detail}"))
            }
            SdkError::ResponseError(_) if find_in_chain::<std::io::Error>(&err).is_some() => {
                Self::Connect(format!(
                    "the connection broke while the response was read: {detail}"
                ))
            }
            SdkError::ResponseError(_) => {
                Self::InvalidResponse(format!("the response could not be read: {detail}"))
            }
            SdkError::ConstructionFailure(_) => {
                Self::InvalidRequest(format!("the request could not be built: {detail}"))
            }
            _ => Self::Internal(detail),
        }
    }
}

/// An error and its sources as one line ("dispatch failure: io error: connection refused"),
/// repeated links dropped.
pub(super) fn error_chain(err: &(dyn StdError + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut source: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(current) = source {
        let text = current.to_string();
        if !parts.iter().any(|seen| seen.contains(&text)) {
            parts.push(text);
        }
        source = current.source();
    }
    parts.join(": ")
}

/// Missing or unusable credentials hide deep in the source chain of a dispatch failure.
fn credentials_problem(err: &(dyn StdError + 'static)) -> Option<CoreError> {
    let credentials = find_in_chain::<CredentialsError>(err)?;
    let detail = error_chain(credentials)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Some(CoreError::NoCredentials(format!(
        "no AWS credentials could be loaded: pass aws_access_key_id and aws_secret_access_key, \
         bearer_token, or profile_name, or set AWS_ACCESS_KEY_ID, AWS_PROFILE or \
         AWS_BEARER_TOKEN_BEDROCK ({detail})"
    )))
}
