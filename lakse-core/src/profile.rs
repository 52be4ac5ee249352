//! The applicant's profile ("Data Diri"): Nama, NIK, No KK, WhatsApp, HP,
//! Jenis Kelamin, Tempat Lahir and a photo. It must be complete before the
//! first application ("Mengklik ini untuk mengisi Data Profil terlebih dahulu").

use crate::document;
use crate::error::{Error, ErrorCode, Result};
use crate::kk;
use crate::lakse::Lakse;
use crate::nik::{self, Mode, Sex};
use crate::phone;
use crate::sensitive::{EmailAddress, IdNumber};
use crate::store::{self, ProfileRow, Stored, Tx};
use crate::text::Rule;
use crate::texts;

/// The longest name or birth place accepted (in characters).
const MAX_TEXT_CHARS: usize = 100;

/// A profile as its owner sees it.
///
/// `nik` and `no_kk` are the owner's own numbers in full (the edit form needs
/// them); show `nik_masked` / `no_kk_masked` anywhere else.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct Profile {
    /// The account's e-mail address.
    pub email: EmailAddress,
    /// Nama.
    pub nama: String,
    /// NIK, 16 digits, or empty.
    pub nik: IdNumber,
    /// NIK for display (`2171xxxxxxxx0001`), or empty.
    pub nik_masked: String,
    /// No KK, 16 digits, or empty.
    pub no_kk: IdNumber,
    /// No KK for display, or empty.
    pub no_kk_masked: String,
    /// WhatsApp number in +62 form, or empty.
    pub whatsapp: String,
    /// HP number in +62 form, or empty.
    pub hp: String,
    /// Jenis Kelamin, when filled.
    pub sex: Option<Sex>,
    /// Tempat Lahir.
    pub birth_place: String,
    /// Whether a photo was uploaded.
    pub has_photo: bool,
    /// The fields still missing before the first application (empty when complete).
    pub missing: Vec<String>,
}

/// The profile photo.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Photo {
    /// The image.
    #[serde(with = "crate::sensitive::base64_bytes")]
    #[schemars(with = "crate::sensitive::Bytes")]
    pub bytes: Vec<u8>,
    /// Its MIME type, from the content (`image/jpeg`, `image/png`).
    pub mime: String,
}

impl std::fmt::Debug for Photo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Photo")
            .field("bytes", &self.bytes.len())
            .field("mime", &self.mime)
            .finish()
    }
}

/// The "Data Diri" form. Every field is replaced; an empty one is left unfilled.
#[derive(
    Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(default)]
pub struct ProfileInput {
    /// Nama.
    pub nama: String,
    /// NIK (spaces, dots and hyphens allowed as separators).
    pub nik: String,
    /// No KK (spaces, dots and hyphens allowed as separators).
    pub no_kk: String,
    /// WhatsApp (`08…`, `628…`, `+628…`).
    pub whatsapp: String,
    /// HP (`08…`, `628…`, `+628…`).
    pub hp: String,
    /// Jenis Kelamin: `Laki-laki` / `Perempuan` (or `male` / `female`).
    pub sex: String,
    /// Tempat Lahir.
    pub birth_place: String,
}

impl std::fmt::Debug for ProfileInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProfileInput")
            .field("nama", &self.nama)
            .field("nik", &crate::id::mask_text(&self.nik))
            .field("no_kk", &crate::id::mask_text(&self.no_kk))
            .field("whatsapp", &self.whatsapp)
            .field("hp", &self.hp)
            .field("sex", &self.sex)
            .field("birth_place", &self.birth_place)
            .finish()
    }
}

/// The fields a complete profile has, by their form names.
const REQUIRED: [&str; 6] = ["nama", "nik", "no_kk", "whatsapp", "sex", "birth_place"];

fn missing(row: &ProfileRow) -> Vec<String> {
    let filled = |f: &str| match f {
        "nama" => !row.nama.is_empty(),
        "nik" => !row.nik.is_empty(),
        "no_kk" => !row.no_kk.is_empty(),
        "whatsapp" => !row.whatsapp.is_empty(),
        "sex" => !row.sex.is_empty(),
        _ => !row.birth_place.is_empty(),
    };
    REQUIRED
        .into_iter()
        .filter(|f| !filled(f))
        .map(str::to_owned)
        .collect()
}

