//! Waiting on the runtime from Python: sync calls that answer Ctrl-C (awaitables are in
//! `asyncio.rs`).

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::mpsc::RecvTimeoutError;
use std::task::{Context, Poll};
use std::time::Duration;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

use super::errors::panic_error;
use super::logs;
use crate::core::runtime;

/// How long a sync call sleeps without the GIL before it runs Python's signal handlers.
const SIGNAL_SLICE: Duration = Duration::from_millis(40);

type Panic = Box<dyn std::any::Any + Send>;

/// A future whose panics come out as values, so they can be raised as exceptions.
pub(crate) struct CatchUnwind<F>(pub(crate) F);

impl<F: Future> Future for CatchUnwind<F> {
    type Output = Result<F::Output, Panic>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // SAFETY: structural pinning of the only field; it is never moved out.
        let inner = unsafe { self.map_unchecked_mut(|this| &mut this.0) };
        match std::panic::catch_unwind(AssertUnwindSafe(|| inner.poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(value)) => Poll::Ready(Ok(value)),
            Err(panic) => Poll::Ready(Err(panic)),
        }
    }
}

/// Runs `fut` to completion on the runtime without the GIL, waking every few tens of
/// milliseconds to run Python's signal handlers. If one raises (Ctrl-C), the task is
/// aborted, which drops the future and closes its request, and the exception propagates.
///
/// The future runs as a task on a worker rather than being polled on this thread: the
/// connection task it drives then runs on the same worker, so a call costs two thread
/// wake-ups (start, finish) rather than one per round trip between them.
pub fn wait<F>(py: Python<'_>, fut: F) -> PyResult<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let (done_tx, mut done_rx) = std::sync::mpsc::sync_channel(1);
    let task = runtime::handle().spawn(async move {
        // The receiver is gone only when the caller gave up (Ctrl-C): nothing to tell.
        let _ = done_tx.send(CatchUnwind(fut).await);
    });
    loop {
        // `&mut` so that the closure is Send (a Receiver is Send but not Sync).
        let receiver = &mut done_rx;
        let outcome = py.detach(move || receiver.recv_timeout(SIGNAL_SLICE));
        if outcome.is_ok() {
            // What the call logged reaches `logging` before the caller looks.
            logs::flush(py);
        }
        match outcome {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(panic)) => return Err(panic_error(py, panic)),
            Err(RecvTimeoutError::Timeout) => {
                if let Err(interrupted) = py.check_signals() {
                    task.abort();
                    return Err(interrupted);
                }
            }
            Err(RecvTimeoutError::Disconnected) => {
                return Err(PyRuntimeError::new_err(
                    "the fastconverse runtime stopped before the call finished",
                ))
            }
        }
    }
}
