//! Markdown to HTML: heading ids, a table of contents, link rewriting and sanitization.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::paths::{has_scheme, join_relative};

/// One heading in a page's table of contents, with the headings nested under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    /// 1 to 6.
    pub level: u8,
    /// The heading's anchor id, unique within the page.
    pub id: String,
    /// The heading's plain text.
    pub title: String,
    /// Headings of a deeper level that follow this one.
    pub children: Vec<TocEntry>,
}

/// The deepest heading level that starts a new [`TextSection`].
const SECTION_LEVEL: u8 = 3;

/// The plain text of one part of a page: the part before the first heading, or a heading and
/// what follows it up to the next heading. The search index holds one document per part.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextSection {
    /// The heading's anchor id; empty for the part before the first heading.
    pub anchor: String,
    /// The heading's text; empty for the part before the first heading.
    pub heading: String,
    /// The plain text of the part, heading included.
    pub text: String,
}

/// What rendering one Markdown body produced.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The HTML, sanitized unless the hub trusts raw HTML.
    pub html: String,
    /// Nested table of contents.
    pub toc: Vec<TocEntry>,
    /// Plain text of the first paragraph.
    pub first_paragraph: String,
    /// The body's plain text cut at its headings, for the search index (the whole text is not
    /// kept beside it: at 100k pages it would be half a gigabyte).
    pub sections: Vec<TextSection>,
    /// Words in the body ([`Rendered::count_words`]).
    pub words: usize,
    /// Every heading and footnote id, in order (to check `#anchor` links).
    pub anchors: Vec<String>,
    /// Links with a `#fragment`, to check against the target's anchors.
    pub anchor_refs: Vec<AnchorRef>,
    /// Links that could not be resolved, and other problems, located in the file.
    pub diagnostics: Vec<Diagnostic>,
}

/// Where links in a page point: content files by their path relative to `content/`.
pub struct LinkMap<'a> {
    /// Content-relative path of a Markdown file or asset → its final URL.
    pub urls: &'a HashMap<String, String>,
    /// Drafts left out of this build (links to them get their own warning).
    pub drafts: &'a HashSet<String>,
    /// Markdown files that failed to parse (already reported; links to them are not).
    pub failed: &'a HashSet<String>,
}

/// A link to an anchor, checked once every page's headings are known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorRef {
    /// Content-relative path of the target file; empty for the same page.
    pub target: String,
    /// The anchor, without `#`.
    pub fragment: String,
    /// File line of the link.
    pub line: usize,
    /// Column of the link.
    pub col: usize,
}

/// What the renderer needs to know about the file it renders.
pub struct Source<'a> {
    /// The file as shown in diagnostics.
    pub file: &'a Path,
    /// The file's folder, relative to `content/` (`guides`, or `` at the top).
    pub dir: &'a str,
    /// The file line on which the body starts.
    pub first_line: usize,
}

