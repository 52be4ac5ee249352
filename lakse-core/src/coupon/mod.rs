//! The pickup coupon ("Bukti Pengambilan Dokumen"): a one-page PDF an
//! applicant downloads once the application is Selesai, laid out like the
//! manual's, with a verification code that ties it to its application.
//!
//! - Text is real text (DejaVu Sans, subset and embedded, with a ToUnicode
//!   map): it can be searched and extracted, and Latin names with any
//!   diacritics print. A character the font lacks is refused when the data is
//!   entered ([`check_printable`]), never printed as a blank box.
//! - The verification code is a compact payload (application number, NIK
//!   masked, service id, pickup date) signed with the office's Ed25519 key,
//!   printed as a QR code and as text. Anyone with the office's public key
//!   ([`crate::Lakse::office_public_key`]) checks it offline with [`verify`]:
//!   no login, no database.
//! - The same input gives the same bytes: no timestamps, no random ids.
//!
//! The office key is a 32-byte Ed25519 seed in `office.key` in the data
//! folder, created (mode 0600) on the first [`crate::Lakse::open`] and loaded
//! on later ones. Back it up with the database: coupons already handed out
//! verify only against its public key.

mod code;
mod font;
mod pdf;
mod qr;

use std::io::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use ed25519_dalek::SigningKey;

pub use code::CouponClaims;

use crate::application::Status;
use crate::catalog::{Office, Service};
use crate::error::{Error, Result};
use crate::lakse::Lakse;
use crate::store::{self, ApplicationRow, Stored};

/// The office key's file in the data folder.
const KEY_FILE: &str = "office.key";

/// A rendered coupon.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Coupon {
    /// The file name to offer, e.g. `bukti-pengambilan-BTM-2026-000001-J.pdf`.
    pub file_name: String,
    /// The PDF.
    #[serde(with = "crate::sensitive::base64_bytes")]
    #[schemars(with = "crate::sensitive::Bytes")]
    pub bytes: Vec<u8>,
    /// The verification code printed on it (and in its QR code), for [`verify`].
    pub code: String,
}

impl std::fmt::Debug for Coupon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Coupon")
            .field("file_name", &self.file_name)
            .field("bytes", &self.bytes.len())
            .field("code", &self.code)
            .finish()
    }
}

/// What a coupon prints. [`crate::Lakse::coupon`] fills it from the
/// application; [`render`] takes one directly (previews, other front ends).
#[derive(Clone, PartialEq, Eq)]
pub struct Slip {
    /// The office, as in the catalog (printed in the title block).
    pub office: Office,
    /// The application number.
    pub number: String,
    /// Nama Pemohon.
    pub nama: String,
    /// NIK Pemohon, the 16 digits: printed and signed masked, never in full.
    pub nik: String,
    /// The service id (signed in the code).
    pub service: String,
    /// Jenis Layanan, as printed.
    pub service_name: String,
    /// Tanggal Pengambilan.
    pub pickup_date: NaiveDate,
    /// Tempat Pengambilan.
    pub pickup_place: String,
    /// Keterangan (the officer's note).
    pub note: String,
}

impl std::fmt::Debug for Slip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Slip")
            .field("number", &self.number)
            .field("nik", &crate::id::mask_text(&self.nik))
            .field("service", &self.service)
            .field("pickup_date", &self.pickup_date)
            .finish_non_exhaustive()
    }
}

/// An office's Ed25519 signing key.
pub struct OfficeKey(SigningKey);

impl std::fmt::Debug for OfficeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the secret: the public key identifies it well enough.
        write!(f, "OfficeKey({})", self.public_key())
    }
}

impl OfficeKey {
    /// The key with this 32-byte seed (for tests and tools; offices use the
    /// one [`crate::Lakse::open`] keeps in the data folder).
    pub fn from_seed(seed: [u8; 32]) -> OfficeKey {
        OfficeKey(SigningKey::from_bytes(&seed))
    }

    /// The public key, as [`verify`] takes it: base64url without padding (43 characters).
    pub fn public_key(&self) -> String {
        code::public_key_text(&self.0.verifying_key())
    }

