/* crm-customer-editor.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-customer-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-core.h"
#include "crm-customer-format.h"

#include "crm-customer-editor.h"

/**
 * CrmCustomerEditor:
 *
 * Every field of a customer a rep keeps, as rows to type in: name and
 * contact details, the address (the country as a code or a name, shown by
 * name), the owner, the tags and the custom attributes. It only edits: its
 * container saves what crm_customer_editor_build() gives, in one change,
 * and keeps the editor as it is when that fails, so nothing typed is lost.
 * A field that cannot be stored says why on itself.
 *
 * Enter in a field emits #CrmCustomerEditor::activated, for the container
 * to save.
 */

struct _CrmCustomerEditor
{
  GtkWidget            parent_instance;

  /* Children */
  AdwEntryRow         *rows[CRM_CUSTOMER_N_FIELDS];
  GtkLabel            *country_label;
  GtkWidget           *me_button;
  GtkMenuButton       *owners_button;
  AdwPreferencesGroup *owner_group;
  GtkFlowBox          *tags_box;
  GtkWidget           *tags_row;
  AdwEntryRow         *add_tag_row;
  AdwPreferencesGroup *attributes_group;
  GtkWidget           *attribute_rows;     /* GtkListBox */
  AdwEntryRow         *new_key_row;
  AdwComboRow         *new_type_row;
  AdwEntryRow         *new_value_row;

  /* Owned */
  CrmCustomer         *customer;           /* NULL for a new one */
  JsonObject          *attributes;         /* the working copy */
  GPtrArray           *tags;               /* char * */
  char                *me_email;
};

G_DEFINE_FINAL_TYPE (CrmCustomerEditor, crm_customer_editor, GTK_TYPE_WIDGET)

enum {
  SIGNAL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define KEY_DATA "crm-attribute-key"
#define TYPE_DATA "crm-attribute-type"
#define TITLE_DATA "crm-title"

static void
focus_row (AdwEntryRow *row)
{
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* Marks a row refused, with the reason in its title where the eye is, or
 * puts it back. */
static void
mark_row (AdwEntryRow *row,
          const char  *message)
{
  const char *title = g_object_get_data (G_OBJECT (row), TITLE_DATA);

  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), message);
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), message);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), NULL);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                  -1);
}

static gboolean
row_is_marked (AdwEntryRow *row)
{
  return gtk_widget_has_css_class (GTK_WIDGET (row), "error");
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static CrmCustomerField
field_of_row (CrmCustomerEditor *self,
              AdwEntryRow       *row)
{
  for (guint i = 0; i < CRM_CUSTOMER_N_FIELDS; i++)
    if (self->rows[i] == row)
      return i;

  g_assert_not_reached ();
}

static void
update_country_label (CrmCustomerEditor *self)
{
  g_autofree char *code = crm_country_find_code (row_text (self->rows[CRM_CUSTOMER_FIELD_COUNTRY]));
  g_autofree char *name = crm_country_dup_name (code);
  g_autofree char *typed = g_utf8_casefold (row_text (self->rows[CRM_CUSTOMER_FIELD_COUNTRY]),
                                            -1);
  g_autofree char *folded = name != NULL ? g_utf8_casefold (name, -1) : NULL;

  /* The name, unless that is what was typed. */
  gtk_label_set_label (self->country_label,
                       name != NULL && g_strcmp0 (g_strstrip (typed), folded) != 0 ? name : "");
}

/* A mistake is pointed at when the rep saves; once pointed at, it goes
 * as soon as it is put right. */
static void
on_field_changed_cb (AdwEntryRow       *row,
                     CrmCustomerEditor *self)
{
  CrmCustomerField field = field_of_row (self, row);
  g_autoptr(GError) error = NULL;

  if (field == CRM_CUSTOMER_FIELD_COUNTRY)
    update_country_label (self);

  if (!row_is_marked (row))
    return;

  if (crm_customer_edit_check (field, row_text (row), NULL, &error))
    mark_row (row, NULL);
  else
    mark_row (row, error->message);
}

static void
on_row_entry_activated_cb (CrmCustomerEditor *self)
{
  g_signal_emit (self, signals[SIGNAL_ACTIVATED], 0);
}

static void
on_me_button_clicked_cb (CrmCustomerEditor *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->rows[CRM_CUSTOMER_FIELD_OWNER]),
                         self->me_email != NULL ? self->me_email : "");
}

