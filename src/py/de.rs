//! Python values into wire shapes: a serde Deserializer over Python objects, with botocore's checks.
//!
//! pythonize's deserializer takes neither bytearray nor file objects for blobs, and its
//! messages do not say what botocore says; this one does both and is faster, since it
//! reads Python objects in place. Paths come from serde_path_to_error around it.

use std::fmt;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple,
};
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

use crate::wire::check::{self, Min};
use crate::wire::encode::BIG_INT_KEY;

/// Why a value could not be taken; turned into a message once its path is known.
#[derive(Debug)]
pub enum DeError {
    /// The value has the wrong Python type.
    InvalidType {
        value: String,
        type_name: String,
        valid: &'static str,
    },
    /// A struct lacks a required member.
    MissingMember(String),
    /// A struct has a member the model does not know.
    UnknownMember {
        name: String,
        expected: &'static [&'static str],
    },
    /// A union has zero or several members set.
    UnionArity {
        set: usize,
        expected: &'static [&'static str],
    },
    /// A union member the model does not know.
    UnknownUnionMember {
        name: String,
        expected: &'static [&'static str],
    },
    /// A value in a JSON document of a type botocore does not take there.
    InvalidDocumentType { value: String, type_name: String },
    /// A string or list shorter than its shape's `min` (`key`: a map key's, which it is).
    InvalidLength {
        len: usize,
        min: i64,
        key: Option<String>,
    },
    /// A number below its shape's `min`, shown as Python's `str` of it.
    BelowMin { value: String, min: i64 },
    /// A number outside the range of its member.
    OutOfRange(String),
    /// Python raised while a value was read (a file's read(), a failing __repr__).
    Python(String),
    /// Containers nested deeper than [`MAX_DEPTH`] (a dict or list that contains itself
    /// is the usual cause); the message is written by [`from_py`], which sees the root.
    TooDeep,
    /// Any other message (from a wire type's own checks).
    Custom(String),
}

/// How deep dicts and lists may nest in a request, the request's own levels included.
///
/// The reader recurses once per level, and so do the SDK's serializer and the drop of a
/// JSON document: without a bound, a self-referential dict or a document nested some
/// thousands of levels deep overflows the stack and kills the interpreter. The SDK reads
/// response documents to 256 levels; a request document may nest as deep.
pub const MAX_DEPTH: usize = 256 + 16;

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe("input"))
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self::Custom(msg.to_string())
    }
    fn missing_field(field: &'static str) -> Self {
        Self::MissingMember(field.to_owned())
    }
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Self::UnknownMember {
            name: field.to_owned(),
            expected,
        }
    }
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Self::UnknownUnionMember {
            name: variant.to_owned(),
            expected,
        }
    }
}

impl DeError {
    /// The message botocore would give for this error at `path` (`input` for the top level).
    pub fn describe(&self, path: &str) -> String {
        match self {
            Self::InvalidType { value, type_name, valid } => format!(
                "Invalid type for parameter {path}, value: {value}, type: {type_name}, valid types: {valid}"
            ),
            Self::MissingMember(name) => format!("Missing required parameter in {path}: \"{name}\""),
            Self::UnknownMember { name, expected } => {
                format!("Unknown parameter in {path}: \"{name}\", must be one of: {}", expected.join(", "))
            }
            // Worded as botocore words it, missing space included.
            Self::UnionArity { set: 0, expected } => format!(
                "Must set one of the following keys for tagged unionstructure {path}: {}.",
                expected.join(", ")
            ),
            Self::UnionArity { expected, .. } => format!(
                "Invalid number of parameters set for tagged union structure {path}. Can only set one of the \
                 following keys: {}.",
                expected.join(", ")
            ),
            Self::UnknownUnionMember { name, expected } => {
                format!("Unknown parameter in {path}: \"{name}\", must be one of: {}", expected.join(", "))
            }
            Self::InvalidDocumentType { value, type_name } => format!(
                "Invalid type for document parameter {path}, value: {value}, type: {type_name}, valid types: \
                 <class 'str'>, <class 'int'>, <class 'bool'>, <class 'float'>, <class 'list'>, <class 'dict'>"
            ),
            Self::InvalidLength { len, min, key: None } => {
                format!("Invalid length for parameter {path}, value: {len}, valid min length: {min}")
            }
            Self::InvalidLength { len, min, key: Some(key) } => format!(
                "Invalid length for parameter {path} (key: {key}), value: {len}, valid min length: {min}"
            ),
            Self::BelowMin { value, min } => {
                format!("Invalid value for parameter {path}, value: {value}, valid min value: {min}")
            }
            Self::OutOfRange(detail) => format!("Invalid value for parameter {path}: {detail}"),
            Self::Python(detail) => format!("Invalid value for parameter {path}: {detail}"),
            Self::Custom(detail) => format!("Invalid value for parameter {path}: {detail}"),
            Self::TooDeep => format!(
                "Invalid value for parameter {path}: dicts and lists nested more than {MAX_DEPTH} \
                 levels deep"
            ),
        }
    }
}

