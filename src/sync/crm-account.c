/* crm-account.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-account"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "crm-account.h"
#include "crm-api-client.h"
#include "crm-core-enums.h"
#include "crm-store.h"

/*
 * The profile's ChartMogul account: the base URL and data source live in
 * the profile's settings, the API key in the Secret Service and never in
 * SQLite, GSettings or a log.
 *
 * A machine may have no Secret Service, or one that would prompt (create
 * or unlock a keyring) where nobody sees the prompt. None of these calls
 * ever asks for one: a locked collection, a missing service or one that
 * does not answer within a few seconds all mean "no secret store", and the
 * key is then kept in memory for as long as Prospect runs, which
 * key-storage tells the window so it can say so.
 */

#define SECRET_TIMEOUT_MS 5000

/* The names the sync engine reads too. */
#define SETTING_ENABLED          "sync.enabled"
#define SETTING_BASE_URL         CRM_ACCOUNT_SETTING_BASE_URL
#define SETTING_DATA_SOURCE_UUID "sync.data_source_uuid"
#define SETTING_DATA_SOURCE_NAME "sync.data_source_name"

struct _CrmAccount
{
  GObject parent_instance;

  /* Owned */
  CrmStore *store;
  char *base_url;
  char *data_source_uuid;
  char *data_source_name;

  /* State */
  gboolean is_configured;
  CrmKeyStorage key_storage;
  gulong changed_handler;
};

