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

/* A demo book is a realistic but invented sales team's data: every name,
 * company, address and number below is made up, and every email or web
 * address is under a reserved example domain. It is generated from a fixed
 * seed and dated back from a reference day (today, for --demo), so a given
 * size and day always give the same book, byte for byte (only the store's
 * own bookkeeping differs), and its tasks and deals are due around the day
 * the rep first opens it rather than in some fixed past. */

#define DEMO_SEED       42
#define MINUTE          G_GINT64_CONSTANT (60)
#define HOUR            (60 * MINUTE)
#define DAY             (24 * HOUR)
#define UNIX_EPOCH_JULIAN 719163                         /* GDate's day of 1970-01-01 */

/* ------------------------------------------------------------------ */
/* The invented world                                                  */
/* ------------------------------------------------------------------ */

typedef struct
{
  const char *name;
  const char *email;
} DemoRep;

/* The first rep is "me", the profile's own seat. */
static const DemoRep reps[] = {
  { "Sam Ortiz", "sam.ortiz@prospect.example" },
  { "Mira Castell", "mira.castell@prospect.example" },
  { "Tomás Lindgren", "tomas.lindgren@prospect.example" },
  { "Hannah Okafor", "hannah.okafor@prospect.example" },
  { "Luca Brenner", "luca.brenner@prospect.example" },
};

static const char * const first_names[] = {
  "Inés", "Lena", "Jonas", "Sofía", "Mateo", "Chloé", "Léa", "Lucas", "João",
  "Beatriz", "Giulia", "Marco", "Daan", "Sanne", "Noor", "Oliver", "Amelia",
  "Aoife", "Cian", "Emma", "Ethan", "Olivia", "Noah", "Gabriel", "Valentina",
  "Santiago", "Ximena", "Astrid", "Erik", "Ingrid", "Mads", "Freja", "Aino",
  "Eero", "Zofia", "Jakub", "Haruto", "Yui", "Priya", "Arjun", "Aroha",
  "Björn", "Zoë", "Renée", "Søren", "Łukasz", "Elif", "Kwame", "Amara", "Mei",
  "Rafael", "Camila", "Théo", "Margot", "Pablo", "Nora", "Finn", "Ida",
};

static const char * const last_names[] = {
  "Núñez", "Maier", "Schröder", "Gómez", "Dubois", "Lefèvre", "Silva",
  "Conceição", "Rossi", "Bianchi", "de Vries", "Janssens", "Peeters",
  "O'Brien", "Murphy", "Walsh", "Carter", "Brooks", "Nakamura", "Tanaka",
  "Sharma", "Iyer", "Kowalski", "Nowak", "Lindqvist", "Johansson", "Hansen",
  "Nielsen", "Virtanen", "Korhonen", "Müller", "Costa", "Moreau", "Ramírez",
  "Hughes", "Novak", "Fischer", "Wagner", "Berger", "Keller", "Huber",
  "Castro", "Ferreira", "Martín", "Sørensen", "Åberg", "Kaur", "Patel",
  "Mendes", "Van den Berg", "Russo", "Esposito", "Byrne", "Evans", "Morales",
  "Sato", "Watanabe", "Wiśniewski",
};

static const char * const company_words[] = {
  "Orchard", "Harbor", "Maple", "Granite", "Willow", "Cedar", "Summit",
  "Lumen", "Copper", "Beacon", "Meadow", "Riverbend", "Bluefin", "Kestrel",
  "Tidewater", "Ironbark", "Saffron", "Pinecone", "Quarry", "Lantern",
  "Ember", "Alder", "Brightwater", "Clover", "Driftwood", "Fjord", "Glacier",
  "Hazel", "Indigo", "Jasper", "Kite", "Lark", "Mosaic", "Nimbus", "Oakridge",
  "Pebble", "Quill", "Rowan", "Sable", "Thistle", "Umber", "Vellum", "Wren",
  "Yarrow", "Zephyr", "Birch", "Étoile", "Fjäll", "Solvej", "Aurelia",
};

static const struct {
  const char *noun;
  const char *industry;
} company_nouns[] = {
  { "Tools", "Manufacturing" },
  { "Optics", "Manufacturing" },
  { "Foods", "Food & Beverage" },
  { "Labs", "Biotech" },
  { "Logistics", "Logistics" },
  { "Analytics", "Software" },
  { "Dental", "Healthcare" },
  { "Robotics", "Manufacturing" },
  { "Textiles", "Retail" },
  { "Studio", "Media" },
  { "Bakery", "Food & Beverage" },
  { "Freight", "Logistics" },
  { "Energy", "Energy" },
  { "Health", "Healthcare" },
  { "Learning", "Education" },
  { "Systems", "Software" },
  { "Works", "Construction" },
  { "Outdoor", "Retail" },
  { "Coffee", "Food & Beverage" },
  { "Software", "Software" },
  { "Cycles", "Retail" },
  { "Audio", "Media" },
  { "Print", "Media" },
  { "Ceramics", "Manufacturing" },
  { "Farms", "Agriculture" },
  { "Clinics", "Healthcare" },
  { "Security", "Software" },
  { "Travel", "Travel" },
  { "Legal", "Professional Services" },
  { "Architects", "Professional Services" },
  { "Academy", "Education" },
  { "Solar", "Energy" },
  { "Mobility", "Logistics" },
  { "Ledger", "Financial Services" },
};

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

