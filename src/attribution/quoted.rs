//! Ties each quotation to its speaker, cue and outlet.
//!
//! Sentences are first merged into *frames* wherever a quotation spans a sentence boundary.
//! For each top-level quotation, the words of its frame before it (back to the previous
//! quotation) and after it (up to the next one) are its attribution context. `QuoteReader::find`
//! tries the rules in order, surest first:
//! 1. a cue right before the quote (X said: "Q" / X told OUTLET "Q" / According to X, "Q");
//! 2. a trailing attribution ("Q," X said / "Q," said X / "Q" — X, title), read into the next
//!    sentence when the quote is a sentence of its own ("Q?" Power asked.);
//! 3. a cue further back in the sentence (X called it "Q");
//! 4. a trailing speaker read across a short quotation, or an attribution closing the sentence
//!    after a comma ("Q" since ..., said X);
//! 5. for a partial quote of three or more words, the subject of its sentence;
//! 6. a signature paragraph after a quote paragraph ("Q."¶- Jane Roe.); then the attribution of
//!    the quote before in the sentence or paragraph ("Q1," X said. "Q2."), unless a sentence of
//!    its own stands between them, whose subject is read first;
//! 7. the subject of the sentence before ("Howard continued his remarks. "Q"");
//! 8. a colon lead-in closing the paragraph before, then the speaker of the quote paragraph before.
//!
//! Speaker phrases are read by walking away from the cue over title, name and determiner words
//! (see `phrase`). Each rule sets the row's confidence (`statement::Rule`).

use crate::attribution::outlets::{self, FrameOutlets, SharedOutlets};
use crate::attribution::phrase::{Attribution, NounPhrase, Phrases, TrailingRead};
use crate::lexicon::{Grammar, Section};
use crate::span::Span;
use crate::statement::{Kind, OutletRef, Rule, Statement};
use crate::text::document::{slice, Document, ParagraphTokens};
use crate::text::quotes::Quote;
use crate::text::segment::Segmentation;
use crate::text::tokens::{is_possessive, is_quote_mark, word_count, Token, TokenKind};

mod titles;

/// Sentences merged so that no frame boundary falls inside a top-level quotation.
pub fn frames(seg: &Segmentation, quotes: &[&Quote]) -> Vec<Span> {
    let mut frames: Vec<Span> = Vec::with_capacity(seg.sentences.len());
    let mut next_quote = 0;
    for range in seg.paragraph_sentence_ranges() {
        let mut current: Option<Span> = None;
        for sentence in seg.sentences.get(range).unwrap_or(&[]) {
            let Some(open) = current else {
                current = Some(*sentence);
                continue;
            };
            while quotes
                .get(next_quote)
                .is_some_and(|q| q.outer.end <= sentence.start)
            {
                next_quote += 1;
            }
            let inside = quotes[next_quote..]
                .iter()
                .take_while(|q| q.outer.start < sentence.start)
                .any(|q| q.outer.end > sentence.start && q.paragraphs <= 1);
            if inside {
                current = Some(Span::new(open.start, sentence.end));
            } else {
                frames.push(open);
                current = Some(*sentence);
            }
        }
        if let Some(open) = current {
            frames.push(open);
        }
    }
    frames
}

/// Reads the quotations of one document: its text, segments, quotations and tokens.
struct QuoteReader<'d> {
    text: &'d str,
    seg: &'d Segmentation,
    phrases: Phrases<'d>,
    tokens: &'d ParagraphTokens,
    top: Vec<&'d Quote>,
    frames: Vec<Span>,
    /// The article's own publisher (see [`outlets::article_outlet`]), read when a frame names an outlet.
    article_outlet: std::cell::OnceCell<Option<OutletRef>>,
    /// Where the last quotation's frame, paragraph and sentence were found (see
    /// [`starts_up_to`]): quotations come in text order, so the next are found by stepping on.
    hints: std::cell::Cell<[usize; 3]>,
}

/// What the rules may look at for one quotation.
struct Context<'d> {
    quote: &'d Quote,
    kind: Kind,
    frame_index: usize,
    end_frame_index: usize,
    paragraph: usize,
    end_paragraph: usize,
    /// Words of the frame between the previous quotation and this one.
    before: &'d [Token],
    /// Words after this quotation up to the next one (or into the next sentence, see `context`).
    after: &'d [Token],
    /// The frame's words before the quotation, other quotations included.
    before_in_frame: &'d [Token],
    /// The frame's words after the quotation (into the next sentence, as for `after`), other
    /// quotations included.
    rest_of_frame: &'d [Token],
    /// The frame's words, other quotations included.
    frame_tokens: &'d [Token],
    /// Words after the last quotation of the frame.
    frame_tail: &'d [Token],
    /// Where the quotation's own frame ends (`after` may read on into the next sentence).
    frame_end: usize,
}

impl Context<'_> {
    /// Does the quotation stand alone in its sentence, with no words before or after it? The
    /// sentences after its own do not count ("Roe continued her remarks. "Q." However, ...").
    fn is_alone(&self) -> bool {
        self.before.iter().all(|t| t.kind() == TokenKind::Punct)
            && self
                .after
                .iter()
                .take_while(|t| t.span().start < self.frame_end)
                .all(|t| t.kind() == TokenKind::Punct)
    }
}

