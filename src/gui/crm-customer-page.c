/* crm-customer-page.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-customer-page"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-customer-format.h"
#include "crm-customer-page-private.h"

/**
 * CrmCustomerPage:
 *
 * Everything about one customer: its header bar (status, owner, menu), the
 * timeline on the left and what a rep researches on the right (details,
 * contacts, opportunities, tasks). It works the same in the main window
 * and in a #CrmCustomerWindow; toasts go to the nearest #AdwToastOverlay.
 */

G_DEFINE_FINAL_TYPE (CrmCustomerPage, crm_customer_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CUSTOMER_ID,
  PROP_TITLE,
  PROP_SHOW_BACK_BUTTON,
  N_PROPS
};

enum {
  SIGNAL_CLOSED,
  N_SIGNALS
};

/* The right column's share of the width when the page first shows. */
#define DETAILS_MIN_WIDTH 360
#define DETAILS_MAX_WIDTH 480

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
is_set (const char *text)
{
  return text != NULL && text[0] != '\0';
}

static void
set_title (CrmCustomerPage *self,
           const char      *title)
{
  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
update_owner (CrmCustomerPage *self)
{
  g_autofree char *me_email = NULL;
  g_autofree char *me_name = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *text = NULL;

  if (self->customer == NULL)
    return;

  me_email = crm_store_dup_setting (self->store, "me.email");
  me_name = crm_store_dup_setting (self->store, "me.name");
  crm_timeline_view_set_me (self->timeline, me_email, me_name);
  owner = crm_customer_format_owner (crm_customer_get_owner (self->customer),
                                     me_email, me_name);

  /* Translators: %s is a person's name or email */
  text = g_strdup_printf (_("Owner: %s"), owner);
  gtk_label_set_label (self->owner_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->owner_label),
                               crm_customer_get_owner (self->customer));
}

static void
update_status (CrmCustomerPage *self)
{
  const char *status = crm_customer_get_status (self->customer);
  gboolean settable = _crm_customer_page_can_set_status (self);

  gtk_menu_button_set_label (self->status_button, crm_status_get_label (status));
  gtk_widget_set_sensitive (GTK_WIDGET (self->status_button), settable);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_button),
                               settable
                               ? _("Change Status")
                               : _("Subscriber statuses come from billing and "
                                   "cannot be set by hand"));
}

static void
update_header (CrmCustomerPage *self)
{
  const char *name = crm_customer_get_display_name (self->customer);
  const char *company = crm_customer_get_company (self->customer);

  adw_window_title_set_title (self->window_title, name);
  adw_window_title_set_subtitle (self->window_title,
                                 is_set (company) && g_strcmp0 (company, name) != 0
                                 ? company : NULL);
  set_title (self, name);
  update_status (self);
  update_owner (self);
}

static void
show_missing (CrmCustomerPage *self)
{
  gboolean was_shown = self->customer != NULL;

  g_clear_object (&self->customer);

  adw_window_title_set_title (self->window_title, _("Customer Deleted"));
  adw_window_title_set_subtitle (self->window_title, NULL);
  set_title (self, _("Customer Deleted"));
  gtk_widget_set_visible (GTK_WIDGET (self->status_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->owner_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->menu_button), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "missing");
  _crm_customer_page_stop_editing (self);
  _crm_customer_page_update_actions (self);

  if (was_shown)
    g_signal_emit (self, signals[SIGNAL_CLOSED], 0);
}

static void
show_customer (CrmCustomerPage *self,
               CrmCustomer     *customer)
{
  g_set_object (&self->customer, customer);

  gtk_widget_set_visible (GTK_WIDGET (self->status_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->owner_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->menu_button), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "customer");

  update_header (self);
  _crm_customer_page_fill_details (self);
  _crm_customer_page_update_actions (self);
}

static void
crm_customer_page_reload (CrmCustomerPage *self)
{
  g_autoptr(GObject) customer = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (CRM_IS_CUSTOMER_PAGE (self));

  customer = crm_store_load (self->store, CRM_ENTITY_CUSTOMER, self->customer_id, &error);

  if (customer != NULL)
    {
      show_customer (self, CRM_CUSTOMER (customer));
      return;
    }

  if (!g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND))
    g_warning ("Failed to load customer %" G_GINT64_FORMAT ": %s",
               self->customer_id, error->message);

  show_missing (self);
}

static gboolean
ids_contain (GArray *ids,
             gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    {
      if (g_array_index (ids, gint64, i) == id)
        return TRUE;
    }

  return FALSE;
}

static void
on_store_customers_changed_cb (CrmStore        *store,
                               const char      *table,
                               GArray          *ids,
                               CrmCustomerPage *self)
{
  if (ids == NULL || ids_contain (ids, self->customer_id))
    crm_customer_page_reload (self);
}

