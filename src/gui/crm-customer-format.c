/* crm-customer-format.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-customer-format"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-date.h"

#include "crm-customer-format.h"

#define DAYS_SHOWN_AS_WEEKDAY 6

/**
 * crm_customer_format_humanize_key:
 * @key: an attribute key such as `last_login_at` or `companySize`
 *
 * Turns a key into a label: words split at `_`, `-` and camelCase humps,
 * the first letter capitalised. Runs of capitals (`MRR`) are kept.
 *
 * Returns: (transfer full): the label
 */
char *
crm_customer_format_humanize_key (const char *key)
{
  GString *out;
  gunichar prev = 0;

  g_return_val_if_fail (key != NULL, NULL);

  out = g_string_new (NULL);

  for (const char *p = key; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '_' || c == '-' || g_unichar_isspace (c))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          prev = ' ';
          continue;
        }

      if (g_unichar_isupper (c) && g_unichar_islower (prev))
        {
          gunichar next = g_utf8_get_char (g_utf8_next_char (p));

          g_string_append_c (out, ' ');
          if (!g_unichar_isupper (next))
            c = g_unichar_tolower (c);
        }

      if (out->len == 0)
        c = g_unichar_totitle (c);

      g_string_append_unichar (out, c);
      prev = c;
    }

  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

static GDateTime *
date_to_datetime (const GDate *date)
{
  return g_date_time_new_utc (g_date_get_year (date),
                              g_date_get_month (date),
                              g_date_get_day (date),
                              12, 0, 0);
}

/**
 * crm_customer_format_date:
 * @date: a valid date
 *
 * Formats a date-only value for reading, never shifted by a time zone.
 *
 * Returns: (transfer full): the date, as "10 July 2025"
 */
char *
crm_customer_format_date (const GDate *date)
{
  g_autoptr(GDateTime) noon = NULL;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  noon = date_to_datetime (date);

  /* Translators: a date; see g_date_time_format() for the codes */
  return g_date_time_format (noon, _("%-d %B %Y"));
}

/**
 * crm_customer_format_timestamp:
 * @datetime: an instant
 *
 * Formats an instant in the local time zone.
 *
 * Returns: (transfer full): the time, as "10 July 2025, 14:05"
 */
char *
crm_customer_format_timestamp (GDateTime *datetime)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (datetime != NULL, NULL);

  local = g_date_time_to_local (datetime);

  /* Translators: a date and time; see g_date_time_format() for the codes */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M"));
}

static char *
format_string_value (const char *text)
{
  g_autoptr(GDate) date = NULL;
  g_autoptr(GDateTime) datetime = NULL;

  /* Custom attributes of type Date and Timestamp arrive as strings. */
  if (strlen (text) == 10 && (date = crm_date_parse (text)) != NULL)
    return crm_customer_format_date (date);

  if (strchr (text, 'T') != NULL && g_ascii_isdigit (text[0]) &&
      (datetime = crm_timestamp_parse (text)) != NULL)
    return crm_customer_format_timestamp (datetime);

  return g_strdup (text);
}

static char *
format_double_value (double value)
{
  if (value == (double) (gint64) value)
    return g_strdup_printf ("%'" G_GINT64_FORMAT, (gint64) value);

  return g_strdup_printf ("%'.15g", value);
}

static char *
format_array_value (JsonArray *array)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *part = NULL;

      part = crm_customer_format_json_value (json_array_get_element (array, i));
      g_strv_builder_add (builder, part);
    }

  parts = g_strv_builder_end (builder);

  return g_strjoinv (", ", parts);
}

/**
 * crm_customer_format_json_value:
 * @node: a JSON value
 *
 * Formats a custom attribute's value by its type: yes or no, numbers with
 * the locale's grouping, dates and timestamps as dates, lists joined.
 *
 * Returns: (transfer full): the text
 */
char *
crm_customer_format_json_value (JsonNode *node)
{
  GType type;

  g_return_val_if_fail (node != NULL, NULL);

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      return g_strdup ("—");

    case JSON_NODE_ARRAY:
      return format_array_value (json_node_get_array (node));

    case JSON_NODE_OBJECT:
      return json_to_string (node, FALSE);

    case JSON_NODE_VALUE:
    default:
      break;
    }

  type = json_node_get_value_type (node);

  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));

  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%'" G_GINT64_FORMAT, json_node_get_int (node));

  if (type == G_TYPE_DOUBLE)
    return format_double_value (json_node_get_double (node));

  return format_string_value (json_node_get_string (node));
}

