//! `findings.ocsf.json`: every finding of the demo account as an OCSF Detection Finding, held to
//! the schema by py-ocsf-models (installed by `cargo xtask setup`), with what a SIEM reads of it.

use wellscan_model::{Assessment, Resource};
use wellscan_report::Format;

use crate::scan_inventory;

/// A `Name` tag in Japanese: names reach a SIEM as written.
const JAPANESE_NAME: &str = "本番-決済サーバー";

#[tokio::test]
async fn every_finding_is_a_valid_detection_finding_naming_its_resource_check_and_practice() {
    let mut inventory = wellscan_orchestrator::demo_inventory().expect("demo");
    for r in &mut inventory.resources {
        if let Resource::Ec2Instance(i) = r {
            i.tags.insert("Name".into(), JAPANESE_NAME.into());
        }
    }
    let (out, _) = scan_inventory(&inventory, vec![Format::Json, Format::Ocsf]).await;
    let file = out.path().join("findings.ocsf.json");
    let assessment = Assessment::from_json(
        &std::fs::read_to_string(out.path().join("assessment.json")).expect("assessment.json"),
    )
    .expect("assessment");
    let records: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("findings.ocsf.json"))
            .expect("a JSON array");

    // The schema's own models accept every record and know every field written.
    wellscan_testkit::lint(
        "python",
        &[
            &concat!(env!("CARGO_MANIFEST_DIR"), "/e2e/validate_ocsf.py"),
            &file,
        ],
    );

    assert_eq!(
        records.len(),
        assessment.findings.len(),
        "one record per finding"
    );
    for (record, finding) in records.iter().zip(&assessment.findings) {
        assert_eq!(record["class_uid"], 2004);
        assert_eq!(record["type_uid"], 200401);
        assert_eq!(record["finding_info"]["uid"], finding.id.as_str());
        assert_eq!(
            record["finding_info"]["analytic"]["uid"],
            finding.check_id.as_str()
        );
        assert_eq!(record["resources"][0]["uid"], finding.resource_arn.as_str());
        assert_eq!(
            record["cloud"]["account"]["uid"],
            assessment.scan.account_id.as_str()
        );
        assert_eq!(record["remediation"]["desc"], finding.remediation.as_str());
        assert_eq!(
            record["unmapped"]["best_practice"],
            finding.best_practice.as_str()
        );
        assert_eq!(record["unmapped"]["pillar"], finding.pillar.id());
        let severity = record["severity"].as_str().unwrap_or_default();
        assert!(
            severity.eq_ignore_ascii_case(finding.severity.id()),
            "{severity} for a {} finding",
            finding.severity.id()
        );
    }

    // A finding's record links its best practice's page and names the Tool's question.
    let check = assessment
        .checks
        .iter()
        .find(|c| c.failed > 0 && !c.wa_choice.is_empty())
        .expect("a failing check with a Well-Architected choice");
    let record = records
        .iter()
        .find(|r| r["finding_info"]["analytic"]["uid"] == check.check_id.as_str())
        .expect("its findings are recorded");
    assert_eq!(
        record["remediation"]["references"][0],
        format!(
            "https://docs.aws.amazon.com/wellarchitected/latest/framework/{}.html",
            check.wa_choice
        )
    );
    assert_eq!(
        record["unmapped"]["wa_question"],
        check.wa_question.as_str()
    );

    // The Japanese name is kept as written.
    assert!(
        records
            .iter()
            .any(|r| r["resources"][0]["name"] == JAPANESE_NAME),
        "an instance's finding names it in Japanese"
    );
}
