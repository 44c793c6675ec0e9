//! One file per scanner unit (`cargo xtask tidy` holds the files to the scanner's unit table):
//! the unit's moto seed, each check's planted problem beside its healthy twin, and the proof
//! that `docs/iam-policy.json` allows every call the unit makes.
//!
//! Each file's test starts its own moto, seeds it through the real SDK clients, and calls
//! [`Account::prove`]: a scan of the two regions by the units the file names, in-process with a
//! call log, then every check with the default configuration.
//!
//! What moto cannot stage (metrics over two weeks, certificates near expiry, secrets unread for
//! 90 days) is left to the checks' fixture tests and the demo; each file says which.

mod acm;
mod apigateway;
mod autoscaling;
mod backup;
mod cloudfront;
mod cloudtrail;
mod cloudwatch;
mod config;
mod costoptimizationhub;
mod dynamodb;
mod ebs;
mod ec2;
mod ecr;
mod ecs;
mod efs;
mod eks;
mod elasticache;
mod elb;
mod elbv2;
mod guardduty;
mod iam;
mod kms;
mod lambda;
mod logs;
mod organizations;
mod rds;
mod route53;
mod s3;
mod secretsmanager;
mod securityhub;
mod sns;
mod sqs;
mod ssm;
mod vpc;

use std::collections::BTreeSet;

use aws_config::SdkConfig;
use aws_sdk_ec2::types::{InstanceType, ResourceType, Tag, TagSpecification};
use wellscan_checks::{CheckRun, Config, PriceTable};
use wellscan_model::{Finding, Inventory};
use wellscan_scanner::{CallLog, Options};
use wellscan_testkit::{MotoServer, iam_policy_actions, sdk_config};

/// The two regions every service test seeds and scans.
pub const EAST: &str = "us-east-1";
pub const WEST: &str = "us-west-2";

/// A planted problem and its healthy twin for one check: resources as `region/name`, where
/// the name is the one the report shows (a `Name` tag, else the id) or the id itself.
pub type Case = (&'static str, &'static str, Option<&'static str>);

/// What one service's test proves.
pub struct Proof {
    /// The scanner units to run: the file's own, and any whose resources its checks join.
    pub units: &'static [&'static str],
    pub cases: &'static [Case],
    /// Every IAM action the scan of those units calls, exactly, besides the session's own
    /// ([`SESSION_ACTIONS`]): a new call shows here, and the policy file must allow each one.
    pub actions: &'static [&'static str],
}

/// What every scan calls before its units run: who the caller is and which regions are enabled.
const SESSION_ACTIONS: [&str; 2] = ["sts:GetCallerIdentity", "ec2:DescribeRegions"];

/// A fresh moto account with a client configuration for each region.
pub struct Account {
    /// Stopped when the account is dropped, at the end of the test; a test plays what no API
    /// can stage through it (an SSM Agent registering).
    pub moto: MotoServer,
    pub east: SdkConfig,
    pub west: SdkConfig,
}

impl Account {
    /// A running `instance_type` in the first region, tagged `Name=name`; returns its id.
    pub async fn instance(&self, name: &str, instance_type: InstanceType) -> String {
        aws_sdk_ec2::Client::new(&self.east)
            .run_instances()
            .image_id(wellscan_testkit::TEST_AMI)
            .instance_type(instance_type)
            .min_count(1)
            .max_count(1)
            .tag_specifications(
                TagSpecification::builder()
                    .resource_type(ResourceType::Instance)
                    .tags(Tag::builder().key("Name").value(name).build())
                    .build(),
            )
            .send()
            .await
            .expect("run")
            .instances()
            .first()
            .and_then(|i| i.instance_id())
            .expect("instance id")
            .to_string()
    }
}

/// What the scan read and what the checks made of it.
pub struct Scanned {
    pub inventory: Inventory,
    pub run: CheckRun,
}

impl Account {
    pub async fn start() -> Account {
        let moto = MotoServer::start().expect("moto starts");
        let endpoint = moto.endpoint();
        Account {
            east: sdk_config(&endpoint, EAST).await,
            west: sdk_config(&endpoint, WEST).await,
            moto,
        }
    }

