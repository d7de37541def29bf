-- The security center (SQLite): single-use notice links.

-- A link in a notice ("undo this change", "secure my account"). token_hash is HMAC(code-hash key, token); the
-- token itself is kept only sealed (sealed_token, AES-GCM under a key derived from the code-hash key) while the
-- link is open, so the notice can be delivered, and erased by the update that uses the link.
CREATE TABLE action_links (
  id           TEXT    PRIMARY KEY,
  user_id      INTEGER NOT NULL,
  kind         TEXT    NOT NULL,
  payload      TEXT    NOT NULL,
  token_hash   BLOB    NOT NULL UNIQUE,
  sealed_token TEXT,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  used_at      INTEGER
);
CREATE INDEX action_links_user ON action_links (user_id, kind) WHERE used_at IS NULL;
CREATE INDEX action_links_expiry ON action_links (expires_at);

-- A notice may carry one action link; the dispatcher reads its token from the link while the link is open.
ALTER TABLE outbox ADD COLUMN link_id TEXT;
