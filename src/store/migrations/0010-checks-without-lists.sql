-- 0010-checks-without-lists.sql
-- SPDX-FileCopyrightText: The Prospect authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- SQLite tests `x IN (a, b, c)`, three values or more, against a small
-- temporary b-tree that it builds again each time a statement runs: about
-- 33,000 instructions, where `x = a OR x = b OR x = c` takes a few hundred.
-- A new timeline entry ran three of them (its kind and cause checks, and
-- the last-activity trigger), and a new outbox row one: an entry cost
-- 140,000 instructions where 45,000 do (a rule's status change, a bulk
-- status change of thousands of leads, a pulled note). The tables are
-- made again with the same columns, rows and ids, their checks written
-- with OR; so are the triggers that asked the same of a note's kind.
--
-- The migration runs with foreign keys off. Generated triggers of other
-- tables name these two, so the renames leave triggers as they are.

PRAGMA legacy_alter_table = ON;

DROP TRIGGER tasks_last_complete;
DROP TRIGGER tasks_last_delete;

CREATE TABLE activities_new (
  id            INTEGER PRIMARY KEY,
  customer_id   INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  uuid          TEXT UNIQUE,
  kind          TEXT NOT NULL CHECK (kind = 'note' OR kind = 'call' OR kind = 'email'
                                     OR kind = 'status' OR kind = 'owner'),
  occurred_at   TEXT NOT NULL,
  author        TEXT,
  subject       TEXT,
  body          TEXT NOT NULL DEFAULT '',
  call_duration INTEGER CHECK (call_duration IS NULL OR call_duration >= 0),
  call_outcome  TEXT,
  old_status    TEXT,
  new_status    TEXT,
  old_owner     TEXT,
  new_owner     TEXT,
  rule_name     TEXT,
  cause         TEXT CHECK (cause IS NULL OR cause = 'person' OR cause = 'rule'
                            OR cause = 'sync'),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
INSERT INTO activities_new SELECT * FROM activities;
DROP TABLE activities;
ALTER TABLE activities_new RENAME TO activities;
CREATE INDEX activities_by_customer ON activities (customer_id, occurred_at DESC);

CREATE TABLE outbox_new (
  id         INTEGER PRIMARY KEY,
  entity     TEXT NOT NULL,
  local_id   INTEGER NOT NULL,
  operation  TEXT NOT NULL CHECK (operation = 'create' OR operation = 'update'
                                  OR operation = 'delete'),
  uuid       TEXT,
  state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed')),
  error      TEXT,
  created_at TEXT NOT NULL,
  payload    TEXT CHECK (payload IS NULL OR json_valid (payload)),
  sent_at    TEXT,
  attempts   INTEGER NOT NULL DEFAULT 0
);
INSERT INTO outbox_new SELECT * FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_by_state ON outbox (state, id);
CREATE INDEX outbox_by_record ON outbox (entity, local_id);
CREATE INDEX outbox_pending_deletes ON outbox (entity, uuid)
WHERE operation = 'delete' AND state = 'pending';

PRAGMA legacy_alter_table = OFF;

-- As 0001 and 0003 made them, a note's kind tested with OR, and what
-- counts as an activity said once, in a view (a customer's condition
-- reaches both indexes by customer).
CREATE VIEW customer_activity_times AS
SELECT customer_id, occurred_at AS t FROM activities
 WHERE kind = 'note' OR kind = 'call' OR kind = 'email'
UNION ALL
SELECT customer_id, completed_at FROM tasks WHERE completed_at IS NOT NULL;

CREATE TRIGGER activities_last_insert AFTER INSERT ON activities
WHEN new.kind = 'note' OR new.kind = 'call' OR new.kind = 'email'
BEGIN
  UPDATE customers
     SET last_activity_at = new.occurred_at
   WHERE id = new.customer_id
     AND (last_activity_at IS NULL OR last_activity_at < new.occurred_at);
END;

CREATE TRIGGER activities_last_delete AFTER DELETE ON activities
WHEN old.kind = 'note' OR old.kind = 'call' OR old.kind = 'email'
BEGIN
  UPDATE customers
     SET last_activity_at = (SELECT max (t) FROM customer_activity_times
                              WHERE customer_id = old.customer_id)
   WHERE id = old.customer_id;
END;

-- The customer's own, then the one it moved from: `id IN (old, new)`
-- would build a b-tree too.
CREATE TRIGGER activities_last_update AFTER UPDATE OF occurred_at, kind, customer_id ON activities
WHEN old.kind = 'note' OR old.kind = 'call' OR old.kind = 'email'
  OR new.kind = 'note' OR new.kind = 'call' OR new.kind = 'email'
BEGIN
  UPDATE customers
     SET last_activity_at = (SELECT max (t) FROM customer_activity_times
                              WHERE customer_id = new.customer_id)
   WHERE id = new.customer_id;
  UPDATE customers
     SET last_activity_at = (SELECT max (t) FROM customer_activity_times
                              WHERE customer_id = old.customer_id)
   WHERE id = old.customer_id AND old.customer_id <> new.customer_id;
END;

CREATE TRIGGER tasks_last_complete AFTER UPDATE OF completed_at ON tasks
BEGIN
  UPDATE customers
     SET last_activity_at = (SELECT max (t) FROM customer_activity_times
                              WHERE customer_id = new.customer_id)
   WHERE id = new.customer_id;
END;

CREATE TRIGGER tasks_last_delete AFTER DELETE ON tasks
WHEN old.completed_at IS NOT NULL
BEGIN
  UPDATE customers
     SET last_activity_at = (SELECT max (t) FROM customer_activity_times
                              WHERE customer_id = old.customer_id)
   WHERE id = old.customer_id;
END;

CREATE TRIGGER sync_conflicts_note_gone AFTER DELETE ON activities
BEGIN
  DELETE FROM sync_conflicts WHERE entity = 'note' AND local_id = old.id;
END;