static const char * const streets_de[] = {
  "Lindenstraße", "Gartenweg", "Bergstraße", "Mühlgasse", "Am Stadtpark", NULL
};
static const char * const streets_fr[] = {
  "rue des Lilas", "avenue du Parc", "rue de la Gare",
  "boulevard des Tilleuls", NULL
};
static const char * const streets_es[] = {
  "Calle del Olmo", "Avenida de la Sierra", "Calle Mayor", "Paseo del Río",
  NULL
};
static const char * const streets_pt[] = {
  "Rua das Flores", "Avenida do Mar", "Rua do Sol", "Travessa da Ponte", NULL
};
static const char * const streets_it[] = {
  "Via dei Tigli", "Via del Porto", "Via delle Rose", "Viale dei Pini", NULL
};
static const char * const streets_nl[] = {
  "Kerkstraat", "Molenweg", "Havenkade", "Lindelaan", NULL
};
static const char * const streets_en[] = {
  "Harbor Road", "Maple Street", "Station Road", "Orchard Lane", "Mill Street",
  NULL
};
static const char * const streets_se[] = { "Storgatan", "Sjövägen", "Kvarngatan", NULL };
static const char * const streets_no[] = { "Storgata", "Havnegata", "Skolegata", NULL };
static const char * const streets_dk[] = { "Havnegade", "Skovvej", "Møllevej", NULL };
static const char * const streets_fi[] = { "Rantakatu", "Koulukatu", "Puistotie", NULL };
static const char * const streets_pl[] = { "ul. Lipowa", "ul. Ogrodowa", "ul. Polna", NULL };
static const char * const streets_jp[] = { "Sakura-dōri", "Minami-machi", "Kita-dōri", NULL };

static const DemoCountry countries[] = {
  { "DE", 12, "EUR", "GmbH", "+49", FALSE, streets_de,
    { { "Berlin", "10115", NULL }, { "München", "80331", NULL },
      { "Hamburg", "20095", NULL }, { "Köln", "50667", NULL } } },
  { "AT", 5, "EUR", "GmbH", "+43", FALSE, streets_de,
    { { "Wien", "1010", NULL }, { "Graz", "8010", NULL }, { "Linz", "4020", NULL } } },
  { "CH", 5, "EUR", "AG", "+41", FALSE, streets_de,
    { { "Zürich", "8001", NULL }, { "Genève", "1201", NULL }, { "Basel", "4051", NULL } } },
  { "FR", 7, "EUR", "SAS", "+33", TRUE, streets_fr,
    { { "Paris", "75002", NULL }, { "Lyon", "69002", NULL }, { "Nantes", "44000", NULL } } },
  { "ES", 6, "EUR", "S.L.", "+34", FALSE, streets_es,
    { { "Madrid", "28013", NULL }, { "Barcelona", "08001", NULL },
      { "Valencia", "46002", NULL } } },
  { "PT", 3, "EUR", "Lda.", "+351", FALSE, streets_pt,
    { { "Lisboa", "1100-148", NULL }, { "Porto", "4000-322", NULL } } },
  { "IT", 5, "EUR", "S.r.l.", "+39", FALSE, streets_it,
    { { "Milano", "20121", NULL }, { "Torino", "10121", NULL }, { "Bologna", "40121", NULL } } },
  { "NL", 5, "EUR", "B.V.", "+31", FALSE, streets_nl,
    { { "Amsterdam", "1012 AB", NULL }, { "Utrecht", "3511 AA", NULL },
      { "Rotterdam", "3011 AD", NULL } } },
  { "BE", 3, "EUR", "BV", "+32", FALSE, streets_nl,
    { { "Bruxelles", "1000", NULL }, { "Antwerpen", "2000", NULL }, { "Gent", "9000", NULL } } },
  { "GB", 8, "GBP", "Ltd", "+44", TRUE, streets_en,
    { { "London", "EC1A 1BB", NULL }, { "Manchester", "M1 1AE", NULL },
      { "Bristol", "BS1 4DJ", NULL } } },
  { "IE", 2, "EUR", "Ltd", "+353", TRUE, streets_en,
    { { "Dublin", "D02 X285", NULL }, { "Cork", "T12 R5CP", NULL } } },
  { "US", 15, "USD", "Inc.", "+1", TRUE, streets_en,
    { { "San Francisco", "94105", "CA" }, { "New York", "10001", "NY" },
      { "Austin", "78701", "TX" }, { "Seattle", "98101", "WA" } } },
  { "CA", 4, "USD", "Inc.", "+1", TRUE, streets_en,
    { { "Toronto", "M5H 2N2", "ON" }, { "Vancouver", "V6B 1A1", "BC" },
      { "Montréal", "H2Y 1C6", "QC" } } },
  { "BR", 3, "USD", "Ltda.", "+55", FALSE, streets_pt,
    { { "São Paulo", "01310-100", "SP" }, { "Rio de Janeiro", "20040-002", "RJ" },
      { "Curitiba", "80010-000", "PR" } } },
  { "MX", 2, "USD", "S.A. de C.V.", "+52", FALSE, streets_es,
    { { "Ciudad de México", "06600", "CDMX" }, { "Guadalajara", "44100", "JAL" },
      { "Querétaro", "76000", "QRO" } } },
  { "SE", 3, "EUR", "AB", "+46", FALSE, streets_se,
    { { "Stockholm", "111 22", NULL }, { "Göteborg", "411 04", NULL },
      { "Malmö", "211 20", NULL } } },
  { "NO", 2, "EUR", "AS", "+47", FALSE, streets_no,
    { { "Oslo", "0150", NULL }, { "Bergen", "5003", NULL } } },
  { "DK", 2, "EUR", "ApS", "+45", FALSE, streets_dk,
    { { "København", "1050", NULL }, { "Aarhus", "8000", NULL } } },
  { "FI", 2, "EUR", "Oy", "+358", FALSE, streets_fi,
    { { "Helsinki", "00100", NULL }, { "Tampere", "33100", NULL } } },
  { "PL", 3, "EUR", "sp. z o.o.", "+48", FALSE, streets_pl,
    { { "Warszawa", "00-001", NULL }, { "Kraków", "31-001", NULL },
      { "Wrocław", "50-001", NULL } } },
  { "JP", 3, "JPY", "K.K.", "+81", FALSE, streets_jp,
    { { "Tokyo", "100-0005", NULL }, { "Osaka", "530-0001", NULL } } },
  { "AU", 3, "USD", "Pty Ltd", "+61", TRUE, streets_en,
    { { "Sydney", "2000", "NSW" }, { "Melbourne", "3000", "VIC" },
      { "Brisbane", "4000", "QLD" } } },
  { "NZ", 1, "USD", "Ltd", "+64", TRUE, streets_en,
    { { "Auckland", "1010", NULL }, { "Wellington", "6011", NULL } } },
  { "IN", 3, "USD", "Pvt. Ltd.", "+91", TRUE, streets_en,
    { { "Bengaluru", "560001", "KA" }, { "Mumbai", "400001", "MH" },
      { "Pune", "411001", "MH" } } },
};

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

