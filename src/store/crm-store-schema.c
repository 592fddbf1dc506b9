/* crm-store-schema.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "crm-store-private.h"

#define MIGRATIONS_PATH RESOURCE_PREFIX "/store/migrations"
#define UNDO_GROUPS_KEPT 200

/* Every table whose rows a person can change; Undo covers all of them. */
const char * const _crm_store_journaled_tables[] = {
  "settings", "customers", "tags", "contacts", "activities", "tasks", "pipelines",
  "stages", "opportunities", "templates", "saved_lists", "routing_rules",
  "subscriptions", NULL
};

/* What the outbox tracks, and which rows of it the server knows. */
static const struct {
  const char *table;
  const char *entity;
  const char *row_filter;   /* on "row", standing for new or old */
} synced_tables[] = {
  { "customers", "customer", NULL },
  { "contacts", "contact", NULL },
  { "activities", "note", "row.kind IN ('note', 'call')" },
  { "tasks", "task", NULL },
  { "opportunities", "opportunity", NULL },
};

static gboolean
exec_or_fail (sqlite3     *db,
              const char  *sql,
              const char  *what,
              GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _crm_store_set_sqlite_error (error, db, rc, what);

  return TRUE;
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
        {
          g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT,
                               _("The file is not a Prospect database, or it is damaged"));
          return FALSE;
        }
      return _crm_store_set_sqlite_error (error, db, rc, "Failed to read the schema");
    }

  *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* Migration files are named NNNN-what.sql; their order is their number. */
static GPtrArray *
list_migrations (void)
{
  g_auto(GStrv) names = NULL;
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);

  names = g_resources_enumerate_children (MIGRATIONS_PATH, 0, NULL);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".sql"))
      g_ptr_array_add (files, g_strdup (names[i]));

  g_ptr_array_sort (files, compare_names);
  return files;
}

static void
append_column_values (GString    *sql,
                      GPtrArray  *columns,
                      const char *row)
{
  for (guint i = 0; i < columns->len; i++)
    g_string_append_printf (sql, "%s || quote (%s.\"%s\")",
                            i == 0 ? "" : " || ',' ", row,
                            (const char *) g_ptr_array_index (columns, i));
}

/* The undo triggers write, for every row change, the statement that puts
 * the row back. They only record while a mutation has an undo group. */
static char *
undo_triggers_sql (CrmTableInfo *info)
{
  GString *sql = g_string_new (NULL);
  GPtrArray *columns = info->columns;
  const char *t = info->table;

  g_string_append_printf (sql,
    "CREATE TRIGGER undo_%s_insert AFTER INSERT ON %s WHEN crm_undo_group () IS NOT NULL\n"
    "BEGIN INSERT INTO undo_journal (group_id, statement) VALUES (crm_undo_group (),\n"
    "  'DELETE FROM %s WHERE rowid = ' || new.rowid); END;\n", t, t, t);

  g_string_append_printf (sql,
    "CREATE TRIGGER undo_%s_delete AFTER DELETE ON %s WHEN crm_undo_group () IS NOT NULL\n"
    "BEGIN INSERT INTO undo_journal (group_id, statement) VALUES (crm_undo_group (),\n"
    "  'INSERT INTO %s (rowid", t, t, t);
  for (guint i = 0; i < columns->len; i++)
    g_string_append_printf (sql, ", \"%s\"", (const char *) g_ptr_array_index (columns, i));
  g_string_append (sql, ") VALUES (' || old.rowid || ',' ");
  append_column_values (sql, columns, "old");
  g_string_append (sql, " || ')'); END;\n");

  g_string_append_printf (sql,
    "CREATE TRIGGER undo_%s_update AFTER UPDATE ON %s WHEN crm_undo_group () IS NOT NULL\n"
    "BEGIN INSERT INTO undo_journal (group_id, statement) VALUES (crm_undo_group (),\n"
    "  'UPDATE %s SET ' ", t, t, t);
  for (guint i = 0; i < columns->len; i++)
    {
      const char *c = g_ptr_array_index (columns, i);

      g_string_append_printf (sql, "%s|| '\"%s\" = ' || quote (old.\"%s\") ",
                              i == 0 ? "" : "|| ', ' ", c, c);
    }
  g_string_append (sql, "|| ' WHERE rowid = ' || old.rowid); END;\n");

  return g_string_free (sql, FALSE);
}

