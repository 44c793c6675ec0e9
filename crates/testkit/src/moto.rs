use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::TestkitError;

/// How long moto may take to answer after it starts.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(60);

/// The emulator script: moto's server plus the protocol bridges the Rust SDK needs.
pub const EMULATOR_SCRIPT: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/emulator/wellscan_emulator.py");

/// A moto server (through wellscan's emulator script) on a free loopback port, killed on drop.
pub struct MotoServer {
    child: Child,
    port: u16,
    log: log_file::LogFile,
}

impl std::fmt::Debug for MotoServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MotoServer")
            .field("port", &self.port)
            .finish()
    }
}

/// The Python that has moto installed: `WELLSCAN_PYTHON`, else the repository's
/// `.venv/bin/python` (installed by `cargo xtask setup`).
pub fn python_path() -> PathBuf {
    if let Some(path) = std::env::var_os("WELLSCAN_PYTHON") {
        return PathBuf::from(path);
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.venv/bin/python")
}

impl MotoServer {
    /// Starts moto on a free loopback port and waits until it answers HTTP.
    pub fn start() -> Result<MotoServer, TestkitError> {
        MotoServer::start_with_env(&[])
    }

    /// Starts moto with extra environment, e.g. `INITIAL_NO_AUTH_ACTION_COUNT` to enforce IAM.
    pub fn start_with_env(env: &[(&str, &str)]) -> Result<MotoServer, TestkitError> {
        let python = python_path();
        if !python.is_file() {
            return Err(TestkitError::MotoMissing {
                path: python.display().to_string(),
            });
        }
        let port = free_port().map_err(TestkitError::Spawn)?;
        let log = log_file::LogFile::new(port).map_err(TestkitError::Spawn)?;
        let child = Command::new(&python)
            .arg(EMULATOR_SCRIPT)
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            // moto's default AMIs come with 1,301 public snapshots per region owned by the test
            // account, which no real account has; tests register what they need.
            .env("MOTO_EC2_LOAD_DEFAULT_AMIS", "false")
            // AWS-managed policies (AdministratorAccess, ReadOnlyAccess) exist in every real
            // account; tests attach them to users and groups.
            .env("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
            .envs(env.iter().copied())
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .stdin(Stdio::null())
            .stdout(log.stdio().map_err(TestkitError::Spawn)?)
            .stderr(log.stdio().map_err(TestkitError::Spawn)?)
            .spawn()
            .map_err(TestkitError::Spawn)?;
        let mut server = MotoServer { child, port, log };
        server.wait_until_ready()?;
        Ok(server)
    }

    /// From now on moto checks every request against IAM: signatures, keys and policies.
    pub fn enforce_iam(&self) -> Result<(), TestkitError> {
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, self.port));
        let mut stream = TcpStream::connect(addr).map_err(TestkitError::Spawn)?;
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .map_err(TestkitError::Spawn)?;
        let request = "POST /moto-api/reset-auth HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\nConnection: close\r\n\r\n0";
        stream
            .write_all(request.as_bytes())
            .map_err(TestkitError::Spawn)?;
        let mut answer = String::new();
        stream
            .read_to_string(&mut answer)
            .map_err(TestkitError::Spawn)?;
        if answer.starts_with("HTTP/1.1 200") || answer.starts_with("HTTP/1.0 200") {
            Ok(())
        } else {
            Err(TestkitError::Exited {
                status: "reset-auth refused".into(),
                log: answer,
            })
        }
    }

    /// Plays the SSM Agent of one instance in `region`: from now on the emulator's Systems
    /// Manager lists it. `instance` is its `InstanceInformation` as the service answers it, with
    /// the instance's patch state (an `InstancePatchState`) under `PatchState` when Patch Manager
    /// has scanned it.
    pub fn register_ssm_agent(
        &self,
        region: &str,
        instance: &serde_json::Value,
    ) -> Result<(), TestkitError> {
        self.post_json(
            &format!("/wellscan-emulator/ssm/{region}/instances"),
            instance,
        )
    }

    /// Sets what the emulator's Cost Optimization Hub knows of the account, as AWS would after
    /// weeks of usage: `{"status": "Active", "recommendations": [...]}`, each recommendation as
    /// ListRecommendations answers it.
    pub fn set_cost_optimization_hub(&self, hub: &serde_json::Value) -> Result<(), TestkitError> {
        self.post_json("/wellscan-emulator/cost-optimization-hub", hub)
    }

    /// Sends `value` to one of the emulator's own endpoints.
    fn post_json(&self, path: &str, value: &serde_json::Value) -> Result<(), TestkitError> {
        let url = format!("{}{path}", self.endpoint());
        let body = value.to_string();
        let answer = crate::http::http_request(
            "POST",
            &url,
            &[("Content-Type", "application/json")],
            Some(body.as_bytes()),
        )?;
        if answer.status == 200 {
            Ok(())
        } else {
            Err(TestkitError::Http {
                url,
                problem: format!("HTTP {}: {}", answer.status, answer.text()),
            })
        }
    }

    /// The base URL, e.g. `http://127.0.0.1:41234`.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    fn wait_until_ready(&mut self) -> Result<(), TestkitError> {
        let started = Instant::now();
        while started.elapsed() < STARTUP_TIMEOUT {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(TestkitError::Exited {
                    status: status.to_string(),
                    log: self.log.read(),
                });
            }
            if answers_http(self.port, STARTUP_TIMEOUT.saturating_sub(started.elapsed())) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err(TestkitError::NoAnswer {
            endpoint: self.endpoint(),
            seconds: STARTUP_TIMEOUT.as_secs(),
            log: self.log.read(),
        })
    }
}

