//! The product of extraction: attributed statements, addressed by spans into the text.

use serde::Serialize;

use crate::lexicon::OutletKind;
use crate::span::Span;

/// Who made a statement, as the article names them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Speaker {
    /// The resolved name ("Dmitry Peskov"), empty when unknown.
    pub name: String,
    /// The title or role ("Kremlin spokesman"), empty when unknown.
    pub title: String,
}

impl Speaker {
    /// A speaker called `name`, with `title`.
    pub fn new(name: impl Into<String>, title: impl Into<String>) -> Speaker {
        Speaker {
            name: name.into(),
            title: title.into(),
        }
    }

    /// Is the speaker known (named)?
    pub fn is_known(&self) -> bool {
        !self.name.is_empty()
    }
}

/// What kind of speaker a statement has (the `speaker_kind` column).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    /// A person ("Dmitry Peskov", "the spokeswoman", "he").
    Person,
    /// An organisation or institution ("the ministry", "the company", "FAA").
    Organisation,
    /// A document ("the report", "the lawsuit").
    Document,
    /// A news outlet or platform speaking for itself ("CNN reported").
    Outlet,
    /// Not known, or no speaker.
    #[default]
    Unknown,
}

impl SpeakerKind {
    /// The name used in the output.
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerKind::Person => "person",
            SpeakerKind::Organisation => "organisation",
            SpeakerKind::Document => "document",
            SpeakerKind::Outlet => "outlet",
            SpeakerKind::Unknown => "unknown",
        }
    }
}

/// One outlet or platform a statement names: what it is called, what kind it is, and where
/// the text names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutletRef {
    /// The name written in the output: the canonical name ("CNN" for "the cable news
    /// network"), or the words as written when no lexicon entry names it ("Rossiya-1's 60
    /// Minutes", "Russian state media").
    pub name: String,
    /// News outlet or platform.
    pub kind: OutletKind,
    /// Where the text names it; None when no words of the text do (an embedded post's platform).
    pub span: Option<Span>,
}

impl OutletRef {
    /// An outlet called `name` (its words joined by single spaces, as a name taken from
    /// hard-wrapped text may hold a line break), of `kind`, named at `span`.
    pub fn new(name: impl AsRef<str>, kind: OutletKind, span: Option<Span>) -> OutletRef {
        OutletRef {
            name: crate::lexicon::join_words(name.as_ref()),
            kind,
            span,
        }
    }
}

/// The outlets a statement names: 8 bytes and no allocation when there are none, as for
/// almost every statement (a long article holds all of its statements at once). Reads as a
/// slice of [`OutletRef`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
// The box makes it one pointer (a vector is three words), and is made only for a first outlet.
#[allow(clippy::box_collection)]
pub struct Outlets(Option<Box<Vec<OutletRef>>>);

impl Outlets {
    /// No outlets.
    pub const fn new() -> Outlets {
        Outlets(None)
    }

    /// Adds `outlet` at the end.
    pub fn push(&mut self, outlet: OutletRef) {
        self.0.get_or_insert_with(Box::default).push(outlet);
    }

    /// The outlets as a vector.
    pub fn into_vec(self) -> Vec<OutletRef> {
        self.0.map(|outlets| *outlets).unwrap_or_default()
    }
}

impl std::ops::Deref for Outlets {
    type Target = [OutletRef];

    fn deref(&self) -> &[OutletRef] {
        self.0.as_deref().map_or(&[], Vec::as_slice)
    }
}

impl std::ops::DerefMut for Outlets {
    fn deref_mut(&mut self) -> &mut [OutletRef] {
        self.0.as_deref_mut().map_or(&mut [], Vec::as_mut_slice)
    }
}

/// The outlets of a vector; an empty one allocates nothing.
impl From<Vec<OutletRef>> for Outlets {
    fn from(outlets: Vec<OutletRef>) -> Outlets {
        Outlets((!outlets.is_empty()).then(|| Box::new(outlets)))
    }
}

impl FromIterator<OutletRef> for Outlets {
    fn from_iter<I: IntoIterator<Item = OutletRef>>(outlets: I) -> Outlets {
        Outlets::from(outlets.into_iter().collect::<Vec<_>>())
    }
}

impl<'o> IntoIterator for &'o Outlets {
    type Item = &'o OutletRef;
    type IntoIter = std::slice::Iter<'o, OutletRef>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// What kind of speech a statement is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The statement is the quoted text.
    Direct,
    /// A quoted fragment inside the writer's paraphrase.
    Partial,
    /// Reported speech without quotation marks.
    Indirect,
}

