/* crm-customer-rows.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-customer-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-customer-format.h"
#include "crm-customer-page-private.h"

/* The rows of the customer page's right column: details, contacts,
 * opportunities and tasks. */

#define VALUE_WIDTH_CHARS 22

static gboolean
is_set (const char *text)
{
  return text != NULL && text[0] != '\0';
}

static void
join_part (GString    *text,
           const char *part)
{
  if (!is_set (part))
    return;

  if (text->len > 0)
    {
      /* Translators: separates facts in a row's subtitle: "CTO · Vienna" */
      g_string_append (text, _(" · "));
    }
  g_string_append (text, part);
}

static GtkWidget *
create_row (const char *title,
            const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Titles come from the book, not from us: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  if (is_set (subtitle))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

static GtkWidget *
create_value_label (const char *value)
{
  GtkWidget *label = gtk_label_new (value);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);

  /* An action row gives its suffixes their minimum width only: a value
   * asks for its whole width, up to where it starts to wrap. */
  gtk_label_set_width_chars (GTK_LABEL (label),
                             MIN ((int) g_utf8_strlen (value, -1), VALUE_WIDTH_CHARS));
  gtk_label_set_max_width_chars (GTK_LABEL (label), VALUE_WIDTH_CHARS);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_add_css_class (label, "dim-label");

  return label;
}

static GtkWidget *
add_detail (CrmCustomerPage *self,
            const char      *key,
            const char      *value)
{
  GtkWidget *row = create_row (key, NULL);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_value_label (value));
  gtk_list_box_append (self->details_list, row);

  return row;
}

/* A row that hands a link to another app; the action says what happens
 * when none can take it. */
static void
add_link_detail (CrmCustomerPage *self,
                 const char      *key,
                 const char      *value,
                 const char      *uri,
                 const char      *action_name,
                 GVariant        *action_target)
{
  GtkWidget *row = add_detail (self, key, value);
  GtkWidget *icon = gtk_image_new_from_icon_name ("adw-external-link-symbolic");

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  if (action_target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), action_target);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), action_name);
  gtk_widget_set_tooltip_text (row, uri);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
}

static char *
dup_link_label (const char *text)
{
  const char *start = text;
  char *label;
  gsize len;

  if (g_ascii_strncasecmp (start, "https://", 8) == 0)
    start += 8;
  else if (g_ascii_strncasecmp (start, "http://", 7) == 0)
    start += 7;

  label = g_strdup (start);
  len = strlen (label);
  if (len > 1 && label[len - 1] == '/')
    label[len - 1] = '\0';

  return label;
}

static char *
format_instant_as_date (GDateTime *instant)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (instant);
  g_autoptr(GDate) date = NULL;
  int year, month, day;

  g_date_time_get_ymd (local, &year, &month, &day);
  date = g_date_new_dmy (day, month, year);

  return crm_customer_format_date (date);
}

static void
add_date_detail (CrmCustomerPage *self,
                 const char      *key,
                 GDateTime       *instant)
{
  g_autofree char *text = NULL;

  if (instant == NULL)
    return;

  text = format_instant_as_date (instant);
  add_detail (self, key, text);
}

static void
add_contact_details (CrmCustomerPage *self)
{
  CrmCustomer *customer = self->customer;
  const char *email = crm_customer_get_email (customer);
  g_autofree char *website_uri = NULL;
  g_autofree char *linkedin_uri = NULL;
  g_autofree char *address = NULL;

  if (is_set (email))
    {
      g_autofree char *mailto = g_strconcat ("mailto:", email, NULL);

      add_link_detail (self, _("Email"), email, mailto,
                       "customer.open-uri", g_variant_new_string (mailto));
    }

  website_uri = crm_customer_format_web_uri (crm_customer_get_website (customer));
  if (website_uri != NULL)
    {
      g_autofree char *label = dup_link_label (crm_customer_get_website (customer));

      add_link_detail (self, _("Website"), label, website_uri,
                       "customer.open-website", NULL);
    }

  linkedin_uri = crm_customer_format_linkedin_uri (crm_customer_get_linkedin (customer));
  if (linkedin_uri != NULL)
    {
      g_autofree char *label = dup_link_label (crm_customer_get_linkedin (customer));

      add_link_detail (self, _("LinkedIn"), label, linkedin_uri,
                       "customer.open-linkedin", NULL);
    }

  address = crm_customer_format_address (crm_customer_get_street (customer),
                                         crm_customer_get_city (customer),
                                         crm_customer_get_zip (customer),
                                         crm_customer_get_state (customer),
                                         crm_customer_get_country (customer));
  if (address != NULL)
    add_detail (self, _("Address"), address);
}

