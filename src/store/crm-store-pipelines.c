/* crm-store-pipelines.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-stage.h"
#include "crm-store-board.h"
#include "crm-store-pipelines.h"
#include "crm-store-private.h"

/* Pipelines and their stages. The API knows pipelines and stages only as
 * names on opportunities, so this table is the app's own configuration:
 * order, win likelihood, forecast category and stale limit. A name that
 * arrives on an opportunity without being configured here is kept there
 * and listed after the configured ones, never dropped.
 *
 * Defaults are made lazily: the views that need pipelines (the board, the
 * opportunity editor and list, Preferences) call
 * crm_store_ensure_default_pipelines_async(), which adds "New Business" and
 * "Renewals" only while the table is empty. Opening a profile writes
 * nothing, so `--demo` still finds a fresh profile empty and fills in its
 * own pipelines, and crm_store_is_empty() needs no exception. */

typedef struct
{
  const char *name;
  int         win_likelihood;
  const char *forecast_category;
  int         stale_days;       /* 0: never stale */
} DefaultStage;

static const DefaultStage new_business_stages[] = {
  { "Discovery", 10, "pipeline", 14 },
  { "Evaluation", 30, "best_case", 21 },
  { "Negotiation", 60, "committed", 14 },
  { "Closed Won", 100, "won", 0 },
  { "Closed Lost", 0, "lost", 0 },
  { NULL },
};

static const DefaultStage renewal_stages[] = {
  { "Upcoming", 80, "pipeline", 30 },
  { "In Discussion", 60, "best_case", 21 },
  { "Renewed", 100, "won", 0 },
  { "Churned", 0, "lost", 0 },
  { NULL },
};

static const struct {
  const char         *name;
  const DefaultStage *stages;
} default_pipelines[] = {
  { "New Business", new_business_stages },
  { "Renewals", renewal_stages },
};

static const char * const forecast_categories[] = {
  "pipeline", "best_case", "committed", "won", "lost", NULL
};

static const char * const forecast_labels[] = {
  N_("Pipeline"), N_("Best Case"), N_("Committed"), N_("Won"), N_("Lost"),
};

/**
 * crm_forecast_categories:
 *
 * Returns: (transfer none) (array zero-terminated=1): the forecast
 *   categories as the API spells them, from open to closed
 */
const char * const *
crm_forecast_categories (void)
{
  return forecast_categories;
}

/**
 * crm_forecast_category_get_label:
 * @category: a forecast category, such as `best_case`
 *
 * Returns: the translated label of @category; an unknown value is
 *   returned as it is
 */
const char *
crm_forecast_category_get_label (const char *category)
{
  g_return_val_if_fail (category != NULL, NULL);

  for (guint i = 0; forecast_categories[i] != NULL; i++)
    {
      if (g_str_equal (category, forecast_categories[i]))
        return g_dgettext (GETTEXT_PACKAGE, forecast_labels[i]);
    }

  return category;
}

static gboolean
is_forecast_category (const char *category)
{
  return category != NULL && g_strv_contains (forecast_categories, category);
}

/* Writer thread helpers */

static sqlite3_stmt *
txn_prepare (CrmStoreTxn  *txn,
             const char   *sql,
             GError      **error)
{
  return _crm_store_prepare (txn->db, txn->store->writer_statements, sql, error);
}

static gboolean
txn_step_done (CrmStoreTxn   *txn,
               sqlite3_stmt  *stmt,
               const char    *what,
               GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _crm_store_set_sqlite_error (error, txn->db, rc, what);

  return TRUE;
}

/* Runs a query that yields one integer. */
static gboolean
txn_query_int (CrmStoreTxn  *txn,
               sqlite3_stmt *stmt,
               gint64       *value,
               GError      **error)
{
  int rc = sqlite3_step (stmt);

  *value = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _crm_store_set_sqlite_error (error, txn->db, rc, "Failed to read pipelines");

  return TRUE;
}

static GArray *
txn_dup_ids (CrmStoreTxn  *txn,
             sqlite3_stmt *stmt,
             GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _crm_store_set_sqlite_error (error, txn->db, rc, "Failed to read pipelines");
      return NULL;
    }

  return g_steal_pointer (&ids);
}

