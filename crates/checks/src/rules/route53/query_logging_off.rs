//! Public hosted zones that log no queries: who asked for which name, and when, is what an
//! investigation of a phishing domain, a data exfiltration over DNS or a takeover needs.
//! Private zones are logged by Resolver query logging, which is read elsewhere; they are not
//! judged here.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "route53.query_logging_off",
        pillar: Pillar::Security,
        related: &[Pillar::OperationalExcellence],
        best_practice: "SEC04-BP01",
        reads: &["route53:ListHostedZones", "route53:ListQueryLoggingConfigs"],
        facts: &[Fact::QueryLogging],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "Public hosted zone logs no DNS queries",
        action: "Turn on query logging",
        remediation: "Create a CloudWatch Logs log group in us-east-1 whose resource policy lets Route 53 write to it, then configure query logging for the zone. Console: Route 53 > Hosted zones > {id} > Configure query logging. CLI: aws route53 create-query-logging-config --hosted-zone-id {id} --cloud-watch-logs-log-group-arn LOG_GROUP_ARN",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, z) in ctx.each(Resource::as_hosted_zone) {
        if z.private || out.unknown(resource, &[Fact::QueryLogging]) {
            continue;
        }
        out.record(resource, z.query_logging, || {
            format!("queries to {} are not logged", z.name)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::route53::zone;
    use crate::testing::failing;

    #[test]
    fn flags_public_zones_without_query_logs_unless_unread() {
        let silent = zone("Z1", |z| z.query_logging = false);
        let logged = zone("Z2", |_| {});
        let private = zone("Z3", |z| {
            z.private = true;
            z.query_logging = false;
        });
        let unread = zone("Z4", |z| {
            z.query_logging = false;
            z.unknown.mark(Fact::QueryLogging);
        });
        assert_eq!(
            failing(&CHECK, vec![silent, logged, private, unread]),
            ["Z1"]
        );
    }
}
