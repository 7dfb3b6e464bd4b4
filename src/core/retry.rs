//! boto3's one retry rule that the SDK lacks: a 429 whose error code the operation does
//! not model is throttling, and is retried as throttling.
//!
//! botocore's standard mode has a `ThrottlingStatusCodeChecker` for this case (a proxy's
//! or load balancer's bare 429, or a code added after the model); the SDK retries a 429
//! only when its code is on its list of throttling codes. This classifier, added to each
//! SDK client, closes the gap; every other decision stays the SDK's.

use aws_sdk_bedrockruntime::error::ProvideErrorMetadata;
use aws_sdk_bedrockruntime::operation::converse::ConverseError;
use aws_sdk_bedrockruntime::operation::converse_stream::ConverseStreamError;
use aws_sdk_bedrockruntime::operation::count_tokens::CountTokensError;
use aws_smithy_runtime_api::client::interceptors::context::InterceptorContext;
use aws_smithy_runtime_api::client::retries::classifiers::{
    ClassifyRetry, RetryAction, RetryClassifierPriority,
};

/// The error codes Bedrock Runtime models for Converse, ConverseStream and CountTokens.
pub const MODELLED_ERRORS: &[&str] = &[
    "AccessDeniedException",
    "InternalServerException",
    "ModelErrorException",
    "ModelNotReadyException",
    "ModelStreamErrorException",
    "ModelTimeoutException",
    "ResourceNotFoundException",
    "ServiceQuotaExceededException",
    "ServiceUnavailableException",
    "ThrottlingException",
    "ValidationException",
];

/// Classifies a 429 with an unmodelled error code as throttling (see the module docs).
#[derive(Debug, Default)]
pub struct ThrottlingStatusClassifier;

impl ThrottlingStatusClassifier {
    /// The error code of the operation's error, when it has one.
    fn error_code(ctx: &InterceptorContext) -> Option<String> {
        let error = ctx.output_or_error()?.err()?.as_operation_error()?;
        let code = if let Some(e) = error.downcast_ref::<ConverseError>() {
            e.code()
        } else if let Some(e) = error.downcast_ref::<ConverseStreamError>() {
            e.code()
        } else if let Some(e) = error.downcast_ref::<CountTokensError>() {
            e.code()
        } else {
            None
        };
        code.map(str::to_owned)
    }
}

impl ClassifyRetry for ThrottlingStatusClassifier {
    fn classify_retry(&self, ctx: &InterceptorContext) -> RetryAction {
        let bare_429 = ctx
            .response()
            .is_some_and(|response| response.status().as_u16() == 429);
        if !bare_429 {
            return RetryAction::NoActionIndicated;
        }
        match Self::error_code(ctx) {
            Some(code) if MODELLED_ERRORS.contains(&code.as_str()) => {
                RetryAction::NoActionIndicated
            }
            _ => RetryAction::throttling_error(),
        }
    }

    fn name(&self) -> &'static str {
        "fastconverse.ThrottlingStatus"
    }

    fn priority(&self) -> RetryClassifierPriority {
        // After the SDK's status-code classifier, beside its other AWS classifiers.
        RetryClassifierPriority::run_after(RetryClassifierPriority::http_status_code_classifier())
    }
}
