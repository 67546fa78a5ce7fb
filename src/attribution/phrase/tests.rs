//! Tests of `phrase`.

use super::*;
use crate::text::tokens::tokenize;

/// What `read` makes of the subject `Phrases::subject_before` finds before the first cue of
/// `sentence`; None without a cue.
fn with_subject_before_cue<T>(
    sentence: &str,
    read: impl FnOnce(&Phrases, Option<NounPhrase>) -> Option<T>,
) -> Option<T> {
    let grammar = Grammar::builtin();
    let abbreviations = |w: &str| grammar.is_abbreviation(w);
    let tokens = tokenize(sentence, Span::new(0, sentence.len()), &abbreviations);
    let p = Phrases {
        text: sentence,
        grammar: &grammar,
    };
    let cue = tokens.iter().position(|t| p.cue_verb(t).is_some())?;
    read(&p, p.subject_before(&tokens, 0, cue))
}

fn phrase_before_cue(sentence: &str) -> Option<(String, Option<String>, Option<String>)> {
    with_subject_before_cue(sentence, |_, np| np).map(|np| {
        (
            np.span.of(sentence).to_string(),
            np.name.map(|s| s.of(sentence).to_string()),
            np.title.map(|s| s.of(sentence).to_string()),
        )
    })
}

#[test]
fn reads_title_and_name_before_cue() {
    let (mention, name, title) =
        phrase_before_cue("Kremlin spokesman Dmitry Peskov told RIA").unwrap();
    assert_eq!(mention, "Kremlin spokesman Dmitry Peskov");
    assert_eq!(name.as_deref(), Some("Dmitry Peskov"));
    assert_eq!(title.as_deref(), Some("Kremlin spokesman"));
}

#[test]
fn reads_nominal_and_organisation_speakers() {
    assert_eq!(
        phrase_before_cue("a senior Obama administration official acknowledged")
            .unwrap()
            .0,
        "a senior Obama administration official"
    );
    assert_eq!(
        phrase_before_cue("Responding, the US State Department said")
            .unwrap()
            .0,
        "the US State Department"
    );
    assert_eq!(
        phrase_before_cue("the State Department spokesperson has iterated")
            .unwrap()
            .0,
        "the State Department spokesperson"
    );
    assert_eq!(
        phrase_before_cue("a spokesman for the Kremlin says")
            .unwrap()
            .0,
        "a spokesman for the Kremlin"
    );
}

#[test]
fn reads_appositive_title() {
    let (mention, name, title) =
        phrase_before_cue("Lilit Gevorgyan, a political analyst for IHS Global Insight, said")
            .unwrap();
    assert_eq!(mention, "Lilit Gevorgyan");
    assert_eq!(name.as_deref(), Some("Lilit Gevorgyan"));
    assert_eq!(
        title.as_deref(),
        Some("a political analyst for IHS Global Insight")
    );
}

#[test]
fn a_name_in_a_fronted_adverbial_is_not_the_subject_its_appositives_follow() {
    // "In Springfield, his aide, Tad Marsh, said": the place is the adverbial's object, and
    // the aide is named by the appositive; a month that is also a first name is no speaker.
    for sentence in [
        "In Springfield, his top aide, Tad Marsh, told reporters",
        "In May, his top aide, Tad Marsh, told reporters",
        "In a letter to the Herald, his top aide, Tad Marsh, told reporters",
    ] {
        let (mention, name, title) = phrase_before_cue(sentence).unwrap();
        assert_eq!(mention, "his top aide, Tad Marsh", "{sentence}");
        assert_eq!(name.as_deref(), Some("Tad Marsh"), "{sentence}");
        assert_eq!(title.as_deref(), Some("his top aide"), "{sentence}");
    }
    // Without the preposition the name before both appositives is still the speaker.
    let (_, name, title) =
        phrase_before_cue("Jane Roe, the county clerk, a former teacher, told reporters").unwrap();
    assert_eq!(name.as_deref(), Some("Jane Roe"));
    assert!(title.is_some());
}

