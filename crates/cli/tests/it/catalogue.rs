//! `wellscan checks`: the catalogue a user browses, and the links from a report's findings
//! to the best practices the catalogue names.

use std::collections::HashMap;

use serde_json::Value;

use crate::util::wellscan;

fn catalogue() -> Vec<Value> {
    let run = wellscan(&["checks", "--json"]);
    run.assert_code(0);
    let doc: Value = serde_json::from_str(&run.stdout).expect("checks --json prints JSON");
    doc["checks"].as_array().expect("checks").clone()
}

#[test]
fn checks_json_lists_every_check_with_its_practice_question_and_choice() {
    let checks = catalogue();
    assert!(checks.len() >= 65, "{} checks", checks.len());
    for c in &checks {
        for field in [
            "id",
            "pillar",
            "service",
            "severity",
            "title",
            "best_practice",
            "wa_question",
            "wa_choice",
        ] {
            assert!(
                c[field].as_str().is_some_and(|v| !v.is_empty()),
                "{} has no {field}: {c}",
                c["id"]
            );
        }
        let id = c["id"].as_str().unwrap_or_default();
        assert!(id.starts_with(&format!("{}.", c["service"].as_str().unwrap_or("?"))));
        let prefix = match c["pillar"].as_str().unwrap_or_default() {
            "operational_excellence" => "ops_",
            "security" => "sec_",
            "reliability" => "rel_",
            "performance_efficiency" => "perf_",
            "cost_optimization" => "cost_",
            "sustainability" => "sus_",
            other => panic!("{id}: unknown pillar {other}"),
        };
        let choice = c["wa_choice"].as_str().unwrap_or_default();
        assert!(choice.starts_with(prefix), "{id}: {choice}");
        assert!(
            c["url"]
                .as_str()
                .is_some_and(|u| u.ends_with(&format!("/{choice}.html"))),
            "{id}: {}",
            c["url"]
        );
        assert!(
            c["iam_actions"].as_array().is_some_and(|a| !a.is_empty()
                && a.iter()
                    .all(|x| x.as_str().is_some_and(|s| s.contains(':')))),
            "{id}: {}",
            c["iam_actions"]
        );
    }
    let admin = checks
        .iter()
        .find(|c| c["id"] == "iam.policy_admin_star")
        .expect("iam.policy_admin_star");
    assert_eq!(admin["best_practice"], "SEC03-BP02");
    assert_eq!(admin["wa_question"], "permissions");
    assert_eq!(admin["wa_choice"], "sec_permissions_least_privileges");
}

#[test]
fn checks_say_which_questions_of_each_pillar_they_give_evidence_for() {
    let run = wellscan(&["checks"]);
    run.assert_code(0);
    let pillars = run
        .stdout
        .lines()
        .filter(|l| l.trim_start().starts_with("Evidence for "))
        .count();
    assert_eq!(pillars, 6, "{}", run.stdout);
    // Security's are all answered; the whole catalogue answers at least 40 of the lens's 57.
    assert!(
        run.stdout
            .contains("Evidence for 11 of 11 Well-Architected questions: securely-operate,"),
        "{}",
        run.stdout
    );
    let total = run
        .stdout
        .lines()
        .find_map(|l| l.split_once(" checks, with evidence for "))
        .and_then(|(_, rest)| rest.split_once(" of 57 questions"))
        .and_then(|(n, _)| n.parse::<usize>().ok());
    assert!(total.is_some_and(|n| n >= 40), "{}", run.stdout);
}

#[test]
fn checks_filters_by_pillar_and_service_and_prints_a_readable_list() {
    let run = wellscan(&["checks", "--pillar", "security", "--service", "iam"]);
    run.assert_code(0);
    assert!(run.stdout.contains("Security ("), "{}", run.stdout);
    assert!(
        run.stdout.contains("iam.root_without_mfa"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("SEC01-BP02 Secure account root user and properties · WA securely-operate / sec_securely_operate_aws_account"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("needs iam:GetAccountSummary"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("ec2."), "{}", run.stdout);
    assert!(!run.stdout.contains("Reliability"), "{}", run.stdout);
    // The IAM checks answer three of the pillar's eleven questions, and say which.
    assert!(
        run.stdout.contains(
            "Evidence for 3 of 11 Well-Architected questions: securely-operate, identities, permissions"
        ),
        "{}",
        run.stdout
    );

    let cost = run.again(&["checks", "--json", "--pillar", "cost"]);
    cost.assert_code(0);
    let doc: Value = serde_json::from_str(&cost.stdout).expect("json");
    let checks = doc["checks"].as_array().expect("checks");
    assert!(!checks.is_empty());
    assert!(checks.iter().all(|c| c["pillar"] == "cost_optimization"));

    let none = run.again(&["checks", "--service", "nope"]);
    none.assert_code(0);
    assert_eq!(none.stdout.trim(), "No check matches.");

    let bad = run.again(&["checks", "--pillar", "speed"]);
    bad.assert_code(2);
    assert!(
        bad.stderr.contains("invalid value 'speed'"),
        "{}",
        bad.stderr
    );
}

#[test]
fn a_reports_findings_link_to_the_best_practice_the_catalogue_names() {
    let choices: HashMap<String, String> = catalogue()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap_or_default().to_string(),
                c["wa_choice"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let run = wellscan(&["scan", "--demo", "--quiet", "--out", "{tmp}/r"]);
    run.assert_code(0);
    let a = run.json(&run.tmp.path().join("r/assessment.json"));
    for c in a["checks"].as_array().expect("checks") {
        let id = c["check_id"].as_str().unwrap_or_default();
        assert_eq!(
            c["wa_choice"].as_str(),
            choices.get(id).map(String::as_str),
            "{id}"
        );
    }
    let html = std::fs::read_to_string(run.tmp.path().join("r/report.html")).expect("html");
    let findings = a["findings"].as_array().expect("findings");
    assert!(!findings.is_empty());
    for f in findings {
        let choice = &choices[f["check_id"].as_str().unwrap_or_default()];
        let link = format!(
            "href=\"https://docs.aws.amazon.com/wellarchitected/latest/framework/{choice}.html\""
        );
        assert!(html.contains(&link), "no link {link} for {}", f["check_id"]);
    }
}
