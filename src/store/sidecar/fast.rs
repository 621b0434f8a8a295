//! A fast writer and reader for the sidecar text Marginalia itself writes.
//!
//! The `ron` crate takes about 140 ms to write and 270 ms to read 50,000 annotations; these take
//! a fraction of that. The writer produces exactly the text `ron`'s pretty printer would (four
//! spaces, one field per line, strings escaped with `char::escape_debug`), which a test checks.
//! The reader handles the subset of RON that text uses and gives up (`None`) on anything else,
//! so that `ron` reads the file instead, with its messages.

use super::format::{AnnotationRecord, DocumentRecord, ExcerptRecord, IdentityRecord, SidecarV3};
use crate::model::{CheckWorthiness, Kind, Party, QuoteMode, Timestamp};
use std::fmt::Write as _;

/// The sidecar as text, without the final line break.
pub fn write(sidecar: &SidecarV3) -> String {
    let mut w = Writer {
        out: String::with_capacity(400 * sidecar.annotations.len() + 1024),
    };
    w.out.push_str("(\n");
    w.string(1, "format", &sidecar.format);
    w.number(1, "version", u64::from(sidecar.version));
    w.open(1, "document", "(");
    let d = &sidecar.document;
    w.string(2, "file_name", &d.file_name);
    w.number(2, "char_count", d.char_count as u64);
    w.string(2, "fingerprint", &d.fingerprint);
    w.string(2, "encoding", &d.encoding);
    if let Some(source) = &d.source {
        w.some_string(2, "source", source);
    }
    if let Some(version) = d.extractor_version {
        w.field(2, "extractor_version", &format!("Some({version})"));
    }
    w.close(1, ")");
    w.string(1, "offset_unit", &sidecar.offset_unit);
    if !sidecar.identities.is_empty() {
        w.open(1, "identities", "[");
        for identity in &sidecar.identities {
            w.line(2, "(");
            w.string(3, "id", &identity.id);
            w.string(3, "name", &identity.name);
            if let Some(external) = &identity.external_id {
                w.some_string(3, "external_id", external);
            }
            w.line(2, "),");
        }
        w.close(1, "]");
    }
    if sidecar.annotations.is_empty() {
        w.field(1, "annotations", "[]");
    } else {
        w.open(1, "annotations", "[");
        for record in &sidecar.annotations {
            w.record(record);
        }
        w.close(1, "]");
    }
    if !sidecar.brat_extras.is_empty() {
        w.open(1, "brat_extras", "[");
        for line in &sidecar.brat_extras {
            w.indent(2);
            w.quoted(line);
            w.out.push_str(",\n");
        }
        w.close(1, "]");
    }
    w.out.push(')');
    w.out
}

struct Writer {
    out: String,
}

