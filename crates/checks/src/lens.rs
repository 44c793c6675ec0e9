//! The Well-Architected best practices wellscan's checks cite, each with the question and
//! choice of the Well-Architected Tool's `wellarchitected` lens it provides evidence for.
//!
//! The source is `data/wa-lens.json`: the lens's questions and choices as a lens review of
//! revision [`LENS_VERSION`] lists them, each choice with its best-practice number in the
//! framework's current documentation. A check cites a number (`CheckMeta::best_practice`); its
//! question and choice are looked up here ([`CheckMeta::wa_question`], [`CheckMeta::wa_choice`]),
//! never written twice. The Well-Architected Tool matches answers by question and choice id,
//! so those ids come from the lens itself, not from a pattern.
//!
//! [`CheckMeta::wa_question`]: crate::CheckMeta::wa_question
//! [`CheckMeta::wa_choice`]: crate::CheckMeta::wa_choice

use std::sync::LazyLock;

use serde::Deserialize;

/// The lens revision `data/wa-lens.json` follows.
pub const LENS_VERSION: &str = "2024-06-27";

const LENS: &str = include_str!("../data/wa-lens.json");

/// One best practice: its number in the framework, and where the lens asks about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Practice {
    /// `SEC03-BP02`.
    pub id: String,
    /// The lens's pillar id, `security`.
    pub pillar: String,
    /// The lens's question id, `permissions`.
    pub question: String,
    /// The lens's choice id, `sec_permissions_least_privileges`.
    pub choice: String,
    pub title: String,
}

impl Practice {
    /// The best practice's page in the framework's documentation.
    pub fn url(&self) -> String {
        wellscan_model::best_practice_url(&self.choice).unwrap_or_default()
    }
}

/// The best practice with this number, if the lens has it.
pub fn practice(id: &str) -> Option<&'static Practice> {
    PRACTICES.iter().find(|p| p.id == id)
}

/// Every numbered best practice of the lens, in the lens's order.
pub fn practices() -> &'static [Practice] {
    &PRACTICES
}

/// One question of the lens with every choice it offers, numbered or not ("None of these"
/// included), as a lens review lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The lens's pillar id, `security`.
    pub pillar: String,
    /// `permissions`.
    pub id: String,
    pub title: String,
    /// Each choice's id and title, in the lens's order.
    pub choices: Vec<(String, String)>,
}

/// Every question of the lens, in the lens's order.
pub fn questions() -> &'static [Question] {
    &QUESTIONS
}

#[derive(Deserialize)]
struct Lens {
    lens_alias: String,
    lens_version: String,
    pillars: Vec<LensPillar>,
}

#[derive(Deserialize)]
struct LensPillar {
    pillar_id: String,
    questions: Vec<LensQuestion>,
}

#[derive(Deserialize)]
struct LensQuestion {
    question_id: String,
    title: String,
    choices: Vec<LensChoice>,
}

#[derive(Deserialize)]
struct LensChoice {
    choice_id: String,
    /// `None` for a choice the current documentation gives no number.
    bp: Option<String>,
    title: String,
}

fn parse(text: &str) -> Result<Lens, serde_json::Error> {
    serde_json::from_str(text)
}

/// The embedded lens. The file is checked by the tests below; a broken one is a build defect.
fn embedded() -> Lens {
    let lens = parse(LENS).unwrap_or_else(|e| panic!("embedded wa-lens.json: {e}"));
    assert!(
        lens.lens_alias == "wellarchitected" && lens.lens_version == LENS_VERSION,
        "embedded wa-lens.json is lens {} {}, not wellarchitected {LENS_VERSION}",
        lens.lens_alias,
        lens.lens_version
    );
    lens
}

static QUESTIONS: LazyLock<Vec<Question>> = LazyLock::new(|| {
    embedded()
        .pillars
        .into_iter()
        .flat_map(|pillar| {
            pillar.questions.into_iter().map(move |q| Question {
                pillar: pillar.pillar_id.clone(),
                id: q.question_id,
                title: q.title,
                choices: q
                    .choices
                    .into_iter()
                    .map(|c| (c.choice_id, c.title))
                    .collect(),
            })
        })
        .collect()
});

static PRACTICES: LazyLock<Vec<Practice>> = LazyLock::new(|| {
    let lens = embedded();
    let mut out = Vec::new();
    for pillar in lens.pillars {
        for question in pillar.questions {
            for choice in question.choices {
                if let Some(id) = choice.bp {
                    out.push(Practice {
                        id,
                        pillar: pillar.pillar_id.clone(),
                        question: question.question_id.clone(),
                        choice: choice.choice_id,
                        title: choice.title,
                    });
                }
            }
        }
    }
    out
});

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn the_vendored_lens_is_the_revision_wellscan_follows_whole() {
        let lens = parse(LENS).expect("wa-lens.json parses");
        assert_eq!(lens.lens_alias, "wellarchitected");
        assert_eq!(lens.lens_version, LENS_VERSION);
        let questions: Vec<_> = lens.pillars.iter().flat_map(|p| &p.questions).collect();
        let choices = questions.iter().flat_map(|q| &q.choices).count();
        assert_eq!((questions.len(), choices), (57, 364));
        let pillars: Vec<_> = lens.pillars.iter().map(|p| p.pillar_id.as_str()).collect();
        assert_eq!(
            pillars,
            [
                "operationalExcellence",
                "security",
                "reliability",
                "performance",
                "costOptimization",
                "sustainability"
            ]
        );
    }

    #[test]
    fn every_question_lists_every_choice_in_the_lens_order() {
        assert_eq!(questions().len(), 57);
        assert_eq!(
            questions().iter().map(|q| q.choices.len()).sum::<usize>(),
            364
        );
        let priorities = &questions()[0];
        assert_eq!(
            (priorities.pillar.as_str(), priorities.id.as_str()),
            ("operationalExcellence", "priorities")
        );
        assert_eq!(
            priorities.choices.last().map(|(id, _)| id.as_str()),
            Some("ops_priorities_no")
        );
    }

    #[test]
    fn numbers_and_choices_are_unique() {
        let ids: BTreeSet<_> = practices().iter().map(|p| p.id.as_str()).collect();
        let choices: BTreeSet<_> = practices().iter().map(|p| p.choice.as_str()).collect();
        assert_eq!(ids.len(), practices().len(), "a number is given twice");
        assert_eq!(choices.len(), practices().len(), "a choice is listed twice");
    }

    #[test]
    fn a_number_finds_its_question_and_choice() {
        let alerts = practice("OPS08-BP04").expect("OPS08-BP04");
        assert_eq!(alerts.question, "workload-observability");
        assert_eq!(alerts.choice, "ops_workload_observability_create_alerts");
        let public = practice("SEC03-BP07").expect("SEC03-BP07");
        assert_eq!(public.choice, "sec_permissions_analyze_cross_account");
        assert_eq!(
            practice("SEC03-BP02").map(Practice::url).as_deref(),
            Some(
                "https://docs.aws.amazon.com/wellarchitected/latest/framework/sec_permissions_least_privileges.html"
            )
        );
        assert_eq!(practice("SEC99-BP01"), None);
    }
}
