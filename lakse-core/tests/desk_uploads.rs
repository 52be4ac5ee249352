//! Bad uploads and bad profiles: each refused with a clear, typed error naming
//! the field, and nothing written — no row, no file.

mod common;

use common::{Desk, fixture, ktp_rusak, upload};
use lakse_core::application::NewApplication;
use lakse_core::document::Upload;
use lakse_core::profile::ProfileInput;

/// Submits `app`, expects `code` on `field`, and checks nothing was written.
fn refused(desk: &Desk, token: &str, app: &NewApplication, code: &str, field: Option<&str>) {
    let err = desk.lakse.submit(token, app).expect_err(code);
    assert_eq!((err.code(), err.field()), (code, field), "{err}");
    assert_eq!(desk.rows("applications"), 0, "{code}: no application row");
    assert_eq!(
        desk.rows("application_documents"),
        0,
        "{code}: no document row"
    );
    assert_eq!(desk.rows("blobs"), 0, "{code}: no blob row");
    assert_eq!(desk.stored_files(), 0, "{code}: no stored file");
}

fn with_file(slot: &str, file_name: &str, bytes: Vec<u8>) -> NewApplication {
    let mut app = ktp_rusak();
    app.documents.retain(|d| d.slot != slot);
    app.documents.push(Upload {
        slot: slot.into(),
        file_name: file_name.into(),
        bytes,
    });
    app
}

#[test]
fn bad_files_are_refused_and_nothing_is_written() {
    let desk = Desk::new();
    let me = desk.applicant("a@example.com");
    let t = me.token.expose();
    // Form F1 takes jpg or pdf: a PNG is refused by its content.
    refused(
        &desk,
        t,
        &with_file("form_f1", "form.pdf", fixture("kk.png")),
        "document.wrong_type",
        Some("documents.form_f1"),
    );
    // An executable renamed to .jpg.
    refused(
        &desk,
        t,
        &with_file("swafoto", "not-a-photo.jpg", fixture("not-a-photo.jpg")),
        "document.wrong_type",
        Some("documents.swafoto"),
    );
    // Plain text called .pdf.
    refused(
        &desk,
        t,
        &with_file("kk", "kk.pdf", b"just some text".to_vec()),
        "document.wrong_type",
        Some("documents.kk"),
    );
    // 10 MB is the limit: one byte more is refused.
    let mut big = fixture("selfie.jpg");
    big.resize(10 * 1024 * 1024 + 1, 0);
    refused(
        &desk,
        t,
        &with_file("swafoto", "selfie.jpg", big),
        "document.too_large",
        Some("documents.swafoto"),
    );
    refused(
        &desk,
        t,
        &with_file("form_f2", "form.jpg", Vec::new()),
        "document.empty",
        Some("documents.form_f2"),
    );
    refused(
        &desk,
        t,
        &with_file("form_f2", "../../etc/passwd", fixture("form.jpg")),
        "document.invalid_name",
        Some("documents.form_f2"),
    );
    refused(
        &desk,
        t,
        &with_file("form_f2", "..", fixture("form.jpg")),
        "document.invalid_name",
        Some("documents.form_f2"),
    );
    // A slot the sub-type does not have (KK Rusak is for the "KK Rusak" sub-type).
    refused(
        &desk,
        t,
        &with_file("kk_rusak", "kk.png", fixture("kk.png")),
        "document.unknown_slot",
        Some("documents.kk_rusak"),
    );
    let mut twice = ktp_rusak();
    twice.documents.push(upload("kk", "kk.png"));
    refused(&desk, t, &twice, "document.duplicate", Some("documents.kk"));
    let mut missing = ktp_rusak();
    missing.documents.retain(|d| d.slot != "form_f2");
    refused(
        &desk,
        t,
        &missing,
        "document.missing",
        Some("documents.form_f2"),
    );
    // Each file within its limit, but together over 25 MB.
    let mut app = ktp_rusak();
    for d in &mut app.documents {
        d.bytes.resize(9 * 1024 * 1024, 0);
    }
    refused(&desk, t, &app, "application.too_large", Some("documents"));
    let mut long = ktp_rusak();
    long.keterangan = "x".repeat(2001);
    refused(&desk, t, &long, "input.too_long", Some("keterangan"));

    // And the same application, corrected, goes through.
    desk.lakse.submit(t, &ktp_rusak()).expect("valid submit");
    assert_eq!(desk.rows("applications"), 1);
    assert_eq!(desk.rows("application_documents"), 5);
    assert_eq!(desk.stored_files(), 5);
}

