/* crm-preferences-account.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-preferences-account"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-account.h"
#include "crm-api-client.h"
#include "crm-sync-session.h"

#include "crm-preferences-account.h"
#include "crm-toast-queue.h"

/**
 * CrmPreferencesAccount:
 *
 * The "Account" page of the preferences: the profile's ChartMogul account.
 * The rep types the server's address (HTTPS; plain HTTP only to this
 * computer, refused on the field otherwise) and the API key, tests the
 * connection (GET /v1/ping, the server's own message shown on the page
 * when it refuses), picks one of the account's data sources (GET
 * /v1/data_sources) or creates one named "Prospect", and saves. The key
 * goes to the keyring through #CrmAccount, never to the profile; when
 * there is no keyring the page says that the key lasts only until
 * Prospect quits. Removing the account keeps every record.
 *
 * The periodic sync's interval is a setting of the profile, like the
 * account it syncs: another profile may have no account or another one.
 * "Me" belongs to the General page and is only shown here.
 *
 * Nothing waits on the main thread: each request runs with a cancellable
 * of the page, cancelled when it goes.
 */

#define SETTING_ME_NAME "me.name"
#define SETTING_ME_EMAIL "me.email"
#define TEST_TIMEOUT_SECONDS 20
#define NEW_SOURCE_NAME "Prospect"

static const guint intervals[] = { 0, 5, 15, 60 };

typedef struct
{
  char *uuid;
  char *name;
} DataSource;

struct _CrmPreferencesAccount
{
  AdwPreferencesPage  parent_instance;

  /* Template widgets */
  AdwEntryRow        *url_row;
  AdwActionRow       *url_error_row;
  AdwEntryRow        *key_row;
  AdwActionRow       *memory_row;
  AdwActionRow       *test_row;
  GtkImage           *test_icon;
  GtkSpinner         *test_spinner;
  GtkButton          *test_button;
  AdwComboRow        *source_row;
  GtkStringList      *source_names;
  AdwActionRow       *create_row;
  GtkButton          *create_button;
  GtkWidget          *remove_group;
  GtkButton          *remove_button;
  GtkSpinner         *save_spinner;
  GtkButton          *save_button;
  AdwComboRow        *interval_row;
  AdwActionRow       *me_row;

  /* Owned */
  CrmStore           *store;
  CrmAccount         *account;
  CrmApiClient       *client;            /* of the address and key tested */
  GPtrArray          *sources;           /* DataSource, as the combo row lists them */
  GCancellable       *cancellable;       /* all the page runs */
  GCancellable       *test_cancellable;  /* the test and listing of what is typed */

  /* State */
  gboolean            loading;           /* filling the rows in: no reaction */
  gboolean            busy;              /* saving or removing */
  gboolean            testing;
  gboolean            sources_listed;    /* from the server, not only the saved one */
  const char         *test_style;
};

G_DEFINE_FINAL_TYPE (CrmPreferencesAccount, crm_preferences_account, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
data_source_free (gpointer data)
{
  DataSource *source = data;

  g_free (source->uuid);
  g_free (source->name);
  g_free (source);
}

static DataSource *
data_source_new (const char *uuid,
                 const char *name)
{
  DataSource *source = g_new0 (DataSource, 1);

  source->uuid = g_strdup (uuid);
  source->name = g_strdup (name != NULL && *name != '\0' ? name : uuid);

  return source;
}

static void
add_toast (CrmPreferencesAccount *self,
           const char            *title)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  if (ADW_IS_PREFERENCES_WINDOW (root))
    crm_toast_queue_show_in_preferences (ADW_PREFERENCES_WINDOW (root), adw_toast_new (escaped));
}

static char *
dup_row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
set_row_text (CrmPreferencesAccount *self,
              AdwEntryRow           *row,
              const char            *text)
{
  gboolean loading = self->loading;

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  self->loading = loading;
}

/* The form */

