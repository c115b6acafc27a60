//! Personal and group names as citation styles need them: family and given names, or a
//! group's name kept whole.

/// A personal name split for citation styles, or the name of a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// Family name (for a group: the whole name).
    pub family: String,
    /// Given names.
    pub given: String,
    /// Whether this is an organization or a name that cannot be split.
    pub group: bool,
}

/// Lower-case words that belong to the family name ("Lucía de la Cruz").
const PARTICLES: &[&str] = &[
    "al", "bin", "binti", "da", "das", "de", "del", "della", "der", "di", "do", "dos", "du", "el",
    "ibn", "la", "le", "ten", "ter", "van", "von",
];
const HONORIFICS: &[&str] = &["dr", "prof", "mr", "mrs", "ms", "mx", "eng", "sir", "dame"];
/// Words that make a name an organization's ("Field Team", "Kisumu County Water Office").
const GROUP_WORDS: &[&str] = &[
    "agency",
    "alliance",
    "association",
    "authority",
    "board",
    "center",
    "centre",
    "coalition",
    "commission",
    "committee",
    "company",
    "consortium",
    "cooperative",
    "council",
    "department",
    "foundation",
    "group",
    "inc",
    "initiative",
    "institute",
    "ltd",
    "ministry",
    "network",
    "ngo",
    "office",
    "organisation",
    "organization",
    "partnership",
    "programme",
    "program",
    "project",
    "secretariat",
    "society",
    "team",
    "trust",
    "unit",
    "university",
];

impl Name {
    /// Reads a name as contributors write it. A name with a word such as Team, Office or
    /// Group, a lower-case word that is not a particle ("Field team"), a digit, or a single
    /// word is a group's, kept whole. "Family, Given" is taken as written. Otherwise the last
    /// word (with particles before it) is the family name.
    pub fn parse(text: &str) -> Name {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let group = |text: String| Name {
            family: text,
            given: String::new(),
            group: true,
        };
        let is_group_word = |w: &str| {
            let bare: String = w
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
                .to_lowercase();
            GROUP_WORDS.contains(&bare.as_str())
        };
        if text.split(' ').any(is_group_word) {
            return group(text);
        }
        if let Some((family, given)) = text.split_once(',') {
            if given.trim().is_empty() {
                return group(family.trim().to_string());
            }
            return Name {
                family: family.trim().to_string(),
                given: given.trim().to_string(),
                group: false,
            };
        }
        let mut words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
        while words.len() > 2
            && HONORIFICS.contains(&words[0].trim_end_matches('.').to_lowercase().as_str())
        {
            words.remove(0);
        }
        let is_particle = |w: &str| PARTICLES.contains(&w);
        let groupish = words.len() < 2
            || words.iter().any(|w| {
                w.chars().any(|c| c.is_ascii_digit())
                    || (!is_particle(w) && w.chars().next().is_some_and(char::is_lowercase))
            });
        if groupish {
            return group(text);
        }
        let mut start = words.len() - 1;
        while start > 1 && is_particle(words[start - 1]) {
            start -= 1;
        }
        Name {
            family: words[start..].join(" "),
            given: words[..start].join(" "),
            group: false,
        }
    }

    /// "Family, G. N." (APA), or the group name.
    pub fn apa(&self) -> String {
        if self.group || self.given.is_empty() {
            return self.family.clone();
        }
        let initials: Vec<String> = self
            .given
            .split_whitespace()
            .map(|part| {
                part.split('-')
                    .filter_map(|p| p.chars().next())
                    .map(|c| format!("{}.", c.to_uppercase()))
                    .collect::<Vec<_>>()
                    .join("-")
            })
            .collect();
        format!("{}, {}", self.family, initials.join(" "))
    }

    /// "Family, Given", or the group name.
    pub fn inverted(&self) -> String {
        if self.group || self.given.is_empty() {
            self.family.clone()
        } else {
            format!("{}, {}", self.family, self.given)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_into_family_and_given() {
        let n = Name::parse("Kwame Asante");
        assert_eq!(
            (n.family.as_str(), n.given.as_str(), n.group),
            ("Asante", "Kwame", false)
        );
        assert_eq!(n.apa(), "Asante, K.");
        let n = Name::parse("Lucía de la Cruz");
        assert_eq!(
            (n.family.as_str(), n.given.as_str()),
            ("de la Cruz", "Lucía")
        );
        assert_eq!(Name::parse("Jean-Paul Sartre").apa(), "Sartre, J.-P.");
        assert_eq!(Name::parse("Dr. Tanvir Ahmed").apa(), "Ahmed, T.");
        assert_eq!(Name::parse("Owusu, Abena Serwaa").apa(), "Owusu, A. S.");
        assert!(Name::parse("Field team").group);
        assert!(Name::parse("Field Team").group);
        assert!(Name::parse("Field team, Kisumu County Water Office").group);
        assert!(Name::parse("UNICEF").group);
        assert_eq!(Name::parse("Field team").apa(), "Field team");
    }
}
