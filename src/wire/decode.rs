//! Response, event and error bytes -> boto3's dicts, as botocore 1.44.8 parses them.
//!
//! The rules are botocore's `RestJSONParser` (responses and errors) and
//! `EventStreamJSONParser` (ConverseStream's events), walked over the shape table of
//! [`super::generated`]; `tests/test_wire_decode.py` runs botocore's own parser objects on the
//! same bytes and compares. In brief:
//!
//! - **Structures**: members in the model's order, each looked up in the JSON object; a
//!   member absent or `null` is left out; keys the model does not know are dropped. A
//!   structure that is `null` (a map's value) stays `None`.
//! - **Unions** (`_has_unknown_tagged_union_member`): `__type` and `null` members are
//!   ignored; not exactly one member left is an error ("must have one and only one member
//!   set"); one that the model does not know gives `{"SDK_UNKNOWN_MEMBER": {"name": tag}}`,
//!   where `tag` is the first key of the object *as sent* (botocore takes it before
//!   cleaning, so `{"__type": "x", "new": 1}` names `__type`).
//! - **Lists** keep `null` items as `None`. botocore iterates whatever it is given, so an
//!   object where a list is expected gives its keys and a string gives its characters.
//! - **Maps**: values are decoded by their shape, `null` included (`None` for a structure
//!   or string, `False` for a boolean, an error for a number, list or blob).
//! - **Blobs**: `base64.b64decode` (non-validating: characters outside the alphabet are
//!   skipped, decoding stops at complete padding, missing padding is an error).
//! - **Documents** and **strings** pass through as whatever JSON type they are.
//! - **Numbers and booleans**: responses ([`Mode::Rest`]) convert as `RestJSONParser` does,
//!   with `int(value)` (`1.7` -> `1`, `"12"` -> `12`, `true` -> `1`), `float(value)` and
//!   `ensure_boolean` (`"TRUE"` -> `True`, anything not a bool or str -> `False`); events
//!   ([`Mode::Event`]) pass them through untouched, as `EventStreamJSONParser` does.
//! - **Bodies** (`_parse_body_as_json`): an empty body is `{}`; a body that is not JSON is
//!   `{"message": <the text>}` (so a success body that is not JSON decodes to `{}`, as
//!   boto3 returns it); a body that is not UTF-8 is an error.
//!
//! Where botocore raises (a `TypeError` or `AttributeError` on a value of the wrong JSON
//! type, `Incorrect padding`, ...), [`shaped`], [`response`] and [`event`] return a
//! [`DecodeError`] naming the shape. [`error`] never fails: where botocore would raise while
//! reading an error response, it takes the nearest sensible reading (listed on [`error`]).
//!
//! Known differences: a lone surrogate in a JSON string becomes U+FFFD (see
//! [`super::json`]); JSON nested deeper than [`super::json::MAX_DEPTH`] is an error (Python
//! raises `RecursionError` near the same depth); `int()`/`float()` of a string with
//! non-ASCII digits (which Python reads) is an error.

use std::fmt;

use super::generated;
use super::json::{self, JsonErrorKind};
use super::model::{Flavor, Kind, Member, ShapeId, Structure};
use super::value::Value;

/// Why service bytes could not be decoded as boto3 decodes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// The botocore shape being decoded, e.g. `ContentBlock`.
    pub shape: &'static str,
    /// What is wrong, in botocore's words where it has them.
    pub message: String,
}

impl DecodeError {
    fn new(shape: &'static str, message: impl Into<String>) -> Self {
        DecodeError {
            shape,
            message: message.into(),
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid service response: cannot read a {}: {}",
            self.shape, self.message
        )
    }
}

impl std::error::Error for DecodeError {}

/// Which botocore parser's scalar rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `RestJSONParser` (Converse, CountTokens, error bodies): `int()`, `float()` and
    /// `ensure_boolean` on numbers and booleans.
    Rest,
    /// `EventStreamJSONParser` (ConverseStream's events): numbers and booleans untouched.
    Event,
}

/// `value` (from [`json::parse`]) in boto3's layout for `shape`, as `RestJSONParser` gives it.
pub fn shaped(shape: ShapeId, value: Value) -> Result<Value, DecodeError> {
    shaped_as(shape, value, Mode::Rest)
}

/// `value` in boto3's layout for `shape`, under `mode`'s scalar rules.
pub fn shaped_as(shape: ShapeId, value: Value, mode: Mode) -> Result<Value, DecodeError> {
    let s = shape.get();
    match &s.kind {
        Kind::Structure(structure) => structure_value(s.name, structure, value, mode),
        Kind::Document | Kind::String => Ok(value),
        Kind::List { member } => list_value(s.name, *member, value, mode),
        // Keys are strings, whose shape passes them through.
        Kind::Map { value: item, .. } => map_value(s.name, *item, value, mode),
        Kind::Integer | Kind::Long => match mode {
            Mode::Rest => py_int(s.name, value),
            Mode::Event => Ok(value),
        },
        Kind::Float | Kind::Double => match mode {
            Mode::Rest => py_float(s.name, value).map(Value::Float),
            Mode::Event => Ok(value),
        },
        Kind::Boolean => match mode {
            Mode::Rest => Ok(Value::Bool(ensure_boolean(&value))),
            Mode::Event => Ok(value),
        },
        Kind::Blob => match value {
            Value::Str(text) => b64decode(&text)
                .map(Value::Bytes)
                .map_err(|message| DecodeError::new(s.name, message)),
            other => Err(DecodeError::new(
                s.name,
                format!("a blob must be a base64 string, not {}", type_name(&other)),
            )),
        },
    }
}

