//! `LocalBedrock`: the Python face of the embedded Bedrock Runtime server (`crate::emulator`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString, PyTuple};

use super::de::to_json;
use super::value::to_py;
use crate::core::runtime;
use crate::emulator::{
    ConnectionFault, LocalServer, RawAnswer, RecordedRequest, ScriptedStream, ServerConfig, Stats,
    StreamFault, DEFAULT_REQUEST_LOG_LIMIT,
};
use crate::wire;

/// What a test gave to send (a reply, stream events) as JSON, blobs as base64; a value
/// JSON cannot carry raises `TypeError` naming its place (`reply.output.message`).
fn script(value: &Bound<'_, PyAny>, name: &str) -> PyResult<serde_json::Value> {
    to_json(value, name).map_err(|err| PyTypeError::new_err(err.message))
}

/// An embedded Bedrock Runtime server on a local port, for tests, notebooks and demos.
///
/// It speaks the real wire protocol, so boto3 and any AWS SDK work against it with
/// `endpoint_url=server.endpoint_url` and the server's credentials. It checks SigV4
/// signatures (or `bearer_token`), validates requests as Bedrock does, and answers with
/// the queued replies and errors in order, then with a deterministic echo model.
/// The server starts at construction and stops with `stop()`, at the end of a `with`
/// block, or when garbage-collected (without waiting for its connections to close); the
/// request log and stats stay readable after it stops.
#[pyclass(
    name = "LocalBedrock",
    module = "fastconverse._native",
    subclass,
    frozen
)]
pub struct LocalBedrock {
    config: ServerConfig,
    /// Shared so that a call can work on it without holding the lock (stop() waits).
    server: Mutex<Option<Arc<LocalServer>>>,
}

fn lock(server: &Mutex<Option<Arc<LocalServer>>>) -> MutexGuard<'_, Option<Arc<LocalServer>>> {
    server
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn seconds(name: &str, value: f64) -> PyResult<Duration> {
    if (0.0..1e9).contains(&value) {
        Ok(Duration::from_secs_f64(value))
    } else {
        Err(PyValueError::new_err(format!(
            "{name} must be a non-negative number of seconds, got {value}"
        )))
    }
}

/// An optional secret: None, or a non-empty string.
fn optional_secret(name: &str, value: Option<String>) -> PyResult<Option<String>> {
    if value.as_deref() == Some("") {
        return Err(PyValueError::new_err(format!(
            "{name} must be None or a non-empty string"
        )));
    }
    Ok(value)
}

