//! A scan's findings as `findings` reads them: each finding's text exactly as the scan's
//! `assessment.json` has it, beside the few fields its filters look at. One pass over the
//! document steps over what it does not need without building it (scores, the plan, the
//! diff's copies of the findings) and hands each finding's text, in batches, to threads that
//! read the filters' fields meanwhile, stopping before the title, evidence and remediation. So
//! an assistant's first page of a 10,000-finding scan does not wait for a parse of everything
//! the scan wrote; a page parses only the findings on it.

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, SyncSender};

use serde::Deserialize;
use serde::Deserializer as _;
use serde::de::{DeserializeSeed, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;
use wellscan_model::{ASSESSMENT_SCHEMA_VERSION, Assessment, DocumentError, Pillar, Severity};

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
    /// The check id, the region, the resource id, and the resource's id, name and ARN
    /// lower-cased, back to back (one allocation a finding), each ending where `ends` says.
    fields: Box<str>,
    ends: [usize; 5],
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

    fn resource_id(&self) -> &str {
        self.fields
            .get(self.ends[1]..self.ends[2])
            .unwrap_or_default()
    }

    /// The resource's id, name and ARN, lower-cased.
    pub fn resource(&self) -> [&str; 3] {
        let field = |range: Range<usize>| self.fields.get(range).unwrap_or_default();
        [
            field(self.ends[2]..self.ends[3]),
            field(self.ends[3]..self.ends[4]),
            field(self.ends[4]..self.fields.len()),
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

/// A run of findings handed from the pass over the document to a thread reading their fields,
/// numbered in document order.
type Batch<'a> = (usize, Vec<&'a RawValue>);

/// Findings a batch holds.
const BATCH: usize = 256;

/// Threads reading findings' fields beside the pass over the document, at most.
const MAX_READERS: usize = 3;

/// One pass over the document on this thread, which hands the findings it steps over, in
/// batches, to threads reading their fields meanwhile.
fn index(document: &str) -> Result<Parts, serde_json::Error> {
    let base = document.as_ptr() as usize;
    let readers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .saturating_sub(1)
        .clamp(1, MAX_READERS);
    let (to_readers, batches) = std::sync::mpsc::sync_channel::<Batch<'_>>(readers * 4);
    let batches = Mutex::new(batches);
    let (head, read) = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..readers)
            .map(|_| scope.spawn(|| read_batches(&batches, base)))
            .collect();
        let mut pass = serde_json::Deserializer::from_str(document);
        let head = (&mut pass)
            .deserialize_map(DocumentVisitor { to_readers })
            .and_then(|head| pass.end().map(|()| head));
        let mut read = Ok(Vec::new());
        for thread in threads {
            match thread.join() {
                Ok(Ok(batches)) => {
                    if let Ok(read) = &mut read {
                        read.extend(batches);
                    }
                }
                Ok(Err(e)) => read = Err(e),
                Err(_) => read = Err(serde_json::Error::custom("indexing stopped")),
            }
        }
        (head, read)
    });
    // A reader's error is the cause of the pass stopping, when both failed.
    let mut batches = read?;
    let head = head?;
    match head.schema_version {
        Some(found) if found <= ASSESSMENT_SCHEMA_VERSION => {}
        _ => return Err(serde_json::Error::custom("schema_version")),
    }
    let scan = head
        .scan
        .ok_or_else(|| serde_json::Error::missing_field("scan"))?;
    batches.sort_unstable_by_key(|(n, _)| *n);
    let mut entries: Vec<Entry> = batches.into_iter().flat_map(|(_, b)| b).collect();
    if entries.len()
        != head
            .findings
            .ok_or_else(|| serde_json::Error::missing_field("findings"))?
    {
        return Err(serde_json::Error::custom("findings lost while indexing"));
    }
    let diff = head.since_last.and_then(|s| s.diff);
    if let Some(diff) = &diff {
        let new: HashSet<(&str, &str, &str)> = diff
            .new
            .iter()
            .map(|k| (&*k.check_id, &*k.region, &*k.resource_id))
            .collect();
        for entry in &mut entries {
            entry.new = new.contains(&(entry.check_id(), entry.region(), entry.resource_id()));
        }
    }
    Ok((
        scan.id.into_owned(),
        scan.account_id.into_owned(),
        diff.map(|d| d.from_scan.into_owned()),
        entries,
    ))
}

/// A reader thread: the entries of every batch it takes, until the pass over the document
/// ends. After an error it goes on taking batches, so the pass never waits on a full channel.
fn read_batches(
    batches: &Mutex<Receiver<Batch<'_>>>,
    base: usize,
) -> Result<Vec<(usize, Vec<Entry>)>, serde_json::Error> {
    let mut read = Ok(Vec::new());
    loop {
        let next = batches.lock().unwrap_or_else(|e| e.into_inner()).recv();
        let Ok((n, findings)) = next else {
            return read;
        };
        if let Ok(done) = &mut read {
            match findings.iter().map(|raw| entry(raw, base)).collect() {
                Ok(entries) => done.push((n, entries)),
                Err(e) => read = Err(e),
            }
        }
    }
}

