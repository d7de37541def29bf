-- The security center (PostgreSQL): single-use notice links.

-- A link in a notice ("undo this change", "secure my account"). token_hash is HMAC(code-hash key, token); the
-- token itself is kept only sealed (sealed_token, AES-GCM under a key derived from the code-hash key) while the
-- link is open, so the notice can be delivered, and erased by the update that uses the link.
CREATE TABLE action_links (
  id           text   PRIMARY KEY,
  user_id      bigint NOT NULL,
  kind         text   NOT NULL,
  payload      text   NOT NULL,
  token_hash   bytea  NOT NULL UNIQUE,
  sealed_token text,
  created_at   bigint NOT NULL,
  expires_at   bigint NOT NULL,
  used_at      bigint
);
CREATE INDEX action_links_user ON action_links (user_id, kind) WHERE used_at IS NULL;
CREATE INDEX action_links_expiry ON action_links (expires_at);

-- A notice may carry one action link; the dispatcher reads its token from the link while the link is open.
ALTER TABLE outbox ADD COLUMN link_id text;