G_DEFINE_FINAL_TYPE (CrmAccount, crm_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BASE_URL,
  PROP_DATA_SOURCE_UUID,
  PROP_DATA_SOURCE_NAME,
  PROP_IS_CONFIGURED,
  PROP_KEY_STORAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Every account object alive, so that a save through one (Preferences)
 * reaches the others of its profile (the window's). Main thread. */
static GList *live_accounts;

/* Keys that found no secret store, by profile and base URL. Main thread. */
static GHashTable *memory_keys;

static const SecretSchema *
get_key_schema (void)
{
  static const SecretSchema schema = {
    "io.github.prospect_crm.Prospect.ApiKey", SECRET_SCHEMA_NONE,
    {
      { "profile", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "base-url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static GHashTable *
key_attributes (const char *profile,
                const char *base_url)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, (gpointer) "profile", (gpointer) profile);
  g_hash_table_insert (attributes, (gpointer) "base-url", (gpointer) base_url);

  return attributes;
}

static char *
memory_key_id (const char *profile,
               const char *base_url)
{
  return g_strconcat (profile, "\n", base_url, NULL);
}

static const char *
lookup_memory_key (const char *profile,
                   const char *base_url)
{
  g_autofree char *id = memory_key_id (profile, base_url);

  return memory_keys != NULL ? g_hash_table_lookup (memory_keys, id) : NULL;
}

static void
set_memory_key (const char *profile,
                const char *base_url,
                const char *key)
{
  g_autofree char *id = memory_key_id (profile, base_url);

  if (memory_keys == NULL)
    memory_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (key != NULL)
    g_hash_table_replace (memory_keys, g_steal_pointer (&id), g_strdup (key));
  else
    g_hash_table_remove (memory_keys, id);
}

static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
set_key_storage (CrmAccount    *self,
                 CrmKeyStorage  storage)
{
  if (self->key_storage == storage)
    return;

  self->key_storage = storage;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY_STORAGE]);
}

static void
reload (CrmAccount *self)
{
  g_autofree char *base_url = crm_store_dup_setting (self->store, SETTING_BASE_URL);
  g_autofree char *uuid = crm_store_dup_setting (self->store, SETTING_DATA_SOURCE_UUID);
  g_autofree char *name = crm_store_dup_setting (self->store, SETTING_DATA_SOURCE_NAME);
  gboolean is_configured = base_url != NULL;

  g_object_freeze_notify (G_OBJECT (self));

  if (replace_string (&self->base_url, base_url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
  if (replace_string (&self->data_source_uuid, uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA_SOURCE_UUID]);
  if (replace_string (&self->data_source_name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA_SOURCE_NAME]);

  if (self->is_configured != is_configured)
    {
      self->is_configured = is_configured;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_CONFIGURED]);
    }

  if (!is_configured)
    set_key_storage (self, CRM_KEY_STORAGE_NONE);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
on_store_changed_cb (CrmStore   *store,
                     const char *table,
                     GArray     *ids,
                     CrmAccount *self)
{
  reload (self);
}

static void
crm_account_constructed (GObject *object)
{
  CrmAccount *self = CRM_ACCOUNT (object);

  G_OBJECT_CLASS (crm_account_parent_class)->constructed (object);

  reload (self);
  live_accounts = g_list_prepend (live_accounts, self);
  self->changed_handler = g_signal_connect_object (self->store, "changed::settings",
                                                   G_CALLBACK (on_store_changed_cb), self,
                                                   0);
}

static void
crm_account_dispose (GObject *object)
{
  CrmAccount *self = CRM_ACCOUNT (object);

  g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_account_parent_class)->dispose (object);
}

static void
crm_account_finalize (GObject *object)
{
  CrmAccount *self = CRM_ACCOUNT (object);

  live_accounts = g_list_remove (live_accounts, self);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->data_source_uuid, g_free);
  g_clear_pointer (&self->data_source_name, g_free);

  G_OBJECT_CLASS (crm_account_parent_class)->finalize (object);
}

static void
crm_account_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CrmAccount *self = CRM_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_DATA_SOURCE_UUID:
      g_value_set_string (value, self->data_source_uuid);
      break;

    case PROP_DATA_SOURCE_NAME:
      g_value_set_string (value, self->data_source_name);
      break;

    case PROP_IS_CONFIGURED:
      g_value_set_boolean (value, self->is_configured);
      break;

    case PROP_KEY_STORAGE:
      g_value_set_enum (value, self->key_storage);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_account_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CrmAccount *self = CRM_ACCOUNT (object);

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
crm_account_class_init (CrmAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = crm_account_constructed;
  object_class->dispose = crm_account_dispose;
  object_class->finalize = crm_account_finalize;
  object_class->get_property = crm_account_get_property;
  object_class->set_property = crm_account_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CRM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATA_SOURCE_UUID] =
    g_param_spec_string ("data-source-uuid", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATA_SOURCE_NAME] =
    g_param_spec_string ("data-source-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_CONFIGURED] =
    g_param_spec_boolean ("is-configured", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEY_STORAGE] =
    g_param_spec_enum ("key-storage", NULL, NULL,
                       CRM_TYPE_KEY_STORAGE, CRM_KEY_STORAGE_NONE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrmAccount::saved:
   * @self: the account
   *
   * The profile's account was saved, through this object or another of
   * the same profile: its key may be a new one, even where the settings
   * stayed the same.
   */
  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
crm_account_init (CrmAccount *self)
{
}

/**
 * crm_account_new:
 * @store: the profile
 *
 * Returns: (transfer full): the account of @store's profile, which follows
 *   its settings as they change
 */
CrmAccount *
crm_account_new (CrmStore *store)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  return g_object_new (CRM_TYPE_ACCOUNT, "store", store, NULL);
}

/**
 * crm_account_get_base_url:
 * @self: a #CrmAccount
 *
 * Returns: (nullable): the API's base URL, without `/v1`
 */
const char *
crm_account_get_base_url (CrmAccount *self)
{
  g_return_val_if_fail (CRM_IS_ACCOUNT (self), NULL);

  return self->base_url;
}

/**
 * crm_account_get_data_source_uuid:
 * @self: a #CrmAccount
 *
 * Returns: (nullable): the data source customers and contacts are made in
 */
const char *
crm_account_get_data_source_uuid (CrmAccount *self)
{
  g_return_val_if_fail (CRM_IS_ACCOUNT (self), NULL);

  return self->data_source_uuid;
}

/**
 * crm_account_get_data_source_name:
 * @self: a #CrmAccount
 *
 * Returns: (nullable): the data source's name, as the server gave it
 */
const char *
crm_account_get_data_source_name (CrmAccount *self)
{
  g_return_val_if_fail (CRM_IS_ACCOUNT (self), NULL);

  return self->data_source_name;
}

/**
 * crm_account_get_is_configured:
 * @self: a #CrmAccount
 *
 * Returns: whether the profile syncs with an account
 */
gboolean
crm_account_get_is_configured (CrmAccount *self)
{
  g_return_val_if_fail (CRM_IS_ACCOUNT (self), FALSE);

  return self->is_configured;
}

/**
 * crm_account_get_key_storage:
 * @self: a #CrmAccount
 *
 * Returns: where the key was found or put by the last lookup or save
 */
CrmKeyStorage
crm_account_get_key_storage (CrmAccount *self)
{
  g_return_val_if_fail (CRM_IS_ACCOUNT (self), CRM_KEY_STORAGE_NONE);

  return self->key_storage;
}

/* -------------------------------------------------------------------- */
/* The secret store                                                      */
/* -------------------------------------------------------------------- */

typedef struct
{
  char *profile;
  char *base_url;
  char *key;                   /* to store; or the one found */
  GCancellable *cancellable;   /* the caller's, plus the time-out */
  gulong cancelled_handler;
  GCancellable *caller_cancellable;
  guint timeout_id;
} SecretCall;

static void
secret_call_free (gpointer data)
{
  SecretCall *call = data;

  g_clear_handle_id (&call->timeout_id, g_source_remove);
  if (call->caller_cancellable != NULL)
    g_cancellable_disconnect (call->caller_cancellable, call->cancelled_handler);
  g_clear_object (&call->caller_cancellable);
  g_clear_object (&call->cancellable);
  g_free (call->profile);
  g_free (call->base_url);
  if (call->key != NULL)
    memset (call->key, 0, strlen (call->key));
  g_free (call->key);
  g_free (call);
}

static gboolean
on_secret_timeout_cb (gpointer user_data)
{
  SecretCall *call = user_data;

  call->timeout_id = 0;
  g_cancellable_cancel (call->cancellable);

  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled_cb (GCancellable *caller,
                        GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

static GTask *
secret_task_new (CrmAccount          *self,
                 const char          *key,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data,
                 gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  SecretCall *call = g_new0 (SecretCall, 1);

  g_task_set_source_tag (task, source_tag);

  call->profile = g_strdup (crm_store_get_path (self->store));
  call->base_url = g_strdup (self->base_url);
  call->key = g_strdup (key);
  call->cancellable = g_cancellable_new ();
  call->timeout_id = g_timeout_add (SECRET_TIMEOUT_MS, on_secret_timeout_cb, call);
  if (cancellable != NULL)
    {
      call->caller_cancellable = g_object_ref (cancellable);
      call->cancelled_handler = g_cancellable_connect (cancellable,
                                                       G_CALLBACK (on_caller_cancelled_cb),
                                                       call->cancellable, NULL);
    }
  g_task_set_task_data (task, call, secret_call_free);

  return task;
}

/* Whether the caller gave up; a time-out or a failing service is not that. */
static gboolean
caller_cancelled (GTask *task)
{
  GCancellable *cancellable = g_task_get_cancellable (task);

  return cancellable != NULL && g_cancellable_is_cancelled (cancellable);
}

static void
no_secret_store (GTask        *task,
                 const GError *error)
{
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("No secret store: %s", error->message);
  else if (error != NULL)
    g_debug ("No secret store: it did not answer in time");
}

/* Lookup */

static void
finish_lookup (GTask         *task,
               CrmKeyStorage  storage,
               const char    *key)
{
  CrmAccount *self = g_task_get_source_object (task);
  SecretCall *call = g_task_get_task_data (task);

  if (caller_cancelled (task))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The operation was cancelled"));
      return;
    }

  if (key == NULL)
    {
      key = lookup_memory_key (call->profile, call->base_url);
      storage = key != NULL ? CRM_KEY_STORAGE_MEMORY : CRM_KEY_STORAGE_NONE;
    }

  set_key_storage (self, storage);
  g_task_return_pointer (task, g_strdup (key), g_free);
}

static void
on_password_lookup_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    no_secret_store (task, error);

  finish_lookup (task, CRM_KEY_STORAGE_SECRET_SERVICE, key);
}

static void
on_service_search_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autolist(SecretItem) items = NULL;
  g_autoptr(SecretValue) value = NULL;

  items = secret_service_search_finish (SECRET_SERVICE (object), result, &error);
  if (error != NULL)
    no_secret_store (task, error);

  /* Unlocking would prompt: a locked item is as good as none. */
  if (items != NULL && !secret_item_get_locked (items->data))
    value = secret_item_get_secret (items->data);

  finish_lookup (task, CRM_KEY_STORAGE_SECRET_SERVICE,
                 value != NULL ? secret_value_get_text (value) : NULL);
}

static void
on_lookup_service_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = secret_service_get_finish (result, &error);
  SecretCall *call = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = NULL;

  if (service == NULL)
    {
      no_secret_store (task, error);
      finish_lookup (task, CRM_KEY_STORAGE_NONE, NULL);
      return;
    }

  attributes = key_attributes (call->profile, call->base_url);
  secret_service_search (service, get_key_schema (), attributes, SECRET_SEARCH_LOAD_SECRETS,
                         call->cancellable, on_service_search_cb, g_steal_pointer (&task));
}

