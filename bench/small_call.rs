//! The small converse call the cargo examples in bench/ make, and the client config they
//! make it with, shared so that every example prices the same call.

use fastconverse::core::ClientConfig;
use fastconverse::wire::encode::{Encoded, Operation, RequestSeed};
use serde::de::DeserializeSeed;

/// The request, as JSON text, as a Python caller's keywords arrive.
const REQUEST: &str = r#"{
    "modelId": "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    "messages": [{"role": "user", "content": [{"text": "Hello, how are you today?"}]}],
    "inferenceConfig": {"maxTokens": 256, "temperature": 0.5}
}"#;

/// REQUEST encoded, as the core sends it (encoding included in each call's cost).
pub fn request() -> Encoded {
    let mut reader = serde_json::Deserializer::from_str(REQUEST);
    RequestSeed(Operation::Converse)
        .deserialize(&mut reader)
        .expect("a valid request")
}

/// The core's configuration for LocalBedrock at `endpoint` with its test credentials.
pub fn config(endpoint: &str, http2: bool) -> ClientConfig {
    ClientConfig {
        region: Some("us-east-1".into()),
        endpoint_url: Some(endpoint.to_owned()),
        access_key_id: Some("testing".into()),
        secret_access_key: Some("testing".into()),
        http2,
        ..Default::default()
    }
}
