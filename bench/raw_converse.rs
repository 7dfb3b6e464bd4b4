//! The raw Rust SDK through fastconverse's core, without Python: CPU per converse call.
//!
//! Prices the binding layer: `bench/run.py` compares this figure with the Python
//! client's on the same server. Two ways of calling are timed, and the cheaper is
//! printed (both go to stderr): awaiting the call in `block_on` on the main thread, as
//! `#[tokio::main]` does, and spawning it onto a worker and waiting for it there, as
//! the Python binding does.
//!
//!     cargo run --release --example raw_converse -- http://127.0.0.1:PORT 2000

#[path = "cpu_time.rs"]
mod cpu_time;

use cpu_time::cpu_time;

use fastconverse::core::{runtime, Client, ClientConfig};
use fastconverse::wire::encode::{Operation, RequestSeed};
use serde::de::DeserializeSeed;

/// The request, as JSON text: each call reads it and writes its body, as the Python
/// client reads the caller's dict.
const REQUEST: &str = r#"{
    "modelId": "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    "messages": [{"role": "user", "content": [{"text": "Hello, how are you today?"}]}],
    "inferenceConfig": {"maxTokens": 256, "temperature": 0.5}
}"#;

fn main() {
    let mut args = std::env::args().skip(1);
    let endpoint = args
        .next()
        .expect("usage: raw_converse ENDPOINT_URL [CALLS]");
    let calls: u32 = args
        .next()
        .map_or(2000, |n| n.parse().expect("CALLS is a number"));
    let config = ClientConfig {
        region: Some("us-east-1".into()),
        endpoint_url: Some(endpoint),
        access_key_id: Some("testing".into()),
        secret_access_key: Some("testing".into()),
        ..Default::default()
    };
    let handle = runtime::handle();
    let client = std::sync::Arc::new(handle.block_on(Client::connect(&config)).expect("client"));
    let call = |client: std::sync::Arc<Client>| async move {
        let mut reader = serde_json::Deserializer::from_str(REQUEST);
        let request = RequestSeed(Operation::Converse)
            .deserialize(&mut reader)
            .expect("a valid request");
        // The response comes back already in boto3's layout (a `wire::Value`).
        let response = client.converse(request).await.expect("converse");
        std::hint::black_box(response.body);
    };
    let on_main_thread = |n: u32| {
        for _ in 0..n {
            handle.block_on(call(client.clone()));
        }
    };
    let on_a_worker = |n: u32| {
        for _ in 0..n {
            let task = handle.spawn(call(client.clone()));
            handle.block_on(task).expect("the call's task");
        }
    };
    let per_call = |run: &dyn Fn(u32)| {
        run(calls.min(50));
        let start = cpu_time();
        run(calls);
        (cpu_time() - start).as_secs_f64() * 1e6 / f64::from(calls)
    };
    let main_us = per_call(&on_main_thread);
    let worker_us = per_call(&on_a_worker);
    eprintln!("block_on on the main thread: {main_us:.1} us per call");
    eprintln!("spawned onto a worker: {worker_us:.1} us per call");
    println!("{:.1}", main_us.min(worker_us));
}
