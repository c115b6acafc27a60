//! Monthly participation figures from the hub's commits (definitions in docs/pulse.md).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::git::{Commit, Month};

/// A contributor is *active* in a month when they contributed in at least this many of the
/// [`ACTIVE_WINDOW`] months ending with it; otherwise *occasional*.
pub const ACTIVE_MIN_MONTHS: usize = 3;
/// See [`ACTIVE_MIN_MONTHS`].
pub const ACTIVE_WINDOW: i64 = 6;

/// A member as their commits are recognised.
#[derive(Debug, Clone, Default)]
pub struct Identity {
    /// The member id.
    pub id: String,
    /// Their name (the profile title).
    pub name: String,
    /// Their profile URL.
    pub url: String,
    /// Emails they commit with, lower case.
    pub emails: BTreeSet<String>,
    /// Names they commit with, lower case, single-spaced.
    pub names: BTreeSet<String>,
    /// `pulse: false`: their commits are left out entirely.
    pub opted_out: bool,
}

/// Lower case with runs of spaces made single, for comparing names and emails.
pub fn normalize(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Who made a commit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Person {
    /// A member, by index into the identities.
    Member(usize),
    /// Someone without a member profile, by email (or name when there is no email).
    Other(String),
}

/// Finds the member a commit author is: by email first, then by name (case-insensitive).
/// `None` means the author opted out.
fn identify(name: &str, email: &str, members: &[Identity]) -> Option<Person> {
    let email = normalize(email);
    let name = normalize(name);
    let by_email = (!email.is_empty())
        .then(|| members.iter().position(|m| m.emails.contains(&email)))
        .flatten();
    let by_name = || {
        (!name.is_empty())
            .then(|| members.iter().position(|m| m.names.contains(&name)))
            .flatten()
    };
    match by_email.or_else(by_name) {
        Some(i) if members[i].opted_out => None,
        Some(i) => Some(Person::Member(i)),
        None if email.is_empty() => Some(Person::Other(format!("name:{name}"))),
        None => Some(Person::Other(email)),
    }
}

/// A content type's labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TypeLabel {
    /// The type (`guide`, or `data` for data files).
    pub kind: String,
    /// Singular label.
    pub name: String,
    /// Plural label.
    pub plural: String,
}

/// The figures of one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthFigures {
    /// `2025-03`.
    pub month: String,
    /// `Mar 2025`.
    pub label: String,
    /// People who contributed in the month.
    pub contributors: usize,
    /// Of them, people whose first contribution it was.
    pub new: usize,
    /// Of them, people who had contributed before.
    pub returning: usize,
    /// Of them, people who contributed in at least 3 of the 6 months ending with this one.
    pub active: usize,
    /// The others.
    pub occasional: usize,
    /// `active` as a whole percentage of `contributors` (0 in a month without contributors).
    pub active_share: u32,
    /// Contributors with a member profile.
    pub members: usize,
    /// Contributors without one, counted only.
    pub other_contributors: usize,
    /// Contributions: commits that changed the hub's content or data.
    pub contributions: usize,
    /// Contributions by content type: a contribution counts once under each type it changed.
    pub by_type: BTreeMap<String, usize>,
}

/// A member's figures over the whole history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberFigures {
    /// Member id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Profile URL.
    pub url: String,
    /// Contributions (commits).
    pub contributions: usize,
    /// Months with at least one contribution.
    pub months_active: usize,
    /// First month with a contribution.
    pub first_month: String,
    /// Last month with a contribution.
    pub last_month: String,
}

/// Figures over the whole history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Everyone who contributed.
    pub contributors: usize,
    /// Of them, members.
    pub members: usize,
    /// Of them, people without a member profile.
    pub other_contributors: usize,
    /// Contributions (commits).
    pub contributions: usize,
    /// Contributions by content type.
    pub by_type: BTreeMap<String, usize>,
}

/// The participation figures of a hub.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pulse {
    /// The first month with a contribution.
    pub first_month: Option<String>,
    /// The last month with a contribution.
    pub last_month: Option<String>,
    /// Over the whole history.
    pub totals: Totals,
    /// Every month from the first to the last, months without contributions included.
    pub months: Vec<MonthFigures>,
    /// Members who contributed (not those who opted out), most contributions first.
    pub members: Vec<MemberFigures>,
    /// Labels of the types in `by_type`, in the order of their keys.
    pub types: Vec<TypeLabel>,
}