/* The tags table names its own rows, not the customer: reload on any. */
static void
on_store_tags_changed_cb (CrmCustomerPage *self)
{
  if (self->customer != NULL)
    crm_customer_page_reload (self);
}

static void
on_store_activities_changed_cb (CrmCustomerPage *self)
{
  crm_timeline_view_queue_rebuild (self->timeline);
}

/* With an account, billing is the server's: the group says so, and no
 * subscription is recorded here. */
static void
update_subscriptions_group (CrmCustomerPage *self)
{
  gboolean synced = _crm_customer_page_is_synced (self);
  guint n_subscriptions = g_list_model_get_n_items (G_LIST_MODEL (self->subscriptions));

  adw_preferences_group_set_description (self->subscriptions_group,
                                         synced
                                         ? _("With a ChartMogul account, billing and "
                                             "subscriber statuses come from ChartMogul.")
                                         : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->subscriptions_list),
                          !synced || n_subscriptions > 0);
}

static void
on_store_settings_changed_cb (CrmCustomerPage *self)
{
  update_owner (self);
  update_subscriptions_group (self);
  _crm_customer_page_update_actions (self);
}

static void
on_subscriptions_items_changed_cb (CrmCustomerPage *self)
{
  update_subscriptions_group (self);
}

static void
on_timeline_scroller_edge_reached_cb (CrmCustomerPage *self,
                                      GtkPositionType  position)
{
  if (position == GTK_POS_BOTTOM)
    crm_timeline_view_load_more (self->timeline);
}

static void
on_note_inserted_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CrmCustomerPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 undo_group = 0;

  if (crm_store_insert_finish (CRM_STORE (object), result, &undo_group, &error) <= 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _crm_customer_page_show_error (self, _("Could not add the note"), error);
      return;
    }

  _crm_customer_page_show_undo_toast (self, _("Note added"), undo_group);
}

static void
on_note_row_apply_cb (CrmCustomerPage *self)
{
  g_autofree char *body = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GVariantDict) fields = NULL;

  body = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row))));
  if (body[0] == '\0' || self->customer == NULL)
    return;

  now = crm_timestamp_now ();
  fields = g_variant_dict_new (NULL);
  g_variant_dict_insert (fields, "customer_id", "x", self->customer_id);
  g_variant_dict_insert (fields, "kind", "s", "note");
  g_variant_dict_insert (fields, "body", "s", body);
  g_variant_dict_insert (fields, "occurred_at", "s", now);

  crm_store_insert_async (self->store, CRM_ENTITY_ACTIVITY,
                          g_variant_dict_end (fields), CRM_ORIGIN_PERSON,
                          self->cancellable, on_note_inserted_cb, g_object_ref (self));

  gtk_editable_set_text (GTK_EDITABLE (self->note_row), "");
}

/* A paned places its handle from its children's minimum sizes; the right
 * column should rather take about two fifths, so the handle is placed
 * once the paned has a width. After that it is the person's. */
static gboolean
place_paned_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  int width = gtk_widget_get_width (widget);
  int details;

  if (width <= 0)
    return G_SOURCE_CONTINUE;

  details = CLAMP (width * 2 / 5, DETAILS_MIN_WIDTH, DETAILS_MAX_WIDTH);
  gtk_paned_set_position (GTK_PANED (widget), width - details);

  return G_SOURCE_REMOVE;
}

static CrmQueryModel *
create_model (CrmCustomerPage *self,
              CrmEntityKind    kind,
              const char      *sort_key,
              gboolean         descending)
{
  g_autoptr(CrmFilter) filter = crm_filter_new ();
  CrmQueryModel *model = crm_query_model_new (self->store, kind);

  crm_filter_add (filter, "customer_id", CRM_FILTER_OP_IS,
                  g_variant_new_int64 (self->customer_id));
  crm_query_model_set_sort (model, sort_key, descending);
  crm_query_model_set_filter (model, filter);

  return model;
}

static void
set_placeholder (GtkListBox *list,
                 const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_box_set_placeholder (list, label);
}

/* Open tasks first, then by due date with undated ones last; the query
 * already orders by due date, and the sort is stable. */
static int
compare_tasks (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  CrmTask *task_a = CRM_TASK ((gpointer) a);
  CrmTask *task_b = CRM_TASK ((gpointer) b);
  const GDate *due_a;
  const GDate *due_b;

  if (crm_task_is_done (task_a) != crm_task_is_done (task_b))
    return crm_task_is_done (task_a) ? 1 : -1;

  due_a = crm_task_get_due_on (task_a);
  due_b = crm_task_get_due_on (task_b);

  if ((due_a == NULL) != (due_b == NULL))
    return due_a == NULL ? 1 : -1;

  if (due_a != NULL)
    return g_date_compare (due_a, due_b);

  return 0;
}

