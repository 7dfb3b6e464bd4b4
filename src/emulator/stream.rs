//! ConverseStream answers: a Converse reply cut into the events Bedrock sends, and
//! scripted streams, framed with AWS event-stream encoding into the items that
//! `body::EventStreamBody` delivers.

use std::time::Duration;

use aws_smithy_eventstream::frame::write_message_to;
use aws_smithy_types::event_stream::{Header, HeaderValue, Message};
use bytes::Bytes;
use serde_json::{json, Map, Value};

use super::body::{StreamItem, FLUSH_PAUSE};
use super::tokenizer::pieces;

/// Tokens per text delta, so that even a short echo arrives in several events.
const TOKENS_PER_DELTA: usize = 4;

/// One event of a ConverseStream answer: its `:event-type` and its JSON payload.
pub type Event = (String, Value);

fn event(kind: &str, payload: Value) -> Event {
    (kind.to_owned(), payload)
}

/// The events Bedrock sends for `reply` (a Converse reply in the wire layout):
/// `messageStart`, per content block an optional `contentBlockStart`, its
/// `contentBlockDelta`s and a `contentBlockStop`, then `messageStop` and `metadata`.
pub fn events_from_reply(reply: &Value) -> Vec<Event> {
    let message = reply.pointer("/output/message");
    let role = message
        .and_then(|m| m.get("role"))
        .cloned()
        .unwrap_or_else(|| json!("assistant"));
    let mut out = vec![event("messageStart", json!({ "role": role }))];

    let blocks = message
        .and_then(|m| m.get("content"))
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    for (index, block) in blocks.iter().enumerate() {
        let start = |start: Value| {
            event(
                "contentBlockStart",
                json!({"contentBlockIndex": index, "start": start}),
            )
        };
        let delta = |delta: Value| {
            event(
                "contentBlockDelta",
                json!({"contentBlockIndex": index, "delta": delta}),
            )
        };
        if let Some(text) = block.get("text").and_then(Value::as_str) {
            out.extend(
                pieces(text, TOKENS_PER_DELTA)
                    .into_iter()
                    .map(|p| delta(json!({ "text": p }))),
            );
        } else if let Some(cited) = block.get("citationsContent") {
            // The generated text as text deltas, then one citation delta per citation
            // (a `Citation` and a `CitationsDelta` have the same JSON layout).
            for generated in cited
                .get("content")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(text) = generated.get("text").and_then(Value::as_str) {
                    out.extend(
                        pieces(text, TOKENS_PER_DELTA)
                            .into_iter()
                            .map(|p| delta(json!({ "text": p }))),
                    );
                }
            }
            for citation in cited
                .get("citations")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                out.push(delta(json!({ "citation": citation })));
            }
        } else if let Some(tool_use) = block.get("toolUse") {
            let mut head = Map::new();
            for key in ["toolUseId", "name", "type"] {
                if let Some(value) = tool_use.get(key) {
                    head.insert(key.to_owned(), value.clone());
                }
            }
            out.push(start(json!({ "toolUse": head })));
            let input = tool_use
                .get("input")
                .map_or_else(|| "{}".to_owned(), Value::to_string);
            // In several deltas, as Bedrock streams a tool's input.
            out.extend(
                pieces(&input, TOKENS_PER_DELTA)
                    .into_iter()
                    .map(|p| delta(json!({"toolUse": {"input": p}}))),
            );
        } else if let Some(reasoning) = block.get("reasoningContent") {
            if let Some(text) = reasoning
                .pointer("/reasoningText/text")
                .and_then(Value::as_str)
            {
                out.extend(
                    pieces(text, TOKENS_PER_DELTA)
                        .into_iter()
                        .map(|p| delta(json!({"reasoningContent": {"text": p}}))),
                );
            }
            if let Some(signature) = reasoning.pointer("/reasoningText/signature") {
                out.push(delta(json!({"reasoningContent": {"signature": signature}})));
            }
            if let Some(redacted) = reasoning.get("redactedContent") {
                out.push(delta(
                    json!({"reasoningContent": {"redactedContent": redacted}}),
                ));
            }
        } else if let Some(tool_result) = block.get("toolResult") {
            let mut head = Map::new();
            for key in ["toolUseId", "status", "type"] {
                if let Some(value) = tool_result.get(key) {
                    head.insert(key.to_owned(), value.clone());
                }
            }
            out.push(start(json!({ "toolResult": head })));
            let parts: Vec<Value> = tool_result
                .get("content")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter(|c| c.get("text").is_some() || c.get("json").is_some())
                .cloned()
                .collect();
            out.push(delta(json!({ "toolResult": parts })));
        } else if let Some(image) = block.get("image") {
            out.push(start(
                json!({"image": {"format": image.get("format").cloned().unwrap_or(json!("png"))}}),
            ));
            if let Some(source) = image.get("source") {
                out.push(delta(json!({"image": {"source": source}})));
            }
        }
        // Blocks a stream cannot carry (documents, ...) still open and close.
        out.push(event(
            "contentBlockStop",
            json!({ "contentBlockIndex": index }),
        ));
    }

    let mut stop = Map::new();
    stop.insert(
        "stopReason".into(),
        reply
            .get("stopReason")
            .cloned()
            .unwrap_or_else(|| json!("end_turn")),
    );
    if let Some(fields) = reply.get("additionalModelResponseFields") {
        stop.insert("additionalModelResponseFields".into(), fields.clone());
    }
    out.push(event("messageStop", Value::Object(stop)));

    let mut metadata = Map::new();
    metadata.insert(
        "usage".into(),
        reply.get("usage").cloned().unwrap_or_else(|| json!({})),
    );
    metadata.insert(
        "metrics".into(),
        reply
            .get("metrics")
            .cloned()
            .unwrap_or_else(|| json!({"latencyMs": 0})),
    );
    for key in ["trace", "performanceConfig", "serviceTier"] {
        if let Some(value) = reply.get(key) {
            metadata.insert(key.into(), value.clone());
        }
    }
    out.push(event("metadata", Value::Object(metadata)));
    out
}

