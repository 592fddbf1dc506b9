/* crm-board-column-dnd.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-board-column"

#include "config.h"

#include "crm-board-column-private.h"
#include "crm-query-model.h"

/* Dropping cards on a column: where a card dropped at a height lands, the
 * line that marks it while a card is dragged over the column, scrolling
 * near the column's edges so that a drop can reach any card, and the
 * column's drop target, which tells the page which card landed where. */

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
      GtkWidget *card = _crm_board_column_card_of_row (self, row);
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

void
_crm_board_column_clear_mark (CrmBoardColumn *self)
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

  _crm_board_column_clear_mark (self);
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

void
_crm_board_column_stop_scrolling (CrmBoardColumn *self)
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
      _crm_board_column_stop_scrolling (self);
      return;
    }

  self->scroll_step = crm_board_column_scroll_step (point.y, gtk_widget_get_height (viewport));
  if (self->scroll_step == 0)
    _crm_board_column_stop_scrolling (self);
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
  _crm_board_column_stop_scrolling (self);
  _crm_board_column_clear_mark (self);
}

static gboolean
on_drop_target_drop_cb (GtkDropTarget  *target,
                        const GValue   *value,
                        double          x,
                        double          y,
                        CrmBoardColumn *self)
{
  gint64 id;

  _crm_board_column_stop_scrolling (self);
  _crm_board_column_clear_mark (self);

  if (!G_VALUE_HOLDS_INT64 (value) || (id = g_value_get_int64 (value)) <= 0)
    return FALSE;

  _crm_board_column_emit_card_dropped (self, id, crm_board_column_index_at (self, y));

  return TRUE;
}

void
_crm_board_column_set_up_drop_target (CrmBoardColumn *self)
{
  self->drop_target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
  g_signal_connect (self->drop_target, "motion", G_CALLBACK (on_drop_target_motion_cb), self);
  g_signal_connect (self->drop_target, "leave", G_CALLBACK (on_drop_target_leave_cb), self);
  g_signal_connect (self->drop_target, "drop", G_CALLBACK (on_drop_target_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->drop_target));
}