static void
crm_customer_editor_set_owner_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  CrmCustomerEditor *self = CRM_CUSTOMER_EDITOR (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->rows[CRM_CUSTOMER_FIELD_OWNER]),
                         g_variant_get_string (param, NULL));
}

static GtkWidget *
add_group (CrmCustomerEditor *self,
           const char        *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_widget_set_parent (group, GTK_WIDGET (self));

  return group;
}

static AdwEntryRow *
create_entry_row (const char *title)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  g_object_set_data_full (G_OBJECT (row), TITLE_DATA, g_strdup (title), g_free);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);

  return row;
}

static void
add_field_rows (CrmCustomerEditor *self,
                GtkWidget         *group,
                CrmCustomerField   first,
                CrmCustomerField   last)
{
  for (CrmCustomerField i = first; i <= last; i++)
    {
      AdwEntryRow *row = create_entry_row (crm_customer_edit_get_title (i));

      self->rows[i] = row;
      g_signal_connect_object (row, "changed", G_CALLBACK (on_field_changed_cb), self, 0);
      g_signal_connect_object (row, "entry-activated", G_CALLBACK (on_row_entry_activated_cb),
                               self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (row));
    }
}

/* Tags */

static void fill_tags (CrmCustomerEditor *self);

static void
on_tag_remove_clicked_cb (GtkButton         *button,
                          CrmCustomerEditor *self)
{
  const char *tag = g_object_get_data (G_OBJECT (button), "crm-tag");

  for (guint i = 0; i < self->tags->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (self->tags, i), tag))
        {
          g_ptr_array_remove_index (self->tags, i);
          break;
        }
    }

  fill_tags (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->add_tag_row));
}

static GtkWidget *
create_tag_chip (CrmCustomerEditor *self,
                 const char        *tag)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (tag);
  GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  g_autofree char *tooltip = NULL;

  gtk_widget_set_margin_start (label, 9);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_box_append (GTK_BOX (box), label);

  /* Translators: %s is a tag */
  tooltip = g_strdup_printf (_("Remove “%s”"), tag);
  gtk_widget_set_tooltip_text (remove, tooltip);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  g_object_set_data_full (G_OBJECT (remove), "crm-tag", g_strdup (tag), g_free);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_tag_remove_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (box), remove);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_halign (box, GTK_ALIGN_START);

  return box;
}

static void
fill_tags (CrmCustomerEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))) != NULL)
    gtk_flow_box_remove (self->tags_box, child);

  for (guint i = 0; i < self->tags->len; i++)
    gtk_flow_box_append (self->tags_box,
                         create_tag_chip (self, g_ptr_array_index (self->tags, i)));

  gtk_widget_set_visible (self->tags_row, self->tags->len > 0);
}

static gboolean
add_typed_tag (CrmCustomerEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tag = NULL;

  g_ptr_array_add (self->tags, NULL);
  tag = crm_customer_edit_check_tag (row_text (self->add_tag_row),
                                     (const char * const *) self->tags->pdata, &error);
  g_ptr_array_remove_index (self->tags, self->tags->len - 1);

  if (tag == NULL)
    {
      mark_row (self->add_tag_row, error->message);
      return FALSE;
    }

  mark_row (self->add_tag_row, NULL);
  g_ptr_array_add (self->tags, g_steal_pointer (&tag));
  gtk_editable_set_text (GTK_EDITABLE (self->add_tag_row), "");
  fill_tags (self);

  return TRUE;
}

static void
on_add_tag_apply_cb (CrmCustomerEditor *self)
{
  add_typed_tag (self);
}

