/* crm-filter-bar.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-filter-bar"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "crm-filter-bar.h"
#include "crm-filter-condition-editor.h"
#include "crm-filter-fields.h"
#include "crm-filter-format.h"

/* The filter of a list, shown under the header bar: one removable chip per
 * condition of the top-level "and", a "+" whose popover writes one more
 * (or an "any of these" group), and a text mode that shows the expression
 * and applies it only once it is valid.
 *
 * The filter handed out is never changed afterwards: every edit makes a
 * new one, since a CrmQueryModel keeps the filter it was given. */

#define INDEX_KEY "crm-filter-bar-index"
#define OR_LABEL_KEY "crm-filter-bar-or-label"

struct _CrmFilterBar
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkStack *mode_stack;
  GtkBox *chips_box;
  GtkMenuButton *add_button;
  GtkEntry *text_entry;
  GtkButton *apply_button;
  GtkLabel *error_label;
  GtkButton *reset_button;
  GtkButton *save_button;
  GtkToggleButton *text_toggle;
  GtkPopover *add_popover;
  GtkBox *editors_box;
  GtkCheckButton *any_check;
  GtkButton *add_condition_button;

  /* Owned */
  CrmStore *store;
  CrmFilter *base;          /* the list's own filter */
  CrmFilter *filter;        /* what the bar shows: an "and" group */
  GStrv attribute_keys;

  /* Borrowed: children of chips_box and editors_box */
  GPtrArray *chips;
  GPtrArray *editors;

  /* State */
  CrmEntityKind kind;
  gboolean modified;
  gboolean text_mode;
  gboolean keys_stale;
};

G_DEFINE_FINAL_TYPE (CrmFilterBar, crm_filter_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_KIND,
  PROP_FILTER,
  PROP_MODIFIED,
  PROP_TEXT_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void add_editor (CrmFilterBar *self);

/**
 * crm_filter_bar_normalize:
 * @filter: (nullable): a filter
 *
 * Puts a filter in the shape the bar shows: an "and" group whose children
 * are the chips. A filter whose top is an "or" becomes one chip.
 *
 * Returns: (transfer full): a new filter that prints as @filter does
 */
CrmFilter *
crm_filter_bar_normalize (CrmFilter *filter)
{
  CrmFilter *root = crm_filter_new ();

  if (filter == NULL || crm_filter_is_empty (filter))
    return root;

  if (crm_filter_get_node (filter) != CRM_FILTER_NODE_ALL)
    {
      g_autoptr(CrmFilter) copy = crm_filter_copy (filter);

      crm_filter_append (root, copy);
      return root;
    }

  for (guint i = 0; i < crm_filter_get_n_children (filter); i++)
    {
      CrmFilter *child = crm_filter_get_child (filter, i);
      g_autoptr(CrmFilter) copy = NULL;

      if (crm_filter_is_empty (child))
        continue;

      copy = crm_filter_copy (child);
      crm_filter_append (root, copy);
    }

  return root;
}

/* Chips */

static void
on_chip_remove_clicked_cb (CrmFilterBar *self,
                           GtkButton    *button)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), INDEX_KEY));

  crm_filter_bar_remove_condition (self, index);

  /* Keyboard users land on the chip that took its place, or on "+". */
  if (index < self->chips->len)
    gtk_widget_grab_focus (gtk_widget_get_last_child (g_ptr_array_index (self->chips, index)));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
}

