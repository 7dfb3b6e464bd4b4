//! The core: plain async Rust on the AWS SDK (no Python in here).

pub mod client;
pub mod config;
pub mod error;
pub mod exchange;
pub mod guard;
pub mod http;
pub mod many;
pub mod metadata;
pub mod retry;
pub mod runtime;
pub mod stream;
pub mod user_agent;

pub use client::{Client, Response};
pub use config::{ClientConfig, RetryMode};
pub use error::{CoreError, ServiceError};
pub use metadata::ResponseMetadata;
pub use stream::{ConverseStream, StreamError};
