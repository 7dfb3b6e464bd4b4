//! Rust `log` records into Python's `logging`, under the `fastconverse` logger, without
//! a runtime thread ever waiting on the GIL.
//!
//! Only targets under `fastconverse` pass (`fastconverse::core::many` becomes the Python
//! logger `fastconverse.core.many`); every other crate's records, the SDK's included,
//! are dropped in Rust, so that nothing a dependency logs (aws-sigv4's canonical
//! requests, for one) can reach a handler.
//!
//! A record is checked against a cached per-target level, formatted into an owned
//! `Entry` and pushed onto a bounded queue; one delivery thread of its own (never a
//! runtime worker) takes the GIL and hands the entries, in the order they were queued,
//! to each Python logger (`makeRecord` with the record's file, line, time and thread
//! name, then `handle`). Python's `logging` is imported by that thread with the first
//! record, not when the package loads. The level cache is filled by the delivery thread and cleared
//! whenever Python's logging clears its own (`setLevel`, `logging.disable`,
//! `dictConfig`), so level changes take effect at once.
//!
//! Everything goes through the one queue, so order holds across threads. A Python
//! thread that returns from a call (`flush`, from `wait` and from `ManyRun`) first lets
//! the delivery thread catch up, GIL released, so that what the call logged is in
//! `logging` when the caller looks; at exit an `atexit` hook does the same before
//! `logging` shuts down. When the queue is full a record is dropped (a runtime thread
//! never blocks on it) and counted; the count is reported as a WARNING record.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TrySendError};
use std::sync::{Condvar, Mutex, RwLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use log::{Level, LevelFilter};
use pyo3::prelude::*;
use pyo3::types::{PyCFunction, PyDict, PyTuple};

use super::exit::python_exiting;
use crate::core::runtime;

/// The code that chains our cache reset onto `logging.Logger.manager._clear_cache`.
const HOOK: &std::ffi::CStr = c"
def _hook(manager, reset):
    original = getattr(manager, '_clear_cache', None)
    if original is None or getattr(original, '_fastconverse', False):
        return original is not None
    def _clear_cache():
        original()
        reset()
    _clear_cache._fastconverse = True
    manager._clear_cache = _clear_cache
    return True
";

/// Records queued and not yet delivered, at most: a flood beyond it is dropped and counted
/// rather than held (or waited for) on a runtime thread.
const QUEUE_CAPACITY: usize = 16_384;
/// Records delivered per taking of the GIL, at most, so that Python threads get turns.
const BATCH: usize = 256;
/// The longest a returning call waits for the delivery thread to deliver anything: a
/// bound for a handler that waits on something that caller holds, never reached otherwise.
const FLUSH_LIMIT: Duration = Duration::from_secs(1);
/// Where our own reports (records dropped) go.
const TARGET: &str = "fastconverse::py::logs";

/// One record, owned, on its way to Python.
struct Entry {
    target: String,
    level: Level,
    message: String,
    file: Option<Cow<'static, str>>,
    line: u32,
    thread: Option<String>,
    time: SystemTime,
}

/// The queue's sending end, with the pid of the process whose delivery thread reads it.
struct Queue {
    pid: u32,
    sender: SyncSender<Entry>,
}

/// The queue; started on first use, and again in a child after `fork` (which has no
/// delivery thread).
static QUEUE: Mutex<Option<Queue>> = Mutex::new(None);
/// The pid of the process whose delivery thread reads the queue (0: none yet).
static QUEUE_PID: AtomicU32 = AtomicU32::new(0);
/// Records queued, delivered (or given up at exit), and dropped for a full queue.
static QUEUED: AtomicU64 = AtomicU64::new(0);
static DELIVERED: AtomicU64 = AtomicU64::new(0);
static DROPPED: AtomicU64 = AtomicU64::new(0);
/// Woken whenever `DELIVERED` grows, for `flush`.
static PROGRESS: (Mutex<()>, Condvar) = (Mutex::new(()), Condvar::new());
/// Each target's most verbose level that its Python logger lets through, as last seen.
static LEVELS: RwLock<Option<HashMap<String, LevelFilter>>> = RwLock::new(None);
/// Whether levels may be cached (only when the reset hook is in place).
static CACHE_LEVELS: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// Set on the delivery thread, which must never wait for itself.
    static DELIVERING: Cell<bool> = const { Cell::new(false) };
}