/// What a queued stream does after its events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StreamFault {
    /// Ends cleanly but without `messageStop` and `metadata` (dropped from the events).
    Truncate,
    /// Closes the connection mid-body.
    Drop,
    /// Sends one more frame, with a bad checksum.
    Corrupt,
    /// Sends the prelude of a frame claiming 4 GiB - 1 bytes (its checksum right), some
    /// of its bytes, then holds the connection open: a client must refuse the frame at
    /// its prelude rather than wait for (or buffer) 4 GiB.
    Oversized,
}

/// The total length the `oversized` frame's prelude claims.
const OVERSIZED_LENGTH: u32 = u32::MAX;

/// The prelude of a frame of `total` bytes with no headers: total length, headers length
/// and the CRC-32 of those eight bytes, all big-endian.
fn prelude(total: u32) -> Bytes {
    let mut bytes = Vec::with_capacity(12 + 1024);
    bytes.extend_from_slice(&total.to_be_bytes());
    bytes.extend_from_slice(&0u32.to_be_bytes());
    let crc = crc32fast::hash(&bytes);
    bytes.extend_from_slice(&crc.to_be_bytes());
    bytes.resize(12 + 1024, 0); // the start of the claimed payload
    Bytes::from(bytes)
}

impl std::str::FromStr for StreamFault {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "truncate" => Ok(Self::Truncate),
            "drop" => Ok(Self::Drop),
            "corrupt" => Ok(Self::Corrupt),
            "oversized" => Ok(Self::Oversized),
            other => Err(format!(
                "fault must be 'truncate', 'drop', 'corrupt', 'oversized' or None, got {other:?}"
            )),
        }
    }
}

/// A stream scripted event by event, in boto3's event shape (`{"messageStart": {...}}`,
/// `{"throttlingException": {"message": ...}}`), wire JSON inside (blobs base64). A
/// number among the events is a pause of that many seconds (before the first event, a
/// long wait after the response headers; between two, a stall mid-stream).
#[derive(Clone, Debug, PartialEq)]
pub struct ScriptedStream {
    /// The events, each an object with exactly one key, or a number of seconds to pause.
    pub events: Vec<Value>,
    /// The pause between consecutive frames.
    pub pace: Duration,
    /// What happens after the events.
    pub fault: Option<StreamFault>,
}

impl ScriptedStream {
    /// Checks that every event is an object with one key; the message names the first
    /// that is not.
    pub fn check(&self) -> Result<(), String> {
        for (i, event) in self.events.iter().enumerate() {
            if let Some(seconds) = event.as_f64() {
                if !(seconds.is_finite() && seconds >= 0.0) {
                    return Err(format!(
                        "events[{i}]: a pause must be a non-negative number of seconds, got {seconds}"
                    ));
                }
                continue;
            }
            match event.as_object() {
                Some(object) if object.len() == 1 => {}
                _ => return Err(format!("events[{i}] must be a dict with exactly one key, such as {{\"messageStart\": {{...}}}}, or a number of seconds to pause")),
            }
        }
        Ok(())
    }

