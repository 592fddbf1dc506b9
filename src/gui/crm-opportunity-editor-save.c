/* crm-opportunity-editor-save.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-opportunity-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "crm-core.h"
#include "crm-opportunity-editor-private.h"
#include "crm-store-board.h"
#include "crm-toast-queue.h"

/* Checking the editor's fields and saving them: a new opportunity is one
 * insert; an edit is one job that moves the card when its stage changed
 * (as the board does) and then writes the other fields. */

static const char * const opportunity_types[] = { "recurring", "one-time", NULL };

static void
clear_error (GtkWidget *row,
             GtkWidget *error_row,
             GtkLabel  *error_label)
{
  _crm_opportunity_editor_set_field_error (row, error_row, error_label, NULL);
}

static void
clear_errors (CrmOpportunityEditor *self)
{
  clear_error (GTK_WIDGET (self->customer_row), self->customer_error,
               self->customer_error_label);
  clear_error (GTK_WIDGET (self->name_row), self->name_error, self->name_error_label);
  clear_error (GTK_WIDGET (self->amount_row), self->amount_error, self->amount_error_label);
  clear_error (GTK_WIDGET (self->lost_reason_row), self->lost_reason_error,
               self->lost_reason_error_label);
  clear_error (GTK_WIDGET (self->close_row), self->close_error, self->close_error_label);
}

static void
fail_field (GtkWidget  **first_invalid,
            GtkWidget   *row,
            GtkWidget   *error_row,
            GtkLabel    *error_label,
            const char  *message)
{
  _crm_opportunity_editor_set_field_error (row, error_row, error_label, message);
  if (*first_invalid == NULL)
    *first_invalid = row;
}

static void
check_amount (CrmOpportunityEditor  *self,
              gint64                *minor,
              GtkWidget            **first_invalid)
{
  g_autofree char *text = _crm_opportunity_editor_dup_text (self->amount_row);
  const char *currency = _crm_opportunity_editor_get_currency (self);
  g_autoptr(GError) error = NULL;

  if (!crm_opportunity_editor_parse_amount (text, currency, NULL, minor, &error))
    fail_field (first_invalid, GTK_WIDGET (self->amount_row), self->amount_error,
                self->amount_error_label, error->message);
}

static void
check_close_date (CrmOpportunityEditor  *self,
                  char                 **close_on,
                  GtkWidget            **first_invalid)
{
  g_autofree char *text = _crm_opportunity_editor_dup_text (self->close_row);
  g_autoptr(GDate) date = NULL;

  *close_on = NULL;
  if (text[0] == '\0')
    return;

  date = strlen (text) == 10 ? crm_date_parse (text) : NULL;
  if (date == NULL)
    {
      fail_field (first_invalid, GTK_WIDGET (self->close_row), self->close_error,
                  self->close_error_label,
                  _("Enter a date as year-month-day, such as 2026-06-30"));
      return;
    }

  *close_on = crm_date_format (date);
}

/* Checks every field and shows what is wrong under it; returns the first
 * field to fix, or NULL when all are fine. */
GtkWidget *
_crm_opportunity_editor_validate (CrmOpportunityEditor  *self,
                                  gint64                *amount,
                                  char                 **close_on,
                                  char                 **lost_reason)
{
  g_autofree char *name = _crm_opportunity_editor_dup_text (self->name_row);
  GtkWidget *first_invalid = NULL;

  clear_errors (self);

  if (self->customer_id <= 0)
    fail_field (&first_invalid, GTK_WIDGET (self->customer_row), self->customer_error,
                self->customer_error_label, _("Choose the customer the opportunity is for"));

  if (name[0] == '\0')
    fail_field (&first_invalid, GTK_WIDGET (self->name_row), self->name_error,
                self->name_error_label, _("Give the opportunity a name"));

  check_amount (self, amount, &first_invalid);

  *lost_reason = _crm_opportunity_editor_dup_text (self->lost_reason_row);
  if (_crm_opportunity_editor_is_lost (self) && (*lost_reason)[0] == '\0')
    fail_field (&first_invalid, GTK_WIDGET (self->lost_reason_row), self->lost_reason_error,
                self->lost_reason_error_label, _("Say why the opportunity was lost"));

  check_close_date (self, close_on, &first_invalid);

  return first_invalid;
}

