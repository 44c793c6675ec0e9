//! `wellscan serve` as a team meets it: the real binary on a loopback port, spoken to over
//! plain HTTP/1.1 with no client library, its tokens made by `wellscan token`.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use wellscan_testkit::{HttpResponse, http_request, sse_events};

use crate::util::{command, wellscan_env};

/// A running service in its own folder; killed with everything it started when dropped.
pub struct Service {
    child: Child,
    pub base: String,
    /// The first admin token, printed once at the first start.
    pub admin: String,
    data: std::path::PathBuf,
    stderr: mpsc::Receiver<String>,
    _tmp: Option<tempfile::TempDir>,
}

impl Service {
    /// Starts `wellscan serve` with `extra` flags in a new folder.
    pub fn start(extra: &[&str]) -> Service {
        let tmp = tempfile::tempdir().expect("temp dir");
        let data = tmp.path().join("data");
        let mut service = Service::start_in(&data, extra, true);
        service._tmp = Some(tmp);
        service
    }

    /// Starts it on `data`; `first` expects the first admin token to be printed.
    pub fn start_in(data: &std::path::Path, extra: &[&str], first: bool) -> Service {
        Service::start_with(data, extra, first, &[])
    }

    /// The same, with variables set in its environment.
    pub fn start_with(
        data: &std::path::Path,
        extra: &[&str],
        first: bool,
        env: &[(&str, &str)],
    ) -> Service {
        use std::os::unix::process::CommandExt;
        let data_arg = data.display().to_string();
        let mut args = vec!["serve", "--listen", "127.0.0.1:0", "--data-dir", &data_arg];
        args.extend_from_slice(extra);
        let dir = data.parent().expect("parent");
        let mut cmd: Command = command(dir, &args);
        cmd.envs(env.iter().copied());
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .process_group(0)
            .spawn()
            .expect("start wellscan serve");
        let (tx, rx) = mpsc::channel();
        let stderr = child.stderr.take().expect("stderr");
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut said = Vec::new();
        let mut admin = String::new();
        let base = loop {
            let line = match rx.recv_timeout(Duration::from_secs(60)) {
                Ok(line) => line,
                Err(_) => {
                    wellscan_testkit::kill_group(&mut child);
                    panic!(
                        "wellscan serve did not start; it said:\n{}",
                        said.join("\n")
                    );
                }
            };
            if let Some(token) = line.trim().strip_prefix("wsk_") {
                admin = format!("wsk_{token}");
            }
            if let Some(rest) = line.split("serving on ").nth(1) {
                break rest.split_whitespace().next().expect("address").to_string();
            }
            said.push(line);
        };
        assert_eq!(
            !admin.is_empty(),
            first,
            "first admin token printed: {}",
            said.join("\n")
        );
        Service {
            child,
            base,
            admin,
            data: data.to_path_buf(),
            stderr: rx,
            _tmp: None,
        }
    }

