//! The README says what the binary does: every flag in its usage lines is one `--help` lists,
//! and the demo's size is the one a scan prints.

use crate::util::wellscan;

const README: &str = include_str!("../../../../README.md");

/// The `wellscan …` lines of the README's Usage block, without their comments.
fn usage_lines() -> Vec<&'static str> {
    let usage = README
        .split("## Usage")
        .nth(1)
        .and_then(|rest| rest.split("```sh").nth(1))
        .and_then(|block| block.split("```").next())
        .expect("the README has a Usage block");
    usage
        .lines()
        .filter(|l| l.starts_with("wellscan "))
        .map(|l| l.split(" #").next().unwrap_or(l).trim())
        .collect()
}

#[test]
fn every_flag_in_the_readme_usage_is_one_the_help_lists() {
    let lines = usage_lines();
    assert!(lines.len() >= 10, "{lines:?}");
    for line in lines {
        let words: Vec<&str> = line.split_whitespace().collect();
        // The command and its subcommands (`org rollup`, `publish-dashboard`): the lowercase words before the first
        // flag or placeholder.
        let path: Vec<&str> = words[1..]
            .iter()
            .copied()
            .take_while(|w| {
                !w.starts_with('-') && w.chars().all(|c| c.is_ascii_lowercase() || c == '-')
            })
            .collect();
        let command = path.join(" ");
        let mut args = path.clone();
        args.push("--help");
        let help = wellscan(&args);
        help.assert_code(0);
        for flag in words
            .iter()
            .map(|w| w.trim_matches(|c| c == '[' || c == ']'))
            .filter(|w| w.starts_with("--"))
        {
            assert!(
                help.stdout.contains(&format!("{flag} "))
                    || help.stdout.contains(&format!("{flag}\n")),
                "README: `{line}` uses {flag}, which `wellscan {command} --help` does not list"
            );
        }
    }
}

#[test]
fn the_readme_gives_the_demo_size_a_scan_prints() {
    let run = wellscan(&[
        "scan",
        "--demo",
        "--format",
        "json",
        "--out",
        "{tmp}/r",
        "--no-history",
    ]);
    run.assert_code(0);
    let printed = run
        .stdout
        .split(" resources ·")
        .next()
        .and_then(|head| head.rsplit(' ').next())
        .expect("the summary names the resources")
        .to_string();
    assert!(
        README.contains(&format!("freight company with {printed}\n  resources")),
        "the README does not say {printed} resources"
    );
}

#[test]
fn help_names_only_flags_the_command_has_and_no_source_paths() {
    let inventory = wellscan(&["inventory", "--help"]);
    inventory.assert_code(0);
    // Its options, that is: the description may point at `scan --inventory`.
    let options = inventory
        .stdout
        .split("Options:")
        .nth(1)
        .expect("an options list");
    for absent in ["--demo", "--inventory"] {
        assert!(
            !options.contains(absent),
            "inventory --help mentions {absent}:\n{}",
            inventory.stdout
        );
    }
    for command in ["scan", "inventory", "history", "show", "diff"] {
        let help = wellscan(&[command, "--help"]);
        assert!(
            !help.stdout.contains("crates/"),
            "{command} --help points into the source tree:\n{}",
            help.stdout
        );
    }
}
