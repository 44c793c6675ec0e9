//! A Query answer as a tree of elements, read by the wire names each service documents
//! (`instanceId`, `DBInstanceIdentifier`). A list is an element whose children are its members
//! (EC2 names them `<item>`, most services `<member>`, RDS and ElastiCache after their type),
//! and a service leaves out what it has no value for, so every read is an `Option`.

use std::borrow::Cow;

use xmlparser::{ElementEnd, Token, Tokenizer};

/// One element: its local name, its text and its child elements, in document order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Element {
    name: String,
    text: String,
    children: Vec<Element>,
}

/// Why an answer could not be read.
#[derive(Debug, thiserror::Error)]
#[error("the service answered with XML wellscan cannot read: {0}")]
pub struct MalformedAnswer(String);

impl Element {
    /// The document's root element.
    pub fn parse(xml: &str) -> Result<Element, MalformedAnswer> {
        let mut open: Vec<Element> = Vec::new();
        for token in Tokenizer::from(xml) {
            match token.map_err(|e| MalformedAnswer(e.to_string()))? {
                Token::ElementStart { local, .. } => open.push(Element {
                    name: local.as_str().to_string(),
                    ..Element::default()
                }),
                Token::ElementEnd { end, .. } => {
                    if let ElementEnd::Open = end {
                        continue;
                    }
                    let Some(done) = open.pop() else {
                        return Err(MalformedAnswer("an end tag with no start".into()));
                    };
                    match open.last_mut() {
                        Some(parent) => parent.children.push(done),
                        None => return Ok(done),
                    }
                }
                Token::Text { text } => {
                    if let Some(current) = open.last_mut() {
                        current.text.push_str(&unescape(text.as_str())?);
                    }
                }
                Token::Cdata { text, .. } => {
                    if let Some(current) = open.last_mut() {
                        current.text.push_str(text.as_str());
                    }
                }
                _ => {}
            }
        }
        Err(MalformedAnswer(
            "the document ends inside an element".into(),
        ))
    }

    /// The element's local name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The element's own text.
    pub fn value(&self) -> &str {
        &self.text
    }

    /// The first child named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The text of the child named `name`, as sent (a tag value keeps its spaces), when the
    /// service sent it.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.as_str())
    }

    /// The child `name` read as a whole number.
    pub fn int(&self, name: &str) -> Option<i64> {
        self.text(name)?.trim().parse().ok()
    }

    /// The child `name` read as `true` or `false`.
    pub fn bool(&self, name: &str) -> Option<bool> {
        self.text(name)?.trim().parse().ok()
    }

    /// The members of the list `name` (empty when the service sent no such list).
    pub fn items<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a Element> + 'a {
        self.child(name)
            .into_iter()
            .flat_map(|list| list.children.iter())
    }

    /// The texts of the list `name`'s members.
    pub fn texts<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a str> + 'a {
        self.items(name).map(Element::value)
    }

    /// An EC2 resource's `tagSet`, as key and value pairs.
    pub fn tags(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs("tagSet", "key", "value")
    }

    /// The members of the list `name` as pairs of their fields `key` and `value` (`Tags`,
    /// `Key`, `Value`); a member without the key is skipped, one without a value has "".
    pub fn pairs<'a>(
        &'a self,
        name: &str,
        key: &'a str,
        value: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.items(name)
            .filter_map(move |t| Some((t.text(key)?, t.text(value).unwrap_or_default())))
    }

    /// A Query answer's `<ActionResult>`, the child of `<ActionResponse>` that holds what the
    /// call returned; an answer without one (a call that returns nothing) gives an empty
    /// element.
    pub(super) fn into_result(self) -> Element {
        let Some(result) = self
            .name
            .strip_suffix("Response")
            .map(|action| format!("{action}Result"))
        else {
            return Element::default();
        };
        self.children
            .into_iter()
            .find(|c| c.name == result)
            .unwrap_or_default()
    }
}

