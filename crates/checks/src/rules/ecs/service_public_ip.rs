//! ECS services whose tasks get public IP addresses: each task is reachable from the internet
//! through its security group alone, with no load balancer or NAT in front.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ecs.service_public_ip",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC05-BP01",
        reads: &["ecs:DescribeServices"],
        facts: &[],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "ECS service gives its tasks public IP addresses",
        action: "Run tasks in private subnets",
        remediation: "Run the service's tasks in private subnets with assignPublicIp DISABLED; reach them through a load balancer and reach the internet through a NAT gateway or VPC endpoints. Console: ECS > Clusters > CLUSTER > Services > SERVICE (the finding names them as CLUSTER/SERVICE) > Update service > Networking. CLI: aws ecs update-service --region {region} --cluster CLUSTER --service SERVICE --network-configuration \"awsvpcConfiguration={subnets=[PRIVATE_SUBNET],securityGroups=[SG],assignPublicIp=DISABLED}\"",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, s) in ctx.each(Resource::as_ecs_service) {
        out.record(resource, !s.public_ip, || {
            format!(
                "assignPublicIp is ENABLED: {} running task(s) with public addresses",
                s.running_count
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::ecs::service;
    use crate::testing::failing;

    #[test]
    fn flags_services_whose_tasks_get_public_addresses() {
        let public = service("web/api", |s| s.public_ip = true);
        let private = service("web/worker", |_| {});
        assert_eq!(failing(&CHECK, vec![public, private]), ["web/api"]);
    }
}