impl Writer {
    fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str("    ");
        }
    }

    fn line(&mut self, depth: usize, text: &str) {
        self.indent(depth);
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn field(&mut self, depth: usize, name: &str, value: &str) {
        self.indent(depth);
        let _ = writeln!(self.out, "{name}: {value},");
    }

    fn number(&mut self, depth: usize, name: &str, value: u64) {
        self.indent(depth);
        let _ = writeln!(self.out, "{name}: {value},");
    }

    /// `value` in quotes, escaped as `char::escape_debug` escapes it; runs that need no
    /// escape are copied whole.
    fn quoted(&mut self, value: &str) {
        self.out.push('"');
        let mut plain_from = 0;
        for (i, c) in value.char_indices() {
            let plain = if c.is_ascii() {
                !(c.is_ascii_control() || matches!(c, '\'' | '"' | '\\'))
            } else {
                let mut escaped = c.escape_debug();
                escaped.next() == Some(c) && escaped.next().is_none()
            };
            if !plain {
                self.out.push_str(&value[plain_from..i]);
                self.out.extend(c.escape_debug());
                plain_from = i + c.len_utf8();
            }
        }
        self.out.push_str(&value[plain_from..]);
        self.out.push('"');
    }

    fn string(&mut self, depth: usize, name: &str, value: &str) {
        self.indent(depth);
        self.out.push_str(name);
        self.out.push_str(": ");
        self.quoted(value);
        self.out.push_str(",\n");
    }

    fn some_string(&mut self, depth: usize, name: &str, value: &str) {
        self.indent(depth);
        self.out.push_str(name);
        self.out.push_str(": Some(");
        self.quoted(value);
        self.out.push_str("),\n");
    }

    fn open(&mut self, depth: usize, name: &str, bracket: &str) {
        self.indent(depth);
        let _ = writeln!(self.out, "{name}: {bracket}");
    }

    fn close(&mut self, depth: usize, bracket: &str) {
        self.indent(depth);
        let _ = writeln!(self.out, "{bracket},");
    }

    fn excerpt_fields(&mut self, depth: usize, excerpt: &ExcerptRecord) {
        self.number(depth, "start", excerpt.start as u64);
        self.number(depth, "end", excerpt.end as u64);
        self.string(depth, "text", &excerpt.text);
    }

    fn party(&mut self, name: &str, party: &Party) {
        self.indent(3);
        self.out.push_str(name);
        match party {
            Party::Mention(id) => {
                self.out.push_str(": Some(Mention(");
                self.quoted(&id.0);
            }
            Party::Named(text) => {
                self.out.push_str(": Some(Named(");
                self.quoted(text);
            }
        }
        self.out.push_str(")),\n");
    }

    fn record(&mut self, r: &AnnotationRecord) {
        self.line(2, "(");
        self.string(3, "id", &r.id);
        self.field(3, "kind", kind_name(r.kind));
        self.number(3, "start", r.start as u64);
        self.number(3, "end", r.end as u64);
        self.string(3, "text", &r.text);
        self.string(3, "prefix", &r.prefix);
        self.string(3, "suffix", &r.suffix);
        if !r.fragments.is_empty() {
            self.open(3, "fragments", "[");
            for fragment in &r.fragments {
                self.line(4, "(");
                self.excerpt_fields(5, fragment);
                self.line(4, "),");
            }
            self.close(3, "]");
        }
        if let Some(label) = &r.source_label {
            self.some_string(3, "source_label", label);
        }
        if let Some(speaker) = &r.speaker {
            self.party("speaker", speaker);
        }
        if let Some(cue) = &r.cue {
            self.open(3, "cue", "Some((");
            self.excerpt_fields(4, cue);
            self.close(3, "))");
        }
        if let Some(mode) = r.mode {
            self.field(3, "mode", &format!("Some({})", mode_name(mode)));
        }
        if let Some(claimant) = &r.claimant {
            self.party("claimant", claimant);
        }
        if let Some(worthiness) = r.check_worthiness {
            self.field(
                3,
                "check_worthiness",
                &format!("Some({})", worthiness_name(worthiness)),
            );
        }
        for (name, value) in [
            ("verdict", &r.verdict),
            ("source_url", &r.source_url),
            ("entity_type", &r.entity_type),
            ("identity", &r.identity),
            ("note", &r.note),
        ] {
            if let Some(value) = value {
                self.some_string(3, name, value);
            }
        }
        if !r.tags.is_empty() {
            self.open(3, "tags", "[");
            for tag in &r.tags {
                self.indent(4);
                self.quoted(tag);
                self.out.push_str(",\n");
            }
            self.close(3, "]");
        }
        self.string(3, "created", &r.created.to_string());
        self.string(3, "modified", &r.modified.to_string());
        if r.needs_reanchoring {
            self.field(3, "needs_reanchoring", "true");
        }
        self.line(2, "),");
    }
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Quote => "Quote",
        Kind::Claim => "Claim",
        Kind::Entity => "Entity",
    }
}

fn mode_name(mode: QuoteMode) -> &'static str {
    match mode {
        QuoteMode::Direct => "Direct",
        QuoteMode::Indirect => "Indirect",
        QuoteMode::Mixed => "Mixed",
    }
}

fn worthiness_name(worthiness: CheckWorthiness) -> &'static str {
    match worthiness {
        CheckWorthiness::NonFactual => "NonFactual",
        CheckWorthiness::UnimportantFactual => "UnimportantFactual",
        CheckWorthiness::CheckWorthy => "CheckWorthy",
    }
}

