//! Public hosted zones that do not sign their answers: without DNSSEC a resolver cannot tell
//! the zone's answers from forged ones, so a poisoned cache can send the domain's users
//! elsewhere. Private zones answer only inside their VPCs and are not judged.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "route53.dnssec_off",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC09-BP03",
        reads: &["route53:ListHostedZones", "route53:GetDNSSEC"],
        facts: &[Fact::Dnssec],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "Public hosted zone does not sign its answers (DNSSEC)",
        action: "Turn on DNSSEC signing",
        remediation: "Create a key-signing key backed by an asymmetric KMS key in us-east-1, enable DNSSEC signing for the zone, then add the DS record at the parent zone or registrar. Console: Route 53 > Hosted zones > {id} > DNSSEC signing > Enable DNSSEC signing. CLI: aws route53 enable-hosted-zone-dnssec --hosted-zone-id {id}",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, z) in ctx.each(Resource::as_hosted_zone) {
        if z.private || out.unknown(resource, &[Fact::Dnssec]) {
            continue;
        }
        let signing = z.dnssec.as_deref() == Some("SIGNING");
        out.record(resource, signing, || {
            format!(
                "{} answers unsigned (DNSSEC {})",
                z.name,
                z.dnssec.as_deref().unwrap_or("not set up")
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
    fn flags_public_zones_that_do_not_sign_unless_unread() {
        let unsigned = zone("Z1", |z| z.dnssec = Some("NOT_SIGNING".into()));
        let signed = zone("Z2", |_| {});
        let private = zone("Z3", |z| {
            z.private = true;
            z.dnssec = None;
        });
        let unread = zone("Z4", |z| {
            z.dnssec = None;
            z.unknown.mark(Fact::Dnssec);
        });
        assert_eq!(
            failing(&CHECK, vec![unsigned, signed, private, unread]),
            ["Z1"]
        );
    }
}