/// `body` of a successful response of `shape` (an operation's output), as boto3 gives it
/// without `ResponseMetadata`.
pub fn response(shape: ShapeId, body: &[u8]) -> Result<Value, DecodeError> {
    let name = shape.get().name;
    let value = body_json(name, body)?;
    match shaped(shape, value)? {
        map @ Value::Map(_) => Ok(map),
        other => Err(DecodeError::new(
            name,
            format!("the body must be a JSON object, not {}", type_name(&other)),
        )),
    }
}

/// botocore's `_parse_body_as_json`: `{}` for an empty body, `{"message": text}` for one
/// that is not JSON.
fn body_json(shape: &'static str, body: &[u8]) -> Result<Value, DecodeError> {
    if body.is_empty() {
        return Ok(Value::Map(Vec::new()));
    }
    match json::parse(body) {
        Ok(value) => Ok(value),
        Err(e) => match e.kind {
            JsonErrorKind::Syntax | JsonErrorKind::IntegerTooLong => {
                // The bytes are UTF-8 (or the kind would be Utf8).
                let text = String::from_utf8_lossy(body).into_owned();
                Ok(Value::Map(vec![("message".to_owned(), Value::Str(text))]))
            }
            JsonErrorKind::Utf8 | JsonErrorKind::TooDeep => {
                Err(DecodeError::new(shape, e.to_string()))
            }
        },
    }
}

fn structure_value(
    name: &'static str,
    structure: &'static Structure,
    value: Value,
    mode: Mode,
) -> Result<Value, DecodeError> {
    let mut entries = match value {
        Value::Null => return Ok(Value::Null),
        Value::Map(entries) => entries,
        other => {
            return Err(DecodeError::new(
                name,
                format!("expected a JSON object, not {}", type_name(&other)),
            ))
        }
    };
    if structure.flavor == Flavor::Union {
        let mut set = entries
            .iter()
            .filter(|(k, v)| k != "__type" && *v != Value::Null);
        let tag = match (set.next(), set.next()) {
            (Some((tag, _)), None) => tag,
            _ => {
                return Err(DecodeError::new(
                    name,
                    format!(
                        "Invalid service response: {name} must have one and only one member set."
                    ),
                ))
            }
        };
        if structure.member(tag).is_none() {
            // botocore names the first key of the object as sent, not the member it found.
            let first = entries.swap_remove(0).0;
            return Ok(Value::Map(vec![(
                "SDK_UNKNOWN_MEMBER".to_owned(),
                Value::Map(vec![("name".to_owned(), Value::Str(first))]),
            )]));
        }
    }
    members(structure.members, entries, mode).map(Value::Map)
}

/// The model's members found (not null) in `entries`, in the model's order: sorted into
/// place in the entries' own Vec and the rest dropped, so that a structure costs no
/// allocation of its own.
fn members(
    members: &'static [Member],
    mut entries: Vec<(String, Value)>,
    mode: Mode,
) -> Result<Vec<(String, Value)>, DecodeError> {
    let mut kept = 0;
    for member in members {
        // Keys are unique (json::parse merges repeated ones), and the ones not taken yet
        // are all past `kept`.
        let Some(found) = entries[kept..].iter().position(|(k, _)| k == member.name) else {
            continue;
        };
        let found = kept + found;
        if matches!(entries[found].1, Value::Null) {
            continue;
        }
        entries.swap(kept, found);
        let raw = std::mem::replace(&mut entries[kept].1, Value::Null);
        entries[kept].1 = shaped_as(member.shape, raw, mode)?;
        kept += 1;
    }
    entries.truncate(kept);
    Ok(entries)
}

fn list_value(
    name: &'static str,
    member: ShapeId,
    value: Value,
    mode: Mode,
) -> Result<Value, DecodeError> {
    let item = |raw: Value| match raw {
        Value::Null => Ok(Value::Null),
        raw => shaped_as(member, raw, mode),
    };
    let items = match value {
        Value::List(items) => items.into_iter().map(item).collect::<Result<_, _>>()?,
        // botocore iterates what it is given: a dict's keys, a string's characters.
        Value::Map(entries) => entries
            .into_iter()
            .map(|(k, _)| item(Value::Str(k)))
            .collect::<Result<_, _>>()?,
        Value::Str(text) => text
            .chars()
            .map(|c| item(Value::Str(c.to_string())))
            .collect::<Result<_, _>>()?,
        other => {
            return Err(DecodeError::new(
                name,
                format!("expected a JSON array, not {}", type_name(&other)),
            ))
        }
    };
    Ok(Value::List(items))
}

fn map_value(
    name: &'static str,
    item: ShapeId,
    value: Value,
    mode: Mode,
) -> Result<Value, DecodeError> {
    let Value::Map(entries) = value else {
        return Err(DecodeError::new(
            name,
            format!("expected a JSON object, not {}", type_name(&value)),
        ));
    };
    let mut out: Vec<(String, Value)> = Vec::with_capacity(entries.len());
    for (k, v) in entries {
        out.push((k, shaped_as(item, v, mode)?));
    }
    Ok(Value::Map(out))
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Int(_) | Value::BigInt(_) => "an integer",
        Value::Float(_) => "a float",
        Value::Str(_) => "a string",
        Value::Bytes(_) => "bytes",
        Value::List(_) => "an array",
        Value::Map(_) => "an object",
    }
}

// ---------------------------------------------------------------------------------------------
// Python's int(), float(), ensure_boolean and base64.b64decode
// ---------------------------------------------------------------------------------------------

