/* crm-store-demo-deals.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store-demo"

#include "config.h"

#include "crm-store-demo-private.h"

/* A demo customer's opportunities: new business for a lead or a trial,
 * renewals for a subscriber, each with the stages it went through. */

/* The yearly value of the customer's seats in the deal's currency, in
 * minor units (JPY has none). */
static gint64
deal_amount (const DemoCustomer *customer,
             const char         *currency)
{
  gint64 euros = (gint64) customer->seats * demo_plan_seat_prices[customer->plan];

  euros = MAX (600, euros - euros % 100);

  if (g_str_equal (currency, "JPY"))
    return euros * 160;
  if (g_str_equal (currency, "GBP"))
    return euros * 85;
  if (g_str_equal (currency, "USD"))
    return euros * 110;

  return euros * 100;
}

typedef struct
{
  const char      *pipeline;
  const DemoStage *stage;
  gint64          *position;
  const char      *name;
  const char      *type;
  gint64           created;
  gint64           stage_entered;
  gint64           close;          /* close_on, or closed_on when closed */
  const char      *lost_reason;
} DemoDeal;

static gboolean
add_opportunity (DemoBook           *book,
                 const DemoCustomer *customer,
                 const DemoDeal     *deal)
{
  const char *currency = customer->country->currency;
  gboolean closed = deal->stage->win_likelihood == 100 || deal->stage->win_likelihood == 0;
  char custom[32];
  GVariantBuilder fields;

  g_snprintf (custom, sizeof custom, "{\"seats\":%u}", customer->seats);

  g_variant_builder_init (&fields, G_VARIANT_TYPE_VARDICT);
  demo_put_int (&fields, "customer_id", customer->id);
  demo_put_string (&fields, "name", deal->name);
  demo_put_string (&fields, "owner", demo_owner_email (customer));
  demo_put_string (&fields, "pipeline", deal->pipeline);
  demo_put_string (&fields, "stage", deal->stage->name);
  demo_put_int (&fields, "board_position", (*deal->position)++);
  demo_put_int (&fields, "amount_minor", deal_amount (customer, currency));
  demo_put_string (&fields, "currency", currency);
  demo_put_date (&fields, "close_on", deal->close);
  demo_put_string (&fields, "type", deal->type);
  demo_put_string (&fields, "forecast_category", deal->stage->forecast_category);
  demo_put_int (&fields, "win_likelihood", deal->stage->win_likelihood);
  demo_put_string (&fields, "custom", custom);
  demo_put_time (&fields, "stage_entered_at", deal->stage_entered);
  if (closed)
    demo_put_date (&fields, "closed_on", deal->close);
  demo_put_string (&fields, "lost_reason", deal->lost_reason);
  demo_put_stamps (&fields, deal->created, deal->stage_entered);

  return demo_insert_row (book, CRM_ENTITY_OPPORTUNITY, &fields) != 0;
}

static gboolean
add_new_business (DemoBook           *book,
                  const DemoCustomer *customer)
{
  char name[96], note[96];
  DemoDeal deal = { "New Business", NULL, NULL, name, "recurring", customer->qualified,
                    0, 0, NULL };
  guint stage;

  if (customer->status == DEMO_QUALIFIED_LEAD)
    {
      guint roll = demo_pick (book, 100);

      stage = roll < 45 ? DISCOVERY : roll < 80 ? EVALUATION : NEGOTIATION;
      deal.stage_entered = demo_working_hours (book, demo_between (book, customer->qualified,
                                                                   book->reference - DAY));
      deal.close = book->reference + demo_between (book, 10, 120) * DAY;
    }
  else if (customer->lost_deal)
    {
      stage = CLOSED_LOST;
      deal.stage_entered = customer->ended;
      deal.close = customer->ended;
      deal.lost_reason = demo_lost_reasons[demo_pick (book, G_N_ELEMENTS (demo_lost_reasons))];
    }
  else
    {
      stage = CLOSED_WON;
      deal.stage_entered = customer->customer_since;
      deal.close = customer->customer_since;
    }

  if (demo_chance (book, 12))
    {
      deal.type = "one-time";
      g_snprintf (name, sizeof name, "%s onboarding package", customer->name);
    }
  else
    {
      g_snprintf (name, sizeof name, "%s %s plan", customer->name, demo_plans[customer->plan]);
    }

  deal.stage = &demo_new_business_stages[stage];
  deal.position = &book->new_business_positions[stage];
  if (!add_opportunity (book, customer, &deal))
    return FALSE;

  /* Closing as lost leaves the reason on the timeline, as a synced note. */
  if (deal.lost_reason == NULL)
    return TRUE;
  g_snprintf (note, sizeof note, "Closed Lost — reason: %s", deal.lost_reason);
  return demo_add_note (book, customer, customer->ended - MINUTE, note);
}

static gboolean
add_renewal (DemoBook           *book,
             const DemoCustomer *customer)
{
  gint64 anniversary = customer->customer_since + 365 * DAY;
  char name[96], year[16];
  DemoDeal deal = { "Renewals", NULL, NULL, name, "recurring", 0, 0, 0, NULL };
  guint stage;

  if (customer->status == DEMO_CANCELLED)
    {
      stage = CHURNED;
      deal.close = customer->ended;
      deal.lost_reason = demo_churn_reasons[demo_pick (book, G_N_ELEMENTS (demo_churn_reasons))];
    }
  else if (customer->status == DEMO_PAST_DUE)
    {
      stage = IN_DISCUSSION;
      deal.close = MAX (anniversary, book->reference + 20 * DAY);
    }
  else if (anniversary < book->reference)
    {
      stage = RENEWED;
      deal.close = anniversary;
    }
  else
    {
      stage = anniversary - book->reference < 60 * DAY ? IN_DISCUSSION : UPCOMING;
      deal.close = anniversary;
    }

  deal.created = MIN (anniversary - 90 * DAY, book->reference - 2 * DAY);
  if (stage == CHURNED)
    deal.created = customer->ended - 30 * DAY;
  deal.created = demo_working_hours (book, MAX (deal.created, customer->customer_since));
  deal.stage_entered = stage == UPCOMING
    ? deal.created
    : demo_working_hours (book, MIN (deal.close, book->reference - DAY));
  demo_format_date (year, deal.close);
  year[4] = '\0';
  g_snprintf (name, sizeof name, "%s renewal %s", customer->name, year);

  deal.stage = &demo_renewal_stages[stage];
  deal.position = &book->renewal_positions[stage];
  return add_opportunity (book, customer, &deal);
}

gboolean
demo_add_opportunities (DemoBook           *book,
                        const DemoCustomer *customer)
{
  gboolean subscriber = customer->customer_since != 0;

  if ((customer->status == DEMO_QUALIFIED_LEAD && demo_chance (book, 90)) ||
      customer->lost_deal || (subscriber && demo_chance (book, 75)))
    {
      if (!add_new_business (book, customer))
        return FALSE;
    }

  if (subscriber && demo_chance (book, customer->status == DEMO_ACTIVE ? 40 : 60))
    return add_renewal (book, customer);

  return TRUE;
}
