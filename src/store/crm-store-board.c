/* crm-store-board.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store-board"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-date.h"
#include "crm-filter.h"
#include "crm-store-board.h"
#include "crm-store-closing.h"
#include "crm-store-private.h"

/* The pipeline board's reads and its one mutation, the move of a card.
 *
 * A column is the opportunities of one pipeline in one stage, ordered by
 * (board_position, id). Positions are sparse: a card dropped between two
 * others takes a value between theirs, so a move writes one row. Only when
 * two neighbours leave no room is the column renumbered with wide gaps.
 * Positions are local (the server has no order), so writing them alone
 * queues nothing for sync. */

#define POSITION_GAP 1024

/* Each amount × likelihood / 100, rounded half away from zero to the minor
 * unit, computed in integers the way crm_money_weighted() does: split at
 * the hundreds so that the product cannot overflow. */
#define WEIGHTED_SQL \
  "(a / 100) * l + ((a % 100) * l + CASE WHEN (a % 100) * l < 0 THEN -50 ELSE 50 END) / 100"

typedef struct
{
  gint64 id;          /* 0: no card */
  gint64 position;
} Slot;

typedef struct
{
  gboolean  configured;
  gint64    likelihood;
  char     *forecast_category;
} StageInfo;

typedef struct
{
  gint64     id;
  char      *stage;
  guint      index;
  char      *lost_reason;
  CrmFilter *view_filter;
} Move;

typedef struct
{
  GVariant *fields;
  char     *lost_reason;
  gint64    id;
} Addition;

/**
 * crm_board_column_filter_new:
 * @pipeline: the pipeline's name
 * @stage: the stage's name
 * @view_filter: (nullable): what else the board asks of its cards (owner,
 *   close date, amount)
 *
 * Returns: (transfer full): the filter of one column of the board
 */
CrmFilter *
crm_board_column_filter_new (const char *pipeline,
                             const char *stage,
                             CrmFilter  *view_filter)
{
  CrmFilter *filter;

  g_return_val_if_fail (pipeline != NULL, NULL);
  g_return_val_if_fail (stage != NULL, NULL);

  filter = crm_filter_new ();
  crm_filter_add (filter, "pipeline", CRM_FILTER_OP_IS, g_variant_new_string (pipeline));
  crm_filter_add (filter, "stage", CRM_FILTER_OP_IS, g_variant_new_string (stage));
  if (view_filter != NULL && !crm_filter_is_empty (view_filter))
    crm_filter_append (filter, view_filter);

  return filter;
}

static sqlite3_stmt *
prepare_bound (sqlite3     *db,
               GHashTable  *cache,
               const char  *sql,
               GPtrArray   *binds,
               GError     **error)
{
  sqlite3_stmt *stmt = _crm_store_prepare (db, cache, sql, error);

  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < binds->len; i++)
    {
      if (!_crm_store_bind_variant (stmt, i + 1, g_ptr_array_index (binds, i)))
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                       "Cannot bind parameter %u", i + 1);
          return NULL;
        }
    }

  return stmt;
}

static GPtrArray *
binds_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
}

static void
binds_add (GPtrArray *binds,
           GVariant  *value)
{
  g_ptr_array_add (binds, g_variant_ref_sink (value));
}

/* The stage's default win likelihood, or 0 for a stage only named on
 * opportunities. */
static gint64
lookup_default_likelihood (CrmStore   *self,
                           const char *pipeline,
                           const char *stage)
{
  sqlite3_stmt *stmt;
  gint64 likelihood = 0;

  stmt = _crm_store_prepare (self->reader, self->reader_statements,
                             "SELECT s.win_likelihood"
                             " FROM stages AS s JOIN pipelines AS p ON p.id = s.pipeline_id"
                             " WHERE p.name = ? AND s.name = ?",
                             NULL);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, pipeline, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, stage, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    likelihood = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return likelihood;
}

/**
 * crm_store_dup_stage_totals:
 * @self: a #CrmStore
 * @pipeline: the pipeline's name
 * @stage: the stage's name, configured or not
 * @view_filter: (nullable): what else the board asks of its cards
 *
 * Adds up a column in SQL: the count, and per currency the sum and the
 * weighted sum. An opportunity weighs by its own win likelihood, else by
 * its stage's default (none for a stage that is not configured); each
 * weighted amount is rounded before the sum, as crm_board_totals_add()
 * does. The default is read once, so that the sums are one pass over the
 * column's index however many cards it holds.
 *
 * Returns: (transfer full): the totals; empty ones when the query fails
 */
