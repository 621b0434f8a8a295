//! The fast path for the sidecar text Marginalia itself writes: the writer, and a reader that
//! hands each annotation record on as it is read, so that no tree of every record is built and
//! a large file need not be held whole. Both follow the record tables of [`super::format`];
//! anything else (an older version, a file edited by hand) is left to `ron`.

use super::format::{AnnotationRecord, DocumentRecord, IdentityRecord, RejectionRecord, SidecarV4};
use super::ron_text::{Parser, RonValue, Writer};

/// The sidecar as text, without the final line break.
pub fn write(sidecar: &SidecarV4) -> String {
    let mut w = Writer {
        out: String::with_capacity(400 * sidecar.annotations.len() + 1024),
    };
    sidecar.write_value(&mut w, 0);
    w.out
}

/// Where [`read`] hands what it reads, so that no list of every record is ever built.
pub trait Sink {
    /// The fields before the annotations (format, version, document, offset unit, identities);
    /// false stops the reading (then [`read`] gives `None`).
    fn header(&mut self, header: &SidecarV4) -> bool;
    /// One annotation record, in file order, with the line of its id when the reader knows it.
    fn record(&mut self, record: AnnotationRecord, line: Option<usize>);
}

/// The fields that come before the annotations, in the order the writer writes them; `format`
/// to `offset_unit` must all be there.
const HEADER_FIELDS: [&str; 5] = ["format", "version", "document", "offset_unit", "identities"];

/// The fields that come after the annotations, in the order the writer writes them.
const TAIL_FIELDS: [&str; 2] = ["brat_extras", "rejected_suggestions"];

/// A sidecar with no fields read yet.
fn empty_sidecar() -> SidecarV4 {
    SidecarV4 {
        format: String::new(),
        version: 0,
        document: DocumentRecord {
            file_name: String::new(),
            char_count: 0,
            fingerprint: String::new(),
            encoding: String::new(),
            source: None,
            extractor_version: None,
            source_fingerprint: None,
        },
        offset_unit: String::new(),
        identities: Vec::new(),
        annotations: Vec::new(),
        brat_extras: Vec::new(),
        rejected_suggestions: Vec::new(),
    }
}

/// Reads one top-level field other than the annotations into `sidecar`; `None` when the field
/// is not one the layout has there, or its value is not of its type.
fn header_field(sidecar: &mut SidecarV4, name: &str, parser: &mut Parser<'_>) -> Option<()> {
    let value = parser.value()?;
    match name {
        "format" => sidecar.format = String::read_value(value)?,
        "version" => sidecar.version = u32::read_value(value)?,
        "document" => sidecar.document = DocumentRecord::read_value(value)?,
        "offset_unit" => sidecar.offset_unit = String::read_value(value)?,
        "identities" => sidecar.identities = Vec::<IdentityRecord>::read_value(value)?,
        "brat_extras" => sidecar.brat_extras = Vec::<String>::read_value(value)?,
        "rejected_suggestions" => {
            sidecar.rejected_suggestions = Vec::<RejectionRecord>::read_value(value)?;
        }
        _ => return None,
    }
    Some(())
}

/// Reads sidecar text of version 2 or 3 in the layout [`write`] produces, handing `sink` the
/// header and then each annotation record; gives the rest (without annotations). `None` when it
/// is anything else (then `ron` reads it): what `sink` got so far is then to be thrown away.
pub fn read(text: &str, sink: &mut impl Sink) -> Option<SidecarV4> {
    let mut parser = Parser::new(text, 1);
    let mut sidecar = empty_sidecar();
    // The fields seen, in the order the writer writes them.
    let mut seen: Vec<&str> = Vec::new();
    parser.eat(b'(')?;
    while !parser.closes(b')')? {
        let name = parser.field_name()?;
        if seen.contains(&name) {
            return None;
        }
        if name == "annotations" {
            if !HEADER_FIELDS[..4].iter().all(|field| seen.contains(field))
                || !matches!(sidecar.version, 2..=4)
                || !sink.header(&sidecar)
            {
                return None;
            }
            // One record at a time.
            parser.eat(b'[')?;
            while !parser.closes(b']')? {
                sink.record(AnnotationRecord::read_value(parser.value()?)?, None);
                parser.skip_comma();
            }
        } else {
            let after_annotations = seen.contains(&"annotations");
            if after_annotations != TAIL_FIELDS.contains(&name) {
                return None;
            }
            header_field(&mut sidecar, name, &mut parser)?;
        }
        seen.push(name);
        parser.skip_comma();
    }
    parser.skip_space();
    (parser.at == text.len() && seen.contains(&"annotations")).then_some(sidecar)
}

