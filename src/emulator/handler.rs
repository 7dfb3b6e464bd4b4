//! One request, start to finish: log, route, authenticate, admit, validate, answer.

use std::convert::Infallible;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use base64::Engine;
use bytes::Bytes;
use http::{HeaderName, HeaderValue, Request, Response, StatusCode};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use hyper::body::Incoming;
use serde_json::{json, Value};
use tokio::sync::Notify;

use super::auth::{self, AuthConfig};
use super::body::{AnswerGuard, EventStreamBody, ResponseBody, StreamItem};
use super::echo;
use super::errors::{request_id, ServiceError};
use super::fault::{ConnectionFault, RawAnswer};
use super::router::{route, Operation, Route};
use super::state::{RecordedRequest, Scripted, Shared};
use super::stream::{encode_event, events_from_reply};
use super::tokenizer::{count_input, count_text};
use super::validate::{check_conversation, validate, BASE64};

/// The largest request body read (InvokeModel bodies in CountTokens go up to 25 MB, base64).
const MAX_BODY_BYTES: usize = 64 * 1024 * 1024;

/// What an operation answers when it succeeds.
pub enum Reply {
    /// A JSON document, answered with 200.
    Json(Value),
    /// Event-stream items, answered with 200 as an `application/vnd.amazon.eventstream`
    /// body, the given pause between them.
    Stream(Vec<StreamItem>, Duration),
    /// An answer given byte for byte.
    Raw(RawAnswer),
    /// A body of this content type, delivered through a connection fault.
    Faulted(ConnectionFault, &'static str, Bytes),
}

/// What a connection's task and the handler of its requests share.
#[derive(Default)]
pub(crate) struct ConnectionControl {
    /// Whether a request has arrived on it (a fresh connection is never closed for
    /// descriptor pressure: its first request may be in flight unread).
    served: AtomicBool,
    /// Told to drop the connection at once, with a TCP reset (a scripted fault).
    reset: Notify,
}

impl ConnectionControl {
    /// Marks a request as arrived.
    pub(crate) fn serving(&self) {
        self.served.store(true, Ordering::Relaxed);
    }

    /// Whether a request has arrived on the connection.
    pub(crate) fn has_served(&self) -> bool {
        self.served.load(Ordering::Relaxed)
    }

    /// Closes the connection with a TCP reset, nothing more sent; the caller's request
    /// is dropped with it.
    pub(crate) fn reset(&self) {
        self.reset.notify_one();
    }

    /// Waits until [`ConnectionControl::reset`] is called (it may have been already).
    pub(crate) async fn reset_requested(&self) {
        self.reset.notified().await;
    }
}

const JSON: &str = "application/json";
const EVENT_STREAM: &str = "application/vnd.amazon.eventstream";

/// Serves one request; never fails (every problem is an error answer).
pub async fn handle(
    shared: Arc<Shared>,
    connection: Arc<ConnectionControl>,
    request: Request<Incoming>,
) -> Result<Response<ResponseBody>, Infallible> {
    let request_id = request_id();
    let (parts, body) = request.into_parts();
    let path = parts
        .uri
        .path_and_query()
        .map_or_else(|| parts.uri.path().to_owned(), |p| p.as_str().to_owned());
    let (body, too_large) = match Limited::new(body, MAX_BODY_BYTES).collect().await {
        Ok(collected) => (collected.to_bytes(), false),
        Err(err) => (
            Bytes::new(),
            err.downcast_ref::<LengthLimitError>().is_some(),
        ),
    };
    shared.record(RecordedRequest {
        method: parts.method.as_str().to_owned(),
        path: path.clone(),
        http_version: if parts.version == http::Version::HTTP_2 {
            "HTTP/2"
        } else {
            "HTTP/1.1"
        },
        headers: parts
            .headers
            .iter()
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value.as_bytes());
                (
                    name.as_str().to_owned(),
                    auth::redact(name.as_str(), &value),
                )
            })
            .collect(),
        body: body.clone(),
    });
    if too_large {
        let err =
            ServiceError::with_status("ValidationException", "The request body is too large.", 413);
        return Ok(error_response(&shared, &err, &request_id));
    }

    let route = match route(parts.method.as_str(), parts.uri.path()) {
        Ok(route) => route,
        Err(err) => return Ok(error_response(&shared, &err, &request_id)),
    };
    let incoming = auth::Incoming {
        method: parts.method.as_str(),
        path_and_query: &path,
        headers: &parts.headers,
        body: &body,
    };
    if let Err(err) = auth::authenticate(&incoming, &shared.auth, SystemTime::now()) {
        return Ok(error_response(&shared, &err, &request_id));
    }
    let Some(guard) = shared.try_begin(&route.model_id) else {
        let err = ServiceError::new(
            "ThrottlingException",
            "Too many requests, please wait before trying again.",
        );
        return Ok(error_response(&shared, &err, &request_id));
    };

    // The outcome is decided on arrival (so that scripted outcomes go in arrival order)
    // and delivered after the latency.
    let outcome = answer(&shared, &route, &body);
    let latency = shared.latency_for(&route.model_id);
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let response = match outcome {
        Ok(Reply::Json(value)) => {
            json_response(StatusCode::OK, value.to_string().into_bytes(), &request_id)
        }
        Ok(Reply::Stream(items, pace)) => {
            let body = ResponseBody::new(EventStreamBody::new(items, pace));
            stream_response(body, &request_id)
        }
        Ok(Reply::Raw(raw)) => raw_response(&shared, raw),
        Ok(Reply::Faulted(ConnectionFault::Reset, _, _)) => {
            guard.answered();
            connection.reset();
            // The connection's task drops this request with the connection.
            return std::future::pending().await;
        }
        Ok(Reply::Faulted(fault, content_type, body)) => {
            if let Some(stall) = fault.head_delay() {
                // Ends early when the server stops or the client leaves (this is dropped).
                tokio::time::sleep(stall).await;
            }
            faulted_response(fault, content_type, body, &request_id)
        }
        Err(err) => error_response(&shared, &err, &request_id),
    };
    Ok(response.map(|body| body.with_guard(guard)))
}

