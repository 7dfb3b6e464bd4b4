// The SDK-typed shapes of the previous design, kept while the wire layer moves to the table; removed once nothing uses them.

//! The Converse shapes in boto3's dict layout (one serde type per botocore shape) and their
//! conversions to and from the types of aws-sdk-bedrockruntime; see codegen/gen_wire.py.

#![allow(
    clippy::large_enum_variant,
    clippy::enum_variant_names,
    clippy::upper_case_acronyms
)]
#![allow(
    clippy::type_complexity,
    clippy::too_many_lines,
    clippy::result_large_err,
    missing_docs
)]

use std::collections::HashMap;

use crate::wire::WireError;

/// The botocore version whose service model these shapes follow.
pub const BOTOCORE_VERSION: &str = "1.44.8";
/// The aws-sdk-bedrockruntime version these conversions were generated against.
pub const SDK_VERSION: &str = "1.153.0";
/// `(shape, member)` pairs of botocore that the pinned SDK cannot carry; they are refused on input.
pub const UNSUPPORTED_MEMBERS: &[(&str, &str)] = &[
    ("ConverseRequest", "projectIdentifier"),
    ("ConverseStreamRequest", "projectIdentifier"),
];
/// `(shape, member)` pairs of botocore that are carried both ways.
pub const CARRIED_MEMBERS: &[(&str, &str)] = &[
    ("AppliedGuardrailDetails", "guardrailArn"),
    ("AppliedGuardrailDetails", "guardrailId"),
    ("AppliedGuardrailDetails", "guardrailOrigin"),
    ("AppliedGuardrailDetails", "guardrailOwnership"),
    ("AppliedGuardrailDetails", "guardrailVersion"),
    ("AudioBlock", "error"),
    ("AudioBlock", "format"),
    ("AudioBlock", "source"),
    ("AudioSource", "bytes"),
    ("AudioSource", "s3Location"),
    ("CacheDetail", "inputTokens"),
    ("CacheDetail", "ttl"),
    ("CachePointBlock", "ttl"),
    ("CachePointBlock", "type"),
    ("Citation", "location"),
    ("Citation", "source"),
    ("Citation", "sourceContent"),
    ("Citation", "title"),
    ("CitationGeneratedContent", "text"),
    ("CitationLocation", "documentChar"),
    ("CitationLocation", "documentChunk"),
    ("CitationLocation", "documentPage"),
    ("CitationLocation", "searchResultLocation"),
    ("CitationLocation", "web"),
    ("CitationSourceContent", "text"),
    ("CitationSourceContentDelta", "text"),
    ("CitationsConfig", "enabled"),
    ("CitationsContentBlock", "citations"),
    ("CitationsContentBlock", "content"),
    ("CitationsDelta", "location"),
    ("CitationsDelta", "source"),
    ("CitationsDelta", "sourceContent"),
    ("CitationsDelta", "title"),
    ("ContentBlock", "audio"),
    ("ContentBlock", "cachePoint"),
    ("ContentBlock", "citationsContent"),
    ("ContentBlock", "document"),
    ("ContentBlock", "guardContent"),
    ("ContentBlock", "image"),
    ("ContentBlock", "reasoningContent"),
    ("ContentBlock", "searchResult"),
    ("ContentBlock", "text"),
    ("ContentBlock", "toolAddition"),
    ("ContentBlock", "toolRemoval"),
    ("ContentBlock", "toolResult"),
    ("ContentBlock", "toolUse"),
    ("ContentBlock", "video"),
    ("ContentBlockDelta", "citation"),
    ("ContentBlockDelta", "image"),
    ("ContentBlockDelta", "reasoningContent"),
    ("ContentBlockDelta", "text"),
    ("ContentBlockDelta", "toolResult"),
    ("ContentBlockDelta", "toolUse"),
    ("ContentBlockDeltaEvent", "contentBlockIndex"),
    ("ContentBlockDeltaEvent", "delta"),
    ("ContentBlockStart", "image"),
    ("ContentBlockStart", "toolResult"),
    ("ContentBlockStart", "toolUse"),
    ("ContentBlockStartEvent", "contentBlockIndex"),
    ("ContentBlockStartEvent", "start"),
    ("ContentBlockStopEvent", "contentBlockIndex"),
    ("ConverseMetrics", "latencyMs"),
    ("ConverseOutput", "message"),
    ("ConverseRequest", "additionalModelRequestFields"),
    ("ConverseRequest", "additionalModelResponseFieldPaths"),
    ("ConverseRequest", "guardrailConfig"),
    ("ConverseRequest", "inferenceConfig"),
    ("ConverseRequest", "messages"),
    ("ConverseRequest", "modelId"),
    ("ConverseRequest", "outputConfig"),
    ("ConverseRequest", "performanceConfig"),
    ("ConverseRequest", "promptVariables"),
    ("ConverseRequest", "requestMetadata"),
    ("ConverseRequest", "serviceTier"),
    ("ConverseRequest", "system"),
    ("ConverseRequest", "toolConfig"),
    ("ConverseResponse", "additionalModelResponseFields"),
    ("ConverseResponse", "metrics"),
    ("ConverseResponse", "output"),
    ("ConverseResponse", "performanceConfig"),
    ("ConverseResponse", "serviceTier"),
    ("ConverseResponse", "stopReason"),
    ("ConverseResponse", "trace"),
    ("ConverseResponse", "usage"),
    ("ConverseStreamMetadataEvent", "metrics"),
    ("ConverseStreamMetadataEvent", "performanceConfig"),
    ("ConverseStreamMetadataEvent", "serviceTier"),
    ("ConverseStreamMetadataEvent", "trace"),
    ("ConverseStreamMetadataEvent", "usage"),
    ("ConverseStreamMetrics", "latencyMs"),
    ("ConverseStreamOutput", "contentBlockDelta"),
    ("ConverseStreamOutput", "contentBlockStart"),
    ("ConverseStreamOutput", "contentBlockStop"),
    ("ConverseStreamOutput", "internalServerException"),
    ("ConverseStreamOutput", "messageStart"),
    ("ConverseStreamOutput", "messageStop"),
    ("ConverseStreamOutput", "metadata"),
    ("ConverseStreamOutput", "modelStreamErrorException"),
    ("ConverseStreamOutput", "serviceUnavailableException"),
    ("ConverseStreamOutput", "throttlingException"),
    ("ConverseStreamOutput", "validationException"),
    ("ConverseStreamRequest", "additionalModelRequestFields"),
    ("ConverseStreamRequest", "additionalModelResponseFieldPaths"),
    ("ConverseStreamRequest", "guardrailConfig"),
    ("ConverseStreamRequest", "inferenceConfig"),
    ("ConverseStreamRequest", "messages"),
    ("ConverseStreamRequest", "modelId"),
    ("ConverseStreamRequest", "outputConfig"),
    ("ConverseStreamRequest", "performanceConfig"),
    ("ConverseStreamRequest", "promptVariables"),
    ("ConverseStreamRequest", "requestMetadata"),
    ("ConverseStreamRequest", "serviceTier"),
    ("ConverseStreamRequest", "system"),
    ("ConverseStreamRequest", "toolConfig"),
    ("ConverseStreamTrace", "guardrail"),
    ("ConverseStreamTrace", "promptRouter"),
    ("ConverseTokensRequest", "additionalModelRequestFields"),
    ("ConverseTokensRequest", "messages"),
    ("ConverseTokensRequest", "system"),
    ("ConverseTokensRequest", "toolConfig"),
    ("ConverseTrace", "guardrail"),
    ("ConverseTrace", "promptRouter"),
    ("CountTokensInput", "converse"),
    ("CountTokensInput", "invokeModel"),
    ("CountTokensRequest", "input"),
    ("CountTokensRequest", "modelId"),
    ("CountTokensResponse", "inputTokens"),
    ("DocumentBlock", "citations"),
    ("DocumentBlock", "context"),
    ("DocumentBlock", "format"),
    ("DocumentBlock", "name"),
    ("DocumentBlock", "source"),
    ("DocumentCharLocation", "documentIndex"),
    ("DocumentCharLocation", "end"),
    ("DocumentCharLocation", "start"),
    ("DocumentChunkLocation", "documentIndex"),
    ("DocumentChunkLocation", "end"),
    ("DocumentChunkLocation", "start"),
    ("DocumentContentBlock", "text"),
    ("DocumentPageLocation", "documentIndex"),
    ("DocumentPageLocation", "end"),
    ("DocumentPageLocation", "start"),
    ("DocumentSource", "bytes"),
    ("DocumentSource", "content"),
    ("DocumentSource", "s3Location"),
    ("DocumentSource", "text"),
    ("ErrorBlock", "message"),
    ("GuardrailAssessment", "appliedGuardrailDetails"),
    ("GuardrailAssessment", "automatedReasoningPolicy"),
    ("GuardrailAssessment", "contentPolicy"),
    ("GuardrailAssessment", "contextualGroundingPolicy"),
    ("GuardrailAssessment", "invocationMetrics"),
    ("GuardrailAssessment", "sensitiveInformationPolicy"),
    ("GuardrailAssessment", "topicPolicy"),
    ("GuardrailAssessment", "wordPolicy"),
    ("GuardrailAutomatedReasoningFinding", "impossible"),
    ("GuardrailAutomatedReasoningFinding", "invalid"),
    ("GuardrailAutomatedReasoningFinding", "noTranslations"),
    ("GuardrailAutomatedReasoningFinding", "satisfiable"),
    ("GuardrailAutomatedReasoningFinding", "tooComplex"),
    ("GuardrailAutomatedReasoningFinding", "translationAmbiguous"),
    ("GuardrailAutomatedReasoningFinding", "valid"),
    (
        "GuardrailAutomatedReasoningImpossibleFinding",
        "contradictingRules",
    ),
    (
        "GuardrailAutomatedReasoningImpossibleFinding",
        "logicWarning",
    ),
    (
        "GuardrailAutomatedReasoningImpossibleFinding",
        "translation",
    ),
    ("GuardrailAutomatedReasoningInputTextReference", "text"),
    (
        "GuardrailAutomatedReasoningInvalidFinding",
        "contradictingRules",
    ),
    ("GuardrailAutomatedReasoningInvalidFinding", "logicWarning"),
    ("GuardrailAutomatedReasoningInvalidFinding", "translation"),
    ("GuardrailAutomatedReasoningLogicWarning", "claims"),
    ("GuardrailAutomatedReasoningLogicWarning", "premises"),
    ("GuardrailAutomatedReasoningLogicWarning", "type"),
    ("GuardrailAutomatedReasoningPolicyAssessment", "findings"),
    ("GuardrailAutomatedReasoningRule", "identifier"),
    ("GuardrailAutomatedReasoningRule", "policyVersionArn"),
    (
        "GuardrailAutomatedReasoningSatisfiableFinding",
        "claimsFalseScenario",
    ),
    (
        "GuardrailAutomatedReasoningSatisfiableFinding",
        "claimsTrueScenario",
    ),
    (
        "GuardrailAutomatedReasoningSatisfiableFinding",
        "logicWarning",
    ),
    (
        "GuardrailAutomatedReasoningSatisfiableFinding",
        "translation",
    ),
    ("GuardrailAutomatedReasoningScenario", "statements"),
    ("GuardrailAutomatedReasoningStatement", "logic"),
    ("GuardrailAutomatedReasoningStatement", "naturalLanguage"),
    ("GuardrailAutomatedReasoningTranslation", "claims"),
    ("GuardrailAutomatedReasoningTranslation", "confidence"),
    ("GuardrailAutomatedReasoningTranslation", "premises"),
    (
        "GuardrailAutomatedReasoningTranslation",
        "untranslatedClaims",
    ),
    (
        "GuardrailAutomatedReasoningTranslation",
        "untranslatedPremises",
    ),
    (
        "GuardrailAutomatedReasoningTranslationAmbiguousFinding",
        "differenceScenarios",
    ),
    (
        "GuardrailAutomatedReasoningTranslationAmbiguousFinding",
        "options",
    ),
    (
        "GuardrailAutomatedReasoningTranslationOption",
        "translations",
    ),
    (
        "GuardrailAutomatedReasoningValidFinding",
        "claimsTrueScenario",
    ),
    ("GuardrailAutomatedReasoningValidFinding", "logicWarning"),
    ("GuardrailAutomatedReasoningValidFinding", "supportingRules"),
    ("GuardrailAutomatedReasoningValidFinding", "translation"),
    ("GuardrailConfiguration", "guardrailIdentifier"),
    ("GuardrailConfiguration", "guardrailVersion"),
    ("GuardrailConfiguration", "trace"),
    ("GuardrailContentFilter", "action"),
    ("GuardrailContentFilter", "confidence"),
    ("GuardrailContentFilter", "detected"),
    ("GuardrailContentFilter", "filterStrength"),
    ("GuardrailContentFilter", "type"),
    ("GuardrailContentPolicyAssessment", "filters"),
    ("GuardrailContextualGroundingFilter", "action"),
    ("GuardrailContextualGroundingFilter", "detected"),
    ("GuardrailContextualGroundingFilter", "score"),
    ("GuardrailContextualGroundingFilter", "threshold"),
    ("GuardrailContextualGroundingFilter", "type"),
    ("GuardrailContextualGroundingPolicyAssessment", "filters"),
    ("GuardrailConverseContentBlock", "image"),
    ("GuardrailConverseContentBlock", "text"),
    ("GuardrailConverseImageBlock", "format"),
    ("GuardrailConverseImageBlock", "source"),
    ("GuardrailConverseImageSource", "bytes"),
    ("GuardrailConverseTextBlock", "qualifiers"),
    ("GuardrailConverseTextBlock", "text"),
    ("GuardrailCoverage", "images"),
    ("GuardrailCoverage", "textCharacters"),
    ("GuardrailCustomWord", "action"),
    ("GuardrailCustomWord", "detected"),
    ("GuardrailCustomWord", "match"),
    ("GuardrailImageCoverage", "guarded"),
    ("GuardrailImageCoverage", "total"),
    ("GuardrailInvocationMetrics", "guardrailCoverage"),
    ("GuardrailInvocationMetrics", "guardrailProcessingLatency"),
    ("GuardrailInvocationMetrics", "usage"),
    ("GuardrailManagedWord", "action"),
    ("GuardrailManagedWord", "detected"),
    ("GuardrailManagedWord", "match"),
    ("GuardrailManagedWord", "type"),
    ("GuardrailPiiEntityFilter", "action"),
    ("GuardrailPiiEntityFilter", "detected"),
    ("GuardrailPiiEntityFilter", "match"),
    ("GuardrailPiiEntityFilter", "type"),
    ("GuardrailRegexFilter", "action"),
    ("GuardrailRegexFilter", "detected"),
    ("GuardrailRegexFilter", "match"),
    ("GuardrailRegexFilter", "name"),
    ("GuardrailRegexFilter", "regex"),
    (
        "GuardrailSensitiveInformationPolicyAssessment",
        "piiEntities",
    ),
    ("GuardrailSensitiveInformationPolicyAssessment", "regexes"),
    ("GuardrailStreamConfiguration", "guardrailIdentifier"),
    ("GuardrailStreamConfiguration", "guardrailVersion"),
    ("GuardrailStreamConfiguration", "streamProcessingMode"),
    ("GuardrailStreamConfiguration", "trace"),
    ("GuardrailTextCharactersCoverage", "guarded"),
    ("GuardrailTextCharactersCoverage", "total"),
    ("GuardrailTopic", "action"),
    ("GuardrailTopic", "detected"),
    ("GuardrailTopic", "name"),
    ("GuardrailTopic", "type"),
    ("GuardrailTopicPolicyAssessment", "topics"),
    ("GuardrailTraceAssessment", "actionReason"),
    ("GuardrailTraceAssessment", "inputAssessment"),
    ("GuardrailTraceAssessment", "modelOutput"),
    ("GuardrailTraceAssessment", "outputAssessments"),
    ("GuardrailUsage", "automatedReasoningPolicies"),
    ("GuardrailUsage", "automatedReasoningPolicyUnits"),
    ("GuardrailUsage", "contentPolicyImageUnits"),
    ("GuardrailUsage", "contentPolicyUnits"),
    ("GuardrailUsage", "contextualGroundingPolicyUnits"),
    ("GuardrailUsage", "sensitiveInformationPolicyFreeUnits"),
    ("GuardrailUsage", "sensitiveInformationPolicyUnits"),
    ("GuardrailUsage", "topicPolicyUnits"),
    ("GuardrailUsage", "wordPolicyUnits"),
    ("GuardrailWordPolicyAssessment", "customWords"),
    ("GuardrailWordPolicyAssessment", "managedWordLists"),
    ("ImageBlock", "error"),
    ("ImageBlock", "format"),
    ("ImageBlock", "source"),
    ("ImageBlockDelta", "error"),
    ("ImageBlockDelta", "source"),
    ("ImageBlockStart", "format"),
    ("ImageSource", "bytes"),
    ("ImageSource", "s3Location"),
    ("InferenceConfiguration", "maxTokens"),
    ("InferenceConfiguration", "stopSequences"),
    ("InferenceConfiguration", "temperature"),
    ("InferenceConfiguration", "topP"),
    ("InternalServerException", "message"),
    ("InvokeModelTokensRequest", "body"),
    ("JsonSchemaDefinition", "description"),
    ("JsonSchemaDefinition", "name"),
    ("JsonSchemaDefinition", "schema"),
    ("Message", "content"),
    ("Message", "role"),
    ("MessageStartEvent", "role"),
    ("MessageStopEvent", "additionalModelResponseFields"),
    ("MessageStopEvent", "stopReason"),
    ("ModelStreamErrorException", "message"),
    ("ModelStreamErrorException", "originalMessage"),
    ("ModelStreamErrorException", "originalStatusCode"),
    ("OutputConfig", "effort"),
    ("OutputConfig", "textFormat"),
    ("OutputFormat", "structure"),
    ("OutputFormat", "type"),
    ("OutputFormatStructure", "jsonSchema"),
    ("PerformanceConfiguration", "latency"),
    ("PromptRouterTrace", "invokedModelId"),
    ("PromptVariableValues", "text"),
    ("ReasoningContentBlock", "reasoningText"),
    ("ReasoningContentBlock", "redactedContent"),
    ("ReasoningContentBlockDelta", "redactedContent"),
    ("ReasoningContentBlockDelta", "signature"),
    ("ReasoningContentBlockDelta", "text"),
    ("ReasoningTextBlock", "signature"),
    ("ReasoningTextBlock", "text"),
    ("S3Location", "bucketOwner"),
    ("S3Location", "uri"),
    ("SearchResultBlock", "citations"),
    ("SearchResultBlock", "content"),
    ("SearchResultBlock", "source"),
    ("SearchResultBlock", "title"),
    ("SearchResultContentBlock", "text"),
    ("SearchResultLocation", "end"),
    ("SearchResultLocation", "searchResultIndex"),
    ("SearchResultLocation", "start"),
    ("ServiceTier", "type"),
    ("ServiceUnavailableException", "message"),
    ("SpecificToolChoice", "name"),
    ("SystemContentBlock", "cachePoint"),
    ("SystemContentBlock", "guardContent"),
    ("SystemContentBlock", "text"),
    ("SystemTool", "name"),
    ("ThrottlingException", "message"),
    ("TokenUsage", "cacheDetails"),
    ("TokenUsage", "cacheReadInputTokens"),
    ("TokenUsage", "cacheWriteInputTokens"),
    ("TokenUsage", "inputTokens"),
    ("TokenUsage", "outputTokens"),
    ("TokenUsage", "totalTokens"),
    ("Tool", "cachePoint"),
    ("Tool", "systemTool"),
    ("Tool", "toolSpec"),
    ("ToolAdditionBlock", "tool"),
    ("ToolChoice", "any"),
    ("ToolChoice", "auto"),
    ("ToolChoice", "tool"),
    ("ToolConfiguration", "toolChoice"),
    ("ToolConfiguration", "tools"),
    ("ToolInputSchema", "json"),
    ("ToolReference", "name"),
    ("ToolReference", "serverName"),
    ("ToolReference", "type"),
    ("ToolRemovalBlock", "tool"),
    ("ToolResultBlock", "content"),
    ("ToolResultBlock", "status"),
    ("ToolResultBlock", "toolUseId"),
    ("ToolResultBlock", "type"),
    ("ToolResultBlockDelta", "json"),
    ("ToolResultBlockDelta", "text"),
    ("ToolResultBlockStart", "status"),
    ("ToolResultBlockStart", "toolUseId"),
    ("ToolResultBlockStart", "type"),
    ("ToolResultContentBlock", "document"),
    ("ToolResultContentBlock", "image"),
    ("ToolResultContentBlock", "json"),
    ("ToolResultContentBlock", "searchResult"),
    ("ToolResultContentBlock", "text"),
    ("ToolResultContentBlock", "video"),
    ("ToolSpecification", "description"),
    ("ToolSpecification", "inputSchema"),
    ("ToolSpecification", "name"),
    ("ToolSpecification", "strict"),
    ("ToolUseBlock", "input"),
    ("ToolUseBlock", "name"),
    ("ToolUseBlock", "toolUseId"),
    ("ToolUseBlock", "type"),
    ("ToolUseBlockDelta", "input"),
    ("ToolUseBlockStart", "name"),
    ("ToolUseBlockStart", "toolUseId"),
    ("ToolUseBlockStart", "type"),
    ("ValidationException", "message"),
    ("VideoBlock", "format"),
    ("VideoBlock", "source"),
    ("VideoSource", "bytes"),
    ("VideoSource", "s3Location"),
    ("WebLocation", "domain"),
    ("WebLocation", "url"),
];
/// The names of the generated shapes (structures, unions and stream events).
pub const SHAPES: &[&str] = &[
    "AnyToolChoice",
    "AppliedGuardrailDetails",
    "AudioBlock",
    "AudioSource",
    "AutoToolChoice",
    "CacheDetail",
    "CachePointBlock",
    "Citation",
    "CitationGeneratedContent",
    "CitationLocation",
    "CitationSourceContent",
    "CitationSourceContentDelta",
    "CitationsConfig",
    "CitationsContentBlock",
    "CitationsDelta",
    "ContentBlock",
    "ContentBlockDelta",
    "ContentBlockDeltaEvent",
    "ContentBlockStart",
    "ContentBlockStartEvent",
    "ContentBlockStopEvent",
    "ConverseMetrics",
    "ConverseOutput",
    "ConverseRequest",
    "ConverseResponse",
    "ConverseStreamMetadataEvent",
    "ConverseStreamMetrics",
    "ConverseStreamOutput",
    "ConverseStreamRequest",
    "ConverseStreamTrace",
    "ConverseTokensRequest",
    "ConverseTrace",
    "CountTokensInput",
    "CountTokensRequest",
    "CountTokensResponse",
    "DocumentBlock",
    "DocumentCharLocation",
    "DocumentChunkLocation",
    "DocumentContentBlock",
    "DocumentPageLocation",
    "DocumentSource",
    "ErrorBlock",
    "GuardrailAssessment",
    "GuardrailAutomatedReasoningFinding",
    "GuardrailAutomatedReasoningImpossibleFinding",
    "GuardrailAutomatedReasoningInputTextReference",
    "GuardrailAutomatedReasoningInvalidFinding",
    "GuardrailAutomatedReasoningLogicWarning",
    "GuardrailAutomatedReasoningNoTranslationsFinding",
    "GuardrailAutomatedReasoningPolicyAssessment",
    "GuardrailAutomatedReasoningRule",
    "GuardrailAutomatedReasoningSatisfiableFinding",
    "GuardrailAutomatedReasoningScenario",
    "GuardrailAutomatedReasoningStatement",
    "GuardrailAutomatedReasoningTooComplexFinding",
    "GuardrailAutomatedReasoningTranslation",
    "GuardrailAutomatedReasoningTranslationAmbiguousFinding",
    "GuardrailAutomatedReasoningTranslationOption",
    "GuardrailAutomatedReasoningValidFinding",
    "GuardrailConfiguration",
    "GuardrailContentFilter",
    "GuardrailContentPolicyAssessment",
    "GuardrailContextualGroundingFilter",
    "GuardrailContextualGroundingPolicyAssessment",
    "GuardrailConverseContentBlock",
    "GuardrailConverseImageBlock",
    "GuardrailConverseImageSource",
    "GuardrailConverseTextBlock",
    "GuardrailCoverage",
    "GuardrailCustomWord",
    "GuardrailImageCoverage",
    "GuardrailInvocationMetrics",
    "GuardrailManagedWord",
    "GuardrailPiiEntityFilter",
    "GuardrailRegexFilter",
    "GuardrailSensitiveInformationPolicyAssessment",
    "GuardrailStreamConfiguration",
    "GuardrailTextCharactersCoverage",
    "GuardrailTopic",
    "GuardrailTopicPolicyAssessment",
    "GuardrailTraceAssessment",
    "GuardrailUsage",
    "GuardrailWordPolicyAssessment",
    "ImageBlock",
    "ImageBlockDelta",
    "ImageBlockStart",
    "ImageSource",
    "InferenceConfiguration",
    "InternalServerException",
    "InvokeModelTokensRequest",
    "JsonSchemaDefinition",
    "Message",
    "MessageStartEvent",
    "MessageStopEvent",
    "ModelStreamErrorException",
    "OutputConfig",
    "OutputFormat",
    "OutputFormatStructure",
    "PerformanceConfiguration",
    "PromptRouterTrace",
    "PromptVariableValues",
    "ReasoningContentBlock",
    "ReasoningContentBlockDelta",
    "ReasoningTextBlock",
    "S3Location",
    "SearchResultBlock",
    "SearchResultContentBlock",
    "SearchResultLocation",
    "ServiceTier",
    "ServiceUnavailableException",
    "SpecificToolChoice",
    "SystemContentBlock",
    "SystemTool",
    "ThrottlingException",
    "TokenUsage",
    "Tool",
    "ToolAdditionBlock",
    "ToolChoice",
    "ToolConfiguration",
    "ToolInputSchema",
    "ToolReference",
    "ToolRemovalBlock",
    "ToolResultBlock",
    "ToolResultBlockDelta",
    "ToolResultBlockStart",
    "ToolResultContentBlock",
    "ToolSpecification",
    "ToolUseBlock",
    "ToolUseBlockDelta",
    "ToolUseBlockStart",
    "ValidationException",
    "VideoBlock",
    "VideoSource",
    "WebLocation",
];

/// botocore's `AnyToolChoice` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnyToolChoice {}

impl AnyToolChoice {
    /// Converts to the SDK's `types::AnyToolChoice`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::AnyToolChoice, WireError> {
        let builder = ::aws_sdk_bedrockruntime::types::AnyToolChoice::builder();
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::AnyToolChoice`, moving its fields.
    pub fn from_sdk(
        _value: ::aws_sdk_bedrockruntime::types::AnyToolChoice,
    ) -> Result<Self, WireError> {
        Ok(Self {})
    }
}

/// botocore's `AppliedGuardrailDetails` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppliedGuardrailDetails {
    #[serde(
        rename = "guardrailId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub guardrail_id: Option<String>,
    #[serde(
        rename = "guardrailVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub guardrail_version: Option<String>,
    #[serde(
        rename = "guardrailArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub guardrail_arn: Option<String>,
    #[serde(
        rename = "guardrailOrigin",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub guardrail_origin: Option<Vec<String>>,
    #[serde(
        rename = "guardrailOwnership",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub guardrail_ownership: Option<String>,
}

impl AppliedGuardrailDetails {
    /// Converts to the SDK's `types::AppliedGuardrailDetails`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::AppliedGuardrailDetails, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::AppliedGuardrailDetails::builder();
        builder = builder.set_guardrail_id(self.guardrail_id);
        builder = builder.set_guardrail_version(self.guardrail_version);
        builder = builder.set_guardrail_arn(self.guardrail_arn);
        builder = builder.set_guardrail_origin(self.guardrail_origin.map(|v0| {
            v0.into_iter()
                .map(|v2| ::aws_sdk_bedrockruntime::types::GuardrailOrigin::from(v2.as_str()))
                .collect::<Vec<_>>()
        }));
        builder = builder.set_guardrail_ownership(
            self.guardrail_ownership
                .map(|v0| ::aws_sdk_bedrockruntime::types::GuardrailOwnership::from(v0.as_str())),
        );
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::AppliedGuardrailDetails`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::AppliedGuardrailDetails,
    ) -> Result<Self, WireError> {
        let guardrail_id = value.guardrail_id;
        let guardrail_version = value.guardrail_version;
        let guardrail_arn = value.guardrail_arn;
        let guardrail_origin = value.guardrail_origin.map(|v0| {
            v0.into_iter()
                .map(|v2| v2.as_str().to_owned())
                .collect::<Vec<_>>()
        });
        let guardrail_ownership = value.guardrail_ownership.map(|v0| v0.as_str().to_owned());
        Ok(Self {
            guardrail_id,
            guardrail_version,
            guardrail_arn,
            guardrail_origin,
            guardrail_ownership,
        })
    }
}

/// botocore's `AudioBlock` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AudioBlock {
    #[serde(rename = "format")]
    pub format: String,
    #[serde(
        rename = "source",
        deserialize_with = "crate::wire::required",
        skip_serializing_if = "Option::is_none"
    )]
    pub source: Option<AudioSource>,
    #[serde(rename = "error", default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorBlock>,
}

