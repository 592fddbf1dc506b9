/* crm-sync-details.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sync-details"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-preferences-window.h"
#include "crm-refused-actions.h"
#include "crm-sync-format.h"
#include "crm-toast-queue.h"
#include "crm-window.h"

#include "crm-sync-details.h"

/**
 * CrmSyncDetails:
 *
 * What the sync cannot settle by itself, opened from the sidebar's sync
 * row: the conflicts, one row per field with the rep's value and the
 * server's, each with Keep Mine and Use Server's (case S3); and the
 * changes the server refused, each with its record, the server's message,
 * Edit and Discard (case K2 (c)). When there is neither, it says so. It
 * is not modal: a rep may fix a refused record in the main window while
 * it stays open.
 */
struct _CrmSyncDetails
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
  GtkButton           *sync_button;
  GtkStack            *stack;
  AdwStatusPage       *empty_page;
  GtkButton           *preferences_button;
  AdwActionRow        *status_row;
  GtkImage            *status_icon;
  AdwPreferencesGroup *conflicts_group;
  AdwPreferencesGroup *refused_group;
  GtkListBox          *conflicts_list;
  GtkListBox          *refused_list;

  /* Owned */
  CrmSyncSession      *session;
  GCancellable        *cancellable;

  /* State */
  CrmSyncEngine       *shown_engine;    /* borrowed: the lists are of it */
  guint                shown_conflicts;
  guint                shown_failed;
  const char          *status_style;
};

G_DEFINE_FINAL_TYPE (CrmSyncDetails, crm_sync_details, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a row stands for; it belongs to the row. */
typedef struct
{
  CrmSyncDetails *details;      /* borrowed: the row lives in it */
  gint64          id;           /* the conflict or the outbox row */
  gint64          customer_id;
  char           *operation;    /* of a failed change */
  char           *label;        /* the record and, for a conflict, the field */
} RowData;

static void
row_data_free (gpointer data)
{
  RowData *row_data = data;

  g_free (row_data->operation);
  g_free (row_data->label);
  g_free (row_data);
}

#define ROW_DATA_KEY "crm-sync-row"

static RowData *
get_row_data (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);

  return g_object_get_data (G_OBJECT (row), ROW_DATA_KEY);
}

static void reload_lists (CrmSyncDetails *self);

static void
show_toast (CrmSyncDetails *self,
            const char     *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  crm_toast_queue_show (self->toast_overlay, adw_toast_new (escaped));
}

/* Status */

static void
set_status_style (CrmSyncDetails *self,
                  const char     *style)
{
  if (self->status_style != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), self->status_style);

  self->status_style = style;
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), style);
}

static void
show_empty_page (CrmSyncDetails     *self,
                 const CrmSyncFacts *facts,
                 const char         *text)
{
  gboolean in_sync = facts->has_engine && facts->state == CRM_SYNC_STATE_IDLE &&
                     facts->pending == 0;

  if (!facts->has_account)
    {
      adw_status_page_set_icon_name (self->empty_page, "emblem-synchronizing-symbolic");
      adw_status_page_set_title (self->empty_page, _("Not Syncing"));
      adw_status_page_set_description (self->empty_page,
                                       _("Add a ChartMogul account in Preferences to share "
                                         "customers and the pipeline with your team."));
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, in_sync ? "emblem-ok-symbolic"
                                                               : "emblem-synchronizing-symbolic");
      adw_status_page_set_title (self->empty_page,
                                 in_sync ? _("Everything Is in Sync")
                                         : _("No Conflicts or Refused Changes"));
      adw_status_page_set_description (self->empty_page, text);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->preferences_button),
                          !facts->has_account || facts->key_missing);
}

static void
update_status (CrmSyncDetails *self)
{
  g_autoptr(CrmSyncStatus) status = NULL;
  g_autofree char *text = NULL;
  CrmSyncFacts facts;

  crm_sync_facts_from_session (&facts, self->session);
  status = crm_sync_format_status (&facts);
  text = status != NULL ? crm_sync_status_dup_text (status) : NULL;

  adw_window_title_set_subtitle (self->window_title, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button), facts.has_engine);
  show_empty_page (self, &facts, text);

  if (status == NULL)
    return;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), status->title);
  adw_action_row_set_subtitle (self->status_row, status->detail != NULL ? status->detail : "");
  gtk_image_set_from_icon_name (self->status_icon, status->icon_name);
  set_status_style (self, status->style);
}