static gboolean
url_is_valid (CrmPreferencesAccount  *self,
              GError                **error)
{
  g_autofree char *url = dup_row_text (self->url_row);

  if (*url == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter the server’s address, such as https://api.chartmogul.com"));
      return FALSE;
    }

  return crm_api_client_check_base_url (url, error);
}

static gboolean
key_is_entered (CrmPreferencesAccount *self)
{
  g_autofree char *key = dup_row_text (self->key_row);

  return *key != '\0';
}

static const DataSource *
get_selected_source (CrmPreferencesAccount *self)
{
  guint selected = adw_combo_row_get_selected (self->source_row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->sources->len)
    return NULL;

  return g_ptr_array_index (self->sources, selected);
}

static gboolean
has_source_named (CrmPreferencesAccount *self,
                  const char            *name)
{
  for (guint i = 0; i < self->sources->len; i++)
    if (g_strcmp0 (((DataSource *) g_ptr_array_index (self->sources, i))->name, name) == 0)
      return TRUE;

  return FALSE;
}

static void
update_buttons (CrmPreferencesAccount *self)
{
  gboolean url_ok, key_ok, configured;

  /* The template fills its rows in before the page is set up. */
  if (self->account == NULL)
    return;

  url_ok = url_is_valid (self, NULL);
  key_ok = key_is_entered (self);
  configured = crm_account_get_is_configured (self->account);

  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button),
                            url_ok && key_ok && !self->testing && !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button),
                            url_ok && key_ok && get_selected_source (self) != NULL &&
                            !self->busy);
  gtk_widget_set_visible (self->remove_group, configured);
  gtk_widget_set_sensitive (GTK_WIDGET (self->remove_button), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button),
                            self->client != NULL && !self->testing && !self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->create_row),
                          !has_source_named (self, NEW_SOURCE_NAME));
  gtk_widget_set_visible (GTK_WIDGET (self->save_spinner), self->busy);
  gtk_spinner_set_spinning (self->save_spinner, self->busy);
}

static void
show_sources (CrmPreferencesAccount *self,
              const char            *selected_uuid)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint selected = GTK_INVALID_LIST_POSITION;
  gboolean loading = self->loading;

  for (guint i = 0; i < self->sources->len; i++)
    {
      DataSource *source = g_ptr_array_index (self->sources, i);

      g_ptr_array_add (names, source->name);
      if (g_strcmp0 (source->uuid, selected_uuid) == 0)
        selected = i;
    }
  g_ptr_array_add (names, NULL);

  self->loading = TRUE;
  gtk_string_list_splice (self->source_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->source_names)),
                          (const char * const *) names->pdata);
  adw_combo_row_set_selected (self->source_row, selected);
  self->loading = loading;

  if (self->sources->len == 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->source_row),
                                 _("Test the connection to list the account’s data sources"));
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->source_row), "");

  update_buttons (self);
}

/* Only the data source the profile saved, until the server lists them. */
static void
show_saved_source (CrmPreferencesAccount *self)
{
  const char *uuid = crm_account_get_data_source_uuid (self->account);

  g_ptr_array_set_size (self->sources, 0);
  self->sources_listed = FALSE;
  if (uuid != NULL)
    g_ptr_array_add (self->sources,
                     data_source_new (uuid, crm_account_get_data_source_name (self->account)));
  show_sources (self, uuid);
}

static void
set_test_state (CrmPreferencesAccount *self,
                const char            *title,
                const char            *subtitle,
                const char            *icon_name,
                const char            *style)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->test_row), title);
  adw_action_row_set_subtitle (self->test_row, subtitle != NULL ? subtitle : "");
  gtk_image_set_from_icon_name (self->test_icon, icon_name);

  if (self->test_style != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->test_icon), self->test_style);
  self->test_style = style;
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->test_icon), style);

  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), self->testing);
  gtk_spinner_set_spinning (self->test_spinner, self->testing);
  update_buttons (self);
}

