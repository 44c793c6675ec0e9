//! Secrets in every common format, planted in tags, descriptions and a policy document, live
//! through moto and in a replayed inventory file: none reaches inventory.json, a report, a
//! prompt, stdout, stderr or the history.

use std::path::Path;
use std::time::Duration;

use serde_json::{Value, json};
use wellscan_testkit::{FakeBedrock, MotoServer, plain_answer, sdk_config};

use crate::util::{Run, wellscan_env};

/// One value per format, and the part of it that must never appear.
const CORPUS: &[(&str, &str)] = &[
    (
        "https://hooks.slack.com/services/T0A1B2C3D/B0A1B2C3D/q8Zr3TvW9yXkLm2Np5Qs7Uv",
        "q8Zr3TvW9yXkLm2Np5Qs7Uv",
    ),
    (
        "https://contoso.webhook.office.com/webhookb2/a1b2/IncomingWebhook/Zy9Xw8Vu7",
        "Zy9Xw8Vu7",
    ),
    (
        "https://discord.com/api/webhooks/1234567890/AbCdEf98GhIj",
        "AbCdEf98GhIj",
    ),
    (
        "postgres://app:Pl4ntedDbPassw0rd@db.internal:5432/orders",
        "Pl4ntedDbPassw0rd",
    ),
    (
        "https://exports.s3.amazonaws.com/q.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=c0ffee1234abcd",
        "c0ffee1234abcd",
    ),
    (
        "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwbGFudGVkIn0.Pl4ntedJwtSignatureXyz123",
        "Pl4ntedJwtSignatureXyz123",
    ),
    ("Basic cGxhbnRlZDpodW50ZXIy", "cGxhbnRlZDpodW50ZXIy"),
    (
        "rotate wJalrXUtnFEMI/K7MDENG/bPxRfiCYPLANTEDKEY soon",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYPLANTEDKEY",
    ),
    (
        "ghp_Pl4ntedGitHubT0kenAbcdefghij1234567",
        "Pl4ntedGitHubT0ken",
    ),
    ("glpat-Pl4ntedGitLabT0ken99", "Pl4ntedGitLabT0ken99"),
    (
        "xoxb-2048102-99123456-Pl4ntedSlackT0ken",
        "Pl4ntedSlackT0ken",
    ),
    (
        "sk_live_Pl4ntedStripeKey12345678",
        "Pl4ntedStripeKey12345678",
    ),
    (
        "-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAAPLANTED -----END OPENSSH PRIVATE KEY-----",
        "b3BlbnNzaC1rZXktdjEAAAAAPLANTED",
    ),
];

/// A short password whose only tell is its key.
const KEYED: (&str, &str) = ("DB_PASSWORD", "tr0ub4dor");

/// Every text a person or a model could see from `run` writing into `out`.
fn everything(run: &Run, out: &Path, bedrock: &FakeBedrock) -> Vec<(String, String)> {
    let mut texts = vec![
        ("stdout".to_string(), run.stdout.clone()),
        ("stderr".to_string(), run.stderr.clone()),
    ];
    for file in ["inventory.json", "assessment.json", "report.html"] {
        let text = std::fs::read_to_string(out.join(file)).expect(file);
        texts.push((file.to_string(), text));
    }
    // The PDF and the workbook are compressed: read them as a person would.
    texts.push((
        "report.pdf".into(),
        wellscan_testkit::pdf_text(&out.join("report.pdf")),
    ));
    texts.push(("report.xlsx".into(), xlsx_text(&out.join("report.xlsx"))));
    for r in bedrock.requests() {
        texts.push(("a request to the model".into(), r.body.to_string()));
    }
    // The history: the database and its write-ahead log, as bytes.
    let data = run.tmp.path().join("wellscan");
    for entry in std::fs::read_dir(&data).expect("history folder").flatten() {
        let bytes = std::fs::read(entry.path()).expect("history file");
        texts.push((
            format!("history {}", entry.path().display()),
            String::from_utf8_lossy(&bytes).into_owned(),
        ));
    }
    texts
}

fn xlsx_text(path: &Path) -> String {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(path).expect("workbook");
    let mut all = String::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("sheet");
        for cell in range.rows().flatten() {
            all.push_str(&cell.to_string());
            all.push('\n');
        }
    }
    all
}

