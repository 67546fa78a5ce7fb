//! Tests of `lexicon`; the spelling tests of `cues.txt` are in `tests/cues.rs`, the
//! gazetteer's (`outlets.txt`) in `tests/outlets.rs`.

mod cues;
mod outlets;

use super::parse::*;
use super::table::*;
use super::*;
use crate::span::Span;
use std::collections::{HashMap, HashSet};

#[test]
fn outlet_lead_is_the_ascii_word_start() {
    assert_eq!(outlet_lead("CNN's report"), Some("CNN"));
    assert_eq!(outlet_lead("Rossiya-1"), Some("Rossiya"));
    assert_eq!(outlet_lead("60 Minutes"), Some("60"));
    assert_eq!(outlet_lead("Fox"), Some("Fox"));
    // A curly apostrophe ends the run as "'" does.
    assert_eq!(outlet_lead("Trump’s aide"), Some("Trump"));
    assert_eq!(outlet_lead("I’m"), Some("I"));
    assert_eq!(outlet_lead("Rock‘n"), None);
    // A run that a non-ASCII letter may continue, or no run at all: no lead.
    assert_eq!(outlet_lead("Süddeutsche"), None);
    assert_eq!(outlet_lead("«Le Monde»"), None);
    assert_eq!(outlet_lead(""), None);
}

#[test]
fn only_words_that_start_no_alias_are_ruled_out() {
    let g = Grammar::builtin();
    assert!(g.outlet_lead_may_match(b"CNN, the network"));
    assert!(g.outlet_lead_may_match(b"Fox News said"));
    assert!(!g.outlet_lead_may_match(b"Obama said"));
    assert!(!g.outlet_lead_may_match(b"CNNx"));
    // A possessive or contraction with a curly apostrophe is judged by the letters before it.
    assert!(g.outlet_lead_may_match("CNN’s report".as_bytes()));
    assert!(!g.outlet_lead_may_match("Obama’s aide".as_bytes()));
    // Text without an ASCII lead is never ruled out.
    assert!(g.outlet_lead_may_match("Ékho Moskvy".as_bytes()));
    // An alias without an ASCII lead matches only text without one, which is never ruled
    // out: the test stays on for every other word.
    let custom = Grammar::with_file("outlets.txt", "Süddeutsche Zeitung | outlet");
    let custom = custom.unwrap_or_else(|e| panic!("{e}"));
    assert!(!custom.outlet_lead_may_match(b"Obama said"));
    assert!(custom.outlet_lead_may_match("Süddeutsche Zeitung".as_bytes()));
}

#[test]
fn alphanumeric_run_counts_ascii_letters_and_digits() {
    let samples = [
        "",
        "a",
        "Z9",
        "CNN's",
        "abcdefgh",
        "abcdefghijklmnopq r",
        "Washington Post",
        "Süddeutsche",
        "@[`{/:",
        "09AZaz",
        "aaaaaaa\u{80}",
        "Rossiya-1",
        "xxxxxxxxé",
        "«Le",
    ];
    for sample in samples {
        let bytes = sample.as_bytes();
        for from in 0..bytes.len() {
            let rest = &bytes[from..];
            let slow = rest
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .unwrap_or(rest.len());
            assert_eq!(alphanumeric_run(rest), slow, "{sample:?} from {from}");
        }
    }
    // Every byte value, at every place of a chunk.
    for byte in 0..=255u8 {
        for at in 0..9 {
            let mut bytes = vec![b'a'; 12];
            bytes[at] = byte;
            let slow = bytes
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .unwrap_or(12);
            assert_eq!(alphanumeric_run(&bytes), slow, "{byte} at {at}");
        }
    }
}

