//! Schedules in AWS: with `--schedule-target`, each schedule the service records is also an
//! EventBridge Scheduler schedule that starts the deployment's scan task, so a nightly run never
//! depends on the service being up (and the service's own loop does not run). The task runs
//! `wellscan scan` with the schedule's account, regions and formats, and reads the external id
//! from the deployment's secret: a schedule never carries one.
//!
//! A schedule's cron (five fields, or six with seconds first) becomes EventBridge's six-field
//! `cron(minutes hours day-of-month month day-of-week year)`: `?` in whichever day field is
//! `*`, weekdays numbered from Sunday = 1 rather than 0, and the time zone passed as
//! `ScheduleExpressionTimezone`, so times follow its daylight saving as they do in-process.

use aws_sdk_scheduler::Client;
use aws_sdk_scheduler::error::DisplayErrorContext;
use aws_sdk_scheduler::types::{
    AssignPublicIp, AwsVpcConfiguration, EcsParameters, FlexibleTimeWindow, FlexibleTimeWindowMode,
    LaunchType, NetworkConfiguration, Target,
};
use serde::Deserialize;

use super::Schedule;
use crate::jobs::ScanRequest;

/// The scan task EventBridge Scheduler starts, as the deployment describes it
/// (`WELLSCAN_SCHEDULE_TARGET` in `infra/wellscan.yaml`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskTarget {
    /// The schedule group the service's schedules are made in.
    #[serde(default = "default_group")]
    pub group: String,
    /// The role EventBridge Scheduler starts the task with.
    pub role_arn: String,
    pub cluster_arn: String,
    pub task_definition_arn: String,
    /// The container whose command a schedule sets.
    #[serde(default = "default_container")]
    pub container: String,
    pub subnets: Vec<String>,
    pub security_groups: Vec<String>,
    #[serde(default)]
    pub assign_public_ip: bool,
}

fn default_group() -> String {
    "default".into()
}

fn default_container() -> String {
    "wellscan".into()
}

impl TaskTarget {
    /// Reads `--schedule-target`; the message says what is wrong.
    pub fn parse(json: &str) -> Result<TaskTarget, String> {
        let target: TaskTarget = serde_json::from_str(json)
            .map_err(|e| format!("--schedule-target is not the JSON it should be: {e}"))?;
        if target.subnets.is_empty() {
            return Err("--schedule-target names no subnet for the scan task".into());
        }
        Ok(target)
    }
}

/// The service's schedules as EventBridge Scheduler schedules.
#[derive(Debug, Clone)]
pub struct EventBridge {
    client: Client,
    target: TaskTarget,
}

/// EventBridge's expression for a five- or six-field cron.
pub fn expression(cron: &str) -> Result<String, String> {
    let fields: Vec<&str> = cron.split_whitespace().collect();
    let fields = match fields.as_slice() {
        [_, _, _, _, _] => fields.clone(),
        [seconds, rest @ ..] if rest.len() == 5 => {
            if *seconds != "0" {
                return Err(format!(
                    "cron `{cron}`: EventBridge Scheduler starts scans on the minute; make the seconds 0"
                ));
            }
            rest.to_vec()
        }
        _ => {
            return Err(format!(
                "cron `{cron}`: five fields (minute hour day month weekday)"
            ));
        }
    };
    let (minute, hour, day, month, weekday) =
        (fields[0], fields[1], fields[2], fields[3], fields[4]);
    let (day, weekday) = match (day, weekday) {
        (day, "*" | "?") => (day.to_string(), "?".to_string()),
        ("*" | "?", weekday) => ("?".to_string(), weekdays(weekday)),
        _ => {
            return Err(format!(
                "cron `{cron}`: EventBridge Scheduler cannot match both a day of the month and a weekday; keep one and make the other *"
            ));
        }
    };
    Ok(format!("cron({minute} {hour} {day} {month} {weekday} *)"))
}

