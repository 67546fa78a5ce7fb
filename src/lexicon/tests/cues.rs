//! `cues.txt` spelling: every form is an inflection of its line's lemma, and none repeats.

use super::*;

/// The built-in cue list, as written.
const CUES_TXT: &str = include_str!("../../../grammar/cues.txt");

/// Verbs whose past tense and participle are irregular, with those forms (the regular -ed
/// form of these is a misspelling).
const IRREGULAR_PASTS: &[(&str, &[&str])] = &[
    ("say", &["said"]),
    ("tell", &["told"]),
    ("speak", &["spoke", "spoken"]),
    ("write", &["wrote", "written"]),
    ("read", &["read"]),
    ("swear", &["swore", "sworn"]),
];

/// Verbs of two or more syllables stressed on the last: they double a final consonant
/// ("admitted"), as one-syllable verbs do ("slammed").
const FINAL_STRESS: &[&str] = &[
    "admit", "commit", "submit", "permit", "omit", "emit", "remit", "transmit", "acquit", "rebut",
    "regret", "abet", "forget", "upset", "occur", "recur", "incur", "concur", "refer", "prefer",
    "infer", "confer", "defer", "deter", "compel", "repel", "expel", "propel", "dispel", "excel",
    "rebel", "control", "patrol", "extol", "begin", "equip", "allot", "outwit",
];

/// Verbs English doubles or not ("kidnapped", "kidnaped"), besides those ending in -l
/// ("travelled", "traveled").
const DOUBLING_VARIES: &[&str] = &["kidnap", "worship", "program", "focus", "bias"];

/// Lines whose lemma is not among their forms, with the lemma: "state" is no cue (the
/// "State Department"), "remark" and "comment" are verb lines.
const UNLISTED_LEMMAS: &[(&str, &str)] = &[
    ("stated", "state"),
    ("remarks", "remark"),
    ("comments", "comment"),
];

fn is_vowel_at(word: &[u8], i: usize) -> bool {
    match word[i] {
        b'a' | b'e' | b'i' | b'o' => true,
        // The u of "qu" is a consonant ("quipped").
        b'u' => i == 0 || word[i - 1] != b'q',
        // "y" after a consonant is a vowel ("reply").
        b'y' => i > 0 && !is_vowel_at(word, i - 1),
        _ => false,
    }
}

/// The stems a suffix starting with a vowel (-ed, -ing) is added to: the word, its final
/// consonant doubled, or both where English varies.
fn suffix_stems(verb: &str) -> Vec<String> {
    let b = verb.as_bytes();
    let n = b.len();
    let cvc = n >= 3
        && !is_vowel_at(b, n - 1)
        && !matches!(b[n - 1], b'w' | b'x' | b'y')
        && is_vowel_at(b, n - 2)
        && !is_vowel_at(b, n - 3);
    let syllables = (0..n)
        .filter(|&i| is_vowel_at(b, i) && (i == 0 || !is_vowel_at(b, i - 1)))
        .count();
    let doubled = format!("{verb}{}", b[n - 1] as char);
    if !cvc {
        vec![verb.to_string()]
    } else if syllables == 1 || FINAL_STRESS.contains(&verb) {
        vec![doubled]
    } else if verb.ends_with('l') || DOUBLING_VARIES.contains(&verb) {
        vec![verb.to_string(), doubled]
    } else {
        vec![verb.to_string()]
    }
}

/// "-s" forms: "says", "stresses", "denies", "echoes"; nouns in -o also take a bare -s
/// ("memos").
fn s_forms(word: &str, noun: bool) -> Vec<String> {
    let b = word.as_bytes();
    let n = b.len();
    let consonant_before_last = n >= 2 && !is_vowel_at(b, n - 2);
    if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| word.ends_with(e))
    {
        vec![format!("{word}es")]
    } else if word.ends_with('y') && consonant_before_last {
        vec![format!("{}ies", &word[..n - 1])]
    } else if word.ends_with('o') && consonant_before_last {
        let mut forms = vec![format!("{word}es")];
        if noun {
            forms.push(format!("{word}s"));
        }
        forms
    } else {
        vec![format!("{word}s")]
    }
}

