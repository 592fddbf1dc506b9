/* test-ui-board.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui-board"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "crm-application.h"
#include "crm-board-page.h"
#include "crm-core.h"
#include "crm-opportunity-editor.h"
#include "crm-query-model.h"
#include "crm-store.h"
#include "crm-store-board.h"
#include "crm-store-demo.h"
#include "crm-store-pipelines.h"
#include "crm-window.h"
#include "test-ui-util.h"
#include "test-util.h"

/* The pipeline board for real, under Xvfb: drops go through the columns'
 * drop targets, the keyboard through the page's shortcuts, the lost
 * reason through its dialog. The cases run in order on one small book;
 * the screenshots use a demo book. */

#define ME "sam@example.com"

static struct {
  char *dir;
  CrmApplication *app;
  CrmStore *store;
  CrmWindow *window;
  CrmBoardPage *page;
  GHashTable *ids;     /* opportunity name -> id */
} fixture;

/* The book */

static gint64
insert (CrmEntityKind  kind,
        GVariant      *fields)
{
  return test_insert (fixture.store, kind, fields);
}

static gint64
add_card (const char *pipeline,
          const char *customer,
          const char *name,
          const char *stage,
          gint64      position,
          gint64      amount,
          const char *currency)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) entered = g_date_time_add_days (now, -2);
  g_autofree char *entered_at = crm_timestamp_format (entered);
  gint64 customer_id;
  gint64 id;

  customer_id = insert (CRM_ENTITY_CUSTOMER,
                        g_variant_new_parsed ("{'name': <%s>, 'status': <'Qualified Lead'>,"
                                              " 'owner': <%s>}", customer, ME));
  id = insert (CRM_ENTITY_OPPORTUNITY,
               g_variant_new_parsed ("{'customer_id': <%x>, 'name': <%s>, 'owner': <%s>,"
                                     " 'pipeline': <%s>, 'stage': <%s>,"
                                     " 'board_position': <%x>, 'amount_minor': <%x>,"
                                     " 'currency': <%s>, 'close_on': <'2025-09-30'>,"
                                     " 'stage_entered_at': <%s>}",
                                     customer_id, name, ME, pipeline, stage, position,
                                     amount, currency, entered_at));
  g_hash_table_insert (fixture.ids, g_strdup (name), g_memdup2 (&id, sizeof id));

  return id;
}

static gint64
card_id (const char *name)
{
  gint64 *id = g_hash_table_lookup (fixture.ids, name);

  g_assert_nonnull (id);
  return *id;
}

/* New Business as K1 and K2 have it, and a pipeline for K4's header. */
static void
fill_book (void)
{
  g_autoptr(GError) error = NULL;
  gint64 pipeline;

  g_assert_true (crm_store_ensure_default_pipelines (fixture.store, &error));
  g_assert_no_error (error);
  test_set_setting (fixture.store, "me.email", ME);
  test_set_setting (fixture.store, "me.name", "Sam");

  add_card ("New Business", "Orchard Tools", "Orchard pilot", "Discovery", 0, 1200000, "EUR");
  add_card ("New Business", "Harbor Freight", "Harbor seats", "Discovery", 1, 400000, "USD");
  add_card ("New Business", "Juniper Labs", "Juniper trial", "Discovery", 2, 90000, "EUR");
  add_card ("New Business", "Atlas Group", "Atlas Renewal", "Evaluation", 0, 2500000, "EUR");
  add_card ("New Business", "Elm Street Bakery", "Elm upgrade", "Evaluation", 1, 50000, "GBP");
  add_card ("New Business", "Birch & Co", "Birch renewal", "Negotiation", 0, 800000, "EUR");
  add_card ("New Business", "Cedar Systems", "Cedar upgrade", "Negotiation", 1, 1500000, "USD");

  /* Juniper has sat in Discovery for 70 days with nothing planned. */
  test_update (fixture.store, CRM_ENTITY_OPPORTUNITY, card_id ("Juniper trial"),
          g_variant_new_parsed ("{'stage_entered_at': <'2025-01-10T09:00:00.000Z'>}"));

  pipeline = insert (CRM_ENTITY_PIPELINE,
                     g_variant_new_parsed ("{'name': <'K4'>, 'position': <int64 5>}"));
  insert (CRM_ENTITY_STAGE,
          g_variant_new_parsed ("{'pipeline_id': <%x>, 'name': <'Proposal'>,"
                                " 'win_likelihood': <int64 25>}", pipeline));
  add_card ("K4", "Kappa One", "K4 a", "Proposal", 0, 100000, "EUR");
  add_card ("K4", "Kappa Two", "K4 b", "Proposal", 1, 250050, "USD");
  add_card ("K4", "Kappa Three", "K4 c", "Proposal", 2, 10, "USD");
  add_card ("K4", "Kappa Four", "K4 d", "Proposal", 3, 20, "USD");
  add_card ("K4", "Kappa Five", "K4 e", "Proposal", 4, 1500, "JPY");
}

