//! The listening server: configuration, the accept loop, connections and shutdown.

use std::collections::HashMap;
use std::fmt::Display;
use std::future::Future;
use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener as StdListener};
use std::pin::{pin, Pin};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use http::header::HOST;
use http::{HeaderValue, Request, Version};
use hyper::body::Incoming;
use hyper::server::conn::{http1, http2};
use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo};
use serde_json::Value;
use tokio::net::{TcpListener, TcpStream};
use tokio::runtime::{Handle, RuntimeFlavor};
use tokio::sync::watch;

use super::auth::AuthConfig;
use super::errors::{default_status, ServiceError};
use super::fault::{ConnectionFault, RawAnswer};
use super::fdlimit::{out_of_descriptors, raise_open_file_limit};
use super::handler::{check_auth_config, handle, ConnectionControl};
use super::state::{ModelSettings, RecordedRequest, Scripted, Shared, Stats};
use super::stream::ScriptedStream;

/// How long [`LocalServer::shutdown`] waits for its tasks to finish.
const SHUTDOWN_WAIT: Duration = Duration::from_secs(5);

/// How to run a [`LocalServer`].
#[derive(Clone, Debug)]
pub struct ServerConfig {
    /// The address to listen on (`127.0.0.1` by default).
    pub host: String,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// The region requests must be signed for.
    pub region: String,
    /// The access key id requests must be signed with.
    pub access_key_id: String,
    /// Its secret.
    pub secret_access_key: String,
    /// An API key accepted as `Authorization: Bearer <token>`, if any.
    pub bearer_token: Option<String>,
    /// The session token SigV4 requests must carry as `x-amz-security-token`, if any;
    /// without one, requests carrying a token are refused, as Bedrock refuses a token
    /// it does not know.
    pub session_token: Option<String>,
    /// The delay before each answer.
    pub latency: Duration,
    /// Requests answered at once; beyond it, `ThrottlingException` (429).
    pub max_concurrency: Option<usize>,
    /// Check requests against the model catalog (`ValidationException` for a feature the
    /// model lacks) and keep the echo model's replies within each model's output limit.
    pub catalog: bool,
    /// Per-model delays before each answer, by exact model id, instead of `latency`.
    pub model_latency: HashMap<String, Duration>,
    /// Per-model limits of requests at once, by exact model id; beyond it,
    /// `ThrottlingException` for that model only.
    pub model_max_concurrency: HashMap<String, usize>,
    /// How many of the latest requests the log keeps (the counters count every one), so
    /// that a long-running server does not grow without end.
    pub request_log_limit: usize,
}

/// The default of [`ServerConfig::request_log_limit`].
pub const DEFAULT_REQUEST_LOG_LIMIT: usize = 10_000;

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            host: "127.0.0.1".into(),
            port: 0,
            region: "us-east-1".into(),
            access_key_id: "testing".into(),
            secret_access_key: "testing".into(),
            bearer_token: None,
            session_token: None,
            latency: Duration::ZERO,
            max_concurrency: None,
            catalog: false,
            model_latency: HashMap::new(),
            model_max_concurrency: HashMap::new(),
            request_log_limit: DEFAULT_REQUEST_LOG_LIMIT,
        }
    }
}

/// Counts live server tasks so that shutdown can wait for all of them to end.
#[derive(Default)]
struct Tasks {
    live: Mutex<usize>,
    ended: Condvar,
}

/// One live task; dropped when the task ends (or when its runtime drops it).
struct TaskGuard(Arc<Tasks>);

impl TaskGuard {
    fn new(tasks: &Arc<Tasks>) -> Self {
        *tasks.live.lock().unwrap_or_else(|p| p.into_inner()) += 1;
        Self(tasks.clone())
    }
}

impl Drop for TaskGuard {
    fn drop(&mut self) {
        let mut live = self.0.live.lock().unwrap_or_else(|p| p.into_inner());
        *live -= 1;
        if *live == 0 {
            self.0.ended.notify_all();
        }
    }
}

