/* crm-application-cli.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-application-cli"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "crm-application-private.h"
#include "crm-builtin-lists.h"
#include "crm-csv-export.h"
#include "crm-csv-import.h"
#include "crm-filter.h"
#include "crm-saved-list.h"
#include "crm-store-demo.h"
#include "crm-store-rules.h"
#include "crm-store-sync.h"
#include "crm-store.h"
#include "crm-account.h"
#include "crm-sync-engine.h"

/* The command-line options run here, in handle-local-options: in the
 * launching process, before GTK is initialised and without a display, so
 * nothing in this file may touch GTK. Each failure is one line on stderr
 * and exit status 1. */

typedef struct
{
  char      *database;
  gboolean   demo;
  gboolean   has_demo_size;
  gint64     demo_size;
  char      *demo_size_text;   /* when it is not a number */
  char      *export_path;
  char      *list;
  char      *import_path;
  char      *duplicates;
  char      *encoding;
  gboolean   sync;
  char      *api_url;
} CliOptions;

static void
cli_options_clear (CliOptions *options)
{
  g_clear_pointer (&options->database, g_free);
  g_clear_pointer (&options->demo_size_text, g_free);
  g_clear_pointer (&options->export_path, g_free);
  g_clear_pointer (&options->list, g_free);
  g_clear_pointer (&options->import_path, g_free);
  g_clear_pointer (&options->duplicates, g_free);
  g_clear_pointer (&options->encoding, g_free);
  g_clear_pointer (&options->api_url, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliOptions, cli_options_clear)

G_GNUC_PRINTF (1, 2)
static int
fail (const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* One line, whatever the message carries. */
  g_strdelimit (message, "\r\n", ' ');
  g_printerr ("prospect: %s\n", message);

  return EXIT_FAILURE;
}

/* File options arrive as byte strings (G_OPTION_ARG_FILENAME); accept a
 * plain string as well. */
static char *
dup_filename_option (GVariantDict *options,
                     const char   *name)
{
  g_autoptr(GVariant) value = g_variant_dict_lookup_value (options, name, NULL);

  if (value == NULL)
    return NULL;

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING))
    return g_variant_dup_bytestring (value, NULL);

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (value, NULL);

  return NULL;
}

/* --demo-size is best registered as a string: GApplication leaves an
 * integer option of 0 out of the dictionary, so "--demo-size 0" would look
 * like no size at all. An integer is accepted too. */
static void
read_demo_size (GVariantDict *dict,
                CliOptions   *options)
{
  g_autoptr(GVariant) value = g_variant_dict_lookup_value (dict, "demo-size", NULL);

  options->demo_size = CRM_STORE_DEMO_DEFAULT_SIZE;
  options->has_demo_size = value != NULL;

  if (value == NULL)
    return;

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    {
      options->demo_size = g_variant_get_int32 (value);
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    {
      const char *text = g_variant_get_string (value, NULL);

      if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64,
                                     &options->demo_size, NULL))
        options->demo_size_text = g_strdup (text);
    }
}

static void
read_options (GVariantDict *dict,
              CliOptions   *options)
{
  options->database = dup_filename_option (dict, "database");
  options->demo = g_variant_dict_contains (dict, "demo");
  read_demo_size (dict, options);
  options->export_path = dup_filename_option (dict, "export-csv");
  g_variant_dict_lookup (dict, "list", "s", &options->list);
  options->import_path = dup_filename_option (dict, "import-csv");
  g_variant_dict_lookup (dict, "duplicates", "s", &options->duplicates);
  g_variant_dict_lookup (dict, "encoding", "s", &options->encoding);
  options->sync = g_variant_dict_contains (dict, "sync");
  g_variant_dict_lookup (dict, "api-url", "s", &options->api_url);
}

/* The profile's saved lists, in sidebar order. */
static GPtrArray *
load_saved_lists (CrmStore *store)
{
  g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = NULL;

  ids = crm_store_query_ids (store, CRM_ENTITY_SAVED_LIST, NULL, NULL, "position", FALSE,
                             NULL);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      GObject *list = crm_store_load (store, CRM_ENTITY_SAVED_LIST,
                                      g_array_index (ids, gint64, i), NULL);

      if (list != NULL)
        g_ptr_array_add (lists, list);
    }

  return g_steal_pointer (&lists);
}

/* The list of every opportunity, as the sidebar names it. */
static gboolean
names_all_opportunities (const char *name)
{
  g_autofree char *wanted = g_utf8_casefold (name, -1);
  g_autofree char *title = g_utf8_casefold (_("Opportunities"), -1);

  return g_str_equal (wanted, "opportunities") || g_str_equal (wanted, title);
}

