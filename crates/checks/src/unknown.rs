//! Every check that decides on a fact read by a separate call, given a resource whose fact the
//! scanner could not read: the resource is neither passed nor failed, and counts as not
//! evaluated. Each case would fail the check if the default were taken as the fact.

use wellscan_model::{
    AccessKey, AccountSummary, CloudtrailTrail, CoverageGap, DynamodbTable, EbsSnapshot, EbsVolume,
    Ec2Instance, Fact, GLOBAL_REGION, IamUser, Inventory, KmsKey, LambdaFunction, Resource, Tags,
    Vpc,
};

use crate::testing::{days_ago, now, s3_bucket};
use crate::{Config, Context, Outcome, catalogue};

/// A check, one resource with `fact` unknown, and the coverage gaps of the scan.
struct Case {
    check: &'static str,
    resources: Vec<Resource>,
    gaps: Vec<CoverageGap>,
}

fn case(check: &'static str, resources: Vec<Resource>) -> Case {
    Case {
        check,
        resources,
        gaps: Vec::new(),
    }
}

fn unknown(facts: &[Fact]) -> wellscan_model::Unknown {
    facts.iter().copied().collect()
}

fn gap(region: &str, service: &str, operation: &str) -> CoverageGap {
    CoverageGap {
        region: region.into(),
        service: service.into(),
        operation: operation.into(),
        error: "access denied".into(),
    }
}

fn production() -> Tags {
    Tags::from([("Environment".to_string(), "production".to_string())])
}

fn cases() -> Vec<Case> {
    let east = || "us-east-1".to_string();
    let old_key = || AccessKey {
        id: "AKIAOLD".into(),
        active: true,
        created_at: days_ago(400),
        last_used: None,
    };
    vec![
        case(
            "ec2.vpc_without_flow_logs",
            vec![
                Vpc {
                    id: "vpc-app".into(),
                    region: east(),
                    unknown: unknown(&[Fact::FlowLogsEnabled]),
                    ..Default::default()
                }
                .into(),
            ],
        ),
        Case {
            gaps: vec![gap("us-east-1", "ec2", "DescribeInstances")],
            ..case(
                "ec2.vpc_without_flow_logs",
                vec![
                    Vpc {
                        id: "vpc-default".into(),
                        region: east(),
                        is_default: true,
                        ..Default::default()
                    }
                    .into(),
                ],
            )
        },
        case(
            "ebs.snapshot_public",
            vec![
                EbsSnapshot {
                    id: "snap-1".into(),
                    region: east(),
                    unknown: unknown(&[Fact::Public]),
                    ..Default::default()
                }
                .into(),
            ],
        ),
        case(
            "ebs.volume_without_snapshot",
            vec![
                EbsVolume {
                    id: "vol-1".into(),
                    region: east(),
                    state: "in-use".into(),
                    unknown: unknown(&[Fact::Snapshots]),
                    ..Default::default()
                }
                .into(),
            ],
        ),
        case(
            "cloudtrail.logging_stopped",
            vec![
                CloudtrailTrail {
                    id: "audit".into(),
                    region: east(),
                    unknown: unknown(&[Fact::Logging]),
                    ..Default::default()
                }
                .into(),
            ],
        ),
        Case {
            gaps: vec![gap("eu-west-1", "cloudtrail", "DescribeTrails")],
            ..case(
                "cloudtrail.no_multi_region_trail",
                vec![
                    AccountSummary {
                        id: "root".into(),
                        region: GLOBAL_REGION.into(),
                        ..Default::default()
                    }
                    .into(),
                ],
            )
        },
        case(
            "dynamodb.pitr_off",
            vec![
                DynamodbTable {
                    id: "orders".into(),
                    region: east(),
                    unknown: unknown(&[Fact::PointInTimeRecovery]),
                    ..Default::default()
                }
                .into(),
            ],
        ),
        case(
            "iam.access_key_old",
            vec![
                IamUser {
                    id: "deploy".into(),
                    region: GLOBAL_REGION.into(),
                    access_keys: vec![old_key()],
                    unknown: unknown(&[Fact::AccessKeys]),
                    ..Default::default()
                }
                .into(),
            ],
        ),
        case(
            "iam.access_key_unused",
            vec![
                IamUser {
                    id: "deploy".into(),
                    region: GLOBAL_REGION.into(),
                    access_keys: vec![old_key()],
                    unknown: unknown(&[Fact::AccessKeyLastUsed]),
                    ..Default::default()
                }
                .into(),
            ],
        ),
        case(
            "iam.user_console_without_mfa",
            vec![
                IamUser {
                    id: "alice".into(),
                    region: GLOBAL_REGION.into(),
                    console_access: true,
                    unknown: unknown(&[Fact::MfaDevices]),
                    ..Default::default()
                }
                .into(),
            ],
        ),
        case(
            "kms.key_rotation_off",
            vec![
                KmsKey {
                    id: "key-1".into(),
                    region: east(),
                    state: "Enabled".into(),
                    spec: "SYMMETRIC_DEFAULT".into(),
                    rotation_enabled: Some(false),
                    unknown: unknown(&[Fact::RotationEnabled]),
                    ..Default::default()
                }
                .into(),
            ],
        ),
        case(
            "lambda.async_without_failure_destination",
            vec![
                LambdaFunction {
                    id: "ingest".into(),
                    region: east(),
                    invoked_async: true,
                    unknown: unknown(&[Fact::InvokedAsync]),
                    ..Default::default()
                }
                .into(),
            ],
        ),
        case(
            "lambda.url_without_auth",
            vec![
                LambdaFunction {
                    id: "hook".into(),
                    region: east(),
                    function_url_auth: Some(wellscan_model::FunctionUrlAuth::None),
                    unknown: unknown(&[Fact::FunctionUrlAuth]),
                    ..Default::default()
                }
                .into(),
            ],
        ),
        case(
            "s3.bucket_not_tls_only",
            vec![s3_bucket("b", |b| {
                b.unknown = unknown(&[Fact::TlsOnlyPolicy])
            })],
        ),
        case(
            "s3.bucket_public",
            vec![s3_bucket("b", |b| b.unknown = unknown(&[Fact::AclPublic]))],
        ),
        case(
            "s3.bucket_versioning_off",
            vec![s3_bucket("b", |b| b.unknown = unknown(&[Fact::Versioning]))],
        ),
        Case {
            gaps: vec![gap(GLOBAL_REGION, "iam", "GetAccountAuthorizationDetails")],
            ..case(
                "iam.group_grants_admin",
                vec![
                    wellscan_model::IamGroup {
                        id: "admins".into(),
                        region: GLOBAL_REGION.into(),
                        attached_policy_arns: vec![
                            "arn:aws:iam::aws:policy/AdministratorAccess".into(),
                        ],
                        members: vec!["alice".into()],
                        ..Default::default()
                    }
                    .into(),
                ],
            )
        },
        case(
            "s3.default_encryption_off",
            vec![s3_bucket("b", |b| {
                b.unknown = unknown(&[Fact::DefaultEncryption])
            })],
        ),
        case(
            "s3.bucket_without_lifecycle",
            vec![s3_bucket("b", |b| {
                b.unknown = unknown(&[Fact::LifecycleRules])
            })],
        ),
        case(
            "s3.public_access_block_off",
            vec![s3_bucket("b", |b| {
                b.unknown = unknown(&[Fact::PublicAccessBlock])
            })],
        ),
        case(
            "s3.public_access_block_off",
            vec![
                s3_bucket("b", |_| {}),
                AccountSummary {
                    id: "root".into(),
                    region: GLOBAL_REGION.into(),
                    unknown: unknown(&[Fact::S3PublicAccessBlock]),
                    ..Default::default()
                }
                .into(),
            ],
        ),
        Case {
            gaps: vec![gap(GLOBAL_REGION, "iam", "GetAccountSummary")],
            ..case("s3.public_access_block_off", vec![s3_bucket("b", |_| {})])
        },
        case(
            "tags.missing_required",
            vec![s3_bucket("b", |b| b.unknown = unknown(&[Fact::Tags]))],
        ),
        case(
            "cloudwatch.production_without_alarms",
            vec![
                Ec2Instance {
                    id: "i-1".into(),
                    region: east(),
                    tags: production(),
                    unknown: unknown(&[Fact::Tags]),
                    ..Default::default()
                }
                .into(),
            ],
        ),
        Case {
            gaps: vec![gap("us-east-1", "cloudwatch", "DescribeAlarms")],
            ..case(
                "cloudwatch.production_without_alarms",
                vec![
                    Ec2Instance {
                        id: "i-1".into(),
                        region: east(),
                        tags: production(),
                        ..Default::default()
                    }
                    .into(),
                ],
            )
        },
    ]
}

