//! The checks on load balancers, Auto Scaling, queues, topics, secrets, detective services,
//! backups, file systems and image repositories, through the real binary against moto: each
//! planted problem is found and its healthy twin beside it is not.
//!
//! The same account scanned in-process proves `docs/iam-policy.json` allows every call the
//! new collectors make.
//!
//! What moto cannot stage is left to the checks' fixture tests and the demo: certificates near
//! expiry or with short keys (moto issues RSA-2048 certificates valid for a year), secrets
//! unread for 90 days, vaults with recovery points, and file systems large enough to tier.

use std::collections::BTreeSet;

use aws_config::SdkConfig;
use aws_sdk_elasticloadbalancingv2::types::{
    Action, ActionTypeEnum, Certificate, LoadBalancerAttribute, LoadBalancerSchemeEnum,
    LoadBalancerTypeEnum, ProtocolEnum, RedirectActionConfig, RedirectActionStatusCodeEnum,
    TargetDescription,
};
use wellscan_testkit::{MotoServer, iam_policy_actions, sdk_config};

use crate::util::wellscan;

/// Two subnets in two zones of one VPC, and two instances (the second is stopped once it is
/// registered behind `plain-alb`).
struct Network {
    vpc: String,
    subnets: [String; 2],
    running: String,
    stopped: String,
}

