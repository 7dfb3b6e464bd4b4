//! `ConverseStream` and `AsyncConverseStream`: one core stream behind both, the sync class
//! waiting through `wait()` and the async one through `awaitable()`.
//!
//! The core stream sits behind an `Arc<tokio::sync::Mutex<..>>`; every operation is one
//! future ([`perform`]) that does the work without Python, and one conversion
//! ([`Body::convert`]) that builds the Python result with the GIL. An operation whose
//! events have already arrived finishes at its first poll, so it runs at once, GIL held
//! (the async form then returns an awaitable that is already done); only one that must
//! wait goes through `wait()` or `awaitable()`. Loops get an iterator of their own, which
//! closes the stream when it is dropped before the end, so that leaving a loop early
//! ends the HTTP response.

use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use pyo3::exceptions::{PyKeyError, PyStopAsyncIteration, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use tokio::sync::{Mutex, OwnedMutexGuard};

use super::asyncio::{awaitable, ready};
use super::errors::{class as error_class, to_pyerr};
use super::value::{metadata_dict, to_py};
use super::wait::wait;
use crate::core::stream::CloseHandle;
use crate::core::{self, ResponseMetadata, StreamError};
use crate::wire::Value;

/// The operation name in error messages, as boto3 spells it.
const OPERATION: &str = "ConverseStream";

/// The keys of the response dict that boto3 returns.
const KEYS: [&str; 2] = ["ResponseMetadata", "stream"];

type Guard = OwnedMutexGuard<core::ConverseStream>;

/// What one step asks of the stream.
enum Op {
    /// The next event of the shared cursor.
    NextEvent,
    /// The next text delta at or after the text iterator's position.
    NextText(Arc<AtomicUsize>),
    /// All text, once the stream has ended.
    Text,
    /// The assembled reply, once the stream has ended.
    FinalResponse,
}

/// What one step found, before it becomes a Python value.
enum Found {
    /// The loop's next event.
    Event(Value),
    /// A text delta.
    Text(String),
    /// The reply.
    Response(Value),
    /// No more events.
    End,
}

/// The one body of both stream classes.
#[derive(Clone)]
struct Body {
    state: Arc<Mutex<core::ConverseStream>>,
    closer: CloseHandle,
    metadata: Arc<ResponseMetadata>,
}

impl Body {
    fn new(stream: core::ConverseStream) -> Self {
        Self {
            closer: stream.close_handle(),
            metadata: Arc::new(stream.metadata().clone()),
            state: Arc::new(Mutex::new(stream)),
        }
    }

    /// `op` done at once, when the stream is free and the events it needs have arrived.
    fn try_now(&self, op: &Op) -> Option<(Guard, Result<Found, StreamError>)> {
        let mut stream = self.state.clone().try_lock_owned().ok()?;
        let found = {
            let fut = std::pin::pin!(perform(&mut stream, op));
            // Every step of `perform` can be dropped between polls without losing anything.
            match fut.poll(&mut Context::from_waker(Waker::noop())) {
                Poll::Ready(found) => found,
                Poll::Pending => return None,
            }
        };
        Some((stream, found))
    }

    /// The future of `op`, for when it has to wait: locks the stream and reads from it.
    fn future(&self, op: Op) -> impl Future<Output = (Guard, Result<Found, StreamError>)> + Send {
        let state = self.state.clone();
        async move {
            let mut stream = state.lock_owned().await;
            let found = perform(&mut stream, &op).await;
            (stream, found)
        }
    }

    /// The Python value of a step: `None` at the end of the events.
    fn convert(
        &self,
        py: Python<'_>,
        stream: &Guard,
        found: Result<Found, StreamError>,
    ) -> PyResult<Option<Py<PyAny>>> {
        match found {
            Ok(Found::Event(event)) => Ok(Some(to_py(py, event)?.unbind())),
            Ok(Found::Text(text)) => Ok(Some(PyString::new(py, &text).into_any().unbind())),
            Ok(Found::Response(response)) => {
                let dict = to_py(py, response)?
                    .cast_into::<PyDict>()
                    .map_err(|_| PyValueError::new_err("the response is not a structure"))?;
                dict.set_item("ResponseMetadata", metadata_dict(py, &self.metadata)?)?;
                Ok(Some(dict.into_any().unbind()))
            }
            Ok(Found::End) => Ok(None),
            Err(StreamError::Failed(err)) => Err(to_pyerr(py, err, OPERATION)),
            Err(StreamError::Incomplete(message)) => {
                Err(self.incomplete_error(py, stream, &message))
            }
        }
    }

    /// `IncompleteStreamError` carrying the events received that the loop had not taken.
    fn incomplete_error(&self, py: Python<'_>, stream: &Guard, message: &str) -> PyErr {
        let built = (|| {
            let events = PyList::empty(py);
            for event in stream.unread_events() {
                events.append(to_py(py, event.clone())?)?;
            }
            let response = PyDict::new(py);
            let error = PyDict::new(py);
            error.set_item("Code", "IncompleteStreamError")?;
            error.set_item("Message", message)?;
            response.set_item("Error", error)?;
            response.set_item("ResponseMetadata", metadata_dict(py, &self.metadata)?)?;
            let kwargs = PyDict::new(py);
            kwargs.set_item("events", events)?;
            kwargs.set_item("status_code", self.metadata.http_status_code)?;
            kwargs.set_item("request_id", &self.metadata.request_id)?;
            kwargs.set_item("response", response)?;
            kwargs.set_item("operation_name", OPERATION)?;
            let class = error_class(py, "IncompleteStreamError")?;
            Ok::<_, PyErr>(PyErr::from_value(class.call((message,), Some(&kwargs))?))
        })();
        built.unwrap_or_else(|err| err)
    }

    /// Runs `op` for a sync call; a wait happens without the GIL and answers Ctrl-C.
    fn call(&self, py: Python<'_>, op: Op) -> PyResult<Option<Py<PyAny>>> {
        let (stream, found) = match self.try_now(&op) {
            Some(done) => done,
            None => wait(py, self.future(op))?,
        };
        self.convert(py, &stream, found)
    }

    /// Runs `op` for an async call: an awaitable; `None` becomes `StopAsyncIteration`.
    /// `done` (an iterator's) is set once the step ends with anything but a value.
    fn call_async<'py>(
        &self,
        py: Python<'py>,
        op: Op,
        done: Option<Arc<AtomicBool>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let finished = move |found: &Result<Found, StreamError>| {
            if let Some(done) = &done {
                if !matches!(found, Ok(Found::Event(_) | Found::Text(_))) {
                    done.store(true, Ordering::Relaxed);
                }
            }
        };
        if let Some((stream, found)) = self.try_now(&op) {
            finished(&found);
            let result = self
                .convert(py, &stream, found)
                .and_then(|value| value.ok_or_else(|| PyStopAsyncIteration::new_err(())));
            return ready(py, result);
        }
        let fut = self.future(op);
        let body = self.clone();
        let step = async move {
            let (stream, found) = fut.await;
            finished(&found);
            (stream, found)
        };
        awaitable(py, step, move |py, (stream, found)| {
            body.convert(py, &stream, found)?
                .ok_or_else(|| PyStopAsyncIteration::new_err(()))
        })
    }

    /// Ends the HTTP response now, or as soon as a waiting read sees the request.
    fn close(&self) {
        self.closer.close();
        if let Ok(mut stream) = self.state.try_lock() {
            stream.close();
        }
    }

    /// Whether the connection has been released (closed, read to its end, or failed).
    fn closed(&self) -> bool {
        self.closer.is_closed() || self.state.try_lock().is_ok_and(|s| !s.is_open())
    }

    fn response_item<'py>(
        &self,
        owner: &Bound<'py, PyAny>,
        key: &str,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        match key {
            "stream" => Ok(Some(owner.clone())),
            "ResponseMetadata" => Ok(Some(metadata_dict(owner.py(), &self.metadata)?.into_any())),
            _ => Ok(None),
        }
    }
}

