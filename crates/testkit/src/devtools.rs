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
    /// Events that arrived while an answer was awaited, oldest first.
    seen: Vec<Value>,
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
            seen: Vec::new(),
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
        match self.try_call(session, method, params) {
            Ok(result) => result,
            Err(error) => self.fail(&format!("{method} failed: {error}")),
        }
    }

    /// Sends `method`; its `result`, or Chromium's `error`.
    fn try_call(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: Value,
    ) -> Result<Value, Value> {
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
            return Err(answer["error"].clone());
        }
        Ok(answer["result"].clone())
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
                Ok(message) => {
                    if !message["method"].is_null() {
                        self.seen.push(message);
                    }
                }
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

/// A page in headless Chromium driven as a person would use a site: go to an address, run a
/// line of script (type, click, read), wait until something shows, take a screenshot. What
/// the page logged as an error (a script error, a Content-Security-Policy violation) is kept.
pub struct Driver {
    browser: Browser,
    session: String,
    work: std::path::PathBuf,
}

impl std::fmt::Debug for Driver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Driver")
            .field("session", &self.session)
            .finish()
    }
}

impl Driver {
    /// Chromium on a blank page; `javascript` false runs the pages with scripts off.
    pub fn start(javascript: bool) -> Driver {
        let work = tempfile_dir();
        let mut browser = Browser::start(&work);
        let target = browser.call(None, "Target.createTarget", json!({ "url": "about:blank" }));
        let target = target["targetId"].as_str().unwrap_or_default().to_string();
        let attached = browser.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target, "flatten": true }),
        );
        let session = attached["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("Chromium attached no session: {attached}"))
            .to_string();
        for domain in ["Page.enable", "Runtime.enable", "Log.enable"] {
            browser.call(Some(&session), domain, json!({}));
        }
        if !javascript {
            browser.call(
                Some(&session),
                "Emulation.setScriptExecutionDisabled",
                json!({ "value": true }),
            );
        }
        Driver {
            browser,
            session,
            work,
        }
    }

    /// Goes to `url` and waits for the page to load.
    pub fn goto(&mut self, url: &str) {
        let session = self.session.clone();
        self.browser
            .call(Some(&session), "Page.navigate", json!({ "url": url }));
        self.wait_until("document.readyState === 'complete' && location.href !== 'about:blank'");
    }

    /// The value of `expression` (a promise is awaited); `Err` with Chromium's or the
    /// script's error, e.g. while the page is navigating.
    pub fn try_eval(&mut self, expression: &str) -> Result<Value, Value> {
        let session = self.session.clone();
        let answer = self.browser.try_call(
            Some(&session),
            "Runtime.evaluate",
            json!({ "expression": expression, "awaitPromise": true, "returnByValue": true }),
        )?;
        if !answer["exceptionDetails"].is_null() {
            return Err(answer["exceptionDetails"].clone());
        }
        Ok(answer["result"]["value"].clone())
    }

    /// The value of `expression`; panics with the error.
    pub fn eval(&mut self, expression: &str) -> Value {
        match self.try_eval(expression) {
            Ok(value) => value,
            Err(e) => panic!("`{expression}` failed: {e}"),
        }
    }

    /// Polls `expression` until it is truthy; returns its value. Panics at the deadline with
    /// what the page showed.
    pub fn wait_until(&mut self, expression: &str) -> Value {
        let started = Instant::now();
        loop {
            if let Ok(value) = self.try_eval(expression) {
                let truthy = !matches!(value, Value::Null | Value::Bool(false))
                    && value != json!("")
                    && value != json!(0);
                if truthy {
                    return value;
                }
            }
            if started.elapsed() > Duration::from_secs(60) {
                let page = self
                    .try_eval("location.href + '\\n' + document.body.innerText.slice(0, 2000)")
                    .unwrap_or_default();
                panic!("waited 60 s for `{expression}`; the page: {page}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Writes a PNG of the page as it is, `width` pixels wide and as tall as its content.
    pub fn screenshot(&mut self, path: &std::path::Path, width: u32) {
        use base64::Engine;
        let session = self.session.clone();
        let height = self
            .eval("Math.min(document.documentElement.scrollHeight, 4000)")
            .as_u64()
            .unwrap_or(800);
        self.browser.call(
            Some(&session),
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false }),
        );
        let shot = self.browser.call(
            Some(&session),
            "Page.captureScreenshot",
            json!({ "format": "png" }),
        );
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap_or_default())
            .unwrap_or_else(|e| panic!("the screenshot is not base64: {e}"));
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        std::fs::write(path, bytes)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }

    /// Every error the page logged so far: script exceptions, failed loads, policy violations.
    pub fn errors(&mut self) -> Vec<String> {
        // Let the last events arrive.
        let _ = self.try_eval("1");
        self.browser
            .seen
            .iter()
            .filter_map(|m| match m["method"].as_str() {
                Some("Runtime.exceptionThrown") => {
                    Some(m["params"]["exceptionDetails"].to_string())
                }
                Some("Log.entryAdded") if m["params"]["entry"]["level"] == "error" => {
                    Some(m["params"]["entry"]["text"].to_string())
                }
                _ => None,
            })
            .collect()
    }

    pub fn close(self) {
        let work = self.work.clone();
        self.browser.close();
        let _ = std::fs::remove_dir_all(work);
    }
}
