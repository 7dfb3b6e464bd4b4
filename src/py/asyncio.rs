//! Awaitables: Rust futures on the runtime, results delivered to asyncio on its own thread.
//!
//! Each event loop gets one [`LoopBridge`]: a queue of finished calls (its [`Inbox`]) and a
//! way to wake the loop. A worker that finishes a call pushes its Rust result, without
//! the GIL, and wakes the loop only if the queue was empty; the loop then drains the
//! queue on its thread, building each Python result there and setting it on the call's
//! asyncio future. So a worker never takes the GIL, a burst of completions costs one
//! wake-up, and no thread is made or torn down per call.
//!
//! Waking: on Unix, a non-blocking socket pair whose read end the loop watches
//! (`add_reader`). A loop without `add_reader` (Windows' Proactor loop, some custom loops)
//! and every loop on other platforms get a waker thread per bridge instead, which blocks
//! until a batch is queued and then schedules one drain with `call_soon_threadsafe`.
//!
//! Ownership: a call's Rust task holds only the inbox and its call's key; the bridge
//! holds each pending call's asyncio future and the task's abort handle. The loop's
//! reader registration (or nothing, with a waker thread) is the only strong reference to
//! the bridge besides its futures' done-callbacks, and the registry of bridges is weak.
//! So a loop closed (or collected) with calls pending leaves an unreachable cycle that
//! the GC collects: the bridge's `__clear__`/`Drop` aborts the pending tasks (dropping
//! their requests) and closes its sockets, and the waker thread ends.
//!
//! After `fork`, the registry starts afresh in the child: bridges inherited from the
//! parent are detached without touching their Rust state (their tasks belonged to the
//! parent's runtime) and a new bridge is made on first use.
//!
//! (pyo3-async-runtimes, used before, took the GIL from a blocking-pool thread for every
//! result: two task spawns, a thread hand-off, a Python thread state created and freed,
//! and a `call_soon_threadsafe` per call; measured with perf, that was a third of an
//! async call's client CPU.)

use std::collections::hash_map::Entry;
use std::collections::HashMap;
#[cfg(unix)]
use std::io::{ErrorKind, Read, Write};
#[cfg(unix)]
use std::os::fd::AsRawFd;
#[cfg(unix)]
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use pyo3::exceptions::{PyRuntimeError, PyStopIteration};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyWeakrefReference};
use pyo3::{PyTraverseError, PyVisit};
use tokio::task::AbortHandle;

use super::errors::panic_error;
use super::exit::python_exiting;
use super::wait::CatchUnwind;
use crate::core::runtime;

/// Locks a mutex, ignoring poisoning (every critical section here leaves its data whole).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

