/* crm-board-page.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-board-page"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-date.h"
#include "crm-filter.h"
#include "crm-money.h"
#include "crm-query-model.h"
#include "crm-store-board.h"
#include "crm-store-pipelines.h"
#include "crm-board-page-private.h"

/* The pipeline board: a pipeline selector and filters over one column per
 * stage. The page turns drops, menu items and keys into moves of the
 * store and reports each with an Undo toast. Nothing moves on screen
 * before the store has the move: the columns follow the store's change
 * signal, so a refused or cancelled move leaves every card where it was.
 * The moves themselves are in crm-board-page-actions.c. */

G_DEFINE_FINAL_TYPE (CrmBoardPage, crm_board_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PIPELINE,
  PROP_FOLDED,
  N_PROPS
};

enum {
  SIGNAL_CUSTOMER_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What the amount filter offers, in whole units of each currency. */
static const gint64 amount_choices[] = { 0, 1000, 10000, 100000 };

static void rebuild_columns (CrmBoardPage *self);

static char *
hidden_key (const char *pipeline,
            const char *stage)
{
  return g_strconcat (pipeline, "\n", stage, NULL);
}

/* Filters */

static GVariant *
date_value (GDateYear  year,
            GDateMonth month,
            GDateDay   day)
{
  g_autoptr(GDate) date = g_date_new_dmy (day, month, year);

  return crm_filter_value_new_date (date);
}

/* The months [first, last] of @year, as a range of days. */
static void
add_months (CrmFilter *filter,
            GDateYear  year,
            guint      first,
            guint      last)
{
  GVariant *range = g_variant_new ("(vv)",
                                   date_value (year, first, 1),
                                   date_value (year, last,
                                               g_date_get_days_in_month (last, year)));

  crm_filter_add (filter, "close_on", CRM_FILTER_OP_BETWEEN, range);
}

static void
add_closing (CrmFilter       *filter,
             CrmBoardClosing  closing,
             const GDate     *today)
{
  GDateYear year = g_date_get_year (today);
  guint month = g_date_get_month (today);
  guint quarter = (month - 1) / 3;

  switch (closing)
    {
    case CRM_BOARD_CLOSING_OVERDUE:
      crm_filter_add (filter, "close_on", CRM_FILTER_OP_BEFORE,
                      crm_filter_value_new_date (today));
      break;
    case CRM_BOARD_CLOSING_THIS_MONTH:
      add_months (filter, year, month, month);
      break;
    case CRM_BOARD_CLOSING_THIS_QUARTER:
      add_months (filter, year, quarter * 3 + 1, quarter * 3 + 3);
      break;
    case CRM_BOARD_CLOSING_NEXT_QUARTER:
      if (quarter == 3)
        add_months (filter, year + 1, 1, 3);
      else
        add_months (filter, year, quarter * 3 + 4, quarter * 3 + 6);
      break;
    case CRM_BOARD_CLOSING_THIS_YEAR:
      add_months (filter, year, 1, 12);
      break;
    case CRM_BOARD_CLOSING_ANY:
    default:
      break;
    }
}

static gint64
in_minor_units (gint64      amount,
                const char *currency)
{
  guint exponent = crm_currency_get_exponent (currency);

  for (guint i = 0; i < exponent; i++)
    amount *= 10;

  return amount;
}

/* Amounts compare within a currency only: 1,000 means EUR 1,000.00 and
 * JPY 1,000, each in its own minor units. */
static void
add_min_amount (CrmFilter          *filter,
                gint64              min_amount,
                const char * const *currencies)
{
  g_autoptr(CrmFilter) any = NULL;

  if (currencies == NULL || currencies[0] == NULL)
    {
      crm_filter_add (filter, "amount_minor", CRM_FILTER_OP_GREATER_EQUAL,
                      g_variant_new_int64 (in_minor_units (min_amount, "EUR")));
      return;
    }

  any = crm_filter_new_group (CRM_FILTER_NODE_ANY);
  for (guint i = 0; currencies[i] != NULL; i++)
    {
      g_autoptr(CrmFilter) one = crm_filter_new ();

      crm_filter_add (one, "currency", CRM_FILTER_OP_IS, g_variant_new_string (currencies[i]));
      crm_filter_add (one, "amount_minor", CRM_FILTER_OP_GREATER_EQUAL,
                      g_variant_new_int64 (in_minor_units (min_amount, currencies[i])));
      crm_filter_append (any, one);
    }
  crm_filter_append (filter, any);
}

/**
 * crm_board_view_filter_new:
 * @owner: (nullable): %NULL for anyone, "me", or an owner's email
 * @closing: which close dates
 * @today: the local date of today
 * @min_amount: the least amount in whole units of each currency; 0 for any
 * @currencies: (nullable) (array zero-terminated=1): the currencies the
 *   amount applies to
 *
 * Returns: (transfer full): the filter the board's cards must meet
 */
CrmFilter *
crm_board_view_filter_new (const char         *owner,
                           CrmBoardClosing     closing,
                           const GDate        *today,
                           gint64              min_amount,
                           const char * const *currencies)
{
  CrmFilter *filter;

  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  filter = crm_filter_new ();

  if (g_strcmp0 (owner, "me") == 0)
    crm_filter_add (filter, "owner", CRM_FILTER_OP_IS_ME, NULL);
  else if (owner != NULL)
    crm_filter_add (filter, "owner", CRM_FILTER_OP_IS, g_variant_new_string (owner));

  add_closing (filter, closing, today);

  if (min_amount > 0)
    add_min_amount (filter, min_amount, currencies);

  return filter;
}

/* Columns */

static void
on_column_card_dropped_cb (CrmBoardPage   *self,
                           gint64          id,
                           guint           index,
                           CrmBoardColumn *column)
{
  g_autoptr(GObject) object = crm_store_load (self->store, CRM_ENTITY_OPPORTUNITY, id, NULL);
  const char *stage = crm_board_column_get_stage (column);

  if (object == NULL)
    return;

  /* Within its own column the card's old place does not count. */
  if (g_strcmp0 (crm_opportunity_get_stage (CRM_OPPORTUNITY (object)), stage) == 0)
    {
      guint from = crm_query_model_find (crm_board_column_get_model (column), id);

      if (from != G_MAXUINT && from < index)
        index--;
      if (from == index)
        return;
    }

  _crm_board_page_start_move (self, id, stage, index, FALSE);
}

static void
on_column_card_activated_cb (CrmBoardPage   *self,
                             gint64          id,
                             CrmBoardColumn *column)
{
  g_autoptr(GObject) object = crm_store_load (self->store, CRM_ENTITY_OPPORTUNITY, id, NULL);
  CrmOpportunity *opportunity;

  if (object == NULL)
    return;

  opportunity = CRM_OPPORTUNITY (object);
  _crm_board_page_emit_customer_activated (self, crm_opportunity_get_customer_id (opportunity));
}

static void
on_column_expand_requested_cb (CrmBoardPage   *self,
                               CrmBoardColumn *column)
{
  crm_board_page_set_stage_hidden (self, crm_board_column_get_stage (column), FALSE);
}

static guint
count_hidden (CrmBoardPage *self)
{
  guint n = 0;

  for (guint i = 0; self->stages != NULL && self->stages[i] != NULL; i++)
    if (crm_board_page_get_stage_hidden (self, self->stages[i]))
      n++;

  return n;
}

static void
update_filter_state (CrmBoardPage *self)
{
  guint n_hidden = count_hidden (self);
  g_autofree char *label = NULL;
  gboolean filtered;

  filtered = n_hidden > 0 ||
             gtk_drop_down_get_selected (self->owner_dropdown) > 0 ||
             gtk_drop_down_get_selected (self->closing_dropdown) > 0 ||
             gtk_drop_down_get_selected (self->amount_dropdown) > 0;
  gtk_widget_set_visible (self->clear_button, filtered);

  if (n_hidden > 0)
    /* Translators: the button listing the stages; %u stages are hidden */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Stages · %u hidden",
                                          "Stages · %u hidden", n_hidden), n_hidden);
  gtk_menu_button_set_label (self->stages_button, label != NULL ? label : _("Stages"));
}

