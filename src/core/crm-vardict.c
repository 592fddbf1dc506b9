/* crm-vardict.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-vardict"

#include "config.h"

#include <string.h>

#include "crm-vardict.h"

/* Looking up a key of an a{sv} made by a builder, as rows and fields are
 * throughout the store. g_variant_lookup() first serialises the whole
 * dictionary, which costs more than the lookup; walking the children of
 * the dictionary as built does not. An import looks up several keys of
 * every row. */

/**
 * crm_vardict_lookup:
 * @dict: an a{sv}
 * @key: a key
 *
 * Returns: (transfer full) (nullable): the value under @key, out of its
 *   variant box, or %NULL when @key is not there
 */
GVariant *
crm_vardict_lookup (GVariant   *dict,
                    const char *key)
{
  gsize n;

  g_return_val_if_fail (dict != NULL, NULL);
  g_return_val_if_fail (g_variant_is_of_type (dict, G_VARIANT_TYPE_VARDICT), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  n = g_variant_n_children (dict);
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) entry = g_variant_get_child_value (dict, i);
      g_autoptr(GVariant) entry_key = g_variant_get_child_value (entry, 0);
      g_autoptr(GVariant) boxed = NULL;

      if (strcmp (g_variant_get_string (entry_key, NULL), key) != 0)
        continue;

      boxed = g_variant_get_child_value (entry, 1);
      return g_variant_get_variant (boxed);
    }

  return NULL;
}

/**
 * crm_vardict_get_string:
 * @dict: an a{sv}
 * @key: a key
 *
 * Returns: (transfer none) (nullable): the string under @key, valid as
 *   long as @dict; %NULL when @key is not there or holds no string
 */
const char *
crm_vardict_get_string (GVariant   *dict,
                        const char *key)
{
  g_autoptr(GVariant) value = crm_vardict_lookup (dict, key);

  /* Fields that may be cleared come as a maybe string. */
  if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE ("ms")))
    {
      GVariant *maybe = g_variant_get_maybe (value);

      g_variant_unref (value);
      value = maybe;
    }

  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return NULL;

  /* The dictionary holds the value: the text lives as long as it does. */
  return g_variant_get_string (value, NULL);
}
