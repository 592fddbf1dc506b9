/* crm-board-column.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-board-column"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-customer.h"
#include "crm-date.h"
#include "crm-filter.h"
#include "crm-query-model.h"
#include "crm-stage.h"
#include "crm-store-board.h"
#include "crm-store-pipelines.h"
#include "crm-board-column.h"

/* A changed row beyond this many makes every column add up again rather
 * than look each id up (a renumbered column, a sync page). */
#define MANY_CHANGES 64

/* One stage of the board: a header with the count and the sums, and the
 * cards as a virtualized list over a query model, so that a stage of
 * thousands costs only the cards in view. The whole column is a drop
 * target; a hidden stage collapses to a narrow strip that still takes
 * drops. What a drop means is the page's business: the column only says
 * which card landed at which index. */
struct _CrmBoardColumn
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkWidget          *expanded_box;
  GtkLabel           *name_label;
  GtkLabel           *count_label;
  GtkLabel           *note_label;
  GtkWidget          *totals_grid;
  GtkLabel           *sums_label;
  GtkLabel           *weighted_label;
  GtkStack           *body_stack;
  GtkListView        *list_view;
  GtkWidget          *collapsed_box;
  GtkButton          *expand_button;
  GtkLabel           *collapsed_count_label;
  GtkFixed           *collapsed_name_fixed;

  /* Owned */
  CrmStore           *store;
  char               *pipeline;
  char               *stage;
  CrmStage           *stage_config;
  CrmFilter          *view_filter;
  CrmFilter          *filter;
  CrmQueryModel      *model;
  GtkSingleSelection *selection;
  CrmBoardTotals     *totals;
  GHashTable         *customers;    /* gint64 * -> CustomerFacts */
  GHashTable         *bound_cards;  /* CrmOpportunityCard, borrowed */
  char               *sums_text;
  char               *weighted_text;
  GtkDropTarget      *drop_target;
  char               *me_email;
  char               *me_name;
  GStrv               stages;
  GHashTable         *refused;      /* gint64 * -> the server's message */

  /* Borrowed */
  GtkLabel           *collapsed_name_label;
  CrmOpportunityCard *marked_card;

  /* State */
  gboolean            collapsed;
  guint               totals_idle_id;
  guint               customers_idle_id;
  guint               focus_tick_id;
  guint               focus_tries;
  guint               scroll_tick_id;
  double              scroll_step;
  gint64              pending_focus_id;
};

G_DEFINE_FINAL_TYPE (CrmBoardColumn, crm_board_column, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COLLAPSED,
  N_PROPS
};

enum {
  SIGNAL_CARD_DROPPED,
  SIGNAL_CARD_ACTIVATED,
  SIGNAL_EXPAND_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* A long list of sums wraps between currencies, never inside an amount. */
static char *
wrap_between_sums (const char *text)
{
  g_autoptr(GString) shown = g_string_new (text);

  g_string_replace (shown, " ", "\u00a0", 0);
  g_string_replace (shown, "\u00a0·\u00a0", "\u00a0· ", 0);

  return g_string_free (g_steal_pointer (&shown), FALSE);
}

static void
update_totals_labels (CrmBoardColumn *self)
{
  g_autofree char *sums = NULL;
  g_autofree char *weighted = NULL;

  g_free (self->sums_text);
  g_free (self->weighted_text);
  self->sums_text = crm_board_totals_format_sums (self->totals);
  self->weighted_text = crm_board_totals_format_weighted (self->totals);

  sums = wrap_between_sums (self->sums_text);
  weighted = wrap_between_sums (self->weighted_text);
  gtk_label_set_label (self->sums_label, sums);
  gtk_label_set_label (self->weighted_label, weighted);
  gtk_widget_set_visible (self->totals_grid, crm_board_totals_get_count (self->totals) > 0);
}

/**
 * crm_board_column_refresh_totals:
 * @self: a #CrmBoardColumn
 *
 * Adds up the column again now.
 */
void
crm_board_column_refresh_totals (CrmBoardColumn *self)
{
  g_autoptr(CrmBoardTotals) totals = NULL;

  g_return_if_fail (CRM_IS_BOARD_COLUMN (self));

  g_clear_handle_id (&self->totals_idle_id, g_source_remove);

  totals = crm_store_dup_stage_totals (self->store, self->pipeline, self->stage,
                                       self->view_filter);
  if (crm_board_totals_equal (totals, self->totals))
    return;

  g_clear_pointer (&self->totals, crm_board_totals_unref);
  self->totals = g_steal_pointer (&totals);
  update_totals_labels (self);
}

static gboolean
totals_idle_cb (gpointer user_data)
{
  CrmBoardColumn *self = user_data;

  self->totals_idle_id = 0;
  crm_board_column_refresh_totals (self);

  return G_SOURCE_REMOVE;
}

/* Right after the models' own refresh (G_PRIORITY_HIGH_IDLE) and before
 * the frame is laid out, so that counts and sums change in one frame. */
static void
queue_totals (CrmBoardColumn *self)
{
  if (self->totals_idle_id == 0)
    self->totals_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 5, totals_idle_cb,
                                            self, NULL);
}

