/* crm-store-pipeline-reads.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include "crm-store-pipelines.h"
#include "crm-store-private.h"

/* Reads of the pipelines' configuration and of the names the editors
 * offer (stages, owners, currencies): main thread, reader connection. */

static sqlite3_stmt *
reader_prepare (CrmStore   *self,
                const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  stmt = _crm_store_prepare (self->reader, self->reader_statements, sql, &error);
  if (stmt == NULL)
    g_warning ("Failed to read pipelines: %s", error->message);

  return stmt;
}

static GPtrArray *
read_objects (CrmStore      *self,
              CrmEntityKind  kind,
              sqlite3_stmt  *stmt)
{
  GPtrArray *objects = g_ptr_array_new_with_free_func (g_object_unref);

  if (stmt == NULL)
    return objects;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (objects, _crm_store_object_from_row (self, kind, stmt));
  sqlite3_reset (stmt);

  return objects;
}

static char **
read_strings (sqlite3_stmt *stmt)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (stmt != NULL)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }

  return g_strv_builder_end (builder);
}

/**
 * crm_store_list_pipelines:
 * @self: a #CrmStore
 *
 * Returns: (transfer full) (element-type CrmPipeline): the configured
 *   pipelines in order
 */
GPtrArray *
crm_store_list_pipelines (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  return read_objects (self, CRM_ENTITY_PIPELINE,
                       reader_prepare (self, "SELECT * FROM pipelines ORDER BY position, id"));
}

/**
 * crm_store_list_stages:
 * @self: a #CrmStore
 * @pipeline_id: the pipeline
 *
 * Returns: (transfer full) (element-type CrmStage): the configured stages
 *   of the pipeline in order
 */
GPtrArray *
crm_store_list_stages (CrmStore *self,
                       gint64    pipeline_id)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  stmt = reader_prepare (self,
                         "SELECT * FROM stages WHERE pipeline_id = ? ORDER BY position, id");
  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, pipeline_id);

  return read_objects (self, CRM_ENTITY_STAGE, stmt);
}

/**
 * crm_store_find_stage:
 * @self: a #CrmStore
 * @pipeline: a pipeline's name
 * @stage: a stage's name
 *
 * Returns: (transfer full) (nullable): the stage's configuration, or
 *   %NULL when the name is not configured
 */
CrmStage *
crm_store_find_stage (CrmStore   *self,
                      const char *pipeline,
                      const char *stage)
{
  g_autoptr(GPtrArray) found = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  g_return_val_if_fail (pipeline != NULL && stage != NULL, NULL);

  stmt = reader_prepare (self,
                         "SELECT s.* FROM stages AS s JOIN pipelines AS p"
                         " ON p.id = s.pipeline_id WHERE p.name = ? AND s.name = ?");
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, pipeline, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, stage, -1, SQLITE_TRANSIENT);
    }

  found = read_objects (self, CRM_ENTITY_STAGE, stmt);
  if (found->len == 0)
    return NULL;

  return g_object_ref (g_ptr_array_index (found, 0));
}

/**
 * crm_store_dup_pipeline_names:
 * @self: a #CrmStore
 *
 * Returns: (transfer full): the configured pipelines in order, then any
 *   other pipeline named on an opportunity, by name
 */
char **
crm_store_dup_pipeline_names (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  return read_strings (reader_prepare (self,
    "SELECT name FROM ("
    " SELECT name, 0 AS configured, position FROM pipelines"
    " UNION ALL"
    " SELECT DISTINCT pipeline, 1, 0 FROM opportunities"
    "  WHERE pipeline NOT IN (SELECT name FROM pipelines))"
    " ORDER BY configured, position, name"));
}

/**
 * crm_store_dup_stage_names:
 * @self: a #CrmStore
 * @pipeline: a pipeline's name
 *
 * Lists a pipeline's stages as the board and the menus show them.
 *
 * Returns: (transfer full): the configured stages in order, then any
 *   other stage named on the pipeline's opportunities (from a sync or an
 *   import), by name
 */
char **
crm_store_dup_stage_names (CrmStore   *self,
                           const char *pipeline)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  g_return_val_if_fail (pipeline != NULL, NULL);

  stmt = reader_prepare (self,
    "SELECT name FROM ("
    " SELECT s.name, 0 AS configured, s.position FROM stages AS s"
    "  JOIN pipelines AS p ON p.id = s.pipeline_id WHERE p.name = ?1"
    " UNION ALL"
    " SELECT DISTINCT stage, 1, 0 FROM opportunities WHERE pipeline = ?1"
    "  AND stage NOT IN (SELECT s.name FROM stages AS s"
    "   JOIN pipelines AS p ON p.id = s.pipeline_id WHERE p.name = ?1))"
    " ORDER BY configured, position, name");
  if (stmt != NULL)
    sqlite3_bind_text (stmt, 1, pipeline, -1, SQLITE_TRANSIENT);

  return read_strings (stmt);
}

/**
 * crm_store_dup_unconfigured_stage_names:
 * @self: a #CrmStore
 * @pipeline: a pipeline's name
 *
 * Returns: (transfer full): the stages named on the pipeline's
 *   opportunities that are not configured, by name
 */
char **
crm_store_dup_unconfigured_stage_names (CrmStore   *self,
                                        const char *pipeline)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  g_return_val_if_fail (pipeline != NULL, NULL);

  stmt = reader_prepare (self,
    "SELECT DISTINCT stage FROM opportunities WHERE pipeline = ?1"
    " AND stage NOT IN (SELECT s.name FROM stages AS s"
    "  JOIN pipelines AS p ON p.id = s.pipeline_id WHERE p.name = ?1)"
    " ORDER BY stage");
  if (stmt != NULL)
    sqlite3_bind_text (stmt, 1, pipeline, -1, SQLITE_TRANSIENT);

  return read_strings (stmt);
}

/**
 * crm_store_count_in_stage:
 * @self: a #CrmStore
 * @pipeline: a pipeline's name
 * @stage: a stage's name
 *
 * Returns: how many opportunities are in the stage
 */
guint
crm_store_count_in_stage (CrmStore   *self,
                          const char *pipeline,
                          const char *stage)
{
  sqlite3_stmt *stmt;
  guint count = 0;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (pipeline != NULL && stage != NULL, 0);

  stmt = reader_prepare (self,
                         "SELECT count(*) FROM opportunities WHERE pipeline = ? AND stage = ?");
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, pipeline, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, stage, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

/**
 * crm_store_dup_known_owners:
 * @self: a #CrmStore
 *
 * Returns: (transfer full): every email that owns a customer or an
 *   opportunity or is assigned a task, sorted
 */
char **
crm_store_dup_known_owners (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  return read_strings (reader_prepare (self,
    "SELECT owner FROM customers WHERE owner IS NOT NULL AND owner <> ''"
    " UNION SELECT owner FROM opportunities WHERE owner IS NOT NULL AND owner <> ''"
    " UNION SELECT assignee FROM tasks WHERE assignee IS NOT NULL AND assignee <> ''"
    " ORDER BY 1"));
}

/**
 * crm_store_dup_known_currencies:
 * @self: a #CrmStore
 *
 * Returns: (transfer full): the currencies of the book's opportunities,
 *   the most used first
 */
char **
crm_store_dup_known_currencies (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  return read_strings (reader_prepare (self,
    "SELECT currency FROM opportunities GROUP BY currency"
    " ORDER BY count(*) DESC, currency"));
}
