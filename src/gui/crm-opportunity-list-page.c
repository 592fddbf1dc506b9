/* crm-opportunity-list-page.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-opportunity-list-page"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "crm-core.h"
#include "crm-customer-format.h"
#include "crm-filter-bar.h"
#include "crm-lost-reason-dialog.h"
#include "crm-opportunity-editor.h"
#include "crm-opportunity-list-page.h"
#include "crm-sql-sorter.h"
#include "crm-store-board.h"
#include "crm-store-pipelines.h"
#include "crm-toast-queue.h"

/* A list of opportunities: the rows come from a CrmQueryModel whose filter
 * (the lists' grammar, written in the filter bar) and sort run in SQL.
 * Each row has a menu with "Move to ▸", which moves the card as the board
 * does. A card moved where the filter hides it leaves the list at once,
 * and the toast says so (case K1 b). */

#define ROW_ID_KEY "crm-opportunity-id"

typedef enum
{
  COLUMN_NAME,
  COLUMN_CUSTOMER,
  COLUMN_STAGE,
  COLUMN_AMOUNT,
  COLUMN_CLOSE,
  COLUMN_OWNER,
  COLUMN_MENU,
  N_COLUMNS
} Column;

static const struct {
  const char *title;
  const char *sort_key;   /* NULL: the column does not sort */
  int         fixed_width;
  int         nat_chars;
  gboolean    expand;
} column_info[N_COLUMNS] = {
  [COLUMN_NAME] = { N_("Name"), "name", -1, 22, TRUE },
  [COLUMN_CUSTOMER] = { N_("Customer"), NULL, -1, 18, TRUE },
  [COLUMN_STAGE] = { N_("Stage"), "stage", 130, 12, FALSE },
  [COLUMN_AMOUNT] = { N_("Amount"), "amount_minor", 130, 12, FALSE },
  [COLUMN_CLOSE] = { N_("Close Date"), "close_on", 120, 10, FALSE },
  [COLUMN_OWNER] = { N_("Owner"), "owner", 170, 16, FALSE },
  [COLUMN_MENU] = { "", NULL, 52, 0, FALSE },
};

struct _CrmOpportunityListPage
{
  GtkWidget            parent_instance;

  /* Template widgets */
  AdwHeaderBar        *header_bar;
  AdwWindowTitle      *window_title;
  GtkBox              *filter_box;
  GtkStack            *stack;
  GtkColumnView       *column_view;

  /* Owned */
  CrmStore            *store;
  CrmQueryModel       *model;
  GtkSingleSelection  *selection;
  GtkColumnViewColumn *columns[N_COLUMNS];
  GHashTable          *customer_names;   /* gint64 * -> char * */
  GCancellable        *cancellable;
  char                *me_email;
  char                *me_name;

  /* Borrowed: child of filter_box */
  CrmFilterBar        *filter_bar;

  /* State */
  gboolean             folded;
};

G_DEFINE_FINAL_TYPE (CrmOpportunityListPage, crm_opportunity_list_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  CrmOpportunityListPage *page;
  gint64                  id;
  char                   *name;
  char                   *stage;
} MoveData;

static void
move_data_free (MoveData *move)
{
  g_clear_object (&move->page);
  g_free (move->name);
  g_free (move->stage);
  g_free (move);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoveData, move_data_free)

/**
 * crm_opportunity_list_page_describe_move:
 * @name: (nullable): the opportunity's name
 * @stage: the stage it moved to
 * @hidden: whether the list's filter hides it now
 *
 * Returns: (transfer full): the toast's text after a move
 */
char *
crm_opportunity_list_page_describe_move (const char *name,
                                         const char *stage,
                                         gboolean    hidden)
{
  g_return_val_if_fail (stage != NULL, NULL);

  if (name == NULL || name[0] == '\0')
    name = _("Untitled Opportunity");

  if (hidden)
    /* Translators: an opportunity moved to a stage the filter hides */
    return g_strdup_printf (_("“%s” moved to %s and is hidden by the filter"), name, stage);

  /* Translators: an opportunity and the stage it moved to */
  return g_strdup_printf (_("“%s” moved to %s"), name, stage);
}