/// A validation failure with the path of the field it concerns (`messages[0].content[1].text`).
#[derive(Debug)]
pub struct ParamError {
    /// Dotted path; empty for the top level.
    pub path: String,
    /// The full message, path included.
    pub message: String,
}

/// Reads a Python value through `seed` (a request's encoder), reporting the first problem
/// with its path.
///
/// The path is tracked only when there is a problem: a value that reads cleanly reads
/// once, untracked (tracking wraps every value read and costs about a third of the
/// read); one that fails is read again, tracked, to name the place.
pub fn from_py<S, T>(seed: S, value: &Bound<'_, PyAny>) -> Result<T, ParamError>
where
    S: for<'de> DeserializeSeed<'de, Value = T> + Clone,
{
    read(seed, value, false, "")
}

/// A Python value as plain JSON, for what LocalBedrock is given to send (replies, stream
/// events) and what the model catalog walks: read as a JSON document is read (None, bool,
/// int, float, str, list, and dict with str keys, in the dict's order), and more loosely:
/// bytes and bytearrays become base64 strings (as the wire carries blobs), tuples lists.
/// Ints beyond 64 bits and non-finite floats are refused (the JSON value cannot hold
/// them). A problem is named by its path under `root` (`reply.output.message`).
pub fn to_json(value: &Bound<'_, PyAny>, root: &str) -> Result<serde_json::Value, ParamError> {
    read(JsonSeed, value, true, root)
}

/// [`from_py`] and [`to_json`]: reads `value` through `seed`, `loose`ly or not, naming a
/// problem's place under `root` (empty: the top level is `input`).
fn read<S, T>(seed: S, value: &Bound<'_, PyAny>, loose: bool, root: &str) -> Result<T, ParamError>
where
    S: for<'de> DeserializeSeed<'de, Value = T> + Clone,
{
    let untracked = match seed.clone().deserialize(PyDe::root(value, loose)) {
        Ok(read) => return Ok(read),
        Err(err) => err,
    };
    let mut track = serde_path_to_error::Track::new();
    let result = seed.deserialize(serde_path_to_error::Deserializer::new(
        PyDe::root(value, loose),
        &mut track,
    ));
    let Err(inner) = result else {
        // The second reading passed (a file object read empty the second time, a value
        // that changed in between): the first problem, without its place.
        return Err(ParamError {
            path: root.to_owned(),
            message: untracked.describe(shown(root)),
        });
    };
    Err(located(
        value,
        serde_path_to_error::Error::new(track.path(), inner),
        root,
    ))
}

/// `path` under `root` (`reply` and `[0].text` give `reply[0].text`).
fn under(root: &str, path: &str) -> String {
    match (root, path) {
        (root, "") => root.to_owned(),
        ("", path) => path.to_owned(),
        (root, path) if path.starts_with('[') => format!("{root}{path}"),
        (root, path) => format!("{root}.{path}"),
    }
}

/// A place as messages show it: `input` for the top level of a request.
fn shown(place: &str) -> &str {
    if place.is_empty() {
        "input"
    } else {
        place
    }
}

/// The error of a tracked reading of `value`, named by its place.
fn located(
    value: &Bound<'_, PyAny>,
    err: serde_path_to_error::Error<DeError>,
    root: &str,
) -> ParamError {
    if matches!(err.inner(), DeError::TooDeep) {
        return too_deep(value, err.path(), root);
    }
    let raw_path = err.path().to_string();
    let mut path = if raw_path == "." {
        String::new()
    } else {
        raw_path
    };
    // A map key's own error has no key in its path yet: the map is the place.
    if let Some(map) = path.strip_suffix(".?") {
        path = map.to_owned();
    }
    // An unknown member's path ends with the member itself; botocore names its parent.
    if let DeError::UnknownMember { name, .. } = err.inner() {
        if path == *name {
            path.clear();
        } else if let Some(parent) = path
            .strip_suffix(name.as_str())
            .and_then(|p| p.strip_suffix('.'))
        {
            path = parent.to_owned();
        }
    }
    let path = under(root, &path);
    // A member error names the member inside its struct, so the struct is the place.
    let message = err.inner().describe(shown(&path));
    ParamError { path, message }
}

/// The error for nesting beyond [`MAX_DEPTH`]: walks the failing path again from the root
/// to tell a value that contains itself (named where it first refers back) from one that
/// is merely deep (named by its first levels, the rest elided).
fn too_deep(
    root: &Bound<'_, PyAny>,
    path: &serde_path_to_error::Path,
    root_name: &str,
) -> ParamError {
    use serde_path_to_error::Segment;
    /// Levels of a deep value's path named in the message.
    const SHOWN_LEVELS: usize = 12;

    let mut ancestors: Vec<*mut pyo3::ffi::PyObject> = vec![root.as_ptr()];
    let mut current = root.clone();
    let mut name = String::new();
    let mut cycle = false;
    let mut levels = 0;
    for (level, segment) in path.iter().enumerate() {
        levels = level + 1;
        let step = match segment {
            Segment::Seq { index } => (format!("[{index}]"), current.get_item(*index)),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                let dot = if level == 0 { "" } else { "." };
                (format!("{dot}{key}"), current.get_item(key.as_str()))
            }
            Segment::Unknown => break,
        };
        let (part, Ok(next)) = step else { break };
        if level < SHOWN_LEVELS {
            name.push_str(&part);
        }
        if ancestors.contains(&next.as_ptr()) {
            cycle = true;
            break;
        }
        ancestors.push(next.as_ptr());
        current = next;
    }
    let name = under(root_name, &name);
    let shown = if levels > SHOWN_LEVELS {
        format!("{name}...")
    } else {
        name.clone()
    };
    let message = if cycle {
        format!(
            "Invalid value for parameter {shown}: a dict or list that contains itself cannot be \
             sent (JSON has no references)"
        )
    } else {
        DeError::TooDeep.describe(self::shown(&shown))
    };
    ParamError {
        path: name,
        message,
    }
}

/// Where a value sits: how deep, and how loosely untyped values are read there.
#[derive(Clone, Copy)]
struct Level {
    /// Containers above this value; at most [`MAX_DEPTH`].
    depth: usize,
    /// Read as plain JSON rather than as a request: see [`to_json`].
    loose: bool,
}

/// A serde Deserializer over one Python object.
pub struct PyDe<'py> {
    obj: Bound<'py, PyAny>,
    level: Level,
    /// Whether this is a dict's key (converted as botocore and `json.dumps` convert keys).
    key: bool,
}

