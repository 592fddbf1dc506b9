/* crm-opportunity-editor.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-opportunity-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "crm-core.h"
#include "crm-customer-format.h"
#include "crm-opportunity-editor-private.h"
#include "crm-query-model.h"
#include "crm-store-pipelines.h"
#include "crm-toast-queue.h"

/* A dialog that creates or edits one opportunity. Opened from the
 * customer page the customer is fixed; opened from the board or the list
 * the customer is chosen in a searchable popover. Fields are checked on
 * Save and their problems shown under them; after a first failed Save
 * they are checked again as the user types. A stage change on an existing
 * opportunity goes through the board's move, in the same transaction as
 * the other edits, so closing rules apply as they do on the board. */

/* Offered after the book's own currencies. */
static const char * const common_currencies[] = {
  "EUR", "USD", "GBP", "CHF", "CAD", "AUD", "JPY", "SEK", "NOK", "DKK", "PLN",
  "CZK", "INR", "BRL", "MXN", "SGD", "NZD", "ZAR", "KWD", "BHD", NULL
};

G_DEFINE_FINAL_TYPE (CrmOpportunityEditor, crm_opportunity_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CUSTOMER_ID,
  PROP_OPPORTUNITY_ID,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];


/* Field errors */

static void
set_field_error (GtkWidget  *row,
                 GtkWidget  *error_row,
                 GtkLabel   *error_label,
                 const char *message)
{
  gboolean failed = message != NULL;

  if (failed)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");

  gtk_label_set_label (error_label, failed ? message : "");
  gtk_widget_set_visible (error_row, failed);
  gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               failed ? GTK_ACCESSIBLE_INVALID_TRUE
                                      : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

char *
_crm_opportunity_editor_dup_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static const char *
selected_value (AdwComboRow *row,
                GPtrArray   *values)
{
  guint selected = adw_combo_row_get_selected (row);

  if (values == NULL || selected >= values->len)
    return NULL;

  return g_ptr_array_index (values, selected);
}

static const char *
selected_strv (AdwComboRow  *row,
               char        **values)
{
  guint selected = adw_combo_row_get_selected (row);

  if (values == NULL || selected >= g_strv_length (values))
    return NULL;

  return values[selected];
}

static const char *
selected_currency (CrmOpportunityEditor *self)
{
  guint selected = gtk_drop_down_get_selected (self->currency_dropdown);

  if (selected >= self->currencies->len)
    return DEFAULT_CURRENCY;

  return g_ptr_array_index (self->currencies, selected);
}

static guint
find_index (GPtrArray  *values,
            const char *value)
{
  guint index;

  if (value != NULL && g_ptr_array_find_with_equal_func (values, value, g_str_equal, &index))
    return index;

  return GTK_INVALID_LIST_POSITION;
}

static GtkStringList *
string_list_from_array (GPtrArray   *values,
                        const char *(*label) (const char *))
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < values->len; i++)
    {
      const char *value = g_ptr_array_index (values, i);

      gtk_string_list_append (list, label != NULL ? label (value) : value);
    }

  return list;
}

/* Choices */

static void
add_unique (GPtrArray  *values,
            const char *value)
{
  if (value != NULL && find_index (values, value) == GTK_INVALID_LIST_POSITION)
    g_ptr_array_add (values, g_strdup (value));
}

static void
load_currencies (CrmOpportunityEditor *self,
                 const char           *current)
{
  g_auto(GStrv) known = crm_store_dup_known_currencies (self->store);
  g_autoptr(GtkStringList) list = NULL;

  add_unique (self->currencies, current);
  for (guint i = 0; known[i] != NULL; i++)
    add_unique (self->currencies, known[i]);
  for (guint i = 0; common_currencies[i] != NULL; i++)
    add_unique (self->currencies, common_currencies[i]);

  list = string_list_from_array (self->currencies, NULL);
  gtk_drop_down_set_model (self->currency_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_expression (self->currency_dropdown,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                             "string"));
  gtk_drop_down_set_selected (self->currency_dropdown, 0);
}

