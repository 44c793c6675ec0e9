//! The demo account's Lambda functions.

use super::*;

impl Gen {
    pub(super) fn function(&mut self, region: &str, app: &App, n: u64) {
        let purposes = [
            "ingest",
            "notify",
            "resize",
            "reconcile",
            "export",
            "cleanup",
        ];
        let id = format!(
            "{}-{}-{}",
            app.name,
            app.env,
            purposes[(n as usize - 1) % purposes.len()]
        );
        let runtime = *self.rng.pick(&[
            "python3.12",
            "python3.12",
            "nodejs20.x",
            "nodejs22.x",
            "python3.8",
            "nodejs16.x",
            "java17",
            "provided.al2023",
        ]);
        let arm = self.rng.chance(0.3);
        let async_invoked = self.rng.chance(0.5);
        let mut env_names = vec!["LOG_LEVEL".to_string(), "TABLE_NAME".to_string()];
        let mut secret_like = Vec::new();
        if self.rng.chance(0.25) {
            env_names.push("DB_PASSWORD".into());
            secret_like.push("DB_PASSWORD".into());
        }
        let mut t = self.workload_tags(&id, app);
        t.remove("Name");
        if app.name == "etl" && n == 1 {
            // The scanner redacted a credential someone pasted into a tag.
            t.insert("DeployToken".into(), REDACTED.into());
        }
        let mut invocations = self.rng.float(0.0, 50_000.0);
        if app.name == "etl" && n == 5 {
            // The export job the data team replaced last quarter: deployed, never called since.
            invocations = 0.0;
        }
        let throttled = if self.rng.chance(0.1) {
            self.rng.float(5.0, 50.0)
        } else {
            0.0
        };
        let throttles = MetricStats {
            average: throttled,
            maximum: throttled * 4.0,
            days: 14,
        };
        // Short calls: the maximum is a few times the average.
        let average_ms = self.rng.float(20.0, 2000.0);
        let duration = MetricStats {
            average: average_ms,
            maximum: average_ms * self.rng.float(1.5, 4.5),
            days: 14,
        };
        let resource = LambdaFunction {
            unknown: Default::default(),
            arn: arn("lambda", region, &format!("function:{id}")),
            id: id.clone(),
            region: region.into(),
            tags: t,
            runtime: Some(runtime.into()),
            architectures: vec![if arm { "arm64" } else { "x86_64" }.into()],
            memory_mb: *self.rng.pick(&[128u32, 256, 512, 1024, 3008]),
            timeout_s: *self.rng.pick(&[3u32, 30, 60, 300, 900]),
            last_modified: Some(self.now - Duration::days(20 + 45 * n as i64)),
            role_arn: format!(
                "arn:aws:iam::{ACCOUNT}:role/{}-{}-lambda",
                app.name, app.env
            ),
            tracing: if self.rng.chance(0.4) {
                TracingMode::Active
            } else {
                TracingMode::PassThrough
            },
            dead_letter_target: (async_invoked && self.rng.chance(0.5))
                .then(|| arn("sqs", region, &format!("{id}-dlq"))),
            on_failure_destination: None,
            reserved_concurrency: self.rng.chance(0.2).then_some(10),
            function_url_auth: (app.name == "web" && n == 1).then_some(if region == "eu-west-1" {
                FunctionUrlAuth::None
            } else {
                FunctionUrlAuth::AwsIam
            }),
            environment_variable_names: env_names,
            secret_like_variables: secret_like,
            invoked_async: async_invoked,
            invocations: Some(MetricStats {
                average: invocations,
                maximum: invocations * 3.0,
                days: 14,
            }),
            errors: Some(MetricStats {
                average: (invocations * 0.002).round(),
                maximum: (invocations * 0.02).round(),
                days: 14,
            }),
            throttles: Some(throttles),
            duration_ms: Some(duration),
        };
        self.resources.push(resource.into());
        if self.rng.chance(0.4) {
            self.alarm(
                region,
                app,
                &format!("{id}-errors"),
                "AWS/Lambda",
                "Errors",
                ("FunctionName", &id),
            );
        }
        self.function_logs(region, &id);
    }
}
