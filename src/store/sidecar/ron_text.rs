//! The subset of RON that sidecars are written in, read and written without the `ron` crate (a
//! fraction of its time on 50,000 annotations), and the [`record!`] table from which each
//! record's struct, its writer and its reader all follow.
//!
//! The writer produces the text `ron`'s pretty printer writes (four spaces, one field per line,
//! strings escaped as `char::escape_debug` escapes them, optional fields left out when absent),
//! except that an apostrophe stays as it is (`"it's"`, not `"it\'s"`: RON needs no escape for it
//! in a double-quoted string, and a diff of an article's quotes stays readable), which a test
//! checks. The reader takes what the writer writes and gives up (`None`)
//! on anything else, so that `ron` reads the file instead, with its messages.

use crate::model::{AnnotationId, CheckWorthiness, Kind, Party, QuoteMode, Timestamp};

/// Nesting deeper than this is not Marginalia's layout (which nests five deep): the reader
/// gives up rather than recurse without bound on hostile input.
const MAX_DEPTH: usize = 12;

/// A value of the RON subset sidecars use.
pub enum Value<'a> {
    /// `"text"`.
    Str(String),
    /// `42`.
    Number(u64),
    /// `true` or `false`.
    Bool(bool),
    /// A unit variant: `Quote`.
    Ident(&'a str),
    /// `(name: value, …)`.
    Struct(Vec<(&'a str, Value<'a>)>),
    /// `[value, …]`.
    List(Vec<Value<'a>>),
    /// A newtype variant or `Some`: `Mention("…")`.
    Call(&'a str, Box<Value<'a>>),
}

/// Sidecar text being written.
pub struct Writer {
    /// The text so far.
    pub out: String,
}

impl Writer {
    /// Indentation for `depth`.
    pub fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str("    ");
        }
    }

    /// `name: value,` on a line of its own at `depth`.
    pub fn field(&mut self, depth: usize, name: &str, value: &impl RonValue) {
        self.indent(depth);
        self.out.push_str(name);
        self.out.push_str(": ");
        value.write_value(self, depth);
        self.out.push_str(",\n");
    }

    /// `value` in quotes, escaped as `char::escape_debug` escapes it but for apostrophes; runs
    /// that need no escape are copied whole.
    pub fn quoted(&mut self, value: &str) {
        self.out.push('"');
        let mut plain_from = 0;
        for (i, c) in value.char_indices() {
            let plain = if c.is_ascii() {
                !(c.is_ascii_control() || matches!(c, '"' | '\\'))
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
}

/// A value as sidecars write and read it.
pub trait RonValue: Sized {
    /// Writes the value where a field's value goes; `depth` is the indentation of the field's
    /// line (nested lines go deeper).
    fn write_value(&self, w: &mut Writer, depth: usize);
    /// The value read back; `None` when it is not of this type.
    fn read_value(value: Value<'_>) -> Option<Self>;
    /// True for a value an optional field leaves out (none, an empty list, false).
    fn is_absent(&self) -> bool {
        false
    }
}

impl RonValue for String {
    fn write_value(&self, w: &mut Writer, _: usize) {
        w.quoted(self);
    }
    fn read_value(value: Value<'_>) -> Option<Self> {
        match value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
}

impl RonValue for usize {
    fn write_value(&self, w: &mut Writer, _: usize) {
        w.out.push_str(&self.to_string());
    }
    fn read_value(value: Value<'_>) -> Option<Self> {
        match value {
            Value::Number(n) => usize::try_from(n).ok(),
            _ => None,
        }
    }
}

impl RonValue for u32 {
    fn write_value(&self, w: &mut Writer, _: usize) {
        w.out.push_str(&self.to_string());
    }
    fn read_value(value: Value<'_>) -> Option<Self> {
        match value {
            Value::Number(n) => u32::try_from(n).ok(),
            _ => None,
        }
    }
}

impl RonValue for bool {
    fn write_value(&self, w: &mut Writer, _: usize) {
        w.out.push_str(if *self { "true" } else { "false" });
    }
    fn read_value(value: Value<'_>) -> Option<Self> {
        match value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }
    fn is_absent(&self) -> bool {
        !*self
    }
}

impl RonValue for Timestamp {
    fn write_value(&self, w: &mut Writer, _: usize) {
        w.quoted(&self.to_string());
    }
    fn read_value(value: Value<'_>) -> Option<Self> {
        Timestamp::parse(&String::read_value(value)?).ok()
    }
}

impl RonValue for Party {
    fn write_value(&self, w: &mut Writer, _: usize) {
        let (variant, text) = match self {
            Party::Mention(id) => ("Mention(", &id.0),
            Party::Named(name) => ("Named(", name),
        };
        w.out.push_str(variant);
        w.quoted(text);
        w.out.push(')');
    }
    fn read_value(value: Value<'_>) -> Option<Self> {
        match value {
            Value::Call("Mention", inner) => {
                Some(Party::Mention(AnnotationId(String::read_value(*inner)?)))
            }
            Value::Call("Named", inner) => Some(Party::Named(String::read_value(*inner)?)),
            _ => None,
        }
    }
}

impl<T: RonValue> RonValue for Option<T> {
    fn write_value(&self, w: &mut Writer, depth: usize) {
        match self {
            Some(value) => {
                w.out.push_str("Some(");
                value.write_value(w, depth);
                w.out.push(')');
            }
            None => w.out.push_str("None"),
        }
    }
    fn read_value(value: Value<'_>) -> Option<Self> {
        match value {
            Value::Call("Some", inner) => Some(Some(T::read_value(*inner)?)),
            Value::Ident("None") => Some(None),
            _ => None,
        }
    }
    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

impl<T: RonValue> RonValue for Vec<T> {
    fn write_value(&self, w: &mut Writer, depth: usize) {
        if self.is_empty() {
            w.out.push_str("[]");
            return;
        }
        w.out.push_str("[\n");
        for item in self {
            w.indent(depth + 1);
            item.write_value(w, depth + 1);
            w.out.push_str(",\n");
        }
        w.indent(depth);
        w.out.push(']');
    }
    fn read_value(value: Value<'_>) -> Option<Self> {
        match value {
            Value::List(items) => items.into_iter().map(T::read_value).collect(),
            _ => None,
        }
    }
    fn is_absent(&self) -> bool {
        self.is_empty()
    }
}

/// `RonValue` for an enum of unit variants, written as the variant's name (as serde names it).
macro_rules! unit_variants {
    ($type:ty { $($variant:ident),* $(,)? }) => {
        impl RonValue for $type {
            fn write_value(&self, w: &mut Writer, _: usize) {
                w.out.push_str(match self {
                    $(<$type>::$variant => stringify!($variant),)*
                });
            }
            fn read_value(value: Value<'_>) -> Option<Self> {
                match value {
                    $(Value::Ident(stringify!($variant)) => Some(<$type>::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

unit_variants!(Kind {
    Quote,
    Claim,
    Entity
});
unit_variants!(QuoteMode {
    Direct,
    Indirect,
    Mixed
});
unit_variants!(CheckWorthiness {
    NonFactual,
    UnimportantFactual,
    CheckWorthy
});

/// Declares a sidecar record once: its fields, in the order they are written, each `required`
/// (always written, must be there), `optional` (left out when absent, see
/// [`RonValue::is_absent`]) or `defaulted("f", f)` (always written; `f()` when an older file
/// lacks it). From the one list follow the struct with its serde attributes (what `ron` reads
/// and writes), the fast writer and the fast reader, so they cannot disagree.
macro_rules! record {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $(
                $(#[doc = $doc:literal])*
                $presence:ident $(($default_name:literal, $default:path))? $field:ident : $type:ty,
            )*
        }
    ) => {
        record!(@struct [$(#[$meta])*] $name []
            $($(#[doc = $doc])* $presence $(($default_name, $default))? $field : $type,)*);

        impl $crate::store::sidecar::ron_text::RonValue for $name {
            fn write_value(&self, w: &mut $crate::store::sidecar::ron_text::Writer, depth: usize) {
                w.out.push_str("(\n");
                $(record!(@write self, w, depth + 1, $presence, $field);)*
                w.indent(depth);
                w.out.push(')');
            }

            fn read_value(value: $crate::store::sidecar::ron_text::Value<'_>) -> Option<Self> {
                let $crate::store::sidecar::ron_text::Value::Struct(fields) = value else {
                    return None;
                };
                $(let mut $field: Option<$type> = None;)*
                for (name, value) in fields {
                    match name {
                        $(stringify!($field) => {
                            $field = Some(
                                <$type as $crate::store::sidecar::ron_text::RonValue>::read_value(value)?,
                            );
                        })*
                        _ => return None,
                    }
                }
                Some(Self {
                    $($field: record!(@missing $field, $presence $(($default_name, $default))?),)*
                })
            }
        }
    };

    // The struct, its fields gathered one by one with the serde attributes their presence asks.
    (@struct [$($meta:tt)*] $name:ident [$($done:tt)*]) => {
        $($meta)*
        #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct $name { $($done)* }
    };
    (@struct $meta:tt $name:ident [$($done:tt)*]
        $(#[doc = $doc:literal])* required $field:ident : $type:ty, $($rest:tt)*) => {
        record!(@struct $meta $name [$($done)* $(#[doc = $doc])* pub $field: $type,] $($rest)*);
    };
    (@struct $meta:tt $name:ident [$($done:tt)*]
        $(#[doc = $doc:literal])* optional $field:ident : $type:ty, $($rest:tt)*) => {
        record!(@struct $meta $name [$($done)*
            $(#[doc = $doc])*
            #[serde(default, skip_serializing_if = "crate::store::sidecar::ron_text::RonValue::is_absent")]
            pub $field: $type,] $($rest)*);
    };
    (@struct $meta:tt $name:ident [$($done:tt)*]
        $(#[doc = $doc:literal])* defaulted($default_name:literal, $default:path)
        $field:ident : $type:ty, $($rest:tt)*) => {
        record!(@struct $meta $name [$($done)*
            $(#[doc = $doc])*
            #[serde(default = $default_name)]
            pub $field: $type,] $($rest)*);
    };

    (@write $self:ident, $w:ident, $depth:expr, optional, $field:ident) => {
        if !$crate::store::sidecar::ron_text::RonValue::is_absent(&$self.$field) {
            $w.field($depth, stringify!($field), &$self.$field);
        }
    };
    (@write $self:ident, $w:ident, $depth:expr, $presence:ident, $field:ident) => {
        $w.field($depth, stringify!($field), &$self.$field);
    };

    (@missing $field:ident, required) => { $field? };
    (@missing $field:ident, optional) => { $field.unwrap_or_default() };
    (@missing $field:ident, defaulted($default_name:literal, $default:path)) => {
        $field.unwrap_or_else($default)
    };
}

pub(crate) use record;

/// Reads the RON subset; see [`Value`].
pub struct Parser<'a> {
    /// The whole text.
    pub text: &'a str,
    /// Where reading is, in bytes.
    pub at: usize,
    /// How deep in nested values.
    pub depth: usize,
}

impl<'a> Parser<'a> {
    /// A parser at the start of `text`, `depth` values deep already.
    pub fn new(text: &'a str, depth: usize) -> Self {
        Self { text, at: 0, depth }
    }

    /// Moves past white space.
    pub fn skip_space(&mut self) {
        let rest = &self.text.as_bytes()[self.at..];
        self.at += rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
    }

    /// The next byte, if any.
    pub fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    /// Moves past `byte` (after white space), or gives `None`.
    pub fn eat(&mut self, byte: u8) -> Option<()> {
        self.skip_space();
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// Moves past a `,` if there is one.
    pub fn skip_comma(&mut self) {
        self.skip_space();
        if self.peek() == Some(b',') {
            self.at += 1;
        }
    }

    /// True, having moved past it, when `byte` (after white space) comes next.
    pub fn closes(&mut self, byte: u8) -> Option<bool> {
        self.skip_space();
        let closes = self.peek()? == byte;
        if closes {
            self.at += 1;
        }
        Some(closes)
    }

    /// An identifier: a field name or a variant.
    pub fn ident(&mut self) -> Option<&'a str> {
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

    /// `name:` of a struct field.
    pub fn field_name(&mut self) -> Option<&'a str> {
        let name = self.ident()?;
        self.eat(b':')?;
        Some(name)
    }

    /// The next value.
    pub fn value(&mut self) -> Option<Value<'a>> {
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
        while !self.closes(b')')? {
            let name = self.field_name()?;
            fields.push((name, self.value()?));
            self.skip_comma();
        }
        Some(Value::Struct(fields))
    }

    fn list(&mut self) -> Option<Value<'a>> {
        self.eat(b'[')?;
        let mut items = Vec::new();
        while !self.closes(b']')? {
            items.push(self.value()?);
            self.skip_comma();
        }
        Some(Value::List(items))
    }
}