CrmBoardTotals *
crm_store_dup_stage_totals (CrmStore   *self,
                            const char *pipeline,
                            const char *stage,
                            CrmFilter  *view_filter)
{
  g_autoptr(GPtrArray) binds = binds_new ();
  g_autoptr(CrmBoardTotals) totals = crm_board_totals_new ();
  g_autoptr(CrmFilter) filter = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  g_return_val_if_fail (pipeline != NULL && stage != NULL, NULL);

  /* The default comes first in the statement, so its value is bound
   * first; the filter's values follow. */
  binds_add (binds, g_variant_new_int64 (lookup_default_likelihood (self, pipeline, stage)));
  filter = crm_board_column_filter_new (pipeline, stage, view_filter);
  where = _crm_filter_to_sql (self, CRM_ENTITY_OPPORTUNITY, filter, NULL, binds, &error);
  if (where == NULL)
    {
      g_warning ("Failed to add up a column: %s", error->message);
      return g_steal_pointer (&totals);
    }

  sql = g_strconcat ("SELECT currency, count (*), sum (a), sum (" WEIGHTED_SQL ")"
                     " FROM (SELECT currency, amount_minor AS a,"
                     "   min (max (coalesce (win_likelihood, ?), 0), 100) AS l"
                     "   FROM opportunities WHERE ", where, ")"
                     " GROUP BY currency ORDER BY currency",
                     NULL);
  stmt = prepare_bound (self->reader, self->reader_statements, sql, binds, &error);
  if (stmt == NULL)
    {
      g_warning ("Failed to add up a column: %s", error->message);
      return g_steal_pointer (&totals);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    crm_board_totals_add_sums (totals,
                               (const char *) sqlite3_column_text (stmt, 0),
                               sqlite3_column_int (stmt, 1),
                               sqlite3_column_int64 (stmt, 2),
                               sqlite3_column_int64 (stmt, 3));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _crm_store_set_sqlite_error (&error, self->reader, rc, "Failed to add up a column");
      g_warning ("%s", error->message);
      return crm_board_totals_new ();
    }

  return g_steal_pointer (&totals);
}

/**
 * crm_store_has_future_task:
 * @self: a #CrmStore
 * @customer_id: a customer
 *
 * Returns: whether the customer has an open task due today or later: a
 *   next step is planned, so an idle card is not stale
 */
gboolean
crm_store_has_future_task (CrmStore *self,
                           gint64    customer_id)
{
  g_autofree char *today = NULL;
  sqlite3_stmt *stmt;
  gboolean found;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  stmt = _crm_store_prepare (self->reader, self->reader_statements,
                             "SELECT EXISTS (SELECT 1 FROM tasks WHERE customer_id = ?"
                             " AND completed_at IS NULL AND due_on >= ?)",
                             NULL);
  if (stmt == NULL)
    return FALSE;

  today = _crm_store_dup_today (self);
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);

  return found;
}

/* The move, on the writer thread. */

