//! HTTP/2 with prior knowledge (h2c) for `http://` endpoints, in the SDK's HttpClient seam.
//!
//! Over `https://` the SDK's own client already offers HTTP/2 by ALPN and uses it whenever
//! the server picks it. A cleartext endpoint has no ALPN: a client must know beforehand
//! that the server speaks HTTP/2 (LocalBedrock does, beside HTTP/1.1 on the same port, and
//! so do h2c sidecars and proxies). This client sends every request as HTTP/2, many
//! multiplexed on each connection, through hyper: no protocol code of ours.
//! Its failures are mapped as the SDK's own client maps hyper's, so that the SDK's retry
//! classification treats them alike.

use std::error::Error as StdError;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::retry::ErrorKind;
use bytes::Bytes;
use hyper::body::Incoming;
use hyper_util::client::legacy::connect::HttpConnector as TcpConnector;
use hyper_util::client::legacy::Client as PooledClient;
use hyper_util::rt::{TokioExecutor, TokioTimer};

use super::guard::find_in_chain;

/// How long an idle pooled connection is kept open (the SDK's client keeps its own 90 s).
const IDLE_TIMEOUT: Duration = Duration::from_secs(90);
/// Ping an HTTP/2 connection this often while requests are in flight, so that a peer that
/// vanished without a FIN is noticed even when the caller's read timeout is an hour.
const KEEP_ALIVE_INTERVAL: Duration = Duration::from_secs(30);
/// How long a keep-alive ping may go unanswered before the connection is closed.
const KEEP_ALIVE_TIMEOUT: Duration = Duration::from_secs(20);

/// Streams one connection carries before the next call opens another. Servers cap the
/// streams of a connection (SETTINGS_MAX_CONCURRENT_STREAMS: commonly 100 to 250, hyper's
/// 200) and hyper's pool keeps one connection per origin, so that beyond the cap calls
/// would queue behind each other instead of being in flight.
const STREAMS_PER_CONNECTION: usize = 100;

/// An HTTP/2-only client for cleartext endpoints (`ClientConfig::http2`): calls are
/// multiplexed on a connection until it carries `STREAMS_PER_CONNECTION`, then spread
/// over more, each new call on the least busy.
#[derive(Clone, Debug)]
pub struct H2cClient {
    lanes: Arc<Mutex<Vec<Lane>>>,
    connect_timeout: Duration,
    read_timeout: Duration,
}

/// One connection's client (hyper's pool, which holds a single HTTP/2 connection per
/// origin and reopens it when it closes) and the calls it carries now.
#[derive(Clone, Debug)]
struct Lane {
    client: PooledClient<TcpConnector, SdkBody>,
    in_flight: Arc<AtomicUsize>,
}

impl Lane {
    fn new(connect_timeout: Duration) -> Self {
        let mut tcp = TcpConnector::new();
        tcp.set_nodelay(true);
        tcp.set_connect_timeout(Some(connect_timeout));
        let client = PooledClient::builder(TokioExecutor::new())
            .http2_only(true)
            .pool_timer(TokioTimer::new())
            .timer(TokioTimer::new())
            .pool_idle_timeout(IDLE_TIMEOUT)
            .http2_keep_alive_interval(KEEP_ALIVE_INTERVAL)
            .http2_keep_alive_timeout(KEEP_ALIVE_TIMEOUT)
            .build(tcp);
        Self {
            client,
            in_flight: Arc::default(),
        }
    }
}

impl H2cClient {
    /// A client whose connections open within `connect_timeout` and whose responses'
    /// heads arrive within `read_timeout` (later waits are the response guard's).
    pub fn new(connect_timeout: Duration, read_timeout: Duration) -> Self {
        Self {
            lanes: Arc::default(),
            connect_timeout,
            read_timeout,
        }
    }

    /// The least busy connection's client, or a new one when every one is full; the
    /// returned count is the call's until its response body is done with.
    fn lane(&self) -> (PooledClient<TcpConnector, SdkBody>, InFlight) {
        let mut lanes = self.lanes.lock().unwrap_or_else(|e| e.into_inner());
        let least_busy = lanes
            .iter()
            .min_by_key(|lane| lane.in_flight.load(Ordering::Relaxed))
            .filter(|lane| lane.in_flight.load(Ordering::Relaxed) < STREAMS_PER_CONNECTION)
            .cloned();
        let lane = least_busy.unwrap_or_else(|| {
            let lane = Lane::new(self.connect_timeout);
            lanes.push(lane.clone());
            lane
        });
        lane.in_flight.fetch_add(1, Ordering::Relaxed);
        (lane.client, InFlight(lane.in_flight))
    }
}

