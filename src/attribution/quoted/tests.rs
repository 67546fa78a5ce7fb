//! Tests of `quoted`.

use crate::lexicon::Grammar;
use crate::statement::{Kind, Rule};
use crate::Extractor;

/// (kind, quote, speaker, mention, cue, outlet) of each quoted statement of `text`.
fn quoted(text: &str) -> Vec<(Kind, String, String, String, String, String)> {
    let found = Extractor::new(Grammar::builtin()).extract(text);
    found
        .statements
        .iter()
        .filter(|s| s.kind != Kind::Indirect)
        .map(|s| {
            (
                s.kind,
                s.quote.of(text).to_string(),
                s.speaker.name.clone(),
                s.mention.map_or("", |m| m.of(text)).to_string(),
                s.cue.map_or("", |c| c.of(text)).to_string(),
                crate::output::outlet_names(&s.outlets).into_owned(),
            )
        })
        .collect()
}

fn speakers(text: &str) -> Vec<String> {
    quoted(text).into_iter().map(|q| q.2).collect()
}

#[test]
fn slice_within_agrees_with_slicing_everything() {
    let text = "«Ékho» said, \"no\" — he  said. Then  ... 42 words";
    let tokens = crate::text::tokens::tokenize_with(
        text,
        crate::span::Span::new(0, text.len()),
        &Grammar::builtin(),
    );
    let cut = |from: usize, to: usize| crate::span::Span::new(from, to);
    for (a, b) in [(0, text.len()), (3, 20), (7, 7), (14, 40)] {
        let outer_span = cut(a, b);
        let outer = super::slice(&tokens, outer_span);
        for from in 0..=text.len() + 1 {
            for to in [0, from.saturating_sub(1), from, from + 3, b, text.len() + 2] {
                let span = cut(from, to);
                assert_eq!(
                    super::slice_within(outer, outer_span, &tokens, span),
                    super::slice(&tokens, span),
                    "{a}..{b} {from}..{to}"
                );
            }
        }
    }
}

#[test]
fn starts_up_to_agrees_with_index_at() {
    use crate::span::{index_at, Span};
    let spans = [(0, 4), (4, 9), (9, 9), (9, 15), (20, 30)].map(|(a, b)| Span::new(a, b));
    for n in 0..=spans.len() {
        let spans = &spans[..n];
        for at in 0..35 {
            for hint in 0..=spans.len() + 2 {
                assert_eq!(
                    super::starts_up_to(spans, at, hint).checked_sub(1),
                    index_at(spans, at),
                    "{n} {at} {hint}"
                );
            }
        }
    }
}

#[test]
fn words_are_the_pieces_split_whitespace_gives() {
    for text in [
        "",
        " ",
        "one",
        "  one  two\t\tthree\n",
        "\u{b}vertical\u{b}tab\u{c}feed\r",
        "non\u{a0}breaking\u{2009}thin\u{3000}ideographic\u{85}next",
        "«Ékho» “said” — ’tis ünïcödé",
        "\u{2028}\u{2029}lines\u{1680}",
        "a\u{200b}zero-width is no space",
    ] {
        let got: Vec<&str> = super::words(text).collect();
        let want: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(got, want, "{text:?}");
    }
}

#[test]
fn has_words_agrees_with_a_full_count() {
    for text in [
        "",
        "  ",
        "one",
        " one two ",
        "one\u{a0}two\u{2009}three",
        "ein zwei drei vier fünf sechs",
        "a b c d e f g h",
        "\n\ta\n",
    ] {
        for count in 0..9 {
            assert_eq!(
                super::has_words(text, count),
                text.split_whitespace().count() >= count,
                "{text:?} {count}"
            );
        }
    }
}

#[test]
fn quote_then_speaker_then_cue() {
    let rows = quoted("\"We will not send anyone away,\" Putin said.");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, Kind::Direct);
    assert_eq!(rows[0].1, "We will not send anyone away,");
    assert_eq!((rows[0].2.as_str(), rows[0].4.as_str()), ("Putin", "said"));
}

#[test]
fn quote_then_inverted_cue() {
    assert_eq!(
        speakers("\"It was a mistake,\" said Martin Indyk, the former envoy."),
        vec!["Martin Indyk"]
    );
}

