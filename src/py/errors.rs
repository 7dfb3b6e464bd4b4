//! The one place where Rust errors become Python exceptions. The classes live in
//! `fastconverse.errors`, which the package hands over once at import
//! (`_native._install_errors`): the native module never imports the package.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyType};

use crate::core::{CoreError, ServiceError};
use crate::wire::Value;

use super::de::ParamError;
use super::value::{metadata_dict, to_py};

static ERRORS_MODULE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Takes the exception classes (the `fastconverse.errors` module, or any object with
/// its names) once, at the package's import.
#[pyfunction(name = "_install_errors")]
fn install_errors(py: Python<'_>, module: Bound<'_, PyAny>) -> PyResult<()> {
    // A second install (a reloaded package) keeps the first: classes already raised stay
    // the classes that `except` clauses compare against.
    let _ = ERRORS_MODULE.set(py, module.unbind());
    Ok(())
}

fn errors_module(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    ERRORS_MODULE.get(py).map(|m| m.bind(py)).ok_or_else(|| {
        PyRuntimeError::new_err("fastconverse._native is used without the fastconverse package")
    })
}

/// An exception class of `fastconverse.errors`, by name.
pub fn class<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyType>> {
    Ok(errors_module(py)?.getattr(name)?.cast_into::<PyType>()?)
}

fn raise(py: Python<'_>, class_name: &str, message: String) -> PyErr {
    match class(py, class_name).and_then(|cls| cls.call1((message,))) {
        Ok(instance) => PyErr::from_value(instance),
        Err(err) => err,
    }
}

/// boto3's `response` dict of a service error: `Error`, then (outside a stream)
/// `ResponseMetadata`, without `RequestId` for a generic error, as botocore leaves it out,
/// then the modelled error's members, as botocore merges them in.
fn service_response(py: Python<'_>, service: ServiceError) -> PyResult<Bound<'_, PyDict>> {
    let body = service.body;
    let response = PyDict::new(py);
    response.set_item("Error", to_py(py, Value::Map(body.error))?)?;
    if !service.in_stream {
        let metadata = metadata_dict(py, &service.metadata)?;
        if body.generic {
            metadata.del_item("RequestId").ok();
        }
        response.set_item("ResponseMetadata", metadata)?;
    }
    for (key, value) in body.members {
        response.set_item(key, to_py(py, value)?)?;
    }
    Ok(response)
}

/// The exception for a failed call of `operation` (boto3's name, e.g. `Converse`).
pub fn to_pyerr(py: Python<'_>, err: CoreError, operation: &str) -> PyErr {
    let built = match err {
        CoreError::Service(service) => (|| {
            let service = *service;
            let cls = errors_module(py)?
                .getattr("error_class_for")?
                .call1((service.code(),))?;
            let kwargs = PyDict::new(py);
            kwargs.set_item("code", service.code())?;
            kwargs.set_item("status_code", service.metadata.http_status_code)?;
            kwargs.set_item("request_id", &service.metadata.request_id)?;
            kwargs.set_item("operation_name", operation)?;
            let message = service.message().to_owned();
            kwargs.set_item("response", service_response(py, service)?)?;
            Ok::<_, PyErr>(PyErr::from_value(cls.call((message,), Some(&kwargs))?))
        })(),
        CoreError::NoCredentials(msg) => Ok(raise(py, "NoCredentialsError", msg)),
        CoreError::NoRegion(msg) => Ok(raise(py, "NoRegionError", msg)),
        CoreError::InvalidConfig(msg) => Ok(raise(py, "ClientConfigError", msg)),
        CoreError::InvalidRequest(msg) => Ok(raise(py, "ParamValidationError", msg)),
        CoreError::InvalidParameter { path, message } => Ok(param_error(
            py,
            ParamError {
                path: path.clone(),
                message: message.clone(),
            },
        )),
        CoreError::Connect(msg) => Ok(raise(py, "EndpointConnectionError", msg)),
        CoreError::Timeout(msg) => Ok(raise(py, "RequestTimeoutError", msg)),
        CoreError::InvalidResponse(msg) => Ok(raise(py, "InvalidResponseError", msg)),
        CoreError::Internal(msg) => Ok(raise(py, "InternalError", msg)),
    };
    built.unwrap_or_else(|err| err)
}

/// `ClientConfigError` (a `BedrockError` and a `ValueError`) for a bad client argument.
pub fn config_error(py: Python<'_>, message: String) -> PyErr {
    raise(py, "ClientConfigError", message)
}

/// Adds `_install_errors` to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(install_errors, m)?)
}

/// `ParamValidationError` for bad input, naming the field.
pub fn param_error(py: Python<'_>, err: ParamError) -> PyErr {
    let built = (|| {
        let cls = class(py, "ParamValidationError")?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("path", &err.path)?;
        Ok::<_, PyErr>(PyErr::from_value(
            cls.call((err.message.as_str(),), Some(&kwargs))?,
        ))
    })();
    built.unwrap_or_else(|e| e)
}

/// A panic caught at the boundary, as an exception rather than an abort.
pub fn panic_error(py: Python<'_>, payload: Box<dyn std::any::Any + Send>) -> PyErr {
    let detail = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    raise(
        py,
        "InternalError",
        format!("internal error in fastconverse (please report it): {detail}"),
    )
}
