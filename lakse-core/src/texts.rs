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