static char *
txn_dup_pipeline_name (CrmStoreTxn  *txn,
                       gint64        pipeline_id,
                       GError      **error)
{
  g_autoptr(GVariant) row = NULL;
  const char *name = NULL;

  row = crm_store_txn_get_row (txn, CRM_ENTITY_PIPELINE, pipeline_id, error);
  if (row == NULL)
    return NULL;

  g_variant_lookup (row, "name", "&s", &name);
  return g_strdup (name);
}

static char *
normalize_name (const char *name)
{
  return g_strstrip (g_strdup (name != NULL ? name : ""));
}

static gboolean
check_name (const char  *name,
            const char  *message,
            GError     **error)
{
  if (name[0] != '\0')
    return TRUE;

  g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT, message);
  return FALSE;
}

static gboolean
txn_stage_name_taken (CrmStoreTxn  *txn,
                      gint64        pipeline_id,
                      const char   *name,
                      gint64        except_id,
                      GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 found = 0;

  stmt = txn_prepare (txn,
                      "SELECT count(*) FROM stages WHERE pipeline_id = ? AND name = ?"
                      " AND id <> ?", error);
  if (stmt == NULL)
    return TRUE;

  sqlite3_bind_int64 (stmt, 1, pipeline_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, except_id);
  if (!txn_query_int (txn, stmt, &found, error))
    return TRUE;

  if (found > 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT,
                   _("The pipeline already has a stage called “%s”"), name);
      return TRUE;
    }

  return FALSE;
}

static GArray *
txn_dup_stage_ids (CrmStoreTxn  *txn,
                   gint64        pipeline_id,
                   GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = txn_prepare (txn,
                      "SELECT id FROM stages WHERE pipeline_id = ? ORDER BY position, id",
                      error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, pipeline_id);
  return txn_dup_ids (txn, stmt, error);
}

/* Positions stay 0, 1, 2… in the order of @ids; only rows whose position
 * changes are written, so Undo and the change signal see just those. */
static gboolean
txn_renumber (CrmStoreTxn    *txn,
              CrmEntityKind   kind,
              GArray         *ids,
              GError        **error)
{
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (!crm_store_txn_update (txn, kind, id,
                                 g_variant_new_parsed ("{'position': <%x>}", (gint64) i),
                                 error))
        return FALSE;
    }

  return TRUE;
}

static GVariant *
stage_fields (gint64      pipeline_id,
              const char *name,
              gint64      position,
              int         win_likelihood,
              const char *forecast_category,
              int         stale_days)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "pipeline_id", "x", pipeline_id);
  g_variant_dict_insert (&dict, "name", "s", name);
  g_variant_dict_insert (&dict, "position", "x", position);
  g_variant_dict_insert (&dict, "win_likelihood", "x", (gint64) win_likelihood);
  g_variant_dict_insert (&dict, "forecast_category", "s", forecast_category);
  if (stale_days > 0)
    g_variant_dict_insert (&dict, "stale_days", "x", (gint64) stale_days);

  return g_variant_dict_end (&dict);
}

static gboolean
txn_count_pipelines (CrmStoreTxn  *txn,
                     gint64       *count,
                     GError      **error)
{
  sqlite3_stmt *stmt = txn_prepare (txn, "SELECT count(*) FROM pipelines", error);

  return stmt != NULL && txn_query_int (txn, stmt, count, error);
}