/* Conflicts */

/* Cancelled when the window closed: then it is gone and not touched. */
static void
on_change_settled_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  CrmSyncDetails *self;

  if (crm_sync_engine_change_finish (CRM_SYNC_ENGINE (object), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = user_data;
  g_warning ("Failed to settle a conflict or a refused change: %s", error->message);
  show_toast (self, error->message);
  reload_lists (self);
}

static void
resolve_conflict (GtkButton *button,
                  gboolean   keep_local)
{
  RowData *data = get_row_data (GTK_WIDGET (button));
  CrmSyncDetails *self = data->details;
  CrmSyncEngine *engine = crm_sync_session_get_engine (self->session);
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  if (engine == NULL)
    return;

  /* The row goes once the engine recounts; until then it takes no click. */
  gtk_widget_set_sensitive (row, FALSE);
  crm_sync_engine_resolve_conflict_async (engine, data->id, keep_local, self->cancellable,
                                          on_change_settled_cb, self);
}

static void
on_keep_mine_clicked_cb (GtkButton *button)
{
  RowData *data = get_row_data (GTK_WIDGET (button));
  g_autofree char *title = NULL;

  /* Translators: %s names the field and its record */
  title = g_strdup_printf (_("Kept yours: %s; it is sent with the next sync"), data->label);
  show_toast (data->details, title);
  resolve_conflict (button, TRUE);
}

static void
on_use_server_clicked_cb (GtkButton *button)
{
  RowData *data = get_row_data (GTK_WIDGET (button));
  g_autofree char *title = NULL;

  /* Translators: %s names the field and its record */
  title = g_strdup_printf (_("Took the server’s value: %s"), data->label);
  show_toast (data->details, title);
  resolve_conflict (button, FALSE);
}

static GtkWidget *
create_label (const char *text,
              const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);

  return label;
}

static GtkWidget *
create_choice_button (const char *label,
                      GCallback   callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect (button, "clicked", callback, NULL);

  return button;
}

/* One value of a conflict: who holds it, the value, and the button that
 * keeps it. */
static void
attach_value (GtkGrid    *grid,
              int         line,
              const char *side,
              const char *json,
              GtkWidget  *button)
{
  g_autofree char *value = crm_sync_format_value (json);
  GtkWidget *value_label = create_label (value, NULL);

  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_widget_set_hexpand (value_label, TRUE);
  gtk_grid_attach (grid, create_label (side, "dim-label"), 0, line, 1, 1);
  gtk_grid_attach (grid, value_label, 1, line, 1, 1);
  gtk_grid_attach (grid, button, 2, line, 1, 1);
}

static GtkWidget *
create_conflict_row (CrmSyncDetails        *self,
                     const CrmSyncConflict *conflict)
{
  CrmStore *store = crm_sync_session_get_store (self->session);
  g_autofree char *field = crm_sync_format_field (conflict->kind, conflict->field);
  g_autofree char *record = crm_sync_format_record (store, conflict->kind, conflict->local_id,
                                                    NULL);
  RowData *data = g_new0 (RowData, 1);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *title = create_label (field, "heading");

  data->details = self;
  data->id = conflict->id;
  /* Translators: a field, then its record: "Phone of Lena Maier (Maple Foods)" */
  data->label = g_strdup_printf (_("%s of %s"), field, record);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_add_css_class (grid, "sync-conflict");
  gtk_grid_attach (GTK_GRID (grid), title, 0, 0, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), create_label (record, "dim-label"), 0, 1, 3, 1);
  attach_value (GTK_GRID (grid), 2, _("Yours"), conflict->local_value,
                create_choice_button (_("_Keep Mine"), G_CALLBACK (on_keep_mine_clicked_cb)));
  attach_value (GTK_GRID (grid), 3, _("ChartMogul"), conflict->server_value,
                create_choice_button (_("_Use Server’s"), G_CALLBACK (on_use_server_clicked_cb)));

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), grid);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  data->label, -1);
  g_object_set_data_full (G_OBJECT (row), ROW_DATA_KEY, data, row_data_free);

  return row;
}

/* Refused changes */

