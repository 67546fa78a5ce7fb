//! HTML pages in: the article's text, its metadata and its embedded posts.
//!
//! [`article_from_html`] finds the article in a page with `dom_smoothie` (a port of Mozilla's
//! Readability), then writes the article's text itself, so that the text is exactly what the
//! extractor reads and what every row's offsets index:
//!
//! - each block (`p`, `li`, `h1`–`h6`, `blockquote`, `div`, …) is a paragraph, separated by a
//!   blank line; `<br>` ends a line; whitespace inside a paragraph is one space; entities are
//!   decoded;
//! - the title is the first paragraph (plain-text scrapes start with it too);
//! - `<q>` gets quotation marks (“…”, ‘…’ inside another), so the quote finder sees it; a
//!   `<blockquote>` without marks of its own gets them (each paragraph opening with “ and the
//!   last closing with ”, as a quotation over several paragraphs is written) only when it reads
//!   like a quotation: a `cite`, a `<cite>` or `<footer>`, a signature line ("— Name"), or a
//!   paragraph before it that ends with a colon or names a speech cue. A summary box, pull
//!   quote or review excerpt stays plain text;
//! - page furniture inside the article is left out ([`crate::page::web`]): `<figcaption>`,
//!   `<figure>` but its blockquotes, parts that class, id, itemprop, role or aria-label words
//!   mark as captions, bylines, dates, teasers, share buttons, hover cards (their link stays),
//!   screen-reader text or ads, and date, byline, credit and furniture lines by their shape;
//! - an embedded post (`<blockquote class="twitter-tweet">`) is its text as one paragraph and
//!   its attribution line ("— Name (@handle) date") as the next; it is listed in
//!   [`Article::posts`] with spans into the text. Readability sometimes drops embeds: a post
//!   it dropped comes back after the paragraph it followed on the page, and one that followed
//!   no paragraph of the article is left out as page furniture.
//!
//! Title, byline, site name and publication time come from the page's meta tags, JSON-LD and
//! Open Graph data; the URL from `<link rel="canonical">`, `og:url`, or the one given.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

use dom_query::{Document, NodeId, NodeRef};

use super::post::{self as posts, EmbeddedPost};

use crate::lexicon::{join_words, Grammar};
use crate::page::furniture::Furniture;
use crate::page::web::{Part, WebFurniture};
use crate::span::Span;

/// The word lists a web page is read with: the grammar's cue words (a paragraph that
/// introduces a blockquote), the page-furniture lines (`furniture.txt`) and the web-furniture
/// words (`web_furniture.txt`). A `--grammar` folder's copies replace the built-in ones.
#[derive(Debug, Clone, Copy)]
pub struct WebLists<'a> {
    /// The grammar, for the cue words of quotation lead-ins.
    pub grammar: &'a Grammar,
    /// The page-furniture patterns, for furniture lines ("Share", "Read more").
    pub furniture: &'a Furniture,
    /// The words that mark web-page furniture by markup or by shape.
    pub web: &'a WebFurniture,
}

impl WebLists<'static> {
    /// The built-in lists, loaded once.
    pub fn builtin() -> WebLists<'static> {
        static GRAMMAR: std::sync::OnceLock<Grammar> = std::sync::OnceLock::new();
        static FURNITURE: std::sync::OnceLock<Furniture> = std::sync::OnceLock::new();
        WebLists {
            grammar: GRAMMAR.get_or_init(Grammar::builtin),
            furniture: FURNITURE.get_or_init(Furniture::builtin),
            web: WebFurniture::builtin(),
        }
    }
}

/// A page that gave no article text.
#[derive(Debug, thiserror::Error)]
pub enum HtmlError {
    /// Neither the article finder nor the whole page body held any text.
    #[error("the page holds no text")]
    NoText,
}

