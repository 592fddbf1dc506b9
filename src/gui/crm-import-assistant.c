/* crm-import-assistant.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-import-assistant"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-import-assistant-private.h"
#include "crm-store.h"

/**
 * CrmImportAssistant:
 *
 * Imports customers from a CSV file, one step per page: the file, its
 * encoding and delimiter, the columns, what to do with duplicates, a
 * preview of the first rows as they will be stored, the progress (with
 * Cancel), and a summary that lists every skipped row.
 *
 * Loading runs in a worker thread and the import on the store's writer
 * thread, so the window stays responsive; the import is one transaction
 * and Cancel rolls it back.
 */

G_DEFINE_FINAL_TYPE (CrmImportAssistant, crm_import_assistant, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The steps a person goes through, in order. */
static const struct {
  const char *name;
  const char *title;
} steps[] = {
  { "file", N_("Choose a File") },
  { "format", N_("Encoding and Delimiter") },
  { "mapping", N_("Columns") },
  { "duplicates", N_("Duplicates") },
  { "preview", N_("Preview") },
};

static int
current_step (CrmImportAssistant *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      if (g_strcmp0 (page, steps[i].name) == 0)
        return (int) i;
    }

  return -1;
}

static void
update_header (CrmImportAssistant *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  int step = current_step (self);
  gboolean loaded = crm_csv_import_get_document (self->import) != NULL;
  g_autofree char *subtitle = NULL;

  if (step >= 0)
    subtitle = g_strdup_printf (_("Step %d of %u · %s"), step + 1,
                                (guint) G_N_ELEMENTS (steps), _(steps[step].title));
  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : "");

  gtk_widget_set_visible (self->back_button, step > 0);
  gtk_widget_set_visible (self->next_button, g_strcmp0 (page, "progress") != 0);
  gtk_button_set_label (GTK_BUTTON (self->next_button),
                        g_strcmp0 (page, "preview") == 0 ? _("_Import")
                        : g_strcmp0 (page, "summary") == 0 ? _("_Done")
                        : _("_Next"));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.next",
                                 g_strcmp0 (page, "summary") == 0 ||
                                 (loaded && !self->format_failed &&
                                  (g_strcmp0 (page, "preview") != 0 ||
                                   self->preview != NULL)));
}

/* Keyboard: the new page's first control takes the focus, else Next, so
 * nobody is left on a control of the page that went. */
static void
focus_page (CrmImportAssistant *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);

  if (page != NULL && gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD))
    return;

  if (gtk_widget_is_sensitive (self->next_button) && gtk_widget_get_visible (self->next_button))
    gtk_widget_grab_focus (self->next_button);
}

static void
show_page (CrmImportAssistant *self,
           const char         *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  update_header (self);
  focus_page (self);
}

static void
on_stack_visible_child_cb (CrmImportAssistant *self)
{
  update_header (self);
}

/* ------------------------------------------------------------------ */
/* Loading                                                             */
/* ------------------------------------------------------------------ */

static void
set_loading (CrmImportAssistant *self,
             gboolean            loading)
{
  gtk_widget_set_visible (self->load_spinner, loading);
  gtk_spinner_set_spinning (GTK_SPINNER (self->load_spinner), loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.choose-file", !loading);
}

static void
show_file_error (CrmImportAssistant *self,
                 const char         *message)
{
  g_autofree char *text = NULL;

  if (message != NULL)
    text = g_strdup_printf (_("This file cannot be imported: %s."), message);

  gtk_label_set_text (self->file_error_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->file_error_label), message != NULL);
}

/* The encoding or delimiter chosen cannot read the file: the page says
 * why under the choices, hides the rows read before and holds Next back
 * until another choice reads it. */
static void
show_format_error (CrmImportAssistant *self,
                   const char         *message)
{
  g_autofree char *text = NULL;

  self->format_failed = message != NULL;
  if (message != NULL)
    {
      text = g_strdup_printf (_("The file cannot be read this way: %s."), message);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->encoding_row), _("As chosen"));
    }

  gtk_label_set_text (self->format_error_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->format_error_label), message != NULL);
  gtk_widget_set_visible (self->sample_group, message == NULL);
  update_header (self);
}

