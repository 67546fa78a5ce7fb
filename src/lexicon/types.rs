//! What the lexicons say about a word: the entry types of each grammar file, and the
//! function-word and outlet-word sections the rules ask about.

use super::Lex;

/// What a cue word can do in an attribution.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CueInfo {
    /// The base form ("say" for "said"), shared by the entries of all its forms.
    pub lemma: std::sync::Arc<str>,
    /// A verb of saying; can introduce reported speech.
    pub speech: bool,
    /// Labels its object with a quoted fragment ("called it \"groundless\"").
    pub naming: bool,
    /// Its object is the hearer ("told reporters"), possibly an outlet.
    pub addressee: bool,
    /// A noun that carries speech ("statement").
    pub noun: bool,
    /// Introduces quotations but is too ambiguous for reported speech ("continued").
    pub quote_only: bool,
    /// Still a verb when capitalised, as in a headline ("Putin Says").
    pub headline: bool,
    /// Reports speech only with a clause or a quotation: its noun object is another sense
    /// ("added that ...", not "added 3,000 jobs").
    pub clausal: bool,
    /// May stand between its content and its subject ("..., said the mayor."): its noun
    /// object is never what was said, so a speaker phrase after it is its subject.
    pub inverts: bool,
    /// Its object, when a person, body or outlet, is the source it relays ("citing an
    /// unnamed official"), not what was said; other objects are ("cited rising costs").
    pub sources: bool,
}

/// Gender (or number) that a name, title or pronoun signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    /// Refers to a man.
    Male,
    /// Refers to a woman.
    Female,
    /// Refers to several people or an organisation ("they").
    Plural,
    /// Refers to a thing or an organisation ("it").
    Neuter,
}

/// What a title or role word says about who holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TitleInfo {
    /// A role held by a person.
    pub person: bool,
    /// An organisation word.
    pub org: bool,
    /// A courtesy title written before a surname.
    pub honorific: bool,
    /// A word an article uses as a second name for a person it has just named ("the actor").
    pub epithet: bool,
    /// The gender the title implies, if any.
    pub gender: Option<Gender>,
}

/// What a pronoun can stand for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PronounInfo {
    /// The gender or number it refers to.
    pub gender: Option<Gender>,
    /// First person ("I", "we").
    pub first_person: bool,
}

/// What the sentence segmenter knows of an abbreviation: its tags in `abbreviations.txt`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AbbreviationInfo {
    /// `title`: written before a name ("Gen."); ends no sentence before a name.
    pub title: bool,
    /// `social`: a courtesy title ("Mr.") that opens a sentence after another abbreviation.
    pub social: bool,
    /// `state`: a state or province ("Calif."), which ends "Bedminster, N.J." before a name.
    pub state: bool,
    /// `joiner`: joins two phrases and never ends a sentence ("vs.", "e.g.").
    pub joiner: bool,
    /// `proper`: an abbreviation only when capitalised ("Ill." but not "ill.").
    pub proper: bool,
}

/// Whether an outlet is a news organisation or a social platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutletKind {
    /// A newspaper, agency, broadcaster or show.
    Outlet,
    /// A social network or messaging platform.
    Platform,
}

/// A list of `outlet_words.txt`: the words the outlet rules read around outlet names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OutletWords {
    /// `[triggers]`: words shortly before an outlet that make it the statement's ("told CNN").
    Triggers,
    /// `[citing]`: words shortly before an outlet that make it the cited source ("citing TASS").
    Citing,
    /// `[reporting]`: words right after an outlet that make it a source ("CNN reported").
    Reporting,
    /// `[media]`: words for a news outlet ("newspaper", "agency").
    Media,
    /// `[medium_nouns]`: a word for a post on one platform ("tweet | Twitter").
    MediumNouns,
    /// `[medium_lead_ins]`: the word before the determiner of a medium noun ("in a tweet").
    MediumLeadIns,
    /// `[name_heads]`: the last word of a name of outlet shape ("the Dayton Herald").
    NameHeads,
    /// `[weak_name_heads]`: such a last word that makes an outlet only in an outlet's place.
    WeakNameHeads,
    /// `[journalists]`: a word for a journalist ("a reporter for X").
    Journalists,
    /// `[journalist_links]`: the word between a journalist and an outlet ("for", "of").
    JournalistLinks,
    /// `[indefinite_articles]`: before a name and a noun, make the name a modifier.
    IndefiniteArticles,
    /// `[naming_media]`: a word for a publication right before its name ("the journal X").
    NamingMedia,
    /// `[show_lead_ins]`: the word before a quoted show's title ("said on \"Late Night\"").
    ShowLeadIns,
}