/* libsecret 0.20 picks its file back end (tests) from SECRET_BACKEND and
 * keeps the back-end API private; the password calls use it, and never
 * prompt there. */
static gboolean
uses_file_backend (void)
{
  return g_strcmp0 (g_getenv ("SECRET_BACKEND"), "file") == 0;
}

/**
 * crm_account_lookup_key_async:
 * @self: a #CrmAccount
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the key is known
 * @user_data: data for @callback
 *
 * Finds the account's API key in the Secret Service, or in memory when
 * there was no secret store to put it in. Never prompts.
 */
void
crm_account_lookup_key_async (CrmAccount          *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SecretCall *call;

  g_return_if_fail (CRM_IS_ACCOUNT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = secret_task_new (self, NULL, cancellable, callback, user_data,
                          crm_account_lookup_key_async);

  if (self->base_url == NULL)
    {
      finish_lookup (task, CRM_KEY_STORAGE_NONE, NULL);
      return;
    }

  call = g_task_get_task_data (task);
  if (uses_file_backend ())
    {
      g_autoptr(GHashTable) attributes = key_attributes (call->profile, call->base_url);

      secret_password_lookupv (get_key_schema (), attributes, call->cancellable,
                               on_password_lookup_cb, g_steal_pointer (&task));
      return;
    }

  secret_service_get (SECRET_SERVICE_OPEN_SESSION, call->cancellable, on_lookup_service_cb,
                      g_steal_pointer (&task));
}

/**
 * crm_account_lookup_key_finish:
 * @self: a #CrmAccount
 * @result: the result
 * @error: return location for a #GError (only when cancelled)
 *
 * Returns: (transfer full) (nullable): the key, or %NULL when none is known
 */
char *
crm_account_lookup_key_finish (CrmAccount    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (CRM_IS_ACCOUNT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Save */

typedef struct
{
  char *base_url;
  char *data_source_uuid;
  char *data_source_name;
} SettingsJob;

static void
settings_job_free (gpointer data)
{
  SettingsJob *job = data;

  g_free (job->base_url);
  g_free (job->data_source_uuid);
  g_free (job->data_source_name);
  g_free (job);
}

/* Writer thread. A NULL base URL removes the account. */
static gboolean
write_settings_job (CrmStoreTxn  *txn,
                    gpointer      data,
                    GError      **error)
{
  SettingsJob *job = data;

  return crm_store_txn_set_setting (txn, SETTING_ENABLED, job->base_url != NULL ? "1" : NULL,
                                    error) &&
         crm_store_txn_set_setting (txn, SETTING_BASE_URL, job->base_url, error) &&
         crm_store_txn_set_setting (txn, SETTING_DATA_SOURCE_UUID, job->data_source_uuid,
                                    error) &&
         crm_store_txn_set_setting (txn, SETTING_DATA_SOURCE_NAME, job->data_source_name,
                                    error);
}

/* The store's path, not the object: tests and windows may open the same
 * profile twice. */
static void
emit_saved (const char *profile)
{
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);

  for (GList *l = live_accounts; l != NULL; l = l->next)
    {
      CrmAccount *account = l->data;

      if (account->store != NULL &&
          g_strcmp0 (crm_store_get_path (account->store), profile) == 0)
        g_ptr_array_add (accounts, g_object_ref (account));
    }

  for (guint i = 0; i < accounts->len; i++)
    g_signal_emit (g_ptr_array_index (accounts, i), signals[SIGNAL_SAVED], 0);
}

static void
on_settings_written_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CrmAccount *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!crm_store_mutation_finish (CRM_STORE (object), result, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  reload (self);
  if (self->base_url != NULL)
    emit_saved (crm_store_get_path (self->store));
  g_task_return_boolean (task, TRUE);
}

static void
write_settings (GTask      *task,
                const char *base_url,
                const char *data_source_uuid,
                const char *data_source_name)
{
  CrmAccount *self = g_task_get_source_object (task);
  SettingsJob *job = g_new0 (SettingsJob, 1);

  job->base_url = g_strdup (base_url);
  job->data_source_uuid = g_strdup (data_source_uuid);
  job->data_source_name = g_strdup (data_source_name);

  crm_store_run_async (self->store, NULL, CRM_ORIGIN_PERSON, write_settings_job, job,
                       settings_job_free, NULL, on_settings_written_cb, task);
}

typedef struct
{
  char *data_source_uuid;
  char *data_source_name;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  g_free (save->data_source_uuid);
  g_free (save->data_source_name);
  g_free (save);
}

static void
finish_store (GTask         *task,
              CrmKeyStorage  storage)
{
  CrmAccount *self = g_task_get_source_object (task);
  SecretCall *call = g_task_get_task_data (task);
  SaveData *save = g_object_get_data (G_OBJECT (task), "crm-save");

  if (caller_cancelled (task))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The operation was cancelled"));
      g_object_unref (task);
      return;
    }

  set_memory_key (call->profile, call->base_url,
                  storage == CRM_KEY_STORAGE_MEMORY ? call->key : NULL);
  set_key_storage (self, storage);

  /* The settings name the account only once its key is safe somewhere. */
  write_settings (task, call->base_url, save->data_source_uuid, save->data_source_name);
}

static void
on_password_stored_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      no_secret_store (task, error);
      finish_store (task, CRM_KEY_STORAGE_MEMORY);
      return;
    }

  finish_store (task, CRM_KEY_STORAGE_SECRET_SERVICE);
}

