-- Contact changes (SQLite): adding, changing and removing an account's email addresses and phone numbers.

-- Where a contact ranks when one is picked (earlier first); NULL means its created_at. A contact that replaces
-- another takes over the replaced one's rank, so it becomes primary for its kind.
ALTER TABLE contacts ADD COLUMN ranked_at INTEGER;

-- One verified addition: its safety hold (hold_until: the new address cannot reset the password, the replaced one
-- cannot be removed) and what its undo link puts back (the replaced address and its rank).
CREATE TABLE contact_changes (
  id                  TEXT    PRIMARY KEY,
  user_id             INTEGER NOT NULL,
  kind                TEXT    NOT NULL,
  contact_id          INTEGER NOT NULL,
  channel             TEXT    NOT NULL,
  value               TEXT    NOT NULL,
  replaced_contact_id INTEGER,
  replaced_value      TEXT,
  replaced_rank       INTEGER,
  changed_at          INTEGER NOT NULL,
  hold_until          INTEGER NOT NULL,
  device_name         TEXT,
  undone_at           INTEGER
) WITHOUT ROWID;
CREATE INDEX contact_changes_user ON contact_changes (user_id, hold_until);