static void
update_count (CrmBoardColumn *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *count = g_strdup_printf ("%u", n);

  gtk_label_set_label (self->count_label, count);
  gtk_label_set_label (self->collapsed_count_label, count);
  gtk_stack_set_visible_child_name (self->body_stack, n > 0 ? "cards" : "empty");
}

/* Focus and the drop mark */

/* The card a row of the list shows, when the row is bound to an item. */
static GtkWidget *
card_of_row (CrmBoardColumn *self,
             GtkWidget      *row)
{
  GtkWidget *child = gtk_widget_get_first_child (row);

  if (!CRM_IS_OPPORTUNITY_CARD (child) || !g_hash_table_contains (self->bound_cards, child))
    return NULL;

  return child;
}

/**
 * crm_board_column_find_card:
 * @self: a #CrmBoardColumn
 * @id: an opportunity
 *
 * Returns: (transfer none) (nullable): the card showing @id, when the list
 *   has made one (it makes them for the cards in view, and a few more)
 */
CrmOpportunityCard *
crm_board_column_find_card (CrmBoardColumn *self,
                            gint64          id)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *card = card_of_row (self, row);

      if (card != NULL && crm_opportunity_card_get_id (CRM_OPPORTUNITY_CARD (card)) == id)
        return CRM_OPPORTUNITY_CARD (card);
    }

  return NULL;
}

/* Focus goes to the card's row, which the list makes only for cards in
 * view: scroll there first, and try again on the next frames. */
static gboolean
try_focus (CrmBoardColumn *self,
           gint64          id)
{
  guint position = crm_query_model_find (self->model, id);
  CrmOpportunityCard *card;

  if (position == G_MAXUINT)
    return FALSE;

  card = crm_board_column_find_card (self, id);
  if (card == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                  position);
      return FALSE;
    }

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  return gtk_widget_grab_focus (gtk_widget_get_parent (GTK_WIDGET (card)));
}

#define FOCUS_TRIES 60

static gboolean
focus_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  CrmBoardColumn *self = user_data;

  if (self->pending_focus_id > 0 && self->focus_tries++ < FOCUS_TRIES &&
      !try_focus (self, self->pending_focus_id))
    return G_SOURCE_CONTINUE;

  self->pending_focus_id = 0;
  self->focus_tick_id = 0;
  return G_SOURCE_REMOVE;
}

/**
 * crm_board_column_focus_card:
 * @self: a #CrmBoardColumn
 * @id: an opportunity
 *
 * Scrolls to the card, selects it and gives it the keyboard focus; when
 * the card is not in the column yet (a move not yet shown), as soon as it
 * arrives.
 */