/* Mostly leads, as in a rep's real book; the weights add up to 100. */
static const struct {
  const char *status;
  guint       weight;
  guint       min_age_days;
  guint       max_age_days;
} statuses[DEMO_N_STATUSES] = {
  [DEMO_NEW_LEAD] = { "New Lead", 34, 0, 120 },
  [DEMO_WORKING_LEAD] = { "Working Lead", 22, 10, 365 },
  [DEMO_QUALIFIED_LEAD] = { "Qualified Lead", 9, 30, 500 },
  [DEMO_UNQUALIFIED_LEAD] = { "Unqualified Lead", 9, 40, 730 },
  [DEMO_ACTIVE] = { "Active", 15, 90, 730 },
  [DEMO_PAST_DUE] = { "Past Due", 3, 120, 730 },
  [DEMO_CANCELLED] = { "Cancelled", 5, 150, 730 },
  [DEMO_LEGACY_LEAD] = { "Lead", 3, 500, 730 },
};

typedef struct
{
  const char *name;
  gint64      win_likelihood;
  const char *forecast_category;
  gint64      stale_days;       /* 0: never stale */
} DemoStage;

enum { DISCOVERY, EVALUATION, NEGOTIATION, CLOSED_WON, CLOSED_LOST, N_NEW_BUSINESS };
enum { UPCOMING, IN_DISCUSSION, RENEWED, CHURNED, N_RENEWALS };

static const DemoStage new_business_stages[N_NEW_BUSINESS] = {
  { "Discovery", 10, "pipeline", 14 },
  { "Evaluation", 30, "best_case", 21 },
  { "Negotiation", 60, "committed", 14 },
  { "Closed Won", 100, "won", 0 },
  { "Closed Lost", 0, "lost", 0 },
};

static const DemoStage renewal_stages[N_RENEWALS] = {
  { "Upcoming", 80, "pipeline", 30 },
  { "In Discussion", 60, "best_case", 21 },
  { "Renewed", 100, "won", 0 },
  { "Churned", 0, "lost", 0 },
};

static const char * const plans[] = { "Starter", "Growth", "Scale", "Enterprise" };
/* Yearly price of a seat per plan, in whole units of EUR. */
static const guint plan_seat_prices[] = { 120, 240, 420, 600 };

static const char * const titles[] = {
  "CEO", "CTO", "COO", "Founder", "Head of Operations", "Head of Sales",
  "Marketing Manager", "Office Manager", "Finance Director", "IT Lead",
  "Procurement Manager", "Product Manager",
};

static const char * const signup_notes[] = {
  "Signed up through the pricing page.",
  "Downloaded the buyer's guide.",
  "Came in through a partner referral.",
  "Asked for a quote through the contact form.",
  "Met at our booth at the spring trade show.",
};

static const char * const research_notes[] = {
  "Uses spreadsheets today; wants to replace them before the next quarter.",
  "Asked about SSO and audit logs.",
  "Evaluating two other tools as well.",
  "Budget is approved for next quarter.",
  "Prefers email over calls.",
  "Needs invoices in their local currency.",
  "Decision maker is the head of operations.",
  "Wants a pilot with one team first.",
  "Current contract with another vendor ends in the autumn.",
  "Interested in the API for their own reporting.",
};

static const char * const call_notes[] = {
  "Walked through their current process.",
  "Discussed pricing for the whole team.",
  "Agreed on a demo with their team leads.",
  "Answered questions about data import.",
  "They need a week to talk to finance.",
};

/* Some subjects end with the customer's name. */
static const struct {
  const char *text;
  gboolean    add_name;
} email_subjects[] = {
  { "Quick question about", TRUE },
  { "Following up on our call", FALSE },
  { "Pricing for", TRUE },
  { "Your trial: next steps", FALSE },
  { "A case study for", TRUE },
  { "Scheduling a demo", FALSE },
};

