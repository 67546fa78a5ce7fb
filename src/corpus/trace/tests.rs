//! Tests of `trace`: the pair test, the candidate index, union-find and the groups' facts, on
//! invented sentences.

use super::*;
use crate::span::Span;
use crate::statement::{Rule, Speaker, Statement};

/// The words of a sentence, split on spaces.
fn words(text: &str) -> Vec<&str> {
    text.split(' ').collect()
}

#[test]
fn one_changed_word_is_an_edit() {
    let a = words("the harbour will reopen for fishing boats next spring");
    let b = words("the harbour will reopen for cargo boats next spring");
    assert_eq!(near(&a, &b), Some(Near::Edited));
}

#[test]
fn a_dropped_or_inserted_word_is_an_edit() {
    let a = words("we never promised the farmers a new bridge over the river");
    let b = words("we never promised the farmers a bridge over the river");
    assert_eq!(near(&a, &b), Some(Near::Edited));
    assert_eq!(near(&b, &a), Some(Near::Edited));
}

#[test]
fn a_quote_cut_down_is_inside_the_whole() {
    let whole = words(
        "the council met twice this week and frankly the budget for the new library is a \
         disgrace to this town and everyone who lives here",
    );
    let part = words("the budget for the new library is a disgrace to this town");
    assert_eq!(near(&part, &whole), Some(Near::Inside));
    assert_eq!(near(&whole, &part), Some(Near::Inside));
}

#[test]
fn scattered_shared_words_are_not_inside() {
    let whole = words(
        "the budget was late and the new mayor said the library is closed for a year as a \
         disgrace to the town that it was",
    );
    let part = words("the budget for the new library is a disgrace to this town");
    assert_eq!(near(&part, &whole), None);
}

#[test]
fn different_quotes_and_short_ones_are_not_near() {
    let a = words("the harbour will reopen for fishing boats next spring");
    let b = words("our players gave everything on the pitch tonight");
    assert_eq!(near(&a, &b), None);
    // Under six words, only exact copies group.
    assert_eq!(near(&words("we will win"), &words("we will lose")), None);
}

#[test]
fn variants_say_how_they_differ_from_the_common_wording() {
    let common = words("the harbour will reopen for fishing boats next spring");
    let (relation, change, diff) = compare_wordings(
        &common,
        &words("the harbour will reopen for cargo boats next spring"),
    );
    assert_eq!(relation, "edited");
    assert_eq!(change, "1 word changed");
    assert_eq!(
        diff,
        "the harbour will reopen for [-fishing-] {+cargo+} boats next spring"
    );
    let (relation, change, diff) = compare_wordings(
        &common,
        &words("the harbour will reopen for boats next spring"),
    );
    assert_eq!(relation, "edited");
    assert_eq!(change, "1 word dropped");
    assert_eq!(
        diff,
        "the harbour will reopen for [-fishing-] boats next spring"
    );
    let (relation, _, diff) = compare_wordings(&common, &words("reopen for fishing boats"));
    assert_eq!(relation, "part");
    assert_eq!(
        diff,
        "[-the harbour will-] reopen for fishing boats [-next spring-]"
    );
    let (relation, _, diff) = compare_wordings(
        &words("reopen for fishing boats"),
        &words("the town said the harbour will reopen for fishing boats next spring"),
    );
    assert_eq!(relation, "longer");
    assert_eq!(
        diff,
        "{+…6 words+} reopen for fishing boats {+next spring+}"
    );
}

/// Wordings as interned word numbers.
fn interned(texts: &[&str]) -> Vec<Vec<u32>> {
    let mut interner = Interner::default();
    texts
        .iter()
        .map(|t| t.split(' ').map(|w| interner.id(w)).collect())
        .collect()
}

#[test]
fn near_duplicates_join_through_the_index_and_union_find() {
    let wordings = interned(&[
        "the harbour will reopen for fishing boats next spring",
        "our players gave everything on the pitch tonight",
        "the harbour will reopen for cargo boats next spring",
        "harbour will reopen for cargo boats",
        "the harbour is closed",
    ]);
    let slices: Vec<&[u32]> = wordings.iter().map(Vec::as_slice).collect();
    let mut sets = near_duplicates(&slices);
    assert_eq!(sets.find(0), sets.find(2));
    // Joined to 0 through 2: the part is inside the edited wording.
    assert_eq!(sets.find(0), sets.find(3));
    assert_ne!(sets.find(0), sets.find(1));
    assert_ne!(sets.find(0), sets.find(4));
}

#[test]
fn common_bigrams_propose_no_pairs() {
    // Many wordings share "we will"; two of them share nothing else, so no pair is tried.
    let mut texts: Vec<String> = (0..=COMMON_SHINGLE)
        .map(|i| format!("we will w{i}a w{i}b w{i}c w{i}d"))
        .collect();
    texts.push("we will w0a x1 x2 x3".to_string());
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let wordings = interned(&refs);
    let slices: Vec<&[u32]> = wordings.iter().map(Vec::as_slice).collect();
    let mut sets = near_duplicates(&slices);
    let last = u32::try_from(texts.len() - 1).unwrap();
    assert!((0..last).all(|i| sets.find(i) != sets.find(last)));
}

