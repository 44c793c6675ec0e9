//! The demo account's CloudWatch alarms, and each region's alarm count as the collector records it.

use super::*;

impl Gen {
    pub(super) fn alarm(
        &mut self,
        region: &str,
        app: &App,
        name: &str,
        namespace: &str,
        metric: &str,
        dim: (&str, &str),
    ) {
        let with_action = self.rng.chance(0.65);
        let state = match self.rng.next() % 10 {
            0 => AlarmState::Alarm,
            1 | 2 => AlarmState::InsufficientData,
            _ => AlarmState::Ok,
        };
        let resource = CloudwatchAlarm {
            unknown: Default::default(),
            id: name.into(),
            arn: arn("cloudwatch", region, &format!("alarm:{name}")),
            region: region.into(),
            tags: tags(&[("Owner", app.owner)]),
            namespace: namespace.into(),
            metric_name: metric.into(),
            dimensions: BTreeMap::from([(dim.0.to_string(), dim.1.to_string())]),
            state,
            state_since: self.ago(0, 60),
            actions_enabled: with_action || self.rng.chance(0.5),
            alarm_actions: if with_action {
                vec![arn("sns", region, &format!("{}-oncall", app.owner))]
            } else {
                Vec::new()
            },
            ok_actions: Vec::new(),
        };
        self.resources.push(resource.into());
    }

    /// Each region's alarm count, as the CloudWatch collector records it.
    pub(super) fn alarm_counts(&mut self) {
        for region in REGIONS {
            let alarms = self
                .resources
                .iter()
                .filter(|r| r.region() == *region && r.as_cloudwatch_alarm().is_some())
                .count();
            let resource = CloudwatchAlarms {
                unknown: Default::default(),
                id: "cloudwatch-alarms".into(),
                arn: arn("cloudwatch", region, "alarm:*"),
                region: region.to_string(),
                tags: Tags::new(),
                alarms: alarms as u32,
            };
            self.resources.push(resource.into());
        }
    }
}
