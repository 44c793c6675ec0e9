//! Classic Load Balancers: one open to the internet in clear text, on a TLS 1.0 policy, in one
//! zone, without logs, cross-zone balancing or draining, whose only instance is stopped, beside
//! one with none of those problems; and one nothing is registered behind.

use aws_sdk_elasticloadbalancing::types::{
    AccessLog, ConnectionDraining, CrossZoneLoadBalancing, Instance, Listener,
    LoadBalancerAttributes, PolicyAttribute,
};

use super::{Account, Proof, network};

const PROOF: Proof = Proof {
    units: &["elb"],
    cases: &[
        ("elb.classic_load_balancer", "us-east-1/old-clb", None),
        (
            "elb.plain_listener",
            "us-east-1/old-clb",
            Some("us-east-1/good-clb"),
        ),
        (
            "elb.outdated_tls_policy",
            "us-east-1/old-clb",
            Some("us-east-1/good-clb"),
        ),
        (
            "elb.access_logs_off",
            "us-east-1/old-clb",
            Some("us-east-1/good-clb"),
        ),
        (
            "elb.cross_zone_off",
            "us-east-1/old-clb",
            Some("us-east-1/good-clb"),
        ),
        (
            "elb.connection_draining_off",
            "us-east-1/old-clb",
            Some("us-east-1/good-clb"),
        ),
        (
            "elb.single_az",
            "us-east-1/old-clb",
            Some("us-east-1/good-clb"),
        ),
        (
            "elb.no_healthy_instances",
            "us-east-1/old-clb",
            Some("us-east-1/good-clb"),
        ),
        ("elb.idle", "us-east-1/idle-clb", Some("us-east-1/good-clb")),
    ],
    actions: &[
        "elasticloadbalancing:DescribeInstanceHealth",
        "elasticloadbalancing:DescribeLoadBalancerAttributes",
        "elasticloadbalancing:DescribeLoadBalancerPolicies",
        "elasticloadbalancing:DescribeLoadBalancers",
        "elasticloadbalancing:DescribeTags",
    ],
};

async fn seed(account: &Account) {
    let net = network(&account.east).await;
    let certificate = aws_sdk_acm::Client::new(&account.east)
        .request_certificate()
        .domain_name("legacy.example.com")
        .send()
        .await
        .expect("certificate")
        .certificate_arn
        .expect("certificate arn");
    let elb = aws_sdk_elasticloadbalancing::Client::new(&account.east);
    let listener = |protocol: &str, port| {
        let mut l = Listener::builder()
            .protocol(protocol)
            .load_balancer_port(port)
            .instance_port(8080);
        if protocol == "HTTPS" {
            l = l.ssl_certificate_id(&certificate);
        }
        l.build().expect("listener")
    };
    for (name, zones, listeners, instance) in [
        (
            "old-clb",
            vec!["us-east-1a"],
            vec![listener("HTTP", 80), listener("HTTPS", 443)],
            Some(&net.stopped),
        ),
        (
            "good-clb",
            vec!["us-east-1a", "us-east-1b"],
            vec![listener("HTTPS", 443)],
            Some(&net.running),
        ),
        (
            "idle-clb",
            vec!["us-east-1a", "us-east-1b"],
            vec![listener("HTTPS", 443)],
            None,
        ),
    ] {
        elb.create_load_balancer()
            .load_balancer_name(name)
            .set_availability_zones(Some(zones.into_iter().map(String::from).collect()))
            .set_listeners(Some(listeners))
            .send()
            .await
            .expect("load balancer");
        if let Some(id) = instance {
            elb.register_instances_with_load_balancer()
                .load_balancer_name(name)
                .instances(Instance::builder().instance_id(id).build())
                .send()
                .await
                .expect("register");
        }
        let policy = if name == "old-clb" {
            "ELBSecurityPolicy-2016-08"
        } else {
            "ELBSecurityPolicy-TLS-1-2-2017-01"
        };
        elb.create_load_balancer_policy()
            .load_balancer_name(name)
            .policy_name("tls")
            .policy_type_name("SSLNegotiationPolicyType")
            .policy_attributes(
                PolicyAttribute::builder()
                    .attribute_name("Reference-Security-Policy")
                    .attribute_value(policy)
                    .build(),
            )
            .send()
            .await
            .expect("policy");
        elb.set_load_balancer_policies_of_listener()
            .load_balancer_name(name)
            .load_balancer_port(443)
            .policy_names("tls")
            .send()
            .await
            .expect("listener policy");
    }
    elb.modify_load_balancer_attributes()
        .load_balancer_name("good-clb")
        .load_balancer_attributes(
            LoadBalancerAttributes::builder()
                .access_log(
                    AccessLog::builder()
                        .enabled(true)
                        .s3_bucket_name("clb-logs")
                        .build(),
                )
                .cross_zone_load_balancing(CrossZoneLoadBalancing::builder().enabled(true).build())
                .connection_draining(
                    ConnectionDraining::builder()
                        .enabled(true)
                        .timeout(300)
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .expect("attributes");
    aws_sdk_ec2::Client::new(&account.east)
        .stop_instances()
        .instance_ids(&net.stopped)
        .send()
        .await
        .expect("stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn elb() {
    let account = Account::start().await;
    seed(&account).await;
    account.prove(&PROOF).await;
}