/// Text with XML's five entities and its character references replaced.
fn unescape(text: &str) -> Result<Cow<'_, str>, MalformedAnswer> {
    if !text.contains('&') {
        return Ok(Cow::Borrowed(text));
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let end = after
            .find(';')
            .ok_or_else(|| MalformedAnswer(format!("an unterminated entity in {text:?}")))?;
        let entity = &after[..end];
        let ch = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = match entity.strip_prefix("#x").or(entity.strip_prefix("#X")) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => entity.strip_prefix('#').and_then(|d| d.parse().ok()),
                };
                code.and_then(char::from_u32)
                    .ok_or_else(|| MalformedAnswer(format!("an unknown entity &{entity};")))?
            }
        };
        out.push(ch);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(Cow::Owned(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    const INSTANCES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
    <requestId>r-1</requestId>
    <reservationSet>
        <item>
            <instancesSet>
                <item>
                    <instanceId>i-1</instanceId>
                    <monitoring><state>enabled</state></monitoring>
                    <tagSet>
                        <item><key>Name</key><value>ウェブ &amp; &lt;api&gt; &#x1F600;</value></item>
                        <item><key>empty</key><value/></item>
                        <item><key>spaced</key><value> a b </value></item>
                    </tagSet>
                    <ebsOptimized>true</ebsOptimized>
                    <cpuCount> 4 </cpuCount>
                </item>
            </instancesSet>
        </item>
    </reservationSet>
    <nextToken><![CDATA[next&page]]></nextToken>
</DescribeInstancesResponse>"#;

    #[test]
    fn reads_lists_fields_and_tags_by_their_wire_names() {
        let root = Element::parse(INSTANCES).expect("parses");
        assert_eq!(root.name(), "DescribeInstancesResponse");
        assert_eq!(root.text("nextToken"), Some("next&page"));
        let instances: Vec<&Element> = root
            .items("reservationSet")
            .flat_map(|r| r.items("instancesSet"))
            .collect();
        assert_eq!(instances.len(), 1);
        let i = instances[0];
        assert_eq!(i.text("instanceId"), Some("i-1"));
        assert_eq!(
            i.child("monitoring").and_then(|m| m.text("state")),
            Some("enabled")
        );
        assert_eq!(i.bool("ebsOptimized"), Some(true));
        assert_eq!(i.int("cpuCount"), Some(4));
        assert_eq!(i.text("missing"), None);
        assert_eq!(i.items("missingSet").count(), 0);
        let tags: Vec<(&str, &str)> = i.tags().collect();
        assert_eq!(
            tags,
            [
                ("Name", "ウェブ & <api> 😀"),
                ("empty", ""),
                ("spaced", " a b ")
            ]
        );
    }

    #[test]
    fn a_query_answer_is_read_from_its_result_with_lists_of_any_member_name() {
        let root = Element::parse(
            r#"<DescribeDBInstancesResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
  <DescribeDBInstancesResult>
    <DBInstances>
      <DBInstance>
        <DBInstanceIdentifier>orders</DBInstanceIdentifier>
        <TagList><Tag><Key>team</Key><Value>支払い</Value></Tag><Tag><Key>bare</Key></Tag></TagList>
        <AvailabilityZones><member>eu-west-1a</member><member>eu-west-1b</member></AvailabilityZones>
      </DBInstance>
    </DBInstances>
    <Marker>m-2</Marker>
  </DescribeDBInstancesResult>
  <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
</DescribeDBInstancesResponse>"#,
        )
        .expect("parses")
        .into_result();
        assert_eq!(root.name(), "DescribeDBInstancesResult");
        assert_eq!(
            super::super::next_token(&root, "Marker").as_deref(),
            Some("m-2")
        );
        let db: Vec<&Element> = root.items("DBInstances").collect();
        assert_eq!(db.len(), 1);
        assert_eq!(db[0].text("DBInstanceIdentifier"), Some("orders"));
        let tags: Vec<(&str, &str)> = db[0].pairs("TagList", "Key", "Value").collect();
        assert_eq!(tags, [("team", "支払い"), ("bare", "")]);
        let zones: Vec<&str> = db[0].texts("AvailabilityZones").collect();
        assert_eq!(zones, ["eu-west-1a", "eu-west-1b"]);

        let nothing =
            Element::parse("<DeleteTopicResponse><ResponseMetadata/></DeleteTopicResponse>")
                .expect("parses")
                .into_result();
        assert_eq!(nothing.items("Topics").count(), 0);
    }

    #[test]
    fn a_broken_answer_is_an_error_not_an_empty_tree() {
        for broken in [
            "<a><b></a>",
            "<a>",
            "<a>&bogus;</a>",
            "<a>&amp</a>",
            "not xml",
        ] {
            assert!(Element::parse(broken).is_err(), "{broken:?} was accepted");
        }
    }
}
