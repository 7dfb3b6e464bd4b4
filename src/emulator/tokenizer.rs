//! The echo model's tokenizer: deterministic token counts for text and whole requests.
//!
//! Rules, chosen to be easy to predict in tests rather than to match any real model:
//! a run of alphanumeric characters counts one token per 4 characters (rounded up),
//! whitespace counts nothing, and every other character counts one token. Requests count
//! the texts of every content kind (system, messages, tool uses and results, guarded text,
//! reasoning, search results, cited content, tool references) and their tool
//! specifications; images (guarded ones too), documents, videos and audio count a fixed
//! amount each; cache points count nothing.

use serde_json::Value;

/// Tokens counted for one image block.
pub const IMAGE_TOKENS: u64 = 100;
/// Tokens counted for one document block.
pub const DOCUMENT_TOKENS: u64 = 200;
/// Tokens counted for one video block.
pub const VIDEO_TOKENS: u64 = 300;
/// Tokens counted for one audio block.
pub const AUDIO_TOKENS: u64 = 100;
/// Tokens counted for a tool result block, on top of the text and JSON inside it.
pub const TOOL_RESULT_TOKENS: u64 = 8;

/// Characters of an alphanumeric run that make one token.
const CHARS_PER_TOKEN: usize = 4;

/// The byte offsets at which each token of `text` ends, in order.
fn token_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || loop {
        let (start, c) = chars.next()?;
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            return Some(start + c.len_utf8());
        }
        // Inside an alphanumeric run: a token ends after 4 characters or where the run ends.
        let mut end = start + c.len_utf8();
        let mut taken = 1;
        while taken < CHARS_PER_TOKEN {
            match chars.peek() {
                Some(&(i, next)) if next.is_alphanumeric() => {
                    end = i + next.len_utf8();
                    taken += 1;
                    chars.next();
                }
                _ => break,
            }
        }
        return Some(end);
    })
}

/// The number of tokens in `text`.
pub fn count_text(text: &str) -> u64 {
    token_ends(text).count() as u64
}

/// `text` cut after its first `max_tokens` tokens, or `None` when it has no more than that.
pub fn truncate(text: &str, max_tokens: u64) -> Option<&str> {
    if max_tokens == 0 {
        return if count_text(text) == 0 {
            None
        } else {
            Some("")
        };
    }
    let mut ends = token_ends(text).skip((max_tokens - 1) as usize);
    let cut = ends.next()?;
    ends.next().map(|_| &text[..cut])
}

/// `text` cut into pieces of `tokens_per_piece` tokens (the last may hold fewer), as a
/// stream delivers it; the pieces joined give `text` back, whitespace included.
pub fn pieces(text: &str, tokens_per_piece: usize) -> Vec<&str> {
    let step = tokens_per_piece.max(1);
    let mut out = Vec::new();
    let mut start = 0;
    for (i, end) in token_ends(text).enumerate() {
        if (i + 1) % step == 0 {
            out.push(&text[start..end]);
            start = end;
        }
    }
    if start < text.len() || out.is_empty() {
        out.push(&text[start..]);
    }
    out
}

/// The tokens of a JSON document given inline (tool inputs, schemas, tool result JSON).
fn count_json(value: &Value) -> u64 {
    count_text(&value.to_string())
}

fn text_of<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or("")
}

/// The tokens of the `text` of each item in a list of `{"text": ...}` blocks.
fn texts_of(items: Option<&Value>) -> u64 {
    items.and_then(Value::as_array).map_or(0, |items| {
        items.iter().map(|i| count_text(text_of(i, "text"))).sum()
    })
}

/// The tokens of one content block (of a message, a tool result or a system prompt).
fn count_block(block: &Value) -> u64 {
    let Some(object) = block.as_object() else {
        return 0;
    };
    let mut total = 0;
    for (kind, inner) in object {
        total += match kind.as_str() {
            "text" => inner.as_str().map_or(0, count_text),
            "json" => count_json(inner),
            "image" => IMAGE_TOKENS,
            "document" => DOCUMENT_TOKENS,
            "video" => VIDEO_TOKENS,
            "audio" => AUDIO_TOKENS,
            "toolUse" => {
                count_text(text_of(inner, "name")) + inner.get("input").map_or(0, count_json)
            }
            "toolResult" => {
                let content = inner.get("content").and_then(Value::as_array);
                TOOL_RESULT_TOKENS
                    + content.map_or(0, |blocks| blocks.iter().map(count_block).sum())
            }
            "guardContent" => match inner.get("text") {
                Some(t) => count_text(text_of(t, "text")),
                None if inner.get("image").is_some() => IMAGE_TOKENS,
                None => 0,
            },
            "reasoningContent" => inner
                .get("reasoningText")
                .map_or(0, |r| count_text(text_of(r, "text"))),
            "searchResult" => {
                count_text(text_of(inner, "title"))
                    + count_text(text_of(inner, "source"))
                    + texts_of(inner.get("content"))
            }
            "citationsContent" => texts_of(inner.get("content")),
            "toolAddition" | "toolRemoval" => inner.get("tool").map_or(0, |tool| {
                count_text(text_of(tool, "name")) + count_text(text_of(tool, "serverName"))
            }),
            _ => 0,
        };
    }
    total
}

