//! Hardening (issue 9, items 9–11) and the text rules in one module (issue 8
//! §6): uploads survive a deleted `documents/tmp`; control and invisible
//! characters are refused where people type text, and text is stored in NFC;
//! uploaded files are parsed, not sniffed, so active PDFs and polyglots are
//! refused.

mod common;

use common::{Desk, fixture, ktp_rusak, pdf, upload};
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
        .submit(me.token.expose(), &ktp_rusak())
        .expect("a submission recreates documents/tmp");
    assert!(tmp.is_dir());

    // Even the whole documents folder: the next upload makes what it needs.
    std::fs::remove_dir_all(desk.dir.path().join("documents")).expect("remove documents");
    desk.lakse
        .set_profile_photo(me.token.expose(), "foto.jpg", &fixture("selfie.jpg"))
        .expect("a photo upload recreates the folders");
    assert_eq!(
        desk.lakse
            .profile_photo(me.token.expose())
            .expect("read")
            .expect("a photo")
            .bytes,
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
        let err = desk
            .lakse
            .update_profile(me.token.expose(), &input)
            .unwrap_err();
        assert_eq!(
            code_and_field(&err),
            ("input.invalid_character", Some("nama")),
            "{what} in nama: {err}"
        );
        let mut input = good.clone();
        input.birth_place = format!("Bat{c}am");
        let err = desk
            .lakse
            .update_profile(me.token.expose(), &input)
            .unwrap_err();
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
    let err = desk
        .lakse
        .update_profile(me.token.expose(), &input)
        .unwrap_err();
    assert!(err.to_string().contains("U+202E"), "{err}");
    desk.lakse
        .update_profile(me.token.expose(), &good)
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
        let err = desk.lakse.submit(me.token.expose(), &app).unwrap_err();
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
    let number = desk
        .lakse
        .submit(me.token.expose(), &app)
        .expect("submit")
        .number;
    let detail = desk
        .lakse
        .application(me.token.expose(), &number)
        .expect("detail");
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
        .submit(me.token.expose(), &ktp_rusak())
        .expect("submit")
        .number;
    for &(what, c) in INVISIBLE {
        let err = desk
            .lakse
            .reject(officer.token.expose(), &number, &format!("Foto{c} buram"))
            .unwrap_err();
        assert_eq!(
            code_and_field(&err),
            ("input.invalid_character", Some("reason")),
            "{what} in a rejection reason: {err}"
        );
        let err = desk
            .lakse
            .accept(
                officer.token.expose(),
                &number,
                &format!("Diterima{c} petugas"),
            )
            .unwrap_err();
        assert_eq!(
            code_and_field(&err),
            ("input.invalid_character", Some("note")),
            "{what} in a note: {err}"
        );
    }
    desk.lakse
        .reject(officer.token.expose(), &number, "Foto buram")
        .expect("a plain reason");
    // The applicant's correction goes through the same Keterangan rule.
    let err = desk
        .lakse
        .resubmit(
            me.token.expose(),
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
                me.token.expose(),
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
            .set_profile_photo(me.token.expose(), &name, &fixture("selfie.jpg"))
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
        .update_profile(me.token.expose(), &input)
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
    let number = desk
        .lakse
        .submit(me.token.expose(), &app)
        .expect("submit")
        .number;
    let detail = desk
        .lakse
        .application(me.token.expose(), &number)
        .expect("detail");
    assert_eq!(detail.keterangan, "Kartu r\u{e9}tak");
    let swafoto = detail
        .documents
        .iter()
        .find(|d| d.slot == "swafoto")
        .expect("swafoto");
    assert_eq!(swafoto.file_name, "swafoto-Nu\u{f1}ez.jpg");
}

// ---------------------------------------------------------------------------
// 11. The content check reads only the first bytes.

const PAGES: &str = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
const PAGE: &str = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>";

/// A PDF whose catalog carries `extra`, with `more` objects from number 4 on.
fn pdf_with(extra: &str, more: &[&str]) -> Vec<u8> {
    let catalog = format!("<< /Type /Catalog /Pages 2 0 R {extra} >>");
    let mut objects = vec![catalog.as_str(), PAGES, PAGE];
    objects.extend_from_slice(more);
    pdf(&objects)
}

/// A PDF whose page carries `extra`, with `more` objects from number 4 on.
fn page_with(extra: &str, more: &[&str]) -> Vec<u8> {
    let page = format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] {extra} >>");
    let mut objects = vec!["<< /Type /Catalog /Pages 2 0 R >>", PAGES, page.as_str()];
    objects.extend_from_slice(more);
    pdf(&objects)
}