    pub fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> HttpResponse {
        let bearer = token.map(|t| format!("Bearer {t}"));
        let mut headers = vec![];
        if let Some(b) = &bearer {
            headers.push(("Authorization", b.as_str()));
        }
        let bytes = body.map(|b| b.to_string().into_bytes());
        if bytes.is_some() {
            headers.push(("Content-Type", "application/json"));
        }
        http_request(
            method,
            &format!("{}{path}", self.base),
            &headers,
            bytes.as_deref(),
        )
        .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    pub fn get(&self, path: &str, token: &str) -> HttpResponse {
        self.call("GET", path, Some(token), None)
    }

    pub fn start_demo(&self, token: &str) -> String {
        let answer = self.call(
            "POST",
            "/api/scans",
            Some(token),
            Some(&json!({"demo": true})),
        );
        assert_eq!(answer.status, 202, "{}", answer.text());
        answer.json()["id"].as_str().expect("id").to_string()
    }

    /// Waits until scan `id` has ended; returns it.
    pub fn wait_ended(&self, id: &str) -> Value {
        let started = Instant::now();
        loop {
            let scan = self.get(&format!("/api/scans/{id}"), &self.admin).json();
            let status = scan["status"].as_str().unwrap_or_default().to_string();
            if !matches!(status.as_str(), "queued" | "running") {
                return scan;
            }
            assert!(
                started.elapsed() < Duration::from_secs(300),
                "scan {id} still {status}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// `wellscan token create` on this service's folder; returns the token.
    pub fn token(&self, role: &str) -> String {
        let data = self.data.display().to_string();
        let run = wellscan_env(
            &[
                "token",
                "create",
                "--data-dir",
                &data,
                "--name",
                &format!("{role} for tests"),
                "--role",
                role,
            ],
            &[],
        );
        run.assert_code(0);
        run.stdout.trim().to_string()
    }

    /// Sends SIGTERM and waits for the exit; returns the exit code and what it said after.
    pub fn stop(mut self) -> (Option<i32>, String) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let status = wellscan_testkit::wait_within(&mut self.child, Duration::from_secs(120));
        let rest: Vec<String> = self.stderr.try_iter().collect();
        (status.and_then(|s| s.code()), rest.join("\n"))
    }

    /// Kills it at once, as a crash or an OOM kill would.
    pub fn kill(mut self) {
        wellscan_testkit::kill_group(&mut self.child);
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        wellscan_testkit::kill_group(&mut self.child);
    }
}

fn error_code(answer: &HttpResponse) -> String {
    answer.json()["error"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn an_auditor_starts_a_demo_audit_watches_it_live_and_downloads_its_reports() {
    let service = Service::start(&[]);
    let unauthenticated = service.call("GET", "/api/scans", None, None);
    assert_eq!(unauthenticated.status, 401);
    assert_eq!(error_code(&unauthenticated), "unauthenticated");
    let forged = service.get(
        "/api/scans",
        "wsk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    );
    assert_eq!(forged.status, 401);

    let auditor = service.token("auditor");
    let id = service.start_demo(&auditor);
    // Read while the scan is live: the list must not keep showing it that way once it ended.
    let live = service.get("/api/scans", &auditor).json();
    assert_eq!(live["scans"][0]["id"], id.as_str(), "{live}");
    let (status, events) = sse_events(
        &format!("{}/api/scans/{id}/events", service.base),
        &[("Authorization", &format!("Bearer {auditor}"))],
        Duration::from_secs(300),
    )
    .expect("events");
    assert_eq!(status, 200);
    let names: Vec<&str> = events.iter().map(|e| e.event.as_str()).collect();
    assert_eq!(names.last(), Some(&"end"), "{names:?}");
    assert!(
        names.contains(&"progress"),
        "no progress before the end: {names:?}"
    );
    let stages: Vec<String> = events
        .iter()
        .filter_map(|e| serde_json::from_str::<Value>(&e.data).ok())
        .filter_map(|v| v["progress"]["stage"].as_str().map(String::from))
        .collect();
    assert!(!stages.is_empty(), "no stage reported: {events:?}");
    let end: Value = serde_json::from_str(&events.last().expect("end").data).expect("JSON");
    assert_eq!(end["status"], "succeeded", "{end}");
    assert_eq!(end["progress"]["pillars"], json!({"done": 6, "total": 6}));

    let scan = service.get(&format!("/api/scans/{id}"), &auditor).json();
    assert_eq!(scan["status"], "succeeded");
    let listed = service.get("/api/scans", &auditor).json();
    assert_eq!(
        listed["scans"][0], scan,
        "the list shows the scan as it is now"
    );
    assert_eq!(scan["account_id"], "123456789012");
    assert!(scan["overall_score"].as_u64().is_some(), "{scan}");
    assert!(
        scan["requested_by"]
            .as_str()
            .unwrap_or_default()
            .contains("auditor for tests")
    );
    let formats: Vec<&str> = scan["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .filter_map(|r| r["format"].as_str())
        .collect();
    assert_eq!(formats, ["pdf", "xlsx", "html", "json"]);

    let pdf = service.get(&format!("/api/scans/{id}/reports/pdf"), &auditor);
    assert_eq!(pdf.status, 200);
    assert!(pdf.body.starts_with(b"%PDF"), "not a PDF");
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert!(
        pdf.header("content-disposition")
            .unwrap_or_default()
            .contains("attachment")
    );
    let json = service
        .get(&format!("/api/scans/{id}/reports/json"), &auditor)
        .json();
    assert_eq!(json["scan"]["id"], id.as_str());
    assert_eq!(
        json["findings"].as_array().map(Vec::len),
        scan["findings"].as_u64().map(|n| n as usize)
    );
    let unknown = service.get(&format!("/api/scans/{id}/reports/docx"), &auditor);
    assert_eq!(unknown.status, 404);
    assert!(
        unknown.text().contains("pdf, xlsx, html, json or ocsf"),
        "{}",
        unknown.text()
    );

    // A second scan: the diff and the trend read both.
    let second = service.start_demo(&auditor);
    assert_eq!(service.wait_ended(&second)["status"], "succeeded");
    let diff = service.get(&format!("/api/scans/{second}/diff?against={id}"), &auditor);
    assert_eq!(diff.status, 200, "{}", diff.text());
    let diff = diff.json();
    assert_eq!(diff["from_scan"], id.as_str());
    assert_eq!(diff["to_scan"], second.as_str());
    assert_eq!(
        diff["new"].as_array().map(Vec::len),
        Some(0),
        "the same demo twice"
    );
    let trend = service
        .get("/api/accounts/123456789012/trend", &auditor)
        .json();
    let points: Vec<&str> = trend["points"]
        .as_array()
        .expect("points")
        .iter()
        .filter_map(|p| p["scan_id"].as_str())
        .collect();
    assert_eq!(points, [id.as_str(), second.as_str()], "oldest first");
    let accounts = service.get("/api/accounts", &auditor).json();
    assert_eq!(accounts["accounts"][0]["latest_scan"], second.as_str());
    assert_eq!(
        accounts["accounts"][0]["trend"].as_array().map(Vec::len),
        Some(2)
    );

    // Listing, filtered and paged.
    let page = service.get("/api/scans?limit=1", &auditor).json();
    assert_eq!(page["scans"][0]["id"], second.as_str(), "newest first");
    assert_eq!(page["next_offset"], 1);
    let page = service.get("/api/scans?limit=1&offset=1", &auditor).json();
    assert_eq!(page["scans"][0]["id"], id.as_str());
    assert_eq!(page["next_offset"], Value::Null);
    let failed = service.get("/api/scans?status=failed", &auditor).json();
    assert_eq!(failed["scans"], json!([]));
    let bad = service.get("/api/scans?status=exploded", &auditor);
    assert_eq!(bad.status, 400);
    assert!(bad.text().contains("unknown status"), "{}", bad.text());

    // Every change is in the audit log, with who made it.
    let audit = service.get("/api/audit", &service.admin).json();
    let actions: Vec<(String, String)> = audit["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap_or_default().to_string(),
                e["actor"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert!(
        actions
            .iter()
            .any(|(a, who)| a == "scan.start" && who.contains("auditor for tests")),
        "{actions:?}"
    );
    assert!(
        actions
            .iter()
            .any(|(a, who)| a == "token.create" && who.starts_with("cli:")),
        "{actions:?}"
    );
}

#[test]
fn roles_decide_who_may_start_scans_and_manage_tokens() {
    let service = Service::start(&[]);
    let viewer = service.token("viewer");
    let refused = service.call(
        "POST",
        "/api/scans",
        Some(&viewer),
        Some(&json!({"demo": true})),
    );
    assert_eq!(refused.status, 403);
    assert_eq!(error_code(&refused), "forbidden");
    assert!(
        refused.text().contains("auditor role"),
        "{}",
        refused.text()
    );
    assert_eq!(service.get("/api/scans", &viewer).status, 200);
    assert_eq!(service.get("/api/tokens", &viewer).status, 403);

    let auditor = service.token("auditor");
    assert_eq!(service.get("/api/tokens", &auditor).status, 403);
    let made = service.call(
        "POST",
        "/api/tokens",
        Some(&service.admin),
        Some(&json!({"name": "ci pipeline", "role": "viewer"})),
    );
    assert_eq!(made.status, 201, "{}", made.text());
    let made = made.json();
    let secret = made["token"].as_str().expect("token");
    assert_eq!(service.get("/api/scans", secret).status, 200);
    let listed = service.get("/api/tokens", &service.admin).text();
    assert!(listed.contains("ci pipeline"), "{listed}");
    assert!(!listed.contains(secret), "a secret is listed");
    let id = made["id"].as_str().expect("id");
    let revoked = service.call(
        "DELETE",
        &format!("/api/tokens/{id}"),
        Some(&service.admin),
        None,
    );
    assert_eq!(revoked.status, 204);
    assert_eq!(service.get("/api/scans", secret).status, 401);

    // The same from the command line.
    let data = service.data.display().to_string();
    let list = wellscan_env(&["token", "list", "--data-dir", &data, "--json"], &[]);
    list.assert_code(0);
    let tokens: Value = serde_json::from_str(&list.stdout).expect("JSON");
    let viewer_id = tokens
        .as_array()
        .expect("tokens")
        .iter()
        .find(|t| t["name"] == "viewer for tests")
        .and_then(|t| t["id"].as_str())
        .expect("the viewer token")
        .to_string();
    wellscan_env(&["token", "revoke", "--data-dir", &data, &viewer_id], &[]).assert_code(0);
    assert_eq!(service.get("/api/scans", &viewer).status, 401);
    let again = wellscan_env(&["token", "revoke", "--data-dir", &data, &viewer_id], &[]);
    again.assert_code(2);
    assert!(again.stderr.contains("no live token"), "{}", again.stderr);
    let bad_role = wellscan_env(
        &[
            "token",
            "create",
            "--data-dir",
            &data,
            "--name",
            "x",
            "--role",
            "root",
        ],
        &[],
    );
    bad_role.assert_code(2);
    assert!(
        bad_role.stderr.contains("viewer, auditor or admin"),
        "{}",
        bad_role.stderr
    );
    // Only hashes are stored.
    let db = std::fs::read(service.data.join("server.db")).expect("server.db");
    assert!(
        !db.windows(secret.len()).any(|w| w == secret.as_bytes()),
        "a token secret is in server.db"
    );
}

#[test]
fn bad_requests_get_clear_json_errors_and_the_limits_hold() {
    let service = Service::start(&["--demo-only", "--rate-limit", "60"]);
    let admin = service.admin.clone();
    let live = service.call(
        "POST",
        "/api/scans",
        Some(&admin),
        Some(&json!({"account_id": "123456789012", "role_arn": "arn:aws:iam::123456789012:role/Scan"})),
    );
    assert_eq!(live.status, 400);
    assert!(live.text().contains("--demo-only"), "{}", live.text());
    let typo = service.call(
        "POST",
        "/api/scans",
        Some(&admin),
        Some(&json!({"demmo": true})),
    );
    assert_eq!(typo.status, 422, "{}", typo.text());
    assert!(typo.text().contains("demmo"), "{}", typo.text());
    let not_json = http_request(
        "POST",
        &format!("{}/api/scans", service.base),
        &[
            ("Authorization", &format!("Bearer {admin}")),
            ("Content-Type", "application/json"),
        ],
        Some(b"{\"demo\": tru"),
    )
    .expect("answer");
    assert_eq!(not_json.status, 400);
    assert_eq!(error_code(&not_json), "bad_request");
    let huge = json!({"demo": true, "regions": vec!["us-east-1"; 10_000]});
    let too_big = service.call("POST", "/api/scans", Some(&admin), Some(&huge));
    assert_eq!(too_big.status, 413);
    assert_eq!(error_code(&too_big), "body_too_large");
    let long_header = "x".repeat(20_000);
    let refused = http_request(
        "GET",
        &format!("{}/healthz", service.base),
        &[("X-Padding", &long_header)],
        None,
    )
    .expect("answer");
    assert_eq!(refused.status, 431);

    let missing = service.get("/api/scans/20260101T000000Z-000000", &admin);
    assert_eq!(missing.status, 404);
    assert_eq!(error_code(&missing), "not_found");
    let nowhere = service.get("/api/nothing-here", &admin);
    assert_eq!(nowhere.status, 404);
    assert_eq!(error_code(&nowhere), "not_found");
    let wrong_method = service.call("PUT", "/api/scans", Some(&admin), None);
    assert_eq!(wrong_method.status, 405);
    assert_eq!(error_code(&wrong_method), "method_not_allowed");

    // Every answer carries the security headers and a request id; a sane one is kept.
    let answer = http_request(
        "GET",
        &format!("{}/api/scans", service.base),
        &[
            ("Authorization", &format!("Bearer {admin}")),
            ("X-Request-Id", "trace-42"),
        ],
        None,
    )
    .expect("answer");
    assert_eq!(answer.header("x-request-id"), Some("trace-42"));
    assert_eq!(answer.header("x-frame-options"), Some("DENY"));
    assert_eq!(answer.header("x-content-type-options"), Some("nosniff"));
    assert!(
        answer
            .header("content-security-policy")
            .unwrap_or_default()
            .contains("default-src 'none'")
    );
    assert_eq!(
        answer.header("strict-transport-security"),
        None,
        "no HTTPS here"
    );
    let health = service.call("GET", "/healthz", None, None);
    assert_eq!(health.status, 200);
    let ready = service.call("GET", "/readyz", None, None);
    assert_eq!(ready.status, 200, "{}", ready.text());
    assert_eq!(ready.json()["max_concurrent_scans"], 2);

    // 60 a minute, in bursts of 10: the burst is spent, then 429 with Retry-After; other
    // tokens are not slowed.
    let mut limited = None;
    for _ in 0..30 {
        let answer = service.get("/api/accounts", &admin);
        if answer.status == 429 {
            limited = Some(answer);
            break;
        }
    }
    let limited = limited.expect("the rate limit never answered 429");
    assert_eq!(error_code(&limited), "rate_limited");
    assert!(
        limited
            .header("retry-after")
            .and_then(|s| s.parse::<u64>().ok())
            .is_some()
    );
    let viewer = service.token("viewer");
    assert_eq!(service.get("/api/accounts", &viewer).status, 200);
}

#[test]
fn every_operation_the_openapi_document_lists_is_served() {
    let service = Service::start(&[]);
    let doc = service.call("GET", "/api/openapi.json", None, None).json();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().expect("paths");
    assert!(paths.len() >= 12, "{}", paths.len());
    for (path, operations) in paths {
        for method in operations.as_object().expect("operations").keys() {
            let concrete = path
                .replace("{id}", "20260101T000000Z-000000")
                .replace("{format}", "pdf");
            let answer = service.call(
                &method.to_uppercase(),
                &concrete,
                Some(&service.admin),
                None,
            );
            let unrouted = answer.status == 405
                || (answer.status == 404 && answer.text().contains("no such path"));
            assert!(
                !unrouted,
                "{method} {path}: {} {}",
                answer.status,
                answer.text()
            );
        }
    }
}

#[test]
fn a_queued_scan_can_be_cancelled_and_a_stop_leaves_nothing_running() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = tmp.path().join("data");
    let service = Service::start_in(
        &data,
        &["--max-concurrent-scans", "1", "--shutdown-deadline", "60"],
        true,
    );
    let admin = service.admin.clone();
    let first = service.start_demo(&admin);
    let second = service.start_demo(&admin);
    let third = service.start_demo(&admin);
    let cancelled = service.call(
        "DELETE",
        &format!("/api/scans/{second}"),
        Some(&admin),
        None,
    );
    assert_eq!(cancelled.status, 202, "{}", cancelled.text());
    let second_view = service.wait_ended(&second);
    assert_eq!(second_view["status"], "cancelled", "{second_view}");
    assert!(
        second_view["error"]
            .as_str()
            .unwrap_or_default()
            .contains("cancelled by token:")
    );
    let again = service.call(
        "DELETE",
        &format!("/api/scans/{second}"),
        Some(&admin),
        None,
    );
    assert_eq!(again.status, 409);
    // A graceful stop lets the running scan finish and cancels what waits.
    let (code, said) = service.stop();
    assert_eq!(code, Some(0), "{said}");

    let mut service = Service::start_in(&data, &[], false);
    service.admin = admin.clone();
    let first_view = service.wait_ended(&first);
    assert_eq!(first_view["status"], "succeeded", "{first_view}");
    let third_view = service.get(&format!("/api/scans/{third}"), &admin).json();
    assert!(
        matches!(
            third_view["status"].as_str(),
            Some("succeeded" | "cancelled")
        ),
        "{third_view}"
    );
    let running = service.get("/api/scans?status=running", &admin).json();
    assert_eq!(running["scans"], json!([]));
}

/// After a kill and a new start, each of `ids` finished or is failed as interrupted (at least
/// one, or the kill came too late to prove anything), and none is left running.
fn assert_finished_or_interrupted(service: &Service, admin: &str, ids: &[String]) {
    let mut interrupted = 0;
    for id in ids {
        let scan = service.get(&format!("/api/scans/{id}"), admin).json();
        match scan["status"].as_str() {
            Some("succeeded") => {}
            Some("failed") => {
                interrupted += 1;
                assert!(
                    scan["error"]
                        .as_str()
                        .unwrap_or_default()
                        .contains("interrupted"),
                    "{scan}"
                );
            }
            other => panic!("scan {id} is {other:?} after a restart: {scan}"),
        }
    }
    assert!(
        interrupted >= 1,
        "the kill came after every scan had finished"
    );
}

#[test]
fn a_restart_marks_scans_the_last_process_left_unfinished_as_failed() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = tmp.path().join("data");
    let service = Service::start_in(&data, &["--max-concurrent-scans", "1"], true);
    let admin = service.admin.clone();
    let ids: Vec<String> = (0..3).map(|_| service.start_demo(&admin)).collect();
    service.kill();

    let service = Service::start_in(&data, &[], false);
    assert_finished_or_interrupted(&service, &admin, &ids);
    let running = service.get("/api/scans?status=running", &admin).json();
    assert_eq!(running["scans"], json!([]));
    let queued = service.get("/api/scans?status=queued", &admin).json();
    assert_eq!(queued["scans"], json!([]));
}

#[test]
fn a_replaced_task_finds_the_tokens_scans_and_audit_log_in_the_history_table() {
    let moto = wellscan_testkit::MotoServer::start().expect("moto starts");
    let endpoint = moto.endpoint();
    let env = [("AWS_ENDPOINT_URL", endpoint.as_str())];
    let store = ["--store", "dynamodb://wellscan-history"];
    let tmp = tempfile::tempdir().expect("temp dir");

    // An operator's machine: no table yet is a clear usage error, not an empty token list.
    let cli_env = [("AWS_ENDPOINT_URL", Some(endpoint.as_str()))];
    let early = wellscan_env(&["token", "list", store[0], store[1]], &cli_env);
    early.assert_code(2);
    assert!(
        early.stderr.contains("does not exist") && early.stderr.contains("--create-table"),
        "{}",
        early.stderr
    );

    let first_task = Service::start_with(
        &tmp.path().join("task-1"),
        &[
            store[0],
            store[1],
            "--create-table",
            "--max-concurrent-scans",
            "1",
        ],
        true,
        &env,
    );
    let admin = first_task.admin.clone();
    let finished = first_task.start_demo(&admin);
    assert_eq!(first_task.wait_ended(&finished)["status"], "succeeded");
    let made = wellscan_env(
        &[
            "token", "create", store[0], store[1], "--name", "grafana", "--role", "viewer",
        ],
        &cli_env,
    );
    made.assert_code(0);
    let viewer = made.stdout.trim().to_string();
    let left: Vec<String> = (0..2).map(|_| first_task.start_demo(&admin)).collect();
    // The task is replaced the hard way: its disk goes with it.
    first_task.kill();

    let second_task = Service::start_with(
        &tmp.path().join("task-2"),
        &[store[0], store[1]],
        false,
        &env,
    );
    let scan = second_task.get(&format!("/api/scans/{finished}"), &viewer);
    assert_eq!(scan.status, 200, "{}", scan.text());
    assert_eq!(scan.json()["status"], "succeeded");
    assert_finished_or_interrupted(&second_task, &admin, &left);
    let listed = wellscan_env(&["token", "list", "--json", store[0], store[1]], &cli_env);
    listed.assert_code(0);
    let names: Vec<String> = serde_json::from_str::<Value>(&listed.stdout)
        .expect("token list JSON")
        .as_array()
        .expect("tokens")
        .iter()
        .map(|t| t["name"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(names, ["first admin", "grafana"]);

    let audit = second_task.get("/api/audit", &admin).json();
    let actions: Vec<&str> = audit["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    for action in ["token.create", "scan.start"] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
    let refused = second_task.call(
        "POST",
        "/api/scans",
        Some(&viewer),
        Some(&json!({"demo": true})),
    );
    assert_eq!(refused.status, 403, "{}", refused.text());
}

/// Every EventBridge Scheduler schedule on moto, read back with boto3 (another client than the
/// one the service writes with).
fn eventbridge_schedules(endpoint: &str) -> Vec<Value> {
    let script = "import boto3, json, sys\n\
        c = boto3.client('scheduler', endpoint_url=sys.argv[1], region_name='us-east-1',\n\
        \x20   aws_access_key_id='AKIAWELLSCANTEST0000', aws_secret_access_key='wellscan-test-secret-not-a-real-key')\n\
        found = [c.get_schedule(Name=s['Name'], GroupName=s['GroupName']) for s in c.list_schedules()['Schedules']]\n\
        print(json.dumps([{k: v for k, v in f.items() if k != 'ResponseMetadata'} for f in found], default=str))\n";
    let out = wellscan_testkit::output_within(
        Command::new(wellscan_testkit::python_path()).args(["-c", script, endpoint]),
        Duration::from_secs(60),
    )
    .unwrap_or_else(|e| panic!("reading the schedules did not finish: {e:?}"));
    assert!(
        out.status.success(),
        "reading the schedules: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("schedules as JSON")
}

#[test]
fn deployed_schedules_are_eventbridge_schedules_that_start_the_scan_task() {
    let moto = wellscan_testkit::MotoServer::start().expect("moto starts");
    let endpoint = moto.endpoint();
    let tmp = tempfile::tempdir().expect("temp dir");
    let target = json!({
        "role_arn": "arn:aws:iam::123456789012:role/wellscan-SchedulerRole",
        "cluster_arn": "arn:aws:ecs:us-east-1:123456789012:cluster/wellscan",
        "task_definition_arn": "arn:aws:ecs:us-east-1:123456789012:task-definition/wellscan-wellscan:4",
        "subnets": ["subnet-0aaa", "subnet-0bbb"],
        "security_groups": ["sg-0ccc"],
    })
    .to_string();
    let service = Service::start_with(
        &tmp.path().join("data"),
        &["--schedule-target", &target],
        true,
        &[("AWS_ENDPOINT_URL", endpoint.as_str())],
    );
    let admin = service.admin.clone();
    let role = "arn:aws:iam::111122223333:role/WellscanScan";
    let ask = |cron: &str, scan: Value| {
        service.call(
            "POST",
            "/api/schedules",
            Some(&admin),
            Some(&json!({"cron": cron, "time_zone": "Europe/Paris", "scan": scan})),
        )
    };

    // What EventBridge cannot run is refused before anything is made.
    let with_id = ask(
        "0 2 * * *",
        json!({"account_id": "111122223333", "role_arn": role, "external_id": "abcdefgh12345678"}),
    );
    assert_eq!(with_id.status, 400, "{}", with_id.text());
    assert!(
        with_id.text().contains("leave external_id out"),
        "{}",
        with_id.text()
    );
    let both_days = ask("0 2 1 * MON", json!({"demo": true}));
    assert_eq!(both_days.status, 400, "{}", both_days.text());
    assert!(
        both_days.text().contains("both a day of the month"),
        "{}",
        both_days.text()
    );
    assert_eq!(eventbridge_schedules(&endpoint), Vec::<Value>::new());

    let made = ask(
        "30 6 * * MON",
        json!({"account_id": "111122223333", "role_arn": role, "regions": ["eu-west-1"], "formats": ["pdf", "json"]}),
    );
    assert_eq!(made.status, 201, "{}", made.text());
    let id = made.json()["id"].as_str().expect("id").to_string();
    let found = eventbridge_schedules(&endpoint);
    assert_eq!(found.len(), 1, "{found:#?}");
    let schedule = &found[0];
    assert_eq!(schedule["Name"], format!("wellscan-{id}"));
    assert_eq!(schedule["ScheduleExpression"], "cron(30 6 ? * MON *)");
    assert_eq!(schedule["ScheduleExpressionTimezone"], "Europe/Paris");
    let task = &schedule["Target"];
    assert_eq!(
        task["Arn"],
        "arn:aws:ecs:us-east-1:123456789012:cluster/wellscan"
    );
    assert_eq!(
        task["RoleArn"],
        "arn:aws:iam::123456789012:role/wellscan-SchedulerRole"
    );
    let ecs = &task["EcsParameters"];
    assert_eq!(
        ecs["TaskDefinitionArn"],
        "arn:aws:ecs:us-east-1:123456789012:task-definition/wellscan-wellscan:4"
    );
    assert_eq!(ecs["LaunchType"], "FARGATE");
    assert_eq!(
        ecs["NetworkConfiguration"]["awsvpcConfiguration"]["Subnets"],
        json!(["subnet-0aaa", "subnet-0bbb"])
    );
    let input: Value =
        serde_json::from_str(task["Input"].as_str().expect("input")).expect("input JSON");
    assert_eq!(
        input["containerOverrides"][0],
        json!({"name": "wellscan", "command": [
            "scan", "--role-arn", role, "--regions", "eu-west-1", "--format", "pdf,json", "--quiet"
        ]})
    );
    let listed = service.get("/api/schedules", &admin).json();
    assert_eq!(
        listed["schedules"][0]["eventbridge"],
        format!("wellscan-{id}")
    );

    let removed = service.call(
        "DELETE",
        &format!("/api/schedules/{id}"),
        Some(&admin),
        None,
    );
    assert_eq!(removed.status, 204, "{}", removed.text());
    assert_eq!(eventbridge_schedules(&endpoint), Vec::<Value>::new());
    assert_eq!(
        service.get("/api/schedules", &admin).json()["schedules"],
        json!([])
    );
    // The service started no scan itself.
    assert_eq!(service.get("/api/scans", &admin).json()["scans"], json!([]));
}

#[test]
fn a_port_in_use_is_a_usage_error() {
    let holder = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = holder.local_addr().expect("addr").to_string();
    let run = wellscan_env(
        &["serve", "--listen", &addr, "--data-dir", "{tmp}/data"],
        &[],
    );
    run.assert_code(2);
    assert!(
        run.stderr.contains(&format!("cannot listen on {addr}")),
        "{}",
        run.stderr
    );
}

#[test]
fn jwts_from_the_oidc_issuer_are_checked_and_their_role_claim_decides() {
    use wellscan_testkit::oidc::FakeIssuer;
    let issuer = FakeIssuer::start();
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = tmp.path().join("data");
    let iss = issuer.issuer();
    let service = Service::start_in(
        &data,
        &["--oidc-issuer", &iss, "--oidc-audience", "wellscan-api"],
        false,
    );
    let person =
        |role: &str| json!({"sub": "alice", "email": "alice@example.com", "wellscan_role": role});

    let auditor = issuer.mint("wellscan-api", 300, person("auditor"));
    let started = service.call(
        "POST",
        "/api/scans",
        Some(&auditor),
        Some(&json!({"demo": true})),
    );
    assert_eq!(started.status, 202, "{}", started.text());
    let viewer = issuer.mint("wellscan-api", 300, person("viewer"));
    assert_eq!(service.get("/api/scans", &viewer).status, 200);
    let refused = service.call(
        "POST",
        "/api/scans",
        Some(&viewer),
        Some(&json!({"demo": true})),
    );
    assert_eq!(refused.status, 403);

    let refusals = [
        (
            issuer.mint("wellscan-api", -120, person("admin")),
            401,
            "expired",
        ),
        (
            issuer.mint_forged("wellscan-api", person("admin")),
            401,
            "signature",
        ),
        (
            issuer.mint("another-app", 300, person("admin")),
            401,
            "audience",
        ),
        (
            issuer.mint("wellscan-api", 300, json!({"sub": "mallory"})),
            403,
            "no wellscan role",
        ),
        (
            format!(
                "{}.{}.",
                b64(r#"{"alg":"none"}"#),
                b64(r#"{"wellscan_role":"admin"}"#)
            ),
            401,
            "only RS256 and ES256",
        ),
    ];
    for (token, status, why) in refusals {
        let answer = service.get("/api/scans", &token);
        assert_eq!(answer.status, status, "{}", answer.text());
        assert!(answer.text().contains(why), "{why}: {}", answer.text());
    }

    // A new signing key: the unknown key id makes the service fetch the keys again, once.
    let before = issuer.jwks_fetches();
    issuer.rotate();
    let rotated = issuer.mint("wellscan-api", 300, person("admin"));
    assert_eq!(service.get("/api/audit", &rotated).status, 200);
    assert_eq!(service.get("/api/audit", &rotated).status, 200);
    assert_eq!(issuer.jwks_fetches(), before + 1);
    let audit = service.get("/api/audit", &rotated).json();
    assert!(
        audit["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .any(|e| e["action"] == "scan.start" && e["actor"] == "oidc:alice (alice@example.com)"),
        "{audit}"
    );
    // The old key's tokens stop working with the key.
    assert_eq!(service.get("/api/scans", &auditor).status, 401);

    let insecure = wellscan_env(
        &[
            "serve",
            "--data-dir",
            "{tmp}/d",
            "--oidc-issuer",
            "http://login.example.com",
            "--oidc-audience",
            "x",
        ],
        &[],
    );
    insecure.assert_code(2);
    assert!(insecure.stderr.contains("https://"), "{}", insecure.stderr);
}

fn b64(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
}

#[test]
fn a_share_link_shows_one_account_to_anyone_until_it_expires_and_nothing_else() {
    let service = Service::start(&[]);
    let admin = service.admin.clone();
    let id = service.start_demo(&admin);
    let ended = service.wait_ended(&id);
    assert_eq!(ended["status"], "succeeded");
    // The share shows the score the scan gave, whatever the demo account holds today.
    let score = ended["overall_score"].as_u64().expect("the scan's score");
    let auditor = service.token("auditor");
    let refused = service.call(
        "POST",
        "/api/accounts/123456789012/share",
        Some(&auditor),
        Some(&json!({"days": 30})),
    );
    assert_eq!(refused.status, 403);
    let too_long = service.call(
        "POST",
        "/api/accounts/123456789012/share",
        Some(&admin),
        Some(&json!({"days": 3650})),
    );
    assert_eq!(too_long.status, 400);
    let unknown = service.call(
        "POST",
        "/api/accounts/999999999999/share",
        Some(&admin),
        Some(&json!({"days": 30})),
    );
    assert_eq!(unknown.status, 404);
    let shared = service.call(
        "POST",
        "/api/accounts/123456789012/share",
        Some(&admin),
        Some(&json!({"days": 30})),
    );
    assert_eq!(shared.status, 201, "{}", shared.text());
    let shared = shared.json();
    let page_path = shared["page"].as_str().expect("page").to_string();
    let badge_path = shared["badge"].as_str().expect("badge").to_string();

    // No token: the link is the credential. The page may be framed; the rest of the service
    // may not.
    let page = service.call("GET", &page_path, None, None);
    assert_eq!(page.status, 200, "{}", page.text());
    assert!(
        page.text().contains("Account 123456789012"),
        "{}",
        page.text()
    );
    assert!(
        page.text().contains(&score.to_string()),
        "{score}: {}",
        page.text()
    );
    assert!(
        !page.text().contains("<script"),
        "the embedded page runs no script"
    );
    assert_eq!(page.header("x-frame-options"), None);
    assert!(
        !page
            .header("content-security-policy")
            .unwrap_or_default()
            .contains("frame-ancestors")
    );
    let badge = service.call("GET", &badge_path, None, None);
    assert_eq!(badge.status, 200);
    assert_eq!(badge.header("content-type"), Some("image/svg+xml"));
    assert!(
        badge.text().contains(&format!("{score}/100")),
        "{score}: {}",
        badge.text()
    );

    // Changed in any part, it opens nothing.
    let tampered = [
        page_path.replace("123456789012", "210987654321"),
        page_path.replace("expires=", "expires=9"),
        // The signature's last hex digit changed (to one it is not).
        format!(
            "{}{}",
            &page_path[..page_path.len() - 1],
            if page_path.ends_with('0') { '1' } else { '0' }
        ),
        "/embed/accounts/123456789012".to_string(),
    ];
    for path in tampered {
        let answer = service.call("GET", &path, None, None);
        assert!(
            matches!(answer.status, 400 | 403),
            "{path}: {} {}",
            answer.status,
            answer.text()
        );
    }
    // The link reads that summary only.
    let elsewhere = service.call(
        "GET",
        &format!(
            "/api/scans?{}",
            page_path.split('?').nth(1).unwrap_or_default()
        ),
        None,
        None,
    );
    assert_eq!(elsewhere.status, 401);
    let audit = service.get("/api/audit", &admin).text();
    assert!(audit.contains("share.create"), "{audit}");
}

#[test]
fn a_schedule_runs_its_scans_in_its_time_zone_with_its_formats_until_removed() {
    let service = Service::start(&[]);
    let admin = service.admin.clone();
    let viewer = service.token("viewer");
    let ask = |cron: &str, zone: &str| json!({"cron": cron, "time_zone": zone, "scan": {"demo": true, "formats": ["json"]}});
    let refused = service.call(
        "POST",
        "/api/schedules",
        Some(&viewer),
        Some(&ask("0 2 * * *", "UTC")),
    );
    assert_eq!(refused.status, 403);
    for (cron, zone, why) in [
        ("0 25 * * *", "UTC", "cron `0 25 * * *`"),
        ("0 2 * * *", "Mars/Olympus", "IANA"),
    ] {
        let bad = service.call(
            "POST",
            "/api/schedules",
            Some(&admin),
            Some(&ask(cron, zone)),
        );
        assert_eq!(bad.status, 400, "{}", bad.text());
        assert!(bad.text().contains(why), "{}", bad.text());
    }
    let nightly = service.call(
        "POST",
        "/api/schedules",
        Some(&admin),
        Some(&ask("0 2 * * *", "Europe/Paris")),
    );
    assert_eq!(nightly.status, 201, "{}", nightly.text());
    let next = nightly.json()["next_run_at"]
        .as_str()
        .expect("next run")
        .to_string();
    assert!(
        next.ends_with("T01:00:00Z") || next.ends_with("T00:00:00Z"),
        "02:00 in Paris: {next}"
    );

    // Every two seconds (six fields: seconds first).
    let often = service.call(
        "POST",
        "/api/schedules",
        Some(&admin),
        Some(&ask("*/2 * * * * *", "UTC")),
    );
    assert_eq!(often.status, 201, "{}", often.text());
    let id = often.json()["id"].as_str().expect("id").to_string();
    let started = std::time::Instant::now();
    let scheduled = loop {
        let scans = service.get("/api/scans?limit=50", &viewer).json();
        let found = scans["scans"].as_array().into_iter().flatten().find(|s| {
            s["requested_by"] == format!("schedule:{id}").as_str() && s["status"] == "succeeded"
        });
        if let Some(scan) = found {
            break scan.clone();
        }
        assert!(
            started.elapsed().as_secs() < 60,
            "no scheduled scan ran: {scans}"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    let formats: Vec<&str> = scheduled["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .filter_map(|r| r["format"].as_str())
        .collect();
    assert_eq!(formats, ["json"], "the schedule's formats");
    let listed = service.get("/api/schedules", &viewer).json();
    let mine = listed["schedules"]
        .as_array()
        .expect("schedules")
        .iter()
        .find(|s| s["id"] == id.as_str())
        .expect("listed")
        .clone();
    assert!(mine["last_scan_id"].is_string(), "{mine}");

    assert_eq!(
        service
            .call(
                "DELETE",
                &format!("/api/schedules/{id}"),
                Some(&admin),
                None
            )
            .status,
        204
    );
    let count = |service: &Service| {
        service.get("/api/scans?limit=500", &viewer).json()["scans"]
            .as_array()
            .map(|all| {
                all.iter()
                    .filter(|s| s["requested_by"] == format!("schedule:{id}").as_str())
                    .count()
            })
            .unwrap_or(0)
    };
    let before = count(&service);
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(count(&service), before, "a removed schedule ran again");
    let audit = service.get("/api/audit", &admin).text();
    assert!(
        audit.contains("schedule.create") && audit.contains("schedule.delete"),
        "{audit}"
    );
}

#[test]
fn a_report_no_longer_on_the_machine_is_downloaded_from_its_uploaded_copy() {
    use wellscan_testkit::MotoServer;
    let moto = MotoServer::start().expect("moto starts");
    let endpoint = moto.endpoint();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let sdk = wellscan_testkit::sdk_config(&endpoint, "us-east-1").await;
        let s3 = aws_sdk_s3::Client::from_conf(
            aws_sdk_s3::config::Builder::from(&sdk)
                .force_path_style(true)
                .build(),
        );
        s3.create_bucket()
            .bucket("audit-reports")
            .send()
            .await
            .expect("bucket");
    });
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = tmp.path().join("data");
    let service = Service::start_with(
        &data,
        &["--s3", "s3://audit-reports/wellscan/"],
        true,
        &[("AWS_ENDPOINT_URL_S3", endpoint.as_str())],
    );
    let id = service.start_demo(&service.admin);
    assert_eq!(service.wait_ended(&id)["status"], "succeeded");
    // As after a restart on a new task: the local copy is gone.
    std::fs::remove_dir_all(data.join("reports").join(&id)).expect("remove the local reports");
    let scan = service
        .get(&format!("/api/scans/{id}"), &service.admin)
        .json();
    assert_eq!(scan["reports"].as_array().map(Vec::len), Some(4), "{scan}");
    let answer = service.get(&format!("/api/scans/{id}/reports/pdf"), &service.admin);
    assert_eq!(answer.status, 302, "{}", answer.text());
    let link = answer.header("location").expect("a link").to_string();
    assert!(link.contains("X-Amz-Signature="), "{link}");
    assert!(link.contains(&format!("/{id}/report.pdf")), "{link}");
    let (status, body) = wellscan_testkit::http_get(&link).expect("the link answers");
    assert_eq!(status, 200);
    assert!(body.starts_with(b"%PDF"), "the uploaded copy is the PDF");
}
