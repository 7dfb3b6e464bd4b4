//! `ChatClient`: the Python face of the core client (sync and async share one body per call).

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use super::asyncio::awaitable;
use super::de::from_py;
use super::errors::{param_error, to_pyerr};
use super::value::response_to_py;
use super::wait::wait;
use crate::core::client::LazyClient;
use crate::core::many::ManyConfig;
use crate::core::{ClientConfig, CoreError, Response, RetryMode};
use crate::wire::encode::{Encoded, Operation, RequestSeed};
use crate::wire::Value;

/// A Bedrock Runtime client for the Converse API: cheap to build, thread-safe, picklable.
///
/// Requests and responses are boto3's dicts. Nothing is resolved or sent until the first
/// call; credentials and region follow the standard AWS chain unless given here.
#[pyclass(module = "fastconverse", name = "ChatClient", frozen)]
pub struct ChatClient {
    inner: Arc<LazyClient>,
    preflight: Preflight,
    /// Whether pickles carry the explicit keys and tokens (the caller's opt-in).
    pickle_credentials: bool,
}

/// Whether requests are checked against `fastconverse.models` before they are sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Preflight {
    Off,
    Warn,
    Error,
}

impl Preflight {
    fn parse(name: &str) -> Option<Self> {
        match name {
            "off" => Some(Self::Off),
            "warn" => Some(Self::Warn),
            "error" => Some(Self::Error),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Self::Off => "off",
            Self::Warn => "warn",
            Self::Error => "error",
        }
    }
}

fn seconds(name: &str, value: Option<f64>) -> PyResult<Option<Duration>> {
    match value {
        None => Ok(None),
        Some(v) if v.is_finite() && v > 0.0 => Ok(Some(Duration::from_secs_f64(v))),
        Some(v) => Err(PyValueError::new_err(format!(
            "{name} must be a positive number of seconds, got {v}"
        ))),
    }
}

