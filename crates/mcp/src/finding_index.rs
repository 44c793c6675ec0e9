//! A scan's findings as `findings` reads them: each finding's text exactly as the scan's
//! `assessment.json` has it, beside the few fields its filters look at. Indexing steps over
//! the rest of the document without building it (scores, the plan, the diff's copies of the
//! findings) and reads the filters' fields of the findings on every core, so an assistant's
//! first page of a 10,000-finding scan does not wait for a parse of everything the scan wrote;
//! a page parses only the findings on it.

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;

use serde::Deserialize;
use serde::de::{Error as _, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;
use wellscan_model::{ASSESSMENT_SCHEMA_VERSION, Assessment, DocumentError, Pillar, Severity};

/// Findings one thread indexes at least: below this, another thread costs more than it saves.
const PER_THREAD: usize = 1_000;

/// One scan's findings, in the order of its `assessment.json` (most severe first).
#[derive(Debug)]
pub struct FindingIndex {
    pub scan_id: String,
    pub account_id: String,
    /// The scan `Entry::new` is counted against; `None` for the account's first recorded
    /// scan, whose findings are all new.
    pub baseline: Option<String>,
    /// The document.
    text: String,
    entries: Vec<Entry>,
}

/// One finding: where its text is in the document, and what the filters compare.
#[derive(Debug)]
pub struct Entry {
    span: Range<usize>,
    pub pillar: Pillar,
    pub severity: Severity,
    /// Not among the findings of the baseline scan.
    pub new: bool,
    /// The check id, the region, and the resource's id, name and ARN lower-cased, back to
    /// back (one allocation a finding), each ending where `ends` says.
    fields: Box<str>,
    ends: [usize; 4],
}

impl Entry {
    pub fn check_id(&self) -> &str {
        self.fields.get(..self.ends[0]).unwrap_or_default()
    }

    pub fn region(&self) -> &str {
        self.fields
            .get(self.ends[0]..self.ends[1])
            .unwrap_or_default()
    }

    /// The resource's id, name and ARN, lower-cased.
    pub fn resource(&self) -> [&str; 3] {
        let field = |range: Range<usize>| self.fields.get(range).unwrap_or_default();
        [
            field(self.ends[1]..self.ends[2]),
            field(self.ends[2]..self.ends[3]),
            field(self.ends[3]..self.fields.len()),
        ]
    }
}

impl FindingIndex {
    /// Indexes the text of an `assessment.json`. A document this cannot read gets the error
    /// reading it as an [`Assessment`] gives (no JSON, no or a newer `schema_version`, a
    /// field missing).
    pub fn from_json(document: String) -> Result<FindingIndex, DocumentError> {
        let (scan_id, account_id, baseline, entries) = match index(&document) {
            Ok(parts) => parts,
            Err(light) => {
                return Err(Assessment::from_json(&document)
                    .err()
                    .unwrap_or(DocumentError::Invalid(light)));
            }
        };
        Ok(FindingIndex {
            scan_id,
            account_id,
            baseline,
            text: document,
            entries,
        })
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The finding `entry` as `assessment.json` has it.
    pub fn finding(&self, entry: &Entry) -> Result<Value, serde_json::Error> {
        serde_json::from_str(self.text.get(entry.span.clone()).unwrap_or_default())
    }
}

type Parts = (String, String, Option<String>, Vec<Entry>);

fn index(document: &str) -> Result<Parts, serde_json::Error> {
    let doc: Document<'_> = serde_json::from_str(document)?;
    match doc.schema_version {
        Some(found) if found <= ASSESSMENT_SCHEMA_VERSION => {}
        _ => return Err(serde_json::Error::custom("schema_version")),
    }
    let diff = doc.since_last.and_then(|s| s.diff);
    let new: Option<HashSet<(&str, &str, &str)>> = diff.as_ref().map(|d| {
        d.new
            .iter()
            .map(|k| (&*k.check_id, &*k.region, &*k.resource_id))
            .collect()
    });
    let base = document.as_ptr() as usize;
    let read = |part: &[&RawValue]| -> Result<Vec<Entry>, serde_json::Error> {
        part.iter()
            .map(|raw| entry(raw, base, new.as_ref()))
            .collect()
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(doc.findings.len() / PER_THREAD)
        .max(1);
    let entries = if threads == 1 {
        read(&doc.findings)?
    } else {
        let part = doc.findings.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let parts: Vec<_> = doc
                .findings
                .chunks(part)
                .map(|part| scope.spawn(|| read(part)))
                .collect();
            let mut entries = Vec::with_capacity(doc.findings.len());
            for part in parts {
                let part = part
                    .join()
                    .map_err(|_| serde_json::Error::custom("indexing stopped"))??;
                entries.extend(part);
            }
            Ok::<_, serde_json::Error>(entries)
        })?
    };
    Ok((
        doc.scan.id.into_owned(),
        doc.scan.account_id.into_owned(),
        diff.map(|d| d.from_scan.into_owned()),
        entries,
    ))
}

/// The finding `raw`, a slice of the document starting at address `base`.
fn entry(
    raw: &RawValue,
    base: usize,
    new: Option<&HashSet<(&str, &str, &str)>>,
) -> Result<Entry, serde_json::Error> {
    let text = raw.get();
    let start = (text.as_ptr() as usize)
        .checked_sub(base)
        .ok_or_else(|| serde_json::Error::custom("a finding outside its document"))?;
    let f = fields(text)?;
    let mut fields = String::with_capacity(
        [
            &f.check_id,
            &f.region,
            &f.resource_id,
            &f.resource_name,
            &f.resource_arn,
        ]
        .iter()
        .map(|field| field.len())
        .sum(),
    );
    let mut ends = [0; 4];
    fields.push_str(&f.check_id);
    ends[0] = fields.len();
    fields.push_str(&f.region);
    ends[1] = fields.len();
    lower_into(&mut fields, &f.resource_id);
    ends[2] = fields.len();
    lower_into(&mut fields, &f.resource_name);
    ends[3] = fields.len();
    lower_into(&mut fields, &f.resource_arn);
    Ok(Entry {
        span: start..start + text.len(),
        pillar: f.pillar,
        severity: f.severity,
        new: new.is_none_or(|new| new.contains(&(&*f.check_id, &*f.region, &*f.resource_id))),
        fields: fields.into_boxed_str(),
        ends,
    })
}

/// Appends `text` lower-cased to `to`.
fn lower_into(to: &mut String, text: &str) {
    if text.is_ascii() {
        let start = to.len();
        to.push_str(text);
        if let Some(added) = to.get_mut(start..) {
            added.make_ascii_lowercase();
        }
    } else {
        to.push_str(&text.to_lowercase());
    }
}

/// The parts of an `assessment.json` read here; serde steps over the rest, building nothing.
#[derive(Deserialize)]
struct Document<'a> {
    schema_version: Option<u32>,
    #[serde(borrow)]
    scan: Scan<'a>,
    #[serde(borrow)]
    findings: Vec<&'a RawValue>,
    #[serde(default, borrow)]
    since_last: Option<Since<'a>>,
}