/// The refusal of a NIK another account's profile holds; it names no one.
pub(crate) fn nik_claimed() -> Error {
    Error::rule(
        ErrorCode::NikClaimed,
        "nik",
        "held by another account; an officer can release it",
    )
}

fn parse_sex(input: &str) -> Result<Option<Sex>> {
    let s = input.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if s.eq_ignore_ascii_case(texts::SEX_MALE) || s.eq_ignore_ascii_case(Sex::Male.code()) {
        Ok(Some(Sex::Male))
    } else if s.eq_ignore_ascii_case(texts::SEX_FEMALE)
        || s.eq_ignore_ascii_case(Sex::Female.code())
    {
        Ok(Some(Sex::Female))
    } else {
        Err(Error::rule(
            ErrorCode::ProfileInvalidSex,
            "sex",
            format!("choose {} or {}", texts::SEX_MALE, texts::SEX_FEMALE),
        ))
    }
}

fn text(field: &str, input: &str) -> Result<String> {
    // Names and places are printed on the pickup coupon.
    crate::text::clean(field, input, Rule::one_line(MAX_TEXT_CHARS).printed())
}

fn optional<T>(input: &str, parse: impl FnOnce(&str) -> Result<T>) -> Result<Option<T>> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        parse(input).map(Some)
    }
}

impl Lakse {
    /// The caller's profile.
    pub fn profile(&self, session: &str) -> Result<Profile> {
        store::read(self.live()?, |tx| {
            let caller = self.authenticate(tx, session)?;
            let row = tx.profile(caller.id)?.unwrap_or(ProfileRow {
                account_id: caller.id,
                ..ProfileRow::default()
            });
            self.to_profile(caller.email, row)
        })
    }

    /// Saves the "Data Diri" form. NIK and No KK are validated strictly; the
    /// chosen Jenis Kelamin must agree with the NIK; phones are normalised to
    /// +62 form. Nothing is saved when any field is refused.
    ///
    /// A NIK is bound to the account whose profile holds it: one held by
    /// another account is refused with `nik.claimed`, which says nothing of
    /// that account; an officer resolves it with [`Lakse::release_nik`].
    pub fn update_profile(&self, session: &str, input: &ProfileInput) -> Result<Profile> {
        let today = self.today();
        let nama = text("nama", &input.nama)?;
        let nik = optional(&input.nik, |s| nik::parse_as("nik", s, Mode::Strict, today))?;
        let no_kk = optional(&input.no_kk, |s| {
            kk::parse_as("no_kk", s, Mode::Strict, today)
        })?;
        let whatsapp = optional(&input.whatsapp, |s| phone::normalize_as("whatsapp", s))?;
        let hp = optional(&input.hp, |s| phone::normalize_as("hp", s))?;
        let sex = parse_sex(&input.sex)?;
        let birth_place = text("birth_place", &input.birth_place)?;
        if let (Some(n), Some(s)) = (&nik, sex)
            && n.sex != s
        {
            return Err(Error::rule(
                ErrorCode::ProfileSexMismatch,
                "sex",
                "does not match the NIK",
            ));
        }
        let now = self.now_ms();
        store::write(self.live()?, |tx| {
            let caller = self.authenticate(tx, session)?;
            if let Some(n) = &nik
                && tx
                    .nik_holder(n.nik.expose())?
                    .is_some_and(|holder| holder != caller.id)
            {
                return Err(nik_claimed());
            }
            let photo = tx.profile(caller.id)?.and_then(|p| p.photo);
            let row = ProfileRow {
                account_id: caller.id,
                nama: nama.clone(),
                nik: nik
                    .as_ref()
                    .map(|n| n.nik.expose().to_owned())
                    .unwrap_or_default(),
                no_kk: no_kk
                    .as_ref()
                    .map(|k| k.no_kk.expose().to_owned())
                    .unwrap_or_default(),
                whatsapp: whatsapp.clone().unwrap_or_default(),
                hp: hp.clone().unwrap_or_default(),
                sex: sex.map(|s| s.code().to_owned()).unwrap_or_default(),
                birth_place: birth_place.clone(),
                photo,
                updated_at: now,
            };
            tx.upsert_profile(&row)?;
            self.to_profile(caller.email, row)
        })
    }

