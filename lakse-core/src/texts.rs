//! Every user-facing text of the core, in Indonesian as the manual writes it,
//! kept in one place so an office (or a translator) finds them all.

use crate::application::Status;

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
