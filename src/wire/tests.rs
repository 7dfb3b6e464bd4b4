//! Tests of the wire shapes: serde in boto3's layout, and the conversions to and from the SDK.

use std::collections::{BTreeSet, HashMap};

use aws_sdk_bedrockruntime as sdk;
use aws_smithy_types::{Document as SdkDoc, Number};
use serde::de::IntoDeserializer;
use serde::Deserialize;
use serde_json::{json, Value};

use super::*;

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------

fn sdk_client() -> sdk::Client {
    let config = sdk::Config::builder()
        .behavior_version(sdk::config::BehaviorVersion::latest())
        .region(sdk::config::Region::new("us-east-1"))
        .build();
    sdk::Client::from_conf(config)
}

/// Deserializes like the bindings do: through serde_path_to_error, reporting `path: error`.
fn de<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, String> {
    serde_path_to_error::deserialize(value).map_err(|e| format!("{}: {}", e.path(), e.inner()))
}

/// Replaces the string at `pointer` with the JSON array of its UTF-8 bytes: how a `Blob`
/// given as a string comes back through serde_json (bytes serialize as an array of ints).
fn blob_as_array(value: &mut Value, pointer: &str) {
    let slot = value
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer}"));
    let bytes = slot.as_str().expect("a string").as_bytes().to_vec();
    *slot = json!(bytes);
}

fn full_request() -> Value {
    json!({
        "modelId": "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "messages": [
            {"role": "user", "content": [
                {"text": "Describe these, please: 日本語 ✓"},
                {"image": {"format": "png", "source": {"bytes": "\u{89}PNG\r\n"}}},
                {"document": {"format": "pdf", "name": "report", "source": {"bytes": "%PDF-1.7"}}}
            ]},
            {"role": "assistant", "content": [
                {"reasoningContent": {"reasoningText": {"text": "thinking…", "signature": "sig=="}}},
                {"reasoningContent": {"redactedContent": "opaque"}},
                {"toolUse": {"toolUseId": "t1", "name": "lookup", "input": {
                    "q": "x", "limit": 3, "nested": {"list": [1, -2, 2.5, null, true, "ü"]}
                }}}
            ]},
            {"role": "user", "content": [
                {"toolResult": {"toolUseId": "t1", "status": "success", "content": [
                    {"json": {"answer": 42}}, {"text": "done"}
                ]}}
            ]}
        ],
        "system": [{"text": "You are terse."}, {"cachePoint": {"type": "default"}}],
        "inferenceConfig": {"maxTokens": 512, "temperature": 0.5, "topP": 0.25, "stopSequences": ["\n\nHuman:"]},
        "toolConfig": {
            "tools": [{"toolSpec": {"name": "lookup", "description": "Look things up", "inputSchema": {"json": {
                "type": "object", "properties": {"q": {"type": "string"}}, "required": ["q"]
            }}}}],
            "toolChoice": {"tool": {"name": "lookup"}}
        },
        "additionalModelRequestFields": {
            "top_k": 250, "big": u64::MAX, "neg": i64::MIN, "ratio": 0.1, "label": "naïve ☃",
            "flags": [true, false, null], "deep": {"a": [{"b": -1}]}
        }
    })
}