static gboolean
is_empty_node (JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_object_get_size (json_node_get_object (node)) == 0;

  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node)) == 0;

  return JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING &&
         json_node_get_string (node)[0] == '\0';
}

static void
add_attributes (GPtrArray  *out,
                JsonObject *object,
                gboolean    top_level)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *node = json_object_get_member (object, key);

      /* The server nests custom attributes under "custom" and keeps tags
       * beside them; tags have their own row. */
      if (top_level && g_str_equal (key, "tags"))
        continue;

      if (top_level && g_str_equal (key, "custom") && JSON_NODE_HOLDS_OBJECT (node))
        {
          add_attributes (out, json_node_get_object (node), FALSE);
          continue;
        }

      if (is_empty_node (node))
        continue;

      g_ptr_array_add (out, crm_customer_format_humanize_key (key));
      g_ptr_array_add (out, crm_customer_format_json_value (node));
    }
}

/**
 * crm_customer_format_attributes:
 * @attributes: a customer's attributes
 *
 * Lists the custom attributes worth a row: empty ones are left out, those
 * nested under `custom` are lifted up, and `tags` is skipped.
 *
 * Returns: (transfer container) (element-type utf8): labels and values,
 *   alternating
 */
GPtrArray *
crm_customer_format_attributes (JsonObject *attributes)
{
  GPtrArray *out;

  g_return_val_if_fail (attributes != NULL, NULL);

  out = g_ptr_array_new_with_free_func (g_free);
  add_attributes (out, attributes, TRUE);

  return out;
}

static int
days_between (GDateTime *from,
              GDateTime *to)
{
  g_autoptr(GDateTime) from_local = g_date_time_to_local (from);
  g_autoptr(GDateTime) to_local = g_date_time_to_local (to);
  GDate a, b;
  int y, m, d;

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);

  g_date_time_get_ymd (from_local, &y, &m, &d);
  g_date_set_dmy (&a, d, m, y);
  g_date_time_get_ymd (to_local, &y, &m, &d);
  g_date_set_dmy (&b, d, m, y);

  return g_date_days_between (&a, &b);
}

/**
 * crm_customer_format_day:
 * @when: an instant
 * @now: the current time
 *
 * Names the local day of @when for a timeline header: "Today",
 * "Yesterday", a weekday within the last week, else the date.
 *
 * Returns: (transfer full): the header
 */
char *
crm_customer_format_day (GDateTime *when,
                         GDateTime *now)
{
  g_autoptr(GDateTime) local = NULL;
  int days_ago;

  g_return_val_if_fail (when != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  days_ago = days_between (when, now);
  local = g_date_time_to_local (when);

  if (days_ago == 0)
    return g_strdup (_("Today"));

  if (days_ago == 1)
    return g_strdup (_("Yesterday"));

  if (days_ago > 1 && days_ago <= DAYS_SHOWN_AS_WEEKDAY)
    return g_date_time_format (local, "%A");

  if (g_date_time_get_year (local) == g_date_time_get_year (now))
    {
      /* Translators: a date in the current year; see g_date_time_format() */
      return g_date_time_format (local, _("%-d %B"));
    }

  return g_date_time_format (local, _("%-d %B %Y"));
}

/**
 * crm_customer_format_due:
 * @due: (nullable): a due date
 * @today: today's local date
 *
 * Says when an open task is due, relative to today.
 *
 * Returns: (transfer full): the text
 */
char *
crm_customer_format_due (const GDate *due,
                         const GDate *today)
{
  g_autofree char *date = NULL;
  int days;

  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  if (due == NULL || !g_date_valid (due))
    return g_strdup (_("No due date"));

  days = g_date_days_between (today, due);

  if (days < 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Overdue by %d day",
                                         "Overdue by %d days", -days),
                            -days);
  if (days == 0)
    return g_strdup (_("Due today"));

  if (days == 1)
    return g_strdup (_("Due tomorrow"));

  date = crm_customer_format_date (due);

  /* Translators: %s is a date */
  return g_strdup_printf (_("Due %s"), date);
}

/**
 * crm_customer_format_duration:
 * @seconds: a call's length
 *
 * Formats the length of a call, rounded to the minute past one minute.
 *
 * Returns: (transfer full): the text, as "45 s", "12 min" or "1 h 5 min"
 */
