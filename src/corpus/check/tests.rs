use super::*;

fn grammar() -> Grammar {
    Grammar::builtin()
}

fn compare(claim: &str, quote: &str) -> Option<Comparison> {
    let g = grammar();
    Claim::new(claim, &g).compare(quote, &g)
}

fn changes(c: &Comparison) -> Vec<&str> {
    c.changes.iter().map(|c| c.text.as_str()).collect()
}

#[test]
fn quote_marks_case_and_punctuation_do_not_matter() {
    let c = compare(
        "we do not talk to each other; or we do it to a minimum",
        "We do not talk to each other. Or we do it to a minimum.",
    )
    .expect("a match");
    assert_eq!(c.verdict, Verdict::Verbatim);
    assert!(!c.partial);
    let c = compare("don’t want", "We don't want diplomatic missions").unwrap();
    assert_eq!(c.verdict, Verdict::Verbatim);
    assert!(c.partial);
}

#[test]
fn one_changed_word_is_close_with_a_diff() {
    let c = compare(
        "We do not speak to each other. Or we do it to a minimum.",
        "We do not talk to each other. Or we do it to a minimum.",
    )
    .expect("a match");
    assert_eq!(c.verdict, Verdict::Close);
    assert_eq!(
        c.diff,
        "we do not [-speak-] {+talk+} to each other or we do it to a minimum"
    );
    assert!(c.score > 0.9);
    assert!(c.changes.is_empty());
}

#[test]
fn a_dropped_negation_contradicts() {
    let c = compare(
        "The council will raise the harbour fees",
        "The council will not raise the harbour fees this year.",
    )
    .expect("a match");
    assert_eq!(c.verdict, Verdict::Contradicted);
    assert_eq!(c.wording, Wording::Close);
    assert_eq!(changes(&c), ["negation dropped ('not')"]);
    assert!(c.diff.contains("{+not+}"), "{}", c.diff);
    // An added one too, and a contracted one counts as one.
    let c = compare("the mayor never signed it", "the mayor signed it").unwrap();
    assert_eq!(changes(&c), ["negation added ('never')"]);
    let c = compare(
        "We won't close the port this winter",
        "We will not close the port this winter",
    )
    .unwrap();
    assert_eq!(c.verdict, Verdict::Close);
}

#[test]
fn a_negation_just_before_a_partial_claim_counts() {
    // The claim starts after the "not" that governs it.
    let c = compare(
        "raise the harbour fees",
        "The council will not raise the harbour fees.",
    )
    .expect("a match");
    assert_eq!(c.wording, Wording::Verbatim);
    assert_eq!(c.verdict, Verdict::Contradicted);
    // Not across a sentence end.
    let c = compare(
        "Raise the harbour fees",
        "It will not. Raise the harbour fees!",
    )
    .unwrap();
    assert_eq!(c.verdict, Verdict::Verbatim);
    // A hedge just before is a dropped qualifier.
    let c = compare(
        "all the ferries were late",
        "Almost all the ferries were late.",
    )
    .unwrap();
    assert_eq!(c.verdict, Verdict::Altered);
    assert_eq!(changes(&c), ["qualifier dropped ('Almost')"]);
}

#[test]
fn an_opposite_word_contradicts_and_two_flips_cancel() {
    let c = compare(
        "The board voted to reject the merger plan",
        "The board voted to accept the merger plan",
    )
    .unwrap();
    assert_eq!(c.verdict, Verdict::Contradicted);
    assert_eq!(changes(&c), ["antonym accept -> reject"]);
    let c = compare(
        "The board did not reject the merger plan",
        "The board did accept the merger plan",
    )
    .unwrap();
    assert_eq!(c.verdict, Verdict::Altered, "{c:?}");
}