impl OutletWords {
    /// Every list, in the order of their discriminants.
    pub const ALL: [OutletWords; 13] = [
        OutletWords::Triggers,
        OutletWords::Citing,
        OutletWords::Reporting,
        OutletWords::Media,
        OutletWords::MediumNouns,
        OutletWords::MediumLeadIns,
        OutletWords::NameHeads,
        OutletWords::WeakNameHeads,
        OutletWords::Journalists,
        OutletWords::JournalistLinks,
        OutletWords::IndefiniteArticles,
        OutletWords::NamingMedia,
        OutletWords::ShowLeadIns,
    ];

    /// The list's bit in an [`OutletLists`].
    pub(super) fn bit(self) -> u16 {
        1 << self as u16
    }

    /// The list's section name in `outlet_words.txt`.
    pub fn name(self) -> &'static str {
        match self {
            OutletWords::Triggers => "triggers",
            OutletWords::Citing => "citing",
            OutletWords::Reporting => "reporting",
            OutletWords::Media => "media",
            OutletWords::MediumNouns => "medium_nouns",
            OutletWords::MediumLeadIns => "medium_lead_ins",
            OutletWords::NameHeads => "name_heads",
            OutletWords::WeakNameHeads => "weak_name_heads",
            OutletWords::Journalists => "journalists",
            OutletWords::JournalistLinks => "journalist_links",
            OutletWords::IndefiniteArticles => "indefinite_articles",
            OutletWords::NamingMedia => "naming_media",
            OutletWords::ShowLeadIns => "show_lead_ins",
        }
    }
}

/// The outlet-word lists one word is in (see [`Grammar::outlet_lists_any_case`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct OutletLists(pub(super) u16);

impl OutletLists {
    /// Is the word in `list`?
    pub fn contains(self, list: OutletWords) -> bool {
        self.0 & list.bit() != 0
    }

    /// The lists either word is in.
    pub fn union(self, other: OutletLists) -> OutletLists {
        OutletLists(self.0 | other.0)
    }
}

/// A known outlet or platform with its aliases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outlet {
    /// The name written in the output.
    pub name: String,
    /// News outlet or platform.
    pub kind: OutletKind,
    /// Where it is based: an ISO 3166 alpha-2 code, or `intl` for a global platform or
    /// agency; None when its line (of the older three-field format) gives none.
    pub country: Option<Country>,
}

/// Where an outlet is based: an ISO 3166 alpha-2 code (two capitals) or `intl`, held in
/// place (every outlet of the gazetteer has one: no string of its own each). Reads as the
/// code, a `str`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Country {
    /// The code's bytes, ASCII, zero-padded.
    code: [u8; 4],
    /// How many of them are the code.
    len: u8,
}

impl Country {
    /// The country of `code`: two ASCII capitals or `intl`; None for anything else.
    pub fn new(code: &str) -> Option<Country> {
        let alpha2 = code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase());
        if !alpha2 && code != "intl" {
            return None;
        }
        let mut bytes = [0; 4];
        bytes[..code.len()].copy_from_slice(code.as_bytes());
        Some(Country {
            code: bytes,
            len: code.len() as u8,
        })
    }

    /// The code as written ("FR", "intl").
    pub fn as_str(&self) -> &str {
        let bytes = self.code.get(..usize::from(self.len)).unwrap_or(&[]);
        // `new` keeps only ASCII codes.
        std::str::from_utf8(bytes).unwrap_or("")
    }
}

