/* crm-preferences-pipelines.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-preferences-pipelines"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-core.h"
#include "crm-opportunity-editor.h"
#include "crm-preferences-pipelines-private.h"
#include "crm-store-pipelines.h"
#include "crm-toast-queue.h"

/* The Pipelines page of Preferences: one group per pipeline, one expander
 * row per stage (name, win likelihood, forecast category, stale limit,
 * Move Up and Move Down, Remove), then the stages named on opportunities
 * that are not configured, each with Add.
 *
 * Every change is written at once and can be undone from its toast. The
 * page follows the store: when only values change, the rows are updated
 * in place; when stages or pipelines come or go, the groups are built
 * again, keeping which rows were open and where the focus was. */

#define NEW_STAGE_LIKELIHOOD 50
#define NEW_STAGE_CATEGORY "pipeline"

typedef enum
{
  FOCUS_NONE,
  FOCUS_ROW,
  FOCUS_UP,
  FOCUS_DOWN,
} FocusRole;

G_DEFINE_FINAL_TYPE (CrmPreferencesPipelines, crm_preferences_pipelines,
                     ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * crm_preferences_pipelines_describe_stage:
 * @win_likelihood: the stage's win likelihood in percent
 * @forecast_category: its forecast category
 * @stale_days: days after which an idle card is stale; 0 or less: never
 *
 * Returns: (transfer full): the subtitle of a stage's row, such as
 *   "30 % · Best Case · stale after 21 days"
 */
char *
crm_preferences_pipelines_describe_stage (int         win_likelihood,
                                          const char *forecast_category,
                                          int         stale_days)
{
  g_autofree char *stale = NULL;

  g_return_val_if_fail (forecast_category != NULL, NULL);

  if (stale_days > 0)
    stale = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "stale after %d day",
                                          "stale after %d days", stale_days),
                             stale_days);
  else
    stale = g_strdup (_("never stale"));

  /* Translators: a stage's defaults: "30 % · Best Case · stale after 21 days" */
  return g_strdup_printf (_("%d %% · %s · %s"), win_likelihood,
                          crm_forecast_category_get_label (forecast_category), stale);
}

/* Toasts */

static void
show_toast (CrmPreferencesPipelines *self,
            const char              *title,
            gint64                   undo_group)
{
  crm_toast_queue_show_change (crm_toast_queue_find_overlay (GTK_WIDGET (self)),
                                    self->store, title, undo_group);
}

struct _Change
{
  CrmPreferencesPipelines *page;
  char                    *done;     /* the toast after success; NULL: none */
  char                    *failed;   /* what failed, for the error toast */
};

static void
change_free (Change *change)
{
  g_clear_object (&change->page);
  g_free (change->done);
  g_free (change->failed);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Change, change_free)

Change *
_crm_preferences_pipelines_change_new (CrmPreferencesPipelines *self,
                                       const char              *done,
                                       const char              *failed)
{
  Change *change = g_new0 (Change, 1);

  change->page = g_object_ref (self);
  change->done = g_strdup (done);
  change->failed = g_strdup (failed);
  return change;
}