#[test]
fn changed_numbers_names_and_qualifiers_alter() {
    let c = compare(
        "the agency hired 45 new inspectors last spring",
        "the agency hired 12 new inspectors last spring",
    )
    .unwrap();
    assert_eq!(c.verdict, Verdict::Altered);
    assert_eq!(changes(&c), ["number 12 -> 45"]);
    let c = compare(
        "the plan was drafted by Marek Olsen",
        "the plan was drafted by Ines Tarrow",
    )
    .unwrap();
    assert_eq!(changes(&c), ["name Ines Tarrow -> Marek Olsen"]);
    assert_eq!(
        c.diff,
        "the plan was drafted by [-marek-] [-olsen-] {+ines+} {+tarrow+}"
    );
    let c = compare(
        "the bridge will reopen in March",
        "the bridge might reopen in March",
    )
    .unwrap();
    assert_eq!(changes(&c), ["qualifier dropped ('might')"]);
}

#[test]
fn reported_speech_with_the_same_content_words_is_a_paraphrase() {
    let c = compare(
        "Russia is not going to expel any diplomats",
        "Russia will not expel diplomats",
    )
    .expect("a match");
    assert_eq!(c.verdict, Verdict::Paraphrase);
    assert_eq!(c.shared, ["russia", "expel", "diplom"]);
}

#[test]
fn a_paraphrase_that_drops_the_negation_contradicts() {
    let c = compare(
        "The ministry will close every rural clinic",
        "The ministry said it would not close rural clinics",
    )
    .expect("a match");
    assert_eq!(c.wording, Wording::Paraphrase);
    assert_eq!(c.verdict, Verdict::Contradicted);
    assert!(changes(&c).contains(&"negation dropped ('not')"), "{c:?}");
}

#[test]
fn a_paraphrase_needs_two_thirds_of_the_content_words_and_three_of_them() {
    // Two content words of three in common ("each other" are stop words or not): no match.
    assert_eq!(
        compare(
            "We do not talk to each other",
            "The two armies fought beside each other"
        ),
        None
    );
    // Three of four: a paraphrase.
    let c = compare(
        "farmers protested the new water tax",
        "the tax on water angered farmers who protested",
    )
    .unwrap();
    assert_eq!(c.verdict, Verdict::Paraphrase);
    // Three of five: too few.
    assert_eq!(
        compare(
            "farmers protested the new water tax yesterday downtown",
            "the tax on water angered farmers who protested"
        ),
        None
    );
}

#[test]
fn unrelated_words_do_not_match() {
    assert_eq!(
        compare(
            "The moon is made of green cheese",
            "We do not talk to each other."
        ),
        None
    );
    assert_eq!(compare("", "We do not talk."), None);
    assert_eq!(compare("talk", "We do not speak."), None);
}

#[test]
fn the_shortest_window_holds_every_kind() {
    let hits = [(0, 0), (3, 1), (9, 0), (10, 2), (11, 1)];
    assert_eq!(shortest_window(&hits, 3), Some(9..12));
    assert_eq!(shortest_window(&hits[..1], 2), None);
}

fn a_match(verdict: Verdict, wording: Wording, speaker_matches: bool, score: f64) -> Match {
    Match {
        comparison: Comparison {
            verdict,
            wording,
            score,
            partial: false,
            diff: String::new(),
            shared: Vec::new(),
            changes: Vec::new(),
        },
        speaker_matches,
        doc: "d".into(),
        start: 0,
        end: 1,
        kind: "direct",
        quote: String::new(),
        speaker: "X".into(),
        speaker_title: String::new(),
        cue: String::new(),
        outlet: String::new(),
        sentence: String::new(),
    }
}

#[test]
fn ranking_puts_support_first_then_the_named_speaker_and_the_tightest_paraphrase() {
    let mut matches = vec![
        a_match(Verdict::Paraphrase, Wording::Paraphrase, true, 0.9),
        a_match(Verdict::Contradicted, Wording::Paraphrase, true, 0.5),
        a_match(Verdict::Altered, Wording::Close, true, 0.8),
        a_match(Verdict::Verbatim, Wording::Verbatim, false, 1.0),
        a_match(Verdict::Verbatim, Wording::Verbatim, true, 1.0),
        a_match(Verdict::Close, Wording::Close, true, 0.8),
    ];
    rank(&mut matches);
    let order: Vec<(Verdict, bool)> = matches
        .iter()
        .map(|m| (m.comparison.verdict, m.speaker_matches))
        .collect();
    assert_eq!(
        order,
        [
            (Verdict::Verbatim, true),
            (Verdict::Verbatim, false),
            (Verdict::Close, true),
            (Verdict::Altered, true),
            (Verdict::Paraphrase, true),
            (Verdict::Contradicted, true)
        ]
    );
}