static void
store_password (GTask *task)
{
  SecretCall *call = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = key_attributes (call->profile, call->base_url);
  g_autofree char *label = g_strdup_printf (_("Prospect: ChartMogul API key for %s"),
                                            call->profile);

  secret_password_storev (get_key_schema (), attributes, SECRET_COLLECTION_DEFAULT, label,
                          call->key, call->cancellable, on_password_stored_cb, task);
}

static void
on_default_collection_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretCollection) collection = secret_collection_for_alias_finish (result, &error);

  /* Creating or unlocking the keyring would prompt. */
  if (collection == NULL || secret_collection_get_locked (collection))
    {
      no_secret_store (task, error);
      finish_store (task, CRM_KEY_STORAGE_MEMORY);
      return;
    }

  store_password (task);
}

static void
on_store_service_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = secret_service_get_finish (result, &error);
  SecretCall *call = g_task_get_task_data (task);

  if (service == NULL)
    {
      no_secret_store (task, error);
      finish_store (task, CRM_KEY_STORAGE_MEMORY);
      return;
    }

  secret_collection_for_alias (service, SECRET_COLLECTION_DEFAULT, SECRET_COLLECTION_NONE,
                               call->cancellable, on_default_collection_cb, task);
}

/**
 * crm_account_save_async:
 * @self: a #CrmAccount
 * @base_url: the API's base URL (see crm_account_check_base_url())
 * @data_source_uuid: (nullable): the data source to create records in
 * @data_source_name: (nullable): its name
 * @api_key: the API key
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the account is saved
 * @user_data: data for @callback
 *
 * Puts @api_key in the Secret Service (or in memory, when there is no
 * usable one: see #CrmAccount:key-storage) and the rest in the profile,
 * which from then on syncs.
 */
