//! Our bytes through the SDK's orchestrator: the body we wrote goes out, the raw response
//! comes back to us.
//!
//! The SDK keeps doing what it does well (credentials, SigV4, endpoints, retries and their
//! classification, timeouts, the HTTP client); only its typed shapes leave the data path.
//! Each call runs inside [`exchange`], a task-local slot that holds the body to send and
//! receives the response's. One client-level interceptor, [`WireInterceptor`], does the
//! swapping:
//!
//! - before the retry loop (after the SDK has built the request, URI and headers, from an
//!   input that holds only the model id, and before anything is signed) it puts our body
//!   in; every attempt starts from that request, so every attempt sends and signs it;
//! - before each successful response is deserialized, it takes the body for us: a
//!   stream's as it arrives, before any event is read; a converse body behind a wrapper
//!   that the orchestrator reads to its end inside its retry loop (so a body that stalls
//!   or breaks is retried as before) and that hands the SDK `{}` in place of the bytes,
//!   from which the SDK builds an output nobody reads. Error responses reach the SDK's
//!   deserializer unchanged, so its retry classification sees what it always saw; their
//!   raw body comes back in the `SdkError`.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeDeserializationInterceptorContextMut, BeforeTransmitInterceptorContextMut,
};
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::orchestrator::Metadata;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::config_bag::ConfigBag;
use bytes::Bytes;
use http_body::Frame;

/// The raw body of a successful response.
#[derive(Debug)]
pub enum RawBody {
    /// A whole body, read by the orchestrator (Converse, CountTokens).
    Complete(Bytes),
    /// A stream's body, still arriving (ConverseStream).
    Streaming(SdkBody),
}

/// Where a response's raw body is left for the call.
type Received = Arc<Mutex<Option<RawBody>>>;

/// One call's slot: the body to send, and where the raw body received goes.
struct Slot {
    request: Option<Bytes>,
    response: Received,
}

tokio::task_local! {
    static EXCHANGE: RefCell<Slot>;
}

/// Runs `call` (one SDK operation) sending `body`; returns its output and the raw body of
/// its successful response, if one arrived.
pub async fn exchange<F: Future>(body: Bytes, call: F) -> (F::Output, Option<RawBody>) {
    let received = Received::default();
    let slot = Slot {
        request: Some(body),
        response: received.clone(),
    };
    let output = EXCHANGE.scope(RefCell::new(slot), call).await;
    let raw = received
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .take();
    (output, raw)
}

/// Puts our body into the request and takes the response's (see the module's notes).
/// Outside [`exchange`] it leaves the operation as the SDK built it.
#[derive(Debug)]
pub struct WireInterceptor;

impl Intercept for WireInterceptor {
    fn name(&self) -> &'static str {
        "fastconverse.Wire"
    }

    fn modify_before_retry_loop(
        &self,
        context: &mut BeforeTransmitInterceptorContextMut<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let Ok(body) = EXCHANGE.try_with(|slot| slot.borrow_mut().request.take()) else {
            return Ok(());
        };
        let body = body.ok_or("the request body was already sent")?;
        let request = context.request_mut();
        request
            .headers_mut()
            .insert("content-length", body.len().to_string());
        *request.body_mut() = SdkBody::from(body);
        Ok(())
    }

    fn modify_before_deserialization(
        &self,
        context: &mut BeforeDeserializationInterceptorContextMut<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let Ok(received) = EXCHANGE.try_with(|slot| slot.borrow().response.clone()) else {
            return Ok(());
        };
        let response = context.response_mut();
        if !response.status().is_success() {
            return Ok(());
        }
        let body = response.take_body();
        let streaming = cfg
            .load::<Metadata>()
            .is_some_and(|metadata| metadata.name() == "ConverseStream");
        if streaming {
            *received.lock().unwrap_or_else(|p| p.into_inner()) = Some(RawBody::Streaming(body));
        } else {
            *response.body_mut() = SdkBody::from_body_1_x(Capture {
                inner: body,
                chunks: Vec::new(),
                received,
                done: false,
            });
        }
        Ok(())
    }
}

/// A response body read to its end for us, which hands the SDK `{}` instead.
struct Capture {
    inner: SdkBody,
    chunks: Vec<Bytes>,
    received: Received,
    done: bool,
}

impl http_body::Body for Capture {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = self.get_mut();
        if this.done {
            return Poll::Ready(None);
        }
        loop {
            match Pin::new(&mut this.inner).poll_frame(cx) {
                Poll::Ready(Some(Ok(frame))) => {
                    if let Ok(data) = frame.into_data() {
                        this.chunks.push(data);
                    }
                }
                Poll::Ready(Some(Err(err))) => return Poll::Ready(Some(Err(err))),
                Poll::Ready(None) => {
                    this.done = true;
                    let body = match this.chunks.len() {
                        1 => this.chunks.pop().unwrap_or_default(),
                        _ => Bytes::from(this.chunks.concat()),
                    };
                    *this.received.lock().unwrap_or_else(|p| p.into_inner()) =
                        Some(RawBody::Complete(body));
                    return Poll::Ready(Some(Ok(Frame::data(Bytes::from_static(b"{}")))));
                }
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}