/// An article read from an HTML page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    /// The article's text: paragraphs separated by blank lines. Rows' offsets index it.
    pub text: String,
    /// The headline.
    pub title: Option<String>,
    /// The author line ("Anna Whitfield").
    pub byline: Option<String>,
    /// The publisher's name (`og:site_name`, JSON-LD publisher): the `article_outlet` column.
    pub site_name: Option<String>,
    /// The publication time as the page writes it (ISO 8601 as a rule): `article_date`.
    pub published: Option<String>,
    /// The canonical URL, else the one given: `article_url`.
    pub url: Option<String>,
    /// Embedded social-media posts, addressed by spans into `text`.
    pub posts: Vec<EmbeddedPost>,
}

/// Does this content start like an HTML document (after a BOM, blank space and comments)?
pub(crate) fn looks_like_html(content: &[u8]) -> bool {
    // Every start below begins with '<': text whose first visible character is another ASCII
    // one is no page (most corpus records), and needs no decoding to tell.
    let first = content
        .iter()
        .find(|&&b| !(b.is_ascii_whitespace() || b == 0x0b));
    if first.is_some_and(|&b| b.is_ascii() && b != b'<') {
        return false;
    }
    let head = &content[..content.len().min(2048)];
    let head = String::from_utf8_lossy(head);
    let mut rest = head.trim_start_matches('\u{feff}').trim_start();
    // Skip an XML declaration and comments before the first tag.
    loop {
        if let Some(after) = rest.strip_prefix("<?") {
            match after.find("?>") {
                Some(end) => rest = after[end + 2..].trim_start(),
                None => return false,
            }
        } else if let Some(after) = rest.strip_prefix("<!--") {
            match after.find("-->") {
                Some(end) => rest = after[end + 3..].trim_start(),
                None => return false,
            }
        } else {
            break;
        }
    }
    let lower = rest
        .get(..rest.len().min(16))
        .unwrap_or("")
        .to_ascii_lowercase();
    const STARTS: [&str; 10] = [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<title",
        "<article",
        "<div",
        "<p>",
        "<link",
    ];
    STARTS.iter().any(|s| {
        lower.starts_with(s)
            && lower[s.len()..]
                .chars()
                .next()
                .is_none_or(|c| c.is_whitespace() || c == '>' || s.ends_with('>'))
    })
}

/// Whether `page` is an HTML report written by whosaid (`--format html`), which names
/// whosaid as its generator in its head: such a page is never read back as an article.
pub(crate) fn is_whosaid_report(page: &str) -> bool {
    let head_end = page.find("</head>").unwrap_or(page.len().min(4096));
    page.get(..head_end)
        .is_some_and(|head| head.contains(REPORT_GENERATOR))
}

/// The generator tag of whosaid's HTML report (`output::report` writes it).
pub(crate) const REPORT_GENERATOR: &str = "<meta name=\"generator\" content=\"whosaid\">";

/// Platforms whose embeds are blockquotes with this class.
const EMBEDS: [(&str, &str); 6] = [
    ("twitter-tweet", "Twitter"),
    ("twitter-video", "Twitter"),
    ("instagram-media", "Instagram"),
    ("tiktok-embed", "TikTok"),
    ("bluesky-embed", "Bluesky"),
    ("text-post-media", "Threads"),
];

/// The attribute that marks an embed after it has been read.
const POST_MARK: &str = "data-whosaid-post";

/// An embed read from the page, before it has a place in the text.
#[derive(Debug, Clone)]
struct Embed {
    text: String,
    attribution: String,
    author: String,
    platform: String,
    /// The text of the paragraph before it on the page, to put it back if Readability drops it.
    anchor: Option<String>,
}

/// Reads the article of an HTML page with the built-in word lists (see
/// [`article_from_html_with`]).
pub fn article_from_html(html: &str, url: Option<&str>) -> Result<Article, HtmlError> {
    article_from_html_with(html, url, WebLists::builtin())
}