static const char * const lost_reasons[] = {
  "Price", "Chose a competitor", "No budget", "Timing", "Missing feature", "No decision",
};

static const char * const churn_reasons[] = {
  "Budget cuts", "Switched tools", "Company closed the team", "Too few users",
};

static const char * const optional_tags[] = {
  "webinar", "referral", "trade-show", "newsletter", "partner", "beta",
};

static const struct {
  const char *name;
  const char *subject;
  const char *body;
} templates[] = {
  { "Intro",
    "A quick introduction, {{ contact.first_name }}",
    "Hi {{ contact.first_name }},\n\n"
    "I'm {{ user.name }}, and I help teams like {{ customer.name }} keep their "
    "customer work in one place.\n\n"
    "Would a 20-minute call next week be useful?\n\n"
    "Best,\n{{ user.name }}" },
  { "Follow-up after call",
    "Thanks for the call, {{ contact.first_name }}",
    "Hi {{ contact.first_name }},\n\n"
    "Thanks for your time today. As promised, here is a summary of what we "
    "discussed for {{ customer.name }}, with the next steps we agreed on.\n\n"
    "Talk soon,\n{{ user.name }}" },
  { "Trial check-in",
    "How is the trial going at {{ customer.name }}?",
    "Hi {{ contact.first_name }},\n\n"
    "Your team has been trying us out for a week now. Is there anything I can "
    "help with, or anyone else at {{ customer.name }} I should show around?\n\n"
    "Cheers,\n{{ user.name }}" },
  { "Renewal reminder",
    "Your renewal at {{ customer.name }}",
    "Hi {{ contact.first_name }},\n\n"
    "Your subscription renews next month. If your team has grown, I'm happy to "
    "look at the number of seats with you.\n\n"
    "Best regards,\n{{ user.name }}" },
};

/* ------------------------------------------------------------------ */
/* The job                                                             */
/* ------------------------------------------------------------------ */

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

static guint
pick (DemoBook *book,
      guint     n)
{
  return (guint) g_rand_int_range (book->rand, 0, (gint32) n);
}

static gboolean
chance (DemoBook *book,
        guint     percent)
{
  return pick (book, 100) < percent;
}

static gint64
between (DemoBook *book,
         gint64    from,
         gint64    to)
{
  if (to <= from)
    return from;

  return from + (gint64) (g_rand_double (book->rand) * (double) (to - from));
}

/* A moment in working hours on the day of @time, never after the
 * reference time. */