static char *
dup_list_names (GPtrArray *saved_lists)
{
  g_autoptr(GString) names = g_string_new (NULL);
  const CrmBuiltinList *lists;
  guint n_lists;

  lists = crm_builtin_list_get_all (&n_lists);
  for (guint i = 0; i < n_lists; i++)
    g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "",
                            crm_builtin_list_get_title (lists[i].id));
  g_string_append_printf (names, ", “%s”", _("Opportunities"));

  for (guint i = 0; saved_lists != NULL && i < saved_lists->len; i++)
    g_string_append_printf (names, ", “%s”",
                            crm_saved_list_get_name (g_ptr_array_index (saved_lists, i)));

  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* A saved list of @kind named @name in any case, or NULL. */
static CrmSavedList *
find_saved_list (GPtrArray  *saved_lists,
                 const char *kind,
                 const char *name)
{
  g_autofree char *wanted = g_utf8_casefold (name, -1);

  for (guint i = 0; i < saved_lists->len; i++)
    {
      CrmSavedList *list = g_ptr_array_index (saved_lists, i);
      g_autofree char *folded = g_utf8_casefold (crm_saved_list_get_name (list), -1);

      if (g_str_equal (folded, wanted) && g_strcmp0 (crm_saved_list_get_kind (list), kind) == 0)
        return list;
    }

  return NULL;
}

/* Refuses contradictory options before any file is touched. */
static int
check_options (const CliOptions *options)
{
  if (options->has_demo_size && !options->demo)
    return fail (_("--demo-size works only with --demo"));

  if (options->demo_size_text != NULL)
    return fail (_("the demo size must be a whole number, not “%s”"),
                 options->demo_size_text);

  if (options->demo && (options->demo_size < 1 || options->demo_size > G_MAXUINT))
    {
      g_autofree char *size = g_strdup_printf ("%" G_GINT64_FORMAT, options->demo_size);

      if (options->demo_size < 1)
        return fail (_("the demo size must be at least 1, not %s"), size);

      return fail (_("the demo size must be at most %u, not %s"), G_MAXUINT, size);
    }

  if (options->list != NULL && options->export_path == NULL)
    return fail (_("--list works only with --export-csv"));

  if (options->duplicates != NULL && options->import_path == NULL)
    return fail (_("--duplicates works only with --import-csv"));

  if (options->encoding != NULL && options->import_path == NULL)
    return fail (_("--encoding works only with --import-csv"));

  if (options->api_url != NULL && !options->sync)
    return fail (_("--api-url works only with --sync"));

  if (options->duplicates != NULL)
    {
      CrmImportDuplicates mode;

      if (!crm_import_duplicates_from_string (options->duplicates, &mode))
        return fail (_("--duplicates must be skip, update or create, not “%s”"),
                     options->duplicates);
    }

  if (options->encoding != NULL && !crm_csv_encoding_is_known (options->encoding))
    return fail (_("unknown encoding “%s”"), options->encoding);

  return -1;
}

static int
fail_open (const char   *path,
           const GError *error)
{
  /* The store names the file in most of its messages; make sure. */
  if (strstr (error->message, path) == NULL)
    return fail (_("cannot open %s: %s"), path, error->message);

  return fail ("%s", error->message);
}

static int
run_demo (CrmStore         *store,
          const CliOptions *options,
          const char       *path)
{
  g_autoptr(GError) error = NULL;

  if (!crm_store_demo_fill (store, (guint) options->demo_size, &error))
    {
      if (g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_EMPTY))
        return fail (_("%s already holds data; --demo fills only an empty profile"), path);

      return fail (_("cannot fill %s with a demo book: %s"), path, error->message);
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "Filled %s with a demo book of %u customer\n",
                        "Filled %s with a demo book of %u customers\n",
                        (gulong) options->demo_size),
           path, (guint) options->demo_size);

  return EXIT_SUCCESS;
}

/* A built-in customer list by id or title (with the profile's stale
 * days), every opportunity, else a saved list by name in any case:
 * customer lists before opportunity lists, as names are unique only
 * within a kind. */
