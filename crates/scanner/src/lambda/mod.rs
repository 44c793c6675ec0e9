//! Lambda: functions with their configuration, URL auth, concurrency, async failure handling
//! and tags. Environment *values* are read only to decide whether they look secret, then
//! dropped here; the inventory keeps names.

use aws_sdk_lambda::types::{
    FunctionConfiguration, FunctionUrlAuthType, TracingMode as SdkTracing,
};
use wellscan_model::{Fact, FunctionUrlAuth, LambdaFunction, TracingMode};

use crate::unit::{Collected, UnitCtx};
use crate::{error, redact};

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "lambda"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let lambda = ctx.client::<aws_sdk_lambda::Client>();
    let mut out = Collected::default();
    let mut functions = Vec::new();
    let read = ctx
        .pages(
            "ListFunctions",
            lambda.list_functions().into_paginator().send(),
            |page| functions.extend(page.functions().iter().filter_map(|f| function_of(ctx, f))),
        )
        .await;
    out.absorb(read);
    if functions.is_empty() {
        return out;
    }
    let details = ctx
        .fan_out(functions, |f| {
            let lambda = lambda.clone();
            async move { details(ctx, &lambda, f).await }
        })
        .await;
    out.depth += 1;
    for (function, gaps) in details {
        out.found.push(function.into());
        out.gaps.extend(gaps);
    }
    out
}

/// The per-function calls, all at once: tags, URL auth (of the unqualified function),
/// reserved concurrency, async invocation config.
async fn details(
    ctx: &UnitCtx,
    lambda: &aws_sdk_lambda::Client,
    mut f: LambdaFunction,
) -> (LambdaFunction, Vec<wellscan_model::CoverageGap>) {
    let mut gaps = Vec::new();
    let (tags, urls, concurrency, invoke) = tokio::join!(
        lambda.list_tags().resource(&f.arn).send(),
        lambda.get_function_url_config().function_name(&f.id).send(),
        lambda
            .get_function_concurrency()
            .function_name(&f.id)
            .send(),
        lambda
            .list_function_event_invoke_configs()
            .function_name(&f.id)
            .send(),
    );
    match tags {
        Ok(t) => f.tags = crate::unit::tags(t.tags().cloned().unwrap_or_default()),
        Err(e) => {
            f.unknown.mark(Fact::Tags);
            gaps.push(ctx.gap("ListTags", &e))
        }
    }
    match urls {
        Ok(u) => {
            f.function_url_auth = Some(match u.auth_type() {
                FunctionUrlAuthType::None => FunctionUrlAuth::None,
                _ => FunctionUrlAuth::AwsIam,
            })
        }
        // No URL for the function: a fact, not a failure.
        Err(e) if error::code(&e) == Some("ResourceNotFoundException") => {}
        Err(e) => {
            f.unknown.mark(Fact::FunctionUrlAuth);
            gaps.push(ctx.gap("GetFunctionUrlConfig", &e))
        }
    }
    match concurrency {
        Ok(c) => f.reserved_concurrency = c.reserved_concurrent_executions(),
        Err(e) if error::code(&e) == Some("ResourceNotFoundException") => {}
        Err(e) => {
            f.unknown.mark(Fact::ReservedConcurrency);
            gaps.push(ctx.gap("GetFunctionConcurrency", &e))
        }
    }
    match invoke {
        Ok(i) => {
            if let Some(config) = i.function_event_invoke_configs().first() {
                f.invoked_async = true;
                f.on_failure_destination = config
                    .destination_config()
                    .and_then(|d| d.on_failure())
                    .and_then(|o| o.destination())
                    .map(String::from);
            }
        }
        Err(e) if error::code(&e) == Some("ResourceNotFoundException") => {}
        Err(e) => {
            f.unknown.mark(Fact::InvokedAsync);
            gaps.push(ctx.gap("ListFunctionEventInvokeConfigs", &e))
        }
    }
    (f, gaps)
}

/// Lambda writes `LastModified` as `2024-05-02T09:14:27.118+0000`, not RFC 3339; a value in
/// neither form is not read.
fn last_modified(text: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z")
        .or_else(|_| chrono::DateTime::parse_from_rfc3339(text))
        .ok()
        .map(|t| t.to_utc())
}

fn function_of(ctx: &UnitCtx, f: &FunctionConfiguration) -> Option<LambdaFunction> {
    let name = f.function_name()?.to_string();
    let variables = f.environment().and_then(|e| e.variables());
    let mut names: Vec<String> = variables
        .map(|v| v.keys().cloned().collect())
        .unwrap_or_default();
    names.sort();
    let secret_like = redact::secret_like_names(
        variables
            .into_iter()
            .flatten()
            .map(|(k, v)| (k.as_str(), v.as_str())),
    );
    Some(LambdaFunction {
        unknown: Default::default(),
        arn: f
            .function_arn()
            .map(String::from)
            .unwrap_or_else(|| ctx.arn("lambda", &format!("function:{name}"))),
        id: name,
        region: ctx.region.clone(),
        tags: Default::default(),
        runtime: f.runtime().map(|r| r.as_str().to_string()),
        architectures: f
            .architectures()
            .iter()
            .map(|a| a.as_str().to_string())
            .collect(),
        memory_mb: f.memory_size().unwrap_or(128).max(0) as u32,
        timeout_s: f.timeout().unwrap_or(3).max(0) as u32,
        last_modified: f.last_modified().and_then(last_modified),
        role_arn: f.role().unwrap_or_default().to_string(),
        tracing: match f.tracing_config().and_then(|t| t.mode()) {
            Some(SdkTracing::Active) => TracingMode::Active,
            _ => TracingMode::PassThrough,
        },
        dead_letter_target: f
            .dead_letter_config()
            .and_then(|d| d.target_arn())
            .map(String::from),
        on_failure_destination: None,
        reserved_concurrency: None,
        function_url_auth: None,
        environment_variable_names: names,
        secret_like_variables: secret_like,
        invoked_async: false,
        invocations: None,
        errors: None,
        throttles: None,
        duration_ms: None,
    })
}

#[cfg(test)]
mod tests {
    use super::last_modified;

    #[test]
    fn last_modified_reads_lambdas_own_format_and_rfc_3339() {
        let expected = "2024-05-02T09:14:27.118Z";
        for text in [
            "2024-05-02T09:14:27.118+0000",
            "2024-05-02T11:14:27.118+02:00",
        ] {
            let parsed =
                last_modified(text).map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true));
            assert_eq!(parsed.as_deref(), Some(expected), "{text}");
        }
        assert_eq!(last_modified("yesterday"), None);
    }
}
