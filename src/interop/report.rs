//! The "who said what" report: the article's headline, then per speaker or claimant their
//! quotes (with mode and cue) and claims (check-worthiness, verdict, source, note), and the
//! claims to check. A self-contained HTML page a fact-checker can send to an editor, or
//! Markdown for a newsroom wiki. Both are made from one [`Report`], so they say the same.

use crate::analysis::people::{self, Person};
use crate::model::annotation::in_quotation_marks;
use crate::model::{Annotation, AnnotationSet, Attributes, CheckWorthiness, Document, Kind};

/// Which report file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReportStyle {
    /// One HTML page with its style inside.
    Html,
    /// Markdown.
    Markdown,
}

/// A quote or claim as the report states it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    /// Quote or claim.
    pub kind: Kind,
    /// What is said, in one pair of quotation marks (pieces joined by “…”).
    pub text: String,
    /// Mode, cue, grade, verdict: short facts after the text.
    pub facts: Vec<String>,
    /// Where the verdict or evidence is published (only http and https addresses).
    pub source_url: Option<String>,
    /// The annotator's note.
    pub note: Option<String>,
}

/// Someone and what they said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// Their name, or "Not attributed".
    pub name: String,
    /// Their quotes, in text order.
    pub quotes: Vec<Statement>,
    /// Their claims, in text order.
    pub claims: Vec<Statement>,
}

/// What the report says, whatever its file format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// The article's first line.
    pub headline: String,
    /// The article's file name.
    pub file_name: String,
    /// Everyone who says something, in the order they first do.
    pub speakers: Vec<Speaker>,
    /// The check-worthy claims, in text order, with who makes them.
    pub to_check: Vec<(String, Statement)>,
}

/// Name under which statements credited to nobody are listed.
pub const NOT_ATTRIBUTED: &str = "Not attributed";

impl Report {
    /// The report of `set` over `document`.
    pub fn of(document: &Document, set: &AnnotationSet) -> Self {
        let headline = document
            .paragraphs()
            .iter()
            .map(|p| document.text().slice(p.span).trim())
            .find(|line| !line.is_empty())
            .unwrap_or_default()
            .to_owned();
        let everyone = people::people(set);
        let name = |person: &Person<'_>| {
            person
                .name
                .clone()
                .unwrap_or_else(|| NOT_ATTRIBUTED.to_owned())
        };
        let mut to_check: Vec<(usize, String, Statement)> = everyone
            .iter()
            .flat_map(|person| {
                checkworthy(person)
                    .map(move |claim| (claim.span.start.0, name(person), statement(claim)))
            })
            .collect();
        to_check.sort_by_key(|(start, _, _)| *start);
        Self {
            headline,
            file_name: document.file_name(),
            speakers: everyone.iter().map(|p| speaker(name(p), p)).collect(),
            to_check: to_check.into_iter().map(|(_, who, s)| (who, s)).collect(),
        }
    }

    /// How many quotes and claims.
    fn counts(&self) -> (usize, usize) {
        self.speakers
            .iter()
            .fold((0, 0), |(q, c), s| (q + s.quotes.len(), c + s.claims.len()))
    }

    /// One line saying what the report holds.
    pub fn summary(&self) -> String {
        let (quotes, claims) = self.counts();
        let people = self
            .speakers
            .iter()
            .filter(|s| s.name != NOT_ATTRIBUTED)
            .count();
        format!(
            "{quotes} quote(s) and {claims} claim(s) by {people} speaker(s); {} claim(s) to check.",
            self.to_check.len()
        )
    }

    /// The report as the file `style` asks for.
    pub fn render(&self, style: ReportStyle) -> String {
        match style {
            ReportStyle::Html => self.html(),
            ReportStyle::Markdown => self.markdown(),
        }
    }
}

/// The claims of `person` graded check-worthy.
fn checkworthy<'a>(person: &'a Person<'a>) -> impl Iterator<Item = &'a Annotation> {
    person.statements.iter().copied().filter(|a| {
        matches!(&a.attributes, Attributes::Claim(c)
            if c.check_worthiness == Some(CheckWorthiness::CheckWorthy))
    })
}

fn speaker(name: String, person: &Person<'_>) -> Speaker {
    let of = |kind: Kind| {
        person
            .statements
            .iter()
            .filter(|a| a.kind() == kind)
            .map(|a| statement(a))
            .collect()
    };
    Speaker {
        name,
        quotes: of(Kind::Quote),
        claims: of(Kind::Claim),
    }
}

