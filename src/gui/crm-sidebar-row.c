/* crm-sidebar-row.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sidebar-row"

#include "config.h"

#include "crm-sidebar-row.h"

/* One entry of the window's sidebar: a list with its live count. A saved
 * list's row has a context menu (right click, long press, Menu or
 * Shift+F10) and can be renamed or refiltered in place. */

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
  GMenuModel *menu_model;
  GtkWidget *menu;          /* a GtkPopoverMenu child, made on demand */

  /* State */
  guint count;
  gboolean has_count;       /* counted since the filter was set */
};

G_DEFINE_FINAL_TYPE (CrmSidebarRow, crm_sidebar_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_LIST_ID,
  PROP_TITLE,
  PROP_ICON_NAME,
  PROP_FILTER,
  PROP_COUNT,
  PROP_HAS_COUNT,
  PROP_MENU_MODEL,
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
crm_sidebar_row_dispose (GObject *object)
{
  CrmSidebarRow *self = (CrmSidebarRow *) object;

  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_clear_object (&self->menu_model);

  G_OBJECT_CLASS (crm_sidebar_row_parent_class)->dispose (object);
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

    case PROP_HAS_COUNT:
      g_value_set_boolean (value, self->has_count);
      break;

    case PROP_MENU_MODEL:
      g_value_set_object (value, self->menu_model);
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
      crm_sidebar_row_set_title (self, g_value_get_string (value));
      break;

    case PROP_ICON_NAME:
      self->icon_name = g_value_dup_string (value);
      break;

    case PROP_FILTER:
      crm_sidebar_row_set_filter (self, g_value_get_boxed (value));
      break;

    case PROP_COUNT:
      crm_sidebar_row_set_count (self, g_value_get_uint (value));
      break;

    case PROP_MENU_MODEL:
      crm_sidebar_row_set_menu_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
popup_menu_at (CrmSidebarRow *self,
               double         x,
               double         y)
{
  if (self->menu_model == NULL)
    return FALSE;

  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (self->menu_model);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
    }

  if (x >= 0 && y >= 0)
    gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                                 &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  else
    gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), NULL);

  gtk_popover_popup (GTK_POPOVER (self->menu));

  return TRUE;
}

static void
on_click_pressed_cb (CrmSidebarRow *self,
                     int            n_press,
                     double         x,
                     double         y,
                     GtkGesture    *gesture)
{
  if (popup_menu_at (self, x, y))
    gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_long_press_pressed_cb (CrmSidebarRow *self,
                          double         x,
                          double         y,
                          GtkGesture    *gesture)
{
  if (popup_menu_at (self, x, y))
    gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
crm_sidebar_row_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  CrmSidebarRow *self = CRM_SIDEBAR_ROW (widget);

  GTK_WIDGET_CLASS (crm_sidebar_row_parent_class)->size_allocate (widget, width, height,
                                                                  baseline);

  /* A popover follows its parent only when told so. */
  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
}

static void
crm_sidebar_row_popup_menu_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  popup_menu_at (CRM_SIDEBAR_ROW (widget), -1, -1);
}

static void
crm_sidebar_row_class_init (CrmSidebarRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_sidebar_row_constructed;
  object_class->dispose = crm_sidebar_row_dispose;
  object_class->finalize = crm_sidebar_row_finalize;
  object_class->get_property = crm_sidebar_row_get_property;
  object_class->set_property = crm_sidebar_row_set_property;

  widget_class->size_allocate = crm_sidebar_row_size_allocate;

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
                          G_PARAM_EXPLICIT_NOTIFY |
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
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_HAS_COUNT] =
    g_param_spec_boolean ("has-count", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /* The row's context menu; rows without one have none. */
  properties[PROP_MENU_MODEL] =
    g_param_spec_object ("menu-model", NULL, NULL,
                         G_TYPE_MENU_MODEL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "row.popup-menu", NULL,
                                   crm_sidebar_row_popup_menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "row.popup-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0,
                                       "row.popup-menu", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gui/crm-sidebar-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmSidebarRow, icon);
  gtk_widget_class_bind_template_child (widget_class, CrmSidebarRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CrmSidebarRow, count_label);
}