static void
reset_cancellable (GCancellable **cancellable)
{
  g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
  *cancellable = g_cancellable_new ();
}

static void
on_file_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CrmImportAssistant) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!crm_csv_import_load_finish (CRM_CSV_IMPORT (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      set_loading (self, FALSE);
      show_file_error (self, error->message);
      return;
    }

  set_loading (self, FALSE);

  /* Nothing to import: say so where the person chose the file. */
  if (crm_csv_document_get_n_rows (crm_csv_import_get_document (self->import)) == 0)
    {
      show_file_error (self, _("it has a header row but no customers under it"));
      return;
    }

  show_format_error (self, NULL);
  g_clear_pointer (&self->preview, crm_import_summary_unref);
  _crm_import_assistant_fill_format (self);
  _crm_import_assistant_fill_mapping (self);
  show_page (self, "format");
}

/**
 * crm_import_assistant_open_file:
 * @self: a #CrmImportAssistant
 * @file: a CSV file
 *
 * Loads @file (in a worker thread) and, once it is read, shows its
 * encoding and delimiter. A file that cannot be read leaves the assistant
 * on the first page, saying why.
 */
void
crm_import_assistant_open_file (CrmImportAssistant *self,
                                GFile              *file)
{
  g_return_if_fail (CRM_IS_IMPORT_ASSISTANT (self));
  g_return_if_fail (G_IS_FILE (file));

  reset_cancellable (&self->cancellable);
  show_file_error (self, NULL);
  set_loading (self, TRUE);
  crm_csv_import_load_async (self->import, file, NULL, 0, self->cancellable,
                             on_file_loaded_cb, g_object_ref (self));
}

static void
on_reloaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CrmImportAssistant) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!crm_csv_import_load_finish (CRM_CSV_IMPORT (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_format_error (self, error->message);
      return;
    }

  show_format_error (self, NULL);
  g_clear_pointer (&self->preview, crm_import_summary_unref);
  _crm_import_assistant_fill_format (self);
  _crm_import_assistant_fill_mapping (self);
  update_header (self);
}

static void
on_format_row_selected_cb (CrmImportAssistant *self)
{
  if (self->updating || crm_csv_import_get_document (self->import) == NULL)
    return;

  reset_cancellable (&self->cancellable);
  crm_csv_import_load_async (self->import, NULL,
                             _crm_import_assistant_get_chosen_encoding (self),
                             _crm_import_assistant_get_chosen_delimiter (self),
                             self->cancellable, on_reloaded_cb, g_object_ref (self));
}

static void
on_chooser_response_cb (CrmImportAssistant   *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->chooser);
  if (file != NULL)
    crm_import_assistant_open_file (self, file);
}

static void
crm_import_assistant_choose_file_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  CrmImportAssistant *self = CRM_IMPORT_ASSISTANT (widget);
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (csv, _("CSV Files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_mime_type (csv, "text/tab-separated-values");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_suffix (csv, "tsv");
  gtk_file_filter_add_suffix (csv, "txt");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Choose a CSV File"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (on_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ------------------------------------------------------------------ */
/* Duplicates and preview                                              */
/* ------------------------------------------------------------------ */

static void
on_duplicates_toggled_cb (CrmImportAssistant *self)
{
  CrmImportDuplicates mode = CRM_IMPORT_DUPLICATES_SKIP;

  if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->update_check)))
    mode = CRM_IMPORT_DUPLICATES_UPDATE;
  else if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->create_check)))
    mode = CRM_IMPORT_DUPLICATES_CREATE;

  crm_csv_import_set_duplicates (self->import, mode);
}

