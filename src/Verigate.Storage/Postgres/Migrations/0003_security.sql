-- Consecutive wrong answers per factor and flow instead of one count per account: wrong codes on a password
-- reset anybody can start must not lock the owner's sign-in (see Core/Challenges/FailureScopes.cs).
CREATE TABLE failure_counters (
  counter_key  TEXT PRIMARY KEY,
  failures     INTEGER NOT NULL,
  locked_until BIGINT
);

-- A password reset ends every pending challenge of its account in the same transaction.
CREATE INDEX challenges_pending_by_subject ON challenges (subject_kind, subject_id) WHERE status = 'pending';
