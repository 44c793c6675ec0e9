//! Security groups that admit the whole internet on a database or cache port.

use wellscan_model::{Pillar, Resource, SecurityGroup, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2.sg_open_database_ports",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC05-BP02",
        reads: &[
            "ec2:DescribeSecurityGroups",
            "ec2:DescribeNetworkInterfaces",
        ],
        facts: &[],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "Security group open to the internet on database ports",
        action: "Admit database ports only from the application's security group",
        remediation: "Replace the 0.0.0.0/0 and ::/0 ingress rules on the database port with a rule whose source \
            is the application tier's security group; keep databases in private subnets. Console: VPC > Security \
            groups > {id} > Edit inbound rules. CLI: aws ec2 revoke-security-group-ingress --region {region} \
            --group-id {id} --protocol tcp --port PORT --cidr 0.0.0.0/0",
    },
    evaluate,
};

/// The ports of the databases, caches and search engines a workload runs.
const DATABASE_PORTS: &[(i32, &str)] = &[
    (1433, "SQL Server"),
    (1521, "Oracle"),
    (3306, "MySQL/MariaDB"),
    (5432, "PostgreSQL"),
    (5984, "CouchDB"),
    (6379, "Redis"),
    (9042, "Cassandra"),
    (9200, "Elasticsearch/OpenSearch"),
    (9300, "Elasticsearch/OpenSearch transport"),
    (11211, "Memcached"),
    (27017, "MongoDB"),
];

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, sg) in ctx.each(Resource::as_security_group) {
        let exposed = exposures(sg);
        out.record(resource, exposed.is_empty(), || {
            format!(
                "ingress open to the internet on {}; {}",
                exposed.join(", "),
                super::sg_open_admin_ports::in_use(sg, ("group is in use", "group is not in use"))
            )
        });
    }
}

/// The database ports a world-open rule admits. A rule admitting every port is
/// `ec2.sg_open_all_ports`'s finding, not this one's.
fn exposures(sg: &SecurityGroup) -> Vec<String> {
    let mut found = Vec::new();
    for rule in sg
        .ingress
        .iter()
        .filter(|r| r.open_to_world() && !r.all_traffic())
    {
        for (port, name) in DATABASE_PORTS {
            let named = format!("{name} ({port}/tcp)");
            if rule.covers_tcp_port(*port) && !found.contains(&named) {
                found.push(named);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{failing, ingress, outcome, security_group};

    #[test]
    fn flags_world_open_database_ports_over_ipv4_and_ipv6() {
        let fails = failing(
            &CHECK,
            vec![
                security_group(
                    "sg-mysql",
                    vec![ingress("tcp", (3306, 3306), "0.0.0.0/0", "")],
                ),
                security_group(
                    "sg-postgres-v6",
                    vec![ingress("tcp", (5432, 5432), "", "::/0")],
                ),
                security_group(
                    "sg-range",
                    vec![ingress("tcp", (27000, 28000), "0.0.0.0/0", "")],
                ),
                security_group(
                    "sg-redis",
                    vec![ingress("tcp", (6379, 6379), "0.0.0.0/0", "")],
                ),
                // From the VPC only, or the web ports: healthy.
                security_group(
                    "sg-private-db",
                    vec![ingress("tcp", (5432, 5432), "10.0.0.0/16", "")],
                ),
                security_group(
                    "sg-web",
                    vec![ingress("tcp", (443, 443), "0.0.0.0/0", "::/0")],
                ),
                // Every port open is ec2.sg_open_all_ports's finding.
                security_group(
                    "sg-everything",
                    vec![ingress("tcp", (0, 65535), "0.0.0.0/0", "")],
                ),
            ],
        );
        assert_eq!(
            fails,
            ["sg-mysql", "sg-postgres-v6", "sg-range", "sg-redis"]
        );
    }

    #[test]
    fn evidence_names_each_engine_once() {
        let out = outcome(
            &CHECK,
            vec![security_group(
                "sg-1",
                vec![
                    ingress("tcp", (9200, 9300), "0.0.0.0/0", ""),
                    ingress("tcp", (9200, 9200), "", "::/0"),
                ],
            )],
        );
        assert_eq!(
            out.failures()[0].evidence(),
            "ingress open to the internet on Elasticsearch/OpenSearch (9200/tcp), \
             Elasticsearch/OpenSearch transport (9300/tcp); group is in use"
        );
    }
}
