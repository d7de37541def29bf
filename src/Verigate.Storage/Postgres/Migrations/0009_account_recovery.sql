-- Account recovery (PostgreSQL): a request to remove a lost second factor after a waiting period, during which
-- every verified contact is told and can cancel it. At most one pending request per account.
CREATE TABLE account_recoveries (
  id           text   PRIMARY KEY,
  user_id      bigint NOT NULL,
  status       text   NOT NULL,
  requested_at bigint NOT NULL,
  completes_at bigint NOT NULL,
  ended_at     bigint,
  client_ip    text
);

CREATE UNIQUE INDEX account_recoveries_one_pending ON account_recoveries (user_id) WHERE status = 'pending';
CREATE INDEX account_recoveries_user ON account_recoveries (user_id, requested_at);
