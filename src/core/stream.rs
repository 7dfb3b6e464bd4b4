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

use aws_sdk_bedrockruntime::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_bedrockruntime::types::error::ConverseStreamOutputError;
use aws_smithy_types::event_stream::RawMessage;
use tokio::sync::mpsc::error::TryRecvError;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};
use tokio::sync::Notify;

use super::error::{error_chain, CoreError, ServiceError};
use super::guard::{find_in_chain, ReadTimeout};
use super::metadata::ResponseMetadata;
use crate::wire;

/// The SDK's receiver of ConverseStream events.
pub type EventReceiver = aws_sdk_bedrockruntime::primitives::event_stream::EventReceiver<
    aws_sdk_bedrockruntime::types::ConverseStreamOutput,
    ConverseStreamOutputError,
>;

/// Why a stream did not deliver a complete answer.
#[derive(Clone, Debug, PartialEq, Eq)]
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
type Item = Result<wire::ConverseStreamOutput, StreamError>;

/// One ConverseStream response: the pump's channel, the reply assembled so far, and the
/// events the loop has not taken yet.
pub struct ConverseStream {
    incoming: Option<UnboundedReceiver<Item>>,
    /// Events received that the loop (the shared cursor) has not taken yet.
    unread: VecDeque<wire::ConverseStreamOutput>,
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
    /// A stream over `receiver`, whose initial HTTP response carried `metadata`. Starts
    /// the pump on the current tokio runtime (panics outside one).
    pub fn new(receiver: EventReceiver, metadata: ResponseMetadata) -> Self {
        let (sender, incoming) = unbounded_channel();
        tokio::spawn(pump(receiver, sender, metadata.clone()));
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
    pub fn unread_events(&self) -> &VecDeque<wire::ConverseStreamOutput> {
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
    pub async fn advance(&mut self) -> Result<Option<wire::ConverseStreamOutput>, StreamError> {
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
    pub fn final_response(&self) -> Result<wire::ConverseResponse, StreamError> {
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
                match &event {
                    wire::ConverseStreamOutput::MessageStop(_) => self.saw_message_stop = true,
                    wire::ConverseStreamOutput::Metadata(_) => self.saw_metadata = true,
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
            StreamError::Failed(CoreError::Service(service)) => &service.code,
            StreamError::Failed(_) => "failed",
            StreamError::Incomplete(_) => "incomplete",
        });
        err
    }
}

/// Reads `receiver` into `sender`, converting each event, until the stream ends, fails,
/// or the other end of the channel is dropped; returning drops the receiver, which ends
/// the HTTP response.
async fn pump(
    mut receiver: EventReceiver,
    sender: UnboundedSender<Item>,
    metadata: ResponseMetadata,
) {
    // Registered once: a `closed()` made afresh for every event costs a lock and a
    // waiter-list insert and removal per event.
    let closed = sender.closed();
    tokio::pin!(closed);
    loop {
        let received = tokio::select! {
            biased;
            () = &mut closed => return,
            received = receiver.recv() => received,
        };
        let item = match received {
            Ok(Some(event)) => wire::ConverseStreamOutput::from_sdk(event)
                .map_err(|err| StreamError::Failed(CoreError::InvalidResponse(err.to_string()))),
            Ok(None) => return,
            Err(err) => Err(stream_error(err, &metadata)),
        };
        let last = item.is_err();
        if sender.send(item).is_err() || last {
            return;
        }
    }
}

/// An error of the receiver: an exception event is its code's service error (with the
/// stream's `metadata`); a broken connection or a frame that cannot be decoded makes the
/// stream incomplete.
fn stream_error(
    err: SdkError<ConverseStreamOutputError, RawMessage>,
    metadata: &ResponseMetadata,
) -> StreamError {
    if let Some(timeout) = find_in_chain::<ReadTimeout>(&err) {
        return StreamError::Failed(CoreError::Timeout(format!(
            "the stream timed out: {timeout}"
        )));
    }
    match err {
        SdkError::ServiceError(context) => {
            let raw = exception_type(context.raw());
            let (code, message) = exception_code_and_message(context.into_err(), raw);
            StreamError::Failed(CoreError::Service(ServiceError {
                code,
                message,
                metadata: metadata.clone(),
            }))
        }
        SdkError::ResponseError(_) => StreamError::Incomplete(format!(
            "a frame of the stream could not be decoded: {}",
            error_chain(&err)
        )),
        other => StreamError::Incomplete(format!(
            "the connection broke mid-stream: {}",
            error_chain(&other)
        )),
    }
}

/// The `:exception-type` header of an exception event, when the message was decoded.
fn exception_type(raw: &RawMessage) -> Option<String> {
    let RawMessage::Decoded(message) = raw else {
        return None;
    };
    message
        .headers()
        .iter()
        .find(|h| h.name().as_str() == ":exception-type")
        .and_then(|h| h.value().as_string().ok())
        .map(|s| s.as_str().to_owned())
}

/// The error code (`ThrottlingException`, as the non-stream error) and message of an
/// exception event.
fn exception_code_and_message(
    err: ConverseStreamOutputError,
    exception_type: Option<String>,
) -> (String, String) {
    use wire::ConverseStreamOutput as W;
    match wire::ConverseStreamOutput::from_sdk_error(err) {
        Ok(event) => {
            let (code, message) = match event {
                W::InternalServerException(e) => ("InternalServerException", e.message),
                W::ModelStreamErrorException(e) => ("ModelStreamErrorException", e.message),
                W::ServiceUnavailableException(e) => ("ServiceUnavailableException", e.message),
                W::ThrottlingException(e) => ("ThrottlingException", e.message),
                W::ValidationException(e) => ("ValidationException", e.message),
                _ => ("Unknown", None),
            };
            (code.to_owned(), message.unwrap_or_default())
        }
        Err(other) => {
            // An exception this SDK does not model: `fooException` is reported as `FooException`.
            let code = exception_type
                .or_else(|| other.code().map(str::to_owned))
                .map(|code| {
                    let mut chars = code.chars();
                    chars
                        .next()
                        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                        .unwrap_or_default()
                })
                .filter(|code| !code.is_empty())
                .unwrap_or_else(|| "Unknown".to_owned());
            (code, other.message().unwrap_or_default().to_owned())
        }
    }
}

/// One content block being put together from its start and deltas.
#[derive(Clone, Default)]
struct BlockParts {
    start: Option<wire::ContentBlockStart>,
    /// The block's text, as ranges of the assembly's text (one range, unless blocks
    /// interleave).
    text: Vec<Range<usize>>,
    tool_input: String,
    reasoning_text: Option<String>,
    signature: Option<String>,
    redacted: Option<Vec<u8>>,
    citations: Vec<wire::Citation>,
    tool_result: Vec<wire::ToolResultContentBlock>,
    image: Option<wire::ImageBlockDelta>,
}

impl BlockParts {
    /// Adds a delta other than text (which [`Assembly::add`] keeps).
    fn add(&mut self, delta: &wire::ContentBlockDelta) {
        use wire::ContentBlockDelta as D;
        match delta {
            D::Text(_) => {}
            D::ToolUse(tool_use) => self.tool_input.push_str(&tool_use.input),
            D::ReasoningContent(wire::ReasoningContentBlockDelta::Text(text)) => self
                .reasoning_text
                .get_or_insert_with(String::new)
                .push_str(text),
            D::ReasoningContent(wire::ReasoningContentBlockDelta::Signature(signature)) => self
                .signature
                .get_or_insert_with(String::new)
                .push_str(signature),
            D::ReasoningContent(wire::ReasoningContentBlockDelta::RedactedContent(bytes)) => self
                .redacted
                .get_or_insert_with(Vec::new)
                .extend_from_slice(&bytes.0),
            D::Citation(citation) => self.citations.push(citation_from_delta(citation)),
            D::ToolResult(parts) => {
                self.tool_result.extend(parts.iter().map(|part| match part {
                    wire::ToolResultBlockDelta::Text(text) => {
                        wire::ToolResultContentBlock::Text(text.clone())
                    }
                    wire::ToolResultBlockDelta::Json(json) => {
                        wire::ToolResultContentBlock::Json(json.clone())
                    }
                }));
            }
            D::Image(image) => {
                let slot = self.image.get_or_insert_with(Default::default);
                if image.source.is_some() {
                    slot.source.clone_from(&image.source);
                }
                if image.error.is_some() {
                    slot.error.clone_from(&image.error);
                }
            }
        }
    }

    /// The block in `converse()`'s shape, its text taken from `all_text`; `index` names
    /// it in errors.
    fn build(self, index: i32, all_text: &str) -> Result<wire::ContentBlock, String> {
        use wire::ContentBlockStart as S;
        let text: String = self.text.iter().map(|r| &all_text[r.clone()]).collect();
        match self.start {
            Some(S::ToolUse(start)) => {
                let input = if self.tool_input.trim().is_empty() {
                    wire::Document(aws_smithy_types::Document::Object(Default::default()))
                } else {
                    serde_json::from_str::<wire::Document>(&self.tool_input).map_err(|err| {
                        format!(
                            "the toolUse input of content block {index} is not valid JSON ({err}): \
                             {:?}",
                            self.tool_input
                        )
                    })?
                };
                return Ok(wire::ContentBlock::ToolUse(wire::ToolUseBlock {
                    input,
                    name: start.name,
                    tool_use_id: start.tool_use_id,
                    r#type: start.r#type,
                }));
            }
            Some(S::ToolResult(start)) => {
                return Ok(wire::ContentBlock::ToolResult(wire::ToolResultBlock {
                    content: self.tool_result,
                    status: start.status,
                    tool_use_id: start.tool_use_id,
                    r#type: start.r#type,
                }));
            }
            Some(S::Image(start)) => {
                let delta = self.image.unwrap_or_default();
                return Ok(wire::ContentBlock::Image(wire::ImageBlock {
                    error: delta.error,
                    format: start.format,
                    source: delta.source,
                }));
            }
            None => {}
        }
        if let Some(redacted) = self.redacted {
            return Ok(wire::ContentBlock::ReasoningContent(
                wire::ReasoningContentBlock::RedactedContent(wire::Blob(redacted)),
            ));
        }
        if self.reasoning_text.is_some() || self.signature.is_some() {
            return Ok(wire::ContentBlock::ReasoningContent(
                wire::ReasoningContentBlock::ReasoningText(wire::ReasoningTextBlock {
                    signature: self.signature,
                    text: self.reasoning_text.unwrap_or_default(),
                }),
            ));
        }
        if !self.citations.is_empty() {
            return Ok(wire::ContentBlock::CitationsContent(
                wire::CitationsContentBlock {
                    citations: Some(self.citations),
                    content: Some(vec![wire::CitationGeneratedContent::Text(text)]),
                },
            ));
        }
        Ok(wire::ContentBlock::Text(text))
    }
}

/// A citation delta as the citation `converse()` reports.
fn citation_from_delta(delta: &wire::CitationsDelta) -> wire::Citation {
    wire::Citation {
        location: delta.location.clone(),
        source: delta.source.clone(),
        source_content: delta.source_content.as_ref().map(|parts| {
            parts
                .iter()
                .map(|part| {
                    wire::CitationSourceContent::Text(part.text.clone().unwrap_or_default())
                })
                .collect()
        }),
        title: delta.title.clone(),
    }
}

/// The reply put together as events arrive, as `converse()` would have answered: content
/// blocks in index order (text joined, toolUse input parsed from its fragments, reasoning
/// text with its signature or the redacted bytes, citations), the stop reason, usage,
/// metrics, trace and additional fields; and every text delta, in arrival order, for
/// `text()` and `iter_text()`. It holds what the reply holds, never the events.
#[derive(Default)]
pub struct Assembly {
    role: Option<String>,
    blocks: BTreeMap<i32, BlockParts>,
    stop: Option<wire::MessageStopEvent>,
    metadata: Option<wire::ConverseStreamMetadataEvent>,
    /// Every text delta, joined in arrival order (blocks hold ranges of it).
    text: String,
    /// Where each text delta ends in `text`.
    text_ends: Vec<usize>,
}

impl Assembly {
    /// Takes one event into the reply.
    pub fn add(&mut self, event: &wire::ConverseStreamOutput) {
        use wire::ConverseStreamOutput as E;
        match event {
            E::MessageStart(start) => self.role = Some(start.role.clone()),
            E::ContentBlockStart(start) => {
                self.blocks
                    .entry(start.content_block_index)
                    .or_default()
                    .start
                    .clone_from(&start.start);
            }
            E::ContentBlockDelta(delta) => {
                let block = self.blocks.entry(delta.content_block_index).or_default();
                match &delta.delta {
                    Some(wire::ContentBlockDelta::Text(text)) => {
                        let start = self.text.len();
                        self.text.push_str(text);
                        let end = self.text.len();
                        self.text_ends.push(end);
                        match block.text.last_mut() {
                            Some(last) if last.end == start => last.end = end,
                            _ => block.text.push(start..end),
                        }
                    }
                    Some(other) => block.add(other),
                    None => {}
                }
            }
            E::ContentBlockStop(stop) => {
                self.blocks.entry(stop.content_block_index).or_default();
            }
            E::MessageStop(event) => self.stop = Some(event.clone()),
            E::Metadata(event) => self.metadata = Some(event.clone()),
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

    /// The reply in `converse()`'s shape, from what has arrived.
    pub fn build(&self) -> Result<wire::ConverseResponse, String> {
        let content = self
            .blocks
            .iter()
            .map(|(index, parts)| parts.clone().build(*index, &self.text))
            .collect::<Result<Vec<_>, String>>()?;
        let stop = self.stop.as_ref();
        let metadata = self.metadata.as_ref();
        Ok(wire::ConverseResponse {
            additional_model_response_fields: stop
                .and_then(|stop| stop.additional_model_response_fields.clone()),
            metrics: metadata
                .and_then(|m| m.metrics.as_ref())
                .map(|m| wire::ConverseMetrics {
                    latency_ms: m.latency_ms,
                }),
            output: Some(wire::ConverseOutput::Message(wire::Message {
                content,
                role: self.role.clone().unwrap_or_else(|| "assistant".to_owned()),
            })),
            performance_config: metadata.and_then(|m| m.performance_config.clone()),
            service_tier: metadata.and_then(|m| m.service_tier.clone()),
            stop_reason: stop
                .map(|stop| stop.stop_reason.clone())
                .unwrap_or_default(),
            trace: metadata
                .and_then(|m| m.trace.as_ref())
                .map(|t| wire::ConverseTrace {
                    guardrail: t.guardrail.clone(),
                    prompt_router: t.prompt_router.clone(),
                }),
            usage: metadata.and_then(|m| m.usage.clone()),
        })
    }
}

/// Puts the events of a complete stream together as `converse()` would have answered.
pub fn assemble(events: &[wire::ConverseStreamOutput]) -> Result<wire::ConverseResponse, String> {
    let mut assembly = Assembly::default();
    for event in events {
        assembly.add(event);
    }
    assembly.build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// Events from boto3's dict layout.
    fn events(dicts: Value) -> Vec<wire::ConverseStreamOutput> {
        serde_json::from_value(dicts).expect("valid events")
    }

    fn as_json(response: &wire::ConverseResponse) -> Value {
        serde_json::to_value(response).unwrap()
    }

    fn delta(index: i32, delta: Value) -> Value {
        json!({"contentBlockDelta": {"contentBlockIndex": index, "delta": delta}})
    }

    fn ending() -> Vec<Value> {
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
        let response = assemble(&events(Value::Array(list))).unwrap();
        assert_eq!(
            as_json(&response)["output"]["message"]["content"][0],
            json!({"toolUse": {"toolUseId": "t1", "name": "add", "input": {
                "a": 12_345_678_901_u64, "name": "xé", "b": [true, -1500.0, null]
            }}})
        );
        assert_eq!(response.stop_reason, "tool_use");
        assert_eq!(response.metrics.unwrap().latency_ms, 12);
    }

    #[test]
    fn tool_use_without_input_has_an_empty_object_and_bad_json_is_an_error() {
        let start = json!({"contentBlockStart": {"contentBlockIndex": 0, "start": {"toolUse": {"toolUseId": "t", "name": "now"}}}});
        let mut list = vec![start.clone()];
        list.extend(ending());
        let response = assemble(&events(Value::Array(list))).unwrap();
        assert_eq!(
            as_json(&response)["output"]["message"]["content"][0]["toolUse"]["input"],
            json!({})
        );

        let mut list = vec![start, delta(0, json!({"toolUse": {"input": "{\"a\": "}}))];
        list.extend(ending());
        let err = assemble(&events(Value::Array(list))).unwrap_err();
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
            delta(2, json!({"reasoningContent": {"redactedContent": "re"}})),
            delta(2, json!({"reasoningContent": {"redactedContent": "d"}})),
            json!({"contentBlockStop": {"contentBlockIndex": 2}}),
            json!({"contentBlockStop": {"contentBlockIndex": 1}}),
            json!({"contentBlockStop": {"contentBlockIndex": 3}}),
        ];
        list.extend(ending());
        let response = assemble(&events(Value::Array(list))).unwrap();
        let wire::ConverseOutput::Message(message) = response.output.unwrap();
        assert_eq!(
            message.content,
            vec![
                wire::ContentBlock::ReasoningContent(wire::ReasoningContentBlock::ReasoningText(
                    wire::ReasoningTextBlock {
                        signature: Some("c2ln".into()),
                        text: "Let me think.".into(),
                    }
                )),
                wire::ContentBlock::Text("Hello".into()),
                wire::ContentBlock::ReasoningContent(wire::ReasoningContentBlock::RedactedContent(
                    wire::Blob(b"red".to_vec())
                )),
                wire::ContentBlock::Text(String::new()),
            ]
        );
        assert_eq!(message.role, "assistant");
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
        let response = assemble(&events(Value::Array(list))).unwrap();
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

    /// A client of a fresh LocalBedrock, and the server.
    async fn local() -> (crate::emulator::LocalServer, crate::core::Client) {
        let server = crate::emulator::LocalServer::start(
            crate::emulator::ServerConfig::default(),
            &tokio::runtime::Handle::current(),
        )
        .unwrap();
        let config = crate::core::ClientConfig {
            region: Some("us-east-1".into()),
            endpoint_url: Some(server.endpoint_url()),
            access_key_id: Some("testing".into()),
            secret_access_key: Some("testing".into()),
            max_attempts: Some(1),
            ..Default::default()
        };
        let client = crate::core::Client::connect(&config).await.unwrap();
        (server, client)
    }

    fn request() -> wire::ConverseStreamRequest {
        serde_json::from_value(json!({
            "modelId": "m",
            "messages": [{"role": "user", "content": [{"text": "Hello there"}]}],
        }))
        .unwrap()
    }

    fn scripted(
        events: Value,
        fault: Option<crate::emulator::StreamFault>,
    ) -> crate::emulator::ScriptedStream {
        crate::emulator::ScriptedStream {
            events: serde_json::from_value(events).unwrap(),
            pace: std::time::Duration::ZERO,
            fault,
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn streams_complete_fail_and_close_against_local_bedrock() {
        let (server, client) = local().await;

        // The echo: complete, and assembled as converse() would answer.
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
        assert_eq!(stream.final_response().unwrap().stop_reason, "end_turn");

        // Ends cleanly at the HTTP level, but without messageStop and metadata.
        let start = json!({"messageStart": {"role": "assistant"}});
        server
            .queue_stream(scripted(
                json!([start, {"messageStop": {"stopReason": "end_turn"}}]),
                None,
            ))
            .unwrap();
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
        server
            .queue_stream(scripted(
                json!([start, {"modelStreamErrorException": {"message": "boom"}}]),
                None,
            ))
            .unwrap();
        let response = client.converse_stream(request()).await.unwrap();
        let mut stream = response.body;
        let StreamError::Failed(CoreError::Service(service)) = stream.finish().await.unwrap_err()
        else {
            panic!("not a service error")
        };
        assert_eq!(
            (service.code.as_str(), service.message.as_str()),
            ("ModelStreamErrorException", "boom")
        );
        assert_eq!(service.metadata.request_id, response.metadata.request_id);

        // A corrupt frame makes the stream incomplete.
        server
            .queue_stream(scripted(
                json!([start]),
                Some(crate::emulator::StreamFault::Corrupt),
            ))
            .unwrap();
        let mut stream = client.converse_stream(request()).await.unwrap().body;
        assert!(
            matches!(stream.finish().await, Err(StreamError::Incomplete(m)) if m.contains("decoded"))
        );

        // A close from another task reaches a read that waits on a stalled server.
        server
            .queue_stream(scripted(
                json!([start, 60, {"messageStop": {"stopReason": "end_turn"}}]),
                None,
            ))
            .unwrap();
        let mut stream = client.converse_stream(request()).await.unwrap().body;
        assert!(stream.advance().await.unwrap().is_some());
        let closer = stream.close_handle();
        let waiting = tokio::spawn(async move { (stream.advance().await, stream) });
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        closer.close();
        let (outcome, stream) = waiting.await.unwrap();
        assert!(matches!(outcome, Err(StreamError::Incomplete(m)) if m.contains("closed")));
        assert!(!stream.is_open());
        drop(stream);
        for _ in 0..500 {
            if server.stats().cancelled == 1 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        assert_eq!(
            server.stats().cancelled,
            1,
            "the server saw the connection close"
        );
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
