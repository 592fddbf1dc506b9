/* test-id-selection.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "crm-core.h"
#include "crm-id-selection.h"
#include "crm-query-model.h"
#include "crm-store.h"

/* The list page's selection: rows are selected without their records being
 * loaded, and a row moved by a change stays selected where it went. No
 * display needed. */

static const char * const names[] = { "Alder", "Birch", "Cedar", "Dogwood", "Elm",
                                      "Fir", "Ginkgo", "Hazel", "Ivy", "Juniper" };

typedef struct
{
  const char *name;
  gint64      id;
  gboolean    delete;
} Edit;

static gboolean
edit_job (CrmStoreTxn  *txn,
          gpointer      data,
          GError      **error)
{
  Edit *edit = data;

  if (edit->delete)
    return crm_store_txn_delete (txn, CRM_ENTITY_CUSTOMER, edit->id, error);

  if (edit->id > 0)
    return crm_store_txn_update (txn, CRM_ENTITY_CUSTOMER, edit->id,
                                 g_variant_new_parsed ("{'name': <%s>}", edit->name), error);

  edit->id = crm_store_txn_insert (txn, CRM_ENTITY_CUSTOMER,
                                   g_variant_new_parsed ("{'name': <%s>}", edit->name), error);
  return edit->id > 0;
}

static gint64
run_edit (CrmStore *store,
          Edit      edit)
{
  g_autoptr(GError) error = NULL;

  crm_store_run_sync (store, NULL, CRM_ORIGIN_PERSON, edit_job, &edit, NULL, &error);
  g_assert_no_error (error);

  /* The model refreshes when the main loop is idle. */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  return edit.id;
}

static guint
n_selected (GtkSelectionModel *selection)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);

  return (guint) gtk_bitset_get_size (selected);
}

static gboolean
id_is_selected (CrmQueryModel     *model,
                GtkSelectionModel *selection,
                gint64             id)
{
  guint position = crm_query_model_find (model, id);

  g_assert_cmpuint (position, !=, G_MAXUINT);
  return gtk_selection_model_is_selected (selection, position);
}

static void
test_follows_ids (void)
{
  g_autofree char *dir = g_dir_make_tmp ("prospect-selection-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "profile.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open (path, &error);
  g_autoptr(CrmQueryModel) model = NULL;
  g_autoptr(CrmIdSelection) id_selection = NULL;
  GtkSelectionModel *selection;
  gint64 ids[G_N_ELEMENTS (names)];
  gint64 extra;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    ids[i] = run_edit (store, (Edit) { names[i], 0, FALSE });

  model = crm_query_model_new (store, CRM_ENTITY_CUSTOMER);
  crm_query_model_set_sort (model, "name", FALSE);
  id_selection = crm_id_selection_new (model);
  selection = GTK_SELECTION_MODEL (id_selection);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 10);

  /* Cedar, Dogwood, Elm. */
  g_assert_true (gtk_selection_model_select_range (selection, 2, 3, TRUE));
  g_assert_cmpuint (n_selected (selection), ==, 3);
  g_assert_true (id_is_selected (model, selection, ids[3]));
  g_assert_false (id_is_selected (model, selection, ids[5]));

  /* Cedar renamed to the end of the list: still selected there; the rows
   * that moved up keep their own state. */
  run_edit (store, (Edit) { "Zelkova", ids[2], FALSE });
  g_assert_cmpuint (crm_query_model_find (model, ids[2]), ==, 9);
  g_assert_true (id_is_selected (model, selection, ids[2]));
  g_assert_true (id_is_selected (model, selection, ids[3]));
  g_assert_true (id_is_selected (model, selection, ids[4]));
  g_assert_false (id_is_selected (model, selection, ids[5]));
  g_assert_cmpuint (n_selected (selection), ==, 3);

  /* A deleted row leaves the selection for good. */
  run_edit (store, (Edit) { NULL, ids[3], TRUE });
  g_assert_cmpuint (n_selected (selection), ==, 2);
  extra = run_edit (store, (Edit) { "Dogwood", 0, FALSE });
  g_assert_false (id_is_selected (model, selection, extra));

  g_assert_true (gtk_selection_model_select_all (selection));
  g_assert_cmpuint (n_selected (selection), ==, 10);
  g_assert_true (gtk_selection_model_unselect_item (selection, 0));
  g_assert_false (id_is_selected (model, selection, ids[0]));
  g_assert_cmpuint (n_selected (selection), ==, 9);
  g_assert_true (gtk_selection_model_unselect_all (selection));
  g_assert_cmpuint (n_selected (selection), ==, 0);

  crm_store_close (store);
  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/ui/id-selection/follows-ids", test_follows_ids);

  return g_test_run ();
}
