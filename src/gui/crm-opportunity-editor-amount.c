/* crm-opportunity-editor-amount.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-opportunity-editor"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "crm-money.h"
#include "crm-opportunity-editor.h"

/* The amount entry of the opportunity editor: text to minor units and
 * back, with integer arithmetic only. Plain functions, tested without a
 * display. */

G_DEFINE_QUARK (crm-amount-error-quark, crm_amount_error)

static gboolean
is_group_space (gunichar c)
{
  /* Spaces, no-break spaces and apostrophes group digits in many locales. */
  return c == ' ' || c == 0x00A0 || c == 0x202F || c == 0x2009 ||
         c == '\'' || c == 0x2019;
}

/* Removes the currency's code written before or after the number. */
static char *
strip_currency_code (const char *text,
                     const char *currency)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  gsize len = strlen (copy);

  if (len >= 3 && g_ascii_strncasecmp (copy, currency, 3) == 0)
    return g_strstrip (g_strdup (copy + 3));

  if (len >= 3 && g_ascii_strcasecmp (copy + len - 3, currency) == 0)
    {
      copy[len - 3] = '\0';
      return g_strstrip (g_strdup (copy));
    }

  return g_steal_pointer (&copy);
}

static gboolean
amount_syntax_error (GError     **error,
                     const char  *currency)
{
  guint exponent = crm_currency_get_exponent (currency);
  g_autofree char *example = NULL;
  gint64 minor = 12000;

  /* 12,000.50 in the currency's own decimals. */
  for (guint i = 0; i < exponent; i++)
    minor = minor * 10 + (i == 0 ? 5 : 0);
  example = crm_opportunity_editor_format_amount (minor, currency);

  /* Translators: %s is an example amount, such as 12,000.50 */
  g_set_error (error, CRM_AMOUNT_ERROR, CRM_AMOUNT_ERROR_SYNTAX,
               _("Enter an amount such as %s"), example);
  return FALSE;
}

/* Reduces @text to digits, 'G' for a grouping mark and 'D' for the
 * decimal mark. A lone '.' or ',' is the decimal mark when the locale says
 * so; with both, the last one is. */
static char *
classify_marks (const char *text,
                char        decimal)
{
  GString *out = g_string_new (NULL);
  const char *last_dot = strrchr (text, '.');
  const char *last_comma = strrchr (text, ',');
  char decimal_mark = decimal;

  if (last_dot != NULL && last_comma != NULL)
    decimal_mark = last_dot > last_comma ? '.' : ',';

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= '0' && c <= '9')
        g_string_append_c (out, (char) c);
      else if ((c == '.' || c == ',') && c == (gunichar) decimal_mark)
        g_string_append_c (out, 'D');
      else if (c == '.' || c == ',' || is_group_space (c))
        g_string_append_c (out, 'G');
      else
        {
          g_string_free (out, TRUE);
          return NULL;
        }
    }

  return g_string_free (out, FALSE);
}

/* Groups after the first hold three digits: "12,000" but not "12,00". */
static gboolean
grouping_is_valid (const char *whole)
{
  char **groups = g_strsplit (whole, "G", -1);
  guint n = g_strv_length (groups);
  gboolean valid = n > 0 && strlen (groups[0]) >= 1 && (n == 1 || strlen (groups[0]) <= 3);

  for (guint i = 1; valid && i < n; i++)
    valid = strlen (groups[i]) == 3;

  g_strfreev (groups);
  return valid;
}

static gboolean
digits_to_int (const char *digits,
               guint64    *value)
{
  *value = 0;

  for (const char *p = digits; *p != '\0'; p++)
    {
      if (*p == 'G')
        continue;
      if (*value > (G_MAXINT64 - 9) / 10)
        return FALSE;
      *value = *value * 10 + (guint64) (*p - '0');
    }

  return TRUE;
}

/**
 * crm_opportunity_editor_parse_amount:
 * @text: what the user typed, such as `12,000.50`
 * @currency: the ISO 4217 code the amount is in
 * @decimal_point: (nullable): the decimal mark of the locale; %NULL takes
 *   the current numeric locale's
 * @minor: (out): the amount in the currency's minor units
 * @error: return location for a #GError
 *
 * Reads an amount with integer arithmetic only. Grouping marks (`,` `.`
 * spaces and apostrophes) are allowed between groups of three digits; the
 * decimal mark is the locale's, or the last of `.` and `,` when both are
 * written. More decimals than the currency has (2 for EUR, 0 for JPY, 3 for
 * KWD) are refused rather than rounded. The currency's code may be written
 * before or after the number. An empty text is zero.
 *
 * Returns: %TRUE when @text is an amount
 */
