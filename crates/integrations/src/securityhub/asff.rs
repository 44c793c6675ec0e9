//! A finding in the AWS Security Finding Format (ASFF), as `BatchImportFindings` takes it, and
//! the same finding archived once it is resolved.
//!
//! Every string is cut to the length Security Hub accepts (a title of 256 characters, a
//! description of 1,024, a recommendation of 512), so no record nears the 240 KB a finding may
//! weigh. What wellscan knows and ASFF has no field for (the pillar, the best practice, the
//! Well-Architected Tool question and choice, the resource kind and region the scope rests on)
//! is in `ProductFields` under `wellscan/`.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Map, Value, json};
use wellscan_model::best_practice_url;
use wellscan_model::{Assessment, CheckSummary, Finding, GLOBAL_REGION, Severity};

/// The ASFF version every record declares.
const SCHEMA_VERSION: &str = "2018-10-08";
/// What every wellscan generator id starts with: how wellscan knows its own findings.
pub const GENERATOR_PREFIX: &str = "wellscan/";

pub const TITLE_MAX: usize = 256;
pub const DESCRIPTION_MAX: usize = 1024;
pub const RECOMMENDATION_MAX: usize = 512;
/// `ProductFields` values and `Resources[].Details.Other` values.
const FIELD_MAX: usize = 2048;

/// The `ProductFields` keys wellscan writes.
pub mod field {
    pub const CHECK: &str = "wellscan/CheckId";
    pub const SCAN: &str = "wellscan/ScanId";
    pub const PILLAR: &str = "wellscan/Pillar";
    pub const BEST_PRACTICE: &str = "wellscan/BestPractice";
    pub const WA_QUESTION: &str = "wellscan/WaQuestion";
    pub const WA_CHOICE: &str = "wellscan/WaChoice";
    pub const KIND: &str = "wellscan/ResourceKind";
    pub const REGION: &str = "wellscan/Region";
    pub const SAVINGS: &str = "wellscan/MonthlySavingsUsd";
}

/// The product every finding of `account` in `region` is imported under: the account's own
/// "default" product, which Security Hub gives every account for its own findings.
pub fn product_arn(partition: &str, region: &str, account: &str) -> String {
    format!("arn:{partition}:securityhub:{region}:{account}:product/{account}/default")
}

/// The region a finding is imported into: its resource's, or `home` for an account-wide one.
pub fn import_region<'a>(finding: &'a Finding, home: &'a str) -> &'a str {
    if finding.region == GLOBAL_REGION || finding.region.is_empty() {
        home
    } else {
        &finding.region
    }
}

/// A finding's ASFF id: the same for the same check on the same resource in every scan, so a
/// re-import updates it.
pub fn id(finding: &Finding) -> String {
    format!("{GENERATOR_PREFIX}{}/{}", finding.check_id, finding.id)
}

/// What a record needs besides the finding.
pub struct Context<'a> {
    pub assessment: &'a Assessment,
    pub check: Option<&'a CheckSummary>,
    /// The region the record is imported into.
    pub region: &'a str,
    /// When the finding was first imported, if it was before.
    pub created_at: Option<&'a str>,
    pub now: DateTime<Utc>,
}

