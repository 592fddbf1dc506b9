/* crm-preferences-pipelines-stages.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-preferences-pipelines"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-core.h"
#include "crm-preferences-pipelines-private.h"
#include "crm-store-pipelines.h"

/* The stage rows of the Pipelines page: each stage's expander row with its
 * name, order, win likelihood, forecast category and stale limit, written
 * as they change, and its removal, which asks where the stage's
 * opportunities go when it holds any. */

#define MAX_STALE_DAYS 365

/* Stage rows */

/* The row's widgets may outlive it while GTK disposes of them: they let
 * go of it first. */
void
_crm_preferences_pipelines_stage_row_free (gpointer data)
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

void
_crm_preferences_pipelines_update_stage_row (CrmPreferencesPipelines *self,
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
                                _crm_preferences_pipelines_change_done_cb,
                                _crm_preferences_pipelines_change_new (self, NULL, failed));
}

static void
on_name_row_apply_cb (AdwEntryRow *entry,
                      StageRow    *stage_row)
{
  CrmPreferencesPipelines *self = _crm_preferences_pipelines_page_of (GTK_WIDGET (entry));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autofree char *done = NULL;
  Change *change;

  if (self == NULL || g_strcmp0 (name, stage_row->name) == 0)
    return;

  /* Translators: a stage was renamed: Renamed “Demo” to “Evaluation” */
  done = g_strdup_printf (_("Renamed “%s” to “%s”"), stage_row->name, name);
  change = _crm_preferences_pipelines_change_new (self, done, _("Could not rename the stage"));
  crm_store_update_stage_async (self->store, stage_row->id,
                                g_variant_new_parsed ("{'name': <%s>}", name),
                                self->cancellable,
                                _crm_preferences_pipelines_change_done_cb, change);
}

static void
on_likelihood_changed_cb (GtkSpinButton *spin,
                          StageRow      *stage_row)
{
  CrmPreferencesPipelines *self = _crm_preferences_pipelines_page_of (GTK_WIDGET (spin));

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
  CrmPreferencesPipelines *self = _crm_preferences_pipelines_page_of (GTK_WIDGET (spin));

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
  CrmPreferencesPipelines *self = _crm_preferences_pipelines_page_of (GTK_WIDGET (combo));
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
  CrmPreferencesPipelines *self = _crm_preferences_pipelines_page_of (GTK_WIDGET (button));
  gboolean up = GTK_WIDGET (button) == stage_row->up;
  guint index, n_stages;
  Change *change;

  if (self == NULL)
    return;

  index = find_stage_index (self, stage_row->id, &n_stages);
  if (index == G_MAXUINT || (up && index == 0) || (!up && index + 1 >= n_stages))
    return;

  change = _crm_preferences_pipelines_change_new (self, NULL, _("Could not move the stage"));
  crm_store_move_stage_async (self->store, stage_row->id, up ? index - 1 : index + 1,
                              self->cancellable,
                              _crm_preferences_pipelines_change_done_cb, change);
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
  Change *change;

  /* Translators: %s is a stage */
  done = g_strdup_printf (_("Removed “%s”"), name);
  change = _crm_preferences_pipelines_change_new (self, done, _("Could not remove the stage"));
  crm_store_remove_stage_async (self->store, id, move_to, self->cancellable,
                                _crm_preferences_pipelines_change_done_cb, change);
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
  CrmPreferencesPipelines *self = _crm_preferences_pipelines_page_of (GTK_WIDGET (button));
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

GtkWidget *
_crm_preferences_pipelines_create_stage_row (CrmPreferencesPipelines *self,
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
  _crm_preferences_pipelines_update_stage_row (self, stage_row, stage);
  connect_stage_details (stage_row);

  *key = stage_row->id;
  g_hash_table_insert (self->stage_rows, key, stage_row);

  return row;
}
