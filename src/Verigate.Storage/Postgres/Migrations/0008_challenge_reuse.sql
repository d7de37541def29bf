-- Pending-challenge reuse (issue 7 item 5): a second request of the same kind (a sign-in code for the same account
-- and contact, a reset for the same login, a Verify API start for the same key, purpose and destination) finds the
-- pending challenge by this key and sends its code again instead of issuing a new one. The key is a keyed hash
-- (under the code-hash key), so the login a reset named is not readable from the table.
ALTER TABLE challenges ADD COLUMN reuse_key text;
CREATE INDEX challenges_pending_reuse ON challenges (reuse_key, created_at) WHERE status = 'pending' AND reuse_key IS NOT NULL;
