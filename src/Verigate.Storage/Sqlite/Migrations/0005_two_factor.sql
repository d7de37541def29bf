-- Second factors (SQLite): authenticator-app secrets, recovery codes, and when a session last proved its owner.

-- One key per account. protected_secret is Data Protection ciphertext; last_used_step makes each TOTP step
-- usable once per account (compare-and-set).
CREATE TABLE authenticator_keys (
  user_id          INTEGER PRIMARY KEY,
  protected_secret TEXT    NOT NULL,
  created_at       INTEGER NOT NULL,
  confirmed_at     INTEGER,
  last_used_step   INTEGER
);

-- Only keyed hashes; a used code keeps its row (used_at) so "how many remain" and audits stay answerable.
CREATE TABLE recovery_codes (
  user_id    INTEGER NOT NULL,
  code_hash  BLOB    NOT NULL,
  created_at INTEGER NOT NULL,
  used_at    INTEGER,
  PRIMARY KEY (user_id, code_hash)
) WITHOUT ROWID;

-- Freshness for sensitive changes: sign-in or re-authentication. NULL on older rows means "at created_at".
ALTER TABLE sessions ADD COLUMN authenticated_at INTEGER;
