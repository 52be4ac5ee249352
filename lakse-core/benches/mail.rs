//! The "completed" e-mail with its coupon attached.
//!
//! - `mail/compose_completed`: rendering the templates, the coupon PDF and the
//!   MIME message of a queued "completed" e-mail ([`Lakse::compose_outbox`]).
//! - `mail/render_and_mime_30k_pdf`: the same without the coupon: templates
//!   and MIME message with a 30 KB PDF attachment.
//! - `mail/complete_and_compose`: an officer completes an application (the
//!   transaction that writes the outbox row) and its "completed" e-mail is
//!   rendered with the coupon attached: "rendering + enqueueing".
//! - `mail/complete_and_deliver`: an officer completes an application (the
//!   transaction that writes the outbox row) and the message is delivered to
//!   the folder transport (claim, render, coupon, MIME, `.eml` file, marked
//!   sent). Submitting and accepting the next application is set-up, not
//!   measured.
//!
//! ```sh
//! cargo bench -p lakse-core --bench mail
//! ```

use std::time::Duration;

use chrono::Days;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use lakse_core::application::{Completion, NewApplication};
use lakse_core::document::Upload;
use lakse_core::mail::{self, Attachment, MailConfig};
use lakse_core::outbox::Kind;
use lakse_core::profile::ProfileInput;
use lakse_core::{Actor, Lakse, Session};

const PASSWORD: &str = "kata-sandi-2024";

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

fn upload(slot: &str, name: &str) -> Upload {
    Upload {
        slot: slot.into(),
        file_name: name.into(),
        bytes: fixture(name),
    }
}

fn data(lakse: &Lakse, kind: Kind, to: &str) -> std::collections::BTreeMap<String, String> {
    lakse
        .outbox(u32::MAX)
        .expect("outbox")
        .into_iter()
        .rev()
        .find(|m| m.kind == kind && m.to.expose() == to)
        .expect("message")
        .data
}

struct Desk {
    lakse: Lakse,
    applicant: Session,
    officer: Session,
    application: NewApplication,
    /// The id of the newest message delivered.
    last_sent: std::cell::Cell<i64>,
}

impl Desk {
    fn new(dir: &std::path::Path) -> Desk {
        let lakse = Lakse::open(dir).expect("open");
        lakse.register("warga@example.id").expect("register");
        let token = data(&lakse, Kind::Confirmation, "warga@example.id")["token"].clone();
        lakse
            .confirm_with_password(&token, PASSWORD)
            .expect("confirm");
        let applicant = lakse.login("warga@example.id", PASSWORD).expect("login");
        lakse
            .update_profile(
                applicant.token.expose(),
                &ProfileInput {
                    nama: "Difa Ananda Putri".into(),
                    nik: "2171055209900001".into(),
                    no_kk: "2171050110150003".into(),
                    whatsapp: "081270001234".into(),
                    hp: String::new(),
                    sex: "Perempuan".into(),
                    birth_place: "Batam".into(),
                },
            )
            .expect("profile");
        lakse
            .bootstrap_admin("admin@disdukcapil.example", PASSWORD)
            .expect("admin");
        let admin = lakse
            .login("admin@disdukcapil.example", PASSWORD)
            .expect("admin login");
        let email = "petugas@disdukcapil.example";
        lakse
            .create_staff(admin.token.expose(), email, Actor::Officer)
            .expect("staff");
        let otp = data(&lakse, Kind::Credentials, email)["password"].clone();
        let first = lakse.login(email, &otp).expect("first login");
        lakse
            .change_password(first.token.expose(), &otp, PASSWORD)
            .expect("password");
        let officer = lakse.login(email, PASSWORD).expect("officer login");
        let application = NewApplication {
            service: "cetak_ktp_kk".into(),
            subtype: Some("ktp_rusak".into()),
            keterangan: "KTP rusak".into(),
            documents: vec![
                upload("kk", "kk.png"),
                upload("ktp_rusak", "ktp-rusak.jpg"),
                upload("form_f1", "form.pdf"),
                upload("form_f2", "form.jpg"),
                upload("swafoto", "selfie.jpg"),
            ],
            ..NewApplication::default()
        };
        Desk {
            lakse,
            applicant,
            officer,
            application,
            last_sent: std::cell::Cell::new(0),
        }
    }