static void
load_owners (CrmOpportunityEditor *self,
             const char           *current)
{
  g_auto(GStrv) known = crm_store_dup_known_owners (self->store);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint selected;

  if (self->me_email != NULL && self->me_email[0] != '\0')
    add_unique (self->owners, self->me_email);
  add_unique (self->owners, current);
  for (guint i = 0; known[i] != NULL; i++)
    add_unique (self->owners, known[i]);
  add_unique (self->owners, "");

  for (guint i = 0; i < self->owners->len; i++)
    {
      g_autofree char *label = crm_customer_format_owner (g_ptr_array_index (self->owners, i),
                                                          self->me_email, self->me_name);

      gtk_string_list_append (list, label);
    }

  adw_combo_row_set_model (self->owner_row, G_LIST_MODEL (list));

  /* A new opportunity is mine; an old one keeps its owner, or nobody. */
  selected = find_index (self->owners, self->opportunity != NULL ? current : self->me_email);
  if (selected == GTK_INVALID_LIST_POSITION)
    selected = find_index (self->owners, "");
  adw_combo_row_set_selected (self->owner_row, selected);
}

static void
load_forecasts (CrmOpportunityEditor *self,
                const char           *current)
{
  const char * const *categories = crm_forecast_categories ();
  g_autoptr(GtkStringList) list = NULL;

  for (guint i = 0; categories[i] != NULL; i++)
    add_unique (self->forecasts, categories[i]);
  add_unique (self->forecasts, current);

  list = string_list_from_array (self->forecasts, crm_forecast_category_get_label);
  adw_combo_row_set_model (self->forecast_row, G_LIST_MODEL (list));
}

static void
select_forecast (CrmOpportunityEditor *self,
                 const char           *category)
{
  guint index = find_index (self->forecasts, category);

  if (index != GTK_INVALID_LIST_POSITION)
    adw_combo_row_set_selected (self->forecast_row, index);
}

static void
set_strv_model (AdwComboRow  *row,
                char        **values)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new ((const char * const *) values);

  adw_combo_row_set_model (row, G_LIST_MODEL (list));
}

static guint
strv_index (char       **values,
            const char  *value)
{
  for (guint i = 0; value != NULL && values != NULL && values[i] != NULL; i++)
    if (g_str_equal (values[i], value))
      return i;

  return GTK_INVALID_LIST_POSITION;
}

/* Stages */

static CrmStage *
find_selected_stage (CrmOpportunityEditor *self)
{
  const char *pipeline = selected_strv (self->pipeline_row, self->pipelines);
  const char *stage = selected_strv (self->stage_row, self->stages);

  if (pipeline == NULL || stage == NULL)
    return NULL;

  return crm_store_find_stage (self->store, pipeline, stage);
}

static gboolean
selected_stage_is_lost (CrmOpportunityEditor *self)
{
  g_autoptr(CrmStage) stage = find_selected_stage (self);

  return stage != NULL && g_strcmp0 (crm_stage_get_forecast_category (stage), "lost") == 0;
}

static void
update_lost_reason_row (CrmOpportunityEditor *self)
{
  gboolean lost = selected_stage_is_lost (self);

  gtk_widget_set_visible (GTK_WIDGET (self->lost_reason_row), lost);
  if (!lost)
    set_field_error (GTK_WIDGET (self->lost_reason_row), self->lost_reason_error,
                     self->lost_reason_error_label, NULL);
}

static void
on_stage_row_selected_cb (CrmOpportunityEditor *self)
{
  g_autoptr(CrmStage) stage = NULL;

  update_lost_reason_row (self);

  /* Loading keeps what the opportunity holds; a choice takes the stage's
   * defaults. */
  if (self->loading)
    return;

  stage = find_selected_stage (self);
  if (stage == NULL)
    return;

  gtk_spin_button_set_value (self->likelihood_spin, crm_stage_get_win_likelihood (stage));
  select_forecast (self, crm_stage_get_forecast_category (stage));
}

