//! The demo account's SNS topics.

use std::collections::BTreeSet;

use super::*;

impl Gen {
    /// The topics the region's alarms notify (`OWNER-oncall`), and in us-east-1 a public one
    /// with a plain-HTTP subscriber.
    pub(super) fn topics(&mut self, region: &str) {
        let owners: BTreeSet<String> = self
            .resources
            .iter()
            .filter(|r| r.region() == region)
            .filter_map(Resource::as_cloudwatch_alarm)
            .flat_map(|a| a.alarm_actions.iter())
            .filter_map(|a| a.rsplit(':').next().map(String::from))
            .collect();
        for name in owners {
            // One on-call topic nobody ever subscribed to, though alarms notify it.
            let forgotten = region == "us-east-1" && name == "team-data-oncall";
            let topic = SnsTopic {
                arn: arn("sns", region, &name),
                id: name,
                region: region.into(),
                kms_key_id: Some("alias/aws/sns".into()),
                subscriptions: if forgotten { 0 } else { 2 },
                ..Default::default()
            };
            self.resources.push(topic.into());
        }
        if region == "us-east-1" {
            let topic = SnsTopic {
                id: "shipment-status".into(),
                arn: arn("sns", region, "shipment-status"),
                region: region.into(),
                kms_key_id: None,
                policy_public: true,
                subscriptions: 3,
                http_subscriptions: 1,
                ..Default::default()
            };
            self.resources.push(topic.into());
        }
    }
}
