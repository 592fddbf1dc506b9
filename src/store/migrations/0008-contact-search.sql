-- 0008-contact-search.sql
-- SPDX-FileCopyrightText: The Prospect authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The trigger that keeps a customer's contacts searchable named `rowid`
-- in an UPDATE with a FROM clause, where SQLite cannot tell whose rowid
-- it is: every change of a contact's name, email or customer failed with
-- "no such column: rowid". It names the search table's now.

DROP TRIGGER contacts_search_update;
CREATE TRIGGER contacts_search_update
AFTER UPDATE OF first_name, last_name, email, customer_id ON contacts
BEGIN
  UPDATE customer_search
     SET contacts = ifnull ((SELECT group_concat (first_name || ' ' || last_name || ' '
                                                  || ifnull (email, ''), ' ')
                               FROM contacts WHERE customer_id = c.id), '')
    FROM (SELECT new.customer_id AS id UNION SELECT old.customer_id) AS c
   WHERE customer_search.rowid = c.id AND crm_search_live ();
  INSERT OR IGNORE INTO search_dirty (id)
  SELECT new.customer_id WHERE NOT crm_search_live ()
  UNION SELECT old.customer_id WHERE NOT crm_search_live ();
END;
