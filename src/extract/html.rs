//! The main text of a saved web page: headline, paragraphs, subheadings, list items and block
//! quotes, without navigation, scripts, styles, menus, forms, share buttons and, where their
//! markup says so, comment sections. Parsed with html5ever (through `scraper`), a spec-compliant
//! HTML parser; nothing is ever fetched.
//!
//! The result is deterministic for a given page and [`EXTRACTOR_VERSION`]: blocks are separated
//! by a blank line (`\n\n`), white space inside a block is collapsed to single spaces, and `<br>`
//! becomes a line break.

use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node};
use std::collections::HashMap;

/// Changes whenever a change to the extraction could change the text of some page, so that a
/// sidecar can tell that its page would now be read differently.
pub const EXTRACTOR_VERSION: u32 = 1;

/// Elements whose content is never article text.
const SKIPPED_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "aside",
    "footer",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "label",
    "iframe",
    "svg",
    "canvas",
    "menu",
    "dialog",
    "head",
    "object",
    "embed",
    "video",
    "audio",
    "map",
    "figure",
    "figcaption",
    "picture",
];

/// Elements that start a block of their own.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Words in a class, id or role that mark page furniture rather than the article.
const BOILERPLATE_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "menus",
    "share",
    "sharing",
    "shares",
    "social",
    "comment",
    "comments",
    "commentlist",
    "respond",
    "reply",
    "replies",
    "footer",
    "sidebar",
    "widget",
    "widgets",
    "related",
    "newsletter",
    "cookie",
    "cookies",
    "banner",
    "breadcrumb",
    "breadcrumbs",
    "advert",
    "advertisement",
    "ads",
    "ad",
    "promo",
    "subscribe",
    "subscription",
    "login",
    "signup",
    "search",
    "skip",
    "pagination",
    "pager",
    "popup",
    "modal",
    "toolbar",
    "language",
    "languages",
    "lang",
    "translations",
    "masthead",
    "disqus",
    "tags",
    "tagcloud",
    "categories",
    "donate",
    "donation",
    "byline-share",
];

/// Extracts the article text of a web page.
pub fn extract(html: &str) -> String {
    let page = Html::parse_document(html);
    let root = page.root_element();
    let body = main_container(root).unwrap_or(root);
    // An <article> around the body is the article: its header and lead before the body belong
    // to it (what follows the body is author boxes and further reading).
    let container = body
        .ancestors()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "article")
        .unwrap_or(body);
    let mut blocks = Blocks {
        last: Some(body.id()),
        ..Blocks::default()
    };
    let headline = headline(root);
    if let Some(headline) = headline
        && !container
            .descendent_elements()
            .any(|e| e.id() == headline.id())
    {
        blocks.push_text(&collapse(&headline.text().collect::<String>()), 0);
    }
    for title in title_blocks(container) {
        read_node(*title, &mut blocks, false);
    }
    walk(container, &mut blocks);
    blocks.finish()
}

/// The article's headline: the heading whose text the page's title (`<title>` or
/// `og:title`) contains, else the first `<h1>` with text.
fn headline<'a>(root: ElementRef<'a>) -> Option<ElementRef<'a>> {
    let mut titles: Vec<String> = Vec::new();
    for element in root.descendent_elements() {
        let value = element.value();
        match value.name() {
            "title" => titles.push(collapse(&element.text().collect::<String>())),
            "meta" if value.attr("property") == Some("og:title") => {
                titles.extend(value.attr("content").map(collapse));
            }
            _ => {}
        }
    }
    let headings: Vec<ElementRef<'a>> = root
        .descendent_elements()
        .filter(|e| matches!(e.value().name(), "h1" | "h2" | "h3"))
        .filter(|e| !inside_boilerplate(*e, root))
        .collect();
    let text_of = |e: &ElementRef<'_>| collapse(&e.text().collect::<String>());
    headings
        .iter()
        .find(|h| {
            let text = text_of(h);
            text.chars().count() >= 8 && titles.iter().any(|t| t.contains(&text))
        })
        .or_else(|| {
            headings
                .iter()
                .find(|h| h.value().name() == "h1" && !text_of(h).is_empty())
        })
        .copied()
}