static GtkWidget *
create_chip (CrmFilterBar *self,
             CrmFilter    *node,
             guint         index)
{
  g_autofree char *description = crm_filter_format_describe (node, self->kind);
  g_autofree char *expression = crm_filter_to_string (node);
  g_autofree char *remove_label = NULL;
  GtkWidget *chip;
  GtkWidget *label;
  GtkWidget *button;

  chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (chip, "filter-chip");

  label = gtk_label_new (description);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_widget_set_tooltip_text (label, expression);
  gtk_box_append (GTK_BOX (chip), label);

  /* TRANSLATORS: %s describes a filter condition, "Owner is me" */
  remove_label = g_strdup_printf (_("Remove “%s”"), description);
  button = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Remove Filter"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  g_object_set_data (G_OBJECT (button), INDEX_KEY, GUINT_TO_POINTER (index));
  g_signal_connect_object (button, "clicked",
                           G_CALLBACK (on_chip_remove_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (chip), button);

  return chip;
}

static void
update_add_button (CrmFilterBar *self)
{
  GtkWidget *content;

  if (self->chips->len > 0)
    {
      gtk_menu_button_set_icon_name (self->add_button, "list-add-symbolic");
      return;
    }

  /* With no condition yet, the button says what it does. */
  content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Add Filter"));
  gtk_menu_button_set_child (self->add_button, content);
}

static void
rebuild_chips (CrmFilterBar *self)
{
  GtkWidget *previous = NULL;

  for (guint i = 0; i < self->chips->len; i++)
    gtk_box_remove (self->chips_box, g_ptr_array_index (self->chips, i));
  g_ptr_array_set_size (self->chips, 0);

  for (guint i = 0; i < crm_filter_get_n_children (self->filter); i++)
    {
      GtkWidget *chip = create_chip (self, crm_filter_get_child (self->filter, i), i);

      gtk_box_insert_child_after (self->chips_box, chip, previous);
      g_ptr_array_add (self->chips, chip);
      previous = chip;
    }

  update_add_button (self);
}

/* The current filter */

static void
update_modified (CrmFilterBar *self)
{
  gboolean modified = !crm_filter_equal (self->base, self->filter);

  gtk_widget_set_visible (GTK_WIDGET (self->reset_button), modified);
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), modified);

  if (self->modified == modified)
    return;

  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
set_text (CrmFilterBar *self)
{
  g_autofree char *text = crm_filter_to_string (self->filter);

  gtk_editable_set_text (GTK_EDITABLE (self->text_entry), text);
  gtk_editable_set_position (GTK_EDITABLE (self->text_entry), -1);
}

/* Takes @filter over, already normalized. */
static void
replace_filter (CrmFilterBar *self,
                CrmFilter    *filter)
{
  g_autoptr(CrmFilter) owned = filter;

  if (self->filter != NULL && crm_filter_equal (self->filter, filter))
    {
      update_modified (self);
      return;
    }

  g_clear_pointer (&self->filter, crm_filter_unref);
  self->filter = g_steal_pointer (&owned);

  rebuild_chips (self);
  update_modified (self);
  if (self->text_mode)
    set_text (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

/* Text mode */

static CrmFilter *
parse_text (CrmFilterBar  *self,
            GError       **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->text_entry));
  g_autoptr(CrmFilter) parsed = crm_filter_parse (text, error);

  if (parsed == NULL || !crm_filter_check (parsed, self->kind, error))
    return NULL;

  return crm_filter_bar_normalize (parsed);
}

static void
on_text_entry_changed_cb (CrmFilterBar *self,
                          GtkEditable  *editable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmFilter) parsed = parse_text (self, &error);

  gtk_label_set_label (self->error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button),
                            parsed != NULL && !crm_filter_equal (parsed, self->filter));

  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->text_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->text_entry), "error");
}

/**
 * crm_filter_bar_apply_text:
 * @self: a #CrmFilterBar
 *
 * Applies the expression typed in text mode, when it is valid; an invalid
 * one leaves the filter as it was (the error shows under the entry).
 *
 * Returns: whether the expression was valid
 */
gboolean
crm_filter_bar_apply_text (CrmFilterBar *self)
{
  CrmFilter *parsed;

  g_return_val_if_fail (CRM_IS_FILTER_BAR (self), FALSE);

  parsed = parse_text (self, NULL);
  if (parsed == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self->text_entry));
      return FALSE;
    }

  replace_filter (self, parsed);
  set_text (self);

  return TRUE;
}

