-- 0001-initial.sql
-- SPDX-FileCopyrightText: The Prospect authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Conventions: timestamps are UTC text 'YYYY-MM-DDTHH:MM:SS.sssZ'; dates are
-- 'YYYY-MM-DD'; money is integer minor units plus an ISO 4217 code; custom
-- fields are JSON objects. `uuid` is the server's id (NULL until synced);
-- `external_id` is made here and never changes. Column names are also the
-- property names of the core types, with '_' written as '-'.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
);

CREATE TABLE customers (
  id                    INTEGER PRIMARY KEY,
  uuid                  TEXT UNIQUE,
  external_id           TEXT NOT NULL UNIQUE,
  name                  TEXT NOT NULL DEFAULT '',
  company               TEXT NOT NULL DEFAULT '',
  email                 TEXT NOT NULL DEFAULT '',
  status                TEXT NOT NULL DEFAULT 'New Lead' CHECK (status <> ''),
  owner                 TEXT,
  website               TEXT,
  linkedin              TEXT,
  street                TEXT,
  city                  TEXT,
  zip                   TEXT,
  state                 TEXT,
  country               TEXT CHECK (country IS NULL OR length (country) = 2),
  lead_created_at       TEXT,
  free_trial_started_at TEXT,
  customer_since        TEXT,
  attributes            TEXT NOT NULL DEFAULT '{}'
                        CHECK (json_valid (attributes) AND json_type (attributes) = 'object'),
  last_activity_at      TEXT,
  status_changed_at     TEXT,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL
);
CREATE INDEX customers_by_name ON customers (name COLLATE NOCASE, id);
CREATE INDEX customers_by_company ON customers (company COLLATE NOCASE, id);
-- The built-in lists ("owner is me and status is …") read these in name
-- order without touching the rows.
CREATE INDEX customers_by_status ON customers (status, name COLLATE NOCASE, id);
CREATE INDEX customers_by_owner ON customers (owner, status, name COLLATE NOCASE, id);
CREATE INDEX customers_by_country ON customers (country, id);
CREATE INDEX customers_by_last_activity ON customers (last_activity_at, id);
CREATE INDEX customers_by_email ON customers (email COLLATE NOCASE);

CREATE TABLE tags (
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  tag         TEXT NOT NULL CHECK (tag <> ''),
  PRIMARY KEY (customer_id, tag)
);
CREATE INDEX tags_by_tag ON tags (tag);

CREATE TABLE contacts (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  uuid        TEXT UNIQUE,
  external_id TEXT NOT NULL UNIQUE,
  position    INTEGER NOT NULL DEFAULT 1,
  first_name  TEXT NOT NULL DEFAULT '',
  last_name   TEXT NOT NULL DEFAULT '',
  title       TEXT,
  email       TEXT,
  phone       TEXT,
  linkedin    TEXT,
  twitter     TEXT,
  notes       TEXT,
  custom      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid (custom)),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX contacts_by_customer ON contacts (customer_id, position);

