//! Log groups that keep every event forever.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "logs.retention_never_expires",
        pillar: Pillar::CostOptimization,
        related: &[Pillar::Sustainability],
        best_practice: "COST04-BP04",
        severity: Severity::Low,
        title: "Log group keeps events forever",
        action: "Set a retention period on every log group",
        remediation: "Choose how long the logs are needed (export older ones to S3 if they must be kept) and set the \
            retention. Console: CloudWatch > Log groups > {id} > Actions > Edit retention setting. CLI: aws logs \
            put-retention-policy --region {region} --log-group-name {id} --retention-in-days 90",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, group) in ctx.each(Resource::as_log_group) {
        out.record(resource, group.retention_days.is_some(), || {
            format!(
                "retention: never expire; {:.1} GB stored",
                group.stored_bytes as f64 / 1e9
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::LogGroup;

    use super::*;
    use crate::testing::failing;

    #[test]
    fn flags_groups_without_retention() {
        let group = |id: &str, days| -> Resource {
            LogGroup {
                id: id.into(),
                retention_days: days,
                ..Default::default()
            }
            .into()
        };
        assert_eq!(
            failing(
                &CHECK,
                vec![group("/forever", None), group("/month", Some(30))]
            ),
            ["/forever"]
        );
    }
}
