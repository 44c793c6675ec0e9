//! VPCs whose address ranges overlap another of the account's VPCs in the same Region: the two
//! can never be peered or routed through one transit gateway, so the day a workload needs both
//! (a shared service, a migration) one of them has to be renumbered.
//!
//! Overlaps across Regions matter as much to a disaster-recovery plan, but a finding must
//! depend only on what its own Region's scan read: a scan of some Regions (`--regions`) would
//! otherwise report it resolved.

use std::net::Ipv4Addr;

use wellscan_model::{Pillar, Resource, Severity, Vpc};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2.vpc_cidr_overlap",
        pillar: Pillar::Reliability,
        related: &[Pillar::OperationalExcellence],
        best_practice: "REL02-BP05",
        reads: &["ec2:DescribeVpcs"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "VPC address range overlaps another VPC of the account",
        action: "Plan non-overlapping ranges (IPAM) before connecting the VPCs",
        remediation: "Allocate each VPC a range of its own from one plan (VPC IPAM keeps one per Region and account); for a VPC that must be connected, add a non-overlapping secondary range and move its subnets there, or rebuild it. Console: VPC > IPAM, or VPC > Your VPCs > {id} > Actions > Edit CIDRs. CLI: aws ec2 associate-vpc-cidr-block --region {region} --vpc-id {id} --cidr-block NEW_CIDR",
    },
    evaluate,
};

/// An IPv4 range: its first address and its prefix length.
type Range = (u32, u32);

/// An IPv4 range from its CIDR notation; `None` for anything else.
fn range(cidr: &str) -> Option<Range> {
    let (addr, len) = cidr.split_once('/')?;
    let len: u32 = len.parse().ok().filter(|l| *l <= 32)?;
    let addr: Ipv4Addr = addr.parse().ok()?;
    Some((u32::from(addr), len))
}

/// True when the two ranges share an address: the shorter prefix's mask makes them equal.
fn overlap(a: Range, b: Range) -> bool {
    let len = a.1.min(b.1);
    let mask = u32::MAX.checked_shl(32 - len).unwrap_or(0);
    a.0 & mask == b.0 & mask
}

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    // Default VPCs all take 172.31.0.0/16 by design; only the account's own plan counts.
    let vpcs: Vec<(&Resource, &Vpc, Option<Range>)> = ctx
        .each(Resource::as_vpc)
        .filter(|(_, v)| !v.is_default)
        .map(|(r, v)| (r, v, range(&v.cidr_block)))
        .collect();
    for (resource, vpc, own) in &vpcs {
        let Some(own) = own else {
            out.skip(resource);
            continue;
        };
        let others: Vec<String> = vpcs
            .iter()
            .filter(|(_, v, r)| {
                v.region == vpc.region && v.arn != vpc.arn && r.is_some_and(|r| overlap(*own, r))
            })
            .map(|(r, v, _)| format!("{} {}", r.name_tag().unwrap_or(&v.id), v.cidr_block))
            .collect();
        // When the Region's VPCs were not all listed, the other half of an overlap may be missing.
        if others.is_empty() && ctx.unread(&vpc.region, "ec2", "DescribeVpcs") {
            out.skip(resource);
            continue;
        }
        out.record(resource, others.is_empty(), || {
            format!("{} overlaps {}", vpc.cidr_block, others.join(", "))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    fn vpc(id: &str, region: &str, cidr: &str, default: bool) -> Resource {
        Vpc {
            id: id.into(),
            arn: format!("arn:aws:ec2:{region}:123456789012:vpc/{id}"),
            region: region.into(),
            cidr_block: cidr.into(),
            is_default: default,
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn flags_vpcs_sharing_addresses_in_a_region_but_not_default_vpcs() {
        let fails = failing(
            &CHECK,
            vec![
                vpc("vpc-prod", "us-east-1", "10.0.0.0/16", false),
                vpc("vpc-lab", "us-east-1", "10.0.128.0/20", false),
                vpc("vpc-tools", "us-east-1", "10.1.0.0/16", false),
                vpc("vpc-def1", "us-east-1", "172.31.0.0/16", true),
                vpc("vpc-def2", "us-east-1", "172.31.0.0/16", true),
            ],
        );
        assert_eq!(fails, ["vpc-prod", "vpc-lab"]);
    }

    #[test]
    fn the_same_range_in_another_region_is_not_judged_here() {
        // A scan of eu-west-1 alone must reach the same verdict on its VPC as a scan of both.
        let fails = failing(
            &CHECK,
            vec![
                vpc("vpc-east", "us-east-1", "10.0.0.0/16", false),
                vpc("vpc-eu", "eu-west-1", "10.0.0.0/16", false),
            ],
        );
        assert!(fails.is_empty(), "{fails:?}");
    }

    #[test]
    fn the_evidence_names_the_other_vpc() {
        let out = outcome(
            &CHECK,
            vec![
                vpc("vpc-a", "us-east-1", "10.0.0.0/8", false),
                vpc("vpc-b", "us-east-1", "10.20.0.0/16", false),
            ],
        );
        let evidence: Vec<&str> = out.failures().iter().map(|f| f.evidence()).collect();
        assert_eq!(
            evidence,
            [
                "10.0.0.0/8 overlaps vpc-b 10.20.0.0/16",
                "10.20.0.0/16 overlaps vpc-a 10.0.0.0/8"
            ]
        );
    }

    #[test]
    fn a_region_whose_vpcs_were_not_all_listed_judges_only_the_overlaps_it_saw() {
        let inv = inventory(vec![
            vpc("vpc-a", "us-east-1", "10.0.0.0/16", false),
            vpc("vpc-b", "us-east-1", "10.0.0.0/24", false),
            vpc("vpc-c", "us-east-1", "10.9.0.0/16", false),
        ]);
        let inv = with_gap(inv, "us-east-1", "ec2", "DescribeVpcs");
        let out = run(&CHECK, &inv);
        assert_eq!(out.failures().len(), 2);
        assert_eq!((out.evaluated(), out.not_evaluated()), (2, 1));
    }

    #[test]
    fn ranges_compare_by_the_shorter_prefix() {
        let r = |c| range(c).expect("cidr");
        assert!(overlap(r("10.0.0.0/8"), r("10.255.0.0/16")));
        assert!(!overlap(r("10.0.0.0/16"), r("10.1.0.0/16")));
        assert!(overlap(r("0.0.0.0/0"), r("192.168.0.0/24")));
        assert_eq!(range("2001:db8::/32"), None);
    }
}
