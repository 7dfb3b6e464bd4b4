//! converse_many's scheduler: bounded, per-model adaptive (AIMD) concurrency with retries.
//!
//! Items arrive on a bounded channel (read lazily from the caller's iterable), run with
//! at most `concurrency` requests in flight overall, and at most each model's current
//! limit in flight for that model. A congestion error (throttling, unavailable, not
//! ready, timeout) cuts that model's limit to 70%, once per window of requests sent at the
//! old limit, and the item is retried after a jittered backoff; each success counts
//! toward raising the limit by one (additive increase). Every item ends as exactly one
//! outcome on the output channel: nothing is lost, nothing is duplicated.

use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tokio::sync::{mpsc, Notify, Semaphore};
use tokio::task::JoinSet;

use super::client::{Client, Response};
use super::error::CoreError;
use crate::wire::encode::Encoded;
use crate::wire::Value;

/// How a run behaves; `Default` gives the values the Python API documents.
#[derive(Clone, Debug)]
pub struct ManyConfig {
    /// Most requests in flight at once, over all models.
    pub concurrency: usize,
    /// Retries per item after the first attempt, for retryable errors.
    pub max_retries: u32,
    /// First backoff; doubled per retry, with full jitter.
    pub base_backoff: Duration,
    /// Longest backoff.
    pub max_backoff: Duration,
    /// A fault for tests only: the scheduler panics once it has admitted this many items.
    /// Nothing public sets it; the bindings' private `_fail_next_many_run` does.
    pub panic_after: Option<usize>,
    /// Whether each outcome carries its attempts' times and errors (for tracing); off,
    /// a run reads no clock for it and keeps nothing.
    pub record_attempts: bool,
}

/// The most requests a run may keep in flight (beyond it, descriptors run out long before).
pub const MAX_CONCURRENCY: usize = 100_000;
/// The most retries per item a run may make.
pub const MAX_RETRIES: u32 = 1_000;

impl ManyConfig {
    /// Checks the limits a caller gave: each within its range, or a message naming it.
    pub fn validate(&self) -> Result<(), String> {
        if !(1..=MAX_CONCURRENCY).contains(&self.concurrency) {
            return Err(format!(
                "concurrency must be between 1 and {MAX_CONCURRENCY}, got {}",
                self.concurrency
            ));
        }
        if self.max_retries > MAX_RETRIES {
            return Err(format!(
                "max_retries must be between 0 and {MAX_RETRIES}, got {}",
                self.max_retries
            ));
        }
        Ok(())
    }
}

impl Default for ManyConfig {
    fn default() -> Self {
        Self {
            concurrency: 16,
            max_retries: 8,
            base_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(20),
            panic_after: None,
            record_attempts: false,
        }
    }
}

/// One request of the run, with its position in the input.
#[derive(Debug)]
pub struct Item {
    /// Position in the caller's input.
    pub index: usize,
    /// The request, or why it could not be read (reported in its slot, never sent).
    pub request: Result<Encoded, CoreError>,
}

/// What became of one item.
#[derive(Debug)]
pub struct Outcome {
    /// Position in the caller's input.
    pub index: usize,
    /// The response, or the error after the last attempt.
    pub result: Result<Response<Value>, CoreError>,
    /// Attempts made (0 for a request that could not be read).
    pub attempts: u32,
    /// Each attempt's times and error, oldest first: empty unless the run records them.
    pub attempt_log: Vec<Attempt>,
}

/// One attempt of an item, as a tracer needs it to draw the attempt's span afterwards.
#[derive(Clone, Debug, PartialEq)]
pub struct Attempt {
    /// When the request was sent, in nanoseconds since the Unix epoch.
    pub start_ns: u64,
    /// When its answer (or failure) came, in nanoseconds since the Unix epoch.
    pub end_ns: u64,
    /// Why the attempt failed (None: it succeeded, and the outcome is its response).
    pub error: Option<CoreError>,
}

/// Now, in nanoseconds since the Unix epoch (what OpenTelemetry's span times are).
fn epoch_ns() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_nanos() as u64)
}

