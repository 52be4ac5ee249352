//! The catalog: the default Batam catalog, lookups for the submit path,
//! loading offices' own files, and extra-field validation.

use chrono::NaiveDate;
use lakse_core::Error;
use lakse_core::catalog::{Catalog, FieldKind, FileType, MB};
use std::collections::BTreeMap;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 1).expect("date")
}

fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn field_error(service: &str, pairs: &[(&str, &str)]) -> Error {
    Catalog::batam()
        .service(service)
        .expect("service")
        .validate_fields(&values(pairs), today())
        .expect_err("refused")
}

#[test]
fn default_catalog_has_every_service_in_manual_order() {
    let catalog = Catalog::batam();
    let names: Vec<&str> = catalog.services.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Cetak KTP/KK (RUSAK DAN HILANG)",
            "Pencetakan KIA",
            "Pengaduan Masyarakat",
            "Surat Keterangan Pindah",
            "Surat Keterangan Pindah Datang",
            "Akte Kelahiran",
            "Akte Perkawinan",
            "Akte Perceraian",
            "Akte Kematian",
        ]
    );
    for service in &catalog.services {
        assert_eq!(service.is_redirected(), service.id == "akte_kelahiran");
        assert_eq!(
            service.documents.is_empty(),
            service.is_redirected(),
            "{}",
            service.id
        );
    }
    assert_eq!(catalog.listed().count(), 9);
    assert_eq!(catalog.office.name, "DINAS KEPENDUDUKAN DAN CATATAN SIPIL");
    assert_eq!(catalog.office.city, "KOTA BATAM");
    assert_eq!(catalog.application_max_bytes, 25 * MB);
    assert_eq!(catalog.profile_photo.types, [FileType::Jpg, FileType::Png]);
    assert_eq!(catalog.profile_photo.max_bytes, 2 * MB);
    assert!(
        catalog
            .default_pickup_place()
            .starts_with("Komp. Perkantoran Sekupang")
    );
    assert_eq!(Catalog::default(), catalog);
}

#[test]
fn cetak_ktp_kk_matches_the_manual() {
    let catalog = Catalog::batam();
    let cetak = catalog
        .service_to_apply("cetak_ktp_kk")
        .expect("applicable");
    assert!(
        cetak
            .counter_note
            .as_deref()
            .is_some_and(|n| n.contains("loket 14"))
    );
    let f1 = cetak
        .documents
        .iter()
        .find(|d| d.id == "form_f1")
        .expect("F1");
    assert_eq!(f1.rule.types, [FileType::Jpg, FileType::Pdf]);
    assert_eq!(f1.rule.max_bytes, 10 * MB);
    assert_eq!(f1.form_label.as_deref(), Some("Download Form F1"));
    let hilang: Vec<&str> = cetak
        .slots_for(Some("kk_hilang"))
        .expect("sub-type")
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(
        hilang,
        ["kk", "surat_kehilangan", "form_f1", "form_f2", "swafoto"]
    );
    assert!(cetak.coupon);
    assert!(!catalog.service("pengaduan").expect("pengaduan").coupon);
}

#[test]
fn subtypes_are_checked() {
    let catalog = Catalog::batam();
    let cetak = catalog.service("cetak_ktp_kk").expect("cetak");
    for bad in [
        None,
        Some(""),
        Some("  "),
        Some("ktp_robek"),
        Some("KTP Rusak"),
    ] {
        let err = cetak.slots_for(bad).expect_err("refused");
        assert_eq!(err.code(), "catalog.unknown_subtype", "{bad:?}");
        assert_eq!(err.field(), Some("subtype"));
    }
    assert_eq!(
        cetak
            .subtype(Some(" ktp_rusak "))
            .expect("trimmed")
            .map(|s| s.name.as_str()),
        Some("KTP Rusak")
    );
    let kia = catalog.service("kia").expect("kia");
    assert_eq!(kia.slots_for(None).expect("no sub-types").len(), 4);
    assert_eq!(
        kia.slots_for(Some("ktp_rusak")).unwrap_err().code(),
        "catalog.unknown_subtype"
    );
}