static CrmFilter *
find_list_filter (CrmStore       *store,
                  const char     *name,
                  CrmEntityKind  *kind,
                  GError        **error)
{
  g_autoptr(GPtrArray) saved_lists = NULL;
  g_autofree char *names = NULL;
  g_autofree char *stale_days = NULL;
  CrmSavedList *list;

  *kind = CRM_ENTITY_CUSTOMER;
  if (crm_builtin_list_find (name) != NULL)
    {
      stale_days = crm_store_dup_setting (store, CRM_STALE_DAYS_SETTING);
      return crm_builtin_list_filter_for_days (name,
                                               crm_builtin_list_parse_stale_days (stale_days));
    }

  saved_lists = load_saved_lists (store);
  list = find_saved_list (saved_lists, "customers", name);
  if (list != NULL)
    return crm_filter_parse (crm_saved_list_get_expression (list), error);

  *kind = CRM_ENTITY_OPPORTUNITY;
  if (names_all_opportunities (name))
    return crm_filter_new ();

  list = find_saved_list (saved_lists, "opportunities", name);
  if (list != NULL)
    return crm_filter_parse (crm_saved_list_get_expression (list), error);

  if (find_saved_list (saved_lists, "tasks", name) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("the list “%s” holds tasks; only customer and opportunity lists "
                     "can be exported"), name);
      return NULL;
    }

  names = dup_list_names (saved_lists);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("there is no list named “%s”; the lists are %s"), name, names);
  return NULL;
}

static int
run_export (CrmStore         *store,
            const CliOptions *options)
{
  g_autoptr(CrmFilter) filter = NULL;
  g_autoptr(GError) error = NULL;
  CrmEntityKind kind;
  guint n_rows = 0;

  filter = find_list_filter (store, options->list != NULL ? options->list : "all-customers",
                             &kind, &error);
  if (filter == NULL)
    return fail ("%s", error->message);

  if (!crm_csv_export_list (store, kind, filter, NULL, options->export_path, &n_rows, &error))
    return fail ("%s", error->message);

  if (kind == CRM_ENTITY_OPPORTUNITY)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u opportunity to %s\n",
                          "Exported %u opportunities to %s\n", n_rows),
             n_rows, options->export_path);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u customer to %s\n",
                          "Exported %u customers to %s\n", n_rows),
             n_rows, options->export_path);

  return EXIT_SUCCESS;
}

static int
fail_import (const char   *path,
             const GError *error)
{
  if (strstr (error->message, path) == NULL)
    return fail (_("cannot import %s: %s"), path, error->message);

  return fail ("%s", error->message);
}

/* One summary line on stdout, one line per skipped row on stderr; a file
 * that was read is a success, whatever its rows held. */
static int
run_import (CrmStore         *store,
            const CliOptions *options)
{
  g_autoptr(CrmCsvImport) import = crm_csv_import_new (store);
  g_autoptr(CrmImportSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  CrmImportDuplicates mode = CRM_IMPORT_DUPLICATES_SKIP;

  if (options->duplicates != NULL)
    crm_import_duplicates_from_string (options->duplicates, &mode);
  crm_csv_import_set_duplicates (import, mode);

  if (!crm_csv_import_load_file (import, options->import_path, options->encoding, 0, &error))
    return fail_import (options->import_path, error);

  summary = crm_csv_import_run_sync (import, &error);
  if (summary == NULL)
    return fail_import (options->import_path, error);

  line = crm_import_summary_format (summary, options->import_path);
  g_print ("%s\n", line);

  for (guint i = 0; i < crm_import_summary_get_n_skipped (summary); i++)
    {
      g_autofree char *skip = crm_import_outcome_format (crm_import_summary_get_skip (summary, i));

      g_strdelimit (skip, "\r\n", ' ');
      g_printerr ("%s\n", skip);
    }

  return EXIT_SUCCESS;
}

/* Sync */

/* Runs the default main context until @slot holds a result. */
static void
on_result_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

/* The server: --api-url, else the account's. A profile tied to one server
 * is not synced with another, whose ids would mean nothing to it. */
static char *
choose_api_url (CrmStore          *store,
                const CliOptions  *options,
                GError           **error)
{
  g_autofree char *linked = crm_store_dup_setting (store, CRM_ACCOUNT_SETTING_BASE_URL);

  if (options->api_url != NULL && linked != NULL && g_strcmp0 (options->api_url, linked) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("this profile syncs with %s, not with %s"), linked, options->api_url);
      return NULL;
    }

  if (options->api_url != NULL)
    return g_strdup (options->api_url);

  if (linked == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                         _("this profile has no ChartMogul account: add one in Preferences, "
                           "or give --api-url with the key in PROSPECT_API_KEY"));

  return g_steal_pointer (&linked);
}

/* The key: PROSPECT_API_KEY, else the account's from the Secret Service,
 * read without any prompt. Never an argument, never printed. */
static char *
choose_api_key (CrmStore  *store,
                GError   **error)
{
  const char *from_env = g_getenv ("PROSPECT_API_KEY");
  g_autoptr(CrmAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  char *key;

  if (from_env != NULL && *from_env != '\0')
    return g_strdup (from_env);

  account = crm_account_new (store);
  crm_account_lookup_key_async (account, NULL, on_result_cb, &result);
  key = crm_account_lookup_key_finish (account, wait_result (&result), NULL);
  if (key != NULL)
    return key;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("no API key: the profile’s account has none that can be read without "
                         "a prompt; set PROSPECT_API_KEY"));
  return NULL;
}

