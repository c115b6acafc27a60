//! The members directory: every member's expertise, regions and languages, and the facet pages
//! (`/members/expertise/<value>/`, …) that filter it without JavaScript.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use serde_json::Value;

use crate::content::Page;
use crate::diagnostic::Diagnostic;
use crate::paths::slugify;
use crate::site::Site;

/// The facets members can be found by: (front-matter key, label).
pub const FACETS: [(&str, &str); 3] = [
    ("expertise", "Expertise"),
    ("regions", "Regions"),
    ("languages", "Languages"),
];

/// A value of a facet, linked to its page.
#[derive(Debug, Clone, Serialize)]
pub struct FacetValue {
    /// Display name.
    pub name: String,
    /// URL segment.
    pub slug: String,
    /// Root-relative URL of its page.
    pub url: String,
    /// Members with this value.
    pub count: usize,
    /// Their profile URLs, in directory order.
    pub members: Vec<String>,
}

/// A facet: a front-matter key of member profiles.
#[derive(Debug, Clone, Serialize)]
pub struct Facet {
    /// The key (`expertise`).
    pub name: String,
    /// Its label ("Expertise").
    pub title: String,
    /// Root-relative URL of its list page.
    pub url: String,
    /// Its values, A to Z.
    pub values: Vec<FacetValue>,
}

/// A label with an optional link.
#[derive(Debug, Clone, Serialize)]
pub struct Tag {
    /// Text.
    pub name: String,
    /// Root-relative URL of the facet value page.
    pub url: Option<String>,
}

/// Contributions of one type.
#[derive(Debug, Clone, Serialize)]
pub struct TypeCount {
    /// Type name.
    pub kind: String,
    /// "2 guides", "1 story".
    pub label: String,
    /// How many.
    pub count: usize,
}

/// One member as the directory shows them.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// Member id.
    pub id: String,
    /// Name.
    pub title: String,
    /// Profile URL.
    pub url: String,
    /// Job title.
    pub role: Option<String>,
    /// Organization.
    pub organization: Option<String>,
    /// Country.
    pub country: Option<String>,
    /// Summary.
    pub summary: String,
    /// Areas of expertise, linked to their facet pages.
    pub expertise: Vec<Tag>,
    /// Regions, linked to their facet pages.
    pub regions: Vec<Tag>,
    /// Languages, linked to their facet pages.
    pub languages: Vec<Tag>,
    /// Pages they wrote or spoke in, by type.
    pub contributions: Vec<TypeCount>,
}

/// The directory of a site's members.
#[derive(Debug, Clone, Serialize)]
pub struct Directory {
    /// The members section's title.
    pub title: String,
    /// The members section's URL.
    pub url: String,
    /// Members, A to Z.
    pub members: Vec<Entry>,
    /// The facets (a facet whose pages cannot be published is left out).
    pub facets: Vec<Facet>,
}

impl Directory {
    /// The directory as `member_directory()` returns it: without the member list.
    pub fn summary_value(&self, community_url: Option<&str>) -> Value {
        serde_json::json!({
            "title": self.title,
            "url": self.url,
            "count": self.members.len(),
            "facets": self.facets,
            "community_url": community_url,
        })
    }
}