static gint64
working_hours (DemoBook *book,
               gint64    time)
{
  gint64 day = time - time % DAY;
  gint64 moment = day + 8 * HOUR + between (book, 0, 10 * HOUR);

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
static void
format_date (char   buffer[16],
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

  format_date (buffer, time);
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
  const char *nouns[G_N_ELEMENTS (company_nouns)];

  for (guint i = 0; i < G_N_ELEMENTS (company_nouns); i++)
    nouns[i] = company_nouns[i].noun;

  book->rand = g_rand_new_with_seed (DEMO_SEED);
  book->folded = g_ptr_array_new_with_free_func (g_free);
  book->first_folded = fold_names (book, first_names, G_N_ELEMENTS (first_names));
  book->last_folded = fold_names (book, last_names, G_N_ELEMENTS (last_names));
  book->word_folded = fold_names (book, company_words, G_N_ELEMENTS (company_words));
  book->noun_folded = fold_names (book, nouns, G_N_ELEMENTS (nouns));

  book->country_weight_total = 0;
  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    book->country_weight_total += countries[i].weight;
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

static void
put_string (GVariantBuilder *fields,
            const char      *key,
            const char      *value)
{
  if (value != NULL)
    put_value (fields, key, g_variant_new_string (value));
}

static void
put_int (GVariantBuilder *fields,
         const char      *key,
         gint64           value)
{
  put_value (fields, key, g_variant_new_int64 (value));
}

static void
put_time (GVariantBuilder *fields,
          const char      *key,
          gint64           time)
{
  char buffer[32];

  if (time == 0)
    return;

  format_time (buffer, time);
  put_string (fields, key, buffer);
}

static void
put_date (GVariantBuilder *fields,
          const char      *key,
          gint64           time)
{
  char buffer[16];

  format_date (buffer, time);
  put_string (fields, key, buffer);
}

/* Records are stamped with the moment they happened in the story, not the
 * moment the book was made. */
static void
put_stamps (GVariantBuilder *fields,
            gint64           created,
            gint64           updated)
{
  put_time (fields, "created_at", created);
  put_time (fields, "updated_at", MAX (created, updated));
}

static gint64
insert_row (DemoBook        *book,
            CrmEntityKind    kind,
            GVariantBuilder *fields)
{
  return crm_store_txn_insert (book->txn, kind, g_variant_builder_end (fields),
                               book->error);
}

static const char *
owner_email (const DemoCustomer *customer)
{
  return customer->owner != NULL ? customer->owner->email : reps[0].email;
}

static gboolean
add_settings (DemoBook *book)
{
  return crm_store_txn_set_setting (book->txn, "me.name", reps[0].name, book->error) &&
         crm_store_txn_set_setting (book->txn, "me.email", reps[0].email, book->error);
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
  put_string (&fields, "name", name);
  put_int (&fields, "position", position);
  pipeline_id = insert_row (book, CRM_ENTITY_PIPELINE, &fields);
  if (pipeline_id == 0)
    return FALSE;

  for (guint i = 0; i < n_stages; i++)
    {
      g_variant_builder_init (&fields, G_VARIANT_TYPE_VARDICT);
      put_int (&fields, "pipeline_id", pipeline_id);
      put_string (&fields, "name", stages[i].name);
      put_int (&fields, "position", i);
      put_int (&fields, "win_likelihood", stages[i].win_likelihood);
      put_string (&fields, "forecast_category", stages[i].forecast_category);
      if (stages[i].stale_days > 0)
        put_int (&fields, "stale_days", stages[i].stale_days);

      if (insert_row (book, CRM_ENTITY_STAGE, &fields) == 0)
        return FALSE;
    }

  return TRUE;
}

static gboolean
add_templates (DemoBook *book)
{
  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      GVariantBuilder fields;

      g_variant_builder_init (&fields, G_VARIANT_TYPE_VARDICT);
      put_string (&fields, "name", templates[i].name);
      put_string (&fields, "subject", templates[i].subject);
      put_string (&fields, "body", templates[i].body);
      put_stamps (&fields, book->reference - 400 * DAY + i * HOUR, 0);

      if (insert_row (book, CRM_ENTITY_TEMPLATE, &fields) == 0)
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
  guint weight = pick (book, book->country_weight_total);
  guint n_cities = 0;
  guint bucket;

  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    {
      customer->country = &countries[i];
      if (weight < countries[i].weight)
        break;
      weight -= countries[i].weight;
    }

  while (n_cities < G_N_ELEMENTS (customer->country->cities) &&
         customer->country->cities[n_cities].city != NULL)
    n_cities++;
  customer->city = &customer->country->cities[pick (book, n_cities)];

  customer->word = pick (book, G_N_ELEMENTS (company_words));
  customer->noun = pick (book, G_N_ELEMENTS (company_nouns));
  g_snprintf (customer->name, sizeof customer->name, "%s %s",
              company_words[customer->word], company_nouns[customer->noun].noun);
  g_snprintf (customer->domain, sizeof customer->domain, "%s-%s.example.%s",
              book->word_folded[customer->word], book->noun_folded[customer->noun],
              (const char *[]) { "com", "org", "net" }[pick (book, 3)]);

  /* Mostly small companies, a few large ones. */
  bucket = pick (book, 100);
  if (bucket < 40)
    customer->size = 5 + pick (book, 45);
  else if (bucket < 75)
    customer->size = 50 + pick (book, 200);
  else if (bucket < 92)
    customer->size = 250 + pick (book, 750);
  else
    customer->size = 1000 + pick (book, 9000);

  customer->plan = customer->size < 50 ? 0 : customer->size < 250 ? 1 :
                   customer->size < 1000 ? 2 : 3;
  customer->seats = CLAMP (customer->size / (3 + pick (book, 8)), 1, 2000);
  customer->contact_first = pick (book, G_N_ELEMENTS (first_names));
  customer->contact_last = pick (book, G_N_ELEMENTS (last_names));
  g_snprintf (customer->contact_email, sizeof customer->contact_email, "%s.%s@%s",
              book->first_folded[customer->contact_first],
              book->last_folded[customer->contact_last], customer->domain);
}

static void
pick_status (DemoBook     *book,
             DemoCustomer *customer)
{
  guint weight = pick (book, 100);
  gboolean lead;

  customer->status = DEMO_NEW_LEAD;
  for (guint i = 0; i < DEMO_N_STATUSES; i++)
    {
      customer->status = i;
      if (weight < statuses[i].weight)
        break;
      weight -= statuses[i].weight;
    }

  /* "Me" owns a large share of the leads; some new leads wait for an
   * owner. */
  lead = customer->status <= DEMO_UNQUALIFIED_LEAD || customer->status == DEMO_LEGACY_LEAD;
  weight = pick (book, 100);
  if (weight < (lead ? 36 : 20))
    customer->owner = &reps[0];
  else if (customer->status == DEMO_NEW_LEAD && weight < 42)
    customer->owner = NULL;
  else
    customer->owner = &reps[1 + pick (book, G_N_ELEMENTS (reps) - 1)];
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

  return working_hours (book, customer->lead_created + (gint64) (span * fraction));
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
  gint64 age = between (book, statuses[status].min_age_days * DAY,
                        statuses[status].max_age_days * DAY);
  gboolean subscriber = status == DEMO_ACTIVE || status == DEMO_PAST_DUE ||
                        status == DEMO_CANCELLED;

  customer->lead_created = working_hours (book, book->reference - age - DAY);
  customer->last_event = customer->lead_created;

  if (status == DEMO_NEW_LEAD || status == DEMO_LEGACY_LEAD)
    return;

  customer->contacted = after (at_fraction (book, customer, 0.01, subscriber ? 0.08 : 0.25),
                               customer->lead_created);
  customer->status_changed = customer->contacted + 5 * MINUTE;

  if (status == DEMO_QUALIFIED_LEAD || subscriber ||
      (status == DEMO_UNQUALIFIED_LEAD && chance (book, 45)))
    {
      customer->qualified = after (at_fraction (book, customer, subscriber ? 0.1 : 0.3,
                                                subscriber ? 0.15 : 0.6),
                                   customer->contacted);
      customer->status_changed = customer->qualified;
      customer->lost_deal = status == DEMO_UNQUALIFIED_LEAD;
    }

  if (subscriber || (status == DEMO_QUALIFIED_LEAD && chance (book, 60)) ||
      (status == DEMO_WORKING_LEAD && chance (book, 15)))
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
                       company_nouns[customer->noun].industry, customer->size,
                       customer->seats % 4 != 0 ? "true" : "false");

  if (customer->trial_started != 0)
    {
      char last_login[32];
      gint64 login = customer->status == DEMO_CANCELLED
        ? customer->ended - between (book, 0, 20 * DAY)
        : book->reference - between (book, HOUR, 12 * DAY);

      format_time (last_login, working_hours (book, login));
      length += g_snprintf (buffer + length, size - length,
                            ",\"plan\":\"%s\",\"seats\":%u,\"last_login\":\"%s\"",
                            plans[customer->plan], customer->seats, last_login);
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
    g_snprintf (street, sizeof street, "%u %s", 1 + pick (book, 180),
                country->streets[pick (book, g_strv_length ((char **) country->streets))]);
  else
    g_snprintf (street, sizeof street, "%s %u",
                country->streets[pick (book, g_strv_length ((char **) country->streets))],
                1 + pick (book, 180));
  format_attributes (book, customer, attributes, sizeof attributes);

  g_variant_builder_init (&fields, G_VARIANT_TYPE_VARDICT);
  put_string (&fields, "external_id", uuid);
  put_string (&fields, "name", customer->name);
  put_string (&fields, "company", legal_name);
  put_string (&fields, "email", customer->contact_email);
  put_string (&fields, "status", statuses[customer->status].status);
  if (customer->owner != NULL)
    put_string (&fields, "owner", customer->owner->email);
  put_string (&fields, "website", website);
  if (chance (book, 70))
    put_string (&fields, "linkedin", linkedin);
  put_string (&fields, "street", street);
  put_string (&fields, "city", customer->city->city);
  put_string (&fields, "zip", customer->city->zip);
  put_string (&fields, "state", customer->city->state);
  put_string (&fields, "country", country->code);
  put_time (&fields, "lead_created_at", customer->lead_created);
  put_time (&fields, "free_trial_started_at", customer->trial_started);
  put_time (&fields, "customer_since", customer->customer_since);
  put_string (&fields, "attributes", attributes);
  put_time (&fields, "status_changed_at", customer->status_changed);
  put_stamps (&fields, customer->lead_created, customer->last_event);

  customer->id = insert_row (book, CRM_ENTITY_CUSTOMER, &fields);
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
      chance (book, 80))
    tags[n++] = "dach";
  if (customer->size >= 1000)
    tags[n++] = "enterprise";
  else if (customer->size < 50 && chance (book, 70))
    tags[n++] = "smb";
  if (customer->trial_started != 0 && customer->status <= DEMO_QUALIFIED_LEAD &&
      chance (book, 40))
    tags[n++] = "pilot";
  if (chance (book, 30))
    tags[n++] = optional_tags[pick (book, G_N_ELEMENTS (optional_tags))];
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
              pick (book, 100));
  g_snprintf (linkedin, sizeof linkedin, "https://www.linkedin.com/in/%s-%s-%04x",
              book->first_folded[first], book->last_folded[last], pick (book, 0x10000));

  g_variant_builder_init (&fields, G_VARIANT_TYPE_VARDICT);
  put_int (&fields, "customer_id", customer->id);
  put_string (&fields, "external_id", uuid);
  put_int (&fields, "position", position);
  put_string (&fields, "first_name", first_names[first]);
  put_string (&fields, "last_name", last_names[last]);
  put_string (&fields, "title", titles[pick (book, G_N_ELEMENTS (titles))]);
  put_string (&fields, "email", email);
  if (chance (book, 85))
    put_string (&fields, "phone", phone);
  if (chance (book, 50))
    put_string (&fields, "linkedin", linkedin);
  put_stamps (&fields, customer->lead_created, customer->lead_created);

  return insert_row (book, CRM_ENTITY_CONTACT, &fields) != 0;
}

