//! AWS event-stream frames read in place, as botocore's `EventStreamBuffer` reads them.
//!
//! A frame is a prelude (total length, headers length, the prelude's CRC32), headers,
//! a payload and the message's CRC32. Reading one here copies and allocates nothing: the
//! headers that decide how botocore reads an event are borrowed from the buffer, the
//! payload is a slice of it, and each CRC is one pass over contiguous bytes. The bounds
//! botocore puts on lengths are checked earlier, as the bytes arrive
//! (`core::guard`), so that a frame claiming gigabytes is refused before it is buffered.

use std::fmt;

use super::decode::EventHeaders;

/// Total length, headers length and the prelude's CRC.
pub const PRELUDE_LEN: usize = 12;
/// The message CRC at a frame's end.
const MESSAGE_CRC_LEN: usize = 4;
/// What every frame holds besides its headers and payload: the prelude and the two CRCs.
pub const FRAME_OVERHEAD: usize = PRELUDE_LEN + MESSAGE_CRC_LEN;

/// Why a frame could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameError(String);

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FrameError {}

fn invalid(why: impl Into<String>) -> FrameError {
    FrameError(why.into())
}

fn be_u32(bytes: &[u8]) -> u32 {
    u32::from_be_bytes(bytes[..4].try_into().expect("four bytes"))
}

/// The length of the frame at the front of `buffer` once all of it is there: `None`
/// while more bytes are needed. Checks the prelude's CRC and that its lengths fit.
pub fn complete_len(buffer: &[u8]) -> Result<Option<usize>, FrameError> {
    if buffer.len() < PRELUDE_LEN {
        return Ok(None);
    }
    let total = be_u32(buffer) as usize;
    let headers = be_u32(&buffer[4..]) as usize;
    let expected = be_u32(&buffer[8..]);
    let actual = crc32fast::hash(&buffer[..8]);
    if actual != expected {
        return Err(invalid(format!(
            "prelude checksum mismatch: expected {expected:#010x}, computed {actual:#010x}"
        )));
    }
    if total < FRAME_OVERHEAD + headers || headers == 1 {
        return Err(invalid(format!(
            "a frame of {total} bytes cannot hold {headers} bytes of headers"
        )));
    }
    Ok((buffer.len() >= total).then_some(total))
}

/// A frame's headers (those botocore reads) and payload, borrowed from its bytes.
#[derive(Debug, Clone, Copy)]
pub struct Frame<'a> {
    /// `:message-type`, `:event-type`, `:exception-type`, `:error-code` and
    /// `:error-message`, when present as strings.
    pub headers: EventHeaders<'a>,
    /// The payload (JSON for Bedrock's events and errors).
    pub payload: &'a [u8],
}

/// Reads the complete frame `bytes` (as long as [`complete_len`] said): checks the
/// message CRC and every header, as botocore does.
pub fn read(bytes: &[u8]) -> Result<Frame<'_>, FrameError> {
    let (body, crc) = bytes.split_at(bytes.len() - MESSAGE_CRC_LEN);
    let expected = be_u32(crc);
    let actual = crc32fast::hash(body);
    if actual != expected {
        return Err(invalid(format!(
            "message checksum mismatch: expected {expected:#010x}, computed {actual:#010x}"
        )));
    }
    let headers_len = be_u32(&bytes[4..]) as usize;
    let (raw_headers, payload) = body[PRELUDE_LEN..].split_at(headers_len);
    Ok(Frame {
        headers: read_headers(raw_headers)?,
        payload,
    })
}

/// A header's value, as far as botocore's reading of events needs it.
enum HeaderValue<'a> {
    Text(&'a str),
    Other,
}

fn read_headers(mut raw: &[u8]) -> Result<EventHeaders<'_>, FrameError> {
    let mut headers = EventHeaders::default();
    while !raw.is_empty() {
        let name_len = usize::from(raw[0]);
        let Some(name) = raw.get(1..1 + name_len) else {
            return Err(invalid("a header name runs past the headers"));
        };
        let name = std::str::from_utf8(name).map_err(|_| invalid("a header name is not UTF-8"))?;
        let (value, rest) = read_value(&raw[1 + name_len..])?;
        raw = rest;
        if let HeaderValue::Text(value) = value {
            let slot = match name {
                ":message-type" => &mut headers.message_type,
                ":event-type" => &mut headers.event_type,
                ":exception-type" => &mut headers.exception_type,
                ":error-code" => &mut headers.error_code,
                ":error-message" => &mut headers.error_message,
                _ => continue,
            };
            *slot = Some(value);
        }
    }
    Ok(headers)
}