fn assert_clean(texts: &[(String, String)], access_key: &str) {
    for (name, text) in texts {
        for (_, secret) in CORPUS.iter().chain([&KEYED]) {
            assert!(!text.contains(secret), "{secret} is in {name}");
        }
        assert!(
            !text.contains(access_key),
            "the full access key id is in {name}"
        );
    }
    let inventory = &texts
        .iter()
        .find(|(n, _)| n == "inventory.json")
        .expect("inventory")
        .1;
    let inventory = &inventory.replace("\": \"", "\":\"");
    // What was planted arrived, minus the secrets: the words around them are kept.
    assert!(
        inventory.contains(r#""Note05":"Bearer [redacted]""#),
        "{inventory}"
    );
    assert!(inventory.contains(r#""DB_PASSWORD":"[redacted]""#));
    assert!(inventory.contains("postgres://app:[redacted]@db.internal:5432/orders"));
    assert!(inventory.contains("rotate [redacted] soon"));
    for kind in ["security_group", "kms_key", "iam_policy"] {
        assert!(inventory.contains(&format!(r#""kind":"{kind}""#)), "{kind}");
    }
    assert!(
        texts.iter().any(|(n, _)| n.starts_with("history")),
        "recorded"
    );
    assert!(
        texts
            .iter()
            .any(|(n, t)| n == "a request to the model" && t.contains("Note05"))
    );
    let tail = &access_key[access_key.len() - 4..];
    assert!(
        inventory.contains(&format!("…{tail}")),
        "the key is shown by its last four characters"
    );
}

fn scan(args: &[&str], bedrock: &FakeBedrock, out: &str) -> Run {
    let endpoint = bedrock.endpoint();
    let mut all = vec!["scan"];
    all.extend_from_slice(args);
    all.extend_from_slice(&[
        "--ai",
        "bedrock",
        "--model",
        "anthropic.claude-3-5-haiku-20241022-v1:0",
        "--out",
        out,
    ]);
    wellscan_env(
        &all,
        &[
            ("RUST_LOG", Some("trace")),
            ("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", Some(&endpoint)),
        ],
    )
}

fn bedrock() -> (tokio::runtime::Runtime, FakeBedrock) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let bedrock = runtime
        .block_on(FakeBedrock::start(Duration::ZERO, plain_answer))
        .expect("fake bedrock");
    (runtime, bedrock)
}

#[test]
fn secrets_in_every_common_format_reach_nothing_in_a_live_scan() {
    let moto = MotoServer::start().expect("moto starts");
    let access_key = seed(&moto.endpoint());
    let (_runtime, bedrock) = bedrock();
    let run = scan(
        &["--endpoint-url", &moto.endpoint(), "--regions", "us-east-1"],
        &bedrock,
        "{tmp}/r",
    );
    run.assert_code(0);
    let texts = everything(&run, &run.tmp.path().join("r"), &bedrock);
    assert_clean(&texts, &access_key);
}

#[test]
fn secrets_in_every_common_format_reach_nothing_in_a_replayed_inventory() {
    let (_runtime, bedrock) = bedrock();
    let access_key = "AKIAPLANTEDKEY0WXYZ1";
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("raw.json");
    std::fs::write(&file, raw_inventory(access_key)).expect("write");
    let path = file.display().to_string();
    let run = scan(&["--inventory", &path], &bedrock, "{tmp}/r");
    run.assert_code(0);
    let texts = everything(&run, &run.tmp.path().join("r"), &bedrock);
    assert_clean(&texts, access_key);
}

/// The demo account, hand-edited with the corpus in tags, descriptions and a policy, and a
/// full access key id: what a file from elsewhere could hold.
fn raw_inventory(access_key: &str) -> String {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/demo/inventory.json");
    let mut inventory: Value =
        serde_json::from_str(&std::fs::read_to_string(demo).expect("demo")).expect("json");
    let mut tags = serde_json::Map::new();
    for (i, (value, _)) in CORPUS.iter().enumerate() {
        tags.insert(format!("Note{i:02}"), json!(value));
    }
    tags.insert(KEYED.0.into(), json!(KEYED.1));
    let sentence = CORPUS
        .iter()
        .map(|(v, _)| *v)
        .collect::<Vec<_>>()
        .join(" and ");
    for r in inventory["resources"].as_array_mut().expect("resources") {
        match r["kind"].as_str() {
            Some("ec2_instance") | Some("s3_bucket") => r["tags"]
                .as_object_mut()
                .expect("tags")
                .extend(tags.clone()),
            Some("security_group") | Some("kms_key") => r["description"] = json!(sentence),
            Some("iam_policy") => {
                r["document"] = json!({"Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
                    "Resource": "*", "Condition": {"StringEquals": {"aws:UserAgent": sentence}}}]})
            }
            Some("iam_user") => {
                for key in r["access_keys"].as_array_mut().expect("keys") {
                    key["id"] = json!(access_key);
                }
            }
            _ => {}
        }
    }
    serde_json::to_string(&inventory).expect("json")
}

/// An instance and a bucket tagged with the corpus, a security group and a KMS key whose
/// descriptions hold it, a customer policy quoting it, and a user with an access key, whose id
/// is returned.
fn seed(endpoint: &str) -> String {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let cfg = sdk_config(endpoint, "us-east-1").await;
        let ec2 = aws_sdk_ec2::Client::new(&cfg);
        let mut spec = aws_sdk_ec2::types::TagSpecification::builder()
            .resource_type(aws_sdk_ec2::types::ResourceType::Instance);
        for (i, (value, _)) in CORPUS.iter().enumerate() {
            spec = spec.tags(
                aws_sdk_ec2::types::Tag::builder()
                    .key(format!("Note{i:02}"))
                    .value(*value)
                    .build(),
            );
        }
        spec = spec.tags(
            aws_sdk_ec2::types::Tag::builder()
                .key(KEYED.0)
                .value(KEYED.1)
                .build(),
        );
        ec2.run_instances()
            .image_id(wellscan_testkit::TEST_AMI)
            .min_count(1)
            .max_count(1)
            .tag_specifications(spec.build())
            .send()
            .await
            .expect("run");
        let sentence = CORPUS
            .iter()
            .map(|(v, _)| *v)
            .collect::<Vec<_>>()
            .join(" and ");
        ec2.create_security_group()
            .group_name("db")
            .description(&sentence)
            .send()
            .await
            .expect("security group");
        aws_sdk_kms::Client::new(&cfg)
            .create_key()
            .description(&sentence)
            .send()
            .await
            .expect("key");
        let iam = aws_sdk_iam::Client::new(&cfg);
        let policy = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Action": "s3:GetObject", "Resource": "*",
            "Condition": {"StringEquals": {"aws:UserAgent": sentence}}}]});
        iam.create_policy()
            .policy_name("exports")
            .policy_document(policy.to_string())
            .send()
            .await
            .expect("policy");
        iam.create_user()
            .user_name("deploy")
            .send()
            .await
            .expect("user");
        let key = iam
            .create_access_key()
            .user_name("deploy")
            .send()
            .await
            .expect("key");
        key.access_key()
            .map(|k| k.access_key_id().to_string())
            .expect("key id")
    })
}