/**
 * crm_store_txn_ensure_default_pipelines:
 * @txn: the open transaction
 * @created: (out) (optional): whether the defaults were added
 * @error: return location for a #GError
 *
 * Adds the default pipelines, "New Business" (Discovery, Evaluation,
 * Negotiation, Closed Won, Closed Lost) and "Renewals" (Upcoming, In
 * Discussion, Renewed, Churned), when the profile has no pipeline at all.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_txn_ensure_default_pipelines (CrmStoreTxn  *txn,
                                        gboolean     *created,
                                        GError      **error)
{
  gint64 n_pipelines = 0;

  g_return_val_if_fail (txn != NULL, FALSE);

  if (created != NULL)
    *created = FALSE;

  if (!txn_count_pipelines (txn, &n_pipelines, error))
    return FALSE;
  if (n_pipelines > 0)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (default_pipelines); i++)
    {
      const DefaultStage *stages = default_pipelines[i].stages;
      gint64 pipeline_id;

      pipeline_id = crm_store_txn_insert (txn, CRM_ENTITY_PIPELINE,
                                          g_variant_new_parsed ("{'name': <%s>, 'position': <%x>}",
                                                                default_pipelines[i].name,
                                                                (gint64) i),
                                          error);
      if (pipeline_id == 0)
        return FALSE;

      for (guint j = 0; stages[j].name != NULL; j++)
        {
          if (crm_store_txn_insert (txn, CRM_ENTITY_STAGE,
                                    stage_fields (pipeline_id, stages[j].name, j,
                                                  stages[j].win_likelihood,
                                                  stages[j].forecast_category,
                                                  stages[j].stale_days),
                                    error) == 0)
            return FALSE;
        }
    }

  g_debug ("Added the default pipelines");
  if (created != NULL)
    *created = TRUE;

  return TRUE;
}

static gboolean
ensure_defaults_job (CrmStoreTxn  *txn,
                     gpointer      user_data,
                     GError      **error)
{
  return crm_store_txn_ensure_default_pipelines (txn, NULL, error);
}

/**
 * crm_store_ensure_default_pipelines:
 * @self: a #CrmStore
 * @error: return location for a #GError
 *
 * Adds the default pipelines to a profile that has none, and waits for it.
 * For the command line and tests; a window uses
 * crm_store_ensure_default_pipelines_async().
 *
 * Returns: %TRUE on success, whether or not anything was added
 */
gboolean
crm_store_ensure_default_pipelines (CrmStore  *self,
                                    GError   **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  /* Configuration, not an edit of the book: no undo group. */
  return crm_store_run_sync (self, NULL, CRM_ORIGIN_PERSON, ensure_defaults_job, NULL,
                             NULL, error);
}

/**
 * crm_store_ensure_default_pipelines_async:
 * @self: a #CrmStore
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main context when done
 * @user_data: data for @callback
 *
 * Adds the default pipelines to a profile that has none. Views call it
 * before they first show pipelines; it writes nothing when there are
 * pipelines already.
 */
void
crm_store_ensure_default_pipelines_async (CrmStore            *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (self));

  crm_store_run_async (self, NULL, CRM_ORIGIN_PERSON, ensure_defaults_job, NULL, NULL,
                       cancellable, callback, user_data);
}

/**
 * crm_store_ensure_default_pipelines_finish:
 * @self: a #CrmStore
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_ensure_default_pipelines_finish (CrmStore      *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  return crm_store_mutation_finish (self, result, NULL, error);
}

/**
 * crm_store_txn_add_stage:
 * @txn: the open transaction
 * @pipeline_id: the pipeline
 * @name: the stage's name, unique in the pipeline
 * @win_likelihood: its default win likelihood, 0 to 100
 * @forecast_category: its default forecast category
 * @stale_days: days after which an idle card is stale; 0 for never
 * @error: return location for a #GError
 *
 * Adds a stage at the end of a pipeline.
 *
 * Returns: the stage's id, or 0 with @error set
 */
gint64
crm_store_txn_add_stage (CrmStoreTxn  *txn,
                         gint64        pipeline_id,
                         const char   *name,
                         int           win_likelihood,
                         const char   *forecast_category,
                         int           stale_days,
                         GError      **error)
{
  g_autofree char *clean = normalize_name (name);
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (txn != NULL, 0);
  g_return_val_if_fail (win_likelihood >= 0 && win_likelihood <= 100, 0);
  g_return_val_if_fail (is_forecast_category (forecast_category), 0);

  if (!check_name (clean, _("A stage needs a name"), error) ||
      txn_stage_name_taken (txn, pipeline_id, clean, 0, error))
    return 0;

  ids = txn_dup_stage_ids (txn, pipeline_id, error);
  if (ids == NULL)
    return 0;

  return crm_store_txn_insert (txn, CRM_ENTITY_STAGE,
                               stage_fields (pipeline_id, clean, ids->len, win_likelihood,
                                             forecast_category, stale_days),
                               error);
}

