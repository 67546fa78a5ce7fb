//! Web-page furniture: the elements and lines of a news page that are not its article's prose.
//!
//! Readability keeps the container of an article, and with it the furniture inside:
//! figure captions and photo credits, bylines, dates and "Updated ..." lines, teasers for
//! related stories, share buttons, hover cards. [`WebFurniture`] tells them apart by the
//! page's own structure (class, id, itemprop, role and aria-label words; `figcaption`,
//! `figure`) and, for lines a page does not mark, by their shape (a short line of date words
//! and numbers, a "By" line of names, a "Photo:" credit). The words are data, in
//! `grammar/web_furniture.txt`; the web reader ([`crate::input::web`]) leaves what is found
//! out of the article's text.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

use crate::page::furniture::{read_list_file, FurnitureError};

/// The built-in word lists.
const BUILTIN: &str = include_str!("../../grammar/web_furniture.txt");

/// The lists' file name, in `grammar/` and in a `--grammar` folder.
const FILE_NAME: &str = "web_furniture.txt";

/// What an element marked by its attributes is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// A figure caption, photo credit, gallery or slider.
    Caption,
    /// A byline, author box or meta line.
    Byline,
    /// A date, time or "Updated" line.
    Date,
    /// A teaser, link list, newsletter plug or tag list.
    Teaser,
    /// Share and social buttons.
    Share,
    /// An inline hover card or tooltip: the text of the link it hangs on stays.
    Hovercard,
    /// Text for screen readers alone.
    Hidden,
    /// Advertising.
    Ad,
}

/// The words that mark web-page furniture, from `grammar/web_furniture.txt`.
#[derive(Debug, Clone, Default)]
pub struct WebFurniture {
    /// Attribute words (one or more, space separated) and the part they mark.
    classes: HashMap<String, Part>,
    /// The most words of any attribute entry.
    class_words: usize,
    /// Words of dates and times, and labels of date lines.
    date_words: HashSet<String>,
    /// Words that open a byline, as word lists.
    byline_labels: Vec<Vec<String>>,
    /// Labels of a photo credit, as word lists.
    credit_labels: Vec<Vec<String>>,
    /// The words an embedded post's credit line opens with, lower case ("a post shared by").
    post_credit_labels: Vec<String>,
}

/// The sections of `web_furniture.txt`.
const SECTIONS: [&str; 12] = [
    "caption_classes",
    "byline_classes",
    "date_classes",
    "teaser_classes",
    "share_classes",
    "hovercard_classes",
    "hidden_classes",
    "ad_classes",
    "date_words",
    "byline_labels",
    "credit_labels",
    "post_credit_labels",
];

/// A line of more words than this is prose, never a date, byline or credit line.
const MAX_LINE_WORDS: usize = 20;

