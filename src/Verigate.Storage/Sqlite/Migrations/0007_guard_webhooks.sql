-- The SMS-pumping guard and signed webhooks (issue 9).

-- A block on SMS to one scope (today: a phone prefix), growing with each strike. Held in the store so every
-- instance refuses the same destinations.
CREATE TABLE fraud_blocks (
  scope         TEXT    PRIMARY KEY,
  blocked_until INTEGER NOT NULL,
  strikes       INTEGER NOT NULL,
  reason        TEXT    NOT NULL,
  updated_at    INTEGER NOT NULL
) WITHOUT ROWID;

-- SMS sent per calendar day ('day:2026-11-28') and month ('month:2026-11'), with their estimated cost.
CREATE TABLE sms_budget (
  period      TEXT    PRIMARY KEY,
  sends       INTEGER NOT NULL,
  cost_micros INTEGER NOT NULL
) WITHOUT ROWID;

-- The conversion watch reads recent SMS challenges per prefix.
CREATE INDEX challenges_sms_recent ON challenges (created_at) WHERE channel = 'sms';

CREATE TABLE webhook_endpoints (
  id               TEXT    PRIMARY KEY,
  owner_key        TEXT,
  url              TEXT    NOT NULL,
  secret           TEXT    NOT NULL,
  previous_secret  TEXT,
  previous_until   INTEGER,
  event_types      TEXT    NOT NULL,
  created_at       INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE webhook_events (
  id         TEXT    PRIMARY KEY,
  type       TEXT    NOT NULL,
  subject    TEXT    NOT NULL,
  owner_key  TEXT,
  payload    TEXT    NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX webhook_events_created ON webhook_events (created_at);

CREATE TABLE webhook_deliveries (
  id              INTEGER PRIMARY KEY,
  event_id        TEXT    NOT NULL,
  endpoint_id     TEXT    NOT NULL,
  subject         TEXT    NOT NULL,
  state           TEXT    NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  owner           TEXT,
  lease_until     INTEGER,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  finished_at     INTEGER
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_subject ON webhook_deliveries (endpoint_id, subject, id) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, state, id);