    /// Loads `dir/office.key`, or creates it (32 random bytes, mode 0600).
    pub(crate) fn load_or_create(dir: &Path) -> Result<OfficeKey> {
        let path = dir.join(KEY_FILE);
        match std::fs::read(&path) {
            Ok(bytes) => return OfficeKey::from_file_bytes(&path, &bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed)
            .map_err(|e| Error::internal(format!("no randomness for the office key: {e}")))?;
        // Written whole under a temporary name, then moved into place without
        // replacing anything: a handle opening the folder at the same moment
        // sees no key or a complete one, and only one key ever wins.
        let mut builder = tempfile::Builder::new();
        builder.prefix(".office.key.");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            builder.permissions(std::fs::Permissions::from_mode(0o600));
        }
        let mut tmp = builder.tempfile_in(dir)?;
        tmp.write_all(&seed)?;
        tmp.as_file().sync_all()?;
        match tmp.persist_noclobber(&path) {
            Ok(_) => Ok(OfficeKey::from_seed(seed)),
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
                OfficeKey::from_file_bytes(&path, &std::fs::read(&path)?)
            }
            Err(e) => Err(e.error.into()),
        }
    }

    fn from_file_bytes(path: &Path, bytes: &[u8]) -> Result<OfficeKey> {
        let seed: [u8; 32] = bytes
            .try_into()
            .map_err(|_| Error::corrupt("office.key", path.display(), "key"))?;
        Ok(OfficeKey::from_seed(seed))
    }
}

/// Refuses text the coupon cannot print; the rule lives with the other text
/// rules in [`crate::text`].
pub use crate::text::check_printable;

/// Whether the coupon's font has a glyph for `c` (whitespace prints as a
/// space; control characters never print). The text rules ask this.
pub(crate) fn prints(c: char) -> bool {
    font::REGULAR.glyph(c).is_some()
}

/// Checks a coupon's verification code against an office's public key
/// (base64url, as [`crate::Lakse::office_public_key`] gives it) and returns
/// what the coupon claims. Whitespace in the code is ignored (printed codes
/// wrap). A code signed by another key or altered in any way is refused with
/// `coupon.invalid_signature`; one that is not a code at all, or a key that
/// is not a key, with `coupon.malformed`.
///
/// ```
/// use chrono::NaiveDate;
/// use lakse_core::catalog::Catalog;
/// use lakse_core::coupon::{self, OfficeKey, Slip};
///
/// let key = OfficeKey::from_seed([42; 32]);
/// let slip = Slip {
///     office: Catalog::batam().office,
///     number: "BTM-2026-000001-J".into(),
///     nama: "Difa Ananda Putri".into(),
///     nik: "2171055209900001".into(),
///     service: "cetak_ktp_kk".into(),
///     service_name: "Cetak KTP/KK (RUSAK DAN HILANG)".into(),
///     pickup_date: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
///     pickup_place: "Komp. Perkantoran Sekupang, Kota Batam.".into(),
///     note: "sesuai jadwal pengambilan".into(),
/// };
/// let printed = coupon::render(&slip, &key)?;
///
/// // Later, anywhere, with only the office's public key:
/// let claims = coupon::verify(&key.public_key(), &printed.code)?;
/// assert_eq!(claims.number, "BTM-2026-000001-J");
/// assert_eq!(claims.nik_masked, "2171xxxxxxxx0001");
///
/// let forged = printed.code.replacen('A', "B", 1);
/// assert!(coupon::verify(&key.public_key(), &forged).is_err());
/// # Ok::<(), lakse_core::Error>(())
/// ```
pub fn verify(public_key: &str, code: &str) -> Result<CouponClaims> {
    code::verify(public_key, code)
}