#[test]
fn cue_and_colon_before_quote() {
    let rows = quoted("Peskov said: \"We do not talk to each other.\"");
    assert_eq!((rows[0].2.as_str(), rows[0].4.as_str()), ("Peskov", "said"));
    assert_eq!(
        speakers("Trump said \"nobody knows\" what happened there."),
        vec!["Trump"]
    );
}

#[test]
fn told_outlet_before_quote() {
    let rows =
        quoted("Peskov told Russian state-run news agency RIA Novosti: \"Relations are frozen.\"");
    assert_eq!(rows[0].5, "RIA Novosti");
    assert_eq!(rows[0].2, "Peskov");
}

#[test]
fn split_quote_gives_two_rows_with_one_speaker() {
    let rows = quoted("\"We cannot not respond to this,\" he said. \"This goes against the law.\"");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].3, "he");
    assert_eq!(rows[1].3, "he");
    let rows = quoted("\"We cannot not respond,\" Lavrov said, \"this goes against the law.\"");
    assert_eq!(
        rows.iter().map(|r| r.2.as_str()).collect::<Vec<_>>(),
        vec!["Lavrov", "Lavrov"]
    );
}

#[test]
fn according_to_outlet_after_the_cue() {
    let rows = quoted("\"They have no idea,\" Trump said, according to CNN.");
    assert_eq!((rows[0].2.as_str(), rows[0].5.as_str()), ("Trump", "CNN"));
}

#[test]
fn colon_lead_in_paragraph() {
    let text = "Kremlin spokesman Dmitry Peskov told reporters on Friday:\n\n\"We will not retaliate in kind.\"\n";
    assert_eq!(speakers(text), vec!["Dmitry Peskov"]);
    let found = Extractor::new(Grammar::builtin()).extract(text);
    assert_eq!(found.statements[0].rule, Rule::ColonLeadIn);
}

#[test]
fn dash_attribution() {
    assert_eq!(
        speakers("\"We will win this fight.\" — Jane Smith, union organizer"),
        vec!["Jane Smith"]
    );
}

#[test]
fn title_and_name_split() {
    let found = Extractor::new(Grammar::builtin())
        .extract("\"No comment,\" Kremlin spokesman Dmitry Peskov said.");
    assert_eq!(found.statements[0].speaker.name, "Dmitry Peskov");
    assert_eq!(found.statements[0].speaker.title, "Kremlin spokesman");
}

#[test]
fn partial_quote_in_paraphrase() {
    let rows = quoted("Lavrov called the allegations \"groundless\" on Friday.");
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].0, rows[0].1.as_str(), rows[0].2.as_str()),
        (Kind::Partial, "groundless", "Lavrov")
    );
}

#[test]
fn scare_quotes_and_titles_are_not_statements() {
    assert!(quoted("The so-called \"reset\" failed.").is_empty());
    assert!(quoted("He appeared on CNN's \"State of the Union\" on Sunday.").is_empty());
    assert!(quoted("They filed \"independent expenditure\" reports.").is_empty());
}

#[test]
fn a_nickname_inside_a_name_is_no_statement() {
    assert!(quoted("Toby \"Big Drum\" Hale told the crowd the show would go on.").is_empty());
    assert!(quoted("Marla \"Mack\" Dunn told the crowd the race was close.").is_empty());
    // A quotation after a cue is speech, even before a capitalised word.
    let rows = quoted("Roe said \"Never\" Tuesday.");
    assert_eq!(rows.len(), 1);
}

#[test]
fn a_title_case_name_before_a_noun_is_a_modifier_not_speech() {
    // A slogan or a show's name used as a modifier ("the "X" bus tour").
    assert!(quoted("Fans waved \"Bring Back the Harbor\" signs at the game.").is_empty());
    assert!(quoted("Voters wore \"Keep the Town Moving\" hats at the rally.").is_empty());
    // Lower-case words after a title-case quotation that are no noun keep the row.
    let rows = quoted("The mayor called it \"A Grave Mistake For Us\" and left.");
    assert_eq!(rows.len(), 1);
}

#[test]
fn next_sentence_attribution_for_a_question() {
    assert_eq!(
        speakers("\"Are you truly incapable of shame?\" Power asked."),
        vec!["Power"]
    );
}

#[test]
fn a_colon_opening_the_next_quote_does_not_close_this_one() {
    let rows = quoted("''We are refugees,'' Ms. Alawee said. ''We are not terrorists.'' Mr. Zahed said: ''The attack was terror.''");
    assert_eq!(
        rows.iter().map(|r| r.2.as_str()).collect::<Vec<_>>(),
        vec!["Alawee", "Alawee", "Zahed"]
    );
}

