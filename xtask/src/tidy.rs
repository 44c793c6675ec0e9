//! `cargo xtask tidy`: the crate boundaries hold (`boundaries.rs`), each resource kind lives in its
//! service's file of the model (`resource_files.rs`), every scanner unit has its end-to-end service
//! test and its demo file (`unit_files.rs`), and the check catalogue is complete. Every check file
//! under `crates/checks/src/rules/` declares a best-practice id that `docs/wa-best-practices.md`
//! lists and the vendored lens (`crates/checks/data/wa-lens.json`) gives a Well-Architected Tool
//! question and choice, remediation text with a console path and an AWS CLI command, at least one
//! test over a fixture inventory, and is registered in the catalogue. On success it lists, per
//! pillar, how many checks there are and which lens questions they give evidence for. Runs as a
//! test too, so `cargo xtask test` enforces it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

pub fn run(root: &Path) -> Result<()> {
    let problems = problems(root)?;
    if problems.is_empty() {
        println!(
            "tidy: the crate boundaries hold; every check has a fixture test, a known best-practice id with its WA question and choice, and remediation"
        );
        for line in coverage(root)? {
            println!("tidy: {line}");
        }
        return Ok(());
    }
    for p in &problems {
        eprintln!("tidy: {p}");
    }
    bail!("{} problems in the check catalogue", problems.len())
}

/// A best practice's lens question and choice, as the vendored lens lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Lens {
    question: String,
    choice: String,
}

/// The vendored lens's numbered choices by best-practice id.
fn lens(root: &Path) -> Result<BTreeMap<String, Lens>> {
    let path = root.join("crates/checks/data/wa-lens.json");
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("read {}", path.display()))?;
    let doc: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("parse {}", path.display()))?;
    let mut out = BTreeMap::new();
    for pillar in doc["pillars"].as_array().into_iter().flatten() {
        for question in pillar["questions"].as_array().into_iter().flatten() {
            for choice in question["choices"].as_array().into_iter().flatten() {
                let (Some(bp), Some(q), Some(c)) = (
                    choice["bp"].as_str(),
                    question["question_id"].as_str(),
                    choice["choice_id"].as_str(),
                ) else {
                    continue;
                };
                out.insert(
                    bp.to_string(),
                    Lens {
                        question: q.to_string(),
                        choice: c.to_string(),
                    },
                );
            }
        }
    }
    Ok(out)
}

/// Per pillar: its checks and the lens questions they give evidence for.
fn coverage(root: &Path) -> Result<Vec<String>> {
    let lens = lens(root)?;
    let mut by_pillar: BTreeMap<String, (usize, BTreeSet<String>)> = BTreeMap::new();
    for file in check_files(root)? {
        let text = std::fs::read_to_string(&file)?;
        let Some(bp) = field(&text, "best_practice") else {
            continue;
        };
        let pillar = bp
            .split(|c: char| c.is_ascii_digit())
            .next()
            .unwrap_or_default()
            .to_string();
        let entry = by_pillar.entry(pillar).or_default();
        entry.0 += 1;
        if let Some(l) = lens.get(&bp) {
            entry.1.insert(l.question.clone());
        }
    }
    Ok(by_pillar
        .into_iter()
        .map(|(pillar, (checks, questions))| {
            let questions: Vec<_> = questions.into_iter().collect();
            format!(
                "{pillar}: {checks} checks over {} questions ({})",
                questions.len(),
                questions.join(", ")
            )
        })
        .collect())
}

/// Every file under `crates/checks/src/rules/` that declares a check, sorted.
fn check_files(root: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    collect(&root.join("crates/checks/src/rules"), &mut files)?;
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let text =
            std::fs::read_to_string(&file).with_context(|| format!("read {}", file.display()))?;
        if text.contains("pub const CHECK: Check") {
            out.push(file);
        }
    }
    Ok(out)
}

