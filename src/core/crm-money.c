/* crm-money.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-money"

#include "config.h"

#include <limits.h>
#include <locale.h>
#include <string.h>

#include "crm-money-private.h"

/* ISO 4217 currencies whose minor unit is not a hundredth. */
static const char * const zero_decimal[] = {
  "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW",
  "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF",
};

static const char * const three_decimal[] = {
  "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND",
};

static gboolean
code_in (const char         *code,
         const char * const *codes,
         gsize               n_codes)
{
  for (gsize i = 0; i < n_codes; i++)
    {
      if (g_ascii_strcasecmp (code, codes[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * crm_currency_get_exponent:
 * @currency: an ISO 4217 code, such as `EUR`
 *
 * Gets the number of digits of a currency's minor unit: 2 for most, 0 for
 * currencies such as JPY, 3 for currencies such as KWD.
 *
 * Returns: the number of decimals of @currency
 */
guint
crm_currency_get_exponent (const char *currency)
{
  g_return_val_if_fail (currency != NULL, 2);

  if (code_in (currency, zero_decimal, G_N_ELEMENTS (zero_decimal)))
    return 0;
  if (code_in (currency, three_decimal, G_N_ELEMENTS (three_decimal)))
    return 3;

  return 2;
}

/* Appends @digits with @separator between groups, sized as the locale's
 * grouping string says: each byte is the size of the next group leftwards,
 * the last one repeats, and CHAR_MAX stops grouping. */
static void
append_grouped (GString    *out,
                const char *digits,
                const char *grouping,
                const char *separator)
{
  gboolean separator_before[G_N_ELEMENTS ("18446744073709551615")] = { FALSE, };
  gsize len = strlen (digits);
  gsize left = len;
  guint size = 0;

  g_assert (len < G_N_ELEMENTS (separator_before));

  while (separator[0] != '\0')
    {
      if (*grouping == CHAR_MAX)
        break;
      if (*grouping != '\0')
        size = (guchar) *grouping++;
      if (size == 0 || size >= left)
        break;

      left -= size;
      separator_before[left] = TRUE;
    }

  for (gsize i = 0; i < len; i++)
    {
      if (separator_before[i])
        g_string_append (out, separator);
      g_string_append_c (out, digits[i]);
    }
}

/*
 * _crm_money_format_full:
 *
 * crm_money_format() with the numeric conventions given rather than taken
 * from the locale, so that tests can check grouping without installing
 * locales. @grouping is in the form of `struct lconv`'s.
 */
char *
_crm_money_format_full (gint64      minor,
                        const char *currency,
                        const char *decimal_point,
                        const char *thousands_sep,
                        const char *grouping)
{
  g_autofree char *whole_digits = NULL;
  GString *out;
  guint exponent;
  guint64 magnitude;
  guint64 divisor = 1;

  g_assert (currency != NULL);
  g_assert (decimal_point != NULL && thousands_sep != NULL && grouping != NULL);

  exponent = crm_currency_get_exponent (currency);
  for (guint i = 0; i < exponent; i++)
    divisor *= 10;

  /* Negate in unsigned arithmetic so that G_MININT64 does not overflow. */
  magnitude = minor < 0 ? -(guint64) minor : (guint64) minor;
  whole_digits = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude / divisor);

  out = g_string_new (currency);
  g_string_append_c (out, ' ');
  if (minor < 0)
    g_string_append_c (out, '-');
  append_grouped (out, whole_digits, grouping, thousands_sep);

  if (exponent > 0)
    {
      g_string_append (out, decimal_point);
      g_string_append_printf (out, "%0*" G_GUINT64_FORMAT,
                              (int) exponent, magnitude % divisor);
    }

  return g_string_free (out, FALSE);
}

/**
 * crm_money_format:
 * @minor: an amount in the currency's minor unit (cents for EUR)
 * @currency: an ISO 4217 code
 *
 * Formats an amount as the code, a space and the number with the
 * currency's decimals, using the decimal point and digit grouping of the
 * current numeric locale: `EUR 1000.00`, `JPY 1500`, `KWD -1.250` in the C
 * locale. Only integer arithmetic is used, so no amount is ever rounded.
 *
 * Returns: (transfer full): the text
 */
char *
crm_money_format (gint64      minor,
                  const char *currency)
{
  const struct lconv *conv;

  g_return_val_if_fail (currency != NULL, NULL);

  conv = localeconv ();

  return _crm_money_format_full (minor, currency, conv->decimal_point,
                                 conv->thousands_sep, conv->grouping);
}

/**
 * crm_money_weighted:
 * @minor: an amount in minor units
 * @likelihood: a win likelihood in percent, 0 to 100
 *
 * Weighs an amount by a likelihood: @minor × @likelihood / 100, rounded
 * half up to the minor unit (half away from zero for a negative amount),
 * computed in integers.
 *
 * Returns: the weighted amount in minor units
 */
gint64
crm_money_weighted (gint64 minor,
                    int    likelihood)
{
  gint64 hundreds;
  gint64 rest;

  g_return_val_if_fail (likelihood >= 0 && likelihood <= 100, 0);

  /* Split so that the product cannot overflow; both parts carry the sign
   * of @minor, so rounding the rest rounds the whole. */
  hundreds = minor / 100;
  rest = (minor % 100) * likelihood;

  return hundreds * likelihood + (rest + (rest < 0 ? -50 : 50)) / 100;
}
