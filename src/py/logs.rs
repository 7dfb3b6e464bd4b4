//! Rust `log` records into Python's `logging`, under the `fastconverse` logger (pyo3-log).
//!
//! Only targets under `fastconverse` pass (`fastconverse::core::many` becomes the Python
//! logger `fastconverse.core.many`); every other crate's records, the SDK's included,
//! are dropped in Rust, so that nothing a dependency logs (aws-sigv4's canonical
//! requests, for one) can reach a handler. pyo3-log caches each Python logger and its
//! effective level, so a disabled level costs a cache lookup and no GIL; the cache is
//! cleared whenever Python's logging clears its own (`setLevel`, `logging.disable`,
//! `dictConfig`), so level changes take effect at once.

use log::LevelFilter;
use pyo3::prelude::*;
use pyo3::types::{PyCFunction, PyDict, PyTuple};
use pyo3_log::{Caching, Logger, ResetHandle};

use super::exit::python_exiting;

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

/// Installs the bridge once per process; a second import (or another extension that
/// installed a `log` logger first) leaves the existing one in place.
pub fn init(py: Python<'_>) -> PyResult<()> {
    let hooked = can_hook(py);
    let caching = if hooked {
        Caching::LoggersAndLevels
    } else {
        // Without the hook a cached level could go stale: cache the loggers only.
        Caching::Loggers
    };
    let logger = Logger::new(py, caching)?
        .filter(LevelFilter::Off)
        .filter_target("fastconverse".to_owned(), LevelFilter::Trace);
    let handle = logger.reset_handle();
    if log::set_boxed_logger(Box::new(UntilExit(logger))).is_err() {
        return Ok(());
    }
    log::set_max_level(LevelFilter::Trace);
    if hooked {
        hook(py, handle)?;
    }
    Ok(())
}

/// pyo3-log's logger, silent once the interpreter has begun to exit: a record from a
/// runtime thread then would take the GIL of an interpreter being torn down.
struct UntilExit(Logger);

impl log::Log for UntilExit {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        !python_exiting() && self.0.enabled(metadata)
    }

    fn log(&self, record: &log::Record<'_>) {
        if !python_exiting() {
            self.0.log(record);
        }
    }

    fn flush(&self) {
        if !python_exiting() {
            self.0.flush();
        }
    }
}

/// Whether this Python's logging has the cache-clearing method the hook chains onto.
fn can_hook(py: Python<'_>) -> bool {
    py.import("logging")
        .and_then(|logging| logging.getattr("Logger")?.getattr("manager"))
        .map(|manager| manager.hasattr("_clear_cache").unwrap_or(false))
        .unwrap_or(false)
}

/// Chains `handle.reset()` onto Python's logger-cache clearing.
fn hook(py: Python<'_>, handle: ResetHandle) -> PyResult<()> {
    let reset = PyCFunction::new_closure(
        py,
        Some(c"_fastconverse_reset_log_cache"),
        Some(c"Clears fastconverse's cache of Python logger levels."),
        move |_args: &Bound<'_, PyTuple>, _kwargs: Option<&Bound<'_, PyDict>>| {
            handle.reset();
        },
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