/// Counters of a run, readable while it goes (progress) and after (summary).
#[derive(Debug)]
pub struct ManyStats {
    started: Instant,
    /// Items read from the input.
    pub submitted: AtomicU64,
    /// Items that succeeded.
    pub succeeded: AtomicU64,
    /// Items that failed for good.
    pub failed: AtomicU64,
    /// Retries made (attempts beyond each item's first).
    pub retried: AtomicU64,
    /// Congestion errors seen (throttling and its kin), retried or not.
    pub throttled: AtomicU64,
    /// Requests in flight now.
    pub in_flight: AtomicU64,
    /// Input tokens over the successful responses.
    pub input_tokens: AtomicU64,
    /// Output tokens over the successful responses.
    pub output_tokens: AtomicU64,
    limits: Mutex<HashMap<String, usize>>,
}

/// A copy of the counters at one moment.
#[derive(Clone, Debug, PartialEq)]
pub struct StatsSnapshot {
    /// Items read from the input.
    pub submitted: u64,
    /// Items that succeeded.
    pub succeeded: u64,
    /// Items that failed for good.
    pub failed: u64,
    /// Retries made.
    pub retried: u64,
    /// Congestion errors seen.
    pub throttled: u64,
    /// Requests in flight.
    pub in_flight: u64,
    /// Input tokens of the successful responses.
    pub input_tokens: u64,
    /// Output tokens of the successful responses.
    pub output_tokens: u64,
    /// Seconds since the run started.
    pub elapsed: f64,
    /// Each model's in-flight limit now (where the run has settled).
    pub limits: Vec<(String, usize)>,
}

impl Default for ManyStats {
    fn default() -> Self {
        Self {
            started: Instant::now(),
            submitted: AtomicU64::new(0),
            succeeded: AtomicU64::new(0),
            failed: AtomicU64::new(0),
            retried: AtomicU64::new(0),
            throttled: AtomicU64::new(0),
            in_flight: AtomicU64::new(0),
            input_tokens: AtomicU64::new(0),
            output_tokens: AtomicU64::new(0),
            limits: Mutex::new(HashMap::new()),
        }
    }
}

impl ManyStats {
    /// The counters now.
    pub fn snapshot(&self) -> StatsSnapshot {
        let mut limits: Vec<(String, usize)> = lock(&self.limits)
            .iter()
            .map(|(k, v)| (k.clone(), *v))
            .collect();
        limits.sort();
        StatsSnapshot {
            submitted: self.submitted.load(Ordering::Relaxed),
            succeeded: self.succeeded.load(Ordering::Relaxed),
            failed: self.failed.load(Ordering::Relaxed),
            retried: self.retried.load(Ordering::Relaxed),
            throttled: self.throttled.load(Ordering::Relaxed),
            in_flight: self.in_flight.load(Ordering::Relaxed),
            input_tokens: self.input_tokens.load(Ordering::Relaxed),
            output_tokens: self.output_tokens.load(Ordering::Relaxed),
            elapsed: self.started.elapsed().as_secs_f64(),
            limits,
        }
    }
}

/// How an error bears on the schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ErrorKind {
    /// The service is overloaded: slow down this model and retry.
    Congestion,
    /// A passing failure unrelated to load: retry without slowing down.
    Transient,
    /// Retrying cannot help.
    Permanent,
}

