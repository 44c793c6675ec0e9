//! Links from a finding to its resource in the AWS console, by partition, region and kind.

use wellscan_model::{Finding, GLOBAL_REGION, ResourceKind};

/// The console page of the resource `finding` names, if wellscan knows where it lives.
pub fn url(partition: &str, finding: &Finding) -> Option<String> {
    let domain = match partition {
        "aws-cn" => "console.amazonaws.cn",
        "aws-us-gov" => "console.amazonaws-us-gov.com",
        _ => "console.aws.amazon.com",
    };
    let r = &finding.region;
    let id = encode(&finding.resource_id);
    let regional = |service: &str, fragment: String| {
        if r == GLOBAL_REGION {
            format!("https://{domain}/{service}/home#{fragment}")
        } else {
            format!("https://{r}.{domain}/{service}/home?region={r}#{fragment}")
        }
    };
    let v3 = |service: &str, fragment: String| {
        format!("https://{r}.{domain}/{service}/v3/home?region={r}#{fragment}")
    };
    let global =
        |service: &str, fragment: String| format!("https://{domain}/{service}/home#{fragment}");
    let ecs = |path: String| format!("https://{r}.{domain}/ecs/v2/{path}?region={r}");
    // `cluster/service`, `cluster/nodegroup` and `family:revision`, each part encoded on its own.
    let (first, second) = finding
        .resource_id
        .split_once(['/', ':'])
        .map(|(a, b)| (encode(a), encode(b)))
        .unwrap_or_default();
    // Every kind is named: a new kind does not build until it has its page, or says it has none.
    let kind = ResourceKind::from_id(&finding.resource_kind)?;
    Some(match kind {
        ResourceKind::Ec2Instance => regional("ec2", format!("InstanceDetails:instanceId={id}")),
        ResourceKind::EbsVolume => regional("ec2", format!("VolumeDetails:volumeId={id}")),
        ResourceKind::EbsSnapshot => regional("ec2", format!("SnapshotDetails:snapshotId={id}")),
        ResourceKind::EbsEncryptionDefault => regional("ec2", "Settings:tab=ebsEncryption".into()),
        ResourceKind::SecurityGroup => regional("ec2", format!("SecurityGroup:groupId={id}")),
        ResourceKind::ElasticIp => regional("ec2", format!("ElasticIpDetails:AllocationId={id}")),
        ResourceKind::Vpc => regional("vpcconsole", format!("VpcDetails:VpcId={id}")),
        ResourceKind::NatGateway => {
            regional("vpcconsole", format!("NatGatewayDetails:natGatewayId={id}"))
        }
        ResourceKind::RdsInstance => regional("rds", format!("database:id={id};is-cluster=false")),
        ResourceKind::RdsCluster => regional("rds", format!("database:id={id};is-cluster=true")),
        ResourceKind::LambdaFunction => regional("lambda", format!("/functions/{id}")),
        ResourceKind::CloudwatchAlarm => regional("cloudwatch", format!("alarmsV2:alarm/{id}")),
        ResourceKind::CloudwatchAlarms => regional("cloudwatch", "alarmsV2:".into()),
        ResourceKind::LogGroup => regional(
            "cloudwatch",
            format!("logsV2:log-groups/log-group/{}", encode(&id)),
        ),
        ResourceKind::CloudtrailTrail => regional(
            "cloudtrailv2",
            format!("/trails/{}", encode(&finding.resource_arn)),
        ),
        ResourceKind::KmsKey => regional("kms", format!("/kms/keys/{id}")),
        ResourceKind::DynamodbTable => regional("dynamodbv2", format!("table?name={id}")),
        ResourceKind::LoadBalancer => regional(
            "ec2",
            format!(
                "LoadBalancer:loadBalancerArn={}",
                encode(&finding.resource_arn)
            ),
        ),
        ResourceKind::AutoscalingGroup => {
            regional("ec2", format!("AutoScalingGroupDetails:id={id}"))
        }
        ResourceKind::SqsQueue => v3("sqs", format!("/queues/{}", encode(&sqs_url(finding)))),
        ResourceKind::SnsTopic => v3("sns", format!("/topic/{}", encode(&finding.resource_arn))),
        ResourceKind::Secret => regional("secretsmanager", format!("/secret?name={id}")),
        ResourceKind::Certificate => regional("acm", format!("/certificates/{id}")),
        ResourceKind::Guardduty => regional("guardduty", "/".into()),
        ResourceKind::SecurityHub => regional("securityhub", "/".into()),
        ResourceKind::ConfigRecorder => regional("config", "/settings".into()),
        ResourceKind::BackupPlans => regional("backup", "/backupplan".into()),
        ResourceKind::BackupVault => regional("backup", format!("/backupvaults/details/{id}")),
        ResourceKind::EfsFileSystem => regional("efs", format!("/file-systems/{id}")),
        ResourceKind::EcrRepository => regional(
            "ecr",
            format!("/repositories/private/{}/{id}", account(finding)),
        ),
        ResourceKind::EcsCluster => ecs(format!("clusters/{id}/services")),
        ResourceKind::EcsService => ecs(format!("clusters/{first}/services/{second}/health")),
        ResourceKind::EcsTaskDefinition => {
            ecs(format!("task-definitions/{first}/{second}/containers"))
        }
        ResourceKind::EksCluster => regional("eks", format!("/clusters/{id}")),
        ResourceKind::EksNodegroup => {
            regional("eks", format!("/clusters/{first}/nodegroups/{second}"))
        }
        ResourceKind::ElasticacheCluster => regional(
            "elasticache",
            match finding.resource_arn.contains(":replicationgroup:") {
                true => format!("/redis/{id}"),
                false => format!("/memcached/{id}"),
            },
        ),
        ResourceKind::ClassicLoadBalancer => {
            regional("ec2", format!("LoadBalancer:loadBalancerName={id}"))
        }
        ResourceKind::CloudfrontDistribution => {
            global("cloudfront/v4", format!("/distributions/{id}"))
        }
        ResourceKind::Organization => global("organizations/v2", "/accounts".to_string()),
        ResourceKind::ApiStage => regional("apigateway", format!("/apis/{first}/stages/{second}")),
        ResourceKind::CostOptimizationHub => {
            global("costmanagement", "/cost-optimization-hub".to_string())
        }
        ResourceKind::ManagedInstances => regional(
            "systems-manager",
            "/fleet-manager/managed-nodes".to_string(),
        ),
        ResourceKind::HostedZone => {
            global("route53/v2", format!("/hostedzones#ListRecordSets/{id}"))
        }
        ResourceKind::S3Bucket => format!("https://s3.{domain}/s3/buckets/{id}"),
        ResourceKind::IamUser => global("iam", format!("/users/details/{id}")),
        ResourceKind::IamRole => global("iam", format!("/roles/details/{id}")),
        ResourceKind::IamGroup => global("iam", format!("/groups/details/{id}")),
        ResourceKind::IamPolicy => global(
            "iam",
            format!("/policies/details/{}", encode(&finding.resource_arn)),
        ),
        ResourceKind::PasswordPolicy | ResourceKind::AccountSummary => {
            global("iam", "/account_settings".into())
        }
    })
}

