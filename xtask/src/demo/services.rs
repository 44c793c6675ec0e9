//! The demo account's load balancers, Auto Scaling groups, queues, topics, secrets,
//! certificates, detective services, backups, file systems and image repositories: planted by
//! hand, region by region, so that every check on them has a failing resource and a healthy
//! twin a reviewer can point at.

use std::collections::BTreeSet;

use chrono::Duration;
use wellscan_model::*;

use super::{ACCOUNT, Gen, REGIONS, arn, tags};

/// A security policy that negotiates TLS 1.2 and 1.3 only.
const MODERN_TLS: &str = "ELBSecurityPolicy-TLS13-1-2-2021-06";

impl Gen {
    /// Everything in this file, for every region.
    pub(super) fn services(&mut self) {
        for region in REGIONS {
            self.load_balancers(region);
            self.autoscaling(region);
            self.messaging(region);
            self.detection(region);
            self.backups(region);
        }
        self.us_east_1_extras();
    }

    fn load_balancers(&mut self, region: &str) {
        let azs = vec![format!("{region}a"), format!("{region}b")];
        let https = |policy: &str| Listener {
            port: 443,
            protocol: "HTTPS".into(),
            ssl_policy: Some(policy.into()),
            redirects_to_https: false,
            default_action: Some("forward".into()),
        };
        let http = |redirect| Listener {
            port: 80,
            protocol: "HTTP".into(),
            ssl_policy: None,
            redirects_to_https: redirect,
            default_action: Some(if redirect { "redirect" } else { "forward" }.into()),
        };
        let group = |name: &str, targets, healthy| TargetGroupHealth {
            name: name.into(),
            targets,
            healthy,
            unhealthy: Some(targets - healthy),
            health_checks: Some(true),
        };
        let healthy = LoadBalancer {
            id: "orders-api-alb".into(),
            lb_type: "application".into(),
            scheme: "internet-facing".into(),
            availability_zones: azs.clone(),
            listeners: vec![http(true), https(MODERN_TLS)],
            access_logs: true,
            deletion_protection: true,
            cross_zone: true,
            drop_invalid_headers: true,
            target_groups: vec![group("orders-api-tg", 3, 3)],
            tags: tags(&[("Owner", "team-orders"), ("Environment", "prod")]),
            ..Default::default()
        };
        self.push_lb(region, healthy.clone());
        match region {
            "us-east-1" => {
                self.push_lb(
                    region,
                    LoadBalancer {
                        id: "web-alb".into(),
                        listeners: vec![http(false), https("ELBSecurityPolicy-2016-08")],
                        access_logs: false,
                        deletion_protection: false,
                        drop_invalid_headers: false,
                        target_groups: vec![group("web-tg", 6, 6)],
                        tags: tags(&[("Owner", "team-web"), ("Environment", "prod")]),
                        ..healthy.clone()
                    },
                );
                self.push_lb(
                    region,
                    LoadBalancer {
                        id: "billing-v1-internal".into(),
                        scheme: "internal".into(),
                        listeners: vec![http(false)],
                        target_groups: vec![group("billing-v1-tg", 0, 0)],
                        tags: tags(&[("Owner", "team-finance"), ("Environment", "prod")]),
                        ..healthy.clone()
                    },
                );
                self.push_lb(
                    region,
                    LoadBalancer {
                        id: "bastion-nlb".into(),
                        lb_type: "network".into(),
                        availability_zones: vec![format!("{region}a")],
                        listeners: vec![Listener {
                            port: 22,
                            protocol: "TCP".into(),
                            default_action: Some("forward".into()),
                            ..Default::default()
                        }],
                        access_logs: false,
                        cross_zone: false,
                        drop_invalid_headers: false,
                        target_groups: vec![group("bastion-tg", 1, 1)],
                        tags: tags(&[("Owner", "team-platform"), ("Environment", "prod")]),
                        ..healthy.clone()
                    },
                );
            }
            "us-west-2" => self.push_lb(
                region,
                LoadBalancer {
                    id: "dr-replication-nlb".into(),
                    lb_type: "network".into(),
                    scheme: "internal".into(),
                    listeners: vec![Listener {
                        port: 5432,
                        protocol: "TCP".into(),
                        default_action: Some("forward".into()),
                        ..Default::default()
                    }],
                    cross_zone: false,
                    drop_invalid_headers: false,
                    target_groups: vec![group("dr-replica-tg", 2, 2)],
                    tags: tags(&[("Owner", "team-orders"), ("Environment", "prod")]),
                    ..healthy.clone()
                },
            ),
            "eu-west-1" => self.push_lb(
                region,
                LoadBalancer {
                    id: "web-alb".into(),
                    target_groups: vec![group("web-tg", 4, 0)],
                    tags: tags(&[("Owner", "team-web"), ("Environment", "prod")]),
                    ..healthy
                },
            ),
            _ => {}
        }
    }

