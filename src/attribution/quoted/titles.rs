//! Quoted titles of works: 'her memoir, "Open Roads,"', 'the podcast "Morning Table"'.
//!
//! A book's, film's or programme's title in quotation marks names the work; nobody says it.
//! A title-case quotation right after a `[work_nouns]` word, after one and a comma, or after one
//! and the participle of a `naming` cue ("a book called", "a film dubbed"), is such a title and
//! gives no row, whatever its length or closing punctuation.

use super::{words, Quote};
use crate::lexicon::{Grammar, Section};
use crate::text::tokens::{is_quote_mark, Token};

/// Titles of works named by a `[work_nouns]` word are at most this many words long.
const MAX_WORK_TITLE_WORDS: usize = 12;

/// Is the quotation the title of the work named right before it ("the film "Salt Roads"",
/// "his new book, "A Long Way Home,"", "a memoir called "Open Roads"")?
#[inline]
pub(super) fn is_work_title(
    text: &str,
    quote: &Quote,
    before: &[Token],
    grammar: &Grammar,
) -> bool {
    let mut previous = before.iter().rev().filter(|t| !is_quote_mark(t.text(text)));
    let mut last = match previous.next() {
        Some(t) if t.text(text) == "," => previous.next(),
        other => other,
    };
    // "a book called", "a film dubbed": the work noun stands before a naming cue's participle.
    let naming = |t: &Token| {
        let word = t.text(text);
        word.ends_with("ed") && grammar.cue(word).is_some_and(|c| c.naming)
    };
    if last.is_some_and(naming) {
        last = previous.next();
    }
    let named_by_work = last.is_some_and(|t| grammar.token_in_section(Section::WorkNouns, t, text));
    named_by_work && is_title_case(quote.inner.of(text), MAX_WORK_TITLE_WORDS, grammar)
}

/// Is `inner` a title in title case of at most `max_words` words: its first word capitalised
/// and every other word capitalised, a number, a sign ("&") or a `[clause_breaks]` or
/// `[determiners]` word ("Face the Nation", "How to Win Friends")?
pub(super) fn is_title_case(inner: &str, max_words: usize, grammar: &Grammar) -> bool {
    let starts_upper = |word: &str| {
        word.chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    };
    let minor = |word: &str| {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        bare.is_empty()
            || grammar.in_section(Section::ClauseBreaks, bare)
            || grammar.in_section(Section::Determiners, bare)
    };
    let mut count = 0;
    for word in words(inner) {
        count += 1;
        let fits = if count == 1 {
            starts_upper(word)
        } else {
            starts_upper(word) || minor(word)
        };
        if count > max_words || !fits {
            return false;
        }
    }
    count > 0
}

#[cfg(test)]
mod tests {
    use crate::lexicon::Grammar;

    fn rows(text: &str) -> Vec<String> {
        crate::Extractor::new(Grammar::builtin())
            .extract(text)
            .statements
            .iter()
            .map(|s| s.quote.of(text).to_string())
            .collect()
    }

    #[test]
    fn a_title_after_a_work_noun_is_no_statement() {
        assert!(rows(
            "Lena Marsh wrote in her memoir, \"Salt on the Northern Roads,\" that she left."
        )
        .is_empty());
        assert!(rows("He starred in the crime drama \"Harbor Lights\" last year.").is_empty());
        assert!(rows("The podcast \"How to Lose an Election\" returns in May.").is_empty());
        assert!(rows("She sang the song \"Blue Morning\" at the fair.").is_empty());
        assert!(rows("She has published a book called \"Summer Roads\" this year.").is_empty());
        assert!(rows("The band released an album dubbed \"Night Harbor\" in May.").is_empty());
        // The cue still names what is no work: "called the plan "A Bad Deal"".
        assert_eq!(
            rows("Critics called the plan \"A Bad Deal\" on Monday."),
            vec!["A Bad Deal"]
        );
    }

    #[test]
    fn words_said_after_a_work_noun_are_still_statements() {
        // Not title case: speech about the book, not its title.
        let found = rows("In the book, \"we never planned to win the race at all,\" Roe wrote.");
        assert_eq!(found, vec!["we never planned to win the race at all,"]);
        // A title-case quotation after a noun that names no work is read as before.
        let found = rows("The senator said: \"Never Again Will We Fold.\"");
        assert_eq!(found, vec!["Never Again Will We Fold."]);
    }

    #[test]
    fn the_work_nouns_are_data() {
        let text = "Critics praised the novel \"Glass River Morning\" this week.";
        let words = include_str!("../../../grammar/function_words.txt");
        let start = words.find("[work_nouns]").unwrap();
        let edited = format!("{}[work_nouns]\nfilm\n", &words[..start]);
        let grammar = Grammar::with_file("function_words.txt", &edited).unwrap();
        let found = crate::Extractor::new(grammar).extract(text).statements;
        assert_eq!(found.len(), 1);
        assert!(rows(text).is_empty());
    }

    #[test]
    fn title_case_allows_function_words_but_not_lower_content_words() {
        let g = Grammar::builtin();
        assert!(super::is_title_case("How to Win at Chess", 12, &g));
        assert!(super::is_title_case("The Long Road: A Life,", 12, &g));
        assert!(!super::is_title_case("the Long Road", 12, &g));
        assert!(super::is_title_case("Salt & Pepper", 12, &g));
        assert!(!super::is_title_case("We never planned this", 12, &g));
        assert!(!super::is_title_case("Lock Them up", 12, &g));
        assert!(!super::is_title_case("One Two Three Four", 3, &g));
        assert!(!super::is_title_case("", 3, &g));
    }
}
