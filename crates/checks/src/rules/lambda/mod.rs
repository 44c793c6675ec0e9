pub mod async_without_failure_destination;
pub mod deprecated_runtime;
pub mod env_secret_like;
pub mod memory_oversized;
pub mod throttled;
pub mod tracing_disabled;
pub mod url_without_auth;
pub mod x86_architecture;
