/* crm-board-column-list.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-board-column"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-board-column-private.h"
#include "crm-customer.h"
#include "crm-date.h"
#include "crm-query-model.h"
#include "crm-stage.h"
#include "crm-store-board.h"

/* A column's list of cards: the query model of its stage under the
 * board's filters, the factory that makes and binds the cards, what a card
 * needs of its customer (kept per column), and the store's changes that
 * show again what cards show or add the column up again. */

/* A changed row beyond this many makes every column add up again rather
 * than look each id up (a renumbered column, a sync page). */
#define MANY_CHANGES 64

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     CrmBoardColumn           *self)
{
  gtk_list_item_set_child (item, crm_opportunity_card_new ());
}

/* What a card needs of its customer, kept per column: the list binds
 * cards again whenever rows shift (a card dropped at the top), and that
 * must not cost two queries a card. Edits of customers, tasks and the
 * timeline empty it. */
typedef struct
{
  char      *name;
  GDateTime *last_activity_at;
  int        has_future_task;   /* -1: not asked yet */
} CustomerFacts;

void
_crm_board_column_customer_facts_free (gpointer data)
{
  CustomerFacts *facts = data;

  g_free (facts->name);
  g_clear_pointer (&facts->last_activity_at, g_date_time_unref);
  g_free (facts);
}

static CustomerFacts *
lookup_customer (CrmBoardColumn *self,
                 gint64          customer_id)
{
  g_autoptr(GObject) customer = NULL;
  CustomerFacts *facts;
  GDateTime *last;

  facts = g_hash_table_lookup (self->customers, &customer_id);
  if (facts != NULL)
    return facts;

  customer = crm_store_load (self->store, CRM_ENTITY_CUSTOMER, customer_id, NULL);
  facts = g_new0 (CustomerFacts, 1);
  facts->has_future_task = -1;
  if (customer != NULL)
    {
      facts->name = g_strdup (crm_customer_get_display_name (CRM_CUSTOMER (customer)));
      last = crm_customer_get_last_activity_at (CRM_CUSTOMER (customer));
      facts->last_activity_at = last != NULL ? g_date_time_ref (last) : NULL;
    }

  g_hash_table_insert (self->customers, g_memdup2 (&customer_id, sizeof customer_id), facts);

  return facts;
}

static void
show_customer (CrmBoardColumn     *self,
               CrmOpportunityCard *card)
{
  CrmOpportunity *opportunity = crm_opportunity_card_get_opportunity (card);
  gint64 customer_id = crm_opportunity_get_customer_id (opportunity);
  CustomerFacts *facts = lookup_customer (self, customer_id);
  g_autoptr(GDate) today = NULL;
  gint64 stale_days = 0;
  gboolean stale = FALSE;
  guint idle_days = 0;

  crm_opportunity_card_set_customer_name (card, facts->name != NULL ? facts->name
                                                                    : _("Unknown customer"));

  if (self->stage_config != NULL)
    stale_days = crm_stage_get_stale_days (self->stage_config);

  if (stale_days > 0 && facts->name != NULL &&
      crm_opportunity_get_closed_on (opportunity) == NULL)
    {
      if (facts->has_future_task < 0)
        facts->has_future_task = crm_store_has_future_task (self->store, customer_id);

      today = crm_date_today_local ();
      stale = crm_opportunity_card_is_stale (opportunity, facts->last_activity_at, stale_days,
                                             facts->has_future_task, today, &idle_days);
    }

  crm_opportunity_card_set_stale (card, stale, idle_days);
}

static void
show_refused (CrmBoardColumn     *self,
              CrmOpportunityCard *card)
{
  gint64 id = crm_opportunity_card_get_id (card);

  crm_opportunity_card_set_refused (card, self->refused != NULL
                                          ? g_hash_table_lookup (self->refused, &id) : NULL);
}

static void
bind_card (CrmBoardColumn     *self,
           CrmOpportunityCard *card,
           CrmOpportunity     *opportunity)
{
  crm_opportunity_card_set_me (card, self->me_email, self->me_name);
  crm_opportunity_card_set_stages (card, (const char * const *) self->stages);
  crm_opportunity_card_set_opportunity (card, opportunity);
  show_customer (self, card);
  show_refused (self, card);
}

static gboolean
refresh_customers_idle_cb (gpointer user_data)
{
  CrmBoardColumn *self = user_data;

  self->customers_idle_id = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *card = _crm_board_column_card_of_row (self, row);

      if (card != NULL)
        show_customer (self, CRM_OPPORTUNITY_CARD (card));
    }

  return G_SOURCE_REMOVE;
}

static void
on_store_customers_changed_cb (CrmBoardColumn *self)
{
  g_hash_table_remove_all (self->customers);

  if (self->customers_idle_id == 0)
    self->customers_idle_id = g_idle_add_full (G_PRIORITY_LOW, refresh_customers_idle_cb,
                                               self, NULL);
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    CrmBoardColumn           *self)
{
  CrmOpportunityCard *card = CRM_OPPORTUNITY_CARD (gtk_list_item_get_child (item));
  CrmOpportunity *opportunity = CRM_OPPORTUNITY (gtk_list_item_get_item (item));

  g_hash_table_add (self->bound_cards, card);
  if (crm_opportunity_card_get_opportunity (card) != opportunity)
    bind_card (self, card, opportunity);
}