/**
 * crm_opportunity_list_page_format_date:
 * @date: a valid date
 *
 * Returns: (transfer full): the date as the Close Date column shows it,
 *   short: "30 Jun 2026"
 */
char *
crm_opportunity_list_page_format_date (const GDate *date)
{
  g_autoptr(GDateTime) when = NULL;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  when = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                              g_date_get_day (date), 0, 0, 0);

  /* TRANSLATORS: a short date in the opportunity list, see g_date_time_format() */
  return g_date_time_format (when, _("%-d %b %Y"));
}

static AdwToastOverlay *
find_overlay (CrmOpportunityListPage *self)
{
  return crm_toast_queue_find_overlay (GTK_WIDGET (self));
}

static void
show_error (CrmOpportunityListPage *self,
            const char             *what,
            const GError           *error)
{
  /* Translators: "Could not move: <the reason>" */
  g_autofree char *message = g_strdup_printf (_("%s: %s"), what, error->message);

  crm_toast_queue_show_change (find_overlay (self), NULL, message, 0);
}

/* State */

static gboolean
filter_is_set (CrmOpportunityListPage *self)
{
  CrmFilter *filter = crm_query_model_get_filter (self->model);

  return filter != NULL && !crm_filter_is_empty (filter);
}

static void
update_state (CrmOpportunityListPage *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *subtitle = NULL;

  subtitle = g_strdup_printf (ngettext ("%u opportunity", "%u opportunities", n_items),
                              n_items);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  if (n_items > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else if (filter_is_set (self))
    gtk_stack_set_visible_child_name (self->stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "opportunities.clear-filter",
                                 filter_is_set (self));
}

static void
on_model_items_changed_cb (CrmOpportunityListPage *self,
                           guint                   position,
                           guint                   removed,
                           guint                   added,
                           GListModel             *model)
{
  update_state (self);
}

static void
on_filter_bar_filter_changed_cb (CrmOpportunityListPage *self,
                                 GParamSpec             *pspec,
                                 CrmFilterBar           *bar)
{
  crm_query_model_set_filter (self->model, crm_filter_bar_get_filter (bar));
  update_state (self);
}

/* Cells */

static const char *
lookup_customer_name (CrmOpportunityListPage *self,
                      gint64                  customer_id)
{
  g_autoptr(GObject) customer = NULL;
  const char *name;
  gint64 *key;

  name = g_hash_table_lookup (self->customer_names, &customer_id);
  if (name != NULL)
    return name;

  customer = crm_store_load (self->store, CRM_ENTITY_CUSTOMER, customer_id, NULL);
  if (customer == NULL)
    return "";

  key = g_new (gint64, 1);
  *key = customer_id;
  name = crm_customer_get_display_name (CRM_CUSTOMER (customer));
  g_hash_table_insert (self->customer_names, key, g_strdup (name != NULL ? name : ""));

  return g_hash_table_lookup (self->customer_names, &customer_id);
}

static char *
dup_cell_text (CrmOpportunityListPage *self,
               CrmOpportunity         *opportunity,
               Column                  column)
{
  const GDate *close_on;
  const char *name;

  switch (column)
    {
    case COLUMN_NAME:
      name = crm_opportunity_get_name (opportunity);
      return g_strdup (name != NULL && name[0] != '\0' ? name : _("Untitled Opportunity"));

    case COLUMN_CUSTOMER:
      return g_strdup (lookup_customer_name (self,
                                             crm_opportunity_get_customer_id (opportunity)));

    case COLUMN_STAGE:
      return g_strdup (crm_opportunity_get_stage (opportunity));

    case COLUMN_AMOUNT:
      return crm_money_format (crm_opportunity_get_amount_minor (opportunity),
                               crm_opportunity_get_currency (opportunity));

    case COLUMN_CLOSE:
      close_on = crm_opportunity_get_close_on (opportunity);
      if (close_on == NULL || !g_date_valid (close_on))
        return g_strdup ("");
      return crm_opportunity_list_page_format_date (close_on);

    case COLUMN_OWNER:
      return crm_customer_format_owner (crm_opportunity_get_owner (opportunity),
                                        self->me_email, self->me_name);

    case COLUMN_MENU:
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
on_menu_button_create_popup_cb (GtkMenuButton *button,
                                gpointer       user_data)
{
  CrmOpportunityListPage *self = user_data;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), ROW_ID_KEY));
  g_autoptr(GMenuModel) menu = NULL;

  if (id <= 0)
    return;

  menu = crm_opportunity_list_page_create_row_menu (self, id);
  gtk_menu_button_set_menu_model (button, menu);
}