/// Markdown extensions every hub gets.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a Markdown body.
pub fn render(body: &str, source: &Source<'_>, links: &LinkMap<'_>, sanitize: bool) -> Rendered {
    let mut out = Rendered::default();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut has_raw_html = false;
    let mut used_ids = HashSet::new();
    let mut flat_toc: Vec<(u8, String, String)> = Vec::new();
    // Index of the open heading's Start event, and its text so far.
    let mut heading: Option<(usize, String)> = None;
    let mut paragraph_depth = 0usize;
    let mut block_depth = 0usize;
    let mut first_paragraph: Option<String> = None;
    let mut in_first_paragraph = false;
    // The page title is the only h1, so body headings start at h2.
    let mut previous_level = 1u8;
    // Alt text of the image being read, and where the image starts.
    let mut image: Option<(String, usize)> = None;
    let mut locator = Locator::new(body, source.first_line);
    let mut locate = |offset: usize| locator.locate(offset);

    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let event = match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let number = heading_number(level);
                let (line, col) = locate(range.start);
                if number == 1 {
                    out.diagnostics.push(
                        Diagnostic::warning(source.file, line, col, "extra-h1")
                            .message("a level-1 heading in the body: the title is already the page's level-1 heading")
                            .hint("start sections with `## Heading`"),
                    );
                } else if number > previous_level + 1 {
                    out.diagnostics.push(
                        Diagnostic::warning(source.file, line, col, "heading-skip")
                            .message(format!(
                                "this heading jumps from level {previous_level} to level {number}"
                            ))
                            .hint(format!(
                                "use {} so screen-reader users can follow the outline",
                                "#".repeat(usize::from(previous_level) + 1)
                            )),
                    );
                }
                previous_level = number;
                heading = Some((events.len(), String::new()));
                // Parts for search start at h2 and h3; deeper headings stay in their part, so a
                // long guide is a handful of documents rather than dozens of fragments.
                if number <= SECTION_LEVEL {
                    out.sections.push(TextSection::default());
                }
                // `{#id .class key=value}` after a heading may carry any attribute, `onclick`
                // included; untrusted Markdown keeps only the id and classes.
                let attrs = if sanitize { Vec::new() } else { attrs };
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                })
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((start, text)) = heading.take() {
                    let id = assign_heading_id(&mut events[start], &text, &mut used_ids);
                    if heading_number(level) <= SECTION_LEVEL {
                        if let Some(section) = out.sections.last_mut() {
                            section.anchor = id.clone();
                            section.heading = text.trim().to_string();
                        }
                    }
                    flat_toc.push((heading_number(level), id.clone(), text.trim().to_string()));
                    out.anchors.push(id);
                }
                Event::End(TagEnd::Heading(level))
            }
            Event::Start(Tag::Paragraph) => {
                if block_depth == 0 && paragraph_depth == 0 && first_paragraph.is_none() {
                    in_first_paragraph = true;
                    first_paragraph = Some(String::new());
                }
                paragraph_depth += 1;
                Event::Start(Tag::Paragraph)
            }
            Event::End(TagEnd::Paragraph) => {
                paragraph_depth = paragraph_depth.saturating_sub(1);
                in_first_paragraph = false;
                Event::End(TagEnd::Paragraph)
            }
            Event::Start(tag @ (Tag::BlockQuote(_) | Tag::List(_) | Tag::Table(_))) => {
                block_depth += 1;
                Event::Start(tag)
            }
            Event::End(
                end @ (TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Table
                | TagEnd::FootnoteDefinition),
            ) => {
                block_depth = block_depth.saturating_sub(1);
                Event::End(end)
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let at = locate(range.start);
                let dest_url = rewrite_link(dest_url, source, links, sanitize, at, false, &mut out);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                image = Some((String::new(), range.start));
                let at = locate(range.start);
                let dest_url = rewrite_link(dest_url, source, links, sanitize, at, true, &mut out);
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Image) => {
                if let Some((alt, start)) = image.take() {
                    if alt.trim().is_empty() {
                        let (line, col) = locate(start);
                        out.diagnostics.push(
                            Diagnostic::warning(source.file, line, col, "missing-alt")
                                .message("this image has no alt text")
                                .hint("describe what the image shows between the brackets: ![Bar chart of coverage by district](chart.png)"),
                        );
                    }
                }
                Event::End(TagEnd::Image)
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                block_depth += 1;
                // pulldown-cmark gives a footnote definition its name as id.
                out.anchors.push(name.to_string());
                Event::Start(Tag::FootnoteDefinition(name))
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                has_raw_html = true;
                Event::Html(html)
            }
            other => other,
        };
        if let Event::Text(text) | Event::Code(text) = &event {
            if let Some((alt, _)) = image.as_mut() {
                alt.push_str(text);
            }
            if let Some((_, heading_text)) = heading.as_mut() {
                heading_text.push_str(text);
            }
            if in_first_paragraph {
                if let Some(p) = first_paragraph.as_mut() {
                    p.push_str(text);
                }
            }
            if out.sections.is_empty() {
                out.sections.push(TextSection::default());
            }
            if let Some(section) = out.sections.last_mut() {
                section.text.push_str(text);
            }
        }
        // Words of separate blocks and lines must not run together in the plain text.
        let separates = matches!(
            event,
            Event::SoftBreak
                | Event::HardBreak
                | Event::End(
                    TagEnd::Paragraph
                        | TagEnd::Heading(_)
                        | TagEnd::Item
                        | TagEnd::TableCell
                        | TagEnd::CodeBlock
                        | TagEnd::BlockQuote(_)
                        | TagEnd::FootnoteDefinition
                )
        );
        if separates {
            if let Some(section) = out.sections.last_mut() {
                section.text.push(' ');
            }
        }
        if matches!(event, Event::SoftBreak | Event::HardBreak) && in_first_paragraph {
            if let Some(p) = first_paragraph.as_mut() {
                p.push(' ');
            }
        }
        events.push(event);
    }

    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    // Markdown alone cannot produce markup beyond what we emit ourselves, and link URLs are
    // already filtered above, so the HTML sanitizer (which reparses the whole page) only runs
    // when the contributor wrote raw HTML.
    out.html = if sanitize && has_raw_html {
        SANITIZER.clean(&html).to_string()
    } else {
        html
    };
    out.first_paragraph = first_paragraph.unwrap_or_default().trim().to_string();
    out.toc = nest_toc(flat_toc);
    // Every page's HTML and text are held until the site is written: the room strings grow
    // into while being pushed to is a third of their size again (1.3 GB at 100k pages).
    out.html.shrink_to_fit();
    for section in &mut out.sections {
        section.text.shrink_to_fit();
    }
    out.count_words();
    out
}