/* Rewrites the stage of the pipeline's opportunities without running the
 * rules: a rename is not a move, so days in the stage, closing dates and
 * lead statuses stay as they are. The triggers still journal each row for
 * Undo and queue it for the server, which knows stages only by name. */
static gboolean
txn_rename_stage_on_opportunities (CrmStoreTxn  *txn,
                                   const char   *pipeline,
                                   const char   *old_name,
                                   const char   *new_name,
                                   GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = txn_prepare (txn,
                      "UPDATE opportunities SET stage = ?3,"
                      " updated_at = strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')"
                      " WHERE pipeline = ?1 AND stage = ?2", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, pipeline, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, old_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, new_name, -1, SQLITE_TRANSIENT);

  return txn_step_done (txn, stmt, "Failed to rename a stage", error);
}

/* Checks and cleans one field a person may change on a stage. */
static gboolean
clean_stage_field (GVariantDict  *dict,
                   const char    *key,
                   GVariant      *value,
                   char         **new_name,
                   GError       **error)
{
  gboolean is_int = g_variant_is_of_type (value, G_VARIANT_TYPE_INT64);
  gboolean is_string = g_variant_is_of_type (value, G_VARIANT_TYPE_STRING);

  if (g_str_equal (key, "name") && is_string)
    {
      g_autofree char *clean = normalize_name (g_variant_get_string (value, NULL));

      if (!check_name (clean, _("A stage needs a name"), error))
        return FALSE;
      g_variant_dict_insert (dict, key, "s", clean);
      g_free (*new_name);
      *new_name = g_steal_pointer (&clean);
      return TRUE;
    }

  if (g_str_equal (key, "win_likelihood") && is_int &&
      g_variant_get_int64 (value) >= 0 && g_variant_get_int64 (value) <= 100)
    {
      g_variant_dict_insert_value (dict, key, value);
      return TRUE;
    }

  if (g_str_equal (key, "forecast_category") && is_string &&
      is_forecast_category (g_variant_get_string (value, NULL)))
    {
      g_variant_dict_insert_value (dict, key, value);
      return TRUE;
    }

  /* 0 or less: never stale. */
  if (g_str_equal (key, "stale_days") && is_int)
    {
      if (g_variant_get_int64 (value) > 0)
        g_variant_dict_insert_value (dict, key, value);
      else
        g_variant_dict_insert_value (dict, key, g_variant_new_maybe (G_VARIANT_TYPE_INT64, NULL));
      return TRUE;
    }

  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
               "A stage cannot take %s of type %s", key, g_variant_get_type_string (value));
  return FALSE;
}

static GVariant *
clean_stage_fields (GVariant  *fields,
                    char     **new_name,
                    GError   **error)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_iter_init (&iter, fields);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      g_autoptr(GVariant) owned = value;

      if (!clean_stage_field (&dict, key, owned, new_name, error))
        return NULL;
    }

  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

