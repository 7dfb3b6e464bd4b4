//! Routes: `POST /model/{modelId}/{operation}` with a percent-encoded model id.

use super::errors::ServiceError;

/// The operations LocalBedrock knows, by the last segment of their path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    /// `POST /model/{modelId}/converse`
    Converse,
    /// `POST /model/{modelId}/converse-stream`
    ConverseStream,
    /// `POST /model/{modelId}/count-tokens`
    CountTokens,
}

impl Operation {
    fn from_segment(segment: &str) -> Option<Self> {
        match segment {
            "converse" => Some(Self::Converse),
            "converse-stream" => Some(Self::ConverseStream),
            "count-tokens" => Some(Self::CountTokens),
            _ => None,
        }
    }

    /// The operation's name in the service model (`Converse`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Self::Converse => "Converse",
            Self::ConverseStream => "ConverseStream",
            Self::CountTokens => "CountTokens",
        }
    }

    /// The input shape of the operation in the service model.
    pub fn input_shape(self) -> &'static str {
        match self {
            Self::Converse => "ConverseRequest",
            Self::ConverseStream => "ConverseStreamRequest",
            Self::CountTokens => "CountTokensRequest",
        }
    }
}

/// A routed request: the operation and the model id, decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    /// Which operation the path names.
    pub operation: Operation,
    /// The model id, percent-decoded (it may hold `:` and `/`).
    pub model_id: String,
}

fn unknown_operation() -> ServiceError {
    ServiceError::new(
        "UnknownOperationException",
        "The requested operation is not recognized by the service.",
    )
}

/// Finds the operation of a request from its method and its path as it arrived
/// (percent-encoded, query string excluded).
///
/// The model id is the one label between `/model/` and the last `/`: SDKs encode the
/// `/` of an ARN as `%2F`, but a raw `/` is tolerated, as the label cannot hold the
/// operation's segment anyway.
pub fn route(method: &str, path: &str) -> Result<Route, ServiceError> {
    let rest = path.strip_prefix("/model/").ok_or_else(unknown_operation)?;
    let (encoded_model, segment) = rest.rsplit_once('/').ok_or_else(unknown_operation)?;
    let operation = Operation::from_segment(segment).ok_or_else(unknown_operation)?;
    if method != "POST" {
        return Err(unknown_operation());
    }
    let model_id = percent_decode(encoded_model).ok_or_else(|| {
        ServiceError::validation(format!(
            "The model identifier '{encoded_model}' is not correctly percent-encoded."
        ))
    })?;
    Ok(Route {
        operation,
        model_id,
    })
}

/// Decodes `%XX` escapes; `None` for a malformed escape or bytes that are not UTF-8.
/// `+` stays `+`: it means a space only in query strings, never in a path.
pub fn percent_decode(encoded: &str) -> Option<String> {
    let bytes = encoded.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            // from_str_radix alone would take a sign, as in "%+1".
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            out.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_model_ids_with_colons_and_slashes() {
        let r = route(
            "POST",
            "/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse",
        )
        .unwrap();
        assert_eq!(r.operation, Operation::Converse);
        assert_eq!(r.model_id, "us.anthropic.claude-sonnet-4-5-20250929-v1:0");

        let arn = "arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aprompt%2FPROMPT12345%3A1";
        let r = route("POST", &format!("/model/{arn}/converse-stream")).unwrap();
        assert_eq!(r.operation, Operation::ConverseStream);
        assert_eq!(
            r.model_id,
            "arn:aws:bedrock:us-east-1:123456789012:prompt/PROMPT12345:1"
        );

        // A raw `/` and lowercase hex are tolerated.
        let r = route(
            "POST",
            "/model/arn:aws:bedrock:us-east-1::foundation-model/m%3a0/count-tokens",
        )
        .unwrap();
        assert_eq!(r.operation, Operation::CountTokens);
        assert_eq!(
            r.model_id,
            "arn:aws:bedrock:us-east-1::foundation-model/m:0"
        );

        // `+` is not a space in a path; `%2B` is a plus.
        assert_eq!(percent_decode("a+b%2Bc%20d").unwrap(), "a+b+c d");
    }

    #[test]
    fn refuses_unknown_routes() {
        for (method, path) in [
            ("POST", "/"),
            ("POST", "/model/m/invoke"),
            ("POST", "/models/m/converse"),
            ("GET", "/model/m/converse"),
            ("POST", "/model/m"),
        ] {
            let err = route(method, path).unwrap_err();
            assert_eq!(err.code, "UnknownOperationException", "{method} {path}");
            assert_eq!(err.status, 404);
        }
    }

    #[test]
    fn refuses_malformed_escapes() {
        assert_eq!(percent_decode("a%2"), None);
        assert_eq!(percent_decode("a%zz"), None);
        assert_eq!(percent_decode("a%+1"), None);
        assert_eq!(percent_decode("%FF"), None);
        let err = route("POST", "/model/bad%G1/converse").unwrap_err();
        assert_eq!(err.code, "ValidationException");
        // An empty model id routes; validation then refuses it.
        assert_eq!(route("POST", "/model//converse").unwrap().model_id, "");
    }
}