fn statement(annotation: &Annotation) -> Statement {
    let mut facts = Vec::new();
    let mut source_url = None;
    match &annotation.attributes {
        Attributes::Quote(quote) => {
            if let Some(mode) = quote.mode {
                facts.push(mode.label().to_owned());
            }
            if let Some(cue) = &quote.cue {
                facts.push(format!("cue “{}”", cue.text.trim()));
            }
        }
        Attributes::Claim(claim) => {
            facts.push(
                claim
                    .check_worthiness
                    .map_or("not graded", CheckWorthiness::label)
                    .to_owned(),
            );
            facts.push(match &claim.verdict {
                Some(verdict) => format!("verdict: {verdict}"),
                None => "no verdict yet".to_owned(),
            });
            source_url = claim
                .source_url
                .clone()
                .filter(|u| u.starts_with("https://") || u.starts_with("http://"));
        }
        Attributes::Entity(_) => {}
    }
    Statement {
        kind: annotation.kind(),
        text: in_quotation_marks(&annotation.full_text()),
        facts,
        source_url,
        note: annotation.note.clone().filter(|n| !n.trim().is_empty()),
    }
}

/// `text` with HTML's special characters escaped.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `text` with Markdown's special characters escaped, on one line.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\n' || c == '\r' {
            out.push(' ');
            continue;
        }
        if "\\`*_{}[]<>()#+-!|~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The style of the HTML page: plain, printable, readable on a phone.
const STYLE: &str = "body{font-family:Georgia,serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5}\
header p{font-family:sans-serif;font-size:.9rem;opacity:.75}\
h2{font-family:sans-serif;border-bottom:1px solid currentColor;padding-bottom:.2rem;margin-top:2rem}\
h3{font-family:sans-serif;font-size:1rem;opacity:.8}\
blockquote{margin:.2rem 0;padding-left:.8rem;border-left:3px solid currentColor}\
.facts,.note{font-family:sans-serif;font-size:.85rem;opacity:.8;margin:.1rem 0 .8rem}\
footer{font-family:sans-serif;font-size:.8rem;opacity:.6;margin-top:3rem}";

impl Report {
    fn html(&self) -> String {
        let mut page = String::new();
        let headline = escape_html(&self.headline);
        page.push_str(&format!(
            "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>Who said what: {headline}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
             <header>\n<p>Who said what · {}</p>\n<h1>{headline}</h1>\n<p>{}</p>\n</header>\n",
            escape_html(&self.file_name),
            escape_html(&self.summary())
        ));
        if !self.to_check.is_empty() {
            page.push_str("<section class=\"to-check\">\n<h2>Claims to check</h2>\n<ol>\n");
            for (who, claim) in &self.to_check {
                page.push_str(&format!(
                    "<li><q>{}</q> — {}{}</li>\n",
                    escape_html(unquoted(&claim.text)),
                    escape_html(who),
                    html_source(claim)
                ));
            }
            page.push_str("</ol>\n</section>\n");
        }
        for (index, speaker) in self.speakers.iter().enumerate() {
            page.push_str(&format!(
                "<section class=\"speaker\" id=\"speaker-{}\">\n<h2>{}</h2>\n",
                index + 1,
                escape_html(&speaker.name)
            ));
            html_statements(&mut page, "Quotes", "quote", &speaker.quotes);
            html_statements(&mut page, "Claims", "claim", &speaker.claims);
            page.push_str("</section>\n");
        }
        page.push_str(&format!(
            "<footer>Made with Marginalia from {}.</footer>\n</body>\n</html>\n",
            escape_html(&self.file_name)
        ));
        page
    }

    fn markdown(&self) -> String {
        let mut text = String::new();
        text.push_str(&format!(
            "# {}\n\n*Who said what · {} · {}*\n",
            escape_markdown(&self.headline),
            escape_markdown(&self.file_name),
            escape_markdown(&self.summary())
        ));
        if !self.to_check.is_empty() {
            text.push_str("\n## Claims to check\n\n");
            for (index, (who, claim)) in self.to_check.iter().enumerate() {
                text.push_str(&format!(
                    "{}. {} — {}{}\n",
                    index + 1,
                    escape_markdown(&claim.text),
                    escape_markdown(who),
                    markdown_source(claim)
                ));
            }
        }
        for speaker in &self.speakers {
            text.push_str(&format!("\n## {}\n", escape_markdown(&speaker.name)));
            markdown_statements(&mut text, "Quotes", &speaker.quotes);
            markdown_statements(&mut text, "Claims", &speaker.claims);
        }
        text
    }
}

/// The text inside its quotation marks (HTML's `<q>` adds its own).
fn unquoted(text: &str) -> &str {
    text.strip_prefix('“')
        .and_then(|t| t.strip_suffix('”'))
        .unwrap_or(text)
}

