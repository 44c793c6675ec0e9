//! S3: a bucket without default encryption, classification or cost allocation tags, whose
//! lifecycle rule only expires objects, beside one with SSE-KMS, both tags and a rule that also
//! aborts incomplete multipart uploads.
//!
//! Left to the fixture tests: public buckets and the account's public access block (moto
//! answers the S3 Control API only in part).

use aws_sdk_s3::types::{
    AbortIncompleteMultipartUpload, BucketLifecycleConfiguration, ExpirationStatus,
    LifecycleExpiration, LifecycleRule, LifecycleRuleFilter,
};

use super::{Account, Proof};

const PROOF: Proof = Proof {
    units: &["s3"],
    cases: &[
        (
            "s3.default_encryption_off",
            "us-east-1/plain-bucket",
            Some("us-east-1/sealed-bucket"),
        ),
        // The tag checks judge every data store; a bucket is the one S3 stages.
        (
            "tags.data_unclassified",
            "us-east-1/plain-bucket",
            Some("us-east-1/sealed-bucket"),
        ),
        (
            "tags.no_cost_allocation",
            "us-east-1/plain-bucket",
            Some("us-east-1/sealed-bucket"),
        ),
        (
            "s3.no_abort_incomplete_uploads",
            "us-east-1/plain-bucket",
            Some("us-east-1/sealed-bucket"),
        ),
    ],
    actions: &[
        "s3:GetBucketAcl",
        "s3:GetBucketLocation",
        "s3:GetBucketLogging",
        "s3:GetBucketPolicy",
        "s3:GetBucketPolicyStatus",
        "s3:GetBucketPublicAccessBlock",
        "s3:GetBucketTagging",
        "s3:GetBucketVersioning",
        "s3:GetEncryptionConfiguration",
        "s3:GetLifecycleConfiguration",
        "s3:ListAllMyBuckets",
    ],
};

async fn seed(account: &Account) {
    let s3 = aws_sdk_s3::Client::new(&account.east);
    for bucket in ["plain-bucket", "sealed-bucket"] {
        s3.create_bucket()
            .bucket(bucket)
            .send()
            .await
            .expect("bucket");
    }
    // moto, like S3 since 2023, may give new buckets SSE-S3 by default: remove it.
    let _ = s3
        .delete_bucket_encryption()
        .bucket("plain-bucket")
        .send()
        .await;
    let kms = aws_sdk_s3::types::ServerSideEncryptionByDefault::builder()
        .sse_algorithm(aws_sdk_s3::types::ServerSideEncryption::AwsKms)
        .build()
        .expect("sse");
    s3.put_bucket_encryption()
        .bucket("sealed-bucket")
        .server_side_encryption_configuration(
            aws_sdk_s3::types::ServerSideEncryptionConfiguration::builder()
                .rules(
                    aws_sdk_s3::types::ServerSideEncryptionRule::builder()
                        .apply_server_side_encryption_by_default(kms)
                        .build(),
                )
                .build()
                .expect("configuration"),
        )
        .send()
        .await
        .expect("bucket encryption");
    let tag = |k: &str, v: &str| {
        aws_sdk_s3::types::Tag::builder()
            .key(k)
            .value(v)
            .build()
            .expect("tag")
    };
    s3.put_bucket_tagging()
        .bucket("sealed-bucket")
        .tagging(
            aws_sdk_s3::types::Tagging::builder()
                .tag_set(tag("DataClassification", "confidential"))
                .tag_set(tag("CostCenter", "CC-1234"))
                .build()
                .expect("tagging"),
        )
        .send()
        .await
        .expect("bucket tags");
    for (bucket, abort) in [("plain-bucket", false), ("sealed-bucket", true)] {
        let mut rule = LifecycleRule::builder()
            .id("expire")
            .status(ExpirationStatus::Enabled)
            .filter(LifecycleRuleFilter::builder().prefix("").build())
            .expiration(LifecycleExpiration::builder().days(365).build());
        if abort {
            rule = rule.abort_incomplete_multipart_upload(
                AbortIncompleteMultipartUpload::builder()
                    .days_after_initiation(7)
                    .build(),
            );
        }
        s3.put_bucket_lifecycle_configuration()
            .bucket(bucket)
            .lifecycle_configuration(
                BucketLifecycleConfiguration::builder()
                    .rules(rule.build().expect("rule"))
                    .build()
                    .expect("lifecycle"),
            )
            .send()
            .await
            .expect("bucket lifecycle");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s3() {
    let account = Account::start().await;
    seed(&account).await;
    account.prove(&PROOF).await;
}
