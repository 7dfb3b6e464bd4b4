//! Authentication as Bedrock does it: SigV4 signatures (verified with the SDK's own signer)
//! or a bearer token (a Bedrock API key), with AWS's error codes and messages.

use std::fmt::Write;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{
    sign, PercentEncodingMode, SessionTokenMode, SignableBody, SignableRequest, SigningSettings,
    UriPathNormalizationMode,
};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use http::HeaderMap;
use sha2::{Digest, Sha256};

use super::errors::ServiceError;

/// The signing name of Bedrock Runtime (not `bedrock-runtime`).
pub const SIGNING_NAME: &str = "bedrock";

/// How far a request's `x-amz-date` may be from the server's clock.
const MAX_SKEW: Duration = Duration::from_secs(5 * 60);

/// What the server accepts: one key pair for SigV4 in one region, and optionally an API key.
#[derive(Clone, Debug)]
pub struct AuthConfig {
    /// The region requests must be signed for.
    pub region: String,
    /// The only access key id the server knows.
    pub access_key_id: String,
    /// Its secret.
    pub secret_access_key: String,
    /// The API key accepted as `Authorization: Bearer <token>`, if any.
    pub bearer_token: Option<String>,
    /// The session token SigV4 requests must carry (and sign) as
    /// `x-amz-security-token`; without one, a request carrying a token is refused.
    pub session_token: Option<String>,
}

/// A request as it arrived, as far as authentication cares.
pub struct Incoming<'a> {
    /// The method, such as `POST`.
    pub method: &'a str,
    /// The path and query exactly as they arrived (still percent-encoded).
    pub path_and_query: &'a str,
    /// All headers.
    pub headers: &'a HeaderMap,
    /// The raw body.
    pub body: &'a [u8],
}

fn missing_token() -> ServiceError {
    ServiceError::new(
        "MissingAuthenticationTokenException",
        "Missing Authentication Token",
    )
}

fn incomplete(message: impl Into<String>) -> ServiceError {
    ServiceError::new("IncompleteSignatureException", message)
}

fn invalid_signature(message: impl Into<String>) -> ServiceError {
    ServiceError::new("InvalidSignatureException", message)
}

/// What AWS answers for an unknown access key or a wrong session token.
fn invalid_token() -> ServiceError {
    ServiceError::new(
        "UnrecognizedClientException",
        "The security token included in the request is invalid.",
    )
}

fn signature_mismatch() -> ServiceError {
    invalid_signature(
        "The request signature we calculated does not match the signature you provided. \
         Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
    )
}

/// Checks the request's `Authorization` header against `config` at time `now`.
pub fn authenticate(
    request: &Incoming<'_>,
    config: &AuthConfig,
    now: SystemTime,
) -> Result<(), ServiceError> {
    let Some(authorization) = request.headers.get(http::header::AUTHORIZATION) else {
        return Err(missing_token());
    };
    let authorization = authorization
        .to_str()
        .map_err(|_| incomplete("The Authorization header is not valid ASCII."))?;
    if let Some(token) = strip_prefix_ignore_case(authorization, "Bearer ") {
        return check_bearer(token.trim(), config);
    }
    if let Some(params) = authorization.strip_prefix("AWS4-HMAC-SHA256 ") {
        return check_sigv4(request, params, config, now);
    }
    if authorization.trim().is_empty() {
        return Err(missing_token());
    }
    Err(incomplete(format!(
        "Authorization header requires the AWS4-HMAC-SHA256 or Bearer scheme. Authorization={}",
        authorization.split_whitespace().next().unwrap_or("")
    )))
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// Compares secrets without an early exit, so that timing tells nothing of where they differ.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn check_bearer(token: &str, config: &AuthConfig) -> Result<(), ServiceError> {
    match &config.bearer_token {
        Some(expected) if constant_time_eq(token.as_bytes(), expected.as_bytes()) => Ok(()),
        // What Bedrock answers for a bad API key.
        _ => Err(ServiceError::new(
            "AccessDeniedException",
            "Authentication failed: Please make sure your API Key is valid.",
        )),
    }
}

/// The parts of `AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`.
struct SigV4Header<'a> {
    credential: &'a str,
    signed_headers: &'a str,
    signature: &'a str,
}

