/* crm-sync-backoff.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sync"

#include "config.h"

#include <libsoup/soup.h>

#include "crm-sync-backoff.h"

/* A server may ask for any wait; past an hour the sync rather tries
 * again then, as the window offers "Sync now" anyway. */
#define RETRY_AFTER_MAX ((gint64) 60 * 60 * G_USEC_PER_SEC)

/**
 * crm_sync_backoff_delay:
 * @attempt: how many times the request failed before, from 0
 * @jitter: a random number in [0, 1)
 *
 * The wait before the next try when the server gave no Retry-After:
 * exponential (1 s, 2 s, 4 s … up to 60 s), spread by @jitter over the
 * upper half of each step so that clients do not come back together, and
 * never under 1 s or over 60 s.
 *
 * Returns: the delay, in microseconds
 */
gint64
crm_sync_backoff_delay (guint  attempt,
                        double jitter)
{
  gint64 ceiling = CRM_SYNC_BACKOFF_MAX;
  gint64 delay;

  g_return_val_if_fail (jitter >= 0.0 && jitter < 1.0, CRM_SYNC_BACKOFF_MIN);

  if (attempt < 6)
    ceiling = MIN (CRM_SYNC_BACKOFF_MAX, CRM_SYNC_BACKOFF_MIN << attempt);

  delay = ceiling / 2 + (gint64) (jitter * (ceiling / 2));
  return CLAMP (delay, CRM_SYNC_BACKOFF_MIN, CRM_SYNC_BACKOFF_MAX);
}

static gboolean
parse_seconds (const char *value,
               gint64     *seconds)
{
  guint64 parsed;

  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT32, &parsed, NULL))
    return FALSE;

  *seconds = (gint64) parsed;
  return TRUE;
}

/**
 * crm_sync_backoff_parse_retry_after:
 * @value: (nullable): a Retry-After header
 * @now: the time, in microseconds since the epoch
 * @delay: (out): the wait it asks for, in microseconds
 *
 * Reads a Retry-After header in either of its forms: a number of seconds,
 * or an HTTP date (a date already past asks for no wait). Waits past an
 * hour are cut to an hour.
 *
 * Returns: %FALSE when @value is missing or is neither form
 */
gboolean
crm_sync_backoff_parse_retry_after (const char *value,
                                    gint64      now,
                                    gint64     *delay)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *trimmed = NULL;
  gint64 seconds;

  g_return_val_if_fail (delay != NULL, FALSE);

  if (value == NULL)
    return FALSE;

  trimmed = g_strstrip (g_strdup (value));
  if (parse_seconds (trimmed, &seconds))
    {
      *delay = MIN (seconds * G_USEC_PER_SEC, RETRY_AFTER_MAX);
      return TRUE;
    }

  date = soup_date_time_new_from_http_string (trimmed);
  if (date == NULL)
    return FALSE;

  *delay = g_date_time_to_unix (date) * G_USEC_PER_SEC - now;
  *delay = CLAMP (*delay, 0, RETRY_AFTER_MAX);
  return TRUE;
}