impl WebFurniture {
    /// The built-in lists, parsed once.
    pub fn builtin() -> &'static WebFurniture {
        static BUILT: OnceLock<WebFurniture> = OnceLock::new();
        BUILT.get_or_init(
            || match WebFurniture::parse(Path::new(FILE_NAME), BUILTIN) {
                Ok(lists) => lists,
                // The built-in file is checked by the test suite; a failure here is a build bug.
                Err(err) => panic!("grammar/web_furniture.txt is malformed: {err}"),
            },
        )
    }

    /// The lists of `dir/web_furniture.txt` when that file exists, else the built-in ones.
    pub fn from_dir(dir: &Path) -> Result<WebFurniture, FurnitureError> {
        match read_list_file(dir, FILE_NAME)? {
            Some((path, text)) => WebFurniture::parse(&path, &text),
            None => Ok(WebFurniture::builtin().clone()),
        }
    }

    /// The lists of a `web_furniture.txt` text: `[section]` lines, then one entry a line;
    /// `path` names the file in errors.
    pub fn parse(path: &Path, text: &str) -> Result<WebFurniture, FurnitureError> {
        let mut lists = WebFurniture::default();
        let mut section: Option<&str> = None;
        for (index, raw) in text.lines().enumerate() {
            let malformed = |message: String| FurnitureError::Malformed {
                file: path.to_path_buf(),
                line: index + 1,
                message,
            };
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                let name = name.trim();
                if !SECTIONS.contains(&name) {
                    return Err(malformed(format!(
                        "unknown section [{name}]; the sections are {}",
                        SECTIONS.join(", ")
                    )));
                }
                section = Some(name);
                continue;
            }
            let entry = line.to_lowercase();
            let words: Vec<String> = entry.split_whitespace().map(str::to_string).collect();
            let part = match section {
                Some("caption_classes") => Some(Part::Caption),
                Some("byline_classes") => Some(Part::Byline),
                Some("date_classes") => Some(Part::Date),
                Some("teaser_classes") => Some(Part::Teaser),
                Some("share_classes") => Some(Part::Share),
                Some("hovercard_classes") => Some(Part::Hovercard),
                Some("hidden_classes") => Some(Part::Hidden),
                Some("ad_classes") => Some(Part::Ad),
                Some("date_words") => {
                    lists.date_words.insert(entry);
                    None
                }
                Some("byline_labels") => {
                    lists.byline_labels.push(words.clone());
                    None
                }
                Some("credit_labels") => {
                    lists.credit_labels.push(words.clone());
                    None
                }
                Some("post_credit_labels") => {
                    lists.post_credit_labels.push(words.join(" "));
                    None
                }
                // Every other name was refused above.
                Some(_) => None,
                None => return Err(malformed("an entry before any [section]".to_string())),
            };
            if let Some(part) = part {
                lists.class_words = lists.class_words.max(words.len());
                lists.classes.insert(words.join(" "), part);
            }
        }
        Ok(lists)
    }

    /// The part an attribute value (`class`, `id`, `itemprop`, `role`, `aria-label`) marks,
    /// if any: one of its words, or a run of words within one of its space-separated names.
    pub(crate) fn part_of(&self, value: &str) -> Option<Part> {
        for name in value.split_whitespace() {
            let words = attribute_words(name);
            for start in 0..words.len() {
                let mut key = String::new();
                for word in words.iter().skip(start).take(self.class_words) {
                    if !key.is_empty() {
                        key.push(' ');
                    }
                    key.push_str(word);
                    if let Some(&part) = self.classes.get(&key) {
                        return Some(part);
                    }
                }
            }
        }
        None
    }

    /// Is the line a date line: short, with a year or a clock time, a date word, and hardly
    /// any other word ("Updated 5:27 am CST, Wednesday, November 20, 2019")?
    pub(crate) fn is_date_line(&self, line: &str) -> bool {
        let runs = alphanumeric_runs(line);
        if runs.is_empty() || runs.len() > MAX_LINE_WORDS {
            return false;
        }
        let year = runs.iter().any(|r| is_year(r));
        if !(year || has_clock(line)) {
            return false;
        }
        // A clock's "am" written on its digits ("6:40am") is a word of its own.
        let words: Vec<String> = runs
            .iter()
            .map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit()))
            .filter(|r| r.chars().any(char::is_alphabetic))
            .map(str::to_lowercase)
            .collect();
        let dated = words
            .iter()
            .filter(|w| self.date_words.contains(*w))
            .count();
        let other = words.len() - dated;
        dated > 0 && other <= 2 && other * 2 < words.len()
    }

    /// Is the line a byline: a byline label ("By"), then names, dates and joiners only,
    /// without a final sentence mark ("By Anna Whitfield and Tom Roe")?
    pub(crate) fn is_byline(&self, line: &str) -> bool {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.len() > MAX_LINE_WORDS || line.trim_end().ends_with(['.', '!', '?']) {
            return false;
        }
        let Some(rest) = strip_label(&words, &self.byline_labels) else {
            return false;
        };
        let mut names = 0;
        for word in rest {
            let letters = word.trim_matches(|c: char| !c.is_alphanumeric());
            let Some(first) = letters.chars().next() else {
                continue;
            };
            let lower = letters.to_lowercase();
            if first.is_uppercase() {
                names += 1;
            } else if !(first.is_numeric() || self.date_words.contains(&lower) || is_joiner(&lower))
            {
                return false;
            }
        }
        names > 0
    }

    /// Is the line a photo credit: a credit label and a colon, then a few words ("Photo:
    /// Jane Roe/AP", "(Image: Getty)")?
    pub(crate) fn is_credit(&self, line: &str) -> bool {
        let line = line.trim().trim_start_matches('(').trim_end_matches(')');
        let Some((label, rest)) = line.split_once(':') else {
            return false;
        };
        let label: Vec<String> = label.split_whitespace().map(str::to_lowercase).collect();
        !rest.trim().is_empty()
            && rest.split_whitespace().count() <= 12
            && self.credit_labels.contains(&label)
    }

    /// The rest of `line` after the post-credit label that opens it ("A post shared by
    /// @handle" gives "@handle"), if one does; the label's words match in any ASCII case, with
    /// any white space between them.
    pub(crate) fn after_post_credit<'l>(&self, line: &'l str) -> Option<&'l str> {
        self.post_credit_labels.iter().find_map(|label| {
            let mut rest = line.trim_start();
            for word in label.split(' ') {
                let head = rest.get(..word.len())?;
                if !head.eq_ignore_ascii_case(word) {
                    return None;
                }
                let after = &rest[word.len()..];
                if after.starts_with(|c: char| c.is_alphanumeric()) {
                    return None;
                }
                rest = after.trim_start();
            }
            Some(rest)
        })
    }

    /// Is the line any of the furniture lines above?
    pub(crate) fn is_furniture_line(&self, line: &str) -> bool {
        self.is_date_line(line) || self.is_byline(line) || self.is_credit(line)
    }
}

