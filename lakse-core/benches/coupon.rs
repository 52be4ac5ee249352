//! One pickup coupon rendered end to end: layout with DejaVu Sans metrics,
//! the embedded font subsets (cached by glyph set), the Ed25519-signed
//! verification code and its QR code drawn as rectangles, the PDF written.
//! `coupon.sh` runs this and `peers/coupon_reportlab.py` (Python's reportlab
//! rendering the same coupon) and prints both figures and the ratio.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use lakse_core::catalog::Catalog;
use lakse_core::coupon::{self, OfficeKey, Slip};
use std::hint::black_box;

fn slip() -> Slip {
    Slip {
        office: Catalog::batam().office,
        number: "BTM-2026-000001-J".into(),
        nama: "Ñuñez Ẓafira Çelik-D'Souza".into(),
        nik: "2171055209900001".into(),
        service: "cetak_ktp_kk".into(),
        service_name: "Cetak KTP/KK (RUSAK DAN HILANG) – KTP Rusak".into(),
        pickup_date: NaiveDate::from_ymd_opt(2026, 11, 27).expect("valid date"),
        pickup_place:
            "Komp. Perkantoran Sekupang, JL. Ir. Sutami, Sungai Harapan, Kec. Sekupang, Kota Batam."
                .into(),
        note: "sesuai jadwal pengambilan".into(),
    }
}

fn render(c: &mut Criterion) {
    let key = OfficeKey::from_seed([42; 32]);
    let slip = slip();
    let first = coupon::render(&slip, &key).expect("renders");
    // coupon.sh reads these two lines: the peer draws the same code.
    eprintln!("COUPON_CODE={}", first.code);
    eprintln!("COUPON_BYTES={}", first.bytes.len());
    c.bench_function("coupon/render", |b| {
        b.iter(|| coupon::render(black_box(&slip), &key).expect("renders"))
    });
}

criterion_group!(benches, render);
criterion_main!(benches);