impl Rendered {
    /// Counts the words of the text into `words`. The parts split at headings, which always
    /// follow the end of a block and so a space: no word spans two parts.
    pub fn count_words(&mut self) {
        self.words = self
            .sections
            .iter()
            .map(|part| crate::content::count_words(&part.text))
            .sum();
    }
}

/// Turns byte offsets in a body into file lines and columns, as [`crate::diagnostic::line_col`]
/// does. The parser's offsets mostly grow, so it counts lines on from the last offset asked
/// instead of from the start of the body each time, which made rendering quadratic in the
/// number of headings and links of a page.
struct Locator<'a> {
    text: &'a str,
    first_line: usize,
    /// Newlines before `line_start`.
    line: usize,
    /// Byte offset where the line of the last offset asked starts.
    line_start: usize,
}

impl<'a> Locator<'a> {
    fn new(text: &'a str, first_line: usize) -> Locator<'a> {
        Locator {
            text,
            first_line,
            line: 0,
            line_start: 0,
        }
    }

    /// The file line and the column (in characters, 1-based) of a byte offset.
    fn locate(&mut self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.line_start {
            self.line = 0;
            self.line_start = 0;
        }
        let skipped = &self.text[self.line_start..offset];
        if let Some(last) = skipped.rfind('\n') {
            self.line += skipped[..=last].matches('\n').count();
            self.line_start += last + 1;
        }
        let col = self.text[self.line_start..offset].chars().count() + 1;
        (self.first_line + self.line, col)
    }
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// Gives a heading event a stable id unique within the page; returns the id.
fn assign_heading_id(event: &mut Event<'_>, text: &str, used: &mut HashSet<String>) -> String {
    let Event::Start(Tag::Heading { id, .. }) = event else {
        return String::new();
    };
    let base = match id.as_deref() {
        Some(explicit) if !explicit.is_empty() => explicit.to_string(),
        _ => anchor_id(text),
    };
    let mut unique = base.clone();
    let mut n = 1;
    while !used.insert(unique.clone()) {
        unique = format!("{base}-{n}");
        n += 1;
    }
    *id = Some(CowStr::from(unique.clone()));
    unique
}

/// GitHub's anchor rule: lower case, letters and digits of any script kept, spaces to hyphens,
/// other punctuation dropped. Keeping it means links written for GitHub (`x.md#writing-a-readme`)
/// keep working, in every language.
pub fn anchor_id(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            id.extend(c.to_lowercase());
        } else if c == ' ' {
            id.push('-');
        }
    }
    if id.is_empty() {
        "section".to_string()
    } else {
        id
    }
}

fn nest_toc(flat: Vec<(u8, String, String)>) -> Vec<TocEntry> {
    fn insert(into: &mut Vec<TocEntry>, entry: TocEntry) {
        match into.last_mut() {
            Some(last) if last.level < entry.level => insert(&mut last.children, entry),
            _ => into.push(entry),
        }
    }
    let mut toc = Vec::new();
    for (level, id, title) in flat {
        insert(
            &mut toc,
            TocEntry {
                level,
                id,
                title,
                children: Vec::new(),
            },
        );
    }
    toc
}