/// Builds a call's Python result on the loop's thread, from what the worker produced.
type Deliver = Box<dyn FnOnce(Python<'_>) -> PyResult<Py<PyAny>> + Send>;

/// Where a pending call is found in its bridge: the address of its asyncio future (what
/// its done-callback is given), unique among pending calls since the bridge holds their
/// futures.
type FutureAddress = usize;

fn address_of(future: &Bound<'_, PyAny>) -> FutureAddress {
    future.as_ptr() as FutureAddress
}

/// A call's key: its future's address and a serial number, since a cancelled call's
/// future can be freed and its address reused while the call's result is still queued.
#[derive(Clone, Copy)]
struct CallKey {
    future: FutureAddress,
    serial: u64,
}

/// A finished call waiting for the loop.
struct Completion {
    key: CallKey,
    deliver: Deliver,
}

/// How a worker wakes the loop when the queue stops being empty.
enum Wake {
    /// Writes a byte to the socket whose other end the loop watches.
    #[cfg(unix)]
    Socket(UnixStream),
    /// Notifies the bridge's waker thread (`Inbox::ready`).
    Thread,
}

#[derive(Default)]
struct Queue {
    completions: Vec<Completion>,
    /// The waker thread has scheduled a drain that has not yet taken the queue.
    scheduled: bool,
    /// The bridge is gone: nothing is queued any more and the waker thread ends.
    closed: bool,
}

/// The half of a bridge that workers use.
struct Inbox {
    queue: Mutex<Queue>,
    ready: Condvar,
    wake: Wake,
}

impl Inbox {
    fn new(wake: Wake) -> Arc<Self> {
        Arc::new(Self {
            queue: Mutex::default(),
            ready: Condvar::new(),
            wake,
        })
    }

    /// Queues a completion; wakes the loop unless an earlier one already did.
    fn push(&self, completion: Completion) {
        let was_empty = {
            let mut queue = lock(&self.queue);
            if queue.closed {
                return;
            }
            queue.completions.push(completion);
            queue.completions.len() == 1
        };
        if was_empty {
            match &self.wake {
                // WouldBlock means bytes are already waiting, so the loop will drain anyway.
                #[cfg(unix)]
                Wake::Socket(socket) => {
                    let _ = (&*socket).write(&[1]);
                }
                Wake::Thread => self.ready.notify_one(),
            }
        }
    }

    /// Everything queued so far (the drain's batch).
    fn take(&self) -> Vec<Completion> {
        let mut queue = lock(&self.queue);
        queue.scheduled = false;
        std::mem::take(&mut queue.completions)
    }

    /// Refuses further completions and ends the waker thread.
    fn close(&self) {
        lock(&self.queue).closed = true;
        self.ready.notify_all();
    }

    /// For the waker thread: blocks until a batch waits for a drain that is not yet
    /// scheduled, and marks it scheduled. False once the bridge is gone.
    fn next_batch(&self) -> bool {
        let mut queue = lock(&self.queue);
        loop {
            if queue.closed {
                return false;
            }
            if !queue.completions.is_empty() && !queue.scheduled {
                queue.scheduled = true;
                return true;
            }
            queue = self.ready.wait(queue).unwrap_or_else(|p| p.into_inner());
        }
    }
}

/// A call in flight: the asyncio future it will complete and its Rust task.
struct Pending {
    serial: u64,
    future: Py<PyAny>,
    abort: AbortHandle,
}

/// A bridge's Rust state, taken out when the bridge shuts down.
struct Live {
    inbox: Arc<Inbox>,
    pending: HashMap<FutureAddress, Pending>,
    /// The read end of the socket pair, watched by the loop (socket wake-ups only).
    #[cfg(unix)]
    woken: Option<UnixStream>,
}

/// One event loop's end of the bridge (see the module docs).
#[pyclass(module = "fastconverse._native", name = "_LoopBridge", frozen, weakref)]
pub struct LoopBridge {
    /// The process that made it: in a child after `fork`, its Rust state is not ours.
    pid: u32,
    /// Weak, so that the bridge never keeps its loop alive.
    event_loop: Py<PyWeakrefReference>,
    /// None once shut down.
    live: Mutex<Option<Live>>,
    /// The serial number of the next call.
    next_serial: AtomicU64,
}

impl LoopBridge {
    fn new(event_loop: &Bound<'_, PyAny>, wake: Wake) -> PyResult<Self> {
        Ok(Self {
            pid: std::process::id(),
            event_loop: PyWeakrefReference::new(event_loop)?.unbind(),
            live: Mutex::new(Some(Live {
                inbox: Inbox::new(wake),
                pending: HashMap::new(),
                #[cfg(unix)]
                woken: None,
            })),
            next_serial: AtomicU64::new(0),
        })
    }

    fn inbox(&self) -> Option<Arc<Inbox>> {
        lock(&self.live).as_ref().map(|live| live.inbox.clone())
    }

    /// Stops everything: aborts the pending tasks (their requests are dropped), wakes
    /// the waker thread to end, closes the sockets. In a child after `fork`, detaches
    /// instead (see [`Self::detach_after_fork`]).
    fn shut_down(&self) {
        if self.pid != std::process::id() {
            self.detach_after_fork(None);
            return;
        }
        let Some(live) = lock(&self.live).take() else {
            return;
        };
        live.inbox.close();
        for pending in live.pending.values() {
            pending.abort.abort();
        }
        // Dropped here, outside the lock: the futures, the read end of the socket pair.
    }

    /// In a child after `fork`: forgets the Rust state inherited from the parent (its
    /// tasks, inbox and waker belonged to the parent's runtime and threads, whose locks
    /// may be held forever), closes this process's copy of the read end, and removes the
    /// loop's reader for it. Closing first keeps the parent's watch: an epoll set is
    /// shared across fork, and removing an fd that is already closed only forgets it here.
    fn detach_after_fork(&self, event_loop: Option<&Bound<'_, PyAny>>) {
        #[cfg(not(unix))]
        let _ = event_loop; // without a socket pair there is no reader to remove
        let Some(live) = lock(&self.live).take() else {
            return;
        };
        let Live {
            inbox,
            pending,
            #[cfg(unix)]
            woken,
        } = live;
        std::mem::forget(inbox);
        for (_, Pending { future, abort, .. }) in pending {
            std::mem::forget(abort);
            drop(future);
        }
        #[cfg(unix)]
        if let Some(woken) = woken {
            let fd = woken.as_raw_fd();
            drop(woken);
            if let Some(event_loop) = event_loop {
                // A loop that never watched it, or closed since, has nothing to remove.
                let _ =
                    event_loop.call_method1(pyo3::intern!(event_loop.py(), "remove_reader"), (fd,));
            }
        }
    }

    /// Passes an error raised while delivering a result to the loop's exception handler,
    /// as asyncio does for a callback that raises.
    fn report(&self, py: Python<'_>, error: PyErr, future: &Bound<'_, PyAny>) {
        let context = PyDict::new(py);
        let reported = context
            .set_item("message", "fastconverse: delivering a call's result failed")
            .and_then(|()| context.set_item("exception", error.value(py)))
            .and_then(|()| context.set_item("future", future))
            .and_then(|()| match self.event_loop.bind(py).upgrade() {
                Some(event_loop) => event_loop
                    .call_method1(pyo3::intern!(py, "call_exception_handler"), (context,))
                    .map(drop),
                None => Err(error.clone_ref(py)),
            });
        if let Err(err) = reported {
            err.write_unraisable(py, Some(future));
        }
    }
}

#[pymethods]
impl LoopBridge {
    /// Called on the loop's thread when results are queued: delivers every one of them.
    /// An error while delivering one goes to the loop's exception handler; the rest of
    /// the batch is delivered all the same.
    fn drain(&self, py: Python<'_>) {
        if self.pid != std::process::id() {
            // The parent's bridge, woken in a child that runs the parent's loop: leave
            // the parent's wake-up byte and queue alone.
            let event_loop = self.event_loop.bind(py).upgrade();
            self.detach_after_fork(event_loop.as_ref());
            return;
        }
        let batch = {
            let mut live = lock(&self.live);
            let Some(live) = live.as_mut() else {
                return;
            };
            #[cfg(unix)]
            if let Some(woken) = &live.woken {
                let mut sink = [0u8; 256];
                loop {
                    match (&*woken).read(&mut sink) {
                        Ok(n) if n == sink.len() => continue,
                        Ok(_) => break,
                        Err(err) if err.kind() == ErrorKind::Interrupted => continue,
                        Err(_) => break,
                    }
                }
            }
            let completions = live.inbox.take();
            let mut batch = Vec::with_capacity(completions.len());
            for Completion { key, deliver } in completions {
                // Gone: the call was cancelled, and its result is dropped.
                if let Entry::Occupied(pending) = live.pending.entry(key.future) {
                    if pending.get().serial == key.serial {
                        batch.push((pending.remove().future, deliver));
                    }
                }
            }
            batch
        };
        // No lock is held from here on: delivering runs Python code, which may start calls.
        for (future, deliver) in batch {
            let future = future.into_bound(py);
            let delivered = match deliver(py) {
                Ok(value) => future.call_method1(pyo3::intern!(py, "set_result"), (value,)),
                Err(err) => {
                    future.call_method1(pyo3::intern!(py, "set_exception"), (err.into_value(py),))
                }
            };
            if let Err(error) = delivered {
                // Cancelled after its result was queued (its done-callback has not run
                // yet): the result is dropped, as for any cancelled call.
                let cancelled = future
                    .call_method0(pyo3::intern!(py, "cancelled"))
                    .and_then(|c| c.is_truthy())
                    .unwrap_or(false);
                if !cancelled {
                    self.report(py, error, &future);
                }
            }
        }
    }

    /// Each call's done-callback: a call whose future was finished by anyone but the
    /// bridge (cancelled, in practice) has its Rust task aborted, closing its request.
    fn _on_done(&self, future: &Bound<'_, PyAny>) {
        let pending = lock(&self.live)
            .as_mut()
            .and_then(|live| live.pending.remove(&address_of(future)));
        if let Some(pending) = pending {
            pending.abort.abort();
        }
    }

    /// Keeps a bridge with a waker thread alive while its loop is open, as a reader
    /// registration does: a timer far ahead, re-armed when it fires, which `loop.close()`
    /// drops along with the loop's other callbacks.
    fn _hold(slf: &Bound<'_, Self>) -> PyResult<()> {
        let py = slf.py();
        if let Some(event_loop) = slf.get().event_loop.bind(py).upgrade() {
            event_loop.call_method1(
                pyo3::intern!(py, "call_later"),
                (HOLD_SECONDS, slf.getattr(pyo3::intern!(py, "_hold"))?),
            )?;
        }
        Ok(())
    }

    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        visit.call(&self.event_loop)?;
        // Never contended while the GIL is held; skipping is safe should it be.
        if let Ok(live) = self.live.try_lock() {
            if let Some(live) = live.as_ref() {
                for pending in live.pending.values() {
                    visit.call(&pending.future)?;
                }
            }
        }
        Ok(())
    }

    fn __clear__(&self) {
        self.shut_down();
    }
}