static void
on_add_tag_changed_cb (CrmCustomerEditor *self)
{
  if (row_is_marked (self->add_tag_row))
    mark_row (self->add_tag_row, NULL);
}

static GtkWidget *
create_boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  return list;
}

/* A group takes rows into its list, and anything else after it: the
 * chips come first, so neither goes into its list. */
static void
add_tags_group (CrmCustomerEditor *self)
{
  GtkWidget *group = add_group (self, _("Tags"));
  GtkWidget *list = create_boxed_list ();

  self->tags_box = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->tags_box, GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (self->tags_box, 6);
  gtk_flow_box_set_row_spacing (self->tags_box, 6);
  gtk_flow_box_set_max_children_per_line (self->tags_box, 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->tags_box), 12);
  self->tags_row = GTK_WIDGET (self->tags_box);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->tags_row);

  self->add_tag_row = create_entry_row (_("_Add Tag"));
  adw_entry_row_set_show_apply_button (self->add_tag_row, TRUE);
  g_signal_connect_object (self->add_tag_row, "apply", G_CALLBACK (on_add_tag_apply_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->add_tag_row, "entry-activated",
                           G_CALLBACK (on_add_tag_apply_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->add_tag_row, "changed", G_CALLBACK (on_add_tag_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->add_tag_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
}

/* Custom attributes */

static const char *
type_label (CrmAttributeType type)
{
  switch (type)
    {
    case CRM_ATTRIBUTE_NUMBER:
      return C_("attribute type", "Number");
    case CRM_ATTRIBUTE_DATE:
      return C_("attribute type", "Date (YYYY-MM-DD)");
    case CRM_ATTRIBUTE_BOOLEAN:
      return C_("attribute type", "Yes or No");
    case CRM_ATTRIBUTE_TEXT:
    default:
      return C_("attribute type", "Text");
    }
}

static void
on_attribute_remove_clicked_cb (GtkButton         *button,
                                CrmCustomerEditor *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ENTRY_ROW);
  const char *key = g_object_get_data (G_OBJECT (row), KEY_DATA);

  crm_customer_edit_remove_attribute (self->attributes, key);
  gtk_list_box_remove (GTK_LIST_BOX (self->attribute_rows), row);
  gtk_widget_set_visible (self->attribute_rows,
                          gtk_widget_get_first_child (self->attribute_rows) != NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->new_key_row));
}

static void
on_attribute_changed_cb (AdwEntryRow       *row,
                         CrmCustomerEditor *self)
{
  CrmAttributeType type = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), TYPE_DATA));
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(GError) error = NULL;

  if (!row_is_marked (row))
    return;

  value = crm_attribute_parse_value (type, row_text (row), &error);
  mark_row (row, value != NULL ? NULL : error->message);
}