static void
load_stages (CrmOpportunityEditor *self,
             const char           *select)
{
  const char *pipeline = selected_strv (self->pipeline_row, self->pipelines);
  guint index;

  g_clear_pointer (&self->stages, g_strfreev);
  self->stages = pipeline != NULL ? crm_store_dup_stage_names (self->store, pipeline)
                                  : g_new0 (char *, 1);

  /* A stage only the opportunity names is still offered. */
  if (select != NULL && strv_index (self->stages, select) == GTK_INVALID_LIST_POSITION)
    {
      guint n = g_strv_length (self->stages);

      self->stages = g_renew (char *, self->stages, n + 2);
      self->stages[n] = g_strdup (select);
      self->stages[n + 1] = NULL;
    }

  set_strv_model (self->stage_row, self->stages);
  index = strv_index (self->stages, select);
  adw_combo_row_set_selected (self->stage_row, index != GTK_INVALID_LIST_POSITION ? index : 0);
  on_stage_row_selected_cb (self);
}

static void
on_pipeline_row_selected_cb (CrmOpportunityEditor *self)
{
  if (self->pipelines == NULL)
    return;

  load_stages (self, NULL);
}

static void
load_pipelines (CrmOpportunityEditor *self)
{
  const char *pipeline = self->initial_pipeline;
  guint index;

  g_clear_pointer (&self->pipelines, g_strfreev);
  self->pipelines = crm_store_dup_pipeline_names (self->store);

  if (pipeline != NULL && strv_index (self->pipelines, pipeline) == GTK_INVALID_LIST_POSITION)
    {
      guint n = g_strv_length (self->pipelines);

      self->pipelines = g_renew (char *, self->pipelines, n + 2);
      self->pipelines[n] = g_strdup (pipeline);
      self->pipelines[n + 1] = NULL;
    }

  g_signal_handlers_block_by_func (self->pipeline_row, on_pipeline_row_selected_cb, self);
  set_strv_model (self->pipeline_row, self->pipelines);
  index = strv_index (self->pipelines, pipeline);
  adw_combo_row_set_selected (self->pipeline_row,
                              index != GTK_INVALID_LIST_POSITION ? index : 0);
  g_signal_handlers_unblock_by_func (self->pipeline_row, on_pipeline_row_selected_cb, self);

  load_stages (self, self->initial_stage);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pipeline_row), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stage_row), TRUE);
}

static void
on_defaults_ensured_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(CrmOpportunityEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!crm_store_ensure_default_pipelines_finish (CRM_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Failed to add the default pipelines: %s", error->message);
      return;
    }

  self->loading = self->opportunity != NULL;
  load_pipelines (self);
  self->loading = FALSE;
}

/* Customer */

static void
show_customer (CrmOpportunityEditor *self)
{
  g_autoptr(GObject) customer = NULL;
  const char *name = NULL;

  if (self->customer_id > 0)
    customer = crm_store_load (self->store, CRM_ENTITY_CUSTOMER, self->customer_id, NULL);
  if (customer != NULL)
    name = crm_customer_get_display_name (CRM_CUSTOMER (customer));

  adw_action_row_set_subtitle (self->customer_row,
                               name != NULL ? name : _("None chosen yet"));
  gtk_widget_set_visible (GTK_WIDGET (self->customer_button), !self->customer_fixed);
  gtk_menu_button_set_label (self->customer_button,
                             self->customer_id > 0 ? _("C_hange…") : _("C_hoose…"));
}

