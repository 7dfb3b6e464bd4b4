//! boto3's `ResponseMetadata` (request id, status, headers, retries), captured by an SDK interceptor.
//!
//! The SDK's outputs carry no headers or attempt counts, so one client-level interceptor
//! writes what it sees into a task-local slot that each call opens around its future.

use std::cell::RefCell;
use std::future::Future;

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeTransmitInterceptorContextRef, FinalizerInterceptorContextRef,
};
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::orchestrator::Metadata;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::http::Response;
use aws_smithy_types::config_bag::ConfigBag;
use aws_smithy_types::retry::RetryConfig;

/// What boto3 puts under `ResponseMetadata`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResponseMetadata {
    /// `x-amzn-RequestId` of the last response.
    pub request_id: String,
    /// HTTP status of the last response.
    pub http_status_code: u16,
    /// Headers of the last response, names lowercased as botocore gives them.
    pub http_headers: Vec<(String, String)>,
    /// Attempts made beyond the first.
    pub retry_attempts: u32,
    /// Whether the last attempt was the last one the retry settings allowed (botocore's
    /// standard and adaptive modes say so whatever the outcome, a success included).
    pub max_attempts_reached: bool,
}

impl ResponseMetadata {
    /// Metadata read off a raw HTTP response (used for errors the SDK returns with one).
    pub fn from_response(response: &Response, attempts: u32) -> Self {
        let http_headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .map(|(name, value)| (name.to_ascii_lowercase(), value.to_owned()))
            .collect();
        let request_id = http_headers
            .iter()
            .find(|(name, _)| name == "x-amzn-requestid" || name == "x-amz-request-id")
            .map(|(_, value)| value.clone())
            .unwrap_or_default();
        Self {
            request_id,
            http_status_code: response.status().as_u16(),
            http_headers,
            retry_attempts: attempts.saturating_sub(1),
            max_attempts_reached: false,
        }
    }
}

/// What the interceptor has seen during one call.
#[derive(Default)]
struct CallRecord {
    attempts: u32,
    /// The retry settings' limit on attempts (0 until the first attempt reads it).
    max_attempts: u32,
    last: Option<ResponseMetadata>,
    /// Why the last attempt failed (status and error type, never a header's value
    /// beyond those), for the retry log line.
    last_failure: Option<String>,
}

/// Where these lines go: the Python logger `fastconverse.core`.
const TARGET: &str = "fastconverse::core";

/// The operation's name (`Converse`, ...), for log lines.
fn operation(cfg: &ConfigBag) -> &str {
    cfg.load::<Metadata>().map_or("request", Metadata::name)
}

/// What an attempt's outcome was, in words fit for a log line: the status and the
/// error type (`x-amzn-errortype` up to its `:`), nothing else from the response.
fn failure(response: Option<&Response>) -> Option<String> {
    let Some(response) = response else {
        return Some("no response (connection error or timeout)".to_owned());
    };
    let status = response.status().as_u16();
    if status < 400 {
        return None;
    }
    let error_type = response
        .headers()
        .get("x-amzn-errortype")
        .and_then(|value| value.split(':').next())
        .filter(|name| !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric()));
    Some(match error_type {
        Some(name) => format!("HTTP {status} {name}"),
        None => format!("HTTP {status}"),
    })
}

tokio::task_local! {
    static CALL: RefCell<CallRecord>;
}

/// Runs `fut` with a fresh metadata slot; returns its output and the metadata of the
/// last response it received (None when no response arrived at all).
pub async fn capture<F: Future>(fut: F) -> (F::Output, Option<ResponseMetadata>) {
    CALL.scope(RefCell::new(CallRecord::default()), async move {
        let output = fut.await;
        let last = CALL.with(|record| {
            let record = record.borrow();
            record.last.clone().map(|mut meta| {
                meta.retry_attempts = record.attempts.saturating_sub(1);
                meta.max_attempts_reached =
                    record.max_attempts > 0 && record.attempts >= record.max_attempts;
                meta
            })
        });
        (output, last)
    })
    .await
}

/// The number of attempts made so far in the current call (0 outside a call).
pub fn attempts_so_far() -> u32 {
    CALL.try_with(|record| record.borrow().attempts)
        .unwrap_or(0)
}

/// Records each attempt's response into the current call's slot.
#[derive(Debug)]
pub struct ResponseMetadataInterceptor;

impl Intercept for ResponseMetadataInterceptor {
    fn name(&self) -> &'static str {
        "fastconverse.ResponseMetadata"
    }

    fn read_after_attempt(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        // Outside `capture` (a caller using the core directly) there is nothing to fill.
        let _ = CALL.try_with(|record| {
            let mut record = record.borrow_mut();
            record.attempts += 1;
            record.max_attempts = cfg
                .load::<RetryConfig>()
                .map_or(0, RetryConfig::max_attempts);
            if let Some(response) = context.response() {
                let attempts = record.attempts;
                record.last = Some(ResponseMetadata::from_response(response, attempts));
            }
            if log::log_enabled!(target: TARGET, log::Level::Info) {
                record.last_failure = failure(context.response());
            }
        });
        Ok(())
    }

    fn read_before_attempt(
        &self,
        _context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if !log::log_enabled!(target: TARGET, log::Level::Info) {
            return Ok(());
        }
        let _ = CALL.try_with(|record| {
            let record = record.borrow();
            if record.attempts > 0 {
                let why = record.last_failure.as_deref().unwrap_or("a failed attempt");
                log::info!(
                    target: TARGET,
                    "{}: retrying (attempt {}) after {why}",
                    operation(cfg),
                    record.attempts + 1,
                );
            }
        });
        Ok(())
    }

    fn read_after_execution(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if !log::log_enabled!(target: TARGET, log::Level::Debug) {
            return Ok(());
        }
        let attempts = CALL
            .try_with(|record| record.borrow().attempts)
            .unwrap_or(0);
        match context.response() {
            Some(response) => {
                let meta = ResponseMetadata::from_response(response, attempts);
                log::debug!(
                    target: TARGET,
                    "{}: HTTP {}, request id {}, {} attempt(s)",
                    operation(cfg),
                    meta.http_status_code,
                    if meta.request_id.is_empty() { "(none)" } else { &meta.request_id },
                    attempts,
                );
            }
            None => log::debug!(
                target: TARGET,
                "{}: no response after {} attempt(s)",
                operation(cfg),
                attempts,
            ),
        }
        Ok(())
    }
}
