//! The demo account's RDS instances and Aurora clusters.

use super::*;

impl Gen {
    pub(super) fn database(&mut self, region: &str, azs: &[String], app: &App) {
        let prod = app.env == "prod";
        let engine = *self.rng.pick(&[
            ("postgres", "16.4"),
            ("mysql", "8.0.39"),
            ("postgres", "13.15"),
        ]);
        let class = *self.rng.pick(&[
            "db.m5.large",
            "db.r5.large",
            "db.t2.medium",
            "db.m6g.large",
            "db.m4.large",
        ]);
        let id = format!("{}-{}-db", app.name, app.env);
        let mut t = self.workload_tags(&format!("{}-{}-db", app.display, app.env), app);
        t.insert("Name".into(), format!("{}-{}-db", app.display, app.env));
        let idle = self.rng.chance(0.15);
        let db = RdsInstance {
            unknown: Default::default(),
            arn: arn("rds", region, &format!("db:{id}")),
            id: id.clone(),
            region: region.into(),
            tags: t,
            class: class.into(),
            engine: engine.0.into(),
            engine_version: engine.1.into(),
            status: "available".into(),
            cluster_id: None,
            availability_zone: azs[0].clone(),
            multi_az: prod && self.rng.chance(0.6),
            storage_encrypted: self.rng.chance(0.75),
            publicly_accessible: app.env == "dev" && self.rng.chance(0.7),
            backup_retention_days: *self.rng.pick(if prod {
                &[7u32, 14, 35, 1]
            } else {
                &[0u32, 1, 7, 3]
            }),
            deletion_protection: prod && self.rng.chance(0.7),
            auto_minor_version_upgrade: self.rng.chance(0.7),
            storage_type: (*self.rng.pick(&["gp2", "gp3", "io1"])).into(),
            allocated_storage_gib: *self.rng.pick(&[100u32, 200, 500]),
            // Production databases were created from the platform team's template.
            max_allocated_storage_gib: prod.then_some(1000),
            performance_insights: self.rng.chance(0.5),
            enhanced_monitoring: self.rng.chance(0.4),
            cpu: Some(if idle {
                MetricStats {
                    average: self.rng.float(0.5, 2.0),
                    maximum: self.rng.float(3.0, 6.0),
                    days: 14,
                }
            } else {
                MetricStats {
                    average: self.rng.float(10.0, 70.0),
                    maximum: self.rng.float(70.0, 99.0),
                    days: 14,
                }
            }),
            connections: Some(if idle {
                MetricStats {
                    average: 0.0,
                    maximum: 0.0,
                    days: 14,
                }
            } else {
                MetricStats {
                    average: self.rng.float(5.0, 120.0),
                    maximum: self.rng.float(120.0, 400.0),
                    days: 14,
                }
            }),
        };
        self.resources.push(db.into());
        if prod {
            self.alarm(
                region,
                app,
                &format!("{id}-cpu-high"),
                "AWS/RDS",
                "CPUUtilization",
                ("DBInstanceIdentifier", &id),
            );
        }
        if app.name == "orders-api" && region == "us-east-1" {
            self.aurora(region, azs, app);
        }
    }

    pub(super) fn aurora(&mut self, region: &str, azs: &[String], app: &App) {
        let cluster = "orders-ledger".to_string();
        let members: Vec<String> = (1..=2).map(|n| format!("orders-ledger-{n}")).collect();
        for (n, member) in members.iter().enumerate() {
            let resource = RdsInstance {
                unknown: Default::default(),
                arn: arn("rds", region, &format!("db:{member}")),
                id: member.clone(),
                region: region.into(),
                tags: tags(&[
                    ("Name", member),
                    ("Owner", app.owner),
                    ("Environment", app.env),
                ]),
                class: "db.r6g.large".into(),
                engine: "aurora-postgresql".into(),
                engine_version: "16.4".into(),
                status: "available".into(),
                cluster_id: Some(cluster.clone()),
                availability_zone: azs[n % azs.len()].clone(),
                multi_az: false,
                storage_encrypted: true,
                publicly_accessible: false,
                backup_retention_days: 14,
                deletion_protection: true,
                auto_minor_version_upgrade: true,
                storage_type: "aurora".into(),
                allocated_storage_gib: 0,
                max_allocated_storage_gib: None,
                performance_insights: true,
                enhanced_monitoring: true,
                cpu: Some(MetricStats {
                    average: self.rng.float(20.0, 50.0),
                    maximum: 88.0,
                    days: 14,
                }),
                connections: Some(MetricStats {
                    average: self.rng.float(40.0, 90.0),
                    maximum: 240.0,
                    days: 14,
                }),
            };
            self.resources.push(resource.into());
        }
        let resource = RdsCluster {
            unknown: Default::default(),
            arn: arn("rds", region, &format!("cluster:{cluster}")),
            id: cluster,
            region: region.into(),
            tags: tags(&[
                ("Name", "orders-ledger"),
                ("Owner", app.owner),
                ("Environment", app.env),
            ]),
            engine: "aurora-postgresql".into(),
            engine_version: "16.4".into(),
            status: "available".into(),
            multi_az: true,
            storage_encrypted: true,
            backup_retention_days: 14,
            deletion_protection: true,
            member_ids: members,
        };
        self.resources.push(resource.into());
    }
}