/// The attribution of the quotation before, to share with the ones that follow.
struct Previous {
    frame_index: usize,
    paragraph: usize,
    attribution: Attribution,
}

/// Attributes every top-level quotation of a document; scare quotes without speaker or cue
/// are dropped. Also gives the outlets of the frames it read, for the reported-speech stage
/// (see [`SharedOutlets`]).
pub fn attribute(doc: &Document, grammar: &Grammar) -> (Vec<Statement>, SharedOutlets) {
    let (text, seg, quotes, tokens) = (doc.text, &doc.segmentation, &doc.quotes, &doc.tokens);
    let top: Vec<&Quote> = quotes.iter().filter(|q| q.depth == 0).collect();
    let frames = frames(seg, &top);
    let reader = QuoteReader {
        text,
        seg,
        phrases: Phrases { text, grammar },
        tokens,
        frames,
        top,
        article_outlet: std::cell::OnceCell::new(),
        hints: std::cell::Cell::new([0; 3]),
    };
    let mut statements: Vec<Statement> = Vec::with_capacity(reader.top.len());
    let mut previous: Option<Previous> = None;
    // The outlets the frame of the last attributed quotation names, and its index: quotations
    // come in text order, so the quotations of one frame follow each other and share them.
    let mut frame_outlets: Option<FrameRead> = None;
    let mut shared = SharedOutlets::with_capacity(reader.frames.len());
    for index in 0..reader.top.len() {
        let Some(ctx) = reader.context(index) else {
            continue;
        };
        let quoted = ctx.quote.inner.trim(text);
        if quoted.is_empty() {
            continue;
        }
        if titles::is_work_title(text, ctx.quote, ctx.before, grammar) {
            continue;
        }
        let (found, lead_in) = reader.find(&ctx, previous.as_ref());
        if ctx.kind == Kind::Partial
            && is_name_or_modifier(text, ctx.quote, ctx.before, ctx.after, grammar)
        {
            continue;
        }
        // Only a quotation no rule attributed needs to read like a sentence.
        let sentence_like = || {
            let inner = ctx.quote.inner.of(text);
            has_words(inner, SHORT_QUOTE_WORDS) && is_sentence_like(inner)
        };
        let Some(attribution) =
            found.or_else(|| sentence_like().then(|| unattributed(Rule::Unattributed)))
        else {
            continue;
        };
        let attribution =
            reader.with_outlet(&ctx, attribution, lead_in, &mut frame_outlets, &mut shared);
        statements.push(reader.statement(&ctx, quoted, &attribution));
        previous = (attribution.rule != Rule::Unattributed).then_some(Previous {
            frame_index: ctx.end_frame_index,
            paragraph: ctx.end_paragraph,
            attribution,
        });
    }
    if let Some(read) = frame_outlets {
        read.share(&mut shared);
    }
    (join_fragments(text, statements), shared)
}

/// The outlets a frame names, kept while its quotations are attributed.
struct FrameRead {
    /// The frame's index.
    index: usize,
    /// Its paragraph and span.
    paragraph: usize,
    span: Span,
    /// The outlets its tokens name.
    outlets: FrameOutlets,
    /// Whether an outlet was left out as the article's own publisher.
    publisher_left_out: bool,
}

impl FrameRead {
    /// Hands the outlets on to `shared` when they are what a reading with no article
    /// publisher gives.
    fn share(self, shared: &mut SharedOutlets) {
        if !self.publisher_left_out {
            shared.keep(self.paragraph, self.span, self.outlets);
        }
    }
}

/// An attribution by `rule` with no speaker, cue or outlet.
fn unattributed(rule: Rule) -> Attribution {
    Attribution {
        rule,
        cue: None,
        speaker: None,
        outlets: Vec::new(),
        outlet_chain: Vec::new(),
    }
}

/// An attribution by `rule` to `speaker`, with no cue.
fn by_subject(rule: Rule, speaker: Option<NounPhrase>) -> Option<Attribution> {
    speaker.map(|speaker| Attribution {
        speaker: Some(speaker),
        ..unattributed(rule)
    })
}

impl<'d> QuoteReader<'d> {
    /// The words around quotation `index` that the rules read.
    fn context(&self, index: usize) -> Option<Context<'d>> {
        let quote = *self.top.get(index)?;
        let [frame_hint, paragraph_hint, sentence_hint] = self.hints.get();
        let last = quote.outer.end.saturating_sub(1);
        // `index_at` (a count less one) of the quote's first and last byte.
        let frames_before = starts_up_to(&self.frames, quote.outer.start, frame_hint);
        let paragraphs_before =
            starts_up_to(&self.seg.paragraphs, quote.outer.start, paragraph_hint);
        self.hints
            .set([frames_before, paragraphs_before, sentence_hint]);
        let frame_index = frames_before.checked_sub(1)?;
        let end_frame_index = starts_up_to(&self.frames, last, frames_before)
            .checked_sub(1)
            .unwrap_or(frame_index);
        let frame = self.frames[frame_index];
        let end_frame = self.frames[end_frame_index];
        let paragraph = paragraphs_before.saturating_sub(1);
        let end_paragraphs_before = starts_up_to(&self.seg.paragraphs, last, paragraphs_before);
        let end_paragraph = end_paragraphs_before.checked_sub(1).unwrap_or(paragraph);
        let tokens = self.tokens.get(paragraph)?;
        let end_tokens = self.tokens.get(end_paragraph)?;

