/* crm-sidebar-counts.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sidebar-counts"

#include "config.h"

#include "crm-sidebar-counts.h"
#include "crm-sidebar-row.h"

/* The live counts of the sidebar's lists. A count over 100,000 customers
 * takes up to a tenth of a second, so each runs on a worker thread
 * (crm_store_count_async()), and none before crm_sidebar_counts_start(),
 * which the window calls after its first frame: until its count comes, a
 * row shows no number. One round of counts runs at a time; a change
 * during a round asks for one more after it, so a burst of commits (an
 * import, a sync) costs at most two rounds. */

struct _CrmSidebarCounts
{
  GObject parent_instance;

  /* Owned */
  CrmStore *store;
  GCancellable *cancellable;

  /* Borrowed: the window's list of CrmSidebarRow, which outlives us
   * until our dispose */
  GtkListBox *list_box;

  /* State */
  guint idle_id;
  guint running;            /* counts of the round under way */
  gboolean started;
  gboolean again;           /* a change came during the round */
};

G_DEFINE_FINAL_TYPE (CrmSidebarCounts, crm_sidebar_counts, G_TYPE_OBJECT)

typedef struct
{
  CrmSidebarCounts *counts;
  CrmSidebarRow    *row;
  CrmFilter        *filter;   /* what was counted */
} CountRequest;

static void
count_request_free (CountRequest *request)
{
  g_clear_object (&request->counts);
  g_clear_object (&request->row);
  g_clear_pointer (&request->filter, crm_filter_unref);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CountRequest, count_request_free)

static void count_all (CrmSidebarCounts *self);

static void
on_list_counted_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CountRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  CrmSidebarCounts *self = request->counts;
  guint count = 0;

  if (!crm_store_count_finish (CRM_STORE (object), result, &count, &error))
    {
      /* The window or the store went away. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED))
        return;

      g_warning ("Failed to count a list: %s", error->message);
    }
  else if (crm_filter_equal (crm_sidebar_row_get_filter (request->row), request->filter))
    {
      /* A row whose filter changed meanwhile waits for the next round. */
      crm_sidebar_row_set_count (request->row, count);
    }

  g_assert (self->running > 0);
  if (--self->running == 0 && self->again)
    count_all (self);
}

static void
count_row (CrmSidebarCounts *self,
           CrmSidebarRow    *row)
{
  CountRequest *request = g_new0 (CountRequest, 1);

  request->counts = g_object_ref (self);
  request->row = g_object_ref (row);
  request->filter = crm_filter_ref (crm_sidebar_row_get_filter (row));

  self->running++;
  crm_store_count_async (self->store, CRM_ENTITY_CUSTOMER, request->filter,
                         self->cancellable, on_list_counted_cb, request);
}

static void
count_all (CrmSidebarCounts *self)
{
  g_assert (CRM_IS_SIDEBAR_COUNTS (self));

  g_clear_handle_id (&self->idle_id, g_source_remove);

  if (self->running > 0)
    {
      self->again = TRUE;
      return;
    }
  self->again = FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (CRM_IS_SIDEBAR_ROW (child))
      count_row (self, CRM_SIDEBAR_ROW (child));
}

static gboolean
count_idle_cb (gpointer user_data)
{
  CrmSidebarCounts *self = user_data;

  self->idle_id = 0;
  count_all (self);

  return G_SOURCE_REMOVE;
}

static void
crm_sidebar_counts_dispose (GObject *object)
{
  CrmSidebarCounts *self = (CrmSidebarCounts *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  self->list_box = NULL;

  G_OBJECT_CLASS (crm_sidebar_counts_parent_class)->dispose (object);
}

static void
crm_sidebar_counts_finalize (GObject *object)
{
  CrmSidebarCounts *self = (CrmSidebarCounts *) object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_sidebar_counts_parent_class)->finalize (object);
}

static void
crm_sidebar_counts_class_init (CrmSidebarCountsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_sidebar_counts_dispose;
  object_class->finalize = crm_sidebar_counts_finalize;
}

static void
crm_sidebar_counts_init (CrmSidebarCounts *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * crm_sidebar_counts_new:
 * @store: the store whose customers the lists show
 * @list_box: the sidebar's list of #CrmSidebarRow, borrowed: it must live
 *   until the counts are disposed
 *
 * Returns: (transfer full): counts that wait for crm_sidebar_counts_start()
 */
CrmSidebarCounts *
crm_sidebar_counts_new (CrmStore   *store,
                        GtkListBox *list_box)
{
  CrmSidebarCounts *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (GTK_IS_LIST_BOX (list_box), NULL);

  self = g_object_new (CRM_TYPE_SIDEBAR_COUNTS, NULL);
  self->store = g_object_ref (store);
  self->list_box = list_box;

  return self;
}

/**
 * crm_sidebar_counts_start:
 * @self: a #CrmSidebarCounts
 *
 * Counts every row now, and from now on after crm_sidebar_counts_queue().
 * A second call does nothing.
 */
void
crm_sidebar_counts_start (CrmSidebarCounts *self)
{
  g_return_if_fail (CRM_IS_SIDEBAR_COUNTS (self));
  g_return_if_fail (self->list_box != NULL);

  if (self->started)
    return;

  self->started = TRUE;
  count_all (self);
}

gboolean
crm_sidebar_counts_get_started (CrmSidebarCounts *self)
{
  g_return_val_if_fail (CRM_IS_SIDEBAR_COUNTS (self), FALSE);

  return self->started;
}

/**
 * crm_sidebar_counts_queue:
 * @self: a #CrmSidebarCounts
 *
 * Counts every row again once the main loop is idle, as after a change
 * to what the lists show; several calls cost one round. Before
 * crm_sidebar_counts_start() it does nothing: the start counts them all.
 */
void
crm_sidebar_counts_queue (CrmSidebarCounts *self)
{
  g_return_if_fail (CRM_IS_SIDEBAR_COUNTS (self));

  if (!self->started || self->list_box == NULL || self->idle_id != 0)
    return;

  self->idle_id = g_idle_add_full (G_PRIORITY_LOW, count_idle_cb, self, NULL);
}