static GtkWidget *
create_menu_cell (CrmOpportunityListPage *self)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (button), FALSE);
  gtk_widget_set_tooltip_text (button, _("Move To…"));
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "row-menu-button");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Opportunity Menu"), -1);

  /* The menu is built when it opens, so it lists the stages of now. */
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button),
                                         on_menu_button_create_popup_cb, self, NULL);

  return button;
}

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     CrmOpportunityListPage   *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "crm-column"));
  GtkWidget *cell;

  if (column == COLUMN_MENU)
    {
      gtk_list_item_set_child (list_item, create_menu_cell (self));
      return;
    }

  cell = gtk_inscription_new (NULL);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), column_info[column].nat_chars);
  gtk_widget_set_hexpand (cell, TRUE);

  /* An inscription fills its height with lines: centred, it keeps to one
   * even in rows that the menu button makes taller. */
  gtk_widget_set_valign (cell, GTK_ALIGN_CENTER);

  if (column == COLUMN_AMOUNT)
    {
      gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 1.0f);
      gtk_widget_add_css_class (cell, "numeric");
    }
  if (column == COLUMN_CLOSE)
    gtk_widget_add_css_class (cell, "numeric");

  gtk_list_item_set_child (list_item, cell);
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    CrmOpportunityListPage   *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "crm-column"));
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  gpointer item = gtk_list_item_get_item (list_item);
  g_autofree char *text = NULL;

  if (!CRM_IS_OPPORTUNITY (item))
    return;

  if (column == COLUMN_MENU)
    {
      gint64 id = crm_record_get_id (CRM_RECORD (item));

      g_object_set_data (G_OBJECT (cell), ROW_ID_KEY, GSIZE_TO_POINTER ((gsize) id));
      return;
    }

  text = dup_cell_text (self, CRM_OPPORTUNITY (item), column);
  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);

  if (column == COLUMN_OWNER)
    gtk_widget_set_tooltip_text (cell, crm_opportunity_get_owner (CRM_OPPORTUNITY (item)));
}

static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      CrmOpportunityListPage   *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "crm-column"));
  GtkWidget *cell = gtk_list_item_get_child (list_item);

  if (column == COLUMN_MENU)
    g_object_set_data (G_OBJECT (cell), ROW_ID_KEY, NULL);
}

static GtkColumnViewColumn *
create_column (CrmOpportunityListPage *self,
               Column                  column)
{
  g_autoptr(GtkColumnViewColumn) view_column = NULL;
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "crm-column", GINT_TO_POINTER (column));
  g_signal_connect_object (factory, "setup", G_CALLBACK (on_factory_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (on_factory_bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), self, 0);

  view_column = gtk_column_view_column_new (_(column_info[column].title), factory);

  if (column_info[column].sort_key != NULL)
    {
      CrmSqlSorter *sorter = crm_sql_sorter_new (column_info[column].sort_key);

      gtk_column_view_column_set_sorter (view_column, GTK_SORTER (sorter));
      g_object_unref (sorter);
    }

  gtk_column_view_column_set_resizable (view_column, column != COLUMN_MENU);
  gtk_column_view_column_set_expand (view_column, column_info[column].expand);
  if (column_info[column].fixed_width > 0)
    gtk_column_view_column_set_fixed_width (view_column, column_info[column].fixed_width);

  return g_steal_pointer (&view_column);
}

