/* crm-reveal-model.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-reveal-model"

#include "config.h"

#include "crm-reveal-model.h"

/* The first rows of a selection model, up to a limit; without one, the
 * whole model, with its changes told exactly as it tells them. Selecting
 * goes to the model underneath, whole: "select all" while rows are still
 * held back selects them too.
 *
 * A GtkSliceListModel would do the cutting, but it tells any change that
 * moves the rows after it as a removal and an addition together, even
 * with no limit. GTK 4.8's list views then fetch every added row, to see
 * whether a row they follow came back: after a new sort of 100,000
 * customers, the query model's removal-then-addition (see apply_ids() in
 * crm-query-model.c) became two such changes, and every customer was
 * loaded. */

struct _CrmRevealModel
{
  GObject     parent_instance;

  GListModel *model;        /* a GtkSelectionModel */
  guint       limit;

  /* While revealing (crm_reveal_model_reveal()) */
  GtkWidget  *view;         /* weak */
  guint       tick_id;
  gint64      first_frame;
  int         line_height;
};

static void list_model_iface_init      (GListModelInterface         *iface);
static void selection_model_iface_init (GtkSelectionModelInterface  *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmRevealModel, crm_reveal_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL,
                                                      selection_model_iface_init))

static GType
crm_reveal_model_get_item_type (GListModel *list)
{
  CrmRevealModel *self = CRM_REVEAL_MODEL (list);

  return g_list_model_get_item_type (self->model);
}

static guint
crm_reveal_model_get_n_items (GListModel *list)
{
  CrmRevealModel *self = CRM_REVEAL_MODEL (list);

  return MIN (g_list_model_get_n_items (self->model), self->limit);
}

static gpointer
crm_reveal_model_get_item (GListModel *list,
                           guint       position)
{
  CrmRevealModel *self = CRM_REVEAL_MODEL (list);

  if (position >= self->limit)
    return NULL;

  return g_list_model_get_item (self->model, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_reveal_model_get_item_type;
  iface->get_n_items = crm_reveal_model_get_n_items;
  iface->get_item = crm_reveal_model_get_item;
}

#define SELECTION(self) GTK_SELECTION_MODEL ((self)->model)

static gboolean
crm_reveal_model_is_selected (GtkSelectionModel *model,
                              guint              position)
{
  CrmRevealModel *self = CRM_REVEAL_MODEL (model);

  return position < self->limit && gtk_selection_model_is_selected (SELECTION (self), position);
}

static GtkBitset *
crm_reveal_model_get_selection_in_range (GtkSelectionModel *model,
                                         guint              position,
                                         guint              n_items)
{
  CrmRevealModel *self = CRM_REVEAL_MODEL (model);

  return gtk_selection_model_get_selection_in_range (SELECTION (self), position, n_items);
}

static gboolean
crm_reveal_model_select_item (GtkSelectionModel *model,
                              guint              position,
                              gboolean           unselect_rest)
{
  return gtk_selection_model_select_item (SELECTION (CRM_REVEAL_MODEL (model)), position,
                                          unselect_rest);
}

static gboolean
crm_reveal_model_unselect_item (GtkSelectionModel *model,
                                guint              position)
{
  return gtk_selection_model_unselect_item (SELECTION (CRM_REVEAL_MODEL (model)), position);
}

static gboolean
crm_reveal_model_select_range (GtkSelectionModel *model,
                               guint              position,
                               guint              n_items,
                               gboolean           unselect_rest)
{
  return gtk_selection_model_select_range (SELECTION (CRM_REVEAL_MODEL (model)), position,
                                           n_items, unselect_rest);
}

static gboolean
crm_reveal_model_unselect_range (GtkSelectionModel *model,
                                 guint              position,
                                 guint              n_items)
{
  return gtk_selection_model_unselect_range (SELECTION (CRM_REVEAL_MODEL (model)), position,
                                             n_items);
}

static gboolean
crm_reveal_model_select_all (GtkSelectionModel *model)
{
  return gtk_selection_model_select_all (SELECTION (CRM_REVEAL_MODEL (model)));
}

static gboolean
crm_reveal_model_unselect_all (GtkSelectionModel *model)
{
  return gtk_selection_model_unselect_all (SELECTION (CRM_REVEAL_MODEL (model)));
}

static gboolean
crm_reveal_model_set_selection (GtkSelectionModel *model,
                                GtkBitset         *selected,
                                GtkBitset         *mask)
{
  return gtk_selection_model_set_selection (SELECTION (CRM_REVEAL_MODEL (model)), selected,
                                            mask);
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = crm_reveal_model_is_selected;
  iface->get_selection_in_range = crm_reveal_model_get_selection_in_range;
  iface->select_item = crm_reveal_model_select_item;
  iface->unselect_item = crm_reveal_model_unselect_item;
  iface->select_range = crm_reveal_model_select_range;
  iface->unselect_range = crm_reveal_model_unselect_range;
  iface->select_all = crm_reveal_model_select_all;
  iface->unselect_all = crm_reveal_model_unselect_all;
  iface->set_selection = crm_reveal_model_set_selection;
}

/* Only what is shown. */
static void
on_selection_changed_cb (CrmRevealModel    *self,
                         guint              position,
                         guint              n_items,
                         GtkSelectionModel *model)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self));

  if (position >= shown)
    return;

  gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position,
                                         MIN (n_items, shown - position));
}

