//! Response bodies: any body, boxed, carrying the request's in-flight guard until the
//! last byte is handed to hyper (so that a client leaving mid-answer counts as cancelled),
//! and the body that sends frames, pauses and scripted drops one by one.
//!
//! At the bottom of the emulator's modules: it names no other (the guard is an
//! [`AnswerGuard`], which `state::InFlight` is).

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Full};
use hyper::body::{Body, Frame, SizeHint};
use tokio::time::Sleep;

/// The pause before a scripted close mid-body, long enough for hyper to flush what was
/// written before it.
pub const FLUSH_PAUSE: Duration = Duration::from_millis(20);

/// What a response body tells the request it answers once it has been handed over in
/// full; dropped before that, the request counts as cancelled.
pub trait AnswerGuard: Send {
    /// Marks the answer as fully handed to the connection.
    fn answered(&self);
}

/// The error type of response bodies; an error mid-body makes hyper drop the connection,
/// which is how injected faults reach the client.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Every response's body.
pub struct ResponseBody {
    inner: UnsyncBoxBody<Bytes, BoxError>,
    guard: Option<Box<dyn AnswerGuard>>,
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
    pub fn with_guard(mut self, guard: impl AnswerGuard + 'static) -> Self {
        if self.inner.is_end_stream() {
            guard.answered(); // nothing to send: hyper may never poll an empty body
        }
        self.guard = Some(Box::new(guard));
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

/// What a stream body sends next.
#[derive(Clone, Debug)]
pub enum StreamItem {
    /// An encoded frame.
    Frame(Bytes),
    /// A pause (on top of the pace).
    Pause(Duration),
    /// An error, on which hyper closes the connection mid-body.
    Drop,
}

/// A body that sends its items one by one, `pace` apart.
pub struct EventStreamBody {
    items: VecDeque<StreamItem>,
    pace: Duration,
    wait: Option<Pin<Box<Sleep>>>,
}

impl EventStreamBody {
    /// Items to send in order, `pace` between consecutive ones.
    pub fn new(items: impl IntoIterator<Item = StreamItem>, pace: Duration) -> Self {
        Self {
            items: items.into_iter().collect(),
            pace,
            wait: None,
        }
    }
}

impl Body for EventStreamBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = &mut *self;
        loop {
            if let Some(wait) = this.wait.as_mut() {
                if wait.as_mut().poll(cx).is_pending() {
                    return Poll::Pending;
                }
                this.wait = None;
            }
            let Some(item) = this.items.pop_front() else {
                return Poll::Ready(None);
            };
            match item {
                StreamItem::Pause(pause) => this.wait = Some(Box::pin(tokio::time::sleep(pause))),
                StreamItem::Frame(frame) => {
                    if !this.pace.is_zero() && !this.items.is_empty() {
                        this.wait = Some(Box::pin(tokio::time::sleep(this.pace)));
                    }
                    return Poll::Ready(Some(Ok(Frame::data(frame))));
                }
                StreamItem::Drop => {
                    return Poll::Ready(Some(Err(
                        "LocalBedrock: connection dropped as scripted".into()
                    )));
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.items.is_empty() && self.wait.is_none()
    }
}
