//! The server's shared state: scripted outcomes, the request log, counters and settings.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use bytes::Bytes;
use serde_json::Value;

use super::auth::AuthConfig;
use super::body::AnswerGuard;
use super::errors::ServiceError;
use super::fault::{ConnectionFault, RawAnswer};
use super::stream::ScriptedStream;
use crate::catalog::Catalog;

/// One request as the server received it, refused ones included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedRequest {
    /// The method, such as `POST`.
    pub method: String,
    /// The path and query exactly as they arrived (percent-encoded).
    pub path: String,
    /// The protocol it came over: `"HTTP/1.1"` or `"HTTP/2"`.
    pub http_version: &'static str,
    /// The headers in arrival order, names in lower case.
    pub headers: Vec<(String, String)>,
    /// The raw body.
    pub body: Bytes,
}

impl RecordedRequest {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body parsed as JSON, if it is JSON.
    pub fn json(&self) -> Option<Value> {
        super::json::parse(&self.body).ok()
    }
}

/// A scripted outcome, taken by the next model request in FIFO order.
#[derive(Clone, Debug, PartialEq)]
pub enum Scripted {
    /// A reply in the wire JSON layout (blobs base64), answered with 200.
    Reply(Value),
    /// An error answer.
    Error(ServiceError),
    /// A ConverseStream answer, event by event.
    Stream(ScriptedStream),
    /// An answer given byte for byte (any status, headers and body).
    Raw(RawAnswer),
    /// A fault of the connection on the way to the echo model's answer.
    Fault(ConnectionFault),
}

/// Counters, as a snapshot.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Requests received (every one, refused ones included).
    pub requests: u64,
    /// Requests being answered now (past authentication, before their answer was sent).
    pub in_flight: u64,
    /// The most requests that were ever in flight at once.
    pub max_in_flight: u64,
    /// Requests refused with `ThrottlingException` because of `max_concurrency`.
    pub throttled: u64,
    /// Requests whose connection closed before their answer was written.
    pub cancelled: u64,
    /// Answers with an error status (4xx and 5xx), scripted ones included.
    pub errors: u64,
    /// Connections accepted.
    pub connections: u64,
    /// Connections open now.
    pub open_connections: u64,
    /// Scripted outcomes still waiting in the queue.
    pub queued: u64,
}

#[derive(Default)]
struct Counters {
    requests: AtomicU64,
    in_flight: AtomicU64,
    max_in_flight: AtomicU64,
    throttled: AtomicU64,
    cancelled: AtomicU64,
    errors: AtomicU64,
    connections: AtomicU64,
    open_connections: AtomicU64,
}

/// State shared by the handle and every connection task.
pub struct Shared {
    /// Who may call.
    pub auth: AuthConfig,
    latency_nanos: AtomicU64,
    /// 0 means no limit.
    max_concurrency: AtomicUsize,
    queue: Mutex<VecDeque<Scripted>>,
    /// The latest requests, at most `log_limit` of them.
    log: Mutex<VecDeque<RecordedRequest>>,
    log_limit: usize,
    counters: Counters,
    /// The model catalog, when requests are checked against it.
    pub catalog: Option<&'static Catalog>,
    /// Per-model delays before each answer, instead of `latency` (exact model ids).
    model_latency: HashMap<String, Duration>,
    /// Per-model limits of requests at once (exact model ids), as Bedrock's quotas are.
    model_max_concurrency: HashMap<String, usize>,
    model_in_flight: Mutex<HashMap<String, usize>>,
}

/// Per-model settings of a server (see [`super::ServerConfig`]).
#[derive(Clone, Debug, Default)]
pub struct ModelSettings {
    /// Check requests against the catalog and cap the echo model's replies.
    pub catalog: bool,
    /// Per-model delays before each answer.
    pub latency: HashMap<String, Duration>,
    /// Per-model concurrency limits.
    pub max_concurrency: HashMap<String, usize>,
}

/// Locks a mutex, carrying on past a panic elsewhere: the data stays consistent
/// because every critical section is a single push, pop or clone.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn nanos(duration: Duration) -> u64 {
    u64::try_from(duration.as_nanos()).unwrap_or(u64::MAX)
}

impl Shared {
    /// Fresh state.
    pub fn new(
        auth: AuthConfig,
        latency: Duration,
        max_concurrency: Option<usize>,
        models: ModelSettings,
        log_limit: usize,
    ) -> Self {
        Self {
            auth,
            latency_nanos: AtomicU64::new(nanos(latency)),
            max_concurrency: AtomicUsize::new(max_concurrency.unwrap_or(0)),
            queue: Mutex::default(),
            log: Mutex::default(),
            log_limit,
            counters: Counters::default(),
            catalog: models.catalog.then(Catalog::builtin),
            model_latency: models.latency,
            model_max_concurrency: models.max_concurrency,
            model_in_flight: Mutex::default(),
        }
    }

    /// The delay before each answer for `model_id`: its own, or the server's.
    pub fn latency_for(&self, model_id: &str) -> Duration {
        self.model_latency
            .get(model_id)
            .copied()
            .unwrap_or_else(|| self.latency())
    }

    /// The per-model delays.
    pub fn model_latency(&self) -> &HashMap<String, Duration> {
        &self.model_latency
    }

    /// The per-model concurrency limits.
    pub fn model_max_concurrency(&self) -> &HashMap<String, usize> {
        &self.model_max_concurrency
    }

    /// The delay before each answer.
    pub fn latency(&self) -> Duration {
        Duration::from_nanos(self.latency_nanos.load(Ordering::Relaxed))
    }

