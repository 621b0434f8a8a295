//! brat's configuration for an export: `annotation.conf` declaring every type, relation,
//! event and attribute the `.ann` uses, and `visual.conf` with Marginalia's colours.

use super::{BratColours, Line};
use crate::model::{CheckWorthiness, Kind, QuoteMode};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// A type name as brat can read it: brat splits a line's type from its offsets (and a
/// configuration line's type from its arguments) at white space, so `Political party` is
/// written as brat itself stores such names, `Political_party`. Names brat reads with a mere
/// warning (`Entité`, `Org.Unit`) stay as they are, so brat files round-trip unchanged.
pub fn brat_name(name: &str) -> Cow<'_, str> {
    if name.chars().any(char::is_whitespace) {
        Cow::Owned(name.split_whitespace().collect::<Vec<_>>().join("_"))
    } else {
        Cow::Borrowed(name)
    }
}

/// The values brat's editor offers for an attribute Marginalia models: all it knows, not only
/// those used.
fn known_values(attribute: &str) -> Vec<&'static str> {
    match attribute {
        "Mode" => QuoteMode::ALL.iter().map(|m| m.id()).collect(),
        "CheckWorthiness" => CheckWorthiness::ALL.iter().map(|w| w.id()).collect(),
        _ => Vec::new(),
    }
}

/// What `annotation.conf` must declare besides the text-bound types, gathered line by line.
#[derive(Default)]
pub(super) struct Declared {
    /// Relation types with their argument roles.
    relations: BTreeMap<String, BTreeSet<String>>,
    /// Event types with their argument roles.
    events: BTreeMap<String, BTreeSet<String>>,
    /// Attribute types with their values.
    attributes: BTreeMap<String, BTreeSet<String>>,
    /// Equivalence types.
    equivalences: BTreeSet<String>,
    /// Types of text-bound lines kept as they were (an attribution's cue and trigger).
    kept_types: BTreeSet<String>,
}

impl Declared {
    /// Records what `line` needs declared.
    pub(super) fn declare(&mut self, line: &Line) {
        if let Line::Text { kind_name, .. } = line {
            self.kept_types.insert(kind_name.clone());
            return;
        }
        let Line::Other {
            id,
            kind_name,
            args,
            value,
        } = line
        else {
            return;
        };
        match id.chars().next() {
            Some('R') => {
                let roles = self.relations.entry(kind_name.clone()).or_default();
                roles.extend(args.iter().map(|(role, _)| role.clone()));
            }
            Some('E') => {
                let roles = self.events.entry(kind_name.clone()).or_default();
                for (role, _) in args.iter().filter(|(role, _)| role != "trigger") {
                    roles.insert(
                        role.trim_end_matches(|c: char| c.is_ascii_digit())
                            .to_owned(),
                    );
                }
            }
            Some('A' | 'M') => {
                let values = self.attributes.entry(kind_name.clone()).or_default();
                values.extend(value.clone());
            }
            Some('*') => {
                self.equivalences.insert(kind_name.clone());
            }
            _ => {}
        }
    }

    /// `annotation.conf` for the text-bound `types` and what was declared.
    pub(super) fn annotation_conf(&self, types: &BTreeMap<String, Kind>) -> String {
        let mut conf =
            String::from("# Written by Marginalia: every type its export uses.\n[entities]\n");
        let names: BTreeSet<&String> = types.keys().chain(&self.kept_types).collect();
        for name in names.into_iter().filter(|t| !self.events.contains_key(*t)) {
            conf.push_str(&format!("{name}\n"));
        }
        conf.push_str("[relations]\n");
        // Spans may nest and cross (a claim inside a quote, an entity inside both): with brat's
        // validation on, anything else is an error.
        conf.push_str("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");
        for (name, roles) in &self.relations {
            let args: Vec<String> = roles.iter().map(|r| format!("{r}:<ANY>")).collect();
            conf.push_str(&format!("{name}\t{}\n", args.join(", ")));
        }
        for name in &self.equivalences {
            conf.push_str(&format!(
                "{name}\tArg1:<ANY>, Arg2:<ANY>, <REL-TYPE>:symmetric-transitive\n"
            ));
        }
        conf.push_str("[events]\n");
        for (name, roles) in &self.events {
            let args: Vec<String> = roles.iter().map(|r| format!("{r}*:<ANY>")).collect();
            if args.is_empty() {
                conf.push_str(&format!("{name}\n"));
            } else {
                conf.push_str(&format!("{name}\t{}\n", args.join(", ")));
            }
        }
        conf.push_str("[attributes]\n");
        let mut attributes = self.attributes.clone();
        for name in ["Mode", "CheckWorthiness"] {
            if let Some(values) = attributes.get_mut(name) {
                values.extend(known_values(name).into_iter().map(str::to_owned));
            }
        }
        for (name, values) in &attributes {
            if values.is_empty() {
                conf.push_str(&format!("{name}\tArg:<ANY>\n"));
            } else {
                let values: Vec<&str> = values.iter().map(String::as_str).collect();
                conf.push_str(&format!("{name}\tArg:<ANY>, Value:{}\n", values.join("|")));
            }
        }
        conf
    }
}

/// `visual.conf` giving each text-bound type its kind's (or entity type's) colour, and the
/// names written with `_` for spaces their own label.
pub(super) fn visual_conf(
    types: &BTreeMap<String, Kind>,
    renamed: &BTreeMap<String, String>,
    colours: &BratColours,
) -> String {
    let mut conf = String::from("# Written by Marginalia: its colours.\n[labels]\n");
    for (written, name) in renamed {
        conf.push_str(&format!("{written} | {name}\n"));
    }
    conf.push_str("[drawing]\n");
    conf.push_str("SPAN_DEFAULT\tfgColor:black, bgColor:lightgray, borderColor:darken\n");
    conf.push_str("ARC_DEFAULT\tcolor:black, arrowHead:triangle-5\n");
    for (name, kind) in types {
        let own = renamed.get(name).map_or(name.as_str(), String::as_str);
        let colour = match kind {
            Kind::Quote => &colours.quote,
            Kind::Claim => &colours.claim,
            Kind::Entity => colours.entity_types.get(own).unwrap_or(&colours.entity),
        };
        conf.push_str(&format!("{name}\tbgColor:{colour}\n"));
    }
    conf
}
