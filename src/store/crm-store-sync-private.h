/* crm-store-sync-private.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-store-private.h"

G_BEGIN_DECLS

/* Shared by the sync's bookkeeping (crm-store-sync.c, crm-store-outbox.c
 * and crm-store-sync-bulk.c) and the tags (crm-store-tags.c). Statements
 * are cached and used again, so each step clears what was bound. */

#define NOW_SQL "strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')"

static inline sqlite3_stmt *
prepare (CrmStoreTxn  *txn,
         const char   *sql,
         GError      **error)
{
  return _crm_store_prepare (txn->db, txn->store->writer_statements, sql, error);
}

static inline gboolean
step_done (CrmStoreTxn   *txn,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return _crm_store_set_sqlite_error (error, txn->db, rc, what);

  return TRUE;
}

/* Runs a query of one integer; 0 when it yields no row. */
static inline gint64
step_int (CrmStoreTxn   *txn,
          sqlite3_stmt  *stmt,
          const char    *what,
          GError       **error)
{
  int rc = sqlite3_step (stmt);
  gint64 value = 0;

  if (rc == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _crm_store_set_sqlite_error (error, txn->db, rc, what);

  return value;
}

static inline char *
dup_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* The value of @key in the sync's state, through @stmt (on either
 * connection), or %NULL. */
static inline char *
read_sync_state (sqlite3_stmt *stmt,
                 const char   *key)
{
  char *value = NULL;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = dup_column_text (stmt, 0);
  sqlite3_reset (stmt);

  return value;
}

/* crm-store-sync.c */
const char *_crm_store_sync_row_filter (CrmEntityKind   kind);
gboolean    _crm_store_sync_check_kind (CrmEntityKind   kind,
                                        GError        **error);
gboolean    _crm_store_sync_has_change (CrmStoreTxn    *txn,
                                        CrmEntityKind   kind,
                                        gint64          id,
                                        gboolean        pending_only);

G_END_DECLS