    /// Changes the delay before each answer, for requests that arrive from now on.
    pub fn set_latency(&self, latency: Duration) {
        self.latency_nanos.store(nanos(latency), Ordering::Relaxed);
    }

    /// The most requests answered at once, if limited.
    pub fn max_concurrency(&self) -> Option<usize> {
        match self.max_concurrency.load(Ordering::Relaxed) {
            0 => None,
            n => Some(n),
        }
    }

    /// Changes the concurrency limit (`None`: no limit).
    pub fn set_max_concurrency(&self, limit: Option<usize>) {
        self.max_concurrency
            .store(limit.unwrap_or(0), Ordering::Relaxed);
    }

    /// Adds a scripted outcome at the back of the queue.
    pub fn push(&self, item: Scripted) {
        lock(&self.queue).push_back(item);
    }

    /// Takes the scripted outcome at the front of the queue.
    pub fn pop(&self) -> Option<Scripted> {
        lock(&self.queue).pop_front()
    }

    /// Appends a request to the log, dropping the oldest beyond the limit.
    pub fn record(&self, request: RecordedRequest) {
        self.counters.requests.fetch_add(1, Ordering::Relaxed);
        if self.log_limit == 0 {
            return;
        }
        let mut log = lock(&self.log);
        if log.len() == self.log_limit {
            log.pop_front();
        }
        log.push_back(request);
    }

    /// The log, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.log).iter().cloned().collect()
    }

    /// Counts an error answer.
    pub fn count_error(&self) {
        self.counters.errors.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts a connection, open until the returned guard drops.
    pub fn open_connection(self: &Arc<Self>) -> ConnectionGuard {
        self.counters.connections.fetch_add(1, Ordering::Relaxed);
        self.counters
            .open_connections
            .fetch_add(1, Ordering::Relaxed);
        ConnectionGuard {
            shared: self.clone(),
        }
    }

    /// Takes a slot for a request to `model_id`, or `None` (counted as throttled) when
    /// `max_concurrency` requests are already in flight, or that model's own limit.
    pub fn try_begin(self: &Arc<Self>, model_id: &str) -> Option<InFlight> {
        let model = match self.model_max_concurrency.get(model_id) {
            None => None,
            Some(&limit) => {
                let mut in_flight = lock(&self.model_in_flight);
                let count = in_flight.entry(model_id.to_owned()).or_insert(0);
                if *count >= limit {
                    self.counters.throttled.fetch_add(1, Ordering::Relaxed);
                    return None;
                }
                *count += 1;
                Some(model_id.to_owned())
            }
        };
        let before = self.counters.in_flight.fetch_add(1, Ordering::SeqCst);
        if let Some(limit) = self.max_concurrency() {
            if before >= limit as u64 {
                self.counters.in_flight.fetch_sub(1, Ordering::SeqCst);
                self.counters.throttled.fetch_add(1, Ordering::Relaxed);
                if let Some(model) = &model {
                    self.end_model(model);
                }
                return None;
            }
        }
        self.counters
            .max_in_flight
            .fetch_max(before + 1, Ordering::Relaxed);
        Some(InFlight {
            shared: self.clone(),
            answered: AtomicBool::new(false),
            model,
        })
    }

    fn end_model(&self, model_id: &str) {
        if let Some(count) = lock(&self.model_in_flight).get_mut(model_id) {
            *count = count.saturating_sub(1);
        }
    }

    /// A snapshot of the counters.
    pub fn stats(&self) -> Stats {
        let c = &self.counters;
        let get = |a: &AtomicU64| a.load(Ordering::Relaxed);
        Stats {
            requests: get(&c.requests),
            in_flight: get(&c.in_flight),
            max_in_flight: get(&c.max_in_flight),
            throttled: get(&c.throttled),
            cancelled: get(&c.cancelled),
            errors: get(&c.errors),
            connections: get(&c.connections),
            open_connections: get(&c.open_connections),
            queued: lock(&self.queue).len() as u64,
        }
    }

    /// Empties the queue and the log and zeroes the counters; what is live now (requests
    /// in flight, open connections) stays counted.
    pub fn reset(&self) {
        lock(&self.queue).clear();
        lock(&self.log).clear();
        let c = &self.counters;
        for counter in [
            &c.requests,
            &c.throttled,
            &c.cancelled,
            &c.errors,
            &c.connections,
        ] {
            counter.store(0, Ordering::Relaxed);
        }
        c.max_in_flight
            .store(c.in_flight.load(Ordering::Relaxed), Ordering::Relaxed);
    }
}

/// A request in flight: counted until dropped; counted as cancelled if dropped before
/// [`AnswerGuard::answered`] (hyper drops the handler, or the body, when the client leaves).
pub struct InFlight {
    shared: Arc<Shared>,
    answered: AtomicBool,
    /// The model whose own limit this request counts against, if it has one.
    model: Option<String>,
}

impl AnswerGuard for InFlight {
    fn answered(&self) {
        self.answered.store(true, Ordering::Relaxed);
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let c = &self.shared.counters;
        c.in_flight.fetch_sub(1, Ordering::SeqCst);
        if let Some(model) = &self.model {
            self.shared.end_model(model);
        }
        if !self.answered.load(Ordering::Relaxed) {
            c.cancelled.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// An open connection, counted until dropped.
pub struct ConnectionGuard {
    shared: Arc<Shared>,
}

impl Drop for ConnectionGuard {
    fn drop(&mut self) {
        self.shared
            .counters
            .open_connections
            .fetch_sub(1, Ordering::Relaxed);
    }
}
