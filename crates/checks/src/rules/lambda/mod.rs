pub mod tracing_disabled;
pub mod x86_architecture;
