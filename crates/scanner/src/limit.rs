//! One bound on the API requests a scan has in flight, whichever unit, region or service sends
//! them: the HTTP client every SDK client of the scan shares waits for a permit before each
//! request and returns it when the answer's headers arrive.
//!
//! When every permit is taken, a request of a unit that has already had an answer goes before
//! the first requests of units not yet answered: it is a link in a chain under way (list,
//! then describe, then read each one's settings), and the scan ends when its longest chain
//! does. First come, first served would queue every chain's next link behind the opening call
//! of every unit started after it.

use std::cell::Cell;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use aws_smithy_http_client::proxy::ProxyConfig;
use aws_smithy_http_client::{Builder, ConnectorBuilder, tls};
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient,
    SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use tokio::sync::oneshot;

tokio::task_local! {
    /// Answers the running unit has had so far.
    static ANSWERS: Cell<u32>;
}

/// Runs one unit's calls: from its first answer on, its requests go first.
pub(crate) async fn unit<F: std::future::Future>(work: F) -> F::Output {
    ANSWERS.scope(Cell::new(0), work).await
}

/// Whether a request belongs to a chain under way: a unit that has had an answer, or a call
/// made outside any unit (the scan's own first calls).
fn under_way() -> bool {
    ANSWERS.try_with(|n| n.get() > 0).unwrap_or(true)
}

fn answered() {
    let _ = ANSWERS.try_with(|n| n.set(n.get().saturating_add(1)));
}

/// An HTTP client that lets at most `limit` requests through at once.
#[derive(Debug, Clone)]
pub(crate) struct Limited {
    inner: SharedHttpClient,
    gate: Arc<Gate>,
}

impl Limited {
    /// Wraps `inner`, or the SDK's default HTTPS client when the caller configured none.
    pub(crate) fn new(inner: Option<SharedHttpClient>, limit: usize) -> Limited {
        Limited {
            inner: inner.unwrap_or_else(default_https_client),
            gate: Gate::new(limit.max(1)),
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
            gate: Arc::clone(&self.gate),
        })
    }
}

#[derive(Debug)]
struct LimitedConnector {
    inner: SharedHttpConnector,
    gate: Arc<Gate>,
}

impl HttpConnector for LimitedConnector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let inner = self.inner.clone();
        let gate = Arc::clone(&self.gate);
        HttpConnectorFuture::new(async move {
            let _permit = gate.acquire(under_way()).await;
            let answer = inner.call(request).await;
            answered();
            answer
        })
    }
}

/// Permits for requests, handed to waiting chains under way before waiting first requests,
/// each class in the order it asked.
#[derive(Debug)]
struct Gate {
    queue: Mutex<Queue>,
}

#[derive(Debug, Default)]
struct Queue {
    free: usize,
    under_way: VecDeque<oneshot::Sender<Permit>>,
    starting: VecDeque<oneshot::Sender<Permit>>,
}

/// One request's place; given back when dropped.
#[derive(Debug)]
struct Permit {
    gate: Option<Arc<Gate>>,
}

impl Gate {
    fn new(permits: usize) -> Arc<Gate> {
        Arc::new(Gate {
            queue: Mutex::new(Queue {
                free: permits,
                ..Queue::default()
            }),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Queue> {
        // The queue is consistent between statements: a panic elsewhere leaves it usable.
        self.queue.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A permit, at once when one is free, else when it is this request's turn. `None` only
    /// if the gate goes away, and then the request goes without one.
    async fn acquire(self: &Arc<Gate>, under_way: bool) -> Option<Permit> {
        let turn = {
            let mut queue = self.lock();
            if queue.free > 0 {
                queue.free -= 1;
                return Some(Permit {
                    gate: Some(Arc::clone(self)),
                });
            }
            let (tx, rx) = oneshot::channel();
            if under_way {
                queue.under_way.push_back(tx);
            } else {
                queue.starting.push_back(tx);
            }
            rx
        };
        turn.await.ok()
    }

    /// Hands a returned permit to the next request still waiting (one that gave up, by a
    /// timeout or a cancelled scan, is passed over), or keeps it free.
    fn release(self: &Arc<Gate>) {
        loop {
            let next = {
                let mut queue = self.lock();
                match queue
                    .under_way
                    .pop_front()
                    .or_else(|| queue.starting.pop_front())
                {
                    Some(next) => next,
                    None => {
                        queue.free += 1;
                        return;
                    }
                }
            };
            let permit = Permit {
                gate: Some(Arc::clone(self)),
            };
            match next.send(permit) {
                Ok(()) => return,
                // Emptied first: dropping it whole would release again from inside this loop.
                Err(mut unused) => unused.gate = None,
            }
        }
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        if let Some(gate) = self.gate.take() {
            gate.release();
        }
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

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    /// Polls `future` once: whether it finished at once.
    fn ready<F: std::future::Future>(future: F) -> Option<F::Output> {
        futures::FutureExt::now_or_never(future)
    }

    #[tokio::test]
    async fn no_more_permits_than_the_limit_are_out_at_once() {
        let gate = Gate::new(2);
        let first = gate.acquire(false).await;
        let second = gate.acquire(false).await;
        assert!(first.is_some() && second.is_some());
        let third = tokio::spawn({
            let gate = Arc::clone(&gate);
            async move { gate.acquire(false).await.is_some() }
        });
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(
            !third.is_finished(),
            "a third request went past a limit of two"
        );
        drop(first);
        assert!(third.await.expect("the waiting request"));
        drop(second);
        assert_eq!(gate.lock().free, 2, "every permit came back");
    }

    #[tokio::test]
    async fn a_chain_under_way_goes_before_units_not_yet_answered() {
        let gate = Gate::new(1);
        let held = gate.acquire(true).await;
        let order = Arc::new(Mutex::new(Vec::new()));
        let waiter = |name: &'static str, under_way: bool| {
            let (gate, order) = (Arc::clone(&gate), Arc::clone(&order));
            tokio::spawn(async move {
                let _permit = gate.acquire(under_way).await;
                order.lock().expect("order").push(name);
            })
        };
        // Two units' opening calls wait first; a chain's next link asks after them.
        let opening_a = waiter("opening a", false);
        tokio::time::sleep(Duration::from_millis(5)).await;
        let opening_b = waiter("opening b", false);
        tokio::time::sleep(Duration::from_millis(5)).await;
        let next_link = waiter("next link", true);
        tokio::time::sleep(Duration::from_millis(5)).await;
        drop(held);
        for task in [opening_a, opening_b, next_link] {
            task.await.expect("waiter");
        }
        assert_eq!(
            *order.lock().expect("order"),
            ["next link", "opening a", "opening b"]
        );
    }

    #[tokio::test]
    async fn a_request_that_gave_up_waiting_leaves_its_turn_to_the_next() {
        let gate = Gate::new(1);
        let held = gate.acquire(false).await;
        // Times out while waiting, as an attempt timeout or a cancelled scan would.
        let gave_up = tokio::time::timeout(Duration::from_millis(10), gate.acquire(true)).await;
        assert!(gave_up.is_err());
        drop(held);
        // The permit was not handed to the request that left: it is free for the next one.
        assert!(ready(gate.acquire(false)).flatten().is_some());
    }

    #[tokio::test]
    async fn calls_outside_a_unit_and_after_a_units_first_answer_are_under_way() {
        assert!(under_way(), "the scan's own first calls");
        unit(async {
            assert!(!under_way(), "a unit's opening call");
            answered();
            assert!(under_way(), "the unit's next call");
        })
        .await;
    }
}