/// Rewrites a link to another content file to that file's final URL, and neutralizes URLs
/// with a scheme that could run script. Records `#anchor` links for checking, and warns about
/// links and images whose target does not exist.
fn rewrite_link<'a>(
    dest: CowStr<'a>,
    source: &Source<'_>,
    links: &LinkMap<'_>,
    sanitize: bool,
    (line, col): (usize, usize),
    is_image: bool,
    out: &mut Rendered,
) -> CowStr<'a> {
    if has_scheme(&dest) {
        if sanitize && !is_safe_scheme(&dest) {
            return CowStr::from("#");
        }
        return dest;
    }
    if let Some(fragment) = dest.strip_prefix('#') {
        out.anchor_refs.push(AnchorRef {
            target: String::new(),
            fragment: percent_decode(fragment),
            line,
            col,
        });
        return dest;
    }
    if dest.starts_with('/') || dest.is_empty() {
        return dest;
    }
    let (path, rest) = match dest.find(['#', '?']) {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (&dest[..], ""),
    };
    let Some(target) = join_relative(source.dir, &percent_decode(path)) else {
        return dest;
    };
    if let Some(url) = links.urls.get(&target) {
        if let Some(fragment) = rest.strip_prefix('#') {
            out.anchor_refs.push(AnchorRef {
                target: target.clone(),
                fragment: percent_decode(fragment),
                line,
                col,
            });
        }
        return CowStr::from(format!("{url}{rest}"));
    }
    if links.failed.contains(&target) {
        return dest;
    }
    let warning = if links.drafts.contains(&target) {
        Some(
            Diagnostic::warning(source.file, line, col, "broken-link")
                .message(format!(
                    "the link `{dest}` points to `{target}`, which is a draft and is not published"
                ))
                .hint("publish the draft, build with --drafts, or remove the link for now"),
        )
    } else if is_image {
        Some(
            Diagnostic::warning(source.file, line, col, "missing-image")
                .message(format!("the image `{dest}` does not exist (looked for content/{target})"))
                .hint("put the image next to the page (make the page a bundle: a folder with index.md) or fix the path"),
        )
    } else if target.ends_with(".md")
        || target
            .rsplit('/')
            .next()
            .is_some_and(|name| name.contains('.'))
    {
        Some(
            Diagnostic::warning(source.file, line, col, "broken-link")
                .message(format!("the link `{dest}` points to `{target}`, which is not a file of this hub"))
                .hint("link to an existing file by its path relative to this file, e.g. ../guides/water-safety.md"),
        )
    } else {
        None
    };
    out.diagnostics.extend(warning);
    dest
}

fn percent_decode(path: &str) -> String {
    if !path.contains('%') {
        return path.to_string();
    }
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| path.to_string())
}