/**
 * crm_store_txn_update_stage:
 * @txn: the open transaction
 * @stage_id: the stage
 * @fields: (transfer floating): any of `name` (s), `win_likelihood` (x),
 *   `forecast_category` (s) and `stale_days` (x, 0 for never), a{sv}
 * @error: return location for a #GError
 *
 * Changes a stage. A new name is also written on the opportunities in the
 * stage, in the same transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_txn_update_stage (CrmStoreTxn  *txn,
                            gint64        stage_id,
                            GVariant     *fields,
                            GError      **error)
{
  g_autoptr(GVariant) sunk = g_variant_ref_sink (fields);
  g_autoptr(GVariant) clean = NULL;
  g_autoptr(GVariant) row = NULL;
  g_autofree char *new_name = NULL;
  g_autofree char *pipeline = NULL;
  const char *old_name = NULL;
  gint64 pipeline_id = 0;

  g_return_val_if_fail (txn != NULL, FALSE);
  g_return_val_if_fail (g_variant_is_of_type (sunk, G_VARIANT_TYPE_VARDICT), FALSE);

  clean = clean_stage_fields (sunk, &new_name, error);
  if (clean == NULL)
    return FALSE;

  row = crm_store_txn_get_row (txn, CRM_ENTITY_STAGE, stage_id, error);
  if (row == NULL)
    return FALSE;

  g_variant_lookup (row, "name", "&s", &old_name);
  g_variant_lookup (row, "pipeline_id", "x", &pipeline_id);

  if (new_name != NULL && g_strcmp0 (new_name, old_name) != 0)
    {
      if (txn_stage_name_taken (txn, pipeline_id, new_name, stage_id, error))
        return FALSE;

      pipeline = txn_dup_pipeline_name (txn, pipeline_id, error);
      if (pipeline == NULL ||
          !txn_rename_stage_on_opportunities (txn, pipeline, old_name, new_name, error))
        return FALSE;
    }

  return crm_store_txn_update (txn, CRM_ENTITY_STAGE, stage_id, clean, error);
}

/**
 * crm_store_txn_move_stage:
 * @txn: the open transaction
 * @stage_id: the stage
 * @index: its new place among the pipeline's stages, from 0; past the end
 *   puts it last
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_txn_move_stage (CrmStoreTxn  *txn,
                          gint64        stage_id,
                          guint         index,
                          GError      **error)
{
  g_autoptr(GVariant) row = NULL;
  g_autoptr(GArray) ids = NULL;
  gint64 pipeline_id = 0;

  g_return_val_if_fail (txn != NULL, FALSE);

  row = crm_store_txn_get_row (txn, CRM_ENTITY_STAGE, stage_id, error);
  if (row == NULL)
    return FALSE;

  g_variant_lookup (row, "pipeline_id", "x", &pipeline_id);
  ids = txn_dup_stage_ids (txn, pipeline_id, error);
  if (ids == NULL)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      if (g_array_index (ids, gint64, i) == stage_id)
        {
          g_array_remove_index (ids, i);
          break;
        }
    }

  g_array_insert_val (ids, MIN (index, ids->len), stage_id);

  return txn_renumber (txn, CRM_ENTITY_STAGE, ids, error);
}

static GArray *
txn_dup_opportunities_in_stage (CrmStoreTxn  *txn,
                                const char   *pipeline,
                                const char   *stage,
                                GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = txn_prepare (txn,
                      "SELECT id FROM opportunities WHERE pipeline = ? AND stage = ?"
                      " ORDER BY board_position, id", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, pipeline, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, stage, -1, SQLITE_TRANSIENT);

  return txn_dup_ids (txn, stmt, error);
}

/* Moves every opportunity of a stage to the end of another, in order.
 * These are real moves, made as the board makes them. */