/* What was tested no longer holds once the address or the key changes. */
static void
forget_connection (CrmPreferencesAccount *self)
{
  g_cancellable_cancel (self->test_cancellable);
  g_clear_object (&self->test_cancellable);
  g_clear_object (&self->client);
  self->testing = FALSE;

  if (self->sources_listed)
    show_saved_source (self);
  set_test_state (self, _("Connection not tested"), NULL, "network-idle-symbolic", NULL);
}

static void
show_url_problem (CrmPreferencesAccount *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = dup_row_text (self->url_row);
  gboolean valid = url_is_valid (self, &error);

  /* An empty field is not yet a mistake. */
  gtk_widget_set_visible (GTK_WIDGET (self->url_error_row), !valid && *url != '\0');
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->url_error_row),
                                 valid ? "" : error->message);
  if (valid || *url == '\0')
    gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
}

static void
on_url_row_changed_cb (CrmPreferencesAccount *self)
{
  show_url_problem (self);
  if (!self->loading)
    forget_connection (self);
  update_buttons (self);
}

static void
on_key_row_changed_cb (CrmPreferencesAccount *self)
{
  if (!self->loading)
    forget_connection (self);
  update_buttons (self);
}

static void
on_source_row_selected_cb (CrmPreferencesAccount *self)
{
  update_buttons (self);
}

static void
update_memory_row (CrmPreferencesAccount *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->memory_row),
                          crm_account_get_key_storage (self->account) == CRM_KEY_STORAGE_MEMORY);
}

/* Data sources */

static const char *
get_member_string (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* The contract names the list `data_sources`; extra or missing keys are
 * tolerated, and entries without a uuid skipped. */
static GPtrArray *
parse_sources (JsonNode *node)
{
  GPtrArray *sources = g_ptr_array_new_with_free_func (data_source_free);
  JsonNode *list = NULL;
  JsonArray *array;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    list = json_object_get_member (json_node_get_object (node), "data_sources");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return sources;

  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      const char *uuid = object != NULL ? get_member_string (object, "uuid") : NULL;

      if (uuid != NULL)
        g_ptr_array_add (sources, data_source_new (uuid, get_member_string (object, "name")));
    }

  return sources;
}

/* The saved one, else one named "Prospect", else the only one. */
static const char *
choose_source (CrmPreferencesAccount *self)
{
  const char *saved = crm_account_get_data_source_uuid (self->account);

  for (guint i = 0; saved != NULL && i < self->sources->len; i++)
    if (g_strcmp0 (((DataSource *) g_ptr_array_index (self->sources, i))->uuid, saved) == 0)
      return saved;

  for (guint i = 0; i < self->sources->len; i++)
    if (g_strcmp0 (((DataSource *) g_ptr_array_index (self->sources, i))->name,
                   NEW_SOURCE_NAME) == 0)
      return ((DataSource *) g_ptr_array_index (self->sources, i))->uuid;

  if (self->sources->len == 1)
    return ((DataSource *) g_ptr_array_index (self->sources, 0))->uuid;

  return NULL;
}

static void
show_connected (CrmPreferencesAccount *self)
{
  g_autofree char *subtitle = NULL;

  if (self->sources->len == 0)
    subtitle = g_strdup (_("The key works. The account has no data source yet: create one "
                           "below."));
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "The key works; the account has %u data source.",
                                             "The key works; the account has %u data sources.",
                                             self->sources->len),
                                self->sources->len);

  set_test_state (self, _("Connected to ChartMogul"), subtitle, "emblem-ok-symbolic",
                  "success");
}

static void
show_failed (CrmPreferencesAccount *self,
             const char            *title,
             const GError          *error)
{
  g_clear_object (&self->client);
  set_test_state (self, title, error->message, "dialog-error-symbolic", "error");
}