impl AudioBlock {
    /// Converts to the SDK's `types::AudioBlock`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::AudioBlock, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::AudioBlock::builder();
        builder = builder.set_format(Some(::aws_sdk_bedrockruntime::types::AudioFormat::from(
            self.format.as_str(),
        )));
        builder = builder.set_source(self.source.map(AudioSource::into_sdk).transpose()?);
        builder = builder.set_error(self.error.map(ErrorBlock::into_sdk).transpose()?);
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::AudioBlock`, moving its fields.
    pub fn from_sdk(value: ::aws_sdk_bedrockruntime::types::AudioBlock) -> Result<Self, WireError> {
        let format = value.format.as_str().to_owned();
        let source = value.source.map(AudioSource::from_sdk).transpose()?;
        let error = value.error.map(ErrorBlock::from_sdk).transpose()?;
        Ok(Self {
            format,
            source,
            error,
        })
    }
}

/// botocore's union `AudioSource` in boto3's dict layout: exactly one member.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum AudioSource {
    #[serde(rename = "bytes")]
    Bytes(crate::wire::Blob),
    #[serde(rename = "s3Location")]
    S3Location(S3Location),
}

impl AudioSource {
    /// Converts to the SDK's `types::AudioSource`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::AudioSource, WireError> {
        use ::aws_sdk_bedrockruntime::types::AudioSource as Sdk;
        Ok(match self {
            Self::Bytes(v) => Sdk::Bytes(crate::wire::Blob::into_sdk(v)),
            Self::S3Location(v) => Sdk::S3Location(S3Location::into_sdk(v)?),
        })
    }
    /// Converts from the SDK's `types::AudioSource`; its `Unknown` member is an error.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::AudioSource,
    ) -> Result<Self, WireError> {
        use ::aws_sdk_bedrockruntime::types::AudioSource as Sdk;
        Ok(match value {
            Sdk::Bytes(v) => Self::Bytes(crate::wire::Blob::from_sdk(v)),
            Sdk::S3Location(v) => Self::S3Location(S3Location::from_sdk(v)?),
            _ => {
                return Err(WireError::UnknownUnionMember {
                    shape: "AudioSource",
                })
            }
        })
    }
}

/// botocore's `AutoToolChoice` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AutoToolChoice {}

impl AutoToolChoice {
    /// Converts to the SDK's `types::AutoToolChoice`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::AutoToolChoice, WireError> {
        let builder = ::aws_sdk_bedrockruntime::types::AutoToolChoice::builder();
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::AutoToolChoice`, moving its fields.
    pub fn from_sdk(
        _value: ::aws_sdk_bedrockruntime::types::AutoToolChoice,
    ) -> Result<Self, WireError> {
        Ok(Self {})
    }
}

/// botocore's `CacheDetail` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CacheDetail {
    #[serde(rename = "ttl")]
    pub ttl: String,
    #[serde(
        rename = "inputTokens",
        deserialize_with = "check_cache_detail_input_tokens"
    )]
    pub input_tokens: i32,
}

impl CacheDetail {
    /// Converts to the SDK's `types::CacheDetail`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::CacheDetail, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::CacheDetail::builder();
        builder = builder.set_ttl(Some(::aws_sdk_bedrockruntime::types::CacheTtl::from(
            self.ttl.as_str(),
        )));
        builder = builder.set_input_tokens(Some(self.input_tokens));
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::CacheDetail`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::CacheDetail,
    ) -> Result<Self, WireError> {
        let ttl = value.ttl.as_str().to_owned();
        let input_tokens = value.input_tokens;
        Ok(Self { ttl, input_tokens })
    }
}

/// botocore's `CachePointBlock` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CachePointBlock {
    #[serde(rename = "type")]
    pub r#type: String,
    #[serde(rename = "ttl", default, skip_serializing_if = "Option::is_none")]
    pub ttl: Option<String>,
}

impl CachePointBlock {
    /// Converts to the SDK's `types::CachePointBlock`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::CachePointBlock, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::CachePointBlock::builder();
        builder = builder.set_type(Some(::aws_sdk_bedrockruntime::types::CachePointType::from(
            self.r#type.as_str(),
        )));
        builder = builder.set_ttl(
            self.ttl
                .map(|v0| ::aws_sdk_bedrockruntime::types::CacheTtl::from(v0.as_str())),
        );
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::CachePointBlock`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::CachePointBlock,
    ) -> Result<Self, WireError> {
        let r#type = value.r#type.as_str().to_owned();
        let ttl = value.ttl.map(|v0| v0.as_str().to_owned());
        Ok(Self { r#type, ttl })
    }
}

/// botocore's `Citation` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    #[serde(rename = "title", default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(rename = "source", default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(
        rename = "sourceContent",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub source_content: Option<Vec<CitationSourceContent>>,
    #[serde(rename = "location", default, skip_serializing_if = "Option::is_none")]
    pub location: Option<CitationLocation>,
}

impl Citation {
    /// Converts to the SDK's `types::Citation`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::Citation, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::Citation::builder();
        builder = builder.set_title(self.title);
        builder = builder.set_source(self.source);
        builder = builder.set_source_content(
            self.source_content
                .map(|v0| {
                    v0.into_iter()
                        .map(CitationSourceContent::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        builder = builder.set_location(self.location.map(CitationLocation::into_sdk).transpose()?);
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::Citation`, moving its fields.
    pub fn from_sdk(value: ::aws_sdk_bedrockruntime::types::Citation) -> Result<Self, WireError> {
        let title = value.title;
        let source = value.source;
        let source_content = value
            .source_content
            .map(|v0| {
                v0.into_iter()
                    .map(CitationSourceContent::from_sdk)
                    .collect::<Result<Vec<_>, WireError>>()
            })
            .transpose()?;
        let location = value.location.map(CitationLocation::from_sdk).transpose()?;
        Ok(Self {
            title,
            source,
            source_content,
            location,
        })
    }
}

/// botocore's union `CitationGeneratedContent` in boto3's dict layout: exactly one member.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum CitationGeneratedContent {
    #[serde(rename = "text")]
    Text(String),
}

impl CitationGeneratedContent {
    /// Converts to the SDK's `types::CitationGeneratedContent`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::CitationGeneratedContent, WireError> {
        use ::aws_sdk_bedrockruntime::types::CitationGeneratedContent as Sdk;
        Ok(match self {
            Self::Text(v) => Sdk::Text(v),
        })
    }
    /// Converts from the SDK's `types::CitationGeneratedContent`; its `Unknown` member is an error.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::CitationGeneratedContent,
    ) -> Result<Self, WireError> {
        use ::aws_sdk_bedrockruntime::types::CitationGeneratedContent as Sdk;
        Ok(match value {
            Sdk::Text(v) => Self::Text(v),
            _ => {
                return Err(WireError::UnknownUnionMember {
                    shape: "CitationGeneratedContent",
                })
            }
        })
    }
}

/// botocore's union `CitationLocation` in boto3's dict layout: exactly one member.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum CitationLocation {
    #[serde(rename = "web")]
    Web(WebLocation),
    #[serde(rename = "documentChar")]
    DocumentChar(DocumentCharLocation),
    #[serde(rename = "documentPage")]
    DocumentPage(DocumentPageLocation),
    #[serde(rename = "documentChunk")]
    DocumentChunk(DocumentChunkLocation),
    #[serde(rename = "searchResultLocation")]
    SearchResultLocation(SearchResultLocation),
}

impl CitationLocation {
    /// Converts to the SDK's `types::CitationLocation`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::CitationLocation, WireError> {
        use ::aws_sdk_bedrockruntime::types::CitationLocation as Sdk;
        Ok(match self {
            Self::Web(v) => Sdk::Web(WebLocation::into_sdk(v)?),
            Self::DocumentChar(v) => Sdk::DocumentChar(DocumentCharLocation::into_sdk(v)?),
            Self::DocumentPage(v) => Sdk::DocumentPage(DocumentPageLocation::into_sdk(v)?),
            Self::DocumentChunk(v) => Sdk::DocumentChunk(DocumentChunkLocation::into_sdk(v)?),
            Self::SearchResultLocation(v) => {
                Sdk::SearchResultLocation(SearchResultLocation::into_sdk(v)?)
            }
        })
    }
    /// Converts from the SDK's `types::CitationLocation`; its `Unknown` member is an error.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::CitationLocation,
    ) -> Result<Self, WireError> {
        use ::aws_sdk_bedrockruntime::types::CitationLocation as Sdk;
        Ok(match value {
            Sdk::Web(v) => Self::Web(WebLocation::from_sdk(v)?),
            Sdk::DocumentChar(v) => Self::DocumentChar(DocumentCharLocation::from_sdk(v)?),
            Sdk::DocumentPage(v) => Self::DocumentPage(DocumentPageLocation::from_sdk(v)?),
            Sdk::DocumentChunk(v) => Self::DocumentChunk(DocumentChunkLocation::from_sdk(v)?),
            Sdk::SearchResultLocation(v) => {
                Self::SearchResultLocation(SearchResultLocation::from_sdk(v)?)
            }
            _ => {
                return Err(WireError::UnknownUnionMember {
                    shape: "CitationLocation",
                })
            }
        })
    }
}

/// botocore's union `CitationSourceContent` in boto3's dict layout: exactly one member.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum CitationSourceContent {
    #[serde(rename = "text")]
    Text(String),
}

impl CitationSourceContent {
    /// Converts to the SDK's `types::CitationSourceContent`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::CitationSourceContent, WireError> {
        use ::aws_sdk_bedrockruntime::types::CitationSourceContent as Sdk;
        Ok(match self {
            Self::Text(v) => Sdk::Text(v),
        })
    }
    /// Converts from the SDK's `types::CitationSourceContent`; its `Unknown` member is an error.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::CitationSourceContent,
    ) -> Result<Self, WireError> {
        use ::aws_sdk_bedrockruntime::types::CitationSourceContent as Sdk;
        Ok(match value {
            Sdk::Text(v) => Self::Text(v),
            _ => {
                return Err(WireError::UnknownUnionMember {
                    shape: "CitationSourceContent",
                })
            }
        })
    }
}

/// botocore's `CitationSourceContentDelta` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CitationSourceContentDelta {
    #[serde(rename = "text", default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl CitationSourceContentDelta {
    /// Converts to the SDK's `types::CitationSourceContentDelta`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::CitationSourceContentDelta, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::CitationSourceContentDelta::builder();
        builder = builder.set_text(self.text);
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::CitationSourceContentDelta`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::CitationSourceContentDelta,
    ) -> Result<Self, WireError> {
        let text = value.text;
        Ok(Self { text })
    }
}

/// botocore's `CitationsConfig` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CitationsConfig {
    #[serde(rename = "enabled")]
    pub enabled: bool,
}

impl CitationsConfig {
    /// Converts to the SDK's `types::CitationsConfig`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::CitationsConfig, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::CitationsConfig::builder();
        builder = builder.set_enabled(Some(self.enabled));
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::CitationsConfig`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::CitationsConfig,
    ) -> Result<Self, WireError> {
        let enabled = value.enabled;
        Ok(Self { enabled })
    }
}

/// botocore's `CitationsContentBlock` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CitationsContentBlock {
    #[serde(rename = "content", default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Vec<CitationGeneratedContent>>,
    #[serde(rename = "citations", default, skip_serializing_if = "Option::is_none")]
    pub citations: Option<Vec<Citation>>,
}

impl CitationsContentBlock {
    /// Converts to the SDK's `types::CitationsContentBlock`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::CitationsContentBlock, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::CitationsContentBlock::builder();
        builder = builder.set_content(
            self.content
                .map(|v0| {
                    v0.into_iter()
                        .map(CitationGeneratedContent::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        builder = builder.set_citations(
            self.citations
                .map(|v0| {
                    v0.into_iter()
                        .map(Citation::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::CitationsContentBlock`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::CitationsContentBlock,
    ) -> Result<Self, WireError> {
        let content = value
            .content
            .map(|v0| {
                v0.into_iter()
                    .map(CitationGeneratedContent::from_sdk)
                    .collect::<Result<Vec<_>, WireError>>()
            })
            .transpose()?;
        let citations = value
            .citations
            .map(|v0| {
                v0.into_iter()
                    .map(Citation::from_sdk)
                    .collect::<Result<Vec<_>, WireError>>()
            })
            .transpose()?;
        Ok(Self { content, citations })
    }
}

/// botocore's `CitationsDelta` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CitationsDelta {
    #[serde(rename = "title", default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(rename = "source", default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(
        rename = "sourceContent",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub source_content: Option<Vec<CitationSourceContentDelta>>,
    #[serde(rename = "location", default, skip_serializing_if = "Option::is_none")]
    pub location: Option<CitationLocation>,
}

impl CitationsDelta {
    /// Converts to the SDK's `types::CitationsDelta`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::CitationsDelta, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::CitationsDelta::builder();
        builder = builder.set_title(self.title);
        builder = builder.set_source(self.source);
        builder = builder.set_source_content(
            self.source_content
                .map(|v0| {
                    v0.into_iter()
                        .map(CitationSourceContentDelta::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        builder = builder.set_location(self.location.map(CitationLocation::into_sdk).transpose()?);
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::CitationsDelta`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::CitationsDelta,
    ) -> Result<Self, WireError> {
        let title = value.title;
        let source = value.source;
        let source_content = value
            .source_content
            .map(|v0| {
                v0.into_iter()
                    .map(CitationSourceContentDelta::from_sdk)
                    .collect::<Result<Vec<_>, WireError>>()
            })
            .transpose()?;
        let location = value.location.map(CitationLocation::from_sdk).transpose()?;
        Ok(Self {
            title,
            source,
            source_content,
            location,
        })
    }
}

/// botocore's union `ContentBlock` in boto3's dict layout: exactly one member.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ContentBlock {
    #[serde(rename = "text")]
    Text(String),
    #[serde(rename = "image")]
    Image(ImageBlock),
    #[serde(rename = "document")]
    Document(DocumentBlock),
    #[serde(rename = "video")]
    Video(VideoBlock),
    #[serde(rename = "audio")]
    Audio(AudioBlock),
    #[serde(rename = "toolUse")]
    ToolUse(ToolUseBlock),
    #[serde(rename = "toolResult")]
    ToolResult(ToolResultBlock),
    #[serde(rename = "guardContent")]
    GuardContent(GuardrailConverseContentBlock),
    #[serde(rename = "cachePoint")]
    CachePoint(CachePointBlock),
    #[serde(rename = "reasoningContent")]
    ReasoningContent(ReasoningContentBlock),
    #[serde(rename = "citationsContent")]
    CitationsContent(CitationsContentBlock),
    #[serde(rename = "searchResult")]
    SearchResult(SearchResultBlock),
    #[serde(rename = "toolAddition")]
    ToolAddition(ToolAdditionBlock),
    #[serde(rename = "toolRemoval")]
    ToolRemoval(ToolRemovalBlock),
}

impl ContentBlock {
    /// Converts to the SDK's `types::ContentBlock`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::ContentBlock, WireError> {
        use ::aws_sdk_bedrockruntime::types::ContentBlock as Sdk;
        Ok(match self {
            Self::Text(v) => Sdk::Text(v),
            Self::Image(v) => Sdk::Image(ImageBlock::into_sdk(v)?),
            Self::Document(v) => Sdk::Document(DocumentBlock::into_sdk(v)?),
            Self::Video(v) => Sdk::Video(VideoBlock::into_sdk(v)?),
            Self::Audio(v) => Sdk::Audio(AudioBlock::into_sdk(v)?),
            Self::ToolUse(v) => Sdk::ToolUse(ToolUseBlock::into_sdk(v)?),
            Self::ToolResult(v) => Sdk::ToolResult(ToolResultBlock::into_sdk(v)?),
            Self::GuardContent(v) => Sdk::GuardContent(GuardrailConverseContentBlock::into_sdk(v)?),
            Self::CachePoint(v) => Sdk::CachePoint(CachePointBlock::into_sdk(v)?),
            Self::ReasoningContent(v) => Sdk::ReasoningContent(ReasoningContentBlock::into_sdk(v)?),
            Self::CitationsContent(v) => Sdk::CitationsContent(CitationsContentBlock::into_sdk(v)?),
            Self::SearchResult(v) => Sdk::SearchResult(SearchResultBlock::into_sdk(v)?),
            Self::ToolAddition(v) => Sdk::ToolAddition(ToolAdditionBlock::into_sdk(v)?),
            Self::ToolRemoval(v) => Sdk::ToolRemoval(ToolRemovalBlock::into_sdk(v)?),
        })
    }
    /// Converts from the SDK's `types::ContentBlock`; its `Unknown` member is an error.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ContentBlock,
    ) -> Result<Self, WireError> {
        use ::aws_sdk_bedrockruntime::types::ContentBlock as Sdk;
        Ok(match value {
            Sdk::Text(v) => Self::Text(v),
            Sdk::Image(v) => Self::Image(ImageBlock::from_sdk(v)?),
            Sdk::Document(v) => Self::Document(DocumentBlock::from_sdk(v)?),
            Sdk::Video(v) => Self::Video(VideoBlock::from_sdk(v)?),
            Sdk::Audio(v) => Self::Audio(AudioBlock::from_sdk(v)?),
            Sdk::ToolUse(v) => Self::ToolUse(ToolUseBlock::from_sdk(v)?),
            Sdk::ToolResult(v) => Self::ToolResult(ToolResultBlock::from_sdk(v)?),
            Sdk::GuardContent(v) => Self::GuardContent(GuardrailConverseContentBlock::from_sdk(v)?),
            Sdk::CachePoint(v) => Self::CachePoint(CachePointBlock::from_sdk(v)?),
            Sdk::ReasoningContent(v) => Self::ReasoningContent(ReasoningContentBlock::from_sdk(v)?),
            Sdk::CitationsContent(v) => Self::CitationsContent(CitationsContentBlock::from_sdk(v)?),
            Sdk::SearchResult(v) => Self::SearchResult(SearchResultBlock::from_sdk(v)?),
            Sdk::ToolAddition(v) => Self::ToolAddition(ToolAdditionBlock::from_sdk(v)?),
            Sdk::ToolRemoval(v) => Self::ToolRemoval(ToolRemovalBlock::from_sdk(v)?),
            _ => {
                return Err(WireError::UnknownUnionMember {
                    shape: "ContentBlock",
                })
            }
        })
    }
}

/// botocore's union `ContentBlockDelta` in boto3's dict layout: exactly one member.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ContentBlockDelta {
    #[serde(rename = "text")]
    Text(String),
    #[serde(rename = "toolUse")]
    ToolUse(ToolUseBlockDelta),
    #[serde(rename = "toolResult")]
    ToolResult(Vec<ToolResultBlockDelta>),
    #[serde(rename = "reasoningContent")]
    ReasoningContent(ReasoningContentBlockDelta),
    #[serde(rename = "citation")]
    Citation(CitationsDelta),
    #[serde(rename = "image")]
    Image(ImageBlockDelta),
}

impl ContentBlockDelta {
    /// Converts to the SDK's `types::ContentBlockDelta`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::ContentBlockDelta, WireError> {
        use ::aws_sdk_bedrockruntime::types::ContentBlockDelta as Sdk;
        Ok(match self {
            Self::Text(v) => Sdk::Text(v),
            Self::ToolUse(v) => Sdk::ToolUse(ToolUseBlockDelta::into_sdk(v)?),
            Self::ToolResult(v) => Sdk::ToolResult(
                v.into_iter()
                    .map(ToolResultBlockDelta::into_sdk)
                    .collect::<Result<Vec<_>, WireError>>()?,
            ),
            Self::ReasoningContent(v) => {
                Sdk::ReasoningContent(ReasoningContentBlockDelta::into_sdk(v)?)
            }
            Self::Citation(v) => Sdk::Citation(CitationsDelta::into_sdk(v)?),
            Self::Image(v) => Sdk::Image(ImageBlockDelta::into_sdk(v)?),
        })
    }
    /// Converts from the SDK's `types::ContentBlockDelta`; its `Unknown` member is an error.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ContentBlockDelta,
    ) -> Result<Self, WireError> {
        use ::aws_sdk_bedrockruntime::types::ContentBlockDelta as Sdk;
        Ok(match value {
            Sdk::Text(v) => Self::Text(v),
            Sdk::ToolUse(v) => Self::ToolUse(ToolUseBlockDelta::from_sdk(v)?),
            Sdk::ToolResult(v) => Self::ToolResult(
                v.into_iter()
                    .map(ToolResultBlockDelta::from_sdk)
                    .collect::<Result<Vec<_>, WireError>>()?,
            ),
            Sdk::ReasoningContent(v) => {
                Self::ReasoningContent(ReasoningContentBlockDelta::from_sdk(v)?)
            }
            Sdk::Citation(v) => Self::Citation(CitationsDelta::from_sdk(v)?),
            Sdk::Image(v) => Self::Image(ImageBlockDelta::from_sdk(v)?),
            _ => {
                return Err(WireError::UnknownUnionMember {
                    shape: "ContentBlockDelta",
                })
            }
        })
    }
}

/// botocore's `ContentBlockDeltaEvent` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContentBlockDeltaEvent {
    #[serde(
        rename = "delta",
        deserialize_with = "crate::wire::required",
        skip_serializing_if = "Option::is_none"
    )]
    pub delta: Option<ContentBlockDelta>,
    #[serde(
        rename = "contentBlockIndex",
        deserialize_with = "check_content_block_delta_event_content_block_index"
    )]
    pub content_block_index: i32,
}

impl ContentBlockDeltaEvent {
    /// Converts to the SDK's `types::ContentBlockDeltaEvent`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::ContentBlockDeltaEvent, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::ContentBlockDeltaEvent::builder();
        builder = builder.set_delta(self.delta.map(ContentBlockDelta::into_sdk).transpose()?);
        builder = builder.set_content_block_index(Some(self.content_block_index));
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::ContentBlockDeltaEvent`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ContentBlockDeltaEvent,
    ) -> Result<Self, WireError> {
        let delta = value.delta.map(ContentBlockDelta::from_sdk).transpose()?;
        let content_block_index = value.content_block_index;
        Ok(Self {
            delta,
            content_block_index,
        })
    }
}

/// botocore's union `ContentBlockStart` in boto3's dict layout: exactly one member.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ContentBlockStart {
    #[serde(rename = "toolUse")]
    ToolUse(ToolUseBlockStart),
    #[serde(rename = "toolResult")]
    ToolResult(ToolResultBlockStart),
    #[serde(rename = "image")]
    Image(ImageBlockStart),
}

impl ContentBlockStart {
    /// Converts to the SDK's `types::ContentBlockStart`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::ContentBlockStart, WireError> {
        use ::aws_sdk_bedrockruntime::types::ContentBlockStart as Sdk;
        Ok(match self {
            Self::ToolUse(v) => Sdk::ToolUse(ToolUseBlockStart::into_sdk(v)?),
            Self::ToolResult(v) => Sdk::ToolResult(ToolResultBlockStart::into_sdk(v)?),
            Self::Image(v) => Sdk::Image(ImageBlockStart::into_sdk(v)?),
        })
    }
    /// Converts from the SDK's `types::ContentBlockStart`; its `Unknown` member is an error.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ContentBlockStart,
    ) -> Result<Self, WireError> {
        use ::aws_sdk_bedrockruntime::types::ContentBlockStart as Sdk;
        Ok(match value {
            Sdk::ToolUse(v) => Self::ToolUse(ToolUseBlockStart::from_sdk(v)?),
            Sdk::ToolResult(v) => Self::ToolResult(ToolResultBlockStart::from_sdk(v)?),
            Sdk::Image(v) => Self::Image(ImageBlockStart::from_sdk(v)?),
            _ => {
                return Err(WireError::UnknownUnionMember {
                    shape: "ContentBlockStart",
                })
            }
        })
    }
}

/// botocore's `ContentBlockStartEvent` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContentBlockStartEvent {
    #[serde(
        rename = "start",
        deserialize_with = "crate::wire::required",
        skip_serializing_if = "Option::is_none"
    )]
    pub start: Option<ContentBlockStart>,
    #[serde(
        rename = "contentBlockIndex",
        deserialize_with = "check_content_block_start_event_content_block_index"
    )]
    pub content_block_index: i32,
}

impl ContentBlockStartEvent {
    /// Converts to the SDK's `types::ContentBlockStartEvent`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::ContentBlockStartEvent, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::ContentBlockStartEvent::builder();
        builder = builder.set_start(self.start.map(ContentBlockStart::into_sdk).transpose()?);
        builder = builder.set_content_block_index(Some(self.content_block_index));
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::ContentBlockStartEvent`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ContentBlockStartEvent,
    ) -> Result<Self, WireError> {
        let start = value.start.map(ContentBlockStart::from_sdk).transpose()?;
        let content_block_index = value.content_block_index;
        Ok(Self {
            start,
            content_block_index,
        })
    }
}

/// botocore's `ContentBlockStopEvent` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContentBlockStopEvent {
    #[serde(
        rename = "contentBlockIndex",
        deserialize_with = "check_content_block_stop_event_content_block_index"
    )]
    pub content_block_index: i32,
}

impl ContentBlockStopEvent {
    /// Converts to the SDK's `types::ContentBlockStopEvent`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::ContentBlockStopEvent, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::ContentBlockStopEvent::builder();
        builder = builder.set_content_block_index(Some(self.content_block_index));
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::ContentBlockStopEvent`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ContentBlockStopEvent,
    ) -> Result<Self, WireError> {
        let content_block_index = value.content_block_index;
        Ok(Self {
            content_block_index,
        })
    }
}

/// botocore's `ConverseMetrics` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConverseMetrics {
    #[serde(rename = "latencyMs")]
    pub latency_ms: i64,
}