/// The body of a raw answer: bytes, a bytearray or a str (sent as UTF-8).
fn raw_body(body: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<u8>> {
    let Some(body) = body else {
        return Ok(Vec::new());
    };
    if let Ok(b) = body.cast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    if let Ok(b) = body.cast::<PyByteArray>() {
        return Ok(b.to_vec());
    }
    if let Ok(s) = body.cast::<PyString>() {
        return Ok(s.to_cow()?.as_bytes().to_vec());
    }
    Err(PyTypeError::new_err(format!(
        "body must be bytes or str, got {}",
        body.get_type().name()?
    )))
}

/// The headers of a raw answer, in the dict's order.
fn raw_headers(headers: Option<&Bound<'_, PyDict>>) -> PyResult<Vec<(String, String)>> {
    let Some(headers) = headers else {
        return Ok(Vec::new());
    };
    headers
        .iter()
        .map(|(name, value)| match (name.extract(), value.extract()) {
            (Ok(name), Ok(value)) => Ok((name, value)),
            _ => Err(PyTypeError::new_err(format!(
                "headers must map str to str, got {}: {}",
                name.get_type().name()?,
                value.get_type().name()?
            ))),
        })
        .collect()
}

fn non_empty(name: &str, value: &str) -> PyResult<String> {
    if value.is_empty() {
        Err(PyValueError::new_err(format!("{name} must not be empty")))
    } else {
        Ok(value.to_owned())
    }
}

fn concurrency(value: Option<i64>) -> PyResult<Option<usize>> {
    match value {
        None => Ok(None),
        Some(n) if n >= 1 => Ok(Some(usize::try_from(n).unwrap_or(usize::MAX))),
        Some(n) => Err(PyValueError::new_err(format!(
            "max_concurrency must be None or at least 1, got {n}"
        ))),
    }
}

/// `{model id: seconds}` as durations, each checked.
fn model_latencies(value: Option<HashMap<String, f64>>) -> PyResult<HashMap<String, Duration>> {
    value
        .unwrap_or_default()
        .into_iter()
        .map(|(model, secs)| {
            Ok((
                model.clone(),
                seconds(&format!("model_latency[{model:?}]"), secs)?,
            ))
        })
        .collect()
}

/// `{model id: limit}`, each at least 1.
fn model_limits(value: Option<HashMap<String, i64>>) -> PyResult<HashMap<String, usize>> {
    value
        .unwrap_or_default()
        .into_iter()
        .map(|(model, n)| match n {
            n if n >= 1 => Ok((model, usize::try_from(n).unwrap_or(usize::MAX))),
            n => Err(PyValueError::new_err(format!(
                "model_max_concurrency[{model:?}] must be at least 1, got {n}"
            ))),
        })
        .collect()
}

impl LocalBedrock {
    /// Runs `f` on the server, which exists from construction on.
    fn with_server<T>(&self, f: impl FnOnce(&LocalServer) -> T) -> PyResult<T> {
        let server = lock(&self.server).clone();
        match server {
            Some(server) => Ok(f(&server)),
            None => Err(PyRuntimeError::new_err("LocalBedrock has no server")),
        }
    }

    /// Starts a server unless one is running; the GIL is released meanwhile.
    fn ensure_started(&self, py: Python<'_>) -> PyResult<()> {
        let running = lock(&self.server)
            .as_ref()
            .is_some_and(|s| !s.is_shut_down());
        if running {
            return Ok(());
        }
        let config = self.config.clone();
        let started = py.detach(move || LocalServer::start(config, &runtime::handle()))?;
        let old = lock(&self.server).replace(Arc::new(started));
        if let Some(old) = old {
            // Stopped earlier; never wait here, with the GIL held, for what is left of it.
            old.stop_without_waiting();
        }
        Ok(())
    }

    /// Shuts the server down (idempotent); the GIL is released while its tasks end.
    fn shutdown(&self, py: Python<'_>) {
        let server = lock(&self.server).clone();
        if let Some(server) = server {
            if !server.is_shut_down() {
                py.detach(move || server.shutdown());
            }
        }
    }
}

fn request_dict<'py>(py: Python<'py>, request: &RecordedRequest) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("method", &request.method)?;
    dict.set_item("path", &request.path)?;
    dict.set_item("http_version", request.http_version)?;
    // Repeated headers are joined as HTTP allows, so the dict stays a plain str -> str.
    let headers = PyDict::new(py);
    for (name, value) in &request.headers {
        let joined = match headers.get_item(name)? {
            Some(previous) => format!("{}, {value}", previous.extract::<String>()?),
            None => value.clone(),
        };
        headers.set_item(name, joined)?;
    }
    dict.set_item("headers", headers)?;
    dict.set_item("body", PyBytes::new(py, &request.body))?;
    // Read as json.loads reads it (key order, every digit of an int), as boto3 would.
    let json = match wire::json::parse(&request.body) {
        Ok(value) => to_py(py, value)?,
        Err(_) => py.None().into_bound(py),
    };
    dict.set_item("json", json)?;
    Ok(dict)
}

fn stats_dict<'py>(py: Python<'py>, stats: &Stats) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (name, value) in [
        ("requests", stats.requests),
        ("in_flight", stats.in_flight),
        ("max_in_flight", stats.max_in_flight),
        ("throttled", stats.throttled),
        ("cancelled", stats.cancelled),
        ("errors", stats.errors),
        ("connections", stats.connections),
        ("open_connections", stats.open_connections),
        ("queued", stats.queued),
    ] {
        dict.set_item(name, value)?;
    }
    Ok(dict)
}

