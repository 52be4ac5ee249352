-- Schema version 2: who read or changed an application (Law 27/2022).

CREATE TABLE audit_log (
    id             INTEGER PRIMARY KEY,
    at             INTEGER NOT NULL,
    actor_id       INTEGER NOT NULL REFERENCES accounts(id),
    actor_role     TEXT    NOT NULL,
    what           TEXT    NOT NULL,
    application_id INTEGER REFERENCES applications(id),
    detail         TEXT    NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(id DESC);