fn doc_field<'a>(doc: &'a SdkDoc, key: &str) -> &'a SdkDoc {
    match doc {
        SdkDoc::Object(map) => map.get(key).unwrap_or_else(|| panic!("no {key}")),
        other => panic!("not an object: {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// requests
// ---------------------------------------------------------------------------------------------

#[test]
fn full_converse_request_goes_to_the_fluent_builder_and_back() {
    let request: ConverseRequest = de(full_request()).unwrap();
    let fluent = request.clone().apply(sdk_client().converse()).unwrap();
    let input = fluent.as_input().clone().build().unwrap();

    assert_eq!(
        input.model_id(),
        Some("us.anthropic.claude-sonnet-4-5-20250929-v1:0")
    );
    let messages = input.messages();
    assert_eq!(messages.len(), 3);
    assert_eq!(messages[1].role(), &sdk::types::ConversationRole::Assistant);
    let sdk::types::ContentBlock::Image(image) = &messages[0].content()[1] else {
        panic!("not an image: {:?}", messages[0].content()[1]);
    };
    assert_eq!(image.format(), &sdk::types::ImageFormat::Png);
    let Some(sdk::types::ImageSource::Bytes(bytes)) = image.source() else {
        panic!("no image bytes");
    };
    assert_eq!(bytes.as_ref(), "\u{89}PNG\r\n".as_bytes());
    let sdk::types::ContentBlock::ReasoningContent(
        sdk::types::ReasoningContentBlock::ReasoningText(text),
    ) = &messages[1].content()[0]
    else {
        panic!("not reasoning text");
    };
    assert_eq!(text.signature(), Some("sig=="));
    let sdk::types::ContentBlock::ToolUse(tool_use) = &messages[1].content()[2] else {
        panic!("not a tool use");
    };
    let list = doc_field(doc_field(tool_use.input(), "nested"), "list");
    assert_eq!(
        list,
        &SdkDoc::Array(vec![
            SdkDoc::Number(Number::PosInt(1)),
            SdkDoc::Number(Number::NegInt(-2)),
            SdkDoc::Number(Number::Float(2.5)),
            SdkDoc::Null,
            SdkDoc::Bool(true),
            SdkDoc::String("ü".into()),
        ])
    );
    let extra = input.additional_model_request_fields().unwrap();
    assert_eq!(
        doc_field(extra, "big"),
        &SdkDoc::Number(Number::PosInt(u64::MAX))
    );
    assert_eq!(
        doc_field(extra, "neg"),
        &SdkDoc::Number(Number::NegInt(i64::MIN))
    );
    assert_eq!(
        doc_field(extra, "top_k"),
        &SdkDoc::Number(Number::PosInt(250))
    );
    assert_eq!(
        doc_field(extra, "ratio"),
        &SdkDoc::Number(Number::Float(0.1))
    );
    assert_eq!(doc_field(extra, "label"), &SdkDoc::String("naïve ☃".into()));
    assert!(matches!(
        input.system()[1],
        sdk::types::SystemContentBlock::CachePoint(ref c) if c.r#type() == &sdk::types::CachePointType::Default
    ));
    let tool_config = input.tool_config().unwrap();
    assert!(matches!(
        tool_config.tool_choice(),
        Some(sdk::types::ToolChoice::Tool(t)) if t.name() == "lookup"
    ));
    let inference = input.inference_config().unwrap();
    assert_eq!(inference.max_tokens(), Some(512));
    assert_eq!(inference.temperature(), Some(0.5));
    assert_eq!(inference.stop_sequences(), ["\n\nHuman:"]);

    // And back: the same wire value, the same dict (blobs come back as bytes).
    let back = ConverseRequest::from_sdk(input).unwrap();
    assert_eq!(back, request);
    let mut expected = full_request();
    blob_as_array(&mut expected, "/messages/0/content/1/image/source/bytes");
    blob_as_array(&mut expected, "/messages/0/content/2/document/source/bytes");
    blob_as_array(
        &mut expected,
        "/messages/1/content/1/reasoningContent/redactedContent",
    );
    assert_eq!(serde_json::to_value(&back).unwrap(), expected);
}

#[test]
fn stream_and_count_tokens_requests_apply_to_their_builders() {
    let mut value = full_request();
    let request: ConverseStreamRequest = de(value.clone()).unwrap();
    let fluent = request
        .clone()
        .apply(sdk_client().converse_stream())
        .unwrap();
    let input = fluent.as_input().clone().build().unwrap();
    assert_eq!(input.messages().len(), 3);
    assert_eq!(ConverseStreamRequest::from_sdk(input).unwrap(), request);

    let model_id = value["modelId"].take();
    let mut converse = value;
    converse.as_object_mut().unwrap().remove("modelId");
    converse.as_object_mut().unwrap().remove("inferenceConfig");
    let count: CountTokensRequest =
        de(json!({"modelId": model_id, "input": {"converse": converse}})).unwrap();
    let fluent = count.clone().apply(sdk_client().count_tokens()).unwrap();
    let input = fluent.as_input().clone().build().unwrap();
    let Some(sdk::types::CountTokensInput::Converse(tokens)) = input.input() else {
        panic!("not a converse count");
    };
    assert_eq!(tokens.messages().len(), 3);
    assert_eq!(CountTokensRequest::from_sdk(input).unwrap(), count);
}

#[test]
fn new_enum_values_pass_both_ways() {
    let block: ContentBlock =
        de(json!({"image": {"format": "heic", "source": {"bytes": "x"}}})).unwrap();
    let sdk_block = block.clone().into_sdk().unwrap();
    let sdk::types::ContentBlock::Image(image) = &sdk_block else {
        panic!()
    };
    assert_eq!(image.format().as_str(), "heic");
    assert_eq!(ContentBlock::from_sdk(sdk_block).unwrap(), block);
}

#[test]
fn missing_required_member_names_the_field() {
    let err = de::<ConverseRequest>(json!({"messages": []})).unwrap_err();
    assert!(err.contains("missing field `modelId`"), "{err}");
    let err =
        de::<ConverseRequest>(json!({"modelId": "m", "messages": [{"role": "user"}]})).unwrap_err();
    assert!(err.starts_with("messages[0]"), "{err}");
    assert!(err.contains("missing field `content`"), "{err}");
    // A required member that the SDK holds as Option is still required on input.
    let err = de::<ImageBlock>(json!({"format": "png"})).unwrap_err();
    assert!(err.contains("missing field `source`"), "{err}");
    // ... and None is not a value for it.
    let err = de::<ImageBlock>(json!({"format": "png", "source": null})).unwrap_err();
    assert!(err.contains("source"), "{err}");
}

#[test]
fn unknown_key_is_refused() {
    let err = de::<ConverseRequest>(json!({"modelId": "m", "bogus": 1})).unwrap_err();
    assert!(err.contains("unknown field `bogus`"), "{err}");
    let err = de::<ConverseRequest>(json!({"modelId": "m", "inferenceConfig": {"maxTokenz": 1}}))
        .unwrap_err();
    assert!(err.starts_with("inferenceConfig"), "{err}");
    assert!(err.contains("unknown field `maxTokenz`"), "{err}");
    let err = de::<ContentBlock>(json!({"txt": "hi"})).unwrap_err();
    assert!(err.contains("unknown variant `txt`"), "{err}");
}

#[test]
fn a_union_takes_exactly_one_member() {
    let err =
        de::<ContentBlock>(json!({"text": "a", "cachePoint": {"type": "default"}})).unwrap_err();
    assert!(err.contains("single key"), "{err}");
    assert!(de::<ContentBlock>(json!({})).is_err());
    assert_eq!(
        de::<ContentBlock>(json!({"text": "a"})).unwrap(),
        ContentBlock::Text("a".into())
    );
}

#[test]
fn unsupported_member_is_refused_by_name() {
    let err = de::<ConverseRequest>(json!({"modelId": "m", "projectIdentifier": "p"})).unwrap_err();
    assert_eq!(
        err,
        "projectIdentifier: ConverseRequest.projectIdentifier is not supported by this version of \
         fastconverse (aws-sdk-bedrockruntime 1.153.0)"
    );
    // Absent, it costs nothing.
    let request: ConverseRequest = de(json!({"modelId": "m"})).unwrap();
    assert!(request.project_identifier.is_none());
}

#[test]
fn generated_versions_match_the_inputs() {
    let model: Value = serde_json::from_str(include_str!("service_model.json")).unwrap();
    assert_eq!(model["botocore_version"], BOTOCORE_VERSION);
    assert_eq!(SDK_VERSION, "1.153.0");
}

// ---------------------------------------------------------------------------------------------
// blobs and documents
// ---------------------------------------------------------------------------------------------

#[test]
fn blob_accepts_bytes_and_str_but_not_a_list() {
    let from_str: Blob = de(json!("héllo")).unwrap();
    assert_eq!(from_str.0, "héllo".as_bytes());
    let bytes: Blob = Blob::deserialize(serde::de::value::BytesDeserializer::<
        serde::de::value::Error,
    >::new(b"\x00\xff"))
    .unwrap();
    assert_eq!(bytes.0, [0, 255]);
    let err = de::<Blob>(json!([1, 2, 3])).unwrap_err();
    assert!(err.contains("invalid type: sequence"), "{err}");
    assert_eq!(Blob::from_sdk(Blob(vec![1, 2]).into_sdk()).0, [1, 2]);
}

#[test]
fn document_round_trip_keeps_ints_as_ints() {
    let value = json!({
        "max": u64::MAX, "min": i64::MIN, "zero": 0, "neg": -1, "float": 1.5, "whole_float": 2.0,
        "s": "ünïcode ☃", "null": null, "list": [1, [2, {"x": -3}]], "t": true
    });
    let doc: Document = de(value.clone()).unwrap();
    let sdk_doc = doc.clone().into_sdk();
    assert_eq!(
        doc_field(&sdk_doc, "max"),
        &SdkDoc::Number(Number::PosInt(u64::MAX))
    );
    assert_eq!(
        doc_field(&sdk_doc, "min"),
        &SdkDoc::Number(Number::NegInt(i64::MIN))
    );
    assert_eq!(
        doc_field(&sdk_doc, "zero"),
        &SdkDoc::Number(Number::PosInt(0))
    );
    assert_eq!(
        doc_field(&sdk_doc, "neg"),
        &SdkDoc::Number(Number::NegInt(-1))
    );
    assert_eq!(
        doc_field(&sdk_doc, "whole_float"),
        &SdkDoc::Number(Number::Float(2.0))
    );
    let back = serde_json::to_value(Document::from_sdk(sdk_doc)).unwrap();
    // serde_json's Value tells u64, i64 and f64 apart: equality means no int went through f64.
    assert_eq!(back, value);
    assert!(back["max"].is_u64() && back["min"].is_i64() && back["whole_float"].is_f64());
}

#[test]
fn document_refuses_ints_beyond_64_bits() {
    type E = serde::de::value::Error;
    let err = Document::deserialize(IntoDeserializer::<E>::into_deserializer(
        u128::from(u64::MAX) + 1,
    ))
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "integer 18446744073709551616 does not fit in 64 bits"
    );
    let err = Document::deserialize(IntoDeserializer::<E>::into_deserializer(
        i128::from(i64::MIN) - 1,
    ))
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "integer -9223372036854775809 does not fit in 64 bits"
    );
    // In range, 128-bit ints are fine.
    let doc = Document::deserialize(IntoDeserializer::<E>::into_deserializer(i128::from(
        u64::MAX,
    )))
    .unwrap();
    assert_eq!(doc.0, SdkDoc::Number(Number::PosInt(u64::MAX)));
    let doc = Document::deserialize(IntoDeserializer::<E>::into_deserializer(-5i128)).unwrap();
    assert_eq!(doc.0, SdkDoc::Number(Number::NegInt(-5)));
    // Keys must be strings.
    let mut map = HashMap::new();
    map.insert(1u32, 2u32);
    assert!(Document::deserialize(IntoDeserializer::<E>::into_deserializer(map)).is_err());
}