/// [`read`] from `reader`, a record at a time, so that the whole text is never held (a sidecar
/// of a million annotations is 400 MB): the same subset, in the line layout [`write`] produces
/// (one record after another, each ending in a line `        ),`). `None` when it is anything
/// else; then the text is to be read whole.
pub fn read_from(mut reader: impl std::io::BufRead, sink: &mut impl Sink) -> Option<SidecarV4> {
    // Lines are read as bytes into one buffer per part; UTF-8 is checked once per part.
    let mut head = Vec::new();
    loop {
        let start = head.len();
        if reader.read_until(b'\n', &mut head).ok()? == 0 {
            return None;
        }
        match &head[start..] {
            b"    annotations: [\n" => {
                head.truncate(start);
                break;
            }
            b"    annotations: [],\n" => {
                reader.read_to_end(&mut head).ok()?;
                return read(std::str::from_utf8(&head).ok()?, sink);
            }
            _ => {}
        }
    }
    let mut number = head.iter().filter(|b| **b == b'\n').count() + 1;
    // The fields before the annotations, as a whole sidecar without any: `sink` gets them.
    head.extend_from_slice(b"    annotations: [],\n)");
    let mut sidecar = read(std::str::from_utf8(&head).ok()?, sink)?;
    drop(head);
    let mut record = Vec::new();
    let mut id_line = None;
    loop {
        let start = record.len();
        if reader.read_until(b'\n', &mut record).ok()? == 0 {
            return None;
        }
        number += 1;
        let line = &record[start..];
        if line == b"    ],\n" {
            break;
        }
        if line.starts_with(b"            id: ") {
            id_line = Some(number);
        }
        if line == b"        ),\n" {
            let text = std::str::from_utf8(&record).ok()?;
            let text = text.trim_end().strip_suffix(',')?;
            let mut parser = Parser::new(text, 2);
            let value = parser.value()?;
            parser.skip_space();
            if parser.at != text.len() {
                return None;
            }
            sink.record(AnnotationRecord::read_value(value)?, id_line.take());
            record.clear();
        }
    }
    let mut tail = b"(\n".to_vec();
    reader.read_to_end(&mut tail).ok()?;
    let rest = fields_after_annotations(std::str::from_utf8(&tail).ok()?)?;
    sidecar.brat_extras = rest.brat_extras;
    sidecar.rejected_suggestions = rest.rejected_suggestions;
    Some(sidecar)
}