/// Every inflection of a verb: the base, -s, the past (and participle), -ing.
fn verb_inflections(verb: &str) -> Vec<String> {
    let b = verb.as_bytes();
    let n = b.len();
    let consonant_y = verb.ends_with('y') && n >= 2 && !is_vowel_at(b, n - 2);
    let mut forms = vec![verb.to_string()];
    forms.extend(s_forms(verb, false));
    match IRREGULAR_PASTS.iter().find(|(base, _)| *base == verb) {
        Some((_, pasts)) => forms.extend(pasts.iter().map(|p| p.to_string())),
        None if verb.ends_with('e') => forms.push(format!("{verb}d")),
        None if consonant_y => forms.push(format!("{}ied", &verb[..n - 1])),
        None if verb.ends_with('c') => forms.push(format!("{verb}ked")),
        None => forms.extend(suffix_stems(verb).iter().map(|s| format!("{s}ed"))),
    }
    if verb.ends_with("ie") {
        forms.push(format!("{}ying", &verb[..n - 2]));
    } else if ["ee", "ye", "oe"].iter().any(|e| verb.ends_with(e)) {
        forms.push(format!("{verb}ing"));
    } else if verb.ends_with('e') {
        forms.push(format!("{}ing", &verb[..n - 1]));
    } else if verb.ends_with('c') {
        forms.push(format!("{verb}king"));
    } else {
        forms.extend(suffix_stems(verb).iter().map(|s| format!("{s}ing")));
    }
    forms
}

/// The lines of a cues.txt text: its line number, forms and tags.
fn cue_lines(text: &str) -> Vec<(usize, Vec<&str>, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.trim_start().starts_with('#'))
        .map(|(i, line)| {
            let (forms, tags) = line.split_once('|').unwrap_or((line, ""));
            (
                i + 1,
                forms.split_whitespace().collect(),
                tags.split_whitespace().collect(),
            )
        })
        .collect()
}

/// The forms of a cues.txt text that are no inflection of their line's lemma (the first
/// form, or its entry in `UNLISTED_LEMMAS`): of a verb for a verb line, singular or plural
/// for a `noun` line. Each is given as "LINE: form (lemma)".
fn misspelt_cue_forms(text: &str) -> Vec<String> {
    let mut bad = Vec::new();
    for (line, forms, tags) in cue_lines(text) {
        let first = forms[0];
        let lemma = UNLISTED_LEMMAS
            .iter()
            .find(|(f, _)| *f == first)
            .map_or(first, |(_, l)| l);
        let real = if tags.contains(&"noun") {
            let mut nouns = vec![lemma.to_string()];
            nouns.extend(s_forms(lemma, true));
            nouns
        } else {
            verb_inflections(lemma)
        };
        for form in forms {
            // One lower-case word a form: the format has no multi-word cues.
            let word = form.bytes().all(|c| c.is_ascii_lowercase());
            if !word || !real.iter().any(|r| r == form) {
                bad.push(format!("{line}: {form} ({lemma})"));
            }
        }
    }
    bad
}

/// The forms of a cues.txt text listed more than once, as "form: LINE, LINE". A verb's base
/// form that a later noun line lists again is allowed: the noun line takes the form, and the
/// verb line keeps it as the lemma of its other forms ("tweet" of "tweeted").
fn repeated_cue_forms(text: &str) -> Vec<String> {
    let lines = cue_lines(text);
    let mut seen: HashMap<&str, Vec<usize>> = HashMap::new();
    for (line, forms, _) in &lines {
        for form in forms {
            seen.entry(form).or_default().push(*line);
        }
    }
    let noun_line = |n: usize| {
        lines
            .iter()
            .any(|(l, _, tags)| *l == n && tags.contains(&"noun"))
    };
    let verb_lemma_line = |form: &str, n: usize| {
        lines
            .iter()
            .any(|(l, forms, tags)| *l == n && forms[0] == form && !tags.contains(&"noun"))
    };
    let mut repeated: Vec<String> = seen
        .into_iter()
        .filter(|(form, at)| {
            let lemma_and_noun = at.len() == 2 && verb_lemma_line(form, at[0]) && noun_line(at[1]);
            at.len() > 1 && !lemma_and_noun
        })
        .map(|(form, at)| format!("{form}: {at:?}"))
        .collect();
    repeated.sort();
    repeated
}

