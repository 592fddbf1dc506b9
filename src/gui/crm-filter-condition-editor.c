/* crm-filter-condition-editor.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-filter-bar"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "crm-date.h"
#include "crm-filter-condition-editor.h"
#include "crm-filter-fields.h"
#include "crm-filter-format.h"
#include "crm-status.h"

/* One condition being written: a field, a comparison that fits the field's
 * type, and a value editor that fits the comparison. The filter bar's
 * popover holds one, or several for an "any of these" group. */

struct _CrmFilterConditionEditor
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkDropDown *field_dropdown;
  GtkDropDown *op_dropdown;
  GtkStack *value_stack;
  GtkEntry *text_entry;
  GtkDropDown *status_dropdown;
  GtkSpinButton *number_spin;
  GtkSpinButton *low_spin;
  GtkSpinButton *high_spin;
  GtkEntry *date_entry;
  GtkEntry *date_from_entry;
  GtkEntry *date_to_entry;
  GtkSpinButton *days_spin;
  GtkSwitch *boolean_switch;
  GtkEntry *list_entry;
  GtkButton *remove_button;

  /* Owned */
  GPtrArray *field_names;   /* char *, in the order of the field menu */
  GArray *ops;              /* CrmFilterOp, in the order of the comparison menu */
  GStrv attribute_keys;

  /* State */
  CrmEntityKind kind;
  gboolean valid;
  gboolean removable;
};

G_DEFINE_FINAL_TYPE (CrmFilterConditionEditor, crm_filter_condition_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KIND,
  PROP_VALID,
  PROP_REMOVABLE,
  N_PROPS
};

