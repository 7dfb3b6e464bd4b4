//! The default model: echoes the last user message, with token counts from the tokenizer.

use std::time::Duration;

use base64::Engine;
use serde_json::{json, Value};

use super::schema::{instance, structured_ask, StructuredAsk};
use super::tokenizer::{count_input, count_text, truncate};
use super::validate::BASE64;

/// The text the echo model answers to a (validated) Converse request: the text blocks of
/// the last user message joined by newlines, or, when it has none, a short description
/// of its other blocks (`[image png, 123 bytes]`, `[document report.pdf]`, ...).
pub fn reply_text(request: &Value, model_id: &str) -> String {
    let messages = request
        .get("messages")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let Some(last_user) = messages
        .iter()
        .rev()
        .find(|m| m.get("role").and_then(Value::as_str) == Some("user"))
    else {
        return format!("[prompt {model_id}]");
    };
    let blocks = last_user
        .get("content")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let texts: Vec<&str> = blocks
        .iter()
        .filter_map(|b| b.get("text").and_then(Value::as_str))
        .collect();
    if !texts.is_empty() {
        return texts.join("\n");
    }
    let described: Vec<String> = blocks.iter().map(describe).collect();
    if described.is_empty() {
        "[empty message]".to_owned()
    } else {
        described.join("\n")
    }
}

/// The size of a base64 blob, or where it lives when it is an S3 location.
fn source_of(block: &Value) -> String {
    let source = block.get("source");
    if let Some(bytes) = source.and_then(|s| s.get("bytes")).and_then(Value::as_str) {
        let len = BASE64.decode(bytes).map(|b| b.len()).unwrap_or(0);
        return format!("{len} bytes");
    }
    if let Some(uri) = source
        .and_then(|s| s.pointer("/s3Location/uri"))
        .and_then(Value::as_str)
    {
        return uri.to_owned();
    }
    if let Some(text) = source.and_then(|s| s.get("text")).and_then(Value::as_str) {
        return format!("{} chars", text.chars().count());
    }
    "no source".to_owned()
}

fn text_of(value: &Value) -> &str {
    value.get("text").and_then(Value::as_str).unwrap_or("")
}

/// A short description of a block that is not text, naming its kind.
fn describe(block: &Value) -> String {
    let Some((kind, inner)) = block.as_object().and_then(|o| o.iter().next()) else {
        return "[empty block]".to_owned();
    };
    let field = |name: &str| inner.get(name).and_then(Value::as_str).unwrap_or("?");
    match kind.as_str() {
        "image" | "video" | "audio" => {
            format!("[{kind} {}, {}]", field("format"), source_of(inner))
        }
        "document" => match inner.get("format").and_then(Value::as_str) {
            Some(format) => format!("[document {}.{format}]", field("name")),
            None => format!("[document {}]", field("name")),
        },
        "toolResult" => {
            let content = inner
                .get("content")
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let parts: Vec<String> = content
                .iter()
                .map(
                    |c| match (c.get("text").and_then(Value::as_str), c.get("json")) {
                        (Some(text), _) => text.to_owned(),
                        (None, Some(json)) => json.to_string(),
                        (None, None) => describe(c),
                    },
                )
                .collect();
            format!("[toolResult {}: {}]", field("toolUseId"), parts.join(" "))
        }
        "toolUse" => format!("[toolUse {}]", field("name")),
        "searchResult" => format!("[searchResult {}]", field("title")),
        "guardContent" => match inner.get("text") {
            Some(text) => format!("[guardContent {}]", text_of(text)),
            None => "[guardContent image]".to_owned(),
        },
        "citationsContent" => {
            let texts: Vec<&str> = inner
                .get("content")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(text_of)
                .collect();
            format!("[citationsContent {}]", texts.join(" "))
        }
        "reasoningContent" => "[reasoningContent]".to_owned(),
        "toolAddition" | "toolRemoval" => {
            let tool = inner.get("tool");
            let name = tool
                .and_then(|t| t.get("name").or_else(|| t.get("serverName")))
                .and_then(Value::as_str)
                .unwrap_or("?");
            format!("[{kind} {name}]")
        }
        other => format!("[{other}]"),
    }
}

