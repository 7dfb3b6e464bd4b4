//! ConverseStream in the core: the SDK's event receiver, the completeness check, closing,
//! and the assembly of the events into `converse()`'s response.
//!
//! The SDK's receiver ends cleanly (`Ok(None)`) on a connection that closes between
//! frames, and hands exception events back on its error side; this module turns both
//! into errors a caller cannot mistake for a complete answer. Each event feeds the
//! [`Assembly`] as it arrives (the reply so far, and the text deltas for `text()` and
//! `iter_text()`), and waits for the loop only until the loop takes it: a stream read
//! by a loop holds the assembly, never the list of its events, so that reading a long
//! stream costs what its reply costs.
//!
//! A task on the runtime (the pump) reads the receiver and converts each event as soon
//! as its frame arrives, next to the connection's own task; the caller takes converted
//! events from a channel, usually without waiting. Dropping the channel's end (closing
//! the stream, or dropping it) stops the pump, which drops the receiver and with it the
//! HTTP response.

use std::collections::{BTreeMap, VecDeque};
use std::fmt;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use aws_smithy_types::body::SdkBody;
use bytes::{Bytes, BytesMut};
use http_body_util::BodyExt as _;
use tokio::sync::mpsc::error::TryRecvError;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};
use tokio::sync::Notify;

use super::error::{error_chain, CoreError, ServiceError};
use super::guard::{find_in_chain, InvalidFrame, ReadTimeout};
use super::metadata::ResponseMetadata;
use crate::wire::decode::{self, EventOutcome};
use crate::wire::{frame, json, Value};

/// Why a stream did not deliver a complete answer.
#[derive(Clone, Debug, PartialEq)]
pub enum StreamError {
    /// An exception event (as the non-stream error of its code), or an event that could
    /// not be represented.
    Failed(CoreError),
    /// The stream ended, broke or was closed before `messageStop` and `metadata`, or one
    /// of its frames could not be decoded.
    Incomplete(String),
}

impl fmt::Display for StreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Failed(err) => err.fmt(f),
            Self::Incomplete(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for StreamError {}

/// A close request that reaches a stream even while another task waits on it.
#[derive(Debug, Default)]
struct CloseSignal {
    closed: AtomicBool,
    notify: Notify,
}

/// Closes a stream from anywhere: a waiting `next` returns at once and the connection
/// is dropped. Cheap to clone.
#[derive(Clone, Debug)]
pub struct CloseHandle(Arc<CloseSignal>);

impl CloseHandle {
    /// Asks the stream to close; idempotent.
    pub fn close(&self) {
        self.0.closed.store(true, Ordering::SeqCst);
        self.0.notify.notify_waiters();
    }

    /// Whether `close` was called.
    pub fn is_closed(&self) -> bool {
        self.0.closed.load(Ordering::SeqCst)
    }
}

/// What the pump hands over: an event, or the error that ended the stream.
type Item = Result<Value, StreamError>;

/// One ConverseStream response: the pump's channel, the reply assembled so far, and the
/// events the loop has not taken yet.
pub struct ConverseStream {
    incoming: Option<UnboundedReceiver<Item>>,
    /// Events received that the loop (the shared cursor) has not taken yet.
    unread: VecDeque<Value>,
    /// Events received in all.
    received: usize,
    assembly: Assembly,
    metadata: ResponseMetadata,
    signal: Arc<CloseSignal>,
    saw_message_stop: bool,
    saw_metadata: bool,
    failed: Option<StreamError>,
    /// Whether the end (complete, failed or closed early) has been logged.
    end_logged: bool,
}

/// Where stream lines go: the Python logger `fastconverse.core.stream`.
const TARGET: &str = "fastconverse::core::stream";

impl fmt::Debug for ConverseStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConverseStream")
            .field("open", &self.incoming.is_some())
            .field("received", &self.received)
            .field("unread", &self.unread.len())
            .field("complete", &self.is_complete())
            .field("failed", &self.failed)
            .finish()
    }
}

impl ConverseStream {
    /// A stream over the response `body`, whose headers carried `metadata`. Starts the
    /// pump on the current tokio runtime (panics outside one).
    pub fn new(body: SdkBody, metadata: ResponseMetadata) -> Self {
        let (sender, incoming) = unbounded_channel();
        tokio::spawn(pump(Frames::new(body), sender, metadata.clone()));
        Self {
            incoming: Some(incoming),
            unread: VecDeque::new(),
            received: 0,
            assembly: Assembly::default(),
            metadata,
            signal: Arc::default(),
            saw_message_stop: false,
            saw_metadata: false,
            failed: None,
            end_logged: false,
        }
    }

    /// Logs how the stream ended, once: complete at DEBUG, anything else at INFO.
    fn log_end(&mut self, how: &str) {
        if std::mem::replace(&mut self.end_logged, true) {
            return;
        }
        let level = if how == "complete" {
            log::Level::Debug
        } else {
            log::Level::Info
        };
        if log::log_enabled!(target: TARGET, level) {
            let request_id = match self.metadata.request_id.as_str() {
                "" => "(none)",
                id => id,
            };
            log::log!(
                target: TARGET,
                level,
                "ConverseStream ended ({how}) after {} events, request id {request_id}",
                self.received,
            );
        }
    }

    /// How many events have arrived (exception events excluded).
    pub fn received(&self) -> usize {
        self.received
    }

    /// boto3's `ResponseMetadata` of the initial HTTP response.
    pub fn metadata(&self) -> &ResponseMetadata {
        &self.metadata
    }

