//! The wire: boto3's bytes both ways, with no typed shapes in between.
//!
//! - [`encode`]: a request dict (read through any serde `Deserializer`) to the JSON body
//!   boto3 sends for it, token for token, with botocore's checks;
//! - [`json`]: response and event bytes to a [`Value`], as `json.loads` reads them;
//! - [`decode`]: a [`Value`] to boto3's layout (botocore's parser: members in the model's
//!   order, blobs decoded, what this release does not know handled as boto3 handles it),
//!   stream events, and error responses with boto3's codes and messages;
//! - [`model`] and [`generated`]: botocore's shapes as the table they all walk, written by
//!   `codegen/gen_wire.py` from `service_model.json`;
//! - [`check`]: the names by which the encoder hands botocore's `min` checks to a reader.
//!
//! Everything here is plain Rust: no Python, no I/O.

pub mod check;
pub mod decode;
pub mod encode;
pub mod frame;
pub mod generated;
pub mod json;
pub mod model;
pub mod value;

pub use value::Value;
