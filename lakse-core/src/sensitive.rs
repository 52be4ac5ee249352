//! Values that must never show in a log: personal numbers (NIK, No KK),
//! secrets (session and link tokens, passwords) and e-mail addresses.
//!
//! Each is a wrapper whose `Debug` and `Display` show it masked; the value
//! itself is reached only through an explicit `expose()`. Serialisation (the
//! JSON the C binding and the shared test vectors exchange) carries the value
//! itself: a binding that receives one wraps it again in its own language, so
//! printing a record masks it everywhere.

use std::fmt;

/// Masks what may hide in free text (Keterangan, a note, a file name, a
/// mail server's reply) before it is printed or logged:
///
/// - a NIK or No KK: every run of 16 or more ASCII digits, also when typed
///   in groups (`2171 0552 0990 0001`, `2171.0501.1015.0003`,
///   `2171-05-520990-0001`: one space, dot or hyphen between digits), keeps
///   its first and last four digits and its separators;
/// - an e-mail address: shown as [`EmailAddress`] shows it (`d***i@example.com`).
///
/// Shorter numbers (a phone, a date, an application number) are kept.
///
/// ```
/// use lakse_core::sensitive::mask_free_text;
///
/// assert_eq!(
///     mask_free_text("NIK 2171 0552 0990 0001, HP 0812-3456-7890"),
///     "NIK 2171 xxxx xxxx 0001, HP 0812-3456-7890"
/// );
/// assert_eq!(
///     mask_free_text("550 <dewi.lestari@example.com>: rejected"),
///     "550 <d***i@example.com>: rejected"
/// );
/// ```
pub fn mask_free_text(text: &str) -> String {
    mask_addresses(&mask_digit_groups(text))
}

/// The digit side of [`mask_free_text`].
fn mask_digit_groups(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            // Copy up to the next digit, whole characters at a time.
            let next = bytes[i..]
                .iter()
                .position(u8::is_ascii_digit)
                .map_or(bytes.len(), |n| i + n);
            out.push_str(&text[i..next]);
            i = next;
            continue;
        }
        // A group: digits, with single separators between digits.
        let start = i;
        let mut end = i;
        let mut digits = 0;
        while end < bytes.len() {
            if bytes[end].is_ascii_digit() {
                digits += 1;
                end += 1;
            } else if matches!(bytes[end], b' ' | b'.' | b'-')
                && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
            {
                end += 1;
            } else {
                break;
            }
        }
        let group = &text[start..end];
        if digits >= 16 {
            let mut seen = 0;
            for c in group.chars() {
                if c.is_ascii_digit() {
                    seen += 1;
                    out.push(if seen <= 4 || seen > digits - 4 {
                        c
                    } else {
                        'x'
                    });
                } else {
                    out.push(c);
                }
            }
        } else {
            out.push_str(group);
        }
        i = end;
    }
    out
}

/// The address side of [`mask_free_text`]: each `local@domain.tld` in the
/// text, masked as [`EmailAddress`] masks it.
fn mask_addresses(text: &str) -> String {
    let in_local = |c: char| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c);
    let in_domain = |c: char| c.is_alphanumeric() || c == '.' || c == '-';
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('@') {
        let before = &rest[..at];
        let after = &rest[at + 1..];
        let local_start = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| in_local(c))
            .last()
            .map_or(before.len(), |(i, _)| i);
        let domain_len = after
            .char_indices()
            .find(|&(_, c)| !in_domain(c))
            .map_or(after.len(), |(i, _)| i);
        let local = &before[local_start..];
        let domain = after[..domain_len].trim_end_matches(['.', '-']);
        out.push_str(&before[..local_start]);
        if local.is_empty() || !domain.contains('.') {
            out.push_str(local);
            out.push('@');
            rest = after;
        } else {
            out.push_str(&crate::email::mask(&format!("{local}@{domain}")));
            rest = &after[domain.len()..];
        }
    }
    out.push_str(rest);
    out
}

/// Bytes in JSON: standard base64 text (the C binding's and the journeys'
/// form; native bindings pass bytes as their language's byte type).
pub mod base64_bytes {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;

    /// Writes bytes as base64 text.
    pub fn serialize<S: serde::Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(bytes))
    }

    /// Reads base64 text as bytes.
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text: String = serde::Deserialize::deserialize(d)?;
        STANDARD.decode(text).map_err(serde::de::Error::custom)
    }
}

/// A byte buffer as an operation's argument or result: base64 text in JSON,
/// each language's byte type in the bindings.
#[derive(Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Bytes(#[serde(with = "base64_bytes")] pub Vec<u8>);

impl fmt::Debug for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Bytes({} bytes)", self.0.len())
    }
}

impl schemars::JsonSchema for Bytes {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Bytes".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "contentEncoding": "base64", "format": "bytes" })
    }
}

/// Shows a map of form fields with every long digit run masked (a child's
/// NIK among the extra fields).
pub(crate) struct MaskedFields<'a>(pub &'a std::collections::BTreeMap<String, String>);

impl fmt::Debug for MaskedFields<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.0.iter().map(|(k, v)| (k, mask_free_text(v))))
            .finish()
    }
}

/// Free text as `Debug` shows it: through [`mask_free_text`].
pub(crate) struct FreeText<'a>(pub &'a str);

impl fmt::Debug for FreeText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&mask_free_text(self.0), f)
    }
}

