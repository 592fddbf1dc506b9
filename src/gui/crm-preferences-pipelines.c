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
#include "crm-preferences-pipelines.h"
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
#define MAX_STALE_DAYS 365

typedef enum
{
  FOCUS_NONE,
  FOCUS_ROW,
  FOCUS_UP,
  FOCUS_DOWN,
} FocusRole;

typedef struct
{
  gint64          id;
  guint           index;
  guint           n_stages;
  char           *name;
  char           *pipeline;

  /* Borrowed: the expander row and its children */
  AdwExpanderRow *row;
  AdwEntryRow    *name_row;
  GtkSpinButton  *likelihood;
  AdwComboRow    *forecast;
  GtkSpinButton  *stale;
  GtkWidget      *up;
  GtkWidget      *down;
  GtkWidget      *remove;
} StageRow;

struct _CrmPreferencesPipelines
{
  AdwPreferencesPage  parent_instance;

  /* Owned */
  CrmStore           *store;
  GCancellable       *cancellable;
  GHashTable         *stage_rows;    /* gint64 * -> StageRow * */
  char               *signature;

  /* Borrowed: children of the page */
  GPtrArray          *groups;

  /* State */
  guint               refresh_id;
  gboolean            updating;
};

G_DEFINE_FINAL_TYPE (CrmPreferencesPipelines, crm_preferences_pipelines,
                     ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void stage_row_free (gpointer data);

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

typedef struct
{
  CrmPreferencesPipelines *page;
  char                    *done;     /* the toast after success; NULL: none */
  char                    *failed;   /* what failed, for the error toast */
} Change;

static void
change_free (Change *change)
{
  g_clear_object (&change->page);
  g_free (change->done);
  g_free (change->failed);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Change, change_free)

static Change *
change_new (CrmPreferencesPipelines *self,
            const char              *done,
            const char              *failed)
{
  Change *change = g_new0 (Change, 1);

  change->page = g_object_ref (self);
  change->done = g_strdup (done);
  change->failed = g_strdup (failed);
  return change;
}

static void
on_change_done_cb (GObject      *object,
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

/* Stage rows */

/* The row's widgets may outlive it while GTK disposes of them: they let
 * go of it first. */
static void
stage_row_free (gpointer data)
{
  StageRow *stage_row = data;
  GtkWidget *widgets[] = {
    GTK_WIDGET (stage_row->name_row), GTK_WIDGET (stage_row->likelihood),
    GTK_WIDGET (stage_row->forecast), GTK_WIDGET (stage_row->stale),
    stage_row->up, stage_row->down, stage_row->remove,
  };

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    if (widgets[i] != NULL)
      g_signal_handlers_disconnect_by_data (widgets[i], stage_row);

  g_free (stage_row->name);
  g_free (stage_row->pipeline);
  g_free (stage_row);
}

static void
update_stage_row (CrmPreferencesPipelines *self,
                  StageRow                *stage_row,
                  CrmStage                *stage)
{
  const char * const *categories = crm_forecast_categories ();
  const char *category = crm_stage_get_forecast_category (stage);
  gint64 stale = crm_stage_get_stale_days (stage);
  g_autofree char *subtitle = NULL;
  guint selected = 0;

  subtitle = crm_preferences_pipelines_describe_stage (crm_stage_get_win_likelihood (stage),
                                                       category, stale);

  self->updating = TRUE;
  adw_expander_row_set_subtitle (stage_row->row, subtitle);
  gtk_spin_button_set_value (stage_row->likelihood, crm_stage_get_win_likelihood (stage));
  gtk_spin_button_set_value (stage_row->stale, MAX (stale, 0));
  for (guint i = 0; categories[i] != NULL; i++)
    if (g_strcmp0 (categories[i], category) == 0)
      selected = i;
  adw_combo_row_set_selected (stage_row->forecast, selected);
  self->updating = FALSE;
}

static void
update_stage (CrmPreferencesPipelines *self,
              StageRow                *stage_row,
              GVariant                *fields,
              const char              *failed)
{
  if (self->updating)
    {
      g_variant_unref (g_variant_ref_sink (fields));
      return;
    }

  crm_store_update_stage_async (self->store, stage_row->id, fields, self->cancellable,
                                on_change_done_cb, change_new (self, NULL, failed));
}

static void
on_name_row_apply_cb (AdwEntryRow *entry,
                      StageRow    *stage_row)
{
  CrmPreferencesPipelines *self;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autofree char *done = NULL;

  self = CRM_PREFERENCES_PIPELINES (gtk_widget_get_ancestor (GTK_WIDGET (entry),
                                                             CRM_TYPE_PREFERENCES_PIPELINES));
  if (self == NULL || g_strcmp0 (name, stage_row->name) == 0)
    return;

  /* Translators: a stage was renamed: Renamed “Demo” to “Evaluation” */
  done = g_strdup_printf (_("Renamed “%s” to “%s”"), stage_row->name, name);
  crm_store_update_stage_async (self->store, stage_row->id,
                                g_variant_new_parsed ("{'name': <%s>}", name),
                                self->cancellable, on_change_done_cb,
                                change_new (self, done, _("Could not rename the stage")));
}

static CrmPreferencesPipelines *
page_of (GtkWidget *widget)
{
  return CRM_PREFERENCES_PIPELINES (gtk_widget_get_ancestor (widget,
                                                             CRM_TYPE_PREFERENCES_PIPELINES));
}

static void
on_likelihood_changed_cb (GtkSpinButton *spin,
                          StageRow      *stage_row)
{
  CrmPreferencesPipelines *self = page_of (GTK_WIDGET (spin));

  if (self != NULL)
    update_stage (self, stage_row,
                  g_variant_new_parsed ("{'win_likelihood': <%x>}",
                                        (gint64) gtk_spin_button_get_value_as_int (spin)),
                  _("Could not change the win likelihood"));
}

static void
on_stale_changed_cb (GtkSpinButton *spin,
                     StageRow      *stage_row)
{
  CrmPreferencesPipelines *self = page_of (GTK_WIDGET (spin));

  if (self != NULL)
    update_stage (self, stage_row,
                  g_variant_new_parsed ("{'stale_days': <%x>}",
                                        (gint64) gtk_spin_button_get_value_as_int (spin)),
                  _("Could not change the stale limit"));
}

static void
on_forecast_selected_cb (AdwComboRow *combo,
                         GParamSpec  *pspec,
                         StageRow    *stage_row)
{
  CrmPreferencesPipelines *self = page_of (GTK_WIDGET (combo));
  const char * const *categories = crm_forecast_categories ();
  guint selected = adw_combo_row_get_selected (combo);

  if (self == NULL || selected >= g_strv_length ((char **) categories))
    return;

  update_stage (self, stage_row,
                g_variant_new_parsed ("{'forecast_category': <%s>}", categories[selected]),
                _("Could not change the forecast category"));
}

/* The place is read from the store, not from the row, so that a second
 * click before the rows are built again still moves by one. */
static guint
find_stage_index (CrmPreferencesPipelines *self,
                  gint64                   stage_id,
                  guint                   *n_stages)
{
  g_autoptr(GObject) stage = crm_store_load (self->store, CRM_ENTITY_STAGE, stage_id, NULL);
  g_autoptr(GPtrArray) stages = NULL;

  *n_stages = 0;
  if (stage == NULL)
    return G_MAXUINT;

  stages = crm_store_list_stages (self->store, crm_stage_get_pipeline_id (CRM_STAGE (stage)));
  *n_stages = stages->len;
  for (guint i = 0; i < stages->len; i++)
    if (crm_record_get_id (g_ptr_array_index (stages, i)) == stage_id)
      return i;

  return G_MAXUINT;
}

static void
on_move_clicked_cb (GtkButton *button,
                    StageRow  *stage_row)
{
  CrmPreferencesPipelines *self = page_of (GTK_WIDGET (button));
  gboolean up = GTK_WIDGET (button) == stage_row->up;
  guint index, n_stages;

  if (self == NULL)
    return;

  index = find_stage_index (self, stage_row->id, &n_stages);
  if (index == G_MAXUINT || (up && index == 0) || (!up && index + 1 >= n_stages))
    return;

  crm_store_move_stage_async (self->store, stage_row->id, up ? index - 1 : index + 1,
                              self->cancellable, on_change_done_cb,
                              change_new (self, NULL, _("Could not move the stage")));
}

/* Removing a stage */

typedef struct
{
  CrmPreferencesPipelines *page;
  gint64                   id;
  char                    *name;
  GPtrArray               *targets;   /* char *, stages that can take the cards */
  GtkDropDown             *dropdown;
} Removal;

static void
removal_free (gpointer  data,
              GClosure *closure)
{
  Removal *removal = data;

  g_clear_object (&removal->page);
  g_clear_pointer (&removal->targets, g_ptr_array_unref);
  g_free (removal->name);
  g_free (removal);
}

static void
remove_stage (CrmPreferencesPipelines *self,
              gint64                   id,
              const char              *name,
              const char              *move_to)
{
  g_autofree char *done = NULL;

  /* Translators: %s is a stage */
  done = g_strdup_printf (_("Removed “%s”"), name);
  crm_store_remove_stage_async (self->store, id, move_to, self->cancellable,
                                on_change_done_cb,
                                change_new (self, done, _("Could not remove the stage")));
}

static void
on_remove_dialog_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              Removal          *removal)
{
  guint selected;

  if (!g_str_equal (response, "remove"))
    return;

  selected = gtk_drop_down_get_selected (removal->dropdown);
  if (selected >= removal->targets->len)
    return;

  remove_stage (removal->page, removal->id, removal->name,
                g_ptr_array_index (removal->targets, selected));
}

/* Cards may go to any other stage except a "lost" one, which would want a
 * reason for each of them. */
static GPtrArray *
dup_move_targets (CrmPreferencesPipelines *self,
                  StageRow                *stage_row)
{
  GPtrArray *targets = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) names = crm_store_dup_stage_names (self->store, stage_row->pipeline);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(CrmStage) stage = crm_store_find_stage (self->store, stage_row->pipeline,
                                                        names[i]);

      if (g_str_equal (names[i], stage_row->name) ||
          (stage != NULL && g_strcmp0 (crm_stage_get_forecast_category (stage), "lost") == 0))
        continue;

      g_ptr_array_add (targets, g_strdup (names[i]));
    }

  return targets;
}