// ---------------------------------------------------------------------------------------------
// responses
// ---------------------------------------------------------------------------------------------

#[test]
fn converse_output_built_by_hand_comes_back_as_boto3_dict() {
    use sdk::types;
    let input = SdkDoc::Object(HashMap::from([
        ("city".to_owned(), SdkDoc::String("Paris".into())),
        ("days".to_owned(), SdkDoc::Number(Number::PosInt(3))),
    ]));
    let message = types::Message::builder()
        .role(types::ConversationRole::Assistant)
        .content(types::ContentBlock::Text("Let me check.".into()))
        .content(types::ContentBlock::ReasoningContent(
            types::ReasoningContentBlock::RedactedContent(aws_smithy_types::Blob::new(vec![
                0u8, 1, 2,
            ])),
        ))
        .content(types::ContentBlock::ToolUse(
            types::ToolUseBlock::builder()
                .tool_use_id("tu-1")
                .name("weather")
                .input(input)
                .build()
                .unwrap(),
        ))
        .build()
        .unwrap();
    let output = sdk::operation::converse::ConverseOutput::builder()
        .output(types::ConverseOutput::Message(message))
        .stop_reason(types::StopReason::from("a_brand_new_reason"))
        .usage(
            types::TokenUsage::builder()
                .input_tokens(10)
                .output_tokens(5)
                .total_tokens(15)
                .cache_read_input_tokens(2)
                .build()
                .unwrap(),
        )
        .metrics(
            types::ConverseMetrics::builder()
                .latency_ms(1234)
                .build()
                .unwrap(),
        )
        .additional_model_response_fields(SdkDoc::Array(vec![SdkDoc::Number(Number::NegInt(-7))]))
        .build()
        .unwrap();
    let response = ConverseResponse::from_sdk(output).unwrap();
    assert_eq!(
        serde_json::to_value(&response).unwrap(),
        json!({
            "output": {"message": {"role": "assistant", "content": [
                {"text": "Let me check."},
                {"reasoningContent": {"redactedContent": [0, 1, 2]}},
                {"toolUse": {"toolUseId": "tu-1", "name": "weather", "input": {"city": "Paris", "days": 3}}}
            ]}},
            "stopReason": "a_brand_new_reason",
            "usage": {"inputTokens": 10, "outputTokens": 5, "totalTokens": 15, "cacheReadInputTokens": 2},
            "metrics": {"latencyMs": 1234},
            "additionalModelResponseFields": [-7]
        })
    );
    // The other way too (LocalBedrock and tests build SDK values from dicts).
    let again = ConverseResponse::from_sdk(response.clone().into_sdk().unwrap()).unwrap();
    assert_eq!(again, response);
}