/// The whitespace Python's `int()` and `float()` strip from a string: ASCII ' ', \t, \n,
/// \v, \f, \r and the non-ASCII `str.isspace` characters (not U+001C..U+001F, which
/// `isspace` counts but the number parsers do not strip); exactly Rust's White_Space.
fn py_isspace(c: char) -> bool {
    c.is_whitespace()
}

/// `text` with the underscores Python allows in numbers (each between two ASCII digits)
/// removed; `None` when one stands anywhere else.
fn without_underscores(text: &str) -> Option<std::borrow::Cow<'_, str>> {
    if !text.contains('_') {
        return Some(text.into());
    }
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'_'
            && !(i > 0
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            return None;
        }
    }
    Some(text.replace('_', "").into())
}

/// Python's `int(value)`.
fn py_int(shape: &'static str, value: Value) -> Result<Value, DecodeError> {
    match value {
        Value::Int(_) | Value::BigInt(_) => Ok(value),
        Value::Bool(b) => Ok(Value::Int(i64::from(b))),
        Value::Float(x) => {
            if x.is_nan() {
                Err(DecodeError::new(
                    shape,
                    "cannot convert float NaN to integer",
                ))
            } else if x.is_infinite() {
                Err(DecodeError::new(
                    shape,
                    "cannot convert float infinity to integer",
                ))
            } else if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&x) {
                Ok(Value::Int(x.trunc() as i64))
            } else {
                Ok(Value::BigInt(float_integer_text(x).into()))
            }
        }
        Value::Str(text) => {
            let invalid = || {
                DecodeError::new(
                    shape,
                    format!("invalid literal for int() with base 10: {text:?}"),
                )
            };
            let trimmed = text.trim_matches(py_isspace);
            let (negative, digits) = match trimmed.as_bytes().first() {
                Some(b'-') => (true, &trimmed[1..]),
                Some(b'+') => (false, &trimmed[1..]),
                _ => (false, trimmed),
            };
            let digits = without_underscores(digits).ok_or_else(invalid)?;
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(invalid());
            }
            if digits.len() > json::MAX_INT_DIGITS {
                return Err(DecodeError::new(
                    shape,
                    "Exceeds the limit (4300 digits) for integer string conversion",
                ));
            }
            let digits = digits.trim_start_matches('0');
            if digits.is_empty() {
                return Ok(Value::Int(0));
            }
            let canonical = if negative {
                format!("-{digits}")
            } else {
                digits.to_owned()
            };
            Ok(json::integer(&canonical))
        }
        other => Err(DecodeError::new(
            shape,
            format!(
                "int() argument must be a string or a real number, not {}",
                type_name(&other)
            ),
        )),
    }
}

/// The exact decimal digits of the integer `x` (finite, |x| >= 2**63).
fn float_integer_text(x: f64) -> String {
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32 - 1075;
    let mantissa = (bits & ((1 << 52) - 1)) | (1 << 52);
    // Little-endian limbs of 10**9.
    let mut limbs: Vec<u64> = vec![mantissa % 1_000_000_000, mantissa / 1_000_000_000];
    let mut shift = exponent.max(0);
    while shift > 0 {
        let step = shift.min(29);
        shift -= step;
        let mut carry = 0u64;
        for limb in &mut limbs {
            let v = (*limb << step) + carry;
            *limb = v % 1_000_000_000;
            carry = v / 1_000_000_000;
        }
        while carry > 0 {
            limbs.push(carry % 1_000_000_000);
            carry /= 1_000_000_000;
        }
    }
    while limbs.len() > 1 && limbs[limbs.len() - 1] == 0 {
        limbs.pop();
    }
    let mut text = String::new();
    if x < 0.0 {
        text.push('-');
    }
    let mut iter = limbs.iter().rev();
    if let Some(top) = iter.next() {
        text.push_str(&top.to_string());
    }
    for limb in iter {
        text.push_str(&format!("{limb:09}"));
    }
    text
}

/// Python's `float(value)`.
fn py_float(shape: &'static str, value: Value) -> Result<f64, DecodeError> {
    match value {
        Value::Float(x) => Ok(x),
        Value::Int(n) => Ok(n as f64),
        Value::Bool(b) => Ok(if b { 1.0 } else { 0.0 }),
        Value::BigInt(text) => match text.parse::<f64>() {
            Ok(x) if x.is_finite() => Ok(x),
            _ => Err(DecodeError::new(shape, "int too large to convert to float")),
        },
        Value::Str(text) => {
            let invalid = || {
                DecodeError::new(
                    shape,
                    format!("could not convert string to float: {text:?}"),
                )
            };
            let trimmed = text.trim_matches(py_isspace);
            let cleaned = without_underscores(trimmed).ok_or_else(invalid)?;
            if !cleaned.is_ascii() {
                return Err(invalid());
            }
            cleaned.parse::<f64>().map_err(|_| invalid())
        }
        other => Err(DecodeError::new(
            shape,
            format!(
                "float() argument must be a string or a real number, not {}",
                type_name(&other)
            ),
        )),
    }
}

/// botocore's `ensure_boolean`.
fn ensure_boolean(value: &Value) -> bool {
    match value {
        Value::Bool(b) => *b,
        // `str.lower() == "true"`: only ASCII letters lower-case to ASCII letters.
        Value::Str(text) => text.eq_ignore_ascii_case("true"),
        _ => false,
    }
}

