pub mod root_without_mfa;
pub mod user_console_without_mfa;