static void
stage_info_clear (StageInfo *info)
{
  g_clear_pointer (&info->forecast_category, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StageInfo, stage_info_clear)

static gboolean
lookup_stage (CrmStoreTxn  *txn,
              const char   *pipeline,
              const char   *stage,
              StageInfo    *info,
              GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements,
                             "SELECT s.win_likelihood, s.forecast_category"
                             " FROM stages AS s JOIN pipelines AS p ON p.id = s.pipeline_id"
                             " WHERE p.name = ? AND s.name = ?",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, pipeline, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, stage, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      info->configured = TRUE;
      info->likelihood = sqlite3_column_int64 (stmt, 0);
      info->forecast_category = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _crm_store_set_sqlite_error (error, txn->db, rc, "Failed to read a stage");

  return TRUE;
}

/* Runs a query yielding (id, board_position) rows into @slots. The first
 * binds are the filter's, then @binds' own follow in the same array. */
static gboolean
query_slots (CrmStoreTxn  *txn,
             const char   *sql,
             GPtrArray    *binds,
             Slot         *slots,
             guint         max,
             GError      **error)
{
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  memset (slots, 0, sizeof (Slot) * max);

  stmt = prepare_bound (txn->db, txn->store->writer_statements, sql, binds, error);
  if (stmt == NULL)
    return FALSE;

  while (n < max && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      slots[n].id = sqlite3_column_int64 (stmt, 0);
      slots[n].position = sqlite3_column_int64 (stmt, 1);
      n++;
    }
  if (n < max && rc != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return _crm_store_set_sqlite_error (error, txn->db, rc, "Failed to read a column");
    }
  sqlite3_reset (stmt);

  return TRUE;
}

static GPtrArray *
column_binds (const char *pipeline,
              const char *stage,
              gint64      id)
{
  GPtrArray *binds = binds_new ();

  binds_add (binds, g_variant_new_string (pipeline));
  binds_add (binds, g_variant_new_string (stage));
  binds_add (binds, g_variant_new_int64 (id));

  return binds;
}

#define COLUMN_SQL \
  "SELECT id, board_position FROM opportunities" \
  " WHERE pipeline = ? AND stage = ? AND id <> ?"

/* The cards before and after @index among those of the column that the
 * view shows, leaving out the card that moves. Past the end, the last
 * card is before it and none after. */
static gboolean
find_shown_neighbours (CrmStoreTxn  *txn,
                       const char   *pipeline,
                       const char   *stage,
                       gint64        id,
                       guint         index,
                       CrmFilter    *view_filter,
                       Slot         *prev,
                       Slot         *next,
                       GError      **error)
{
  g_autoptr(GPtrArray) binds = binds_new ();
  g_autoptr(GPtrArray) more = column_binds (pipeline, stage, id);
  g_autofree char *where = NULL;
  g_autofree char *sql = NULL;
  guint n_filter_binds;
  Slot slots[2];

  where = _crm_filter_to_sql (txn->store, CRM_ENTITY_OPPORTUNITY, view_filter, NULL,
                              binds, error);
  if (where == NULL)
    return FALSE;

  n_filter_binds = binds->len;
  g_ptr_array_extend_and_steal (binds, g_steal_pointer (&more));
  binds_add (binds, g_variant_new_int64 (index > 0 ? 2 : 1));
  binds_add (binds, g_variant_new_int64 (index > 0 ? (gint64) index - 1 : 0));

  sql = g_strdup_printf ("SELECT id, board_position FROM opportunities WHERE (%s)"
                         " AND pipeline = ? AND stage = ? AND id <> ?"
                         " ORDER BY board_position, id LIMIT ? OFFSET ?",
                         where);
  if (!query_slots (txn, sql, binds, slots, 2, error))
    return FALSE;

  *prev = index > 0 ? slots[0] : (Slot) { 0, 0 };
  *next = index > 0 ? slots[1] : slots[0];
  if (index == 0 || prev->id != 0)
    return TRUE;

  g_ptr_array_set_size (binds, n_filter_binds + 3);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT id, board_position FROM opportunities WHERE (%s)"
                         " AND pipeline = ? AND stage = ? AND id <> ?"
                         " ORDER BY board_position DESC, id DESC LIMIT 1",
                         where);

  return query_slots (txn, sql, binds, prev, 1, error);
}

/* The card right after (@after) or right before @slot in the whole
 * column, or the first card of the column when @slot is empty. */
static gboolean
find_adjacent (CrmStoreTxn  *txn,
               const char   *pipeline,
               const char   *stage,
               gint64        id,
               const Slot   *slot,
               gboolean      after,
               Slot         *found,
               GError      **error)
{
  g_autoptr(GPtrArray) binds = column_binds (pipeline, stage, id);
  const char *sql;

  if (slot->id == 0)
    {
      sql = COLUMN_SQL " ORDER BY board_position, id LIMIT 1";
    }
  else
    {
      binds_add (binds, g_variant_new_int64 (slot->position));
      binds_add (binds, g_variant_new_int64 (slot->id));
      sql = after
        ? COLUMN_SQL " AND (board_position, id) > (?, ?) ORDER BY board_position, id LIMIT 1"
        : COLUMN_SQL " AND (board_position, id) < (?, ?)"
          " ORDER BY board_position DESC, id DESC LIMIT 1";
    }

  return query_slots (txn, sql, binds, found, 1, error);
}

/* The two cards of the whole column between which the moving card goes.
 * A filtered view hides cards: the card goes right after the shown card
 * before it, or right before the shown card after it. */
static gboolean
find_neighbours (CrmStoreTxn  *txn,
                 const char   *pipeline,
                 const char   *stage,
                 gint64        id,
                 guint         index,
                 CrmFilter    *view_filter,
                 Slot         *prev,
                 Slot         *next,
                 GError      **error)
{
  if (!find_shown_neighbours (txn, pipeline, stage, id, index, view_filter, prev, next, error))
    return FALSE;

  if (view_filter == NULL || crm_filter_is_empty (view_filter))
    return TRUE;

  if (prev->id != 0)
    return find_adjacent (txn, pipeline, stage, id, prev, TRUE, next, error);

  if (next->id != 0)
    return find_adjacent (txn, pipeline, stage, id, next, FALSE, prev, error);

  return find_adjacent (txn, pipeline, stage, id, next, TRUE, next, error);
}

