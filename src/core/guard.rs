//! Guards on every response body: read_timeout between reads, and a bound on event frames.
//!
//! The SDK's read timeout covers the wait for the response headers only: once they have
//! arrived, a body that stalls after a few bytes, or a stream that pauses between events,
//! waits as long as the server likes. And the SDK's event-stream decoder buffers a frame
//! until the length its prelude claims has arrived, so a prelude claiming 4 GiB makes it
//! hold everything that follows. An interceptor wraps each response body before the SDK
//! reads it: every wait for data is bounded by the read timeout, and in an event stream
//! each frame's prelude is checked as it passes, with botocore's limits (headers up to
//! 128 KiB, payload up to 24 MiB), before anything is buffered.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::BeforeDeserializationInterceptorContextMut;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::config_bag::ConfigBag;
use aws_smithy_types::timeout::TimeoutConfig;
use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use tokio::time::{Instant, Sleep};

use crate::wire::frame;

/// botocore's bound on an event frame's headers.
pub const MAX_FRAME_HEADERS: u32 = 128 * 1024;
/// botocore's bound on an event frame's payload.
pub const MAX_FRAME_PAYLOAD: u32 = 24 * 1024 * 1024;

/// The content type of an AWS event stream.
const EVENT_STREAM: &str = "application/vnd.amazon.eventstream";

/// No data arrived within the read timeout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadTimeout(pub Duration);

impl fmt::Display for ReadTimeout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "no data arrived for {} s while the response was read (read_timeout)",
            self.0.as_secs_f64()
        )
    }
}

impl StdError for ReadTimeout {}

/// An event frame whose prelude is beyond botocore's bounds or inconsistent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidFrame(pub String);

impl fmt::Display for InvalidFrame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl StdError for InvalidFrame {}

/// The first error of type `T` in `err`'s source chain.
pub fn find_in_chain<'a, T: StdError + 'static>(
    err: &'a (dyn StdError + 'static),
) -> Option<&'a T> {
    let mut source: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(current) = source {
        if let Some(found) = current.downcast_ref::<T>() {
            return Some(found);
        }
        source = current.source();
    }
    None
}

/// Wraps every response body in a [`GuardedBody`] (registered on each SDK client).
#[derive(Debug)]
pub struct ResponseGuardInterceptor;

impl Intercept for ResponseGuardInterceptor {
    fn name(&self) -> &'static str {
        "fastconverse.ResponseGuard"
    }

    fn modify_before_deserialization(
        &self,
        context: &mut BeforeDeserializationInterceptorContextMut<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let read_timeout = cfg.load::<TimeoutConfig>().and_then(|t| t.read_timeout());
        let response = context.response_mut();
        let frames = response
            .headers()
            .get("content-type")
            .is_some_and(|value| value.starts_with(EVENT_STREAM))
            .then(FrameCheck::default);
        if read_timeout.is_none() && frames.is_none() {
            return Ok(());
        }
        let body = response.take_body();
        *response.body_mut() = SdkBody::from_body_1_x(GuardedBody {
            inner: body,
            read_timeout,
            timer: None,
            armed: false,
            frames,
            failed: false,
        });
        Ok(())
    }
}

/// A response body whose every wait for data is bounded, and whose event frames are
/// checked at their prelude.
struct GuardedBody {
    inner: SdkBody,
    read_timeout: Option<Duration>,
    /// Made on the first wait, then reset: one allocation per body, not per read.
    timer: Option<Pin<Box<Sleep>>>,
    /// Whether `timer` runs for the current wait.
    armed: bool,
    frames: Option<FrameCheck>,
    /// After an error, the body ends: nothing more is read from the connection.
    failed: bool,
}

impl GuardedBody {
    fn fail(&mut self, err: BoxError) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        self.failed = true;
        Poll::Ready(Some(Err(err)))
    }
}