/// `base64.b64decode(text)` (`validate=False`): characters outside the alphabet are
/// skipped, decoding stops once padding completes a quantum, and a final partial quantum is
/// an error.
pub fn b64decode(text: &str) -> Result<Vec<u8>, String> {
    if !text.is_ascii() {
        return Err("string argument should contain only ASCII characters".to_owned());
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let mut quad = 0u8;
    let mut left = 0u32;
    let mut pads = 0u8;
    for &byte in text.as_bytes() {
        if byte == b'=' {
            if quad >= 2 {
                pads += 1;
                if quad + pads >= 4 {
                    return Ok(out);
                }
            }
            continue;
        }
        let v = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => continue,
        } as u32;
        pads = 0;
        match quad {
            0 => {
                left = v;
                quad = 1;
            }
            1 => {
                out.push(((left << 2) | (v >> 4)) as u8);
                left = v & 0x0f;
                quad = 2;
            }
            2 => {
                out.push(((left << 4) | (v >> 2)) as u8);
                left = v & 0x03;
                quad = 3;
            }
            _ => {
                out.push(((left << 6) | v) as u8);
                quad = 0;
            }
        }
    }
    match quad {
        0 => Ok(out),
        1 => Err(format!(
            "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more \
             than a multiple of 4",
            out.len() / 3 * 4 + 1
        )),
        _ => Err("Incorrect padding".to_owned()),
    }
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// An error response or exception event as boto3 holds it in `ClientError.response`
/// (`EventStreamError.response` for events), `ResponseMetadata` aside.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorBody {
    /// `Error.Code` as text, for picking the exception class (a code that is not a string,
    /// which boto3 keeps as it is, is written as Python's `str` would).
    pub code: String,
    /// `Error.Message` as text, likewise.
    pub message: String,
    /// The `Error` dict exactly, in boto3's order: `Message`, `Code` (then `QueryErrorCode`,
    /// `Type` when an `x-amzn-query-error` header asks) for an error response; `Code`,
    /// `Message` for a generic (HTML or empty 5xx) response and for an exception event.
    pub error: Vec<(String, Value)>,
    /// The modelled members of the error shape the code names (`message`,
    /// `originalStatusCode`, `resourceName`, ...), in the model's order: boto3 puts them
    /// after `ResponseMetadata` at the top level of the response. Empty for events.
    pub members: Vec<(String, Value)>,
    /// Whether botocore read this as a generic error (an empty or HTML 5xx body), whose
    /// `ResponseMetadata` has no `RequestId`.
    pub generic: bool,
}

impl ErrorBody {
    fn new(error: Vec<(String, Value)>, members: Vec<(String, Value)>) -> Self {
        let text = |key: &str| {
            error
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| py_str(v))
                .unwrap_or_default()
        };
        ErrorBody {
            code: text("Code"),
            message: text("Message"),
            error,
            members,
            generic: false,
        }
    }

    /// boto3's whole dict: `{"Error": ..., "ResponseMetadata": metadata, **members}`, or
    /// `{"Error": ...}` without metadata (an exception event's).
    pub fn into_response(self, metadata: Option<Value>) -> Value {
        let mut out = Vec::with_capacity(2 + self.members.len());
        out.push(("Error".to_owned(), Value::Map(self.error)));
        if let Some(metadata) = metadata {
            out.push(("ResponseMetadata".to_owned(), metadata));
        }
        out.extend(self.members);
        Value::Map(out)
    }
}

/// Python's `str()` of a JSON value, for the text views of [`ErrorBody`].
fn py_str(value: &Value) -> String {
    match value {
        Value::Str(s) => s.clone(),
        Value::Null => "None".to_owned(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        Value::Int(n) => n.to_string(),
        Value::BigInt(text) => text.to_string(),
        Value::Float(x) => format!("{x:?}"),
        other => format!("{other:?}"),
    }
}

/// The error shape botocore's `shape_for_error_code` finds for `code`.
fn error_structure(code: &str) -> Option<&'static Structure> {
    generated::SHAPES.iter().find_map(|shape| match shape.kind {
        Kind::Structure(s) if s.flavor == Flavor::Error && shape.name == code => Some(s),
        _ => None,
    })
}

/// Python's `http.client.responses` for the statuses a generic error response can have.
fn reason(status: u16) -> &'static str {
    match status {
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        510 => "Not Extended",
        511 => "Network Authentication Required",
        _ => "",
    }
}

/// A header's value (names lowercase); repeated headers are joined with ", " as
/// `http.client` joins them.
fn header(headers: &[(String, String)], name: &str) -> Option<String> {
    let mut found = headers.iter().filter(|(k, _)| k == name).map(|(_, v)| v);
    let first = found.next()?.clone();
    Some(found.fold(first, |mut all, v| {
        all.push_str(", ");
        all.push_str(v);
        all
    }))
}

/// Python's `bytes.strip()` (which, unlike `trim_ascii`, also strips `\x0b`).
fn py_strip(bytes: &[u8]) -> &[u8] {
    let space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    let start = bytes.iter().position(|b| !space(b)).unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !space(b))
        .map_or(start, |i| i + 1);
    &bytes[start..end.max(start)]
}

/// `code.split(':', 1)[0].rsplit('#', 1)[-1]`.
fn bare_code(code: &str) -> &str {
    let code = code.split(':').next().unwrap_or_default();
    code.rsplit('#').next().unwrap_or_default()
}

