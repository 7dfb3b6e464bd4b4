//! The operations on the SDK (converse, count_tokens), and the per-process client cache.

use std::future::Future;
use std::sync::{Arc, Mutex};

use aws_config::retry::RetryConfig;
use aws_sdk_bedrockruntime::error::{ProvideErrorMetadata, SdkError};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;

use bytes::Bytes;

use super::config::ClientConfig;
use super::error::CoreError;
use super::exchange::{exchange, RawBody};
use super::metadata::{self, ResponseMetadata};
use super::stream::ConverseStream;
use crate::wire::encode::Encoded;
use crate::wire::model::ShapeId;
use crate::wire::{decode, generated, Value};

/// A body in boto3's layout together with its `ResponseMetadata`.
#[derive(Debug)]
pub struct Response<T> {
    /// The operation's output.
    pub body: T,
    /// What boto3 returns under `ResponseMetadata`.
    pub metadata: ResponseMetadata,
}

/// An SDK client, built from a `ClientConfig`. Cheap to share behind an `Arc`.
#[derive(Clone, Debug)]
pub struct Client {
    sdk: aws_sdk_bedrockruntime::Client,
    /// The same client without the SDK's retries, for schedulers that retry themselves.
    single_attempt: std::sync::OnceLock<aws_sdk_bedrockruntime::Client>,
}

impl Client {
    /// Resolves `config` and builds the SDK client (no network I/O).
    pub async fn connect(config: &ClientConfig) -> Result<Self, CoreError> {
        Ok(Self {
            sdk: config.build_sdk_client().await?,
            single_attempt: std::sync::OnceLock::new(),
        })
    }

    /// A client of `config` whose requests go to `http` instead of the SDK's default HTTP
    /// client: core's tests give it a stub transport (no server, no socket), and
    /// `bench/layers.rs` prices the HTTP client through it. Panics if `config` is invalid.
    #[doc(hidden)]
    pub async fn with_http_client(
        config: &ClientConfig,
        http: impl aws_smithy_runtime_api::client::http::HttpClient + 'static,
    ) -> Self {
        let sdk = config.build_sdk_client().await.expect("a valid config");
        let conf = sdk.config().to_builder().http_client(http).build();
        Self {
            sdk: aws_sdk_bedrockruntime::Client::from_conf(conf),
            single_attempt: std::sync::OnceLock::new(),
        }
    }

    /// The Converse operation.
    pub async fn converse(&self, request: Encoded) -> Result<Response<Value>, CoreError> {
        converse_with(&self.sdk, request).await
    }

    /// One Converse attempt, without the SDK's retries: `converse_many` retries itself,
    /// so that it sees every throttle and adapts its concurrency.
    pub async fn converse_once(&self, request: Encoded) -> Result<Response<Value>, CoreError> {
        let sdk = self.single_attempt.get_or_init(|| {
            let config = self
                .sdk
                .config()
                .to_builder()
                .retry_config(RetryConfig::disabled())
                .build();
            aws_sdk_bedrockruntime::Client::from_conf(config)
        });
        // The caller (the many-scheduler) retries and stamps its own attempt counts.
        converse_with(sdk, request).await
    }

    /// The ConverseStream operation: returns once the response headers arrive (the SDK
    /// retries only until then); events are read from the returned stream.
    pub async fn converse_stream(
        &self,
        request: Encoded,
    ) -> Result<Response<ConverseStream>, CoreError> {
        let call = self.sdk.converse_stream().model_id(request.model_id).send();
        let (_, metadata, raw) = send(request.body, call).await?;
        let Some(RawBody::Streaming(body)) = raw else {
            return Err(CoreError::Internal(
                "the stream's body was not handed over".into(),
            ));
        };
        Ok(Response {
            body: ConverseStream::new(body, metadata.clone()),
            metadata,
        })
    }

    /// The CountTokens operation.
    pub async fn count_tokens(&self, request: Encoded) -> Result<Response<Value>, CoreError> {
        let call = self.sdk.count_tokens().model_id(request.model_id).send();
        let (_, metadata, raw) = send(request.body, call).await?;
        let body = decode_body(generated::COUNT_TOKENS_RESPONSE, raw, &metadata)?;
        Ok(Response { body, metadata })
    }
}