#[test]
fn outcomes_and_their_exit_codes() {
    let g = grammar();
    let claim = Claim::new("the port will stay open all winter", &g);
    let answer = |matches: Vec<Match>, speaker: Option<&str>| {
        let found = Findings {
            matches,
            stitcher: Stitcher::default(),
        };
        Answer::new("claim", &claim, speaker, found, 5)
    };
    let a = answer(Vec::new(), None);
    assert_eq!((a.outcome, a.exit_code), (Outcome::NotFound, 1));
    assert_eq!(a.verdict, "not found");
    let a = answer(
        vec![a_match(Verdict::Close, Wording::Close, true, 0.9)],
        Some("X"),
    );
    assert_eq!((a.outcome, a.exit_code), (Outcome::Supported, 0));
    let a = answer(
        vec![a_match(Verdict::Verbatim, Wording::Verbatim, false, 1.0)],
        Some("Y"),
    );
    assert_eq!((a.outcome, a.exit_code), (Outcome::Misattributed, 6));
    assert_eq!(a.verdict, "verbatim, misattributed (said by X)");
    let a = answer(
        vec![a_match(Verdict::Contradicted, Wording::Close, true, 0.9)],
        None,
    );
    assert_eq!((a.outcome, a.exit_code), (Outcome::Contradicted, 3));
    let a = answer(
        vec![a_match(Verdict::Altered, Wording::Close, true, 0.9)],
        None,
    );
    assert_eq!((a.outcome, a.exit_code), (Outcome::Altered, 4));
    let a = answer(
        vec![a_match(Verdict::Paraphrase, Wording::Paraphrase, true, 0.9)],
        None,
    );
    assert_eq!((a.outcome, a.exit_code), (Outcome::Paraphrase, 7));
    let codes: HashSet<u8> = [
        Outcome::Supported,
        Outcome::NotFound,
        Outcome::Contradicted,
        Outcome::Altered,
        Outcome::Stitched,
        Outcome::Misattributed,
        Outcome::Paraphrase,
    ]
    .iter()
    .map(|o| o.exit_code())
    .collect();
    assert_eq!(codes.len(), 7, "one code each");
    assert!(!codes.contains(&2), "2 is for errors");
}

#[test]
fn a_claim_from_two_statements_is_stitched_with_both_sources() {
    let g = grammar();
    let claim = Claim::new(
        "the harbour will stay open all winter and the fishermen deserve better pay",
        &g,
    );
    let mut stitcher = Stitcher::default();
    for (doc, speaker, quote) in [
        (
            "a",
            "Marek Olsen",
            "The harbour will stay open all winter, I promise.",
        ),
        (
            "b",
            "Ines Tarrow",
            "Honestly the fishermen deserve better pay.",
        ),
    ] {
        let said = Words::new(quote);
        let parts = claim
            .runs(&said)
            .into_iter()
            .map(|(at, _, len)| Part {
                words: claim.shown(at..at + len),
                claim_start: at,
                claim_end: at + len,
                speaker: speaker.into(),
                speaker_matches: true,
                doc: doc.into(),
                start: 0,
                end: 0,
                statement_start: 0,
                statement_end: 0,
                kind: "direct",
                outlet: String::new(),
            })
            .collect();
        stitcher.add_statement(parts);
    }
    let found = Findings {
        matches: Vec::new(),
        stitcher,
    };
    let a = Answer::new("claim", &claim, None, found, 5);
    assert_eq!((a.outcome, a.exit_code), (Outcome::Stitched, 5));
    let parts: Vec<(&str, &str)> = a
        .parts
        .iter()
        .map(|p| (p.words.as_str(), p.speaker.as_str()))
        .collect();
    assert_eq!(
        parts,
        [
            ("the harbour will stay open all winter", "Marek Olsen"),
            ("the fishermen deserve better pay", "Ines Tarrow")
        ]
    );
    assert_eq!(
        a.verdict,
        "stitched from 2 statements (said by Marek Olsen, Ines Tarrow)"
    );
}
