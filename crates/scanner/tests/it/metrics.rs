//! Utilisation summaries come from GetMetricData as CloudWatch answers it: the datapoints a
//! metric holds are read back as the resource's daily average and peak.

use aws_sdk_cloudwatch::primitives::DateTime;
use aws_sdk_cloudwatch::types::{Dimension, MetricDatum, StandardUnit};
use aws_sdk_ec2::types::InstanceType;
use wellscan_model::Resource;
use wellscan_scanner::Options;
use wellscan_testkit::MotoServer;

use crate::{fast, scan, seed};

const REGION: &str = "eu-west-1";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_instances_cpu_is_read_from_its_datapoints() {
    let moto = MotoServer::start().expect("moto starts");
    let endpoint = moto.endpoint();
    let cfg = seed::config(&endpoint, REGION).await;
    let run = aws_sdk_ec2::Client::new(&cfg)
        .run_instances()
        .image_id(wellscan_testkit::TEST_AMI)
        .instance_type(InstanceType::M5Large)
        .min_count(1)
        .max_count(1)
        .send()
        .await
        .expect("run instance");
    let instance = run.instances()[0]
        .instance_id()
        .expect("instance id")
        .to_string();
    // Two days of the last fortnight, each with one reading.
    let now = chrono::Utc::now().timestamp();
    let cloudwatch = aws_sdk_cloudwatch::Client::new(&cfg);
    for (days_ago, percent) in [(3, 10.0), (2, 30.0)] {
        cloudwatch
            .put_metric_data()
            .namespace("AWS/EC2")
            .metric_data(
                MetricDatum::builder()
                    .metric_name("CPUUtilization")
                    .dimensions(
                        Dimension::builder()
                            .name("InstanceId")
                            .value(&instance)
                            .build(),
                    )
                    .timestamp(DateTime::from_secs(now - days_ago * 86_400))
                    .value(percent)
                    .unit(StandardUnit::Percent)
                    .build(),
            )
            .send()
            .await
            .expect("put metric data");
    }

    let output = scan(
        &endpoint,
        Options {
            regions: Some(vec![REGION.into()]),
            services: Some(vec!["ec2".into()]),
            ..fast()
        },
    )
    .await;
    let inventory = output.inventory;
    assert!(
        inventory.coverage_gaps.is_empty(),
        "{:?}",
        inventory.coverage_gaps
    );
    let cpu = inventory.resources.iter().find_map(|r| match r {
        Resource::Ec2Instance(i) if i.id == instance => Some(i.cpu),
        _ => None,
    });
    let stats = cpu.flatten().expect("the instance's CPU was read");
    assert_eq!(
        (stats.average, stats.maximum, stats.days),
        (20.0, 30.0, 14),
        "{stats:?}"
    );
}