/* GTK 4.8 redraws the sort arrow only of the column whose sort changed;
 * setting the titles again makes every header look at the sorter. */
static void
refresh_sort_arrows (CrmOpportunityListPage *self)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      gtk_column_view_column_set_title (self->columns[i], "");
      gtk_column_view_column_set_title (self->columns[i],
                                        column_info[i].title[0] != '\0'
                                        ? _(column_info[i].title) : "");
    }
}

static void
on_view_sorter_changed_cb (CrmOpportunityListPage *self,
                           GtkSorterChange         change,
                           GtkSorter              *view_sorter)
{
  CrmSqlSorter *primary;
  gboolean descending = FALSE;

  refresh_sort_arrows (self);
  primary = crm_sql_sorter_find_primary (view_sorter, &descending);

  if (primary == NULL)
    crm_query_model_set_sort (self->model, NULL, FALSE);
  else
    crm_query_model_set_sort (self->model, crm_sql_sorter_get_sort_key (primary),
                              descending);
}

/* Opening and moving */

static void
open_editor (CrmOpportunityListPage *self,
             gint64                  id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *editor;

  editor = crm_opportunity_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       self->store, 0, id);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_column_view_activate_cb (CrmOpportunityListPage *self,
                            guint                   position,
                            GtkColumnView          *column_view)
{
  gint64 id = crm_query_model_get_id (self->model, position);

  if (id > 0)
    open_editor (self, id);
}

static void
on_moved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MoveData) move = user_data;
  CrmOpportunityListPage *self = move->page;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gint64 undo_group = 0;
  gboolean hidden;

  if (!crm_store_move_opportunity_finish (CRM_STORE (object), result, &undo_group, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("Could not move"), error);
      return;
    }

  /* Run the query now rather than at idle, so that the row is gone (or
   * moved) when the toast tells where the card went. */
  crm_query_model_refresh (self->model);
  hidden = crm_query_model_find (self->model, move->id) == G_MAXUINT;

  title = crm_opportunity_list_page_describe_move (move->name, move->stage, hidden);
  crm_toast_queue_show_change (find_overlay (self), self->store, title, undo_group);
}

static void
start_move (CrmOpportunityListPage *self,
            gint64                  id,
            const char             *stage,
            const char             *lost_reason)
{
  g_autoptr(GObject) opportunity = crm_store_load (self->store, CRM_ENTITY_OPPORTUNITY, id,
                                                   NULL);
  MoveData *move;

  if (opportunity == NULL)
    return;

  move = g_new0 (MoveData, 1);
  move->page = g_object_ref (self);
  move->id = id;
  move->name = g_strdup (crm_opportunity_get_name (CRM_OPPORTUNITY (opportunity)));
  move->stage = g_strdup (stage);

  crm_store_move_opportunity_async (self->store, id, stage, CRM_BOARD_INDEX_END, lost_reason,
                                    NULL, self->cancellable, on_moved_cb, move);
}

static void
on_reason_dialog_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              MoveData         *move)
{
  g_autofree char *reason = NULL;

  /* Cancel leaves the card where it is (case K2). */
  if (!g_str_equal (response, CRM_LOST_REASON_RESPONSE_LOST))
    return;

  reason = crm_lost_reason_dialog_dup_reason (CRM_LOST_REASON_DIALOG (dialog));
  start_move (move->page, move->id, move->stage, reason);
}

