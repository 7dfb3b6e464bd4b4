//! Scripted answers beyond Bedrock's own: raw HTTP answers (any status, headers and
//! body, as a proxy or load balancer in front of Bedrock might send) and connection
//! faults (resets and stalls), each taken from the queue by one model request.

use std::time::Duration;

use bytes::Bytes;

use super::body::{StreamItem, FLUSH_PAUSE};

/// How many bytes of the body a `stall_body` fault sends before it stalls.
pub const STALL_BODY_BYTES: usize = 20;

/// An answer given byte for byte: the status, these headers (plus `content-length`) and
/// this body, with none of Bedrock's headers added.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawAnswer {
    /// The HTTP status.
    pub status: u16,
    /// The headers, in order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Bytes,
}

/// Headers a raw answer may not set: the server frames the body itself.
const FRAMING_HEADERS: [&str; 3] = ["content-length", "transfer-encoding", "connection"];

impl RawAnswer {
    /// Checks the status (100 to 599, not 1xx: those are not final answers) and that the
    /// headers are valid HTTP and leave the framing to the server.
    pub fn check(&self) -> Result<(), String> {
        if !(200..=599).contains(&self.status) {
            return Err(format!(
                "status must be between 200 and 599, got {}",
                self.status
            ));
        }
        for (name, value) in &self.headers {
            if http::HeaderName::from_bytes(name.as_bytes()).is_err() {
                return Err(format!("{name:?} is not a valid header name"));
            }
            if http::HeaderValue::from_str(value).is_err() {
                return Err(format!("header {name:?}: {value:?} is not a valid value"));
            }
            if FRAMING_HEADERS
                .iter()
                .any(|framing| name.eq_ignore_ascii_case(framing))
            {
                return Err(format!(
                    "header {name:?} is set by the server (the body is sent whole, then the \
                     connection is kept alive)"
                ));
            }
        }
        Ok(())
    }
}

/// A fault of the connection, instead of (or on the way to) an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConnectionFault {
    /// Closes the connection with a TCP reset before any byte of the answer.
    Reset,
    /// Sends the status line and headers (with the full `content-length`) and part of
    /// the body, then closes the connection.
    ResetAfterHeaders,
    /// Reads the request, then sends nothing for this long (`None`: until the server
    /// stops or the client leaves), then the answer.
    StallHeaders(Option<Duration>),
    /// Sends the headers and the first 20 bytes of the body, then nothing for this long
    /// (`None`: until the server stops or the client leaves), then the rest.
    StallBody(Option<Duration>),
}

impl ConnectionFault {
    /// The fault named `kind` (`"reset"`, `"reset_after_headers"`, `"stall_headers"`,
    /// `"stall_body"`); `seconds` is how long a stall lasts, and only stalls take it.
    pub fn parse(kind: &str, seconds: Option<Duration>) -> Result<Self, String> {
        let fault = match kind {
            "reset" => Self::Reset,
            "reset_after_headers" => Self::ResetAfterHeaders,
            "stall_headers" => return Ok(Self::StallHeaders(seconds)),
            "stall_body" => return Ok(Self::StallBody(seconds)),
            other => {
                return Err(format!(
                    "kind must be 'reset', 'reset_after_headers', 'stall_headers' or \
                     'stall_body', got {other:?}"
                ))
            }
        };
        match seconds {
            None => Ok(fault),
            Some(_) => Err(format!("seconds is for stalls only, not for {kind:?}")),
        }
    }

    /// How long the answer's head is held back.
    pub fn head_delay(self) -> Option<Duration> {
        match self {
            Self::StallHeaders(stall) => Some(stall.unwrap_or(Duration::MAX)),
            _ => None,
        }
    }

    /// The body items that deliver `body` with this fault (the headers carry the full
    /// length). Faults that touch no body deliver it whole.
    pub fn body_items(self, body: Bytes) -> Vec<StreamItem> {
        match self {
            Self::ResetAfterHeaders => {
                let sent = body.len() / 2;
                vec![
                    StreamItem::Frame(body.slice(..sent)),
                    StreamItem::Pause(FLUSH_PAUSE),
                    StreamItem::Drop,
                ]
            }
            Self::StallBody(stall) => {
                let sent = body.len().min(STALL_BODY_BYTES);
                vec![
                    StreamItem::Frame(body.slice(..sent)),
                    // tokio ends a sleep too long to represent at a far-future instant.
                    StreamItem::Pause(stall.unwrap_or(Duration::MAX)),
                    StreamItem::Frame(body.slice(sent..)),
                ]
            }
            Self::Reset | Self::StallHeaders(_) => vec![StreamItem::Frame(body)],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_kinds_and_keeps_seconds_for_stalls() {
        let five = Some(Duration::from_secs(5));
        assert_eq!(
            ConnectionFault::parse("reset", None),
            Ok(ConnectionFault::Reset)
        );
        assert_eq!(
            ConnectionFault::parse("stall_body", five),
            Ok(ConnectionFault::StallBody(five))
        );
        assert!(ConnectionFault::parse("reset", five)
            .unwrap_err()
            .contains("stalls only"));
        assert!(ConnectionFault::parse("explode", None)
            .unwrap_err()
            .starts_with("kind must be"));
    }

    #[test]
    fn raw_answers_leave_framing_to_the_server() {
        let raw = |status, name: &str| RawAnswer {
            status,
            headers: vec![(name.to_owned(), "x".to_owned())],
            body: Bytes::new(),
        };
        assert_eq!(raw(502, "content-type").check(), Ok(()));
        assert!(raw(502, "Content-Length").check().is_err());
        assert!(raw(502, "bad header").check().is_err());
        assert!(raw(101, "content-type").check().is_err());
    }
}
