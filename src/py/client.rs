//! The narrow native client under the Python `ChatClient`: it reads and encodes a request,
//! runs the call on the runtime (the GIL released, Ctrl-C answered) or hands it to asyncio,
//! and turns the result into boto3's dict or exception. Signatures, docstrings, preflight
//! and converse_many's ordering live in `fastconverse/_client.py`; nothing here imports
//! the Python package.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::asyncio::awaitable;
use super::de::from_py;
use super::errors::{config_error, param_error, to_pyerr};
use super::value::response_to_py;
use super::wait::wait;
use crate::core::client::LazyClient;
use crate::core::many::ManyConfig;
use crate::core::{ClientConfig, CoreError, Response, RetryMode};
use crate::wire::encode::{Encoded, Operation, RequestSeed};
use crate::wire::Value;

/// The native client: one per `fastconverse.ChatClient`, holding the configuration and,
/// from the first call on, the SDK client built from it.
#[pyclass(module = "fastconverse._native", name = "Client", frozen)]
pub struct Client {
    inner: Arc<LazyClient>,
}

/// A timeout in seconds, checked: positive and finite.
fn seconds(py: Python<'_>, name: &str, value: Option<f64>) -> PyResult<Option<Duration>> {
    match value {
        None => Ok(None),
        Some(v) if v.is_finite() && v > 0.0 => Ok(Some(Duration::from_secs_f64(v))),
        Some(v) => Err(config_error(
            py,
            format!("{name} must be a positive number of seconds, got {v}"),
        )),
    }
}

fn finish(
    py: Python<'_>,
    result: Result<Response<Value>, CoreError>,
    operation: &str,
) -> PyResult<Py<PyAny>> {
    match result {
        Ok(response) => response_to_py(py, response),
        Err(err) => Err(to_pyerr(py, err, operation)),
    }
}

/// boto3's name of an operation, as errors report it.
fn operation_name(operation: Operation) -> &'static str {
    match operation {
        Operation::Converse => "Converse",
        Operation::ConverseStream => "ConverseStream",
        Operation::CountTokens => "CountTokens",
    }
}

impl Client {
    /// Reads and encodes the request and builds the call's future: the one body of the
    /// sync and async forms.
    fn prepare<Out, Fut, Call>(
        &self,
        request: &Bound<'_, PyDict>,
        operation: Operation,
        call: Call,
    ) -> PyResult<impl Future<Output = Result<Response<Out>, CoreError>> + Send + 'static>
    where
        Call: FnOnce(Arc<crate::core::Client>, Encoded) -> Fut + Send + 'static,
        Fut: Future<Output = Result<Response<Out>, CoreError>> + Send,
    {
        let encoded = from_py(RequestSeed(operation), request.as_any())
            .map_err(|err| param_error(request.py(), err))?;
        let lazy = self.inner.clone();
        Ok(async move {
            let client = lazy.get().await?;
            call(client, encoded).await
        })
    }

    /// A Converse or CountTokens call's future (by `operation`).
    fn prepare_call(
        &self,
        request: &Bound<'_, PyDict>,
        operation: Operation,
    ) -> PyResult<impl Future<Output = Result<Response<Value>, CoreError>> + Send + 'static> {
        self.prepare(request, operation, move |client, encoded| async move {
            match operation {
                Operation::CountTokens => client.count_tokens(encoded).await,
                _ => client.converse(encoded).await,
            }
        })
    }

    /// The encoded ConverseStream call: the one body of both stream forms.
    fn prepare_stream(
        &self,
        request: &Bound<'_, PyDict>,
    ) -> PyResult<
        impl Future<Output = Result<Response<crate::core::ConverseStream>, CoreError>> + Send + 'static,
    > {
        self.prepare(
            request,
            Operation::ConverseStream,
            |client, encoded| async move { client.converse_stream(encoded).await },
        )
    }

    /// A Converse or CountTokens call handed to asyncio.
    fn run_async<'py>(
        &self,
        py: Python<'py>,
        request: &Bound<'py, PyDict>,
        operation: Operation,
    ) -> PyResult<Bound<'py, PyAny>> {
        let fut = self.prepare_call(request, operation)?;
        awaitable(py, fut, move |py, result| {
            finish(py, result, operation_name(operation))
        })
    }

    /// The resolved core client (configuration, region, credentials provider) as a future.
    fn resolve(
        &self,
    ) -> impl Future<Output = Result<Arc<crate::core::Client>, CoreError>> + Send + 'static {
        let lazy = self.inner.clone();
        async move { lazy.get().await }
    }
}

