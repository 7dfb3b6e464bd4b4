//! The model catalog: which Converse features each Bedrock model family supports, its
//! limits, and the walk of a request that finds what a model would refuse.
//!
//! Beside the emulator and the client (no pyo3): the client's preflight and
//! LocalBedrock's catalog mode both ask it. The data is `src/catalog/models.json`,
//! compiled in with `include_str!`; `fastconverse.models` gets the same text from the
//! native module (`_native._catalog_json()`), so the Python API, the preflight and
//! LocalBedrock agree, and the package ships no copy of its own. A feature is
//! `Some(true)`, `Some(false)` or `None` (unknown); only `Some(false)` ever yields a
//! problem.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::Value;

/// The catalog file, as compiled in (and handed to `fastconverse.models`).
pub const CATALOG_JSON: &str = include_str!("models.json");

/// One model family of the catalog.
#[derive(Clone, Debug, Deserialize)]
pub struct Family {
    /// The family's key, such as `anthropic.claude-3-haiku`.
    pub id: String,
    /// Base model id prefixes (after any inference-profile prefix or ARN is removed).
    #[serde(rename = "match")]
    pub prefixes: Vec<String>,
    /// Tokens of input the model reads, if known.
    pub context_window: Option<u64>,
    /// Tokens the model writes at most, if known.
    pub max_output_tokens: Option<u64>,
    /// The `toolChoice` members the model accepts, if known.
    pub tool_choice: Option<Vec<String>>,
    /// Feature name to supported (`None`: unknown).
    pub features: BTreeMap<String, Option<bool>>,
}

impl Family {
    /// Whether the family supports `feature`: `None` when unknown.
    pub fn supports(&self, feature: &str) -> Option<bool> {
        self.features.get(feature).copied().flatten()
    }
}

/// What a model would refuse in a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The catalog feature (`tool_use`, `image`, ...; `max_tokens` for the output limit).
    pub feature: String,
    /// Where in the request, in `ParamValidationError`'s form (`messages[0].content[1].image`).
    pub path: String,
    /// The `ValidationException` message Bedrock answers.
    pub message: String,
}

#[derive(Deserialize)]
struct CatalogFile {
    inference_profile_prefixes: Vec<String>,
    messages: BTreeMap<String, String>,
    families: Vec<Family>,
}

/// The parsed catalog.
pub struct Catalog {
    file: CatalogFile,
}

/// Keys of `additionalModelRequestFields` that ask for reasoning.
const REASONING_KEYS: [&str; 4] = [
    "thinking",
    "reasoning_config",
    "reasoningConfig",
    "reasoning_effort",
];

