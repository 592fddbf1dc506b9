/* crm-date.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-date"

#include "config.h"

#include <string.h>

#include "crm-date.h"

/*
 * Timestamps are instants, kept in UTC as 'YYYY-MM-DDTHH:MM:SS.sssZ'.
 * Dates (a due date, a close date) have no time and no zone: they are read
 * and written as the 'YYYY-MM-DD' digits and never converted, so a date
 * looks the same in every time zone.
 */

#define DATE_LEN 10

/**
 * crm_timestamp_now:
 *
 * Gets the current time as a stored timestamp.
 *
 * Returns: (transfer full): the time as `YYYY-MM-DDTHH:MM:SS.sssZ`, in UTC
 */
char *
crm_timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return crm_timestamp_format (now);
}

/**
 * crm_timestamp_format:
 * @datetime: a time, in any zone
 *
 * Formats a time as stored: in UTC, to the millisecond.
 *
 * Returns: (transfer full): the time as `YYYY-MM-DDTHH:MM:SS.sssZ`
 */
char *
crm_timestamp_format (GDateTime *datetime)
{
  g_autoptr(GDateTime) utc = NULL;
  int year, month, day;

  g_return_val_if_fail (datetime != NULL, NULL);

  utc = g_date_time_to_utc (datetime);
  g_date_time_get_ymd (utc, &year, &month, &day);

  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                          year, month, day,
                          g_date_time_get_hour (utc),
                          g_date_time_get_minute (utc),
                          g_date_time_get_second (utc),
                          g_date_time_get_microsecond (utc) / 1000);
}

static gboolean
parse_date_digits (const char *text,
                   int        *year,
                   int        *month,
                   int        *day)
{
  for (guint i = 0; i < DATE_LEN; i++)
    {
      gboolean dash = (i == 4 || i == 7);

      if (dash ? text[i] != '-' : !g_ascii_isdigit (text[i]))
        return FALSE;
    }

  *year = g_ascii_digit_value (text[0]) * 1000 + g_ascii_digit_value (text[1]) * 100 +
          g_ascii_digit_value (text[2]) * 10 + g_ascii_digit_value (text[3]);
  *month = g_ascii_digit_value (text[5]) * 10 + g_ascii_digit_value (text[6]);
  *day = g_ascii_digit_value (text[8]) * 10 + g_ascii_digit_value (text[9]);

  return g_date_valid_dmy (*day, *month, *year);
}

/**
 * crm_timestamp_parse:
 * @text: a timestamp
 *
 * Parses a timestamp as stored or as the server sends it: ISO 8601 with or
 * without a fraction, with `Z` or an offset (none means UTC), or a bare
 * `YYYY-MM-DD`, read as midnight UTC.
 *
 * Returns: (transfer full) (nullable): the time in UTC, or %NULL if @text
 *   is not a timestamp
 */
GDateTime *
crm_timestamp_parse (const char *text)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) parsed = NULL;
  int year, month, day;

  g_return_val_if_fail (text != NULL, NULL);

  if (strlen (text) == DATE_LEN)
    {
      if (!parse_date_digits (text, &year, &month, &day))
        return NULL;

      return g_date_time_new_utc (year, month, day, 0, 0, 0);
    }

  utc = g_time_zone_new_utc ();
  parsed = g_date_time_new_from_iso8601 (text, utc);
  if (parsed == NULL)
    return NULL;

  return g_date_time_to_utc (parsed);
}

/**
 * crm_date_parse:
 * @text: a date as `YYYY-MM-DD`
 *
 * Parses a date strictly: four, two and two digits, a real calendar day.
 * A timestamp is accepted too, as the server sometimes sends one for a
 * date: its `YYYY-MM-DD` prefix is the date as written, never shifted by
 * its zone or the local one.
 *
 * Returns: (transfer full) (nullable): the date, to free with
 *   g_date_free(), or %NULL if @text is not a date
 */
GDate *
crm_date_parse (const char *text)
{
  g_autoptr(GDateTime) check = NULL;
  int year, month, day;

  g_return_val_if_fail (text != NULL, NULL);

  if (strlen (text) < DATE_LEN || !parse_date_digits (text, &year, &month, &day))
    return NULL;

  if (text[DATE_LEN] != '\0')
    {
      gboolean separator = text[DATE_LEN] == 'T' || text[DATE_LEN] == ' ';

      if (!separator || (check = crm_timestamp_parse (text)) == NULL)
        return NULL;
    }

  return g_date_new_dmy (day, month, year);
}

/**
 * crm_date_format:
 * @date: a valid date
 *
 * Formats a date as stored and as the server expects it.
 *
 * Returns: (transfer full): the date as `YYYY-MM-DD`
 */
char *
crm_date_format (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

/**
 * crm_date_today_local:
 *
 * Gets today's date in the local time zone: the day a rep calls today.
 *
 * Returns: (transfer full): the date, to free with g_date_free()
 */
GDate *
crm_date_today_local (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year, month, day;

  g_date_time_get_ymd (now, &year, &month, &day);

  return g_date_new_dmy (day, month, year);
}