/// An HTTP client for the SDK that answers every request with the same JSON body.
#[derive(Debug, Clone)]
struct Canned(&'static str);

impl aws_smithy_runtime_api::client::http::HttpConnector for Canned {
    fn call(
        &self,
        _request: aws_smithy_runtime_api::client::orchestrator::HttpRequest,
    ) -> aws_smithy_runtime_api::client::http::HttpConnectorFuture {
        let mut response = aws_smithy_runtime_api::http::Response::new(
            200u16.try_into().unwrap(),
            aws_smithy_types::body::SdkBody::from(self.0),
        );
        response
            .headers_mut()
            .insert("content-type", "application/json");
        aws_smithy_runtime_api::client::http::HttpConnectorFuture::ready(Ok(response))
    }
}

impl aws_smithy_runtime_api::client::http::HttpClient for Canned {
    fn http_connector(
        &self,
        _settings: &aws_smithy_runtime_api::client::http::HttpConnectorSettings,
        _components: &aws_smithy_runtime_api::client::runtime_components::RuntimeComponents,
    ) -> aws_smithy_runtime_api::client::http::SharedHttpConnector {
        aws_smithy_runtime_api::client::http::SharedHttpConnector::new(self.clone())
    }
}

async fn converse_with_reply(body: &'static str) -> sdk::operation::converse::ConverseOutput {
    let config = sdk::Config::builder()
        .behavior_version(sdk::config::BehaviorVersion::latest())
        .region(sdk::config::Region::new("us-east-1"))
        .credentials_provider(sdk::config::Credentials::new(
            "AKID", "SECRET", None, None, "test",
        ))
        .http_client(Canned(body))
        .build();
    sdk::Client::from_conf(config)
        .converse()
        .model_id("m")
        .send()
        .await
        .expect("the canned reply parses")
}

#[tokio::test]
async fn a_real_sdk_response_comes_back_unchanged() {
    let body = r#"{
        "output": {"message": {"role": "assistant", "content": [
            {"text": "Bonjour"},
            {"reasoningContent": {"reasoningText": {"text": "hmm", "signature": "c2ln"}}},
            {"toolUse": {"toolUseId": "t", "name": "f", "input": {"n": 18446744073709551615, "m": -3, "x": 0.5}}}
        ]}},
        "stopReason": "something_new",
        "usage": {"inputTokens": 3, "outputTokens": 4, "totalTokens": 7},
        "metrics": {"latencyMs": 42},
        "serviceTier": {"type": "priority"}
    }"#;
    let response = ConverseResponse::from_sdk(converse_with_reply(body).await).unwrap();
    let expected: Value = serde_json::from_str(body).unwrap();
    assert_eq!(serde_json::to_value(&response).unwrap(), expected);
}

