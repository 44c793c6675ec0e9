//! EKS: a cluster open to the internet, without the audit log or its own KMS key, on a version
//! long past standard support, beside a private, audited, keyed cluster on a version newer than
//! wellscan's calendar; an x86 node group pinned to one size beside a Graviton one that scales.

use aws_sdk_eks::types::{
    AmiTypes, EncryptionConfig, LogSetup, LogType, Logging, NodegroupScalingConfig, Provider,
    VpcConfigRequest,
};

use super::{Account, Proof, network};

const PROOF: Proof = Proof {
    units: &["eks"],
    cases: &[
        (
            "eks.endpoint_public_open",
            "us-east-1/open-cluster",
            Some("us-east-1/tight-cluster"),
        ),
        (
            "eks.audit_logs_off",
            "us-east-1/open-cluster",
            Some("us-east-1/tight-cluster"),
        ),
        (
            "eks.no_customer_key",
            "us-east-1/open-cluster",
            Some("us-east-1/tight-cluster"),
        ),
        (
            "eks.version_past_standard_support",
            "us-east-1/open-cluster",
            Some("us-east-1/tight-cluster"),
        ),
        (
            "eks.nodegroup_fixed_size",
            "us-east-1/open-cluster/pinned",
            Some("us-east-1/tight-cluster/elastic"),
        ),
        (
            "eks.nodegroup_graviton_candidate",
            "us-east-1/open-cluster/pinned",
            Some("us-east-1/tight-cluster/elastic"),
        ),
    ],
    actions: &[
        "eks:DescribeCluster",
        "eks:DescribeNodegroup",
        "eks:ListClusters",
        "eks:ListNodegroups",
    ],
};

const ROLE: &str = "arn:aws:iam::123456789012:role/eks";

async fn seed(account: &Account) {
    let net = network(&account.east).await;
    let eks = aws_sdk_eks::Client::new(&account.east);
    for (name, open, version) in [
        ("open-cluster", true, "1.24"),
        ("tight-cluster", false, "1.99"),
    ] {
        let mut create = eks
            .create_cluster()
            .name(name)
            .version(version)
            .role_arn(ROLE)
            .resources_vpc_config(
                VpcConfigRequest::builder()
                    .set_subnet_ids(Some(net.subnets.to_vec()))
                    .endpoint_public_access(open)
                    .endpoint_private_access(!open)
                    .public_access_cidrs("0.0.0.0/0")
                    .build(),
            );
        if !open {
            create = create
                .logging(
                    Logging::builder()
                        .cluster_logging(
                            LogSetup::builder()
                                .types(LogType::Api)
                                .types(LogType::Audit)
                                .types(LogType::Authenticator)
                                .enabled(true)
                                .build(),
                        )
                        .build(),
                )
                .encryption_config(
                    EncryptionConfig::builder()
                        .provider(
                            Provider::builder()
                                .key_arn("arn:aws:kms:us-east-1:123456789012:key/eks")
                                .build(),
                        )
                        .build(),
                );
        }
        create.send().await.expect("cluster");
    }
    for (cluster, group, ami, kind, min, max) in [
        (
            "open-cluster",
            "pinned",
            AmiTypes::Al2X8664,
            "m5.large",
            2,
            2,
        ),
        (
            "tight-cluster",
            "elastic",
            AmiTypes::Al2Arm64,
            "m7g.large",
            1,
            4,
        ),
    ] {
        eks.create_nodegroup()
            .cluster_name(cluster)
            .nodegroup_name(group)
            .node_role(ROLE)
            .set_subnets(Some(net.subnets.to_vec()))
            .ami_type(ami)
            .instance_types(kind)
            .scaling_config(
                NodegroupScalingConfig::builder()
                    .min_size(min)
                    .max_size(max)
                    .desired_size(min)
                    .build(),
            )
            .send()
            .await
            .expect("node group");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eks() {
    let account = Account::start().await;
    seed(&account).await;
    account.prove(&PROOF).await;
}
