//! The HTTP/1.1 listener, with the limits axum's own `serve` does not expose: the size of a
//! request's head (request line and headers) and how long a client may take to send it.

use std::future::Future;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;

/// A request head larger than this is refused (hyper's minimum is 8 KiB).
pub const HEAD_LIMIT: usize = 16 * 1024;

/// A client that has not sent its whole head by then is disconnected.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// How long open connections (a watched progress stream) may take to close at shutdown.
pub const CLOSE_DEADLINE: Duration = Duration::from_secs(5);

/// Serves `app` until `stop` resolves, then lets open connections finish for
/// [`CLOSE_DEADLINE`].
pub async fn serve(listener: TcpListener, app: Router, stop: impl Future<Output = ()>) {
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.max_buf_size(HEAD_LIMIT)
        .timer(TokioTimer::new())
        .header_read_timeout(Some(HEAD_TIMEOUT));
    tokio::pin!(stop);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((stream, _)) => stream,
                    Err(e) => {
                        // Out of descriptors and the like: pause instead of spinning.
                        tracing::warn!(error = %e, "accept failed");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                };
                let service = TowerToHyperService::new(app.clone());
                let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
                tokio::spawn(async move {
                    if let Err(e) = connection.await {
                        tracing::debug!(error = %e, "connection ended with an error");
                    }
                });
            }
            () = &mut stop => break,
        }
    }
    drop(listener);
    if tokio::time::timeout(CLOSE_DEADLINE, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::info!("connections still open at shutdown were closed");
    }
}
