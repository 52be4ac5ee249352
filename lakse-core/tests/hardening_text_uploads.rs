//! Hardening (issue 9, items 9–11) and the text rules in one module (issue 8
//! §6): uploads survive a deleted `documents/tmp`; control and invisible
//! characters are refused where people type text, and text is stored in NFC;
//! uploaded files are parsed, not sniffed, so active PDFs and polyglots are
//! refused.

mod common;

use common::{Desk, fixture, ktp_rusak};
use lakse_core::application::{NewApplication, Resubmission};
use lakse_core::catalog::Catalog;
use lakse_core::document::Upload;
use lakse_core::{Actor, Error};

/// `app` with `slot`'s file replaced.
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

fn code_and_field(err: &Error) -> (&str, Option<&str>) {
    (err.code(), err.field())
}

// ---------------------------------------------------------------------------
// Issue 8 §6: the text rules in one module.

/// Every `.rs` file under `src/`, with its path relative to `src/`.
fn sources() -> Vec<(String, String)> {
    let root = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"));
    let mut todo = vec![root.clone()];
    let mut out = Vec::new();
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).expect("src folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(&root).expect("under src");
                let rel = rel.to_string_lossy().replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&path).expect("read")));
            }
        }
    }
    out
}

#[test]
fn text_rules_in_one_module() {
    use lakse_core::text::{self, Rule};

    // One-line, multi-line, max length, printable on the coupon, NFC.
    let name = Rule::one_line(10).printed();
    assert_eq!(
        text::clean("nama", " Nun\u{303}ez ", name).expect("nfc"),
        "Nu\u{f1}ez"
    );
    let err = text::clean("nama", "a\nb", name).unwrap_err();
    assert_eq!(
        code_and_field(&err),
        ("input.invalid_character", Some("nama"))
    );
    let note = Rule::multi_line(10).printed();
    assert_eq!(text::clean("k", "a\r\nb", note).expect("lines"), "a\nb");
    let err = text::clean("nama", "abcdefghijk", name).unwrap_err();
    assert_eq!(code_and_field(&err), ("input.too_long", Some("nama")));
    let err = text::clean("nama", "Budi 中", name).unwrap_err();
    assert_eq!(
        code_and_field(&err),
        ("coupon.unprintable_character", Some("nama"))
    );
    assert!(text::check_printable("nama", "Ñuñez").is_ok());

    // And one place: no other module checks printability or strips
    // characters on its own, and the catalog loader does not reach into the
    // coupon (the coupon only tells the text rules which characters its font
    // covers).
    let sources = sources();
    assert!(sources.iter().any(|(p, _)| p == "text.rs"));
    for (path, source) in &sources {
        if path == "text.rs" || path.starts_with("coupon/") {
            continue;
        }
        for needle in ["check_printable", "is_control", "coupon::prints"] {
            assert!(
                !source.contains(needle),
                "{path} uses {needle}: use crate::text"
            );
        }
    }
    let (_, loader) = sources
        .iter()
        .find(|(p, _)| p == "catalog/load.rs")
        .expect("the catalog loader");
    for needle in ["crate::coupon", "coupon::"] {
        assert!(
            !loader.contains(needle),
            "the catalog loader imports the coupon"
        );
    }
}

// ---------------------------------------------------------------------------
// 9. Deleting `documents/tmp` under a live handle breaks every upload until reopen.

#[test]
fn h09_deleting_documents_tmp_under_a_live_handle_does_not_break_uploads() {
    let desk = Desk::new();
    let me = desk.applicant("a@example.com");
    let tmp = desk.dir.path().join("documents").join("tmp");
    std::fs::remove_dir_all(&tmp).expect("remove documents/tmp");
    desk.lakse
        .submit(&me.token, &ktp_rusak())
        .expect("a submission recreates documents/tmp");
    assert!(tmp.is_dir());

    // Even the whole documents folder: the next upload makes what it needs.
    std::fs::remove_dir_all(desk.dir.path().join("documents")).expect("remove documents");
    desk.lakse
        .set_profile_photo(&me.token, "foto.jpg", &fixture("selfie.jpg"))
        .expect("a photo upload recreates the folders");
    assert_eq!(
        desk.lakse
            .profile_photo(&me.token)
            .expect("read")
            .expect("a photo")
            .0,
        fixture("selfie.jpg")
    );
}

// ---------------------------------------------------------------------------
// 10. Control and invisible characters are accepted.

