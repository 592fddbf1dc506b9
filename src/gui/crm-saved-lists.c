/* crm-saved-lists.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-saved-lists"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-builtin-lists.h"
#include "crm-filter-fields.h"
#include "crm-saved-lists.h"

/* Saved lists are rows of the store's saved_lists table: a name, the kind
 * of record they list and a filter expression. Everything here goes
 * through the store's generic mutations, so each change has its undo
 * group; the sidebar follows the store's change signals. */

#define DIALOG_DATA_KEY "crm-saved-list-name-dialog"

/**
 * crm_saved_lists_kind_to_string:
 * @kind: %CRM_ENTITY_CUSTOMER, %CRM_ENTITY_OPPORTUNITY or %CRM_ENTITY_TASK
 *
 * Returns: the value of the `kind` column for lists of @kind
 */
const char *
crm_saved_lists_kind_to_string (CrmEntityKind kind)
{
  switch (kind)
    {
    case CRM_ENTITY_OPPORTUNITY:
      return "opportunities";
    case CRM_ENTITY_TASK:
      return "tasks";
    case CRM_ENTITY_CUSTOMER:
    default:
      return "customers";
    }
}

static CrmFilter *
kind_filter (CrmEntityKind kind)
{
  CrmFilter *filter = crm_filter_new ();

  crm_filter_add (filter, "kind", CRM_FILTER_OP_IS,
                  g_variant_new_string (crm_saved_lists_kind_to_string (kind)));

  return filter;
}

/**
 * crm_saved_lists_new_model:
 * @store: the store
 * @kind: the kind of record the lists list
 *
 * Returns: (transfer full): a model of the saved lists of @kind
 *   (#CrmSavedList), in the order the sidebar shows them; it follows the
 *   store's changes by itself
 */
CrmQueryModel *
crm_saved_lists_new_model (CrmStore      *store,
                           CrmEntityKind  kind)
{
  g_autoptr(CrmFilter) filter = kind_filter (kind);
  CrmQueryModel *model;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  model = crm_query_model_new (store, CRM_ENTITY_SAVED_LIST);
  crm_query_model_set_filter (model, filter);
  crm_query_model_set_sort (model, "position", FALSE);

  return model;
}

/**
 * crm_saved_lists_make_list_id:
 * @id: the id of a saved list
 *
 * Returns: (transfer full): the list id of the saved list ("saved:12")
 */
char *
crm_saved_lists_make_list_id (gint64 id)
{
  return g_strdup_printf (CRM_SAVED_LIST_ID_PREFIX "%" G_GINT64_FORMAT, id);
}

/**
 * crm_saved_lists_parse_list_id:
 * @list_id: (nullable): a list id
 *
 * Returns: the id of the saved list @list_id names, or 0 when it names
 *   none (a built-in list, or garbage)
 */
gint64
crm_saved_lists_parse_list_id (const char *list_id)
{
  gint64 id = 0;

  if (list_id == NULL || !g_str_has_prefix (list_id, CRM_SAVED_LIST_ID_PREFIX))
    return 0;

  if (!g_ascii_string_to_signed (list_id + strlen (CRM_SAVED_LIST_ID_PREFIX), 10,
                                 1, G_MAXINT64, &id, NULL))
    return 0;

  return id;
}

/**
 * crm_saved_lists_get_stale_days:
 * @store: the store
 *
 * Returns: after how many days without activity the profile calls a
 *   Working Lead stale
 */
guint
crm_saved_lists_get_stale_days (CrmStore *store)
{
  g_autofree char *setting = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), CRM_STALE_DAYS_DEFAULT);

  setting = crm_store_dup_setting (store, CRM_STALE_DAYS_SETTING);

  return crm_builtin_list_parse_stale_days (setting);
}

static CrmEntityKind
kind_from_string (const char *kind)
{
  if (g_strcmp0 (kind, "opportunities") == 0)
    return CRM_ENTITY_OPPORTUNITY;
  if (g_strcmp0 (kind, "tasks") == 0)
    return CRM_ENTITY_TASK;

  return CRM_ENTITY_CUSTOMER;
}