/// The account id in the resource's ARN (`arn:aws:ecr:REGION:ACCOUNT:...`).
fn account(finding: &Finding) -> &str {
    finding.resource_arn.split(':').nth(4).unwrap_or_default()
}

/// A queue's URL, rebuilt from its ARN (`arn:aws:sqs:REGION:ACCOUNT:NAME`).
fn sqs_url(finding: &Finding) -> String {
    let parts: Vec<&str> = finding.resource_arn.split(':').collect();
    match parts.as_slice() {
        [_, _, _, region, account, name] => {
            format!("https://sqs.{region}.amazonaws.com/{account}/{name}")
        }
        _ => finding.resource_id.clone(),
    }
}

/// Percent-encodes everything but unreserved characters.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(kind: &str, region: &str, id: &str) -> Finding {
        Finding {
            id: "f-1".into(),
            check_id: "c".into(),
            pillar: wellscan_model::Pillar::Security,
            related_pillars: vec![],
            best_practice: "SEC01".into(),
            severity: wellscan_model::Severity::High,
            region: region.into(),
            resource_id: id.into(),
            resource_arn: format!("arn:aws:x:{region}:1:{id}"),
            resource_kind: kind.into(),
            resource_name: id.into(),
            title: "t".into(),
            evidence: "e".into(),
            remediation: "r".into(),
            monthly_savings_usd: None,
        }
    }

    #[test]
    fn every_resource_kind_has_a_console_link() {
        for kind in wellscan_model::ResourceKind::ALL {
            let region = if kind.service() == "iam" {
                GLOBAL_REGION
            } else {
                "eu-west-1"
            };
            let f = finding(kind.id(), region, "r-1");
            assert!(
                url("aws", &f).is_some(),
                "no console link for {}",
                kind.id()
            );
        }
    }

    #[test]
    fn links_name_the_region_and_escape_the_id() {
        assert_eq!(
            url("aws", &finding("ec2_instance", "eu-west-1", "i-1")).as_deref(),
            Some(
                "https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#InstanceDetails:instanceId=i-1"
            )
        );
        let log =
            url("aws", &finding("log_group", "us-east-1", "/aws/lambda/x")).unwrap_or_default();
        assert!(
            log.ends_with("log-group/%252Faws%252Flambda%252Fx"),
            "{log}"
        );
        let user = url("aws-cn", &finding("iam_user", "global", "ウェブ")).unwrap_or_default();
        assert!(
            user.starts_with("https://console.amazonaws.cn/iam/home#/users/details/%E3%82"),
            "{user}"
        );
        let mut queue = finding("sqs_queue", "us-east-1", "orders");
        queue.resource_arn = "arn:aws:sqs:us-east-1:111122223333:orders".into();
        assert_eq!(
            url("aws", &queue).as_deref(),
            Some(
                "https://us-east-1.console.aws.amazon.com/sqs/v3/home?region=us-east-1#/queues/https%3A%2F%2Fsqs.us-east-1.amazonaws.com%2F111122223333%2Forders"
            )
        );
        assert_eq!(
            url(
                "aws",
                &finding("ecs_service", "eu-west-1", "web/orders api")
            )
            .as_deref(),
            Some(
                "https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/web/services/orders%20api/health?region=eu-west-1"
            )
        );
        assert_eq!(
            url(
                "aws",
                &finding("ecs_task_definition", "eu-west-1", "orders:12")
            )
            .as_deref(),
            Some(
                "https://eu-west-1.console.aws.amazon.com/ecs/v2/task-definitions/orders/12/containers?region=eu-west-1"
            )
        );
        assert!(url("aws", &finding("unknown_kind", "us-east-1", "x")).is_none());
    }
}