static void
ask_where_cards_go (CrmPreferencesPipelines *self,
                    StageRow                *stage_row,
                    guint                    n_cards)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  Removal *removal = g_new0 (Removal, 1);
  GtkWidget *dialog;

  removal->page = g_object_ref (self);
  removal->id = stage_row->id;
  removal->name = g_strdup (stage_row->name);
  removal->targets = dup_move_targets (self, stage_row);
  for (guint i = 0; i < removal->targets->len; i++)
    gtk_string_list_append (list, g_ptr_array_index (removal->targets, i));
  removal->dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (list)),
                                                        NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (removal->dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Stage that takes the opportunities"), -1);

  /* Translators: %s is a stage */
  heading = g_strdup_printf (_("Remove “%s”?"), stage_row->name);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "It holds %u opportunity. Choose the stage it moves to.",
                                       "It holds %u opportunities. Choose the stage they move to.",
                                       n_cards),
                          n_cards);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Move and Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "remove",
                                           removal->targets->len > 0);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog),
                                      GTK_WIDGET (removal->dropdown));
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_remove_dialog_response_cb),
                         removal, removal_free, G_CONNECT_DEFAULT);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_remove_clicked_cb (GtkButton *button,
                      StageRow  *stage_row)
{
  CrmPreferencesPipelines *self = page_of (GTK_WIDGET (button));
  guint n_cards;

  if (self == NULL)
    return;

  n_cards = crm_store_count_in_stage (self->store, stage_row->pipeline, stage_row->name);
  if (n_cards > 0)
    ask_where_cards_go (self, stage_row, n_cards);
  else
    remove_stage (self, stage_row->id, stage_row->name, NULL);
}