/* Runs @stmt with the outbox triggers off: positions are not sent. With
 * @journaled FALSE the undo triggers are off too: the caller journaled
 * what the statement changes in a shorter form. */
static gboolean
step_local_only (CrmStoreTxn   *txn,
                 sqlite3_stmt  *stmt,
                 gboolean       journaled,
                 const char    *what,
                 GError       **error)
{
  gboolean outbox_active = txn->store->outbox_active;
  gint64 undo_group = txn->store->undo_group;
  int rc;

  txn->store->outbox_active = FALSE;
  if (!journaled)
    txn->store->undo_group = 0;
  rc = sqlite3_step (stmt);
  txn->store->outbox_active = outbox_active;
  txn->store->undo_group = undo_group;
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return _crm_store_set_sqlite_error (error, txn->db, rc, what);

  return TRUE;
}

/* Journals the column's positions as one short statement a card, rather
 * than the whole rows the undo trigger would write: a renumbered column
 * of thousands then costs a few milliseconds, not a few hundred. */
static gboolean
journal_positions (CrmStoreTxn  *txn,
                   const char   *pipeline,
                   const char   *stage,
                   gint64        id,
                   GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (txn->store->undo_group <= 0)
    return TRUE;

  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements,
                             "INSERT INTO undo_journal (group_id, statement)"
                             " SELECT ?4, 'UPDATE opportunities SET board_position = '"
                             "   || board_position || ' WHERE rowid = ' || id"
                             " FROM opportunities"
                             " WHERE pipeline = ?1 AND stage = ?2 AND id <> ?3",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, pipeline, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, stage, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, id);
  sqlite3_bind_int64 (stmt, 4, txn->store->undo_group);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return _crm_store_set_sqlite_error (error, txn->db, rc, "Failed to journal a column");

  return TRUE;
}

static gboolean
renumber_column (CrmStoreTxn  *txn,
                 const char   *pipeline,
                 const char   *stage,
                 gint64        id,
                 GError      **error)
{
  sqlite3_stmt *stmt;

  if (!journal_positions (txn, pipeline, stage, id, error))
    return FALSE;

  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements,
                             "UPDATE opportunities SET board_position = r.rank * ?4"
                             " FROM (SELECT id AS rid, row_number () OVER"
                             "         (ORDER BY board_position, id) - 1 AS rank"
                             "       FROM opportunities"
                             "       WHERE pipeline = ?1 AND stage = ?2 AND id <> ?3) AS r"
                             " WHERE opportunities.id = r.rid"
                             "   AND opportunities.board_position <> r.rank * ?4",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, pipeline, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, stage, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, id);
  sqlite3_bind_int64 (stmt, 4, POSITION_GAP);

  g_debug ("Renumbering a column for opportunity %" G_GINT64_FORMAT, id);

  return step_local_only (txn, stmt, FALSE, "Failed to renumber a column", error);
}

static gboolean
choose_position (CrmStoreTxn  *txn,
                 const char   *pipeline,
                 const char   *stage,
                 gint64        id,
                 guint         index,
                 CrmFilter    *view_filter,
                 gint64       *position,
                 GError      **error)
{
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      Slot prev, next;

      if (!find_neighbours (txn, pipeline, stage, id, index, view_filter, &prev, &next, error))
        return FALSE;

      if (prev.id == 0 && next.id == 0)
        *position = 0;
      else if (prev.id == 0)
        *position = next.position - POSITION_GAP;
      else if (next.id == 0)
        *position = prev.position + POSITION_GAP;
      else if (next.position - prev.position >= 2)
        *position = prev.position + (next.position - prev.position) / 2;
      else if (attempt > 0)
        break;
      else if (renumber_column (txn, pipeline, stage, id, error))
        continue;
      else
        return FALSE;

      return TRUE;
    }

  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_FAILED,
               "Found no room for opportunity %" G_GINT64_FORMAT, id);
  return FALSE;
}

/*
 * _crm_store_txn_place_new_card:
 * @txn: the open transaction
 * @fields: a new opportunity's fields, a{sv}
 *
 * Gives a new opportunity that names no place of its own the place after
 * the last card of its column, a gap away, so that cards added by hand,
 * by an import or by a pull line up at the end in the order they came and
 * leave room for drops between them.
 *
 * Returns: (transfer full): @fields, with `board_position` when it lacked
 *   one
 */