impl Drop for LoopBridge {
    fn drop(&mut self) {
        self.shut_down();
    }
}

/// How far ahead the timer that holds a bridge with a waker thread is set (a day).
const HOLD_SECONDS: f64 = 86_400.0;

/// The process's bridges, by the address of their loop; both held weakly.
struct Registry {
    pid: u32,
    bridges: HashMap<usize, RegistryEntry>,
}

struct RegistryEntry {
    event_loop: Py<PyWeakrefReference>,
    bridge: Py<PyWeakrefReference>,
}

impl RegistryEntry {
    /// The bridge, if its loop is `event_loop` and both are alive.
    fn bridge_of<'py>(&self, event_loop: &Bound<'py, PyAny>) -> Option<Bound<'py, LoopBridge>> {
        let py = event_loop.py();
        let found = self.event_loop.bind(py).upgrade()?;
        if !found.is(event_loop) {
            return None;
        }
        self.bridge
            .bind(py)
            .upgrade()?
            .cast_into::<LoopBridge>()
            .ok()
    }

    fn is_alive(&self, py: Python<'_>) -> bool {
        self.event_loop.bind(py).upgrade().is_some() && self.bridge.bind(py).upgrade().is_some()
    }
}

/// Only used with the GIL held (so never contended), but a Mutex keeps it `Sync`.
static REGISTRY: Mutex<Option<Registry>> = Mutex::new(None);
static GET_RUNNING_LOOP: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The loop's bridge, made and registered with the loop on first use.
fn bridge_of<'py>(
    py: Python<'py>,
    event_loop: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, LoopBridge>> {
    let pid = std::process::id();
    let inherited = {
        let mut registry = lock(&REGISTRY);
        let registry = registry.get_or_insert_with(|| Registry {
            pid,
            bridges: HashMap::new(),
        });
        if registry.pid == pid {
            if let Some(bridge) = registry
                .bridges
                .get(&(event_loop.as_ptr() as usize))
                .and_then(|entry| entry.bridge_of(event_loop))
            {
                return Ok(bridge);
            }
            Vec::new()
        } else {
            registry.pid = pid;
            std::mem::take(&mut registry.bridges)
                .into_values()
                .collect()
        }
    };
    // A child after fork: the parent's bridges are detached, and every loop starts afresh.
    for entry in inherited {
        let (event_loop, bridge) = (
            entry.event_loop.bind(py).upgrade(),
            entry.bridge.bind(py).upgrade(),
        );
        if let Some(bridge) = bridge.and_then(|b| b.cast_into::<LoopBridge>().ok()) {
            bridge.get().detach_after_fork(event_loop.as_ref());
        }
    }
    let bridge = new_bridge(py, event_loop)?;
    let entry = RegistryEntry {
        event_loop: PyWeakrefReference::new(event_loop)?.unbind(),
        bridge: PyWeakrefReference::new(&bridge)?.unbind(),
    };
    let mut registry = lock(&REGISTRY);
    if let Some(registry) = registry.as_mut() {
        // Entries of loops or bridges that are gone go now, while there are few.
        registry.bridges.retain(|_, entry| entry.is_alive(py));
        registry.bridges.insert(event_loop.as_ptr() as usize, entry);
    }
    Ok(bridge)
}

