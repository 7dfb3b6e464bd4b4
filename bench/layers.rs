//! Where a converse call's CPU goes: the same small call through each layer under
//! fastconverse, one variant per run, against the same LocalBedrock.
//!
//! - `sdk-defaults`: the SDK with its defaults and its own typed shapes
//!   (`aws_sdk_bedrockruntime::Client::converse()`), no fastconverse at all;
//! - `core`: fastconverse's core as the Python client uses it (our bytes, our
//!   interceptors, the SDK's credentials, signing, endpoint, retries and HTTP client);
//! - `core-on-a-worker`: the same call spawned onto a runtime worker and waited for from
//!   the main thread, as the Python binding hands calls over: the thread hand-off's price;
//! - `core-current-thread`: the same call on a current-thread runtime of the calling
//!   thread's own, with its own connection pool: no other thread takes part in a call,
//!   the design a sync call would have with a runtime per calling thread;
//! - `core-tuned-http`: the same with a minimal HTTP client in the SDK's HttpClient seam
//!   (hyper-util's pooled client, a read timeout, no TLS or proxy support), to price
//!   the SDK's default HTTP client;
//! - `core-h2c`: the core as `ChatClient(http2=True)` runs it: HTTP/2 with prior
//!   knowledge through `core::http::H2cClient`, one multiplexed connection;
//! - `core-no-io`: the same core with an in-memory transport that answers at once: the
//!   orchestrator, signing and our encoding and decoding, without sockets;
//! - `bare-hyper`: an unsigned POST of the same body through hyper-util's pooled client
//!   (`Authorization: Bearer`), what HTTP itself costs.
//!
//! Each run makes CALLS calls one after the other from the main thread (`block_on`) and
//! prints the CPU per call in microseconds. `bench/layers.py` runs every variant,
//! also under callgrind, and reports them side by side.
//!
//!     cargo run --release --example layers -- VARIANT http://127.0.0.1:PORT TOKEN CALLS [SPACING_MS]
//!
//! With SPACING_MS, the calls are that many milliseconds apart (the sleep is not CPU),
//! as `bench/converse_cpu.py`'s spaced rows are: caches and threads go cold in between.

#[path = "cpu_time.rs"]
mod cpu_time;
#[path = "small_call.rs"]
mod small_call;

use std::time::Duration;

use aws_sdk_bedrockruntime::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_bedrockruntime::types::{
    ContentBlock, ConversationRole, InferenceConfiguration, Message,
};
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;
use bytes::Bytes;
use cpu_time::cpu_time;
use fastconverse::core::{runtime, Client};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector as TcpConnector;
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::rt::{TokioExecutor, TokioTimer};

/// The small call's model and prompt, for the SDK's typed shapes (small_call::REQUEST's).
const MODEL_ID: &str = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
const PROMPT: &str = "Hello, how are you today?";

/// What LocalBedrock's echo model answers to the small call, for the in-memory transport.
const RESPONSE: &str = r#"{"metrics":{"latencyMs":0},"output":{"message":{"content":[{"text":"Hello, how are you today?"}],"role":"assistant"}},"stopReason":"end_turn","usage":{"inputTokens":7,"outputTokens":7,"totalTokens":14}}"#;