#[test]
fn outlet_lead_may_match_agrees_with_the_lead_table() {
    let slow = |g: &Grammar, text: &str| match (&g.index().outlet_leads, outlet_lead(text)) {
        (Some(leads), Some(lead)) => leads.get(lead).is_some(),
        _ => true,
    };
    let g = Grammar::builtin();
    let mut texts: Vec<String> = g.outlet_aliases.keys().cloned().collect();
    for alias in g.outlet_aliases.keys() {
        texts.push(format!("{alias}'s report"));
        texts.push(format!("{alias}’s report"));
        texts.push(format!("{alias}x"));
        texts.push(format!("{alias}é"));
        texts.push(alias.chars().skip(1).collect());
        texts.push(alias.chars().take(3).collect());
    }
    for text in [
        "",
        "Obama said",
        "The",
        "ThereX",
        "60",
        "600 Minutes",
        "ÉKHO",
        "C-SPAN",
        "CNN\u{a0}",
        "Bloombergs",
        "Bloomberg",
        "Washington",
        "WashingtonPost",
        "X",
        "X,",
        "Xé",
        "1",
    ] {
        texts.push(text.to_string());
    }
    for text in &texts {
        assert_eq!(
            g.outlet_lead_may_match(text.as_bytes()),
            slow(&g, text),
            "{text:?}"
        );
    }
    let custom = Grammar::with_file("outlets.txt", "Süddeutsche Zeitung | outlet");
    let custom = custom.unwrap_or_else(|e| panic!("{e}"));
    for text in &texts {
        let may = custom.outlet_lead_may_match(text.as_bytes());
        assert_eq!(may, outlet_lead(text).is_none(), "{text:?}");
    }
}

/// Every word of every section of `g`, as listed, in capitals and capitalised, and a few
/// words no section lists.
fn section_test_words(g: &Grammar) -> Vec<String> {
    let mut words = vec!["Kremlin".to_string(), "3".to_string(), ",".to_string()];
    for word in g.function_words.values().flatten() {
        let mut chars = word.chars();
        let capitalised: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        words.extend([word.clone(), word.to_uppercase(), capitalised]);
    }
    words
}

/// `in_section` and `token_in_section` (on looked-up and on plain tokens) agree with
/// `is_function_word` for every rule section and every test word.
fn assert_sections_agree(g: &Grammar) {
    for word in section_test_words(g) {
        let whole = crate::span::Span::new(0, word.len());
        let looked_up = crate::text::tokens::tokenize_with(&word, whole, g);
        let plain = crate::text::tokens::tokenize(&word, whole, &|_| false);
        for section in Section::ALL {
            let expected = g.is_function_word(section.name(), &word);
            assert_eq!(
                g.in_section(section, &word),
                expected,
                "{section:?} {word:?}"
            );
            if let [token] = looked_up.as_slice() {
                let found = g.token_in_section(section, token, &word);
                assert_eq!(found, expected, "{section:?} token {word:?}");
            }
            for token in looked_up.iter().chain(&plain) {
                let text = token.text(&word);
                assert_eq!(
                    g.token_in_section(section, token, &word),
                    g.is_function_word(section.name(), text),
                    "{section:?} token {text:?} of {word:?}"
                );
            }
        }
    }
}

#[test]
fn token_section_bits_agree_with_the_word_lists() {
    let g = Grammar::builtin();
    assert!(g.in_section(Section::Determiners, "The"));
    assert_sections_agree(&g);
}

#[test]
fn token_flags_agree_with_the_lexicons() {
    let g = Grammar::builtin();
    let keys = g
        .cues
        .keys()
        .chain(g.titles.keys())
        .chain(g.pronouns.keys());
    let mut words = section_test_words(&g);
    for key in keys {
        for word in key.split(' ') {
            words.extend([word.to_string(), word.to_uppercase()]);
        }
    }
    for word in &words {
        let whole = crate::span::Span::new(0, word.len());
        let looked_up = crate::text::tokens::tokenize_with(word, whole, &g);
        let plain = crate::text::tokens::tokenize(word, whole, &|_| false);
        for token in looked_up.iter().chain(&plain) {
            let text = token.text(word);
            let lex = g.token_lex(token, word);
            assert_eq!(lex.is_title(), g.title(text).is_some(), "{text:?}");
            assert_eq!(lex.is_pronoun(), g.pronoun(text).is_some(), "{text:?}");
            let cue_noun = g.cue(text).is_some_and(|c| c.noun);
            assert_eq!(lex.is_cue_noun(), cue_noun, "{text:?}");
            let ends_title = g.titles.keys().any(|k| {
                k.rsplit_once(' ')
                    .is_some_and(|(_, last)| last == lower(text).as_str())
            });
            assert_eq!(lex.ends_title(), ends_title, "{text:?}");
        }
    }
}

