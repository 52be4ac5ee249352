//! Every user-facing text of the core, in Indonesian as the manual writes it,
//! kept in one place so an office (or a translator) finds them all.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};

use crate::application::Status;

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

/// The status label shown in "Pengajuanku". A submitted application shows as
/// "Diproses", as in the manual.
pub fn status_label(status: Status) -> &'static str {
    match status {
        Status::Diajukan | Status::Diproses => "Diproses",
        Status::Ditolak => "Ditolak",
        Status::Selesai => "Selesai",
        Status::Dibatalkan => "Dibatalkan",
        Status::Diambil => "Diambil",
    }
}

/// The note shown when the officer left none.
pub fn status_default_note(status: Status) -> &'static str {
    match status {
        Status::Diajukan => "Mohon Tunggu Informasi Selanjutnya",
        Status::Diproses => "Permohonan diterima dan sedang diproses",
        Status::Ditolak => "Permohonan ditolak, silakan perbaiki dan ajukan kembali",
        Status::Selesai => "Dokumen dapat diambil sesuai jadwal pengambilan",
        Status::Dibatalkan => "Permohonan dibatalkan oleh pemohon",
        Status::Diambil => "Dokumen telah diambil",
    }
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