/* Building the rows */

static GtkWidget *
create_spin_row (const char     *title,
                 const char     *subtitle,
                 const char     *unit,
                 int             upper,
                 GtkSpinButton **spin_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, upper, 1);
  GtkWidget *unit_label = gtk_label_new (unit);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
  gtk_widget_add_css_class (unit_label, "dim-label");

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), unit_label);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);

  *spin_out = GTK_SPIN_BUTTON (spin);
  return row;
}

static GtkWidget *
create_move_button (StageRow   *stage_row,
                    const char *label,
                    gboolean    sensitive)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (button, sensitive);
  g_signal_connect (button, "clicked", G_CALLBACK (on_move_clicked_cb), stage_row);

  return button;
}

/* Move Up and Move Down sit in the open row: beside the row's own arrow,
 * arrow buttons would read as more of it. */
static GtkWidget *
create_order_row (StageRow *stage_row)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *subtitle = NULL;

  /* Translators: the place of a stage in its pipeline: "Stage 2 of 5" */
  subtitle = g_strdup_printf (_("Stage %u of %u"), stage_row->index + 1, stage_row->n_stages);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Order"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  stage_row->up = create_move_button (stage_row, _("Move _Up"), stage_row->index > 0);
  stage_row->down = create_move_button (stage_row, _("Move _Down"),
                                        stage_row->index + 1 < stage_row->n_stages);
  gtk_box_append (GTK_BOX (box), stage_row->up);
  gtk_box_append (GTK_BOX (box), stage_row->down);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);

  return row;
}

