//! A message posted to a Slack incoming webhook: `{"text": …}` over HTTPS (HTTP only to this
//! machine), with what Slack reads as markup in the account's names escaped, so a resource
//! named `<!channel>` pings no one. The URL is a secret: no error names it.

use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

use super::Message;

/// How long Slack has to answer.
const TIMEOUT: Duration = Duration::from_secs(10);

/// Whether `url` is HTTPS, or HTTP to this machine.
pub fn acceptable(url: &str) -> bool {
    if url.starts_with("https://") {
        return true;
    }
    let Some(rest) = url.strip_prefix("http://") else {
        return false;
    };
    let host = rest.split(['/', ':']).next().unwrap_or_default();
    matches!(host, "127.0.0.1" | "localhost") || rest.starts_with("[::1]")
}

/// `text` as Slack's message text: `&`, `<` and `>` escaped, as Slack asks.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub async fn post(url: &str, message: &Message) -> Result<(), String> {
    if !acceptable(url) {
        return Err("the webhook URL is not an https:// URL".into());
    }
    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_provider_and_native_roots(rustls::crypto::aws_lc_rs::default_provider())
        .map_err(|e| format!("no TLS roots to check Slack with: {e}"))?
        .https_or_http()
        .enable_http1()
        .build();
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build(https);
    let body = serde_json::json!({ "text": escape(&message.text) }).to_string();
    let request = hyper::Request::post(url)
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(body)))
        .map_err(|_| "the webhook URL is not a valid URL".to_string())?;
    let response = tokio::time::timeout(TIMEOUT, client.request(request))
        .await
        .map_err(|_| format!("Slack did not answer within {} s", TIMEOUT.as_secs()))?
        // The error's text may hold the URL: only its kind is said.
        .map_err(|e| {
            if e.is_connect() {
                "could not connect to Slack".to_string()
            } else {
                "the request to Slack failed".to_string()
            }
        })?;
    let status = response.status();
    if status.is_success() {
        return Ok(());
    }
    let answer = tokio::time::timeout(TIMEOUT, response.into_body().collect())
        .await
        .ok()
        .and_then(Result::ok)
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let answer: String = String::from_utf8_lossy(&answer)
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    Err(format!("Slack answered HTTP {}: {answer}", status.as_u16()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_from_the_account_is_escaped() {
        assert_eq!(
            escape("<!channel> & <https://evil.example|click>"),
            "&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;"
        );
    }

    #[test]
    fn only_https_or_this_machine() {
        assert!(acceptable("https://hooks.slack.com/services/T/B/x"));
        assert!(acceptable("http://127.0.0.1:8080/hook"));
        assert!(!acceptable("http://hooks.slack.com/services/T/B/x"));
        assert!(!acceptable("http://127.0.0.1.evil.example/hook"));
    }
}