    /// The body items: one frame per event (an exception frame for keys ending in
    /// `Exception`), then the fault.
    pub fn items(&self) -> Vec<StreamItem> {
        let mut items = Vec::new();
        for event in &self.events {
            if let Some(seconds) = event.as_f64() {
                items.push(StreamItem::Pause(Duration::from_secs_f64(seconds.max(0.0))));
                continue;
            }
            let Some((kind, payload)) = event.as_object().and_then(|o| o.iter().next()) else {
                continue;
            };
            if self.fault == Some(StreamFault::Truncate)
                && (kind == "messageStop" || kind == "metadata")
            {
                continue;
            }
            let frame = if kind.ends_with("Exception") {
                encode_exception(kind, payload)
            } else {
                encode_event(kind, payload)
            };
            items.push(StreamItem::Frame(frame));
        }
        match self.fault {
            None | Some(StreamFault::Truncate) => {}
            Some(StreamFault::Drop) => {
                // hyper flushes only when the body makes it wait: pause so that the
                // events reach the client before the connection goes.
                items.push(StreamItem::Pause(FLUSH_PAUSE));
                items.push(StreamItem::Drop);
            }
            Some(StreamFault::Corrupt) => {
                let mut frame = encode_event(
                    "contentBlockDelta",
                    &json!({"contentBlockIndex": 0, "delta": {"text": ""}}),
                )
                .to_vec();
                if let Some(last) = frame.last_mut() {
                    *last ^= 0xff; // the message CRC no longer matches
                }
                items.push(StreamItem::Frame(Bytes::from(frame)));
            }
            Some(StreamFault::Oversized) => {
                items.push(StreamItem::Frame(prelude(OVERSIZED_LENGTH)));
                // Until the client leaves or the server stops (tokio ends a sleep too
                // long to represent at a far-future instant).
                items.push(StreamItem::Pause(Duration::MAX));
            }
        }
        items
    }
}

/// One event as an event-stream frame, headers as Bedrock sends them.
pub fn encode_event(kind: &str, payload: &Value) -> Bytes {
    let message = Message::new(payload.to_string().into_bytes())
        .add_header(Header::new(
            ":event-type",
            HeaderValue::String(kind.to_owned().into()),
        ))
        .add_header(Header::new(
            ":content-type",
            HeaderValue::String("application/json".into()),
        ))
        .add_header(Header::new(
            ":message-type",
            HeaderValue::String("event".into()),
        ));
    encode(&message)
}

/// An exception event (`:message-type: exception`), such as `throttlingException`.
pub fn encode_exception(kind: &str, payload: &Value) -> Bytes {
    let message = Message::new(payload.to_string().into_bytes())
        .add_header(Header::new(
            ":exception-type",
            HeaderValue::String(kind.to_owned().into()),
        ))
        .add_header(Header::new(
            ":content-type",
            HeaderValue::String("application/json".into()),
        ))
        .add_header(Header::new(
            ":message-type",
            HeaderValue::String("exception".into()),
        ));
    encode(&message)
}