/* The board */

static CrmBoardColumn *
column (const char *stage)
{
  CrmBoardColumn *found = crm_board_page_get_column (fixture.page, stage);

  g_assert_nonnull (found);
  return found;
}

/* The column as the store orders it, names joined by commas. */
static char *
stored_column (const char *stage)
{
  g_autoptr(CrmFilter) filter = crm_board_column_filter_new ("New Business", stage, NULL);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  ids = crm_store_query_ids (fixture.store, CRM_ENTITY_OPPORTUNITY, filter, NULL,
                             "board_position", FALSE, NULL);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GObject) card = crm_store_load (fixture.store, CRM_ENTITY_OPPORTUNITY,
                                                g_array_index (ids, gint64, i), NULL);

      g_string_append_printf (text, "%s%s", i > 0 ? ", " : "",
                              crm_opportunity_get_name (CRM_OPPORTUNITY (card)));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The column as it shows, in the same form. */
static char *
shown_column (const char *stage)
{
  CrmQueryModel *model = crm_board_column_get_model (column (stage));
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmOpportunity) card = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_string_append_printf (text, "%s%s", i > 0 ? ", " : "",
                              crm_opportunity_get_name (card));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

typedef struct
{
  const char *stage;
  const char *expected;
} ColumnIs;

static gboolean
column_is (gpointer data)
{
  ColumnIs *is = data;
  g_autofree char *stored = stored_column (is->stage);
  g_autofree char *shown = shown_column (is->stage);
  CrmQueryModel *model = crm_board_column_get_model (column (is->stage));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  return g_str_equal (stored, is->expected) && g_str_equal (shown, is->expected) &&
         crm_board_column_get_count (column (is->stage)) == n;
}

static void
assert_column (const char *stage,
               const char *expected)
{
  ColumnIs is = { stage, expected };

  if (!ui_wait_until (column_is, &is))
    {
      g_autofree char *stored = stored_column (stage);
      g_autofree char *shown = shown_column (stage);

      AdwToast *toast = crm_board_page_get_last_toast (fixture.page);

      g_error ("%s: stored [%s], shown [%s], expected [%s]; last toast: %s", stage, stored,
               shown, expected, toast != NULL ? adw_toast_get_title (toast) : "none");
    }
}

static gboolean
count_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

static gboolean
three_frames (gpointer data)
{
  return *(guint *) data >= 3;
}

/* Lets the window lay out and paint a few frames, so that the cards have
 * their places. */
static void
settle_on (GtkWidget *window)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (window, count_tick_cb, &frames, NULL);

  g_assert_true (ui_wait_until (three_frames, &frames));
  gtk_widget_remove_tick_callback (window, id);
}

static void
settle (void)
{
  settle_on (GTK_WIDGET (fixture.window));
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static CrmOpportunityCard *
find_card (const char *stage,
           const char *name)
{
  CrmOpportunityCard *card = crm_board_column_find_card (column (stage), card_id (name));

  g_assert_nonnull (card);
  return card;
}

static graphene_rect_t
card_bounds (const char *stage,
             const char *name)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (find_card (stage, name)),
                                            GTK_WIDGET (column (stage)), &bounds));
  return bounds;
}

/* A drop through the column's own drop target, as GTK delivers one. */
static void
drop (const char *name,
      const char *stage,
      double      y)
{
  GtkDropTarget *target = crm_board_column_get_drop_target (column (stage));
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean handled = FALSE;

  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, card_id (name));
  g_signal_emit_by_name (target, "drop", &value, 100.0, y, &handled);
  g_assert_true (handled);
}

static GtkShortcut *
find_shortcut (GtkWidget  *widget,
               const char *accel)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) trigger = gtk_shortcut_trigger_parse_string (accel);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
            return shortcut;
        }
    }

  return NULL;
}

/* Presses a key on the focused card: the page's shortcut for @accel. */
static void
press (const char *accel)
{
  GtkShortcut *shortcut = find_shortcut (GTK_WIDGET (fixture.page), accel);

  g_assert_nonnull (shortcut);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                               GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                               GTK_WIDGET (fixture.page),
                                               gtk_shortcut_get_arguments (shortcut)));
}