/// The words after a label that opens `words` (any case), if one does.
fn strip_label<'w, 'l>(words: &'w [&'l str], labels: &[Vec<String>]) -> Option<&'w [&'l str]> {
    labels.iter().find_map(|label| {
        let head = words.get(..label.len())?;
        head.iter()
            .zip(label)
            .all(|(w, l)| w.to_lowercase() == *l)
            .then(|| &words[label.len()..])
    })
}

/// Is the word one that joins names in a byline: "and", "&", or a separator?
fn is_joiner(word: &str) -> bool {
    // A separator ("|", "-") has no letters and comes here empty.
    word.is_empty() || word == "and" || word == "&"
}

/// The words of one class or id name: split at anything not a letter or digit and between
/// a lower-case letter and a capital, lower-cased ("article__mediaCaption" gives "article",
/// "media", "caption").
fn attribute_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        previous_lower = c.is_lowercase();
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// The runs of letters and digits of a line.
fn alphanumeric_runs(line: &str) -> Vec<&str> {
    line.split(|c: char| !c.is_alphanumeric())
        .filter(|r| !r.is_empty())
        .collect()
}

/// Is the run a year from 1900 to 2099?
fn is_year(run: &str) -> bool {
    run.len() == 4
        && (run.starts_with("19") || run.starts_with("20"))
        && run.bytes().all(|b| b.is_ascii_digit())
}