fn encode(message: &Message) -> Bytes {
    let mut buffer = Vec::new();
    // Only oversized headers or payloads (beyond 16 MB) fail to encode; ours are small.
    write_message_to(message, &mut buffer).expect("an event-stream frame encodes");
    Bytes::from(buffer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_smithy_eventstream::frame::read_message_from;

    #[test]
    fn cuts_a_reply_into_bedrocks_events() {
        let reply = json!({
            "output": {"message": {"role": "assistant", "content": [
                {"reasoningContent": {"reasoningText": {"text": "think", "signature": "sig"}}},
                {"text": "Hello, world!"},
                {"toolUse": {"toolUseId": "t1", "name": "add", "input": {"a": 1}}},
            ]}},
            "stopReason": "tool_use",
            "usage": {"inputTokens": 3, "outputTokens": 9, "totalTokens": 12},
            "metrics": {"latencyMs": 5},
        });
        let events = events_from_reply(&reply);
        let kinds: Vec<&str> = events.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            kinds,
            [
                "messageStart",
                "contentBlockDelta",
                "contentBlockDelta",
                "contentBlockStop",
                "contentBlockDelta",
                "contentBlockDelta",
                "contentBlockStop",
                "contentBlockStart",
                "contentBlockDelta",
                "contentBlockDelta",
                "contentBlockStop",
                "messageStop",
                "metadata",
            ]
        );
        assert_eq!(events[0].1, json!({"role": "assistant"}));
        assert_eq!(
            events[2].1,
            json!({"contentBlockIndex": 0, "delta": {"reasoningContent": {"signature": "sig"}}})
        );
        let text: String = events[4..6]
            .iter()
            .map(|(_, p)| p["delta"]["text"].as_str().unwrap())
            .collect();
        assert_eq!(text, "Hello, world!");
        assert_eq!(
            events[7].1,
            json!({"contentBlockIndex": 2, "start": {"toolUse": {"toolUseId": "t1", "name": "add"}}})
        );
        // The tool's input in several deltas, as Bedrock streams it.
        let input: String = events[8..10]
            .iter()
            .map(|(_, p)| p["delta"]["toolUse"]["input"].as_str().unwrap())
            .collect();
        assert_eq!(input, r#"{"a":1}"#);
        assert_eq!(events[11].1, json!({"stopReason": "tool_use"}));
        assert_eq!(
            events[12].1,
            json!({"usage": reply["usage"], "metrics": {"latencyMs": 5}})
        );
    }

    #[test]
    fn frames_decode_with_the_sdks_reader() {
        let frame = encode_event("messageStart", &json!({"role": "assistant"}));
        let message = read_message_from(frame).unwrap();
        let header = |name: &str| {
            message
                .headers()
                .iter()
                .find(|h| h.name().as_str() == name)
                .map(|h| h.value().as_string().unwrap().as_str().to_owned())
        };
        assert_eq!(header(":event-type").as_deref(), Some("messageStart"));
        assert_eq!(header(":message-type").as_deref(), Some("event"));
        assert_eq!(message.payload().as_ref(), br#"{"role":"assistant"}"#);

        let frame = encode_exception("throttlingException", &json!({"message": "Slow down"}));
        let message = read_message_from(frame).unwrap();
        assert_eq!(
            message.headers()[0].value().as_string().unwrap().as_str(),
            "throttlingException"
        );
    }

    #[test]
    fn scripted_streams_apply_their_fault() {
        let events = vec![
            json!({"messageStart": {"role": "assistant"}}),
            json!({"messageStop": {"stopReason": "end_turn"}}),
            json!({"metadata": {"usage": {}, "metrics": {"latencyMs": 0}}}),
        ];
        let stream = |fault| ScriptedStream {
            events: events.clone(),
            pace: Duration::ZERO,
            fault,
        };
        assert_eq!(stream(None).items().len(), 3);
        assert_eq!(stream(Some(StreamFault::Truncate)).items().len(), 1);
        assert!(matches!(
            stream(Some(StreamFault::Drop)).items().last(),
            Some(StreamItem::Drop)
        ));
        let Some(StreamItem::Frame(bad)) = stream(Some(StreamFault::Corrupt)).items().pop() else {
            panic!()
        };
        assert!(read_message_from(bad).is_err());
        let items = stream(Some(StreamFault::Oversized)).items();
        let Some(StreamItem::Frame(prelude)) = items.get(3) else {
            panic!()
        };
        assert_eq!(prelude[..8], [0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);
        assert_eq!(prelude[8..12], crc32fast::hash(&prelude[..8]).to_be_bytes());
        assert!(matches!(items.last(), Some(StreamItem::Pause(d)) if *d == Duration::MAX));
        assert!("explode".parse::<StreamFault>().is_err());
        let broken = ScriptedStream {
            events: vec![json!({"a": 1, "b": 2})],
            pace: Duration::ZERO,
            fault: None,
        };
        assert!(broken.check().unwrap_err().starts_with("events[0]"));
    }

    #[test]
    fn numbers_among_scripted_events_are_pauses() {
        let stream = ScriptedStream {
            events: vec![
                json!(30),
                json!({"messageStart": {"role": "assistant"}}),
                json!(0.5),
                json!({"messageStop": {"stopReason": "end_turn"}}),
            ],
            pace: Duration::ZERO,
            fault: None,
        };
        assert_eq!(stream.check(), Ok(()));
        let items = stream.items();
        assert!(matches!(items[0], StreamItem::Pause(d) if d == Duration::from_secs(30)));
        assert!(matches!(items[1], StreamItem::Frame(_)));
        assert!(matches!(items[2], StreamItem::Pause(d) if d == Duration::from_millis(500)));
        assert_eq!(items.len(), 4);
        let negative = ScriptedStream {
            events: vec![json!(-1)],
            ..stream
        };
        assert!(negative.check().unwrap_err().contains("non-negative"));
    }

    #[test]
    fn citations_are_cut_into_text_and_citation_deltas() {
        let citation = json!({"title": "Doc", "sourceContent": [{"text": "q"}],
                              "location": {"documentChar": {"documentIndex": 0, "start": 0, "end": 1}}});
        let reply = json!({
            "output": {"message": {"role": "assistant", "content": [
                {"citationsContent": {"content": [{"text": "The sky is blue."}], "citations": [citation]}},
            ]}},
            "stopReason": "end_turn",
        });
        let events = events_from_reply(&reply);
        let deltas: Vec<&Value> = events
            .iter()
            .filter(|(kind, _)| kind == "contentBlockDelta")
            .map(|(_, payload)| &payload["delta"])
            .collect();
        let text: String = deltas.iter().filter_map(|d| d["text"].as_str()).collect();
        assert_eq!(text, "The sky is blue.");
        assert_eq!(deltas.last().unwrap(), &&json!({ "citation": citation }));
    }
}
