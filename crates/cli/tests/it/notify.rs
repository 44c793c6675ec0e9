//! `scan --notify`: one message to a Slack webhook (a loopback fake) and to an SNS topic
//! (moto, read back from an SQS queue subscribed to it): the scores and their change, the new
//! critical and high findings, the report; names from the account escaped; a message that
//! cannot be sent is a warning.

use serde_json::Value;
use wellscan_testkit::{MotoServer, Webhook, sdk_config};

use crate::hostile::write_hostile_json;
use crate::util::{Run, wellscan_env};

/// A resource name that would ping a whole Slack channel and show a disguised link.
const PINGING_NAME: &str = "<!channel> <https://evil.example|click here>";

/// The critical and high findings of a scan's `assessment.json`.
fn critical_and_high(run: &Run, dir: &str) -> (Value, usize) {
    let assessment = run.json(&run.tmp.path().join(dir).join("assessment.json"));
    let n = assessment["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| matches!(f["severity"].as_str(), Some("critical" | "high")))
        .count();
    (assessment, n)
}

fn slack_text(hook: &Webhook, index: usize) -> String {
    let delivery = &hook.received()[index];
    assert_eq!(delivery.method, "POST");
    assert_eq!(delivery.content_type, "application/json");
    let body: Value = serde_json::from_str(&delivery.body).expect("a JSON body");
    body["text"].as_str().expect("text").to_string()
}

#[test]
fn a_slack_message_has_the_scores_the_change_the_new_findings_and_the_report() {
    let hook = Webhook::start("200 OK", "ok").expect("webhook");
    let env = [("WELLSCAN_SLACK_WEBHOOK_URL", Some(hook.url()))];
    let dir = tempfile::tempdir().expect("dir");
    let inventory = write_hostile_json(dir.path(), PINGING_NAME);
    let scan = |out: &str| {
        vec![
            "scan".to_string(),
            "--inventory".into(),
            inventory.display().to_string(),
            "--format".into(),
            "json,html".into(),
            "--notify".into(),
            "slack".into(),
            "--out".into(),
            format!("{{tmp}}/{out}"),
        ]
    };
    let first_args = scan("first");
    let first = wellscan_env(
        &first_args.iter().map(String::as_str).collect::<Vec<_>>(),
        &env,
    );
    first.assert_code(0);
    assert_eq!(hook.received().len(), 1, "one message per scan");
    let text = slack_text(&hook, 0);
    let (assessment, high) = critical_and_high(&first, "first");
    assert!(high > 10, "the account has more than ten to list: {high}");
    assert!(
        text.contains(&format!("Overall {}/100\n", assessment["overall_score"])),
        "{text}"
    );
    assert!(text.contains("Security "), "{text}");
    assert!(
        text.contains(&format!(
            "Critical and high findings (the account's first recorded scan): {high}\n"
        )),
        "{text}"
    );
    assert_eq!(text.matches("\n- [").count(), 10, "ten listed: {text}");
    assert!(
        text.contains(&format!("\n- and {} more\n", high - 10)),
        "{text}"
    );
    let report = first.tmp.path().join("first/report.html");
    assert!(
        text.contains(&format!("Report: {}", report.display())),
        "{text}"
    );
    // The account's names are data: nothing in them pings or links.
    assert!(
        !text.contains("<!channel>") && !text.contains("<https://"),
        "{text}"
    );
    assert!(text.contains("&lt;!channel&gt;"), "{text}");
    // The secret URL is never printed.
    assert!(!first.stdout.contains(hook.url()) && !first.stderr.contains(hook.url()));

    let second_args = scan("second");
    let second = first.again_env(
        &second_args.iter().map(String::as_str).collect::<Vec<_>>(),
        &env,
    );
    second.assert_code(0);
    let text = slack_text(&hook, 1);
    assert!(text.contains("/100 (±0 since the last scan)\n"), "{text}");
    assert!(
        text.contains("New critical and high findings since the last scan: none\n"),
        "{text}"
    );
}

#[test]
fn a_message_that_cannot_be_sent_is_a_warning_that_never_shows_the_url() {
    let hook = Webhook::start("404 Not Found", "no_service").expect("webhook");
    let run = wellscan_env(
        &[
            "scan",
            "--demo",
            "--format",
            "json",
            "--notify",
            "slack",
            "--out",
            "{tmp}/out",
        ],
        &[("WELLSCAN_SLACK_WEBHOOK_URL", Some(hook.url()))],
    );
    run.assert_code(0);
    assert!(
        run.stderr.contains(
            "warning: the message to the Slack webhook in WELLSCAN_SLACK_WEBHOOK_URL was not sent: Slack answered HTTP 404: no_service"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains(hook.url()), "{}", run.stderr);
    assert!(run.tmp.path().join("out/assessment.json").is_file());
}

#[test]
fn a_webhook_url_on_the_command_line_is_refused_before_the_scan() {
    let url = "https://hooks.slack.com/services/T0/B0/secret";
    let run = wellscan_env(
        &[
            "scan",
            "--demo",
            "--notify",
            &format!("slack:{url}"),
            "--out",
            "{tmp}/out",
        ],
        &[],
    );
    run.assert_code(2);
    assert!(
        run.stderr.contains("never taken from the command line"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("hooks.slack.com"), "{}", run.stderr);
    assert!(!run.tmp.path().join("out/assessment.json").exists());
    let unset = wellscan_env(&["scan", "--demo", "--notify", "slack"], &[]);
    unset.assert_code(2);
    assert!(
        unset
            .stderr
            .contains("WELLSCAN_SLACK_WEBHOOK_URL is not set"),
        "{}",
        unset.stderr
    );
}

#[test]
fn an_sns_topic_gets_the_message_with_a_subject() {
    let moto = MotoServer::start().expect("moto");
    let endpoint = moto.endpoint();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let (topic, queue, sqs) = runtime.block_on(async {
        let config = sdk_config(&endpoint, "eu-west-1").await;
        let sns = aws_sdk_sns::Client::new(&config);
        let sqs = aws_sdk_sqs::Client::new(&config);
        let topic = sns
            .create_topic()
            .name("wellscan-alerts")
            .send()
            .await
            .expect("topic")
            .topic_arn()
            .expect("arn")
            .to_string();
        let queue = sqs
            .create_queue()
            .queue_name("inbox")
            .send()
            .await
            .expect("queue")
            .queue_url()
            .expect("url")
            .to_string();
        let queue_arn = sqs
            .get_queue_attributes()
            .queue_url(&queue)
            .attribute_names(aws_sdk_sqs::types::QueueAttributeName::QueueArn)
            .send()
            .await
            .expect("attributes")
            .attributes()
            .and_then(|a| a.get(&aws_sdk_sqs::types::QueueAttributeName::QueueArn))
            .expect("queue arn")
            .clone();
        sns.subscribe()
            .topic_arn(&topic)
            .protocol("sqs")
            .endpoint(queue_arn)
            .send()
            .await
            .expect("subscribe");
        (topic, queue, sqs)
    });
    let run = wellscan_env(
        &[
            "scan",
            "--demo",
            "--format",
            "json",
            "--notify",
            &format!("sns:{topic}"),
            "--out",
            "{tmp}/out",
        ],
        &[("AWS_ENDPOINT_URL", Some(&endpoint))],
    );
    run.assert_code(0);
    assert!(!run.stderr.contains("not sent"), "{}", run.stderr);
    let (assessment, high) = critical_and_high(&run, "out");
    let envelope: Value = runtime.block_on(async {
        let got = sqs
            .receive_message()
            .queue_url(&queue)
            .max_number_of_messages(10)
            .send()
            .await
            .expect("receive");
        let messages = got.messages();
        assert_eq!(messages.len(), 1, "one message");
        serde_json::from_str(messages[0].body().expect("body")).expect("SNS envelope")
    });
    let subject = envelope["Subject"].as_str().expect("subject");
    assert_eq!(
        subject,
        format!(
            "wellscan: {} scored {}/100, {high} new critical or high",
            assessment["scan"]["account_id"].as_str().expect("account"),
            assessment["overall_score"]
        )
    );
    let text = envelope["Message"].as_str().expect("message");
    assert!(
        text.contains(&format!("Overall {}/100", assessment["overall_score"])),
        "{text}"
    );
    assert!(text.contains("Report: "), "{text}");
}