/// Weekday numbers from cron's Sunday = 0 (or 7) to EventBridge's Sunday = 1; names, steps
/// (`/2`) and the nth weekday (`#3`) are kept.
fn weekdays(field: &str) -> String {
    let mut out = String::new();
    let mut number = String::new();
    // Digits after `/` or `#` are a step or an occurrence, not a weekday.
    let mut counts = true;
    let flush = |number: &mut String, out: &mut String, counts: bool| {
        if number.is_empty() {
            return;
        }
        match (counts, number.parse::<u32>()) {
            (true, Ok(n)) => out.push_str(&(n % 7 + 1).to_string()),
            _ => out.push_str(number),
        }
        number.clear();
    };
    for c in field.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        flush(&mut number, &mut out, counts);
        counts = !matches!(c, '/' | '#');
        out.push(c);
    }
    flush(&mut number, &mut out, counts);
    out
}

/// The command the scan task runs for `scan`.
pub fn command(scan: &ScanRequest) -> Result<Vec<String>, String> {
    if scan.external_id.is_some() {
        return Err(
            "a scheduled scan here uses the deployment's external id (its secret); leave external_id out"
                .into(),
        );
    }
    let mut command = vec!["scan".to_string()];
    if scan.demo {
        command.push("--demo".into());
    } else {
        let role = scan
            .role_arn
            .clone()
            .ok_or("a scheduled scan of an account needs its role_arn")?;
        command.extend(["--role-arn".to_string(), role]);
    }
    if let Some(regions) = &scan.regions {
        command.extend(["--regions".to_string(), regions.join(",")]);
    }
    if let Some(formats) = &scan.formats {
        command.extend(["--format".to_string(), formats.join(",")]);
    }
    command.push("--quiet".into());
    Ok(command)
}

/// The EventBridge schedule's name for the service's schedule `id`.
pub fn name(id: &str) -> String {
    format!("wellscan-{id}")
}

impl EventBridge {
    pub fn new(client: Client, target: TaskTarget) -> EventBridge {
        EventBridge { client, target }
    }

    /// Checks that `schedule` can run in EventBridge Scheduler; the message says why not.
    pub fn check(schedule: &Schedule) -> Result<(), String> {
        expression(&schedule.cron)?;
        command(&schedule.scan)?;
        Ok(())
    }

    /// Makes the EventBridge schedule that starts `schedule`'s scans.
    pub async fn create(&self, schedule: &Schedule) -> Result<(), String> {
        let t = &self.target;
        let input = serde_json::json!({
            "containerOverrides": [{ "name": t.container, "command": command(&schedule.scan)? }]
        });
        let network = AwsVpcConfiguration::builder()
            .set_subnets(Some(t.subnets.clone()))
            .set_security_groups(Some(t.security_groups.clone()))
            .assign_public_ip(if t.assign_public_ip {
                AssignPublicIp::Enabled
            } else {
                AssignPublicIp::Disabled
            })
            .build()
            .map_err(|e| e.to_string())?;
        let ecs = EcsParameters::builder()
            .task_definition_arn(&t.task_definition_arn)
            .launch_type(LaunchType::Fargate)
            .platform_version("LATEST")
            .network_configuration(
                NetworkConfiguration::builder()
                    .awsvpc_configuration(network)
                    .build(),
            )
            .build()
            .map_err(|e| e.to_string())?;
        let target = Target::builder()
            .arn(&t.cluster_arn)
            .role_arn(&t.role_arn)
            .ecs_parameters(ecs)
            .input(input.to_string())
            .build()
            .map_err(|e| e.to_string())?;
        let window = FlexibleTimeWindow::builder()
            .mode(FlexibleTimeWindowMode::Off)
            .build()
            .map_err(|e| e.to_string())?;
        self.client
            .create_schedule()
            .name(name(&schedule.id))
            .group_name(&t.group)
            .description(format!(
                "wellscan schedule {} by {}",
                schedule.id, schedule.created_by
            ))
            .schedule_expression(expression(&schedule.cron)?)
            .schedule_expression_timezone(&schedule.time_zone)
            .flexible_time_window(window)
            .target(target)
            .send()
            .await
            .map_err(|e| {
                format!(
                    "EventBridge Scheduler refused the schedule: {}",
                    DisplayErrorContext(e)
                )
            })?;
        Ok(())
    }

