-- Passkeys (PostgreSQL): WebAuthn credentials. Public keys and counters only; nothing here is secret.
CREATE TABLE passkeys (
  credential_id   bytea  PRIMARY KEY,
  user_id         bigint NOT NULL,
  public_key      bytea  NOT NULL,
  sign_count      bigint NOT NULL,
  backup_eligible bigint NOT NULL,
  backed_up       bigint NOT NULL,
  aaguid          text   NOT NULL,
  name            text   NOT NULL,
  created_at      bigint NOT NULL,
  last_used_at    bigint
);

CREATE INDEX passkeys_user ON passkeys (user_id);
