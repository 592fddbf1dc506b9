/* crm-api-page.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-api-page.h"
#include "crm-sync-error.h"

/**
 * CrmApiPage:
 *
 * One page of a list: `{"entries": […], "cursor": …, "has_more": …}`.
 * Keys it does not know (the legacy `current_page`, `total_pages`…) are
 * passed over. The next cursor is set only while `has_more` is true: the
 * last page still carries a cursor, which must not be followed.
 */
struct _CrmApiPage
{
  gatomicrefcount  ref_count;

  JsonNode        *root;
  JsonArray       *entries;       /* borrowed from root; NULL once mapped */
  guint            n_entries;
  char            *next_cursor;
  gboolean         has_more;

  gpointer         mapped;
  GDestroyNotify   mapped_free;
};

G_DEFINE_BOXED_TYPE (CrmApiPage, crm_api_page, crm_api_page_ref, crm_api_page_unref)

static gboolean
set_malformed (GError     **error,
               const char  *what)
{
  /* Translators: %s says what is wrong, such as "entries is not a list" */
  g_set_error (error, CRM_SYNC_ERROR, CRM_SYNC_ERROR_MALFORMED,
               _("The server sent a page that cannot be read: %s"), what);
  return FALSE;
}

static gboolean
read_cursor (JsonObject  *object,
             char       **cursor,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, "cursor");

  *cursor = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return set_malformed (error, _("the cursor is not text"));

  *cursor = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_has_more (JsonObject  *object,
               gboolean    *has_more,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, "has_more");

  *has_more = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return set_malformed (error, _("has_more is not true or false"));

  *has_more = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
check_entries (JsonArray  *entries,
               GError    **error)
{
  for (guint i = 0; i < json_array_get_length (entries); i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (entries, i)))
      return set_malformed (error, _("an entry is not an object"));

  return TRUE;
}

static gboolean
read_envelope (CrmApiPage  *self,
               const char  *sent_cursor,
               GError     **error)
{
  JsonObject *object;
  JsonNode *entries;
  g_autofree char *cursor = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (self->root))
    return set_malformed (error, _("it is not an object"));

  object = json_node_get_object (self->root);
  entries = json_object_get_member (object, "entries");
  if (entries == NULL || !JSON_NODE_HOLDS_ARRAY (entries))
    return set_malformed (error, _("entries is not a list"));

  self->entries = json_node_get_array (entries);
  self->n_entries = json_array_get_length (self->entries);
  if (!check_entries (self->entries, error) ||
      !read_cursor (object, &cursor, error) ||
      !read_has_more (object, &self->has_more, error))
    return FALSE;

  if (!self->has_more)
    return TRUE;

  if (cursor == NULL)
    return set_malformed (error, _("it says there is more but gives no cursor"));

  /* Following the cursor we sent would read the same page forever. */
  if (g_strcmp0 (cursor, sent_cursor) == 0)
    return set_malformed (error, _("it sends back the cursor it was asked for"));

  self->next_cursor = g_steal_pointer (&cursor);
  return TRUE;
}

/**
 * crm_api_page_parse:
 * @body: the body of a successful list response
 * @sent_cursor: (nullable): the cursor the page was asked for
 * @error: return location for a #GError
 *
 * Parses a page. Call off the main thread: a page of 200 customers is
 * a few hundred kilobytes of JSON.
 *
 * Returns: (transfer full): the page, or %NULL with
 *   %CRM_SYNC_ERROR_MALFORMED
 */