char *
crm_customer_format_duration (gint64 seconds)
{
  gint64 minutes;

  g_return_val_if_fail (seconds >= 0, NULL);

  if (seconds < 60)
    return g_strdup_printf (_("%d s"), (int) seconds);

  minutes = (seconds + 30) / 60;
  if (minutes < 60)
    return g_strdup_printf (_("%d min"), (int) minutes);

  if (minutes % 60 == 0)
    return g_strdup_printf (_("%d h"), (int) (minutes / 60));

  return g_strdup_printf (_("%d h %d min"), (int) (minutes / 60), (int) (minutes % 60));
}

/**
 * crm_customer_format_owner:
 * @owner: (nullable): the owner's email
 * @me_email: (nullable): the email of "me"
 * @me_name: (nullable): the name of "me"
 *
 * Names an owner: "me" by my name where I set one, anyone else by email.
 *
 * Returns: (transfer full): the name
 */
char *
crm_customer_format_owner (const char *owner,
                           const char *me_email,
                           const char *me_name)
{
  if (owner == NULL || owner[0] == '\0')
    return g_strdup (_("Nobody"));

  if (me_email != NULL && me_name != NULL && me_name[0] != '\0' &&
      g_ascii_strcasecmp (owner, me_email) == 0)
    return g_strdup (me_name);

  return g_strdup (owner);
}

static gboolean
is_set (const char *text)
{
  return text != NULL && text[0] != '\0';
}

static void
join_if_set (GString    *line,
             const char *separator,
             const char *text)
{
  if (!is_set (text))
    return;

  if (line->len > 0)
    g_string_append (line, separator);
  g_string_append (line, text);
}

/**
 * crm_customer_format_address:
 * @street: (nullable): the street
 * @city: (nullable): the city
 * @zip: (nullable): the postal code
 * @state: (nullable): the state or region
 * @country: (nullable): the ISO 3166 country code
 *
 * Formats a postal address over lines, leaving out what is not known.
 *
 * Returns: (transfer full) (nullable): the address, or %NULL if nothing
 *   is known
 */
char *
crm_customer_format_address (const char *street,
                             const char *city,
                             const char *zip,
                             const char *state,
                             const char *country)
{
  g_autoptr(GString) place = g_string_new (NULL);
  g_autoptr(GString) region = g_string_new (NULL);
  GString *out = g_string_new (NULL);

  join_if_set (place, " ", zip);
  join_if_set (place, " ", city);
  join_if_set (region, ", ", state);
  join_if_set (region, ", ", country);

  join_if_set (out, "\n", street);
  join_if_set (out, "\n", place->str);
  join_if_set (out, "\n", region->str);

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

static gboolean
has_web_scheme (const char *text)
{
  return g_ascii_strncasecmp (text, "https://", 8) == 0 ||
         g_ascii_strncasecmp (text, "http://", 7) == 0;
}

static char *
check_uri (char *uri)
{
  if (!g_uri_is_valid (uri, G_URI_FLAGS_PARSE_RELAXED, NULL))
    {
      g_free (uri);
      return NULL;
    }

  return uri;
}

/**
 * crm_customer_format_web_uri:
 * @website: (nullable): a website as typed ("orchard.example")
 *
 * Makes a link to open from a website field, adding `https://` when the
 * field has no scheme.
 *
 * Returns: (transfer full) (nullable): the URI, or %NULL if there is none
 */
char *
crm_customer_format_web_uri (const char *website)
{
  g_autofree char *text = NULL;

  if (!is_set (website))
    return NULL;

  text = g_strstrip (g_strdup (website));
  if (text[0] == '\0' || strpbrk (text, " \t\n") != NULL)
    return NULL;

  if (has_web_scheme (text))
    return check_uri (g_steal_pointer (&text));

  return check_uri (g_strconcat ("https://", text, NULL));
}

/**
 * crm_customer_format_linkedin_uri:
 * @linkedin: (nullable): a LinkedIn field: a URL, `linkedin.com/…`, or a
 *   path such as `/company/orchard`
 *
 * Makes a link to a LinkedIn page.
 *
 * Returns: (transfer full) (nullable): the URI, or %NULL if there is none
 */
char *
crm_customer_format_linkedin_uri (const char *linkedin)
{
  g_autofree char *text = NULL;

  if (!is_set (linkedin))
    return NULL;

  text = g_strstrip (g_strdup (linkedin));
  if (text[0] == '\0' || strpbrk (text, " \t\n") != NULL)
    return NULL;

  if (has_web_scheme (text))
    return check_uri (g_steal_pointer (&text));

  if (g_ascii_strncasecmp (text, "linkedin.com", 12) == 0 ||
      g_ascii_strncasecmp (text, "www.linkedin.com", 16) == 0)
    return check_uri (g_strconcat ("https://", text, NULL));

  return check_uri (g_strconcat ("https://www.linkedin.com",
                                 text[0] == '/' ? "" : "/",
                                 text, NULL));
}

/**
 * crm_customer_format_delete_body:
 * @n_contacts: the customer's contacts
 * @n_tasks: the customer's tasks
 * @n_opportunities: the customer's opportunities
 * @n_activities: the customer's notes, calls, emails and status changes
 *
 * Says what goes with a customer when it is deleted.
 *
 * Returns: (transfer full): the sentence
 */
char *
crm_customer_format_delete_body (guint n_contacts,
                                 guint n_tasks,
                                 guint n_opportunities,
                                 guint n_activities)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) list = g_string_new (NULL);

  /* Each count is its own message, so that xgettext finds it. */
  if (n_contacts > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u contact", "%u contacts",
                                                       n_contacts), n_contacts));
  if (n_tasks > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u task", "%u tasks", n_tasks),
                                             n_tasks));
  if (n_opportunities > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u opportunity", "%u opportunities",
                                                       n_opportunities), n_opportunities));
  if (n_activities > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u activity", "%u activities",
                                                       n_activities), n_activities));

  if (parts->len == 0)
    return g_strdup (_("Nothing else is stored for this customer."));

  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0)
        {
          /* Translators: the separators of a list: "a, b and c" */
          g_string_append (list, i + 1 == parts->len ? _(" and ") : _(", "));
        }
      g_string_append (list, g_ptr_array_index (parts, i));
    }

  /* Translators: %s is a list such as "2 contacts, 3 tasks and 1 opportunity" */
  return g_strdup_printf (_("This also deletes %s."), list->str);
}

