//! The desk's text rules: the applicant's Keterangan and the officer's notes.

use super::view::MAX_NOTE_CHARS;
use crate::error::{Error, Result};

/// The applicant's Keterangan: at most [`MAX_NOTE_CHARS`], lines of printable text.
pub(super) fn keterangan_text(field: &str, input: &str) -> Result<String> {
    let t = input.trim().replace("\r\n", "\n");
    check_length(field, &t)?;
    for line in t.split('\n') {
        crate::coupon::check_printable(field, line)?;
    }
    Ok(t)
}

/// An officer's note or reason: at most [`MAX_NOTE_CHARS`], one line of
/// printable text (it is printed on the pickup coupon and in e-mails).
pub(super) fn note_text(field: &str, input: &str) -> Result<String> {
    let t = input.trim();
    check_length(field, t)?;
    crate::coupon::check_printable(field, t)?;
    Ok(t.to_owned())
}

fn check_length(field: &str, text: &str) -> Result<()> {
    let n = text.chars().count();
    if n > MAX_NOTE_CHARS {
        return Err(Error::TooLong {
            field: field.to_owned(),
            max: MAX_NOTE_CHARS,
            found: n,
        });
    }
    Ok(())
}
