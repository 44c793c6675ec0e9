//! The AWS session wellscan works in, one [`Session`]: `--profile` over the standard credential
//! chain, `--endpoint-url` over `AWS_ENDPOINT_URL`, us-east-1 when no region is configured. Its
//! clients come from `wellscan_aws::Clients`, where a service's own `AWS_ENDPOINT_URL_<SERVICE>`
//! still wins, as in the SDK. A live scan may assume a role into the target account ([`Session::target`]); uploads,
//! the history and Bedrock run as the caller ([`Session::caller`]).

use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::SharedCredentialsProvider;
use wellscan_aws::{Clients, Service};

/// The region wellscan talks to when nothing configures one.
pub const FALLBACK_REGION: &str = "us-east-1";

/// Who calls AWS and where the calls go.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Access {
    /// A named profile instead of the standard chain.
    pub profile: Option<String>,
    /// One endpoint for every service (an emulator, a proxy).
    pub endpoint_url: Option<String>,
}

/// A role a live scan assumes into the account it scans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    pub arn: String,
    pub external_id: Option<String>,
}

/// Why no session could be built.
#[derive(Debug, thiserror::Error)]
pub enum AwsError {
    #[error(
        "no AWS credentials found{}: export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, pass --profile, run `aws sso login`, or run where an instance or task role applies",
        .profile.as_ref().map(|p| format!(" in profile `{p}`")).unwrap_or_default()
    )]
    NoCredentials { profile: Option<String> },
    /// The credential source is there but failed (an expired SSO session, a broken profile).
    #[error("cannot load AWS credentials: {reason}")]
    Credentials { reason: String },
    /// The caller's credentials work, but the role cannot be assumed with them.
    #[error("cannot assume {arn}: {reason}")]
    AssumeRole { arn: String, reason: String },
}

/// A loaded AWS configuration, and the clients built from it.
#[derive(Debug, Clone)]
pub struct Session {
    clients: Clients,
}

impl Session {
    /// The caller's own session.
    pub async fn caller(access: &Access) -> Result<Session, AwsError> {
        Session::load(access, None).await
    }

    /// The session a live scan uses: the caller's, then `role` assumed if given.
    pub async fn target(access: &Access, role: Option<&Role>) -> Result<Session, AwsError> {
        Session::load(access, role).await
    }

    async fn load(access: &Access, role: Option<&Role>) -> Result<Session, AwsError> {
        let mut loader = aws_config::defaults(BehaviorVersion::latest());
        if let Some(profile) = &access.profile {
            loader = loader.profile_name(profile);
        }
        if let Some(url) = &access.endpoint_url {
            loader = loader.endpoint_url(url);
        }
        let mut sdk = loader.load().await;
        if sdk.region().is_none() {
            sdk = sdk
                .into_builder()
                .region(Region::new(FALLBACK_REGION))
                .build();
        }
        resolve_credentials(&sdk, access).await?;
        if let Some(role) = role {
            let mut builder = aws_config::sts::AssumeRoleProvider::builder(role.arn.clone())
                .session_name("wellscan");
            if let Some(id) = &role.external_id {
                builder = builder.external_id(id.clone());
            }
            let provider = builder.configure(&sdk).build().await;
            sdk = sdk
                .into_builder()
                .credentials_provider(SharedCredentialsProvider::new(provider))
                .build();
            // Assumed now, so a role that is missing or does not trust the caller is one
            // error naming the role, not a failure inside every call of the scan.
            assume(&sdk, &role.arn).await?;
        }
        Ok(Session {
            clients: Clients::new(sdk),
        })
    }

    /// The region the session talks to.
    pub fn region(&self) -> &str {
        self.clients.region().unwrap_or(FALLBACK_REGION)
    }