static void
choose_customer (CrmOpportunityEditor *self,
                 guint                 position)
{
  gint64 id = crm_query_model_get_id (self->customers, position);

  if (id <= 0)
    return;

  crm_opportunity_editor_set_customer_id (self, id);
  gtk_popover_popdown (self->customer_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
on_customer_list_activate_cb (CrmOpportunityEditor *self,
                              guint                 position,
                              GtkListView          *list_view)
{
  choose_customer (self, position);
}

static void
on_customer_search_changed_cb (CrmOpportunityEditor *self)
{
  g_autofree char *text = NULL;

  if (self->customers == NULL)
    return;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->customer_search))));
  crm_query_model_set_search (self->customers, text);
}

static void
on_customer_search_activate_cb (CrmOpportunityEditor *self)
{
  if (self->customers != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->customers)) > 0)
    choose_customer (self, 0);
}

static void
on_customer_factory_setup_cb (GtkSignalListItemFactory *factory,
                              GtkListItem              *item,
                              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *company = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (company), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (company), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (company, "caption");
  gtk_widget_add_css_class (company, "dim-label");

  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), company);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_list_item_set_child (item, box);
}

static void
on_customer_factory_bind_cb (GtkSignalListItemFactory *factory,
                             GtkListItem              *item,
                             gpointer                  user_data)
{
  CrmCustomer *customer = gtk_list_item_get_item (item);
  GtkWidget *name = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *company = gtk_widget_get_next_sibling (name);
  const char *company_text = crm_customer_get_company (customer);
  const char *name_text = crm_customer_get_display_name (customer);
  gboolean show_company = company_text != NULL && company_text[0] != '\0' &&
                          g_strcmp0 (company_text, name_text) != 0;

  gtk_label_set_label (GTK_LABEL (name), name_text);
  gtk_label_set_label (GTK_LABEL (company), show_company ? company_text : "");
  gtk_widget_set_visible (company, show_company);
}

static void
setup_customer_chooser (CrmOpportunityEditor *self)
{
  GtkListItemFactory *factory;
  GtkNoSelection *selection;

  self->customers = crm_query_model_new (self->store, CRM_ENTITY_CUSTOMER);
  crm_query_model_set_sort (self->customers, "name", FALSE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_customer_factory_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_customer_factory_bind_cb), NULL);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->customers)));
  gtk_list_view_set_model (self->customer_list, GTK_SELECTION_MODEL (selection));
  gtk_list_view_set_factory (self->customer_list, factory);
  g_object_unref (selection);
  g_object_unref (factory);
}

/* Close date */

static void
on_calendar_popover_show_cb (CrmOpportunityEditor *self)
{
  g_autofree char *text = _crm_opportunity_editor_dup_text (self->close_row);
  g_autoptr(GDate) date = crm_date_parse (text);
  g_autoptr(GDateTime) when = NULL;

  if (date != NULL)
    when = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                  g_date_get_day (date), 12, 0, 0);
  else
    when = g_date_time_new_now_local ();

  self->syncing_calendar = TRUE;
  gtk_calendar_select_day (self->calendar, when);
  self->syncing_calendar = FALSE;
}

static void
on_calendar_day_selected_cb (CrmOpportunityEditor *self)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *text = NULL;

  if (self->syncing_calendar)
    return;

  when = gtk_calendar_get_date (self->calendar);
  text = g_date_time_format (when, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self->close_row), text);
  gtk_popover_popdown (self->calendar_popover);
}

/* Custom fields */

static char *
dup_node_text (JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));

  return json_to_string (node, FALSE);
}

static void
on_remove_field_clicked_cb (GtkButton *button,
                            GtkWidget *row)
{
  GtkWidget *list = gtk_widget_get_parent (row);

  gtk_list_box_remove (GTK_LIST_BOX (list), row);
}

