//! Structured output for the echo model: a deterministic instance of a JSON schema.
//!
//! Asked for `outputConfig.textFormat` (a `json_schema`) or for one tool by name
//! (`toolConfig.toolChoice.tool`), the echo model answers with an instance valid against
//! the schema instead of echoing, so that structured-output code runs offline. The
//! instance is the plainest value that fits: the first `enum` / `const` / `anyOf`
//! option, every property, one array item, strings named after their property, numbers
//! at their lower bound. A request whose schema is not a JSON object, or that forces a
//! tool it does not define, gets the plain echo: LocalBedrock takes every request the
//! service model allows (the differential tests send arbitrary strings there).

use serde_json::{json, Map, Value};

/// Deeper than this, a recursive schema gets empty arrays and only required properties.
const MAX_DEPTH: usize = 8;

/// What a request asks the model to answer with, when it asks for a structure.
#[derive(Debug, Clone, PartialEq)]
pub enum StructuredAsk {
    /// `outputConfig.textFormat`: JSON text valid against the schema.
    Text(Value),
    /// `toolChoice.tool`: a call of that tool with input valid against its schema.
    Tool { name: String, schema: Value },
}

/// The structure a (validated) request asks for, if any; `Err` when the request names
/// a schema that is not a JSON object, or forces a tool it does not define.
pub fn structured_ask(request: &Value) -> Result<Option<StructuredAsk>, String> {
    if let Some(format) = request.pointer("/outputConfig/textFormat") {
        let text = format
            .pointer("/structure/jsonSchema/schema")
            .and_then(Value::as_str)
            .unwrap_or("");
        return match serde_json::from_str::<Value>(text) {
            Ok(schema @ Value::Object(_)) => Ok(Some(StructuredAsk::Text(schema))),
            _ => Err(
                "outputConfig.textFormat.structure.jsonSchema.schema is not a valid JSON schema: \
                 it must be a JSON object."
                    .to_owned(),
            ),
        };
    }
    let Some(name) = request
        .pointer("/toolConfig/toolChoice/tool/name")
        .and_then(Value::as_str)
    else {
        return Ok(None);
    };
    let tools = request
        .pointer("/toolConfig/tools")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let spec = tools
        .iter()
        .filter_map(|tool| tool.get("toolSpec"))
        .find(|spec| spec.get("name").and_then(Value::as_str) == Some(name))
        .ok_or_else(|| {
            format!("toolConfig.toolChoice.tool.name {name:?} is not the name of a tool in toolConfig.tools.")
        })?;
    let schema = spec
        .pointer("/inputSchema/json")
        .cloned()
        .unwrap_or_else(|| json!({"type": "object"}));
    Ok(Some(StructuredAsk::Tool {
        name: name.to_owned(),
        schema,
    }))
}

/// A deterministic value valid against `schema` (the subset of JSON Schema that
/// Bedrock's structured output takes: type, properties, required, items, enum, const,
/// anyOf / oneOf / allOf, `$ref` into `$defs` / `definitions`, string formats, bounds).
pub fn instance(schema: &Value) -> Value {
    Generator { root: schema }.value(schema, "value", 0)
}

struct Generator<'a> {
    root: &'a Value,
}

impl Generator<'_> {
    fn value(&self, schema: &Value, name: &str, depth: usize) -> Value {
        let Some(object) = schema.as_object() else {
            // `true` (anything) or a malformed schema: a string.
            return json!(name);
        };
        if let Some(target) = object.get("$ref").and_then(Value::as_str) {
            if let Some(resolved) = self.resolve(target) {
                return self.value(resolved, name, depth + 1);
            }
        }
        if let Some(constant) = object.get("const") {
            return constant.clone();
        }
        if let Some(first) = object
            .get("enum")
            .and_then(Value::as_array)
            .and_then(|e| e.first())
        {
            return first.clone();
        }
        for key in ["anyOf", "oneOf", "allOf"] {
            if let Some(first) = object
                .get(key)
                .and_then(Value::as_array)
                .and_then(|options| {
                    // Prefer an option that is not null, so that the instance says something.
                    options
                        .iter()
                        .find(|o| o.get("type").and_then(Value::as_str) != Some("null"))
                        .or_else(|| options.first())
                })
            {
                return self.value(first, name, depth + 1);
            }
        }
        let kind = match object.get("type") {
            Some(Value::String(kind)) => kind.as_str(),
            Some(Value::Array(kinds)) => kinds
                .iter()
                .filter_map(Value::as_str)
                .find(|k| *k != "null")
                .unwrap_or("null"),
            _ if object.contains_key("properties") => "object",
            _ if object.contains_key("items") => "array",
            _ => "string",
        };
        match kind {
            "object" => self.object(object, depth),
            "array" => self.array(object, name, depth),
            "integer" => json!(lower_bound(object).ceil() as i64),
            "number" => json!(lower_bound(object)),
            "boolean" => json!(true),
            "null" => Value::Null,
            _ => json!(string(object, name)),
        }
    }

    fn resolve(&self, target: &str) -> Option<&Value> {
        let pointer = target.strip_prefix('#')?;
        self.root.pointer(pointer)
    }

    fn object(&self, object: &Map<String, Value>, depth: usize) -> Value {
        let required: Vec<&str> = object
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let mut out = Map::new();
        if let Some(properties) = object.get("properties").and_then(Value::as_object) {
            for (key, property) in properties {
                if depth >= MAX_DEPTH && !required.contains(&key.as_str()) {
                    continue;
                }
                out.insert(key.clone(), self.value(property, key, depth + 1));
            }
        }
        Value::Object(out)
    }

    fn array(&self, object: &Map<String, Value>, name: &str, depth: usize) -> Value {
        let min = object.get("minItems").and_then(Value::as_u64).unwrap_or(0);
        let max = object.get("maxItems").and_then(Value::as_u64);
        let wanted = if depth >= MAX_DEPTH { min } else { min.max(1) };
        let count = max.map_or(wanted, |m| wanted.min(m));
        let items = object.get("items").cloned().unwrap_or(json!({}));
        (0..count)
            .map(|_| self.value(&items, name, depth + 1))
            .collect()
    }
}