void
crm_board_column_focus_card (CrmBoardColumn *self,
                             gint64          id)
{
  g_return_if_fail (CRM_IS_BOARD_COLUMN (self));

  self->pending_focus_id = id;
  self->focus_tries = 0;
  if (self->focus_tick_id == 0)
    self->focus_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), focus_tick_cb,
                                                        self, NULL);
}

/**
 * crm_board_column_focus_strip:
 * @self: a collapsed #CrmBoardColumn
 *
 * Gives the keyboard focus to the strip's button that shows the stage.
 */
void
crm_board_column_focus_strip (CrmBoardColumn *self)
{
  g_return_if_fail (CRM_IS_BOARD_COLUMN (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->expand_button));
}

/**
 * crm_board_column_index_at:
 * @self: a #CrmBoardColumn
 * @y: a height in the column's coordinates
 *
 * Finds where a card dropped at @y goes: before the first card whose
 * middle is below @y, else after the last card. Over the header, or on a
 * collapsed column, it goes to the top.
 *
 * Returns: the index in the column's model
 */
guint
crm_board_column_index_at (CrmBoardColumn *self,
                           double          y)
{
  graphene_point_t point;
  guint before = G_MAXUINT;
  guint last = G_MAXUINT;

  g_return_val_if_fail (CRM_IS_BOARD_COLUMN (self), 0);

  if (self->collapsed ||
      !gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (self->list_view),
                                 &GRAPHENE_POINT_INIT (0, y), &point) ||
      point.y < 0)
    return 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *card = card_of_row (self, row);
      graphene_rect_t bounds;
      guint position;

      if (card == NULL ||
          !gtk_widget_compute_bounds (row, GTK_WIDGET (self->list_view), &bounds))
        continue;

      position = crm_query_model_find (self->model,
                                       crm_opportunity_card_get_id (CRM_OPPORTUNITY_CARD (card)));
      if (position == G_MAXUINT)
        continue;

      if (point.y < bounds.origin.y + bounds.size.height / 2)
        before = MIN (before, position);
      else
        last = last == G_MAXUINT ? position : MAX (last, position);
    }

  if (before != G_MAXUINT)
    return before;

  return last != G_MAXUINT ? last + 1 : 0;
}

static void
clear_mark (CrmBoardColumn *self)
{
  if (self->marked_card == NULL)
    return;

  gtk_widget_remove_css_class (GTK_WIDGET (self->marked_card), "drop-before");
  gtk_widget_remove_css_class (GTK_WIDGET (self->marked_card), "drop-after");
  g_clear_weak_pointer (&self->marked_card);
}

/* Shows where a card would land: a line above the card at @index, or
 * below the last card. */
static void
mark_drop (CrmBoardColumn *self,
           guint           index)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  gboolean after = index >= n && n > 0;
  gint64 id = crm_query_model_get_id (self->model, after ? n - 1 : index);
  CrmOpportunityCard *card = id > 0 ? crm_board_column_find_card (self, id) : NULL;

  if (card == self->marked_card)
    return;

  clear_mark (self);
  if (card == NULL)
    return;

  gtk_widget_add_css_class (GTK_WIDGET (card), after ? "drop-after" : "drop-before");
  g_set_weak_pointer (&self->marked_card, card);
}

/* Scrolling while a card is dragged */

#define SCROLL_EDGE 48.0
#define SCROLL_MAX_STEP 24.0

/**
 * crm_board_column_scroll_step:
 * @y: where the pointer is, from the top of the visible cards
 * @height: the height of the visible cards
 *
 * Works out how far to scroll the cards on each frame while a card is
 * dragged over them: near the top or the bottom edge the column scrolls
 * that way, faster the closer the pointer is to the edge, so that a drop
 * can reach the end of a column of thousands.
 *
 * Returns: pixels a frame, negative upwards; 0 away from the edges
 */
