/* crm-window.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "crm-builtin-lists.h"
#include "crm-customer-page.h"
#include "crm-sidebar-row.h"
#include "crm-window.h"

#define DEFAULT_LIST_ID "my-new-leads"
#define LIST_VIEW_PREFIX "list:"

struct _CrmWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwLeaflet *leaflet;
  GtkWidget *sidebar;
  GtkListBox *sidebar_list;
  GtkStack *content_stack;

  /* Owned */
  CrmStore *store;
  GSettings *settings;
  GCancellable *cancellable;

  /* Borrowed: children of content_stack */
  CrmCustomerListPage *list_page;
  GtkWidget *customer_page;

  /* State */
  guint recount_idle_id;
};

G_DEFINE_FINAL_TYPE (CrmWindow, crm_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
recount_lists (CrmWindow *self)
{
  g_assert (CRM_IS_WINDOW (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      CrmSidebarRow *row;
      guint count;

      if (!CRM_IS_SIDEBAR_ROW (child))
        continue;

      row = CRM_SIDEBAR_ROW (child);
      count = crm_store_count (self->store, CRM_ENTITY_CUSTOMER,
                               crm_sidebar_row_get_filter (row));
      crm_sidebar_row_set_count (row, count);
    }
}

static gboolean
recount_idle_cb (gpointer user_data)
{
  CrmWindow *self = user_data;

  self->recount_idle_id = 0;
  recount_lists (self);

  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (CrmWindow  *self,
                     const char *table,
                     GArray     *ids,
                     CrmStore   *store)
{
  /* An import or a sync page commits many times in a row: count once
   * when the main loop is idle again. */
  if (self->recount_idle_id == 0)
    self->recount_idle_id = g_idle_add_full (G_PRIORITY_LOW, recount_idle_cb, self, NULL);
}

static void
sidebar_header_func (GtkListBoxRow *row,
                     GtkListBoxRow *before,
                     gpointer       user_data)
{
  GtkWidget *heading;

  if (before != NULL)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  if (gtk_list_box_row_get_header (row) != NULL)
    return;

  heading = gtk_label_new (_("Lists"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
  gtk_widget_add_css_class (heading, "sidebar-heading");
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_list_box_row_set_header (row, heading);
}

static void
populate_sidebar (CrmWindow *self)
{
  static const char * const icon_names[] = {
    "star-new-symbolic",
    "user-status-pending-symbolic",
    "system-users-symbolic",
  };
  const CrmBuiltinList *lists;
  guint n_lists;

  g_assert (CRM_IS_WINDOW (self));

  lists = crm_builtin_list_get_all (&n_lists);

  for (guint i = 0; i < n_lists; i++)
    {
      g_autoptr(CrmFilter) filter = crm_builtin_list_filter (lists[i].id);
      const char *icon_name = i < G_N_ELEMENTS (icon_names) ? icon_names[i]
                                                           : "view-list-symbolic";
      GtkWidget *row = crm_sidebar_row_new (lists[i].id,
                                            crm_builtin_list_get_title (lists[i].id),
                                            icon_name,
                                            filter);

      gtk_list_box_append (self->sidebar_list, row);
    }

  gtk_list_box_set_header_func (self->sidebar_list, sidebar_header_func, NULL, NULL);
  recount_lists (self);
}

static CrmSidebarRow *
find_sidebar_row (CrmWindow  *self,
                  const char *list_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (CRM_IS_SIDEBAR_ROW (child) &&
          g_strcmp0 (crm_sidebar_row_get_list_id (CRM_SIDEBAR_ROW (child)), list_id) == 0)
        return CRM_SIDEBAR_ROW (child);
    }

  return NULL;
}

static void
close_customer_page (CrmWindow *self)
{
  GtkWidget *page = g_steal_pointer (&self->customer_page);

  gtk_stack_set_visible_child (self->content_stack, GTK_WIDGET (self->list_page));

  if (page != NULL)
    gtk_stack_remove (self->content_stack, page);
}

static void
on_customer_page_closed_cb (CrmWindow *self,
                            GtkWidget *page)
{
  if (page != self->customer_page)
    return;

  close_customer_page (self);
  gtk_widget_grab_focus (GTK_WIDGET (crm_customer_list_page_get_column_view (self->list_page)));
}

static void
on_list_page_customer_activated_cb (CrmWindow           *self,
                                    gint64               customer_id,
                                    CrmCustomerListPage *page)
{
  crm_window_open_customer (self, customer_id);
}

static void
on_sidebar_list_row_selected_cb (CrmWindow     *self,
                                 GtkListBoxRow *row,
                                 GtkListBox    *list_box)
{
  CrmSidebarRow *sidebar_row;
  g_autofree char *view = NULL;

  if (!CRM_IS_SIDEBAR_ROW (row))
    return;

  sidebar_row = CRM_SIDEBAR_ROW (row);
  close_customer_page (self);
  crm_customer_list_page_set_list (self->list_page,
                                   crm_sidebar_row_get_title (sidebar_row),
                                   crm_sidebar_row_get_filter (sidebar_row));

  if (self->settings != NULL)
    {
      view = g_strconcat (LIST_VIEW_PREFIX, crm_sidebar_row_get_list_id (sidebar_row), NULL);
      g_settings_set_string (self->settings, "last-view", view);
    }
}

static void
on_sidebar_list_row_activated_cb (CrmWindow     *self,
                                  GtkListBoxRow *row,
                                  GtkListBox    *list_box)
{
  /* A click on the list already shown goes back from a customer to it. */
  close_customer_page (self);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
}

static void
on_insert_customer_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(CrmWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = crm_store_insert_finish (CRM_STORE (object), result, NULL, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Could not create the customer: %s"), error->message);
      crm_window_add_toast (self, adw_toast_new (message));
      return;
    }

  crm_window_open_customer (self, id);
}

static void
crm_window_new_customer_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  g_autofree char *me_email = crm_store_dup_setting (self->store, "me.email");
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "name",
                         g_variant_new_string (_("New customer")));
  g_variant_builder_add (&builder, "{sv}", "status",
                         g_variant_new_string ("New Lead"));
  if (me_email != NULL && me_email[0] != '\0')
    g_variant_builder_add (&builder, "{sv}", "owner",
                           g_variant_new_string (me_email));

  crm_store_insert_async (self->store,
                          CRM_ENTITY_CUSTOMER,
                          g_variant_builder_end (&builder),
                          CRM_ORIGIN_PERSON,
                          self->cancellable,
                          on_insert_customer_cb,
                          g_object_ref (self));
}

static void
crm_window_search_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);

  close_customer_page (self);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
  crm_customer_list_page_focus_search (self->list_page);
}

