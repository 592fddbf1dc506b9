/* crm-board-totals.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-board-totals"

#include "config.h"

#include <string.h>

#include "crm-board-totals.h"
#include "crm-money.h"

/**
 * CrmBoardTotals:
 *
 * What a column of the pipeline board adds up: how many opportunities it
 * holds, and per currency the sum of their amounts and the sum of their
 * weighted amounts. Currencies are never mixed: each keeps its own sums,
 * in integer minor units, and they are listed by currency code.
 */

typedef struct
{
  char   *currency;
  gint64  sum;
  gint64  weighted;
} CurrencySums;

struct _CrmBoardTotals
{
  gatomicrefcount  ref_count;
  guint            count;
  GArray          *currencies;   /* CurrencySums, ordered by code */
};

G_DEFINE_BOXED_TYPE (CrmBoardTotals, crm_board_totals,
                     crm_board_totals_ref, crm_board_totals_unref)

static void
currency_sums_clear (gpointer data)
{
  CurrencySums *sums = data;

  g_free (sums->currency);
}

/**
 * crm_board_totals_new:
 *
 * Returns: (transfer full): empty totals: no opportunity, no currency
 */
CrmBoardTotals *
crm_board_totals_new (void)
{
  CrmBoardTotals *self = g_new0 (CrmBoardTotals, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->currencies = g_array_new (FALSE, TRUE, sizeof (CurrencySums));
  g_array_set_clear_func (self->currencies, currency_sums_clear);

  return self;
}

/**
 * crm_board_totals_ref:
 * @self: a #CrmBoardTotals
 *
 * Returns: (transfer full): @self
 */
CrmBoardTotals *
crm_board_totals_ref (CrmBoardTotals *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * crm_board_totals_unref:
 * @self: (transfer full): a #CrmBoardTotals
 */
void
crm_board_totals_unref (CrmBoardTotals *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_array_unref (self->currencies);
  g_free (self);
}

/* Finds the sums of @currency, adding them in code order when missing. */
static CurrencySums *
lookup_currency (CrmBoardTotals *self,
                 const char     *currency)
{
  CurrencySums fresh = { 0, };
  guint i;

  for (i = 0; i < self->currencies->len; i++)
    {
      CurrencySums *sums = &g_array_index (self->currencies, CurrencySums, i);
      int cmp = strcmp (sums->currency, currency);

      if (cmp == 0)
        return sums;
      if (cmp > 0)
        break;
    }

  fresh.currency = g_strdup (currency);
  g_array_insert_val (self->currencies, i, fresh);

  return &g_array_index (self->currencies, CurrencySums, i);
}

/**
 * crm_board_totals_add:
 * @self: a #CrmBoardTotals
 * @currency: the opportunity's ISO 4217 code
 * @amount_minor: its amount in minor units
 * @likelihood: its win likelihood in percent, 0 to 100
 *
 * Counts one opportunity. Its weighted amount is rounded to the minor unit
 * on its own (see crm_money_weighted()) before it joins the sum, so that
 * the weighted sum is the sum of what each card shows.
 */
void
crm_board_totals_add (CrmBoardTotals *self,
                      const char     *currency,
                      gint64          amount_minor,
                      int             likelihood)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (currency != NULL);
  g_return_if_fail (likelihood >= 0 && likelihood <= 100);

  crm_board_totals_add_sums (self, currency, 1, amount_minor,
                             crm_money_weighted (amount_minor, likelihood));
}

/**
 * crm_board_totals_add_sums:
 * @self: a #CrmBoardTotals
 * @currency: an ISO 4217 code
 * @count: how many opportunities the sums cover
 * @sum_minor: the sum of their amounts
 * @weighted_minor: the sum of their weighted amounts, each already rounded
 *
 * Adds sums made elsewhere (in SQL, by the store) under @currency.
 */
void
crm_board_totals_add_sums (CrmBoardTotals *self,
                           const char     *currency,
                           guint           count,
                           gint64          sum_minor,
                           gint64          weighted_minor)
{
  CurrencySums *sums;

  g_return_if_fail (self != NULL);
  g_return_if_fail (currency != NULL);

  sums = lookup_currency (self, currency);
  sums->sum += sum_minor;
  sums->weighted += weighted_minor;
  self->count += count;
}

/**
 * crm_board_totals_get_count:
 * @self: a #CrmBoardTotals
 *
 * Returns: how many opportunities were counted, all currencies together
 */
guint
crm_board_totals_get_count (CrmBoardTotals *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->count;
}

/**
 * crm_board_totals_get_n_currencies:
 * @self: a #CrmBoardTotals
 *
 * Returns: how many currencies have sums
 */
guint
crm_board_totals_get_n_currencies (CrmBoardTotals *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->currencies->len;
}

/**
 * crm_board_totals_get_currency:
 * @self: a #CrmBoardTotals
 * @index: a currency's place, in code order
 * @sum_minor: (out) (optional): the sum of its amounts
 * @weighted_minor: (out) (optional): the sum of its weighted amounts
 *
 * Returns: (transfer none): the currency's code
 */
const char *
crm_board_totals_get_currency (CrmBoardTotals *self,
                               guint           index,
                               gint64         *sum_minor,
                               gint64         *weighted_minor)
{
  CurrencySums *sums;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->currencies->len, NULL);

  sums = &g_array_index (self->currencies, CurrencySums, index);
  if (sum_minor != NULL)
    *sum_minor = sums->sum;
  if (weighted_minor != NULL)
    *weighted_minor = sums->weighted;

  return sums->currency;
}