impl ConverseMetrics {
    /// Converts to the SDK's `types::ConverseMetrics`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::ConverseMetrics, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::ConverseMetrics::builder();
        builder = builder.set_latency_ms(Some(self.latency_ms));
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::ConverseMetrics`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ConverseMetrics,
    ) -> Result<Self, WireError> {
        let latency_ms = value.latency_ms;
        Ok(Self { latency_ms })
    }
}

/// botocore's union `ConverseOutput` in boto3's dict layout: exactly one member.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ConverseOutput {
    #[serde(rename = "message")]
    Message(Message),
}

impl ConverseOutput {
    /// Converts to the SDK's `types::ConverseOutput`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::ConverseOutput, WireError> {
        use ::aws_sdk_bedrockruntime::types::ConverseOutput as Sdk;
        Ok(match self {
            Self::Message(v) => Sdk::Message(Message::into_sdk(v)?),
        })
    }
    /// Converts from the SDK's `types::ConverseOutput`; its `Unknown` member is an error.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ConverseOutput,
    ) -> Result<Self, WireError> {
        use ::aws_sdk_bedrockruntime::types::ConverseOutput as Sdk;
        Ok(match value {
            Sdk::Message(v) => Self::Message(Message::from_sdk(v)?),
            _ => {
                return Err(WireError::UnknownUnionMember {
                    shape: "ConverseOutput",
                })
            }
        })
    }
}

/// botocore's `ConverseRequest` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConverseRequest {
    #[serde(
        rename = "modelId",
        deserialize_with = "check_converse_request_model_id",
        skip_serializing_if = "Option::is_none"
    )]
    pub model_id: Option<String>,
    #[serde(rename = "messages", default, skip_serializing_if = "Option::is_none")]
    pub messages: Option<Vec<Message>>,
    #[serde(rename = "system", default, skip_serializing_if = "Option::is_none")]
    pub system: Option<Vec<SystemContentBlock>>,
    #[serde(
        rename = "inferenceConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub inference_config: Option<InferenceConfiguration>,
    #[serde(
        rename = "toolConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub tool_config: Option<ToolConfiguration>,
    #[serde(
        rename = "guardrailConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub guardrail_config: Option<GuardrailConfiguration>,
    #[serde(
        rename = "projectIdentifier",
        default,
        deserialize_with = "unsupported_converse_request_project_identifier",
        skip_serializing_if = "Option::is_none"
    )]
    pub project_identifier: Option<crate::wire::Unsupported>,
    #[serde(
        rename = "additionalModelRequestFields",
        default,
        deserialize_with = "crate::wire::check::null_as_absent",
        skip_serializing_if = "crate::wire::Document::is_absent"
    )]
    pub additional_model_request_fields: Option<crate::wire::Document>,
    #[serde(
        rename = "promptVariables",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub prompt_variables: Option<HashMap<String, PromptVariableValues>>,
    #[serde(
        rename = "additionalModelResponseFieldPaths",
        default,
        deserialize_with = "check_converse_request_additional_model_response_field_paths",
        skip_serializing_if = "Option::is_none"
    )]
    pub additional_model_response_field_paths: Option<Vec<String>>,
    #[serde(
        rename = "requestMetadata",
        default,
        deserialize_with = "check_converse_request_request_metadata",
        skip_serializing_if = "Option::is_none"
    )]
    pub request_metadata: Option<HashMap<String, String>>,
    #[serde(
        rename = "performanceConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub performance_config: Option<PerformanceConfiguration>,
    #[serde(
        rename = "serviceTier",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub service_tier: Option<ServiceTier>,
    #[serde(
        rename = "outputConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub output_config: Option<OutputConfig>,
}

impl ConverseRequest {
    /// Converts to the SDK's `operation::converse::ConverseInput`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::operation::converse::ConverseInput, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::operation::converse::ConverseInput::builder();
        builder = builder.set_model_id(self.model_id);
        builder = builder.set_messages(
            self.messages
                .map(|v0| {
                    v0.into_iter()
                        .map(Message::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        builder = builder.set_system(
            self.system
                .map(|v0| {
                    v0.into_iter()
                        .map(SystemContentBlock::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        builder = builder.set_inference_config(
            self.inference_config
                .map(InferenceConfiguration::into_sdk)
                .transpose()?,
        );
        builder = builder.set_tool_config(
            self.tool_config
                .map(ToolConfiguration::into_sdk)
                .transpose()?,
        );
        builder = builder.set_guardrail_config(
            self.guardrail_config
                .map(GuardrailConfiguration::into_sdk)
                .transpose()?,
        );
        builder = builder.set_additional_model_request_fields(
            self.additional_model_request_fields
                .map(crate::wire::Document::into_sdk),
        );
        builder = builder.set_prompt_variables(
            self.prompt_variables
                .map(|v0| {
                    v0.into_iter()
                        .map(|(k1, v1)| PromptVariableValues::into_sdk(v1).map(|x1| (k1, x1)))
                        .collect::<Result<HashMap<_, _>, WireError>>()
                })
                .transpose()?,
        );
        builder = builder
            .set_additional_model_response_field_paths(self.additional_model_response_field_paths);
        builder = builder.set_request_metadata(self.request_metadata);
        builder = builder.set_performance_config(
            self.performance_config
                .map(PerformanceConfiguration::into_sdk)
                .transpose()?,
        );
        builder =
            builder.set_service_tier(self.service_tier.map(ServiceTier::into_sdk).transpose()?);
        builder =
            builder.set_output_config(self.output_config.map(OutputConfig::into_sdk).transpose()?);
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `operation::converse::ConverseInput`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::operation::converse::ConverseInput,
    ) -> Result<Self, WireError> {
        let model_id = value.model_id;
        let messages = value
            .messages
            .map(|v0| {
                v0.into_iter()
                    .map(Message::from_sdk)
                    .collect::<Result<Vec<_>, WireError>>()
            })
            .transpose()?;
        let system = value
            .system
            .map(|v0| {
                v0.into_iter()
                    .map(SystemContentBlock::from_sdk)
                    .collect::<Result<Vec<_>, WireError>>()
            })
            .transpose()?;
        let inference_config = value
            .inference_config
            .map(InferenceConfiguration::from_sdk)
            .transpose()?;
        let tool_config = value
            .tool_config
            .map(ToolConfiguration::from_sdk)
            .transpose()?;
        let guardrail_config = value
            .guardrail_config
            .map(GuardrailConfiguration::from_sdk)
            .transpose()?;
        let additional_model_request_fields = value
            .additional_model_request_fields
            .map(crate::wire::Document::from_sdk);
        let prompt_variables = value
            .prompt_variables
            .map(|v0| {
                v0.into_iter()
                    .map(|(k1, v1)| PromptVariableValues::from_sdk(v1).map(|x1| (k1, x1)))
                    .collect::<Result<HashMap<_, _>, WireError>>()
            })
            .transpose()?;
        let additional_model_response_field_paths = value.additional_model_response_field_paths;
        let request_metadata = value.request_metadata;
        let performance_config = value
            .performance_config
            .map(PerformanceConfiguration::from_sdk)
            .transpose()?;
        let service_tier = value.service_tier.map(ServiceTier::from_sdk).transpose()?;
        let output_config = value
            .output_config
            .map(OutputConfig::from_sdk)
            .transpose()?;
        Ok(Self {
            model_id,
            messages,
            system,
            inference_config,
            tool_config,
            guardrail_config,
            project_identifier: None,
            additional_model_request_fields,
            prompt_variables,
            additional_model_response_field_paths,
            request_metadata,
            performance_config,
            service_tier,
            output_config,
        })
    }
    /// Sets every member on the SDK's fluent builder for `converse` (e.g. `client.converse()`).
    pub fn apply(
        self,
        mut builder: ::aws_sdk_bedrockruntime::operation::converse::builders::ConverseFluentBuilder,
    ) -> Result<
        ::aws_sdk_bedrockruntime::operation::converse::builders::ConverseFluentBuilder,
        WireError,
    > {
        builder = builder.set_model_id(self.model_id);
        builder = builder.set_messages(
            self.messages
                .map(|v0| {
                    v0.into_iter()
                        .map(Message::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        builder = builder.set_system(
            self.system
                .map(|v0| {
                    v0.into_iter()
                        .map(SystemContentBlock::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        builder = builder.set_inference_config(
            self.inference_config
                .map(InferenceConfiguration::into_sdk)
                .transpose()?,
        );
        builder = builder.set_tool_config(
            self.tool_config
                .map(ToolConfiguration::into_sdk)
                .transpose()?,
        );
        builder = builder.set_guardrail_config(
            self.guardrail_config
                .map(GuardrailConfiguration::into_sdk)
                .transpose()?,
        );
        builder = builder.set_additional_model_request_fields(
            self.additional_model_request_fields
                .map(crate::wire::Document::into_sdk),
        );
        builder = builder.set_prompt_variables(
            self.prompt_variables
                .map(|v0| {
                    v0.into_iter()
                        .map(|(k1, v1)| PromptVariableValues::into_sdk(v1).map(|x1| (k1, x1)))
                        .collect::<Result<HashMap<_, _>, WireError>>()
                })
                .transpose()?,
        );
        builder = builder
            .set_additional_model_response_field_paths(self.additional_model_response_field_paths);
        builder = builder.set_request_metadata(self.request_metadata);
        builder = builder.set_performance_config(
            self.performance_config
                .map(PerformanceConfiguration::into_sdk)
                .transpose()?,
        );
        builder =
            builder.set_service_tier(self.service_tier.map(ServiceTier::into_sdk).transpose()?);
        builder =
            builder.set_output_config(self.output_config.map(OutputConfig::into_sdk).transpose()?);
        Ok(builder)
    }
}

/// botocore's `ConverseResponse` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConverseResponse {
    #[serde(
        rename = "output",
        deserialize_with = "crate::wire::required",
        skip_serializing_if = "Option::is_none"
    )]
    pub output: Option<ConverseOutput>,
    #[serde(rename = "stopReason")]
    pub stop_reason: String,
    #[serde(
        rename = "usage",
        deserialize_with = "crate::wire::required",
        skip_serializing_if = "Option::is_none"
    )]
    pub usage: Option<TokenUsage>,
    #[serde(
        rename = "metrics",
        deserialize_with = "crate::wire::required",
        skip_serializing_if = "Option::is_none"
    )]
    pub metrics: Option<ConverseMetrics>,
    #[serde(
        rename = "additionalModelResponseFields",
        default,
        deserialize_with = "crate::wire::check::nullable",
        skip_serializing_if = "crate::wire::Document::is_absent"
    )]
    pub additional_model_response_fields: Option<crate::wire::Document>,
    #[serde(rename = "trace", default, skip_serializing_if = "Option::is_none")]
    pub trace: Option<ConverseTrace>,
    #[serde(
        rename = "performanceConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub performance_config: Option<PerformanceConfiguration>,
    #[serde(
        rename = "serviceTier",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub service_tier: Option<ServiceTier>,
}

impl ConverseResponse {
    /// Converts to the SDK's `operation::converse::ConverseOutput`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::operation::converse::ConverseOutput, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::operation::converse::ConverseOutput::builder();
        builder = builder.set_output(self.output.map(ConverseOutput::into_sdk).transpose()?);
        builder = builder.set_stop_reason(Some(::aws_sdk_bedrockruntime::types::StopReason::from(
            self.stop_reason.as_str(),
        )));
        builder = builder.set_usage(self.usage.map(TokenUsage::into_sdk).transpose()?);
        builder = builder.set_metrics(self.metrics.map(ConverseMetrics::into_sdk).transpose()?);
        builder = builder.set_additional_model_response_fields(
            self.additional_model_response_fields
                .map(crate::wire::Document::into_sdk),
        );
        builder = builder.set_trace(self.trace.map(ConverseTrace::into_sdk).transpose()?);
        builder = builder.set_performance_config(
            self.performance_config
                .map(PerformanceConfiguration::into_sdk)
                .transpose()?,
        );
        builder =
            builder.set_service_tier(self.service_tier.map(ServiceTier::into_sdk).transpose()?);
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `operation::converse::ConverseOutput`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::operation::converse::ConverseOutput,
    ) -> Result<Self, WireError> {
        let output = value.output.map(ConverseOutput::from_sdk).transpose()?;
        let stop_reason = value.stop_reason.as_str().to_owned();
        let usage = value.usage.map(TokenUsage::from_sdk).transpose()?;
        let metrics = value.metrics.map(ConverseMetrics::from_sdk).transpose()?;
        let additional_model_response_fields = value
            .additional_model_response_fields
            .map(crate::wire::Document::from_sdk);
        let trace = value.trace.map(ConverseTrace::from_sdk).transpose()?;
        let performance_config = value
            .performance_config
            .map(PerformanceConfiguration::from_sdk)
            .transpose()?;
        let service_tier = value.service_tier.map(ServiceTier::from_sdk).transpose()?;
        Ok(Self {
            output,
            stop_reason,
            usage,
            metrics,
            additional_model_response_fields,
            trace,
            performance_config,
            service_tier,
        })
    }
}

/// botocore's `ConverseStreamMetadataEvent` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConverseStreamMetadataEvent {
    #[serde(
        rename = "usage",
        deserialize_with = "crate::wire::required",
        skip_serializing_if = "Option::is_none"
    )]
    pub usage: Option<TokenUsage>,
    #[serde(
        rename = "metrics",
        deserialize_with = "crate::wire::required",
        skip_serializing_if = "Option::is_none"
    )]
    pub metrics: Option<ConverseStreamMetrics>,
    #[serde(rename = "trace", default, skip_serializing_if = "Option::is_none")]
    pub trace: Option<ConverseStreamTrace>,
    #[serde(
        rename = "performanceConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub performance_config: Option<PerformanceConfiguration>,
    #[serde(
        rename = "serviceTier",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub service_tier: Option<ServiceTier>,
}

impl ConverseStreamMetadataEvent {
    /// Converts to the SDK's `types::ConverseStreamMetadataEvent`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::ConverseStreamMetadataEvent, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::ConverseStreamMetadataEvent::builder();
        builder = builder.set_usage(self.usage.map(TokenUsage::into_sdk).transpose()?);
        builder = builder.set_metrics(
            self.metrics
                .map(ConverseStreamMetrics::into_sdk)
                .transpose()?,
        );
        builder = builder.set_trace(self.trace.map(ConverseStreamTrace::into_sdk).transpose()?);
        builder = builder.set_performance_config(
            self.performance_config
                .map(PerformanceConfiguration::into_sdk)
                .transpose()?,
        );
        builder =
            builder.set_service_tier(self.service_tier.map(ServiceTier::into_sdk).transpose()?);
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::ConverseStreamMetadataEvent`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ConverseStreamMetadataEvent,
    ) -> Result<Self, WireError> {
        let usage = value.usage.map(TokenUsage::from_sdk).transpose()?;
        let metrics = value
            .metrics
            .map(ConverseStreamMetrics::from_sdk)
            .transpose()?;
        let trace = value.trace.map(ConverseStreamTrace::from_sdk).transpose()?;
        let performance_config = value
            .performance_config
            .map(PerformanceConfiguration::from_sdk)
            .transpose()?;
        let service_tier = value.service_tier.map(ServiceTier::from_sdk).transpose()?;
        Ok(Self {
            usage,
            metrics,
            trace,
            performance_config,
            service_tier,
        })
    }
}

/// botocore's `ConverseStreamMetrics` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConverseStreamMetrics {
    #[serde(rename = "latencyMs")]
    pub latency_ms: i64,
}

impl ConverseStreamMetrics {
    /// Converts to the SDK's `types::ConverseStreamMetrics`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::ConverseStreamMetrics, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::ConverseStreamMetrics::builder();
        builder = builder.set_latency_ms(Some(self.latency_ms));
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::ConverseStreamMetrics`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ConverseStreamMetrics,
    ) -> Result<Self, WireError> {
        let latency_ms = value.latency_ms;
        Ok(Self { latency_ms })
    }
}

/// botocore's union `ConverseStreamOutput` in boto3's dict layout: exactly one member.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ConverseStreamOutput {
    #[serde(rename = "messageStart")]
    MessageStart(MessageStartEvent),
    #[serde(rename = "contentBlockStart")]
    ContentBlockStart(ContentBlockStartEvent),
    #[serde(rename = "contentBlockDelta")]
    ContentBlockDelta(ContentBlockDeltaEvent),
    #[serde(rename = "contentBlockStop")]
    ContentBlockStop(ContentBlockStopEvent),
    #[serde(rename = "messageStop")]
    MessageStop(MessageStopEvent),
    #[serde(rename = "metadata")]
    Metadata(ConverseStreamMetadataEvent),
    #[serde(rename = "internalServerException")]
    InternalServerException(InternalServerException),
    #[serde(rename = "modelStreamErrorException")]
    ModelStreamErrorException(ModelStreamErrorException),
    #[serde(rename = "validationException")]
    ValidationException(ValidationException),
    #[serde(rename = "throttlingException")]
    ThrottlingException(ThrottlingException),
    #[serde(rename = "serviceUnavailableException")]
    ServiceUnavailableException(ServiceUnavailableException),
}

impl ConverseStreamOutput {
    /// Converts to the SDK's event (`Ok`) or, for an exception member, its stream error (`Err`).
    pub fn into_sdk(
        self,
    ) -> Result<
        Result<
            ::aws_sdk_bedrockruntime::types::ConverseStreamOutput,
            ::aws_sdk_bedrockruntime::types::error::ConverseStreamOutputError,
        >,
        WireError,
    > {
        use ::aws_sdk_bedrockruntime::types::error::ConverseStreamOutputError as SdkError;
        use ::aws_sdk_bedrockruntime::types::ConverseStreamOutput as Sdk;
        Ok(match self {
            Self::MessageStart(v) => Ok(Sdk::MessageStart(MessageStartEvent::into_sdk(v)?)),
            Self::ContentBlockStart(v) => {
                Ok(Sdk::ContentBlockStart(ContentBlockStartEvent::into_sdk(v)?))
            }
            Self::ContentBlockDelta(v) => {
                Ok(Sdk::ContentBlockDelta(ContentBlockDeltaEvent::into_sdk(v)?))
            }
            Self::ContentBlockStop(v) => {
                Ok(Sdk::ContentBlockStop(ContentBlockStopEvent::into_sdk(v)?))
            }
            Self::MessageStop(v) => Ok(Sdk::MessageStop(MessageStopEvent::into_sdk(v)?)),
            Self::Metadata(v) => Ok(Sdk::Metadata(ConverseStreamMetadataEvent::into_sdk(v)?)),
            Self::InternalServerException(v) => Err(SdkError::InternalServerException(
                InternalServerException::into_sdk(v)?,
            )),
            Self::ModelStreamErrorException(v) => Err(SdkError::ModelStreamErrorException(
                ModelStreamErrorException::into_sdk(v)?,
            )),
            Self::ValidationException(v) => Err(SdkError::ValidationException(
                ValidationException::into_sdk(v)?,
            )),
            Self::ThrottlingException(v) => Err(SdkError::ThrottlingException(
                ThrottlingException::into_sdk(v)?,
            )),
            Self::ServiceUnavailableException(v) => Err(SdkError::ServiceUnavailableException(
                ServiceUnavailableException::into_sdk(v)?,
            )),
        })
    }
    /// Converts from the SDK's `types::ConverseStreamOutput`; its `Unknown` member is an error.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ConverseStreamOutput,
    ) -> Result<Self, WireError> {
        use ::aws_sdk_bedrockruntime::types::ConverseStreamOutput as Sdk;
        Ok(match value {
            Sdk::MessageStart(v) => Self::MessageStart(MessageStartEvent::from_sdk(v)?),
            Sdk::ContentBlockStart(v) => {
                Self::ContentBlockStart(ContentBlockStartEvent::from_sdk(v)?)
            }
            Sdk::ContentBlockDelta(v) => {
                Self::ContentBlockDelta(ContentBlockDeltaEvent::from_sdk(v)?)
            }
            Sdk::ContentBlockStop(v) => Self::ContentBlockStop(ContentBlockStopEvent::from_sdk(v)?),
            Sdk::MessageStop(v) => Self::MessageStop(MessageStopEvent::from_sdk(v)?),
            Sdk::Metadata(v) => Self::Metadata(ConverseStreamMetadataEvent::from_sdk(v)?),
            _ => {
                return Err(WireError::UnknownUnionMember {
                    shape: "ConverseStreamOutput",
                })
            }
        })
    }
    /// Converts a modeled exception event of the stream; any other error is handed back.
    pub fn from_sdk_error(
        error: ::aws_sdk_bedrockruntime::types::error::ConverseStreamOutputError,
    ) -> Result<Self, ::aws_sdk_bedrockruntime::types::error::ConverseStreamOutputError> {
        use ::aws_sdk_bedrockruntime::types::error::ConverseStreamOutputError as SdkError;
        match error {
            SdkError::InternalServerException(e) => {
                Ok(Self::InternalServerException(InternalServerException {
                    message: e.message,
                }))
            }
            SdkError::ModelStreamErrorException(e) => {
                Ok(Self::ModelStreamErrorException(ModelStreamErrorException {
                    message: e.message,
                    original_status_code: e.original_status_code,
                    original_message: e.original_message,
                }))
            }
            SdkError::ValidationException(e) => {
                Ok(Self::ValidationException(ValidationException {
                    message: e.message,
                }))
            }
            SdkError::ThrottlingException(e) => {
                Ok(Self::ThrottlingException(ThrottlingException {
                    message: e.message,
                }))
            }
            SdkError::ServiceUnavailableException(e) => Ok(Self::ServiceUnavailableException(
                ServiceUnavailableException { message: e.message },
            )),
            other => Err(other),
        }
    }
}

/// botocore's `ConverseStreamRequest` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConverseStreamRequest {
    #[serde(
        rename = "modelId",
        deserialize_with = "check_converse_stream_request_model_id",
        skip_serializing_if = "Option::is_none"
    )]
    pub model_id: Option<String>,
    #[serde(rename = "messages", default, skip_serializing_if = "Option::is_none")]
    pub messages: Option<Vec<Message>>,
    #[serde(rename = "system", default, skip_serializing_if = "Option::is_none")]
    pub system: Option<Vec<SystemContentBlock>>,
    #[serde(
        rename = "inferenceConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub inference_config: Option<InferenceConfiguration>,
    #[serde(
        rename = "toolConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub tool_config: Option<ToolConfiguration>,
    #[serde(
        rename = "guardrailConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub guardrail_config: Option<GuardrailStreamConfiguration>,
    #[serde(
        rename = "projectIdentifier",
        default,
        deserialize_with = "unsupported_converse_stream_request_project_identifier",
        skip_serializing_if = "Option::is_none"
    )]
    pub project_identifier: Option<crate::wire::Unsupported>,
    #[serde(
        rename = "additionalModelRequestFields",
        default,
        deserialize_with = "crate::wire::check::null_as_absent",
        skip_serializing_if = "crate::wire::Document::is_absent"
    )]
    pub additional_model_request_fields: Option<crate::wire::Document>,
    #[serde(
        rename = "promptVariables",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub prompt_variables: Option<HashMap<String, PromptVariableValues>>,
    #[serde(
        rename = "additionalModelResponseFieldPaths",
        default,
        deserialize_with = "check_converse_stream_request_additional_model_response_field_paths",
        skip_serializing_if = "Option::is_none"
    )]
    pub additional_model_response_field_paths: Option<Vec<String>>,
    #[serde(
        rename = "requestMetadata",
        default,
        deserialize_with = "check_converse_stream_request_request_metadata",
        skip_serializing_if = "Option::is_none"
    )]
    pub request_metadata: Option<HashMap<String, String>>,
    #[serde(
        rename = "performanceConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub performance_config: Option<PerformanceConfiguration>,
    #[serde(
        rename = "serviceTier",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub service_tier: Option<ServiceTier>,
    #[serde(
        rename = "outputConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub output_config: Option<OutputConfig>,
}

impl ConverseStreamRequest {
    /// Converts to the SDK's `operation::converse_stream::ConverseStreamInput`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::operation::converse_stream::ConverseStreamInput, WireError>
    {
        let mut builder =
            ::aws_sdk_bedrockruntime::operation::converse_stream::ConverseStreamInput::builder();
        builder = builder.set_model_id(self.model_id);
        builder = builder.set_messages(
            self.messages
                .map(|v0| {
                    v0.into_iter()
                        .map(Message::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        builder = builder.set_system(
            self.system
                .map(|v0| {
                    v0.into_iter()
                        .map(SystemContentBlock::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        builder = builder.set_inference_config(
            self.inference_config
                .map(InferenceConfiguration::into_sdk)
                .transpose()?,
        );
        builder = builder.set_tool_config(
            self.tool_config
                .map(ToolConfiguration::into_sdk)
                .transpose()?,
        );
        builder = builder.set_guardrail_config(
            self.guardrail_config
                .map(GuardrailStreamConfiguration::into_sdk)
                .transpose()?,
        );
        builder = builder.set_additional_model_request_fields(
            self.additional_model_request_fields
                .map(crate::wire::Document::into_sdk),
        );
        builder = builder.set_prompt_variables(
            self.prompt_variables
                .map(|v0| {
                    v0.into_iter()
                        .map(|(k1, v1)| PromptVariableValues::into_sdk(v1).map(|x1| (k1, x1)))
                        .collect::<Result<HashMap<_, _>, WireError>>()
                })
                .transpose()?,
        );
        builder = builder
            .set_additional_model_response_field_paths(self.additional_model_response_field_paths);
        builder = builder.set_request_metadata(self.request_metadata);
        builder = builder.set_performance_config(
            self.performance_config
                .map(PerformanceConfiguration::into_sdk)
                .transpose()?,
        );
        builder =
            builder.set_service_tier(self.service_tier.map(ServiceTier::into_sdk).transpose()?);
        builder =
            builder.set_output_config(self.output_config.map(OutputConfig::into_sdk).transpose()?);
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `operation::converse_stream::ConverseStreamInput`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::operation::converse_stream::ConverseStreamInput,
    ) -> Result<Self, WireError> {
        let model_id = value.model_id;
        let messages = value
            .messages
            .map(|v0| {
                v0.into_iter()
                    .map(Message::from_sdk)
                    .collect::<Result<Vec<_>, WireError>>()
            })
            .transpose()?;
        let system = value
            .system
            .map(|v0| {
                v0.into_iter()
                    .map(SystemContentBlock::from_sdk)
                    .collect::<Result<Vec<_>, WireError>>()
            })
            .transpose()?;
        let inference_config = value
            .inference_config
            .map(InferenceConfiguration::from_sdk)
            .transpose()?;
        let tool_config = value
            .tool_config
            .map(ToolConfiguration::from_sdk)
            .transpose()?;
        let guardrail_config = value
            .guardrail_config
            .map(GuardrailStreamConfiguration::from_sdk)
            .transpose()?;
        let additional_model_request_fields = value
            .additional_model_request_fields
            .map(crate::wire::Document::from_sdk);
        let prompt_variables = value
            .prompt_variables
            .map(|v0| {
                v0.into_iter()
                    .map(|(k1, v1)| PromptVariableValues::from_sdk(v1).map(|x1| (k1, x1)))
                    .collect::<Result<HashMap<_, _>, WireError>>()
            })
            .transpose()?;
        let additional_model_response_field_paths = value.additional_model_response_field_paths;
        let request_metadata = value.request_metadata;
        let performance_config = value
            .performance_config
            .map(PerformanceConfiguration::from_sdk)
            .transpose()?;
        let service_tier = value.service_tier.map(ServiceTier::from_sdk).transpose()?;
        let output_config = value
            .output_config
            .map(OutputConfig::from_sdk)
            .transpose()?;
        Ok(Self {
            model_id,
            messages,
            system,
            inference_config,
            tool_config,
            guardrail_config,
            project_identifier: None,
            additional_model_request_fields,
            prompt_variables,
            additional_model_response_field_paths,
            request_metadata,
            performance_config,
            service_tier,
            output_config,
        })
    }
    /// Sets every member on the SDK's fluent builder for `converse_stream` (e.g. `client.converse_stream()`).
    pub fn apply(
        self,
        mut builder: ::aws_sdk_bedrockruntime::operation::converse_stream::builders::ConverseStreamFluentBuilder,
    ) -> Result<
        ::aws_sdk_bedrockruntime::operation::converse_stream::builders::ConverseStreamFluentBuilder,
        WireError,
    > {
        builder = builder.set_model_id(self.model_id);
        builder = builder.set_messages(
            self.messages
                .map(|v0| {
                    v0.into_iter()
                        .map(Message::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        builder = builder.set_system(
            self.system
                .map(|v0| {
                    v0.into_iter()
                        .map(SystemContentBlock::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        builder = builder.set_inference_config(
            self.inference_config
                .map(InferenceConfiguration::into_sdk)
                .transpose()?,
        );
        builder = builder.set_tool_config(
            self.tool_config
                .map(ToolConfiguration::into_sdk)
                .transpose()?,
        );
        builder = builder.set_guardrail_config(
            self.guardrail_config
                .map(GuardrailStreamConfiguration::into_sdk)
                .transpose()?,
        );
        builder = builder.set_additional_model_request_fields(
            self.additional_model_request_fields
                .map(crate::wire::Document::into_sdk),
        );
        builder = builder.set_prompt_variables(
            self.prompt_variables
                .map(|v0| {
                    v0.into_iter()
                        .map(|(k1, v1)| PromptVariableValues::into_sdk(v1).map(|x1| (k1, x1)))
                        .collect::<Result<HashMap<_, _>, WireError>>()
                })
                .transpose()?,
        );
        builder = builder
            .set_additional_model_response_field_paths(self.additional_model_response_field_paths);
        builder = builder.set_request_metadata(self.request_metadata);
        builder = builder.set_performance_config(
            self.performance_config
                .map(PerformanceConfiguration::into_sdk)
                .transpose()?,
        );
        builder =
            builder.set_service_tier(self.service_tier.map(ServiceTier::into_sdk).transpose()?);
        builder =
            builder.set_output_config(self.output_config.map(OutputConfig::into_sdk).transpose()?);
        Ok(builder)
    }
}

/// botocore's `ConverseStreamTrace` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConverseStreamTrace {
    #[serde(rename = "guardrail", default, skip_serializing_if = "Option::is_none")]
    pub guardrail: Option<GuardrailTraceAssessment>,
    #[serde(
        rename = "promptRouter",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub prompt_router: Option<PromptRouterTrace>,
}

impl ConverseStreamTrace {
    /// Converts to the SDK's `types::ConverseStreamTrace`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::ConverseStreamTrace, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::ConverseStreamTrace::builder();
        builder = builder.set_guardrail(
            self.guardrail
                .map(GuardrailTraceAssessment::into_sdk)
                .transpose()?,
        );
        builder = builder.set_prompt_router(
            self.prompt_router
                .map(PromptRouterTrace::into_sdk)
                .transpose()?,
        );
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::ConverseStreamTrace`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ConverseStreamTrace,
    ) -> Result<Self, WireError> {
        let guardrail = value
            .guardrail
            .map(GuardrailTraceAssessment::from_sdk)
            .transpose()?;
        let prompt_router = value
            .prompt_router
            .map(PromptRouterTrace::from_sdk)
            .transpose()?;
        Ok(Self {
            guardrail,
            prompt_router,
        })
    }
}

/// botocore's `ConverseTokensRequest` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConverseTokensRequest {
    #[serde(rename = "messages", default, skip_serializing_if = "Option::is_none")]
    pub messages: Option<Vec<Message>>,
    #[serde(rename = "system", default, skip_serializing_if = "Option::is_none")]
    pub system: Option<Vec<SystemContentBlock>>,
    #[serde(
        rename = "toolConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub tool_config: Option<ToolConfiguration>,
    #[serde(
        rename = "additionalModelRequestFields",
        default,
        deserialize_with = "crate::wire::check::nullable",
        skip_serializing_if = "crate::wire::Document::is_absent"
    )]
    pub additional_model_request_fields: Option<crate::wire::Document>,
}

impl ConverseTokensRequest {
    /// Converts to the SDK's `types::ConverseTokensRequest`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::ConverseTokensRequest, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::ConverseTokensRequest::builder();
        builder = builder.set_messages(
            self.messages
                .map(|v0| {
                    v0.into_iter()
                        .map(Message::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        builder = builder.set_system(
            self.system
                .map(|v0| {
                    v0.into_iter()
                        .map(SystemContentBlock::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        builder = builder.set_tool_config(
            self.tool_config
                .map(ToolConfiguration::into_sdk)
                .transpose()?,
        );
        builder = builder.set_additional_model_request_fields(
            self.additional_model_request_fields
                .map(crate::wire::Document::into_sdk),
        );
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::ConverseTokensRequest`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ConverseTokensRequest,
    ) -> Result<Self, WireError> {
        let messages = value
            .messages
            .map(|v0| {
                v0.into_iter()
                    .map(Message::from_sdk)
                    .collect::<Result<Vec<_>, WireError>>()
            })
            .transpose()?;
        let system = value
            .system
            .map(|v0| {
                v0.into_iter()
                    .map(SystemContentBlock::from_sdk)
                    .collect::<Result<Vec<_>, WireError>>()
            })
            .transpose()?;
        let tool_config = value
            .tool_config
            .map(ToolConfiguration::from_sdk)
            .transpose()?;
        let additional_model_request_fields = value
            .additional_model_request_fields
            .map(crate::wire::Document::from_sdk);
        Ok(Self {
            messages,
            system,
            tool_config,
            additional_model_request_fields,
        })
    }
}

/// botocore's `ConverseTrace` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConverseTrace {
    #[serde(rename = "guardrail", default, skip_serializing_if = "Option::is_none")]
    pub guardrail: Option<GuardrailTraceAssessment>,
    #[serde(
        rename = "promptRouter",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub prompt_router: Option<PromptRouterTrace>,
}

impl ConverseTrace {
    /// Converts to the SDK's `types::ConverseTrace`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::ConverseTrace, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::ConverseTrace::builder();
        builder = builder.set_guardrail(
            self.guardrail
                .map(GuardrailTraceAssessment::into_sdk)
                .transpose()?,
        );
        builder = builder.set_prompt_router(
            self.prompt_router
                .map(PromptRouterTrace::into_sdk)
                .transpose()?,
        );
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::ConverseTrace`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ConverseTrace,
    ) -> Result<Self, WireError> {
        let guardrail = value
            .guardrail
            .map(GuardrailTraceAssessment::from_sdk)
            .transpose()?;
        let prompt_router = value
            .prompt_router
            .map(PromptRouterTrace::from_sdk)
            .transpose()?;
        Ok(Self {
            guardrail,
            prompt_router,
        })
    }
}

/// botocore's union `CountTokensInput` in boto3's dict layout: exactly one member.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum CountTokensInput {
    #[serde(rename = "invokeModel")]
    InvokeModel(InvokeModelTokensRequest),
    #[serde(rename = "converse")]
    Converse(ConverseTokensRequest),
}

impl CountTokensInput {
    /// Converts to the SDK's `types::CountTokensInput`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::CountTokensInput, WireError> {
        use ::aws_sdk_bedrockruntime::types::CountTokensInput as Sdk;
        Ok(match self {
            Self::InvokeModel(v) => Sdk::InvokeModel(InvokeModelTokensRequest::into_sdk(v)?),
            Self::Converse(v) => Sdk::Converse(ConverseTokensRequest::into_sdk(v)?),
        })
    }
    /// Converts from the SDK's `types::CountTokensInput`; its `Unknown` member is an error.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::CountTokensInput,
    ) -> Result<Self, WireError> {
        use ::aws_sdk_bedrockruntime::types::CountTokensInput as Sdk;
        Ok(match value {
            Sdk::InvokeModel(v) => Self::InvokeModel(InvokeModelTokensRequest::from_sdk(v)?),
            Sdk::Converse(v) => Self::Converse(ConverseTokensRequest::from_sdk(v)?),
            _ => {
                return Err(WireError::UnknownUnionMember {
                    shape: "CountTokensInput",
                })
            }
        })
    }
}

/// botocore's `CountTokensRequest` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountTokensRequest {
    #[serde(
        rename = "modelId",
        deserialize_with = "check_count_tokens_request_model_id",
        skip_serializing_if = "Option::is_none"
    )]
    pub model_id: Option<String>,
    #[serde(
        rename = "input",
        deserialize_with = "crate::wire::required",
        skip_serializing_if = "Option::is_none"
    )]
    pub input: Option<CountTokensInput>,
}

