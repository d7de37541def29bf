-- The fallback ladder's "not confirmed in time" deadlines (issue 8): one row per sent SMS awaiting its delivery
-- report, so a restart does not forget to send the code by email. Removed when the report or the deadline comes.
CREATE TABLE fallback_deadlines (
  outbox_id    INTEGER PRIMARY KEY,
  challenge_id TEXT    NOT NULL,
  due_at       INTEGER NOT NULL
);
