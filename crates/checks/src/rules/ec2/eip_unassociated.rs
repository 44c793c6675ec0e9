//! Elastic IPs allocated but attached to nothing.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2.eip_unassociated",
        pillar: Pillar::CostOptimization,
        related: &[],
        best_practice: "COST04-BP03",
        reads: &["ec2:DescribeAddresses"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Reduces,
        title: "Elastic IP is not associated",
        action: "Release unused Elastic IPs",
        remediation: "Release the address if nothing needs it. Console: VPC > Elastic IPs > {id} > Actions > \
            Release Elastic IP addresses. CLI: aws ec2 release-address --region {region} --allocation-id {id}",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, eip) in ctx.each(Resource::as_elastic_ip) {
        if eip.association_id.is_some() {
            out.pass();
        } else {
            out.fail_with_savings(
                resource,
                format!("{} is allocated and associated with nothing", eip.public_ip),
                Some(ctx.prices.eip_monthly(&eip.region)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::ElasticIp;

    use super::*;
    use crate::testing::{failing, outcome};

    fn eip(id: &str, association: Option<&str>) -> Resource {
        ElasticIp {
            id: id.into(),
            region: "us-east-1".into(),
            public_ip: "198.51.100.7".into(),
            association_id: association.map(String::from),
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn flags_unassociated_addresses_with_their_hourly_cost() {
        assert_eq!(
            failing(
                &CHECK,
                vec![
                    eip("eipalloc-free", None),
                    eip("eipalloc-used", Some("eipassoc-1"))
                ]
            ),
            ["eipalloc-free"]
        );
        assert_eq!(
            outcome(&CHECK, vec![eip("eipalloc-free", None)]).failures()[0].monthly_savings_usd(),
            Some(3.65)
        );
    }
}
