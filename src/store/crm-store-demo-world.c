/* crm-store-demo-world.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "crm-store-demo-private.h"

/* Every name, company, address and number below is made up, and every
 * email or web address is under a reserved example domain. */

/* The first rep is "me", the profile's own seat. */
const DemoRep demo_reps[] = {
  { "Sam Ortiz", "sam.ortiz@prospect.example" },
  { "Mira Castell", "mira.castell@prospect.example" },
  { "Tomás Lindgren", "tomas.lindgren@prospect.example" },
  { "Hannah Okafor", "hannah.okafor@prospect.example" },
  { "Luca Brenner", "luca.brenner@prospect.example" },
};

const char * const demo_first_names[] = {
  "Inés", "Lena", "Jonas", "Sofía", "Mateo", "Chloé", "Léa", "Lucas", "João",
  "Beatriz", "Giulia", "Marco", "Daan", "Sanne", "Noor", "Oliver", "Amelia",
  "Aoife", "Cian", "Emma", "Ethan", "Olivia", "Noah", "Gabriel", "Valentina",
  "Santiago", "Ximena", "Astrid", "Erik", "Ingrid", "Mads", "Freja", "Aino",
  "Eero", "Zofia", "Jakub", "Haruto", "Yui", "Priya", "Arjun", "Aroha",
  "Björn", "Zoë", "Renée", "Søren", "Łukasz", "Elif", "Kwame", "Amara", "Mei",
  "Rafael", "Camila", "Théo", "Margot", "Pablo", "Nora", "Finn", "Ida",
};

const char * const demo_last_names[] = {
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

const char * const demo_company_words[] = {
  "Orchard", "Harbor", "Maple", "Granite", "Willow", "Cedar", "Summit",
  "Lumen", "Copper", "Beacon", "Meadow", "Riverbend", "Bluefin", "Kestrel",
  "Tidewater", "Ironbark", "Saffron", "Pinecone", "Quarry", "Lantern",
  "Ember", "Alder", "Brightwater", "Clover", "Driftwood", "Fjord", "Glacier",
  "Hazel", "Indigo", "Jasper", "Kite", "Lark", "Mosaic", "Nimbus", "Oakridge",
  "Pebble", "Quill", "Rowan", "Sable", "Thistle", "Umber", "Vellum", "Wren",
  "Yarrow", "Zephyr", "Birch", "Étoile", "Fjäll", "Solvej", "Aurelia",
};

const DemoNoun demo_company_nouns[] = {
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

const DemoCountry demo_countries[] = {
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

/* Mostly leads, as in a rep's real book; the weights add up to 100. */
const DemoStatusShare demo_statuses[DEMO_N_STATUSES] = {
  [DEMO_NEW_LEAD] = { "New Lead", 34, 0, 120 },
  [DEMO_WORKING_LEAD] = { "Working Lead", 22, 10, 365 },
  [DEMO_QUALIFIED_LEAD] = { "Qualified Lead", 9, 30, 500 },
  [DEMO_UNQUALIFIED_LEAD] = { "Unqualified Lead", 9, 40, 730 },
  [DEMO_ACTIVE] = { "Active", 15, 90, 730 },
  [DEMO_PAST_DUE] = { "Past Due", 3, 120, 730 },
  [DEMO_CANCELLED] = { "Cancelled", 5, 150, 730 },
  [DEMO_LEGACY_LEAD] = { "Lead", 3, 500, 730 },
};

const DemoStage demo_new_business_stages[N_NEW_BUSINESS] = {
  { "Discovery", 10, "pipeline", 14 },
  { "Evaluation", 30, "best_case", 21 },
  { "Negotiation", 60, "committed", 14 },
  { "Closed Won", 100, "won", 0 },
  { "Closed Lost", 0, "lost", 0 },
};

const DemoStage demo_renewal_stages[N_RENEWALS] = {
  { "Upcoming", 80, "pipeline", 30 },
  { "In Discussion", 60, "best_case", 21 },
  { "Renewed", 100, "won", 0 },
  { "Churned", 0, "lost", 0 },
};

const char * const demo_plans[] = { "Starter", "Growth", "Scale", "Enterprise" };
/* Yearly price of a seat per plan, in whole units of EUR. */
const guint demo_plan_seat_prices[] = { 120, 240, 420, 600 };

const char * const demo_titles[] = {
  "CEO", "CTO", "COO", "Founder", "Head of Operations", "Head of Sales",
  "Marketing Manager", "Office Manager", "Finance Director", "IT Lead",
  "Procurement Manager", "Product Manager",
};

const char * const demo_signup_notes[] = {
  "Signed up through the pricing page.",
  "Downloaded the buyer's guide.",
  "Came in through a partner referral.",
  "Asked for a quote through the contact form.",
  "Met at our booth at the spring trade show.",
};

const char * const demo_research_notes[] = {
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

const char * const demo_call_notes[] = {
  "Walked through their current process.",
  "Discussed pricing for the whole team.",
  "Agreed on a demo with their team leads.",
  "Answered questions about data import.",
  "They need a week to talk to finance.",
};

/* Some subjects end with the customer's name. */
const DemoSubject demo_email_subjects[] = {
  { "Quick question about", TRUE },
  { "Following up on our call", FALSE },
  { "Pricing for", TRUE },
  { "Your trial: next steps", FALSE },
  { "A case study for", TRUE },
  { "Scheduling a demo", FALSE },
};

const char * const demo_lost_reasons[] = {
  "Price", "Chose a competitor", "No budget", "Timing", "Missing feature", "No decision",
};

const char * const demo_churn_reasons[] = {
  "Budget cuts", "Switched tools", "Company closed the team", "Too few users",
};

const char * const demo_optional_tags[] = {
  "webinar", "referral", "trade-show", "newsletter", "partner", "beta",
};

const DemoTemplate demo_templates[] = {
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