static void
on_preview_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CrmImportAssistant) self = user_data;
  g_autoptr(GError) error = NULL;
  CrmImportSummary *preview;

  preview = crm_csv_import_preview_finish (CRM_CSV_IMPORT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_stop (self->preview_spinner);
  if (preview == NULL)
    {
      g_warning ("Failed to preview an import: %s", error->message);
      preview = crm_import_summary_new (TRUE);
    }

  g_clear_pointer (&self->preview, crm_import_summary_unref);
  self->preview = preview;
  _crm_import_assistant_fill_preview (self);
  update_header (self);
}

static void
start_preview (CrmImportAssistant *self)
{
  reset_cancellable (&self->cancellable);
  g_clear_pointer (&self->preview, crm_import_summary_unref);
  _crm_import_assistant_clear_preview (self);
  gtk_spinner_start (self->preview_spinner);

  crm_csv_import_preview_async (self->import, CRM_IMPORT_PREVIEW_ROWS, self->cancellable,
                                on_preview_done_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------ */
/* Running                                                             */
/* ------------------------------------------------------------------ */

static void
on_rows_done_cb (CrmImportAssistant *self)
{
  guint done = crm_csv_import_get_rows_done (self->import);
  guint total = crm_csv_import_get_rows_total (self->import);
  g_autofree char *text = NULL;

  /* After the last row the store indexes and commits them all, which
   * takes a moment on a large file: say so rather than sit at 100 %. */
  if (total > 0 && done == total)
    text = g_strdup (_("Saving…"));
  else
    /* TRANSLATORS: progress of an import, "1200 of 5000 rows" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u row", "%u of %u rows",
                                         total), done, total);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0);
}

static void
set_summary (CrmImportAssistant *self,
             const char         *icon,
             const char         *title,
             const char         *description)
{
  adw_status_page_set_icon_name (self->summary_page, icon);
  adw_status_page_set_title (self->summary_page, title);
  adw_status_page_set_description (self->summary_page, description);
}

static void
show_skips (CrmImportAssistant *self)
{
  guint n_skipped = crm_import_summary_get_n_skipped (self->summary);
  g_autoptr(GtkStringList) lines = gtk_string_list_new (NULL);
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autofree char *heading = NULL;

  gtk_widget_set_visible (self->skips_box, n_skipped > 0);
  if (n_skipped == 0)
    return;

  for (guint i = 0; i < n_skipped; i++)
    {
      g_autofree char *line = crm_import_outcome_format (crm_import_summary_get_skip (self->summary,
                                                                                   i));

      gtk_string_list_append (lines, line);
    }

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Skipped Row",
                                          "%u Skipped Rows", n_skipped), n_skipped);
  gtk_label_set_text (self->skips_label, heading);

  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&lines)));
  gtk_list_view_set_model (self->skips_view, GTK_SELECTION_MODEL (selection));
}

static void
on_run_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CrmImportAssistant) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *counts = NULL;

  self->running = FALSE;
  g_signal_handlers_disconnect_by_func (self->import, on_rows_done_cb, self);
  self->summary = crm_csv_import_run_finish (CRM_CSV_IMPORT (source), result, &error);

  if (self->summary != NULL)
    {
      /* TRANSLATORS: the outcome of an import */
      counts = g_strdup_printf (_("%u created · %u updated · %u skipped"),
                                crm_import_summary_get_n_created (self->summary),
                                crm_import_summary_get_n_updated (self->summary),
                                crm_import_summary_get_n_skipped (self->summary));
      set_summary (self, "emblem-ok-symbolic", _("Import Complete"), counts);
      show_skips (self);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_summary (self, "process-stop-symbolic", _("Import Cancelled"),
                   _("Nothing was stored: your customers are as they were."));
      gtk_widget_set_visible (self->skips_box, FALSE);
    }
  else
    {
      counts = g_strdup_printf (_("Nothing was stored. %s"), error->message);
      set_summary (self, "dialog-error-symbolic", _("Import Failed"), counts);
      gtk_widget_set_visible (self->skips_box, FALSE);
    }

  show_page (self, "summary");
}

static void
start_import (CrmImportAssistant *self)
{
  reset_cancellable (&self->cancellable);
  reset_cancellable (&self->run_cancellable);
  self->running = TRUE;

  g_signal_connect_object (self->import, "notify::rows-done",
                           G_CALLBACK (on_rows_done_cb), self, G_CONNECT_SWAPPED);
  crm_csv_import_run_async (self->import, self->run_cancellable, on_run_done_cb,
                            g_object_ref (self));
  on_rows_done_cb (self);
  show_page (self, "progress");
}

/* ------------------------------------------------------------------ */
/* Actions                                                             */
/* ------------------------------------------------------------------ */

static void
crm_import_assistant_next_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  CrmImportAssistant *self = CRM_IMPORT_ASSISTANT (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  int step = current_step (self);

  if (g_str_equal (page, "summary"))
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  if (g_str_equal (page, "preview"))
    {
      start_import (self);
      return;
    }

  if (step < 0 || step + 1 >= (int) G_N_ELEMENTS (steps))
    return;

  if (g_str_equal (steps[step + 1].name, "preview"))
    start_preview (self);
  show_page (self, steps[step + 1].name);
}

static void
crm_import_assistant_back_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  CrmImportAssistant *self = CRM_IMPORT_ASSISTANT (widget);
  int step = current_step (self);

  if (step > 0)
    {
      /* A preview in flight is for the settings being left. */
      g_cancellable_cancel (self->cancellable);
      show_page (self, steps[step - 1].name);
    }
}

