-- Second factors (PostgreSQL): authenticator-app secrets, recovery codes, and when a session last proved its owner.

-- One key per account. protected_secret is Data Protection ciphertext; last_used_step makes each TOTP step
-- usable once per account (compare-and-set).
CREATE TABLE authenticator_keys (
  user_id          bigint PRIMARY KEY,
  protected_secret text   NOT NULL,
  created_at       bigint NOT NULL,
  confirmed_at     bigint,
  last_used_step   bigint
);

-- Only keyed hashes; a used code keeps its row (used_at) so "how many remain" and audits stay answerable.
CREATE TABLE recovery_codes (
  user_id    bigint NOT NULL,
  code_hash  bytea  NOT NULL,
  created_at bigint NOT NULL,
  used_at    bigint,
  PRIMARY KEY (user_id, code_hash)
);

-- Freshness for sensitive changes: sign-in or re-authentication. NULL on older rows means "at created_at".
ALTER TABLE sessions ADD COLUMN authenticated_at bigint;