/// Reads the article of an HTML page: its text, metadata and embedded posts; `lists` tell
/// furniture and quotation lead-ins.
///
/// `url` is where the page came from, if known; the page's canonical URL wins over it.
/// Never panics: malformed markup is read as browsers read it, and a page Readability cannot
/// make sense of is read whole (less navigation, headers, footers and forms).
pub fn article_from_html_with(
    html: &str,
    url: Option<&str>,
    lists: WebLists<'_>,
) -> Result<Article, HtmlError> {
    let document = Document::from(html);
    let embeds = take_embeds(&document, lists.web);
    carry_marks_to_lone_paragraphs(&document, lists.web);
    let canonical = canonical_url(&document).or_else(|| url.map(str::to_string));
    let fallback_title = document
        .select("title")
        .nodes()
        .first()
        .map(|n| join_words(&n.text()));
    let page_published = meta_published(&document);
    let body_blocks = || {
        let mut walker = Walker::new(&embeds, lists);
        if let Some(body) = document.body() {
            walker.skip_chrome = true;
            walker.walk(&body);
        }
        walker.finish()
    };

    let absolute = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let parsed = catch_unwind(AssertUnwindSafe(|| {
        // Classes are kept: they tell the furniture inside the article apart.
        let config = dom_smoothie::Config {
            keep_classes: true,
            ..dom_smoothie::Config::default()
        };
        let mut readability =
            dom_smoothie::Readability::with_document(document.clone(), absolute, Some(config))
                .ok()?;
        readability.parse().ok()
    }))
    .ok()
    .flatten();

    let (mut blocks, title, byline, site_name, published) = match parsed {
        Some(found) => {
            let fragment = Document::fragment(found.content.to_string());
            let mut walker = Walker::new(&embeds, lists);
            walker.walk(&fragment.root());
            let blocks = walker.finish();
            let blocks = if blocks.iter().any(|b| !b.text.is_empty()) {
                blocks
            } else {
                body_blocks()
            };
            (
                blocks,
                non_empty(join_words(&found.title)).or(fallback_title.clone().and_then(non_empty)),
                found.byline.map(|b| join_words(&b)).and_then(non_empty),
                found.site_name.map(|s| join_words(&s)).and_then(non_empty),
                found
                    .published_time
                    .map(|p| join_words(&p))
                    .and_then(non_empty)
                    .or(page_published),
            )
        }
        None => (
            body_blocks(),
            fallback_title.and_then(non_empty),
            None,
            None,
            page_published,
        ),
    };

    drop_furniture_lines(&mut blocks, lists);
    restore_dropped_posts(&mut blocks, &embeds);
    if let Some(title) = &title {
        let first = blocks.iter().find(|b| !b.text.is_empty());
        if first.is_none_or(|b| b.text != *title) {
            blocks.insert(0, Block::paragraph(title.clone()));
        }
    }
    let (text, posts) = join(&blocks, &embeds);
    if text.trim().is_empty() {
        return Err(HtmlError::NoText);
    }
    Ok(Article {
        text,
        title,
        byline,
        site_name,
        published,
        url: canonical,
        posts,
    })
}

/// Reads every embedded post, and replaces its markup by a plain marked blockquote that
/// Readability keeps as it keeps any quotation.
fn take_embeds(document: &Document, web: &WebFurniture) -> Vec<Embed> {
    let mut found = Vec::new();
    let mut anchor: Option<String> = None;
    for node in document.select("p, blockquote").nodes() {
        if node.node_name().as_deref() == Some("p") {
            if !node
                .ancestors_it(None)
                .any(|a| embed_platform(&a).is_some())
            {
                anchor = non_empty(join_words(&node.text()));
            }
            continue;
        }
        let Some(platform) = embed_platform(node) else {
            continue;
        };
        if let Some(mut embed) = read_embed(node, platform, web) {
            embed.anchor = anchor.clone();
            found.push((*node, embed));
        }
    }
    let mut embeds = Vec::with_capacity(found.len());
    for (index, (node, embed)) in found.into_iter().enumerate() {
        node.replace_with_html(format!(
            "<blockquote {POST_MARK}=\"{index}\"><p>{}</p></blockquote>",
            escape(&embed.text)
        ));
        embeds.push(embed);
    }
    embeds
}

/// The platform of an embed blockquote, if it is one.
fn embed_platform(node: &NodeRef) -> Option<&'static str> {
    if node.node_name().as_deref() != Some("blockquote") {
        return None;
    }
    EMBEDS
        .iter()
        .find(|(class, _)| node.has_class(class))
        .map(|(_, platform)| *platform)
}

