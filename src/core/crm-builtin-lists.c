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
  { CRM_BUILTIN_LIST_STALE, NC_("list name", "Stale working leads") },
  { "all-customers", NC_("list name", "All customers") },
};

/* Each list above as an expression in the filter grammar; statuses are the
 * API strings, never translated. The stale list has no fixed text: its
 * number of days is a setting of the profile (see
 * crm_lifecycle_dup_stale_expression()). */
static const char * const builtin_expressions[] = {
  "owner is me and status is \"New Lead\"",
  "owner is me and status is \"Working Lead\"",
  NULL,
  "",
};

G_STATIC_ASSERT (G_N_ELEMENTS (builtin_lists) == G_N_ELEMENTS (builtin_expressions));

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
 * crm_builtin_list_dup_expression:
 * @name_or_id: (nullable): as for crm_builtin_list_find()
 * @stale_days: after how many days without activity a Working Lead is
 *   stale (the profile's %CRM_STALE_DAYS_SETTING)
 *
 * Gets the expression of a built-in list, in the canonical form that
 * crm_filter_to_string() prints. "All customers" is "".
 *
 * Returns: (transfer full) (nullable): the expression, or %NULL when
 *   @name_or_id names no built-in list
 */
char *
crm_builtin_list_dup_expression (const char *name_or_id,
                                 guint       stale_days)
{
  int index = find_index (name_or_id);

  if (index < 0)
    return NULL;

  if (builtin_expressions[index] == NULL)
    return crm_lifecycle_dup_stale_expression (stale_days);

  return g_strdup (builtin_expressions[index]);
}

/**
 * crm_builtin_list_filter_for_days:
 * @name_or_id: (nullable): as for crm_builtin_list_find()
 * @stale_days: as for crm_builtin_list_dup_expression()
 *
 * Builds the customer filter of a built-in list by parsing its expression.
 *
 * Returns: (transfer full) (nullable): the filter, or %NULL when
 *   @name_or_id names no built-in list
 */
CrmFilter *
crm_builtin_list_filter_for_days (const char *name_or_id,
                                  guint       stale_days)
{
  g_autofree char *expression = crm_builtin_list_dup_expression (name_or_id, stale_days);
  g_autoptr(GError) error = NULL;
  CrmFilter *filter;

  if (expression == NULL)
    return NULL;

  /* The texts above are ours: failing to parse one is a bug. */
  filter = crm_filter_parse (expression, &error);
  g_assert_no_error (error);

  return filter;
}

/**
 * crm_builtin_list_filter:
 * @name_or_id: (nullable): as for crm_builtin_list_find()
 *
 * Builds the customer filter of a built-in list, with the default number
 * of stale days (%CRM_STALE_DAYS_DEFAULT). Where a profile is open, use
 * crm_builtin_list_filter_for_days() with its setting instead. "All
 * customers" has a filter with no conditions.
 *
 * Returns: (transfer full) (nullable): the filter, or %NULL when
 *   @name_or_id names no built-in list
 */
CrmFilter *
crm_builtin_list_filter (const char *name_or_id)
{
  return crm_builtin_list_filter_for_days (name_or_id, CRM_STALE_DAYS_DEFAULT);
}

/**
 * crm_builtin_list_parse_stale_days:
 * @setting: (nullable): the value of the profile's %CRM_STALE_DAYS_SETTING
 *
 * Reads the stale days setting as crm_lifecycle_parse_stale_days() does: a
 * missing, malformed or out-of-range value gives %CRM_STALE_DAYS_DEFAULT.
 *
 * Returns: the number of days
 */
guint
crm_builtin_list_parse_stale_days (const char *setting)
{
  return crm_lifecycle_parse_stale_days (setting);
}
