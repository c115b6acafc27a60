//! Related content: for every page, the few other pages that share the most topics, tags,
//! regions and authors with it, computed once at build time (templates see it as `related`).
//!
//! The score of a candidate is the sum of the weights of what it shares with the page: a topic
//! counts [`TOPIC`], a tag [`TAG`], a region [`REGION`] and an author [`AUTHOR`]. The best
//! [`LIMIT`] win; ties go to the newer page, then to the title in alphabetical order. Member
//! profiles are related to other member profiles, everything else to everything else. A page
//! that shares nothing with any other gets the newest pages of its own section instead, and
//! failing that the newest pages of the hub, so that every page offers somewhere to go next.
//!
//! The work is bounded on large hubs: candidates are gathered from the page's rarest terms
//! first and at most [`SCAN`] postings are read per page, then every candidate is scored exactly.

use std::cmp::Ordering;
use std::collections::HashMap;

use rayon::prelude::*;

use crate::content::{Page, PageId};
use crate::paths::slugify;

/// How many related pages each page gets.
pub const LIMIT: usize = 4;
/// Weight of a shared topic.
pub const TOPIC: u32 = 3;
/// Weight of a shared tag.
pub const TAG: u32 = 2;
/// Weight of a shared region.
pub const REGION: u32 = 1;
/// Weight of a shared author or speaker.
pub const AUTHOR: u32 = 1;
/// Postings read per page when gathering candidates.
pub const SCAN: usize = 400;

/// The related pages of every page, in the order of `pages`, best first.
pub fn compute(pages: &[Page]) -> Vec<Vec<PageId>> {
    // Every (taxonomy, language, slug) a page carries becomes a term id with a weight: the
    // language keeps translations, which share every term, from being each other's best match.
    let mut ids: HashMap<(u8, &str, String), u32> = HashMap::new();
    let mut weights: Vec<u32> = Vec::new();
    let page_terms: Vec<Vec<u32>> = pages
        .iter()
        .map(|page| {
            let fm = &page.fm;
            let groups: [(u8, u32, &[String]); 5] = [
                (0, TOPIC, &fm.topics),
                (1, TAG, &fm.tags),
                (2, REGION, &fm.regions),
                (3, AUTHOR, &fm.authors),
                (3, AUTHOR, &fm.speakers),
            ];
            let mut terms: Vec<u32> = groups
                .iter()
                .flat_map(|&(kind, weight, values)| values.iter().map(move |v| (kind, weight, v)))
                .filter_map(|(kind, weight, value)| {
                    let slug = slugify(value);
                    if slug.is_empty() {
                        return None;
                    }
                    let next = weights.len() as u32;
                    let id = *ids.entry((kind, page.lang.as_str(), slug)).or_insert(next);
                    if id == next {
                        weights.push(weight);
                    }
                    Some(id)
                })
                .collect();
            terms.sort_unstable();
            terms.dedup();
            terms
        })
        .collect();

    // Pages in "newest first" order, so that postings (and capped scans) prefer recent pages.
    let mut order: Vec<PageId> = (0..pages.len()).collect();
    let titles: Vec<String> = pages.iter().map(|p| p.fm.title.to_lowercase()).collect();
    order.sort_by(|&a, &b| newest_first(pages, &titles, a, b));
    let mut rank = vec![0usize; pages.len()];
    for (r, &id) in order.iter().enumerate() {
        rank[id] = r;
    }
    let mut postings: Vec<Vec<PageId>> = vec![Vec::new(); weights.len()];
    for &id in &order {
        for &t in &page_terms[id] {
            postings[t as usize].push(id);
        }
    }
    let is_member = |id: PageId| pages[id].member_id.is_some();

    // The newest pages of each (language, kind of page) and of each (language, kind, section),
    // for pages that share nothing: scanning the whole order for each of them was quadratic
    // (member profiles, usually undated, come last in it).
    let mut newest: HashMap<(&str, bool), Vec<PageId>> = HashMap::new();
    let mut newest_in: HashMap<(&str, bool, &str), Vec<PageId>> = HashMap::new();
    for &other in &order {
        let page = &pages[other];
        let key = (page.lang.as_str(), is_member(other));
        for list in [
            newest.entry(key).or_default(),
            newest_in
                .entry((key.0, key.1, page.section.as_str()))
                .or_default(),
        ] {
            // A page never falls back to itself, so one more than needed is enough.
            if list.len() <= LIMIT {
                list.push(other);
            }
        }
    }
    let fallback = |id: PageId| -> Vec<PageId> {
        let page = &pages[id];
        let key = (page.lang.as_str(), is_member(id));
        let first = |list: Option<&Vec<PageId>>| -> Vec<PageId> {
            list.into_iter()
                .flatten()
                .copied()
                .filter(|&other| other != id)
                .take(LIMIT)
                .collect()
        };
        let same_section = first(newest_in.get(&(key.0, key.1, page.section.as_str())));
        if same_section.is_empty() {
            first(newest.get(&key))
        } else {
            same_section
        }
    };

    (0..pages.len())
        .into_par_iter()
        // Per thread, the weight of each of the page's own terms (0 for the others), so that a
        // candidate is scored in one pass over its terms instead of a binary search per term.
        .map_init(
            || vec![0u32; weights.len()],
            |own_weight, id| {
                let own = &page_terms[id];
                for &t in own {
                    own_weight[t as usize] = weights[t as usize];
                }
                let mut by_rarity = own.clone();
                by_rarity.sort_by_key(|&t| postings[t as usize].len());
                let mut candidates: Vec<PageId> = Vec::new();
                let mut scanned = 0;
                for t in by_rarity {
                    for &other in &postings[t as usize] {
                        if scanned >= SCAN {
                            break;
                        }
                        scanned += 1;
                        if other != id && is_member(other) == is_member(id) {
                            candidates.push(other);
                        }
                    }
                }
                candidates.sort_unstable();
                candidates.dedup();
                let mut scored: Vec<(u32, PageId)> = candidates
                    .into_iter()
                    .map(|other| {
                        let score = page_terms[other]
                            .iter()
                            .map(|&t| own_weight[t as usize])
                            .sum();
                        (score, other)
                    })
                    .collect();
                for &t in own {
                    own_weight[t as usize] = 0;
                }
                // Ranks are distinct, so the order is total: selecting the best few and sorting
                // only them gives what sorting every candidate did.
                let best = |a: &(u32, PageId), b: &(u32, PageId)| {
                    b.0.cmp(&a.0).then(rank[a.1].cmp(&rank[b.1]))
                };
                if scored.len() > LIMIT {
                    scored.select_nth_unstable_by(LIMIT, best);
                    scored.truncate(LIMIT);
                }
                scored.sort_unstable_by(best);
                // Collected afresh, not mapped in place: an in-place collect would keep the
                // capacity of every candidate scored, some 6 KB a page (580 MB at 100k pages).
                let mut related: Vec<PageId> = Vec::with_capacity(scored.len());
                related.extend(scored.iter().map(|&(_, p)| p));
                if related.is_empty() {
                    related = fallback(id);
                }
                related
            },
        )
        .collect()
}