GVariant *
_crm_store_txn_place_new_card (CrmStoreTxn *txn,
                               GVariant    *fields)
{
  const char *pipeline = NULL;
  const char *stage = NULL;
  GVariantDict dict;
  sqlite3_stmt *stmt;
  gint64 position = 0;

  if (g_variant_lookup (fields, "board_position", "*", NULL) ||
      !g_variant_lookup (fields, "pipeline", "&s", &pipeline) ||
      !g_variant_lookup (fields, "stage", "&s", &stage))
    return g_variant_ref (fields);

  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements,
                             "SELECT max (board_position) + ?3 FROM opportunities"
                             " WHERE pipeline = ?1 AND stage = ?2",
                             NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, pipeline, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, stage, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, POSITION_GAP);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        position = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }

  g_variant_dict_init (&dict, fields);
  g_variant_dict_insert (&dict, "board_position", "x", position);

  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

static gboolean
set_position (CrmStoreTxn  *txn,
              gint64        id,
              gint64        position,
              GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements,
                             "UPDATE opportunities SET board_position = ?"
                             " WHERE id = ? AND board_position IS NOT ?1",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, position);
  sqlite3_bind_int64 (stmt, 2, id);

  return step_local_only (txn, stmt, TRUE, "Failed to move a card", error);
}

static gboolean
write_closing_note (CrmStoreTxn  *txn,
                    GVariant     *row,
                    const char   *lost_reason,
                    GError      **error)
{
  g_autofree char *me = crm_store_txn_dup_setting (txn, "me.email");
  g_autofree char *body = NULL;
  const char *name = NULL;
  gint64 customer_id = 0;
  GVariantDict note;

  g_variant_lookup (row, "customer_id", "x", &customer_id);
  g_variant_lookup (row, "name", "&s", &name);

  if (lost_reason != NULL)
    /* Translators: a note on the customer's timeline; %s is the reason */
    body = g_strdup_printf (_("Closed Lost — reason: %s"), lost_reason);
  else
    body = g_strdup (_("Closed Won"));

  g_variant_dict_init (&note, NULL);
  g_variant_dict_insert (&note, "customer_id", "x", customer_id);
  g_variant_dict_insert (&note, "kind", "s", "note");
  g_variant_dict_insert (&note, "occurred_at", "s", txn->store->job_now);
  g_variant_dict_insert (&note, "body", "s", body);
  if (name != NULL && name[0] != '\0')
    g_variant_dict_insert (&note, "subject", "s", name);
  if (me != NULL && me[0] != '\0')
    g_variant_dict_insert (&note, "author", "s", me);

  return crm_store_txn_insert (txn, CRM_ENTITY_ACTIVITY, g_variant_dict_end (&note),
                               error) > 0;
}

static GVariant *
nullable_string (const char *value)
{
  return g_variant_new_maybe (G_VARIANT_TYPE_STRING,
                              value != NULL ? g_variant_new_string (value) : NULL);
}

/* The fields a change of stage writes: the closing date and reason, and
 * the new stage's defaults when it is configured. */
static GVariant *
stage_change_fields (CrmStoreTxn     *txn,
                     const char      *stage,
                     gint64           position,
                     const StageInfo *info,
                     const char      *lost_reason)
{
  g_autofree char *today = _crm_store_dup_today (txn->store);
  gboolean won = g_strcmp0 (info->forecast_category, "won") == 0;
  gboolean lost = g_strcmp0 (info->forecast_category, "lost") == 0;
  GVariantDict fields;

  g_variant_dict_init (&fields, NULL);
  g_variant_dict_insert (&fields, "stage", "s", stage);
  g_variant_dict_insert (&fields, "board_position", "x", position);
  g_variant_dict_insert (&fields, "stage_entered_at", "s", txn->store->job_now);
  g_variant_dict_insert_value (&fields, "closed_on", nullable_string (won || lost ? today : NULL));
  g_variant_dict_insert_value (&fields, "lost_reason", nullable_string (lost ? lost_reason : NULL));

  if (info->configured)
    {
      g_variant_dict_insert (&fields, "win_likelihood", "x", info->likelihood);
      g_variant_dict_insert (&fields, "forecast_category", "s", info->forecast_category);
    }

  return g_variant_dict_end (&fields);
}

