//! The pickup coupon end to end: rendered for a completed application,
//! read back with poppler (`pdftotext`, `pdftoppm`), its QR code decoded from
//! the rendered page and verified with the office's public key alone.
//!
//! Needs Debian's `poppler-utils`. Without it these tests print a loud
//! "SKIPPED" line and pass, unless `LAKSE_REQUIRE_TOOLS=1` (as `tests/run.sh`
//! sets), where they fail.

mod common;

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};
use common::{ktp_rusak, pdftotext, poppler, upload};
use lakse_core::application::{Completion, NewApplication};
use lakse_core::catalog::Catalog;
use lakse_core::clock::ManualClock;
use lakse_core::coupon::{self, Coupon};
use lakse_core::{Config, Lakse};

const NAME: &str = "Ñuñez Ẓafira Çelik-D'Souza";
const NIK: &str = "2171055209900001";
const PLACE: &str = "Gedung Graha Kepri, Jl. Engku Putri — Loket Ā/É/Ö, Batam Centre";
const NOTE: &str = "sesuai jadwal pengambilan; bawa KTP lama (Ğ/Ş/Ł)";
const MAX_BYTES: usize = 40 * 1024;

struct Office {
    _dir: tempfile::TempDir,
    lakse: Lakse,
    applicant: String,
    other: String,
    officer: String,
    number: String,
}

fn new_applicant(lakse: &Lakse, email: &str, nama: &str, nik: &str) -> String {
    let session = common::sign_up(lakse, email).token.expose().to_owned();
    lakse
        .update_profile(&session, &common::profile(nama, nik))
        .expect("profile");
    session
}

/// An office whose catalog has a pickup place with diacritics, and one
/// accepted (not yet completed) application by an applicant named [`NAME`].
fn office() -> Office {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut catalog = Catalog::batam();
    catalog.pickup_places.push(PLACE.into());
    let config = Config {
        catalog,
        // 2026-11-25 10:00 WIB.
        clock: Arc::new(ManualClock::new(
            Utc.with_ymd_and_hms(2026, 11, 25, 3, 0, 0).unwrap(),
        )),
        ..Config::default()
    };
    let lakse = Lakse::open_with(dir.path(), config).expect("open");
    let applicant = new_applicant(&lakse, "nunez@example.com", NAME, NIK);
    let other = new_applicant(
        &lakse,
        "lain@example.com",
        "Pemohon Lain",
        "2171055209900002",
    );
    let officer = common::officer(&lakse).token.expose().to_owned();
    let number = lakse
        .submit(&applicant, &ktp_rusak())
        .expect("submit")
        .number;
    lakse.accept(&officer, &number, "ok").expect("accept");
    Office {
        _dir: dir,
        lakse,
        applicant,
        other,
        officer,
        number,
    }
}

fn complete(o: &Office) {
    o.lakse
        .complete(
            &o.officer,
            &o.number,
            &Completion {
                pickup_date: NaiveDate::from_ymd_opt(2026, 11, 27),
                pickup_place: Some(PLACE.into()),
                note: NOTE.into(),
            },
        )
        .expect("complete");
}

fn completed() -> Office {
    let o = office();
    complete(&o);
    o
}

fn write(dir: &Path, coupon: &Coupon) -> std::path::PathBuf {
    let path = dir.join(&coupon.file_name);
    std::fs::write(&path, &coupon.bytes).expect("write pdf");
    path
}

