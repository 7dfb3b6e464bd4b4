//! Response bodies: any body, boxed, carrying the request's in-flight guard until the
//! last byte is handed to hyper (so that a client leaving mid-answer counts as cancelled).

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Full};
use hyper::body::{Body, Frame, SizeHint};

use super::state::InFlight;

/// The error type of response bodies; an error mid-body makes hyper drop the connection,
/// which is how injected faults reach the client.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Every response's body.
pub struct ResponseBody {
    inner: UnsyncBoxBody<Bytes, BoxError>,
    guard: Option<InFlight>,
}

impl ResponseBody {
    /// A body of fixed bytes.
    pub fn full(bytes: impl Into<Bytes>) -> Self {
        Self::new(Full::new(bytes.into()).map_err(|never| match never {}))
    }

    /// Wraps any body.
    pub fn new<B>(body: B) -> Self
    where
        B: Body<Data = Bytes, Error = BoxError> + Send + 'static,
    {
        Self {
            inner: UnsyncBoxBody::new(body),
            guard: None,
        }
    }

    /// Keeps `guard` alive until the body has been sent (or dropped unsent).
    pub fn with_guard(mut self, guard: InFlight) -> Self {
        if self.inner.is_end_stream() {
            guard.answered(); // nothing to send: hyper may never poll an empty body
        }
        self.guard = Some(guard);
        self
    }

    fn finished(&mut self) {
        if let Some(guard) = &self.guard {
            guard.answered();
        }
    }
}

impl Body for ResponseBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = &mut *self; // every field is Unpin
        let polled = Pin::new(&mut this.inner).poll_frame(cx);
        match &polled {
            Poll::Ready(None) => this.finished(),
            Poll::Ready(Some(Ok(_))) if this.inner.is_end_stream() => this.finished(),
            // An injected fault is an answer too, not a client that went away.
            Poll::Ready(Some(Err(_))) => this.finished(),
            _ => {}
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}
