-- Account recovery (SQLite): a request to remove a lost second factor after a waiting period, during which every
-- verified contact is told and can cancel it. At most one pending request per account.
CREATE TABLE account_recoveries (
  id           TEXT    PRIMARY KEY,
  user_id      INTEGER NOT NULL,
  status       TEXT    NOT NULL,
  requested_at INTEGER NOT NULL,
  completes_at INTEGER NOT NULL,
  ended_at     INTEGER,
  client_ip    TEXT
) WITHOUT ROWID;

CREATE UNIQUE INDEX account_recoveries_one_pending ON account_recoveries (user_id) WHERE status = 'pending';
CREATE INDEX account_recoveries_user ON account_recoveries (user_id, requested_at);
