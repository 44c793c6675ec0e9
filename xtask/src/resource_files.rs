//! The model keeps one file per service: the struct of each resource kind lives in
//! `crates/model/src/resource/<service>.rs`, named by the service the `resources!` table gives
//! it (the scanner unit that reads it). Part of `cargo xtask tidy`.

use std::path::Path;

use anyhow::{Context, Result};

/// Each kind whose struct is not in its service's file, one line per kind.
pub fn problems(root: &Path) -> Result<Vec<String>> {
    let dir = root.join("crates/model/src/resource");
    let table = std::fs::read_to_string(dir.join("mod.rs")).context("read resource/mod.rs")?;
    let mut out = Vec::new();
    for (ty, service) in kinds(&table) {
        let file = dir.join(format!("{service}.rs"));
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        if !defines(&text, &ty) {
            out.push(format!(
                "crates/model/src/resource/{service}.rs does not define {ty}, a kind of the `{service}` service"
            ));
        }
    }
    Ok(out)
}

/// `(struct, service)` of every row of the `resources!` table:
/// `Vpc(Vpc) => "vpc", "vpc", "VPC", as_vpc;`.
fn kinds(table: &str) -> Vec<(String, String)> {
    table
        .lines()
        .filter_map(|line| {
            let (head, tail) = line.trim().split_once(") => ")?;
            let (_, ty) = head.split_once('(')?;
            let mut quoted = tail.split('"').skip(1).step_by(2);
            // The kind's JSON name (and an older alias after `|`), then its service.
            let service = if tail.contains(" | ") {
                quoted.nth(2)?
            } else {
                quoted.nth(1)?
            };
            Some((ty.to_string(), service.to_string()))
        })
        .collect()
}

fn defines(text: &str, ty: &str) -> bool {
    text.lines().any(|l| {
        l.strip_prefix("pub struct ")
            .is_some_and(|rest| rest.split([' ', '{']).next() == Some(ty))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_lives_in_its_services_file() {
        let problems = problems(&crate::repo_root()).expect("read the model");
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn a_kind_in_another_services_file_is_named() {
        let table = "    Vpc(Vpc) => \"vpc\", \"vpc\", \"VPC\", as_vpc;\n    SecurityHub(SecurityHub) => \"securityhub\" | \"security_hub\", \"securityhub\", \"Security Hub\", as_securityhub;\n";
        assert_eq!(
            kinds(table),
            [
                ("Vpc".to_string(), "vpc".to_string()),
                ("SecurityHub".to_string(), "securityhub".to_string())
            ]
        );
        assert!(defines("pub struct Vpc {\n}", "Vpc"));
        assert!(!defines("pub struct VpcEndpoint {\n}", "Vpc"));
    }
}
