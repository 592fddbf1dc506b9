/* crm-store-owners.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include "crm-store-private.h"

/* Walks the owner index one distinct value at a time (a seek per owner,
 * not a scan of every customer), then adds the routing rules' owners. */
#define OWNERS_SQL \
  "WITH RECURSIVE o (owner) AS (" \
  "  SELECT min (owner) FROM customers WHERE owner > ''" \
  "  UNION ALL" \
  "  SELECT (SELECT min (owner) FROM customers WHERE owner > o.owner)" \
  "    FROM o WHERE o.owner IS NOT NULL)" \
  " SELECT owner FROM o WHERE owner IS NOT NULL" \
  " UNION SELECT owner FROM routing_rules WHERE owner <> ''" \
  " ORDER BY 1 COLLATE NOCASE"

/**
 * crm_store_dup_owners:
 * @self: a #CrmStore
 *
 * Lists the people who own customers or receive them from a routing rule,
 * by email. Main thread; cheap at any size of book.
 *
 * Returns: (transfer full) (array zero-terminated=1): the emails, sorted
 *   without regard to case
 */
GStrv
crm_store_dup_owners (CrmStore *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  stmt = _crm_store_prepare (self->reader, self->reader_statements, OWNERS_SQL, &error);
  if (stmt == NULL)
    {
      g_warning ("Failed to list owners: %s", error->message);
      return g_strv_builder_end (builder);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    g_warning ("Failed to list owners: %s", sqlite3_errstr (rc));

  return g_strv_builder_end (builder);
}