#[test]
fn bare_quote_after_a_sentence_about_its_speaker() {
    let text =
        "Howard continued his scathing remarks. \"Eight years ago she was the presumed nominee.\"";
    assert_eq!(speakers(text), vec!["Howard"]);
    let found = Extractor::new(Grammar::builtin()).extract(text);
    assert_eq!(found.statements[0].rule, Rule::PreviousSentence);
}

#[test]
fn dash_and_comma_lead_ins() {
    assert_eq!(
        speakers(
            "Trump also embraced enhanced interrogation -- \"I think waterboarding is peanuts.\""
        ),
        vec!["Trump"]
    );
    assert_eq!(
        speakers("Sanders shot back, \"Secretary Clinton called them out.\""),
        vec!["Sanders"]
    );
}

#[test]
fn trailing_speaker_with_a_phrase_before_the_cue() {
    assert_eq!(
        speakers(
            "\"Will he be the next attorney general?\" a Democratic staffer in the room wondered."
        ),
        vec!["Democratic staffer"]
    );
    let rows = quoted("\"There are invertebrates with more spine,\" reads a Wednesday editorial in The Des Moines Register.");
    assert_eq!(rows[0].4, "reads");
    assert_eq!(rows[0].5, "The Des Moines Register");
}

#[test]
fn as_someone_put_it() {
    assert_eq!(
        speakers("As Professor Foner put it: \"The United States does a better job at accepting immigrants.\""),
        vec!["Foner"]
    );
}

#[test]
fn a_coordinated_cue_takes_its_own_clause_subject() {
    let text = "When my mother mentioned the devil to me, I laughed and said, \"I don't believe in the devil.\"";
    assert_eq!(quoted(text)[0].3, "I");
    let text = "Jean-Marc Ayrault, the foreign minister of France, a permanent member of the Security Council, said: \"This cannot go on.\"";
    assert_eq!(speakers(text), vec!["Jean-Marc Ayrault"]);
}

#[test]
fn organisations_speak() {
    assert_eq!(
        speakers("\"These actions are unacceptable,\" a White House statement said."),
        vec!["White House"]
    );
    assert_eq!(
        speakers("\"We will respond,\" the Kremlin said."),
        vec!["Kremlin"]
    );
    assert_eq!(
        speakers("The State Department said in a statement: \"The move was unprovoked.\""),
        vec!["State Department"]
    );
    assert_eq!(
        speakers("\"It would not make sense,\" a senior administration official said."),
        vec!["senior administration official"]
    );
}

#[test]
fn unclosed_quote_stays_in_its_paragraph() {
    let text =
        "Smith said: \"We will win and we will keep going\n\nThe next paragraph is narration.\n";
    let rows = quoted(text);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].1, "We will win and we will keep going");
}

#[test]
fn a_quoted_title_after_a_title_lead_in_is_no_statement_and_the_lead_ins_are_data() {
    let text = "Maria Lopez starred in \"Blue Harbor Nights\" before the tour.";
    let quotes = |grammar: Grammar| crate::Extractor::new(grammar).extract(text).statements;
    assert!(quotes(Grammar::builtin()).is_empty());
    // Without "in" among the title lead-ins, the title reads as a quoted fragment.
    let words = include_str!("../../../grammar/function_words.txt");
    let start = words.find("[title_lead_ins]").unwrap();
    let end = words.find("[predicate_starts]").unwrap();
    let edited = format!(
        "{}[title_lead_ins]\nby\n\n{}",
        &words[..start],
        &words[end..]
    );
    let statements = quotes(Grammar::with_file("function_words.txt", &edited).unwrap());
    assert_eq!(statements.len(), 1);
    assert_eq!(statements[0].quote.of(text), "Blue Harbor Nights");
}

#[test]
fn any_verb_is_the_cue_of_a_quote_frame() {
    // '"Q," NP VERB': the frame makes the verb a cue, listed or not.
    let found = quoted("\"We are ready for anything,\" Mara Velt shot back with a grin.");
    assert_eq!(found[0].2, "Mara Velt");
    assert_eq!(found[0].4, "shot");
    assert_eq!(
        speakers("\"Keep the levy,\" it recommended. \"Review it in five years.\""),
        ["it", "it"]
    );
    // Inverted: a past tense and a name.
    assert_eq!(
        speakers("\"Not tonight,\" beamed Tomas Adler of Leeds."),
        ["Tomas Adler"]
    );
    // A noun after a determiner and a name is no verb: a title stays unattributed.
    assert!(
        quoted("\"Quiet Harbor,\" an HBO series that first aired in 1999, returns in May.")
            .iter()
            .all(|q| q.2.is_empty())
    );
}