    /// A handle that closes this stream without locking it.
    pub fn close_handle(&self) -> CloseHandle {
        CloseHandle(self.signal.clone())
    }

    /// Events received that the loop has not taken, in arrival order (exception events
    /// excluded): all of them when only helpers have read the stream.
    pub fn unread_events(&self) -> &VecDeque<Value> {
        &self.unread
    }

    /// Whether `messageStop` and `metadata` have both arrived.
    pub fn is_complete(&self) -> bool {
        self.saw_message_stop && self.saw_metadata
    }

    /// Whether the connection is still held (not yet at its end, failed or closed).
    pub fn is_open(&self) -> bool {
        self.incoming.is_some()
    }

    /// Drops the receiver, which ends the HTTP response. What was received stays; a
    /// stream closed before it was complete reports itself incomplete from then on.
    pub fn close(&mut self) {
        self.signal.closed.store(true, Ordering::SeqCst);
        if self.incoming.take().is_some() && !self.is_complete() {
            self.log_end("closed early by the caller");
        }
    }

    /// The loop's next event (taken out of the stream), `None` after the last one.
    pub async fn advance(&mut self) -> Result<Option<Value>, StreamError> {
        while self.unread.is_empty() {
            if !self.receive().await? {
                return Ok(None);
            }
        }
        Ok(self.unread.pop_front())
    }

    /// The text delta at `position` (counted over text deltas, from the stream's start),
    /// receiving events until it arrives; `None` when the stream ended before it.
    pub async fn text_delta_at(&mut self, position: usize) -> Result<Option<&str>, StreamError> {
        while position >= self.assembly.text_deltas() {
            if !self.receive().await? {
                return Ok(None);
            }
        }
        Ok(Some(self.assembly.text_delta(position)))
    }

    /// Reads the stream to its end.
    pub async fn finish(&mut self) -> Result<(), StreamError> {
        while self.receive().await? {}
        Ok(())
    }

    /// All text deltas joined, in arrival order, of the events received so far.
    pub fn text(&self) -> &str {
        self.assembly.text()
    }

    /// The reply assembled in `converse()`'s shape; only for a complete stream.
    pub fn final_response(&self) -> Result<Value, StreamError> {
        if let Some(err) = &self.failed {
            return Err(err.clone());
        }
        if !self.is_complete() {
            return Err(StreamError::Incomplete(
                "the stream has not delivered messageStop and metadata".into(),
            ));
        }
        self.assembly
            .build()
            .map_err(|err| StreamError::Failed(CoreError::InvalidResponse(err)))
    }

    /// Receives one more event: true when one was added, false at a complete end.
    async fn receive(&mut self) -> Result<bool, StreamError> {
        const CLOSED: &str = "the stream was closed before messageStop and metadata arrived";
        if let Some(err) = &self.failed {
            return Err(err.clone());
        }
        if self.signal.closed.load(Ordering::SeqCst) {
            self.incoming = None;
        }
        let Some(incoming) = self.incoming.as_mut() else {
            return self.ended(CLOSED);
        };
        let received = match incoming.try_recv() {
            Ok(item) => Some(item),
            Err(TryRecvError::Disconnected) => None,
            Err(TryRecvError::Empty) => {
                // Wait for the pump, or for a close from elsewhere (registered before the
                // flag is read, so that a close in between is not missed).
                let signal = self.signal.clone();
                let closed = signal.notify.notified();
                tokio::pin!(closed);
                closed.as_mut().enable();
                let waited = if signal.closed.load(Ordering::SeqCst) {
                    None
                } else {
                    tokio::select! {
                        biased;
                        () = &mut closed => None,
                        item = incoming.recv() => Some(item),
                    }
                };
                match waited {
                    Some(item) => item,
                    None => {
                        self.incoming = None;
                        return self.ended(CLOSED);
                    }
                }
            }
        };
        match received {
            Some(Ok(event)) => {
                match event.single_entry() {
                    Some(("messageStop", _)) => self.saw_message_stop = true,
                    Some(("metadata", _)) => self.saw_metadata = true,
                    _ => {}
                }
                self.received += 1;
                self.assembly.add(&event);
                self.unread.push_back(event);
                Ok(true)
            }
            Some(Err(err)) => Err(self.fail(err)),
            None => {
                self.incoming = None;
                self.ended(
                    "the stream ended without messageStop and metadata (the connection closed \
                     between events)",
                )
            }
        }
    }

    /// The outcome of a stream with no more events: fine when complete, else incomplete
    /// (for good: later calls report the same).
    fn ended(&mut self, why: &str) -> Result<bool, StreamError> {
        if self.is_complete() {
            self.log_end("complete");
            Ok(false)
        } else {
            Err(self.fail(StreamError::Incomplete(why.to_owned())))
        }
    }

    /// Records a failure, which every later call reports again, and drops the connection.
    fn fail(&mut self, err: StreamError) -> StreamError {
        self.incoming = None;
        self.failed = Some(err.clone());
        self.log_end(match &err {
            StreamError::Failed(CoreError::Service(service)) => service.code(),
            StreamError::Failed(_) => "failed",
            StreamError::Incomplete(_) => "incomplete",
        });
        err
    }
}