/// The request dict of a call: its keywords, or an empty dict when there are none.
fn request_dict<'py>(py: Python<'py>, kwargs: Option<&Bound<'py, PyDict>>) -> Bound<'py, PyAny> {
    match kwargs {
        Some(kwargs) => kwargs.clone().into_any(),
        None => PyDict::new(py).into_any(),
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

impl ChatClient {
    /// Reads and encodes the request and builds the call's future: the one body of the
    /// sync and async forms.
    fn prepare<Out, Fut, Call>(
        &self,
        py: Python<'_>,
        kwargs: Option<&Bound<'_, PyDict>>,
        operation: Operation,
        call: Call,
    ) -> PyResult<impl Future<Output = Result<Response<Out>, CoreError>> + Send + 'static>
    where
        Call: FnOnce(Arc<crate::core::Client>, Encoded) -> Fut + Send + 'static,
        Fut: Future<Output = Result<Response<Out>, CoreError>> + Send,
    {
        let request = from_py(RequestSeed(operation), &request_dict(py, kwargs))
            .map_err(|err| param_error(py, err))?;
        let lazy = self.inner.clone();
        Ok(async move {
            let client = lazy.get().await?;
            call(client, request).await
        })
    }

    /// The checked and encoded ConverseStream call: the one body of both stream forms.
    fn prepare_stream(
        &self,
        py: Python<'_>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<
        impl Future<Output = Result<Response<crate::core::ConverseStream>, CoreError>> + Send + 'static,
    > {
        self.preflight(py, kwargs, true)?;
        self.prepare(
            py,
            kwargs,
            Operation::ConverseStream,
            |client, req| async move { client.converse_stream(req).await },
        )
    }

    fn run_sync<Fut, Call>(
        &self,
        py: Python<'_>,
        kwargs: Option<&Bound<'_, PyDict>>,
        operation: Operation,
        call: Call,
    ) -> PyResult<Py<PyAny>>
    where
        Call: FnOnce(Arc<crate::core::Client>, Encoded) -> Fut + Send + 'static,
        Fut: Future<Output = Result<Response<Value>, CoreError>> + Send,
    {
        let fut = self.prepare(py, kwargs, operation, call)?;
        let result = wait(py, fut)?;
        finish(py, result, operation_name(operation))
    }

    fn run_async<'py, Fut, Call>(
        &self,
        py: Python<'py>,
        kwargs: Option<&Bound<'py, PyDict>>,
        operation: Operation,
        call: Call,
    ) -> PyResult<Bound<'py, PyAny>>
    where
        Call: FnOnce(Arc<crate::core::Client>, Encoded) -> Fut + Send + 'static,
        Fut: Future<Output = Result<Response<Value>, CoreError>> + Send,
    {
        let fut = self.prepare(py, kwargs, operation, call)?;
        awaitable(py, fut, move |py, result| {
            finish(py, result, operation_name(operation))
        })
    }

    fn config(&self) -> &ClientConfig {
        self.inner.config()
    }

    /// Runs `fastconverse.models` over a request when preflight is on (it warns, or raises
    /// `UnsupportedFeatureError`); costs nothing when it is off.
    fn preflight(
        &self,
        py: Python<'_>,
        kwargs: Option<&Bound<'_, PyDict>>,
        streaming: bool,
    ) -> PyResult<()> {
        if self.preflight == Preflight::Off {
            return Ok(());
        }
        PyModule::import(py, "fastconverse.models")?
            .getattr("_preflight")?
            .call1((request_dict(py, kwargs), self.preflight.as_str(), streaming))?;
        Ok(())
    }
}

#[pymethods]
impl ChatClient {
    #[new]
    #[pyo3(signature = (
        region_name=None, *, profile_name=None, endpoint_url=None, aws_access_key_id=None,
        aws_secret_access_key=None, aws_session_token=None, bearer_token=None,
        connect_timeout=None, read_timeout=None, max_attempts=None, retry_mode=None,
        preflight="off", pickle_credentials=false,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
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
        preflight: &str,
        pickle_credentials: bool,
    ) -> PyResult<Self> {
        let preflight = Preflight::parse(preflight).ok_or_else(|| {
            PyValueError::new_err(format!(
                "preflight must be 'off', 'warn' or 'error', got {preflight:?}"
            ))
        })?;
        let retry_mode = match retry_mode.as_deref() {
            None => RetryMode::default(),
            Some(name) => RetryMode::parse(name).ok_or_else(|| {
                PyValueError::new_err(format!(
                    "retry_mode must be 'standard' or 'adaptive', got {name:?}"
                ))
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
            connect_timeout: seconds("connect_timeout", connect_timeout)?,
            read_timeout: seconds("read_timeout", read_timeout)?,
            max_attempts,
            retry_mode,
        };
        config
            .validate()
            .map_err(|err| PyValueError::new_err(err.to_string()))?;
        Ok(Self {
            inner: Arc::new(LazyClient::new(config)),
            preflight,
            pickle_credentials,
        })
    }

    /// Sends a Converse request (boto3's keywords) and returns boto3's response dict.
    #[pyo3(signature = (**request))]
    fn converse(&self, py: Python<'_>, request: Option<&Bound<'_, PyDict>>) -> PyResult<Py<PyAny>> {
        self.preflight(py, request, false)?;
        self.run_sync(py, request, Operation::Converse, |client, req| async move {
            client.converse(req).await
        })
    }

    /// Awaitable form of `converse`; cancelling the task closes the request.
    #[pyo3(signature = (**request))]
    fn converse_async<'py>(
        &self,
        py: Python<'py>,
        request: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.preflight(py, request, false)?;
        self.run_async(py, request, Operation::Converse, |client, req| async move {
            client.converse(req).await
        })
    }

    /// Counts the tokens of a request (boto3's `count_tokens` keywords).
    #[pyo3(signature = (**request))]
    fn count_tokens(
        &self,
        py: Python<'_>,
        request: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        self.run_sync(
            py,
            request,
            Operation::CountTokens,
            |client, req| async move { client.count_tokens(req).await },
        )
    }

    /// Awaitable form of `count_tokens`.
    #[pyo3(signature = (**request))]
    fn count_tokens_async<'py>(
        &self,
        py: Python<'py>,
        request: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.run_async(
            py,
            request,
            Operation::CountTokens,
            |client, req| async move { client.count_tokens(req).await },
        )
    }

    /// Sends a ConverseStream request (boto3's keywords) and returns a `ConverseStream`
    /// once the response headers arrive; iterate it for boto3's event dicts.
    #[pyo3(signature = (**request))]
    fn converse_stream(
        &self,
        py: Python<'_>,
        request: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<super::stream::ConverseStream> {
        let fut = self.prepare_stream(py, request)?;
        match wait(py, fut)? {
            Ok(response) => Ok(super::stream::ConverseStream::new(response.body)),
            Err(err) => Err(to_pyerr(py, err, "ConverseStream")),
        }
    }

    /// Awaitable form of `converse_stream`, resolving to an `AsyncConverseStream`.
    #[pyo3(signature = (**request))]
    fn converse_stream_async<'py>(
        &self,
        py: Python<'py>,
        request: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let fut = self.prepare_stream(py, request)?;
        awaitable(py, fut, |py, result| match result {
            Ok(response) => {
                Ok(Py::new(py, super::stream::AsyncConverseStream::new(response.body))?.into_any())
            }
            Err(err) => Err(to_pyerr(py, err, "ConverseStream")),
        })
    }

    /// Starts a converse_many job and returns it as a `ManyRun`: iterate it (or `async for`)
    /// to get `(index, result)` as each request finishes. `requests` is any iterable of
    /// request dicts, read lazily; at most `concurrency` requests are in flight, fewer
    /// while a model throttles; retryable failures are retried up to `max_retries` times.
    /// With preflight on, each request is checked as it is read ("error": the first
    /// unsupported one ends the input, and its error is raised once the run drains).
    #[pyo3(signature = (requests, *, concurrency=16, max_retries=8))]
    fn converse_many_iter(
        &self,
        py: Python<'_>,
        requests: &Bound<'_, PyAny>,
        concurrency: i64,
        max_retries: i64,
    ) -> PyResult<super::many::ManyRun> {
        let config = many_config(concurrency, max_retries)?;
        let lazy = self.inner.clone();
        let client = wait(py, async move { lazy.get().await })?
            .map_err(|err| to_pyerr(py, err, "Converse"))?;
        if self.preflight == Preflight::Off {
            return super::many::start(client, requests, config);
        }
        // Each request is checked as the run reads it.
        let checked = PyModule::import(py, "fastconverse.models")?
            .getattr("_preflight_iter")?
            .call1((requests, self.preflight.as_str()))?;
        super::many::start(client, &checked, config)
    }

    /// Runs every request and returns the results in input order: each a response dict, or
    /// the exception for a request that failed for good (`on_error="raise"` raises it
    /// instead). `progress=True` shows a tqdm bar, a callable receives the counters;
    /// `checkpoint="run.jsonl"` records each result so that a rerun sends only what is
    /// left. The returned list has a `summary` dict.
    #[pyo3(signature = (requests, *, concurrency=16, max_retries=8, on_error="return", progress=None, checkpoint=None))]
    #[allow(clippy::too_many_arguments)]
    fn converse_many<'py>(
        slf: &Bound<'py, Self>,
        requests: &Bound<'py, PyAny>,
        concurrency: i64,
        max_retries: i64,
        on_error: &str,
        progress: Option<&Bound<'py, PyAny>>,
        checkpoint: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        many_helper(
            slf,
            "converse_many",
            requests,
            concurrency,
            max_retries,
            on_error,
            progress,
            checkpoint,
        )
    }

    /// Awaitable form of `converse_many`: the same results, without blocking the event loop.
    #[pyo3(signature = (requests, *, concurrency=16, max_retries=8, on_error="return", progress=None, checkpoint=None))]
    #[allow(clippy::too_many_arguments)]
    fn converse_many_async<'py>(
        slf: &Bound<'py, Self>,
        requests: &Bound<'py, PyAny>,
        concurrency: i64,
        max_retries: i64,
        on_error: &str,
        progress: Option<&Bound<'py, PyAny>>,
        checkpoint: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        many_helper(
            slf,
            "converse_many_async",
            requests,
            concurrency,
            max_retries,
            on_error,
            progress,
            checkpoint,
        )
    }

    /// The exception classes, as boto3's `client.exceptions` (`ThrottlingException`, ...).
    #[getter]
    fn exceptions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        PyModule::import(py, "fastconverse.errors")?.getattr("exceptions")
    }

    /// The region given at construction (None: resolved from the environment at first call).
    #[getter]
    fn region_name(&self) -> Option<String> {
        self.config().region.clone()
    }

    /// The endpoint override, if any.
    #[getter]
    fn endpoint_url(&self) -> Option<String> {
        self.config().endpoint_url.clone()
    }

    /// Pickling keeps the configuration only; the unpickled client resolves it again
    /// where it lands. Explicit keys and tokens travel only with `pickle_credentials=True`:
    /// pickles end up in caches and spill files, so by default the unpickled client finds
    /// its credentials as any client does (environment, profile, instance or container role).
    fn __getnewargs_ex__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyTuple>, Bound<'py, PyDict>)> {
        let c = self.config();
        let kwargs = PyDict::new(py);
        kwargs.set_item("region_name", &c.region)?;
        kwargs.set_item("profile_name", &c.profile)?;
        kwargs.set_item("endpoint_url", &c.endpoint_url)?;
        if self.pickle_credentials {
            kwargs.set_item("aws_access_key_id", &c.access_key_id)?;
            kwargs.set_item("aws_secret_access_key", &c.secret_access_key)?;
            kwargs.set_item("aws_session_token", &c.session_token)?;
            kwargs.set_item("bearer_token", &c.bearer_token)?;
            kwargs.set_item("pickle_credentials", true)?;
        }
        kwargs.set_item(
            "connect_timeout",
            c.connect_timeout.map(|d| d.as_secs_f64()),
        )?;
        kwargs.set_item("read_timeout", c.read_timeout.map(|d| d.as_secs_f64()))?;
        kwargs.set_item("max_attempts", c.max_attempts)?;
        kwargs.set_item("retry_mode", c.retry_mode.as_str())?;
        kwargs.set_item("preflight", self.preflight.as_str())?;
        Ok((PyTuple::empty(py), kwargs))
    }

    fn __repr__(&self) -> String {
        let c = self.config();
        let credentials = if c.bearer_token.is_some() {
            "bearer token"
        } else if c.access_key_id.is_some() {
            "explicit keys"
        } else if c.profile.is_some() {
            "profile"
        } else {
            "default chain"
        };
        let mut parts = vec![format!(
            "region_name={:?}",
            c.region.as_deref().unwrap_or("<from environment>")
        )];
        if let Some(url) = &c.endpoint_url {
            parts.push(format!("endpoint_url={url:?}"));
        }
        if let Some(profile) = &c.profile {
            parts.push(format!("profile_name={profile:?}"));
        }
        parts.push(format!("credentials={credentials:?}"));
        if self.preflight != Preflight::Off {
            parts.push(format!("preflight={:?}", self.preflight.as_str()));
        }
        format!("ChatClient({})", parts.join(", "))
    }
}