static gint64
focused_card_id (void)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture.window));

  for (GtkWidget *widget = focus; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      GtkWidget *child = gtk_widget_get_first_child (widget);

      if (CRM_IS_OPPORTUNITY_CARD (widget))
        return crm_opportunity_card_get_id (CRM_OPPORTUNITY_CARD (widget));
      if (CRM_IS_OPPORTUNITY_CARD (child))
        return crm_opportunity_card_get_id (CRM_OPPORTUNITY_CARD (child));
    }

  return 0;
}

static gboolean
focus_in (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture.window));

  return focus != NULL && gtk_widget_is_ancestor (focus, data);
}

static gboolean
card_has_focus (gpointer data)
{

  return focused_card_id () == card_id (data);
}

static gboolean
toast_says (gpointer data)
{
  AdwToast *toast = crm_board_page_get_last_toast (fixture.page);

  return toast != NULL && strstr (adw_toast_get_title (toast), data) != NULL;
}

static gboolean
dialog_open (gpointer data)
{
  AdwMessageDialog *dialog = crm_board_page_get_reason_dialog (fixture.page);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
dialog_gone (gpointer data)
{
  return crm_board_page_get_reason_dialog (fixture.page) == NULL;
}

/* Screenshots */

static void
save_screenshot (GtkWidget  *window,
                 const char *name)
{
  settle_on (window);
  ui_save_window_screenshot (window, name);
}

/* Test cases */

static void
test_board_opens (void)
{
  CrmOpportunityCard *juniper, *orchard;
  const char * const *stages;

  fixture.page = CRM_BOARD_PAGE (crm_window_show_pipeline (fixture.window));
  g_assert_nonnull (fixture.page);
  g_assert_true (ui_wait_until (widget_mapped, fixture.page));
  g_assert_cmpstr (crm_board_page_get_pipeline (fixture.page), ==, "New Business");

  stages = crm_board_page_get_stages (fixture.page);
  g_assert_cmpuint (g_strv_length ((char **) stages), ==, 5);
  g_assert_cmpstr (stages[0], ==, "Discovery");
  g_assert_cmpstr (stages[4], ==, "Closed Lost");

  settle ();
  assert_column ("Discovery", "Orchard pilot, Harbor seats, Juniper trial");
  assert_column ("Evaluation", "Atlas Renewal, Elm upgrade");
  assert_column ("Negotiation", "Birch renewal, Cedar upgrade");
  assert_column ("Closed Won", "");

  /* Sums per currency, by code. */
  g_assert_cmpstr (crm_board_column_get_sums_text (column ("Discovery")), ==,
                   "EUR 12900.00 · USD 4000.00");

  /* Cards: the customer, "me" by name, the stale mark where it is due. */
  orchard = find_card ("Discovery", "Orchard pilot");
  juniper = find_card ("Discovery", "Juniper trial");
  g_assert_cmpstr (crm_opportunity_card_get_owner_text (orchard), ==, "Sam");
  g_assert_false (crm_opportunity_card_get_stale (orchard));
  g_assert_true (crm_opportunity_card_get_stale (juniper));
  {
    g_autoptr(GDate) entered = g_date_new_dmy (10, G_DATE_JANUARY, 2025);
    g_autoptr(GDate) today = crm_date_today_local ();
    g_autofree char *expected = g_strdup_printf ("%d d idle",
                                                 g_date_days_between (entered, today));

    g_assert_cmpstr (crm_opportunity_card_get_days_text (juniper), ==, expected);
    g_assert_cmpstr (crm_opportunity_card_get_days_text (orchard), ==, "2 d");
  }
}

static void
test_drag_source (void)
{
  CrmOpportunityCard *card = find_card ("Discovery", "Orchard pilot");
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (card));
  g_autoptr(GdkContentProvider) content = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  GtkDragSource *source = NULL;

  for (guint i = 0; source == NULL && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DRAG_SOURCE (controller))
        source = GTK_DRAG_SOURCE (controller);
    }
  g_assert_nonnull (source);

  /* What a drag of the card carries: its id. */
  g_signal_emit_by_name (source, "prepare", 10.0, 10.0, &content);
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_INT64);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  g_assert_cmpint (g_value_get_int64 (&value), ==, card_id ("Orchard pilot"));
}

