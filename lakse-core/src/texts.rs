//! Every user-facing text of the core, in Indonesian as the manual writes it,
//! kept in one place so an office (or a translator) finds them all.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};

/// Month abbreviations as Indonesian readers expect them (the manual's
/// e-mails print "05 Des 2026"): Mei, Agu, Okt and Des differ from English.
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
];

/// A date as people are shown it, on the coupon, in e-mails and in the
/// views: `05 Des 2026`. Every date shown to a person goes through here or
/// [`date_time`], so none appears in English.
///
/// ```
/// use chrono::NaiveDate;
/// let d = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
/// assert_eq!(lakse_core::texts::date(d), "05 Des 2026");
/// ```
pub fn date(d: NaiveDate) -> String {
    // `month0` is 0–11, so the index is always in range.
    let month = MONTHS[d.month0() as usize];
    format!("{:02} {month} {}", d.day(), d.year())
}

/// An instant as people are shown it, in the office's time zone `offset`
/// and on a 24-hour clock: `25 Nov 2024, 14:30:53` ("Waktu Pengajuan", the
/// history, how long a link stays valid).
///
/// ```
/// use chrono::{FixedOffset, TimeZone, Utc};
/// let wib = FixedOffset::east_opt(7 * 3600).unwrap();
/// let at = Utc.with_ymd_and_hms(2024, 8, 25, 7, 30, 53).unwrap();
/// assert_eq!(lakse_core::texts::date_time(at, wib), "25 Agu 2024, 14:30:53");
/// ```
pub fn date_time(at: DateTime<Utc>, offset: FixedOffset) -> String {
    let local = at.with_timezone(&offset);
    format!("{}, {}", date(local.date_naive()), local.format("%H:%M:%S"))
}

/// What "Pengajuanku" shows for each status: the label (a submitted
/// application shows as "Diproses", as in the manual) and the note shown when
/// the officer left none.
pub mod status {
    /// Label of a submitted application, and of one being processed.
    pub const DIPROSES: &str = "Diproses";
    /// Label of a rejected application.
    pub const DITOLAK: &str = "Ditolak";
    /// Label of a completed application.
    pub const SELESAI: &str = "Selesai";
    /// Label of a cancelled application.
    pub const DIBATALKAN: &str = "Dibatalkan";
    /// Label of a collected application.
    pub const DIAMBIL: &str = "Diambil";
    /// Note of a submitted application.
    pub const NOTE_DIAJUKAN: &str = "Mohon Tunggu Informasi Selanjutnya";
    /// Note of an accepted application.
    pub const NOTE_DIPROSES: &str = "Permohonan diterima dan sedang diproses";
    /// Note of a rejected application.
    pub const NOTE_DITOLAK: &str = "Permohonan ditolak, silakan perbaiki dan ajukan kembali";
    /// Note of a completed application.
    pub const NOTE_SELESAI: &str = "Dokumen dapat diambil sesuai jadwal pengambilan";
    /// Note of a cancelled application.
    pub const NOTE_DIBATALKAN: &str = "Permohonan dibatalkan oleh pemohon";
    /// Note of a collected application.
    pub const NOTE_DIAMBIL: &str = "Dokumen telah diambil";
}

/// Male, as on the profile form ("Jenis Kelamin").
pub const SEX_MALE: &str = "Laki-laki";
/// Female, as on the profile form.
pub const SEX_FEMALE: &str = "Perempuan";

/// What the pickup coupon ("Bukti Pengambilan Dokumen") prints, as on the
/// manual's coupon.
pub mod coupon {
    /// The coupon's heading, under the office's name and city.
    pub const TITLE: &str = "BUKTI PENGAMBILAN DOKUMEN";
    /// The PDF's document title (followed by the application number).
    pub const DOCUMENT_TITLE: &str = "Bukti Pengambilan Dokumen";
    /// Start of the downloaded file's name (`bukti-pengambilan-BTM-2026-000001-J.pdf`).
    pub const FILE_PREFIX: &str = "bukti-pengambilan";
    /// Label of the application number.
    pub const NOMOR: &str = "Nomor Permohonan";
    /// Label of the applicant's name.
    pub const NAMA: &str = "Nama Pemohon";
    /// Label of the (masked) NIK.
    pub const NIK: &str = "NIK Pemohon";
    /// Label of the service.
    pub const LAYANAN: &str = "Jenis Layanan";
    /// Label of the pickup date.
    pub const TANGGAL: &str = "Tanggal Pengambilan";
    /// Label of the pickup place.
    pub const TEMPAT: &str = "Tempat Pengambilan";
    /// Label of the officer's note.
    pub const KETERANGAN: &str = "Keterangan";
    /// Heading of the note every coupon carries.
    pub const NOTE_LABEL: &str = "Note:";
    /// The note every coupon carries.
    pub const NOTE: &str = "Pemohon diharuskan membawa semua dokumen yang diupload ke aplikasi dalam bentuk fotocopy dan dokumen asli";
    /// Signature block, first line.
    pub const TTD: &str = "TTD";
    /// Signature block, the signer.
    pub const ADMIN: &str = "Admin";
    /// Signature block, the office.
    pub const SIGNER: &str = "DISDUKCAPIL";
    /// Label of the verification code printed under the QR code.
    pub const CODE_LABEL: &str = "Kode verifikasi:";
    /// How the code is checked.
    pub const CODE_HINT: &str = "Keaslian bukti ini dapat diperiksa tanpa login dengan memindai kode QR atau memasukkan kode verifikasi, menggunakan kunci publik Disdukcapil.";
}