/// A new bridge for `event_loop`: woken through its `add_reader` where it has one (Unix),
/// else by a waker thread.
fn new_bridge<'py>(
    py: Python<'py>,
    event_loop: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, LoopBridge>> {
    #[cfg(unix)]
    {
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
        let bridge = LoopBridge::new(event_loop, Wake::Socket(wake))?;
        if let Some(live) = lock(&bridge.live).as_mut() {
            live.woken = Some(woken);
        }
        let bridge = Bound::new(py, bridge)?;
        match event_loop.call_method1(
            pyo3::intern!(py, "add_reader"),
            (fd, bridge.getattr(pyo3::intern!(py, "drain"))?),
        ) {
            Ok(_) => return Ok(bridge),
            // This bridge, with no calls yet, closes its sockets as it drops.
            Err(err) if err.is_instance_of::<pyo3::exceptions::PyNotImplementedError>(py) => {}
            Err(err) => return Err(err),
        }
    }
    let bridge = Bound::new(py, LoopBridge::new(event_loop, Wake::Thread)?)?;
    LoopBridge::_hold(&bridge)?;
    spawn_waker(&bridge)?;
    Ok(bridge)
}

/// Starts the waker thread of a bridge whose loop has no `add_reader`: it waits for a
/// batch, then has the loop drain it (one `call_soon_threadsafe` per batch). It holds the
/// bridge weakly and ends when the bridge goes.
fn spawn_waker(bridge: &Bound<'_, LoopBridge>) -> PyResult<()> {
    let inbox = bridge
        .get()
        .inbox()
        .ok_or_else(|| PyRuntimeError::new_err("the asyncio bridge is closed"))?;
    let weak = PyWeakrefReference::new(bridge)?.unbind();
    std::thread::Builder::new()
        .name("fastconverse-wk".into())
        .spawn(move || {
            while inbox.next_batch() {
                if python_exiting() || !Python::attach(|py| schedule_drain(py, &weak)) {
                    break;
                }
            }
            // `weak` is dropped without the GIL: pyo3 releases it when next it can.
        })
        .map(drop)
        .map_err(|err| {
            PyRuntimeError::new_err(format!("cannot start the asyncio waker thread: {err}"))
        })
}