#[derive(Deserialize)]
struct Scan<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow)]
    account_id: Cow<'a, str>,
}

#[derive(Deserialize)]
struct Since<'a> {
    #[serde(borrow)]
    diff: Option<Diff<'a>>,
}

#[derive(Deserialize)]
struct Diff<'a> {
    #[serde(borrow)]
    from_scan: Cow<'a, str>,
    #[serde(borrow)]
    new: Vec<Key<'a>>,
}

/// What makes a finding the same finding in two scans.
#[derive(Deserialize)]
struct Key<'a> {
    #[serde(borrow)]
    check_id: Cow<'a, str>,
    #[serde(borrow)]
    region: Cow<'a, str>,
    #[serde(borrow)]
    resource_id: Cow<'a, str>,
}

/// The fields of a finding the filters read.
struct Fields<'a> {
    check_id: Cow<'a, str>,
    pillar: Pillar,
    severity: Severity,
    region: Cow<'a, str>,
    resource_id: Cow<'a, str>,
    resource_name: Cow<'a, str>,
    resource_arn: Cow<'a, str>,
}

/// The filters' fields of the finding `text` (already read whole, as valid JSON, by the pass
/// over the document). They come first in a finding wellscan writes, so reading stops once it
/// has them instead of stepping over the title, evidence and remediation after them; serde_json
/// then says the map was left unread, which here is expected.
fn fields(text: &str) -> Result<Fields<'_>, serde_json::Error> {
    let mut found = None;
    let read = serde::Deserializer::deserialize_map(
        &mut serde_json::Deserializer::from_str(text),
        FieldsVisitor { found: &mut found },
    );
    match (found, read) {
        (Some(fields), _) => Ok(fields),
        (None, Err(e)) => Err(e),
        (None, Ok(())) => Err(serde_json::Error::custom("a finding without its fields")),
    }
}