static void
on_text_entry_activate_cb (CrmFilterBar *self,
                           GtkEntry     *entry)
{
  crm_filter_bar_apply_text (self);
}

static void
on_apply_button_clicked_cb (CrmFilterBar *self,
                            GtkButton    *button)
{
  crm_filter_bar_apply_text (self);
}

static void
on_text_toggle_toggled_cb (CrmFilterBar    *self,
                           GtkToggleButton *toggle)
{
  crm_filter_bar_set_text_mode (self, gtk_toggle_button_get_active (toggle));
}

static gboolean
on_escape_cb (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  CrmFilterBar *self = user_data;

  crm_filter_bar_set_text_mode (self, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_toggle));

  return TRUE;
}

static void
on_reset_button_clicked_cb (CrmFilterBar *self,
                            GtkButton    *button)
{
  crm_filter_bar_reset (self);
}

/* The popover that writes a condition */

static void
update_add_sensitive (CrmFilterBar *self)
{
  gboolean valid = self->editors->len > 0;

  for (guint i = 0; i < self->editors->len; i++)
    valid = valid && crm_filter_condition_editor_get_valid (g_ptr_array_index (self->editors, i));

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_condition_button), valid);
}

static void
update_removable (CrmFilterBar *self)
{
  /* An "any of these" group keeps at least two conditions. */
  for (guint i = 0; i < self->editors->len; i++)
    crm_filter_condition_editor_set_removable (g_ptr_array_index (self->editors, i),
                                               self->editors->len > 2);
}

static void
remove_editor (CrmFilterBar             *self,
               CrmFilterConditionEditor *editor)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (editor), OR_LABEL_KEY);

  if (label != NULL)
    gtk_box_remove (self->editors_box, label);

  g_ptr_array_remove (self->editors, editor);
  gtk_box_remove (self->editors_box, GTK_WIDGET (editor));

  /* The first condition has no "or" before it. */
  if (self->editors->len > 0)
    {
      GObject *first = g_ptr_array_index (self->editors, 0);

      label = g_object_steal_data (first, OR_LABEL_KEY);
      if (label != NULL)
        gtk_box_remove (self->editors_box, label);
    }

  update_removable (self);
  update_add_sensitive (self);
}

static void
collect_conditions (CrmFilterBar *self)
{
  g_autoptr(CrmFilter) node = NULL;

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->add_condition_button)))
    return;

  node = self->editors->len > 1 ? crm_filter_new_group (CRM_FILTER_NODE_ANY) : NULL;

  for (guint i = 0; i < self->editors->len; i++)
    {
      g_autoptr(CrmFilter) condition = NULL;

      condition = crm_filter_condition_editor_dup_condition (g_ptr_array_index (self->editors, i));
      g_return_if_fail (condition != NULL);

      if (node == NULL)
        node = g_steal_pointer (&condition);
      else
        crm_filter_append (node, condition);
    }

  crm_filter_bar_add_condition (self, node);

  /* The next condition starts afresh, from the same field. */
  gtk_check_button_set_active (self->any_check, FALSE);
  crm_filter_condition_editor_reset (g_ptr_array_index (self->editors, 0));
  gtk_popover_popdown (self->add_popover);
}

static void
on_editor_valid_cb (CrmFilterBar *self)
{
  update_add_sensitive (self);
}

static void
on_editor_activated_cb (CrmFilterBar *self)
{
  collect_conditions (self);
}

static void
on_editor_remove_clicked_cb (CrmFilterBar             *self,
                             CrmFilterConditionEditor *editor)
{
  remove_editor (self, editor);
}

