//! `--s3`: reports uploaded to S3 (moto) with the right keys, types, encryption and metadata, a
//! presigned link that downloads the file, and a denied bucket that leaves the local copy.

use aws_sdk_s3::types::ServerSideEncryption;
use wellscan_testkit::{MotoServer, sdk_config};

use crate::util::{Run, wellscan_env};

const BUCKET: &str = "audit-reports";

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

async fn s3(endpoint: &str) -> aws_sdk_s3::Client {
    let sdk = sdk_config(endpoint, "us-east-1").await;
    aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(&sdk)
            .force_path_style(true)
            .build(),
    )
}

fn moto_with_bucket() -> MotoServer {
    let moto = MotoServer::start().expect("moto starts");
    runtime().block_on(async {
        s3(&moto.endpoint())
            .await
            .create_bucket()
            .bucket(BUCKET)
            .send()
            .await
            .expect("bucket");
    });
    moto
}

fn scan_to_s3(moto: &MotoServer, extra: &[&str], env: &[(&str, Option<&str>)]) -> Run {
    let endpoint = moto.endpoint();
    let mut args = vec![
        "scan",
        "--demo",
        "--regions",
        "eu-west-1",
        "--out",
        "{tmp}/r",
        "--s3",
        "s3://audit-reports/wellscan/",
    ];
    args.extend_from_slice(extra);
    let mut env = env.to_vec();
    env.push(("AWS_ENDPOINT_URL_S3", Some(&endpoint)));
    wellscan_env(&args, &env)
}

/// `wellscan/<account>/<yyyy>/<mm>/<scan-id>/` for the scan in `run`'s local assessment.
fn prefix(run: &Run) -> String {
    let a = run.json(&run.tmp.path().join("r/assessment.json"));
    let started = a["scan"]["started_at"].as_str().expect("started_at");
    format!(
        "wellscan/123456789012/{}/{}/{}/",
        &started[..4],
        &started[5..7],
        a["scan"]["id"].as_str().expect("scan id")
    )
}

