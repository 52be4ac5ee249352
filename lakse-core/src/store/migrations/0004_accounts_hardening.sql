-- Schema version 4: account hardening.
--
-- Sessions carry the epoch of their account at login; changing or resetting
-- the password bumps the account's epoch in the same transaction, so every
-- session from before the change ends at once, whatever runs concurrently.
ALTER TABLE accounts ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN epoch         INTEGER NOT NULL DEFAULT 0;

-- A login reserves its attempt as an unsettled failure before the password is
-- checked (so parallel guesses are counted before they are evaluated); a wrong
-- password settles it, a right one removes it.
ALTER TABLE login_failures ADD COLUMN settled INTEGER NOT NULL DEFAULT 1;

CREATE INDEX tokens_account ON tokens(account_id, purpose);

-- Registration and password-reset e-mails asked for, per address and purpose,
-- for the rate limit (whether or not the address has an account).
CREATE TABLE mail_requests (
    email_key TEXT    NOT NULL,
    purpose   TEXT    NOT NULL,
    at        INTEGER NOT NULL
);
CREATE INDEX mail_requests_key ON mail_requests(email_key, purpose, at);
CREATE INDEX mail_requests_at ON mail_requests(at);
