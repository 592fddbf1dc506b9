/* crm-call-logger.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-call-logger"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-core.h"
#include "crm-opportunity-editor.h"
#include "crm-toast-queue.h"

#include "crm-call-logger.h"

/**
 * CrmCallLogger:
 *
 * A small window of its own for one call: a timer that runs from when it
 * opens (End Call stops it), the number handed to the softphone, how the
 * call went, notes, and a follow-up task due tomorrow, in three days or in
 * a week. Save writes the call and the task as one change; its toast, with
 * Undo, goes to the window the logger was opened from, where the lead
 * lifecycle's notice (a New Lead becomes a Working Lead) joins it. A save
 * that fails leaves the window as it is.
 *
 * A machine without an app for `tel:` says so here and offers the number
 * to copy.
 */

#define TICK_MS 250

struct _CrmCallLogger
{
  AdwWindow         parent_instance;

  /* Template widgets */
  AdwWindowTitle   *window_title;
  GtkButton        *save_button;
  GtkInfoBar       *handoff_bar;
  GtkLabel         *handoff_label;
  GtkButton        *copy_button;
  GtkLabel         *timer_label;
  GtkButton        *call_button;
  AdwButtonContent *call_button_content;
  GtkToggleButton  *end_button;
  GtkFlowBox       *outcome_box;
  GtkTextView      *notes_view;
  GtkBox           *follow_up_box;
  AdwEntryRow      *task_row;
  GtkLabel         *message_label;

  /* Owned */
  CrmStore         *store;
  AdwToastOverlay  *overlay;
  GCancellable     *cancellable;
  char             *customer_name;
  char             *phone;
  char             *started_at;
  GtkToggleButton  *outcome_buttons[6];
  GtkToggleButton  *follow_up_buttons[4];

  /* State */
  gint64            customer_id;
  gint64            started_us;
  gint64            stopped_us;        /* 0 while the timer runs */
  guint             tick_id;
  gboolean          saving;
  gboolean          saved;
};

G_DEFINE_FINAL_TYPE (CrmCallLogger, crm_call_logger, ADW_TYPE_WINDOW)

/* Plain functions */

/**
 * crm_call_logger_format_elapsed:
 * @seconds: how long the call has run
 *
 * Returns: (transfer full): the timer's text: "0:07", "12:30", "1:02:03"
 */
char *
crm_call_logger_format_elapsed (gint64 seconds)
{
  seconds = MAX (seconds, 0);

  if (seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int) (seconds / 3600),
                            (int) (seconds / 60 % 60), (int) (seconds % 60));

  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

/**
 * crm_call_logger_follow_up_due:
 * @follow_up: a follow-up
 * @today: today's local date
 *
 * Returns: (transfer full) (nullable): the task's due date, %NULL for
 *   %CRM_FOLLOW_UP_NONE
 */
GDate *
crm_call_logger_follow_up_due (CrmFollowUp  follow_up,
                               const GDate *today)
{
  static const guint days[] = { 0, 1, 3, 7 };
  GDate *due;

  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);
  g_return_val_if_fail (follow_up <= CRM_FOLLOW_UP_NEXT_WEEK, NULL);

  if (follow_up == CRM_FOLLOW_UP_NONE)
    return NULL;

  due = g_date_copy (today);
  g_date_add_days (due, days[follow_up]);

  return due;
}

/**
 * crm_call_logger_build_call:
 * @customer_id: whom the call was with
 * @outcome: how it went (see crm_call_outcome_get_all())
 * @elapsed: the seconds the logger's timer ran
 * @notes: what the rep wrote
 * @started_at: when the call started, a timestamp
 * @author: (nullable): the rep's email
 *
 * Returns: (transfer floating): the call's activity, a{sv}
 */