/**
 * crm_saved_lists_dup_filter:
 * @list: a saved list
 *
 * A list whose expression cannot be used (written by a newer Prospect, or
 * by hand) lists nothing rather than everything.
 *
 * Returns: (transfer full): the list's filter
 */
CrmFilter *
crm_saved_lists_dup_filter (CrmSavedList *list)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmFilter) filter = NULL;
  CrmEntityKind kind;
  const char *expression;
  const char *field;
  CrmFilter *nothing;

  g_return_val_if_fail (CRM_IS_SAVED_LIST (list), NULL);

  kind = kind_from_string (crm_saved_list_get_kind (list));
  expression = crm_saved_list_get_expression (list);
  filter = crm_filter_parse (expression != NULL ? expression : "", &error);
  if (filter != NULL && crm_filter_check (filter, kind, &error))
    return g_steal_pointer (&filter);

  g_debug ("Saved list %" G_GINT64_FORMAT " cannot be used: %s",
           crm_record_get_id (CRM_RECORD (list)), error->message);

  /* No record has a name (or details) both empty and present. */
  field = kind == CRM_ENTITY_TASK ? "details" : "name";
  nothing = crm_filter_new ();
  crm_filter_add (nothing, field, CRM_FILTER_OP_IS_EMPTY, NULL);
  crm_filter_add (nothing, field, CRM_FILTER_OP_IS_PRESENT, NULL);

  return nothing;
}

/**
 * crm_saved_lists_lookup:
 * @store: the store
 * @kind: the kind of record listed
 * @name: a list's name, in any case
 *
 * Returns: (transfer full) (nullable): the saved list, or %NULL
 */
CrmSavedList *
crm_saved_lists_lookup (CrmStore      *store,
                        CrmEntityKind  kind,
                        const char    *name)
{
  g_autoptr(CrmFilter) filter = kind_filter (kind);
  g_autoptr(GArray) ids = NULL;
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  ids = crm_store_query_ids (store, CRM_ENTITY_SAVED_LIST, filter, NULL, "position",
                             FALSE, NULL);
  if (ids == NULL)
    return NULL;

  wanted = g_utf8_casefold (name, -1);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GObject) list = NULL;
      g_autofree char *folded = NULL;

      list = crm_store_load (store, CRM_ENTITY_SAVED_LIST, g_array_index (ids, gint64, i), NULL);
      if (list == NULL)
        continue;

      folded = g_utf8_casefold (crm_saved_list_get_name (CRM_SAVED_LIST (list)), -1);
      if (g_str_equal (folded, wanted))
        return CRM_SAVED_LIST (g_steal_pointer (&list));
    }

  return NULL;
}

/**
 * crm_saved_lists_resolve:
 * @store: the store
 * @name_or_id: a built-in list's id or title, or a saved customer list's
 *   name (in any case)
 * @error: return location for a #GError
 *
 * Finds the filter of a customer list by the name a person gives, as
 * `--export-csv FILE --list NAME` does. The built-in lists use the
 * profile's stale days.
 *
 * Returns: (transfer full) (nullable): the filter, or %NULL with
 *   %CRM_STORE_ERROR_NOT_FOUND
 */
CrmFilter *
crm_saved_lists_resolve (CrmStore    *store,
                         const char  *name_or_id,
                         GError     **error)
{
  g_autoptr(CrmSavedList) list = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (name_or_id != NULL, NULL);

  if (crm_builtin_list_find (name_or_id) != NULL)
    return crm_builtin_list_filter_for_days (name_or_id,
                                             crm_saved_lists_get_stale_days (store));

  list = crm_saved_lists_lookup (store, CRM_ENTITY_CUSTOMER, name_or_id);
  if (list == NULL)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("There is no list named “%s”"), name_or_id);
      return NULL;
    }

  return crm_saved_lists_dup_filter (list);
}

