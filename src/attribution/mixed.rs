//! One statement, one row: a mixed quote is a partial row, not also an indirect one.
//!
//! In "The mayor said the city has the "means and will" to finish it", the quotation rules give
//! a partial row for the quoted words, and the reported-speech rules would give an indirect row
//! for the clause around them. Both state one statement; the partial row keeps it, since its
//! quote is the speaker's own words. The indirect row goes whenever its clause holds a partial
//! quote of the same cue, however few its words ("said the new "reform" would cost billions" is
//! one partial row). A partial quote of another cue inside the clause ("said the mayor called it
//! "a disgrace"") is another statement; the indirect row goes only when those quoted words are
//! the substance of its clause: at least [`MIXED_QUOTED_WORDS`] of them, or half its words.

use crate::span::Span;
use crate::statement::{Kind, Statement};
use crate::text::tokens::word_count;

/// How many quoted words make a clause a mixed quote whatever its length.
pub const MIXED_QUOTED_WORDS: usize = 3;

/// A partial statement's quote span, word count and cue.
struct Partial {
    start: usize,
    end: usize,
    words: usize,
    cue: Option<Span>,
}

/// Drops the indirect statements that restate a partial statement's quote (see the module
/// doc). `statements` are sorted by quote start; `text` is what their spans address.
pub fn drop_restated(text: &str, statements: &mut Vec<Statement>) {
    let partials: Vec<Partial> = statements
        .iter()
        .filter(|s| s.kind == Kind::Partial)
        .map(|s| Partial {
            start: s.quote.start,
            end: s.quote.end,
            words: word_count(s.quote.of(text)),
            cue: s.cue,
        })
        .collect();
    if partials.is_empty() {
        return;
    }
    statements.retain(|s| {
        if s.kind != Kind::Indirect {
            return true;
        }
        let (start, end) = (s.quote.start, s.quote.end);
        // The partial quotes inside the clause, found by their sorted starts.
        let first = partials.partition_point(|p| p.start < start);
        let inside = || {
            partials
                .get(first..)
                .unwrap_or_default()
                .iter()
                .take_while(|p| p.start < end)
                .filter(|p| p.end <= end)
        };
        if s.cue.is_some() && inside().any(|p| p.cue == s.cue) {
            return false;
        }
        let quoted: usize = inside().map(|p| p.words).sum();
        quoted == 0 || quoted < MIXED_QUOTED_WORDS && 2 * quoted < word_count(s.quote.of(text))
    });
}

#[cfg(test)]
mod tests {
    use crate::lexicon::Grammar;
    use crate::statement::Kind;
    use crate::Extractor;

    fn rows(text: &str) -> Vec<(Kind, String)> {
        let extraction = Extractor::new(Grammar::builtin()).extract(text);
        extraction
            .statements
            .iter()
            .map(|s| (s.kind, s.quote.of(text).to_string()))
            .collect()
    }

    #[test]
    fn a_mixed_quote_is_one_partial_row() {
        let text = "The mayor said the town has the \"money and the will\" to finish the new bridge by May.";
        assert_eq!(
            rows(text),
            vec![(Kind::Partial, "money and the will".to_string())]
        );
    }

    #[test]
    fn a_clause_mostly_quoted_is_one_partial_row() {
        let text = "The coach said his players were \"too tired\" again.";
        let kinds: Vec<Kind> = rows(text).into_iter().map(|(kind, _)| kind).collect();
        assert!(!kinds.contains(&Kind::Indirect), "{kinds:?}");
    }

    #[test]
    fn a_scare_quote_of_the_same_cue_is_one_partial_row() {
        let text = "The minister said the new \"reform\" of the pension system would cost the country billions of pounds over ten years.";
        assert_eq!(rows(text), vec![(Kind::Partial, "reform".to_string())]);
    }

    #[test]
    fn two_partial_quotes_in_one_clause_give_no_indirect_row() {
        let text =
            "The senator said the bill was \"rushed\" and \"a gift to lobbyists\" from the start.";
        let kinds: Vec<Kind> = rows(text).into_iter().map(|(kind, _)| kind).collect();
        assert!(!kinds.is_empty(), "{kinds:?}");
        assert!(kinds.iter().all(|&k| k == Kind::Partial), "{kinds:?}");
    }

    #[test]
    fn a_clause_that_is_all_quoted_is_one_partial_row() {
        let text = "The farmer said the harvest was \"the worst in forty years of work\".";
        assert_eq!(
            rows(text),
            vec![(
                Kind::Partial,
                "the worst in forty years of work".to_string()
            )]
        );
    }

    #[test]
    fn another_cues_scare_quote_leaves_the_paraphrase_its_row() {
        let text = "The lawyer said the governor had called the long inquiry into the water supply a \"circus\" last spring.";
        let kinds: Vec<Kind> = rows(text).into_iter().map(|(kind, _)| kind).collect();
        assert!(kinds.contains(&Kind::Indirect), "{kinds:?}");
    }

    #[test]
    fn words_are_runs_with_a_letter_or_digit() {
        use crate::text::tokens::word_count;
        assert_eq!(word_count("the \"means and will\" — to 2 ,"), 6);
        assert_eq!(word_count(""), 0);
    }
}
