//! fastconverse: a fast Python client for the Amazon Bedrock Converse API.
//!
//! Four layers, each a folder: `py` (bindings) -> `wire` (shapes in boto3's layout)
//! -> `core` (async Rust on the SDK), with `catalog` (which model supports what) and
//! `emulator` (LocalBedrock, which uses the catalog and the wire rules) beside them.
//! This file only wires the Python module together.

pub mod catalog;
pub mod core;
pub mod emulator;
pub mod wire;

mod py;

use pyo3::prelude::*;

/// The native half of fastconverse; the Python package re-exports what users need.
#[pymodule]
#[pyo3(name = "_native")]
fn native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    py::register(m)
}