#[test]
fn every_report_is_uploaded_encrypted_with_its_type_and_a_working_link() {
    let moto = moto_with_bucket();
    let run = scan_to_s3(&moto, &["--link-expiry", "30m"], &[]);
    run.assert_code(0);
    let prefix = prefix(&run);
    let client = runtime().block_on(s3(&moto.endpoint()));
    for (file, content_type) in [
        ("inventory.json", "application/json"),
        ("assessment.json", "application/json"),
        ("report.html", "text/html; charset=utf-8"),
        ("report.pdf", "application/pdf"),
        (
            "report.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ] {
        let key = format!("{prefix}{file}");
        let head = runtime()
            .block_on(client.head_object().bucket(BUCKET).key(&key).send())
            .unwrap_or_else(|e| panic!("{key}: {e:?}"));
        assert_eq!(head.content_type(), Some(content_type), "{key}");
        assert_eq!(
            head.server_side_encryption(),
            Some(&ServerSideEncryption::Aes256),
            "{key}"
        );
        let meta = head.metadata().expect("metadata");
        assert_eq!(
            meta.get("wellscan-account").map(String::as_str),
            Some("123456789012")
        );
        assert!(prefix.contains(meta.get("wellscan-scan-id").map_or("?", String::as_str)));
        let disposition = head.content_disposition().unwrap_or_default();
        if file == "report.html" {
            assert!(disposition.starts_with("inline"), "{disposition}");
        } else {
            assert!(
                disposition.starts_with("attachment; filename=\"wellscan-123456789012-"),
                "{disposition}"
            );
        }

        // The printed link downloads the same bytes.
        let line = run
            .stdout
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{file}: http")))
            .unwrap_or_else(|| panic!("no link for {file}:\n{}", run.stdout));
        let link = line.split_once(": ").map(|(_, l)| l.trim()).expect("link");
        assert!(link.contains("X-Amz-Expires=1800"), "{link}");
        let (status, body) = wellscan_testkit::http_get(link).expect("GET the link");
        assert_eq!(status, 200, "{link}");
        let local = std::fs::read(run.tmp.path().join("r").join(file)).expect("local copy");
        assert_eq!(
            body, local,
            "{file} downloaded from S3 equals the local copy"
        );
    }
}

#[test]
fn a_kms_key_switches_the_upload_to_sse_kms() {
    let moto = moto_with_bucket();
    let key_id = runtime().block_on(async {
        let sdk = sdk_config(&moto.endpoint(), "us-east-1").await;
        aws_sdk_kms::Client::new(&sdk)
            .create_key()
            .send()
            .await
            .expect("key")
            .key_metadata()
            .map(|m| m.key_id().to_string())
            .expect("key id")
    });
    let run = scan_to_s3(&moto, &["--kms-key-id", &key_id, "--format", "json"], &[]);
    run.assert_code(0);
    let key = format!("{}assessment.json", prefix(&run));
    let client = runtime().block_on(s3(&moto.endpoint()));
    let head = runtime()
        .block_on(client.head_object().bucket(BUCKET).key(&key).send())
        .expect("uploaded");
    assert_eq!(
        head.server_side_encryption(),
        Some(&ServerSideEncryption::AwsKms)
    );
    assert!(
        head.ssekms_key_id().is_some_and(|k| k.contains(&key_id)),
        "{:?}",
        head.ssekms_key_id()
    );
}

#[test]
fn a_denied_bucket_keeps_the_local_reports_and_says_what_failed() {
    let moto = moto_with_bucket();
    // A user who may do anything but write objects; from now on moto checks every request.
    let (id, secret) = runtime().block_on(async {
        let sdk = sdk_config(&moto.endpoint(), "us-east-1").await;
        let iam = aws_sdk_iam::Client::new(&sdk);
        iam.create_user()
            .user_name("reporter")
            .send()
            .await
            .expect("user");
        iam.put_user_policy()
            .user_name("reporter")
            .policy_name("no-put")
            .policy_document(
                r#"{"Version":"2012-10-17","Statement":[
                {"Effect":"Allow","Action":"*","Resource":"*"},
                {"Effect":"Deny","Action":"s3:PutObject","Resource":"*"}]}"#,
            )
            .send()
            .await
            .expect("policy");
        let key = iam
            .create_access_key()
            .user_name("reporter")
            .send()
            .await
            .expect("key");
        let key = key.access_key().expect("access key");
        (
            key.access_key_id().to_string(),
            key.secret_access_key().to_string(),
        )
    });
    moto.enforce_iam().expect("enforce IAM");
    let run = scan_to_s3(
        &moto,
        &[],
        &[
            ("AWS_ACCESS_KEY_ID", Some(&id)),
            ("AWS_SECRET_ACCESS_KEY", Some(&secret)),
        ],
    );
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("cannot upload inventory.json to s3://audit-reports/wellscan/123456789012/"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("AccessDenied") || run.stderr.contains("Access Denied"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("The reports are complete in"),
        "{}",
        run.stderr
    );
    // Said once, on stderr, with its cause once: no log line repeats it.
    let all = format!("{}{}", run.stdout, run.stderr);
    assert_eq!(all.matches("cannot upload").count(), 1, "{all}");
    assert_eq!(
        all.matches("The reports are complete in").count(),
        1,
        "{all}"
    );
    // What S3 said, once, without the SDK's "unhandled error" wrapper.
    assert_eq!(
        all.matches("inventory.json: AccessDenied: ").count(),
        1,
        "{all}"
    );
    assert!(!all.contains("unhandled error"), "{all}");
    assert!(!run.stderr.contains("ERROR"), "{}", run.stderr);
    for file in ["inventory.json", "assessment.json", "report.html"] {
        assert!(
            run.tmp.path().join("r").join(file).is_file(),
            "{file} kept locally"
        );
    }
    assert!(
        run.stdout.contains("Overall score"),
        "the summary is still printed"
    );
}

#[test]
fn a_bad_s3_location_is_refused_before_the_scan() {
    for (args, says) in [
        (
            vec!["--s3", "audit-reports/wellscan"],
            "is not an S3 location",
        ),
        (
            vec!["--s3", "s3://audit-reports", "--link-expiry", "9d"],
            "between 1 s and 7 days",
        ),
        (
            vec!["--s3", "s3://audit-reports", "--link-expiry", "15"],
            "give a unit (s, m, h or d)",
        ),
        // Options that only shape an upload are refused without one.
        (vec!["--kms-key-id", "k"], "--s3 <s3://BUCKET/PREFIX>"),
        (vec!["--link-expiry", "8d"], "--s3 <s3://BUCKET/PREFIX>"),
    ] {
        let mut all = vec!["scan", "--demo", "--out", "{tmp}/r"];
        all.extend(args);
        let run = wellscan_env(&all, &[]);
        run.assert_code(2);
        assert!(run.stderr.contains(says), "{}", run.stderr);
        assert!(!run.tmp.path().join("r/assessment.json").exists());
    }
}
