//! `wellscan scan --ai bedrock` end to end: the real binary, the real Bedrock client, the fake
//! Converse server on loopback.

use std::time::Duration;

use serde_json::json;
use wellscan_testkit::{ConverseRequest, FakeBedrock, Reply};

use crate::util::wellscan_env;

const MODEL: &str = "us.anthropic.claude-sonnet-4-20250514-v1:0";

/// The JSON between the fence lines of a request.
fn data(r: &ConverseRequest) -> serde_json::Value {
    let message = r.messages();
    let start = message
        .find("<<<WELLSCAN DATA")
        .and_then(|i| message[i..].find('\n').map(|j| i + j + 1));
    let end = message.rfind("\nWELLSCAN DATA ");
    match (start, end) {
        (Some(s), Some(e)) if s < e => serde_json::from_str(&message[s..e]).unwrap_or_default(),
        _ => serde_json::Value::Null,
    }
}

/// A model that cites the first finding of each pillar, and whose Security agent is down.
fn respond(r: &ConverseRequest) -> Reply {
    let tool = r.body["toolConfig"]["toolChoice"]["tool"]["name"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    if tool == "executive_summary" {
        return Reply::Tool {
            name: tool,
            input: json!({
                "headline": "Headline from the model",
                "key_risks": ["Public snapshots"],
                "top_actions": ["Delete unattached volumes (Cost Optimization)"]
            }),
        };
    }
    if r.system().contains("wellscan Security analyst") {
        return Reply::Invalid("The provided model identifier is invalid.".into());
    }
    let brief = data(r);
    let first = brief["findings"][0]["id"]
        .as_str()
        .unwrap_or("none")
        .to_string();
    Reply::Tool {
        name: tool,
        input: json!({
            "summary": format!("Model view of {}.", brief["pillar"].as_str().unwrap_or("?")),
            "recommendations": [
                {"title": "Fix the worst finding", "rationale": "It is the worst.", "priority": "high", "finding_ids": [first]},
                {"title": "Invented", "rationale": "Cites nothing.", "priority": "low", "finding_ids": ["not-a-finding"]}
            ]
        }),
    }
}

#[test]
fn pillar_agents_on_bedrock_write_the_analysis_and_a_failing_one_degrades_alone() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let fake = runtime
        .block_on(FakeBedrock::start(Duration::from_millis(20), respond))
        .expect("fake bedrock");
    let endpoint = fake.endpoint();
    let run = wellscan_env(
        &[
            "scan", "--demo", "--ai", "bedrock", "--model", MODEL, "--out", "{tmp}/r",
        ],
        &[("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", Some(&endpoint))],
    );
    run.assert_code(0);
    let a = run.json(&run.tmp.path().join("r/assessment.json"));
    for p in a["pillars"].as_array().expect("pillars") {
        if p["pillar"] == "security" {
            assert_eq!(p["source"], "offline", "{p:#?}");
            let reason = p["degraded"].as_str().expect("degraded");
            assert!(reason.contains("model identifier"), "{reason}");
        } else {
            assert_eq!(p["source"], "bedrock", "{}", p["pillar"]);
            assert!(p["degraded"].is_null());
            assert_eq!(p["recommendations"].as_array().map(Vec::len), Some(1));
            assert_eq!(p["ungrounded_dropped"], 1);
        }
    }
    assert_eq!(
        a["executive_summary"]["headline"],
        "Headline from the model"
    );
    // Six pillar calls and the summary; the failing one is not asked again.
    assert_eq!(a["usage"]["model_calls"], 6);
    assert_eq!(fake.requests().len(), 7);
    assert!(
        run.stdout.contains("Model usage: 6 calls"),
        "{}",
        run.stdout
    );
    // Scores come from the checks: the same as the offline scan's.
    let offline = run.again(&["scan", "--demo", "--quiet", "--out", "{tmp}/o"]);
    let o = offline.json(&offline.tmp.path().join("o/assessment.json"));
    assert_eq!(a["overall_score"], o["overall_score"]);
    let html = std::fs::read_to_string(run.tmp.path().join("r/report.html")).expect("html");
    assert!(html.contains("cited nothing in this scan and were dropped"));
    drop(fake);
}

#[test]
fn bedrock_flags_need_each_other() {
    let run = wellscan_env(
        &["scan", "--demo", "--ai", "bedrock", "--out", "{tmp}/r"],
        &[],
    );
    run.assert_code(2);
    assert!(
        run.stderr.contains("--ai bedrock needs --model"),
        "{}",
        run.stderr
    );
    let run = wellscan_env(
        &["scan", "--demo", "--model", MODEL, "--out", "{tmp}/r"],
        &[],
    );
    run.assert_code(2);
    assert!(run.stderr.contains("add --ai bedrock"), "{}", run.stderr);
}
