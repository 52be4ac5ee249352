//! A stored value this version cannot read back is refused with
//! `store.corrupt`, naming the table, the row and the column, instead of
//! turning into a default (1970, "male", no fields, a dropped row). Each case
//! damages one value with raw SQL on the database file, checks the refusal,
//! and puts the value back.

mod common;

use chrono::Days;
use common::{Desk, PASSWORD, ktp_rusak};
use lakse_core::application::{Completion, Page};
use lakse_core::outbox::Kind;
use lakse_core::{Actor, Error, Lakse, Session};
use rusqlite::Connection;

/// A timestamp far beyond the year 262143, the last chrono can hold.
const NO_TIME: i64 = i64::MAX;

struct Scene {
    desk: Desk,
    applicant: Session,
    admin: Session,
    number: String,
    application_id: i64,
    account_id: i64,
}

/// An applicant's application, accepted and completed with a pickup date,
/// read once by an officer (so the audit log has a row); the outbox holds
/// every kind of message.
fn scene() -> Scene {
    let desk = Desk::new();
    let l = &desk.lakse;
    let applicant = desk.applicant("pemohon@example.com");
    let officer = desk.staff(Actor::Officer);
    let admin = desk.staff(Actor::Admin);
    let number = l
        .submit(applicant.token.expose(), &ktp_rusak())
        .expect("submit")
        .number;
    l.accept(officer.token.expose(), &number, "ok")
        .expect("accept");
    l.complete(
        officer.token.expose(),
        &number,
        &Completion {
            pickup_date: Some(l.today() + Days::new(10)),
            pickup_place: None,
            note: "sesuai jadwal pengambilan".into(),
        },
    )
    .expect("complete");
    l.application(officer.token.expose(), &number)
        .expect("officer reads");
    let application_id = desk.query_i64(&format!(
        "SELECT id FROM applications WHERE number = '{number}'"
    ));
    Scene {
        account_id: applicant.account_id,
        desk,
        applicant,
        admin,
        number,
        application_id,
    }
}

impl Desk {
    /// The database file as damage reaches it: past the schema's own checks.
    fn db(&self) -> Connection {
        let db = Connection::open(self.dir.path().join("lakse.db")).expect("db");
        db.execute_batch("PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON;")
            .expect("pragmas");
        db
    }

    fn query_i64(&self, sql: &str) -> i64 {
        self.db().query_row(sql, [], |r| r.get(0)).expect(sql)
    }

    /// Sets `table.column` of the row `key = id` to `value` (an SQL literal),
    /// runs `check`, and restores the value.
    fn damaged<T>(
        &self,
        (table, key, id): (&str, &str, i64),
        column: &str,
        value: &str,
        check: impl FnOnce(&Lakse) -> T,
    ) -> T {
        let db = self.db();
        let old: rusqlite::types::Value = db
            .query_row(
                &format!("SELECT {column} FROM {table} WHERE {key} = ?1"),
                [id],
                |r| r.get(0),
            )
            .expect("the row exists");
        let set = format!("UPDATE {table} SET {column} = ?2 WHERE {key} = ?1");
        db.execute(
            &format!("UPDATE {table} SET {column} = {value} WHERE {key} = ?1"),
            [id],
        )
        .expect("damage");
        let out = check(&self.lakse);
        db.execute(&set, rusqlite::params![id, old])
            .expect("restore");
        out
    }
}

fn corrupt(table: &str, row: i64, column: &str) -> Error {
    Error::Corrupt {
        table: table.into(),
        row: row.to_string(),
        column: column.into(),
    }
}

/// The refusal names where the damage is, and says nothing of what it holds.
fn assert_refused(got: Error, table: &str, row: i64, column: &str, value: &str) {
    assert_eq!(got.code(), "store.corrupt");
    assert_eq!(got.field(), None);
    let shown = got.to_string();
    assert!(!shown.contains(value.trim_matches('\'')), "{shown}");
    assert_eq!(got, corrupt(table, row, column));
}

