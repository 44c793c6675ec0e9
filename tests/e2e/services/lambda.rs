//! Lambda: a function on a deprecated runtime and x86, untraced, with a variable named like a
//! secret, beside a current arm64 function with active tracing and plain configuration.
//!
//! Left to the fixture tests: throttling and memory sizing (metrics), asynchronous invocation
//! without a failure destination, and function URLs without auth.

use aws_sdk_lambda::types::{
    Architecture, Environment, FunctionCode, Runtime, TracingConfig, TracingMode,
};

use super::{Account, Proof};

const PROOF: Proof = Proof {
    units: &["lambda"],
    cases: &[
        (
            "lambda.deprecated_runtime",
            "us-east-1/legacy-fn",
            Some("us-east-1/modern-fn"),
        ),
        (
            "lambda.x86_architecture",
            "us-east-1/legacy-fn",
            Some("us-east-1/modern-fn"),
        ),
        (
            "lambda.tracing_disabled",
            "us-east-1/legacy-fn",
            Some("us-east-1/modern-fn"),
        ),
        (
            "lambda.env_secret_like",
            "us-east-1/legacy-fn",
            Some("us-east-1/modern-fn"),
        ),
    ],
    actions: &[
        "cloudwatch:GetMetricData",
        "lambda:GetFunctionConcurrency",
        "lambda:GetFunctionUrlConfig",
        "lambda:ListFunctionEventInvokeConfigs",
        "lambda:ListFunctions",
        "lambda:ListTags",
    ],
};

/// The smallest valid zip file: an empty archive.
const EMPTY_ZIP: &[u8] = b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";

async fn seed(account: &Account) {
    let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    let role = aws_sdk_iam::Client::new(&account.east)
        .create_role()
        .role_name("lambda-exec")
        .assume_role_policy_document(trust)
        .send()
        .await
        .expect("role")
        .role
        .map(|r| r.arn)
        .expect("role arn");
    let lambda = aws_sdk_lambda::Client::new(&account.east);
    for (name, runtime, arch, tracing, variable) in [
        (
            "legacy-fn",
            Runtime::Python38,
            Architecture::X8664,
            TracingMode::PassThrough,
            "DB_PASSWORD",
        ),
        (
            "modern-fn",
            Runtime::Python312,
            Architecture::Arm64,
            TracingMode::Active,
            "TABLE_NAME",
        ),
    ] {
        lambda
            .create_function()
            .function_name(name)
            .runtime(runtime)
            .architectures(arch)
            .tracing_config(TracingConfig::builder().mode(tracing).build())
            .role(&role)
            .handler("index.handler")
            .code(
                FunctionCode::builder()
                    .zip_file(aws_smithy_types::Blob::new(EMPTY_ZIP))
                    .build(),
            )
            .environment(Environment::builder().variables(variable, "orders").build())
            .send()
            .await
            .expect("function");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lambda() {
    let account = Account::start().await;
    seed(&account).await;
    account.prove(&PROOF).await;
}
