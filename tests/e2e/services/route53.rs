//! Route 53: a public zone that does not sign its answers, logs no queries and fails over from
//! a primary nothing checks, beside one that signs (the emulator keeps DNSSEC signing, which
//! moto lacks), logs to CloudWatch Logs and has a health check behind its primary; and a
//! private zone, which neither DNSSEC nor query logging judges.

use aws_sdk_route53::types::{
    Change, ChangeAction, ChangeBatch, HealthCheckConfig, HealthCheckType, HostedZoneConfig,
    ResourceRecord, ResourceRecordSet, ResourceRecordSetFailover, RrType, Tag, TagResourceType,
    Vpc, VpcRegion,
};

use super::{Account, Proof};

const PROOF: Proof = Proof {
    units: &["route53"],
    cases: &[
        (
            "route53.dnssec_off",
            "global/route53-planted",
            Some("global/route53-healthy"),
        ),
        (
            "route53.query_logging_off",
            "global/route53-planted",
            Some("global/route53-healthy"),
        ),
        (
            "route53.failover_unchecked",
            "global/route53-planted",
            Some("global/route53-healthy"),
        ),
    ],
    actions: &[
        "route53:GetDNSSEC",
        "route53:ListHostedZones",
        "route53:ListQueryLoggingConfigs",
        "route53:ListResourceRecordSets",
        "route53:ListTagsForResources",
    ],
};

/// A hosted zone named `domain`, tagged `Name=name`; private to a new VPC when `private`.
async fn zone(account: &Account, domain: &str, name: &str, private: bool) -> String {
    let route53 = aws_sdk_route53::Client::new(&account.east);
    let mut create = route53
        .create_hosted_zone()
        .name(domain)
        .caller_reference(name);
    if private {
        let vpc = aws_sdk_ec2::Client::new(&account.east)
            .create_vpc()
            .cidr_block("10.40.0.0/16")
            .send()
            .await
            .expect("vpc")
            .vpc
            .and_then(|v| v.vpc_id)
            .expect("vpc id");
        create = create
            .hosted_zone_config(HostedZoneConfig::builder().private_zone(true).build())
            .vpc(
                Vpc::builder()
                    .vpc_id(vpc)
                    .vpc_region(VpcRegion::UsEast1)
                    .build(),
            );
    }
    let id = create
        .send()
        .await
        .expect("hosted zone")
        .hosted_zone
        .expect("zone")
        .id
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string();
    route53
        .change_tags_for_resource()
        .resource_type(TagResourceType::Hostedzone)
        .resource_id(&id)
        .add_tags(Tag::builder().key("Name").value(name).build())
        .send()
        .await
        .expect("zone tags");
    id
}

/// A primary and a secondary A record for `api.{domain}`, the primary behind `health_check`.
async fn failover_pair(
    account: &Account,
    zone_id: &str,
    domain: &str,
    health_check: Option<String>,
) {
    let record = |role: ResourceRecordSetFailover, address: &str, check: Option<String>| {
        let set = ResourceRecordSet::builder()
            .name(format!("api.{domain}"))
            .r#type(RrType::A)
            .set_identifier(role.as_str().to_lowercase())
            .failover(role)
            .ttl(60)
            .resource_records(
                ResourceRecord::builder()
                    .value(address)
                    .build()
                    .expect("record"),
            )
            .set_health_check_id(check)
            .build()
            .expect("record set");
        Change::builder()
            .action(ChangeAction::Create)
            .resource_record_set(set)
            .build()
            .expect("change")
    };
    aws_sdk_route53::Client::new(&account.east)
        .change_resource_record_sets()
        .hosted_zone_id(zone_id)
        .change_batch(
            ChangeBatch::builder()
                .changes(record(
                    ResourceRecordSetFailover::Primary,
                    "198.51.100.10",
                    health_check,
                ))
                .changes(record(
                    ResourceRecordSetFailover::Secondary,
                    "198.51.100.20",
                    None,
                ))
                .build()
                .expect("batch"),
        )
        .send()
        .await
        .expect("failover records");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn route53() {
    let account = Account::start().await;
    let route53 = aws_sdk_route53::Client::new(&account.east);

    let planted = zone(&account, "planted.example", "route53-planted", false).await;
    failover_pair(&account, &planted, "planted.example", None).await;

    let healthy = zone(&account, "healthy.example", "route53-healthy", false).await;
    let check = route53
        .create_health_check()
        .caller_reference("healthy-primary")
        .health_check_config(
            HealthCheckConfig::builder()
                .r#type(HealthCheckType::Https)
                .fully_qualified_domain_name("primary.healthy.example")
                .resource_path("/health")
                .build()
                .expect("health check config"),
        )
        .send()
        .await
        .expect("health check")
        .health_check
        .map(|h| h.id)
        .expect("health check id");
    failover_pair(&account, &healthy, "healthy.example", Some(check)).await;
    route53
        .enable_hosted_zone_dnssec()
        .hosted_zone_id(&healthy)
        .send()
        .await
        .expect("dnssec signing");
    let log_group = "/aws/route53/healthy.example";
    aws_sdk_cloudwatchlogs::Client::new(&account.east)
        .create_log_group()
        .log_group_name(log_group)
        .send()
        .await
        .expect("log group");
    route53
        .create_query_logging_config()
        .hosted_zone_id(&healthy)
        .cloud_watch_logs_log_group_arn(format!(
            "arn:aws:logs:us-east-1:123456789012:log-group:{log_group}:*"
        ))
        .send()
        .await
        .expect("query logging");

    zone(&account, "internal.example", "route53-private", true).await;

    let scanned = account.prove(&PROOF).await;
    assert!(
        scanned.read("global/route53-private"),
        "the private zone is read"
    );
    for check in ["route53.dnssec_off", "route53.query_logging_off"] {
        assert!(
            !scanned.fails(check, "global/route53-private"),
            "{check} does not judge a private zone"
        );
    }
}
