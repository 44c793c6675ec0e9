//! EKS clusters on a Kubernetes version past its standard support: AWS bills extended support
//! ($0.60 instead of $0.10 per cluster hour) and, a year later, upgrades the cluster itself.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "eks.version_past_standard_support",
        pillar: Pillar::OperationalExcellence,
        related: &[Pillar::Security, Pillar::CostOptimization],
        best_practice: "OPS05-BP05",
        reads: &["eks:DescribeCluster"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "EKS cluster runs a Kubernetes version past standard support",
        action: "Upgrade to a version in standard support",
        remediation: "Check the cluster's workloads against the next versions' removed APIs, upgrade the control plane one minor version at a time, then its node groups and add-ons. Console: EKS > Clusters > {id} > Upgrade now. CLI: aws eks update-cluster-version --region {region} --name {id} --kubernetes-version 1.34",
    },
    evaluate,
};

/// The last day of standard support on EKS, by minor version (AWS's release calendar as of
/// 2026-11). A version newer than the last row is in standard support; one older than the
/// first is long past it.
const STANDARD_SUPPORT_ENDS: &[(u32, (i32, u32, u32))] = &[
    (23, (2023, 10, 11)),
    (24, (2024, 1, 31)),
    (25, (2024, 5, 1)),
    (26, (2024, 6, 11)),
    (27, (2024, 7, 24)),
    (28, (2024, 11, 26)),
    (29, (2025, 3, 23)),
    (30, (2025, 7, 23)),
    (31, (2025, 11, 26)),
    (32, (2026, 3, 23)),
    (33, (2026, 7, 29)),
    (34, (2026, 12, 2)),
    (35, (2027, 3, 27)),
];

/// Extended support lasts a year after standard support ends.
const EXTENDED_DAYS: i64 = 365;

/// When standard support ended, if it has; `None` for a version still in it or one wellscan
/// cannot read.
fn ended(version: &str) -> Option<chrono::NaiveDate> {
    let minor: u32 = version.strip_prefix("1.")?.parse().ok()?;
    let first = STANDARD_SUPPORT_ENDS.first()?;
    let (y, m, d) = match STANDARD_SUPPORT_ENDS.iter().find(|(v, _)| *v == minor) {
        Some((_, date)) => *date,
        None if minor < first.0 => first.1,
        None => return None,
    };
    chrono::NaiveDate::from_ymd_opt(y, m, d)
}

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    let today = ctx.inventory.scanned_at.date_naive();
    for (resource, c) in ctx.each(Resource::as_eks_cluster) {
        let Some(end) = ended(&c.version).filter(|end| *end < today) else {
            out.pass();
            continue;
        };
        let upgrade = end + chrono::Duration::days(EXTENDED_DAYS);
        out.fail(
            resource,
            if today > upgrade {
                format!(
                    "Kubernetes {} left standard support on {end} and extended support on {upgrade}: AWS upgrades it",
                    c.version
                )
            } else {
                format!(
                    "Kubernetes {} left standard support on {end}: extended support costs about $365 a month more until {upgrade}, when AWS upgrades it",
                    c.version
                )
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::eks::cluster;
    use crate::testing::failing;

    #[test]
    fn flags_versions_past_standard_support_on_the_scan_date() {
        // The fixture inventory is scanned on 2026-11-20.
        let old = cluster("legacy", |c| c.version = "1.29".into());
        let ancient = cluster("lab", |c| c.version = "1.21".into());
        let recent = cluster("prod", |c| c.version = "1.34".into());
        let newer = cluster("next", |c| c.version = "1.36".into());
        assert_eq!(
            failing(&CHECK, vec![old, ancient, recent, newer]),
            ["legacy", "lab"]
        );
    }
}