struct FieldsVisitor<'f, 'a> {
    found: &'f mut Option<Fields<'a>>,
}

impl<'de: 'a, 'a> Visitor<'de> for FieldsVisitor<'_, 'a> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a finding")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<(), M::Error> {
        let mut read = Partial::default();
        while let Some(key) = map.next_key::<Text<'de>>()? {
            match &*key.0 {
                "check_id" => read.check_id = Some(map.next_value::<Text<'de>>()?.0),
                "pillar" => read.pillar = Some(map.next_value()?),
                "severity" => read.severity = Some(map.next_value()?),
                "region" => read.region = Some(map.next_value::<Text<'de>>()?.0),
                "resource_id" => read.resource_id = Some(map.next_value::<Text<'de>>()?.0),
                "resource_name" => read.resource_name = Some(map.next_value::<Text<'de>>()?.0),
                "resource_arn" => read.resource_arn = Some(map.next_value::<Text<'de>>()?.0),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            }
            if let Some(fields) = read.complete() {
                *self.found = Some(fields);
                return Ok(());
            }
        }
        Err(M::Error::custom(
            "a finding without check_id, pillar, severity, region, resource_id, resource_name \
             and resource_arn",
        ))
    }
}

/// The filters' fields of a finding as far as it is read.
#[derive(Default)]
struct Partial<'a> {
    check_id: Option<Cow<'a, str>>,
    pillar: Option<Pillar>,
    severity: Option<Severity>,
    region: Option<Cow<'a, str>>,
    resource_id: Option<Cow<'a, str>>,
    resource_name: Option<Cow<'a, str>>,
    resource_arn: Option<Cow<'a, str>>,
}

impl<'a> Partial<'a> {
    /// Every field, once each has been read.
    fn complete(&mut self) -> Option<Fields<'a>> {
        if self.check_id.is_none()
            || self.pillar.is_none()
            || self.severity.is_none()
            || self.region.is_none()
            || self.resource_id.is_none()
            || self.resource_name.is_none()
            || self.resource_arn.is_none()
        {
            return None;
        }
        Some(Fields {
            check_id: self.check_id.take()?,
            pillar: self.pillar?,
            severity: self.severity?,
            region: self.region.take()?,
            resource_id: self.resource_id.take()?,
            resource_name: self.resource_name.take()?,
            resource_arn: self.resource_arn.take()?,
        })
    }
}

/// A string, borrowed from the document unless it has an escape.
struct Text<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(text)))
            }
            fn visit_str<E>(self, text: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(text.to_string())))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn finding(check: &str, region: &str, id: &str, name: &str, severity: &str) -> Value {
        json!({
            "id": format!("f-{id}"),
            "check_id": check,
            "pillar": "security",
            "related_pillars": ["reliability"],
            "best_practice": "SEC05-BP02",
            "severity": severity,
            "region": region,
            "resource_id": id,
            "resource_arn": format!("arn:aws:ec2:{region}:123456789012:instance/{id}"),
            "resource_kind": "ec2_instance",
            "resource_name": name,
            "title": "a \"quoted\" title\nover two lines",
            "evidence": "{\"open\": [22]} \u{1F512}",
            "remediation": "close it",
            "monthly_savings_usd": 12.5,
        })
    }

    fn document(findings: &[Value], since_last: Value) -> String {
        let doc = json!({
            "schema_version": ASSESSMENT_SCHEMA_VERSION,
            "scan": {"id": "scan-2", "account_id": "123456789012", "partition": "aws"},
            "overall_score": 71,
            "findings": findings,
            "since_last": since_last,
        });
        serde_json::to_string_pretty(&doc).expect("json")
    }

    #[test]
    fn every_finding_comes_back_exactly_with_the_fields_its_filters_read() {
        let findings = [
            finding(
                "ec2.sg_open_admin_ports",
                "us-east-1",
                "i-1",
                "Web \"Front\"",
                "high",
            ),
            finding(
                "ec2.imdsv1",
                "ap-northeast-1",
                "i-2",
                "本番サーバー",
                "medium",
            ),
            finding("iam.root_mfa", "global", "root", "Root ACCOUNT", "critical"),
        ];
        let index = FindingIndex::from_json(document(&findings, Value::Null)).expect("index");
        assert_eq!(index.scan_id, "scan-2");
        assert_eq!(index.account_id, "123456789012");
        assert_eq!(index.baseline, None);
        assert_eq!(index.entries().len(), 3);
        for (entry, expected) in index.entries().iter().zip(&findings) {
            assert_eq!(&index.finding(entry).expect("finding"), expected);
            assert!(entry.new, "without a baseline every finding is new");
        }
        let japanese = &index.entries()[1];
        assert_eq!(japanese.check_id(), "ec2.imdsv1");
        assert_eq!(japanese.region(), "ap-northeast-1");
        assert_eq!(japanese.severity, Severity::Medium);
        assert_eq!(japanese.pillar, Pillar::Security);
        assert_eq!(
            japanese.resource(),
            [
                "i-2",
                "本番サーバー",
                "arn:aws:ec2:ap-northeast-1:123456789012:instance/i-2"
            ]
        );
        assert_eq!(index.entries()[0].resource()[1], "web \"front\"");
        let root = &index.entries()[2];
        assert_eq!(root.check_id(), "iam.root_mfa");
        assert_eq!(root.region(), "global");
        assert_eq!(root.resource()[1], "root account");
    }

    #[test]
    fn findings_the_baseline_also_had_are_not_new() {
        let findings = [
            finding("ec2.sg_open_admin_ports", "us-east-1", "i-1", "Web", "high"),
            finding("ec2.sg_open_admin_ports", "us-west-2", "i-1", "Web", "high"),
        ];
        let since_last = json!({
            "diff": {
                "from_scan": "scan-1",
                "to_scan": "scan-2",
                "new": [{"check_id": "ec2.sg_open_admin_ports", "region": "us-west-2",
                         "resource_id": "i-1", "pillar": "security", "severity": "high"}],
                "still_open": [findings[0].clone()],
            },
            "trend": [],
        });
        let index = FindingIndex::from_json(document(&findings, since_last)).expect("index");
        assert_eq!(index.baseline.as_deref(), Some("scan-1"));
        let new: Vec<bool> = index.entries().iter().map(|e| e.new).collect();
        assert_eq!(new, [false, true]);
    }

    #[test]
    fn a_document_it_cannot_read_gets_the_error_an_assessment_gets() {
        let newer = document(&[], Value::Null).replace(
            &format!("\"schema_version\": {ASSESSMENT_SCHEMA_VERSION}"),
            "\"schema_version\": 99",
        );
        let cases = [
            ("not json", "not valid JSON"),
            ("{\"scan\": {}}", "no `schema_version` field"),
            (newer.as_str(), "schema_version 99 is newer"),
            (
                "{\"schema_version\": 1, \"scan\": {\"id\": \"s\", \"account_id\": \"a\"}, \
                 \"findings\": [{\"check_id\": \"x\"}]}",
                "not a valid wellscan document",
            ),
        ];
        for (text, expected) in cases {
            let error = FindingIndex::from_json(text.to_string())
                .expect_err(text)
                .to_string();
            assert!(error.contains(expected), "{text}: {error}");
        }
    }
}