static GtkWidget *
add_custom_row (CrmOpportunityEditor *self,
                const char           *key,
                const char           *value)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *key_entry = gtk_entry_new ();
  GtkWidget *value_entry = gtk_entry_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_editable_set_text (GTK_EDITABLE (key_entry), key != NULL ? key : "");
  gtk_editable_set_text (GTK_EDITABLE (value_entry), value != NULL ? value : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (key_entry), _("Field"));
  gtk_entry_set_placeholder_text (GTK_ENTRY (value_entry), _("Value"));
  gtk_editable_set_width_chars (GTK_EDITABLE (key_entry), 12);
  gtk_widget_set_hexpand (value_entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (key_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Field name"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (value_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Field value"), -1);

  gtk_widget_set_tooltip_text (remove, _("Remove Field"));
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_field_clicked_cb), row);

  gtk_box_append (GTK_BOX (box), key_entry);
  gtk_box_append (GTK_BOX (box), value_entry);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_widget_add_css_class (box, "custom-field");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  g_object_set_data (G_OBJECT (row), "crm-key", key_entry);
  g_object_set_data (G_OBJECT (row), "crm-value", value_entry);
  gtk_list_box_append (self->custom_list, row);

  return key_entry;
}

static void
crm_opportunity_editor_add_field_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  CrmOpportunityEditor *self = CRM_OPPORTUNITY_EDITOR (widget);

  gtk_widget_grab_focus (add_custom_row (self, NULL, NULL));
}

static void
load_custom (CrmOpportunityEditor *self,
             JsonObject           *custom)
{
  g_autoptr(GList) members = NULL;

  if (custom == NULL)
    return;

  members = json_object_get_members (custom);
  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *text = dup_node_text (json_object_get_member (custom, l->data));

      add_custom_row (self, l->data, text);
    }
}

/* Builds the custom object: unchanged values keep their JSON type. */
JsonObject *
_crm_opportunity_editor_collect_custom (CrmOpportunityEditor *self,
                                        gboolean             *valid)
{
  JsonObject *original = self->opportunity != NULL
    ? crm_opportunity_get_custom (self->opportunity) : NULL;
  JsonObject *custom = json_object_new ();

  *valid = TRUE;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->custom_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *key_entry = g_object_get_data (G_OBJECT (row), "crm-key");
      GtkWidget *value_entry = g_object_get_data (G_OBJECT (row), "crm-value");
      g_autofree char *key = NULL;
      const char *value;
      JsonNode *old;

      if (key_entry == NULL)
        continue;

      key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (key_entry))));
      value = gtk_editable_get_text (GTK_EDITABLE (value_entry));

      gtk_widget_remove_css_class (key_entry, "error");
      if (key[0] == '\0')
        {
          if (value[0] != '\0')
            {
              gtk_widget_add_css_class (key_entry, "error");
              *valid = FALSE;
            }
          continue;
        }

      old = original != NULL ? json_object_get_member (original, key) : NULL;
      if (old != NULL)
        {
          g_autofree char *old_text = dup_node_text (old);

          if (g_str_equal (old_text, value))
            {
              json_object_set_member (custom, key, json_node_copy (old));
              continue;
            }
        }

      json_object_set_string_member (custom, key, value);
    }

  return custom;
}

