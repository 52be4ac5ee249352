-- Schema version 5: the desk's hardening (issue 9).

-- Every application keeps the definition of its service as it was when the
-- application was submitted (the service's JSON, stored once per distinct
-- definition), so that a later catalog may change, switch off or drop the
-- service without stranding its applications. Applications from before this
-- version get the definition of the catalog they are next opened with.
CREATE TABLE service_definitions (
    sha256     TEXT    PRIMARY KEY,
    service    TEXT    NOT NULL,
    definition TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX service_definitions_service ON service_definitions(service);
ALTER TABLE applications ADD COLUMN service_sha256 TEXT REFERENCES service_definitions(sha256);
CREATE INDEX applications_without_definition ON applications(service)
    WHERE service_sha256 IS NULL;

-- An idempotency key stands for one form: the SHA-256 of the form's
-- canonical content (service, sub-type, Keterangan, fields, and each
-- document by slot, name and SHA-256). The same key with another form is
-- refused instead of answered with the first application.
ALTER TABLE applications ADD COLUMN form_sha256 TEXT;

-- A NIK is bound to the account whose profile holds it: no two profiles
-- hold one NIK (a second account claiming it is refused with `nik.claimed`,
-- and an officer may release it from its holder). Where databases from
-- before held one NIK in several profiles, the oldest account keeps it;
-- the others keep the rest of their profile and are asked for their NIK
-- again.
UPDATE profiles SET nik = ''
    WHERE nik <> ''
      AND EXISTS (SELECT 1 FROM profiles AS older
                  WHERE older.nik = profiles.nik AND older.account_id < profiles.account_id);
CREATE UNIQUE INDEX profiles_nik ON profiles(nik) WHERE nik <> '';

-- One open application per NIK and service is now counted per account (after
-- an officer releases a NIK that another account had taken, the applications
-- that account made with it no longer keep the NIK's owner from applying):
-- the index `applications_open` is rebuilt from the Rust rule when the store
-- opens (see `OPEN_INDEX` in store/sqlite.rs), so the list of open statuses
-- is written only once.