static void
setup_lists (CrmCustomerPage *self)
{
  GtkSorter *sorter;

  self->activities = create_model (self, CRM_ENTITY_ACTIVITY, "occurred_at", TRUE);
  self->contacts = create_model (self, CRM_ENTITY_CONTACT, "position", FALSE);
  self->opportunities = create_model (self, CRM_ENTITY_OPPORTUNITY, "close_on", FALSE);
  self->subscriptions = create_model (self, CRM_ENTITY_SUBSCRIPTION, "started_on", TRUE);
  self->tasks = create_model (self, CRM_ENTITY_TASK, "due_on", FALSE);

  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_tasks, NULL, NULL));
  self->sorted_tasks = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->tasks)),
                                                sorter);

  crm_timeline_view_set_model (self->timeline, G_LIST_MODEL (self->activities));

  gtk_list_box_bind_model (self->contacts_list, G_LIST_MODEL (self->contacts),
                           _crm_customer_page_create_contact_row, self, NULL);
  gtk_list_box_bind_model (self->opportunities_list, G_LIST_MODEL (self->opportunities),
                           _crm_customer_page_create_opportunity_row, self, NULL);
  gtk_list_box_bind_model (self->tasks_list, G_LIST_MODEL (self->sorted_tasks),
                           _crm_customer_page_create_task_row, self, NULL);
  gtk_list_box_bind_model (self->subscriptions_list, G_LIST_MODEL (self->subscriptions),
                           _crm_customer_page_create_subscription_row, self, NULL);
  g_signal_connect_object (self->subscriptions, "items-changed",
                           G_CALLBACK (on_subscriptions_items_changed_cb), self,
                           G_CONNECT_SWAPPED);

  set_placeholder (self->contacts_list, _("No contacts yet"));
  set_placeholder (self->opportunities_list, _("No opportunities yet"));
  set_placeholder (self->tasks_list, _("No tasks yet"));
  set_placeholder (self->subscriptions_list,
                   _("No subscriptions yet. Record one when billing starts: the customer "
                     "becomes Active that day."));
  set_placeholder (self->details_list, _("No details yet"));
}

static void
crm_customer_page_constructed (GObject *object)
{
  CrmCustomerPage *self = CRM_CUSTOMER_PAGE (object);

  G_OBJECT_CLASS (crm_customer_page_parent_class)->constructed (object);

  g_assert (CRM_IS_STORE (self->store));

  crm_refused_banner_set_customer (self->refused_banner, self->store, self->customer_id);
  g_signal_connect_object (self->store, "changed::customers",
                           G_CALLBACK (on_store_customers_changed_cb),
                           self, G_CONNECT_DEFAULT);
  g_signal_connect_object (self->store, "changed::tags",
                           G_CALLBACK (on_store_tags_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed::activities",
                           G_CALLBACK (on_store_activities_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed::settings",
                           G_CALLBACK (on_store_settings_changed_cb),
                           self, G_CONNECT_SWAPPED);

  setup_lists (self);
  crm_customer_page_reload (self);
  update_subscriptions_group (self);
}

static void
crm_customer_page_dispose (GObject *object)
{
  CrmCustomerPage *self = CRM_CUSTOMER_PAGE (object);

  g_cancellable_cancel (self->cancellable);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  /* Unbinding first, so that no row is made for a model going away. */
  if (self->contacts_list != NULL)
    {
      gtk_list_box_bind_model (self->contacts_list, NULL, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->opportunities_list, NULL, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->tasks_list, NULL, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->subscriptions_list, NULL, NULL, NULL, NULL);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CUSTOMER_PAGE);

  g_clear_object (&self->customer);
  g_clear_object (&self->sorted_tasks);
  g_clear_object (&self->activities);
  g_clear_object (&self->contacts);
  g_clear_object (&self->opportunities);
  g_clear_object (&self->subscriptions);
  g_clear_object (&self->tasks);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (crm_customer_page_parent_class)->dispose (object);
}

static void
crm_customer_page_finalize (GObject *object)
{
  CrmCustomerPage *self = CRM_CUSTOMER_PAGE (object);

  g_free (self->title);

  G_OBJECT_CLASS (crm_customer_page_parent_class)->finalize (object);
}

static void
crm_customer_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CrmCustomerPage *self = CRM_CUSTOMER_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CUSTOMER_ID:
      g_value_set_int64 (value, self->customer_id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, self->show_back_button);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_customer_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CrmCustomerPage *self = CRM_CUSTOMER_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_CUSTOMER_ID:
      self->customer_id = g_value_get_int64 (value);
      break;

    case PROP_SHOW_BACK_BUTTON:
      crm_customer_page_set_show_back_button (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_customer_page_class_init (CrmCustomerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_customer_page_constructed;
  object_class->dispose = crm_customer_page_dispose;
  object_class->finalize = crm_customer_page_finalize;
  object_class->get_property = crm_customer_page_get_property;
  object_class->set_property = crm_customer_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CRM_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CUSTOMER_ID] =
    g_param_spec_int64 ("customer-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * CrmCustomerPage:title:
   *
   * The customer's display name, for a window or a stack page.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrmCustomerPage::closed:
   *
   * Emitted when the page has nothing more to show: its back button was
   * used, or the customer was deleted.
   */
  signals[SIGNAL_CLOSED] =
    g_signal_new ("closed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (CRM_TYPE_TIMELINE_VIEW);
  g_type_ensure (CRM_TYPE_CUSTOMER_EDITOR);
  g_type_ensure (CRM_TYPE_REFUSED_BANNER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gui/crm-customer-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerPage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerPage, status_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerPage, owner_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerPage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerPage, refused_banner);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerPage, paned);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerPage, missing_page);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerPage, note_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerPage, timeline);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerPage, details_list);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerPage, contacts_list);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerPage, opportunities_list);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerPage, subscriptions_group);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerPage, subscriptions_list);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerPage, tasks_list);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerPage, details_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerPage, save_edit_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerPage, edit_message);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, on_timeline_scroller_edge_reached_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_note_row_apply_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);

  _crm_customer_page_class_init_actions (widget_class);
  _crm_customer_page_class_init_edit (widget_class);
  _crm_customer_page_class_init_log (widget_class);
}