impl Body for GuardedBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = self.get_mut();
        if this.failed {
            return Poll::Ready(None);
        }
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(Some(Ok(frame))) => {
                this.armed = false;
                if let (Some(check), Some(data)) = (this.frames.as_mut(), frame.data_ref()) {
                    if let Err(err) = check.feed(data) {
                        return this.fail(Box::new(err));
                    }
                }
                Poll::Ready(Some(Ok(frame)))
            }
            Poll::Ready(Some(Err(err))) => this.fail(err),
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => {
                let Some(limit) = this.read_timeout else {
                    return Poll::Pending;
                };
                let deadline = Instant::now() + limit;
                let timer = this
                    .timer
                    .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
                if !this.armed {
                    timer.as_mut().reset(deadline);
                    this.armed = true;
                }
                match timer.as_mut().poll(cx) {
                    Poll::Ready(()) => this.fail(Box::new(ReadTimeout(limit))),
                    Poll::Pending => Poll::Pending,
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.failed || self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// Follows the frames of an event stream through the bytes as they pass, checking each
/// prelude (total length, headers length) against botocore's bounds.
#[derive(Debug, Default)]
struct FrameCheck {
    prelude: [u8; 8],
    /// Bytes of the current prelude seen so far.
    have: usize,
    /// Bytes of the current frame still to pass after its prelude.
    remaining: u64,
}

/// A frame's prelude and its two CRCs.
const FRAME_OVERHEAD: u64 = frame::FRAME_OVERHEAD as u64;

impl FrameCheck {
    fn feed(&mut self, mut data: &[u8]) -> Result<(), InvalidFrame> {
        while !data.is_empty() {
            if self.remaining > 0 {
                let n = usize::try_from(self.remaining)
                    .unwrap_or(usize::MAX)
                    .min(data.len());
                self.remaining -= n as u64;
                data = &data[n..];
                continue;
            }
            let n = (self.prelude.len() - self.have).min(data.len());
            self.prelude[self.have..self.have + n].copy_from_slice(&data[..n]);
            self.have += n;
            data = &data[n..];
            if self.have == self.prelude.len() {
                self.have = 0;
                self.remaining = self.check_prelude()? - self.prelude.len() as u64;
            }
        }
        Ok(())
    }

    /// The frame's total length, when its prelude is within bounds.
    fn check_prelude(&self) -> Result<u64, InvalidFrame> {
        let total = u64::from(u32::from_be_bytes(self.prelude[..4].try_into().unwrap()));
        let headers = u32::from_be_bytes(self.prelude[4..].try_into().unwrap());
        if headers > MAX_FRAME_HEADERS {
            return Err(InvalidFrame(format!(
                "an event frame's header length of {headers} exceeds the maximum of \
                 {MAX_FRAME_HEADERS}"
            )));
        }
        let Some(payload) = total.checked_sub(FRAME_OVERHEAD + u64::from(headers)) else {
            return Err(InvalidFrame(format!(
                "an event frame's total length of {total} is less than its header length of \
                 {headers} and {FRAME_OVERHEAD} bytes of prelude and checksums"
            )));
        };
        if payload > u64::from(MAX_FRAME_PAYLOAD) {
            return Err(InvalidFrame(format!(
                "an event frame's payload length of {payload} exceeds the maximum of \
                 {MAX_FRAME_PAYLOAD}"
            )));
        }
        Ok(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(total: u32, headers: u32) -> Vec<u8> {
        let mut bytes = total.to_be_bytes().to_vec();
        bytes.extend(headers.to_be_bytes());
        bytes.resize(total as usize, 0);
        bytes
    }

    #[test]
    fn frames_within_bounds_pass_whatever_their_split() {
        let stream: Vec<u8> = [frame(16, 0), frame(100, 20), frame(40, 8)].concat();
        for split in 1..stream.len() {
            let mut check = FrameCheck::default();
            for chunk in stream.chunks(split) {
                check.feed(chunk).unwrap();
            }
            assert_eq!((check.have, check.remaining), (0, 0), "split {split}");
        }
    }

    #[test]
    fn a_prelude_claiming_4_gib_is_refused_before_its_payload() {
        let mut check = FrameCheck::default();
        check.feed(&frame(16, 0)).unwrap();
        let mut huge = u32::MAX.to_be_bytes().to_vec();
        huge.extend(0u32.to_be_bytes());
        let err = check.feed(&huge).unwrap_err();
        assert!(err.0.contains("payload length"), "{err}");
    }

    #[test]
    fn oversized_headers_and_impossible_lengths_are_refused() {
        let mut bytes = 200_000u32.to_be_bytes().to_vec();
        bytes.extend((MAX_FRAME_HEADERS + 1).to_be_bytes());
        assert!(FrameCheck::default()
            .feed(&bytes)
            .unwrap_err()
            .0
            .contains("header length"));
        let mut bytes = 10u32.to_be_bytes().to_vec();
        bytes.extend(0u32.to_be_bytes());
        assert!(FrameCheck::default()
            .feed(&bytes)
            .unwrap_err()
            .0
            .contains("less than"));
    }

    #[test]
    fn the_largest_payload_botocore_takes_passes() {
        let total = MAX_FRAME_PAYLOAD + 16 + 10;
        let mut bytes = total.to_be_bytes().to_vec();
        bytes.extend(10u32.to_be_bytes());
        FrameCheck::default().feed(&bytes).unwrap();
    }

    #[tokio::test(start_paused = true)]
    async fn a_body_that_stalls_fails_after_the_read_timeout() {
        use http_body_util::BodyExt;
        let (sender, inner) = hyper_body_channel();
        sender.send(Bytes::from_static(b"{\"out")).await.unwrap();
        let mut body = GuardedBody {
            inner,
            read_timeout: Some(Duration::from_secs(5)),
            timer: None,
            armed: false,
            frames: None,
            failed: false,
        };
        let first = body.frame().await.unwrap().unwrap();
        assert_eq!(first.into_data().unwrap(), "{\"out");
        let err = body.frame().await.unwrap().unwrap_err();
        assert_eq!(
            err.downcast_ref::<ReadTimeout>(),
            Some(&ReadTimeout(Duration::from_secs(5)))
        );
        assert!(
            body.frame().await.is_none(),
            "the body ends after its error"
        );
        drop(sender);
    }

    /// A body fed through a channel, as a connection would feed it.
    fn hyper_body_channel() -> (tokio::sync::mpsc::Sender<Bytes>, SdkBody) {
        let (sender, receiver) = tokio::sync::mpsc::channel::<Bytes>(4);
        let stream = http_body_util::StreamBody::new(ChannelFrames(receiver));
        (sender, SdkBody::from_body_1_x(stream))
    }

    struct ChannelFrames(tokio::sync::mpsc::Receiver<Bytes>);

    impl futures_core::Stream for ChannelFrames {
        type Item = Result<Frame<Bytes>, BoxError>;
        fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
            self.0
                .poll_recv(cx)
                .map(|item| item.map(|bytes| Ok(Frame::data(bytes))))
        }
    }
}
