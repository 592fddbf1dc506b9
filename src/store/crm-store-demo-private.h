/* crm-store-demo-private.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define MINUTE          G_GINT64_CONSTANT (60)
#define HOUR            (60 * MINUTE)
#define DAY             (24 * HOUR)

/* The invented world the demo book is drawn from (crm-store-demo-world.c).
 * The sizes are part of each declaration, so that the definitions must
 * agree with them and G_N_ELEMENTS() works in crm-store-demo.c. */

typedef struct
{
  const char *name;
  const char *email;
} DemoRep;

typedef struct
{
  const char *city;
  const char *zip;
  const char *state;
} DemoCity;

typedef struct
{
  const char          *code;
  guint                weight;
  const char          *currency;
  const char          *legal_form;
  const char          *calling_code;
  gboolean             number_first;   /* "12 Harbor Road", not "Lindenstraße 12" */
  const char * const  *streets;
  DemoCity             cities[4];      /* ends at the first NULL city */
} DemoCountry;

typedef enum
{
  DEMO_NEW_LEAD,
  DEMO_WORKING_LEAD,
  DEMO_QUALIFIED_LEAD,
  DEMO_UNQUALIFIED_LEAD,
  DEMO_ACTIVE,
  DEMO_PAST_DUE,
  DEMO_CANCELLED,
  DEMO_LEGACY_LEAD,
  DEMO_N_STATUSES
} DemoStatus;

typedef struct
{
  const char *name;
  gint64      win_likelihood;
  const char *forecast_category;
  gint64      stale_days;       /* 0: never stale */
} DemoStage;

enum { DISCOVERY, EVALUATION, NEGOTIATION, CLOSED_WON, CLOSED_LOST, N_NEW_BUSINESS };
enum { UPCOMING, IN_DISCUSSION, RENEWED, CHURNED, N_RENEWALS };

typedef struct
{
  const char *noun;
  const char *industry;
} DemoNoun;

typedef struct
{
  const char *status;
  guint       weight;
  guint       min_age_days;
  guint       max_age_days;
} DemoStatusShare;

typedef struct
{
  const char *text;
  gboolean    add_name;
} DemoSubject;

typedef struct
{
  const char *name;
  const char *subject;
  const char *body;
} DemoTemplate;

extern const DemoRep demo_reps[5];
extern const char * const demo_first_names[58];
extern const char * const demo_last_names[58];
extern const char * const demo_company_words[50];
extern const DemoNoun demo_company_nouns[34];
extern const DemoCountry demo_countries[24];
extern const DemoStatusShare demo_statuses[DEMO_N_STATUSES];
extern const DemoStage demo_new_business_stages[N_NEW_BUSINESS];
extern const DemoStage demo_renewal_stages[N_RENEWALS];
extern const char * const demo_plans[4];
extern const guint demo_plan_seat_prices[4];
extern const char * const demo_titles[12];
extern const char * const demo_signup_notes[5];
extern const char * const demo_research_notes[10];
extern const char * const demo_call_notes[5];
extern const DemoSubject demo_email_subjects[6];
extern const char * const demo_lost_reasons[6];
extern const char * const demo_churn_reasons[4];
extern const char * const demo_optional_tags[6];
extern const DemoTemplate demo_templates[4];

/* crm-store-demo.c: the book being made, and the helpers that make its
 * rows */

typedef struct
{
  guint        n_customers;
  gint64       reference;         /* Unix time of the reference day, 00:00 UTC */

  /* Writer thread only, while the job runs. */
  CrmStoreTxn *txn;
  GRand       *rand;
  GError     **error;
  guint        country_weight_total;
  GPtrArray   *folded;            /* owns the ascii-folded names below */
  const char **first_folded;
  const char **last_folded;
  const char **word_folded;
  const char **noun_folded;
  gint64       new_business_positions[N_NEW_BUSINESS];
  gint64       renewal_positions[N_RENEWALS];
} DemoBook;

/* One customer while it is generated: what its rows share. */
typedef struct
{
  gint64              id;
  DemoStatus          status;
  const DemoCountry  *country;
  const DemoCity     *city;
  const DemoRep      *owner;            /* NULL: not assigned yet */
  guint               word;
  guint               noun;
  guint               size;
  guint               seats;
  guint               plan;
  guint               contact_first;
  guint               contact_last;
  char                name[64];
  char                domain[80];       /* orchard-tools.example.com */
  char                contact_email[128];

  /* The timeline; 0 where it does not apply. */
  gint64              lead_created;
  gint64              contacted;
  gint64              qualified;
  gint64              trial_started;
  gint64              customer_since;
  gint64              ended;            /* unqualified, past due or cancelled */
  gint64              status_changed;
  gint64              last_event;
  gboolean            lost_deal;
} DemoCustomer;

guint        demo_pick          (DemoBook           *book,
                                 guint               n);
gboolean     demo_chance        (DemoBook           *book,
                                 guint               percent);
gint64       demo_between       (DemoBook           *book,
                                 gint64              from,
                                 gint64              to);
gint64       demo_working_hours (DemoBook           *book,
                                 gint64              time);
void         demo_format_date   (char                buffer[16],
                                 gint64              time);
void         demo_put_string    (GVariantBuilder    *fields,
                                 const char         *key,
                                 const char         *value);
void         demo_put_int       (GVariantBuilder    *fields,
                                 const char         *key,
                                 gint64              value);
void         demo_put_date      (GVariantBuilder    *fields,
                                 const char         *key,
                                 gint64              time);
void         demo_put_time      (GVariantBuilder    *fields,
                                 const char         *key,
                                 gint64              time);
void         demo_put_stamps    (GVariantBuilder    *fields,
                                 gint64              created,
                                 gint64              updated);
const char  *demo_owner_email   (const DemoCustomer *customer);
gint64       demo_insert_row    (DemoBook           *book,
                                 CrmEntityKind       kind,
                                 GVariantBuilder    *fields);
gboolean     demo_add_note      (DemoBook           *book,
                                 const DemoCustomer *customer,
                                 gint64              time,
                                 const char         *body);

/* crm-store-demo-deals.c */
gboolean     demo_add_opportunities (DemoBook           *book,
                                     const DemoCustomer *customer);

G_END_DECLS
