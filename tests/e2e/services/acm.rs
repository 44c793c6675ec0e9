//! ACM: an imported certificate on a 1024-bit RSA key beside one ACM issued on RSA-2048.
//!
//! Left to the fixture tests: certificates near expiry (moto refuses to import an expired one,
//! and any fixed date near today drifts).

use super::{Account, Proof};

const PROOF: Proof = Proof {
    units: &["acm"],
    cases: &[(
        "acm.weak_key",
        "us-east-1/legacy-cert",
        Some("us-east-1/shop-cert"),
    )],
    actions: &[
        "acm:DescribeCertificate",
        "acm:ListCertificates",
        "acm:ListTagsForCertificate",
    ],
};

/// A self-signed certificate for `legacy.example.com` on a new 1024-bit RSA key, valid for a
/// century, made by the `cryptography` package moto's Python already has: no key is kept in
/// the repository.
fn weak_certificate() -> (Vec<u8>, Vec<u8>) {
    const SCRIPT: &str = r#"
import datetime, sys
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "legacy.example.com")])
now = datetime.datetime.now(datetime.timezone.utc)
cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
    .public_key(key.public_key()).serial_number(x509.random_serial_number())
    .not_valid_before(now - datetime.timedelta(days=1))
    .not_valid_after(now + datetime.timedelta(days=36500))
    .sign(key, hashes.SHA256()))
sys.stdout.write(cert.public_bytes(serialization.Encoding.PEM).decode())
sys.stdout.write(key.private_bytes(serialization.Encoding.PEM,
    serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()).decode())
"#;
    let out = std::process::Command::new(wellscan_testkit::python_path())
        .args(["-c", SCRIPT])
        .output()
        .expect("moto's Python runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pem = String::from_utf8(out.stdout).expect("PEM is ASCII");
    let split = pem.find("-----BEGIN RSA PRIVATE KEY-----").expect("a key");
    (
        pem.as_bytes()[..split].to_vec(),
        pem.as_bytes()[split..].to_vec(),
    )
}

fn name(value: &str) -> aws_sdk_acm::types::Tag {
    aws_sdk_acm::types::Tag::builder()
        .key("Name")
        .value(value)
        .build()
        .expect("tag")
}

async fn seed(account: &Account) {
    let acm = aws_sdk_acm::Client::new(&account.east);
    acm.request_certificate()
        .domain_name("shop.example.com")
        .tags(name("shop-cert"))
        .send()
        .await
        .expect("certificate");
    let (certificate, key) = weak_certificate();
    acm.import_certificate()
        .certificate(aws_smithy_types::Blob::new(certificate))
        .private_key(aws_smithy_types::Blob::new(key))
        .tags(name("legacy-cert"))
        .send()
        .await
        .expect("import");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acm() {
    let account = Account::start().await;
    seed(&account).await;
    account.prove(&PROOF).await;
}