static void
add_editor (CrmFilterBar *self)
{
  GtkWidget *editor = crm_filter_condition_editor_new (self->kind);

  crm_filter_condition_editor_set_attribute_keys (CRM_FILTER_CONDITION_EDITOR (editor),
                                                  (const char * const *) self->attribute_keys);
  g_signal_connect_object (editor, "notify::valid",
                           G_CALLBACK (on_editor_valid_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "activated",
                           G_CALLBACK (on_editor_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "remove-clicked",
                           G_CALLBACK (on_editor_remove_clicked_cb), self, G_CONNECT_SWAPPED);

  if (self->editors->len > 0)
    {
      GtkWidget *label = gtk_label_new (C_("filter", "or"));

      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_box_append (self->editors_box, label);
      g_object_set_data (G_OBJECT (editor), OR_LABEL_KEY, label);
    }

  gtk_box_append (self->editors_box, editor);
  g_ptr_array_add (self->editors, editor);

  update_removable (self);
  update_add_sensitive (self);
}

static void
on_any_check_toggled_cb (CrmFilterBar   *self,
                         GtkCheckButton *check)
{
  if (gtk_check_button_get_active (check))
    {
      while (self->editors->len < 2)
        add_editor (self);
      return;
    }

  while (self->editors->len > 1)
    remove_editor (self, g_ptr_array_index (self->editors, self->editors->len - 1));
}

static void
on_or_button_clicked_cb (CrmFilterBar *self,
                         GtkButton    *button)
{
  add_editor (self);
  gtk_widget_grab_focus (g_ptr_array_index (self->editors, self->editors->len - 1));
}

static void
on_add_condition_button_clicked_cb (CrmFilterBar *self,
                                    GtkButton    *button)
{
  collect_conditions (self);
}

static void
load_attribute_keys (CrmFilterBar *self)
{
  if (!self->keys_stale)
    return;

  /* Custom attributes are only those of customers so far. */
  g_clear_pointer (&self->attribute_keys, g_strfreev);
  if (self->kind == CRM_ENTITY_CUSTOMER)
    self->attribute_keys = crm_store_dup_attribute_keys (self->store);
  self->keys_stale = FALSE;

  for (guint i = 0; i < self->editors->len; i++)
    crm_filter_condition_editor_set_attribute_keys (g_ptr_array_index (self->editors, i),
                                                    (const char * const *) self->attribute_keys);
}

static void
on_add_popover_show_cb (CrmFilterBar *self,
                        GtkPopover   *popover)
{
  /* The editor is made the first time it is needed, not with the window. */
  if (self->editors->len == 0)
    add_editor (self);

  load_attribute_keys (self);
}

static void
on_store_changed_customers_cb (CrmFilterBar *self)
{
  /* Read again when the popover opens next, not on every change. */
  self->keys_stale = TRUE;
}

/* GObject */

static void
crm_filter_bar_constructed (GObject *object)
{
  CrmFilterBar *self = (CrmFilterBar *) object;

  G_OBJECT_CLASS (crm_filter_bar_parent_class)->constructed (object);

  g_assert (CRM_IS_STORE (self->store));

  g_signal_connect_object (self->store, "changed::customers",
                           G_CALLBACK (on_store_changed_customers_cb), self,
                           G_CONNECT_SWAPPED);

  rebuild_chips (self);
}

static void
crm_filter_bar_dispose (GObject *object)
{
  CrmFilterBar *self = (CrmFilterBar *) object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_FILTER_BAR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->chips, g_ptr_array_unref);
  g_clear_pointer (&self->editors, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_filter_bar_parent_class)->dispose (object);
}

static void
crm_filter_bar_finalize (GObject *object)
{
  CrmFilterBar *self = (CrmFilterBar *) object;

  g_clear_pointer (&self->base, crm_filter_unref);
  g_clear_pointer (&self->filter, crm_filter_unref);
  g_clear_pointer (&self->attribute_keys, g_strfreev);

  G_OBJECT_CLASS (crm_filter_bar_parent_class)->finalize (object);
}

static void
crm_filter_bar_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrmFilterBar *self = CRM_FILTER_BAR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;

    case PROP_FILTER:
      g_value_set_boxed (value, self->filter);
      break;

    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;

    case PROP_TEXT_MODE:
      g_value_set_boolean (value, self->text_mode);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_filter_bar_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CrmFilterBar *self = CRM_FILTER_BAR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;

    case PROP_TEXT_MODE:
      crm_filter_bar_set_text_mode (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_filter_bar_class_init (CrmFilterBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_filter_bar_constructed;
  object_class->dispose = crm_filter_bar_dispose;
  object_class->finalize = crm_filter_bar_finalize;
  object_class->get_property = crm_filter_bar_get_property;
  object_class->set_property = crm_filter_bar_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CRM_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /* Customers, opportunities or tasks: the fields offered follow. */
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL,
                      0, CRM_N_ENTITIES - 1, CRM_ENTITY_CUSTOMER,
                      (G_PARAM_READWRITE |
                       G_PARAM_CONSTRUCT_ONLY |
                       G_PARAM_STATIC_STRINGS));

  properties[PROP_FILTER] =
    g_param_spec_boxed ("filter", NULL, NULL,
                        CRM_TYPE_FILTER,
                        (G_PARAM_READABLE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /* Whether the filter differs from the list's, which can then be saved
   * as a new list. */
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_TEXT_MODE] =
    g_param_spec_boolean ("text-mode", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gui/crm-filter-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, chips_box);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, add_button);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, text_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, apply_button);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, reset_button);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, save_button);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, text_toggle);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, add_popover);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, editors_box);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, any_check);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, add_condition_button);
  gtk_widget_class_bind_template_callback (widget_class, on_text_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_text_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_text_toggle_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_any_check_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_or_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_condition_button_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "filterbar");
}

