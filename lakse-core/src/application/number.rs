//! Application numbers an applicant can read over the phone:
//! `BTM-2026-000123-C` — office prefix, year, a six-digit sequence (more
//! digits after 999,999) and a check letter.
//!
//! The check letter is `(year · 10⁶ + sequence) mod 23` mapped to a letter,
//! the scheme of the Spanish DNI: as 23 is prime and shares no factor with 10
//! or 9, every single mistyped digit and every swap of two adjacent digits
//! changes it.

use crate::error::{Error, ErrorCode, Result};

/// The 23 check letters (no I, O, U or Ñ: easily confused when read aloud).
const LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

/// The check letter for a year and sequence.
pub fn check_letter(year: i32, sequence: u32) -> char {
    let n = i64::from(year) * 1_000_000 + i64::from(sequence);
    LETTERS[n.rem_euclid(23) as usize] as char
}

/// Formats an application number.
///
/// ```
/// use lakse_core::application::number;
/// assert_eq!(number::format("BTM", 2026, 123), "BTM-2026-000123-C");
/// ```
pub fn format(prefix: &str, year: i32, sequence: u32) -> String {
    format!(
        "{prefix}-{year}-{sequence:06}-{}",
        check_letter(year, sequence)
    )
}

/// Checks an application number as typed (any case, surrounding spaces
/// ignored) and returns it in canonical form. A mistyped digit or a wrong
/// check letter is refused on `field`.
///
/// ```
/// use lakse_core::application::number;
/// assert_eq!(number::parse("number", " btm-2026-000123-c ")?, "BTM-2026-000123-C");
/// assert!(number::parse("number", "BTM-2026-000132-C").is_err()); // two digits swapped
/// # Ok::<(), lakse_core::Error>(())
/// ```
pub fn parse(field: &str, input: &str) -> Result<String> {
    let canonical = input.trim().to_ascii_uppercase();
    let invalid = |reason: &str| Error::rule(ErrorCode::ApplicationInvalidNumber, field, reason);
    let mut parts = canonical.split('-');
    let (Some(prefix), Some(year), Some(seq), Some(check), None) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Err(invalid(
            "not an application number (like BTM-2026-000123-C)",
        ));
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(invalid("the prefix must be letters"));
    }
    if year.len() != 4 || !digits(year) || seq.len() < 6 || seq.len() > 9 || !digits(seq) {
        return Err(invalid(
            "not an application number (like BTM-2026-000123-C)",
        ));
    }
    let year: i32 = year.parse().map_err(|_| invalid("bad year"))?;
    let seq: u32 = seq.parse().map_err(|_| invalid("bad sequence"))?;
    if check.len() != 1 || !check.starts_with(check_letter(year, seq)) {
        return Err(invalid(
            "the check letter does not match; a character was mistyped",
        ));
    }
    Ok(canonical)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_single_digit_error_and_adjacent_swap_is_caught() {
        let good = format("BTM", 2026, 123);
        assert_eq!(parse("n", &good).expect("valid"), good);
        let digits: Vec<usize> = good
            .char_indices()
            .filter(|(_, c)| c.is_ascii_digit())
            .map(|(i, _)| i)
            .collect();
        for &i in &digits {
            for d in b'0'..=b'9' {
                let mut typo = good.clone().into_bytes();
                if typo[i] == d {
                    continue;
                }
                typo[i] = d;
                let typo = String::from_utf8(typo).expect("ascii");
                assert!(parse("n", &typo).is_err(), "{typo} slipped through");
            }
        }
        for w in digits.windows(2) {
            if w[1] != w[0] + 1 {
                continue;
            }
            let mut swapped = good.clone().into_bytes();
            if swapped[w[0]] == swapped[w[1]] {
                continue;
            }
            swapped.swap(w[0], w[1]);
            let swapped = String::from_utf8(swapped).expect("ascii");
            assert!(parse("n", &swapped).is_err(), "{swapped} slipped through");
        }
    }

    #[test]
    fn malformed_numbers_are_refused() {
        for bad in [
            "",
            "BTM",
            "BTM-26-000123-C",
            "BTM-2026-123-F",
            "B1M-2026-000123-C",
            "BTM-2026-000123-C-X",
        ] {
            assert_eq!(
                parse("n", bad).expect_err(bad).code(),
                "application.invalid_number"
            );
        }
    }
}
