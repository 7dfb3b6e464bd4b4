//! LocalBedrock: an embedded Bedrock Runtime server speaking the real wire protocol.
//!
//! A real HTTP/1.1 server (hyper, keep-alive) that any AWS SDK can be pointed at with an
//! endpoint override: it checks SigV4 signatures (or a bearer API key) against the
//! credentials it was given, validates requests against botocore's service model and
//! answers in Bedrock's rest-json form, errors included. Routes: `POST
//! /model/{modelId}/converse`, `/converse-stream` (AWS event-stream framing) and
//! `/count-tokens`. Converse and ConverseStream take their outcome from one FIFO queue
//! of scripted replies, errors and streams, and from a deterministic echo model when the
//! queue is empty; CountTokens counts with the echo model's tokenizer and never takes
//! from the queue. No Python in here: `src/py/local.rs` is the Python face.
//!
//! ```no_run
//! use fastconverse::emulator::{LocalServer, ServerConfig};
//!
//! let runtime = tokio::runtime::Runtime::new().unwrap();
//! let server = LocalServer::start(ServerConfig::default(), runtime.handle()).unwrap();
//! println!("{}", server.endpoint_url()); // http://127.0.0.1:PORT
//! server.queue_error("ThrottlingException", "Slow down", None);
//! server.shutdown();
//! ```
//!
//! Layout: `server` (listener, connections, shutdown), `handler` (one request, start to
//! finish), `router` (paths), `auth` (SigV4 and bearer), `validate` (the service model
//! walker), `echo`, `tokenizer` and `schema` (the default model; `schema`: instances of JSON
//! schemas for structured output), `state` (queue, log, counters),
//! `stream` (ConverseStream events and framing), `fault` (raw answers and connection
//! faults), `body` (response bodies), `errors` (Bedrock's error form), `json` (request
//! bodies). What each model supports is `crate::catalog`, shared with the client.
//!
//! Modules depend one way, each only on those below it (no cycles; keep it so):
//!
//! ```text
//! server     listener, connections, shutdown
//! handler    one request (and ConnectionControl, which the server creates for it)
//! state      queue, log, counters; InFlight is the body's AnswerGuard
//! fault      stream      scripted answers, cut into body items
//! echo                   the default model
//! auth       router      validate
//! body       errors      json       tokenizer    fdlimit    schema
//!                                                           (these name no other module)
//! ```

mod auth;
mod body;
mod echo;
mod errors;
mod fault;
mod fdlimit;
mod handler;
mod json;
mod router;
mod schema;
mod server;
mod state;
mod stream;
pub mod tokenizer;
mod validate;

pub use auth::SIGNING_NAME;
pub use errors::{default_status, ServiceError};
pub use fault::{ConnectionFault, RawAnswer};
pub use router::{Operation, Route};
pub use server::{LocalServer, ServerConfig, DEFAULT_REQUEST_LOG_LIMIT};
pub use state::{RecordedRequest, Scripted, Stats};
pub use stream::{ScriptedStream, StreamFault};

#[cfg(test)]
mod tests;