/// How many related terms a term page gets.
pub const TERM_LIMIT: usize = 6;

/// For every term of every taxonomy, the terms of the same taxonomy that are most often given
/// together with it (co-authors, neighbouring topics), most often first, then by name.
pub fn terms(taxonomies: &[crate::taxonomy::Taxonomy], pages: usize) -> Vec<Vec<Vec<usize>>> {
    taxonomies
        .iter()
        .map(|taxonomy| {
            let mut of_page: Vec<Vec<usize>> = vec![Vec::new(); pages];
            for (i, term) in taxonomy.terms.iter().enumerate() {
                for &p in &term.pages {
                    of_page[p].push(i);
                }
            }
            taxonomy
                .terms
                .par_iter()
                .enumerate()
                .map(|(i, term)| {
                    let mut counts: HashMap<usize, usize> = HashMap::new();
                    for &p in &term.pages {
                        for &j in &of_page[p] {
                            if j != i {
                                *counts.entry(j).or_default() += 1;
                            }
                        }
                    }
                    let mut best: Vec<(usize, usize)> = counts.into_iter().collect();
                    // Terms are sorted by name, so the index breaks ties alphabetically.
                    best.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                    // Not `into_iter`: collecting in place would keep every count's room.
                    best.iter().take(TERM_LIMIT).map(|&(j, _)| j).collect()
                })
                .collect()
        })
        .collect()
}

