//! `findings.ocsf.json`: every finding as an OCSF Detection Finding (class 2004, OCSF 1.5.0),
//! for a SIEM or data lake that reads the Open Cybersecurity Schema Framework: the resource, the
//! check that found it (the analytic), the Well-Architected best practice and remediation.
//! Fields OCSF has no place for (the pillar, the best practice id, the savings) are under
//! `unmapped`, as OCSF asks.

use std::collections::HashMap;

use serde_json::{Value, json};
use wellscan_model::{Assessment, CheckSummary, Finding, Severity, best_practice_url};

use crate::{RenderError, Rendered};

pub const FILE: &str = "findings.ocsf.json";

/// The OCSF version the records follow.
pub const OCSF_VERSION: &str = "1.5.0";

/// Detection Finding; its "Create" activity, and the type id OCSF derives from both.
const CLASS_UID: u32 = 2004;
const ACTIVITY_CREATE: u32 = 1;
const TYPE_UID: u32 = CLASS_UID * 100 + ACTIVITY_CREATE;
/// The Findings category.
const CATEGORY_UID: u32 = 2;
/// An analytic of type "Rule": a check is a rule over the inventory.
const ANALYTIC_RULE: u32 = 1;
/// An account of type "AWS Account".
const AWS_ACCOUNT: u32 = 10;
/// Finding status "New": each scan reports what it found.
const STATUS_NEW: u32 = 1;

/// A JSON array with one Detection Finding per finding, in the assessment's order.
pub fn findings(assessment: &Assessment) -> Result<Rendered, RenderError> {
    let checks: HashMap<&str, &CheckSummary> = assessment
        .checks
        .iter()
        .map(|c| (c.check_id.as_str(), c))
        .collect();
    let records: Vec<Value> = assessment
        .findings
        .iter()
        .map(|f| record(assessment, checks.get(f.check_id.as_str()).copied(), f))
        .collect();
    let mut bytes = serde_json::to_vec_pretty(&records)?;
    bytes.push(b'\n');
    Ok(Rendered {
        file_name: FILE.into(),
        content_type: "application/json",
        bytes,
    })
}

/// One finding's record; `check` is its check's summary, when the assessment has it (the
/// Well-Architected Tool question and choice).
fn record(a: &Assessment, check: Option<&CheckSummary>, f: &Finding) -> Value {
    let scan = &a.scan;
    let (question, choice) =
        check.map_or(("", ""), |c| (c.wa_question.as_str(), c.wa_choice.as_str()));
    let references: Vec<String> = best_practice_url(choice).into_iter().collect();
    let (severity_id, severity) = severity(f.severity);
    let mut types = vec![f.pillar.title().to_string()];
    types.extend(f.related_pillars.iter().map(|p| p.title().to_string()));
    json!({
        "activity_id": ACTIVITY_CREATE,
        "activity_name": "Create",
        "category_uid": CATEGORY_UID,
        "category_name": "Findings",
        "class_uid": CLASS_UID,
        "class_name": "Detection Finding",
        "type_uid": TYPE_UID,
        "type_name": "Detection Finding: Create",
        "severity_id": severity_id,
        "severity": severity,
        "status_id": STATUS_NEW,
        "status": "New",
        "time": scan.inventory_taken_at.timestamp_millis(),
        "message": f.title,
        "metadata": {
            "version": OCSF_VERSION,
            "product": {
                "name": "wellscan",
                "vendor_name": "wellscan",
                "version": env!("CARGO_PKG_VERSION"),
            },
            "correlation_uid": scan.id,
        },
        "finding_info": {
            "uid": f.id,
            "title": f.title,
            "desc": f.evidence,
            "types": types,
            "analytic": {
                "uid": f.check_id,
                "name": f.check_id,
                "type_id": ANALYTIC_RULE,
                "type": "Rule",
            },
        },
        "resources": [{
            "uid": f.resource_arn,
            "name": f.resource_name,
            "type": f.resource_kind,
            "region": f.region,
            "cloud_partition": scan.partition,
        }],
        "cloud": {
            "provider": "AWS",
            "region": f.region,
            "account": {
                "uid": scan.account_id,
                "name": scan.account_id,
                "type_id": AWS_ACCOUNT,
                "type": "AWS Account",
            },
        },
        "remediation": {
            "desc": f.remediation,
            "references": references,
        },
        "unmapped": {
            "pillar": f.pillar.id(),
            "best_practice": f.best_practice,
            "wa_question": question,
            "wa_choice": choice,
            "monthly_savings_usd": f.monthly_savings_usd,
            "scan_id": scan.id,
        },
    })
}

/// OCSF's severity id and caption.
fn severity(s: Severity) -> (u32, &'static str) {
    match s {
        Severity::Informational => (1, "Informational"),
        Severity::Low => (2, "Low"),
        Severity::Medium => (3, "Medium"),
        Severity::High => (4, "High"),
        Severity::Critical => (5, "Critical"),
    }
}