GVariant *
crm_call_logger_build_call (gint64      customer_id,
                            const char *outcome,
                            gint64      elapsed,
                            const char *notes,
                            const char *started_at,
                            const char *author)
{
  g_autofree char *body = NULL;
  GVariantDict fields;

  g_return_val_if_fail (outcome != NULL && notes != NULL && started_at != NULL, NULL);

  body = g_strstrip (g_strdup (notes));

  g_variant_dict_init (&fields, NULL);
  g_variant_dict_insert (&fields, "customer_id", "x", customer_id);
  g_variant_dict_insert (&fields, "kind", "s", "call");
  g_variant_dict_insert (&fields, "occurred_at", "s", started_at);
  g_variant_dict_insert (&fields, "call_outcome", "s", outcome);
  g_variant_dict_insert (&fields, "call_duration", "x",
                         crm_call_outcome_duration (outcome, elapsed));
  g_variant_dict_insert (&fields, "body", "s", body);
  if (author != NULL && author[0] != '\0')
    g_variant_dict_insert (&fields, "author", "s", author);

  return g_variant_dict_end (&fields);
}

/**
 * crm_call_logger_build_task:
 * @customer_id: whom the task is about
 * @follow_up: when it is due
 * @details: what to do; empty for the default text
 * @today: today's local date
 * @assignee: (nullable): who does it, the rep
 *
 * Returns: (transfer floating) (nullable): the task, a{sv}, or %NULL for
 *   %CRM_FOLLOW_UP_NONE
 */
GVariant *
crm_call_logger_build_task (gint64       customer_id,
                            CrmFollowUp  follow_up,
                            const char  *details,
                            const GDate *today,
                            const char  *assignee)
{
  g_autoptr(GDate) due = NULL;
  g_autofree char *due_text = NULL;
  g_autofree char *text = NULL;
  GVariantDict fields;

  g_return_val_if_fail (details != NULL, NULL);

  due = crm_call_logger_follow_up_due (follow_up, today);
  if (due == NULL)
    return NULL;

  due_text = crm_date_format (due);
  text = g_strstrip (g_strdup (details));

  g_variant_dict_init (&fields, NULL);
  g_variant_dict_insert (&fields, "customer_id", "x", customer_id);
  g_variant_dict_insert (&fields, "details", "s",
                         text[0] != '\0' ? text : _("Follow up on the call"));
  g_variant_dict_insert (&fields, "kind", "s", "follow-up");
  g_variant_dict_insert (&fields, "due_on", "s", due_text);
  if (assignee != NULL && assignee[0] != '\0')
    g_variant_dict_insert (&fields, "assignee", "s", assignee);

  return g_variant_dict_end (&fields);
}

/**
 * crm_call_logger_dup_logged:
 * @follow_up: the follow-up saved with the call
 *
 * Returns: (transfer full): the toast that reports a logged call
 */
char *
crm_call_logger_dup_logged (CrmFollowUp follow_up)
{
  switch (follow_up)
    {
    case CRM_FOLLOW_UP_TOMORROW:
      return g_strdup (_("Call logged, follow-up due tomorrow"));
    case CRM_FOLLOW_UP_IN_3_DAYS:
      return g_strdup (_("Call logged, follow-up due in 3 days"));
    case CRM_FOLLOW_UP_NEXT_WEEK:
      return g_strdup (_("Call logged, follow-up due next week"));
    case CRM_FOLLOW_UP_NONE:
    default:
      return g_strdup (_("Call logged"));
    }
}

/**
 * crm_call_logger_dup_tel_uri:
 * @phone: a phone number as written ("+43 1 234-5678")
 *
 * Returns: (transfer full): a `tel:` URI; dashes separate, as spaces may
 *   not appear in one
 */
char *
crm_call_logger_dup_tel_uri (const char *phone)
{
  GString *uri = g_string_new ("tel:");

  g_return_val_if_fail (phone != NULL, NULL);

  for (const char *p = phone; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p) || *p == '+' || *p == '*' || *p == '#')
        g_string_append_c (uri, *p);
      else if ((*p == ' ' || *p == '-' || *p == '.' || *p == '/') &&
               uri->len > 4 && uri->str[uri->len - 1] != '-')
        g_string_append_c (uri, '-');
    }

  if (uri->str[uri->len - 1] == '-')
    g_string_truncate (uri, uri->len - 1);

  return g_string_free (uri, FALSE);
}

/* The window */

static const char *
get_outcome (CrmCallLogger *self)
{
  const char * const *outcomes = crm_call_outcome_get_all ();

  for (guint i = 0; outcomes[i] != NULL; i++)
    if (gtk_toggle_button_get_active (self->outcome_buttons[i]))
      return outcomes[i];

  return NULL;
}