#[test]
fn a_month_that_is_a_first_name_opens_a_name() {
    for (sentence, speaker) in [
        ("June Carter told reporters", "June Carter"),
        ("On Friday, April Lee told reporters", "April Lee"),
        // A date before a name is no part of it.
        ("On May 5, Tad Marsh told reporters", "Tad Marsh"),
        ("Last June Tad Marsh told reporters", "Tad Marsh"),
        ("In June Tad Marsh told reporters", "Tad Marsh"),
    ] {
        let name = phrase_before_cue(sentence).and_then(|(_, name, _)| name);
        assert_eq!(name.as_deref(), Some(speaker), "{sentence}");
    }
    // After the cue too; a date there stays a date.
    let grammar = Grammar::builtin();
    let after_cue = |text: &str| {
        let tokens = tokenize(text, Span::new(0, text.len()), &|_| false);
        let p = Phrases {
            text,
            grammar: &grammar,
        };
        let from = tokens.iter().position(|t| t.text(text) == "said")? + 1;
        let phrase = p.object_after(&tokens, from)?;
        phrase.name.map(|name| name.of(text).to_string())
    };
    assert_eq!(
        after_cue("the vote was fair, said August Wilson, a clerk.").as_deref(),
        Some("August Wilson")
    );
    assert_eq!(after_cue("the vote was fair, said June 5 reports."), None);
}

#[test]
fn skips_adverbs_and_time() {
    assert_eq!(
        phrase_before_cue("Trump on Thursday said").unwrap().0,
        "Trump"
    );
    assert_eq!(
        phrase_before_cue("Ryabkov further informed").unwrap().0,
        "Ryabkov"
    );
    assert_eq!(phrase_before_cue("he has repeatedly said").unwrap().0, "he");
}

#[test]
fn lexicon_shortcuts_agree_with_the_full_tests() {
    let grammar = Grammar::builtin();
    let text = "According to ACCORDING, accordingly he said: \"Says\" Putin Says 3 said, \
                the report; Tass's report, «told» Ékho said according. A Statement stated.";
    let phrases = Phrases {
        text,
        grammar: &grammar,
    };
    let known = crate::text::tokens::tokenize_with(text, Span::new(0, text.len()), &grammar);
    let unknown = tokenize(text, Span::new(0, text.len()), &|_: &str| false);
    for tokens in [&known, &unknown] {
        for k in 0..=tokens.len() + 1 {
            // The full reading: every token looked up, the neighbours read for every cue.
            let full = tokens
                .get(k)
                .and_then(|t| phrases.listed_cue_verb(t))
                .and_then(|c| phrases.verb_in_context(tokens, k, c));
            assert_eq!(
                phrases.cue_verb_at(tokens, k).map(|c| &c.lemma),
                full.map(|c| &c.lemma),
                "{k}"
            );
            for accept in [
                |c: &CueInfo| c.speech,
                |c: &CueInfo| !c.speech,
                |_: &CueInfo| false,
            ] {
                assert_eq!(
                    phrases.cue_verb_at_if(tokens, k, accept).map(|c| &c.lemma),
                    full.filter(|c| accept(c)).map(|c| &c.lemma),
                    "{k}"
                );
            }
            if let Some(token) = tokens.get(k) {
                assert_eq!(
                    phrases.cue_verb(token).map(|c| &c.lemma),
                    phrases.listed_cue_verb(token).map(|c| &c.lemma),
                    "{k}"
                );
                assert_eq!(
                    phrases.may_be_according(token),
                    phrases.is_one_of(token, &["according"]),
                    "{k}"
                );
            }
        }
    }
}

#[test]
fn rejects_non_phrases() {
    assert_eq!(phrase_before_cue("and said"), None);
    assert_eq!(phrase_before_cue(", said"), None);
    assert_eq!(
        phrase_before_cue("which he said").map(|p| p.0),
        Some("he".into())
    );
}

#[test]
fn quote_speaker_of_cue_reads_the_subject_it_is_given() {
    let grammar = Grammar::builtin();
    for sentence in [
        "Mackler issued a statement saying the plan would fail.",
        "I laughed and said it was over.",
        "Trump said, vowing to fight on, that the talks failed.",
        "The plan, said Martin Indyk: it failed.",
        "Über-Chef Lee, der Präsident, sagte und said so.",
        "",
    ] {
        let tokens = tokenize(sentence, Span::new(0, sentence.len()), &|_| false);
        let p = Phrases {
            text: sentence,
            grammar: &grammar,
        };
        for k in 0..tokens.len() {
            let subject = p.subject_before(&tokens, 0, k);
            assert_eq!(
                p.quote_speaker_of_cue(&tokens, k),
                p.cue_speaker(&tokens, k, subject, true),
                "{sentence:?} {k}"
            );
        }
    }
}