CrmApiPage *
crm_api_page_parse (GBytes      *body,
                    const char  *sent_cursor,
                    GError     **error)
{
  /* Not sealed: sealing walks the whole tree once more and hashes every
   * key and value in it (about 5% of the instructions a pull's page takes
   * to read). Records borrow its nodes (crm-sync-resource-read.c), which
   * are not edited in place after. */
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CrmApiPage) self = NULL;
  const char *data;
  gsize size;

  g_return_val_if_fail (body != NULL, NULL);

  data = g_bytes_get_data (body, &size);
  if (!json_parser_load_from_data (parser, data != NULL ? data : "", size, &local_error))
    {
      set_malformed (error, local_error->message);
      return NULL;
    }

  self = g_new0 (CrmApiPage, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->root = json_parser_steal_root (parser);
  if (self->root == NULL)
    {
      set_malformed (error, _("it is empty"));
      return NULL;
    }

  if (!read_envelope (self, sent_cursor, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * crm_api_page_ref:
 * @self: a #CrmApiPage
 *
 * Returns: (transfer full): @self
 */
CrmApiPage *
crm_api_page_ref (CrmApiPage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * crm_api_page_unref:
 * @self: a #CrmApiPage
 */
void
crm_api_page_unref (CrmApiPage *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  if (self->mapped != NULL && self->mapped_free != NULL)
    self->mapped_free (self->mapped);
  g_clear_pointer (&self->root, json_node_unref);
  g_free (self->next_cursor);
  g_free (self);
}

/**
 * crm_api_page_get_entries:
 * @self: a #CrmApiPage
 *
 * Returns: (transfer none) (nullable): the entries, each a JSON object;
 *   %NULL once they were mapped
 */
JsonArray *
crm_api_page_get_entries (CrmApiPage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->entries;
}

/**
 * crm_api_page_get_n_entries:
 * @self: a #CrmApiPage
 *
 * Returns: how many entries the page holds
 */
guint
crm_api_page_get_n_entries (CrmApiPage *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_entries;
}

/**
 * crm_api_page_get_next_cursor:
 * @self: a #CrmApiPage
 *
 * Returns: (nullable): the cursor of the next page; %NULL on the last page,
 *   whatever cursor it carries
 */
const char *
crm_api_page_get_next_cursor (CrmApiPage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->next_cursor;
}

/**
 * crm_api_page_has_more:
 * @self: a #CrmApiPage
 *
 * Returns: whether another page follows
 */
gboolean
crm_api_page_has_more (CrmApiPage *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->has_more;
}

/**
 * crm_api_page_map:
 * @self: a #CrmApiPage
 * @func: turns the entries into what the caller keeps
 * @user_data: data for @func
 * @error: return location for a #GError
 *
 * Runs @func over the entries and keeps its result; see
 * crm_api_page_get_mapped(). Call where the page was parsed. The entries
 * are dropped once mapped.
 *
 * Returns: %FALSE when @func refused the entries
 */
gboolean
crm_api_page_map (CrmApiPage         *self,
                  CrmApiPageMapFunc   func,
                  gpointer            user_data,
                  GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (self->mapped == NULL, FALSE);

  self->mapped = func (self->entries, user_data, error);
  if (self->mapped == NULL)
    return FALSE;

  /* The entries live on in what was made of them: the JSON tree goes now,
   * on this thread, rather than on the main thread with the page. */
  self->entries = NULL;
  g_clear_pointer (&self->root, json_node_unref);
  return TRUE;
}

/**
 * crm_api_page_get_mapped:
 * @self: a #CrmApiPage
 *
 * Returns: (transfer none) (nullable): what the map function made
 */
gpointer
crm_api_page_get_mapped (CrmApiPage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->mapped;
}

/**
 * crm_api_page_steal_mapped:
 * @self: a #CrmApiPage
 * @destroy: (out) (optional): the function that frees it
 *
 * Returns: (transfer full) (nullable): what the map function made, now the
 *   caller's
 */
gpointer
crm_api_page_steal_mapped (CrmApiPage     *self,
                           GDestroyNotify *destroy)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (destroy != NULL)
    *destroy = self->mapped_free;
  self->mapped_free = NULL;

  return g_steal_pointer (&self->mapped);
}

/**
 * crm_api_page_set_mapped_free:
 * @self: a #CrmApiPage
 * @destroy: (nullable): frees what the map function made, with the page
 */
void
crm_api_page_set_mapped_free (CrmApiPage     *self,
                              GDestroyNotify  destroy)
{
  g_return_if_fail (self != NULL);

  self->mapped_free = destroy;
}
