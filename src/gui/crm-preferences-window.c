/* crm-preferences-window.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-customer-format.h"
#include "crm-preferences-account.h"
#include "crm-preferences-pipelines.h"
#include "crm-preferences-rules.h"

#include "crm-preferences-window.h"
#include "crm-toast-queue.h"

#define SETTING_ME_NAME "me.name"
#define SETTING_ME_EMAIL "me.email"

/**
 * CrmPreferencesWindow:
 *
 * The profile's preferences. "Me" (a name and an email) is kept in the
 * profile's database, not in GSettings, so a demo book brings its own.
 * An entry is saved when its apply button is used, when focus leaves it,
 * and when the window closes.
 */
struct _CrmPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwEntryRow          *name_row;
  AdwEntryRow          *email_row;

  /* Owned */
  CrmStore             *store;
  AdwToast             *toast;          /* the one shown, if any */
  char                 *saved_name;
  char                 *saved_email;
};

G_DEFINE_FINAL_TYPE (CrmPreferencesWindow, crm_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_toast_dismissed_cb (CrmPreferencesWindow *self)
{
  g_clear_object (&self->toast);
}

/* One toast at a time: libadwaita 1.2 can crash when toasts overlap (see
 * crm-toast-queue.c), and a second one would only repeat the first. */
static void
show_toast (CrmPreferencesWindow *self,
            const char           *title)
{
  g_autofree char *escaped = NULL;

  if (self->toast != NULL)
    return;

  escaped = g_markup_escape_text (title, -1);
  self->toast = adw_toast_new (escaped);
  g_signal_connect_object (self->toast, "dismissed",
                           G_CALLBACK (on_toast_dismissed_cb), self, G_CONNECT_SWAPPED);
  crm_toast_queue_show_in_preferences (ADW_PREFERENCES_WINDOW (self), g_object_ref (self->toast));
}

static void
on_setting_saved_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CrmPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (crm_store_mutation_finish (CRM_STORE (object), result, NULL, &error))
    return;

  /* Translators: %s says why */
  title = g_strdup_printf (_("Could not save: %s"), error->message);
  show_toast (self, title);
}

/* Saving outlives the window: closing it saves what was typed, so the
 * write is not cancelled with it. */
static void
save_setting (CrmPreferencesWindow  *self,
              const char            *key,
              const char            *value,
              char                 **saved)
{
  if (g_strcmp0 (value, *saved) == 0)
    return;

  g_free (*saved);
  *saved = g_strdup (value);

  crm_store_set_setting_async (self->store, key, value, NULL,
                               on_setting_saved_cb, g_object_ref (self));
}

/* After a save by other means than the apply button, the button would
 * still offer to apply what is already saved. */
static void
reset_apply_button (AdwEntryRow *row)
{
  adw_entry_row_set_show_apply_button (row, FALSE);
  adw_entry_row_set_show_apply_button (row, TRUE);
}

static char *
dup_row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
save_name (CrmPreferencesWindow *self)
{
  g_autofree char *name = dup_row_text (self->name_row);

  save_setting (self, SETTING_ME_NAME, name, &self->saved_name);
}

static gboolean
email_is_acceptable (const char *email)
{
  /* An empty email is allowed: it means "nobody is me" yet. */
  return email[0] == '\0' || crm_customer_email_is_valid (email);
}

static gboolean
save_email (CrmPreferencesWindow *self)
{
  g_autofree char *email = dup_row_text (self->email_row);

  if (!email_is_acceptable (email))
    return FALSE;

  save_setting (self, SETTING_ME_EMAIL, email, &self->saved_email);

  return TRUE;
}

static void
on_name_row_apply_cb (CrmPreferencesWindow *self)
{
  save_name (self);
}

static void
on_name_row_focus_leave_cb (CrmPreferencesWindow *self)
{
  g_autofree char *name = dup_row_text (self->name_row);

  if (g_strcmp0 (name, self->saved_name) == 0)
    return;

  save_name (self);
  reset_apply_button (self->name_row);
}

static void
on_email_row_changed_cb (CrmPreferencesWindow *self)
{
  g_autofree char *email = dup_row_text (self->email_row);

  if (email_is_acceptable (email))
    gtk_widget_remove_css_class (GTK_WIDGET (self->email_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->email_row), "error");
}

static void
on_email_row_apply_cb (CrmPreferencesWindow *self)
{
  if (!save_email (self))
    show_toast (self, _("Enter an email address such as sam@example.com"));
}

static void
on_email_row_focus_leave_cb (CrmPreferencesWindow *self)
{
  g_autofree char *email = dup_row_text (self->email_row);

  if (g_strcmp0 (email, self->saved_email) == 0)
    return;

  if (save_email (self))
    reset_apply_button (self->email_row);
}

static gboolean
on_close_request_cb (CrmPreferencesWindow *self)
{
  save_name (self);
  save_email (self);

  return GDK_EVENT_PROPAGATE;
}

static void
load_row (CrmPreferencesWindow  *self,
          AdwEntryRow           *row,
          const char            *key,
          char                 **saved)
{
  g_autofree char *value = crm_store_dup_setting (self->store, key);

  g_free (*saved);
  *saved = g_strdup (value != NULL ? value : "");
  gtk_editable_set_text (GTK_EDITABLE (row), *saved);
  reset_apply_button (row);
}

static void
crm_preferences_window_constructed (GObject *object)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (crm_preferences_window_parent_class)->constructed (object);

  g_assert (CRM_IS_STORE (self->store));

  load_row (self, self->name_row, SETTING_ME_NAME, &self->saved_name);
  load_row (self, self->email_row, SETTING_ME_EMAIL, &self->saved_email);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (crm_preferences_account_new (self->store)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (crm_preferences_pipelines_new (self->store)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (crm_preferences_rules_new (self->store)));
}

static void
crm_preferences_window_dispose (GObject *object)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->toast);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_preferences_window_parent_class)->dispose (object);
}

static void
crm_preferences_window_finalize (GObject *object)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (object);

  g_free (self->saved_name);
  g_free (self->saved_email);

  G_OBJECT_CLASS (crm_preferences_window_parent_class)->finalize (object);
}

static void
crm_preferences_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (object);

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
crm_preferences_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (object);

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
crm_preferences_window_class_init (CrmPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_preferences_window_constructed;
  object_class->dispose = crm_preferences_window_dispose;
  object_class->finalize = crm_preferences_window_finalize;
  object_class->get_property = crm_preferences_window_get_property;
  object_class->set_property = crm_preferences_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CRM_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gui/crm-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, email_row);
  gtk_widget_class_bind_template_callback (widget_class, on_name_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_row_focus_leave_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_email_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_email_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_email_row_focus_leave_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_close_request_cb);
}

static void
crm_preferences_window_init (CrmPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * crm_preferences_window_new:
 * @parent: (nullable): the window to sit on
 * @store: the profile's store
 *
 * Creates the preferences window of a profile.
 *
 * Returns: (transfer none): a #CrmPreferencesWindow, owned by GTK's list
 *   of toplevels until it is closed
 */
GtkWidget *
crm_preferences_window_new (GtkWindow *parent,
                            CrmStore  *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  return g_object_new (CRM_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}