/// The echo model's whole answer to a validated Converse request, in the wire layout.
///
/// Stop sequences and `inferenceConfig.maxTokens` apply as a model would apply them:
/// the text stops before the first stop sequence (`stop_sequence`), or after `maxTokens`
/// tokens, or after `max_output` tokens (the model's own limit, when known), whichever
/// is fewer (`max_tokens`). `metrics.latencyMs` is the server's configured latency, so
/// that answers are deterministic.
pub fn converse(
    request: &Value,
    model_id: &str,
    latency: Duration,
    max_output: Option<u64>,
) -> Value {
    if let Ok(Some(ask)) = structured_ask(request) {
        return structured(request, &ask, latency);
    }
    let full = reply_text(request, model_id);
    let mut text = full.as_str();
    let mut stop_reason = "end_turn";

    let stop_sequences = request
        .pointer("/inferenceConfig/stopSequences")
        .and_then(Value::as_array);
    let first_stop = stop_sequences
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|s| !s.is_empty())
        .filter_map(|s| text.find(s))
        .min();
    if let Some(at) = first_stop {
        text = &text[..at];
        stop_reason = "stop_sequence";
    }
    let asked = request
        .pointer("/inferenceConfig/maxTokens")
        .and_then(Value::as_u64);
    let limit = match (asked, max_output) {
        (Some(a), Some(m)) => Some(a.min(m)),
        (a, m) => a.or(m),
    };
    if let Some(max_tokens) = limit {
        if let Some(cut) = truncate(text, max_tokens) {
            text = cut;
            stop_reason = "max_tokens";
        }
    }

    answer(
        request,
        json!({"text": text}),
        stop_reason,
        count_text(text),
        latency,
    )
}

/// The answer to a request that asks for a structure: an instance of its schema, as
/// JSON text or as the input of the forced tool. Stop sequences and token limits do not
/// cut it (a model constrained to a schema finishes the structure).
fn structured(request: &Value, ask: &StructuredAsk, latency: Duration) -> Value {
    match ask {
        StructuredAsk::Text(schema) => {
            let text = instance(schema).to_string();
            let tokens = count_text(&text);
            answer(
                request,
                json!({ "text": text }),
                "end_turn",
                tokens,
                latency,
            )
        }
        StructuredAsk::Tool { name, schema } => {
            let input = instance(schema);
            let tokens = count_text(&input.to_string());
            // A fixed id, as everything the echo model says is deterministic.
            let block =
                json!({"toolUse": {"toolUseId": "tooluse_echo", "name": name, "input": input}});
            answer(request, block, "tool_use", tokens, latency)
        }
    }
}

