/* crm-preferences-rules.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-preferences-rules"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-lifecycle.h"
#include "crm-query-model.h"
#include "crm-routing.h"
#include "crm-routing-rule.h"
#include "crm-store-rules.h"

#include "crm-preferences-rules.h"
#include "crm-toast-queue.h"

#define SAVE_DELAY_MS 500

/**
 * CrmPreferencesRules:
 *
 * The "Rules" page of the preferences: the territory routing rules (an
 * ordered list to reorder, switch off, delete with Undo, and edit in a
 * dialog that checks the conditions while one types) and the behaviour
 * of the lead lifecycle (after how many idle days a Working Lead is
 * stale). Everything is kept in the profile's database.
 */
struct _CrmPreferencesRules
{
  AdwPreferencesPage  parent_instance;

  /* Template widgets */
  GtkListBox         *rules_list;
  GtkSpinButton      *stale_days_spin;

  /* Owned */
  CrmStore           *store;
  CrmQueryModel      *rules;
  GCancellable       *cancellable;

  /* State */
  guint               save_stale_days_id;
  guint               saved_stale_days;
};

G_DEFINE_FINAL_TYPE (CrmPreferencesRules, crm_preferences_rules, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The dialog that adds or edits one rule; it belongs to the dialog. */
typedef struct
{
  CrmPreferencesRules *page;
  gint64               rule_id;   /* 0 for a new rule */
  AdwMessageDialog    *dialog;
  AdwEntryRow         *name_row;
  AdwEntryRow         *expression_row;
  AdwEntryRow         *owner_row;
  GtkLabel            *message;
} RuleEditor;

typedef struct
{
  CrmStore *store;
  gint64    undo_group;
} UndoData;

typedef struct
{
  CrmPreferencesRules *page;
  char                *name;
} DeleteData;

static void
rule_editor_free (gpointer data)
{
  RuleEditor *editor = data;

  g_clear_object (&editor->page);
  g_free (editor);
}

static void
undo_data_free (gpointer  data,
                GClosure *closure)
{
  UndoData *undo = data;

  g_clear_object (&undo->store);
  g_free (undo);
}

static void
delete_data_free (DeleteData *data)
{
  g_clear_object (&data->page);
  g_free (data->name);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeleteData, delete_data_free)

static void
add_toast (CrmPreferencesRules *self,
           AdwToast            *toast)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    crm_toast_queue_show_in_preferences (ADW_PREFERENCES_WINDOW (root), toast);
  else
    g_object_unref (toast);
}

static void
show_error (CrmPreferencesRules *self,
            const char          *what,
            const GError        *error)
{
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Translators: the first %s says what failed, the second why */
  message = g_strdup_printf (_("%s: %s"), what, error->message);
  escaped = g_markup_escape_text (message, -1);
  add_toast (self, adw_toast_new (escaped));
}

static void
on_rule_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CrmPreferencesRules) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!crm_store_mutation_finish (CRM_STORE (object), result, NULL, &error))
    show_error (self, _("Could not save the routing rule"), error);
}

static void
on_rule_added_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CrmPreferencesRules) self = user_data;
  g_autoptr(GError) error = NULL;

  if (crm_store_insert_finish (CRM_STORE (object), result, NULL, &error) == 0)
    show_error (self, _("Could not add the routing rule"), error);
}

/* Rows */

static CrmRoutingRule *
get_row_rule (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);

  return row != NULL ? g_object_get_data (G_OBJECT (row), "crm-rule") : NULL;
}

static void
update_row_subtitle (AdwActionRow   *row,
                     CrmRoutingRule *rule)
{
  const char *expression = crm_routing_rule_get_expression (rule);
  const char *owner = crm_routing_rule_get_owner (rule);
  g_autofree char *subtitle = NULL;

  if (expression == NULL || expression[0] == '\0')
    /* Translators: a routing rule without conditions; %s is an email */
    subtitle = g_strdup_printf (_("Any new customer → %s"), owner);
  else
    /* Translators: a routing rule; the first %s are its conditions, the
     * second an email */
    subtitle = g_strdup_printf (C_("routing rule", "%s → %s"), expression, owner);

  adw_action_row_set_subtitle (row, subtitle);
}

static void
on_rule_notify_cb (CrmRoutingRule *rule,
                   GParamSpec     *pspec,
                   AdwActionRow   *row)
{
  update_row_subtitle (row, rule);
}

