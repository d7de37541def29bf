-- Support console (SQLite): staff accounts, separate from end users, their credentials and sessions; the callers
-- an agent verified by support PIN; accounts whose sign-in support locked.

-- A staff member: an agent or an admin. Names are unique and never reused for another person (no rename).
CREATE TABLE staff (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL UNIQUE,
  role        TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  set_up_at   INTEGER,
  disabled_at INTEGER
);

-- What a staff member signs in with. setup_token_hash is SHA-256 of the single-use setup link's token (NULL once
-- used); totp_secret is sealed under the secret-protection key, never in clear; totp_last_step makes each step
-- usable once.
CREATE TABLE staff_credentials (
  staff_id         INTEGER PRIMARY KEY,
  password_hash    TEXT,
  totp_secret      TEXT,
  totp_last_step   INTEGER,
  setup_token_hash BLOB,
  setup_expires_at INTEGER
);
CREATE UNIQUE INDEX staff_credentials_setup ON staff_credentials (setup_token_hash);

-- Console sessions: only the SHA-256 of the cookie's token is kept.
CREATE TABLE staff_sessions (
  id           TEXT    PRIMARY KEY,
  staff_id     INTEGER NOT NULL,
  token_hash   BLOB    NOT NULL UNIQUE,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  ended_at     INTEGER
);
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);

-- A caller an agent verified with the person's support PIN, for one account, until a time.
CREATE TABLE caller_verifications (
  staff_id       INTEGER NOT NULL,
  user_id        INTEGER NOT NULL,
  verified_until INTEGER NOT NULL,
  PRIMARY KEY (staff_id, user_id)
);

-- Accounts whose sign-in support locked; a row means locked.
CREATE TABLE sign_in_locks (
  user_id   INTEGER PRIMARY KEY,
  locked_at INTEGER NOT NULL,
  actor     TEXT    NOT NULL
);
