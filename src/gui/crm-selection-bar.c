/* crm-selection-bar.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-selection-bar"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "crm-customer-format.h"
#include "crm-selection-bar-private.h"
#include "crm-status.h"

/* The bar under a customer list while rows are selected: "12 selected",
 * then Status, Owner, Tags and Attributes, which run one bulk edit over
 * the selection on the store's writer thread. The selected ids are read
 * from the selection's bitset and the model's id array, never by loading
 * a record per row. A large edit swaps the buttons for its progress and
 * Cancel; the result comes as a toast with Undo, and the customers that
 * kept their values are listed in a dialog with the reason. */

static const char * const attribute_types[] = {
  [CRM_ATTRIBUTE_TEXT] = N_("Text"),
  [CRM_ATTRIBUTE_NUMBER] = N_("Number"),
  [CRM_ATTRIBUTE_DATE] = N_("Date"),
  [CRM_ATTRIBUTE_BOOLEAN] = N_("Yes or No"),
};

G_DEFINE_FINAL_TYPE (CrmSelectionBar, crm_selection_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_N_SELECTED,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the bar says */

char *
_crm_selection_bar_format_number (guint n)
{
  /* Grouped as the locale groups thousands: 4,980 or 4.980. */
  return g_strdup_printf ("%'u", n);
}

/**
 * crm_selection_bar_format_count:
 * @n_selected: how many rows are selected
 *
 * Returns: (transfer full): "12 selected"
 */
char *
crm_selection_bar_format_count (guint n_selected)
{
  g_autofree char *number = _crm_selection_bar_format_number (n_selected);

  /* TRANSLATORS: %s is a number of selected customers, such as "1,200" */
  return g_strdup_printf (ngettext ("%s selected", "%s selected", n_selected), number);
}

/**
 * crm_selection_bar_format_progress:
 * @done: customers gone through
 * @total: customers in the edit
 *
 * Returns: (transfer full): "Changing 1,200 of 5,000 customers…"
 */
char *
crm_selection_bar_format_progress (guint done,
                                   guint total)
{
  g_autofree char *done_text = _crm_selection_bar_format_number (done);
  g_autofree char *total_text = _crm_selection_bar_format_number (total);

  /* TRANSLATORS: both %s are numbers of customers */
  return g_strdup_printf (ngettext ("Changing %s of %s customer…",
                                    "Changing %s of %s customers…", total),
                          done_text, total_text);
}

/**
 * crm_selection_bar_format_result:
 * @result: what a bulk edit did
 *
 * Returns: (transfer full): the title of the toast that reports it
 */
char *
crm_selection_bar_format_result (CrmBulkResult *result)
{
  guint n_changed = crm_bulk_result_get_n_changed (result);
  g_autofree char *number = _crm_selection_bar_format_number (n_changed);

  if (n_changed > 0)
    return g_strdup_printf (ngettext ("Changed %s customer", "Changed %s customers", n_changed),
                            number);

  if (crm_bulk_result_get_n_skipped (result) > 0)
    return g_strdup (_("No customer was changed"));

  return g_strdup (_("The customers already had these values"));
}

/**
 * crm_selection_bar_format_skip:
 * @skip: a customer a bulk edit left as it was
 *
 * Returns: (transfer full): "Maple Foods — Active is set by billing"
 */
char *
crm_selection_bar_format_skip (const CrmBulkSkip *skip)
{
  g_return_val_if_fail (skip != NULL, NULL);

  /* TRANSLATORS: a customer's name, then why a bulk edit skipped it */
  return g_strdup_printf (_("%s — %s"), skip->name, skip->reason);
}

/* State */

static void
update_actions (CrmSelectionBar *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean can_edit = self->store != NULL && self->n_selected > 0 && !self->running;
  guint n_items = self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;

  gtk_widget_action_set_enabled (widget, "bulk.set-status", can_edit);
  gtk_widget_action_set_enabled (widget, "bulk.set-owner", can_edit);
  gtk_widget_action_set_enabled (widget, "bulk.add-tags", can_edit);
  gtk_widget_action_set_enabled (widget, "bulk.remove-tags", can_edit);
  gtk_widget_action_set_enabled (widget, "bulk.set-attributes", can_edit);
  gtk_widget_action_set_enabled (widget, "bulk.select-all",
                                 self->selection != NULL && self->n_selected < n_items);
  gtk_widget_action_set_enabled (widget, "bulk.clear-selection",
                                 self->selection != NULL && self->n_selected > 0);
  gtk_widget_action_set_enabled (widget, "bulk.cancel", self->running);

  gtk_widget_set_sensitive (GTK_WIDGET (self->status_button), can_edit);
  gtk_widget_set_sensitive (GTK_WIDGET (self->owner_button), can_edit);
  gtk_widget_set_sensitive (GTK_WIDGET (self->tags_button), can_edit);
  gtk_widget_set_sensitive (GTK_WIDGET (self->attributes_button), can_edit);
}

void
_crm_selection_bar_refresh_owner_menu (CrmSelectionBar *self)
{
  g_autofree char *me_email = crm_store_dup_setting (self->store, "me.email");
  g_autofree char *me_name = crm_store_dup_setting (self->store, "me.name");
  g_auto(GStrv) owners = crm_store_dup_owners (self->store);
  g_autoptr(GMenu) mine = g_menu_new ();
  g_autoptr(GMenu) others = g_menu_new ();
  g_autoptr(GMenu) nobody = g_menu_new ();

  g_menu_remove_all (self->owner_menu);

  if (me_email != NULL && me_email[0] != '\0')
    {
      g_autofree char *label = NULL;

      /* TRANSLATORS: %s is the user's own name or email */
      label = g_strdup_printf (_("Me (%s)"), me_name != NULL && me_name[0] != '\0'
                                             ? me_name : me_email);
      g_menu_append (mine, label, "bulk.set-owner::me");
    }

  for (guint i = 0; owners[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (me_email != NULL && g_ascii_strcasecmp (owners[i], me_email) == 0)
        continue;

      item = g_menu_item_new (owners[i], NULL);
      g_menu_item_set_action_and_target_value (item, "bulk.set-owner",
                                               g_variant_new_string (owners[i]));
      g_menu_append_item (others, item);
    }

  g_menu_append (nobody, _("No Owner"), "bulk.set-owner::");

  g_menu_append_section (self->owner_menu, NULL, G_MENU_MODEL (mine));
  g_menu_append_section (self->owner_menu, NULL, G_MENU_MODEL (others));
  g_menu_append_section (self->owner_menu, NULL, G_MENU_MODEL (nobody));
}

static void
update_revealed (CrmSelectionBar *self)
{
  gboolean revealed = self->n_selected > 0 || self->running;

  if (revealed == gtk_action_bar_get_revealed (self->action_bar))
    return;

  /* Owners change as people work: read them as the bar comes up. */
  if (revealed && self->store != NULL)
    _crm_selection_bar_refresh_owner_menu (self);

  gtk_action_bar_set_revealed (self->action_bar, revealed);
}

static void
update_n_selected (CrmSelectionBar *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autofree char *count = NULL;
  guint n_selected = 0;

  if (self->selection != NULL)
    {
      selected = gtk_selection_model_get_selection (self->selection);
      n_selected = (guint) gtk_bitset_get_size (selected);
    }

  if (n_selected != self->n_selected)
    {
      self->n_selected = n_selected;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
    }

  /* While a job runs, the count it works on stays in view. */
  if (!self->running)
    {
      count = crm_selection_bar_format_count (n_selected);
      gtk_label_set_label (self->count_label, count);
    }

  update_actions (self);
  update_revealed (self);
}

void
_crm_selection_bar_set_running (CrmSelectionBar *self,
                                gboolean         running)
{
  if (self->running == running)
    return;

  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  if (!running)
    gtk_stack_set_visible_child_name (self->mode_stack, "edit");

  update_n_selected (self);
}

static void
on_selection_changed_cb (CrmSelectionBar   *self,
                         guint              position,
                         guint              n_items,
                         GtkSelectionModel *selection)
{
  update_n_selected (self);
}

static void
on_items_changed_cb (CrmSelectionBar *self,
                     guint            position,
                     guint            removed,
                     guint            added,
                     GListModel      *model)
{
  /* Rows that leave the list leave the selection without a signal. */
  update_n_selected (self);
}

/* Actions */

static void
crm_selection_bar_set_status_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  CrmSelectionBar *self = CRM_SELECTION_BAR (widget);
  g_autoptr(CrmBulkEdit) edit = crm_bulk_edit_new ();
  g_autoptr(GError) error = NULL;

  if (!crm_bulk_edit_set_status (edit, g_variant_get_string (parameter, NULL), &error))
    {
      _crm_selection_bar_show_error (self, _("Could not change the status"), error);
      return;
    }

  crm_selection_bar_apply (self, edit);
}

static void
crm_selection_bar_set_owner_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  CrmSelectionBar *self = CRM_SELECTION_BAR (widget);
  g_autoptr(CrmBulkEdit) edit = crm_bulk_edit_new ();
  g_autoptr(GError) error = NULL;

  if (!crm_bulk_edit_set_owner (edit, g_variant_get_string (parameter, NULL), &error))
    {
      _crm_selection_bar_show_error (self, _("Could not change the owner"), error);
      return;
    }

  crm_selection_bar_apply (self, edit);
}