/// The input tokens of a Converse-shaped request (`system`, `messages`, `toolConfig`).
///
/// This is what the echo model reports as `usage.inputTokens` and what `/count-tokens`
/// answers for the same request, so that the two always agree.
pub fn count_input(request: &Value) -> u64 {
    let blocks = |key: &str| -> u64 {
        request
            .get(key)
            .and_then(Value::as_array)
            .map_or(0, |items| items.iter().map(count_block).sum())
    };
    let messages = request
        .get("messages")
        .and_then(Value::as_array)
        .map_or(0, |messages| {
            messages
                .iter()
                .filter_map(|m| m.get("content").and_then(Value::as_array))
                .flatten()
                .map(count_block)
                .sum()
        });
    let tools = request
        .pointer("/toolConfig/tools")
        .and_then(Value::as_array)
        .map_or(0, |tools| {
            tools
                .iter()
                .filter_map(|tool| tool.get("toolSpec"))
                .map(|spec| {
                    count_text(text_of(spec, "name"))
                        + count_text(text_of(spec, "description"))
                        + spec.pointer("/inputSchema/json").map_or(0, count_json)
                })
                .sum()
        });
    blocks("system") + messages + tools
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn counts_runs_by_four_and_punctuation_by_one() {
        assert_eq!(count_text(""), 0);
        assert_eq!(count_text("   \n\t"), 0);
        assert_eq!(count_text("a"), 1);
        assert_eq!(count_text("abcd"), 1);
        assert_eq!(count_text("abcde"), 2);
        assert_eq!(count_text("Hello, world!"), 6); // Hell|o|,|worl|d|!
        assert_eq!(count_text("été à 10h"), 3); // été|à|10h
        assert_eq!(count_text("🙂🙂"), 2);
    }

    #[test]
    fn truncates_at_token_boundaries() {
        assert_eq!(truncate("Hello, world!", 6), None);
        assert_eq!(truncate("Hello, world!", 100), None);
        assert_eq!(truncate("Hello, world!", 1), Some("Hell"));
        assert_eq!(truncate("Hello, world!", 3), Some("Hello,"));
        assert_eq!(truncate("Hello, world!", 4), Some("Hello, worl"));
        assert_eq!(truncate("héllo wörld", 2), Some("héllo"));
        assert_eq!(truncate("abc", 0), Some(""));
        assert_eq!(truncate("", 0), None);
        let cut = truncate("one two three four", 3).unwrap();
        assert_eq!(count_text(cut), 3);
    }

    #[test]
    fn cuts_text_into_pieces() {
        assert_eq!(
            pieces("Hello, world! How are you?", 2),
            ["Hello", ", worl", "d!", " How are", " you?"]
        );
        assert_eq!(pieces("abc", 4), ["abc"]);
        assert_eq!(pieces("", 4), [""]);
        assert_eq!(pieces("ab  ", 1), ["ab", "  "]);
        let text = "Le café, s'il vous plaît.";
        assert_eq!(pieces(text, 3).concat(), text);
    }

    #[test]
    fn counts_a_whole_request() {
        let request = json!({
            "system": [{"text": "Be brief."}, {"cachePoint": {"type": "default"}}],
            "messages": [
                {"role": "user", "content": [
                    {"text": "Hello"},
                    {"image": {"format": "png", "source": {"bytes": "AAAA"}}},
                ]},
                {"role": "assistant", "content": [{"toolUse": {"toolUseId": "t1", "name": "add", "input": {"a": 1}}}]},
                {"role": "user", "content": [{"toolResult": {"toolUseId": "t1", "content": [{"text": "2"}]}}]},
            ],
            "toolConfig": {"tools": [{"toolSpec": {"name": "add", "inputSchema": {"json": {}}}}]},
        });
        let system = count_text("Be brief.");
        let messages = count_text("Hello")
            + IMAGE_TOKENS
            + count_text("add")
            + count_text(r#"{"a":1}"#)
            + TOOL_RESULT_TOKENS
            + count_text("2");
        let tools = count_text("add") + count_text("{}");
        assert_eq!(count_input(&request), system + messages + tools);
        assert_eq!(count_input(&json!({})), 0);
    }

    #[test]
    fn counts_every_content_kind() {
        let count = |block: Value| count_block(&block);
        assert_eq!(count(json!({"cachePoint": {"type": "default"}})), 0);
        assert_eq!(
            count(
                json!({"guardContent": {"image": {"format": "png", "source": {"bytes": "AA=="}}}})
            ),
            IMAGE_TOKENS
        );
        assert_eq!(
            count(
                json!({"searchResult": {"source": "s", "title": "t", "content": [{"text": "abcde"}]}})
            ),
            4
        );
        assert_eq!(
            count(
                json!({"citationsContent": {"content": [{"text": "ab"}, {"text": "cd"}], "citations": []}})
            ),
            2
        );
        assert_eq!(
            count(json!({"toolAddition": {"tool": {"name": "search"}}})),
            2
        );
        assert_eq!(
            count(json!({"toolRemoval": {"tool": {"serverName": "mcp"}}})),
            1
        );
        assert_eq!(count(json!({"audio": {"format": "mp3"}})), AUDIO_TOKENS);
        assert_eq!(count(json!({"video": {"format": "mp4"}})), VIDEO_TOKENS);
    }
}