fn main() {
    let usage = "usage: layers VARIANT ENDPOINT_URL TOKEN CALLS [SPACING_MS]";
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (variant, endpoint, token, calls, spacing) = match args.as_slice() {
        [variant, endpoint, token, calls] => (variant, endpoint, token, calls, 0),
        [variant, endpoint, token, calls, spacing] => (
            variant,
            endpoint,
            token,
            calls,
            spacing.parse().expect(usage),
        ),
        _ => panic!("{usage}"),
    };
    let calls: u32 = calls.parse().expect(usage);
    let spacing = Duration::from_millis(spacing);
    let handle = runtime::handle();
    let call: Box<dyn Fn()> = match variant.as_str() {
        "sdk-defaults" => {
            let sdk = sdk_with_defaults(endpoint);
            Box::new(move || handle.block_on(sdk_converse(&sdk)))
        }
        "core" => core_variant(handle, endpoint, None, Placement::CallingThread),
        "core-on-a-worker" => core_variant(handle, endpoint, None, Placement::Worker),
        "core-current-thread" => core_variant(handle, endpoint, None, Placement::OwnRuntime),
        "core-tuned-http" => core_variant(
            handle,
            endpoint,
            Some(Transport::Tuned),
            Placement::CallingThread,
        ),
        "core-h2c" => core_variant(
            handle,
            endpoint,
            Some(Transport::H2c),
            Placement::CallingThread,
        ),
        "core-no-io" => core_variant(
            handle,
            endpoint,
            Some(Transport::InMemory),
            Placement::CallingThread,
        ),
        "bare-hyper" => {
            let client = HyperClient::builder(TokioExecutor::new()).build_http();
            let uri: hyper::Uri = format!(
                "{}/model/{}/converse",
                endpoint.trim_end_matches('/'),
                MODEL_ID.replace(':', "%3A")
            )
            .parse()
            .expect("a valid endpoint URL");
            let authorization = format!("Bearer {token}");
            Box::new(move || handle.block_on(bare_post(&client, &uri, &authorization)))
        }
        other => panic!("unknown variant {other:?}; {usage}"),
    };
    for _ in 0..calls.min(50) {
        call();
    }
    let start = cpu_time();
    for _ in 0..calls {
        if !spacing.is_zero() {
            std::thread::sleep(spacing);
        }
        call();
    }
    let per_call = (cpu_time() - start).as_secs_f64() * 1e6 / f64::from(calls);
    println!("{per_call:.1}");
}

/// The SDK as a new user gets it: defaults, static test credentials, the endpoint URL.
fn sdk_with_defaults(endpoint: &str) -> aws_sdk_bedrockruntime::Client {
    let config = aws_sdk_bedrockruntime::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("testing", "testing", None, None, "bench"))
        .endpoint_url(endpoint)
        .build();
    aws_sdk_bedrockruntime::Client::from_conf(config)
}

async fn sdk_converse(sdk: &aws_sdk_bedrockruntime::Client) {
    let message = Message::builder()
        .role(ConversationRole::User)
        .content(ContentBlock::Text(PROMPT.into()))
        .build()
        .expect("a valid message");
    let inference = InferenceConfiguration::builder()
        .max_tokens(256)
        .temperature(0.5)
        .build();
    let output = sdk
        .converse()
        .model_id(MODEL_ID)
        .messages(message)
        .inference_config(inference)
        .send()
        .await
        .expect("converse");
    std::hint::black_box(output);
}

/// What the core sends through, when not the SDK's default HTTP client.
enum Transport {
    Tuned,
    /// `ClientConfig::http2`: the core's own HTTP/2 client.
    H2c,
    InMemory,
}

/// Where a core call runs, and which runtime drives its connection.
enum Placement {
    /// `block_on` from the main thread on the process runtime (its worker drives I/O).
    CallingThread,
    /// Spawned onto the process runtime's worker and waited for, as the binding does.
    Worker,
    /// On a current-thread runtime of the main thread's own: its pool and I/O driver too.
    OwnRuntime,
}

