-- Contact changes (PostgreSQL): adding, changing and removing an account's email addresses and phone numbers.

-- Where a contact ranks when one is picked (earlier first); NULL means its created_at. A contact that replaces
-- another takes over the replaced one's rank, so it becomes primary for its kind.
ALTER TABLE contacts ADD COLUMN ranked_at bigint;

-- One verified addition: its safety hold (hold_until: the new address cannot reset the password, the replaced one
-- cannot be removed) and what its undo link puts back (the replaced address and its rank).
CREATE TABLE contact_changes (
  id                  text   PRIMARY KEY,
  user_id             bigint NOT NULL,
  kind                text   NOT NULL,
  contact_id          bigint NOT NULL,
  channel             text   NOT NULL,
  value               text   NOT NULL,
  replaced_contact_id bigint,
  replaced_value      text,
  replaced_rank       bigint,
  changed_at          bigint NOT NULL,
  hold_until          bigint NOT NULL,
  device_name         text,
  undone_at           bigint
);
CREATE INDEX contact_changes_user ON contact_changes (user_id, hold_until);
