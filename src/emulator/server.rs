//! The listening server: configuration, the accept loop, connections and shutdown.

use std::collections::HashMap;
use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener as StdListener};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::runtime::{Handle, RuntimeFlavor};
use tokio::sync::watch;

use super::auth::AuthConfig;
use super::errors::{default_status, ServiceError};
use super::handler::{check_auth_config, handle};
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
}

impl Drop for LocalServer {
    fn drop(&mut self) {
        self.shutdown();
    }
}

async fn accept_loop(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut stopped: watch::Receiver<bool>,
    tasks: Arc<Tasks>,
    _guard: TaskGuard,
) {
    loop {
        let accepted = tokio::select! {
            _ = stopped.wait_for(|stop| *stop) => break,
            accepted = listener.accept() => accepted,
        };
        match accepted {
            Ok((stream, _peer)) => {
                let _ = stream.set_nodelay(true);
                let guard = TaskGuard::new(&tasks);
                tokio::spawn(serve_connection(
                    stream,
                    shared.clone(),
                    stopped.clone(),
                    guard,
                ));
            }
            Err(err) => {
                // Out of file descriptors and the like: wait rather than spin.
                log::warn!("LocalBedrock: accept failed: {err}");
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
    // The listener drops here, closing the socket.
}

async fn serve_connection(
    stream: tokio::net::TcpStream,
    shared: Arc<Shared>,
    mut stopped: watch::Receiver<bool>,
    _guard: TaskGuard,
) {
    let _open = shared.open_connection();
    let service = service_fn(move |request| handle(shared.clone(), request));
    let connection = http1::Builder::new()
        .keep_alive(true)
        .serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        result = connection => {
            if let Err(err) = result {
                log::debug!("LocalBedrock: connection ended: {err}");
            }
        }
        // Dropping the connection closes the socket and drops any request in flight.
        _ = stopped.wait_for(|stop| *stop) => {}
    }
}