static void
move_rule (CrmPreferencesRules *self,
           GtkWidget           *button,
           int                  step)
{
  GtkWidget *row = gtk_widget_get_ancestor (button, GTK_TYPE_LIST_BOX_ROW);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->rules));
  g_autoptr(GArray) ids = NULL;
  int index, target;
  gint64 moved;

  if (row == NULL)
    return;

  index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  target = index + step;
  if (index < 0 || target < 0 || target >= (int) n_items)
    return;

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_items);
  for (guint i = 0; i < n_items; i++)
    {
      gint64 id = crm_query_model_get_id (self->rules, i);

      g_array_append_val (ids, id);
    }

  moved = g_array_index (ids, gint64, index);
  g_array_index (ids, gint64, index) = g_array_index (ids, gint64, target);
  g_array_index (ids, gint64, target) = moved;

  crm_store_reorder_routing_rules_async (self->store, ids, self->cancellable,
                                         on_rule_saved_cb, g_object_ref (self));
}

static void
on_up_button_clicked_cb (GtkButton           *button,
                         CrmPreferencesRules *self)
{
  move_rule (self, GTK_WIDGET (button), -1);
}

static void
on_down_button_clicked_cb (GtkButton           *button,
                           CrmPreferencesRules *self)
{
  move_rule (self, GTK_WIDGET (button), 1);
}

static void
on_enabled_switch_active_cb (GtkSwitch           *widget,
                             GParamSpec          *pspec,
                             CrmPreferencesRules *self)
{
  CrmRoutingRule *rule = get_row_rule (GTK_WIDGET (widget));
  gboolean active = gtk_switch_get_active (widget);

  /* The switch also follows the stored value; only a flip by hand is
   * written. */
  if (rule == NULL || active == crm_routing_rule_get_enabled (rule))
    return;

  crm_store_update_async (self->store, CRM_ENTITY_ROUTING_RULE,
                          crm_record_get_id (CRM_RECORD (rule)),
                          g_variant_new_parsed ("{'enabled': <%b>}", active),
                          CRM_ORIGIN_PERSON, self->cancellable,
                          on_rule_saved_cb, g_object_ref (self));
}

static void
on_undone_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CrmPreferencesRules) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!crm_store_mutation_finish (CRM_STORE (object), result, NULL, &error) && self != NULL)
    show_error (self, _("Could not undo"), error);
}

static void
on_undo_clicked_cb (AdwToast *toast,
                    UndoData *undo)
{
  GtkWidget *page = g_object_get_data (G_OBJECT (toast), "crm-page");

  crm_store_undo_async (undo->store, undo->undo_group, NULL, on_undone_cb,
                        page != NULL ? g_object_ref (page) : NULL);
}

static void
on_rule_deleted_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(DeleteData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  UndoData *undo;
  AdwToast *toast;
  gint64 group = 0;

  if (!crm_store_mutation_finish (CRM_STORE (object), result, &group, &error))
    {
      show_error (data->page, _("Could not delete the routing rule"), error);
      return;
    }

  /* Translators: %s is a routing rule's name */
  title = g_strdup_printf (_("Routing rule “%s” deleted"), data->name);
  escaped = g_markup_escape_text (title, -1);
  toast = adw_toast_new (escaped);

  undo = g_new0 (UndoData, 1);
  undo->store = g_object_ref (data->page->store);
  undo->undo_group = group;
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "crm-page", g_object_ref (data->page),
                          g_object_unref);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb),
                         undo, undo_data_free, G_CONNECT_DEFAULT);

  add_toast (data->page, toast);
}

static void
on_delete_button_clicked_cb (GtkButton           *button,
                             CrmPreferencesRules *self)
{
  CrmRoutingRule *rule = get_row_rule (GTK_WIDGET (button));
  DeleteData *data;

  if (rule == NULL)
    return;

  data = g_new0 (DeleteData, 1);
  data->page = g_object_ref (self);
  data->name = g_strdup (crm_routing_rule_get_name (rule));

  /* Deleting outlives the page, so the toast can still offer Undo. */
  crm_store_delete_async (self->store, CRM_ENTITY_ROUTING_RULE,
                          crm_record_get_id (CRM_RECORD (rule)), CRM_ORIGIN_PERSON,
                          NULL, on_rule_deleted_cb, data);
}

