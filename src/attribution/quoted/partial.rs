//! Speakers of partial quotations that an earlier quotation of their sentence cuts off from
//! their cue.

use super::{has_words, Attribution, Context, QuoteReader, SHORT_QUOTE_WORDS};

impl QuoteReader<'_> {
    /// 'Roe says his "old friend" Tim Moll ran "a clean and honest race"': a partial quotation
    /// of three or more words inside a clause reported by a cue before an earlier quotation of
    /// its sentence is that cue's speaker's, not the subject of the words since that
    /// quotation. None when no quotation cuts the words before it, or no cue with a speaker
    /// stands before.
    pub(super) fn governing_cue(&self, ctx: &Context) -> Option<Attribution> {
        if ctx.before_in_frame.len() == ctx.before.len()
            || !has_words(ctx.quote.inner.of(self.text), SHORT_QUOTE_WORDS)
        {
            return None;
        }
        let cut = ctx.before_in_frame.len() - ctx.before.len();
        let found = self
            .phrases
            .leading(&ctx.before_in_frame[..cut], ctx.kind)
            .filter(|f| f.cue.is_some() && f.speaker.is_some())?;
        self.speaker_outside_quotes(found)
    }
}