/// The related terms of term `term` of taxonomy `taxonomy`, as links for a template.
pub fn term_links(
    site: &crate::site::Site,
    taxonomy: usize,
    term: usize,
) -> Vec<crate::content::Link> {
    let terms = &site.taxonomies[taxonomy].terms;
    site.related_terms[taxonomy][term]
        .iter()
        .map(|&j| crate::content::Link {
            name: terms[j].name.clone(),
            url: Some(terms[j].url.clone()),
        })
        .collect()
}

/// Newest first, then by title (`titles`: every page's title lower-cased), then by id.
fn newest_first(pages: &[Page], titles: &[String], a: PageId, b: PageId) -> Ordering {
    pages[b]
        .date
        .cmp(&pages[a].date)
        .then_with(|| titles[a].cmp(&titles[b]))
        .then(a.cmp(&b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontmatter::PageDate;

    fn page(
        title: &str,
        section: &str,
        topics: &[&str],
        tags: &[&str],
        date: Option<&str>,
    ) -> Page {
        let fm = crate::frontmatter::FrontMatter {
            title: title.into(),
            topics: topics.iter().map(|s| s.to_string()).collect(),
            tags: tags.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        Page {
            file: Default::default(),
            rel: format!("{section}/{title}.md"),
            dir: section.into(),
            section: section.into(),
            kind: "guide".into(),
            member_id: None,
            slug: title.into(),
            url: format!("/{section}/{title}/"),
            lang: "en".into(),
            translation_key: String::new(),
            translations: Vec::new(),
            date: date.map(|d| PageDate {
                day: chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap(),
                time: None,
            }),
            fm,
            body: String::new(),
            body_line: 1,
            bundle_dir: None,
            rendered: Default::default(),
            summary: String::new(),
            resources: Vec::new(),
        }
    }

    #[test]
    fn weighted_overlap_ranks_topics_over_tags_and_breaks_ties_by_date() {
        let pages = vec![
            page("a", "guides", &["water"], &["pumps"], None),
            page("b", "guides", &[], &["pumps"], Some("2025-01-01")),
            page("c", "stories", &["water"], &[], Some("2024-01-01")),
            page("d", "stories", &["water"], &[], Some("2025-06-01")),
            page("e", "stories", &["other"], &["unrelated"], None),
        ];
        let related = compute(&pages);
        // A topic (3) beats a tag (2); among the two topic matches the newer comes first.
        assert_eq!(related[0], vec![3, 2, 1]);
        // c shares a topic with a and d; d is newer than a (a has no date).
        assert_eq!(related[2], vec![3, 0]);
        // e shares nothing: it falls back to the newest of its own section.
        assert_eq!(related[4], vec![3, 2]);
    }

    #[test]
    fn members_relate_to_members_only() {
        let mut pages = vec![
            page("m1", "members", &["water"], &[], None),
            page("m2", "members", &["water"], &[], None),
            page("g", "guides", &["water"], &[], None),
        ];
        pages[0].member_id = Some("m1".into());
        pages[1].member_id = Some("m2".into());
        let related = compute(&pages);
        assert_eq!(related[0], vec![1]);
        assert!(related[2].is_empty(), "{:?}", related[2]);
    }

    #[test]
    fn terms_given_together_are_related() {
        let term = |name: &str, pages: &[PageId]| crate::taxonomy::Term {
            name: name.into(),
            slug: name.into(),
            url: format!("/tags/{name}/"),
            description: String::new(),
            pages: pages.to_vec(),
        };
        let tags = crate::taxonomy::Taxonomy {
            name: "tags".into(),
            slug: "tags".into(),
            url: "/tags/".into(),
            lang: "en".into(),
            terms: vec![
                term("a", &[0, 1, 2]),
                term("b", &[0, 1]),
                term("c", &[2]),
                term("d", &[3]),
            ],
        };
        let related = terms(&[tags], 4);
        assert_eq!(related[0][0], vec![1, 2], "b twice, then c once");
        assert_eq!(related[0][2], vec![0]);
        assert!(related[0][3].is_empty());
    }

    #[test]
    fn a_lone_page_gets_the_newest_of_the_hub() {
        let pages = vec![
            page("about", "", &[], &[], None),
            page("x", "stories", &[], &[], Some("2020-01-01")),
            page("y", "stories", &[], &[], Some("2021-01-01")),
        ];
        assert_eq!(compute(&pages)[0], vec![2, 1]);
    }
}
