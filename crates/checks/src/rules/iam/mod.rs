pub mod access_key_old;
pub mod access_key_unused;
pub mod password_policy_weak;
pub mod policy_admin_star;
pub mod role_trusts_any_principal;
pub mod root_access_keys;
pub mod root_without_mfa;
pub mod user_console_without_mfa;