/// The least number the bounds allow (0 when unbounded below, the maximum when 0 is
/// above it).
fn lower_bound(object: &Map<String, Value>) -> f64 {
    let number = |key: &str| object.get(key).and_then(Value::as_f64);
    let mut value = 0.0_f64;
    if let Some(min) = number("minimum") {
        value = min;
    }
    if let Some(min) = number("exclusiveMinimum") {
        value = value.max(min + 1.0);
    }
    if let Some(max) = number("maximum") {
        value = value.min(max);
    }
    if let Some(max) = number("exclusiveMaximum") {
        if value >= max {
            value = max - 1.0;
        }
    }
    value
}

/// A string for a property: an example of its format, else the property's name,
/// padded or cut to the length bounds.
fn string(object: &Map<String, Value>, name: &str) -> String {
    let example = match object.get("format").and_then(Value::as_str) {
        Some("date-time") => "2024-01-01T00:00:00Z",
        Some("date") => "2024-01-01",
        Some("time") => "00:00:00",
        Some("email") => "user@example.com",
        Some("uri" | "url") => "https://example.com/",
        Some("uuid") => "00000000-0000-4000-8000-000000000000",
        Some("ipv4") => "192.0.2.1",
        _ => name,
    };
    let mut text: String = example.to_owned();
    let min = object.get("minLength").and_then(Value::as_u64).unwrap_or(0);
    let min = usize::try_from(min).unwrap_or(usize::MAX);
    while text.chars().count() < min {
        text.push('x');
    }
    if let Some(max) = object.get("maxLength").and_then(Value::as_u64) {
        let max = usize::try_from(max).unwrap_or(usize::MAX);
        text = text.chars().take(max).collect();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_get_every_property_in_order() {
        let schema = json!({
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "age": {"type": "integer", "minimum": 18},
                "score": {"type": "number"},
                "tags": {"type": "array", "items": {"type": "string"}},
                "active": {"type": "boolean"},
                "nickname": {"type": ["string", "null"]},
                "kind": {"enum": ["cat", "dog"]},
                "version": {"const": 2},
            },
            "required": ["name", "age"],
            "additionalProperties": false,
        });
        assert_eq!(
            instance(&schema),
            json!({"name": "name", "age": 18, "score": 0.0, "tags": ["tags"], "active": true,
                   "nickname": "nickname", "kind": "cat", "version": 2})
        );
        // Deterministic: the same text every time.
        assert_eq!(instance(&schema).to_string(), instance(&schema).to_string());
    }

    #[test]
    fn refs_any_of_formats_and_bounds() {
        let schema = json!({
            "$defs": {"Item": {"type": "object", "properties": {"id": {"type": "string", "format": "uuid"}}}},
            "type": "object",
            "properties": {
                "items": {"type": "array", "items": {"$ref": "#/$defs/Item"}, "minItems": 2},
                "when": {"anyOf": [{"type": "null"}, {"type": "string", "format": "date-time"}]},
                "code": {"type": "string", "minLength": 6, "maxLength": 8},
                "small": {"type": "integer", "maximum": -3},
                "none": {"type": "array", "items": {"type": "integer"}, "maxItems": 0},
            },
        });
        assert_eq!(
            instance(&schema),
            json!({
                "items": [{"id": "00000000-0000-4000-8000-000000000000"},
                          {"id": "00000000-0000-4000-8000-000000000000"}],
                "when": "2024-01-01T00:00:00Z",
                "code": "codexx",
                "small": -3,
                "none": [],
            })
        );
    }

    #[test]
    fn recursive_schemas_end() {
        let schema = json!({
            "$defs": {"Node": {"type": "object", "properties": {
                "label": {"type": "string"},
                "children": {"type": "array", "items": {"$ref": "#/$defs/Node"}},
            }, "required": ["label"]}},
            "$ref": "#/$defs/Node",
        });
        let value = instance(&schema);
        assert_eq!(value["label"], "label");
        assert!(value.to_string().len() < 2000);
    }

    #[test]
    fn asks_for_text_or_a_tool() {
        let text = json!({"outputConfig": {"textFormat": {"type": "json_schema",
            "structure": {"jsonSchema": {"schema": "{\"type\": \"object\"}", "name": "x"}}}}});
        assert_eq!(
            structured_ask(&text),
            Ok(Some(StructuredAsk::Text(json!({"type": "object"}))))
        );
        let bad = json!({"outputConfig": {"textFormat": {"type": "json_schema",
            "structure": {"jsonSchema": {"schema": "[1"}}}}});
        assert!(structured_ask(&bad)
            .unwrap_err()
            .contains("not a valid JSON schema"));

        let tool = json!({"toolConfig": {
            "tools": [{"toolSpec": {"name": "answer", "inputSchema": {"json": {"type": "object"}}}}],
            "toolChoice": {"tool": {"name": "answer"}}}});
        assert_eq!(
            structured_ask(&tool),
            Ok(Some(StructuredAsk::Tool {
                name: "answer".into(),
                schema: json!({"type": "object"})
            }))
        );
        let mut unknown = tool.clone();
        unknown["toolConfig"]["toolChoice"]["tool"]["name"] = json!("other");
        assert!(structured_ask(&unknown)
            .unwrap_err()
            .contains("\"other\" is not the name of a tool"));
        assert_eq!(structured_ask(&json!({"messages": []})), Ok(None));
    }
}