static void
on_model_items_changed_cb (CrmRevealModel *self,
                           guint           position,
                           guint           removed,
                           guint           added,
                           GListModel     *model)
{
  guint n_items = g_list_model_get_n_items (model);
  guint old_shown, new_shown;

  if (self->limit == G_MAXUINT)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }

  /* Past the limit, nothing shown changes. */
  if (position >= self->limit)
    return;

  if (removed == added)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), position,
                                  MIN (removed, self->limit - position),
                                  MIN (added, self->limit - position));
      return;
    }

  /* The rows after the change move: all that is shown from it changes. */
  old_shown = MIN (n_items - added + removed, self->limit);
  new_shown = MIN (n_items, self->limit);
  g_list_model_items_changed (G_LIST_MODEL (self), position,
                              old_shown - position, new_shown - position);
}

static void
stop_revealing (CrmRevealModel *self)
{
  if (self->view == NULL)
    return;

  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (self->view, self->tick_id);
  self->tick_id = 0;
  g_object_remove_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
  self->view = NULL;
}

static void
crm_reveal_model_dispose (GObject *object)
{
  CrmRevealModel *self = CRM_REVEAL_MODEL (object);

  stop_revealing (self);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (crm_reveal_model_parent_class)->dispose (object);
}

static void
crm_reveal_model_class_init (CrmRevealModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_reveal_model_dispose;
}

static void
crm_reveal_model_init (CrmRevealModel *self)
{
  self->limit = G_MAXUINT;
}

/**
 * crm_reveal_model_new:
 * @model: the selection model to show the first rows of
 *
 * Returns: (transfer full): a model of all of @model until a limit is set
 */
CrmRevealModel *
crm_reveal_model_new (GtkSelectionModel *model)
{
  CrmRevealModel *self;

  g_return_val_if_fail (GTK_IS_SELECTION_MODEL (model), NULL);

  self = g_object_new (CRM_TYPE_REVEAL_MODEL, NULL);
  self->model = G_LIST_MODEL (g_object_ref (model));
  g_signal_connect_object (model, "items-changed",
                           G_CALLBACK (on_model_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "selection-changed",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}

guint
crm_reveal_model_get_limit (CrmRevealModel *self)
{
  g_return_val_if_fail (CRM_IS_REVEAL_MODEL (self), G_MAXUINT);

  return self->limit;
}

/**
 * crm_reveal_model_set_limit:
 * @self: a #CrmRevealModel
 * @limit: how many rows to show at most; %G_MAXUINT shows all
 *
 * Shows fewer or more rows, telling the rows that come or go.
 */
void
crm_reveal_model_set_limit (CrmRevealModel *self,
                            guint           limit)
{
  guint n_items;
  guint old_shown, new_shown;

  g_return_if_fail (CRM_IS_REVEAL_MODEL (self));

  if (self->limit == limit)
    return;

  n_items = g_list_model_get_n_items (self->model);
  old_shown = MIN (n_items, self->limit);
  new_shown = MIN (n_items, limit);
  self->limit = limit;

  if (new_shown > old_shown)
    g_list_model_items_changed (G_LIST_MODEL (self), old_shown, 0, new_shown - old_shown);
  else if (new_shown < old_shown)
    g_list_model_items_changed (G_LIST_MODEL (self), new_shown, old_shown - new_shown, 0);
}

/* GTK 4.8's list views make and bind about 200 rows whatever their height:
 * at 100,000 customers that was half the window's first frame, for rows
 * nobody sees. Revealing, the first frame gets only the rows that fill the
 * view, each row at least one line of the view's font high: as many as the
 * window's size promises, and more in the same frame if the view turns out
 * taller as it is laid out (see crm_reveal_model_fit()). The frames after it
 * get REVEAL_STEP more each, so that none makes them all. */
#define REVEAL_STEP 32
#define REVEAL_ALL_FROM 256       /* past GTK's 200 rows, the rest at once */

static int
get_line_height (GtkWidget *view)
{
  PangoFontMetrics *metrics;
  int height;

  metrics = pango_context_get_metrics (gtk_widget_get_pango_context (view), NULL, NULL);
  height = PANGO_PIXELS (pango_font_metrics_get_ascent (metrics) +
                         pango_font_metrics_get_descent (metrics));
  pango_font_metrics_unref (metrics);

  return MAX (height, 1);
}

static int
get_largest_monitor_height (GtkWidget *view)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (view));
  int height = 0;

  for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      height = MAX (height, geometry.height);
    }

  return height;
}

