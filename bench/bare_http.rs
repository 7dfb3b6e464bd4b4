//! A bare HTTP client: what LocalBedrock itself allows, with next to no client cost.
//!
//! `bench/throughput.py` runs it beside the SDK clients against the same server. It
//! keeps CONCURRENCY requests in flight over as many keep-alive connections (hyper 1,
//! hyper-util's pooled client, one tokio thread so it leaves the other cores to the
//! server), each posting the same small Converse JSON body to `/model/<id>/converse`
//! with `Authorization: Bearer <token>` (no SigV4 to compute, and cheaper for the server
//! to check than a signature), until COUNT answers have come back after a warm-up of
//! CONCURRENCY requests that opens the connections. Every answer must be a 200.
//!
//! Prints one JSON line: requests per second, requests sent in all (warm-up included)
//! and its own CPU per request in microseconds.
//!
//!     cargo run --release --example bare_http -- \
//!         http://127.0.0.1:PORT TOKEN MODEL_ID '{"messages": [...]}' 1000 20000

#[path = "cpu_time.rs"]
mod cpu_time;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use cpu_time::cpu_time;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

type HttpClient = Client<HttpConnector, Full<Bytes>>;

/// One request, the same each time.
struct Call {
    uri: hyper::Uri,
    authorization: String,
    body: Bytes,
}

/// Percent-encodes a model id for the path (`:` and `/` included), as the SDKs do.
fn encode_path_segment(segment: &str) -> String {
    segment
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn send(client: &HttpClient, call: &Call) {
    let request = hyper::Request::post(call.uri.clone())
        .header(hyper::header::CONTENT_TYPE, "application/json")
        .header(hyper::header::AUTHORIZATION, &call.authorization)
        .body(Full::new(call.body.clone()))
        .expect("a valid request");
    let response = client.request(request).await.expect("an answer");
    let status = response.status();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("the answer's body")
        .to_bytes();
    assert!(status.is_success(), "{status}: {body:?}");
}

/// Sends `count` requests, at most `concurrency` at once, each worker taking the next.
async fn run(client: &HttpClient, call: &Arc<Call>, concurrency: usize, count: usize) {
    let next = Arc::new(AtomicUsize::new(0));
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..concurrency.min(count) {
        let (client, call, next) = (client.clone(), call.clone(), next.clone());
        workers.spawn(async move {
            while next.fetch_add(1, Ordering::Relaxed) < count {
                send(&client, &call).await;
            }
        });
    }
    while let Some(done) = workers.join_next().await {
        done.expect("a worker");
    }
}

fn main() {
    let usage = "usage: bare_http ENDPOINT_URL TOKEN MODEL_ID BODY_JSON CONCURRENCY COUNT";
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [endpoint, token, model_id, body, concurrency, count] = args.as_slice() else {
        panic!("{usage}");
    };
    let concurrency: usize = concurrency.parse().expect(usage);
    let count: usize = count.parse().expect(usage);
    let call = Arc::new(Call {
        uri: format!(
            "{}/model/{}/converse",
            endpoint.trim_end_matches('/'),
            encode_path_segment(model_id)
        )
        .parse()
        .expect("a valid endpoint URL"),
        authorization: format!("Bearer {token}"),
        body: Bytes::from(body.clone()),
    });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let client: HttpClient = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(concurrency)
        .build_http();
    runtime.block_on(run(&client, &call, concurrency, concurrency));
    let (cpu, start) = (cpu_time(), Instant::now());
    runtime.block_on(run(&client, &call, concurrency, count));
    let elapsed = start.elapsed().as_secs_f64();
    let cpu_us = (cpu_time() - cpu).as_secs_f64() * 1e6 / count as f64;
    println!(
        "{}",
        serde_json::json!({
            "rps": count as f64 / elapsed,
            "requests": concurrency + count,
            "client_cpu_us": cpu_us,
        })
    );
}
