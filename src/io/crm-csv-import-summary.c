/* crm-csv-import-summary.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-csv-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-csv-import-summary.h"

struct _CrmImportSummary
{
  guint   n_created;
  guint   n_updated;
  GArray *skips;      /* CrmImportOutcome */
  GArray *outcomes;   /* (nullable) CrmImportOutcome, every row */
};

G_DEFINE_BOXED_TYPE (CrmImportSummary, crm_import_summary,
                     crm_import_summary_ref, crm_import_summary_unref)

static void
outcome_clear (CrmImportOutcome *outcome)
{
  g_clear_pointer (&outcome->reason, g_free);
  g_clear_pointer (&outcome->owner, g_free);
  g_clear_pointer (&outcome->status, g_free);
}

static GArray *
outcomes_new (void)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (CrmImportOutcome));

  g_array_set_clear_func (array, (GDestroyNotify) outcome_clear);
  return array;
}

/**
 * crm_import_summary_new:
 * @keep_outcomes: whether to keep what happened to every row, not only
 *   the skipped ones (a preview does)
 *
 * Returns: (transfer full): an empty summary
 */
CrmImportSummary *
crm_import_summary_new (gboolean keep_outcomes)
{
  CrmImportSummary *self = g_atomic_rc_box_new0 (CrmImportSummary);

  self->skips = outcomes_new ();
  if (keep_outcomes)
    self->outcomes = outcomes_new ();

  return self;
}

CrmImportSummary *
crm_import_summary_ref (CrmImportSummary *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
crm_import_summary_clear (CrmImportSummary *self)
{
  g_array_unref (self->skips);
  g_clear_pointer (&self->outcomes, g_array_unref);
}

void
crm_import_summary_unref (CrmImportSummary *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) crm_import_summary_clear);
}

/**
 * crm_import_summary_add:
 * @self: a summary
 * @line: the line of the row
 * @action: what happened to it
 * @reason: (nullable): why it was skipped
 *
 * Counts one row. The import job adds rows on the writer thread; the
 * summary is read only after the job is done.
 */
void
crm_import_summary_add (CrmImportSummary *self,
                        guint             line,
                        CrmImportAction   action,
                        const char       *reason)
{
  CrmImportOutcome outcome = { line, action, NULL, NULL, NULL };

  g_return_if_fail (self != NULL);

  if (action == CRM_IMPORT_ACTION_CREATED)
    self->n_created++;
  else if (action == CRM_IMPORT_ACTION_UPDATED)
    self->n_updated++;

  if (action == CRM_IMPORT_ACTION_SKIPPED)
    {
      outcome.reason = g_strdup (reason);
      g_array_append_val (self->skips, outcome);
    }

  if (self->outcomes != NULL)
    {
      outcome.reason = g_strdup (reason);
      g_array_append_val (self->outcomes, outcome);
    }
}

/**
 * crm_import_summary_set_stored:
 * @self: a summary that keeps its outcomes
 * @owner: (nullable): the owner of the customer the last row stored
 * @status: (nullable): its status
 *
 * A preview tells what the store made of the last row, rules included:
 * an owner a routing rule gave.
 */
void
crm_import_summary_set_stored (CrmImportSummary *self,
                               const char       *owner,
                               const char       *status)
{
  CrmImportOutcome *outcome;

  g_return_if_fail (self != NULL);

  if (self->outcomes == NULL || self->outcomes->len == 0)
    return;

  outcome = &g_array_index (self->outcomes, CrmImportOutcome, self->outcomes->len - 1);
  g_free (outcome->owner);
  g_free (outcome->status);
  outcome->owner = g_strdup (owner);
  outcome->status = g_strdup (status);
}

guint
crm_import_summary_get_n_created (CrmImportSummary *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_created;
}

guint
crm_import_summary_get_n_updated (CrmImportSummary *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_updated;
}

guint
crm_import_summary_get_n_skipped (CrmImportSummary *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->skips->len;
}

/**
 * crm_import_summary_get_skip:
 * @self: a summary
 * @index: from 0 to the number of skipped rows
 *
 * Returns: (transfer none): a skipped row, in file order
 */
const CrmImportOutcome *
crm_import_summary_get_skip (CrmImportSummary *self,
                             guint             index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->skips->len, NULL);

  return &g_array_index (self->skips, CrmImportOutcome, index);
}

guint
crm_import_summary_get_n_outcomes (CrmImportSummary *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->outcomes != NULL ? self->outcomes->len : 0;
}

const CrmImportOutcome *
crm_import_summary_get_outcome (CrmImportSummary *self,
                                guint             index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < crm_import_summary_get_n_outcomes (self), NULL);

  return &g_array_index (self->outcomes, CrmImportOutcome, index);
}

/**
 * crm_import_summary_find_outcome:
 * @self: a summary that kept its outcomes
 * @line: the line a row starts on
 *
 * Returns: (transfer none) (nullable): what happened to that row
 */
const CrmImportOutcome *
crm_import_summary_find_outcome (CrmImportSummary *self,
                                 guint             line)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < crm_import_summary_get_n_outcomes (self); i++)
    {
      const CrmImportOutcome *outcome = crm_import_summary_get_outcome (self, i);

      if (outcome->line == line)
        return outcome;
    }

  return NULL;
}

/**
 * crm_import_outcome_format:
 * @outcome: a skipped row
 *
 * Returns: (transfer full): "line 7: invalid email “x@”"
 */
char *
crm_import_outcome_format (const CrmImportOutcome *outcome)
{
  g_return_val_if_fail (outcome != NULL, NULL);

  return g_strdup_printf (_("line %u: %s"), outcome->line,
                          outcome->reason != NULL ? outcome->reason : "");
}

/**
 * crm_import_summary_format:
 * @self: a summary
 * @file_name: the file, as the person named it
 *
 * Returns: (transfer full): "Imported FILE: N created, N updated, N skipped"
 */
char *
crm_import_summary_format (CrmImportSummary *self,
                           const char       *file_name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (file_name != NULL, NULL);

  return g_strdup_printf (_("Imported %s: %u created, %u updated, %u skipped"), file_name,
                          self->n_created, self->n_updated, self->skips->len);
}

/**
 * crm_import_summary_format_skips:
 * @self: a summary
 *
 * Returns: (transfer full): one line per skipped row, each ending in a
 *   newline, to copy
 */
char *
crm_import_summary_format_skips (CrmImportSummary *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->skips->len; i++)
    {
      g_autofree char *line = crm_import_outcome_format (crm_import_summary_get_skip (self, i));

      g_string_append_printf (text, "%s\n", line);
    }

  return g_string_free (text, FALSE);
}