/// Whether a URL's scheme is one a reader's browser can follow without running code.
pub fn is_safe_scheme(url: &str) -> bool {
    // Browsers ignore tabs, newlines and leading spaces in URLs, so `java\tscript:` is a script URL.
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    ["http:", "https:", "mailto:", "tel:", "ftp:"]
        .iter()
        .any(|scheme| cleaned.starts_with(scheme))
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tags([
            "aside",
            "figure",
            "figcaption",
            "details",
            "summary",
            "input",
            "section",
            "mark",
        ])
        .add_generic_attributes(["class", "id", "title", "lang", "dir"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("img", ["width", "height", "loading"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .url_schemes(HashSet::from(["http", "https", "mailto", "tel", "ftp"]))
        .link_rel(None);
    builder
});

/// Sanitizes a fragment of HTML with the same rules as Markdown bodies.
pub fn sanitize_html(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_simple(body: &str) -> Rendered {
        let urls = HashMap::from([
            ("guides/water.md".to_string(), "/guides/water/".to_string()),
            (
                "reports/b/chart.svg".to_string(),
                "/reports/b/chart.svg".to_string(),
            ),
        ]);
        let source = Source {
            file: Path::new("content/guides/a.md"),
            dir: "guides",
            first_line: 4,
        };
        let none = HashSet::new();
        let links = LinkMap {
            urls: &urls,
            drafts: &none,
            failed: &none,
        };
        render(body, &source, &links, true)
    }

    #[test]
    fn heading_ids_are_unique_and_nested_in_the_toc() {
        let r = render_simple("## Setting up\n### Step one\n## Setting up\n## Café & más\n");
        assert!(r.html.contains(r#"<h2 id="setting-up">"#), "{}", r.html);
        assert!(r.html.contains(r#"<h2 id="setting-up-1">"#), "{}", r.html);
        assert!(r.html.contains(r#"<h2 id="café--más">"#), "{}", r.html);
        assert_eq!(r.toc.len(), 3);
        assert_eq!(r.toc[0].children[0].id, "step-one");
    }

    #[test]
    fn words_are_counted_across_parts_without_joining_any() {
        // Every kind of block a heading can follow, each ending right before it.
        let body = "Intro text\n## One\n- a b\n- c\n## Two\n| h | i |\n|---|---|\n| j | k |\n\
                    ### Three\n```\ncode here\n```\n## Four\n> quoted words\n## Five\n\
                    Last[^n]\n\n[^n]: note text\n";
        let r = render_simple(body);
        assert!(r.sections.len() >= 6, "{:?}", r.sections);
        let joined: String = r.sections.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(r.words, joined.split_whitespace().count());
        assert_eq!(r.words, 21, "{joined:?}");
    }

    #[test]
    fn heading_attributes_cannot_carry_script() {
        let r = render_simple("## Hi {#x .note onclick=alert(1) style=x}\n");
        assert!(r.html.contains(r#"<h2 id="x" class="note">"#), "{}", r.html);
        assert!(
            !r.html.contains("onclick") && !r.html.contains("style"),
            "{}",
            r.html
        );
    }

    #[test]
    fn explicit_heading_ids_are_kept() {
        let r = render_simple("## Title {#custom}\n");
        assert!(r.html.contains(r#"id="custom""#), "{}", r.html);
    }

    #[test]
    fn content_links_become_urls_and_broken_ones_are_located() {
        let r = render_simple(
            "See [w](water.md#part) and\n[x](../reports/b/chart.svg) and [y](nope.md).\n",
        );
        assert!(
            r.html.contains(r#"href="/guides/water/#part""#),
            "{}",
            r.html
        );
        assert!(
            r.html.contains(r#"href="/reports/b/chart.svg""#),
            "{}",
            r.html
        );
        assert_eq!(r.diagnostics.len(), 1);
        let d = &r.diagnostics[0];
        assert_eq!((d.code, d.line, d.col), ("broken-link", 5, 33));
    }

    #[test]
    fn script_urls_and_raw_html_are_neutralized() {
        let r = render_simple("[a](javascript:alert(1)) [b](JaVaScRiPt:x) [c](data:text/html,x)\n\n<img src=x onerror=alert(1)><script>alert(2)</script>\n");
        assert!(!r.html.to_lowercase().contains("script:"), "{}", r.html);
        assert!(!r.html.contains("data:"), "{}", r.html);
        assert!(!is_safe_scheme("java\tscript:alert(1)"));
        assert!(is_safe_scheme("HTTPS://example.org"));
        assert!(!r.html.contains("onerror"), "{}", r.html);
        assert!(!r.html.contains("<script"), "{}", r.html);
    }

    #[test]
    fn extensions_are_on() {
        let r = render_simple("| a |\n|---|\n| b |\n\n- [x] done\n\n~~old~~ \"quoted\"\n\nNote[^1].\n\n[^1]: Footnote.\n");
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("checkbox"));
        assert!(r.html.contains("<del>old</del>"));
        assert!(r.html.contains("“quoted”"));
        assert!(r.html.contains("footnote"));
    }

    #[test]
    fn accessibility_problems_are_located() {
        let r = render_simple("# Title again\n\n## A\n\n#### Too deep\n\n![](../reports/b/chart.svg) ![ok](missing.png)\n");
        let found: Vec<_> = r
            .diagnostics
            .iter()
            .map(|d| (d.code, d.line, d.col))
            .collect();
        assert_eq!(
            found,
            [
                ("extra-h1", 4, 1),
                ("heading-skip", 8, 1),
                ("missing-alt", 10, 1),
                ("missing-image", 10, 29)
            ]
        );
    }

    #[test]
    fn anchor_links_are_recorded_for_checking() {
        let r = render_simple("[a](#here) [b](water.md#part) [c](water.md)\n");
        let refs: Vec<_> = r
            .anchor_refs
            .iter()
            .map(|a| (a.target.as_str(), a.fragment.as_str()))
            .collect();
        assert_eq!(refs, [("", "here"), ("guides/water.md", "part")]);
    }

    #[test]
    fn text_is_cut_into_sections_at_headings() {
        let r = render_simple("Intro *text*.\n\n## Part one\n\nBody one.\n\n### Deeper\n\nBody two.\n\n#### Deepest\n\nThree.\n");
        let parts: Vec<_> = r
            .sections
            .iter()
            .map(|s| (s.anchor.as_str(), s.heading.as_str(), s.text.trim()))
            .collect();
        assert_eq!(
            parts,
            [
                ("", "", "Intro text."),
                ("part-one", "Part one", "Part one Body one."),
                ("deeper", "Deeper", "Deeper Body two. Deepest Three.")
            ]
        );
    }

    #[test]
    fn the_locator_agrees_with_line_col_in_any_order() {
        let text = "ab\nçé\n\n  x\ny—z\nend";
        let mut locator = Locator::new(text, 4);
        let offsets = [0, 1, 2, 3, 5, 7, 8, 9, 12, 15, 18, 21, 4, 0, 13, 6, 100];
        for offset in offsets {
            let (line, col) = crate::diagnostic::line_col(text, offset);
            assert_eq!(
                locator.locate(offset),
                (4 + line - 1, col),
                "offset {offset}"
            );
        }
    }

    #[test]
    fn first_paragraph_is_plain_text() {
        let r = render_simple("## Heading\n\nFirst *para*\ncontinues.\n\nSecond.\n");
        assert_eq!(r.first_paragraph, "First para continues.");
    }
}
