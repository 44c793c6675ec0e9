//! Every scanner unit has its files outside the scanner, named after it: its end-to-end test,
//! `tests/e2e/services/<unit>.rs`, and its part of the demo account, `xtask/src/demo/<unit>.rs`,
//! each declared by its folder's module; and every file there is a unit's. The unit table in
//! `crates/scanner/src/runner.rs` is the list. Part of `cargo xtask tidy`.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Context, Result};

/// Each folder held to the unit table: its path, the file declaring its modules, and what a
/// unit's file there holds.
const FOLDERS: [(&str, &str, &str); 2] = [
    (
        "tests/e2e/services",
        "tests/e2e/services/mod.rs",
        "moto seed, planted problems and IAM actions",
    ),
    (
        "xtask/src/demo",
        "xtask/src/demo.rs",
        "resources in the demo account",
    ),
];

/// Each unit without its file, each file without its unit, each file not declared.
pub fn problems(root: &Path) -> Result<Vec<String>> {
    let runner = std::fs::read_to_string(root.join("crates/scanner/src/runner.rs"))
        .context("read the scanner's unit table")?;
    let units = units(&runner);
    let mut out = Vec::new();
    for (dir, module, holds) in FOLDERS {
        let declared =
            std::fs::read_to_string(root.join(module)).with_context(|| format!("read {module}"))?;
        let mut files = BTreeSet::new();
        for entry in std::fs::read_dir(root.join(dir)).with_context(|| format!("list {dir}"))? {
            let name = entry?.file_name().to_string_lossy().into_owned();
            if let Some(stem) = name.strip_suffix(".rs").filter(|s| *s != "mod") {
                files.insert(stem.to_string());
            }
        }
        out.extend(compare(
            &units,
            &files,
            &modules(&declared),
            (dir, module, holds),
        ));
    }
    Ok(out)
}

fn compare(
    units: &BTreeSet<String>,
    files: &BTreeSet<String>,
    declared: &BTreeSet<String>,
    (dir, module, holds): (&str, &str, &str),
) -> Vec<String> {
    let mut out = Vec::new();
    for unit in units.difference(files) {
        out.push(format!(
            "{dir}/{unit}.rs is missing: the `{unit}` unit's {holds}"
        ));
    }
    for file in files.difference(units) {
        out.push(format!("{dir}/{file}.rs is named after no scanner unit"));
    }
    for file in files.difference(declared) {
        out.push(format!("{module} does not declare `mod {file};`"));
    }
    out
}

/// The names of the unit table's rows: `    ("ec2", |c| Box::pin(...)),`, outside its tests.
fn units(runner: &str) -> BTreeSet<String> {
    let code = runner.split("#[cfg(test)]").next().unwrap_or(runner);
    code.lines()
        .filter_map(|l| {
            let rest = l.trim().strip_prefix("(\"")?;
            let (name, tail) = rest.split_once('"')?;
            tail.starts_with(", |c|").then(|| name.to_string())
        })
        .collect()
}

fn modules(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix("mod ")?.strip_suffix(';'))
        .map(String::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn every_unit_has_its_service_test_and_demo_file() {
        let problems = problems(&crate::repo_root()).expect("read the units and their files");
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn a_unit_without_its_file_and_a_file_without_its_unit_are_named() {
        let runner = "const REGIONAL: Units = &[\n    (\"ec2\", |c| Box::pin(crate::ec2::collect(c))),\n    (\"secretsmanager\", |c| {\n];\n#[cfg(test)]\n    (\"rds\", |c| Box::pin(panics(c))),\n";
        assert_eq!(units(runner), set(&["ec2", "secretsmanager"]));
        let problems = compare(
            &units(runner),
            &set(&["ec2", "eks"]),
            &modules("mod ec2;\n"),
            FOLDERS[0],
        );
        assert_eq!(
            problems,
            [
                "tests/e2e/services/secretsmanager.rs is missing: the `secretsmanager` unit's moto seed, planted problems and IAM actions",
                "tests/e2e/services/eks.rs is named after no scanner unit",
                "tests/e2e/services/mod.rs does not declare `mod eks;`",
            ]
        );
    }
}
