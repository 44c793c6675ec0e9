//! The service's pages in headless Chromium, used as a person would: sign in with a token,
//! start a demo audit, watch its progress reach the end without reloading, download the PDF,
//! compare it with the scan before; and the same pages with JavaScript off. Screenshots of each
//! page go to `target/screenshots/serve-*.png` for review.

use std::path::PathBuf;

use serde_json::json;
use wellscan_testkit::Driver;

use crate::serve::Service;

fn screenshots() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots")
}

fn sign_in(page: &mut Driver, base: &str, token: &str) {
    page.goto(&format!("{base}/"));
    page.wait_until("location.pathname === '/signin'");
    page.eval(&format!(
        "document.getElementById('token').value = {}; document.querySelector('form.card').submit(); true",
        json!(token)
    ));
    page.wait_until(
        "location.pathname === '/' && document.readyState === 'complete' && document.querySelector('h1').textContent === 'Accounts'",
    );
}

#[test]
fn a_person_signs_in_runs_a_demo_audit_watches_it_and_downloads_the_pdf() {
    // One scan at a time, and one already running: the audit started in the page waits, so
    // the page shows it queued, then running, then done, without a reload by hand.
    let service = Service::start(&["--max-concurrent-scans", "1"]);
    let before = service.start_demo(&service.admin);
    let mut page = Driver::start(true);
    sign_in(&mut page, &service.base, &service.admin);

    page.goto(&format!("{}/scans/new", service.base));
    page.eval("document.querySelector('form.card').submit(); true");
    page.wait_until(
        "/^\\/scans\\/[0-9A-Za-z-]+$/.test(location.pathname) && document.getElementById('status')",
    );
    let mut seen: Vec<String> = Vec::new();
    let started = std::time::Instant::now();
    loop {
        let status = page
            .try_eval("document.getElementById('status') && document.getElementById('status').textContent")
            .ok()
            .and_then(|v| v.as_str().map(String::from));
        if let Some(status) = status
            && seen.last() != Some(&status)
        {
            seen.push(status.clone());
        }
        if seen.last().map(String::as_str) == Some("succeeded")
            && page
                .try_eval("!!document.querySelector('section.downloads')")
                .ok()
                == Some(json!(true))
        {
            break;
        }
        assert!(
            started.elapsed().as_secs() < 120,
            "the page never showed the end: {seen:?}"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(
        seen.iter().any(|s| s == "queued" || s == "running"),
        "the page never showed the scan under way: {seen:?}"
    );
    page.screenshot(&screenshots().join("serve-scan.png"), 1200);

    let pdf = page.eval(
        "fetch(document.querySelector('a[download][href$=\"/reports/pdf\"]').href)\
         .then(r => r.arrayBuffer()).then(b => new TextDecoder().decode(new Uint8Array(b).slice(0, 5)))",
    );
    assert_eq!(pdf, json!("%PDF-"));

    // The scan before it is there to compare with.
    page.eval(&format!(
        "document.getElementById('from').value = {}; document.querySelector('section.compare form').submit(); true",
        json!(before)
    ));
    page.wait_until("location.pathname === '/diff' && document.querySelector('h1').textContent === 'What changed'");
    let shown = page.eval("document.body.innerText");
    assert!(
        shown.as_str().unwrap_or_default().contains("New (0)"),
        "{shown}"
    );
    page.screenshot(&screenshots().join("serve-diff.png"), 1200);

    page.goto(&format!("{}/", service.base));
    let accounts = page.eval("document.querySelectorAll('table.accounts tbody tr').length");
    assert_eq!(accounts, json!(1));
    let trend = page.eval("document.querySelector('svg.sparkline').getAttribute('aria-label')");
    assert!(
        trend.as_str().unwrap_or_default().contains("last 2 scans"),
        "{trend}"
    );
    page.screenshot(&screenshots().join("serve-accounts.png"), 1200);

    page.goto(&format!("{}/schedules", service.base));
    page.eval(
        "document.getElementById('cron').value = '0 2 * * *'; \
         document.getElementById('time_zone').value = 'Europe/Paris'; \
         document.querySelector('form.card').submit(); true",
    );
    page.wait_until(
        "location.pathname === '/schedules' && !!document.querySelector('table.schedules')",
    );
    let row = page.eval("document.querySelector('table.schedules tbody tr').innerText");
    assert!(
        row.as_str().unwrap_or_default().contains("Europe/Paris"),
        "{row}"
    );
    page.screenshot(&screenshots().join("serve-schedules.png"), 1200);

    page.goto(&format!("{}/scans/{before}/report", service.base));
    let filtered = page.wait_until("document.querySelectorAll('table.findings tbody tr').length");
    assert!(filtered.as_u64().unwrap_or(0) > 100, "{filtered}");

    let errors = page.errors();
    assert!(errors.is_empty(), "the pages logged errors: {errors:#?}");
    page.close();
}

#[test]
fn the_pages_work_with_javascript_off_and_roles_hide_what_a_viewer_cannot_do() {
    let service = Service::start(&[]);
    let viewer = service.token("viewer");
    let done = service.start_demo(&service.admin);
    service.wait_ended(&done);

    let mut page = Driver::start(false);
    page.goto(&format!("{}/signin", service.base));
    // No script runs: the form is posted as a form, through the DevTools protocol's input.
    page.eval(&format!(
        "document.getElementById('token').value = {}; true",
        json!(viewer)
    ));
    let _ = page.try_eval("document.querySelector('form.card').requestSubmit()");
    page.wait_until("location.pathname === '/' && document.readyState === 'complete'");
    let nav = page.eval("document.querySelector('header nav').innerText");
    assert!(
        !nav.as_str().unwrap_or_default().contains("New audit"),
        "{nav}"
    );
    assert!(
        !nav.as_str().unwrap_or_default().contains("Tokens"),
        "{nav}"
    );
    page.goto(&format!("{}/scans/{done}", service.base));
    let text = page.eval("document.body.innerText");
    assert!(
        text.as_str().unwrap_or_default().contains("Download PDF"),
        "{text}"
    );
    page.goto(&format!("{}/tokens", service.base));
    let refused = page.eval("document.body.innerText");
    assert!(
        refused.as_str().unwrap_or_default().contains("admin role"),
        "{refused}"
    );
    page.close();
}

#[test]
fn a_person_signs_in_through_the_identity_provider_with_pkce() {
    use wellscan_testkit::oidc::FakeIssuer;
    let issuer = FakeIssuer::start();
    issuer.set_login(
        json!({"sub": "carol", "email": "carol@example.com", "wellscan_role": "viewer"}),
    );
    let tmp = tempfile::tempdir().expect("temp dir");
    let iss = issuer.issuer();
    let service = Service::start_in(
        &tmp.path().join("data"),
        &[
            "--oidc-issuer",
            &iss,
            "--oidc-audience",
            "wellscan-api",
            "--oidc-client-id",
            "wellscan-web",
        ],
        false,
    );
    let mut page = Driver::start(true);
    page.goto(&format!("{}/", service.base));
    page.wait_until("location.pathname === '/signin'");
    page.eval("document.getElementById('oidc').click(); true");
    page.wait_until(
        "location.pathname === '/' && document.readyState === 'complete' && !!document.querySelector('.who')",
    );
    let who = page.eval("document.querySelector('.who').textContent");
    assert_eq!(who, json!("oidc:carol (carol@example.com) · viewer"));
    let nav = page.eval("document.querySelector('header nav').innerText");
    assert!(
        !nav.as_str().unwrap_or_default().contains("New audit"),
        "{nav}"
    );
    // The code was exchanged with its PKCE verifier, as the client the flag names.
    let exchanges = issuer.token_requests();
    assert_eq!(exchanges.len(), 1, "{exchanges:?}");
    assert_eq!(
        exchanges[0].get("client_id").map(String::as_str),
        Some("wellscan-web")
    );
    assert!(
        exchanges[0]
            .get("code_verifier")
            .is_some_and(|v| v.len() >= 43),
        "{exchanges:?}"
    );
    // A callback replayed without the flow's cookie and state is refused.
    let replay = service.call("GET", "/auth/callback?code=code-0&state=forged", None, None);
    assert_eq!(replay.status, 401, "{}", replay.text());
    let errors = page.errors();
    assert!(errors.is_empty(), "the pages logged errors: {errors:#?}");
    page.close();
}