/// Renders the page to PNG at `dpi` and returns the PNG's path.
fn pdftoppm(pdf: &Path, dpi: u32) -> std::path::PathBuf {
    let prefix = pdf.with_extension("");
    let out = Command::new("pdftoppm")
        .args(["-png", "-singlefile", "-r", &dpi.to_string()])
        .arg(pdf)
        .arg(&prefix)
        .output()
        .expect("pdftoppm runs");
    assert!(
        out.status.success(),
        "pdftoppm: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    prefix.with_extension("png")
}

/// Every QR code found in a PNG, decoded.
fn qr_codes(png: &Path) -> Vec<String> {
    let img = image::open(png).expect("PNG loads").to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(img);
    prepared
        .detect_grids()
        .into_iter()
        .map(|grid| grid.decode().expect("QR decodes").1)
        .collect()
}

#[test]
fn the_coupon_prints_every_field_as_extractable_text() {
    if !poppler() {
        return;
    }
    let o = completed();
    let c = o.lakse.coupon(&o.applicant, &o.number).expect("coupon");
    assert_eq!(c.file_name, format!("bukti-pengambilan-{}.pdf", o.number));
    assert!(c.bytes.starts_with(b"%PDF-"));
    assert!(
        c.bytes.len() <= MAX_BYTES,
        "coupon is {} bytes",
        c.bytes.len()
    );

    let tmp = tempfile::tempdir().expect("tempdir");
    let text = pdftotext(&write(tmp.path(), &c));
    // pdftotext may break long values over lines; compare with single spaces.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "DINAS KEPENDUDUKAN DAN CATATAN SIPIL",
        "KOTA BATAM",
        "BUKTI PENGAMBILAN DOKUMEN",
        "Nama Pemohon",
        NAME,
        "NIK Pemohon",
        "2171xxxxxxxx0001",
        "Jenis Layanan",
        "Cetak KTP/KK (RUSAK DAN HILANG) – KTP Rusak",
        "Tanggal Pengambilan",
        "27 Nov 2026",
        "Tempat Pengambilan",
        PLACE,
        "Keterangan",
        NOTE,
        "Note:",
        "Pemohon diharuskan membawa semua dokumen yang diupload ke aplikasi dalam bentuk fotocopy dan dokumen asli",
        "TTD",
        "Admin",
        "DISDUKCAPIL",
        &o.number,
    ] {
        assert!(
            flat.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert!(!flat.contains(NIK), "the full NIK is printed");
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(
        compact.contains(&c.code),
        "the verification code is not printed as text"
    );
}

#[test]
fn the_code_verifies_with_the_public_key_alone() {
    let o = completed();
    let c = o.lakse.coupon(&o.applicant, &o.number).expect("coupon");
    let public = o.lakse.office_public_key();
    let claims = coupon::verify(&public, &c.code).expect("valid code");
    assert_eq!(claims.number, o.number);
    assert_eq!(claims.nik_masked, "2171xxxxxxxx0001");
    assert_eq!(claims.service, "cetak_ktp_kk");
    assert_eq!(
        claims.pickup_date,
        NaiveDate::from_ymd_opt(2026, 11, 27).expect("date")
    );

    // Any changed character is refused.
    for i in [0, c.code.len() / 2, c.code.len() - 2] {
        let mut chars: Vec<char> = c.code.chars().collect();
        chars[i] = if chars[i] == 'A' { 'B' } else { 'A' };
        let tampered: String = chars.into_iter().collect();
        let err = coupon::verify(&public, &tampered).unwrap_err();
        assert!(
            ["coupon.invalid_signature", "coupon.malformed"].contains(&err.code()),
            "{err}"
        );
    }
    // Another office's key does not vouch for it.
    let other = completed();
    let err = coupon::verify(&other.lakse.office_public_key(), &c.code).unwrap_err();
    assert_eq!(err.code(), "coupon.invalid_signature");
}

#[test]
fn rendering_twice_gives_the_same_bytes() {
    let o = completed();
    let a = o.lakse.coupon(&o.applicant, &o.number).expect("coupon");
    let b = o.lakse.coupon(&o.officer, &o.number).expect("coupon");
    assert_eq!(a, b);
}

#[test]
fn the_rendered_qr_code_decodes_and_verifies() {
    if !poppler() {
        return;
    }
    let o = completed();
    let c = o.lakse.coupon(&o.applicant, &o.number).expect("coupon");
    let tmp = tempfile::tempdir().expect("tempdir");
    let png = pdftoppm(&write(tmp.path(), &c), 150);
    assert!(
        std::fs::read(&png)
            .expect("PNG written")
            .starts_with(b"\x89PNG")
    );

    let codes = qr_codes(&png);
    assert_eq!(codes.len(), 1, "one QR code on the page");
    let decoded = &codes[0];
    assert_eq!(decoded, &c.code);
    let public = o.lakse.office_public_key();
    assert_eq!(
        coupon::verify(&public, decoded).expect("valid").number,
        o.number
    );

    // One byte flipped in the decoded code: refused.
    let mut bytes = decoded.clone().into_bytes();
    bytes[10] = if bytes[10] == b'x' { b'y' } else { b'x' };
    let flipped = String::from_utf8(bytes).expect("ASCII");
    assert!(coupon::verify(&public, &flipped).is_err());
}

#[test]
fn only_the_owner_and_staff_get_the_coupon_once_completed() {
    let o = office();
    // Accepted but not Selesai yet.
    let err = o.lakse.coupon(&o.applicant, &o.number).unwrap_err();
    assert_eq!(err.code(), "coupon.not_available");
    complete(&o);

    assert!(o.lakse.coupon(&o.applicant, &o.number).is_ok());
    assert!(o.lakse.coupon(&o.officer, &o.number).is_ok());
    let err = o.lakse.coupon(&o.other, &o.number).unwrap_err();
    assert_eq!(err.code(), "application.not_found");
    assert_eq!(
        o.lakse
            .coupon(&o.applicant, "BTM-2026-999999-X")
            .unwrap_err()
            .code(),
        "application.not_found"
    );
    assert_eq!(
        o.lakse
            .coupon("not-a-session", &o.number)
            .unwrap_err()
            .code(),
        "auth.session_invalid"
    );
}

#[test]
fn a_service_without_coupon_has_none() {
    let o = office();
    let complaint = o
        .lakse
        .submit(
            &o.other,
            &NewApplication {
                service: "pengaduan".into(),
                keterangan: "Antrian terlalu lama".into(),
                documents: vec![upload("lampiran", "form.pdf")],
                ..NewApplication::default()
            },
        )
        .expect("submit");
    o.lakse
        .accept(&o.officer, &complaint.number, "ok")
        .expect("accept");
    o.lakse
        .complete(
            &o.officer,
            &complaint.number,
            &Completion {
                pickup_date: None,
                pickup_place: None,
                note: "Terima kasih, sudah ditindaklanjuti".into(),
            },
        )
        .expect("complete");
    let err = o.lakse.coupon(&o.other, &complaint.number).unwrap_err();
    assert_eq!(err.code(), "coupon.not_available");
}

#[test]
fn the_office_key_is_private_and_kept() {
    let o = office();
    let path = std::path::Path::new(&o.lakse.data_dir().expect("dir")).join("office.key");
    assert_eq!(std::fs::read(&path).expect("key").len(), 32);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&path)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "office.key must be readable by its owner only"
        );
    }
    let again =
        Lakse::open(std::path::Path::new(&o.lakse.data_dir().expect("dir"))).expect("reopen");
    assert_eq!(again.office_public_key(), o.lakse.office_public_key());
}

#[test]
fn unprintable_characters_are_refused_by_name() {
    for (text, c) in [
        ("Budi 中村", '中'),
        ("Sari 🦀", '🦀'),
        ("bel\u{7}", '\u{7}'),
    ] {
        let err = coupon::check_printable("nama", text).unwrap_err();
        assert_eq!(err.code(), "coupon.unprintable_character");
        assert_eq!(err.field(), Some("nama"));
        assert!(
            err.to_string().contains(&format!("U+{:04X}", u32::from(c))),
            "{err}"
        );
    }
    for ok in [
        NAME,
        PLACE,
        NOTE,
        "Łukasz Żółć",
        "Ngô Bảo Châu",
        "Jürgen Øster",
    ] {
        coupon::check_printable("nama", ok).expect("printable");
    }
}