#[test]
fn inflections_follow_english_spelling() {
    let has = |verb: &str, form: &str| verb_inflections(verb).iter().any(|f| f == form);
    for (verb, form) in [
        ("brag", "bragged"),
        ("brag", "bragging"),
        ("quip", "quipped"),
        ("admit", "admitted"),
        ("travel", "traveled"),
        ("travel", "travelled"),
        ("counter", "countered"),
        ("deny", "denies"),
        ("deny", "denied"),
        ("deny", "denying"),
        ("say", "says"),
        ("say", "said"),
        ("echo", "echoes"),
        ("stress", "stresses"),
        ("agree", "agreeing"),
        ("argue", "arguing"),
        ("lie", "lying"),
        ("panic", "panicked"),
        ("write", "written"),
        ("speak", "spoken"),
        ("read", "read"),
    ] {
        assert!(has(verb, form), "{verb} {form}");
    }
    for (verb, form) in [
        ("brag", "braged"),
        ("dub", "dubing"),
        ("admit", "admited"),
        ("counter", "counterred"),
        ("say", "sayed"),
        ("tell", "telled"),
        ("echo", "echos"),
        ("deny", "denys"),
        ("argue", "argueing"),
        ("vow", "vowwed"),
    ] {
        assert!(!has(verb, form), "{verb} {form}");
    }
}

#[test]
fn cue_forms_are_inflections_of_their_lemma() {
    assert_eq!(misspelt_cue_forms(CUES_TXT), Vec::<String>::new());
    // The misspellings the list once had are caught; a noun line takes singular and plural.
    let old = "brag brags braged braging | speech\ndub dubs dubed dubing | naming\n\
               speech speeches | noun\nspeech speechs | noun\n";
    assert_eq!(
        misspelt_cue_forms(old),
        [
            "1: braged (brag)",
            "1: braging (brag)",
            "2: dubed (dub)",
            "2: dubing (dub)",
            "4: speechs (speech)"
        ]
    );
}

#[test]
fn no_cue_form_is_listed_twice() {
    assert_eq!(repeated_cue_forms(CUES_TXT), Vec::<String>::new());
    let old = "tweet tweets tweeted | speech\nrecall recalled recalled | speech\n\
               recall | speech\ntweet tweets | noun\n";
    assert_eq!(
        repeated_cue_forms(old),
        ["recall: [2, 3]", "recalled: [2, 2]", "tweets: [1, 4]"]
    );
}

#[test]
fn cue_pairs_start_with_the_lemma_of_a_listed_cue() {
    // A pair whose first word is no cue lemma would never match: the reader joins a cue's
    // lemma, not its form, to the next word.
    let g = Grammar::builtin();
    for section in [Section::CuePrepositions, Section::CueParticles] {
        let pairs = g.function_words.get(section.name());
        assert!(pairs.is_some_and(|p| !p.is_empty()), "{}", section.name());
        for pair in pairs.into_iter().flatten() {
            let (lemma, word) = pair.split_once(' ').unwrap_or((pair, ""));
            assert!(!word.is_empty() && !word.contains(' '), "{pair}");
            // By the lemma of any form: a noun line may hold the base form ("tweet").
            let verb = g
                .cues
                .values()
                .any(|c| &*c.lemma == lemma && (c.speech || c.naming) && !c.noun);
            assert!(verb, "{}: {pair}", section.name());
        }
    }
}