static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      CrmBoardColumn           *self)
{
  GtkWidget *card = gtk_list_item_get_child (item);

  if (card == GTK_WIDGET (self->marked_card))
    _crm_board_column_clear_mark (self);

  /* The card keeps its opportunity: GTK 4.8 unbinds and binds again every
   * row below a card added above them, mostly to the same item, and then
   * there is nothing to redo. */
  g_hash_table_remove (self->bound_cards, card);
}

static void
on_model_items_changed_cb (CrmBoardColumn *self,
                           guint           position,
                           guint           removed,
                           guint           added,
                           GListModel     *model)
{
  _crm_board_column_update_count (self);
  _crm_board_column_queue_totals (self);
}

/* An edit of a card this column shows may change its sums; new cards and
 * cards that left come through items-changed. */
static void
on_store_changed_cb (CrmBoardColumn *self,
                     const char     *table,
                     GArray         *ids,
                     CrmStore       *store)
{
  if (ids->len > MANY_CHANGES)
    {
      _crm_board_column_queue_totals (self);
      return;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      if (crm_query_model_find (self->model, g_array_index (ids, gint64, i)) != G_MAXUINT)
        {
          _crm_board_column_queue_totals (self);
          return;
        }
    }
}

void
_crm_board_column_rebuild_model_filter (CrmBoardColumn *self)
{
  g_clear_pointer (&self->filter, crm_filter_unref);
  self->filter = crm_board_column_filter_new (self->pipeline, self->stage, self->view_filter);

  if (self->model != NULL)
    {
      crm_query_model_set_filter (self->model, self->filter);
      _crm_board_column_queue_totals (self);
    }
}

void
_crm_board_column_set_up_list (CrmBoardColumn *self)
{
  static const char * const customer_tables[] = { "customers", "tasks", "activities" };
  GtkListItemFactory *factory;

  self->model = crm_query_model_new (self->store, CRM_ENTITY_OPPORTUNITY);
  crm_query_model_set_sort (self->model, "board_position", FALSE);
  crm_query_model_set_filter (self->model, self->filter);
  g_signal_connect_object (self->model, "items-changed",
                           G_CALLBACK (on_model_items_changed_cb), self, G_CONNECT_SWAPPED);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (on_factory_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (on_factory_bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), self, 0);

  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_object_unref (factory);

  g_signal_connect_object (self->store, "changed::opportunities",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);

  for (guint i = 0; i < G_N_ELEMENTS (customer_tables); i++)
    {
      g_autofree char *signal = g_strconcat ("changed::", customer_tables[i], NULL);

      g_signal_connect_object (self->store, signal,
                               G_CALLBACK (on_store_customers_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
}

/**
 * crm_board_column_set_context:
 * @self: a #CrmBoardColumn
 * @me_email: (nullable): the email of "me"
 * @me_name: (nullable): the name of "me"
 * @stages: (array zero-terminated=1): the pipeline's stages
 *
 * Tells the column what its cards need to know about the board.
 */
void
crm_board_column_set_context (CrmBoardColumn     *self,
                              const char         *me_email,
                              const char         *me_name,
                              const char * const *stages)
{
  g_return_if_fail (CRM_IS_BOARD_COLUMN (self));

  g_free (self->me_email);
  g_free (self->me_name);
  g_strfreev (self->stages);
  self->me_email = g_strdup (me_email);
  self->me_name = g_strdup (me_name);
  self->stages = g_strdupv ((char **) stages);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *card = _crm_board_column_card_of_row (self, row);

      if (card == NULL)
        continue;

      crm_opportunity_card_set_me (CRM_OPPORTUNITY_CARD (card), me_email, me_name);
      crm_opportunity_card_set_stages (CRM_OPPORTUNITY_CARD (card), stages);
    }
}

/**
 * crm_board_column_set_refused:
 * @self: a #CrmBoardColumn
 * @refused: (nullable) (element-type gint64 utf8): the server's message
 *   for each opportunity whose last change it refused, by id
 *
 * Marks the cards whose change the server refused (case K2 (c)).
 */
void
crm_board_column_set_refused (CrmBoardColumn *self,
                              GHashTable     *refused)
{
  g_return_if_fail (CRM_IS_BOARD_COLUMN (self));

  if (refused != NULL)
    g_hash_table_ref (refused);
  g_clear_pointer (&self->refused, g_hash_table_unref);
  self->refused = refused;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *card = _crm_board_column_card_of_row (self, row);

      if (card != NULL && crm_opportunity_card_get_opportunity (CRM_OPPORTUNITY_CARD (card)))
        show_refused (self, CRM_OPPORTUNITY_CARD (card));
    }
}