static void
on_sources_listed_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  CrmPreferencesAccount *self;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  /* Cancelled when the page went or the fields changed: not touched. */
  node = crm_api_client_call_finish (CRM_API_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = user_data;
  self->testing = FALSE;
  if (node == NULL)
    {
      show_failed (self, _("Could not list the data sources"), error);
      return;
    }

  g_ptr_array_unref (self->sources);
  self->sources = parse_sources (node);
  self->sources_listed = TRUE;
  show_sources (self, choose_source (self));
  show_connected (self);
}

static void
on_ping_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  CrmPreferencesAccount *self;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  node = crm_api_client_call_finish (CRM_API_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = user_data;
  if (node == NULL)
    {
      self->testing = FALSE;
      show_failed (self, _("Could not connect"), error);
      return;
    }

  crm_api_client_call_async (self->client, "GET", "data_sources", NULL, NULL,
                             CRM_API_CALL_DEFAULT, self->test_cancellable,
                             on_sources_listed_cb, self);
}

static void
on_test_button_clicked_cb (CrmPreferencesAccount *self)
{
  g_autofree char *url = dup_row_text (self->url_row);
  g_autofree char *key = dup_row_text (self->key_row);
  g_autoptr(GError) error = NULL;

  forget_connection (self);

  self->client = crm_api_client_new (url, key, &error);
  if (self->client == NULL)
    {
      show_failed (self, _("Could not connect"), error);
      return;
    }

  /* The rep waits for an answer: no back-off, no long silence. */
  crm_api_client_set_max_attempts (self->client, 1);
  crm_api_client_set_timeout (self->client, TEST_TIMEOUT_SECONDS);

  self->test_cancellable = g_cancellable_new ();
  self->testing = TRUE;
  set_test_state (self, _("Testing the connection…"), url, "network-idle-symbolic", NULL);
  crm_api_client_call_async (self->client, "GET", "ping", NULL, NULL, CRM_API_CALL_DEFAULT,
                             self->test_cancellable, on_ping_cb, self);
}

static void
on_source_created_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  CrmPreferencesAccount *self;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  const char *uuid = NULL;

  node = crm_api_client_call_finish (CRM_API_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = user_data;
  self->testing = FALSE;
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    uuid = get_member_string (json_node_get_object (node), "uuid");

  if (uuid == NULL)
    {
      g_autoptr(GError) malformed = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                                         _("The server made it without an id"));

      show_failed (self, _("Could not create the data source"), error != NULL ? error : malformed);
      return;
    }

  g_ptr_array_add (self->sources,
                   data_source_new (uuid, get_member_string (json_node_get_object (node), "name")));
  self->sources_listed = TRUE;
  show_sources (self, uuid);
  show_connected (self);
}

static void
on_create_button_clicked_cb (CrmPreferencesAccount *self)
{
  g_autoptr(JsonNode) body = json_from_string ("{\"name\":\"" NEW_SOURCE_NAME "\"}", NULL);

  if (self->client == NULL)
    return;

  self->testing = TRUE;
  set_test_state (self, _("Creating the data source…"), NULL, "network-idle-symbolic", NULL);
  crm_api_client_call_async (self->client, "POST", "data_sources", NULL, body,
                             CRM_API_CALL_CREATE, self->test_cancellable,
                             on_source_created_cb, self);
}

/* Save and remove */