static gboolean
txn_move_opportunities (CrmStoreTxn  *txn,
                        const char   *to,
                        GArray       *ids,
                        GError      **error)
{
  for (guint i = 0; i < ids->len; i++)
    {
      if (!crm_store_txn_move_opportunity (txn, g_array_index (ids, gint64, i), to,
                                           CRM_BOARD_INDEX_END, NULL, NULL, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * crm_store_txn_remove_stage:
 * @txn: the open transaction
 * @stage_id: the stage
 * @move_to: (nullable): the stage of the same pipeline that takes the
 *   removed stage's opportunities; needed only when it holds some
 * @error: return location for a #GError
 *
 * Removes a stage. Its opportunities move to the end of @move_to as the
 * board moves cards (a "lost" stage then wants a reason, so it is refused);
 * a stage that holds opportunities is not removed without @move_to
 * (%CRM_STORE_ERROR_REFUSED).
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_txn_remove_stage (CrmStoreTxn  *txn,
                            gint64        stage_id,
                            const char   *move_to,
                            GError      **error)
{
  g_autoptr(GVariant) row = NULL;
  g_autoptr(GArray) opportunities = NULL;
  g_autoptr(GArray) stages = NULL;
  g_autofree char *pipeline = NULL;
  const char *name = NULL;
  gint64 pipeline_id = 0;

  g_return_val_if_fail (txn != NULL, FALSE);

  row = crm_store_txn_get_row (txn, CRM_ENTITY_STAGE, stage_id, error);
  if (row == NULL)
    return FALSE;

  g_variant_lookup (row, "name", "&s", &name);
  g_variant_lookup (row, "pipeline_id", "x", &pipeline_id);

  pipeline = txn_dup_pipeline_name (txn, pipeline_id, error);
  if (pipeline == NULL)
    return FALSE;

  opportunities = txn_dup_opportunities_in_stage (txn, pipeline, name, error);
  if (opportunities == NULL)
    return FALSE;

  if (opportunities->len > 0)
    {
      if (move_to == NULL || move_to[0] == '\0' || g_str_equal (move_to, name))
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_REFUSED,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "“%s” holds %u opportunity: choose where it goes",
                                    "“%s” holds %u opportunities: choose where they go",
                                    opportunities->len),
                       name, opportunities->len);
          return FALSE;
        }

      if (!txn_move_opportunities (txn, move_to, opportunities, error))
        return FALSE;
    }

  if (!crm_store_txn_delete (txn, CRM_ENTITY_STAGE, stage_id, error))
    return FALSE;

  stages = txn_dup_stage_ids (txn, pipeline_id, error);

  return stages != NULL && txn_renumber (txn, CRM_ENTITY_STAGE, stages, error);
}

/* Async mutations */

typedef struct
{
  gint64     id;
  char      *name;
  char      *category;
  int        likelihood;
  int        stale_days;
  guint      index;
  GVariant  *fields;
} PipelineJob;

static void
pipeline_job_free (gpointer data)
{
  PipelineJob *job = data;

  g_clear_pointer (&job->fields, g_variant_unref);
  g_free (job->name);
  g_free (job->category);
  g_free (job);
}

static PipelineJob *
pipeline_job_new (gint64      id,
                  const char *name)
{
  PipelineJob *job = g_new0 (PipelineJob, 1);

  job->id = id;
  job->name = g_strdup (name);
  return job;
}

static void
run_pipeline_job (CrmStore            *self,
                  const char          *label,
                  CrmStoreJobFunc      func,
                  PipelineJob         *job,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  crm_store_run_async (self, label, CRM_ORIGIN_PERSON, func, job, pipeline_job_free,
                       cancellable, callback, user_data);
}

static gboolean
txn_pipeline_name_taken (CrmStoreTxn  *txn,
                         const char   *name,
                         gint64        except_id,
                         GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 found = 0;

  stmt = txn_prepare (txn, "SELECT count(*) FROM pipelines WHERE name = ? AND id <> ?",
                      error);
  if (stmt == NULL)
    return TRUE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, except_id);
  if (!txn_query_int (txn, stmt, &found, error))
    return TRUE;

  if (found > 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT,
                   _("There is already a pipeline called “%s”"), name);
      return TRUE;
    }

  return FALSE;
}

static gboolean
add_pipeline_job (CrmStoreTxn  *txn,
                  gpointer      data,
                  GError      **error)
{
  PipelineJob *job = data;
  g_autofree char *name = normalize_name (job->name);
  gint64 count = 0;

  if (!check_name (name, _("A pipeline needs a name"), error) ||
      txn_pipeline_name_taken (txn, name, 0, error) ||
      !txn_count_pipelines (txn, &count, error))
    return FALSE;

  return crm_store_txn_insert (txn, CRM_ENTITY_PIPELINE,
                               g_variant_new_parsed ("{'name': <%s>, 'position': <%x>}",
                                                     name, count),
                               error) > 0;
}

/**
 * crm_store_add_pipeline_async:
 * @self: a #CrmStore
 * @name: the new pipeline's name
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main context when done
 * @user_data: data for @callback
 *
 * Adds a pipeline, last and without stages.
 */
void
crm_store_add_pipeline_async (CrmStore            *self,
                              const char          *name,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (self));
  g_return_if_fail (name != NULL);

  run_pipeline_job (self, _("Add pipeline"), add_pipeline_job, pipeline_job_new (0, name),
                    cancellable, callback, user_data);
}