static void
on_stage_check_toggled_cb (CrmBoardPage   *self,
                           GtkCheckButton *check)
{
  crm_board_page_set_stage_hidden (self, gtk_check_button_get_label (check),
                                   !gtk_check_button_get_active (check));
}

static void
fill_stages_popover (CrmBoardPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stages_box))) != NULL)
    gtk_box_remove (self->stages_box, child);

  for (guint i = 0; self->stages != NULL && self->stages[i] != NULL; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (self->stages[i]);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   !crm_board_page_get_stage_hidden (self, self->stages[i]));
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_stage_check_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (self->stages_box, check);
    }
}

static void
clear_columns (CrmBoardPage *self)
{
  GtkWidget *child;

  g_ptr_array_set_size (self->columns, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_box))) != NULL)
    gtk_box_remove (self->columns_box, child);
}

static GtkWidget *
add_column (CrmBoardPage *self,
            const char   *stage)
{
  GtkWidget *column = crm_board_column_new (self->store, self->pipeline, stage,
                                            self->view_filter);

  crm_board_column_set_context (CRM_BOARD_COLUMN (column), self->me_email, self->me_name,
                                (const char * const *) self->stages);
  crm_board_column_set_collapsed (CRM_BOARD_COLUMN (column),
                                  crm_board_page_get_stage_hidden (self, stage));
  crm_board_column_set_refused (CRM_BOARD_COLUMN (column), self->refused);
  g_signal_connect_object (column, "card-dropped",
                           G_CALLBACK (on_column_card_dropped_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (column, "card-activated",
                           G_CALLBACK (on_column_card_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (column, "expand-requested",
                           G_CALLBACK (on_column_expand_requested_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_box_append (self->columns_box, column);
  g_ptr_array_add (self->columns, column);

  return column;
}

static void
on_spread_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!crm_store_mutation_finish (CRM_STORE (object), result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Failed to make room on the board: %s", error->message);
}

static void
rebuild_columns (CrmBoardPage *self)
{
  clear_columns (self);
  g_clear_pointer (&self->stages, g_strfreev);

  if (self->pipeline == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  self->stages = crm_store_dup_stage_names (self->store, self->pipeline);
  for (guint i = 0; self->stages[i] != NULL; i++)
    add_column (self, self->stages[i]);

  fill_stages_popover (self);
  update_filter_state (self);
  gtk_stack_set_visible_child_name (self->stack, "board");

  /* Old data may number a column's cards 0, 1, 2, …: give them room now,
   * so that no drop has to renumber thousands of cards first. */
  crm_store_spread_board_async (self->store, self->pipeline, self->cancellable,
                                on_spread_done_cb, NULL);
}

/* Filters */

static const char *
selected_owner (CrmBoardPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->owner_dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  if (selected == 1)
    return "me";

  return gtk_string_list_get_string (self->owner_list, selected);
}

static void
rebuild_view_filter (CrmBoardPage *self)
{
  guint closing = gtk_drop_down_get_selected (self->closing_dropdown);
  guint amount = gtk_drop_down_get_selected (self->amount_dropdown);
  gint64 min_amount = amount < G_N_ELEMENTS (amount_choices) ? amount_choices[amount] : 0;
  g_autoptr(GDate) today = crm_date_today_local ();
  g_auto(GStrv) currencies = NULL;

  if (min_amount > 0)
    currencies = crm_store_dup_known_currencies (self->store);

  g_clear_pointer (&self->view_filter, crm_filter_unref);
  self->view_filter = crm_board_view_filter_new (selected_owner (self),
                                                 closing == GTK_INVALID_LIST_POSITION
                                                   ? CRM_BOARD_CLOSING_ANY : closing,
                                                 today, min_amount,
                                                 (const char * const *) currencies);

  for (guint i = 0; i < self->columns->len; i++)
    crm_board_column_set_view_filter (g_ptr_array_index (self->columns, i), self->view_filter);

  update_filter_state (self);
}

static void
on_filter_changed_cb (CrmBoardPage *self)
{
  if (!self->filling)
    rebuild_view_filter (self);
}

/* Other owners are listed when the main loop is idle: reading them scans
 * every customer, which the first frame need not wait for. */
static gboolean
fill_owners_idle_cb (gpointer user_data)
{
  CrmBoardPage *self = user_data;
  g_auto(GStrv) owners = crm_store_dup_known_owners (self->store);
  g_autoptr(GStrvBuilder) others = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;
  const char *current = selected_owner (self);
  g_autofree char *keep = g_strdup (current);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->owner_list));
  guint selected = gtk_drop_down_get_selected (self->owner_dropdown);

  self->owners_idle_id = 0;

  for (guint i = 0; owners != NULL && owners[i] != NULL; i++)
    if (g_ascii_strcasecmp (owners[i], self->me_email != NULL ? self->me_email : "") != 0)
      g_strv_builder_add (others, owners[i]);
  list = g_strv_builder_end (others);

  self->filling = TRUE;
  gtk_string_list_splice (self->owner_list, 2, n - 2, (const char * const *) list);
  if (selected >= 2)
    {
      guint found = 0;

      for (guint i = 0; list[i] != NULL; i++)
        if (g_strcmp0 (list[i], keep) == 0)
          found = i + 2;
      gtk_drop_down_set_selected (self->owner_dropdown, found);
    }
  self->filling = FALSE;

  if (selected >= 2 && g_strcmp0 (selected_owner (self), keep) != 0)
    rebuild_view_filter (self);

  return G_SOURCE_REMOVE;
}

static void
queue_owners (CrmBoardPage *self)
{
  if (self->owners_idle_id == 0)
    self->owners_idle_id = g_idle_add_full (G_PRIORITY_LOW, fill_owners_idle_cb, self, NULL);
}

/* Pipelines */

static void
fill_pipelines (CrmBoardPage *self)
{
  g_auto(GStrv) names = crm_store_dup_pipeline_names (self->store);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->pipeline_list));
  guint pick = 0;

  for (guint i = 0; names[i] != NULL; i++)
    if (g_strcmp0 (names[i], self->pipeline) == 0)
      pick = i;

  self->filling = TRUE;
  gtk_string_list_splice (self->pipeline_list, 0, n, (const char * const *) names);
  gtk_drop_down_set_selected (self->pipeline_dropdown, pick);
  self->filling = FALSE;

  g_free (self->pipeline);
  self->pipeline = g_strdup (names[0] != NULL ? names[pick] : NULL);
  rebuild_columns (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIPELINE]);
}

static void
on_pipeline_dropdown_selected_cb (CrmBoardPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->pipeline_dropdown);

  if (self->filling || selected == GTK_INVALID_LIST_POSITION)
    return;

  crm_board_page_set_pipeline (self, gtk_string_list_get_string (self->pipeline_list, selected));
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  CrmBoardPage *self = user_data;

  self->rebuild_idle_id = 0;
  fill_pipelines (self);

  return G_SOURCE_REMOVE;
}

static void
on_store_config_changed_cb (CrmBoardPage *self)
{
  if (self->rebuild_idle_id == 0)
    self->rebuild_idle_id = g_idle_add (rebuild_idle_cb, self);
}

/* A stage name that arrives with a card (a sync, an import) gets its
 * column, and one that no card names any more loses it. */
static gboolean
stage_names_idle_cb (gpointer user_data)
{
  CrmBoardPage *self = user_data;
  g_auto(GStrv) names = NULL;

  self->stage_names_idle_id = 0;
  if (self->pipeline == NULL)
    return G_SOURCE_REMOVE;

  names = crm_store_dup_stage_names (self->store, self->pipeline);
  if (self->stages == NULL ||
      !g_strv_equal ((const char * const *) names, (const char * const *) self->stages))
    rebuild_columns (self);

  return G_SOURCE_REMOVE;
}

static void
on_store_opportunities_changed_cb (CrmBoardPage *self)
{
  if (self->stage_names_idle_id == 0)
    self->stage_names_idle_id = g_idle_add_full (G_PRIORITY_LOW, stage_names_idle_cb,
                                                 self, NULL);
}

static gboolean
reload_me (CrmBoardPage *self)
{
  g_autofree char *email = crm_store_dup_setting (self->store, "me.email");
  g_autofree char *name = crm_store_dup_setting (self->store, "me.name");

  if (g_strcmp0 (email, self->me_email) == 0 && g_strcmp0 (name, self->me_name) == 0)
    return FALSE;

  g_free (self->me_email);
  g_free (self->me_name);
  self->me_email = g_steal_pointer (&email);
  self->me_name = g_steal_pointer (&name);

  return TRUE;
}

static void
on_store_settings_changed_cb (CrmBoardPage *self)
{
  if (!reload_me (self))
    return;

  for (guint i = 0; i < self->columns->len; i++)
    crm_board_column_set_context (g_ptr_array_index (self->columns, i),
                                  self->me_email, self->me_name,
                                  (const char * const *) self->stages);
  queue_owners (self);
}

static void
on_ensure_pipelines_done_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!crm_store_ensure_default_pipelines_finish (CRM_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Failed to add the default pipelines: %s", error->message);
}

void
_crm_board_page_emit_customer_activated (CrmBoardPage *self,
                                         gint64        customer_id)
{
  g_signal_emit (self, signals[SIGNAL_CUSTOMER_ACTIVATED], 0, customer_id);
}

/* GObject */

static void
crm_board_page_constructed (GObject *object)
{
  CrmBoardPage *self = CRM_BOARD_PAGE (object);

  G_OBJECT_CLASS (crm_board_page_parent_class)->constructed (object);

  g_assert (CRM_IS_STORE (self->store));

  reload_me (self);
  rebuild_view_filter (self);
  fill_pipelines (self);
  queue_owners (self);

  g_signal_connect_object (self->store, "changed::pipelines",
                           G_CALLBACK (on_store_config_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed::stages",
                           G_CALLBACK (on_store_config_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed::opportunities",
                           G_CALLBACK (on_store_opportunities_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed::settings",
                           G_CALLBACK (on_store_settings_changed_cb), self, G_CONNECT_SWAPPED);

  crm_store_ensure_default_pipelines_async (self->store, self->cancellable,
                                            on_ensure_pipelines_done_cb, NULL);
}

static void
crm_board_page_dispose (GObject *object)
{
  CrmBoardPage *self = CRM_BOARD_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->rebuild_idle_id, g_source_remove);
  g_clear_handle_id (&self->stage_names_idle_id, g_source_remove);
  g_clear_handle_id (&self->owners_idle_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  if (self->reason_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->reason_dialog));
  g_clear_weak_pointer (&self->reason_dialog);
  g_clear_weak_pointer (&self->last_toast);

  if (self->columns != NULL)
    g_ptr_array_set_size (self->columns, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_BOARD_PAGE);
  /* The template's unnamed boxes are children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_board_page_parent_class)->dispose (object);
}

static void
crm_board_page_finalize (GObject *object)
{
  CrmBoardPage *self = CRM_BOARD_PAGE (object);

  g_clear_pointer (&self->pipeline, g_free);
  g_clear_pointer (&self->stages, g_strfreev);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->hidden, g_hash_table_unref);
  g_clear_pointer (&self->refused, g_hash_table_unref);
  g_clear_pointer (&self->view_filter, crm_filter_unref);
  g_clear_pointer (&self->me_email, g_free);
  g_clear_pointer (&self->me_name, g_free);

  G_OBJECT_CLASS (crm_board_page_parent_class)->finalize (object);
}

static void
crm_board_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrmBoardPage *self = CRM_BOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_PIPELINE:
      g_value_set_string (value, self->pipeline);
      break;

    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_board_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CrmBoardPage *self = CRM_BOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_PIPELINE:
      crm_board_page_set_pipeline (self, g_value_get_string (value));
      break;

    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_board_page_class_init (CrmBoardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_board_page_constructed;
  object_class->dispose = crm_board_page_dispose;
  object_class->finalize = crm_board_page_finalize;
  object_class->get_property = crm_board_page_get_property;
  object_class->set_property = crm_board_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CRM_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));
  properties[PROP_PIPELINE] =
    g_param_spec_string ("pipeline", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrmBoardPage::customer-activated:
   * @self: the page
   * @customer_id: the customer of the card that was opened
   */
  signals[SIGNAL_CUSTOMER_ACTIVATED] =
    g_signal_new ("customer-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  _crm_board_page_install_actions (widget_class);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gui/crm-board-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmBoardPage, pipeline_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardPage, pipeline_list);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardPage, owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardPage, owner_list);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardPage, closing_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardPage, amount_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardPage, stages_button);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardPage, stages_box);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardPage, clear_button);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardPage, columns_box);
  gtk_widget_class_bind_template_callback (widget_class, on_pipeline_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);

  gtk_widget_class_set_css_name (widget_class, "board-page");
}

static void
crm_board_page_init (CrmBoardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->columns = g_ptr_array_new ();
  self->hidden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * crm_board_page_new:
 * @store: the open profile
 *
 * Returns: (transfer floating): the board, on the first pipeline
 */
GtkWidget *
crm_board_page_new (CrmStore *store)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  return g_object_new (CRM_TYPE_BOARD_PAGE, "store", store, NULL);
}

/**
 * crm_board_page_set_refused:
 * @self: a #CrmBoardPage
 * @refused: (nullable) (element-type gint64 utf8): the server's message
 *   for each opportunity whose last change it refused, by id
 *
 * Marks the cards of those opportunities, the message as the mark's
 * tooltip (case K2 (c)).
 */
void
crm_board_page_set_refused (CrmBoardPage *self,
                            GHashTable   *refused)
{
  g_return_if_fail (CRM_IS_BOARD_PAGE (self));

  if (refused != NULL)
    g_hash_table_ref (refused);
  g_clear_pointer (&self->refused, g_hash_table_unref);
  self->refused = refused;

  for (guint i = 0; i < self->columns->len; i++)
    crm_board_column_set_refused (g_ptr_array_index (self->columns, i), refused);
}

/**
 * crm_board_page_get_pipeline:
 * @self: a #CrmBoardPage
 *
 * Returns: (nullable): the pipeline shown
 */
const char *
crm_board_page_get_pipeline (CrmBoardPage *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_PAGE (self), NULL);

  return self->pipeline;
}

/**
 * crm_board_page_set_pipeline:
 * @self: a #CrmBoardPage
 * @pipeline: a pipeline's name
 */
void
crm_board_page_set_pipeline (CrmBoardPage *self,
                             const char   *pipeline)
{
  guint n;

  g_return_if_fail (CRM_IS_BOARD_PAGE (self));

  if (pipeline == NULL || g_strcmp0 (self->pipeline, pipeline) == 0)
    return;

  g_free (self->pipeline);
  self->pipeline = g_strdup (pipeline);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->pipeline_list));
  self->filling = TRUE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->pipeline_list, i), pipeline) == 0)
      gtk_drop_down_set_selected (self->pipeline_dropdown, i);
  self->filling = FALSE;

  rebuild_columns (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIPELINE]);
}