enum {
  ACTIVATED,
  REMOVE_CLICKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The statuses offered for "Status is …", as the API writes them. */
static const CrmStatusKind offered_statuses[] = {
  CRM_STATUS_NEW_LEAD, CRM_STATUS_WORKING_LEAD, CRM_STATUS_QUALIFIED_LEAD,
  CRM_STATUS_UNQUALIFIED_LEAD, CRM_STATUS_ACTIVE, CRM_STATUS_PAST_DUE,
  CRM_STATUS_CANCELLED,
};

static const char * const value_pages[] = {
  [CRM_FILTER_VALUE_NONE] = "none",
  [CRM_FILTER_VALUE_TEXT] = "text",
  [CRM_FILTER_VALUE_STATUS] = "status",
  [CRM_FILTER_VALUE_TYPED] = "text",
  [CRM_FILTER_VALUE_NUMBER] = "number",
  [CRM_FILTER_VALUE_NUMBER_RANGE] = "number-range",
  [CRM_FILTER_VALUE_DATE] = "date",
  [CRM_FILTER_VALUE_DATE_RANGE] = "date-range",
  [CRM_FILTER_VALUE_DAYS] = "days",
  [CRM_FILTER_VALUE_BOOLEAN] = "boolean",
  [CRM_FILTER_VALUE_LIST] = "list",
};

static const char *
get_field (CrmFilterConditionEditor *self)
{
  guint selected = gtk_drop_down_get_selected (self->field_dropdown);

  if (selected >= self->field_names->len)
    return NULL;

  return g_ptr_array_index (self->field_names, selected);
}

static CrmFieldType
get_field_type (CrmFilterConditionEditor *self)
{
  const char *field = get_field (self);
  const CrmFieldInfo *info = field != NULL ? crm_filter_fields_lookup (self->kind, field)
                                           : NULL;

  return info != NULL ? info->type : CRM_FIELD_TEXT;
}

static gboolean
get_op (CrmFilterConditionEditor *self,
        CrmFilterOp              *op)
{
  guint selected = gtk_drop_down_get_selected (self->op_dropdown);

  if (selected >= self->ops->len)
    return FALSE;

  *op = g_array_index (self->ops, CrmFilterOp, selected);
  return TRUE;
}

static char *
dup_entry_text (GtkEntry *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

static GVariant *
read_date (GtkEntry *entry)
{
  g_autofree char *text = dup_entry_text (entry);
  g_autoptr(GDate) date = NULL;

  if (strlen (text) != 10)
    return NULL;

  date = crm_date_parse (text);
  return date != NULL ? g_variant_ref_sink (crm_filter_value_new_date (date)) : NULL;
}

static gboolean
dates_in_order (GVariant *first,
                GVariant *last)
{
  g_autoptr(GDate) a = crm_filter_value_dup_date (first);
  g_autoptr(GDate) b = crm_filter_value_dup_date (last);

  return g_date_compare (a, b) <= 0;
}

static GVariant *
read_number (GtkSpinButton *spin)
{
  return g_variant_new_int64 ((gint64) gtk_spin_button_get_value (spin));
}

/* Reads what the value editor holds, or NULL when it is incomplete; the
 * reference may be floating or not (see g_variant_take_ref()). */
static GVariant *
read_value (CrmFilterConditionEditor *self,
            CrmFilterValueKind        value_kind,
            CrmFieldType              type)
{
  g_autofree char *text = NULL;
  g_autoptr(GVariant) low = NULL;
  g_autoptr(GVariant) high = NULL;
  guint status;

  switch (value_kind)
    {
    case CRM_FILTER_VALUE_TEXT:
      text = dup_entry_text (self->text_entry);
      return text[0] != '\0' ? g_variant_new_string (text) : NULL;

    case CRM_FILTER_VALUE_TYPED:
      text = dup_entry_text (self->text_entry);
      return crm_filter_format_parse_typed (text);

    case CRM_FILTER_VALUE_STATUS:
      status = gtk_drop_down_get_selected (self->status_dropdown);
      if (status >= G_N_ELEMENTS (offered_statuses))
        return NULL;
      return g_variant_new_string (crm_status_kind_to_string (offered_statuses[status]));

    case CRM_FILTER_VALUE_NUMBER:
      return read_number (self->number_spin);

    case CRM_FILTER_VALUE_NUMBER_RANGE:
      if (gtk_spin_button_get_value (self->low_spin) > gtk_spin_button_get_value (self->high_spin))
        return NULL;
      return g_variant_new ("(vv)", read_number (self->low_spin),
                            read_number (self->high_spin));

    case CRM_FILTER_VALUE_DATE:
      return read_date (self->date_entry);

    case CRM_FILTER_VALUE_DATE_RANGE:
      low = read_date (self->date_from_entry);
      high = read_date (self->date_to_entry);
      if (low == NULL || high == NULL || !dates_in_order (low, high))
        return NULL;
      return g_variant_new ("(vv)", low, high);

    case CRM_FILTER_VALUE_DAYS:
      return g_variant_new_int64 (gtk_spin_button_get_value_as_int (self->days_spin));

    case CRM_FILTER_VALUE_BOOLEAN:
      return g_variant_new_boolean (gtk_switch_get_active (self->boolean_switch));

    case CRM_FILTER_VALUE_LIST:
      text = dup_entry_text (self->list_entry);
      return crm_filter_format_parse_list (text, type == CRM_FIELD_CUSTOM);

    case CRM_FILTER_VALUE_NONE:
    default:
      return NULL;
    }
}

/**
 * crm_filter_condition_editor_dup_condition:
 * @self: a #CrmFilterConditionEditor
 *
 * Returns: (transfer full) (nullable): the condition written, or %NULL
 *   while it is incomplete or does not fit its field
 */
CrmFilter *
crm_filter_condition_editor_dup_condition (CrmFilterConditionEditor *self)
{
  g_autoptr(CrmFilter) condition = NULL;
  g_autoptr(GVariant) value = NULL;
  CrmFilterValueKind value_kind;
  const char *field;
  CrmFieldType type;
  CrmFilterOp op;

  g_return_val_if_fail (CRM_IS_FILTER_CONDITION_EDITOR (self), NULL);

  field = get_field (self);
  if (field == NULL || !get_op (self, &op))
    return NULL;

  type = get_field_type (self);
  value_kind = crm_filter_format_value_kind (field, type, op);
  if (value_kind != CRM_FILTER_VALUE_NONE)
    {
      value = read_value (self, value_kind, type);
      if (value == NULL)
        return NULL;
      g_variant_take_ref (value);
    }

  condition = crm_filter_new_condition (field, op, value);
  if (!crm_filter_check (condition, self->kind, NULL))
    return NULL;

  return g_steal_pointer (&condition);
}

static void
mark_date_entry (GtkEntry *entry)
{
  g_autofree char *text = dup_entry_text (entry);
  g_autoptr(GVariant) date = read_date (entry);

  /* Only a finished date that is no day is marked, not one being typed. */
  if (strlen (text) >= 10 && date == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

static void
update_valid (CrmFilterConditionEditor *self)
{
  g_autoptr(CrmFilter) condition = crm_filter_condition_editor_dup_condition (self);
  gboolean valid = condition != NULL;

  mark_date_entry (self->date_entry);
  mark_date_entry (self->date_from_entry);
  mark_date_entry (self->date_to_entry);

  if (self->valid == valid)
    return;

  self->valid = valid;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
}

static void
update_value_page (CrmFilterConditionEditor *self)
{
  const char *field = get_field (self);
  CrmFilterValueKind value_kind = CRM_FILTER_VALUE_NONE;
  CrmFilterOp op;

  if (field != NULL && get_op (self, &op))
    value_kind = crm_filter_format_value_kind (field, get_field_type (self), op);

  gtk_stack_set_visible_child_name (self->value_stack, value_pages[value_kind]);
  update_valid (self);
}

static void
populate_ops (CrmFilterConditionEditor *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  CrmFieldType type = get_field_type (self);
  const CrmFilterOp *ops;
  CrmFilterOp previous;
  gboolean had_op;
  guint selected = 0;
  guint n_ops;

  had_op = get_op (self, &previous);
  ops = crm_filter_format_get_ops (type, &n_ops);
  g_array_set_size (self->ops, 0);

  for (guint i = 0; i < n_ops; i++)
    {
      if (!crm_filter_fields_allows (type, ops[i]))
        continue;

      if (had_op && ops[i] == previous)
        selected = self->ops->len;
      g_array_append_val (self->ops, ops[i]);
      gtk_string_list_append (labels, crm_filter_format_op (ops[i], type));
    }

  /* The comparison menu changes with the field; keep the comparison when
   * the new field has it too. */
  g_signal_handlers_block_matched (self->op_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_drop_down_set_model (self->op_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->op_dropdown, selected);
  g_signal_handlers_unblock_matched (self->op_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                     self);

  update_value_page (self);
}

static void
populate_fields (CrmFilterConditionEditor *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *previous = g_strdup (get_field (self));
  const CrmFieldInfo *fields;
  guint selected = 0;
  guint n_fields;

  fields = crm_filter_fields_get (self->kind, &n_fields);
  g_ptr_array_set_size (self->field_names, 0);

  for (guint i = 0; i < n_fields; i++)
    {
      g_ptr_array_add (self->field_names, g_strdup (fields[i].name));
      gtk_string_list_append (labels, g_dpgettext2 (GETTEXT_PACKAGE, "field", fields[i].label));
    }

  for (guint i = 0; self->attribute_keys != NULL && self->attribute_keys[i] != NULL; i++)
    {
      const char *prefix = self->kind == CRM_ENTITY_CUSTOMER ? "attr." : "custom.";
      g_autofree char *label = crm_filter_format_attribute (self->attribute_keys[i]);
      g_autofree char *text = NULL;

      /* TRANSLATORS: a custom attribute in the filter's field menu */
      text = g_strdup_printf (_("%s (custom)"), label);
      g_ptr_array_add (self->field_names, g_strconcat (prefix, self->attribute_keys[i], NULL));
      gtk_string_list_append (labels, text);
    }

  for (guint i = 0; previous != NULL && i < self->field_names->len; i++)
    if (g_str_equal (previous, g_ptr_array_index (self->field_names, i)))
      selected = i;

  g_signal_handlers_block_matched (self->field_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                   self);
  gtk_drop_down_set_model (self->field_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->field_dropdown, selected);
  g_signal_handlers_unblock_matched (self->field_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                     NULL, self);

  populate_ops (self);
}

static void
on_field_dropdown_selected_cb (CrmFilterConditionEditor *self,
                               GParamSpec               *pspec,
                               GtkDropDown              *dropdown)
{
  populate_ops (self);
}

static void
on_op_dropdown_selected_cb (CrmFilterConditionEditor *self,
                            GParamSpec               *pspec,
                            GtkDropDown              *dropdown)
{
  update_value_page (self);
}

static void
on_value_changed_cb (CrmFilterConditionEditor *self)
{
  update_valid (self);
}

static void
on_value_activate_cb (CrmFilterConditionEditor *self)
{
  if (self->valid)
    g_signal_emit (self, signals[ACTIVATED], 0);
}

static void
on_remove_button_clicked_cb (CrmFilterConditionEditor *self,
                             GtkButton                *button)
{
  g_signal_emit (self, signals[REMOVE_CLICKED], 0);
}

static void
crm_filter_condition_editor_constructed (GObject *object)
{
  CrmFilterConditionEditor *self = (CrmFilterConditionEditor *) object;

  G_OBJECT_CLASS (crm_filter_condition_editor_parent_class)->constructed (object);

  populate_fields (self);
}

static void
crm_filter_condition_editor_dispose (GObject *object)
{
  CrmFilterConditionEditor *self = (CrmFilterConditionEditor *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_FILTER_CONDITION_EDITOR);

  G_OBJECT_CLASS (crm_filter_condition_editor_parent_class)->dispose (object);
}

static void
crm_filter_condition_editor_finalize (GObject *object)
{
  CrmFilterConditionEditor *self = (CrmFilterConditionEditor *) object;

  g_clear_pointer (&self->field_names, g_ptr_array_unref);
  g_clear_pointer (&self->ops, g_array_unref);
  g_clear_pointer (&self->attribute_keys, g_strfreev);

  G_OBJECT_CLASS (crm_filter_condition_editor_parent_class)->finalize (object);
}

static void
crm_filter_condition_editor_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  CrmFilterConditionEditor *self = CRM_FILTER_CONDITION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;

    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;

    case PROP_REMOVABLE:
      g_value_set_boolean (value, self->removable);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_filter_condition_editor_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  CrmFilterConditionEditor *self = CRM_FILTER_CONDITION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;

    case PROP_REMOVABLE:
      crm_filter_condition_editor_set_removable (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_filter_condition_editor_class_init (CrmFilterConditionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_filter_condition_editor_constructed;
  object_class->dispose = crm_filter_condition_editor_dispose;
  object_class->finalize = crm_filter_condition_editor_finalize;
  object_class->get_property = crm_filter_condition_editor_get_property;
  object_class->set_property = crm_filter_condition_editor_set_property;

  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL,
                      0, CRM_N_ENTITIES - 1, CRM_ENTITY_CUSTOMER,
                      (G_PARAM_READWRITE |
                       G_PARAM_CONSTRUCT_ONLY |
                       G_PARAM_STATIC_STRINGS));

  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_REMOVABLE] =
    g_param_spec_boolean ("removable", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrmFilterConditionEditor::activated:
   *
   * Emitted when Enter is pressed in a value while the condition is
   * complete.
   */
  signals[ACTIVATED] =
    g_signal_new ("activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * CrmFilterConditionEditor::remove-clicked:
   *
   * Emitted when the remove button of a removable editor is clicked.
   */
  signals[REMOVE_CLICKED] =
    g_signal_new ("remove-clicked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (
    widget_class, RESOURCE_PREFIX "/gui/crm-filter-condition-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmFilterConditionEditor, field_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterConditionEditor, op_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterConditionEditor, value_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterConditionEditor, text_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterConditionEditor, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterConditionEditor, number_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterConditionEditor, low_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterConditionEditor, high_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterConditionEditor, date_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterConditionEditor, date_from_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterConditionEditor, date_to_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterConditionEditor, days_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterConditionEditor, boolean_switch);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterConditionEditor, list_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterConditionEditor, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_field_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_op_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_value_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_button_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "filterconditioneditor");
}

static void
crm_filter_condition_editor_init (CrmFilterConditionEditor *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  GtkExpression *expression;

  self->field_names = g_ptr_array_new_with_free_func (g_free);
  self->ops = g_array_new (FALSE, FALSE, sizeof (CrmFilterOp));

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Typing in the open field menu finds a field by its label. */
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->field_dropdown, expression);
  gtk_expression_unref (expression);

  for (guint i = 0; i < G_N_ELEMENTS (offered_statuses); i++)
    gtk_string_list_append (statuses,
                            crm_status_get_label (crm_status_kind_to_string (offered_statuses[i])));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));

  g_signal_connect_object (self->number_spin, "value-changed",
                           G_CALLBACK (on_value_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->low_spin, "value-changed",
                           G_CALLBACK (on_value_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->high_spin, "value-changed",
                           G_CALLBACK (on_value_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * crm_filter_condition_editor_new:
 * @kind: the kind of record filtered
 *
 * Returns: (transfer floating): a new editor
 */
GtkWidget *
crm_filter_condition_editor_new (CrmEntityKind kind)
{
  return g_object_new (CRM_TYPE_FILTER_CONDITION_EDITOR,
                       "kind", (int) kind,
                       NULL);
}

/**
 * crm_filter_condition_editor_set_attribute_keys:
 * @self: a #CrmFilterConditionEditor
 * @keys: (nullable) (array zero-terminated=1): the keys of the custom
 *   attributes the data holds
 *
 * Offers the custom attributes after the built-in fields.
 */
void
crm_filter_condition_editor_set_attribute_keys (CrmFilterConditionEditor *self,
                                                const char * const       *keys)
{
  g_return_if_fail (CRM_IS_FILTER_CONDITION_EDITOR (self));

  if (self->attribute_keys != NULL && keys != NULL &&
      g_strv_equal ((const char * const *) self->attribute_keys, keys))
    return;

  g_clear_pointer (&self->attribute_keys, g_strfreev);
  self->attribute_keys = g_strdupv ((char **) keys);
  populate_fields (self);
}

/**
 * crm_filter_condition_editor_select:
 * @self: a #CrmFilterConditionEditor
 * @field: a field's name
 * @op: a comparison
 *
 * Picks a field and a comparison, as a person would in the menus.
 *
 * Returns: whether the editor offers both
 */
gboolean
crm_filter_condition_editor_select (CrmFilterConditionEditor *self,
                                    const char               *field,
                                    CrmFilterOp               op)
{
  g_return_val_if_fail (CRM_IS_FILTER_CONDITION_EDITOR (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  for (guint i = 0; i < self->field_names->len; i++)
    {
      if (!g_str_equal (field, g_ptr_array_index (self->field_names, i)))
        continue;

      gtk_drop_down_set_selected (self->field_dropdown, i);

      for (guint j = 0; j < self->ops->len; j++)
        {
          if (g_array_index (self->ops, CrmFilterOp, j) == op)
            {
              gtk_drop_down_set_selected (self->op_dropdown, j);
              return TRUE;
            }
        }

      return FALSE;
    }

  return FALSE;
}

gboolean
crm_filter_condition_editor_get_valid (CrmFilterConditionEditor *self)
{
  g_return_val_if_fail (CRM_IS_FILTER_CONDITION_EDITOR (self), FALSE);

  return self->valid;
}

gboolean
crm_filter_condition_editor_get_removable (CrmFilterConditionEditor *self)
{
  g_return_val_if_fail (CRM_IS_FILTER_CONDITION_EDITOR (self), FALSE);

  return self->removable;
}

void
crm_filter_condition_editor_set_removable (CrmFilterConditionEditor *self,
                                           gboolean                  removable)
{
  g_return_if_fail (CRM_IS_FILTER_CONDITION_EDITOR (self));

  removable = !!removable;
  if (self->removable == removable)
    return;

  self->removable = removable;
  gtk_widget_set_visible (GTK_WIDGET (self->remove_button), removable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOVABLE]);
}

/**
 * crm_filter_condition_editor_reset:
 * @self: a #CrmFilterConditionEditor
 *
 * Empties the values typed, keeping the field and the comparison, so the
 * next condition starts from the last one's choice.
 */
void
crm_filter_condition_editor_reset (CrmFilterConditionEditor *self)
{
  GtkEntry *entries[] = {
    self->text_entry, self->date_entry, self->date_from_entry, self->date_to_entry,
    self->list_entry,
  };

  g_return_if_fail (CRM_IS_FILTER_CONDITION_EDITOR (self));

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    gtk_editable_set_text (GTK_EDITABLE (entries[i]), "");

  update_valid (self);
}