static void
test_drops (void)
{
  graphene_rect_t bounds;

  settle ();

  /* Top: on the upper half of the first card. */
  bounds = card_bounds ("Evaluation", "Atlas Renewal");
  drop ("Juniper trial", "Evaluation", bounds.origin.y + 4);
  assert_column ("Evaluation", "Juniper trial, Atlas Renewal, Elm upgrade");
  assert_column ("Discovery", "Orchard pilot, Harbor seats");
  g_assert_true (ui_wait_until (toast_says, (gpointer) "moved to Evaluation"));
  settle ();

  /* Middle: on the upper half of the third card. */
  bounds = card_bounds ("Evaluation", "Elm upgrade");
  drop ("Orchard pilot", "Evaluation", bounds.origin.y + 4);
  assert_column ("Evaluation", "Juniper trial, Atlas Renewal, Orchard pilot, Elm upgrade");
  settle ();

  /* End: on the lower half of the last card, and below it. */
  bounds = card_bounds ("Evaluation", "Elm upgrade");
  drop ("Harbor seats", "Evaluation", bounds.origin.y + bounds.size.height - 4);
  assert_column ("Evaluation",
                 "Juniper trial, Atlas Renewal, Orchard pilot, Elm upgrade, Harbor seats");
  assert_column ("Discovery", "");
  settle ();

  /* An empty column. */
  drop ("Orchard pilot", "Discovery", 200);
  assert_column ("Discovery", "Orchard pilot");
  assert_column ("Evaluation", "Juniper trial, Atlas Renewal, Elm upgrade, Harbor seats");
  settle ();

  /* Within the column: the last card to the top, then down by one. */
  bounds = card_bounds ("Evaluation", "Juniper trial");
  drop ("Harbor seats", "Evaluation", bounds.origin.y + 2);
  assert_column ("Evaluation", "Harbor seats, Juniper trial, Atlas Renewal, Elm upgrade");
  g_assert_true (ui_wait_until (toast_says, (gpointer) "Moved “Harbor seats”"));
  settle ();

  bounds = card_bounds ("Evaluation", "Atlas Renewal");
  drop ("Harbor seats", "Evaluation", bounds.origin.y + bounds.size.height - 2);
  assert_column ("Evaluation", "Juniper trial, Atlas Renewal, Harbor seats, Elm upgrade");
  settle ();

  /* Back home for the cases below. */
  drop ("Harbor seats", "Discovery", 700);
  assert_column ("Discovery", "Orchard pilot, Harbor seats");
  drop ("Juniper trial", "Discovery", 700);
  assert_column ("Discovery", "Orchard pilot, Harbor seats, Juniper trial");
  assert_column ("Evaluation", "Atlas Renewal, Elm upgrade");
}

static void
test_move_menu (void)
{
  CrmOpportunityCard *card;
  g_autoptr(GMenuModel) menu = NULL;
  GMenuModel *move_to;
  guint n;
  gboolean offers_negotiation = FALSE;

  settle ();
  card = find_card ("Discovery", "Harbor seats");
  menu = crm_opportunity_card_dup_menu (card);
  move_to = g_menu_model_get_item_link (menu, 1, G_MENU_LINK_SUBMENU);
  g_assert_nonnull (move_to);

  n = g_menu_model_get_n_items (move_to);
  g_assert_cmpuint (n, ==, 4);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = NULL;

      g_menu_model_get_item_attribute (move_to, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      g_assert_cmpstr (label, !=, "Discovery");
      offers_negotiation |= g_strcmp0 (label, "Negotiation") == 0;
    }
  g_assert_true (offers_negotiation);

  /* The item's action, from the card, as the menu activates it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "board.move-card", "(xs)",
                                             card_id ("Harbor seats"), "Negotiation"));
  assert_column ("Negotiation", "Harbor seats, Birch renewal, Cedar upgrade");
  assert_column ("Discovery", "Orchard pilot, Juniper trial");
  g_assert_true (ui_wait_until (card_has_focus, (gpointer) "Harbor seats"));
  g_clear_object (&move_to);
}

static void
test_keyboard (void)
{
  settle ();
  g_assert_true (ui_wait_until (card_has_focus, (gpointer) "Harbor seats"));

  press ("<Control><Shift>Left");
  assert_column ("Evaluation", "Harbor seats, Atlas Renewal, Elm upgrade");
  g_assert_true (ui_wait_until (card_has_focus, (gpointer) "Harbor seats"));

  press ("<Alt>Down");
  assert_column ("Evaluation", "Atlas Renewal, Harbor seats, Elm upgrade");
  g_assert_true (ui_wait_until (card_has_focus, (gpointer) "Harbor seats"));

  press ("<Alt>Up");
  assert_column ("Evaluation", "Harbor seats, Atlas Renewal, Elm upgrade");

  press ("<Control><Shift>Left");
  assert_column ("Discovery", "Harbor seats, Orchard pilot, Juniper trial");
  g_assert_true (ui_wait_until (card_has_focus, (gpointer) "Harbor seats"));

  /* Nothing before the first stage: the card stays. */
  press ("<Control><Shift>Left");
  ui_run_for (100);
  assert_column ("Discovery", "Harbor seats, Orchard pilot, Juniper trial");

  press ("<Control><Shift>Right");
  assert_column ("Evaluation", "Harbor seats, Atlas Renewal, Elm upgrade");
  g_assert_true (ui_wait_until (card_has_focus, (gpointer) "Harbor seats"));
  press ("<Control><Shift>Left");
  assert_column ("Discovery", "Harbor seats, Orchard pilot, Juniper trial");

  /* Ctrl+Z undoes the latest move, once; the focus follows the card. */
  press ("<Control>z");
  assert_column ("Evaluation", "Harbor seats, Atlas Renewal, Elm upgrade");
  g_assert_true (ui_wait_until (card_has_focus, (gpointer) "Harbor seats"));
  g_assert_true (ui_wait_until (toast_says, (gpointer) "Move undone"));
  press ("<Control>z");
  ui_run_for (100);
  assert_column ("Evaluation", "Harbor seats, Atlas Renewal, Elm upgrade");
  press ("<Control><Shift>Left");
  assert_column ("Discovery", "Harbor seats, Orchard pilot, Juniper trial");

  /* Shift+F10 opens the focused card's menu, with "Move to". */
  g_assert_true (ui_wait_until (card_has_focus, (gpointer) "Harbor seats"));
  press ("<Shift>F10");
  {
    GtkMenuButton *button = crm_opportunity_card_get_menu_button (
      find_card ("Discovery", "Harbor seats"));

    g_assert_true (ui_wait_until (widget_mapped, gtk_menu_button_get_popover (button)));
    gtk_menu_button_popdown (button);
  }
}