/// Renders a coupon: the one-page PDF and its verification code, signed
/// with `key`. Refuses (`coupon.unprintable_character`) a field with a
/// character the font lacks.
pub fn render(slip: &Slip, key: &OfficeKey) -> Result<Coupon> {
    let claims = CouponClaims {
        number: slip.number.clone(),
        nik_masked: crate::id::mask_text(&slip.nik),
        service: slip.service.clone(),
        pickup_date: slip.pickup_date,
    };
    let code = code::sign(&key.0, &claims)?;
    let bytes = pdf::write(slip, &claims.nik_masked, &code)?;
    Ok(Coupon {
        file_name: format!("{}-{}.pdf", crate::texts::coupon::FILE_PREFIX, slip.number),
        bytes,
        code,
    })
}

impl Lakse {
    /// The office's public key, for [`verify`]: the 32 bytes in base64url
    /// without padding (43 characters). Publish it (web site, counter poster)
    /// so that anyone can check a coupon offline.
    pub fn office_public_key(&self) -> String {
        self.office_key.public_key()
    }

    /// The pickup coupon of an application, for its applicant or for staff
    /// (whose read is audited); anyone else gets `application.not_found`.
    /// Available once the application is Selesai (and still after Diambil),
    /// for services with a coupon; otherwise `coupon.not_available`.
    pub fn coupon(&self, session: &str, number: &str) -> Result<Coupon> {
        let now = self.now_ms();
        let slip = store::write(self.live()?, |tx| {
            let (caller, row) = self.visible(tx, session, number)?;
            let slip = self.slip_of(&row, &*self.service_of(tx, &row)?)?;
            self.audit_read(tx, &caller, "read_coupon", &row, "", now)?;
            Ok(slip)
        })?;
        render(&slip, &self.office_key)
    }

    /// The coupon of a stored application, without a session (for the
    /// "completed" e-mail). Same availability rules as [`Lakse::coupon`].
    pub(crate) fn coupon_for_row(&self, row: &ApplicationRow) -> Result<Coupon> {
        render(
            &self.slip_of(row, &*self.service_of_row(row)?)?,
            &self.office_key,
        )
    }

    /// What the coupon of `row` prints, or why it has none; `service` is
    /// the one the application was submitted under.
    fn slip_of(&self, row: &ApplicationRow, service: &Service) -> Result<Slip> {
        let not_available = |reason: &str| Error::CouponNotAvailable {
            reason: reason.to_owned(),
        };
        let stored = Stored::row("applications", row.id);
        match stored.code("status", &row.status, Status::from_code)? {
            Status::Selesai | Status::Diambil => {}
            _ => {
                return Err(not_available(
                    "the application is not completed (Selesai) yet",
                ));
            }
        }
        if !service.coupon {
            return Err(not_available("this service has no pickup coupon"));
        }
        let (Some(date), Some(place)) = (&row.pickup_date, &row.pickup_place) else {
            return Err(not_available("the application has no pickup date"));
        };
        let pickup_date = stored.date("pickup_date", date)?;
        let subtype = row
            .subtype
            .as_deref()
            .and_then(|id| service.subtypes.iter().find(|t| t.id == id));
        let service_name = match subtype {
            Some(t) => format!("{} – {}", service.name, t.name),
            None => service.name.clone(),
        };
        Ok(Slip {
            office: self.config.catalog.office.clone(),
            number: row.number.clone(),
            nama: row.nama.clone(),
            nik: row.nik.clone(),
            service: row.service.clone(),
            service_name,
            pickup_date,
            pickup_place: place.clone(),
            note: row.note.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_created_private_and_loaded_again() {
        let dir = tempfile::tempdir().expect("tempdir");
        let first = OfficeKey::load_or_create(dir.path()).expect("create");
        let again = OfficeKey::load_or_create(dir.path()).expect("load");
        assert_eq!(first.public_key(), again.public_key());
        assert_eq!(first.public_key().len(), 43);
        let path = dir.path().join(KEY_FILE);
        assert_eq!(std::fs::read(&path).expect("key file").len(), 32);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path)
                .expect("metadata")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // Only the key file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
        assert!(!format!("{first:?}").contains(&format!("{:?}", first.0.to_bytes())));
    }

    #[test]
    fn a_damaged_key_file_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join(KEY_FILE), b"short").expect("write");
        assert_eq!(
            OfficeKey::load_or_create(dir.path()).unwrap_err().code(),
            "store.corrupt"
        );
    }
}
