//! Client configuration and its resolution into an SDK client (aws-config, explicit values first).

use std::fmt;
use std::time::Duration;

use aws_config::profile::ProfileFileCredentialsProvider;
use aws_config::retry::RetryConfig;
use aws_config::stalled_stream_protection::StalledStreamProtectionConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region};
use aws_credential_types::Credentials;
use aws_sdk_bedrockruntime::config::retry::RetryPartition;
use aws_sdk_bedrockruntime::config::Token;
use aws_smithy_runtime_api::client::auth::http::HTTP_BEARER_AUTH_SCHEME_ID;
use aws_smithy_runtime_api::client::interceptors::SharedInterceptor;

use super::error::CoreError;
use super::exchange::WireInterceptor;
use super::guard::ResponseGuardInterceptor;
use super::http::H2cClient;
use super::metadata::ResponseMetadataInterceptor;
use super::retry::ThrottlingStatusClassifier;
use super::user_agent::UserAgentHeader;

/// Connect timeout when the caller sets none.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Read timeout when the caller sets none: AWS advises an hour for long reasoning outputs.
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(3600);
/// Attempts per call (the first included) when the caller sets none, as botocore's standard mode.
pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;

/// How the SDK retries throttled and transient failures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum RetryMode {
    /// Exponential backoff with jitter and a retry quota, as botocore's "standard".
    #[default]
    Standard,
    /// Standard plus a client-side rate limiter that slows down on throttling.
    Adaptive,
}

impl RetryMode {
    /// Parses boto3's spelling (`"standard"`, `"adaptive"`; `"legacy"` is taken as standard).
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "standard" | "legacy" => Some(Self::Standard),
            "adaptive" => Some(Self::Adaptive),
            _ => None,
        }
    }

    /// boto3's name for this mode.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Standard => "standard",
            Self::Adaptive => "adaptive",
        }
    }
}

/// Everything a client is built from. Plain data: cheap to clone, safe to send to another
/// process, and resolved against the environment only when a call needs an SDK client.
#[derive(Clone, Default, PartialEq)]
pub struct ClientConfig {
    /// Region; else `AWS_REGION` / `AWS_DEFAULT_REGION` / the profile's.
    pub region: Option<String>,
    /// Named profile of the shared config and credentials files.
    pub profile: Option<String>,
    /// Endpoint override, such as LocalBedrock's `http://127.0.0.1:PORT`.
    pub endpoint_url: Option<String>,
    /// Explicit access key id (with `secret_access_key`); else the standard chain.
    pub access_key_id: Option<String>,
    /// Explicit secret access key.
    pub secret_access_key: Option<String>,
    /// Explicit session token for temporary credentials.
    pub session_token: Option<String>,
    /// Bedrock API key; else `AWS_BEARER_TOKEN_BEDROCK` is honoured by the SDK itself.
    pub bearer_token: Option<String>,
    /// Time allowed to open a connection.
    pub connect_timeout: Option<Duration>,
    /// Time allowed between bytes of the response.
    pub read_timeout: Option<Duration>,
    /// Attempts per call, the first included.
    pub max_attempts: Option<u32>,
    /// Retry strategy.
    pub retry_mode: RetryMode,
    /// Speak HTTP/2 to an `http://` endpoint without negotiating it (prior knowledge).
    /// Over `https://` the SDK's client uses HTTP/2 whenever the server offers it.
    pub http2: bool,
}

impl fmt::Debug for ClientConfig {
    // Secrets never reach a log line or a repr.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientConfig")
            .field("region", &self.region)
            .field("profile", &self.profile)
            .field("endpoint_url", &self.endpoint_url)
            .field("access_key_id", &self.access_key_id)
            .field(
                "secret_access_key",
                &self.secret_access_key.as_ref().map(|_| "***"),
            )
            .field("session_token", &self.session_token.as_ref().map(|_| "***"))
            .field("bearer_token", &self.bearer_token.as_ref().map(|_| "***"))
            .field("connect_timeout", &self.connect_timeout)
            .field("read_timeout", &self.read_timeout)
            .field("max_attempts", &self.max_attempts)
            .field("retry_mode", &self.retry_mode)
            .field("http2", &self.http2)
            .finish()
    }
}