double
crm_board_column_scroll_step (double y,
                              double height)
{
  double edge = MIN (SCROLL_EDGE, height / 4);

  if (height <= 0 || edge <= 0)
    return 0;

  if (y < edge)
    return -SCROLL_MAX_STEP * (edge - MAX (y, 0)) / edge;

  if (y > height - edge)
    return SCROLL_MAX_STEP * (MIN (y, height) - (height - edge)) / edge;

  return 0;
}

static void
stop_scrolling (CrmBoardColumn *self)
{
  if (self->scroll_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick_id);
  self->scroll_tick_id = 0;
  self->scroll_step = 0;
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  CrmBoardColumn *self = user_data;
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));

  if (self->scroll_step == 0 || adjustment == NULL)
    {
      self->scroll_tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + self->scroll_step);

  return G_SOURCE_CONTINUE;
}

static void
scroll_near_edges (CrmBoardColumn *self,
                   double          y)
{
  GtkWidget *viewport = gtk_widget_get_parent (GTK_WIDGET (self->list_view));
  graphene_point_t point;

  if (self->collapsed ||
      !gtk_widget_compute_point (GTK_WIDGET (self), viewport, &GRAPHENE_POINT_INIT (0, y),
                                 &point))
    {
      stop_scrolling (self);
      return;
    }

  self->scroll_step = crm_board_column_scroll_step (point.y, gtk_widget_get_height (viewport));
  if (self->scroll_step == 0)
    stop_scrolling (self);
  else if (self->scroll_tick_id == 0)
    self->scroll_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_tick_cb,
                                                         self, NULL);
}

static GdkDragAction
on_drop_target_motion_cb (GtkDropTarget  *target,
                          double          x,
                          double          y,
                          CrmBoardColumn *self)
{
  scroll_near_edges (self, y);
  mark_drop (self, crm_board_column_index_at (self, y));

  return GDK_ACTION_MOVE;
}

static void
on_drop_target_leave_cb (GtkDropTarget  *target,
                         CrmBoardColumn *self)
{
  stop_scrolling (self);
  clear_mark (self);
}

static gboolean
on_drop_target_drop_cb (GtkDropTarget  *target,
                        const GValue   *value,
                        double          x,
                        double          y,
                        CrmBoardColumn *self)
{
  gint64 id;

  stop_scrolling (self);
  clear_mark (self);

  if (!G_VALUE_HOLDS_INT64 (value) || (id = g_value_get_int64 (value)) <= 0)
    return FALSE;

  g_signal_emit (self, signals[SIGNAL_CARD_DROPPED], 0, id,
                 crm_board_column_index_at (self, y));

  return TRUE;
}

/* The list */

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

static void
customer_facts_free (gpointer data)
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
      GtkWidget *card = card_of_row (self, row);

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
    clear_mark (self);

  /* The card keeps its opportunity: GTK 4.8 unbinds and binds again every
   * row below a card added above them, mostly to the same item, and then
   * there is nothing to redo. */
  g_hash_table_remove (self->bound_cards, card);
}

static void
on_list_view_activate_cb (CrmBoardColumn *self,
                          guint           position,
                          GtkListView    *list_view)
{
  gint64 id = crm_query_model_get_id (self->model, position);

  if (id > 0)
    g_signal_emit (self, signals[SIGNAL_CARD_ACTIVATED], 0, id);
}

static void
on_model_items_changed_cb (CrmBoardColumn *self,
                           guint           position,
                           guint           removed,
                           guint           added,
                           GListModel     *model)
{
  update_count (self);
  queue_totals (self);
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
      queue_totals (self);
      return;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      if (crm_query_model_find (self->model, g_array_index (ids, gint64, i)) != G_MAXUINT)
        {
          queue_totals (self);
          return;
        }
    }
}

static void
on_expand_button_clicked_cb (CrmBoardColumn *self,
                             GtkButton      *button)
{
  g_signal_emit (self, signals[SIGNAL_EXPAND_REQUESTED], 0);
}