/// The frames of the events Bedrock sends for a Converse reply.
fn reply_frames(reply: &Value) -> Vec<StreamItem> {
    events_from_reply(reply)
        .iter()
        .map(|(kind, payload)| StreamItem::Frame(encode_event(kind, payload)))
        .collect()
}

/// The echo model's answer (JSON, or its events as one event-stream body), delivered
/// through `fault`.
fn faulted(fault: ConnectionFault, echo: &Value, streaming: bool) -> Reply {
    if !streaming {
        return Reply::Faulted(fault, JSON, Bytes::from(echo.to_string()));
    }
    let mut body = Vec::new();
    for item in reply_frames(echo) {
        if let StreamItem::Frame(frame) = item {
            body.extend_from_slice(&frame);
        }
    }
    Reply::Faulted(fault, EVENT_STREAM, Bytes::from(body))
}

/// The outcome of a routed, authenticated request.
fn answer(shared: &Shared, route: &Route, body: &[u8]) -> Result<Reply, ServiceError> {
    let request = parse_body(body)?;
    validate(
        route.operation.input_shape(),
        &request,
        &[("modelId", &route.model_id)],
    )?;
    let streaming = route.operation == Operation::ConverseStream;
    let max_output = match route.operation {
        Operation::CountTokens => None,
        _ => check_catalog(shared, &route.model_id, &request, streaming)?,
    };
    let latency = shared.latency_for(&route.model_id);
    let echo = || echo::converse(&request, &route.model_id, latency, max_output);
    match route.operation {
        Operation::Converse => {
            check_conversation(&route.model_id, &request)?;
            match shared.pop() {
                Some(Scripted::Reply(reply)) => Ok(Reply::Json(reply)),
                Some(Scripted::Error(err)) => Err(err),
                Some(Scripted::Stream(_)) => Err(ServiceError::new(
                    "InternalServerException",
                    "LocalBedrock: a stream was queued (queue_stream) but Converse was called; \
                     queue a reply for Converse, or call ConverseStream.",
                )),
                Some(Scripted::Raw(raw)) => Ok(Reply::Raw(raw)),
                Some(Scripted::Fault(fault)) => Ok(faulted(fault, &echo(), false)),
                None => Ok(Reply::Json(echo())),
            }
        }
        Operation::CountTokens => count_tokens(&route.model_id, &request).map(Reply::Json),
        // The same outcomes as Converse, cut into events; a scripted error is answered
        // before the stream starts, as an HTTP error.
        Operation::ConverseStream => {
            check_conversation(&route.model_id, &request)?;
            let reply = match shared.pop() {
                Some(Scripted::Reply(reply)) => reply,
                Some(Scripted::Error(err)) => return Err(err),
                Some(Scripted::Stream(stream)) => {
                    return Ok(Reply::Stream(stream.items(), stream.pace))
                }
                Some(Scripted::Raw(raw)) => return Ok(Reply::Raw(raw)),
                Some(Scripted::Fault(fault)) => return Ok(faulted(fault, &echo(), true)),
                None => echo(),
            };
            Ok(Reply::Stream(reply_frames(&reply), Duration::ZERO))
        }
    }
}

