//! Lambda: functions with their configuration, URL auth, concurrency, async failure handling
//! and tags. Environment *values* are read only to decide whether they look secret, then
//! dropped here; the inventory keeps names.

use serde_json::Value;
use wellscan_aws::rest::{self as api, label};
use wellscan_model::{Fact, FunctionUrlAuth, LambdaFunction, TracingMode};

use crate::json::{int, items, map, str, strings, text};
use crate::unit::{Collected, Paging, UnitCtx};
use crate::{error, redact};

/// Lambda's client.
type Lambda = api::Client<api::Lambda>;

/// `NextMarker` in the answer, `Marker` in the next request.
const NEXT_MARKER: Paging = Paging {
    request: "Marker",
    answer: "NextMarker",
};

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "lambda"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let lambda = ctx.client::<Lambda>();
    let mut out = Collected::default();
    let mut functions = Vec::new();
    let read = crate::rest::pages(
        ctx,
        &lambda,
        "ListFunctions",
        "/2015-03-31/functions",
        &[],
        NEXT_MARKER,
        |page| functions.extend(items(&page, "Functions").filter_map(|f| function_of(ctx, f))),
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
    lambda: &Lambda,
    mut f: LambdaFunction,
) -> (LambdaFunction, Vec<wellscan_model::CoverageGap>) {
    let mut gaps = Vec::new();
    let name = label(&f.id);
    let paths = [
        format!("/2017-03-31/tags/{}", label(&f.arn)),
        format!("/2021-10-31/functions/{name}/url"),
        format!("/2019-09-30/functions/{name}/concurrency"),
        format!("/2019-09-25/functions/{name}/event-invoke-config/list"),
    ];
    let (tags, urls, concurrency, invoke) = tokio::join!(
        lambda.get("ListTags", &paths[0], &[]),
        lambda.get("GetFunctionUrlConfig", &paths[1], &[]),
        lambda.get("GetFunctionConcurrency", &paths[2], &[]),
        lambda.get("ListFunctionEventInvokeConfigs", &paths[3], &[]),
    );
    match tags {
        Ok(t) => f.tags = crate::unit::tags(map(&t, "Tags")),
        Err(e) => {
            f.unknown.mark(Fact::Tags);
            gaps.push(ctx.gap("ListTags", &e))
        }
    }
    match urls {
        Ok(u) => {
            f.function_url_auth = Some(match str(&u, "AuthType") {
                Some("NONE") => FunctionUrlAuth::None,
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
        Ok(c) => {
            f.reserved_concurrency =
                int(&c, "ReservedConcurrentExecutions").and_then(|n| i32::try_from(n).ok())
        }
        Err(e) if error::code(&e) == Some("ResourceNotFoundException") => {}
        Err(e) => {
            f.unknown.mark(Fact::ReservedConcurrency);
            gaps.push(ctx.gap("GetFunctionConcurrency", &e))
        }
    }
    match invoke {
        Ok(i) => {
            if let Some(config) = items(&i, "FunctionEventInvokeConfigs").next() {
                f.invoked_async = true;
                f.on_failure_destination = config
                    .get("DestinationConfig")
                    .and_then(|d| d.get("OnFailure"))
                    .and_then(|o| str(o, "Destination"))
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

fn function_of(ctx: &UnitCtx, f: &Value) -> Option<LambdaFunction> {
    let name = str(f, "FunctionName")?.to_string();
    let variables: Vec<(&str, &str)> = f
        .get("Environment")
        .map(|e| map(e, "Variables").collect())
        .unwrap_or_default();
    let mut names: Vec<String> = variables.iter().map(|(k, _)| k.to_string()).collect();
    names.sort();
    let secret_like = redact::secret_like_names(variables);
    let whole = |name: &str, default: i64| {
        u32::try_from(int(f, name).unwrap_or(default).max(0)).unwrap_or(u32::MAX)
    };
    Some(LambdaFunction {
        unknown: Default::default(),
        arn: str(f, "FunctionArn")
            .map(String::from)
            .unwrap_or_else(|| ctx.arn("lambda", &format!("function:{name}"))),
        id: name,
        region: ctx.region.clone(),
        tags: Default::default(),
        runtime: str(f, "Runtime").map(String::from),
        architectures: strings(f, "Architectures"),
        memory_mb: whole("MemorySize", 128),
        timeout_s: whole("Timeout", 3),
        last_modified: str(f, "LastModified").and_then(last_modified),
        role_arn: text(f, "Role"),
        tracing: match f.get("TracingConfig").and_then(|t| str(t, "Mode")) {
            Some("Active") => TracingMode::Active,
            _ => TracingMode::PassThrough,
        },
        dead_letter_target: f
            .get("DeadLetterConfig")
            .and_then(|d| str(d, "TargetArn"))
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
