//! The AWS regions wellscan knows by name, used to reject a mistyped `--regions` value
//! before any work starts. A live scan asks EC2 which regions are enabled; this table only
//! guards user input.

/// Region names and the partition each belongs to.
pub const KNOWN_REGIONS: &[(&str, &str)] = &[
    ("af-south-1", "aws"),
    ("ap-east-1", "aws"),
    ("ap-east-2", "aws"),
    ("ap-northeast-1", "aws"),
    ("ap-northeast-2", "aws"),
    ("ap-northeast-3", "aws"),
    ("ap-south-1", "aws"),
    ("ap-south-2", "aws"),
    ("ap-southeast-1", "aws"),
    ("ap-southeast-2", "aws"),
    ("ap-southeast-3", "aws"),
    ("ap-southeast-4", "aws"),
    ("ap-southeast-5", "aws"),
    ("ap-southeast-6", "aws"),
    ("ap-southeast-7", "aws"),
    ("ca-central-1", "aws"),
    ("ca-west-1", "aws"),
    ("eu-central-1", "aws"),
    ("eu-central-2", "aws"),
    ("eu-north-1", "aws"),
    ("eu-south-1", "aws"),
    ("eu-south-2", "aws"),
    ("eu-west-1", "aws"),
    ("eu-west-2", "aws"),
    ("eu-west-3", "aws"),
    ("il-central-1", "aws"),
    ("me-central-1", "aws"),
    ("me-south-1", "aws"),
    ("mx-central-1", "aws"),
    ("sa-east-1", "aws"),
    ("us-east-1", "aws"),
    ("us-east-2", "aws"),
    ("us-west-1", "aws"),
    ("us-west-2", "aws"),
    ("cn-north-1", "aws-cn"),
    ("cn-northwest-1", "aws-cn"),
    ("us-gov-east-1", "aws-us-gov"),
    ("us-gov-west-1", "aws-us-gov"),
];

/// True when `name` is a region wellscan knows.
pub fn is_known(name: &str) -> bool {
    KNOWN_REGIONS.iter().any(|(r, _)| *r == name)
}

/// The partition of a known region.
pub fn partition_of(name: &str) -> Option<&'static str> {
    KNOWN_REGIONS
        .iter()
        .find(|(r, _)| *r == name)
        .map(|(_, p)| *p)
}

/// All known region names of one partition, in table order.
pub fn names_in(partition: &str) -> impl Iterator<Item = &'static str> + '_ {
    KNOWN_REGIONS
        .iter()
        .filter(move |(_, p)| *p == partition)
        .map(|(r, _)| *r)
}

/// A region name that is neither one wellscan knows nor one the account offers.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown region `{region}`; valid regions: {}", valid_names())]
pub struct UnknownRegion {
    pub region: String,
}

fn valid_names() -> String {
    KNOWN_REGIONS
        .iter()
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The one check every region name a user typed goes through: it must be a region wellscan
/// knows, or one of `offered` (the account's own list, which may hold a region newer than
/// wellscan).
pub fn check(name: &str, offered: &[String]) -> Result<(), UnknownRegion> {
    if is_known(name) || offered.iter().any(|r| r == name) {
        Ok(())
    } else {
        Err(UnknownRegion {
            region: name.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_region_is_known_or_offered_by_the_account() {
        assert!(check("eu-west-1", &[]).is_ok());
        assert!(check("xx-new-1", &["xx-new-1".to_string()]).is_ok());
        let typo = check("eu-wset-1", &[]).expect_err("a typo");
        let message = typo.to_string();
        assert!(message.starts_with("unknown region `eu-wset-1`; valid regions: "));
        assert!(message.contains("eu-west-1, "), "{message}");
    }

    #[test]
    fn knows_commercial_and_isolated_partitions() {
        assert!(is_known("eu-west-1"));
        assert!(!is_known("mars-1"));
        assert_eq!(partition_of("cn-north-1"), Some("aws-cn"));
        assert_eq!(names_in("aws-us-gov").count(), 2);
    }
}