        let before_start = index
            .checked_sub(1)
            .and_then(|i| self.top.get(i))
            .map_or(frame.start, |prev| prev.outer.end.max(frame.start));
        // A quote that is its whole sentence ("Q?" Power asked.) reads on into the next one.
        let whole_frame = end_frame.end <= quote.outer.end && frame.start >= quote.outer.start;
        let next_frame = self.frames.get(end_frame_index + 1).filter(|f| {
            whole_frame
                && starts_up_to(&self.seg.paragraphs, f.start, end_paragraphs_before).checked_sub(1)
                    == Some(end_paragraph)
        });
        let reach = next_frame.map_or(end_frame.end, |f| f.end);
        let after_end = self
            .top
            .get(index + 1)
            .map_or(reach, |next| next.outer.start.min(reach))
            .max(quote.outer.end);
        let last_quote_end = self.top[index..]
            .iter()
            .take_while(|q| q.outer.start < end_frame.end)
            .map(|q| q.outer.end)
            .max()
            .unwrap_or(quote.outer.end);
        // Each stretch is cut from a wider one around it, not from the whole paragraph.
        let frame_tokens = slice(tokens, frame);
        let before_in_frame_span = Span::new(frame.start, quote.outer.start);
        let before_in_frame = slice_within(frame_tokens, frame, tokens, before_in_frame_span);
        let before = slice_within(
            before_in_frame,
            before_in_frame_span,
            tokens,
            Span::new(before_start, quote.outer.start),
        );
        let rest_span = Span::new(quote.outer.end, reach.max(quote.outer.end));
        let rest_of_frame = if end_paragraph == paragraph {
            slice_within(frame_tokens, frame, tokens, rest_span)
        } else {
            slice(end_tokens, rest_span)
        };
        let after_span = Span::new(quote.outer.end, after_end);
        let tail_span = Span::new(last_quote_end, end_frame.end.max(last_quote_end));
        Some(Context {
            quote,
            kind: quote_kind(self.text, quote, before, &self.phrases),
            frame_index,
            end_frame_index,
            paragraph,
            end_paragraph,
            before,
            after: slice_within(rest_of_frame, rest_span, end_tokens, after_span),
            before_in_frame,
            rest_of_frame,
            frame_tokens,
            frame_tail: slice_within(rest_of_frame, rest_span, end_tokens, tail_span),
            frame_end: end_frame.end,
        })
    }

    /// The rules in order, from the surest to the weakest; also the lead-in sentence when a
    /// colon lead-in in the paragraph before attributed the quote.
    fn find(
        &self,
        ctx: &Context,
        previous: Option<&Previous>,
    ) -> (Option<Attribution>, Option<Span>) {
        let found = self.find_in_frames(ctx, previous);
        if found.is_some() || !self.starts_paragraph_alone(ctx) {
            return (found, None);
        }
        match self.colon_lead_in(ctx.paragraph) {
            Some((attribution, lead_in)) => (Some(attribution), Some(lead_in)),
            None => (self.continuation(ctx, previous), None),
        }
    }

    /// [`QuoteReader::find`] up to the paragraph before: the rules that read the quotation's
    /// frame and the frames before it. Each rule's attribution is returned as soon as found,
    /// so that it is not moved along the rules after it.
    fn find_in_frames(&self, ctx: &Context, previous: Option<&Previous>) -> Option<Attribution> {
        let phrases = &self.phrases;
        let mut own = self.own_cue(ctx);
        if let Some(own) = own.as_mut().filter(|f| f.speaker.is_none()) {
            // A cue without a subject ("Kerpen needled the "reporter," saying, "Q"") takes the
            // subject of its sentence, or the speaker of the quote before.
            own.speaker =
                phrases.named_quote_clause_subject(ctx.before_in_frame, ctx.before_in_frame.len());
            // "After saying her foot was "Q," she was taken to hospital": a fronted participle's
            // speaker is the subject of the clause after it.
            if let Some(cue) = own.cue.filter(|_| own.speaker.is_none()) {
                let k = ctx
                    .frame_tokens
                    .partition_point(|t| t.span().start < cue.start);
                // Its subject stands after the quotation, never inside it.
                let past_quote = ctx
                    .frame_tokens
                    .partition_point(|t| t.span().start < ctx.quote.outer.end);
                own.speaker = phrases.fronted_participle_subject(ctx.frame_tokens, k, past_quote);
            }
            if own.speaker.is_none() {
                if let Some(prev) = previous
                    .filter(|p| p.frame_index == ctx.frame_index || p.paragraph == ctx.paragraph)
                {
                    own.speaker = prev.attribution.speaker;
                    own.rule = Rule::Shared;
                }
            }
        }
        if own.is_some() {
            return own;
        }
        let signed = self.signature(ctx);
        if signed.is_some() {
            return signed;
        }
        // A quotation after a sentence of its own that follows the quotation before reads the
        // subject of that sentence first ("Q1," he said. And then he promised X. "Q2."). The
        // quotation before is adjacent when its frame, or its speaker's (""Q1?" Power asked.
        // "Q2""), is the one right before.
        let sentence_first = previous.is_some_and(|p| {
            let frame_before = ctx
                .frame_index
                .checked_sub(1)
                .and_then(|i| self.frames.get(i));
            p.frame_index + 1 < ctx.frame_index
                && p.attribution
                    .speaker
                    .zip(frame_before)
                    .is_none_or(|(s, f)| s.span.start < f.start)
        });
        if sentence_first {
            let found = self.previous_sentence(ctx);
            if found.is_some() {
                return found;
            }
        }
        let shared = self.shared(ctx, previous);
        if shared.is_some() {
            return shared;
        }
        let past = self.past_earlier_quotes(ctx);
        if past.is_some() || sentence_first {
            return past;
        }
        self.previous_sentence(ctx)
    }

    /// The attribution the quotation's own sentence gives it, by the first rule that finds one:
    /// a cue next to it (unless it takes content of its own in the next sentence), a speaker
    /// and cue read across it, an attribution closing the sentence, its clause's subject.
    fn own_cue(&self, ctx: &Context) -> Option<Attribution> {
        let open_frame = opens_frame(self.text, ctx.quote, ctx.after);
        let mut read = TrailingRead::default();
        let found = choose(&self.phrases, ctx, open_frame, &mut read);
        if found
            .as_ref()
            .is_some_and(|f| !self.next_sentence_content(ctx.after, ctx, f.cue))
        {
            return found;
        }
        let found = self.across_quotes(ctx, read);
        if found.is_some() {
            return found;
        }
        // Not read again where the trailing reader found nothing in the same tokens.
        if !(read.end_none && same_tokens(ctx.frame_tail, ctx.after)) {
            let found = self.phrases.end_attribution(ctx.frame_tail);
            if found.is_some() {
                return found;
            }
        }
        self.partial_subject(ctx)
    }

    /// "Q," Texas delegate Bill Eastland, wearing "Ted Cruz" pins, said: a trailing speaker and
    /// cue read across a short quotation, unless the cue takes content of its own in the next
    /// sentence.
    ///
    /// `read`: what the trailing reader read after the quote. A subject and cue it read from the
    /// same start in the same tokens gave nothing, or an attribution that `own_cue` refused
    /// for the same reason as here.
    fn across_quotes(&self, ctx: &Context, read: TrailingRead) -> Option<Attribution> {
        let rest = ctx.rest_of_frame;
        let first = rest.iter().position(|t| t.kind() != TokenKind::Punct)?;
        if read.subject_at == Some(first) && same_tokens(rest, ctx.after) {
            return None;
        }
        let (speaker, cue) = self.phrases.subject_then_cue(rest, first)?;
        let cue = rest[cue].span();
        if self.next_sentence_content(rest, ctx, Some(cue)) {
            return None;
        }
        Some(Attribution {
            rule: Rule::SameClause,
            cue: Some(cue),
            speaker: Some(speaker),
            outlets: Vec::new(),
            outlet_chain: Vec::new(),
        })
    }

    /// "The agency declined to detail the investigation's "scope or targets"": a partial quote
    /// of three or more words with no cue belongs to its sentence's subject.
    fn partial_subject(&self, ctx: &Context) -> Option<Attribution> {
        let governed = self.governing_cue(ctx);
        if governed.is_some() {
            return governed;
        }
        self.partial_subject_in(ctx, ctx.before)
    }

    /// [`QuoteReader::partial_subject`], the subject read in `before`; also "Ms. Capito called
    /// over her shoulder, "Q"": a full quotation a comma or colon hangs on a clause with no cue
    /// belongs to that clause's subject when it names someone.
    fn partial_subject_in(&self, ctx: &Context, before: &[Token]) -> Option<Attribution> {
        let hung = || {
            before
                .last()
                .is_some_and(|t| matches!(t.text(self.text), "," | ":"))
        };
        let direct = ctx.kind == Kind::Direct && hung();
        if !direct
            && (ctx.kind != Kind::Partial
                || !has_words(ctx.quote.inner.of(self.text), SHORT_QUOTE_WORDS))
        {
            return None;
        }
        let subject = self
            .phrases
            .quote_clause_subject(before, before.len())
            .filter(|s| {
                s.pronoun
                    || s.name.is_some()
                    || !direct
                        && (!s.span.of(self.text).starts_with(char::is_lowercase)
                            || self.phrases.is_role_or_document(s))
            });
        by_subject(Rule::DistantCue, subject)
    }

    /// "Ramos lamented that the "danger" came from ... while "Q"": when an earlier quotation
    /// of the frame, which no rule attributed, cuts the words before this one (of three words
    /// or more), the cue or subject is read in the whole frame before it, but never inside
    /// another quotation.
    fn past_earlier_quotes(&self, ctx: &Context) -> Option<Attribution> {
        // Only a quotation of some words is worth the longer read: a short one is a scare quote.
        if ctx.before_in_frame.len() == ctx.before.len()
            || !has_words(ctx.quote.inner.of(self.text), SHORT_QUOTE_WORDS)
        {
            return None;
        }
        let before = ctx.before_in_frame;
        let found = self
            .phrases
            .leading(before, ctx.kind)
            .filter(|f| f.speaker.is_some())
            .or_else(|| self.partial_subject_in(ctx, before))?;
        self.speaker_outside_quotes(found)
    }

    /// `found`, unless its speaker is a word inside a quotation (or it has no speaker).
    fn speaker_outside_quotes(&self, found: Attribution) -> Option<Attribution> {
        let speaker = found.speaker.as_ref()?.span;
        let inside = self.top.partition_point(|q| q.outer.end <= speaker.start);
        let quoted = self
            .top
            .get(inside)
            .is_some_and(|q| q.outer.start <= speaker.start);
        (!quoted).then_some(found)
    }

    /// Is the `cue` of an attribution read in the sentence after the quotation's own, and does it
    /// take content of its own there (""Q." Roe said she would veto it.")? That sentence reports
    /// other words. `tokens` are the words the attribution was read in.
    fn next_sentence_content(&self, tokens: &[Token], ctx: &Context, cue: Option<Span>) -> bool {
        let Some(cue) = cue.filter(|c| c.start >= ctx.frame_end) else {
            return false;
        };
        let index = tokens.partition_point(|t| t.span().start < cue.start);
        tokens.get(index).is_some_and(|t| t.span() == cue)
            && self.phrases.cue_takes_content(tokens, index)
    }

    /// ""Q."¶- Jane Roe, Springfield.": a direct quotation that ends its paragraph, signed by the
    /// next paragraph, a dash and a name (a fact check's or a notebook's quoted claims).
    fn signature(&self, ctx: &Context) -> Option<Attribution> {
        let paragraph = *self.seg.paragraphs.get(ctx.end_paragraph)?;
        let ends_paragraph = self
            .text
            .get(ctx.quote.outer.end..paragraph.end)
            .is_some_and(|rest| {
                rest.chars()
                    .all(|c| c.is_whitespace() || matches!(c, '.' | ',' | '!' | '?'))
            });
        if ctx.kind != Kind::Direct || !ends_paragraph {
            return None;
        }
        let next = self.tokens.get(ctx.end_paragraph + 1)?;
        let signed = next
            .first()
            .is_some_and(|t| matches!(t.text(self.text), "—" | "–" | "-" | "--" | "―"));
        if !signed {
            return None;
        }
        self.phrases
            .trailing(next, false)
            .filter(|found| found.speaker.is_some_and(|s| s.name.is_some()))
    }

    /// "Q1," X said, "Q2" shares the attribution; so does "Q1," X said. "Q2." in one paragraph.
    fn shared(&self, ctx: &Context, previous: Option<&Previous>) -> Option<Attribution> {
        let prev = previous?;
        let same_frame = prev.frame_index == ctx.frame_index;
        if !(same_frame || prev.paragraph == ctx.paragraph) || prev.attribution.speaker.is_none() {
            return None;
        }
        Some(Attribution {
            rule: if same_frame {
                Rule::Shared
            } else {
                Rule::SameParagraph
            },
            ..prev.attribution.clone()
        })
    }

    /// "Howard continued his scathing remarks. "Q"": the person the sentence before is about.
    fn previous_sentence(&self, ctx: &Context) -> Option<Attribution> {
        let alone = ctx.is_alone();
        let previous_frame = *self
            .frames
            .get(ctx.frame_index.checked_sub(1).filter(|_| alone)?)?;
        if self.seg.paragraph_at(previous_frame.start) != Some(ctx.paragraph) {
            return None;
        }
        let tokens = slice(self.tokens.get(ctx.paragraph)?, previous_frame);
        let subject = self
            .phrases
            .named_quote_clause_subject(tokens, tokens.len());
        by_subject(Rule::PreviousSentence, subject)
    }

    /// Does the quotation open its paragraph with nothing after it in its sentence?
    fn starts_paragraph_alone(&self, ctx: &Context) -> bool {
        ctx.is_alone()
            && self
                .seg
                .paragraphs
                .get(ctx.paragraph)
                .is_some_and(|p| p.start == ctx.quote.outer.start)
    }

    /// A quote paragraph right after an attributed one continues its speaker's words.
    fn continuation(&self, ctx: &Context, previous: Option<&Previous>) -> Option<Attribution> {
        let prev = previous?;
        (prev.paragraph + 1 == ctx.paragraph && prev.attribution.speaker.is_some()).then(|| {
            Attribution {
                rule: Rule::Continuation,
                ..prev.attribution.clone()
            }
        })
    }

    /// The attribution of a lead-in ending in a colon at the end of paragraph `paragraph - 1`,
    /// and the lead-in sentence.
    fn colon_lead_in(&self, paragraph: usize) -> Option<(Attribution, Span)> {
        let previous = paragraph.checked_sub(1)?;
        let tokens = self.tokens.get(previous)?;
        if tokens.last()?.text(self.text) != ":" {
            return None;
        }
        let sentences = self.seg.paragraph_sentences(previous)?;
        let last_sentence = self.seg.sentences.get(sentences.end.checked_sub(1)?)?;
        let mut found = self
            .phrases
            .leading(slice(tokens, *last_sentence), Kind::Direct)?;
        found.rule = Rule::ColonLeadIn;
        Some((found, *last_sentence))
    }

    /// The attribution with its outlet and outlet chain read from its context; `frame_outlets`
    /// keeps the outlets of the last frame read and its index.
    fn with_outlet(
        &self,
        ctx: &Context,
        mut attribution: Attribution,
        lead_in: Option<Span>,
        frame_outlets: &mut Option<FrameRead>,
        shared: &mut SharedOutlets,
    ) -> Attribution {
        if attribution.rule == Rule::Continuation {
            return attribution;
        }
        let lead_in_tokens = match (lead_in, ctx.paragraph.checked_sub(1)) {
            (Some(span), Some(previous)) => Some(
                self.tokens
                    .get(previous)
                    .map_or(&[][..], |t| slice(t, span)),
            ),
            _ => None,
        };
        let speaker = attribution.speaker.map(|s| s.span);
        let cue = attribution.cue;
        let addressee = |frame: &[Token]| {
            cue.and_then(|cue| self.phrases.addressee(frame, cue))
                .and_then(|o| self.phrases.outlets().addressee_outlet(o.span, o.name))
        };
        let (found, cited) = match lead_in_tokens {
            Some(tokens) => {
                let named = self.outlets_in(tokens);
                outlets::find_outlet(&named, speaker, || addressee(tokens))
            }
            None => {
                let named = match frame_outlets {
                    Some(read) if read.index == ctx.frame_index => &read.outlets,
                    _ => {
                        if let Some(read) = frame_outlets.take() {
                            read.share(shared);
                        }
                        let (outlets, publisher_left_out) = self.scan_outlets(ctx.frame_tokens);
                        let span = self
                            .frames
                            .get(ctx.frame_index)
                            .copied()
                            .unwrap_or_default();
                        &frame_outlets
                            .insert(FrameRead {
                                index: ctx.frame_index,
                                paragraph: ctx.paragraph,
                                span,
                                outlets,
                                publisher_left_out,
                            })
                            .outlets
                    }
                };
                outlets::find_outlet(named, speaker, || addressee(ctx.frame_tokens))
            }
        };
        let own = std::mem::take(&mut attribution.outlets);
        let (found, chain) = outlets::outlet_columns(own, found, cited);
        attribution.outlets = found;
        attribution.outlet_chain = chain;
        attribution
    }

    /// `Segmentation::sentence_at`, stepping on from the last statement's sentence.
    fn sentence_at(&self, at: usize) -> Option<usize> {
        let [frame_hint, paragraph_hint, sentence_hint] = self.hints.get();
        let sentences_before = starts_up_to(&self.seg.sentences, at, sentence_hint);
        self.hints
            .set([frame_hint, paragraph_hint, sentences_before]);
        sentences_before.checked_sub(1)
    }

    /// The outlets `tokens` name, with the article's own publisher read only if one may be it.
    fn outlets_in(&self, tokens: &[Token]) -> FrameOutlets {
        self.scan_outlets(tokens).0
    }

    /// [`QuoteReader::outlets_in`], and whether an outlet was left out as the article's own
    /// publisher (see [`outlets::scan_outlets`]).
    fn scan_outlets(&self, tokens: &[Token]) -> (FrameOutlets, bool) {
        outlets::scan_outlets(&self.phrases.outlets(), tokens, || {
            self.article_outlet
                .get_or_init(|| outlets::article_outlet(self.text, self.seg, self.phrases.grammar))
                .as_ref()
                .map(|outlet| outlet.name.as_str())
        })
    }

    /// The output statement for a quotation (its words `quoted`, the inner span trimmed) and
    /// its attribution.
    fn statement(&self, ctx: &Context, quoted: Span, attribution: &Attribution) -> Statement {
        let mut confidence = attribution.rule.confidence();
        if !ctx.quote.closed {
            confidence *= UNCLOSED_FACTOR;
        }
        let plausible = self.phrases.plausible(attribution.speaker);
        let speaker = plausible.as_ref();
        Statement {
            kind: ctx.kind,
            quote: quoted,
            mention: speaker.map(|s| s.span),
            speaker: self.phrases.speaker(speaker),
            cue: attribution.cue,
            outlets: attribution.outlets.clone().into(),
            outlet_chain: attribution.outlet_chain.clone().into(),
            paragraph: ctx.paragraph,
            sentence: self.sentence_at(ctx.quote.inner.start).unwrap_or(0),
            confidence,
            rule: attribution.rule,
        }
    }
}