impl CountTokensRequest {
    /// Converts to the SDK's `operation::count_tokens::CountTokensInput`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::operation::count_tokens::CountTokensInput, WireError>
    {
        let mut builder =
            ::aws_sdk_bedrockruntime::operation::count_tokens::CountTokensInput::builder();
        builder = builder.set_model_id(self.model_id);
        builder = builder.set_input(self.input.map(CountTokensInput::into_sdk).transpose()?);
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `operation::count_tokens::CountTokensInput`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::operation::count_tokens::CountTokensInput,
    ) -> Result<Self, WireError> {
        let model_id = value.model_id;
        let input = value.input.map(CountTokensInput::from_sdk).transpose()?;
        Ok(Self { model_id, input })
    }
    /// Sets every member on the SDK's fluent builder for `count_tokens` (e.g. `client.count_tokens()`).
    pub fn apply(
        self,
        mut builder: ::aws_sdk_bedrockruntime::operation::count_tokens::builders::CountTokensFluentBuilder,
    ) -> Result<
        ::aws_sdk_bedrockruntime::operation::count_tokens::builders::CountTokensFluentBuilder,
        WireError,
    > {
        builder = builder.set_model_id(self.model_id);
        builder = builder.set_input(self.input.map(CountTokensInput::into_sdk).transpose()?);
        Ok(builder)
    }
}

/// botocore's `CountTokensResponse` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountTokensResponse {
    #[serde(rename = "inputTokens")]
    pub input_tokens: i32,
}

impl CountTokensResponse {
    /// Converts to the SDK's `operation::count_tokens::CountTokensOutput`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::operation::count_tokens::CountTokensOutput, WireError>
    {
        let mut builder =
            ::aws_sdk_bedrockruntime::operation::count_tokens::CountTokensOutput::builder();
        builder = builder.set_input_tokens(Some(self.input_tokens));
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `operation::count_tokens::CountTokensOutput`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::operation::count_tokens::CountTokensOutput,
    ) -> Result<Self, WireError> {
        let input_tokens = value.input_tokens;
        Ok(Self { input_tokens })
    }
}

/// botocore's `DocumentBlock` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentBlock {
    #[serde(rename = "format", default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(rename = "name", deserialize_with = "check_document_block_name")]
    pub name: String,
    #[serde(
        rename = "source",
        deserialize_with = "crate::wire::required",
        skip_serializing_if = "Option::is_none"
    )]
    pub source: Option<DocumentSource>,
    #[serde(rename = "context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    #[serde(rename = "citations", default, skip_serializing_if = "Option::is_none")]
    pub citations: Option<CitationsConfig>,
}

impl DocumentBlock {
    /// Converts to the SDK's `types::DocumentBlock`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::DocumentBlock, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::DocumentBlock::builder();
        builder = builder.set_format(
            self.format
                .map(|v0| ::aws_sdk_bedrockruntime::types::DocumentFormat::from(v0.as_str())),
        );
        builder = builder.set_name(Some(self.name));
        builder = builder.set_source(self.source.map(DocumentSource::into_sdk).transpose()?);
        builder = builder.set_context(self.context);
        builder = builder.set_citations(self.citations.map(CitationsConfig::into_sdk).transpose()?);
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::DocumentBlock`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::DocumentBlock,
    ) -> Result<Self, WireError> {
        let format = Some(value.format.as_str().to_owned());
        let name = value.name;
        let source = value.source.map(DocumentSource::from_sdk).transpose()?;
        let context = value.context;
        let citations = value.citations.map(CitationsConfig::from_sdk).transpose()?;
        Ok(Self {
            format,
            name,
            source,
            context,
            citations,
        })
    }
}

/// botocore's `DocumentCharLocation` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentCharLocation {
    #[serde(
        rename = "documentIndex",
        default,
        deserialize_with = "check_document_char_location_document_index",
        skip_serializing_if = "Option::is_none"
    )]
    pub document_index: Option<i32>,
    #[serde(
        rename = "start",
        default,
        deserialize_with = "check_document_char_location_start",
        skip_serializing_if = "Option::is_none"
    )]
    pub start: Option<i32>,
    #[serde(
        rename = "end",
        default,
        deserialize_with = "check_document_char_location_end",
        skip_serializing_if = "Option::is_none"
    )]
    pub end: Option<i32>,
}

impl DocumentCharLocation {
    /// Converts to the SDK's `types::DocumentCharLocation`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::DocumentCharLocation, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::DocumentCharLocation::builder();
        builder = builder.set_document_index(self.document_index);
        builder = builder.set_start(self.start);
        builder = builder.set_end(self.end);
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::DocumentCharLocation`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::DocumentCharLocation,
    ) -> Result<Self, WireError> {
        let document_index = value.document_index;
        let start = value.start;
        let end = value.end;
        Ok(Self {
            document_index,
            start,
            end,
        })
    }
}

/// botocore's `DocumentChunkLocation` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentChunkLocation {
    #[serde(
        rename = "documentIndex",
        default,
        deserialize_with = "check_document_chunk_location_document_index",
        skip_serializing_if = "Option::is_none"
    )]
    pub document_index: Option<i32>,
    #[serde(
        rename = "start",
        default,
        deserialize_with = "check_document_chunk_location_start",
        skip_serializing_if = "Option::is_none"
    )]
    pub start: Option<i32>,
    #[serde(
        rename = "end",
        default,
        deserialize_with = "check_document_chunk_location_end",
        skip_serializing_if = "Option::is_none"
    )]
    pub end: Option<i32>,
}

impl DocumentChunkLocation {
    /// Converts to the SDK's `types::DocumentChunkLocation`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::DocumentChunkLocation, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::DocumentChunkLocation::builder();
        builder = builder.set_document_index(self.document_index);
        builder = builder.set_start(self.start);
        builder = builder.set_end(self.end);
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::DocumentChunkLocation`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::DocumentChunkLocation,
    ) -> Result<Self, WireError> {
        let document_index = value.document_index;
        let start = value.start;
        let end = value.end;
        Ok(Self {
            document_index,
            start,
            end,
        })
    }
}

/// botocore's union `DocumentContentBlock` in boto3's dict layout: exactly one member.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum DocumentContentBlock {
    #[serde(rename = "text")]
    Text(String),
}

impl DocumentContentBlock {
    /// Converts to the SDK's `types::DocumentContentBlock`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::DocumentContentBlock, WireError> {
        use ::aws_sdk_bedrockruntime::types::DocumentContentBlock as Sdk;
        Ok(match self {
            Self::Text(v) => Sdk::Text(v),
        })
    }
    /// Converts from the SDK's `types::DocumentContentBlock`; its `Unknown` member is an error.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::DocumentContentBlock,
    ) -> Result<Self, WireError> {
        use ::aws_sdk_bedrockruntime::types::DocumentContentBlock as Sdk;
        Ok(match value {
            Sdk::Text(v) => Self::Text(v),
            _ => {
                return Err(WireError::UnknownUnionMember {
                    shape: "DocumentContentBlock",
                })
            }
        })
    }
}

/// botocore's `DocumentPageLocation` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentPageLocation {
    #[serde(
        rename = "documentIndex",
        default,
        deserialize_with = "check_document_page_location_document_index",
        skip_serializing_if = "Option::is_none"
    )]
    pub document_index: Option<i32>,
    #[serde(
        rename = "start",
        default,
        deserialize_with = "check_document_page_location_start",
        skip_serializing_if = "Option::is_none"
    )]
    pub start: Option<i32>,
    #[serde(
        rename = "end",
        default,
        deserialize_with = "check_document_page_location_end",
        skip_serializing_if = "Option::is_none"
    )]
    pub end: Option<i32>,
}

impl DocumentPageLocation {
    /// Converts to the SDK's `types::DocumentPageLocation`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::DocumentPageLocation, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::DocumentPageLocation::builder();
        builder = builder.set_document_index(self.document_index);
        builder = builder.set_start(self.start);
        builder = builder.set_end(self.end);
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::DocumentPageLocation`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::DocumentPageLocation,
    ) -> Result<Self, WireError> {
        let document_index = value.document_index;
        let start = value.start;
        let end = value.end;
        Ok(Self {
            document_index,
            start,
            end,
        })
    }
}

/// botocore's union `DocumentSource` in boto3's dict layout: exactly one member.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum DocumentSource {
    #[serde(rename = "bytes")]
    Bytes(crate::wire::Blob),
    #[serde(rename = "s3Location")]
    S3Location(S3Location),
    #[serde(rename = "text")]
    Text(String),
    #[serde(rename = "content")]
    Content(Vec<DocumentContentBlock>),
}

impl DocumentSource {
    /// Converts to the SDK's `types::DocumentSource`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::DocumentSource, WireError> {
        use ::aws_sdk_bedrockruntime::types::DocumentSource as Sdk;
        Ok(match self {
            Self::Bytes(v) => Sdk::Bytes(crate::wire::Blob::into_sdk(v)),
            Self::S3Location(v) => Sdk::S3Location(S3Location::into_sdk(v)?),
            Self::Text(v) => Sdk::Text(v),
            Self::Content(v) => Sdk::Content(
                v.into_iter()
                    .map(DocumentContentBlock::into_sdk)
                    .collect::<Result<Vec<_>, WireError>>()?,
            ),
        })
    }
    /// Converts from the SDK's `types::DocumentSource`; its `Unknown` member is an error.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::DocumentSource,
    ) -> Result<Self, WireError> {
        use ::aws_sdk_bedrockruntime::types::DocumentSource as Sdk;
        Ok(match value {
            Sdk::Bytes(v) => Self::Bytes(crate::wire::Blob::from_sdk(v)),
            Sdk::S3Location(v) => Self::S3Location(S3Location::from_sdk(v)?),
            Sdk::Text(v) => Self::Text(v),
            Sdk::Content(v) => Self::Content(
                v.into_iter()
                    .map(DocumentContentBlock::from_sdk)
                    .collect::<Result<Vec<_>, WireError>>()?,
            ),
            _ => {
                return Err(WireError::UnknownUnionMember {
                    shape: "DocumentSource",
                })
            }
        })
    }
}

/// botocore's `ErrorBlock` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorBlock {
    #[serde(rename = "message", default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl ErrorBlock {
    /// Converts to the SDK's `types::ErrorBlock`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::ErrorBlock, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::ErrorBlock::builder();
        builder = builder.set_message(self.message);
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::ErrorBlock`, moving its fields.
    pub fn from_sdk(value: ::aws_sdk_bedrockruntime::types::ErrorBlock) -> Result<Self, WireError> {
        let message = value.message;
        Ok(Self { message })
    }
}

/// botocore's `GuardrailAssessment` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailAssessment {
    #[serde(
        rename = "topicPolicy",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub topic_policy: Option<GuardrailTopicPolicyAssessment>,
    #[serde(
        rename = "contentPolicy",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub content_policy: Option<GuardrailContentPolicyAssessment>,
    #[serde(
        rename = "wordPolicy",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub word_policy: Option<GuardrailWordPolicyAssessment>,
    #[serde(
        rename = "sensitiveInformationPolicy",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub sensitive_information_policy: Option<GuardrailSensitiveInformationPolicyAssessment>,
    #[serde(
        rename = "contextualGroundingPolicy",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub contextual_grounding_policy: Option<GuardrailContextualGroundingPolicyAssessment>,
    #[serde(
        rename = "automatedReasoningPolicy",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub automated_reasoning_policy: Option<GuardrailAutomatedReasoningPolicyAssessment>,
    #[serde(
        rename = "invocationMetrics",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub invocation_metrics: Option<GuardrailInvocationMetrics>,
    #[serde(
        rename = "appliedGuardrailDetails",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub applied_guardrail_details: Option<AppliedGuardrailDetails>,
}

impl GuardrailAssessment {
    /// Converts to the SDK's `types::GuardrailAssessment`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::GuardrailAssessment, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::GuardrailAssessment::builder();
        builder = builder.set_topic_policy(
            self.topic_policy
                .map(GuardrailTopicPolicyAssessment::into_sdk)
                .transpose()?,
        );
        builder = builder.set_content_policy(
            self.content_policy
                .map(GuardrailContentPolicyAssessment::into_sdk)
                .transpose()?,
        );
        builder = builder.set_word_policy(
            self.word_policy
                .map(GuardrailWordPolicyAssessment::into_sdk)
                .transpose()?,
        );
        builder = builder.set_sensitive_information_policy(
            self.sensitive_information_policy
                .map(GuardrailSensitiveInformationPolicyAssessment::into_sdk)
                .transpose()?,
        );
        builder = builder.set_contextual_grounding_policy(
            self.contextual_grounding_policy
                .map(GuardrailContextualGroundingPolicyAssessment::into_sdk)
                .transpose()?,
        );
        builder = builder.set_automated_reasoning_policy(
            self.automated_reasoning_policy
                .map(GuardrailAutomatedReasoningPolicyAssessment::into_sdk)
                .transpose()?,
        );
        builder = builder.set_invocation_metrics(
            self.invocation_metrics
                .map(GuardrailInvocationMetrics::into_sdk)
                .transpose()?,
        );
        builder = builder.set_applied_guardrail_details(
            self.applied_guardrail_details
                .map(AppliedGuardrailDetails::into_sdk)
                .transpose()?,
        );
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::GuardrailAssessment`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailAssessment,
    ) -> Result<Self, WireError> {
        let topic_policy = value
            .topic_policy
            .map(GuardrailTopicPolicyAssessment::from_sdk)
            .transpose()?;
        let content_policy = value
            .content_policy
            .map(GuardrailContentPolicyAssessment::from_sdk)
            .transpose()?;
        let word_policy = value
            .word_policy
            .map(GuardrailWordPolicyAssessment::from_sdk)
            .transpose()?;
        let sensitive_information_policy = value
            .sensitive_information_policy
            .map(GuardrailSensitiveInformationPolicyAssessment::from_sdk)
            .transpose()?;
        let contextual_grounding_policy = value
            .contextual_grounding_policy
            .map(GuardrailContextualGroundingPolicyAssessment::from_sdk)
            .transpose()?;
        let automated_reasoning_policy = value
            .automated_reasoning_policy
            .map(GuardrailAutomatedReasoningPolicyAssessment::from_sdk)
            .transpose()?;
        let invocation_metrics = value
            .invocation_metrics
            .map(GuardrailInvocationMetrics::from_sdk)
            .transpose()?;
        let applied_guardrail_details = value
            .applied_guardrail_details
            .map(AppliedGuardrailDetails::from_sdk)
            .transpose()?;
        Ok(Self {
            topic_policy,
            content_policy,
            word_policy,
            sensitive_information_policy,
            contextual_grounding_policy,
            automated_reasoning_policy,
            invocation_metrics,
            applied_guardrail_details,
        })
    }
}

/// botocore's union `GuardrailAutomatedReasoningFinding` in boto3's dict layout: exactly one member.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum GuardrailAutomatedReasoningFinding {
    #[serde(rename = "valid")]
    Valid(GuardrailAutomatedReasoningValidFinding),
    #[serde(rename = "invalid")]
    Invalid(GuardrailAutomatedReasoningInvalidFinding),
    #[serde(rename = "satisfiable")]
    Satisfiable(GuardrailAutomatedReasoningSatisfiableFinding),
    #[serde(rename = "impossible")]
    Impossible(GuardrailAutomatedReasoningImpossibleFinding),
    #[serde(rename = "translationAmbiguous")]
    TranslationAmbiguous(GuardrailAutomatedReasoningTranslationAmbiguousFinding),
    #[serde(rename = "tooComplex")]
    TooComplex(GuardrailAutomatedReasoningTooComplexFinding),
    #[serde(rename = "noTranslations")]
    NoTranslations(GuardrailAutomatedReasoningNoTranslationsFinding),
}

impl GuardrailAutomatedReasoningFinding {
    /// Converts to the SDK's `types::GuardrailAutomatedReasoningFinding`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningFinding, WireError>
    {
        use ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningFinding as Sdk;
        Ok(match self {
            Self::Valid(v) => Sdk::Valid(GuardrailAutomatedReasoningValidFinding::into_sdk(v)?),
            Self::Invalid(v) => {
                Sdk::Invalid(GuardrailAutomatedReasoningInvalidFinding::into_sdk(v)?)
            }
            Self::Satisfiable(v) => {
                Sdk::Satisfiable(GuardrailAutomatedReasoningSatisfiableFinding::into_sdk(v)?)
            }
            Self::Impossible(v) => {
                Sdk::Impossible(GuardrailAutomatedReasoningImpossibleFinding::into_sdk(v)?)
            }
            Self::TranslationAmbiguous(v) => Sdk::TranslationAmbiguous(
                GuardrailAutomatedReasoningTranslationAmbiguousFinding::into_sdk(v)?,
            ),
            Self::TooComplex(v) => {
                Sdk::TooComplex(GuardrailAutomatedReasoningTooComplexFinding::into_sdk(v)?)
            }
            Self::NoTranslations(v) => Sdk::NoTranslations(
                GuardrailAutomatedReasoningNoTranslationsFinding::into_sdk(v)?,
            ),
        })
    }
    /// Converts from the SDK's `types::GuardrailAutomatedReasoningFinding`; its `Unknown` member is an error.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningFinding,
    ) -> Result<Self, WireError> {
        use ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningFinding as Sdk;
        Ok(match value {
            Sdk::Valid(v) => Self::Valid(GuardrailAutomatedReasoningValidFinding::from_sdk(v)?),
            Sdk::Invalid(v) => {
                Self::Invalid(GuardrailAutomatedReasoningInvalidFinding::from_sdk(v)?)
            }
            Sdk::Satisfiable(v) => {
                Self::Satisfiable(GuardrailAutomatedReasoningSatisfiableFinding::from_sdk(v)?)
            }
            Sdk::Impossible(v) => {
                Self::Impossible(GuardrailAutomatedReasoningImpossibleFinding::from_sdk(v)?)
            }
            Sdk::TranslationAmbiguous(v) => Self::TranslationAmbiguous(
                GuardrailAutomatedReasoningTranslationAmbiguousFinding::from_sdk(v)?,
            ),
            Sdk::TooComplex(v) => {
                Self::TooComplex(GuardrailAutomatedReasoningTooComplexFinding::from_sdk(v)?)
            }
            Sdk::NoTranslations(v) => Self::NoTranslations(
                GuardrailAutomatedReasoningNoTranslationsFinding::from_sdk(v)?,
            ),
            _ => {
                return Err(WireError::UnknownUnionMember {
                    shape: "GuardrailAutomatedReasoningFinding",
                })
            }
        })
    }
}

/// botocore's `GuardrailAutomatedReasoningImpossibleFinding` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailAutomatedReasoningImpossibleFinding {
    #[serde(
        rename = "translation",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub translation: Option<GuardrailAutomatedReasoningTranslation>,
    #[serde(
        rename = "contradictingRules",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub contradicting_rules: Option<Vec<GuardrailAutomatedReasoningRule>>,
    #[serde(
        rename = "logicWarning",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub logic_warning: Option<GuardrailAutomatedReasoningLogicWarning>,
}