/// With the catalog on: the `ValidationException` Bedrock answers for the first feature
/// the model lacks (or an input beyond its context window), else the model's output
/// limit, which the echo model keeps to. Unknown models pass, without a limit.
fn check_catalog(
    shared: &Shared,
    model_id: &str,
    request: &Value,
    streaming: bool,
) -> Result<Option<u64>, ServiceError> {
    let Some(catalog) = shared.catalog else {
        return Ok(None);
    };
    let Some(family) = catalog.lookup(model_id) else {
        return Ok(None);
    };
    if let Some(problem) = catalog
        .check(model_id, request, streaming)
        .into_iter()
        .next()
    {
        return Err(ServiceError::new("ValidationException", problem.message));
    }
    if let Some(window) = family.context_window {
        if count_input(request) > window {
            return Err(ServiceError::new(
                "ValidationException",
                catalog.context_window_message(),
            ));
        }
    }
    Ok(family.max_output_tokens)
}

/// `{"input": {"converse": {...}}}` or `{"input": {"invokeModel": {"body": base64}}}` to
/// `{"inputTokens": N}`, counted as the echo model counts `usage.inputTokens`.
fn count_tokens(model_id: &str, request: &Value) -> Result<Value, ServiceError> {
    let input = &request["input"];
    let tokens = if let Some(converse) = input.get("converse") {
        check_conversation(model_id, converse)?;
        count_input(converse)
    } else {
        let encoded = input
            .pointer("/invokeModel/body")
            .and_then(Value::as_str)
            .unwrap_or("");
        let bytes = BASE64.decode(encoded).unwrap_or_default(); // validated already
        count_text(&String::from_utf8_lossy(&bytes))
    };
    Ok(json!({ "inputTokens": tokens }))
}

/// The body as JSON; an empty body is an empty structure, as SDKs treat it.
fn parse_body(body: &[u8]) -> Result<Value, ServiceError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(json!({}));
    }
    super::json::parse(body).map_err(|err| {
        ServiceError::new(
            "SerializationException",
            format!("The request body is not valid JSON: {err}"),
        )
    })
}

fn base_response(
    status: StatusCode,
    body: ResponseBody,
    request_id: &str,
) -> Response<ResponseBody> {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert("content-type", HeaderValue::from_static(JSON));
    if let Ok(value) = HeaderValue::from_str(request_id) {
        headers.insert("x-amzn-requestid", value);
    }
    response
}

fn json_response(status: StatusCode, body: Vec<u8>, request_id: &str) -> Response<ResponseBody> {
    base_response(status, ResponseBody::full(body), request_id)
}

fn stream_response(body: ResponseBody, request_id: &str) -> Response<ResponseBody> {
    let mut response = base_response(StatusCode::OK, body, request_id);
    response
        .headers_mut()
        .insert("content-type", HeaderValue::from_static(EVENT_STREAM));
    response
}

/// A 200 whose head announces all of `body` and whose body arrives through `fault`.
fn faulted_response(
    fault: ConnectionFault,
    content_type: &'static str,
    body: Bytes,
    request_id: &str,
) -> Response<ResponseBody> {
    let length = HeaderValue::from(body.len());
    let body = ResponseBody::new(EventStreamBody::new(fault.body_items(body), Duration::ZERO));
    let mut response = base_response(StatusCode::OK, body, request_id);
    let headers = response.headers_mut();
    headers.insert("content-type", HeaderValue::from_static(content_type));
    // Stated by hand: the body cannot know its length, and hyper sends this one.
    headers.insert("content-length", length);
    response
}

/// A raw answer: its status, its headers and its body, nothing else of ours.
fn raw_response(shared: &Shared, raw: RawAnswer) -> Response<ResponseBody> {
    let status = StatusCode::from_u16(raw.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if status.is_client_error() || status.is_server_error() {
        shared.count_error();
    }
    let mut response = Response::new(ResponseBody::full(raw.body));
    *response.status_mut() = status;
    for (name, value) in raw.headers {
        // Checked when queued (RawAnswer::check).
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            response.headers_mut().append(name, value);
        }
    }
    response
}

/// An error answer in Bedrock's wire form.
pub(crate) fn error_response(
    shared: &Shared,
    err: &ServiceError,
    request_id: &str,
) -> Response<ResponseBody> {
    shared.count_error();
    let status = StatusCode::from_u16(err.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = json_response(status, err.body(), request_id);
    if let Ok(value) = HeaderValue::from_str(&err.error_type_header()) {
        response.headers_mut().insert("x-amzn-errortype", value);
    }
    response
}

/// Checks that a configuration can authenticate anyone at all (used at start-up).
pub(crate) fn check_auth_config(auth: &AuthConfig) -> Result<(), String> {
    if auth.access_key_id.is_empty() {
        return Err("the access key id must not be empty".into());
    }
    if auth.region.is_empty() {
        return Err("the region must not be empty".into());
    }
    Ok(())
}
