//! Awaitables: Rust futures on the runtime, results delivered to asyncio on its own thread.
//!
//! Each event loop gets one [`LoopBridge`]: a queue of finished calls and a socket pair
//! whose read end the loop watches (`add_reader`). A worker that finishes a call pushes
//! its Rust result, without the GIL, and writes one byte only if the queue was empty;
//! the loop then drains the queue on its thread, building each Python result there and
//! setting it on the call's asyncio future. So a worker never takes the GIL, a burst of
//! completions costs one wake-up, and no thread is made or torn down per call.
//!
//! (pyo3-async-runtimes, used before, took the GIL from a blocking-pool thread for every
//! result: two task spawns, a thread hand-off, a Python thread state created and freed,
//! and a `call_soon_threadsafe` per call; measured with perf, that was a third of an
//! async call's client CPU.)

use std::io::{ErrorKind, Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::sync::{Arc, Mutex, MutexGuard};

use pyo3::exceptions::{PyRuntimeError, PyStopIteration};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyCFunction;

use super::errors::panic_error;
use super::wait::CatchUnwind;
use crate::core::runtime;

/// Builds a call's Python result on the loop's thread, from what the worker produced.
type Deliver = Box<dyn FnOnce(Python<'_>) -> PyResult<Py<PyAny>> + Send>;

/// A finished call waiting for the loop: its asyncio future and its result.
struct Completion {
    future: Py<PyAny>,
    deliver: Deliver,
}

/// The half of a bridge that workers use.
struct Inbox {
    queue: Mutex<Vec<Completion>>,
    /// Written (one byte) to wake the loop; non-blocking.
    wake: UnixStream,
}

impl Inbox {
    /// Queues a completion; wakes the loop unless an earlier one already did.
    fn push(&self, completion: Completion) {
        let was_empty = {
            let mut queue = self.queue.lock().unwrap_or_else(|p| p.into_inner());
            queue.push(completion);
            queue.len() == 1
        };
        if was_empty {
            // WouldBlock means bytes are already waiting, so the loop will drain anyway.
            let _ = (&self.wake).write(&[1]);
        }
    }
}

/// One event loop's end of the bridge (see the module docs).
#[pyclass(module = "fastconverse._native", name = "_LoopBridge", frozen)]
pub struct LoopBridge {
    inbox: Arc<Inbox>,
    /// The read end, watched by the loop.
    woken: UnixStream,
}

#[pymethods]
impl LoopBridge {
    /// Called by the loop when the read end is readable: delivers every queued result.
    fn drain(&self, py: Python<'_>) -> PyResult<()> {
        let mut sink = [0u8; 256];
        loop {
            match (&self.woken).read(&mut sink) {
                Ok(n) if n == sink.len() => continue,
                Ok(_) => break,
                Err(err) if err.kind() == ErrorKind::Interrupted => continue,
                Err(_) => break,
            }
        }
        let ready =
            std::mem::take(&mut *self.inbox.queue.lock().unwrap_or_else(|p| p.into_inner()));
        for Completion { future, deliver } in ready {
            let future = future.bind(py);
            // A cancelled call's future is done already; its result is dropped.
            if future
                .call_method0(pyo3::intern!(py, "done"))?
                .is_truthy()?
            {
                continue;
            }
            match deliver(py) {
                Ok(value) => future.call_method1(pyo3::intern!(py, "set_result"), (value,))?,
                Err(err) => future
                    .call_method1(pyo3::intern!(py, "set_exception"), (err.into_value(py),))?,
            };
        }
        Ok(())
    }
}

/// Loops and their bridges; weak, so that a closed and dropped loop takes its bridge along.
static BRIDGES: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static GET_RUNNING_LOOP: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The running loop's bridge, made and registered with the loop on first use.
fn bridge_of<'py>(
    py: Python<'py>,
    event_loop: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, LoopBridge>> {
    let bridges = BRIDGES
        .get_or_try_init(py, || {
            Ok::<_, PyErr>(
                py.import("weakref")?
                    .getattr("WeakKeyDictionary")?
                    .call0()?
                    .unbind(),
            )
        })?
        .bind(py);
    let found = bridges.call_method1(pyo3::intern!(py, "get"), (event_loop,))?;
    if let Ok(found) = found.cast_into::<LoopBridge>() {
        return Ok(found);
    }
    let (woken, wake) = UnixStream::pair()
        .and_then(|(a, b)| {
            a.set_nonblocking(true)?;
            b.set_nonblocking(true)?;
            Ok((a, b))
        })
        .map_err(|err| {
            PyRuntimeError::new_err(format!("cannot make the asyncio wake-up socket: {err}"))
        })?;
    let fd = woken.as_raw_fd();
    let bridge = Bound::new(
        py,
        LoopBridge {
            inbox: Arc::new(Inbox {
                queue: Mutex::new(Vec::new()),
                wake,
            }),
            woken,
        },
    )?;
    event_loop.call_method1(
        pyo3::intern!(py, "add_reader"),
        (fd, bridge.getattr(pyo3::intern!(py, "drain"))?),
    )?;
    bridges.set_item(event_loop, &bridge)?;
    Ok(bridge)
}

/// Hands `fut` to asyncio. Inside a running loop: returns an asyncio future of that loop
/// that gets `convert(output)`, built on the loop's thread; the call starts at once.
/// With no loop running (`asyncio.run(client.converse_async(...))`): returns a coroutine
/// that starts the call when a loop first runs it. Cancelling the future (or the task
/// awaiting either) aborts the Rust task, which drops `fut` and closes its request.
pub fn awaitable<'py, F, T, C>(py: Python<'py>, fut: F, convert: C) -> PyResult<Bound<'py, PyAny>>
where
    F: std::future::Future<Output = T> + Send + 'static,
    T: Send + 'static,
    C: FnOnce(Python<'_>, T) -> PyResult<Py<PyAny>> + Send + 'static,
{
    match running_loop(py) {
        Ok(event_loop) => start(py, &event_loop, fut, convert),
        Err(err) if err.is_instance_of::<PyRuntimeError>(py) => {
            let start: Start = Box::new(move |py| {
                let event_loop = running_loop(py)?;
                start(py, &event_loop, fut, convert).map(Bound::unbind)
            });
            Ok(Bound::new(
                py,
                LazyCall {
                    state: Mutex::new(LazyState::NotStarted(start)),
                },
            )?
            .into_any())
        }
        Err(err) => Err(err),
    }
}

/// `asyncio.get_running_loop()`: RuntimeError when no loop runs in this thread.
fn running_loop(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    GET_RUNNING_LOOP
        .get_or_try_init(py, || {
            Ok::<_, PyErr>(py.import("asyncio")?.getattr("get_running_loop")?.unbind())
        })?
        .bind(py)
        .call0()
}

/// Spawns `fut` and returns the asyncio future that its converted output will complete.
fn start<'py, F, T, C>(
    py: Python<'py>,
    event_loop: &Bound<'py, PyAny>,
    fut: F,
    convert: C,
) -> PyResult<Bound<'py, PyAny>>
where
    F: std::future::Future<Output = T> + Send + 'static,
    T: Send + 'static,
    C: FnOnce(Python<'_>, T) -> PyResult<Py<PyAny>> + Send + 'static,
{
    let inbox = bridge_of(py, event_loop)?.get().inbox.clone();
    let future = event_loop.call_method0(pyo3::intern!(py, "create_future"))?;
    let target = future.clone().unbind();
    let task = runtime::handle().spawn(async move {
        let output = CatchUnwind(fut).await;
        inbox.push(Completion {
            future: target,
            deliver: Box::new(move |py| match output {
                Ok(value) => convert(py, value),
                Err(panic) => Err(panic_error(py, panic)),
            }),
        });
    });
    let abort = task.abort_handle();
    let on_done = PyCFunction::new_closure(py, None, None, move |args, _kwargs| -> PyResult<()> {
        let future = args.get_item(0)?;
        if future.call_method0("cancelled")?.is_truthy()? {
            abort.abort();
        }
        Ok(())
    })?;
    future.call_method1(pyo3::intern!(py, "add_done_callback"), (on_done,))?;
    Ok(future)
}

/// Starts a lazy call in the running loop: its asyncio future.
type Start = Box<dyn FnOnce(Python<'_>) -> PyResult<Py<PyAny>> + Send>;

enum LazyState {
    NotStarted(Start),
    /// The call's asyncio future and the iterator of its `__await__`.
    Started {
        future: Py<PyAny>,
        iterator: Py<PyAny>,
    },
    Finished,
}

/// A call made with no event loop running: a coroutine (it has `send`, `throw`, `close`
/// and `__await__`, which is what `asyncio.run` and `create_task` check) that starts the
/// call when a loop first runs it and then waits on the call's future.
#[pyclass(module = "fastconverse._native", name = "_LazyCall", frozen)]
pub struct LazyCall {
    state: Mutex<LazyState>,
}

impl LazyCall {
    /// The iterator to delegate to, starting the call on first use.
    fn iterator(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        // Taken out, so that no lock is held while Python code runs.
        let taken = std::mem::replace(&mut *self.lock(), LazyState::Finished);
        let (future, iterator) = match taken {
            LazyState::NotStarted(start) => {
                let future = start(py)?;
                let iterator = future.bind(py).call_method0("__await__")?.unbind();
                (future, iterator)
            }
            LazyState::Started { future, iterator } => (future, iterator),
            LazyState::Finished => {
                return Err(PyRuntimeError::new_err(
                    "cannot reuse already awaited coroutine",
                ))
            }
        };
        let delegate = iterator.clone_ref(py);
        *self.lock() = LazyState::Started { future, iterator };
        Ok(delegate)
    }

    fn lock(&self) -> MutexGuard<'_, LazyState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[pymethods]
impl LazyCall {
    fn __await__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    fn __iter__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        self.send(py, &py.None().into_bound(py))
    }

    /// Runs the coroutine one step (StopIteration carries the call's result).
    fn send(&self, py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let iterator = self.iterator(py)?;
        let step = iterator.bind(py).call_method1("send", (value,));
        if step.is_err() {
            *self.lock() = LazyState::Finished;
        }
        Ok(step?.unbind())
    }

    /// Raises `error` inside the coroutine (at its await of the call's future).
    #[pyo3(signature = (error, value = None, traceback = None))]
    fn throw(
        &self,
        py: Python<'_>,
        error: &Bound<'_, PyAny>,
        value: Option<&Bound<'_, PyAny>>,
        traceback: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let started = match &*self.lock() {
            LazyState::Started { iterator, .. } => Some(iterator.clone_ref(py)),
            _ => None,
        };
        let Some(iterator) = started else {
            *self.lock() = LazyState::Finished;
            return Err(match value {
                Some(value) if !value.is_none() => PyErr::from_value(value.clone()),
                _ => PyErr::from_value(error.clone()),
            });
        };
        let step = iterator
            .bind(py)
            .call_method1("throw", (error, value, traceback));
        if step.is_err() {
            *self.lock() = LazyState::Finished;
        }
        Ok(step?.unbind())
    }

    /// Ends the coroutine; a call still running is cancelled (its request closed).
    fn close(&self, py: Python<'_>) -> PyResult<()> {
        let state = std::mem::replace(&mut *self.lock(), LazyState::Finished);
        if let LazyState::Started { future, .. } = state {
            future.bind(py).call_method0("cancel")?;
        }
        Ok(())
    }
}

/// An awaitable that is already done: awaiting it gives `result` without a trip through
/// the event loop.
pub fn ready(py: Python<'_>, result: PyResult<Py<PyAny>>) -> PyResult<Bound<'_, PyAny>> {
    Ok(Bound::new(
        py,
        Ready {
            result: Mutex::new(Some(result)),
        },
    )?
    .into_any())
}

/// The awaitable of a step that finished at once (its own iterator, as `__await__` asks).
#[pyclass(module = "fastconverse._native", name = "_Ready", frozen)]
pub struct Ready {
    result: Mutex<Option<PyResult<Py<PyAny>>>>,
}

impl Ready {
    /// Takes the result out (None once awaited, thrown into or closed).
    fn take_result(&self) -> Option<PyResult<Py<PyAny>>> {
        self.result.lock().unwrap_or_else(|p| p.into_inner()).take()
    }

    fn take(&self) -> PyResult<Py<PyAny>> {
        match self.take_result() {
            Some(Ok(value)) => Err(PyStopIteration::new_err((value,))),
            Some(Err(err)) => Err(err),
            None => Err(PyRuntimeError::new_err(
                "cannot reuse an already awaited result",
            )),
        }
    }
}

#[pymethods]
impl Ready {
    fn __await__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    fn __iter__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    fn __next__(&self) -> PyResult<Py<PyAny>> {
        self.take()
    }

    /// As a generator's `send`: the value is ignored, the result delivered.
    fn send(&self, _value: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        self.take()
    }

    /// As a generator's `throw`: raises what is thrown in.
    #[pyo3(signature = (error, _value = None, _traceback = None))]
    fn throw(
        &self,
        error: &Bound<'_, PyAny>,
        _value: Option<&Bound<'_, PyAny>>,
        _traceback: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        self.take_result();
        Err(PyErr::from_value(error.clone()))
    }

    /// As a generator's `close`: drops the result.
    fn close(&self) {
        self.take_result();
    }
}
