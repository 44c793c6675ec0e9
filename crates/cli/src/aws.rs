//! Which profile, endpoint and role the flags name. Every client is built by the orchestrator's
//! factory (`wellscan_orchestrator::aws`); this only reads the flags into it.

use wellscan_orchestrator::aws::{Access, Role, Session};

use crate::Failure;
use crate::args::LiveArgs;

/// Who calls AWS and where the calls go, as the flags say.
pub fn access(live: &LiveArgs) -> Access {
    Access {
        profile: live.profile.clone(),
        endpoint_url: live.endpoint_url.clone(),
    }
}

/// The caller's session (uploads, the history and Bedrock), loaded the first time one of them
/// needs it and shared after, so the credential chain is asked once per run. Missing
/// credentials are the user's to set up: a usage error.
pub struct Caller {
    access: Access,
    session: tokio::sync::OnceCell<Session>,
}

impl Caller {
    pub fn new(access: Access) -> Caller {
        Caller {
            access,
            session: tokio::sync::OnceCell::new(),
        }
    }

    pub async fn session(&self) -> Result<&Session, Failure> {
        self.session
            .get_or_try_init(|| Session::caller(&self.access))
            .await
            .map_err(|e| Failure::Usage(e.into()))
    }
}

/// The session a live scan uses: the caller's, then `--role-arn` (or `role_arn`, the role
/// `--account` names) assumed if given.
pub async fn target(live: &LiveArgs, role_arn: Option<String>) -> Result<Session, Failure> {
    let role = live.role_arn.clone().or(role_arn).map(|arn| Role {
        arn,
        external_id: live.external_id.clone(),
    });
    if role.is_none() && live.external_id.is_some() {
        return Err(Failure::usage(
            "--external-id is passed when a role is assumed: add --role-arn, or --org-role with --org or --account",
        ));
    }
    Session::target(&access(live), role.as_ref())
        .await
        .map_err(|e| Failure::Usage(e.into()))
}
