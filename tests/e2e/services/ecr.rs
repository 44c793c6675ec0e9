//! ECR: a repository with mutable tags, no scan on push and no lifecycle policy, beside one with
//! all three and one the registry's own rule scans.

use super::{Account, Proof};

const PROOF: Proof = Proof {
    units: &["ecr"],
    cases: &[
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
    ],
    actions: &[
        "ecr:DescribeRepositories",
        "ecr:GetLifecyclePolicy",
        "ecr:GetRegistryScanningConfiguration",
        "ecr:ListTagsForResource",
    ],
};

async fn seed(account: &Account) {
    let east = &account.east;
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ecr() {
    let account = Account::start().await;
    seed(&account).await;
    account.prove(&PROOF).await;
}