/// A value of the RON subset sidecars use.
enum Value<'a> {
    Str(String),
    Number(u64),
    Bool(bool),
    Ident(&'a str),
    Struct(Vec<(&'a str, Value<'a>)>),
    List(Vec<Value<'a>>),
    Call(&'a str, Box<Value<'a>>),
}

/// Nesting deeper than this is not Marginalia's layout (which nests four deep): the reader
/// gives up rather than recurse without bound on hostile input.
const MAX_DEPTH: usize = 12;

struct Parser<'a> {
    text: &'a str,
    at: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn skip_space(&mut self) {
        let rest = &self.text.as_bytes()[self.at..];
        self.at += rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        self.skip_space();
        (self.peek()? == byte).then(|| self.at += 1)
    }

    fn ident(&mut self) -> Option<&'a str> {
        self.skip_space();
        let rest = &self.text.as_bytes()[self.at..];
        let length = rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
            .count();
        if length == 0 || rest[0].is_ascii_digit() {
            return None;
        }
        let ident = &self.text[self.at..self.at + length];
        self.at += length;
        Some(ident)
    }

    fn value(&mut self) -> Option<Value<'a>> {
        if self.depth >= MAX_DEPTH {
            return None;
        }
        self.depth += 1;
        let value = self.value_here();
        self.depth -= 1;
        value
    }

    fn value_here(&mut self) -> Option<Value<'a>> {
        self.skip_space();
        match self.peek()? {
            b'"' => self.string().map(Value::Str),
            b'(' => self.structure(),
            b'[' => self.list(),
            b'0'..=b'9' => {
                let rest = &self.text.as_bytes()[self.at..];
                let length = rest.iter().take_while(|b| b.is_ascii_digit()).count();
                let number = self.text[self.at..self.at + length].parse().ok()?;
                self.at += length;
                Some(Value::Number(number))
            }
            _ => {
                let ident = self.ident()?;
                match ident {
                    "true" => return Some(Value::Bool(true)),
                    "false" => return Some(Value::Bool(false)),
                    _ => {}
                }
                self.skip_space();
                if self.peek() == Some(b'(') {
                    self.at += 1;
                    let inner = self.value()?;
                    self.eat(b')')?;
                    Some(Value::Call(ident, Box::new(inner)))
                } else {
                    Some(Value::Ident(ident))
                }
            }
        }
    }

    fn string(&mut self) -> Option<String> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let rest = &self.text[self.at..];
            let stop = rest.find(['"', '\\'])?;
            out.push_str(&rest[..stop]);
            self.at += stop;
            if self.peek()? == b'"' {
                self.at += 1;
                return Some(out);
            }
            // An escape.
            let escape = self.text[self.at + 1..].chars().next()?;
            self.at += 1 + escape.len_utf8();
            match escape {
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                '0' => out.push('\0'),
                '\\' | '"' | '\'' => out.push(escape),
                'u' => {
                    let rest = self.text[self.at..].strip_prefix('{')?;
                    let close = rest.find('}')?;
                    let code = u32::from_str_radix(&rest[..close], 16).ok()?;
                    out.push(char::from_u32(code)?);
                    self.at += close + 2;
                }
                _ => return None,
            }
        }
    }

    fn structure(&mut self) -> Option<Value<'a>> {
        self.eat(b'(')?;
        let mut fields = Vec::new();
        loop {
            self.skip_space();
            if self.peek()? == b')' {
                self.at += 1;
                return Some(Value::Struct(fields));
            }
            let name = self.ident()?;
            self.eat(b':')?;
            fields.push((name, self.value()?));
            self.skip_space();
            if self.peek()? == b',' {
                self.at += 1;
            }
        }
    }

    fn list(&mut self) -> Option<Value<'a>> {
        self.eat(b'[')?;
        let mut items = Vec::new();
        loop {
            self.skip_space();
            if self.peek()? == b']' {
                self.at += 1;
                return Some(Value::List(items));
            }
            items.push(self.value()?);
            self.skip_space();
            if self.peek()? == b',' {
                self.at += 1;
            }
        }
    }
}

/// Where [`read`] hands what it reads, so that no list of every record is ever built.
pub trait Sink {
    /// The fields before the annotations (format, version, document, offset unit, identities);
    /// false stops the reading (then [`read`] gives `None`).
    fn header(&mut self, header: &SidecarV3) -> bool;
    /// One annotation record, in file order, with the line of its id when the reader knows it.
    fn record(&mut self, record: AnnotationRecord, line: Option<usize>);
}

