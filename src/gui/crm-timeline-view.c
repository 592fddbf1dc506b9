/* crm-timeline-view.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-timeline-view"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-activity.h"
#include "crm-customer-format.h"
#include "crm-timeline-row.h"

#include "crm-timeline-view.h"

/* Rows are made for this many activities at a time; scrolling to the end
 * (or the button there) shows the next ones. */
#define PAGE_SIZE 50
#define DAY_CHECK_SECONDS 60

/**
 * CrmTimelineView:
 *
 * A customer's activities, newest first, in one boxed list per local day
 * under a header ("Today", "Yesterday", a weekday, a date).
 */
struct _CrmTimelineView
{
  GtkWidget          parent_instance;

  /* Owned */
  GListModel        *model;
  GtkSliceListModel *slice;
  char              *me_email;
  char              *me_name;

  /* State */
  guint              day_check_id;
  guint              rebuild_id;
  guint32            shown_julian;
};

G_DEFINE_FINAL_TYPE (CrmTimelineView, crm_timeline_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint32
today_julian (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate date;
  int y, m, d;

  g_date_time_get_ymd (now, &y, &m, &d);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);

  return g_date_get_julian (&date);
}

static void
remove_children (CrmTimelineView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
}

static void
add_empty_state (CrmTimelineView *self)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new (_("No notes, calls or emails yet"));

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 24);
  gtk_widget_set_margin_bottom (label, 24);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_box_append (GTK_BOX (card), label);
  gtk_widget_set_parent (card, GTK_WIDGET (self));
}

static GtkWidget *
add_day (CrmTimelineView *self,
         const char      *day,
         gboolean         first)
{
  GtkWidget *header = gtk_label_new (day);
  GtkWidget *list = gtk_list_box_new ();

  gtk_label_set_xalign (GTK_LABEL (header), 0.0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_set_margin_top (header, first ? 0 : 12);
  gtk_widget_set_parent (header, GTK_WIDGET (self));

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, header, NULL,
                                  -1);
  gtk_widget_set_parent (list, GTK_WIDGET (self));

  return list;
}

static void
on_more_button_clicked_cb (CrmTimelineView *self)
{
  crm_timeline_view_load_more (self);
}

static void
add_more_button (CrmTimelineView *self)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("Show _Older Activity"));

  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (button, 12);
  gtk_widget_add_css_class (button, "pill");
  g_signal_connect_object (button, "clicked",
                           G_CALLBACK (on_more_button_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_set_parent (button, GTK_WIDGET (self));
}

static void
crm_timeline_view_rebuild (CrmTimelineView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = NULL;
  GtkWidget *list = NULL;
  guint n;

  g_assert (CRM_IS_TIMELINE_VIEW (self));

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  remove_children (self);
  self->shown_julian = today_julian ();

  n = self->slice != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->slice)) : 0;
  if (n == 0)
    {
      add_empty_state (self);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmActivity) activity = g_list_model_get_item (G_LIST_MODEL (self->slice), i);
      GDateTime *when = crm_activity_get_occurred_at (activity);
      g_autofree char *this_day = NULL;

      this_day = when != NULL ? crm_customer_format_day (when, now) : g_strdup (_("Undated"));
      if (list == NULL || g_strcmp0 (day, this_day) != 0)
        {
          list = add_day (self, this_day, list == NULL);
          g_free (day);
          day = g_steal_pointer (&this_day);
        }

      gtk_list_box_append (GTK_LIST_BOX (list),
                           crm_timeline_row_new (activity, self->me_email, self->me_name));
    }

  if (n < g_list_model_get_n_items (self->model))
    add_more_button (self);
}

static void
on_slice_items_changed_cb (CrmTimelineView *self)
{
  crm_timeline_view_rebuild (self);
}

/* Changes inside the slice reach us through it; one past its end only
 * changes whether there is more to show. */
static void
on_model_items_changed_cb (CrmTimelineView *self,
                           guint            position)
{
  if (position >= gtk_slice_list_model_get_size (self->slice))
    crm_timeline_view_rebuild (self);
}

/* "Today" turns into "Yesterday" at midnight, and GLib's timeouts stop
 * during suspend, so the wall clock is compared on a tick. */
static gboolean
on_day_check_cb (gpointer user_data)
{
  CrmTimelineView *self = user_data;

  if (today_julian () != self->shown_julian)
    crm_timeline_view_rebuild (self);

  return G_SOURCE_CONTINUE;
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  CrmTimelineView *self = user_data;

  self->rebuild_id = 0;
  crm_timeline_view_rebuild (self);

  return G_SOURCE_REMOVE;
}

static void
clear_model (CrmTimelineView *self)
{
  if (self->slice != NULL)
    g_signal_handlers_disconnect_by_func (self->slice, on_slice_items_changed_cb, self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_model_items_changed_cb, self);

  g_clear_object (&self->slice);
  g_clear_object (&self->model);
}