static gboolean
rename_pipeline_job (CrmStoreTxn  *txn,
                     gpointer      data,
                     GError      **error)
{
  PipelineJob *job = data;
  g_autofree char *name = normalize_name (job->name);
  g_autofree char *old_name = NULL;
  sqlite3_stmt *stmt;

  if (!check_name (name, _("A pipeline needs a name"), error) ||
      txn_pipeline_name_taken (txn, name, job->id, error))
    return FALSE;

  old_name = txn_dup_pipeline_name (txn, job->id, error);
  if (old_name == NULL)
    return FALSE;
  if (g_str_equal (old_name, name))
    return TRUE;

  /* As for a stage: the opportunities carry the name. */
  stmt = txn_prepare (txn,
                      "UPDATE opportunities SET pipeline = ?2,"
                      " updated_at = strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')"
                      " WHERE pipeline = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, old_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  if (!txn_step_done (txn, stmt, "Failed to rename a pipeline", error))
    return FALSE;

  return crm_store_txn_update (txn, CRM_ENTITY_PIPELINE, job->id,
                               g_variant_new_parsed ("{'name': <%s>}", name), error);
}

/**
 * crm_store_rename_pipeline_async:
 * @self: a #CrmStore
 * @pipeline_id: the pipeline
 * @name: its new name
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main context when done
 * @user_data: data for @callback
 *
 * Renames a pipeline and, in the same transaction, its opportunities'
 * pipeline.
 */
void
crm_store_rename_pipeline_async (CrmStore            *self,
                                 gint64               pipeline_id,
                                 const char          *name,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (self));
  g_return_if_fail (name != NULL);

  run_pipeline_job (self, _("Rename pipeline"), rename_pipeline_job,
                    pipeline_job_new (pipeline_id, name), cancellable, callback, user_data);
}

static gboolean
remove_pipeline_job (CrmStoreTxn  *txn,
                     gpointer      data,
                     GError      **error)
{
  PipelineJob *job = data;
  g_autofree char *name = NULL;
  g_autoptr(GArray) stages = NULL;
  g_autoptr(GArray) pipelines = NULL;
  sqlite3_stmt *stmt;
  gint64 count = 0;

  name = txn_dup_pipeline_name (txn, job->id, error);
  if (name == NULL)
    return FALSE;

  stmt = txn_prepare (txn, "SELECT count(*) FROM opportunities WHERE pipeline = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (!txn_query_int (txn, stmt, &count, error))
    return FALSE;

  if (count > 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_REFUSED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%s” holds %u opportunity",
                                "“%s” holds %u opportunities", (gulong) count),
                   name, (guint) count);
      return FALSE;
    }

  /* Stage by stage, so that each is journaled whatever SQLite does with
   * triggers on cascades. */
  stages = txn_dup_stage_ids (txn, job->id, error);
  if (stages == NULL)
    return FALSE;
  for (guint i = 0; i < stages->len; i++)
    if (!crm_store_txn_delete (txn, CRM_ENTITY_STAGE, g_array_index (stages, gint64, i), error))
      return FALSE;

  if (!crm_store_txn_delete (txn, CRM_ENTITY_PIPELINE, job->id, error))
    return FALSE;

  stmt = txn_prepare (txn, "SELECT id FROM pipelines ORDER BY position, id", error);
  pipelines = stmt != NULL ? txn_dup_ids (txn, stmt, error) : NULL;

  return pipelines != NULL && txn_renumber (txn, CRM_ENTITY_PIPELINE, pipelines, error);
}

/**
 * crm_store_remove_pipeline_async:
 * @self: a #CrmStore
 * @pipeline_id: the pipeline
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main context when done
 * @user_data: data for @callback
 *
 * Removes a pipeline with its stages. One that holds opportunities is
 * refused (%CRM_STORE_ERROR_REFUSED).
 */
void
crm_store_remove_pipeline_async (CrmStore            *self,
                                 gint64               pipeline_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (self));

  run_pipeline_job (self, _("Remove pipeline"), remove_pipeline_job,
                    pipeline_job_new (pipeline_id, NULL), cancellable, callback, user_data);
}