/// `Debug` for a record whose free-text fields (a note, a file name) are
/// shown through [`mask_free_text`]. Every field must be named, once, in
/// either list: the record is destructured, so a field added later and not
/// listed fails to compile instead of silently printing raw.
macro_rules! debug_masking_free_text {
    ($ty:ident { $($field:ident),* $(,)? } free_text { $($text:ident),* $(,)? }) => {
        impl std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let $ty { $($field,)* $($text,)* } = self;
                f.debug_struct(stringify!($ty))
                    $(.field(stringify!($field), $field))*
                    $(.field(stringify!($text), &$crate::sensitive::FreeText($text)))*
                    .finish()
            }
        }
    };
}
pub(crate) use debug_masking_free_text;

/// A NIK or No KK held by a record: shown as `2171xxxxxxxx0001`.
///
/// ```
/// use lakse_core::sensitive::IdNumber;
/// let nik = IdNumber::new("2171055209900001");
/// assert_eq!(format!("{nik} {nik:?}"), "2171xxxxxxxx0001 IdNumber(2171xxxxxxxx0001)");
/// assert_eq!(nik.expose(), "2171055209900001");
/// ```
#[derive(
    Clone,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(transparent)]
pub struct IdNumber(String);

impl IdNumber {
    /// Wraps a number (16 digits, or empty where none was filled in).
    pub fn new(value: impl Into<String>) -> IdNumber {
        IdNumber(value.into())
    }

    /// The number itself. Personal data: store or show it to its owner, never log it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The display form, `2171xxxxxxxx0001` (empty when there is no number).
    pub fn masked(&self) -> String {
        if self.0.is_empty() {
            String::new()
        } else {
            crate::id::mask_text(&self.0)
        }
    }

    /// True when no number was filled in.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Debug for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IdNumber({})", self.masked())
    }
}

/// A secret: a session or link token, a password. Shown as `<redacted>`.
///
/// ```
/// use lakse_core::sensitive::Secret;
/// let token = Secret::new("q3X…");
/// assert_eq!(format!("{token} {token:?}"), "<redacted> Secret(<redacted>)");
/// ```
#[derive(
    Clone, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The secret itself: pass it on, never log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// An e-mail address held by a record: shown as `d***1@gmail.com`.
///
/// ```
/// use lakse_core::sensitive::EmailAddress;
/// let to = EmailAddress::new("difa.ananda@example.com");
/// assert_eq!(to.to_string(), "d***a@example.com");
/// ```
#[derive(
    Clone, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(transparent)]
pub struct EmailAddress(String);

impl EmailAddress {
    /// Wraps an address.
    pub fn new(value: impl Into<String>) -> EmailAddress {
        EmailAddress(value.into())
    }

    /// The address itself, for sending and for its owner.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The display form: first and last character of the local part, the domain in full.
    pub fn masked(&self) -> String {
        crate::email::mask(&self.0)
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Debug for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EmailAddress({})", self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_of_sixteen_digits_or_more_are_masked_however_grouped() {
        for (text, shown) in [
            (
                "NIK 2171055209900001, HP 081234567890",
                "NIK 2171xxxxxxxx0001, HP 081234567890",
            ),
            ("217105520990000123", "2171xxxxxxxxxx0123"),
            ("2171 0552 0990 0001", "2171 xxxx xxxx 0001"),
            ("KK 2171.0501.1015.0003.", "KK 2171.xxxx.xxxx.0003."),
            ("(2171-05-520990-0001)", "(2171-xx-xxxxxx-0001)"),
            (
                "anak: 2171030206150001/2171030206150002",
                "anak: 2171xxxxxxxx0001/2171xxxxxxxx0002",
            ),
        ] {
            assert_eq!(mask_free_text(text), shown, "{text}");
        }
    }

    #[test]
    fn short_numbers_and_double_separators_are_kept() {
        for text in [
            "HP 0812-3456-7890, 27-11-2024 10.00",
            "BTM-2026-000003-S",
            "RT 003 / RW 004",
            "2171  0552  0990  0001",
            "Rp 1.500.000",
        ] {
            assert_eq!(mask_free_text(text), text);
        }
    }

    #[test]
    fn addresses_in_text_are_masked() {
        for (text, shown) in [
            (
                "550 5.1.1 <warga@example.com>: Recipient address rejected",
                "550 5.1.1 <w***a@example.com>: Recipient address rejected",
            ),
            (
                "kirim ke Dewi.Lestari+ktp@mail.co.id.",
                "kirim ke D***p@mail.co.id.",
            ),
            ("a@b.c dan x@localhost", "***@b.c dan x@localhost"),
            (
                "@ sendiri, atau @example.com",
                "@ sendiri, atau @example.com",
            ),
            ("ü@bücher.de", "***@bücher.de"),
        ] {
            assert_eq!(mask_free_text(text), shown, "{text}");
        }
    }

    #[test]
    fn any_text_is_masked_without_panicking() {
        for text in [
            "",
            "@",
            "@@",
            "1@2.3",
            "١٢٣@",
            "x@.",
            "9999999999999999@a.b",
            "é1234567890123456é",
        ] {
            let _ = mask_free_text(text);
        }
        assert_eq!(mask_free_text("é1234567890123456é"), "é1234xxxxxxxx3456é");
    }
}
