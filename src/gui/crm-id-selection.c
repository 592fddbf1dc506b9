/* crm-id-selection.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-id-selection"

#include "config.h"

#include "crm-id-selection.h"

/* Any number of rows of a CrmQueryModel selected, by position, and
 * followed by record id when a change moves them.
 *
 * GtkMultiSelection follows its rows by their objects: it asks the model
 * for every row selected and keeps it, so selecting 10,000 customers
 * loaded 10,000 records (a quarter of a second), "select all" at 100,000
 * ten times that, and each later change to them brought them all up to
 * date. The query model knows each row's id without loading it. Ids are
 * kept in a GtkBitset, which holds 32-bit values: rowids past that are
 * not followed across a change. */

struct _CrmIdSelection
{
  GObject        parent_instance;

  CrmQueryModel *model;
  GtkBitset     *selected;      /* positions */
  GtkBitset     *selected_ids;  /* the ids at those positions */
};

static void list_model_iface_init      (GListModelInterface        *iface);
static void selection_model_iface_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmIdSelection, crm_id_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL,
                                                      selection_model_iface_init))

static GType
crm_id_selection_get_item_type (GListModel *list)
{
  return g_list_model_get_item_type (G_LIST_MODEL (CRM_ID_SELECTION (list)->model));
}

static guint
crm_id_selection_get_n_items (GListModel *list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (CRM_ID_SELECTION (list)->model));
}

static gpointer
crm_id_selection_get_item (GListModel *list,
                           guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (CRM_ID_SELECTION (list)->model), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_id_selection_get_item_type;
  iface->get_n_items = crm_id_selection_get_n_items;
  iface->get_item = crm_id_selection_get_item;
}

static gboolean
crm_id_selection_is_selected (GtkSelectionModel *model,
                              guint              position)
{
  return gtk_bitset_contains (CRM_ID_SELECTION (model)->selected, position);
}

static GtkBitset *
crm_id_selection_get_selection_in_range (GtkSelectionModel *model,
                                         guint              position,
                                         guint              n_items)
{
  GtkBitset *selection = gtk_bitset_new_range (position, n_items);

  gtk_bitset_intersect (selection, CRM_ID_SELECTION (model)->selected);
  return selection;
}

static guint
id_at (CrmIdSelection *self,
       guint           position)
{
  gint64 id = crm_query_model_get_id (self->model, position);

  return id > 0 && id <= G_MAXUINT ? (guint) id : 0;
}

static void
toggle_ids (CrmIdSelection *self,
            GtkBitset      *positions,
            gboolean        selected)
{
  GtkBitsetIter iter;
  guint position;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, positions, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      guint id = id_at (self, position);

      if (id == 0)
        continue;
      if (selected)
        gtk_bitset_add (self->selected_ids, id);
      else
        gtk_bitset_remove (self->selected_ids, id);
    }
}

/* Every change of selection comes here (GTK's defaults for selecting an
 * item, a range or all of them call it). */
static gboolean
crm_id_selection_set_selection (GtkSelectionModel *model,
                                GtkBitset         *selected,
                                GtkBitset         *mask)
{
  CrmIdSelection *self = CRM_ID_SELECTION (model);
  g_autoptr(GtkBitset) added = gtk_bitset_copy (selected);
  g_autoptr(GtkBitset) removed = gtk_bitset_copy (mask);
  g_autoptr(GtkBitset) changes = NULL;
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint min, max;

  /* added = selected & mask & ~now; removed = mask & ~selected & now */
  gtk_bitset_intersect (added, mask);
  gtk_bitset_difference (added, self->selected);
  gtk_bitset_difference (removed, selected);
  gtk_bitset_intersect (removed, self->selected);
  if (n_items < G_MAXUINT)
    gtk_bitset_remove_range (added, n_items, G_MAXUINT - n_items);

  gtk_bitset_union (self->selected, added);
  gtk_bitset_subtract (self->selected, removed);
  toggle_ids (self, added, TRUE);
  toggle_ids (self, removed, FALSE);

  changes = gtk_bitset_copy (added);
  gtk_bitset_union (changes, removed);
  if (gtk_bitset_is_empty (changes))
    return TRUE;

  min = gtk_bitset_get_minimum (changes);
  max = gtk_bitset_get_maximum (changes);
  gtk_selection_model_selection_changed (model, min, max - min + 1);

  return TRUE;
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = crm_id_selection_is_selected;
  iface->get_selection_in_range = crm_id_selection_get_selection_in_range;
  iface->set_selection = crm_id_selection_set_selection;
}

/* The ids of the rows that stay listed, after a change removed some. */
static void
rebuild_ids (CrmIdSelection *self)
{
  gtk_bitset_remove_all (self->selected_ids);
  toggle_ids (self, self->selected, TRUE);
}

static void
on_model_items_changed_cb (CrmIdSelection *self,
                           guint           position,
                           guint           removed,
                           guint           added,
                           GListModel     *model)
{
  /* A row that the change moved is still selected at its new place. */
  gtk_bitset_splice (self->selected, position, removed, added);
  for (guint i = position; i < position + added; i++)
    {
      guint id = id_at (self, i);

      if (id != 0 && gtk_bitset_contains (self->selected_ids, id))
        gtk_bitset_add (self->selected, i);
    }

  if (removed > 0)
    rebuild_ids (self);

  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
crm_id_selection_dispose (GObject *object)
{
  CrmIdSelection *self = CRM_ID_SELECTION (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (crm_id_selection_parent_class)->dispose (object);
}

static void
crm_id_selection_finalize (GObject *object)
{
  CrmIdSelection *self = CRM_ID_SELECTION (object);

  g_clear_pointer (&self->selected, gtk_bitset_unref);
  g_clear_pointer (&self->selected_ids, gtk_bitset_unref);

  G_OBJECT_CLASS (crm_id_selection_parent_class)->finalize (object);
}

static void
crm_id_selection_class_init (CrmIdSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_id_selection_dispose;
  object_class->finalize = crm_id_selection_finalize;
}

static void
crm_id_selection_init (CrmIdSelection *self)
{
  self->selected = gtk_bitset_new_empty ();
  self->selected_ids = gtk_bitset_new_empty ();
}

/**
 * crm_id_selection_new:
 * @model: the rows
 *
 * Returns: (transfer full): a selection of none of @model's rows
 */
CrmIdSelection *
crm_id_selection_new (CrmQueryModel *model)
{
  CrmIdSelection *self;

  g_return_val_if_fail (CRM_IS_QUERY_MODEL (model), NULL);

  self = g_object_new (CRM_TYPE_ID_SELECTION, NULL);
  self->model = g_object_ref (model);
  g_signal_connect_object (model, "items-changed",
                           G_CALLBACK (on_model_items_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}