static void
add_lifecycle_details (CrmCustomerPage *self)
{
  CrmCustomer *customer = self->customer;
  const char *since = crm_customer_get_customer_since (customer);

  add_date_detail (self, _("Lead created"), crm_customer_get_lead_created_at (customer));
  add_date_detail (self, _("Free trial started"),
                   crm_customer_get_free_trial_started_at (customer));

  if (is_set (since))
    {
      g_autoptr(GDateTime) instant = crm_timestamp_parse (since);

      add_date_detail (self, _("Customer since"), instant);
    }
}

static void
add_attribute_details (CrmCustomerPage *self)
{
  g_autoptr(GPtrArray) pairs = NULL;

  pairs = crm_customer_format_attributes (crm_customer_get_attributes (self->customer));

  for (guint i = 0; i + 1 < pairs->len; i += 2)
    add_detail (self, g_ptr_array_index (pairs, i), g_ptr_array_index (pairs, i + 1));
}

static GtkWidget *
create_tag_pill (const char *tag)
{
  GtkWidget *pill = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (tag);

  gtk_widget_set_margin_start (label, 9);
  gtk_widget_set_margin_end (label, 9);
  gtk_widget_set_margin_top (label, 3);
  gtk_widget_set_margin_bottom (label, 3);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_box_append (GTK_BOX (pill), label);
  gtk_widget_set_halign (pill, GTK_ALIGN_START);
  gtk_widget_add_css_class (pill, "card");

  return pill;
}

/* Pills need the row's full width to wrap, which an action row's suffix
 * does not give: the row is made by hand, laid out like the others. */
static void
add_tags_detail (CrmCustomerPage *self)
{
  const char * const *tags = crm_customer_get_tags (self->customer);
  g_autofree char *description = NULL;
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *title;
  GtkWidget *flow;

  if (tags == NULL || tags[0] == NULL)
    return;

  title = gtk_label_new (_("Tags"));
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_widget_set_valign (title, GTK_ALIGN_CENTER);

  flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 12);
  gtk_widget_set_hexpand (flow, TRUE);
  gtk_widget_set_valign (flow, GTK_ALIGN_CENTER);
  gtk_widget_set_can_target (flow, FALSE);

  for (guint i = 0; tags[i] != NULL; i++)
    {
      gtk_flow_box_append (GTK_FLOW_BOX (flow), create_tag_pill (tags[i]));
      gtk_widget_set_focusable (gtk_widget_get_last_child (flow), FALSE);
    }

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), flow);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  description = g_strjoinv (", ", (char **) tags);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Tags"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_list_box_append (self->details_list, row);
}

/**
 * _crm_customer_page_fill_details:
 * @self: a #CrmCustomerPage showing a customer
 *
 * Makes the rows of the Details group again from the customer.
 */
void
_crm_customer_page_fill_details (CrmCustomerPage *self)
{
  GtkWidget *child;

  g_assert (CRM_IS_CUSTOMER_PAGE (self));
  g_assert (CRM_IS_CUSTOMER (self->customer));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->details_list))) != NULL)
    {
      /* The placeholder is a child too; it stays. */
      if (!GTK_IS_LIST_BOX_ROW (child))
        break;
      gtk_list_box_remove (self->details_list, child);
    }

  add_contact_details (self);
  add_lifecycle_details (self);
  add_attribute_details (self);
  add_tags_detail (self);
}

/* The query model updates its records in place when the store changes
 * them, without items-changed: each row keeps its record and redraws
 * itself on notify. */