/// The attributes whose words mark furniture.
const MARKING_ATTRIBUTES: [&str; 5] = ["class", "id", "itemprop", "role", "aria-label"];

/// Gives the lone paragraph of a `div` marked as furniture the div's marking words.
///
/// Readability replaces a `div` whose only child is a `<p>` by that `<p>` (and a chain of such
/// divs by the innermost), and the div's class goes with it: `<div class="newsletter"><p>Sign
/// up ...</p></div>` would reach the walker as a plain paragraph.
fn carry_marks_to_lone_paragraphs(document: &Document, web: &WebFurniture) {
    for node in document.select("div").nodes() {
        let Some(marks) = MARKING_ATTRIBUTES
            .iter()
            .filter_map(|name| node.attr(name))
            .find(|value| web.part_of(value).is_some())
        else {
            continue;
        };
        let mut lone = *node;
        while let Some(child) = lone_element_child(&lone) {
            lone = child;
            if lone.has_name("p") {
                lone.add_class(&marks);
                break;
            }
            if !lone.has_name("div") {
                break;
            }
        }
    }
}

/// The one element child of `node`, when it has no other element and no text of its own.
fn lone_element_child<'a>(node: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    let children = node.element_children();
    match children.as_slice() {
        [child] if !node.children_it(false).any(|n| n.is_nonempty_text()) => Some(*child),
        _ => None,
    }
}

/// The text, author and attribution line of an embed; None when it names no author.
fn read_embed(node: &NodeRef, platform: &str, web: &WebFurniture) -> Option<Embed> {
    let whole = join_words(&node.text());
    let paragraphs: Vec<String> = descendants_named(node, "p")
        .iter()
        .map(|p| join_words(&p.text()))
        .filter(|t| !t.is_empty())
        .collect();
    let text = match paragraphs.first() {
        Some(first) if web.after_post_credit(first).is_none() => first.clone(),
        _ => whole.clone(),
    };
    let attribution = whole
        .strip_prefix(text.as_str())
        .map(|rest| rest.trim().to_string())
        .unwrap_or_default();
    let author = author_of(&attribution, web).or_else(|| {
        descendants_named(node, "a")
            .iter()
            .find_map(|a| a.attr("href").and_then(|h| handle_in_url(h.as_ref())))
    })?;
    let text = non_empty(text)?;
    Some(Embed {
        text,
        attribution,
        author,
        platform: platform.to_string(),
        anchor: None,
    })
}

/// The elements named `name` below `node`, in document order.
fn descendants_named<'a>(node: &NodeRef<'a>, name: &str) -> Vec<NodeRef<'a>> {
    node.descendants_it()
        .filter(|d| d.node_name().is_some_and(|n| n.eq_ignore_ascii_case(name)))
        .collect()
}

/// The author named in an attribution line: "— Name (@handle) date" gives "Name";
/// "— @handle" or "(@handle)" alone give "@handle"; a post-credit label ("A post shared by")
/// before them is skipped.
fn author_of(attribution: &str, web: &WebFurniture) -> Option<String> {
    let line = attribution.trim_start_matches(['—', '–', '-', ' ', '\u{a0}']);
    let line = web.after_post_credit(line).unwrap_or(line).trim();
    if let Some(open) = line.find("(@") {
        let name = line[..open].trim();
        let handle = line[open + 1..].split(')').next().unwrap_or("").trim();
        if !name.is_empty() && name.split_whitespace().count() <= 8 {
            return Some(name.to_string());
        }
        if posts::is_handle(handle) {
            return Some(handle.to_string());
        }
    }
    let first = line.split_whitespace().next()?;
    (first.starts_with('@') && posts::is_handle(first)).then(|| first.to_string())
}

/// "@handle" from a post's address (`https://twitter.com/handle/status/1`).
fn handle_in_url(url: &str) -> Option<String> {
    let rest = url.split("://").nth(1)?;
    let mut parts = rest.split('/');
    let host = parts.next()?;
    let known = ["twitter.com", "x.com", "instagram.com", "tiktok.com"];
    if !known
        .iter()
        .any(|k| host == *k || host.ends_with(&format!(".{k}")))
    {
        return None;
    }
    let handle = parts.next()?.trim_start_matches('@');
    posts::is_handle(handle).then(|| format!("@{handle}"))
}

