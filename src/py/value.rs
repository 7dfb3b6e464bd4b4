//! [`Value`] -> Python objects, one for one: the last step of every response and event,
//! and the response dict with its `ResponseMetadata`.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use std::collections::HashMap;

use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyString};
use pyo3::{ffi, IntoPyObjectExt};

use crate::core::{Response, ResponseMetadata};
use crate::wire::generated::SHAPES;
use crate::wire::model::Kind;
use crate::wire::Value;

/// Deeper than any value the JSON reader (bounded at 1000 levels) and the decoder (a few
/// levels more) can give; a bound on this function's recursion for values built elsewhere.
const MAX_DEPTH: usize = 1100;

/// `value` as Python: `Map` -> `dict` (in order), `List` -> `list`, `Str` -> `str`,
/// `Bytes` -> `bytes`, `Int`/`BigInt` -> `int` (exact), `Float` -> `float`, `Bool` -> `bool`,
/// `Null` -> `None`. Fails only past [`MAX_DEPTH`] levels of nesting, or if Python does.
pub fn to_py<'py>(py: Python<'py>, value: Value) -> PyResult<Bound<'py, PyAny>> {
    convert(py, value, 0)
}

fn convert<'py>(py: Python<'py>, value: Value, depth: usize) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, b).to_owned().into_any(),
        Value::Int(n) => n.into_bound_py_any(py)?,
        Value::BigInt(text) => big_int(py, &text)?,
        Value::Float(x) => PyFloat::new(py, x).into_any(),
        Value::Str(s) => string(py, &s)?,
        Value::Bytes(b) => PyBytes::new(py, &b).into_any(),
        Value::List(items) => {
            check_depth(depth)?;
            let len = ffi::Py_ssize_t::try_from(items.len())
                .map_err(|_| PyValueError::new_err("list too long"))?;
            // SAFETY: PyList_New returns a new reference (or NULL with an exception set);
            // each slot 0..len is filled exactly once by PyList_SetItem, which steals the
            // reference it is given, before the list is handed to Python code.
            let list = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyList_New(len))? };
            for (i, item) in items.into_iter().enumerate() {
                let item = convert(py, item, depth + 1)?;
                // `i < len`, which fits in Py_ssize_t.
                let rc = unsafe {
                    ffi::PyList_SetItem(list.as_ptr(), i as ffi::Py_ssize_t, item.into_ptr())
                };
                if rc != 0 {
                    return Err(PyErr::fetch(py));
                }
            }
            list
        }
        Value::Map(entries) => {
            check_depth(depth)?;
            let dict = PyDict::new(py);
            for (key, item) in entries {
                let item = convert(py, item, depth + 1)?;
                let key = match member_name(py, &key) {
                    Some(name) => name.clone_ref(py).into_bound(py).into_any(),
                    None => string(py, &key)?,
                };
                // SAFETY: three live objects; PyDict_SetItem does not steal references.
                let rc = unsafe { ffi::PyDict_SetItem(dict.as_ptr(), key.as_ptr(), item.as_ptr()) };
                if rc != 0 {
                    return Err(PyErr::fetch(py));
                }
            }
            dict.into_any()
        }
    })
}

/// The member names of every shape in the service model (the keys of every response,
/// event and error dict), as interned strings made once: a key then costs a lookup and
/// a reference, where a new string costs an allocation, a copy and, in the dict, a hash
/// (interned strings carry theirs). Keys the model does not name (a document's, a tool
/// input's) are made as before.
fn member_name(py: Python<'_>, key: &str) -> Option<&'static Py<PyString>> {
    type Names = HashMap<&'static str, Py<PyString>, foldhash::fast::FixedState>;
    static NAMES: PyOnceLock<Names> = PyOnceLock::new();
    NAMES
        .get_or_init(py, || {
            let mut names = Names::default();
            for shape in &SHAPES {
                if let Kind::Structure(structure) = &shape.kind {
                    for member in structure.members {
                        names
                            .entry(member.name)
                            .or_insert_with(|| PyString::intern(py, member.name).unbind());
                    }
                }
            }
            names
        })
        .get(key)
}

/// A `str` from UTF-8 text (one call, no intermediate checks).
#[inline]
fn string<'py>(py: Python<'py>, s: &str) -> PyResult<Bound<'py, PyAny>> {
    let len =
        ffi::Py_ssize_t::try_from(s.len()).map_err(|_| PyValueError::new_err("string too long"))?;
    // SAFETY: `s` is valid UTF-8 of `len` bytes; the call copies it and returns a new
    // reference or NULL with an exception set.
    unsafe {
        Bound::from_owned_ptr_or_err(py, ffi::PyUnicode_FromStringAndSize(s.as_ptr().cast(), len))
    }
}

fn check_depth(depth: usize) -> PyResult<()> {
    if depth >= MAX_DEPTH {
        return Err(PyValueError::new_err(
            "value nested too deeply to convert to Python",
        ));
    }
    Ok(())
}

/// An `int` from decimal text (sign included), exactly.
fn big_int<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    let c = std::ffi::CString::new(text)
        .map_err(|_| PyValueError::new_err("integer text holds a NUL"))?;
    // SAFETY: `c` is a NUL-terminated string that outlives the call; PyLong_FromString
    // returns a new reference or NULL with an exception set.
    unsafe {
        Bound::from_owned_ptr_or_err(
            py,
            ffi::PyLong_FromString(c.as_ptr(), std::ptr::null_mut(), 10),
        )
    }
}

/// boto3's `ResponseMetadata` dict.
pub fn metadata_dict<'py>(
    py: Python<'py>,
    metadata: &ResponseMetadata,
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    // botocore sets RequestId from the x-amzn-RequestId header, and only when it is there.
    if let Some((_, id)) = metadata
        .http_headers
        .iter()
        .find(|(name, _)| name == "x-amzn-requestid")
    {
        dict.set_item("RequestId", id)?;
    }
    dict.set_item("HTTPStatusCode", metadata.http_status_code)?;
    let headers = PyDict::new(py);
    for (name, value) in &metadata.http_headers {
        headers.set_item(name, value)?;
    }
    dict.set_item("HTTPHeaders", headers)?;
    // botocore's retry handler adds MaxAttemptsReached before RetryAttempts is set.
    if metadata.max_attempts_reached {
        dict.set_item("MaxAttemptsReached", true)?;
    }
    dict.set_item("RetryAttempts", metadata.retry_attempts)?;
    Ok(dict)
}

/// A response body as boto3's dict, `ResponseMetadata` included.
pub(crate) fn response_to_py(py: Python<'_>, response: Response<Value>) -> PyResult<Py<PyAny>> {
    let body = to_py(py, response.body)?;
    let dict = body
        .cast_into::<PyDict>()
        .map_err(|_| PyValueError::new_err("the response is not a structure"))?;
    dict.set_item("ResponseMetadata", metadata_dict(py, &response.metadata)?)?;
    Ok(dict.into_any().unbind())
}
