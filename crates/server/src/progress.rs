//! A running scan's progress as the API and the web page show it, folded from the
//! orchestrator's [`Progress`] events: the stage, regions and services done of total for a live
//! discovery, pillars analysed, and the warnings said so far.

use serde::{Deserialize, Serialize};
use wellscan_model::Discovery;
use wellscan_orchestrator::{Progress, Stage};

/// At most this many warnings are kept; the rest are counted.
const WARNINGS_KEPT: usize = 20;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProgressView {
    /// The stage under way (or last finished): inventory, checks, pillar analysis, …
    pub stage: Option<String>,
    /// What the last finished stage said ("412 resources in 17 regions").
    pub detail: Option<String>,
    pub regions: Counter,
    pub services: Counter,
    pub pillars: Counter,
    pub warnings: Vec<String>,
    pub more_warnings: usize,
    pub account_id: Option<String>,
    /// Units started and finished per region.
    #[serde(skip)]
    units: std::collections::BTreeMap<String, (usize, usize)>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counter {
    pub done: usize,
    pub total: usize,
}

impl ProgressView {
    /// Folds one event in.
    pub fn apply(&mut self, event: &Progress) {
        match event {
            Progress::StageStarted(stage) => {
                self.stage = Some(stage.title().to_string());
                if *stage == Stage::Analysis {
                    self.pillars = Counter { done: 0, total: 6 };
                }
            }
            Progress::StageFinished { stage, detail } => {
                self.stage = Some(stage.title().to_string());
                if *stage == Stage::Inventory {
                    self.regions.done = self.regions.total;
                }
                self.detail = Some(format!("{}: {detail}", stage.title()));
            }
            Progress::Discovery(discovery) => self.discovery(discovery),
            Progress::PillarStarted { .. } => {}
            Progress::PillarFinished { .. } => self.pillars.done += 1,
            Progress::Warning(text) => {
                if self.warnings.len() < WARNINGS_KEPT {
                    self.warnings.push(text.clone());
                } else {
                    self.more_warnings += 1;
                }
            }
        }
    }

    fn discovery(&mut self, event: &Discovery) {
        match event {
            Discovery::Started {
                account_id,
                regions,
                ..
            } => {
                self.account_id = Some(account_id.clone());
                self.regions = Counter {
                    done: 0,
                    total: regions.len(),
                };
            }
            Discovery::UnitStarted { region, .. } => {
                self.services.total += 1;
                self.units.entry(region.clone()).or_default().0 += 1;
            }
            Discovery::UnitFinished { region, .. } => {
                self.services.done += 1;
                self.units.entry(region.clone()).or_default().1 += 1;
            }
            Discovery::DeadlineReached => {}
        }
        // A region counts as done while none of its units is running. The scanner starts a
        // region's units as its bound allows, so this can run ahead by a region; the count is
        // made exact when the inventory stage ends.
        self.regions.done = self
            .units
            .values()
            .filter(|(started, finished)| started == finished)
            .count()
            .min(self.regions.total);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_units_pillars_and_warnings_are_counted() {
        let mut view = ProgressView::default();
        view.apply(&Progress::StageStarted(Stage::Inventory));
        view.apply(&Progress::Discovery(Discovery::Started {
            account_id: "123456789012".into(),
            regions: vec!["us-east-1".into(), "eu-west-1".into()],
            not_enabled: vec![],
        }));
        for region in ["us-east-1", "eu-west-1"] {
            view.apply(&Progress::Discovery(Discovery::UnitStarted {
                region: region.into(),
                service: "ec2".into(),
            }));
        }
        view.apply(&Progress::Discovery(Discovery::UnitFinished {
            region: "us-east-1".into(),
            service: "ec2".into(),
            resources: 3,
            gaps: 0,
        }));
        assert_eq!(view.services, Counter { done: 1, total: 2 });
        assert_eq!(view.regions, Counter { done: 1, total: 2 });
        assert_eq!(view.account_id.as_deref(), Some("123456789012"));
        view.apply(&Progress::StageStarted(Stage::Analysis));
        assert_eq!(view.pillars, Counter { done: 0, total: 6 });
        for _ in 0..25 {
            view.apply(&Progress::Warning("throttled".into()));
        }
        assert_eq!((view.warnings.len(), view.more_warnings), (20, 5));
        assert_eq!(view.stage.as_deref(), Some("pillar analysis"));
    }
}