/// What is wrong with the catalogue, one line per problem.
pub fn problems(root: &Path) -> Result<Vec<String>> {
    let known = best_practice_ids(&root.join("docs/wa-best-practices.md"))?;
    let lens = lens(root)?;
    let catalogue = std::fs::read_to_string(root.join("crates/checks/src/catalogue.rs"))
        .context("read catalogue.rs")?;
    let unknown_cases = std::fs::read_to_string(root.join("crates/checks/src/unknown.rs"))
        .context("read unknown.rs")?;
    let mut out = Vec::new();
    for file in check_files(root)? {
        let text =
            std::fs::read_to_string(&file).with_context(|| format!("read {}", file.display()))?;
        let name = file
            .strip_prefix(root)
            .unwrap_or(&file)
            .display()
            .to_string();
        out.extend(check_file(&name, &text, &known, &catalogue));
        out.extend(undeclared_facts(&name, &text, &unknown_cases));
        if let Some(bp) = field(&text, "best_practice").filter(|bp| !lens.contains_key(bp)) {
            out.push(format!(
                "{name}: best practice `{bp}` has no Well-Architected Tool question and choice in crates/checks/data/wa-lens.json"
            ));
        }
    }
    if out.is_empty() && !catalogue.contains("::CHECK") {
        out.push("the catalogue registers no checks".into());
    }
    out.extend(crate::boundaries::problems(root)?);
    out.extend(crate::resource_files::problems(root)?);
    out.extend(crate::unit_files::problems(root)?);
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).context("read Cargo.toml")?;
    out.extend(sdk_profiles(&manifest));
    Ok(out)
}

/// Every SDK service crate the workspace depends on builds at opt-level 0 in release (see the
/// note above those profiles in Cargo.toml).
fn sdk_profiles(manifest: &str) -> Vec<String> {
    manifest
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(name, _)| name.trim()))
        .filter(|name| name.starts_with("aws-sdk-"))
        .filter(|name| {
            !manifest.contains(&format!("[profile.release.package.{name}]\nopt-level = 0"))
        })
        .map(|name| {
            format!("Cargo.toml: {name} has no [profile.release.package.{name}] with opt-level = 0")
        })
        .collect()
}

fn check_file(name: &str, text: &str, known: &BTreeSet<String>, catalogue: &str) -> Vec<String> {
    let mut out = Vec::new();
    match field(text, "best_practice") {
        Some(bp) if known.contains(&bp) => {}
        Some(bp) => out.push(format!(
            "{name}: best practice `{bp}` is not in docs/wa-best-practices.md"
        )),
        None => out.push(format!("{name}: no best_practice")),
    }
    match field(text, "remediation") {
        Some(r) if r.contains("Console:") && r.contains("aws ") => {}
        Some(_) => out.push(format!(
            "{name}: remediation needs a console path (`Console:`) and an AWS CLI command"
        )),
        None => out.push(format!("{name}: no remediation text")),
    }
    let tested = text.contains("#[cfg(test)]") && text.contains("#[test]");
    let uses_fixture = text.contains("failing(") || text.contains("outcome(");
    if !(tested && uses_fixture) {
        out.push(format!(
            "{name}: no test running the check over a fixture inventory (testing::failing or outcome)"
        ));
    }
    let module = Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let service = Path::new(name)
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if !catalogue.contains(&format!("{service}::{module}::CHECK")) {
        out.push(format!("{name}: not registered in catalogue.rs"));
    }
    out
}

/// A fact a check's code decides on and its `facts:` does not declare (a fact of another
/// resource than the judged one) is one the generic test in `unknown.rs` never marks: one of
/// the check's own tests must mark it unread, or a hand-written case there must name the check.
fn undeclared_facts(name: &str, text: &str, unknown_cases: &str) -> Vec<String> {
    let (code, tests) = text.split_once("#[cfg(test)]").unwrap_or((text, ""));
    let declared = code
        .find("facts: &[")
        .map(|i| &code[i..i + code[i..].find(']').unwrap_or(0)])
        .unwrap_or_default();
    let id = field(code, "id").unwrap_or_default();
    let named_in_cases = unknown_cases.contains(&format!("\"{id}\""));
    let mut used: Vec<&str> = code
        .split("Fact::")
        .skip(1)
        .filter_map(|rest| rest.split(|c: char| !c.is_ascii_alphanumeric()).next())
        .filter(|f| !f.is_empty())
        .collect();
    used.sort_unstable();
    used.dedup();
    used.into_iter()
        .filter(|f| !declared.contains(&format!("Fact::{f}")))
        .filter(|f| !named_in_cases && !tests.contains(&format!("Fact::{f}")))
        .map(|f| {
            format!(
                "{name}: decides on Fact::{f} without declaring it in `facts`; declare it, or mark it unread in a test of the check or a case of crates/checks/src/unknown.rs"
            )
        })
        .collect()
}