static gboolean
add_contacts (DemoBook           *book,
              const DemoCustomer *customer)
{
  guint n_contacts = 1 + (chance (book, 45) ? 1 : 0) + (chance (book, 20) ? 1 : 0);

  /* The first contact's address is the customer's. */
  if (!add_contact (book, customer, 1, customer->contact_first, customer->contact_last))
    return FALSE;

  for (guint i = 2; i <= n_contacts; i++)
    {
      if (!add_contact (book, customer, i, pick (book, G_N_ELEMENTS (first_names)),
                        pick (book, G_N_ELEMENTS (last_names))))
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
  put_int (fields, "customer_id", customer->id);
  put_string (fields, "kind", kind);
  put_time (fields, "occurred_at", time);
  put_stamps (fields, time, time);
}

static gboolean
add_note (DemoBook           *book,
          const DemoCustomer *customer,
          gint64              time,
          const char         *body)
{
  GVariantBuilder fields;

  activity_start (&fields, customer, "note", time);
  put_string (&fields, "author", owner_email (customer));
  put_string (&fields, "body", body);

  return insert_row (book, CRM_ENTITY_ACTIVITY, &fields) != 0;
}

static gboolean
add_call (DemoBook           *book,
          const DemoCustomer *customer,
          gint64              time)
{
  static const char * const outcomes[] = { "Connected", "Voicemail", "No answer" };
  guint outcome = pick (book, 10) < 6 ? 0 : pick (book, 2) + 1;
  GVariantBuilder fields;

  activity_start (&fields, customer, "call", time);
  put_string (&fields, "author", owner_email (customer));
  put_string (&fields, "call_outcome", outcomes[outcome]);
  if (outcome == 0)
    {
      put_int (&fields, "call_duration", 3 * MINUTE + between (book, 0, 40 * MINUTE));
      put_string (&fields, "body", call_notes[pick (book, G_N_ELEMENTS (call_notes))]);
    }
  else
    {
      put_int (&fields, "call_duration", outcome == 1 ? 20 + pick (book, 60) : 0);
    }

  return insert_row (book, CRM_ENTITY_ACTIVITY, &fields) != 0;
}

static gboolean
add_email (DemoBook           *book,
           const DemoCustomer *customer,
           gint64              time)
{
  guint which = pick (book, G_N_ELEMENTS (email_subjects));
  char subject[128], body[256];
  GVariantBuilder fields;

  g_snprintf (subject, sizeof subject, "%s%s%s", email_subjects[which].text,
              email_subjects[which].add_name ? " " : "",
              email_subjects[which].add_name ? customer->name : "");
  g_snprintf (body, sizeof body,
              "Hi %s,\n\nthanks for your interest. I've put together a few notes "
              "for %s; let me know when you have 15 minutes to go through them.",
              first_names[customer->contact_first], customer->name);

  activity_start (&fields, customer, "email", time);
  put_string (&fields, "author", owner_email (customer));
  put_string (&fields, "subject", subject);
  put_string (&fields, "body", body);

  return insert_row (book, CRM_ENTITY_ACTIVITY, &fields) != 0;
}

static gboolean
add_touch (DemoBook           *book,
           const DemoCustomer *customer,
           gint64              time)
{
  guint kind = pick (book, 10);

  if (kind < 4)
    return add_call (book, customer, time);
  if (kind < 8)
    return add_email (book, customer, time);

  return add_note (book, customer, time,
                   research_notes[pick (book, G_N_ELEMENTS (research_notes))]);
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
      gint64 time = working_hours (book, from + i * step + between (book, -step / 3, step / 3));

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
  put_string (&fields, "old_status", old_status);
  put_string (&fields, "new_status", new_status);
  put_string (&fields, "cause", cause);
  if (g_str_equal (cause, "person"))
    put_string (&fields, "author", owner_email (customer));

  return insert_row (book, CRM_ENTITY_ACTIVITY, &fields) != 0;
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
    return add_status_change (book, customer, status, statuses[final].status,
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
  gboolean signed_up = chance (book, customer->contacted == 0 ? 45 : 25);

  /* The newest activity goes in first: the schema's trigger then moves the
   * customer's last activity once, not once per row. */
  if (customer->contacted != 0 &&
      (!add_touches (book, customer, customer->contacted, end, 1 + pick (book, 4)) ||
       !add_touch (book, customer, customer->contacted) ||
       !add_status_history (book, customer)))
    return FALSE;

  if (!signed_up)
    return TRUE;

  return add_note (book, customer, customer->lead_created + 10 * MINUTE,
                   signup_notes[pick (book, G_N_ELEMENTS (signup_notes))]);
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
  gint64 created = MAX (customer->lead_created, due - between (book, DAY, 10 * DAY));

  g_variant_builder_init (&fields, G_VARIANT_TYPE_VARDICT);
  put_int (&fields, "customer_id", customer->id);
  put_string (&fields, "details", details);
  put_string (&fields, "kind", kind);
  put_string (&fields, "assignee", owner_email (customer));
  put_date (&fields, "due_on", due);
  if (done)
    put_time (&fields, "completed_at", working_hours (book, MIN (due, book->reference - DAY)));
  put_stamps (&fields, MIN (created, book->reference - DAY), 0);

  return insert_row (book, CRM_ENTITY_TASK, &fields) != 0;
}

/* Open tasks are a little overdue or due within two weeks of the
 * reference day. */
static gint64
open_due (DemoBook *book)
{
  if (chance (book, 35))
    return book->reference - between (book, 1, 21) * DAY;

  return book->reference + between (book, 0, 14) * DAY;
}

static gboolean
add_tasks (DemoBook           *book,
           const DemoCustomer *customer)
{
  const char *first = first_names[customer->contact_first];
  const char *last = last_names[customer->contact_last];
  char details[160];

  switch (customer->status)
    {
    case DEMO_NEW_LEAD:
      if (!chance (book, 35))
        return TRUE;
      g_snprintf (details, sizeof details, "Connect with %s %s on LinkedIn", first, last);
      return add_task (book, customer, "linkedin", details, open_due (book), FALSE);

    case DEMO_WORKING_LEAD:
      g_snprintf (details, sizeof details, "Follow up with %s about %s", first, customer->name);
      if (customer->contacted + 2 * DAY < book->reference && chance (book, 40) &&
          !add_task (book, customer, "follow-up", "Send the pricing overview",
                     customer->contacted + 2 * DAY, TRUE))
        return FALSE;
      return add_task (book, customer, chance (book, 25) ? "demo" : "follow-up",
                       details, open_due (book), FALSE);

    case DEMO_QUALIFIED_LEAD:
      g_snprintf (details, sizeof details, "Run a demo for the %s team", customer->name);
      if (!add_task (book, customer, "demo", details, open_due (book), chance (book, 30)))
        return FALSE;
      if (customer->trial_started == 0)
        return TRUE;
      g_snprintf (details, sizeof details, "Check in with %s before the trial ends", first);
      return add_task (book, customer, "trial-reminder", details,
                       customer->trial_started + 12 * DAY,
                       customer->trial_started + 12 * DAY < book->reference);

    case DEMO_ACTIVE:
      if (!chance (book, 25))
        return TRUE;
      g_snprintf (details, sizeof details, "Onboarding check-in with %s", first);
      return add_task (book, customer, "follow-up", details,
                       customer->customer_since + 14 * DAY, TRUE);

    case DEMO_PAST_DUE:
      g_snprintf (details, sizeof details, "Ask %s about the failed payment", first);
      return add_task (book, customer, "follow-up", details, open_due (book), FALSE);

    case DEMO_CANCELLED:
    case DEMO_UNQUALIFIED_LEAD:
      if (!chance (book, 25))
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

/* The yearly value of the customer's seats in the deal's currency, in
 * minor units (JPY has none). */
static gint64
deal_amount (const DemoCustomer *customer,
             const char         *currency)
{
  gint64 euros = (gint64) customer->seats * plan_seat_prices[customer->plan];

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
  put_int (&fields, "customer_id", customer->id);
  put_string (&fields, "name", deal->name);
  put_string (&fields, "owner", owner_email (customer));
  put_string (&fields, "pipeline", deal->pipeline);
  put_string (&fields, "stage", deal->stage->name);
  put_int (&fields, "board_position", (*deal->position)++);
  put_int (&fields, "amount_minor", deal_amount (customer, currency));
  put_string (&fields, "currency", currency);
  put_date (&fields, "close_on", deal->close);
  put_string (&fields, "type", deal->type);
  put_string (&fields, "forecast_category", deal->stage->forecast_category);
  put_int (&fields, "win_likelihood", deal->stage->win_likelihood);
  put_string (&fields, "custom", custom);
  put_time (&fields, "stage_entered_at", deal->stage_entered);
  if (closed)
    put_date (&fields, "closed_on", deal->close);
  put_string (&fields, "lost_reason", deal->lost_reason);
  put_stamps (&fields, deal->created, deal->stage_entered);

  return insert_row (book, CRM_ENTITY_OPPORTUNITY, &fields) != 0;
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
      guint roll = pick (book, 100);

      stage = roll < 45 ? DISCOVERY : roll < 80 ? EVALUATION : NEGOTIATION;
      deal.stage_entered = working_hours (book, between (book, customer->qualified,
                                                         book->reference - DAY));
      deal.close = book->reference + between (book, 10, 120) * DAY;
    }
  else if (customer->lost_deal)
    {
      stage = CLOSED_LOST;
      deal.stage_entered = customer->ended;
      deal.close = customer->ended;
      deal.lost_reason = lost_reasons[pick (book, G_N_ELEMENTS (lost_reasons))];
    }
  else
    {
      stage = CLOSED_WON;
      deal.stage_entered = customer->customer_since;
      deal.close = customer->customer_since;
    }

  if (chance (book, 12))
    {
      deal.type = "one-time";
      g_snprintf (name, sizeof name, "%s onboarding package", customer->name);
    }
  else
    {
      g_snprintf (name, sizeof name, "%s %s plan", customer->name, plans[customer->plan]);
    }

  deal.stage = &new_business_stages[stage];
  deal.position = &book->new_business_positions[stage];
  if (!add_opportunity (book, customer, &deal))
    return FALSE;

  /* Closing as lost leaves the reason on the timeline, as a synced note. */
  if (deal.lost_reason == NULL)
    return TRUE;
  g_snprintf (note, sizeof note, "Closed Lost — reason: %s", deal.lost_reason);
  return add_note (book, customer, customer->ended - MINUTE, note);
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
      deal.lost_reason = churn_reasons[pick (book, G_N_ELEMENTS (churn_reasons))];
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
  deal.created = working_hours (book, MAX (deal.created, customer->customer_since));
  deal.stage_entered = stage == UPCOMING
    ? deal.created
    : working_hours (book, MIN (deal.close, book->reference - DAY));
  format_date (year, deal.close);
  year[4] = '\0';
  g_snprintf (name, sizeof name, "%s renewal %s", customer->name, year);

  deal.stage = &renewal_stages[stage];
  deal.position = &book->renewal_positions[stage];
  return add_opportunity (book, customer, &deal);
}

static gboolean
add_opportunities (DemoBook           *book,
                   const DemoCustomer *customer)
{
  gboolean subscriber = customer->customer_since != 0;

  if ((customer->status == DEMO_QUALIFIED_LEAD && chance (book, 90)) ||
      customer->lost_deal || (subscriber && chance (book, 75)))
    {
      if (!add_new_business (book, customer))
        return FALSE;
    }

  if (subscriber && chance (book, customer->status == DEMO_ACTIVE ? 40 : 60))
    return add_renewal (book, customer);

  return TRUE;
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
         add_opportunities (book, &customer);
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
       add_pipeline (book, "New Business", 0, new_business_stages, N_NEW_BUSINESS) &&
       add_pipeline (book, "Renewals", 1, renewal_stages, N_RENEWALS) &&
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
 * default pipelines, email templates, and @n_customers customers with
 * contacts, activities, tasks, opportunities, tags and custom attributes,
 * owned by five reps of whom the first, Sam Ortiz, is "me". The book is
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