/* A collapsed column writes its stage's name downwards. */
static void
update_collapsed_name (CrmBoardColumn *self)
{
  GskTransform *transform;
  int width, height;

  gtk_widget_measure (GTK_WIDGET (self->collapsed_name_label), GTK_ORIENTATION_HORIZONTAL, -1,
                      NULL, &width, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->collapsed_name_label), GTK_ORIENTATION_VERTICAL, width,
                      NULL, &height, NULL, NULL);

  transform = gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (height, 0));
  transform = gsk_transform_rotate (transform, 90);
  gtk_fixed_set_child_transform (self->collapsed_name_fixed,
                                 GTK_WIDGET (self->collapsed_name_label), transform);
  gsk_transform_unref (transform);
}

static void
rebuild_model_filter (CrmBoardColumn *self)
{
  g_clear_pointer (&self->filter, crm_filter_unref);
  self->filter = crm_board_column_filter_new (self->pipeline, self->stage, self->view_filter);

  if (self->model != NULL)
    {
      crm_query_model_set_filter (self->model, self->filter);
      queue_totals (self);
    }
}

static void
set_up_list (CrmBoardColumn *self)
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

static void
crm_board_column_dispose (GObject *object)
{
  CrmBoardColumn *self = CRM_BOARD_COLUMN (object);
  GtkWidget *child;

  g_clear_handle_id (&self->totals_idle_id, g_source_remove);
  g_clear_handle_id (&self->customers_idle_id, g_source_remove);
  stop_scrolling (self);
  if (self->focus_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->focus_tick_id);
  self->focus_tick_id = 0;
  clear_mark (self);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_BOARD_COLUMN);
  /* The template's unnamed boxes are children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->stage_config);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_board_column_parent_class)->dispose (object);
}

static void
crm_board_column_finalize (GObject *object)
{
  CrmBoardColumn *self = CRM_BOARD_COLUMN (object);

  g_clear_pointer (&self->pipeline, g_free);
  g_clear_pointer (&self->stage, g_free);
  g_clear_pointer (&self->view_filter, crm_filter_unref);
  g_clear_pointer (&self->filter, crm_filter_unref);
  g_clear_pointer (&self->totals, crm_board_totals_unref);
  g_clear_pointer (&self->customers, g_hash_table_unref);
  g_clear_pointer (&self->refused, g_hash_table_unref);
  g_clear_pointer (&self->bound_cards, g_hash_table_unref);
  g_clear_pointer (&self->sums_text, g_free);
  g_clear_pointer (&self->weighted_text, g_free);
  g_clear_pointer (&self->me_email, g_free);
  g_clear_pointer (&self->me_name, g_free);
  g_clear_pointer (&self->stages, g_strfreev);

  G_OBJECT_CLASS (crm_board_column_parent_class)->finalize (object);
}

static void
crm_board_column_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CrmBoardColumn *self = CRM_BOARD_COLUMN (object);

  switch (prop_id)
    {
    case PROP_COLLAPSED:
      g_value_set_boolean (value, self->collapsed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_board_column_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CrmBoardColumn *self = CRM_BOARD_COLUMN (object);

  switch (prop_id)
    {
    case PROP_COLLAPSED:
      crm_board_column_set_collapsed (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_board_column_class_init (CrmBoardColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_board_column_dispose;
  object_class->finalize = crm_board_column_finalize;
  object_class->get_property = crm_board_column_get_property;
  object_class->set_property = crm_board_column_set_property;

  properties[PROP_COLLAPSED] =
    g_param_spec_boolean ("collapsed", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrmBoardColumn::card-dropped:
   * @self: the column
   * @id: the opportunity dropped
   * @index: where in the column's model it landed, counted with the card
   *   itself when it comes from this column
   */
  signals[SIGNAL_CARD_DROPPED] =
    g_signal_new ("card-dropped",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_UINT);

  signals[SIGNAL_CARD_ACTIVATED] =
    g_signal_new ("card-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  signals[SIGNAL_EXPAND_REQUESTED] =
    g_signal_new ("expand-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gui/crm-board-column.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumn, expanded_box);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumn, name_label);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumn, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumn, note_label);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumn, totals_grid);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumn, sums_label);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumn, weighted_label);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumn, body_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumn, list_view);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumn, collapsed_box);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumn, expand_button);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumn, collapsed_count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumn, collapsed_name_fixed);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_expand_button_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "board-column");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
crm_board_column_init (CrmBoardColumn *self)
{
  GtkWidget *label;

  gtk_widget_init_template (GTK_WIDGET (self));

  label = gtk_label_new (NULL);
  gtk_widget_add_css_class (label, "heading");
  gtk_fixed_put (self->collapsed_name_fixed, label, 0, 0);
  self->collapsed_name_label = GTK_LABEL (label);

  self->totals = crm_board_totals_new ();
  self->customers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                           customer_facts_free);
  self->bound_cards = g_hash_table_new (NULL, NULL);

  self->drop_target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
  g_signal_connect (self->drop_target, "motion", G_CALLBACK (on_drop_target_motion_cb), self);
  g_signal_connect (self->drop_target, "leave", G_CALLBACK (on_drop_target_leave_cb), self);
  g_signal_connect (self->drop_target, "drop", G_CALLBACK (on_drop_target_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->drop_target));
}

/**
 * crm_board_column_new:
 * @store: the store
 * @pipeline: the board's pipeline
 * @stage: the column's stage, configured or not
 * @view_filter: (nullable): the board's filters
 *
 * Returns: (transfer floating): a new column
 */
GtkWidget *
crm_board_column_new (CrmStore   *store,
                      const char *pipeline,
                      const char *stage,
                      CrmFilter  *view_filter)
{
  CrmBoardColumn *self;
  g_autofree char *expand = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (pipeline != NULL && stage != NULL, NULL);

  self = g_object_new (CRM_TYPE_BOARD_COLUMN, NULL);
  self->store = g_object_ref (store);
  self->pipeline = g_strdup (pipeline);
  self->stage = g_strdup (stage);
  self->stage_config = crm_store_find_stage (store, pipeline, stage);
  self->view_filter = view_filter != NULL ? crm_filter_ref (view_filter) : NULL;

  gtk_label_set_label (self->name_label, stage);
  gtk_label_set_label (self->collapsed_name_label, stage);
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), self->stage_config == NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, stage, -1);
  /* Translators: %s is a stage of the pipeline */
  expand = g_strdup_printf (_("Show %s"), stage);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->expand_button), expand);

  rebuild_model_filter (self);
  set_up_list (self);
  update_count (self);
  update_totals_labels (self);
  crm_board_column_refresh_totals (self);

  return GTK_WIDGET (self);
}

