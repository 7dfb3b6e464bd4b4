//! `ManyRun`: a running converse_many job, iterated (sync or async) as `(index, result)` pairs.
//!
//! A blocking task reads the caller's iterable (taking the GIL only to pull and convert
//! one request at a time) into a bounded channel; the core scheduler runs the requests;
//! each finished outcome is converted to Python only when the caller takes it.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use pyo3::exceptions::{PyStopAsyncIteration, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use tokio::sync::mpsc;

use super::asyncio::{awaitable, ready};
use super::de::from_py;
use super::errors::to_pyerr;
use super::exit::python_exiting;
use super::logs;
use super::value::response_to_py;
use super::wait::wait;
use crate::core::many::{self, Item, ManyConfig, ManyStats, Outcome};
use crate::core::Client;
use crate::core::{runtime, CoreError};
use crate::wire::encode::{Operation, RequestSeed};

type Outcomes = Arc<tokio::sync::Mutex<mpsc::Receiver<Outcome>>>;

/// A converse_many job in progress: iterate it (or `async for`) to get `(index, result)`
/// as each request finishes, where `result` is the response dict or the exception.
#[pyclass(module = "fastconverse", name = "ManyRun", frozen)]
pub struct ManyRun {
    outcomes: Outcomes,
    stats: Arc<ManyStats>,
    scheduler: tokio::task::AbortHandle,
    /// An exception raised by the caller's iterable itself, re-raised once the run drains.
    input_error: Arc<Mutex<Option<PyErr>>>,
    total: Option<usize>,
    /// Whether each result comes with its attempts (`ManyConfig::record_attempts`).
    record_attempts: bool,
}

impl Drop for ManyRun {
    fn drop(&mut self) {
        // Cancels every request in flight; the feeder stops when its channel closes.
        self.scheduler.abort();
    }
}

/// Starts a run over `requests` (an iterable of request dicts), read lazily, on a client
/// already resolved (so that a missing region or bad configuration raised before any
/// item is read, rather than once per item).
pub fn start(
    client: Arc<Client>,
    requests: &Bound<'_, PyAny>,
    config: ManyConfig,
) -> PyResult<ManyRun> {
    config.validate().map_err(PyValueError::new_err)?;
    let config = ManyConfig {
        panic_after: take_armed_fault(),
        ..config
    };
    if requests.is_instance_of::<PyDict>() {
        return Err(PyValueError::new_err(
            "requests must be an iterable of request dicts, not one dict (wrap it in a list)",
        ));
    }
    let total = requests.len().ok();
    let record_attempts = config.record_attempts;
    let iterator = requests.try_iter()?.into_any().unbind();
    let buffer = config.concurrency.saturating_mul(2).max(8);
    let (item_tx, item_rx) = mpsc::channel::<Item>(buffer);
    let (outcome_tx, outcome_rx) = mpsc::channel::<Outcome>(buffer);
    let stats = Arc::new(ManyStats::default());
    let input_error = Arc::new(Mutex::new(None));

    let handle = runtime::handle();
    let feeder_error = input_error.clone();
    handle.spawn_blocking(move || feed(iterator, item_tx, feeder_error));
    let scheduler = handle.spawn(many::run(
        client,
        config,
        item_rx,
        outcome_tx,
        stats.clone(),
    ));
    Ok(ManyRun {
        outcomes: Arc::new(tokio::sync::Mutex::new(outcome_rx)),
        stats,
        scheduler: scheduler.abort_handle(),
        input_error,
        total,
        record_attempts,
    })
}

/// The number of items after which the next run's scheduler panics (0: no fault).
static ARMED_FAULT: AtomicUsize = AtomicUsize::new(0);

/// The fault armed for this run, if any; disarmed for the runs after it.
fn take_armed_fault() -> Option<usize> {
    match ARMED_FAULT.swap(0, Ordering::Relaxed) {
        0 => None,
        after => Some(after),
    }
}

/// A private test hook: the next converse_many run's scheduler panics once it has
/// admitted `after` items (`after` >= 1), as a bug in it would; runs after that one are
/// unaffected.
#[pyfunction]
fn _fail_next_many_run(after: usize) -> PyResult<()> {
    if after == 0 {
        return Err(PyValueError::new_err("after must be at least 1"));
    }
    ARMED_FAULT.store(after, Ordering::Relaxed);
    Ok(())
}

/// Pulls requests from the Python iterator, converting each, until it ends or the run
/// is dropped. Holds the GIL only while it pulls and converts one request.
fn feed(iterator: Py<PyAny>, items: mpsc::Sender<Item>, input_error: Arc<Mutex<Option<PyErr>>>) {
    for index in 0usize.. {
        if python_exiting() {
            // The interpreter is going away: leak the iterator rather than touch Python.
            std::mem::forget(iterator);
            return;
        }
        let next = Python::attach(|py| -> Option<Item> {
            let iterator = iterator.bind(py);
            let value = match iterator.call_method0("__next__") {
                Ok(value) => value,
                Err(err) if err.is_instance_of::<pyo3::exceptions::PyStopIteration>(py) => {
                    return None
                }
                Err(err) => {
                    *input_error.lock().unwrap_or_else(|p| p.into_inner()) = Some(err);
                    return None;
                }
            };
            let request = from_py(RequestSeed(Operation::Converse), &value).map_err(|err| {
                CoreError::InvalidParameter {
                    path: err.path,
                    message: err.message,
                }
            });
            Some(Item { index, request })
        });
        let Some(item) = next else { break };
        if items.blocking_send(item).is_err() {
            break; // the run was closed
        }
    }
    if python_exiting() {
        std::mem::forget(iterator);
    } else {
        Python::attach(|_py| drop(iterator));
    }
}