impl<'py> PyDe<'py> {
    /// Wraps `obj` (a new reference: the deserializer owns what it reads).
    pub fn new(obj: &Bound<'py, PyAny>) -> Self {
        Self::root(obj, false)
    }

    fn root(obj: &Bound<'py, PyAny>, loose: bool) -> Self {
        Self {
            obj: obj.clone(),
            level: Level { depth: 0, loose },
            key: false,
        }
    }

    /// The deserializer of a value inside this one's dict or list.
    fn child(obj: Bound<'py, PyAny>, level: Level) -> Self {
        Self {
            obj,
            level,
            key: false,
        }
    }

    /// The deserializer of a dict's key.
    fn key(obj: Bound<'py, PyAny>, level: Level) -> Self {
        Self {
            obj,
            level,
            key: true,
        }
    }

    /// The level of this value's members, refused beyond [`MAX_DEPTH`].
    fn inner_depth(&self) -> Result<Level, DeError> {
        if self.level.depth >= MAX_DEPTH {
            Err(DeError::TooDeep)
        } else {
            Ok(Level {
                depth: self.level.depth + 1,
                ..self.level
            })
        }
    }

    /// `str()` of the value's type, as botocore shows it.
    fn type_name(&self) -> String {
        self.obj
            .get_type()
            .str()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| "<class 'object'>".into())
    }

    /// `str()` of the value, as botocore shows it, cut to 80 characters.
    fn shown(&self) -> String {
        let mut value = self
            .obj
            .str()
            .map(|r| r.to_string())
            .unwrap_or_else(|_| "<unprintable>".into());
        if value.len() > 80 {
            let mut cut = 77;
            while !value.is_char_boundary(cut) {
                cut -= 1;
            }
            value.truncate(cut);
            value.push_str("...");
        }
        value
    }

    fn invalid(&self, valid: &'static str) -> DeError {
        DeError::InvalidType {
            value: self.shown(),
            type_name: self.type_name(),
            valid,
        }
    }

    /// botocore's `min` check of the value against `min`, when the value has the type the
    /// check applies to (a value of the wrong type fails its type check afterwards).
    fn check_min(&self, min: Min) -> Result<(), DeError> {
        let obj = &self.obj;
        match min {
            Min::Length(n) | Min::Items(n) | Min::KeyLength(n) => {
                let strings = !matches!(min, Min::Items(_));
                let len = if let (true, Ok(s)) = (strings, obj.cast::<PyString>()) {
                    // Python's len(): code points.
                    s.to_cow()
                        .map(|t| t.chars().count())
                        .map_err(|e| DeError::Python(e.to_string()))?
                } else if let (false, Ok(list)) = (strings, obj.cast::<PyList>()) {
                    list.len()
                } else if let (false, Ok(tuple)) = (strings, obj.cast::<PyTuple>()) {
                    tuple.len()
                } else {
                    // The wrong type for the shape: its type check reports it.
                    return Ok(());
                };
                if i64::try_from(len).unwrap_or(i64::MAX) < n {
                    let key = matches!(min, Min::KeyLength(_)).then(|| self.shown());
                    return Err(DeError::InvalidLength { len, min: n, key });
                }
                Ok(())
            }
            Min::Value(n) => {
                // bool is an int to botocore too (`False < 1`).
                let numeric = obj.is_instance_of::<PyInt>()
                    || obj.is_instance_of::<PyFloat>()
                    || is_decimal(obj);
                // Python's own comparison, as botocore makes it (NaN is never below).
                if numeric && obj.lt(n).map_err(|e| DeError::Python(e.to_string()))? {
                    return Err(DeError::BelowMin {
                        value: self.shown(),
                        min: n,
                    });
                }
                Ok(())
            }
        }
    }

    /// An int as botocore takes it (`bool` included, since it is an `int`), handed to the
    /// visitor as the narrowest serde type that holds it; wider than 64 bits, as a
    /// [`BIG_INT_KEY`] map of its digits.
    fn visit_int<'de, V: Visitor<'de>>(
        &self,
        visitor: V,
        valid: &'static str,
    ) -> Result<V::Value, DeError> {
        if let Ok(b) = self.obj.cast::<PyBool>() {
            return visitor.visit_bool(b.is_true());
        }
        let int = self.obj.cast::<PyInt>().map_err(|_| self.invalid(valid))?;
        if let Ok(v) = int.extract::<i64>() {
            return visitor.visit_i64(v);
        }
        if let Ok(v) = int.extract::<u64>() {
            return visitor.visit_u64(v);
        }
        let digits = int.str().map_err(|e| DeError::Python(e.to_string()))?;
        let digits = digits
            .to_cow()
            .map_err(|e| DeError::Python(e.to_string()))?;
        visitor.visit_map(BigIntAccess(Some(digits.into_owned())))
    }

    fn str(&self) -> Result<&Bound<'py, PyString>, DeError> {
        let valid = if self.key {
            "<class 'str'> (as a dict key)"
        } else {
            "<class 'str'>"
        };
        self.obj.cast::<PyString>().map_err(|_| self.invalid(valid))
    }

    fn dict(&self) -> Result<&Bound<'py, PyDict>, DeError> {
        self.obj
            .cast::<PyDict>()
            .map_err(|_| self.invalid("<class 'dict'>"))
    }

    /// A float member's value as botocore takes it: a float, an int (or bool) kept as
    /// one, or a Decimal as the float nearest it (as botocore's serializer converts it).
    fn visit_float<'de, V: Visitor<'de>>(&self, visitor: V) -> Result<V::Value, DeError> {
        const VALID: &str = "<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>";
        if let Ok(f) = self.obj.cast::<PyFloat>() {
            return visitor.visit_f64(f.value());
        }
        if self.obj.is_instance_of::<PyInt>() {
            return self.visit_int(visitor, VALID);
        }
        if is_decimal(&self.obj) {
            let value = self
                .obj
                .extract::<f64>()
                .map_err(|e| DeError::OutOfRange(e.to_string()))?;
            return visitor.visit_f64(value);
        }
        Err(self.invalid(VALID))
    }

    /// The bytes of a blob, as botocore takes them: bytes, bytearray, str (UTF-8) or a
    /// readable binary file.
    fn blob<'de, V: Visitor<'de>>(&self, visitor: V) -> Result<V::Value, DeError> {
        if let Ok(bytes) = self.obj.cast::<PyBytes>() {
            return visitor.visit_bytes(bytes.as_bytes());
        }
        if let Ok(array) = self.obj.cast::<PyByteArray>() {
            return visitor.visit_byte_buf(array.to_vec());
        }
        if let Ok(text) = self.obj.cast::<PyString>() {
            let text = text.to_cow().map_err(|e| DeError::Python(e.to_string()))?;
            return visitor.visit_bytes(text.as_bytes());
        }
        if self.obj.hasattr("read").unwrap_or(false) {
            let data = self
                .obj
                .call_method0("read")
                .map_err(|e| DeError::Python(format!("read() failed: {e}")))?;
            if let Ok(bytes) = data.cast::<PyBytes>() {
                return visitor.visit_bytes(bytes.as_bytes());
            }
            if let Ok(text) = data.cast::<PyString>() {
                let text = text.to_cow().map_err(|e| DeError::Python(e.to_string()))?;
                return visitor.visit_bytes(text.as_bytes());
            }
            return Err(DeError::Python(
                "read() returned neither bytes nor str".into(),
            ));
        }
        Err(self.invalid("<class 'bytes'>, <class 'bytearray'>, file-like object"))
    }
}