impl Catalog {
    /// Parses a catalog file.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let file: CatalogFile =
            serde_json::from_str(text).map_err(|err| format!("bad model catalog: {err}"))?;
        Ok(Self { file })
    }

    /// The catalog shipped with fastconverse.
    pub fn builtin() -> &'static Catalog {
        static BUILTIN: OnceLock<Catalog> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Catalog::from_json(CATALOG_JSON).expect("the shipped model catalog parses")
        })
    }

    /// The base model id of a model id, inference-profile id or ARN
    /// (`us.anthropic.claude-...` and `arn:aws:bedrock:...:inference-profile/us.anthropic...`
    /// both give `anthropic.claude-...`); `None` for ARNs of other resources.
    pub fn base_model_id<'a>(&self, model_id: &'a str) -> Option<&'a str> {
        let mut id = model_id;
        if id.starts_with("arn:") {
            let resource = id.splitn(6, ':').nth(5)?;
            id = resource
                .strip_prefix("foundation-model/")
                .or_else(|| resource.strip_prefix("inference-profile/"))?;
        }
        if let Some((first, rest)) = id.split_once('.') {
            if self
                .file
                .inference_profile_prefixes
                .iter()
                .any(|p| p == first)
            {
                id = rest;
            }
        }
        Some(id)
    }

    /// The family of a model id (longest matching prefix), or `None` when unknown.
    pub fn lookup(&self, model_id: &str) -> Option<&Family> {
        let base = self.base_model_id(model_id)?;
        self.file
            .families
            .iter()
            .flat_map(|f| f.prefixes.iter().map(move |p| (p, f)))
            .filter(|(p, _)| base.starts_with(p.as_str()))
            .max_by_key(|(p, _)| p.len())
            .map(|(_, f)| f)
    }

    /// Bedrock's message for an input beyond the context window.
    pub fn context_window_message(&self) -> String {
        self.message("context_window", "", None)
    }

    fn message(&self, feature: &str, field: &str, limit: Option<u64>) -> String {
        let template = self
            .file
            .messages
            .get(feature)
            .map_or("This model doesn't support {field}.", String::as_str);
        template
            .replace("{field}", field)
            .replace("{limit}", &limit.map(|l| l.to_string()).unwrap_or_default())
    }

    /// Every feature of `request` (Converse's input in the wire layout) that the model
    /// lacks: system, toolConfig, the messages' blocks, maxTokens, reasoning fields,
    /// outputConfig, guardrailConfig, in that order; empty for unknown models.
    pub fn check(&self, model_id: &str, request: &Value, streaming: bool) -> Vec<Problem> {
        let Some(family) = self.lookup(model_id) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        let mut add = |feature: &str, path: String, field: &str, limit: Option<u64>| {
            let message = self.message(feature, field, limit);
            found.push(Problem {
                feature: feature.to_owned(),
                path,
                message,
            });
        };
        let lacks = |feature: &str| family.supports(feature) == Some(false);

        if let Some(system) = request.get("system").and_then(Value::as_array) {
            for (i, block) in system.iter().enumerate() {
                if block.get("cachePoint").is_some() && lacks("cache_point") {
                    add(
                        "cache_point",
                        format!("system[{i}].cachePoint"),
                        "cachePoint",
                        None,
                    );
                } else if block.get("guardContent").is_some() && lacks("guardrails") {
                    add(
                        "guardrails",
                        format!("system[{i}].guardContent"),
                        "guardContent",
                        None,
                    );
                } else if lacks("system_prompts") {
                    add("system_prompts", format!("system[{i}]"), "system", None);
                }
            }
        }
        if let Some(tool_config) = request.get("toolConfig").filter(|v| !v.is_null()) {
            if lacks("tool_use") {
                add("tool_use", "toolConfig".into(), "toolConfig", None);
            } else {
                if streaming && lacks("streaming_tool_use") {
                    add(
                        "streaming_tool_use",
                        "toolConfig".into(),
                        "toolConfig",
                        None,
                    );
                }
                let choice = tool_config
                    .get("toolChoice")
                    .and_then(Value::as_object)
                    .and_then(|o| o.keys().next());
                if let (Some(choice), Some(allowed)) = (choice, &family.tool_choice) {
                    if !allowed.iter().any(|a| a == choice) {
                        let field = format!("toolConfig.toolChoice.{choice}");
                        add("tool_choice", field.clone(), &field, None);
                    }
                }
                let tools = tool_config.get("tools").and_then(Value::as_array);
                for (i, tool) in tools.into_iter().flatten().enumerate() {
                    if tool.get("cachePoint").is_some() && lacks("cache_point") {
                        add(
                            "cache_point",
                            format!("toolConfig.tools[{i}].cachePoint"),
                            "cachePoint",
                            None,
                        );
                    }
                }
            }
        }
        let messages = request.get("messages").and_then(Value::as_array);
        for (i, message) in messages.into_iter().flatten().enumerate() {
            let content = message.get("content").and_then(Value::as_array);
            for (j, block) in content.into_iter().flatten().enumerate() {
                let Some((kind, inner)) = block.as_object().and_then(|o| o.iter().next()) else {
                    continue;
                };
                let path = format!("messages[{i}].content[{j}].{kind}");
                let feature = match kind.as_str() {
                    "image" | "document" | "video" => kind.as_str(),
                    "toolUse" | "toolResult" => "tool_use",
                    "cachePoint" => "cache_point",
                    "reasoningContent" => "reasoning",
                    "guardContent" => "guardrails",
                    "citationsContent" => "citations",
                    _ => continue,
                };
                if lacks(feature) {
                    add(feature, path, kind, None);
                    continue;
                }
                if inner.pointer("/source/s3Location").is_some() && lacks("s3_media") {
                    add(
                        "s3_media",
                        format!("{path}.source.s3Location"),
                        "source.s3Location",
                        None,
                    );
                }
                if kind == "document"
                    && inner.pointer("/citations/enabled") == Some(&Value::Bool(true))
                    && lacks("citations")
                {
                    add(
                        "citations",
                        format!("{path}.citations"),
                        "document.citations",
                        None,
                    );
                }
            }
        }
        if let (Some(asked), Some(limit)) = (
            request
                .pointer("/inferenceConfig/maxTokens")
                .and_then(Value::as_u64),
            family.max_output_tokens,
        ) {
            if asked > limit {
                add(
                    "max_tokens",
                    "inferenceConfig.maxTokens".into(),
                    "maxTokens",
                    Some(limit),
                );
            }
        }
        if let Some(fields) = request
            .get("additionalModelRequestFields")
            .and_then(Value::as_object)
        {
            for key in REASONING_KEYS {
                if fields.contains_key(key) && lacks("reasoning") {
                    add(
                        "reasoning",
                        format!("additionalModelRequestFields.{key}"),
                        key,
                        None,
                    );
                }
            }
        }
        if request.get("outputConfig").is_some_and(|v| !v.is_null()) && lacks("structured_output") {
            add(
                "structured_output",
                "outputConfig".into(),
                "outputConfig",
                None,
            );
        }
        if request.get("guardrailConfig").is_some_and(|v| !v.is_null()) && lacks("guardrails") {
            add(
                "guardrails",
                "guardrailConfig".into(),
                "guardrailConfig",
                None,
            );
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn matches_profiles_and_arns() {
        let c = Catalog::builtin();
        let id = "anthropic.claude-3-5-haiku-20241022-v1:0";
        let family = c.lookup(id).unwrap().id.clone();
        for variant in [
            format!("us.{id}"),
            format!("global.{id}"),
            format!("us-gov.{id}"),
            format!("arn:aws:bedrock:us-east-1::foundation-model/{id}"),
            format!("arn:aws:bedrock:us-east-1:123456789012:inference-profile/eu.{id}"),
        ] {
            assert_eq!(c.lookup(&variant).unwrap().id, family, "{variant}");
        }
        assert!(c
            .lookup("arn:aws:bedrock:us-east-1:1:application-inference-profile/x")
            .is_none());
        assert!(c.lookup("example.unknown-model").is_none());
        assert!(c.lookup("").is_none());
    }

    #[test]
    fn finds_what_a_model_lacks_in_order() {
        let c = Catalog::builtin();
        let no_tools = c
            .file
            .families
            .iter()
            .find(|f| f.supports("tool_use") == Some(false) && f.supports("image") == Some(false))
            .unwrap();
        let model = format!("{}-v1:0", no_tools.prefixes[0]);
        let request = json!({
            "messages": [{"role": "user", "content": [{"text": "hi"}, {"image": {"format": "png", "source": {"bytes": ""}}}]}],
            "toolConfig": {"tools": []},
        });
        let problems = c.check(&model, &request, false);
        let features: Vec<&str> = problems.iter().map(|p| p.feature.as_str()).collect();
        assert_eq!(features, ["tool_use", "image"]);
        assert_eq!(problems[0].path, "toolConfig");
        assert_eq!(problems[0].message, "This model doesn't support tool use.");
        assert_eq!(problems[1].path, "messages[0].content[1].image");
        assert!(c.check("example.unknown", &request, true).is_empty());
    }
}
