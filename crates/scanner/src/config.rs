//! The AWS configuration a live scan starts from: the standard credential chain or a profile,
//! optionally assuming a role into the target account, and the standard endpoint settings.

use aws_config::{BehaviorVersion, SdkConfig};
use aws_credential_types::provider::SharedCredentialsProvider;

use crate::ScanError;

/// The account to scan and how to reach it.
#[derive(Debug, Clone, Default)]
pub struct Target {
    pub profile: Option<String>,
    pub role_arn: Option<String>,
    pub external_id: Option<String>,
    /// Overrides `AWS_ENDPOINT_URL` (an emulator, a proxy).
    pub endpoint_url: Option<String>,
}

/// Loads the configuration for `target` from the standard sources (environment, profile, SSO,
/// instance or task role), then assumes `role_arn` if given.
pub async fn load_sdk_config(target: &Target) -> Result<SdkConfig, ScanError> {
    let mut loader = aws_config::defaults(BehaviorVersion::latest());
    if let Some(profile) = &target.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(url) = &target.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    let mut config = loader.load().await;
    if config.region().is_none() {
        config = config
            .into_builder()
            .region(aws_config::Region::new("us-east-1"))
            .build();
    }
    if config.credentials_provider().is_none() {
        return Err(ScanError::Config(
            "no AWS credentials found (environment, --profile, SSO, or instance/task role)".into(),
        ));
    }
    if let Some(role) = &target.role_arn {
        let mut builder =
            aws_config::sts::AssumeRoleProvider::builder(role.clone()).session_name("wellscan");
        if let Some(id) = &target.external_id {
            builder = builder.external_id(id.clone());
        }
        let provider = builder.configure(&config).build().await;
        config = config
            .into_builder()
            .credentials_provider(SharedCredentialsProvider::new(provider))
            .build();
    }
    Ok(config)
}