/// A reply of one content block, with usage and metrics.
fn answer(
    request: &Value,
    block: Value,
    stop_reason: &str,
    output_tokens: u64,
    latency: Duration,
) -> Value {
    let input_tokens = count_input(request);
    json!({
        "output": {"message": {"role": "assistant", "content": [block]}},
        "stopReason": stop_reason,
        "usage": {
            "inputTokens": input_tokens,
            "outputTokens": output_tokens,
            "totalTokens": input_tokens + output_tokens,
        },
        "metrics": {"latencyMs": u64::try_from(latency.as_millis()).unwrap_or(u64::MAX)},
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(content: Value) -> Value {
        json!({"messages": [{"role": "user", "content": content}]})
    }

    #[test]
    fn echoes_the_last_user_text() {
        let req = json!({"messages": [
            {"role": "user", "content": [{"text": "first"}]},
            {"role": "assistant", "content": [{"text": "ok"}]},
            {"role": "user", "content": [{"text": "Hello,"}, {"image": {"format": "png", "source": {"bytes": "AAAA"}}}, {"text": "world"}]},
        ]});
        let reply = converse(&req, "m", Duration::from_millis(25), None);
        assert_eq!(
            reply["output"]["message"]["content"][0]["text"],
            "Hello,\nworld"
        );
        assert_eq!(reply["output"]["message"]["role"], "assistant");
        assert_eq!(reply["stopReason"], "end_turn");
        let input = count_input(&req);
        assert_eq!(reply["usage"]["inputTokens"], input);
        assert_eq!(reply["usage"]["outputTokens"], 5); // Hell|o|,|worl|d
        assert_eq!(reply["usage"]["totalTokens"], input + 5);
        assert_eq!(reply["metrics"]["latencyMs"], 25);
    }

    #[test]
    fn describes_messages_without_text() {
        let text = |content| reply_text(&request(content), "m");
        assert_eq!(
            text(json!([{"image": {"format": "png", "source": {"bytes": "AAECAw=="}}}])),
            "[image png, 4 bytes]"
        );
        assert_eq!(
            text(
                json!([{"document": {"format": "pdf", "name": "report", "source": {"bytes": "AA=="}}}])
            ),
            "[document report.pdf]"
        );
        assert_eq!(
            text(
                json!([{"toolResult": {"toolUseId": "t1", "content": [{"json": {"sum": 3}}, {"text": "done"}]}}])
            ),
            "[toolResult t1: {\"sum\":3} done]"
        );
        assert_eq!(
            text(
                json!([{"video": {"format": "mp4", "source": {"s3Location": {"uri": "s3://b/v.mp4"}}}}])
            ),
            "[video mp4, s3://b/v.mp4]"
        );
        assert_eq!(
            text(json!([{"searchResult": {"source": "s", "title": "Paris", "content": []}}])),
            "[searchResult Paris]"
        );
        assert_eq!(
            text(json!([{"guardContent": {"text": {"text": "guarded"}}}])),
            "[guardContent guarded]"
        );
        assert_eq!(
            text(json!([{"citationsContent": {"content": [{"text": "a"}, {"text": "b"}]}}])),
            "[citationsContent a b]"
        );
        assert_eq!(
            text(
                json!([{"toolAddition": {"tool": {"name": "search"}}}, {"cachePoint": {"type": "default"}}])
            ),
            "[toolAddition search]\n[cachePoint]"
        );
        assert_eq!(text(json!([])), "[empty message]");
        assert_eq!(reply_text(&json!({}), "arn:p"), "[prompt arn:p]");
    }

    #[test]
    fn answers_a_schema_with_an_instance_as_text_or_a_forced_tool_call() {
        let mut req = request(json!([{"text": "Tell me about a cat"}]));
        req["outputConfig"] = json!({"textFormat": {"type": "json_schema", "structure": {"jsonSchema": {
            "schema": r#"{"type": "object", "properties": {"name": {"type": "string"}}}"#}}}});
        req["inferenceConfig"] = json!({"maxTokens": 1});
        let reply = converse(&req, "m", Duration::ZERO, None);
        let text = reply["output"]["message"]["content"][0]["text"]
            .as_str()
            .unwrap();
        assert_eq!(text, r#"{"name":"name"}"#);
        assert_eq!(reply["stopReason"], "end_turn");
        assert_eq!(reply["usage"]["outputTokens"], count_text(text));

        let mut req = request(json!([{"text": "Tell me about a cat"}]));
        req["toolConfig"] = json!({
            "tools": [{"toolSpec": {"name": "cat", "inputSchema": {"json": {"type": "object",
                "properties": {"lives": {"type": "integer", "minimum": 9}}}}}}],
            "toolChoice": {"tool": {"name": "cat"}}});
        let reply = converse(&req, "m", Duration::ZERO, None);
        assert_eq!(
            reply["output"]["message"]["content"][0],
            json!({"toolUse": {"toolUseId": "tooluse_echo", "name": "cat", "input": {"lives": 9}}})
        );
        assert_eq!(reply["stopReason"], "tool_use");
    }

    #[test]
    fn stops_at_max_tokens_and_stop_sequences() {
        let mut req = request(json!([{"text": "one two three four five"}]));
        req["inferenceConfig"] = json!({"maxTokens": 2});
        let reply = converse(&req, "m", Duration::ZERO, None);
        assert_eq!(reply["output"]["message"]["content"][0]["text"], "one two");
        assert_eq!(reply["stopReason"], "max_tokens");
        assert_eq!(reply["usage"]["outputTokens"], 2);

        req["inferenceConfig"] = json!({"maxTokens": 6}); // one|two|thre|e|four|five
        assert_eq!(
            converse(&req, "m", Duration::ZERO, None)["stopReason"],
            "end_turn"
        );

        req["inferenceConfig"] = json!({"stopSequences": ["four", "three"]});
        let reply = converse(&req, "m", Duration::ZERO, None);
        assert_eq!(reply["output"]["message"]["content"][0]["text"], "one two ");
        assert_eq!(reply["stopReason"], "stop_sequence");

        // The model's own limit applies when lower than maxTokens, or without it.
        req["inferenceConfig"] = json!({"maxTokens": 6});
        let reply = converse(&req, "m", Duration::ZERO, Some(2));
        assert_eq!(reply["output"]["message"]["content"][0]["text"], "one two");
        assert_eq!(reply["stopReason"], "max_tokens");
        req["inferenceConfig"] = json!({});
        assert_eq!(
            converse(&req, "m", Duration::ZERO, Some(1))["stopReason"],
            "max_tokens"
        );
    }
}