/**
 * crm_board_column_get_stage:
 * @self: a #CrmBoardColumn
 *
 * Returns: the column's stage
 */
const char *
crm_board_column_get_stage (CrmBoardColumn *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN (self), NULL);

  return self->stage;
}

/**
 * crm_board_column_is_configured:
 * @self: a #CrmBoardColumn
 *
 * Returns: whether the stage is configured, rather than only named on
 *   opportunities
 */
gboolean
crm_board_column_is_configured (CrmBoardColumn *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN (self), FALSE);

  return self->stage_config != NULL;
}

/**
 * crm_board_column_set_view_filter:
 * @self: a #CrmBoardColumn
 * @view_filter: (nullable): the board's filters
 */
void
crm_board_column_set_view_filter (CrmBoardColumn *self,
                                  CrmFilter      *view_filter)
{
  g_return_if_fail (CRM_IS_BOARD_COLUMN (self));

  if (self->view_filter == view_filter)
    return;

  g_clear_pointer (&self->view_filter, crm_filter_unref);
  self->view_filter = view_filter != NULL ? crm_filter_ref (view_filter) : NULL;
  rebuild_model_filter (self);
}

/**
 * crm_board_column_get_filter:
 * @self: a #CrmBoardColumn
 *
 * Returns: (transfer none): the filter of the cards the column shows
 */
