/* crm-sidebar-row.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sidebar-row"

#include "config.h"

#include "crm-sidebar-row.h"

/* One entry of the window's sidebar: a list with its live count. */

struct _CrmSidebarRow
{
  GtkListBoxRow parent_instance;

  /* Template widgets */
  GtkImage *icon;
  GtkLabel *title_label;
  GtkLabel *count_label;

  /* Owned */
  char *list_id;
  char *title;
  char *icon_name;
  CrmFilter *filter;

  /* State */
  guint count;
};

G_DEFINE_FINAL_TYPE (CrmSidebarRow, crm_sidebar_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_LIST_ID,
  PROP_TITLE,
  PROP_ICON_NAME,
  PROP_FILTER,
  PROP_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_sidebar_row_constructed (GObject *object)
{
  CrmSidebarRow *self = (CrmSidebarRow *) object;

  G_OBJECT_CLASS (crm_sidebar_row_parent_class)->constructed (object);

  gtk_image_set_from_icon_name (self->icon, self->icon_name);
  gtk_label_set_label (self->title_label, self->title);

  if (self->filter == NULL)
    self->filter = crm_filter_new ();
}

static void
crm_sidebar_row_finalize (GObject *object)
{
  CrmSidebarRow *self = (CrmSidebarRow *) object;

  g_clear_pointer (&self->list_id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->icon_name, g_free);
  g_clear_pointer (&self->filter, crm_filter_unref);

  G_OBJECT_CLASS (crm_sidebar_row_parent_class)->finalize (object);
}

static void
crm_sidebar_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrmSidebarRow *self = CRM_SIDEBAR_ROW (object);

  switch (prop_id)
    {
    case PROP_LIST_ID:
      g_value_set_string (value, self->list_id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, self->icon_name);
      break;

    case PROP_FILTER:
      g_value_set_boxed (value, self->filter);
      break;

    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_sidebar_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CrmSidebarRow *self = CRM_SIDEBAR_ROW (object);

  switch (prop_id)
    {
    case PROP_LIST_ID:
      self->list_id = g_value_dup_string (value);
      break;

    case PROP_TITLE:
      self->title = g_value_dup_string (value);
      break;

    case PROP_ICON_NAME:
      self->icon_name = g_value_dup_string (value);
      break;

    case PROP_FILTER:
      self->filter = g_value_dup_boxed (value);
      break;

    case PROP_COUNT:
      crm_sidebar_row_set_count (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_sidebar_row_class_init (CrmSidebarRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_sidebar_row_constructed;
  object_class->finalize = crm_sidebar_row_finalize;
  object_class->get_property = crm_sidebar_row_get_property;
  object_class->set_property = crm_sidebar_row_set_property;

  properties[PROP_LIST_ID] =
    g_param_spec_string ("list-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_FILTER] =
    g_param_spec_boxed ("filter", NULL, NULL,
                        CRM_TYPE_FILTER,
                        (G_PARAM_READWRITE |
                         G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gui/crm-sidebar-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmSidebarRow, icon);
  gtk_widget_class_bind_template_child (widget_class, CrmSidebarRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CrmSidebarRow, count_label);
}

static void
crm_sidebar_row_init (CrmSidebarRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_label_set_label (self->count_label, "0");
}

/**
 * crm_sidebar_row_new:
 * @list_id: the id of the list ("all-customers")
 * @title: the name shown
 * @icon_name: a symbolic icon name
 * @filter: (nullable): what the list shows; %NULL shows everything
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
crm_sidebar_row_new (const char *list_id,
                     const char *title,
                     const char *icon_name,
                     CrmFilter  *filter)
{
  g_return_val_if_fail (list_id != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  return g_object_new (CRM_TYPE_SIDEBAR_ROW,
                       "list-id", list_id,
                       "title", title,
                       "icon-name", icon_name,
                       "filter", filter,
                       NULL);
}

const char *
crm_sidebar_row_get_list_id (CrmSidebarRow *self)
{
  g_return_val_if_fail (CRM_IS_SIDEBAR_ROW (self), NULL);

  return self->list_id;
}

const char *
crm_sidebar_row_get_title (CrmSidebarRow *self)
{
  g_return_val_if_fail (CRM_IS_SIDEBAR_ROW (self), NULL);

  return self->title;
}

/**
 * crm_sidebar_row_get_filter:
 * @self: a #CrmSidebarRow
 *
 * Returns: (transfer none): the filter of the row's list
 */
CrmFilter *
crm_sidebar_row_get_filter (CrmSidebarRow *self)
{
  g_return_val_if_fail (CRM_IS_SIDEBAR_ROW (self), NULL);

  return self->filter;
}

guint
crm_sidebar_row_get_count (CrmSidebarRow *self)
{
  g_return_val_if_fail (CRM_IS_SIDEBAR_ROW (self), 0);

  return self->count;
}

void
crm_sidebar_row_set_count (CrmSidebarRow *self,
                           guint          count)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CRM_IS_SIDEBAR_ROW (self));

  if (self->count == count)
    return;

  self->count = count;

  text = g_strdup_printf ("%u", count);
  gtk_label_set_label (self->count_label, text);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}
