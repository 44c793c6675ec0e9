//! The demo account's Auto Scaling groups: launch templates and configurations, health checks,
//! scaling policies.

use super::*;

impl Gen {
    pub(super) fn autoscaling(&mut self, region: &str) {
        let web = AutoscalingGroup {
            id: "web-asg".into(),
            arn: arn(
                "autoscaling",
                region,
                &format!(
                    "autoScalingGroup:{}:autoScalingGroupName/web-asg",
                    self.rng.hex(8)
                ),
            ),
            region: region.into(),
            tags: tags(&[("Owner", "team-web"), ("Environment", "prod")]),
            availability_zones: vec![format!("{region}a"), format!("{region}b")],
            health_check_type: "ELB".into(),
            load_balancers: 1,
            min_size: 2,
            max_size: 8,
            desired_capacity: 3,
            instances: 3,
            launch_template: Some("web-lt".into()),
            launch_configuration: None,
            imds_v2_required: Some(true),
            scaling_policies: 1,
            created_at: self.ago(200, 600),
            ..Default::default()
        };
        if region == "us-east-1" {
            let etl = AutoscalingGroup {
                id: "etl-workers".into(),
                arn: web.arn.replace("web-asg", "etl-workers"),
                tags: tags(&[("Owner", "team-data"), ("Environment", "dev")]),
                availability_zones: vec![format!("{region}a")],
                health_check_type: "EC2".into(),
                min_size: 1,
                desired_capacity: 2,
                instances: 2,
                launch_template: None,
                launch_configuration: Some("etl-workers-lc-2019".into()),
                imds_v2_required: Some(false),
                scaling_policies: 0,
                ..web.clone()
            };
            self.resources.push(etl.into());
        }
        self.resources.push(web.into());
    }
}