/* Clicks one of the dialog's response buttons. */
static void
respond (const char *label)
{
  GtkWidget *dialog = GTK_WIDGET (crm_board_page_get_reason_dialog (fixture.page));

  ui_click (ui_find_button (dialog, label));
  g_assert_true (ui_wait_until (dialog_gone, NULL));
}

/* K2: Negotiation = [Birch renewal, Cedar upgrade]; Cedar goes to Closed
 * Lost. */
static void
test_k2_cancel (void)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  settle ();
  drop ("Cedar upgrade", "Closed Lost", 200);
  g_assert_true (ui_wait_until (dialog_open, NULL));

  /* No reason, no way to confirm. */
  dialog = crm_board_page_get_reason_dialog (fixture.page);
  entry = ui_find_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "lost"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "lost"));

  /* (a) Cancel: nothing stored, Cedar still at index 1. */
  respond ("_Cancel");
  ui_run_for (100);
  assert_column ("Negotiation", "Birch renewal, Cedar upgrade");
  assert_column ("Closed Lost", "");
}

static void
test_k2_reason (void)
{
  g_autoptr(GObject) cedar = NULL;
  GtkWidget *entry;

  drop ("Cedar upgrade", "Closed Lost", 200);
  g_assert_true (ui_wait_until (dialog_open, NULL));

  entry = ui_find_of_type (GTK_WIDGET (crm_board_page_get_reason_dialog (fixture.page)),
                           GTK_TYPE_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Price");
  g_assert_true (adw_message_dialog_get_response_enabled (
    crm_board_page_get_reason_dialog (fixture.page), "lost"));
  respond ("_Mark as Lost");

  /* (b) Cedar in Closed Lost with the reason. */
  assert_column ("Negotiation", "Birch renewal");
  assert_column ("Closed Lost", "Cedar upgrade");
  cedar = crm_store_load (fixture.store, CRM_ENTITY_OPPORTUNITY, card_id ("Cedar upgrade"), NULL);
  g_assert_cmpstr (crm_opportunity_get_lost_reason (CRM_OPPORTUNITY (cedar)), ==, "Price");
  g_assert_nonnull (crm_opportunity_get_closed_on (CRM_OPPORTUNITY (cedar)));
  g_assert_true (ui_wait_until (toast_says, (gpointer) "moved to Closed Lost"));
}

static gboolean
counts_are (gpointer data)
{
  const guint *counts = data;

  return crm_board_column_get_count (column ("Evaluation")) == counts[0] &&
         crm_board_column_get_count (column ("Negotiation")) == counts[1];
}

static void
assert_k1_moved (void)
{
  guint counts[] = { 1, 2 };
  AdwToast *toast;

  /* Stored once, in Negotiation; gone from the view; counts −1 and +1. */
  assert_column ("Negotiation", "Atlas Renewal, Birch renewal");
  g_assert_true (ui_wait_until (counts_are, counts));
  g_assert_null (crm_board_column_find_card (column ("Evaluation"), card_id ("Atlas Renewal")));
  g_assert_true (crm_board_column_get_collapsed (column ("Negotiation")));

  g_assert_true (ui_wait_until (toast_says,
                                (gpointer) "moved to Negotiation and is hidden by the filter"));
  toast = crm_board_page_get_last_toast (fixture.page);
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");
}

static void
undo_last_move (void)
{
  guint counts[] = { 2, 1 };

  g_signal_emit_by_name (crm_board_page_get_last_toast (fixture.page), "button-clicked");
  assert_column ("Evaluation", "Atlas Renewal, Elm upgrade");
  g_assert_true (ui_wait_until (counts_are, counts));
}

/* K1 (a): only Discovery and Evaluation shown; Atlas Renewal goes to the
 * hidden Negotiation by drag and by "Move to". */
static void
test_k1_hidden_stage (void)
{
  static const char * const hidden[] = { "Negotiation", "Closed Won", "Closed Lost" };
  g_autoptr(CrmFilter) all = NULL;
  g_autoptr(GArray) ids = NULL;
  guint found = 0;

  for (guint i = 0; i < G_N_ELEMENTS (hidden); i++)
    crm_board_page_set_stage_hidden (fixture.page, hidden[i], TRUE);
  crm_board_page_set_filters (fixture.page, "me", CRM_BOARD_CLOSING_ANY, 0);
  settle ();
  g_assert_true (crm_board_column_get_collapsed (column ("Closed Won")));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (column ("Negotiation"))), <, 80);
  save_screenshot (GTK_WIDGET (fixture.window), "board-k1-hidden.png");

  /* By drag: onto the narrow column. */
  drop ("Atlas Renewal", "Negotiation", 40);
  assert_k1_moved ();
  undo_last_move ();

  /* By the card's menu; the focus goes to the hidden stage's strip. */
  settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (find_card ("Evaluation", "Atlas Renewal")),
                                             "board.move-card", "(xs)",
                                             card_id ("Atlas Renewal"), "Negotiation"));
  assert_k1_moved ();
  g_assert_true (ui_wait_until (focus_in, column ("Negotiation")));

  /* Clearing the filter shows it once, in Negotiation. */
  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "board.clear-filters", NULL);
  g_assert_false (crm_board_column_get_collapsed (column ("Negotiation")));
  assert_column ("Negotiation", "Atlas Renewal, Birch renewal");
  for (guint i = 0; crm_board_page_get_stages (fixture.page)[i] != NULL; i++)
    {
      CrmQueryModel *model = crm_board_column_get_model (
        column (crm_board_page_get_stages (fixture.page)[i]));

      if (crm_query_model_find (model, card_id ("Atlas Renewal")) != G_MAXUINT)
        found++;
    }
  g_assert_cmpuint (found, ==, 1);

  all = crm_filter_parse ("name is \"Atlas Renewal\"", NULL);
  ids = crm_store_query_ids (fixture.store, CRM_ENTITY_OPPORTUNITY, all, NULL, NULL, FALSE,
                             NULL);
  g_assert_cmpuint (ids->len, ==, 1);
}