static void
open_customer (CrmSyncDetails *self,
               gint64          customer_id)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (customer_id <= 0 || !CRM_IS_WINDOW (parent))
    return;

  crm_window_open_customer (CRM_WINDOW (parent), customer_id);
  gtk_window_present (parent);
}

static void
on_edit_clicked_cb (GtkButton *button)
{
  RowData *data = get_row_data (GTK_WIDGET (button));
  CrmSyncDetails *self = data->details;

  gtk_widget_set_sensitive (gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW),
                            FALSE);
  crm_refused_actions_edit (self->session, data->id, data->label, self->toast_overlay,
                            self->cancellable);
  open_customer (self, data->customer_id);
}

/* A refused create was never on the server: discarding it deletes the
 * record here too, and its toast offers Undo. */
static void
on_discard_clicked_cb (GtkButton *button)
{
  RowData *data = get_row_data (GTK_WIDGET (button));
  CrmSyncDetails *self = data->details;

  gtk_widget_set_sensitive (gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW),
                            FALSE);
  crm_refused_actions_discard (self->session, data->id, data->operation, data->label,
                               self->toast_overlay, self->cancellable);
}

static GtkWidget *
create_refused_row (CrmSyncDetails       *self,
                    const CrmOutboxEntry *entry)
{
  CrmStore *store = crm_sync_session_get_store (self->session);
  g_autofree char *refusal = crm_sync_format_refusal (entry);
  RowData *data = g_new0 (RowData, 1);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;

  data->details = self;
  data->id = entry->id;
  data->operation = g_strdup (entry->operation);
  data->label = crm_sync_format_record (store, entry->kind, entry->local_id, &data->customer_id);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), data->label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), refusal);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
  gtk_widget_add_css_class (icon, "sync-status-icon");
  gtk_widget_add_css_class (icon, "error");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             crm_refused_actions_new_edit_button (
                               G_CALLBACK (on_edit_clicked_cb)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             crm_refused_actions_new_discard_button (
                               G_CALLBACK (on_discard_clicked_cb)));
  g_object_set_data_full (G_OBJECT (row), ROW_DATA_KEY, data, row_data_free);

  return row;
}

/* Lists */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
reload_lists (CrmSyncDetails *self)
{
  CrmSyncEngine *engine = crm_sync_session_get_engine (self->session);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) failed = NULL;

  clear_list (self->conflicts_list);
  clear_list (self->refused_list);

  conflicts = engine != NULL ? crm_sync_engine_dup_conflicts (engine) : g_ptr_array_new ();
  failed = engine != NULL ? crm_sync_engine_dup_failed_changes (engine) : g_ptr_array_new ();

  for (guint i = 0; i < conflicts->len; i++)
    gtk_list_box_append (self->conflicts_list,
                         create_conflict_row (self, g_ptr_array_index (conflicts, i)));
  for (guint i = 0; i < failed->len; i++)
    gtk_list_box_append (self->refused_list,
                         create_refused_row (self, g_ptr_array_index (failed, i)));

  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_group), conflicts->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->refused_group), failed->len > 0);
  gtk_stack_set_visible_child_name (self->stack, conflicts->len + failed->len > 0
                                                 ? "problems" : "empty");

  self->shown_engine = engine;
  self->shown_conflicts = engine != NULL ? crm_sync_engine_get_conflict_count (engine) : 0;
  self->shown_failed = engine != NULL ? crm_sync_engine_get_failed_count (engine) : 0;
}

/* Progress changes often while it syncs: read the lists again only when
 * what they list changed. */
static void
on_session_changed_cb (CrmSyncDetails *self)
{
  CrmSyncEngine *engine = crm_sync_session_get_engine (self->session);

  update_status (self);

  if (engine != self->shown_engine ||
      (engine != NULL &&
       (crm_sync_engine_get_conflict_count (engine) != self->shown_conflicts ||
        crm_sync_engine_get_failed_count (engine) != self->shown_failed)))
    reload_lists (self);
}

static void
on_sync_button_clicked_cb (CrmSyncDetails *self)
{
  crm_sync_session_sync_now (self->session);
}