#[test]
fn a_participle_after_with_is_said_by_its_own_subject() {
    assert_eq!(
        speakers(
            "The firm declined comment, with its spokesman saying \"we never discuss clients.\""
        ),
        ["spokesman"]
    );
}

#[test]
fn clause_subjects_are_followed_by_their_predicate() {
    assert_eq!(
        speakers("And Ms. Rivera gloated: \"I said it would work.\""),
        ["Rivera"]
    );
    // "Colorado," is the second half of a place, not the subject of "praised".
    assert_eq!(
        speakers("Mr. Hale, who is a pastor in Elmwood, Ohio, praised the \"quiet courage\" of the nurses."),
        ["Hale"]
    );
    // A passive participle set off after a name; "The plan had come" is no speaker.
    assert_eq!(
        speakers("The plan had come up Monday after Mr. Olsen, asked about taxes, had said, \"We will cut them.\""),
        ["Olsen"]
    );
    // A person's name set off after the phrase it names.
    assert_eq!(
        speakers("Her old business partner at Lenox, Laura Lindqvist, called her a master of detail. \"She never missed a thing.\""),
        ["Laura Lindqvist"]
    );
}

#[test]
fn a_cue_word_after_a_determiner_is_the_speaker_noun() {
    assert_eq!(
        speakers("\"You lost! And your plan is worse!\" the note says."),
        ["note"]
    );
    assert_eq!(
        speakers("\"Growth will slow,\" the report concluded. \"Prices will rise.\""),
        ["report", "report"]
    );
}

#[test]
fn a_determiner_before_a_noun_opens_the_speaker_phrase() {
    // "this" may be skipped after a cue ("told reporters this week"), not before its noun.
    assert_eq!(
        quoted("\"The twins never liked him,\" this source told the Ledger.")[0].3,
        "this source"
    );
    // A possessive before a noun is the phrase's determiner, not a speaker of its own.
    let rows = quoted("\"Life is very hard here,\" her cousin, Marta Olenko, wrote in a letter.");
    assert_eq!(
        (rows[0].2.as_str(), rows[0].3.as_str()),
        ("Marta Olenko", "her cousin, Marta Olenko")
    );
    let rows = quoted("His neighbour, Tobias Grell, said: \"The fence was never the issue.\"");
    assert_eq!(rows[0].2, "Tobias Grell");
    // A place after a nominal ending in a name is no name of it.
    let rows = quoted(
        "Ana Pell, a teacher in Dunmore, Iowa, said: \"We learned more from the flood than from books.\"",
    );
    assert_ne!(rows[0].2, "Iowa");
}

#[test]
fn bare_plurals_and_lone_determiners_speak_in_quote_frames() {
    assert_eq!(
        speakers("\"The damage cannot be measured,\" state prosecutors wrote in the filing."),
        vec!["state prosecutors"]
    );
    assert_eq!(
        speakers("\"She is in the car!\" deputies shouted over the radio."),
        vec!["deputies"]
    );
    assert_eq!(
        speakers("\"The bridge must stay open,\" read one. \"Fix it first,\" tweeted another."),
        vec!["one", "another"]
    );
    assert_eq!(
        speakers("\"We came for the music,\" one said."),
        vec!["one"]
    );
}

#[test]
fn a_frame_verb_needs_no_list_entry_and_no_participle_is_one() {
    assert_eq!(
        speakers("\"Give it back,\" the toddler wailed."),
        vec!["toddler"]
    );
    // "the number needed to ..." is a gloss of the quotation, not its frame.
    let rows =
        quoted("Lund says nobody is \"on pace to get 900 votes,\" the number needed to win.");
    assert_eq!(rows[0].2, "Lund");
}