static GtkWidget *
create_suffix_button (CrmPreferencesRules *self,
                      const char          *icon_name,
                      const char          *tooltip,
                      GCallback            callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_object (button, "clicked", callback, self, 0);

  return button;
}

static GtkWidget *
create_rule_row (gpointer item,
                 gpointer user_data)
{
  CrmPreferencesRules *self = user_data;
  CrmRoutingRule *rule = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *up, *down, *toggle, *remove;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "crm-rule", g_object_ref (rule), g_object_unref);

  g_object_bind_property (rule, "name", row, "title", G_BINDING_SYNC_CREATE);
  update_row_subtitle (ADW_ACTION_ROW (row), rule);
  g_signal_connect_object (rule, "notify::expression", G_CALLBACK (on_rule_notify_cb), row, 0);
  g_signal_connect_object (rule, "notify::owner", G_CALLBACK (on_rule_notify_cb), row, 0);

  up = create_suffix_button (self, "go-up-symbolic", _("Move Up"),
                             G_CALLBACK (on_up_button_clicked_cb));
  down = create_suffix_button (self, "go-down-symbolic", _("Move Down"),
                               G_CALLBACK (on_down_button_clicked_cb));
  g_object_set_data (G_OBJECT (row), "crm-up", up);
  g_object_set_data (G_OBJECT (row), "crm-down", down);

  toggle = gtk_switch_new ();
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (toggle, _("Use This Rule"));
  g_object_bind_property (rule, "enabled", toggle, "active", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (toggle, "notify::active",
                           G_CALLBACK (on_enabled_switch_active_cb), self, 0);

  remove = create_suffix_button (self, "user-trash-symbolic", _("Delete"),
                                 G_CALLBACK (on_delete_button_clicked_cb));

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

/* Rows are made once per rule; their neighbours change as rules come,
 * go and move. */
static void
update_move_buttons (CrmPreferencesRules *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->rules));

  for (guint i = 0; i < n_items; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->rules_list, i);

      if (row == NULL)
        continue;

      gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (row), "crm-up"), i > 0);
      gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (row), "crm-down"),
                                i + 1 < n_items);
    }
}

static void
on_rules_items_changed_cb (CrmPreferencesRules *self)
{
  update_move_buttons (self);
}

/* The editor */

static char *
dup_row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
set_error_style (GtkWidget *widget,
                 gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

static void
validate_editor (RuleEditor *editor)
{
  g_autofree char *name = dup_row_text (editor->name_row);
  g_autofree char *expression = dup_row_text (editor->expression_row);
  g_autofree char *owner = dup_row_text (editor->owner_row);
  g_autoptr(CrmFilter) filter = NULL;
  g_autoptr(GError) error = NULL;
  gboolean owner_ok = crm_routing_owner_is_valid (owner);

  filter = crm_routing_compile (expression, &error);
  if (filter == NULL)
    gtk_label_set_text (editor->message, error->message);
  else if (expression[0] == '\0')
    gtk_label_set_text (editor->message,
                        _("Without conditions, the rule takes every new customer "
                          "that no rule above it takes."));
  else
    gtk_label_set_text (editor->message,
                        _("Conditions are written as in lists, such as "
                          "country is \"AT\" or state is \"Tyrol\"."));

  set_error_style (GTK_WIDGET (editor->message), filter == NULL);
  gtk_widget_set_opacity (GTK_WIDGET (editor->message), filter == NULL ? 1.0 : 0.7);
  set_error_style (GTK_WIDGET (editor->expression_row), filter == NULL);
  set_error_style (GTK_WIDGET (editor->owner_row), owner[0] != '\0' && !owner_ok);

  adw_message_dialog_set_response_enabled (editor->dialog, "save",
                                           name[0] != '\0' && filter != NULL && owner_ok);
}

static gint64
next_position (CrmPreferencesRules *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->rules));
  g_autoptr(CrmRoutingRule) last = NULL;

  if (n_items == 0)
    return 0;

  last = g_list_model_get_item (G_LIST_MODEL (self->rules), n_items - 1);
  return crm_routing_rule_get_position (last) + 1;
}