/// The work of `op` on the stream. Cancel-safe at every await: dropping it loses nothing.
async fn perform(stream: &mut Guard, op: &Op) -> Result<Found, StreamError> {
    match op {
        Op::NextEvent => stream
            .advance()
            .await
            .map(|event| event.map_or(Found::End, Found::Event)),
        Op::NextText(position) => next_text(stream, position).await,
        Op::Text => stream
            .finish()
            .await
            .map(|()| Found::Text(stream.text().to_owned())),
        Op::FinalResponse => {
            stream.finish().await?;
            stream.final_response().map(Found::Response)
        }
    }
}

/// The text delta at `position` (counted from the stream's start), which moves past it.
async fn next_text(stream: &mut Guard, position: &AtomicUsize) -> Result<Found, StreamError> {
    let index = position.load(Ordering::Relaxed);
    match stream.text_delta_at(index).await? {
        Some(text) => {
            position.store(index + 1, Ordering::Relaxed);
            Ok(Found::Text(text.to_owned()))
        }
        None => Ok(Found::End),
    }
}

fn key_error(key: &str) -> PyErr {
    PyKeyError::new_err(key.to_owned())
}

/// A ConverseStream response, as boto3's dict and as an iterator of its events.
///
/// `response["stream"]` (the object itself) and iterating the object give boto3's event
/// dicts; `response["ResponseMetadata"]` is the initial HTTP response's. A context
/// manager; leaving a loop early, `close()` or dropping the last reference ends the
/// HTTP response. A stream that ends without `messageStop` and `metadata`, breaks, or
/// carries a corrupt frame raises `IncompleteStreamError`; an exception event raises the
/// class of its code.
#[pyclass(module = "fastconverse", name = "ConverseStream", frozen)]
pub struct ConverseStream {
    body: Body,
}

