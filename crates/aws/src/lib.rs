//! Every AWS client wellscan builds comes from one [`Clients`]: the configuration the caller
//! loaded (credentials, region, retries, one endpoint for every service), in the region asked
//! for, with the interceptor that logs calls when one is set. A service's own endpoint variable
//! (`AWS_ENDPOINT_URL_<SERVICE>`) wins over the shared endpoint, `--endpoint-url` included: a
//! test or a deployment can send one service elsewhere (Bedrock to its fake, S3 to a store).
//!
//! Behind any custom endpoint (an emulator, an S3-compatible store), S3 is addressed path-style
//! and S3 Control goes to the endpoint as is, without the account id in the host name.
//!
//! Each client is built once per service and region and handed out again after that: a scan
//! asks for the same client in every unit of a region.
//!
//! Adding a service is one line in [`service`]'s list and one dependency, or for a Query service
//! one line in `query/apis.rs`, for a JSON service one in `json/apis.rs`, for a REST-JSON service
//! one in `rest/apis.rs`.

mod error;
pub mod json;
pub mod query;
pub mod rest;
mod runtime;
mod service;

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use aws_smithy_runtime_api::client::interceptors::{Intercept, SharedInterceptor};
use aws_types::SdkConfig;
use aws_types::os_shim_internal::Env;

pub use service::Service;

/// The configuration every client is built from.
#[derive(Debug, Clone)]
pub struct Clients {
    sdk: SdkConfig,
    interceptor: Option<SharedInterceptor>,
    /// Where the services' own endpoint variables are read (the process environment).
    env: Env,
    /// The clients built so far, shared by every copy of these clients.
    built: Built,
}

/// Clients by service and region (`None`: the configured one).
#[derive(Clone, Default)]
struct Built(Arc<Mutex<HashMap<BuiltKey, Box<dyn Any + Send + Sync>>>>);

/// A client's type and region.
type BuiltKey = (TypeId, Option<String>);

impl std::fmt::Debug for Built {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let count = self.0.lock().map(|m| m.len()).unwrap_or_default();
        write!(f, "{count} clients built")
    }
}

impl Clients {
    pub fn new(sdk: SdkConfig) -> Clients {
        Clients {
            sdk,
            interceptor: None,
            env: Env::real(),
            built: Built::default(),
        }
    }

    /// The same clients, reading endpoint variables from `env` instead of the process's.
    #[cfg(test)]
    fn with_env(mut self, env: Env) -> Clients {
        self.env = env;
        self.built = Built::default();
        self
    }

    /// The same clients, each with `interceptor` on every call (the scanner's call log).
    pub fn intercepted(mut self, interceptor: impl Intercept + 'static) -> Clients {
        self.interceptor = Some(SharedInterceptor::new(interceptor));
        self.built = Built::default();
        self
    }

    /// The configuration clients are built from.
    pub fn sdk(&self) -> &SdkConfig {
        &self.sdk
    }

    /// The configured region, when there is one.
    pub fn region(&self) -> Option<&str> {
        self.sdk.region().map(|r| r.as_ref())
    }

    /// A client of `C` in the configured region.
    pub fn client<C: Service>(&self) -> C {
        self.built(None)
    }

    /// A client of `C` in `region`.
    pub fn client_in<C: Service>(&self, region: &str) -> C {
        self.built(Some(region))
    }

    /// The client of `C` in `region` built before, or a new one, kept for the next caller. The
    /// lock is not held while building: two callers racing build twice and keep one.
    fn built<C: Service>(&self, region: Option<&str>) -> C {
        let key = (TypeId::of::<C>(), region.map(str::to_string));
        let lock = || self.built.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(client) = lock().get(&key).and_then(|c| c.downcast_ref::<C>()) {
            return client.clone();
        }
        let client = C::build(self, region);
        lock()
            .entry(key)
            .or_insert_with(|| Box::new(client.clone()));
        client
    }

    /// Where calls to the service with SDK id `service_id` (`S3 Control`) go when not to
    /// AWS: its own endpoint variable, else the shared endpoint.
    pub fn custom_endpoint(&self, service_id: &str) -> Option<String> {
        self.own_endpoint(service_id)
            .or_else(|| self.sdk.endpoint_url().map(str::to_string))
    }

    /// `AWS_ENDPOINT_URL_<SERVICE>`, the id in capitals with `_` for spaces, when set.
    fn own_endpoint(&self, service_id: &str) -> Option<String> {
        let name = format!(
            "AWS_ENDPOINT_URL_{}",
            service_id.to_ascii_uppercase().replace([' ', '-'], "_")
        );
        self.env.get(&name).ok().filter(|url| !url.is_empty())
    }
}

#[cfg(test)]
mod tests;