static void
save_editor (RuleEditor *editor)
{
  CrmPreferencesRules *self = editor->page;
  g_autofree char *name = dup_row_text (editor->name_row);
  g_autofree char *expression = dup_row_text (editor->expression_row);
  g_autofree char *owner = dup_row_text (editor->owner_row);

  if (editor->rule_id > 0)
    {
      crm_store_update_async (self->store, CRM_ENTITY_ROUTING_RULE, editor->rule_id,
                              g_variant_new_parsed ("{'name': <%s>, 'expression': <%s>,"
                                                    " 'owner': <%s>}",
                                                    name, expression, owner),
                              CRM_ORIGIN_PERSON, self->cancellable,
                              on_rule_saved_cb, g_object_ref (self));
      return;
    }

  crm_store_insert_async (self->store, CRM_ENTITY_ROUTING_RULE,
                          g_variant_new_parsed ("{'name': <%s>, 'expression': <%s>,"
                                                " 'owner': <%s>, 'position': <%x>}",
                                                name, expression, owner,
                                                next_position (self)),
                          CRM_ORIGIN_PERSON, self->cancellable,
                          on_rule_added_cb, g_object_ref (self));
}

static void
on_editor_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       RuleEditor       *editor)
{
  if (g_strcmp0 (response, "save") == 0)
    save_editor (editor);
}

static AdwEntryRow *
add_entry_row (GtkListBox *list,
               const char *title,
               const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  gtk_list_box_append (list, row);

  return ADW_ENTRY_ROW (row);
}

static GtkListBox *
new_boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  return GTK_LIST_BOX (list);
}

static GtkWidget *
build_editor (RuleEditor     *editor,
              CrmRoutingRule *rule)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkListBox *who = new_boxed_list ();
  GtkListBox *when = new_boxed_list ();
  GtkWidget *message = gtk_label_new (NULL);

  editor->name_row = add_entry_row (who, _("_Name"),
                                    rule != NULL ? crm_routing_rule_get_name (rule) : NULL);
  editor->owner_row = add_entry_row (who, _("_Owner’s Email"),
                                     rule != NULL ? crm_routing_rule_get_owner (rule) : NULL);
  adw_entry_row_set_input_purpose (editor->owner_row, GTK_INPUT_PURPOSE_EMAIL);
  editor->expression_row = add_entry_row (when, _("_Conditions"),
                                          rule != NULL ? crm_routing_rule_get_expression (rule)
                                                       : NULL);

  /* A fixed width, so the dialog does not change size as messages come
   * and go while one types. */
  gtk_widget_set_size_request (box, 420, -1);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (message), 40);
  gtk_label_set_xalign (GTK_LABEL (message), 0.0f);
  gtk_widget_set_margin_start (message, 6);
  gtk_widget_set_margin_end (message, 6);
  gtk_widget_add_css_class (message, "caption");
  editor->message = GTK_LABEL (message);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (who));
  gtk_widget_set_margin_top (GTK_WIDGET (when), 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (when));
  gtk_box_append (GTK_BOX (box), message);

  g_signal_connect_swapped (editor->name_row, "changed", G_CALLBACK (validate_editor), editor);
  g_signal_connect_swapped (editor->expression_row, "changed",
                            G_CALLBACK (validate_editor), editor);
  g_signal_connect_swapped (editor->owner_row, "changed", G_CALLBACK (validate_editor), editor);

  return box;
}

static void
open_editor (CrmPreferencesRules *self,
             CrmRoutingRule      *rule)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  RuleEditor *editor = g_new0 (RuleEditor, 1);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   rule != NULL ? _("Edit Routing Rule")
                                                : _("New Routing Rule"),
                                   NULL);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", rule != NULL ? _("_Save") : _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  editor->page = g_object_ref (self);
  editor->rule_id = rule != NULL ? crm_record_get_id (CRM_RECORD (rule)) : 0;
  editor->dialog = ADW_MESSAGE_DIALOG (dialog);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), build_editor (editor, rule));
  g_object_set_data_full (G_OBJECT (dialog), "crm-rule-editor", editor, rule_editor_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_editor_response_cb), editor);

  validate_editor (editor);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_add_button_clicked_cb (CrmPreferencesRules *self)
{
  open_editor (self, NULL);
}

static void
on_rules_list_row_activated_cb (CrmPreferencesRules *self,
                                GtkListBoxRow       *row)
{
  CrmRoutingRule *rule = g_object_get_data (G_OBJECT (row), "crm-rule");

  if (rule != NULL)
    open_editor (self, rule);
}

/* Behaviour */

