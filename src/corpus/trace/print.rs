//! The groups of `trace` as a terminal table, CSV (one row a group, lists joined in cells) or
//! JSONL (one group a line, every list kept whole).

use std::io::{self, Write};

use super::Group;
use crate::output::table::{printable, Column, Table};

/// The CSV header: the columns of one group.
pub const CSV_HEADER: [&str; 13] = [
    "group",
    "words",
    "articles",
    "outlets",
    "statements",
    "earliest_date",
    "first_doc",
    "first_outlet",
    "misattribution",
    "speakers",
    "variants",
    "chains",
    "docs",
];

/// The persons credited: "Vladimir Putin (3); Donald Trump (1)".
pub fn speakers_cell(group: &Group) -> String {
    group
        .speakers
        .iter()
        .map(|p| format!("{} ({})", p.speaker, p.articles))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The wordings other than the most common: "edited, 1 word changed (2): we [-will-] {+shall+}
/// ..." separated by " | ".
pub fn variants_cell(group: &Group) -> String {
    group
        .variants
        .iter()
        .filter(|v| v.relation != "same")
        .map(|v| {
            let change = if v.change.is_empty() {
                String::new()
            } else {
                format!(", {}", v.change)
            };
            format!("{}{change} ({}): {}", v.relation, v.articles, v.diff)
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The outlet chains: "Daily Mail -> CNN (2); CNN (1)".
pub fn chains_cell(group: &Group) -> String {
    group
        .chains
        .iter()
        .map(|c| format!("{} ({})", c.chain, c.articles))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The articles of a group, each once, in input order, separated by "; ".
pub fn docs_cell(group: &Group) -> String {
    let mut docs: Vec<&str> = Vec::new();
    for credit in &group.credits {
        if !docs.contains(&credit.doc.as_str()) {
            docs.push(&credit.doc);
        }
    }
    docs.join("; ")
}

/// A CSV cell a spreadsheet will not run as a formula (OWASP: a leading `'` before `=`, `+`,
/// `-`, `@` or a control character), unless `raw`.
fn safe(cell: String, raw: bool) -> String {
    let risky = cell.starts_with(|c: char| matches!(c, '=' | '+' | '-' | '@') || c.is_control());
    if risky && !raw {
        format!("'{cell}")
    } else {
        cell
    }
}

/// Writes the groups as CSV, one row a group (numbered from 1 in the order given).
pub fn write_csv(groups: &[Group], raw_cells: bool, out: impl Write) -> io::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(CSV_HEADER)?;
    for (i, g) in groups.iter().enumerate() {
        let cells = [
            (i + 1).to_string(),
            g.words.clone(),
            g.articles.to_string(),
            g.outlets.to_string(),
            g.statements.to_string(),
            g.earliest_date.clone(),
            g.first_doc.clone(),
            g.first_outlet.clone(),
            g.misattribution.to_string(),
            speakers_cell(g),
            variants_cell(g),
            chains_cell(g),
            docs_cell(g),
        ];
        csv.write_record(cells.map(|c| safe(c, raw_cells)))?;
    }
    csv.flush()
}

/// Writes the groups as JSON Lines, one object a group with its number first.
pub fn write_jsonl(groups: &[Group], mut out: impl Write) -> io::Result<()> {
    #[derive(serde::Serialize)]
    struct Numbered<'a> {
        group: usize,
        #[serde(flatten)]
        inner: &'a Group,
    }
    for (i, g) in groups.iter().enumerate() {
        serde_json::to_writer(
            &mut out,
            &Numbered {
                group: i + 1,
                inner: g,
            },
        )?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// Writes the groups as an aligned table `width` cells wide, a blank line between groups;
/// a possible misattribution is marked in the speakers cell.
pub fn write_table(groups: &[Group], width: usize, mut out: impl Write) -> io::Result<()> {
    let table = Table::new(
        &[
            Column::new("#", 3, 0),
            Column::new("arts", 4, 0),
            Column::new("outlets", 7, 0),
            Column::new("earliest", 10, 0),
            Column::new("words", 20, 4),
            Column::new("speakers", 12, 2),
            Column::new("variants", 12, 3),
            Column::new("chains", 10, 2),
        ],
        width,
    );
    out.write_all(table.header().as_bytes())?;
    for (i, g) in groups.iter().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        let mut speakers = speakers_cell(g);
        if g.misattribution {
            speakers = format!("DISAGREE: {speakers}");
        }
        let date = g.earliest_date.get(..10).unwrap_or(&g.earliest_date);
        let cells = [
            (i + 1).to_string(),
            g.articles.to_string(),
            g.outlets.to_string(),
            date.to_string(),
            g.words.clone(),
            speakers,
            variants_cell(g),
            chains_cell(g),
        ];
        out.write_all(printable(&table.row(&cells)).as_bytes())?;
    }
    if groups.is_empty() {
        out.write_all(b"(no quote is carried by more than one article)\n")?;
    }
    out.flush()
}