    /// Removes the EventBridge schedule of `id`; one already gone is not an error.
    pub async fn delete(&self, id: &str) -> Result<(), String> {
        match self
            .client
            .delete_schedule()
            .name(name(id))
            .group_name(&self.target.group)
            .send()
            .await
        {
            Ok(_) => Ok(()),
            Err(e)
                if e.as_service_error()
                    .is_some_and(|e| e.is_resource_not_found_exception()) =>
            {
                Ok(())
            }
            Err(e) => Err(format!(
                "EventBridge Scheduler did not remove the schedule: {}",
                DisplayErrorContext(e)
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crons_become_eventbridge_expressions_or_say_why_not() {
        for (cron, expected) in [
            ("0 2 * * *", "cron(0 2 * * ? *)"),
            ("30 6 * * MON", "cron(30 6 ? * MON *)"),
            ("0 9 1 * *", "cron(0 9 1 * ? *)"),
            ("0 9 * * 1-5", "cron(0 9 ? * 2-6 *)"),
            ("0 9 * * 0,6", "cron(0 9 ? * 1,7 *)"),
            ("0 9 * * 7", "cron(0 9 ? * 1 *)"),
            ("0 9 * * 5#3", "cron(0 9 ? * 6#3 *)"),
            ("0 9 * * 1-5/2", "cron(0 9 ? * 2-6/2 *)"),
            ("0 0 2 * * *", "cron(0 2 * * ? *)"),
            ("*/15 * * * *", "cron(*/15 * * * ? *)"),
        ] {
            assert_eq!(expression(cron).as_deref(), Ok(expected), "{cron}");
        }
        let both = expression("0 9 1 * 1").expect_err("both days");
        assert!(
            both.contains("both a day of the month and a weekday"),
            "{both}"
        );
        let seconds = expression("15 0 2 * * *").expect_err("seconds");
        assert!(seconds.contains("seconds 0"), "{seconds}");
        assert!(expression("0 2 * *").is_err());
    }

    #[test]
    fn a_scheduled_task_scans_what_the_schedule_says_and_never_carries_an_external_id() {
        let role = ScanRequest {
            account_id: Some("111122223333".into()),
            role_arn: Some("arn:aws:iam::111122223333:role/WellscanScan".into()),
            regions: Some(vec!["eu-west-1".into(), "us-east-1".into()]),
            formats: Some(vec!["pdf".into(), "json".into()]),
            ..ScanRequest::default()
        };
        assert_eq!(
            command(&role).expect("command"),
            [
                "scan",
                "--role-arn",
                "arn:aws:iam::111122223333:role/WellscanScan",
                "--regions",
                "eu-west-1,us-east-1",
                "--format",
                "pdf,json",
                "--quiet"
            ]
        );
        let demo = ScanRequest {
            demo: true,
            ..ScanRequest::default()
        };
        assert_eq!(command(&demo).expect("demo"), ["scan", "--demo", "--quiet"]);
        let with_id = ScanRequest {
            external_id: Some("the-id".into()),
            ..role
        };
        let refused = command(&with_id).expect_err("external id");
        assert!(refused.contains("leave external_id out"), "{refused}");
    }

    #[test]
    fn the_target_is_read_from_the_deployment_json() {
        let target = TaskTarget::parse(
            r#"{"group": "wellscan-service", "role_arn": "arn:aws:iam::1:role/s",
                "cluster_arn": "arn:aws:ecs:eu-west-1:1:cluster/c",
                "task_definition_arn": "arn:aws:ecs:eu-west-1:1:task-definition/t:3",
                "subnets": ["subnet-1", "subnet-2"], "security_groups": ["sg-1"]}"#,
        )
        .expect("target");
        assert_eq!(target.container, "wellscan");
        assert!(!target.assign_public_ip);
        assert!(TaskTarget::parse(r#"{"group": "g"}"#).is_err());
        let unknown = TaskTarget::parse(
            r#"{"role_arn": "r", "cluster_arn": "c", "task_definition_arn": "t", "subnets": ["s"], "security_groups": [], "subnet": "typo"}"#,
        )
        .expect_err("unknown field");
        assert!(unknown.contains("subnet"), "{unknown}");
    }
}
