//! `assessment.json` is a published interface: these field names are what other tools read.

use wellscan_model::Assessment;

use crate::demo_scan;

fn has_path(value: &serde_json::Value, path: &[&str]) -> bool {
    let mut v = value;
    for key in path {
        match v.get(key) {
            Some(next) => v = next,
            None => return false,
        }
    }
    true
}

#[tokio::test]
async fn every_documented_field_is_present() {
    let (dir, _) = demo_scan().await;
    let text =
        std::fs::read_to_string(dir.path().join("assessment.json")).expect("assessment.json");
    let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");

    for path in [
        &["schema_version"][..],
        &["scan", "id"],
        &["scan", "account_id"],
        &["scan", "regions"],
        &["scan", "started_at"],
        &["scan", "finished_at"],
        &["scan", "coverage_gaps"],
        &["overall_score"],
        &["pillars"],
        &["findings"],
        &["executive_summary", "headline"],
        &["executive_summary", "key_risks"],
        &["executive_summary", "top_actions"],
        &["executive_summary", "monthly_savings_usd"],
        &["usage", "model_calls"],
        &["usage", "input_tokens"],
        &["usage", "output_tokens"],
        &["usage", "estimated_cost_usd"],
        &["plan"],
        &["trade_offs"],
        &["timings"],
    ] {
        assert!(
            has_path(&json, path),
            "assessment.json lacks {}",
            path.join(".")
        );
    }

    let pillars = json["pillars"].as_array().expect("pillars");
    let ids: Vec<&str> = pillars
        .iter()
        .filter_map(|p| p["pillar"].as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "operational_excellence",
            "security",
            "reliability",
            "performance_efficiency",
            "cost_optimization",
            "sustainability"
        ]
    );
    for p in pillars {
        for key in [
            "pillar",
            "score",
            "summary",
            "source",
            "degraded",
            "model",
            "rating",
            "rating_disagrees",
            "risks",
            "recommendations",
            "ungrounded_dropped",
            "brief",
        ] {
            assert!(p.get(key).is_some(), "pillar lacks {key}");
        }
        assert_eq!(p["source"], "offline");
        assert!(p["degraded"].is_null());
        let score = p["score"].as_u64().expect("score is a number");
        assert!(score <= 100);
        for r in p["recommendations"].as_array().expect("recommendations") {
            for key in [
                "title",
                "priority",
                "effort",
                "expected_benefit",
                "pillars",
                "finding_ids",
                "resource_ids",
            ] {
                assert!(r.get(key).is_some(), "recommendation lacks {key}");
            }
        }
    }
    let plan = json["plan"].as_array().expect("plan");
    let recommendations: usize = pillars
        .iter()
        .map(|p| p["recommendations"].as_array().map_or(0, Vec::len))
        .sum();
    assert!(!plan.is_empty() && plan.len() <= recommendations);
    let stages: Vec<&str> = json["timings"]
        .as_array()
        .expect("timings")
        .iter()
        .filter_map(|t| t["stage"].as_str())
        .collect();
    assert_eq!(&stages[..4], ["inventory", "checks", "analysis", "summary"]);
    // The demo's idle, single-AZ instances: cost says stop them, reliability says spread them.
    let trade_off = &json["trade_offs"][0];
    assert_eq!(
        trade_off["reduce"]["pillars"],
        serde_json::json!(["cost_optimization"])
    );
    assert_eq!(
        trade_off["strengthen"]["pillars"],
        serde_json::json!(["reliability"])
    );
    let html = std::fs::read_to_string(dir.path().join("report.html")).expect("report.html");
    assert!(html.contains("<h2>Plan</h2>") && html.contains("<h3>Trade-offs</h3>"));
    // The demo's Security brief is over the default budget, but the offline analyst that
    // wrote this report read every finding, so nothing says findings were left out.
    assert!(json["pillars"][1]["brief"]["findings_trimmed"].as_u64() > Some(0));
    assert!(!html.contains("were not shown to the analyst"));

    let findings = json["findings"].as_array().expect("findings");
    assert!(!findings.is_empty());
    for f in findings {
        for key in [
            "id",
            "check_id",
            "pillar",
            "best_practice",
            "severity",
            "region",
            "resource_id",
            "resource_arn",
            "title",
            "evidence",
            "remediation",
            "monthly_savings_usd",
        ] {
            assert!(f.get(key).is_some(), "finding {} lacks {key}", f["id"]);
        }
    }
    let iam = findings
        .iter()
        .find(|f| f["check_id"] == "iam.user_console_without_mfa")
        .expect("an IAM finding");
    assert_eq!(iam["region"], "global");
    let non_cost = findings
        .iter()
        .find(|f| f["check_id"] == "s3.bucket_public")
        .expect("a security finding");
    assert!(non_cost["monthly_savings_usd"].is_null());

    assert_eq!(json["usage"]["model_calls"], 0);
    assert_eq!(json["usage"]["estimated_cost_usd"], 0.0);
}

#[tokio::test]
async fn assessment_json_round_trips_through_the_model() {
    let (dir, outcome) = demo_scan().await;
    let text =
        std::fs::read_to_string(dir.path().join("assessment.json")).expect("assessment.json");
    let parsed = Assessment::from_json(&text).expect("parses as an Assessment");
    assert_eq!(parsed, outcome.assessment);
    let again = serde_json::to_string_pretty(&parsed).expect("serialises");
    assert_eq!(again.trim_end(), text.trim_end());
}