/* Closed Lost wants a reason, asked as the board asks it. */
static void
ask_lost_reason (CrmOpportunityListPage *self,
                 gint64                  id,
                 const char             *stage)
{
  g_autoptr(GObject) opportunity = crm_store_load (self->store, CRM_ENTITY_OPPORTUNITY, id,
                                                   NULL);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *name = NULL;
  GtkWidget *dialog;
  MoveData *move;

  if (opportunity != NULL)
    name = crm_opportunity_get_name (CRM_OPPORTUNITY (opportunity));
  if (name == NULL || name[0] == '\0')
    name = _("Untitled Opportunity");

  dialog = crm_lost_reason_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, name);

  move = g_new0 (MoveData, 1);
  move->page = g_object_ref (self);
  move->id = id;
  move->stage = g_strdup (stage);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_reason_dialog_response_cb),
                         move, (GClosureNotify) (void (*) (void)) move_data_free,
                         G_CONNECT_DEFAULT);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (crm_lost_reason_dialog_get_entry (
    CRM_LOST_REASON_DIALOG (dialog))));
}

static gboolean
stage_is_lost (CrmOpportunityListPage *self,
               gint64                  id,
               const char             *stage)
{
  g_autoptr(GObject) opportunity = crm_store_load (self->store, CRM_ENTITY_OPPORTUNITY, id,
                                                   NULL);
  g_autoptr(CrmStage) config = NULL;

  if (opportunity == NULL)
    return FALSE;

  config = crm_store_find_stage (self->store,
                                 crm_opportunity_get_pipeline (CRM_OPPORTUNITY (opportunity)),
                                 stage);

  return config != NULL && g_strcmp0 (crm_stage_get_forecast_category (config), "lost") == 0;
}

/**
 * crm_opportunity_list_page_move:
 * @self: a #CrmOpportunityListPage
 * @id: an opportunity
 * @stage: the stage of its pipeline to move it to
 *
 * Moves an opportunity to the end of a stage, as "Move to ▸" does: a stage
 * of category "lost" first asks for the reason. A toast tells where it
 * went, whether the filter now hides it, and offers Undo.
 */
void
crm_opportunity_list_page_move (CrmOpportunityListPage *self,
                                gint64                  id,
                                const char             *stage)
{
  g_return_if_fail (CRM_IS_OPPORTUNITY_LIST_PAGE (self));
  g_return_if_fail (id > 0);
  g_return_if_fail (stage != NULL && stage[0] != '\0');

  if (stage_is_lost (self, id, stage))
    ask_lost_reason (self, id, stage);
  else
    start_move (self, id, stage, NULL);
}

/**
 * crm_opportunity_list_page_create_row_menu:
 * @self: a #CrmOpportunityListPage
 * @id: an opportunity
 *
 * Returns: (transfer full): the menu of a row: Edit, then "Move to" with
 *   the other stages of its pipeline (configured ones in order, then any
 *   unconfigured name found on opportunities)
 */
GMenuModel *
crm_opportunity_list_page_create_row_menu (CrmOpportunityListPage *self,
                                           gint64                  id)
{
  g_autoptr(GObject) object = NULL;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) stages = g_menu_new ();
  g_autoptr(GMenuItem) edit = NULL;
  g_auto(GStrv) names = NULL;
  CrmOpportunity *opportunity;

  g_return_val_if_fail (CRM_IS_OPPORTUNITY_LIST_PAGE (self), NULL);

  object = crm_store_load (self->store, CRM_ENTITY_OPPORTUNITY, id, NULL);
  if (object == NULL)
    return G_MENU_MODEL (g_steal_pointer (&menu));

  opportunity = CRM_OPPORTUNITY (object);
  names = crm_store_dup_stage_names (self->store, crm_opportunity_get_pipeline (opportunity));

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (g_strcmp0 (names[i], crm_opportunity_get_stage (opportunity)) == 0)
        continue;

      item = g_menu_item_new (names[i], NULL);
      g_menu_item_set_action_and_target_value (item, "opportunities.move-to",
                                               g_variant_new ("(xs)", id, names[i]));
      g_menu_append_item (stages, item);
    }

  edit = g_menu_item_new (_("_Edit…"), NULL);
  g_menu_item_set_action_and_target_value (edit, "opportunities.edit",
                                           g_variant_new_int64 (id));
  g_menu_append_item (menu, edit);
  g_menu_append_submenu (menu, _("_Move To"), G_MENU_MODEL (stages));

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

/* Actions */