#[tokio::test]
async fn an_unknown_union_member_in_a_response_is_an_error() {
    let body = r#"{
        "output": {"message": {"role": "assistant", "content": [{"text": "a"}, {"hologram": {"x": 1}}]}},
        "stopReason": "end_turn",
        "usage": {"inputTokens": 3, "outputTokens": 4, "totalTokens": 7},
        "metrics": {"latencyMs": 42}
    }"#;
    let err = ConverseResponse::from_sdk(converse_with_reply(body).await).unwrap_err();
    assert_eq!(
        err,
        WireError::UnknownUnionMember {
            shape: "ContentBlock"
        }
    );
    assert_eq!(
        err.to_string(),
        "the response holds a ContentBlock that this version of fastconverse cannot read: a kind \
         the service added later, or a response that is not Bedrock's"
    );
}

#[test]
fn stream_events_and_exceptions_convert() {
    let delta: ConverseStreamOutput =
        de(json!({"contentBlockDelta": {"contentBlockIndex": 2, "delta": {"text": "Hi"}}}))
            .unwrap();
    let Ok(sdk_event) = delta.clone().into_sdk().unwrap() else {
        panic!("not an event")
    };
    assert!(sdk_event.is_content_block_delta());
    assert_eq!(ConverseStreamOutput::from_sdk(sdk_event).unwrap(), delta);

    let throttle: ConverseStreamOutput =
        de(json!({"throttlingException": {"message": "slow down"}})).unwrap();
    let Err(sdk_error) = throttle.clone().into_sdk().unwrap() else {
        panic!("not an error")
    };
    assert!(sdk_error.is_throttling_exception());
    assert_eq!(
        aws_smithy_types::error::metadata::ProvideErrorMetadata::code(&sdk_error),
        Some("ThrottlingException")
    );
    assert_eq!(
        ConverseStreamOutput::from_sdk_error(sdk_error).unwrap(),
        throttle
    );

    let unhandled = sdk::types::error::ConverseStreamOutputError::generic(
        aws_smithy_types::error::ErrorMetadata::builder()
            .code("SomethingNew")
            .build(),
    );
    assert!(ConverseStreamOutput::from_sdk_error(unhandled).is_err());
}