fn is_decimal(obj: &Bound<'_, PyAny>) -> bool {
    obj.get_type()
        .name()
        .map(|n| n == "Decimal")
        .unwrap_or(false)
}

macro_rules! deserialize_int {
    ($method:ident) => {
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            self.visit_int(visitor, "<class 'int'>")
        }
    };
}

/// The one-entry map `{BIG_INT_KEY: digits}` by which an int wider than 64 bits is handed
/// over (see [`crate::wire::encode::BIG_INT_KEY`]).
struct BigIntAccess(Option<String>);

impl<'de> de::MapAccess<'de> for BigIntAccess {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        if self.0.is_none() {
            return Ok(None);
        }
        seed.deserialize(BIG_INT_KEY.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let digits = self.0.take().unwrap_or_default();
        seed.deserialize(digits.into_deserializer())
    }
}

impl<'de, 'py> de::Deserializer<'de> for PyDe<'py> {
    type Error = DeError;

    /// JSON documents (the only values read without a type): what botocore takes in one
    /// (None, bool, int, float, str, list, dict); tuples, Decimal, bytes and the rest are
    /// refused as botocore refuses them. Ints keep every digit and floats their value
    /// (NaN and the infinities included: `json.dumps` writes them). A dict's key is
    /// converted as `json.dumps` converts it.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let obj = &self.obj;
        if obj.is_none() {
            visitor.visit_unit()
        } else if let Ok(b) = obj.cast::<PyBool>() {
            visitor.visit_bool(b.is_true())
        } else if obj.is_instance_of::<PyInt>() {
            self.visit_int(visitor, "<class 'int'>")
        } else if let Ok(f) = obj.cast::<PyFloat>() {
            visitor.visit_f64(f.value())
        } else if let Ok(s) = obj.cast::<PyString>() {
            visitor.visit_str(&s.to_cow().map_err(|e| DeError::Python(e.to_string()))?)
        } else if self.key {
            Err(DeError::Custom(format!(
                "keys must be str, int, float, bool or None, not {}",
                obj.get_type()
                    .name()
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            )))
        } else if obj.is_instance_of::<PyDict>() {
            self.deserialize_map(visitor)
        } else if obj.is_instance_of::<PyList>()
            || (self.level.loose && obj.is_instance_of::<PyTuple>())
        {
            self.deserialize_seq(visitor)
        } else if self.level.loose
            && (obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyByteArray>())
        {
            self.blob(visitor)
        } else {
            Err(DeError::InvalidDocumentType {
                value: self.shown(),
                type_name: self.type_name(),
            })
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.obj.cast::<PyBool>() {
            Ok(b) => visitor.visit_bool(b.is_true()),
            Err(_) => Err(self.invalid("<class 'bool'>")),
        }
    }