/// Reads sidecar text of version 2 or 3 in the layout [`write`] produces, handing `sink` the
/// header and then each annotation record; gives the rest (without annotations). `None` when it
/// is anything else (then `ron` reads it): what `sink` got so far is then to be thrown away.
pub fn read(text: &str, sink: &mut impl Sink) -> Option<SidecarV3> {
    let mut parser = Parser {
        text,
        at: 0,
        depth: 1,
    };
    let mut sidecar = SidecarV3 {
        format: String::new(),
        version: 0,
        document: DocumentRecord::default(),
        offset_unit: String::new(),
        identities: Vec::new(),
        annotations: Vec::new(),
        brat_extras: Vec::new(),
    };
    // The fields seen, in the order the writer writes them.
    let mut seen: Vec<&str> = Vec::new();
    parser.eat(b'(')?;
    loop {
        parser.skip_space();
        if parser.peek()? == b')' {
            parser.at += 1;
            break;
        }
        let name = parser.ident()?;
        parser.eat(b':')?;
        if seen.contains(&name) {
            return None;
        }
        if name == "annotations" {
            let before = ["format", "version", "document", "offset_unit"];
            if !before.iter().all(|field| seen.contains(field))
                || !matches!(sidecar.version, 2 | 3)
                || !sink.header(&sidecar)
            {
                return None;
            }
            // One record at a time.
            parser.eat(b'[')?;
            loop {
                parser.skip_space();
                if parser.peek()? == b']' {
                    parser.at += 1;
                    break;
                }
                sink.record(record(parser.value()?)?, None);
                parser.skip_space();
                if parser.peek()? == b',' {
                    parser.at += 1;
                }
            }
        } else {
            if seen.contains(&"annotations") && name != "brat_extras" {
                return None;
            }
            match (name, parser.value()?) {
                ("format", Value::Str(s)) => sidecar.format = s,
                ("version", Value::Number(n)) => sidecar.version = u32::try_from(n).ok()?,
                ("document", Value::Struct(d)) => sidecar.document = document(d)?,
                ("offset_unit", Value::Str(s)) => sidecar.offset_unit = s,
                ("identities", Value::List(items)) => {
                    sidecar.identities = items.into_iter().map(identity).collect::<Option<_>>()?;
                }
                ("brat_extras", Value::List(items)) => {
                    sidecar.brat_extras = items.into_iter().map(string).collect::<Option<_>>()?;
                }
                _ => return None,
            }
        }
        seen.push(name);
        parser.skip_space();
        if parser.peek()? == b',' {
            parser.at += 1;
        }
    }
    parser.skip_space();
    if parser.at != text.len() || !seen.contains(&"annotations") {
        return None;
    }
    Some(sidecar)
}

/// [`read`] from `reader`, a record at a time, so that the whole text is never held (a sidecar
/// of a million annotations is 400 MB): the same subset, in the line layout [`write`] produces
/// (one record after another, each ending in a line `        ),`). `None` when it is anything
/// else; then the text is to be read whole.
pub fn read_from(mut reader: impl std::io::BufRead, sink: &mut impl Sink) -> Option<SidecarV3> {
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
            let mut parser = Parser {
                text,
                at: 0,
                depth: 2,
            };
            let value = parser.value()?;
            parser.skip_space();
            if parser.at != text.len() {
                return None;
            }
            sink.record(self::record(value)?, id_line.take());
            record.clear();
        }
    }
    let mut tail = b"(\n".to_vec();
    reader.read_to_end(&mut tail).ok()?;
    sidecar.brat_extras = fields_after_annotations(std::str::from_utf8(&tail).ok()?)?;
    Some(sidecar)
}

/// The fields a sidecar has after its annotations (only `brat_extras`), from text that starts
/// with `(` and ends where the sidecar ends.
fn fields_after_annotations(text: &str) -> Option<Vec<String>> {
    let mut parser = Parser {
        text,
        at: 0,
        depth: 1,
    };
    let mut brat_extras = None;
    parser.eat(b'(')?;
    loop {
        parser.skip_space();
        if parser.peek()? == b')' {
            parser.at += 1;
            break;
        }
        let name = parser.ident()?;
        parser.eat(b':')?;
        match (name, parser.value()?) {
            ("brat_extras", Value::List(items)) if brat_extras.is_none() => {
                brat_extras = Some(items.into_iter().map(string).collect::<Option<_>>()?);
            }
            _ => return None,
        }
        parser.skip_space();
        if parser.peek()? == b',' {
            parser.at += 1;
        }
    }
    parser.skip_space();
    (parser.at == text.len()).then(|| brat_extras.unwrap_or_default())
}