#[test]
fn a_participle_after_a_statement_or_a_time_is_said_by_the_clause_subject() {
    assert_eq!(
        speakers("The Harbour Trust issued a report this month charging the council with \"gross neglect of the piers.\""),
        vec!["The Harbour Trust"]
    );
    assert_eq!(
        speakers("The union emailed a statement calling the offer \"an insult to every driver.\""),
        vec!["union"]
    );
    // A sign, a shirt or a hat "saying" something is its own speaker.
    assert_eq!(
        speakers("Ms. Toll held up a sign saying \"Books not bombs.\""),
        vec!["sign"]
    );
}

#[test]
fn a_subordinate_clause_opens_with_its_subject() {
    assert_eq!(
        speakers("When Mayor Ostrova finally wrapped up -- \"We will rebuild, and we will do it together!\" -- the hall stood."),
        vec!["Ostrova"]
    );
}

#[test]
fn a_passive_participle_after_a_plural_is_no_frame() {
    let rows = quoted("The city shut two depots the board said were used for \"private storage,\" claims denied by the mayor.");
    assert_ne!(rows[0].2, "claims");
}

#[test]
fn joint_speakers_and_two_titles_of_one_person() {
    let rows = quoted("\"The vote was rushed,\" council leader Ann Berg and board chair Tim Moll, both independents, said in a statement.");
    assert_eq!(rows[0].2, "Ann Berg and board chair Tim Moll");
    let rows =
        quoted("\"We found the next best thing,\" lead author and NASA chemist Lucas Pol said.");
    assert_eq!(rows[0].2, "Lucas Pol");
}

#[test]
fn as_an_expert_with_a_long_title_puts_it() {
    assert_eq!(
        speakers("As Mara Kell, a historian at the University of Leeds, puts it: \"The river always wins.\""),
        vec!["Mara Kell"]
    );
}

#[test]
fn a_dateline_is_no_speaker() {
    let rows = quoted("DUNMORE (AP) -- The water board released a statement on Monday, offering \"a full and sincere apology\" to residents.");
    assert_eq!(rows[0].3, "The water board");
}

#[test]
fn a_journal_after_published_in_is_no_speaker() {
    let rows = quoted("The study published in the journal Brain Research argued that the drug offers \"real but modest benefits.\"");
    assert_eq!(rows[0].3, "The study");
}

#[test]
fn reads_the_frame_past_an_earlier_scare_quote() {
    // The scare quote "danger" cuts the words before the second quotation.
    let text = "Green lamented that the \"danger\" came from his rivals while \"allowing old prejudices to surface again.\"";
    assert_eq!(speakers(text), ["Green"]);
    let text = "The union, armed with \"hard numbers\" from its survey, turned to the pay dispute: \"Our members have waited three years for a fair offer.\"";
    assert_eq!(speakers(text), ["union"]);
    // A subject inside the earlier quotation is not the speaker.
    let text =
        "Fans waved signs reading \"Mayor Brown Lies\" and \"bring back the old stadium now.\"";
    assert!(
        !speakers(text).iter().any(|s| s.contains("Brown")),
        "{:?}",
        speakers(text)
    );
}

#[test]
fn a_full_quote_hung_on_a_clause_without_cue_takes_its_named_subject() {
    let text = "Mayor Jane Doe waved at the crowd and turned to the cameras, \"We will rebuild this town together.\"";
    assert_eq!(speakers(text), ["Jane Doe"]);
    let text = "After the vote, Doe turned to the cameras: \"We will rebuild this town together.\"";
    assert_eq!(speakers(text), ["Doe"]);
    // A subject that names no one is not taken for a full quotation.
    let text = "The mayor waved at the crowd and turned to the cameras, \"We will rebuild this town together.\"";
    assert_eq!(speakers(text), [""]);
}

#[test]
fn a_partial_quote_cut_off_by_an_earlier_one_keeps_the_cue_before_it() {
    let text =
        "Ada Crane says her \"old friend\" Tim Moll ran \"a clean and honest race\" this year.";
    let rows = quoted(text);
    let row = rows
        .iter()
        .find(|r| r.1.ends_with("a clean and honest race"))
        .expect("a row");
    assert_eq!(row.2, "Ada Crane");
}

#[test]
fn a_role_subject_without_a_name_speaks_its_partial_quote() {
    let text = "In her speech, the former governor talked about keeping \"the promise we made to every family.\"";
    let rows = quoted(text);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].3, "the former governor");
}