static void
follow_record (GtkWidget *row,
               gpointer   record,
               GCallback  update)
{
  g_object_set_data_full (G_OBJECT (row), "crm-record", g_object_ref (record), g_object_unref);
  g_signal_connect_object (record, "notify", update, row, G_CONNECT_SWAPPED);
}

static gpointer
get_record (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "crm-record");
}

static GtkWidget *
add_handoff_button (GtkWidget  *row,
                    const char *key,
                    const char *icon_name)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_object_set_data (G_OBJECT (row), key, button);

  return button;
}

static void
update_handoff_button (GtkWidget  *row,
                       const char *key,
                       const char *uri,
                       const char *tooltip)
{
  GtkWidget *button = g_object_get_data (G_OBJECT (row), key);

  gtk_widget_set_visible (button, uri != NULL);
  if (uri == NULL)
    return;

  /* The target first: an action with a parameter refuses a NULL target. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (uri));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "customer.open-uri");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
}

static void
set_row_text (GtkWidget  *row,
              const char *title,
              const char *subtitle)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : "");
}

/* tel: URIs take no spaces; dashes are their visual separators. */
static char *
dup_tel_uri (const char *phone)
{
  GString *uri = g_string_new ("tel:");

  for (const char *p = phone; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p) || *p == '+' || *p == '*' || *p == '#')
        g_string_append_c (uri, *p);
      else if (*p == ' ' || *p == '-' || *p == '.' || *p == '/')
        g_string_append_c (uri, '-');
    }

  return g_string_free (uri, FALSE);
}

static char *
dup_contact_subtitle (CrmContact *contact)
{
  const char *title = crm_contact_get_title (contact);
  g_autoptr(GString) reach = g_string_new (NULL);

  join_part (reach, crm_contact_get_email (contact));
  join_part (reach, crm_contact_get_phone (contact));

  if (is_set (title) && reach->len > 0)
    return g_strconcat (title, "\n", reach->str, NULL);

  if (is_set (title))
    return g_strdup (title);

  return g_string_free (g_steal_pointer (&reach), FALSE);
}

static void
update_contact_row (GtkWidget *row)
{
  CrmContact *contact = get_record (row);
  const char *email = crm_contact_get_email (contact);
  const char *phone = crm_contact_get_phone (contact);
  g_autofree char *name = crm_contact_dup_full_name (contact);
  g_autofree char *subtitle = dup_contact_subtitle (contact);
  g_autofree char *mailto = NULL;
  g_autofree char *mail_tooltip = NULL;
  g_autofree char *tel = NULL;
  g_autofree char *call_tooltip = NULL;

  set_row_text (row, is_set (name) ? name : _("Unnamed Contact"), subtitle);

  if (is_set (email))
    {
      mailto = g_strconcat ("mailto:", email, NULL);
      mail_tooltip = g_strdup_printf (_("Email %s"), email);
    }

  if (is_set (phone))
    {
      tel = dup_tel_uri (phone);
      call_tooltip = g_strdup_printf (_("Call %s"), phone);
    }

  update_handoff_button (row, "crm-email-button", mailto, mail_tooltip);
  update_handoff_button (row, "crm-call-button", tel, call_tooltip);
}

GtkWidget *
_crm_customer_page_create_contact_row (gpointer item,
                                       gpointer user_data)
{
  GtkWidget *row = create_row (NULL, NULL);

  add_handoff_button (row, "crm-email-button", "mail-unread-symbolic");
  add_handoff_button (row, "crm-call-button", "call-start-symbolic");
  follow_record (row, item, G_CALLBACK (update_contact_row));
  update_contact_row (row);

  return row;
}

static char *
dup_opportunity_subtitle (CrmOpportunity *opportunity)
{
  const GDate *close_on = crm_opportunity_get_close_on (opportunity);
  g_autoptr(GString) subtitle = g_string_new (NULL);

  join_part (subtitle, crm_opportunity_get_stage (opportunity));
  join_part (subtitle, crm_opportunity_get_lost_reason (opportunity));

  if (close_on != NULL && g_date_valid (close_on))
    {
      g_autofree char *date = crm_customer_format_date (close_on);
      g_autofree char *closes = NULL;

      /* Translators: %s is a date */
      closes = g_strdup_printf (_("closes %s"), date);
      join_part (subtitle, closes);
    }

  return g_string_free (g_steal_pointer (&subtitle), FALSE);
}