impl ClientConfig {
    /// Checks what can be checked without the environment: pairs that must come together
    /// and numbers that must be positive.
    pub fn validate(&self) -> Result<(), CoreError> {
        match (&self.access_key_id, &self.secret_access_key) {
            (Some(_), None) | (None, Some(_)) => {
                return Err(CoreError::InvalidConfig(
                    "aws_access_key_id and aws_secret_access_key must be given together".into(),
                ))
            }
            _ => {}
        }
        if self.session_token.is_some() && self.access_key_id.is_none() {
            return Err(CoreError::InvalidConfig(
                "aws_session_token needs aws_access_key_id and aws_secret_access_key".into(),
            ));
        }
        if self.max_attempts == Some(0) {
            return Err(CoreError::InvalidConfig(
                "max_attempts must be at least 1".into(),
            ));
        }
        for (name, value) in [
            ("connect_timeout", self.connect_timeout),
            ("read_timeout", self.read_timeout),
        ] {
            if value.is_some_and(|d| d.is_zero()) {
                return Err(CoreError::InvalidConfig(format!(
                    "{name} must be greater than 0"
                )));
            }
        }
        if let Some(url) = &self.endpoint_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(CoreError::InvalidConfig(format!(
                    "endpoint_url must start with http:// or https://, got {url:?}"
                )));
            }
        }
        if self.http2
            && !self
                .endpoint_url
                .as_ref()
                .is_some_and(|url| url.starts_with("http://"))
        {
            return Err(CoreError::InvalidConfig(
                "http2=True needs an http:// endpoint_url (HTTP/2 with prior knowledge); over \
                 https:// HTTP/2 is used whenever the server offers it"
                    .into(),
            ));
        }
        Ok(())
    }

    /// Resolves the configuration (explicit values, then the environment, then profiles)
    /// and builds an SDK client. Reads files and environment variables; sends nothing.
    pub async fn build_sdk_client(&self) -> Result<aws_sdk_bedrockruntime::Client, CoreError> {
        self.validate()?;
        let mut loader = aws_config::defaults(BehaviorVersion::latest());
        if let Some(region) = &self.region {
            loader = loader.region(Region::new(region.clone()));
        }
        if let Some(profile) = &self.profile {
            loader = loader.profile_name(profile);
        }
        if let (Some(key), Some(secret)) = (&self.access_key_id, &self.secret_access_key) {
            let credentials = Credentials::new(
                key,
                secret,
                self.session_token.clone(),
                None,
                "fastconverse",
            );
            loader = loader.credentials_provider(credentials);
        } else if let Some(profile) = &self.profile {
            // As boto3's Session(profile_name=...): a profile named by the caller wins over
            // credentials in the environment (the default chain would look there first).
            let provider = ProfileFileCredentialsProvider::builder()
                .profile_name(profile)
                .build();
            loader = loader.credentials_provider(provider);
        }
        if let Some(url) = &self.endpoint_url {
            loader = loader.endpoint_url(url);
        }
        let shared = loader.load().await;
        if shared.region().is_none() {
            return Err(CoreError::NoRegion(
                "no AWS region is configured: pass region_name=..., or set AWS_REGION, or set \
                 region in your AWS profile"
                    .into(),
            ));
        }

        let connect_timeout = self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT);
        let read_timeout = self.read_timeout.unwrap_or(DEFAULT_READ_TIMEOUT);
        let timeouts = TimeoutConfig::builder()
            .connect_timeout(connect_timeout)
            .read_timeout(read_timeout)
            .build();
        let max_attempts = self.max_attempts.unwrap_or(DEFAULT_MAX_ATTEMPTS);
        let retry = match self.retry_mode {
            RetryMode::Standard => RetryConfig::standard(),
            RetryMode::Adaptive => RetryConfig::adaptive(),
        }
        .with_max_attempts(max_attempts);

        let mut builder = aws_sdk_bedrockruntime::config::Builder::from(&shared)
            .timeout_config(timeouts)
            .retry_config(retry)
            // Each client its own retry quota and rate limiter, as each boto3 client has:
            // the SDK's default partition is one per service for the whole process, so
            // retries spent by one client (a test, a failing pipeline) would stop another
            // client's retries.
            .retry_partition(RetryPartition::custom("fastconverse").build())
            .retry_classifier(ThrottlingStatusClassifier)
            // A reasoning model may think for minutes before its first byte: the read
            // timeout is the caller's guard, not the SDK's stalled-stream heuristics.
            .stalled_stream_protection(StalledStreamProtectionConfig::disabled());
        // Permanent: nothing ever disables ours, and `SharedInterceptor::new` would look
        // each one up in the config bag at every hook of every call, 84 lookups a call
        // (about 24,000 instructions, 6% of a call's, under callgrind).
        for interceptor in [
            SharedInterceptor::permanent(ResponseMetadataInterceptor),
            // The SDK's read timeout ends at the response headers; this one bounds every
            // later wait for data too, and checks event frames before they are buffered.
            SharedInterceptor::permanent(ResponseGuardInterceptor),
            SharedInterceptor::permanent(WireInterceptor),
            SharedInterceptor::permanent(UserAgentHeader),
        ] {
            builder.push_interceptor(interceptor);
        }
        if self.http2 {
            builder = builder.http_client(H2cClient::new(connect_timeout, read_timeout));
        }
        if let Some(token) = &self.bearer_token {
            builder = builder
                .bearer_token(Token::new(token.clone(), None))
                .auth_scheme_preference([HTTP_BEARER_AUTH_SCHEME_ID]);
        }
        Ok(aws_sdk_bedrockruntime::Client::from_conf(builder.build()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_secrets() {
        let config = ClientConfig {
            access_key_id: Some("AKIDEXAMPLE".into()),
            secret_access_key: Some("very-secret".into()),
            bearer_token: Some("bedrock-api-key".into()),
            ..Default::default()
        };
        let shown = format!("{config:?}");
        assert!(shown.contains("AKIDEXAMPLE"));
        assert!(!shown.contains("very-secret"));
        assert!(!shown.contains("bedrock-api-key"));
    }

    #[test]
    fn half_a_key_pair_is_refused() {
        let config = ClientConfig {
            access_key_id: Some("AKID".into()),
            ..Default::default()
        };
        let err = config.validate().unwrap_err();
        assert!(err.to_string().contains("aws_secret_access_key"));
    }

    #[test]
    fn http2_needs_a_cleartext_endpoint() {
        for endpoint_url in [
            None,
            Some("https://bedrock-runtime.us-east-1.amazonaws.com"),
        ] {
            let config = ClientConfig {
                endpoint_url: endpoint_url.map(str::to_owned),
                http2: true,
                ..Default::default()
            };
            let err = config.validate().unwrap_err();
            assert!(err.to_string().contains("http2"), "{err}");
        }
        let config = ClientConfig {
            endpoint_url: Some("http://127.0.0.1:8080".into()),
            http2: true,
            ..Default::default()
        };
        config.validate().unwrap();
    }

    #[test]
    fn retry_modes_parse_as_boto3_spells_them() {
        assert_eq!(RetryMode::parse("adaptive"), Some(RetryMode::Adaptive));
        assert_eq!(RetryMode::parse("standard"), Some(RetryMode::Standard));
        assert_eq!(RetryMode::parse("fast"), None);
    }

    #[tokio::test]
    async fn missing_region_is_reported_before_any_call() {
        let config = ClientConfig {
            profile: Some("fastconverse-profile-that-does-not-exist".into()),
            access_key_id: Some("AKID".into()),
            secret_access_key: Some("secret".into()),
            ..Default::default()
        };
        // Only meaningful when the environment names no region either.
        if std::env::var_os("AWS_REGION").is_none()
            && std::env::var_os("AWS_DEFAULT_REGION").is_none()
        {
            let err = config.build_sdk_client().await.unwrap_err();
            assert!(matches!(err, CoreError::NoRegion(_)), "{err}");
        }
    }
}
