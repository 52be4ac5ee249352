//! The pickup coupon and what a verified one states.

use crate::convert::record;

record! {
    /// A rendered coupon ("Bukti Pengambilan Dokumen").
    pub struct Coupon => lakse_core::coupon::Coupon {
        /// The file name to offer, e.g. `bukti-pengambilan-BTM-2026-000001-J.pdf`.
        file_name: String,
        /// The PDF.
        bytes: Vec<u8>,
        /// The verification code printed on it (and in its QR code), for `verify_coupon`.
        code: String,
    }
}

record! {
    /// What a verified coupon states.
    pub struct CouponClaims => lakse_core::coupon::CouponClaims {
        /// The application number, e.g. `BTM-2026-000001-J`.
        number: String,
        /// NIK Pemohon, masked as printed.
        nik_masked: String,
        /// The service id, e.g. `cetak_ktp_kk`.
        service: String,
        /// Tanggal Pengambilan.
        pickup_date: chrono::NaiveDate,
    }
}
