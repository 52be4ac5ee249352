//! A database made by the first schema version is upgraded on open, keeping
//! its data; a database from a newer lakse is refused rather than damaged.

use lakse_core::Lakse;
use rusqlite::Connection;

const V1: &str = include_str!("../src/store/migrations/0001_initial.sql");

#[test]
fn version_1_database_is_upgraded_in_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("lakse.db");
    {
        let conn = Connection::open(&db).expect("create v1");
        conn.execute_batch(V1).expect("v1 schema");
        conn.pragma_update(None, "user_version", 1)
            .expect("version");
        conn.execute(
            "INSERT INTO accounts (email, email_key, role, active, created_at) \
             VALUES ('Lama@example.com', 'lama@example.com', 'applicant', 0, 0)",
            [],
        )
        .expect("an account from v1");
    }
    let lakse = Lakse::open(dir.path()).expect("open upgrades");
    // The v1 account is still there: registering it again re-sends its link.
    lakse
        .register("lama@EXAMPLE.com")
        .expect("register pending v1 account");
    lakse.close();

    let conn = Connection::open(&db).expect("reopen");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(version, 5, "every migration ran, 0005_desk_hardening last");
    let accounts: i64 = conn
        .query_row("SELECT COUNT(*) FROM accounts", [], |r| r.get(0))
        .expect("count");
    assert_eq!(accounts, 1);
    let audit: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE name = 'audit_log'",
            [],
            |r| r.get(0),
        )
        .expect("audit table");
    assert_eq!(audit, 1, "version 2 added the audit log");
    let journal: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(journal, "wal");

    // Opening again applies nothing twice.
    Lakse::open(dir.path()).expect("reopen with lakse");
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let conn = Connection::open(dir.path().join("lakse.db")).expect("create");
        conn.pragma_update(None, "user_version", 99)
            .expect("version");
    }
    let err = Lakse::open(dir.path()).unwrap_err();
    assert_eq!(err.code(), "store.database");
    assert!(err.to_string().contains("newer"));
}
