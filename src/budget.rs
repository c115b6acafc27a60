//! The page weight budget: every HTML page of the build, with the stylesheets and scripts it
//! loads, gzip-compressed, against `page_budget_kb` from hub.yaml (default 30 kB, 1 kB = 1000
//! bytes). Pages over it get a `page-over-budget` warning. Images, downloads and what a script
//! fetches later (search shards) are not counted; a service worker a page registers is.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use flate2::write::GzEncoder;
use flate2::Compression;
use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::render::Output;
use crate::site::Site;
use crate::theme::{Theme, ThemeFile};

/// A page's compressed weight, in bytes, by kind of file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Weight {
    /// The HTML document.
    pub html: u64,
    /// Its stylesheets.
    pub css: u64,
    /// Its scripts.
    pub js: u64,
}

impl Weight {
    /// Everything together.
    pub fn total(&self) -> u64 {
        self.html + self.css + self.js
    }
}

/// Bytes of `data` once gzip-compressed at the level web servers commonly use (6).
pub fn gzip_len(data: &[u8]) -> u64 {
    gzip_len_at(data, Compression::default())
}

fn gzip_len_at(data: &[u8], level: Compression) -> u64 {
    struct Count(u64);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len() as u64;
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut encoder = GzEncoder::new(Count(0), level);
    // Writing to a counter cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().map_or(0, |c| c.0)
}

/// The local stylesheets and scripts an HTML page loads, as root-relative URLs: `<link
/// rel="stylesheet" href>`, `<script src>` and a script's `data-sw` (a service worker it
/// registers).
pub fn subresources(html: &str) -> (Vec<String>, Vec<String>) {
    let (mut css, mut js) = (Vec::new(), Vec::new());
    let head = html.find("</head>").map_or(html, |i| &html[..i]);
    // Scripts may sit at the end of the body; stylesheets belong in the head. Every page built
    // is weighed: memchr's vectorized substring search finds the two tags several times faster
    // than testing every `<` (or than str's own substring search).
    let scripts = memchr::memmem::find_iter(html.as_bytes(), "<script");
    let links = memchr::memmem::find_iter(head.as_bytes(), "<link");
    let tags = scripts.chain(links);
    for start in tags {
        let end = html[start..].find('>').map_or(html.len(), |j| start + j);
        let tag = &html[start..end];
        if tag.starts_with("<link") {
            let rel = attribute(tag, "rel").unwrap_or_default();
            if rel
                .split_ascii_whitespace()
                .any(|r| r.eq_ignore_ascii_case("stylesheet"))
            {
                css.extend(attribute(tag, "href"));
            }
        } else {
            js.extend(attribute(tag, "src"));
            js.extend(attribute(tag, "data-sw"));
        }
    }
    let local = |urls: Vec<String>| -> Vec<String> {
        let mut urls: Vec<String> = urls
            .into_iter()
            .filter(|u| u.starts_with('/') && !u.starts_with("//"))
            .map(|u| u.replace("&amp;", "&"))
            .collect();
        urls.sort();
        urls.dedup();
        urls
    };
    (local(css), local(js))
}

/// The value of a double-quoted attribute in a tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let len = tag[at..].find('"')?;
    Some(tag[at..at + len].to_string())
}

/// Where the build's files come from, to weigh the ones pages load.
struct Files<'a> {
    outputs: HashMap<&'a str, &'a str>,
    assets: HashMap<&'a str, &'a Path>,
    hub_static: HashMap<&'a str, &'a Path>,
    theme: &'a Theme,
    weights: Mutex<HashMap<String, Option<u64>>>,
}

impl Files<'_> {
    /// The compressed size of the file at a site path (without the base path), once.
    fn weight(&self, path: &str) -> Option<u64> {
        if let Some(known) = self.weights.lock().ok()?.get(path) {
            return *known;
        }
        let bytes: Option<Vec<u8>> = if let Some(text) = self.outputs.get(path) {
            Some(text.as_bytes().to_vec())
        } else if let Some(source) = self.assets.get(path).or(self.hub_static.get(path)) {
            std::fs::read(source).ok()
        } else {
            match self.theme.static_files.get(path) {
                Some(ThemeFile::Embedded(bytes)) => Some(bytes.to_vec()),
                Some(ThemeFile::Disk(source)) => std::fs::read(source).ok(),
                None => None,
            }
        };
        let weight = bytes.map(|b| gzip_len(&b));
        self.weights.lock().ok()?.insert(path.to_string(), weight);
        weight
    }
}

/// Weighs every HTML page of a build; warns about those over the hub's budget.
pub fn check(
    site: &Site,
    theme: &Theme,
    outputs: &[Output],
    hub_static: &[(String, PathBuf)],
) -> Vec<Diagnostic> {
    let Some(budget) = Budget::new(site, theme, outputs, hub_static) else {
        return Vec::new();
    };
    let mut found: Vec<Diagnostic> = outputs
        .par_iter()
        .filter_map(|output| budget.weigh(output))
        .collect();
    found.sort_by(|a, b| a.message.cmp(&b.message));
    found
}

