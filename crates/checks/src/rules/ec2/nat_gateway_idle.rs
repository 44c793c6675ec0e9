//! NAT gateways that moved almost nothing in two weeks.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2.nat_gateway_idle",
        pillar: Pillar::CostOptimization,
        related: &[Pillar::Sustainability],
        best_practice: "COST04-BP03",
        reads: &["ec2:DescribeNatGateways", "cloudwatch:GetMetricData"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Reduces,
        title: "NAT gateway is idle",
        action: "Delete NAT gateways nothing uses",
        remediation: "Check the route tables that point at it, then delete it (and release its Elastic IP). Console: VPC > NAT gateways > {id} > Actions > Delete. CLI: aws ec2 delete-nat-gateway --region {region} --nat-gateway-id {id}",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, n) in ctx.each(Resource::as_nat_gateway) {
        let (Some(bytes), "available") = (n.bytes_out, n.state.as_str()) else {
            continue;
        };
        // Under about 1 MB a day is health checks and stray packets, not a workload.
        if bytes.maximum < 1_000_000.0 {
            out.fail_with_savings(
                resource,
                format!(
                    "at most {:.0} bytes out a day over {}",
                    bytes.maximum,
                    crate::days(bytes.days)
                ),
                Some(ctx.prices.nat_gateway_monthly(&n.region)),
            );
        } else {
            out.pass();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::{MetricStats, NatGateway};

    #[test]
    fn flags_nat_gateways_without_traffic_with_their_hourly_cost() {
        let nat = |id: &str, max: f64| -> Resource {
            NatGateway {
                id: id.into(),
                region: "us-east-1".into(),
                state: "available".into(),
                bytes_out: Some(MetricStats {
                    average: max / 2.0,
                    maximum: max,
                    days: 14,
                }),
                ..Default::default()
            }
            .into()
        };
        let out = outcome(
            &CHECK,
            vec![nat("nat-idle", 10_000.0), nat("nat-busy", 5e9)],
        );
        assert_eq!(out.failures().len(), 1);
        assert_eq!(out.failures()[0].monthly_savings_usd(), Some(32.85));
    }
}
