//! Request validation: a walker over the service model, and the checks Bedrock adds on top.
//!
//! The walker checks what the model states (types, required members, unknown members,
//! one member per union, enum values, lengths and ranges, base64 of blobs) and reports
//! every failure at once in Bedrock's words, with Bedrock's paths: top-level members by
//! name, list items as `messages.1.member` (1-based), map values by key. String
//! `pattern`s are not checked. Errors of shape, the first message's role and role
//! alternation come after, in [`check_conversation`].

use std::sync::OnceLock;

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::{alphabet, Engine};
use serde_json::{Map, Value};

use super::errors::ServiceError;

/// botocore's service model, cut to the operations LocalBedrock serves.
const SERVICE_MODEL: &str = include_str!("../wire/service_model.json");

/// Base64 as SDKs send it (standard alphabet); padding is accepted but not demanded.
pub(crate) const BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Values longer than this are shortened in messages (a 20 MB document stays out of them).
const MAX_SHOWN_CHARS: usize = 256;

fn shapes() -> &'static Map<String, Value> {
    static SHAPES: OnceLock<Map<String, Value>> = OnceLock::new();
    SHAPES.get_or_init(|| {
        let mut model: Value =
            serde_json::from_str(SERVICE_MODEL).expect("the embedded service model is valid JSON");
        match model.get_mut("shapes").map(Value::take) {
            Some(Value::Object(shapes)) => shapes,
            _ => panic!("the embedded service model has no shapes"),
        }
    })
}

/// Checks `body` against the input shape `shape_name`; `uri` holds the members bound to
/// the path (such as `modelId`), which the body must not repeat.
///
/// Returns a `ValidationException` listing every violation, as Bedrock words it:
/// `2 validation errors detected: Value ... ; Value ...`.
pub fn validate(shape_name: &str, body: &Value, uri: &[(&str, &str)]) -> Result<(), ServiceError> {
    let errors = collect(shape_name, body, uri);
    if errors.is_empty() {
        return Ok(());
    }
    let plural = if errors.len() == 1 { "error" } else { "errors" };
    Err(ServiceError::validation(format!(
        "{} validation {plural} detected: {}",
        errors.len(),
        errors.join("; ")
    )))
}

/// Every violation of `body` (with the path members in `uri`) against `shape_name`.
pub fn collect(shape_name: &str, body: &Value, uri: &[(&str, &str)]) -> Vec<String> {
    let mut walker = Walker {
        shapes: shapes(),
        errors: Vec::new(),
    };
    let Some(shape) = walker.shapes.get(shape_name) else {
        return vec![format!("the service model has no shape {shape_name}")];
    };
    let Some(object) = body.as_object() else {
        walker.type_error(body, "", "a structure");
        return walker.errors;
    };
    // The path members join the body's, so that required/length checks apply to them.
    let mut merged = object.clone();
    let members = shape.get("members").and_then(Value::as_object);
    for (name, _) in members
        .into_iter()
        .flatten()
        .filter(|(_, m)| m.get("location").is_some())
    {
        if merged.contains_key(name) {
            walker.errors.push(format!(
                "Value at '{name}' failed to satisfy constraint: Member is bound to the request's {} and must not appear in its body",
                members.and_then(|m| m[name]["location"].as_str()).unwrap_or("uri"),
            ));
        }
        merged.remove(name);
    }
    for (name, value) in uri {
        merged.insert((*name).to_owned(), Value::String((*value).to_owned()));
    }
    walker.structure(shape_name, shape, &merged, "");
    walker.errors
}

struct Walker<'m> {
    shapes: &'m Map<String, Value>,
    errors: Vec<String>,
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

/// A value as Bedrock shows it in messages: `'text'` for scalars, nothing for the rest.
fn shown(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    if text.chars().count() > MAX_SHOWN_CHARS {
        let short: String = text.chars().take(MAX_SHOWN_CHARS).collect();
        return Some(format!("{short}..."));
    }
    Some(text)
}