/* Reads the tags entry into @edit; marks the entry when it holds none. */
static gboolean
read_tags (CrmSelectionBar *self,
           CrmBulkEdit     *edit,
           gboolean         add)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->tags_entry));
  g_auto(GStrv) tags = g_strsplit (text, ",", -1);
  guint n_tags = 0;

  for (guint i = 0; tags[i] != NULL; i++)
    {
      gboolean ok = add ? crm_bulk_edit_add_tag (edit, tags[i], NULL)
                        : crm_bulk_edit_remove_tag (edit, tags[i], NULL);

      /* Empty pieces ("a,,b" or a trailing comma) are not tags. */
      if (ok)
        n_tags++;
    }

  if (n_tags == 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->tags_entry), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->tags_entry));
      return FALSE;
    }

  return TRUE;
}

/* The focus goes back to the menu button before its popover goes, so the
 * entry that had it hears that it lost it. */
static void
close_popover (GtkPopover *popover)
{
  gtk_widget_grab_focus (gtk_widget_get_parent (GTK_WIDGET (popover)));
  gtk_popover_popdown (popover);
}

static void
apply_tags (CrmSelectionBar *self,
            gboolean         add)
{
  g_autoptr(CrmBulkEdit) edit = crm_bulk_edit_new ();

  if (!read_tags (self, edit, add))
    return;

  close_popover (self->tags_popover);
  gtk_editable_set_text (GTK_EDITABLE (self->tags_entry), "");
  crm_selection_bar_apply (self, edit);
}

