//! The `User-Agent` header, formatted once per process.
//!
//! The SDK's user-agent interceptor builds it again on every call (several environment
//! variable reads, a set of feature ids, two formatted strings: about 27,000 of the
//! 455,000 instructions of a converse call through the SDK, `bench/raw_converse.rs` under
//! callgrind) and sends it twice, as `user-agent` and as `x-amz-user-agent`, which boto3
//! does not send. [`UserAgentHeader`] turns that interceptor off for each call and sends
//! one `user-agent`, as boto3 does. What boto3 sends beside it, `amz-sdk-invocation-id`
//! and `amz-sdk-request` (`attempt=N; max=M`, with `ttl` on a retry), stays the SDK's, as
//! does its clock-skew correction. `user-agent` is not signed (SigV4 leaves it out), so
//! it can be set after signing.

use std::sync::OnceLock;

use aws_runtime::user_agent::UserAgentInterceptor;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeSerializationInterceptorContextRef, BeforeTransmitInterceptorContextMut,
};
use aws_smithy_runtime_api::client::interceptors::{disable_interceptor, Intercept};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use http::HeaderValue;

/// The `User-Agent` of every request, in the user-agent 2.1 format that boto3 and the
/// SDK both use: fastconverse and its version, the API and the SDK crate's version, the
/// OS, the architecture and the language.
fn user_agent() -> &'static HeaderValue {
    static USER_AGENT: OnceLock<HeaderValue> = OnceLock::new();
    USER_AGENT.get_or_init(|| {
        let text = format!(
            "fastconverse/{} ua/2.1 api/bedrockruntime#{} os/{} md/arch#{} lang/rust",
            env!("CARGO_PKG_VERSION"),
            aws_sdk_bedrockruntime::meta::PKG_VERSION,
            std::env::consts::OS,
            std::env::consts::ARCH,
        );
        HeaderValue::from_str(&text).expect("the user agent is ASCII")
    })
}

/// Sends the user agent formatted once, in place of the SDK's user-agent interceptor,
/// which it turns off for the call.
#[derive(Debug, Default)]
pub struct UserAgentHeader;

impl Intercept for UserAgentHeader {
    fn name(&self) -> &'static str {
        "fastconverse.UserAgent"
    }

    fn read_before_execution(
        &self,
        _context: &BeforeSerializationInterceptorContextRef<'_>,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        cfg.interceptor_state()
            .store_put(disable_interceptor::<UserAgentInterceptor>(
                "fastconverse sends a user agent formatted once",
            ));
        Ok(())
    }

    fn modify_before_transmit(
        &self,
        context: &mut BeforeTransmitInterceptorContextMut<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let headers = context.request_mut().headers_mut();
        headers.insert(http::header::USER_AGENT, user_agent().clone());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_user_agent_names_fastconverse_and_its_version() {
        let ua = user_agent().to_str().unwrap();
        assert!(ua.starts_with(&format!("fastconverse/{} ", env!("CARGO_PKG_VERSION"))));
    }
}