/// Characters no one-line field takes: line breaks, bidirectional controls,
/// zero-width characters, other Cc/Cf characters.
const INVISIBLE: &[(&str, char)] = &[
    ("LF", '\n'),
    ("CR", '\r'),
    ("TAB", '\t'),
    ("RLO", '\u{202E}'),
    ("LRE", '\u{202A}'),
    ("PDF", '\u{202C}'),
    ("LRI", '\u{2066}'),
    ("PDI", '\u{2069}'),
    ("ZWSP", '\u{200B}'),
    ("ZWNJ", '\u{200C}'),
    ("ZWJ", '\u{200D}'),
    ("WJ", '\u{2060}'),
    ("BOM", '\u{FEFF}'),
    ("RLM", '\u{200F}'),
    ("SHY", '\u{00AD}'),
    ("LINE SEPARATOR", '\u{2028}'),
    ("DEL", '\u{7F}'),
    ("NEL", '\u{85}'),
];

#[test]
fn h10_control_and_invisible_characters_are_refused_in_profile_names_and_places() {
    let desk = Desk::new();
    let me = desk.account("a@example.com");
    let good = common::profile("Siti Rahma", "2171055209900001");
    for &(what, c) in INVISIBLE {
        let mut input = good.clone();
        input.nama = format!("Siti{c}Rahma");
        let err = desk.lakse.update_profile(&me.token, &input).unwrap_err();
        assert_eq!(
            code_and_field(&err),
            ("input.invalid_character", Some("nama")),
            "{what} in nama: {err}"
        );
        let mut input = good.clone();
        input.birth_place = format!("Bat{c}am");
        let err = desk.lakse.update_profile(&me.token, &input).unwrap_err();
        assert_eq!(
            code_and_field(&err),
            ("input.invalid_character", Some("birth_place")),
            "{what} in birth_place: {err}"
        );
    }
    assert_eq!(desk.rows("profiles"), 0, "refusals save nothing");
    // The refusal names the character by its code point, not by itself.
    let mut input = good.clone();
    input.nama = "Siti\u{202E}Rahma".into();
    let err = desk.lakse.update_profile(&me.token, &input).unwrap_err();
    assert!(err.to_string().contains("U+202E"), "{err}");
    desk.lakse
        .update_profile(&me.token, &good)
        .expect("the plain profile");
}

#[test]
fn h10_control_and_invisible_characters_are_refused_in_keterangan_but_line_breaks_are_kept() {
    let desk = Desk::new();
    let me = desk.applicant("a@example.com");
    for &(what, c) in INVISIBLE {
        if matches!(c, '\n' | '\r') {
            continue;
        }
        let mut app = ktp_rusak();
        app.keterangan = format!("KTP rusak{c} karena air");
        let err = desk.lakse.submit(&me.token, &app).unwrap_err();
        assert_eq!(
            code_and_field(&err),
            ("input.invalid_character", Some("keterangan")),
            "{what} in keterangan: {err}"
        );
    }
    assert_eq!(desk.rows("applications"), 0);
    // Keterangan is the multi-line field: CRLF, CR and LF are one line break.
    let mut app = ktp_rusak();
    app.keterangan = "KTP patah.\r\nFoto buram.\rNomor terbaca.\nSekian.".into();
    let number = desk.lakse.submit(&me.token, &app).expect("submit").number;
    let detail = desk.lakse.application(&me.token, &number).expect("detail");
    assert_eq!(
        detail.keterangan,
        "KTP patah.\nFoto buram.\nNomor terbaca.\nSekian."
    );
}

#[test]
fn h10_control_and_invisible_characters_are_refused_in_officer_notes_and_rejection_reasons() {
    let desk = Desk::new();
    let me = desk.applicant("a@example.com");
    let officer = desk.staff(Actor::Officer);
    let number = desk
        .lakse
        .submit(&me.token, &ktp_rusak())
        .expect("submit")
        .number;
    for &(what, c) in INVISIBLE {
        let err = desk
            .lakse
            .reject(&officer.token, &number, &format!("Foto{c} buram"))
            .unwrap_err();
        assert_eq!(
            code_and_field(&err),
            ("input.invalid_character", Some("reason")),
            "{what} in a rejection reason: {err}"
        );
        let err = desk
            .lakse
            .accept(&officer.token, &number, &format!("Diterima{c} petugas"))
            .unwrap_err();
        assert_eq!(
            code_and_field(&err),
            ("input.invalid_character", Some("note")),
            "{what} in a note: {err}"
        );
    }
    desk.lakse
        .reject(&officer.token, &number, "Foto buram")
        .expect("a plain reason");
    // The applicant's correction goes through the same Keterangan rule.
    let err = desk
        .lakse
        .resubmit(
            &me.token,
            &number,
            &Resubmission {
                keterangan: Some("sudah\u{200B}diperbaiki".into()),
                ..Resubmission::default()
            },
        )
        .unwrap_err();
    assert_eq!(
        code_and_field(&err),
        ("input.invalid_character", Some("keterangan"))
    );
}

