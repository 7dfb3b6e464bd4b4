//! The types of the shape table that `codegen/gen_wire.py` writes into [`super::generated`].
//!
//! One [`Shape`] per botocore shape reachable from Converse, ConverseStream and CountTokens,
//! in a static array indexed by [`ShapeId`]: the request encoder and the response decoder
//! walk it, so that what is sent and what comes back follow botocore's model, member by
//! member, and nothing passes through the Rust SDK's typed shapes.

use super::generated::SHAPES;

/// A shape's place in [`SHAPES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ShapeId(pub u16);

impl ShapeId {
    /// The shape itself.
    pub fn get(self) -> &'static Shape {
        &SHAPES[usize::from(self.0)]
    }
}

/// One botocore shape.
#[derive(Debug)]
pub struct Shape {
    /// botocore's name, e.g. `ContentBlock`.
    pub name: &'static str,
    /// What values of it are.
    pub kind: Kind,
    /// botocore's client-side `min` check on a value of this shape, if any.
    pub min: Option<Min>,
}

/// The botocore type of a shape.
#[derive(Debug)]
pub enum Kind {
    /// A structure, a tagged union, an error or the event stream.
    Structure(&'static Structure),
    /// A list of `member` values.
    List {
        /// The shape of each item.
        member: ShapeId,
    },
    /// A map from `key` strings to `value` values.
    Map {
        /// The shape of the keys (a string).
        key: ShapeId,
        /// The shape of the values.
        value: ShapeId,
    },
    /// A free-form JSON value (`additionalModelRequestFields`, tool input, ...).
    Document,
    /// `string`.
    String,
    /// `integer` (32 bits on the service's side).
    Integer,
    /// `long`.
    Long,
    /// `float`.
    Float,
    /// `double`.
    Double,
    /// `boolean`.
    Boolean,
    /// `blob`: bytes, base64 in JSON.
    Blob,
}

/// Which kind of structure a [`Structure`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// A plain structure.
    Plain,
    /// A tagged union: exactly one member is set.
    Union,
    /// An error shape (`exception` in the model).
    Error,
    /// The event stream of ConverseStream: each member is an event or an exception event.
    EventStream,
}

/// The members of a structure, in botocore's order.
#[derive(Debug)]
pub struct Structure {
    /// Plain, union, error or event stream.
    pub flavor: Flavor,
    /// The members, in botocore's order.
    pub members: &'static [Member],
    /// The members' names, in the same order (what botocore's messages list).
    pub names: &'static [&'static str],
    /// The members botocore requires.
    pub required: &'static [&'static str],
}

impl Structure {
    /// The place of the member named `name` among [`Self::members`], if the model has it.
    pub fn index(&self, name: &str) -> Option<usize> {
        self.members.iter().position(|member| member.name == name)
    }

    /// The member named `name`, if the model has it.
    pub fn member(&self, name: &str) -> Option<&'static Member> {
        self.index(name).map(|index| &self.members[index])
    }

    /// Whether values of this structure are tagged unions (the event stream included).
    pub fn is_union(&self) -> bool {
        matches!(self.flavor, Flavor::Union | Flavor::EventStream)
    }
}

/// One member of a structure.
#[derive(Debug)]
pub struct Member {
    /// botocore's member name (the JSON key; none of these shapes rename a member).
    pub name: &'static str,
    /// The member's shape.
    pub shape: ShapeId,
    /// Whether it goes in the request's URI (`modelId`) rather than the body.
    pub in_uri: bool,
}

/// botocore's `min` check on a value, with the hint name the Python reader knows it by
/// (see [`super::check`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Min {
    /// A string must be at least this long (in code points, as Python's `len`); the
    /// second hint is the one for a map key of this shape.
    Length(i64, &'static str, &'static str),
    /// A list must have at least this many items.
    Items(i64, &'static str),
    /// A number must be at least this.
    Value(i64, &'static str),
}

impl Min {
    /// The hint name (`fastconverse::min::length::1`, ...).
    pub fn hint(self) -> &'static str {
        match self {
            Min::Length(_, hint, _) | Min::Items(_, hint) | Min::Value(_, hint) => hint,
        }
    }
}

/// The shape of a structure's member `name`, when `shape` is a structure that has it.
pub fn member_shape(shape: ShapeId, name: &str) -> Option<ShapeId> {
    match shape.get().kind {
        Kind::Structure(structure) => structure.member(name).map(|member| member.shape),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::Value;

    fn text(value: Option<&Value>) -> &str {
        value.and_then(Value::as_str).unwrap_or_default()
    }

    /// The table holds every shape of the model, with every member in botocore's order,
    /// its kind and its required members (the generator's output, checked on its input).
    #[test]
    fn the_table_is_the_model() {
        let model = crate::wire::json::parse(include_bytes!("service_model.json")).unwrap();
        let shapes = model.get("shapes").and_then(Value::as_map).unwrap();
        assert_eq!(shapes.len(), SHAPES.len());
        for (index, (name, spec)) in shapes.iter().enumerate() {
            let shape = ShapeId(index as u16).get();
            assert_eq!(shape.name, name);
            let target = |path: &[&str]| {
                let mut value = Some(spec);
                for key in path {
                    value = value.and_then(|v| v.get(key));
                }
                text(value).to_owned()
            };
            let flag = |key: &str| spec.get(key) == Some(&Value::Bool(true));
            match (&shape.kind, text(spec.get("type"))) {
                (Kind::Structure(structure), "structure") => {
                    let members = spec.get("members").and_then(Value::as_map).unwrap();
                    let names: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
                    assert_eq!(structure.names, names.as_slice(), "{name}");
                    for (member, (expected, spec)) in structure.members.iter().zip(members) {
                        assert_eq!(member.name, expected);
                        assert_eq!(member.shape.get().name, text(spec.get("shape")));
                        assert_eq!(member.in_uri, spec.get("location").is_some());
                    }
                    let required: Vec<&str> = spec
                        .get("required")
                        .and_then(Value::as_list)
                        .unwrap_or_default()
                        .iter()
                        .map(|v| text(Some(v)))
                        .collect();
                    assert_eq!(structure.required, required.as_slice(), "{name}");
                    assert_eq!(structure.is_union(), flag("union") || flag("eventstream"));
                }
                (Kind::Document, "structure") => assert!(flag("document")),
                (Kind::List { member }, "list") => {
                    assert_eq!(member.get().name, target(&["member", "shape"]));
                }
                (Kind::Map { key, value }, "map") => {
                    assert_eq!(key.get().name, target(&["key", "shape"]));
                    assert_eq!(value.get().name, target(&["value", "shape"]));
                }
                (Kind::String, "string")
                | (Kind::Integer, "integer")
                | (Kind::Long, "long")
                | (Kind::Float, "float")
                | (Kind::Double, "double")
                | (Kind::Boolean, "boolean")
                | (Kind::Blob, "blob") => {}
                (other, kind) => panic!("{name}: {other:?} for a {kind}"),
            }
        }
        assert_eq!(
            crate::wire::generated::CONVERSE_REQUEST.get().name,
            "ConverseRequest"
        );
    }
}