char *
_crm_opportunity_editor_object_to_json (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

static void
on_field_changed_cb (CrmOpportunityEditor *self)
{
  g_autofree char *close_on = NULL;
  g_autofree char *lost_reason = NULL;
  gint64 amount;

  /* After a failed Save, problems go away as they are fixed. */
  if (self->validated && !self->loading)
    _crm_opportunity_editor_validate (self, &amount, &close_on, &lost_reason);
}

/* For crm-opportunity-editor-save.c */

void
_crm_opportunity_editor_set_field_error (GtkWidget  *row,
                                         GtkWidget  *error_row,
                                         GtkLabel   *error_label,
                                         const char *message)
{
  set_field_error (row, error_row, error_label, message);
}

const char *
_crm_opportunity_editor_get_pipeline (CrmOpportunityEditor *self)
{
  return selected_strv (self->pipeline_row, self->pipelines);
}

const char *
_crm_opportunity_editor_get_stage (CrmOpportunityEditor *self)
{
  return selected_strv (self->stage_row, self->stages);
}

const char *
_crm_opportunity_editor_get_owner (CrmOpportunityEditor *self)
{
  return selected_value (self->owner_row, self->owners);
}

const char *
_crm_opportunity_editor_get_forecast (CrmOpportunityEditor *self)
{
  return selected_value (self->forecast_row, self->forecasts);
}

const char *
_crm_opportunity_editor_get_currency (CrmOpportunityEditor *self)
{
  return selected_currency (self);
}

gboolean
_crm_opportunity_editor_is_lost (CrmOpportunityEditor *self)
{
  return selected_stage_is_lost (self);
}

void
_crm_opportunity_editor_emit_saved (CrmOpportunityEditor *self,
                                    gint64                id)
{
  g_signal_emit (self, signals[SAVED], 0, id);
}

/* Loading */

static void
load_opportunity (CrmOpportunityEditor *self)
{
  CrmOpportunity *opportunity = self->opportunity;
  const GDate *close_on = crm_opportunity_get_close_on (opportunity);
  g_autofree char *amount = NULL;
  guint type;

  self->customer_id = crm_opportunity_get_customer_id (opportunity);
  self->customer_fixed = TRUE;
  g_free (self->initial_pipeline);
  g_free (self->initial_stage);
  self->initial_pipeline = g_strdup (crm_opportunity_get_pipeline (opportunity));
  self->initial_stage = g_strdup (crm_opportunity_get_stage (opportunity));

  adw_window_title_set_title (self->window_title, _("Edit Opportunity"));
  gtk_window_set_title (GTK_WINDOW (self), _("Edit Opportunity"));
  gtk_button_set_label (self->save_button, _("_Save"));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                         crm_opportunity_get_name (opportunity));
  amount = crm_opportunity_editor_format_amount (crm_opportunity_get_amount_minor (opportunity),
                                                 crm_opportunity_get_currency (opportunity));
  gtk_editable_set_text (GTK_EDITABLE (self->amount_row), amount);

  if (close_on != NULL && g_date_valid (close_on))
    {
      g_autofree char *text = crm_date_format (close_on);

      gtk_editable_set_text (GTK_EDITABLE (self->close_row), text);
    }

  type = g_strcmp0 (crm_opportunity_get_opportunity_type (opportunity), "one-time") == 0;
  adw_combo_row_set_selected (self->type_row, type);

  if (crm_opportunity_get_win_likelihood (opportunity) >= 0)
    gtk_spin_button_set_value (self->likelihood_spin,
                               crm_opportunity_get_win_likelihood (opportunity));

  if (crm_opportunity_get_lost_reason (opportunity) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->lost_reason_row),
                           crm_opportunity_get_lost_reason (opportunity));

  load_custom (self, crm_opportunity_get_custom (opportunity));
}

static void
load_choices (CrmOpportunityEditor *self)
{
  const char *currency = NULL;
  const char *owner = NULL;
  const char *forecast = NULL;

  if (self->opportunity != NULL)
    {
      currency = crm_opportunity_get_currency (self->opportunity);
      owner = crm_opportunity_get_owner (self->opportunity);
      forecast = crm_opportunity_get_forecast_category (self->opportunity);
    }

  load_currencies (self, currency);
  load_owners (self, owner);
  load_forecasts (self, forecast);
  select_forecast (self, forecast);
}