static void
update_opportunity_row (GtkWidget *row)
{
  CrmOpportunity *opportunity = get_record (row);
  GtkLabel *amount_label = g_object_get_data (G_OBJECT (row), "crm-amount");
  const char *name = crm_opportunity_get_name (opportunity);
  g_autofree char *subtitle = dup_opportunity_subtitle (opportunity);
  g_autofree char *amount = NULL;

  set_row_text (row, is_set (name) ? name : _("Untitled Opportunity"), subtitle);

  amount = crm_money_format (crm_opportunity_get_amount_minor (opportunity),
                             crm_opportunity_get_currency (opportunity));
  gtk_label_set_label (amount_label, amount);
}

GtkWidget *
_crm_customer_page_create_opportunity_row (gpointer item,
                                           gpointer user_data)
{
  GtkWidget *row = create_row (NULL, NULL);
  GtkWidget *amount = gtk_label_new (NULL);

  gtk_widget_add_css_class (amount, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount);
  g_object_set_data (G_OBJECT (row), "crm-amount", amount);

  /* Activating the row opens the opportunity in its editor. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row),
                                          g_variant_new_int64 (crm_record_get_id (item)));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "customer.edit-opportunity");
  follow_record (row, item, G_CALLBACK (update_opportunity_row));
  update_opportunity_row (row);

  return row;
}

typedef struct
{
  CrmCustomerPage *page;
  gboolean         done;
} TaskChange;

static void
task_change_free (TaskChange *change)
{
  g_clear_object (&change->page);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaskChange, task_change_free)

static void
on_task_updated_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TaskChange) change = user_data;
  g_autoptr(GError) error = NULL;
  gint64 undo_group = 0;

  if (!crm_store_mutation_finish (CRM_STORE (object), result, &undo_group, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _crm_customer_page_show_error (change->page, _("Could not change the task"), error);
      return;
    }

  _crm_customer_page_show_undo_toast (change->page,
                                      change->done
                                      ? _("Task marked as done")
                                      : _("Task marked as not done"),
                                      undo_group);
}

static void
on_task_check_toggled_cb (GtkCheckButton  *check,
                          CrmCustomerPage *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (check), GTK_TYPE_LIST_BOX_ROW);
  CrmTask *task = get_record (row);
  g_autoptr(GVariantDict) fields = g_variant_dict_new (NULL);
  g_autofree char *now = NULL;
  TaskChange *change;

  change = g_new0 (TaskChange, 1);
  change->page = g_object_ref (self);
  change->done = gtk_check_button_get_active (check);

  if (change->done)
    now = crm_timestamp_now ();

  g_variant_dict_insert (fields, "completed_at", "ms", now);

  crm_store_update_async (self->store, CRM_ENTITY_TASK,
                          crm_record_get_id (CRM_RECORD (task)),
                          g_variant_dict_end (fields), CRM_ORIGIN_PERSON,
                          self->cancellable, on_task_updated_cb, change);
}

static char *
dup_task_subtitle (CrmTask *task)
{
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *kind = NULL;
  g_autofree char *when = NULL;

  if (crm_task_is_done (task))
    {
      when = g_strdup (_("Done"));
    }
  else
    {
      g_autoptr(GDate) today = crm_date_today_local ();

      when = crm_customer_format_due (crm_task_get_due_on (task), today);
    }

  if (is_set (crm_task_get_kind (task)))
    kind = crm_customer_format_humanize_key (crm_task_get_kind (task));

  join_part (subtitle, when);
  join_part (subtitle, kind);

  return g_string_free (g_steal_pointer (&subtitle), FALSE);
}

static gboolean
task_is_overdue (CrmTask *task)
{
  const GDate *due = crm_task_get_due_on (task);
  g_autoptr(GDate) today = NULL;

  if (crm_task_is_done (task) || due == NULL || !g_date_valid (due))
    return FALSE;

  today = crm_date_today_local ();

  return g_date_compare (due, today) < 0;
}

static void
update_task_row (GtkWidget *row)
{
  CrmTask *task = get_record (row);
  GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "crm-check");
  GtkWidget *overdue = g_object_get_data (G_OBJECT (row), "crm-overdue");
  gboolean done = crm_task_is_done (task);
  g_autofree char *subtitle = dup_task_subtitle (task);

  set_row_text (row, crm_task_get_details (task), subtitle);

  g_signal_handlers_block_matched (check, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                   on_task_check_toggled_cb, NULL);
  gtk_check_button_set_active (check, done);
  g_signal_handlers_unblock_matched (check, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                     on_task_check_toggled_cb, NULL);

  gtk_widget_set_tooltip_text (GTK_WIDGET (check),
                               done ? _("Mark as Not Done") : _("Mark as Done"));
  gtk_widget_set_visible (overdue, task_is_overdue (task));

  if (done)
    gtk_widget_add_css_class (row, "dim-label");
  else
    gtk_widget_remove_css_class (row, "dim-label");
}

/* Open tasks come first: a task done or reopened moves. */
static void
on_task_notify_cb (CrmCustomerPage *self)
{
  gtk_sorter_changed (gtk_sort_list_model_get_sorter (self->sorted_tasks),
                      GTK_SORTER_CHANGE_DIFFERENT);
}

GtkWidget *
_crm_customer_page_create_task_row (gpointer item,
                                    gpointer user_data)
{
  CrmCustomerPage *self = CRM_CUSTOMER_PAGE (user_data);
  GtkWidget *row = create_row (NULL, NULL);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *overdue = gtk_image_new_from_icon_name ("task-past-due-symbolic");

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  g_signal_connect_object (check, "toggled",
                           G_CALLBACK (on_task_check_toggled_cb), self, G_CONNECT_DEFAULT);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_set_data (G_OBJECT (row), "crm-check", check);

  gtk_widget_set_tooltip_text (overdue, _("Overdue"));
  gtk_widget_add_css_class (overdue, "error");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), overdue);
  g_object_set_data (G_OBJECT (row), "crm-overdue", overdue);

  follow_record (row, item, G_CALLBACK (update_task_row));
  g_signal_connect_object (item, "notify::completed-at",
                           G_CALLBACK (on_task_notify_cb), self, G_CONNECT_SWAPPED);
  update_task_row (row);

  return row;
}

