/* crm-application.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-application"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-application-private.h"
#include "crm-import-assistant.h"
#include "crm-preferences-window.h"
#include "crm-store-rules.h"
#include "crm-window.h"

struct _CrmApplication
{
  AdwApplication parent_instance;

  /* Owned */
  char *database_path;
  CrmStore *store;
};

G_DEFINE_FINAL_TYPE (CrmApplication, crm_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "database", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the profile in FILE instead of the default one"), N_("FILE") },
  { "demo", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Fill an empty profile with a demo book, then exit"), NULL },
  { "demo-size", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Make N customers in the demo book (with --demo)"), N_("N") },
  { "export-csv", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Export a list of customers or opportunities to FILE as CSV, then exit"), N_("FILE") },
  { "list", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Export the list NAME (with --export-csv; default: All customers)"), N_("NAME") },
  { "import-csv", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Import customers from the CSV file FILE, then exit"), N_("FILE") },
  { "duplicates", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("What to do with customers already stored: skip, update or create "
       "(with --import-csv; default: skip)"), N_("MODE") },
  { "encoding", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Read the file in the encoding NAME (with --import-csv; default: detect)"),
    N_("NAME") },
  { "sync", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Sync once with ChartMogul (pull, then push), then exit; the API key comes from "
       "the profile’s account or the PROSPECT_API_KEY environment variable"), NULL },
  { "api-url", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Sync with the server at URL (with --sync; default: the profile’s account)"),
    N_("URL") },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

static const struct {
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.import", { "<Control>i", NULL } },
  { "win.export-list", { "<Control>e", NULL } },
  { "app.shortcuts", { "<Control>question", NULL } },
  { "window.close", { "<Control>w", NULL } },
  { "win.new-customer", { "<Control>n", NULL } },
  { "win.search", { "<Control>f", NULL } },
  { "win.add-filter", { "<Control><Shift>f", NULL } },
  { "win.save-list", { "<Control>s", NULL } },
  { "win.sync-now", { "<Control>r", NULL } },
};

static CrmWindow *
find_main_window (CrmApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (CRM_IS_WINDOW (l->data))
        return CRM_WINDOW (l->data);
    }

  return NULL;
}

static void
show_open_error (CrmApplication *self,
                 const GError   *error)
{
  GtkWidget *window;
  GtkWidget *box;
  GtkWidget *status_page;

  g_printerr (_("Could not open the profile: %s\n"), error->message);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());

  status_page = adw_status_page_new ();
  gtk_widget_set_vexpand (status_page, TRUE);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status_page), "dialog-error-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status_page),
                             _("Could Not Open the Profile"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status_page), error->message);
  gtk_box_append (GTK_BOX (box), status_page);

  window = g_object_new (ADW_TYPE_APPLICATION_WINDOW,
                         "application", self,
                         "title", _("Prospect"),
                         "default-width", 560,
                         "default-height", 420,
                         "content", box,
                         NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static void
crm_application_quit_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  CrmApplication *self = user_data;
  g_autoptr(GList) windows = NULL;

  /* Close rather than destroy, so each window keeps its state. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));

  g_application_quit (G_APPLICATION (self));
}

static void
crm_application_preferences_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  CrmApplication *self = user_data;
  CrmWindow *main_window = find_main_window (self);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *window;

  /* Without a main window (the profile failed to open) there is nothing
   * to set. */
  if (main_window == NULL)
    return;

  window = GTK_WIDGET (crm_preferences_window_new (parent,
                                                   crm_window_get_store (main_window)));
  gtk_window_present (GTK_WINDOW (window));
}

static void
crm_application_import_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  CrmApplication *self = user_data;
  CrmWindow *main_window = find_main_window (self);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  CrmImportAssistant *assistant;

  if (main_window == NULL)
    return;

  assistant = crm_import_assistant_new (parent, crm_window_get_store (main_window));
  gtk_window_present (GTK_WINDOW (assistant));
}

static void
crm_application_about_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  CrmApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Prospect authors"), NULL };

  adw_show_about_window (parent,
                         "application-name", _("Prospect"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("The Prospect authors"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Work your sales pipeline, from lead to customer"),
                         "copyright", _("© The Prospect authors"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
crm_application_shortcuts_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  CrmApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *window;

  builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/gui/crm-shortcuts-window.ui");
  window = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  gtk_window_set_transient_for (window, parent);
  gtk_window_set_application (window, GTK_APPLICATION (self));
  gtk_window_present (window);
}

static const GActionEntry app_actions[] = {
  { "quit", crm_application_quit_action },
  { "preferences", crm_application_preferences_action },
  { "import", crm_application_import_action },
  { "about", crm_application_about_action },
  { "shortcuts", crm_application_shortcuts_action },
};

static int
crm_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  CrmApplication *self = CRM_APPLICATION (application);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "Prospect", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  return crm_application_cli_handle (self, options);
}

static void
crm_application_startup (GApplication *application)
{
  CrmApplication *self = CRM_APPLICATION (application);

  G_APPLICATION_CLASS (crm_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action,
                                           accels[i].accels);

  gtk_window_set_default_icon_name (APPLICATION_ID);
}

static void
crm_application_activate (GApplication *application)
{
  CrmApplication *self = CRM_APPLICATION (application);
  g_autoptr(GError) error = NULL;
  CrmWindow *window;

  /* A second launch on the same profile lands here: raise what is open. */
  window = find_main_window (self);
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  if (self->store == NULL)
    {
      if (self->database_path == NULL)
        self->database_path = crm_store_dup_default_path ();

      self->store = crm_store_open (self->database_path, &error);
      if (self->store == NULL)
        {
          show_open_error (self, error);
          return;
        }

      crm_store_rules_install (self->store);
      crm_store_rules_watch_days (self->store);
    }

  window = crm_window_new (self, self->store);
  gtk_window_present (GTK_WINDOW (window));
}

static void
crm_application_shutdown (GApplication *application)
{
  CrmApplication *self = CRM_APPLICATION (application);

  /* Let the writer thread finish what the windows queued. */
  if (self->store != NULL)
    crm_store_close (self->store);

  G_APPLICATION_CLASS (crm_application_parent_class)->shutdown (application);
}

static void
crm_application_finalize (GObject *object)
{
  CrmApplication *self = (CrmApplication *) object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (crm_application_parent_class)->finalize (object);
}

static void
crm_application_class_init (CrmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = crm_application_finalize;

  app_class->handle_local_options = crm_application_handle_local_options;
  app_class->startup = crm_application_startup;
  app_class->activate = crm_application_activate;
  app_class->shutdown = crm_application_shutdown;
}

static void
crm_application_init (CrmApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Prospect keeps your customers, leads "
                                              "and sales pipeline."));
}

/**
 * crm_application_new:
 *
 * Creates the application. Setting PROSPECT_NON_UNIQUE=1 in the environment
 * (tests do) makes every launch its own instance.
 *
 * Returns: (transfer full): a new #CrmApplication
 */
CrmApplication *
crm_application_new (void)
{
  GApplicationFlags flags = G_APPLICATION_DEFAULT_FLAGS;

  if (g_strcmp0 (g_getenv ("PROSPECT_NON_UNIQUE"), "1") == 0)
    flags |= G_APPLICATION_NON_UNIQUE;

  return g_object_new (CRM_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", flags,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

/**
 * crm_application_set_database_path:
 * @self: a #CrmApplication
 * @path: the profile's database file
 *
 * Chooses the profile the window opens. Each profile other than the default
 * one is its own unique instance, with an application id derived from the
 * file's absolute path, so a second launch on it raises its window.
 * Must be called before the application registers (from the command line).
 */
void
crm_application_set_database_path (CrmApplication *self,
                                   const char     *path)
{
  g_autofree char *default_path = NULL;
  g_autofree char *default_absolute = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *id = NULL;

  g_return_if_fail (CRM_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (!g_application_get_is_registered (G_APPLICATION (self)));

  g_free (self->database_path);
  self->database_path = g_canonicalize_filename (path, NULL);

  default_path = crm_store_dup_default_path ();
  default_absolute = g_canonicalize_filename (default_path, NULL);

  if (g_strcmp0 (self->database_path, default_absolute) == 0)
    {
      g_application_set_application_id (G_APPLICATION (self), APPLICATION_ID);
      return;
    }

  checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, self->database_path, -1);
  id = g_strdup_printf ("%s.Profile_%.12s", APPLICATION_ID, checksum);
  g_application_set_application_id (G_APPLICATION (self), id);
}

/**
 * crm_application_get_database_path:
 * @self: a #CrmApplication
 *
 * Returns: (nullable): the absolute path of the profile chosen on the
 *   command line, or %NULL for the default profile before activation
 */
const char *
crm_application_get_database_path (CrmApplication *self)
{
  g_return_val_if_fail (CRM_IS_APPLICATION (self), NULL);

  return self->database_path;
}

/**
 * crm_application_get_store:
 * @self: a #CrmApplication
 *
 * Returns: (transfer none) (nullable): the open profile, once activated
 */
CrmStore *
crm_application_get_store (CrmApplication *self)
{
  g_return_val_if_fail (CRM_IS_APPLICATION (self), NULL);

  return self->store;
}