/// Confidence is multiplied by this when a quotation mark was never closed.
const UNCLOSED_FACTOR: f32 = 0.7;

/// How many of `spans` (in text order) start at or before `at`, found by stepping from
/// `hint`, the count for a nearby offset: `spans.partition_point(|s| s.start <= at)`, which
/// [`crate::span::index_at`] takes one from, without a search over all of them.
fn starts_up_to(spans: &[Span], at: usize, hint: usize) -> usize {
    let mut count = hint.min(spans.len());
    while count > 0 && spans.get(count - 1).is_some_and(|s| s.start > at) {
        count -= 1;
    }
    while spans.get(count).is_some_and(|s| s.start <= at) {
        count += 1;
    }
    count
}

/// The tokens that lie within `span`, given `outer`, the tokens of `all` within `outer_span`:
/// the same as `slice(all, span)`, searched in the shorter `outer` when `span` lies inside
/// `outer_span` (the tokens within `span` are then among those within `outer_span`). An end
/// `span` shares with `outer_span` needs no search: every token of `outer` lies within it.
#[inline]
fn slice_within<'t>(
    outer: &'t [Token],
    outer_span: Span,
    all: &'t [Token],
    span: Span,
) -> &'t [Token] {
    if !outer_span.contains(span) {
        return slice(all, span);
    }
    let start = if span.start == outer_span.start {
        0
    } else {
        outer.partition_point(|t| t.span().start < span.start)
    };
    let rest = outer.get(start..).unwrap_or(&[]);
    let end = if span.end == outer_span.end {
        rest.len()
    } else {
        rest.partition_point(|t| t.span().end <= span.end)
    };
    rest.get(..end).unwrap_or(&[])
}

