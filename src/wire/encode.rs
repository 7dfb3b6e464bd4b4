//! Requests: the caller's dict, read through serde and written as the JSON boto3 sends.
//!
//! [`RequestSeed`] walks the shape table (see [`super::model`]) alongside any serde
//! `Deserializer` (the bindings' reader of Python objects, or serde_json in tests) and
//! writes the body as it goes: members in the caller's order at every level, as botocore's
//! serializer iterates the caller's dicts; ints as ints (in float members too), floats of
//! exactly the value given, `NaN` and the infinities in float members as botocore's
//! strings, JSON documents as `json.dumps` writes them (keys in the caller's order, every
//! digit of an int however wide, non-str keys converted as it converts them), and nothing
//! the caller did not give. Whitespace and escaping are ours: compact UTF-8, so the same
//! request always gives the same bytes. The checks are botocore's (types, required and
//! unknown members, one member per union, `min`), made by the deserializer with the names
//! the table hands it, so that its messages are botocore's.

use std::fmt;

use base64::Engine as _;
use bytes::Bytes;
use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};

use super::generated;
use super::model::{Kind, Min, ShapeId, Structure};

/// The key of the one-entry map by which a reader hands over an integer that fits in
/// no 64-bit type: its value is the integer's decimal text (serde has no wider integer).
pub const BIG_INT_KEY: &str = "$fastconverse::big-int";

/// An operation whose request this module writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// `Converse`.
    Converse,
    /// `ConverseStream`.
    ConverseStream,
    /// `CountTokens`.
    CountTokens,
}

impl Operation {
    /// The operation's input shape.
    pub fn input(self) -> ShapeId {
        match self {
            Operation::Converse => generated::CONVERSE_REQUEST,
            Operation::ConverseStream => generated::CONVERSE_STREAM_REQUEST,
            Operation::CountTokens => generated::COUNT_TOKENS_REQUEST,
        }
    }
}

/// A request ready to send: the model id (which goes in the URI) and the JSON body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded {
    /// `modelId`, as given (the SDK percent-encodes it into the path).
    pub model_id: String,
    /// The body, exactly as it is sent and signed.
    pub body: Bytes,
}

/// Reads a request of one operation and writes its body (see the module's notes).
#[derive(Debug, Clone, Copy)]
pub struct RequestSeed(pub Operation);

impl<'de> DeserializeSeed<'de> for RequestSeed {
    type Value = Encoded;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Encoded, D::Error> {
        let shape = self.0.input().get();
        let Kind::Structure(structure) = shape.kind else {
            return Err(de::Error::custom(format_args!(
                "{} is not a structure",
                shape.name
            )));
        };
        let mut out = Vec::with_capacity(512);
        let mut model_id = None;
        deserializer.deserialize_struct(
            shape.name,
            structure.names,
            StructVisitor {
                structure,
                out: &mut out,
                top: Some(&mut model_id),
            },
        )?;
        // The input shapes require modelId, so the visitor has refused a request without it.
        let model_id = model_id.ok_or_else(|| de::Error::missing_field("modelId"))?;
        Ok(Encoded {
            model_id,
            body: Bytes::from(out),
        })
    }
}

/// What a value wrote: `null` (a document given as `None`) or anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wrote {
    Null,
    Value,
}

/// Writes one value of `shape`.
struct ValueSeed<'a> {
    shape: ShapeId,
    out: &'a mut Vec<u8>,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Wrote;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Wrote, D::Error> {
        match self.shape.get().min {
            // The reader checks the value against the hint, then hands it on.
            Some(min) => deserializer.deserialize_newtype_struct(min.hint(), Hinted(self)),
            None => self.write(deserializer),
        }
    }
}