fn string(value: Value<'_>) -> Option<String> {
    match value {
        Value::Str(s) => Some(s),
        _ => None,
    }
}

fn number(value: Value<'_>) -> Option<usize> {
    match value {
        Value::Number(n) => usize::try_from(n).ok(),
        _ => None,
    }
}

fn some(value: Value<'_>) -> Option<Value<'_>> {
    match value {
        Value::Call("Some", inner) => Some(*inner),
        _ => None,
    }
}

fn document(fields: Vec<(&str, Value<'_>)>) -> Option<DocumentRecord> {
    let mut d = DocumentRecord::default();
    for (name, value) in fields {
        match name {
            "file_name" => d.file_name = string(value)?,
            "char_count" => d.char_count = number(value)?,
            "fingerprint" => d.fingerprint = string(value)?,
            "encoding" => d.encoding = string(value)?,
            "source" => d.source = Some(string(some(value)?)?),
            "extractor_version" => {
                d.extractor_version = Some(u32::try_from(number(some(value)?)?).ok()?);
            }
            _ => return None,
        }
    }
    Some(d)
}

fn identity(value: Value<'_>) -> Option<IdentityRecord> {
    let Value::Struct(fields) = value else {
        return None;
    };
    let (mut id, mut name, mut external_id) = (None, None, None);
    for (field, value) in fields {
        match field {
            "id" => id = Some(string(value)?),
            "name" => name = Some(string(value)?),
            "external_id" => external_id = Some(string(some(value)?)?),
            _ => return None,
        }
    }
    Some(IdentityRecord {
        id: id?,
        name: name?,
        external_id,
    })
}

fn excerpt(value: Value<'_>) -> Option<ExcerptRecord> {
    let Value::Struct(fields) = value else {
        return None;
    };
    let (mut start, mut end, mut text) = (None, None, None);
    for (field, value) in fields {
        match field {
            "start" => start = Some(number(value)?),
            "end" => end = Some(number(value)?),
            "text" => text = Some(string(value)?),
            _ => return None,
        }
    }
    Some(ExcerptRecord {
        start: start?,
        end: end?,
        text: text?,
    })
}

fn party(value: Value<'_>) -> Option<Party> {
    match some(value)? {
        Value::Call("Mention", inner) => {
            Some(Party::Mention(crate::model::AnnotationId(string(*inner)?)))
        }
        Value::Call("Named", inner) => Some(Party::Named(string(*inner)?)),
        _ => None,
    }
}

fn timestamp(value: Value<'_>) -> Option<Timestamp> {
    Timestamp::parse(&string(value)?).ok()
}

fn record(value: Value<'_>) -> Option<AnnotationRecord> {
    let Value::Struct(fields) = value else {
        return None;
    };
    let (mut id, mut kind, mut start, mut end) = (None, None, None, None);
    let (mut text, mut prefix, mut suffix) = (None, None, None);
    let (mut created, mut modified) = (None, None);
    let mut r = AnnotationRecord::bare(
        String::new(),
        Kind::Entity,
        0,
        0,
        String::new(),
        String::new(),
        String::new(),
        Timestamp::from_unix_seconds(0),
        Timestamp::from_unix_seconds(0),
    );
    for (field, value) in fields {
        match field {
            "id" => id = Some(string(value)?),
            "kind" => {
                kind = Some(match value {
                    Value::Ident("Quote") => Kind::Quote,
                    Value::Ident("Claim") => Kind::Claim,
                    Value::Ident("Entity") => Kind::Entity,
                    _ => return None,
                });
            }
            "start" => start = Some(number(value)?),
            "end" => end = Some(number(value)?),
            "text" => text = Some(string(value)?),
            "prefix" => prefix = Some(string(value)?),
            "suffix" => suffix = Some(string(value)?),
            "fragments" => {
                let Value::List(items) = value else {
                    return None;
                };
                r.fragments = items.into_iter().map(excerpt).collect::<Option<_>>()?;
            }
            "source_label" => r.source_label = Some(string(some(value)?)?),
            "speaker" => r.speaker = Some(party(value)?),
            "claimant" => r.claimant = Some(party(value)?),
            "cue" => r.cue = Some(excerpt(some(value)?)?),
            "mode" => {
                r.mode = Some(match some(value)? {
                    Value::Ident("Direct") => QuoteMode::Direct,
                    Value::Ident("Indirect") => QuoteMode::Indirect,
                    Value::Ident("Mixed") => QuoteMode::Mixed,
                    _ => return None,
                });
            }
            "check_worthiness" => {
                r.check_worthiness = Some(match some(value)? {
                    Value::Ident("NonFactual") => CheckWorthiness::NonFactual,
                    Value::Ident("UnimportantFactual") => CheckWorthiness::UnimportantFactual,
                    Value::Ident("CheckWorthy") => CheckWorthiness::CheckWorthy,
                    _ => return None,
                });
            }
            "verdict" => r.verdict = Some(string(some(value)?)?),
            "source_url" => r.source_url = Some(string(some(value)?)?),
            "entity_type" => r.entity_type = Some(string(some(value)?)?),
            "identity" => r.identity = Some(string(some(value)?)?),
            "note" => r.note = Some(string(some(value)?)?),
            "tags" => {
                let Value::List(items) = value else {
                    return None;
                };
                r.tags = items.into_iter().map(string).collect::<Option<_>>()?;
            }
            "created" => created = Some(timestamp(value)?),
            "modified" => modified = Some(timestamp(value)?),
            "needs_reanchoring" => {
                let Value::Bool(b) = value else {
                    return None;
                };
                r.needs_reanchoring = b;
            }
            _ => return None,
        }
    }
    r.id = id?;
    r.kind = kind?;
    r.start = start?;
    r.end = end?;
    r.text = text?;
    r.prefix = prefix?;
    r.suffix = suffix?;
    r.created = created?;
    r.modified = modified?;
    Some(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Annotation, AnnotationId, AnnotationSet, Attributes, CharSpan, Document, Edit, Excerpt,
        Identity, IdentityId,
    };

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
        if let Attributes::Claim(c) = &mut claim.attributes {
            c.claimant = Some(Party::Named("the \"mayor\"".into()));
            c.check_worthiness = Some(CheckWorthiness::UnimportantFactual);
            c.verdict = Some("false".into());
            c.source_url = Some("https://example.org/a?b=c".into());
        }
        set.insert(claim, &doc).unwrap();
        let lost = Annotation::new(AnnotationId("u1".into()), Kind::Entity, span(0, 3), &doc);
        set.insert_unanchored(lost).unwrap();
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
        fn header(&mut self, _: &SidecarV3) -> bool {
            true
        }
        fn record(&mut self, record: AnnotationRecord, _: Option<usize>) {
            self.0.push(record);
        }
    }

    /// Reads `text` whole and line by line; both readers must agree.
    fn read_all(text: &str) -> Option<SidecarV3> {
        let collect = |sidecar: Option<SidecarV3>, records: Collect| {
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

    #[test]
    fn the_writer_writes_what_ron_writes_and_both_readers_agree() {
        let (doc, set, extras) = rich();
        for (set, extras) in [(set, extras), Default::default()] {
            let text = crate::store::sidecar::to_ron(&doc, &set, &extras);
            let text = text.strip_suffix('\n').unwrap();
            let by_ron: SidecarV3 = ron::from_str(text).unwrap();
            let config = ron::ser::PrettyConfig::new()
                .indentor("    ")
                .new_line("\n");
            assert_eq!(ron::ser::to_string_pretty(&by_ron, config).unwrap(), text);
            let ours = read_all(text).expect("the fast reader reads it");
            assert_eq!(write(&ours), text);
        }
    }

    #[test]
    fn the_line_reader_gives_the_line_of_each_id() {
        struct Lines(Vec<(String, Option<usize>)>);
        impl Sink for Lines {
            fn header(&mut self, _: &SidecarV3) -> bool {
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
        assert!(read_all(&text.replace("version: 3", "version: 9")).is_none());
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
            read_all(&text.replacen("version: 3,", "version: 3,\n    version: 3,", 1)).is_none()
        );
        let moved = text
            .replacen("    offset_unit: \"chars\",\n", "", 1)
            .replacen("\n)", "\n    offset_unit: \"chars\",\n)", 1);
        assert!(read_all(&moved).is_none());
        // A sink that refuses the header stops the reading.
        struct Refuse;
        impl Sink for Refuse {
            fn header(&mut self, _: &SidecarV3) -> bool {
                false
            }
            fn record(&mut self, _: AnnotationRecord, _: Option<usize>) {
                panic!("no record after a refused header");
            }
        }
        assert!(read(&text, &mut Refuse).is_none());
    }
}
