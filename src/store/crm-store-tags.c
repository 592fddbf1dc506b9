/* crm-store-tags.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <string.h>

#include "crm-store-private.h"
#include "crm-store-sync-private.h"

/*
 * A customer's tags, inside a job: one row a tag, trimmed, each once in
 * the customer's order, written as the difference from what it had.
 */

/* A copy without the spaces at either end (only spaces, as SQL trim ()). */
static char *
trim_spaces (const char *text)
{
  const char *end = text + strlen (text);

  while (*text == ' ')
    text++;
  while (end > text && end[-1] == ' ')
    end--;

  return g_strndup (text, end - text);
}

/* A JSON string: UTF-8 passes as it is; quotes, backslashes and control
 * characters are escaped (g_strescape() writes octal, which JSON lacks). */
static void
append_json_string (GString    *json,
                    const char *text)
{
  g_string_append_c (json, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (json, '\\');
          g_string_append_c (json, c);
        }
      else if (c < 0x20)
        {
          g_string_append_printf (json, "\\u%04x", c);
        }
      else
        {
          g_string_append_c (json, c);
        }
    }
  g_string_append_c (json, '"');
}

/* Inserts the tags that are not there yet, up to TAGS_PER_INSERT in one
 * statement: each statement has its own journal and trigger runs. */
#define TAGS_PER_INSERT 8

static gboolean
insert_tags (CrmStoreTxn  *txn,
             gint64        customer_id,
             GPtrArray    *tags,
             guint         first,
             guint         n,
             GError      **error)
{
  g_autoptr(GString) sql = g_string_new ("INSERT OR IGNORE INTO tags (customer_id, tag) VALUES ");
  sqlite3_stmt *stmt;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (sql, "%s(?1, ?%u)", i > 0 ? ", " : "", i + 2);

  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  for (guint i = 0; i < n; i++)
    sqlite3_bind_text (stmt, i + 2, g_ptr_array_index (tags, first + i), -1, SQLITE_STATIC);

  return step_done (txn, stmt, "Failed to add tags", error);
}

static gboolean
add_tags (CrmStoreTxn         *txn,
          gint64               customer_id,
          const char * const  *tags,
          GError             **error)
{
  g_autoptr(GPtrArray) trimmed = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      char *tag = trim_spaces (tags[i]);

      if (tag[0] == '\0')
        g_free (tag);
      else
        g_ptr_array_add (trimmed, tag);
    }

  for (guint first = 0; first < trimmed->len; first += TAGS_PER_INSERT)
    {
      if (!insert_tags (txn, customer_id, trimmed, first,
                        MIN (TAGS_PER_INSERT, trimmed->len - first), error))
        return FALSE;
    }

  return TRUE;
}

/* Removes the customer's tags that are not in @keep (a JSON array). An
 * import sets the tags of many new customers: those have none to look at. */
static gboolean
remove_other_tags (CrmStoreTxn  *txn,
                   gint64        customer_id,
                   const char   *keep,
                   GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements,
                             "SELECT 1 FROM tags WHERE customer_id = ?1 LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return _crm_store_set_sqlite_error (error, txn->db, rc, "Failed to read tags");

  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements,
                             "DELETE FROM tags WHERE customer_id = ?1"
                             " AND tag NOT IN (SELECT value FROM json_each (?2))",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, keep, -1, SQLITE_TRANSIENT);

  return step_done (txn, stmt, "Failed to remove tags", error);
}

/**
 * crm_store_txn_set_tags:
 * @txn: the open transaction
 * @customer_id: the customer
 * @tags: (array zero-terminated=1): the customer's tags, replacing the old
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_txn_set_tags (CrmStoreTxn         *txn,
                        gint64               customer_id,
                        const char * const  *tags,
                        GError             **error)
{
  g_autoptr(GString) keep = g_string_new ("[");

  g_return_val_if_fail (txn != NULL, FALSE);

  /* Tags are kept without the spaces around them, as SQL trim () does. */
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *tag = trim_spaces (tags[i]);

      if (keep->len > 1)
        g_string_append_c (keep, ',');
      append_json_string (keep, tag);
    }
  g_string_append (keep, "]");

  /* Only rows that really go or come are touched, so Undo and the outbox
   * see the difference and nothing more. */
  if (!remove_other_tags (txn, customer_id, keep->str, error))
    return FALSE;

  return add_tags (txn, customer_id, tags, error);
}
