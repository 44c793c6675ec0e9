//! `wellscan publish-dashboard`: the history as a static site, in a folder and on S3 (moto),
//! with every page and its stylesheet, the accounts' scores, a page per scan and no script.

use aws_sdk_s3::types::ServerSideEncryption;
use wellscan_testkit::{MotoServer, sdk_config};

use crate::util::{command, wellscan_env, within_deadline};

/// Two scans of the demo into one history: each one's id and overall score.
fn two_demo_scans(dir: &std::path::Path) -> Vec<(String, i64)> {
    let db = dir.join("history.db").display().to_string();
    (0..2)
        .map(|i| {
            let out = dir.join(format!("r{i}")).display().to_string();
            let output = within_deadline(
                &mut command(
                    dir,
                    &["scan", "--demo", "--quiet", "--db", &db, "--out", &out],
                ),
                "wellscan scan",
            );
            assert!(
                output.status.success(),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
            let assessment: serde_json::Value = serde_json::from_slice(
                &std::fs::read(dir.join(format!("r{i}/assessment.json"))).expect("assessment"),
            )
            .expect("JSON");
            (
                assessment["scan"]["id"].as_str().expect("id").to_string(),
                assessment["overall_score"].as_i64().expect("overall score"),
            )
        })
        .collect()
}

#[test]
fn the_history_becomes_a_static_site_in_a_folder_and_on_s3() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let ids = two_demo_scans(tmp.path());
    let db = tmp.path().join("history.db").display().to_string();
    let site = tmp.path().join("site").display().to_string();
    let run = wellscan_env(&["publish-dashboard", "--db", &db, "--out", &site], &[]);
    run.assert_code(0);
    let index = std::fs::read_to_string(tmp.path().join("site/index.html")).expect("index");
    assert!(index.contains("123456789012"), "the account is listed");
    assert!(
        index.contains("last 2 scans"),
        "the trend covers both scans"
    );
    for (id, score) in &ids {
        assert!(
            index.contains(&format!("scans/{id}.html")),
            "{id} is linked"
        );
        let page = std::fs::read_to_string(tmp.path().join(format!("site/scans/{id}.html")))
            .expect("scan page");
        // The page gives the score the scan itself recorded.
        assert!(
            page.contains("Overall") && page.contains(&format!("\">{score}</span> / 100")),
            "{page}"
        );
        assert!(!page.contains("<script"), "no script");
    }
    assert!(tmp.path().join("site/static/ui.css").is_file());
    assert!(!index.contains("<script"));

    let moto = MotoServer::start().expect("moto starts");
    let endpoint = moto.endpoint();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let s3 = runtime.block_on(async {
        let sdk = sdk_config(&endpoint, "us-east-1").await;
        let s3 = aws_sdk_s3::Client::from_conf(
            aws_sdk_s3::config::Builder::from(&sdk)
                .force_path_style(true)
                .build(),
        );
        s3.create_bucket()
            .bucket("team-dashboard")
            .send()
            .await
            .expect("bucket");
        s3
    });
    let run = wellscan_env(
        &[
            "publish-dashboard",
            "--db",
            &db,
            "--s3",
            "s3://team-dashboard/wellscan",
        ],
        &[("AWS_ENDPOINT_URL_S3", Some(&endpoint))],
    );
    run.assert_code(0);
    assert_eq!(run.stdout.trim(), "s3://team-dashboard/wellscan/index.html");
    runtime.block_on(async {
        let listed = s3
            .list_objects_v2()
            .bucket("team-dashboard")
            .prefix("wellscan/")
            .send()
            .await
            .expect("list");
        let mut keys: Vec<String> = listed
            .contents()
            .iter()
            .filter_map(|o| o.key().map(String::from))
            .collect();
        keys.sort();
        let mut expected = vec![
            "wellscan/index.html".to_string(),
            "wellscan/static/ui.css".to_string(),
        ];
        expected.extend(
            ids.iter()
                .map(|(id, _)| format!("wellscan/scans/{id}.html")),
        );
        expected.sort();
        assert_eq!(keys, expected);
        let head = s3
            .head_object()
            .bucket("team-dashboard")
            .key("wellscan/index.html")
            .send()
            .await
            .expect("head");
        assert_eq!(head.content_type(), Some("text/html; charset=utf-8"));
        assert_eq!(
            head.server_side_encryption(),
            Some(&ServerSideEncryption::Aes256)
        );
    });

    let nowhere = wellscan_env(&["publish-dashboard", "--db", &db], &[]);
    nowhere.assert_code(2);
    assert!(nowhere.stderr.contains("--s3"), "{}", nowhere.stderr);
}
