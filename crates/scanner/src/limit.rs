//! One bound on the API requests a scan has in flight, whichever unit, region or service sends
//! them: the HTTP client every SDK client of the scan shares waits for a permit before each
//! request and returns it when the answer's headers arrive.

use std::sync::Arc;

use aws_smithy_http_client::proxy::ProxyConfig;
use aws_smithy_http_client::{Builder, ConnectorBuilder, tls};
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient,
    SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use tokio::sync::Semaphore;

/// An HTTP client that lets at most `limit` requests through at once.
#[derive(Debug, Clone)]
pub(crate) struct Limited {
    inner: SharedHttpClient,
    permits: Arc<Semaphore>,
}

impl Limited {
    /// Wraps `inner`, or the SDK's default HTTPS client when the caller configured none.
    pub(crate) fn new(inner: Option<SharedHttpClient>, limit: usize) -> Limited {
        Limited {
            inner: inner.unwrap_or_else(default_https_client),
            permits: Arc::new(Semaphore::new(limit.max(1))),
        }
    }
}

impl HttpClient for Limited {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(LimitedConnector {
            inner: self.inner.http_connector(settings, components),
            permits: Arc::clone(&self.permits),
        })
    }
}

#[derive(Debug)]
struct LimitedConnector {
    inner: SharedHttpConnector,
    permits: Arc<Semaphore>,
}

impl HttpConnector for LimitedConnector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let inner = self.inner.clone();
        let permits = Arc::clone(&self.permits);
        HttpConnectorFuture::new(async move {
            // The semaphore is never closed; without a permit the request still goes.
            let _permit = permits.acquire_owned().await.ok();
            inner.call(request).await
        })
    }
}

/// The client the SDK builds when none is configured: hyper with rustls, the connector settings
/// (timeouts) of each SDK client, and the standard proxy environment variables.
fn default_https_client() -> SharedHttpClient {
    Builder::new().build_with_connector_fn(|settings, components| {
        let mut connector = ConnectorBuilder::default().tls_provider(tls::Provider::Rustls(
            tls::rustls_provider::CryptoMode::AwsLc,
        ));
        connector.set_connector_settings(settings.cloned());
        if let Some(components) = components {
            connector.set_sleep_impl(components.sleep_impl());
        }
        connector.set_proxy_config(Some(ProxyConfig::from_env()));
        connector.build()
    })
}