/// The string value of `name: "..."` in a check's metadata (continuation lines joined).
fn field(text: &str, name: &str) -> Option<String> {
    let start = text.find(&format!("{name}: \""))? + name.len() + 3;
    let rest = &text[start..];
    let mut value = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('\n') => {
                    // A line continuation skips the next line's indentation.
                    let skipped: String = chars.clone().take_while(|c| c.is_whitespace()).collect();
                    for _ in 0..skipped.chars().count() {
                        chars.next();
                    }
                }
                Some(other) => value.push(other),
                None => break,
            },
            '"' => return Some(value),
            c => value.push(c),
        }
    }
    None
}

fn best_practice_ids(path: &Path) -> Result<BTreeSet<String>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("read {}", path.display()))?;
    Ok(text
        .lines()
        .filter_map(|l| l.strip_prefix("| "))
        .filter_map(|l| l.split(' ').next())
        .filter(|id| id.contains("-BP"))
        .map(String::from)
        .collect())
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("read {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_check_catalogue_is_tidy() {
        let problems = problems(&crate::repo_root()).expect("read the repository");
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn tidy_catches_a_check_without_fixture_known_id_or_remediation() {
        let known = BTreeSet::from(["SEC05-BP02".to_string()]);
        let bad = "pub const CHECK: Check = Check { meta: CheckMeta { best_practice: \"SEC99-BP01\", \
                   remediation: \"Fix it.\" } };";
        let found = check_file("crates/checks/src/rules/ec2/bad.rs", bad, &known, "");
        assert_eq!(found.len(), 4, "{found:#?}");
        assert!(found[0].contains("SEC99-BP01"));
        assert!(found[1].contains("AWS CLI"));
        assert!(found[2].contains("fixture"));
        assert!(found[3].contains("catalogue"));
    }

    #[test]
    fn an_sdk_crate_without_its_release_profile_is_named() {
        let manifest = "aws-sdk-ec2 = { version = \"1\" }\naws-sdk-s3 = { version = \"1\" }\n\n\
                        [profile.release.package.aws-sdk-ec2]\nopt-level = 0\n";
        assert_eq!(
            sdk_profiles(manifest),
            [
                "Cargo.toml: aws-sdk-s3 has no [profile.release.package.aws-sdk-s3] with opt-level = 0"
            ]
        );
    }

    #[test]
    fn the_lens_table_is_read_and_covers_every_pillar() {
        let root = crate::repo_root();
        let lens = lens(&root).expect("wa-lens.json");
        assert_eq!(
            lens.get("SEC03-BP02"),
            Some(&Lens {
                question: "permissions".into(),
                choice: "sec_permissions_least_privileges".into()
            })
        );
        let lines = coverage(&root).expect("coverage");
        assert_eq!(lines.len(), 6, "{lines:#?}");
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("SEC: ") && l.contains("permissions"))
        );
    }

    #[test]
    fn a_fact_the_check_decides_on_is_declared_or_tested_unread() {
        let check = |facts: &str, tests: &str| {
            format!(
                "id: \"sqs.x\",\nfacts: &[{facts}],\nfn evaluate() {{ out.unknown(r, &[Fact::DeadLetterQueue]); }}\n#[cfg(test)]\n{tests}"
            )
        };
        let undeclared = check("", "");
        assert_eq!(undeclared_facts("x.rs", &undeclared, "").len(), 1);
        assert!(undeclared_facts("x.rs", &check("Fact::DeadLetterQueue", ""), "").is_empty());
        let tested = check("", "q.unknown.mark(Fact::DeadLetterQueue);");
        assert!(undeclared_facts("x.rs", &tested, "").is_empty());
        assert!(undeclared_facts("x.rs", &undeclared, "case(\"sqs.x\", vec![])").is_empty());
    }

    #[test]
    fn fields_join_continuation_lines() {
        let text = "remediation: \"Do this. \\\n            Console: X. CLI: aws ec2 y\",";
        assert_eq!(
            field(text, "remediation").as_deref(),
            Some("Do this. Console: X. CLI: aws ec2 y")
        );
    }
}
