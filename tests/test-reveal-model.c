/* test-reveal-model.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gtk/gtk.h>

#include "crm-reveal-model.h"

/* The list page's model of the first rows: every change it tells must be
 * exactly what happened to it, and without a limit it must tell the
 * wrapped model's changes as they came (GTK 4.8 loads every added row of a
 * change that also removes); selecting reaches every row. No display
 * needed. */

typedef struct
{
  GPtrArray *mirror;      /* char *, what the signals told so far */
  guint      n_changes;
  guint      position, removed, added;
} Watch;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Watch      *watch)
{
  watch->n_changes++;
  watch->position = position;
  watch->removed = removed;
  watch->added = added;

  g_assert_cmpuint (position + removed, <=, watch->mirror->len);
  g_ptr_array_remove_range (watch->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, position + i);

      g_assert_nonnull (item);
      g_ptr_array_insert (watch->mirror, position + i,
                          g_strdup (gtk_string_object_get_string (item)));
    }
}

/* What the signals told is what the model holds. */
static void
assert_told (GListModel *model,
             Watch      *watch)
{
  g_assert_cmpuint (watch->mirror->len, ==, g_list_model_get_n_items (model));
  for (guint i = 0; i < watch->mirror->len; i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      g_assert_cmpstr (gtk_string_object_get_string (item), ==,
                       g_ptr_array_index (watch->mirror, i));
    }
  g_assert_null (g_list_model_get_item (model, watch->mirror->len));
}

static void
assert_last_change (Watch *watch,
                    guint  position,
                    guint  removed,
                    guint  added)
{
  g_assert_cmpuint (watch->n_changes, ==, 1);
  g_assert_cmpuint (watch->position, ==, position);
  g_assert_cmpuint (watch->removed, ==, removed);
  g_assert_cmpuint (watch->added, ==, added);
  watch->n_changes = 0;
}

static GtkStringList *
make_strings (guint n)
{
  GtkStringList *strings = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("row %u", i);

      gtk_string_list_append (strings, text);
    }

  return strings;
}

static void
test_unlimited (void)
{
  g_autoptr(GtkStringList) strings = make_strings (10);
  g_autoptr(GtkMultiSelection) selection =
    gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (strings)));
  g_autoptr(CrmRevealModel) reveal = crm_reveal_model_new (GTK_SELECTION_MODEL (selection));
  const char *three[] = { "a", "b", "c", NULL };
  Watch watch = { g_ptr_array_new_with_free_func (g_free) };

  on_items_changed_cb (G_LIST_MODEL (reveal), 0, 0, 10, &watch);
  watch.n_changes = 0;
  g_signal_connect (reveal, "items-changed", G_CALLBACK (on_items_changed_cb), &watch);
  g_assert_cmpuint (crm_reveal_model_get_limit (reveal), ==, G_MAXUINT);

  /* Told as they came, a removal and an addition apart. */
  gtk_string_list_splice (strings, 2, 5, NULL);
  assert_last_change (&watch, 2, 5, 0);
  gtk_string_list_splice (strings, 2, 0, three);
  assert_last_change (&watch, 2, 0, 3);
  gtk_string_list_splice (strings, 0, 1, three);
  assert_last_change (&watch, 0, 1, 3);
  assert_told (G_LIST_MODEL (reveal), &watch);

  g_ptr_array_unref (watch.mirror);
}

static void
test_limited (void)
{
  g_autoptr(GtkStringList) strings = make_strings (10);
  g_autoptr(GtkMultiSelection) selection =
    gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (strings)));
  g_autoptr(CrmRevealModel) reveal = crm_reveal_model_new (GTK_SELECTION_MODEL (selection));
  const char *two[] = { "x", "y", NULL };
  Watch watch = { g_ptr_array_new_with_free_func (g_free) };

  crm_reveal_model_set_limit (reveal, 4);
  on_items_changed_cb (G_LIST_MODEL (reveal), 0, 0, 4, &watch);
  watch.n_changes = 0;
  g_signal_connect (reveal, "items-changed", G_CALLBACK (on_items_changed_cb), &watch);
  assert_told (G_LIST_MODEL (reveal), &watch);

  /* Past the limit nothing shows. */
  gtk_string_list_splice (strings, 6, 2, two);
  g_assert_cmpuint (watch.n_changes, ==, 0);

  /* Inside, the rows that move in from past the limit are told too. */
  gtk_string_list_splice (strings, 1, 2, NULL);
  assert_last_change (&watch, 1, 3, 3);
  assert_told (G_LIST_MODEL (reveal), &watch);
  gtk_string_list_splice (strings, 3, 0, two);
  assert_last_change (&watch, 3, 1, 1);
  gtk_string_list_splice (strings, 0, 1, two);
  assert_told (G_LIST_MODEL (reveal), &watch);
  watch.n_changes = 0;

  /* Fewer rows than the limit. */
  gtk_string_list_splice (strings, 0, g_list_model_get_n_items (G_LIST_MODEL (strings)) - 2,
                          NULL);
  assert_told (G_LIST_MODEL (reveal), &watch);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reveal)), ==, 2);
  gtk_string_list_splice (strings, 2, 0, two);
  gtk_string_list_splice (strings, 4, 0, two);
  assert_told (G_LIST_MODEL (reveal), &watch);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reveal)), ==, 4);

  /* Growing and shrinking tell the rows that come and go. */
  watch.n_changes = 0;
  crm_reveal_model_set_limit (reveal, 5);
  assert_last_change (&watch, 4, 0, 1);
  crm_reveal_model_set_limit (reveal, G_MAXUINT);
  assert_last_change (&watch, 5, 0, 1);
  crm_reveal_model_set_limit (reveal, 1);
  assert_last_change (&watch, 1, 5, 0);
  crm_reveal_model_set_limit (reveal, 0);
  assert_last_change (&watch, 0, 1, 0);
  assert_told (G_LIST_MODEL (reveal), &watch);

  g_ptr_array_unref (watch.mirror);
}

static void
on_selection_changed_cb (GtkSelectionModel *model,
                         guint              position,
                         guint              n_items,
                         guint             *last_end)
{
  *last_end = position + n_items;
}

/* Rows held back are selected with the rest, and only the rows shown are
 * told to the view. */
static void
test_selection (void)
{
  g_autoptr(GtkStringList) strings = make_strings (10);
  g_autoptr(GtkMultiSelection) selection =
    gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (strings)));
  g_autoptr(CrmRevealModel) reveal = crm_reveal_model_new (GTK_SELECTION_MODEL (selection));
  g_autoptr(GtkBitset) selected = NULL;
  guint last_end = 0;

  crm_reveal_model_set_limit (reveal, 4);
  g_signal_connect (reveal, "selection-changed", G_CALLBACK (on_selection_changed_cb), &last_end);

  g_assert_true (gtk_selection_model_select_all (GTK_SELECTION_MODEL (reveal)));
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (selection));
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 10);
  g_assert_cmpuint (last_end, ==, 4);
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (reveal), 3));
  g_assert_false (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (reveal), 5));

  g_assert_true (gtk_selection_model_select_range (GTK_SELECTION_MODEL (reveal), 2, 6, TRUE));
  g_clear_pointer (&selected, gtk_bitset_unref);
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (selection));
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 6);
  g_assert_true (gtk_bitset_contains (selected, 7));

  g_assert_true (gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (reveal)));
  g_assert_false (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (selection), 7));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/ui/reveal-model/unlimited", test_unlimited);
  g_test_add_func ("/crm/ui/reveal-model/limited", test_limited);
  g_test_add_func ("/crm/ui/reveal-model/selection", test_selection);

  return g_test_run ();
}