impl ValueSeed<'_> {
    fn write<'de, D: Deserializer<'de>>(self, deserializer: D) -> Result<Wrote, D::Error> {
        let shape = self.shape.get();
        let out = self.out;
        match shape.kind {
            Kind::Structure(structure) if structure.is_union() => deserializer.deserialize_enum(
                shape.name,
                structure.names,
                UnionVisitor { structure, out },
            ),
            Kind::Structure(structure) => deserializer.deserialize_struct(
                shape.name,
                structure.names,
                StructVisitor {
                    structure,
                    out,
                    top: None,
                },
            ),
            Kind::List { member } => deserializer.deserialize_seq(ListVisitor { member, out }),
            Kind::Map { key, value } => {
                deserializer.deserialize_map(MapVisitor { key, value, out })
            }
            Kind::Document => deserializer.deserialize_any(DocumentVisitor { out }),
            Kind::String => deserializer.deserialize_str(StrVisitor { out }),
            Kind::Integer | Kind::Long => {
                deserializer.deserialize_i64(NumberVisitor { out, float: false })
            }
            Kind::Float | Kind::Double => {
                deserializer.deserialize_f64(NumberVisitor { out, float: true })
            }
            Kind::Boolean => deserializer.deserialize_bool(BoolVisitor { out }),
            Kind::Blob => deserializer.deserialize_bytes(BlobVisitor { out }),
        }
    }
}

/// The visitor of a hinted value: the reader has checked the hint and hands the value on.
struct Hinted<'a>(ValueSeed<'a>);

impl<'de> Visitor<'de> for Hinted<'_> {
    type Value = Wrote;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Wrote, D::Error> {
        self.0.write(deserializer)
    }
}

/// A structure: members in the caller's order, unknown ones refused, required ones checked.
struct StructVisitor<'a> {
    structure: &'static Structure,
    out: &'a mut Vec<u8>,
    /// At the top level of a request: where the URI member (`modelId`) goes. botocore
    /// leaves out top-level members given as `None` (only documents can be).
    top: Option<&'a mut Option<String>>,
}

impl<'de> Visitor<'de> for StructVisitor<'_> {
    type Value = Wrote;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a dict")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Wrote, A::Error> {
        let structure = self.structure;
        let out = &mut *self.out;
        let mut seen = 0_u64;
        out.push(b'{');
        let mut first = true;
        while let Some(index) = map.next_key_seed(MemberKey {
            structure,
            union: false,
        })? {
            let member = &structure.members[index];
            seen |= 1 << index;
            if member.in_uri {
                let value = map.next_value_seed(StringSeed(member.shape))?;
                if let Some(slot) = self.top.as_deref_mut() {
                    *slot = Some(value);
                }
                continue;
            }
            let mark = out.len();
            if !first {
                out.push(b',');
            }
            write_str(out, member.name);
            out.push(b':');
            let wrote = map.next_value_seed(ValueSeed {
                shape: member.shape,
                out,
            })?;
            if wrote == Wrote::Null && self.top.is_some() {
                out.truncate(mark);
                continue;
            }
            first = false;
        }
        for name in structure.required {
            let index = structure.index(name).unwrap_or_default();
            if seen & (1 << index) == 0 {
                return Err(de::Error::missing_field(name));
            }
        }
        out.push(b'}');
        Ok(Wrote::Value)
    }
}

/// A structure's or a union's key: the index of the member it names, or botocore's
/// "Unknown parameter" (as an unknown field, or for a union an unknown variant, which the
/// reader words the same).
struct MemberKey {
    structure: &'static Structure,
    union: bool,
}

impl<'de> DeserializeSeed<'de> for MemberKey {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for MemberKey {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<usize, E> {
        let names = self.structure.names;
        self.structure.index(name).ok_or_else(|| {
            if self.union {
                E::unknown_variant(name, names)
            } else {
                E::unknown_field(name, names)
            }
        })
    }
}

/// A union: exactly one member (the reader checks the count and the key's type).
struct UnionVisitor<'a> {
    structure: &'static Structure,
    out: &'a mut Vec<u8>,
}

impl<'de> Visitor<'de> for UnionVisitor<'_> {
    type Value = Wrote;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a dict with exactly one key")
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Wrote, A::Error> {
        let (index, variant) = data.variant_seed(MemberKey {
            structure: self.structure,
            union: true,
        })?;
        let member = &self.structure.members[index];
        self.out.push(b'{');
        write_str(self.out, member.name);
        self.out.push(b':');
        variant.newtype_variant_seed(ValueSeed {
            shape: member.shape,
            out: self.out,
        })?;
        self.out.push(b'}');
        Ok(Wrote::Value)
    }
}