#define OUTBOX_ROW_TRIGGER \
  "CREATE TRIGGER outbox_%s_%s AFTER %s ON %s WHEN crm_outbox_active ()%s\n" \
  "BEGIN INSERT INTO outbox (entity, local_id, operation, uuid, created_at)\n" \
  "  VALUES ('%s', %s.id, '%s', %s.uuid, strftime ('%%Y-%%m-%%dT%%H:%%M:%%fZ', 'now'));\n" \
  "END;\n"

static char *
outbox_row_filter (const char *filter,
                   const char *row)
{
  g_autoptr(GString) sql = NULL;

  if (filter == NULL)
    return g_strdup ("");

  sql = g_string_new (" AND ");
  g_string_append (sql, filter);
  g_string_replace (sql, "row.", row, 0);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* Outbox rows are written by triggers, so every path that changes a synced
 * row (a mutation, a rule, an Undo) queues its push in the same
 * transaction. A pull turns them off (crm_outbox_active () is 0). */
static char *
outbox_triggers_sql (const char *table,
                     const char *entity,
                     const char *row_filter)
{
  g_autofree char *new_filter = outbox_row_filter (row_filter, "new.");
  g_autofree char *old_filter = outbox_row_filter (row_filter, "old.");
  GString *sql = g_string_new (NULL);

  g_string_append_printf (sql, OUTBOX_ROW_TRIGGER, table, "insert", "INSERT", table, new_filter,
                          entity, "new", "create", "new");
  g_string_append_printf (sql, OUTBOX_ROW_TRIGGER, table, "delete", "DELETE", table, old_filter,
                          entity, "old", "delete", "old");

  /* Columns the server does not hold change without a push. */
  g_string_append_printf (sql,
    "CREATE TRIGGER outbox_%s_update AFTER UPDATE ON %s\n"
    "WHEN crm_outbox_active ()%s AND NOT EXISTS (SELECT 1 FROM outbox\n"
    "  WHERE entity = '%s' AND local_id = new.id AND operation IN ('create', 'update')\n"
    "    AND state = 'pending')\n"
    "BEGIN INSERT INTO outbox (entity, local_id, operation, uuid, created_at)\n"
    "  VALUES ('%s', new.id, 'update', new.uuid,\n"
    "          strftime ('%%Y-%%m-%%dT%%H:%%M:%%fZ', 'now'));\n"
    "END;\n",
    table, table, new_filter, entity, entity);

  return g_string_free (sql, FALSE);
}

static gboolean
drop_generated_triggers (sqlite3  *db,
                         GError  **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (db,
                      "SELECT name FROM sqlite_schema WHERE type = 'trigger'"
                      " AND (name LIKE 'undo\\_%' ESCAPE '\\'"
                      "      OR name LIKE 'outbox\\_%' ESCAPE '\\')",
                      -1, &stmt, NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP TRIGGER \"%s\"",
                                              (const char *) g_ptr_array_index (names, i));

      if (!exec_or_fail (db, sql, "Failed to drop a trigger", error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
create_generated_triggers (sqlite3  *db,
                           GError  **error)
{
  if (!drop_generated_triggers (db, error))
    return FALSE;

  for (guint i = 0; _crm_store_journaled_tables[i] != NULL; i++)
    {
      CrmTableInfo *info = _crm_table_info_new (db, _crm_store_journaled_tables[i]);
      g_autofree char *sql = undo_triggers_sql (info);

      _crm_table_info_free (info);
      if (!exec_or_fail (db, sql, "Failed to create the undo triggers", error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (synced_tables); i++)
    {
      g_autofree char *sql = outbox_triggers_sql (synced_tables[i].table,
                                                  synced_tables[i].entity,
                                                  synced_tables[i].row_filter);

      if (!exec_or_fail (db, sql, "Failed to create the outbox triggers", error))
        return FALSE;
    }

  /* Tags are part of the customer on the server. */
  return exec_or_fail (db,
    "CREATE TRIGGER outbox_tags_insert AFTER INSERT ON tags WHEN crm_outbox_active ()\n"
    "BEGIN UPDATE customers SET updated_at = updated_at WHERE id = new.customer_id; END;\n"
    "CREATE TRIGGER outbox_tags_delete AFTER DELETE ON tags WHEN crm_outbox_active ()\n"
    "BEGIN UPDATE customers SET updated_at = updated_at WHERE id = old.customer_id; END;\n",
    "Failed to create the outbox triggers", error);
}

static gboolean
apply_migration (sqlite3     *db,
                 const char  *name,
                 GError     **error)
{
  g_autofree char *path = g_build_path ("/", MIGRATIONS_PATH, name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sql = NULL;
  gsize len;

  bytes = g_resources_lookup_data (path, 0, error);
  if (bytes == NULL)
    return FALSE;

  sql = g_strndup (g_bytes_get_data (bytes, &len), g_bytes_get_size (bytes));
  g_debug ("Applying migration %s", name);

  return exec_or_fail (db, sql, "Failed to apply a migration", error);
}

/* A copy of the file before any migration of existing data, so a failed or
 * faulty upgrade can be undone by hand. */
static gboolean
back_up (sqlite3     *db,
         const char  *path,
         gint64       version,
         GError     **error)
{
  g_autofree char *copy = g_strdup_printf ("%s.before-migration-%" G_GINT64_FORMAT,
                                           path, version);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_unlink (copy);
  rc = sqlite3_prepare_v2 (db, "VACUUM INTO ?", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, copy, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return _crm_store_set_sqlite_error (error, db, rc, "Failed to back up before migrating");

  return TRUE;
}

static gboolean
check_identity (sqlite3     *db,
                gint64       version,
                GError     **error)
{
  gint64 app_id = 0;
  gint64 n_tables = 0;

  if (!query_int (db, "PRAGMA application_id", &app_id, error) ||
      !query_int (db, "SELECT count(*) FROM sqlite_schema", &n_tables, error))
    return FALSE;

  if ((version > 0 || n_tables > 0) && app_id != CRM_STORE_APPLICATION_ID)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT,
                           _("The file is an SQLite database of another program"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
prune_undo_journal (sqlite3  *db,
                    GError  **error)
{
  g_autofree char *sql = g_strdup_printf (
    "PRAGMA foreign_keys = ON;"
    "DELETE FROM undo_groups WHERE id <= (SELECT max (id) FROM undo_groups) - %d;",
    UNDO_GROUPS_KEPT);

  return exec_or_fail (db, sql, "Failed to prune the undo journal", error);
}

/**
 * _crm_store_migrate:
 * @db: the write connection, before the writer thread starts
 * @path: the database file
 * @error: return location for a #GError
 *
 * Brings the schema to the newest version in one transaction, after taking
 * a copy of a file that holds data, and refreshes the generated triggers.
 *
 * Returns: %TRUE on success
 */
gboolean
_crm_store_migrate (sqlite3     *db,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(GPtrArray) migrations = list_migrations ();
  gint64 version = 0;
  gint64 latest = migrations->len;
  g_autofree char *set_version = NULL;

  g_assert (latest > 0);

  if (!query_int (db, "PRAGMA user_version", &version, error) ||
      !check_identity (db, version, error))
    return FALSE;

  if (version > latest)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_TOO_NEW,
                   _("The database was written by a newer Prospect (schema %d, this one "
                     "knows %d)"), (int) version, (int) latest);
      return FALSE;
    }

  if (version == latest)
    return prune_undo_journal (db, error);

  if (version > 0 && !back_up (db, path, version, error))
    return FALSE;

  if (!exec_or_fail (db, "PRAGMA foreign_keys = OFF; BEGIN IMMEDIATE",
                     "Failed to start the migration", error))
    return FALSE;

  for (gint64 i = version; i < latest; i++)
    if (!apply_migration (db, g_ptr_array_index (migrations, i), error))
      goto fail;

  set_version = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d",
                                 CRM_STORE_APPLICATION_ID, (int) latest);
  if (!create_generated_triggers (db, error) ||
      !exec_or_fail (db, set_version, "Failed to set the schema version", error) ||
      !exec_or_fail (db, "COMMIT", "Failed to commit the migration", error))
    goto fail;

  g_debug ("Migrated the schema from %d to %d", (int) version, (int) latest);
  return TRUE;

fail:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}
