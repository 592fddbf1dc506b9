/* crm-list-export.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-list-export"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-csv-export.h"
#include "crm-list-export.h"
#include "crm-store.h"
#include "crm-toast-queue.h"

/* Export in the window: the list on screen (its filter and search) goes
 * to a CSV file the person picks, a batch at a time so the window keeps
 * drawing; a toast in the page's window says how it went, where the
 * person is looking. */

typedef struct
{
  AdwToastOverlay *overlay;
  CrmQueryModel   *model;
  GFile           *file;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->overlay);
  g_clear_object (&data->model);
  g_clear_object (&data->file);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportData, export_data_free)

static void
show_toast (AdwToastOverlay *overlay,
            const char      *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 5);
  crm_toast_queue_show (overlay, toast);
}

static char *
dup_done_message (CrmEntityKind  kind,
                  guint          n_rows,
                  GFile         *file)
{
  g_autofree char *name = g_file_get_basename (file);

  if (kind == CRM_ENTITY_OPPORTUNITY)
    /* Translators: "Exported 12 opportunities to “deals.csv”" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u opportunity to “%s”",
                                         "Exported %u opportunities to “%s”", n_rows),
                            n_rows, name);

  /* Translators: "Exported 128 customers to “My new leads.csv”" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u customer to “%s”",
                                       "Exported %u customers to “%s”", n_rows),
                          n_rows, name);
}

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ExportData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_rows = 0;

  if (!crm_csv_export_list_finish (CRM_STORE (source), result, &n_rows, &error))
    {
      /* Translators: %s says why, e.g. "Cannot write “/x.csv”: Permission denied" */
      message = g_strdup_printf (_("Could not export the list. %s"), error->message);
      show_toast (data->overlay, message);
      return;
    }

  message = dup_done_message (crm_query_model_get_kind (data->model), n_rows, data->file);
  show_toast (data->overlay, message);
}

/**
 * crm_list_export_to_file:
 * @page: the page that shows the list, inside a window's toast overlay
 * @model: the list, with its filter and search
 * @file: a local file; replaced as a whole
 *
 * Exports the records of @model to @file and says so in a toast.
 */
void
crm_list_export_to_file (GtkWidget     *page,
                         CrmQueryModel *model,
                         GFile         *file)
{
  AdwToastOverlay *overlay;
  ExportData *data;
  g_autofree char *path = NULL;

  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (CRM_IS_QUERY_MODEL (model));
  g_return_if_fail (G_IS_FILE (file));

  overlay = ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (page, ADW_TYPE_TOAST_OVERLAY));
  g_return_if_fail (overlay != NULL);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_toast (overlay, _("Could not export the list. Choose a folder on this computer."));
      return;
    }

  data = g_new0 (ExportData, 1);
  data->overlay = g_object_ref (overlay);
  data->model = g_object_ref (model);
  data->file = g_object_ref (file);

  crm_csv_export_list_async (crm_query_model_get_store (model), crm_query_model_get_kind (model),
                             crm_query_model_get_filter (model),
                             crm_query_model_get_search (model), path, NULL, on_exported_cb,
                             data);
}

typedef struct
{
  GtkFileChooserNative *chooser;
  GtkWidget            *page;
  CrmQueryModel        *model;
} ChooseData;

static void
choose_data_free (ChooseData *data)
{
  g_clear_object (&data->chooser);
  g_clear_object (&data->page);
  g_clear_object (&data->model);
  g_free (data);
}

static void
on_chooser_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        ChooseData      *data)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (file != NULL && gtk_widget_get_root (data->page) != NULL)
    crm_list_export_to_file (data->page, data->model, file);

  choose_data_free (data);
}

/* A file name from the list's name: "My new leads.csv". */
static char *
dup_file_name (const char *title)
{
  g_autofree char *name = g_strdup (title != NULL && title[0] != '\0' ? title : _("List"));

  g_strdelimit (name, "/\\:", '-');
  return g_strconcat (name, ".csv", NULL);
}

/**
 * crm_list_export_choose_file:
 * @page: the page that shows the list
 * @model: the list on screen
 * @title: (nullable): its name, for the suggested file name
 *
 * Asks where to save the list, then exports it there.
 */
void
crm_list_export_choose_file (GtkWidget     *page,
                             CrmQueryModel *model,
                             const char    *title)
{
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autofree char *name = dup_file_name (title);
  ChooseData *data;

  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (GTK_IS_WINDOW (gtk_widget_get_root (page)));
  g_return_if_fail (CRM_IS_QUERY_MODEL (model));

  gtk_file_filter_set_name (csv, _("CSV Files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");

  data = g_new0 (ChooseData, 1);
  data->page = g_object_ref (page);
  data->model = g_object_ref (model);
  data->chooser = gtk_file_chooser_native_new (_("Export List"),
                                               GTK_WINDOW (gtk_widget_get_root (page)),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (data->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (data->chooser), csv);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (data->chooser), name);
  g_signal_connect (data->chooser, "response", G_CALLBACK (on_chooser_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (data->chooser));
}