/// Reads the events of `frames` into `sender`, decoding each as it arrives, until the
/// stream ends, fails, or the other end of the channel is dropped; returning drops the
/// body, which ends the HTTP response.
async fn pump(mut frames: Frames, sender: UnboundedSender<Item>, metadata: ResponseMetadata) {
    // Registered once: a `closed()` made afresh for every event costs a lock and a
    // waiter-list insert and removal per event.
    let closed = sender.closed();
    tokio::pin!(closed);
    loop {
        let received = tokio::select! {
            biased;
            () = &mut closed => return,
            received = frames.next() => received,
        };
        let item = match received {
            Ok(Some(bytes)) => match event(&bytes, &metadata) {
                Some(item) => item,
                None => continue,
            },
            Ok(None) => return,
            Err(err) => Err(err),
        };
        let last = item.is_err();
        if sender.send(item).is_err() || last {
            return;
        }
    }
}

/// The event a frame holds in boto3's layout; `None` for one boto3 skips (a kind this
/// release does not know). An exception event is its service error, reported as boto3
/// reports it (with the stream's metadata for the exception's request id).
fn event(bytes: &[u8], metadata: &ResponseMetadata) -> Option<Item> {
    let frame = match frame::read(bytes) {
        Ok(frame) => frame,
        Err(err) => return Some(Err(undecodable(err))),
    };
    match decode::event(&frame.headers, frame.payload) {
        Ok(EventOutcome::Event(value)) => Some(Ok(value)),
        Ok(EventOutcome::Skip) => None,
        Ok(EventOutcome::Exception(error)) => Some(Err(StreamError::Failed(CoreError::Service(
            Box::new(ServiceError::from_event(error, metadata.clone())),
        )))),
        Err(err) => Some(Err(StreamError::Failed(CoreError::InvalidResponse(
            format!("an event of the stream could not be read: {err}"),
        )))),
    }
}

/// The event-stream frames of a response body, taken whole off the front of the bytes
/// received so far as soon as each has arrived.
struct Frames {
    body: SdkBody,
    buffer: BytesMut,
    ended: bool,
}

impl Frames {
    fn new(body: SdkBody) -> Self {
        Self {
            body,
            buffer: BytesMut::new(),
            ended: false,
        }
    }

    /// The next frame's bytes, `None` at a clean end (between frames).
    async fn next(&mut self) -> Result<Option<Bytes>, StreamError> {
        loop {
            match frame::complete_len(&self.buffer) {
                Ok(Some(len)) => return Ok(Some(self.buffer.split_to(len).freeze())),
                Ok(None) => {}
                Err(err) => return Err(undecodable(err)),
            }
            if self.ended {
                if !self.buffer.is_empty() {
                    return Err(StreamError::Incomplete(
                        "the stream ended in the middle of a frame".into(),
                    ));
                }
                return Ok(None);
            }
            match self.body.frame().await {
                Some(Ok(frame)) => {
                    if let Ok(data) = frame.into_data() {
                        if self.buffer.is_empty() {
                            // Usually a chunk starts at a frame: take it as it is.
                            self.buffer = BytesMut::from(data);
                        } else {
                            self.buffer.extend_from_slice(&data);
                        }
                    }
                }
                Some(Err(err)) => return Err(body_error(err.as_ref())),
                None => self.ended = true,
            }
        }
    }
}

/// A frame that the reader or the guard refused.
fn undecodable(why: impl fmt::Display) -> StreamError {
    StreamError::Incomplete(format!("a frame of the stream could not be decoded: {why}"))
}

