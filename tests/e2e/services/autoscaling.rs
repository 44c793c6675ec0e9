//! Auto Scaling: a group on a launch configuration in one zone, with EC2 health checks behind a
//! load balancer, IMDSv1 and no scaling policy, beside a group with none of those.

use aws_sdk_elasticloadbalancingv2::types::ProtocolEnum;

use super::{Account, Proof, network};

const PROOF: Proof = Proof {
    units: &["autoscaling"],
    cases: &[
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
    ],
    actions: &[
        "autoscaling:DescribeAutoScalingGroups",
        "autoscaling:DescribeLaunchConfigurations",
        "autoscaling:DescribePolicies",
        "ec2:DescribeLaunchTemplateVersions",
    ],
};

async fn seed(account: &Account) {
    let sdk = &account.east;
    let net = network(sdk).await;
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
        .image_id(wellscan_testkit::TEST_AMI)
        .instance_type("t3.micro")
        .send()
        .await
        .expect("launch configuration");
    ec2.create_launch_template()
        .launch_template_name("web-lt")
        .launch_template_data(
            aws_sdk_ec2::types::RequestLaunchTemplateData::builder()
                .image_id(wellscan_testkit::TEST_AMI)
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autoscaling() {
    let account = Account::start().await;
    seed(&account).await;
    account.prove(&PROOF).await;
}