    /// Submits and accepts an application, delivers what that queued; its number.
    fn accepted(&self) -> String {
        let number = self
            .lakse
            .submit(self.applicant.token.expose(), &self.application)
            .expect("submit")
            .number;
        self.lakse
            .accept(self.officer.token.expose(), &number, "ok")
            .expect("accept");
        let report = self.lakse.deliver_pending(u32::MAX).expect("deliver");
        if let Some(last) = report.sent.iter().map(|m| m.id).max() {
            self.last_sent.set(last);
        }
        number
    }

    fn complete(&self, number: &str) {
        let completion = Completion {
            pickup_date: Some(self.lakse.today() + Days::new(2)),
            pickup_place: None,
            note: "sesuai jadwal pengambilan".into(),
        };
        self.lakse
            .complete(self.officer.token.expose(), number, &completion)
            .expect("complete");
    }
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = Desk::new(dir.path());
    let number = desk.accepted();
    desk.complete(&number);
    let completed = desk
        .lakse
        .outbox(u32::MAX)
        .expect("outbox")
        .into_iter()
        .rev()
        .find(|m| m.kind == Kind::Completed)
        .expect("completed message")
        .id;
    let preview = desk.lakse.compose_outbox(completed).expect("compose");
    assert!(
        String::from_utf8_lossy(&preview).contains(&format!("bukti-pengambilan-{number}.pdf")),
        "the coupon is attached"
    );
    desk.lakse.deliver_pending(u32::MAX).expect("deliver");

    let mut group = c.benchmark_group("mail");
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("compose_completed", |b| {
        b.iter(|| desk.lakse.compose_outbox(completed).expect("compose"))
    });
    // Without the coupon: the templates and the MIME message with a 30 KB PDF.
    let message = desk
        .lakse
        .outbox(u32::MAX)
        .expect("outbox")
        .into_iter()
        .find(|m| m.id == completed)
        .expect("message");
    let mut vars = message.data.clone();
    vars.insert("link".into(), "https://oten.batam.go.id/pengajuanku".into());
    let pdf = Attachment {
        file_name: format!("bukti-pengambilan-{number}.pdf"),
        content_type: "application/pdf".into(),
        bytes: [b"%PDF-1.7\n".as_slice(), &[b'x'; 30 * 1024]].concat(),
    };
    let config = MailConfig::default();
    group.bench_function("render_and_mime_30k_pdf", |b| {
        b.iter(|| {
            let rendered = config
                .templates
                .render(Kind::Completed, &vars)
                .expect("render");
            mail::compose(
                &config,
                message.to.expose(),
                "<lakse.1.x@batam.go.id>",
                &rendered,
                std::slice::from_ref(&pdf),
                message.created_at,
            )
            .expect("compose")
        })
    });
    group.sample_size(30);
    group.bench_function("complete_and_compose", |b| {
        b.iter_batched(
            || {
                let number = desk.accepted();
                // One process queues one row at a time: the completion's
                // message is the next id after the acceptance's, just sent.
                let next_id = desk.last_sent.get() + 1;
                (number, next_id)
            },
            |(number, id)| {
                desk.complete(&number);
                let message = desk.lakse.compose_outbox(id).expect("compose");
                assert!(
                    message
                        .windows(number.len())
                        .any(|w| w == number.as_bytes())
                );
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("complete_and_deliver", |b| {
        b.iter_batched(
            || desk.accepted(),
            |number| {
                desk.complete(&number);
                let report = desk.lakse.deliver_pending(1).expect("deliver");
                assert_eq!(report.sent.len(), 1);
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