static void
set_busy (CrmPreferencesAccount *self,
          gboolean               busy)
{
  self->busy = busy;
  update_buttons (self);
}

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CrmPreferencesAccount *self;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!crm_account_save_finish (CRM_ACCOUNT (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = user_data;
  set_busy (self, FALSE);

  if (error != NULL)
    {
      /* Translators: %s says why */
      title = g_strdup_printf (_("Could not save the account: %s"), error->message);
      add_toast (self, title);
      return;
    }

  if (crm_account_get_key_storage (self->account) == CRM_KEY_STORAGE_MEMORY)
    add_toast (self, _("Account saved; the key lasts until Prospect quits"));
  else
    add_toast (self, _("Account saved; Prospect syncs with ChartMogul"));
}

static void
on_save_button_clicked_cb (CrmPreferencesAccount *self)
{
  g_autofree char *url = dup_row_text (self->url_row);
  g_autofree char *key = dup_row_text (self->key_row);
  const DataSource *source = get_selected_source (self);

  if (source == NULL || !url_is_valid (self, NULL) || *key == '\0')
    return;

  set_busy (self, TRUE);
  crm_account_save_async (self->account, url, source->uuid, source->name, key,
                          self->cancellable, on_saved_cb, self);
}

static void
load_form (CrmPreferencesAccount *self)
{
  const char *url = crm_account_get_base_url (self->account);

  self->loading = TRUE;
  set_row_text (self, self->url_row, url != NULL ? url : CRM_ACCOUNT_DEFAULT_BASE_URL);
  set_row_text (self, self->key_row, NULL);
  self->loading = FALSE;

  forget_connection (self);
  show_saved_source (self);
  update_memory_row (self);
}

static void
on_removed_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CrmPreferencesAccount *self;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!crm_account_remove_finish (CRM_ACCOUNT (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = user_data;
  set_busy (self, FALSE);

  if (error != NULL)
    {
      /* Translators: %s says why */
      title = g_strdup_printf (_("Could not remove the account: %s"), error->message);
      add_toast (self, title);
      return;
    }

  load_form (self);
  add_toast (self, _("Account removed; your data stays on this computer"));
}

static void
on_remove_response_cb (CrmPreferencesAccount *self,
                       const char            *response)
{
  if (g_strcmp0 (response, "remove") != 0)
    return;

  set_busy (self, TRUE);
  crm_account_remove_async (self->account, self->cancellable, on_removed_cb, self);
}

static void
on_remove_button_clicked_cb (CrmPreferencesAccount *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Remove the ChartMogul Account?"),
                                   _("Prospect stops syncing this profile and forgets the API "
                                     "key. Your customers, contacts, opportunities and tasks "
                                     "stay on this computer, and nothing is deleted on "
                                     "ChartMogul."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_key_looked_up_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  CrmPreferencesAccount *self;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  key = crm_account_lookup_key_finish (CRM_ACCOUNT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The rep may have typed one meanwhile. */
  self = user_data;
  if (key != NULL && !key_is_entered (self))
    set_row_text (self, self->key_row, key);
  update_memory_row (self);
  update_buttons (self);
}

/* Periodic sync and "me" */

static guint
interval_index (guint minutes)
{
  for (guint i = 0; i < G_N_ELEMENTS (intervals); i++)
    if (intervals[i] == minutes)
      return i;

  return 2;
}

static void
load_interval (CrmPreferencesAccount *self)
{
  g_autofree char *value = crm_store_dup_setting (self->store, CRM_SYNC_SESSION_SETTING_INTERVAL);
  gboolean loading = self->loading;

  self->loading = TRUE;
  adw_combo_row_set_selected (self->interval_row,
                              interval_index (crm_sync_session_parse_interval (value)));
  self->loading = loading;
}

static void
on_interval_saved_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CrmPreferencesAccount) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (crm_store_mutation_finish (CRM_STORE (object), result, NULL, &error))
    return;

  /* Translators: %s says why */
  title = g_strdup_printf (_("Could not save: %s"), error->message);
  add_toast (self, title);
}

/* A choice is kept even when the window closes at once after it, as the
 * General page keeps what was typed: this write is not cancelled. */
static void
on_interval_row_selected_cb (CrmPreferencesAccount *self)
{
  guint selected = adw_combo_row_get_selected (self->interval_row);
  g_autofree char *value = NULL;

  if (self->loading || selected >= G_N_ELEMENTS (intervals))
    return;

  value = g_strdup_printf ("%u", intervals[selected]);
  crm_store_set_setting_async (self->store, CRM_SYNC_SESSION_SETTING_INTERVAL, value, NULL,
                               on_interval_saved_cb, g_object_ref (self));
}

static void
load_me (CrmPreferencesAccount *self)
{
  g_autofree char *name = crm_store_dup_setting (self->store, SETTING_ME_NAME);
  g_autofree char *email = crm_store_dup_setting (self->store, SETTING_ME_EMAIL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->me_row),
                                 name != NULL && *name != '\0' ? name : _("No name set"));
  adw_action_row_set_subtitle (self->me_row,
                               email != NULL && *email != '\0' ? email : _("No email set"));
}

static void
on_store_settings_changed_cb (CrmPreferencesAccount *self)
{
  load_me (self);
  load_interval (self);
}

static void
on_me_button_clicked_cb (CrmPreferencesAccount *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (root), "general");
}