static void
add_attribute_row (CrmCustomerEditor *self,
                   const char        *key,
                   CrmAttributeType   type,
                   const char        *text)
{
  g_autofree char *title = crm_customer_format_humanize_key (key);
  AdwEntryRow *row = create_entry_row (title);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *tooltip = NULL;

  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), TITLE_DATA, g_strdup (title), g_free);
  g_object_set_data_full (G_OBJECT (row), KEY_DATA, g_strdup (key), g_free);
  g_object_set_data (G_OBJECT (row), TYPE_DATA, GINT_TO_POINTER (type));
  gtk_editable_set_text (GTK_EDITABLE (row), text);

  /* Translators: %s is a custom attribute's name */
  tooltip = g_strdup_printf (_("Remove “%s”"), title);
  gtk_widget_set_tooltip_text (remove, tooltip);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_attribute_remove_clicked_cb),
                           self, 0);
  adw_entry_row_add_suffix (row, remove);

  g_signal_connect_object (row, "changed", G_CALLBACK (on_attribute_changed_cb), self, 0);
  g_signal_connect_object (row, "entry-activated", G_CALLBACK (on_row_entry_activated_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_list_box_append (GTK_LIST_BOX (self->attribute_rows), GTK_WIDGET (row));
  gtk_widget_set_visible (self->attribute_rows, TRUE);
}

static gboolean
add_typed_attribute (CrmCustomerEditor *self)
{
  g_autofree char *key = g_strstrip (g_strdup (row_text (self->new_key_row)));
  CrmAttributeType type = adw_combo_row_get_selected (self->new_type_row);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (crm_customer_edit_get_attribute (self->attributes, key) != NULL)
    {
      mark_row (self->new_key_row, _("The customer has this attribute already"));
      return FALSE;
    }

  if (!crm_customer_edit_set_attribute (self->attributes, key, type,
                                        row_text (self->new_value_row), &error))
    {
      /* The name is checked first: a bad name is the name's fault. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
        mark_row (self->new_key_row, error->message);
      else
        mark_row (self->new_value_row, error->message);
      return FALSE;
    }

  text = crm_customer_edit_attribute_text (crm_customer_edit_get_attribute (self->attributes,
                                                                            key));
  add_attribute_row (self, key, type, text);
  mark_row (self->new_key_row, NULL);
  mark_row (self->new_value_row, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->new_key_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_value_row), "");

  return TRUE;
}

static void
on_new_attribute_apply_cb (CrmCustomerEditor *self)
{
  if (add_typed_attribute (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->new_key_row));
}

static gboolean
is_blank (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (row_text (row)));

  return text[0] == '\0';
}

/* A tag or an attribute typed but not added yet is what the rep meant to
 * save too; one that cannot be added stops the save and says why. */
static gboolean
add_pending (CrmCustomerEditor  *self,
             GError            **error)
{
  AdwEntryRow *bad = NULL;

  if (!is_blank (self->add_tag_row) && !add_typed_tag (self))
    bad = self->add_tag_row;
  else if ((!is_blank (self->new_key_row) || !is_blank (self->new_value_row)) &&
           !add_typed_attribute (self))
    bad = row_is_marked (self->new_key_row) ? self->new_key_row : self->new_value_row;

  if (bad == NULL)
    return TRUE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       adw_preferences_row_get_title (ADW_PREFERENCES_ROW (bad)));
  focus_row (bad);
  return FALSE;
}

static void
on_new_attribute_changed_cb (AdwEntryRow       *row,
                             CrmCustomerEditor *self)
{
  if (row_is_marked (row))
    mark_row (row, NULL);
}

static void
add_attributes_group (CrmCustomerEditor *self)
{
  GtkWidget *group = add_group (self, _("Custom Attributes"));
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  GtkWidget *new_list;

  self->attributes_group = ADW_PREFERENCES_GROUP (group);
  self->attribute_rows = create_boxed_list ();
  gtk_widget_set_margin_bottom (self->attribute_rows, 12);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->attribute_rows);

  new_list = create_boxed_list ();
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), new_list);

  self->new_key_row = create_entry_row (_("New Attribute’s _Name"));
  g_signal_connect_object (self->new_key_row, "changed",
                           G_CALLBACK (on_new_attribute_changed_cb), self, 0);
  gtk_list_box_append (GTK_LIST_BOX (new_list), GTK_WIDGET (self->new_key_row));

  for (CrmAttributeType type = CRM_ATTRIBUTE_TEXT; type <= CRM_ATTRIBUTE_BOOLEAN; type++)
    gtk_string_list_append (types, type_label (type));
  self->new_type_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->new_type_row), _("T_ype"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->new_type_row), TRUE);
  adw_combo_row_set_model (self->new_type_row, G_LIST_MODEL (types));
  gtk_list_box_append (GTK_LIST_BOX (new_list), GTK_WIDGET (self->new_type_row));

  self->new_value_row = create_entry_row (_("_Value"));
  adw_entry_row_set_show_apply_button (self->new_value_row, TRUE);
  g_signal_connect_object (self->new_value_row, "apply",
                           G_CALLBACK (on_new_attribute_apply_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->new_value_row, "entry-activated",
                           G_CALLBACK (on_new_attribute_apply_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->new_value_row, "changed",
                           G_CALLBACK (on_new_attribute_changed_cb), self, 0);
  gtk_list_box_append (GTK_LIST_BOX (new_list), GTK_WIDGET (self->new_value_row));
}

static void
fill_attributes (CrmCustomerEditor *self)
{
  g_auto(GStrv) keys = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->attribute_rows)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->attribute_rows), child);

  keys = crm_customer_edit_list_attributes (self->attributes);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      JsonNode *node = crm_customer_edit_get_attribute (self->attributes, keys[i]);
      g_autofree char *text = crm_customer_edit_attribute_text (node);
      CrmAttributeType type;

      crm_customer_edit_attribute_type (node, &type);
      add_attribute_row (self, keys[i], type, text);
    }

  gtk_widget_set_visible (self->attribute_rows, keys[0] != NULL);
}