/**
 * crm_board_page_get_stages:
 * @self: a #CrmBoardPage
 *
 * Returns: (nullable) (array zero-terminated=1): the stages shown as
 *   columns, configured ones first
 */
const char * const *
crm_board_page_get_stages (CrmBoardPage *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_PAGE (self), NULL);

  return (const char * const *) self->stages;
}

/**
 * crm_board_page_get_column:
 * @self: a #CrmBoardPage
 * @stage: a stage
 *
 * Returns: (transfer none) (nullable): the stage's column
 */
CrmBoardColumn *
crm_board_page_get_column (CrmBoardPage *self,
                           const char   *stage)
{
  g_return_val_if_fail (CRM_IS_BOARD_PAGE (self), NULL);

  for (guint i = 0; i < self->columns->len; i++)
    {
      CrmBoardColumn *column = g_ptr_array_index (self->columns, i);

      if (g_strcmp0 (crm_board_column_get_stage (column), stage) == 0)
        return column;
    }

  return NULL;
}

/**
 * crm_board_page_get_stage_hidden:
 * @self: a #CrmBoardPage
 * @stage: a stage of the pipeline shown
 *
 * Returns: whether the filter hides the stage
 */
gboolean
crm_board_page_get_stage_hidden (CrmBoardPage *self,
                                 const char   *stage)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (CRM_IS_BOARD_PAGE (self), FALSE);
  g_return_val_if_fail (stage != NULL, FALSE);

  if (self->pipeline == NULL)
    return FALSE;

  key = hidden_key (self->pipeline, stage);
  return g_hash_table_contains (self->hidden, key);
}

