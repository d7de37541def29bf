-- Delivery health and the audit viewer of the support console (issue 14), PostgreSQL.

-- Which provider took a message (smtp, kannel, http, dev_inbox), so health reads per provider. NULL on rows written
-- before this migration and on steps no provider took (queued, refused by the SMS guard).
ALTER TABLE deliveries ADD COLUMN provider text;

-- Delivery health reads the codes started in the last hour, day and week, and the week before as a baseline.
CREATE INDEX challenges_created ON challenges (created_at);

-- The audit viewer filters by staff member (the actor).
CREATE INDEX audit_actor ON audit_events (actor, id) WHERE actor IS NOT NULL;
