-- 0007-attribute-index.sql
-- SPDX-FileCopyrightText: The Prospect authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The customers' custom attributes, one row per key, so that a filter on
-- one ("attr.company_size >= 200") reads an index range instead of the
-- JSON of every customer. `value` has no type, so it has no affinity and
-- keeps the type json_each gives it: numbers compare as numbers and text
-- as text, exactly as json_extract () compares them. Of a key written
-- twice in one object the first is kept, the one json_extract () finds.
--
-- Triggers keep it, so every writer (a mutation, an import, a pull, a
-- bulk edit, an Undo) does. It is not journaled: Undo puts the customer
-- back and the triggers follow. Bulk jobs defer it as they defer the
-- search (crm_search_live () is 0): the customers whose attributes they
-- write are noted in customer_attributes_dirty, and indexed in one
-- statement at the end of the job.

CREATE TABLE customer_attributes (
  customer_id INTEGER NOT NULL,
  key         TEXT NOT NULL,
  value,
  PRIMARY KEY (customer_id, key)
) WITHOUT ROWID;
CREATE INDEX customer_attributes_by_value ON customer_attributes (key, value);

CREATE TABLE customer_attributes_dirty (
  id INTEGER PRIMARY KEY
);

CREATE TRIGGER customers_attributes_insert AFTER INSERT ON customers
WHEN new.attributes <> '{}' AND crm_search_live ()
BEGIN
  INSERT OR IGNORE INTO customer_attributes (customer_id, key, value)
  SELECT new.id, key, value FROM json_each (new.attributes);
END;

CREATE TRIGGER customers_attributes_insert_deferred AFTER INSERT ON customers
WHEN new.attributes <> '{}' AND NOT crm_search_live ()
BEGIN
  INSERT OR IGNORE INTO customer_attributes_dirty (id) VALUES (new.id);
END;

CREATE TRIGGER customers_attributes_update AFTER UPDATE OF id, attributes ON customers
WHEN (new.attributes IS NOT old.attributes OR new.id IS NOT old.id) AND crm_search_live ()
BEGIN
  DELETE FROM customer_attributes WHERE customer_id = old.id;
  INSERT OR IGNORE INTO customer_attributes (customer_id, key, value)
  SELECT new.id, key, value FROM json_each (new.attributes);
END;

CREATE TRIGGER customers_attributes_update_deferred AFTER UPDATE OF id, attributes ON customers
WHEN (new.attributes IS NOT old.attributes OR new.id IS NOT old.id) AND NOT crm_search_live ()
BEGIN
  INSERT OR IGNORE INTO customer_attributes_dirty (id) VALUES (old.id), (new.id);
END;

CREATE TRIGGER customers_attributes_delete AFTER DELETE ON customers
WHEN old.attributes <> '{}'
BEGIN
  DELETE FROM customer_attributes WHERE customer_id = old.id;
END;

INSERT OR IGNORE INTO customer_attributes (customer_id, key, value)
SELECT customers.id, attribute.key, attribute.value
  FROM customers, json_each (customers.attributes) AS attribute;
