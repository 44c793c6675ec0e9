//! The demo account's Systems Manager fleet, region by region. The platform team put the SSM
//! Agent and a daily Patch Manager scan on every production image; staging instances run the
//! agent and are scanned weekly; development boxes and the untagged ones were built by hand and
//! never registered. One production instance in five is behind on patches, and in Ireland one
//! development box's agent lost its connection in October.

use super::*;

impl Gen {
    pub(super) fn fleets(&mut self) {
        for region in REGIONS {
            let running: Vec<(String, String)> = self
                .resources
                .iter()
                .filter_map(|r| match r {
                    Resource::Ec2Instance(i)
                        if i.region == *region && i.state == InstanceState::Running =>
                    {
                        let env = i.tags.get("Environment").cloned().unwrap_or_default();
                        Some((i.id.clone(), env))
                    }
                    _ => None,
                })
                .collect();
            let scanned = |days: i64| PatchState {
                ended: Some(self.now - Duration::days(days) - Duration::hours(1)),
                ..Default::default()
            };
            let agent = |id: &str, patches: Option<PatchState>| ManagedInstance {
                id: id.into(),
                ping_status: "Online".into(),
                last_ping: Some(self.now - Duration::minutes(4)),
                agent_version: "3.3.1142.0".into(),
                platform: "Linux".into(),
                patches,
            };
            let mut instances = Vec::new();
            let mut production = 0;
            let mut lost_one = false;
            for (id, env) in &running {
                match env.as_str() {
                    "prod" => {
                        production += 1;
                        let mut patches = scanned(1);
                        if production % 5 == 2 {
                            patches.missing = 4;
                            patches.critical = 1;
                            patches.security = 3;
                        }
                        instances.push(agent(id, Some(patches)));
                    }
                    "staging" => instances.push(agent(id, Some(scanned(5)))),
                    "dev" if *region == "eu-west-1" && !lost_one => {
                        lost_one = true;
                        instances.push(ManagedInstance {
                            ping_status: "ConnectionLost".into(),
                            last_ping: Some(self.now - Duration::days(33)),
                            ..agent(id, None)
                        });
                    }
                    _ => {}
                }
            }
            let fleet = ManagedInstances {
                id: "managed-instances".into(),
                arn: arn("ssm", region, "managed-instance/*"),
                region: region.to_string(),
                instances,
                ..Default::default()
            };
            self.resources.push(fleet.into());
        }
    }
}
