/* crm-sync-merge.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sync"

#include "config.h"

#include "crm-sync-merge.h"

/**
 * crm_sync_merge_new:
 * @resource: how the record is synced
 * @base: (nullable): the server's value as last seen; %NULL for a record
 *   never synced (a local record paired with a server one), where every
 *   field counts as unset
 * @local: the record's values here
 * @server: the record's values on the server now
 *
 * Compares field by field. A field equal on both sides needs nothing; one
 * that only one side changed since @base goes to the other side; one that
 * both changed to different values is a conflict. Nothing is overwritten
 * without a question.
 *
 * Returns: (transfer full): the outcome
 */
CrmSyncMerge *
crm_sync_merge_new (const CrmSyncResource *resource,
                    JsonObject            *base,
                    JsonObject            *local,
                    JsonObject            *server)
{
  CrmSyncMerge *self = g_new0 (CrmSyncMerge, 1);
  g_autoptr(GPtrArray) columns = NULL;

  g_return_val_if_fail (resource != NULL, NULL);
  g_return_val_if_fail (local != NULL && server != NULL, NULL);

  /* NULL-terminated, so each list can be read as a string vector. */
  self->take = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  self->push = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  self->conflicts = g_ptr_array_new_null_terminated (0, g_free, TRUE);

  /* Custom attributes count one by one: a key changed here and another
   * there merge; the same key changed on both sides is a conflict. */
  columns = crm_sync_resource_dup_columns (resource, base, local, server);
  for (guint i = 0; i < columns->len; i++)
    {
      const char *column = g_ptr_array_index (columns, i);
      GPtrArray *to;

      if (crm_sync_values_equal (local, server, column))
        continue;

      if (crm_sync_values_equal (local, base, column))
        to = self->take;
      else if (crm_sync_values_equal (server, base, column))
        to = self->push;
      else
        to = self->conflicts;

      g_ptr_array_add (to, g_strdup (column));
    }

  return self;
}

/**
 * crm_sync_merge_is_empty:
 * @self: a merge
 *
 * Returns: whether both sides already hold the same values
 */
gboolean
crm_sync_merge_is_empty (CrmSyncMerge *self)
{
  return self->take->len == 0 && self->push->len == 0 && self->conflicts->len == 0;
}

/**
 * crm_sync_merge_free:
 * @self: (nullable): a merge
 */
void
crm_sync_merge_free (CrmSyncMerge *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->take);
  g_ptr_array_unref (self->push);
  g_ptr_array_unref (self->conflicts);
  g_free (self);
}
