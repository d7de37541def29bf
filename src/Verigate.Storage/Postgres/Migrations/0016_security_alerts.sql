-- Security alerts, activity and support PINs (PostgreSQL).

-- The few named values a notice's text fills in ({device}, {time}), as a JSON object of strings; NULL for
-- notices that need none. Never a code, a secret or a full destination.
ALTER TABLE outbox ADD COLUMN notice_values text;

-- One support PIN per account: a newer one replaces the older. pin_hash is HMAC(code-hash key, user and PIN);
-- attempts counts checks (incremented before comparing), used_at makes it single-use.
CREATE TABLE support_pins (
  user_id    bigint  PRIMARY KEY,
  pin_hash   bytea   NOT NULL,
  created_at bigint  NOT NULL,
  expires_at bigint  NOT NULL,
  attempts   integer NOT NULL DEFAULT 0,
  used_at    bigint
);