#[test]
fn speaker_name_is_the_words_without_determiner_and_cue_noun() {
    let grammar = Grammar::builtin();
    // The old reading: the words collected, the determiner and cue noun dropped, joined.
    let joined = |phrase: &str| {
        let mut words: Vec<&str> = phrase.split_whitespace().collect();
        if words.len() > 1 && grammar.in_section(Section::Determiners, words[0]) {
            words.remove(0);
        }
        if words
            .last()
            .filter(|_| words.len() > 1)
            .is_some_and(|w| grammar.cue(w).is_some_and(|c| c.noun))
        {
            words.pop();
        }
        words.join(" ")
    };
    let text =
        "the statement| The  Kremlin\tstatement |statement|the|  |a a|The Über  \u{a0}Präsident |\
                officials|the statement statement| the  state-run\n news agency report";
    let mut start = 0;
    for piece in text.split('|') {
        let span = Span::new(start, start + piece.len());
        start += piece.len() + 1;
        let phrase = NounPhrase {
            span,
            name: None,
            title: None,
            pronoun: false,
        };
        let p = Phrases {
            text,
            grammar: &grammar,
        };
        assert_eq!(p.speaker_name(&phrase), joined(piece), "{piece:?}");
    }
}

#[test]
fn a_speech_verb_agreeing_with_the_noun_before_it_is_a_verb() {
    let grammar = Grammar::builtin();
    let verb_at = |sentence: &str, word: &str| {
        let abbreviations = |w: &str| grammar.is_abbreviation(w);
        let tokens = tokenize(sentence, Span::new(0, sentence.len()), &abbreviations);
        let p = Phrases {
            text: sentence,
            grammar: &grammar,
        };
        let k = tokens
            .iter()
            .position(|t| t.text(sentence) == word)
            .unwrap();
        p.cue_verb_at(&tokens, k).is_some()
    };
    assert!(verb_at("the campaign says Ms. Ortiz will stay", "says"));
    assert!(verb_at("the organisers say the march will go ahead", "say"));
    // A noun stays a noun: "their phone calls were", "the following comment:".
    assert!(!verb_at("their phone calls were short", "calls"));
    assert!(!verb_at("the following comment: nothing", "comment"));
}

#[test]
fn a_name_of_two_words_before_of_the_organisation_is_the_speaker() {
    let (mention, name, _) =
        phrase_before_cue("Jane Roe of the Lakeside Trust said the dam held").unwrap();
    assert_eq!(mention, "Jane Roe of the Lakeside Trust");
    assert_eq!(name.as_deref(), Some("Jane Roe"));
    let (mention, name, _) =
        phrase_before_cue("Mr. Roe of the Lakeside Trust said the dam held").unwrap();
    assert_eq!(mention, "Mr. Roe of the Lakeside Trust");
    assert_eq!(name.as_deref(), Some("Roe"));
    // One capitalised word before "of the" is no person's name: the organisation speaks.
    let (mention, _, _) =
        phrase_before_cue("Members of the Lakeside Trust said the dam held").unwrap();
    assert_eq!(mention, "the Lakeside Trust");
}

/// The plausible speaker (see `Phrases::plausible`) of the subject before the first cue.
fn plausible_before_cue(sentence: &str) -> Option<String> {
    with_subject_before_cue(sentence, |p, np| {
        assert!(np.is_some(), "no subject in {sentence:?}");
        p.plausible(np).map(|np| np.span.of(sentence).to_string())
    })
}

#[test]
fn numbers_adverbs_and_dummy_subjects_are_no_speakers() {
    assert_eq!(
        plausible_before_cue("It said the mill would close."),
        Some("It".into())
    );
    assert_eq!(
        plausible_before_cue("The parish council said the mill would close."),
        Some("The parish council".into())
    );
    assert_eq!(plausible_before_cue("42 said they would vote again."), None);
    // A placeholder subject before a form of "be".
    let phrases = |text: &'static str, start: usize, end: usize| {
        let grammar = Grammar::builtin();
        let p = Phrases {
            text,
            grammar: &grammar,
        };
        let np = NounPhrase {
            span: Span::new(start, end),
            name: None,
            title: None,
            pronoun: text.starts_with("It"),
        };
        p.plausible(Some(np)).is_some()
    };
    assert!(!phrases(
        "It is too early to say whether it will rain.",
        0,
        2
    ));
    assert!(!phrases(
        "It's too early to say whether it will rain.",
        0,
        2
    ));
    assert!(!phrases(
        "There are farmers who say the rain came late.",
        0,
        5
    ));
    assert!(phrases("It warned that the rain would come late.", 0, 2));
}