static CrmFollowUp
get_follow_up (CrmCallLogger *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->follow_up_buttons); i++)
    if (gtk_toggle_button_get_active (self->follow_up_buttons[i]))
      return i;

  return CRM_FOLLOW_UP_NONE;
}

static char *
dup_notes (CrmCallLogger *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/**
 * crm_call_logger_get_elapsed:
 * @self: a #CrmCallLogger
 *
 * Returns: the seconds the timer has run
 */
gint64
crm_call_logger_get_elapsed (CrmCallLogger *self)
{
  gint64 end;

  g_return_val_if_fail (CRM_IS_CALL_LOGGER (self), 0);

  end = self->stopped_us != 0 ? self->stopped_us : g_get_monotonic_time ();
  return (end - self->started_us) / G_USEC_PER_SEC;
}

static void
update_timer (CrmCallLogger *self)
{
  g_autofree char *text = crm_call_logger_format_elapsed (crm_call_logger_get_elapsed (self));

  gtk_label_set_label (self->timer_label, text);
}

static gboolean
on_tick_cb (gpointer user_data)
{
  update_timer (CRM_CALL_LOGGER (user_data));

  return G_SOURCE_CONTINUE;
}

static void
update_save_button (CrmCallLogger *self)
{
  gboolean ready = get_outcome (self) != NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), ready && !self->saving);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button),
                               ready ? NULL : _("Choose how the call went first"));
}

static void
on_end_toggled_cb (CrmCallLogger *self)
{
  gboolean ended = gtk_toggle_button_get_active (self->end_button);

  if (ended)
    {
      self->stopped_us = g_get_monotonic_time ();
    }
  else
    {
      /* Resuming goes on from where it stopped. */
      self->started_us += g_get_monotonic_time () - self->stopped_us;
      self->stopped_us = 0;
    }

  gtk_button_set_label (GTK_BUTTON (self->end_button), ended ? _("_Resume") : _("_End Call"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->end_button),
                               ended ? _("Run the timer again") : _("Stop the timer"));
  if (ended)
    gtk_widget_add_css_class (GTK_WIDGET (self->timer_label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->timer_label), "dim-label");
  update_timer (self);
}

/* Once the call is over, the timer stops: notes take a while to write. */
static void
on_outcome_toggled_cb (GtkToggleButton *button,
                       CrmCallLogger   *self)
{
  if (gtk_toggle_button_get_active (button) && !gtk_toggle_button_get_active (self->end_button))
    gtk_toggle_button_set_active (self->end_button, TRUE);

  update_save_button (self);
}

static void
on_follow_up_toggled_cb (CrmCallLogger *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->task_row),
                            get_follow_up (self) != CRM_FOLLOW_UP_NONE);
}

/* Hand-off */

static void
show_handoff_failure (CrmCallLogger *self)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = g_strsplit (self->phone, " ", -1);
  g_autofree char *number = g_strjoinv ("\u00a0", parts);

  /* Translators: %s is a phone number */
  text = g_strdup_printf (_("No app on this computer places calls. Dial %s on your phone; "
                            "the timer runs."), number);
  gtk_label_set_label (self->handoff_label, text);
  gtk_info_bar_set_revealed (self->handoff_bar, TRUE);
}

static void
on_tel_launched_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CrmCallLogger) self = user_data;
  g_autoptr(GError) error = NULL;

  if (g_app_info_launch_default_for_uri_finish (result, &error))
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The number stays out of the log. */
  g_debug ("Failed to hand a number to a softphone: %s", error->message);
  show_handoff_failure (self);
}

/**
 * crm_call_logger_place_call:
 * @self: a #CrmCallLogger with a number
 *
 * Hands the number to the app for `tel:` links, as the Call button does.
 */
void
crm_call_logger_place_call (CrmCallLogger *self)
{
  g_autoptr(GdkAppLaunchContext) context = NULL;
  g_autofree char *uri = NULL;

  g_return_if_fail (CRM_IS_CALL_LOGGER (self));

  if (self->phone == NULL)
    return;

  uri = crm_call_logger_dup_tel_uri (self->phone);
  context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context),
                                           self->cancellable, on_tel_launched_cb,
                                           g_object_ref (self));
}