/**
 * crm_store_txn_move_opportunity:
 * @txn: the open transaction
 * @id: the opportunity
 * @stage: the stage it goes to, in its own pipeline (configured or not)
 * @index: its place in the column after the move; %CRM_BOARD_INDEX_END or
 *   any index past the last card puts it at the end
 * @lost_reason: (nullable): why it was lost; required when @stage is a
 *   stage of forecast category "lost" and the card comes from elsewhere
 * @view_filter: (nullable): the filter of the view in which @index counts
 *   (the board's owner, date and amount filters); %NULL counts every card
 * @error: return location for a #GError
 *
 * Moves a card. Within its column only its position changes. Into another
 * stage it also records when it entered it and takes the stage's win
 * likelihood and forecast category; a stage of category "won" or "lost"
 * closes it today (and "lost" keeps the reason) and writes a note on the
 * customer; any other stage reopens it. The business rules see the change
 * of stage.
 *
 * Returns: %TRUE on success; %CRM_STORE_ERROR_REFUSED when a reason is
 *   missing
 */
gboolean
crm_store_txn_move_opportunity (CrmStoreTxn  *txn,
                                gint64        id,
                                const char   *stage,
                                guint         index,
                                const char   *lost_reason,
                                CrmFilter    *view_filter,
                                GError      **error)
{
  g_auto(StageInfo) info = { FALSE, 0, NULL };
  g_autoptr(GVariant) row = NULL;
  g_autofree char *reason = g_strstrip (g_strdup (lost_reason != NULL ? lost_reason : ""));
  const char *pipeline = NULL;
  const char *old_stage = NULL;
  gint64 position = 0;
  gint64 customer_id = 0;
  gboolean lost, won;

  g_return_val_if_fail (txn != NULL, FALSE);
  g_return_val_if_fail (stage != NULL && stage[0] != '\0', FALSE);

  row = crm_store_txn_get_row (txn, CRM_ENTITY_OPPORTUNITY, id, error);
  if (row == NULL)
    return FALSE;

  g_variant_lookup (row, "pipeline", "&s", &pipeline);
  g_variant_lookup (row, "stage", "&s", &old_stage);
  if (!lookup_stage (txn, pipeline, stage, &info, error))
    return FALSE;

  won = g_strcmp0 (info.forecast_category, "won") == 0;
  lost = g_strcmp0 (info.forecast_category, "lost") == 0;
  if (lost && reason[0] == '\0' && g_strcmp0 (old_stage, stage) != 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_REFUSED,
                   _("Say why “%s” was lost"), stage);
      return FALSE;
    }

  if (!choose_position (txn, pipeline, stage, id, index, view_filter, &position, error))
    return FALSE;

  if (g_strcmp0 (old_stage, stage) == 0)
    return set_position (txn, id, position, error);

  /* The note comes first, so that rules reacting to the closed stage see
   * the customer's latest activity already in place. */
  if ((won || lost) && !write_closing_note (txn, row, lost ? reason : NULL, error))
    return FALSE;

  if (!crm_store_txn_update (txn, CRM_ENTITY_OPPORTUNITY, id,
                             stage_change_fields (txn, stage, position, &info, reason), error))
    return FALSE;

  g_variant_lookup (row, "customer_id", "x", &customer_id);
  return !(won || lost) ||
         crm_store_txn_defer_closing (txn, id, customer_id, txn->store->job_now, error);
}

/**
 * crm_store_txn_add_opportunity:
 * @txn: the open transaction
 * @fields: (transfer floating): the new opportunity's columns, a{sv}
 * @lost_reason: (nullable): why it was lost, when it is added straight
 *   into a stage of forecast category "lost"
 * @error: return location for a #GError
 *
 * Adds an opportunity as a person does, with the closing rules of a move:
 * in a stage of category "won" or "lost" it is closed today, "lost" wants
 * a reason (%CRM_STORE_ERROR_REFUSED without one), and a note goes on the
 * customer. It enters its stage now and goes to the end of its column.
 *
 * Returns: the new opportunity's id, or 0 with @error set
 */