/**
 * crm_customer_email_is_valid:
 * @email: (nullable): an email address
 *
 * Checks the shape of an address: one `@`, something before it, a domain
 * with a dot after it, and no spaces. It does not check that it exists.
 *
 * Returns: %TRUE if @email looks like an address
 */
gboolean
crm_customer_email_is_valid (const char *email)
{
  const char *at;
  const char *domain;
  const char *dot;

  if (!is_set (email) || strpbrk (email, " \t\r\n,;<>") != NULL)
    return FALSE;

  at = strchr (email, '@');
  if (at == NULL || at == email || strchr (at + 1, '@') != NULL)
    return FALSE;

  domain = at + 1;
  dot = strrchr (domain, '.');

  return dot != NULL && dot != domain && dot[1] != '\0' &&
         domain[0] != '.' && strstr (domain, "..") == NULL;
}

/**
 * crm_customer_format_subscription_span:
 * @started_on: the first day billed
 * @ended_on: (nullable): the first day no longer billed, if it ended
 * @today: today
 *
 * Says when a subscription runs, from @today's point of view.
 *
 * Returns: (transfer full): "Since 1 June 2025", "Starts 2 July 2025",
 *   "Ends 1 August 2025" or "Ended 1 July 2025"
 */
char *
crm_customer_format_subscription_span (const GDate *started_on,
                                       const GDate *ended_on,
                                       const GDate *today)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  g_return_val_if_fail (started_on != NULL && g_date_valid (started_on), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  start = crm_customer_format_date (started_on);
  if (g_date_compare (started_on, today) > 0)
    {
      /* Translators: %s is a date; a subscription that bills from then */
      return g_strdup_printf (_("Starts %s"), start);
    }

  if (ended_on == NULL || !g_date_valid (ended_on))
    {
      /* Translators: %s is a date; a subscription billed since then */
      return g_strdup_printf (_("Since %s"), start);
    }

  end = crm_customer_format_date (ended_on);
  if (g_date_compare (ended_on, today) > 0)
    {
      /* Translators: %s is a date; the first day no longer billed */
      return g_strdup_printf (_("Ends %s"), end);
    }

  /* Translators: %s is a date; the first day no longer billed */
  return g_strdup_printf (_("Ended %s"), end);
}