/**
 * crm_board_page_set_stage_hidden:
 * @self: a #CrmBoardPage
 * @stage: a stage of the pipeline shown
 * @hidden: whether to hide it: its column collapses to a narrow strip
 *   that still takes drops
 */
void
crm_board_page_set_stage_hidden (CrmBoardPage *self,
                                 const char   *stage,
                                 gboolean      hidden)
{
  g_autofree char *key = NULL;
  CrmBoardColumn *column;

  g_return_if_fail (CRM_IS_BOARD_PAGE (self));
  g_return_if_fail (stage != NULL);

  if (self->pipeline == NULL || crm_board_page_get_stage_hidden (self, stage) == !!hidden)
    return;

  key = hidden_key (self->pipeline, stage);
  if (hidden)
    g_hash_table_add (self->hidden, g_steal_pointer (&key));
  else
    g_hash_table_remove (self->hidden, key);

  column = crm_board_page_get_column (self, stage);
  if (column != NULL)
    crm_board_column_set_collapsed (column, hidden);

  for (GtkWidget *check = gtk_widget_get_first_child (GTK_WIDGET (self->stages_box));
       check != NULL;
       check = gtk_widget_get_next_sibling (check))
    if (g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), stage) == 0)
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), !hidden);

  update_filter_state (self);
}