impl GuardrailAutomatedReasoningImpossibleFinding {
    /// Converts to the SDK's `types::GuardrailAutomatedReasoningImpossibleFinding`.
    pub fn into_sdk(
        self,
    ) -> Result<
        ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningImpossibleFinding,
        WireError,
    > {
        let mut builder =
            ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningImpossibleFinding::builder(
            );
        builder = builder.set_translation(
            self.translation
                .map(GuardrailAutomatedReasoningTranslation::into_sdk)
                .transpose()?,
        );
        builder = builder.set_contradicting_rules(
            self.contradicting_rules
                .map(|v0| {
                    v0.into_iter()
                        .map(GuardrailAutomatedReasoningRule::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        builder = builder.set_logic_warning(
            self.logic_warning
                .map(GuardrailAutomatedReasoningLogicWarning::into_sdk)
                .transpose()?,
        );
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::GuardrailAutomatedReasoningImpossibleFinding`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningImpossibleFinding,
    ) -> Result<Self, WireError> {
        let translation = value
            .translation
            .map(GuardrailAutomatedReasoningTranslation::from_sdk)
            .transpose()?;
        let contradicting_rules = value
            .contradicting_rules
            .map(|v0| {
                v0.into_iter()
                    .map(GuardrailAutomatedReasoningRule::from_sdk)
                    .collect::<Result<Vec<_>, WireError>>()
            })
            .transpose()?;
        let logic_warning = value
            .logic_warning
            .map(GuardrailAutomatedReasoningLogicWarning::from_sdk)
            .transpose()?;
        Ok(Self {
            translation,
            contradicting_rules,
            logic_warning,
        })
    }
}

/// botocore's `GuardrailAutomatedReasoningInputTextReference` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailAutomatedReasoningInputTextReference {
    #[serde(rename = "text", default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl GuardrailAutomatedReasoningInputTextReference {
    /// Converts to the SDK's `types::GuardrailAutomatedReasoningInputTextReference`.
    pub fn into_sdk(
        self,
    ) -> Result<
        ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningInputTextReference,
        WireError,
    > {
        let mut builder =
            ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningInputTextReference::builder(
            );
        builder = builder.set_text(self.text);
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::GuardrailAutomatedReasoningInputTextReference`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningInputTextReference,
    ) -> Result<Self, WireError> {
        let text = value.text;
        Ok(Self { text })
    }
}

/// botocore's `GuardrailAutomatedReasoningInvalidFinding` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailAutomatedReasoningInvalidFinding {
    #[serde(
        rename = "translation",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub translation: Option<GuardrailAutomatedReasoningTranslation>,
    #[serde(
        rename = "contradictingRules",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub contradicting_rules: Option<Vec<GuardrailAutomatedReasoningRule>>,
    #[serde(
        rename = "logicWarning",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub logic_warning: Option<GuardrailAutomatedReasoningLogicWarning>,
}

impl GuardrailAutomatedReasoningInvalidFinding {
    /// Converts to the SDK's `types::GuardrailAutomatedReasoningInvalidFinding`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningInvalidFinding, WireError>
    {
        let mut builder =
            ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningInvalidFinding::builder();
        builder = builder.set_translation(
            self.translation
                .map(GuardrailAutomatedReasoningTranslation::into_sdk)
                .transpose()?,
        );
        builder = builder.set_contradicting_rules(
            self.contradicting_rules
                .map(|v0| {
                    v0.into_iter()
                        .map(GuardrailAutomatedReasoningRule::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        builder = builder.set_logic_warning(
            self.logic_warning
                .map(GuardrailAutomatedReasoningLogicWarning::into_sdk)
                .transpose()?,
        );
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::GuardrailAutomatedReasoningInvalidFinding`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningInvalidFinding,
    ) -> Result<Self, WireError> {
        let translation = value
            .translation
            .map(GuardrailAutomatedReasoningTranslation::from_sdk)
            .transpose()?;
        let contradicting_rules = value
            .contradicting_rules
            .map(|v0| {
                v0.into_iter()
                    .map(GuardrailAutomatedReasoningRule::from_sdk)
                    .collect::<Result<Vec<_>, WireError>>()
            })
            .transpose()?;
        let logic_warning = value
            .logic_warning
            .map(GuardrailAutomatedReasoningLogicWarning::from_sdk)
            .transpose()?;
        Ok(Self {
            translation,
            contradicting_rules,
            logic_warning,
        })
    }
}

/// botocore's `GuardrailAutomatedReasoningLogicWarning` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailAutomatedReasoningLogicWarning {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    #[serde(rename = "premises", default, skip_serializing_if = "Option::is_none")]
    pub premises: Option<Vec<GuardrailAutomatedReasoningStatement>>,
    #[serde(rename = "claims", default, skip_serializing_if = "Option::is_none")]
    pub claims: Option<Vec<GuardrailAutomatedReasoningStatement>>,
}

impl GuardrailAutomatedReasoningLogicWarning {
    /// Converts to the SDK's `types::GuardrailAutomatedReasoningLogicWarning`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningLogicWarning, WireError>
    {
        let mut builder =
            ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningLogicWarning::builder();
        builder = builder.set_type(self.r#type.map(|v0| {
            ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningLogicWarningType::from(
                v0.as_str(),
            )
        }));
        builder = builder.set_premises(
            self.premises
                .map(|v0| {
                    v0.into_iter()
                        .map(GuardrailAutomatedReasoningStatement::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        builder = builder.set_claims(
            self.claims
                .map(|v0| {
                    v0.into_iter()
                        .map(GuardrailAutomatedReasoningStatement::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::GuardrailAutomatedReasoningLogicWarning`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningLogicWarning,
    ) -> Result<Self, WireError> {
        let r#type = value.r#type.map(|v0| v0.as_str().to_owned());
        let premises = value
            .premises
            .map(|v0| {
                v0.into_iter()
                    .map(GuardrailAutomatedReasoningStatement::from_sdk)
                    .collect::<Result<Vec<_>, WireError>>()
            })
            .transpose()?;
        let claims = value
            .claims
            .map(|v0| {
                v0.into_iter()
                    .map(GuardrailAutomatedReasoningStatement::from_sdk)
                    .collect::<Result<Vec<_>, WireError>>()
            })
            .transpose()?;
        Ok(Self {
            r#type,
            premises,
            claims,
        })
    }
}

/// botocore's `GuardrailAutomatedReasoningNoTranslationsFinding` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailAutomatedReasoningNoTranslationsFinding {}

impl GuardrailAutomatedReasoningNoTranslationsFinding {
    /// Converts to the SDK's `types::GuardrailAutomatedReasoningNoTranslationsFinding`.
    pub fn into_sdk(
        self,
    ) -> Result<
        ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningNoTranslationsFinding,
        WireError,
    > {
        let builder = ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningNoTranslationsFinding::builder();
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::GuardrailAutomatedReasoningNoTranslationsFinding`, moving its fields.
    pub fn from_sdk(
        _value: ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningNoTranslationsFinding,
    ) -> Result<Self, WireError> {
        Ok(Self {})
    }
}

/// botocore's `GuardrailAutomatedReasoningPolicyAssessment` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailAutomatedReasoningPolicyAssessment {
    #[serde(rename = "findings", default, skip_serializing_if = "Option::is_none")]
    pub findings: Option<Vec<GuardrailAutomatedReasoningFinding>>,
}

impl GuardrailAutomatedReasoningPolicyAssessment {
    /// Converts to the SDK's `types::GuardrailAutomatedReasoningPolicyAssessment`.
    pub fn into_sdk(
        self,
    ) -> Result<
        ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningPolicyAssessment,
        WireError,
    > {
        let mut builder =
            ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningPolicyAssessment::builder();
        builder = builder.set_findings(
            self.findings
                .map(|v0| {
                    v0.into_iter()
                        .map(GuardrailAutomatedReasoningFinding::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::GuardrailAutomatedReasoningPolicyAssessment`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningPolicyAssessment,
    ) -> Result<Self, WireError> {
        let findings = value
            .findings
            .map(|v0| {
                v0.into_iter()
                    .map(GuardrailAutomatedReasoningFinding::from_sdk)
                    .collect::<Result<Vec<_>, WireError>>()
            })
            .transpose()?;
        Ok(Self { findings })
    }
}

/// botocore's `GuardrailAutomatedReasoningRule` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailAutomatedReasoningRule {
    #[serde(
        rename = "identifier",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub identifier: Option<String>,
    #[serde(
        rename = "policyVersionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub policy_version_arn: Option<String>,
}

impl GuardrailAutomatedReasoningRule {
    /// Converts to the SDK's `types::GuardrailAutomatedReasoningRule`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningRule, WireError> {
        let mut builder =
            ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningRule::builder();
        builder = builder.set_identifier(self.identifier);
        builder = builder.set_policy_version_arn(self.policy_version_arn);
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::GuardrailAutomatedReasoningRule`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningRule,
    ) -> Result<Self, WireError> {
        let identifier = value.identifier;
        let policy_version_arn = value.policy_version_arn;
        Ok(Self {
            identifier,
            policy_version_arn,
        })
    }
}

/// botocore's `GuardrailAutomatedReasoningSatisfiableFinding` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailAutomatedReasoningSatisfiableFinding {
    #[serde(
        rename = "translation",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub translation: Option<GuardrailAutomatedReasoningTranslation>,
    #[serde(
        rename = "claimsTrueScenario",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub claims_true_scenario: Option<GuardrailAutomatedReasoningScenario>,
    #[serde(
        rename = "claimsFalseScenario",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub claims_false_scenario: Option<GuardrailAutomatedReasoningScenario>,
    #[serde(
        rename = "logicWarning",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub logic_warning: Option<GuardrailAutomatedReasoningLogicWarning>,
}

impl GuardrailAutomatedReasoningSatisfiableFinding {
    /// Converts to the SDK's `types::GuardrailAutomatedReasoningSatisfiableFinding`.
    pub fn into_sdk(
        self,
    ) -> Result<
        ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningSatisfiableFinding,
        WireError,
    > {
        let mut builder =
            ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningSatisfiableFinding::builder(
            );
        builder = builder.set_translation(
            self.translation
                .map(GuardrailAutomatedReasoningTranslation::into_sdk)
                .transpose()?,
        );
        builder = builder.set_claims_true_scenario(
            self.claims_true_scenario
                .map(GuardrailAutomatedReasoningScenario::into_sdk)
                .transpose()?,
        );
        builder = builder.set_claims_false_scenario(
            self.claims_false_scenario
                .map(GuardrailAutomatedReasoningScenario::into_sdk)
                .transpose()?,
        );
        builder = builder.set_logic_warning(
            self.logic_warning
                .map(GuardrailAutomatedReasoningLogicWarning::into_sdk)
                .transpose()?,
        );
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::GuardrailAutomatedReasoningSatisfiableFinding`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningSatisfiableFinding,
    ) -> Result<Self, WireError> {
        let translation = value
            .translation
            .map(GuardrailAutomatedReasoningTranslation::from_sdk)
            .transpose()?;
        let claims_true_scenario = value
            .claims_true_scenario
            .map(GuardrailAutomatedReasoningScenario::from_sdk)
            .transpose()?;
        let claims_false_scenario = value
            .claims_false_scenario
            .map(GuardrailAutomatedReasoningScenario::from_sdk)
            .transpose()?;
        let logic_warning = value
            .logic_warning
            .map(GuardrailAutomatedReasoningLogicWarning::from_sdk)
            .transpose()?;
        Ok(Self {
            translation,
            claims_true_scenario,
            claims_false_scenario,
            logic_warning,
        })
    }
}

/// botocore's `GuardrailAutomatedReasoningScenario` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailAutomatedReasoningScenario {
    #[serde(
        rename = "statements",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub statements: Option<Vec<GuardrailAutomatedReasoningStatement>>,
}

impl GuardrailAutomatedReasoningScenario {
    /// Converts to the SDK's `types::GuardrailAutomatedReasoningScenario`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningScenario, WireError>
    {
        let mut builder =
            ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningScenario::builder();
        builder = builder.set_statements(
            self.statements
                .map(|v0| {
                    v0.into_iter()
                        .map(GuardrailAutomatedReasoningStatement::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::GuardrailAutomatedReasoningScenario`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningScenario,
    ) -> Result<Self, WireError> {
        let statements = value
            .statements
            .map(|v0| {
                v0.into_iter()
                    .map(GuardrailAutomatedReasoningStatement::from_sdk)
                    .collect::<Result<Vec<_>, WireError>>()
            })
            .transpose()?;
        Ok(Self { statements })
    }
}

/// botocore's `GuardrailAutomatedReasoningStatement` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailAutomatedReasoningStatement {
    #[serde(rename = "logic", default, skip_serializing_if = "Option::is_none")]
    pub logic: Option<String>,
    #[serde(
        rename = "naturalLanguage",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub natural_language: Option<String>,
}

impl GuardrailAutomatedReasoningStatement {
    /// Converts to the SDK's `types::GuardrailAutomatedReasoningStatement`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningStatement, WireError>
    {
        let mut builder =
            ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningStatement::builder();
        builder = builder.set_logic(self.logic);
        builder = builder.set_natural_language(self.natural_language);
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::GuardrailAutomatedReasoningStatement`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningStatement,
    ) -> Result<Self, WireError> {
        let logic = value.logic;
        let natural_language = value.natural_language;
        Ok(Self {
            logic,
            natural_language,
        })
    }
}

/// botocore's `GuardrailAutomatedReasoningTooComplexFinding` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailAutomatedReasoningTooComplexFinding {}

impl GuardrailAutomatedReasoningTooComplexFinding {
    /// Converts to the SDK's `types::GuardrailAutomatedReasoningTooComplexFinding`.
    pub fn into_sdk(
        self,
    ) -> Result<
        ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningTooComplexFinding,
        WireError,
    > {
        let builder =
            ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningTooComplexFinding::builder(
            );
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::GuardrailAutomatedReasoningTooComplexFinding`, moving its fields.
    pub fn from_sdk(
        _value: ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningTooComplexFinding,
    ) -> Result<Self, WireError> {
        Ok(Self {})
    }
}

/// botocore's `GuardrailAutomatedReasoningTranslation` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailAutomatedReasoningTranslation {
    #[serde(rename = "premises", default, skip_serializing_if = "Option::is_none")]
    pub premises: Option<Vec<GuardrailAutomatedReasoningStatement>>,
    #[serde(rename = "claims", default, skip_serializing_if = "Option::is_none")]
    pub claims: Option<Vec<GuardrailAutomatedReasoningStatement>>,
    #[serde(
        rename = "untranslatedPremises",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub untranslated_premises: Option<Vec<GuardrailAutomatedReasoningInputTextReference>>,
    #[serde(
        rename = "untranslatedClaims",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub untranslated_claims: Option<Vec<GuardrailAutomatedReasoningInputTextReference>>,
    #[serde(
        rename = "confidence",
        default,
        deserialize_with = "check_guardrail_automated_reasoning_translation_confidence",
        skip_serializing_if = "Option::is_none"
    )]
    pub confidence: Option<f64>,
}

impl GuardrailAutomatedReasoningTranslation {
    /// Converts to the SDK's `types::GuardrailAutomatedReasoningTranslation`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningTranslation, WireError>
    {
        let mut builder =
            ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningTranslation::builder();
        builder = builder.set_premises(
            self.premises
                .map(|v0| {
                    v0.into_iter()
                        .map(GuardrailAutomatedReasoningStatement::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        builder = builder.set_claims(
            self.claims
                .map(|v0| {
                    v0.into_iter()
                        .map(GuardrailAutomatedReasoningStatement::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        builder = builder.set_untranslated_premises(
            self.untranslated_premises
                .map(|v0| {
                    v0.into_iter()
                        .map(GuardrailAutomatedReasoningInputTextReference::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        builder = builder.set_untranslated_claims(
            self.untranslated_claims
                .map(|v0| {
                    v0.into_iter()
                        .map(GuardrailAutomatedReasoningInputTextReference::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        builder = builder.set_confidence(self.confidence);
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::GuardrailAutomatedReasoningTranslation`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningTranslation,
    ) -> Result<Self, WireError> {
        let premises = value
            .premises
            .map(|v0| {
                v0.into_iter()
                    .map(GuardrailAutomatedReasoningStatement::from_sdk)
                    .collect::<Result<Vec<_>, WireError>>()
            })
            .transpose()?;
        let claims = value
            .claims
            .map(|v0| {
                v0.into_iter()
                    .map(GuardrailAutomatedReasoningStatement::from_sdk)
                    .collect::<Result<Vec<_>, WireError>>()
            })
            .transpose()?;
        let untranslated_premises = value
            .untranslated_premises
            .map(|v0| {
                v0.into_iter()
                    .map(GuardrailAutomatedReasoningInputTextReference::from_sdk)
                    .collect::<Result<Vec<_>, WireError>>()
            })
            .transpose()?;
        let untranslated_claims = value
            .untranslated_claims
            .map(|v0| {
                v0.into_iter()
                    .map(GuardrailAutomatedReasoningInputTextReference::from_sdk)
                    .collect::<Result<Vec<_>, WireError>>()
            })
            .transpose()?;
        let confidence = value.confidence;
        Ok(Self {
            premises,
            claims,
            untranslated_premises,
            untranslated_claims,
            confidence,
        })
    }
}

/// botocore's `GuardrailAutomatedReasoningTranslationAmbiguousFinding` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailAutomatedReasoningTranslationAmbiguousFinding {
    #[serde(rename = "options", default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<GuardrailAutomatedReasoningTranslationOption>>,
    #[serde(
        rename = "differenceScenarios",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub difference_scenarios: Option<Vec<GuardrailAutomatedReasoningScenario>>,
}

impl GuardrailAutomatedReasoningTranslationAmbiguousFinding {
    /// Converts to the SDK's `types::GuardrailAutomatedReasoningTranslationAmbiguousFinding`.
    pub fn into_sdk(
        self,
    ) -> Result<
        ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningTranslationAmbiguousFinding,
        WireError,
    > {
        let mut builder = ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningTranslationAmbiguousFinding::builder();
        builder = builder.set_options(
            self.options
                .map(|v0| {
                    v0.into_iter()
                        .map(GuardrailAutomatedReasoningTranslationOption::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        builder = builder.set_difference_scenarios(
            self.difference_scenarios
                .map(|v0| {
                    v0.into_iter()
                        .map(GuardrailAutomatedReasoningScenario::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::GuardrailAutomatedReasoningTranslationAmbiguousFinding`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningTranslationAmbiguousFinding,
    ) -> Result<Self, WireError> {
        let options = value
            .options
            .map(|v0| {
                v0.into_iter()
                    .map(GuardrailAutomatedReasoningTranslationOption::from_sdk)
                    .collect::<Result<Vec<_>, WireError>>()
            })
            .transpose()?;
        let difference_scenarios = value
            .difference_scenarios
            .map(|v0| {
                v0.into_iter()
                    .map(GuardrailAutomatedReasoningScenario::from_sdk)
                    .collect::<Result<Vec<_>, WireError>>()
            })
            .transpose()?;
        Ok(Self {
            options,
            difference_scenarios,
        })
    }
}

/// botocore's `GuardrailAutomatedReasoningTranslationOption` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailAutomatedReasoningTranslationOption {
    #[serde(
        rename = "translations",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub translations: Option<Vec<GuardrailAutomatedReasoningTranslation>>,
}

impl GuardrailAutomatedReasoningTranslationOption {
    /// Converts to the SDK's `types::GuardrailAutomatedReasoningTranslationOption`.
    pub fn into_sdk(
        self,
    ) -> Result<
        ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningTranslationOption,
        WireError,
    > {
        let mut builder =
            ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningTranslationOption::builder(
            );
        builder = builder.set_translations(
            self.translations
                .map(|v0| {
                    v0.into_iter()
                        .map(GuardrailAutomatedReasoningTranslation::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::GuardrailAutomatedReasoningTranslationOption`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningTranslationOption,
    ) -> Result<Self, WireError> {
        let translations = value
            .translations
            .map(|v0| {
                v0.into_iter()
                    .map(GuardrailAutomatedReasoningTranslation::from_sdk)
                    .collect::<Result<Vec<_>, WireError>>()
            })
            .transpose()?;
        Ok(Self { translations })
    }
}

/// botocore's `GuardrailAutomatedReasoningValidFinding` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailAutomatedReasoningValidFinding {
    #[serde(
        rename = "translation",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub translation: Option<GuardrailAutomatedReasoningTranslation>,
    #[serde(
        rename = "claimsTrueScenario",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub claims_true_scenario: Option<GuardrailAutomatedReasoningScenario>,
    #[serde(
        rename = "supportingRules",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub supporting_rules: Option<Vec<GuardrailAutomatedReasoningRule>>,
    #[serde(
        rename = "logicWarning",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub logic_warning: Option<GuardrailAutomatedReasoningLogicWarning>,
}

impl GuardrailAutomatedReasoningValidFinding {
    /// Converts to the SDK's `types::GuardrailAutomatedReasoningValidFinding`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningValidFinding, WireError>
    {
        let mut builder =
            ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningValidFinding::builder();
        builder = builder.set_translation(
            self.translation
                .map(GuardrailAutomatedReasoningTranslation::into_sdk)
                .transpose()?,
        );
        builder = builder.set_claims_true_scenario(
            self.claims_true_scenario
                .map(GuardrailAutomatedReasoningScenario::into_sdk)
                .transpose()?,
        );
        builder = builder.set_supporting_rules(
            self.supporting_rules
                .map(|v0| {
                    v0.into_iter()
                        .map(GuardrailAutomatedReasoningRule::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        builder = builder.set_logic_warning(
            self.logic_warning
                .map(GuardrailAutomatedReasoningLogicWarning::into_sdk)
                .transpose()?,
        );
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::GuardrailAutomatedReasoningValidFinding`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailAutomatedReasoningValidFinding,
    ) -> Result<Self, WireError> {
        let translation = value
            .translation
            .map(GuardrailAutomatedReasoningTranslation::from_sdk)
            .transpose()?;
        let claims_true_scenario = value
            .claims_true_scenario
            .map(GuardrailAutomatedReasoningScenario::from_sdk)
            .transpose()?;
        let supporting_rules = value
            .supporting_rules
            .map(|v0| {
                v0.into_iter()
                    .map(GuardrailAutomatedReasoningRule::from_sdk)
                    .collect::<Result<Vec<_>, WireError>>()
            })
            .transpose()?;
        let logic_warning = value
            .logic_warning
            .map(GuardrailAutomatedReasoningLogicWarning::from_sdk)
            .transpose()?;
        Ok(Self {
            translation,
            claims_true_scenario,
            supporting_rules,
            logic_warning,
        })
    }
}

/// botocore's `GuardrailConfiguration` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailConfiguration {
    #[serde(
        rename = "guardrailIdentifier",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub guardrail_identifier: Option<String>,
    #[serde(
        rename = "guardrailVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub guardrail_version: Option<String>,
    #[serde(rename = "trace", default, skip_serializing_if = "Option::is_none")]
    pub trace: Option<String>,
}

impl GuardrailConfiguration {
    /// Converts to the SDK's `types::GuardrailConfiguration`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::GuardrailConfiguration, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::GuardrailConfiguration::builder();
        builder = builder.set_guardrail_identifier(self.guardrail_identifier);
        builder = builder.set_guardrail_version(self.guardrail_version);
        builder = builder.set_trace(
            self.trace
                .map(|v0| ::aws_sdk_bedrockruntime::types::GuardrailTrace::from(v0.as_str())),
        );
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::GuardrailConfiguration`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailConfiguration,
    ) -> Result<Self, WireError> {
        let guardrail_identifier = Some(value.guardrail_identifier);
        let guardrail_version = Some(value.guardrail_version);
        let trace = Some(value.trace.as_str().to_owned());
        Ok(Self {
            guardrail_identifier,
            guardrail_version,
            trace,
        })
    }
}

/// botocore's `GuardrailContentFilter` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailContentFilter {
    #[serde(rename = "type")]
    pub r#type: String,
    #[serde(rename = "confidence")]
    pub confidence: String,
    #[serde(
        rename = "filterStrength",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub filter_strength: Option<String>,
    #[serde(rename = "action")]
    pub action: String,
    #[serde(rename = "detected", default, skip_serializing_if = "Option::is_none")]
    pub detected: Option<bool>,
}

impl GuardrailContentFilter {
    /// Converts to the SDK's `types::GuardrailContentFilter`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::GuardrailContentFilter, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::GuardrailContentFilter::builder();
        builder = builder.set_type(Some(
            ::aws_sdk_bedrockruntime::types::GuardrailContentFilterType::from(self.r#type.as_str()),
        ));
        builder = builder.set_confidence(Some(
            ::aws_sdk_bedrockruntime::types::GuardrailContentFilterConfidence::from(
                self.confidence.as_str(),
            ),
        ));
        builder = builder.set_filter_strength(self.filter_strength.map(|v0| {
            ::aws_sdk_bedrockruntime::types::GuardrailContentFilterStrength::from(v0.as_str())
        }));
        builder = builder.set_action(Some(
            ::aws_sdk_bedrockruntime::types::GuardrailContentPolicyAction::from(
                self.action.as_str(),
            ),
        ));
        builder = builder.set_detected(self.detected);
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::GuardrailContentFilter`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailContentFilter,
    ) -> Result<Self, WireError> {
        let r#type = value.r#type.as_str().to_owned();
        let confidence = value.confidence.as_str().to_owned();
        let filter_strength = value.filter_strength.map(|v0| v0.as_str().to_owned());
        let action = value.action.as_str().to_owned();
        let detected = value.detected;
        Ok(Self {
            r#type,
            confidence,
            filter_strength,
            action,
            detected,
        })
    }
}

/// botocore's `GuardrailContentPolicyAssessment` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailContentPolicyAssessment {
    #[serde(rename = "filters")]
    pub filters: Vec<GuardrailContentFilter>,
}

impl GuardrailContentPolicyAssessment {
    /// Converts to the SDK's `types::GuardrailContentPolicyAssessment`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::GuardrailContentPolicyAssessment, WireError> {
        let mut builder =
            ::aws_sdk_bedrockruntime::types::GuardrailContentPolicyAssessment::builder();
        builder = builder.set_filters(Some(
            self.filters
                .into_iter()
                .map(GuardrailContentFilter::into_sdk)
                .collect::<Result<Vec<_>, WireError>>()?,
        ));
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::GuardrailContentPolicyAssessment`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailContentPolicyAssessment,
    ) -> Result<Self, WireError> {
        let filters = value
            .filters
            .into_iter()
            .map(GuardrailContentFilter::from_sdk)
            .collect::<Result<Vec<_>, WireError>>()?;
        Ok(Self { filters })
    }
}

/// botocore's `GuardrailContextualGroundingFilter` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailContextualGroundingFilter {
    #[serde(rename = "type")]
    pub r#type: String,
    #[serde(
        rename = "threshold",
        deserialize_with = "check_guardrail_contextual_grounding_filter_threshold"
    )]
    pub threshold: f64,
    #[serde(
        rename = "score",
        deserialize_with = "check_guardrail_contextual_grounding_filter_score"
    )]
    pub score: f64,
    #[serde(rename = "action")]
    pub action: String,
    #[serde(rename = "detected", default, skip_serializing_if = "Option::is_none")]
    pub detected: Option<bool>,
}

impl GuardrailContextualGroundingFilter {
    /// Converts to the SDK's `types::GuardrailContextualGroundingFilter`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::GuardrailContextualGroundingFilter, WireError>
    {
        let mut builder =
            ::aws_sdk_bedrockruntime::types::GuardrailContextualGroundingFilter::builder();
        builder = builder.set_type(Some(
            ::aws_sdk_bedrockruntime::types::GuardrailContextualGroundingFilterType::from(
                self.r#type.as_str(),
            ),
        ));
        builder = builder.set_threshold(Some(self.threshold));
        builder = builder.set_score(Some(self.score));
        builder = builder.set_action(Some(
            ::aws_sdk_bedrockruntime::types::GuardrailContextualGroundingPolicyAction::from(
                self.action.as_str(),
            ),
        ));
        builder = builder.set_detected(self.detected);
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::GuardrailContextualGroundingFilter`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailContextualGroundingFilter,
    ) -> Result<Self, WireError> {
        let r#type = value.r#type.as_str().to_owned();
        let threshold = value.threshold;
        let score = value.score;
        let action = value.action.as_str().to_owned();
        let detected = value.detected;
        Ok(Self {
            r#type,
            threshold,
            score,
            action,
            detected,
        })
    }
}

/// botocore's `GuardrailContextualGroundingPolicyAssessment` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailContextualGroundingPolicyAssessment {
    #[serde(rename = "filters", default, skip_serializing_if = "Option::is_none")]
    pub filters: Option<Vec<GuardrailContextualGroundingFilter>>,
}

impl GuardrailContextualGroundingPolicyAssessment {
    /// Converts to the SDK's `types::GuardrailContextualGroundingPolicyAssessment`.
    pub fn into_sdk(
        self,
    ) -> Result<
        ::aws_sdk_bedrockruntime::types::GuardrailContextualGroundingPolicyAssessment,
        WireError,
    > {
        let mut builder =
            ::aws_sdk_bedrockruntime::types::GuardrailContextualGroundingPolicyAssessment::builder(
            );
        builder = builder.set_filters(
            self.filters
                .map(|v0| {
                    v0.into_iter()
                        .map(GuardrailContextualGroundingFilter::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::GuardrailContextualGroundingPolicyAssessment`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailContextualGroundingPolicyAssessment,
    ) -> Result<Self, WireError> {
        let filters = value
            .filters
            .map(|v0| {
                v0.into_iter()
                    .map(GuardrailContextualGroundingFilter::from_sdk)
                    .collect::<Result<Vec<_>, WireError>>()
            })
            .transpose()?;
        Ok(Self { filters })
    }
}

/// botocore's union `GuardrailConverseContentBlock` in boto3's dict layout: exactly one member.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum GuardrailConverseContentBlock {
    #[serde(rename = "text")]
    Text(GuardrailConverseTextBlock),
    #[serde(rename = "image")]
    Image(GuardrailConverseImageBlock),
}

impl GuardrailConverseContentBlock {
    /// Converts to the SDK's `types::GuardrailConverseContentBlock`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::GuardrailConverseContentBlock, WireError> {
        use ::aws_sdk_bedrockruntime::types::GuardrailConverseContentBlock as Sdk;
        Ok(match self {
            Self::Text(v) => Sdk::Text(GuardrailConverseTextBlock::into_sdk(v)?),
            Self::Image(v) => Sdk::Image(GuardrailConverseImageBlock::into_sdk(v)?),
        })
    }
    /// Converts from the SDK's `types::GuardrailConverseContentBlock`; its `Unknown` member is an error.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailConverseContentBlock,
    ) -> Result<Self, WireError> {
        use ::aws_sdk_bedrockruntime::types::GuardrailConverseContentBlock as Sdk;
        Ok(match value {
            Sdk::Text(v) => Self::Text(GuardrailConverseTextBlock::from_sdk(v)?),
            Sdk::Image(v) => Self::Image(GuardrailConverseImageBlock::from_sdk(v)?),
            _ => {
                return Err(WireError::UnknownUnionMember {
                    shape: "GuardrailConverseContentBlock",
                })
            }
        })
    }
}

/// botocore's `GuardrailConverseImageBlock` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailConverseImageBlock {
    #[serde(rename = "format")]
    pub format: String,
    #[serde(
        rename = "source",
        deserialize_with = "crate::wire::required",
        skip_serializing_if = "Option::is_none"
    )]
    pub source: Option<GuardrailConverseImageSource>,
}

impl GuardrailConverseImageBlock {
    /// Converts to the SDK's `types::GuardrailConverseImageBlock`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::GuardrailConverseImageBlock, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::GuardrailConverseImageBlock::builder();
        builder = builder.set_format(Some(
            ::aws_sdk_bedrockruntime::types::GuardrailConverseImageFormat::from(
                self.format.as_str(),
            ),
        ));
        builder = builder.set_source(
            self.source
                .map(GuardrailConverseImageSource::into_sdk)
                .transpose()?,
        );
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::GuardrailConverseImageBlock`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailConverseImageBlock,
    ) -> Result<Self, WireError> {
        let format = value.format.as_str().to_owned();
        let source = value
            .source
            .map(GuardrailConverseImageSource::from_sdk)
            .transpose()?;
        Ok(Self { format, source })
    }
}

/// botocore's union `GuardrailConverseImageSource` in boto3's dict layout: exactly one member.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum GuardrailConverseImageSource {
    #[serde(rename = "bytes")]
    Bytes(crate::wire::Blob),
}

impl GuardrailConverseImageSource {
    /// Converts to the SDK's `types::GuardrailConverseImageSource`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::GuardrailConverseImageSource, WireError> {
        use ::aws_sdk_bedrockruntime::types::GuardrailConverseImageSource as Sdk;
        Ok(match self {
            Self::Bytes(v) => Sdk::Bytes(crate::wire::Blob::into_sdk(v)),
        })
    }
    /// Converts from the SDK's `types::GuardrailConverseImageSource`; its `Unknown` member is an error.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailConverseImageSource,
    ) -> Result<Self, WireError> {
        use ::aws_sdk_bedrockruntime::types::GuardrailConverseImageSource as Sdk;
        Ok(match value {
            Sdk::Bytes(v) => Self::Bytes(crate::wire::Blob::from_sdk(v)),
            _ => {
                return Err(WireError::UnknownUnionMember {
                    shape: "GuardrailConverseImageSource",
                })
            }
        })
    }
}

/// botocore's `GuardrailConverseTextBlock` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailConverseTextBlock {
    #[serde(rename = "text")]
    pub text: String,
    #[serde(
        rename = "qualifiers",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub qualifiers: Option<Vec<String>>,
}

impl GuardrailConverseTextBlock {
    /// Converts to the SDK's `types::GuardrailConverseTextBlock`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::GuardrailConverseTextBlock, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::GuardrailConverseTextBlock::builder();
        builder = builder.set_text(Some(self.text));
        builder = builder.set_qualifiers(self.qualifiers.map(|v0| {
            v0.into_iter()
                .map(|v2| {
                    ::aws_sdk_bedrockruntime::types::GuardrailConverseContentQualifier::from(
                        v2.as_str(),
                    )
                })
                .collect::<Vec<_>>()
        }));
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::GuardrailConverseTextBlock`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailConverseTextBlock,
    ) -> Result<Self, WireError> {
        let text = value.text;
        let qualifiers = value.qualifiers.map(|v0| {
            v0.into_iter()
                .map(|v2| v2.as_str().to_owned())
                .collect::<Vec<_>>()
        });
        Ok(Self { text, qualifiers })
    }
}

/// botocore's `GuardrailCoverage` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailCoverage {
    #[serde(
        rename = "textCharacters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub text_characters: Option<GuardrailTextCharactersCoverage>,
    #[serde(rename = "images", default, skip_serializing_if = "Option::is_none")]
    pub images: Option<GuardrailImageCoverage>,
}

impl GuardrailCoverage {
    /// Converts to the SDK's `types::GuardrailCoverage`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::GuardrailCoverage, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::GuardrailCoverage::builder();
        builder = builder.set_text_characters(
            self.text_characters
                .map(GuardrailTextCharactersCoverage::into_sdk)
                .transpose()?,
        );
        builder = builder.set_images(
            self.images
                .map(GuardrailImageCoverage::into_sdk)
                .transpose()?,
        );
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::GuardrailCoverage`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailCoverage,
    ) -> Result<Self, WireError> {
        let text_characters = value
            .text_characters
            .map(GuardrailTextCharactersCoverage::from_sdk)
            .transpose()?;
        let images = value
            .images
            .map(GuardrailImageCoverage::from_sdk)
            .transpose()?;
        Ok(Self {
            text_characters,
            images,
        })
    }
}

/// botocore's `GuardrailCustomWord` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailCustomWord {
    #[serde(rename = "match")]
    pub r#match: String,
    #[serde(rename = "action")]
    pub action: String,
    #[serde(rename = "detected", default, skip_serializing_if = "Option::is_none")]
    pub detected: Option<bool>,
}

impl GuardrailCustomWord {
    /// Converts to the SDK's `types::GuardrailCustomWord`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::GuardrailCustomWord, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::GuardrailCustomWord::builder();
        builder = builder.set_match(Some(self.r#match));
        builder = builder.set_action(Some(
            ::aws_sdk_bedrockruntime::types::GuardrailWordPolicyAction::from(self.action.as_str()),
        ));
        builder = builder.set_detected(self.detected);
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::GuardrailCustomWord`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailCustomWord,
    ) -> Result<Self, WireError> {
        let r#match = value.r#match;
        let action = value.action.as_str().to_owned();
        let detected = value.detected;
        Ok(Self {
            r#match,
            action,
            detected,
        })
    }
}

/// botocore's `GuardrailImageCoverage` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailImageCoverage {
    #[serde(rename = "guarded", default, skip_serializing_if = "Option::is_none")]
    pub guarded: Option<i32>,
    #[serde(rename = "total", default, skip_serializing_if = "Option::is_none")]
    pub total: Option<i32>,
}

impl GuardrailImageCoverage {
    /// Converts to the SDK's `types::GuardrailImageCoverage`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::GuardrailImageCoverage, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::GuardrailImageCoverage::builder();
        builder = builder.set_guarded(self.guarded);
        builder = builder.set_total(self.total);
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::GuardrailImageCoverage`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailImageCoverage,
    ) -> Result<Self, WireError> {
        let guarded = value.guarded;
        let total = value.total;
        Ok(Self { guarded, total })
    }
}

/// botocore's `GuardrailInvocationMetrics` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailInvocationMetrics {
    #[serde(
        rename = "guardrailProcessingLatency",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub guardrail_processing_latency: Option<i64>,
    #[serde(rename = "usage", default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<GuardrailUsage>,
    #[serde(
        rename = "guardrailCoverage",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub guardrail_coverage: Option<GuardrailCoverage>,
}

impl GuardrailInvocationMetrics {
    /// Converts to the SDK's `types::GuardrailInvocationMetrics`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::GuardrailInvocationMetrics, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::GuardrailInvocationMetrics::builder();
        builder = builder.set_guardrail_processing_latency(self.guardrail_processing_latency);
        builder = builder.set_usage(self.usage.map(GuardrailUsage::into_sdk).transpose()?);
        builder = builder.set_guardrail_coverage(
            self.guardrail_coverage
                .map(GuardrailCoverage::into_sdk)
                .transpose()?,
        );
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::GuardrailInvocationMetrics`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailInvocationMetrics,
    ) -> Result<Self, WireError> {
        let guardrail_processing_latency = value.guardrail_processing_latency;
        let usage = value.usage.map(GuardrailUsage::from_sdk).transpose()?;
        let guardrail_coverage = value
            .guardrail_coverage
            .map(GuardrailCoverage::from_sdk)
            .transpose()?;
        Ok(Self {
            guardrail_processing_latency,
            usage,
            guardrail_coverage,
        })
    }
}

/// botocore's `GuardrailManagedWord` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailManagedWord {
    #[serde(rename = "match")]
    pub r#match: String,
    #[serde(rename = "type")]
    pub r#type: String,
    #[serde(rename = "action")]
    pub action: String,
    #[serde(rename = "detected", default, skip_serializing_if = "Option::is_none")]
    pub detected: Option<bool>,
}

