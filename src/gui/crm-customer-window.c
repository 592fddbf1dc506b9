/* crm-customer-window.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-customer-window"

#include "config.h"

#include "crm-customer-page.h"
#include "crm-notice-toasts.h"

#include "crm-customer-window.h"

#define DEFAULT_WIDTH 720
#define DEFAULT_HEIGHT 800

/**
 * CrmCustomerWindow:
 *
 * One customer in a window of its own, to sit beside the board. It has its
 * own toast overlay, so the page's toasts and their Undo stay with it.
 */
struct _CrmCustomerWindow
{
  AdwWindow        parent_instance;

  /* Borrowed: children of the window */
  AdwToastOverlay *overlay;
  GtkWidget       *page;

  /* Owned */
  CrmStore        *store;

  /* State */
  gint64           customer_id;
};

G_DEFINE_FINAL_TYPE (CrmCustomerWindow, crm_customer_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CUSTOMER_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_customer_window_constructed (GObject *object)
{
  CrmCustomerWindow *self = CRM_CUSTOMER_WINDOW (object);

  G_OBJECT_CLASS (crm_customer_window_parent_class)->constructed (object);

  self->page = crm_customer_page_new (self->store, self->customer_id);
  crm_customer_page_set_show_back_button (CRM_CUSTOMER_PAGE (self->page), FALSE);
  g_object_bind_property (self->page, "title", self, "title", G_BINDING_SYNC_CREATE);

  /* A deleted customer stays on screen as "Customer Deleted" with the
   * toast that can undo it; the window closes when the person says so. */
  adw_toast_overlay_set_child (self->overlay, self->page);
  crm_notice_toasts_attach (self->overlay, self->store);
}

static void
crm_customer_window_dispose (GObject *object)
{
  CrmCustomerWindow *self = CRM_CUSTOMER_WINDOW (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_customer_window_parent_class)->dispose (object);
}

static void
crm_customer_window_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CrmCustomerWindow *self = CRM_CUSTOMER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CUSTOMER_ID:
      g_value_set_int64 (value, self->customer_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_customer_window_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CrmCustomerWindow *self = CRM_CUSTOMER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_CUSTOMER_ID:
      self->customer_id = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_customer_window_class_init (CrmCustomerWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_customer_window_constructed;
  object_class->dispose = crm_customer_window_dispose;
  object_class->get_property = crm_customer_window_get_property;
  object_class->set_property = crm_customer_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CRM_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CUSTOMER_ID] =
    g_param_spec_int64 ("customer-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
crm_customer_window_init (CrmCustomerWindow *self)
{
  self->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->overlay));
  gtk_window_set_default_size (GTK_WINDOW (self), DEFAULT_WIDTH, DEFAULT_HEIGHT);

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

/**
 * crm_customer_window_new:
 * @application: (nullable): the application
 * @store: the store
 * @customer_id: the customer to show
 *
 * Creates a window for one customer.
 *
 * Returns: (transfer none): a #CrmCustomerWindow, owned by GTK's list of
 *   toplevels until it is closed
 */
GtkWidget *
crm_customer_window_new (GtkApplication *application,
                         CrmStore       *store,
                         gint64          customer_id)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  return g_object_new (CRM_TYPE_CUSTOMER_WINDOW,
                       "application", application,
                       "store", store,
                       "customer-id", customer_id,
                       NULL);
}

/**
 * crm_customer_window_get_page:
 * @self: a #CrmCustomerWindow
 *
 * Returns: (transfer none): the #CrmCustomerPage in the window
 */
GtkWidget *
crm_customer_window_get_page (CrmCustomerWindow *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_WINDOW (self), NULL);

  return self->page;
}