// ---------------------------------------------------------------------------------------------
// every member of every shape, both ways
// ---------------------------------------------------------------------------------------------

struct Model {
    shapes: serde_json::Map<String, Value>,
    unsupported: BTreeSet<(String, String)>,
}

impl Model {
    fn load() -> Self {
        let model: Value = serde_json::from_str(include_str!("service_model.json")).unwrap();
        let unsupported = UNSUPPORTED_MEMBERS
            .iter()
            .map(|(s, m)| (s.to_string(), m.to_string()))
            .collect();
        Model {
            shapes: model["shapes"].as_object().unwrap().clone(),
            unsupported,
        }
    }

    fn shape(&self, name: &str) -> &serde_json::Map<String, Value> {
        self.shapes[name].as_object().unwrap()
    }

    fn is_union(&self, name: &str) -> bool {
        let s = self.shape(name);
        s.get("union").is_some() || s.get("eventstream").is_some()
    }

    fn supported_members(&self, name: &str) -> Vec<(String, String)> {
        self.shape(name)["members"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(m, _)| !self.unsupported.contains(&(name.to_owned(), m.to_string())))
            .map(|(m, v)| (m.clone(), v["shape"].as_str().unwrap().to_owned()))
            .collect()
    }

    /// An example value of `name` (input dict, expected output dict): every member when `full`,
    /// else only the required ones; a union takes `variant`, or its first member.
    fn example(&self, name: &str, full: bool, variant: Option<&str>) -> (Value, Value) {
        let s = self.shape(name);
        match s["type"].as_str().unwrap() {
            // A value no enum holds: new enum values must pass both ways.
            "string" if s.contains_key("enum") => (json!("a-new-value"), json!("a-new-value")),
            "string" => (json!("text ✓"), json!("text ✓")),
            "integer" => (json!(7), json!(7)),
            "long" => (json!(1u64 << 40), json!(1u64 << 40)),
            "float" => (json!(0.5), json!(0.5)),
            "double" => (json!(0.25), json!(0.25)),
            "boolean" => (json!(true), json!(true)),
            "blob" => (json!("blob"), json!(b"blob".to_vec())),
            "structure" if s.contains_key("document") => {
                let doc = json!({"k": [1, -2, 0.5, "s", null, true, {"n": u64::MAX}]});
                (doc.clone(), doc)
            }
            "list" => {
                let (i, e) = self.example(s["member"]["shape"].as_str().unwrap(), full, None);
                (json!([i.clone(), i]), json!([e.clone(), e]))
            }
            "map" => {
                let (i, e) = self.example(s["value"]["shape"].as_str().unwrap(), full, None);
                (json!({"key": i}), json!({"key": e}))
            }
            "structure" if self.is_union(name) => {
                let members = self.supported_members(name);
                let (member, shape) = match variant {
                    Some(v) => members.iter().find(|(m, _)| m == v).unwrap().clone(),
                    None => members[0].clone(),
                };
                let (i, e) = self.example(&shape, full, None);
                (json!({ member.clone(): i }), json!({ member: e }))
            }
            "structure" => {
                let required: BTreeSet<&str> = s
                    .get("required")
                    .map(|r| {
                        r.as_array()
                            .unwrap()
                            .iter()
                            .map(|v| v.as_str().unwrap())
                            .collect()
                    })
                    .unwrap_or_default();
                let (mut input, mut expected) = (serde_json::Map::new(), serde_json::Map::new());
                for (member, shape) in self.supported_members(name) {
                    if full || required.contains(member.as_str()) {
                        let (i, e) = self.example(&shape, full, None);
                        input.insert(member.clone(), i);
                        expected.insert(member, e);
                    }
                }
                (Value::Object(input), Value::Object(expected))
            }
            other => panic!("unexpected type {other}"),
        }
    }
}

