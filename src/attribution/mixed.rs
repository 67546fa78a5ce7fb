//! One statement, one row: a mixed quote is a partial row, not also an indirect one.
//!
//! In "The mayor said the city has the "means and will" to finish it", the quotation rules give
//! a partial row for the quoted words, and the reported-speech rules would give an indirect row
//! for the clause around them. Both state one statement; the partial row keeps it, since its
//! quote is the speaker's own words. The indirect row goes when the quoted words are the
//! substance of its clause: at least [`MIXED_QUOTED_WORDS`] of them, or half its words. A scare
//! quote inside a longer paraphrase ("the so-called "reform" will cost billions") leaves the
//! indirect row alone.

use crate::statement::{Kind, Statement};
use crate::text::tokens::word_count;

/// How many quoted words make a clause a mixed quote whatever its length.
pub const MIXED_QUOTED_WORDS: usize = 3;

/// Drops the indirect statements that restate a partial statement's quote (see the module
/// doc). `statements` are sorted by quote start; `text` is what their spans address.
pub fn drop_restated(text: &str, statements: &mut Vec<Statement>) {
    let partials: Vec<(usize, usize, usize)> = statements
        .iter()
        .filter(|s| s.kind == Kind::Partial)
        .map(|s| (s.quote.start, s.quote.end, word_count(s.quote.of(text))))
        .collect();
    if partials.is_empty() {
        return;
    }
    statements.retain(|s| {
        if s.kind != Kind::Indirect {
            return true;
        }
        let (start, end) = (s.quote.start, s.quote.end);
        // The partial quotes that start inside the clause, found by their sorted starts.
        let first = partials.partition_point(|&(p_start, _, _)| p_start < start);
        let quoted: usize = partials
            .get(first..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&(p_start, _, _)| p_start < end)
            .filter(|&&(_, p_end, _)| p_end <= end)
            .map(|&(_, _, n)| n)
            .sum();
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
    fn a_scare_quote_leaves_the_paraphrase_its_row() {
        let text = "The minister said the new \"reform\" of the pension system would cost the country billions of pounds over ten years.";
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
