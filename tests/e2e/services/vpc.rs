//! Security groups and VPCs: PostgreSQL and SSH open to the internet beside a group open to the
//! VPC only; a VPC without flow logs beside one that has them.
//!
//! Left to the fixture tests: idle NAT gateways (metrics) and unassociated Elastic IPs' cost.

use aws_sdk_ec2::types::{FlowLogsResourceType, IpPermission, IpRange, Tag, TrafficType};

use super::{Account, Proof};

const PROOF: Proof = Proof {
    units: &["vpc"],
    cases: &[
        (
            "ec2.sg_open_database_ports",
            "us-east-1/db-open",
            Some("us-east-1/db-private"),
        ),
        (
            "ec2.sg_open_admin_ports",
            "us-east-1/ssh-open",
            Some("us-east-1/db-private"),
        ),
        (
            "ec2.vpc_without_flow_logs",
            "us-east-1/dark-vpc",
            Some("us-east-1/logged-vpc"),
        ),
    ],
    actions: &[
        "ec2:DescribeAddresses",
        "ec2:DescribeFlowLogs",
        "ec2:DescribeNatGateways",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeVpcs",
    ],
};

async fn seed(account: &Account) {
    let ec2 = aws_sdk_ec2::Client::new(&account.east);
    let name = |id: String, name: &'static str| {
        ec2.create_tags()
            .resources(id)
            .tags(Tag::builder().key("Name").value(name).build())
            .send()
    };
    for (group, port, cidr) in [
        ("db-open", 5432, "0.0.0.0/0"),
        ("db-private", 5432, "10.0.0.0/16"),
        ("ssh-open", 22, "0.0.0.0/0"),
    ] {
        let id = ec2
            .create_security_group()
            .group_name(group)
            .description(group)
            .send()
            .await
            .expect("sg")
            .group_id()
            .expect("id")
            .to_string();
        ec2.authorize_security_group_ingress()
            .group_id(&id)
            .ip_permissions(
                IpPermission::builder()
                    .ip_protocol("tcp")
                    .from_port(port)
                    .to_port(port)
                    .ip_ranges(IpRange::builder().cidr_ip(cidr).build())
                    .build(),
            )
            .send()
            .await
            .expect("ingress");
        name(id, group).await.expect("name the group");
    }
    for (vpc, cidr) in [("dark-vpc", "10.1.0.0/16"), ("logged-vpc", "10.2.0.0/16")] {
        let id = ec2
            .create_vpc()
            .cidr_block(cidr)
            .send()
            .await
            .expect("vpc")
            .vpc
            .and_then(|v| v.vpc_id)
            .expect("vpc id");
        name(id.clone(), vpc).await.expect("name the vpc");
        if vpc == "logged-vpc" {
            ec2.create_flow_logs()
                .resource_ids(id)
                .resource_type(FlowLogsResourceType::Vpc)
                .traffic_type(TrafficType::All)
                .log_group_name("vpc-flow-logs")
                .deliver_logs_permission_arn("arn:aws:iam::123456789012:role/flow-logs")
                .send()
                .await
                .expect("flow logs");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn vpc() {
    let account = Account::start().await;
    seed(&account).await;
    account.prove(&PROOF).await;
}