/// An error response (`status` >= 301), as botocore's `RestJSONParser` reads it and
/// `Endpoint._add_modeled_error_fields` completes it. Never fails.
///
/// - A 5xx whose body is empty or starts with `<html>` (after `bytes.strip()`) is generic:
///   `Code` is the status, `Message` its reason phrase (`"502"`, `"Bad Gateway"`).
/// - Otherwise `Message` is the body's `message` (else `Message`, else `""`); `Code` is the
///   `x-amzn-errortype` header, else the body's `code` (else `Code`), else its `__type`,
///   else the status; `:...` and `...#` are stripped from string codes. A body that is not
///   JSON reads as `{"message": <the text>}`.
/// - The members of the error shape the code names are read from the body.
///
/// Where botocore itself raises, this reads instead: a body that is not UTF-8 as its lossy
/// text; a JSON body that is not an object (or is nested too deeply) as one that is not
/// JSON; a `__type` that is not a string (or null) as absent; a `code` that is an array or
/// object as absent; modelled members that do not decode as none.
pub fn error(status: u16, headers: &[(String, String)], body: &[u8]) -> ErrorBody {
    let stripped = py_strip(body);
    if status >= 500 && (stripped.is_empty() || stripped.starts_with(b"<html>")) {
        let mut generic = ErrorBody::new(
            vec![
                ("Code".to_owned(), Value::Str(status.to_string())),
                ("Message".to_owned(), Value::Str(reason(status).to_owned())),
            ],
            Vec::new(),
        );
        generic.generic = true;
        return generic;
    }

    let text = || String::from_utf8_lossy(body).into_owned();
    let parsed: Vec<(String, Value)> = if body.is_empty() {
        Vec::new()
    } else {
        match json::parse_str(&String::from_utf8_lossy(body)) {
            Ok(Value::Map(entries)) => entries,
            _ => vec![("message".to_owned(), Value::Str(text()))],
        }
    };
    let get = |key: &str| parsed.iter().find(|(k, _)| k == key).map(|(_, v)| v);

    let message = get("message")
        .or_else(|| get("Message"))
        .cloned()
        .unwrap_or_else(|| Value::Str(String::new()));
    let mut error = vec![
        ("Message".to_owned(), message),
        ("Code".to_owned(), Value::Str(String::new())),
    ];
    let code = match get("__type") {
        None => Some(status.to_string()),
        Some(Value::Null) => None,
        Some(Value::Str(t)) => Some(bare_code(t).to_owned()),
        Some(_) => Some(status.to_string()),
    };
    if let Some(mut code) = code {
        if let Some(query) = header(headers, "x-amzn-query-error") {
            let parts: Vec<&str> = query.split(';').collect();
            if parts.len() == 2 && !parts[0].is_empty() {
                error.push(("QueryErrorCode".to_owned(), Value::Str(code)));
                error.push(("Type".to_owned(), Value::Str(parts[1].to_owned())));
                code = parts[0].to_owned();
            }
        }
        error[1].1 = Value::Str(code);
    }
    // RestJSONParser._inject_error_code.
    let injected = if let Some(h) = header(headers, "x-amzn-errortype") {
        Some(Value::Str(bare_code(&h).to_owned()))
    } else if get("code").is_some() || get("Code").is_some() {
        match get("code").or_else(|| get("Code")) {
            Some(Value::Str(c)) => Some(Value::Str(bare_code(c).to_owned())),
            Some(Value::Null | Value::List(_) | Value::Map(_)) | None => None,
            Some(other) => Some(other.clone()),
        }
    } else {
        None
    };
    if let Some(code) = injected {
        error[1].1 = code;
    }

    let members = match &error[1].1 {
        Value::Str(code) => match error_structure(code) {
            Some(structure) => {
                members(structure.members, parsed.clone(), Mode::Rest).unwrap_or_default()
            }
            None => Vec::new(),
        },
        _ => Vec::new(),
    };
    ErrorBody::new(error, members)
}

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

/// The headers of an event-stream message that decide how botocore reads it.
#[derive(Debug, Clone, Copy, Default)]
pub struct EventHeaders<'a> {
    /// `:message-type`: `event`, `exception` or `error`.
    pub message_type: Option<&'a str>,
    /// `:event-type`, e.g. `contentBlockDelta`.
    pub event_type: Option<&'a str>,
    /// `:exception-type`, e.g. `throttlingException`.
    pub exception_type: Option<&'a str>,
    /// `:error-code` (an `error` message).
    pub error_code: Option<&'a str>,
    /// `:error-message` (an `error` message).
    pub error_message: Option<&'a str>,
}

/// What boto3's `EventStream` makes of one message.
#[derive(Debug, Clone, PartialEq)]
pub enum EventOutcome {
    /// An event as boto3 yields it: `{"contentBlockDelta": {...}}`.
    Event(Value),
    /// boto3 yields nothing for it (an event type the model does not know, or none).
    Skip,
    /// boto3 raises `EventStreamError` whose `.response` is `{"Error": {"Code", "Message"}}`
    /// ([`ErrorBody::into_response`] with no metadata: boto3 adds none, nor members).
    Exception(ErrorBody),
}

