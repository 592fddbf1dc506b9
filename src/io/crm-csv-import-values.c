/* crm-csv-import-values.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-csv-import"

#include "config.h"

#include <string.h>

#include "crm-csv-import-values.h"
#include "crm-date.h"
#include "crm-status.h"

/* Countries a lead sheet names in words, with the ISO 3166 code the store
 * keeps. Names are compared folded (no case, accents or punctuation). Any
 * other two-letter cell is taken as a code. */
static const struct {
  const char *code;
  const char *names;
} countries[] = {
  { "AT", "austria|osterreich|oesterreich|aut" },
  { "DE", "germany|deutschland|deu" },
  { "CH", "switzerland|schweiz|suisse|svizzera|che" },
  { "FR", "france|fra" },
  { "IT", "italy|italia|ita" },
  { "ES", "spain|espana|esp" },
  { "PT", "portugal|prt" },
  { "NL", "netherlands|thenetherlands|holland|nederland|nld" },
  { "BE", "belgium|belgie|belgique|bel" },
  { "LU", "luxembourg|lux" },
  { "IE", "ireland|irl" },
  { "GB", "unitedkingdom|uk|greatbritain|england|scotland|wales|northernireland|gbr" },
  { "US", "unitedstates|unitedstatesofamerica|usa|america" },
  { "CA", "canada|can" },
  { "MX", "mexico|mex" },
  { "BR", "brazil|brasil|bra" },
  { "AR", "argentina|arg" },
  { "CL", "chile|chl" },
  { "CO", "colombia|col" },
  { "PE", "peru|per" },
  { "DK", "denmark|danmark|dnk" },
  { "SE", "sweden|sverige|swe" },
  { "NO", "norway|norge|nor" },
  { "FI", "finland|suomi|fin" },
  { "IS", "iceland|island|isl" },
  { "PL", "poland|polska|pol" },
  { "CZ", "czechia|czechrepublic|cesko|cze" },
  { "SK", "slovakia|svk" },
  { "HU", "hungary|hun" },
  { "SI", "slovenia|svn" },
  { "HR", "croatia|hrv" },
  { "RO", "romania|rou" },
  { "BG", "bulgaria|bgr" },
  { "GR", "greece|grc" },
  { "TR", "turkey|turkiye|tur" },
  { "EE", "estonia|est" },
  { "LV", "latvia|lva" },
  { "LT", "lithuania|ltu" },
  { "UA", "ukraine|ukr" },
  { "IL", "israel|isr" },
  { "AE", "unitedarabemirates|uae|are" },
  { "SA", "saudiarabia|sau" },
  { "EG", "egypt|egy" },
  { "ZA", "southafrica|zaf" },
  { "NG", "nigeria|nga" },
  { "KE", "kenya|ken" },
  { "MA", "morocco|mar" },
  { "IN", "india|ind" },
  { "CN", "china|chn" },
  { "HK", "hongkong|hkg" },
  { "TW", "taiwan|twn" },
  { "JP", "japan|jpn" },
  { "KR", "southkorea|korea|republicofkorea|kor" },
  { "SG", "singapore|sgp" },
  { "MY", "malaysia|mys" },
  { "TH", "thailand|tha" },
  { "VN", "vietnam|vnm" },
  { "ID", "indonesia|idn" },
  { "PH", "philippines|phl" },
  { "AU", "australia|aus" },
  { "NZ", "newzealand|aotearoa|nzl" },
  { "MT", "malta|mlt" },
  { "CY", "cyprus|cyp" },
  { "LI", "liechtenstein|lie" },
};

/* Lower-case ASCII letters and digits only: "Côte-d'Or" → "cotedor". */
static char *
fold_key (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  GString *key = g_string_sized_new (strlen (ascii));

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (key, g_ascii_tolower (*p));
    }

  return g_string_free (key, FALSE);
}

static gboolean
names_contain (const char *names,
               const char *key)
{
  gsize length = strlen (key);

  for (const char *p = names; p != NULL; p = strchr (p, '|'), p = p != NULL ? p + 1 : NULL)
    {
      if (strncmp (p, key, length) == 0 && (p[length] == '|' || p[length] == '\0'))
        return TRUE;
    }

  return FALSE;
}

/**
 * crm_import_value_country:
 * @text: a trimmed, non-empty cell
 *
 * Returns: (nullable): the ISO 3166 code, or %NULL for a name it does not
 *   know
 */
