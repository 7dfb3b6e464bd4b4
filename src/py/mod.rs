//! Python bindings: PyO3 classes, the GIL, signals, awaitables and iterators.

mod asyncio;
mod catalog;
mod client;
mod de;
mod errors;
mod exit;
mod local;
mod logs;
mod many;
mod probe;
mod stream;
mod value;
mod wait;

use pyo3::prelude::*;

/// Adds every class and function to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    exit::register(m.py())?;
    logs::init(m)?;
    errors::register(m)?;
    client::register(m)?;
    catalog::register(m)?;
    local::register(m)?;
    many::register(m)?;
    stream::register(m)?;
    probe::register(m)?;
    Ok(())
}
