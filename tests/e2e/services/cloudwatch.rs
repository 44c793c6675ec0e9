//! CloudWatch: a region that runs an instance and has no alarm beside one that has alarms; an
//! alarm that notifies nobody beside one that does.
//!
//! Left to the fixture tests: alarms in INSUFFICIENT_DATA for over a day (moto keeps no alarm
//! history), and production resources no alarm watches.

use aws_sdk_cloudwatch::types::{ComparisonOperator, Statistic};

use super::{Account, Proof};

const PROOF: Proof = Proof {
    units: &["cloudwatch", "ec2"],
    cases: &[
        (
            "cloudwatch.region_without_alarms",
            "us-west-2/cloudwatch-alarms",
            Some("us-east-1/cloudwatch-alarms"),
        ),
        (
            "cloudwatch.alarm_without_actions",
            "us-east-1/web-cpu",
            Some("us-east-1/db-cpu"),
        ),
    ],
    actions: &[
        "cloudwatch:DescribeAlarms",
        "cloudwatch:GetMetricData",
        "cloudwatch:ListTagsForResource",
        "ec2:DescribeInstances",
    ],
};

async fn seed(account: &Account) {
    let cloudwatch = aws_sdk_cloudwatch::Client::new(&account.east);
    for (alarm, action) in [
        ("web-cpu", None),
        ("db-cpu", Some("arn:aws:sns:us-east-1:123456789012:on-call")),
    ] {
        cloudwatch
            .put_metric_alarm()
            .alarm_name(alarm)
            .namespace("AWS/EC2")
            .metric_name("CPUUtilization")
            .statistic(Statistic::Average)
            .period(300)
            .evaluation_periods(1)
            .threshold(90.0)
            .comparison_operator(ComparisonOperator::GreaterThanThreshold)
            .set_alarm_actions(action.map(|a| vec![a.to_string()]))
            .send()
            .await
            .expect("alarm");
    }
    // Both regions run an instance; only us-east-1 has alarms.
    for sdk in [&account.east, &account.west] {
        aws_sdk_ec2::Client::new(sdk)
            .run_instances()
            .image_id(wellscan_testkit::TEST_AMI)
            .min_count(1)
            .max_count(1)
            .send()
            .await
            .expect("run");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cloudwatch() {
    let account = Account::start().await;
    seed(&account).await;
    account.prove(&PROOF).await;
}