impl GuardrailManagedWord {
    /// Converts to the SDK's `types::GuardrailManagedWord`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::GuardrailManagedWord, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::GuardrailManagedWord::builder();
        builder = builder.set_match(Some(self.r#match));
        builder = builder.set_type(Some(
            ::aws_sdk_bedrockruntime::types::GuardrailManagedWordType::from(self.r#type.as_str()),
        ));
        builder = builder.set_action(Some(
            ::aws_sdk_bedrockruntime::types::GuardrailWordPolicyAction::from(self.action.as_str()),
        ));
        builder = builder.set_detected(self.detected);
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::GuardrailManagedWord`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailManagedWord,
    ) -> Result<Self, WireError> {
        let r#match = value.r#match;
        let r#type = value.r#type.as_str().to_owned();
        let action = value.action.as_str().to_owned();
        let detected = value.detected;
        Ok(Self {
            r#match,
            r#type,
            action,
            detected,
        })
    }
}

/// botocore's `GuardrailPiiEntityFilter` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailPiiEntityFilter {
    #[serde(rename = "match")]
    pub r#match: String,
    #[serde(rename = "type")]
    pub r#type: String,
    #[serde(rename = "action")]
    pub action: String,
    #[serde(rename = "detected", default, skip_serializing_if = "Option::is_none")]
    pub detected: Option<bool>,
}

impl GuardrailPiiEntityFilter {
    /// Converts to the SDK's `types::GuardrailPiiEntityFilter`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::GuardrailPiiEntityFilter, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::GuardrailPiiEntityFilter::builder();
        builder = builder.set_match(Some(self.r#match));
        builder = builder.set_type(Some(
            ::aws_sdk_bedrockruntime::types::GuardrailPiiEntityType::from(self.r#type.as_str()),
        ));
        builder = builder.set_action(Some(
            ::aws_sdk_bedrockruntime::types::GuardrailSensitiveInformationPolicyAction::from(
                self.action.as_str(),
            ),
        ));
        builder = builder.set_detected(self.detected);
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::GuardrailPiiEntityFilter`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailPiiEntityFilter,
    ) -> Result<Self, WireError> {
        let r#match = value.r#match;
        let r#type = value.r#type.as_str().to_owned();
        let action = value.action.as_str().to_owned();
        let detected = value.detected;
        Ok(Self {
            r#match,
            r#type,
            action,
            detected,
        })
    }
}

/// botocore's `GuardrailRegexFilter` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailRegexFilter {
    #[serde(rename = "name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(rename = "match", default, skip_serializing_if = "Option::is_none")]
    pub r#match: Option<String>,
    #[serde(rename = "regex", default, skip_serializing_if = "Option::is_none")]
    pub regex: Option<String>,
    #[serde(rename = "action")]
    pub action: String,
    #[serde(rename = "detected", default, skip_serializing_if = "Option::is_none")]
    pub detected: Option<bool>,
}

impl GuardrailRegexFilter {
    /// Converts to the SDK's `types::GuardrailRegexFilter`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::GuardrailRegexFilter, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::GuardrailRegexFilter::builder();
        builder = builder.set_name(self.name);
        builder = builder.set_match(self.r#match);
        builder = builder.set_regex(self.regex);
        builder = builder.set_action(Some(
            ::aws_sdk_bedrockruntime::types::GuardrailSensitiveInformationPolicyAction::from(
                self.action.as_str(),
            ),
        ));
        builder = builder.set_detected(self.detected);
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::GuardrailRegexFilter`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailRegexFilter,
    ) -> Result<Self, WireError> {
        let name = value.name;
        let r#match = value.r#match;
        let regex = value.regex;
        let action = value.action.as_str().to_owned();
        let detected = value.detected;
        Ok(Self {
            name,
            r#match,
            regex,
            action,
            detected,
        })
    }
}

/// botocore's `GuardrailSensitiveInformationPolicyAssessment` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailSensitiveInformationPolicyAssessment {
    #[serde(rename = "piiEntities")]
    pub pii_entities: Vec<GuardrailPiiEntityFilter>,
    #[serde(rename = "regexes")]
    pub regexes: Vec<GuardrailRegexFilter>,
}

impl GuardrailSensitiveInformationPolicyAssessment {
    /// Converts to the SDK's `types::GuardrailSensitiveInformationPolicyAssessment`.
    pub fn into_sdk(
        self,
    ) -> Result<
        ::aws_sdk_bedrockruntime::types::GuardrailSensitiveInformationPolicyAssessment,
        WireError,
    > {
        let mut builder =
            ::aws_sdk_bedrockruntime::types::GuardrailSensitiveInformationPolicyAssessment::builder(
            );
        builder = builder.set_pii_entities(Some(
            self.pii_entities
                .into_iter()
                .map(GuardrailPiiEntityFilter::into_sdk)
                .collect::<Result<Vec<_>, WireError>>()?,
        ));
        builder = builder.set_regexes(Some(
            self.regexes
                .into_iter()
                .map(GuardrailRegexFilter::into_sdk)
                .collect::<Result<Vec<_>, WireError>>()?,
        ));
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::GuardrailSensitiveInformationPolicyAssessment`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailSensitiveInformationPolicyAssessment,
    ) -> Result<Self, WireError> {
        let pii_entities = value
            .pii_entities
            .into_iter()
            .map(GuardrailPiiEntityFilter::from_sdk)
            .collect::<Result<Vec<_>, WireError>>()?;
        let regexes = value
            .regexes
            .into_iter()
            .map(GuardrailRegexFilter::from_sdk)
            .collect::<Result<Vec<_>, WireError>>()?;
        Ok(Self {
            pii_entities,
            regexes,
        })
    }
}

/// botocore's `GuardrailStreamConfiguration` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailStreamConfiguration {
    #[serde(
        rename = "guardrailIdentifier",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub guardrail_identifier: Option<String>,
    #[serde(
        rename = "guardrailVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub guardrail_version: Option<String>,
    #[serde(rename = "trace", default, skip_serializing_if = "Option::is_none")]
    pub trace: Option<String>,
    #[serde(
        rename = "streamProcessingMode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub stream_processing_mode: Option<String>,
}

impl GuardrailStreamConfiguration {
    /// Converts to the SDK's `types::GuardrailStreamConfiguration`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::GuardrailStreamConfiguration, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::GuardrailStreamConfiguration::builder();
        builder = builder.set_guardrail_identifier(self.guardrail_identifier);
        builder = builder.set_guardrail_version(self.guardrail_version);
        builder = builder.set_trace(
            self.trace
                .map(|v0| ::aws_sdk_bedrockruntime::types::GuardrailTrace::from(v0.as_str())),
        );
        builder = builder.set_stream_processing_mode(self.stream_processing_mode.map(|v0| {
            ::aws_sdk_bedrockruntime::types::GuardrailStreamProcessingMode::from(v0.as_str())
        }));
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::GuardrailStreamConfiguration`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailStreamConfiguration,
    ) -> Result<Self, WireError> {
        let guardrail_identifier = Some(value.guardrail_identifier);
        let guardrail_version = Some(value.guardrail_version);
        let trace = Some(value.trace.as_str().to_owned());
        let stream_processing_mode = Some(value.stream_processing_mode.as_str().to_owned());
        Ok(Self {
            guardrail_identifier,
            guardrail_version,
            trace,
            stream_processing_mode,
        })
    }
}

/// botocore's `GuardrailTextCharactersCoverage` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailTextCharactersCoverage {
    #[serde(rename = "guarded", default, skip_serializing_if = "Option::is_none")]
    pub guarded: Option<i32>,
    #[serde(rename = "total", default, skip_serializing_if = "Option::is_none")]
    pub total: Option<i32>,
}

impl GuardrailTextCharactersCoverage {
    /// Converts to the SDK's `types::GuardrailTextCharactersCoverage`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::GuardrailTextCharactersCoverage, WireError> {
        let mut builder =
            ::aws_sdk_bedrockruntime::types::GuardrailTextCharactersCoverage::builder();
        builder = builder.set_guarded(self.guarded);
        builder = builder.set_total(self.total);
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::GuardrailTextCharactersCoverage`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailTextCharactersCoverage,
    ) -> Result<Self, WireError> {
        let guarded = value.guarded;
        let total = value.total;
        Ok(Self { guarded, total })
    }
}

/// botocore's `GuardrailTopic` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailTopic {
    #[serde(rename = "name")]
    pub name: String,
    #[serde(rename = "type")]
    pub r#type: String,
    #[serde(rename = "action")]
    pub action: String,
    #[serde(rename = "detected", default, skip_serializing_if = "Option::is_none")]
    pub detected: Option<bool>,
}

impl GuardrailTopic {
    /// Converts to the SDK's `types::GuardrailTopic`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::GuardrailTopic, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::GuardrailTopic::builder();
        builder = builder.set_name(Some(self.name));
        builder = builder.set_type(Some(
            ::aws_sdk_bedrockruntime::types::GuardrailTopicType::from(self.r#type.as_str()),
        ));
        builder = builder.set_action(Some(
            ::aws_sdk_bedrockruntime::types::GuardrailTopicPolicyAction::from(self.action.as_str()),
        ));
        builder = builder.set_detected(self.detected);
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::GuardrailTopic`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailTopic,
    ) -> Result<Self, WireError> {
        let name = value.name;
        let r#type = value.r#type.as_str().to_owned();
        let action = value.action.as_str().to_owned();
        let detected = value.detected;
        Ok(Self {
            name,
            r#type,
            action,
            detected,
        })
    }
}

/// botocore's `GuardrailTopicPolicyAssessment` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailTopicPolicyAssessment {
    #[serde(rename = "topics")]
    pub topics: Vec<GuardrailTopic>,
}

impl GuardrailTopicPolicyAssessment {
    /// Converts to the SDK's `types::GuardrailTopicPolicyAssessment`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::GuardrailTopicPolicyAssessment, WireError> {
        let mut builder =
            ::aws_sdk_bedrockruntime::types::GuardrailTopicPolicyAssessment::builder();
        builder = builder.set_topics(Some(
            self.topics
                .into_iter()
                .map(GuardrailTopic::into_sdk)
                .collect::<Result<Vec<_>, WireError>>()?,
        ));
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::GuardrailTopicPolicyAssessment`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailTopicPolicyAssessment,
    ) -> Result<Self, WireError> {
        let topics = value
            .topics
            .into_iter()
            .map(GuardrailTopic::from_sdk)
            .collect::<Result<Vec<_>, WireError>>()?;
        Ok(Self { topics })
    }
}

/// botocore's `GuardrailTraceAssessment` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailTraceAssessment {
    #[serde(
        rename = "modelOutput",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub model_output: Option<Vec<String>>,
    #[serde(
        rename = "inputAssessment",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub input_assessment: Option<HashMap<String, GuardrailAssessment>>,
    #[serde(
        rename = "outputAssessments",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub output_assessments: Option<HashMap<String, Vec<GuardrailAssessment>>>,
    #[serde(
        rename = "actionReason",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub action_reason: Option<String>,
}

impl GuardrailTraceAssessment {
    /// Converts to the SDK's `types::GuardrailTraceAssessment`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::GuardrailTraceAssessment, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::GuardrailTraceAssessment::builder();
        builder = builder.set_model_output(self.model_output);
        builder = builder.set_input_assessment(
            self.input_assessment
                .map(|v0| {
                    v0.into_iter()
                        .map(|(k1, v1)| GuardrailAssessment::into_sdk(v1).map(|x1| (k1, x1)))
                        .collect::<Result<HashMap<_, _>, WireError>>()
                })
                .transpose()?,
        );
        builder = builder.set_output_assessments(
            self.output_assessments
                .map(|v0| {
                    v0.into_iter()
                        .map(|(k1, v1)| {
                            v1.into_iter()
                                .map(GuardrailAssessment::into_sdk)
                                .collect::<Result<Vec<_>, WireError>>()
                                .map(|x1| (k1, x1))
                        })
                        .collect::<Result<HashMap<_, _>, WireError>>()
                })
                .transpose()?,
        );
        builder = builder.set_action_reason(self.action_reason);
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::GuardrailTraceAssessment`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailTraceAssessment,
    ) -> Result<Self, WireError> {
        let model_output = value.model_output;
        let input_assessment = value
            .input_assessment
            .map(|v0| {
                v0.into_iter()
                    .map(|(k1, v1)| GuardrailAssessment::from_sdk(v1).map(|x1| (k1, x1)))
                    .collect::<Result<HashMap<_, _>, WireError>>()
            })
            .transpose()?;
        let output_assessments = value
            .output_assessments
            .map(|v0| {
                v0.into_iter()
                    .map(|(k1, v1)| {
                        v1.into_iter()
                            .map(GuardrailAssessment::from_sdk)
                            .collect::<Result<Vec<_>, WireError>>()
                            .map(|x1| (k1, x1))
                    })
                    .collect::<Result<HashMap<_, _>, WireError>>()
            })
            .transpose()?;
        let action_reason = value.action_reason;
        Ok(Self {
            model_output,
            input_assessment,
            output_assessments,
            action_reason,
        })
    }
}

/// botocore's `GuardrailUsage` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailUsage {
    #[serde(rename = "topicPolicyUnits")]
    pub topic_policy_units: i32,
    #[serde(rename = "contentPolicyUnits")]
    pub content_policy_units: i32,
    #[serde(rename = "wordPolicyUnits")]
    pub word_policy_units: i32,
    #[serde(rename = "sensitiveInformationPolicyUnits")]
    pub sensitive_information_policy_units: i32,
    #[serde(rename = "sensitiveInformationPolicyFreeUnits")]
    pub sensitive_information_policy_free_units: i32,
    #[serde(rename = "contextualGroundingPolicyUnits")]
    pub contextual_grounding_policy_units: i32,
    #[serde(
        rename = "contentPolicyImageUnits",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub content_policy_image_units: Option<i32>,
    #[serde(
        rename = "automatedReasoningPolicyUnits",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub automated_reasoning_policy_units: Option<i32>,
    #[serde(
        rename = "automatedReasoningPolicies",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub automated_reasoning_policies: Option<i32>,
}

impl GuardrailUsage {
    /// Converts to the SDK's `types::GuardrailUsage`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::GuardrailUsage, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::GuardrailUsage::builder();
        builder = builder.set_topic_policy_units(Some(self.topic_policy_units));
        builder = builder.set_content_policy_units(Some(self.content_policy_units));
        builder = builder.set_word_policy_units(Some(self.word_policy_units));
        builder = builder
            .set_sensitive_information_policy_units(Some(self.sensitive_information_policy_units));
        builder = builder.set_sensitive_information_policy_free_units(Some(
            self.sensitive_information_policy_free_units,
        ));
        builder = builder
            .set_contextual_grounding_policy_units(Some(self.contextual_grounding_policy_units));
        builder = builder.set_content_policy_image_units(self.content_policy_image_units);
        builder =
            builder.set_automated_reasoning_policy_units(self.automated_reasoning_policy_units);
        builder = builder.set_automated_reasoning_policies(self.automated_reasoning_policies);
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::GuardrailUsage`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailUsage,
    ) -> Result<Self, WireError> {
        let topic_policy_units = value.topic_policy_units;
        let content_policy_units = value.content_policy_units;
        let word_policy_units = value.word_policy_units;
        let sensitive_information_policy_units = value.sensitive_information_policy_units;
        let sensitive_information_policy_free_units = value.sensitive_information_policy_free_units;
        let contextual_grounding_policy_units = value.contextual_grounding_policy_units;
        let content_policy_image_units = value.content_policy_image_units;
        let automated_reasoning_policy_units = value.automated_reasoning_policy_units;
        let automated_reasoning_policies = value.automated_reasoning_policies;
        Ok(Self {
            topic_policy_units,
            content_policy_units,
            word_policy_units,
            sensitive_information_policy_units,
            sensitive_information_policy_free_units,
            contextual_grounding_policy_units,
            content_policy_image_units,
            automated_reasoning_policy_units,
            automated_reasoning_policies,
        })
    }
}

/// botocore's `GuardrailWordPolicyAssessment` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardrailWordPolicyAssessment {
    #[serde(rename = "customWords")]
    pub custom_words: Vec<GuardrailCustomWord>,
    #[serde(rename = "managedWordLists")]
    pub managed_word_lists: Vec<GuardrailManagedWord>,
}

impl GuardrailWordPolicyAssessment {
    /// Converts to the SDK's `types::GuardrailWordPolicyAssessment`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::GuardrailWordPolicyAssessment, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::GuardrailWordPolicyAssessment::builder();
        builder = builder.set_custom_words(Some(
            self.custom_words
                .into_iter()
                .map(GuardrailCustomWord::into_sdk)
                .collect::<Result<Vec<_>, WireError>>()?,
        ));
        builder = builder.set_managed_word_lists(Some(
            self.managed_word_lists
                .into_iter()
                .map(GuardrailManagedWord::into_sdk)
                .collect::<Result<Vec<_>, WireError>>()?,
        ));
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::GuardrailWordPolicyAssessment`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::GuardrailWordPolicyAssessment,
    ) -> Result<Self, WireError> {
        let custom_words = value
            .custom_words
            .into_iter()
            .map(GuardrailCustomWord::from_sdk)
            .collect::<Result<Vec<_>, WireError>>()?;
        let managed_word_lists = value
            .managed_word_lists
            .into_iter()
            .map(GuardrailManagedWord::from_sdk)
            .collect::<Result<Vec<_>, WireError>>()?;
        Ok(Self {
            custom_words,
            managed_word_lists,
        })
    }
}

/// botocore's `ImageBlock` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImageBlock {
    #[serde(rename = "format")]
    pub format: String,
    #[serde(
        rename = "source",
        deserialize_with = "crate::wire::required",
        skip_serializing_if = "Option::is_none"
    )]
    pub source: Option<ImageSource>,
    #[serde(rename = "error", default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorBlock>,
}

impl ImageBlock {
    /// Converts to the SDK's `types::ImageBlock`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::ImageBlock, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::ImageBlock::builder();
        builder = builder.set_format(Some(::aws_sdk_bedrockruntime::types::ImageFormat::from(
            self.format.as_str(),
        )));
        builder = builder.set_source(self.source.map(ImageSource::into_sdk).transpose()?);
        builder = builder.set_error(self.error.map(ErrorBlock::into_sdk).transpose()?);
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::ImageBlock`, moving its fields.
    pub fn from_sdk(value: ::aws_sdk_bedrockruntime::types::ImageBlock) -> Result<Self, WireError> {
        let format = value.format.as_str().to_owned();
        let source = value.source.map(ImageSource::from_sdk).transpose()?;
        let error = value.error.map(ErrorBlock::from_sdk).transpose()?;
        Ok(Self {
            format,
            source,
            error,
        })
    }
}

/// botocore's `ImageBlockDelta` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImageBlockDelta {
    #[serde(rename = "source", default, skip_serializing_if = "Option::is_none")]
    pub source: Option<ImageSource>,
    #[serde(rename = "error", default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorBlock>,
}

impl ImageBlockDelta {
    /// Converts to the SDK's `types::ImageBlockDelta`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::ImageBlockDelta, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::ImageBlockDelta::builder();
        builder = builder.set_source(self.source.map(ImageSource::into_sdk).transpose()?);
        builder = builder.set_error(self.error.map(ErrorBlock::into_sdk).transpose()?);
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::ImageBlockDelta`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ImageBlockDelta,
    ) -> Result<Self, WireError> {
        let source = value.source.map(ImageSource::from_sdk).transpose()?;
        let error = value.error.map(ErrorBlock::from_sdk).transpose()?;
        Ok(Self { source, error })
    }
}

/// botocore's `ImageBlockStart` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImageBlockStart {
    #[serde(rename = "format")]
    pub format: String,
}

impl ImageBlockStart {
    /// Converts to the SDK's `types::ImageBlockStart`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::ImageBlockStart, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::ImageBlockStart::builder();
        builder = builder.set_format(Some(::aws_sdk_bedrockruntime::types::ImageFormat::from(
            self.format.as_str(),
        )));
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::ImageBlockStart`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ImageBlockStart,
    ) -> Result<Self, WireError> {
        let format = value.format.as_str().to_owned();
        Ok(Self { format })
    }
}

/// botocore's union `ImageSource` in boto3's dict layout: exactly one member.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ImageSource {
    #[serde(rename = "bytes")]
    Bytes(crate::wire::Blob),
    #[serde(rename = "s3Location")]
    S3Location(S3Location),
}

impl ImageSource {
    /// Converts to the SDK's `types::ImageSource`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::ImageSource, WireError> {
        use ::aws_sdk_bedrockruntime::types::ImageSource as Sdk;
        Ok(match self {
            Self::Bytes(v) => Sdk::Bytes(crate::wire::Blob::into_sdk(v)),
            Self::S3Location(v) => Sdk::S3Location(S3Location::into_sdk(v)?),
        })
    }
    /// Converts from the SDK's `types::ImageSource`; its `Unknown` member is an error.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ImageSource,
    ) -> Result<Self, WireError> {
        use ::aws_sdk_bedrockruntime::types::ImageSource as Sdk;
        Ok(match value {
            Sdk::Bytes(v) => Self::Bytes(crate::wire::Blob::from_sdk(v)),
            Sdk::S3Location(v) => Self::S3Location(S3Location::from_sdk(v)?),
            _ => {
                return Err(WireError::UnknownUnionMember {
                    shape: "ImageSource",
                })
            }
        })
    }
}

/// botocore's `InferenceConfiguration` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InferenceConfiguration {
    #[serde(
        rename = "maxTokens",
        default,
        deserialize_with = "check_inference_configuration_max_tokens",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_tokens: Option<i32>,
    #[serde(
        rename = "temperature",
        default,
        deserialize_with = "check_inference_configuration_temperature",
        skip_serializing_if = "Option::is_none"
    )]
    pub temperature: Option<f32>,
    #[serde(
        rename = "topP",
        default,
        deserialize_with = "check_inference_configuration_top_p",
        skip_serializing_if = "Option::is_none"
    )]
    pub top_p: Option<f32>,
    #[serde(
        rename = "stopSequences",
        default,
        deserialize_with = "check_inference_configuration_stop_sequences",
        skip_serializing_if = "Option::is_none"
    )]
    pub stop_sequences: Option<Vec<String>>,
}

impl InferenceConfiguration {
    /// Converts to the SDK's `types::InferenceConfiguration`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::InferenceConfiguration, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::InferenceConfiguration::builder();
        builder = builder.set_max_tokens(self.max_tokens);
        builder = builder.set_temperature(self.temperature);
        builder = builder.set_top_p(self.top_p);
        builder = builder.set_stop_sequences(self.stop_sequences);
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::InferenceConfiguration`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::InferenceConfiguration,
    ) -> Result<Self, WireError> {
        let max_tokens = value.max_tokens;
        let temperature = value.temperature;
        let top_p = value.top_p;
        let stop_sequences = value.stop_sequences;
        Ok(Self {
            max_tokens,
            temperature,
            top_p,
            stop_sequences,
        })
    }
}

/// botocore's `InternalServerException` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InternalServerException {
    #[serde(rename = "message", default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl InternalServerException {
    /// Converts to the SDK's `types::error::InternalServerException`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::error::InternalServerException, WireError> {
        let mut builder =
            ::aws_sdk_bedrockruntime::types::error::InternalServerException::builder();
        builder = builder.set_message(self.message);
        builder = builder.meta(
            ::aws_smithy_types::error::ErrorMetadata::builder()
                .code("InternalServerException")
                .build(),
        );
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::error::InternalServerException`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::error::InternalServerException,
    ) -> Result<Self, WireError> {
        let message = value.message;
        Ok(Self { message })
    }
}

/// botocore's `InvokeModelTokensRequest` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvokeModelTokensRequest {
    #[serde(rename = "body")]
    pub body: crate::wire::Blob,
}

impl InvokeModelTokensRequest {
    /// Converts to the SDK's `types::InvokeModelTokensRequest`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::InvokeModelTokensRequest, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::InvokeModelTokensRequest::builder();
        builder = builder.set_body(Some(crate::wire::Blob::into_sdk(self.body)));
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::InvokeModelTokensRequest`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::InvokeModelTokensRequest,
    ) -> Result<Self, WireError> {
        let body = crate::wire::Blob::from_sdk(value.body);
        Ok(Self { body })
    }
}

/// botocore's `JsonSchemaDefinition` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonSchemaDefinition {
    #[serde(rename = "schema")]
    pub schema: String,
    #[serde(rename = "name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(
        rename = "description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
}

impl JsonSchemaDefinition {
    /// Converts to the SDK's `types::JsonSchemaDefinition`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::JsonSchemaDefinition, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::JsonSchemaDefinition::builder();
        builder = builder.set_schema(Some(self.schema));
        builder = builder.set_name(self.name);
        builder = builder.set_description(self.description);
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::JsonSchemaDefinition`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::JsonSchemaDefinition,
    ) -> Result<Self, WireError> {
        let schema = value.schema;
        let name = value.name;
        let description = value.description;
        Ok(Self {
            schema,
            name,
            description,
        })
    }
}

/// botocore's `Message` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Message {
    #[serde(rename = "role")]
    pub role: String,
    #[serde(rename = "content")]
    pub content: Vec<ContentBlock>,
}

impl Message {
    /// Converts to the SDK's `types::Message`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::Message, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::Message::builder();
        builder = builder.set_role(Some(
            ::aws_sdk_bedrockruntime::types::ConversationRole::from(self.role.as_str()),
        ));
        builder = builder.set_content(Some(
            self.content
                .into_iter()
                .map(ContentBlock::into_sdk)
                .collect::<Result<Vec<_>, WireError>>()?,
        ));
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::Message`, moving its fields.
    pub fn from_sdk(value: ::aws_sdk_bedrockruntime::types::Message) -> Result<Self, WireError> {
        let role = value.role.as_str().to_owned();
        let content = value
            .content
            .into_iter()
            .map(ContentBlock::from_sdk)
            .collect::<Result<Vec<_>, WireError>>()?;
        Ok(Self { role, content })
    }
}

/// botocore's `MessageStartEvent` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageStartEvent {
    #[serde(rename = "role")]
    pub role: String,
}

impl MessageStartEvent {
    /// Converts to the SDK's `types::MessageStartEvent`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::MessageStartEvent, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::MessageStartEvent::builder();
        builder = builder.set_role(Some(
            ::aws_sdk_bedrockruntime::types::ConversationRole::from(self.role.as_str()),
        ));
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::MessageStartEvent`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::MessageStartEvent,
    ) -> Result<Self, WireError> {
        let role = value.role.as_str().to_owned();
        Ok(Self { role })
    }
}

/// botocore's `MessageStopEvent` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageStopEvent {
    #[serde(rename = "stopReason")]
    pub stop_reason: String,
    #[serde(
        rename = "additionalModelResponseFields",
        default,
        deserialize_with = "crate::wire::check::nullable",
        skip_serializing_if = "crate::wire::Document::is_absent"
    )]
    pub additional_model_response_fields: Option<crate::wire::Document>,
}

impl MessageStopEvent {
    /// Converts to the SDK's `types::MessageStopEvent`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::MessageStopEvent, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::MessageStopEvent::builder();
        builder = builder.set_stop_reason(Some(::aws_sdk_bedrockruntime::types::StopReason::from(
            self.stop_reason.as_str(),
        )));
        builder = builder.set_additional_model_response_fields(
            self.additional_model_response_fields
                .map(crate::wire::Document::into_sdk),
        );
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::MessageStopEvent`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::MessageStopEvent,
    ) -> Result<Self, WireError> {
        let stop_reason = value.stop_reason.as_str().to_owned();
        let additional_model_response_fields = value
            .additional_model_response_fields
            .map(crate::wire::Document::from_sdk);
        Ok(Self {
            stop_reason,
            additional_model_response_fields,
        })
    }
}

/// botocore's `ModelStreamErrorException` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelStreamErrorException {
    #[serde(rename = "message", default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(
        rename = "originalStatusCode",
        default,
        deserialize_with = "check_model_stream_error_exception_original_status_code",
        skip_serializing_if = "Option::is_none"
    )]
    pub original_status_code: Option<i32>,
    #[serde(
        rename = "originalMessage",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub original_message: Option<String>,
}

impl ModelStreamErrorException {
    /// Converts to the SDK's `types::error::ModelStreamErrorException`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::error::ModelStreamErrorException, WireError> {
        let mut builder =
            ::aws_sdk_bedrockruntime::types::error::ModelStreamErrorException::builder();
        builder = builder.set_message(self.message);
        builder = builder.set_original_status_code(self.original_status_code);
        builder = builder.set_original_message(self.original_message);
        builder = builder.meta(
            ::aws_smithy_types::error::ErrorMetadata::builder()
                .code("ModelStreamErrorException")
                .build(),
        );
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::error::ModelStreamErrorException`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::error::ModelStreamErrorException,
    ) -> Result<Self, WireError> {
        let message = value.message;
        let original_status_code = value.original_status_code;
        let original_message = value.original_message;
        Ok(Self {
            message,
            original_status_code,
            original_message,
        })
    }
}

/// botocore's `OutputConfig` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutputConfig {
    #[serde(
        rename = "textFormat",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub text_format: Option<OutputFormat>,
    #[serde(rename = "effort", default, skip_serializing_if = "Option::is_none")]
    pub effort: Option<String>,
}

impl OutputConfig {
    /// Converts to the SDK's `types::OutputConfig`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::OutputConfig, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::OutputConfig::builder();
        builder =
            builder.set_text_format(self.text_format.map(OutputFormat::into_sdk).transpose()?);
        builder = builder.set_effort(self.effort);
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::OutputConfig`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::OutputConfig,
    ) -> Result<Self, WireError> {
        let text_format = value.text_format.map(OutputFormat::from_sdk).transpose()?;
        let effort = value.effort;
        Ok(Self {
            text_format,
            effort,
        })
    }
}

/// botocore's `OutputFormat` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutputFormat {
    #[serde(rename = "type")]
    pub r#type: String,
    #[serde(
        rename = "structure",
        deserialize_with = "crate::wire::required",
        skip_serializing_if = "Option::is_none"
    )]
    pub structure: Option<OutputFormatStructure>,
}

impl OutputFormat {
    /// Converts to the SDK's `types::OutputFormat`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::OutputFormat, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::OutputFormat::builder();
        builder = builder.set_type(Some(
            ::aws_sdk_bedrockruntime::types::OutputFormatType::from(self.r#type.as_str()),
        ));
        builder = builder.set_structure(
            self.structure
                .map(OutputFormatStructure::into_sdk)
                .transpose()?,
        );
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::OutputFormat`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::OutputFormat,
    ) -> Result<Self, WireError> {
        let r#type = value.r#type.as_str().to_owned();
        let structure = value
            .structure
            .map(OutputFormatStructure::from_sdk)
            .transpose()?;
        Ok(Self { r#type, structure })
    }
}

/// botocore's union `OutputFormatStructure` in boto3's dict layout: exactly one member.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum OutputFormatStructure {
    #[serde(rename = "jsonSchema")]
    JsonSchema(JsonSchemaDefinition),
}

impl OutputFormatStructure {
    /// Converts to the SDK's `types::OutputFormatStructure`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::OutputFormatStructure, WireError> {
        use ::aws_sdk_bedrockruntime::types::OutputFormatStructure as Sdk;
        Ok(match self {
            Self::JsonSchema(v) => Sdk::JsonSchema(JsonSchemaDefinition::into_sdk(v)?),
        })
    }
    /// Converts from the SDK's `types::OutputFormatStructure`; its `Unknown` member is an error.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::OutputFormatStructure,
    ) -> Result<Self, WireError> {
        use ::aws_sdk_bedrockruntime::types::OutputFormatStructure as Sdk;
        Ok(match value {
            Sdk::JsonSchema(v) => Self::JsonSchema(JsonSchemaDefinition::from_sdk(v)?),
            _ => {
                return Err(WireError::UnknownUnionMember {
                    shape: "OutputFormatStructure",
                })
            }
        })
    }
}

/// botocore's `PerformanceConfiguration` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerformanceConfiguration {
    #[serde(rename = "latency", default, skip_serializing_if = "Option::is_none")]
    pub latency: Option<String>,
}

impl PerformanceConfiguration {
    /// Converts to the SDK's `types::PerformanceConfiguration`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::PerformanceConfiguration, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::PerformanceConfiguration::builder();
        builder = builder.set_latency(self.latency.map(|v0| {
            ::aws_sdk_bedrockruntime::types::PerformanceConfigLatency::from(v0.as_str())
        }));
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::PerformanceConfiguration`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::PerformanceConfiguration,
    ) -> Result<Self, WireError> {
        let latency = Some(value.latency.as_str().to_owned());
        Ok(Self { latency })
    }
}

/// botocore's `PromptRouterTrace` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PromptRouterTrace {
    #[serde(
        rename = "invokedModelId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub invoked_model_id: Option<String>,
}

impl PromptRouterTrace {
    /// Converts to the SDK's `types::PromptRouterTrace`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::PromptRouterTrace, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::PromptRouterTrace::builder();
        builder = builder.set_invoked_model_id(self.invoked_model_id);
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::PromptRouterTrace`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::PromptRouterTrace,
    ) -> Result<Self, WireError> {
        let invoked_model_id = value.invoked_model_id;
        Ok(Self { invoked_model_id })
    }
}

/// botocore's union `PromptVariableValues` in boto3's dict layout: exactly one member.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum PromptVariableValues {
    #[serde(rename = "text")]
    Text(String),
}