gboolean
crm_opportunity_editor_parse_amount (const char  *text,
                                     const char  *currency,
                                     const char  *decimal_point,
                                     gint64      *minor,
                                     GError     **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *marks = NULL;
  g_auto(GStrv) parts = NULL;
  guint exponent;
  guint64 whole = 0, fraction = 0, scale = 1;
  gsize n_decimals;
  char decimal;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (currency != NULL, FALSE);
  g_return_val_if_fail (minor != NULL, FALSE);

  if (decimal_point == NULL)
    decimal_point = localeconv ()->decimal_point;
  decimal = g_str_equal (decimal_point, ",") ? ',' : '.';
  exponent = crm_currency_get_exponent (currency);
  *minor = 0;

  stripped = strip_currency_code (text, currency);
  if (stripped[0] == '\0')
    return TRUE;

  if (stripped[0] == '-' || g_str_has_prefix (stripped, "−"))
    {
      g_set_error_literal (error, CRM_AMOUNT_ERROR, CRM_AMOUNT_ERROR_RANGE,
                           _("The amount cannot be negative"));
      return FALSE;
    }

  marks = classify_marks (stripped, decimal);
  if (marks == NULL)
    return amount_syntax_error (error, currency);

  parts = g_strsplit (marks, "D", -1);
  if (g_strv_length (parts) > 2 || strchr (parts[1] != NULL ? parts[1] : "", 'G') != NULL)
    return amount_syntax_error (error, currency);

  if (parts[0][0] == '\0' ? parts[1] == NULL || parts[1][0] == '\0'
                          : !grouping_is_valid (parts[0]))
    return amount_syntax_error (error, currency);

  n_decimals = parts[1] != NULL ? strlen (parts[1]) : 0;
  if (n_decimals > exponent)
    {
      if (exponent == 0)
        g_set_error (error, CRM_AMOUNT_ERROR, CRM_AMOUNT_ERROR_PRECISION,
                     _("%s amounts have no decimals"), currency);
      else
        g_set_error (error, CRM_AMOUNT_ERROR, CRM_AMOUNT_ERROR_PRECISION,
                     g_dngettext (GETTEXT_PACKAGE, "%s amounts have at most %u decimal",
                                  "%s amounts have at most %u decimals", exponent),
                     currency, exponent);
      return FALSE;
    }

  for (guint i = 0; i < exponent; i++)
    scale *= 10;

  if (!digits_to_int (parts[0], &whole) ||
      (parts[1] != NULL && !digits_to_int (parts[1], &fraction)) ||
      whole > (guint64) G_MAXINT64 / scale)
    {
      g_set_error_literal (error, CRM_AMOUNT_ERROR, CRM_AMOUNT_ERROR_RANGE,
                           _("The amount is too large"));
      return FALSE;
    }

  for (gsize i = n_decimals; i < exponent; i++)
    fraction *= 10;

  if (whole * scale > (guint64) G_MAXINT64 - fraction)
    {
      g_set_error_literal (error, CRM_AMOUNT_ERROR, CRM_AMOUNT_ERROR_RANGE,
                           _("The amount is too large"));
      return FALSE;
    }

  *minor = (gint64) (whole * scale + fraction);
  return TRUE;
}

/**
 * crm_opportunity_editor_format_amount:
 * @minor: an amount in minor units
 * @currency: its currency
 *
 * Returns: (transfer full): the amount as the entry shows it: the number
 *   of crm_money_format() without the code
 */
char *
crm_opportunity_editor_format_amount (gint64      minor,
                                      const char *currency)
{
  g_autofree char *text = NULL;
  gsize code_len;

  g_return_val_if_fail (currency != NULL, NULL);

  text = crm_money_format (minor, currency);
  code_len = strlen (currency);

  if (g_str_has_prefix (text, currency) && text[code_len] == ' ')
    return g_strdup (text + code_len + 1);

  return g_steal_pointer (&text);
}
