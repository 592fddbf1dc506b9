-- 0005-sync.sql
-- SPDX-FileCopyrightText: The Prospect authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- What the sync keeps beside the records. None of it is journaled: Undo
-- changes what the rep did, never what the server was last seen to hold.
--
-- For each synced record, `<table>_sync` keeps the server's value as last
-- seen (the base of the three-way merge: the record's synced columns as a
-- JSON object), a hash of it (customers and contacts have no updated_at,
-- so the hash tells a changed record from an unchanged one), and the
-- number of the full scan that last saw it (a complete scan deletes the
-- records it did not see).

CREATE TABLE customers_sync (
  id    INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
  base  TEXT NOT NULL CHECK (json_valid (base)),
  hash  TEXT NOT NULL,
  pass  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE contacts_sync (
  id    INTEGER PRIMARY KEY REFERENCES contacts (id) ON DELETE CASCADE,
  base  TEXT NOT NULL CHECK (json_valid (base)),
  hash  TEXT NOT NULL,
  pass  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE activities_sync (
  id    INTEGER PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,
  base  TEXT NOT NULL CHECK (json_valid (base)),
  hash  TEXT NOT NULL,
  pass  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE tasks_sync (
  id    INTEGER PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
  base  TEXT NOT NULL CHECK (json_valid (base)),
  hash  TEXT NOT NULL,
  pass  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE opportunities_sync (
  id    INTEGER PRIMARY KEY REFERENCES opportunities (id) ON DELETE CASCADE,
  base  TEXT NOT NULL CHECK (json_valid (base)),
  hash  TEXT NOT NULL,
  pass  INTEGER NOT NULL DEFAULT 0
);

-- The scans' state: the pass number, each list's cursor to resume at and
-- the pass in which it last completed.
CREATE TABLE sync_state (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
);

-- A field changed both here and on the server since the base, to differing
-- values. Values are JSON. Nothing is sent for that field until the rep
-- picks one.
CREATE TABLE sync_conflicts (
  id           INTEGER PRIMARY KEY,
  entity       TEXT NOT NULL,
  local_id     INTEGER NOT NULL,
  field        TEXT NOT NULL,
  local_value  TEXT CHECK (local_value IS NULL OR json_valid (local_value)),
  server_value TEXT CHECK (server_value IS NULL OR json_valid (server_value)),
  created_at   TEXT NOT NULL,
  UNIQUE (entity, local_id, field)
);

CREATE TRIGGER sync_conflicts_customer_gone AFTER DELETE ON customers
BEGIN
  DELETE FROM sync_conflicts WHERE entity = 'customer' AND local_id = old.id;
END;

CREATE TRIGGER sync_conflicts_contact_gone AFTER DELETE ON contacts
BEGIN
  DELETE FROM sync_conflicts WHERE entity = 'contact' AND local_id = old.id;
END;

CREATE TRIGGER sync_conflicts_note_gone AFTER DELETE ON activities
BEGIN
  DELETE FROM sync_conflicts WHERE entity = 'note' AND local_id = old.id;
END;

CREATE TRIGGER sync_conflicts_task_gone AFTER DELETE ON tasks
BEGIN
  DELETE FROM sync_conflicts WHERE entity = 'task' AND local_id = old.id;
END;

CREATE TRIGGER sync_conflicts_opportunity_gone AFTER DELETE ON opportunities
BEGIN
  DELETE FROM sync_conflicts WHERE entity = 'opportunity' AND local_id = old.id;
END;

-- The outbox remembers what a failed change tried to send (`payload`, so
-- that Edit can try it again), and when a create was sent (`sent_at`): a
-- create sent without an answer stored may have reached the server, so
-- it is looked for there before it is sent again.
ALTER TABLE outbox ADD COLUMN payload TEXT CHECK (payload IS NULL OR json_valid (payload));
ALTER TABLE outbox ADD COLUMN sent_at TEXT;
ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
CREATE INDEX outbox_by_record ON outbox (entity, local_id);