impl Tasks {
    /// Waits until no task is live, or `limit` has passed; true if none is.
    fn wait_idle(&self, limit: Duration) -> bool {
        let live = self.live.lock().unwrap_or_else(|p| p.into_inner());
        let (live, _) = self
            .ended
            .wait_timeout_while(live, limit, |live| *live > 0)
            .unwrap_or_else(|p| p.into_inner());
        *live == 0
    }
}

/// LocalBedrock: a Bedrock Runtime server on a local port, running on a tokio runtime.
///
/// Dropping it shuts it down (see [`LocalServer::shutdown`]).
pub struct LocalServer {
    shared: Arc<Shared>,
    address: SocketAddr,
    stop: watch::Sender<bool>,
    tasks: Arc<Tasks>,
    /// Set by [`LocalServer::stop_without_waiting`]: dropping does not wait either.
    abandoned: AtomicBool,
}

impl LocalServer {
    /// Binds the listening socket now (so the port is known and taken on return) and
    /// serves on `runtime` until shut down.
    pub fn start(config: ServerConfig, runtime: &Handle) -> io::Result<Self> {
        let auth = AuthConfig {
            region: config.region,
            access_key_id: config.access_key_id,
            secret_access_key: config.secret_access_key,
            bearer_token: config.bearer_token,
            session_token: config.session_token,
        };
        check_auth_config(&auth).map_err(|msg| io::Error::new(io::ErrorKind::InvalidInput, msg))?;
        if config.max_concurrency == Some(0)
            || config.model_max_concurrency.values().any(|&n| n == 0)
        {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "max_concurrency must be at least 1",
            ));
        }
        raise_open_file_limit();
        let std_listener = StdListener::bind((config.host.as_str(), config.port))?;
        std_listener.set_nonblocking(true)?;
        let address = std_listener.local_addr()?;
        let listener = {
            let _entered = runtime.enter(); // from_std registers with this runtime's reactor
            TcpListener::from_std(std_listener)?
        };

        let models = ModelSettings {
            catalog: config.catalog,
            latency: config.model_latency,
            max_concurrency: config.model_max_concurrency,
        };
        let shared = Arc::new(Shared::new(
            auth,
            config.latency,
            config.max_concurrency,
            models,
            config.request_log_limit,
        ));
        let (stop, stopped) = watch::channel(false);
        let tasks = Arc::new(Tasks::default());
        let guard = TaskGuard::new(&tasks);
        runtime.spawn(accept_loop(
            listener,
            shared.clone(),
            stopped,
            tasks.clone(),
            guard,
        ));
        Ok(Self {
            shared,
            address,
            stop,
            tasks,
            abandoned: AtomicBool::new(false),
        })
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.address
    }

    /// `http://127.0.0.1:PORT` (a wildcard bind address is given as loopback).
    pub fn endpoint_url(&self) -> String {
        let ip = match self.address.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        match ip {
            IpAddr::V4(ip) => format!("http://{ip}:{}", self.address.port()),
            IpAddr::V6(ip) => format!("http://[{ip}]:{}", self.address.port()),
        }
    }

    /// The region requests must be signed for.
    pub fn region(&self) -> &str {
        &self.shared.auth.region
    }

    /// Queues a reply in the wire JSON layout (blobs base64), answered with 200 by the
    /// next model request.
    pub fn queue_reply(&self, reply: Value) {
        self.shared.push(Scripted::Reply(reply));
    }

    /// Queues an error answer for the next model request; `status` defaults from the
    /// code (see [`default_status`]).
    pub fn queue_error(&self, code: &str, message: &str, status: Option<u16>) {
        let status = status.unwrap_or_else(|| default_status(code));
        self.shared.push(Scripted::Error(ServiceError::with_status(
            code, message, status,
        )));
    }

    /// Queues an answer given byte for byte (see [`RawAnswer`]) for the next model
    /// request; refused, with the reason, when its status or headers are not allowed.
    pub fn queue_raw(&self, raw: RawAnswer) -> Result<(), String> {
        raw.check()?;
        self.shared.push(Scripted::Raw(raw));
        Ok(())
    }

    /// Queues a connection fault for the next model request (see [`ConnectionFault`]).
    pub fn queue_fault(&self, fault: ConnectionFault) {
        self.shared.push(Scripted::Fault(fault));
    }

    /// Queues a ConverseStream answer given event by event (see [`ScriptedStream`]);
    /// refused, with the reason, when an event is not an object with one key.
    pub fn queue_stream(&self, stream: ScriptedStream) -> Result<(), String> {
        stream.check()?;
        self.shared.push(Scripted::Stream(stream));
        Ok(())
    }

    /// Every request received, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.requests()
    }

    /// A snapshot of the counters.
    pub fn stats(&self) -> Stats {
        self.shared.stats()
    }

    /// The delay before each answer.
    pub fn latency(&self) -> Duration {
        self.shared.latency()
    }

    /// Changes the delay before each answer.
    pub fn set_latency(&self, latency: Duration) {
        self.shared.set_latency(latency);
    }

    /// Whether requests are checked against the model catalog.
    pub fn catalog(&self) -> bool {
        self.shared.catalog.is_some()
    }

    /// The per-model delays.
    pub fn model_latency(&self) -> HashMap<String, Duration> {
        self.shared.model_latency().clone()
    }

    /// The per-model concurrency limits.
    pub fn model_max_concurrency(&self) -> HashMap<String, usize> {
        self.shared.model_max_concurrency().clone()
    }

    /// The concurrency limit, if any.
    pub fn max_concurrency(&self) -> Option<usize> {
        self.shared.max_concurrency()
    }

    /// Changes the concurrency limit (`None`: unlimited).
    pub fn set_max_concurrency(&self, limit: Option<usize>) {
        self.shared.set_max_concurrency(limit);
    }

    /// Empties the queue and the request log and zeroes the counters.
    pub fn reset(&self) {
        self.shared.reset();
    }

    /// Whether [`LocalServer::shutdown`] has been called.
    pub fn is_shut_down(&self) -> bool {
        *self.stop.borrow()
    }

    /// Stops accepting, closes every connection (requests in flight are cut off) and
    /// waits, up to 5 seconds, until the listening socket and all connections are
    /// closed. Idempotent. Called from a task of a current-thread runtime it cannot wait
    /// (the tasks need that thread), so there it only signals.
    pub fn shutdown(&self) {
        self.stop.send_replace(true);
        match Handle::try_current().map(|h| h.runtime_flavor()) {
            Err(_) => {
                self.tasks.wait_idle(SHUTDOWN_WAIT);
            }
            Ok(RuntimeFlavor::MultiThread) => {
                tokio::task::block_in_place(|| self.tasks.wait_idle(SHUTDOWN_WAIT));
            }
            Ok(_) => {}
        }
    }

    /// Stops accepting and closes every connection, as [`LocalServer::shutdown`] does,
    /// but returns at once: the tasks end on the runtime by themselves. Dropping the
    /// server afterwards does not wait either. For callers that must not block, such as
    /// a garbage collector holding a lock.
    pub fn stop_without_waiting(&self) {
        self.abandoned.store(true, Ordering::Relaxed);
        self.stop.send_replace(true);
    }
}

