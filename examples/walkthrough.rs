//! The applicant's whole journey from Batam's Lakse manual, on a fresh data
//! folder with the embedded SQLite store:
//!
//! register → follow the confirmation link → log in with the e-mailed
//! password → choose a password → fill "Data Diri" → list the services (Akte
//! Kelahiran redirects to IKD) → submit "Cetak KTP/KK" → an officer rejects it
//! ("perbaiki") → the applicant corrects and resubmits → the officer accepts
//! and completes it with a pickup date → "Pengajuanku" and "Detail Pengajuan"
//! → the e-mails, delivered as `.eml` files into `<data dir>/mail/`.
//!
//! ```sh
//! cargo run --example walkthrough            # in a new temporary folder
//! cargo run --example walkthrough -- DIR     # in DIR (must not hold a lakse.db yet)
//! ```

use std::path::PathBuf;

use chrono::Days;
use lakse_core::application::{Completion, NewApplication, Page, Resubmission};
use lakse_core::document::Upload;
use lakse_core::outbox::Kind;
use lakse_core::profile::ProfileInput;
use lakse_core::{Actor, Error, Lakse, texts};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{name}")).expect("tests/fixtures is part of the repository")
}

fn upload(slot: &str, name: &str) -> Upload {
    Upload {
        slot: slot.into(),
        file_name: name.into(),
        bytes: fixture(name),
    }
}

/// The newest outbox message of `kind` to `to`.
fn mail(
    lakse: &Lakse,
    kind: Kind,
    to: &str,
) -> Result<std::collections::BTreeMap<String, String>, Error> {
    lakse
        .outbox(1000)?
        .into_iter()
        .rev()
        .find(|m| m.kind == kind && m.to.expose().eq_ignore_ascii_case(to))
        .map(|m| m.data)
        .ok_or_else(|| Error::internal("the expected e-mail is not in the outbox"))
}