    deserialize_int!(deserialize_i8);
    deserialize_int!(deserialize_i16);
    deserialize_int!(deserialize_i32);
    deserialize_int!(deserialize_i64);
    deserialize_int!(deserialize_u8);
    deserialize_int!(deserialize_u16);
    deserialize_int!(deserialize_u32);
    deserialize_int!(deserialize_u64);

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.visit_float(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.visit_float(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let s = self.str()?;
        visitor.visit_str(&s.to_cow().map_err(|e| DeError::Python(e.to_string()))?)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.blob(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.blob(visitor)
    }

    /// A member given as None: botocore refuses it (leave the key out instead).
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.obj.is_none() {
            Err(self.invalid("anything but None (leave the key out instead)"))
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.obj.is_none() {
            visitor.visit_unit()
        } else {
            Err(self.invalid("None"))
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_unit(visitor)
    }

    /// A newtype, or a hint of the wire layer that the value inside has a botocore `min`.
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match check::hint(name) {
            Some(min @ Min::KeyLength(_)) => {
                self.check_min(min)?;
                // A map key goes to the visitor as a string, for the path to name it.
                self.deserialize_str(visitor)
            }
            Some(min) => {
                self.check_min(min)?;
                visitor.visit_newtype_struct(self)
            }
            None => visitor.visit_newtype_struct(self),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if let Ok(list) = self.obj.cast::<PyList>() {
            let level = self.inner_depth()?;
            let items: Vec<Bound<'py, PyAny>> = list.iter().collect();
            return visitor.visit_seq(SeqAccess {
                items,
                index: 0,
                level,
                _marker: std::marker::PhantomData,
            });
        }
        if let Ok(tuple) = self.obj.cast::<PyTuple>() {
            let level = self.inner_depth()?;
            let items: Vec<Bound<'py, PyAny>> = tuple.iter().collect();
            return visitor.visit_seq(SeqAccess {
                items,
                index: 0,
                level,
                _marker: std::marker::PhantomData,
            });
        }
        Err(self.invalid("<class 'list'>, <class 'tuple'>"))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let dict = self.dict()?;
        visitor.visit_map(MapAccess::new(dict, self.inner_depth()?))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_map(visitor)
    }

    /// A union: a dict with exactly one key, as botocore requires.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let dict = self.dict()?;
        if dict.len() != 1 {
            return Err(DeError::UnionArity {
                set: dict.len(),
                expected: variants,
            });
        }
        let (key, value) = dict
            .iter()
            .next()
            .expect("a dict of length one has an item");
        let key = key
            .cast::<PyString>()
            .map_err(|_| PyDe::new(&key).invalid("<class 'str'>"))?;
        let name = key
            .to_cow()
            .map_err(|e| DeError::Python(e.to_string()))?
            .into_owned();
        visitor.visit_enum(EnumAccess {
            name,
            value,
            level: self.inner_depth()?,
            _marker: std::marker::PhantomData,
        })
    }

    /// A structure's key: a key that is not a str is an unknown member named by its
    /// `str()`, as botocore reports it.
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.key && !self.obj.is_instance_of::<PyString>() {
            return visitor.visit_string(self.shown());
        }
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
}

struct SeqAccess<'de, 'py> {
    items: Vec<Bound<'py, PyAny>>,
    index: usize,
    level: Level,
    _marker: std::marker::PhantomData<&'de ()>,
}

impl<'de, 'py> de::SeqAccess<'de> for SeqAccess<'de, 'py> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let Some(item) = self.items.get(self.index) else {
            return Ok(None);
        };
        self.index += 1;
        seed.deserialize(PyDe::child(item.clone(), self.level))
            .map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len() - self.index)
    }
}

