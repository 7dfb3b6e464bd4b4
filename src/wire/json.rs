//! A JSON reader with Python's `json.loads` semantics, into [`Value`].
//!
//! botocore reads every response body and every event payload with
//! `json.loads(body.decode("utf-8"))`; this module gives the same values from the same bytes:
//!
//! - objects keep their keys in order; a repeated key keeps its first position and takes the
//!   last value, as building a `dict` does;
//! - integers are exact: [`Value::Int`] when they fit in `i64`, else [`Value::BigInt`] with
//!   their digits (`-0` is `Int(0)`); more than 4300 digits is an error, as Python's default
//!   `sys.get_int_max_str_digits()` makes it (a `ValueError` from `json.loads`);
//! - a number with a fraction or an exponent is a float, correctly rounded (as `float()`:
//!   `1e400` is infinity, `1e-400` is 0.0);
//! - the literals `NaN`, `Infinity` and `-Infinity` are accepted where a value may stand;
//! - whitespace is `' '`, `\t`, `\n`, `\r` only; control characters inside strings are
//!   refused (`strict=True`); every escape is read, `\u` surrogate pairs included. A lone
//!   surrogate (`"\ud800"`), which a Python `str` holds but a Rust `String` cannot, becomes
//!   U+FFFD REPLACEMENT CHARACTER: the one place where the text differs from Python's.
//! - nesting deeper than [`MAX_DEPTH`] is refused ([`JsonErrorKind::TooDeep`]); Python's own
//!   reader raises `RecursionError` at about the same depth (its recursion limit is 1000).
//!
//! Strings without escapes are copied once, straight from the input.

use std::fmt;

use super::value::Value;

/// The deepest nesting of arrays and objects accepted. `json.loads` raises `RecursionError`
/// a little below 1000 (Python's default recursion limit, less the frames of its caller).
pub const MAX_DEPTH: usize = 1000;

/// Python's default limit on the digits of an integer read from text
/// (`sys.get_int_max_str_digits()`), which `json.loads` obeys.
pub const MAX_INT_DIGITS: usize = 4300;

/// Why bytes are not JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonErrorKind {
    /// The bytes are not UTF-8 (botocore's `bytes.decode("utf-8")` raises
    /// `UnicodeDecodeError` before JSON is tried).
    Utf8,
    /// Not JSON as `json.loads` reads it (it raises `JSONDecodeError`).
    Syntax,
    /// An integer of more than [`MAX_INT_DIGITS`] digits (`json.loads` raises `ValueError`).
    IntegerTooLong,
    /// Nested deeper than [`MAX_DEPTH`] (`json.loads` raises `RecursionError`).
    TooDeep,
}

/// Why bytes could not be read as JSON, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// What is wrong.
    pub kind: JsonErrorKind,
    /// The byte offset in the input where it was found.
    pub offset: usize,
    /// What was expected there.
    pub what: &'static str,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            JsonErrorKind::Utf8 => "invalid UTF-8",
            JsonErrorKind::Syntax => "invalid JSON",
            JsonErrorKind::IntegerTooLong => "integer too long",
            JsonErrorKind::TooDeep => "JSON nested too deeply",
        };
        write!(f, "{kind} at byte {}: {}", self.offset, self.what)
    }
}

impl std::error::Error for JsonError {}

/// Reads `bytes` as `json.loads(bytes.decode("utf-8"))` does.
pub fn parse(bytes: &[u8]) -> Result<Value, JsonError> {
    let text = std::str::from_utf8(bytes).map_err(|e| JsonError {
        kind: JsonErrorKind::Utf8,
        offset: e.valid_up_to(),
        what: "a UTF-8 sequence",
    })?;
    parse_str(text)
}