fn parse_sigv4_header(params: &str) -> Result<SigV4Header<'_>, ServiceError> {
    let (mut credential, mut signed_headers, mut signature) = (None, None, None);
    for part in params.split(',') {
        let Some((key, value)) = part.trim().split_once('=') else {
            continue;
        };
        match key {
            "Credential" => credential = Some(value),
            "SignedHeaders" => signed_headers = Some(value),
            "Signature" => signature = Some(value),
            _ => {}
        }
    }
    let mut missing = Vec::new();
    for (name, value) in [
        ("Credential", credential),
        ("Signature", signature),
        ("SignedHeaders", signed_headers),
    ] {
        if value.is_none() {
            missing.push(format!("Authorization header requires '{name}' parameter."));
        }
    }
    if !missing.is_empty() {
        return Err(incomplete(missing.join(" ")));
    }
    Ok(SigV4Header {
        credential: credential.unwrap_or_default(),
        signed_headers: signed_headers.unwrap_or_default(),
        signature: signature.unwrap_or_default(),
    })
}

fn check_sigv4(
    request: &Incoming<'_>,
    params: &str,
    config: &AuthConfig,
    now: SystemTime,
) -> Result<(), ServiceError> {
    let header = parse_sigv4_header(params)?;

    // Credential=AKID/20240101/us-east-1/bedrock/aws4_request
    let scope: Vec<&str> = header.credential.split('/').collect();
    let [access_key_id, scope_date, scope_region, scope_service, terminator] = scope[..] else {
        return Err(incomplete(format!(
            "Credential should have exactly 5 slash-delimited elements, e.g. keyID/date/region/service/term, got '{}'",
            header.credential
        )));
    };
    if !constant_time_eq(access_key_id.as_bytes(), config.access_key_id.as_bytes()) {
        return Err(invalid_token());
    }
    let token = request.headers.get("x-amz-security-token");
    match (&config.session_token, token) {
        (None, None) => {}
        (Some(expected), Some(token))
            if constant_time_eq(token.as_bytes(), expected.as_bytes()) => {}
        _ => return Err(invalid_token()),
    }

    let amz_date = request
        .headers
        .get("x-amz-date")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."))?;
    let signed_at = parse_amz_date(amz_date).ok_or_else(|| {
        incomplete(format!(
            "Date must be in ISO-8601 'basic format'. Got '{amz_date}'."
        ))
    })?;
    if let Ok(behind) = now.duration_since(signed_at) {
        if behind > MAX_SKEW {
            return Err(invalid_signature(format!(
                "Signature expired: {amz_date} is now earlier than {} ({} - 5 min.)",
                format_amz_date(now - MAX_SKEW),
                format_amz_date(now)
            )));
        }
    } else if signed_at.duration_since(now).unwrap_or_default() > MAX_SKEW {
        return Err(invalid_signature(format!(
            "Signature not yet current: {amz_date} is still later than {} ({} + 5 min.)",
            format_amz_date(now + MAX_SKEW),
            format_amz_date(now)
        )));
    }
    if scope_date != &amz_date[..8] {
        return Err(invalid_signature(format!(
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: \
             '{scope_date}' != '{}', from '{amz_date}'.",
            &amz_date[..8]
        )));
    }
    if scope_region != config.region {
        return Err(invalid_signature(format!(
            "Credential should be scoped to a valid region. Expected '{}', got '{scope_region}'.",
            config.region
        )));
    }
    if scope_service != SIGNING_NAME {
        return Err(invalid_signature(format!(
            "Credential should be scoped to correct service: '{SIGNING_NAME}'. "
        )));
    }
    if terminator != "aws4_request" {
        return Err(invalid_signature(format!(
            "Credential should be scoped with a valid terminator: 'aws4_request', not '{terminator}'."
        )));
    }

    let expected = expected_signature(request, &header, config, signed_at)?;
    if constant_time_eq(expected.as_bytes(), header.signature.as_bytes()) {
        Ok(())
    } else {
        Err(signature_mismatch())
    }
}