gint64
crm_store_txn_add_opportunity (CrmStoreTxn  *txn,
                               GVariant     *fields,
                               const char   *lost_reason,
                               GError      **error)
{
  g_autoptr(GVariant) sunk = g_variant_ref_sink (fields);
  g_auto(StageInfo) info = { FALSE, 0, NULL };
  g_autofree char *reason = g_strstrip (g_strdup (lost_reason != NULL ? lost_reason : ""));
  g_autofree char *today = _crm_store_dup_today (txn->store);
  g_autoptr(GVariant) row = NULL;
  const char *pipeline = NULL;
  const char *stage = NULL;
  gboolean won, lost;
  GVariantDict dict;
  gint64 id;

  g_return_val_if_fail (txn != NULL, 0);

  g_variant_lookup (sunk, "pipeline", "&s", &pipeline);
  g_variant_lookup (sunk, "stage", "&s", &stage);
  if (pipeline != NULL && stage != NULL && !lookup_stage (txn, pipeline, stage, &info, error))
    return 0;

  won = g_strcmp0 (info.forecast_category, "won") == 0;
  lost = g_strcmp0 (info.forecast_category, "lost") == 0;
  if (lost && reason[0] == '\0')
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_REFUSED,
                   _("Say why “%s” was lost"), stage);
      return 0;
    }

  g_variant_dict_init (&dict, sunk);
  if (!g_variant_dict_contains (&dict, "stage_entered_at"))
    g_variant_dict_insert (&dict, "stage_entered_at", "s", txn->store->job_now);
  g_variant_dict_insert_value (&dict, "closed_on", nullable_string (won || lost ? today : NULL));
  g_variant_dict_insert_value (&dict, "lost_reason", nullable_string (lost ? reason : NULL));

  id = crm_store_txn_insert (txn, CRM_ENTITY_OPPORTUNITY, g_variant_dict_end (&dict), error);
  if (id <= 0 || !(won || lost))
    return id;

  row = crm_store_txn_get_row (txn, CRM_ENTITY_OPPORTUNITY, id, error);
  if (row == NULL || !write_closing_note (txn, row, lost ? reason : NULL, error))
    return 0;

  return id;
}

static void
addition_free (gpointer data)
{
  Addition *addition = data;

  g_clear_pointer (&addition->fields, g_variant_unref);
  g_free (addition->lost_reason);
  g_free (addition);
}

static gboolean
add_job (CrmStoreTxn  *txn,
         gpointer      data,
         GError      **error)
{
  Addition *addition = data;

  addition->id = crm_store_txn_add_opportunity (txn, g_variant_ref (addition->fields),
                                                addition->lost_reason, error);
  return addition->id > 0;
}

/* The new id travels back through the outer task's data. */
static void
on_add_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *outer = user_data;
  Addition *addition = g_task_get_task_data (outer);
  GError *error = NULL;
  gint64 undo_group = 0;

  if (!crm_store_mutation_finish (CRM_STORE (source), result, &undo_group, &error))
    {
      g_task_return_error (outer, error);
    }
  else
    {
      gint64 *ids = g_new (gint64, 2);

      ids[0] = addition->id;
      ids[1] = undo_group;
      g_task_return_pointer (outer, ids, g_free);
    }

  g_object_unref (outer);
}

/**
 * crm_store_add_opportunity_async:
 * @self: a #CrmStore
 * @fields: (transfer floating): the new opportunity's columns, a{sv}
 * @lost_reason: (nullable): why it was lost, for a stage of category "lost"
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main context when done
 * @user_data: data for @callback
 *
 * Adds an opportunity in one transaction with one undo group; see
 * crm_store_txn_add_opportunity(). Finish with
 * crm_store_add_opportunity_finish().
 */
void
crm_store_add_opportunity_async (CrmStore            *self,
                                 GVariant            *fields,
                                 const char          *lost_reason,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Addition *addition;
  GTask *outer;

  g_return_if_fail (CRM_IS_STORE (self));
  g_return_if_fail (fields != NULL);

  addition = g_new0 (Addition, 1);
  addition->fields = g_variant_ref_sink (fields);
  addition->lost_reason = g_strdup (lost_reason);

  /* The outer task keeps the job's data alive for the id. */
  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, crm_store_add_opportunity_async);
  g_task_set_task_data (outer, addition, addition_free);

  /* Translators: the name of a change that can be undone */
  crm_store_run_async (self, _("Add opportunity"), CRM_ORIGIN_PERSON, add_job, addition, NULL,
                       cancellable, on_add_done_cb, outer);
}

/**
 * crm_store_add_opportunity_finish:
 * @self: a #CrmStore
 * @result: the result
 * @undo_group: (out) (optional): the undo group of the change
 * @error: return location for a #GError
 *
 * Returns: the new opportunity's id, or 0 with @error set
 */
gint64
crm_store_add_opportunity_finish (CrmStore      *self,
                                  GAsyncResult  *result,
                                  gint64        *undo_group,
                                  GError       **error)
{
  g_autofree gint64 *ids = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  ids = g_task_propagate_pointer (G_TASK (result), error);
  if (ids == NULL)
    return 0;

  if (undo_group != NULL)
    *undo_group = ids[1];
  return ids[0];
}

/* The stages of @pipeline where two neighbours leave no room between
 * them for a drop. */