#[test]
fn a_quote_paragraph_is_signed_by_a_dash_and_a_name_in_the_next() {
    let text = "The panel heard three claims.\n\n\"Our schools have never had more money.\"\n\n- Dana Whitlock.\n\nThe governor is wrong about that.";
    assert_eq!(speakers(text), vec!["Dana Whitlock"]);
    let text =
        "\"Nobody asked us about the bridge.\"\n\n-Mayor Ines Korda, speaking after the vote.";
    assert_eq!(speakers(text), vec!["Ines Korda"]);
    // A dash paragraph that names nobody signs nothing.
    let text = "\"Nobody asked us about the bridge.\"\n\n- and then the lights went out.";
    assert_eq!(speakers(text), vec![""]);
}

#[test]
fn an_inverted_frame_verb_takes_a_common_noun_speaker() {
    assert_eq!(
        speakers("\"Vote them all out,\" exhorted the union's chairwoman."),
        vec!["union's chairwoman"]
    );
    let rows = quoted("\"Please hold the line,\" begins a recorded message that plays all night.");
    assert_eq!(rows[0].3, "a recorded message");
    assert_eq!(
        speakers("\"Sold out!\" blared the front page of The Evening Courier."),
        vec!["front page"]
    );
    // A verb and its object after a partial quotation are no frame.
    let rows = quoted(
        "Ms. Berg, after warning of a \"war of the clans,\" revamped her plans for a speech.",
    );
    assert_ne!(rows[0].3, "her plans");
}

#[test]
fn a_quote_alone_in_its_sentence_takes_the_subject_of_the_sentence_before() {
    // The sentence after the quotation does not keep it from standing alone.
    assert_eq!(
        speakers("Marlow continued his remarks. \"The mill will close by June.\" However, he sees hope in tourism."),
        vec!["Marlow"]
    );
    // Nor does the quotation before the sentence between them win over that sentence.
    let text = "\"We will fight,\" Ada Brun said. Then she promised that she would stay on. \"I am in until the last vote!\"";
    let rows = quoted(text);
    assert_eq!(rows[1].3, "she");
}

#[test]
fn a_next_sentence_with_content_of_its_own_attributes_no_quote_before_it() {
    let text = "\"The budget is balanced.\" Governor Tam Ellis said he would sign it on Friday.";
    assert_eq!(speakers(text), vec![""]);
    let text = "\"We will talk.\" Pell was quick to add that the talks would be short.";
    assert_eq!(speakers(text), vec![""]);
    // A sentence that is the attribution still is one.
    assert_eq!(
        speakers("\"Why now?\" Governor Tam Ellis asked on Friday."),
        vec!["Tam Ellis"]
    );
}

#[test]
fn a_cue_after_and_an_adverb_shares_the_subject_of_its_clause() {
    assert_eq!(
        speakers("Kovac raised the budget and later said, \"The books are a mess.\""),
        vec!["Kovac"]
    );
    assert_eq!(
        speakers("And then Ms. Alder went on the attack, saying, \"This council has failed.\""),
        vec!["Alder"]
    );
}

#[test]
fn a_pronoun_with_a_contracted_verb_is_no_possessive() {
    let rows = quoted("Ever since Mira Tosk entered the race last year, she's said the same thing at every stop: \"It is about all of us.\"");
    // The cue is "said", whose subject is the pronoun (not "entered", whose is the name).
    assert_eq!(rows[0].4, "said");
    assert!(rows[0].3.starts_with("she"));
}

#[test]
fn a_part_of_a_group_speaks() {
    assert_eq!(
        speakers("\"The deal is dead,\" said one of the negotiators, who asked not to be named."),
        vec!["one of the negotiators"]
    );
    assert_eq!(
        speakers("\"The deal is dead,\" one of the negotiators said."),
        vec!["one of the negotiators"]
    );
}

#[test]
fn a_phrasal_cue_after_a_quotation_keeps_its_particle() {
    let cue = |text: &str| quoted(text).first().map(|q| (q.2.clone(), q.4.clone()));
    assert_eq!(
        cue("\"The ferry never misses a crossing,\" the captain pointed out."),
        Some(("captain".into(), "pointed out".into()))
    );
    assert_eq!(
        cue("\"The offer is too low,\" the clerk wrote back on Friday."),
        Some(("clerk".into(), "wrote back".into()))
    );
    // Another verb's next word is not its particle.
    assert_eq!(
        cue("\"The offer is too low,\" the clerk wrote on Friday."),
        Some(("clerk".into(), "wrote".into()))
    );
}