/// The Converse operation on `sdk` (with or without its retries).
async fn converse_with(
    sdk: &aws_sdk_bedrockruntime::Client,
    request: Encoded,
) -> Result<Response<Value>, CoreError> {
    let call = sdk.converse().model_id(request.model_id).send();
    let (_, metadata, raw) = send(request.body, call).await?;
    let body = decode_body(generated::CONVERSE_RESPONSE, raw, &metadata)?;
    if body.get("output").is_none() && body.get("stopReason").is_none() {
        // boto3 would return an empty dict; a caller reading `output` deserves better.
        return Err(CoreError::InvalidResponse(format!(
            "the response (HTTP {}) is not a Converse response: it has no output and no \
             stopReason (an empty body, or an error sent with a success status)",
            metadata.http_status_code
        )));
    }
    Ok(Response { body, metadata })
}

/// A successful response's body in boto3's layout.
fn decode_body(
    shape: ShapeId,
    raw: Option<RawBody>,
    metadata: &ResponseMetadata,
) -> Result<Value, CoreError> {
    let Some(RawBody::Complete(bytes)) = raw else {
        return Err(CoreError::Internal(
            "the response's body was not handed over".into(),
        ));
    };
    decode::response(shape, &bytes).map_err(|err| {
        CoreError::InvalidResponse(format!(
            "the response (HTTP {}) could not be read: {err}",
            metadata.http_status_code
        ))
    })
}

/// Sends one SDK operation with our `body`, metadata capture and the one error mapping;
/// returns the SDK's (unread) output, the metadata and the raw body.
///
/// The SDK's operation future (about 8 KB) is boxed here, before the caller's state
/// machine can hold it: each `async` layer above keeps its argument inline, so boxing
/// any later would leave a dead 8 KB in every in-flight request's task (measured with
/// massif at 1,000 in flight) and copy it whenever the future moves.
fn send<O, E, F>(
    body: Bytes,
    fut: F,
) -> impl Future<Output = Result<(O, ResponseMetadata, Option<RawBody>), CoreError>>
where
    F: Future<Output = Result<O, SdkError<E, HttpResponse>>>,
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    let fut = Box::pin(fut);
    async move {
        let ((result, metadata), raw) = exchange(body, metadata::capture(fut)).await;
        match result {
            Ok(output) => Ok((output, metadata.unwrap_or_default(), raw)),
            Err(err) => Err(CoreError::from_sdk(err, metadata)),
        }
    }
}

/// A client built on first use in each process: after `fork` the child builds its own,
/// since connection pools belong to the parent's runtime.
#[derive(Debug)]
pub struct LazyClient {
    config: ClientConfig,
    built: Mutex<Option<(u32, Arc<Client>)>>,
    building: tokio::sync::Mutex<()>,
}

impl LazyClient {
    /// A cache for `config`; nothing is resolved yet.
    pub fn new(config: ClientConfig) -> Self {
        Self {
            config,
            built: Mutex::new(None),
            building: tokio::sync::Mutex::new(()),
        }
    }

    /// The configuration this client is built from.
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    fn cached(&self) -> Option<Arc<Client>> {
        let pid = std::process::id();
        let slot = self
            .built
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        slot.as_ref()
            .filter(|(owner, _)| *owner == pid)
            .map(|(_, client)| client.clone())
    }

    /// This process's client, built once even when many calls start together.
    pub async fn get(&self) -> Result<Arc<Client>, CoreError> {
        if let Some(client) = self.cached() {
            return Ok(client);
        }
        let _one_builder = self.building.lock().await;
        if let Some(client) = self.cached() {
            return Ok(client);
        }
        // Boxed: resolving the configuration is an 11 KB future that runs once, and
        // inline it would sit in every call's future (async calls in flight each hold one).
        let client = Arc::new(Box::pin(Client::connect(&self.config)).await?);
        let mut slot = self
            .built
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *slot = Some((std::process::id(), client.clone()));
        Ok(client)
    }
}
