/* crm-store-attributes.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include "crm-filter-fields.h"
#include "crm-store-private.h"

/**
 * crm_store_dup_attribute_keys:
 * @self: a #CrmStore
 *
 * Lists the keys of the customers' custom attributes, as far as the data
 * holds any, for a person to pick one to filter by. Keys that a filter
 * cannot name (other characters than letters, digits and underscores) are
 * left out. This reads the index of every customer's attributes: call it
 * when the list is wanted, not on every change.
 *
 * Returns: (transfer full): the keys, sorted; empty on an error
 */
GStrv
crm_store_dup_attribute_keys (CrmStore *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  stmt = _crm_store_prepare (self->reader, self->reader_statements,
                             "SELECT DISTINCT key FROM customer_attributes ORDER BY key",
                             &error);
  if (stmt == NULL)
    {
      g_warning ("Failed to list the custom attributes: %s", error->message);
      return g_strv_builder_end (builder);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *field = g_strconcat ("attr.", key, NULL);

      if (crm_filter_fields_custom_key (CRM_ENTITY_CUSTOMER, field) != NULL)
        g_strv_builder_add (builder, key);
    }

  if (rc != SQLITE_DONE)
    g_warning ("Failed to list the custom attributes: %s", sqlite3_errmsg (self->reader));

  sqlite3_reset (stmt);

  return g_strv_builder_end (builder);
}