/// (speaker, mention) of the first row of `text` that `keep` takes and whose quote, less a
/// trailing comma, is `quote`.
fn speaker_of_row(
    text: &str,
    quote: &str,
    keep: impl Fn(&crate::statement::Statement) -> bool,
) -> (String, String) {
    let found = crate::Extractor::new(Grammar::builtin()).extract(text);
    let row = found
        .statements
        .iter()
        .find(|s| keep(s) && s.quote.of(text).trim_end_matches(',') == quote)
        .unwrap_or_else(|| panic!("no such row {quote:?} in {text:?}"));
    (
        row.speaker.name.clone(),
        row.mention.map_or("", |m| m.of(text)).to_string(),
    )
}

/// (speaker, mention) of the partial quotation of `text` whose words are `quote`.
fn partial_speaker(text: &str, quote: &str) -> (String, String) {
    speaker_of_row(text, quote, |s| s.kind == Kind::Partial)
}

#[test]
fn the_possessor_of_a_speech_noun_says_its_quotation() {
    let text = "The mayor defended her claim on Tuesday that \"the budget is balanced\" despite the deficit.";
    assert_eq!(partial_speaker(text, "the budget is balanced").1, "her");
    let text = "Critics recalled Ms. Vale's bitter rejection of \"a politics of fear\" years ago.";
    let (speaker, _) = partial_speaker(text, "a politics of fear");
    assert_eq!(speaker, "Ms. Vale");
}

#[test]
fn a_participle_after_the_quotation_leaves_the_speaker_to_its_clause() {
    // '"Q," stating ...' is no inverted attribution: the subject of "said" speaks.
    let text = "Ruth Okafor said on Monday that the levy is \"a tax on hope,\" stating during the hearing that it would fail.";
    assert_eq!(partial_speaker(text, "a tax on hope").0, "Ruth Okafor");
}

#[test]
fn a_participle_set_off_after_an_object_is_the_subjects() {
    let text = "Mr. Dale praised the coach at a dinner in Springfield, the state capital, calling her \"the best in the league\" again.";
    assert_eq!(partial_speaker(text, "the best in the league").0, "Dale");
    // After a relative clause or an inverted cue the name before the comma still speaks.
    let text = "The plan is \"a disaster waiting to happen,\" said Ann Pike, a planner, noting that costs \"keep rising every month.\"";
    assert_eq!(
        partial_speaker(text, "keep rising every month.").0,
        "Ann Pike"
    );
}

#[test]
fn a_subject_before_a_participle_and_its_quotation_speaks() {
    let text = "Mr. Holm, citing \"the quiet strength of the brand,\" said sales would rise.";
    assert_eq!(
        partial_speaker(text, "the quiet strength of the brand").0,
        "Holm"
    );
}

#[test]
fn a_clause_of_manner_after_the_quotation_names_its_speaker() {
    let text = "The fact that the vote is \"too close to call,\" as Lena Ortiz said on Sunday, worries the party.";
    assert_eq!(partial_speaker(text, "too close to call").0, "Lena Ortiz");
}

#[test]
fn relative_clauses_and_appositives_between_dashes() {
    let text = "Gale Porter - who once said she would \"never sell the farm\" - said on Friday that she would sell it.";
    let (speaker, mention) = partial_speaker(text, "never sell the farm");
    assert_eq!((speaker.as_str(), mention.as_str()), ("Gale Porter", "who"));
    let text = "A former governor -- Tim Ashby, who lost in 2010 -- said the plan \"offers nothing to farmers.\"";
    let (speaker, mention) = partial_speaker(text, "offers nothing to farmers.");
    assert_eq!(speaker, "Tim Ashby");
    assert!(mention.starts_with("A former governor"), "{mention}");
}