static void
on_preferences_button_clicked_cb (CrmSyncDetails *self)
{
  GtkWidget *preferences;

  preferences = crm_preferences_window_new (GTK_WINDOW (self),
                                            crm_sync_session_get_store (self->session));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "account");
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
crm_sync_details_constructed (GObject *object)
{
  CrmSyncDetails *self = CRM_SYNC_DETAILS (object);

  G_OBJECT_CLASS (crm_sync_details_parent_class)->constructed (object);

  g_assert (CRM_IS_SYNC_SESSION (self->session));

  g_signal_connect_object (self->session, "changed",
                           G_CALLBACK (on_session_changed_cb), self, G_CONNECT_SWAPPED);
  update_status (self);
  reload_lists (self);
}

static void
crm_sync_details_dispose (GObject *object)
{
  CrmSyncDetails *self = CRM_SYNC_DETAILS (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_SYNC_DETAILS);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_sync_details_parent_class)->dispose (object);
}

static void
crm_sync_details_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CrmSyncDetails *self = CRM_SYNC_DETAILS (object);

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
crm_sync_details_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CrmSyncDetails *self = CRM_SYNC_DETAILS (object);

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
crm_sync_details_class_init (CrmSyncDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_sync_details_constructed;
  object_class->dispose = crm_sync_details_dispose;
  object_class->get_property = crm_sync_details_get_property;
  object_class->set_property = crm_sync_details_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CRM_TYPE_SYNC_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gui/crm-sync-details.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmSyncDetails, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CrmSyncDetails, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrmSyncDetails, sync_button);
  gtk_widget_class_bind_template_child (widget_class, CrmSyncDetails, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmSyncDetails, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CrmSyncDetails, preferences_button);
  gtk_widget_class_bind_template_child (widget_class, CrmSyncDetails, status_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSyncDetails, status_icon);
  gtk_widget_class_bind_template_child (widget_class, CrmSyncDetails, conflicts_group);
  gtk_widget_class_bind_template_child (widget_class, CrmSyncDetails, refused_group);
  gtk_widget_class_bind_template_child (widget_class, CrmSyncDetails, conflicts_list);
  gtk_widget_class_bind_template_child (widget_class, CrmSyncDetails, refused_list);
  gtk_widget_class_bind_template_callback (widget_class, on_sync_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_preferences_button_clicked_cb);
}

static void
crm_sync_details_init (CrmSyncDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

/**
 * crm_sync_details_new:
 * @parent: (nullable): the main window it belongs to
 * @session: the window's sync
 *
 * Returns: (transfer none): a new details window, owned by GTK's list of
 *   toplevels until it is closed
 */
GtkWidget *
crm_sync_details_new (GtkWindow      *parent,
                      CrmSyncSession *session)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CRM_IS_SYNC_SESSION (session), NULL);

  return g_object_new (CRM_TYPE_SYNC_DETAILS,
                       "transient-for", parent,
                       "session", session,
                       NULL);
}

/**
 * crm_sync_details_present:
 * @parent: the main window
 * @session: its sync
 *
 * Shows the details of @parent's sync: the window already open for it,
 * else a new one.
 *
 * Returns: (transfer none): the details window
 */
GtkWidget *
crm_sync_details_present (GtkWindow      *parent,
                          CrmSyncSession *session)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *details = NULL;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CRM_IS_SYNC_SESSION (session), NULL);

  for (guint i = 0; details == NULL && i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (CRM_IS_SYNC_DETAILS (window) && gtk_window_get_transient_for (window) == parent)
        details = GTK_WIDGET (window);
    }

  if (details == NULL)
    details = crm_sync_details_new (parent, session);

  gtk_window_present (GTK_WINDOW (details));
  return details;
}

/**
 * crm_sync_details_get_conflicts_list:
 * @self: a #CrmSyncDetails
 *
 * Returns: (transfer none): the list of conflicts, one row per field
 */
GtkListBox *
crm_sync_details_get_conflicts_list (CrmSyncDetails *self)
{
  g_return_val_if_fail (CRM_IS_SYNC_DETAILS (self), NULL);

  return self->conflicts_list;
}

/**
 * crm_sync_details_get_refused_list:
 * @self: a #CrmSyncDetails
 *
 * Returns: (transfer none): the list of refused changes
 */
GtkListBox *
crm_sync_details_get_refused_list (CrmSyncDetails *self)
{
  g_return_val_if_fail (CRM_IS_SYNC_DETAILS (self), NULL);

  return self->refused_list;
}
