/* crm-timeline-row.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-timeline-row"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "crm-customer-format.h"
#include "crm-lifecycle.h"
#include "crm-status.h"

#include "crm-timeline-row.h"

#define BODY_LINES 3

static gboolean
is_set (const char *text)
{
  return text != NULL && text[0] != '\0';
}

/**
 * crm_timeline_row_get_icon_name:
 * @kind: (nullable): an activity's kind
 *
 * Returns: (transfer none): the symbolic icon that marks the kind
 */
const char *
crm_timeline_row_get_icon_name (const char *kind)
{
  if (g_strcmp0 (kind, "call") == 0)
    return "call-outgoing-symbolic";

  if (g_strcmp0 (kind, "email") == 0)
    return "mail-unread-symbolic";

  if (g_strcmp0 (kind, "status") == 0)
    return "emoji-flags-symbolic";

  if (g_strcmp0 (kind, "owner") == 0)
    return "avatar-default-symbolic";

  return "document-edit-symbolic";
}

static void
append_part (GString    *title,
             const char *part)
{
  if (!is_set (part))
    return;

  /* Translators: separates the parts of a timeline entry: "Call · 12 min" */
  g_string_append (title, _(" · "));
  g_string_append (title, part);
}

static void
append_status_title (GString     *title,
                     CrmActivity *activity)
{
  const char *old_status = crm_activity_get_old_status (activity);
  const char *new_status = crm_activity_get_new_status (activity);

  if (is_set (old_status) && is_set (new_status))
    {
      /* Translators: a status change, "New Lead → Working Lead" */
      g_string_append_printf (title, _("%s → %s"),
                              crm_status_get_label (old_status),
                              crm_status_get_label (new_status));
    }
  else if (is_set (new_status))
    {
      g_string_append_printf (title, _("Status set to %s"),
                              crm_status_get_label (new_status));
    }
  else
    {
      g_string_append (title, _("Status changed"));
    }
}

static void
append_owner_title (GString     *title,
                    CrmActivity *activity,
                    const char  *me_email,
                    const char  *me_name)
{
  const char *old_owner = crm_activity_get_old_owner (activity);
  const char *new_owner = crm_activity_get_new_owner (activity);
  g_autofree char *old_name = crm_customer_format_owner (old_owner, me_email, me_name);
  g_autofree char *new_name = crm_customer_format_owner (new_owner, me_email, me_name);

  if (is_set (old_owner))
    {
      /* Translators: a change of owner, "Owner: Sam Ortiz → tina@example.com" */
      g_string_append_printf (title, _("Owner: %s → %s"), old_name, new_name);
    }
  else
    {
      /* Translators: %s is a person's name or email */
      g_string_append_printf (title, _("Owner: %s"), new_name);
    }
}

/**
 * crm_timeline_row_dup_title:
 * @activity: an activity
 * @me_email: (nullable): the email of "me"
 * @me_name: (nullable): the name of "me"
 *
 * Sums an activity up in one line: "Call · 12 min · Connected",
 * "Email · “Proposal”", "New Lead → Working Lead", "Owner: Sam Ortiz".
 *
 * Returns: (transfer full): the title
 */
char *
crm_timeline_row_dup_title (CrmActivity *activity,
                            const char  *me_email,
                            const char  *me_name)
{
  GString *title = g_string_new (NULL);
  const char *kind;

  g_return_val_if_fail (CRM_IS_ACTIVITY (activity), NULL);

  kind = crm_activity_get_kind (activity);

  if (g_strcmp0 (kind, "call") == 0)
    {
      gint64 duration = crm_activity_get_call_duration (activity);
      g_autofree char *length = NULL;

      if (duration >= 0)
        length = crm_customer_format_duration (duration);

      g_string_append (title, _("Call"));
      append_part (title, length);
      append_part (title, crm_activity_get_call_outcome (activity));
    }
  else if (g_strcmp0 (kind, "email") == 0)
    {
      g_autofree char *quoted = NULL;

      if (is_set (crm_activity_get_subject (activity)))
        {
          /* Translators: an email's subject in quotes */
          quoted = g_strdup_printf (_("“%s”"), crm_activity_get_subject (activity));
        }

      g_string_append (title, _("Email"));
      append_part (title, quoted);
    }
  else if (g_strcmp0 (kind, "status") == 0)
    {
      append_status_title (title, activity);
    }
  else if (g_strcmp0 (kind, "owner") == 0)
    {
      append_owner_title (title, activity, me_email, me_name);
    }
  else
    {
      g_string_append (title, _("Note"));
      append_part (title, crm_activity_get_subject (activity));
    }

  return g_string_free (title, FALSE);
}

/* Who and why, for a change of status or owner: the person by name, the
 * rule with its reason or name, or the server. */