/// Installs the bridge once per process; a second import (or another extension that
/// installed a `log` logger first) leaves the existing one in place.
pub fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_function(wrap_pyfunction!(_log_flood, m)?)?;
    if log::set_logger(&BRIDGE).is_err() {
        return Ok(());
    }
    log::set_max_level(LevelFilter::Trace);
    // Python's logging is imported by the delivery thread, with its first record: a
    // program that logs nothing never pays for the import. Until then every record of
    // ours is let through (nothing is cached).
    flush_at_exit(py)
}

/// Registers `flush` with atexit: after `exit`'s hook, so that it runs before it (atexit
/// runs the last first), and after logging's import registered `logging.shutdown`, so
/// that it runs before that too. Made once at import and once more when the delivery
/// thread imports logging; a second flush finds nothing to wait for.
fn flush_at_exit(py: Python<'_>) -> PyResult<()> {
    let at_exit = PyCFunction::new_closure(
        py,
        Some(c"_fastconverse_flush_logs"),
        Some(c"Delivers fastconverse's queued log records before logging shuts down."),
        |args: &Bound<'_, PyTuple>, _kwargs: Option<&Bound<'_, PyDict>>| flush(args.py()),
    )?;
    py.import("atexit")?.call_method1("register", (at_exit,))?;
    Ok(())
}

/// Once per process, from the delivery thread's first batch: imports logging, chains the
/// level cache's reset onto logging's own cache clearing (then levels are cached), and
/// registers the exit flush again, now after `logging.shutdown`.
fn attach_to_logging(py: Python<'_>) {
    static ATTACHED: AtomicBool = AtomicBool::new(false);
    if ATTACHED.swap(true, Ordering::AcqRel) {
        return;
    }
    let attached = (|| -> PyResult<()> {
        if can_hook(py) {
            hook(py)?;
            CACHE_LEVELS.store(true, Ordering::Release);
        }
        flush_at_exit(py)
    })();
    if let Err(err) = attached {
        err.write_unraisable(py, None);
    }
}

/// Waits, GIL released, until the delivery thread has handed Python every record queued
/// before now (giving up after `FLUSH_LIMIT` without progress): a call returning to Python calls this so that what
/// it logged is in `logging` when the caller looks. Costs two atomic loads when nothing
/// is queued.
pub fn flush(py: Python<'_>) {
    let target = QUEUED.load(Ordering::Acquire);
    if DELIVERED.load(Ordering::Acquire) >= target || DELIVERING.get() {
        return;
    }
    if QUEUE_PID.load(Ordering::Acquire) != std::process::id() {
        return; // a child after fork: what is counted was queued in the parent
    }
    py.detach(|| {
        let (lock, progress) = &PROGRESS;
        let mut guard = lock.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            let before = DELIVERED.load(Ordering::Acquire);
            let (next, _) = progress
                .wait_timeout_while(guard, FLUSH_LIMIT, |_| {
                    DELIVERED.load(Ordering::Acquire) < target
                })
                .unwrap_or_else(|p| p.into_inner());
            guard = next;
            let now = DELIVERED.load(Ordering::Acquire);
            // Done, or stuck (a handler that waits): the caller goes on either way.
            if now >= target || now == before {
                return;
            }
        }
    });
}

/// The `log` backend: never takes the GIL.
struct Bridge;

static BRIDGE: Bridge = Bridge;

impl log::Log for Bridge {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        let target = metadata.target();
        let ours = target == "fastconverse" || target.starts_with("fastconverse::");
        if !ours || python_exiting() {
            return false;
        }
        // Unknown (not yet seen, or the cache was cleared): queued, and the delivery
        // thread decides with Python's own check.
        let levels = LEVELS.read().unwrap_or_else(|p| p.into_inner());
        match levels.as_ref().and_then(|levels| levels.get(target)) {
            Some(max) => metadata.level() <= *max,
            None => true,
        }
    }

    fn log(&self, record: &log::Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let entry = Entry {
            target: record.target().to_owned(),
            level: record.level(),
            message: record.args().to_string(),
            file: record
                .file_static()
                .map(Cow::Borrowed)
                .or_else(|| record.file().map(|file| Cow::Owned(file.to_owned()))),
            line: record.line().unwrap_or(0),
            thread: std::thread::current().name().map(str::to_owned),
            time: SystemTime::now(),
        };
        enqueue(entry);
        // Outside the runtime this is a Python thread in our bindings (a stream closed,
        // a server stopped): it holds the GIL, or may wait for it, so its record is
        // delivered now, after what was queued before it.
        if tokio::runtime::Handle::try_current().is_err() && !DELIVERING.get() && !python_exiting()
        {
            Python::attach(flush);
        }
    }

    fn flush(&self) {}
}