/* What the attribute rows hold, into the working copy; the first row
 * refused is marked and its message returned. */
static gboolean
apply_attribute_rows (CrmCustomerEditor  *self,
                      AdwEntryRow       **bad_row,
                      GError            **error)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->attribute_rows);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwEntryRow *row = ADW_ENTRY_ROW (child);
      const char *key = g_object_get_data (G_OBJECT (row), KEY_DATA);
      CrmAttributeType type = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), TYPE_DATA));
      JsonNode *old = crm_customer_edit_get_attribute (self->attributes, key);
      g_autofree char *old_text = crm_customer_edit_attribute_text (old);

      /* Untouched, it stays as stored (a null stays null). */
      if (g_str_equal (old_text, row_text (row)))
        continue;

      if (!crm_customer_edit_set_attribute (self->attributes, key, type, row_text (row), error))
        {
          mark_row (row, (*error)->message);
          *bad_row = row;
          return FALSE;
        }
    }

  return TRUE;
}

/* GObject */

static void
crm_customer_editor_dispose (GObject *object)
{
  CrmCustomerEditor *self = CRM_CUSTOMER_EDITOR (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->customer);
  g_clear_pointer (&self->attributes, json_object_unref);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_clear_pointer (&self->me_email, g_free);

  G_OBJECT_CLASS (crm_customer_editor_parent_class)->dispose (object);
}

static void
crm_customer_editor_class_init (CrmCustomerEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_customer_editor_dispose;

  /**
   * CrmCustomerEditor::activated:
   *
   * Emitted when Enter is pressed in a field: the rep is done.
   */
  signals[SIGNAL_ACTIVATED] =
    g_signal_new ("activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "editor.set-owner", "s",
                                   crm_customer_editor_set_owner_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "customereditor");
}