/// The next outcome, or None when every item has been answered.
async fn next_outcome(outcomes: Outcomes) -> Option<Outcome> {
    outcomes.lock().await.recv().await
}

/// The next outcome if one is ready now (`Some(None)` at the end), without waiting: in a
/// busy run most outcomes are, and taking them here spares a task and a thread wake-up.
fn next_outcome_now(outcomes: &Outcomes) -> Option<Option<Outcome>> {
    match outcomes.try_lock().ok()?.try_recv() {
        Ok(outcome) => Some(Some(outcome)),
        Err(mpsc::error::TryRecvError::Disconnected) => Some(None),
        Err(mpsc::error::TryRecvError::Empty) => None,
    }
}

/// `(index, response dict or exception)`, the exception tagged with its `index`; with
/// `record_attempts`, a third member lists the attempts as `(start_ns, end_ns, exception
/// or None)`, oldest first.
fn outcome_to_py(py: Python<'_>, outcome: Outcome, record_attempts: bool) -> PyResult<Py<PyAny>> {
    let attempts = if record_attempts {
        let attempts = outcome
            .attempt_log
            .into_iter()
            .map(|attempt| {
                let error = match attempt.error {
                    Some(err) => to_pyerr(py, err, "Converse").into_value(py).into_any(),
                    None => py.None(),
                };
                PyTuple::new(
                    py,
                    [
                        attempt.start_ns.into_pyobject(py)?.into_any().unbind(),
                        attempt.end_ns.into_pyobject(py)?.into_any().unbind(),
                        error,
                    ],
                )
            })
            .collect::<PyResult<Vec<_>>>()?;
        Some(PyList::new(py, attempts)?.into_any().unbind())
    } else {
        None
    };
    let value = match outcome.result {
        Ok(response) => response_to_py(py, response)?,
        Err(err) => {
            let exception = to_pyerr(py, err, "Converse").into_value(py);
            exception.bind(py).setattr("index", outcome.index)?;
            exception.into_any()
        }
    };
    let index = outcome.index.into_pyobject(py)?.into_any().unbind();
    let members = match attempts {
        Some(attempts) => vec![index, value, attempts],
        None => vec![index, value],
    };
    Ok(PyTuple::new(py, members)?.into_any().unbind())
}

impl ManyRun {
    fn finish_error(&self) -> Option<PyErr> {
        self.input_error
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
    }
}

#[pymethods]
impl ManyRun {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    /// The next finished `(index, result)`; StopIteration when all are done.
    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        let next = match next_outcome_now(&self.outcomes) {
            Some(next) => next,
            None => wait(py, next_outcome(self.outcomes.clone()))?,
        };
        // What the run logged up to this outcome reaches `logging` before the caller looks.
        logs::flush(py);
        match next {
            Some(outcome) => outcome_to_py(py, outcome, self.record_attempts).map(Some),
            None => match self.finish_error() {
                Some(err) => Err(err),
                None => Ok(None),
            },
        }
    }

    fn __aiter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    /// Awaitable of the next finished `(index, result)`; StopAsyncIteration at the end.
    fn __anext__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let input_error = self.input_error.clone();
        let record_attempts = self.record_attempts;
        let convert = move |py: Python<'_>, outcome: Option<Outcome>| {
            logs::flush(py);
            match outcome {
                Some(outcome) => outcome_to_py(py, outcome, record_attempts),
                None => match input_error.lock().unwrap_or_else(|p| p.into_inner()).take() {
                    Some(err) => Err(err),
                    None => Err(PyStopAsyncIteration::new_err(())),
                },
            }
        };
        match next_outcome_now(&self.outcomes) {
            Some(next) => ready(py, convert(py, next)),
            None => awaitable(py, next_outcome(self.outcomes.clone()), convert),
        }
    }

    /// Stops the run: requests in flight are cancelled, nothing more is read.
    fn close(&self) {
        self.scheduler.abort();
    }

    /// The number of requests, when the input has a length (else None).
    #[getter]
    fn total(&self) -> Option<usize> {
        self.total
    }

    /// Counters so far: submitted, succeeded, failed, retried, throttled, in_flight,
    /// input_tokens, output_tokens, elapsed (s), requests_per_second and the in-flight
    /// limit each model has settled at (`concurrency`).
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let snap = self.stats.snapshot();
        let dict = PyDict::new(py);
        dict.set_item("submitted", snap.submitted)?;
        dict.set_item("succeeded", snap.succeeded)?;
        dict.set_item("failed", snap.failed)?;
        dict.set_item("retried", snap.retried)?;
        dict.set_item("throttled", snap.throttled)?;
        dict.set_item("in_flight", snap.in_flight)?;
        dict.set_item("input_tokens", snap.input_tokens)?;
        dict.set_item("output_tokens", snap.output_tokens)?;
        dict.set_item("elapsed", snap.elapsed)?;
        let done = snap.succeeded + snap.failed;
        let rate = if snap.elapsed > 0.0 {
            done as f64 / snap.elapsed
        } else {
            0.0
        };
        dict.set_item("requests_per_second", rate)?;
        let limits = PyDict::new(py);
        for (model, limit) in snap.limits {
            limits.set_item(model, limit)?;
        }
        dict.set_item("concurrency", limits)?;
        Ok(dict)
    }
}

/// Adds `ManyRun` and its private fault hook to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<ManyRun>()?;
    m.add_function(wrap_pyfunction!(_fail_next_many_run, m)?)
}
