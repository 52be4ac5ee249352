//! Indonesian mobile phone numbers (WhatsApp, HP), normalised to `+62…`.
//!
//! Accepted shapes: `08…`, `628…`, `+628…`, `+62 8…`, with spaces, dashes,
//! dots and parentheses as separators. Only ASCII digits count: a full-width
//! or Arabic-Indic digit is refused, never converted.
//!
//! Length: Indonesian mobile numbers have 10 to 13 digits in national form
//! (`0812 345 678` to `0812 3456 78901`), i.e. 9 to 12 digits after the
//! leading `0`, which become `+62` followed by those 9 to 12 digits. Landlines
//! (`021…`) are refused: the service desk contacts applicants by WhatsApp/SMS.
//!
//! ```
//! use lakse_core::phone;
//! assert_eq!(phone::normalize("0812-3456-7890")?, "+6281234567890");
//! assert_eq!(phone::normalize("+62 (812) 3456.7890")?, "+6281234567890");
//! assert_eq!(phone::mask("081234567890")?, "+62812****7890");
//! assert_eq!(phone::normalize("021 555 1234").unwrap_err().code(), "phone.invalid");
//! # Ok::<(), lakse_core::Error>(())
//! ```

use crate::error::{Error, Result};

/// Fewest digits after the country code (national form without its `0`).
pub const MIN_SUBSCRIBER_DIGITS: usize = 9;
/// Most digits after the country code.
pub const MAX_SUBSCRIBER_DIGITS: usize = 12;

/// Normalise the number in field `phone` to `+62…`.
pub fn normalize(input: &str) -> Result<String> {
    normalize_as("phone", input)
}

/// Normalise a number to `+62…`, naming `field` in the error.
pub fn normalize_as(field: &str, input: &str) -> Result<String> {
    let refuse = |reason: &str| Error::Phone {
        field: field.to_owned(),
        reason: reason.to_owned(),
    };
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(Error::required(field));
    }
    let (plus, rest) = match trimmed.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    let mut digits = String::with_capacity(rest.len());
    for c in rest.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '.' | '(' | ')' => {}
            '+' => return Err(refuse("'+' is only allowed at the start")),
            c if c.is_numeric() => return Err(refuse("only the digits 0-9 are allowed")),
            _ => {
                return Err(refuse(
                    "only digits, spaces, dashes, dots and parentheses are allowed",
                ));
            }
        }
    }
    let subscriber = if let Some(s) = digits.strip_prefix("62") {
        s
    } else if plus {
        return Err(refuse("the country code must be +62"));
    } else if let Some(s) = digits.strip_prefix('0') {
        s
    } else {
        return Err(refuse("must start with 08, 628 or +628"));
    };
    if !subscriber.starts_with('8') {
        return Err(refuse("not a mobile number (must start with 08 or +628)"));
    }
    if subscriber.len() < MIN_SUBSCRIBER_DIGITS {
        return Err(refuse("too short: 10 to 13 digits in 08… form"));
    }
    if subscriber.len() > MAX_SUBSCRIBER_DIGITS {
        return Err(refuse("too long: 10 to 13 digits in 08… form"));
    }
    Ok(format!("+62{subscriber}"))
}

/// The number for display, e.g. `+62812****7890`: the operator prefix and the
/// last four digits stay readable, the rest is hidden.
pub fn mask(input: &str) -> Result<String> {
    let normalized = normalize(input)?;
    // ASCII only after normalising, so byte slicing is safe.
    let subscriber = &normalized[3..];
    let hidden = subscriber.len() - 7;
    Ok(format!(
        "+62{}{}{}",
        &subscriber[..3],
        "*".repeat(hidden),
        &subscriber[subscriber.len() - 4..]
    ))
}