fn number_bound(shape: &Value, key: &str) -> Option<f64> {
    shape.get(key).and_then(Value::as_f64)
}

impl Walker<'_> {
    fn fail(&mut self, value: Option<&Value>, path: &str, constraint: &str) {
        let message = match value.and_then(shown) {
            Some(text) => {
                format!("Value '{text}' at '{path}' failed to satisfy constraint: {constraint}")
            }
            None => format!("Value at '{path}' failed to satisfy constraint: {constraint}"),
        };
        self.errors.push(message);
    }

    fn type_error(&mut self, value: &Value, path: &str, expected: &str) {
        self.fail(Some(value), path, &format!("Member must be {expected}"));
    }

    fn check(&mut self, shape_name: &str, value: &Value, path: &str) {
        let Some(shape) = self.shapes.get(shape_name) else {
            return; // A dangling reference is the model's problem, not the request's.
        };
        match shape.get("type").and_then(Value::as_str).unwrap_or("") {
            "structure" => {
                if shape.get("document").and_then(Value::as_bool) == Some(true) {
                    return; // Documents are free-form JSON.
                }
                match value.as_object() {
                    Some(object) => self.structure(shape_name, shape, object, path),
                    None => self.type_error(value, path, "a structure"),
                }
            }
            "list" => match value.as_array() {
                Some(items) => {
                    self.length(shape, value, items.len(), path);
                    let member = shape
                        .pointer("/member/shape")
                        .and_then(Value::as_str)
                        .unwrap_or("");
                    for (i, item) in items.iter().enumerate() {
                        let item_path = join(path, &format!("{}.member", i + 1));
                        if item.is_null() {
                            self.fail(None, &item_path, "Member must not be null");
                        } else {
                            self.check(member, item, &item_path);
                        }
                    }
                }
                None => self.type_error(value, path, "a list"),
            },
            "map" => match value.as_object() {
                Some(entries) => {
                    self.length(shape, value, entries.len(), path);
                    let key_shape = shape
                        .pointer("/key/shape")
                        .and_then(Value::as_str)
                        .unwrap_or("");
                    let value_shape = shape
                        .pointer("/value/shape")
                        .and_then(Value::as_str)
                        .unwrap_or("");
                    let mut entries: Vec<_> = entries.iter().collect();
                    entries.sort_by_key(|(key, _)| *key);
                    for (key, item) in entries {
                        let item_path = join(path, key);
                        self.check(key_shape, &Value::String(key.clone()), &item_path);
                        if !item.is_null() {
                            self.check(value_shape, item, &item_path);
                        }
                    }
                }
                None => self.type_error(value, path, "a map"),
            },
            "string" => match value.as_str() {
                Some(text) => {
                    if let Some(allowed) = shape.get("enum").and_then(Value::as_array) {
                        if !allowed.iter().any(|a| a.as_str() == Some(text)) {
                            // Bedrock lists the allowed values sorted.
                            let mut names: Vec<&str> =
                                allowed.iter().filter_map(Value::as_str).collect();
                            names.sort_unstable();
                            let constraint = format!(
                                "Member must satisfy enum value set: [{}]",
                                names.join(", ")
                            );
                            self.fail(Some(value), path, &constraint);
                        }
                    }
                    // Java counts UTF-16 code units, and so does Bedrock.
                    self.length(shape, value, text.encode_utf16().count(), path);
                }
                None => self.type_error(value, path, "a string"),
            },
            "blob" => match value.as_str().map(|text| BASE64.decode(text)) {
                Some(Ok(bytes)) => self.length(shape, value, bytes.len(), path),
                Some(Err(_)) => self.fail(None, path, "Member must be base64-encoded binary data"),
                None => self.type_error(value, path, "base64-encoded binary data in a string"),
            },
            kind @ ("integer" | "long") => {
                let limits = if kind == "integer" {
                    (i64::from(i32::MIN), i64::from(i32::MAX))
                } else {
                    (i64::MIN, i64::MAX)
                };
                match value.as_i64() {
                    Some(n) if n >= limits.0 && n <= limits.1 => {
                        self.range(shape, value, n as f64, path)
                    }
                    Some(_) => self.fail(
                        Some(value),
                        path,
                        &format!("Member must fit in a 32-bit {kind}"),
                    ),
                    None => self.type_error(value, path, &format!("an {kind}")),
                }
            }
            "float" | "double" => match value.as_f64() {
                Some(n) => self.range(shape, value, n, path),
                None => self.type_error(value, path, "a number"),
            },
            "boolean" if !value.is_boolean() => self.type_error(value, path, "a boolean"),
            _ => {} // timestamps and anything newer: accepted as they come
        }
    }

    fn structure(
        &mut self,
        shape_name: &str,
        shape: &Value,
        object: &Map<String, Value>,
        path: &str,
    ) {
        let empty = Map::new();
        let members = shape
            .get("members")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        // JSON nulls count as absent, as they do for SDKs. Members are named and walked
        // in sorted order, whatever order the request (or the model) has them in: the
        // messages stay the same for the same request.
        let mut present: Vec<&String> = object
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, _)| k)
            .collect();
        present.sort();
        let mut names: Vec<&str> = members.keys().map(String::as_str).collect();
        names.sort_unstable();

        for required in shape
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let name = required.as_str().unwrap_or("");
            if !present.iter().any(|k| k.as_str() == name) {
                self.errors.push(format!(
                    "Value null at '{}' failed to satisfy constraint: Member must not be null",
                    join(path, name)
                ));
            }
        }
        if shape.get("union").and_then(Value::as_bool) == Some(true) && present.len() != 1 {
            let set: Vec<&str> = present.iter().map(|k| k.as_str()).collect();
            let constraint = format!(
                "Member must have exactly one of [{}] set, found {} [{}]",
                names.join(", "),
                set.len(),
                set.join(", ")
            );
            // A union at the top level of a list item is named by the item's path.
            self.fail(
                None,
                if path.is_empty() { shape_name } else { path },
                &constraint,
            );
        }
        for name in present {
            let member_path = join(path, name);
            match members.get(name.as_str()) {
                Some(member) => {
                    let member_shape = member.get("shape").and_then(Value::as_str).unwrap_or("");
                    self.check(member_shape, &object[name.as_str()], &member_path);
                }
                None => {
                    let constraint = format!(
                        "Member must be one of the members of {shape_name}: [{}]",
                        names.join(", ")
                    );
                    self.fail(None, &member_path, &constraint);
                }
            }
        }
    }

    fn length(&mut self, shape: &Value, value: &Value, len: usize, path: &str) {
        if let Some(min) = number_bound(shape, "min") {
            if (len as f64) < min {
                self.fail(
                    Some(value),
                    path,
                    &format!("Member must have length greater than or equal to {min}"),
                );
            }
        }
        if let Some(max) = number_bound(shape, "max") {
            if (len as f64) > max {
                self.fail(
                    Some(value),
                    path,
                    &format!("Member must have length less than or equal to {max}"),
                );
            }
        }
    }

    fn range(&mut self, shape: &Value, value: &Value, n: f64, path: &str) {
        if let Some(min) = number_bound(shape, "min") {
            if n < min {
                self.fail(
                    Some(value),
                    path,
                    &format!("Member must have value greater than or equal to {min}"),
                );
            }
        }
        if let Some(max) = number_bound(shape, "max") {
            if n > max {
                self.fail(
                    Some(value),
                    path,
                    &format!("Member must have value less than or equal to {max}"),
                );
            }
        }
    }
}