static void
crm_import_assistant_cancel_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  CrmImportAssistant *self = CRM_IMPORT_ASSISTANT (widget);

  g_cancellable_cancel (self->run_cancellable);
}

static void
crm_import_assistant_copy_skips_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  CrmImportAssistant *self = CRM_IMPORT_ASSISTANT (widget);
  g_autofree char *text = NULL;

  if (self->summary == NULL)
    return;

  text = crm_import_summary_format_skips (self->summary);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

/* Closing while the import runs cancels it: nothing is stored. */
static gboolean
on_close_request_cb (CrmImportAssistant *self)
{
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->run_cancellable);

  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Skipped rows                                                        */
/* ------------------------------------------------------------------ */

static void
on_skip_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_list_item_set_child (item, label);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
on_skip_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkStringObject *line = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (line));
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
crm_import_assistant_constructed (GObject *object)
{
  CrmImportAssistant *self = (CrmImportAssistant *) object;

  G_OBJECT_CLASS (crm_import_assistant_parent_class)->constructed (object);

  self->import = crm_csv_import_new (self->store);
  update_header (self);
}

static void
crm_import_assistant_dispose (GObject *object)
{
  CrmImportAssistant *self = (CrmImportAssistant *) object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->run_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_IMPORT_ASSISTANT);

  G_OBJECT_CLASS (crm_import_assistant_parent_class)->dispose (object);
}

static void
crm_import_assistant_finalize (GObject *object)
{
  CrmImportAssistant *self = (CrmImportAssistant *) object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->run_cancellable);
  g_clear_object (&self->import);
  g_clear_object (&self->store);
  g_clear_object (&self->encodings);
  g_clear_pointer (&self->preview, crm_import_summary_unref);
  g_clear_pointer (&self->summary, crm_import_summary_unref);

  G_OBJECT_CLASS (crm_import_assistant_parent_class)->finalize (object);
}