#[test]
fn union_find_joins_sets() {
    let mut sets = Sets::new(5);
    sets.union(0, 1);
    sets.union(3, 4);
    sets.union(1, 4);
    assert_eq!(sets.find(0), sets.find(3));
    assert_ne!(sets.find(0), sets.find(2));
    // Out of range: itself, no panic.
    assert_eq!(sets.find(99), 99);
}

#[test]
fn iso_dates_sort_first_and_none_last() {
    assert!(date_key("2016-01-02") < date_key("2016-01-10T08:00:00Z"));
    assert!(date_key("2017-01-01") < date_key("January 1, 2015"));
    assert!(date_key("January 1, 2015") < date_key(""));
}

/// An article with `doc`, `outlet`, `date` and statements (quote, speaker name): the text is
/// the quotes one per line.
fn article(doc: &str, outlet: &str, date: &str, said: &[(&str, &str)]) -> TracedArticle {
    let mut text = String::new();
    let mut statements = Vec::new();
    for (quote, speaker) in said {
        let start = text.len();
        text.push_str(quote);
        statements.push(Statement {
            kind: Kind::Direct,
            quote: Span::new(start, text.len()),
            mention: None,
            speaker: Speaker::new(*speaker, ""),
            cue: None,
            outlets: Default::default(),
            outlet_chain: Default::default(),
            paragraph: 0,
            sentence: 0,
            confidence: 0.9,
            rule: Rule::SameClause,
        });
        text.push('\n');
    }
    let extraction = Extraction {
        speaker_kinds: vec![SpeakerKind::Person; statements.len()],
        statements,
        article_outlet: None,
    };
    let meta = ArticleMeta {
        outlet: Some(outlet.to_string()),
        date: Some(date.to_string()),
        ..ArticleMeta::default()
    };
    TracedArticle::new(doc, &meta, &text, &extraction, &TraceOptions::default())
}

#[test]
fn a_group_has_its_words_dates_outlets_variants_and_chains() {
    let quote = "The harbour will reopen for fishing boats next spring.";
    let mut tracer = Tracer::new();
    tracer.add(article(
        "a",
        "Harbour Post",
        "2021-03-04",
        &[(quote, "Mary Okafor")],
    ));
    tracer.add(article(
        "b",
        "Coast Daily",
        "2021-03-02",
        &[(quote, "Okafor"), ("Nobody else said this at all.", "")],
    ));
    tracer.add(article(
        "c",
        "Coast Daily",
        "2021-03-05",
        &[(
            "The harbour will reopen for cargo boats next spring.",
            "Okafor",
        )],
    ));
    let groups = tracer.groups(2);
    assert_eq!(groups.len(), 1);
    let g = &groups[0];
    assert_eq!(g.words, quote);
    assert_eq!((g.articles, g.outlets, g.statements), (3, 2, 3));
    assert_eq!(g.earliest_date, "2021-03-02");
    assert_eq!(g.first_doc, "b");
    assert!(!g.misattribution, "Okafor is Mary Okafor: {:?}", g.speakers);
    assert_eq!(g.speakers.len(), 1);
    assert_eq!(g.speakers[0].speaker, "Mary Okafor");
    assert_eq!(g.speakers[0].articles, 3);
    assert_eq!(g.variants.len(), 2);
    assert_eq!(g.variants[1].relation, "edited");
    assert_eq!(g.variants[1].docs, ["c"]);
    assert_eq!(
        g.variants[1].diff,
        "the harbour will reopen for [-fishing-] {+cargo+} boats next spring"
    );
    let chains: Vec<(&str, usize)> = g
        .chains
        .iter()
        .map(|c| (c.chain.as_str(), c.articles))
        .collect();
    assert_eq!(chains, [("Coast Daily", 2), ("Harbour Post", 1)]);
}

#[test]
fn another_person_credited_flags_a_possible_misattribution() {
    let quote = "Our players gave everything on the pitch tonight.";
    let mut tracer = Tracer::new();
    tracer.add(article(
        "a",
        "Sport One",
        "2020-05-01",
        &[(quote, "Tom Reyes")],
    ));
    tracer.add(article(
        "b",
        "Sport Two",
        "2020-05-02",
        &[(quote, "Sam Reyes")],
    ));
    tracer.add(article("c", "Sport Two", "2020-05-03", &[(quote, "he")]));
    let groups = tracer.groups(2);
    assert_eq!(groups.len(), 1);
    assert!(groups[0].misattribution);
    let names: Vec<&str> = groups[0]
        .speakers
        .iter()
        .map(|p| p.speaker.as_str())
        .collect();
    assert_eq!(names, ["Sam Reyes", "Tom Reyes"]);
}

#[test]
fn one_article_is_no_trace_and_short_statements_are_not_kept() {
    let mut tracer = Tracer::new();
    let quote = "Our players gave everything on the pitch tonight.";
    tracer.add(article(
        "a",
        "X",
        "",
        &[(quote, "Tom Reyes"), (quote, "Tom Reyes")],
    ));
    tracer.add(article("b", "Y", "", &[("No comment.", "Tom Reyes")]));
    tracer.add(article("c", "Z", "", &[("No comment.", "Tom Reyes")]));
    assert_eq!(tracer.statements(), 2);
    assert!(tracer.groups(2).is_empty());
    assert_eq!(tracer.groups(1).len(), 1);
}