#[test]
fn apply_lookups_refuse_unknown_disabled_and_redirected() {
    let catalog = Catalog::batam();
    let err = catalog.service_to_apply("akte_lahir").unwrap_err();
    assert_eq!(err.code(), "catalog.unknown_service");
    assert_eq!(err.field(), Some("service"));

    match catalog.service_to_apply("akte_kelahiran") {
        Err(Error::ServiceRedirected {
            service,
            message,
            stores,
            locations,
            ..
        }) => {
            assert_eq!(service, "akte_kelahiran");
            assert_eq!(
                message,
                "Layanan Akte Kelahiran dialihkan ke Aplikasi Identitas Kependudukan Digital"
            );
            assert_eq!(stores, ["Play Store", "App Store"]);
            assert_eq!(locations.len(), 3);
            assert!(locations[0].starts_with("Kantor Disdukcapil Sekupang"));
            assert!(locations[2].starts_with("Mall Pelayanan Publik Batam Center"));
        }
        other => panic!("expected the IKD redirect, got {other:?}"),
    }
    // Listing still finds it, to show the redirect.
    assert!(catalog.service("akte_kelahiran").is_ok());

    let own = Catalog::batam_toml().replace(
        "id = \"akte_perceraian\"\n",
        "id = \"akte_perceraian\"\nenabled = false\n",
    );
    let own = Catalog::from_toml_str(&own).expect("valid");
    assert_eq!(
        own.service_to_apply("akte_perceraian").unwrap_err().code(),
        "catalog.service_disabled"
    );
    assert!(own.service("akte_perceraian").is_ok());
    assert_eq!(own.listed().count(), 8);
}

#[test]
fn file_types_are_known_by_content() {
    assert_eq!(FileType::detect(b"%PDF-1.7\n..."), Some(FileType::Pdf));
    assert_eq!(
        FileType::detect(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]),
        Some(FileType::Jpg)
    );
    assert_eq!(
        FileType::detect(b"\x89PNG\r\n\x1a\n...."),
        Some(FileType::Png)
    );
    assert_eq!(FileType::detect(b"MZ\x90\x00"), None);
    assert_eq!(FileType::detect(b""), None);
    assert_eq!(FileType::Jpg.mime(), "image/jpeg");
    assert_eq!(FileType::from_code("exe"), None);
    let photo = Catalog::batam().profile_photo;
    assert!(photo.accepts(FileType::Png, 2 * MB));
    assert!(!photo.accepts(FileType::Png, 2 * MB + 1));
    assert!(!photo.accepts(FileType::Pdf, 1));
}

