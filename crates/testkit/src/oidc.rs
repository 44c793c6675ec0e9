//! A local OpenID Connect issuer for tests: discovery, a JWKS of RS256 keys, the
//! authorization endpoint (it signs in whoever the test names, at once) and the token endpoint
//! of the authorization-code flow with PKCE (S256). It mints tokens for tests directly too, and
//! can rotate its key (the new key's `kid` is unknown to a client's cache) or sign with a key it
//! never published.
//!
//! It runs on its own thread with a plain HTTP/1.1 loop, so a synchronous test can start it.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::KeySize;
use aws_lc_rs::signature::{KeyPair, RSA_PKCS1_SHA256, RsaKeyPair};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use serde_json::{Value, json};

struct Signer {
    kid: String,
    pair: RsaKeyPair,
}

impl Signer {
    fn new(kid: &str) -> Signer {
        Signer {
            kid: kid.to_string(),
            pair: RsaKeyPair::generate(KeySize::Rsa2048).expect("an RSA key"),
        }
    }

    fn jwk(&self) -> Value {
        let public = self.pair.public_key();
        let components = aws_lc_rs::rsa::PublicKeyComponents::<Vec<u8>>::from(public);
        json!({
            "kty": "RSA", "use": "sig", "alg": "RS256", "kid": self.kid,
            "n": B64.encode(&components.n), "e": B64.encode(&components.e),
        })
    }

    fn sign(&self, kid: &str, claims: &Value) -> String {
        let header = json!({"alg": "RS256", "typ": "JWT", "kid": kid});
        let input = format!(
            "{}.{}",
            B64.encode(header.to_string()),
            B64.encode(claims.to_string())
        );
        let mut signature = vec![0; self.pair.public_modulus_len()];
        self.pair
            .sign(
                &RSA_PKCS1_SHA256,
                &SystemRandom::new(),
                input.as_bytes(),
                &mut signature,
            )
            .expect("sign");
        format!("{input}.{}", B64.encode(signature))
    }
}

struct Pending {
    challenge: String,
    redirect_uri: String,
    client_id: String,
    nonce: Option<String>,
}

struct Shared {
    issuer: String,
    current: Mutex<Arc<Signer>>,
    /// The claims the next sign-in gets (beside iss, aud, exp, iat, nonce).
    login: Mutex<Value>,
    codes: Mutex<HashMap<String, Pending>>,
    jwks_fetches: AtomicUsize,
    issued: AtomicUsize,
    token_requests: Mutex<Vec<HashMap<String, String>>>,
    stop: AtomicBool,
}

/// The running issuer; stopped when dropped.
pub struct FakeIssuer {
    shared: Arc<Shared>,
    addr: std::net::SocketAddr,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl std::fmt::Debug for FakeIssuer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeIssuer")
            .field("addr", &self.addr)
            .finish()
    }
}

/// Seconds since the epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

