//! Tests of the gazetteer, `outlets.txt`: its format, its size, and how its aliases name
//! outlets in text (shared aliases, longest names, surnames).

use super::*;
use crate::attribution::outlets::outlet_mentions;
use crate::text::tokens::tokenize_with;

/// The outlets `text` (one paragraph) names, as (name, words as written).
fn mentions(grammar: &Grammar, text: &str) -> Vec<(String, String)> {
    let tokens = tokenize_with(text, Span::new(0, text.len()), grammar);
    outlet_mentions(text, &vec![tokens].into(), grammar)
        .into_iter()
        .map(|o| {
            let written = o.span.map_or("", |s| s.of(text)).to_string();
            (o.name, written)
        })
        .collect()
}

/// The names alone of [`mentions`].
fn names(grammar: &Grammar, text: &str) -> Vec<String> {
    mentions(grammar, text)
        .into_iter()
        .map(|(n, _)| n)
        .collect()
}

fn with_outlets(text: &str) -> Grammar {
    Grammar::with_file("outlets.txt", text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn no_outlet_alias_names_two_outlets() {
    // The loader keeps an alias's first outlet, so a repeated alias would silently map a name
    // to the wrong outlet: the file itself must not repeat one, except an alias marked `~`
    // as shared, which no outlet may also list unmarked.
    let mut owner: HashMap<String, &str> = HashMap::new();
    let mut shared: HashSet<String> = HashSet::new();
    for line in include_str!("../../../grammar/outlets.txt").lines() {
        let Ok(Some(Line::Entry(fields))) = parse_line(line) else {
            continue;
        };
        for alias in outlet_aliases(&fields) {
            if alias.ambiguous {
                shared.insert(alias.key);
                continue;
            }
            let first = *owner.entry(alias.key.clone()).or_insert(fields[0]);
            assert_eq!(
                first, fields[0],
                "{:?} names {first} and {}",
                alias.key, fields[0]
            );
        }
    }
    for alias in &shared {
        assert!(
            !owner.contains_key(alias),
            "{alias:?} is shared and also names {} alone",
            owner[alias]
        );
    }
    assert!(owner.len() > 2000, "{} aliases read", owner.len());
    assert!(shared.len() >= 5, "{} shared aliases read", shared.len());
}

#[test]
fn the_gazetteer_has_a_thousand_outlets_each_with_a_country() {
    let mut count = 0;
    for (number, line) in include_str!("../../../grammar/outlets.txt")
        .lines()
        .enumerate()
    {
        let Ok(Some(Line::Entry(fields))) = parse_line(line) else {
            continue;
        };
        assert_eq!(fields.len(), 4, "line {}: {line:?}", number + 1);
        let read = OutletLine::read(&fields).unwrap_or_else(|e| panic!("line {}: {e}", number + 1));
        assert!(read.country.is_some(), "line {}", number + 1);
        count += 1;
    }
    assert!(count >= 1000, "{count} outlets");
    let g = Grammar::builtin();
    assert_eq!(g.outlets.len(), count);
    assert!(g.outlets.iter().all(|o| o.country.is_some()));
    let country = |name: &str| g.outlet(name).and_then(|o| o.country);
    assert_eq!(country("Le Monde").as_deref(), Some("FR"));
    assert_eq!(country("TASS").as_deref(), Some("RU"));
    assert_eq!(country("YouTube").as_deref(), Some("intl"));
}

#[test]
fn an_older_three_field_file_still_loads() {
    let g = with_outlets(
        "# the format before countries\nDaily Bugle | outlet | the Bugle, DB\nThe Planet | outlet |\nBugle Chat | platform\n",
    );
    let bugle = g.outlet("the Bugle");
    assert_eq!(bugle.map(|o| o.name.as_str()), Some("Daily Bugle"));
    assert_eq!(bugle.and_then(|o| o.country.as_deref()), None);
    assert_eq!(g.outlet("DB").map(|o| o.name.as_str()), Some("Daily Bugle"));
    assert!(g.outlet("the Planet").is_some());
    assert_eq!(
        g.outlet("Bugle Chat").map(|o| o.kind),
        Some(OutletKind::Platform)
    );
    // The new format beside it, with and without aliases.
    let g = with_outlets("Daily Bugle | outlet | US | the Bugle\nThe Planet | outlet | GB |\n");
    assert_eq!(
        g.outlet("the Bugle").and_then(|o| o.country.as_deref()),
        Some("US")
    );
    assert_eq!(
        g.outlet("the Planet").and_then(|o| o.country.as_deref()),
        Some("GB")
    );
}

#[test]
fn a_malformed_outlet_line_names_file_and_line() {
    let error = |text: &str| match Grammar::with_file("outlets.txt", text) {
        Ok(_) => panic!("{text:?} loaded"),
        Err(e) => e.to_string(),
    };
    for (text, line, says) in [
        ("A | outlet | US |\nB | outlet | usa | b\n", 2, "country"),
        ("A | outlet | U.S. | a\n", 1, "country"),
        ("A | outlet |  | a\n", 1, "country"),
        ("# c\n\nA | outlet | US | a | b\n", 3, "at most 4 fields"),
        ("A | paper | US | a\n", 1, "outlet kind"),
        ("~ | outlet | US |\n", 1, "no name"),
    ] {
        let message = error(text);
        assert!(
            message.starts_with(&format!("outlets.txt:{line}:")),
            "{message}"
        );
        assert!(message.contains(says), "{message}");
    }
}

#[test]
fn a_shared_alias_names_the_outlet_the_article_names_in_full() {
    let g = Grammar::builtin();
    // Named in full before: the shared alias is that outlet.
    let text = "The Financial Times reported the deal. A banker told the Times that it was off.";
    assert_eq!(names(&g, text), ["Financial Times", "Financial Times"]);
    let text = "The Denver Post ran the story first; the Post said the mayor declined.";
    assert_eq!(names(&g, text), ["The Denver Post", "The Denver Post"]);
    // Named in full only after: still that outlet.
    let text = "She told the Globe that she would run. The Boston Globe confirmed it.";
    assert_eq!(names(&g, text), ["Boston Globe", "Boston Globe"]);
    // Two named in full: the one named last before the alias.
    let text = "The Washington Post and the New York Post disagreed. The Post said otherwise.";
    assert_eq!(
        names(&g, text),
        ["The Washington Post", "New York Post", "New York Post"]
    );
}

#[test]
fn a_shared_alias_without_a_full_name_stays_as_written() {
    let g = Grammar::builtin();
    let found = mentions(
        &g,
        "A minister told the Times on Monday that talks were over.",
    );
    assert_eq!(found, [("Times".to_string(), "Times".to_string())]);
    assert!(g.outlet("the Times").is_none(), "no outlet owns it");
    // A common noun shared by many outlets names none alone.
    assert!(names(&g, "The network said the anchor would return.").is_empty());
    // With one named in full it does.
    let text = "The anchor joined CBS in 2001. The network said she would return.";
    assert_eq!(names(&g, text), ["CBS News", "CBS News"]);
}

#[test]
fn the_longest_name_wins_over_a_shared_alias() {
    let g = Grammar::builtin();
    let text = "The Times of India and the Irish Times both ran it, as did the New York Times.";
    assert_eq!(
        names(&g, text),
        [
            "The Times of India",
            "The Irish Times",
            "The New York Times"
        ]
    );
    // A paper the gazetteer does not list is no other paper: "Times" after a capitalised
    // word is the end of its name.
    let text = "The New York Times and the Smallville Times both ran it.";
    assert_eq!(names(&g, text), ["The New York Times"]);
    // Nor is a name that goes on after the alias.
    let text = "He told the New York Times he had walked past the Post Office.";
    assert_eq!(names(&g, text), ["The New York Times"]);
}

#[test]
fn a_surname_is_no_outlet() {
    let g = Grammar::builtin();
    // "The Hill" needs its "the"; a first name or a title before a name makes it a surname.
    assert!(names(&g, "Anita Hill said the hearing was unfair.").is_empty());
    assert!(names(&g, "Hill said the hearing was unfair.").is_empty());
    assert!(names(&g, "Lawmakers on Capitol Hill said so.").is_empty());
    assert!(names(&g, "Michael Bloomberg said he would not run.").is_empty());
    assert!(names(&g, "Mayor Bloomberg said he would not run.").is_empty());
    assert_eq!(
        names(&g, "She told the Hill she would not run."),
        ["The Hill"]
    );
    assert_eq!(
        names(&g, "He told Bloomberg he would not run."),
        ["Bloomberg"]
    );
    assert_eq!(names(&g, "The Hill reported it first."), ["The Hill"]);
    // As a speaker: "Hill" alone names no outlet, "the Hill" does.
    assert!(g.outlet("Hill").is_none());
    assert_eq!(
        g.outlet("the Hill").map(|o| o.name.as_str()),
        Some("The Hill")
    );
}

#[test]
fn shared_aliases_in_a_user_file_join_across_lines() {
    // An alias one line marks shared and another lists plainly is shared by both.
    let g = with_outlets(
        "Daily Bugle | outlet | US | ~the Bugle\nBugle Times | outlet | GB | the Bugle\n",
    );
    assert!(g.outlet("the Bugle").is_none());
    assert_eq!(
        g.ambiguous_outlet_aliases.get("Bugle").map(Vec::len),
        Some(2)
    );
    let text = "The Bugle Times printed it. Then the Bugle said sorry.";
    assert_eq!(names(&g, text), ["Bugle Times", "Bugle Times"]);
    // "~The Times" as a canonical name: shared, written without its mark.
    let g = with_outlets("~The Courier | outlet | GB | Courier of Dundee\nThe Daily Courier | outlet | US | ~the Courier\n");
    assert_eq!(g.outlets[0].name, "The Courier");
    let text = "The Daily Courier ran it. The Courier said so.";
    assert_eq!(names(&g, text), ["The Daily Courier", "The Daily Courier"]);
    let text = "The Courier of Dundee ran it. The Courier said so.";
    assert_eq!(names(&g, text), ["The Courier", "The Courier"]);
}

#[test]
fn a_show_keeps_its_name_after_its_network() {
    let g = Grammar::builtin();
    // "CBS" before the show is no part of a longer name, and "the Nation" inside the show's
    // title-case name is no magazine.
    let text = "He said on CBS Face the Nation that he would run.";
    assert_eq!(names(&g, text), ["CBS News", "Face the Nation"]);
    let text = "The senator told the Nation that he would run.";
    assert_eq!(names(&g, text), ["The Nation"]);
    // A journal whose name is a common word is named only as a journal.
    let text = "He chairs the Committee on Science and told Science magazine so.";
    assert_eq!(names(&g, text), ["Science (journal)"]);
}

#[test]
fn the_lead_and_the_second_word_rule_out_only_names_no_alias_starts() {
    // Aliases of each kind the lead test sorts them into: a lead alone, a longer word, two
    // or more words whose first word is a lead alone or longer, and a second word with no lead.
    let g = with_outlets(
        "Smallville Gazette | outlet | US | Gazette Weekly\n\
         Bugle | outlet | US | Bugle.com, Bugle Radio Hour\n\
         St. Ives Courier | outlet | GB\n\
         Ridge Report | outlet | US | Ridge -Online, Ridge Report of the West Hills\n",
    );
    let found = |text: &str| names(&g, text);
    assert_eq!(
        found("He told Smallville Gazette readers."),
        ["Smallville Gazette"]
    );
    assert_eq!(
        found("Smallville Gazetteer is a book."),
        Vec::<String>::new()
    );
    assert_eq!(
        found("Smallville, a town, and Smallville Fair."),
        Vec::<String>::new()
    );
    assert_eq!(
        found("Bugle.com said so, as did Bugle."),
        ["Bugle", "Bugle"]
    );
    assert_eq!(found("The Bugle Radio Hour's host spoke."), ["Bugle"]);
    assert_eq!(found("Bugle Radio said so."), ["Bugle"]);
    assert_eq!(found("A St. Ives Courier story ran."), ["St. Ives Courier"]);
    assert_eq!(found("St. Ives is a town."), Vec::<String>::new());
    assert_eq!(found("Ridge -Online wrote."), ["Ridge Report"]);
    assert_eq!(found("Ridge Road is closed."), Vec::<String>::new());
    assert_eq!(
        found("Gazette Weekly's editor, Gazette Weeklies."),
        ["Smallville Gazette"]
    );
    assert!(!g.outlet_pair_may_match("Smallville", "Smallville Gaz"));
    assert!(g.outlet_pair_may_match("Smallville", "Smallville Gazette"));
    assert!(
        g.outlet_pair_may_match("Ridge", "Ridge Anything"),
        "a second word without a lead"
    );
    let g = Grammar::builtin();
    // Every alias of two or more words passes the pair test with its own second word.
    for alias in g.outlet_aliases.keys() {
        let mut words = alias.split(' ');
        let (Some(first), Some(second)) = (words.next(), words.next()) else {
            continue;
        };
        let lead = crate::lexicon::outlet_lead(second).unwrap_or("");
        let pair = format!("{first} {lead}");
        assert!(g.outlet_pair_may_match(first, &pair), "{alias:?}");
    }
}

#[test]
fn a_name_no_alias_leads_is_no_outlet() {
    let g = Grammar::builtin();
    for name in ["Donald Trump", "the Kremlin", "", "Obama's", "ÉKHO"] {
        assert!(g.outlet(name).is_none(), "{name:?}");
    }
    for name in [
        "CNN",
        "the Associated Press",
        "Associated Press",
        "RIA Novosti",
    ] {
        assert!(g.outlet(name).is_some(), "{name:?}");
    }
}

#[test]
fn full_names_are_read_afresh_for_each_text_and_grammar() {
    // Two texts of one length that name different outlets in full, asked in turn, and a
    // second grammar with the same shared alias: each answer is that of its own text.
    let g = with_outlets(
        "Daily Bugle | outlet | US | ~the Bugle\nBugle Times | outlet | GB | the Bugle\n",
    );
    let other = with_outlets(
        "Bugle Times | outlet | GB | ~the Bugle\nDaily Bugle | outlet | US | the Bugle\n",
    );
    let a = "Daily Bugle ran it first; the Bugle said so.";
    let b = "Bugle Times ran it first; the Bugle said so.";
    assert_eq!(a.len(), b.len());
    for _ in 0..2 {
        for (grammar, text, name) in [
            (&g, a, "Daily Bugle"),
            (&g, b, "Bugle Times"),
            (&other, a, "Daily Bugle"),
        ] {
            assert_eq!(names(grammar, text), [name, name], "{text}");
        }
    }
    // A new document in the same buffer (same address, same length) is read afresh once the
    // reader says a new document begins, as `Extractor::extract_with_posts` does.
    let mut buffer = String::from(a);
    assert_eq!(names(&g, &buffer), ["Daily Bugle", "Daily Bugle"]);
    let address = buffer.as_ptr();
    buffer.replace_range(.., b);
    assert_eq!(buffer.as_ptr(), address, "the test needs the same address");
    crate::lexicon::forget_text_caches();
    assert_eq!(names(&g, &buffer), ["Bugle Times", "Bugle Times"]);
    // Before and after the mention: the latest full name before it wins.
    let text = "Bugle Times ran it. Daily Bugle too. The Bugle said so. Bugle Times agreed.";
    assert_eq!(
        names(&g, text),
        ["Bugle Times", "Daily Bugle", "Daily Bugle", "Bugle Times"]
    );
    let text = "The Bugle said so. Bugle Times agreed. The Bugle said it again. Daily Bugle too.";
    assert_eq!(
        names(&g, text),
        ["Bugle Times", "Bugle Times", "Bugle Times", "Daily Bugle"]
    );
}

#[test]
fn the_pair_bits_hold_every_first_word_and_second_lead_of_an_alias() {
    let g = with_outlets(
        "Smallville Gazette | outlet | US | Gazette Weekly\n\
         Ridge Report | outlet | US | Ridge -Online\n\
         Lakeshore Broadcasting Network | outlet | US | LBN\n",
    );
    let set = |first: &str, second: &str| {
        // The slices run on past the words, as in a text.
        let (a, b) = (format!("{first} tail"), format!("{second}, tail"));
        g.outlet_pair_bit_set(a.as_bytes(), first.len(), b.as_bytes(), second.len())
    };
    assert!(set("Smallville", "Gazette"));
    assert!(set("Gazette", "Weekly"));
    assert!(set("Lakeshore", "Broadcasting"));
    assert!(set("Ridge", "Anything"), "a second word without a lead");
    assert!(!set("Smallville", "Gaz"));
    assert!(!set("Weekly", "Gazette"));
    assert!(!set("Gazette", "Weeklies"));
    let g = Grammar::builtin();
    // Every alias of two or more words has its bit, whatever its second word's lead.
    for alias in g.outlet_aliases.keys() {
        let mut words = alias.split(' ');
        let (Some(first), Some(second)) = (words.next(), words.next()) else {
            continue;
        };
        let lead = crate::lexicon::outlet_lead(second).unwrap_or("");
        let (a, b) = (first.as_bytes(), lead.as_bytes());
        assert!(g.outlet_pair_bit_set(a, a.len(), b, b.len()), "{alias:?}");
    }
}

#[test]
fn the_last_bytes_of_the_aliases_rule_out_the_others() {
    let g = with_outlets("Smallville Gazette | outlet | US | Gazette Wkly.\n");
    assert!(g.outlet_may_end_with(b'e'));
    assert!(g.outlet_may_end_with(b'.'));
    assert!(!g.outlet_may_end_with(b','));
    assert!(!g.outlet_may_end_with(b'x'));
    let g = Grammar::builtin();
    let aliases = g.outlet_aliases.keys();
    for alias in aliases.chain(g.ambiguous_outlet_aliases.keys()) {
        if let Some(&last) = alias.as_bytes().last() {
            assert!(g.outlet_may_end_with(last), "{alias:?}");
        }
    }
}

#[test]
fn a_country_is_two_capitals_or_intl_held_in_place() {
    assert_eq!(Country::new("FR").as_deref(), Some("FR"));
    assert_eq!(
        Country::new("intl").map(|c| c.to_string()),
        Some("intl".into())
    );
    for bad in ["fr", "FRA", "F", "", "Intl", "ÉU"] {
        assert_eq!(Country::new(bad), None, "{bad:?}");
    }
}

#[test]
fn a_one_word_alias_needs_the_only_when_never_listed_without_it() {
    // Listed with "the" first and bare later, or the other way round: bare wins.
    let g = with_outlets(
        "Morning Quill | outlet | US | the Quill\nQuill Weekly | outlet | US | Quill\nThe Ledger | outlet | GB | the Ledger\n",
    );
    assert_eq!(g.outlet_alias("Quill").map(|m| m.needs_the), Some(false));
    assert_eq!(g.outlet_alias("Ledger").map(|m| m.needs_the), Some(true));
    assert_eq!(
        g.outlet_alias("the Ledger").map(|m| m.needs_the),
        Some(false)
    );
    let g = with_outlets(
        "Quill Weekly | outlet | US | Quill\nMorning Quill | outlet | US | the Quill\n",
    );
    assert_eq!(g.outlet_alias("Quill").map(|m| m.needs_the), Some(false));
    assert!(g.outlet_alias_the_only.is_empty());
}
