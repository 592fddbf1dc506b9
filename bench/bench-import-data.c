/* bench-import-data.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-import"

#include "config.h"

#include "bench-import-data.h"

/* The CSV file the import benchmarks read: invented leads with a fixed
 * seed, in the header names of a common CRM export, some notes spanning
 * lines. */

#define SEED 20250601

static const char * const first_names[] = {
  "Ada", "Björn", "Chloé", "Daan", "Elif", "Finn", "Giulia", "Haruto", "Inés", "Jonas",
  "Kwame", "Léa", "Mateo", "Noor", "Oliver", "Priya", "Renée", "Søren", "Théo", "Zoë",
};
static const char * const last_names[] = {
  "Åberg", "Brooks", "Castro", "Dubois", "Evans", "Ferreira", "Gómez", "Hansen", "Iyer",
  "Janssens", "Kowalski", "Lindqvist", "Maier", "Núñez", "O'Brien", "Peeters",
};
static const char * const words[] = {
  "Orchard", "Harbor", "Maple", "Granite", "Willow", "Cedar", "Summit", "Lumen",
  "Copper", "Beacon", "Meadow", "Kestrel", "Étoile", "Fjäll", "Quarry", "Lantern",
};
static const char * const nouns[] = {
  "Tools", "Foods", "Optics", "Labs", "Works", "Analytics", "Logistics", "Studio",
};
static const char * const countries[] = {
  "AT", "Germany", "CH", "France", "NL", "United Kingdom", "US", "Sweden", "ES", "PT",
};
static const char * const statuses[] = { "New Lead", "New Lead", "Working Lead", "" };

static void
append_row (GString *csv,
            GRand   *rand,
            guint    i)
{
  const char *first = first_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (first_names))];
  const char *last = last_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (last_names))];
  const char *word = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];
  const char *noun = nouns[g_rand_int_range (rand, 0, G_N_ELEMENTS (nouns))];

  g_string_append_printf (csv, "%s,\"%s\",lead%u@%s-%s.example,%s %s %u,%s,%s,"
                          "\"%s,%s\",+1 555 %04u,%d,2025-%02d-%02d,",
                          first, last, i, word, noun, word, noun, i % 997,
                          countries[g_rand_int_range (rand, 0, G_N_ELEMENTS (countries))],
                          statuses[g_rand_int_range (rand, 0, G_N_ELEMENTS (statuses))],
                          g_rand_boolean (rand) ? "smb" : "enterprise",
                          g_rand_boolean (rand) ? "pilot" : "dach",
                          g_rand_int_range (rand, 0, 10000),
                          g_rand_int_range (rand, 1, 5000),
                          g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));

  /* Some notes span lines, as real exports do. */
  if (i % 10 == 0)
    g_string_append (csv, "\"Met at the fair\nwants a demo, \"\"soon\"\"\"");
  g_string_append (csv, "\r\n");
}

/**
 * bench_import_write_file:
 * @dir: where to write leads.csv
 * @n_rows: how many invented leads
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the file's path
 */
char *
bench_import_write_file (const char  *dir,
                         guint        n_rows,
                         GError     **error)
{
  g_autoptr(GString) csv = g_string_new ("First Name,Last Name,Email Address,Company Name,"
                                         "Country/Region,Lead Status,Tags,Phone Number,"
                                         "Seats,Signup,Notes\r\n");
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autofree char *path = g_build_filename (dir, "leads.csv", NULL);

  for (guint i = 0; i < n_rows; i++)
    append_row (csv, rand, i);

  if (!g_file_set_contents (path, csv->str, csv->len, error))
    return NULL;

  g_print ("file: %u rows, %.1f MB\n", n_rows, csv->len / 1e6);
  return g_steal_pointer (&path);
}