/// A prompt-management ARN, which carries its own messages.
pub fn is_prompt_arn(model_id: &str) -> bool {
    model_id.starts_with("arn:") && model_id.contains(":prompt/")
}

/// The checks Bedrock makes on a conversation beyond its shape: messages present
/// (unless the model id is a prompt ARN), a user message first, roles alternating.
pub fn check_conversation(model_id: &str, request: &Value) -> Result<(), ServiceError> {
    let messages = request
        .get("messages")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    if messages.is_empty() {
        if is_prompt_arn(model_id) {
            return Ok(());
        }
        return Err(ServiceError::validation(
            "The conversation must include at least one message: messages is required and must not be empty. \
             Try again with a conversation that starts with a user message.",
        ));
    }
    let role = |m: &Value| {
        m.get("role")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    if role(&messages[0]) != "user" {
        return Err(ServiceError::validation(
            "A conversation must start with a user message. Try again with a conversation that starts with a user message.",
        ));
    }
    for pair in messages.windows(2) {
        let (a, b) = (role(&pair[0]), role(&pair[1]));
        if a == b || b == "system" {
            return Err(ServiceError::validation(
                "A conversation must alternate between user and assistant roles. \
                 Make sure the conversation alternates between user and assistant roles and try again.",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const MODEL: &str = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";

    fn converse(body: Value) -> Result<(), ServiceError> {
        validate("ConverseRequest", &body, &[("modelId", MODEL)])
    }

    fn hello() -> Value {
        json!({"role": "user", "content": [{"text": "Hello"}]})
    }

    #[test]
    fn accepts_a_plain_and_a_rich_request() {
        converse(json!({"messages": [hello()]})).unwrap();
        converse(json!({
            "messages": [
                {"role": "user", "content": [
                    {"text": "Look"},
                    {"image": {"format": "png", "source": {"bytes": "iVBORw0KGgo="}}},
                    {"document": {"format": "pdf", "name": "report", "source": {"bytes": "JVBERi0"}}},
                ]},
                {"role": "assistant", "content": [{"toolUse": {"toolUseId": "t1", "name": "add", "input": {"a": [1, 2]}}}]},
                {"role": "user", "content": [{"toolResult": {"toolUseId": "t1", "content": [{"json": {"sum": 3}}], "status": "success"}}]},
            ],
            "system": [{"text": "Be brief."}, {"cachePoint": {"type": "default"}}],
            "inferenceConfig": {"maxTokens": 512, "temperature": 0.5, "topP": 1, "stopSequences": ["\n\n"]},
            "toolConfig": {"tools": [{"toolSpec": {"name": "add", "inputSchema": {"json": {"type": "object"}}}}],
                           "toolChoice": {"auto": {}}},
            "additionalModelRequestFields": {"anything": ["goes", 1, null]},
            "requestMetadata": {"team": "evals"},
        }))
        .unwrap();
    }

    #[test]
    fn reports_an_enum_violation_with_bedrocks_path() {
        let err = converse(json!({"messages": [
            hello(),
            {"role": "assistant", "content": [{"text": "Hi"}]},
            {"role": "user", "content": [{"text": "x"}, {"image": {"format": "gif2", "source": {"bytes": "AAAA"}}}]},
        ]}))
        .unwrap_err();
        assert_eq!(err.code, "ValidationException");
        assert_eq!(err.status, 400);
        assert_eq!(
            err.message,
            "1 validation error detected: Value 'gif2' at 'messages.3.member.content.2.member.image.format' \
             failed to satisfy constraint: Member must satisfy enum value set: [gif, jpeg, png, webp]"
        );
    }

    #[test]
    fn reports_every_error_at_once() {
        let err = converse(json!({
            "messages": [{"role": "robot", "content": [{"text": "x"}]}],
            "inferenceConfig": {"maxTokens": 0, "temperature": 1.5},
        }))
        .unwrap_err();
        assert_eq!(
            err.message,
            "3 validation errors detected: \
             Value '0' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1; \
             Value '1.5' at 'inferenceConfig.temperature' failed to satisfy constraint: Member must have value less than or equal to 1; \
             Value 'robot' at 'messages.1.member.role' failed to satisfy constraint: Member must satisfy enum value set: [assistant, system, user]"
        );
    }

    #[test]
    fn checks_required_unknown_types_unions_and_blobs() {
        let errors = collect(
            "ConverseRequest",
            &json!({
                "messages": [{"content": [
                    {"text": "a", "image": {"format": "png", "source": {"bytes": "AAAA"}}},
                    {},
                    {"image": {"format": "png", "source": {"bytes": "not base64!"}}},
                    {"image": {"format": "png", "source": {"bytes": ""}}},
                ]}],
                "inferenceConfig": {"maxTokenz": 5, "maxTokens": "many"},
                "system": "text",
            }),
            &[("modelId", "")],
        );
        let expected = [
            "Value null at 'messages.1.member.role' failed to satisfy constraint: Member must not be null",
            "Value at 'messages.1.member.content.1.member' failed to satisfy constraint: Member must have exactly one of \
             [audio, cachePoint, citationsContent, document, guardContent, image, reasoningContent, searchResult, text, \
             toolAddition, toolRemoval, toolResult, toolUse, video] set, found 2 [image, text]",
            "Value at 'messages.1.member.content.2.member' failed to satisfy constraint: Member must have exactly one of",
            "Value at 'messages.1.member.content.3.member.image.source.bytes' failed to satisfy constraint: Member must be base64-encoded binary data",
            "Value '' at 'messages.1.member.content.4.member.image.source.bytes' failed to satisfy constraint: Member must have length greater than or equal to 1",
            "Value at 'inferenceConfig.maxTokenz' failed to satisfy constraint: Member must be one of the members of InferenceConfiguration: [maxTokens, stopSequences, temperature, topP]",
            "Value 'many' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must be an integer",
            "Value 'text' at 'system' failed to satisfy constraint: Member must be a list",
            "Value '' at 'modelId' failed to satisfy constraint: Member must have length greater than or equal to 1",
        ];
        for want in expected {
            assert!(
                errors.iter().any(|e| e.starts_with(want)),
                "missing {want:?} in {errors:#?}"
            );
        }
        assert_eq!(errors.len(), expected.len(), "{errors:#?}");
    }

    #[test]
    fn refuses_path_members_in_the_body_and_non_objects() {
        let errors = collect(
            "ConverseRequest",
            &json!({"modelId": "x", "messages": [hello()]}),
            &[("modelId", "m")],
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("'modelId'"));
        assert_eq!(collect("ConverseRequest", &json!([1]), &[]).len(), 1);
    }

    #[test]
    fn validates_count_tokens_requests() {
        let uri = [("modelId", MODEL)];
        validate(
            "CountTokensRequest",
            &json!({"input": {"converse": {"messages": [hello()]}}}),
            &uri,
        )
        .unwrap();
        validate(
            "CountTokensRequest",
            &json!({"input": {"invokeModel": {"body": "e30="}}}),
            &uri,
        )
        .unwrap();
        let err = validate("CountTokensRequest", &json!({}), &uri).unwrap_err();
        assert_eq!(
            err.message,
            "1 validation error detected: Value null at 'input' failed to satisfy constraint: Member must not be null"
        );
    }

    #[test]
    fn checks_the_conversation() {
        let user = hello();
        let assistant = json!({"role": "assistant", "content": [{"text": "Hi"}]});
        check_conversation(MODEL, &json!({"messages": [user, assistant, user]})).unwrap();
        // A trailing assistant message (a prefill) is allowed.
        check_conversation(MODEL, &json!({"messages": [user, assistant]})).unwrap();

        let err = check_conversation(MODEL, &json!({})).unwrap_err();
        assert!(
            err.message.contains("at least one message"),
            "{}",
            err.message
        );
        check_conversation(MODEL, &json!({"messages": []})).unwrap_err();
        check_conversation(
            "arn:aws:bedrock:us-east-1:123456789012:prompt/PROMPT12345:1",
            &json!({}),
        )
        .unwrap();

        let err = check_conversation(MODEL, &json!({"messages": [assistant, user]})).unwrap_err();
        assert!(err
            .message
            .starts_with("A conversation must start with a user message."));
        let err = check_conversation(MODEL, &json!({"messages": [user, user]})).unwrap_err();
        assert!(err
            .message
            .starts_with("A conversation must alternate between user and assistant roles."));
    }
}