/**
 * crm_board_totals_equal:
 * @a: (nullable): a #CrmBoardTotals
 * @b: (nullable): another
 *
 * Returns: whether both count the same and hold the same sums
 */
gboolean
crm_board_totals_equal (CrmBoardTotals *a,
                        CrmBoardTotals *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  if (a->count != b->count || a->currencies->len != b->currencies->len)
    return FALSE;

  for (guint i = 0; i < a->currencies->len; i++)
    {
      CurrencySums *x = &g_array_index (a->currencies, CurrencySums, i);
      CurrencySums *y = &g_array_index (b->currencies, CurrencySums, i);

      if (strcmp (x->currency, y->currency) != 0 ||
          x->sum != y->sum || x->weighted != y->weighted)
        return FALSE;
    }

  return TRUE;
}

static char *
format_list (CrmBoardTotals *self,
             gboolean        weighted)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < self->currencies->len; i++)
    {
      CurrencySums *sums = &g_array_index (self->currencies, CurrencySums, i);
      g_autofree char *amount = NULL;

      amount = crm_money_format (weighted ? sums->weighted : sums->sum, sums->currency);
      if (i > 0)
        g_string_append (text, " · ");
      g_string_append (text, amount);
    }

  return g_string_free (text, FALSE);
}

/**
 * crm_board_totals_format_sums:
 * @self: a #CrmBoardTotals
 *
 * Formats one sum per currency, by currency code, joined by " · ", each
 * as crm_money_format() writes it: `EUR 1000.00 · JPY 1500 · USD 2500.80`
 * in the C locale, with the digit grouping of the locale otherwise.
 *
 * Returns: (transfer full): the text; empty when nothing was counted
 */
char *
crm_board_totals_format_sums (CrmBoardTotals *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return format_list (self, FALSE);
}

/**
 * crm_board_totals_format_weighted:
 * @self: a #CrmBoardTotals
 *
 * Formats the weighted sums as crm_board_totals_format_sums() formats the
 * sums.
 *
 * Returns: (transfer full): the text; empty when nothing was counted
 */
char *
crm_board_totals_format_weighted (CrmBoardTotals *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return format_list (self, TRUE);
}
