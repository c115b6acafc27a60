//! Paths and URLs: joining relative links, and keeping every output path inside the output
//! folder whatever a contributor writes in `slug` or `aliases`.

/// Whether a link starts with a URL scheme (`https:`, `mailto:`, `javascript:`).
pub fn has_scheme(url: &str) -> bool {
    let Some(colon) = url.find(':') else {
        return false;
    };
    let scheme = &url[..colon];
    !scheme.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(c, '+' | '-' | '.')
                || c.is_whitespace()
                || c.is_control()
        })
}

/// Joins a relative link to the folder it was written in, both relative to `content/`.
/// Returns `None` when the link climbs above `content/`.
pub fn join_relative(dir: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in link.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// Whether a `slug` is one safe URL segment: no separators, no `..`, no control characters.
pub fn is_safe_segment(segment: &str) -> bool {
    !segment.is_empty()
        && segment != "."
        && segment != ".."
        && !segment.contains(['/', '\\', '\0'])
        && !segment.chars().any(char::is_control)
}

/// Normalizes a site path (an alias such as `/old/page/`) to its segments, refusing any that
/// would climb out of the site or that carry a scheme or host.
pub fn safe_site_path(path: &str) -> Option<Vec<String>> {
    if has_scheme(path) || path.starts_with("//") || path.contains(['\\', '\0', '?', '#']) {
        return None;
    }
    let mut segments = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            other if other.chars().any(char::is_control) => return None,
            other => segments.push(other.to_string()),
        }
    }
    Some(segments)
}

/// Turns text into a URL slug: lower case, hyphens between words, letters of any script kept.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.extend(c.to_lowercase());
        } else {
            pending_hyphen = true;
        }
    }
    slug
}

/// Minimal escaping for text placed in XML (sitemap, redirects).
pub fn xml_escape(text: &str) -> String {
    // Every `{{ }}` of every template passes through here: copy the runs between special
    // characters whole rather than a character at a time.
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut copied = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[copied..at]);
        out.push_str(entity);
        copied = at + 1;
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escape_replaces_the_five_special_characters_only() {
        assert_eq!(
            xml_escape("«a» <b> & \"c\" 'd' é"),
            "«a» &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39; é"
        );
        assert_eq!(xml_escape("<"), "&lt;");
        assert_eq!(xml_escape("plain"), "plain");
        assert_eq!(xml_escape(""), "");
    }

    #[test]
    fn schemes_are_detected() {
        assert!(has_scheme("https://x.org"));
        assert!(has_scheme("javascript:alert(1)"));
        assert!(!has_scheme("../guides/a.md"));
        assert!(!has_scheme("a.md#x:y"));
        assert!(!has_scheme("/x"));
    }

    #[test]
    fn relative_links_join_and_cannot_climb_out() {
        assert_eq!(
            join_relative("guides", "../reports/x.md").unwrap(),
            "reports/x.md"
        );
        assert_eq!(join_relative("", "./about.md").unwrap(), "about.md");
        assert_eq!(join_relative("guides", "../../x.md"), None);
    }

    #[test]
    fn unsafe_slugs_and_aliases_are_refused() {
        assert!(is_safe_segment("water-safety"));
        assert!(!is_safe_segment("../../x"));
        assert!(!is_safe_segment("a/b"));
        assert_eq!(safe_site_path("/old/page/").unwrap(), ["old", "page"]);
        assert_eq!(safe_site_path("../../etc"), None);
        assert_eq!(safe_site_path("/a/../../b"), None);
        assert_eq!(safe_site_path("https://evil.example/"), None);
    }

    #[test]
    fn slugs_keep_letters_of_any_script() {
        assert_eq!(
            slugify("Climate Adaptation: a guide!"),
            "climate-adaptation-a-guide"
        );
        assert_eq!(slugify("Eau et assainissement"), "eau-et-assainissement");
        assert_eq!(slugify("  المياه  والصرف "), "المياه-والصرف");
    }
}
