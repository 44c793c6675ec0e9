//! NAT gateways that process enough traffic for their per-GB charge to matter: S3 and DynamoDB
//! traffic through gateway endpoints costs nothing, and other AWS services' through interface
//! endpoints costs less.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2.nat_gateway_data_transfer",
        pillar: Pillar::CostOptimization,
        related: &[Pillar::PerformanceEfficiency],
        best_practice: "COST08-BP03",
        reads: &["ec2:DescribeNatGateways", "cloudwatch:GetMetricData"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Reduces,
        title: "NAT gateway processing charges are high",
        action: "Route AWS service traffic through VPC endpoints",
        remediation: "Find what the traffic is (VPC flow logs grouped by destination); add gateway endpoints for \
            S3 and DynamoDB to the private route tables, and interface endpoints for the other AWS services \
            the workload calls most. Console: VPC > Endpoints > Create endpoint. CLI: aws ec2 \
            create-vpc-endpoint --region {region} --vpc-id VPC_ID --service-name com.amazonaws.{region}.s3 \
            --route-table-ids ROUTE_TABLE_ID",
    },
    evaluate,
};

/// Processing charges below this a month are not worth an endpoint review.
const WORTH_REVIEWING_USD: f64 = 100.0;

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, n) in ctx.each(Resource::as_nat_gateway) {
        let (Some(bytes), "available") = (n.bytes_out, n.state.as_str()) else {
            continue;
        };
        let monthly = ctx.prices.nat_processing_monthly(bytes.average, &n.region);
        out.record(resource, monthly < WORTH_REVIEWING_USD, || {
            format!(
                "{:.0} GB a day out over {}: at least ${monthly:.0} a month in processing charges",
                bytes.average / 1e9,
                crate::days(bytes.days)
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::{MetricStats, NatGateway};

    use super::*;
    use crate::testing::failing;

    fn nat(id: &str, gb_a_day: f64) -> Resource {
        NatGateway {
            id: id.into(),
            region: "us-east-1".into(),
            state: "available".into(),
            bytes_out: Some(MetricStats {
                average: gb_a_day * 1e9,
                maximum: gb_a_day * 2e9,
                days: 14,
            }),
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn flags_gateways_whose_processing_costs_over_a_hundred_dollars_a_month() {
        // 100 GB a day is about 3 TB a month: about $137 at $0.045 per GB.
        assert_eq!(
            failing(&CHECK, vec![nat("busy", 100.0), nat("quiet", 20.0)]),
            ["busy"]
        );
    }
}