impl Drop for MotoServer {
    fn drop(&mut self) {
        // The process may already be gone; there is nothing useful to do with an error here.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> std::io::Result<u16> {
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))?;
    Ok(listener.local_addr()?.port())
}

/// True when something on `port` answers an HTTP request to moto's own API within
/// `patience`. A server that took the request is waited for: while it imports and warms its
/// services on a busy machine its first answer can take seconds, and a request given up on and
/// sent again only queues behind the last one.
fn answers_http(port: u16, patience: Duration) -> bool {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_millis(200)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(patience.max(Duration::from_millis(100))));
    let request =
        "GET /moto-api/data.json HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).is_ok() && head.starts_with(b"HTTP/1.")
}

/// moto's output goes to a file in the temp dir so a failed start can show it.
mod log_file {
    use std::fs::File;
    use std::path::PathBuf;

    pub struct LogFile {
        path: PathBuf,
    }

    impl LogFile {
        pub fn new(port: u16) -> std::io::Result<LogFile> {
            let path = std::env::temp_dir()
                .join(format!("wellscan-moto-{}-{port}.log", std::process::id()));
            File::create(&path)?;
            Ok(LogFile { path })
        }

        pub fn stdio(&self) -> std::io::Result<File> {
            File::options().append(true).open(&self.path)
        }

        pub fn read(&self) -> String {
            let text = std::fs::read_to_string(&self.path).unwrap_or_default();
            let tail: Vec<&str> = text.lines().rev().take(20).collect();
            tail.into_iter().rev().collect::<Vec<_>>().join("\n")
        }
    }

    impl Drop for LogFile {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A server that takes the request and answers only after `delay`.
    fn slow_server(delay: Duration) -> u16 {
        let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).expect("bind");
        let port = listener.local_addr().expect("address").port();
        std::thread::spawn(move || {
            if let Ok((mut stream, _)) = listener.accept() {
                let mut request = [0u8; 256];
                let _ = stream.read(&mut request);
                std::thread::sleep(delay);
                let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
            }
        });
        port
    }

    #[test]
    fn a_server_slow_to_answer_its_first_request_is_waited_for() {
        let port = slow_server(Duration::from_millis(2_500));
        assert!(answers_http(port, Duration::from_secs(10)));
    }

    #[test]
    fn a_server_that_answers_after_the_deadline_is_not_ready() {
        let port = slow_server(Duration::from_secs(3));
        assert!(!answers_http(port, Duration::from_millis(300)));
    }

    #[test]
    fn nothing_listening_is_not_ready() {
        let port = free_port().expect("a free port");
        assert!(!answers_http(port, Duration::from_secs(1)));
    }
}