#[test]
fn members_carried_and_unsupported_cover_the_model() {
    let model: Value = serde_json::from_str(include_str!("service_model.json")).unwrap();
    let shapes = model["shapes"].as_object().unwrap();
    // The generated shapes: structures reachable from the operations' inputs and outputs.
    let mut reached = BTreeSet::new();
    let mut stack: Vec<String> = model["operations"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|op| {
            [
                op["input"]["shape"].as_str().unwrap().to_owned(),
                op["output"]["shape"].as_str().unwrap().to_owned(),
            ]
        })
        .collect();
    while let Some(name) = stack.pop() {
        if !reached.insert(name.clone()) {
            continue;
        }
        let s = &shapes[&name];
        for m in s
            .get("members")
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(|m| m.values())
        {
            stack.push(m["shape"].as_str().unwrap().to_owned());
        }
        for key in ["member", "key", "value"] {
            if let Some(v) = s.get(key) {
                stack.push(v["shape"].as_str().unwrap().to_owned());
            }
        }
    }
    let generated: BTreeSet<&str> = reached
        .iter()
        .map(String::as_str)
        .filter(|n| shapes[*n]["type"] == "structure" && shapes[*n].get("document").is_none())
        .filter(|n| *n != "ConverseStreamResponse")
        .collect();
    assert_eq!(generated, SHAPES.iter().copied().collect::<BTreeSet<_>>());

    let all: BTreeSet<(&str, &str)> = generated
        .iter()
        .flat_map(|s| {
            shapes[*s]["members"]
                .as_object()
                .unwrap()
                .keys()
                .map(move |m| (*s, m.as_str()))
        })
        .collect();
    let carried: BTreeSet<(&str, &str)> = CARRIED_MEMBERS.iter().copied().collect();
    let unsupported: BTreeSet<(&str, &str)> = UNSUPPORTED_MEMBERS.iter().copied().collect();
    assert!(carried.is_disjoint(&unsupported));
    assert_eq!(carried.len() + unsupported.len(), all.len());
    assert_eq!(
        carried
            .union(&unsupported)
            .copied()
            .collect::<BTreeSet<_>>(),
        all
    );
    assert_eq!(
        UNSUPPORTED_MEMBERS,
        [
            ("ConverseRequest", "projectIdentifier"),
            ("ConverseStreamRequest", "projectIdentifier")
        ]
    );
}

