//! The applicant's profile ("Data Diri") and photo.

use std::sync::Arc;

use lakse_core::nik::Sex;

use crate::convert::record;
use crate::sensitive::{EmailAddress, IdNumber};

record! {
    /// A profile as its owner sees it: `nik` and `no_kk` in full for the edit
    /// form (show `nik_masked` / `no_kk_masked` anywhere else); they print masked.
    pub struct Profile => lakse_core::profile::Profile {
        /// The account's e-mail address.
        email: Arc<EmailAddress>,
        /// Nama.
        nama: String,
        /// NIK, 16 digits, or empty.
        nik: Arc<IdNumber>,
        /// NIK for display (`2171xxxxxxxx0001`), or empty.
        nik_masked: String,
        /// No KK, 16 digits, or empty.
        no_kk: Arc<IdNumber>,
        /// No KK for display, or empty.
        no_kk_masked: String,
        /// WhatsApp number in +62 form, or empty.
        whatsapp: String,
        /// HP number in +62 form, or empty.
        hp: String,
        /// Jenis Kelamin, when filled.
        sex: Option<Sex>,
        /// Tempat Lahir.
        birth_place: String,
        /// Whether a photo was uploaded.
        has_photo: bool,
        /// The fields still missing before the first application (empty when complete).
        missing: Vec<String>,
    }
}

record! {
    /// The "Data Diri" form. Every field is replaced; an empty one is left
    /// unfilled. Printed with NIK and No KK masked.
    pub struct ProfileInput => lakse_core::profile::ProfileInput {
        /// Nama.
        #[uniffi(default)]
        nama: String,
        /// NIK (spaces and dots allowed).
        #[uniffi(default)]
        nik: String,
        /// No KK (spaces and dots allowed).
        #[uniffi(default)]
        no_kk: String,
        /// WhatsApp (`08…`, `628…`, `+628…`).
        #[uniffi(default)]
        whatsapp: String,
        /// HP (`08…`, `628…`, `+628…`).
        #[uniffi(default)]
        hp: String,
        /// Jenis Kelamin: `Laki-laki` / `Perempuan` (or `male` / `female`).
        #[uniffi(default)]
        sex: String,
        /// Tempat Lahir.
        #[uniffi(default)]
        birth_place: String,
    }
}

record! {
    /// The profile photo.
    pub struct Photo => lakse_core::profile::Photo {
        /// The image.
        bytes: Vec<u8>,
        /// Its MIME type, from the content (`image/jpeg`, `image/png`).
        mime: String,
    }
}
