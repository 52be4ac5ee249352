//! The verification code: what the coupon claims, signed with the office's
//! Ed25519 key, in one base64url string (printed as text and as the QR code).
//!
//! The signed payload is readable text, so that anyone who decodes a code
//! sees what it claims without any lakse tool:
//! `LK1|BTM-2026-000001-J|2171xxxxxxxx0001|cetak_ktp_kk|2026-11-27`.
//! The code is base64url (no padding) of the payload followed by the 64-byte
//! signature. Ed25519 signatures are deterministic: the same claims always give
//! the same code.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::NaiveDate;
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};

use crate::error::{Error, Result};

/// The first field of every payload: the format's name and version.
const FORMAT: &str = "LK1";
/// Longest code [`verify`] looks at (real codes are about 150 characters).
const MAX_CODE_CHARS: usize = 1024;

/// What a verified coupon states. Returned by [`super::verify`].
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct CouponClaims {
    /// The application number, e.g. `BTM-2026-000001-J`.
    pub number: String,
    /// NIK Pemohon, masked as printed (`2171xxxxxxxx0001`).
    pub nik_masked: String,
    /// The service id, e.g. `cetak_ktp_kk`.
    pub service: String,
    /// Tanggal Pengambilan.
    pub pickup_date: NaiveDate,
}

impl CouponClaims {
    fn payload(&self) -> Result<String> {
        for (field, value) in [
            ("number", &self.number),
            ("nik_masked", &self.nik_masked),
            ("service", &self.service),
        ] {
            // `|` separates the fields; none of these ever holds one, but a
            // payload that would parse differently must never be signed.
            if value.is_empty() || value.contains('|') || value.chars().any(char::is_control) {
                return Err(Error::internal(format!(
                    "{field} cannot be put in a coupon code"
                )));
            }
        }
        Ok(format!(
            "{FORMAT}|{}|{}|{}|{}",
            self.number,
            self.nik_masked,
            self.service,
            self.pickup_date.format("%Y-%m-%d")
        ))
    }

    fn parse(payload: &[u8]) -> Result<CouponClaims> {
        let text =
            std::str::from_utf8(payload).map_err(|_| malformed("code", "payload is not text"))?;
        let parts: Vec<&str> = text.split('|').collect();
        let [format, number, nik_masked, service, date] = parts.as_slice() else {
            return Err(malformed("code", "payload does not have five fields"));
        };
        if *format != FORMAT {
            return Err(malformed("code", "unknown coupon format"));
        }
        let pickup_date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .map_err(|_| malformed("code", "payload holds no valid pickup date"))?;
        Ok(CouponClaims {
            number: (*number).to_owned(),
            nik_masked: (*nik_masked).to_owned(),
            service: (*service).to_owned(),
            pickup_date,
        })
    }
}

/// The signed code for `claims`.
pub(crate) fn sign(key: &SigningKey, claims: &CouponClaims) -> Result<String> {
    let payload = claims.payload()?;
    let signature = key.sign(payload.as_bytes());
    let mut raw = payload.into_bytes();
    raw.extend_from_slice(&signature.to_bytes());
    let code = URL_SAFE_NO_PAD.encode(raw);
    // `verify` reads no longer code: never sign one it would refuse.
    if code.len() > MAX_CODE_CHARS {
        return Err(Error::internal(format!(
            "a coupon code of {} characters is longer than {MAX_CODE_CHARS}",
            code.len()
        )));
    }
    Ok(code)
}

/// The text form of a public key: base64url without padding (43 characters).
pub(crate) fn public_key_text(key: &VerifyingKey) -> String {
    URL_SAFE_NO_PAD.encode(key.to_bytes())
}

/// See [`super::verify`].
pub(crate) fn verify(public_key: &str, code: &str) -> Result<CouponClaims> {
    let key_bytes: [u8; 32] = URL_SAFE_NO_PAD
        .decode(public_key.trim())
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| {
            malformed(
                "public_key",
                "not a base64url Ed25519 public key (43 characters)",
            )
        })?;
    let key = VerifyingKey::from_bytes(&key_bytes)
        .map_err(|_| malformed("public_key", "not a valid Ed25519 public key"))?;
    if code.len() > MAX_CODE_CHARS {
        return Err(malformed("code", "too long"));
    }
    // Printed codes wrap over lines; whitespace is never part of one.
    let compact: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let raw = URL_SAFE_NO_PAD
        .decode(compact.as_bytes())
        .map_err(|_| malformed("code", "not base64url"))?;
    let split = raw
        .len()
        .checked_sub(Signature::BYTE_SIZE)
        .filter(|&n| n > 0)
        .ok_or_else(|| malformed("code", "too short"))?;
    let (payload, signature) = raw.split_at(split);
    let signature =
        Signature::from_slice(signature).map_err(|_| malformed("code", "no signature"))?;
    key.verify_strict(payload, &signature)
        .map_err(|_| Error::CouponInvalidSignature)?;
    CouponClaims::parse(payload)
}

fn malformed(field: &str, reason: &str) -> Error {
    Error::CouponMalformed {
        field: field.to_owned(),
        reason: reason.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims() -> CouponClaims {
        CouponClaims {
            number: "BTM-2026-000001-J".into(),
            nik_masked: "2171xxxxxxxx0001".into(),
            service: "cetak_ktp_kk".into(),
            pickup_date: NaiveDate::from_ymd_opt(2026, 11, 27).expect("date"),
        }
    }

    #[test]
    fn no_code_is_signed_that_verify_would_refuse() {
        let key = SigningKey::from_bytes(&[3; 32]);
        let mut long = claims();
        long.number = "N".repeat(669);
        long.service = "kia".into();
        assert_eq!(sign(&key, &long).unwrap_err().code(), "internal");
    }

    #[test]
    fn signed_codes_verify_and_are_deterministic() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let public = public_key_text(&key.verifying_key());
        let code = sign(&key, &claims()).expect("sign");
        assert_eq!(code, sign(&key, &claims()).expect("sign"));
        assert_eq!(verify(&public, &code).expect("valid"), claims());
        // Wrapped over lines, as printed.
        let wrapped = format!("{}\n  {}", &code[..60], &code[60..]);
        assert_eq!(verify(&public, &wrapped).expect("valid"), claims());
    }

    #[test]
    fn altered_or_foreign_codes_are_refused() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let public = public_key_text(&key.verifying_key());
        let code = sign(&key, &claims()).expect("sign");

        let mut raw = URL_SAFE_NO_PAD.decode(&code).expect("base64");
        raw[5] ^= 0x01; // BTM-2026-… → BUM-…
        let tampered = URL_SAFE_NO_PAD.encode(&raw);
        assert_eq!(
            verify(&public, &tampered).unwrap_err().code(),
            "coupon.invalid_signature"
        );

        let other = public_key_text(&SigningKey::from_bytes(&[8; 32]).verifying_key());
        assert_eq!(
            verify(&other, &code).unwrap_err().code(),
            "coupon.invalid_signature"
        );

        for bad in ["", "abc", "!!!!", &"A".repeat(2000)] {
            assert_eq!(verify(&public, bad).unwrap_err().code(), "coupon.malformed");
        }
        let err = verify("not a key", &code).unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            ("coupon.malformed", Some("public_key"))
        );
    }

    #[test]
    fn a_separator_in_a_claim_is_never_signed() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let mut c = claims();
        c.service = "a|b".into();
        assert!(sign(&key, &c).is_err());
    }
}