/// Whether retrying `err` can help, and whether it says the service is overloaded: the
/// SDK's own classification (its throttling and transient codes, the transient statuses,
/// Bedrock's retryable errors, broken connections and timeouts), so that converse_many
/// retries whatever `converse()` would, and adapts on whatever signals load.
fn classify(err: &CoreError) -> ErrorKind {
    use aws_runtime::retries::classifiers::{THROTTLING_ERRORS, TRANSIENT_ERRORS};
    match err {
        CoreError::Service(service) => {
            let code = service.code();
            let status = service.metadata.http_status_code;
            if THROTTLING_ERRORS.contains(&code)
                || matches!(
                    code,
                    "ServiceUnavailableException"
                        | "ModelNotReadyException"
                        | "ModelTimeoutException"
                )
                || matches!(status, 429 | 503)
            {
                ErrorKind::Congestion
            } else if TRANSIENT_ERRORS.contains(&code)
                || code == "InternalServerException"
                || matches!(status, 408 | 500 | 502 | 504)
            {
                ErrorKind::Transient
            } else {
                ErrorKind::Permanent
            }
        }
        CoreError::Timeout(_) => ErrorKind::Congestion,
        CoreError::Connect(_) => ErrorKind::Transient,
        _ => ErrorKind::Permanent,
    }
}

/// One model's adaptive in-flight limit.
struct ModelLimit {
    state: Mutex<LimitState>,
    notify: Notify,
    max: usize,
}

struct LimitState {
    limit: usize,
    in_flight: usize,
    successes: usize,
    /// Bumped at every decrease: a congestion error from a request sent before the
    /// last decrease says nothing new and must not cut again.
    generation: u64,
}