#[test]
fn identical_files_are_stored_once() {
    let desk = Desk::new();
    let a = desk.applicant("a@example.com");
    let b = desk.applicant("b@example.com");
    desk.lakse
        .submit(a.token.expose(), &ktp_rusak())
        .expect("a");
    desk.lakse
        .submit(b.token.expose(), &ktp_rusak())
        .expect("b");
    assert_eq!(desk.rows("application_documents"), 10);
    assert_eq!(
        desk.stored_files(),
        5,
        "content-addressed: same bytes, one file"
    );
    assert_eq!(desk.stored_files() as i64, desk.rows("blobs"));
}

#[test]
fn an_incomplete_profile_cannot_apply() {
    let desk = Desk::new();
    let me = desk.account("a@example.com");
    let err = desk
        .lakse
        .submit(me.token.expose(), &ktp_rusak())
        .unwrap_err();
    assert_eq!(err.code(), "profile.incomplete");
    assert!(err.to_string().contains("nik"));
    assert_eq!(desk.stored_files(), 0);
}

#[test]
fn profile_input_is_validated_and_nothing_saved_on_error() {
    let desk = Desk::new();
    let l = &desk.lakse;
    let me = desk.account("a@example.com");
    let good = ProfileInput {
        nama: "Siti Rahma".into(),
        nik: "2171 0552 0990 0001".into(),
        no_kk: "2171050110150003".into(),
        whatsapp: "+62 812-7000-1234".into(),
        hp: "".into(),
        sex: "Perempuan".into(),
        birth_place: "Tanjung Pinang".into(),
    };
    let cases: Vec<(ProfileInput, &str, &str)> = vec![
        (
            ProfileInput {
                nik: "2171055209900000".into(),
                ..good.clone()
            },
            "nik.invalid_serial",
            "nik",
        ),
        (
            ProfileInput {
                nik: "2171053002900001".into(),
                ..good.clone()
            },
            "nik.invalid_date",
            "nik",
        ),
        (
            ProfileInput {
                nik: "0071055209900001".into(),
                ..good.clone()
            },
            "nik.unknown_region",
            "nik",
        ),
        (
            ProfileInput {
                nik: "２１７１０５５２０９９０００１".into(),
                ..good.clone()
            },
            "nik.invalid_character",
            "nik",
        ),
        (
            ProfileInput {
                no_kk: "217105011015000".into(),
                ..good.clone()
            },
            "kk.invalid_length",
            "no_kk",
        ),
        (
            ProfileInput {
                whatsapp: "12345".into(),
                ..good.clone()
            },
            "phone.invalid",
            "whatsapp",
        ),
        (
            ProfileInput {
                sex: "Laki-laki".into(),
                ..good.clone()
            },
            "profile.sex_mismatch",
            "sex",
        ),
        (
            ProfileInput {
                sex: "lainnya".into(),
                ..good.clone()
            },
            "profile.invalid_sex",
            "sex",
        ),
        (
            ProfileInput {
                nama: "x".repeat(101),
                ..good.clone()
            },
            "input.too_long",
            "nama",
        ),
    ];
    for (input, code, field) in cases {
        let err = l.update_profile(me.token.expose(), &input).unwrap_err();
        assert_eq!((err.code(), err.field()), (code, Some(field)), "{err}");
        assert!(
            !err.to_string().contains("2171055209900001"),
            "errors never echo a NIK"
        );
    }
    assert_eq!(desk.rows("profiles"), 0, "refusals save nothing");
    let diacritics = ProfileInput {
        nama: "Ñuñez Ẓafira Çelik-D'Souza".into(),
        ..good.clone()
    };
    assert_eq!(
        l.update_profile(me.token.expose(), &diacritics)
            .expect("Latin diacritics print")
            .nama,
        diacritics.nama
    );
    let saved = l
        .update_profile(me.token.expose(), &good)
        .expect("valid profile");
    assert_eq!(saved.nik_masked, "2171xxxxxxxx0001");
    assert_eq!(saved.whatsapp, "+6281270001234");
    assert!(saved.missing.is_empty());
    assert!(
        !format!("{saved:?}").contains("2171055209900001"),
        "Debug masks the NIK"
    );

    // The photo: jpg or png by content, at most 2 MB.
    let err = l
        .set_profile_photo(me.token.expose(), "foto.jpg", &fixture("form.pdf"))
        .unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        ("document.wrong_type", Some("photo"))
    );
    let mut big = fixture("selfie.jpg");
    big.resize(2 * 1024 * 1024 + 1, 0);
    assert_eq!(
        l.set_profile_photo(me.token.expose(), "foto.jpg", &big)
            .unwrap_err()
            .code(),
        "document.too_large"
    );
    assert_eq!(desk.stored_files(), 0);
    l.set_profile_photo(me.token.expose(), "foto.jpg", &fixture("selfie.jpg"))
        .expect("photo");
    let lakse_core::profile::Photo { bytes, mime } = l
        .profile_photo(me.token.expose())
        .expect("read")
        .expect("some photo");
    assert_eq!(
        (bytes, mime.as_str()),
        (fixture("selfie.jpg"), "image/jpeg")
    );
}
