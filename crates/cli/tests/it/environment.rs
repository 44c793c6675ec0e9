//! Options set by environment, as a container or a scheduled task sets them: each `WELLSCAN_*`
//! variable does what its flag does, a flag on the command line wins, the README lists exactly
//! the variables `--help` names (of `scan`, `serve`, `token` and `mcp`), and the external id is never printed.

use std::collections::BTreeSet;

use crate::util::{command, wellscan};

/// The `WELLSCAN_*` names in `text`.
fn variables(text: &str) -> BTreeSet<String> {
    text.split("WELLSCAN_")
        .skip(1)
        .map(|rest| {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_uppercase() || *c == '_')
                .collect();
            format!("WELLSCAN_{}", name.trim_end_matches('_'))
        })
        .filter(|n| n.len() > "WELLSCAN_".len())
        .collect()
}

#[test]
fn the_readme_lists_exactly_the_variables_help_names() {
    let mut named = BTreeSet::new();
    for command in [
        &["scan", "--help"][..],
        &["serve", "--help"],
        &["token", "create", "--help"],
        &["mcp", "--help"],
    ] {
        let help = wellscan(command);
        help.assert_code(0);
        named.extend(variables(&help.stdout));
    }
    let scan_help = wellscan(&["scan", "--help"]);
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md"))
        .expect("README.md");
    let section = readme
        .split_once("- **Environment.**")
        .and_then(|(_, rest)| rest.split_once("- **Container.**"))
        .map(|(section, _)| section)
        .expect("the README's environment section");
    assert_eq!(variables(section), named);
    assert!(
        variables(&scan_help.stdout).len() >= 18,
        "{}",
        scan_help.stdout
    );
}

#[test]
fn variables_set_options_and_flags_win() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = command(tmp.path(), args);
        cmd.envs(env.iter().copied());
        crate::util::within_deadline(&mut cmd, "wellscan")
    };
    let env = [
        ("WELLSCAN_FORMAT", "json"),
        ("WELLSCAN_REGIONS", "eu-west-1"),
    ];
    let out = run(
        &["scan", "--demo", "--no-history", "--quiet", "--out", "env"],
        &env,
    );
    assert!(out.status.success(), "{out:?}");
    let written: BTreeSet<String> = std::fs::read_dir(tmp.path().join("env"))
        .expect("reports")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("report") || n.starts_with("assessment"))
        .collect();
    assert!(
        written.iter().all(|n| n.ends_with(".json")),
        "WELLSCAN_FORMAT=json wrote {written:?}"
    );
    let assessment: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(tmp.path().join("env/assessment.json")).expect("assessment.json"),
    )
    .expect("JSON");
    let regions: BTreeSet<&str> = assessment["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["region"].as_str())
        .filter(|r| *r != "global")
        .collect();
    assert_eq!(regions, BTreeSet::from(["eu-west-1"]));

    // The flag wins over the variable.
    let out = run(
        &[
            "scan",
            "--demo",
            "--no-history",
            "--quiet",
            "--out",
            "flag",
            "--format",
            "html",
        ],
        &env,
    );
    assert!(out.status.success(), "{out:?}");
    assert!(tmp.path().join("flag/report.html").is_file());
    assert!(!tmp.path().join("flag/assessment.json").is_file());
}

#[test]
fn the_external_id_is_never_printed() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut cmd = command(tmp.path(), &["scan", "--help"]);
    cmd.env("WELLSCAN_EXTERNAL_ID", "s3cr3t-external-id-4821");
    let out = crate::util::within_deadline(&mut cmd, "wellscan scan --help");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("WELLSCAN_EXTERNAL_ID"), "{text}");
    assert!(!text.contains("s3cr3t-external-id-4821"), "{text}");
}

#[test]
fn every_variable_the_deployment_sets_is_one_wellscan_reads() {
    let scan = wellscan(&["scan", "--help"]);
    let rollup = scan.again(&["org", "rollup", "--help"]);
    rollup.assert_code(0);
    let known: BTreeSet<String> = variables(&scan.stdout)
        .union(&variables(&rollup.stdout))
        .cloned()
        .collect();
    let template = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../infra/wellscan.yaml"
    ))
    .expect("infra/wellscan.yaml");
    // The service's task runs `serve`; every other variable is read by the scan tasks.
    let (service, scans) = resource_block(&template, "ServiceTaskDefinition");
    let set = variables(&scans);
    assert!(set.len() >= 8, "{set:?}");
    let unknown: Vec<&String> = set.difference(&known).collect();
    assert!(
        unknown.is_empty(),
        "infra/wellscan.yaml sets {unknown:?}, which wellscan does not read"
    );
    let serve = wellscan(&["serve", "--help"]);
    serve.assert_code(0);
    let set = variables(&service);
    assert!(set.len() >= 8, "{set:?}");
    let reads = variables(&serve.stdout);
    let unknown: Vec<&String> = set.difference(&reads).collect();
    assert!(
        unknown.is_empty(),
        "the service's task sets {unknown:?}, which `wellscan serve` does not read"
    );
}

/// The text of the template's resource `name` (up to the next resource), and the rest.
fn resource_block(template: &str, name: &str) -> (String, String) {
    let start = template
        .find(&format!("\n  {name}:\n"))
        .unwrap_or_else(|| panic!("no resource {name}"));
    let body = &template[start + 1..];
    let end = body
        .match_indices("\n  ")
        .map(|(i, _)| i)
        .find(|&i| {
            body[i + 3..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '#')
        })
        .unwrap_or(body.len());
    let block = body[..end].to_string();
    let rest = format!("{}{}", &template[..start], &body[end..]);
    (block, rest)
}