-- Notes, calls, emails, and changes of status and owner: one timeline.
-- `cause` says who made a change of status or owner; `rule_name` names the
-- routing rule that chose an owner.
CREATE TABLE activities (
  id            INTEGER PRIMARY KEY,
  customer_id   INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  uuid          TEXT UNIQUE,
  kind          TEXT NOT NULL CHECK (kind IN ('note', 'call', 'email', 'status', 'owner')),
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
  cause         TEXT CHECK (cause IS NULL OR cause IN ('person', 'rule', 'sync')),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX activities_by_customer ON activities (customer_id, occurred_at DESC);

CREATE TABLE tasks (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  uuid         TEXT UNIQUE,
  details      TEXT NOT NULL CHECK (details <> ''),
  kind         TEXT NOT NULL DEFAULT 'follow-up',
  assignee     TEXT,
  due_on       TEXT CHECK (due_on IS NULL OR date (due_on, '+0 days') IS due_on),
  completed_at TEXT,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE INDEX tasks_by_customer ON tasks (customer_id);
CREATE INDEX tasks_by_due ON tasks (completed_at, due_on);

CREATE TABLE pipelines (
  id       INTEGER PRIMARY KEY,
  name     TEXT NOT NULL UNIQUE CHECK (name <> ''),
  position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE stages (
  id                INTEGER PRIMARY KEY,
  pipeline_id       INTEGER NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
  name              TEXT NOT NULL CHECK (name <> ''),
  position          INTEGER NOT NULL DEFAULT 0,
  win_likelihood    INTEGER NOT NULL DEFAULT 0 CHECK (win_likelihood BETWEEN 0 AND 100),
  forecast_category TEXT NOT NULL DEFAULT 'pipeline',
  stale_days        INTEGER CHECK (stale_days IS NULL OR stale_days > 0),
  UNIQUE (pipeline_id, name)
);

-- Pipeline and stage are names, as in the API, so a name that is not
-- configured here is still kept.
CREATE TABLE opportunities (
  id                INTEGER PRIMARY KEY,
  customer_id       INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  uuid              TEXT UNIQUE,
  name              TEXT NOT NULL DEFAULT '',
  owner             TEXT,
  pipeline          TEXT NOT NULL,
  stage             TEXT NOT NULL,
  board_position    INTEGER NOT NULL DEFAULT 0,
  amount_minor      INTEGER NOT NULL DEFAULT 0,
  currency          TEXT NOT NULL CHECK (length (currency) = 3 AND upper (currency) = currency),
  close_on          TEXT CHECK (close_on IS NULL OR date (close_on, '+0 days') IS close_on),
  type              TEXT NOT NULL DEFAULT 'recurring' CHECK (type IN ('recurring', 'one-time')),
  forecast_category TEXT,
  win_likelihood    INTEGER CHECK (win_likelihood IS NULL OR win_likelihood BETWEEN 0 AND 100),
  custom            TEXT NOT NULL DEFAULT '{}' CHECK (json_valid (custom)),
  stage_entered_at  TEXT,
  closed_on         TEXT,
  lost_reason       TEXT,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
);
CREATE INDEX opportunities_by_customer ON opportunities (customer_id);
CREATE INDEX opportunities_by_board ON opportunities (pipeline, stage, board_position);

CREATE TABLE templates (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL CHECK (name <> ''),
  subject    TEXT NOT NULL DEFAULT '',
  body       TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- A list is a filter expression over one kind of record.
CREATE TABLE saved_lists (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL CHECK (name <> ''),
  kind       TEXT NOT NULL DEFAULT 'customers'
             CHECK (kind IN ('customers', 'opportunities', 'tasks')),
  expression TEXT NOT NULL DEFAULT '',
  position   INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE routing_rules (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL CHECK (name <> ''),
  position   INTEGER NOT NULL DEFAULT 0,
  expression TEXT NOT NULL DEFAULT '',
  owner      TEXT NOT NULL,
  enabled    INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1))
);

-- Undo: every mutation made through the store opens a group, and triggers
-- (made by the store from each table's columns) write the statement that
-- reverses each row change into the journal.
CREATE TABLE undo_groups (
  id         INTEGER PRIMARY KEY,
  label      TEXT NOT NULL,
  created_at TEXT NOT NULL,
  undone     INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE undo_journal (
  id        INTEGER PRIMARY KEY,
  group_id  INTEGER NOT NULL REFERENCES undo_groups (id) ON DELETE CASCADE,
  statement TEXT NOT NULL
);
CREATE INDEX undo_journal_by_group ON undo_journal (group_id, id);

-- The outbox names records by table and local id, with no foreign key, so
-- deleting a record never deletes the changes still waiting to be pushed.
CREATE TABLE outbox (
  id         INTEGER PRIMARY KEY,
  entity     TEXT NOT NULL,
  local_id   INTEGER NOT NULL,
  operation  TEXT NOT NULL CHECK (operation IN ('create', 'update', 'delete')),
  uuid       TEXT,
  state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed')),
  error      TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX outbox_by_state ON outbox (state, id);

-- Search: one row per customer (rowid = customers.id), diacritics folded.
CREATE VIRTUAL TABLE customer_search USING fts5 (
  name, company, email, contacts,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);

-- Bulk jobs (imports, pulls, the demo) defer the index: rows they touch are
-- noted in search_dirty and indexed once, at the end of the job, since FTS5
-- writes a segment for every statement that changes it.
CREATE TABLE search_dirty (
  id INTEGER PRIMARY KEY
);

CREATE TRIGGER customers_search_insert AFTER INSERT ON customers
BEGIN
  INSERT INTO customer_search (rowid, name, company, email, contacts)
  SELECT new.id, new.name, new.company, new.email, '' WHERE crm_search_live ();
  INSERT OR IGNORE INTO search_dirty (id) SELECT new.id WHERE NOT crm_search_live ();
END;

CREATE TRIGGER customers_search_update
AFTER UPDATE OF name, company, email ON customers
BEGIN
  UPDATE customer_search
     SET name = new.name, company = new.company, email = new.email
   WHERE rowid = new.id AND crm_search_live ();
  INSERT OR IGNORE INTO search_dirty (id) SELECT new.id WHERE NOT crm_search_live ();
END;

CREATE TRIGGER customers_search_delete AFTER DELETE ON customers
BEGIN
  DELETE FROM customer_search WHERE rowid = old.id;
END;

CREATE TRIGGER contacts_search_insert AFTER INSERT ON contacts
BEGIN
  UPDATE customer_search
     SET contacts = (SELECT group_concat (first_name || ' ' || last_name || ' '
                                          || ifnull (email, ''), ' ')
                       FROM contacts WHERE customer_id = new.customer_id)
   WHERE rowid = new.customer_id AND crm_search_live ();
  INSERT OR IGNORE INTO search_dirty (id)
  SELECT new.customer_id WHERE NOT crm_search_live ();
END;

CREATE TRIGGER contacts_search_update
AFTER UPDATE OF first_name, last_name, email, customer_id ON contacts
BEGIN
  UPDATE customer_search
     SET contacts = ifnull ((SELECT group_concat (first_name || ' ' || last_name || ' '
                                                  || ifnull (email, ''), ' ')
                               FROM contacts WHERE customer_id = c.id), '')
    FROM (SELECT new.customer_id AS id UNION SELECT old.customer_id) AS c
   WHERE rowid = c.id AND crm_search_live ();
  INSERT OR IGNORE INTO search_dirty (id)
  SELECT new.customer_id WHERE NOT crm_search_live ()
  UNION SELECT old.customer_id WHERE NOT crm_search_live ();
END;

CREATE TRIGGER contacts_search_delete AFTER DELETE ON contacts
BEGIN
  UPDATE customer_search
     SET contacts = ifnull ((SELECT group_concat (first_name || ' ' || last_name || ' '
                                                  || ifnull (email, ''), ' ')
                               FROM contacts WHERE customer_id = old.customer_id), '')
   WHERE rowid = old.customer_id AND crm_search_live ();
  INSERT OR IGNORE INTO search_dirty (id)
  SELECT old.customer_id WHERE NOT crm_search_live ();
END;

-- The last activity shown in lists: a note, call or email, or a completed
-- task (the stale-lead rule counts the same things).
CREATE TRIGGER activities_last_insert AFTER INSERT ON activities
WHEN new.kind IN ('note', 'call', 'email')
BEGIN
  UPDATE customers
     SET last_activity_at = new.occurred_at
   WHERE id = new.customer_id
     AND (last_activity_at IS NULL OR last_activity_at < new.occurred_at);
END;

CREATE TRIGGER activities_last_delete AFTER DELETE ON activities
WHEN old.kind IN ('note', 'call', 'email')
BEGIN
  UPDATE customers
     SET last_activity_at =
       (SELECT max (t) FROM (SELECT occurred_at AS t FROM activities
                              WHERE customer_id = old.customer_id AND kind IN ('note', 'call', 'email')
                             UNION ALL
                             SELECT completed_at FROM tasks
                              WHERE customer_id = old.customer_id
                                AND completed_at IS NOT NULL))
   WHERE id = old.customer_id;
END;

CREATE TRIGGER tasks_last_complete AFTER UPDATE OF completed_at ON tasks
BEGIN
  UPDATE customers
     SET last_activity_at =
       (SELECT max (t) FROM (SELECT occurred_at AS t FROM activities
                              WHERE customer_id = new.customer_id AND kind IN ('note', 'call', 'email')
                             UNION ALL
                             SELECT completed_at FROM tasks
                              WHERE customer_id = new.customer_id
                                AND completed_at IS NOT NULL))
   WHERE id = new.customer_id;
END;
