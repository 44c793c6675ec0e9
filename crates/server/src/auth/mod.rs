//! Who is calling and what they may do. A request carries an API token
//! (`Authorization: Bearer wsk_…`); the service keeps only each token's hash. Roles are
//! ordered: a viewer reads, an auditor also starts and cancels scans, an admin also manages
//! tokens and schedules.
//!
//! [`Caller`] is the extractor every protected handler takes: it authenticates, applies the
//! caller's rate limit, and a handler asks it for the role it needs ([`Caller::require`]).

pub mod jwt;
pub mod login;
pub mod oidc;
pub mod session;
pub mod token;

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use chrono::Utc;
use serde::{Deserialize, Serialize};

use crate::db::{AuditEntry, TokenInfo};
use crate::error::ApiError;
use crate::state::AppState;

/// What a caller may do; each role may do everything the one before it may.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Viewer,
    Auditor,
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Viewer, Role::Auditor, Role::Admin];

    pub fn id(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Auditor => "auditor",
            Role::Admin => "admin",
        }
    }

    /// What the role adds, for messages.
    fn may(self) -> &'static str {
        match self {
            Role::Viewer => "read scans and reports",
            Role::Auditor => "start and cancel scans",
            Role::Admin => "manage tokens and schedules",
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

impl std::str::FromStr for Role {
    type Err = String;

    fn from_str(s: &str) -> Result<Role, String> {
        Role::ALL
            .into_iter()
            .find(|r| r.id() == s)
            .ok_or_else(|| format!("unknown role `{s}`: viewer, auditor or admin"))
    }
}

/// An authenticated caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// How the audit log names the caller: `token:<id> (<name>)`.
    pub actor: String,
    /// What the rate limit counts against.
    pub key: String,
    pub role: Role,
}

/// The extractor of an authenticated, rate-limited caller.
#[derive(Debug, Clone)]
pub struct Caller(pub Principal);

impl Caller {
    /// The caller, if their role is at least `role`; 403 naming what is missing otherwise.
    pub fn require(&self, role: Role) -> Result<&Principal, ApiError> {
        if self.0.role >= role {
            Ok(&self.0)
        } else {
            Err(ApiError::forbidden(format!(
                "this needs the {role} role (to {}); the caller is {}",
                role.may(),
                self.0.role
            )))
        }
    }
}

impl FromRequestParts<Arc<AppState>> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Caller, ApiError> {
        let principal = authenticate(parts, state).await?;
        state.rate.check(&principal.key)?;
        parts.extensions.insert(principal.clone());
        Ok(Caller(principal))
    }
}

async fn authenticate(parts: &Parts, state: &AppState) -> Result<Principal, ApiError> {
    let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
        // A signed-in browser (the web pages' own requests, the progress stream).
        if let Some(principal) = session::principal(parts, state).await? {
            if !parts.method.is_safe() {
                session::same_origin(parts)?;
            }
            return Ok(principal);
        }
        return Err(ApiError::unauthenticated(
            "no credentials: send `Authorization: Bearer <token>`",
        ));
    };
    let bearer = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .ok_or_else(|| {
            ApiError::unauthenticated("the Authorization header is not `Bearer <token>`")
        })?;
    match &state.oidc {
        Some(oidc) if !bearer.starts_with(token::PREFIX) => principal_from_jwt(oidc, bearer).await,
        _ => principal_from_token(state, bearer).await,
    }
}

/// The caller a JWT from the OIDC issuer names, with the role its role claim grants.
async fn principal_from_jwt(oidc: &oidc::Oidc, jwt: &str) -> Result<Principal, ApiError> {
    let claims = oidc
        .validate(jwt, &oidc.config.audience)
        .await
        .map_err(|why| ApiError::unauthenticated(format!("the token is refused: {why}")))?;
    let actor = oidc::Oidc::actor(&claims);
    let role = oidc.role(&claims).ok_or_else(|| {
        ApiError::forbidden(format!(
            "{actor} has no wellscan role: the issuer must put viewer, auditor or admin in the `{}` claim",
            oidc.config.role_claim
        ))
    })?;
    Ok(Principal {
        key: format!("oidc:{}", claims["sub"].as_str().unwrap_or("unknown")),
        actor,
        role,
    })
}

/// The caller an API token names.
pub async fn principal_from_token(state: &AppState, secret: &str) -> Result<Principal, ApiError> {
    let refused = || ApiError::unauthenticated("the token is not valid (unknown or revoked)");
    if !token::looks_like_token(secret) {
        return Err(refused());
    }
    let info = state
        .db
        .token_by_hash(&token::hash(secret), Utc::now())
        .await?
        .ok_or_else(refused)?;
    Ok(Principal {
        actor: format!("token:{} ({})", info.id, info.name),
        key: format!("token:{}", info.id),
        role: info.role,
    })
}

/// A token made: its record and its secret, shown once.
#[derive(Debug, Clone, Serialize)]
pub struct NewToken {
    #[serde(flatten)]
    pub info: TokenInfo,
    pub token: String,
}

/// A token's name, trimmed: 1 to 100 characters, no control characters.
pub fn check_token_name(name: &str) -> Result<&str, String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err("a token's name must be 1 to 100 characters with no control characters".into());
    }
    Ok(name)
}

/// Makes a token with `role`, recorded in the audit log as made by `actor`.
pub async fn create_token(
    db: &dyn crate::db::Records,
    name: &str,
    role: Role,
    actor: &str,
) -> Result<NewToken, crate::error::ServeError> {
    let secret = token::generate().map_err(|_| crate::error::ServeError::Random)?;
    let id = token::new_id().map_err(|_| crate::error::ServeError::Random)?;
    let info = TokenInfo {
        id,
        name: name.to_string(),
        role,
        created_at: Utc::now(),
        created_by: actor.to_string(),
        revoked_at: None,
        last_used_at: None,
    };
    db.insert_token(&info, &token::hash(&secret)).await?;
    db.audit(&AuditEntry {
        at: info.created_at,
        actor: actor.to_string(),
        action: "token.create".into(),
        target: format!("token:{}", info.id),
        detail: format!("{} ({role})", info.name),
    })
    .await?;
    Ok(NewToken {
        info,
        token: secret,
    })
}

/// Revokes a token; false when there was no live token with that id.
pub async fn revoke_token(
    db: &dyn crate::db::Records,
    id: &str,
    actor: &str,
) -> Result<bool, crate::error::ServeError> {
    let now = Utc::now();
    let revoked = db.revoke_token(id, now).await?;
    if revoked {
        db.audit(&AuditEntry {
            at: now,
            actor: actor.to_string(),
            action: "token.revoke".into(),
            target: format!("token:{id}"),
            detail: String::new(),
        })
        .await?;
    }
    Ok(revoked)
}
