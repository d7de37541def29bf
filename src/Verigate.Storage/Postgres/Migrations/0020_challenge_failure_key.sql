-- The failure counter a challenge's wrong codes feed (issue 10), PostgreSQL.
--
-- Written when the challenge is issued (FailureScopes.For, the one place the rule lives), so a check can use its
-- attempt in one statement that finds the challenge, checks the counter's lock and counts the attempt, instead of a
-- read of the challenge first. NULL on challenges issued before this migration: those are checked as before.
ALTER TABLE challenges ADD COLUMN failure_key text;
