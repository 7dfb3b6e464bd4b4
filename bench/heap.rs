//! What stays allocated for each call in flight: CALLS converse calls through the core, all
//! in flight at once against a LocalBedrock that answers after a delay, for valgrind's
//! dhat to take the heap at its peak. `bench/heap.py` runs it and sorts the peak by owner.
//!
//!     cargo build --profile profiling --example heap
//!     valgrind --tool=dhat target/profiling/examples/heap http://127.0.0.1:PORT CALLS [h2]
//!
//! Every call is a task of the process runtime, as the Python binding spawns them.

use fastconverse::core::{runtime, Client, ClientConfig};
use fastconverse::wire::encode::{Operation, RequestSeed};
use serde::de::DeserializeSeed;

/// The small call of bench/layers.rs.
const REQUEST: &str = r#"{
    "modelId": "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    "messages": [{"role": "user", "content": [{"text": "Hello, how are you today?"}]}],
    "inferenceConfig": {"maxTokens": 256, "temperature": 0.5}
}"#;

fn main() {
    let usage = "usage: heap ENDPOINT_URL CALLS [h2]";
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (endpoint, calls, http2) = match args.as_slice() {
        [endpoint, calls] => (endpoint, calls, false),
        [endpoint, calls, protocol] if protocol == "h2" => (endpoint, calls, true),
        _ => panic!("{usage}"),
    };
    let calls: usize = calls.parse().expect(usage);
    let handle = runtime::handle();
    let config = ClientConfig {
        region: Some("us-east-1".into()),
        endpoint_url: Some(endpoint.clone()),
        access_key_id: Some("testing".into()),
        secret_access_key: Some("testing".into()),
        http2,
        ..Default::default()
    };
    let client = std::sync::Arc::new(handle.block_on(Client::connect(&config)).expect("client"));
    let tasks: Vec<_> = (0..calls)
        .map(|_| {
            let client = client.clone();
            handle.spawn(async move {
                let mut reader = serde_json::Deserializer::from_str(REQUEST);
                let request = RequestSeed(Operation::Converse)
                    .deserialize(&mut reader)
                    .expect("a valid request");
                client.converse(request).await.expect("converse").body
            })
        })
        .collect();
    for task in tasks {
        std::hint::black_box(handle.block_on(task).expect("the call's task"));
    }
}