static void
crm_opportunity_list_page_move_to_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  CrmOpportunityListPage *self = CRM_OPPORTUNITY_LIST_PAGE (widget);
  const char *stage;
  gint64 id;

  g_variant_get (parameter, "(x&s)", &id, &stage);
  crm_opportunity_list_page_move (self, id, stage);
}

static void
crm_opportunity_list_page_edit_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  open_editor (CRM_OPPORTUNITY_LIST_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
crm_opportunity_list_page_new_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  CrmOpportunityListPage *self = CRM_OPPORTUNITY_LIST_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *editor;

  editor = crm_opportunity_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       self->store, 0, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
crm_opportunity_list_page_clear_filter_action (GtkWidget  *widget,
                                               const char *action_name,
                                               GVariant   *parameter)
{
  CrmOpportunityListPage *self = CRM_OPPORTUNITY_LIST_PAGE (widget);

  crm_filter_bar_reset (self->filter_bar);
}

/* The filter bar offers to save its filter with win.save-list, which the
 * window implements for customer lists. The sidebar has no place for
 * opportunity lists yet, so here the page answers for it, disabled.
 * FIXME: save opportunity lists once the sidebar shows them. */
static void
crm_opportunity_list_page_save_list_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *parameter)
{
}

static GtkWidget *
find_menu_button (GtkWidget *widget,
                  gint64     id)
{
  if (GTK_IS_MENU_BUTTON (widget) &&
      (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (widget), ROW_ID_KEY)) == id)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_button (child, id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Shift+F10 or the Menu key open the selected row's menu. */
static void
crm_opportunity_list_page_show_menu_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *parameter)
{
  CrmOpportunityListPage *self = CRM_OPPORTUNITY_LIST_PAGE (widget);
  guint position = gtk_single_selection_get_selected (self->selection);
  gint64 id = crm_query_model_get_id (self->model, position);
  GtkWidget *button;

  if (id <= 0)
    return;

  button = find_menu_button (GTK_WIDGET (self->column_view), id);
  if (button != NULL)
    gtk_menu_button_popup (GTK_MENU_BUTTON (button));
}

/* Setup */

static void
load_me (CrmOpportunityListPage *self)
{
  g_clear_pointer (&self->me_email, g_free);
  g_clear_pointer (&self->me_name, g_free);

  self->me_email = crm_store_dup_setting (self->store, "me.email");
  self->me_name = crm_store_dup_setting (self->store, "me.name");
}

/* Cells that show other tables (customer names, my name) are bound again
 * by setting the model again. */
static void
rebind_rows (CrmOpportunityListPage *self)
{
  gtk_column_view_set_model (self->column_view, NULL);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
}

static void
on_store_customers_changed_cb (CrmOpportunityListPage *self,
                               const char             *table,
                               GArray                 *ids)
{
  gboolean known = FALSE;

  for (guint i = 0; !known && i < ids->len; i++)
    known = g_hash_table_contains (self->customer_names, &g_array_index (ids, gint64, i));

  if (!known)
    return;

  g_hash_table_remove_all (self->customer_names);
  rebind_rows (self);
}

static void
on_store_settings_changed_cb (CrmOpportunityListPage *self)
{
  g_autofree char *old_email = g_steal_pointer (&self->me_email);
  g_autofree char *old_name = g_steal_pointer (&self->me_name);

  load_me (self);

  if (g_strcmp0 (old_email, self->me_email) != 0 || g_strcmp0 (old_name, self->me_name) != 0)
    rebind_rows (self);
}

static void
on_defaults_ensured_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!crm_store_ensure_default_pipelines_finish (CRM_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Failed to add the default pipelines: %s", error->message);
}