impl ModelLimit {
    fn new(max: usize) -> Self {
        Self {
            state: Mutex::new(LimitState {
                limit: max,
                in_flight: 0,
                successes: 0,
                generation: 0,
            }),
            notify: Notify::new(),
            max,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, LimitState> {
        lock(&self.state)
    }

    /// Waits for room under the limit; returns the generation the request is sent in.
    async fn acquire(&self) -> u64 {
        loop {
            let notified = self.notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            {
                let mut state = self.lock();
                if state.in_flight < state.limit {
                    state.in_flight += 1;
                    return state.generation;
                }
            }
            notified.await;
        }
    }

    /// Frees a slot and adapts the limit to how the request ended; returns the new limit.
    fn release(&self, generation: u64, kind: Option<ErrorKind>) -> usize {
        let mut state = self.lock();
        state.in_flight -= 1;
        let mut raised = false;
        match kind {
            None => {
                state.successes += 1;
                if state.successes >= state.limit && state.limit < self.max {
                    state.limit += 1;
                    state.successes = 0;
                    raised = true;
                }
            }
            Some(ErrorKind::Congestion) if generation == state.generation => {
                // 70% rather than half: under a 16-slot throttle at 50 ms this kept 267 of
                // 320 ideal req/s against 243 for halving, with 4% throttled against 3%.
                state.limit = (state.limit * 7 / 10).max(1);
                state.successes = 0;
                state.generation += 1;
            }
            _ => {}
        }
        let limit = state.limit;
        drop(state);
        if raised {
            self.notify.notify_waiters();
        } else {
            self.notify.notify_one();
        }
        limit
    }
}

/// Where converse_many's lines go: the Python logger `fastconverse.core.many`.
const TARGET: &str = "fastconverse::core::many";

/// An error named for a log line: the service's error code, or the kind of failure
/// (never the message, which for client-side errors may quote configuration).
fn error_label(err: &CoreError) -> &str {
    match err {
        CoreError::Service(err) => err.code(),
        CoreError::NoCredentials(_) => "no credentials",
        CoreError::NoRegion(_) => "no region",
        CoreError::InvalidConfig(_) => "invalid configuration",
        CoreError::InvalidRequest(_) | CoreError::InvalidParameter { .. } => "invalid request",
        CoreError::Connect(_) => "a connection error",
        CoreError::Timeout(_) => "a timeout",
        CoreError::InvalidResponse(_) => "an unreadable response",
        CoreError::Internal(_) => "an internal error",
    }
}

/// Logs a model's concurrency limit moving: down (throttling) at INFO, up at DEBUG.
fn log_limit(model_id: &str, previous: usize, limit: usize) {
    if limit < previous {
        log::info!(
            target: TARGET,
            "converse_many: {model_id} is throttled; its concurrency limit drops from {previous} \
             to {limit}",
        );
    } else if limit > previous {
        log::debug!(
            target: TARGET,
            "converse_many: {model_id}'s concurrency limit rises from {previous} to {limit}",
        );
    }
}

/// A small xorshift generator for backoff jitter (no need for cryptographic randomness).
fn jitter(seed: u64) -> f64 {
    let mut x = seed ^ 0x9E37_79B9_7F4A_7C15;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    (x >> 11) as f64 / (1u64 << 53) as f64
}

fn backoff(config: &ManyConfig, retry: u32, seed: u64) -> Duration {
    let exp = config.base_backoff.saturating_mul(1u32 << retry.min(16));
    exp.min(config.max_backoff).mul_f64(jitter(seed))
}

/// The indexes handed to the scheduler that have no outcome yet: what a scheduler
/// failure must still answer.
type Unresolved = Arc<Mutex<BTreeSet<usize>>>;

/// Runs the whole job: reads `input` until it closes, sends one `Outcome` per item.
/// Dropping this future cancels every request in flight.
///
/// If the scheduler fails (a panic in it or in a task it spawned), every item it was
/// handed without an outcome yet, and every item the input still holds, ends as
/// `CoreError::Internal`: the caller always gets one outcome per item.
pub async fn run(
    client: Arc<Client>,
    config: ManyConfig,
    input: mpsc::Receiver<Item>,
    output: mpsc::Sender<Outcome>,
    stats: Arc<ManyStats>,
) {
    let input = Arc::new(tokio::sync::Mutex::new(input));
    let unresolved = Unresolved::default();
    // A task of its own, so that its panic comes back as a value; the JoinSet aborts it
    // when this future is dropped.
    let mut scheduler = JoinSet::new();
    scheduler.spawn(schedule(
        client,
        config,
        input.clone(),
        output.clone(),
        stats.clone(),
        unresolved.clone(),
    ));
    let Some(Err(failure)) = scheduler.join_next().await else {
        return;
    };
    if !failure.is_panic() {
        return; // cancelled: the runtime is shutting down
    }
    let message = format!(
        "converse_many's scheduler failed: {}",
        panic_message(failure.into_panic().as_ref())
    );
    let pending: Vec<usize> = std::mem::take(&mut *lock(&unresolved))
        .into_iter()
        .collect();
    log::error!(
        target: TARGET,
        "{message}; {} request(s) in progress and any not yet read end with InternalError",
        pending.len(),
    );
    let fail = |index| {
        stats.failed.fetch_add(1, Ordering::Relaxed);
        Outcome {
            index,
            result: Err(CoreError::Internal(message.clone())),
            attempts: 0,
            attempt_log: Vec::new(),
        }
    };
    for index in pending {
        if output.send(fail(index)).await.is_err() {
            return; // the run was closed
        }
    }
    let mut input = input.lock().await;
    while let Some(item) = input.recv().await {
        stats.submitted.fetch_add(1, Ordering::Relaxed);
        if output.send(fail(item.index)).await.is_err() {
            return;
        }
    }
}

/// The text of a panic's payload.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> &str {
    if let Some(text) = panic.downcast_ref::<&str>() {
        text
    } else if let Some(text) = panic.downcast_ref::<String>() {
        text
    } else {
        "a panic"
    }
}

/// A lock that outlives a panic of a holder (every value kept under one stays whole).
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

/// The scheduling itself: admits items from `input`, runs each as a task, and sends its
/// outcome; each index is in `unresolved` from its admission until its outcome is sent.
async fn schedule(
    client: Arc<Client>,
    config: ManyConfig,
    input: Arc<tokio::sync::Mutex<mpsc::Receiver<Item>>>,
    output: mpsc::Sender<Outcome>,
    stats: Arc<ManyStats>,
    unresolved: Unresolved,
) {
    let mut input = input.lock().await;
    let concurrency = config.concurrency.max(1);
    let global = Arc::new(Semaphore::new(concurrency));
    // Items admitted but not finished: bounded so a long input is read lazily, with room
    // beyond `concurrency` so that one throttled model does not hold up the others.
    let admitted = Arc::new(Semaphore::new(concurrency.saturating_mul(4)));
    let mut models: HashMap<String, Arc<ModelLimit>> = HashMap::new();
    let mut tasks = JoinSet::new();
    let config = Arc::new(config);
    let mut admitted_count = 0usize;

    loop {
        tokio::select! {
            permit = admitted.clone().acquire_owned() => {
                let permit = permit.expect("the admission semaphore is never closed");
                let Some(item) = input.recv().await else { break };
                lock(&unresolved).insert(item.index);
                admitted_count += 1;
                if config.panic_after == Some(admitted_count) {
                    panic!("a fault injected for a test after {admitted_count} item(s)");
                }
                stats.submitted.fetch_add(1, Ordering::Relaxed);
                let model_id = item.request.as_ref().map(|r| r.model_id.clone()).unwrap_or_default();
                let limit = models.entry(model_id.clone()).or_insert_with(|| Arc::new(ModelLimit::new(concurrency))).clone();
                let job = Job {
                    client: client.clone(),
                    config: config.clone(),
                    global: global.clone(),
                    limit,
                    model_id,
                    stats: stats.clone(),
                };
                let output = output.clone();
                let unresolved = unresolved.clone();
                tasks.spawn(async move {
                    let outcome = job.run(item).await;
                    // Reserved first, so that taking the index out and sending the outcome
                    // happen together: no await (where an abort could land) between them.
                    // An index already taken by a scheduler failure was answered there.
                    if let Ok(slot) = output.reserve().await {
                        if lock(&unresolved).remove(&outcome.index) {
                            slot.send(outcome);
                        }
                    }
                    drop(permit);
                });
            }
            Some(joined) = tasks.join_next(), if !tasks.is_empty() => {
                if let Err(err) = joined {
                    if err.is_panic() {
                        std::panic::resume_unwind(err.into_panic());
                    }
                }
            }
        }
    }
    while let Some(joined) = tasks.join_next().await {
        if let Err(err) = joined {
            if err.is_panic() {
                std::panic::resume_unwind(err.into_panic());
            }
        }
    }
}

struct Job {
    client: Arc<Client>,
    config: Arc<ManyConfig>,
    global: Arc<Semaphore>,
    limit: Arc<ModelLimit>,
    model_id: String,
    stats: Arc<ManyStats>,
}

impl Job {
    /// The outcome of an item after `attempts`, its `ResponseMetadata` counting the
    /// scheduler's attempts as botocore counts its own (`RetryAttempts`, and
    /// `MaxAttemptsReached` once the last attempt `max_retries` allows was made).
    fn settled(
        &self,
        index: usize,
        mut result: Result<Response<Value>, CoreError>,
        attempts: u32,
        attempt_log: Vec<Attempt>,
    ) -> Outcome {
        let metadata = match &mut result {
            Ok(response) => Some(&mut response.metadata),
            Err(CoreError::Service(service)) => Some(&mut service.metadata),
            Err(_) => None,
        };
        if let Some(metadata) = metadata {
            metadata.retry_attempts = attempts.saturating_sub(1);
            metadata.max_attempts_reached = attempts > self.config.max_retries;
        }
        Outcome {
            index,
            result,
            attempts,
            attempt_log,
        }
    }

