/* crm-sync-crash.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sync"

#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "crm-sync-crash.h"

/*
 * Named points of the sync where the crash test kills the process, to
 * prove that a sync killed anywhere loses and doubles nothing. They do
 * nothing unless PROSPECT_SYNC_CRASH is set, as
 *
 *   NAME        die at the first pass through the point NAME
 *   NAME:N      die at the Nth pass through it
 *   random:SEED:PERMILLE
 *               die at any point, each pass with a chance of PERMILLE in
 *               1000, drawn from SEED
 *
 * The process ends at once with _exit() and status 86, as a kill would:
 * nothing is flushed, no transaction is committed.
 */

typedef struct
{
  char    *name;
  guint    countdown;
  GRand   *rand;
  guint    permille;
} CrashPlan;

static CrashPlan *
read_plan (void)
{
  const char *value = g_getenv ("PROSPECT_SYNC_CRASH");
  g_auto(GStrv) parts = NULL;
  CrashPlan *plan;
  guint64 number = 1;

  if (value == NULL || *value == '\0')
    return NULL;

  plan = g_new0 (CrashPlan, 1);
  parts = g_strsplit (value, ":", 3);

  if (g_str_equal (parts[0], "random") && g_strv_length (parts) == 3)
    {
      guint64 seed = 0, permille = 0;

      g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXUINT32, &seed, NULL);
      g_ascii_string_to_unsigned (parts[2], 10, 0, 1000, &permille, NULL);
      plan->rand = g_rand_new_with_seed ((guint32) seed);
      plan->permille = (guint) permille;
      return plan;
    }

  plan->name = g_strdup (parts[0]);
  if (parts[1] != NULL)
    g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXUINT, &number, NULL);
  plan->countdown = (guint) number;

  return plan;
}

static void
die (const char *name)
{
  g_printerr ("prospect: crash test: killed at %s\n", name);
  _exit (CRM_SYNC_CRASH_EXIT_STATUS);
}

/**
 * crm_sync_crash_point:
 * @name: the point, such as "after-send"
 *
 * Kills the process here when the crash test asks for it; see above.
 * Any thread.
 */
void
crm_sync_crash_point (const char *name)
{
  static gsize initialized = 0;
  static CrashPlan *plan = NULL;
  static GMutex lock;

  if (g_once_init_enter (&initialized))
    {
      plan = read_plan ();
      g_once_init_leave (&initialized, 1);
    }

  if (plan == NULL)
    return;

  g_mutex_lock (&lock);
  if (plan->rand != NULL && (guint) g_rand_int_range (plan->rand, 0, 1000) < plan->permille)
    die (name);
  if (plan->name != NULL && g_str_equal (plan->name, name) && --plan->countdown == 0)
    die (name);
  g_mutex_unlock (&lock);
}