    /// Scans the seeded account and holds it to `proof`; returns the result for the file's own
    /// further assertions.
    pub async fn prove(&self, proof: &Proof) -> Scanned {
        let calls = CallLog::new();
        let options = Options {
            regions: Some(vec![EAST.into(), WEST.into()]),
            services: Some(proof.units.iter().map(|u| u.to_string()).collect()),
            calls: Some(calls.clone()),
            initial_backoff: std::time::Duration::from_millis(10),
            ..Options::default()
        };
        let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
        let output = wellscan_scanner::scan(&self.east, &options, &tx)
            .await
            .expect("the scan runs");
        let inventory = output.inventory;
        assert_policy_allows(&calls, proof.actions);

        let run = wellscan_checks::run(&inventory, &Config::default(), PriceTable::embedded());
        let scanned = Scanned { inventory, run };
        let mut wrong = Vec::new();
        for (check, problem, twin) in proof.cases {
            assert!(
                wellscan_checks::catalogue()
                    .iter()
                    .any(|c| c.meta.id == *check),
                "no check {check}"
            );
            if !scanned.fails(check, problem) {
                wrong.push(format!("{check} missed {problem}"));
            }
            if let Some(twin) = twin {
                if !scanned.read(twin) {
                    wrong.push(format!("{check}: the healthy {twin} was never read"));
                } else if scanned.fails(check, twin) {
                    wrong.push(format!("{check} flagged the healthy {twin}"));
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "{wrong:#?}\nfindings: {:#?}\ngaps: {:#?}",
            scanned.failing(),
            scanned.inventory.coverage_gaps
        );
        scanned
    }
}

impl Scanned {
    /// Whether `check` failed on `resource` (`region/name-or-id`).
    pub fn fails(&self, check: &str, resource: &str) -> bool {
        self.findings(check).any(|f| {
            resource == format!("{}/{}", f.region, f.resource_name)
                || resource == format!("{}/{}", f.region, f.resource_id)
        })
    }

    /// Whether the scan read `resource` (`region/name-or-id`), so a check could judge it.
    pub fn read(&self, resource: &str) -> bool {
        self.inventory.resources.iter().any(|r| {
            resource == format!("{}/{}", r.region(), r.display_name())
                || resource == format!("{}/{}", r.region(), r.id())
        })
    }

    pub fn findings<'a>(&'a self, check: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.run
            .findings
            .iter()
            .filter(move |f| f.check_id == check)
    }

    /// Every finding as `check region/name`, for failure messages.
    fn failing(&self) -> BTreeSet<String> {
        self.run
            .findings
            .iter()
            .map(|f| format!("{} {}/{}", f.check_id, f.region, f.resource_name))
            .collect()
    }
}

/// The scan called exactly `expected`, every operation with its IAM action, and the policy users
/// attach allows every one of them.
fn assert_policy_allows(calls: &CallLog, expected: &[&str]) {
    let used = calls.iam_actions();
    assert!(
        calls.unsigned_operations().is_empty(),
        "every operation has its IAM action: {:#?}",
        calls.unsigned_operations()
    );
    let expected: BTreeSet<String> = expected
        .iter()
        .chain(&SESSION_ACTIONS)
        .map(|a| a.to_string())
        .collect();
    assert_eq!(
        used,
        expected,
        "the scan's calls changed: called but not listed {:?}, listed but not called {:?}",
        used.difference(&expected).collect::<Vec<_>>(),
        expected.difference(&used).collect::<Vec<_>>()
    );
    let allowed = iam_policy_actions();
    let missing: Vec<&String> = used.iter().filter(|a| !allowed.contains(*a)).collect();
    assert!(missing.is_empty(), "docs/iam-policy.json lacks {missing:?}");
}

/// Two subnets in two zones of one VPC, and two instances (the second is stopped once it is
/// registered behind `plain-alb`).
pub struct Network {
    pub vpc: String,
    pub subnets: [String; 2],
    pub running: String,
    pub stopped: String,
}

pub async fn network(sdk: &SdkConfig) -> Network {
    let ec2 = aws_sdk_ec2::Client::new(sdk);
    let vpc = ec2
        .create_vpc()
        .cidr_block("10.8.0.0/16")
        .send()
        .await
        .expect("vpc")
        .vpc
        .and_then(|v| v.vpc_id)
        .expect("vpc id");
    let mut subnets = Vec::new();
    for (cidr, zone) in [("10.8.1.0/24", "us-east-1a"), ("10.8.2.0/24", "us-east-1b")] {
        let subnet = ec2
            .create_subnet()
            .vpc_id(&vpc)
            .cidr_block(cidr)
            .availability_zone(zone)
            .send()
            .await
            .expect("subnet");
        subnets.push(subnet.subnet.and_then(|s| s.subnet_id).expect("subnet id"));
    }
    let mut instances = Vec::new();
    for _ in 0..2 {
        let run = ec2
            .run_instances()
            .image_id(wellscan_testkit::TEST_AMI)
            .min_count(1)
            .max_count(1)
            .subnet_id(&subnets[0])
            .send()
            .await
            .expect("instance");
        instances.extend(run.instances().iter().filter_map(|i| i.instance_id.clone()));
    }
    Network {
        vpc,
        subnets: [subnets[0].clone(), subnets[1].clone()],
        running: instances[0].clone(),
        stopped: instances[1].clone(),
    }
}

/// Anyone may use it: the policy a public queue or topic has.
pub fn public_policy(service: &str, arn: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":"*","Action":"{service}:*","Resource":"{arn}"}}]}}"#
    )
}