    /// The endpoint every service is sent to, when one is set.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.clients.sdk().endpoint_url()
    }

    /// The configuration discovery starts from (the scanner builds its own clients per region).
    pub(crate) fn sdk(&self) -> &SdkConfig {
        self.clients.sdk()
    }

    /// An S3 client in `bucket`'s own region, which presigned links must name; in the
    /// configured region when the bucket cannot be asked (the upload then says what is wrong).
    pub async fn s3_for_bucket(&self, bucket: &str) -> aws_sdk_s3::Client {
        let client = self.client::<aws_sdk_s3::Client>();
        match bucket_region(&client, bucket).await {
            Some(region) => self.client_in(&region),
            None => client,
        }
    }

    /// Every client of the session, for code that builds its own per region.
    pub fn clients(&self) -> &Clients {
        &self.clients
    }

    /// A client of `C` in the session's region.
    pub fn client<C: Service>(&self) -> C {
        self.clients.client()
    }

    /// A client of `C` in `region` (Bedrock's own region, a bucket's region).
    pub fn client_in<C: Service>(&self, region: &str) -> C {
        self.clients.client_in(region)
    }

    /// The partition the session's region is in (`aws`, `aws-cn`, `aws-us-gov`), for ARNs.
    pub fn partition(&self) -> &'static str {
        let region = self.region();
        if region.starts_with("cn-") {
            "aws-cn"
        } else if region.starts_with("us-gov-") {
            "aws-us-gov"
        } else {
            "aws"
        }
    }
}

/// Asks the credential chain once, up front, so a missing or broken source is one clear
/// error before any work, not a failure inside every call.
async fn resolve_credentials(sdk: &SdkConfig, access: &Access) -> Result<(), AwsError> {
    use aws_credential_types::provider::{ProvideCredentials, error::CredentialsError};
    let none = || AwsError::NoCredentials {
        profile: access.profile.clone(),
    };
    let provider = sdk.credentials_provider().ok_or_else(none)?;
    match provider.provide_credentials().await {
        Ok(_) => Ok(()),
        Err(CredentialsError::CredentialsNotLoaded(_)) => Err(none()),
        Err(e) => {
            // The chain's own text lists every source it tried, one per line: the first says it.
            let chain = wellscan_model::error_chain(&e);
            Err(AwsError::Credentials {
                reason: chain.lines().next().unwrap_or_default().to_string(),
            })
        }
    }
}

/// Asks STS for the role's credentials once; the provider caches them for the calls after.
async fn assume(sdk: &SdkConfig, arn: &str) -> Result<(), AwsError> {
    use aws_credential_types::provider::ProvideCredentials;
    use aws_credential_types::provider::error::CredentialsError;
    let Some(provider) = sdk.credentials_provider() else {
        return Ok(());
    };
    let error = match provider.provide_credentials().await {
        Ok(_) => return Ok(()),
        Err(e) => e,
    };
    // STS's own refusal (`AccessDenied: ... is not authorized to perform: sts:AssumeRole`)
    // is the innermost cause; the layers above it only say that a provider failed.
    let reason = match &error {
        CredentialsError::ProviderError(_) => sts_refusal(&error),
        _ => None,
    }
    .unwrap_or_else(|| wellscan_model::error_chain(&error));
    Err(AwsError::AssumeRole {
        arn: arn.to_string(),
        reason,
    })
}

/// The code and message of the STS error under a failed credential provider, when there is one.
fn sts_refusal(error: &(dyn std::error::Error + 'static)) -> Option<String> {
    use aws_sdk_sts::error::ProvideErrorMetadata;
    use aws_sdk_sts::operation::assume_role::AssumeRoleError;
    let mut next = error.source();
    while let Some(e) = next {
        if let Some(sdk) = e.downcast_ref::<aws_sdk_sts::error::SdkError<AssumeRoleError>>() {
            return Some(wellscan_model::service_said(
                sdk.code(),
                sdk.message(),
                wellscan_model::error_chain(sdk),
            ));
        }
        next = e.source();
    }
    None
}

/// The bucket's region from HeadBucket, or `None` to keep the configured one.
async fn bucket_region(client: &aws_sdk_s3::Client, bucket: &str) -> Option<String> {
    match client.head_bucket().bucket(bucket).send().await {
        Ok(out) => out.bucket_region().map(str::to_string),
        Err(e) => {
            // A bucket in another region answers 301 with its region in a header.
            let header = e
                .raw_response()
                .and_then(|r| r.headers().get("x-amz-bucket-region"))
                .map(str::to_string);
            if header.is_none() {
                tracing::warn!(bucket, error = %wellscan_model::error_chain(&e), "cannot read the bucket's region");
            }
            header
        }
    }
}