/// The scheduler's settings from converse_many's keywords, each checked against its range
/// (ValueError naming it), before anything is read or started.
fn many_config(concurrency: i64, max_retries: i64) -> PyResult<ManyConfig> {
    let config = ManyConfig {
        // Out of range either way: validate() names it with the value the caller gave.
        concurrency: usize::try_from(concurrency).unwrap_or(usize::MAX),
        max_retries: u32::try_from(max_retries).unwrap_or(u32::MAX),
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

/// converse_many's ordering, progress and checkpoints live in `fastconverse._many`, on top
/// of the Rust scheduler that `converse_many_iter` starts.
#[allow(clippy::too_many_arguments)]
fn many_helper<'py>(
    client: &Bound<'py, ChatClient>,
    function: &str,
    requests: &Bound<'py, PyAny>,
    concurrency: i64,
    max_retries: i64,
    on_error: &str,
    progress: Option<&Bound<'py, PyAny>>,
    checkpoint: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    many_config(concurrency, max_retries)?;
    let py = client.py();
    let kwargs = PyDict::new(py);
    kwargs.set_item("concurrency", concurrency)?;
    kwargs.set_item("max_retries", max_retries)?;
    kwargs.set_item("on_error", on_error)?;
    kwargs.set_item("progress", progress)?;
    kwargs.set_item("checkpoint", checkpoint)?;
    PyModule::import(py, "fastconverse._many")?
        .getattr(function)?
        .call((client, requests), Some(&kwargs))
}

/// Adds `ChatClient` to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<ChatClient>()
}