/* K4 in a header. */
static void
test_k4_header (void)
{
  CrmBoardColumn *proposal;

  crm_board_page_set_pipeline (fixture.page, "K4");
  proposal = column ("Proposal");
  g_assert_cmpuint (crm_board_column_get_count (proposal), ==, 5);
  g_assert_cmpstr (crm_board_column_get_sums_text (proposal), ==,
                   "EUR 1000.00 · JPY 1500 · USD 2500.80");
  g_assert_cmpstr (crm_board_column_get_weighted_text (proposal), ==,
                   "EUR 250.00 · JPY 375 · USD 625.21");

  crm_board_page_set_pipeline (fixture.page, "New Business");
  settle ();
  save_screenshot (GTK_WIDGET (fixture.window), "board-small.png");
}

#define EDITOR GSIZE_TO_POINTER (CRM_TYPE_OPPORTUNITY_EDITOR)

static const char *
combo_text (GtkWidget  *editor,
            const char *title)
{
  GtkWidget *row = ui_find_row (editor, title);

  return gtk_string_object_get_string (adw_combo_row_get_selected_item (ADW_COMBO_ROW (row)));
}

static gboolean
sums_are (gpointer data)
{
  const char * const *pair = data;

  return g_str_equal (crm_board_column_get_sums_text (column (pair[0])), pair[1]);
}