impl PromptVariableValues {
    /// Converts to the SDK's `types::PromptVariableValues`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::PromptVariableValues, WireError> {
        use ::aws_sdk_bedrockruntime::types::PromptVariableValues as Sdk;
        Ok(match self {
            Self::Text(v) => Sdk::Text(v),
        })
    }
    /// Converts from the SDK's `types::PromptVariableValues`; its `Unknown` member is an error.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::PromptVariableValues,
    ) -> Result<Self, WireError> {
        use ::aws_sdk_bedrockruntime::types::PromptVariableValues as Sdk;
        Ok(match value {
            Sdk::Text(v) => Self::Text(v),
            _ => {
                return Err(WireError::UnknownUnionMember {
                    shape: "PromptVariableValues",
                })
            }
        })
    }
}

/// botocore's union `ReasoningContentBlock` in boto3's dict layout: exactly one member.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ReasoningContentBlock {
    #[serde(rename = "reasoningText")]
    ReasoningText(ReasoningTextBlock),
    #[serde(rename = "redactedContent")]
    RedactedContent(crate::wire::Blob),
}

impl ReasoningContentBlock {
    /// Converts to the SDK's `types::ReasoningContentBlock`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::ReasoningContentBlock, WireError> {
        use ::aws_sdk_bedrockruntime::types::ReasoningContentBlock as Sdk;
        Ok(match self {
            Self::ReasoningText(v) => Sdk::ReasoningText(ReasoningTextBlock::into_sdk(v)?),
            Self::RedactedContent(v) => Sdk::RedactedContent(crate::wire::Blob::into_sdk(v)),
        })
    }
    /// Converts from the SDK's `types::ReasoningContentBlock`; its `Unknown` member is an error.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ReasoningContentBlock,
    ) -> Result<Self, WireError> {
        use ::aws_sdk_bedrockruntime::types::ReasoningContentBlock as Sdk;
        Ok(match value {
            Sdk::ReasoningText(v) => Self::ReasoningText(ReasoningTextBlock::from_sdk(v)?),
            Sdk::RedactedContent(v) => Self::RedactedContent(crate::wire::Blob::from_sdk(v)),
            _ => {
                return Err(WireError::UnknownUnionMember {
                    shape: "ReasoningContentBlock",
                })
            }
        })
    }
}

/// botocore's union `ReasoningContentBlockDelta` in boto3's dict layout: exactly one member.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ReasoningContentBlockDelta {
    #[serde(rename = "text")]
    Text(String),
    #[serde(rename = "redactedContent")]
    RedactedContent(crate::wire::Blob),
    #[serde(rename = "signature")]
    Signature(String),
}

impl ReasoningContentBlockDelta {
    /// Converts to the SDK's `types::ReasoningContentBlockDelta`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::ReasoningContentBlockDelta, WireError> {
        use ::aws_sdk_bedrockruntime::types::ReasoningContentBlockDelta as Sdk;
        Ok(match self {
            Self::Text(v) => Sdk::Text(v),
            Self::RedactedContent(v) => Sdk::RedactedContent(crate::wire::Blob::into_sdk(v)),
            Self::Signature(v) => Sdk::Signature(v),
        })
    }
    /// Converts from the SDK's `types::ReasoningContentBlockDelta`; its `Unknown` member is an error.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ReasoningContentBlockDelta,
    ) -> Result<Self, WireError> {
        use ::aws_sdk_bedrockruntime::types::ReasoningContentBlockDelta as Sdk;
        Ok(match value {
            Sdk::Text(v) => Self::Text(v),
            Sdk::RedactedContent(v) => Self::RedactedContent(crate::wire::Blob::from_sdk(v)),
            Sdk::Signature(v) => Self::Signature(v),
            _ => {
                return Err(WireError::UnknownUnionMember {
                    shape: "ReasoningContentBlockDelta",
                })
            }
        })
    }
}

/// botocore's `ReasoningTextBlock` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReasoningTextBlock {
    #[serde(rename = "text")]
    pub text: String,
    #[serde(rename = "signature", default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

impl ReasoningTextBlock {
    /// Converts to the SDK's `types::ReasoningTextBlock`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::ReasoningTextBlock, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::ReasoningTextBlock::builder();
        builder = builder.set_text(Some(self.text));
        builder = builder.set_signature(self.signature);
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::ReasoningTextBlock`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ReasoningTextBlock,
    ) -> Result<Self, WireError> {
        let text = value.text;
        let signature = value.signature;
        Ok(Self { text, signature })
    }
}

/// botocore's `S3Location` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct S3Location {
    #[serde(rename = "uri", deserialize_with = "check_s3_location_uri")]
    pub uri: String,
    #[serde(
        rename = "bucketOwner",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub bucket_owner: Option<String>,
}

impl S3Location {
    /// Converts to the SDK's `types::S3Location`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::S3Location, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::S3Location::builder();
        builder = builder.set_uri(Some(self.uri));
        builder = builder.set_bucket_owner(self.bucket_owner);
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::S3Location`, moving its fields.
    pub fn from_sdk(value: ::aws_sdk_bedrockruntime::types::S3Location) -> Result<Self, WireError> {
        let uri = value.uri;
        let bucket_owner = value.bucket_owner;
        Ok(Self { uri, bucket_owner })
    }
}

/// botocore's `SearchResultBlock` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchResultBlock {
    #[serde(rename = "source")]
    pub source: String,
    #[serde(rename = "title")]
    pub title: String,
    #[serde(rename = "content")]
    pub content: Vec<SearchResultContentBlock>,
    #[serde(rename = "citations", default, skip_serializing_if = "Option::is_none")]
    pub citations: Option<CitationsConfig>,
}

impl SearchResultBlock {
    /// Converts to the SDK's `types::SearchResultBlock`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::SearchResultBlock, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::SearchResultBlock::builder();
        builder = builder.set_source(Some(self.source));
        builder = builder.set_title(Some(self.title));
        builder = builder.set_content(Some(
            self.content
                .into_iter()
                .map(SearchResultContentBlock::into_sdk)
                .collect::<Result<Vec<_>, WireError>>()?,
        ));
        builder = builder.set_citations(self.citations.map(CitationsConfig::into_sdk).transpose()?);
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::SearchResultBlock`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::SearchResultBlock,
    ) -> Result<Self, WireError> {
        let source = value.source;
        let title = value.title;
        let content = value
            .content
            .into_iter()
            .map(SearchResultContentBlock::from_sdk)
            .collect::<Result<Vec<_>, WireError>>()?;
        let citations = value.citations.map(CitationsConfig::from_sdk).transpose()?;
        Ok(Self {
            source,
            title,
            content,
            citations,
        })
    }
}

/// botocore's `SearchResultContentBlock` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchResultContentBlock {
    #[serde(rename = "text")]
    pub text: String,
}

impl SearchResultContentBlock {
    /// Converts to the SDK's `types::SearchResultContentBlock`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::SearchResultContentBlock, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::SearchResultContentBlock::builder();
        builder = builder.set_text(Some(self.text));
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::SearchResultContentBlock`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::SearchResultContentBlock,
    ) -> Result<Self, WireError> {
        let text = value.text;
        Ok(Self { text })
    }
}

/// botocore's `SearchResultLocation` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchResultLocation {
    #[serde(
        rename = "searchResultIndex",
        default,
        deserialize_with = "check_search_result_location_search_result_index",
        skip_serializing_if = "Option::is_none"
    )]
    pub search_result_index: Option<i32>,
    #[serde(
        rename = "start",
        default,
        deserialize_with = "check_search_result_location_start",
        skip_serializing_if = "Option::is_none"
    )]
    pub start: Option<i32>,
    #[serde(
        rename = "end",
        default,
        deserialize_with = "check_search_result_location_end",
        skip_serializing_if = "Option::is_none"
    )]
    pub end: Option<i32>,
}

impl SearchResultLocation {
    /// Converts to the SDK's `types::SearchResultLocation`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::SearchResultLocation, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::SearchResultLocation::builder();
        builder = builder.set_search_result_index(self.search_result_index);
        builder = builder.set_start(self.start);
        builder = builder.set_end(self.end);
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::SearchResultLocation`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::SearchResultLocation,
    ) -> Result<Self, WireError> {
        let search_result_index = value.search_result_index;
        let start = value.start;
        let end = value.end;
        Ok(Self {
            search_result_index,
            start,
            end,
        })
    }
}

/// botocore's `ServiceTier` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceTier {
    #[serde(rename = "type")]
    pub r#type: String,
}

impl ServiceTier {
    /// Converts to the SDK's `types::ServiceTier`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::ServiceTier, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::ServiceTier::builder();
        builder = builder.set_type(Some(
            ::aws_sdk_bedrockruntime::types::ServiceTierType::from(self.r#type.as_str()),
        ));
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::ServiceTier`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ServiceTier,
    ) -> Result<Self, WireError> {
        let r#type = value.r#type.as_str().to_owned();
        Ok(Self { r#type })
    }
}

/// botocore's `ServiceUnavailableException` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceUnavailableException {
    #[serde(rename = "message", default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl ServiceUnavailableException {
    /// Converts to the SDK's `types::error::ServiceUnavailableException`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::error::ServiceUnavailableException, WireError>
    {
        let mut builder =
            ::aws_sdk_bedrockruntime::types::error::ServiceUnavailableException::builder();
        builder = builder.set_message(self.message);
        builder = builder.meta(
            ::aws_smithy_types::error::ErrorMetadata::builder()
                .code("ServiceUnavailableException")
                .build(),
        );
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::error::ServiceUnavailableException`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::error::ServiceUnavailableException,
    ) -> Result<Self, WireError> {
        let message = value.message;
        Ok(Self { message })
    }
}

/// botocore's `SpecificToolChoice` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecificToolChoice {
    #[serde(rename = "name", deserialize_with = "check_specific_tool_choice_name")]
    pub name: String,
}

impl SpecificToolChoice {
    /// Converts to the SDK's `types::SpecificToolChoice`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::SpecificToolChoice, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::SpecificToolChoice::builder();
        builder = builder.set_name(Some(self.name));
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::SpecificToolChoice`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::SpecificToolChoice,
    ) -> Result<Self, WireError> {
        let name = value.name;
        Ok(Self { name })
    }
}

/// botocore's union `SystemContentBlock` in boto3's dict layout: exactly one member.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum SystemContentBlock {
    #[serde(rename = "text", deserialize_with = "check_system_content_block_text")]
    Text(String),
    #[serde(rename = "guardContent")]
    GuardContent(GuardrailConverseContentBlock),
    #[serde(rename = "cachePoint")]
    CachePoint(CachePointBlock),
}

impl SystemContentBlock {
    /// Converts to the SDK's `types::SystemContentBlock`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::SystemContentBlock, WireError> {
        use ::aws_sdk_bedrockruntime::types::SystemContentBlock as Sdk;
        Ok(match self {
            Self::Text(v) => Sdk::Text(v),
            Self::GuardContent(v) => Sdk::GuardContent(GuardrailConverseContentBlock::into_sdk(v)?),
            Self::CachePoint(v) => Sdk::CachePoint(CachePointBlock::into_sdk(v)?),
        })
    }
    /// Converts from the SDK's `types::SystemContentBlock`; its `Unknown` member is an error.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::SystemContentBlock,
    ) -> Result<Self, WireError> {
        use ::aws_sdk_bedrockruntime::types::SystemContentBlock as Sdk;
        Ok(match value {
            Sdk::Text(v) => Self::Text(v),
            Sdk::GuardContent(v) => Self::GuardContent(GuardrailConverseContentBlock::from_sdk(v)?),
            Sdk::CachePoint(v) => Self::CachePoint(CachePointBlock::from_sdk(v)?),
            _ => {
                return Err(WireError::UnknownUnionMember {
                    shape: "SystemContentBlock",
                })
            }
        })
    }
}

/// botocore's `SystemTool` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SystemTool {
    #[serde(rename = "name", deserialize_with = "check_system_tool_name")]
    pub name: String,
}

impl SystemTool {
    /// Converts to the SDK's `types::SystemTool`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::SystemTool, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::SystemTool::builder();
        builder = builder.set_name(Some(self.name));
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::SystemTool`, moving its fields.
    pub fn from_sdk(value: ::aws_sdk_bedrockruntime::types::SystemTool) -> Result<Self, WireError> {
        let name = value.name;
        Ok(Self { name })
    }
}

/// botocore's `ThrottlingException` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThrottlingException {
    #[serde(rename = "message", default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl ThrottlingException {
    /// Converts to the SDK's `types::error::ThrottlingException`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::error::ThrottlingException, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::error::ThrottlingException::builder();
        builder = builder.set_message(self.message);
        builder = builder.meta(
            ::aws_smithy_types::error::ErrorMetadata::builder()
                .code("ThrottlingException")
                .build(),
        );
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::error::ThrottlingException`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::error::ThrottlingException,
    ) -> Result<Self, WireError> {
        let message = value.message;
        Ok(Self { message })
    }
}

/// botocore's `TokenUsage` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenUsage {
    #[serde(
        rename = "inputTokens",
        deserialize_with = "check_token_usage_input_tokens"
    )]
    pub input_tokens: i32,
    #[serde(
        rename = "outputTokens",
        deserialize_with = "check_token_usage_output_tokens"
    )]
    pub output_tokens: i32,
    #[serde(
        rename = "totalTokens",
        deserialize_with = "check_token_usage_total_tokens"
    )]
    pub total_tokens: i32,
    #[serde(
        rename = "cacheReadInputTokens",
        default,
        deserialize_with = "check_token_usage_cache_read_input_tokens",
        skip_serializing_if = "Option::is_none"
    )]
    pub cache_read_input_tokens: Option<i32>,
    #[serde(
        rename = "cacheWriteInputTokens",
        default,
        deserialize_with = "check_token_usage_cache_write_input_tokens",
        skip_serializing_if = "Option::is_none"
    )]
    pub cache_write_input_tokens: Option<i32>,
    #[serde(
        rename = "cacheDetails",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub cache_details: Option<Vec<CacheDetail>>,
}

impl TokenUsage {
    /// Converts to the SDK's `types::TokenUsage`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::TokenUsage, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::TokenUsage::builder();
        builder = builder.set_input_tokens(Some(self.input_tokens));
        builder = builder.set_output_tokens(Some(self.output_tokens));
        builder = builder.set_total_tokens(Some(self.total_tokens));
        builder = builder.set_cache_read_input_tokens(self.cache_read_input_tokens);
        builder = builder.set_cache_write_input_tokens(self.cache_write_input_tokens);
        builder = builder.set_cache_details(
            self.cache_details
                .map(|v0| {
                    v0.into_iter()
                        .map(CacheDetail::into_sdk)
                        .collect::<Result<Vec<_>, WireError>>()
                })
                .transpose()?,
        );
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::TokenUsage`, moving its fields.
    pub fn from_sdk(value: ::aws_sdk_bedrockruntime::types::TokenUsage) -> Result<Self, WireError> {
        let input_tokens = value.input_tokens;
        let output_tokens = value.output_tokens;
        let total_tokens = value.total_tokens;
        let cache_read_input_tokens = value.cache_read_input_tokens;
        let cache_write_input_tokens = value.cache_write_input_tokens;
        let cache_details = value
            .cache_details
            .map(|v0| {
                v0.into_iter()
                    .map(CacheDetail::from_sdk)
                    .collect::<Result<Vec<_>, WireError>>()
            })
            .transpose()?;
        Ok(Self {
            input_tokens,
            output_tokens,
            total_tokens,
            cache_read_input_tokens,
            cache_write_input_tokens,
            cache_details,
        })
    }
}

/// botocore's union `Tool` in boto3's dict layout: exactly one member.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Tool {
    #[serde(rename = "toolSpec")]
    ToolSpec(ToolSpecification),
    #[serde(rename = "systemTool")]
    SystemTool(SystemTool),
    #[serde(rename = "cachePoint")]
    CachePoint(CachePointBlock),
}

impl Tool {
    /// Converts to the SDK's `types::Tool`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::Tool, WireError> {
        use ::aws_sdk_bedrockruntime::types::Tool as Sdk;
        Ok(match self {
            Self::ToolSpec(v) => Sdk::ToolSpec(ToolSpecification::into_sdk(v)?),
            Self::SystemTool(v) => Sdk::SystemTool(SystemTool::into_sdk(v)?),
            Self::CachePoint(v) => Sdk::CachePoint(CachePointBlock::into_sdk(v)?),
        })
    }
    /// Converts from the SDK's `types::Tool`; its `Unknown` member is an error.
    pub fn from_sdk(value: ::aws_sdk_bedrockruntime::types::Tool) -> Result<Self, WireError> {
        use ::aws_sdk_bedrockruntime::types::Tool as Sdk;
        Ok(match value {
            Sdk::ToolSpec(v) => Self::ToolSpec(ToolSpecification::from_sdk(v)?),
            Sdk::SystemTool(v) => Self::SystemTool(SystemTool::from_sdk(v)?),
            Sdk::CachePoint(v) => Self::CachePoint(CachePointBlock::from_sdk(v)?),
            _ => return Err(WireError::UnknownUnionMember { shape: "Tool" }),
        })
    }
}

/// botocore's `ToolAdditionBlock` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToolAdditionBlock {
    #[serde(
        rename = "tool",
        deserialize_with = "crate::wire::required",
        skip_serializing_if = "Option::is_none"
    )]
    pub tool: Option<ToolReference>,
}

impl ToolAdditionBlock {
    /// Converts to the SDK's `types::ToolAdditionBlock`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::ToolAdditionBlock, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::ToolAdditionBlock::builder();
        builder = builder.set_tool(self.tool.map(ToolReference::into_sdk).transpose()?);
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::ToolAdditionBlock`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ToolAdditionBlock,
    ) -> Result<Self, WireError> {
        let tool = value.tool.map(ToolReference::from_sdk).transpose()?;
        Ok(Self { tool })
    }
}

/// botocore's union `ToolChoice` in boto3's dict layout: exactly one member.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ToolChoice {
    #[serde(rename = "auto")]
    Auto(AutoToolChoice),
    #[serde(rename = "any")]
    Any(AnyToolChoice),
    #[serde(rename = "tool")]
    Tool(SpecificToolChoice),
}

impl ToolChoice {
    /// Converts to the SDK's `types::ToolChoice`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::ToolChoice, WireError> {
        use ::aws_sdk_bedrockruntime::types::ToolChoice as Sdk;
        Ok(match self {
            Self::Auto(v) => Sdk::Auto(AutoToolChoice::into_sdk(v)?),
            Self::Any(v) => Sdk::Any(AnyToolChoice::into_sdk(v)?),
            Self::Tool(v) => Sdk::Tool(SpecificToolChoice::into_sdk(v)?),
        })
    }
    /// Converts from the SDK's `types::ToolChoice`; its `Unknown` member is an error.
    pub fn from_sdk(value: ::aws_sdk_bedrockruntime::types::ToolChoice) -> Result<Self, WireError> {
        use ::aws_sdk_bedrockruntime::types::ToolChoice as Sdk;
        Ok(match value {
            Sdk::Auto(v) => Self::Auto(AutoToolChoice::from_sdk(v)?),
            Sdk::Any(v) => Self::Any(AnyToolChoice::from_sdk(v)?),
            Sdk::Tool(v) => Self::Tool(SpecificToolChoice::from_sdk(v)?),
            _ => {
                return Err(WireError::UnknownUnionMember {
                    shape: "ToolChoice",
                })
            }
        })
    }
}

/// botocore's `ToolConfiguration` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToolConfiguration {
    #[serde(rename = "tools", deserialize_with = "check_tool_configuration_tools")]
    pub tools: Vec<Tool>,
    #[serde(
        rename = "toolChoice",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub tool_choice: Option<ToolChoice>,
}

impl ToolConfiguration {
    /// Converts to the SDK's `types::ToolConfiguration`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::ToolConfiguration, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::ToolConfiguration::builder();
        builder = builder.set_tools(Some(
            self.tools
                .into_iter()
                .map(Tool::into_sdk)
                .collect::<Result<Vec<_>, WireError>>()?,
        ));
        builder = builder.set_tool_choice(self.tool_choice.map(ToolChoice::into_sdk).transpose()?);
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::ToolConfiguration`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ToolConfiguration,
    ) -> Result<Self, WireError> {
        let tools = value
            .tools
            .into_iter()
            .map(Tool::from_sdk)
            .collect::<Result<Vec<_>, WireError>>()?;
        let tool_choice = value.tool_choice.map(ToolChoice::from_sdk).transpose()?;
        Ok(Self { tools, tool_choice })
    }
}

/// botocore's union `ToolInputSchema` in boto3's dict layout: exactly one member.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ToolInputSchema {
    #[serde(rename = "json")]
    Json(crate::wire::Document),
}

impl ToolInputSchema {
    /// Converts to the SDK's `types::ToolInputSchema`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::ToolInputSchema, WireError> {
        use ::aws_sdk_bedrockruntime::types::ToolInputSchema as Sdk;
        Ok(match self {
            Self::Json(v) => Sdk::Json(crate::wire::Document::into_sdk(v)),
        })
    }
    /// Converts from the SDK's `types::ToolInputSchema`; its `Unknown` member is an error.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ToolInputSchema,
    ) -> Result<Self, WireError> {
        use ::aws_sdk_bedrockruntime::types::ToolInputSchema as Sdk;
        Ok(match value {
            Sdk::Json(v) => Self::Json(crate::wire::Document::from_sdk(v)),
            _ => {
                return Err(WireError::UnknownUnionMember {
                    shape: "ToolInputSchema",
                })
            }
        })
    }
}

/// botocore's `ToolReference` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToolReference {
    #[serde(
        rename = "type",
        default,
        deserialize_with = "check_tool_reference_type",
        skip_serializing_if = "Option::is_none"
    )]
    pub r#type: Option<String>,
    #[serde(
        rename = "name",
        default,
        deserialize_with = "check_tool_reference_name",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<String>,
    #[serde(
        rename = "serverName",
        default,
        deserialize_with = "check_tool_reference_server_name",
        skip_serializing_if = "Option::is_none"
    )]
    pub server_name: Option<String>,
}

impl ToolReference {
    /// Converts to the SDK's `types::ToolReference`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::ToolReference, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::ToolReference::builder();
        builder = builder.set_type(self.r#type);
        builder = builder.set_name(self.name);
        builder = builder.set_server_name(self.server_name);
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::ToolReference`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ToolReference,
    ) -> Result<Self, WireError> {
        let r#type = value.r#type;
        let name = value.name;
        let server_name = value.server_name;
        Ok(Self {
            r#type,
            name,
            server_name,
        })
    }
}

/// botocore's `ToolRemovalBlock` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToolRemovalBlock {
    #[serde(
        rename = "tool",
        deserialize_with = "crate::wire::required",
        skip_serializing_if = "Option::is_none"
    )]
    pub tool: Option<ToolReference>,
}

impl ToolRemovalBlock {
    /// Converts to the SDK's `types::ToolRemovalBlock`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::ToolRemovalBlock, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::ToolRemovalBlock::builder();
        builder = builder.set_tool(self.tool.map(ToolReference::into_sdk).transpose()?);
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::ToolRemovalBlock`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ToolRemovalBlock,
    ) -> Result<Self, WireError> {
        let tool = value.tool.map(ToolReference::from_sdk).transpose()?;
        Ok(Self { tool })
    }
}

/// botocore's `ToolResultBlock` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToolResultBlock {
    #[serde(
        rename = "toolUseId",
        deserialize_with = "check_tool_result_block_tool_use_id"
    )]
    pub tool_use_id: String,
    #[serde(rename = "content")]
    pub content: Vec<ToolResultContentBlock>,
    #[serde(rename = "status", default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
}

impl ToolResultBlock {
    /// Converts to the SDK's `types::ToolResultBlock`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::ToolResultBlock, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::ToolResultBlock::builder();
        builder = builder.set_tool_use_id(Some(self.tool_use_id));
        builder = builder.set_content(Some(
            self.content
                .into_iter()
                .map(ToolResultContentBlock::into_sdk)
                .collect::<Result<Vec<_>, WireError>>()?,
        ));
        builder =
            builder
                .set_status(self.status.map(|v0| {
                    ::aws_sdk_bedrockruntime::types::ToolResultStatus::from(v0.as_str())
                }));
        builder = builder.set_type(self.r#type);
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::ToolResultBlock`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ToolResultBlock,
    ) -> Result<Self, WireError> {
        let tool_use_id = value.tool_use_id;
        let content = value
            .content
            .into_iter()
            .map(ToolResultContentBlock::from_sdk)
            .collect::<Result<Vec<_>, WireError>>()?;
        let status = value.status.map(|v0| v0.as_str().to_owned());
        let r#type = value.r#type;
        Ok(Self {
            tool_use_id,
            content,
            status,
            r#type,
        })
    }
}

/// botocore's union `ToolResultBlockDelta` in boto3's dict layout: exactly one member.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ToolResultBlockDelta {
    #[serde(rename = "text")]
    Text(String),
    #[serde(rename = "json")]
    Json(crate::wire::Document),
}

impl ToolResultBlockDelta {
    /// Converts to the SDK's `types::ToolResultBlockDelta`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::ToolResultBlockDelta, WireError> {
        use ::aws_sdk_bedrockruntime::types::ToolResultBlockDelta as Sdk;
        Ok(match self {
            Self::Text(v) => Sdk::Text(v),
            Self::Json(v) => Sdk::Json(crate::wire::Document::into_sdk(v)),
        })
    }
    /// Converts from the SDK's `types::ToolResultBlockDelta`; its `Unknown` member is an error.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ToolResultBlockDelta,
    ) -> Result<Self, WireError> {
        use ::aws_sdk_bedrockruntime::types::ToolResultBlockDelta as Sdk;
        Ok(match value {
            Sdk::Text(v) => Self::Text(v),
            Sdk::Json(v) => Self::Json(crate::wire::Document::from_sdk(v)),
            _ => {
                return Err(WireError::UnknownUnionMember {
                    shape: "ToolResultBlockDelta",
                })
            }
        })
    }
}

/// botocore's `ToolResultBlockStart` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToolResultBlockStart {
    #[serde(
        rename = "toolUseId",
        deserialize_with = "check_tool_result_block_start_tool_use_id"
    )]
    pub tool_use_id: String,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    #[serde(rename = "status", default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

impl ToolResultBlockStart {
    /// Converts to the SDK's `types::ToolResultBlockStart`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::ToolResultBlockStart, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::ToolResultBlockStart::builder();
        builder = builder.set_tool_use_id(Some(self.tool_use_id));
        builder = builder.set_type(self.r#type);
        builder =
            builder
                .set_status(self.status.map(|v0| {
                    ::aws_sdk_bedrockruntime::types::ToolResultStatus::from(v0.as_str())
                }));
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::ToolResultBlockStart`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ToolResultBlockStart,
    ) -> Result<Self, WireError> {
        let tool_use_id = value.tool_use_id;
        let r#type = value.r#type;
        let status = value.status.map(|v0| v0.as_str().to_owned());
        Ok(Self {
            tool_use_id,
            r#type,
            status,
        })
    }
}

/// botocore's union `ToolResultContentBlock` in boto3's dict layout: exactly one member.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ToolResultContentBlock {
    #[serde(rename = "json")]
    Json(crate::wire::Document),
    #[serde(rename = "text")]
    Text(String),
    #[serde(rename = "image")]
    Image(ImageBlock),
    #[serde(rename = "document")]
    Document(DocumentBlock),
    #[serde(rename = "video")]
    Video(VideoBlock),
    #[serde(rename = "searchResult")]
    SearchResult(SearchResultBlock),
}

impl ToolResultContentBlock {
    /// Converts to the SDK's `types::ToolResultContentBlock`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::ToolResultContentBlock, WireError> {
        use ::aws_sdk_bedrockruntime::types::ToolResultContentBlock as Sdk;
        Ok(match self {
            Self::Json(v) => Sdk::Json(crate::wire::Document::into_sdk(v)),
            Self::Text(v) => Sdk::Text(v),
            Self::Image(v) => Sdk::Image(ImageBlock::into_sdk(v)?),
            Self::Document(v) => Sdk::Document(DocumentBlock::into_sdk(v)?),
            Self::Video(v) => Sdk::Video(VideoBlock::into_sdk(v)?),
            Self::SearchResult(v) => Sdk::SearchResult(SearchResultBlock::into_sdk(v)?),
        })
    }
    /// Converts from the SDK's `types::ToolResultContentBlock`; its `Unknown` member is an error.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ToolResultContentBlock,
    ) -> Result<Self, WireError> {
        use ::aws_sdk_bedrockruntime::types::ToolResultContentBlock as Sdk;
        Ok(match value {
            Sdk::Json(v) => Self::Json(crate::wire::Document::from_sdk(v)),
            Sdk::Text(v) => Self::Text(v),
            Sdk::Image(v) => Self::Image(ImageBlock::from_sdk(v)?),
            Sdk::Document(v) => Self::Document(DocumentBlock::from_sdk(v)?),
            Sdk::Video(v) => Self::Video(VideoBlock::from_sdk(v)?),
            Sdk::SearchResult(v) => Self::SearchResult(SearchResultBlock::from_sdk(v)?),
            _ => {
                return Err(WireError::UnknownUnionMember {
                    shape: "ToolResultContentBlock",
                })
            }
        })
    }
}

/// botocore's `ToolSpecification` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToolSpecification {
    #[serde(rename = "name", deserialize_with = "check_tool_specification_name")]
    pub name: String,
    #[serde(
        rename = "description",
        default,
        deserialize_with = "check_tool_specification_description",
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    #[serde(
        rename = "inputSchema",
        deserialize_with = "crate::wire::required",
        skip_serializing_if = "Option::is_none"
    )]
    pub input_schema: Option<ToolInputSchema>,
    #[serde(rename = "strict", default, skip_serializing_if = "Option::is_none")]
    pub strict: Option<bool>,
}

impl ToolSpecification {
    /// Converts to the SDK's `types::ToolSpecification`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::ToolSpecification, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::ToolSpecification::builder();
        builder = builder.set_name(Some(self.name));
        builder = builder.set_description(self.description);
        builder = builder.set_input_schema(
            self.input_schema
                .map(ToolInputSchema::into_sdk)
                .transpose()?,
        );
        builder = builder.set_strict(self.strict);
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::ToolSpecification`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ToolSpecification,
    ) -> Result<Self, WireError> {
        let name = value.name;
        let description = value.description;
        let input_schema = value
            .input_schema
            .map(ToolInputSchema::from_sdk)
            .transpose()?;
        let strict = value.strict;
        Ok(Self {
            name,
            description,
            input_schema,
            strict,
        })
    }
}

