/* crm-store-demo.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store-demo"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-store.h"
#include "crm-store-demo.h"
#include "crm-store-demo-private.h"

/* A demo book is a realistic but invented sales team's data: every name,
 * company, address and number below is made up, and every email or web
 * address is under a reserved example domain. It is generated from a fixed
 * seed and dated back from a reference day (today, for --demo), so a given
 * size and day always give the same book, byte for byte (only the store's
 * own bookkeeping differs), and its tasks and deals are due around the day
 * the rep first opens it rather than in some fixed past. */

#define DEMO_SEED       42
#define UNIX_EPOCH_JULIAN 719163                         /* GDate's day of 1970-01-01 */

/* ------------------------------------------------------------------ */
/* The job                                                             */
/* ------------------------------------------------------------------ */

guint
demo_pick (DemoBook *book,
           guint     n)
{
  return (guint) g_rand_int_range (book->rand, 0, (gint32) n);
}

gboolean
demo_chance (DemoBook *book,
             guint     percent)
{
  return demo_pick (book, 100) < percent;
}

gint64
demo_between (DemoBook *book,
              gint64    from,
              gint64    to)
{
  if (to <= from)
    return from;

  return from + (gint64) (g_rand_double (book->rand) * (double) (to - from));
}

/* A moment in working hours on the day of @time, never after the
 * reference time. */
gint64
demo_working_hours (DemoBook *book,
                    gint64    time)
{
  gint64 day = time - time % DAY;
  gint64 moment = day + 8 * HOUR + demo_between (book, 0, 10 * HOUR);

  moment -= moment % MINUTE;
  return MIN (moment, book->reference - HOUR);
}

static void
put_digits (char *buffer,
            guint value,
            guint n_digits)
{
  for (guint i = n_digits; i > 0; i--)
    {
      buffer[i - 1] = '0' + value % 10;
      value /= 10;
    }
}

/* 'YYYY-MM-DD', by hand: a million of these go into a large book. */
void
demo_format_date (char   buffer[16],
                  gint64 time)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) (UNIX_EPOCH_JULIAN + time / DAY));
  put_digits (buffer, g_date_get_year (&date), 4);
  buffer[4] = '-';
  put_digits (buffer + 5, g_date_get_month (&date), 2);
  buffer[7] = '-';
  put_digits (buffer + 8, g_date_get_day (&date), 2);
  buffer[10] = '\0';
}

/* The store's timestamp form, 'YYYY-MM-DDTHH:MM:SS.000Z'. */
static void
format_time (char   buffer[32],
             gint64 time)
{
  guint seconds = (guint) (time % DAY);

  demo_format_date (buffer, time);
  buffer[10] = 'T';
  put_digits (buffer + 11, seconds / HOUR, 2);
  buffer[13] = ':';
  put_digits (buffer + 14, seconds % HOUR / MINUTE, 2);
  buffer[16] = ':';
  put_digits (buffer + 17, seconds % MINUTE, 2);
  memcpy (buffer + 19, ".000Z", 6);
}

/* A version 4 UUID from the book's generator, so ids are stable too. */
static void
format_uuid (DemoBook *book,
             char      buffer[40])
{
  guint32 a = g_rand_int (book->rand);
  guint32 b = (g_rand_int (book->rand) & 0xffff0fff) | 0x00004000;
  guint32 c = (g_rand_int (book->rand) & 0x3fffffff) | 0x80000000;
  guint32 d = g_rand_int (book->rand);

  g_snprintf (buffer, 40, "%08x-%04x-%04x-%04x-%04x%08x",
              a, b >> 16, b & 0xffff, c >> 16, c & 0xffff, d);
}

/* "Núñez" -> "nunez", "O'Brien" -> "obrien": for email addresses and web
 * addresses. */
static char *
fold_name (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  char *out = g_malloc (strlen (ascii) + 1);
  char *p = out;

  for (const char *s = ascii; *s != '\0'; s++)
    if (g_ascii_isalnum (*s))
      *p++ = g_ascii_tolower (*s);
  *p = '\0';

  return out;
}

static const char **
fold_names (DemoBook           *book,
            const char * const *names,
            guint               n_names)
{
  const char **folded = g_new (const char *, n_names);

  g_ptr_array_add (book->folded, folded);
  for (guint i = 0; i < n_names; i++)
    {
      char *name = fold_name (names[i]);

      g_ptr_array_add (book->folded, name);
      folded[i] = name;
    }

  return folded;
}