/// The messages shown to applicants and officers for each error code (see
/// [`crate::error::ErrorCode::message_id`]). They never hold personal data:
/// the field and the details travel beside them, not inside.
pub mod errors {
    /// `nik.invalid_length`
    pub const NIK_INVALID_LENGTH: &str = "NIK harus terdiri dari 16 digit angka.";
    /// `nik.invalid_character`
    pub const NIK_INVALID_CHARACTER: &str = "NIK hanya boleh berisi angka 0-9.";
    /// `nik.unknown_region`
    pub const NIK_UNKNOWN_REGION: &str = "Kode wilayah pada NIK tidak dikenal.";
    /// `nik.invalid_date`
    pub const NIK_INVALID_DATE: &str = "Tanggal lahir pada NIK tidak valid.";
    /// `nik.invalid_serial`
    pub const NIK_INVALID_SERIAL: &str = "Nomor urut pada NIK tidak valid.";
    /// `kk.invalid_length`
    pub const KK_INVALID_LENGTH: &str = "No KK harus terdiri dari 16 digit angka.";
    /// `kk.invalid_character`
    pub const KK_INVALID_CHARACTER: &str = "No KK hanya boleh berisi angka 0-9.";
    /// `kk.unknown_region`
    pub const KK_UNKNOWN_REGION: &str = "Kode wilayah pada No KK tidak dikenal.";
    /// `kk.invalid_date`
    pub const KK_INVALID_DATE: &str = "Tanggal pada No KK tidak valid.";
    /// `kk.invalid_serial`
    pub const KK_INVALID_SERIAL: &str = "Nomor urut pada No KK tidak valid.";
    /// `phone.invalid`
    pub const PHONE_INVALID: &str =
        "Nomor telepon tidak valid. Gunakan nomor Indonesia, misalnya 0812xxxxxxxx.";
    /// `email.invalid`
    pub const EMAIL_INVALID: &str = "Alamat email tidak valid.";
    /// `input.required`
    pub const INPUT_REQUIRED: &str = "Kolom ini wajib diisi.";
    /// `input.too_long`
    pub const INPUT_TOO_LONG: &str = "Isian terlalu panjang.";
    /// `input.invalid_character`
    pub const INPUT_INVALID_CHARACTER: &str = "Isian memuat karakter yang tidak diperbolehkan.";
    /// `coupon.unprintable_character`
    pub const COUPON_UNPRINTABLE: &str =
        "Isian memuat karakter yang tidak dapat dicetak pada bukti pengambilan.";
    /// `password.too_short`
    pub const PASSWORD_TOO_SHORT: &str = "Password minimal 8 karakter.";
    /// `password.unchanged`
    pub const PASSWORD_UNCHANGED: &str = "Password baru harus berbeda dari password saat ini.";
    /// `profile.invalid_sex`
    pub const PROFILE_INVALID_SEX: &str = "Pilih Jenis Kelamin: Laki-laki atau Perempuan.";
    /// `profile.sex_mismatch`
    pub const PROFILE_SEX_MISMATCH: &str = "Jenis Kelamin tidak sesuai dengan NIK.";
    /// `account.invalid_role`
    pub const ACCOUNT_INVALID_ROLE: &str =
        "Akun petugas hanya dapat berperan sebagai petugas atau admin.";
    /// `field.unknown`
    pub const FIELD_UNKNOWN: &str = "Layanan ini tidak memiliki isian tersebut.";
    /// `field.age_limit`
    pub const FIELD_AGE_LIMIT: &str = "Usia tidak memenuhi ketentuan layanan ini.";
    /// `field.invalid_region`
    pub const FIELD_INVALID_REGION: &str = "Kode wilayah tidak valid.";
    /// `field.unknown_region`
    pub const FIELD_UNKNOWN_REGION: &str = "Kode wilayah tidak dikenal.";
    /// `field.retired_region`
    pub const FIELD_RETIRED_REGION: &str =
        "Kode wilayah sudah tidak berlaku; gunakan kode yang baru.";
    /// `field.invalid_date`
    pub const FIELD_INVALID_DATE: &str = "Tanggal tidak valid.";
    /// `field.date_in_future`
    pub const FIELD_DATE_IN_FUTURE: &str = "Tanggal tidak boleh melewati hari ini.";
    /// `field.date_before_birth`
    pub const FIELD_DATE_BEFORE_BIRTH: &str = "Tanggal tidak boleh sebelum tanggal lahir.";
    /// `field.out_of_range`
    pub const FIELD_OUT_OF_RANGE: &str = "Angka di luar batas yang diperbolehkan.";
    /// `pickup.date_in_past`
    pub const PICKUP_DATE_IN_PAST: &str = "Tanggal Pengambilan tidak boleh sebelum hari ini.";
    /// `pickup.date_too_far`
    pub const PICKUP_DATE_TOO_FAR: &str = "Tanggal Pengambilan terlalu jauh dari hari ini.";
    /// `pickup.unknown_place`
    pub const PICKUP_UNKNOWN_PLACE: &str = "Tempat Pengambilan tidak dikenal.";
    /// `application.invalid_number`
    pub const APPLICATION_INVALID_NUMBER: &str = "Nomor Permohonan tidak valid.";
    /// `catalog.*` configuration errors
    pub const CATALOG_SYNTAX: &str = "Katalog layanan tidak dapat dibaca (format salah).";
    /// `catalog.invalid`
    pub const CATALOG_INVALID: &str = "Katalog layanan tidak valid.";
    /// `catalog.unknown_file_type`
    pub const CATALOG_UNKNOWN_FILE_TYPE: &str =
        "Katalog layanan memuat jenis berkas yang tidak dikenal.";
    /// `catalog.unreadable`
    pub const CATALOG_UNREADABLE: &str = "Berkas katalog layanan tidak dapat dibaca.";
    /// `options.*`
    pub const OPTIONS_INVALID: &str = "Pengaturan layanan tidak valid.";
    /// `api.invalid_arguments`
    pub const API_INVALID_ARGUMENTS: &str = "Permintaan tidak valid.";
    /// `api.unknown_operation`
    pub const API_UNKNOWN_OPERATION: &str = "Permintaan tidak dikenal.";
    /// `auth.invalid_credentials`
    pub const AUTH_INVALID_CREDENTIALS: &str = "Email atau password salah.";
    /// `auth.locked`
    pub const AUTH_LOCKED: &str =
        "Terlalu banyak percobaan masuk yang gagal. Silakan coba lagi nanti.";
    /// `auth.token_invalid`
    pub const AUTH_TOKEN_INVALID: &str = "Tautan tidak valid.";
    /// `auth.token_expired`
    pub const AUTH_TOKEN_EXPIRED: &str = "Tautan sudah kedaluwarsa.";
    /// `auth.token_used`
    pub const AUTH_TOKEN_USED: &str = "Tautan sudah pernah digunakan.";
    /// `auth.session_invalid`
    pub const AUTH_SESSION_INVALID: &str = "Sesi Anda telah berakhir. Silakan masuk kembali.";
    /// `auth.password_change_required`
    pub const AUTH_PASSWORD_CHANGE_REQUIRED: &str = "Silakan ganti password Anda terlebih dahulu.";
    /// `auth.forbidden`
    pub const AUTH_FORBIDDEN: &str = "Anda tidak memiliki akses untuk tindakan ini.";
    /// `auth.rate_limited`
    pub const AUTH_RATE_LIMITED: &str = "Terlalu banyak permintaan email. Silakan coba lagi nanti.";
    /// `catalog.unknown_service`
    pub const CATALOG_UNKNOWN_SERVICE: &str = "Layanan tidak ditemukan.";
    /// `catalog.unknown_subtype`
    pub const CATALOG_UNKNOWN_SUBTYPE: &str = "Pilih Keterangan Layanan yang tersedia.";
    /// `application.not_found`
    pub const APPLICATION_NOT_FOUND: &str = "Permohonan tidak ditemukan.";
    /// `outbox.not_found`
    pub const OUTBOX_NOT_FOUND: &str = "Pesan tidak ditemukan.";
    /// `workflow.not_allowed`
    pub const WORKFLOW_NOT_ALLOWED: &str =
        "Tindakan ini tidak dapat dilakukan pada status permohonan saat ini.";
    /// `workflow.actor_not_permitted`
    pub const WORKFLOW_ACTOR_NOT_PERMITTED: &str = "Anda tidak dapat melakukan tindakan ini.";
    /// `catalog.service_disabled`
    pub const CATALOG_SERVICE_DISABLED: &str = "Layanan ini sedang tidak tersedia.";
    /// `catalog.redirected`
    pub const CATALOG_REDIRECTED: &str = "Layanan ini dialihkan ke aplikasi lain.";
    /// `account.exists`
    pub const ACCOUNT_EXISTS: &str = "Email sudah terdaftar.";
    /// `profile.incomplete`
    pub const PROFILE_INCOMPLETE: &str = "Isi Data Profil terlebih dahulu.";
    /// `application.already_open`
    pub const APPLICATION_ALREADY_OPEN: &str =
        "Anda masih memiliki permohonan yang sedang diproses untuk layanan ini.";
    /// `application.idempotency_conflict`
    pub const APPLICATION_IDEMPOTENCY_CONFLICT: &str =
        "Formulir ini sudah pernah dikirim dengan isi yang berbeda.";
    /// `nik.claimed`
    pub const NIK_CLAIMED: &str =
        "NIK ini sudah digunakan oleh akun lain. Silakan hubungi petugas Disdukcapil.";
    /// `handle.closed`
    pub const HANDLE_CLOSED: &str = "Layanan sedang tidak tersedia.";
    /// `coupon.not_available`
    pub const COUPON_NOT_AVAILABLE: &str = "Bukti pengambilan belum tersedia.";
    /// `document.wrong_type`
    pub const DOCUMENT_WRONG_TYPE: &str = "Jenis berkas tidak sesuai.";
    /// `document.too_large`
    pub const DOCUMENT_TOO_LARGE: &str = "Ukuran berkas melebihi batas.";
    /// `document.empty`
    pub const DOCUMENT_EMPTY: &str = "Berkas kosong.";
    /// `document.missing`
    pub const DOCUMENT_MISSING: &str = "Dokumen ini wajib diunggah.";
    /// `document.unknown_slot`
    pub const DOCUMENT_UNKNOWN_SLOT: &str = "Layanan ini tidak memerlukan dokumen tersebut.";
    /// `document.invalid_name`
    pub const DOCUMENT_INVALID_NAME: &str = "Nama berkas tidak valid.";
    /// `document.duplicate`
    pub const DOCUMENT_DUPLICATE: &str = "Unggah satu berkas untuk setiap dokumen.";
    /// `document.active_content`
    pub const DOCUMENT_ACTIVE_CONTENT: &str =
        "Berkas PDF memuat konten aktif atau rusak dan tidak dapat diterima.";
    /// `document.ambiguous_type`
    pub const DOCUMENT_AMBIGUOUS_TYPE: &str =
        "Berkas tidak dapat dikenali dengan pasti atau rusak.";
    /// `application.too_large`
    pub const APPLICATION_TOO_LARGE: &str = "Ukuran seluruh dokumen melebihi batas.";
    /// `coupon.invalid_signature`
    pub const COUPON_INVALID_SIGNATURE: &str = "Bukti pengambilan tidak asli.";
    /// `coupon.malformed`
    pub const COUPON_MALFORMED: &str = "Kode verifikasi tidak valid.";
    /// `mail.template`
    pub const MAIL_TEMPLATE: &str = "Templat email tidak valid.";
    /// `mail.config`
    pub const MAIL_CONFIG: &str = "Pengaturan email tidak valid.";
    /// `store.database`
    pub const STORE_DATABASE: &str = "Terjadi gangguan pada sistem. Silakan coba lagi nanti.";
    /// `store.busy`
    pub const STORE_BUSY: &str = "Sistem sedang sibuk. Silakan coba lagi.";
    /// `store.io`
    pub const STORE_IO: &str = "Terjadi gangguan pada penyimpanan berkas.";
    /// `store.corrupt`
    pub const STORE_CORRUPT: &str = "Data tersimpan rusak. Silakan hubungi petugas.";
    /// `internal`
    pub const INTERNAL: &str = "Terjadi kesalahan pada sistem.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_month_is_indonesian() {
        let shown: Vec<String> = (1..=12)
            .map(|m| date(NaiveDate::from_ymd_opt(2024, m, 1).expect("a date")))
            .collect();
        assert_eq!(
            shown,
            [
                "01 Jan 2024",
                "01 Feb 2024",
                "01 Mar 2024",
                "01 Apr 2024",
                "01 Mei 2024",
                "01 Jun 2024",
                "01 Jul 2024",
                "01 Agu 2024",
                "01 Sep 2024",
                "01 Okt 2024",
                "01 Nov 2024",
                "01 Des 2024",
            ]
        );
    }

    #[test]
    fn times_are_local_on_a_24_hour_clock() {
        let wib = crate::clock::WIB;
        let at = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 12, 31, 17, 5, 9)
            .single()
            .expect("a time");
        // 00:05 WIB is already the next day (and year).
        assert_eq!(date_time(at, wib), "01 Jan 2027, 00:05:09");
        let afternoon = at - chrono::Duration::hours(10);
        assert_eq!(date_time(afternoon, wib), "31 Des 2026, 14:05:09");
    }
}