/// Quotes shorter than this many words are checked for being titles or modifiers, not speech.
const SHORT_QUOTE_WORDS: usize = 3;
/// Titles of shows, books and programmes are at most this many words long.
const MAX_TITLE_WORDS: usize = 6;
/// Partial fragments of one attribution at most this many words apart are one statement.
const FRAGMENT_GAP_WORDS: usize = 5;

/// Joins the partial fragments of one attribution in one sentence into one statement:
/// Cruz called Trump a "pathological liar" who is "utterly amoral," a "bully" and a "narcissist".
fn join_fragments(text: &str, mut statements: Vec<Statement>) -> Vec<Statement> {
    // Each statement is compared with the last one kept (which may have taken in fragments
    // already) and, when it is a fragment of the same attribution, dropped into it.
    statements.dedup_by(|statement, last| {
        let same_attribution = last.kind == Kind::Partial
            && statement.kind == Kind::Partial
            && last.cue == statement.cue
            && last.mention == statement.mention
            && last.sentence == statement.sentence;
        // The gap is read only for fragments of one attribution: between others it can be
        // the whole rest of the article.
        let close = || {
            let gap = text
                .get(last.quote.end..statement.quote.start)
                .unwrap_or("");
            word_count(gap) <= FRAGMENT_GAP_WORDS && !gap.contains(['.', ';', '?', '!'])
        };
        let joins = same_attribution && close();
        if joins {
            last.quote.end = statement.quote.end;
        }
        joins
    });
    statements
}

