//! Citations of reports and articles: Highwire Press `citation_*` meta tags (read by Google
//! Scholar, Zotero and Mendeley), an APA-style reference, and BibTeX and RIS files.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::names::Name;
use super::{author_links, MetaTag};
use crate::content::Page;
use crate::site::Site;

/// Whether a page gets citation metadata and downloads: published reports and articles.
pub fn citable(page: &Page) -> bool {
    !page.fm.draft && matches!(page.kind.as_str(), "report" | "article")
}

/// Escapes text for a braced BibTeX field: LaTeX special characters become commands, so the
/// braces in the field stay balanced whatever the text holds.
pub fn bibtex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
    {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\textbraceleft{}"),
            '}' => out.push_str("\\textbraceright{}"),
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// ASCII letters and digits of a text, lower-cased, with common accents dropped, for keys.
fn ascii_key(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' | 'ē' => out.push('e'),
            'í' | 'ì' | 'î' | 'ï' | 'ī' => out.push('i'),
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' => out.push('o'),
            'ú' | 'ù' | 'û' | 'ü' | 'ū' => out.push('u'),
            'ñ' => out.push('n'),
            'ç' => out.push('c'),
            'ß' => out.push_str("ss"),
            _ => {}
        }
    }
    out
}

/// What the "Cite this" block of a page shows.
#[derive(Debug, Serialize)]
pub struct Cite {
    /// The APA reference up to the title ("Asante, K. (2025). ").
    pub apa_lead: String,
    /// The title, shown in italics.
    pub apa_title: String,
    /// The rest of the reference after the title.
    pub apa_tail: String,
    /// The whole APA reference as plain text.
    pub apa: String,
    /// The BibTeX entry, for display.
    pub bibtex: String,
    /// Root-relative URL of `cite.bib`.
    pub bibtex_url: String,
    /// Root-relative URL of `cite.ris`.
    pub ris_url: String,
}

/// A citable work, with everything the formats need.
pub struct Work<'a> {
    report: bool,
    title: &'a str,
    authors: Vec<Name>,
    date: Option<NaiveDate>,
    /// The report's publisher, else the hub.
    publisher: String,
    /// True when there are no authors and the publisher stands in for them.
    publisher_is_author: bool,
    hub: &'a str,
    number: Option<&'a str>,
    url: String,
    pdf_url: Option<String>,
    lang: &'a str,
    summary: &'a str,
    keywords: Vec<String>,
}