static GPtrArray *
find_crowded_stages (CrmStoreTxn  *txn,
                     const char   *pipeline,
                     GError      **error)
{
  g_autoptr(GPtrArray) stages = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements,
                             "SELECT DISTINCT stage FROM"
                             " (SELECT stage, board_position - lag (board_position) OVER"
                             "    (PARTITION BY stage ORDER BY board_position, id) AS gap"
                             "  FROM opportunities WHERE pipeline = ?)"
                             " WHERE gap < 2",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, pipeline, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (stages, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _crm_store_set_sqlite_error (error, txn->db, rc, "Failed to read a board");
      return NULL;
    }

  return g_steal_pointer (&stages);
}

static gboolean
spread_job (CrmStoreTxn  *txn,
            gpointer      data,
            GError      **error)
{
  const char *pipeline = data;
  g_autoptr(GPtrArray) stages = find_crowded_stages (txn, pipeline, error);

  if (stages == NULL)
    return FALSE;

  /* No undo group: the order stays as it is, only the numbers change. */
  for (guint i = 0; i < stages->len; i++)
    {
      g_debug ("Spreading crowded column %u of %u", i + 1, stages->len);
      if (!renumber_column (txn, pipeline, g_ptr_array_index (stages, i), 0, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * crm_store_spread_board_async:
 * @self: a #CrmStore
 * @pipeline: the pipeline the board shows
 * @cancellable: (nullable): a #GCancellable
 * @callback: (nullable): called on the main context when done
 * @user_data: data for @callback
 *
 * Renumbers, with wide gaps and in the same order, each column of
 * @pipeline whose cards sit on neighbouring positions (as data made before
 * the store placed new cards, or by the demo generator, leaves them), so
 * that the first drop between two of its cards need not renumber it. The
 * board asks for this when it shows a pipeline, off the path of any drop.
 * It is no change a person made, so it has no undo group. Finish with
 * crm_store_mutation_finish().
 */
void
crm_store_spread_board_async (CrmStore            *self,
                              const char          *pipeline,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (self));
  g_return_if_fail (pipeline != NULL);

  crm_store_run_async (self, NULL, CRM_ORIGIN_PERSON, spread_job, g_strdup (pipeline), g_free,
                       cancellable, callback, user_data);
}

static void
move_free (gpointer data)
{
  Move *move = data;

  g_free (move->stage);
  g_free (move->lost_reason);
  g_clear_pointer (&move->view_filter, crm_filter_unref);
  g_free (move);
}

static gboolean
move_job (CrmStoreTxn  *txn,
          gpointer      data,
          GError      **error)
{
  Move *move = data;

  return crm_store_txn_move_opportunity (txn, move->id, move->stage, move->index,
                                         move->lost_reason, move->view_filter, error);
}

/**
 * crm_store_move_opportunity_async:
 * @self: a #CrmStore
 * @id: the opportunity
 * @stage: the stage it goes to
 * @index: its place in the column after the move, counted among the cards
 *   that @view_filter shows; %CRM_BOARD_INDEX_END for the end
 * @lost_reason: (nullable): why it was lost, for a stage of forecast
 *   category "lost"
 * @view_filter: (nullable): the filter of the view in which @index counts
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main context when done
 * @user_data: data for @callback
 *
 * Moves a card on the board in one transaction with one undo group; see
 * crm_store_txn_move_opportunity(). Finish with
 * crm_store_move_opportunity_finish().
 */
void
crm_store_move_opportunity_async (CrmStore            *self,
                                  gint64               id,
                                  const char          *stage,
                                  guint                index,
                                  const char          *lost_reason,
                                  CrmFilter           *view_filter,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *label = NULL;
  Move *move;

  g_return_if_fail (CRM_IS_STORE (self));
  g_return_if_fail (id > 0);
  g_return_if_fail (stage != NULL && stage[0] != '\0');

  move = g_new0 (Move, 1);
  move->id = id;
  move->stage = g_strdup (stage);
  move->index = index;
  move->lost_reason = g_strdup (lost_reason);
  move->view_filter = view_filter != NULL ? crm_filter_ref (view_filter) : NULL;

  /* Translators: the name of a change that can be undone; %s is a stage */
  label = g_strdup_printf (_("Move to %s"), stage);
  crm_store_run_async (self, label, CRM_ORIGIN_PERSON, move_job, move, move_free,
                       cancellable, callback, user_data);
}

/**
 * crm_store_move_opportunity_finish:
 * @self: a #CrmStore
 * @result: the result
 * @undo_group: (out) (optional): the undo group of the move
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the move was stored
 */
gboolean
crm_store_move_opportunity_finish (CrmStore      *self,
                                   GAsyncResult  *result,
                                   gint64        *undo_group,
                                   GError       **error)
{
  return crm_store_mutation_finish (self, result, undo_group, error);
}