/// Is a short quoted fragment a title or a name ("on ''Today,''", "host of "Shark Tank."") or a
/// scare-quoted modifier ("“independent expenditure” reports") rather than quoted speech?
fn is_name_or_modifier(
    text: &str,
    quote: &Quote,
    before: &[Token],
    after: &[Token],
    grammar: &Grammar,
) -> bool {
    let inner = quote.inner.of(text).trim();
    // Only quotes of a few words are read on; the words are kept on the stack.
    let mut slots = [""; MAX_TITLE_WORDS];
    let mut len = 0;
    for word in words(inner) {
        let Some(slot) = slots.get_mut(len) else {
            return false;
        };
        *slot = word;
        len += 1;
    }
    let words = slots.get(..len).unwrap_or(&[]);
    // A title is in title case: every word but short function words capitalised ("Face the Nation").
    let title_case = || titles::is_title_case(inner, MAX_TITLE_WORDS, grammar);
    let capitalized = || {
        if words.len() < SHORT_QUOTE_WORDS {
            inner
                .chars()
                .find(|c| c.is_alphanumeric())
                .is_some_and(char::is_uppercase)
        } else {
            title_case()
        }
    };
    let previous = before.iter().rev().find(|t| !is_quote_mark(t.text(text)));
    let title_position = previous.is_some_and(|t| {
        let word = t.text(text);
        is_possessive(word) || grammar.token_in_section(Section::TitleLeadIns, t, text)
    });
    if title_position && capitalized() {
        return true;
    }
    let ends_inside = inner.ends_with([',', '.', '?', '!', ';', ':']);
    let next = after.iter().find(|t| !is_quote_mark(t.text(text)));
    if !ends_inside && is_nickname(text, previous, next, words.len(), grammar) {
        return true;
    }
    // A short quotation, or a title-case one ("the "Fix It Now" bus tour"), right before a
    // lower-case noun is a name used as a modifier, not speech.
    (words.len() < SHORT_QUOTE_WORDS || title_case())
        && !ends_inside
        && next.is_some_and(|t| {
            let word = t.text(text);
            t.kind() == TokenKind::Word
                && !t.is_capitalized(text)
                && !grammar.token_in_section(Section::ClauseBreaks, t, text)
                && !grammar.token_in_section(Section::SkipAfterCue, t, text)
                && grammar.cue(word).is_none()
                && !grammar.token_in_section(Section::PredicateStarts, t, text)
        })
}

