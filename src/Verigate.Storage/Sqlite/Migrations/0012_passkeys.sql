-- Passkeys (SQLite): WebAuthn credentials. Public keys and counters only; nothing here is secret.
CREATE TABLE passkeys (
  credential_id   BLOB    PRIMARY KEY,
  user_id         INTEGER NOT NULL,
  public_key      BLOB    NOT NULL,
  sign_count      INTEGER NOT NULL,
  backup_eligible INTEGER NOT NULL,
  backed_up       INTEGER NOT NULL,
  aaguid          TEXT    NOT NULL,
  name            TEXT    NOT NULL,
  created_at      INTEGER NOT NULL,
  last_used_at    INTEGER
) WITHOUT ROWID;

CREATE INDEX passkeys_user ON passkeys (user_id);