impl Drop for LocalServer {
    fn drop(&mut self) {
        if self.abandoned.load(Ordering::Relaxed) {
            self.stop.send_replace(true);
        } else {
            self.shutdown();
        }
    }
}

/// The first pause after a failed accept; it doubles on each failure in a row.
const ACCEPT_BACKOFF_FIRST: Duration = Duration::from_millis(5);
/// The longest pause after a failed accept.
const ACCEPT_BACKOFF_MOST: Duration = Duration::from_millis(200);
/// At most one warning about failed accepts per this long: under descriptor pressure,
/// accepts fail and succeed by turns, thousands of times.
const ACCEPT_WARNING_EVERY: Duration = Duration::from_secs(10);

async fn accept_loop(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut stopped: watch::Receiver<bool>,
    tasks: Arc<Tasks>,
    _guard: TaskGuard,
) {
    // Bumped when descriptors run out: connections that have served a request then
    // close (idle ones at once, busy ones after their answer, sent with
    // `connection: close`), so that the descriptors come back and queued connections
    // get accepted.
    let (pressure, _) = watch::channel(0u64);
    let mut failures = 0u64;
    let mut backoff = ACCEPT_BACKOFF_FIRST;
    let mut last_warning: Option<Instant> = None;
    let mut unreported = 0u64;
    loop {
        let accepted = tokio::select! {
            _ = stopped.wait_for(|stop| *stop) => break,
            accepted = listener.accept() => accepted,
        };
        match accepted {
            Ok((stream, _peer)) => {
                if failures > 0 {
                    log::debug!(
                        "LocalBedrock: accepting connections again, after {failures} failed accepts"
                    );
                    failures = 0;
                    backoff = ACCEPT_BACKOFF_FIRST;
                }
                let _ = stream.set_nodelay(true);
                let guard = TaskGuard::new(&tasks);
                tokio::spawn(serve_connection(
                    stream,
                    shared.clone(),
                    stopped.clone(),
                    pressure.subscribe(),
                    guard,
                ));
            }
            Err(err) => {
                let starved = out_of_descriptors(&err);
                if last_warning.is_none_or(|at| at.elapsed() >= ACCEPT_WARNING_EVERY) {
                    log::warn!(
                        "LocalBedrock: accept failed: {err}{}{}",
                        if starved {
                            "; closing idle connections to free descriptors \
                             (raise the open-file limit, `ulimit -n`, to avoid this)"
                        } else {
                            ""
                        },
                        if unreported > 0 {
                            format!(" ({unreported} more failed since the last warning)")
                        } else {
                            String::new()
                        }
                    );
                    last_warning = Some(Instant::now());
                    unreported = 0;
                } else {
                    unreported += 1;
                }
                failures += 1;
                if starved {
                    pressure.send_modify(|generation| *generation += 1);
                }
                // Wait rather than spin, and give the closing connections time to go.
                tokio::select! {
                    _ = stopped.wait_for(|stop| *stop) => break,
                    () = tokio::time::sleep(backoff) => {}
                }
                backoff = (backoff * 2).min(ACCEPT_BACKOFF_MOST);
            }
        }
    }
    // The listener drops here, closing the socket.
}

