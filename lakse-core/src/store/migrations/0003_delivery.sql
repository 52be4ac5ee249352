-- Schema version 3: outbox delivery (retries with backoff, leases, parking).
--
-- A row is claimed by a delivery run for a while (`claim`, `claimed_until`) so
-- two processes delivering at once do not both send it; a run that dies leaves
-- its claim to expire. `next_attempt_at` is when a pending row is due again.

ALTER TABLE outbox ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN claim           TEXT;
ALTER TABLE outbox ADD COLUMN claimed_until   INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN last_error      TEXT;
ALTER TABLE outbox ADD COLUMN sent_at         INTEGER;

CREATE INDEX outbox_due ON outbox(state, next_attempt_at, id);

-- One random value per database, part of every Message-ID, so that ids of two
-- offices (or of a folder recreated from scratch) never collide.
CREATE TABLE mail_instance (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    value TEXT    NOT NULL
);
INSERT INTO mail_instance (id, value) VALUES (1, lower(hex(randomblob(16))));
