/* crm-builtin-lists.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-builtin-lists"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-builtin-lists.h"

#define TITLE_CONTEXT "list name"

/* In sidebar order. */
static const CrmBuiltinList builtin_lists[] = {
  { "my-new-leads", NC_("list name", "My new leads") },
  { "my-working-leads", NC_("list name", "My working leads") },
  { "all-customers", NC_("list name", "All customers") },
};

/* The conditions of each list above; the status is the API string, never
 * translated, and NULL means any status. */
static const struct {
  gboolean    owner_is_me;
  const char *status;
} builtin_conditions[] = {
  { TRUE, "New Lead" },
  { TRUE, "Working Lead" },
  { FALSE, NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (builtin_lists) == G_N_ELEMENTS (builtin_conditions));

/**
 * crm_builtin_list_get_all:
 * @n_lists: (out) (optional): where to store the number of lists
 *
 * Gets the built-in customer lists in the order the sidebar shows them.
 *
 * Returns: (array length=n_lists) (transfer none): the lists
 */
const CrmBuiltinList *
crm_builtin_list_get_all (guint *n_lists)
{
  if (n_lists != NULL)
    *n_lists = G_N_ELEMENTS (builtin_lists);

  return builtin_lists;
}

static int
find_index (const char *name_or_id)
{
  g_autofree char *wanted = NULL;

  if (name_or_id == NULL)
    return -1;

  wanted = g_utf8_casefold (name_or_id, -1);

  for (guint i = 0; i < G_N_ELEMENTS (builtin_lists); i++)
    {
      const CrmBuiltinList *list = &builtin_lists[i];
      g_autofree char *title = g_utf8_casefold (list->title, -1);
      g_autofree char *translated =
        g_utf8_casefold (g_dpgettext2 (GETTEXT_PACKAGE, TITLE_CONTEXT, list->title), -1);

      if (strcmp (wanted, list->id) == 0 ||
          strcmp (wanted, title) == 0 ||
          strcmp (wanted, translated) == 0)
        return (int) i;
    }

  return -1;
}

/**
 * crm_builtin_list_get_title:
 * @id: the id of a built-in list
 *
 * Returns: (nullable): the translated title, or %NULL when @id names no
 *   built-in list
 */
const char *
crm_builtin_list_get_title (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (builtin_lists); i++)
    {
      if (strcmp (id, builtin_lists[i].id) == 0)
        return g_dpgettext2 (GETTEXT_PACKAGE, TITLE_CONTEXT, builtin_lists[i].title);
    }

  return NULL;
}

/**
 * crm_builtin_list_find:
 * @name_or_id: (nullable): an id ("my-new-leads") or a title, English or
 *   translated, in any case ("my new leads")
 *
 * Returns: (nullable): the id of the list, or %NULL when none matches
 */
const char *
crm_builtin_list_find (const char *name_or_id)
{
  int index = find_index (name_or_id);

  return index < 0 ? NULL : builtin_lists[index].id;
}

/**
 * crm_builtin_list_filter:
 * @name_or_id: (nullable): as for crm_builtin_list_find()
 *
 * Builds the customer filter of a built-in list. "All customers" has a
 * filter with no conditions.
 *
 * Returns: (transfer full) (nullable): the filter, or %NULL when
 *   @name_or_id names no built-in list
 */
CrmFilter *
crm_builtin_list_filter (const char *name_or_id)
{
  g_autoptr(CrmFilter) filter = NULL;
  int index = find_index (name_or_id);

  if (index < 0)
    return NULL;

  filter = crm_filter_new ();

  if (builtin_conditions[index].owner_is_me)
    crm_filter_add (filter, "owner", CRM_FILTER_OP_IS_ME, NULL);

  if (builtin_conditions[index].status != NULL)
    crm_filter_add (filter, "status", CRM_FILTER_OP_IS,
                    g_variant_new_string (builtin_conditions[index].status));

  return g_steal_pointer (&filter);
}