struct ListVisitor<'a> {
    member: ShapeId,
    out: &'a mut Vec<u8>,
}

impl<'de> Visitor<'de> for ListVisitor<'_> {
    type Value = Wrote;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Wrote, A::Error> {
        write_list(self.out, seq, Item::Shape(self.member))
    }
}

/// What the items of a list are.
#[derive(Debug, Clone, Copy)]
enum Item {
    /// Values of a shape.
    Shape(ShapeId),
    /// JSON documents.
    Document,
}

/// Writes the list `seq` holds: `[item,item]`.
fn write_list<'de, A: SeqAccess<'de>>(
    out: &mut Vec<u8>,
    mut seq: A,
    item: Item,
) -> Result<Wrote, A::Error> {
    out.push(b'[');
    let mut first = true;
    loop {
        let mark = out.len();
        if !first {
            out.push(b',');
        }
        let wrote = match item {
            Item::Shape(shape) => seq.next_element_seed(ValueSeed { shape, out })?,
            Item::Document => seq.next_element_seed(DocumentVisitor { out })?,
        };
        if wrote.is_none() {
            out.truncate(mark);
            break;
        }
        first = false;
    }
    out.push(b']');
    Ok(Wrote::Value)
}

struct MapVisitor<'a> {
    key: ShapeId,
    value: ShapeId,
    out: &'a mut Vec<u8>,
}

impl<'de> Visitor<'de> for MapVisitor<'_> {
    type Value = Wrote;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a dict")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Wrote, A::Error> {
        self.out.push(b'{');
        let mut first = true;
        while let Some(key) = map.next_key_seed(MapKey(self.key))? {
            if !first {
                self.out.push(b',');
            }
            first = false;
            write_str(self.out, &key);
            self.out.push(b':');
            map.next_value_seed(ValueSeed {
                shape: self.value,
                out: self.out,
            })?;
        }
        self.out.push(b'}');
        Ok(Wrote::Value)
    }
}

/// A map's key (a string), with its shape's `min` checked as botocore checks keys.
struct MapKey(ShapeId);

impl<'de> DeserializeSeed<'de> for MapKey {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        match self.0.get().min {
            Some(Min::Length(_, _, key_hint)) => {
                deserializer.deserialize_newtype_struct(key_hint, OwnedStr)
            }
            _ => deserializer.deserialize_str(OwnedStr),
        }
    }
}

/// A string member read into a `String` (the URI's `modelId`), its `min` checked.
struct StringSeed(ShapeId);

impl<'de> DeserializeSeed<'de> for StringSeed {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        match self.0.get().min {
            Some(min) => deserializer.deserialize_newtype_struct(min.hint(), OwnedStr),
            None => deserializer.deserialize_str(OwnedStr),
        }
    }
}

struct OwnedStr;

impl<'de> Visitor<'de> for OwnedStr {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a str")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<String, D::Error> {
        deserializer.deserialize_str(self)
    }
}

struct StrVisitor<'a> {
    out: &'a mut Vec<u8>,
}

impl<'de> Visitor<'de> for StrVisitor<'_> {
    type Value = Wrote;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a str")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Wrote, E> {
        write_str(self.out, v);
        Ok(Wrote::Value)
    }
}

struct BoolVisitor<'a> {
    out: &'a mut Vec<u8>,
}

impl<'de> Visitor<'de> for BoolVisitor<'_> {
    type Value = Wrote;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a bool")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Wrote, E> {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(Wrote::Value)
    }
}

/// An integer or float member, written as botocore writes what it was given: an int as
/// an int (in a float member too), a bool as a bool (botocore's checks take it, since
/// `bool` is an `int`), a float exactly, and in a float member NaN and the infinities as
/// the strings `"NaN"`, `"Infinity"` and `"-Infinity"`.
struct NumberVisitor<'a> {
    out: &'a mut Vec<u8>,
    float: bool,
}