static gboolean
add_stage_job (CrmStoreTxn  *txn,
               gpointer      data,
               GError      **error)
{
  PipelineJob *job = data;

  return crm_store_txn_add_stage (txn, job->id, job->name, job->likelihood, job->category,
                                  job->stale_days, error) > 0;
}

/**
 * crm_store_add_stage_async:
 * @self: a #CrmStore
 * @pipeline_id: the pipeline
 * @name: the stage's name
 * @win_likelihood: its default win likelihood, 0 to 100
 * @forecast_category: its default forecast category
 * @stale_days: days after which an idle card is stale; 0 for never
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main context when done
 * @user_data: data for @callback
 *
 * Adds a stage at the end of a pipeline.
 */
void
crm_store_add_stage_async (CrmStore            *self,
                           gint64               pipeline_id,
                           const char          *name,
                           int                  win_likelihood,
                           const char          *forecast_category,
                           int                  stale_days,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  PipelineJob *job;

  g_return_if_fail (CRM_IS_STORE (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (win_likelihood >= 0 && win_likelihood <= 100);
  g_return_if_fail (is_forecast_category (forecast_category));

  job = pipeline_job_new (pipeline_id, name);
  job->likelihood = win_likelihood;
  job->category = g_strdup (forecast_category);
  job->stale_days = stale_days;
  run_pipeline_job (self, _("Add stage"), add_stage_job, job, cancellable, callback,
                    user_data);
}

static gboolean
update_stage_job (CrmStoreTxn  *txn,
                  gpointer      data,
                  GError      **error)
{
  PipelineJob *job = data;

  return crm_store_txn_update_stage (txn, job->id, job->fields, error);
}

/**
 * crm_store_update_stage_async:
 * @self: a #CrmStore
 * @stage_id: the stage
 * @fields: (transfer floating): as for crm_store_txn_update_stage()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main context when done
 * @user_data: data for @callback
 *
 * Changes a stage; a rename also renames the stage on its opportunities.
 */
void
crm_store_update_stage_async (CrmStore            *self,
                              gint64               stage_id,
                              GVariant            *fields,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  PipelineJob *job;

  g_return_if_fail (CRM_IS_STORE (self));
  g_return_if_fail (fields != NULL);

  job = pipeline_job_new (stage_id, NULL);
  job->fields = g_variant_ref_sink (fields);
  run_pipeline_job (self, _("Edit stage"), update_stage_job, job, cancellable, callback,
                    user_data);
}

static gboolean
move_stage_job (CrmStoreTxn  *txn,
                gpointer      data,
                GError      **error)
{
  PipelineJob *job = data;

  return crm_store_txn_move_stage (txn, job->id, job->index, error);
}

/**
 * crm_store_move_stage_async:
 * @self: a #CrmStore
 * @stage_id: the stage
 * @index: its new place in the pipeline, from 0
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main context when done
 * @user_data: data for @callback
 *
 * Reorders a pipeline's stages.
 */
void
crm_store_move_stage_async (CrmStore            *self,
                            gint64               stage_id,
                            guint                index,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  PipelineJob *job;

  g_return_if_fail (CRM_IS_STORE (self));

  job = pipeline_job_new (stage_id, NULL);
  job->index = index;
  run_pipeline_job (self, _("Move stage"), move_stage_job, job, cancellable, callback,
                    user_data);
}

static gboolean
remove_stage_job (CrmStoreTxn  *txn,
                  gpointer      data,
                  GError      **error)
{
  PipelineJob *job = data;

  return crm_store_txn_remove_stage (txn, job->id, job->name, error);
}

/**
 * crm_store_remove_stage_async:
 * @self: a #CrmStore
 * @stage_id: the stage
 * @move_to: (nullable): where its opportunities go
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main context when done
 * @user_data: data for @callback
 *
 * Removes a stage; see crm_store_txn_remove_stage().
 */
void
crm_store_remove_stage_async (CrmStore            *self,
                              gint64               stage_id,
                              const char          *move_to,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (self));

  run_pipeline_job (self, _("Remove stage"), remove_stage_job,
                    pipeline_job_new (stage_id, move_to), cancellable, callback, user_data);
}