struct MapAccess<'de, 'py> {
    items: Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)>,
    index: usize,
    level: Level,
    _marker: std::marker::PhantomData<&'de ()>,
}

impl<'py> MapAccess<'_, 'py> {
    fn new(dict: &Bound<'py, PyDict>, level: Level) -> Self {
        Self {
            items: dict.iter().collect(),
            index: 0,
            level,
            _marker: std::marker::PhantomData,
        }
    }
}

impl<'de, 'py> de::MapAccess<'de> for MapAccess<'de, 'py> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some((key, _)) = self.items.get(self.index) else {
            return Ok(None);
        };
        seed.deserialize(PyDe::key(key.clone(), self.level))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let value = &self.items[self.index].1;
        self.index += 1;
        seed.deserialize(PyDe::child(value.clone(), self.level))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len() - self.index)
    }
}

struct EnumAccess<'de, 'py> {
    name: String,
    value: Bound<'py, PyAny>,
    level: Level,
    _marker: std::marker::PhantomData<&'de ()>,
}

impl<'de, 'py> de::EnumAccess<'de> for EnumAccess<'de, 'py> {
    type Error = DeError;
    type Variant = VariantAccess<'de, 'py>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), DeError> {
        let name: de::value::StringDeserializer<DeError> = self.name.into_deserializer();
        let variant = seed.deserialize(name)?;
        Ok((
            variant,
            VariantAccess {
                value: self.value,
                level: self.level,
                _marker: std::marker::PhantomData,
            },
        ))
    }
}

