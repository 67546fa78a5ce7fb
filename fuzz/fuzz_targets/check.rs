//! Fuzz target: a fuzz-made claim (any text, or a piece of the article), perhaps a speaker,
//! checked against an article as `whosaid check` does. Nothing panics, and the verdicts are
//! consistent: each comparison's score, diff, shared words and changes agree with its verdict
//! and wording; a claim matches itself verbatim, and a longer statement holding it verbatim
//! and in part; every match is what `compare` says of its quote, placed at its code-point
//! offsets; ranking puts better verdicts first and the summary names the best match.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use whosaid::corpus::check::{self, Claim, Comparison, Verdict, Wording};
use whosaid::lexicon::Grammar;
use whosaid::Extractor;

/// The extractor, built once: building the grammar costs far more than one input.
fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::new(Grammar::builtin()))
}

#[derive(Arbitrary, Debug)]
struct Input {
    /// The claim as typed, used when `piece` is None.
    claim: String,
    /// The claim as a piece of the article: two byte offsets, moved to char boundaries.
    piece: Option<(u16, u16)>,
    speaker: Option<String>,
    article: String,
}

/// The largest char boundary of `text` at or before `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// What any comparison must be, whatever its verdict.
fn check_comparison(c: &Comparison) {
    assert!((0.0..=1.0).contains(&c.score), "score {} of {c:?}", c.score);
    match c.verdict {
        Verdict::Verbatim => {
            assert_eq!(c.score, 1.0, "{c:?}");
            assert!(c.diff.is_empty() && c.shared.is_empty(), "{c:?}");
        }
        Verdict::Close => {
            // A close match as good as the claim would have been verbatim.
            assert!((0.75..1.0).contains(&c.score), "{c:?}");
            assert!(!c.diff.is_empty() && c.shared.is_empty(), "{c:?}");
        }
        Verdict::Paraphrase => {
            assert!(
                c.shared.len() >= 3 && c.diff.is_empty() && !c.partial,
                "{c:?}"
            );
        }
        // What changed is said.
        Verdict::Contradicted | Verdict::Altered => assert!(!c.changes.is_empty(), "{c:?}"),
    }
    if matches!(c.verdict, Verdict::Verbatim | Verdict::Close | Verdict::Paraphrase) {
        assert!(c.changes.is_empty(), "{c:?}");
    }
    if c.wording == Wording::Paraphrase {
        assert!(c.shared.len() >= 3 && c.diff.is_empty(), "{c:?}");
    }
}

fuzz_target!(|input: Input| {
    let extractor = extractor();
    let grammar = extractor.grammar();
    let article = &input.article;
    let claim_text = match input.piece {
        Some((a, b)) => {
            let (a, b) = (usize::from(a), usize::from(b));
            let (start, end) = (a.min(b), a.max(b));
            &article[floor_boundary(article, start)..floor_boundary(article, end)]
        }
        None => &input.claim,
    };
    let claim = Claim::new(claim_text, grammar);
    if claim.is_empty() {
        assert!(claim.compare(claim_text, grammar).is_none());
    } else {
        let itself = claim
            .compare(claim_text, grammar)
            .expect("a claim matches itself");
        assert_eq!(itself.verdict, Verdict::Verbatim, "{itself:?}");
        assert!(!itself.partial, "{itself:?}");
        check_comparison(&itself);
        let longer = format!("{claim_text} {claim_text}");
        let twice = claim
            .compare(&longer, grammar)
            .expect("a claim matches itself twice");
        assert_eq!(twice.verdict, Verdict::Verbatim, "{twice:?}");
        assert!(twice.partial, "{twice:?}");
    }

    let speaker = input.speaker.as_deref();
    let extraction = extractor.extract(article);
    let mut matches = check::find_matches(
        &claim,
        speaker,
        "doc",
        article,
        &extraction,
        extractor.segmenter(),
        grammar,
    );
    let chars: Vec<char> = article.chars().collect();
    for m in &matches {
        check_comparison(&m.comparison);
        assert!(m.start <= m.end && m.end <= chars.len(), "{m:?}");
        let quote: String = chars[m.start..m.end].iter().collect();
        assert_eq!(quote, m.quote, "match offsets");
        assert_eq!(
            claim.compare(&m.quote, grammar).as_ref(),
            Some(&m.comparison)
        );
        if speaker.is_none() {
            assert!(m.speaker_matches, "{m:?}");
        }
    }
    // Every statement whose quote the claim matches is a match.
    let matching = extraction
        .statements
        .iter()
        .filter(|s| claim.compare(s.quote.of(article), grammar).is_some())
        .count();
    assert_eq!(matching, matches.len());

    check::rank(&mut matches);
    for pair in matches.windows(2) {
        assert!(
            pair[0].comparison.rank_group() <= pair[1].comparison.rank_group(),
            "ranked {:?} before {:?}",
            pair[0].comparison,
            pair[1].comparison
        );
    }
    let summary = check::summary(&matches, speaker);
    match matches.first() {
        None => assert_eq!(summary, "not found"),
        Some(best) => {
            let verdict = best.comparison.verdict.as_str();
            assert!(summary.starts_with(verdict), "{summary}");
            let changes: Vec<&str> = best
                .comparison
                .changes
                .iter()
                .map(|c| c.text.as_str())
                .collect();
            let verdict = if changes.is_empty() {
                verdict.to_string()
            } else {
                format!("{verdict} ({})", changes.join("; "))
            };
            let expected = if speaker.is_some() && !best.speaker_matches {
                format!("{verdict}, misattributed (said by ")
            } else {
                format!("{verdict}, said by ")
            };
            assert!(summary.starts_with(&expected), "{summary}");
        }
    }
});