/// What an HTTP/2 client with prior knowledge (h2c) opens its connection with
/// (RFC 9113, section 3.4).
const HTTP2_PREFACE: &[u8] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
/// How long to wait before looking again at a connection that has sent part of the
/// preface only (peeking again at the same bytes returns at once).
const PREFACE_RECHECK: Duration = Duration::from_millis(5);
/// How long a connection may take to finish a preface it has begun; after that it is
/// served as HTTP/1.1 (which refuses it).
const PREFACE_WAIT: Duration = Duration::from_secs(10);

/// Whether the client opens with HTTP/2's preface, looked at without reading it off the
/// socket. Decided by the first byte that differs: an HTTP/1.1 request line never starts
/// `PRI * HTTP/2.0`, so an HTTP/1.1 request is told apart by its first bytes, at once.
async fn opens_with_http2_preface(stream: &TcpStream) -> bool {
    let mut seen = [0u8; HTTP2_PREFACE.len()];
    let began = Instant::now();
    loop {
        let Ok(len) = stream.peek(&mut seen).await else {
            return false; // HTTP/1.1 meets the same error and ends the connection
        };
        if len == 0 || seen[..len] != HTTP2_PREFACE[..len] {
            return false;
        }
        if len == HTTP2_PREFACE.len() {
            return true;
        }
        if began.elapsed() >= PREFACE_WAIT {
            return false;
        }
        tokio::time::sleep(PREFACE_RECHECK).await;
    }
}

