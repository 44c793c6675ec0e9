//! The one shape every read in a collector returns: what it found, what it could not read, and
//! how long its chain of calls was. A unit's whole result is a [`Collected`].

use wellscan_model::{CoverageGap, Resource};

/// What a read found, the gaps of what it could not read, and the longest chain of calls that
/// had to wait for each other to find it (pages, then per-resource calls): the scanner's
/// critical path is the longest chain of any unit.
#[derive(Debug, Default)]
pub struct Partial<T> {
    pub found: T,
    pub gaps: Vec<CoverageGap>,
    pub depth: u32,
}

/// What a unit found: its resources.
pub type Collected = Partial<Vec<Resource>>;

impl<T> Partial<T> {
    /// What a read found whole, before any call of its own.
    pub fn of(found: T) -> Partial<T> {
        Partial {
            found,
            gaps: Vec::new(),
            depth: 0,
        }
    }

    /// What one round of calls, made side by side, found and could not read.
    pub fn called(found: T, gaps: Vec<CoverageGap>) -> Partial<T> {
        Partial {
            found,
            gaps,
            depth: 1,
        }
    }

    /// Whether everything was read.
    pub fn whole(&self) -> bool {
        self.gaps.is_empty()
    }

    /// Takes `part`'s gaps, and its chain when longer than this one's (it ran beside this
    /// read); gives back what it found.
    pub fn absorb<U>(&mut self, part: Partial<U>) -> U {
        self.gaps.extend(part.gaps);
        self.depth = self.depth.max(part.depth);
        part.found
    }

    /// What was found, changed by `f`, with the same gaps and chain.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Partial<U> {
        Partial {
            found: f(self.found),
            gaps: self.gaps,
            depth: self.depth,
        }
    }

    /// What was found when everything was read; `None`, with the gaps kept here, when not.
    pub fn take_whole(&mut self) -> Option<T>
    where
        T: Default,
    {
        self.whole().then(|| std::mem::take(&mut self.found))
    }
}

impl Collected {
    pub fn push(&mut self, resource: impl Into<Resource>) {
        self.found.push(resource.into());
    }

    /// Adds a part that ran beside this one: its resources, its gaps, its chain when longer.
    pub fn merge(&mut self, other: Collected) {
        let found = self.absorb(other);
        self.found.extend(found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gap(operation: &str) -> CoverageGap {
        CoverageGap {
            region: "eu-west-1".into(),
            service: "sns".into(),
            operation: operation.into(),
            error: "access denied: AccessDenied".into(),
        }
    }

    #[test]
    fn a_part_that_ran_beside_adds_its_gaps_and_the_longer_chain() {
        let mut out = Partial::of(1);
        out.depth = 3;
        let part = Partial {
            found: "tags",
            gaps: vec![gap("ListTagsForResource")],
            depth: 2,
        };
        assert_eq!(out.absorb(part), "tags");
        assert_eq!(out.depth, 3);
        assert!(!out.whole());
        let longer = Partial {
            found: (),
            gaps: vec![],
            depth: 5,
        };
        out.absorb(longer);
        assert_eq!(out.depth, 5);
        assert_eq!(out.gaps.len(), 1);
    }

    #[test]
    fn what_was_read_in_part_is_not_taken_as_whole() {
        let mut read = Partial {
            found: vec!["https"],
            gaps: vec![gap("ListSubscriptionsByTopic")],
            depth: 1,
        };
        assert_eq!(read.take_whole(), None);
        assert_eq!(read.gaps.len(), 1);
        let mut whole = Partial::of(vec!["https"]);
        assert_eq!(whole.take_whole(), Some(vec!["https"]));
    }
}
