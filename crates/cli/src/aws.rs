//! Every AWS client wellscan builds, from one configuration: `--profile` over the standard
//! credential chain, `--endpoint-url` over `AWS_ENDPOINT_URL`, us-east-1 when no region is
//! configured. A service's own `AWS_ENDPOINT_URL_<SERVICE>` still wins, as in the SDK. The scan
//! itself may assume `--role-arn` into the target account; uploads, the history and Bedrock
//! run as the caller.

use aws_config::SdkConfig;
use wellscan_scanner::Target;

use crate::Failure;
use crate::args::LiveArgs;

/// Who calls AWS and where the calls go.
#[derive(Debug, Clone, Default)]
pub struct Access {
    pub profile: Option<String>,
    pub endpoint_url: Option<String>,
}

impl Access {
    pub fn of(live: &LiveArgs) -> Access {
        Access {
            profile: live.profile.clone(),
            endpoint_url: live.endpoint_url.clone(),
        }
    }
}

/// The caller's configuration.
pub async fn caller(access: &Access) -> Result<SdkConfig, Failure> {
    load(access, None).await
}

/// The configuration a live scan uses: the caller's, then `role_arn` assumed if given.
pub async fn target(live: &LiveArgs) -> Result<SdkConfig, Failure> {
    load(
        &Access::of(live),
        live.role_arn
            .as_deref()
            .map(|r| (r, live.external_id.as_deref())),
    )
    .await
}

async fn load(access: &Access, role: Option<(&str, Option<&str>)>) -> Result<SdkConfig, Failure> {
    let target = Target {
        profile: access.profile.clone(),
        role_arn: role.map(|(r, _)| r.to_string()),
        external_id: role.and_then(|(_, e)| e.map(str::to_string)),
        endpoint_url: access.endpoint_url.clone(),
    };
    wellscan_scanner::load_sdk_config(&target)
        .await
        .map_err(|e| Failure::Run(e.into()))
}

/// `AWS_ENDPOINT_URL_<SERVICE>`, when set.
fn service_endpoint(service: &str) -> Option<String> {
    std::env::var(format!("AWS_ENDPOINT_URL_{service}"))
        .ok()
        .filter(|v| !v.is_empty())
}

/// An S3 client configuration; path-style addresses behind any custom endpoint (emulators and
/// S3-compatible stores want them).
pub fn s3(sdk: &SdkConfig) -> aws_sdk_s3::config::Builder {
    let own = service_endpoint("S3");
    let custom = own.is_some() || sdk.endpoint_url().is_some();
    let mut builder = aws_sdk_s3::config::Builder::from(sdk).force_path_style(custom);
    if let Some(url) = own {
        builder = builder.endpoint_url(url);
    }
    builder
}

pub fn dynamodb(sdk: &SdkConfig) -> aws_sdk_dynamodb::Client {
    let mut builder = aws_sdk_dynamodb::config::Builder::from(sdk);
    if let Some(url) = service_endpoint("DYNAMODB") {
        builder = builder.endpoint_url(url);
    }
    aws_sdk_dynamodb::Client::from_conf(builder.build())
}

/// The Bedrock runtime client, in `region` when given.
pub fn bedrock(sdk: &SdkConfig, region: Option<&str>) -> aws_sdk_bedrockruntime::Client {
    let mut builder = aws_sdk_bedrockruntime::config::Builder::from(sdk);
    if let Some(region) = region {
        builder = builder.region(aws_config::Region::new(region.to_string()));
    }
    if let Some(url) = service_endpoint("BEDROCK_RUNTIME") {
        builder = builder.endpoint_url(url);
    }
    aws_sdk_bedrockruntime::Client::from_conf(builder.build())
}
