-- Schema version 1: accounts, tokens, sessions, profiles, documents,
-- applications with their history, and the outbox.
-- Times are milliseconds since the Unix epoch, UTC.

CREATE TABLE accounts (
    id                   INTEGER PRIMARY KEY,
    email                TEXT    NOT NULL,
    email_key            TEXT    NOT NULL UNIQUE,
    role                 TEXT    NOT NULL CHECK (role IN ('applicant', 'officer', 'admin')),
    active               INTEGER NOT NULL DEFAULT 0,
    password_hash        TEXT,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    created_at           INTEGER NOT NULL
);

CREATE TABLE tokens (
    hash       TEXT    PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    purpose    TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);

CREATE TABLE sessions (
    hash       TEXT    PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_account ON sessions(account_id);

CREATE TABLE login_failures (
    email_key TEXT    NOT NULL,
    at        INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(email_key, at);

CREATE TABLE profiles (
    account_id  INTEGER PRIMARY KEY REFERENCES accounts(id),
    nama        TEXT NOT NULL DEFAULT '',
    nik         TEXT NOT NULL DEFAULT '',
    no_kk       TEXT NOT NULL DEFAULT '',
    whatsapp    TEXT NOT NULL DEFAULT '',
    hp          TEXT NOT NULL DEFAULT '',
    sex         TEXT NOT NULL DEFAULT '',
    birth_place TEXT NOT NULL DEFAULT '',
    photo       TEXT REFERENCES blobs(sha256),
    updated_at  INTEGER NOT NULL
);

CREATE TABLE blobs (
    sha256     TEXT    PRIMARY KEY,
    size       INTEGER NOT NULL,
    mime       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE sequences (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);

CREATE TABLE applications (
    id              INTEGER PRIMARY KEY,
    number          TEXT    NOT NULL UNIQUE,
    account_id      INTEGER NOT NULL REFERENCES accounts(id),
    service         TEXT    NOT NULL,
    subtype         TEXT,
    nik             TEXT    NOT NULL,
    no_kk           TEXT    NOT NULL,
    nama            TEXT    NOT NULL,
    whatsapp        TEXT    NOT NULL,
    keterangan      TEXT    NOT NULL,
    fields          TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    note            TEXT    NOT NULL,
    submitted_at    INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    pickup_date     TEXT,
    pickup_place    TEXT,
    idempotency_key TEXT,
    UNIQUE (account_id, idempotency_key)
);
CREATE INDEX applications_mine ON applications(account_id, id DESC);
CREATE INDEX applications_queue ON applications(status, service, id);
CREATE INDEX applications_queue_all ON applications(status, id);
-- At most one open application per NIK per service: the unique index
-- `applications_open` is made from `Status::is_open` each time a store opens
-- (store/sqlite.rs, `migrate`), so the rule of which statuses are open is
-- written once, in Rust.

CREATE TABLE application_documents (
    application_id INTEGER NOT NULL REFERENCES applications(id),
    slot           TEXT    NOT NULL,
    sha256         TEXT    NOT NULL REFERENCES blobs(sha256),
    file_name      TEXT    NOT NULL,
    size           INTEGER NOT NULL,
    mime           TEXT    NOT NULL,
    PRIMARY KEY (application_id, slot)
);

CREATE TABLE history (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications(id),
    at             INTEGER NOT NULL,
    actor_id       INTEGER NOT NULL REFERENCES accounts(id),
    actor_role     TEXT    NOT NULL,
    action         TEXT    NOT NULL,
    from_status    TEXT,
    to_status      TEXT    NOT NULL,
    note           TEXT    NOT NULL
);
CREATE INDEX history_application ON history(application_id, id);

CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY,
    kind       TEXT    NOT NULL,
    recipient  TEXT    NOT NULL,
    data       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    state      TEXT    NOT NULL DEFAULT 'pending',
    attempts   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_state ON outbox(state, id);