/// Runs `case` as given (not evaluated) and, for a fact marked on the resource, once more with
/// the mark taken away, where the default is judged (a pass or a failure, both untrue).
fn check(case: Case) {
    let check = catalogue()
        .iter()
        .find(|c| c.meta.id == case.check)
        .unwrap_or_else(|| panic!("no check {}", case.check));
    let config = Config {
        required_tags: vec!["Owner".into()],
        ..Config::default()
    };
    let run = |resources: Vec<Resource>, gaps: Vec<CoverageGap>| {
        let mut inventory = Inventory::new("123456789012", "aws", now());
        inventory.regions = vec!["us-east-1".into(), "eu-west-1".into()];
        inventory.resources = resources;
        inventory.coverage_gaps = gaps;
        let ctx = Context::new(&inventory, &config, crate::prices::PriceTable::embedded());
        let mut out = Outcome::default();
        (check.evaluate)(&ctx, &mut out);
        (out.evaluated(), out.failures().len(), out.not_evaluated())
    };
    let marked = case.gaps.is_empty();
    let known: Vec<Resource> = case
        .resources
        .iter()
        .cloned()
        .map(|mut r| {
            forget_unknown(&mut r);
            r
        })
        .collect();
    assert_eq!(
        run(case.resources, case.gaps),
        (0, 0, 1),
        "{}: (evaluated, failed, not evaluated)",
        case.check
    );
    if !marked {
        return;
    }
    let (evaluated, _, not_evaluated) = run(known, Vec::new());
    assert!(
        evaluated == 1 && not_evaluated == 0,
        "{}: with the defaults taken as facts the check should judge the resource",
        case.check
    );
}

fn forget_unknown(r: &mut Resource) {
    let mut json = serde_json::to_value(&*r).expect("resource as JSON");
    if let Some(map) = json.as_object_mut() {
        map.remove("unknown");
    }
    *r = serde_json::from_value(json).expect("resource from JSON");
}

#[test]
fn a_fact_that_could_not_be_read_is_neither_a_pass_nor_a_failure() {
    for c in cases() {
        check(c);
    }
}
