//! The crate boundaries ARCHITECTURE.md states, read from each crate's `[dependencies]`:
//! `model` and `aws` (the client factory) depend on nothing of ours, the stage crates only on
//! `model` (the scanner also on `aws`), and neither the binary nor the service on the scanner or
//! the client factory (they reach discovery and AWS through the orchestrator). Part of `cargo xtask tidy`.

use std::path::Path;

use anyhow::{Context, Result};

/// The stage crates: each depends on `wellscan-model` and on no other crate of ours.
const STAGES: &[&str] = &[
    "wellscan-scanner",
    "wellscan-checks",
    "wellscan-agents",
    "wellscan-report",
    "wellscan-store",
];

/// What breaks a stated boundary, one line per dependency.
pub fn problems(root: &Path) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root.join("crates")).context("list crates/")? {
        let manifest = entry?.path().join("Cargo.toml");
        let Ok(text) = std::fs::read_to_string(&manifest) else {
            continue;
        };
        out.extend(crate_problems(&text));
    }
    out.sort();
    Ok(out)
}

fn crate_problems(manifest: &str) -> Vec<String> {
    let Some(name) = package_name(manifest) else {
        return vec![];
    };
    let ours = our_dependencies(manifest);
    let allowed = |dep: &str| -> bool {
        match name.as_str() {
            "wellscan-model" | "wellscan-aws" => false,
            "wellscan-scanner" => dep == "wellscan-model" || dep == "wellscan-aws",
            n if STAGES.contains(&n) => dep == "wellscan-model",
            "wellscan" | "wellscan-server" => dep != "wellscan-scanner" && dep != "wellscan-aws",
            _ => true,
        }
    };
    ours.iter()
        .filter(|dep| !allowed(dep))
        .map(|dep| format!("{name} depends on {dep}, across a boundary ARCHITECTURE.md states"))
        .collect()
}

fn package_name(manifest: &str) -> Option<String> {
    manifest
        .lines()
        .skip_while(|l| l.trim() != "[package]")
        .find_map(|l| l.trim().strip_prefix("name = "))
        .map(|v| v.trim_matches('"').to_string())
}

/// The `wellscan-*` names in the `[dependencies]` table (not dev- or build-dependencies).
fn our_dependencies(manifest: &str) -> Vec<String> {
    manifest
        .lines()
        .skip_while(|l| l.trim() != "[dependencies]")
        .skip(1)
        .take_while(|l| !l.trim_start().starts_with('['))
        .filter_map(|l| l.split(['.', ' ', '=']).next())
        .filter(|dep| dep.starts_with("wellscan-"))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_crate_boundaries_hold() {
        let problems = problems(&crate::repo_root()).expect("read the manifests");
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn a_dependency_across_a_boundary_is_named() {
        let cli = "[package]\nname = \"wellscan\"\n\n[dependencies]\nwellscan-orchestrator.workspace = true\nwellscan-scanner.workspace = true\n\n[dev-dependencies]\nwellscan-testkit.workspace = true\n";
        assert_eq!(
            crate_problems(cli),
            ["wellscan depends on wellscan-scanner, across a boundary ARCHITECTURE.md states"]
        );
        let stage = "[package]\nname = \"wellscan-checks\"\n[dependencies]\nwellscan-model.workspace = true\nwellscan-report = { path = \"../report\" }\n[dev-dependencies]\nwellscan-testkit.workspace = true\n";
        assert_eq!(crate_problems(stage).len(), 1);
        let model =
            "[package]\nname = \"wellscan-model\"\n[dependencies]\nserde.workspace = true\n";
        assert!(crate_problems(model).is_empty());
        let scanner = "[package]\nname = \"wellscan-scanner\"\n[dependencies]\nwellscan-aws.workspace = true\nwellscan-model.workspace = true\n";
        assert!(crate_problems(scanner).is_empty());
        let factory =
            "[package]\nname = \"wellscan-aws\"\n[dependencies]\nwellscan-model.workspace = true\n";
        assert_eq!(crate_problems(factory).len(), 1);
        let server = "[package]\nname = \"wellscan-server\"\n[dependencies]\nwellscan-aws.workspace = true\n";
        assert_eq!(crate_problems(server).len(), 1);
    }
}
