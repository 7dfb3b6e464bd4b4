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
    /// The member named `name`, if the model has it.
    pub fn member(&self, name: &str) -> Option<&'static Member> {
        self.members.iter().find(|member| member.name == name)
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
    /// A string must be at least this long (in code points, as Python's `len`).
    Length(i64, &'static str),
    /// A list must have at least this many items.
    Items(i64, &'static str),
    /// A number must be at least this.
    Value(i64, &'static str),
}

impl Min {
    /// The hint name (`fastconverse::min::length::1`, ...).
    pub fn hint(self) -> &'static str {
        match self {
            Min::Length(_, hint) | Min::Items(_, hint) | Min::Value(_, hint) => hint,
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
