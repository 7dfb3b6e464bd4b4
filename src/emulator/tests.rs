//! End-to-end tests: a raw HTTP/1.1 client, signing with the SDK's signer, against a live server.

use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::runtime::Handle;

use super::*;

const MODEL: &str = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";

/// The path of an operation, with the model id encoded as SDKs encode labels.
fn path(model_id: &str, operation: &str) -> String {
    let mut encoded = String::new();
    for byte in model_id.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("/model/{encoded}/{operation}")
}

struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", String::from_utf8_lossy(&self.body)))
    }

    fn error_code(&self) -> &str {
        self.header("x-amzn-errortype")
            .and_then(|v| v.split(':').next())
            .unwrap_or("")
    }
}

/// A minimal HTTP/1.1 client over one keep-alive connection.
struct RawClient {
    stream: TcpStream,
    host: String,
    secret: String,
}

impl RawClient {
    async fn connect(server: &LocalServer) -> Self {
        let stream = TcpStream::connect(server.local_addr()).await.unwrap();
        Self {
            stream,
            host: server.local_addr().to_string(),
            secret: "testing".into(),
        }
    }

    /// Headers signed as the SDK signs them (SigV4, `bedrock`, us-east-1).
    fn signed(&self, path: &str, body: &[u8]) -> Vec<(String, String)> {
        let identity: Identity =
            Credentials::new("testing", self.secret.clone(), None, None, "test").into();
        let params = v4::SigningParams::builder()
            .identity(&identity)
            .region("us-east-1")
            .name("bedrock")
            .time(SystemTime::now())
            .settings(SigningSettings::default())
            .build()
            .unwrap()
            .into();
        let base = [
            ("host", self.host.as_str()),
            ("content-type", "application/json"),
        ];
        let signable = SignableRequest::new(
            "POST",
            format!("http://{}{path}", self.host),
            base.iter().copied(),
            SignableBody::Bytes(body),
        )
        .unwrap();
        let (instructions, _) = sign(signable, &params).unwrap().into_parts();
        let mut headers: Vec<(String, String)> = base
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        headers.extend(
            instructions
                .headers()
                .map(|(n, v)| (n.to_string(), v.to_string())),
        );
        headers
    }

    /// Writes a POST without reading its answer.
    async fn write(&mut self, path: &str, headers: &[(String, String)], body: &[u8]) {
        let mut head = format!("POST {path} HTTP/1.1\r\ncontent-length: {}\r\n", body.len());
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        self.stream.write_all(head.as_bytes()).await.unwrap();
        self.stream.write_all(body).await.unwrap();
    }

    /// Writes a signed POST without reading its answer.
    async fn write_signed(&mut self, path: &str, body: &[u8]) {
        let headers = self.signed(path, body);
        self.write(path, &headers, body).await;
    }

    async fn send(&mut self, path: &str, headers: &[(String, String)], body: &[u8]) -> Answer {
        self.write(path, headers, body).await;
        self.read_answer().await
    }

    async fn post(&mut self, path: &str, body: &Value) -> Answer {
        let body = body.to_string().into_bytes();
        let headers = self.signed(path, &body);
        self.send(path, &headers, &body).await
    }

    async fn read_answer(&mut self) -> Answer {
        let mut buffer = Vec::new();
        let head_end = loop {
            if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break at;
            }
            let mut chunk = [0u8; 4096];
            let n = self.stream.read(&mut chunk).await.unwrap();
            assert!(n > 0, "connection closed before the head");
            buffer.extend_from_slice(&chunk[..n]);
        };
        let head = String::from_utf8(buffer[..head_end].to_vec()).unwrap();
        let mut lines = head.split("\r\n");
        let status: u16 = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        let mut rest = buffer[head_end + 4..].to_vec();
        let chunked = headers
            .iter()
            .any(|(n, v)| n == "transfer-encoding" && v == "chunked");
        let body = if chunked {
            self.read_chunked(rest).await
        } else {
            let length: usize = headers
                .iter()
                .find(|(n, _)| n == "content-length")
                .map_or(0, |(_, v)| v.parse().unwrap());
            while rest.len() < length {
                self.fill(&mut rest).await;
            }
            rest
        };
        Answer {
            status,
            headers,
            body,
        }
    }

    async fn fill(&mut self, buffer: &mut Vec<u8>) {
        let mut chunk = [0u8; 4096];
        let n = self.stream.read(&mut chunk).await.unwrap();
        assert!(n > 0, "connection closed mid-body");
        buffer.extend_from_slice(&chunk[..n]);
    }

    /// Decodes `Transfer-Encoding: chunked` (no trailers).
    async fn read_chunked(&mut self, mut buffer: Vec<u8>) -> Vec<u8> {
        let mut body = Vec::new();
        loop {
            let line_end = loop {
                if let Some(at) = buffer.windows(2).position(|w| w == b"\r\n") {
                    break at;
                }
                self.fill(&mut buffer).await;
            };
            let size =
                usize::from_str_radix(std::str::from_utf8(&buffer[..line_end]).unwrap().trim(), 16)
                    .unwrap();
            while buffer.len() < line_end + 2 + size + 2 {
                self.fill(&mut buffer).await;
            }
            body.extend_from_slice(&buffer[line_end + 2..line_end + 2 + size]);
            buffer.drain(..line_end + 2 + size + 2);
            if size == 0 {
                return body;
            }
        }
    }
}

