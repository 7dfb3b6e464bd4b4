//! Request bodies as JSON, nested as deep as the client may send them.
//!
//! serde_json stops at 128 levels, where fastconverse's client sends documents up to 272
//! levels deep (and Bedrock's own parser is not known to stop earlier): LocalBedrock
//! must not refuse what the client and Bedrock take. The parse still has a bound, checked
//! on the bytes before anything recurses, so that no request can exhaust the stack of
//! the runtime thread that answers it.

use serde::Deserialize;
use serde_json::Value;

/// The deepest nesting of arrays and objects a request may have.
pub const MAX_NESTING: usize = 512;

/// Parses `body` as JSON, refusing nesting beyond [`MAX_NESTING`].
pub fn parse(body: &[u8]) -> Result<Value, String> {
    let depth = nesting(body);
    if depth > MAX_NESTING {
        return Err(format!(
            "arrays and objects nested {depth} levels deep (at most {MAX_NESTING})"
        ));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    // Bounded above, by the scan of the bytes.
    deserializer.disable_recursion_limit();
    let value = Value::deserialize(&mut deserializer).map_err(|err| err.to_string())?;
    deserializer.end().map_err(|err| err.to_string())?;
    Ok(value)
}

/// The deepest nesting of arrays and objects in JSON text, strings skipped; text that is
/// not JSON gets some number, and the parser then refuses it.
fn nesting(bytes: &[u8]) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for &byte in bytes {
        if in_string {
            if escaped {
                escaped = false;
            } else if byte == b'\\' {
                escaped = true;
            } else if byte == b'"' {
                in_string = false;
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(levels: usize) -> String {
        format!("{}1{}", "[".repeat(levels), "]".repeat(levels))
    }

    #[test]
    fn documents_deeper_than_serde_jsons_default_parse() {
        assert!(serde_json::from_str::<Value>(&nested(300)).is_err());
        assert!(parse(nested(300).as_bytes()).is_ok());
        assert!(parse(nested(MAX_NESTING).as_bytes()).is_ok());
    }

    #[test]
    fn deeper_than_the_bound_is_refused_before_parsing() {
        let err = parse(nested(100_000).as_bytes()).unwrap_err();
        assert!(err.contains("100000 levels"), "{err}");
    }

    #[test]
    fn brackets_in_strings_do_not_count() {
        let text = format!(r#"{{"a": "{}\"[", "b": [1]}}"#, "[".repeat(1000));
        assert_eq!(nesting(text.as_bytes()), 2);
        assert!(parse(text.as_bytes()).is_ok());
        assert!(parse(b"{\"a\": 1} trailing").is_err());
    }
}