/**
 * crm_saved_lists_check_name:
 * @store: the store
 * @kind: the kind of record listed
 * @name: the name a person typed
 * @except_id: the list being renamed, or 0
 * @error: return location for a #GError, with a message for the person
 *
 * A name must say something, and name one list only: neither a built-in
 * list nor another saved list of the same kind has it.
 *
 * Returns: whether @name can name the list
 */
gboolean
crm_saved_lists_check_name (CrmStore       *store,
                            CrmEntityKind   kind,
                            const char     *name,
                            gint64          except_id,
                            GError        **error)
{
  g_autofree char *stripped = NULL;
  g_autoptr(CrmSavedList) other = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  stripped = g_strstrip (g_strdup (name));
  if (stripped[0] == '\0')
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT,
                           _("The list needs a name"));
      return FALSE;
    }

  if (kind == CRM_ENTITY_CUSTOMER && crm_builtin_list_find (stripped) != NULL)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT,
                   _("“%s” is the name of a built-in list"), stripped);
      return FALSE;
    }

  other = crm_saved_lists_lookup (store, kind, stripped);
  if (other != NULL && crm_record_get_id (CRM_RECORD (other)) != except_id)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT,
                   _("A list named “%s” already exists"), stripped);
      return FALSE;
    }

  return TRUE;
}

static gint64
next_position (CrmStore      *store,
               CrmEntityKind  kind)
{
  g_autoptr(CrmFilter) filter = kind_filter (kind);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GObject) last = NULL;

  ids = crm_store_query_ids (store, CRM_ENTITY_SAVED_LIST, filter, NULL, "position",
                             TRUE, NULL);
  if (ids == NULL || ids->len == 0)
    return 0;

  last = crm_store_load (store, CRM_ENTITY_SAVED_LIST, g_array_index (ids, gint64, 0), NULL);
  if (last == NULL)
    return ids->len;

  return crm_saved_list_get_position (CRM_SAVED_LIST (last)) + 1;
}

/**
 * crm_saved_lists_create_async:
 * @store: the store
 * @kind: the kind of record the list lists
 * @name: the name (see crm_saved_lists_check_name())
 * @filter: the list's filter
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the list is saved
 * @user_data: data for @callback
 *
 * Saves a new list after the others.
 */
void
crm_saved_lists_create_async (CrmStore            *store,
                              CrmEntityKind        kind,
                              const char          *name,
                              CrmFilter           *filter,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autofree char *expression = NULL;
  g_autofree char *stripped = NULL;
  GVariantDict fields;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (name != NULL);
  g_return_if_fail (filter != NULL);

  expression = crm_filter_to_string (filter);
  stripped = g_strstrip (g_strdup (name));

  g_variant_dict_init (&fields, NULL);
  g_variant_dict_insert (&fields, "name", "s", stripped);
  g_variant_dict_insert (&fields, "kind", "s", crm_saved_lists_kind_to_string (kind));
  g_variant_dict_insert (&fields, "expression", "s", expression);
  g_variant_dict_insert (&fields, "position", "x", next_position (store, kind));

  crm_store_insert_async (store, CRM_ENTITY_SAVED_LIST, g_variant_dict_end (&fields),
                          CRM_ORIGIN_PERSON, cancellable, callback, user_data);
}

/**
 * crm_saved_lists_create_finish:
 * @store: the store
 * @result: the result given to the callback
 * @undo_group: (out) (optional): the undo group of the change
 * @error: return location for a #GError
 *
 * Returns: the id of the new list, or 0 with @error set
 */
gint64
crm_saved_lists_create_finish (CrmStore      *store,
                               GAsyncResult  *result,
                               gint64        *undo_group,
                               GError       **error)
{
  gint64 id = crm_store_insert_finish (store, result, undo_group, error);

  return MAX (id, 0);
}

/**
 * crm_saved_lists_rename_async:
 * @store: the store
 * @id: the list
 * @name: the new name (see crm_saved_lists_check_name())
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done; finish with crm_store_mutation_finish()
 * @user_data: data for @callback
 */