/// Is a quotation of `words` words, which `previous` and `next` enclose, a nickname inside a
/// name ('Marcia "Cia" Price', 'Dwayne "The Rock" Johnson')? Both neighbours are capitalised
/// words, the one before no function word, and the quotation is at most
/// [`SHORT_QUOTE_WORDS`] words long.
fn is_nickname(
    text: &str,
    previous: Option<&Token>,
    next: Option<&Token>,
    words: usize,
    grammar: &Grammar,
) -> bool {
    let name_word = |t: &&Token| {
        t.kind() == TokenKind::Word
            && t.is_capitalized(text)
            && !grammar.token_in_section(Section::Determiners, t, text)
            && !grammar.token_in_section(Section::ClauseBreaks, t, text)
            && !grammar.token_in_section(Section::StopWords, t, text)
    };
    (1..=SHORT_QUOTE_WORDS).contains(&words)
        && previous.is_some_and(|t| name_word(&t) && grammar.cue(t.text(text)).is_none())
        && next.is_some_and(|t| name_word(&t))
}

/// Does the quoted text read like a sentence (not a title or a phrase)?
fn is_sentence_like(inner: &str) -> bool {
    let trimmed = inner.trim();
    let ends = trimmed.ends_with(['.', ',', '?', '!', '…', ';', ':']);
    ends || has_words(trimmed, 6)
}