#[pymethods]
impl LocalBedrock {
    /// Starts a server on `host`:`port` (0: a free port) that accepts requests signed
    /// with `aws_access_key_id`/`aws_secret_access_key` for `region`, or carrying
    /// `Authorization: Bearer <bearer_token>`. With `aws_session_token`, signed requests
    /// must carry (and sign) exactly that `x-amz-security-token`; without it, a request
    /// carrying one is refused, as Bedrock refuses a token it does not know. Payloads
    /// must be signed (`x-amz-content-sha256`, when sent, is the body's SHA-256).
    /// `latency` (seconds) delays every answer;
    /// beyond `max_concurrency` requests at once it answers `ThrottlingException`.
    /// `catalog=True` answers a feature the model lacks (per `fastconverse.models`) with
    /// Bedrock's `ValidationException` and keeps echo replies within the model's output
    /// limit. `model_latency` and `model_max_concurrency` (by exact model id) set a
    /// model's own delay and its own limit of requests at once. `requests` keeps the
    /// latest `request_log_limit` requests (0: none; `stats()` counts every one).
    #[new]
    #[pyo3(signature = (
        *,
        host = "127.0.0.1",
        port = 0,
        region = "us-east-1",
        aws_access_key_id = "testing",
        aws_secret_access_key = "testing",
        aws_session_token = None,
        bearer_token = None,
        latency = 0.0,
        max_concurrency = None,
        catalog = false,
        model_latency = None,
        model_max_concurrency = None,
        request_log_limit = DEFAULT_REQUEST_LOG_LIMIT as i64,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        host: &str,
        port: i64,
        region: &str,
        aws_access_key_id: &str,
        aws_secret_access_key: &str,
        aws_session_token: Option<String>,
        bearer_token: Option<String>,
        latency: f64,
        max_concurrency: Option<i64>,
        catalog: bool,
        model_latency: Option<HashMap<String, f64>>,
        model_max_concurrency: Option<HashMap<String, i64>>,
        request_log_limit: i64,
    ) -> PyResult<Self> {
        let port = u16::try_from(port).map_err(|_| {
            PyValueError::new_err(format!("port must be between 0 and 65535, got {port}"))
        })?;
        let config = ServerConfig {
            host: non_empty("host", host)?,
            port,
            region: non_empty("region", region)?,
            access_key_id: non_empty("aws_access_key_id", aws_access_key_id)?,
            secret_access_key: non_empty("aws_secret_access_key", aws_secret_access_key)?,
            bearer_token: optional_secret("bearer_token", bearer_token)?,
            session_token: optional_secret("aws_session_token", aws_session_token)?,
            latency: seconds("latency", latency)?,
            max_concurrency: concurrency(max_concurrency)?,
            catalog,
            model_latency: model_latencies(model_latency)?,
            model_max_concurrency: model_limits(model_max_concurrency)?,
            request_log_limit: usize::try_from(request_log_limit).map_err(|_| {
                PyValueError::new_err(format!(
                    "request_log_limit must be 0 or more, got {request_log_limit}"
                ))
            })?,
        };
        let this = Self {
            config,
            server: Mutex::new(None),
        };
        this.ensure_started(py)?;
        Ok(this)
    }

    /// Starts the server again after `stop()` (on `port`, or a new free port if it was
    /// 0), with an empty queue and log. Does nothing while it runs.
    fn start(slf: &Bound<'_, Self>) -> PyResult<()> {
        slf.get().ensure_started(slf.py())
    }

    /// Stops accepting, closes every connection and frees the port. Idempotent.
    fn stop(&self, py: Python<'_>) {
        self.shutdown(py);
    }

    /// Starts the server if needed and returns it.
    fn __enter__(slf: Bound<'_, Self>) -> PyResult<Bound<'_, Self>> {
        slf.get().ensure_started(slf.py())?;
        Ok(slf)
    }

    /// Stops the server; exceptions propagate.
    #[pyo3(signature = (*_exc_info))]
    fn __exit__(&self, py: Python<'_>, _exc_info: &Bound<'_, PyTuple>) -> bool {
        self.shutdown(py);
        false
    }

    /// Whether the server is accepting requests.
    #[getter]
    fn running(&self) -> bool {
        lock(&self.server)
            .as_ref()
            .is_some_and(|s| !s.is_shut_down())
    }

    /// `http://127.0.0.1:PORT`, for `endpoint_url=`.
    #[getter]
    fn endpoint_url(&self) -> PyResult<String> {
        self.with_server(LocalServer::endpoint_url)
    }

    /// The address listened on, as given.
    #[getter]
    fn host(&self) -> &str {
        &self.config.host
    }

    /// The port listened on (the one picked, when constructed with 0).
    #[getter]
    fn port(&self) -> PyResult<u16> {
        self.with_server(|s| s.local_addr().port())
    }

    /// The region requests must be signed for.
    #[getter]
    fn region(&self) -> &str {
        &self.config.region
    }

    /// The access key id requests must be signed with.
    #[getter]
    fn aws_access_key_id(&self) -> &str {
        &self.config.access_key_id
    }

    /// The secret access key requests must be signed with.
    #[getter]
    fn aws_secret_access_key(&self) -> &str {
        &self.config.secret_access_key
    }

    /// The session token signed requests must carry, if any.
    #[getter]
    fn aws_session_token(&self) -> Option<&str> {
        self.config.session_token.as_deref()
    }

    /// The API key accepted as `Authorization: Bearer ...`, if any.
    #[getter]
    fn bearer_token(&self) -> Option<&str> {
        self.config.bearer_token.as_deref()
    }

    /// Seconds waited before each answer.
    #[getter]
    fn latency(&self) -> PyResult<f64> {
        self.with_server(|s| s.latency().as_secs_f64())
    }

    #[setter]
    fn set_latency(&self, value: f64) -> PyResult<()> {
        let latency = seconds("latency", value)?;
        self.with_server(|s| s.set_latency(latency))
    }

    /// Whether requests are checked against the model catalog (`catalog=True`).
    #[getter]
    fn catalog(&self) -> bool {
        self.config.catalog
    }

    /// Each model's own delay in seconds, by exact model id.
    #[getter]
    fn model_latency(&self) -> HashMap<String, f64> {
        self.config
            .model_latency
            .iter()
            .map(|(model, d)| (model.clone(), d.as_secs_f64()))
            .collect()
    }

    /// How many of the latest requests `requests` keeps.
    #[getter]
    fn request_log_limit(&self) -> usize {
        self.config.request_log_limit
    }

    /// Each model's own limit of requests at once, by exact model id.
    #[getter]
    fn model_max_concurrency(&self) -> HashMap<String, usize> {
        self.config.model_max_concurrency.clone()
    }

    /// Requests answered at once before `ThrottlingException` (None: unlimited).
    #[getter]
    fn max_concurrency(&self) -> PyResult<Option<usize>> {
        self.with_server(LocalServer::max_concurrency)
    }

    #[setter]
    fn set_max_concurrency(&self, value: Option<i64>) -> PyResult<()> {
        let limit = concurrency(value)?;
        self.with_server(|s| s.set_max_concurrency(limit))
    }

    /// Queues a reply for the next Converse request, in `converse()`'s dict shape (bytes
    /// as bytes; a `ResponseMetadata` key is dropped). It is sent as given, so it may
    /// also be deliberately malformed.
    fn queue_reply(&self, reply: &Bound<'_, PyAny>) -> PyResult<()> {
        let Ok(dict) = reply.cast::<PyDict>() else {
            return Err(PyTypeError::new_err(format!(
                "reply must be a dict, got {}",
                reply.get_type().name()?
            )));
        };
        let mut value = script(dict.as_any(), "reply")?;
        if let Some(object) = value.as_object_mut() {
            object.remove("ResponseMetadata");
        }
        self.with_server(|s| s.queue_reply(value))
    }

    /// Queues an error answer for the next Converse request: `code` such as
    /// `"ThrottlingException"`, its `message`, and `status` (default: Bedrock's status
    /// for the code, 400 for codes it does not know).
    #[pyo3(signature = (code, message = "Error injected by LocalBedrock", status = None))]
    fn queue_error(&self, code: &str, message: &str, status: Option<i64>) -> PyResult<()> {
        if code.is_empty()
            || !code
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_')
        {
            return Err(PyValueError::new_err(format!(
                "code must be an error code such as 'ThrottlingException', got {code:?}"
            )));
        }
        let status = match status {
            None => None,
            Some(s @ 400..=599) => Some(s as u16),
            Some(s) => {
                return Err(PyValueError::new_err(format!(
                    "status must be between 400 and 599, got {s}"
                )))
            }
        };
        self.with_server(|s| s.queue_error(code, message, status))
    }

    /// Queues an answer given byte for byte for the next Converse or ConverseStream
    /// request: `status` (200 to 599), `body` (bytes, or str sent as UTF-8; default
    /// empty) and `headers` (a dict), and nothing else of Bedrock's (no request id, no
    /// `x-amzn-errortype`, no `content-type` unless given); the server adds only
    /// `content-length` and `date`, and keeps the connection open. For what a proxy or
    /// load balancer in front of Bedrock sends (an HTML 502, an empty 503), or a 200 that
    /// is not what it should be (invalid JSON, an empty body, an error's shape).
    #[pyo3(signature = (status = 200, body = None, headers = None))]
    fn queue_raw(
        &self,
        status: i64,
        body: Option<&Bound<'_, PyAny>>,
        headers: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let raw = RawAnswer {
            status: u16::try_from(status).unwrap_or(0),
            headers: raw_headers(headers)?,
            body: raw_body(body)?.into(),
        };
        if !(0..=i64::from(u16::MAX)).contains(&status) {
            return Err(PyValueError::new_err(format!(
                "status must be between 200 and 599, got {status}"
            )));
        }
        self.with_server(|s| s.queue_raw(raw))?
            .map_err(PyValueError::new_err)
    }

    /// Queues a connection fault for the next Converse or ConverseStream request, which
    /// otherwise gets the echo model's answer: `"reset"` (the request is read, then the
    /// connection closes with a TCP reset, nothing answered), `"reset_after_headers"`
    /// (the status line and headers with the full `content-length`, half the body, then
    /// the connection closes), `"stall_headers"` (nothing is sent for `seconds`, then
    /// the answer) and `"stall_body"` (the headers and the first 20 bytes of the body,
    /// then nothing for `seconds`, then the rest). A stall with `seconds=None` lasts
    /// until the client leaves or the server stops; `stop()` ends every stall.
    #[pyo3(signature = (kind, seconds = None))]
    fn queue_fault(&self, kind: &str, seconds: Option<f64>) -> PyResult<()> {
        let seconds = seconds.map(|s| self::seconds("seconds", s)).transpose()?;
        let fault = ConnectionFault::parse(kind, seconds).map_err(PyValueError::new_err)?;
        self.with_server(|s| s.queue_fault(fault))
    }

    /// Queues a ConverseStream answer event by event, in boto3's event shape
    /// (`{"messageStart": {"role": "assistant"}}`, ..., exceptions as
    /// `{"throttlingException": {"message": "..."}}`), `pace` seconds apart. `fault`,
    /// applied after the events: `"truncate"` (ends without messageStop/metadata),
    /// `"drop"` (closes the connection), `"corrupt"` (a frame with a bad CRC),
    /// `"oversized"` (the prelude of a frame claiming 4 GiB - 1 bytes, a little of it,
    /// then the connection held open until the client leaves or the server stops). A number
    /// among the events is a pause of that many seconds: first, a wait after the
    /// response headers; between events, a stall mid-stream.
    /// A reply queued with `queue_reply` serves stream requests too, cut into events.
    #[pyo3(signature = (events, pace = 0.0, fault = None))]
    fn queue_stream(
        &self,
        events: &Bound<'_, PyAny>,
        pace: f64,
        fault: Option<&str>,
    ) -> PyResult<()> {
        if !(events.is_instance_of::<PyList>() || events.is_instance_of::<PyTuple>()) {
            return Err(PyTypeError::new_err(format!(
                "events must be a list of event dicts, got {}",
                events.get_type().name()?
            )));
        }
        let serde_json::Value::Array(events) = script(events, "events")? else {
            unreachable!("a list or tuple reads as a JSON array");
        };
        let stream = ScriptedStream {
            events,
            pace: seconds("pace", pace)?,
            fault: fault
                .map(str::parse::<StreamFault>)
                .transpose()
                .map_err(PyValueError::new_err)?,
        };
        self.with_server(|s| s.queue_stream(stream))?
            .map_err(PyValueError::new_err)
    }

    /// The latest requests received (up to `request_log_limit`), oldest first, refused
    /// ones included: dicts with
    /// `method`, `path` (as sent, percent-encoded), `http_version` (`"HTTP/1.1"` or
    /// `"HTTP/2"`), `headers` (lower-case names; a
    /// bearer token kept as `Bearer ***`, a session token as `***`),
    /// `body` (bytes) and `json` (the parsed body, or None).
    #[getter]
    fn requests<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let requests = self.with_server(LocalServer::requests)?;
        let list = PyList::empty(py);
        for request in &requests {
            list.append(request_dict(py, request)?)?;
        }
        Ok(list)
    }

    /// Counters: `requests`, `in_flight`, `max_in_flight`, `throttled`, `cancelled`,
    /// `errors`, `connections`, `open_connections` and `queued`.
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let stats = self.with_server(LocalServer::stats)?;
        stats_dict(py, &stats)
    }

    /// Empties the queue and the request log and zeroes the counters.
    fn reset(&self) -> PyResult<()> {
        self.with_server(LocalServer::reset)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let this = slf.get();
        let class = slf.get_type().name()?;
        let server = lock(&this.server).clone();
        Ok(match server.as_deref() {
            Some(server) if !server.is_shut_down() => {
                format!(
                    "<{class} {} region='{}' running>",
                    server.endpoint_url(),
                    this.config.region
                )
            }
            _ => format!("<{class} region='{}' stopped>", this.config.region),
        })
    }
}

impl Drop for LocalBedrock {
    /// Garbage collection and interpreter exit hold the GIL here: the server is told to
    /// stop, and its connections close on the runtime without anyone waiting for them.
    fn drop(&mut self) {
        let server = lock(&self.server).take();
        if let Some(server) = server {
            server.stop_without_waiting();
        }
    }
}

/// Adds `LocalBedrock` to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<LocalBedrock>()
}