/* The board's "+" and a card's "Edit…" open the opportunity editor. */
static void
test_editor_from_board (void)
{
  g_autoptr(GObject) elm = NULL;
  GtkWidget *editor;

  /* New: in the board's pipeline, at its first stage; the customer is
   * chosen in the dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "board.new-opportunity",
                                             NULL));
  g_assert_true (ui_wait_until (ui_has_mapped_toplevel, EDITOR));
  editor = ui_find_toplevel (CRM_TYPE_OPPORTUNITY_EDITOR);
  ui_run_for (100);
  g_assert_cmpint (crm_opportunity_editor_get_customer_id (CRM_OPPORTUNITY_EDITOR (editor)),
                   ==, 0);
  g_assert_cmpstr (combo_text (editor, "_Pipeline"), ==, "New Business");
  g_assert_cmpstr (combo_text (editor, "_Stage"), ==, "Discovery");
  g_assert_true (gtk_widget_activate_action (editor, "window.close", NULL));
  g_assert_true (ui_wait_until (ui_has_no_toplevel, EDITOR));

  /* Edit: the card's fields; a new amount shows on the column's sums. */
  settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (find_card ("Evaluation", "Elm upgrade")),
                                             "board.edit-card", "x", card_id ("Elm upgrade")));
  g_assert_true (ui_wait_until (ui_has_mapped_toplevel, EDITOR));
  editor = ui_find_toplevel (CRM_TYPE_OPPORTUNITY_EDITOR);
  ui_run_for (100);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_find_row (editor, "_Name"))), ==,
                   "Elm upgrade");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_find_row (editor, "_Amount"))), ==,
                   "500.00");
  gtk_editable_set_text (GTK_EDITABLE (ui_find_row (editor, "_Amount")), "750.00");
  crm_opportunity_editor_save (CRM_OPPORTUNITY_EDITOR (editor));
  g_assert_true (ui_wait_until (ui_has_no_toplevel, EDITOR));

  g_assert_true (ui_wait_until (sums_are, (const char *[]) { "Evaluation", "GBP 750.00" }));
  elm = crm_store_load (fixture.store, CRM_ENTITY_OPPORTUNITY, card_id ("Elm upgrade"), NULL);
  g_assert_cmpint (crm_opportunity_get_amount_minor (CRM_OPPORTUNITY (elm)), ==, 75000);
  g_assert_cmpstr (crm_opportunity_get_stage (CRM_OPPORTUNITY (elm)), ==, "Evaluation");
  assert_column ("Evaluation", "Elm upgrade");
}

static gboolean
column_exists (gpointer stage)
{
  return crm_board_page_get_column (fixture.page, stage) != NULL;
}

/* A stage name that arrives with a card from a sync, and that no pipeline
 * configures, gets its column at the end, marked, and its card. */
static void
test_unconfigured_stage (void)
{
  const char * const *stages;
  guint n;

  add_card ("New Business", "Linden Bakery", "Linden pilot", "Legal Review", 0, 30000, "EUR");
  g_assert_true (ui_wait_until (column_exists, (gpointer) "Legal Review"));

  stages = crm_board_page_get_stages (fixture.page);
  n = g_strv_length ((char **) stages);
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpstr (stages[n - 1], ==, "Legal Review");
  g_assert_false (crm_board_column_is_configured (column ("Legal Review")));
  g_assert_true (crm_board_column_is_configured (column ("Discovery")));
  assert_column ("Legal Review", "Linden pilot");
  g_assert_cmpstr (crm_board_column_get_sums_text (column ("Legal Review")), ==, "EUR 300.00");
  g_assert_cmpstr (crm_board_column_get_weighted_text (column ("Legal Review")), ==, "EUR 0.00");
}

static gboolean
scrolled_down (gpointer data)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (
    GTK_SCROLLABLE (crm_board_column_get_list_view (data)));

  return gtk_adjustment_get_value (adjustment) > 0;
}

static gboolean
scrolled_to_end (gpointer data)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (
    GTK_SCROLLABLE (crm_board_column_get_list_view (data)));

  return gtk_adjustment_get_value (adjustment) >=
         gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) - 1;
}

/* The end of a column longer than the window: a card dragged to the
 * bottom edge scrolls the column down, and drops after the last card. */