impl FakeIssuer {
    pub fn start() -> FakeIssuer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the issuer");
        let addr = listener.local_addr().expect("address");
        let shared = Arc::new(Shared {
            issuer: format!("http://{addr}"),
            current: Mutex::new(Arc::new(Signer::new("key-1"))),
            login: Mutex::new(
                json!({"sub": "alice", "email": "alice@example.com", "wellscan_role": "auditor"}),
            ),
            codes: Mutex::new(HashMap::new()),
            jwks_fetches: AtomicUsize::new(0),
            issued: AtomicUsize::new(0),
            token_requests: Mutex::new(Vec::new()),
            stop: AtomicBool::new(false),
        });
        let serving = shared.clone();
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if serving.stop.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    let shared = serving.clone();
                    std::thread::spawn(move || handle(&shared, stream));
                }
            }
        });
        FakeIssuer {
            shared,
            addr,
            thread: Some(thread),
        }
    }

    /// The issuer URL (`iss`), `http://127.0.0.1:PORT`.
    pub fn issuer(&self) -> String {
        self.shared.issuer.clone()
    }

    /// A token signed with the current key, for `audience`, valid `lifetime` seconds from now
    /// (negative: already expired), with `claims` added.
    pub fn mint(&self, audience: &str, lifetime: i64, claims: Value) -> String {
        let signer = self.current();
        signer.sign(&signer.kid, &self.claims(audience, lifetime, claims))
    }

    /// The same, signed by a key the issuer never published but naming the current key's id:
    /// what a forger would send.
    pub fn mint_forged(&self, audience: &str, claims: Value) -> String {
        let forger = Signer::new("forger");
        forger.sign(&self.current().kid, &self.claims(audience, 3600, claims))
    }

    /// Starts signing with a new key under a new id; the old key leaves the JWKS.
    pub fn rotate(&self) {
        let next = format!(
            "key-{}",
            2 + self.shared.issued.fetch_add(1, Ordering::SeqCst)
        );
        *self
            .shared
            .current
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = Arc::new(Signer::new(&next));
    }

    /// How many times the JWKS was fetched.
    pub fn jwks_fetches(&self) -> usize {
        self.shared.jwks_fetches.load(Ordering::SeqCst)
    }

    /// The claims the next browser sign-in gets.
    pub fn set_login(&self, claims: Value) {
        *self.shared.login.lock().unwrap_or_else(|p| p.into_inner()) = claims;
    }

    /// Every form the token endpoint received.
    pub fn token_requests(&self) -> Vec<HashMap<String, String>> {
        self.shared
            .token_requests
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn current(&self) -> Arc<Signer> {
        self.shared
            .current
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn claims(&self, audience: &str, lifetime: i64, extra: Value) -> Value {
        let now = now();
        let mut claims =
            json!({"iss": self.issuer(), "aud": audience, "iat": now, "exp": now + lifetime});
        if let (Some(map), Some(extra)) = (claims.as_object_mut(), extra.as_object()) {
            for (k, v) in extra {
                map.insert(k.clone(), v.clone());
            }
        }
        claims
    }
}

impl Drop for FakeIssuer {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop.
        let _ = TcpStream::connect(self.addr);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn decode_form(text: &str) -> HashMap<String, String> {
    text.split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (percent_decode(k), percent_decode(v)))
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn respond(stream: &mut TcpStream, status: &str, headers: &[(&str, String)], body: &str) {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body.as_bytes());
}

fn handle(shared: &Shared, mut stream: TcpStream) {
    let Ok(clone) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(clone);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (
        parts.next().unwrap_or_default().to_string(),
        parts.next().unwrap_or_default().to_string(),
    );
    let mut length = 0usize;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length.min(1 << 20)];
    let _ = reader.read_exact(&mut body);
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let json_type = [("Content-Type", "application/json".to_string())];
    match (method.as_str(), path) {
        ("GET", "/.well-known/openid-configuration") => {
            let issuer = &shared.issuer;
            let doc = json!({
                "issuer": issuer,
                "jwks_uri": format!("{issuer}/jwks.json"),
                "authorization_endpoint": format!("{issuer}/authorize"),
                "token_endpoint": format!("{issuer}/token"),
                "response_types_supported": ["code"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
            });
            respond(&mut stream, "200 OK", &json_type, &doc.to_string());
        }
        ("GET", "/jwks.json") => {
            shared.jwks_fetches.fetch_add(1, Ordering::SeqCst);
            let signer = shared
                .current
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .clone();
            let doc = json!({"keys": [signer.jwk()]});
            respond(&mut stream, "200 OK", &json_type, &doc.to_string());
        }
        ("GET", "/authorize") => {
            let q = decode_form(query);
            let fine = q.get("response_type").map(String::as_str) == Some("code")
                && q.get("code_challenge_method").map(String::as_str) == Some("S256")
                && q.contains_key("code_challenge")
                && q.contains_key("redirect_uri")
                && q.contains_key("client_id");
            if !fine {
                respond(&mut stream, "400 Bad Request", &[], "invalid_request");
                return;
            }
            let code = format!("code-{}", shared.issued.fetch_add(1, Ordering::SeqCst));
            let redirect = q.get("redirect_uri").cloned().unwrap_or_default();
            shared
                .codes
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(
                    code.clone(),
                    Pending {
                        challenge: q.get("code_challenge").cloned().unwrap_or_default(),
                        redirect_uri: redirect.clone(),
                        client_id: q.get("client_id").cloned().unwrap_or_default(),
                        nonce: q.get("nonce").cloned(),
                    },
                );
            let state = q.get("state").cloned().unwrap_or_default();
            let location = format!(
                "{redirect}{}code={}&state={}",
                if redirect.contains('?') { '&' } else { '?' },
                percent_encode(&code),
                percent_encode(&state)
            );
            respond(&mut stream, "302 Found", &[("Location", location)], "");
        }
        ("POST", "/token") => {
            let form = decode_form(&String::from_utf8_lossy(&body));
            shared
                .token_requests
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(form.clone());
            let pending = form.get("code").and_then(|c| {
                shared
                    .codes
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .remove(c)
            });
            let Some(pending) = pending else {
                respond(
                    &mut stream,
                    "400 Bad Request",
                    &json_type,
                    r#"{"error":"invalid_grant"}"#,
                );
                return;
            };
            let verifier = form.get("code_verifier").cloned().unwrap_or_default();
            let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, verifier.as_bytes());
            let matches = B64.encode(digest.as_ref()) == pending.challenge
                && form.get("redirect_uri") == Some(&pending.redirect_uri)
                && form.get("client_id") == Some(&pending.client_id)
                && form.get("grant_type").map(String::as_str) == Some("authorization_code");
            if !matches {
                respond(
                    &mut stream,
                    "400 Bad Request",
                    &json_type,
                    r#"{"error":"invalid_grant"}"#,
                );
                return;
            }
            let signer = shared
                .current
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .clone();
            let now = now();
            let mut claims = json!({"iss": shared.issuer, "aud": pending.client_id, "iat": now, "exp": now + 3600});
            if let Some(nonce) = pending.nonce {
                claims["nonce"] = json!(nonce);
            }
            let login = shared
                .login
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .clone();
            if let (Some(map), Some(extra)) = (claims.as_object_mut(), login.as_object()) {
                for (k, v) in extra {
                    map.insert(k.clone(), v.clone());
                }
            }
            let id_token = signer.sign(&signer.kid, &claims);
            let answer = json!({"id_token": id_token, "access_token": "opaque", "token_type": "Bearer", "expires_in": 3600});
            respond(&mut stream, "200 OK", &json_type, &answer.to_string());
        }
        _ => respond(&mut stream, "404 Not Found", &[], "not found"),
    }
}