#[pymethods]
impl Client {
    /// Takes the configuration (checked here; resolved at the first call).
    #[new]
    #[pyo3(signature = (
        region_name=None, profile_name=None, endpoint_url=None, aws_access_key_id=None,
        aws_secret_access_key=None, aws_session_token=None, bearer_token=None,
        connect_timeout=None, read_timeout=None, max_attempts=None, retry_mode=None,
        http2=false,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        region_name: Option<String>,
        profile_name: Option<String>,
        endpoint_url: Option<String>,
        aws_access_key_id: Option<String>,
        aws_secret_access_key: Option<String>,
        aws_session_token: Option<String>,
        bearer_token: Option<String>,
        connect_timeout: Option<f64>,
        read_timeout: Option<f64>,
        max_attempts: Option<u32>,
        retry_mode: Option<String>,
        http2: bool,
    ) -> PyResult<Self> {
        let retry_mode = match retry_mode.as_deref() {
            None => RetryMode::default(),
            Some(name) => RetryMode::parse(name).ok_or_else(|| {
                config_error(
                    py,
                    format!("retry_mode must be 'standard' or 'adaptive', got {name:?}"),
                )
            })?,
        };
        let config = ClientConfig {
            region: region_name,
            profile: profile_name,
            endpoint_url,
            access_key_id: aws_access_key_id,
            secret_access_key: aws_secret_access_key,
            session_token: aws_session_token,
            bearer_token,
            connect_timeout: seconds(py, "connect_timeout", connect_timeout)?,
            read_timeout: seconds(py, "read_timeout", read_timeout)?,
            max_attempts,
            retry_mode,
            http2,
        };
        config
            .validate()
            .map_err(|err| to_pyerr(py, err, "ChatClient"))?;
        Ok(Self {
            inner: Arc::new(LazyClient::new(config)),
        })
    }

    /// Sends a Converse request and returns boto3's response dict (GIL released).
    fn converse(&self, py: Python<'_>, request: &Bound<'_, PyDict>) -> PyResult<Py<PyAny>> {
        let fut = self.prepare_call(request, Operation::Converse)?;
        finish(py, wait(py, fut)?, "Converse")
    }

    /// Counts the tokens of a request (GIL released).
    fn count_tokens(&self, py: Python<'_>, request: &Bound<'_, PyDict>) -> PyResult<Py<PyAny>> {
        let fut = self.prepare_call(request, Operation::CountTokens)?;
        finish(py, wait(py, fut)?, "CountTokens")
    }

    /// `converse` as an asyncio awaitable of the running loop; cancelling it closes the
    /// request.
    fn converse_async<'py>(
        &self,
        py: Python<'py>,
        request: &Bound<'py, PyDict>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.run_async(py, request, Operation::Converse)
    }

    /// `count_tokens` as an asyncio awaitable of the running loop.
    fn count_tokens_async<'py>(
        &self,
        py: Python<'py>,
        request: &Bound<'py, PyDict>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.run_async(py, request, Operation::CountTokens)
    }

    /// Sends a ConverseStream request; returns the native `ConverseStream` once the
    /// response headers arrive (GIL released while waiting).
    fn converse_stream(
        &self,
        py: Python<'_>,
        request: &Bound<'_, PyDict>,
    ) -> PyResult<super::stream::ConverseStream> {
        let fut = self.prepare_stream(request)?;
        match wait(py, fut)? {
            Ok(response) => Ok(super::stream::ConverseStream::new(response.body)),
            Err(err) => Err(to_pyerr(py, err, "ConverseStream")),
        }
    }

    /// Awaitable form of `converse_stream`, resolving to the native async stream.
    fn converse_stream_async<'py>(
        &self,
        py: Python<'py>,
        request: &Bound<'py, PyDict>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let fut = self.prepare_stream(request)?;
        awaitable(py, fut, |py, result| match result {
            Ok(response) => {
                Ok(Py::new(py, super::stream::AsyncConverseStream::new(response.body))?.into_any())
            }
            Err(err) => Err(to_pyerr(py, err, "ConverseStream")),
        })
    }

    /// Starts a converse_many run over `requests` (read lazily) once the client is
    /// resolved here, so that a missing region or bad configuration raises before any
    /// request is read. `record_attempts`: each result comes with its attempts' times and
    /// errors (for tracing).
    #[pyo3(signature = (requests, concurrency, max_retries, record_attempts = false))]
    fn many(
        &self,
        py: Python<'_>,
        requests: &Bound<'_, PyAny>,
        concurrency: i64,
        max_retries: i64,
        record_attempts: bool,
    ) -> PyResult<super::many::ManyRun> {
        let config = many_config(concurrency, max_retries, record_attempts)?;
        let client = wait(py, self.resolve())?.map_err(|err| to_pyerr(py, err, "Converse"))?;
        super::many::start(client, requests, config)
    }

    /// Awaitable form of `many`: the configuration resolves on the runtime, never on the
    /// loop's thread (SSO, a credential_process or the instance metadata service can take
    /// seconds).
    #[pyo3(signature = (requests, concurrency, max_retries, record_attempts = false))]
    fn many_async<'py>(
        &self,
        py: Python<'py>,
        requests: Bound<'py, PyAny>,
        concurrency: i64,
        max_retries: i64,
        record_attempts: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let config = many_config(concurrency, max_retries, record_attempts)?;
        let requests = requests.unbind();
        awaitable(py, self.resolve(), move |py, resolved| {
            let client = resolved.map_err(|err| to_pyerr(py, err, "Converse"))?;
            let run = super::many::start(client, requests.bind(py), config)?;
            Ok(Py::new(py, run)?.into_any())
        })
    }
}

/// The scheduler's settings from converse_many's keywords, each checked against its range
/// (ValueError naming it), before anything is read or started.
fn many_config(concurrency: i64, max_retries: i64, record_attempts: bool) -> PyResult<ManyConfig> {
    let config = ManyConfig {
        // Out of range either way: validate() names it with the value the caller gave.
        concurrency: usize::try_from(concurrency).unwrap_or(usize::MAX),
        max_retries: u32::try_from(max_retries).unwrap_or(u32::MAX),
        record_attempts,
        ..ManyConfig::default()
    };
    match config.validate() {
        Ok(()) => Ok(config),
        Err(_) if concurrency < 1 => Err(PyValueError::new_err(format!(
            "concurrency must be between 1 and {}, got {concurrency}",
            crate::core::many::MAX_CONCURRENCY
        ))),
        Err(_) if max_retries < 0 => Err(PyValueError::new_err(format!(
            "max_retries must be between 0 and {}, got {max_retries}",
            crate::core::many::MAX_RETRIES
        ))),
        Err(message) => Err(PyValueError::new_err(message)),
    }
}

/// Adds the native `Client` to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Client>()
}