/// The page's canonical URL, from `<link rel="canonical">` or `og:url`.
fn canonical_url(document: &Document) -> Option<String> {
    let link = document
        .select("link[rel=canonical]")
        .nodes()
        .iter()
        .find_map(|n| n.attr("href"));
    let og = || {
        document
            .select("meta[property=\"og:url\"]")
            .nodes()
            .iter()
            .find_map(|n| n.attr("content"))
    };
    link.or_else(og).map(|u| join_words(&u)).and_then(non_empty)
}

/// The publication time in meta tags Readability does not read (`date`, `pubdate`, `<time>`).
fn meta_published(document: &Document) -> Option<String> {
    let metas = "meta[name=date], meta[name=pubdate], meta[name=\"publish-date\"], \
                 meta[itemprop=datePublished], meta[name=\"dc.date\"]";
    document
        .select(metas)
        .nodes()
        .iter()
        .find_map(|n| n.attr("content"))
        .or_else(|| {
            document
                .select("time[datetime]")
                .nodes()
                .iter()
                .find_map(|n| n.attr("datetime"))
        })
        .map(|d| join_words(&d))
        .and_then(non_empty)
}

/// A paragraph of the article text being built.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Block {
    /// The paragraph's text, one line.
    text: String,
    /// Starts on the next line only (after a `<br>`), not after a blank line.
    line_break: bool,
    /// The embed this block is, if any.
    post: Option<usize>,
}

impl Block {
    fn paragraph(text: String) -> Block {
        Block {
            text,
            line_break: false,
            post: None,
        }
    }
}

/// Elements whose content is never article text.
const SKIP: [&str; 17] = [
    "script", "style", "noscript", "template", "iframe", "svg", "button", "form", "input",
    "select", "textarea", "head", "object", "embed", "canvas", "video", "audio",
];
/// Skipped too when reading a whole page body (no Readability result).
const CHROME: [&str; 5] = ["nav", "header", "footer", "aside", "menu"];
/// Elements that start and end a paragraph.
const BLOCKS: [&str; 31] = [
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "figcaption",
    "table",
    "tr",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "pre",
    "address",
    "main",
    "aside",
    "hr",
    "caption",
    "details",
    "summary",
];

/// Walks a DOM and writes its text as blocks.
struct Walker<'e> {
    embeds: &'e [Embed],
    blocks: Vec<Block>,
    current: String,
    space: bool,
    line_break: bool,
    quote_depth: usize,
    skip_chrome: bool,
    /// The words that mark furniture and the cue words of quotation lead-ins.
    lists: WebLists<'e>,
    /// The text characters (not spaces) of the whole tree walked: a part marked as
    /// furniture is left out only when it holds at most half of them (or is mostly links).
    root_chars: usize,
    /// Text and link characters of the elements measured so far.
    sizes: HashMap<NodeId, TextSize>,
}

/// How much text an element holds: its characters other than spaces, and those in links.
#[derive(Debug, Clone, Copy, Default)]
struct TextSize {
    chars: usize,
    link_chars: usize,
}

