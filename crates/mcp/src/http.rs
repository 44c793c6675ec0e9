//! The same server over streamable HTTP, for the service's `/mcp`. Stateless: every request
//! stands alone and is answered with JSON, so any task behind the load balancer can answer it.
//! The service authenticates each request first and puts its [`crate::Caller`] in the
//! request's extensions; a request without one is served as an anonymous reader that may not
//! start scans.

use std::sync::Arc;

use rmcp::transport::streamable_http_server::session::never::NeverSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};

use crate::Mcp;

/// The tower service answering `/mcp`.
pub fn service(mcp: Mcp) -> StreamableHttpService<Mcp, NeverSessionManager> {
    // The service checks a token or session on every request before this sees it, so the
    // Host check against DNS rebinding (meant for unauthenticated local servers) is off: the
    // service answers under whatever name its load balancer has.
    let config = StreamableHttpServerConfig::default()
        .with_legacy_session_mode(false)
        .with_json_response(true)
        .with_sse_keep_alive(None)
        .disable_allowed_hosts();
    StreamableHttpService::new(
        move || Ok(mcp.clone()),
        Arc::new(NeverSessionManager::default()),
        config,
    )
}