#[test]
fn sections_past_the_bits_are_looked_up_by_name() {
    // Thirty other sections, whatever their names, come after the rule sections: those take
    // the section bits in `Section::ALL`'s order, and the rest are looked up by name.
    let mut text = SOURCES
        .iter()
        .find(|s| s.name == "function_words.txt")
        .map(|s| s.builtin.to_string())
        .unwrap_or_default();
    for i in 0..30 {
        text.push_str(&format!("\n[aa{i:02}]\nfiller{i}\n"));
    }
    let g = Grammar::with_file("function_words.txt", &text).expect("grammar loads");
    assert!(g.function_words.len() > Lex::SECTIONS);
    for (i, &section) in Section::ALL.iter().enumerate() {
        let has_bit = g.index().section_bits[section as usize] != 0;
        assert_eq!(has_bit, i < Lex::SECTIONS, "{section:?}");
    }
    assert!(g.in_section(Section::Determiners, "The"));
    assert!(g.in_section(Section::PassiveAuxiliaries, "Were"));
    assert!(g.is_function_word("aa03", "FILLER3"));
    assert_sections_agree(&g);
    // Words of sections without a bit still carry the flags those sections give.
    for word in ["the", "The", "and", "which"] {
        assert!(Lex::of_word(word, &g).is_name_stop(), "{word}");
    }
}

#[test]
fn builtin_grammar_loads() {
    let g = Grammar::builtin();
    assert!(g
        .cue("said")
        .is_some_and(|c| c.speech && &*c.lemma == "say"));
    assert!(g.cue("told").is_some_and(|c| c.addressee));
    // "..., said the mayor": say-verbs may precede their subject; "praised the mayor" not.
    assert!(g.cue("says").is_some_and(|c| c.inverts));
    assert!(g.cue("praised").is_some_and(|c| !c.inverts));
    assert!(g.cue("thinks").is_none(), "beliefs are not cues");
    assert_eq!(
        g.title("Spokeswoman").and_then(|t| t.gender),
        Some(Gender::Female)
    );
    assert_eq!(
        g.outlet("the cable news network").map(|o| o.name.as_str()),
        Some("CNN")
    );
    assert_eq!(
        g.outlet("Facebook").map(|o| o.kind),
        Some(OutletKind::Platform)
    );
    assert_eq!(g.first_names.get("Maria"), Some(&Gender::Female));
    assert!(g.abbreviations.iter().any(|a| a == "u.s"));
    assert!(g.is_function_word("determiners", "The"));
}

#[test]
fn accepts_lines() {
    assert_eq!(parse_line("  # comment"), Ok(None));
    assert_eq!(parse_line(""), Ok(None));
    assert_eq!(
        parse_line("[skip_words]"),
        Ok(Some(Line::Section("skip_words")))
    );
    assert_eq!(
        parse_line("CNN | outlet | a, b"),
        Ok(Some(Line::Entry(vec!["CNN", "outlet", "a, b"])))
    );
    assert_eq!(parse_line("said"), Ok(Some(Line::Entry(vec!["said"]))));
}

#[test]
fn rejects_lines() {
    assert!(parse_line("[unclosed").is_err());
    assert!(parse_line("[two words]").is_err());
    assert!(parse_line("| no name").is_err());
}