/// Schedules the bridge's drain on its loop; false when the bridge or its loop is gone.
fn schedule_drain(py: Python<'_>, bridge: &Py<PyWeakrefReference>) -> bool {
    let Some(bridge) = bridge.bind(py).upgrade() else {
        return false;
    };
    let Ok(bridge) = bridge.cast_into::<LoopBridge>() else {
        return false;
    };
    let Some(event_loop) = bridge.get().event_loop.bind(py).upgrade() else {
        return false;
    };
    // A closed loop refuses; its bridge goes with it (the batch stays marked scheduled,
    // so the thread sleeps until then).
    let _ = bridge
        .getattr(pyo3::intern!(py, "drain"))
        .and_then(|drain| {
            event_loop.call_method1(pyo3::intern!(py, "call_soon_threadsafe"), (drain,))
        });
    true
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
    let bridge = bridge_of(py, event_loop)?;
    let inbox = bridge
        .get()
        .inbox()
        .ok_or_else(|| PyRuntimeError::new_err("the asyncio bridge is closed"))?;
    let future = event_loop.call_method0(pyo3::intern!(py, "create_future"))?;
    let key = CallKey {
        future: address_of(&future),
        serial: bridge.get().next_serial.fetch_add(1, Ordering::Relaxed),
    };
    let task = runtime::handle().spawn(async move {
        let output = CatchUnwind(fut).await;
        inbox.push(Completion {
            key,
            deliver: Box::new(move |py| match output {
                Ok(value) => convert(py, value),
                Err(panic) => Err(panic_error(py, panic)),
            }),
        });
    });
    // The task cannot be delivered before this: drains run on this thread, under the GIL.
    let pending = Pending {
        serial: key.serial,
        future: future.clone().unbind(),
        abort: task.abort_handle(),
    };
    if let Some(live) = lock(&bridge.get().live).as_mut() {
        live.pending.insert(key.future, pending);
    }
    let on_done = bridge.getattr(pyo3::intern!(py, "_on_done"))?;
    if let Err(err) = future.call_method1(pyo3::intern!(py, "add_done_callback"), (on_done,)) {
        bridge.get()._on_done(&future);
        return Err(err);
    }
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