impl ConverseStream {
    /// Wraps a core stream.
    pub fn new(stream: core::ConverseStream) -> Self {
        Self {
            body: Body::new(stream),
        }
    }
}

#[pymethods]
impl ConverseStream {
    /// Iterates the events not yet iterated; leaving the loop early closes the stream.
    fn __iter__(&self) -> EventIterator {
        EventIterator {
            body: self.body.clone(),
            done: AtomicBool::new(false),
        }
    }

    /// boto3's response keys: `"stream"` (this object) and `"ResponseMetadata"`.
    fn __getitem__<'py>(slf: &Bound<'py, Self>, key: &str) -> PyResult<Bound<'py, PyAny>> {
        slf.get()
            .body
            .response_item(slf.as_any(), key)?
            .ok_or_else(|| key_error(key))
    }

    /// `response.get(key, default)`, as on boto3's dict.
    #[pyo3(signature = (key, default = None))]
    fn get<'py>(
        slf: &Bound<'py, Self>,
        key: &str,
        default: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        Ok(slf.get().body.response_item(slf.as_any(), key)?.or(default))
    }

    /// The keys of boto3's response dict.
    fn keys(&self) -> Vec<&'static str> {
        KEYS.to_vec()
    }

    fn __contains__(&self, key: &str) -> bool {
        KEYS.contains(&key)
    }

    /// Returns the stream itself.
    fn __enter__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    /// Closes the stream; exceptions propagate.
    #[pyo3(signature = (*_exc_info))]
    fn __exit__(&self, _exc_info: &Bound<'_, PyTuple>) -> bool {
        self.body.close();
        false
    }

    /// Ends the HTTP response. Idempotent; what was received stays readable.
    fn close(&self) {
        self.body.close();
    }

    /// Whether the connection is released: closed, read to its end, or failed.
    #[getter]
    fn closed(&self) -> bool {
        self.body.closed()
    }

    /// All the text of the reply, joined (reads the stream to its end).
    fn text(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        self.body
            .call(py, Op::Text)
            .map(|text| text.unwrap_or_else(|| py.None()))
    }

    /// The text deltas, from the first, as they arrive.
    fn iter_text(&self) -> TextIterator {
        TextIterator {
            body: self.body.clone(),
            position: Arc::default(),
            done: AtomicBool::new(false),
        }
    }

    /// The reply assembled in `converse()`'s dict shape (reads the stream to its end).
    fn final_response(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        self.body
            .call(py, Op::FinalResponse)
            .map(|response| response.unwrap_or_else(|| py.None()))
    }

    fn __repr__(&self) -> String {
        repr("ConverseStream", &self.body)
    }
}

/// The native half of `fastconverse.AsyncConverseStream` (which adds `async with`,
/// `aclose()` and the helpers as coroutines): `async for` over the events, the response
/// keys, and the helpers as awaitables.
#[pyclass(module = "fastconverse._native", name = "AsyncConverseStream", frozen)]
pub struct AsyncConverseStream {
    body: Body,
}

impl AsyncConverseStream {
    /// Wraps a core stream.
    pub fn new(stream: core::ConverseStream) -> Self {
        Self {
            body: Body::new(stream),
        }
    }
}

#[pymethods]
impl AsyncConverseStream {
    /// Iterates the events not yet iterated; leaving the loop early closes the stream.
    fn __aiter__(&self) -> AsyncEventIterator {
        AsyncEventIterator {
            body: self.body.clone(),
            done: Arc::new(AtomicBool::new(false)),
        }
    }