static void
setup_filter_bar (CrmOpportunityListPage *self)
{
  self->filter_bar = CRM_FILTER_BAR (crm_filter_bar_new (self->store,
                                                         CRM_ENTITY_OPPORTUNITY));
  gtk_box_append (self->filter_box, GTK_WIDGET (self->filter_bar));
  g_signal_connect_object (self->filter_bar, "notify::filter",
                           G_CALLBACK (on_filter_bar_filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
setup_columns (CrmOpportunityListPage *self)
{
  GtkSorter *view_sorter;

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      self->columns[i] = create_column (self, i);
      gtk_column_view_append_column (self->column_view, self->columns[i]);
    }

  view_sorter = gtk_column_view_get_sorter (self->column_view);
  g_signal_connect_object (view_sorter, "changed",
                           G_CALLBACK (on_view_sorter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_column_view_sort_by_column (self->column_view, self->columns[COLUMN_CLOSE],
                                  GTK_SORT_ASCENDING);
}

static void
crm_opportunity_list_page_constructed (GObject *object)
{
  CrmOpportunityListPage *self = CRM_OPPORTUNITY_LIST_PAGE (object);

  G_OBJECT_CLASS (crm_opportunity_list_page_parent_class)->constructed (object);

  g_assert (CRM_IS_STORE (self->store));

  load_me (self);
  g_signal_connect_object (self->store, "changed::settings",
                           G_CALLBACK (on_store_settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed::customers",
                           G_CALLBACK (on_store_customers_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->model = crm_query_model_new (self->store, CRM_ENTITY_OPPORTUNITY);
  g_signal_connect_object (self->model, "items-changed",
                           G_CALLBACK (on_model_items_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  setup_columns (self);
  setup_filter_bar (self);

  /* The Move to menus list the pipelines' stages: an empty profile gets
   * its defaults now. */
  if (crm_store_count (self->store, CRM_ENTITY_PIPELINE, NULL) == 0)
    crm_store_ensure_default_pipelines_async (self->store, self->cancellable,
                                              on_defaults_ensured_cb, NULL);

  update_state (self);
}

static void
crm_opportunity_list_page_dispose (GObject *object)
{
  CrmOpportunityListPage *self = CRM_OPPORTUNITY_LIST_PAGE (object);

  g_cancellable_cancel (self->cancellable);

  /* Removing the columns changes the view's sorter: nothing may react. */
  if (self->column_view != NULL)
    {
      g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view),
                                            self);
      gtk_column_view_set_model (self->column_view, NULL);
    }

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_OPPORTUNITY_LIST_PAGE);
  self->filter_bar = NULL;

  for (guint i = 0; i < N_COLUMNS; i++)
    g_clear_object (&self->columns[i]);

  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_opportunity_list_page_parent_class)->dispose (object);
}

static void
crm_opportunity_list_page_finalize (GObject *object)
{
  CrmOpportunityListPage *self = CRM_OPPORTUNITY_LIST_PAGE (object);

  g_clear_pointer (&self->customer_names, g_hash_table_unref);
  g_free (self->me_email);
  g_free (self->me_name);

  G_OBJECT_CLASS (crm_opportunity_list_page_parent_class)->finalize (object);
}

static void
crm_opportunity_list_page_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  CrmOpportunityListPage *self = CRM_OPPORTUNITY_LIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_opportunity_list_page_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  CrmOpportunityListPage *self = CRM_OPPORTUNITY_LIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_FOLDED:
      crm_opportunity_list_page_set_folded (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_opportunity_list_page_class_init (CrmOpportunityListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_opportunity_list_page_constructed;
  object_class->dispose = crm_opportunity_list_page_dispose;
  object_class->finalize = crm_opportunity_list_page_finalize;
  object_class->get_property = crm_opportunity_list_page_get_property;
  object_class->set_property = crm_opportunity_list_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CRM_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Whether the window's leaflet is folded: the page then shows a back
   * button to the sidebar and the window buttons on its left. */
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "opportunities.move-to", "(xs)",
                                   crm_opportunity_list_page_move_to_action);
  gtk_widget_class_install_action (widget_class, "opportunities.edit", "x",
                                   crm_opportunity_list_page_edit_action);
  gtk_widget_class_install_action (widget_class, "opportunities.new", NULL,
                                   crm_opportunity_list_page_new_action);
  gtk_widget_class_install_action (widget_class, "opportunities.clear-filter", NULL,
                                   crm_opportunity_list_page_clear_filter_action);
  gtk_widget_class_install_action (widget_class, "opportunities.show-menu", NULL,
                                   crm_opportunity_list_page_show_menu_action);
  gtk_widget_class_install_action (widget_class, "win.save-list", NULL,
                                   crm_opportunity_list_page_save_list_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "opportunities.show-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0,
                                       "opportunities.show-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "opportunities.new", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX
                                               "/gui/crm-opportunity-list-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityListPage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityListPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityListPage, filter_box);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityListPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityListPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);

  gtk_widget_class_set_css_name (widget_class, "opportunitylistpage");
}

static void
crm_opportunity_list_page_init (CrmOpportunityListPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-list", FALSE);

  self->cancellable = g_cancellable_new ();
  self->customer_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

/**
 * crm_opportunity_list_page_new:
 * @store: the store to show opportunities of
 *
 * Returns: (transfer floating): a new page listing every opportunity
 */
GtkWidget *
crm_opportunity_list_page_new (CrmStore *store)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  return g_object_new (CRM_TYPE_OPPORTUNITY_LIST_PAGE,
                       "store", store,
                       NULL);
}

/**
 * crm_opportunity_list_page_get_model:
 * @self: a #CrmOpportunityListPage
 *
 * Returns: (transfer none): the model of the rows
 */
CrmQueryModel *
crm_opportunity_list_page_get_model (CrmOpportunityListPage *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY_LIST_PAGE (self), NULL);

  return self->model;
}

/**
 * crm_opportunity_list_page_get_column_view:
 * @self: a #CrmOpportunityListPage
 *
 * Returns: (transfer none): the column view
 */
GtkColumnView *
crm_opportunity_list_page_get_column_view (CrmOpportunityListPage *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY_LIST_PAGE (self), NULL);

  return self->column_view;
}

/**
 * crm_opportunity_list_page_get_filter_bar:
 * @self: a #CrmOpportunityListPage
 *
 * Returns: (transfer none): the page's #CrmFilterBar
 */
GtkWidget *
crm_opportunity_list_page_get_filter_bar (CrmOpportunityListPage *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY_LIST_PAGE (self), NULL);

  return GTK_WIDGET (self->filter_bar);
}

/**
 * crm_opportunity_list_page_set_filter:
 * @self: a #CrmOpportunityListPage
 * @filter: (nullable): conditions over opportunities
 *
 * Filters the list as if the conditions had been written in the filter
 * bar; "Clear Filter" removes them again.
 */
void
crm_opportunity_list_page_set_filter (CrmOpportunityListPage *self,
                                      CrmFilter              *filter)
{
  g_autoptr(CrmFilter) normalized = NULL;

  g_return_if_fail (CRM_IS_OPPORTUNITY_LIST_PAGE (self));

  crm_filter_bar_reset (self->filter_bar);
  normalized = crm_filter_bar_normalize (filter);

  for (guint i = 0; i < crm_filter_get_n_children (normalized); i++)
    crm_filter_bar_add_condition (self->filter_bar, crm_filter_get_child (normalized, i));
}

/**
 * crm_opportunity_list_page_get_filter:
 * @self: a #CrmOpportunityListPage
 *
 * Returns: (transfer none) (nullable): the filter of the rows shown
 */
CrmFilter *
crm_opportunity_list_page_get_filter (CrmOpportunityListPage *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY_LIST_PAGE (self), NULL);

  return crm_query_model_get_filter (self->model);
}

gboolean
crm_opportunity_list_page_get_folded (CrmOpportunityListPage *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY_LIST_PAGE (self), FALSE);

  return self->folded;
}

void
crm_opportunity_list_page_set_folded (CrmOpportunityListPage *self,
                                      gboolean                folded)
{
  g_return_if_fail (CRM_IS_OPPORTUNITY_LIST_PAGE (self));

  folded = !!folded;
  if (self->folded == folded)
    return;

  self->folded = folded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
}