impl std::ops::Deref for Country {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Display for Country {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the lexicons say about one lower-case word or phrase, gathered for a single lookup.
#[derive(Debug, Clone, Default)]
pub(crate) struct Entry {
    /// Its cue entry, if it is a cue.
    pub cue: Option<CueInfo>,
    /// Its title entry, if it is a title or role.
    pub title: Option<TitleInfo>,
    /// Its pronoun entry, if it is a pronoun.
    pub pronoun: Option<PronounInfo>,
    /// Token facts for the word, section bits included (see `tokens::Lex`), worked out when
    /// the index is built.
    pub lex: Lex,
}

/// A function-word section the attribution rules ask about, by its name in `function_words.txt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    /// `[clause_breaks]`: words that end a phrase.
    ClauseBreaks,
    /// `[determiners]`.
    Determiners,
    /// `[name_particles]`: lower-case words inside names ("de", "van").
    NameParticles,
    /// `[sentence_adverbs]`.
    SentenceAdverbs,
    /// `[skip_after_cue]`: words that may stand between a cue and what it governs.
    SkipAfterCue,
    /// `[skip_before_cue]`: words that may stand between a speaker and its cue.
    SkipBeforeCue,
    /// `[stop_words]`.
    StopWords,
    /// `[time_words]`.
    TimeWords,
    /// `[adjunct_starts]`: words after a cue that open an adjunct, not a clause ("on Friday").
    AdjunctStarts,
    /// `[question_words]`: words after a cue that make the rest what was said ("asked whether").
    QuestionWords,
    /// `[subordinators]`: words that open a subordinate clause at a sentence start ("After").
    Subordinators,
    /// `[auxiliaries]`: auxiliaries that cannot open a reported clause ("was").
    Auxiliaries,
    /// `[noun_free_determiners]`: determiners after which a cue word may still be a verb.
    NounFreeDeterminers,
    /// `[quantifiers]`: quantity words that make a plural cue word a noun ("several reports").
    Quantifiers,
    /// `[name_suffixes]`: dotted words that belong to a name ("Jr.", "III").
    NameSuffixes,
    /// `[governing_prepositions]`: prepositions whose object is no clause subject.
    GoverningPrepositions,
    /// `[non_subject_pronouns]`: pronouns that end no speaker phrase ("told him").
    NonSubjectPronouns,
    /// `[object_pronouns]`: pronouns that open no speaker phrase after a comma ("him", "it").
    ObjectPronouns,
    /// `[title_complements]`: prepositions joining a title to its complement ("spokesman for").
    TitleComplements,
    /// `[place_connectors]`: prepositions joining a name to a place or body ("Morgan of").
    PlaceConnectors,
    /// `[articles]`: "the", "a", "an", which begin a phrase even when capitalised.
    Articles,
    /// `[title_lead_ins]`: words before a quoted title ("in 'Face the Nation'").
    TitleLeadIns,
    /// `[predicate_starts]`: words after a short quotation that make it a clause's subject.
    PredicateStarts,
    /// `[report_ends]`: words that, after a comma, open what ends a reported clause ("while").
    ReportEnds,
    /// `[complement_prepositions]`: prepositions whose object completes a cue ("called for").
    ComplementPrepositions,
    /// `[passive_auxiliaries]`: forms of "be" that make a following participle passive.
    PassiveAuxiliaries,
    /// `[cue_prepositions]`: "lemma preposition" pairs whose object is a cue's content.
    CuePrepositions,
    /// `[cue_particles]`: "lemma particle" pairs, a phrasal verb of saying ("point out").
    CueParticles,
    /// `[relative_pronouns]`: words that open a relative clause ("who", "which").
    RelativePronouns,
    /// `[dummy_subjects]`: placeholder subjects that name no speaker before "be" ("there").
    DummySubjects,
    /// `[work_nouns]`: nouns for a work whose quoted title follows ("the memoir "Open Roads"").
    WorkNouns,
    /// `[speech_nouns]`: nouns whose "that" clause or quotation is their possessor's words ("her claim").
    SpeechNouns,
    /// `[months]`: the months, "May" too, which make a day's number next to them a date.
    Months,
}

impl Section {
    /// Every section, the most asked first: the first [`Lex::SECTIONS`](super::Lex::SECTIONS)
    /// get a bit in each word's lexicon facts; the rest (asked rarely: `[stop_words]` only by
    /// `whosaid check`) are looked up by name.
    pub const ALL: [Section; 33] = [
        Section::ClauseBreaks,
        Section::Determiners,
        Section::NameParticles,
        Section::SentenceAdverbs,
        Section::SkipAfterCue,
        Section::SkipBeforeCue,
        Section::TimeWords,
        Section::AdjunctStarts,
        Section::QuestionWords,
        Section::Subordinators,
        Section::Auxiliaries,
        Section::NounFreeDeterminers,
        Section::Quantifiers,
        Section::NameSuffixes,
        Section::GoverningPrepositions,
        Section::NonSubjectPronouns,
        Section::ObjectPronouns,
        Section::TitleComplements,
        Section::PlaceConnectors,
        Section::Articles,
        Section::PredicateStarts,
        Section::ReportEnds,
        Section::ComplementPrepositions,
        Section::RelativePronouns,
        Section::TitleLeadIns,
        Section::PassiveAuxiliaries,
        Section::CuePrepositions,
        Section::CueParticles,
        Section::DummySubjects,
        Section::WorkNouns,
        Section::SpeechNouns,
        Section::Months,
        Section::StopWords,
    ];