/// The finding `raw`, a slice of the document starting at address `base`; new until a
/// baseline says otherwise.
fn entry(raw: &RawValue, base: usize) -> Result<Entry, serde_json::Error> {
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
            &f.resource_id,
            &f.resource_name,
            &f.resource_arn,
        ]
        .iter()
        .map(|field| field.len())
        .sum(),
    );
    let mut ends = [0; 5];
    fields.push_str(&f.check_id);
    ends[0] = fields.len();
    fields.push_str(&f.region);
    ends[1] = fields.len();
    fields.push_str(&f.resource_id);
    ends[2] = fields.len();
    lower_into(&mut fields, &f.resource_id);
    ends[3] = fields.len();
    lower_into(&mut fields, &f.resource_name);
    ends[4] = fields.len();
    lower_into(&mut fields, &f.resource_arn);
    Ok(Entry {
        span: start..start + text.len(),
        pillar: f.pillar,
        severity: f.severity,
        new: true,
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

/// The parts of an `assessment.json` read here besides the findings; serde steps over the
/// rest, building nothing.
struct Head<'a> {
    schema_version: Option<u32>,
    scan: Option<Scan<'a>>,
    /// How many findings were handed to the readers.
    findings: Option<usize>,
    since_last: Option<Since<'a>>,
}

struct DocumentVisitor<'a> {
    to_readers: SyncSender<Batch<'a>>,
}

impl<'de: 'a, 'a> Visitor<'de> for DocumentVisitor<'a> {
    type Value = Head<'a>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an assessment")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Head<'a>, M::Error> {
        let mut head = Head {
            schema_version: None,
            scan: None,
            findings: None,
            since_last: None,
        };
        while let Some(key) = map.next_key::<Text<'de>>()? {
            match &*key.0 {
                "schema_version" => head.schema_version = map.next_value()?,
                "scan" => head.scan = Some(map.next_value()?),
                "since_last" => head.since_last = map.next_value()?,
                "findings" if head.findings.is_none() => {
                    head.findings = Some(map.next_value_seed(FindingsSeed {
                        to_readers: &self.to_readers,
                    })?);
                }
                "findings" => return Err(M::Error::duplicate_field("findings")),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(head)
    }
}

/// The findings array: each finding's text, in batches to the readers.
struct FindingsSeed<'s, 'a> {
    to_readers: &'s SyncSender<Batch<'a>>,
}

impl<'de: 'a, 'a> DeserializeSeed<'de> for FindingsSeed<'_, 'a> {
    type Value = usize;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de: 'a, 'a> Visitor<'de> for FindingsSeed<'_, 'a> {
    type Value = usize;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the findings")
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<usize, S::Error> {
        let stopped = |_| S::Error::custom("indexing stopped");
        let (mut count, mut batches) = (0, 0);
        let mut batch = Vec::with_capacity(BATCH);
        while let Some(finding) = seq.next_element::<&'de RawValue>()? {
            batch.push(finding);
            count += 1;
            if batch.len() == BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                self.to_readers.send((batches, full)).map_err(stopped)?;
                batches += 1;
            }
        }
        if !batch.is_empty() {
            self.to_readers.send((batches, batch)).map_err(stopped)?;
        }
        Ok(count)
    }
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
    fn findings_keep_their_order_across_batches_and_a_bad_one_stops_the_index() {
        let findings: Vec<Value> = (0..BATCH * 3 + 7)
            .map(|i| {
                let id = format!("i-{i:04}");
                finding("ec2.imdsv1", "eu-west-1", &id, &format!("Node {i}"), "low")
            })
            .collect();
        let index = FindingIndex::from_json(document(&findings, Value::Null)).expect("index");
        let ids: Vec<&str> = index.entries().iter().map(|e| e.resource()[0]).collect();
        let expected: Vec<String> = (0..findings.len()).map(|i| format!("i-{i:04}")).collect();
        assert_eq!(ids, expected);
        assert_eq!(
            index
                .finding(&index.entries()[BATCH * 3 + 6])
                .expect("last"),
            findings[BATCH * 3 + 6]
        );

        let mut broken = findings;
        if let Some(Value::Object(late)) = broken.get_mut(BATCH * 2 + 3) {
            late.remove("severity");
        }
        let error = FindingIndex::from_json(document(&broken, Value::Null))
            .expect_err("a finding without a severity")
            .to_string();
        assert!(error.contains("not a valid wellscan document"), "{error}");
        let trailing = document(&[], Value::Null) + " {}";
        let error = FindingIndex::from_json(trailing)
            .expect_err("trailing")
            .to_string();
        assert!(error.contains("not valid JSON"), "{error}");
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