#[test]
fn catalogs_load_from_files_by_extension() {
    let dir = std::env::temp_dir().join(format!("lakse-catalog-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let toml_path = dir.join("kantor.TOML");
    std::fs::write(&toml_path, Catalog::batam_toml()).expect("write");
    assert_eq!(
        Catalog::from_path(&toml_path).expect("toml"),
        Catalog::batam()
    );

    let json_path = dir.join("kantor.json");
    std::fs::write(&json_path, "{\n  \"office\": 1\n}").expect("write");
    let err = Catalog::from_path(&json_path).unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        ("catalog.invalid", Some("office"))
    );

    let txt_path = dir.join("kantor.txt");
    std::fs::write(&txt_path, "").expect("write");
    assert_eq!(
        Catalog::from_path(&txt_path).unwrap_err().field(),
        Some("catalog")
    );
    assert_eq!(
        Catalog::from_path(dir.join("missing.toml"))
            .unwrap_err()
            .field(),
        Some("catalog")
    );
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn broken_toml_names_field_and_line() {
    let base = Catalog::batam_toml();
    let line_of = |text: &str, needle: &str| {
        text[..text.find(needle).expect("needle")]
            .matches('\n')
            .count()
            + 1
    };

    let exe = base.replace("types = [\"pdf\", \"jpg\"]", "types = [\"pdf\", \"exe\"]");
    match Catalog::from_toml_str(&exe) {
        Err(Error::CatalogFileType { field, line, value }) => {
            assert_eq!(field, "services[7].documents[0].types[1]");
            assert_eq!(line, Some(line_of(&exe, "\"exe\"")));
            assert_eq!(value, "exe");
        }
        other => panic!("{other:?}"),
    }

    let syntax = base.replace("[limits]", "[limits");
    match Catalog::from_toml_str(&syntax) {
        Err(Error::CatalogSyntax { line, .. }) => {
            assert_eq!(line, Some(line_of(&syntax, "[limits")))
        }
        other => panic!("{other:?}"),
    }

    let when = base.replace("when = [\"kk_rusak\"]", "when = [\"kk_robek\"]");
    let err = Catalog::from_toml_str(&when).unwrap_err();
    assert_eq!(err.field(), Some("services[0].documents[3].when[0]"));
    assert_eq!(
        err.to_string(),
        format!(
            "catalog line {}: services[0].documents[3].when[0]: service \"cetak_ktp_kk\" has no sub-type \"kk_robek\"",
            line_of(&when, "kk_robek")
        )
    );
}

#[test]
fn field_kinds_are_data() {
    let catalog = Catalog::batam();
    let kia = catalog.service("kia").expect("kia");
    assert_eq!(
        kia.fields[0].rule,
        FieldKind::Nik {
            younger_than_years: Some(17)
        }
    );
    let kematian = catalog.service("akte_kematian").expect("kematian");
    assert_eq!(
        kematian.fields[1].rule,
        FieldKind::Date {
            not_future: true,
            not_before_birth_of: Some("deceased_nik".into())
        }
    );
    // Serialised for bindings with the same tag as in the file.
    let json = serde_json::to_value(&kia.fields[0].rule).expect("json");
    assert_eq!(
        json,
        serde_json::json!({"kind": "nik", "younger_than_years": 17})
    );
}

#[test]
fn a_complaint_is_its_keterangan() {
    let pengaduan = Catalog::batam()
        .service("pengaduan")
        .expect("pengaduan")
        .clone();
    assert!(pengaduan.keterangan_required);
    assert!(pengaduan.fields.is_empty(), "no second Keterangan box");
    assert!(!pengaduan.coupon);
    let others = Catalog::batam()
        .services
        .iter()
        .filter(|s| s.keterangan_required)
        .count();
    assert_eq!(others, 1, "only the complaint requires it");
}

#[test]
fn unknown_fields_are_refused() {
    let err = field_error("pengaduan", &[("keterangan", "x"), ("child_nik", "1")]);
    assert_eq!(
        (err.code(), err.field()),
        ("field.unknown", Some("fields.child_nik"))
    );
    let none = Catalog::batam()
        .service("pindah_datang")
        .expect("pindah datang")
        .validate_fields(&BTreeMap::new(), today())
        .expect("no fields");
    assert!(none.is_empty());
}

#[test]
fn region_code_shape_is_checked_before_lookup() {
    for bad in ["21x1", "21", "21710", "2171011"] {
        let err = field_error(
            "pindah",
            &[
                ("destination_address", "Jl. Merdeka 1"),
                ("destination_region", bad),
                ("members_moving", "2"),
            ],
        );
        assert_eq!(
            (err.code(), err.field()),
            ("field.invalid_region", Some("fields.destination_region")),
            "{bad}"
        );
    }
    let err = field_error("pindah", &[("destination_address", &"a".repeat(501))]);
    assert_eq!(
        (err.code(), err.field()),
        ("input.too_long", Some("fields.destination_address"))
    );
}

fn kia(nik: &str) -> Result<BTreeMap<String, String>, Error> {
    Catalog::batam()
        .service("kia")
        .expect("kia")
        .validate_fields(&values(&[("child_nik", nik)]), today())
}

#[test]
fn kia_child_must_be_under_17() {
    // Born 2 June 2009: 15 on 1 June 2025. Separators are dropped.
    let ok = kia("2171 0302 0609 0001").expect("a child");
    assert_eq!(ok["child_nik"], "2171030206090001");
    // Born 1 June 2008: 17 exactly on the application day.
    let err = kia("2171030106080001").unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        ("field.age_limit", Some("fields.child_nik"))
    );
    // Born 2 June 2008: still 16.
    assert!(kia("2171030206080001").is_ok());
    // Girls have 40 added to the day: born 1 January 2000, 25 years old.
    assert_eq!(
        kia("2171034101000002").unwrap_err().code(),
        "field.age_limit"
    );
    // A malformed NIK keeps its own error, naming the field.
    let err = kia("217103").unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        ("nik.invalid_length", Some("fields.child_nik"))
    );
}

fn kematian(date: &str) -> Result<BTreeMap<String, String>, Error> {
    // Born 4 March 1950 (a woman: day 04 + 40).
    Catalog::batam()
        .service("akte_kematian")
        .expect("kematian")
        .validate_fields(
            &values(&[
                ("deceased_nik", "2171034403500002"),
                ("date_of_death", date),
            ]),
            today(),
        )
}

#[test]
fn a_death_last_century_reads_the_nik_year_as_of_the_death() {
    // Born 15 March 1920; today the NIK's year "20" reads 2020.
    let died = |date: &str| {
        Catalog::batam()
            .service("akte_kematian")
            .expect("kematian")
            .validate_fields(
                &values(&[
                    ("deceased_nik", "2171051503200001"),
                    ("date_of_death", date),
                ]),
                today(),
            )
    };
    assert_eq!(
        died("2019-06-01").expect("born 1920")["date_of_death"],
        "2019-06-01"
    );
    assert!(died("2021-01-01").is_ok(), "born 2020");
    // Before 15 March 1920 is before birth in either century.
    let err = died("1920-03-14").unwrap_err();
    assert_eq!(err.code(), "field.date_before_birth");
}

