//! The raw Rust SDK through fastconverse's core, without Python: CPU per converse call.
//!
//! Prices the binding layer: `bench/run.py` compares this figure with the Python
//! client's on the same server.
//!
//!     cargo run --release --example raw_converse -- http://127.0.0.1:PORT 2000

use std::time::Duration;

use fastconverse::core::{runtime, Client, ClientConfig};
use fastconverse::wire;

/// CPU time (user + system) of this process so far.
fn cpu_time() -> Duration {
    // SAFETY: getrusage writes into the struct we pass and reads nothing else.
    let usage = unsafe {
        let mut usage = std::mem::zeroed::<libc::rusage>();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let micros = |t: libc::timeval| t.tv_sec as u64 * 1_000_000 + t.tv_usec as u64;
    Duration::from_micros(micros(usage.ru_utime) + micros(usage.ru_stime))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let endpoint = args
        .next()
        .expect("usage: raw_converse ENDPOINT_URL [CALLS]");
    let calls: u32 = args
        .next()
        .map_or(2000, |n| n.parse().expect("CALLS is a number"));
    let request: wire::ConverseRequest = serde_json::from_value(serde_json::json!({
        "modelId": "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "messages": [{"role": "user", "content": [{"text": "Hello, how are you today?"}]}],
        "inferenceConfig": {"maxTokens": 256, "temperature": 0.5}
    }))
    .expect("a valid request");
    let config = ClientConfig {
        region: Some("us-east-1".into()),
        endpoint_url: Some(endpoint),
        access_key_id: Some("testing".into()),
        secret_access_key: Some("testing".into()),
        ..Default::default()
    };
    let handle = runtime::handle();
    let client = handle.block_on(Client::connect(&config)).expect("client");
    let run = |n: u32| {
        for _ in 0..n {
            let response = handle
                .block_on(client.converse(request.clone()))
                .expect("converse");
            // Build the dict-shaped value too, as the Python client does (to Python).
            std::hint::black_box(serde_json::to_value(&response.body).expect("serialize"));
        }
    };
    run(calls.min(50));
    let start = cpu_time();
    run(calls);
    let per_call = (cpu_time() - start) / calls;
    println!("{:.1}", per_call.as_secs_f64() * 1e6);
}