fn start(config: ServerConfig) -> LocalServer {
    LocalServer::start(config, &Handle::current()).unwrap()
}

fn hello(text: &str) -> Value {
    json!({"messages": [{"role": "user", "content": [{"text": text}]}]})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn echo_round_trip() {
    let server = start(ServerConfig::default());
    assert!(server.endpoint_url().starts_with("http://127.0.0.1:"));
    let mut client = RawClient::connect(&server).await;
    let request = json!({
        "messages": [{"role": "user", "content": [{"text": "Hello, world!"}]}],
        "system": [{"text": "Be brief."}],
    });
    let answer = client.post(&path(MODEL, "converse"), &request).await;
    assert_eq!(
        answer.status,
        200,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    assert_eq!(answer.header("content-type"), Some("application/json"));
    assert_eq!(answer.header("x-amzn-requestid").map(str::len), Some(36));
    let reply = answer.json();
    assert_eq!(
        reply["output"]["message"]["content"][0]["text"],
        "Hello, world!"
    );
    assert_eq!(reply["stopReason"], "end_turn");
    let input = tokenizer::count_input(&request);
    assert_eq!(
        reply["usage"],
        json!({"inputTokens": input, "outputTokens": 6, "totalTokens": input + 6})
    );

    // count-tokens agrees with the echo model's input tokens, on the same connection.
    let counted = client
        .post(
            &path(MODEL, "count-tokens"),
            &json!({"input": {"converse": request}}),
        )
        .await;
    assert_eq!(counted.status, 200);
    assert_eq!(counted.json(), json!({"inputTokens": input}));
    let invoke = client
        .post(
            &path(MODEL, "count-tokens"),
            &json!({"input": {"invokeModel": {"body": "eyJwcm9tcHQiOiAiaGkifQ=="}}}),
        )
        .await;
    assert_eq!(
        invoke.json(),
        json!({"inputTokens": tokenizer::count_text(r#"{"prompt": "hi"}"#)})
    );

    let stats = server.stats();
    assert_eq!(
        (
            stats.requests,
            stats.connections,
            stats.errors,
            stats.in_flight
        ),
        (3, 1, 0, 0)
    );
    let log = server.requests();
    assert_eq!(log.len(), 3);
    assert_eq!(log[0].path, path(MODEL, "converse"));
    assert_eq!(log[0].json(), Some(request));
    assert!(log[0]
        .header("authorization")
        .unwrap()
        .starts_with("AWS4-HMAC-SHA256 Credential=testing/"));
}

/// The events of an event-stream body, as (`:event-type` or `:exception-type`, payload).
fn decode_events(body: &[u8]) -> Vec<(String, Value)> {
    let mut buffer = bytes::Bytes::copy_from_slice(body);
    let mut events = Vec::new();
    while !buffer.is_empty() {
        let message = aws_smithy_eventstream::frame::read_message_from(&mut buffer).unwrap();
        let kind = message
            .headers()
            .iter()
            .find(|h| matches!(h.name().as_str(), ":event-type" | ":exception-type"))
            .map(|h| h.value().as_string().unwrap().as_str().to_owned())
            .unwrap();
        events.push((kind, serde_json::from_slice(message.payload()).unwrap()));
    }
    events
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn streams_the_echo_and_scripted_replies() {
    let server = start(ServerConfig::default());
    let mut client = RawClient::connect(&server).await;
    let p = path(MODEL, "converse-stream");
    let mut request = hello("Hello, world! How are you?");
    request["inferenceConfig"] = json!({"maxTokens": 100});
    let answer = client.post(&p, &request).await;
    assert_eq!(
        answer.status,
        200,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    assert_eq!(
        answer.header("content-type"),
        Some("application/vnd.amazon.eventstream")
    );
    let events = decode_events(&answer.body);
    let kinds: Vec<&str> = events.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "messageStart",
            "contentBlockDelta",
            "contentBlockDelta",
            "contentBlockDelta",
            "contentBlockStop",
            "messageStop",
            "metadata"
        ]
    );
    let text: String = events
        .iter()
        .filter_map(|(_, p)| p.pointer("/delta/text").and_then(Value::as_str))
        .collect();
    assert_eq!(text, "Hello, world! How are you?");
    // The stream's usage is the Converse answer's.
    let converse = client.post(&path(MODEL, "converse"), &request).await.json();
    assert_eq!(events[6].1["usage"], converse["usage"]);

    // A scripted error is an HTTP error before the stream; a scripted reply is streamed.
    server.queue_error("ModelNotReadyException", "Warming up", None);
    server.queue_reply(json!({"output": {"message": {"role": "assistant", "content": [{"text": "scripted"}]}},
                              "stopReason": "max_tokens", "usage": {"inputTokens": 1, "outputTokens": 2, "totalTokens": 3},
                              "metrics": {"latencyMs": 9}}));
    let answer = client.post(&p, &request).await;
    assert_eq!(
        (answer.status, answer.error_code()),
        (429, "ModelNotReadyException")
    );
    let events = decode_events(&client.post(&p, &request).await.body);
    assert_eq!(
        events[1].1,
        json!({"contentBlockIndex": 0, "delta": {"text": "scripted"}})
    );
    assert_eq!(events[3].1, json!({"stopReason": "max_tokens"}));
    assert_eq!(server.stats().in_flight, 0);
    assert_eq!(server.stats().cancelled, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scripted_streams_carry_exceptions_and_faults() {
    let server = start(ServerConfig::default());
    let p = path(MODEL, "converse-stream");
    let start_event = json!({"messageStart": {"role": "assistant"}});
    let delta = json!({"contentBlockDelta": {"contentBlockIndex": 0, "delta": {"text": "Hi"}}});
    let scripted = |events: Vec<Value>, fault| ScriptedStream {
        events,
        pace: Duration::from_millis(1),
        fault,
    };

    server
        .queue_stream(scripted(
            vec![
                start_event.clone(),
                delta.clone(),
                json!({"throttlingException": {"message": "Slow"}}),
            ],
            None,
        ))
        .unwrap();
    let mut client = RawClient::connect(&server).await;
    let events = decode_events(&client.post(&p, &hello("x")).await.body);
    assert_eq!(events.len(), 3);
    assert_eq!(
        events[2],
        (
            "throttlingException".to_string(),
            json!({"message": "Slow"})
        )
    );

    let full = vec![
        start_event.clone(),
        delta.clone(),
        json!({"messageStop": {"stopReason": "end_turn"}}),
        json!({"metadata": {"usage": {"inputTokens": 1, "outputTokens": 1, "totalTokens": 2}, "metrics": {"latencyMs": 1}}}),
    ];
    server
        .queue_stream(scripted(full.clone(), Some(StreamFault::Truncate)))
        .unwrap();
    let events = decode_events(&client.post(&p, &hello("x")).await.body);
    assert_eq!(
        events.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
        ["messageStart", "contentBlockDelta"]
    );

    server
        .queue_stream(scripted(full.clone(), Some(StreamFault::Corrupt)))
        .unwrap();
    let body = client.post(&p, &hello("x")).await.body;
    let mut buffer = bytes::Bytes::from(body);
    for _ in 0..4 {
        aws_smithy_eventstream::frame::read_message_from(&mut buffer).unwrap();
    }
    assert!(aws_smithy_eventstream::frame::read_message_from(&mut buffer).is_err());

    // A queued stream does not serve Converse.
    server.queue_stream(scripted(full.clone(), None)).unwrap();
    let answer = client.post(&path(MODEL, "converse"), &hello("x")).await;
    assert_eq!(
        (answer.status, answer.error_code()),
        (500, "InternalServerException")
    );

    // "drop": the connection closes before the chunked body ends.
    server
        .queue_stream(scripted(full, Some(StreamFault::Drop)))
        .unwrap();
    let body = hello("x").to_string();
    client.write_signed(&p, body.as_bytes()).await;
    let mut raw = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), client.stream.read_to_end(&mut raw))
        .await
        .unwrap();
    let raw = String::from_utf8_lossy(&raw);
    assert!(raw.starts_with("HTTP/1.1 200"), "{raw}");
    assert!(
        !raw.ends_with("0\r\n\r\n"),
        "the chunked body ended cleanly: {raw}"
    );
    assert!(
        raw.contains("messageStart") && raw.contains("metadata"),
        "the events came first: {raw}"
    );

    assert_eq!(server.stats().cancelled, 0);
    let refused = ScriptedStream {
        events: vec![json!("messageStart")],
        pace: Duration::ZERO,
        fault: None,
    };
    assert!(server.queue_stream(refused).is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn arn_model_ids_route_and_verify() {
    let server = start(ServerConfig::default());
    let mut client = RawClient::connect(&server).await;
    let arn = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3:0";
    let answer = client
        .post(&path(arn, "converse"), &hello("via an ARN"))
        .await;
    assert_eq!(
        answer.status,
        200,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    assert_eq!(
        answer.json()["output"]["message"]["content"][0]["text"],
        "via an ARN"
    );

    // A prompt ARN carries its own messages.
    let prompt = "arn:aws:bedrock:us-east-1:123456789012:prompt/PROMPT12345:1";
    let answer = client
        .post(
            &path(prompt, "converse"),
            &json!({"promptVariables": {"x": {"text": "y"}}}),
        )
        .await;
    assert_eq!(
        answer.status,
        200,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scripted_outcomes_come_in_order() {
    let server = start(ServerConfig::default());
    let first = json!({"output": {"message": {"role": "assistant", "content": [{"text": "first"}]}},
                       "stopReason": "end_turn", "usage": {"inputTokens": 1, "outputTokens": 1, "totalTokens": 2},
                       "metrics": {"latencyMs": 7}});
    server.queue_reply(first.clone());
    server.queue_error("ThrottlingException", "Slow down", None);
    server.queue_error("ModelErrorException", "Model broke", Some(424));
    server.queue_error("InternalServerException", "Teapot", Some(418));
    assert_eq!(server.stats().queued, 4);

    let mut client = RawClient::connect(&server).await;
    let p = path(MODEL, "converse");
    assert_eq!(client.post(&p, &hello("a")).await.json(), first);

    let answer = client.post(&p, &hello("b")).await;
    assert_eq!(
        (answer.status, answer.error_code()),
        (429, "ThrottlingException")
    );
    assert_eq!(
        answer.header("x-amzn-errortype"),
        Some("ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/")
    );
    assert_eq!(answer.json(), json!({"message": "Slow down"}));
    assert!(answer.header("x-amzn-requestid").is_some());

    let answer = client.post(&p, &hello("c")).await;
    assert_eq!(
        (answer.status, answer.error_code()),
        (424, "ModelErrorException")
    );
    let answer = client.post(&p, &hello("d")).await;
    assert_eq!(
        (answer.status, answer.error_code()),
        (418, "InternalServerException")
    );
    // The queue is empty: the echo model answers.
    assert_eq!(
        client.post(&p, &hello("e")).await.json()["output"]["message"]["content"][0]["text"],
        "e"
    );
    assert_eq!(server.stats().errors, 3);

    // An invalid request does not take the next scripted outcome.
    server.queue_error("ThrottlingException", "Slow down", None);
    let answer = client.post(&p, &json!({"messages": []})).await;
    assert_eq!(answer.error_code(), "ValidationException");
    assert_eq!(server.stats().queued, 1);
    server.reset();
    let stats = server.stats();
    assert_eq!(
        (
            stats.requests,
            stats.errors,
            stats.queued,
            stats.connections
        ),
        (0, 0, 0, 0)
    );
    assert_eq!(stats.open_connections, 1); // live, so still counted
    assert!(server.requests().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refuses_bad_credentials_routes_and_bodies() {
    let server = start(ServerConfig {
        bearer_token: Some("key-123".into()),
        ..ServerConfig::default()
    });
    let mut client = RawClient::connect(&server).await;
    let p = path(MODEL, "converse");

    client.secret = "wrong".into();
    let answer = client.post(&p, &hello("x")).await;
    assert_eq!(
        (answer.status, answer.error_code()),
        (403, "InvalidSignatureException")
    );
    assert!(answer.json()["message"]
        .as_str()
        .unwrap()
        .starts_with("The request signature we calculated"));
    client.secret = "testing".into();

    let answer = client.send(&p, &[], b"{}").await;
    assert_eq!(
        (answer.status, answer.error_code()),
        (403, "MissingAuthenticationTokenException")
    );

    let bearer = |token: &str| vec![("authorization".to_string(), format!("Bearer {token}"))];
    let body = hello("bearer").to_string();
    let answer = client.send(&p, &bearer("key-123"), body.as_bytes()).await;
    assert_eq!(answer.status, 200);
    let answer = client.send(&p, &bearer("key-124"), body.as_bytes()).await;
    assert_eq!(
        (answer.status, answer.error_code()),
        (403, "AccessDeniedException")
    );

    let answer = client.post("/model/m/invoke", &json!({})).await;
    assert_eq!(
        (answer.status, answer.error_code()),
        (404, "UnknownOperationException")
    );

    let bad = b"{\"messages\": [";
    let headers = client.signed(&p, bad);
    let answer = client.send(&p, &headers, bad).await;
    assert_eq!(
        (answer.status, answer.error_code()),
        (400, "SerializationException")
    );

    let answer = client
        .post(&p, &json!({"messages": [{"role": "user", "content": [{"image": {"format": "gif2", "source": {"bytes": "AA=="}}}]}]}))
        .await;
    assert_eq!(
        (answer.status, answer.error_code()),
        (400, "ValidationException")
    );
    assert_eq!(
        answer.json()["message"],
        "1 validation error detected: Value 'gif2' at 'messages.1.member.content.1.member.image.format' \
         failed to satisfy constraint: Member must satisfy enum value set: [gif, jpeg, png, webp]"
    );
    let answer = client
        .post(
            &p,
            &json!({"messages": [{"role": "assistant", "content": [{"text": "hi"}]}]}),
        )
        .await;
    assert_eq!(
        answer.json()["message"],
        "A conversation must start with a user message. Try again with a conversation that starts with a user message."
    );

    // Every request is in the log, refused ones included, all on one connection.
    assert_eq!(server.requests().len(), 8);
    assert_eq!(server.stats().connections, 1);
    assert_eq!(server.stats().errors, 7);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttles_beyond_max_concurrency() {
    let server = start(ServerConfig {
        latency: Duration::from_millis(400),
        max_concurrency: Some(1),
        ..ServerConfig::default()
    });
    let p = path(MODEL, "converse");
    let mut slow = RawClient::connect(&server).await;
    let mut fast = RawClient::connect(&server).await;
    let first = tokio::spawn(async move {
        slow.post(&path(MODEL, "converse"), &hello("slow"))
            .await
            .status
    });
    // Wait until the first request holds the only slot.
    for _ in 0..200 {
        if server.stats().in_flight == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let answer = fast.post(&p, &hello("fast")).await;
    assert_eq!(
        (answer.status, answer.error_code()),
        (429, "ThrottlingException")
    );
    assert_eq!(
        answer.json()["message"],
        "Too many requests, please wait before trying again."
    );
    assert_eq!(first.await.unwrap(), 200);

    let stats = server.stats();
    assert_eq!(
        (
            stats.throttled,
            stats.max_in_flight,
            stats.in_flight,
            stats.cancelled
        ),
        (1, 1, 0, 0)
    );
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn counts_cancelled_requests_and_connections() {
    let server = start(ServerConfig {
        latency: Duration::from_millis(500),
        ..ServerConfig::default()
    });
    let mut client = RawClient::connect(&server).await;
    let p = path(MODEL, "converse");
    let body = hello("bye").to_string();
    client.write_signed(&p, body.as_bytes()).await;
    for _ in 0..200 {
        if server.stats().in_flight == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert_eq!(server.stats().open_connections, 1);
    drop(client); // leaves before the answer
    for _ in 0..200 {
        if server.stats().cancelled == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let stats = server.stats();
    assert_eq!(
        (
            stats.cancelled,
            stats.in_flight,
            stats.open_connections,
            stats.connections
        ),
        (1, 0, 0, 1)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_closes_the_listener_and_connections() {
    let server = start(ServerConfig::default());
    let address = server.local_addr();
    let mut client = RawClient::connect(&server).await;
    assert_eq!(
        client
            .post(&path(MODEL, "converse"), &hello("x"))
            .await
            .status,
        200
    );
    assert_eq!(server.stats().open_connections, 1);

    server.shutdown();
    assert!(server.is_shut_down());
    assert_eq!(server.stats().open_connections, 0);
    // The kept-alive connection is closed...
    let mut rest = Vec::new();
    let n =
        tokio::time::timeout(Duration::from_secs(2), client.stream.read_to_end(&mut rest)).await;
    assert!(matches!(n, Ok(Ok(0)) | Ok(Err(_))), "{n:?}");
    // ...and nothing listens any more.
    assert!(TcpStream::connect(address).await.is_err());
    server.shutdown(); // idempotent
}

#[test]
fn starts_and_stops_outside_a_runtime() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let server = LocalServer::start(ServerConfig::default(), runtime.handle()).unwrap();
    let address = server.local_addr();
    assert_ne!(address.port(), 0);
    server.set_latency(Duration::from_millis(5));
    assert_eq!(server.latency(), Duration::from_millis(5));
    drop(server); // shuts down and waits
    assert!(std::net::TcpStream::connect(address).is_err());

    let taken = LocalServer::start(ServerConfig::default(), runtime.handle()).unwrap();
    let clash = ServerConfig {
        port: taken.local_addr().port(),
        ..ServerConfig::default()
    };
    assert!(LocalServer::start(clash, runtime.handle()).is_err());
    let zero = ServerConfig {
        max_concurrency: Some(0),
        ..ServerConfig::default()
    };
    assert!(LocalServer::start(zero, runtime.handle()).is_err());
}

#[test]
fn stopping_without_waiting_returns_while_the_runtime_is_busy() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    // Hold the only worker, as a log handler waiting for the GIL would: the server's
    // tasks cannot end until it is released.
    let (release, held) = std::sync::mpsc::channel::<()>();
    let (entered, busy) = std::sync::mpsc::channel::<()>();
    runtime.spawn(async move {
        entered.send(()).unwrap();
        let _ = held.recv();
    });
    busy.recv().unwrap();
    let server = LocalServer::start(ServerConfig::default(), runtime.handle()).unwrap();
    let started = std::time::Instant::now();
    server.stop_without_waiting();
    assert!(server.is_shut_down());
    drop(server); // neither call waits for the tasks
                  // A logical bound: `shutdown` would have waited its full 5 seconds.
    assert!(started.elapsed() < Duration::from_secs(5));
    release.send(()).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn raw_answers_and_resets_take_their_turn() {
    let server = start(ServerConfig::default());
    let html = bytes::Bytes::from_static(b"<html><body><h1>502 Bad Gateway</h1></body></html>");
    server
        .queue_raw(RawAnswer {
            status: 502,
            headers: vec![("content-type".into(), "text/html".into())],
            body: html.clone(),
        })
        .unwrap();
    server.queue_fault(ConnectionFault::Reset);
    let mut client = RawClient::connect(&server).await;
    let p = path(MODEL, "converse");
    let answer = client.post(&p, &hello("x")).await;
    assert_eq!(
        (answer.status, answer.body.as_slice()),
        (502, html.as_ref())
    );
    let names: Vec<&str> = answer.headers.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.len(), 3, "{names:?}"); // content-type, content-length, date
    assert!(answer.header("x-amzn-errortype").is_none());

    // Read, then closed with a reset: nothing of an answer arrives.
    client
        .write_signed(&p, hello("y").to_string().as_bytes())
        .await;
    let mut rest = Vec::new();
    let read = client.stream.read_to_end(&mut rest).await;
    assert_eq!(
        read.map_err(|e| e.kind()),
        Err(std::io::ErrorKind::ConnectionReset)
    );
    assert!(rest.is_empty());
    assert_eq!(server.stats().queued, 0);
}