impl Kind {
    /// The name used in the output.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Direct => "direct",
            Kind::Partial => "partial",
            Kind::Indirect => "indirect",
        }
    }
}

/// Which rule tied a statement to its speaker; each rule has its own confidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Speaker and cue in the same clause as the quote ("Q," X said / X said: "Q").
    SameClause,
    /// A dash attribution with no cue ("Q" — Name, title).
    Dash,
    /// A cue earlier in the sentence, with other words between it and the quote.
    DistantCue,
    /// Shares the attribution of another quote of the same sentence ("Q1," X said, "Q2").
    Shared,
    /// Follows an attributed quote of the same paragraph ("Q1," X said. "Q2.").
    SameParagraph,
    /// The subject of the sentence before, with no cue of its own ("X continued. "Q"").
    PreviousSentence,
    /// A lead-in ending in a colon in the paragraph before.
    ColonLeadIn,
    /// Follows an attributed quote paragraph with no attribution of its own.
    Continuation,
    /// Reported speech: a speech cue with its subject and reported clause.
    Reported,
    /// No speaker was found.
    Unattributed,
    /// An embedded social-media post: its author speaks, on its platform.
    EmbeddedPost,
}

impl Rule {
    /// The base confidence of an attribution made by this rule.
    pub fn confidence(self) -> f32 {
        match self {
            Rule::SameClause => 0.95,
            Rule::Shared => 0.9,
            Rule::Dash => 0.85,
            Rule::SameParagraph => 0.85,
            Rule::DistantCue => 0.8,
            Rule::ColonLeadIn => 0.8,
            Rule::PreviousSentence => 0.6,
            Rule::Continuation => 0.55,
            Rule::Reported => 0.75,
            Rule::Unattributed => 0.3,
            Rule::EmbeddedPost => 0.9,
        }
    }
}

/// One attributed statement found in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// Direct, partial or indirect.
    pub kind: Kind,
    /// The statement's text, without quotation marks.
    pub quote: Span,
    /// The mention of the speaker the cue governs ("he", "Kremlin spokesman Dmitry Peskov").
    pub mention: Option<Span>,
    /// Who spoke: the resolved name and title.
    pub speaker: Speaker,
    /// The cue word ("told").
    pub cue: Option<Span>,
    /// The outlets or platforms the statement was given to or relayed by, in text order, each
    /// name once.
    pub outlets: Outlets,
    /// The outlets further along the chain that relayed it, which `outlets` cite, nearest
    /// first ("Russian state media" for CNN citing it); empty when there are none.
    pub outlet_chain: Outlets,
    /// Index of the paragraph the statement starts in.
    pub paragraph: usize,
    /// Index of the sentence the statement starts in.
    pub sentence: usize,
    /// How sure the attribution is, from 0 to 1.
    pub confidence: f32,
    /// The rule that attributed it.
    pub rule: Rule,
}

impl Statement {
    /// The statement of a stretch of text as a statement of the whole: spans moved `bytes`
    /// on, paragraph and sentence indices by the `paragraphs` and `sentences` before it.
    pub fn move_by(&mut self, bytes: usize, paragraphs: usize, sentences: usize) {
        self.quote = self.quote.moved_by(bytes);
        self.mention = self.mention.map(|m| m.moved_by(bytes));
        self.cue = self.cue.map(|c| c.moved_by(bytes));
        for outlet in self.outlets.iter_mut().chain(self.outlet_chain.iter_mut()) {
            outlet.span = outlet.span.map(|s| s.moved_by(bytes));
        }
        self.paragraph += paragraphs;
        self.sentence += sentences;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_statement_is_small_and_its_outlets_take_no_room_when_none() {
        // A long article holds every statement at once: 8 bytes of outlets each when none.
        assert_eq!(std::mem::size_of::<Outlets>(), 8);
        assert_eq!(std::mem::size_of::<Statement>(), 152);
        let mut outlets = Outlets::from(Vec::new());
        assert_eq!(outlets, Outlets::new());
        assert!(outlets.is_empty());
        let cnn = OutletRef::new("CNN", OutletKind::Outlet, None);
        outlets.push(cnn.clone());
        assert_eq!(&*outlets, std::slice::from_ref(&cnn));
        assert_eq!(outlets.clone().into_vec(), vec![cnn.clone()]);
        assert_eq!([cnn].into_iter().collect::<Outlets>(), outlets);
    }
}
