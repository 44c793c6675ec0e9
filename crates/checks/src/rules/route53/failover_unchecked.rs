//! Failover records whose primary has no health check: Route 53 takes a record without one as
//! always healthy, so the primary keeps answering while it is down and the secondary is never
//! used. An alias that evaluates its target's health counts as checked.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "route53.failover_unchecked",
        pillar: Pillar::Reliability,
        related: &[],
        best_practice: "REL11-BP02",
        reads: &["route53:ListHostedZones", "route53:ListResourceRecordSets"],
        facts: &[Fact::FailoverRecords],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "Failover record's primary has no health check",
        action: "Put a health check behind each primary failover record",
        remediation: "Create a health check on the primary endpoint (or make an alias primary evaluate its target's health) and attach it to the record, so Route 53 answers with the secondary when the primary fails. Console: Route 53 > Health checks > Create health check, then Hosted zones > {id} > the record > Edit > Health check ID. CLI: aws route53 create-health-check --caller-reference primary-check --health-check-config Type=HTTPS,FullyQualifiedDomainName=PRIMARY_HOST,ResourcePath=/health",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, z) in ctx.each(Resource::as_hosted_zone) {
        if out.unknown(resource, &[Fact::FailoverRecords]) || z.failover_records.is_empty() {
            continue;
        }
        let unchecked: Vec<String> = z
            .failover_records
            .iter()
            .filter(|r| r.failover == "PRIMARY" && !r.health_checked())
            .map(|r| format!("{} {}", r.name, r.record_type))
            .collect();
        out.record(resource, unchecked.is_empty(), || {
            format!(
                "primary failover record without a health check, so it never fails over: {}",
                unchecked.join(", ")
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::route53::zone;
    use crate::testing::failing;

    #[test]
    fn flags_primaries_nothing_checks_unless_unread() {
        let unchecked = zone("Z1", |z| z.failover_records[0].health_check_id = None);
        let checked = zone("Z2", |_| {});
        let alias = zone("Z3", |z| {
            z.failover_records[0].health_check_id = None;
            z.failover_records[0].evaluates_target_health = true;
        });
        let no_failover = zone("Z4", |z| z.failover_records.clear());
        let unread = zone("Z5", |z| {
            z.failover_records.clear();
            z.unknown.mark(Fact::FailoverRecords);
        });
        assert_eq!(
            failing(&CHECK, vec![unchecked, checked, alias, no_failover, unread]),
            ["Z1"]
        );
    }
}