static void
start_loading_pipelines (CrmOpportunityEditor *self)
{
  g_auto(GStrv) names = crm_store_dup_pipeline_names (self->store);

  if (names[0] != NULL)
    {
      self->loading = self->opportunity != NULL;
      load_pipelines (self);
      self->loading = FALSE;
      return;
    }

  /* An empty profile gets its default pipelines first. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->pipeline_row), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stage_row), FALSE);
  crm_store_ensure_default_pipelines_async (self->store, self->cancellable,
                                            on_defaults_ensured_cb, g_object_ref (self));
}

static void
crm_opportunity_editor_constructed (GObject *object)
{
  CrmOpportunityEditor *self = CRM_OPPORTUNITY_EDITOR (object);

  G_OBJECT_CLASS (crm_opportunity_editor_parent_class)->constructed (object);

  g_assert (CRM_IS_STORE (self->store));

  self->me_email = crm_store_dup_setting (self->store, "me.email");
  self->me_name = crm_store_dup_setting (self->store, "me.name");
  self->customer_fixed = self->customer_id > 0;

  if (self->opportunity_id > 0)
    {
      g_autoptr(GError) error = NULL;

      self->opportunity = CRM_OPPORTUNITY (crm_store_load (self->store, CRM_ENTITY_OPPORTUNITY,
                                                           self->opportunity_id, &error));
      if (self->opportunity == NULL)
        g_warning ("Failed to load opportunity %" G_GINT64_FORMAT ": %s",
                   self->opportunity_id, error->message);
    }

  self->loading = TRUE;
  if (self->opportunity != NULL)
    load_opportunity (self);
  load_choices (self);
  self->loading = FALSE;

  if (!self->customer_fixed)
    setup_customer_chooser (self);
  show_customer (self);

  start_loading_pipelines (self);
}

static void
crm_opportunity_editor_map (GtkWidget *widget)
{
  CrmOpportunityEditor *self = CRM_OPPORTUNITY_EDITOR (widget);

  GTK_WIDGET_CLASS (crm_opportunity_editor_parent_class)->map (widget);

  if (self->customer_id > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
crm_opportunity_editor_dispose (GObject *object)
{
  CrmOpportunityEditor *self = CRM_OPPORTUNITY_EDITOR (object);

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_OPPORTUNITY_EDITOR);

  g_clear_object (&self->customers);
  g_clear_object (&self->opportunity);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_opportunity_editor_parent_class)->dispose (object);
}

static void
crm_opportunity_editor_finalize (GObject *object)
{
  CrmOpportunityEditor *self = CRM_OPPORTUNITY_EDITOR (object);

  g_clear_pointer (&self->owners, g_ptr_array_unref);
  g_clear_pointer (&self->currencies, g_ptr_array_unref);
  g_clear_pointer (&self->forecasts, g_ptr_array_unref);
  g_clear_pointer (&self->pipelines, g_strfreev);
  g_clear_pointer (&self->stages, g_strfreev);
  g_free (self->initial_pipeline);
  g_free (self->initial_stage);
  g_free (self->me_email);
  g_free (self->me_name);

  G_OBJECT_CLASS (crm_opportunity_editor_parent_class)->finalize (object);
}

static void
crm_opportunity_editor_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CrmOpportunityEditor *self = CRM_OPPORTUNITY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CUSTOMER_ID:
      g_value_set_int64 (value, self->customer_id);
      break;

    case PROP_OPPORTUNITY_ID:
      g_value_set_int64 (value, self->opportunity_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_opportunity_editor_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CrmOpportunityEditor *self = CRM_OPPORTUNITY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_CUSTOMER_ID:
      self->customer_id = g_value_get_int64 (value);
      break;

    case PROP_OPPORTUNITY_ID:
      self->opportunity_id = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_opportunity_editor_class_init (CrmOpportunityEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_opportunity_editor_constructed;
  object_class->dispose = crm_opportunity_editor_dispose;
  object_class->finalize = crm_opportunity_editor_finalize;
  object_class->get_property = crm_opportunity_editor_get_property;
  object_class->set_property = crm_opportunity_editor_set_property;

  widget_class->map = crm_opportunity_editor_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CRM_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CUSTOMER_ID] =
    g_param_spec_int64 ("customer-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_OPPORTUNITY_ID] =
    g_param_spec_int64 ("opportunity-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrmOpportunityEditor::saved:
   * @self: the editor
   * @id: the opportunity
   *
   * Emitted once the opportunity is stored, just before the dialog closes.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL,
                                   _crm_opportunity_editor_save_action);
  gtk_widget_class_install_action (widget_class, "editor.add-field", NULL,
                                   crm_opportunity_editor_add_field_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gui/crm-opportunity-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, customer_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, customer_button);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, customer_popover);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, customer_search);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, customer_list);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, customer_error);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor,
                                        customer_error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, name_error);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, name_error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, amount_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, currency_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, amount_error);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor,
                                        amount_error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, owner_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, type_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, pipeline_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, stage_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, lost_reason_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, lost_reason_error);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor,
                                        lost_reason_error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, likelihood_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, forecast_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, close_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, calendar_popover);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, calendar);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, close_error);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, close_error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, custom_list);
  gtk_widget_class_bind_template_callback (widget_class, on_customer_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_customer_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_customer_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);
}

static void
crm_opportunity_editor_init (CrmOpportunityEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->owners = g_ptr_array_new_with_free_func (g_free);
  self->currencies = g_ptr_array_new_with_free_func (g_free);
  self->forecasts = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect_swapped (self->pipeline_row, "notify::selected",
                            G_CALLBACK (on_pipeline_row_selected_cb), self);
  g_signal_connect_swapped (self->stage_row, "notify::selected",
                            G_CALLBACK (on_stage_row_selected_cb), self);
  g_signal_connect_swapped (self->currency_dropdown, "notify::selected",
                            G_CALLBACK (on_field_changed_cb), self);
}

/**
 * crm_opportunity_editor_new:
 * @parent: (nullable): the window the dialog sits on; its toast overlay
 *   shows the toast after saving
 * @store: the profile
 * @customer_id: the customer of a new opportunity, fixed; 0 to choose one
 * @opportunity_id: the opportunity to edit; 0 to create one
 *
 * Returns: (transfer none): the dialog, owned by GTK's list of toplevels
 *   until it closes
 */
GtkWidget *
crm_opportunity_editor_new (GtkWindow *parent,
                            CrmStore  *store,
                            gint64     customer_id,
                            gint64     opportunity_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (customer_id >= 0 && opportunity_id >= 0, NULL);

  return g_object_new (CRM_TYPE_OPPORTUNITY_EDITOR,
                       "transient-for", parent,
                       "store", store,
                       "customer-id", customer_id,
                       "opportunity-id", opportunity_id,
                       NULL);
}

/**
 * crm_opportunity_editor_set_stage:
 * @self: a #CrmOpportunityEditor for a new opportunity
 * @pipeline: the pipeline to start in
 * @stage: (nullable): the stage to start in; %NULL for the first
 *
 * Chooses where a new opportunity starts, as when it is created from a
 * column of the board. Call before the dialog is shown.
 */
void
crm_opportunity_editor_set_stage (CrmOpportunityEditor *self,
                                  const char           *pipeline,
                                  const char           *stage)
{
  g_return_if_fail (CRM_IS_OPPORTUNITY_EDITOR (self));
  g_return_if_fail (pipeline != NULL);
  g_return_if_fail (self->opportunity == NULL);

  g_free (self->initial_pipeline);
  g_free (self->initial_stage);
  self->initial_pipeline = g_strdup (pipeline);
  self->initial_stage = g_strdup (stage);

  if (self->pipelines != NULL)
    load_pipelines (self);
}

gint64
crm_opportunity_editor_get_customer_id (CrmOpportunityEditor *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY_EDITOR (self), 0);

  return self->customer_id;
}

/**
 * crm_opportunity_editor_set_customer_id:
 * @self: a #CrmOpportunityEditor whose customer is not fixed
 * @customer_id: the chosen customer
 *
 * Chooses the customer of a new opportunity, as the customer popover does.
 */
void
crm_opportunity_editor_set_customer_id (CrmOpportunityEditor *self,
                                        gint64                customer_id)
{
  g_return_if_fail (CRM_IS_OPPORTUNITY_EDITOR (self));
  g_return_if_fail (customer_id > 0);

  if (self->customer_id == customer_id)
    return;

  self->customer_id = customer_id;
  show_customer (self);
  on_field_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}