static void
on_call_clicked_cb (CrmCallLogger *self)
{
  crm_call_logger_place_call (self);
}

/* The button says it is done; the bar stays, for the number to read. */
static void
on_copy_clicked_cb (CrmCallLogger *self)
{
  if (self->phone == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->phone);
  gtk_button_set_label (self->copy_button, _("Copied"));
}

/* Saving */

typedef struct
{
  CrmCallLogger *logger;
  GVariant      *call;
  GVariant      *task;
  CrmFollowUp    follow_up;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_clear_object (&job->logger);
  g_clear_pointer (&job->call, g_variant_unref);
  g_clear_pointer (&job->task, g_variant_unref);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveJob, save_job_free)

/* Writer thread: the call and its task, one change; the lifecycle rule
 * runs inside the call's insert. */
static gboolean
save_job (CrmStoreTxn  *txn,
          gpointer      data,
          GError      **error)
{
  SaveJob *job = data;

  if (crm_store_txn_insert (txn, CRM_ENTITY_ACTIVITY, g_variant_ref (job->call), error) <= 0)
    return FALSE;

  return job->task == NULL ||
         crm_store_txn_insert (txn, CRM_ENTITY_TASK, g_variant_ref (job->task), error) > 0;
}

static void
show_message (CrmCallLogger *self,
              const char    *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SaveJob) job = user_data;
  CrmCallLogger *self = job->logger;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *title = NULL;
  gint64 undo_group = 0;

  if (!crm_store_mutation_finish (CRM_STORE (object), result, &undo_group, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* Nothing typed is lost: the window stays as it was. */
      self->saving = FALSE;
      update_save_button (self);
      /* Translators: %s says why */
      message = g_strdup_printf (_("Could not log the call: %s"), error->message);
      show_message (self, message);
      return;
    }

  /* The toast goes where the rep goes back to; the lifecycle's notice of
   * the same change joins it there. */
  title = crm_call_logger_dup_logged (job->follow_up);
  if (self->overlay != NULL && gtk_widget_get_root (GTK_WIDGET (self->overlay)) != NULL)
    crm_toast_queue_show_change (self->overlay, self->store, title, undo_group);

  self->saved = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * crm_call_logger_save:
 * @self: a #CrmCallLogger with an outcome chosen
 *
 * Writes the call (and its task), as the Save button does.
 */
void
crm_call_logger_save (CrmCallLogger *self)
{
  g_autofree char *notes = NULL;
  g_autofree char *me = NULL;
  g_autofree char *today_text = NULL;
  g_autoptr(GDate) today = NULL;
  const char *outcome;
  SaveJob *job;

  g_return_if_fail (CRM_IS_CALL_LOGGER (self));

  outcome = get_outcome (self);
  if (outcome == NULL || self->saving)
    return;

  notes = dup_notes (self);
  me = crm_store_dup_setting (self->store, "me.email");
  today_text = crm_store_dup_today (self->store);
  today = crm_date_parse (today_text);

  job = g_new0 (SaveJob, 1);
  job->logger = g_object_ref (self);
  job->follow_up = get_follow_up (self);
  job->call = g_variant_ref_sink (crm_call_logger_build_call (self->customer_id, outcome,
                                                              crm_call_logger_get_elapsed (self),
                                                              notes, self->started_at, me));
  job->task = crm_call_logger_build_task (self->customer_id, job->follow_up,
                                          gtk_editable_get_text (GTK_EDITABLE (self->task_row)),
                                          today, me);
  if (job->task != NULL)
    g_variant_ref_sink (job->task);

  self->saving = TRUE;
  update_save_button (self);
  show_message (self, NULL);
  /* Not cancelled with the window: a call saved is saved. */
  crm_store_run_async (self->store, _("Log call"), CRM_ORIGIN_PERSON, save_job, job, NULL,
                       NULL, on_saved_cb, job);
}

static void
crm_call_logger_save_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  crm_call_logger_save (CRM_CALL_LOGGER (widget));
}

static void
on_save_clicked_cb (CrmCallLogger *self)
{
  crm_call_logger_save (self);
}

static void
on_cancel_clicked_cb (CrmCallLogger *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
destroy_cb (gpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));

  return G_SOURCE_REMOVE;
}