static gboolean
link_profile (CrmStore    *store,
              const char  *url,
              GError     **error)
{
  g_autofree char *linked = crm_store_dup_setting (store, CRM_ACCOUNT_SETTING_BASE_URL);
  g_autoptr(GAsyncResult) result = NULL;

  if (linked != NULL)
    return TRUE;

  crm_store_set_setting_async (store, CRM_ACCOUNT_SETTING_BASE_URL, url, NULL, on_result_cb,
                               &result);
  return crm_store_mutation_finish (store, wait_result (&result), NULL, error);
}

static void
print_refusals (CrmSyncEngine *engine)
{
  g_autoptr(GPtrArray) failed = crm_sync_engine_dup_failed_changes (engine);
  CrmOutboxEntry *first;

  if (failed->len == 0)
    return;

  first = g_ptr_array_index (failed, 0);
  fail (g_dngettext (GETTEXT_PACKAGE, "%u change was refused by the server: %s",
                     "%u changes were refused by the server; the first: %s", failed->len),
        failed->len, first->error != NULL ? first->error : "");
}

static int
run_sync (CrmStore         *store,
          const CliOptions *options,
          const char       *path)
{
  g_autoptr(CrmApiClient) client = NULL;
  g_autoptr(CrmSyncEngine) engine = NULL;
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *key = NULL;
  g_autofree char *line = NULL;

  url = choose_api_url (store, options, &error);
  if (url == NULL)
    return fail ("%s", error->message);

  key = choose_api_key (store, &error);
  if (key == NULL)
    return fail ("%s", error->message);

  client = crm_api_client_new (url, key, &error);
  if (client == NULL || !link_profile (store, url, &error))
    return fail ("%s", error->message);

  /* A script would rather fail soon than wait minutes for a server. */
  engine = crm_sync_engine_new (store, client);
  crm_sync_engine_set_max_attempts (engine, 3);

  crm_sync_engine_sync_async (engine, NULL, on_result_cb, &result);
  summary = crm_sync_engine_sync_finish (engine, wait_result (&result), &error);
  if (summary == NULL)
    return fail (_("cannot sync with %s: %s"), url, error->message);

  line = crm_sync_summary_format (summary);
  g_print ("%s\n", line);

  if (summary->failed > 0)
    {
      print_refusals (engine);
      return EXIT_FAILURE;
    }

  return EXIT_SUCCESS;
}

/**
 * crm_application_cli_handle:
 * @app: the application
 * @options: the parsed command-line options
 *
 * Chooses the profile (`--database`, else the default one) and runs the
 * options that work without a window: `--demo [--demo-size N]`,
 * `--import-csv FILE [--duplicates MODE] [--encoding NAME]`,
 * `--sync [--api-url URL]` and `--export-csv FILE [--list NAME]`, in that
 * order.
 *
 * Returns: -1 to go on and open the window, else the exit status
 */
int
crm_application_cli_handle (CrmApplication *app,
                            GVariantDict   *options)
{
  g_auto(CliOptions) cli = { 0 };
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int status;

  g_return_val_if_fail (CRM_IS_APPLICATION (app), EXIT_FAILURE);
  g_return_val_if_fail (options != NULL, EXIT_FAILURE);

  read_options (options, &cli);

  status = check_options (&cli);
  if (status >= 0)
    return status;

  path = cli.database != NULL ? g_strdup (cli.database) : crm_store_dup_default_path ();
  crm_application_set_database_path (app, path);

  if (!cli.demo && cli.export_path == NULL && cli.import_path == NULL && !cli.sync)
    return -1;

  /* A profile that does not exist holds no saved lists: refuse an unknown
   * list before the file is made. */
  if (cli.list != NULL && crm_builtin_list_find (cli.list) == NULL &&
      !names_all_opportunities (cli.list) && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *names = dup_list_names (NULL);

      return fail (_("there is no list named “%s”; the lists are %s"), cli.list, names);
    }

  store = crm_store_open (path, &error);
  if (store == NULL)
    return fail_open (path, error);

  status = EXIT_SUCCESS;
  if (cli.demo)
    status = run_demo (store, &cli, path);

  /* The demo book is consistent by itself and is made without the rules;
   * what an import brings goes through them (routing, lead lifecycle). */
  crm_store_rules_install (store);
  if (status == EXIT_SUCCESS && cli.import_path != NULL)
    status = run_import (store, &cli);
  if (status == EXIT_SUCCESS && cli.sync)
    status = run_sync (store, &cli, path);
  if (status == EXIT_SUCCESS && cli.export_path != NULL)
    status = run_export (store, &cli);

  crm_store_close (store);

  return status;
}
