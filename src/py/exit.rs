//! The interpreter's exit: once it begins, threads of the runtime leave Python alone.
//!
//! Calls, streams and runs still in flight when the interpreter exits keep running on the
//! runtime's threads, which Python does not join. Anything there that would take the
//! GIL (a log record on its way to `logging`, the reader of converse_many's input)
//! would find an interpreter being torn down: pyo3 panics, once per call, with "The
//! Python interpreter is not initialized". An `atexit` hook, which Python runs before
//! it tears anything down, raises a flag that those places check first.

use std::sync::atomic::{AtomicBool, Ordering};

use pyo3::prelude::*;
use pyo3::types::{PyCFunction, PyDict, PyTuple};

static EXITING: AtomicBool = AtomicBool::new(false);

/// Whether the interpreter has begun to exit: no thread of ours may take the GIL then.
pub fn python_exiting() -> bool {
    EXITING.load(Ordering::Acquire)
}

/// Registers the hook with `atexit`.
pub fn register(py: Python<'_>) -> PyResult<()> {
    let hook = PyCFunction::new_closure(
        py,
        Some(c"_fastconverse_at_exit"),
        Some(c"Tells fastconverse's runtime threads that the interpreter is exiting."),
        |_args: &Bound<'_, PyTuple>, _kwargs: Option<&Bound<'_, PyDict>>| {
            EXITING.store(true, Ordering::Release);
        },
    )?;
    py.import("atexit")?.call_method1("register", (hook,))?;
    Ok(())
}