/// Reads `text` as `json.loads(text)` does.
pub fn parse_str(text: &str) -> Result<Value, JsonError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    parser.skip_ws();
    if parser.bytes.starts_with("\u{feff}".as_bytes()) {
        return Err(parser.error("no UTF-8 byte order mark (json.loads refuses one)"));
    }
    let value = parser.value()?;
    parser.skip_ws();
    if parser.pos != parser.bytes.len() {
        return Err(parser.error("the end of the input (extra data)"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn error(&self, what: &'static str) -> JsonError {
        JsonError {
            kind: JsonErrorKind::Syntax,
            offset: self.pos,
            what,
        }
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline]
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn eat_literal(&mut self, literal: &str) -> bool {
        if self.bytes[self.pos..].starts_with(literal.as_bytes()) {
            self.pos += literal.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> Result<Value, JsonError> {
        match self.peek() {
            Some(b'"') => self.string().map(Value::Str),
            Some(b'{') => self.nested(Self::object),
            Some(b'[') => self.nested(Self::array),
            Some(b'-' | b'0'..=b'9') => {
                if self.bytes[self.pos..].starts_with(b"-Infinity") {
                    self.pos += 9;
                    return Ok(Value::Float(f64::NEG_INFINITY));
                }
                self.number()
            }
            Some(b'n') if self.eat_literal("null") => Ok(Value::Null),
            Some(b't') if self.eat_literal("true") => Ok(Value::Bool(true)),
            Some(b'f') if self.eat_literal("false") => Ok(Value::Bool(false)),
            Some(b'N') if self.eat_literal("NaN") => Ok(Value::Float(f64::NAN)),
            Some(b'I') if self.eat_literal("Infinity") => Ok(Value::Float(f64::INFINITY)),
            _ => Err(self.error("a value")),
        }
    }

    fn nested(
        &mut self,
        read: fn(&mut Self) -> Result<Value, JsonError>,
    ) -> Result<Value, JsonError> {
        if self.depth >= MAX_DEPTH {
            return Err(JsonError {
                kind: JsonErrorKind::TooDeep,
                offset: self.pos,
                what: "at most 1000 nested arrays and objects",
            });
        }
        self.depth += 1;
        let value = read(self);
        self.depth -= 1;
        value
    }

    fn array(&mut self) -> Result<Value, JsonError> {
        self.pos += 1; // '['
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::List(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value()?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::List(items));
                }
                _ => return Err(self.error("',' or ']'")),
            }
        }
    }

    fn object(&mut self) -> Result<Value, JsonError> {
        self.pos += 1; // '{'
        let mut entries: Vec<(String, Value)> = Vec::new();
        // Positions by key, built once an object is large enough for linear search to cost.
        let mut index: Option<std::collections::HashMap<String, usize>> = None;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Map(entries));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.error("a property name in double quotes"));
            }
            let key = self.string()?;
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.error("':'"));
            }
            self.pos += 1;
            self.skip_ws();
            let value = self.value()?;
            // A repeated key keeps its first position and takes the last value (a dict).
            let existing = match &index {
                Some(index) => index.get(&key).copied(),
                None => entries.iter().position(|(k, _)| *k == key),
            };
            match existing {
                Some(at) => entries[at].1 = value,
                None => {
                    if let Some(index) = &mut index {
                        index.insert(key.clone(), entries.len());
                    }
                    entries.push((key, value));
                    if index.is_none() && entries.len() == 32 {
                        index = Some(
                            entries
                                .iter()
                                .enumerate()
                                .map(|(i, (k, _))| (k.clone(), i))
                                .collect(),
                        );
                    }
                }
            }
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Map(entries));
                }
                _ => return Err(self.error("',' or '}'")),
            }
        }
    }

    /// A string, at its opening quote.
    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1; // '"'
        let start = self.pos;
        // The fast path: no escapes, one copy.
        loop {
            match self.peek() {
                Some(b'"') => {
                    let s = self.text[start..self.pos].to_owned();
                    self.pos += 1;
                    return Ok(s);
                }
                Some(b'\\') => break,
                Some(0..=0x1f) => return Err(self.error("no control character in a string")),
                Some(_) => self.pos += 1,
                None => return Err(self.error("'\"' closing the string")),
            }
        }
        let mut out = String::with_capacity(self.pos - start + 16);
        out.push_str(&self.text[start..self.pos]);
        loop {
            let run = self.pos;
            loop {
                match self.peek() {
                    Some(b'"' | b'\\') => break,
                    Some(0..=0x1f) => {
                        return Err(self.error("no control character in a string"));
                    }
                    Some(_) => self.pos += 1,
                    None => return Err(self.error("'\"' closing the string")),
                }
            }
            out.push_str(&self.text[run..self.pos]);
            if self.peek() == Some(b'"') {
                self.pos += 1;
                return Ok(out);
            }
            // A backslash.
            self.pos += 1;
            let escaped = self.peek().ok_or_else(|| self.error("an escape"))?;
            self.pos += 1;
            match escaped {
                b'"' => out.push('"'),
                b'\\' => out.push('\\'),
                b'/' => out.push('/'),
                b'b' => out.push('\u{8}'),
                b'f' => out.push('\u{c}'),
                b'n' => out.push('\n'),
                b'r' => out.push('\r'),
                b't' => out.push('\t'),
                b'u' => {
                    let unit = self.hex4()?;
                    let c = if (0xd800..0xdc00).contains(&unit) {
                        // A high surrogate: a pair only when `\u` and a low surrogate follow.
                        let rest = &self.bytes[self.pos..];
                        let low = if rest.len() >= 6 && rest[0] == b'\\' && rest[1] == b'u' {
                            hex4(&rest[2..6])
                        } else {
                            None
                        };
                        match low {
                            Some(low @ 0xdc00..=0xdfff) => {
                                self.pos += 6;
                                let c = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
                                char::from_u32(c).unwrap_or('\u{fffd}')
                            }
                            // Lone surrogate: Python keeps it; a Rust string cannot.
                            _ => '\u{fffd}',
                        }
                    } else {
                        // A lone low surrogate also becomes U+FFFD.
                        char::from_u32(unit).unwrap_or('\u{fffd}')
                    };
                    out.push(c);
                }
                _ => {
                    self.pos -= 2;
                    return Err(self.error("a valid escape"));
                }
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        match self.bytes.get(self.pos..self.pos + 4).and_then(hex4) {
            Some(unit) => {
                self.pos += 4;
                Ok(unit)
            }
            None => Err(self.error("four hex digits after \\u")),
        }
    }

    /// A number, at its first character (`-` or a digit).
    fn number(&mut self) -> Result<Value, JsonError> {
        let start = self.pos;
        let bytes = self.bytes;
        let mut pos = self.pos;
        if bytes[pos] == b'-' {
            pos += 1;
        }
        let int_start = pos;
        match bytes.get(pos) {
            Some(b'0') => pos += 1,
            Some(b'1'..=b'9') => {
                while let Some(b'0'..=b'9') = bytes.get(pos) {
                    pos += 1;
                }
            }
            _ => return Err(self.error("a value")),
        }
        let int_end = pos;
        let mut is_float = false;
        // A fraction needs a digit after the point, an exponent a digit after e and sign;
        // otherwise the number ends before them (and what follows is then an error).
        if bytes.get(pos) == Some(&b'.') && matches!(bytes.get(pos + 1), Some(b'0'..=b'9')) {
            pos += 2;
            while let Some(b'0'..=b'9') = bytes.get(pos) {
                pos += 1;
            }
            is_float = true;
        }
        if let Some(b'e' | b'E') = bytes.get(pos) {
            let mut exp = pos + 1;
            if let Some(b'+' | b'-') = bytes.get(exp) {
                exp += 1;
            }
            if let Some(b'0'..=b'9') = bytes.get(exp) {
                while let Some(b'0'..=b'9') = bytes.get(exp) {
                    exp += 1;
                }
                pos = exp;
                is_float = true;
            }
        }
        self.pos = pos;
        let text = &self.text[start..pos];
        if is_float {
            // Rust's parser is correctly rounded, as Python's float() is; overflow is inf.
            return text
                .parse::<f64>()
                .map(Value::Float)
                .map_err(|_| self.error("a number"));
        }
        if int_end - int_start > MAX_INT_DIGITS {
            return Err(JsonError {
                kind: JsonErrorKind::IntegerTooLong,
                offset: start,
                what: "an integer of at most 4300 digits",
            });
        }
        Ok(integer(text))
    }
}

