-- 0003-last-activity.sql
-- SPDX-FileCopyrightText: The Prospect authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A customer's last activity (a note, call or email, or a completed task)
-- follows every way these change, not only a new note or a task being
-- ticked off: a task that arrives already done (a pull, an import), a task
-- deleted, and a note whose date or kind is edited. The stale-lead rule
-- and the lists' "last activity" read it.

CREATE TRIGGER tasks_last_insert AFTER INSERT ON tasks
WHEN new.completed_at IS NOT NULL
BEGIN
  UPDATE customers
     SET last_activity_at = new.completed_at
   WHERE id = new.customer_id
     AND (last_activity_at IS NULL OR last_activity_at < new.completed_at);
END;

CREATE TRIGGER tasks_last_delete AFTER DELETE ON tasks
WHEN old.completed_at IS NOT NULL
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

CREATE TRIGGER activities_last_update AFTER UPDATE OF occurred_at, kind, customer_id ON activities
WHEN old.kind IN ('note', 'call', 'email') OR new.kind IN ('note', 'call', 'email')
BEGIN
  UPDATE customers
     SET last_activity_at =
       (SELECT max (t) FROM (SELECT occurred_at AS t FROM activities
                              WHERE customer_id = customers.id AND kind IN ('note', 'call', 'email')
                             UNION ALL
                             SELECT completed_at FROM tasks
                              WHERE customer_id = customers.id
                                AND completed_at IS NOT NULL))
   WHERE id IN (old.customer_id, new.customer_id);
END;

-- Tasks that came in done before this migration.
UPDATE customers
   SET last_activity_at =
     (SELECT max (t) FROM (SELECT occurred_at AS t FROM activities
                            WHERE customer_id = customers.id AND kind IN ('note', 'call', 'email')
                           UNION ALL
                           SELECT completed_at FROM tasks
                            WHERE customer_id = customers.id
                              AND completed_at IS NOT NULL))
 WHERE id IN (SELECT customer_id FROM tasks WHERE completed_at IS NOT NULL);