/// Signs the request again, from what it says it signed, and returns the signature.
fn expected_signature(
    request: &Incoming<'_>,
    header: &SigV4Header<'_>,
    config: &AuthConfig,
    signed_at: SystemTime,
) -> Result<String, ServiceError> {
    let signed_names: Vec<&str> = header
        .signed_headers
        .split(';')
        .filter(|n| !n.is_empty())
        .collect();
    // Only the headers the client named; the signer adds x-amz-date and the session
    // token itself, from the time and the credentials.
    let mut headers: Vec<(&str, &str)> = Vec::new();
    for name in &signed_names {
        if *name == "x-amz-date" || *name == "x-amz-security-token" {
            continue;
        }
        for value in request.headers.get_all(*name) {
            headers.push((name, value.to_str().map_err(|_| signature_mismatch())?));
        }
    }

    let mut settings = SigningSettings::default();
    // This service signs the path percent-encoded twice; the path arrives encoded once.
    settings.percent_encoding_mode = PercentEncodingMode::Double;
    settings.uri_path_normalization_mode = UriPathNormalizationMode::Enabled;
    // The client decided what to sign: exclude nothing beyond what it left out.
    settings.excluded_headers = None;
    // The token was checked already; SigV4 covers it, so a token left unsigned makes
    // the signatures differ.
    settings.session_token_mode = SessionTokenMode::Include;

    let identity: Identity = Credentials::new(
        config.access_key_id.clone(),
        config.secret_access_key.clone(),
        config.session_token.clone(),
        None,
        "LocalBedrock",
    )
    .into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(&config.region)
        .name(SIGNING_NAME)
        .time(signed_at)
        .settings(settings)
        .build()
        .map_err(|_| signature_mismatch())?
        .into();

    // Bedrock Runtime signs payloads: the body is hashed as it arrived, and a declared
    // hash must be that one (`UNSIGNED-PAYLOAD` would let the body be swapped).
    let payload_hash = sha256_hex(request.body);
    if let Some(declared) = request.headers.get("x-amz-content-sha256") {
        if declared.as_bytes() != payload_hash.as_bytes() {
            return Err(signature_mismatch());
        }
    }
    let body = SignableBody::Precomputed(payload_hash);
    // The host is among the headers; the authority here only keeps the signer from
    // panicking on a request that came without one.
    let uri = format!("http://localhost{}", request.path_and_query);
    let signable = SignableRequest::new(request.method, uri, headers.into_iter(), body)
        .map_err(|_| signature_mismatch())?;
    let (_, signature) = sign(signable, &params)
        .map_err(|_| signature_mismatch())?
        .into_parts();
    Ok(signature)
}

/// The lower-case hex SHA-256 of `bytes`, as SigV4 writes payload hashes.
fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