const char *
crm_import_value_country (const char *text)
{
  g_autofree char *key = NULL;

  /* Most cells are codes already: no need to fold them. */
  if (g_ascii_isupper (text[0]) && g_ascii_isupper (text[1]) && text[2] == '\0' &&
      strcmp (text, "UK") != 0)
    return g_intern_string (text);

  key = fold_key (text);
  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    {
      if (names_contain (countries[i].names, key))
        return countries[i].code;
    }

  if (strlen (text) == 2 && g_ascii_isalpha (text[0]) && g_ascii_isalpha (text[1]))
    {
      char code[3] = { g_ascii_toupper (text[0]), g_ascii_toupper (text[1]), '\0' };

      return g_intern_string (code);
    }

  return NULL;
}

/**
 * crm_import_value_is_email:
 * @text: a trimmed cell
 *
 * A plausible address: one `@`, a local part, a domain with a dot, no
 * spaces or characters an address cannot hold.
 *
 * Returns: whether @text is an email address
 */
gboolean
crm_import_value_is_email (const char *text)
{
  const char *at = strchr (text, '@');
  const char *dot;
  gsize length = strlen (text);

  if (at == NULL || at == text || strchr (at + 1, '@') != NULL || length > 254)
    return FALSE;
  if (at - text > 64 || strpbrk (text, " \t\r\n<>()[],;:\"\\") != NULL)
    return FALSE;

  dot = strchr (at + 1, '.');
  if (dot == NULL || dot == at + 1 || text[length - 1] == '.' || strstr (at, "..") != NULL)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20 || *p == 0x7f)
        return FALSE;
    }

  return TRUE;
}

/**
 * crm_import_value_status:
 * @text: a trimmed cell
 *
 * Reads a status in any case, as the API writes it or as the window
 * labels it.
 *
 * Returns: (nullable): the API string of a status the store knows, or
 *   %NULL for any other text
 */
const char *
crm_import_value_status (const char *text)
{
  g_autofree char *wanted = NULL;

  for (CrmStatusKind kind = 0; kind < CRM_STATUS_OTHER; kind++)
    {
      if (g_ascii_strcasecmp (text, crm_status_kind_to_string (kind)) == 0)
        return crm_status_kind_to_string (kind);
    }

  wanted = g_utf8_casefold (text, -1);
  for (CrmStatusKind kind = 0; kind < CRM_STATUS_OTHER; kind++)
    {
      const char *api = crm_status_kind_to_string (kind);
      g_autofree char *folded_api = g_utf8_casefold (api, -1);
      g_autofree char *folded_label = g_utf8_casefold (crm_status_get_label (api), -1);

      if (g_str_equal (wanted, folded_api) || g_str_equal (wanted, folded_label))
        return api;
    }

  return NULL;
}

static gboolean
read_number (const char **p,
             guint        min_digits,
             guint        max_digits,
             int         *value)
{
  guint n = 0;

  *value = 0;
  while (g_ascii_isdigit (**p) && n < max_digits)
    {
      *value = *value * 10 + g_ascii_digit_value (**p);
      (*p)++;
      n++;
    }

  return n >= min_digits && !g_ascii_isdigit (**p);
}

/**
 * crm_import_value_date:
 * @text: a trimmed cell
 * @order: how to read a slashed date
 * @date: (out caller-allocates): the date read
 *
 * Reads YYYY-MM-DD (or YYYY/MM/DD), day.month.year, and day/month/year or
 * month/day/year as @order says. Years have four digits.
 *
 * Returns: whether @text is a valid date
 */
gboolean
crm_import_value_date (const char         *text,
                       CrmImportDateOrder  order,
                       GDate              *date)
{
  const char *p = text;
  int a, b, year;
  char separator;

  if (!read_number (&p, 1, 4, &a))
    return FALSE;

  separator = *p;
  if (separator != '-' && separator != '/' && separator != '.')
    return FALSE;
  p++;

  if (p - text == 5)   /* year first */
    {
      year = a;
      if (!read_number (&p, 1, 2, &a) || *p++ != separator ||
          !read_number (&p, 1, 2, &b) || *p != '\0' || separator == '.')
        return FALSE;
    }
  else
    {
      int first = a;

      if (separator == '-' || !read_number (&p, 1, 2, &b) || *p++ != separator ||
          !read_number (&p, 4, 4, &year) || *p != '\0')
        return FALSE;

      if (separator == '.' || order == CRM_IMPORT_DATE_ORDER_DMY)
        a = b, b = first;            /* a: month, b: day */
      else if (order != CRM_IMPORT_DATE_ORDER_MDY)
        return FALSE;
    }

  if (year < 1 || !g_date_valid_dmy (b, a, year))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, b, a, year);

  return TRUE;
}