static void
crm_timeline_view_dispose (GObject *object)
{
  CrmTimelineView *self = CRM_TIMELINE_VIEW (object);

  g_clear_handle_id (&self->day_check_id, g_source_remove);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  clear_model (self);
  remove_children (self);
  g_clear_pointer (&self->me_email, g_free);
  g_clear_pointer (&self->me_name, g_free);

  G_OBJECT_CLASS (crm_timeline_view_parent_class)->dispose (object);
}

static void
crm_timeline_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CrmTimelineView *self = CRM_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_timeline_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CrmTimelineView *self = CRM_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      crm_timeline_view_set_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_timeline_view_class_init (CrmTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_timeline_view_dispose;
  object_class->get_property = crm_timeline_view_get_property;
  object_class->set_property = crm_timeline_view_set_property;

  /**
   * CrmTimelineView:model:
   *
   * The activities to show, newest first.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
crm_timeline_view_init (CrmTimelineView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);

  self->day_check_id = g_timeout_add_seconds (DAY_CHECK_SECONDS, on_day_check_cb, self);
  crm_timeline_view_rebuild (self);
}

/**
 * crm_timeline_view_new:
 *
 * Creates an empty timeline.
 *
 * Returns: (transfer floating): a #CrmTimelineView
 */
GtkWidget *
crm_timeline_view_new (void)
{
  return g_object_new (CRM_TYPE_TIMELINE_VIEW, NULL);
}

/**
 * crm_timeline_view_get_model:
 * @self: a #CrmTimelineView
 *
 * Returns: (transfer none) (nullable): the activities shown
 */
GListModel *
crm_timeline_view_get_model (CrmTimelineView *self)
{
  g_return_val_if_fail (CRM_IS_TIMELINE_VIEW (self), NULL);

  return self->model;
}

/**
 * crm_timeline_view_set_model:
 * @self: a #CrmTimelineView
 * @model: (nullable): a list of #CrmActivity, newest first
 *
 * Sets the activities to show; the first page of them gets rows.
 */
void
crm_timeline_view_set_model (CrmTimelineView *self,
                             GListModel      *model)
{
  g_return_if_fail (CRM_IS_TIMELINE_VIEW (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  clear_model (self);
  g_set_object (&self->model, model);

  if (model != NULL)
    {
      self->slice = gtk_slice_list_model_new (g_object_ref (model), 0, PAGE_SIZE);
      g_signal_connect_swapped (self->slice, "items-changed",
                                G_CALLBACK (on_slice_items_changed_cb), self);
      g_signal_connect_swapped (model, "items-changed",
                                G_CALLBACK (on_model_items_changed_cb), self);
    }

  crm_timeline_view_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * crm_timeline_view_get_n_shown:
 * @self: a #CrmTimelineView
 *
 * Returns: how many activities have rows
 */
guint
crm_timeline_view_get_n_shown (CrmTimelineView *self)
{
  g_return_val_if_fail (CRM_IS_TIMELINE_VIEW (self), 0);

  if (self->slice == NULL)
    return 0;

  return g_list_model_get_n_items (G_LIST_MODEL (self->slice));
}

/**
 * crm_timeline_view_queue_rebuild:
 * @self: a #CrmTimelineView
 *
 * Makes the rows again soon, from what the model then holds. Rows are not
 * told when a record changes in place (or when a deleted row's id is given
 * to a new one), so the owner calls this when the store says activities
 * changed; it runs after the model's own refresh and before the next
 * frame.
 */
void
crm_timeline_view_queue_rebuild (CrmTimelineView *self)
{
  g_return_if_fail (CRM_IS_TIMELINE_VIEW (self));

  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 5, rebuild_idle_cb, self, NULL);
}

/**
 * crm_timeline_view_set_me:
 * @self: a #CrmTimelineView
 * @email: (nullable): the email of "me"
 * @name: (nullable): the name of "me"
 *
 * Says who "me" is, so that the changes I made show my name.
 */
void
crm_timeline_view_set_me (CrmTimelineView *self,
                          const char      *email,
                          const char      *name)
{
  g_return_if_fail (CRM_IS_TIMELINE_VIEW (self));

  if (g_strcmp0 (self->me_email, email) == 0 && g_strcmp0 (self->me_name, name) == 0)
    return;

  g_free (self->me_email);
  g_free (self->me_name);
  self->me_email = g_strdup (email);
  self->me_name = g_strdup (name);
  crm_timeline_view_queue_rebuild (self);
}

/**
 * crm_timeline_view_load_more:
 * @self: a #CrmTimelineView
 *
 * Gives rows to the next page of older activities, if there are any.
 *
 * Returns: %TRUE if more rows were added
 */
gboolean
crm_timeline_view_load_more (CrmTimelineView *self)
{
  guint size;

  g_return_val_if_fail (CRM_IS_TIMELINE_VIEW (self), FALSE);

  if (self->slice == NULL)
    return FALSE;

  size = gtk_slice_list_model_get_size (self->slice);
  if (size >= g_list_model_get_n_items (self->model))
    return FALSE;

  /* Growing the slice emits items-changed, which rebuilds. */
  gtk_slice_list_model_set_size (self->slice, size + PAGE_SIZE);

  return TRUE;
}