/// Why reading the body failed: a stall past the read timeout, a frame refused by the
/// guard, or a broken connection.
fn body_error(err: &(dyn std::error::Error + 'static)) -> StreamError {
    if let Some(timeout) = find_in_chain::<ReadTimeout>(err) {
        return StreamError::Failed(CoreError::Timeout(format!(
            "the stream timed out: {timeout}"
        )));
    }
    if find_in_chain::<InvalidFrame>(err).is_some() {
        return undecodable(error_chain(err));
    }
    StreamError::Incomplete(format!(
        "the connection broke mid-stream: {}",
        error_chain(err)
    ))
}

/// One content block being put together from its start and deltas.
#[derive(Clone, Default)]
struct BlockParts {
    /// The `start` of its `contentBlockStart` (`{"toolUse": {...}}`, ...).
    start: Option<Value>,
    /// The block's text, as ranges of the assembly's text (one range, unless blocks
    /// interleave).
    text: Vec<Range<usize>>,
    tool_input: String,
    reasoning_text: Option<String>,
    signature: Option<String>,
    redacted: Option<Vec<u8>>,
    citations: Vec<Value>,
    tool_result: Vec<Value>,
    image_source: Option<Value>,
    image_error: Option<Value>,
}

/// A map of `entries`, those that are present.
fn map(entries: impl IntoIterator<Item = (&'static str, Option<Value>)>) -> Value {
    Value::Map(
        entries
            .into_iter()
            .filter_map(|(key, value)| value.map(|value| (key.to_owned(), value)))
            .collect(),
    )
}

/// `{key: value}`: a union's member.
fn member(key: &str, value: Value) -> Value {
    Value::Map(vec![(key.to_owned(), value)])
}

impl BlockParts {
    /// Adds a delta other than text (which [`Assembly::add`] keeps); a kind this release
    /// does not know is left out.
    fn add(&mut self, kind: &str, delta: &Value) {
        match kind {
            "toolUse" => {
                if let Some(input) = delta.get("input").and_then(Value::as_str) {
                    self.tool_input.push_str(input);
                }
            }
            "reasoningContent" => match delta.single_entry() {
                Some(("text", Value::Str(text))) => self
                    .reasoning_text
                    .get_or_insert_with(String::new)
                    .push_str(text),
                Some(("signature", Value::Str(signature))) => self
                    .signature
                    .get_or_insert_with(String::new)
                    .push_str(signature),
                Some(("redactedContent", Value::Bytes(bytes))) => self
                    .redacted
                    .get_or_insert_with(Vec::new)
                    .extend_from_slice(bytes),
                _ => {}
            },
            "citation" => self.citations.push(citation_from_delta(delta)),
            // ToolResultBlockDelta's members (text, json) are ToolResultContentBlock's.
            "toolResult" => self
                .tool_result
                .extend(delta.as_list().unwrap_or_default().iter().cloned()),
            "image" => {
                if let Some(source) = delta.get("source") {
                    self.image_source = Some(source.clone());
                }
                if let Some(error) = delta.get("error") {
                    self.image_error = Some(error.clone());
                }
            }
            _ => {}
        }
    }

    /// The block in `converse()`'s shape, its text taken from `all_text`; `index` names
    /// it in errors.
    fn build(self, index: i64, all_text: &str) -> Result<Value, String> {
        let text: String = self.text.iter().map(|r| &all_text[r.clone()]).collect();
        let start = self.start.as_ref().and_then(Value::single_entry);
        let field = |start: &Value, key: &str| start.get(key).cloned();
        match start {
            Some(("toolUse", start)) => {
                let input = if self.tool_input.trim().is_empty() {
                    Value::Map(Vec::new())
                } else {
                    json::parse(self.tool_input.as_bytes()).map_err(|err| {
                        format!(
                            "the toolUse input of content block {index} is not valid JSON ({err}): \
                             {:?}",
                            self.tool_input
                        )
                    })?
                };
                return Ok(member(
                    "toolUse",
                    map([
                        ("toolUseId", field(start, "toolUseId")),
                        ("name", field(start, "name")),
                        ("input", Some(input)),
                        ("type", field(start, "type")),
                    ]),
                ));
            }
            Some(("toolResult", start)) => {
                return Ok(member(
                    "toolResult",
                    map([
                        ("toolUseId", field(start, "toolUseId")),
                        ("content", Some(Value::List(self.tool_result))),
                        ("status", field(start, "status")),
                        ("type", field(start, "type")),
                    ]),
                ));
            }
            Some(("image", start)) => {
                return Ok(member(
                    "image",
                    map([
                        ("format", field(start, "format")),
                        ("source", self.image_source),
                        ("error", self.image_error),
                    ]),
                ));
            }
            _ => {}
        }
        if let Some(redacted) = self.redacted {
            return Ok(member(
                "reasoningContent",
                member("redactedContent", Value::Bytes(redacted)),
            ));
        }
        if self.reasoning_text.is_some() || self.signature.is_some() {
            return Ok(member(
                "reasoningContent",
                member(
                    "reasoningText",
                    map([
                        (
                            "text",
                            Some(Value::Str(self.reasoning_text.unwrap_or_default())),
                        ),
                        ("signature", self.signature.map(Value::Str)),
                    ]),
                ),
            ));
        }
        if !self.citations.is_empty() {
            return Ok(member(
                "citationsContent",
                map([
                    (
                        "content",
                        Some(Value::List(vec![member("text", Value::Str(text))])),
                    ),
                    ("citations", Some(Value::List(self.citations))),
                ]),
            ));
        }
        Ok(member("text", Value::Str(text)))
    }
}

/// A citation delta as the citation `converse()` reports (the same members; each source
/// content part is a union there).
fn citation_from_delta(delta: &Value) -> Value {
    let source_content = delta.get("sourceContent").map(|parts| {
        Value::List(
            parts
                .as_list()
                .unwrap_or_default()
                .iter()
                .map(|part| {
                    let text = part
                        .get("text")
                        .cloned()
                        .unwrap_or(Value::Str(String::new()));
                    member("text", text)
                })
                .collect(),
        )
    });
    map([
        ("title", delta.get("title").cloned()),
        ("source", delta.get("source").cloned()),
        ("sourceContent", source_content),
        ("location", delta.get("location").cloned()),
    ])
}

/// The reply put together as events arrive, as `converse()` would have answered: content
/// blocks in index order (text joined, toolUse input parsed from its fragments, reasoning
/// text with its signature or the redacted bytes, citations), the stop reason, usage,
/// metrics, trace and additional fields; and every text delta, in arrival order, for
/// `text()` and `iter_text()`. It holds what the reply holds, never the events.
#[derive(Default)]
pub struct Assembly {
    role: Option<Value>,
    blocks: BTreeMap<i64, BlockParts>,
    /// The `messageStop` event's body.
    stop: Option<Value>,
    /// The `metadata` event's body.
    metadata: Option<Value>,
    /// Every text delta, joined in arrival order (blocks hold ranges of it).
    text: String,
    /// Where each text delta ends in `text`.
    text_ends: Vec<usize>,
}

impl Assembly {
    /// Takes one event (in boto3's layout, `{"contentBlockDelta": {...}}`) into the reply.
    pub fn add(&mut self, event: &Value) {
        let Some((kind, body)) = event.single_entry() else {
            return;
        };
        let index = || body.get("contentBlockIndex").and_then(Value::as_i64);
        match kind {
            "messageStart" => self.role = body.get("role").cloned(),
            "contentBlockStart" => {
                if let Some(index) = index() {
                    self.blocks.entry(index).or_default().start = body.get("start").cloned();
                }
            }
            "contentBlockDelta" => {
                let Some(index) = index() else { return };
                let block = self.blocks.entry(index).or_default();
                match body.get("delta").and_then(Value::single_entry) {
                    Some(("text", Value::Str(text))) => {
                        let start = self.text.len();
                        self.text.push_str(text);
                        let end = self.text.len();
                        self.text_ends.push(end);
                        match block.text.last_mut() {
                            Some(last) if last.end == start => last.end = end,
                            _ => block.text.push(start..end),
                        }
                    }
                    Some((kind, delta)) => block.add(kind, delta),
                    None => {}
                }
            }
            "contentBlockStop" => {
                if let Some(index) = index() {
                    self.blocks.entry(index).or_default();
                }
            }
            "messageStop" => self.stop = Some(body.clone()),
            "metadata" => self.metadata = Some(body.clone()),
            // Exceptions end the stream before they reach the assembly.
            _ => {}
        }
    }

    /// Every text delta so far, joined.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// How many text deltas have arrived.
    pub fn text_deltas(&self) -> usize {
        self.text_ends.len()
    }

    /// The text delta at `position` (which must have arrived).
    pub fn text_delta(&self, position: usize) -> &str {
        let start = position
            .checked_sub(1)
            .map_or(0, |previous| self.text_ends[previous]);
        &self.text[start..self.text_ends[position]]
    }

    /// The reply in `converse()`'s shape (botocore's member order), from what has arrived.
    pub fn build(&self) -> Result<Value, String> {
        let content = self
            .blocks
            .iter()
            .map(|(index, parts)| parts.clone().build(*index, &self.text))
            .collect::<Result<Vec<_>, String>>()?;
        let stop = |key: &str| self.stop.as_ref().and_then(|s| s.get(key)).cloned();
        let meta = |key: &str| self.metadata.as_ref().and_then(|m| m.get(key)).cloned();
        let message = map([
            (
                "role",
                Some(
                    self.role
                        .clone()
                        .unwrap_or_else(|| Value::Str("assistant".into())),
                ),
            ),
            ("content", Some(Value::List(content))),
        ]);
        Ok(map([
            ("output", Some(member("message", message))),
            (
                "stopReason",
                Some(stop("stopReason").unwrap_or(Value::Str(String::new()))),
            ),
            ("usage", meta("usage")),
            ("metrics", meta("metrics")),
            (
                "additionalModelResponseFields",
                stop("additionalModelResponseFields"),
            ),
            ("trace", meta("trace")),
            ("performanceConfig", meta("performanceConfig")),
            ("serviceTier", meta("serviceTier")),
        ]))
    }
}

/// Puts the events of a complete stream together as `converse()` would have answered.
pub fn assemble(events: &[Value]) -> Result<Value, String> {
    let mut assembly = Assembly::default();
    for event in events {
        assembly.add(event);
    }
    assembly.build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::VecDeque;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};

    use aws_smithy_runtime_api::client::http::{
        HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
    };
    use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
    use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
    use aws_smithy_types::body::SdkBody;
    use bytes::Bytes;
    use serde_json::{json, Value as Json};

    /// Events from their JSON on the wire (blobs in base64), read as the stream reads them.
    fn events(dicts: Json) -> Vec<Value> {
        let Json::Array(list) = dicts else {
            panic!("a list of events")
        };
        list.iter()
            .map(|event| {
                let value = json::parse(event.to_string().as_bytes()).expect("valid JSON");
                decode::shaped_as(
                    crate::wire::generated::CONVERSE_STREAM_OUTPUT,
                    value,
                    decode::Mode::Event,
                )
                .expect("a valid event")
            })
            .collect()
    }

    /// A value as JSON, for comparisons that ignore key order (bytes as a list of ints).
    fn as_json(value: &Value) -> Json {
        match value {
            Value::Null => Json::Null,
            Value::Bool(b) => json!(b),
            Value::Int(n) => json!(n),
            Value::BigInt(text) => Json::String(text.to_string()),
            Value::Float(x) => json!(x),
            Value::Str(s) => json!(s),
            Value::Bytes(bytes) => json!(bytes),
            Value::List(items) => Json::Array(items.iter().map(as_json).collect()),
            Value::Map(entries) => Json::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.clone(), as_json(v)))
                    .collect(),
            ),
        }
    }

    fn delta(index: i32, delta: Json) -> Json {
        json!({"contentBlockDelta": {"contentBlockIndex": index, "delta": delta}})
    }

    fn ending() -> Vec<Json> {
        vec![
            json!({"messageStop": {"stopReason": "tool_use"}}),
            json!({"metadata": {
                "usage": {"inputTokens": 3, "outputTokens": 7, "totalTokens": 10},
                "metrics": {"latencyMs": 12},
            }}),
        ]
    }

    #[test]
    fn tool_use_input_is_parsed_from_fragments_split_mid_token() {
        let mut list = vec![
            json!({"messageStart": {"role": "assistant"}}),
            json!({"contentBlockStart": {"contentBlockIndex": 0, "start": {"toolUse": {"toolUseId": "t1", "name": "add"}}}}),
            delta(0, json!({"toolUse": {"input": "{\"a\": 1"}})),
            delta(0, json!({"toolUse": {"input": "2345678901, \"na"}})),
            delta(
                0,
                json!({"toolUse": {"input": "me\": \"x\\u00e9\", \"b\": [tr"}}),
            ),
            delta(0, json!({"toolUse": {"input": "ue, -1.5e3, null]}"}})),
            json!({"contentBlockStop": {"contentBlockIndex": 0}}),
        ];
        list.extend(ending());
        let response = as_json(&assemble(&events(Json::Array(list))).unwrap());
        assert_eq!(
            response["output"]["message"]["content"][0],
            json!({"toolUse": {"toolUseId": "t1", "name": "add", "input": {
                "a": 12_345_678_901_u64, "name": "xé", "b": [true, -1500.0, null]
            }}})
        );
        assert_eq!(response["stopReason"], "tool_use");
        assert_eq!(response["metrics"]["latencyMs"], 12);
    }

    #[test]
    fn tool_use_without_input_has_an_empty_object_and_bad_json_is_an_error() {
        let start = json!({"contentBlockStart": {"contentBlockIndex": 0, "start": {"toolUse": {"toolUseId": "t", "name": "now"}}}});
        let mut list = vec![start.clone()];
        list.extend(ending());
        let response = assemble(&events(Json::Array(list))).unwrap();
        assert_eq!(
            as_json(&response)["output"]["message"]["content"][0]["toolUse"]["input"],
            json!({})
        );

        let mut list = vec![start, delta(0, json!({"toolUse": {"input": "{\"a\": "}}))];
        list.extend(ending());
        let err = assemble(&events(Json::Array(list))).unwrap_err();
        assert!(err.contains("content block 0"), "{err}");
    }

    #[test]
    fn blocks_come_out_in_index_order_with_reasoning_and_text_joined() {
        let mut list = vec![
            json!({"messageStart": {"role": "assistant"}}),
            delta(1, json!({"text": "Hel"})),
            delta(0, json!({"reasoningContent": {"text": "Let me "}})),
            delta(1, json!({"text": "lo"})),
            delta(0, json!({"reasoningContent": {"text": "think."}})),
            delta(0, json!({"reasoningContent": {"signature": "c2ln"}})),
            json!({"contentBlockStop": {"contentBlockIndex": 0}}),
            delta(2, json!({"reasoningContent": {"redactedContent": "cmU="}})),
            delta(2, json!({"reasoningContent": {"redactedContent": "ZA=="}})),
            json!({"contentBlockStop": {"contentBlockIndex": 2}}),
            json!({"contentBlockStop": {"contentBlockIndex": 1}}),
            json!({"contentBlockStop": {"contentBlockIndex": 3}}),
        ];
        list.extend(ending());
        let response = as_json(&assemble(&events(Json::Array(list))).unwrap());
        assert_eq!(
            response["output"]["message"]["content"],
            json!([
                {"reasoningContent": {"reasoningText": {"text": "Let me think.", "signature": "c2ln"}}},
                {"text": "Hello"},
                {"reasoningContent": {"redactedContent": b"red".to_vec()}},
                {"text": ""},
            ])
        );
        assert_eq!(response["output"]["message"]["role"], "assistant");
    }

    #[test]
    fn citations_become_a_citations_content_block() {
        let citation = json!({
            "title": "Doc", "sourceContent": [{"text": "quoted"}],
            "location": {"documentChar": {"documentIndex": 0, "start": 1, "end": 7}},
        });
        let mut list = vec![
            json!({"messageStart": {"role": "assistant"}}),
            delta(0, json!({"text": "The sky "})),
            delta(0, json!({"text": "is blue."})),
            delta(0, json!({"citation": citation})),
            json!({"contentBlockStop": {"contentBlockIndex": 0}}),
        ];
        list.extend(ending());
        let response = assemble(&events(Json::Array(list))).unwrap();
        assert_eq!(
            as_json(&response)["output"]["message"]["content"][0],
            json!({"citationsContent": {
                "content": [{"text": "The sky is blue."}],
                "citations": [citation],
            }})
        );
    }

    #[test]
    fn stop_metadata_and_trace_fill_the_response() {
        let list = json!([
            {"messageStart": {"role": "assistant"}},
            {"messageStop": {"stopReason": "end_turn", "additionalModelResponseFields": {"k": [1]}}},
            {"metadata": {
                "usage": {"inputTokens": 1, "outputTokens": 2, "totalTokens": 3},
                "metrics": {"latencyMs": 4},
                "trace": {"promptRouter": {"invokedModelId": "m"}},
            }},
        ]);
        let response = as_json(&assemble(&events(list)).unwrap());
        assert_eq!(
            response,
            json!({
                "output": {"message": {"role": "assistant", "content": []}},
                "stopReason": "end_turn",
                "additionalModelResponseFields": {"k": [1]},
                "usage": {"inputTokens": 1, "outputTokens": 2, "totalTokens": 3},
                "metrics": {"latencyMs": 4},
                "trace": {"promptRouter": {"invokedModelId": "m"}},
            })
        );
    }

    /// What the stub transport sends of a response body, in order.
    enum Chunk {
        /// Bytes (event-stream frames, whole or in part).
        Bytes(Bytes),
        /// Nothing more, ever: a stalled server (the reader leaves by closing).
        Stall,
        /// A broken connection.
        Drop,
    }

    /// Bedrock at the SDK's HttpClient seam, no socket: each request takes the next
    /// scripted body and gets a 200 event-stream response (request id `stub-request`) that
    /// sends it chunk by chunk. Counts the bodies dropped before their end, as a server
    /// sees connections closed under it.
    #[derive(Clone, Debug, Default)]
    struct Stub {
        bodies: Arc<Mutex<VecDeque<Vec<Chunk>>>>,
        cut_off: Arc<AtomicUsize>,
    }

    impl std::fmt::Debug for Chunk {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(match self {
                Chunk::Bytes(_) => "Bytes",
                Chunk::Stall => "Stall",
                Chunk::Drop => "Drop",
            })
        }
    }

    impl Stub {
        fn queue(&self, chunks: Vec<Chunk>) {
            self.bodies.lock().unwrap().push_back(chunks);
        }

        fn cut_off(&self) -> usize {
            self.cut_off.load(Ordering::SeqCst)
        }
    }

    impl HttpConnector for Stub {
        fn call(&self, _request: HttpRequest) -> HttpConnectorFuture {
            let chunks = self.bodies.lock().unwrap().pop_front();
            let body = StubBody {
                chunks: chunks.expect("a body queued for each request").into(),
                cut_off: self.cut_off.clone(),
            };
            let response = http::Response::builder()
                .status(200)
                .header("content-type", "application/vnd.amazon.eventstream")
                .header("x-amzn-requestid", "stub-request")
                .body(SdkBody::from_body_1_x(body))
                .unwrap();
            HttpConnectorFuture::ready(Ok(HttpResponse::try_from(response).unwrap()))
        }
    }

    impl HttpClient for Stub {
        fn http_connector(
            &self,
            _: &HttpConnectorSettings,
            _: &RuntimeComponents,
        ) -> SharedHttpConnector {
            SharedHttpConnector::new(self.clone())
        }
    }

    struct StubBody {
        chunks: VecDeque<Chunk>,
        cut_off: Arc<AtomicUsize>,
    }

    impl http_body::Body for StubBody {
        type Data = Bytes;
        type Error = Box<dyn std::error::Error + Send + Sync>;

        fn poll_frame(
            mut self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
            use std::task::Poll;
            match self.chunks.front() {
                None => Poll::Ready(None),
                // Never woken: the reader leaves by dropping the body.
                Some(Chunk::Stall) => Poll::Pending,
                Some(Chunk::Drop) => {
                    self.chunks.clear();
                    Poll::Ready(Some(Err("connection reset by the stub".into())))
                }
                Some(Chunk::Bytes(_)) => {
                    let Some(Chunk::Bytes(bytes)) = self.chunks.pop_front() else {
                        unreachable!()
                    };
                    Poll::Ready(Some(Ok(http_body::Frame::data(bytes))))
                }
            }
        }
    }

    impl Drop for StubBody {
        fn drop(&mut self) {
            if !self.chunks.is_empty() {
                self.cut_off.fetch_add(1, Ordering::SeqCst);
            }
        }
    }

    /// One event-stream frame as Bedrock sends it: an event, or (`kind` ending in
    /// `Exception`) an exception.
    fn frame(kind: &str, payload: Json) -> Bytes {
        use aws_smithy_types::event_stream::{Header, HeaderValue, Message};
        let (message_type, kind_header) = if kind.ends_with("Exception") {
            ("exception", ":exception-type")
        } else {
            ("event", ":event-type")
        };
        let message = Message::new(payload.to_string().into_bytes())
            .add_header(Header::new(
                kind_header,
                HeaderValue::String(kind.to_owned().into()),
            ))
            .add_header(Header::new(
                ":content-type",
                HeaderValue::String("application/json".into()),
            ))
            .add_header(Header::new(
                ":message-type",
                HeaderValue::String(message_type.into()),
            ));
        let mut buffer = Vec::new();
        aws_smithy_eventstream::frame::write_message_to(&message, &mut buffer).unwrap();
        Bytes::from(buffer)
    }

    /// Frames of `{kind: payload}` events, in order.
    fn frames(events: Json) -> Vec<Chunk> {
        let Json::Array(events) = events else {
            panic!("a list of events")
        };
        events
            .into_iter()
            .map(|event| {
                let (kind, payload) = event.as_object().unwrap().iter().next().unwrap();
                Chunk::Bytes(frame(kind, payload.clone()))
            })
            .collect()
    }

    /// A client whose requests go to a fresh stub, and the stub.
    async fn stubbed() -> (Stub, crate::core::Client) {
        let stub = Stub::default();
        let config = crate::core::ClientConfig {
            region: Some("us-east-1".into()),
            access_key_id: Some("testing".into()),
            secret_access_key: Some("testing".into()),
            max_attempts: Some(1),
            ..Default::default()
        };
        let client = crate::core::Client::with_http_client(&config, stub.clone()).await;
        (stub, client)
    }

    fn request() -> crate::wire::encode::Encoded {
        use serde::de::DeserializeSeed;
        let text = r#"{"modelId": "m",
            "messages": [{"role": "user", "content": [{"text": "Hello there"}]}]}"#;
        let mut reader = serde_json::Deserializer::from_str(text);
        crate::wire::encode::RequestSeed(crate::wire::encode::Operation::ConverseStream)
            .deserialize(&mut reader)
            .unwrap()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn streams_complete_fail_and_close_on_a_stub_transport() {
        let (stub, client) = stubbed().await;
        let start = json!({"messageStart": {"role": "assistant"}});
        let stop = json!({"messageStop": {"stopReason": "end_turn"}});
        let metadata = json!({"metadata": {
            "usage": {"inputTokens": 2, "outputTokens": 2, "totalTokens": 4},
            "metrics": {"latencyMs": 1},
        }});

        // Complete, with a frame split across two chunks: assembled as converse() answers.
        let mut chunks = frames(json!([
            start,
            {"contentBlockDelta": {"contentBlockIndex": 0, "delta": {"text": "Hello "}}},
        ]));
        let split = frame(
            "contentBlockDelta",
            json!({"contentBlockIndex": 0, "delta": {"text": "there"}}),
        );
        chunks.push(Chunk::Bytes(split.slice(..7)));
        chunks.push(Chunk::Bytes(split.slice(7..)));
        chunks.extend(frames(json!([
            {"contentBlockStop": {"contentBlockIndex": 0}},
            stop,
            metadata,
        ])));
        stub.queue(chunks);
        let mut stream = client.converse_stream(request()).await.unwrap().body;
        let mut seen = 0;
        while stream.advance().await.unwrap().is_some() {
            seen += 1;
        }
        assert_eq!(seen, stream.received());
        assert!(
            stream.unread_events().is_empty(),
            "the loop took every event"
        );
        assert!(stream.is_complete() && !stream.is_open());
        assert_eq!(stream.text(), "Hello there");
        assert_eq!(
            stream.final_response().unwrap().get("stopReason"),
            Some(&Value::Str("end_turn".into()))
        );

        // Truncated: ends cleanly at the HTTP level, but without metadata.
        stub.queue(frames(json!([start, stop])));
        let mut stream = client.converse_stream(request()).await.unwrap().body;
        let err = stream.finish().await.unwrap_err();
        assert!(
            matches!(&err, StreamError::Incomplete(m) if m.contains("without")),
            "{err}"
        );
        assert_eq!(stream.unread_events().len(), 2);
        assert_eq!(
            stream.finish().await.unwrap_err(),
            err,
            "the failure sticks"
        );

        // An exception event is its code's service error, with the response's request id.
        stub.queue(frames(
            json!([start, {"modelStreamErrorException": {"message": "boom"}}]),
        ));
        let response = client.converse_stream(request()).await.unwrap();
        assert_eq!(response.metadata.request_id, "stub-request");
        let mut stream = response.body;
        let StreamError::Failed(CoreError::Service(service)) = stream.finish().await.unwrap_err()
        else {
            panic!("not a service error")
        };
        assert_eq!(
            (service.code(), service.message()),
            ("modelStreamErrorException", "boom"),
            "named as boto3 names it: the event's name"
        );
        assert!(service.in_stream);
        assert_eq!(service.metadata.request_id, response.metadata.request_id);

        // A frame with a bad CRC makes the stream incomplete.
        let mut corrupt = frame(
            "contentBlockDelta",
            json!({"contentBlockIndex": 0, "delta": {"text": ""}}),
        )
        .to_vec();
        *corrupt.last_mut().unwrap() ^= 0xff;
        let mut chunks = frames(json!([start]));
        chunks.push(Chunk::Bytes(Bytes::from(corrupt)));
        stub.queue(chunks);
        let mut stream = client.converse_stream(request()).await.unwrap().body;
        assert!(
            matches!(stream.finish().await, Err(StreamError::Incomplete(m)) if m.contains("decoded"))
        );

        // A connection that breaks mid-stream: an error, never a complete stream.
        let mut chunks = frames(json!([start]));
        chunks.push(Chunk::Drop);
        stub.queue(chunks);
        let mut stream = client.converse_stream(request()).await.unwrap().body;
        assert!(stream.finish().await.is_err());
        assert!(!stream.is_complete() && !stream.is_open());
        assert_eq!(stream.received(), 1);

        // A close from another task reaches a read that waits on a stalled server, and
        // the transport sees the body dropped before its end.
        let mut chunks = frames(json!([start]));
        chunks.push(Chunk::Stall);
        chunks.extend(frames(json!([stop])));
        stub.queue(chunks);
        let mut stream = client.converse_stream(request()).await.unwrap().body;
        assert!(stream.advance().await.unwrap().is_some());
        let closer = stream.close_handle();
        let waiting = tokio::spawn(async move { (stream.advance().await, stream) });
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        assert_eq!(stub.cut_off(), 0, "still waiting");
        closer.close();
        let (outcome, stream) = waiting.await.unwrap();
        assert!(matches!(outcome, Err(StreamError::Incomplete(m)) if m.contains("closed")));
        assert!(!stream.is_open());
        drop(stream);
        for _ in 0..500 {
            if stub.cut_off() == 1 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        assert_eq!(stub.cut_off(), 1, "the transport saw the body dropped");
    }

    #[test]
    fn text_joins_text_deltas_only() {
        let list = events(json!([
            {"messageStart": {"role": "assistant"}},
            {"contentBlockDelta": {"contentBlockIndex": 0, "delta": {"reasoningContent": {"text": "hmm"}}}},
            {"contentBlockDelta": {"contentBlockIndex": 1, "delta": {"text": "a"}}},
            {"contentBlockDelta": {"contentBlockIndex": 1, "delta": {"text": "b"}}},
        ]));
        let mut assembly = Assembly::default();
        list.iter().for_each(|event| assembly.add(event));
        assert_eq!(assembly.text(), "ab");
        assert_eq!(assembly.text_deltas(), 2);
        assert_eq!((assembly.text_delta(0), assembly.text_delta(1)), ("a", "b"));
    }

    #[test]
    fn interleaved_text_blocks_keep_their_own_text() {
        let list = events(json!([
            {"contentBlockDelta": {"contentBlockIndex": 1, "delta": {"text": "one "}}},
            {"contentBlockDelta": {"contentBlockIndex": 0, "delta": {"text": "zero "}}},
            {"contentBlockDelta": {"contentBlockIndex": 1, "delta": {"text": "two"}}},
            {"contentBlockDelta": {"contentBlockIndex": 0, "delta": {"text": "more"}}},
        ]));
        let response = as_json(&assemble(&list).unwrap());
        assert_eq!(
            response["output"]["message"]["content"],
            json!([{"text": "zero more"}, {"text": "one two"}])
        );
    }
}