/// A PDF whose page has one link annotation running `action`.
fn link(action: &str) -> Vec<u8> {
    page_with(
        &format!("/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A {action} >>]"),
        &[],
    )
}

/// The same PDF with a second revision appended (an incremental update)
/// that gives the catalog an `/OpenAction`.
fn incremental_update(base: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(base);
    let prev = text
        .rsplit("startxref\n")
        .next()
        .and_then(|t| t.lines().next())
        .and_then(|n| n.trim().parse::<usize>().ok())
        .expect("startxref");
    let mut out = base.to_vec();
    let obj = out.len();
    out.extend_from_slice(
        b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>\nendobj\n\
          4 0 obj\n<< /S /JavaScript /JS (app.alert\\(1\\)) >>\nendobj\n",
    );
    let obj4 = obj + "1 0 obj\n<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>\nendobj\n".len();
    let xref = out.len();
    out.extend_from_slice(
        format!(
            "xref\n1 1\n{obj:010} 00000 n \n4 1\n{obj4:010} 00000 n \n\
             trailer\n<< /Size 5 /Root 1 0 R /Prev {prev} >>\nstartxref\n{xref}\n%%EOF\n"
        )
        .as_bytes(),
    );
    out
}

/// A PDF 1.5 whose JavaScript action hides in a compressed object stream,
/// referenced from a cross-reference stream.
fn pdf_with_object_stream() -> Vec<u8> {
    let mut out = b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    let plain = [
        "<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
        PAGES,
        PAGE,
    ];
    for (i, body) in plain.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    // Object 5: an object stream holding object 4.
    let inner = "<< /S /JavaScript /JS (app.alert\\(1\\)) >>";
    let header = "4 0 ";
    let raw = format!("{header}{inner}");
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(raw.as_bytes(), 6);
    let objstm = out.len();
    out.extend_from_slice(
        format!(
            "5 0 obj\n<< /Type /ObjStm /N 1 /First {} /Filter /FlateDecode /Length {} >>\nstream\n",
            header.len(),
            packed.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(&packed);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    // Object 6: the cross-reference stream, /W [1 4 2].
    let xref = out.len();
    let mut rows: Vec<u8> = Vec::new();
    let mut row = |kind: u8, a: u32, b: u16| {
        rows.push(kind);
        rows.extend_from_slice(&a.to_be_bytes());
        rows.extend_from_slice(&b.to_be_bytes());
    };
    row(0, 0, 65535);
    for o in &offsets {
        row(1, u32::try_from(*o).expect("small"), 0);
    }
    row(2, 5, 0); // object 4: in object stream 5, index 0
    row(1, u32::try_from(objstm).expect("small"), 0);
    row(1, u32::try_from(xref).expect("small"), 0);
    out.extend_from_slice(
        format!(
            "6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length {} >>\nstream\n",
            rows.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(&rows);
    out.extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    out
}

#[test]
fn h11_pdfs_with_active_content_are_refused() {
    let desk = Desk::new();
    let me = desk.applicant("a@example.com");
    // Each case holds one kind of active content and nothing else.
    let js = "<< /S /JavaScript /JS (app.alert\\(1\\)) >>";
    let goto = "<< /S /GoTo /D [3 0 R /Fit] >>"; // harmless, but an action
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "OpenAction running JavaScript",
            pdf_with("/OpenAction 4 0 R", &[js]),
        ),
        (
            "OpenAction running any action",
            pdf_with("/OpenAction 4 0 R", &[goto]),
        ),
        (
            "OpenAction inline",
            pdf_with(&format!("/OpenAction {goto}"), &[]),
        ),
        (
            "a JavaScript name tree",
            pdf_with("/Names << /JavaScript << /Names [(a) 4 0 R] >> >>", &[goto]),
        ),
        (
            "AA on the catalog",
            pdf_with(&format!("/AA << /WC {goto} >>"), &[]),
        ),
        (
            "AA on a page",
            page_with(&format!("/AA << /O {goto} >>"), &[]),
        ),
        ("a link running JavaScript", link(js)),
        (
            "a link launching a program",
            link("<< /S /Launch /F (cmd.exe) >>"),
        ),
        (
            "a link submitting a form",
            link("<< /S /SubmitForm /F (https://example.com/) >>"),
        ),
        (
            "a link opening another file",
            link("<< /S /GoToR /F (other.pdf) /D [0 /Fit] >>"),
        ),
        (
            "a javascript: link",
            link("<< /S /URI /URI ( JavaScript:alert\\(1\\)) >>"),
        ),
        (
            "an EmbeddedFiles name tree",
            pdf_with(
                "/Names << /EmbeddedFiles << /Names [(a.exe) 4 0 R] >> >>",
                &["<< /Type /Filespec /F (a.exe) >>"],
            ),
        ),
        (
            "an embedded file stream",
            pdf_with(
                "",
                &["<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream"],
            ),
        ),
        (
            "a file attachment annotation",
            page_with(
                "/Annots [<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 9 9] >>]",
                &[],
            ),
        ),
        ("AcroForm", pdf_with("/AcroForm << /Fields [] >>", &[])),
        (
            "XFA",
            pdf_with(
                "",
                &[
                    "<< /XFA 5 0 R >>",
                    "<< /Length 5 >>\nstream\n<xdp>\nendstream",
                ],
            ),
        ),
        // Names may spell letters as #xx: /Acro#46orm is /AcroForm.
        (
            "hex-escaped key",
            pdf_with("/Acro#46orm << /Fields [] >>", &[]),
        ),
        (
            "hex-escaped action",
            link("<< /S /L#61unch /F (cmd.exe) >>"),
        ),
        // A second revision appended to the clean fixture.
        (
            "incremental update",
            incremental_update(&fixture("form.pdf")),
        ),
        // A compressed object stream, listed by a cross-reference stream.
        ("object stream", pdf_with_object_stream()),
        // An object no cross-reference entry lists, found by viewers that
        // rebuild the table: the catalog's second definition.
        ("an object the table does not list", {
            let bytes = pdf_with("", &[]);
            let hidden =
                format!("1 0 obj\n<< /Type /Catalog /Pages 2 0 R /OpenAction {goto} >>\nendobj\n");
            let at = bytes.windows(4).position(|w| w == b"xref").expect("xref");
            let mut out = bytes[..at].to_vec();
            out.extend_from_slice(hidden.as_bytes());
            // The table still points at the first definition: move startxref only.
            let text = String::from_utf8_lossy(&bytes[at..]).into_owned();
            let (table, _) = text.split_once("startxref").expect("startxref");
            out.extend_from_slice(table.as_bytes());
            out.extend_from_slice(format!("startxref\n{}\n%%EOF\n", at + hidden.len()).as_bytes());
            out
        }),
        // And PDFs that do not parse.
        (
            "not a PDF at all",
            b"%PDF-1.4\nthis is not a PDF\n".to_vec(),
        ),
        (
            "garbage up to %%EOF",
            b"%PDF-1.4\nthis is not a PDF\n%%EOF\n".to_vec(),
        ),
        ("truncated", fixture("form.pdf")[..200].to_vec()),
    ];
    for (what, bytes) in cases {
        let err = desk
            .lakse
            .submit(
                me.token.expose(),
                &with_file("form_f1", "form.pdf", bytes.clone()),
            )
            .unwrap_err();
        assert_eq!(
            code_and_field(&err),
            ("document.active_content", Some("documents.form_f1")),
            "{what}: {err}"
        );
    }
    assert_eq!(desk.rows("applications"), 0);
    assert_eq!(desk.stored_files(), 0);

    // The plain page the builder makes is accepted, and so is one that opens
    // at a destination (LibreOffice writes /OpenAction [page /XYZ …]) and
    // one with an ordinary web link.
    for (what, bytes) in [
        ("plain", pdf_with("", &[])),
        (
            "OpenAction to a page",
            pdf_with("/OpenAction [3 0 R /XYZ null null 0]", &[]),
        ),
        (
            "a web link",
            link("<< /S /URI /URI (https://disdukcapil.batam.go.id/) >>"),
        ),
        ("a link within the file", link(goto)),
    ] {
        let me = desk.applicant(&format!("{}@example.com", what.replace(' ', "-")));
        desk.lakse
            .submit(me.token.expose(), &with_file("form_f1", "form.pdf", bytes))
            .unwrap_or_else(|e| panic!("{what}: {e}"));
    }
}

/// `jpeg` with a comment segment holding `comment` right after its SOI marker.
fn jpeg_with_comment(jpeg: &[u8], comment: &[u8]) -> Vec<u8> {
    let len = u16::try_from(comment.len() + 2).expect("short comment");
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xFE]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(comment);
    out.extend_from_slice(&jpeg[2..]);
    out
}

#[test]
fn h11_polyglots_and_images_that_do_not_decode_are_refused() {
    let desk = Desk::new();
    let me = desk.applicant("a@example.com");
    let jpeg = fixture("selfie.jpg");
    let png = fixture("kk.png");
    let form = fixture("form.pdf");
    let cat = |a: &[u8], b: &[u8]| [a, b].concat();
    let cases: Vec<(&str, &str, Vec<u8>)> = vec![
        // A JPEG that PDF readers open too: %PDF- within the first 1024 bytes.
        (
            "swafoto",
            "JPEG with a PDF header in a comment",
            jpeg_with_comment(&jpeg, &cat(b"%PDF-1.4\n", &form[9..])),
        ),
        ("swafoto", "JPEG with a PDF appended", cat(&jpeg, &form)),
        ("form_f1", "PDF with a JPEG appended", cat(&form, &jpeg)),
        ("kk", "PNG with a PDF appended", cat(&png, &form)),
        ("kk", "PDF with a PNG appended", cat(&form, &png)),
        (
            "swafoto",
            "JPEG that browsers sniff as HTML",
            jpeg_with_comment(&jpeg, b"<html><script>alert(1)</script></html>"),
        ),
        (
            "swafoto",
            "JPEG that is also a ZIP",
            cat(&jpeg, b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"),
        ),
        (
            "swafoto",
            "JPEG magic and nothing else",
            cat(b"\xFF\xD8\xFF\xE0", &[0x41; 64]),
        ),
        (
            "kk",
            "PNG magic and nothing else",
            cat(&png[..16], &[0x41; 64]),
        ),
        ("swafoto", "truncated JPEG header", jpeg[..40].to_vec()),
    ];
    for (slot, what, bytes) in cases {
        let err = desk
            .lakse
            .submit(me.token.expose(), &with_file(slot, "file", bytes))
            .unwrap_err();
        assert_eq!(
            code_and_field(&err),
            (
                "document.ambiguous_type",
                Some(format!("documents.{slot}").as_str())
            ),
            "{what}: {err}"
        );
    }
    // The profile photo goes through the same check.
    let err = desk
        .lakse
        .set_profile_photo(me.token.expose(), "foto.jpg", &cat(&jpeg, &form))
        .unwrap_err();
    assert_eq!(
        code_and_field(&err),
        ("document.ambiguous_type", Some("photo"))
    );
    assert_eq!(desk.rows("applications"), 0);
    assert_eq!(desk.stored_files(), 0);
}

#[test]
fn h11_the_fixtures_and_padded_files_are_still_accepted() {
    let desk = Desk::new();
    let me = desk.applicant("a@example.com");
    // Every fixture (form.pdf, form.jpg, kk.png, ktp-rusak.jpg, selfie.jpg) …
    desk.lakse
        .submit(me.token.expose(), &ktp_rusak())
        .expect("fixtures");
    // … and files padded with zeros or whitespace after their end, as some
    // scanners write them.
    let me = desk.applicant("b@example.com");
    let mut app = ktp_rusak();
    for d in &mut app.documents {
        d.bytes.extend_from_slice(b"\r\n\0\0\0 ");
    }
    app.documents.retain(|d| d.slot != "form_f2");
    app.documents.push(upload("form_f2", "form.pdf"));
    desk.lakse
        .submit(me.token.expose(), &app)
        .expect("padded files");
    desk.lakse
        .set_profile_photo(me.token.expose(), "foto.png", &fixture("kk.png"))
        .expect("a PNG photo");
}