/* GObject */

static void
crm_preferences_account_constructed (GObject *object)
{
  CrmPreferencesAccount *self = CRM_PREFERENCES_ACCOUNT (object);

  G_OBJECT_CLASS (crm_preferences_account_parent_class)->constructed (object);

  g_assert (CRM_IS_STORE (self->store));

  self->account = crm_account_new (self->store);
  g_signal_connect_object (self->account, "notify::key-storage",
                           G_CALLBACK (update_memory_row), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->account, "notify::is-configured",
                           G_CALLBACK (update_buttons), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed::settings",
                           G_CALLBACK (on_store_settings_changed_cb), self, G_CONNECT_SWAPPED);

  load_form (self);
  load_interval (self);
  load_me (self);

  if (crm_account_get_is_configured (self->account))
    crm_account_lookup_key_async (self->account, self->cancellable, on_key_looked_up_cb, self);
}

static void
crm_preferences_account_dispose (GObject *object)
{
  CrmPreferencesAccount *self = CRM_PREFERENCES_ACCOUNT (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->test_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_PREFERENCES_ACCOUNT);
  g_clear_object (&self->test_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->account);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_preferences_account_parent_class)->dispose (object);
}

static void
crm_preferences_account_finalize (GObject *object)
{
  CrmPreferencesAccount *self = CRM_PREFERENCES_ACCOUNT (object);

  g_clear_pointer (&self->sources, g_ptr_array_unref);

  G_OBJECT_CLASS (crm_preferences_account_parent_class)->finalize (object);
}

static void
crm_preferences_account_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  CrmPreferencesAccount *self = CRM_PREFERENCES_ACCOUNT (object);

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
crm_preferences_account_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  CrmPreferencesAccount *self = CRM_PREFERENCES_ACCOUNT (object);

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
crm_preferences_account_class_init (CrmPreferencesAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_preferences_account_constructed;
  object_class->dispose = crm_preferences_account_dispose;
  object_class->finalize = crm_preferences_account_finalize;
  object_class->get_property = crm_preferences_account_get_property;
  object_class->set_property = crm_preferences_account_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CRM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gui/crm-preferences-account.ui");
#define BIND(name) \
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesAccount, name)
  BIND (url_row);
  BIND (url_error_row);
  BIND (key_row);
  BIND (memory_row);
  BIND (test_row);
  BIND (test_icon);
  BIND (test_spinner);
  BIND (test_button);
  BIND (source_row);
  BIND (source_names);
  BIND (create_row);
  BIND (create_button);
  BIND (remove_group);
  BIND (remove_button);
  BIND (save_spinner);
  BIND (save_button);
  BIND (interval_row);
  BIND (me_row);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_url_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_key_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_test_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_source_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_create_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_interval_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_me_button_clicked_cb);
}

static void
crm_preferences_account_init (CrmPreferencesAccount *self)
{
  self->sources = g_ptr_array_new_with_free_func (data_source_free);
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * crm_preferences_account_new:
 * @store: the profile
 *
 * Returns: (transfer floating): the Account page of @store's preferences
 */
GtkWidget *
crm_preferences_account_new (CrmStore *store)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  return g_object_new (CRM_TYPE_PREFERENCES_ACCOUNT, "store", store, NULL);
}