/// botocore's `ToolUseBlock` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToolUseBlock {
    #[serde(
        rename = "toolUseId",
        deserialize_with = "check_tool_use_block_tool_use_id"
    )]
    pub tool_use_id: String,
    #[serde(rename = "name", deserialize_with = "check_tool_use_block_name")]
    pub name: String,
    #[serde(
        rename = "input",
        skip_serializing_if = "crate::wire::Document::is_null"
    )]
    pub input: crate::wire::Document,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
}

impl ToolUseBlock {
    /// Converts to the SDK's `types::ToolUseBlock`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::ToolUseBlock, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::ToolUseBlock::builder();
        builder = builder.set_tool_use_id(Some(self.tool_use_id));
        builder = builder.set_name(Some(self.name));
        builder = builder.set_input(Some(crate::wire::Document::into_sdk(self.input)));
        builder = builder.set_type(
            self.r#type
                .map(|v0| ::aws_sdk_bedrockruntime::types::ToolUseType::from(v0.as_str())),
        );
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::ToolUseBlock`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ToolUseBlock,
    ) -> Result<Self, WireError> {
        let tool_use_id = value.tool_use_id;
        let name = value.name;
        let input = crate::wire::Document::from_sdk(value.input);
        let r#type = value.r#type.map(|v0| v0.as_str().to_owned());
        Ok(Self {
            tool_use_id,
            name,
            input,
            r#type,
        })
    }
}

/// botocore's `ToolUseBlockDelta` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToolUseBlockDelta {
    #[serde(rename = "input")]
    pub input: String,
}

impl ToolUseBlockDelta {
    /// Converts to the SDK's `types::ToolUseBlockDelta`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::ToolUseBlockDelta, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::ToolUseBlockDelta::builder();
        builder = builder.set_input(Some(self.input));
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::ToolUseBlockDelta`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ToolUseBlockDelta,
    ) -> Result<Self, WireError> {
        let input = value.input;
        Ok(Self { input })
    }
}

/// botocore's `ToolUseBlockStart` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToolUseBlockStart {
    #[serde(
        rename = "toolUseId",
        deserialize_with = "check_tool_use_block_start_tool_use_id"
    )]
    pub tool_use_id: String,
    #[serde(rename = "name", deserialize_with = "check_tool_use_block_start_name")]
    pub name: String,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
}

impl ToolUseBlockStart {
    /// Converts to the SDK's `types::ToolUseBlockStart`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::ToolUseBlockStart, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::ToolUseBlockStart::builder();
        builder = builder.set_tool_use_id(Some(self.tool_use_id));
        builder = builder.set_name(Some(self.name));
        builder = builder.set_type(
            self.r#type
                .map(|v0| ::aws_sdk_bedrockruntime::types::ToolUseType::from(v0.as_str())),
        );
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::ToolUseBlockStart`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::ToolUseBlockStart,
    ) -> Result<Self, WireError> {
        let tool_use_id = value.tool_use_id;
        let name = value.name;
        let r#type = value.r#type.map(|v0| v0.as_str().to_owned());
        Ok(Self {
            tool_use_id,
            name,
            r#type,
        })
    }
}

/// botocore's `ValidationException` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValidationException {
    #[serde(rename = "message", default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl ValidationException {
    /// Converts to the SDK's `types::error::ValidationException`.
    pub fn into_sdk(
        self,
    ) -> Result<::aws_sdk_bedrockruntime::types::error::ValidationException, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::error::ValidationException::builder();
        builder = builder.set_message(self.message);
        builder = builder.meta(
            ::aws_smithy_types::error::ErrorMetadata::builder()
                .code("ValidationException")
                .build(),
        );
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::error::ValidationException`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::error::ValidationException,
    ) -> Result<Self, WireError> {
        let message = value.message;
        Ok(Self { message })
    }
}

/// botocore's `VideoBlock` in boto3's dict layout.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VideoBlock {
    #[serde(rename = "format")]
    pub format: String,
    #[serde(
        rename = "source",
        deserialize_with = "crate::wire::required",
        skip_serializing_if = "Option::is_none"
    )]
    pub source: Option<VideoSource>,
}

impl VideoBlock {
    /// Converts to the SDK's `types::VideoBlock`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::VideoBlock, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::VideoBlock::builder();
        builder = builder.set_format(Some(::aws_sdk_bedrockruntime::types::VideoFormat::from(
            self.format.as_str(),
        )));
        builder = builder.set_source(self.source.map(VideoSource::into_sdk).transpose()?);
        builder.build().map_err(WireError::from)
    }
    /// Converts from the SDK's `types::VideoBlock`, moving its fields.
    pub fn from_sdk(value: ::aws_sdk_bedrockruntime::types::VideoBlock) -> Result<Self, WireError> {
        let format = value.format.as_str().to_owned();
        let source = value.source.map(VideoSource::from_sdk).transpose()?;
        Ok(Self { format, source })
    }
}

/// botocore's union `VideoSource` in boto3's dict layout: exactly one member.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum VideoSource {
    #[serde(rename = "bytes")]
    Bytes(crate::wire::Blob),
    #[serde(rename = "s3Location")]
    S3Location(S3Location),
}

impl VideoSource {
    /// Converts to the SDK's `types::VideoSource`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::VideoSource, WireError> {
        use ::aws_sdk_bedrockruntime::types::VideoSource as Sdk;
        Ok(match self {
            Self::Bytes(v) => Sdk::Bytes(crate::wire::Blob::into_sdk(v)),
            Self::S3Location(v) => Sdk::S3Location(S3Location::into_sdk(v)?),
        })
    }
    /// Converts from the SDK's `types::VideoSource`; its `Unknown` member is an error.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::VideoSource,
    ) -> Result<Self, WireError> {
        use ::aws_sdk_bedrockruntime::types::VideoSource as Sdk;
        Ok(match value {
            Sdk::Bytes(v) => Self::Bytes(crate::wire::Blob::from_sdk(v)),
            Sdk::S3Location(v) => Self::S3Location(S3Location::from_sdk(v)?),
            _ => {
                return Err(WireError::UnknownUnionMember {
                    shape: "VideoSource",
                })
            }
        })
    }
}

/// botocore's `WebLocation` in boto3's dict layout.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebLocation {
    #[serde(rename = "url", default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(rename = "domain", default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
}

impl WebLocation {
    /// Converts to the SDK's `types::WebLocation`.
    pub fn into_sdk(self) -> Result<::aws_sdk_bedrockruntime::types::WebLocation, WireError> {
        let mut builder = ::aws_sdk_bedrockruntime::types::WebLocation::builder();
        builder = builder.set_url(self.url);
        builder = builder.set_domain(self.domain);
        Ok(builder.build())
    }
    /// Converts from the SDK's `types::WebLocation`, moving its fields.
    pub fn from_sdk(
        value: ::aws_sdk_bedrockruntime::types::WebLocation,
    ) -> Result<Self, WireError> {
        let url = value.url;
        let domain = value.domain;
        Ok(Self { url, domain })
    }
}

fn unsupported_converse_request_project_identifier<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<crate::wire::Unsupported>, D::Error> {
    crate::wire::unsupported::reject(deserializer, "ConverseRequest.projectIdentifier is not supported by this version of fastconverse (aws-sdk-bedrockruntime 1.153.0)")
}

fn unsupported_converse_stream_request_project_identifier<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<crate::wire::Unsupported>, D::Error> {
    crate::wire::unsupported::reject(deserializer, "ConverseStreamRequest.projectIdentifier is not supported by this version of fastconverse (aws-sdk-bedrockruntime 1.153.0)")
}

fn check_cache_detail_input_tokens<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<i32, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::value::0")
}

fn check_content_block_delta_event_content_block_index<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<i32, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::value::0")
}

fn check_content_block_start_event_content_block_index<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<i32, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::value::0")
}

fn check_content_block_stop_event_content_block_index<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<i32, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::value::0")
}

fn check_converse_request_model_id<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::length::1").map(Some)
}

fn check_converse_request_additional_model_response_field_paths<
    'de,
    D: serde::Deserializer<'de>,
>(
    deserializer: D,
) -> Result<Option<Vec<String>>, D::Error> {
    crate::wire::check::min_items(deserializer, "fastconverse::min::length::1").map(Some)
}

fn check_converse_request_request_metadata<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<HashMap<String, String>>, D::Error> {
    crate::wire::check::min_keys(deserializer, "fastconverse::min::key-length::1").map(Some)
}

fn check_converse_stream_request_model_id<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::length::1").map(Some)
}

fn check_converse_stream_request_additional_model_response_field_paths<
    'de,
    D: serde::Deserializer<'de>,
>(
    deserializer: D,
) -> Result<Option<Vec<String>>, D::Error> {
    crate::wire::check::min_items(deserializer, "fastconverse::min::length::1").map(Some)
}

fn check_converse_stream_request_request_metadata<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<HashMap<String, String>>, D::Error> {
    crate::wire::check::min_keys(deserializer, "fastconverse::min::key-length::1").map(Some)
}

fn check_count_tokens_request_model_id<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::length::1").map(Some)
}

fn check_document_block_name<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<String, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::length::1")
}

fn check_document_char_location_document_index<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<i32>, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::value::0").map(Some)
}

fn check_document_char_location_start<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<i32>, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::value::0").map(Some)
}

fn check_document_char_location_end<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<i32>, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::value::0").map(Some)
}

fn check_document_chunk_location_document_index<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<i32>, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::value::0").map(Some)
}

fn check_document_chunk_location_start<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<i32>, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::value::0").map(Some)
}

fn check_document_chunk_location_end<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<i32>, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::value::0").map(Some)
}

fn check_document_page_location_document_index<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<i32>, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::value::0").map(Some)
}

fn check_document_page_location_start<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<i32>, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::value::0").map(Some)
}

fn check_document_page_location_end<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<i32>, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::value::0").map(Some)
}

fn check_guardrail_automated_reasoning_translation_confidence<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<f64>, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::value::0").map(Some)
}

fn check_guardrail_contextual_grounding_filter_threshold<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<f64, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::value::0")
}

fn check_guardrail_contextual_grounding_filter_score<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<f64, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::value::0")
}

fn check_inference_configuration_max_tokens<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<i32>, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::value::1").map(Some)
}

fn check_inference_configuration_temperature<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<f32>, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::value::0").map(Some)
}

fn check_inference_configuration_top_p<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<f32>, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::value::0").map(Some)
}

fn check_inference_configuration_stop_sequences<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<String>>, D::Error> {
    crate::wire::check::min_items(deserializer, "fastconverse::min::length::1").map(Some)
}

fn check_model_stream_error_exception_original_status_code<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<i32>, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::value::100").map(Some)
}

fn check_s3_location_uri<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<String, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::length::1")
}

fn check_search_result_location_search_result_index<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<i32>, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::value::0").map(Some)
}

fn check_search_result_location_start<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<i32>, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::value::0").map(Some)
}

fn check_search_result_location_end<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<i32>, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::value::0").map(Some)
}

fn check_specific_tool_choice_name<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<String, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::length::1")
}

fn check_system_content_block_text<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<String, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::length::1")
}

fn check_system_tool_name<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<String, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::length::1")
}

fn check_token_usage_input_tokens<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<i32, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::value::0")
}

fn check_token_usage_output_tokens<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<i32, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::value::0")
}

fn check_token_usage_total_tokens<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<i32, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::value::0")
}

fn check_token_usage_cache_read_input_tokens<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<i32>, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::value::0").map(Some)
}

fn check_token_usage_cache_write_input_tokens<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<i32>, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::value::0").map(Some)
}

fn check_tool_configuration_tools<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<Tool>, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::items::1")
}

fn check_tool_reference_type<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::length::1").map(Some)
}

fn check_tool_reference_name<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::length::1").map(Some)
}

fn check_tool_reference_server_name<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::length::1").map(Some)
}

fn check_tool_result_block_tool_use_id<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<String, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::length::1")
}

fn check_tool_result_block_start_tool_use_id<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<String, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::length::1")
}

fn check_tool_specification_name<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<String, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::length::1")
}

fn check_tool_specification_description<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::length::1").map(Some)
}

fn check_tool_use_block_tool_use_id<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<String, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::length::1")
}

fn check_tool_use_block_name<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<String, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::length::1")
}

fn check_tool_use_block_start_tool_use_id<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<String, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::length::1")
}

fn check_tool_use_block_start_name<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<String, D::Error> {
    crate::wire::check::min(deserializer, "fastconverse::min::length::1")
}

/// Test support: deserializes `value` as `shape`, converts it to the SDK and back, and serializes it.
#[cfg(test)]
pub(crate) fn roundtrip_json(
    shape: &str,
    value: serde_json::Value,
) -> Result<serde_json::Value, String> {
    fn de<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, String> {
        serde_path_to_error::deserialize(value).map_err(|e| format!("{}: {}", e.path(), e.inner()))
    }
    fn ser<T: serde::Serialize>(value: &T) -> Result<serde_json::Value, String> {
        serde_json::to_value(value).map_err(|e| e.to_string())
    }
    match shape {
        "AnyToolChoice" => {
            let sdk = de::<AnyToolChoice>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&AnyToolChoice::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "AppliedGuardrailDetails" => {
            let sdk = de::<AppliedGuardrailDetails>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&AppliedGuardrailDetails::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "AudioBlock" => {
            let sdk = de::<AudioBlock>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&AudioBlock::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "AudioSource" => {
            let sdk = de::<AudioSource>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&AudioSource::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "AutoToolChoice" => {
            let sdk = de::<AutoToolChoice>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&AutoToolChoice::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "CacheDetail" => {
            let sdk = de::<CacheDetail>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&CacheDetail::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "CachePointBlock" => {
            let sdk = de::<CachePointBlock>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&CachePointBlock::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "Citation" => {
            let sdk = de::<Citation>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&Citation::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "CitationGeneratedContent" => {
            let sdk = de::<CitationGeneratedContent>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&CitationGeneratedContent::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "CitationLocation" => {
            let sdk = de::<CitationLocation>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&CitationLocation::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "CitationSourceContent" => {
            let sdk = de::<CitationSourceContent>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&CitationSourceContent::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "CitationSourceContentDelta" => {
            let sdk = de::<CitationSourceContentDelta>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&CitationSourceContentDelta::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "CitationsConfig" => {
            let sdk = de::<CitationsConfig>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&CitationsConfig::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "CitationsContentBlock" => {
            let sdk = de::<CitationsContentBlock>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&CitationsContentBlock::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "CitationsDelta" => {
            let sdk = de::<CitationsDelta>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&CitationsDelta::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ContentBlock" => {
            let sdk = de::<ContentBlock>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ContentBlock::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ContentBlockDelta" => {
            let sdk = de::<ContentBlockDelta>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ContentBlockDelta::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ContentBlockDeltaEvent" => {
            let sdk = de::<ContentBlockDeltaEvent>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ContentBlockDeltaEvent::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ContentBlockStart" => {
            let sdk = de::<ContentBlockStart>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ContentBlockStart::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ContentBlockStartEvent" => {
            let sdk = de::<ContentBlockStartEvent>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ContentBlockStartEvent::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ContentBlockStopEvent" => {
            let sdk = de::<ContentBlockStopEvent>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ContentBlockStopEvent::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ConverseMetrics" => {
            let sdk = de::<ConverseMetrics>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ConverseMetrics::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ConverseOutput" => {
            let sdk = de::<ConverseOutput>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ConverseOutput::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ConverseRequest" => {
            let sdk = de::<ConverseRequest>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ConverseRequest::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ConverseResponse" => {
            let sdk = de::<ConverseResponse>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ConverseResponse::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ConverseStreamMetadataEvent" => {
            let sdk = de::<ConverseStreamMetadataEvent>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ConverseStreamMetadataEvent::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ConverseStreamMetrics" => {
            let sdk = de::<ConverseStreamMetrics>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ConverseStreamMetrics::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ConverseStreamOutput" => {
            let sdk = de::<ConverseStreamOutput>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            let back = match sdk {
                Ok(event) => ConverseStreamOutput::from_sdk(event).map_err(|e| e.to_string())?,
                Err(error) => ConverseStreamOutput::from_sdk_error(error)
                    .map_err(|e| format!("unhandled: {e:?}"))?,
            };
            ser(&back)
        }
        "ConverseStreamRequest" => {
            let sdk = de::<ConverseStreamRequest>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ConverseStreamRequest::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ConverseStreamTrace" => {
            let sdk = de::<ConverseStreamTrace>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ConverseStreamTrace::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ConverseTokensRequest" => {
            let sdk = de::<ConverseTokensRequest>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ConverseTokensRequest::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ConverseTrace" => {
            let sdk = de::<ConverseTrace>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ConverseTrace::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "CountTokensInput" => {
            let sdk = de::<CountTokensInput>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&CountTokensInput::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "CountTokensRequest" => {
            let sdk = de::<CountTokensRequest>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&CountTokensRequest::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "CountTokensResponse" => {
            let sdk = de::<CountTokensResponse>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&CountTokensResponse::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "DocumentBlock" => {
            let sdk = de::<DocumentBlock>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&DocumentBlock::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "DocumentCharLocation" => {
            let sdk = de::<DocumentCharLocation>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&DocumentCharLocation::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "DocumentChunkLocation" => {
            let sdk = de::<DocumentChunkLocation>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&DocumentChunkLocation::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "DocumentContentBlock" => {
            let sdk = de::<DocumentContentBlock>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&DocumentContentBlock::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "DocumentPageLocation" => {
            let sdk = de::<DocumentPageLocation>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&DocumentPageLocation::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "DocumentSource" => {
            let sdk = de::<DocumentSource>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&DocumentSource::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ErrorBlock" => {
            let sdk = de::<ErrorBlock>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ErrorBlock::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "GuardrailAssessment" => {
            let sdk = de::<GuardrailAssessment>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailAssessment::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "GuardrailAutomatedReasoningFinding" => {
            let sdk = de::<GuardrailAutomatedReasoningFinding>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailAutomatedReasoningFinding::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "GuardrailAutomatedReasoningImpossibleFinding" => {
            let sdk = de::<GuardrailAutomatedReasoningImpossibleFinding>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailAutomatedReasoningImpossibleFinding::from_sdk(sdk)
                .map_err(|e| e.to_string())?)
        }
        "GuardrailAutomatedReasoningInputTextReference" => {
            let sdk = de::<GuardrailAutomatedReasoningInputTextReference>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(
                &GuardrailAutomatedReasoningInputTextReference::from_sdk(sdk)
                    .map_err(|e| e.to_string())?,
            )
        }
        "GuardrailAutomatedReasoningInvalidFinding" => {
            let sdk = de::<GuardrailAutomatedReasoningInvalidFinding>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailAutomatedReasoningInvalidFinding::from_sdk(sdk)
                .map_err(|e| e.to_string())?)
        }
        "GuardrailAutomatedReasoningLogicWarning" => {
            let sdk = de::<GuardrailAutomatedReasoningLogicWarning>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailAutomatedReasoningLogicWarning::from_sdk(sdk)
                .map_err(|e| e.to_string())?)
        }
        "GuardrailAutomatedReasoningNoTranslationsFinding" => {
            let sdk = de::<GuardrailAutomatedReasoningNoTranslationsFinding>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(
                &GuardrailAutomatedReasoningNoTranslationsFinding::from_sdk(sdk)
                    .map_err(|e| e.to_string())?,
            )
        }
        "GuardrailAutomatedReasoningPolicyAssessment" => {
            let sdk = de::<GuardrailAutomatedReasoningPolicyAssessment>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailAutomatedReasoningPolicyAssessment::from_sdk(sdk)
                .map_err(|e| e.to_string())?)
        }
        "GuardrailAutomatedReasoningRule" => {
            let sdk = de::<GuardrailAutomatedReasoningRule>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailAutomatedReasoningRule::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "GuardrailAutomatedReasoningSatisfiableFinding" => {
            let sdk = de::<GuardrailAutomatedReasoningSatisfiableFinding>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(
                &GuardrailAutomatedReasoningSatisfiableFinding::from_sdk(sdk)
                    .map_err(|e| e.to_string())?,
            )
        }
        "GuardrailAutomatedReasoningScenario" => {
            let sdk = de::<GuardrailAutomatedReasoningScenario>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailAutomatedReasoningScenario::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "GuardrailAutomatedReasoningStatement" => {
            let sdk = de::<GuardrailAutomatedReasoningStatement>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailAutomatedReasoningStatement::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "GuardrailAutomatedReasoningTooComplexFinding" => {
            let sdk = de::<GuardrailAutomatedReasoningTooComplexFinding>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailAutomatedReasoningTooComplexFinding::from_sdk(sdk)
                .map_err(|e| e.to_string())?)
        }
        "GuardrailAutomatedReasoningTranslation" => {
            let sdk = de::<GuardrailAutomatedReasoningTranslation>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailAutomatedReasoningTranslation::from_sdk(sdk)
                .map_err(|e| e.to_string())?)
        }
        "GuardrailAutomatedReasoningTranslationAmbiguousFinding" => {
            let sdk = de::<GuardrailAutomatedReasoningTranslationAmbiguousFinding>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(
                &GuardrailAutomatedReasoningTranslationAmbiguousFinding::from_sdk(sdk)
                    .map_err(|e| e.to_string())?,
            )
        }
        "GuardrailAutomatedReasoningTranslationOption" => {
            let sdk = de::<GuardrailAutomatedReasoningTranslationOption>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailAutomatedReasoningTranslationOption::from_sdk(sdk)
                .map_err(|e| e.to_string())?)
        }
        "GuardrailAutomatedReasoningValidFinding" => {
            let sdk = de::<GuardrailAutomatedReasoningValidFinding>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailAutomatedReasoningValidFinding::from_sdk(sdk)
                .map_err(|e| e.to_string())?)
        }
        "GuardrailConfiguration" => {
            let sdk = de::<GuardrailConfiguration>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailConfiguration::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "GuardrailContentFilter" => {
            let sdk = de::<GuardrailContentFilter>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailContentFilter::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "GuardrailContentPolicyAssessment" => {
            let sdk = de::<GuardrailContentPolicyAssessment>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailContentPolicyAssessment::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "GuardrailContextualGroundingFilter" => {
            let sdk = de::<GuardrailContextualGroundingFilter>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailContextualGroundingFilter::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "GuardrailContextualGroundingPolicyAssessment" => {
            let sdk = de::<GuardrailContextualGroundingPolicyAssessment>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailContextualGroundingPolicyAssessment::from_sdk(sdk)
                .map_err(|e| e.to_string())?)
        }
        "GuardrailConverseContentBlock" => {
            let sdk = de::<GuardrailConverseContentBlock>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailConverseContentBlock::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "GuardrailConverseImageBlock" => {
            let sdk = de::<GuardrailConverseImageBlock>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailConverseImageBlock::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "GuardrailConverseImageSource" => {
            let sdk = de::<GuardrailConverseImageSource>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailConverseImageSource::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "GuardrailConverseTextBlock" => {
            let sdk = de::<GuardrailConverseTextBlock>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailConverseTextBlock::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "GuardrailCoverage" => {
            let sdk = de::<GuardrailCoverage>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailCoverage::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "GuardrailCustomWord" => {
            let sdk = de::<GuardrailCustomWord>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailCustomWord::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "GuardrailImageCoverage" => {
            let sdk = de::<GuardrailImageCoverage>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailImageCoverage::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "GuardrailInvocationMetrics" => {
            let sdk = de::<GuardrailInvocationMetrics>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailInvocationMetrics::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "GuardrailManagedWord" => {
            let sdk = de::<GuardrailManagedWord>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailManagedWord::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "GuardrailPiiEntityFilter" => {
            let sdk = de::<GuardrailPiiEntityFilter>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailPiiEntityFilter::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "GuardrailRegexFilter" => {
            let sdk = de::<GuardrailRegexFilter>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailRegexFilter::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "GuardrailSensitiveInformationPolicyAssessment" => {
            let sdk = de::<GuardrailSensitiveInformationPolicyAssessment>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(
                &GuardrailSensitiveInformationPolicyAssessment::from_sdk(sdk)
                    .map_err(|e| e.to_string())?,
            )
        }
        "GuardrailStreamConfiguration" => {
            let sdk = de::<GuardrailStreamConfiguration>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailStreamConfiguration::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "GuardrailTextCharactersCoverage" => {
            let sdk = de::<GuardrailTextCharactersCoverage>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailTextCharactersCoverage::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "GuardrailTopic" => {
            let sdk = de::<GuardrailTopic>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailTopic::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "GuardrailTopicPolicyAssessment" => {
            let sdk = de::<GuardrailTopicPolicyAssessment>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailTopicPolicyAssessment::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "GuardrailTraceAssessment" => {
            let sdk = de::<GuardrailTraceAssessment>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailTraceAssessment::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "GuardrailUsage" => {
            let sdk = de::<GuardrailUsage>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailUsage::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "GuardrailWordPolicyAssessment" => {
            let sdk = de::<GuardrailWordPolicyAssessment>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&GuardrailWordPolicyAssessment::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ImageBlock" => {
            let sdk = de::<ImageBlock>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ImageBlock::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ImageBlockDelta" => {
            let sdk = de::<ImageBlockDelta>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ImageBlockDelta::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ImageBlockStart" => {
            let sdk = de::<ImageBlockStart>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ImageBlockStart::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ImageSource" => {
            let sdk = de::<ImageSource>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ImageSource::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "InferenceConfiguration" => {
            let sdk = de::<InferenceConfiguration>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&InferenceConfiguration::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "InternalServerException" => {
            let sdk = de::<InternalServerException>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&InternalServerException::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "InvokeModelTokensRequest" => {
            let sdk = de::<InvokeModelTokensRequest>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&InvokeModelTokensRequest::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "JsonSchemaDefinition" => {
            let sdk = de::<JsonSchemaDefinition>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&JsonSchemaDefinition::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "Message" => {
            let sdk = de::<Message>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&Message::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "MessageStartEvent" => {
            let sdk = de::<MessageStartEvent>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&MessageStartEvent::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "MessageStopEvent" => {
            let sdk = de::<MessageStopEvent>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&MessageStopEvent::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ModelStreamErrorException" => {
            let sdk = de::<ModelStreamErrorException>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ModelStreamErrorException::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "OutputConfig" => {
            let sdk = de::<OutputConfig>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&OutputConfig::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "OutputFormat" => {
            let sdk = de::<OutputFormat>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&OutputFormat::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "OutputFormatStructure" => {
            let sdk = de::<OutputFormatStructure>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&OutputFormatStructure::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "PerformanceConfiguration" => {
            let sdk = de::<PerformanceConfiguration>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&PerformanceConfiguration::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "PromptRouterTrace" => {
            let sdk = de::<PromptRouterTrace>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&PromptRouterTrace::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "PromptVariableValues" => {
            let sdk = de::<PromptVariableValues>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&PromptVariableValues::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ReasoningContentBlock" => {
            let sdk = de::<ReasoningContentBlock>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ReasoningContentBlock::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ReasoningContentBlockDelta" => {
            let sdk = de::<ReasoningContentBlockDelta>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ReasoningContentBlockDelta::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ReasoningTextBlock" => {
            let sdk = de::<ReasoningTextBlock>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ReasoningTextBlock::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "S3Location" => {
            let sdk = de::<S3Location>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&S3Location::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "SearchResultBlock" => {
            let sdk = de::<SearchResultBlock>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&SearchResultBlock::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "SearchResultContentBlock" => {
            let sdk = de::<SearchResultContentBlock>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&SearchResultContentBlock::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "SearchResultLocation" => {
            let sdk = de::<SearchResultLocation>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&SearchResultLocation::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ServiceTier" => {
            let sdk = de::<ServiceTier>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ServiceTier::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ServiceUnavailableException" => {
            let sdk = de::<ServiceUnavailableException>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ServiceUnavailableException::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "SpecificToolChoice" => {
            let sdk = de::<SpecificToolChoice>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&SpecificToolChoice::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "SystemContentBlock" => {
            let sdk = de::<SystemContentBlock>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&SystemContentBlock::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "SystemTool" => {
            let sdk = de::<SystemTool>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&SystemTool::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ThrottlingException" => {
            let sdk = de::<ThrottlingException>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ThrottlingException::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "TokenUsage" => {
            let sdk = de::<TokenUsage>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&TokenUsage::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "Tool" => {
            let sdk = de::<Tool>(value)?.into_sdk().map_err(|e| e.to_string())?;
            ser(&Tool::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ToolAdditionBlock" => {
            let sdk = de::<ToolAdditionBlock>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ToolAdditionBlock::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ToolChoice" => {
            let sdk = de::<ToolChoice>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ToolChoice::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ToolConfiguration" => {
            let sdk = de::<ToolConfiguration>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ToolConfiguration::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ToolInputSchema" => {
            let sdk = de::<ToolInputSchema>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ToolInputSchema::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ToolReference" => {
            let sdk = de::<ToolReference>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ToolReference::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ToolRemovalBlock" => {
            let sdk = de::<ToolRemovalBlock>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ToolRemovalBlock::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ToolResultBlock" => {
            let sdk = de::<ToolResultBlock>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ToolResultBlock::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ToolResultBlockDelta" => {
            let sdk = de::<ToolResultBlockDelta>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ToolResultBlockDelta::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ToolResultBlockStart" => {
            let sdk = de::<ToolResultBlockStart>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ToolResultBlockStart::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ToolResultContentBlock" => {
            let sdk = de::<ToolResultContentBlock>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ToolResultContentBlock::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ToolSpecification" => {
            let sdk = de::<ToolSpecification>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ToolSpecification::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ToolUseBlock" => {
            let sdk = de::<ToolUseBlock>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ToolUseBlock::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ToolUseBlockDelta" => {
            let sdk = de::<ToolUseBlockDelta>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ToolUseBlockDelta::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ToolUseBlockStart" => {
            let sdk = de::<ToolUseBlockStart>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ToolUseBlockStart::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "ValidationException" => {
            let sdk = de::<ValidationException>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&ValidationException::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "VideoBlock" => {
            let sdk = de::<VideoBlock>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&VideoBlock::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "VideoSource" => {
            let sdk = de::<VideoSource>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&VideoSource::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        "WebLocation" => {
            let sdk = de::<WebLocation>(value)?
                .into_sdk()
                .map_err(|e| e.to_string())?;
            ser(&WebLocation::from_sdk(sdk).map_err(|e| e.to_string())?)
        }
        other => Err(format!("no generated shape {other}")),
    }
}