void
_crm_preferences_pipelines_change_done_cb (GObject      *object,
                                           GAsyncResult *result,
                                           gpointer      user_data)
{
  g_autoptr(Change) change = user_data;
  g_autoptr(GError) error = NULL;
  gint64 undo_group = 0;

  if (!crm_store_mutation_finish (CRM_STORE (object), result, &undo_group, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_debug ("%s: %s", change->failed, error->message);

      /* Translators: "Could not rename the stage: <the reason>" */
      message = g_strdup_printf (_("%s: %s"), change->failed, error->message);
      show_toast (change->page, message, 0);

      /* Entries show what is stored again. */
      g_clear_pointer (&change->page->signature, g_free);
      crm_preferences_pipelines_refresh (change->page);
      return;
    }

  if (change->done != NULL)
    show_toast (change->page, change->done, undo_group);
}

CrmPreferencesPipelines *
_crm_preferences_pipelines_page_of (GtkWidget *widget)
{
  return CRM_PREFERENCES_PIPELINES (gtk_widget_get_ancestor (widget,
                                                             CRM_TYPE_PREFERENCES_PIPELINES));
}

/* Adding a stage: a configured one, or one named only on opportunities */

static void
add_stage (CrmPreferencesPipelines *self,
           gint64                   pipeline_id,
           const char              *name,
           const char              *done)
{
  Change *change = _crm_preferences_pipelines_change_new (self, done,
                                                          _("Could not add the stage"));

  crm_store_add_stage_async (self->store, pipeline_id, name, NEW_STAGE_LIKELIHOOD,
                             NEW_STAGE_CATEGORY, 0, self->cancellable,
                             _crm_preferences_pipelines_change_done_cb, change);
}

/* Unconfigured names */

static void
on_adopt_stage_clicked_cb (GtkButton *button,
                           gpointer   user_data)
{
  CrmPreferencesPipelines *self = _crm_preferences_pipelines_page_of (GTK_WIDGET (button));
  const char *name = g_object_get_data (G_OBJECT (button), "crm-name");
  gint64 pipeline_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button),
                                                             "crm-pipeline-id"));
  g_autofree char *done = NULL;

  if (self == NULL)
    return;

  /* Translators: %s is a stage that came from a sync or an import */
  done = g_strdup_printf (_("Added “%s” as a stage"), name);
  add_stage (self, pipeline_id, name, done);
}

static GtkWidget *
create_unconfigured_row (CrmPreferencesPipelines *self,
                         const char              *pipeline,
                         gint64                   pipeline_id,
                         const char              *name)
{
  guint count = crm_store_count_in_stage (self->store, pipeline, name);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  g_autofree char *subtitle = NULL;

  /* Translators: a stage named on opportunities (from a sync or an import)
   * that Prospect has no settings for */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Not configured · %u opportunity",
                                           "Not configured · %u opportunities", count),
                              count);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  if (pipeline_id > 0)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Add"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Configure as a stage of this pipeline"));
      g_object_set_data_full (G_OBJECT (button), "crm-name", g_strdup (name), g_free);
      g_object_set_data (G_OBJECT (button), "crm-pipeline-id",
                         GSIZE_TO_POINTER ((gsize) pipeline_id));
      g_signal_connect (button, "clicked", G_CALLBACK (on_adopt_stage_clicked_cb), NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  return row;
}

/* Adding */

static void
on_add_stage_apply_cb (AdwEntryRow *entry,
                       gpointer     user_data)
{
  CrmPreferencesPipelines *self = _crm_preferences_pipelines_page_of (GTK_WIDGET (entry));
  gint64 pipeline_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (entry),
                                                             "crm-pipeline-id"));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autofree char *done = NULL;

  if (self == NULL || name[0] == '\0')
    return;

  /* Translators: %s is a new stage */
  done = g_strdup_printf (_("Added “%s”"), name);
  add_stage (self, pipeline_id, name, done);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static GtkWidget *
create_add_stage_row (gint64 pipeline_id)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Add Stage"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "crm-pipeline-id", GSIZE_TO_POINTER ((gsize) pipeline_id));
  g_signal_connect (row, "apply", G_CALLBACK (on_add_stage_apply_cb), NULL);

  return row;
}

static void
add_pipeline (CrmPreferencesPipelines *self,
              const char              *name)
{
  g_autofree char *done = NULL;
  Change *change;

  /* Translators: %s is a new pipeline */
  done = g_strdup_printf (_("Added the pipeline “%s”"), name);
  change = _crm_preferences_pipelines_change_new (self, done, _("Could not add the pipeline"));
  crm_store_add_pipeline_async (self->store, name, self->cancellable,
                                _crm_preferences_pipelines_change_done_cb, change);
}

