//! Page: what a scraped page holds besides its article's prose.
//!
//! Takes the article text (and the posts a web page embeds); gives the spans of page
//! furniture ([`furniture`]: navigation, ads, teasers, stray markup), whose quotes are no
//! statements, and the statements of embedded social-media posts (`posts`).

pub mod furniture;
pub(crate) mod posts;
pub(crate) mod spans;
pub mod web;
