//! The demo account's Cost Optimization Hub: FinOps enrolled the account in 2025, and AWS has
//! since computed what it always does for a fleet like Kumo's: stop the idle m5.xlarge in
//! Virginia (which wellscan flags too, with its own figure), move a busy production m5 to
//! Graviton, and cover the steady EC2 usage with a Savings Plan (two offers).

use super::*;

impl Gen {
    pub(super) fn cost_hub(&mut self) {
        let instance = |r: &Resource, pick: &dyn Fn(&Ec2Instance) -> bool| match r {
            Resource::Ec2Instance(i)
                if i.region == "us-east-1" && i.state == InstanceState::Running && pick(i) =>
            {
                Some(i.clone())
            }
            _ => None,
        };
        let idle = self.resources.iter().find_map(|r| {
            instance(r, &|i| {
                i.instance_type == "m5.xlarge" && i.cpu.is_some_and(|c| c.average < 5.0)
            })
        });
        let x86 = self.resources.iter().find_map(|r| {
            instance(r, &|i| {
                i.tags.get("Environment").map(String::as_str) == Some("prod")
                    && i.instance_type == "m5.large"
                    && i.cpu.is_some_and(|c| (30.0..50.0).contains(&c.average))
            })
        });
        let recommendation =
            |i: &Ec2Instance, action: &str, to: &str, savings: f64| CostRecommendation {
                id: format!("{}-{}", action.to_lowercase(), i.id),
                resource_id: i.id.clone(),
                resource_arn: Some(i.arn.clone()),
                region: i.region.clone(),
                resource_type: "Ec2Instance".into(),
                action: action.into(),
                current: i.instance_type.clone(),
                recommended: to.into(),
                monthly_savings: savings,
                savings_percent: Some(if action == "Stop" { 100.0 } else { 17.0 }),
                currency: "USD".into(),
                effort: if action == "Stop" {
                    "VeryLow"
                } else {
                    "Medium"
                }
                .into(),
                restart_needed: true,
                source: "ComputeOptimizer".into(),
            };
        let mut recommendations = Vec::new();
        if let Some(i) = &idle {
            recommendations.push(recommendation(i, "Stop", "", 128.40));
        }
        if let Some(i) = &x86 {
            recommendations.push(recommendation(i, "MigrateToGraviton", "m7g.large", 12.41));
        }
        let plan = |kind: &str, offer: &str, savings: f64| CostRecommendation {
            id: format!("purchasesavingsplans-{}", kind.to_lowercase()),
            resource_id: kind.into(),
            region: "us-east-1".into(),
            resource_type: kind.into(),
            action: "PurchaseSavingsPlans".into(),
            recommended: offer.into(),
            monthly_savings: savings,
            savings_percent: Some(if savings > 450.0 { 31.0 } else { 27.0 }),
            currency: "USD".into(),
            effort: "VeryLow".into(),
            source: "CostExplorer".into(),
            ..Default::default()
        };
        recommendations.push(plan(
            "ComputeSavingsPlans",
            "$1.85/hour for 1 year, no upfront",
            412.30,
        ));
        recommendations.push(plan(
            "Ec2InstanceSavingsPlans",
            "$1.60/hour for 1 year, no upfront (m5, us-east-1)",
            468.12,
        ));
        let hub = CostOptimizationHub {
            id: ACCOUNT.into(),
            arn: format!("arn:aws:cost-optimization-hub::{ACCOUNT}:"),
            region: GLOBAL_REGION.into(),
            enrolled: true,
            recommendations,
            ..Default::default()
        };
        self.resources.push(hub.into());
    }
}