#[test]
fn malformed_file_names_file_and_line() {
    let dir = std::env::temp_dir().join(format!("whosaid-grammar-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("outlets.txt"),
        "# ok\nCNN | outlet |\nBBC | newspaper\n",
    )
    .unwrap();
    let err = Grammar::from_dir(&dir).unwrap_err().to_string();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(err.contains("outlets.txt:3:"), "{err}");
    assert!(err.contains("outlet kind"), "{err}");
}

#[test]
fn user_file_replaces_builtin() {
    let dir = std::env::temp_dir().join(format!("whosaid-grammar-u{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("cues.txt"), "mumble mumbled | speech\n").unwrap();
    let g = Grammar::from_dir(&dir).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(g.cue("mumbled").is_some());
    assert!(g.cue("said").is_none());
    assert!(g.outlet("CNN").is_some(), "other files stay built in");
}

#[test]
fn builtin_loads_every_file_section_and_tag() {
    let g = Grammar::builtin();
    assert!(Grammar::file_names().contains(&"sentence_starters.txt"));
    for section in Section::ALL {
        let words = g.function_words.get(section.name());
        assert!(words.is_some_and(|w| !w.is_empty()), "{section:?}");
    }
    // Every section the rules ask about gets a bit while there are bits (`Lex::SECTIONS`); the
    // rest are looked up by name.
    let without_bit = Section::ALL
        .iter()
        .filter(|&&s| g.index().section_bits[s as usize] == 0)
        .count();
    assert!(without_bit <= Section::ALL.len().saturating_sub(Lex::SECTIONS));
    assert!(g.in_section(Section::AdjunctStarts, "According"));
    assert!(g.in_section(Section::QuestionWords, "whether"));
    assert!(g.in_section(Section::Subordinators, "although"));
    assert!(g.in_section(Section::Auxiliaries, "been"));
    assert!(g.in_section(Section::NounFreeDeterminers, "three"));
    assert!(g.in_section(Section::Quantifiers, "several"));
    assert!(g.in_section(Section::NameSuffixes, "Jr."));
    assert!(g.in_section(Section::GoverningPrepositions, "across"));
    assert!(g.in_section(Section::NonSubjectPronouns, "him"));
    assert!(g.in_section(Section::ObjectPronouns, "it"));
    assert!(g.in_section(Section::TitleComplements, "of"));
    assert!(g.in_section(Section::PlaceConnectors, "from"));
    assert!(g.in_section(Section::Articles, "The"));
    assert!(g.cue("Says").is_some_and(|c| c.headline) && !g.cue("added").unwrap().headline);
    assert!(g.sentence_starters.iter().any(|s| s == "However"));
    let tags = |key: &str| g.abbreviation_tags.get(key).copied().unwrap_or_default();
    assert!(tags("mr").title && tags("mr").social && tags("mr").proper);
    assert!(tags("st").title && !tags("st").proper && !tags("st").social);
    assert!(tags("calif").state && tags("n.j").state);
    assert!(tags("vs").joiner && tags("e.g").joiner);
    assert!(tags("jan").proper && tags("no").proper && !tags("u.s").proper);
    assert_eq!(g.abbreviation_tags.len(), g.abbreviation_set.len());
}

#[test]
fn unknown_abbreviation_tags_are_errors_and_empty_lists_are_none() {
    let err = Grammar::with_file("abbreviations.txt", "Mr. | title honorific\n");
    assert!(err.is_err());
    let g = Grammar::with_file("sentence_starters.txt", "# none\n").unwrap();
    assert!(g.sentence_starters.is_empty());
    let g = Grammar::with_file("function_words.txt", "[question_words]\n[auxiliaries]\n").unwrap();
    assert!(!g.in_section(Section::QuestionWords, "whether"));
    assert!(!g.in_section(Section::AdjunctStarts, "on"));
    let extractor = crate::Extractor::new(g);
    let text = "Lee asked whether the plan was fair. \"No,\" he said. It was, Lee said on Friday.";
    let _ = extractor.extract(text);
}

#[test]
fn edited_lists_in_a_grammar_dir_change_what_is_found() {
    let dir = std::env::temp_dir().join(format!("whosaid-grammar-w{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // A question word removed: "asked whether ..." no longer reports what was asked.
    let words = include_str!("../../grammar/function_words.txt")
        .replace("[question_words]\n", "[question_words]\nwhither\n")
        .replace("\nwhether\n", "\n");
    std::fs::write(dir.join("function_words.txt"), words).unwrap();
    // An invented sentence starter: "U.S. Zebras" now ends a sentence after "U.S.".
    let starters = format!(
        "{}Zebras\n",
        include_str!("../../grammar/sentence_starters.txt")
    );
    std::fs::write(dir.join("sentence_starters.txt"), starters).unwrap();
    // "Calif." untagged: an abbreviation, but no longer a state that closes "City, ST.".
    let abbreviations = include_str!("../../grammar/abbreviations.txt")
        .replace("Calif.     | state proper", "Calif.");
    std::fs::write(dir.join("abbreviations.txt"), abbreviations).unwrap();
    let edited = Grammar::from_dir(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    let edited = edited.unwrap();
    let builtin = Grammar::builtin();

    let asked = "Senator Jane Lee asked whether the new tax plan was fair to farmers.";
    let found = |g: &Grammar| {
        let extraction = crate::Extractor::new(g.clone()).extract(asked);
        extraction
            .statements
            .iter()
            .map(|s| s.quote.of(asked).to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        found(&builtin),
        ["whether the new tax plan was fair to farmers"]
    );
    assert!(found(&edited).is_empty());

    let sentences = |g: &Grammar, text: &str| {
        crate::text::segment::Segmenter::from_grammar(g)
            .segment(text)
            .sentences
            .len()
    };
    let zebras = "The plan came from the U.S. Zebras grazed on.";
    assert_eq!(sentences(&builtin, zebras), 1);
    assert_eq!(sentences(&edited, zebras), 2);
    let dateline = "He spoke at a rally in Fresno, Calif. Roger Lee was there.";
    assert_eq!(sentences(&builtin, dateline), 2);
    assert_eq!(sentences(&edited, dateline), 1);
}

/// `lower` as it was first written: the reference for the fast version.
fn reference_lower(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else if word.chars().any(char::is_uppercase) {
        word.to_lowercase()
    } else {
        word.to_string()
    }
}

/// Words of every length up to 40 bytes, in mixed case, some not ASCII.
fn sample_words() -> Vec<String> {
    let mut words = vec![
        String::new(),
        "İstanbul".to_string(),
        "ǅemal".to_string(),
        "Señor".to_string(),
        "ÉLYSÉE".to_string(),
        "@[`{".to_string(),
        "\u{7f}\u{80}".to_string(),
        "Trump’s".to_string(),
        "TRUMP’S".to_string(),
        "trump’s".to_string(),
        "“Who".to_string(),
        "—And…".to_string(),
        "Administration’s".to_string(),
        "ADMINISTRATION’S".to_string(),
        "Señor’s".to_string(),
        "İ’s".to_string(),
        "’\u{2040}A".to_string(),
        "\u{2070}A".to_string(),
    ];
    let alphabet = b"aZbY@[`{09 .'-";
    let mut next = crate::test_rng::xorshift(0x9E37_79B9_7F4A_7C15);
    for len in 0..=40 {
        for _ in 0..20 {
            let word: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize] as char)
                .collect();
            words.push(word);
        }
    }
    words
}

#[test]
fn word_lex_agrees_with_the_word_lookup() {
    let g = Grammar::builtin();
    let mut texts: Vec<String> = sample_words();
    texts.push("He SAID, “Trump’s” spokesman said: the U.S. and A said".to_string());
    texts.push("according TO the ministry’s Spokeswoman; He she THEY Said".to_string());
    for text in &texts {
        for start in 0..=text.len() {
            for end in start..=text.len().min(start + 18) {
                let span = Span::new(start, end);
                assert_eq!(
                    g.word_lex(text, span),
                    Lex::of_word(span.of(text), &g),
                    "{text:?} {start}..{end}"
                );
            }
        }
    }
}

#[test]
fn cue_at_agrees_with_the_cue_lookup() {
    let g = Grammar::builtin();
    let mut texts: Vec<String> = sample_words();
    texts.push("He ANNOUNCED, “Trump’s” aide acknowledged: she explained it, Said".to_string());
    texts.push(
        "according TO the ministry, which Reiterated and disclosed; corroborated".to_string(),
    );
    for text in &texts {
        for start in 0..=text.len() {
            for end in start..=text.len().min(start + 18) {
                let span = Span::new(start, end);
                let word = text.get(start..end).unwrap_or("");
                assert_eq!(
                    g.cue_at(text, span).map(|c| &c.lemma),
                    g.cue(word).map(|c| &c.lemma),
                    "{text:?} {start}..{end}"
                );
            }
        }
    }
}

#[test]
fn lower_matches_the_reference() {
    for word in sample_words() {
        assert_eq!(lower(&word).as_str(), reference_lower(&word), "{word:?}");
    }
}

#[test]
fn word_table_finds_keys_as_written_and_in_any_case() {
    let words = sample_words();
    let mut keys: Vec<String> = words
        .iter()
        .step_by(3)
        .map(|w| reference_lower(w))
        .collect();
    keys.extend(["Said", "chief executive officer", "señor", "i̇stanbul"].map(String::from));
    keys.sort();
    keys.dedup();
    let table = WordTable::new(keys.iter().enumerate().map(|(i, k)| (k.as_str(), i)));
    let index_of = |key: &str| keys.iter().position(|k| k == key);
    let mut probes = words.clone();
    probes.extend(
        [
            "SAID",
            "Said",
            "said",
            "Chief Executive Officer",
            "SEÑOR",
            "İstanbul",
        ]
        .map(String::from),
    );
    for probe in &probes {
        assert_eq!(table.get(probe).copied(), index_of(probe), "{probe:?}");
        assert_eq!(
            table.get_any_case(probe).copied(),
            index_of(&reference_lower(probe)),
            "{probe:?}"
        );
    }
    assert_eq!(
        table.get_any_case("SAID"),
        None,
        "a key with capitals is found only as written"
    );
    assert!(table.get_any_case("Chief Executive Officer").is_some());
    assert!(table.get_any_case("İstanbul").is_some());
}

#[test]
fn join_words_collapses_whitespace_runs() {
    assert_eq!(join_words(" a  b\tc "), "a b c");
    assert_eq!(join_words("a\u{a0}\nb"), "a b");
    assert_eq!(join_words(""), "");
}

#[test]
fn speaker_word_lookups_agree_with_the_lists() {
    let g = Grammar::builtin();
    let mut words: Vec<String> = g.document_nouns.iter().cloned().collect();
    words.extend(g.not_speakers.iter().cloned());
    words.extend(
        [
            "Report", "LAWSUIT", "Former", "us", "US", "Kremlin", "", "É",
        ]
        .map(String::from),
    );
    for word in words.clone() {
        words.push(word.to_uppercase());
        words.push(format!("{word}x"));
    }
    for word in &words {
        let lower = word.to_lowercase();
        assert_eq!(
            g.is_document_noun(word),
            g.document_nouns.contains(&lower),
            "{word:?}"
        );
        assert_eq!(
            g.is_not_speaker(word),
            g.not_speakers.contains(&lower),
            "{word:?}"
        );
    }
}

#[test]
fn a_title_pair_is_the_title_of_the_two_words_joined() {
    let g = Grammar::builtin();
    let mut pairs: Vec<(String, String)> = g
        .titles
        .keys()
        .filter_map(|t| t.split_once(' '))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    pairs.extend(
        [
            ("Foreign", "Ministry"),
            ("foreign", "minister"),
            ("White", "House"),
            ("Prime", "Minister"),
            ("Jane", "Porter"),
            ("Ünited", "Nätions"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string())),
    );
    pairs.push(("a".repeat(40), "b".repeat(40)));
    for (first, second) in &pairs {
        let joined = format!("{first} {second}");
        assert_eq!(g.title_pair(first, second), g.title(&joined), "{joined:?}");
        let upper = (first.to_uppercase(), second.to_uppercase());
        let joined = format!("{} {}", upper.0, upper.1);
        assert_eq!(
            g.title_pair(&upper.0, &upper.1),
            g.title(&joined),
            "{joined:?}"
        );
    }
}

#[test]
fn fields_are_trimmed_as_str_trim_does() {
    for text in [
        "",
        " ",
        "a",
        " a ",
        "\ta\u{b}",
        "\u{a0}a\u{a0}",
        " \u{2003} a b \u{2003} ",
        "é",
        " é ",
        "a\u{85}",
        "\u{85}",
    ] {
        assert_eq!(entry(text), vec![text.trim()], "{text:?}");
        assert_eq!(phrase_key(text), {
            let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
            words.join(" ")
        });
    }
    assert_eq!(entry(" A | b |"), ["A", "b", ""]);
    assert_eq!(phrase_key("Secretary  of\tSTATE"), "secretary of state");
}

#[test]
fn an_alias_is_read_as_at_most_its_runs_and_marks() {
    use super::parse::token_bound;
    assert_eq!(token_bound("Fox News"), 2);
    assert_eq!(token_bound("L.A. Times"), 5);
    assert_eq!(token_bound("Rossiya-1's"), 5);
    assert_eq!(token_bound("Ámbito Financiero"), 2);
    assert_eq!(token_bound("Écho «Moskvy»"), 4);
    let grammar = Grammar::builtin();
    assert!(grammar.longest_outlet >= token_bound("L.A. Times"));
}
