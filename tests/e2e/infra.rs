//! The CloudFormation templates in `infra/`: linted as their users lint them (cfn-lint), and the
//! scan role granting exactly the read-only policy wellscan documents, no more and no less.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

fn infra() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../infra")
}

fn templates() -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(infra())
        .expect("infra/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    found.sort();
    found
}

#[test]
fn the_scan_role_grants_exactly_the_documented_read_only_policy() {
    let template = std::fs::read_to_string(infra().join("scan-role.yaml")).expect("scan-role.yaml");
    let (_, policy) = template
        .split_once("PolicyName: wellscan-read-only")
        .expect("the role's read-only policy");
    let granted: BTreeSet<String> = policy
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- "))
        .filter(|a| a.contains(':') && !a.contains(' '))
        .map(String::from)
        .collect();
    let documented = wellscan_testkit::iam_policy_actions();
    let missing: Vec<_> = documented.difference(&granted).collect();
    let extra: Vec<_> = granted.difference(&documented).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "infra/scan-role.yaml lacks {missing:?} and grants beyond docs/iam-policy.json {extra:?}"
    );
    // Reads only; the one exception asks IAM to build the credential report it then reads.
    let writes: Vec<_> = granted
        .iter()
        .filter(|a| {
            let verb = a.split(':').nth(1).unwrap_or_default();
            *a != "iam:GenerateCredentialReport"
                && !["Describe", "List", "Get"]
                    .iter()
                    .any(|v| verb.starts_with(v))
        })
        .collect();
    assert!(writes.is_empty(), "the scan role may only read: {writes:?}");
}

#[test]
fn every_template_passes_cfn_lint() {
    // cfn-lint is installed beside moto, in the same Python's bin folder.
    let lint = wellscan_testkit::python_path().with_file_name("cfn-lint");
    assert!(
        lint.is_file(),
        "cfn-lint was not found at {}: run `cargo xtask setup` (or `cargo xtask test`, which runs it)",
        lint.display()
    );
    let files = templates();
    assert!(!files.is_empty(), "no template in infra/");
    let out = wellscan_testkit::output_within(
        Command::new(&lint).arg("--").args(&files),
        Duration::from_secs(300),
    )
    .unwrap_or_else(|e| panic!("cfn-lint did not finish: {e:?}"));
    assert!(
        out.status.success(),
        "cfn-lint: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