static void
crm_selection_bar_add_tags_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  apply_tags (CRM_SELECTION_BAR (widget), TRUE);
}

static void
crm_selection_bar_remove_tags_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  apply_tags (CRM_SELECTION_BAR (widget), FALSE);
}

static void
on_tags_entry_activate_cb (CrmSelectionBar *self,
                           GtkEntry        *entry)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "bulk.add-tags", NULL);
}

static void
on_tags_entry_changed_cb (CrmSelectionBar *self,
                          GtkEditable     *editable)
{
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
}

static void
on_tags_popover_show_cb (CrmSelectionBar *self,
                         GtkPopover      *popover)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->tags_entry));
}

static void
show_attributes_error (CrmSelectionBar *self,
                       GtkEntry        *entry,
                       const char      *message)
{
  gtk_label_set_label (self->attributes_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->attributes_error), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  gtk_widget_grab_focus (GTK_WIDGET (entry));
}

static void ensure_attribute_rows (CrmSelectionBar *self);

static void
clear_attributes_error (CrmSelectionBar *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->attributes_error), FALSE);

  for (guint i = 0; i < CRM_BULK_EDIT_MAX_ATTRIBUTES; i++)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->key_entries[i]), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->value_entries[i]), "error");
    }
}

/* Reads the filled rows into @edit; shows the first problem next to its
 * entry. */
static gboolean
read_attributes (CrmSelectionBar *self,
                 CrmBulkEdit     *edit)
{
  clear_attributes_error (self);

  for (guint i = 0; i < CRM_BULK_EDIT_MAX_ATTRIBUTES; i++)
    {
      g_autofree char *key = g_strstrip (g_strdup (gtk_editable_get_text (
                                           GTK_EDITABLE (self->key_entries[i]))));
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->value_entries[i]));
      guint type = gtk_drop_down_get_selected (self->type_dropdowns[i]);
      g_autoptr(GError) error = NULL;

      if (key[0] == '\0')
        continue;

      if (!crm_bulk_edit_set_attribute (edit, key, type, text, &error))
        {
          gboolean about_key = g_error_matches (error, CRM_BULK_EDIT_ERROR,
                                                CRM_BULK_EDIT_ERROR_ATTRIBUTE);

          show_attributes_error (self, about_key ? self->key_entries[i]
                                                 : self->value_entries[i],
                                 error->message);
          return FALSE;
        }
    }

  if (crm_bulk_edit_get_n_attributes (edit) == 0)
    {
      show_attributes_error (self, self->key_entries[0], _("Name the attribute to set"));
      return FALSE;
    }

  return TRUE;
}

