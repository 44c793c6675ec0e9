//! Security Hub: whether the region's hub is enabled. "Not subscribed" is an answer (off),
//! not a gap; any other failure is a gap, a denial included (Security Hub answers some
//! denials with the same code as "not subscribed", and another message).

use wellscan_aws::rest as api;
use wellscan_model::SecurityHub;

use crate::error;
use crate::unit::{Collected, UnitCtx};

/// The code Security Hub answers DescribeHub with when the account has not enabled it, and
/// the words its message then carries.
const NOT_SUBSCRIBED: (&str, &str) = ("InvalidAccessException", "not subscribed");

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "securityhub"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let hub = ctx.client::<api::Client<api::SecurityHub>>();
    let mut out = Collected {
        depth: 1,
        ..Default::default()
    };
    let enabled = match hub.get("DescribeHub", "/accounts", &[]).await {
        Ok(_) => true,
        Err(e) if not_subscribed(error::code(&e), error::message(&e)) => false,
        Err(e) => {
            out.gaps.push(ctx.gap("DescribeHub", &e));
            return out;
        }
    };
    out.found.push(
        SecurityHub {
            id: "securityhub".into(),
            arn: ctx.arn("securityhub", "hub/default"),
            region: ctx.region.clone(),
            enabled,
            ..Default::default()
        }
        .into(),
    );
    out
}

fn not_subscribed(code: Option<&str>, message: Option<&str>) -> bool {
    code == Some(NOT_SUBSCRIBED.0)
        && message.is_some_and(|m| m.to_ascii_lowercase().contains(NOT_SUBSCRIBED.1))
}

#[cfg(test)]
mod tests {
    use super::not_subscribed;

    #[test]
    fn only_the_not_subscribed_message_means_off() {
        let code = Some("InvalidAccessException");
        assert!(not_subscribed(
            code,
            Some("Account 123456789012 is not subscribed to AWS Security Hub")
        ));
        // A denial under the same code is a gap, not "off".
        assert!(!not_subscribed(
            code,
            Some(
                "User: arn:aws:iam::123456789012:user/audit is not authorized to perform: securityhub:DescribeHub"
            )
        ));
        assert!(!not_subscribed(code, None));
        assert!(!not_subscribed(
            Some("AccessDeniedException"),
            Some("not subscribed")
        ));
    }
}