/// `finding` as an active, failed ASFF record.
pub fn record(finding: &Finding, cx: &Context) -> Value {
    let scan = &cx.assessment.scan;
    let (question, choice) = cx
        .check
        .map_or(("", ""), |c| (c.wa_question.as_str(), c.wa_choice.as_str()));
    let severity = json!({"Label": label(finding.severity), "Original": finding.severity.id()});
    let types = vec![format!(
        "Software and Configuration Checks/AWS Well-Architected Framework/{}",
        finding.pillar.title()
    )];
    let now = time(cx.now);
    let description = if finding.evidence.trim().is_empty() {
        &finding.title
    } else {
        &finding.evidence
    };
    let mut fields = Map::new();
    for (key, value) in [
        (field::CHECK, finding.check_id.as_str()),
        (field::SCAN, scan.id.as_str()),
        (field::PILLAR, finding.pillar.id()),
        (field::BEST_PRACTICE, finding.best_practice.as_str()),
        (field::WA_QUESTION, question),
        (field::WA_CHOICE, choice),
        (field::KIND, finding.resource_kind.as_str()),
        (field::REGION, finding.region.as_str()),
    ] {
        if !value.is_empty() {
            fields.insert(key.into(), cut(value, FIELD_MAX).into());
        }
    }
    if let Some(savings) = finding.monthly_savings_usd {
        fields.insert(field::SAVINGS.into(), format!("{savings:.2}").into());
    }
    let mut recommendation = json!({"Text": cut(&finding.remediation, RECOMMENDATION_MAX)});
    if let Some(url) = best_practice_url(choice) {
        recommendation["Url"] = url.into();
    }
    let resource_id = if finding.resource_arn.is_empty() {
        &finding.resource_id
    } else {
        &finding.resource_arn
    };
    json!({
        "SchemaVersion": SCHEMA_VERSION,
        "Id": id(finding),
        "ProductArn": product_arn(&scan.partition, cx.region, &scan.account_id),
        "ProductName": "wellscan",
        "CompanyName": "wellscan",
        "GeneratorId": format!("{GENERATOR_PREFIX}{}", finding.check_id),
        "AwsAccountId": scan.account_id,
        "Types": types,
        "CreatedAt": cx.created_at.map_or_else(|| now.clone(), String::from),
        "UpdatedAt": now,
        "LastObservedAt": time(scan.inventory_taken_at),
        "Severity": severity,
        "FindingProviderFields": {"Severity": severity, "Types": types},
        "Title": cut(&finding.title, TITLE_MAX),
        "Description": cut(description, DESCRIPTION_MAX),
        "Remediation": {"Recommendation": recommendation},
        "ProductFields": fields,
        "Resources": [{
            "Type": resource_type(&finding.resource_kind),
            "Id": cut(resource_id, 512),
            "Partition": scan.partition,
            "Region": cx.region,
            "Details": {"Other": {"Name": cut(&finding.resource_name, FIELD_MAX)}},
        }],
        "Compliance": {"Status": "FAILED"},
        "RecordState": "ACTIVE",
    })
}

/// The fields of a record wellscan wrote that an archived copy carries over as they were.
const KEPT: [&str; 16] = [
    "SchemaVersion",
    "Id",
    "ProductArn",
    "ProductName",
    "CompanyName",
    "GeneratorId",
    "AwsAccountId",
    "Types",
    "CreatedAt",
    "LastObservedAt",
    "Severity",
    "FindingProviderFields",
    "Title",
    "Description",
    "Remediation",
    "Resources",
];

/// `existing` (a finding wellscan imported before, as `GetFindings` returns it) archived and
/// marked passed: what it was about no longer fails.
pub fn archived(existing: &Value, now: DateTime<Utc>) -> Value {
    let mut record = Map::new();
    for key in KEPT {
        if let Some(value) = existing.get(key) {
            record.insert(key.into(), value.clone());
        }
    }
    if let Some(fields) = existing.get("ProductFields") {
        record.insert("ProductFields".into(), fields.clone());
    }
    record.insert("UpdatedAt".into(), time(now).into());
    record.insert("Compliance".into(), json!({"Status": "PASSED"}));
    record.insert("RecordState".into(), "ARCHIVED".into());
    Value::Object(record)
}

/// One of wellscan's `ProductFields` of a record Security Hub returned.
pub fn product_field<'a>(record: &'a Value, key: &str) -> Option<&'a str> {
    record.get("ProductFields")?.get(key)?.as_str()
}

/// ASFF's severity label.
fn label(severity: Severity) -> &'static str {
    match severity {
        Severity::Informational => "INFORMATIONAL",
        Severity::Low => "LOW",
        Severity::Medium => "MEDIUM",
        Severity::High => "HIGH",
        Severity::Critical => "CRITICAL",
    }
}