static void
update_subscription_row (GtkWidget *row)
{
  CrmSubscription *subscription = get_record (row);
  CrmCustomerPage *page = g_object_get_data (G_OBJECT (row), "crm-page");
  GtkLabel *amount_label = g_object_get_data (G_OBJECT (row), "crm-amount");
  const char *plan = crm_subscription_get_plan (subscription);
  const GDate *started_on = crm_subscription_get_started_on (subscription);
  g_autofree char *today_text = crm_store_dup_today (page->store);
  g_autoptr(GDate) today = crm_date_parse (today_text);
  g_autofree char *span = NULL;
  g_autofree char *amount = NULL;

  if (started_on != NULL && g_date_valid (started_on))
    span = crm_customer_format_subscription_span (started_on,
                                                  crm_subscription_get_ended_on (subscription),
                                                  today);

  set_row_text (row, is_set (plan) ? plan : _("Subscription"), span);

  amount = crm_money_format (crm_subscription_get_amount_minor (subscription),
                             crm_subscription_get_currency (subscription));
  gtk_label_set_label (amount_label, amount);
}

GtkWidget *
_crm_customer_page_create_subscription_row (gpointer item,
                                            gpointer user_data)
{
  GtkWidget *row = create_row (NULL, NULL);
  GtkWidget *amount = gtk_label_new (NULL);

  gtk_widget_add_css_class (amount, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount);
  g_object_set_data (G_OBJECT (row), "crm-amount", amount);
  g_object_set_data (G_OBJECT (row), "crm-page", user_data);

  follow_record (row, item, G_CALLBACK (update_subscription_row));
  update_subscription_row (row);

  return row;
}
