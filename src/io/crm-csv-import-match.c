/* crm-csv-import-match.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-csv-import"

#include "config.h"

#include "crm-csv-import-match.h"
#include "crm-csv-import-row.h"

typedef struct
{
  gint64 id;
  gint64 position;
} Contact;

struct _CrmImportIndex
{
  /* Stored customers: external_id / folded email -> id. */
  GHashTable *by_external_id;
  GHashTable *by_email;

  /* Each stored customer's first contact: customer id -> Contact. */
  GHashTable *contacts;

  /* Rows of the file so far: external_id / folded email -> line. */
  GHashTable *rows_by_external_id;
  GHashTable *rows_by_email;
};

static GHashTable *
string_table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

CrmImportIndex *
crm_import_index_new (void)
{
  CrmImportIndex *self = g_new0 (CrmImportIndex, 1);

  self->by_external_id = string_table_new ();
  self->by_email = string_table_new ();
  self->contacts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->rows_by_external_id = string_table_new ();
  self->rows_by_email = string_table_new ();

  return self;
}

void
crm_import_index_free (CrmImportIndex *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->by_external_id);
  g_hash_table_unref (self->by_email);
  g_hash_table_unref (self->contacts);
  g_hash_table_unref (self->rows_by_external_id);
  g_hash_table_unref (self->rows_by_email);
  g_free (self);
}

/* The first one added keeps a key: stored customers come in id order, so
 * two customers sharing an email match the older one. */
static void
add_key (GHashTable *table,
         const char *key,
         gint64      value)
{
  if (key == NULL || key[0] == '\0' || g_hash_table_contains (table, key))
    return;

  g_hash_table_insert (table, g_strdup (key), GSIZE_TO_POINTER ((gsize) value));
}

static gint64
find_key (GHashTable *table,
          const char *key)
{
  if (key == NULL)
    return 0;

  return (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (table, key));
}

/**
 * crm_import_index_add_customer:
 * @self: an index
 * @customer_id: a stored customer
 * @external_id: (nullable): its stable id
 * @email: (nullable): its email, as stored
 */
void
crm_import_index_add_customer (CrmImportIndex *self,
                               gint64          customer_id,
                               const char     *external_id,
                               const char     *email)
{
  g_autofree char *email_key = crm_import_dup_email_key (email);

  g_return_if_fail (self != NULL);

  add_key (self->by_external_id, external_id, customer_id);
  add_key (self->by_email, email_key, customer_id);
}

/**
 * crm_import_index_find_customer:
 * @self: an index
 * @external_id: (nullable): a row's stable id
 * @email_key: (nullable): a row's folded email
 *
 * Matches by stable id first; only a row whose id is unknown (or that has
 * none) is matched by email.
 *
 * Returns: the stored customer the row names, or 0
 */
gint64
crm_import_index_find_customer (CrmImportIndex *self,
                                const char     *external_id,
                                const char     *email_key)
{
  gint64 id;

  g_return_val_if_fail (self != NULL, 0);

  id = find_key (self->by_external_id, external_id);
  if (id != 0)
    return id;

  return find_key (self->by_email, email_key);
}

gboolean
crm_import_index_has_external_id (CrmImportIndex *self,
                                  const char     *external_id)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return external_id != NULL && g_hash_table_contains (self->by_external_id, external_id);
}

void
crm_import_index_add_contact (CrmImportIndex *self,
                              gint64          customer_id,
                              gint64          contact_id,
                              gint64          position)
{
  Contact *contact;

  g_return_if_fail (self != NULL);

  contact = g_hash_table_lookup (self->contacts, &customer_id);
  if (contact == NULL)
    {
      contact = g_new0 (Contact, 1);
      g_hash_table_insert (self->contacts, g_memdup2 (&customer_id, sizeof customer_id),
                           contact);
    }
  else if (contact->position < position ||
           (contact->position == position && contact->id < contact_id))
    {
      return;
    }

  contact->id = contact_id;
  contact->position = position;
}

/**
 * crm_import_index_find_contact:
 * @self: an index
 * @customer_id: a customer
 *
 * Returns: the customer's primary contact (the first by position), or 0
 */
gint64
crm_import_index_find_contact (CrmImportIndex *self,
                               gint64          customer_id)
{
  Contact *contact;

  g_return_val_if_fail (self != NULL, 0);

  contact = g_hash_table_lookup (self->contacts, &customer_id);
  return contact != NULL ? contact->id : 0;
}

void
crm_import_index_add_row (CrmImportIndex *self,
                          const char     *external_id,
                          const char     *email_key,
                          guint           line)
{
  g_return_if_fail (self != NULL);

  add_key (self->rows_by_external_id, external_id, line);
  add_key (self->rows_by_email, email_key, line);
}

/**
 * crm_import_index_find_row:
 * @self: an index
 * @external_id: (nullable): a row's stable id
 * @email_key: (nullable): a row's folded email
 * @by_id: (out) (optional): whether the id matched, not the email
 *
 * Returns: the line of an earlier row with the same id or email, or 0
 */
guint
crm_import_index_find_row (CrmImportIndex *self,
                           const char     *external_id,
                           const char     *email_key,
                           gboolean       *by_id)
{
  guint line;

  g_return_val_if_fail (self != NULL, 0);

  line = (guint) find_key (self->rows_by_external_id, external_id);
  if (by_id != NULL)
    *by_id = line != 0;
  if (line != 0)
    return line;

  return (guint) find_key (self->rows_by_email, email_key);
}