static char *
dup_cause (CrmActivity *activity,
           const char  *me_email,
           const char  *me_name)
{
  const char *cause = crm_activity_get_cause (activity);
  const char *author = crm_activity_get_author (activity);
  const char *rule = crm_activity_get_rule_name (activity);
  const char *reason;

  if (g_strcmp0 (cause, "rule") == 0)
    {
      if (g_strcmp0 (crm_activity_get_kind (activity), "owner") == 0 && is_set (rule))
        {
          /* Translators: %s is the name of a routing rule */
          return g_strdup_printf (_("Assigned by the routing rule “%s”"), rule);
        }

      reason = crm_lifecycle_describe_reason (rule);
      if (reason != NULL)
        {
          /* Translators: %s says why, "a call or an email was recorded" */
          return g_strdup_printf (_("Changed by a rule: %s"), reason);
        }

      return g_strdup (_("Changed by a rule"));
    }

  if (g_strcmp0 (cause, "sync") == 0)
    return g_strdup (_("Changed in ChartMogul"));

  if (g_strcmp0 (cause, "person") == 0 && is_set (author))
    {
      g_autofree char *name = crm_customer_format_owner (author, me_email, me_name);

      /* Translators: %s is a person's name or email */
      return g_strdup_printf (_("Changed by hand by %s"), name);
    }

  if (g_strcmp0 (cause, "person") == 0)
    return g_strdup (_("Changed by hand"));

  return NULL;
}

/* A row shows a few lines of a body: paragraphs run together. */
static char *
squeeze_spaces (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }

      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/**
 * crm_timeline_row_dup_subtitle:
 * @activity: an activity
 * @me_email: (nullable): the email of "me"
 * @me_name: (nullable): the name of "me"
 *
 * Gets the text under the title: the body, and for a change of status or
 * owner who made it and why.
 *
 * Returns: (transfer full) (nullable): the subtitle, or %NULL for none
 */
char *
crm_timeline_row_dup_subtitle (CrmActivity *activity,
                               const char  *me_email,
                               const char  *me_name)
{
  g_autofree char *body = NULL;
  g_autofree char *cause = NULL;
  const char *kind;

  g_return_val_if_fail (CRM_IS_ACTIVITY (activity), NULL);

  kind = crm_activity_get_kind (activity);
  if (g_strcmp0 (kind, "status") == 0 || g_strcmp0 (kind, "owner") == 0)
    cause = dup_cause (activity, me_email, me_name);

  body = squeeze_spaces (crm_activity_get_body (activity));

  if (cause != NULL && body[0] != '\0')
    return g_strconcat (cause, "\n", body, NULL);

  if (cause != NULL)
    return g_steal_pointer (&cause);

  if (body[0] != '\0')
    return g_steal_pointer (&body);

  return NULL;
}

static GtkWidget *
create_time_label (CrmActivity *activity,
                   const char  *me_email,
                   const char  *me_name)
{
  GDateTime *occurred_at = crm_activity_get_occurred_at (activity);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *time = NULL;
  g_autofree char *full = NULL;
  g_autofree char *tooltip = NULL;
  const char *author = crm_activity_get_author (activity);
  GtkWidget *label;

  if (occurred_at == NULL)
    return NULL;

  local = g_date_time_to_local (occurred_at);

  /* Translators: the time of day of a timeline entry; see g_date_time_format() */
  time = g_date_time_format (local, _("%H:%M"));
  full = crm_customer_format_timestamp (occurred_at);

  if (is_set (author))
    {
      g_autofree char *name = crm_customer_format_owner (author, me_email, me_name);

      /* Translators: a tooltip; the first %s is a date, the second a person */
      tooltip = g_strdup_printf (_("%s by %s"), full, name);
    }

  label = gtk_label_new (time);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (label, tooltip != NULL ? tooltip : full);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "numeric");

  return label;
}

/**
 * crm_timeline_row_new:
 * @activity: an activity
 * @me_email: (nullable): the email of "me"
 * @me_name: (nullable): the name of "me"
 *
 * Creates the row that shows one timeline entry.
 *
 * Returns: (transfer floating): a #GtkListBoxRow
 */
GtkWidget *
crm_timeline_row_new (CrmActivity *activity,
                      const char  *me_email,
                      const char  *me_name)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row;
  GtkWidget *icon;
  GtkWidget *time;

  g_return_val_if_fail (CRM_IS_ACTIVITY (activity), NULL);

  title = crm_timeline_row_dup_title (activity, me_email, me_name);
  subtitle = crm_timeline_row_dup_subtitle (activity, me_email, me_name);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), BODY_LINES);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  icon = gtk_image_new_from_icon_name (
    crm_timeline_row_get_icon_name (crm_activity_get_kind (activity)));
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  time = create_time_label (activity, me_email, me_name);
  if (time != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), time);

  return row;
}
