//! The test infrastructure proves itself: moto starts, and the real SDK talks to it.

use aws_sdk_s3::primitives::ByteStream;
use wellscan_testkit::{LatencyProxy, MotoServer, ProxyConfig, sdk_config};

#[tokio::test]
async fn moto_serves_s3_to_the_real_sdk_client() {
    let moto = MotoServer::start().expect("moto starts");
    let config = sdk_config(&moto.endpoint(), "us-east-1").await;
    let s3 = aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(&config)
            .force_path_style(true)
            .build(),
    );

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
    let config = sdk_config(&proxy.endpoint(), "us-east-1").await;
    let s3 = aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(&config)
            .force_path_style(true)
            .build(),
    );
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