static void
crm_import_assistant_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CrmImportAssistant *self = CRM_IMPORT_ASSISTANT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_import_assistant_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CrmImportAssistant *self = CRM_IMPORT_ASSISTANT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_import_assistant_class_init (CrmImportAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_import_assistant_constructed;
  object_class->dispose = crm_import_assistant_dispose;
  object_class->finalize = crm_import_assistant_finalize;
  object_class->get_property = crm_import_assistant_get_property;
  object_class->set_property = crm_import_assistant_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CRM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "assistant.next", NULL,
                                   crm_import_assistant_next_action);
  gtk_widget_class_install_action (widget_class, "assistant.back", NULL,
                                   crm_import_assistant_back_action);
  gtk_widget_class_install_action (widget_class, "assistant.cancel", NULL,
                                   crm_import_assistant_cancel_action);
  gtk_widget_class_install_action (widget_class, "assistant.choose-file", NULL,
                                   crm_import_assistant_choose_file_action);
  gtk_widget_class_install_action (widget_class, "assistant.copy-skips", NULL,
                                   crm_import_assistant_copy_skips_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "assistant.choose-file", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gui/crm-import-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmImportAssistant, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrmImportAssistant, back_button);
  gtk_widget_class_bind_template_child (widget_class, CrmImportAssistant, next_button);
  gtk_widget_class_bind_template_child (widget_class, CrmImportAssistant, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmImportAssistant, choose_button);
  gtk_widget_class_bind_template_child (widget_class, CrmImportAssistant, load_spinner);
  gtk_widget_class_bind_template_child (widget_class, CrmImportAssistant, file_error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmImportAssistant, format_group);
  gtk_widget_class_bind_template_child (widget_class, CrmImportAssistant, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, CrmImportAssistant, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, CrmImportAssistant, format_error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmImportAssistant, sample_group);
  gtk_widget_class_bind_template_child (widget_class, CrmImportAssistant, sample_grid);
  gtk_widget_class_bind_template_child (widget_class, CrmImportAssistant, mapping_list);
  gtk_widget_class_bind_template_child (widget_class, CrmImportAssistant, skip_check);
  gtk_widget_class_bind_template_child (widget_class, CrmImportAssistant, update_check);
  gtk_widget_class_bind_template_child (widget_class, CrmImportAssistant, create_check);
  gtk_widget_class_bind_template_child (widget_class, CrmImportAssistant, preview_list);
  gtk_widget_class_bind_template_child (widget_class, CrmImportAssistant, preview_spinner);
  gtk_widget_class_bind_template_child (widget_class, CrmImportAssistant, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmImportAssistant, summary_page);
  gtk_widget_class_bind_template_child (widget_class, CrmImportAssistant, skips_box);
  gtk_widget_class_bind_template_child (widget_class, CrmImportAssistant, skips_label);
  gtk_widget_class_bind_template_child (widget_class, CrmImportAssistant, skips_view);
  gtk_widget_class_bind_template_callback (widget_class, on_stack_visible_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_format_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_duplicates_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_close_request_cb);
}

static void
crm_import_assistant_init (CrmImportAssistant *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->run_cancellable = g_cancellable_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_skip_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_skip_bind_cb), NULL);
  gtk_list_view_set_factory (self->skips_view, factory);
}

/**
 * crm_import_assistant_new:
 * @parent: (nullable): the window to sit on
 * @store: the profile to import into
 *
 * Returns: (transfer full): a new import assistant, on its first page
 */
CrmImportAssistant *
crm_import_assistant_new (GtkWindow *parent,
                          CrmStore  *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  return g_object_new (CRM_TYPE_IMPORT_ASSISTANT,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

/**
 * crm_import_assistant_get_page:
 * @self: a #CrmImportAssistant
 *
 * Returns: the name of the page shown: "file", "format", "mapping",
 *   "duplicates", "preview", "progress" or "summary"
 */
const char *
crm_import_assistant_get_page (CrmImportAssistant *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT_ASSISTANT (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * crm_import_assistant_get_import:
 * @self: a #CrmImportAssistant
 *
 * Returns: (transfer none): the import the assistant sets up
 */
CrmCsvImport *
crm_import_assistant_get_import (CrmImportAssistant *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT_ASSISTANT (self), NULL);

  return self->import;
}

/**
 * crm_import_assistant_get_summary:
 * @self: a #CrmImportAssistant
 *
 * Returns: (transfer none) (nullable): what the import did, once done
 */
CrmImportSummary *
crm_import_assistant_get_summary (CrmImportAssistant *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT_ASSISTANT (self), NULL);

  return self->summary;
}