/// Does `text` hold at least `count` words? Reads no further than the `count`th word, where
/// `split_whitespace().count() >= count` would read a long quotation to its end.
fn has_words(text: &str, count: usize) -> bool {
    count == 0 || words(text).nth(count - 1).is_some()
}

/// The words of `text`: the same pieces as `text.split_whitespace()`, read a byte at a time
/// over ASCII (a character is decoded only where a byte is not ASCII).
fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// The iterator of [`words`].
struct Words<'t> {
    text: &'t str,
    /// Where the rest of the text starts (always a character boundary).
    at: usize,
}

impl Words<'_> {
    /// Where the run from `at` of characters that are (`white`) or are not white space ends.
    fn run_end(&self, mut at: usize, white: bool) -> usize {
        let bytes = self.text.as_bytes();
        while let Some(&byte) = bytes.get(at) {
            let (is_white, width) = if byte.is_ascii() {
                (crate::text::tokens::is_ascii_white(byte), 1)
            } else {
                match self.text.get(at..).and_then(|rest| rest.chars().next()) {
                    Some(c) => (c.is_whitespace(), c.len_utf8()),
                    None => return bytes.len(),
                }
            };
            if is_white != white {
                return at;
            }
            at += width;
        }
        at
    }
}

impl<'t> Iterator for Words<'t> {
    type Item = &'t str;

    fn next(&mut self) -> Option<&'t str> {
        let start = self.run_end(self.at, true);
        if start >= self.text.len() {
            self.at = start;
            return None;
        }
        let end = self.run_end(start, false);
        self.at = end;
        self.text.get(start..end)
    }
}

/// Direct when the quote stands on its own or right after a cue or colon; partial inside a paraphrase.
fn quote_kind(text: &str, quote: &Quote, before: &[Token], phrases: &Phrases) -> Kind {
    let Some(last) = before.iter().rev().find(|t| !is_quote_mark(t.text(text))) else {
        return Kind::Direct;
    };
    let word = last.text(text);
    if matches!(word, ":" | "," | "—" | "–" | "-" | "--" | "(" | ";") {
        return Kind::Direct;
    }
    // A word whose lexicon facts were looked up and name no cue is none (see `Lex`).
    let may_be_cue = last.kind() != TokenKind::Word || last.lex().may_be_cue();
    let starts_upper = || {
        quote
            .inner
            .of(text)
            .trim_start()
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(char::is_uppercase)
    };
    if may_be_cue && phrases.grammar.cue(word).is_some_and(|c| c.speech) && starts_upper() {
        return Kind::Direct;
    }
    Kind::Partial
}

/// Does the quotation leave its sentence open for an attribution ('"Q," X verb', '"Q?" X
/// verb'): does it end in a comma, "?" or "!", inside its marks or right after them?
fn opens_frame(text: &str, quote: &Quote, after: &[Token]) -> bool {
    let inner = quote.inner.of(text).trim_end();
    inner.ends_with([',', '?', '!'])
        || after
            .iter()
            .find(|t| !is_quote_mark(t.text(text)))
            .is_some_and(|t| t.text(text) == ",")
}

/// Are `a` and `b` the same tokens of the document (the same start and length)?
fn same_tokens(a: &[Token], b: &[Token]) -> bool {
    std::ptr::eq(a.as_ptr(), b.as_ptr()) && a.len() == b.len()
}

/// Picks the attribution from the words before and after a quote; `open_frame` as
/// [`opens_frame`] says; `read` notes what the trailing reader read.
fn choose(
    phrases: &Phrases,
    ctx: &Context,
    open_frame: bool,
    read: &mut TrailingRead,
) -> Option<Attribution> {
    let (before, after, kind) = (ctx.before, ctx.after, ctx.kind);
    let before_is_empty = before.iter().all(|t| t.kind() == TokenKind::Punct);
    if before_is_empty {
        return phrases.trailing_read(after, open_frame, read);
    }
    let leading = phrases.leading(before, kind);
    // A cue right before the quote ("X said: "Q"") wins; otherwise a trailing one in the same
    // clause ("... Obama and Hollande "Q," the White House said") beats a cue further back.
    let adjacent = leading.as_ref().and_then(|l| l.cue).is_some_and(|cue| {
        before
            .iter()
            .filter(|t| t.span().start >= cue.end)
            .all(|t| t.kind() == TokenKind::Punct || t.text(phrases.text) == "that")
    });
    if adjacent {
        return leading;
    }
    // The words after the quote are read only when no cue stands right before it.
    match (leading, phrases.trailing_read(after, open_frame, read)) {
        (_, Some(trail)) if trail.rule == Rule::SameClause => Some(trail),
        (Some(lead), _) if lead.rule == Rule::SameClause => Some(lead),
        (_, Some(trail)) => Some(trail),
        (lead, None) => lead,
    }
}

mod partial;
#[cfg(test)]
mod tests;