static void
test_drop_end_of_long_column (void)
{
  CrmBoardColumn *backlog;
  GtkDropTarget *target;
  GdkDragAction action = 0;
  graphene_rect_t bounds;
  int height;

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("Long %02u", i);

      add_card ("Long", "Teak Lumber", name, "Backlog", i * 1024, 1000, "EUR");
    }
  add_card ("Long", "Walnut Crafts", "Walnut order", "Inbox", 0, 1000, "EUR");

  crm_board_page_set_pipeline (fixture.page, "Long");
  backlog = column ("Backlog");
  settle ();
  target = crm_board_column_get_drop_target (backlog);
  height = gtk_widget_get_height (GTK_WIDGET (backlog));

  /* Near the bottom edge the column scrolls while the card hovers. */
  g_signal_emit_by_name (target, "motion", 100.0, (double) height - 4, &action);
  g_assert_cmpint (action, ==, GDK_ACTION_MOVE);
  g_assert_true (ui_wait_until (scrolled_down, backlog));
  g_assert_true (ui_wait_until (scrolled_to_end, backlog));
  g_signal_emit_by_name (target, "leave");
  settle ();

  /* Dropped on the lower half of the last card: at the end. */
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (find_card ("Backlog", "Long 29")),
                                            GTK_WIDGET (backlog), &bounds));
  drop ("Walnut order", "Backlog", bounds.origin.y + bounds.size.height - 4);
  g_assert_true (ui_wait_until (toast_says, (gpointer) "moved to Backlog"));

  {
    g_autoptr(CrmFilter) filter = crm_board_column_filter_new ("Long", "Backlog", NULL);
    g_autoptr(GArray) ids = crm_store_query_ids (fixture.store, CRM_ENTITY_OPPORTUNITY, filter,
                                                 NULL, "board_position", FALSE, NULL);

    g_assert_cmpuint (ids->len, ==, 31);
    g_assert_cmpint (g_array_index (ids, gint64, 30), ==, card_id ("Walnut order"));
    g_assert_cmpint (g_array_index (ids, gint64, 29), ==, card_id ("Long 29"));
  }

  crm_board_page_set_pipeline (fixture.page, "New Business");
}

/* A board a rep stares at all day: the demo book, light and dark. */
static void
test_screenshots (void)
{
  g_autofree char *path = g_build_filename (fixture.dir, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  AdwStyleManager *style = adw_style_manager_get_default ();
  CrmWindow *window;
  GtkWidget *page;

  store = crm_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (crm_store_demo_fill (store, 400, &error));
  g_assert_no_error (error);

  window = crm_window_new (fixture.app, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1500, 900);
  gtk_window_present (GTK_WINDOW (window));
  page = crm_window_show_pipeline (window);
  g_assert_nonnull (page);
  ui_run_for (300);
  save_screenshot (GTK_WIDGET (window), "board-demo.png");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  ui_run_for (300);
  save_screenshot (GTK_WIDGET (window), "board-demo-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_run_for (100);
  crm_store_close (store);
}

/* Fixture */

static void
set_up (void)
{
  fixture.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ui_open_profile (&fixture.dir, &fixture.store, &fixture.app);
  fill_book ();

  fixture.window = crm_window_new (fixture.app, fixture.store);
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 1600, 900);
  gtk_window_present (GTK_WINDOW (fixture.window));
}

static void
tear_down (void)
{
  if (fixture.window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture.window));
  ui_run_for (50);

  g_clear_pointer (&fixture.ids, g_hash_table_unref);
  ui_close_profile (&fixture.dir, &fixture.store, &fixture.app);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_set_test_environment ();

  g_test_init (&argc, &argv, NULL);

  status = ui_init ();
  if (status != 0)
    return status;

  g_test_add_func ("/crm/ui/board/opens", test_board_opens);
  g_test_add_func ("/crm/ui/board/drag-source", test_drag_source);
  g_test_add_func ("/crm/ui/board/drops", test_drops);
  g_test_add_func ("/crm/ui/board/move-menu", test_move_menu);
  g_test_add_func ("/crm/ui/board/keyboard", test_keyboard);
  g_test_add_func ("/crm/ui/board/k2-cancel", test_k2_cancel);
  g_test_add_func ("/crm/ui/board/k2-reason", test_k2_reason);
  g_test_add_func ("/crm/ui/board/k1-hidden-stage", test_k1_hidden_stage);
  g_test_add_func ("/crm/ui/board/k4-header", test_k4_header);
  g_test_add_func ("/crm/ui/board/editor", test_editor_from_board);
  g_test_add_func ("/crm/ui/board/unconfigured-stage", test_unconfigured_stage);
  g_test_add_func ("/crm/ui/board/drop-end-of-long-column", test_drop_end_of_long_column);
  g_test_add_func ("/crm/ui/board/screenshots", test_screenshots);

  return ui_run_tests (set_up, tear_down);
}