/// The ASFF resource type of a wellscan resource kind; `Other` where ASFF has none.
fn resource_type(kind: &str) -> &'static str {
    match kind {
        "ec2_instance" => "AwsEc2Instance",
        "ebs_volume" => "AwsEc2Volume",
        "security_group" => "AwsEc2SecurityGroup",
        "vpc" => "AwsEc2Vpc",
        "elastic_ip" => "AwsEc2Eip",
        "rds_instance" => "AwsRdsDbInstance",
        "rds_cluster" => "AwsRdsDbCluster",
        "lambda_function" => "AwsLambdaFunction",
        "iam_user" => "AwsIamUser",
        "iam_role" => "AwsIamRole",
        "iam_policy" => "AwsIamPolicy",
        "iam_group" => "AwsIamGroup",
        "s3_bucket" => "AwsS3Bucket",
        "cloudtrail_trail" => "AwsCloudTrailTrail",
        "kms_key" => "AwsKmsKey",
        "dynamodb_table" => "AwsDynamoDbTable",
        "load_balancer" => "AwsElbv2LoadBalancer",
        "classic_load_balancer" => "AwsElbLoadBalancer",
        "autoscaling_group" => "AwsAutoScalingAutoScalingGroup",
        "sqs_queue" => "AwsSqsQueue",
        "sns_topic" => "AwsSnsTopic",
        "secret" => "AwsSecretsManagerSecret",
        "certificate" => "AwsCertificateManagerCertificate",
        "ecr_repository" => "AwsEcrRepository",
        "ecs_cluster" => "AwsEcsCluster",
        "ecs_service" => "AwsEcsService",
        "ecs_task_definition" => "AwsEcsTaskDefinition",
        "eks_cluster" => "AwsEksCluster",
        "cloudfront_distribution" => "AwsCloudFrontDistribution",
        "backup_vault" => "AwsBackupBackupVault",
        "password_policy" | "account_summary" | "organization" | "ebs_encryption_default" => {
            "AwsAccount"
        }
        _ => "Other",
    }
}

/// RFC 3339 with milliseconds, as ASFF's examples write it.
fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// `text` cut to at most `max` characters, ending in `…` when cut.
pub fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_counts_characters_not_bytes_and_marks_the_cut() {
        assert_eq!(cut("本番サーバー", 10), "本番サーバー");
        assert_eq!(cut("本番サーバー", 4), "本番サ…");
        assert_eq!(cut("本番サーバー", 4).chars().count(), 4);
    }

    #[test]
    fn an_archived_record_keeps_what_was_written_and_drops_what_security_hub_added() {
        let existing = json!({
            "SchemaVersion": SCHEMA_VERSION,
            "Id": "wellscan/s3.public/f-1",
            "Title": "Bucket is public",
            "ProductFields": {"wellscan/CheckId": "s3.public"},
            "Workflow": {"Status": "NOTIFIED"},
            "Note": {"Text": "a person's note", "UpdatedBy": "someone"},
            "RecordState": "ACTIVE",
            "Compliance": {"Status": "FAILED"},
        });
        let now = DateTime::parse_from_rfc3339("2026-12-05T03:00:00Z")
            .expect("time")
            .with_timezone(&Utc);
        let archived = archived(&existing, now);
        assert_eq!(archived["RecordState"], "ARCHIVED");
        assert_eq!(archived["Compliance"]["Status"], "PASSED");
        assert_eq!(archived["UpdatedAt"], "2026-12-05T03:00:00.000Z");
        assert_eq!(archived["Title"], "Bucket is public");
        assert_eq!(product_field(&archived, field::CHECK), Some("s3.public"));
        // Workflow and notes are the team's: an import may not touch them.
        assert!(archived.get("Workflow").is_none() && archived.get("Note").is_none());
    }
}