void
crm_saved_lists_rename_async (CrmStore            *store,
                              gint64               id,
                              const char          *name,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autofree char *stripped = NULL;
  GVariantDict fields;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (name != NULL);

  stripped = g_strstrip (g_strdup (name));
  g_variant_dict_init (&fields, NULL);
  g_variant_dict_insert (&fields, "name", "s", stripped);

  crm_store_update_async (store, CRM_ENTITY_SAVED_LIST, id, g_variant_dict_end (&fields),
                          CRM_ORIGIN_PERSON, cancellable, callback, user_data);
}

/**
 * crm_saved_lists_compute_order:
 * @lists: the saved lists (#CrmSavedList) in their order
 * @id: the list to move
 * @offset: how many places to move it: negative moves it up
 *
 * Returns: (transfer full) (nullable) (element-type gint64): the ids in
 *   their new order, or %NULL when @id is not in @lists or cannot move
 */
GArray *
crm_saved_lists_compute_order (GListModel *lists,
                               gint64      id,
                               int         offset)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n = g_list_model_get_n_items (lists);
  guint from = G_MAXUINT;
  gint64 target;
  int to;

  g_return_val_if_fail (G_IS_LIST_MODEL (lists), NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmRecord) record = g_list_model_get_item (lists, i);
      gint64 item_id = crm_record_get_id (record);

      if (item_id == id)
        from = i;
      g_array_append_val (ids, item_id);
    }

  if (from == G_MAXUINT)
    return NULL;

  to = CLAMP ((int) from + offset, 0, (int) n - 1);
  if (to == (int) from)
    return NULL;

  target = g_array_index (ids, gint64, from);
  g_array_remove_index (ids, from);
  g_array_insert_val (ids, to, target);

  return g_steal_pointer (&ids);
}

static gboolean
reorder_job (CrmStoreTxn  *txn,
             gpointer      user_data,
             GError      **error)
{
  GArray *ids = user_data;

  for (guint i = 0; i < ids->len; i++)
    {
      GVariantDict fields;

      g_variant_dict_init (&fields, NULL);
      g_variant_dict_insert (&fields, "position", "x", (gint64) i);
      if (!crm_store_txn_update (txn, CRM_ENTITY_SAVED_LIST, g_array_index (ids, gint64, i),
                                 g_variant_dict_end (&fields), error))
        return FALSE;
    }

  return TRUE;
}

/**
 * crm_saved_lists_move_async:
 * @store: the store
 * @lists: the saved lists in their order, as crm_saved_lists_new_model()
 *   gives them
 * @id: the list to move
 * @offset: how many places to move it: -1 moves it up one
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done; finish with crm_store_mutation_finish()
 * @user_data: data for @callback
 *
 * Moves a list among the others, numbering them all again in one
 * transaction. A list that cannot move (the first one up) changes nothing.
 */
void
crm_saved_lists_move_async (CrmStore            *store,
                            GListModel          *lists,
                            gint64               id,
                            int                  offset,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GArray *ids;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (G_IS_LIST_MODEL (lists));

  ids = crm_saved_lists_compute_order (lists, id, offset);
  if (ids == NULL)
    ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  crm_store_run_async (store, _("Move list"), CRM_ORIGIN_PERSON,
                       reorder_job, ids, (GDestroyNotify) g_array_unref,
                       cancellable, callback, user_data);
}

/* The name dialog */

typedef struct
{
  CrmStore      *store;
  CrmEntityKind  kind;
  gint64         except_id;
  GtkEntry      *entry;
  GtkLabel      *error_label;
} NameDialog;

static void
name_dialog_free (gpointer data)
{
  NameDialog *dialog = data;

  g_clear_object (&dialog->store);
  g_free (dialog);
}