    /// Sets the profile photo (jpg or png by content, at most the catalog's
    /// photo limit, 2 MB by default).
    pub fn set_profile_photo(&self, session: &str, file_name: &str, bytes: &[u8]) -> Result<()> {
        let store = self.live()?;
        let rule = &self.config.catalog.profile_photo;
        document::clean_file_name("photo", file_name)?;
        let kind = document::check("photo", bytes, &rule.types, rule.max_bytes)?;
        // Authenticate before writing any file.
        store::read(store, |tx| self.authenticate(tx, session).map(drop))?;
        let file = self.documents.stage(bytes, kind)?;
        let now = self.now_ms();
        store::write(store, |tx| {
            let caller = self.authenticate(tx, session)?;
            let mut row = tx.profile(caller.id)?.unwrap_or(ProfileRow {
                account_id: caller.id,
                ..ProfileRow::default()
            });
            file.place()?;
            tx.insert_blob(&file.blob, now)?;
            row.photo = Some(file.blob.sha256.clone());
            row.updated_at = now;
            tx.upsert_profile(&row)
        })
    }

    /// The profile photo, if one was uploaded.
    pub fn profile_photo(&self, session: &str) -> Result<Option<Photo>> {
        let blob = store::read(self.live()?, |tx| {
            let caller = self.authenticate(tx, session)?;
            match tx.profile(caller.id)?.and_then(|p| p.photo) {
                // A photo names a stored file; one that is not there is damage, not "no photo".
                Some(sha) => tx
                    .blob(&sha)?
                    .map(Some)
                    .ok_or_else(|| Stored::row("profiles", caller.id).corrupt("photo")),
                None => Ok(None),
            }
        })?;
        blob.map(|b| {
            Ok(Photo {
                bytes: self.documents.get(&b.sha256)?,
                mime: b.mime,
            })
        })
        .transpose()
    }

    /// Frees `nik` from the profile that holds it (officers and admins), so
    /// that its owner can enter it in their own; the release is audited. The
    /// former holder's profile lacks a NIK until they enter one. Returns
    /// whether a profile held it.
    pub fn release_nik(&self, session: &str, nik: &str) -> Result<bool> {
        let nik = nik::parse_as("nik", nik, Mode::Lenient, self.today())?.nik;
        let now = self.now_ms();
        store::write(self.live()?, |tx| {
            let caller = self.staff(tx, session, "only officers release a NIK")?;
            let Some(mut row) = tx
                .nik_holder(nik.expose())?
                .map_or(Ok(None), |id| tx.profile(id))?
            else {
                return Ok(false);
            };
            let holder = row.account_id;
            row.nik = String::new();
            row.updated_at = now;
            tx.upsert_profile(&row)?;
            let detail = format!("NIK {} from account {holder}", nik.mask());
            self.audit(tx, &caller, "release_nik", None, &detail, now)?;
            Ok(true)
        })
    }

    /// The caller's profile row, refused with `profile.incomplete` unless complete.
    pub(crate) fn complete_profile(&self, tx: &mut dyn Tx, account_id: i64) -> Result<ProfileRow> {
        let row = tx.profile(account_id)?.unwrap_or_default();
        let missing = missing(&row);
        if missing.is_empty() {
            Ok(row)
        } else {
            Err(Error::ProfileIncomplete { missing })
        }
    }

    fn to_profile(&self, email: String, row: ProfileRow) -> Result<Profile> {
        let sex = match row.sex.as_str() {
            "" => None,
            code => {
                Some(Stored::row("profiles", row.account_id).code("sex", code, Sex::from_code)?)
            }
        };
        Ok(Profile {
            missing: missing(&row),
            email: EmailAddress::new(email),
            nama: row.nama,
            nik_masked: crate::id::mask_text(&row.nik),
            nik: IdNumber::new(row.nik),
            no_kk_masked: crate::id::mask_text(&row.no_kk),
            no_kk: IdNumber::new(row.no_kk),
            whatsapp: row.whatsapp,
            hp: row.hp,
            sex,
            birth_place: row.birth_place,
            has_photo: row.photo.is_some(),
        })
    }
}
