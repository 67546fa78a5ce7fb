//! Whether two ways of naming a speaker name the same person: "Putin" and "Vladimir Putin".
//!
//! Used wherever a user names a speaker (`check --speaker`, `extract --speaker`) and where
//! speakers of different articles are counted together (`speakers`).

/// The words of a name, lower-cased, without possessive endings or punctuation.
pub fn name_words(name: &str) -> Vec<String> {
    name.split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .map(|w| {
            crate::text::tokens::strip_possessive(w)
                .unwrap_or(w)
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// True when `wanted` (as a user typed it) names `speaker` (as whosaid resolved it): every
/// word of `wanted` is in `speaker`, or their last words (family names) are the same.
///
/// "Putin", "Vladimir Putin" and "President Putin" all name "Vladimir Putin"; "Dmitri Peskov"
/// names "Dmitry Peskov"; "Putin" does not name "Dmitry Peskov".
pub fn names_person(wanted: &str, speaker: &str) -> bool {
    let wanted = name_words(wanted);
    let speaker = name_words(speaker);
    if wanted.is_empty() || speaker.is_empty() {
        return false;
    }
    wanted.iter().all(|w| speaker.contains(w)) || wanted.last() == speaker.last()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn family_name_names_the_full_name() {
        assert!(names_person("Putin", "Vladimir Putin"));
        assert!(names_person("putin", "Vladimir Putin"));
        assert!(names_person("President Putin", "Vladimir Putin"));
        assert!(names_person("Dmitri Peskov", "Dmitry Peskov"));
        assert!(names_person("Vladimir Putin", "Putin"));
    }

    #[test]
    fn other_people_do_not_match() {
        assert!(!names_person("Putin", "Dmitry Peskov"));
        assert!(!names_person("Vladimir", "Dmitry Peskov"));
        assert!(!names_person("", "Dmitry Peskov"));
        assert!(!names_person("Putin", ""));
    }

    #[test]
    fn organisations_and_possessives() {
        assert!(names_person("Kremlin", "the Kremlin"));
        assert!(names_person("Rossiya-1", "Rossiya-1’s"));
        assert_eq!(
            name_words("Russia's U.S. Embassy"),
            ["russia", "u", "s", "embassy"]
        );
    }
}