impl<'e> Walker<'e> {
    fn new(embeds: &'e [Embed], lists: WebLists<'e>) -> Walker<'e> {
        Walker {
            embeds,
            blocks: Vec::new(),
            current: String::new(),
            space: false,
            line_break: false,
            quote_depth: 0,
            skip_chrome: false,
            lists,
            root_chars: 0,
            sizes: HashMap::new(),
        }
    }

    /// The text size of `node`, each element measured once.
    fn size(&mut self, node: &NodeRef) -> TextSize {
        if node.is_text() {
            let chars = node.text().chars().filter(|c| !c.is_whitespace()).count();
            return TextSize {
                chars,
                link_chars: 0,
            };
        }
        if let Some(size) = self.sizes.get(&node.id) {
            return *size;
        }
        let name = node
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        let mut size = TextSize::default();
        if !(node.is_element() && SKIP.contains(&name.as_str())) {
            for child in node.children_it(false) {
                let inner = self.size(&child);
                size.chars += inner.chars;
                size.link_chars += inner.link_chars;
            }
        }
        if name == "a" {
            size.link_chars = size.chars;
        }
        self.sizes.insert(node.id, size);
        size
    }

    /// Is an element marked as furniture small enough to leave out: mostly links, or at
    /// most half the text walked (a class word on the article's own container is no mark)?
    fn small_part(&mut self, node: &NodeRef) -> bool {
        let size = self.size(node);
        size.chars == 0 || size.link_chars * 2 >= size.chars || size.chars * 2 <= self.root_chars
    }

    /// The furniture part an element's attributes mark, if any.
    fn marked_part(&self, node: &NodeRef) -> Option<Part> {
        if node
            .attr("aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
        {
            return Some(Part::Hidden);
        }
        MARKING_ATTRIBUTES
            .iter()
            .filter_map(|name| node.attr(name))
            .find_map(|value| self.lists.web.part_of(&value))
    }

    /// Walks an element that is page furniture the way furniture is walked, and says so:
    /// a caption or a part marked by its attributes is left out, a figure keeps only its
    /// quotations, a hover card only the link it hangs on. False for any other element.
    fn furniture(&mut self, node: &NodeRef, name: &str) -> bool {
        match name {
            "figcaption" => return true,
            "figure" => {
                self.quotations_in(node);
                return true;
            }
            "nav" | "aside" | "header" | "footer" | "menu"
                if !self.skip_chrome && self.small_part(node) =>
            {
                self.quotations_in(node);
                return true;
            }
            _ => {}
        }
        match self.marked_part(node) {
            None => false,
            Some(Part::Hidden) => true,
            Some(Part::Hovercard) => {
                // The link the card hangs on is prose ("Gov. <a>Jane Roe</a>").
                if let Some(link) = node
                    .children_it(false)
                    .find(|c| c.node_name().is_some_and(|n| n.eq_ignore_ascii_case("a")))
                {
                    self.walk(&link);
                }
                true
            }
            Some(_) => self.small_part(node),
        }
    }

    /// Walks the blockquotes (and embedded posts) inside a piece of furniture alone.
    fn quotations_in(&mut self, node: &NodeRef) {
        for child in node.children_it(false) {
            if !child.is_element() {
                continue;
            }
            if child
                .node_name()
                .is_some_and(|n| n.eq_ignore_ascii_case("blockquote"))
            {
                self.walk(&child);
            } else {
                self.quotations_in(&child);
            }
        }
    }

    /// Ends the current paragraph, if it has text.
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.current);
        self.space = false;
        if !text.is_empty() {
            self.blocks.push(Block {
                text,
                line_break: self.line_break,
                post: None,
            });
        }
        self.line_break = false;
    }

    /// Adds text, one space for each run of whitespace, none at a paragraph's start.
    fn push_text(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.space = true;
            } else {
                if self.space && !self.current.is_empty() {
                    self.current.push(' ');
                }
                self.space = false;
                self.current.push(c);
            }
        }
    }

    fn walk(&mut self, node: &NodeRef) {
        if node.is_text() {
            self.push_text(&node.text());
            return;
        }
        let name = node.node_name().map(|n| n.to_ascii_lowercase());
        let Some(name) = name.filter(|_| node.is_element()) else {
            // The document or fragment root: its children.
            if node.is_document() || node.is_fragment() {
                self.root_chars = self.size(node).chars;
                self.children(node);
            }
            return;
        };
        if SKIP.contains(&name.as_str())
            || (self.skip_chrome && CHROME.contains(&name.as_str()))
            || node.has_attr("hidden")
        {
            return;
        }
        if self.root_chars == 0 {
            // A walk that starts at an element (a page's body).
            self.root_chars = self.size(node).chars;
        }
        if node.attr(POST_MARK).is_none() && self.furniture(node, &name) {
            return;
        }
        match name.as_str() {
            "br" => {
                let had_text = !self.current.is_empty();
                self.flush();
                self.line_break = had_text;
            }
            "q" => {
                let (open, close) = if self.quote_depth.is_multiple_of(2) {
                    ('“', '”')
                } else {
                    ('‘', '’')
                };
                if self.space && !self.current.is_empty() {
                    self.current.push(' ');
                }
                self.space = false;
                self.current.push(open);
                self.quote_depth += 1;
                self.children(node);
                self.quote_depth -= 1;
                self.current.push(close);
            }
            "td" | "th" => {
                self.children(node);
                self.space = true;
            }
            "blockquote" => self.blockquote(node),
            _ if BLOCKS.contains(&name.as_str()) => {
                self.flush();
                self.children(node);
                self.flush();
            }
            _ => self.children(node),
        }
    }

    fn children(&mut self, node: &NodeRef) {
        for child in node.children_it(false) {
            self.walk(&child);
        }
    }

    /// A quotation (marks added when it has none) or a marked embed.
    fn blockquote(&mut self, node: &NodeRef) {
        self.flush();
        let post = node
            .attr(POST_MARK)
            .and_then(|i| i.parse::<usize>().ok())
            .filter(|&i| i < self.embeds.len());
        if let Some(index) = post {
            self.blocks.extend(post_blocks(&self.embeds[index], index));
            return;
        }
        let first = self.blocks.len();
        let lead_in = self.blocks[..first]
            .last()
            .filter(|b| b.post.is_none())
            .map(|b| b.text.clone());
        self.quote_depth += 1;
        self.children(node);
        self.quote_depth -= 1;
        self.flush();
        let cited = node.has_attr("cite")
            || node.descendants_it().any(|d| {
                d.node_name().is_some_and(|n| {
                    n.eq_ignore_ascii_case("cite") || n.eq_ignore_ascii_case("footer")
                })
            });
        let quoted = &mut self.blocks[first..];
        let marked = quoted
            .first()
            .is_some_and(|b| b.text.starts_with(QUOTE_MARKS));
        if marked || quoted.is_empty() {
            return;
        }
        let signed = quoted.len() > 1
            && quoted
                .last()
                .is_some_and(|b| b.text.starts_with(['—', '–', '-']));
        if !(cited
            || signed
            || lead_in
                .as_deref()
                .is_some_and(|p| introduces_quotation(p, self.lists.grammar)))
        {
            // A summary box, a pull quote or an excerpt: paragraphs, no quotation.
            return;
        }
        let last = quoted.len() - 1;
        for (i, block) in quoted.iter_mut().enumerate() {
            block.text.insert(0, '“');
            if i == last {
                block.text.push('”');
            }
        }
    }

    fn finish(mut self) -> Vec<Block> {
        self.flush();
        self.blocks
    }
}