/// Short blocks just before the container that hold a heading: the title block of pages that
/// put the headline and standfirst beside the body rather than around it.
fn title_blocks(container: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    let mut found: Vec<ElementRef<'_>> = container
        .prev_siblings()
        .filter_map(ElementRef::wrap)
        .take_while(|e| !is_boilerplate(*e))
        .take(3)
        .filter(|e| {
            let heading = e
                .descendent_elements()
                .any(|d| matches!(d.value().name(), "h1" | "h2" | "h3"));
            heading && e.text().map(|t| t.chars().count()).sum::<usize>() < 600
        })
        .collect();
    found.reverse();
    found
}

/// The element that holds the article body: the one whose paragraphs (children count fully,
/// grandchildren half, as in Readability) hold the most text outside page furniture.
fn main_container(root: ElementRef<'_>) -> Option<ElementRef<'_>> {
    let mut scores: HashMap<ego_tree::NodeId, usize> = HashMap::new();
    for paragraph in root
        .descendent_elements()
        .filter(|e| matches!(e.value().name(), "p" | "blockquote" | "pre"))
        .filter(|e| !inside_boilerplate(*e, root))
    {
        let length = paragraph
            .text()
            .map(|t| t.trim().chars().count())
            .sum::<usize>();
        let mut ancestors = paragraph.ancestors().filter_map(ElementRef::wrap);
        if let Some(parent) = ancestors.next() {
            *scores.entry(parent.id()).or_default() += 2 * length;
        }
        if let Some(grandparent) = ancestors.next() {
            *scores.entry(grandparent.id()).or_default() += length;
        }
    }
    let (&best, _) = scores
        .iter()
        .max_by_key(|(id, score)| (**score, std::cmp::Reverse(**id)))?;
    root.descendent_elements().find(|e| e.id() == best)
}

/// True when `element` or an ancestor below `top` is furniture: a skipped tag, or a class, id
/// or role that says navigation, comments, sharing and the like.
fn inside_boilerplate(element: ElementRef<'_>, top: ElementRef<'_>) -> bool {
    std::iter::once(element)
        .chain(element.ancestors().filter_map(ElementRef::wrap))
        .take_while(|e| e.id() != top.id())
        .any(is_boilerplate)
}

fn is_boilerplate(element: ElementRef<'_>) -> bool {
    let value = element.value();
    let name = value.name();
    if SKIPPED_TAGS.contains(&name) {
        return true;
    }
    if matches!(name, "html" | "body" | "main" | "article") {
        return false;
    }
    if value.attr("hidden").is_some() || value.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(role) = value.attr("role")
        && matches!(
            role,
            "navigation"
                | "banner"
                | "contentinfo"
                | "complementary"
                | "search"
                | "menu"
                | "menubar"
        )
    {
        return true;
    }
    let names = value.classes().chain(value.id());
    names.into_iter().any(|name| {
        name.to_ascii_lowercase()
            .split(['-', '_'])
            .any(|word| BOILERPLATE_WORDS.contains(&word))
    })
}

/// The blocks of text found so far, and the inline text of the block being read.
#[derive(Default)]
struct Blocks {
    done: Vec<String>,
    current: String,
    /// Chars of the current block inside links.
    linked: usize,
    /// True when the current block is a heading or a paragraph, whose links are prose.
    prose: bool,
    /// The last element to read: reading stops after it.
    last: Option<ego_tree::NodeId>,
    /// True once the last element was read.
    stopped: bool,
}

impl Blocks {
    /// Adds inline text to the current block; `in_link` says whether it is link text.
    fn push_inline(&mut self, text: &str, in_link: bool) {
        if in_link {
            self.linked += text.chars().filter(|c| !c.is_whitespace()).count();
        }
        self.current.push_str(text);
    }

    /// Ends the current block: kept unless it is empty or, outside headings and paragraphs,
    /// mostly a short run of links (a menu or a row of share buttons that slipped through).
    fn end_block(&mut self) {
        let text = collapse(&self.current);
        let visible = text.chars().filter(|c| !c.is_whitespace()).count();
        let link_heavy = !self.prose && visible < 200 && self.linked * 2 > visible;
        self.prose = false;
        if !text.is_empty() && !link_heavy {
            self.done.push(text);
        }
        self.current.clear();
        self.linked = 0;
    }

    fn push_text(&mut self, text: &str, linked: usize) {
        self.end_block();
        self.current.push_str(text);
        self.linked = linked;
        self.end_block();
    }

    fn finish(mut self) -> String {
        self.end_block();
        let mut text = self.done.join("\n\n");
        if !text.is_empty() {
            text.push('\n');
        }
        text
    }
}

/// Reads the blocks under `element` in document order.
fn walk(element: ElementRef<'_>, blocks: &mut Blocks) {
    for child in element.children() {
        read_node(child, blocks, false);
    }
}

fn read_node(node: NodeRef<'_, Node>, blocks: &mut Blocks, in_link: bool) {
    if blocks.stopped {
        return;
    }
    if blocks.last == Some(node.id()) {
        blocks.last = None;
        read_node(node, blocks, in_link);
        blocks.stopped = true;
        return;
    }
    match node.value() {
        Node::Text(text) => blocks.push_inline(text, in_link),
        Node::Element(_) => {
            let Some(element) = ElementRef::wrap(node) else {
                return;
            };
            if is_boilerplate(element) {
                return;
            }
            let name = element.value().name();
            match name {
                "br" => blocks.current.push(LINE_BREAK),
                "img" => {}
                _ if BLOCK_TAGS.contains(&name) => {
                    blocks.end_block();
                    blocks.prose = matches!(name, "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
                    for child in element.children() {
                        read_node(child, blocks, in_link);
                    }
                    blocks.end_block();
                }
                _ => {
                    let in_link = in_link || name == "a";
                    for child in element.children() {
                        read_node(child, blocks, in_link);
                    }
                }
            }
        }
        _ => {}
    }
}

/// Stands for `<br>` until white space is collapsed.
const LINE_BREAK: char = '\u{2028}';

/// Collapses runs of white space to one space, trims, and turns `<br>` marks into line breaks.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c == LINE_BREAK {
            while out.ends_with(' ') {
                out.pop();
            }
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
            space = false;
        } else if c.is_whitespace() && c != '\u{00A0}' {
            space = !out.is_empty() && !out.ends_with('\n');
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    while out.ends_with('\n') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r##"<!DOCTYPE html>
<html><head><title>Ignored title</title><style>p { color: red }</style>
<script>var tracking = "Do not show this";</script></head>
<body class="single has-sidebar">
<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/it">Italiano</a></li></ul></nav></header>
<h1>Harbour wall approved</h1>
<div class="content"><article>
<p>The council of Port Elvane voted <em>19 to 4</em> on Thursday.</p>
<div class="share-buttons"><a href="#">Share on Mastodon</a></div>
<h2>Reactions</h2>
<blockquote><p>“We will not wait,” said Amélie 👷🏽‍♀️.</p></blockquote>
<p>Line one<br>line two   with   spaces.</p>
<ul><li>First point</li><li>Second point</li></ul>
<p>中文句子。قال الوزير.</p>
</article>
<section id="comments" class="comments-area"><p>Great article, thanks!</p></section>
<form><label>Name (required)</label><input></form>
</div>
<footer><p>Copyright notice</p></footer>
</body></html>"##;

    #[test]
    fn keeps_the_article_and_drops_the_page_around_it() {
        let text = extract(PAGE);
        assert_eq!(
            text,
            "Harbour wall approved\n\n\
             The council of Port Elvane voted 19 to 4 on Thursday.\n\n\
             Reactions\n\n\
             “We will not wait,” said Amélie 👷🏽‍♀️.\n\n\
             Line one\nline two with spaces.\n\n\
             First point\n\nSecond point\n\n\
             中文句子。قال الوزير.\n"
        );
    }

    #[test]
    fn extraction_is_deterministic_and_empty_pages_give_empty_text() {
        assert_eq!(extract(PAGE), extract(PAGE));
        assert_eq!(extract("<html><body><nav>Menu</nav></body></html>"), "");
        assert_eq!(extract(""), "");
    }

    #[test]
    fn broken_markup_is_read_as_browsers_read_it() {
        let text = extract("<p>Unclosed <b>bold <p>Next paragraph &amp; more");
        assert_eq!(text, "Unclosed bold\n\nNext paragraph & more\n");
    }
}
