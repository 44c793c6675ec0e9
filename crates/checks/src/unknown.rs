//! A fact the scanner could not read is neither a pass nor a failure.
//!
//! The facts a check decides on are declared in its `CheckMeta::facts`; one generic test marks
//! each of them unread on the demo account's resources and expects no pass and no new failure
//! from it: a failure stays one only when another known fact makes it, and what the fact
//! decided becomes *not evaluated*. The hand-written cases below are what that test cannot make: a
//! failed listing (a coverage gap), or a fact of another resource than the judged one. Each
//! would fail the check if the default were taken as the fact.

use wellscan_model::{
    AccountSummary, CostOptimizationHub, CostRecommendation, CoverageGap, Ec2Instance, Fact,
    GLOBAL_REGION, InstanceState, Inventory, ManagedInstance, ManagedInstances, Resource, Tags,
    Vpc,
};

use std::collections::BTreeSet;

use crate::testing::{now, s3_bucket};
use crate::{Config, Context, Outcome, catalogue};

/// A check, a resource it judges, and what the scan could not read: a listing (its coverage
/// gap) or a fact of another resource.
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
    let root = || -> Resource {
        AccountSummary {
            id: "root".into(),
            region: GLOBAL_REGION.into(),
            ..Default::default()
        }
        .into()
    };
    let running_instance = || -> Resource {
        Ec2Instance {
            id: "i-1".into(),
            region: east(),
            state: InstanceState::Running,
            ..Default::default()
        }
        .into()
    };
    let production_instance = || -> Resource {
        Ec2Instance {
            id: "i-1".into(),
            region: east(),
            tags: production(),
            ..Default::default()
        }
        .into()
    };
    vec![
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
        Case {
            gaps: vec![gap("eu-west-1", "cloudtrail", "DescribeTrails")],
            ..case("cloudtrail.no_multi_region_trail", vec![root()])
        },
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
        // The account's block, a fact of another resource than the bucket judged.
        case(
            "s3.public_access_block_off",
            vec![s3_bucket("b", |_| {}), {
                let mut r = root();
                r.unknown_mut().mark(Fact::S3PublicAccessBlock);
                r
            }],
        ),
        Case {
            gaps: vec![gap(GLOBAL_REGION, "iam", "GetAccountSummary")],
            ..case("s3.public_access_block_off", vec![s3_bucket("b", |_| {})])
        },
        // The hub's recommendations, a fact of another resource than the ones judged.
        case(
            "costoptimizationhub.rightsizing",
            vec![{
                let mut hub = CostOptimizationHub {
                    id: "123456789012".into(),
                    region: GLOBAL_REGION.into(),
                    enrolled: true,
                    recommendations: vec![CostRecommendation {
                        id: "r-1".into(),
                        resource_id: "i-0gone".into(),
                        region: east(),
                        action: "Stop".into(),
                        monthly_savings: 70.0,
                        ..Default::default()
                    }],
                    ..Default::default()
                };
                hub.unknown.mark(Fact::Recommendations);
                hub.into()
            }],
        ),
        // The region's Systems Manager fleet, not listed.
        Case {
            gaps: vec![gap("us-east-1", "ssm", "DescribeInstanceInformation")],
            ..case("ssm.instance_unmanaged", vec![running_instance()])
        },
        // The fleet's patch states, a fact of another resource than the instance judged.
        case(
            "ssm.patches_missing",
            vec![running_instance(), {
                let mut fleet = ManagedInstances {
                    id: "managed-instances".into(),
                    region: east(),
                    instances: vec![ManagedInstance {
                        id: "i-1".into(),
                        ping_status: "Online".into(),
                        ..Default::default()
                    }],
                    ..Default::default()
                };
                fleet.unknown.mark(Fact::PatchStates);
                fleet.into()
            }],
        ),
        Case {
            gaps: vec![gap("us-east-1", "cloudwatch", "DescribeAlarms")],
            ..case(
                "cloudwatch.production_without_alarms",
                vec![production_instance()],
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

const DEMO: &str = include_str!("../../../fixtures/demo/inventory.json");

/// A resource as findings name it: kind, region, id.
type Key = (String, String, String);

fn key(r: &Resource) -> Key {
    (
        r.kind().id().to_string(),
        r.region().to_string(),
        r.id().to_string(),
    )
}

#[test]
fn every_declared_fact_unread_leaves_the_failing_resources_not_evaluated() {
    let demo = Inventory::from_json(DEMO).expect("demo inventory");
    let config = Config::default();
    let prices = crate::prices::PriceTable::embedded();
    let judge = |check: &crate::Check, inventory: &Inventory| {
        let ctx = Context::new(inventory, &config, prices);
        let mut out = Outcome::default();
        (check.evaluate)(&ctx, &mut out);
        out
    };
    let mut problems = Vec::new();
    for check in catalogue().iter().filter(|c| !c.meta.facts.is_empty()) {
        let before = judge(check, &demo);
        let failing: BTreeSet<Key> = before
            .failures()
            .iter()
            .map(|f| {
                (
                    f.resource_kind().to_string(),
                    f.region().to_string(),
                    f.resource_id().to_string(),
                )
            })
            .collect();
        if failing.is_empty() {
            problems.push(format!(
                "{}: the demo has no failing resource to mark",
                check.meta.id
            ));
            continue;
        }
        for fact in check.meta.facts {
            // One failing resource at a time: with the fact unread it is never a pass. It stays a
            // failure only when another known fact fails it on its own (a recorder that does not
            // exist is missing whatever its status); the demo must show the fact consulted once.
            let mut consulted = false;
            for target in &failing {
                let mut inventory = demo.clone();
                for r in inventory.resources.iter_mut().filter(|r| key(r) == *target) {
                    r.unknown_mut().mark(*fact);
                }
                let after = judge(check, &inventory);
                let still_fails = after.failures().iter().any(|f| {
                    (f.resource_kind(), f.region(), f.resource_id())
                        == (target.0.as_str(), target.1.as_str(), target.2.as_str())
                });
                if still_fails {
                    continue;
                }
                consulted = true;
                let counts = (after.evaluated() + 1, after.not_evaluated());
                if counts != (before.evaluated(), before.not_evaluated() + 1) {
                    problems.push(format!(
                        "{} with {fact} unread on {target:?}: {} evaluated and {} not, expected {} and {}",
                        check.meta.id,
                        after.evaluated(),
                        after.not_evaluated(),
                        before.evaluated() - 1,
                        before.not_evaluated() + 1
                    ));
                }
            }
            // Every other resource of those kinds at once: none becomes a failure, and none drops
            // out of the counts; what the fact decided becomes not evaluated.
            let kinds: BTreeSet<&str> = failing.iter().map(|k| k.0.as_str()).collect();
            let mut inventory = demo.clone();
            for r in inventory
                .resources
                .iter_mut()
                .filter(|r| kinds.contains(r.kind().id()) && !failing.contains(&key(r)))
            {
                r.unknown_mut().mark(*fact);
            }
            let after = judge(check, &inventory);
            let new_failures: Vec<&str> = after
                .failures()
                .iter()
                .filter(|f| {
                    !failing.contains(&(
                        f.resource_kind().to_string(),
                        f.region().to_string(),
                        f.resource_id().to_string(),
                    ))
                })
                .map(|f| f.resource_id())
                .collect();
            let dropped = before.evaluated() + before.not_evaluated()
                > after.evaluated() + after.not_evaluated();
            if !new_failures.is_empty() || dropped {
                problems.push(format!(
                    "{} with {fact} unread on its other resources: new failures {new_failures:?}; {} evaluated and {} not (was {} and {})",
                    check.meta.id,
                    after.evaluated(),
                    after.not_evaluated(),
                    before.evaluated(),
                    before.not_evaluated()
                ));
            }
            consulted |= after.not_evaluated() > before.not_evaluated();
            if !consulted {
                problems.push(format!(
                    "{} declares {fact}, but unread it changed the verdict on none of the demo's resources",
                    check.meta.id
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn a_fact_that_could_not_be_read_is_neither_a_pass_nor_a_failure() {
    for c in cases() {
        check(c);
    }
}
