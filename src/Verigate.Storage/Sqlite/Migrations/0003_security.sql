-- Wrong-code locks kept apart per factor and flow (issue 11): a key such as `reset:dest:<destination>` or
-- `verify:<api key>:<destination>` counts consecutive wrong codes and holds the lock they earned, so anonymous
-- reset guesses never lock the owner's sign-in. (The sign-in lock stays on `accounts`.)
CREATE TABLE code_entry_locks (
  key          TEXT    PRIMARY KEY,
  failures     INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER
) WITHOUT ROWID;

-- Ending every pending challenge of an account (a password reset) finds them without a scan.
CREATE INDEX challenges_pending_subject ON challenges (subject_kind, subject_id) WHERE status = 'pending';

-- Sessions end after an idle time as well as at their absolute expiry: when a session was last used (null: never
-- since it was opened), updated at most once a minute.
ALTER TABLE sessions ADD COLUMN last_seen_at INTEGER;