static void
crm_selection_bar_set_attributes_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  CrmSelectionBar *self = CRM_SELECTION_BAR (widget);
  g_autoptr(CrmBulkEdit) edit = crm_bulk_edit_new ();

  ensure_attribute_rows (self);
  if (!read_attributes (self, edit))
    return;

  close_popover (self->attributes_popover);
  for (guint i = 0; i < CRM_BULK_EDIT_MAX_ATTRIBUTES; i++)
    gtk_editable_set_text (GTK_EDITABLE (self->value_entries[i]), "");

  crm_selection_bar_apply (self, edit);
}

static void
on_attributes_popover_show_cb (CrmSelectionBar *self,
                               GtkPopover      *popover)
{
  ensure_attribute_rows (self);
  clear_attributes_error (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->key_entries[0]));
}

static void
crm_selection_bar_select_all_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  CrmSelectionBar *self = CRM_SELECTION_BAR (widget);

  if (self->selection != NULL)
    gtk_selection_model_select_all (self->selection);
}

static void
crm_selection_bar_clear_selection_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  CrmSelectionBar *self = CRM_SELECTION_BAR (widget);

  if (self->selection != NULL)
    gtk_selection_model_unselect_all (self->selection);
}

static void
crm_selection_bar_cancel_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  CrmSelectionBar *self = CRM_SELECTION_BAR (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static gboolean
on_select_all_shortcut_cb (GtkWidget *widget,
                           GVariant  *args,
                           gpointer   user_data)
{
  CrmSelectionBar *self = CRM_SELECTION_BAR (user_data);

  if (self->selection == NULL)
    return FALSE;

  gtk_selection_model_select_all (self->selection);
  return TRUE;
}

static gboolean
on_clear_shortcut_cb (GtkWidget *widget,
                      GVariant  *args,
                      gpointer   user_data)
{
  CrmSelectionBar *self = CRM_SELECTION_BAR (user_data);

  /* Escape does nothing else here when nothing is selected. */
  if (self->selection == NULL || self->n_selected == 0)
    return FALSE;

  gtk_selection_model_unselect_all (self->selection);
  return TRUE;
}

/**
 * crm_selection_bar_create_shortcuts:
 * @self: a #CrmSelectionBar
 *
 * Makes the list's Ctrl+A (select all) and Escape (clear the selection)
 * for the page that hosts the bar to add; an entry with the focus keeps
 * these keys for itself.
 *
 * Returns: (transfer full): the controller
 */
GtkEventController *
crm_selection_bar_create_shortcuts (CrmSelectionBar *self)
{
  GtkEventController *controller;
  GtkShortcut *shortcut;

  g_return_val_if_fail (CRM_IS_SELECTION_BAR (self), NULL);

  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_name (controller, "crm-selection-shortcuts");

  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_a, GDK_CONTROL_MASK),
                               gtk_callback_action_new (on_select_all_shortcut_cb,
                                                        self, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);

  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                               gtk_callback_action_new (on_clear_shortcut_cb, self, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);

  return controller;
}

/* Construction */

static GMenu *
create_status_menu (void)
{
  const char * const *statuses = crm_status_get_person_settable ();
  GMenu *menu = g_menu_new ();

  /* Only the lead statuses: subscriber statuses come from billing. */
  for (guint i = 0; statuses[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (crm_status_get_label (statuses[i]), NULL);

      g_menu_item_set_action_and_target_value (item, "bulk.set-status",
                                               g_variant_new_string (statuses[i]));
      g_menu_append_item (menu, item);
    }

  return menu;
}

static GtkWidget *
create_grid_heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");

  return label;
}

static void
on_attribute_entry_changed_cb (CrmSelectionBar *self,
                               GtkEditable     *editable)
{
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
}

