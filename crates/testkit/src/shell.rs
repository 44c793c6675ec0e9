//! Suggested commands run as a reader would paste them: in `sh`, with `aws` a function that
//! records its arguments and no other command reachable.

use std::path::Path;

/// What running a pasted command did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pasted {
    /// The arguments of each `aws` call, in order.
    pub aws_calls: Vec<Vec<String>>,
    /// Anything the shell said: a syntax error, or a command other than `aws` it tried to run.
    pub stderr: String,
    pub success: bool,
}

/// Runs `commands` in `sh` inside `dir` (which a command may write into, e.g. by redirecting).
/// `PATH` leads nowhere, so any command but `aws` fails loudly on stderr.
pub fn paste_into_shell(commands: &str, dir: &Path) -> Pasted {
    // The calls go to a file by absolute path: a command may redirect aws's output.
    let calls = dir.join(".aws-calls");
    let script = format!(
        "aws() {{ for a in \"$@\"; do printf '%s\\0' \"$a\"; done >> '{calls}'; printf '\\n\\0' >> '{calls}'; }}\n\
         PATH=/nonexistent\n{commands}\n",
        calls = calls.display()
    );
    let out = match crate::output_within(
        std::process::Command::new("sh")
            .arg("-c")
            .arg(&script)
            .current_dir(dir),
        std::time::Duration::from_secs(60),
    ) {
        Ok(out) => out,
        Err(e) => {
            return Pasted {
                aws_calls: vec![],
                stderr: format!("sh did not finish: {e:?}"),
                success: false,
            };
        }
    };
    let recorded = std::fs::read_to_string(&calls).unwrap_or_default();
    Pasted {
        aws_calls: recorded
            .split("\n\0")
            .filter(|call| !call.is_empty())
            .map(|call| {
                call.split('\0')
                    .filter(|a| !a.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .collect(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        success: out.status.success(),
    }
}