static void
crm_filter_bar_init (CrmFilterBar *self)
{
  GtkEventController *controller;
  GtkShortcut *shortcut;

  self->chips = g_ptr_array_new ();
  self->editors = g_ptr_array_new ();
  self->base = crm_filter_new ();
  self->filter = crm_filter_new ();
  self->keys_stale = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Escape in the expression goes back to the chips. */
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                               gtk_callback_action_new (on_escape_cb, self, NULL));
  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self->text_entry), controller);
}

/**
 * crm_filter_bar_new:
 * @store: the store (for the custom attributes its data holds)
 * @kind: the kind of record filtered
 *
 * Returns: (transfer floating): a new filter bar with no condition
 */
GtkWidget *
crm_filter_bar_new (CrmStore      *store,
                    CrmEntityKind  kind)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  return g_object_new (CRM_TYPE_FILTER_BAR,
                       "store", store,
                       "kind", (int) kind,
                       NULL);
}

CrmEntityKind
crm_filter_bar_get_kind (CrmFilterBar *self)
{
  g_return_val_if_fail (CRM_IS_FILTER_BAR (self), CRM_ENTITY_CUSTOMER);

  return self->kind;
}

/**
 * crm_filter_bar_get_filter:
 * @self: a #CrmFilterBar
 *
 * Returns: (transfer none): the filter shown; it never changes, the bar
 *   replaces it (see #CrmFilterBar:filter)
 */
CrmFilter *
crm_filter_bar_get_filter (CrmFilterBar *self)
{
  g_return_val_if_fail (CRM_IS_FILTER_BAR (self), NULL);

  return self->filter;
}

/**
 * crm_filter_bar_set_filter:
 * @self: a #CrmFilterBar
 * @filter: (nullable): the filter of the list shown
 *
 * Shows a list's filter. Until it is edited, the bar is not modified.
 */
void
crm_filter_bar_set_filter (CrmFilterBar *self,
                           CrmFilter    *filter)
{
  g_return_if_fail (CRM_IS_FILTER_BAR (self));

  g_clear_pointer (&self->base, crm_filter_unref);
  self->base = crm_filter_bar_normalize (filter);

  replace_filter (self, crm_filter_copy (self->base));
  if (self->text_mode)
    set_text (self);
}

gboolean
crm_filter_bar_get_modified (CrmFilterBar *self)
{
  g_return_val_if_fail (CRM_IS_FILTER_BAR (self), FALSE);

  return self->modified;
}