impl<'de> Visitor<'de> for NumberVisitor<'_> {
    type Value = Wrote;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.float { "a number" } else { "an int" })
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Wrote, E> {
        BoolVisitor { out: self.out }.visit_bool(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Wrote, E> {
        write_display(self.out, v);
        Ok(Wrote::Value)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Wrote, E> {
        write_display(self.out, v);
        Ok(Wrote::Value)
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Wrote, E> {
        write_display(self.out, v);
        Ok(Wrote::Value)
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Wrote, E> {
        write_display(self.out, v);
        Ok(Wrote::Value)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Wrote, E> {
        if !self.float {
            return Err(E::invalid_type(de::Unexpected::Float(v), &self));
        }
        if v.is_finite() {
            write_float(self.out, v);
        } else {
            write_str(self.out, non_finite(v));
        }
        Ok(Wrote::Value)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Wrote, A::Error> {
        write_big_int(self.out, map)?;
        Ok(Wrote::Value)
    }
}

/// Writes the digits of a [`BIG_INT_KEY`] map.
fn write_big_int<'de, A: MapAccess<'de>>(out: &mut Vec<u8>, mut map: A) -> Result<(), A::Error> {
    let key: Option<String> = map.next_key()?;
    if key.as_deref() != Some(BIG_INT_KEY) {
        return Err(de::Error::custom("expected an int"));
    }
    let digits: String = map.next_value()?;
    write_digits(out, &digits)
}

fn write_digits<E: de::Error>(out: &mut Vec<u8>, digits: &str) -> Result<(), E> {
    let unsigned = digits.strip_prefix('-').unwrap_or(digits);
    if unsigned.is_empty() || !unsigned.bytes().all(|b| b.is_ascii_digit()) {
        return Err(E::custom(format_args!("not an integer: {digits:?}")));
    }
    out.extend_from_slice(digits.as_bytes());
    Ok(())
}

struct BlobVisitor<'a> {
    out: &'a mut Vec<u8>,
}

impl<'de> Visitor<'de> for BlobVisitor<'_> {
    type Value = Wrote;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("bytes, bytearray or str")
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Wrote, E> {
        write_base64(self.out, v);
        Ok(Wrote::Value)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Wrote, E> {
        write_base64(self.out, v.as_bytes());
        Ok(Wrote::Value)
    }
}

/// A JSON document, written as `json.dumps` writes the Python value.
struct DocumentVisitor<'a> {
    out: &'a mut Vec<u8>,
}

impl<'a> DocumentVisitor<'a> {
    /// Bools and ints are written as in a number member.
    fn number(self) -> NumberVisitor<'a> {
        NumberVisitor {
            out: self.out,
            float: true,
        }
    }
}

impl<'de> DeserializeSeed<'de> for DocumentVisitor<'_> {
    type Value = Wrote;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Wrote, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for DocumentVisitor<'_> {
    type Value = Wrote;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Wrote, E> {
        self.out.extend_from_slice(b"null");
        Ok(Wrote::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Wrote, E> {
        self.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Wrote, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Wrote, E> {
        self.number().visit_bool(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Wrote, E> {
        self.number().visit_i64(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Wrote, E> {
        self.number().visit_u64(v)
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Wrote, E> {
        self.number().visit_i128(v)
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Wrote, E> {
        self.number().visit_u128(v)
    }

    /// `json.dumps` writes NaN and the infinities bare (not valid JSON, but what boto3 sends).
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Wrote, E> {
        if v.is_finite() {
            write_float(self.out, v);
        } else {
            self.out.extend_from_slice(non_finite(v).as_bytes());
        }
        Ok(Wrote::Value)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Wrote, E> {
        write_str(self.out, v);
        Ok(Wrote::Value)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Wrote, A::Error> {
        write_list(self.out, seq, Item::Document)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Wrote, A::Error> {
        let Some(first_key) = map.next_key_seed(DocumentKey)? else {
            self.out.extend_from_slice(b"{}");
            return Ok(Wrote::Value);
        };
        if first_key == BIG_INT_KEY {
            let digits: String = map.next_value()?;
            write_digits(self.out, &digits)?;
            return Ok(Wrote::Value);
        }
        self.out.push(b'{');
        let mut key = Some(first_key);
        let mut first = true;
        while let Some(name) = key {
            if !first {
                self.out.push(b',');
            }
            first = false;
            write_str(self.out, &name);
            self.out.push(b':');
            map.next_value_seed(DocumentVisitor { out: self.out })?;
            key = map.next_key_seed(DocumentKey)?;
        }
        self.out.push(b'}');
        Ok(Wrote::Value)
    }
}

/// A document's key, converted as `json.dumps` converts dict keys: a str as it is, an int
/// as its digits, a float as its repr, `True`/`False`/`None` as `true`/`false`/`null`.
struct DocumentKey;

impl<'de> DeserializeSeed<'de> for DocumentKey {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for DocumentKey {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a dict key of type str, int, float, bool or None")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
        Ok(if v { "true" } else { "false" }.to_owned())
    }

    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        Ok("null".to_owned())
    }

    fn visit_none<E: de::Error>(self) -> Result<String, E> {
        self.visit_unit()
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        Ok(if v.is_finite() {
            python_float_repr(v)
        } else {
            non_finite(v).to_owned()
        })
    }

    /// An int key too wide for 64 bits, handed over as a [`BIG_INT_KEY`] map.
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<String, A::Error> {
        let mut digits = Vec::new();
        write_big_int(&mut digits, map)?;
        Ok(String::from_utf8(digits).unwrap_or_default())
    }
}

/// How botocore (and `json.dumps`) names a float that is not finite.
fn non_finite(v: f64) -> &'static str {
    if v.is_nan() {
        "NaN"
    } else if v > 0.0 {
        "Infinity"
    } else {
        "-Infinity"
    }
}

fn write_display(out: &mut Vec<u8>, value: impl fmt::Display) {
    use std::io::Write as _;
    // Writing to a Vec cannot fail.
    let _ = write!(out, "{value}");
}

/// A finite float as Python's `repr` writes it (what `json.dumps` writes): the shortest
/// digits that read back as the same float.
fn write_float(out: &mut Vec<u8>, v: f64) {
    out.extend_from_slice(python_float_repr(v).as_bytes());
}

/// Python's `repr` of a finite float: the shortest round-trip digits, in fixed notation
/// when the decimal exponent is in `-4..16`, else as `1.5e+16` / `1e-05`.
pub fn python_float_repr(v: f64) -> String {
    // Rust's `{:e}` gives the same shortest round-trip digits: `1.5e16`, `-1e-7`, `0e0`.
    let scientific = format!("{v:e}");
    let (mantissa, exponent) = scientific
        .split_once('e')
        .expect("`{:e}` always writes an exponent");
    let exponent: i32 = exponent.parse().expect("`{:e}` writes an integer exponent");
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    // The position of the decimal point relative to the digits, as Python's `decpt`.
    let point = exponent + 1;
    if (-3..=16).contains(&point) {
        let fixed = if point <= 0 {
            format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
        } else {
            let point = point as usize;
            if digits.len() <= point {
                format!("{digits}{}.0", "0".repeat(point - digits.len()))
            } else {
                format!("{}.{}", &digits[..point], &digits[point..])
            }
        };
        format!("{sign}{fixed}")
    } else {
        let (first, rest) = digits.split_at(1);
        let fraction = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let exponent_sign = if exponent < 0 { '-' } else { '+' };
        format!(
            "{sign}{first}{fraction}e{exponent_sign}{:02}",
            exponent.unsigned_abs()
        )
    }
}

/// A JSON string: UTF-8 as it is, with `"`, `\` and control characters escaped.
pub fn write_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        let escape: &[u8] = match byte {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0x00..=0x1f => b"",
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        if escape.is_empty() {
            write_display(out, format_args!("\\u{byte:04x}"));
        } else {
            out.extend_from_slice(escape);
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// A blob: standard base64 with padding, in a JSON string.
fn write_base64(out: &mut Vec<u8>, bytes: &[u8]) {
    let engine = base64::engine::general_purpose::STANDARD;
    out.push(b'"');
    let start = out.len();
    out.resize(
        start + base64::encoded_len(bytes.len(), true).unwrap_or(0),
        0,
    );
    let written = engine
        .encode_slice(bytes, &mut out[start..])
        .expect("the buffer was sized by encoded_len");
    out.truncate(start + written);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(operation: Operation, request: &str) -> Result<Encoded, serde_json::Error> {
        let mut deserializer = serde_json::Deserializer::from_str(request);
        RequestSeed(operation).deserialize(&mut deserializer)
    }

    fn body(request: &str) -> String {
        let encoded = encode(Operation::Converse, request).unwrap();
        String::from_utf8(encoded.body.to_vec()).unwrap()
    }

    #[test]
    fn members_keep_the_callers_order_and_model_id_goes_to_the_uri() {
        let request = r#"{"inferenceConfig": {"topP": 0.9, "maxTokens": 5, "temperature": 0.7},
            "modelId": "m:1", "messages": [{"content": [{"text": "hi"}], "role": "user"}]}"#;
        let encoded = encode(Operation::Converse, request).unwrap();
        assert_eq!(encoded.model_id, "m:1");
        assert_eq!(
            encoded.body,
            r#"{"inferenceConfig":{"topP":0.9,"maxTokens":5,"temperature":0.7},"messages":[{"content":[{"text":"hi"}],"role":"user"}]}"#
        );
    }

    #[test]
    fn ints_stay_ints_and_floats_are_exact() {
        assert_eq!(
            body(r#"{"modelId": "m", "inferenceConfig": {"temperature": 1, "topP": 1.0}}"#),
            r#"{"inferenceConfig":{"temperature":1,"topP":1.0}}"#
        );
    }

    #[test]
    fn documents_keep_key_order_and_every_digit() {
        let request = r#"{"modelId": "m", "additionalModelRequestFields":
            {"z": 1, "a": [true, null, 1.5e300, 12345678901234567890, -0.0], "m": {}}}"#;
        assert_eq!(
            body(request),
            r#"{"additionalModelRequestFields":{"z":1,"a":[true,null,1.5e+300,12345678901234567890,-0.0],"m":{}}}"#
        );
    }

    #[test]
    fn an_empty_request_body_is_an_empty_object() {
        assert_eq!(body(r#"{"modelId": "m"}"#), "{}");
    }

    #[test]
    fn unions_blobs_and_strings() {
        let request = r#"{"modelId": "m", "messages": [{"role": "user", "content": [
            {"image": {"format": "png", "source": {"bytes": "abc"}}},
            {"text": "quote \" backslash \\ newline \n bell \u0007 é"}]}]}"#;
        assert_eq!(
            body(request),
            r#"{"messages":[{"role":"user","content":[{"image":{"format":"png","source":{"bytes":"YWJj"}}},{"text":"quote \" backslash \\ newline \n bell \u0007 é"}]}]}"#
        );
    }

    #[test]
    fn botocores_checks_apply() {
        let unknown = encode(Operation::Converse, r#"{"modelId": "m", "nope": 1}"#).unwrap_err();
        assert!(
            unknown.to_string().contains("unknown field `nope`"),
            "{unknown}"
        );
        let missing = encode(Operation::Converse, r#"{"messages": []}"#).unwrap_err();
        assert!(
            missing.to_string().contains("missing field `modelId`"),
            "{missing}"
        );
        let member = encode(
            Operation::Converse,
            r#"{"modelId": "m", "messages": [{"role": "user", "content": [{"futureBlock": {}}]}]}"#,
        )
        .unwrap_err();
        assert!(
            member.to_string().contains("unknown variant `futureBlock`"),
            "{member}"
        );
    }

    #[test]
    fn count_tokens_and_project_identifier() {
        let encoded = encode(
            Operation::CountTokens,
            r#"{"modelId": "m", "input": {"converse": {"messages": []}}}"#,
        )
        .unwrap();
        assert_eq!(encoded.body, r#"{"input":{"converse":{"messages":[]}}}"#);
        assert_eq!(
            body(r#"{"projectIdentifier": "p", "modelId": "m"}"#),
            r#"{"projectIdentifier":"p"}"#
        );
    }

    #[test]
    fn floats_are_written_as_python_writes_them() {
        for (value, repr) in [
            (0.7, "0.7"),
            (1.0, "1.0"),
            (-0.0, "-0.0"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (123456789012345678.0, "1.2345678901234568e+17"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (-2.5, "-2.5"),
            (100.0, "100.0"),
            (0.1 + 0.2, "0.30000000000000004"),
        ] {
            assert_eq!(python_float_repr(value), repr, "{value:?}");
        }
    }
}
