//! The test infrastructure proves itself: moto starts, and the real SDK talks to it.

use aws_sdk_s3::primitives::ByteStream;
use wellscan_testkit::{LatencyProxy, MotoServer, ProxyConfig, sdk_config};

/// An S3 client of the endpoint, path-style as any emulator needs.
async fn s3(endpoint: &str) -> aws_sdk_s3::Client {
    let config = sdk_config(endpoint, "us-east-1").await;
    aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(&config)
            .force_path_style(true)
            .build(),
    )
}

#[tokio::test]
async fn moto_serves_s3_to_the_real_sdk_client() {
    let moto = MotoServer::start().expect("moto starts");
    let s3 = s3(&moto.endpoint()).await;

    s3.create_bucket()
        .bucket("wellscan-seed")
        .send()
        .await
        .expect("create bucket");
    s3.put_object()
        .bucket("wellscan-seed")
        .key("reports/report.json")
        .body(ByteStream::from_static(b"{\"ok\":true}"))
        .send()
        .await
        .expect("put object");

    let buckets = s3.list_buckets().send().await.expect("list buckets");
    let names: Vec<&str> = buckets.buckets().iter().filter_map(|b| b.name()).collect();
    assert_eq!(names, ["wellscan-seed"]);

    let object = s3
        .get_object()
        .bucket("wellscan-seed")
        .key("reports/report.json")
        .send()
        .await
        .expect("get object");
    let body = object.body.collect().await.expect("read body").into_bytes();
    assert_eq!(&body[..], b"{\"ok\":true}");
}

#[test]
fn moto_server_is_killed_on_drop() {
    let moto = MotoServer::start().expect("moto starts");
    let port = moto.port();
    drop(moto);
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let refused =
        std::net::TcpStream::connect_timeout(&addr, std::time::Duration::from_secs(1)).is_err();
    assert!(refused, "moto still answers on {port} after drop");
}

#[tokio::test]
async fn the_proxy_replays_answers_in_the_order_they_were_recorded() {
    let moto = MotoServer::start().expect("moto starts");
    let proxy = LatencyProxy::start(
        &moto.endpoint(),
        ProxyConfig {
            record: true,
            ..ProxyConfig::default()
        },
    )
    .await
    .expect("proxy");
    let s3 = s3(&proxy.endpoint()).await;
    let listed = |s3: aws_sdk_s3::Client| async move {
        let out = s3.list_buckets().send().await.expect("list buckets");
        out.buckets()
            .iter()
            .filter_map(|b| b.name().map(String::from))
            .collect::<Vec<_>>()
    };
    // Recorded: the same question before and after a bucket exists.
    assert!(listed(s3.clone()).await.is_empty());
    s3.create_bucket()
        .bucket("replayed")
        .send()
        .await
        .expect("create bucket");
    assert_eq!(listed(s3.clone()).await, ["replayed"]);

    proxy.replay();
    drop(moto);
    // moto is gone: the answers come from the recording, in order, then again from the start.
    assert!(listed(s3.clone()).await.is_empty());
    assert_eq!(listed(s3.clone()).await, ["replayed"]);
    assert!(listed(s3.clone()).await.is_empty());
    assert_eq!(proxy.replayed(), 3);
}

/// moto closes every connection it answers (`Connection: close`); the proxy, like any proxy,
/// keeps that to its own connection, so its clients reuse theirs as they would with AWS.
#[tokio::test]
async fn the_proxy_keeps_its_clients_connections_open() {
    let moto = MotoServer::start().expect("moto starts");
    let proxy = LatencyProxy::start(&moto.endpoint(), ProxyConfig::default())
        .await
        .expect("proxy");
    let s3 = s3(&proxy.endpoint()).await;
    for _ in 0..5 {
        s3.list_buckets().send().await.expect("list buckets");
    }
    assert_eq!(proxy.requests(), 5);
    assert_eq!(
        proxy.connections(),
        1,
        "one connection for five calls in a row"
    );
}

mod converse {
    use std::collections::HashMap;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use aws_sdk_bedrockruntime::types::{
        ContentBlock, ConversationRole, Message, SpecificToolChoice, Tool, ToolChoice,
        ToolConfiguration, ToolInputSchema, ToolSpecification,
    };
    use aws_smithy_types::Document;
    use wellscan_testkit::{FakeBedrock, Reply, sdk_config};

    const MODEL: &str = "us.anthropic.claude-sonnet-4-20250514-v1:0";

    async fn client(endpoint: &str) -> aws_sdk_bedrockruntime::Client {
        let sdk = sdk_config(endpoint, "us-east-1").await;
        aws_sdk_bedrockruntime::Client::from_conf(
            aws_sdk_bedrockruntime::config::Builder::from(&sdk)
                .retry_config(
                    aws_config::retry::RetryConfig::standard()
                        .with_initial_backoff(Duration::from_millis(10)),
                )
                .build(),
        )
    }