static void
crm_customer_editor_init (CrmCustomerEditor *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkWidget *group;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 24);

  self->attributes = json_object_new ();
  self->tags = g_ptr_array_new_null_terminated (0, g_free, TRUE);

  group = add_group (self, NULL);
  add_field_rows (self, group, CRM_CUSTOMER_FIELD_NAME, CRM_CUSTOMER_FIELD_LINKEDIN);
  adw_entry_row_set_input_purpose (self->rows[CRM_CUSTOMER_FIELD_EMAIL],
                                   GTK_INPUT_PURPOSE_EMAIL);
  adw_entry_row_set_input_purpose (self->rows[CRM_CUSTOMER_FIELD_WEBSITE],
                                   GTK_INPUT_PURPOSE_URL);

  group = add_group (self, _("Address"));
  add_field_rows (self, group, CRM_CUSTOMER_FIELD_STREET, CRM_CUSTOMER_FIELD_COUNTRY);
  self->country_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->country_label), "dim-label");
  adw_entry_row_add_suffix (self->rows[CRM_CUSTOMER_FIELD_COUNTRY],
                            GTK_WIDGET (self->country_label));

  group = add_group (self, NULL);
  self->owner_group = ADW_PREFERENCES_GROUP (group);
  add_field_rows (self, group, CRM_CUSTOMER_FIELD_OWNER, CRM_CUSTOMER_FIELD_OWNER);
  self->me_button = gtk_button_new_with_mnemonic (_("_Me"));
  gtk_widget_set_tooltip_text (self->me_button, _("Assign to Me"));
  gtk_widget_set_valign (self->me_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->me_button, "flat");
  g_signal_connect_object (self->me_button, "clicked", G_CALLBACK (on_me_button_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  adw_entry_row_add_suffix (self->rows[CRM_CUSTOMER_FIELD_OWNER], self->me_button);
  self->owners_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->owners_button, "pan-down-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->owners_button), _("Choose an Owner"));
  gtk_widget_set_valign (GTK_WIDGET (self->owners_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->owners_button), "flat");
  gtk_widget_set_visible (GTK_WIDGET (self->owners_button), FALSE);
  adw_entry_row_add_suffix (self->rows[CRM_CUSTOMER_FIELD_OWNER],
                            GTK_WIDGET (self->owners_button));

  add_tags_group (self);
  add_attributes_group (self);
}

/**
 * crm_customer_editor_new:
 *
 * Returns: (transfer floating): a new, empty #CrmCustomerEditor
 */
GtkWidget *
crm_customer_editor_new (void)
{
  return g_object_new (CRM_TYPE_CUSTOMER_EDITOR, NULL);
}

/**
 * crm_customer_editor_load:
 * @self: a #CrmCustomerEditor
 * @customer: (nullable): the customer to edit, %NULL for a new one
 * @me_email: (nullable): the email of "me", for the owner's Me button
 *
 * Fills every field from @customer, dropping what was typed before.
 */
void
crm_customer_editor_load (CrmCustomerEditor *self,
                          CrmCustomer       *customer,
                          const char        *me_email)
{
  const char * const *tags;
  JsonObject *attributes;

  g_return_if_fail (CRM_IS_CUSTOMER_EDITOR (self));
  g_return_if_fail (customer == NULL || CRM_IS_CUSTOMER (customer));

  g_set_object (&self->customer, customer);
  g_free (self->me_email);
  self->me_email = g_strdup (me_email);

  for (guint i = 0; i < CRM_CUSTOMER_N_FIELDS; i++)
    {
      g_autofree char *text = crm_customer_edit_dup_text (customer, i);

      gtk_editable_set_text (GTK_EDITABLE (self->rows[i]), text);
      mark_row (self->rows[i], NULL);
    }
  update_country_label (self);
  gtk_widget_set_visible (self->me_button, me_email != NULL && me_email[0] != '\0');

  adw_preferences_group_set_description (self->owner_group,
                                         customer == NULL
                                         ? _("Left empty, the routing rules choose an "
                                             "owner, and if none does it is you.")
                                         : _("A user’s email; empty for nobody."));

  g_ptr_array_set_size (self->tags, 0);
  tags = customer != NULL ? crm_customer_get_tags (customer) : NULL;
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    g_ptr_array_add (self->tags, g_strdup (tags[i]));
  fill_tags (self);

  g_clear_pointer (&self->attributes, json_object_unref);
  attributes = customer != NULL ? crm_customer_get_attributes (customer) : NULL;
  if (attributes != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonNode) copy = NULL;
      g_autofree char *json = NULL;

      /* A deep copy: json_node_copy() shares the object, which the stored
       * customer must keep as it is. */
      json_node_set_object (node, attributes);
      json = json_to_string (node, FALSE);
      copy = json_from_string (json, NULL);
      self->attributes = json_node_dup_object (copy);
    }
  else
    {
      self->attributes = json_object_new ();
    }
  fill_attributes (self);

  for (AdwEntryRow **row = (AdwEntryRow *[]) { self->add_tag_row, self->new_key_row,
                                               self->new_value_row, NULL };
       *row != NULL; row++)
    {
      gtk_editable_set_text (GTK_EDITABLE (*row), "");
      mark_row (*row, NULL);
    }
}