/// Does this paragraph, right before a blockquote, introduce it as a quotation: does it end
/// with a colon ("The minister wrote:"), or name a speech cue in its last words ("Google
/// confirmed this in a statement")?
fn introduces_quotation(paragraph: &str, grammar: &Grammar) -> bool {
    /// The last words of a lead-in that may hold its cue.
    const LAST_WORDS: usize = 12;
    if paragraph.trim_end().ends_with(':') {
        return true;
    }
    let words: Vec<&str> = paragraph.split_whitespace().collect();
    words[words.len().saturating_sub(LAST_WORDS)..]
        .iter()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter_map(|w| grammar.cue(w))
        .any(|cue| cue.speech || cue.noun)
}

/// Leaves out the blocks that are furniture lines by their shape: date, byline and credit
/// lines ([`WebFurniture`]), and the lines of page furniture (`grammar/furniture.txt`:
/// "Share", "Advertisement", link lists under "Related", teasers under "Read more", and a
/// label and a headline on one line). Embedded posts stay.
fn drop_furniture_lines(blocks: &mut Vec<Block>, lists: WebLists<'_>) {
    let (furniture, web) = (lists.furniture, lists.web);
    // The blocks as lines of one text, for the line classification that reads on from line
    // to line (a list heading, then its teasers).
    let mut text = String::new();
    let mut starts = Vec::with_capacity(blocks.len());
    for block in blocks.iter() {
        starts.push(text.len());
        text.push_str(&block.text);
        text.push('\n');
    }
    let found = furniture.find(&text);
    let mut lines = found.lines.iter().peekable();
    let mut index = 0;
    blocks.retain(|block| {
        let start = starts[index];
        index += 1;
        while lines.next_if(|l| l.end <= start).is_some() {}
        let listed = lines
            .peek()
            .is_some_and(|l| l.start <= start + block.text.len() && l.end > start);
        block.post.is_some()
            || !(listed
                || web.is_furniture_line(&block.text)
                || furniture.is_labelled_teaser(&block.text))
    });
}