#[test]
fn h10_control_and_invisible_characters_are_refused_in_uploaded_file_names() {
    let desk = Desk::new();
    let me = desk.applicant("a@example.com");
    for &(what, c) in INVISIBLE {
        // "foto<RLO>gpj.exe" shows as "fotoexe.jpg".
        let name = format!("foto{c}gpj.exe");
        let err = desk
            .lakse
            .submit(
                &me.token,
                &with_file("swafoto", &name, fixture("selfie.jpg")),
            )
            .unwrap_err();
        assert_eq!(
            code_and_field(&err),
            ("document.invalid_name", Some("documents.swafoto")),
            "{what} in a file name: {err}"
        );
        let err = desk
            .lakse
            .set_profile_photo(&me.token, &name, &fixture("selfie.jpg"))
            .unwrap_err();
        assert_eq!(
            code_and_field(&err),
            ("document.invalid_name", Some("photo")),
            "{what} in a photo's name: {err}"
        );
    }
    assert_eq!(desk.rows("applications"), 0);
    assert_eq!(desk.stored_files(), 0);
}

#[test]
fn h10_control_and_invisible_characters_are_refused_in_catalog_texts() {
    let base = Catalog::batam_toml();
    let office = "name = \"DINAS KEPENDUDUKAN DAN CATATAN SIPIL\"";
    assert!(base.contains(office), "the Batam catalog names its office");
    for (what, c) in [("ZWSP", "\\u200B"), ("RLO", "\\u202E"), ("LF", "\\n")] {
        let toml = base.replacen(
            office,
            &format!("name = \"DINAS KEPENDUDUKAN{c} DAN CATATAN SIPIL\""),
            1,
        );
        let err = Catalog::from_toml_str(&toml).unwrap_err();
        assert_eq!(
            code_and_field(&err),
            ("catalog.invalid", Some("office.name")),
            "{what} in a catalog text: {err}"
        );
    }
}

#[test]
fn h10_control_and_invisible_characters_are_refused_in_extra_text_fields() {
    let pindah = Catalog::batam().service("pindah").expect("pindah").clone();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
    for (what, c) in [("LF", '\n'), ("RLO", '\u{202E}'), ("ZWSP", '\u{200B}')] {
        let values = [
            ("destination_address", format!("Jl. Sudirman{c} No. 1")),
            ("destination_region", "2171".to_owned()),
            ("members_moving", "2".to_owned()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        let err = pindah.validate_fields(&values, today).unwrap_err();
        assert_eq!(
            code_and_field(&err),
            (
                "input.invalid_character",
                Some("fields.destination_address")
            ),
            "{what} in an extra text field: {err}"
        );
    }
}

#[test]
fn h10_text_is_normalised_to_nfc_before_storing() {
    let desk = Desk::new();
    let me = desk.account("a@example.com");
    // "Nuñez" typed with a combining tilde (NFD), as macOS keyboards send it.
    let mut input = common::profile("Nun\u{303}ez", "2171055209900001");
    input.birth_place = "Sa\u{301}o Paulo".into();
    let saved = desk
        .lakse
        .update_profile(&me.token, &input)
        .expect("profile");
    assert_eq!(saved.nama, "Nu\u{f1}ez");
    assert_eq!(saved.birth_place, "S\u{e1}o Paulo");

    let me = desk.applicant("b@example.com");
    let mut app = ktp_rusak();
    app.keterangan = "Kartu re\u{301}tak".into();
    app.documents.retain(|d| d.slot != "swafoto");
    app.documents.push(Upload {
        slot: "swafoto".into(),
        file_name: "swafoto-Nun\u{303}ez.jpg".into(),
        bytes: fixture("selfie.jpg"),
    });
    let number = desk.lakse.submit(&me.token, &app).expect("submit").number;
    let detail = desk.lakse.application(&me.token, &number).expect("detail");
    assert_eq!(detail.keterangan, "Kartu r\u{e9}tak");
    let swafoto = detail
        .documents
        .iter()
        .find(|d| d.slot == "swafoto")
        .expect("swafoto");
    assert_eq!(swafoto.file_name, "swafoto-Nu\u{f1}ez.jpg");
}