static GtkStringList *
create_forecast_model (void)
{
  const char * const *categories = crm_forecast_categories ();
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; categories[i] != NULL; i++)
    gtk_string_list_append (list, crm_forecast_category_get_label (categories[i]));

  return list;
}

static void
add_stage_details (StageRow *stage_row)
{
  g_autoptr(GtkStringList) categories = create_forecast_model ();
  GtkWidget *remove_row = adw_action_row_new ();
  GtkWidget *remove_button = gtk_button_new_with_mnemonic (_("_Remove…"));
  GtkWidget *row;

  stage_row->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (stage_row->name_row), _("_Name"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (stage_row->name_row), TRUE);
  adw_entry_row_set_show_apply_button (stage_row->name_row, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (stage_row->name_row), stage_row->name);
  g_signal_connect (stage_row->name_row, "apply", G_CALLBACK (on_name_row_apply_cb), stage_row);
  adw_expander_row_add_row (stage_row->row, GTK_WIDGET (stage_row->name_row));
  adw_expander_row_add_row (stage_row->row, create_order_row (stage_row));

  row = create_spin_row (_("_Win Likelihood"), NULL, "%", 100, &stage_row->likelihood);
  adw_expander_row_add_row (stage_row->row, row);

  stage_row->forecast = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (stage_row->forecast),
                                 _("_Forecast Category"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (stage_row->forecast), TRUE);
  adw_combo_row_set_model (stage_row->forecast, G_LIST_MODEL (categories));
  adw_expander_row_add_row (stage_row->row, GTK_WIDGET (stage_row->forecast));

  row = create_spin_row (_("_Stale After"), _("Days without activity; 0 for never"),
                         _("days"), MAX_STALE_DAYS, &stage_row->stale);
  adw_expander_row_add_row (stage_row->row, row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (remove_row), _("Remove Stage"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (remove_row),
                               _("Its opportunities move to a stage you choose"));
  gtk_widget_set_valign (remove_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove_button, "destructive-action");
  g_signal_connect (remove_button, "clicked", G_CALLBACK (on_remove_clicked_cb), stage_row);
  stage_row->remove = remove_button;
  adw_action_row_add_suffix (ADW_ACTION_ROW (remove_row), remove_button);
  adw_expander_row_add_row (stage_row->row, remove_row);
}

static void
connect_stage_details (StageRow *stage_row)
{
  g_signal_connect (stage_row->likelihood, "value-changed",
                    G_CALLBACK (on_likelihood_changed_cb), stage_row);
  g_signal_connect (stage_row->stale, "value-changed",
                    G_CALLBACK (on_stale_changed_cb), stage_row);
  g_signal_connect (stage_row->forecast, "notify::selected",
                    G_CALLBACK (on_forecast_selected_cb), stage_row);
}

static GtkWidget *
create_stage_row (CrmPreferencesPipelines *self,
                  CrmStage                *stage,
                  const char              *pipeline,
                  guint                    index,
                  guint                    n_stages)
{
  StageRow *stage_row = g_new0 (StageRow, 1);
  GtkWidget *row = adw_expander_row_new ();
  gint64 *key = g_new (gint64, 1);

  stage_row->id = crm_record_get_id (CRM_RECORD (stage));
  stage_row->index = index;
  stage_row->n_stages = n_stages;
  stage_row->name = g_strdup (crm_stage_get_name (stage));
  stage_row->pipeline = g_strdup (pipeline);
  stage_row->row = ADW_EXPANDER_ROW (row);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), stage_row->name);

  add_stage_details (stage_row);
  update_stage_row (self, stage_row, stage);
  connect_stage_details (stage_row);

  *key = stage_row->id;
  g_hash_table_insert (self->stage_rows, key, stage_row);

  return row;
}

