//! ECS clusters without Container Insights: no per-service and per-task CPU, memory, network
//! and restart metrics to tell a struggling service from a healthy one.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ecs.container_insights_off",
        pillar: Pillar::OperationalExcellence,
        related: &[Pillar::Reliability],
        best_practice: "OPS08-BP01",
        reads: &["ecs:DescribeClusters"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "ECS cluster without Container Insights",
        action: "Turn on Container Insights",
        remediation: "Turn on Container Insights (enhanced observability for per-container metrics) so the cluster reports service and task metrics to CloudWatch. Console: ECS > Clusters > {id} > Update cluster > Monitoring. CLI: aws ecs update-cluster-settings --region {region} --cluster {id} --settings name=containerInsights,value=enhanced",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, c) in ctx.each(Resource::as_ecs_cluster) {
        if c.status != "ACTIVE" {
            continue;
        }
        let on = matches!(c.container_insights.as_str(), "enabled" | "enhanced");
        out.record(resource, on, || {
            format!(
                "Container Insights {} on a cluster running {} service(s), {} task(s)",
                c.container_insights, c.active_services, c.running_tasks
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::ecs::cluster;
    use crate::testing::failing;

    #[test]
    fn flags_active_clusters_without_insights() {
        let off = cluster("batch", |c| c.container_insights = "disabled".into());
        let on = cluster("web", |_| {});
        let enhanced = cluster("api", |c| c.container_insights = "enhanced".into());
        let gone = cluster("old", |c| {
            c.container_insights = "disabled".into();
            c.status = "INACTIVE".into();
        });
        assert_eq!(failing(&CHECK, vec![off, on, enhanced, gone]), ["batch"]);
    }
}