async fn network(sdk: &SdkConfig) -> Network {
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
            .image_id("ami-12c6146b")
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

async fn load_balancers(sdk: &SdkConfig, net: &Network) {
    let elb = aws_sdk_elasticloadbalancingv2::Client::new(sdk);
    let acm = aws_sdk_acm::Client::new(sdk);
    let cert = acm
        .request_certificate()
        .domain_name("shop.example.com")
        .send()
        .await
        .expect("certificate")
        .certificate_arn
        .expect("certificate arn");
    let create = |name: &str, kind: LoadBalancerTypeEnum, scheme, subnets: &[String]| {
        elb.create_load_balancer()
            .name(name)
            .r#type(kind)
            .scheme(scheme)
            .set_subnets(Some(subnets.to_vec()))
            .send()
    };
    let mut arns = std::collections::BTreeMap::new();
    for (name, kind, scheme, subnets) in [
        (
            "good-alb",
            LoadBalancerTypeEnum::Application,
            LoadBalancerSchemeEnum::InternetFacing,
            &net.subnets[..],
        ),
        (
            "plain-alb",
            LoadBalancerTypeEnum::Application,
            LoadBalancerSchemeEnum::InternetFacing,
            &net.subnets[..],
        ),
        (
            "idle-alb",
            LoadBalancerTypeEnum::Application,
            LoadBalancerSchemeEnum::Internal,
            &net.subnets[..],
        ),
        (
            "one-zone-nlb",
            LoadBalancerTypeEnum::Network,
            LoadBalancerSchemeEnum::Internal,
            &net.subnets[..1],
        ),
        (
            "zonal-nlb",
            LoadBalancerTypeEnum::Network,
            LoadBalancerSchemeEnum::Internal,
            &net.subnets[..],
        ),
        (
            "balanced-nlb",
            LoadBalancerTypeEnum::Network,
            LoadBalancerSchemeEnum::Internal,
            &net.subnets[..],
        ),
    ] {
        let lb = create(name, kind, scheme, subnets)
            .await
            .expect("load balancer");
        let arn = lb.load_balancers()[0]
            .load_balancer_arn()
            .expect("arn")
            .to_string();
        arns.insert(name, arn);
    }
    let group = |name: &str, protocol: ProtocolEnum, port| {
        elb.create_target_group()
            .name(name)
            .protocol(protocol)
            .port(port)
            .vpc_id(&net.vpc)
            .send()
    };
    let mut groups = std::collections::BTreeMap::new();
    for (lb, tg, protocol, port, target) in [
        (
            "good-alb",
            "good-tg",
            ProtocolEnum::Http,
            80,
            Some(&net.running),
        ),
        (
            "plain-alb",
            "plain-tg",
            ProtocolEnum::Http,
            80,
            Some(&net.stopped),
        ),
        ("idle-alb", "idle-tg", ProtocolEnum::Http, 80, None),
        (
            "one-zone-nlb",
            "one-zone-tg",
            ProtocolEnum::Tcp,
            22,
            Some(&net.running),
        ),
        (
            "zonal-nlb",
            "zonal-tg",
            ProtocolEnum::Tcp,
            22,
            Some(&net.running),
        ),
        (
            "balanced-nlb",
            "balanced-tg",
            ProtocolEnum::Tcp,
            22,
            Some(&net.running),
        ),
    ] {
        let made = group(tg, protocol.clone(), port)
            .await
            .expect("target group");
        let tg_arn = made.target_groups()[0]
            .target_group_arn()
            .expect("tg arn")
            .to_string();
        if let Some(id) = target {
            elb.register_targets()
                .target_group_arn(&tg_arn)
                .targets(TargetDescription::builder().id(id).build())
                .send()
                .await
                .expect("register");
        }
        let forward = Action::builder()
            .r#type(ActionTypeEnum::Forward)
            .target_group_arn(&tg_arn)
            .build();
        let listener = elb
            .create_listener()
            .load_balancer_arn(&arns[lb])
            .protocol(protocol)
            .port(port)
            .default_actions(forward)
            .send()
            .await;
        listener.expect("listener");
        groups.insert(lb, tg_arn);
    }
    // The ALBs' TLS listeners: a modern policy on the good one, the 2016 default on the other;
    // the good one's HTTP listener redirects to HTTPS.
    for (lb, policy) in [
        ("good-alb", "ELBSecurityPolicy-TLS13-1-2-2021-06"),
        ("plain-alb", "ELBSecurityPolicy-2016-08"),
    ] {
        elb.create_listener()
            .load_balancer_arn(&arns[lb])
            .protocol(ProtocolEnum::Https)
            .port(443)
            .ssl_policy(policy)
            .certificates(Certificate::builder().certificate_arn(&cert).build())
            .default_actions(
                Action::builder()
                    .r#type(ActionTypeEnum::Forward)
                    .target_group_arn(&groups[lb])
                    .build(),
            )
            .send()
            .await
            .expect("https listener");
    }
    let listeners = elb
        .describe_listeners()
        .load_balancer_arn(&arns["good-alb"])
        .send()
        .await
        .expect("listeners");
    let http = listeners
        .listeners()
        .iter()
        .find(|l| l.port() == Some(80))
        .and_then(|l| l.listener_arn())
        .expect("http listener")
        .to_string();
    elb.modify_listener()
        .listener_arn(http)
        .default_actions(
            Action::builder()
                .r#type(ActionTypeEnum::Redirect)
                .redirect_config(
                    RedirectActionConfig::builder()
                        .protocol("HTTPS")
                        .port("443")
                        .status_code(RedirectActionStatusCodeEnum::Http301)
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .expect("redirect");
    let attribute = |k: &str, v: &str| LoadBalancerAttribute::builder().key(k).value(v).build();
    elb.modify_load_balancer_attributes()
        .load_balancer_arn(&arns["good-alb"])
        .attributes(attribute("access_logs.s3.enabled", "true"))
        .attributes(attribute("access_logs.s3.bucket", "alb-logs"))
        .attributes(attribute("deletion_protection.enabled", "true"))
        .attributes(attribute(
            "routing.http.drop_invalid_header_fields.enabled",
            "true",
        ))
        .send()
        .await
        .expect("good-alb attributes");
    elb.modify_load_balancer_attributes()
        .load_balancer_arn(&arns["balanced-nlb"])
        .attributes(attribute("load_balancing.cross_zone.enabled", "true"))
        .attributes(attribute("access_logs.s3.enabled", "true"))
        .attributes(attribute("access_logs.s3.bucket", "nlb-logs"))
        .send()
        .await
        .expect("balanced-nlb attributes");
    aws_sdk_ec2::Client::new(sdk)
        .stop_instances()
        .instance_ids(&net.stopped)
        .send()
        .await
        .expect("stop");
}

async fn autoscaling(sdk: &SdkConfig, net: &Network) {
    let asg = aws_sdk_autoscaling::Client::new(sdk);
    let ec2 = aws_sdk_ec2::Client::new(sdk);
    let elb = aws_sdk_elasticloadbalancingv2::Client::new(sdk);
    let tg = elb
        .create_target_group()
        .name("asg-tg")
        .protocol(ProtocolEnum::Http)
        .port(80)
        .vpc_id(&net.vpc)
        .send()
        .await
        .expect("asg target group");
    let tg = tg.target_groups()[0]
        .target_group_arn()
        .expect("tg")
        .to_string();
    asg.create_launch_configuration()
        .launch_configuration_name("legacy-lc")
        .image_id("ami-12c6146b")
        .instance_type("t3.micro")
        .send()
        .await
        .expect("launch configuration");
    ec2.create_launch_template()
        .launch_template_name("web-lt")
        .launch_template_data(
            aws_sdk_ec2::types::RequestLaunchTemplateData::builder()
                .image_id("ami-12c6146b")
                .instance_type(aws_sdk_ec2::types::InstanceType::T3Micro)
                .metadata_options(
                    aws_sdk_ec2::types::LaunchTemplateInstanceMetadataOptionsRequest::builder()
                        .http_tokens(aws_sdk_ec2::types::LaunchTemplateHttpTokensState::Required)
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .expect("launch template");
    asg.create_auto_scaling_group()
        .auto_scaling_group_name("legacy-asg")
        .launch_configuration_name("legacy-lc")
        .min_size(0)
        .max_size(4)
        .desired_capacity(0)
        .vpc_zone_identifier(&net.subnets[0])
        .target_group_arns(&tg)
        .send()
        .await
        .expect("legacy group");
    asg.create_auto_scaling_group()
        .auto_scaling_group_name("web-asg")
        .launch_template(
            aws_sdk_autoscaling::types::LaunchTemplateSpecification::builder()
                .launch_template_name("web-lt")
                .version("$Latest")
                .build(),
        )
        .min_size(0)
        .max_size(4)
        .desired_capacity(0)
        .vpc_zone_identifier(net.subnets.join(","))
        .target_group_arns(&tg)
        .health_check_type("ELB")
        .send()
        .await
        .expect("web group");
    asg.put_scaling_policy()
        .auto_scaling_group_name("web-asg")
        .policy_name("cpu50")
        .policy_type("TargetTrackingScaling")
        .target_tracking_configuration(
            aws_sdk_autoscaling::types::TargetTrackingConfiguration::builder()
                .predefined_metric_specification(
                    aws_sdk_autoscaling::types::PredefinedMetricSpecification::builder()
                        .predefined_metric_type(
                            aws_sdk_autoscaling::types::MetricType::AsgAverageCpuUtilization,
                        )
                        .build(),
                )
                .target_value(50.0)
                .build(),
        )
        .send()
        .await
        .expect("scaling policy");
}

/// Anyone may use it: the policy a public queue or topic has.
fn public_policy(service: &str, arn: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":"*","Action":"{service}:*","Resource":"{arn}"}}]}}"#
    )
}

async fn messaging(sdk: &SdkConfig) {
    use aws_sdk_sqs::types::QueueAttributeName as Q;
    let sqs = aws_sdk_sqs::Client::new(sdk);
    let url = |name: &str, attributes: Vec<(Q, String)>| {
        let mut create = sqs.create_queue().queue_name(name);
        for (k, v) in attributes {
            create = create.attributes(k, v);
        }
        create.send()
    };
    url("good-dlq", vec![(Q::SqsManagedSseEnabled, "true".into())])
        .await
        .expect("dlq");
    let dlq = "arn:aws:sqs:us-east-1:123456789012:good-dlq";
    let redrive = format!(r#"{{"deadLetterTargetArn":"{dlq}","maxReceiveCount":"5"}}"#);
    url(
        "good-queue",
        vec![
            (Q::SqsManagedSseEnabled, "true".into()),
            (Q::RedrivePolicy, redrive.clone()),
        ],
    )
    .await
    .expect("good queue");
    url(
        "plain-queue",
        vec![(Q::SqsManagedSseEnabled, "false".into())],
    )
    .await
    .expect("plain queue");
    let public_arn = "arn:aws:sqs:us-east-1:123456789012:public-queue";
    url(
        "public-queue",
        vec![
            (Q::SqsManagedSseEnabled, "true".into()),
            (Q::RedrivePolicy, redrive),
            (Q::Policy, public_policy("sqs", public_arn)),
        ],
    )
    .await
    .expect("public queue");

    let sns = aws_sdk_sns::Client::new(sdk);
    let topic = |name: &str, key: Option<&str>| {
        let mut create = sns.create_topic().name(name);
        if let Some(key) = key {
            create = create.attributes("KmsMasterKeyId", key);
        }
        create.send()
    };
    let good = topic("good-topic", Some("alias/aws/sns"))
        .await
        .expect("good topic")
        .topic_arn
        .expect("arn");
    let plain = topic("plain-topic", None)
        .await
        .expect("plain topic")
        .topic_arn
        .expect("arn");
    topic("silent-topic", Some("alias/aws/sns"))
        .await
        .expect("silent topic");
    sns.set_topic_attributes()
        .topic_arn(&plain)
        .attribute_name("Policy")
        .attribute_value(public_policy("sns", &plain))
        .send()
        .await
        .expect("public topic");
    for (arn, protocol, endpoint) in [
        (&good, "https", "https://hooks.example.com/orders"),
        (&plain, "http", "http://hooks.example.com/orders"),
    ] {
        sns.subscribe()
            .topic_arn(arn)
            .protocol(protocol)
            .endpoint(endpoint)
            .send()
            .await
            .expect("subscribe");
    }
}

async fn secrets_and_detection(east: &SdkConfig) {
    let sm = aws_sdk_secretsmanager::Client::new(east);
    sm.create_secret()
        .name("prod/db-password")
        .secret_string("not-a-real-password")
        .send()
        .await
        .expect("secret");

    let gd = aws_sdk_guardduty::Client::new(east);
    gd.create_detector()
        .enable(true)
        .send()
        .await
        .expect("detector");
    let hub = aws_sdk_securityhub::Client::new(east);
    hub.enable_security_hub().send().await.expect("hub");

    let s3 = aws_sdk_s3::Client::new(east);
    s3.create_bucket()
        .bucket("config-history")
        .send()
        .await
        .expect("config bucket");
    let config = aws_sdk_config::Client::new(east);
    config
        .put_configuration_recorder()
        .configuration_recorder(
            aws_sdk_config::types::ConfigurationRecorder::builder()
                .name("default")
                .role_arn("arn:aws:iam::123456789012:role/config")
                .recording_group(
                    aws_sdk_config::types::RecordingGroup::builder()
                        .all_supported(true)
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .expect("recorder");
    config
        .put_delivery_channel()
        .delivery_channel(
            aws_sdk_config::types::DeliveryChannel::builder()
                .name("default")
                .s3_bucket_name("config-history")
                .build(),
        )
        .send()
        .await
        .expect("delivery channel");
    config
        .start_configuration_recorder()
        .configuration_recorder_name("default")
        .send()
        .await
        .expect("start recorder");
}

async fn storage(east: &SdkConfig, west: &SdkConfig) {
    let backup = aws_sdk_backup::Client::new(east);
    let plan = backup
        .create_backup_plan()
        .backup_plan(
            aws_sdk_backup::types::BackupPlanInput::builder()
                .backup_plan_name("daily")
                .rules(
                    aws_sdk_backup::types::BackupRuleInput::builder()
                        .rule_name("daily")
                        .target_backup_vault_name("Default")
                        .build()
                        .expect("rule"),
                )
                .build()
                .expect("plan"),
        )
        .send()
        .await
        .expect("backup plan");
    // The plan assigns what is tagged Backup=daily (moto has no selections: the emulator's fake).
    backup
        .create_backup_selection()
        .backup_plan_id(plan.backup_plan_id().expect("plan id"))
        .backup_selection(
            aws_sdk_backup::types::BackupSelection::builder()
                .selection_name("tagged-daily")
                .iam_role_arn("arn:aws:iam::123456789012:role/backup")
                .list_of_tags(
                    aws_sdk_backup::types::Condition::builder()
                        .condition_type(aws_sdk_backup::types::ConditionType::Stringequals)
                        .condition_key("Backup")
                        .condition_value("daily")
                        .build()
                        .expect("condition"),
                )
                .build()
                .expect("selection"),
        )
        .send()
        .await
        .expect("backup selection");
    // A table in each region: us-east-1 has a plan, us-west-2 has none.
    for sdk in [east, west] {
        let ddb = aws_sdk_dynamodb::Client::new(sdk);
        ddb.create_table()
            .table_name("shipments")
            .billing_mode(aws_sdk_dynamodb::types::BillingMode::PayPerRequest)
            .key_schema(
                aws_sdk_dynamodb::types::KeySchemaElement::builder()
                    .attribute_name("id")
                    .key_type(aws_sdk_dynamodb::types::KeyType::Hash)
                    .build()
                    .expect("key"),
            )
            .attribute_definitions(
                aws_sdk_dynamodb::types::AttributeDefinition::builder()
                    .attribute_name("id")
                    .attribute_type(aws_sdk_dynamodb::types::ScalarAttributeType::S)
                    .build()
                    .expect("attribute"),
            )
            .send()
            .await
            .expect("table");
    }

    let efs = aws_sdk_efs::Client::new(east);
    // The third has automatic backups off and is backed up by the plan, through its tag.
    for (token, encrypted, backup) in [
        ("plain-fs", false, false),
        ("sealed-fs", true, true),
        ("planned-fs", true, false),
    ] {
        let tag = |key: &str, value: &str| {
            aws_sdk_efs::types::Tag::builder()
                .key(key)
                .value(value)
                .build()
                .expect("tag")
        };
        let mut create = efs
            .create_file_system()
            .creation_token(token)
            .encrypted(encrypted)
            // Automatic backups, as CreateFileSystem turns them on.
            .backup(backup)
            .tags(tag("Name", token));
        if token == "planned-fs" {
            create = create.tags(tag("Backup", "daily"));
        }
        create.send().await.expect("file system");
    }

    let ecr = aws_sdk_ecr::Client::new(east);
    ecr.create_repository()
        .repository_name("plain-repo")
        .send()
        .await
        .expect("plain repo");
    ecr.create_repository()
        .repository_name("good-repo")
        .image_tag_mutability(aws_sdk_ecr::types::ImageTagMutability::Immutable)
        .image_scanning_configuration(
            aws_sdk_ecr::types::ImageScanningConfiguration::builder()
                .scan_on_push(true)
                .build(),
        )
        .send()
        .await
        .expect("good repo");
    // The registry scans `scanned-*` on push, whatever the repository's own setting says.
    ecr.put_registry_scanning_configuration()
        .scan_type(aws_sdk_ecr::types::ScanType::Basic)
        .rules(
            aws_sdk_ecr::types::RegistryScanningRule::builder()
                .scan_frequency(aws_sdk_ecr::types::ScanFrequency::ScanOnPush)
                .repository_filters(
                    aws_sdk_ecr::types::ScanningRepositoryFilter::builder()
                        .filter("scanned-*")
                        .filter_type(aws_sdk_ecr::types::ScanningRepositoryFilterType::Wildcard)
                        .build()
                        .expect("filter"),
                )
                .build()
                .expect("rule"),
        )
        .send()
        .await
        .expect("registry scanning");
    ecr.create_repository()
        .repository_name("scanned-by-registry")
        .send()
        .await
        .expect("repo the registry scans");
    ecr.put_lifecycle_policy()
        .repository_name("good-repo")
        .lifecycle_policy_text(
            r#"{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":7},"action":{"type":"expire"}}]}"#,
        )
        .send()
        .await
        .expect("lifecycle policy");
}

/// Scans the seeded account in-process with a call log: every call the new collectors made
/// (and each of them did make its calls) is allowed by the read-only policy users attach.
async fn assert_policy_covers_the_calls(endpoint: &str) {
    let sdk = sdk_config(endpoint, "us-east-1").await;
    let calls = wellscan_scanner::CallLog::new();
    let options = wellscan_scanner::Options {
        regions: Some(vec!["us-east-1".into(), "us-west-2".into()]),
        calls: Some(calls.clone()),
        ..Default::default()
    };
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    wellscan_scanner::scan(&sdk, &options, &tx)
        .await
        .expect("scan");
    let used: BTreeSet<String> = calls.iam_actions();
    let allowed = iam_policy_actions();
    let missing: Vec<&String> = used.iter().filter(|a| !allowed.contains(*a)).collect();
    assert!(missing.is_empty(), "docs/iam-policy.json lacks {missing:?}");
    for action in [
        "elasticloadbalancing:DescribeListeners",
        "elasticloadbalancing:DescribeLoadBalancerAttributes",
        "elasticloadbalancing:DescribeTargetHealth",
        "elasticloadbalancing:DescribeTags",
        "autoscaling:DescribePolicies",
        "autoscaling:DescribeLaunchConfigurations",
        "ec2:DescribeLaunchTemplateVersions",
        "sqs:GetQueueAttributes",
        "sqs:ListQueueTags",
        "sns:GetTopicAttributes",
        "sns:ListSubscriptionsByTopic",
        "sns:ListTagsForResource",
        "secretsmanager:ListSecrets",
        "acm:DescribeCertificate",
        "acm:ListTagsForCertificate",
        "guardduty:GetDetector",
        "securityhub:DescribeHub",
        "config:DescribeConfigurationRecorderStatus",
        "backup:ListBackupPlans",
        "backup:ListBackupSelections",
        "backup:GetBackupSelection",
        "backup:ListBackupVaults",
        "elasticfilesystem:DescribeBackupPolicy",
        "elasticfilesystem:DescribeLifecycleConfiguration",
        "ecr:GetLifecyclePolicy",
        "ecr:GetRegistryScanningConfiguration",
        "ecr:ListTagsForResource",
    ] {
        assert!(
            used.contains(action),
            "the scan never called {action}: {used:#?}"
        );
    }
}

#[test]
fn planted_service_problems_are_found_and_their_healthy_twins_are_not() {
    let moto = MotoServer::start().expect("moto starts");
    let endpoint = moto.endpoint();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let east = sdk_config(&endpoint, "us-east-1").await;
        let west = sdk_config(&endpoint, "us-west-2").await;
        let net = network(&east).await;
        load_balancers(&east, &net).await;
        autoscaling(&east, &net).await;
        messaging(&east).await;
        secrets_and_detection(&east).await;
        storage(&east, &west).await;
    });
    runtime.block_on(assert_policy_covers_the_calls(&endpoint));
    let run = wellscan(&[
        "scan",
        "--endpoint-url",
        &endpoint,
        "--regions",
        "us-east-1,us-west-2",
        "--quiet",
        "--no-history",
        "--format",
        "json",
        "--out",
        "{tmp}/r",
    ]);
    run.assert_code(0);
    let a = run.json(&run.tmp.path().join("r/assessment.json"));
    let failing: BTreeSet<(String, String)> = a["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let name = f["resource_name"].as_str().unwrap_or_default();
            let region = f["region"].as_str().unwrap_or_default();
            (
                f["check_id"].as_str().unwrap_or_default().to_string(),
                format!("{region}/{name}"),
            )
        })
        .collect();
    let fails =
        |check: &str, resource: &str| failing.contains(&(check.to_string(), resource.to_string()));
    // (check, planted problem, healthy twin); resources as region/name.
    let cases: &[(&str, &str, Option<&str>)] = &[
        (
            "elbv2.http_without_redirect",
            "us-east-1/plain-alb",
            Some("us-east-1/good-alb"),
        ),
        (
            "elbv2.outdated_tls_policy",
            "us-east-1/plain-alb",
            Some("us-east-1/good-alb"),
        ),
        (
            "elbv2.access_logs_off",
            "us-east-1/plain-alb",
            Some("us-east-1/good-alb"),
        ),
        (
            "elbv2.deletion_protection_off",
            "us-east-1/plain-alb",
            Some("us-east-1/good-alb"),
        ),
        (
            "elbv2.drop_invalid_headers_off",
            "us-east-1/plain-alb",
            Some("us-east-1/good-alb"),
        ),
        (
            "elbv2.no_healthy_targets",
            "us-east-1/plain-alb",
            Some("us-east-1/good-alb"),
        ),
        (
            "elbv2.idle",
            "us-east-1/idle-alb",
            Some("us-east-1/good-alb"),
        ),
        (
            "elbv2.single_az",
            "us-east-1/one-zone-nlb",
            Some("us-east-1/zonal-nlb"),
        ),
        (
            "elbv2.cross_zone_off",
            "us-east-1/zonal-nlb",
            Some("us-east-1/balanced-nlb"),
        ),
        (
            "autoscaling.single_az",
            "us-east-1/legacy-asg",
            Some("us-east-1/web-asg"),
        ),
        (
            "autoscaling.ec2_health_check_behind_lb",
            "us-east-1/legacy-asg",
            Some("us-east-1/web-asg"),
        ),
        (
            "autoscaling.imdsv1_allowed",
            "us-east-1/legacy-asg",
            Some("us-east-1/web-asg"),
        ),
        (
            "autoscaling.launch_configuration",
            "us-east-1/legacy-asg",
            Some("us-east-1/web-asg"),
        ),
        (
            "autoscaling.no_scaling_policy",
            "us-east-1/legacy-asg",
            Some("us-east-1/web-asg"),
        ),
        (
            "sqs.queue_unencrypted",
            "us-east-1/plain-queue",
            Some("us-east-1/good-queue"),
        ),
        (
            "sqs.queue_without_dlq",
            "us-east-1/plain-queue",
            Some("us-east-1/good-queue"),
        ),
        (
            "sqs.queue_public",
            "us-east-1/public-queue",
            Some("us-east-1/good-queue"),
        ),
        (
            "sns.topic_unencrypted",
            "us-east-1/plain-topic",
            Some("us-east-1/good-topic"),
        ),
        (
            "sns.topic_public",
            "us-east-1/plain-topic",
            Some("us-east-1/good-topic"),
        ),
        (
            "sns.http_subscription",
            "us-east-1/plain-topic",
            Some("us-east-1/good-topic"),
        ),
        (
            "sns.topic_without_subscriptions",
            "us-east-1/silent-topic",
            Some("us-east-1/good-topic"),
        ),
        (
            "secretsmanager.rotation_off",
            "us-east-1/prod/db-password",
            None,
        ),
        ("guardduty.disabled", "us-west-2/guardduty", None),
        (
            "securityhub.disabled",
            "us-west-2/securityhub",
            Some("us-east-1/securityhub"),
        ),
        (
            "config.recorder_off",
            "us-west-2/config",
            Some("us-east-1/default"),
        ),
        (
            "backup.region_without_plan",
            "us-west-2/backup-plans",
            Some("us-east-1/backup-plans"),
        ),
        (
            "efs.unencrypted",
            "us-east-1/plain-fs",
            Some("us-east-1/sealed-fs"),
        ),
        (
            "efs.backup_off",
            "us-east-1/plain-fs",
            Some("us-east-1/sealed-fs"),
        ),
        (
            "efs.backup_off",
            "us-east-1/plain-fs",
            Some("us-east-1/planned-fs"),
        ),
        (
            "ecr.scan_on_push_off",
            "us-east-1/plain-repo",
            Some("us-east-1/good-repo"),
        ),
        (
            "ecr.scan_on_push_off",
            "us-east-1/plain-repo",
            Some("us-east-1/scanned-by-registry"),
        ),
        (
            "ecr.tags_mutable",
            "us-east-1/plain-repo",
            Some("us-east-1/good-repo"),
        ),
        (
            "ecr.no_lifecycle_policy",
            "us-east-1/plain-repo",
            Some("us-east-1/good-repo"),
        ),
    ];
    let mut wrong = Vec::new();
    for (check, problem, twin) in cases {
        if !fails(check, problem) {
            wrong.push(format!("{check} missed {problem}"));
        }
        if let Some(twin) = twin
            && fails(check, twin)
        {
            wrong.push(format!("{check} flagged the healthy {twin}"));
        }
    }
    let gaps = &a["coverage_gaps"];
    assert!(
        wrong.is_empty(),
        "{wrong:#?}\nfindings: {failing:#?}\ngaps: {gaps}"
    );
    // us-east-1's detector is on, so GuardDuty is judged there too.
    assert!(
        !failing
            .iter()
            .any(|(c, r)| c == "guardduty.disabled" && r.starts_with("us-east-1"))
    );
}