#[test]
fn a_post_modified_common_noun_heads_its_phrase() {
    let (mention, name, _) =
        phrase_before_cue("A person familiar with the talks said the deal was close").unwrap();
    assert_eq!(mention, "A person familiar with the talks");
    assert_eq!(name, None);
}

#[test]
fn an_organisation_name_keeps_its_and_and_complement() {
    let (mention, name, _) =
        phrase_before_cue("The Institute for Soil Science and Forestry said yields fell").unwrap();
    assert_eq!(mention, "The Institute for Soil Science and Forestry");
    assert_eq!(
        name.as_deref(),
        Some("Institute for Soil Science and Forestry")
    );
    // Two people joined by "and" stay apart.
    let (mention, _, _) = phrase_before_cue("Jane Roe and Tom Fell said yields fell").unwrap();
    assert_eq!(mention, "Tom Fell");
}

#[test]
fn headline_runs_and_dummy_words_are_no_names() {
    let text =
        "WEATHER WATCH STORMS ARE COMING BACK Hail and sleet are \"the new normal for spring.\"";
    let found = crate::Extractor::new(Grammar::builtin()).extract(text);
    assert!(found
        .statements
        .iter()
        .all(|s| !s.speaker.name.contains("WATCH")));
}

#[test]
fn roles_and_documents_name_speakers_without_a_name() {
    let grammar = Grammar::builtin();
    let p = Phrases {
        text: "the former governor and the statement and the old barn",
        grammar: &grammar,
    };
    let np = |start: usize, end: usize| NounPhrase {
        span: Span::new(start, end),
        name: None,
        title: None,
        pronoun: false,
    };
    assert!(p.is_role_or_document(&np(0, 19)));
    assert!(p.is_role_or_document(&np(24, 37)));
    assert!(!p.is_role_or_document(&np(42, 54)));
}

#[test]
fn a_title_of_several_words_heads_a_phrase() {
    let (mention, name, _) =
        phrase_before_cue("where the secretary of state said the talks would go on").unwrap();
    assert_eq!(mention, "the secretary of state");
    assert_eq!(name, None);
}

