//! Which fonts Chromium used to draw a piece of a page's text, asked through the DevTools
//! protocol (`CSS.getPlatformFontsForNode`) over `--remote-debugging-pipe`.
//!
//! This is what the renderer chose for the text run, so it does not depend on how a machine
//! draws characters that no font has, nor on which fonts the machine happens to have.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::browser::{FLAGS, PageServer, tempfile_dir};
use crate::process::{kill_group, wait_within};

/// How long the whole conversation with Chromium may take.
const DEADLINE: Duration = Duration::from_secs(120);

/// One font the renderer drew some of a node's glyphs with.
#[derive(Debug, Clone, PartialEq)]
pub struct UsedFont {
    /// The family name the font itself declares.
    pub family: String,
    /// The font came from the page (`@font-face`), not from the machine.
    pub from_page: bool,
    /// How many of the text's glyphs were drawn with it.
    pub glyphs: u64,
}

/// Opens `html` in headless Chromium, waits for its fonts, and returns the fonts used to draw
/// the first element on screen (`checkVisibility()`: not inside a closed `<details>`) whose text
/// contains `text`. Panics naming what hung or failed.
pub fn fonts_used(html: &[u8], text: &str) -> Vec<UsedFont> {
    let server = PageServer::start(html.to_vec());
    let work = tempfile_dir();
    let mut browser = Browser::start(&work);
    let url = format!("http://127.0.0.1:{}/report.html", server.port);
    let fonts = browser.fonts_of(&url, text);
    browser.close();
    let _ = std::fs::remove_dir_all(&work);
    fonts
}

/// Chromium with its DevTools pipe on our stdin and stdout (the shell maps them to the
/// descriptors 3 and 4 the pipe protocol reads and writes).
struct Browser {
    child: Child,
    input: ChildStdin,
    messages: Receiver<Value>,
    started: Instant,
    next_id: u64,
}

impl Browser {
    fn start(work: &std::path::Path) -> Browser {
        use std::os::unix::process::CommandExt;
        let mut cmd = Command::new("sh");
        cmd.args(["-c", r#"exec "$@" 3<&0 4>&1 </dev/null >/dev/null"#, "sh"])
            .arg("chromium")
            .args(FLAGS)
            .arg("--remote-debugging-pipe")
            .arg(format!(
                "--user-data-dir={}",
                work.join("profile").display()
            ))
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .process_group(0);
        let mut child = cmd.spawn().unwrap_or_else(|e| panic!("cannot run sh: {e}"));
        let (Some(input), Some(output)) = (child.stdin.take(), child.stdout.take()) else {
            panic!("Chromium's DevTools pipe was not opened");
        };
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(output);
            loop {
                let mut message = Vec::new();
                match reader.read_until(0, &mut message) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        message.pop_if(|b| *b == 0);
                        if let Ok(value) = serde_json::from_slice(&message)
                            && tx.send(value).is_err()
                        {
                            break;
                        }
                    }
                }
            }
        });
        Browser {
            child,
            input,
            messages,
            started: Instant::now(),
            next_id: 0,
        }
    }

    fn fonts_of(&mut self, url: &str, text: &str) -> Vec<UsedFont> {
        let target = self.call(None, "Target.createTarget", json!({ "url": "about:blank" }));
        let target = target["targetId"].as_str().unwrap_or_default().to_string();
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target, "flatten": true }),
        );
        let session = attached["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("Chromium attached no session: {attached}"))
            .to_string();
        let session = Some(session.as_str());
        self.call(session, "Page.enable", json!({}));
        self.call(session, "Page.navigate", json!({ "url": url }));
        self.event(session, "Page.loadEventFired");
        // Web fonts load when a text run needs them; this waits until every such load settled.
        self.call(
            session,
            "Runtime.evaluate",
            json!({ "expression": "document.fonts.ready.then(() => true)", "awaitPromise": true }),
        );
        self.call(session, "DOM.enable", json!({}));
        self.call(session, "CSS.enable", json!({}));
        self.call(session, "DOM.getDocument", json!({ "depth": 0 }));
        let find = format!(
            "(() => {{ const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); \
             let n; while ((n = w.nextNode())) {{ if (n.nodeValue.includes({}) && n.parentElement.checkVisibility()) return n.parentElement; }} \
             return null; }})()",
            json!(text)
        );
        let found = self.call(session, "Runtime.evaluate", json!({ "expression": find }));
        let object = found["result"]["objectId"]
            .as_str()
            .unwrap_or_else(|| panic!("{text:?} is not on the page: {found}"))
            .to_string();
        let node = self.call(session, "DOM.requestNode", json!({ "objectId": object }));
        let fonts = self.call(
            session,
            "CSS.getPlatformFontsForNode",
            json!({ "nodeId": node["nodeId"] }),
        );
        fonts["fonts"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|f| UsedFont {
                family: f["familyName"].as_str().unwrap_or_default().to_string(),
                from_page: f["isCustomFont"].as_bool().unwrap_or(false),
                glyphs: f["glyphCount"].as_u64().unwrap_or(0),
            })
            .collect()
    }

    /// Sends `method` and waits for its answer's `result`; panics with Chromium's error.
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        let mut bytes = message.to_string().into_bytes();
        bytes.push(0);
        if let Err(e) = self.input.write_all(&bytes) {
            self.fail(&format!("could not send {method}: {e}"));
        }
        let answer = self.wait_for(method, |m| m["id"] == id);
        if !answer["error"].is_null() {
            self.fail(&format!("{method} failed: {}", answer["error"]));
        }
        answer["result"].clone()
    }

    fn event(&mut self, session: Option<&str>, method: &str) {
        self.wait_for(method, |m| {
            m["method"] == method && session.is_none_or(|s| m["sessionId"] == s)
        });
    }

    fn wait_for(&mut self, what: &str, matches: impl Fn(&Value) -> bool) -> Value {
        loop {
            let left = DEADLINE.saturating_sub(self.started.elapsed());
            match self.messages.recv_timeout(left) {
                Ok(message) if matches(&message) => return message,
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => self.fail(&format!(
                    "Chromium hung: no answer to {what} within {} s, so it was killed",
                    DEADLINE.as_secs()
                )),
                Err(RecvTimeoutError::Disconnected) => {
                    self.fail(&format!("Chromium exited before it answered {what}"))
                }
            }
        }
    }

    fn fail(&mut self, why: &str) -> ! {
        kill_group(&mut self.child);
        panic!("{why}");
    }

    fn close(mut self) {
        let mut bytes = json!({ "id": 0, "method": "Browser.close" })
            .to_string()
            .into_bytes();
        bytes.push(0);
        let _ = self.input.write_all(&bytes);
        if wait_within(&mut self.child, Duration::from_secs(20)).is_none() {
            panic!(
                "Chromium hung: it did not close within 20 s of Browser.close, so it was killed"
            );
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            kill_group(&mut self.child);
        }
    }
}
