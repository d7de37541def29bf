-- Security alerts, activity and support PINs (SQLite).

-- The few named values a notice's text fills in ({device}, {time}), as a JSON object of strings; NULL for
-- notices that need none. Never a code, a secret or a full destination.
ALTER TABLE outbox ADD COLUMN notice_values TEXT;

-- One support PIN per account: a newer one replaces the older. pin_hash is HMAC(code-hash key, user and PIN);
-- attempts counts checks (incremented before comparing), used_at makes it single-use.
CREATE TABLE support_pins (
  user_id    INTEGER PRIMARY KEY,
  pin_hash   BLOB    NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  attempts   INTEGER NOT NULL DEFAULT 0,
  used_at    INTEGER
);