static void
on_setting_saved_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!crm_store_mutation_finish (CRM_STORE (object), result, NULL, &error))
    g_warning ("Failed to save the stale days: %s", error->message);
}

static void
save_stale_days (CrmPreferencesRules *self)
{
  guint days = (guint) gtk_spin_button_get_value_as_int (self->stale_days_spin);
  g_autofree char *value = NULL;

  if (days == self->saved_stale_days)
    return;

  self->saved_stale_days = days;
  value = g_strdup_printf ("%u", days);

  /* Not cancelled with the page: closing the window keeps what was set. */
  crm_store_set_setting_async (self->store, CRM_LIFECYCLE_STALE_DAYS_KEY, value, NULL,
                               on_setting_saved_cb, NULL);
}

static gboolean
save_stale_days_cb (gpointer user_data)
{
  CrmPreferencesRules *self = user_data;

  self->save_stale_days_id = 0;
  save_stale_days (self);

  return G_SOURCE_REMOVE;
}

/* Typing 4, 5 in the spin button is one change, not two. */
static void
on_stale_days_spin_value_changed_cb (CrmPreferencesRules *self)
{
  g_clear_handle_id (&self->save_stale_days_id, g_source_remove);
  self->save_stale_days_id = g_timeout_add (SAVE_DELAY_MS, save_stale_days_cb, self);
}

static GtkWidget *
create_placeholder (void)
{
  GtkWidget *label = gtk_label_new (_("No routing rules: new customers keep the owner "
                                      "they come with"));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");

  return label;
}

static void
crm_preferences_rules_constructed (GObject *object)
{
  CrmPreferencesRules *self = CRM_PREFERENCES_RULES (object);
  g_autofree char *days = NULL;

  G_OBJECT_CLASS (crm_preferences_rules_parent_class)->constructed (object);

  g_assert (CRM_IS_STORE (self->store));

  self->rules = crm_query_model_new (self->store, CRM_ENTITY_ROUTING_RULE);
  crm_query_model_set_sort (self->rules, "position", FALSE);
  gtk_list_box_set_placeholder (self->rules_list, create_placeholder ());
  gtk_list_box_bind_model (self->rules_list, G_LIST_MODEL (self->rules),
                           create_rule_row, self, NULL);
  g_signal_connect_object (self->rules, "items-changed",
                           G_CALLBACK (on_rules_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_move_buttons (self);

  days = crm_store_dup_setting (self->store, CRM_LIFECYCLE_STALE_DAYS_KEY);
  self->saved_stale_days = crm_lifecycle_parse_stale_days (days);
  gtk_spin_button_set_value (self->stale_days_spin, self->saved_stale_days);
}

static void
crm_preferences_rules_dispose (GObject *object)
{
  CrmPreferencesRules *self = CRM_PREFERENCES_RULES (object);

  if (self->save_stale_days_id != 0)
    {
      g_clear_handle_id (&self->save_stale_days_id, g_source_remove);
      save_stale_days (self);
    }

  g_cancellable_cancel (self->cancellable);
  if (self->rules_list != NULL)
    gtk_list_box_bind_model (self->rules_list, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_PREFERENCES_RULES);

  g_clear_object (&self->rules);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_preferences_rules_parent_class)->dispose (object);
}

static void
crm_preferences_rules_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CrmPreferencesRules *self = CRM_PREFERENCES_RULES (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_preferences_rules_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CrmPreferencesRules *self = CRM_PREFERENCES_RULES (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_preferences_rules_class_init (CrmPreferencesRulesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_preferences_rules_constructed;
  object_class->dispose = crm_preferences_rules_dispose;
  object_class->get_property = crm_preferences_rules_get_property;
  object_class->set_property = crm_preferences_rules_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CRM_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gui/crm-preferences-rules.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesRules, rules_list);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesRules, stale_days_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_add_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_rules_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stale_days_spin_value_changed_cb);
}

static void
crm_preferences_rules_init (CrmPreferencesRules *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

/**
 * crm_preferences_rules_new:
 * @store: the profile's store
 *
 * Creates the "Rules" page for the preferences window of a profile.
 *
 * Returns: (transfer floating): a #CrmPreferencesRules
 */
GtkWidget *
crm_preferences_rules_new (CrmStore *store)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  return g_object_new (CRM_TYPE_PREFERENCES_RULES,
                       "store", store,
                       NULL);
}