/// Computes the figures. `classify` maps a changed file (relative to the hub root) to its
/// content type, or `None` for a file that is not part of the hub's content; `label` gives a
/// type's labels.
pub fn compute(
    commits: &[Commit],
    members: &[Identity],
    classify: &dyn Fn(&str) -> Option<String>,
    label: &dyn Fn(&str) -> TypeLabel,
) -> Pulse {
    struct Seen {
        months: BTreeSet<Month>,
        contributions: usize,
    }
    let mut people: BTreeMap<Person, Seen> = BTreeMap::new();
    /// A month's contributors, contributions and contributions by type.
    type Tally = (BTreeSet<Person>, usize, BTreeMap<String, usize>);
    let mut by_month: BTreeMap<Month, Tally> = BTreeMap::new();
    let mut totals_by_kind: BTreeMap<String, usize> = BTreeMap::new();
    let mut total_commits = 0;
    for commit in commits {
        let Some(person) = identify(&commit.name, &commit.email, members) else {
            continue;
        };
        let kinds: BTreeSet<String> = commit.files.iter().filter_map(|f| classify(f)).collect();
        if kinds.is_empty() {
            continue;
        }
        total_commits += 1;
        let entry = by_month.entry(commit.month).or_default();
        entry.0.insert(person.clone());
        entry.1 += 1;
        for kind in &kinds {
            *entry.2.entry(kind.clone()).or_default() += 1;
            *totals_by_kind.entry(kind.clone()).or_default() += 1;
        }
        let seen = people.entry(person).or_insert_with(|| Seen {
            months: BTreeSet::new(),
            contributions: 0,
        });
        seen.months.insert(commit.month);
        seen.contributions += 1;
    }

    let first = by_month.keys().next().copied();
    let last = by_month.keys().next_back().copied();
    let mut months = Vec::new();
    if let (Some(first), Some(last)) = (first, last) {
        let mut month = first;
        loop {
            let (persons, contributions, by_type) =
                by_month.get(&month).cloned().unwrap_or_default();
            let mut figures = MonthFigures {
                month: month.key(),
                label: month.label(),
                contributors: persons.len(),
                new: 0,
                returning: 0,
                active: 0,
                occasional: 0,
                active_share: 0,
                members: 0,
                other_contributors: 0,
                contributions,
                by_type,
            };
            for person in &persons {
                let seen = &people[person];
                if seen.months.first() == Some(&month) {
                    figures.new += 1;
                } else {
                    figures.returning += 1;
                }
                let recent = seen
                    .months
                    .iter()
                    .filter(|m| (0..ACTIVE_WINDOW).contains(&month.since(**m)))
                    .count();
                if recent >= ACTIVE_MIN_MONTHS {
                    figures.active += 1;
                } else {
                    figures.occasional += 1;
                }
                match person {
                    Person::Member(_) => figures.members += 1,
                    Person::Other(_) => figures.other_contributors += 1,
                }
            }
            if figures.contributors > 0 {
                figures.active_share =
                    ((figures.active as f64 * 100.0 / figures.contributors as f64).round()) as u32;
            }
            months.push(figures);
            if month == last {
                break;
            }
            month = month.next();
        }
    }

    let mut member_figures: Vec<MemberFigures> = people
        .iter()
        .filter_map(|(person, seen)| match person {
            Person::Member(i) => Some(MemberFigures {
                id: members[*i].id.clone(),
                name: members[*i].name.clone(),
                url: members[*i].url.clone(),
                contributions: seen.contributions,
                months_active: seen.months.len(),
                first_month: seen.months.first().map(|m| m.key()).unwrap_or_default(),
                last_month: seen.months.last().map(|m| m.key()).unwrap_or_default(),
            }),
            Person::Other(_) => None,
        })
        .collect();
    member_figures.sort_by(|a, b| {
        b.contributions
            .cmp(&a.contributions)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    let named = member_figures.len();
    Pulse {
        first_month: first.map(Month::key),
        last_month: last.map(Month::key),
        totals: Totals {
            contributors: people.len(),
            members: named,
            other_contributors: people.len() - named,
            contributions: total_commits,
            by_type: totals_by_kind.clone(),
        },
        months,
        members: member_figures,
        types: totals_by_kind.keys().map(|k| label(k)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commit(month: u32, name: &str, email: &str, files: &[&str]) -> Commit {
        Commit {
            month: Month { year: 2025, month },
            name: name.into(),
            email: email.into(),
            files: files.iter().map(|f| f.to_string()).collect(),
        }
    }

    fn classify(file: &str) -> Option<String> {
        let rest = file.strip_prefix("content/")?;
        let kind = match rest.split('/').next()? {
            "guides" => "guide",
            "stories" => "story",
            _ => "page",
        };
        Some(kind.to_string())
    }

    fn label(kind: &str) -> TypeLabel {
        TypeLabel {
            kind: kind.into(),
            name: kind.into(),
            plural: format!("{kind}s"),
        }
    }

    fn ana() -> Identity {
        Identity {
            id: "ana".into(),
            name: "Ana".into(),
            url: "/members/ana/".into(),
            emails: ["ana@x.org".to_string()].into(),
            names: ["ana lima".to_string()].into(),
            opted_out: false,
        }
    }

    #[test]
    fn authors_are_members_by_email_or_name_and_opt_outs_vanish() {
        let mut hidden = ana();
        hidden.id = "zed".into();
        hidden.emails = ["zed@x.org".to_string()].into();
        hidden.names = BTreeSet::new();
        hidden.opted_out = true;
        let members = [ana(), hidden];
        assert_eq!(
            identify("Someone", "ANA@x.org", &members),
            Some(Person::Member(0))
        );
        assert_eq!(
            identify("Ana  LIMA", "other@y.org", &members),
            Some(Person::Member(0))
        );
        assert_eq!(identify("Zed", "zed@x.org", &members), None);
        assert_eq!(
            identify("Bot", "Bot@Y.org", &members),
            Some(Person::Other("bot@y.org".into()))
        );
        assert_eq!(
            identify("Bot", "", &members),
            Some(Person::Other("name:bot".into()))
        );
    }

    #[test]
    fn months_count_new_returning_active_and_types() {
        let commits = vec![
            commit(
                1,
                "Ana Lima",
                "ana@x.org",
                &["content/guides/a.md", "content/guides/b.md"],
            ),
            commit(
                1,
                "Bot",
                "bot@y.org",
                &["content/stories/s.md", "README.md"],
            ),
            commit(
                2,
                "Ana Lima",
                "a2@x.org",
                &["content/guides/b.md", "content/stories/s.md"],
            ),
            commit(4, "Ana Lima", "ana@x.org", &["content/about.md"]),
            commit(4, "Bot", "bot@y.org", &["src/main.rs"]),
        ];
        let pulse = compute(&commits, &[ana()], &classify, &label);
        let months: Vec<_> = pulse
            .months
            .iter()
            .map(|m| {
                (
                    m.month.as_str(),
                    m.contributors,
                    m.new,
                    m.returning,
                    m.active,
                    m.contributions,
                )
            })
            .collect();
        assert_eq!(
            months,
            [
                ("2025-01", 2, 2, 0, 0, 2),
                ("2025-02", 1, 0, 1, 0, 1),
                ("2025-03", 0, 0, 0, 0, 0),
                ("2025-04", 1, 0, 1, 1, 1),
            ]
        );
        // Two guides in one commit are one contribution to guides.
        assert_eq!(
            pulse.months[0].by_type,
            BTreeMap::from([("guide".into(), 1), ("story".into(), 1)])
        );
        assert_eq!(
            pulse.months[1].by_type,
            BTreeMap::from([("guide".into(), 1), ("story".into(), 1)])
        );
        assert_eq!(pulse.months[3].active_share, 100);
        assert_eq!(pulse.totals.contributors, 2);
        assert_eq!(pulse.totals.other_contributors, 1);
        assert_eq!(pulse.totals.contributions, 4);
        assert_eq!(pulse.members[0].contributions, 3);
        assert_eq!(pulse.members[0].months_active, 3);
        assert_eq!(
            pulse
                .types
                .iter()
                .map(|t| t.kind.as_str())
                .collect::<Vec<_>>(),
            ["guide", "page", "story"]
        );
    }
}