static void
on_attribute_entry_activate_cb (CrmSelectionBar *self,
                                GtkEntry        *entry)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "bulk.set-attributes", NULL);
}

/* Made when the popover first opens: every list page has a bar, and few
 * bulk edits set attributes. */
static void
ensure_attribute_rows (CrmSelectionBar *self)
{
  const char *types[G_N_ELEMENTS (attribute_types) + 1] = { NULL };

  if (self->key_entries[0] != NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (attribute_types); i++)
    types[i] = _(attribute_types[i]);

  gtk_grid_attach (self->attributes_grid, create_grid_heading (_("Name")), 0, 0, 1, 1);
  gtk_grid_attach (self->attributes_grid, create_grid_heading (_("Type")), 1, 0, 1, 1);
  gtk_grid_attach (self->attributes_grid, create_grid_heading (_("Value")), 2, 0, 1, 1);

  for (guint i = 0; i < CRM_BULK_EDIT_MAX_ATTRIBUTES; i++)
    {
      g_autofree char *key_label = g_strdup_printf (_("Name of attribute %u"), i + 1);
      g_autofree char *value_label = g_strdup_printf (_("Value of attribute %u"), i + 1);

      self->key_entries[i] = GTK_ENTRY (gtk_entry_new ());
      gtk_editable_set_width_chars (GTK_EDITABLE (self->key_entries[i]), 14);
      gtk_entry_set_placeholder_text (self->key_entries[i], i == 0 ? "industry" : NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->key_entries[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, key_label, -1);

      self->type_dropdowns[i] = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (types));

      self->value_entries[i] = GTK_ENTRY (gtk_entry_new ());
      gtk_editable_set_width_chars (GTK_EDITABLE (self->value_entries[i]), 14);
      gtk_entry_set_placeholder_text (self->value_entries[i], i == 0 ? "Logistics" : NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->value_entries[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, value_label, -1);

      g_signal_connect_object (self->key_entries[i], "changed",
                               G_CALLBACK (on_attribute_entry_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->value_entries[i], "changed",
                               G_CALLBACK (on_attribute_entry_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->value_entries[i], "activate",
                               G_CALLBACK (on_attribute_entry_activate_cb), self,
                               G_CONNECT_SWAPPED);

      gtk_grid_attach (self->attributes_grid, GTK_WIDGET (self->key_entries[i]), 0, i + 1, 1, 1);
      gtk_grid_attach (self->attributes_grid, GTK_WIDGET (self->type_dropdowns[i]),
                       1, i + 1, 1, 1);
      gtk_grid_attach (self->attributes_grid, GTK_WIDGET (self->value_entries[i]),
                       2, i + 1, 1, 1);
    }
}

static void
disconnect_model (CrmSelectionBar *self)
{
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);

  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
}

/* A job outlives nothing it reports to: leaving the window cancels it. */
static void
crm_selection_bar_unroot (GtkWidget *widget)
{
  CrmSelectionBar *self = CRM_SELECTION_BAR (widget);

  g_cancellable_cancel (self->cancellable);

  GTK_WIDGET_CLASS (crm_selection_bar_parent_class)->unroot (widget);
}

static void
crm_selection_bar_dispose (GObject *object)
{
  CrmSelectionBar *self = (CrmSelectionBar *) object;

  /* A job still running is cancelled: nothing half-done is left. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  disconnect_model (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_SELECTION_BAR);

  g_clear_object (&self->status_menu);
  g_clear_object (&self->owner_menu);

  G_OBJECT_CLASS (crm_selection_bar_parent_class)->dispose (object);
}

static void
crm_selection_bar_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CrmSelectionBar *self = CRM_SELECTION_BAR (object);

  switch (prop_id)
    {
    case PROP_N_SELECTED:
      g_value_set_uint (value, self->n_selected);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_selection_bar_class_init (CrmSelectionBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_selection_bar_dispose;
  object_class->get_property = crm_selection_bar_get_property;
  widget_class->unroot = crm_selection_bar_unroot;

  properties[PROP_N_SELECTED] =
    g_param_spec_uint ("n-selected", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /* Whether a bulk edit is running. */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "bulk.set-status", "s",
                                   crm_selection_bar_set_status_action);
  gtk_widget_class_install_action (widget_class, "bulk.set-owner", "s",
                                   crm_selection_bar_set_owner_action);
  gtk_widget_class_install_action (widget_class, "bulk.add-tags", NULL,
                                   crm_selection_bar_add_tags_action);
  gtk_widget_class_install_action (widget_class, "bulk.remove-tags", NULL,
                                   crm_selection_bar_remove_tags_action);
  gtk_widget_class_install_action (widget_class, "bulk.set-attributes", NULL,
                                   crm_selection_bar_set_attributes_action);
  gtk_widget_class_install_action (widget_class, "bulk.select-all", NULL,
                                   crm_selection_bar_select_all_action);
  gtk_widget_class_install_action (widget_class, "bulk.clear-selection", NULL,
                                   crm_selection_bar_clear_selection_action);
  gtk_widget_class_install_action (widget_class, "bulk.cancel", NULL,
                                   crm_selection_bar_cancel_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gui/crm-selection-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmSelectionBar, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, CrmSelectionBar, action_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmSelectionBar, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmSelectionBar, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmSelectionBar, status_button);
  gtk_widget_class_bind_template_child (widget_class, CrmSelectionBar, owner_button);
  gtk_widget_class_bind_template_child (widget_class, CrmSelectionBar, tags_button);
  gtk_widget_class_bind_template_child (widget_class, CrmSelectionBar, attributes_button);
  gtk_widget_class_bind_template_child (widget_class, CrmSelectionBar, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmSelectionBar, progress_label);
  gtk_widget_class_bind_template_child (widget_class, CrmSelectionBar, tags_popover);
  gtk_widget_class_bind_template_child (widget_class, CrmSelectionBar, tags_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmSelectionBar, attributes_popover);
  gtk_widget_class_bind_template_child (widget_class, CrmSelectionBar, attributes_grid);
  gtk_widget_class_bind_template_child (widget_class, CrmSelectionBar, attributes_error);
  gtk_widget_class_bind_template_callback (widget_class, on_tags_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tags_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tags_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_attributes_popover_show_cb);

  gtk_widget_class_set_css_name (widget_class, "selectionbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TOOLBAR);
}

static void
crm_selection_bar_init (CrmSelectionBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->status_menu = create_status_menu ();
  gtk_menu_button_set_menu_model (self->status_button, G_MENU_MODEL (self->status_menu));

  self->owner_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->owner_button, G_MENU_MODEL (self->owner_menu));

  update_n_selected (self);
}

/**
 * crm_selection_bar_new:
 *
 * Returns: (transfer floating): a bar with no list yet
 */
GtkWidget *
crm_selection_bar_new (void)
{
  return g_object_new (CRM_TYPE_SELECTION_BAR, NULL);
}

/**
 * crm_selection_bar_set_model:
 * @self: a #CrmSelectionBar
 * @store: the store the customers are in
 * @model: the list's rows
 * @selection: the selection over @model
 *
 * Follows @selection: the bar shows while rows are selected, and edits
 * the customers of the selected rows.
 */
void
crm_selection_bar_set_model (CrmSelectionBar   *self,
                             CrmStore          *store,
                             CrmQueryModel     *model,
                             GtkSelectionModel *selection)
{
  g_return_if_fail (CRM_IS_SELECTION_BAR (self));
  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (CRM_IS_QUERY_MODEL (model));
  g_return_if_fail (GTK_IS_SELECTION_MODEL (selection));

  disconnect_model (self);

  self->store = g_object_ref (store);
  self->model = g_object_ref (model);
  self->selection = g_object_ref (selection);

  g_signal_connect_object (selection, "selection-changed",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (selection, "items-changed",
                           G_CALLBACK (on_items_changed_cb), self, G_CONNECT_SWAPPED);

  update_n_selected (self);
}

/**
 * crm_selection_bar_get_n_selected:
 * @self: a #CrmSelectionBar
 *
 * Returns: how many rows are selected
 */
guint
crm_selection_bar_get_n_selected (CrmSelectionBar *self)
{
  g_return_val_if_fail (CRM_IS_SELECTION_BAR (self), 0);

  return self->n_selected;
}

/**
 * crm_selection_bar_get_running:
 * @self: a #CrmSelectionBar
 *
 * Returns: whether a bulk edit is running
 */
gboolean
crm_selection_bar_get_running (CrmSelectionBar *self)
{
  g_return_val_if_fail (CRM_IS_SELECTION_BAR (self), FALSE);

  return self->running;
}
