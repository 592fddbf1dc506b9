/* crm-sync-account.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sync"

#include "config.h"

#include <libsecret/secret.h>

#include "crm-sync-account.h"

/*
 * The API key of a profile's account, kept in the Secret Service under
 * the profile's database path, never in SQLite, GSettings or a log. The
 * profile itself keeps the server's address (setting "sync.api_url").
 *
 * These calls never prompt: a locked keyring is not unlocked, and a
 * missing Secret Service is not an error a caller must report other than
 * as "no key". They block; the window calls them from a worker thread,
 * the command line directly.
 */

static const SecretSchema *
account_schema (void)
{
  static const SecretSchema schema = {
    APPLICATION_ID ".Account", SECRET_SCHEMA_NONE,
    {
      { "profile", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/**
 * crm_sync_account_lookup_key:
 * @profile: the profile's database path
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads the profile's API key, without unlocking anything.
 *
 * Returns: (transfer full) (nullable): the key, or %NULL when there is
 *   none that can be read without a prompt (with @error set when the
 *   Secret Service could not be asked)
 */
char *
crm_sync_account_lookup_key (const char    *profile,
                             GCancellable  *cancellable,
                             GError       **error)
{
  GList *items;
  char *key = NULL;

  g_return_val_if_fail (profile != NULL, NULL);

  items = secret_password_search_sync (account_schema (), SECRET_SEARCH_LOAD_SECRETS,
                                       cancellable, error, "profile", profile, NULL);

  for (GList *l = items; l != NULL && key == NULL; l = l->next)
    {
      g_autoptr(SecretValue) value = NULL;

      value = secret_retrievable_retrieve_secret_sync (l->data, cancellable, NULL);
      if (value != NULL && secret_value_get_text (value) != NULL)
        key = g_strdup (secret_value_get_text (value));
    }

  g_list_free_full (items, g_object_unref);
  return key;
}

/**
 * crm_sync_account_store_key:
 * @profile: the profile's database path
 * @api_key: the key
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the Secret Service keeps the key
 */
gboolean
crm_sync_account_store_key (const char    *profile,
                            const char    *api_key,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (profile != NULL, FALSE);
  g_return_val_if_fail (api_key != NULL, FALSE);

  label = g_strdup_printf ("Prospect: ChartMogul API key for %s", profile);
  return secret_password_store_sync (account_schema (), SECRET_COLLECTION_DEFAULT, label,
                                     api_key, cancellable, error, "profile", profile, NULL);
}

/**
 * crm_sync_account_clear_key:
 * @profile: the profile's database path
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Forgets the profile's key (removing the account keeps the local data).
 *
 * Returns: %TRUE unless the Secret Service failed
 */
gboolean
crm_sync_account_clear_key (const char    *profile,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (profile != NULL, FALSE);

  secret_password_clear_sync (account_schema (), cancellable, &local_error,
                              "profile", profile, NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}