    async fn ask(
        client: &aws_sdk_bedrockruntime::Client,
    ) -> Result<
        aws_sdk_bedrockruntime::operation::converse::ConverseOutput,
        aws_sdk_bedrockruntime::error::SdkError<
            aws_sdk_bedrockruntime::operation::converse::ConverseError,
        >,
    > {
        let schema = Document::Object(HashMap::from([(
            "type".to_string(),
            Document::String("object".into()),
        )]));
        client
            .converse()
            .model_id(MODEL)
            .messages(
                Message::builder()
                    .role(ConversationRole::User)
                    .content(ContentBlock::Text("rate this account".into()))
                    .build()
                    .expect("message"),
            )
            .tool_config(
                ToolConfiguration::builder()
                    .tools(Tool::ToolSpec(
                        ToolSpecification::builder()
                            .name("answer")
                            .input_schema(ToolInputSchema::Json(schema))
                            .build()
                            .expect("tool"),
                    ))
                    .tool_choice(ToolChoice::Tool(
                        SpecificToolChoice::builder()
                            .name("answer")
                            .build()
                            .expect("choice"),
                    ))
                    .build()
                    .expect("tools"),
            )
            .send()
            .await
    }

    #[tokio::test]
    async fn the_real_client_gets_the_tool_answer_and_the_fake_keeps_the_request() {
        let fake = FakeBedrock::start(Duration::ZERO, |_| Reply::Tool {
            name: "answer".into(),
            input: serde_json::json!({"rating": "good", "ids": ["f-1"]}),
        })
        .await
        .expect("fake");
        let out = ask(&client(&fake.endpoint()).await)
            .await
            .expect("converse");
        let message = out
            .output()
            .and_then(|o| o.as_message().ok())
            .expect("message");
        let Some(ContentBlock::ToolUse(tool)) = message.content().first() else {
            panic!("no tool use: {message:?}");
        };
        assert_eq!(tool.name(), "answer");
        let Document::Object(input) = tool.input() else {
            panic!("input {:?}", tool.input());
        };
        assert_eq!(input.get("rating"), Some(&Document::String("good".into())));
        assert_eq!(out.usage().map(|u| u.input_tokens()), Some(1200));

        let requests = fake.requests();
        assert_eq!(requests.len(), 1);
        assert_eq!(requests[0].model_id, MODEL, "decoded from the path");
        assert_eq!(requests[0].messages(), "rate this account");
        assert_eq!(
            requests[0].body["toolConfig"]["toolChoice"]["tool"]["name"],
            "answer"
        );
    }

    #[tokio::test]
    async fn throttling_is_retried_and_validation_errors_are_not() {
        let calls = Arc::new(AtomicUsize::new(0));
        let seen = Arc::clone(&calls);
        let fake = FakeBedrock::start(Duration::ZERO, move |_| {
            if seen.fetch_add(1, Ordering::SeqCst) < 2 {
                Reply::Throttle
            } else {
                Reply::Tool {
                    name: "answer".into(),
                    input: serde_json::json!({}),
                }
            }
        })
        .await
        .expect("fake");
        ask(&client(&fake.endpoint()).await)
            .await
            .expect("the third attempt answers");
        assert_eq!(fake.requests().len(), 3);

        let invalid = FakeBedrock::start(Duration::ZERO, |_| {
            Reply::Invalid("The model returned an invalid tool input".into())
        })
        .await
        .expect("fake");
        let err = ask(&client(&invalid.endpoint()).await)
            .await
            .expect_err("invalid");
        assert!(
            err.as_service_error()
                .is_some_and(|e| e.is_validation_exception()),
            "{err:?}"
        );
        assert_eq!(invalid.requests().len(), 1, "not retried");
    }
}

/// The Well-Architected Tool fake, driven by the real `aws-sdk-wellarchitected` client: what
/// it answers deserialises into the SDK's types, and its errors into the SDK's typed errors.
mod watool {
    use aws_sdk_wellarchitected::Client;
    use aws_sdk_wellarchitected::operation::create_milestone::CreateMilestoneError;
    use aws_sdk_wellarchitected::operation::get_answer::GetAnswerError;
    use aws_sdk_wellarchitected::operation::update_answer::UpdateAnswerError;
    use aws_sdk_wellarchitected::types::WorkloadEnvironment;
    use wellscan_testkit::{FakeWellArchitected, sdk_config};

    async fn client(fake: &FakeWellArchitected) -> Client {
        Client::new(&sdk_config(&fake.endpoint(), "eu-west-1").await)
    }