/// Gives an HTTP/2 request the `host` header HTTP/1.1 would carry: HTTP/2 sends the host
/// as the `:authority` pseudo-header, which hyper keeps in the URI, and a SigV4
/// signature covers the host (the check reads it from the headers).
fn host_from_authority(request: &mut Request<Incoming>) {
    if request.headers().contains_key(HOST) {
        return;
    }
    let authority = request.uri().authority().map(|a| a.as_str());
    if let Some(host) = authority.and_then(|a| HeaderValue::from_str(a).ok()) {
        request.headers_mut().insert(HOST, host);
    }
}

/// Serves one accepted connection, HTTP/1.1 or HTTP/2 with prior knowledge (h2c), as
/// its first bytes say.
async fn serve_connection(
    stream: TcpStream,
    shared: Arc<Shared>,
    mut stopped: watch::Receiver<bool>,
    mut pressure: watch::Receiver<u64>,
    _guard: TaskGuard,
) {
    let _open = shared.open_connection();
    let http2 = tokio::select! {
        _ = stopped.wait_for(|stop| *stop) => return,
        http2 = opens_with_http2_preface(&stream) => http2,
    };
    let control = Arc::new(ConnectionControl::default());
    let handler_control = control.clone();
    let service = service_fn(move |mut request: Request<Incoming>| {
        handler_control.serving();
        if request.version() == Version::HTTP_2 {
            host_from_authority(&mut request);
        }
        handle(shared.clone(), handler_control.clone(), request)
    });
    if http2 {
        let connection = pin!(http2::Builder::new(TokioExecutor::new())
            .serve_connection(TokioIo::new(stream), service));
        // A scripted reset closes the connection (dropped here), failing every stream
        // on it: the client sees the answer broken off, as over HTTP/1.1.
        serve_until_closed(
            connection,
            |connection| connection.graceful_shutdown(),
            &control,
            &mut stopped,
            &mut pressure,
        )
        .await;
        return;
    }
    let mut connection = http1::Builder::new()
        .keep_alive(true)
        .serve_connection(TokioIo::new(stream), service);
    let reset = serve_until_closed(
        Pin::new(&mut connection),
        |connection| connection.graceful_shutdown(),
        &control,
        &mut stopped,
        &mut pressure,
    )
    .await;
    if reset {
        // A scripted reset: close with RST (SO_LINGER 0), so the client reads ECONNRESET.
        let stream = connection.into_parts().io.into_inner();
        if let Err(err) = stream.set_zero_linger() {
            log::debug!("LocalBedrock: SO_LINGER failed: {err}");
        }
    }
}

/// Drives a connection until it ends, the server stops (the caller then drops it, which
/// closes the socket and drops any request in flight) or a scripted reset is asked for
/// (true). Under descriptor pressure, a connection that has served a request is shut
/// down gracefully.
async fn serve_until_closed<C, E>(
    mut connection: Pin<&mut C>,
    graceful_shutdown: impl Fn(Pin<&mut C>),
    control: &ConnectionControl,
    stopped: &mut watch::Receiver<bool>,
    pressure: &mut watch::Receiver<u64>,
) -> bool
where
    C: Future<Output = Result<(), E>>,
    E: Display,
{
    let mut closing = false;
    loop {
        tokio::select! {
            result = connection.as_mut() => {
                if let Err(err) = result {
                    log::debug!("LocalBedrock: connection ended: {err}");
                }
                return false;
            }
            _ = stopped.wait_for(|stop| *stop) => return false,
            () = control.reset_requested() => return true,
            Ok(()) = pressure.changed(), if !closing => {
                if control.has_served() {
                    graceful_shutdown(connection.as_mut());
                    closing = true;
                }
            }
        }
    }
}