/// One event-stream message of ConverseStream, as botocore's `EventStream` reads it with
/// `EventStreamJSONParser`.
///
/// A message whose `:message-type` is `error` or `exception` is an exception: with an
/// `:exception-type` that names a member of the stream, `Code` is that name and `Message` the
/// payload's `Message` or `message` (else `""`); otherwise `Code` and `Message` are the
/// `:error-code` and `:error-message` headers (else `""`). Any other message is an event:
/// its `:event-type` names a member of the stream (else [`EventOutcome::Skip`]), and the
/// payload is decoded by that member's shape, numbers and booleans untouched; an exception
/// member sent as an event (`:message-type` `event`) is `{name: {}}`, its payload unread, as
/// botocore reads only the payloads of members with the `event` trait.
pub fn event(headers: &EventHeaders<'_>, payload: &[u8]) -> Result<EventOutcome, DecodeError> {
    let stream = generated::CONVERSE_STREAM_OUTPUT.get();
    let Kind::Structure(structure) = stream.kind else {
        unreachable!("ConverseStreamOutput is a structure");
    };
    if let Some("error" | "exception") = headers.message_type {
        let member = headers.exception_type.and_then(|t| structure.member(t));
        let error = match member {
            Some(member) => {
                let entries = event_payload(member, payload)?;
                let get = |key: &str| entries.iter().find(|(k, _)| k == key).map(|(_, v)| v);
                let message = get("Message")
                    .or_else(|| get("message"))
                    .cloned()
                    .unwrap_or_else(|| Value::Str(String::new()));
                vec![
                    ("Code".to_owned(), Value::Str(member.name.to_owned())),
                    ("Message".to_owned(), message),
                ]
            }
            None => vec![
                (
                    "Code".to_owned(),
                    Value::Str(headers.error_code.unwrap_or_default().to_owned()),
                ),
                (
                    "Message".to_owned(),
                    Value::Str(headers.error_message.unwrap_or_default().to_owned()),
                ),
            ],
        };
        return Ok(EventOutcome::Exception(ErrorBody::new(error, Vec::new())));
    }
    let Some(member) = headers.event_type.and_then(|t| structure.member(t)) else {
        return Ok(EventOutcome::Skip);
    };
    // botocore reads the payload only of members marked `event`; the exception members
    // are not, so `{"throttlingException": {}}` whatever the payload holds.
    let is_event =
        !matches!(member.shape.get().kind, Kind::Structure(s) if s.flavor == Flavor::Error);
    let entries = if is_event {
        event_payload(member, payload)?
    } else {
        Vec::new()
    };
    Ok(EventOutcome::Event(Value::Map(vec![(
        member.name.to_owned(),
        Value::Map(entries),
    )])))
}