fn main() -> Result<(), Error> {
    let dir = match std::env::args().nth(1) {
        Some(d) => PathBuf::from(d),
        None => std::env::temp_dir().join(format!("lakse-walkthrough-{}", std::process::id())),
    };
    let lakse = Lakse::open(&dir)?;
    println!("Data folder: {}\n", dir.display());

    // Oten Publik: register, confirm, log in.
    let email = "difaanandaputri1@gmail.com";
    lakse.register("DifaAnandaPutri1@Gmail.com")?;
    let link = mail(&lakse, Kind::Confirmation, email)?;
    println!(
        "1. Pendaftaran: tautan konfirmasi dikirim ke {email}, berlaku sampai {}",
        link["expires_at"]
    );
    lakse.confirm(&link["token"])?;
    let credentials = mail(&lakse, Kind::Credentials, email)?;
    println!("2. Setuju dan Lanjutkan: kredensial dikirim ke {email}");
    let first = lakse.login(email, &credentials["password"])?;
    lakse.change_password(
        first.token.expose(),
        &credentials["password"],
        "kata-sandi-baru-2024",
    )?;
    let me = lakse.login("DIFAANANDAPUTRI1@gmail.com", "kata-sandi-baru-2024")?;
    println!("3. Login berhasil (alamat e-mail dicocokkan tanpa membedakan huruf besar/kecil)\n");

    // Data Diri.
    let profile = lakse.update_profile(
        me.token.expose(),
        &ProfileInput {
            nama: "Difa Ananda Putri".into(),
            nik: "2171 0552 0990 0001".into(),
            no_kk: "2171.0501.1015.0003".into(),
            whatsapp: "0812-7000-1234".into(),
            hp: "0812 7000 1234".into(),
            sex: "Perempuan".into(),
            birth_place: "Batam".into(),
        },
    )?;
    lakse.set_profile_photo(me.token.expose(), "selfie.jpg", &fixture("selfie.jpg"))?;
    println!(
        "4. Data Diri: {} / NIK {} / No KK {} / WA {}",
        profile.nama, profile.nik_masked, profile.no_kk_masked, profile.whatsapp
    );

    // Pilih Jenis Layanan.
    println!("\n5. Pilih Jenis Layanan yang Ingin diajukan");
    for service in lakse.services()? {
        match &service.redirect {
            Some(r) => {
                println!("   - {} → {}", service.name, r.message);
                for place in &r.locations {
                    println!("       · {place}");
                }
            }
            None => println!("   - {}", service.name),
        }
    }

    // Permohonan.
    let submitted = lakse.submit(
        me.token.expose(),
        &NewApplication {
            service: "cetak_ktp_kk".into(),
            subtype: Some("ktp_rusak".into()),
            keterangan: "KTP rusak terkena air".into(),
            documents: vec![
                upload("kk", "kk.png"),
                upload("ktp_rusak", "ktp-rusak.jpg"),
                upload("form_f1", "form.pdf"),
                upload("form_f2", "form.pdf"),
                upload("swafoto", "selfie.jpg"),
            ],
            idempotency_key: Some("form-1".into()),
            ..NewApplication::default()
        },
    )?;
    println!(
        "\n6. Permohonan berhasil diajukan: {} ({})",
        submitted.number, submitted.status_label
    );

    // The officer's side.
    lakse.bootstrap_admin("admin@disdukcapil.batam.go.id", "admin-rahasia-2024")?;
    let admin = lakse.login("admin@disdukcapil.batam.go.id", "admin-rahasia-2024")?;
    lakse.create_staff(
        admin.token.expose(),
        "petugas@disdukcapil.batam.go.id",
        Actor::Officer,
    )?;
    let otp = mail(&lakse, Kind::Credentials, "petugas@disdukcapil.batam.go.id")?;
    let officer = lakse.login("petugas@disdukcapil.batam.go.id", &otp["password"])?;
    lakse.change_password(
        officer.token.expose(),
        &otp["password"],
        "petugas-rahasia-2024",
    )?;
    let queue = lakse.queue(officer.token.expose(), None, None, Page::default())?;
    println!("7. Antrian petugas: {} permohonan", queue.items.len());
    lakse.reject(officer.token.expose(), &submitted.number, "perbaiki")?;
    println!(
        "8. Ditolak oleh petugas: \"{}\"",
        mail(&lakse, Kind::Rejected, email)?["note"]
    );

    lakse.resubmit(
        me.token.expose(),
        &submitted.number,
        &Resubmission {
            keterangan: Some("KTP rusak terkena air; foto diperbaiki".into()),
            documents: vec![upload("swafoto", "selfie.jpg")],
            ..Resubmission::default()
        },
    )?;
    println!("9. Diperbaiki dan diajukan kembali");
    lakse.accept(officer.token.expose(), &submitted.number, "ok")?;
    let pickup = lakse.today() + Days::new(2);
    lakse.complete(
        officer.token.expose(),
        &submitted.number,
        &Completion {
            pickup_date: Some(pickup),
            pickup_place: None,
            note: "sesuai jadwal pengambilan".into(),
        },
    )?;
    println!("10. Diterima dan selesai: ambil pada {pickup}");

    // Bukti Pengambilan Dokumen: the coupon PDF, checked offline with the office's public key.
    let coupon = lakse.coupon(me.token.expose(), &submitted.number)?;
    let coupon_path = dir.join(&coupon.file_name);
    std::fs::write(&coupon_path, &coupon.bytes).map_err(Error::from)?;
    let claims = lakse_core::coupon::verify(&lakse.office_public_key(), &coupon.code)?;
    println!("11. Bukti Pengambilan Dokumen: {}", coupon_path.display());
    println!("    Kunci publik kantor : {}", lakse.office_public_key());
    println!("    Kode verifikasi     : {}", coupon.code);
    println!(
        "    Terverifikasi       : {} / {} / {}\n",
        claims.number,
        claims.nik_masked,
        texts::date(claims.pickup_date)
    );

    // Pengajuanku.
    let page = lakse.my_applications(me.token.expose(), Page::default())?;
    let (mine, total) = (page.items, page.total);
    println!("Pengajuanku ({total})");
    println!(
        "{:<3} {:<18} {:<17} {:<32} {:<26} {:<9} Keterangan",
        "No", "Nama Pemohon", "NIK Pemohon", "Jenis Layanan", "Waktu Pengajuan", "Status",
    );
    for (i, a) in mine.iter().enumerate() {
        println!(
            "{:<3} {:<18} {:<17} {:<32} {:<26} {:<9} {}",
            i + 1,
            a.nama,
            a.nik_masked,
            a.service_name,
            a.submitted_at_local,
            a.status_label,
            a.note
        );
    }

    // Detail Pengajuan.
    let d = lakse.application(me.token.expose(), &submitted.number)?;
    println!("\nDetail Pengajuan {}", d.summary.number);
    println!("  NIK Pemohon        : {}", d.summary.nik_masked);
    println!("  No KK Pemohon      : {}", d.no_kk_masked);
    println!("  Nama Pemohon       : {}", d.summary.nama);
    println!("  Email Pemohon      : {}", d.email_masked);
    println!("  Whatsapp           : {}", d.whatsapp);
    println!("  Jenis Layanan      : {}", d.summary.service_name);
    println!(
        "  Keterangan Layanan : {}",
        d.summary.subtype_name.as_deref().unwrap_or("-")
    );
    println!("  Dokumen            :");
    for doc in &d.documents {
        println!(
            "    - {} : {} ({} bytes)",
            doc.name, doc.file_name, doc.size
        );
    }
    if let Some(p) = &d.pickup {
        println!("  Tanggal Pengambilan: {}", texts::date(p.date));
        println!("  Tempat Pengambilan : {}", p.place);
    }
    println!("  Keterangan         : {}", d.summary.note);
    println!("  Riwayat            :");
    for h in &d.history {
        println!(
            "    {} {:<9} {:<10} → {:<10} {}",
            texts::date_time(h.at, lakse_core::clock::WIB),
            h.actor,
            h.from.map_or("-", |s| s.code()),
            h.to.code(),
            h.note
        );
    }
    // The outbox goes out to `<data dir>/mail/` (the default transport).
    let report = lakse.deliver_pending(1000)?;
    println!(
        "\nOutbox: {} pesan terkirim ke {}",
        report.sent.len(),
        dir.join("mail").display()
    );
    for sent in &report.sent {
        if let Some(file) = &sent.file {
            println!("  {:<15} {}", sent.kind.code(), file.display());
        }
    }
    Ok(())
}
