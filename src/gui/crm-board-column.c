/* crm-board-column.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-board-column"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-filter.h"
#include "crm-query-model.h"
#include "crm-stage.h"
#include "crm-store-board.h"
#include "crm-store-pipelines.h"
#include "crm-board-column-private.h"

/* One stage of the board: a header with the count and the sums, and the
 * cards as a virtualized list over a query model, so that a stage of
 * thousands costs only the cards in view. The whole column is a drop
 * target; a hidden stage collapses to a narrow strip that still takes
 * drops. What a drop means is the page's business: the column only says
 * which card landed at which index. */

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
void
_crm_board_column_queue_totals (CrmBoardColumn *self)
{
  if (self->totals_idle_id == 0)
    self->totals_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 5, totals_idle_cb,
                                            self, NULL);
}

void
_crm_board_column_update_count (CrmBoardColumn *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *count = g_strdup_printf ("%u", n);

  gtk_label_set_label (self->count_label, count);
  gtk_label_set_label (self->collapsed_count_label, count);
  gtk_stack_set_visible_child_name (self->body_stack, n > 0 ? "cards" : "empty");
}

/* Finding and focusing cards */

/* The card a row of the list shows, when the row is bound to an item. */
GtkWidget *
_crm_board_column_card_of_row (CrmBoardColumn *self,
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
      GtkWidget *card = _crm_board_column_card_of_row (self, row);

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

/* Signals */

void
_crm_board_column_emit_card_dropped (CrmBoardColumn *self,
                                     gint64          id,
                                     guint           index)
{
  g_signal_emit (self, signals[SIGNAL_CARD_DROPPED], 0, id, index);
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
crm_board_column_dispose (GObject *object)
{
  CrmBoardColumn *self = CRM_BOARD_COLUMN (object);
  GtkWidget *child;

  g_clear_handle_id (&self->totals_idle_id, g_source_remove);
  g_clear_handle_id (&self->customers_idle_id, g_source_remove);
  _crm_board_column_stop_scrolling (self);
  if (self->focus_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->focus_tick_id);
  self->focus_tick_id = 0;
  _crm_board_column_clear_mark (self);

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
                                           _crm_board_column_customer_facts_free);
  self->bound_cards = g_hash_table_new (NULL, NULL);

  _crm_board_column_set_up_drop_target (self);
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

  _crm_board_column_rebuild_model_filter (self);
  _crm_board_column_set_up_list (self);
  _crm_board_column_update_count (self);
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
  _crm_board_column_rebuild_model_filter (self);
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
      _crm_board_column_clear_mark (self);
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