    /// Healthy twins of the idle and no-healthy-target checks: a load balancer that only
    /// redirects (the apex domain to www) needs no target, and a Lambda target group's health
    /// checks are off by default, its target `unavailable`. Made after everything else, so
    /// their random draws change nothing before them.
    pub(super) fn load_balancer_twins(&mut self) {
        let region = "us-east-1";
        let base = LoadBalancer {
            lb_type: "application".into(),
            scheme: "internet-facing".into(),
            availability_zones: vec![format!("{region}a"), format!("{region}b")],
            access_logs: true,
            deletion_protection: true,
            cross_zone: true,
            drop_invalid_headers: true,
            ..Default::default()
        };
        self.push_lb(
            region,
            LoadBalancer {
                id: "apex-redirect-alb".into(),
                listeners: vec![Listener {
                    port: 80,
                    protocol: "HTTP".into(),
                    ssl_policy: None,
                    redirects_to_https: true,
                    default_action: Some("redirect".into()),
                }],
                tags: tags(&[("Owner", "team-web"), ("Environment", "prod")]),
                ..base.clone()
            },
        );
        self.push_lb(
            region,
            LoadBalancer {
                id: "quotes-fn-alb".into(),
                scheme: "internal".into(),
                listeners: vec![Listener {
                    port: 80,
                    protocol: "HTTP".into(),
                    ssl_policy: None,
                    redirects_to_https: false,
                    default_action: Some("forward".into()),
                }],
                target_groups: vec![TargetGroupHealth {
                    name: "quotes-fn-tg".into(),
                    targets: 1,
                    healthy: 0,
                    unhealthy: Some(0),
                    health_checks: Some(false),
                }],
                tags: tags(&[("Owner", "team-orders"), ("Environment", "prod")]),
                ..base
            },
        );
    }

    /// The healthy twin of `efs.backup_off`: automatic backups off, and the daily plan assigns
    /// it by its `Backup` tag. Made after everything else, as `load_balancer_twins`.
    pub(super) fn backup_twins(&mut self) {
        let region = "us-east-1";
        let id = "fs-0d5e6f708192a3b4c";
        let fs = EfsFileSystem {
            id: id.into(),
            arn: arn("elasticfilesystem", region, &format!("file-system/{id}")),
            region: region.into(),
            tags: tags(&[("Owner", "team-data"), ("Backup", "daily")]),
            encrypted: true,
            automatic_backups: false,
            lifecycle_to_ia: true,
            throughput_mode: "elastic".into(),
            size_bytes: 12_000_000_000,
            mount_targets: 2,
            created_at: self.ago(300, 900),
            ..Default::default()
        };
        self.resources.push(fs.into());
    }

    fn push_lb(&mut self, region: &str, mut lb: LoadBalancer) {
        let kind = if lb.lb_type == "network" {
            "net"
        } else {
            "app"
        };
        lb.arn = arn(
            "elasticloadbalancing",
            region,
            &format!("loadbalancer/{kind}/{}/{}", lb.id, self.rng.hex(16)),
        );
        lb.region = region.into();
        lb.availability_zones = lb
            .availability_zones
            .iter()
            .map(|z| format!("{region}{}", z.chars().last().unwrap_or('a')))
            .collect();
        lb.created_at = self.ago(90, 900);
        self.resources.push(lb.into());
    }

