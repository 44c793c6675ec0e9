//! EBS: an unencrypted gp2 volume attached to nothing, with an unencrypted snapshot, beside an
//! encrypted gp3 volume in use with an encrypted snapshot; encryption by default on in
//! us-east-1 and off in us-west-2.
//!
//! Left to the fixture tests: public and old snapshots (moto cannot date a snapshot back) and
//! volumes of stopped instances.

use aws_sdk_ec2::types::{ResourceType, Tag, TagSpecification, VolumeType};

use super::{Account, Proof};

const PROOF: Proof = Proof {
    units: &["ebs"],
    cases: &[
        (
            "ebs.volume_unencrypted",
            "us-east-1/plain-vol",
            Some("us-east-1/sealed-vol"),
        ),
        (
            "ebs.gp2_volume",
            "us-east-1/plain-vol",
            Some("us-east-1/sealed-vol"),
        ),
        (
            "ebs.volume_unattached",
            "us-east-1/plain-vol",
            Some("us-east-1/sealed-vol"),
        ),
        (
            "ebs.snapshot_unencrypted",
            "us-east-1/plain-snap",
            Some("us-east-1/sealed-snap"),
        ),
        (
            "ebs.encryption_by_default_off",
            "us-west-2/ebs-encryption-by-default",
            Some("us-east-1/ebs-encryption-by-default"),
        ),
    ],
    actions: &[
        "ec2:DescribeSnapshots",
        "ec2:DescribeVolumes",
        "ec2:GetEbsEncryptionByDefault",
    ],
};

fn named(kind: ResourceType, name: &str) -> TagSpecification {
    TagSpecification::builder()
        .resource_type(kind)
        .tags(Tag::builder().key("Name").value(name).build())
        .build()
}

async fn seed(account: &Account) {
    let ec2 = aws_sdk_ec2::Client::new(&account.east);
    let instance = ec2
        .run_instances()
        .image_id(wellscan_testkit::TEST_AMI)
        .min_count(1)
        .max_count(1)
        .placement(
            aws_sdk_ec2::types::Placement::builder()
                .availability_zone("us-east-1a")
                .build(),
        )
        .send()
        .await
        .expect("instance")
        .instances()
        .first()
        .and_then(|i| i.instance_id())
        .expect("instance id")
        .to_string();
    for (volume, snapshot, kind, encrypted) in [
        ("plain-vol", "plain-snap", VolumeType::Gp2, false),
        ("sealed-vol", "sealed-snap", VolumeType::Gp3, true),
    ] {
        let id = ec2
            .create_volume()
            .availability_zone("us-east-1a")
            .size(50)
            .volume_type(kind)
            .encrypted(encrypted)
            .tag_specifications(named(ResourceType::Volume, volume))
            .send()
            .await
            .expect("volume")
            .volume_id()
            .expect("volume id")
            .to_string();
        ec2.create_snapshot()
            .volume_id(&id)
            .tag_specifications(named(ResourceType::Snapshot, snapshot))
            .send()
            .await
            .expect("snapshot");
        if encrypted {
            ec2.attach_volume()
                .volume_id(&id)
                .instance_id(&instance)
                .device("/dev/sdf")
                .send()
                .await
                .expect("attach");
        }
    }
    // After the volumes: with it on, an unencrypted volume cannot be made.
    ec2.enable_ebs_encryption_by_default()
        .send()
        .await
        .expect("encryption by default");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ebs() {
    let account = Account::start().await;
    seed(&account).await;
    account.prove(&PROOF).await;
}