static void
on_add_pipeline_apply_cb (AdwEntryRow *entry,
                          gpointer     user_data)
{
  CrmPreferencesPipelines *self = _crm_preferences_pipelines_page_of (GTK_WIDGET (entry));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (self == NULL || name[0] == '\0')
    return;

  add_pipeline (self, name);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_adopt_pipeline_clicked_cb (GtkButton *button,
                              gpointer   user_data)
{
  CrmPreferencesPipelines *self = _crm_preferences_pipelines_page_of (GTK_WIDGET (button));

  if (self != NULL)
    add_pipeline (self, g_object_get_data (G_OBJECT (button), "crm-name"));
}

/* Pipelines */

static GtkWidget *
create_pipeline_menu (gint64 pipeline_id)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) rename = g_menu_item_new (_("_Rename…"), NULL);
  g_autoptr(GMenuItem) remove = g_menu_item_new (_("Re_move"), NULL);
  GtkWidget *button = gtk_menu_button_new ();

  g_menu_item_set_action_and_target_value (rename, "pipelines.rename",
                                           g_variant_new_int64 (pipeline_id));
  g_menu_item_set_action_and_target_value (remove, "pipelines.remove",
                                           g_variant_new_int64 (pipeline_id));
  g_menu_append_item (menu, rename);
  g_menu_append_item (menu, remove);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (button, _("Pipeline Menu"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");

  return button;
}

static GtkWidget *
create_pipeline_group (CrmPreferencesPipelines *self,
                       CrmPipeline             *pipeline)
{
  GtkWidget *group = adw_preferences_group_new ();
  gint64 pipeline_id = crm_record_get_id (CRM_RECORD (pipeline));
  const char *name = crm_pipeline_get_name (pipeline);
  g_autoptr(GPtrArray) stages = crm_store_list_stages (self->store, pipeline_id);
  g_auto(GStrv) unconfigured = crm_store_dup_unconfigured_stage_names (self->store, name);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), name);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group),
                                           create_pipeline_menu (pipeline_id));

  for (guint i = 0; i < stages->len; i++)
    {
      CrmStage *stage = g_ptr_array_index (stages, i);
      GtkWidget *row = _crm_preferences_pipelines_create_stage_row (self, stage, name,
                                                                    i, stages->len);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  for (guint i = 0; unconfigured[i] != NULL; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               create_unconfigured_row (self, name, pipeline_id,
                                                        unconfigured[i]));

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), create_add_stage_row (pipeline_id));

  return group;
}

/* A pipeline named only on opportunities. */
static GtkWidget *
create_unconfigured_group (CrmPreferencesPipelines *self,
                           const char              *name)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Add Pipeline"));
  g_auto(GStrv) stages = crm_store_dup_stage_names (self->store, name);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), name);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Not configured: named on opportunities from a "
                                           "sync or an import"));
  g_object_set_data_full (G_OBJECT (button), "crm-name", g_strdup (name), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_adopt_pipeline_clicked_cb), NULL);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);

  for (guint i = 0; stages[i] != NULL; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               create_unconfigured_row (self, name, 0, stages[i]));

  return group;
}

static GtkWidget *
create_new_pipeline_group (void)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("New Pipeline"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect (row, "apply", G_CALLBACK (on_add_pipeline_apply_cb), NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return group;
}

/* Refreshing */

static char *
dup_signature (CrmPreferencesPipelines *self)
{
  g_autoptr(GPtrArray) pipelines = crm_store_list_pipelines (self->store);
  g_auto(GStrv) names = crm_store_dup_pipeline_names (self->store);
  GString *signature = g_string_new (NULL);

  /* Everything that decides which rows exist, and the counts they show. */
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_auto(GStrv) unconfigured = crm_store_dup_unconfigured_stage_names (self->store,
                                                                          names[i]);

      g_string_append_printf (signature, "P%s\x1f", names[i]);
      for (guint j = 0; unconfigured[j] != NULL; j++)
        g_string_append_printf (signature, "U%s:%u\x1f", unconfigured[j],
                                crm_store_count_in_stage (self->store, names[i],
                                                          unconfigured[j]));
    }

  for (guint i = 0; i < pipelines->len; i++)
    {
      gint64 id = crm_record_get_id (g_ptr_array_index (pipelines, i));
      g_autoptr(GPtrArray) stages = crm_store_list_stages (self->store, id);

      g_string_append_printf (signature, "I%" G_GINT64_FORMAT "\x1f", id);
      for (guint j = 0; j < stages->len; j++)
        g_string_append_printf (signature, "S%" G_GINT64_FORMAT ":%s\x1f",
                                crm_record_get_id (g_ptr_array_index (stages, j)),
                                crm_stage_get_name (g_ptr_array_index (stages, j)));
    }

  return g_string_free (signature, FALSE);
}