/// The page weight check of one build, for weighing pages one at a time as they are rendered.
pub struct Budget<'a> {
    site: &'a Site,
    budget: u64,
    files: Files<'a>,
    sources: HashMap<String, PathBuf>,
}

impl<'a> Budget<'a> {
    /// The check of a hub; `None` when its budget is 0 (no check). `outputs` are the generated
    /// files a page may load besides the theme's, the hub's static files and content assets.
    pub fn new(
        site: &'a Site,
        theme: &'a Theme,
        outputs: &'a [Output],
        hub_static: &'a [(String, PathBuf)],
    ) -> Option<Budget<'a>> {
        let budget = site.config.page_budget_kb * 1000;
        if budget == 0 {
            return None;
        }
        let files = Files {
            outputs: outputs
                .iter()
                .map(|o| (o.path.as_str(), o.content.as_str()))
                .collect(),
            assets: site
                .assets
                .iter()
                .map(|a| (a.out.as_str(), a.source.as_path()))
                .collect(),
            hub_static: hub_static
                .iter()
                .map(|(out, source)| (out.as_str(), source.as_path()))
                .collect(),
            theme,
            weights: Mutex::new(HashMap::new()),
        };
        Some(Budget {
            site,
            budget,
            files,
            sources: source_files(site),
        })
    }

    /// A `page-over-budget` warning when `output` is an HTML page over the budget.
    pub fn weigh(&self, output: &Output) -> Option<Diagnostic> {
        if !output.path.ends_with(".html") {
            return None;
        }
        let (site, budget, files, sources) = (self.site, self.budget, &self.files, &self.sources);
        let base = site.base_path.as_str();
        let (css, js) = subresources(&output.content);
        let sum = |urls: &[String]| -> u64 {
            urls.iter()
                .filter_map(|u| u.strip_prefix(base))
                .filter_map(|p| files.weight(p))
                .sum()
        };
        let (css, js) = (sum(&css), sum(&js));
        // gzip never adds more than its header and block overhead: a page whose raw HTML
        // fits is within the budget without compressing it.
        let raw = output.content.len() as u64;
        if raw + raw / 1000 + 64 + css + js <= budget {
            return None;
        }
        // A fast compression next: only pages it puts near the budget are weighed exactly.
        let rough = gzip_len_at(output.content.as_bytes(), Compression::fast());
        if rough + css + js <= budget {
            return None;
        }
        let weight = Weight {
            html: gzip_len(output.content.as_bytes()),
            css,
            js,
        };
        if weight.total() <= budget {
            return None;
        }
        let page_dir = output
            .path
            .strip_suffix("index.html")
            .unwrap_or(&output.path);
        let file = sources
            .get(page_dir)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(crate::config::CONFIG_FILE));
        Some(
            Diagnostic::warning(file, 0, 0, "page-over-budget")
                .message(format!(
                    "the page {base}{page_dir} weighs {} compressed (HTML {}, CSS {}, JavaScript {}), over this hub's budget of {} kB",
                    kb(weight.total()),
                    kb(weight.html),
                    kb(weight.css),
                    kb(weight.js),
                    site.config.page_budget_kb
                ))
                .hint("split the page, move long tables or lists into a download, or raise `page_budget_kb` in hub.yaml"),
        )
    }
}

/// "12.3 kB".
fn kb(bytes: u64) -> String {
    format!("{:.1} kB", bytes as f64 / 1000.0)
}

/// The content file behind each page's output folder (`guides/x/` → `content/guides/x.md`).
fn source_files(site: &Site) -> HashMap<String, PathBuf> {
    let base = site.base_path.len();
    let mut files = HashMap::new();
    for section in &site.sections {
        if let Some(file) = &section.file {
            files.insert(section.url[base..].to_string(), file.clone());
        }
    }
    for page in &site.pages {
        files.insert(page.url[base..].to_string(), page.file.clone());
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subresources_are_the_local_stylesheets_and_scripts() {
        let html = r#"<head><link rel="stylesheet" href="/hub/praxis.css"><link rel="icon" href="/hub/favicon.svg">
<link rel="stylesheet" href="https://cdn.example.org/x.css"><script type="application/ld+json">{}</script>
<script src="/hub/search.js" data-base="/hub/" defer></script></head><body>
<script src="/hub/offline.js" data-sw="/hub/sw.js" defer></script></body>"#;
        let (css, js) = subresources(html);
        assert_eq!(css, ["/hub/praxis.css"]);
        assert_eq!(js, ["/hub/offline.js", "/hub/search.js", "/hub/sw.js"]);
    }

    #[test]
    fn gzip_sizes_shrink_repetitive_text() {
        let text = "water and sanitation ".repeat(500);
        let size = gzip_len(text.as_bytes());
        assert!(size > 20 && size < 300, "{size}");
    }
}