/// An integer from its canonical decimal text (optional `-`, no leading zeros).
pub(crate) fn integer(text: &str) -> Value {
    match text.parse::<i64>() {
        Ok(n) => Value::Int(n),
        Err(_) => Value::BigInt(text.into()),
    }
}

fn hex4(digits: &[u8]) -> Option<u32> {
    let mut unit = 0u32;
    for &d in digits {
        let v = (d as char).to_digit(16)?;
        unit = unit * 16 + v;
    }
    Some(unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Value {
        parse(text.as_bytes()).unwrap_or_else(|e| panic!("{text:?}: {e}"))
    }

    fn err(text: &[u8]) -> JsonError {
        match parse(text) {
            Ok(v) => panic!("{text:?} parsed as {v:?}"),
            Err(e) => e,
        }
    }

    fn s(text: &str) -> Value {
        Value::Str(text.to_owned())
    }

    #[test]
    fn scalars() {
        assert_eq!(ok("null"), Value::Null);
        assert_eq!(ok(" true "), Value::Bool(true));
        assert_eq!(ok("\t\r\nfalse"), Value::Bool(false));
        assert_eq!(ok("0"), Value::Int(0));
        assert_eq!(ok("-0"), Value::Int(0));
        assert_eq!(ok("-12"), Value::Int(-12));
        assert_eq!(ok("9223372036854775807"), Value::Int(i64::MAX));
        assert_eq!(ok("-9223372036854775808"), Value::Int(i64::MIN));
        assert_eq!(
            ok("9223372036854775808"),
            Value::BigInt("9223372036854775808".into())
        );
        assert_eq!(
            ok("-9223372036854775809"),
            Value::BigInt("-9223372036854775809".into())
        );
        assert_eq!(ok("1.0"), Value::Float(1.0));
        assert_eq!(ok("-0.0"), Value::Float(-0.0));
        assert!(matches!(ok("-0.0"), Value::Float(x) if x.is_sign_negative()));
        assert_eq!(ok("1e400"), Value::Float(f64::INFINITY));
        assert_eq!(ok("-1e400"), Value::Float(f64::NEG_INFINITY));
        assert_eq!(ok("1e-400"), Value::Float(0.0));
        assert_eq!(ok("1E2"), Value::Float(100.0));
        assert_eq!(ok("1e+2"), Value::Float(100.0));
        assert_eq!(ok("0.1"), Value::Float(0.1));
        assert_eq!(ok("5e-324"), Value::Float(5e-324));
        assert_eq!(ok("Infinity"), Value::Float(f64::INFINITY));
        assert_eq!(ok("-Infinity"), Value::Float(f64::NEG_INFINITY));
        assert!(matches!(ok("NaN"), Value::Float(x) if x.is_nan()));
    }

    #[test]
    fn integer_digit_limit_counts_digits_not_sign() {
        let digits = "1".repeat(MAX_INT_DIGITS);
        assert!(matches!(ok(&digits), Value::BigInt(_)));
        assert!(matches!(ok(&format!("-{digits}")), Value::BigInt(_)));
        let e = err(format!("{digits}1").as_bytes());
        assert_eq!(e.kind, JsonErrorKind::IntegerTooLong);
        // Floats have no such limit.
        assert_eq!(ok(&format!("{digits}.0")), Value::Float(f64::INFINITY));
    }

    #[test]
    fn malformed_numbers() {
        for text in [
            "-",
            "-a",
            "01",
            "1.",
            ".5",
            "1e",
            "1e+",
            "+1",
            "-NaN",
            "[1.]",
            "[01]",
            "Infinity1",
            "0x10",
            "1_0",
        ] {
            assert_eq!(err(text.as_bytes()).kind, JsonErrorKind::Syntax, "{text}");
        }
    }

    #[test]
    fn strings_and_escapes() {
        assert_eq!(ok(r#""""#), s(""));
        assert_eq!(ok(r#""héllo ✓ 日本""#), s("héllo ✓ 日本"));
        assert_eq!(
            ok(r#""a\"b\\c\/d\be\ff\ng\rh\ti""#),
            s("a\"b\\c/d\u{8}e\u{c}f\ng\rh\ti")
        );
        assert_eq!(ok(r#""\u00e9\u00E9""#), s("éé"));
        assert_eq!(ok(r#""\ud83d\ude00""#), s("😀"));
        assert_eq!(ok(r#""\uD83D\uDE00x""#), s("😀x"));
        // Lone surrogates: U+FFFD where Python keeps the surrogate.
        assert_eq!(ok(r#""\ud800""#), s("\u{fffd}"));
        assert_eq!(ok(r#""\ud800\u0041""#), s("\u{fffd}A"));
        assert_eq!(ok(r#""\udc00""#), s("\u{fffd}"));
        assert_eq!(ok(r#""\ud800\ud800\udc00""#), s("\u{fffd}𐀀"));
        assert_eq!(ok("\"\u{7f}\""), s("\u{7f}"));
        for text in [
            "\"\u{1f}\"",
            "\"a\nb\"",
            r#""\x""#,
            r#""\u12""#,
            r#""\u12g4""#,
            "\"abc",
            "\"ab\\",
        ] {
            assert_eq!(err(text.as_bytes()).kind, JsonErrorKind::Syntax, "{text:?}");
        }
    }

    #[test]
    fn objects_keep_order_and_repeated_keys_take_the_last_value() {
        assert_eq!(
            ok(r#"{"b": 1, "a": 2, "b": 3}"#),
            Value::Map(vec![
                ("b".into(), Value::Int(3)),
                ("a".into(), Value::Int(2))
            ])
        );
        // The same beyond the size where an index is used.
        let mut text = String::from("{");
        for i in 0..100 {
            text.push_str(&format!("\"k{i}\": {i},"));
        }
        text.push_str("\"k5\": \"last\", \"k99\": null}");
        let Value::Map(entries) = ok(&text) else {
            panic!()
        };
        assert_eq!(entries.len(), 100);
        assert_eq!(entries[5], ("k5".into(), s("last")));
        assert_eq!(entries[99], ("k99".into(), Value::Null));
        assert_eq!(entries[6], ("k6".into(), Value::Int(6)));
    }

    #[test]
    fn nesting() {
        assert_eq!(
            ok(r#"[1, [], {}, {"a": [null]}]"#),
            Value::List(vec![
                Value::Int(1),
                Value::List(vec![]),
                Value::Map(vec![]),
                Value::Map(vec![("a".into(), Value::List(vec![Value::Null]))]),
            ])
        );
        let deep = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(deep.as_bytes()).is_ok());
        let deeper = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert_eq!(err(deeper.as_bytes()).kind, JsonErrorKind::TooDeep);
        let huge = "[".repeat(1_000_000);
        assert_eq!(err(huge.as_bytes()).kind, JsonErrorKind::TooDeep);
        let objects = "{\"a\":".repeat(1_000_000);
        assert_eq!(err(objects.as_bytes()).kind, JsonErrorKind::TooDeep);
    }

    #[test]
    fn errors_carry_an_offset() {
        let e = err(b"[1, 2 x]");
        assert_eq!((e.kind, e.offset), (JsonErrorKind::Syntax, 6));
        assert!(e.to_string().contains("byte 6"), "{e}");
        let e = err(b"{\"a\": \xff}");
        assert_eq!((e.kind, e.offset), (JsonErrorKind::Utf8, 6));
        let e = err(b"[1] x");
        assert_eq!((e.kind, e.offset), (JsonErrorKind::Syntax, 4));
        for text in [
            &b""[..],
            b"   ",
            b"[1,]",
            b"{\"a\":1,}",
            b"{a:1}",
            b"[1]\x0b",
            "\u{feff}1".as_bytes(),
            b"nul",
            b"True",
        ] {
            assert_eq!(err(text).kind, JsonErrorKind::Syntax, "{text:?}");
        }
    }
}
