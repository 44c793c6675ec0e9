//! How each service's client is built: the same steps for all but S3 and S3 Control.

use crate::Clients;

/// A service client [`Clients`] can build. Clones share one client, as the SDK's do.
pub trait Service: Clone + Send + Sync + 'static {
    /// The client, in `region` when given, else in the configured region.
    fn build(clients: &Clients, region: Option<&str>) -> Self;
}

/// The steps every client shares: the loaded configuration, the service's own endpoint
/// variable over it (`$id` is the SDK's service id), the region, the interceptor. `$tune`
/// adjusts the builder before it is built.
macro_rules! build {
    ($sdk:ident, $id:literal, $clients:expr, $region:expr, |$builder:ident| $tune:expr) => {{
        let clients: &Clients = $clients;
        let mut $builder = $sdk::config::Builder::from(&clients.sdk);
        if let Some(url) = clients.own_endpoint($id) {
            $builder = $builder.endpoint_url(url);
        }
        if let Some(region) = $region {
            $builder = $builder.region($sdk::config::Region::new(region.to_string()));
        }
        if let Some(interceptor) = &clients.interceptor {
            $builder.push_interceptor(interceptor.clone());
        }
        let $builder = $tune;
        $sdk::Client::from_conf($builder.build())
    }};
}

/// Services built with the shared steps only.
macro_rules! plain {
    ($($sdk:ident $id:literal),* $(,)?) => {$(
        impl Service for $sdk::Client {
            fn build(clients: &Clients, region: Option<&str>) -> Self {
                build!($sdk, $id, clients, region, |builder| builder)
            }
        }
    )*};
}

plain!(
    aws_sdk_bedrockruntime "Bedrock Runtime",
    aws_sdk_cloudfront "CloudFront",
    aws_sdk_dynamodb "DynamoDB",
    aws_sdk_organizations "Organizations",
    aws_sdk_route53 "Route 53",
    aws_sdk_scheduler "Scheduler",
    aws_sdk_sts "STS",
);

/// Path-style addresses behind a custom endpoint: an emulator or an S3-compatible store has
/// no DNS name per bucket.
impl Service for aws_sdk_s3::Client {
    fn build(clients: &Clients, region: Option<&str>) -> Self {
        let custom = clients.custom_endpoint("S3").is_some();
        build!(aws_sdk_s3, "S3", clients, region, |builder| builder
            .force_path_style(custom))
    }
}

/// S3 Control puts the account id in the host name. Behind a custom endpoint that host does
/// not exist: the call goes to the endpoint as is.
impl Service for aws_sdk_s3control::Client {
    fn build(clients: &Clients, region: Option<&str>) -> Self {
        let custom = clients.custom_endpoint("S3 Control");
        build!(
            aws_sdk_s3control,
            "S3 Control",
            clients,
            region,
            |builder| match custom {
                Some(url) => builder.endpoint_resolver(Verbatim(url)),
                None => builder,
            }
        )
    }
}

/// An endpoint resolver that answers one URL whatever the call.
#[derive(Debug)]
struct Verbatim(String);

impl aws_sdk_s3control::config::endpoint::ResolveEndpoint for Verbatim {
    fn resolve_endpoint<'a>(
        &'a self,
        _params: &'a aws_sdk_s3control::config::endpoint::Params,
    ) -> aws_sdk_s3control::config::endpoint::EndpointFuture<'a> {
        aws_sdk_s3control::config::endpoint::EndpointFuture::ready(Ok(
            aws_sdk_s3control::config::endpoint::Endpoint::builder()
                .url(self.0.clone())
                .build(),
        ))
    }
}