/**
 * crm_filter_bar_reset:
 * @self: a #CrmFilterBar
 *
 * Goes back to the list's own filter.
 */
void
crm_filter_bar_reset (CrmFilterBar *self)
{
  g_return_if_fail (CRM_IS_FILTER_BAR (self));

  replace_filter (self, crm_filter_copy (self->base));
}

/**
 * crm_filter_bar_popup_add:
 * @self: a #CrmFilterBar
 *
 * Opens the popover that adds a condition, as its "+" button does, and
 * leaves text mode for it. For the window's shortcut.
 */
void
crm_filter_bar_popup_add (CrmFilterBar *self)
{
  g_return_if_fail (CRM_IS_FILTER_BAR (self));

  if (crm_filter_bar_get_text_mode (self))
    crm_filter_bar_set_text_mode (self, FALSE);

  gtk_menu_button_popup (self->add_button);
}

/**
 * crm_filter_bar_get_n_conditions:
 * @self: a #CrmFilterBar
 *
 * Returns: the number of chips: conditions and groups that must all hold
 */
guint
crm_filter_bar_get_n_conditions (CrmFilterBar *self)
{
  g_return_val_if_fail (CRM_IS_FILTER_BAR (self), 0);

  return crm_filter_get_n_children (self->filter);
}

/**
 * crm_filter_bar_add_condition:
 * @self: a #CrmFilterBar
 * @condition: a condition, or a group, that must hold too
 *
 * Adds a chip, as the "+" popover does.
 */
void
crm_filter_bar_add_condition (CrmFilterBar *self,
                              CrmFilter    *condition)
{
  CrmFilter *filter;

  g_return_if_fail (CRM_IS_FILTER_BAR (self));
  g_return_if_fail (condition != NULL);

  if (crm_filter_is_empty (condition))
    return;

  filter = crm_filter_copy (self->filter);
  if (crm_filter_get_node (condition) == CRM_FILTER_NODE_ALL)
    {
      /* An "and" inside the "and" is just more chips. */
      for (guint i = 0; i < crm_filter_get_n_children (condition); i++)
        crm_filter_append (filter, crm_filter_get_child (condition, i));
    }
  else
    {
      g_autoptr(CrmFilter) copy = crm_filter_copy (condition);

      crm_filter_append (filter, copy);
    }

  replace_filter (self, filter);
}

/**
 * crm_filter_bar_remove_condition:
 * @self: a #CrmFilterBar
 * @index: the chip to remove
 */
void
crm_filter_bar_remove_condition (CrmFilterBar *self,
                                 guint         index)
{
  CrmFilter *filter;

  g_return_if_fail (CRM_IS_FILTER_BAR (self));
  g_return_if_fail (index < crm_filter_get_n_children (self->filter));

  filter = crm_filter_copy (self->filter);
  crm_filter_remove (filter, index);
  replace_filter (self, filter);
}

gboolean
crm_filter_bar_get_text_mode (CrmFilterBar *self)
{
  g_return_val_if_fail (CRM_IS_FILTER_BAR (self), FALSE);

  return self->text_mode;
}

/**
 * crm_filter_bar_set_text_mode:
 * @self: a #CrmFilterBar
 * @text_mode: whether to show the filter as an expression to edit
 *
 * Leaving text mode drops an expression that was not applied.
 */
void
crm_filter_bar_set_text_mode (CrmFilterBar *self,
                              gboolean      text_mode)
{
  g_return_if_fail (CRM_IS_FILTER_BAR (self));

  text_mode = !!text_mode;
  if (self->text_mode == text_mode)
    return;

  self->text_mode = text_mode;
  gtk_toggle_button_set_active (self->text_toggle, text_mode);
  gtk_stack_set_visible_child_name (self->mode_stack, text_mode ? "text" : "chips");

  if (text_mode)
    {
      set_text (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->text_entry));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_MODE]);
}