/// A header value (its type byte, then the value) and what follows it.
fn read_value(raw: &[u8]) -> Result<(HeaderValue<'_>, &[u8]), FrameError> {
    let Some((&kind, raw)) = raw.split_first() else {
        return Err(invalid("a header has no value type"));
    };
    let fixed = |len: usize| -> Result<(HeaderValue<'_>, &[u8]), FrameError> {
        raw.get(len..)
            .map(|rest| (HeaderValue::Other, rest))
            .ok_or_else(|| invalid("a header value runs past the headers"))
    };
    match kind {
        0 | 1 => fixed(0), // true, false
        2 => fixed(1),     // byte
        3 => fixed(2),     // int16
        4 => fixed(4),     // int32
        5 | 8 => fixed(8), // int64, timestamp
        9 => fixed(16),    // uuid
        6 | 7 => {
            // Byte array or string: a 16-bit length, then the bytes.
            let (Some(len), Some(after)) = (raw.get(..2), raw.get(2..)) else {
                return Err(invalid("a header value runs past the headers"));
            };
            let len = usize::from(u16::from_be_bytes([len[0], len[1]]));
            let Some(value) = after.get(..len) else {
                return Err(invalid("a header value runs past the headers"));
            };
            let value = if kind == 7 {
                HeaderValue::Text(
                    std::str::from_utf8(value)
                        .map_err(|_| invalid("a string header value is not UTF-8"))?,
                )
            } else {
                HeaderValue::Other
            };
            Ok((value, &after[len..]))
        }
        other => Err(invalid(format!("unknown header value type {other}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_smithy_eventstream::frame::write_message_to;
    use aws_smithy_types::event_stream::{Header, HeaderValue as SdkValue, Message};

    fn frame(headers: Vec<Header>, payload: &'static [u8]) -> Vec<u8> {
        let mut message = Message::new(payload);
        for header in headers {
            message = message.add_header(header);
        }
        let mut bytes = Vec::new();
        write_message_to(&message, &mut bytes).unwrap();
        bytes
    }

    fn event_frame() -> Vec<u8> {
        frame(
            vec![
                Header::new(":message-type", SdkValue::String("event".into())),
                Header::new(":event-type", SdkValue::String("contentBlockDelta".into())),
                Header::new(":content-type", SdkValue::String("application/json".into())),
                Header::new("flag", SdkValue::Bool(true)),
                Header::new("n", SdkValue::Int64(7)),
                Header::new("id", SdkValue::Uuid(1)),
                Header::new("raw", SdkValue::ByteArray(vec![1, 2, 3].into())),
                Header::new(":error-code", SdkValue::Int32(5)),
            ],
            br#"{"delta":{"text":"hi"}}"#,
        )
    }

    #[test]
    fn reads_what_the_sdk_writes_in_place() {
        let bytes = event_frame();
        assert_eq!(complete_len(&bytes).unwrap(), Some(bytes.len()));
        let read = read(&bytes).unwrap();
        assert_eq!(read.headers.message_type, Some("event"));
        assert_eq!(read.headers.event_type, Some("contentBlockDelta"));
        // Headers of other types than string are not the strings botocore reads.
        assert_eq!(read.headers.error_code, None);
        assert_eq!(read.payload, br#"{"delta":{"text":"hi"}}"#);
    }

    #[test]
    fn every_prefix_is_incomplete_and_the_next_frame_waits() {
        let bytes = event_frame();
        for end in 0..bytes.len() {
            assert_eq!(complete_len(&bytes[..end]).unwrap(), None, "{end}");
        }
        let mut two = bytes.clone();
        two.extend_from_slice(&bytes[..5]);
        assert_eq!(complete_len(&two).unwrap(), Some(bytes.len()));
    }

    #[test]
    fn any_flipped_bit_is_refused_or_harmless() {
        let bytes = event_frame();
        for at in 0..bytes.len() {
            let mut corrupt = bytes.clone();
            corrupt[at] ^= 0x10;
            let outcome = complete_len(&corrupt).and_then(|len| match len {
                Some(len) if len <= corrupt.len() => read(&corrupt[..len]).map(|_| ()),
                _ => Ok(()),
            });
            // Every byte is covered by one of the two CRCs: a flip never reads cleanly.
            assert!(outcome.is_err(), "a flip at byte {at} was read");
        }
    }

    #[test]
    fn malformed_headers_are_errors_not_panics() {
        // Headers claiming more than they hold, an unknown type, bad UTF-8: each inside a
        // frame with valid CRCs.
        for raw_headers in [
            &b"\x05:even"[..],
            b"\x01a\x0a",
            b"\x01a\x07\x00\x09abc",
            b"\x01a\x07\x00\x02\xff\xfe",
            b"\x01\xffa\x00",
            b"\x01a",
        ] {
            let total = (FRAME_OVERHEAD + raw_headers.len()) as u32;
            let mut bytes = total.to_be_bytes().to_vec();
            bytes.extend_from_slice(&(raw_headers.len() as u32).to_be_bytes());
            bytes.extend_from_slice(&crc32fast::hash(&bytes).to_be_bytes());
            bytes.extend_from_slice(raw_headers);
            bytes.extend_from_slice(&crc32fast::hash(&bytes).to_be_bytes());
            assert_eq!(complete_len(&bytes).unwrap(), Some(bytes.len()));
            assert!(read(&bytes).is_err(), "{raw_headers:?}");
        }
    }

    #[test]
    fn a_prelude_whose_lengths_cannot_fit_is_refused() {
        let mut bytes = 15u32.to_be_bytes().to_vec();
        bytes.extend_from_slice(&0u32.to_be_bytes());
        bytes.extend_from_slice(&crc32fast::hash(&bytes).to_be_bytes());
        assert!(complete_len(&bytes).is_err());
    }
}