    /// boto3's response keys: `"stream"` (this object) and `"ResponseMetadata"`.
    fn __getitem__<'py>(slf: &Bound<'py, Self>, key: &str) -> PyResult<Bound<'py, PyAny>> {
        slf.get()
            .body
            .response_item(slf.as_any(), key)?
            .ok_or_else(|| key_error(key))
    }

    /// `response.get(key, default)`, as on boto3's dict.
    #[pyo3(signature = (key, default = None))]
    fn get<'py>(
        slf: &Bound<'py, Self>,
        key: &str,
        default: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        Ok(slf.get().body.response_item(slf.as_any(), key)?.or(default))
    }

    /// The keys of boto3's response dict.
    fn keys(&self) -> Vec<&'static str> {
        KEYS.to_vec()
    }

    fn __contains__(&self, key: &str) -> bool {
        KEYS.contains(&key)
    }

    /// Ends the HTTP response. Idempotent; what was received stays readable.
    fn close(&self) {
        self.body.close();
    }

    /// Whether the connection is released: closed, read to its end, or failed.
    #[getter]
    fn closed(&self) -> bool {
        self.body.closed()
    }

    /// Awaitable of all the text of the reply, joined (reads the stream to its end).
    fn text<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.body.call_async(py, Op::Text, None)
    }

    /// The text deltas, from the first, as they arrive (an async iterator).
    fn iter_text(&self) -> AsyncTextIterator {
        AsyncTextIterator {
            body: self.body.clone(),
            position: Arc::default(),
            done: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Awaitable of the reply assembled in `converse()`'s dict shape (reads the stream to
    /// its end).
    fn final_response<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.body.call_async(py, Op::FinalResponse, None)
    }

    fn __repr__(&self) -> String {
        repr("AsyncConverseStream", &self.body)
    }
}

fn repr(class: &str, body: &Body) -> String {
    let state = if body.closed() { "closed" } else { "open" };
    format!(
        "<{class} request_id={:?} {state}>",
        body.metadata.request_id
    )
}

/// The iterator of one loop over a `ConverseStream`; closes the stream if dropped early.
#[pyclass(module = "fastconverse._native", name = "_EventIterator", frozen)]
pub struct EventIterator {
    body: Body,
    done: AtomicBool,
}

#[pymethods]
impl EventIterator {
    fn __iter__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        let next = self.body.call(py, Op::NextEvent);
        if !matches!(next, Ok(Some(_))) {
            self.done.store(true, Ordering::Relaxed);
        }
        next
    }
}

impl Drop for EventIterator {
    fn drop(&mut self) {
        if !self.done.load(Ordering::Relaxed) {
            self.body.close();
        }
    }
}

/// The iterator of `ConverseStream.iter_text()`; closes the stream if dropped early.
#[pyclass(module = "fastconverse._native", name = "_TextIterator", frozen)]
pub struct TextIterator {
    body: Body,
    position: Arc<AtomicUsize>,
    done: AtomicBool,
}

#[pymethods]
impl TextIterator {
    fn __iter__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        let next = self.body.call(py, Op::NextText(self.position.clone()));
        if !matches!(next, Ok(Some(_))) {
            self.done.store(true, Ordering::Relaxed);
        }
        next
    }
}

impl Drop for TextIterator {
    fn drop(&mut self) {
        if !self.done.load(Ordering::Relaxed) {
            self.body.close();
        }
    }
}

/// The iterator of one `async for` over an `AsyncConverseStream`; closes it if dropped early.
#[pyclass(module = "fastconverse._native", name = "_AsyncEventIterator", frozen)]
pub struct AsyncEventIterator {
    body: Body,
    done: Arc<AtomicBool>,
}

#[pymethods]
impl AsyncEventIterator {
    fn __aiter__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    fn __anext__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.body
            .call_async(py, Op::NextEvent, Some(self.done.clone()))
    }
}

impl Drop for AsyncEventIterator {
    fn drop(&mut self) {
        if !self.done.load(Ordering::Relaxed) {
            self.body.close();
        }
    }
}

/// The async iterator of `AsyncConverseStream.iter_text()`; closes the stream if dropped early.
#[pyclass(module = "fastconverse._native", name = "_AsyncTextIterator", frozen)]
pub struct AsyncTextIterator {
    body: Body,
    position: Arc<AtomicUsize>,
    done: Arc<AtomicBool>,
}

#[pymethods]
impl AsyncTextIterator {
    fn __aiter__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    fn __anext__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.body.call_async(
            py,
            Op::NextText(self.position.clone()),
            Some(self.done.clone()),
        )
    }
}

impl Drop for AsyncTextIterator {
    fn drop(&mut self) {
        if !self.done.load(Ordering::Relaxed) {
            self.body.close();
        }
    }
}

/// Adds the stream classes to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<ConverseStream>()?;
    m.add_class::<AsyncConverseStream>()?;
    Ok(())
}