#[test]
fn every_member_of_every_shape_goes_to_the_sdk_and_back() {
    let model = Model::load();
    let mut checked = 0;
    for &shape in SHAPES {
        let variants: Vec<Option<String>> = if model.is_union(shape) {
            model
                .supported_members(shape)
                .into_iter()
                .map(|(m, _)| Some(m))
                .collect()
        } else {
            vec![None]
        };
        for variant in variants {
            let (input, expected) = model.example(shape, true, variant.as_deref());
            let out = roundtrip_json(shape, input.clone())
                .unwrap_or_else(|e| panic!("{shape}: {e}\n{input:#}"));
            assert_eq!(out, expected, "{shape} ({variant:?})");
            checked += 1;
        }
    }
    assert!(checked > SHAPES.len());
}

/// With only the members botocore requires, the SDK fills in its own defaults for a few
/// members botocore holds as optional; this test pins that list so a change is noticed.
#[test]
fn minimal_shapes_round_trip_except_where_the_sdk_fills_defaults() {
    let model = Model::load();
    let mut differ = BTreeSet::new();
    for &shape in SHAPES {
        let (input, expected) = model.example(shape, false, None);
        let out = roundtrip_json(shape, input).unwrap_or_else(|e| panic!("{shape}: {e}"));
        if out != expected {
            let added: Vec<String> = out
                .as_object()
                .map(|o| {
                    o.keys()
                        .filter(|k| expected.get(k.as_str()).is_none())
                        .cloned()
                        .collect()
                })
                .unwrap_or_default();
            for member in added {
                differ.insert(format!("{shape}.{member}={}", out[&member]));
            }
        }
    }
    let differ: Vec<String> = differ.into_iter().collect();
    assert_eq!(
        differ,
        [
            "DocumentBlock.format=\"txt\"",
            "GuardrailConfiguration.guardrailIdentifier=\"\"",
            "GuardrailConfiguration.guardrailVersion=\"\"",
            "GuardrailConfiguration.trace=\"disabled\"",
            "GuardrailStreamConfiguration.guardrailIdentifier=\"\"",
            "GuardrailStreamConfiguration.guardrailVersion=\"\"",
            "GuardrailStreamConfiguration.streamProcessingMode=\"sync\"",
            "GuardrailStreamConfiguration.trace=\"disabled\"",
            "PerformanceConfiguration.latency=\"standard\"",
        ]
    );
}