/**
 * crm_customer_editor_build:
 * @self: a #CrmCustomerEditor
 * @tags: (out) (transfer full) (optional): the customer's tags, or %NULL
 *   when they did not change
 * @error: return location for a #GError
 *
 * Reads every field. A field refused is marked with its message and takes
 * the focus; nothing typed is changed.
 *
 * Returns: (transfer floating) (nullable): the columns to write (see
 *   crm_customer_edit_build_fields()), or %NULL with @error
 */
GVariant *
crm_customer_editor_build (CrmCustomerEditor  *self,
                           GStrv              *tags,
                           GError            **error)
{
  const char *texts[CRM_CUSTOMER_N_FIELDS];
  CrmCustomerField bad = CRM_CUSTOMER_FIELD_NAME;
  AdwEntryRow *bad_row = NULL;
  GVariant *fields;

  g_return_val_if_fail (CRM_IS_CUSTOMER_EDITOR (self), NULL);

  for (guint i = 0; i < CRM_CUSTOMER_N_FIELDS; i++)
    texts[i] = row_text (self->rows[i]);

  fields = crm_customer_edit_build_fields (self->customer, texts, NULL, &bad, error);
  if (fields == NULL)
    {
      mark_row (self->rows[bad], (*error)->message);
      focus_row (self->rows[bad]);
      return NULL;
    }
  g_variant_ref_sink (fields);

  if (!add_pending (self, error))
    {
      g_variant_unref (fields);
      return NULL;
    }

  if (!apply_attribute_rows (self, &bad_row, error))
    {
      g_variant_unref (fields);
      focus_row (bad_row);
      return NULL;
    }

  g_variant_unref (fields);
  fields = crm_customer_edit_build_fields (self->customer, texts, self->attributes, NULL, error);

  if (tags != NULL)
    {
      const char * const *old = self->customer != NULL ? crm_customer_get_tags (self->customer)
                                                       : NULL;

      *tags = NULL;
      if (crm_customer_edit_tags_differ (old, (const char * const *) self->tags->pdata))
        *tags = g_strdupv ((char **) self->tags->pdata);
    }

  return fields;
}

/**
 * crm_customer_editor_set_owners:
 * @self: a #CrmCustomerEditor
 * @owners: (array zero-terminated=1) (nullable): the people customers go
 *   to, by email
 *
 * Offers @owners to pick from beside the owner's field; any other email
 * can still be typed.
 */
void
crm_customer_editor_set_owners (CrmCustomerEditor  *self,
                                const char * const *owners)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  g_return_if_fail (CRM_IS_CUSTOMER_EDITOR (self));

  for (guint i = 0; owners != NULL && owners[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (owners[i], NULL);

      g_menu_item_set_action_and_target_value (item, "editor.set-owner",
                                               g_variant_new_string (owners[i]));
      g_menu_append_item (menu, item);
    }

  gtk_menu_button_set_menu_model (self->owners_button, G_MENU_MODEL (menu));
  gtk_widget_set_visible (GTK_WIDGET (self->owners_button),
                          owners != NULL && owners[0] != NULL);
}

/**
 * crm_customer_editor_focus_name:
 * @self: a #CrmCustomerEditor
 *
 * Puts the keyboard focus in the name, ready to type.
 */
void
crm_customer_editor_focus_name (CrmCustomerEditor *self)
{
  g_return_if_fail (CRM_IS_CUSTOMER_EDITOR (self));

  focus_row (self->rows[CRM_CUSTOMER_FIELD_NAME]);
}

/**
 * crm_customer_editor_get_row:
 * @self: a #CrmCustomerEditor
 * @field: a field
 *
 * Returns: (transfer none): the row that edits @field
 */
AdwEntryRow *
crm_customer_editor_get_row (CrmCustomerEditor *self,
                             CrmCustomerField   field)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_EDITOR (self), NULL);
  g_return_val_if_fail (field < CRM_CUSTOMER_N_FIELDS, NULL);

  return self->rows[field];
}