static void
demo_book_prepare (DemoBook *book)
{
  const char *nouns[G_N_ELEMENTS (demo_company_nouns)];

  for (guint i = 0; i < G_N_ELEMENTS (demo_company_nouns); i++)
    nouns[i] = demo_company_nouns[i].noun;

  book->rand = g_rand_new_with_seed (DEMO_SEED);
  book->folded = g_ptr_array_new_with_free_func (g_free);
  book->first_folded = fold_names (book, demo_first_names, G_N_ELEMENTS (demo_first_names));
  book->last_folded = fold_names (book, demo_last_names, G_N_ELEMENTS (demo_last_names));
  book->word_folded = fold_names (book, demo_company_words, G_N_ELEMENTS (demo_company_words));
  book->noun_folded = fold_names (book, nouns, G_N_ELEMENTS (nouns));

  book->country_weight_total = 0;
  for (guint i = 0; i < G_N_ELEMENTS (demo_countries); i++)
    book->country_weight_total += demo_countries[i].weight;
}

static void
demo_book_finish (DemoBook *book)
{
  g_clear_pointer (&book->rand, g_rand_free);
  g_clear_pointer (&book->folded, g_ptr_array_unref);
}

/* ------------------------------------------------------------------ */
/* Rows                                                                */
/* ------------------------------------------------------------------ */

/* Entries are built by hand: parsing a "{sv}" format string for each of
 * a million fields costs more than the rest of the builder. */
static void
put_value (GVariantBuilder *fields,
           const char      *key,
           GVariant        *value)
{
  g_variant_builder_add_value (fields,
                               g_variant_new_dict_entry (g_variant_new_string (key),
                                                         g_variant_new_variant (value)));
}

void
demo_put_string (GVariantBuilder *fields,
                 const char      *key,
                 const char      *value)
{
  if (value != NULL)
    put_value (fields, key, g_variant_new_string (value));
}

void
demo_put_int (GVariantBuilder *fields,
              const char      *key,
              gint64           value)
{
  put_value (fields, key, g_variant_new_int64 (value));
}

void
demo_put_time (GVariantBuilder *fields,
               const char      *key,
               gint64           time)
{
  char buffer[32];

  if (time == 0)
    return;

  format_time (buffer, time);
  demo_put_string (fields, key, buffer);
}

void
demo_put_date (GVariantBuilder *fields,
               const char      *key,
               gint64           time)
{
  char buffer[16];

  demo_format_date (buffer, time);
  demo_put_string (fields, key, buffer);
}

/* Records are stamped with the moment they happened in the story, not the
 * moment the book was made. */
void
demo_put_stamps (GVariantBuilder *fields,
                 gint64           created,
                 gint64           updated)
{
  demo_put_time (fields, "created_at", created);
  demo_put_time (fields, "updated_at", MAX (created, updated));
}

gint64
demo_insert_row (DemoBook        *book,
                 CrmEntityKind    kind,
                 GVariantBuilder *fields)
{
  return crm_store_txn_insert (book->txn, kind, g_variant_builder_end (fields),
                               book->error);
}

const char *
demo_owner_email (const DemoCustomer *customer)
{
  return customer->owner != NULL ? customer->owner->email : demo_reps[0].email;
}

static gboolean
add_settings (DemoBook *book)
{
  return crm_store_txn_set_setting (book->txn, "me.name", demo_reps[0].name, book->error) &&
         crm_store_txn_set_setting (book->txn, "me.email", demo_reps[0].email, book->error);
}

static gboolean
add_pipeline (DemoBook        *book,
              const char      *name,
              gint64           position,
              const DemoStage *stages,
              guint            n_stages)
{
  GVariantBuilder fields;
  gint64 pipeline_id;

  g_variant_builder_init (&fields, G_VARIANT_TYPE_VARDICT);
  demo_put_string (&fields, "name", name);
  demo_put_int (&fields, "position", position);
  pipeline_id = demo_insert_row (book, CRM_ENTITY_PIPELINE, &fields);
  if (pipeline_id == 0)
    return FALSE;

  for (guint i = 0; i < n_stages; i++)
    {
      g_variant_builder_init (&fields, G_VARIANT_TYPE_VARDICT);
      demo_put_int (&fields, "pipeline_id", pipeline_id);
      demo_put_string (&fields, "name", stages[i].name);
      demo_put_int (&fields, "position", i);
      demo_put_int (&fields, "win_likelihood", stages[i].win_likelihood);
      demo_put_string (&fields, "forecast_category", stages[i].forecast_category);
      if (stages[i].stale_days > 0)
        demo_put_int (&fields, "stale_days", stages[i].stale_days);

      if (demo_insert_row (book, CRM_ENTITY_STAGE, &fields) == 0)
        return FALSE;
    }

  return TRUE;
}