/// The text values of a front-matter key: a list, or one value.
pub fn text_list(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| match v {
                Value::String(s) => Some(s.trim().to_string()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .filter(|s| !s.is_empty())
            .collect(),
        Some(Value::String(s)) if !s.trim().is_empty() => vec![s.trim().to_string()],
        _ => Vec::new(),
    }
}

fn facet_values(page: &Page, facet: &str) -> Vec<String> {
    match facet {
        "regions" => page.fm.regions.clone(),
        other => text_list(page.fm.extra.get(other)),
    }
}

/// Builds the directory, when the hub has a members section. `claimed` holds every output
/// folder already taken (`members/expertise/`); a facet page that would land on one is left
/// out with a warning.
pub fn build(
    site: &Site,
    claimed: &HashSet<String>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Directory> {
    let member_type = site.config.types.get("member")?;
    if member_type.section.is_empty() {
        return None;
    }
    let section = site
        .sections
        .iter()
        .find(|s| s.dir == member_type.section)?;
    let base = &section.url;
    let rel = |url: &str| url[site.base_path.len()..].to_string();

    let mut pages: Vec<&Page> = site
        .pages
        .iter()
        .filter(|p| p.kind == "member" && site.is_member_profile(p))
        .collect();
    pages.sort_by(|a, b| {
        a.fm.title
            .to_lowercase()
            .cmp(&b.fm.title.to_lowercase())
            .then_with(|| a.url.cmp(&b.url))
    });

    let mut facets = Vec::new();
    // (facet, slug) → URL, for linking each member's values.
    let mut links: BTreeMap<(&str, String), String> = BTreeMap::new();
    for (name, title) in FACETS {
        let url = format!("{base}{name}/");
        if claimed.contains(&rel(&url)) {
            problems.push(url_taken(&url, "the members directory's filter pages"));
            continue;
        }
        let mut values: BTreeMap<String, FacetValue> = BTreeMap::new();
        for page in &pages {
            let mut seen = HashSet::new();
            for value in facet_values(page, name) {
                let slug = slugify(&value);
                if slug.is_empty() || !seen.insert(slug.clone()) {
                    continue;
                }
                let entry = values.entry(slug.clone()).or_insert_with(|| FacetValue {
                    name: crate::taxonomy::term_name(
                        name,
                        &value,
                        &site.config,
                        &site.pages,
                        &site.members,
                    ),
                    url: format!("{url}{slug}/"),
                    slug,
                    count: 0,
                    members: Vec::new(),
                });
                entry.count += 1;
                entry.members.push(page.url.clone());
            }
        }
        let mut values: Vec<FacetValue> = values
            .into_values()
            .filter(|v| {
                let free = !claimed.contains(&rel(&v.url));
                if !free {
                    problems.push(url_taken(&v.url, "a filter page of the members directory"));
                }
                free
            })
            .collect();
        values.sort_by(|a, b| {
            a.name
                .to_lowercase()
                .cmp(&b.name.to_lowercase())
                .then_with(|| a.slug.cmp(&b.slug))
        });
        for v in &values {
            links.insert((name, v.slug.clone()), v.url.clone());
        }
        facets.push(Facet {
            name: name.to_string(),
            title: title.to_string(),
            url,
            values,
        });
    }

    let counts = contribution_counts(site);
    let members = pages
        .iter()
        .map(|page| {
            let tags = |facet: &'static str| -> Vec<Tag> {
                let mut seen = HashSet::new();
                facet_values(page, facet)
                    .into_iter()
                    .filter(|v| seen.insert(slugify(v)))
                    .map(|value| {
                        let slug = slugify(&value);
                        Tag {
                            name: crate::taxonomy::term_name(
                                facet,
                                &value,
                                &site.config,
                                &site.pages,
                                &site.members,
                            ),
                            url: links.get(&(facet, slug)).cloned(),
                        }
                    })
                    .collect()
            };
            let text = |key: &str| {
                page.fm
                    .extra
                    .get(key)
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            };
            let id = page.member_id.clone().unwrap_or_default();
            Entry {
                contributions: type_counts(site, counts.get(id.as_str())),
                id,
                title: page.fm.title.clone(),
                url: page.url.clone(),
                role: text("role"),
                organization: text("organization"),
                country: text("country"),
                summary: page.summary.clone(),
                expertise: tags("expertise"),
                regions: tags("regions"),
                languages: tags("languages"),
            }
        })
        .collect();
    Some(Directory {
        title: section.title.clone(),
        url: base.clone(),
        members,
        facets,
    })
}

/// Member id → type → pages they wrote or spoke in, in one pass over the pages (a page
/// counts once per member, as in a member profile's `contributions` list).
fn contribution_counts(site: &Site) -> HashMap<&str, BTreeMap<&str, usize>> {
    let mut counts: HashMap<&str, BTreeMap<&str, usize>> = HashMap::new();
    for (i, page) in site.pages.iter().enumerate() {
        // A translated page is one contribution.
        if !site.shown_in(i, &site.config.language) {
            continue;
        }
        let people: HashSet<&str> = page
            .fm
            .authors
            .iter()
            .chain(&page.fm.speakers)
            .map(String::as_str)
            .filter(|id| site.members.contains_key(*id))
            .collect();
        for id in people {
            *counts
                .entry(id)
                .or_default()
                .entry(page.kind.as_str())
                .or_default() += 1;
        }
    }
    counts
}

/// A member's contributions by type, labelled ("2 guides").
fn type_counts(site: &Site, counts: Option<&BTreeMap<&str, usize>>) -> Vec<TypeCount> {
    counts
        .into_iter()
        .flatten()
        .map(|(&kind, &count)| {
            let (name, plural) = site
                .config
                .types
                .get(kind)
                .map_or((kind, kind), |t| (t.name.as_str(), t.plural.as_str()));
            let word = if count == 1 { name } else { plural };
            TypeCount {
                kind: kind.to_string(),
                label: format!("{count} {}", word.to_lowercase()),
                count,
            }
        })
        .collect()
}

/// The warning for a generated page whose URL content already uses.
pub fn url_taken(url: &str, what: &str) -> Diagnostic {
    Diagnostic::warning("hub.yaml", 0, 0, "pulse-url-taken")
        .message(format!(
            "{url} is already used by the hub's content, so {what} there is not generated"
        ))
        .hint("rename the content at that address (or set `pulse: false` in hub.yaml for the community page)")
}