static void
remember_state (CrmPreferencesPipelines  *self,
                GHashTable               *expanded,
                gint64                   *focus_id,
                FocusRole                *focus_role)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GHashTableIter iter;
  StageRow *stage_row;

  *focus_id = 0;
  *focus_role = FOCUS_NONE;

  g_hash_table_iter_init (&iter, self->stage_rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &stage_row))
    {
      if (adw_expander_row_get_expanded (stage_row->row))
        g_hash_table_add (expanded, g_memdup2 (&stage_row->id, sizeof (gint64)));

      if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (stage_row->row)))
        continue;

      *focus_id = stage_row->id;
      if (focus == stage_row->up || gtk_widget_is_ancestor (focus, stage_row->up))
        *focus_role = FOCUS_UP;
      else if (focus == stage_row->down || gtk_widget_is_ancestor (focus, stage_row->down))
        *focus_role = FOCUS_DOWN;
      else
        *focus_role = FOCUS_ROW;
    }
}

/* Before the rows are shown, so that they open without an animation. */
static void
restore_expanded (CrmPreferencesPipelines *self,
                  GHashTable              *expanded)
{
  GHashTableIter iter;
  StageRow *stage_row;

  g_hash_table_iter_init (&iter, self->stage_rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &stage_row))
    if (g_hash_table_contains (expanded, &stage_row->id))
      adw_expander_row_set_expanded (stage_row->row, TRUE);
}

static void
restore_focus (CrmPreferencesPipelines *self,
               gint64                   focus_id,
               FocusRole                focus_role)
{
  StageRow *stage_row = g_hash_table_lookup (self->stage_rows, &focus_id);

  if (stage_row == NULL)
    return;

  /* A row moved to the top or bottom keeps the focus on the button that
   * still works. */
  if (focus_role == FOCUS_UP && !gtk_widget_get_sensitive (stage_row->up))
    focus_role = FOCUS_DOWN;
  if (focus_role == FOCUS_DOWN && !gtk_widget_get_sensitive (stage_row->down))
    focus_role = gtk_widget_get_sensitive (stage_row->up) ? FOCUS_UP : FOCUS_ROW;

  if (focus_role == FOCUS_UP)
    gtk_widget_grab_focus (stage_row->up);
  else if (focus_role == FOCUS_DOWN)
    gtk_widget_grab_focus (stage_row->down);
  else
    gtk_widget_grab_focus (GTK_WIDGET (stage_row->row));
}

static void
rebuild (CrmPreferencesPipelines *self)
{
  g_autoptr(GHashTable) expanded = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                          g_free, NULL);
  g_autoptr(GPtrArray) pipelines = crm_store_list_pipelines (self->store);
  g_auto(GStrv) names = crm_store_dup_pipeline_names (self->store);
  FocusRole focus_role;
  gint64 focus_id;

  remember_state (self, expanded, &focus_id, &focus_role);

  g_hash_table_remove_all (self->stage_rows);
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self),
                                 g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);

  for (guint i = 0; i < pipelines->len; i++)
    g_ptr_array_add (self->groups, create_pipeline_group (self, g_ptr_array_index (pipelines, i)));

  /* The names past the configured ones are named only on opportunities. */
  for (guint i = pipelines->len; names[i] != NULL; i++)
    g_ptr_array_add (self->groups, create_unconfigured_group (self, names[i]));

  g_ptr_array_add (self->groups, create_new_pipeline_group ());
  restore_expanded (self, expanded);

  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_add (ADW_PREFERENCES_PAGE (self),
                              g_ptr_array_index (self->groups, i));

  restore_focus (self, focus_id, focus_role);
}