/// A header's value as the request log keeps it: secrets (a bearer token, a session
/// token) become `***`; a SigV4 `Authorization` header holds none and stays.
pub fn redact(name: &str, value: &str) -> String {
    if name.eq_ignore_ascii_case("x-amz-security-token") {
        return "***".into();
    }
    if name.eq_ignore_ascii_case("authorization")
        && strip_prefix_ignore_case(value, "Bearer ").is_some()
    {
        return format!("{}***", &value[.."Bearer ".len()]);
    }
    value.to_owned()
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01, as (year, month, day).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// Parses `YYYYMMDDTHHMMSSZ`.
pub fn parse_amz_date(text: &str) -> Option<SystemTime> {
    let bytes = text.as_bytes();
    if bytes.len() != 16 || bytes[8] != b'T' || bytes[15] != b'Z' {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = text.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (year, month, day) = (digits(0..4)?, digits(4..6)?, digits(6..8)?);
    let (hour, minute, second) = (digits(9..11)?, digits(11..13)?, digits(13..15)?);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
    Some(UNIX_EPOCH + Duration::from_secs(u64::try_from(seconds).ok()?))
}

/// Formats a time as `YYYYMMDDTHHMMSSZ`.
pub fn format_amz_date(time: SystemTime) -> String {
    let seconds = time
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
    let rem = seconds.rem_euclid(86_400);
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sigv4::http_request::SigningParams;

    const PATH: &str = "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aapplication-inference-profile%2Fabc%3A0/converse";
    const BODY: &[u8] = br#"{"messages":[{"role":"user","content":[{"text":"Hello"}]}]}"#;

    fn config() -> AuthConfig {
        AuthConfig {
            region: "us-east-1".into(),
            access_key_id: "testing".into(),
            secret_access_key: "testing".into(),
            bearer_token: Some("bedrock-api-key-123".into()),
            session_token: None,
        }
    }

    /// Signs a request the way the SDK does (Double encoding, default settings).
    fn signed_headers(
        akid: &str,
        secret: &str,
        region: &str,
        path: &str,
        body: &[u8],
        time: SystemTime,
    ) -> HeaderMap {
        signed_with_token(akid, secret, None, region, path, body, time)
    }

    /// Signs a request the way the SDK does, with a session token if given.
    fn signed_with_token(
        akid: &str,
        secret: &str,
        token: Option<&str>,
        region: &str,
        path: &str,
        body: &[u8],
        time: SystemTime,
    ) -> HeaderMap {
        let identity: Identity =
            Credentials::new(akid, secret, token.map(str::to_owned), None, "test").into();
        let params: SigningParams<'_> = v4::SigningParams::builder()
            .identity(&identity)
            .region(region)
            .name(SIGNING_NAME)
            .time(time)
            .settings(SigningSettings::default())
            .build()
            .unwrap()
            .into();
        let base = [
            ("host", "127.0.0.1:8080"),
            ("content-type", "application/json"),
            ("user-agent", "test/1.0"),
        ];
        let signable = SignableRequest::new(
            "POST",
            format!("http://127.0.0.1:8080{path}"),
            base.iter().copied(),
            SignableBody::Bytes(body),
        )
        .unwrap();
        let (instructions, _) = sign(signable, &params).unwrap().into_parts();
        let mut request = http::Request::new(());
        for (name, value) in base {
            request.headers_mut().insert(name, value.parse().unwrap());
        }
        instructions.apply_to_request_http1x(&mut request);
        request.headers().clone()
    }

    fn check(
        headers: &HeaderMap,
        path: &str,
        body: &[u8],
        now: SystemTime,
    ) -> Result<(), ServiceError> {
        check_with(&config(), headers, path, body, now)
    }

    fn check_with(
        config: &AuthConfig,
        headers: &HeaderMap,
        path: &str,
        body: &[u8],
        now: SystemTime,
    ) -> Result<(), ServiceError> {
        let incoming = Incoming {
            method: "POST",
            path_and_query: path,
            headers,
            body,
        };
        authenticate(&incoming, config, now)
    }

    #[test]
    fn session_tokens_must_be_the_servers_and_signed() {
        let now = SystemTime::now();
        let with_token = AuthConfig {
            session_token: Some("tok".into()),
            ..config()
        };
        let signed = signed_with_token(
            "testing",
            "testing",
            Some("tok"),
            "us-east-1",
            PATH,
            BODY,
            now,
        );
        check_with(&with_token, &signed, PATH, BODY, now).unwrap();
        // A server given no token refuses one, as Bedrock refuses a token it does not know.
        let err = check_with(&config(), &signed, PATH, BODY, now).unwrap_err();
        assert_eq!(
            (err.code.as_str(), err.status, err.message.as_str()),
            (
                "UnrecognizedClientException",
                403,
                "The security token included in the request is invalid."
            )
        );
        let other = signed_with_token(
            "testing",
            "testing",
            Some("x"),
            "us-east-1",
            PATH,
            BODY,
            now,
        );
        let err = check_with(&with_token, &other, PATH, BODY, now).unwrap_err();
        assert_eq!(err.code, "UnrecognizedClientException");
        // Missing, or present but left out of the signature.
        let mut unsigned = signed_headers("testing", "testing", "us-east-1", PATH, BODY, now);
        let err = check_with(&with_token, &unsigned, PATH, BODY, now).unwrap_err();
        assert_eq!(err.code, "UnrecognizedClientException");
        unsigned.insert("x-amz-security-token", "tok".parse().unwrap());
        let err = check_with(&with_token, &unsigned, PATH, BODY, now).unwrap_err();
        assert_eq!(err.code, "InvalidSignatureException");
    }

    #[test]
    fn payload_hashes_must_be_the_bodys() {
        let now = SystemTime::now();
        let mut headers = signed_headers("testing", "testing", "us-east-1", PATH, BODY, now);
        headers.insert("x-amz-content-sha256", sha256_hex(BODY).parse().unwrap());
        check(&headers, PATH, BODY, now).unwrap();
        for declared in ["UNSIGNED-PAYLOAD", &sha256_hex(b"{}")] {
            headers.insert("x-amz-content-sha256", declared.parse().unwrap());
            let err = check(&headers, PATH, BODY, now).unwrap_err();
            assert_eq!(
                (err.code.as_str(), err.status),
                ("InvalidSignatureException", 403)
            );
        }
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn redacts_bearer_and_session_tokens() {
        assert_eq!(redact("authorization", "Bearer abc"), "Bearer ***");
        assert_eq!(redact("Authorization", "bearer abc"), "bearer ***");
        assert_eq!(redact("x-amz-security-token", "abc"), "***");
        let sigv4 = "AWS4-HMAC-SHA256 Credential=testing/20240101/us-east-1/bedrock/aws4_request";
        assert_eq!(redact("authorization", sigv4), sigv4);
        assert_eq!(
            redact("content-type", "application/json"),
            "application/json"
        );
    }

    #[test]
    fn accepts_a_request_signed_by_the_sdk_signer() {
        let now = SystemTime::now();
        let headers = signed_headers("testing", "testing", "us-east-1", PATH, BODY, now);
        check(&headers, PATH, BODY, now).unwrap();
        // Within the allowed skew, both ways.
        check(&headers, PATH, BODY, now + Duration::from_secs(240)).unwrap();
        check(&headers, PATH, BODY, now - Duration::from_secs(240)).unwrap();
    }

    #[test]
    fn refuses_a_wrong_secret_body_or_path() {
        let now = SystemTime::now();
        let headers = signed_headers("testing", "wrong", "us-east-1", PATH, BODY, now);
        let err = check(&headers, PATH, BODY, now).unwrap_err();
        assert_eq!(
            (err.code.as_str(), err.status),
            ("InvalidSignatureException", 403)
        );
        assert!(err
            .message
            .starts_with("The request signature we calculated does not match"));

        let headers = signed_headers("testing", "testing", "us-east-1", PATH, BODY, now);
        let err = check(&headers, PATH, b"{}", now).unwrap_err();
        assert_eq!(err.code, "InvalidSignatureException");
        // The decoded path is a different path: the signature covers the encoding.
        let decoded = "/model/arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc:0/converse";
        assert_eq!(
            check(&headers, decoded, BODY, now).unwrap_err().code,
            "InvalidSignatureException"
        );
    }

    #[test]
    fn refuses_unknown_keys_scopes_and_stale_dates() {
        let now = SystemTime::now();
        let headers = signed_headers("AKIDOTHER", "testing", "us-east-1", PATH, BODY, now);
        let err = check(&headers, PATH, BODY, now).unwrap_err();
        assert_eq!(err.code, "UnrecognizedClientException");
        assert_eq!(
            err.message,
            "The security token included in the request is invalid."
        );

        let headers = signed_headers("testing", "testing", "eu-west-1", PATH, BODY, now);
        let err = check(&headers, PATH, BODY, now).unwrap_err();
        assert!(
            err.message
                .starts_with("Credential should be scoped to a valid region."),
            "{}",
            err.message
        );

        let headers = signed_headers("testing", "testing", "us-east-1", PATH, BODY, now);
        let err = check(&headers, PATH, BODY, now + Duration::from_secs(600)).unwrap_err();
        assert_eq!(
            (err.code.as_str(), err.status),
            ("InvalidSignatureException", 403)
        );
        assert!(
            err.message.starts_with("Signature expired: "),
            "{}",
            err.message
        );
        let err = check(&headers, PATH, BODY, now - Duration::from_secs(600)).unwrap_err();
        assert!(
            err.message.starts_with("Signature not yet current: "),
            "{}",
            err.message
        );
    }

    #[test]
    fn checks_missing_and_bearer_authorization() {
        let now = SystemTime::now();
        let mut headers = HeaderMap::new();
        let err = check(&headers, PATH, BODY, now).unwrap_err();
        assert_eq!(
            (err.code.as_str(), err.status),
            ("MissingAuthenticationTokenException", 403)
        );
        assert_eq!(err.message, "Missing Authentication Token");

        headers.insert(
            "authorization",
            "Bearer bedrock-api-key-123".parse().unwrap(),
        );
        check(&headers, PATH, BODY, now).unwrap();
        headers.insert("authorization", "Bearer nope".parse().unwrap());
        let err = check(&headers, PATH, BODY, now).unwrap_err();
        assert_eq!(
            (err.code.as_str(), err.status),
            ("AccessDeniedException", 403)
        );

        headers.insert(
            "authorization",
            "AWS4-HMAC-SHA256 Credential=testing/20240101/us-east-1/bedrock/aws4_request"
                .parse()
                .unwrap(),
        );
        let err = check(&headers, PATH, BODY, now).unwrap_err();
        assert_eq!(err.code, "IncompleteSignatureException");
    }

    #[test]
    fn dates_round_trip() {
        let t = parse_amz_date("20240229T235958Z").unwrap();
        assert_eq!(format_amz_date(t), "20240229T235958Z");
        assert_eq!(
            t.duration_since(UNIX_EPOCH).unwrap().as_secs(),
            1_709_251_198
        );
        assert_eq!(format_amz_date(UNIX_EPOCH), "19700101T000000Z");
        assert!(parse_amz_date("2024-02-29T23:59:58Z").is_none());
        assert!(parse_amz_date("20241329T000000Z").is_none());
    }
}
