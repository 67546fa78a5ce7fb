//! The statements the product was specified from, pinned on the sample articles in fixtures/:
//! speaker, title, cue and outlet of the rows the issues name, and every "he said" resolved.

use std::path::Path;

use whosaid::lexicon::Grammar;
use whosaid::statement::{Kind, Statement};
use whosaid::{Extraction, Extractor};

fn extract(fixture: &str) -> (String, Extraction) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(fixture);
    let text = std::fs::read_to_string(path).expect("fixture");
    let found = Extractor::new(Grammar::builtin()).extract(&text);
    (text, found)
}

/// The statement whose quote starts with `words`.
fn row<'a>(text: &str, found: &'a Extraction, words: &str) -> &'a Statement {
    found
        .statements
        .iter()
        .find(|s| s.quote.of(text).starts_with(words))
        .unwrap_or_else(|| panic!("no statement starts with {words:?}"))
}

/// The outlet column: the outlets' names as written in the output.
fn names(outlets: &[whosaid::statement::OutletRef]) -> String {
    whosaid::output::outlet_names(outlets).into_owned()
}

fn mention<'a>(text: &'a str, s: &Statement) -> &'a str {
    s.mention.map_or("", |m| m.of(text))
}

#[test]
fn peskov_told_ria_novosti() {
    let (text, found) = extract("001_ebe0b57413b9d75f.txt");
    let s = row(&text, &found, "Nearly all levels of our dialog");
    assert_eq!(s.kind, Kind::Direct);
    assert_eq!(s.speaker.name, "Dmitry Peskov");
    assert_eq!(s.speaker.title, "Kremlin spokesman");
    assert_eq!(s.cue.map(|c| c.of(&text)), Some("told"));
    assert_eq!(names(&s.outlets), "RIA Novosti");
    assert_eq!(mention(&text, s), "Kremlin spokesman Dmitry Peskov");
}

#[test]
fn putin_through_cnn_citing_russian_state_media() {
    let (text, found) = extract("000_c7d56fbf284a1285.txt");
    let s = row(
        &text,
        &found,
        "We will not create problems for American diplomats",
    );
    assert_eq!(s.kind, Kind::Direct);
    assert_eq!(s.speaker.name, "Vladimir Putin");
    assert_eq!(names(&s.outlets), "CNN");
    let chain: Vec<&str> = s.outlet_chain.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(chain, ["Russian state media"]);
    assert_eq!(
        whosaid::output::outlet_chain(&s.outlets, &s.outlet_chain),
        "CNN <- Russian state media"
    );
    // Each outlet is named where it stands in the text ("the cable news network" is CNN).
    let grammar = whosaid::lexicon::Grammar::builtin();
    for outlet in s.outlets.iter().chain(&s.outlet_chain) {
        let named = outlet.span.map(|span| span.of(&text)).unwrap_or("");
        let canonical = grammar.outlet(named).map(|o| o.name.as_str());
        assert_eq!(canonical, Some(outlet.name.as_str()), "{named:?}");
    }
    assert_eq!(
        found.article_outlet.as_ref().map(|o| o.name.as_str()),
        Some("CNN"),
        "the leading 'CNN:' line"
    );
}

#[test]
fn trump_according_to_cnn() {
    let (text, found) = extract("001_ebe0b57413b9d75f.txt");
    for words in ["They have no idea", "It could be somebody sitting"] {
        let s = row(&text, &found, words);
        assert_eq!(s.speaker.name, "Trump", "{words}");
        assert_eq!(names(&s.outlets), "CNN", "{words}");
    }
}

#[test]
fn zakharova_on_facebook_and_medvedev_on_twitter_and_facebook() {
    let (text, found) = extract("000_c7d56fbf284a1285.txt");
    let zakharova = row(&text, &found, "American officials have");
    assert_eq!(zakharova.speaker.name, "Maria Zakharova");
    assert_eq!(
        zakharova.speaker.title,
        "Russian Foreign Ministry spokeswoman"
    );
    assert_eq!(names(&zakharova.outlets), "Facebook");
    let medvedev = row(&text, &found, "Sadly, the Obama administration");
    assert_eq!(medvedev.speaker.name, "Dmitry Medvedev");
    assert_eq!(names(&medvedev.outlets), "Twitter; Facebook");
    for outlet in &medvedev.outlets {
        assert_eq!(outlet.kind, whosaid::lexicon::OutletKind::Platform);
        assert_eq!(
            outlet.span.map(|span| span.of(&text)),
            Some(outlet.name.as_str())
        );
    }
}

#[test]
fn ryabkov_on_rossiya_1s_60_minutes() {
    let (text, found) = extract("004_9e3e50b3aa6c5154.txt");
    for words in [
        "Russia is not interested",
        "There is no mutual decision",
        "We don’t want diplomatic missions",
    ] {
        let s = row(&text, &found, words);
        assert_eq!(s.speaker.name, "Sergey Ryabkov", "{words}");
        assert_eq!(names(&s.outlets), "Rossiya-1’s 60 Minutes", "{words}");
    }
}

#[test]
fn every_pronoun_speaker_is_resolved() {
    let cases = [
        (
            "000_c7d56fbf284a1285.txt",
            "We cannot not respond",
            "he",
            "Sergei Lavrov",
        ),
        (
            "000_c7d56fbf284a1285.txt",
            "This goes against the law",
            "he",
            "Sergei Lavrov",
        ),
        (
            "002_ea305af6d3fb4f50.txt",
            "I know the mood of our people",
            "he",
            "Vladimir Putin",
        ),
        (
            "003_67cd14ca8b33c227.txt",
            "pragmatism",
            "he",
            "Vladimir Putin",
        ),
        (
            "004_9e3e50b3aa6c5154.txt",
            "There is no mutual decision",
            "he",
            "Sergey Ryabkov",
        ),
        (
            "004_9e3e50b3aa6c5154.txt",
            "If Washington does not correct",
            "she",
            "Maria Zakharova",
        ),
        (
            "001_ebe0b57413b9d75f.txt",
            "created a power vacuum",
            "he",
            "Vitaly Churkin",
        ),
    ];
    for (fixture, words, pronoun, speaker) in cases {
        let (text, found) = extract(fixture);
        let s = row(&text, &found, words);
        assert_eq!(mention(&text, s), pronoun, "{words}");
        assert_eq!(s.speaker.name, speaker, "{words}");
    }
}

#[test]
fn partial_quotes_and_reported_speech_are_statements() {
    let (text, found) = extract("000_c7d56fbf284a1285.txt");
    let groundless = row(&text, &found, "groundless");
    assert_eq!(groundless.kind, Kind::Partial);
    assert_eq!(groundless.speaker.name, "Sergei Lavrov");
    let (text, found) = extract("002_ea305af6d3fb4f50.txt");
    let headline = row(&text, &found, "Russia is Not US Enemy");
    assert_eq!(headline.kind, Kind::Indirect);
    assert_eq!(headline.speaker.name, "Vladimir Putin");
}

#[test]
fn titles_carry_over_to_later_rows_of_the_same_speaker() {
    let (text, found) = extract("001_ebe0b57413b9d75f.txt");
    let later = row(&text, &found, "We can only once again express regret");
    assert_eq!(mention(&text, later), "Peskov");
    assert_eq!(later.speaker.name, "Dmitry Peskov");
    assert_eq!(later.speaker.title, "Kremlin spokesman");
    let power = row(&text, &found, "Are you truly incapable of shame?");
    assert_eq!(power.speaker.name, "Samantha Power");
    assert_eq!(power.speaker.title, "U.S. Ambassador to the U.N.");
}