static void
update_in_place (CrmPreferencesPipelines *self)
{
  g_autoptr(GPtrArray) pipelines = crm_store_list_pipelines (self->store);

  for (guint i = 0; i < pipelines->len; i++)
    {
      gint64 id = crm_record_get_id (g_ptr_array_index (pipelines, i));
      g_autoptr(GPtrArray) stages = crm_store_list_stages (self->store, id);

      for (guint j = 0; j < stages->len; j++)
        {
          CrmStage *stage = g_ptr_array_index (stages, j);
          gint64 stage_id = crm_record_get_id (CRM_RECORD (stage));
          StageRow *stage_row = g_hash_table_lookup (self->stage_rows, &stage_id);

          if (stage_row != NULL)
            _crm_preferences_pipelines_update_stage_row (self, stage_row, stage);
        }
    }
}

/**
 * crm_preferences_pipelines_refresh:
 * @self: a #CrmPreferencesPipelines
 *
 * Shows the pipelines as the store holds them now. The page does this by
 * itself after changes.
 */
void
crm_preferences_pipelines_refresh (CrmPreferencesPipelines *self)
{
  g_autofree char *signature = NULL;

  g_return_if_fail (CRM_IS_PREFERENCES_PIPELINES (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  signature = dup_signature (self);
  if (g_strcmp0 (signature, self->signature) == 0)
    {
      update_in_place (self);
      return;
    }

  g_free (self->signature);
  self->signature = g_steal_pointer (&signature);
  rebuild (self);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  CrmPreferencesPipelines *self = user_data;

  self->refresh_id = 0;
  crm_preferences_pipelines_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (CrmPreferencesPipelines *self,
                     const char              *table,
                     GArray                  *ids,
                     CrmStore                *store)
{
  if (!g_str_equal (table, "pipelines") && !g_str_equal (table, "stages") &&
      !g_str_equal (table, "opportunities"))
    return;

  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_idle_cb, self, NULL);
}

/* Pipeline actions */

typedef struct
{
  CrmPreferencesPipelines *page;
  gint64                   id;
  char                    *old_name;
  GtkEditable             *entry;
} Rename;

static void
rename_free (gpointer  data,
             GClosure *closure)
{
  Rename *rename = data;

  g_clear_object (&rename->page);
  g_free (rename->old_name);
  g_free (rename);
}

static void
on_rename_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       Rename           *rename)
{
  g_autofree char *name = NULL;
  g_autofree char *done = NULL;
  Change *change;

  if (!g_str_equal (response, "rename"))
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (rename->entry)));
  if (name[0] == '\0' || g_str_equal (name, rename->old_name))
    return;

  done = g_strdup_printf (_("Renamed “%s” to “%s”"), rename->old_name, name);
  change = _crm_preferences_pipelines_change_new (rename->page, done,
                                                  _("Could not rename the pipeline"));
  crm_store_rename_pipeline_async (rename->page->store, rename->id, name,
                                   rename->page->cancellable,
                                   _crm_preferences_pipelines_change_done_cb, change);
}

static void
on_rename_entry_activate_cb (GtkEntry         *entry,
                             AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "rename");
}

