//! RDS instances reachable from the internet.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds.instance_public",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC05-BP01",
        reads: &["rds:DescribeDBInstances"],
        facts: &[],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "RDS instance is publicly accessible",
        action: "Turn off public accessibility; reach databases from inside the VPC",
        remediation: "Make the instance private and connect through the VPC, a bastion or Session Manager. Console: RDS > Databases > {id} > Modify > Connectivity > Not publicly accessible. CLI: aws rds modify-db-instance --region {region} --db-instance-identifier {id} --no-publicly-accessible --apply-immediately",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, db) in ctx.each(Resource::as_rds_instance) {
        out.record(resource, !db.publicly_accessible, || {
            format!("{} {} has PubliclyAccessible=true", db.engine, db.class)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::RdsInstance;

    #[test]
    fn flags_public_instances() {
        let db = |id: &str, public: bool| -> Resource {
            RdsInstance {
                id: id.into(),
                region: "us-east-1".into(),
                publicly_accessible: public,
                ..Default::default()
            }
            .into()
        };
        assert_eq!(
            failing(&CHECK, vec![db("open", true), db("private", false)]),
            ["open"]
        );
    }
}
