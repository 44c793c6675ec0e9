//! Systems Manager: the instances whose agent reports to it in a region, and their patch
//! state, so that an instance nobody can patch or reach without SSH is a fact.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Tags;
use crate::Unknown;

/// A region's Systems Manager fleet (one per region whose managed instances were listed): the
/// instances it manages, so an EC2 instance missing from it is a fact, not an absence.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ManagedInstances {
    /// Always `managed-instances`.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// `patch_states` when the instances' patch states could not be read.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub instances: Vec<ManagedInstance>,
}

impl ManagedInstances {
    /// The managed instance `id` (`i-...` or `mi-...`), when its agent has registered.
    pub fn get(&self, id: &str) -> Option<&ManagedInstance> {
        self.instances.iter().find(|i| i.id == id)
    }
}

/// One instance whose SSM Agent has registered.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ManagedInstance {
    /// The EC2 instance id, or `mi-...` for a server outside AWS.
    pub id: String,
    /// `Online`, `ConnectionLost` or `Inactive`.
    pub ping_status: String,
    pub last_ping: Option<DateTime<Utc>>,
    pub agent_version: String,
    /// `Linux`, `Windows` or `MacOS`.
    pub platform: String,
    /// The latest Patch Manager scan or install, when one has run.
    pub patches: Option<PatchState>,
}

/// What Patch Manager last found on an instance (`DescribeInstancePatchStates`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PatchState {
    /// Patches the baseline approves that are not installed.
    pub missing: u32,
    /// Patches whose installation failed.
    pub failed: u32,
    /// Installed, waiting for a reboot to take effect.
    pub pending_reboot: u32,
    /// Missing or failed patches the baseline classes as critical.
    pub critical: u32,
    /// Missing or failed security patches.
    pub security: u32,
    /// When the scan or install ended.
    pub ended: Option<DateTime<Utc>>,
}

impl PatchState {
    /// Patches that should be on the instance and are not.
    pub fn outstanding(&self) -> u32 {
        self.missing + self.failed
    }
}
