-- Verigate schema, version 1 (SQLite). Instants are Unix milliseconds; booleans are 0/1.
-- Tables keyed by text are WITHOUT ROWID: the row lives in its primary-key b-tree, so a write touches one
-- b-tree instead of two (every page a transaction touches is one more WAL frame to write).

CREATE TABLE accounts (
  user_id          INTEGER PRIMARY KEY,
  username         TEXT    NOT NULL,
  username_key     TEXT    NOT NULL UNIQUE,
  password_hash    TEXT    NOT NULL,
  locale           TEXT    NOT NULL,
  created_at       INTEGER NOT NULL,
  check_failures   INTEGER NOT NULL DEFAULT 0,
  check_locked_until INTEGER
);

CREATE TABLE contacts (
  contact_id  INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL,
  channel     TEXT    NOT NULL,
  value       TEXT    NOT NULL,
  verified    INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL,
  verified_at INTEGER
);
CREATE INDEX contacts_user ON contacts (user_id);
CREATE INDEX contacts_value ON contacts (channel, value);
-- An address belongs to at most one account once verified; unverified claims cannot squat it.
CREATE UNIQUE INDEX contacts_verified_value ON contacts (channel, value) WHERE verified = 1;

CREATE TABLE devices (
  device_id    INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL,
  name         TEXT    NOT NULL,
  token_hash   BLOB,
  trusted      INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX devices_user ON devices (user_id);
CREATE UNIQUE INDEX devices_token ON devices (token_hash) WHERE token_hash IS NOT NULL;

CREATE TABLE sessions (
  token_hash BLOB    PRIMARY KEY,
  session_id TEXT    NOT NULL UNIQUE,
  user_id    INTEGER NOT NULL,
  device_id  INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE challenges (
  id             TEXT    PRIMARY KEY,
  purpose        TEXT    NOT NULL,
  label          TEXT,
  subject_kind   TEXT    NOT NULL,
  subject_id     TEXT    NOT NULL,
  channel        TEXT    NOT NULL,
  destination    TEXT    NOT NULL,
  code_length    INTEGER NOT NULL,
  code_hash      BLOB    NOT NULL,
  protected_code TEXT,
  status         TEXT    NOT NULL,
  created_at     INTEGER NOT NULL,
  expires_at     INTEGER NOT NULL,
  attempts_used  INTEGER NOT NULL DEFAULT 0,
  max_attempts   INTEGER NOT NULL,
  sends_used     INTEGER NOT NULL DEFAULT 0,
  max_sends      INTEGER NOT NULL,
  next_send_at   INTEGER NOT NULL,
  locale         TEXT    NOT NULL,
  device_name    TEXT,
  client_ip      TEXT,
  ended_at       INTEGER
) WITHOUT ROWID;
CREATE INDEX challenges_pending_expiry ON challenges (expires_at) WHERE status = 'pending';
CREATE INDEX challenges_ended ON challenges (ended_at) WHERE ended_at IS NOT NULL;

CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  kind            TEXT    NOT NULL,
  challenge_id    TEXT,
  channel         TEXT    NOT NULL,
  destination     TEXT    NOT NULL,
  template        TEXT    NOT NULL,
  locale          TEXT    NOT NULL,
  state           TEXT    NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  owner           TEXT,
  lease_until     INTEGER,
  created_at      INTEGER NOT NULL,
  finished_at     INTEGER,
  detail          TEXT
);
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX outbox_finished ON outbox (finished_at) WHERE state <> 'pending';

CREATE TABLE deliveries (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  challenge_id TEXT    NOT NULL,
  outbox_id    INTEGER NOT NULL,
  channel      TEXT    NOT NULL,
  destination  TEXT    NOT NULL,
  status       TEXT    NOT NULL,
  at           INTEGER NOT NULL,
  detail       TEXT
);
CREATE INDEX deliveries_challenge ON deliveries (challenge_id, id);

CREATE TABLE dev_messages (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  outbox_id   INTEGER NOT NULL UNIQUE,
  channel     TEXT    NOT NULL,
  destination TEXT    NOT NULL,
  subject     TEXT,
  body        TEXT    NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE INDEX dev_messages_to ON dev_messages (destination, id);

-- No index on tat: it would cost a page on every charge; cleanup stops at its batch limit without it.
CREATE TABLE rate_limits (
  key TEXT    PRIMARY KEY,
  tat INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE audit_events (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  at           INTEGER NOT NULL,
  type         TEXT    NOT NULL,
  user_id      INTEGER,
  challenge_id TEXT,
  actor        TEXT,
  client_ip    TEXT,
  detail       TEXT
);
CREATE INDEX audit_user ON audit_events (user_id, id) WHERE user_id IS NOT NULL;
CREATE INDEX audit_challenge ON audit_events (challenge_id) WHERE challenge_id IS NOT NULL;

CREATE TABLE api_keys (
  id         TEXT    PRIMARY KEY,
  name       TEXT    NOT NULL UNIQUE,
  key_hash   BLOB    NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);

CREATE TABLE idempotency (
  scope        TEXT    NOT NULL,
  key          TEXT    NOT NULL,
  request_hash BLOB    NOT NULL,
  status_code  INTEGER,
  content_type TEXT,
  body         BLOB,
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
) WITHOUT ROWID;
CREATE INDEX idempotency_created ON idempotency (created_at);

CREATE TABLE settings (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