static void
insert_maybe_string (GVariantDict *dict,
                     const char   *key,
                     const char   *value)
{
  if (value != NULL && value[0] != '\0')
    g_variant_dict_insert (dict, key, "s", value);
  else
    g_variant_dict_insert_value (dict, key, g_variant_new_maybe (G_VARIANT_TYPE_STRING, NULL));
}

/* The fields every save writes. */
static void
build_common_fields (CrmOpportunityEditor *self,
                     GVariantDict         *dict,
                     gint64                amount,
                     const char           *close_on,
                     gboolean             *custom_changed)
{
  g_autofree char *name = _crm_opportunity_editor_dup_text (self->name_row);
  g_autoptr(JsonObject) custom = NULL;
  g_autofree char *custom_json = NULL;
  gboolean valid;

  g_variant_dict_insert (dict, "name", "s", name);
  g_variant_dict_insert (dict, "amount_minor", "x", amount);
  g_variant_dict_insert (dict, "currency", "s", _crm_opportunity_editor_get_currency (self));
  insert_maybe_string (dict, "owner", _crm_opportunity_editor_get_owner (self));
  insert_maybe_string (dict, "close_on", close_on);
  g_variant_dict_insert (dict, "type", "s",
                         opportunity_types[MIN (adw_combo_row_get_selected (self->type_row), 1)]);
  insert_maybe_string (dict, "forecast_category",
                       _crm_opportunity_editor_get_forecast (self));
  g_variant_dict_insert (dict, "win_likelihood", "x",
                         (gint64) gtk_spin_button_get_value_as_int (self->likelihood_spin));

  custom = _crm_opportunity_editor_collect_custom (self, &valid);
  custom_json = _crm_opportunity_editor_object_to_json (custom);
  *custom_changed = TRUE;
  if (self->opportunity != NULL)
    {
      JsonObject *old = crm_opportunity_get_custom (self->opportunity);
      g_autofree char *old_json = _crm_opportunity_editor_object_to_json (old);

      *custom_changed = !g_str_equal (old_json, custom_json);
    }

  /* The stored text is left alone when nothing in it changed, so that no
   * reformatting is pushed to the server. */
  if (*custom_changed)
    g_variant_dict_insert (dict, "custom", "s", custom_json);
}

/* The store closes a new opportunity added to a closed stage, as a move
 * there does: the date, the reason and the note are its business. */
static GVariant *
build_insert_fields (CrmOpportunityEditor *self,
                     gint64                amount,
                     const char           *close_on)
{
  GVariantDict dict;
  gboolean custom_changed;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "customer_id", "x", self->customer_id);
  g_variant_dict_insert (&dict, "pipeline", "s", _crm_opportunity_editor_get_pipeline (self));
  g_variant_dict_insert (&dict, "stage", "s", _crm_opportunity_editor_get_stage (self));
  build_common_fields (self, &dict, amount, close_on, &custom_changed);

  return g_variant_dict_end (&dict);
}

typedef struct
{
  gint64    id;
  GVariant *fields;
  char     *pipeline;
  char     *stage;
  char     *lost_reason;
} EditJob;

static void
edit_job_free (gpointer data)
{
  EditJob *job = data;

  g_clear_pointer (&job->fields, g_variant_unref);
  g_free (job->pipeline);
  g_free (job->stage);
  g_free (job->lost_reason);
  g_free (job);
}

/* Writer thread: the move when the stage changed, then the edits, as one
 * undo group. The edits come last so that a likelihood or forecast set by
 * hand wins over the new stage's defaults. */
static gboolean
edit_job (CrmStoreTxn  *txn,
          gpointer      data,
          GError      **error)
{
  EditJob *job = data;

  if (job->pipeline != NULL &&
      !crm_store_txn_update (txn, CRM_ENTITY_OPPORTUNITY, job->id,
                             g_variant_new_parsed ("{'pipeline': <%s>}", job->pipeline),
                             error))
    return FALSE;

  if (job->stage != NULL &&
      !crm_store_txn_move_opportunity (txn, job->id, job->stage, CRM_BOARD_INDEX_END,
                                       job->lost_reason, NULL, error))
    return FALSE;

  return crm_store_txn_update (txn, CRM_ENTITY_OPPORTUNITY, job->id, job->fields, error);
}