void
crm_account_save_async (CrmAccount          *self,
                        const char          *base_url,
                        const char          *data_source_uuid,
                        const char          *data_source_name,
                        const char          *api_key,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;
  SaveData *save;
  GError *error = NULL;

  g_return_if_fail (CRM_IS_ACCOUNT (self));
  g_return_if_fail (base_url != NULL);
  g_return_if_fail (api_key != NULL);

  task = secret_task_new (self, api_key, cancellable, callback, user_data,
                          crm_account_save_async);

  if (!crm_api_client_check_base_url (base_url, &error) || api_key[0] == '\0')
    {
      if (error == NULL)
        error = g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                             _("Enter the API key of your ChartMogul account"));
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  /* The key belongs to the URL it is saved with. */
  g_free (((SecretCall *) g_task_get_task_data (task))->base_url);
  ((SecretCall *) g_task_get_task_data (task))->base_url = g_strdup (base_url);

  save = g_new0 (SaveData, 1);
  save->data_source_uuid = g_strdup (data_source_uuid);
  save->data_source_name = g_strdup (data_source_name);
  g_object_set_data_full (G_OBJECT (task), "crm-save", save, save_data_free);

  if (uses_file_backend ())
    store_password (task);
  else
    secret_service_get (SECRET_SERVICE_OPEN_SESSION,
                        ((SecretCall *) g_task_get_task_data (task))->cancellable,
                        on_store_service_cb, task);
}

