//! Text people type: one set of rules for every field that stores it.
//!
//! Every text a person enters — profile names and places, the Keterangan,
//! officers' notes and rejection reasons, a service's extra text fields,
//! catalog texts, uploaded file names — passes [`clean`] with its field's
//! [`Rule`] before it is stored. In order:
//!
//! 1. **NFC**: text is stored composed, so "Nuñez" typed with a combining
//!    tilde and "Nuñez" typed with `ñ` are the same name, count the same
//!    length and print the same.
//! 2. **Line breaks**: a multi-line field (the Keterangan) takes them and
//!    stores each CRLF or CR as LF; a one-line field takes none.
//! 3. Surrounding whitespace is trimmed.
//! 4. **No control or invisible characters** (`input.invalid_character`):
//!    C0/C1 controls (tab included), bidirectional overrides and isolates
//!    (U+202A–U+202E, U+2066–U+2069), zero-width characters (U+200B–U+200D,
//!    U+2060, U+FEFF), every other format (Cf) character, line and paragraph
//!    separators, variation selectors, Hangul fillers and noncharacters.
//!    They let one text show as another ("foto", U+202E, "gpj.exe" shows as
//!    "fotoexe.jpg") or hide content from the officer who reads it.
//! 5. **At most `max_chars`** characters, counted after NFC (`input.too_long`).
//! 6. **Printable on the coupon**, for fields the pickup coupon prints
//!    (`coupon.unprintable_character`): every character must be in the
//!    coupon's font ([`check_printable`]).
//!
//! This module sits below the domain nouns: it knows no field by name, only
//! the rule a caller hands it; the coupon is asked only which characters its
//! font covers.

use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, ErrorCode, Result};

/// The rule one text field follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The most characters (Unicode scalar values, after NFC) it takes.
    pub max_chars: usize,
    /// Whether it takes line breaks (stored as LF).
    pub multi_line: bool,
    /// Whether it is printed on the pickup coupon, so every character must be
    /// in the coupon's font.
    pub printed: bool,
}

impl Rule {
    /// A one-line field of at most `max_chars` characters.
    pub const fn one_line(max_chars: usize) -> Rule {
        Rule {
            max_chars,
            multi_line: false,
            printed: false,
        }
    }

    /// A multi-line field of at most `max_chars` characters.
    pub const fn multi_line(max_chars: usize) -> Rule {
        Rule {
            max_chars,
            multi_line: true,
            printed: false,
        }
    }

    /// The same rule for a field the pickup coupon prints.
    pub const fn printed(self) -> Rule {
        Rule {
            printed: true,
            ..self
        }
    }
}

/// Checks `input` for `field` against `rule` and returns it as it is stored:
/// NFC, line breaks as LF, trimmed. Refuses a control or invisible character
/// (`input.invalid_character`, naming the field and the code point), a line
/// break in a one-line field (the same), more than `rule.max_chars`
/// characters (`input.too_long`) and, for a printed field, a character the
/// coupon's font lacks (`coupon.unprintable_character`).
///
/// ```
/// use lakse_core::text::{clean, Rule};
///
/// let name = Rule::one_line(100).printed();
/// assert_eq!(clean("nama", "  Nun\u{303}ez ", name)?, "Nu\u{f1}ez");
/// let err = clean("nama", "Siti\u{202E}Rahma", name).unwrap_err();
/// assert_eq!((err.code(), err.field()), ("input.invalid_character", Some("nama")));
/// assert!(clean("nama", "Siti\nRahma", name).is_err());
///
/// let keterangan = Rule::multi_line(2000);
/// assert_eq!(clean("keterangan", "satu\r\ndua", keterangan)?, "satu\ndua");
/// # Ok::<(), lakse_core::Error>(())
/// ```
pub fn clean(field: &str, input: &str, rule: Rule) -> Result<String> {
    let mut text: String = input.nfc().collect();
    if rule.multi_line && text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    let text = text.trim();
    if let Some(c) = text
        .chars()
        .find(|&c| !(rule.multi_line && c == '\n') && invisible(c))
    {
        return Err(Error::rule(
            ErrorCode::InputInvalidCharacter,
            field,
            if c == '\n' || c == '\r' {
                format!(
                    "contains a line break (U+{:04X}), which this one-line field does not take",
                    u32::from(c)
                )
            } else {
                format!(
                    "contains U+{:04X}, a control or invisible character",
                    u32::from(c)
                )
            },
        ));
    }
    check_length(field, text, rule.max_chars)?;
    if rule.printed {
        check_printable(field, text)?;
    }
    Ok(text.to_owned())
}

/// Refuses `text` longer than `max_chars` characters (`input.too_long`).
pub fn check_length(field: &str, text: &str, max_chars: usize) -> Result<()> {
    let found = text.chars().count();
    if found > max_chars {
        return Err(Error::TooLong {
            field: field.to_owned(),
            max: max_chars,
            found,
        });
    }
    Ok(())
}