#[test]
fn a_role_then_a_name_after_a_cue_is_the_named_speaker() {
    let text = "\"The pier will close,\" said the firm's chief executive, Jane Roe.";
    let quoted = |text: &str| {
        let found = crate::Extractor::new(Grammar::builtin()).extract(text);
        found
            .statements
            .iter()
            .map(|s| {
                (
                    s.speaker.name.clone(),
                    s.mention.map_or("", |m| m.of(text)).to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        quoted(text),
        vec![(
            "Jane Roe".to_string(),
            "the firm's chief executive, Jane Roe".to_string()
        )]
    );
    // The role's complement is read to the comma.
    let text = "\"The pier will close,\" said a former spokesman for the port, Jane Roe, who ran for mayor.";
    assert_eq!(quoted(text)[0].0, "Jane Roe");
    // A clause word ("that") is no part of a role: the name after it is not the speaker's.
    let text = "\"The pier will close,\" said the mayor that week, Jane Roe.";
    assert_ne!(quoted(text)[0].0, "Jane Roe");
}

/// (speaker, mention) of the row of `text` whose quote, less a trailing comma, is `quote`.
fn row_speaker(text: &str, quote: &str) -> (String, String) {
    speaker_of_row(text, quote, |_| true)
}

#[test]
fn a_participle_after_a_document_object_is_its_issuers() {
    let text = "The union placed a new radio ad calling the deal \"a betrayal of the workers.\"";
    assert_eq!(
        row_speaker(text, "a betrayal of the workers.").1,
        "The union"
    );
    // The plural of a document noun too.
    let text = "The mayor published letters calling the bypass \"a road to nowhere.\"";
    assert_eq!(row_speaker(text, "a road to nowhere.").1, "The mayor");
}

#[test]
fn a_subject_phrase_stops_before_its_verb() {
    let text = "The senator issued statements on Monday saying that the levy was \"a burden on every family.\"";
    let (speaker, mention) = row_speaker(text, "a burden on every family.");
    assert_eq!(
        (speaker.as_str(), mention.as_str()),
        ("senator", "The senator")
    );
}

#[test]
fn a_referring_it_before_its_verb_speaks() {
    let text = "Later, it criticized the board, saying the fee was \"far too high for families.\"";
    assert_eq!(row_speaker(text, "far too high for families.").1, "it");
    // A placeholder "it" before "is" or "seems" names no one.
    let text = "Still, it seems the council has been \"far too slow to act.\"";
    assert_ne!(row_speaker(text, "far too slow to act.").1, "it");
}

#[test]
fn a_fronted_participle_is_said_by_the_main_clause_subject() {
    let text = "After saying the dam was \"in no danger at all,\" the minister resigned on Monday.";
    assert_eq!(row_speaker(text, "in no danger at all").1, "the minister");
    // Never a subject inside the quotation itself.
    let text = "Before saying \"As a builder, I know the costs,\" the mayor left.";
    assert_eq!(
        row_speaker(text, "As a builder, I know the costs").1,
        "the mayor"
    );
}

#[test]
fn a_number_with_a_slash_modifies_a_speaker_phrase() {
    let text = "\"We will not stop asking,\" said 9/11 survivor Ann Lee.";
    let (speaker, mention) = row_speaker(text, "We will not stop asking");
    assert_eq!(
        (speaker.as_str(), mention.as_str()),
        ("Ann Lee", "9/11 survivor Ann Lee")
    );
    // A number alone before a cue noun is no speaker.
    let (mention, _, _) =
        phrase_before_cue("Critics of the 24/7 survivor Ann Lee said").unwrap_or_default();
    assert_eq!(mention, "the 24/7 survivor Ann Lee");
}

#[test]
fn a_verb_phrase_is_no_part_of_a_speaker() {
    // A contracted "is" or "has" after a pronoun ends the phrase at the pronoun.
    let (mention, _, _) = phrase_before_cue("He's repeatedly said the bridge is safe").unwrap();
    assert_eq!(mention, "He");
    // A modal between a subject and its cue is skipped, not read into the phrase.
    let (mention, _, _) = phrase_before_cue("The mayor cannot say when it opens").unwrap();
    assert_eq!(mention, "The mayor");
    // An auxiliary between a trailing speaker and a cue further on keeps them apart.
    let text = "\"Is the dam safe?\" a spokesman can be heard asking in the video.";
    assert_eq!(row_speaker(text, "Is the dam safe?").1, "a spokesman");
}

#[test]
fn a_quantity_of_documents_saying_something_is_its_issuers() {
    let text = "The mayor unleashed a series of posts early Friday saying that the council had acted \"with reckless haste and no plan.\"";
    assert_eq!(
        row_speaker(text, "with reckless haste and no plan.").1,
        "The mayor"
    );
    let text = "The mayor sent a string of emails on Friday saying the council had acted \"with reckless haste and no plan.\"";
    assert_eq!(
        row_speaker(text, "with reckless haste and no plan.").1,
        "The mayor"
    );
}

#[test]
fn a_title_with_a_numeral_complement_is_one_phrase() {
    let (mention, _, _) = phrase_before_cue("And the mother of two replied, \"Q.\"").unwrap();
    assert_eq!(mention, "the mother of two");
    // The cue's own subject, not the subject of the sentence's first clause.
    let text = "She said the plan was fair, and the mother of two replied, \"It is meant for mothers who gave birth.\"";
    assert_eq!(
        row_speaker(text, "It is meant for mothers who gave birth.").1,
        "the mother of two"
    );
}

#[test]
fn a_comma_inside_a_closing_quote_mark_ends_the_clause_before() {
    // The sentence before a lone quotation names its speaker after a quoted show's title.
    let text = "On \"Face the Voters,\" Jane Roe identified fatigue with bigotry as a reason to vote. \"The younger people are sick and tired of it.\"";
    assert_eq!(
        row_speaker(text, "The younger people are sick and tired of it.").0,
        "Jane Roe"
    );
    // An opening mark after a comma is no closing one: the clause is not read inside the quotation.
    let text = "The board wrote in its report, \"Keep the harbor tax in place at the current level.\" \"Review it after the year 2030, when the port reopens.\"";
    assert_eq!(
        row_speaker(
            text,
            "Review it after the year 2030, when the port reopens."
        )
        .1,
        "The board"
    );
}

/// The clause subject `Phrases::clause_subject` reads before the first word `verb` of `text`.
fn clause_subject_before(text: &str, verb: &str) -> Option<String> {
    let grammar = Grammar::builtin();
    let tokens = tokenize(text, Span::new(0, text.len()), &|_| false);
    let p = Phrases {
        text,
        grammar: &grammar,
    };
    let k = tokens.iter().position(|t| t.text(text) == verb)?;
    p.clause_subject(&tokens, k)
        .map(|np| np.span.of(text).to_string())
}

#[test]
fn a_subject_several_clauses_before_its_verb_is_read() {
    let text = "Jane Roe, who ran the county fair for a decade, when the budget was cut, and again after the storm, told reporters the fair would go on.";
    assert_eq!(
        clause_subject_before(text, "told").as_deref(),
        Some("Jane Roe")
    );
}

#[test]
fn a_subject_is_read_at_most_subject_clauses_starts_back() {
    // "Jane Roe, famous for apples, pears, ..., told": each comma opens a clause start read
    // before the sentence's own; past SUBJECT_CLAUSES of them the subject is not looked for.
    let items = [
        "apples", "pears", "plums", "figs", "limes", "dates", "kale", "leeks", "beans", "peas",
        "corn", "rice", "oats", "rye",
    ];
    let text = |n: usize| {
        format!(
            "Jane Roe, famous for {}, told reporters.",
            items[..n].join(", ")
        )
    };
    // n items make n + 1 commas (one after "Roe", one before "told"), so n + 2 clause starts
    // with the sentence's own.
    let within = frames::SUBJECT_CLAUSES - 2;
    assert_eq!(
        clause_subject_before(&text(within), "told").as_deref(),
        Some("Jane Roe")
    );
    assert_eq!(clause_subject_before(&text(within + 1), "told"), None);
}

#[test]
fn a_participle_reads_the_subject_of_a_main_clause_before_it() {
    let text = "Jane Roe said on Monday, in a statement to the county board, vowing to fight on.";
    let grammar = Grammar::builtin();
    let tokens = tokenize(text, Span::new(0, text.len()), &|_| false);
    let p = Phrases {
        text,
        grammar: &grammar,
    };
    let k = tokens
        .iter()
        .position(|t| t.text(text) == "vowing")
        .unwrap();
    let subject = p.main_subject(&tokens, k).map(|np| np.span.of(text));
    assert_eq!(subject, Some("Jane Roe"));
}

#[test]
fn a_day_number_beside_a_month_is_a_date_not_part_of_a_phrase() {
    let grammar = Grammar::builtin();
    let p = |text: &'static str| Phrases {
        text,
        grammar: &grammar,
    };
    let tokens_of = |text: &str| tokenize(text, Span::new(0, text.len()), &|_| false);
    let ending = |text: &'static str| {
        let tokens = tokens_of(text);
        let phrase = p(text).phrase_ending_at(&tokens, 0, tokens.len())?;
        Some(phrase.span.of(text).to_string())
    };
    assert_eq!(ending("May 5 Tad Marsh").as_deref(), Some("Tad Marsh"));
    assert_eq!(ending("5 May Tad Marsh").as_deref(), Some("Tad Marsh"));
    assert_eq!(ending("March 21st Ann Pike").as_deref(), Some("Ann Pike"));
    // A count after a day's name, and a number beside no month, still head their phrase.
    assert_eq!(
        ending("Friday 12 protesters").as_deref(),
        Some("12 protesters")
    );
    assert_eq!(
        ending("the 40 senators").as_deref(),
        Some("the 40 senators")
    );
    // Read forwards, from the hearer of "told": the date after the name is none of it.
    let hearer = |text: &'static str| {
        let tokens = tokens_of(text);
        let from = tokens.iter().position(|t| t.text(text) == "told")? + 1;
        let phrase = p(text).object_after(&tokens, from)?;
        Some(phrase.span.of(text).to_string())
    };
    assert_eq!(
        hearer("Officials told Ann Pike May 5 that the road would close.").as_deref(),
        Some("Ann Pike")
    );
    assert_eq!(
        hearer("Officials told May Lee that the road would close.").as_deref(),
        Some("May Lee")
    );
    // What is a date: the day and its month, never the word after the day.
    let text = "On 5 May Tad Marsh and on May 5 Ann Pike";
    let tokens = tokens_of(text);
    let dated: Vec<&str> = (0..tokens.len())
        .filter(|&i| p(text).in_date(&tokens, i))
        .map(|i| tokens[i].text(text))
        .collect();
    assert_eq!(dated, ["5", "May", "May", "5"]);
}