impl<'a> Work<'a> {
    /// Gathers a page's citation fields.
    pub fn of(site: &'a Site, page: &'a Page) -> Work<'a> {
        let report = page.kind == "report";
        let publisher = match (&page.fm.publisher, report) {
            (Some(p), true) => p.clone(),
            _ => site.config.title.clone(),
        };
        let mut authors: Vec<Name> = author_links(site, &page.fm.authors)
            .into_iter()
            .map(|a| Name::parse(&a.name))
            .collect();
        let publisher_is_author = authors.is_empty();
        if publisher_is_author {
            authors.push(Name {
                family: publisher.clone(),
                given: String::new(),
                group: true,
            });
        }
        let pdf_url = page
            .resources
            .iter()
            .find(|r| r.local && r.format == "PDF")
            .map(|r| site.permalink(&r.url));
        Work {
            report,
            title: &page.fm.title,
            authors,
            date: page.date.as_ref().map(|d| d.day),
            publisher,
            publisher_is_author,
            hub: &site.config.title,
            number: page.fm.report_number.as_deref().filter(|n| !n.is_empty()),
            url: site.permalink(&page.url),
            pdf_url,
            lang: &page.lang,
            summary: &page.summary,
            keywords: super::keywords(site, page),
        }
    }

    /// Highwire Press meta tags.
    pub fn highwire(&self) -> Vec<MetaTag> {
        let mut tags = vec![MetaTag {
            name: "citation_title",
            content: self.title.to_string(),
        }];
        if !self.publisher_is_author {
            for name in &self.authors {
                tags.push(MetaTag {
                    name: "citation_author",
                    content: name.inverted(),
                });
            }
        }
        if let Some(date) = self.date {
            tags.push(MetaTag {
                name: "citation_publication_date",
                content: date.format("%Y/%m/%d").to_string(),
            });
        }
        tags.push(MetaTag {
            name: "citation_publisher",
            content: self.publisher.clone(),
        });
        if self.report {
            tags.push(MetaTag {
                name: "citation_technical_report_institution",
                content: self.publisher.clone(),
            });
            if let Some(number) = self.number {
                tags.push(MetaTag {
                    name: "citation_technical_report_number",
                    content: number.to_string(),
                });
            }
        }
        if let Some(pdf) = &self.pdf_url {
            tags.push(MetaTag {
                name: "citation_pdf_url",
                content: pdf.clone(),
            });
        }
        tags.push(MetaTag {
            name: "citation_fulltext_html_url",
            content: self.url.clone(),
        });
        tags.push(MetaTag {
            name: "citation_language",
            content: self.lang.to_string(),
        });
        tags
    }

    /// APA 7 author element: "A, B, & C", with an ellipsis past twenty authors.
    fn apa_authors(&self) -> String {
        let names: Vec<String> = self.authors.iter().map(Name::apa).collect();
        let mut text = match names.len() {
            0 => String::new(),
            1 => names[0].clone(),
            2 => format!("{}, & {}", names[0], names[1]),
            n if n <= 20 => format!("{}, & {}", names[..n - 1].join(", "), names[n - 1]),
            n => format!("{}, … {}", names[..19].join(", "), names[n - 1]),
        };
        if !text.ends_with('.') {
            text.push('.');
        }
        text
    }

    /// The APA-style reference in three parts, so the title can be set in italics.
    pub fn apa(&self) -> (String, String, String) {
        let date = match (self.date, self.report) {
            (Some(d), true) => d.year().to_string(),
            (Some(d), false) => d.format("%Y, %B %-d").to_string(),
            (None, _) => "n.d.".to_string(),
        };
        let lead = format!("{} ({date}). ", self.apa_authors());
        let end_of_title = if self.title.ends_with(['.', '?', '!']) {
            ""
        } else {
            "."
        };
        let mut tail = match (self.report, self.number) {
            (true, Some(number)) => format!(" (Report No. {number})."),
            _ => end_of_title.to_string(),
        };
        if !self.publisher_is_author {
            let source = if self.report {
                &self.publisher
            } else {
                self.hub
            };
            tail.push_str(&format!(" {source}."));
        }
        tail.push(' ');
        tail.push_str(&self.url);
        (lead, self.title.to_string(), tail)
    }

    fn key(&self) -> String {
        // A person's last family word ("cruz"); a group's whole name ("fixturecop").
        let family = match self.authors.first() {
            Some(a) if a.group => a.family.as_str(),
            Some(a) => a.family.rsplit(' ').next().unwrap_or(&a.family),
            None => "",
        };
        let word = self
            .title
            .split_whitespace()
            .map(ascii_key)
            .find(|w| w.len() > 2 && !matches!(w.as_str(), "the" | "and" | "for" | "with"))
            .unwrap_or_default();
        let year = self
            .date
            .map_or_else(|| "nd".to_string(), |d| d.year().to_string());
        let family: String = ascii_key(family).chars().take(24).collect();
        format!(
            "{}{year}{word}",
            if family.is_empty() { "anon" } else { &family }
        )
    }

    /// A BibTeX entry: `@techreport` for reports, `@misc` for articles.
    pub fn bibtex(&self) -> String {
        let authors: Vec<String> = self
            .authors
            .iter()
            .map(|n| {
                if n.group || n.given.is_empty() {
                    format!("{{{}}}", bibtex_escape(&n.family))
                } else {
                    format!("{}, {}", bibtex_escape(&n.family), bibtex_escape(&n.given))
                }
            })
            .collect();
        let mut fields: Vec<(&str, String)> = vec![
            ("author", format!("{{{}}}", authors.join(" and "))),
            ("title", format!("{{{{{}}}}}", bibtex_escape(self.title))),
        ];
        if self.report {
            fields.push((
                "institution",
                format!("{{{}}}", bibtex_escape(&self.publisher)),
            ));
            if let Some(number) = self.number {
                fields.push(("number", format!("{{{}}}", bibtex_escape(number))));
            }
        } else {
            fields.push(("howpublished", format!("{{{}}}", bibtex_escape(self.hub))));
        }
        if let Some(date) = self.date {
            fields.push(("year", format!("{{{}}}", date.year())));
            fields.push(("month", date.format("%b").to_string().to_lowercase()));
        }
        // URLs are read verbatim by the url package; only braces would unbalance the field.
        let url = self.url.replace('{', "%7B").replace('}', "%7D");
        fields.push(("url", format!("{{{url}}}")));
        fields.push(("language", format!("{{{}}}", bibtex_escape(self.lang))));
        let kind = if self.report { "techreport" } else { "misc" };
        let body: Vec<String> = fields
            .iter()
            .map(|(name, value)| format!("  {name} = {value}"))
            .collect();
        format!("@{kind}{{{},\n{}\n}}\n", self.key(), body.join(",\n"))
    }

    /// An RIS record (`RPRT` for reports, `ELEC` for articles), with CRLF line ends.
    pub fn ris(&self) -> String {
        let clean = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut lines: Vec<(&str, String)> =
            vec![("TY", if self.report { "RPRT" } else { "ELEC" }.to_string())];
        for name in &self.authors {
            lines.push(("AU", clean(&name.inverted())));
        }
        lines.push(("TI", clean(self.title)));
        if !self.report {
            lines.push(("T2", clean(self.hub)));
        }
        if let Some(date) = self.date {
            lines.push(("PY", date.year().to_string()));
            lines.push(("DA", date.format("%Y/%m/%d").to_string()));
        }
        if self.report {
            lines.push(("PB", clean(&self.publisher)));
            if let Some(number) = self.number {
                lines.push(("SN", clean(number)));
            }
        }
        lines.push(("UR", self.url.clone()));
        if let Some(pdf) = &self.pdf_url {
            lines.push(("L1", pdf.clone()));
        }
        if !self.summary.is_empty() {
            lines.push(("AB", clean(self.summary)));
        }
        for keyword in &self.keywords {
            lines.push(("KW", clean(keyword)));
        }
        lines.push(("LA", clean(self.lang)));
        lines.push(("ER", String::new()));
        lines
            .into_iter()
            .map(|(tag, value)| format!("{tag}  - {value}\r\n"))
            .collect()
    }

    /// The "Cite this" block.
    pub fn cite(&self, page: &Page) -> Cite {
        let (lead, title, tail) = self.apa();
        Cite {
            apa: format!("{lead}{title}{tail}"),
            apa_lead: lead,
            apa_title: title,
            apa_tail: tail,
            bibtex: self.bibtex(),
            bibtex_url: format!("{}cite.bib", page.url),
            ris_url: format!("{}cite.ris", page.url),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bibtex_special_characters_are_escaped_and_braces_balance() {
        let text = bibtex_escape("50% of {R&D} costs $5 #1 a_b ~x^2 C:\\dir");
        assert_eq!(
            text,
            "50\\% of \\textbraceleft{}R\\&D\\textbraceright{} costs \\$5 \\#1 a\\_b \\textasciitilde{}x\\textasciicircum{}2 C:\\textbackslash{}dir"
        );
    }

    #[test]
    fn keys_are_ascii() {
        assert_eq!(ascii_key("Fernández"), "fernandez");
        assert_eq!(ascii_key("Straße"), "strasse");
        assert_eq!(ascii_key("Nguyễn"), "nguyn");
    }
}