#[test]
fn date_of_death_is_not_in_the_future_nor_before_birth() {
    let ok = kematian("2025-06-01").expect("today");
    assert_eq!(ok["date_of_death"], "2025-06-01");
    assert!(kematian("1950-03-04").is_ok(), "the birth day itself");
    for (bad, code) in [
        ("2025-06-02", "field.date_in_future"),
        ("1950-03-03", "field.date_before_birth"),
        ("01-06-2025", "field.invalid_date"),
        ("2025-02-30", "field.invalid_date"),
        ("kemarin", "field.invalid_date"),
    ] {
        let err = kematian(bad).unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            (code, Some("fields.date_of_death")),
            "{bad}"
        );
    }
}

fn pindah(region: &str, members: &str) -> Result<BTreeMap<String, String>, Error> {
    Catalog::batam()
        .service("pindah")
        .expect("pindah")
        .validate_fields(
            &values(&[
                ("destination_address", " Jl. Ir. Sutami "),
                ("destination_region", region),
                ("members_moving", members),
            ]),
            today(),
        )
}

#[test]
fn pindah_destination_must_be_a_current_region() {
    let ok = pindah("21.71.03", "03").expect("Sekupang, Batam");
    assert_eq!(ok["destination_region"], "217103");
    assert_eq!(ok["destination_address"], "Jl. Ir. Sutami");
    assert_eq!(ok["members_moving"], "3");
    assert!(pindah("2171", "1").is_ok(), "a regency");
    for (bad, code) in [
        ("9999", "field.unknown_region"),
        ("217199", "field.unknown_region"),
        ("9101", "field.retired_region"),
    ] {
        let err = pindah(bad, "1").unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            (code, Some("fields.destination_region")),
            "{bad}"
        );
    }
    for bad in ["0", "21", "-1", "1.5", "satu"] {
        let err = pindah("2171", bad).unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            ("field.out_of_range", Some("fields.members_moving")),
            "{bad}"
        );
    }
}

#[test]
fn a_text_the_coupon_font_cannot_print_is_refused_on_load() {
    let toml = Catalog::batam_toml().replace(
        "name = \"Pencetakan KIA\"",
        "name = \"Pencetakan KIA 儿童\"",
    );
    let err = Catalog::from_toml_str(&toml).unwrap_err();
    assert_eq!(err.code(), "catalog.invalid");
    assert_eq!(err.field(), Some("services[1].name"));
    assert!(err.to_string().contains("line"), "{err}");
}

/// Batam's catalog with every text people are shown (names, labels, notes,
/// pickup places, the office, the redirect) wrapped in whitespace: spaces,
/// a tab and a no-break space. Ids, file types, sub-type lists and field
/// rules are machine values and stay as they are.
fn padded_batam() -> String {
    const PAD: &str = " \t\u{a0}";
    let mut out = String::new();
    for line in Catalog::batam_toml().lines() {
        let machine = ["rule =", "types =", "when ="]
            .iter()
            .any(|key| line.trim_start().starts_with(key));
        // Between quotes: odd pieces are strings (the file has no escaped quotes).
        for (i, piece) in line.split('"').enumerate() {
            if i > 0 {
                out.push('"');
            }
            let before = line.split('"').nth(i.wrapping_sub(1)).unwrap_or_default();
            if i % 2 == 1 && !machine && !before.trim_end().ends_with("id =") {
                out.push_str(&format!("{PAD}{piece}{PAD}"));
            } else {
                out.push_str(piece);
            }
        }
        out.push('\n');
    }
    out
}

#[test]
fn labels_are_stored_trimmed() {
    let padded = padded_batam();
    assert!(padded.contains("name = \" \t\u{a0}KTP Rusak \t\u{a0}\""));
    assert!(padded.contains("label = \" \t\u{a0}NIK Anak \t\u{a0}\""));
    assert!(padded.contains("\" \t\u{a0}Play Store \t\u{a0}\""));
    let catalog = Catalog::from_toml_str(&padded).expect("padded texts load");
    // Every text equals the unpadded catalog's, so none keeps its padding.
    assert_eq!(catalog, Catalog::batam());
    let kia = catalog.service("kia").expect("kia");
    assert_eq!(kia.fields[0].label, "NIK Anak");
    assert_eq!(
        kia.fields[0].note.as_deref(),
        Some("KIA untuk anak yang belum berusia 17 tahun")
    );
    // Only whitespace is no text: refused, not stored empty.
    let blank = Catalog::batam_toml().replace("label = \"NIK Anak\"", "label = \" \t\"");
    let err = Catalog::from_toml_str(&blank).unwrap_err();
    assert_eq!(err.code(), "catalog.invalid");
    assert_eq!(err.field(), Some("services[1].fields[0].label"));
}
