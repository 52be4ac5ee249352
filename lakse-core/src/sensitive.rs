//! Values that must never show in a log: personal numbers (NIK, No KK),
//! secrets (session and link tokens, passwords) and e-mail addresses.
//!
//! Each is a wrapper whose `Debug` and `Display` show it masked; the value
//! itself is reached only through an explicit `expose()`. Serialisation (the
//! JSON the C binding and the shared test vectors exchange) carries the value
//! itself: a binding that receives one wraps it again in its own language, so
//! printing a record masks it everywhere.

use std::fmt;

/// Masks every run of 16 or more ASCII digits in free text (a NIK typed into
/// Keterangan or a field), keeping the first and last four digits.
pub fn mask_digit_runs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= 16 {
            out.push_str(&run[..4]);
            out.extend(std::iter::repeat_n('x', run.len() - 8));
            out.push_str(&run[run.len() - 4..]);
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
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
            .entries(self.0.iter().map(|(k, v)| (k, mask_digit_runs(v))))
            .finish()
    }
}

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
    fn digit_runs_of_sixteen_or_more_are_masked_and_shorter_ones_kept() {
        assert_eq!(
            mask_digit_runs("NIK 2171055209900001, HP 081234567890"),
            "NIK 2171xxxxxxxx0001, HP 081234567890"
        );
        assert_eq!(mask_digit_runs("217105520990000123"), "2171xxxxxxxxxx0123");
    }
}