/// The core's converse, run where `placement` says.
fn core_variant(
    handle: tokio::runtime::Handle,
    endpoint: &str,
    transport: Option<Transport>,
    placement: Placement,
) -> Box<dyn Fn()> {
    let config = small_call::config(endpoint, matches!(transport, Some(Transport::H2c)));
    // A runtime of the calling thread's own, whose connections only its block_on drives.
    let own = match placement {
        Placement::OwnRuntime => Some(
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a current-thread runtime"),
        ),
        _ => None,
    };
    let connect = async {
        match transport {
            None | Some(Transport::H2c) => Client::connect(&config).await.expect("client"),
            Some(Transport::Tuned) => {
                Client::with_http_client(&config, TunedHttp::new(Duration::from_secs(60))).await
            }
            Some(Transport::InMemory) => Client::with_http_client(&config, InMemory).await,
        }
    };
    let client = match &own {
        Some(runtime) => runtime.block_on(connect),
        None => handle.block_on(connect),
    };
    let client = std::sync::Arc::new(client);
    Box::new(move || {
        let client = client.clone();
        let call = async move {
            let response = client
                .converse(small_call::request())
                .await
                .expect("converse");
            std::hint::black_box(response.body);
        };
        match (&placement, &own) {
            (Placement::Worker, _) => {
                let task = handle.spawn(call);
                handle.block_on(task).expect("the call's task");
            }
            (_, Some(runtime)) => runtime.block_on(call),
            (_, None) => handle.block_on(call),
        }
    })
}

async fn bare_post(
    client: &HyperClient<TcpConnector, Full<Bytes>>,
    uri: &hyper::Uri,
    authorization: &str,
) {
    let request = small_call::request();
    let request = hyper::Request::post(uri.clone())
        .header(hyper::header::CONTENT_TYPE, "application/json")
        .header(hyper::header::AUTHORIZATION, authorization)
        .body(Full::new(request.body))
        .expect("a valid request");
    let response = client.request(request).await.expect("an answer");
    assert!(response.status().is_success(), "{}", response.status());
    let body = response.into_body().collect().await.expect("the body");
    let value = fastconverse::wire::json::parse(&body.to_bytes()).expect("JSON");
    std::hint::black_box(value);
}

/// A minimal HTTP client in the SDK's seam: hyper-util's pooled client over plain TCP,
/// a read timeout on the response head, every failure an I/O error.
#[derive(Clone, Debug)]
struct TunedHttp {
    client: HyperClient<TcpConnector, SdkBody>,
    read_timeout: Duration,
}

impl TunedHttp {
    fn new(read_timeout: Duration) -> Self {
        let mut tcp = TcpConnector::new();
        tcp.set_nodelay(true);
        let client = HyperClient::builder(TokioExecutor::new())
            .pool_timer(TokioTimer::new())
            .build(tcp);
        Self {
            client,
            read_timeout,
        }
    }
}

impl HttpConnector for TunedHttp {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let request = match request.try_into_http1x() {
            Ok(request) => request,
            Err(err) => return HttpConnectorFuture::ready(Err(ConnectorError::user(err.into()))),
        };
        let sent = self.client.request(request);
        let limit = self.read_timeout;
        HttpConnectorFuture::new(async move {
            let response = tokio::time::timeout(limit, sent)
                .await
                .map_err(|elapsed| ConnectorError::timeout(elapsed.into()))?
                .map_err(|err| ConnectorError::io(err.into()))?;
            HttpResponse::try_from(response.map(SdkBody::from_body_1_x))
                .map_err(|err| ConnectorError::other(err.into(), None))
        })
    }
}

impl HttpClient for TunedHttp {
    fn http_connector(
        &self,
        _: &HttpConnectorSettings,
        _: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(self.clone())
    }
}

/// No socket: every request gets RESPONSE at once.
#[derive(Clone, Debug)]
struct InMemory;

impl HttpConnector for InMemory {
    fn call(&self, _request: HttpRequest) -> HttpConnectorFuture {
        let response = http::Response::builder()
            .status(200)
            .header("content-type", "application/json")
            .header("x-amzn-requestid", "in-memory")
            .body(SdkBody::from(RESPONSE))
            .expect("a valid response");
        HttpConnectorFuture::ready(Ok(HttpResponse::try_from(response).expect("a response")))
    }
}

impl HttpClient for InMemory {
    fn http_connector(
        &self,
        _: &HttpConnectorSettings,
        _: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(self.clone())
    }
}
