-- Support console (PostgreSQL): staff accounts, separate from end users, their credentials and sessions; the callers
-- an agent verified by support PIN; accounts whose sign-in support locked.

-- A staff member: an agent or an admin. Names are unique and never reused for another person (no rename).
CREATE TABLE staff (
  id          bigint  PRIMARY KEY,
  name        text    NOT NULL UNIQUE,
  role        text    NOT NULL,
  created_at  bigint NOT NULL,
  set_up_at   bigint,
  disabled_at bigint
);

-- What a staff member signs in with. setup_token_hash is SHA-256 of the single-use setup link's token (NULL once
-- used); totp_secret is sealed under the secret-protection key, never in clear; totp_last_step makes each step
-- usable once.
CREATE TABLE staff_credentials (
  staff_id         bigint  PRIMARY KEY,
  password_hash    text,
  totp_secret      text,
  totp_last_step   bigint,
  setup_token_hash bytea,
  setup_expires_at bigint
);
CREATE UNIQUE INDEX staff_credentials_setup ON staff_credentials (setup_token_hash);

-- Console sessions: only the SHA-256 of the cookie's token is kept.
CREATE TABLE staff_sessions (
  id           text    PRIMARY KEY,
  staff_id     bigint NOT NULL,
  token_hash   bytea    NOT NULL UNIQUE,
  created_at   bigint NOT NULL,
  last_seen_at bigint NOT NULL,
  ended_at     bigint
);
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);

-- A caller an agent verified with the person's support PIN, for one account, until a time.
CREATE TABLE caller_verifications (
  staff_id       bigint NOT NULL,
  user_id        bigint NOT NULL,
  verified_until bigint NOT NULL,
  PRIMARY KEY (staff_id, user_id)
);

-- Accounts whose sign-in support locked; a row means locked.
CREATE TABLE sign_in_locks (
  user_id   bigint  PRIMARY KEY,
  locked_at bigint NOT NULL,
  actor     text    NOT NULL
);