fn html_source(statement: &Statement) -> String {
    statement
        .source_url
        .as_ref()
        .map_or_else(String::new, |url| {
            format!(" · <a href=\"{}\">source</a>", escape_html(url))
        })
}

fn markdown_source(statement: &Statement) -> String {
    statement
        .source_url
        .as_ref()
        .map_or_else(String::new, |url| {
            format!(" · [source](<{}>)", url.replace(['<', '>', ' '], ""))
        })
}

fn html_statements(page: &mut String, heading: &str, class: &str, statements: &[Statement]) {
    if statements.is_empty() {
        return;
    }
    page.push_str(&format!("<h3>{heading}</h3>\n<ul>\n"));
    for statement in statements {
        page.push_str(&format!(
            "<li class=\"{class}\"><blockquote>{}</blockquote>\n",
            escape_html(&statement.text)
        ));
        if !statement.facts.is_empty() || statement.source_url.is_some() {
            page.push_str(&format!(
                "<p class=\"facts\">{}{}</p>\n",
                escape_html(&statement.facts.join(" · ")),
                html_source(statement)
            ));
        }
        if let Some(note) = &statement.note {
            page.push_str(&format!(
                "<p class=\"note\">Note: {}</p>\n",
                escape_html(note)
            ));
        }
        page.push_str("</li>\n");
    }
    page.push_str("</ul>\n");
}

fn markdown_statements(text: &mut String, heading: &str, statements: &[Statement]) {
    if statements.is_empty() {
        return;
    }
    text.push_str(&format!("\n### {heading}\n\n"));
    for statement in statements {
        let facts = if statement.facts.is_empty() {
            String::new()
        } else {
            format!(" — {}", escape_markdown(&statement.facts.join("; ")))
        };
        text.push_str(&format!(
            "- {}{facts}{}\n",
            escape_markdown(&statement.text),
            markdown_source(statement)
        ));
        if let Some(note) = &statement.note {
            text.push_str(&format!("  Note: {}\n", escape_markdown(note)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnnotationId, CharSpan, Edit, Party};

    #[test]
    fn special_characters_are_escaped_for_each_format() {
        let cases = [
            (
                "a < b & \"c\"",
                "a &lt; b &amp; &quot;c&quot;",
                "a \\< b & \"c\"",
            ),
            (
                "*bold* [link](x)",
                "*bold* [link](x)",
                "\\*bold\\* \\[link\\]\\(x\\)",
            ),
            ("line\nbreak", "line\nbreak", "line break"),
            ("# not a heading", "# not a heading", "\\# not a heading"),
        ];
        for (text, html, markdown) in cases {
            assert_eq!(escape_html(text), html, "{text}");
            assert_eq!(escape_markdown(text), markdown, "{text}");
        }
    }

    #[test]
    fn claims_to_check_come_in_text_order_with_their_claimant_and_only_safe_links() {
        let text =
            "Port vote\n\nThe mayor said taxes fell. Critics said jobs rose. Nobody said more.";
        let document = Document::from_text("a.txt".into(), text.to_owned());
        let span = |needle: &str| {
            let start = text[..text.find(needle).unwrap()].chars().count();
            CharSpan::new(start, start + needle.chars().count()).unwrap()
        };
        let mut set = AnnotationSet::new();
        for (id, needle, who, url) in [
            ("C1", "taxes fell", "the mayor", "javascript:alert(1)"),
            ("C2", "jobs rose", "critics", "https://example.org/check"),
        ] {
            let mut claim = Annotation::new(
                AnnotationId(id.into()),
                Kind::Claim,
                span(needle),
                &document,
            );
            if let Attributes::Claim(c) = &mut claim.attributes {
                c.claimant = Some(Party::Named(who.into()));
                c.check_worthiness = Some(CheckWorthiness::CheckWorthy);
                c.source_url = Some(url.into());
            }
            set.apply(
                Edit::Insert(claim, crate::model::Placement::Anchored),
                &document,
            )
            .unwrap();
        }
        let report = Report::of(&document, &set);
        assert_eq!(report.headline, "Port vote");
        let to_check: Vec<(&str, &str)> = report
            .to_check
            .iter()
            .map(|(who, s)| (who.as_str(), s.text.as_str()))
            .collect();
        assert_eq!(
            to_check,
            [("the mayor", "“taxes fell”"), ("critics", "“jobs rose”")]
        );
        let page = report.render(ReportStyle::Html);
        assert!(!page.contains("javascript:"), "only http and https links");
        assert!(page.contains("href=\"https://example.org/check\""));
        assert_eq!(
            report.summary(),
            "0 quote(s) and 2 claim(s) by 2 speaker(s); 2 claim(s) to check."
        );
    }
}