/// Characters that open a quotation.
const QUOTE_MARKS: [char; 6] = ['"', '“', '„', '«', '‘', '\''];

/// The paragraphs of an embedded post: its text, then its attribution line.
fn post_blocks(embed: &Embed, index: usize) -> Vec<Block> {
    let mut blocks = vec![Block {
        text: embed.text.clone(),
        line_break: false,
        post: Some(index),
    }];
    if !embed.attribution.is_empty() {
        blocks.push(Block {
            text: format!(
                "— {}",
                embed.attribution.trim_start_matches(['—', '–', '-', ' '])
            ),
            line_break: true,
            post: Some(index),
        });
    }
    blocks
}

/// Puts back the posts Readability dropped, after the paragraph they followed on the page
/// (several after one paragraph in page order). One pass over the blocks, however many posts.
fn restore_dropped_posts(blocks: &mut Vec<Block>, embeds: &[Embed]) {
    let mut kept = vec![false; embeds.len()];
    for index in blocks.iter().filter_map(|b| b.post) {
        if let Some(kept) = kept.get_mut(index) {
            *kept = true;
        }
    }
    // (the block a dropped post goes after, the post), in text order.
    let mut restored: Vec<(usize, usize)> = {
        let mut first_with_text: HashMap<&str, usize> = HashMap::new();
        for (at, block) in blocks.iter().enumerate() {
            if block.post.is_none() {
                first_with_text.entry(block.text.as_str()).or_insert(at);
            }
        }
        embeds
            .iter()
            .enumerate()
            .filter(|&(index, _)| !kept[index])
            .filter_map(|(index, embed)| {
                let at = first_with_text.get(embed.anchor.as_deref()?)?;
                Some((*at, index))
            })
            .collect()
    };
    if restored.is_empty() {
        return;
    }
    restored.sort_unstable();
    let mut restored = restored.into_iter().peekable();
    let old = std::mem::take(blocks);
    for (at, block) in old.into_iter().enumerate() {
        blocks.push(block);
        while let Some((_, index)) = restored.next_if(|&(after, _)| after == at) {
            blocks.extend(post_blocks(&embeds[index], index));
        }
    }
}

/// The article text, and the posts with their spans in it.
fn join(blocks: &[Block], embeds: &[Embed]) -> (String, Vec<EmbeddedPost>) {
    let mut text = String::new();
    let mut posts: Vec<EmbeddedPost> = Vec::new();
    let mut open: Option<(usize, usize)> = None; // (embed index, index in posts)
    for block in blocks.iter().filter(|b| !b.text.is_empty()) {
        if !text.is_empty() {
            text.push_str(if block.line_break { "\n" } else { "\n\n" });
        }
        let start = text.len();
        text.push_str(&block.text);
        let span = Span::new(start, text.len());
        match (block.post, open) {
            (Some(index), Some((current, at))) if index == current => {
                // The attribution line: the block grows, the author is found in it.
                let post = &mut posts[at];
                post.block.end = span.end;
                if let Some(offset) = block.text.find(post.author.as_str()) {
                    let from = span.start + offset;
                    post.author_span = Some(Span::new(from, from + post.author.len()));
                }
            }
            (Some(index), _) => {
                let embed = &embeds[index];
                open = Some((index, posts.len()));
                posts.push(EmbeddedPost {
                    span: posts::without_trailing_links(&text, span),
                    block: span,
                    author: embed.author.clone(),
                    author_span: None,
                    platform: embed.platform.clone(),
                });
            }
            (None, _) => open = None,
        }
    }
    (text, posts)
}

/// None for an empty string.
fn non_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

/// Text escaped for HTML.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;
