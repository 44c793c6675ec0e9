//! Application and Network Load Balancers: plain HTTP, a 2016 TLS policy, no access logs, no
//! deletion protection, invalid headers passed on and a stopped target, beside an ALB with none
//! of those; an ALB with no targets; an NLB in one zone and one without cross-zone balancing.
//!
//! Left to the fixture tests: load balancers idle by their request metrics.

use aws_sdk_elasticloadbalancingv2::types::{
    Action, ActionTypeEnum, Certificate, LoadBalancerAttribute, LoadBalancerSchemeEnum,
    LoadBalancerTypeEnum, ProtocolEnum, RedirectActionConfig, RedirectActionStatusCodeEnum,
    TargetDescription,
};

use super::{Account, Proof, network};

const PROOF: Proof = Proof {
    units: &["elbv2"],
    cases: &[
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
    ],
    actions: &[
        "elasticloadbalancing:DescribeListeners",
        "elasticloadbalancing:DescribeLoadBalancerAttributes",
        "elasticloadbalancing:DescribeLoadBalancers",
        "elasticloadbalancing:DescribeTags",
        "elasticloadbalancing:DescribeTargetGroups",
        "elasticloadbalancing:DescribeTargetHealth",
    ],
};

async fn seed(account: &Account) {
    let sdk = &account.east;
    let net = network(sdk).await;
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn elbv2() {
    let account = Account::start().await;
    seed(&account).await;
    account.prove(&PROOF).await;
}