static void
crm_sidebar_row_init (CrmSidebarRow *self)
{
  GtkGesture *click;
  GtkGesture *long_press;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* No number until the list is counted: a made-up one would be wrong. */
  gtk_label_set_label (self->count_label, "");

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed",
                           G_CALLBACK (on_click_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  long_press = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect_object (long_press, "pressed",
                           G_CALLBACK (on_long_press_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (long_press));
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

/**
 * crm_sidebar_row_get_count:
 * @self: a #CrmSidebarRow
 *
 * Returns: the count shown, 0 while there is none (see
 *   crm_sidebar_row_get_has_count())
 */
guint
crm_sidebar_row_get_count (CrmSidebarRow *self)
{
  g_return_val_if_fail (CRM_IS_SIDEBAR_ROW (self), 0);

  return self->count;
}

/**
 * crm_sidebar_row_get_has_count:
 * @self: a #CrmSidebarRow
 *
 * Returns: whether the row shows a count: not before the list's first
 *   count, nor after its filter changed until it is counted again
 */
gboolean
crm_sidebar_row_get_has_count (CrmSidebarRow *self)
{
  g_return_val_if_fail (CRM_IS_SIDEBAR_ROW (self), FALSE);

  return self->has_count;
}

static void
show_count (CrmSidebarRow *self,
            gboolean       has_count,
            guint          count)
{
  g_autofree char *text = NULL;
  gboolean count_changed = self->count != count;

  if (self->has_count == has_count && !count_changed)
    return;

  self->count = count;
  self->has_count = has_count;

  if (has_count)
    text = g_strdup_printf ("%u", count);
  gtk_label_set_label (self->count_label, text != NULL ? text : "");

  g_object_freeze_notify (G_OBJECT (self));
  if (count_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_COUNT]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
crm_sidebar_row_set_count (CrmSidebarRow *self,
                           guint          count)
{
  g_return_if_fail (CRM_IS_SIDEBAR_ROW (self));

  show_count (self, TRUE, count);
}

/**
 * crm_sidebar_row_clear_count:
 * @self: a #CrmSidebarRow
 *
 * Shows no count, until crm_sidebar_row_set_count().
 */
void
crm_sidebar_row_clear_count (CrmSidebarRow *self)
{
  g_return_if_fail (CRM_IS_SIDEBAR_ROW (self));

  show_count (self, FALSE, 0);
}

void
crm_sidebar_row_set_title (CrmSidebarRow *self,
                           const char    *title)
{
  g_return_if_fail (CRM_IS_SIDEBAR_ROW (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  gtk_label_set_label (self->title_label, title);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * crm_sidebar_row_set_filter:
 * @self: a #CrmSidebarRow
 * @filter: (nullable): what the list shows; %NULL shows everything
 *
 * Changes the row's filter, as when a saved list is edited or the stale
 * days change. The row shows no count until the caller counts again.
 */
void
crm_sidebar_row_set_filter (CrmSidebarRow *self,
                            CrmFilter     *filter)
{
  g_autoptr(CrmFilter) empty = NULL;

  g_return_if_fail (CRM_IS_SIDEBAR_ROW (self));

  if (filter == NULL)
    filter = empty = crm_filter_new ();

  if (self->filter != NULL && crm_filter_equal (self->filter, filter))
    return;

  g_clear_pointer (&self->filter, crm_filter_unref);
  self->filter = crm_filter_ref (filter);
  crm_sidebar_row_clear_count (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

/**
 * crm_sidebar_row_get_menu_model:
 * @self: a #CrmSidebarRow
 *
 * Returns: (transfer none) (nullable): the row's context menu
 */
GMenuModel *
crm_sidebar_row_get_menu_model (CrmSidebarRow *self)
{
  g_return_val_if_fail (CRM_IS_SIDEBAR_ROW (self), NULL);

  return self->menu_model;
}

void
crm_sidebar_row_set_menu_model (CrmSidebarRow *self,
                                GMenuModel    *menu_model)
{
  g_return_if_fail (CRM_IS_SIDEBAR_ROW (self));
  g_return_if_fail (menu_model == NULL || G_IS_MENU_MODEL (menu_model));

  if (!g_set_object (&self->menu_model, menu_model))
    return;

  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MENU_MODEL]);
}

/**
 * crm_sidebar_row_popup_menu:
 * @self: a #CrmSidebarRow
 *
 * Opens the row's context menu, as Menu or Shift+F10 does.
 *
 * Returns: whether the row has a menu
 */
gboolean
crm_sidebar_row_popup_menu (CrmSidebarRow *self)
{
  g_return_val_if_fail (CRM_IS_SIDEBAR_ROW (self), FALSE);

  return popup_menu_at (self, -1, -1);
}