static void
crm_window_show_sidebar_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
load_window_state (CrmWindow *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  /* Running from a build tree without the compiled schema is allowed: the
   * window then simply forgets its state. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);

  if (schema == NULL)
    {
      g_debug ("GSettings schema %s not found; window state is not kept",
               APPLICATION_ID);
      gtk_window_set_default_size (GTK_WINDOW (self), 1100, 720);
      return;
    }

  self->settings = g_settings_new_full (schema, NULL, NULL);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (CrmWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static void
select_last_view (CrmWindow *self)
{
  g_autofree char *view = NULL;
  const char *list_id = DEFAULT_LIST_ID;

  if (self->settings != NULL)
    view = g_settings_get_string (self->settings, "last-view");

  if (view != NULL && g_str_has_prefix (view, LIST_VIEW_PREFIX))
    list_id = view + strlen (LIST_VIEW_PREFIX);

  if (!crm_window_select_list (self, list_id))
    crm_window_select_list (self, DEFAULT_LIST_ID);
}

static gboolean
crm_window_close_request (GtkWindow *window)
{
  CrmWindow *self = CRM_WINDOW (window);

  save_window_state (self);

  return GTK_WINDOW_CLASS (crm_window_parent_class)->close_request (window);
}

static void
crm_window_constructed (GObject *object)
{
  CrmWindow *self = (CrmWindow *) object;

  G_OBJECT_CLASS (crm_window_parent_class)->constructed (object);

  g_assert (CRM_IS_STORE (self->store));

  self->list_page = CRM_CUSTOMER_LIST_PAGE (crm_customer_list_page_new (self->store));
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->list_page), "list");
  g_object_bind_property (self->leaflet, "folded",
                          self->list_page, "folded",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->list_page, "customer-activated",
                           G_CALLBACK (on_list_page_customer_activated_cb), self,
                           G_CONNECT_SWAPPED);

  populate_sidebar (self);
  g_signal_connect_object (self->store, "changed::customers",
                           G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed::settings",
                           G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);

  load_window_state (self);
  select_last_view (self);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

static void
crm_window_dispose (GObject *object)
{
  CrmWindow *self = (CrmWindow *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->recount_idle_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_WINDOW);
  self->list_page = NULL;
  self->customer_page = NULL;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_window_parent_class)->dispose (object);
}

static void
crm_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CrmWindow *self = CRM_WINDOW (object);

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
crm_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CrmWindow *self = CRM_WINDOW (object);

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
crm_window_class_init (CrmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = crm_window_constructed;
  object_class->dispose = crm_window_dispose;
  object_class->get_property = crm_window_get_property;
  object_class->set_property = crm_window_set_property;

  window_class->close_request = crm_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CRM_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "win.new-customer", NULL,
                                   crm_window_new_customer_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL,
                                   crm_window_search_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL,
                                   crm_window_show_sidebar_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gui/crm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, content_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_list_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_list_row_activated_cb);
}

static void
crm_window_init (CrmWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

/**
 * crm_window_new:
 * @application: the application
 * @store: the open profile
 *
 * Returns: (transfer none): a new main window, owned by its toplevel list
 */
CrmWindow *
crm_window_new (CrmApplication *application,
                CrmStore       *store)
{
  g_return_val_if_fail (CRM_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  return g_object_new (CRM_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

/**
 * crm_window_get_store:
 * @self: a #CrmWindow
 *
 * Returns: (transfer none): the profile the window shows
 */
CrmStore *
crm_window_get_store (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);

  return self->store;
}

/**
 * crm_window_open_customer:
 * @self: a #CrmWindow
 * @customer_id: the id of the customer
 *
 * Shows the customer's page in place of the list, until it is closed.
 */
void
crm_window_open_customer (CrmWindow *self,
                          gint64     customer_id)
{
  GtkWidget *page;

  g_return_if_fail (CRM_IS_WINDOW (self));
  g_return_if_fail (customer_id > 0);

  page = crm_customer_page_new (self->store, customer_id);
  crm_customer_page_set_show_back_button (CRM_CUSTOMER_PAGE (page), TRUE);
  g_signal_connect_object (page, "closed",
                           G_CALLBACK (on_customer_page_closed_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_stack_add_child (self->content_stack, page);
  gtk_stack_set_visible_child (self->content_stack, page);

  if (self->customer_page != NULL)
    gtk_stack_remove (self->content_stack, self->customer_page);
  self->customer_page = page;

  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
}

/**
 * crm_window_get_list_page:
 * @self: a #CrmWindow
 *
 * Returns: (transfer none): the page showing the selected list
 */
CrmCustomerListPage *
crm_window_get_list_page (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);

  return self->list_page;
}

/**
 * crm_window_select_list:
 * @self: a #CrmWindow
 * @list_id: a list id: "my-new-leads", "my-working-leads", "all-customers"
 *
 * Shows a list, as a click on it in the sidebar does.
 *
 * Returns: %TRUE if the window knows the list
 */
gboolean
crm_window_select_list (CrmWindow  *self,
                        const char *list_id)
{
  CrmSidebarRow *row;

  g_return_val_if_fail (CRM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (list_id != NULL, FALSE);

  row = find_sidebar_row (self, list_id);
  if (row == NULL)
    return FALSE;

  if (gtk_list_box_get_selected_row (self->sidebar_list) == GTK_LIST_BOX_ROW (row))
    close_customer_page (self);
  else
    gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (row));

  return TRUE;
}

/**
 * crm_window_add_toast:
 * @self: a #CrmWindow
 * @toast: (transfer full): the toast to show
 *
 * Shows a toast at the bottom of the window.
 */
void
crm_window_add_toast (CrmWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (CRM_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