static void
on_name_entry_changed_cb (AdwMessageDialog *message_dialog,
                          GtkEditable      *editable)
{
  NameDialog *dialog = g_object_get_data (G_OBJECT (message_dialog), DIALOG_DATA_KEY);
  const char *name = gtk_editable_get_text (editable);
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  g_autoptr(GError) error = NULL;
  gboolean valid;
  gboolean blank;

  valid = crm_saved_lists_check_name (dialog->store, dialog->kind, name,
                                      dialog->except_id, &error);

  /* An empty entry only keeps the button off: it is no mistake yet. */
  blank = !valid && stripped[0] == '\0';

  adw_message_dialog_set_response_enabled (message_dialog, "save", valid);
  gtk_label_set_label (dialog->error_label, valid || blank ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (dialog->error_label), !valid && !blank);

  if (valid || blank)
    gtk_widget_remove_css_class (GTK_WIDGET (dialog->entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (dialog->entry), "error");
}

/**
 * crm_saved_lists_name_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @store: the store
 * @kind: the kind of record listed
 * @except_id: the list being renamed, or 0 for a new one
 * @heading: the dialog's heading
 * @response_label: the label of the button that saves (response "save")
 * @initial_name: (nullable): the name to start from
 *
 * A dialog asking for a list's name, which says at once why a name cannot
 * be used and enables its "save" response only for a name that can.
 *
 * Returns: (transfer floating): the dialog; present it, and read the name
 *   in its "response" handler with crm_saved_lists_name_dialog_get_name()
 */
AdwMessageDialog *
crm_saved_lists_name_dialog_new (GtkWindow     *parent,
                                 CrmStore      *store,
                                 CrmEntityKind  kind,
                                 gint64         except_id,
                                 const char    *heading,
                                 const char    *response_label,
                                 const char    *initial_name)
{
  AdwMessageDialog *message_dialog;
  NameDialog *dialog;
  GtkWidget *box;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (heading != NULL && response_label != NULL, NULL);

  message_dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, NULL));
  adw_message_dialog_add_responses (message_dialog,
                                    "cancel", _("_Cancel"),
                                    "save", response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (message_dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (message_dialog, "save");
  adw_message_dialog_set_close_response (message_dialog, "cancel");

  dialog = g_new0 (NameDialog, 1);
  dialog->store = g_object_ref (store);
  dialog->kind = kind;
  dialog->except_id = except_id;
  dialog->entry = GTK_ENTRY (gtk_entry_new ());
  dialog->error_label = GTK_LABEL (gtk_label_new (NULL));
  g_object_set_data_full (G_OBJECT (message_dialog), DIALOG_DATA_KEY, dialog, name_dialog_free);

  gtk_entry_set_activates_default (dialog->entry, TRUE);
  gtk_entry_set_placeholder_text (dialog->entry, _("List name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dialog->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("List name"),
                                  -1);
  gtk_label_set_xalign (dialog->error_label, 0.0f);
  gtk_label_set_wrap (dialog->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (dialog->error_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (dialog->error_label), "caption");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (dialog->entry));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (dialog->error_label));
  adw_message_dialog_set_extra_child (message_dialog, box);

  g_signal_connect_object (dialog->entry, "changed",
                           G_CALLBACK (on_name_entry_changed_cb), message_dialog,
                           G_CONNECT_SWAPPED);
  gtk_editable_set_text (GTK_EDITABLE (dialog->entry),
                         initial_name != NULL ? initial_name : "");
  on_name_entry_changed_cb (message_dialog, GTK_EDITABLE (dialog->entry));
  gtk_editable_select_region (GTK_EDITABLE (dialog->entry), 0, -1);

  return message_dialog;
}

/**
 * crm_saved_lists_name_dialog_get_name:
 * @dialog: a dialog from crm_saved_lists_name_dialog_new()
 *
 * Returns: (transfer none): the name typed in it
 */
const char *
crm_saved_lists_name_dialog_get_name (AdwMessageDialog *dialog)
{
  NameDialog *data;

  g_return_val_if_fail (ADW_IS_MESSAGE_DIALOG (dialog), NULL);

  data = g_object_get_data (G_OBJECT (dialog), DIALOG_DATA_KEY);
  g_return_val_if_fail (data != NULL, NULL);

  return gtk_editable_get_text (GTK_EDITABLE (data->entry));
}