/// Refuses text the pickup coupon cannot print: a character its font lacks
/// (CJK, emoji, …) or a control character. Whitespace prints as a space.
/// [`clean`] calls it for printed fields, when the data is entered, so a
/// coupon never shows a blank box.
///
/// ```
/// use lakse_core::text::check_printable;
///
/// assert!(check_printable("nama", "Ñuñez Ẓafira Çelik-D'Souza").is_ok());
/// let err = check_printable("nama", "Budi 中").unwrap_err();
/// assert_eq!((err.code(), err.field()), ("coupon.unprintable_character", Some("nama")));
/// ```
pub fn check_printable(field: &str, text: &str) -> Result<()> {
    match text.chars().find(|&c| !crate::coupon::prints(c)) {
        Some(character) => Err(Error::CouponUnprintable {
            field: field.to_owned(),
            character,
        }),
        None => Ok(()),
    }
}

/// Whether `c` is a control or invisible character no field takes (a line
/// break only where [`clean`] allows one).
fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            // Format characters (general category Cf), Unicode 16.
            '\u{AD}'
                | '\u{600}'..='\u{605}'
                | '\u{61C}'
                | '\u{6DD}'
                | '\u{70F}'
                | '\u{890}'..='\u{891}'
                | '\u{8E2}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{110BD}'
                | '\u{110CD}'
                | '\u{13430}'..='\u{1343F}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                // Line and paragraph separators.
                | '\u{2028}'..='\u{2029}'
                // Other default-ignorable characters that show as nothing:
                // combining grapheme joiner, Hangul fillers, Khmer inherent
                // vowels, Mongolian free variation selectors and vowel
                // separator (U+180E, Cf), other variation selectors, tags.
                | '\u{34F}'
                | '\u{115F}'..='\u{1160}'
                | '\u{17B4}'..='\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FFA0}'
                | '\u{E0000}'..='\u{E0FFF}'
                // Noncharacters.
                | '\u{FDD0}'..='\u{FDEF}'
        )
        || u32::from(c) & 0xFFFE == 0xFFFE
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAME: Rule = Rule::one_line(100).printed();

    #[test]
    fn nfc_then_trim_then_characters_then_length() {
        assert_eq!(clean("f", " A\u{30A} ", NAME).expect("nfc"), "\u{C5}");
        // Five characters after NFC, ten before.
        let nfd = "e\u{301}".repeat(5);
        assert_eq!(
            clean("f", &nfd, Rule::one_line(5)).expect("fits"),
            "é".repeat(5)
        );
        let err = clean("f", "abcdef", Rule::one_line(5)).unwrap_err();
        assert_eq!(err.code(), "input.too_long");
        // Tabs and NBSP around the text are trimmed; a tab inside is refused.
        assert_eq!(clean("f", "\t x \u{A0}", NAME).expect("trim"), "x");
        assert_eq!(
            clean("f", "a\tb", NAME).unwrap_err().code(),
            "input.invalid_character"
        );
    }

    #[test]
    fn line_breaks_only_in_multi_line_fields() {
        let many = Rule::multi_line(100).printed();
        assert_eq!(
            clean("f", "a\r\nb\rc\nd", many).expect("lines"),
            "a\nb\nc\nd"
        );
        for one in ["a\nb", "a\rb", "a\r\nb", "a\u{2028}b"] {
            let err = clean("f", one, NAME).unwrap_err();
            assert_eq!(
                (err.code(), err.field()),
                ("input.invalid_character", Some("f"))
            );
        }
        assert!(clean("f", "a\u{2029}b", many).is_err());
    }

    #[test]
    fn invisible_characters_are_refused_everywhere() {
        for c in [
            '\u{0}',
            '\u{1B}',
            '\u{7F}',
            '\u{85}',
            '\u{AD}',
            '\u{61C}',
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{200E}',
            '\u{202A}',
            '\u{202E}',
            '\u{2060}',
            '\u{2066}',
            '\u{2069}',
            '\u{FEFF}',
            '\u{FE0F}',
            '\u{3164}',
            '\u{E0041}',
            '\u{FFFF}',
            '\u{1FFFE}',
        ] {
            for rule in [Rule::one_line(10), Rule::multi_line(10)] {
                let err = clean("f", &format!("a{c}b"), rule).unwrap_err();
                assert_eq!(
                    err.code(),
                    "input.invalid_character",
                    "U+{:04X}",
                    u32::from(c)
                );
                assert!(err.to_string().contains(&format!("U+{:04X}", u32::from(c))));
            }
        }
        for ok in [
            "Ñuñez",
            "Ngô Bảo Châu",
            "D'Souza-Ørsted",
            "Jl. Sudirman No. 1/2",
        ] {
            assert_eq!(clean("f", ok, NAME).expect(ok), ok);
        }
    }

    #[test]
    fn printed_fields_are_checked_against_the_coupon_font() {
        assert_eq!(
            clean("f", "Budi 中", NAME).unwrap_err().code(),
            "coupon.unprintable_character"
        );
        assert_eq!(
            clean("f", "Budi 中", Rule::one_line(10)).expect("not printed"),
            "Budi 中"
        );
        assert!(check_printable("note", "baris satu\nbaris\tdua").is_ok());
        for bad in ["\u{7}", "🦀", "日本"] {
            assert_eq!(
                check_printable("note", bad).unwrap_err().code(),
                "coupon.unprintable_character"
            );
        }
    }
}