/**
 * crm_import_value_timestamp:
 * @text: a trimmed cell
 * @order: how to read a slashed date
 *
 * Reads a timestamp as the store writes it (any ISO 8601 form) or a date,
 * taken as midnight UTC.
 *
 * Returns: (transfer full) (nullable): the stored form of the time
 */
char *
crm_import_value_timestamp (const char         *text,
                            CrmImportDateOrder  order)
{
  g_autoptr(GDateTime) parsed = NULL;
  GDate date;

  if (crm_import_value_date (text, order, &date))
    parsed = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                                  g_date_get_day (&date), 0, 0, 0);
  else if (strchr (text, 'T') != NULL)
    parsed = crm_timestamp_parse (text);

  return parsed != NULL ? crm_timestamp_format (parsed) : NULL;
}

/**
 * crm_import_value_tags:
 * @text: a cell
 *
 * Splits tags at commas and semicolons, trims them and drops empty and
 * repeated ones.
 *
 * Returns: (transfer full): the tags, maybe none
 */
char **
crm_import_value_tags (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text, ",;", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *tag = g_strstrip (parts[i]);

      if (tag[0] == '\0' || !g_hash_table_add (seen, tag))
        continue;

      g_strv_builder_add (builder, tag);
    }

  return g_strv_builder_end (builder);
}

/* Digits without a leading zero (a zip code "01234" stays text). */
static const char *
skip_integer_digits (const char *text)
{
  const char *p = text[0] == '-' ? text + 1 : text;

  if (p[0] == '0')
    return g_ascii_isdigit (p[1]) ? NULL : p + 1;
  if (!g_ascii_isdigit (p[0]))
    return NULL;

  while (g_ascii_isdigit (*p))
    p++;

  return p;
}

gboolean
crm_import_value_is_integer (const char *text)
{
  const char *end = skip_integer_digits (text);

  return end != NULL && *end == '\0' &&
         g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, NULL, NULL);
}

gboolean
crm_import_value_is_decimal (const char *text)
{
  const char *end = skip_integer_digits (text);

  if (end == NULL || *end != '.' || !g_ascii_isdigit (end[1]))
    return FALSE;

  for (end++; g_ascii_isdigit (*end); end++)
    ;

  return *end == '\0' && strlen (text) <= 24;
}

/**
 * crm_import_value_boolean:
 * @text: a trimmed cell
 *
 * Returns: 1 for true or yes, 0 for false or no (any case), -1 otherwise
 */
int
crm_import_value_boolean (const char *text)
{
  if (g_ascii_strcasecmp (text, "true") == 0 || g_ascii_strcasecmp (text, "yes") == 0)
    return 1;
  if (g_ascii_strcasecmp (text, "false") == 0 || g_ascii_strcasecmp (text, "no") == 0)
    return 0;

  return -1;
}

/**
 * crm_import_value_attribute:
 * @text: a non-empty cell
 * @type: the column's type
 * @order: how to read a slashed date
 *
 * Returns: (transfer full) (nullable): the JSON value of a custom
 *   attribute (a date is a "YYYY-MM-DD" string), or %NULL when @text is
 *   not of @type
 */
JsonNode *
crm_import_value_attribute (const char         *text,
                            CrmImportType       type,
                            CrmImportDateOrder  order)
{
  JsonNode *node = json_node_alloc ();
  GDate date;
  int boolean;

  switch (type)
    {
    case CRM_IMPORT_TYPE_INTEGER:
      if (!crm_import_value_is_integer (text))
        break;
      return json_node_init_int (node, g_ascii_strtoll (text, NULL, 10));

    case CRM_IMPORT_TYPE_DECIMAL:
      if (!crm_import_value_is_decimal (text) && !crm_import_value_is_integer (text))
        break;
      return json_node_init_double (node, g_ascii_strtod (text, NULL));

    case CRM_IMPORT_TYPE_DATE:
      if (!crm_import_value_date (text, order, &date))
        break;
      {
        g_autofree char *formatted = crm_date_format (&date);

        return json_node_init_string (node, formatted);
      }

    case CRM_IMPORT_TYPE_BOOLEAN:
      boolean = crm_import_value_boolean (text);
      if (boolean < 0)
        break;
      return json_node_init_boolean (node, boolean);

    case CRM_IMPORT_TYPE_TEXT:
    case CRM_IMPORT_N_TYPES:
    default:
      return json_node_init_string (node, text);
    }

  json_node_unref (node);
  return NULL;
}