static void
crm_preferences_pipelines_rename_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  CrmPreferencesPipelines *self = CRM_PREFERENCES_PIPELINES (widget);
  g_autoptr(GObject) pipeline = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *entry = gtk_entry_new ();
  Rename *rename;
  GtkWidget *dialog;

  pipeline = crm_store_load (self->store, CRM_ENTITY_PIPELINE,
                             g_variant_get_int64 (parameter), NULL);
  if (pipeline == NULL)
    return;

  rename = g_new0 (Rename, 1);
  rename->page = g_object_ref (self);
  rename->id = g_variant_get_int64 (parameter);
  rename->old_name = g_strdup (crm_pipeline_get_name (CRM_PIPELINE (pipeline)));
  rename->entry = GTK_EDITABLE (entry);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Rename Pipeline"),
                                   _("Its opportunities move with it to the new name."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_editable_set_text (GTK_EDITABLE (entry), rename->old_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pipeline name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_signal_connect (entry, "activate", G_CALLBACK (on_rename_entry_activate_cb), dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_rename_response_cb),
                         rename, rename_free, G_CONNECT_DEFAULT);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
crm_preferences_pipelines_remove_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  CrmPreferencesPipelines *self = CRM_PREFERENCES_PIPELINES (widget);
  g_autoptr(GObject) pipeline = NULL;
  g_autofree char *done = NULL;
  Change *change;

  pipeline = crm_store_load (self->store, CRM_ENTITY_PIPELINE,
                             g_variant_get_int64 (parameter), NULL);
  if (pipeline == NULL)
    return;

  /* Translators: %s is a pipeline */
  done = g_strdup_printf (_("Removed the pipeline “%s”"),
                          crm_pipeline_get_name (CRM_PIPELINE (pipeline)));
  change = _crm_preferences_pipelines_change_new (self, done, _("Could not remove the pipeline"));
  crm_store_remove_pipeline_async (self->store, g_variant_get_int64 (parameter),
                                   self->cancellable,
                                   _crm_preferences_pipelines_change_done_cb, change);
}

/* GObject */

static void
on_defaults_ensured_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The page refreshes from the change signal. */
  if (!crm_store_ensure_default_pipelines_finish (CRM_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Failed to add the default pipelines: %s", error->message);
}

static void
crm_preferences_pipelines_constructed (GObject *object)
{
  CrmPreferencesPipelines *self = CRM_PREFERENCES_PIPELINES (object);

  G_OBJECT_CLASS (crm_preferences_pipelines_parent_class)->constructed (object);

  g_assert (CRM_IS_STORE (self->store));

  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);

  if (crm_store_count (self->store, CRM_ENTITY_PIPELINE, NULL) == 0)
    crm_store_ensure_default_pipelines_async (self->store, self->cancellable,
                                              on_defaults_ensured_cb, NULL);

  crm_preferences_pipelines_refresh (self);
}

static void
crm_preferences_pipelines_dispose (GObject *object)
{
  CrmPreferencesPipelines *self = CRM_PREFERENCES_PIPELINES (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  g_clear_pointer (&self->stage_rows, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_PREFERENCES_PIPELINES);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_preferences_pipelines_parent_class)->dispose (object);
}

static void
crm_preferences_pipelines_finalize (GObject *object)
{
  CrmPreferencesPipelines *self = CRM_PREFERENCES_PIPELINES (object);

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_free (self->signature);

  G_OBJECT_CLASS (crm_preferences_pipelines_parent_class)->finalize (object);
}

static void
crm_preferences_pipelines_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  CrmPreferencesPipelines *self = CRM_PREFERENCES_PIPELINES (object);

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
crm_preferences_pipelines_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  CrmPreferencesPipelines *self = CRM_PREFERENCES_PIPELINES (object);

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
crm_preferences_pipelines_class_init (CrmPreferencesPipelinesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_preferences_pipelines_constructed;
  object_class->dispose = crm_preferences_pipelines_dispose;
  object_class->finalize = crm_preferences_pipelines_finalize;
  object_class->get_property = crm_preferences_pipelines_get_property;
  object_class->set_property = crm_preferences_pipelines_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CRM_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "pipelines.rename", "x",
                                   crm_preferences_pipelines_rename_action);
  gtk_widget_class_install_action (widget_class, "pipelines.remove", "x",
                                   crm_preferences_pipelines_remove_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX
                                               "/gui/crm-preferences-pipelines.ui");
}

static void
crm_preferences_pipelines_init (CrmPreferencesPipelines *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->groups = g_ptr_array_new ();
  self->stage_rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                            _crm_preferences_pipelines_stage_row_free);
}

/**
 * crm_preferences_pipelines_new:
 * @store: the profile
 *
 * Returns: (transfer floating): the Pipelines page of Preferences
 */
GtkWidget *
crm_preferences_pipelines_new (CrmStore *store)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  return g_object_new (CRM_TYPE_PREFERENCES_PIPELINES,
                       "store", store,
                       NULL);
}