/// A call counted on its connection, until dropped.
#[derive(Debug)]
struct InFlight(Arc<AtomicUsize>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// A response body that keeps its call counted on the connection while it is read.
struct CountedBody {
    body: Incoming,
    _call: InFlight,
}

impl http_body::Body for CountedBody {
    type Data = Bytes;
    type Error = hyper::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, hyper::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}

impl HttpConnector for H2cClient {
    fn call(&self, request: aws_smithy_runtime_api::http::Request) -> HttpConnectorFuture {
        let mut request = match request.try_into_http1x() {
            Ok(request) => request,
            Err(err) => return HttpConnectorFuture::ready(Err(ConnectorError::user(err.into()))),
        };
        *request.version_mut() = http::Version::HTTP_2;
        let (client, call) = self.lane();
        let sent = client.request(request);
        let limit = self.read_timeout;
        HttpConnectorFuture::new(async move {
            let response = tokio::time::timeout(limit, sent)
                .await
                .map_err(|elapsed| ConnectorError::timeout(elapsed.into()))?
                .map_err(connector_error)?;
            let response =
                response.map(|body| SdkBody::from_body_1_x(CountedBody { body, _call: call }));
            HttpResponse::try_from(response).map_err(|err| ConnectorError::other(err.into(), None))
        })
    }
}

impl HttpClient for H2cClient {
    fn http_connector(
        &self,
        _: &HttpConnectorSettings,
        _: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(self.clone())
    }
}

/// Classifies a failed request as the SDK's own client would: a connection that could not
/// be opened, was closed or refused the stream is I/O (retried), a timeout is a timeout,
/// a malformed request is the caller's.
fn connector_error(err: hyper_util::client::legacy::Error) -> ConnectorError {
    let kind = classify(&err);
    let err: Box<dyn StdError + Send + Sync> = err.into();
    match kind {
        Failure::Io => ConnectorError::io(err),
        Failure::Timeout => ConnectorError::timeout(err),
        Failure::User => ConnectorError::user(err),
        Failure::Transient => ConnectorError::other(err, Some(ErrorKind::TransientError)),
        Failure::Other => ConnectorError::other(err, None),
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Failure {
    Io,
    Timeout,
    User,
    Transient,
    Other,
}

fn classify(err: &hyper_util::client::legacy::Error) -> Failure {
    if err.is_connect() {
        return Failure::Io;
    }
    let Some(hyper_err) = find_in_chain::<hyper::Error>(err) else {
        return if find_in_chain::<std::io::Error>(err).is_some() {
            Failure::Io
        } else {
            Failure::Other
        };
    };
    if hyper_err.is_timeout() {
        Failure::Timeout
    } else if hyper_err.is_user() {
        Failure::User
    } else if hyper_err.is_closed()
        || hyper_err.is_canceled()
        || find_in_chain::<std::io::Error>(hyper_err).is_some()
    {
        Failure::Io
    } else if hyper_err.is_incomplete_message() {
        Failure::Transient
    } else if find_in_chain::<h2::Error>(hyper_err).is_some_and(|h2_err| {
        // The server refused the stream before reading it, or is going away: the request
        // was not processed and can be sent again.
        h2_err.is_go_away() || h2_err.reason() == Some(h2::Reason::REFUSED_STREAM)
    }) {
        Failure::Io
    } else {
        Failure::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_fill_a_connection_before_opening_the_next() {
        let client = H2cClient::new(Duration::from_secs(5), Duration::from_secs(5));
        let first: Vec<_> = (0..STREAMS_PER_CONNECTION)
            .map(|_| client.lane().1)
            .collect();
        assert_eq!(client.lanes.lock().unwrap().len(), 1);
        let overflow = client.lane().1;
        assert_eq!(client.lanes.lock().unwrap().len(), 2);
        // Calls done free their connection's room: the next call goes to the least busy.
        drop(first);
        let next = client.lane().1;
        assert!(Arc::ptr_eq(
            &next.0,
            &client.lanes.lock().unwrap()[0].in_flight
        ));
        drop((overflow, next));
        assert!(client
            .lanes
            .lock()
            .unwrap()
            .iter()
            .all(|lane| lane.in_flight.load(Ordering::Relaxed) == 0));
    }

    #[tokio::test]
    async fn a_refused_connection_is_io() {
        // Bind then drop a listener: its port refuses connections.
        let port = {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            listener.local_addr().unwrap().port()
        };
        let client = H2cClient::new(Duration::from_secs(5), Duration::from_secs(5));
        let request = http::Request::post(format!("http://127.0.0.1:{port}/"))
            .body(SdkBody::empty())
            .unwrap();
        let (lane, _call) = client.lane();
        let err = lane.request(request).await.unwrap_err();
        assert_eq!(classify(&err), Failure::Io);
        assert!(connector_error(err).is_io());
    }
}