/**
 * crm_account_save_finish:
 * @self: a #CrmAccount
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: whether the account was saved
 */
gboolean
crm_account_save_finish (CrmAccount    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (CRM_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Remove */

static void
on_password_cleared_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  /* A key left in an unreachable keyring is harmless: nothing reads it
   * once the profile names no account. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    no_secret_store (task, error);

  write_settings (task, NULL, NULL, NULL);
}

/**
 * crm_account_remove_async:
 * @self: a #CrmAccount
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the account is gone
 * @user_data: data for @callback
 *
 * Forgets the account and its key. The profile's data stays as it is and
 * keeps working offline.
 */
void
crm_account_remove_async (CrmAccount          *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;
  SecretCall *call;
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (CRM_IS_ACCOUNT (self));

  task = secret_task_new (self, NULL, cancellable, callback, user_data,
                          crm_account_remove_async);
  call = g_task_get_task_data (task);
  set_key_storage (self, CRM_KEY_STORAGE_NONE);

  if (call->base_url == NULL)
    {
      write_settings (task, NULL, NULL, NULL);
      return;
    }

  set_memory_key (call->profile, call->base_url, NULL);
  attributes = key_attributes (call->profile, call->base_url);
  secret_password_clearv (get_key_schema (), attributes, call->cancellable,
                          on_password_cleared_cb, task);
}

/**
 * crm_account_remove_finish:
 * @self: a #CrmAccount
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: whether the account was removed
 */
gboolean
crm_account_remove_finish (CrmAccount    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (CRM_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