/* The dialog closes itself after its response: the logger, its parent,
 * goes once it has. */
static void
on_discard_response_cb (CrmCallLogger *self,
                        const char    *response)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;

  self->saved = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_cb, g_object_ref (self), g_object_unref);
}

/* Notes or an outcome are not thrown away without a word. */
static gboolean
crm_call_logger_close_request (GtkWindow *window)
{
  CrmCallLogger *self = CRM_CALL_LOGGER (window);
  g_autofree char *notes = dup_notes (self);
  GtkWidget *dialog;
  gboolean empty = get_outcome (self) == NULL && g_strstrip (notes)[0] == '\0';

  if (self->saved || self->saving || empty)
    return FALSE;

  dialog = adw_message_dialog_new (window, _("Discard This Call?"),
                                   _("The outcome and notes are not saved."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

/* Setup */

static GtkToggleButton *
add_choice (GtkWidget       *container,
            const char      *label,
            GtkToggleButton *group)
{
  GtkWidget *button = gtk_toggle_button_new_with_mnemonic (label);

  if (group != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);

  if (GTK_IS_FLOW_BOX (container))
    {
      gtk_flow_box_append (GTK_FLOW_BOX (container), button);
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
  else
    {
      gtk_box_append (GTK_BOX (container), button);
    }

  return GTK_TOGGLE_BUTTON (button);
}

static void
add_outcomes (CrmCallLogger *self)
{
  const char * const *outcomes = crm_call_outcome_get_all ();

  g_assert (g_strv_length ((char **) outcomes) < G_N_ELEMENTS (self->outcome_buttons));

  for (guint i = 0; outcomes[i] != NULL; i++)
    {
      self->outcome_buttons[i] = add_choice (GTK_WIDGET (self->outcome_box),
                                             crm_call_outcome_get_label (outcomes[i]),
                                             i > 0 ? self->outcome_buttons[0] : NULL);
      g_signal_connect_object (self->outcome_buttons[i], "toggled",
                               G_CALLBACK (on_outcome_toggled_cb), self, 0);
    }
}

static void
add_follow_ups (CrmCallLogger *self)
{
  const char *labels[] = {
    C_("follow-up", "None"),
    C_("follow-up", "Tomorrow"),
    C_("follow-up", "In 3 Days"),
    C_("follow-up", "Next Week"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      self->follow_up_buttons[i] = add_choice (GTK_WIDGET (self->follow_up_box), labels[i],
                                               i > 0 ? self->follow_up_buttons[0] : NULL);
      g_signal_connect_object (self->follow_up_buttons[i], "toggled",
                               G_CALLBACK (on_follow_up_toggled_cb), self, G_CONNECT_SWAPPED);
    }

  gtk_toggle_button_set_active (self->follow_up_buttons[CRM_FOLLOW_UP_NONE], TRUE);
}

/**
 * crm_call_logger_set_outcome:
 * @self: a #CrmCallLogger
 * @outcome: one of crm_call_outcome_get_all()
 *
 * Chooses the outcome, as its button does.
 */
void
crm_call_logger_set_outcome (CrmCallLogger *self,
                             const char    *outcome)
{
  const char * const *outcomes = crm_call_outcome_get_all ();

  g_return_if_fail (CRM_IS_CALL_LOGGER (self));

  for (guint i = 0; outcomes[i] != NULL; i++)
    if (g_strcmp0 (outcomes[i], outcome) == 0)
      gtk_toggle_button_set_active (self->outcome_buttons[i], TRUE);
}

/**
 * crm_call_logger_set_follow_up:
 * @self: a #CrmCallLogger
 * @follow_up: the follow-up
 *
 * Chooses the follow-up, as its button does.
 */
void
crm_call_logger_set_follow_up (CrmCallLogger *self,
                               CrmFollowUp    follow_up)
{
  g_return_if_fail (CRM_IS_CALL_LOGGER (self));
  g_return_if_fail (follow_up <= CRM_FOLLOW_UP_NEXT_WEEK);

  gtk_toggle_button_set_active (self->follow_up_buttons[follow_up], TRUE);
}

/**
 * crm_call_logger_set_notes:
 * @self: a #CrmCallLogger
 * @notes: the notes
 */
void
crm_call_logger_set_notes (CrmCallLogger *self,
                           const char    *notes)
{
  g_return_if_fail (CRM_IS_CALL_LOGGER (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), notes, -1);
}

static void
crm_call_logger_dispose (GObject *object)
{
  CrmCallLogger *self = CRM_CALL_LOGGER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->overlay);

  G_OBJECT_CLASS (crm_call_logger_parent_class)->dispose (object);
}

static void
crm_call_logger_finalize (GObject *object)
{
  CrmCallLogger *self = CRM_CALL_LOGGER (object);

  g_free (self->customer_name);
  g_free (self->phone);
  g_free (self->started_at);

  G_OBJECT_CLASS (crm_call_logger_parent_class)->finalize (object);
}

static void
crm_call_logger_class_init (CrmCallLoggerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = crm_call_logger_dispose;
  object_class->finalize = crm_call_logger_finalize;
  window_class->close_request = crm_call_logger_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gui/crm-call-logger.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmCallLogger, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrmCallLogger, save_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCallLogger, handoff_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmCallLogger, handoff_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCallLogger, copy_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCallLogger, timer_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCallLogger, call_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCallLogger, call_button_content);
  gtk_widget_class_bind_template_child (widget_class, CrmCallLogger, end_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCallLogger, outcome_box);
  gtk_widget_class_bind_template_child (widget_class, CrmCallLogger, notes_view);
  gtk_widget_class_bind_template_child (widget_class, CrmCallLogger, follow_up_box);
  gtk_widget_class_bind_template_child (widget_class, CrmCallLogger, task_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCallLogger, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_call_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_end_toggled_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "call.save", NULL);
  gtk_widget_class_install_action (widget_class, "call.save", NULL,
                                   crm_call_logger_save_action);
}

static void
crm_call_logger_init (CrmCallLogger *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  add_outcomes (self);
  add_follow_ups (self);
  gtk_editable_set_text (GTK_EDITABLE (self->task_row), _("Follow up on the call"));

  /* The call starts as the window opens. */
  self->started_us = g_get_monotonic_time ();
  self->started_at = crm_timestamp_now ();
  self->tick_id = g_timeout_add (TICK_MS, on_tick_cb, self);
}

/**
 * crm_call_logger_new:
 * @application: (nullable): the application, which keeps the window
 * @store: the store
 * @customer_id: whom the call is with
 * @customer_name: their name, for the title
 * @contact_name: (nullable): the contact called
 * @phone: (nullable): the number to call
 * @overlay: (nullable): where the saved call is reported
 *
 * Returns: (transfer none): a new logger, owned by GTK's list of toplevels;
 *   its timer runs already
 */
GtkWidget *
crm_call_logger_new (GtkApplication  *application,
                     CrmStore        *store,
                     gint64           customer_id,
                     const char      *customer_name,
                     const char      *contact_name,
                     const char      *phone,
                     AdwToastOverlay *overlay)
{
  CrmCallLogger *self;
  g_autofree char *subtitle = NULL;
  g_autofree char *call_label = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (customer_name != NULL, NULL);
  g_return_val_if_fail (overlay == NULL || ADW_IS_TOAST_OVERLAY (overlay), NULL);

  self = g_object_new (CRM_TYPE_CALL_LOGGER, "application", application, NULL);
  self->store = g_object_ref (store);
  self->overlay = overlay != NULL ? g_object_ref (overlay) : NULL;
  self->customer_id = customer_id;
  self->customer_name = g_strdup (customer_name);
  self->phone = phone != NULL && phone[0] != '\0' ? g_strdup (phone) : NULL;

  if (contact_name != NULL && contact_name[0] != '\0')
    /* Translators: "Lena Maier · Orchard Tools": a contact and a customer */
    subtitle = g_strdup_printf (_("%s · %s"), contact_name, customer_name);
  else
    subtitle = g_strdup (customer_name);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), subtitle);

  if (self->phone != NULL)
    {
      /* Translators: %s is a phone number */
      call_label = g_strdup_printf (_("_Call %s"), self->phone);
      adw_button_content_set_label (self->call_button_content, call_label);
      gtk_widget_set_visible (GTK_WIDGET (self->call_button), TRUE);
    }

  return GTK_WIDGET (self);
}
