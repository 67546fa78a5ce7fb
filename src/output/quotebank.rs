//! `--format quotebank`: one JSON line per article in the shape of Quotebank's article-centric
//! files (Vaucher et al., WSDM 2021), so whosaid's rows can be joined with Quotebank or
//! compared to it. Field by field (README, "Quotebank format"):
//!
//! - `articleID`, `url`, `date`, `title`: the `doc`, `article_url`, `article_date` and
//!   `article_title` columns (empty strings where the input gives none);
//! - `quotations`: the article's statements in text order, each with
//!   - `quoteID`: 16 hex digits hashed (64-bit FNV-1a) from the quotation in lower case with
//!     its white space folded, so the same words get the same id in every article and run;
//!   - `quotation`: the quote; `quotationOffset` and `quotationEnd`: its code-point offsets
//!     (Quotebank counts tokens; whosaid counts code points, as in its other formats);
//!   - `globalTopSpeaker`: the resolved speaker, `localTopSpeaker`: the mention as written
//!     (both `"None"` when there is none, as in Quotebank); `globalProbas`: the speaker with
//!     the attribution's confidence; `numSpeakers`: 1 with a speaker, else 0;
//!   - whosaid's own fields: `kind`, `cue`, `outlet`, `speakerTitle`, `speakerKind`.
//!
//! An article without statements gives no line, as in Quotebank.

use serde::Serialize;

use super::Row;

/// Quotebank's word for no speaker.
const NO_SPEAKER: &str = "None";

/// One article line.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArticleLine<'r> {
    #[serde(rename = "articleID")]
    article_id: &'r str,
    url: &'r str,
    date: &'r str,
    title: &'r str,
    quotations: Vec<Quotation<'r>>,
}

/// One statement.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Quotation<'r> {
    #[serde(rename = "quoteID")]
    quote_id: String,
    quotation: &'r str,
    quotation_offset: usize,
    quotation_end: usize,
    global_top_speaker: &'r str,
    global_probas: Vec<Proba<'r>>,
    local_top_speaker: &'r str,
    num_speakers: usize,
    kind: &'r str,
    cue: &'r str,
    outlet: &'r str,
    speaker_title: &'r str,
    speaker_kind: &'r str,
}

/// A speaker and its probability.
#[derive(Serialize)]
struct Proba<'r> {
    speaker: &'r str,
    proba: f64,
}

/// Appends the Quotebank line of one article's `rows` (nothing when there are none).
pub fn write_article(rows: &[Row], out: &mut Vec<u8>) -> std::io::Result<()> {
    let Some(first) = rows.first() else {
        return Ok(());
    };
    let line = ArticleLine {
        article_id: &first.doc,
        url: &first.article_url,
        date: &first.article_date,
        title: &first.article_title,
        quotations: rows.iter().map(quotation).collect(),
    };
    serde_json::to_writer(&mut *out, &line)?;
    out.push(b'\n');
    Ok(())
}

/// The quotation of one row.
fn quotation<'r>(row: &'r Row) -> Quotation<'r> {
    let speaker = non_empty(&row.speaker);
    let has_speaker = speaker.is_some();
    Quotation {
        quote_id: quote_id(&row.quote),
        quotation: &row.quote,
        quotation_offset: row.start,
        quotation_end: row.end,
        global_top_speaker: speaker.unwrap_or(NO_SPEAKER),
        global_probas: speaker
            .map(|speaker| Proba {
                speaker,
                proba: if row.confidence.is_finite() {
                    row.confidence
                } else {
                    0.0
                },
            })
            .into_iter()
            .collect(),
        local_top_speaker: non_empty(&row.speaker_mention).unwrap_or(NO_SPEAKER),
        num_speakers: usize::from(has_speaker),
        kind: row.kind,
        cue: &row.cue,
        outlet: &row.outlet,
        speaker_title: &row.speaker_title,
        speaker_kind: row.speaker_kind,
    }
}

/// `text` unless it is empty.
fn non_empty(text: &str) -> Option<&str> {
    (!text.is_empty()).then_some(text)
}

/// The id of a quotation: 64-bit FNV-1a of its words in lower case, separated by single
/// spaces, as 16 hex digits. FNV's constants are fixed by its definition, so ids never change
/// between runs, machines or versions (std's hasher makes no such promise).
fn quote_id(quotation: &str) -> String {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut hash = OFFSET_BASIS;
    let mut feed = |bytes: &[u8]| {
        for &byte in bytes {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    };
    for (i, word) in quotation.split_whitespace().enumerate() {
        if i > 0 {
            feed(b" ");
        }
        feed(word.to_lowercase().as_bytes());
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_words_get_the_same_id_whatever_their_case_and_spacing() {
        assert_eq!(
            quote_id("We will  not\nleave"),
            quote_id("we will not leave")
        );
        assert_ne!(quote_id("We will not leave"), quote_id("We will leave"));
        // FNV-1a's published test value for the empty input.
        assert_eq!(quote_id(""), "cbf29ce484222325");
        assert_eq!(quote_id("a"), "af63dc4c8601ec8c");
    }
}