/* Unconfigured names */

static void
on_adopt_stage_clicked_cb (GtkButton *button,
                           gpointer   user_data)
{
  CrmPreferencesPipelines *self = page_of (GTK_WIDGET (button));
  const char *name = g_object_get_data (G_OBJECT (button), "crm-name");
  gint64 pipeline_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button),
                                                             "crm-pipeline-id"));
  g_autofree char *done = NULL;

  if (self == NULL)
    return;

  /* Translators: %s is a stage that came from a sync or an import */
  done = g_strdup_printf (_("Added “%s” as a stage"), name);
  crm_store_add_stage_async (self->store, pipeline_id, name, NEW_STAGE_LIKELIHOOD,
                             NEW_STAGE_CATEGORY, 0, self->cancellable, on_change_done_cb,
                             change_new (self, done, _("Could not add the stage")));
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
  CrmPreferencesPipelines *self = page_of (GTK_WIDGET (entry));
  gint64 pipeline_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (entry),
                                                             "crm-pipeline-id"));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autofree char *done = NULL;

  if (self == NULL || name[0] == '\0')
    return;

  /* Translators: %s is a new stage */
  done = g_strdup_printf (_("Added “%s”"), name);
  crm_store_add_stage_async (self->store, pipeline_id, name, NEW_STAGE_LIKELIHOOD,
                             NEW_STAGE_CATEGORY, 0, self->cancellable, on_change_done_cb,
                             change_new (self, done, _("Could not add the stage")));
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

  /* Translators: %s is a new pipeline */
  done = g_strdup_printf (_("Added the pipeline “%s”"), name);
  crm_store_add_pipeline_async (self->store, name, self->cancellable, on_change_done_cb,
                                change_new (self, done, _("Could not add the pipeline")));
}

static void
on_add_pipeline_apply_cb (AdwEntryRow *entry,
                          gpointer     user_data)
{
  CrmPreferencesPipelines *self = page_of (GTK_WIDGET (entry));
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
  CrmPreferencesPipelines *self = page_of (GTK_WIDGET (button));

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
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               create_stage_row (self, g_ptr_array_index (stages, i), name,
                                                 i, stages->len));

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
            update_stage_row (self, stage_row, stage);
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

  if (!g_str_equal (response, "rename"))
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (rename->entry)));
  if (name[0] == '\0' || g_str_equal (name, rename->old_name))
    return;

  done = g_strdup_printf (_("Renamed “%s” to “%s”"), rename->old_name, name);
  crm_store_rename_pipeline_async (rename->page->store, rename->id, name,
                                   rename->page->cancellable, on_change_done_cb,
                                   change_new (rename->page, done,
                                               _("Could not rename the pipeline")));
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

  pipeline = crm_store_load (self->store, CRM_ENTITY_PIPELINE,
                             g_variant_get_int64 (parameter), NULL);
  if (pipeline == NULL)
    return;

  /* Translators: %s is a pipeline */
  done = g_strdup_printf (_("Removed the pipeline “%s”"),
                          crm_pipeline_get_name (CRM_PIPELINE (pipeline)));
  crm_store_remove_pipeline_async (self->store, g_variant_get_int64 (parameter),
                                   self->cancellable, on_change_done_cb,
                                   change_new (self, done, _("Could not remove the pipeline")));
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
                                            stage_row_free);
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