    #[tokio::test]
    async fn a_workload_is_created_answered_paged_and_milestoned_through_the_sdk() {
        let fake = FakeWellArchitected::start().await.expect("fake");
        let tool = client(&fake).await;
        let created = tool
            .create_workload()
            .workload_name("payments")
            .description("Payments, production")
            .environment(WorkloadEnvironment::Production)
            .lenses("wellarchitected")
            .aws_regions("eu-west-1")
            .send()
            .await
            .expect("create");
        let id = created.workload_id().expect("id").to_string();
        let listed = tool
            .list_workloads()
            .workload_name_prefix("pay")
            .send()
            .await
            .expect("list");
        assert_eq!(
            listed.workload_summaries()[0].workload_name(),
            Some("payments")
        );

        // Every question, 50 at a time, as the SDK's paginator walks them.
        let mut questions = Vec::new();
        let mut pages = tool
            .list_answers()
            .workload_id(&id)
            .lens_alias("wellarchitected")
            .max_results(50)
            .into_paginator()
            .send();
        while let Some(page) = pages.next().await {
            let page = page.expect("page");
            questions.extend(page.answer_summaries().iter().map(|a| {
                (
                    a.pillar_id().unwrap_or_default().to_string(),
                    a.question_id().unwrap_or_default().to_string(),
                )
            }));
        }
        assert_eq!(questions.len(), 57);
        assert_eq!(
            questions[0],
            ("operationalExcellence".into(), "priorities".into())
        );

        let updated = tool
            .update_answer()
            .workload_id(&id)
            .lens_alias("wellarchitected")
            .question_id("priorities")
            .selected_choices("ops_priorities_ext_cust_needs")
            .notes("Evidence: 本番")
            .send()
            .await
            .expect("update");
        assert_eq!(
            updated.answer().map(|a| a.selected_choices().to_vec()),
            Some(vec!["ops_priorities_ext_cust_needs".to_string()])
        );
        let read = tool
            .get_answer()
            .workload_id(&id)
            .lens_alias("wellarchitected")
            .question_id("priorities")
            .send()
            .await
            .expect("get");
        assert_eq!(
            read.answer().and_then(|a| a.notes()),
            Some("Evidence: 本番")
        );

        let review = tool
            .get_lens_review()
            .workload_id(&id)
            .lens_alias("wellarchitected")
            .send()
            .await
            .expect("review");
        assert_eq!(
            review.lens_review().and_then(|r| r.lens_version()),
            Some("2024-06-27")
        );

        let first = tool
            .create_milestone()
            .workload_id(&id)
            .milestone_name("wellscan 1")
            .send()
            .await
            .expect("milestone");
        assert_eq!(first.milestone_number(), Some(1));
        let again = tool
            .create_milestone()
            .workload_id(&id)
            .milestone_name("wellscan 1")
            .send()
            .await;
        assert!(matches!(
            again.map_err(|e| e.into_service_error()),
            Err(CreateMilestoneError::ConflictException(_))
        ));
        let milestones = tool
            .list_milestones()
            .workload_id(&id)
            .send()
            .await
            .expect("milestones");
        assert_eq!(milestones.milestone_summaries().len(), 1);
    }

    #[tokio::test]
    async fn its_refusals_are_the_sdks_typed_errors() {
        let fake = FakeWellArchitected::start().await.expect("fake");
        let tool = client(&fake).await;
        let missing = tool
            .get_answer()
            .workload_id("0000")
            .lens_alias("wellarchitected")
            .question_id("priorities")
            .send()
            .await;
        match missing.map_err(|e| e.into_service_error()) {
            Err(GetAnswerError::ResourceNotFoundException(e)) => {
                assert!(
                    e.message()
                        .unwrap_or_default()
                        .contains("Workload 0000 not found"),
                    "{e:?}"
                );
            }
            other => panic!("expected ResourceNotFoundException, got {other:?}"),
        }
        let id = tool
            .create_workload()
            .workload_name("payments")
            .description("Payments, production")
            .environment(WorkloadEnvironment::Production)
            .lenses("wellarchitected")
            .aws_regions("eu-west-1")
            .send()
            .await
            .expect("create")
            .workload_id()
            .expect("id")
            .to_string();
        let bad_choice = tool
            .update_answer()
            .workload_id(&id)
            .lens_alias("wellarchitected")
            .question_id("priorities")
            .selected_choices("sec_permissions_least_privileges")
            .send()
            .await;
        assert!(matches!(
            bad_choice.map_err(|e| e.into_service_error()),
            Err(UpdateAnswerError::ValidationException(_))
        ));
        let long_notes = tool
            .update_answer()
            .workload_id(&id)
            .lens_alias("wellarchitected")
            .question_id("priorities")
            .notes("n".repeat(2085))
            .send()
            .await;
        assert!(matches!(
            long_notes.map_err(|e| e.into_service_error()),
            Err(UpdateAnswerError::ValidationException(_))
        ));
    }
}