CrmFilter *
crm_board_column_get_filter (CrmBoardColumn *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN (self), NULL);

  return self->filter;
}

/**
 * crm_board_column_get_collapsed:
 * @self: a #CrmBoardColumn
 *
 * Returns: whether the column is a narrow strip (its stage is hidden)
 */
gboolean
crm_board_column_get_collapsed (CrmBoardColumn *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN (self), FALSE);

  return self->collapsed;
}

/**
 * crm_board_column_set_collapsed:
 * @self: a #CrmBoardColumn
 * @collapsed: whether to show only a narrow strip
 */
void
crm_board_column_set_collapsed (CrmBoardColumn *self,
                                gboolean        collapsed)
{
  g_return_if_fail (CRM_IS_BOARD_COLUMN (self));

  collapsed = !!collapsed;
  if (self->collapsed == collapsed)
    return;

  self->collapsed = collapsed;
  gtk_widget_set_visible (self->expanded_box, !collapsed);
  gtk_widget_set_visible (self->collapsed_box, collapsed);
  if (collapsed)
    {
      clear_mark (self);
      update_collapsed_name (self);
      gtk_widget_add_css_class (GTK_WIDGET (self), "collapsed");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "collapsed");
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLLAPSED]);
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
      GtkWidget *card = card_of_row (self, row);

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
      GtkWidget *card = card_of_row (self, row);

      if (card != NULL && crm_opportunity_card_get_opportunity (CRM_OPPORTUNITY_CARD (card)))
        show_refused (self, CRM_OPPORTUNITY_CARD (card));
    }
}

/**
 * crm_board_column_get_model:
 * @self: a #CrmBoardColumn
 *
 * Returns: (transfer none): the cards, in board order
 */
CrmQueryModel *
crm_board_column_get_model (CrmBoardColumn *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN (self), NULL);

  return self->model;
}

/**
 * crm_board_column_get_totals:
 * @self: a #CrmBoardColumn
 *
 * Returns: (transfer none): what the header adds up
 */
CrmBoardTotals *
crm_board_column_get_totals (CrmBoardColumn *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN (self), NULL);

  return self->totals;
}

/**
 * crm_board_column_get_sums_text:
 * @self: a #CrmBoardColumn
 *
 * Returns: the sums the header shows (with plain spaces; the label keeps
 *   each amount on one line)
 */
const char *
crm_board_column_get_sums_text (CrmBoardColumn *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN (self), NULL);

  return self->sums_text != NULL ? self->sums_text : "";
}

/**
 * crm_board_column_get_weighted_text:
 * @self: a #CrmBoardColumn
 *
 * Returns: the weighted sums the header shows, as
 *   crm_board_column_get_sums_text() gives the sums
 */
const char *
crm_board_column_get_weighted_text (CrmBoardColumn *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN (self), NULL);

  return self->weighted_text != NULL ? self->weighted_text : "";
}

/**
 * crm_board_column_get_count:
 * @self: a #CrmBoardColumn
 *
 * Returns: the count the header shows
 */
guint
crm_board_column_get_count (CrmBoardColumn *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN (self), 0);

  return (guint) g_ascii_strtoull (gtk_label_get_label (self->count_label), NULL, 10);
}

/**
 * crm_board_column_get_drop_target:
 * @self: a #CrmBoardColumn
 *
 * Returns: (transfer none): the drop target that takes cards
 */
GtkDropTarget *
crm_board_column_get_drop_target (CrmBoardColumn *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN (self), NULL);

  return self->drop_target;
}

/**
 * crm_board_column_get_list_view:
 * @self: a #CrmBoardColumn
 *
 * Returns: (transfer none): the list of cards
 */
GtkListView *
crm_board_column_get_list_view (CrmBoardColumn *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN (self), NULL);

  return self->list_view;
}