/// An event's payload decoded by `member`'s shape; botocore fails unless that gives a dict.
fn event_payload(
    member: &'static Member,
    payload: &[u8],
) -> Result<Vec<(String, Value)>, DecodeError> {
    let name = member.shape.get().name;
    let raw = body_json(name, payload)?;
    match shaped_as(member.shape, raw, Mode::Event)? {
        Value::Map(entries) => Ok(entries),
        other => Err(DecodeError::new(
            name,
            format!(
                "the payload must be a JSON object, not {}",
                type_name(&other)
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::generated as g;

    fn j(text: &str) -> Value {
        json::parse(text.as_bytes()).unwrap()
    }

    fn map(entries: &[(&str, Value)]) -> Value {
        Value::Map(
            entries
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
        )
    }

    fn s(text: &str) -> Value {
        Value::Str(text.to_owned())
    }

    #[test]
    fn structures_follow_the_model_order_and_drop_nulls_and_unknown_keys() {
        let out = response(
            g::CONVERSE_RESPONSE,
            br#"{"new": 1, "stopReason": "end_turn", "usage": {"totalTokens": 3, "inputTokens": 1, "outputTokens": 2},
               "metrics": null, "output": {"message": {"content": [{"text": "hi"}, null], "role": "assistant"}}}"#,
        )
        .unwrap();
        let expected = map(&[
            (
                "output",
                map(&[(
                    "message",
                    map(&[
                        ("role", s("assistant")),
                        (
                            "content",
                            Value::List(vec![map(&[("text", s("hi"))]), Value::Null]),
                        ),
                    ]),
                )]),
            ),
            ("stopReason", s("end_turn")),
            (
                "usage",
                map(&[
                    ("inputTokens", Value::Int(1)),
                    ("outputTokens", Value::Int(2)),
                    ("totalTokens", Value::Int(3)),
                ]),
            ),
        ]);
        assert_eq!(out, expected);
    }

    #[test]
    fn bodies() {
        assert_eq!(response(g::COUNT_TOKENS_RESPONSE, b"").unwrap(), map(&[]));
        assert_eq!(response(g::COUNT_TOKENS_RESPONSE, b"  ").unwrap(), map(&[]));
        assert_eq!(
            response(g::COUNT_TOKENS_RESPONSE, b"<html>").unwrap(),
            map(&[])
        );
        for body in [&b"null"[..], b"[1]", b"\"x\"", b"\xff", b"5"] {
            let e = response(g::COUNT_TOKENS_RESPONSE, body).unwrap_err();
            assert_eq!(e.shape, "CountTokensResponse", "{body:?}");
        }
    }

    #[test]
    fn rest_numbers_convert_as_python() {
        let count = |body: &str| response(g::COUNT_TOKENS_RESPONSE, body.as_bytes());
        let tokens = |body: &str| count(body).unwrap().get("inputTokens").cloned();
        assert_eq!(tokens(r#"{"inputTokens": 1.7}"#), Some(Value::Int(1)));
        assert_eq!(tokens(r#"{"inputTokens": -1.7}"#), Some(Value::Int(-1)));
        assert_eq!(tokens(r#"{"inputTokens": true}"#), Some(Value::Int(1)));
        assert_eq!(tokens(r#"{"inputTokens": " 1_2 "}"#), Some(Value::Int(12)));
        assert_eq!(tokens(r#"{"inputTokens": "-007"}"#), Some(Value::Int(-7)));
        assert_eq!(
            tokens(r#"{"inputTokens": 1e20}"#),
            Some(Value::BigInt("100000000000000000000".into()))
        );
        assert_eq!(
            tokens(r#"{"inputTokens": -1e300}"#),
            Some(Value::BigInt(
                format!("-{}", float_integer_text(1e300)).into()
            ))
        );
        assert_eq!(
            tokens(r#"{"inputTokens": 99999999999999999999}"#),
            Some(Value::BigInt("99999999999999999999".into()))
        );
        for bad in [
            r#"{"inputTokens": [1]}"#,
            r#"{"inputTokens": 1e400}"#,
            r#"{"inputTokens": NaN}"#,
            r#"{"inputTokens": "1.5"}"#,
            r#"{"inputTokens": "_1"}"#,
            r#"{"inputTokens": "1__0"}"#,
            r#"{"inputTokens": ""}"#,
        ] {
            let e = count(bad).unwrap_err();
            assert_eq!(e.shape, "Integer", "{bad}");
        }
        assert_eq!(
            float_integer_text(2f64.powi(70)),
            "1180591620717411303424".to_owned()
        );
        assert_eq!(float_integer_text(-(2f64.powi(63))), "-9223372036854775808");
    }

    #[test]
    fn floats_and_booleans() {
        let f = |v: Value| py_float("Float", v);
        assert_eq!(f(Value::Int(3)), Ok(3.0));
        assert_eq!(f(s(" 1_0.5 ")), Ok(10.5));
        assert_eq!(f(s("-inf")), Ok(f64::NEG_INFINITY));
        assert_eq!(f(s("Infinity")), Ok(f64::INFINITY));
        assert!(f(s("nan")).unwrap().is_nan());
        assert_eq!(
            f(Value::BigInt("1".repeat(400).into())).unwrap_err().shape,
            "Float"
        );
        assert!(f(s("1_")).is_err());
        assert!(f(Value::List(vec![])).is_err());
        assert!(ensure_boolean(&s("TRUE")));
        assert!(!ensure_boolean(&s("yes")));
        assert!(!ensure_boolean(&Value::Int(1)));
        assert!(!ensure_boolean(&Value::Null));
    }

    #[test]
    fn base64_as_python() {
        let d = |t: &str| b64decode(t);
        assert_eq!(d("YQ=="), Ok(b"a".to_vec()));
        assert_eq!(d("YQ==="), Ok(b"a".to_vec()));
        assert_eq!(d("YWJj"), Ok(b"abc".to_vec()));
        assert_eq!(d("=YQ=="), Ok(b"a".to_vec()));
        assert_eq!(d("YQ==YQ=="), Ok(b"a".to_vec()));
        assert_eq!(d("Y Q = ="), Ok(b"a".to_vec()));
        assert_eq!(d("YW=Jj"), Ok(b"abc".to_vec()));
        assert_eq!(d("YWI=Yw"), Ok(b"ab".to_vec()));
        assert_eq!(d("YQ=!="), Ok(b"a".to_vec()));
        assert_eq!(d(""), Ok(vec![]));
        assert_eq!(d("YQ"), Err("Incorrect padding".to_owned()));
        assert_eq!(d("YQ="), Err("Incorrect padding".to_owned()));
        assert_eq!(d("Y=Q="), Err("Incorrect padding".to_owned()));
        assert!(d("Y").unwrap_err().contains("(1) cannot be 1 more"));
        assert!(d("YWJjY").unwrap_err().contains("(5) cannot be 1 more"));
        assert!(d("abé").unwrap_err().contains("only ASCII"));
    }

    #[test]
    fn unions() {
        let block = |text: &str| shaped(g::CONTENT_BLOCK, j(text));
        assert_eq!(
            block(r#"{"text": "a", "image": null, "__type": "x"}"#),
            Ok(map(&[("text", s("a"))]))
        );
        let unknown = |name: &str| Ok(map(&[("SDK_UNKNOWN_MEMBER", map(&[("name", s(name))]))]));
        assert_eq!(block(r#"{"future": {"a": 1}}"#), unknown("future"));
        assert_eq!(block(r#"{"__type": "t", "future": 1}"#), unknown("__type"));
        assert_eq!(block(r#"{"text": null, "future": 1}"#), unknown("text"));
        for bad in [
            r#"{}"#,
            r#"{"text": "a", "future": 1}"#,
            r#"{"text": null}"#,
            "[]",
            "\"a\"",
        ] {
            let e = block(bad).unwrap_err();
            assert_eq!(e.shape, "ContentBlock", "{bad}");
        }
        assert!(block("{}")
            .unwrap_err()
            .message
            .contains("ContentBlock must have one and only one member set."));
        assert_eq!(block("null"), Ok(Value::Null));
    }

    #[test]
    fn lists_iterate_what_they_are_given() {
        let list = |text: &str| shaped(g::CONTENT_BLOCKS, j(text));
        assert_eq!(list("{}"), Ok(Value::List(vec![])));
        assert_eq!(list("\"\""), Ok(Value::List(vec![])));
        assert_eq!(list("[null]"), Ok(Value::List(vec![Value::Null])));
        assert_eq!(list("{\"a\": 1}").unwrap_err().shape, "ContentBlock");
        assert_eq!(list("5").unwrap_err().shape, "ContentBlocks");
    }

    #[test]
    fn documents_pass_through_and_blobs_decode() {
        let out = shaped(
            g::CONVERSE_RESPONSE,
            j(r#"{"additionalModelResponseFields": [1, {"b": null}, 1.5]}"#),
        )
        .unwrap();
        assert_eq!(
            out.get("additionalModelResponseFields"),
            Some(&j(r#"[1, {"b": null}, 1.5]"#))
        );
        let image = shaped(
            g::IMAGE_BLOCK,
            j(r#"{"format": "png", "source": {"bytes": "AAH/"}}"#),
        )
        .unwrap();
        assert_eq!(
            image.get("source").and_then(|s| s.get("bytes")),
            Some(&Value::Bytes(vec![0, 1, 255]))
        );
        let e = shaped(g::IMAGE_BLOCK, j(r#"{"source": {"bytes": "AAH"}}"#)).unwrap_err();
        assert_eq!(e.message, "Incorrect padding");
        assert!(e.to_string().contains("ImageSourceBytesBlob"), "{e}");
    }

    #[test]
    fn events() {
        let headers = |t: &'static str| EventHeaders {
            message_type: Some("event"),
            event_type: Some(t),
            ..Default::default()
        };
        assert_eq!(
            event(
                &headers("contentBlockDelta"),
                br#"{"contentBlockIndex": 1.5, "delta": {"text": "x"}, "p": "abc"}"#
            ),
            Ok(EventOutcome::Event(map(&[(
                "contentBlockDelta",
                map(&[
                    ("delta", map(&[("text", s("x"))])),
                    ("contentBlockIndex", Value::Float(1.5)),
                ])
            )])))
        );
        assert_eq!(event(&headers("future"), b"{}"), Ok(EventOutcome::Skip));
        assert_eq!(
            event(&headers("messageStop"), b""),
            Ok(EventOutcome::Event(map(&[("messageStop", map(&[]))])))
        );
        assert_eq!(
            event(&headers("messageStop"), b"not json"),
            Ok(EventOutcome::Event(map(&[("messageStop", map(&[]))])))
        );
        assert!(event(&headers("messageStop"), b"null").is_err());
        // An exception member sent as an event: its payload is not read.
        assert_eq!(
            event(&headers("throttlingException"), b"null"),
            Ok(EventOutcome::Event(map(&[(
                "throttlingException",
                map(&[])
            )])))
        );
        let exception = event(
            &EventHeaders {
                message_type: Some("exception"),
                exception_type: Some("modelStreamErrorException"),
                ..Default::default()
            },
            br#"{"originalStatusCode": 500, "message": "boom", "x": 1}"#,
        )
        .unwrap();
        let EventOutcome::Exception(body) = exception else {
            panic!()
        };
        assert_eq!(
            (body.code.as_str(), body.message.as_str()),
            ("modelStreamErrorException", "boom")
        );
        assert_eq!(
            body.into_response(None),
            map(&[(
                "Error",
                map(&[
                    ("Code", s("modelStreamErrorException")),
                    ("Message", s("boom"))
                ])
            )])
        );
        let unknown = event(
            &EventHeaders {
                message_type: Some("error"),
                error_code: Some("InternalFailure"),
                error_message: Some("oops"),
                ..Default::default()
            },
            b"",
        )
        .unwrap();
        let EventOutcome::Exception(body) = unknown else {
            panic!()
        };
        assert_eq!(
            body.error,
            vec![
                ("Code".into(), s("InternalFailure")),
                ("Message".into(), s("oops"))
            ]
        );
    }

    fn err(status: u16, headers: &[(&str, &str)], body: &str) -> ErrorBody {
        let headers: Vec<(String, String)> = headers
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        error(status, &headers, body.as_bytes())
    }

    #[test]
    fn errors() {
        let e = err(502, &[], "  <html><body>Bad</body></html>");
        assert_eq!(
            e.error,
            vec![
                ("Code".into(), s("502")),
                ("Message".into(), s("Bad Gateway"))
            ]
        );
        let e = err(500, &[], "\x0b\n");
        assert_eq!(
            (e.code.as_str(), e.message.as_str()),
            ("500", "Internal Server Error")
        );
        let e = err(400, &[], "not json");
        assert_eq!(
            e.error,
            vec![("Message".into(), s("not json")), ("Code".into(), s("400"))]
        );
        let e = err(
            424,
            &[("x-amzn-errortype", "ModelErrorException:http://internal")],
            r#"{"message": "m", "originalStatusCode": "500", "resourceName": "r", "x": 1}"#,
        );
        assert_eq!(e.code, "ModelErrorException");
        assert_eq!(
            e.members,
            vec![
                ("message".into(), s("m")),
                ("originalStatusCode".into(), Value::Int(500)),
                ("resourceName".into(), s("r"))
            ]
        );
        let e = err(
            400,
            &[],
            r#"{"__type": "com.amazon#ValidationException:x", "Message": "M"}"#,
        );
        assert_eq!(
            (e.code.as_str(), e.message.as_str()),
            ("ValidationException", "M")
        );
        assert_eq!(e.members, vec![]);
        let e = err(
            409,
            &[],
            r#"{"__type": "ConflictException", "message": "c"}"#,
        );
        assert_eq!(e.members, vec![("message".into(), s("c"))]);
        let e = err(400, &[], r#"{"__type": null}"#);
        assert_eq!(e.code, "");
        let e = err(400, &[], r#"{"code": 5}"#);
        assert_eq!(e.error[1].1, Value::Int(5));
        assert_eq!(e.code, "5");
        let e = err(
            400,
            &[("x-amzn-query-error", "Q;Sender")],
            r#"{"__type": "A#B"}"#,
        );
        assert_eq!(
            e.error,
            vec![
                ("Message".into(), s("")),
                ("Code".into(), s("Q")),
                ("QueryErrorCode".into(), s("B")),
                ("Type".into(), s("Sender")),
            ]
        );
        let e = err(400, &[], "[1]");
        assert_eq!((e.code.as_str(), e.message.as_str()), ("400", "[1]"));
        let e = err(500, &[], "");
        assert_eq!(
            e.into_response(Some(map(&[]))).as_map().map(|m| m.len()),
            Some(2)
        );
    }
}