    async fn run(self, item: Item) -> Outcome {
        let index = item.index;
        let request = match item.request {
            Ok(request) => request,
            Err(err) => {
                self.stats.failed.fetch_add(1, Ordering::Relaxed);
                return Outcome {
                    index,
                    result: Err(err),
                    attempts: 0,
                    attempt_log: Vec::new(),
                };
            }
        };
        let mut attempts = 0u32;
        let mut attempt_log = Vec::new();
        loop {
            let generation = self.limit.acquire().await;
            let permit = self
                .global
                .acquire()
                .await
                .expect("the global semaphore is never closed");
            attempts += 1;
            self.stats.in_flight.fetch_add(1, Ordering::Relaxed);
            let start_ns = self.config.record_attempts.then(epoch_ns);
            let result = self.client.converse_once(request.clone()).await;
            if let Some(start_ns) = start_ns {
                attempt_log.push(Attempt {
                    start_ns,
                    end_ns: epoch_ns(),
                    error: result.as_ref().err().cloned(),
                });
            }
            self.stats.in_flight.fetch_sub(1, Ordering::Relaxed);
            drop(permit);
            let kind = result.as_ref().err().map(classify);
            let limit = self.limit.release(generation, kind);
            let previous = {
                let mut limits = lock(&self.stats.limits);
                match limits.get_mut(&self.model_id) {
                    Some(recorded) => std::mem::replace(recorded, limit),
                    None => {
                        limits.insert(self.model_id.clone(), limit);
                        self.limit.max
                    }
                }
            };
            log_limit(&self.model_id, previous, limit);
            match (result, kind) {
                (Ok(response), _) => {
                    let tokens = |key: &str| {
                        response
                            .body
                            .get("usage")
                            .and_then(|usage| usage.get(key))
                            .and_then(Value::as_i64)
                            .map_or(0, |n| n.max(0) as u64)
                    };
                    self.stats
                        .input_tokens
                        .fetch_add(tokens("inputTokens"), Ordering::Relaxed);
                    self.stats
                        .output_tokens
                        .fetch_add(tokens("outputTokens"), Ordering::Relaxed);
                    self.stats.succeeded.fetch_add(1, Ordering::Relaxed);
                    return self.settled(index, Ok(response), attempts, attempt_log);
                }
                (Err(err), Some(kind)) => {
                    if kind == ErrorKind::Congestion {
                        self.stats.throttled.fetch_add(1, Ordering::Relaxed);
                    }
                    let retries_used = attempts - 1;
                    if kind == ErrorKind::Permanent || retries_used >= self.config.max_retries {
                        self.stats.failed.fetch_add(1, Ordering::Relaxed);
                        return self.settled(index, Err(err), attempts, attempt_log);
                    }
                    self.stats.retried.fetch_add(1, Ordering::Relaxed);
                    let seed =
                        (index as u64).wrapping_mul(0x2545_F491_4F6C_DD1D) ^ u64::from(attempts);
                    let wait = backoff(&self.config, retries_used, seed);
                    if log::log_enabled!(target: TARGET, log::Level::Info) {
                        log::info!(
                            target: TARGET,
                            "converse_many: request {index} ({}) failed on attempt {attempts} \
                             with {}; retrying in {} ms",
                            self.model_id,
                            error_label(&err),
                            wait.as_millis(),
                        );
                    }
                    tokio::time::sleep(wait).await;
                }
                (Err(err), None) => unreachable!("an error always has a kind: {err}"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn congestion_cuts_the_limit_once_per_window() {
        let limit = ModelLimit::new(64);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let generations: Vec<u64> = runtime.block_on(async {
            let mut g = Vec::new();
            for _ in 0..10 {
                g.push(limit.acquire().await);
            }
            g
        });
        assert!(generations.iter().all(|&g| g == 0));
        // Ten requests sent in the same window are throttled: one cut, not ten.
        let mut last = 0;
        for g in generations {
            last = limit.release(g, Some(ErrorKind::Congestion));
        }
        assert_eq!(last, 44);
    }

    #[test]
    fn successes_raise_the_limit_by_one_per_window() {
        let limit = ModelLimit::new(8);
        {
            let mut state = limit.lock();
            state.limit = 2;
        }
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        runtime.block_on(async {
            for expected in [2, 3, 3, 3, 4] {
                let g = limit.acquire().await;
                let _ = expected;
                limit.release(g, None);
            }
        });
        // 2 successes raise 2 -> 3; 3 more raise 3 -> 4.
        assert_eq!(limit.lock().limit, 4);
    }

    #[test]
    fn the_limit_never_drops_below_one_nor_rises_above_the_maximum() {
        let limit = ModelLimit::new(3);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        runtime.block_on(async {
            for _ in 0..10 {
                let g = limit.acquire().await;
                limit.release(g, Some(ErrorKind::Congestion));
            }
            assert_eq!(limit.lock().limit, 1);
            for _ in 0..100 {
                let g = limit.acquire().await;
                limit.release(g, None);
            }
            assert_eq!(limit.lock().limit, 3);
        });
    }

    #[test]
    fn backoff_is_bounded_and_jittered() {
        let config = ManyConfig::default();
        let waits: Vec<Duration> = (0..50).map(|i| backoff(&config, 30, i)).collect();
        assert!(waits.iter().all(|w| *w <= config.max_backoff));
        assert!(waits.iter().any(|w| *w != waits[0]));
        assert!(backoff(&config, 0, 7) <= config.base_backoff);
    }

    /// An error response's body read as the client reads it, with `code` as its type.
    fn error_body(code: &str) -> crate::wire::decode::ErrorBody {
        let headers = [("x-amzn-errortype".to_owned(), code.to_owned())];
        crate::wire::decode::error(400, &headers, b"")
    }

    #[test]
    fn errors_are_classified_as_the_issue_lists() {
        let service = |code: &str| {
            CoreError::Service(Box::new(super::super::error::ServiceError {
                body: error_body(code),
                metadata: Default::default(),
                in_stream: false,
            }))
        };
        assert_eq!(
            classify(&service("ThrottlingException")),
            ErrorKind::Congestion
        );
        assert_eq!(
            classify(&service("ServiceUnavailableException")),
            ErrorKind::Congestion
        );
        assert_eq!(
            classify(&service("ModelNotReadyException")),
            ErrorKind::Congestion
        );
        assert_eq!(
            classify(&CoreError::Timeout("t".into())),
            ErrorKind::Congestion
        );
        assert_eq!(
            classify(&service("InternalServerException")),
            ErrorKind::Transient
        );
        assert_eq!(
            classify(&service("ValidationException")),
            ErrorKind::Permanent
        );
        assert_eq!(
            classify(&CoreError::InvalidRequest("x".into())),
            ErrorKind::Permanent
        );
    }

    #[test]
    fn statuses_and_unmodelled_codes_are_retried_as_the_sdk_retries_them() {
        let answered = |code: &str, status: u16| {
            CoreError::Service(Box::new(super::super::error::ServiceError {
                body: error_body(code),
                metadata: crate::core::ResponseMetadata {
                    http_status_code: status,
                    ..Default::default()
                },
                in_stream: false,
            }))
        };
        for (code, status) in [
            ("InternalFailure", 500),
            ("502", 502),
            ("504", 504),
            ("408", 408),
        ] {
            assert_eq!(
                classify(&answered(code, status)),
                ErrorKind::Transient,
                "{code}"
            );
        }
        for (code, status) in [("SlowDown", 400), ("429", 429), ("503", 503)] {
            assert_eq!(
                classify(&answered(code, status)),
                ErrorKind::Congestion,
                "{code}"
            );
        }
        for (code, status) in [("ModelErrorException", 424), ("AccessDeniedException", 403)] {
            assert_eq!(
                classify(&answered(code, status)),
                ErrorKind::Permanent,
                "{code}"
            );
        }
        assert_eq!(
            classify(&CoreError::Connect("reset".into())),
            ErrorKind::Transient
        );
    }

    #[test]
    fn a_scheduler_panic_answers_every_item_left_with_an_internal_error() {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let outcomes = runtime.block_on(async {
            // No request is ever sent: each item is one that could not be read.
            let config = crate::core::ClientConfig {
                region: Some("us-east-1".into()),
                endpoint_url: Some("http://127.0.0.1:9".into()),
                ..Default::default()
            };
            let client = Arc::new(Client::connect(&config).await.unwrap());
            let (item_tx, item_rx) = mpsc::channel(4);
            let (outcome_tx, mut outcome_rx) = mpsc::channel(4);
            let config = ManyConfig {
                concurrency: 1,
                panic_after: Some(3),
                ..ManyConfig::default()
            };
            let stats = Arc::new(ManyStats::default());
            tokio::spawn(run(client, config, item_rx, outcome_tx, stats));
            tokio::spawn(async move {
                for index in 0..10 {
                    let request = Err(CoreError::InvalidRequest(format!("item {index}")));
                    let _ = item_tx.send(Item { index, request }).await;
                }
            });
            let mut outcomes = Vec::new();
            while let Some(outcome) = outcome_rx.recv().await {
                outcomes.push(outcome);
            }
            outcomes
        });
        let mut indexes: Vec<usize> = outcomes.iter().map(|o| o.index).collect();
        indexes.sort();
        assert_eq!(indexes, (0..10).collect::<Vec<_>>(), "one outcome per item");
        for outcome in outcomes {
            match outcome.result {
                // The two items admitted before the fault may have been answered.
                Err(CoreError::InvalidRequest(_)) if outcome.index < 2 => {}
                Err(CoreError::Internal(message)) => {
                    assert!(message.contains("scheduler failed"), "{message}");
                    assert!(message.contains("a fault injected"), "{message}");
                }
                other => panic!("item {}: {other:?}", outcome.index),
            }
        }
    }

    /// The outcomes of `items` requests run against a closed port (each attempt fails
    /// to connect, and is retried `max_retries` times).
    fn outcomes_against_a_closed_port(record_attempts: bool, max_retries: u32) -> Vec<Outcome> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let config = crate::core::ClientConfig {
                region: Some("us-east-1".into()),
                endpoint_url: Some("http://127.0.0.1:9".into()),
                access_key_id: Some("testing".into()),
                secret_access_key: Some("testing".into()),
                ..Default::default()
            };
            let client = Arc::new(Client::connect(&config).await.unwrap());
            let request = Encoded {
                model_id: "model".into(),
                body: bytes::Bytes::from_static(b"{}"),
            };
            let (item_tx, item_rx) = mpsc::channel(4);
            let (outcome_tx, mut outcome_rx) = mpsc::channel(4);
            let config = ManyConfig {
                max_retries,
                base_backoff: Duration::from_millis(1),
                record_attempts,
                ..ManyConfig::default()
            };
            let stats = Arc::new(ManyStats::default());
            tokio::spawn(run(client, config, item_rx, outcome_tx, stats));
            item_tx
                .send(Item {
                    index: 0,
                    request: Ok(request),
                })
                .await
                .unwrap();
            drop(item_tx);
            let mut outcomes = Vec::new();
            while let Some(outcome) = outcome_rx.recv().await {
                outcomes.push(outcome);
            }
            outcomes
        })
    }

    #[test]
    fn attempts_are_recorded_in_order_only_when_asked() {
        let outcomes = outcomes_against_a_closed_port(true, 2);
        let log = &outcomes[0].attempt_log;
        assert_eq!(outcomes[0].attempts, 3);
        assert_eq!(log.len(), 3, "one record per attempt");
        for (attempt, next) in log.iter().zip(log.iter().skip(1)) {
            assert!(attempt.end_ns <= next.start_ns, "{log:?}");
        }
        for attempt in log {
            assert!(attempt.start_ns > 0 && attempt.start_ns <= attempt.end_ns);
            assert!(
                matches!(attempt.error, Some(CoreError::Connect(_))),
                "{attempt:?}"
            );
        }
        assert!(outcomes_against_a_closed_port(false, 2)[0]
            .attempt_log
            .is_empty());
    }

    #[test]
    fn limits_out_of_range_are_refused_by_name() {
        let config = |concurrency, max_retries| ManyConfig {
            concurrency,
            max_retries,
            ..ManyConfig::default()
        };
        assert!(config(0, 1).validate().unwrap_err().contains("concurrency"));
        assert!(config(1 << 62, 1)
            .validate()
            .unwrap_err()
            .contains("concurrency"));
        assert!(config(4, u32::MAX)
            .validate()
            .unwrap_err()
            .contains("max_retries"));
        config(MAX_CONCURRENCY, MAX_RETRIES).validate().unwrap();
    }
}
