/* crm-country.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-country"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "crm-country.h"

/*
 * Countries are stored as ISO 3166-1 alpha-2 codes, as the API sends
 * them. The codes are known here, so that a bad one is refused on any
 * machine; their names, and the names' translations, come from the
 * iso-codes package when it is installed, else a country shows as its
 * code.
 */

#define ISO_CODES_DOMAIN "iso_3166-1"
#define ISO_CODES_FILE "iso-codes/json/iso_3166-1.json"

/* The 249 assigned codes of ISO 3166-1 (as iso-codes 4.15 lists them),
 * two letters each, in order. */
static const char codes[] =
  "ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQ"
  "BRBSBTBVBWBYBZCACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDM"
  "DODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQGRGS"
  "GTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKN"
  "KPKRKWKYKZLALBLCLILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQ"
  "MRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPM"
  "PNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSV"
  "SXSYSZTCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVI"
  "VNVUWFWSYEYTZAZMZW";

/**
 * crm_country_is_code:
 * @code: (nullable): a country code, upper case
 *
 * Returns: %TRUE if @code is an assigned ISO 3166-1 alpha-2 code
 */
gboolean
crm_country_is_code (const char *code)
{
  if (code == NULL || strlen (code) != 2 ||
      !g_ascii_isupper (code[0]) || !g_ascii_isupper (code[1]))
    return FALSE;

  for (const char *p = codes; *p != '\0'; p += 2)
    if (p[0] == code[0] && p[1] == code[1])
      return TRUE;

  return FALSE;
}

/* Code → untranslated name, read once from iso-codes; empty when the
 * package is not installed. Main thread or any: guarded by g_once. */
static GHashTable *
load_names (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonObject *root;
  JsonArray *entries;

  if (!json_parser_load_from_file (parser, path, &error))
    {
      g_debug ("Failed to read the country names: %s", error->message);
      return names;
    }

  root = JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
    ? json_node_get_object (json_parser_get_root (parser)) : NULL;
  entries = root != NULL && json_object_has_member (root, "3166-1")
    ? json_object_get_array_member (root, "3166-1") : NULL;

  for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      const char *code = json_object_get_string_member_with_default (entry, "alpha_2", NULL);
      const char *name = json_object_get_string_member_with_default (entry, "name", NULL);

      /* "Bolivia" rather than "Bolivia, Plurinational State of". */
      name = json_object_get_string_member_with_default (entry, "common_name", name);
      if (code != NULL && name != NULL)
        g_hash_table_insert (names, g_strdup (code), g_strdup (name));
    }

  return names;
}

static gpointer
find_and_load_names (gpointer data)
{
  const char * const *dirs = g_get_system_data_dirs ();

  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dirs[i], ISO_CODES_FILE, NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return load_names (path);
    }

  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static GHashTable *
get_names (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, find_and_load_names, NULL);
  return once.retval;
}

static const char *
translate_name (const char *name)
{
  return g_dgettext (ISO_CODES_DOMAIN, name);
}

/**
 * crm_country_dup_name:
 * @code: (nullable): a country code
 *
 * Names a country in the person's language, where iso-codes knows it.
 *
 * Returns: (transfer full) (nullable): the name; @code itself when its name
 *   is not known; %NULL when @code is %NULL or empty
 */
char *
crm_country_dup_name (const char *code)
{
  g_autofree char *upper = NULL;
  const char *name;

  if (code == NULL || code[0] == '\0')
    return NULL;

  upper = g_ascii_strup (code, -1);
  name = g_hash_table_lookup (get_names (), upper);
  if (name == NULL)
    return g_strdup (code);

  return g_strdup (translate_name (name));
}

static gboolean
name_matches (const char *name,
              const char *folded_text)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  return g_str_equal (folded, folded_text);
}

/**
 * crm_country_find_code:
 * @text: what a person typed: a code in any case, or a country's name in
 *   English or in their language
 *
 * Returns: (transfer full) (nullable): the country's code, or %NULL when
 *   @text names no country
 */
char *
crm_country_find_code (const char *text)
{
  g_autofree char *stripped = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *folded = NULL;
  GHashTableIter iter;
  gpointer code, name;

  g_return_val_if_fail (text != NULL, NULL);

  stripped = g_strstrip (g_strdup (text));
  upper = g_ascii_strup (stripped, -1);
  if (crm_country_is_code (upper))
    return g_steal_pointer (&upper);

  if (g_utf8_strlen (stripped, -1) < 3)
    return NULL;

  folded = g_utf8_casefold (stripped, -1);
  g_hash_table_iter_init (&iter, get_names ());
  while (g_hash_table_iter_next (&iter, &code, &name))
    {
      if (name_matches (name, folded) || name_matches (translate_name (name), folded))
        return g_strdup (code);
    }

  return NULL;
}
