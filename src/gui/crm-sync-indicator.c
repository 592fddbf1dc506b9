/* crm-sync-indicator.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sync-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-sync-format.h"
#include "crm-sync-indicator.h"

/**
 * CrmSyncIndicator:
 *
 * The foot of the window's sidebar: what the sync is doing and what waits
 * (crm_sync_format_status() chooses the words), a progress bar while it
 * syncs, and Sync Now. A click on the words opens the sync's details
 * (`win.sync-details`); the button runs `win.sync-now`. Hidden while the
 * profile has no account: without one Prospect is a complete CRM of its
 * own, and Preferences is where an account is added.
 */

/* "2 min ago" moves on by itself. */
#define TICK_SECONDS 20

struct _CrmSyncIndicator
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkButton       *details_button;
  GtkImage        *icon;
  GtkSpinner      *spinner;
  GtkLabel        *title_label;
  GtkLabel        *detail_label;
  GtkProgressBar  *progress_bar;
  GtkButton       *sync_button;

  /* Owned */
  CrmSyncSession  *session;

  /* State */
  guint            tick_id;
  const char      *style;
};

G_DEFINE_FINAL_TYPE (CrmSyncIndicator, crm_sync_indicator, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_style (CrmSyncIndicator *self,
           const char       *style)
{
  if (self->style != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->icon), self->style);

  self->style = style;
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->icon), style);
}

static void
show_status (CrmSyncIndicator    *self,
             const CrmSyncStatus *status)
{
  g_autofree char *text = crm_sync_status_dup_text (status);
  g_autofree char *tooltip = NULL;

  /* While it syncs, a spinner says it moves. */
  gtk_image_set_from_icon_name (self->icon, status->icon_name);
  gtk_widget_set_visible (GTK_WIDGET (self->icon), !status->show_progress);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), status->show_progress);
  gtk_spinner_set_spinning (self->spinner, status->show_progress);
  set_style (self, status->style);
  gtk_label_set_label (self->title_label, status->title);
  gtk_label_set_label (self->detail_label, status->detail);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), status->detail != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), status->show_progress);
  gtk_progress_bar_set_fraction (self->progress_bar, status->progress);

  /* The words may be cut at the sidebar's width. */
  tooltip = g_strdup_printf ("%s\n%s", text, _("Show conflicts and refused changes"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->details_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->details_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

/**
 * crm_sync_indicator_update:
 * @self: a #CrmSyncIndicator
 *
 * Shows the sync as it is now; the indicator does so by itself when the
 * sync changes and as time passes.
 */
void
crm_sync_indicator_update (CrmSyncIndicator *self)
{
  g_autoptr(CrmSyncStatus) status = NULL;
  CrmSyncFacts facts;

  g_return_if_fail (CRM_IS_SYNC_INDICATOR (self));

  crm_sync_facts_from_session (&facts, self->session);
  status = crm_sync_format_status (&facts);

  gtk_widget_set_visible (GTK_WIDGET (self), status != NULL);
  if (status != NULL)
    show_status (self, status);
}

static gboolean
tick_cb (gpointer user_data)
{
  crm_sync_indicator_update (user_data);

  return G_SOURCE_CONTINUE;
}

static void
crm_sync_indicator_constructed (GObject *object)
{
  CrmSyncIndicator *self = CRM_SYNC_INDICATOR (object);

  G_OBJECT_CLASS (crm_sync_indicator_parent_class)->constructed (object);

  g_assert (CRM_IS_SYNC_SESSION (self->session));

  g_signal_connect_object (self->session, "changed",
                           G_CALLBACK (crm_sync_indicator_update), self, G_CONNECT_SWAPPED);
  self->tick_id = g_timeout_add_seconds (TICK_SECONDS, tick_cb, self);
  crm_sync_indicator_update (self);
}

static void
crm_sync_indicator_dispose (GObject *object)
{
  CrmSyncIndicator *self = CRM_SYNC_INDICATOR (object);
  GtkWidget *child;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_SYNC_INDICATOR);
  /* The template's separator and box are children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_sync_indicator_parent_class)->dispose (object);
}

static void
crm_sync_indicator_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CrmSyncIndicator *self = CRM_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_sync_indicator_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CrmSyncIndicator *self = CRM_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_sync_indicator_class_init (CrmSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_sync_indicator_constructed;
  object_class->dispose = crm_sync_indicator_dispose;
  object_class->get_property = crm_sync_indicator_get_property;
  object_class->set_property = crm_sync_indicator_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CRM_TYPE_SYNC_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gui/crm-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmSyncIndicator, details_button);
  gtk_widget_class_bind_template_child (widget_class, CrmSyncIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, CrmSyncIndicator, spinner);
  gtk_widget_class_bind_template_child (widget_class, CrmSyncIndicator, title_label);
  gtk_widget_class_bind_template_child (widget_class, CrmSyncIndicator, detail_label);
  gtk_widget_class_bind_template_child (widget_class, CrmSyncIndicator, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmSyncIndicator, sync_button);
  gtk_widget_class_set_css_name (widget_class, "sync-indicator");
}

static void
crm_sync_indicator_init (CrmSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * crm_sync_indicator_new:
 * @session: the window's sync
 *
 * Returns: (transfer floating): a new indicator
 */
GtkWidget *
crm_sync_indicator_new (CrmSyncSession *session)
{
  g_return_val_if_fail (CRM_IS_SYNC_SESSION (session), NULL);

  return g_object_new (CRM_TYPE_SYNC_INDICATOR, "session", session, NULL);
}

/**
 * crm_sync_indicator_get_title:
 * @self: a #CrmSyncIndicator
 *
 * Returns: the first line shown
 */
const char *
crm_sync_indicator_get_title (CrmSyncIndicator *self)
{
  g_return_val_if_fail (CRM_IS_SYNC_INDICATOR (self), NULL);

  return gtk_label_get_label (self->title_label);
}

/**
 * crm_sync_indicator_get_detail:
 * @self: a #CrmSyncIndicator
 *
 * Returns: (nullable): the second line shown, or %NULL when there is none
 */
const char *
crm_sync_indicator_get_detail (CrmSyncIndicator *self)
{
  g_return_val_if_fail (CRM_IS_SYNC_INDICATOR (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->detail_label)))
    return NULL;

  return gtk_label_get_label (self->detail_label);
}