struct VariantAccess<'de, 'py> {
    value: Bound<'py, PyAny>,
    level: Level,
    _marker: std::marker::PhantomData<&'de ()>,
}

impl<'de, 'py> de::VariantAccess<'de> for VariantAccess<'de, 'py> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        seed.deserialize(PyDe::child(self.value, self.level))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_seq(PyDe::child(self.value, self.level), visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_map(PyDe::child(self.value, self.level), visitor)
    }
}

/// Reads any value (through `deserialize_any`) as a `serde_json::Value`: see [`to_json`].
#[derive(Clone, Copy)]
struct JsonSeed;

impl<'de> DeserializeSeed<'de> for JsonSeed {
    type Value = serde_json::Value;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for JsonSeed {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        serde_json::Number::from_f64(v)
            .map(serde_json::Value::Number)
            .ok_or_else(|| E::custom(format!("{v} is not a finite number")))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
        Ok(BASE64.encode(v).into())
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(JsonSeed)? {
            items.push(item);
        }
        Ok(serde_json::Value::Array(items))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == BIG_INT_KEY {
                let digits: String = map.next_value()?;
                return Err(de::Error::custom(format!(
                    "integer {digits} does not fit in 64 bits"
                )));
            }
            let item = map.next_value_seed(JsonSeed)?;
            object.insert(key, item);
        }
        Ok(serde_json::Value::Object(object))
    }
}