/**
 * crm_board_page_set_filters:
 * @self: a #CrmBoardPage
 * @owner: (nullable): %NULL for anyone, "me", or an owner's email
 * @closing: which close dates
 * @min_amount: the least amount, in whole units of each currency: 0,
 *   1000, 10000 or 100000
 *
 * Sets the filters as a person would with the filter bar.
 */
void
crm_board_page_set_filters (CrmBoardPage    *self,
                            const char      *owner,
                            CrmBoardClosing  closing,
                            gint64           min_amount)
{
  guint owner_index = 0;
  guint amount_index = 0;

  g_return_if_fail (CRM_IS_BOARD_PAGE (self));

  if (g_strcmp0 (owner, "me") == 0)
    owner_index = 1;
  else if (owner != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->owner_list));

      for (owner_index = 2; owner_index < n; owner_index++)
        if (g_strcmp0 (gtk_string_list_get_string (self->owner_list, owner_index), owner) == 0)
          break;
      if (owner_index == n)
        gtk_string_list_append (self->owner_list, owner);
    }

  for (guint i = 0; i < G_N_ELEMENTS (amount_choices); i++)
    if (amount_choices[i] == min_amount)
      amount_index = i;

  self->filling = TRUE;
  gtk_drop_down_set_selected (self->owner_dropdown, owner_index);
  gtk_drop_down_set_selected (self->closing_dropdown, closing);
  gtk_drop_down_set_selected (self->amount_dropdown, amount_index);
  self->filling = FALSE;

  rebuild_view_filter (self);
}

/**
 * crm_board_page_get_view_filter:
 * @self: a #CrmBoardPage
 *
 * Returns: (transfer none): what the filter bar asks of every card
 */
CrmFilter *
crm_board_page_get_view_filter (CrmBoardPage *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_PAGE (self), NULL);

  return self->view_filter;
}
