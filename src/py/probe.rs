//! Private test hooks: the response decoder without HTTP, so that tests can compare it with
//! botocore's own parsers on the same bytes (tests/test_wire_decode.py).

use std::collections::HashMap;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::value::to_py;
use crate::wire::decode::{self, EventHeaders, EventOutcome};
use crate::wire::{generated, Value};

fn value_error(e: decode::DecodeError) -> PyErr {
    PyValueError::new_err(e.to_string())
}

/// A successful response body of `operation` ("Converse" or "CountTokens") as boto3's dict,
/// without `ResponseMetadata`; `ValueError` where botocore's parser raises.
#[pyfunction(name = "_decode_response")]
fn decode_response<'py>(
    py: Python<'py>,
    operation: &str,
    body: &[u8],
) -> PyResult<Bound<'py, PyDict>> {
    let shape = match operation {
        "Converse" => generated::CONVERSE_RESPONSE,
        "CountTokens" => generated::COUNT_TOKENS_RESPONSE,
        other => {
            return Err(PyValueError::new_err(format!(
                "unknown operation {other:?}: Converse or CountTokens"
            )))
        }
    };
    let value = decode::response(shape, body).map_err(value_error)?;
    Ok(to_py(py, value)?.cast_into::<PyDict>()?)
}

/// One ConverseStream event-stream message (its headers, e.g. `":event-type"`, and
/// payload): the event dict boto3 yields, `None` where boto3 yields nothing, or
/// `{"error": response}` where boto3 raises `EventStreamError` whose `.response` is
/// `response`; `ValueError` where botocore's parser raises.
#[pyfunction(name = "_decode_event")]
fn decode_event<'py>(
    py: Python<'py>,
    headers: HashMap<String, String>,
    payload: &[u8],
) -> PyResult<Option<Bound<'py, PyDict>>> {
    let header = |name: &str| headers.get(name).map(String::as_str);
    let event_headers = EventHeaders {
        message_type: header(":message-type"),
        event_type: header(":event-type"),
        exception_type: header(":exception-type"),
        error_code: header(":error-code"),
        error_message: header(":error-message"),
    };
    let value = match decode::event(&event_headers, payload).map_err(value_error)? {
        EventOutcome::Event(value) => value,
        EventOutcome::Skip => return Ok(None),
        EventOutcome::Exception(body) => {
            Value::Map(vec![("error".to_owned(), body.into_response(None))])
        }
    };
    Ok(Some(to_py(py, value)?.cast_into::<PyDict>()?))
}

/// An error response (`status` >= 301; header names in any case) as boto3's
/// `ClientError.response`, without `ResponseMetadata`.
#[pyfunction(name = "_decode_error")]
fn decode_error<'py>(
    py: Python<'py>,
    status: u16,
    headers: HashMap<String, String>,
    body: &[u8],
) -> PyResult<Bound<'py, PyDict>> {
    let headers: Vec<(String, String)> = headers
        .into_iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), v))
        .collect();
    let body = decode::error(status, &headers, body);
    Ok(to_py(py, body.into_response(None))?.cast_into::<PyDict>()?)
}

/// Adds the hooks to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(decode_response, m)?)?;
    m.add_function(wrap_pyfunction!(decode_event, m)?)?;
    m.add_function(wrap_pyfunction!(decode_error, m)?)?;
    Ok(())
}