static gboolean
add_templates (DemoBook *book)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_templates); i++)
    {
      GVariantBuilder fields;

      g_variant_builder_init (&fields, G_VARIANT_TYPE_VARDICT);
      demo_put_string (&fields, "name", demo_templates[i].name);
      demo_put_string (&fields, "subject", demo_templates[i].subject);
      demo_put_string (&fields, "body", demo_templates[i].body);
      demo_put_stamps (&fields, book->reference - 400 * DAY + i * HOUR, 0);

      if (demo_insert_row (book, CRM_ENTITY_TEMPLATE, &fields) == 0)
        return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* A customer's story                                                  */
/* ------------------------------------------------------------------ */

static void
pick_company (DemoBook     *book,
              DemoCustomer *customer)
{
  guint weight = demo_pick (book, book->country_weight_total);
  guint n_cities = 0;
  guint bucket;

  for (guint i = 0; i < G_N_ELEMENTS (demo_countries); i++)
    {
      customer->country = &demo_countries[i];
      if (weight < demo_countries[i].weight)
        break;
      weight -= demo_countries[i].weight;
    }

  while (n_cities < G_N_ELEMENTS (customer->country->cities) &&
         customer->country->cities[n_cities].city != NULL)
    n_cities++;
  customer->city = &customer->country->cities[demo_pick (book, n_cities)];

  customer->word = demo_pick (book, G_N_ELEMENTS (demo_company_words));
  customer->noun = demo_pick (book, G_N_ELEMENTS (demo_company_nouns));
  g_snprintf (customer->name, sizeof customer->name, "%s %s",
              demo_company_words[customer->word], demo_company_nouns[customer->noun].noun);
  g_snprintf (customer->domain, sizeof customer->domain, "%s-%s.example.%s",
              book->word_folded[customer->word], book->noun_folded[customer->noun],
              (const char *[]) { "com", "org", "net" }[demo_pick (book, 3)]);

  /* Mostly small companies, a few large ones. */
  bucket = demo_pick (book, 100);
  if (bucket < 40)
    customer->size = 5 + demo_pick (book, 45);
  else if (bucket < 75)
    customer->size = 50 + demo_pick (book, 200);
  else if (bucket < 92)
    customer->size = 250 + demo_pick (book, 750);
  else
    customer->size = 1000 + demo_pick (book, 9000);

  customer->plan = customer->size < 50 ? 0 : customer->size < 250 ? 1 :
                   customer->size < 1000 ? 2 : 3;
  customer->seats = CLAMP (customer->size / (3 + demo_pick (book, 8)), 1, 2000);
  customer->contact_first = demo_pick (book, G_N_ELEMENTS (demo_first_names));
  customer->contact_last = demo_pick (book, G_N_ELEMENTS (demo_last_names));
  g_snprintf (customer->contact_email, sizeof customer->contact_email, "%s.%s@%s",
              book->first_folded[customer->contact_first],
              book->last_folded[customer->contact_last], customer->domain);
}

static void
pick_status (DemoBook     *book,
             DemoCustomer *customer)
{
  guint weight = demo_pick (book, 100);
  gboolean lead;

  customer->status = DEMO_NEW_LEAD;
  for (guint i = 0; i < DEMO_N_STATUSES; i++)
    {
      customer->status = i;
      if (weight < demo_statuses[i].weight)
        break;
      weight -= demo_statuses[i].weight;
    }

  /* "Me" owns a large share of the leads; some new leads wait for an
   * owner. */
  lead = customer->status <= DEMO_UNQUALIFIED_LEAD || customer->status == DEMO_LEGACY_LEAD;
  weight = demo_pick (book, 100);
  if (weight < (lead ? 36 : 20))
    customer->owner = &demo_reps[0];
  else if (customer->status == DEMO_NEW_LEAD && weight < 42)
    customer->owner = NULL;
  else
    customer->owner = &demo_reps[1 + demo_pick (book, G_N_ELEMENTS (demo_reps) - 1)];
}

/* Fractions of the customer's life so far, from its creation to the
 * reference time. */
static gint64
at_fraction (DemoBook           *book,
             const DemoCustomer *customer,
             double              from,
             double              to)
{
  double span = (double) (book->reference - customer->lead_created);
  double fraction = from + g_rand_double (book->rand) * (to - from);

  return demo_working_hours (book, customer->lead_created + (gint64) (span * fraction));
}

/* Events snap to working hours, which can move them before the event they
 * follow; keep them in order. */
static gint64
after (gint64 time,
       gint64 previous)
{
  return MAX (time, previous + HOUR);
}

static void
pick_timeline (DemoBook     *book,
               DemoCustomer *customer)
{
  DemoStatus status = customer->status;
  gint64 age = demo_between (book, demo_statuses[status].min_age_days * DAY,
                             demo_statuses[status].max_age_days * DAY);
  gboolean subscriber = status == DEMO_ACTIVE || status == DEMO_PAST_DUE ||
                        status == DEMO_CANCELLED;

  customer->lead_created = demo_working_hours (book, book->reference - age - DAY);
  customer->last_event = customer->lead_created;

  if (status == DEMO_NEW_LEAD || status == DEMO_LEGACY_LEAD)
    return;

  customer->contacted = after (at_fraction (book, customer, 0.01, subscriber ? 0.08 : 0.25),
                               customer->lead_created);
  customer->status_changed = customer->contacted + 5 * MINUTE;

  if (status == DEMO_QUALIFIED_LEAD || subscriber ||
      (status == DEMO_UNQUALIFIED_LEAD && demo_chance (book, 45)))
    {
      customer->qualified = after (at_fraction (book, customer, subscriber ? 0.1 : 0.3,
                                                subscriber ? 0.15 : 0.6),
                                   customer->contacted);
      customer->status_changed = customer->qualified;
      customer->lost_deal = status == DEMO_UNQUALIFIED_LEAD;
    }

  if (subscriber || (status == DEMO_QUALIFIED_LEAD && demo_chance (book, 60)) ||
      (status == DEMO_WORKING_LEAD && demo_chance (book, 15)))
    customer->trial_started = MAX (customer->qualified, customer->contacted) + 2 * HOUR;

  if (subscriber)
    {
      customer->customer_since = after (at_fraction (book, customer, 0.2, 0.3),
                                        customer->trial_started);
      customer->status_changed = customer->customer_since;
    }

  if (status == DEMO_UNQUALIFIED_LEAD || status == DEMO_PAST_DUE || status == DEMO_CANCELLED)
    {
      customer->ended = after (at_fraction (book, customer,
                                            status == DEMO_PAST_DUE ? 0.9 : 0.65,
                                            status == DEMO_PAST_DUE ? 0.99 : 0.9),
                               customer->status_changed);
      customer->status_changed = customer->ended;
    }

  customer->last_event = customer->status_changed;
}

static void
format_attributes (DemoBook           *book,
                   const DemoCustomer *customer,
                   char               *buffer,
                   gsize               size)
{
  gsize length;

  /* A boolean with no draw of its own, so the rest of the book stays as it
   * was: about three customers in four take the newsletter. */
  length = g_snprintf (buffer, size,
                       "{\"industry\":\"%s\",\"company_size\":%u,\"newsletter\":%s",
                       demo_company_nouns[customer->noun].industry, customer->size,
                       customer->seats % 4 != 0 ? "true" : "false");

  if (customer->trial_started != 0)
    {
      char last_login[32];
      gint64 login = customer->status == DEMO_CANCELLED
        ? customer->ended - demo_between (book, 0, 20 * DAY)
        : book->reference - demo_between (book, HOUR, 12 * DAY);

      format_time (last_login, demo_working_hours (book, login));
      length += g_snprintf (buffer + length, size - length,
                            ",\"plan\":\"%s\",\"seats\":%u,\"last_login\":\"%s\"",
                            demo_plans[customer->plan], customer->seats, last_login);
    }

  g_strlcpy (buffer + length, "}", size - length);
}

static gboolean
add_customer_row (DemoBook     *book,
                  DemoCustomer *customer)
{
  const DemoCountry *country = customer->country;
  char legal_name[96], website[112], linkedin[128], street[64], uuid[40];
  char attributes[256];
  GVariantBuilder fields;

  format_uuid (book, uuid);
  g_snprintf (legal_name, sizeof legal_name, "%s %s", customer->name, country->legal_form);
  g_snprintf (website, sizeof website, "https://%s", customer->domain);
  g_snprintf (linkedin, sizeof linkedin, "https://www.linkedin.com/company/%s-%s",
              book->word_folded[customer->word], book->noun_folded[customer->noun]);
  if (country->number_first)
    g_snprintf (street, sizeof street, "%u %s", 1 + demo_pick (book, 180),
                country->streets[demo_pick (book, g_strv_length ((char **) country->streets))]);
  else
    g_snprintf (street, sizeof street, "%s %u",
                country->streets[demo_pick (book, g_strv_length ((char **) country->streets))],
                1 + demo_pick (book, 180));
  format_attributes (book, customer, attributes, sizeof attributes);

  g_variant_builder_init (&fields, G_VARIANT_TYPE_VARDICT);
  demo_put_string (&fields, "external_id", uuid);
  demo_put_string (&fields, "name", customer->name);
  demo_put_string (&fields, "company", legal_name);
  demo_put_string (&fields, "email", customer->contact_email);
  demo_put_string (&fields, "status", demo_statuses[customer->status].status);
  if (customer->owner != NULL)
    demo_put_string (&fields, "owner", customer->owner->email);
  demo_put_string (&fields, "website", website);
  if (demo_chance (book, 70))
    demo_put_string (&fields, "linkedin", linkedin);
  demo_put_string (&fields, "street", street);
  demo_put_string (&fields, "city", customer->city->city);
  demo_put_string (&fields, "zip", customer->city->zip);
  demo_put_string (&fields, "state", customer->city->state);
  demo_put_string (&fields, "country", country->code);
  demo_put_time (&fields, "lead_created_at", customer->lead_created);
  demo_put_time (&fields, "free_trial_started_at", customer->trial_started);
  demo_put_time (&fields, "customer_since", customer->customer_since);
  demo_put_string (&fields, "attributes", attributes);
  demo_put_time (&fields, "status_changed_at", customer->status_changed);
  demo_put_stamps (&fields, customer->lead_created, customer->last_event);

  customer->id = demo_insert_row (book, CRM_ENTITY_CUSTOMER, &fields);
  return customer->id != 0;
}

static gboolean
add_tags (DemoBook           *book,
          const DemoCustomer *customer)
{
  const char *tags[8];
  const char *code = customer->country->code;
  guint n = 0;

  if ((g_str_equal (code, "DE") || g_str_equal (code, "AT") || g_str_equal (code, "CH")) &&
      demo_chance (book, 80))
    tags[n++] = "dach";
  if (customer->size >= 1000)
    tags[n++] = "enterprise";
  else if (customer->size < 50 && demo_chance (book, 70))
    tags[n++] = "smb";
  if (customer->trial_started != 0 && customer->status <= DEMO_QUALIFIED_LEAD &&
      demo_chance (book, 40))
    tags[n++] = "pilot";
  if (demo_chance (book, 30))
    tags[n++] = demo_optional_tags[demo_pick (book, G_N_ELEMENTS (demo_optional_tags))];
  tags[n] = NULL;

  if (n == 0)
    return TRUE;

  return crm_store_txn_set_tags (book->txn, customer->id, tags, book->error);
}

static gboolean
add_contact (DemoBook           *book,
             const DemoCustomer *customer,
             guint               position,
             guint               first,
             guint               last)
{
  char email[128], phone[32], linkedin[128], uuid[40];
  GVariantBuilder fields;

  format_uuid (book, uuid);
  g_snprintf (email, sizeof email, "%s.%s@%s", book->first_folded[first],
              book->last_folded[last], customer->domain);
  g_snprintf (phone, sizeof phone, "%s 555 01%02u", customer->country->calling_code,
              demo_pick (book, 100));
  g_snprintf (linkedin, sizeof linkedin, "https://www.linkedin.com/in/%s-%s-%04x",
              book->first_folded[first], book->last_folded[last], demo_pick (book, 0x10000));

  g_variant_builder_init (&fields, G_VARIANT_TYPE_VARDICT);
  demo_put_int (&fields, "customer_id", customer->id);
  demo_put_string (&fields, "external_id", uuid);
  demo_put_int (&fields, "position", position);
  demo_put_string (&fields, "first_name", demo_first_names[first]);
  demo_put_string (&fields, "last_name", demo_last_names[last]);
  demo_put_string (&fields, "title", demo_titles[demo_pick (book, G_N_ELEMENTS (demo_titles))]);
  demo_put_string (&fields, "email", email);
  if (demo_chance (book, 85))
    demo_put_string (&fields, "phone", phone);
  if (demo_chance (book, 50))
    demo_put_string (&fields, "linkedin", linkedin);
  demo_put_stamps (&fields, customer->lead_created, customer->lead_created);

  return demo_insert_row (book, CRM_ENTITY_CONTACT, &fields) != 0;
}

static gboolean
add_contacts (DemoBook           *book,
              const DemoCustomer *customer)
{
  guint n_contacts = 1 + (demo_chance (book, 45) ? 1 : 0) + (demo_chance (book, 20) ? 1 : 0);

  /* The first contact's address is the customer's. */
  if (!add_contact (book, customer, 1, customer->contact_first, customer->contact_last))
    return FALSE;

  for (guint i = 2; i <= n_contacts; i++)
    {
      if (!add_contact (book, customer, i, demo_pick (book, G_N_ELEMENTS (demo_first_names)),
                        demo_pick (book, G_N_ELEMENTS (demo_last_names))))
        return FALSE;
    }

  return TRUE;
}

static void
activity_start (GVariantBuilder    *fields,
                const DemoCustomer *customer,
                const char         *kind,
                gint64              time)
{
  g_variant_builder_init (fields, G_VARIANT_TYPE_VARDICT);
  demo_put_int (fields, "customer_id", customer->id);
  demo_put_string (fields, "kind", kind);
  demo_put_time (fields, "occurred_at", time);
  demo_put_stamps (fields, time, time);
}

gboolean
demo_add_note (DemoBook           *book,
               const DemoCustomer *customer,
               gint64              time,
               const char         *body)
{
  GVariantBuilder fields;

  activity_start (&fields, customer, "note", time);
  demo_put_string (&fields, "author", demo_owner_email (customer));
  demo_put_string (&fields, "body", body);

  return demo_insert_row (book, CRM_ENTITY_ACTIVITY, &fields) != 0;
}

static gboolean
add_call (DemoBook           *book,
          const DemoCustomer *customer,
          gint64              time)
{
  static const char * const outcomes[] = { "Connected", "Voicemail", "No answer" };
  guint outcome = demo_pick (book, 10) < 6 ? 0 : demo_pick (book, 2) + 1;
  GVariantBuilder fields;

  activity_start (&fields, customer, "call", time);
  demo_put_string (&fields, "author", demo_owner_email (customer));
  demo_put_string (&fields, "call_outcome", outcomes[outcome]);
  if (outcome == 0)
    {
      guint note;

      demo_put_int (&fields, "call_duration", 3 * MINUTE + demo_between (book, 0, 40 * MINUTE));
      note = demo_pick (book, G_N_ELEMENTS (demo_call_notes));
      demo_put_string (&fields, "body", demo_call_notes[note]);
    }
  else
    {
      demo_put_int (&fields, "call_duration", outcome == 1 ? 20 + demo_pick (book, 60) : 0);
    }

  return demo_insert_row (book, CRM_ENTITY_ACTIVITY, &fields) != 0;
}

static gboolean
add_email (DemoBook           *book,
           const DemoCustomer *customer,
           gint64              time)
{
  guint which = demo_pick (book, G_N_ELEMENTS (demo_email_subjects));
  char subject[128], body[256];
  GVariantBuilder fields;

  g_snprintf (subject, sizeof subject, "%s%s%s", demo_email_subjects[which].text,
              demo_email_subjects[which].add_name ? " " : "",
              demo_email_subjects[which].add_name ? customer->name : "");
  g_snprintf (body, sizeof body,
              "Hi %s,\n\nthanks for your interest. I've put together a few notes "
              "for %s; let me know when you have 15 minutes to go through them.",
              demo_first_names[customer->contact_first], customer->name);

  activity_start (&fields, customer, "email", time);
  demo_put_string (&fields, "author", demo_owner_email (customer));
  demo_put_string (&fields, "subject", subject);
  demo_put_string (&fields, "body", body);

  return demo_insert_row (book, CRM_ENTITY_ACTIVITY, &fields) != 0;
}

static gboolean
add_touch (DemoBook           *book,
           const DemoCustomer *customer,
           gint64              time)
{
  guint kind = demo_pick (book, 10);

  if (kind < 4)
    return add_call (book, customer, time);
  if (kind < 8)
    return add_email (book, customer, time);

  return demo_add_note (book, customer, time,
                        demo_research_notes[demo_pick (book, G_N_ELEMENTS (demo_research_notes))]);
}

/* Touches spread evenly, with jitter, between two moments; the newest
 * first (see add_timeline()). */
static gboolean
add_touches (DemoBook           *book,
             const DemoCustomer *customer,
             gint64              from,
             gint64              to,
             guint               n)
{
  gint64 step = (to - from) / (n + 1);

  for (guint i = n; i > 0 && step > HOUR; i--)
    {
      gint64 jitter = demo_between (book, -step / 3, step / 3);
      gint64 time = demo_working_hours (book, from + i * step + jitter);

      if (!add_touch (book, customer, MAX (time, from + HOUR)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
add_status_change (DemoBook           *book,
                   const DemoCustomer *customer,
                   const char         *old_status,
                   const char         *new_status,
                   const char         *cause,
                   gint64              time)
{
  GVariantBuilder fields;

  activity_start (&fields, customer, "status", time);
  demo_put_string (&fields, "old_status", old_status);
  demo_put_string (&fields, "new_status", new_status);
  demo_put_string (&fields, "cause", cause);
  if (g_str_equal (cause, "person"))
    demo_put_string (&fields, "author", demo_owner_email (customer));

  return demo_insert_row (book, CRM_ENTITY_ACTIVITY, &fields) != 0;
}

/* The status changes that led to the customer's status, in order. */
static gboolean
add_status_history (DemoBook           *book,
                    const DemoCustomer *customer)
{
  const char *status = "Working Lead";
  DemoStatus final = customer->status;

  if (customer->contacted == 0)
    return TRUE;

  /* Contacting a new lead makes it a working lead. */
  if (!add_status_change (book, customer, "New Lead", status, "rule",
                          customer->contacted + 5 * MINUTE))
    return FALSE;

  if (customer->qualified != 0)
    {
      if (!add_status_change (book, customer, status, "Qualified Lead", "rule",
                              customer->qualified))
        return FALSE;
      status = "Qualified Lead";
    }

  if (customer->customer_since != 0)
    {
      if (!add_status_change (book, customer, status, "Active", "sync",
                              customer->customer_since))
        return FALSE;
      status = "Active";
    }

  if (final == DEMO_UNQUALIFIED_LEAD || final == DEMO_PAST_DUE || final == DEMO_CANCELLED)
    return add_status_change (book, customer, status, demo_statuses[final].status,
                              final == DEMO_UNQUALIFIED_LEAD
                                ? (customer->lost_deal ? "rule" : "person") : "sync",
                              customer->ended);

  return TRUE;
}

static gboolean
add_timeline (DemoBook           *book,
              const DemoCustomer *customer)
{
  gint64 end = customer->ended != 0 ? customer->ended : book->reference - HOUR;
  gboolean signed_up = demo_chance (book, customer->contacted == 0 ? 45 : 25);

  /* The newest activity goes in first: the schema's trigger then moves the
   * customer's last activity once, not once per row. */
  if (customer->contacted != 0 &&
      (!add_touches (book, customer, customer->contacted, end, 1 + demo_pick (book, 4)) ||
       !add_touch (book, customer, customer->contacted) ||
       !add_status_history (book, customer)))
    return FALSE;

  if (!signed_up)
    return TRUE;

  return demo_add_note (book, customer, customer->lead_created + 10 * MINUTE,
                        demo_signup_notes[demo_pick (book, G_N_ELEMENTS (demo_signup_notes))]);
}

static gboolean
add_task (DemoBook           *book,
          const DemoCustomer *customer,
          const char         *kind,
          const char         *details,
          gint64              due,
          gboolean            done)
{
  GVariantBuilder fields;
  gint64 created = MAX (customer->lead_created, due - demo_between (book, DAY, 10 * DAY));

  g_variant_builder_init (&fields, G_VARIANT_TYPE_VARDICT);
  demo_put_int (&fields, "customer_id", customer->id);
  demo_put_string (&fields, "details", details);
  demo_put_string (&fields, "kind", kind);
  demo_put_string (&fields, "assignee", demo_owner_email (customer));
  demo_put_date (&fields, "due_on", due);
  if (done)
    demo_put_time (&fields, "completed_at",
                   demo_working_hours (book, MIN (due, book->reference - DAY)));
  demo_put_stamps (&fields, MIN (created, book->reference - DAY), 0);

  return demo_insert_row (book, CRM_ENTITY_TASK, &fields) != 0;
}

/* Open tasks are a little overdue or due within two weeks of the
 * reference day. */
static gint64
open_due (DemoBook *book)
{
  if (demo_chance (book, 35))
    return book->reference - demo_between (book, 1, 21) * DAY;

  return book->reference + demo_between (book, 0, 14) * DAY;
}

static gboolean
add_tasks (DemoBook           *book,
           const DemoCustomer *customer)
{
  const char *first = demo_first_names[customer->contact_first];
  const char *last = demo_last_names[customer->contact_last];
  char details[160];

  switch (customer->status)
    {
    case DEMO_NEW_LEAD:
      if (!demo_chance (book, 35))
        return TRUE;
      g_snprintf (details, sizeof details, "Connect with %s %s on LinkedIn", first, last);
      return add_task (book, customer, "linkedin", details, open_due (book), FALSE);

    case DEMO_WORKING_LEAD:
      g_snprintf (details, sizeof details, "Follow up with %s about %s", first, customer->name);
      if (customer->contacted + 2 * DAY < book->reference && demo_chance (book, 40) &&
          !add_task (book, customer, "follow-up", "Send the pricing overview",
                     customer->contacted + 2 * DAY, TRUE))
        return FALSE;
      return add_task (book, customer, demo_chance (book, 25) ? "demo" : "follow-up",
                       details, open_due (book), FALSE);

    case DEMO_QUALIFIED_LEAD:
      g_snprintf (details, sizeof details, "Run a demo for the %s team", customer->name);
      if (!add_task (book, customer, "demo", details, open_due (book), demo_chance (book, 30)))
        return FALSE;
      if (customer->trial_started == 0)
        return TRUE;
      g_snprintf (details, sizeof details, "Check in with %s before the trial ends", first);
      return add_task (book, customer, "trial-reminder", details,
                       customer->trial_started + 12 * DAY,
                       customer->trial_started + 12 * DAY < book->reference);

    case DEMO_ACTIVE:
      if (!demo_chance (book, 25))
        return TRUE;
      g_snprintf (details, sizeof details, "Onboarding check-in with %s", first);
      return add_task (book, customer, "follow-up", details,
                       customer->customer_since + 14 * DAY, TRUE);

    case DEMO_PAST_DUE:
      g_snprintf (details, sizeof details, "Ask %s about the failed payment", first);
      return add_task (book, customer, "follow-up", details, open_due (book), FALSE);

    case DEMO_CANCELLED:
    case DEMO_UNQUALIFIED_LEAD:
      if (!demo_chance (book, 25))
        return TRUE;
      g_snprintf (details, sizeof details, "Send %s a short feedback survey", first);
      return add_task (book, customer, "follow-up", details, customer->ended + 3 * DAY,
                       customer->ended + 3 * DAY < book->reference);

    case DEMO_LEGACY_LEAD:
    case DEMO_N_STATUSES:
    default:
      return TRUE;
    }
}


static gboolean
add_customer (DemoBook *book)
{
  DemoCustomer customer = { 0 };

  pick_company (book, &customer);
  pick_status (book, &customer);
  pick_timeline (book, &customer);

  return add_customer_row (book, &customer) &&
         add_tags (book, &customer) &&
         add_contacts (book, &customer) &&
         add_timeline (book, &customer) &&
         add_tasks (book, &customer) &&
         demo_add_opportunities (book, &customer);
}

/* Writer thread. */
static gboolean
fill_book_job (CrmStoreTxn  *txn,
               gpointer      user_data,
               GError      **error)
{
  DemoBook *book = user_data;
  GCancellable *cancellable = crm_store_txn_get_cancellable (txn);
  gboolean ok;

  book->txn = txn;
  book->error = error;
  demo_book_prepare (book);

  ok = add_settings (book) &&
       add_pipeline (book, "New Business", 0, demo_new_business_stages, N_NEW_BUSINESS) &&
       add_pipeline (book, "Renewals", 1, demo_renewal_stages, N_RENEWALS) &&
       add_templates (book);

  for (guint i = 0; ok && i < book->n_customers; i++)
    {
      ok = add_customer (book);

      if (ok && i % 1024 == 0)
        ok = !g_cancellable_set_error_if_cancelled (cancellable, error);
    }

  demo_book_finish (book);
  book->txn = NULL;
  book->error = NULL;

  return ok;
}

/**
 * crm_store_demo_fill_at:
 * @store: an empty #CrmStore
 * @n_customers: how many customers the book holds
 * @reference: the day the book is dated back from, as the Unix time of
 *   its 00:00 UTC
 * @error: return location for a #GError
 *
 * Fills an empty profile with an invented but realistic sales book: the
 * default pipelines, email demo_templates, and @n_customers customers with
 * contacts, activities, tasks, opportunities, tags and custom attributes,
 * owned by five demo_reps of whom the first, Sam Ortiz, is "me". The book is
 * the same for the same @n_customers and @reference: it is generated from
 * a fixed seed, its history ends the day before @reference, and its open
 * tasks and deals fall due around it.
 *
 * Runs as one transaction without an undo journal, and waits for it: for
 * the command line and tests.
 *
 * Returns: %TRUE on success; %FALSE with %CRM_STORE_ERROR_NOT_EMPTY when
 *   the profile already holds data
 */
gboolean
crm_store_demo_fill_at (CrmStore  *store,
                        guint      n_customers,
                        gint64     reference,
                        GError   **error)
{
  DemoBook book = { 0 };

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (n_customers > 0, FALSE);
  g_return_val_if_fail (reference % DAY == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!crm_store_is_empty (store))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_EMPTY,
                   _("%s already holds data; a demo book fills only an empty profile"),
                   crm_store_get_path (store));
      return FALSE;
    }

  book.n_customers = n_customers;
  book.reference = reference;

  return crm_store_run_sync (store, NULL, CRM_ORIGIN_IMPORT, fill_book_job, &book,
                             NULL, error);
}

/**
 * crm_store_demo_fill:
 * @store: an empty #CrmStore
 * @n_customers: how many customers the book holds
 * @error: return location for a #GError
 *
 * Fills an empty profile with a demo book dated back from today (the
 * local date), as crm_store_demo_fill_at() does.
 *
 * Returns: %TRUE on success; %FALSE with %CRM_STORE_ERROR_NOT_EMPTY when
 *   the profile already holds data
 */
gboolean
crm_store_demo_fill (CrmStore  *store,
                     guint      n_customers,
                     GError   **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = g_date_time_new_utc (g_date_time_get_year (now),
                                                    g_date_time_get_month (now),
                                                    g_date_time_get_day_of_month (now),
                                                    0, 0, 0);

  return crm_store_demo_fill_at (store, n_customers, g_date_time_to_unix (today), error);
}