    /// The section's name in the grammar files.
    pub fn name(self) -> &'static str {
        match self {
            Section::ClauseBreaks => "clause_breaks",
            Section::Determiners => "determiners",
            Section::NameParticles => "name_particles",
            Section::SentenceAdverbs => "sentence_adverbs",
            Section::SkipAfterCue => "skip_after_cue",
            Section::SkipBeforeCue => "skip_before_cue",
            Section::StopWords => "stop_words",
            Section::TimeWords => "time_words",
            Section::Months => "months",
            Section::AdjunctStarts => "adjunct_starts",
            Section::QuestionWords => "question_words",
            Section::Subordinators => "subordinators",
            Section::Auxiliaries => "auxiliaries",
            Section::NounFreeDeterminers => "noun_free_determiners",
            Section::Quantifiers => "quantifiers",
            Section::NameSuffixes => "name_suffixes",
            Section::GoverningPrepositions => "governing_prepositions",
            Section::NonSubjectPronouns => "non_subject_pronouns",
            Section::ObjectPronouns => "object_pronouns",
            Section::TitleComplements => "title_complements",
            Section::PlaceConnectors => "place_connectors",
            Section::Articles => "articles",
            Section::TitleLeadIns => "title_lead_ins",
            Section::PredicateStarts => "predicate_starts",
            Section::ReportEnds => "report_ends",
            Section::ComplementPrepositions => "complement_prepositions",
            Section::PassiveAuxiliaries => "passive_auxiliaries",
            Section::CuePrepositions => "cue_prepositions",
            Section::CueParticles => "cue_particles",
            Section::RelativePronouns => "relative_pronouns",
            Section::DummySubjects => "dummy_subjects",
            Section::WorkNouns => "work_nouns",
            Section::SpeechNouns => "speech_nouns",
        }
    }
}

/// What an outlet alias names (see [`Grammar::outlet_alias`](super::Grammar::outlet_alias)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AliasMatch<'g> {
    /// The outlet, or the outlets of a shared alias.
    pub names: AliasNames<'g>,
    /// A one-word alias the file lists only after "the" ("The Hill"), looked up without it:
    /// it names the outlet only where the text has "the" just before it.
    pub needs_the: bool,
}

/// The outlets an alias names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AliasNames<'g> {
    /// One outlet, which alone lists the alias.
    One(&'g Outlet),
    /// An alias marked `~` that several outlets may list ("the Times"): it names one only
    /// where the article names that one in full (see `Grammar::outlet_named_in_full`).
    Shared(SharedAlias),
}

/// An ambiguous outlet alias, by its number in the grammar's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SharedAlias(pub(super) usize);

/// What an outlet alias names in the lookup index: an outlet, or a shared alias's number.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct AliasTarget {
    /// The outlet's index in `Grammar::outlets`, or the shared alias's number.
    pub(super) number: u32,
    /// Several outlets share the alias.
    pub(super) shared: bool,
    /// A one-word alias listed only after "the".
    pub(super) the_only: bool,
}

impl AliasTarget {
    /// An alias of outlet `outlet` alone.
    pub(super) fn one(outlet: usize, the_only: bool) -> AliasTarget {
        AliasTarget {
            number: outlet as u32,
            shared: false,
            the_only,
        }
    }

    /// The shared alias number `number`.
    pub(super) fn shared(number: usize, the_only: bool) -> AliasTarget {
        AliasTarget {
            number: number as u32,
            shared: true,
            the_only,
        }
    }
}

/// The outlets an ambiguous alias may name, by the full names the article may give them.
#[derive(Debug, Clone, Default)]
pub(super) struct SharedOutlets {
    /// Each full name, as written, and its outlet's index.
    pub(super) names: Vec<(String, usize)>,
    /// A searcher for each of `names`, in the same order, built once.
    pub(super) finders: Vec<memchr::memmem::Finder<'static>>,
}