    fn autoscaling(&mut self, region: &str) {
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

    /// Queues, and the topics the region's alarms notify (`OWNER-oncall`) plus a few more.
    fn messaging(&mut self, region: &str) {
        let queue = |name: &str, encrypted: bool, dlq: Option<&str>| SqsQueue {
            id: name.into(),
            arn: arn("sqs", region, name),
            region: region.into(),
            url: format!("https://sqs.{region}.amazonaws.com/{ACCOUNT}/{name}"),
            encrypted,
            dead_letter_queue: dlq.map(|d| arn("sqs", region, d)),
            retention_seconds: 345_600,
            ..Default::default()
        };
        let mut queues = vec![
            queue("orders-events", true, Some("orders-events-dlq")),
            SqsQueue {
                is_dead_letter_queue: true,
                ..queue("orders-events-dlq", true, None)
            },
        ];
        if region == "us-east-1" {
            queues.push(SqsQueue {
                messages_visible: 1_840,
                ..queue("billing-jobs", false, None)
            });
            queues.push(SqsQueue {
                policy_public: true,
                ..queue("partner-webhooks", true, Some("orders-events-dlq"))
            });
        }
        self.resources.extend(queues.into_iter().map(Into::into));

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

    /// GuardDuty, Security Hub and AWS Config, as an account that enabled them where it
    /// started and not in the regions it added later.
    fn detection(&mut self, region: &str) {
        let guardduty = matches!(region, "us-east-1" | "eu-west-1");
        let detector = if guardduty {
            self.rng.hex(32)
        } else {
            "guardduty".to_string()
        };
        self.resources.push(
            Guardduty {
                arn: arn("guardduty", region, &format!("detector/{detector}")),
                id: detector,
                region: region.into(),
                enabled: guardduty,
                ..Default::default()
            }
            .into(),
        );
        self.resources.push(
            SecurityHub {
                id: "securityhub".into(),
                arn: arn("securityhub", region, "hub/default"),
                region: region.into(),
                enabled: region == "us-east-1",
                ..Default::default()
            }
            .into(),
        );
        let exists = region != "ap-northeast-1";
        let recorder = ConfigRecorder {
            id: if exists { "default" } else { "config" }.into(),
            arn: arn("config", region, "configuration-recorder/default"),
            region: region.into(),
            exists,
            recording: exists && region != "us-west-2",
            all_supported: exists,
            ..Default::default()
        };
        self.resources.push(recorder.into());
    }

    fn backups(&mut self, region: &str) {
        let tagged = |key: &str, value: &str| TagCondition {
            operator: "StringEquals".into(),
            key: key.into(),
            value: value.into(),
        };
        let selections = match region {
            // Production data by tag, every table, and what is tagged for the daily plan.
            "us-east-1" => vec![
                BackupSelection {
                    plan: "daily-prod".into(),
                    name: "production".into(),
                    any_tags: vec![tagged("Environment", "prod"), tagged("Backup", "daily")],
                    ..Default::default()
                },
                BackupSelection {
                    plan: "weekly-tables".into(),
                    name: "tables".into(),
                    resources: vec!["arn:aws:dynamodb:*:*:table/*".into()],
                    ..Default::default()
                },
            ],
            "us-west-2" => vec![BackupSelection {
                plan: "dr-databases".into(),
                name: "databases".into(),
                resources: vec![
                    "arn:aws:rds:*:*:db:*".into(),
                    "arn:aws:rds:*:*:cluster:*".into(),
                ],
                ..Default::default()
            }],
            _ => Vec::new(),
        };
        let plans = match region {
            "us-east-1" => 2,
            "us-west-2" => 1,
            _ => 0,
        };
        self.resources.push(
            BackupPlans {
                id: "backup-plans".into(),
                arn: arn("backup", region, "backup-plan/*"),
                region: region.into(),
                plans,
                selections: Some(selections),
                ..Default::default()
            }
            .into(),
        );
        if plans > 0 {
            let vault = |name: &str, points, locked| BackupVault {
                id: name.into(),
                arn: arn("backup", region, &format!("backup-vault:{name}")),
                region: region.into(),
                recovery_points: points,
                locked,
                encryption_key_arn: Some(arn("kms", region, "key/backup")),
                ..Default::default()
            };
            self.resources.push(vault("Default", 140, false).into());
            self.resources.push(vault("prod-locked", 420, true).into());
        }
    }

    /// File systems, repositories, secrets and certificates, which Kumo keeps in its home
    /// region (and one file system in Ireland).
    fn us_east_1_extras(&mut self) {
        let region = "us-east-1";
        let fs = |g: &mut Gen, id: &str, owner: &str| EfsFileSystem {
            id: id.into(),
            arn: arn("elasticfilesystem", region, &format!("file-system/{id}")),
            region: region.into(),
            tags: tags(&[("Owner", owner)]),
            encrypted: true,
            automatic_backups: true,
            lifecycle_to_ia: true,
            throughput_mode: "elastic".into(),
            size_bytes: 40_000_000_000,
            mount_targets: 2,
            created_at: g.ago(300, 900),
            ..Default::default()
        };
        let shared = fs(self, "fs-0a1b2c3d4e5f60718", "team-platform");
        let analytics = EfsFileSystem {
            automatic_backups: false,
            lifecycle_to_ia: false,
            size_bytes: 260_000_000_000,
            ..fs(self, "fs-0c4d5e6f708192a3b", "team-data")
        };
        let legacy = EfsFileSystem {
            arn: arn(
                "elasticfilesystem",
                "eu-west-1",
                "file-system/fs-0e9f8a7b6c5d4e3f2",
            ),
            region: "eu-west-1".into(),
            encrypted: false,
            size_bytes: 3_000_000_000,
            ..fs(self, "fs-0e9f8a7b6c5d4e3f2", "team-web")
        };
        self.resources
            .extend([shared, analytics, legacy].into_iter().map(Into::into));

        let repo = |g: &mut Gen, name: &str, good: bool| EcrRepository {
            id: name.into(),
            arn: arn("ecr", region, &format!("repository/{name}")),
            region: region.into(),
            scan_on_push: good,
            tags_immutable: good,
            lifecycle_policy: good,
            encryption: "AES256".into(),
            created_at: g.ago(100, 700),
            ..Default::default()
        };
        let repos = [
            repo(self, "orders-api", true),
            repo(self, "etl-jobs", false),
        ];
        self.resources.extend(repos.into_iter().map(Into::into));

        let secret = |g: &mut Gen, name: &str, rotated: bool, read_days: i64| Secret {
            id: name.into(),
            arn: arn(
                "secretsmanager",
                region,
                &format!("secret:{name}-{}", g.rng.hex(6)),
            ),
            region: region.into(),
            rotation_enabled: rotated,
            last_rotated: if rotated { g.ago(5, 25) } else { None },
            last_accessed: Some(g.now - Duration::days(read_days)),
            created_at: g.ago(400, 800),
            ..Default::default()
        };
        let secrets = [
            secret(self, "prod/orders/db", true, 0),
            secret(self, "prod/billing/stripe-api-key", false, 1),
            secret(self, "dev/etl/legacy-ftp", false, 210),
        ];
        self.resources.extend(secrets.into_iter().map(Into::into));

        let cert =
            |g: &mut Gen, domain: &str, kind: &str, key: &str, days: i64, users| Certificate {
                id: format!(
                    "{}-{}-{}-{}-{}",
                    g.rng.hex(8),
                    g.rng.hex(4),
                    g.rng.hex(4),
                    g.rng.hex(4),
                    g.rng.hex(12)
                ),
                arn: String::new(),
                region: region.into(),
                domain: domain.into(),
                status: "ISSUED".into(),
                cert_type: kind.into(),
                key_algorithm: key.into(),
                not_after: Some(g.now + Duration::days(days)),
                in_use_by: users,
                ..Default::default()
            };
        let certs = [
            cert(
                self,
                "orders.kumo-freight.example",
                "AMAZON_ISSUED",
                "RSA_2048",
                290,
                1,
            ),
            cert(
                self,
                "partners.kumo-freight.example",
                "IMPORTED",
                "RSA_2048",
                12,
                1,
            ),
            cert(
                self,
                "legacy-edi.kumo-freight.example",
                "IMPORTED",
                "RSA_1024",
                160,
                0,
            ),
        ];
        for mut c in certs {
            c.arn = arn("acm", region, &format!("certificate/{}", c.id));
            self.resources.push(c.into());
        }
    }
}
