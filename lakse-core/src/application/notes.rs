//! The desk's free texts, the applicant's Keterangan and the officer's
//! notes, under the one set of text rules in [`crate::text`].

use super::view::MAX_NOTE_CHARS;
use crate::error::Result;
use crate::text::{self, Rule};

/// The applicant's Keterangan: at most [`MAX_NOTE_CHARS`], lines of printable text.
pub(super) fn keterangan_text(field: &str, input: &str) -> Result<String> {
    text::clean(field, input, Rule::multi_line(MAX_NOTE_CHARS).printed())
}

/// An officer's note or reason: at most [`MAX_NOTE_CHARS`], one line of
/// printable text (it is printed on the pickup coupon and in e-mails).
pub(super) fn note_text(field: &str, input: &str) -> Result<String> {
    text::clean(field, input, Rule::one_line(MAX_NOTE_CHARS).printed())
}