/// The fields a sidecar has after its annotations ([`TAIL_FIELDS`], each at most once, in
/// order), from text that starts with `(` and ends where the sidecar ends.
fn fields_after_annotations(text: &str) -> Option<SidecarV4> {
    let mut parser = Parser::new(text, 1);
    let mut rest = empty_sidecar();
    let mut next = 0;
    parser.eat(b'(')?;
    while !parser.closes(b')')? {
        let name = parser.field_name()?;
        let at = TAIL_FIELDS.iter().position(|field| *field == name)?;
        if at < next {
            return None;
        }
        header_field(&mut rest, name, &mut parser)?;
        next = at + 1;
        parser.skip_comma();
    }
    parser.skip_space();
    (parser.at == text.len()).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Annotation, AnnotationId, AnnotationSet, Attributes, CharSpan, CheckWorthiness, Document,
        Edit, Excerpt, Identity, IdentityId, Kind, Party, QuoteMode,
    };
    use proptest::prelude::*;

    /// A set with every field, and text that needs escaping (quotes, backslash, tab, line
    /// breaks, a ZWJ emoji sequence, a combining accent, CJK, Arabic).
    fn rich() -> (Document, AnnotationSet, crate::store::Extras) {
        let text =
            "“We wait,” said Amélie\t\"Q\" \\ Dubois 👩🏽‍🔬 e\u{301} of 港口市 (مدارس).\r\nNext line.";
        let doc = Document::from_text(std::path::PathBuf::from("a.txt"), text.to_owned());
        let mut set = AnnotationSet::new();
        let span = |a, b| CharSpan::new(a, b).unwrap();
        let mut entity =
            Annotation::new(AnnotationId("e1".into()), Kind::Entity, span(16, 22), &doc);
        if let Attributes::Entity(e) = &mut entity.attributes {
            e.identity = Some(IdentityId("i1".into()));
            e.entity_type = Some("PERSON".into());
        }
        entity.tags = vec!["a".into(), "b c".into()];
        entity.note = Some("line1\nline2 'x' \u{7f}".into());
        set.apply(
            Edit::PutIdentity(Identity {
                id: IdentityId("i1".into()),
                name: "Amélie \"D\"".into(),
                external_id: Some("Q1".into()),
            }),
            &doc,
        )
        .unwrap();
        set.insert(entity, &doc).unwrap();
        let mut quote = Annotation::new(AnnotationId("q1".into()), Kind::Quote, span(0, 10), &doc);
        quote.fragments = vec![Excerpt::of(&doc, span(40, 45))];
        quote.source_label = Some("Citation".into());
        if let Attributes::Quote(q) = &mut quote.attributes {
            q.speaker = Some(Party::Mention(AnnotationId("e1".into())));
            q.cue = Some(Excerpt::of(&doc, span(11, 15)));
            q.mode = Some(QuoteMode::Mixed);
        }
        set.insert(quote, &doc).unwrap();
        let mut claim = Annotation::new(AnnotationId("c1".into()), Kind::Claim, span(23, 29), &doc);
        claim.suggested_by = Some("claim: a \"number\"".into());
        if let Attributes::Claim(c) = &mut claim.attributes {
            c.claimant = Some(Party::Named("the \"mayor\"".into()));
            c.check_worthiness = Some(CheckWorthiness::UnimportantFactual);
            c.verdict = Some("false".into());
            c.source_url = Some("https://example.org/a?b=c".into());
        }
        set.insert(claim, &doc).unwrap();
        let lost = Annotation::new(AnnotationId("u1".into()), Kind::Entity, span(0, 3), &doc);
        set.insert_unanchored(lost).unwrap();
        set.reject(crate::model::Rejection::new(
            Kind::Quote,
            span(40, 45),
            &doc,
        ));
        set.reject(crate::model::Rejection::new(Kind::Claim, span(0, 10), &doc));
        let extras = crate::store::Extras {
            brat: vec![
                "R1\tX Arg1:T1 Arg2:T2\t".into(),
                "#1\tNote T1\t\"q\"".into(),
            ],
        };
        (doc, set, extras)
    }

    /// Collects every record, as the `ron` path would.
    struct Collect(Vec<AnnotationRecord>);

    impl Sink for Collect {
        fn header(&mut self, _: &SidecarV4) -> bool {
            true
        }
        fn record(&mut self, record: AnnotationRecord, _: Option<usize>) {
            self.0.push(record);
        }
    }

    /// Reads `text` whole and line by line; both readers must agree.
    fn read_all(text: &str) -> Option<SidecarV4> {
        let collect = |sidecar: Option<SidecarV4>, records: Collect| {
            sidecar.map(|mut sidecar| {
                sidecar.annotations = records.0;
                sidecar
            })
        };
        let mut records = Collect(Vec::new());
        let whole = collect(read(text, &mut records), records);
        let mut records = Collect(Vec::new());
        let streamed = collect(read_from(text.as_bytes(), &mut records), records);
        assert_eq!(
            whole.as_ref().map(write),
            streamed.as_ref().map(write),
            "the readers disagree"
        );
        whole
    }

    /// What ron's pretty printer writes, with apostrophes unescaped as ours are (ron escapes
    /// every backslash, so a `\'` it writes is always an escaped apostrophe).
    fn ron_text(sidecar: &SidecarV4, config: ron::ser::PrettyConfig) -> String {
        ron::ser::to_string_pretty(sidecar, config)
            .unwrap()
            .replace("\\'", "'")
    }

    #[test]
    fn apostrophes_are_written_as_they_are_and_read_back() {
        let mut w = Writer { out: String::new() };
        w.quoted("the mayor's \"plan\" \\ it's");
        assert_eq!(w.out, "\"the mayor's \\\"plan\\\" \\\\ it's\"");
        let back: String = ron::from_str(&w.out).unwrap();
        assert_eq!(back, "the mayor's \"plan\" \\ it's");
    }

    #[test]
    fn the_writer_writes_what_ron_writes_and_both_readers_agree() {
        let (doc, set, extras) = rich();
        for (set, extras) in [(set, extras), Default::default()] {
            let text = crate::store::sidecar::to_ron(&doc, &set, &extras);
            let text = text.strip_suffix('\n').unwrap();
            let by_ron: SidecarV4 = ron::from_str(text).unwrap();
            let config = ron::ser::PrettyConfig::new()
                .indentor("    ")
                .new_line("\n");
            assert_eq!(ron_text(&by_ron, config), text);
            let ours = read_all(text).expect("the fast reader reads it");
            assert_eq!(write(&ours), text);
        }
    }

    #[test]
    fn the_line_reader_gives_the_line_of_each_id() {
        struct Lines(Vec<(String, Option<usize>)>);
        impl Sink for Lines {
            fn header(&mut self, _: &SidecarV4) -> bool {
                true
            }
            fn record(&mut self, record: AnnotationRecord, line: Option<usize>) {
                self.0.push((record.id, line));
            }
        }
        let (doc, set, extras) = rich();
        let text = crate::store::sidecar::to_ron(&doc, &set, &extras);
        let mut lines = Lines(Vec::new());
        read_from(text.as_bytes(), &mut lines).expect("read line by line");
        assert_eq!(lines.0.len(), set.len());
        for (id, line) in lines.0 {
            let expected = text
                .lines()
                .position(|l| l.trim() == format!("id: {id:?},"))
                .map(|index| index + 1);
            assert_eq!(line, expected, "{id}");
        }
    }

    #[test]
    fn anything_else_is_left_to_ron() {
        let (doc, set, extras) = rich();
        let text = crate::store::sidecar::to_ron(&doc, &set, &extras);
        assert!(read_all(&text.replace("kind: Quote", "kind: Opinion")).is_none());
        assert!(read_all(&text.replace("version: 4", "version: 9")).is_none());
        assert!(read_all(&text.replace("\"q1\"", "\"q1\\x\"")).is_none());
        assert!(read_all(&format!("{text} extra")).is_none());
        assert!(read_all("(format: \"marginalia-sidecar\", version: 3").is_none());
        // Deep nesting: refused, not a stack overflow.
        let deep = format!("(annotations: [{}", "(".repeat(1_000_000));
        assert!(read_all(&deep).is_none());
        // A comment, which RON allows and we never write.
        assert!(read_all(&text.replacen("(\n", "( // hi\n", 1)).is_none());
        // A field twice, or a header field after the annotations.
        assert!(
            read_all(&text.replacen("version: 4,", "version: 4,\n    version: 4,", 1)).is_none()
        );
        let unit = format!(
            "    offset_unit: \"{}\",\n",
            super::super::format::OFFSET_UNIT
        );
        assert!(text.contains(&unit), "the real offset unit line");
        let moved = text
            .replacen(&unit, "", 1)
            .replacen("\n)", &format!("\n{unit})"), 1);
        assert!(read_all(&moved).is_none());
        // A sink that refuses the header stops the reading.
        struct Refuse;
        impl Sink for Refuse {
            fn header(&mut self, _: &SidecarV4) -> bool {
                false
            }
            fn record(&mut self, _: AnnotationRecord, _: Option<usize>) {
                panic!("no record after a refused header");
            }
        }
        assert!(read(&text, &mut Refuse).is_none());
    }

    /// Any string, with the chars that need escaping more often than chance gives them.
    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                any::<char>(),
                Just('"'),
                Just('\\'),
                Just('\''),
                Just('\n'),
                Just('\r'),
                Just('\t'),
                Just('\u{7f}'),
                Just('\u{200d}'),
                Just('é'),
                Just('港'),
            ],
            0..12,
        )
        .prop_map(|chars| chars.into_iter().collect())
    }

    fn excerpt() -> impl Strategy<Value = super::super::format::ExcerptRecord> {
        (any::<usize>(), any::<usize>(), text())
            .prop_map(|(start, end, text)| super::super::format::ExcerptRecord { start, end, text })
    }

    fn party() -> impl Strategy<Value = Party> {
        prop_oneof![
            text().prop_map(|t| Party::Mention(AnnotationId(t))),
            text().prop_map(Party::Named),
        ]
    }

    fn timestamp() -> impl Strategy<Value = crate::model::Timestamp> {
        (0u64..10_000_000_000).prop_map(crate::model::Timestamp::from_unix_seconds)
    }

    prop_compose! {
        fn record()(
            (id, kind, start, end, text_, prefix, suffix) in (
                text(),
                prop_oneof![Just(Kind::Quote), Just(Kind::Claim), Just(Kind::Entity)],
                any::<usize>(),
                any::<usize>(),
                text(),
                text(),
                text(),
            ),
            (fragments, source_label, speaker, cue, mode) in (
                proptest::collection::vec(excerpt(), 0..3),
                proptest::option::of(text()),
                proptest::option::of(party()),
                proptest::option::of(excerpt()),
                proptest::option::of(prop_oneof![
                    Just(QuoteMode::Direct),
                    Just(QuoteMode::Indirect),
                    Just(QuoteMode::Mixed),
                ]),
            ),
            (claimant, check_worthiness, verdict, source_url) in (
                proptest::option::of(party()),
                proptest::option::of(prop_oneof![
                    Just(CheckWorthiness::NonFactual),
                    Just(CheckWorthiness::UnimportantFactual),
                    Just(CheckWorthiness::CheckWorthy),
                ]),
                proptest::option::of(text()),
                proptest::option::of(text()),
            ),
            (entity_type, identity, note, tags, created, modified, needs_reanchoring) in (
                proptest::option::of(text()),
                proptest::option::of(text()),
                proptest::option::of(text()),
                proptest::collection::vec(text(), 0..3),
                timestamp(),
                timestamp(),
                any::<bool>(),
            ),
        ) -> AnnotationRecord {
            // A rule name of its own would need a thirteenth generator in the tuple.
            let suggested_by = source_label.as_ref().map(|label| format!("rule {label}"));
            AnnotationRecord {
                id, kind, start, end, text: text_, prefix, suffix, fragments, source_label, suggested_by,
                speaker, cue, mode, claimant, check_worthiness, verdict, source_url, entity_type,
                identity, note, tags, created, modified, needs_reanchoring,
            }
        }
    }

    /// A sidecar holding `records`, everything else fixed.
    fn sidecar_of(records: Vec<AnnotationRecord>, brat_extras: Vec<String>) -> SidecarV4 {
        let (doc, set, _) = rich();
        let mut sidecar = crate::store::sidecar::prepare(&doc, &set, &Default::default()).0;
        sidecar.annotations = records;
        sidecar.brat_extras = brat_extras;
        sidecar
    }

    proptest! {
        /// What the fast writer writes, both fast readers and `ron` read back as it was.
        #[test]
        fn every_record_reads_back_the_same_by_every_reader(
            records in proptest::collection::vec(record(), 1..4),
            extras in proptest::collection::vec(text(), 0..3),
        ) {
            let sidecar = sidecar_of(records, extras);
            let text = write(&sidecar);
            let by_ron: SidecarV4 = ron::from_str(&text).unwrap();
            prop_assert_eq!(&by_ron, &sidecar);
            let fast = read_all(&text).expect("the fast reader reads what the writer writes");
            prop_assert_eq!(&fast, &sidecar);
            let config = ron::ser::PrettyConfig::new().indentor("    ").new_line("\n");
            prop_assert_eq!(ron_text(&sidecar, config), text);
        }
    }
}