/// Does the line hold a clock time: a digit, a colon, two digits ("5:27", "17:19")?
fn has_clock(line: &str) -> bool {
    let bytes = line.as_bytes();
    bytes.windows(4).any(|w| {
        w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit() && w[3].is_ascii_digit()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists() -> &'static WebFurniture {
        WebFurniture::builtin()
    }

    #[test]
    fn attribute_words_split_names_and_camel_case() {
        assert_eq!(
            attribute_words("article__mediaCaption"),
            ["article", "media", "caption"]
        );
        assert_eq!(
            attribute_words("wp-caption-text"),
            ["wp", "caption", "text"]
        );
        assert_eq!(attribute_words("datePublished"), ["date", "published"]);
        assert_eq!(attribute_words("HTML5"), ["html5"]);
    }

    #[test]
    fn attributes_mark_parts_by_their_words() {
        let web = lists();
        assert_eq!(web.part_of("story-photo__credit"), Some(Part::Caption));
        assert_eq!(web.part_of("post-byline small"), Some(Part::Byline));
        assert_eq!(web.part_of("datePublished"), Some(Part::Date));
        assert_eq!(web.part_of("box relatedStories"), Some(Part::Teaser));
        assert_eq!(web.part_of("social-share-bar"), Some(Part::Share));
        assert_eq!(web.part_of("name-tooltip"), Some(Part::Hovercard));
        assert_eq!(web.part_of("sr-only"), Some(Part::Hidden));
        // Words inside longer words, and words apart in different names, mark nothing.
        assert_eq!(web.part_of("candidate-profile update-box"), None);
        assert_eq!(web.part_of("field-label-hidden story-body"), None);
        assert_eq!(web.part_of("sr article-only"), None);
    }

    #[test]
    fn date_lines_are_short_lines_of_date_words_and_numbers() {
        let web = lists();
        assert!(web.is_date_line("Updated 4:12 pm EST, Monday, March 3, 2031"));
        assert!(web.is_date_line("Posted: Sat 9:05 AM, Jun 7, 2031 |"));
        assert!(web.is_date_line("12 FEB 2031"));
        assert!(web.is_date_line("March 3, 2031 | 6:40am"));
        // A year alone, a heading with a year, prose with a date: no date line.
        assert!(!web.is_date_line("In 2031"));
        assert!(!web.is_date_line("The council voted on March 3, 2031 to close the bridge."));
        assert!(!web.is_date_line("Budget Plans for 2031"));
        assert!(!web.is_date_line("Friday"));
    }

    #[test]
    fn bylines_are_a_label_and_names() {
        let web = lists();
        assert!(web.is_byline("By Ann Weller and Piotr Nowak"));
        assert!(web.is_byline("by Marta Lind | March 3, 2031"));
        assert!(web.is_byline("Written by Ola Berg"));
        assert!(!web.is_byline("By the numbers"));
        assert!(!web.is_byline("By Tuesday, the Council Had Voted."));
        assert!(!web.is_byline("Bylines are short"));
    }

    #[test]
    fn credits_are_a_label_a_colon_and_a_few_words() {
        let web = lists();
        assert!(web.is_credit("Photo: Ann Weller/Daily Planet"));
        assert!(web.is_credit("(Image: Getty)"));
        assert!(web.is_credit("FILE PHOTO: Reuters"));
        assert!(!web.is_credit("Photo: "));
        assert!(!web.is_credit("The photo: a man on a bridge"));
        assert!(!web.is_credit("Source: the council said on Monday that it would close the bridge for two weeks in June and July"));
    }

    #[test]
    fn the_builtin_lists_load() {
        let web = lists();
        assert!(web.classes.len() > 40);
        assert!(web.date_words.contains("updated"));
    }

    #[test]
    fn a_post_credit_label_opens_a_line_in_any_case() {
        let web = lists();
        assert_eq!(
            web.after_post_credit("A post shared by  Ann Weller (@annw)"),
            Some("Ann Weller (@annw)")
        );
        assert_eq!(web.after_post_credit("a POST shared by"), Some(""));
        assert_eq!(web.after_post_credit("A poster shared by Ann"), None);
        assert_eq!(web.after_post_credit("Ann shared a post"), None);
    }

    #[test]
    fn a_malformed_file_names_its_line() {
        let path = Path::new("mine/web_furniture.txt");
        let err = WebFurniture::parse(path, "# lists\nentry before a section").unwrap_err();
        assert_eq!(
            err.to_string(),
            "mine/web_furniture.txt:2: an entry before any [section]"
        );
        let err = WebFurniture::parse(path, "[caption_classes]\ncaption\n[captoin_words]\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("mine/web_furniture.txt:3: unknown section [captoin_words]"));
    }

    #[test]
    fn a_folder_without_the_file_keeps_the_builtin_lists() {
        let dir = std::env::temp_dir().join(format!("whosaid-web-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let missing = WebFurniture::from_dir(&dir).unwrap();
        assert_eq!(missing.classes.len(), lists().classes.len());
        std::fs::write(dir.join(FILE_NAME), "[teaser_classes]\npromo box\n").unwrap();
        let mine = WebFurniture::from_dir(&dir).unwrap();
        assert_eq!(mine.part_of("big-promo-box"), Some(Part::Teaser));
        assert_eq!(mine.part_of("wp-caption-text"), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
