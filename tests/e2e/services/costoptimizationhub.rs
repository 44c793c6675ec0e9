//! Cost Optimization Hub: an enrolled account whose hub recommends rightsizing an instance
//! wellscan reads (the finding names the instance), stopping one it does not (summed on the
//! hub), and two Savings Plans, of which the better is the finding; then the same account
//! before enrolment. moto has no Cost Optimization Hub: the emulator keeps the account's
//! enrolment and recommendations as a test sets them (`set_cost_optimization_hub`), and twelve
//! recommendations make the listing page (ten a page).

use aws_sdk_ec2::types::InstanceType;
use serde_json::json;

use super::{Account, Proof};

const ENROLLED: Proof = Proof {
    units: &["ec2", "costoptimizationhub"],
    cases: &[
        (
            "costoptimizationhub.rightsizing",
            "us-east-1/costhub-oversized",
            Some("us-east-1/costhub-fit"),
        ),
        (
            "costoptimizationhub.rightsizing",
            "global/123456789012",
            None,
        ),
        (
            "costoptimizationhub.commitment",
            "global/123456789012",
            None,
        ),
    ],
    actions: &[
        "cloudwatch:GetMetricData",
        "cost-optimization-hub:ListEnrollmentStatuses",
        "cost-optimization-hub:ListRecommendations",
        "ec2:DescribeInstances",
    ],
};

const NOT_ENROLLED: Proof = Proof {
    units: &["costoptimizationhub"],
    cases: &[(
        "costoptimizationhub.not_enrolled",
        "global/123456789012",
        None,
    )],
    actions: &["cost-optimization-hub:ListEnrollmentStatuses"],
};

/// A recommendation as ListRecommendations answers it.
fn recommendation(
    id: &str,
    resource: &str,
    kind: &str,
    action: &str,
    savings: f64,
) -> serde_json::Value {
    json!({
        "recommendationId": id,
        "accountId": "123456789012",
        "region": "us-east-1",
        "resourceId": resource,
        "resourceArn": format!("arn:aws:ec2:us-east-1:123456789012:instance/{resource}"),
        "currentResourceType": kind,
        "recommendedResourceType": kind,
        "estimatedMonthlySavings": savings,
        "estimatedSavingsPercentage": 50.0,
        "estimatedMonthlyCost": savings * 2.0,
        "currencyCode": "USD",
        "implementationEffort": "Medium",
        "restartNeeded": true,
        "actionType": action,
        "rollbackPossible": true,
        "currentResourceSummary": "m5.2xlarge",
        "recommendedResourceSummary": "m5.large",
        "lastRefreshTimestamp": 1_796_000_000.0,
        "recommendationLookbackPeriodInDays": 14,
        "source": "ComputeOptimizer",
        "tags": [],
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn costoptimizationhub_enrolled() {
    let account = Account::start().await;
    let oversized = account
        .instance("costhub-oversized", InstanceType::M52xlarge)
        .await;
    account
        .instance("costhub-fit", InstanceType::M52xlarge)
        .await;
    let mut recommendations = vec![
        recommendation("r-1", &oversized, "Ec2Instance", "Rightsize", 210.24),
        recommendation("r-2", "i-0notinthescan", "Ec2Instance", "Stop", 96.36),
    ];
    for (n, (kind, savings)) in [
        ("ComputeSavingsPlans", 180.0),
        ("Ec2InstanceSavingsPlans", 240.0),
    ]
    .into_iter()
    .enumerate()
    {
        let mut plan = recommendation(
            &format!("r-sp{n}"),
            kind,
            kind,
            "PurchaseSavingsPlans",
            savings,
        );
        plan["resourceArn"] = serde_json::Value::Null;
        recommendations.push(plan);
    }
    // Ten more on volumes wellscan does not read, so the listing pages.
    for n in 0..8 {
        let mut volume = recommendation(
            &format!("r-v{n}"),
            &format!("vol-0{n:016x}"),
            "EbsVolume",
            "Upgrade",
            1.5,
        );
        volume["resourceArn"] = json!(format!(
            "arn:aws:ec2:us-east-1:123456789012:volume/vol-0{n:016x}"
        ));
        recommendations.push(volume);
    }
    account
        .moto
        .set_cost_optimization_hub(&json!({"status": "Active", "recommendations": recommendations}))
        .expect("the hub is set");

    let scanned = account.prove(&ENROLLED).await;
    let hub = scanned
        .inventory
        .resources
        .iter()
        .find_map(|r| r.as_cost_optimization_hub())
        .expect("the hub");
    assert_eq!(hub.recommendations.len(), 12, "every page is read");
    let commitment: Vec<_> = scanned.findings("costoptimizationhub.commitment").collect();
    assert_eq!(
        commitment[0].monthly_savings_usd,
        Some(240.0),
        "the better plan, not both"
    );
    assert_eq!(
        scanned.findings("costoptimizationhub.not_enrolled").count(),
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn costoptimizationhub_not_enrolled() {
    let account = Account::start().await;
    let scanned = account.prove(&NOT_ENROLLED).await;
    assert_eq!(
        scanned.findings("costoptimizationhub.rightsizing").count(),
        0
    );
}
