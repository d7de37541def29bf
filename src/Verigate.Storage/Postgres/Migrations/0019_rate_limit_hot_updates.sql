-- Rate-limit charges as HOT updates (issue 10), PostgreSQL.
--
-- Every send charges its counters (the API key's, the prefix's, the destination's) by rewriting tat. An index on
-- tat made each of those updates a new row version with a new entry in both of the table's indexes, on rows every
-- send of one key shares: the key's primary-key entries piled up between vacuums, and each charge searched through
-- them. Without it, a charge changes no indexed column, so PostgreSQL keeps the new version on the same page and
-- adds no index entry (a HOT update), and pruning reclaims the old versions as the page is read. SQLite has never had
-- this index, for the same reason.
--
-- The cleanup of expired counters (SqlMaintenanceStore) scans the table and stops at its batch limit instead; it
-- runs once per maintenance interval, the charges thousands of times a second.
DROP INDEX IF EXISTS rate_limits_tat;

-- Room on each page for the new versions of its rows, so the update can stay on the page (the rows are small).
ALTER TABLE rate_limits SET (fillfactor = 70);