#[test]
fn damaged_applications_are_refused() {
    let s = scene();
    let (l, me, n) = (&s.desk.lakse, s.applicant.token.expose(), s.number.as_str());
    let row = ("applications", "id", s.application_id);
    type Read<'a> = &'a dyn Fn(&Lakse) -> lakse_core::Result<()>;
    let mine = |l: &Lakse| l.my_applications(me, Page::default()).map(drop);
    let detail = |l: &Lakse| l.application(me, n).map(drop);
    for (column, value, read) in [
        ("submitted_at", NO_TIME.to_string(), &mine as Read<'_>),
        ("status", "'dihapus'".into(), &mine),
        ("status", "'DIAJUKAN'".into(), &detail),
        ("fields", "'{\"nik_anak\": '".into(), &detail),
        ("fields", "'[1, 2]'".into(), &detail),
        ("pickup_date", "'besok'".into(), &detail),
    ] {
        let err = s
            .desk
            .damaged(row, column, &value, |l| read(l).unwrap_err());
        assert_refused(err, "applications", s.application_id, column, &value);
    }
    // The coupon reads the same row.
    for (column, value) in [("status", "'dihapus'"), ("pickup_date", "'2026-13-01'")] {
        let err = s
            .desk
            .damaged(row, column, value, |l| l.coupon(me, n).unwrap_err());
        assert_refused(err, "applications", s.application_id, column, value);
    }
    // The owner's account is gone or its address unreadable.
    let err = s.desk.damaged(row, "account_id", "999999", |l| {
        // The owner no longer matches the caller: an officer reads it.
        l.application(s.admin.token.expose(), n).unwrap_err()
    });
    assert_refused(
        err,
        "applications",
        s.application_id,
        "account_id",
        "999999",
    );
    let err = s.desk.damaged(
        ("accounts", "id", s.account_id),
        "email",
        "'bukan alamat'",
        |l| l.application(me, n).unwrap_err(),
    );
    assert_refused(err, "accounts", s.account_id, "email", "'bukan alamat'");
    // Restored, everything reads again.
    l.application(me, n).expect("detail");
    l.coupon(me, n).expect("coupon");
}

#[test]
fn damaged_history_and_audit_rows_are_refused_not_dropped() {
    let s = scene();
    let (l, me, n) = (&s.desk.lakse, s.applicant.token.expose(), s.number.as_str());
    let history = s.desk.query_i64(&format!(
        "SELECT MAX(id) FROM history WHERE application_id = {}",
        s.application_id
    ));
    for (column, value) in [
        ("at", NO_TIME.to_string()),
        ("actor_role", "'robot'".into()),
        ("action", "'hapus'".into()),
        ("from_status", "'hilang'".into()),
        ("to_status", "'hilang'".into()),
    ] {
        let err = s
            .desk
            .damaged(("history", "id", history), column, &value, |l| {
                l.application(me, n).unwrap_err()
            });
        assert_refused(err, "history", history, column, &value);
    }
    let audit = s.desk.query_i64("SELECT MAX(id) FROM audit_log");
    let admin = s.admin.token.expose();
    for (column, value) in [("at", NO_TIME.to_string()), ("actor_role", "'tamu'".into())] {
        let err = s
            .desk
            .damaged(("audit_log", "id", audit), column, &value, |l| {
                l.audit_log(admin, Page::default()).unwrap_err()
            });
        assert_refused(err, "audit_log", audit, column, &value);
    }
    assert_eq!(l.application(me, n).expect("detail").history.len(), 3);
    assert!(
        !l.audit_log(admin, Page::default())
            .expect("audit")
            .items
            .is_empty()
    );
}

#[test]
fn damaged_accounts_and_profiles_are_refused() {
    let s = scene();
    let me = s.applicant.token.expose();
    let account = ("accounts", "id", s.account_id);
    for (column, value) in [
        ("role", "'superuser'"),
        ("created_at", "-9223372036854775807"),
    ] {
        let err = s
            .desk
            .damaged(account, column, value, |l| l.whoami(me).unwrap_err());
        assert_refused(err, "accounts", s.account_id, column, value);
    }
    // A hash that is none is damage, not a wrong password.
    let err = s.desk.damaged(account, "password_hash", "'garbage'", |l| {
        l.login("pemohon@example.com", PASSWORD).unwrap_err()
    });
    assert_refused(err, "accounts", s.account_id, "password_hash", "'garbage'");
    let err = s.desk.damaged(account, "password_hash", "'garbage'", |l| {
        l.change_password(me, PASSWORD, "kata-sandi-baru")
            .unwrap_err()
    });
    assert_refused(err, "accounts", s.account_id, "password_hash", "'garbage'");
    // A photo whose file record is gone is not "no photo".
    s.desk
        .lakse
        .set_profile_photo(me, "selfie.jpg", &common::fixture("selfie.jpg"))
        .expect("photo");
    let profile = ("profiles", "account_id", s.account_id);
    let err = s.desk.damaged(profile, "photo", "'00'", |l| {
        l.profile_photo(me).unwrap_err()
    });
    assert_refused(err, "profiles", s.account_id, "photo", "'00'");
    // An unknown sex is not "male".
    let err = s
        .desk
        .damaged(profile, "sex", "'lainnya'", |l| l.profile(me).unwrap_err());
    assert_refused(err, "profiles", s.account_id, "sex", "'lainnya'");

    // A failed login whose time is none at all.
    let l = &s.desk.lakse;
    let email = "pemohon@example.com";
    assert_eq!(
        l.login(email, "salah-sandi").unwrap_err().code(),
        "auth.invalid_credentials"
    );
    let failure = s.desk.query_i64("SELECT MAX(rowid) FROM login_failures");
    let err = s.desk.damaged(
        ("login_failures", "rowid", failure),
        "at",
        &NO_TIME.to_string(),
        |l| l.login(email, PASSWORD).unwrap_err(),
    );
    assert_refused(err, "login_failures", failure, "at", &NO_TIME.to_string());
    l.login(email, PASSWORD).expect("restored");
}

#[test]
fn damaged_outbox_rows_are_refused_and_parked_when_due() {
    let s = scene();
    let l = &s.desk.lakse;
    let completed = s
        .desk
        .query_i64("SELECT id FROM outbox WHERE kind = 'completed'");
    let row = ("outbox", "id", completed);
    for (column, value) in [
        ("kind", "'telegram'".to_owned()),
        ("state", "'hilang'".into()),
        ("data", "'{\"number\": 7}'".into()),
        ("created_at", NO_TIME.to_string()),
        ("next_attempt_at", NO_TIME.to_string()),
    ] {
        let err = s
            .desk
            .damaged(row, column, &value, |l| l.outbox(100).unwrap_err());
        assert_refused(err, "outbox", completed, column, &value);
    }
    // The stored pickup date inside the message's data.
    let data: String = s
        .desk
        .db()
        .query_row("SELECT data FROM outbox WHERE id = ?1", [completed], |r| {
            r.get(0)
        })
        .expect("data");
    let broken: serde_json::Value = {
        let mut v: serde_json::Value = serde_json::from_str(&data).expect("json");
        v["pickup_date"] = "lusa".into();
        v
    };
    let literal = format!("'{}'", broken.to_string().replace('\'', "''"));
    let err = s.desk.damaged(row, "data", &literal, |l| {
        l.compose_outbox(completed).unwrap_err()
    });
    assert_refused(err, "outbox", completed, "data", "lusa");
    // A completion whose application is not there would go without its coupon.
    let elsewhere = format!(
        "'{}'",
        data.replace(&s.number, "BTM-2026-999999-X")
            .replace('\'', "''")
    );
    let err = s.desk.damaged(row, "data", &elsewhere, |l| {
        l.compose_outbox(completed).unwrap_err()
    });
    assert_refused(err, "outbox", completed, "data", "999999");

    // Delivery parks an unreadable message with the reason and sends the rest.
    let report = s.desk.damaged(row, "kind", "'telegram'", |l| {
        l.deliver_pending(100).expect("run")
    });
    assert_eq!(report.parked, 1);
    assert!(report.sent.iter().all(|m| m.id != completed));
    assert!(report.sent.iter().any(|m| m.kind == Kind::Accepted));
    let (state, reason): (String, String) = s
        .desk
        .db()
        .query_row(
            "SELECT state, last_error FROM outbox WHERE id = ?1",
            [completed],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("row");
    assert_eq!(state, "failed");
    assert!(reason.contains("column kind"), "{reason}");
    assert!(l.outbox(100).expect("readable again").len() > 1);
}