/* The window's height as it opens: its default size, or its monitor's. */
static int
get_window_height (GtkWidget *view)
{
  GtkRoot *root = gtk_widget_get_root (view);
  int width = 0, height = 0;

  if (GTK_IS_WINDOW (root))
    {
      if (gtk_window_is_maximized (GTK_WINDOW (root)) ||
          gtk_window_is_fullscreen (GTK_WINDOW (root)))
        return get_largest_monitor_height (view);

      gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
    }

  return height > 0 ? height : get_largest_monitor_height (view);
}

static guint
rows_for (CrmRevealModel *self,
          int             height)
{
  return height > 0 ? (guint) (height / self->line_height) + 2 : G_MAXUINT;
}

static gboolean
on_view_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  CrmRevealModel *self = user_data;
  gint64 frame = gdk_frame_clock_get_frame_counter (clock);

  if (self->first_frame == 0)
    self->first_frame = frame;
  if (frame <= self->first_frame)
    return G_SOURCE_CONTINUE;

  if (self->limit < REVEAL_ALL_FROM)
    {
      crm_reveal_model_set_limit (self, self->limit + REVEAL_STEP);
      return G_SOURCE_CONTINUE;
    }

  /* The tick goes with its return. */
  self->tick_id = 0;
  stop_revealing (self);
  crm_reveal_model_set_limit (self, G_MAXUINT);

  return G_SOURCE_REMOVE;
}

/**
 * crm_reveal_model_reveal:
 * @self: a #CrmRevealModel
 * @view: the list view (or column view) that shows @self
 *
 * Shows only the rows that fill @view in its next frame, then a few dozen
 * more each frame after it, then all of them.
 */
void
crm_reveal_model_reveal (CrmRevealModel *self,
                         GtkWidget      *view)
{
  g_return_if_fail (CRM_IS_REVEAL_MODEL (self));
  g_return_if_fail (GTK_IS_WIDGET (view));

  stop_revealing (self);
  self->line_height = get_line_height (view);
  crm_reveal_model_set_limit (self, rows_for (self, get_window_height (view)));

  self->view = view;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &self->view);
  self->first_frame = 0;
  self->tick_id = gtk_widget_add_tick_callback (view, on_view_tick_cb, self, NULL);
}

/**
 * crm_reveal_model_fit:
 * @self: a #CrmRevealModel
 * @height: how high the view can be, at most, in pixels
 *
 * Shows at least the rows that fill a view of @height, when the window
 * turned out taller than it promised (a window manager may give a window
 * another size before it shows). Call from the size_allocate of a widget
 * around the view (its window), before the view is allocated.
 */
void
crm_reveal_model_fit (CrmRevealModel *self,
                      int             height)
{
  guint needed;

  g_return_if_fail (CRM_IS_REVEAL_MODEL (self));

  if (self->view == NULL || self->limit == G_MAXUINT)
    return;

  needed = rows_for (self, height);
  if (needed > self->limit)
    crm_reveal_model_set_limit (self, needed);
}