static EditJob *
build_edit_job (CrmOpportunityEditor *self,
                gint64                amount,
                const char           *close_on,
                const char           *lost_reason)
{
  const char *pipeline = _crm_opportunity_editor_get_pipeline (self);
  const char *stage = _crm_opportunity_editor_get_stage (self);
  gboolean lost = _crm_opportunity_editor_is_lost (self);
  EditJob *job = g_new0 (EditJob, 1);
  GVariantDict dict;
  gboolean custom_changed;

  job->id = crm_record_get_id (CRM_RECORD (self->opportunity));

  if (g_strcmp0 (pipeline, crm_opportunity_get_pipeline (self->opportunity)) != 0)
    job->pipeline = g_strdup (pipeline);

  /* A pipeline change is a move too: the card lands in the chosen stage. */
  if (job->pipeline != NULL ||
      g_strcmp0 (stage, crm_opportunity_get_stage (self->opportunity)) != 0)
    {
      job->stage = g_strdup (stage);
      job->lost_reason = lost ? g_strdup (lost_reason) : NULL;
    }

  g_variant_dict_init (&dict, NULL);
  build_common_fields (self, &dict, amount, close_on, &custom_changed);
  if (job->stage == NULL && lost)
    g_variant_dict_insert (&dict, "lost_reason", "s", lost_reason);
  job->fields = g_variant_ref_sink (g_variant_dict_end (&dict));

  return job;
}

static void
set_saving (CrmOpportunityEditor *self,
            gboolean              saving)
{
  self->saving = saving;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), !saving);
}

static void
finish_save (CrmOpportunityEditor *self,
             gint64                id,
             gint64                undo_group,
             const GError         *error)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  AdwToastOverlay *overlay;
  const char *title;

  set_saving (self, FALSE);

  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not save: %s"), error->message);

      crm_toast_queue_show_change (self->toast_overlay, self->store, message, 0);
      return;
    }

  title = self->opportunity == NULL ? _("Opportunity created") : _("Opportunity saved");
  overlay = crm_toast_queue_find_overlay (GTK_WIDGET (parent));
  crm_toast_queue_show_change (overlay, self->store, title, undo_group);

  _crm_opportunity_editor_emit_saved (self, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_inserted_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CrmOpportunityEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 undo_group = 0;
  gint64 id;

  id = crm_store_add_opportunity_finish (CRM_STORE (object), result, &undo_group, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  finish_save (self, id, undo_group, error);
}

static void
on_edited_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CrmOpportunityEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 undo_group = 0;

  crm_store_mutation_finish (CRM_STORE (object), result, &undo_group, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  finish_save (self, self->opportunity_id, undo_group, error);
}

/**
 * crm_opportunity_editor_save:
 * @self: a #CrmOpportunityEditor
 *
 * Checks the fields and, when they are fine, saves and closes the dialog;
 * else shows what to fix. The same as the Save button and Ctrl+Enter.
 */
void
crm_opportunity_editor_save (CrmOpportunityEditor *self)
{
  g_autofree char *close_on = NULL;
  g_autofree char *lost_reason = NULL;
  GtkWidget *first_invalid;
  gint64 amount = 0;

  g_return_if_fail (CRM_IS_OPPORTUNITY_EDITOR (self));

  if (self->saving || self->pipelines == NULL)
    return;

  self->validated = TRUE;
  first_invalid = _crm_opportunity_editor_validate (self, &amount, &close_on, &lost_reason);
  if (first_invalid != NULL)
    {
      gtk_widget_grab_focus (first_invalid);
      return;
    }

  set_saving (self, TRUE);

  if (self->opportunity == NULL)
    {
      crm_store_add_opportunity_async (self->store, build_insert_fields (self, amount, close_on),
                                       _crm_opportunity_editor_is_lost (self) ? lost_reason : NULL,
                                       self->cancellable, on_inserted_cb, g_object_ref (self));
      return;
    }

  crm_store_run_async (self->store, _("Edit opportunity"), CRM_ORIGIN_PERSON, edit_job,
                       build_edit_job (self, amount, close_on, lost_reason), edit_job_free,
                       self->cancellable, on_edited_cb, g_object_ref (self));
}

void
_crm_opportunity_editor_save_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  crm_opportunity_editor_save (CRM_OPPORTUNITY_EDITOR (widget));
}