/// Puts `entry` on the queue, starting the delivery thread if this process has none;
/// never blocks beyond the queue's own brief lock.
fn enqueue(entry: Entry) {
    let pid = std::process::id();
    let mut queue = QUEUE.lock().unwrap_or_else(|p| p.into_inner());
    if queue.as_ref().is_none_or(|queue| queue.pid != pid) {
        // Records queued in the parent before a fork are not ours to deliver.
        DELIVERED.store(QUEUED.load(Ordering::Acquire), Ordering::Release);
        let Some(sender) = start_delivery() else {
            DROPPED.fetch_add(1, Ordering::Relaxed);
            return;
        };
        *queue = Some(Queue { pid, sender });
        QUEUE_PID.store(pid, Ordering::Release);
    }
    let sender = &queue.as_ref().expect("just set").sender;
    match sender.try_send(entry) {
        Ok(()) => {
            QUEUED.fetch_add(1, Ordering::AcqRel);
        }
        Err(TrySendError::Full(_)) | Err(TrySendError::Disconnected(_)) => {
            DROPPED.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// Starts the delivery thread; its sender, or None if no thread could be started.
fn start_delivery() -> Option<SyncSender<Entry>> {
    let (sender, receiver) = sync_channel(QUEUE_CAPACITY);
    std::thread::Builder::new()
        .name("fastconverse-logs".to_owned())
        .spawn(move || deliver_all(receiver))
        .ok()?;
    Some(sender)
}

/// The delivery thread: takes what is queued, in order, a batch per taking of the GIL.
fn deliver_all(receiver: Receiver<Entry>) {
    DELIVERING.set(true);
    let mut loggers: HashMap<String, Py<PyAny>> = HashMap::new();
    let mut batch = Vec::with_capacity(BATCH);
    while let Ok(first) = receiver.recv() {
        batch.push(first);
        batch.extend(receiver.try_iter().take(BATCH - 1));
        let count = batch.len() as u64;
        if python_exiting() {
            // The interpreter is going away: its GIL is not ours to take any more.
            batch.clear();
        } else {
            Python::attach(|py| {
                attach_to_logging(py);
                for entry in batch.drain(..) {
                    deliver(py, &mut loggers, entry);
                }
                report_dropped(py, &mut loggers);
            });
        }
        let (lock, progress) = &PROGRESS;
        let _guard = lock.lock().unwrap_or_else(|p| p.into_inner());
        DELIVERED.fetch_add(count, Ordering::AcqRel);
        progress.notify_all();
    }
}

/// Reports the records dropped since the last report, as a WARNING of our own.
fn report_dropped(py: Python<'_>, loggers: &mut HashMap<String, Py<PyAny>>) {
    let dropped = DROPPED.swap(0, Ordering::Relaxed);
    if dropped == 0 {
        return;
    }
    let entry = Entry {
        target: TARGET.to_owned(),
        level: Level::Warn,
        message: format!(
            "{dropped} log record(s) dropped: more than {QUEUE_CAPACITY} were waiting for \
             Python's logging"
        ),
        file: Some(Cow::Borrowed(file!())),
        line: line!(),
        thread: None,
        time: SystemTime::now(),
    };
    deliver(py, loggers, entry);
}

/// Hands one entry to its Python logger, if that logger lets its level through; an
/// exception in a handler is reported as unraisable (there is no caller to raise it to).
fn deliver(py: Python<'_>, loggers: &mut HashMap<String, Py<PyAny>>, entry: Entry) {
    let result = (|| -> PyResult<()> {
        let logger = match loggers.get(&entry.target) {
            Some(logger) => logger.bind(py).clone(),
            None => {
                let name = entry.target.replace("::", ".");
                let logger = py.import("logging")?.call_method1("getLogger", (name,))?;
                loggers.insert(entry.target.clone(), logger.clone().unbind());
                logger
            }
        };
        if CACHE_LEVELS.load(Ordering::Acquire) {
            cache_level(&logger, &entry.target)?;
        }
        let levelno = python_level(entry.level);
        if !logger
            .call_method1("isEnabledFor", (levelno,))?
            .is_truthy()?
        {
            return Ok(());
        }
        let name = logger.getattr("name")?;
        let path = entry.file.as_deref().unwrap_or("<unknown>");
        let record = logger.call_method1(
            "makeRecord",
            (
                name,
                levelno,
                path,
                entry.line,
                entry.message,
                py.None(),
                py.None(),
            ),
        )?;
        // The time the record was made in Rust, not the time it reached Python.
        let since_epoch = entry.time.duration_since(UNIX_EPOCH).unwrap_or_default();
        let created = since_epoch.as_secs_f64();
        let delay = record.getattr("created")?.extract::<f64>()? - created;
        let relative = record.getattr("relativeCreated")?.extract::<f64>()?;
        record.setattr("created", created)?;
        record.setattr("msecs", f64::from(since_epoch.subsec_millis()))?;
        record.setattr("relativeCreated", relative - delay * 1000.0)?;
        if let Some(thread) = entry.thread {
            record.setattr("threadName", thread)?;
        }
        logger.call_method1("handle", (record,))?;
        Ok(())
    })();
    if let Err(err) = result {
        err.write_unraisable(py, None);
    }
}

/// Caches the most verbose level `logger` lets through for `target`, unless known.
fn cache_level(logger: &Bound<'_, PyAny>, target: &str) -> PyResult<()> {
    let known = LEVELS
        .read()
        .unwrap_or_else(|p| p.into_inner())
        .as_ref()
        .is_some_and(|levels| levels.contains_key(target));
    if known {
        return Ok(());
    }
    let mut max = LevelFilter::Off;
    for level in [
        Level::Error,
        Level::Warn,
        Level::Info,
        Level::Debug,
        Level::Trace,
    ] {
        if !logger
            .call_method1("isEnabledFor", (python_level(level),))?
            .is_truthy()?
        {
            break;
        }
        max = level.to_level_filter();
    }
    // Under the GIL, as the reset is: a reset cannot slip between the check and this.
    LEVELS
        .write()
        .unwrap_or_else(|p| p.into_inner())
        .get_or_insert_with(HashMap::new)
        .insert(target.to_owned(), max);
    Ok(())
}

/// Python's number for a `log` level (TRACE is 5, below DEBUG).
fn python_level(level: Level) -> u32 {
    match level {
        Level::Error => 40,
        Level::Warn => 30,
        Level::Info => 20,
        Level::Debug => 10,
        Level::Trace => 5,
    }
}

/// Forgets every cached level: Python's logging has changed its configuration.
fn reset_levels() {
    *LEVELS.write().unwrap_or_else(|p| p.into_inner()) = None;
}

/// Whether this Python's logging has the cache-clearing method the hook chains onto.
fn can_hook(py: Python<'_>) -> bool {
    py.import("logging")
        .and_then(|logging| logging.getattr("Logger")?.getattr("manager"))
        .map(|manager| manager.hasattr("_clear_cache").unwrap_or(false))
        .unwrap_or(false)
}

/// Chains `reset_levels` onto Python's logger-cache clearing.
fn hook(py: Python<'_>) -> PyResult<()> {
    let reset = PyCFunction::new_closure(
        py,
        Some(c"_fastconverse_reset_log_cache"),
        Some(c"Clears fastconverse's cache of Python logger levels."),
        |_args: &Bound<'_, PyTuple>, _kwargs: Option<&Bound<'_, PyDict>>| reset_levels(),
    )?;
    let namespace = PyDict::new(py);
    py.run(HOOK, Some(&namespace), None)?;
    let manager = py
        .import("logging")?
        .getattr("Logger")?
        .getattr("manager")?;
    namespace
        .get_item("_hook")?
        .expect("the hook is defined")
        .call1((manager, reset))?;
    Ok(())
}

/// A private test hook: logs `count` INFO records (`"{prefix} {i}"`, i from 0) under
/// `fastconverse.py.logs` from a runtime thread, as fast as it can, and returns once all
/// are queued (or dropped); then, if `deliver`, waits for their delivery as a call does.
#[pyfunction]
#[pyo3(signature = (count, prefix, deliver = true))]
fn _log_flood(py: Python<'_>, count: usize, prefix: String, deliver: bool) -> PyResult<()> {
    let handle = runtime::handle();
    let task = handle.spawn(async move {
        for i in 0..count {
            log::info!(target: TARGET, "{prefix} {i}");
        }
    });
    py.detach(|| handle.block_on(task))
        .map_err(|err| pyo3::exceptions::PyRuntimeError::new_err(err.to_string()))?;
    if deliver {
        flush(py);
    }
    Ok(())
}