static GMenuModel *
create_status_menu (void)
{
  const char * const *statuses = crm_status_get_person_settable ();
  GMenu *menu = g_menu_new ();

  for (guint i = 0; statuses[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (crm_status_get_label (statuses[i]), NULL);

      g_menu_item_set_action_and_target_value (item, "customer.set-status",
                                               g_variant_new_string (statuses[i]));
      g_menu_append_item (menu, item);
    }

  return G_MENU_MODEL (menu);
}

static void
crm_customer_page_init (CrmCustomerPage *self)
{
  g_autoptr(GMenuModel) status_menu = create_status_menu ();

  self->show_back_button = TRUE;
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_menu_model (self->status_button, status_menu);
  gtk_widget_add_tick_callback (GTK_WIDGET (self->paned), place_paned_cb, NULL, NULL);
}

/**
 * crm_customer_page_new:
 * @store: the store
 * @customer_id: the customer to show
 *
 * Creates a page for one customer. It follows the customer's changes and
 * emits #CrmCustomerPage::closed if it is deleted.
 *
 * Returns: (transfer floating): a #CrmCustomerPage
 */
GtkWidget *
crm_customer_page_new (CrmStore *store,
                       gint64    customer_id)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  return g_object_new (CRM_TYPE_CUSTOMER_PAGE,
                       "store", store,
                       "customer-id", customer_id,
                       NULL);
}

/**
 * crm_customer_page_get_store:
 * @self: a #CrmCustomerPage
 *
 * Returns: (transfer none): the store
 */
CrmStore *
crm_customer_page_get_store (CrmCustomerPage *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_PAGE (self), NULL);

  return self->store;
}

/**
 * crm_customer_page_get_customer_id:
 * @self: a #CrmCustomerPage
 *
 * Returns: the id of the customer shown
 */
gint64
crm_customer_page_get_customer_id (CrmCustomerPage *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_PAGE (self), 0);

  return self->customer_id;
}

/**
 * crm_customer_page_get_title:
 * @self: a #CrmCustomerPage
 *
 * Returns: (transfer none) (nullable): the customer's display name
 */
const char *
crm_customer_page_get_title (CrmCustomerPage *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_PAGE (self), NULL);

  return self->title;
}

/**
 * crm_customer_page_get_show_back_button:
 * @self: a #CrmCustomerPage
 *
 * Returns: whether the header bar has a back button
 */
gboolean
crm_customer_page_get_show_back_button (CrmCustomerPage *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_PAGE (self), FALSE);

  return self->show_back_button;
}

/**
 * crm_customer_page_set_show_back_button:
 * @self: a #CrmCustomerPage
 * @show_back_button: whether to show a back button
 *
 * Sets whether the header bar has a back button; a page in a window of its
 * own has none, and offers no "Open in New Window" either.
 */
void
crm_customer_page_set_show_back_button (CrmCustomerPage *self,
                                        gboolean         show_back_button)
{
  g_return_if_fail (CRM_IS_CUSTOMER_PAGE (self));

  show_back_button = !!show_back_button;
  if (self->show_back_button == show_back_button)
    return;

  self->show_back_button = show_back_button;
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show_back_button);
  _crm_customer_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_BACK_BUTTON]);
}
